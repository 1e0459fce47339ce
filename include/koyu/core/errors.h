/*
 * errors.h - koyu's one error enum and its message table.
 *
 * Every function that can fail returns enum koyu_err; data problems are
 * reported in detail through diag.h and summarised here as KOYU_ERR_DATA.
 */
#ifndef KOYU_ERRORS_H
#define KOYU_ERRORS_H

#include "koyu/core/lang.h"

enum koyu_err {
    KOYU_OK = 0,         /* no error */
    KOYU_ERR_NOMEM,      /* an allocation failed */
    KOYU_ERR_IO,         /* a file could not be opened, read or written */
    KOYU_ERR_USAGE,      /* bad command line */
    KOYU_ERR_DATA,       /* the input has errors, each reported by diag */
    KOYU_ERR_CSV,        /* libcsv failed for a reason other than the data */
    KOYU_ERR_ENCODING,   /* iconv could not be set up for the encoding */
    KOYU_ERR_DB,         /* SQLite returned an error */
    KOYU_ERR_DB_NEWER,   /* the database was written by a newer koyu */
    KOYU_ERR_DB_FOREIGN, /* the file is an SQLite database but not koyu's */
    KOYU_ERR__COUNT
};

/* Returns a static English message for e; out-of-range values are clamped. */
const char *koyu_strerror(enum koyu_err e);

/* The message of e in lang, from the catalog; for what a person reads. */
const char *koyu_strerror_lang(enum koyu_err e, enum koyu_lang lang);

/* Exit status for e: 0 ok, 2 usage, 1 everything else. */
int koyu_exit_status(enum koyu_err e);

#endif
