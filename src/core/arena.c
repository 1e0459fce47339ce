/* arena.c - growable byte buffer addressed by offsets. */
#include "koyu/core/arena.h"

#include <stdlib.h>
#include <string.h>

size_t
arena_add(struct arena *a, const void *p, size_t n)
{
    size_t off = a->len;

    if (!p)
        return ARENA_NONE;
    if (a->len + n + 1 > a->cap) {
        size_t cap = a->cap ? a->cap : 16384;
        char *d;

        while (cap < a->len + n + 1)
            cap *= 2;
        d = realloc(a->data, cap);
        if (!d)
            return ARENA_NONE;
        a->data = d;
        a->cap = cap;
    }
    memcpy(a->data + off, p, n);
    a->data[off + n] = '\0';
    a->len += n + 1;
    return off;
}

size_t
arena_add_str(struct arena *a, const char *s)
{
    return s ? arena_add(a, s, strlen(s)) : ARENA_NONE;
}

const char *
arena_at(const struct arena *a, size_t off)
{
    return off == ARENA_NONE ? NULL : a->data + off;
}

void
arena_clear(struct arena *a)
{
    a->len = 0;
}

void
arena_release(struct arena *a)
{
    free(a->data);
    a->data = NULL;
    a->len = a->cap = 0;
}

int
arena_grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : 16;
    void *q;

    if (need <= *cap)
        return 0;
    while (n < need)
        n *= 2;
    q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}
