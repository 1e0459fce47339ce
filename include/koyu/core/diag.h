/*
 * diag.h - diagnostics about the user's data: errors and warnings that name
 * file, line, column, value and reason, in Japanese (default) or English.
 *
 * A struct diag counts what it is given, prints up to a cap per file and
 * severity to its stream, and passes every item to an optional sink (the
 * importer stores them in the database).  It never allocates.
 */
#ifndef KOYU_DIAG_H
#define KOYU_DIAG_H

#include <stdio.h>

#include "koyu/core/lang.h"

enum diag_severity { DIAG_ERROR = 0, DIAG_WARNING };

/* Every kind of finding; the message table in diag.c is checked against it. */
enum diag_code {
    /* errors: file structure */
    DIAG_FILE_MISSING = 0, /* a required file is not in the directory */
    DIAG_FILE_UNREADABLE,  /* open or read failed; detail = strerror */
    DIAG_EMPTY_FILE,       /* no header row */
    DIAG_NO_ROWS,          /* a header but no data rows */
    DIAG_BAD_BYTES,        /* bytes not valid in the encoding; detail = enc */
    DIAG_UNTERMINATED,     /* a quoted field is never closed */
    DIAG_CSV_SYNTAX,       /* stray quote and similar */
    DIAG_FIELD_TOO_LONG,   /* field over the loader's limit; detail = limit */
    DIAG_RAGGED,           /* field count differs from header; detail = n */
    DIAG_MISSING_COLUMN,   /* required column absent; value = its header */
    DIAG_DUP_COLUMN,       /* same column twice; detail = first column no */
    /* errors: values */
    DIAG_MISSING_VALUE, /* required value empty */
    DIAG_NOT_NUMBER,
    DIAG_NOT_INTEGER,
    DIAG_BAD_UNIT, /* detail = the units allowed */
    DIAG_NEGATIVE,
    DIAG_ZERO_AREA,
    DIAG_BAD_YEAR,
    DIAG_YEAR_FUTURE,     /* detail = base year */
    DIAG_YEAR_EARLY,      /* detail = earliest year */
    DIAG_RENOVATED_EARLY, /* detail = built year */
    DIAG_OUT_OF_RANGE,    /* detail = the allowed range */
    DIAG_BAD_GRADE,
    DIAG_UNKNOWN_CATEGORY,
    DIAG_BAD_CHOICE, /* detail = the allowed values */
    DIAG_DUP_ID,     /* detail = line of the first occurrence */
    DIAG_UNKNOWN_FACILITY,
    /* errors: parameter files */
    DIAG_PARAM_UNKNOWN, /* a key no parameter has */
    DIAG_PARAM_VALUE,   /* detail = what the key takes */
    DIAG_PARAM_SYNTAX,  /* a line that is not "key = value" */
    DIAG_PARAM_RENAMED, /* a file koyu no longer reads; detail = its new name */
    /* warnings */
    DIAG_W_UNKNOWN_COLUMN,
    DIAG_W_AREA_LARGE,  /* detail = the threshold */
    DIAG_W_BUILT_EARLY, /* detail = the threshold year */
    DIAG_W_NO_BUILDINGS,
    DIAG_W_NO_USAGE, /* detail = the fiscal year */
    DIAG_W_NO_USAGE_FILE,
    DIAG__COUNT
};

/* One finding.  All pointers are borrowed for the duration of the call. */
struct diag_item {
    enum diag_severity severity;
    enum diag_code code;
    const char *file;        /* file name as shown to the user */
    long line;               /* 1-based physical line; 0 = whole file */
    int column;              /* 1-based column; 0 = none */
    const char *column_name; /* header as written in the file, or NULL */
    const char *value;       /* offending value, or NULL */
    const char *detail;      /* fills the reason's %s, or NULL */
};

/* Receives every item; returns 0, or non-zero to record a storage failure. */
typedef int (*diag_sink_fn)(void *ctx, const struct diag_item *item);

struct diag {
    enum koyu_lang lang;
    FILE *out;   /* borrowed; NULL prints nothing */
    long cap;    /* items printed per file and severity */
    long errors; /* totals since diag_init */
    long warnings;
    long sink_failures;
    const char *file; /* borrowed; current file for the counters */
    long file_errors;
    long file_warnings;
    diag_sink_fn sink; /* optional */
    void *sink_ctx;
};

/* Sets up d printing to out (may be NULL) with at most cap items per file. */
void diag_init(struct diag *d, FILE *out, enum koyu_lang lang, long cap);

/* Starts the per-file counters; file is borrowed and must outlive its use. */
void diag_begin_file(struct diag *d, const char *file);

/* Prints the "N more errors in FILE" summary for the current file. */
void diag_end_file(struct diag *d);

/* Records one item: counts it, prints it while under the cap, sinks it. */
void diag_report(struct diag *d, const struct diag_item *item);

/* Shorthand for diag_report with the current file. */
void diag_add(struct diag *d, enum diag_severity sev, enum diag_code code, long line, int column,
              const char *column_name, const char *value, const char *detail);

/* Formats item as the user sees it (without the "koyu: " prefix) into buf;
 * returns buf.  Long values are cut and invalid bytes shown as \xNN. */
char *diag_format(const struct diag_item *item, enum koyu_lang lang, char *buf, size_t size);

/* Stable English key of a code ("not_number"), for the database and tests. */
const char *diag_code_key(enum diag_code code);

/* Whether the reason of code takes the item's detail. */
int diag_code_has_detail(enum diag_code code);

/* The code of a stable key, or -1. */
int diag_code_from_key(const char *key);

/* Severity implied by a code. */
enum diag_severity diag_code_severity(enum diag_code code);

#endif
