/* portfolio.c - the engine over a whole portfolio (portfolio.h). */
#include "koyu/engine/portfolio.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/core/arena.h"
#include "koyu/engine/level.h"
#include "koyu/engine/reduce.h"

/* What a facility leaves behind for the second pass. */
struct pf_fac {
    int nbuildings, oldest;
    double weighted_age;
    int group; /* comparison group (中分類) */
    int cat;
    int department;
    double running_net, repair; /* a year: running cost less revenue, its repairs */
    int policy_year;            /* policy.csv 実施年度, or 0 */
    int exit_year;              /* a reduction's, 0 = stays */
    double running_avoided, renewal_avoided;
    struct assess_facility a;
    struct assess_result r;
    enum assess_level level;
    int district;  /* -1 none */
    long receiver; /* a consolidation source's receiver, or -1 */
    enum consol_kind kind;
    double room_before;
    long position; /* placed as the position-th source (1 ...) */
};

struct portfolio {
    struct portfolio_options o;
    int H;
    struct pf_fac *fac;
    size_t n, cap;
    /* 偏差値 moments: [group][indicator], [category][indicator] */
    struct assess_moments *grp;
    size_t ngroups, capgrp;
    struct assess_moments cat[LCC_CATEGORIES][ASSESS_INDICATOR__COUNT];
    /* the projection by department: [year][category][work] blocks */
    double **block;
    size_t nblocks, capblock, per_block;
    double esc[LCC_MAX_HORIZON]; /* renewals at the prices of their year */
    double planned[LCC_MAX_HORIZON];
    /* per building of the facility being added */
    struct lcc_building *bl;
    struct assess_building_out *bo;
    double *yearly, *one;
    size_t capbl, capbo, capyearly;
    size_t buildings; /* serial numbers */
    /* the plan's works (keep_works) */
    struct level_work *w;
    uint32_t *wfac;
    int *pwork, *pdue, *pyears;
    double *pcost;
    size_t nw, capw, capwfac;
    int leveled;
    /* the buildings of every facility (keep_facilities) */
    struct lcc_building *ub;
    size_t nub, capub;
    struct lcc_facility *uf;
    size_t nuf, capuf;
    size_t *ufirst;
    size_t capufirst;
    int *chosen;
    struct portfolio_totals totals;
};

struct lcc_building
portfolio_building(int category, int new_from, const struct asset_building *b)
{
    struct lcc_building lb;

    lb.category = category;
    lb.structure = b->structure;
    lb.floor_area_m2 = b->floor_area_m2;
    lb.built_year = b->built_year;
    lb.renovated_year = b->renovated_year;
    if (b->seismic < 0 || b->seismic == ASSET_SEISMIC_UNKNOWN)
        lb.seismic_deficient = b->built_year < new_from;
    else
        lb.seismic_deficient = b->seismic == ASSET_SEISMIC_OLD_UNRETROFITTED;
    return lb;
}

void
portfolio_running_cost(const struct lcc_params *p, const struct asset_facility *f, double *cost,
                       double *revenue, double *repair, int *years, int *estimated)
{
    size_t first, i;
    int n;

    *cost = *revenue = *repair = 0;
    *years = 0;
    *estimated = f->nusage == 0;
    if (f->nusage == 0) {
        int cat = f->category >= 0 ? f->category : LCC_CATEGORIES - 1;

        *cost = p->running_yen_m2[cat] * f->floor_area_m2;
        *repair = *cost * p->estimated_repair_share;
        return;
    }
    n = (int)f->nusage < p->running_cost_years ? (int)f->nusage : p->running_cost_years;
    first = f->nusage - (size_t)n;
    for (i = first; i < f->nusage; i++) {
        *cost += f->usage[i].cost_yen;
        *revenue += f->usage[i].revenue_yen;
        *repair += f->usage[i].repair_yen;
    }
    *cost /= n;
    *revenue /= n;
    *repair /= n;
    *years = n;
}

portfolio *
portfolio_new(const struct portfolio_options *o)
{
    portfolio *pf = calloc(1, sizeof *pf);
    int y;

    if (!pf)
        return NULL;
    pf->o = *o;
    pf->H = o->lcc->horizon_years;
    pf->per_block = (size_t)pf->H * LCC_CATEGORIES * LCC_W__COUNT;
    for (y = 0; y < pf->H; y++)
        pf->esc[y] = 1;
    lcc_escalate(o->lcc, o->y0, pf->esc, pf->H);
    return pf;
}

