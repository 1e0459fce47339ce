/*
 * facset.h - the facilities of one import, by id: where each was defined
 * and what rows refer to it.  Lets the reader thread check references,
 * duplicates and the cross-file warnings without asking the database.
 * Open addressing over an insertion-ordered array, so iteration follows
 * the order of facilities.csv.
 */
#ifndef KOYU_FACSET_H
#define KOYU_FACSET_H

#include <stddef.h>

#define FACSET_REJECTED     1u /* its row had errors: not in the database */
#define FACSET_IN_SERVICE   2u /* status 供用中 */
#define FACSET_HAS_BUILDING 4u

struct facset_entry {
    long line;            /* line in facilities.csv */
    unsigned flags;       /* FACSET_* */
    int last_fiscal_year; /* latest fiscal year of its usage rows, 0 = none */
    size_t key;           /* offset of the id in the set's text */
};

typedef struct facset facset;

/* A new empty set, or NULL when out of memory.  Free with facset_free. */
facset *facset_new(void);

/* Frees s and its entries; NULL is a no-op. */
void facset_free(facset *s);

/* Adds id (copied) defined at line with flags.  Returns the new entry, or
 * the existing one with *existed set (nothing changed), or NULL when out
 * of memory.  The pointer is valid until the next facset_add. */
struct facset_entry *facset_add(facset *s, const char *id, long line, unsigned flags, int *existed);

/* The entry for id, or NULL; valid until the next facset_add. */
struct facset_entry *facset_find(const facset *s, const char *id);

/* Number of entries, the i-th in insertion order, and an entry's id. */
size_t facset_count(const facset *s);
struct facset_entry *facset_at(const facset *s, size_t i);
const char *facset_id(const facset *s, const struct facset_entry *e);

#endif
