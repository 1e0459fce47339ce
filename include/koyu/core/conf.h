/*
 * conf.h - "key = value" text, the form of lcc.conf and of scenario files:
 * one parser for both.  A '#' starts a comment (for lcc.conf keys, the
 * parameter's source); blank lines are skipped; keys and values are folded
 * (full-width letters and digits to ASCII) and trimmed.
 */
#ifndef KOYU_CONF_H
#define KOYU_CONF_H

#include <stddef.h>

#include "koyu/core/diag.h"

#define CONF_MAX_LINE 511 /* bytes; no key or value of ours is longer */

/* One "key = value" line; every string is borrowed for the call. */
struct conf_line {
    long line;           /* 1-based */
    const char *key;     /* folded and trimmed */
    const char *value;   /* folded and trimmed */
    const char *raw;     /* the value as written, only trimmed (titles) */
    const char *comment; /* folded text after '#', or "" */
};

/* Called for each line; returns 0, or the number of errors it reported. */
typedef long (*conf_line_fn)(void *ctx, const struct conf_line *l);

/* Calls fn for every key = value line of text (len bytes).  A line that is
 * not "key = value", is longer than CONF_MAX_LINE or holds a NUL byte is
 * an error reported to d (DIAG_PARAM_SYNTAX, with its line) and skipped.
 * The caller brackets the call with diag_begin_file / diag_end_file.
 * Returns the number of errors: the parser's and fn's. */
long conf_parse(const char *text, size_t len, struct diag *d, conf_line_fn fn, void *ctx);

/* The one boolean syntax of both files: yes / no and their aliases
 * (はい, いいえ, true, false, 1, 0 ...); returns 0, or -1 for anything else. */
int conf_bool(const char *value, int *out);

#endif