void
portfolio_free(portfolio *pf)
{
    size_t k;

    if (!pf)
        return;
    for (k = 0; k < pf->nblocks; k++)
        free(pf->block[k]);
    free(pf->block);
    free(pf->fac);
    free(pf->grp);
    free(pf->bl);
    free(pf->bo);
    free(pf->yearly);
    free(pf->one);
    free(pf->w);
    free(pf->wfac);
    free(pf->pwork);
    free(pf->pdue);
    free(pf->pyears);
    free(pf->pcost);
    free(pf->ub);
    free(pf->uf);
    free(pf->ufirst);
    free(pf->chosen);
    free(pf);
}

/* The projection block of department d, allocated when first seen. */
static double *
portfolio_block(portfolio *pf, int d)
{
    if (d < 0)
        return NULL;
    while ((size_t)d >= pf->nblocks) {
        if (arena_grow((void **)&pf->block, &pf->capblock, pf->nblocks + 1, sizeof *pf->block) != 0)
            return NULL;
        pf->block[pf->nblocks] = calloc(pf->per_block, sizeof(double));
        if (!pf->block[pf->nblocks])
            return NULL;
        pf->nblocks++;
    }
    return pf->block[d];
}

static int
portfolio_is_midlife(enum lcc_work w)
{
    return w == LCC_W_RENOVATION || w == LCC_W_LIFE_EXTENSION || w == LCC_W_BACKLOG_RENOVATION ||
           w == LCC_W_BACKLOG_LIFE_EXTENSION;
}

/* Keeps the events of one building, cut to the window, for the levers. */
static enum koyu_err
portfolio_keep_works(portfolio *pf, const struct lcc_event *ev, size_t n,
                     const struct lcc_building *b, int group, size_t fac)
{
    const struct lcc_params *p = pf->o.lcc;
    const int y0 = pf->o.y0, last = y0 + p->horizon_years - 1;
    size_t i;
    int y;

    for (i = 0; i < n; i++) {
        struct level_work *w;
        int first = ev[i].first < y0 ? y0 : ev[i].first;
        int end = ev[i].first + ev[i].years - 1 > last ? last : ev[i].first + ev[i].years - 1;

        if (end < first)
            continue;
        if (arena_grow((void **)&pf->w, &pf->capw, pf->nw + 1, sizeof *pf->w) != 0 ||
            arena_grow((void **)&pf->wfac, &pf->capwfac, pf->nw + 1, sizeof *pf->wfac) != 0)
            return KOYU_ERR_NOMEM;
        w = &pf->w[pf->nw];
        memset(w, 0, sizeof *w);
        w->due = first;
        w->years = (unsigned char)(end - first + 1);
        /* at the prices of its years (renewal_escalation_rate), spread evenly */
        for (y = first; y <= end; y++)
            w->cost += ev[i].cost / ev[i].years * pf->esc[y - y0];
        w->work = (unsigned char)ev[i].work;
        w->building = (uint32_t)pf->buildings;
        w->group = group;
        w->rebuild = ev[i].work == LCC_W_REBUILD || ev[i].work == LCC_W_BACKLOG_REBUILD;
        if (portfolio_is_midlife(ev[i].work)) {
            /* unrenovated, the building is rebuilt at the end of its
             * unextended (MIC) life, as the model does */
            w->deadline = b->built_year + p->mic.life - p->age_offset;
            if (w->deadline <= w->due)
                w->deadline = 0;
            w->rebuild_work = LCC_W_REBUILD;
            /* priced in the year it would turn into a rebuild */
            w->rebuild_cost = b->floor_area_m2 * p->rebuild_yen_m2[b->category] *
                              (w->deadline > 0 && w->deadline <= last ? pf->esc[w->deadline - y0]
                                                                      : pf->esc[last - y0]);
            w->rebuild_years = (unsigned char)p->rebuild_spread_years;
        }
        pf->wfac[pf->nw] = (uint32_t)fac;
        pf->nw++;
    }
    return KOYU_OK;
}

/* Keeps the facility and its buildings for the uncertainty analysis. */
static enum koyu_err
portfolio_keep_facility(portfolio *pf, const struct lcc_facility *lf)
{
    if (arena_grow((void **)&pf->ub, &pf->capub, pf->nub + lf->nbuildings, sizeof *pf->ub) != 0 ||
        arena_grow((void **)&pf->uf, &pf->capuf, pf->nuf + 1, sizeof *pf->uf) != 0 ||
        arena_grow((void **)&pf->ufirst, &pf->capufirst, pf->nuf + 1, sizeof *pf->ufirst) != 0)
        return KOYU_ERR_NOMEM;
    memcpy(pf->ub + pf->nub, lf->buildings, lf->nbuildings * sizeof *pf->ub);
    pf->ufirst[pf->nuf] = pf->nub;
    pf->uf[pf->nuf] = *lf;
    pf->uf[pf->nuf].buildings = NULL; /* set once the array stops moving */
    pf->nub += lf->nbuildings;
    pf->nuf++;
    return KOYU_OK;
}

