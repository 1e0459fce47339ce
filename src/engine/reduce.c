/* reduce.c - floor-area reduction by the sorting's sell and lease
 * decisions (reduce.h). */
#include "koyu/engine/reduce.h"

#include <stdlib.h>
#include <string.h>

#include "koyu/engine/assess.h"

struct reduce_key {
    int group; /* 0 sell, 1 lease; or an exit year (reduce_reached) */
    double hard;
    size_t index;
};

static int
reduce_cmp(const void *pa, const void *pb)
{
    const struct reduce_key *a = pa, *b = pb;

    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->hard != b->hard)
        return a->hard < b->hard ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* The year the exits reach target: exits sorted by year, added up. */
static int
reduce_reached(const struct reduce_facility *f, size_t n, double target)
{
    struct reduce_key *k = malloc((n ? n : 1) * sizeof *k);
    size_t i, m = 0;
    double cum = 0;
    int year = 0;

    if (!k)
        return 0;
    for (i = 0; i < n; i++)
        if (f[i].exit_year) {
            k[m].group = f[i].exit_year;
            k[m].hard = 0;
            k[m].index = i;
            m++;
        }
    qsort(k, m, sizeof *k, reduce_cmp);
    for (i = 0; i < m && !year; i++) {
        cum += f[k[i].index].floor_area_m2;
        if (cum >= target * (1 - 1e-12))
            year = k[i].group;
    }
    free(k);
    return year;
}

int
reduce_plan(const struct reduce_options *o, struct reduce_facility *f, size_t n,
            struct reduce_result *r)
{
    struct reduce_key *key;
    size_t i, m = 0;
    double cum = 0;
    int t = 0;

    memset(r, 0, sizeof *r);
    key = malloc((n ? n : 1) * sizeof *key);
    if (!key)
        return -1;
    for (i = 0; i < n; i++)
        r->start_m2 += f[i].floor_area_m2;
    r->target_m2 = o->share * r->start_m2;
    for (i = 0; i < n; i++) {
        const int candidate = f[i].decision == LCC_SELL || f[i].decision == LCC_LEASE;

        f[i].exit_year = 0;
        if (candidate && f[i].planned_year > 0 && r->target_m2 > 0) {
            /* the plan's own year: it leaves then, and counts first */
            f[i].exit_year = f[i].planned_year < o->first_year ? o->first_year : f[i].planned_year;
            cum += f[i].floor_area_m2;
            r->reduced_m2 += f[i].floor_area_m2;
            r->leaving++;
        } else if (candidate) {
            key[m].group = f[i].decision == LCC_SELL ? 0 : 1;
            key[m].hard = f[i].hard;
            key[m].index = i;
            m++;
        }
    }
    qsort(key, m, sizeof *key, reduce_cmp);
    for (i = 0; i < m && cum < r->target_m2; i++) {
        struct reduce_facility *x = &f[key[i].index];
        double need;

        cum += x->floor_area_m2;
        need = cum < r->target_m2 ? cum : r->target_m2;
        /* the first year whose path reaches need (t only moves forward) */
        while (t < o->years - 1 && r->target_m2 * (t + 1) / o->years < need * (1 - 1e-12))
            t++;
        x->exit_year = o->y0 + t < o->first_year ? o->first_year : o->y0 + t;
        r->reduced_m2 += x->floor_area_m2;
        r->leaving++;
    }
    free(key);
    if (r->target_m2 > 0 && r->reduced_m2 >= r->target_m2 * (1 - 1e-12))
        r->reached_year = reduce_reached(f, n, r->target_m2);
    return 0;
}
