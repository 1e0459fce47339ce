/* consolidate.c - sources placed into receivers by district (consolidate.h). */
#include "koyu/engine/consolidate.h"

#include <stdlib.h>

/* qsort has no context argument: the array being sorted, one sort at a time
 * (the caller is a single thread per portfolio). */
struct consol_sort {
    const struct consol_facility *f;
    int by_group; /* 1: (district, group), 0: (district, category) */
};

static _Thread_local struct consol_sort consol_ctx;

/* A receiver's bucket within its district: its 中分類, or its category. */
static int
consol_key(const struct consol_facility *x, int by_group)
{
    return by_group ? x->group : x->category;
}

static int
consol_cmp_receiver(const void *pa, const void *pb)
{
    const struct consol_facility *a = &consol_ctx.f[*(const size_t *)pa];
    const struct consol_facility *b = &consol_ctx.f[*(const size_t *)pb];

    if (a->district != b->district)
        return a->district < b->district ? -1 : 1;
    if (consol_key(a, consol_ctx.by_group) != consol_key(b, consol_ctx.by_group))
        return consol_key(a, consol_ctx.by_group) < consol_key(b, consol_ctx.by_group) ? -1 : 1;
    return *(const size_t *)pa < *(const size_t *)pb ? -1 : 1;
}

static int
consol_cmp_source(const void *pa, const void *pb)
{
    const struct consol_facility *a = &consol_ctx.f[*(const size_t *)pa];
    const struct consol_facility *b = &consol_ctx.f[*(const size_t *)pb];

    if (a->hard != b->hard)
        return a->hard < b->hard ? -1 : 1;
    return *(const size_t *)pa < *(const size_t *)pb ? -1 : 1;
}

/* Whether receiver i goes before j in a heap: more room, then lower index. */
static int
consol_before(const struct consol_facility *f, size_t i, size_t j)
{
    return f[i].room > f[j].room || (f[i].room == f[j].room && i < j);
}

static void
consol_sift(const struct consol_facility *f, size_t *h, size_t n, size_t k)
{
    for (;;) {
        size_t best = k, l = 2 * k + 1, r = l + 1, t;

        if (l < n && consol_before(f, h[l], h[best]))
            best = l;
        if (r < n && consol_before(f, h[r], h[best]))
            best = r;
        if (best == k)
            return;
        t = h[k];
        h[k] = h[best];
        h[best] = t;
        k = best;
    }
}

/* Sorts the receivers by (district, key) and makes each bucket a heap;
 * returns their number. */
static size_t
consol_buckets(const struct consol_facility *f, size_t n, size_t *rec, int by_group)
{
    size_t m = 0, i, start;

    /* (a source is never a receiver, whatever its room says) */
    for (i = 0; i < n; i++)
        if (f[i].room > 0 && f[i].district >= 0 && !f[i].source)
            rec[m++] = i;
    consol_ctx.f = f;
    consol_ctx.by_group = by_group;
    qsort(rec, m, sizeof *rec, consol_cmp_receiver);
    for (start = 0; start < m;) {
        size_t end = start + 1, k;

        while (end < m && f[rec[end]].district == f[rec[start]].district &&
               consol_key(&f[rec[end]], by_group) == consol_key(&f[rec[start]], by_group))
            end++;
        for (k = (end - start) / 2; k-- > 0;)
            consol_sift(f, rec + start, end - start, k);
        start = end;
    }
    return m;
}

/* The bucket of (district, key) in rec[0..m): its start and size. */
static size_t
consol_find(const struct consol_facility *f, const size_t *rec, size_t m, int district, int key,
            int by_group, size_t *size)
{
    size_t lo = 0, hi = m, end;

    /* first entry not below (district, key) */
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        const struct consol_facility *x = &f[rec[mid]];

        if (x->district < district || (x->district == district && consol_key(x, by_group) < key))
            lo = mid + 1;
        else
            hi = mid;
    }
    end = lo;
    while (end < m && f[rec[end]].district == district && consol_key(&f[rec[end]], by_group) == key)
        end++;
    *size = end - lo;
    return lo;
}

size_t
consol_match(struct consol_facility *f, size_t n, const unsigned combine[32],
             struct consol_match *out)
{
    size_t *src = malloc((n ? n : 1) * sizeof *src);
    size_t *rec = malloc((n ? n : 1) * sizeof *rec);
    unsigned char *placed = calloc(n ? n : 1, 1);
    size_t ns = 0, nm = 0, m, i;
    int pass;

    if (!src || !rec || !placed) {
        free(src);
        free(rec);
        free(placed);
        return (size_t)-1;
    }
    for (i = 0; i < n; i++)
        if (f[i].source && f[i].district >= 0 && f[i].users > 0)
            src[ns++] = i;
    consol_ctx.f = f;
    qsort(src, ns, sizeof *src, consol_cmp_source);
    for (pass = 0; pass < 2; pass++) {
        const int by_group = pass == 0;

        m = consol_buckets(f, n, rec, by_group);
        for (i = 0; i < ns; i++) {
            const size_t s = src[i];
            size_t best_start = 0, best_size = 0;
            int c;

            if (placed[s])
                continue;
            if (by_group) {
                best_start = consol_find(f, rec, m, f[s].district, f[s].group, 1, &best_size);
            } else {
                for (c = 0; c < 32; c++) {
                    size_t start, size;

                    if (!(combine[f[s].category & 31] & (1u << c)))
                        continue;
                    start = consol_find(f, rec, m, f[s].district, c, 0, &size);
                    if (size && (!best_size || consol_before(f, rec[start], rec[best_start]))) {
                        best_start = start;
                        best_size = size;
                    }
                }
            }
            if (!best_size || f[rec[best_start]].room < f[s].users)
                continue;
            out[nm].source = s;
            out[nm].receiver = rec[best_start];
            out[nm].kind = by_group ? CONSOL_CONSOLIDATE : CONSOL_COMBINE;
            out[nm].room_before = f[rec[best_start]].room;
            nm++;
            placed[s] = 1;
            f[rec[best_start]].room -= f[s].users;
            consol_sift(f, rec + best_start, best_size, 0);
        }
    }
    free(src);
    free(rec);
    free(placed);
    return nm;
}