/* The hard score and soft indicators of facility x (its record kept). */
static void
portfolio_score(portfolio *pf, struct pf_fac *x, const struct asset_facility *f,
                const struct portfolio_figures *fr)
{
    const struct assess_params *ap = pf->o.assess;
    const struct lcc_params *lp = pf->o.lcc;
    struct assess_facility *a = &x->a;
    double area = 0, deficient = 0, users = 0, util = 0, age_area = 0;
    int nusers = 0, nutil = 0, main = -1, i;
    size_t k, first;

    /* hard: per building, weighted by floor area; the largest building
     * (the first of equals, by id) is the main one */
    for (k = 0; k < f->nbuildings; k++) {
        const struct assess_building_out *bo = &pf->bo[k];
        const double w = f->buildings[k].floor_area_m2;

        area += w;
        age_area += w * bo->age;
        if (!x->oldest || f->buildings[k].built_year < x->oldest)
            x->oldest = f->buildings[k].built_year;
        a->hard += w * bo->hard;
        a->soundness += w * bo->soundness;
        a->remaining_life += w * bo->remaining_life;
        if (bo->seismic_deficient)
            deficient += w;
        if (bo->soundness_estimated || bo->seismic_derived)
            a->hard_estimated = 1;
        a->renovated |= bo->renovated;
        if (main < 0 || w > f->buildings[main].floor_area_m2) {
            main = (int)k;
            a->main_age = bo->age;
        }
    }
    if (area > 0) {
        a->hard /= area;
        a->soundness /= area;
        a->remaining_life /= area;
        a->seismic_deficient = deficient / area >= ap->seismic_deficient_share;
    }
    a->floor_area_m2 = area;
    x->nbuildings = (int)f->nbuildings;
    x->weighted_age = area > 0 ? age_area / area : 0;
    /* the repair option is the main building's 長寿命化改修 (a 旧耐震・未補強
     * one with its 耐震補強): what keeps it from one */
    if (main >= 0)
        a->main_why_not = lcc_repair_blocked(lp, &pf->bl[main], pf->o.y0);
    a->main_extendable = main >= 0 && a->main_why_not == 0;
    /* soft indicators: the years the running cost used */
    first = f->nusage > (size_t)fr->usage_years ? f->nusage - (size_t)fr->usage_years : 0;
    for (k = first; k < f->nusage; k++) {
        if (f->usage[k].utilization_pct >= 0) {
            util += f->usage[k].utilization_pct;
            nutil++;
        }
        if (f->usage[k].users >= 0) {
            users += f->usage[k].users;
            nusers++;
        }
    }
    if (nutil) {
        a->indicator[ASSESS_UTILIZATION] = util / nutil;
        a->has[ASSESS_UTILIZATION] = 1;
    }
    /* the full cost (運営費 and 指定管理料, revenue not subtracted), so that
     * a facility run directly and one with 利用料金制 compare alike; the
     * recovery ratio carries revenue, once */
    if (nusers && area > 0) {
        users /= nusers;
        a->indicator[ASSESS_USERS_PER_M2] = users / area;
        a->has[ASSESS_USERS_PER_M2] = 1;
        if (users > 0) {
            a->indicator[ASSESS_COST_PER_USER] = fr->running_cost_yen / users;
            a->has[ASSESS_COST_PER_USER] = 1;
        }
    }
    if (!fr->running_estimated && area > 0) {
        a->indicator[ASSESS_COST_PER_M2] = fr->running_cost_yen / area;
        a->has[ASSESS_COST_PER_M2] = 1;
        if (fr->running_cost_yen > 0) {
            a->indicator[ASSESS_COST_RECOVERY] = fr->revenue_yen / fr->running_cost_yen;
            a->has[ASSESS_COST_RECOVERY] = 1;
        }
    }
    for (i = 0; i < ASSESS_INDICATOR__COUNT; i++) {
        a->scored[i] = a->has[i] && ap->use_indicator[i];
        if (!a->scored[i])
            continue;
        assess_moments_add(&pf->grp[(size_t)x->group * ASSESS_INDICATOR__COUNT + (size_t)i],
                           a->indicator[i]);
        assess_moments_add(&pf->cat[x->cat][i], a->indicator[i]);
    }
    a->closing = f->status == ASSET_CLOSING;
    a->suspended = f->status == ASSET_SUSPENDED;
    a->policy = f->policy;
    a->repair_offered = fr->option[LCC_REPAIR].offered;
    a->repair_pv = fr->option[LCC_REPAIR].pv;
    a->rebuild_pv = fr->option[LCC_REBUILD].pv;
}

/* A facility's users a year: the average of the years its running cost
 * used that give them (0 when none does). */
