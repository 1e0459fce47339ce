/*
 * vocab.h - the closed vocabularies of the inventory: the 13 MIC categories
 * (docs/method.md §1.1), structures, seismic status, facility status, land
 * tenure and yes/no.  Each entry has a stable code (stored in the database),
 * a Japanese and an English name, and the aliases real exports use.
 */
#ifndef KOYU_VOCAB_H
#define KOYU_VOCAB_H

#include <stddef.h>

#include "koyu/core/diag.h"

enum vocab_kind {
    VOCAB_CATEGORY = 0,
    VOCAB_STRUCTURE,
    VOCAB_SEISMIC,
    VOCAB_STATUS,
    VOCAB_LAND,
    VOCAB_BOOL,
    VOCAB_DECISION, /* keep / repair / rebuild / sell / lease, in assess.h order */
    VOCAB__COUNT
};

/* Entries of the vocabularies the engine numbers (asset.h, lcc.h): the
 * tables in vocab.c are checked against these at compile time. */
#define VOCAB_CATEGORIES 13
#define VOCAB_STRUCTURES 7
#define VOCAB_SEISMICS   4
#define VOCAB_STATUSES   3
#define VOCAB_DECISIONS  5

struct vocab_entry {
    const char *code;           /* stable key, e.g. "school", "RC", "yes" */
    const char *ja;             /* Japanese name as users write it */
    const char *en;             /* English label */
    const char *const *aliases; /* NULL-terminated other spellings, or NULL */
};

/* Finds the entry whose code, names or aliases match text after folding
 * full-width forms, case, spaces, '・' and brackets; NULL when none does.
 * The table is static: the result is never freed. */
const struct vocab_entry *vocab_find(enum vocab_kind kind, const char *text);

/* Number of entries of kind, and the i-th (0-based), in display order. */
size_t vocab_count(enum vocab_kind kind);
const struct vocab_entry *vocab_at(enum vocab_kind kind, size_t i);

/* Writes the allowed values ("RC, SRC, …" or Japanese names) into buf for
 * messages and the column dictionary; returns buf. */
char *vocab_allowed(enum vocab_kind kind, enum koyu_lang lang, char *buf, size_t size);

#endif
