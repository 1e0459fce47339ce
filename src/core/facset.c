/* facset.c - insertion-ordered hash set of facility ids. */
#include "koyu/core/facset.h"

#include "koyu/core/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct facset {
    struct facset_entry *entries; /* insertion order */
    size_t n, cap;
    uint32_t *slots;  /* index + 1 into entries; 0 = empty */
    size_t nslots;    /* power of two */
    struct arena ids; /* the ids, by offset */
};

/* FNV-1a: ids are short, and it spreads "F000123"-style ids well. */
static uint32_t
facset_hash(const char *s)
{
    uint32_t h = 2166136261u;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static int
facset_grow_slots(facset *s)
{
    size_t nslots = s->nslots ? s->nslots * 2 : 1024, i;
    uint32_t *slots = calloc(nslots, sizeof *slots);

    if (!slots)
        return -1;
    for (i = 0; i < s->n; i++) {
        size_t j = facset_hash(arena_at(&s->ids, s->entries[i].key)) & (nslots - 1);

        while (slots[j])
            j = (j + 1) & (nslots - 1);
        slots[j] = (uint32_t)i + 1;
    }
    free(s->slots);
    s->slots = slots;
    s->nslots = nslots;
    return 0;
}

facset *
facset_new(void)
{
    facset *s = calloc(1, sizeof *s);

    if (s && facset_grow_slots(s) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

void
facset_free(facset *s)
{
    if (!s)
        return;
    free(s->entries);
    free(s->slots);
    arena_release(&s->ids);
    free(s);
}

/* Slot where id is or would go. */
static size_t
facset_slot(const facset *s, const char *id)
{
    size_t j = facset_hash(id) & (s->nslots - 1);

    while (s->slots[j] && strcmp(arena_at(&s->ids, s->entries[s->slots[j] - 1].key), id) != 0)
        j = (j + 1) & (s->nslots - 1);
    return j;
}

struct facset_entry *
facset_find(const facset *s, const char *id)
{
    size_t j = facset_slot(s, id);

    return s->slots[j] ? &s->entries[s->slots[j] - 1] : NULL;
}

struct facset_entry *
facset_add(facset *s, const char *id, long line, unsigned flags, int *existed)
{
    size_t len = strlen(id) + 1, j, key;
    struct facset_entry *e;

    *existed = 0;
    j = facset_slot(s, id);
    if (s->slots[j]) {
        *existed = 1;
        return &s->entries[s->slots[j] - 1];
    }
    if (s->n >= UINT32_MAX - 1)
        return NULL;
    if (2 * (s->n + 1) > s->nslots) { /* keep the load under one half */
        if (facset_grow_slots(s) != 0)
            return NULL;
        j = facset_slot(s, id);
    }
    if (arena_grow((void **)&s->entries, &s->cap, s->n + 1, sizeof *s->entries) != 0)
        return NULL;
    key = arena_add(&s->ids, id, len - 1);
    if (key == ARENA_NONE)
        return NULL;
    e = &s->entries[s->n];
    e->key = key;
    e->line = line;
    e->flags = flags;
    e->last_fiscal_year = 0;
    s->slots[j] = (uint32_t)++s->n;
    return e;
}

size_t
facset_count(const facset *s)
{
    return s->n;
}

struct facset_entry *
facset_at(const facset *s, size_t i)
{
    return i < s->n ? &s->entries[i] : NULL;
}

const char *
facset_id(const facset *s, const struct facset_entry *e)
{
    return arena_at(&s->ids, e->key);
}