static double
portfolio_users(const struct asset_facility *f, int years)
{
    size_t k, first = f->nusage > (size_t)years ? f->nusage - (size_t)years : 0;
    double sum = 0;
    int n = 0;

    for (k = first; k < f->nusage; k++)
        if (f->usage[k].users >= 0) {
            sum += f->usage[k].users;
            n++;
        }
    return n ? sum / n : 0;
}

enum koyu_err
portfolio_add(portfolio *pf, const struct asset_facility *f, const struct portfolio_context *c,
              struct portfolio_figures *out)
{
    const struct lcc_params *p = pf->o.lcc;
    const int H = pf->H, y0 = pf->o.y0;
    const int cat = f->category >= 0 ? f->category : LCC_CATEGORIES - 1;
    const size_t per = (size_t)H * LCC_W__COUNT;
    double *block = portfolio_block(pf, c->department);
    struct lcc_facility lf;
    struct pf_fac *x;
    size_t i;
    int y, w;

    memset(out, 0, sizeof *out);
    if (!block || arena_grow((void **)&pf->bl, &pf->capbl, f->nbuildings, sizeof *pf->bl) != 0 ||
        arena_grow((void **)&pf->bo, &pf->capbo, f->nbuildings, sizeof *pf->bo) != 0 ||
        arena_grow((void **)&pf->fac, &pf->cap, pf->n + 1, sizeof *pf->fac) != 0)
        return KOYU_ERR_NOMEM;
    if (!pf->one && !(pf->one = malloc(per * sizeof *pf->one)))
        return KOYU_ERR_NOMEM;
    if (pf->o.yearly && arena_grow((void **)&pf->yearly, &pf->capyearly, f->nbuildings * per,
                                   sizeof *pf->yearly) != 0)
        return KOYU_ERR_NOMEM;
    /* a new group: one row of moments for it */
    while ((size_t)c->group >= pf->ngroups) {
        if (arena_grow((void **)&pf->grp, &pf->capgrp, (pf->ngroups + 1) * ASSESS_INDICATOR__COUNT,
                       sizeof *pf->grp) != 0)
            return KOYU_ERR_NOMEM;
        memset(&pf->grp[pf->ngroups * ASSESS_INDICATOR__COUNT], 0,
               ASSESS_INDICATOR__COUNT * sizeof *pf->grp);
        pf->ngroups++;
    }
    x = &pf->fac[pf->n];
    memset(x, 0, sizeof *x);
    x->group = c->group;
    x->cat = cat;
    x->department = c->department;
    x->policy_year = f->policy_year;
    x->a.essential = c->essential;
    x->a.sell = c->sell;
    x->a.lease = c->lease;
    x->a.utilization_cut = c->utilization_cut;
    x->district = c->district;
    x->receiver = -1;
    for (i = 0; i < f->nbuildings; i++) {
        struct lcc_event ev[LCC_MAX_EVENTS];
        struct assess_building_in bi;
        double *years = pf->o.yearly ? pf->yearly + i * per : pf->one;
        size_t n;

        pf->bl[i] = portfolio_building(cat, pf->o.assess->seismic_new_from_year, &f->buildings[i]);
        n = lcc_schedule(p, pf->o.model, y0, &pf->bl[i], ev);
        memset(years, 0, per * sizeof *years);
        lcc_spread(p, y0, ev, n, years);
        if (p->renewal_escalation_rate != 0)
            for (y = 0; y < H; y++)
                for (w = 0; w < LCC_W__COUNT; w++)
                    years[y * LCC_W__COUNT + w] *= pf->esc[y];
        if (pf->o.keep_works) {
            enum koyu_err err = portfolio_keep_works(pf, ev, n, &pf->bl[i],
                                                     c->department * LCC_CATEGORIES + cat, pf->n);

            if (err)
                return err;
        }
        for (y = 0; y < H; y++)
            for (w = 0; w < LCC_W__COUNT; w++) {
                const double v = years[y * LCC_W__COUNT + w];

                if (v == 0)
                    continue;
                block[((size_t)y * LCC_CATEGORIES + (size_t)cat) * LCC_W__COUNT + (size_t)w] += v;
                out->renewal_total_yen += v;
            }
        bi.lcc = pf->bl[i];
        bi.seismic_known =
            f->buildings[i].seismic >= 0 && f->buildings[i].seismic != ASSET_SEISMIC_UNKNOWN;
        memcpy(bi.grades, f->buildings[i].grades, sizeof bi.grades);
        assess_building(pf->o.assess, p, pf->o.model, y0, &bi, &pf->bo[i]);
        /* the repair option is priced by its condition */
        pf->bl[i].soundness = pf->bo[i].soundness;
        pf->buildings++;
    }
    out->floor_area_m2 = f->floor_area_m2;
    portfolio_running_cost(p, f, &out->running_cost_yen, &out->revenue_yen, &out->repair_yen,
                           &out->usage_years, &out->running_estimated);
    lf.buildings = pf->bl;
    lf.nbuildings = f->nbuildings;
    lf.running_cost_yen = out->running_cost_yen;
    lf.repair_yen = out->repair_yen;
    lf.revenue_yen = out->revenue_yen;
    lf.land_value_yen = f->land_value_yen;
    lf.land_owned = f->land_owned != 0;
    lf.users = portfolio_users(f, out->usage_years);
    lf.essential = c->essential;
    lcc_appraise(p, pf->o.model, y0, &lf, out->option);
    out->cheapest = lcc_cheapest(out->option, c->essential);
    if (pf->o.keep_facilities) {
        enum koyu_err err = portfolio_keep_facility(pf, &lf);

        if (err)
            return err;
    }
    out->building = pf->bo;
    out->yearly = pf->o.yearly ? pf->yearly : NULL;
    x->running_net = out->running_cost_yen - out->revenue_yen;
    x->repair = out->repair_yen;
    portfolio_score(pf, x, f, out);
    pf->n++;
    pf->totals.facilities++;
    pf->totals.buildings += (long)f->nbuildings;
    pf->totals.floor_area_m2 += f->floor_area_m2;
    pf->totals.estimated_running_costs += out->running_estimated;
    return KOYU_OK;
}

