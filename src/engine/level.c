/* level.c - budget-capped leveling of a renewal plan (level.h). */
#include "koyu/engine/level.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(struct level_work) <= 64, "a level_work stays small");

/* The ranking key of a work, sorted on its own: qsort has no context. */
struct level_key {
    int due, essential, review;
    double hard;
    size_t index;
};

static int
level_rank_cmp(const void *pa, const void *pb)
{
    const struct level_key *x = pa, *y = pb;

    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    if (x->hard != y->hard)
        return x->hard < y->hard ? -1 : 1;
    if (x->essential != y->essential)
        return x->essential > y->essential ? -1 : 1;
    if (x->review != y->review)
        return x->review > y->review ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

double
level_part(double cost, double growth, int k, int years)
{
    double f = 1, part = 0, all = 0;
    int j;

    if (k <= 0)
        return 0;
    if (k >= years)
        return cost;
    /* equal shares exactly as before: with no growth, cost * k / years */
    if (growth <= 0 || growth == 1)
        return cost * k / years;
    for (j = 0; j < years; j++) {
        if (j < k)
            part += f;
        all += f;
        f *= growth;
    }
    return cost * part / all;
}

/* What w owes by the end of year y: its planned shares up to y, cumulative. */
static double
level_owed_by(const struct level_options *o, const struct level_work *w, int y)
{
    return level_part(w->cost, o->growth, y - w->due + 1, w->years);
}

/* Small remainders of divisions are not work left. */
static int
level_settled(const struct level_work *w)
{
    return w->state == LEVEL_DROPPED || w->cost - w->paid <= w->cost * 1e-12;
}

static int
level_is_midlife(const struct level_work *w)
{
    return w->deadline > 0 && w->state == LEVEL_PLANNED && w->paid == 0;
}

/* Drops x when it is a rebuild not yet started. */
static void
level_drop(struct level_work *x, struct level_summary *s)
{
    if (x->rebuild && x->state == LEVEL_PLANNED && x->paid == 0) {
        x->state = LEVEL_DROPPED;
        s->deferral_cost -= x->cost;
        s->dropped++;
    }
}

/* Whether a rebuild of the building of works[i] is under way. */
static int
level_rebuilding(const struct level_work *works, size_t n, size_t i)
{
    size_t j;

    for (j = i; j-- > 0 && works[j].building == works[i].building;)
        if (works[j].rebuild && works[j].state != LEVEL_DROPPED && works[j].paid > 0)
            return 1;
    for (j = i + 1; j < n && works[j].building == works[i].building; j++)
        if (works[j].rebuild && works[j].state != LEVEL_DROPPED && works[j].paid > 0)
            return 1;
    return 0;
}

/* w, a renovation not started by its deadline, turns into the rebuild of
 * its building from year y, and the building's rebuilds not yet started
 * are dropped; when a rebuild is already under way the renovation is
 * dropped instead. */
static void
level_convert(const struct level_options *o, struct level_work *works, size_t n, size_t i, int y,
              struct level_summary *s)
{
    struct level_work *w = &works[i];
    const int last = o->y0 + o->horizon - 1;
    int in_window = w->rebuild_years, k;
    double rise = 0, f = 1;
    size_t j;

    if (level_rebuilding(works, n, i)) {
        w->state = LEVEL_DROPPED;
        s->deferral_cost -= w->cost;
        s->dropped++;
        return;
    }
    if (y + in_window - 1 > last)
        in_window = last - y + 1;
    w->state = LEVEL_CONVERTED;
    w->work = w->rebuild_work;
    w->due = y;
    w->years = (unsigned char)in_window;
    /* rebuild_cost is at the prices of year y: the later shares rise */
    for (k = 0; k < in_window; k++) {
        rise += f;
        f *= o->growth > 0 ? o->growth : 1;
    }
    w->cost = w->rebuild_cost * rise / w->rebuild_years;
    s->deferral_cost += w->cost - w->planned_cost;
    s->converted++;
    /* works of a building are adjacent: look both ways */
    for (j = i; j-- > 0 && works[j].building == w->building;)
        level_drop(&works[j], s);
    for (j = i + 1; j < n && works[j].building == w->building; j++)
        level_drop(&works[j], s);
}

int
level_run(const struct level_options *o, struct level_work *works, size_t n,
          struct level_summary *s, level_pay_fn pay, void *ctx)
{
    struct level_key *key = NULL;
    size_t *rank = NULL, *active = NULL, nactive = 0, next = 0, i, k;
    int t;

    memset(s, 0, sizeof *s);
    key = malloc((n ? n : 1) * sizeof *key);
    rank = malloc((n ? n : 1) * sizeof *rank);
    active = malloc((n ? n : 1) * sizeof *active);
    if (!key || !rank || !active) {
        free(key);
        free(rank);
        free(active);
        return -1;
    }
    for (i = 0; i < n; i++) {
        key[i].due = works[i].due;
        key[i].hard = works[i].hard;
        key[i].essential = works[i].essential;
        key[i].review = works[i].review;
        key[i].index = i;
        works[i].state = LEVEL_PLANNED;
        works[i].planned_cost = works[i].cost;
        works[i].start = works[i].end = 0;
        works[i].paid = 0;
        s->planned_total += works[i].cost;
    }
    qsort(key, n, sizeof *key, level_rank_cmp);
    for (i = 0; i < n; i++)
        rank[i] = key[i].index;
    free(key);
    for (t = 0; t < o->horizon; t++) {
        const int y = o->y0 + t;
        double budget = o->cap[t];
        size_t kept = 0;

        /* works become payable max_advance_years before they are due;
         * the ranking is by due year, so they join at the end */
        while (next < n && works[rank[next]].due - o->max_advance_years <= y)
            active[nactive++] = rank[next++];
        for (k = 0; k < nactive; k++) {
            struct level_work *w = &works[active[k]];

            if (level_is_midlife(w) && y >= w->deadline)
                level_convert(o, works, n, active[k], y, s);
        }
        for (k = 0; k < nactive && budget > 0; k++) {
            struct level_work *w = &works[active[k]];
            double owe, amount;

            if (w->state == LEVEL_DROPPED)
                continue;
            owe = level_owed_by(o, w, y + o->max_advance_years) - w->paid;
            if (owe <= w->cost * 1e-12)
                continue;
            amount = owe < budget ? owe : budget;
            w->paid += amount;
            budget -= amount;
            if (!w->start)
                w->start = (short)y;
            w->end = (short)y;
            if (pay)
                pay(ctx, active[k], y, amount);
        }
        /* the cap binds when work due by now is still owed */
        for (k = 0; k < nactive; k++) {
            struct level_work *w = &works[active[k]];

            if (!level_settled(w) && level_owed_by(o, w, y) - w->paid > w->cost * 1e-12) {
                s->binding[t] = 1;
                break;
            }
        }
        s->binding_years += s->binding[t];
        for (k = 0; k < nactive; k++)
            if (!level_settled(&works[active[k]]))
                active[kept++] = active[k];
        nactive = kept;
    }
    for (i = 0; i < n; i++) {
        const struct level_work *w = &works[i];

        if (w->state == LEVEL_DROPPED) {
            continue;
        }
        s->paid_total += w->paid;
        if (!level_settled(w))
            s->backlog += w->cost - w->paid;
        if (w->state == LEVEL_CONVERTED || !level_settled(w) || w->end > w->due + w->years - 1)
            s->deferred++;
    }
    free(rank);
    free(active);
    return 0;
}
