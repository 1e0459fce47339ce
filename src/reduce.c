/* reduce.c - floor-area reduction by the sorting's sell and lease
 * decisions (reduce.h). */
#include "koyu/reduce.h"

#include <stdlib.h>
#include <string.h>

#include "koyu/assess.h"

struct reduce_key {
    int group; /* 0 sell, 1 lease */
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
    for (i = 0; i < n; i++) {
        f[i].exit_year = 0;
        r->start_m2 += f[i].floor_area_m2;
        if (f[i].decision == ASSESS_SELL || f[i].decision == ASSESS_LEASE) {
            key[m].group = f[i].decision == ASSESS_SELL ? 0 : 1;
            key[m].hard = f[i].hard;
            key[m].index = i;
            m++;
        }
    }
    r->target_m2 = o->share * r->start_m2;
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
        if (cum >= r->target_m2 && !r->reached_year)
            r->reached_year = x->exit_year;
    }
    free(key);
    return 0;
}