/* A facility's users a year, from its users per ㎡ (0 when unknown). */
static double
portfolio_fac_users(const struct pf_fac *x)
{
    return x->a.has[ASSESS_USERS_PER_M2] ? x->a.indicator[ASSESS_USERS_PER_M2] * x->a.floor_area_m2
                                         : 0;
}

/* 集約化・複合化: sources (a consolidation source let or sold) placed into
 * receivers (kept in service, building sound, with 稼働率 room) of their
 * district. */
static enum koyu_err
portfolio_consolidate(portfolio *pf)
{
    const struct assess_params *ap = pf->o.assess;
    struct consol_facility *cf = NULL;
    struct consol_match *m = NULL;
    size_t k, nm;
    enum koyu_err err = KOYU_OK;

    if (pf->n == 0)
        return KOYU_OK;
    cf = calloc(pf->n, sizeof *cf);
    m = malloc(pf->n * sizeof *m);
    if (!cf || !m) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    for (k = 0; k < pf->n; k++) {
        const struct pf_fac *x = &pf->fac[k];
        const struct assess_facility *a = &x->a;
        const enum assess_rule rule = x->r.rule;
        const double users = portfolio_fac_users(x);
        const double util = a->indicator[ASSESS_UTILIZATION];

        cf[k].district = x->district;
        cf[k].group = x->group;
        cf[k].category = x->cat;
        cf[k].users = users;
        cf[k].hard = a->hard;
        cf[k].source = rule == ASSESS_R5_LEASE || rule == ASSESS_R6_SELL || rule == ASSESS_R6_LEASE;
        /* room: the users it would have at full use, less those it has */
        if (!cf[k].source && x->r.decision <= LCC_REBUILD && !x->r.hard_low && !a->closing &&
            !a->suspended && a->has[ASSESS_UTILIZATION] && util > 0 &&
            util < ap->full_utilization_pct && users > 0)
            cf[k].room = users * (ap->full_utilization_pct / util - 1);
    }
    nm = consol_match(cf, pf->n, ap->combine_into, m);
    if (nm == (size_t)-1) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    for (k = 0; k < nm; k++) {
        struct pf_fac *x = &pf->fac[m[k].source];

        x->receiver = (long)m[k].receiver;
        x->kind = m[k].kind;
        x->room_before = m[k].room_before;
        x->position = (long)k + 1;
        x->r.function = m[k].kind == CONSOL_CONSOLIDATE ? ASSESS_FN_CONSOLIDATE : ASSESS_FN_COMBINE;
        pf->totals.consolidations++;
        pf->totals.combines += m[k].kind == CONSOL_COMBINE;
    }
cleanup:
    free(cf);
    free(m);
    return err;
}

