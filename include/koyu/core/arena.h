/*
 * arena.h - a growable byte buffer that hands out offsets: what is copied
 * in stays put relative to the start even when the buffer moves, and the
 * whole of it is emptied or freed at once.
 */
#ifndef KOYU_ARENA_H
#define KOYU_ARENA_H

#include <stddef.h>

#define ARENA_NONE ((size_t)-1)

struct arena {
    char *data; /* owned; NULL until the first add */
    size_t len, cap;
};

/* Copies n bytes of p and a NUL into a; returns their offset, or
 * ARENA_NONE when p is NULL or memory runs out. */
size_t arena_add(struct arena *a, const void *p, size_t n);

/* The same for a NUL-terminated string (NULL gives ARENA_NONE). */
size_t arena_add_str(struct arena *a, const char *s);

/* The bytes at off, or NULL for ARENA_NONE; valid until the next add. */
const char *arena_at(const struct arena *a, size_t off);

/* Empties a, keeping its memory. */
void arena_clear(struct arena *a);

/* Frees a's memory; a can be used again. */
void arena_release(struct arena *a);

/* Makes the array *p (of *cap elements of size bytes, NULL when *cap is 0)
 * hold at least need elements, doubling; returns 0, or -1 with *p and
 * *cap unchanged when memory runs out. */
int arena_grow(void **p, size_t *cap, size_t need, size_t size);

#endif