enum koyu_err
portfolio_assess(portfolio *pf)
{
    const struct assess_params *ap = pf->o.assess;
    size_t k;
    int i, y, c;

    /* the model's need, before any lever */
    for (k = 0; k < pf->nblocks; k++)
        for (y = 0; y < pf->H; y++)
            for (c = 0; c < LCC_CATEGORIES * LCC_W__COUNT; c++)
                pf->planned[y] +=
                    pf->block[k][(size_t)y * LCC_CATEGORIES * LCC_W__COUNT + (size_t)c];

    for (k = 0; k < pf->n; k++) {
        struct pf_fac *x = &pf->fac[k];
        struct assess_facility *a = &x->a;
        enum assess_level coarsest = ASSESS_SUBCATEGORY;
        double sum = 0;
        int n = 0;

        for (i = 0; i < ASSESS_INDICATOR__COUNT; i++) {
            const struct assess_moments *m =
                &pf->grp[(size_t)x->group * ASSESS_INDICATOR__COUNT + (size_t)i];

            if (!a->scored[i])
                continue;
            /* too few in the group: its category, then the benchmark (a
             * fire station is never compared with a library) */
            a->level[i] = ASSESS_SUBCATEGORY;
            if (m->n < ap->min_group_size) {
                m = &pf->cat[x->cat][i];
                a->level[i] = ASSESS_CATEGORY;
                if (m->n < ap->min_group_size)
                    a->level[i] = ASSESS_BENCHMARK;
            }
            if (a->level[i] > coarsest)
                coarsest = a->level[i];
            a->t[i] = a->level[i] == ASSESS_BENCHMARK
                          ? assess_t_benchmark(ap->benchmark_mean[i], ap->benchmark_sd[i],
                                               a->indicator[i],
                                               assess_lower_is_better((enum assess_indicator)i))
                          : assess_t_score(m, a->indicator[i],
                                           assess_lower_is_better((enum assess_indicator)i));
            sum += a->t[i];
            n++;
        }
        a->has_soft = n > 0;
        a->soft = n ? sum / n : 0;
        x->level = coarsest;
        assess_decide(ap, a, &x->r);
        pf->totals.decisions[x->r.decision]++;
        pf->totals.decision_area_m2[x->r.decision] += a->floor_area_m2;
        pf->totals.review += x->r.review;
        pf->totals.review_tier[x->r.tier]++;
    }
    return portfolio_consolidate(pf);
}

size_t
portfolio_count(const portfolio *pf)
{
    return pf->n;
}

void
portfolio_verdict(const portfolio *pf, size_t k, struct portfolio_verdict *out)
{
    const struct pf_fac *x = &pf->fac[k];

    out->a = &x->a;
    out->r = x->r;
    out->level = x->level;
    out->category = x->cat;
    out->nbuildings = x->nbuildings;
    out->oldest_built_year = x->oldest;
    out->weighted_age = x->weighted_age;
    out->receiver = x->receiver;
    out->kind = x->kind;
    out->users = portfolio_fac_users(x);
    out->room_before = x->room_before;
    out->position = x->position;
}

/* ---- levers ---- */

/* Running cost a facility still costs the city in year y. */
static double
portfolio_running_in(const struct pf_fac *x, int y)
{
    if (!x->exit_year || y < x->exit_year)
        return x->running_net;
    /* a leased facility's repairs stay with the city */
    return x->r.decision == LCC_LEASE ? x->repair : 0;
}

/* Adds amount of work w paid in year y to the department blocks. */
static void
portfolio_pay_block(portfolio *pf, int group, int work, int y, double amount)
{
    const size_t block = (size_t)group / LCC_CATEGORIES, cat = (size_t)group % LCC_CATEGORIES;

    pf->block[block][((size_t)(y - pf->o.y0) * LCC_CATEGORIES + cat) * LCC_W__COUNT +
                     (size_t)work] += amount;
}

static void
portfolio_pay(void *ctx, size_t i, int y, double amount)
{
    portfolio *pf = ctx;

    portfolio_pay_block(pf, pf->w[i].group, pf->w[i].work, y, amount);
}

/* The floor-area reduction: plans the exits, cuts the works of the
 * facilities that leave. */
static enum koyu_err
portfolio_reduce(portfolio *pf, const struct portfolio_levers *lv,
                 struct portfolio_lever_result *out)
{
    const struct lcc_params *p = pf->o.lcc;
    struct reduce_options ro = {pf->o.y0, lv->reduction_years, lv->reduction_share,
                                pf->o.y0 + p->disposal_year};
    struct reduce_facility *rf = calloc(pf->n ? pf->n : 1, sizeof *rf);
    struct reduce_result rr;
    size_t i, k, kept = 0;
    int y;

    if (!rf)
        return KOYU_ERR_NOMEM;
    for (k = 0; k < pf->n; k++) {
        rf[k].floor_area_m2 = pf->fac[k].a.floor_area_m2;
        rf[k].decision = (int)pf->fac[k].r.decision;
        rf[k].hard = pf->fac[k].a.hard;
        rf[k].planned_year = pf->fac[k].policy_year;
    }
    if (reduce_plan(&ro, rf, pf->n, &rr) != 0) {
        free(rf);
        return KOYU_ERR_NOMEM;
    }
    /* renewals stop from the exit year, unless a lease leaves them with the city */
    for (i = 0; i < pf->nw; i++) {
        struct level_work *w = &pf->w[i];
        const struct reduce_facility *x = &rf[pf->wfac[i]];
        int keep = w->years;

        if (x->exit_year && (x->decision == LCC_SELL || !p->lease_landlord_renewals)) {
            keep = x->exit_year - w->due;
            if (keep < 0)
                keep = 0;
            if (keep > (int)w->years)
                keep = w->years;
        }
        if (keep < w->years) {
            double left = level_part(w->cost, 1 + p->renewal_escalation_rate, keep, w->years);

            pf->fac[pf->wfac[i]].renewal_avoided += w->cost - left;
            out->renewal_avoided_yen += w->cost - left;
            w->cost = left;
            w->years = (unsigned char)keep;
        }
        if (keep == 0)
            continue;
        pf->w[kept] = *w;
        pf->wfac[kept] = pf->wfac[i];
        kept++;
    }
    pf->nw = kept;
    out->reduction_target_m2 = rr.target_m2;
    out->reduced_m2 = rr.reduced_m2;
    for (k = 0; k < pf->n; k++) {
        struct pf_fac *x = &pf->fac[k];

        x->exit_year = rf[k].exit_year;
        if (!x->exit_year)
            continue;
        for (y = x->exit_year; y < pf->o.y0 + pf->H; y++)
            x->running_avoided += x->running_net - portfolio_running_in(x, y);
        out->running_avoided_yen += x->running_avoided;
    }
    free(rf);
    return KOYU_OK;
}

enum koyu_err
portfolio_apply_levers(portfolio *pf, const struct portfolio_levers *lv,
                       struct portfolio_lever_result *out)
{
    const struct lcc_params *p = pf->o.lcc;
    const int H = pf->H;
    double cap[LCC_MAX_HORIZON];
    size_t i, k;
    int y;

    memset(out, 0, sizeof *out);
    if (lv->reduction_share > 0) {
        enum koyu_err err = portfolio_reduce(pf, lv, out);

        if (err)
            return err;
    }
    for (k = 0; k < pf->nblocks; k++)
        memset(pf->block[k], 0, pf->per_block * sizeof(double));
    if (!(lv->cap_yen > 0)) {
        /* each year at its own prices, as the works were priced */
        for (i = 0; i < pf->nw; i++) {
            const struct level_work *w = &pf->w[i];
            const double g = 1 + p->renewal_escalation_rate;

            for (y = 0; y < w->years; y++)
                portfolio_pay_block(pf, w->group, w->work, w->due + y,
                                    g == 1 ? w->cost / w->years
                                           : level_part(w->cost, g, y + 1, w->years) -
                                                 level_part(w->cost, g, y, w->years));
        }
        return KOYU_OK;
    }
    /* leveling: the plan as it stood, for the deferred works' rows */
    pf->pwork = malloc((pf->nw ? pf->nw : 1) * sizeof *pf->pwork);
    pf->pdue = malloc((pf->nw ? pf->nw : 1) * sizeof *pf->pdue);
    pf->pyears = malloc((pf->nw ? pf->nw : 1) * sizeof *pf->pyears);
    pf->pcost = malloc((pf->nw ? pf->nw : 1) * sizeof *pf->pcost);
    if (!pf->pwork || !pf->pdue || !pf->pyears || !pf->pcost)
        return KOYU_ERR_NOMEM;
    for (i = 0; i < pf->nw; i++) {
        const struct pf_fac *x = &pf->fac[pf->wfac[i]];

        pf->pwork[i] = pf->w[i].work;
        pf->pdue[i] = pf->w[i].due;
        pf->pyears[i] = pf->w[i].years;
        pf->pcost[i] = pf->w[i].cost;
        pf->w[i].hard = (float)x->a.hard;
        pf->w[i].essential = (unsigned char)x->a.essential;
        pf->w[i].review = (unsigned char)x->r.review;
    }
    for (y = 0; y < H; y++)
        cap[y] = lv->cap_yen;
    {
        struct level_options lo = {pf->o.y0, H, cap, lv->max_advance_years,
                                   1 + p->renewal_escalation_rate};
        struct level_summary ls;

        if (level_run(&lo, pf->w, pf->nw, &ls, portfolio_pay, pf) != 0)
            return KOYU_ERR_NOMEM;
        out->budget_cap_yen = lv->cap_yen;
        out->backlog_yen = ls.backlog;
        out->deferral_cost_yen = ls.deferral_cost;
        out->deferred_works = ls.deferred;
        out->cap_binding_years = ls.binding_years;
        memcpy(out->binding, ls.binding, (size_t)H);
    }
    pf->leveled = 1;
    return KOYU_OK;
}

int
portfolio_exit(const portfolio *pf, size_t k, double *running_avoided, double *renewal_avoided)
{
    *running_avoided = pf->fac[k].running_avoided;
    *renewal_avoided = pf->fac[k].renewal_avoided;
    return pf->fac[k].exit_year;
}

size_t
portfolio_works(const portfolio *pf)
{
    return pf->leveled ? pf->nw : 0;
}

int
portfolio_deferred(const portfolio *pf, size_t i, struct portfolio_deferred *out)
{
    const struct level_work *w = &pf->w[i];
    const int last = pf->o.y0 + pf->H - 1;
    const int planned_end = pf->pdue[i] + pf->pyears[i] - 1;
    const int done = w->paid >= w->cost * (1 - 1e-12);

    if (w->state == LEVEL_PLANNED && done && w->end <= planned_end)
        return 0;
    memset(out, 0, sizeof *out);
    out->facility = pf->wfac[i];
    out->building = w->building;
    out->planned_work = pf->pwork[i];
    out->work = w->work;
    out->state = w->state;
    out->due_year = pf->pdue[i];
    out->planned_end_year = planned_end;
    out->start_year = w->start;
    out->end_year = done ? w->end : 0;
    /* a dropped work has no delay; an unfinished one is late past the window */
    out->has_delay = w->state != LEVEL_DROPPED;
    out->delay_years = done ? w->end - planned_end : last + 1 - planned_end;
    out->deadline_year = w->state == LEVEL_CONVERTED ? w->deadline : 0;
    out->planned_cost_yen = pf->pcost[i];
    out->cost_yen = w->state == LEVEL_DROPPED ? 0 : w->cost;
    out->paid_yen = w->paid;
    out->outstanding_yen = w->state == LEVEL_DROPPED ? 0 : w->cost - w->paid;
    return 1;
}

/* ---- series ---- */

void
portfolio_series(const portfolio *pf, struct portfolio_series *s)
{
    const struct lcc_params *p = pf->o.lcc;
    const int H = pf->H;
    size_t k;
    int y, c;

    memset(s, 0, sizeof *s);
    s->totals = pf->totals;
    memcpy(s->planned, pf->planned, sizeof s->planned);
    for (k = 0; k < pf->nblocks; k++)
        for (y = 0; y < H; y++)
            for (c = 0; c < LCC_CATEGORIES * LCC_W__COUNT; c++) {
                const double v =
                    pf->block[k][(size_t)y * LCC_CATEGORIES * LCC_W__COUNT + (size_t)c];

                if (v == 0)
                    continue;
                s->renewal[y] += v;
                s->by_work[c % LCC_W__COUNT] += v;
            }
    for (k = 0; k < pf->n; k++) {
        const struct pf_fac *x = &pf->fac[k];

        for (y = 0; y < H; y++) {
            s->running[y] += portfolio_running_in(x, pf->o.y0 + y);
            if (!x->exit_year || pf->o.y0 + y < x->exit_year)
                s->floor_area_m2[y] += x->a.floor_area_m2;
        }
    }
    for (y = 0; y < H; y++) {
        const double t = y + p->first_year_t;
        const double df = lcc_spv(p->discount_rate, t);

        s->totals.total_yen += s->renewal[y];
        if (y == 0 || s->renewal[y] > s->totals.peak_yen) {
            s->totals.peak_yen = s->renewal[y];
            s->totals.peak_year = pf->o.y0 + y;
        }
        s->planned_total_yen += s->planned[y];
        s->pv_renewal_yen += s->renewal[y] * df;
        s->pv_running_yen += s->running[y] * pow(1 + p->escalation_rate, t) * df;
    }
    s->totals.annual_average_yen = s->totals.total_yen / H;
    s->totals.recent_investment_yen = p->recent_investment_yen;
    s->end_floor_area_m2 = H > 0 ? s->floor_area_m2[H - 1] : 0;
}

int
portfolio_departments(const portfolio *pf)
{
    return (int)pf->nblocks;
}

const double *
portfolio_renewal(const portfolio *pf, int department)
{
    return department >= 0 && (size_t)department < pf->nblocks ? pf->block[department] : NULL;
}

void
portfolio_uncertainty_input(portfolio *pf, struct unc_portfolio *up)
{
    size_t k;

    for (k = 0; k < pf->nuf; k++)
        pf->uf[k].buildings = pf->ub + pf->ufirst[k];
    if (!pf->chosen)
        pf->chosen = malloc((pf->n ? pf->n : 1) * sizeof *pf->chosen);
    for (k = 0; pf->chosen && k < pf->n; k++)
        pf->chosen[k] = (int)pf->fac[k].r.decision;
    memset(up, 0, sizeof *up);
    up->facilities = pf->uf;
    up->nfacilities = pf->nuf;
    up->chosen = pf->chosen;
    up->like_for_like = 1;
    up->model = pf->o.model;
    up->y0 = pf->o.y0;
}
