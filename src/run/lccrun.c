/* lccrun.c - the engine over a stored snapshot, results back to the store. */
#include "koyu/run/lccrun.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>

#include "koyu/core/arena.h"
#include "koyu/engine/assess.h"
#include "koyu/core/facset.h"
#include "koyu/engine/level.h"
#include "koyu/engine/reduce.h"
#include "koyu/core/text.h"
#include "koyu/core/vocab.h"

struct lcc_building
lccrun_building(const struct lcc_params *p, int category, const struct asset_building *b)
{
    struct lcc_building lb;

    (void)p;
    lb.category = category;
    lb.structure = b->structure;
    lb.floor_area_m2 = b->floor_area_m2;
    lb.built_year = b->built_year;
    lb.renovated_year = b->renovated_year;
    /* unknown seismic status is derived from the built year: the 1981
     * standard applies from fiscal 1982 (README) */
    if (b->seismic < 0 || b->seismic == ASSET_SEISMIC_UNKNOWN)
        lb.seismic_deficient = b->built_year < 1982;
    else
        lb.seismic_deficient = b->seismic == ASSET_SEISMIC_OLD_UNRETROFITTED;
    return lb;
}

void
lccrun_running_cost(const struct lcc_params *p, const struct asset_facility *f, double *cost,
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

/* Renewal totals by department: [year][category][work] blocks, one per
 * department, allocated when the department first appears. */
struct lccrun_agg {
    facset *depts;   /* name -> index (kept in the entry's line) */
    double **block;
    size_t nblocks, cap;
    size_t per_block;
};

static double *
lccrun_block(struct lccrun_agg *a, const char *dept, int *index)
{
    struct facset_entry *e;
    int existed;

    e = facset_add(a->depts, dept, (long)facset_count(a->depts), 0, &existed);
    if (!e)
        return NULL;
    if (!existed) {
        if (arena_grow((void **)&a->block, &a->cap, a->nblocks + 1, sizeof *a->block) != 0)
            return NULL;
        a->block[a->nblocks] = calloc(a->per_block, sizeof(double));
        if (!a->block[a->nblocks])
            return NULL;
        a->nblocks++;
    }
    *index = (int)e->line;
    return a->block[e->line];
}

static enum koyu_err
lccrun_store_params(store *s, long long run_id, const struct params *pp)
{
    const struct lcc_params *p = &pp->lcc;
    char key[96], value[64];
    enum koyu_err err = KOYU_OK;
    size_t i;

    for (i = 0; i < pp->nnotes && !err; i++)
        err = store_results_param(s, run_id, pp->notes[i].key, pp->notes[i].value,
                                  pp->notes[i].source, pp->notes[i].file);
    for (i = 0; i < LCC_CATEGORIES && !err; i++) {
        const char *code = vocab_at(VOCAB_CATEGORY, i)->code;
        const char *src = pp->table_sources[i];
        static const char *const col[] = {"rebuild_yen_m2", "renovation_yen_m2",
                                          "running_yen_m2"};
        const double v[] = {p->rebuild_yen_m2[i], p->renovation_yen_m2[i],
                            p->running_yen_m2[i]};
        size_t k;

        for (k = 0; k < 3 && !err; k++) {
            snprintf(key, sizeof key, "categories.%s.%s", code, col[k]);
            snprintf(value, sizeof value, "%.0f", v[k]);
            err = store_results_param(s, run_id, key, value, src, "categories.csv");
        }
    }
    for (i = 0; i < LCC_STRUCTURES && !err; i++) {
        const char *code = vocab_at(VOCAB_STRUCTURE, i)->code;
        const char *src = pp->table_sources[LCC_CATEGORIES + i];

        snprintf(key, sizeof key, "structures.%s.extendable", code);
        err = store_results_param(s, run_id, key, p->extendable[i] ? "yes" : "no", src,
                                  "structures.csv");
        snprintf(key, sizeof key, "structures.%s.target_life_years", code);
        snprintf(value, sizeof value, "%d", p->target_life[i]);
        if (!err)
            err = store_results_param(s, run_id, key, value, src, "structures.csv");
        snprintf(key, sizeof key, "structures.%s.demolition_yen_m2", code);
        snprintf(value, sizeof value, "%.0f", p->demolition_yen_m2[i]);
        if (!err)
            err = store_results_param(s, run_id, key, value, src, "structures.csv");
    }
    return err;
}

/* The scenario's own keys, with the parameters (the Assumptions sheet). */
static enum koyu_err
lccrun_store_levers(store *s, long long run_id, const struct lccrun_options *o)
{
    const char *file = o->file ? o->file : "";
    char v[96], d[64];
    enum koyu_err err = KOYU_OK;

#define LEVER(key, ...)                                                                 \
    do {                                                                                \
        snprintf(v, sizeof v, __VA_ARGS__);                                             \
        if (!err)                                                                       \
            err = store_results_param(s, run_id, key, v, "scenario", file);             \
    } while (0)
    LEVER("scenario.model", "%s", lcc_model_name(o->model));
    if (o->cap_yen > 0) {
        LEVER("budget.cap_yen", "%.0f", o->cap_yen);
        LEVER("budget.max_advance_years", "%d", o->max_advance_years);
    }
    if (o->reduction_share > 0) {
        LEVER("reduction.target_share", "%g", o->reduction_share);
        LEVER("reduction.years", "%d", o->reduction_years);
    }
    LEVER("sensitivity", "%s", o->sensitivity ? "yes" : "no");
    if (o->mc && o->mc->draws > 0) {
        LEVER("mc.draws", "%zu", o->mc->draws);
        LEVER("mc.seed", "%llu", (unsigned long long)o->mc->seed);
        unc_dist_format(&o->mc->unit_cost, d, sizeof d);
        LEVER("mc.unit_cost", "%s", d);
        unc_dist_format(&o->mc->escalation, d, sizeof d);
        LEVER("mc.escalation", "%s", d);
        unc_dist_format(&o->mc->shift, d, sizeof d);
        LEVER("mc.timing", "%s", d);
    }
#undef LEVER
    return err;
}

/* ---- assessment ---- */

/* What a facility leaves behind for the second pass of the assessment. */
struct lccrun_fac {
    size_t id, policy_reason; /* offsets in the run's text arena */
    int nbuildings, oldest;   /* for the workbooks */
    double weighted_age;
    int sub;                  /* subcategory index in the groups set */
    int cat;
    int block;                /* department block */
    double running_net, repair; /* a year: running cost less revenue, its repairs */
    int decision, review;     /* the sorting's, set by the second pass */
    int policy_year;          /* policy.csv 実施年度, or 0 */
    struct assess_facility a;
};

struct lccrun_assess {
    struct lccrun_fac *fac;
    size_t n, cap;
    struct arena text;
    facset *groups;                  /* subcategory name -> index (line) */
    struct assess_moments *sub;      /* [group][indicator] */
    size_t nsub, capsub;
    struct assess_moments cat[LCC_CATEGORIES][ASSESS_INDICATOR__COUNT];
    struct assess_moments all[ASSESS_INDICATOR__COUNT];
};

/* Hard score and soft indicators of one facility; its record kept. */
static enum koyu_err
lccrun_assess_facility(struct lccrun_assess *as, const struct lccrun_options *o,
                       const struct asset_facility *f, const struct lcc_building *bl, int cat,
                       const struct store_facility_result *fr)
{
    const struct params *pp = o->params;
    const struct assess_params *ap = &pp->assess;
    struct lccrun_fac *x;
    struct assess_facility *a;
    struct facset_entry *g;
    double area = 0, deficient = 0, users = 0, util = 0, age_area = 0;
    int nusers = 0, nutil = 0, main = -1, existed, i;
    size_t k, first;

    if (arena_grow((void **)&as->fac, &as->cap, as->n + 1, sizeof *as->fac) != 0)
        return KOYU_ERR_NOMEM;
    x = &as->fac[as->n];
    memset(x, 0, sizeof *x);
    a = &x->a;
    x->id = arena_add_str(&as->text, f->facility_id);
    x->policy_reason = arena_add_str(&as->text, f->policy_reason);
    if (x->id == ARENA_NONE)
        return KOYU_ERR_NOMEM;
    /* groups: subcategory, then category, then all (§2 fallback) */
    g = facset_add(as->groups, f->subcategory ? f->subcategory : "",
                   (long)facset_count(as->groups), 0, &existed);
    if (!g)
        return KOYU_ERR_NOMEM;
    if (!existed) {
        /* one row of ASSESS_INDICATOR__COUNT moments per group */
        if (arena_grow((void **)&as->sub, &as->capsub, (as->nsub + 1) * ASSESS_INDICATOR__COUNT,
                       sizeof *as->sub) != 0)
            return KOYU_ERR_NOMEM;
        memset(&as->sub[as->nsub * ASSESS_INDICATOR__COUNT], 0,
               ASSESS_INDICATOR__COUNT * sizeof *as->sub);
        as->nsub++;
    }
    x->sub = (int)g->line;
    x->cat = cat;
    x->running_net = fr->running_cost_yen - fr->revenue_yen;
    x->policy_year = f->policy_year;
    x->repair = fr->repair_yen;
    /* hard: per building, weighted by floor area; the largest building
     * (the first of equals, by id) is the main one */
    for (k = 0; k < f->nbuildings; k++) {
        struct assess_building_in bi;
        struct assess_building_out bo;
        const struct asset_building *sb = &f->buildings[k];
        double w = sb->floor_area_m2;

        bi.lcc = bl[k];
        bi.seismic_known = sb->seismic >= 0 && sb->seismic != ASSET_SEISMIC_UNKNOWN;
        memcpy(bi.grades, sb->grades, sizeof bi.grades);
        assess_building(ap, &pp->lcc, o->model, o->year, &bi, &bo);
        area += w;
        age_area += w * bo.age;
        if (!x->oldest || sb->built_year < x->oldest)
            x->oldest = sb->built_year;
        a->hard += w * bo.hard;
        a->soundness += w * bo.soundness;
        a->remaining_life += w * bo.remaining_life;
        if (bo.seismic_deficient)
            deficient += w;
        if (bo.soundness_estimated || bo.seismic_derived)
            a->hard_estimated = 1;
        if (main < 0 || w > f->buildings[main].floor_area_m2) {
            main = (int)k;
            a->main_age = bo.age;
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
    a->main_extendable = main >= 0 && lcc_extendable(&pp->lcc, &bl[main], o->year);
    if (main >= 0 && !a->main_extendable) {
        const struct lcc_building *mb = &bl[main];

        if (a->main_age > pp->lcc.extend80.mid_max_age)
            a->main_why_not |= ASSESS_NOT_AGE;
        if (mb->structure < 0 || !pp->lcc.extendable[mb->structure])
            a->main_why_not |= ASSESS_NOT_STRUCTURE;
        if (mb->seismic_deficient && !pp->lcc.retrofit_allowed)
            a->main_why_not |= ASSESS_NOT_SEISMIC;
    }
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
    if (nusers && area > 0) {
        users /= nusers;
        a->indicator[ASSESS_USERS_PER_M2] = users / area;
        a->has[ASSESS_USERS_PER_M2] = 1;
        if (users > 0) {
            a->indicator[ASSESS_COST_PER_USER] = (fr->running_cost_yen - fr->revenue_yen) / users;
            a->has[ASSESS_COST_PER_USER] = 1;
        }
    }
    if (!fr->running_estimated && area > 0) {
        a->indicator[ASSESS_COST_PER_M2] = (fr->running_cost_yen - fr->revenue_yen) / area;
        a->has[ASSESS_COST_PER_M2] = 1;
        if (fr->running_cost_yen > 0) {
            a->indicator[ASSESS_COST_RECOVERY] = fr->revenue_yen / fr->running_cost_yen;
            a->has[ASSESS_COST_RECOVERY] = 1;
        }
    }
    for (i = 0; i < ASSESS_INDICATOR__COUNT; i++) {
        if (!ap->use_indicator[i])
            a->has[i] = 0;
        if (!a->has[i])
            continue;
        assess_moments_add(&as->sub[(size_t)x->sub * ASSESS_INDICATOR__COUNT + (size_t)i],
                           a->indicator[i]);
        assess_moments_add(&as->cat[cat][i], a->indicator[i]);
        assess_moments_add(&as->all[i], a->indicator[i]);
    }
    /* context of the rules */
    a->closing = f->status == ASSET_CLOSING;
    a->essential = f->essential >= 0
                       ? f->essential
                       : params_essential_default(pp, f->subcategory,
                                                  vocab_at(VOCAB_CATEGORY, (size_t)cat)->code);
    a->policy = f->policy;
    a->repair_pv = fr->pv[LCC_REPAIR];
    a->rebuild_pv = fr->pv[LCC_REBUILD];
    as->n++;
    return KOYU_OK;
}

/* Second pass: 偏差値 in each facility's group, the sorting, the reasons. */
static enum koyu_err
lccrun_assess_finish(struct lccrun_assess *as, store *s, const struct lccrun_options *o,
                     struct lccrun_result *r)
{
    const struct assess_params *ap = &o->params->assess;
    char reason[1024];
    size_t k;
    int i;

    for (k = 0; k < as->n; k++) {
        struct lccrun_fac *x = &as->fac[k];
        struct assess_facility *a = &x->a;
        struct assess_result res;
        struct store_assessment sa;
        enum assess_level coarsest = ASSESS_SUBCATEGORY;
        double sum = 0;
        int n = 0;
        enum koyu_err err;

        for (i = 0; i < ASSESS_INDICATOR__COUNT; i++) {
            const struct assess_moments *m =
                &as->sub[(size_t)x->sub * ASSESS_INDICATOR__COUNT + (size_t)i];

            if (!a->has[i])
                continue;
            a->level[i] = ASSESS_SUBCATEGORY;
            if (m->n < ap->min_group_size) {
                m = &as->cat[x->cat][i];
                a->level[i] = ASSESS_CATEGORY;
                if (m->n < ap->min_group_size) {
                    m = &as->all[i];
                    a->level[i] = ASSESS_ALL;
                }
            }
            if (a->level[i] > coarsest)
                coarsest = a->level[i];
            a->t[i] = assess_t_score(m, a->indicator[i], assess_lower_is_better((enum assess_indicator)i));
            sum += a->t[i];
            n++;
        }
        a->has_soft = n > 0;
        a->soft = n ? sum / n : 0;
        assess_decide(ap, a, &res);
        assess_reason(ap, a, &res, arena_at(&as->text, x->policy_reason), o->lang, reason,
                      sizeof reason);
        memset(&sa, 0, sizeof sa);
        sa.facility_id = arena_at(&as->text, x->id);
        sa.soundness = a->soundness;
        sa.remaining_life = a->remaining_life;
        sa.seismic_deficient = a->seismic_deficient;
        sa.hard_estimated = a->hard_estimated;
        sa.main_age = a->main_age;
        sa.main_extendable = a->main_extendable;
        sa.buildings = x->nbuildings;
        sa.oldest_built_year = x->oldest;
        sa.weighted_age = x->weighted_age;
        sa.hard_score = a->hard;
        sa.hard_low = res.hard_low;
        for (i = 0; i < ASSESS_INDICATOR__COUNT; i++) {
            sa.indicator[i] = a->indicator[i];
            sa.t[i] = a->t[i];
            sa.has[i] = a->has[i];
        }
        sa.soft_score = a->soft;
        sa.has_soft = a->has_soft;
        sa.soft_group = !a->has_soft ? NULL
                        : coarsest == ASSESS_SUBCATEGORY
                            ? facset_id(as->groups, facset_at(as->groups, (size_t)x->sub))
                        : coarsest == ASSESS_CATEGORY ? vocab_at(VOCAB_CATEGORY, (size_t)x->cat)->ja
                                                      : NULL;
        sa.soft_group_level = a->has_soft ? assess_level_name(coarsest) : NULL;
        sa.soft_low = res.soft_low;
        sa.quadrant = res.quadrant;
        sa.essential = a->essential;
        sa.decision = lcc_option_name(res.decision);
        sa.rule = assess_rule_name(res.rule);
        sa.review = res.review;
        sa.consolidation = res.consolidation;
        sa.reason = reason;
        err = store_results_assessment(s, r->run_id, &sa);
        if (err)
            return err;
        x->decision = (int)res.decision;
        x->review = res.review;
        r->portfolio.decisions[res.decision]++;
        r->portfolio.decision_area_m2[res.decision] += a->floor_area_m2;
        r->portfolio.review += res.review;
    }
    return KOYU_OK;
}

/* ---- scenario levers: reduction and leveling (issue 6) ---- */

/* The works of the plan, kept when a scenario levels or reduces: one per
 * event inside the window, with its facility and building. */
struct lccrun_works {
    struct level_work *w;
    uint32_t *fac;    /* index in lccrun_assess.fac */
    size_t *bid;      /* building id, offset in the assessment's text arena */
    size_t n, cap, capfac, capbid;
    size_t buildings; /* building serial numbers */
};

static int
lccrun_is_midlife(enum lcc_work w)
{
    return w == LCC_W_RENOVATION || w == LCC_W_LIFE_EXTENSION ||
           w == LCC_W_BACKLOG_RENOVATION || w == LCC_W_BACKLOG_LIFE_EXTENSION;
}

/* Keeps the events of one building, cut to the window. */
static enum koyu_err
lccrun_keep_works(struct lccrun_works *wk, const struct lcc_params *p, int y0,
                  const struct lcc_event *ev, size_t n, const struct lcc_building *b, int group,
                  size_t fac, size_t bid, const double *esc)
{
    const int last = y0 + p->horizon_years - 1;
    size_t i;
    int y;

    for (i = 0; i < n; i++) {
        struct level_work *w;
        int first = ev[i].first < y0 ? y0 : ev[i].first;
        int end = ev[i].first + ev[i].years - 1 > last ? last : ev[i].first + ev[i].years - 1;

        if (end < first)
            continue;
        if (arena_grow((void **)&wk->w, &wk->cap, wk->n + 1, sizeof *wk->w) != 0 ||
            arena_grow((void **)&wk->fac, &wk->capfac, wk->n + 1, sizeof *wk->fac) != 0 ||
            arena_grow((void **)&wk->bid, &wk->capbid, wk->n + 1, sizeof *wk->bid) != 0)
            return KOYU_ERR_NOMEM;
        w = &wk->w[wk->n];
        memset(w, 0, sizeof *w);
        w->due = first;
        w->years = (unsigned char)(end - first + 1);
        /* at the prices of its years (renewal_escalation_rate), spread evenly */
        for (y = first; y <= end; y++)
            w->cost += ev[i].cost / ev[i].years * esc[y - y0];
        w->work = (unsigned char)ev[i].work;
        w->building = (uint32_t)wk->buildings;
        w->group = group;
        w->rebuild = ev[i].work == LCC_W_REBUILD || ev[i].work == LCC_W_BACKLOG_REBUILD;
        if (lccrun_is_midlife(ev[i].work)) {
            /* unrenovated, the building is rebuilt at the end of its
             * unextended (MIC) life, as the model does */
            w->deadline = b->built_year + p->mic.life - p->age_offset;
            if (w->deadline <= w->due)
                w->deadline = 0;
            w->rebuild_work = LCC_W_REBUILD;
            /* priced in the year it would turn into a rebuild */
            w->rebuild_cost = b->floor_area_m2 * p->rebuild_yen_m2[b->category] *
                              (w->deadline > 0 && w->deadline <= last ? esc[w->deadline - y0]
                                                                      : esc[last - y0]);
            w->rebuild_years = (unsigned char)p->rebuild_spread_years;
        }
        wk->fac[wk->n] = (uint32_t)fac;
        wk->bid[wk->n] = bid;
        wk->n++;
    }
    wk->buildings++;
    return KOYU_OK;
}

/* Adds amount of work w paid in year y to the department blocks. */
static void
lccrun_add_block(struct lccrun_agg *agg, int group, int work, int y, int y0, double amount)
{
    const size_t block = (size_t)group / LCC_CATEGORIES, cat = (size_t)group % LCC_CATEGORIES;

    agg->block[block][((size_t)(y - y0) * LCC_CATEGORIES + cat) * LCC_W__COUNT + (size_t)work] +=
        amount;
}

struct lccrun_pay {
    struct lccrun_agg *agg;
    const struct level_work *w;
    int y0;
};

static void
lccrun_pay(void *ctx, size_t i, int y, double amount)
{
    struct lccrun_pay *pc = ctx;

    lccrun_add_block(pc->agg, pc->w[i].group, pc->w[i].work, y, pc->y0, amount);
}

/* Why a work moved, in the user's language. */
static void
lccrun_deferral_reason(const struct level_work *w, int last, int delay, enum koyu_lang lang,
                       char *buf, size_t size)
{
    const int en = lang == KOYU_LANG_EN;
    char yen[64];

    if (w->state == LEVEL_DROPPED) {
        snprintf(buf, size, en ? "no longer needed: the building is rebuilt earlier"
                               : "先行する建替えにより不要");
        return;
    }
    if (w->state == LEVEL_CONVERTED)
        snprintf(buf, size,
                 en ? "renovation not started by FY%d (end of the building's life): "
                      "turned into a rebuild; "
                    : "大規模改修を%d年度（耐用年数の到来）までに着手できず建替えに転換; ",
                 w->deadline);
    else
        buf[0] = '\0';
    text_format_number(w->cost - w->paid, 0, yen, sizeof yen);
    if (w->paid < w->cost * (1 - 1e-12))
        snprintf(buf + strlen(buf), size - strlen(buf),
                 en ? "not finished by FY%d under the budget cap: %s yen carried"
                    : "予算上限のため%d年度までに完了せず、%s円を繰越し",
                 last, yen);
    else if (delay > 0)
        snprintf(buf + strlen(buf), size - strlen(buf),
                 en ? "deferred %d year%s by the budget cap" : "予算上限により%d年繰延べ",
                 delay, en && delay == 1 ? "" : en ? "s" : "");
}

/* Stores the works that did not run as planned. */
static enum koyu_err
lccrun_store_deferred(store *s, const struct lccrun_options *o, long long run_id,
                      const struct lccrun_works *wk, const struct lccrun_assess *as,
                      const int *planned_work, const double *planned_cost, const int *planned_due,
                      const int *planned_years)
{
    const int last = o->year + o->params->lcc.horizon_years - 1;
    static const char *const states[] = {"deferred", "converted", "dropped"};
    long long seq = 0;
    size_t i;

    for (i = 0; i < wk->n; i++) {
        const struct level_work *w = &wk->w[i];
        const int planned_end = planned_due[i] + planned_years[i] - 1;
        const int done = w->paid >= w->cost * (1 - 1e-12);
        const int delay = done ? w->end - planned_end : last + 1 - planned_end;
        char reason[512];
        enum koyu_err err;

        if (w->state == LEVEL_PLANNED && done && w->end <= planned_end)
            continue;
        lccrun_deferral_reason(w, last, delay, o->lang, reason, sizeof reason);
        {
            const struct store_cell cells[16] = {
                STORE_CELL_INT(seq),
                STORE_CELL_TEXT(arena_at(&as->text, as->fac[wk->fac[i]].id)),
                STORE_CELL_TEXT(arena_at(&as->text, wk->bid[i])),
                STORE_CELL_TEXT(lcc_work_name((enum lcc_work)planned_work[i])),
                STORE_CELL_TEXT(lcc_work_name((enum lcc_work)w->work)),
                STORE_CELL_TEXT(states[w->state == LEVEL_PLANNED ? 0 : w->state]),
                STORE_CELL_INT(planned_due[i]),
                STORE_CELL_INT(planned_end),
                w->start ? (struct store_cell)STORE_CELL_INT(w->start)
                         : (struct store_cell)STORE_CELL_NULL,
                done && w->end ? (struct store_cell)STORE_CELL_INT(w->end)
                               : (struct store_cell)STORE_CELL_NULL,
                w->state == LEVEL_DROPPED ? (struct store_cell)STORE_CELL_NULL
                                          : (struct store_cell)STORE_CELL_INT(delay),
                STORE_CELL_REAL(planned_cost[i]),
                STORE_CELL_REAL(w->state == LEVEL_DROPPED ? 0 : w->cost),
                STORE_CELL_REAL(w->paid),
                STORE_CELL_REAL(w->state == LEVEL_DROPPED ? 0 : w->cost - w->paid),
                STORE_CELL_TEXT(reason),
            };

            err = store_results_row(s, STORE_T_DEFERRED, run_id, cells);
        }
        if (err)
            return err;
        seq++;
    }
    return KOYU_OK;
}

/* Running cost a facility still costs the city in year y. */
static double
lccrun_running_in(const struct lccrun_fac *x, int exit_year, int y)
{
    if (!exit_year || y < exit_year)
        return x->running_net;
    /* a leased facility's repairs stay with the city */
    return x->decision == LCC_LEASE ? x->repair : 0;
}

/* The floor-area reduction: plans the exits, cuts the works of the
 * facilities that leave, stores the exits.  exit[k] is written for every
 * facility (0 = stays). */
static enum koyu_err
lccrun_reduce(store *s, const struct lccrun_options *o, struct lccrun_works *wk,
              const struct lccrun_assess *as, int *exit, struct lccrun_result *r)
{
    const struct lcc_params *p = &o->params->lcc;
    const int H = p->horizon_years;
    struct reduce_options ro = {o->year, o->reduction_years, o->reduction_share,
                                o->year + p->disposal_year};
    struct reduce_facility *rf = calloc(as->n ? as->n : 1, sizeof *rf);
    double *avoided = calloc(as->n ? as->n : 1, sizeof *avoided);
    struct reduce_result rr;
    enum koyu_err err = KOYU_OK;
    size_t i, k, kept = 0;
    int y;

    if (!rf || !avoided) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    for (k = 0; k < as->n; k++) {
        rf[k].floor_area_m2 = as->fac[k].a.floor_area_m2;
        rf[k].decision = as->fac[k].decision;
        rf[k].hard = as->fac[k].a.hard;
        rf[k].planned_year = as->fac[k].policy_year;
    }
    if (reduce_plan(&ro, rf, as->n, &rr) != 0) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    /* renewals stop from the exit year, unless a lease leaves them with the city */
    for (i = 0; i < wk->n; i++) {
        struct level_work *w = &wk->w[i];
        const struct reduce_facility *x = &rf[wk->fac[i]];
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

            avoided[wk->fac[i]] += w->cost - left;
            r->scenario.renewal_avoided_yen += w->cost - left;
            w->cost = left;
            w->years = (unsigned char)keep;
        }
        if (keep == 0)
            continue;
        wk->w[kept] = *w;
        wk->fac[kept] = wk->fac[i];
        wk->bid[kept] = wk->bid[i];
        kept++;
    }
    wk->n = kept;
    r->scenario.reduction_target_m2 = rr.target_m2;
    r->scenario.reduced_m2 = rr.reduced_m2;
    for (k = 0; k < as->n && !err; k++) {
        const struct lccrun_fac *x = &as->fac[k];
        double running = 0;

        exit[k] = rf[k].exit_year;
        if (!exit[k])
            continue;
        for (y = exit[k]; y < o->year + H; y++)
            running += x->running_net - lccrun_running_in(x, exit[k], y);
        r->scenario.running_avoided_yen += running;
        {
            const struct store_cell cells[6] = {
                STORE_CELL_TEXT(arena_at(&as->text, x->id)),
                STORE_CELL_TEXT(lcc_option_name((enum lcc_option)x->decision)),
                STORE_CELL_INT(exit[k]),
                STORE_CELL_REAL(x->a.floor_area_m2),
                STORE_CELL_REAL(running),
                STORE_CELL_REAL(avoided[k]),
            };

            err = store_results_row(s, STORE_T_EXIT, r->run_id, cells);
        }
    }
cleanup:
    free(rf);
    free(avoided);
    return err;
}

/* Applies the scenario's levers to the kept works and refills agg with
 * the plan that results: reduction first, then leveling under the cap. */
static enum koyu_err
lccrun_levers(store *s, const struct lccrun_options *o, struct lccrun_agg *agg,
              struct lccrun_works *wk, const struct lccrun_assess *as, int *exit,
              unsigned char *binding, struct lccrun_result *r)
{
    const struct lcc_params *p = &o->params->lcc;
    const int H = p->horizon_years;
    int *pw = NULL, *pdue = NULL, *pyears = NULL, y;
    double *pcost = NULL, cap[LCC_MAX_HORIZON];
    enum koyu_err err = KOYU_OK;
    size_t i, k;

    if (o->reduction_share > 0) {
        err = lccrun_reduce(s, o, wk, as, exit, r);
        if (err)
            return err;
    }
    for (k = 0; k < agg->nblocks; k++)
        memset(agg->block[k], 0, agg->per_block * sizeof(double));
    if (!(o->cap_yen > 0)) {
        /* each year at its own prices, as the works were priced */
        for (i = 0; i < wk->n; i++) {
            const struct level_work *w = &wk->w[i];
            const double g = 1 + p->renewal_escalation_rate;

            for (y = 0; y < w->years; y++)
                lccrun_add_block(agg, w->group, w->work, w->due + y, o->year,
                                 g == 1 ? w->cost / w->years
                                        : level_part(w->cost, g, y + 1, w->years) -
                                              level_part(w->cost, g, y, w->years));
        }
        return KOYU_OK;
    }
    /* leveling: the plan as it stood, for the deferred works' rows */
    pw = malloc((wk->n ? wk->n : 1) * sizeof *pw);
    pdue = malloc((wk->n ? wk->n : 1) * sizeof *pdue);
    pyears = malloc((wk->n ? wk->n : 1) * sizeof *pyears);
    pcost = malloc((wk->n ? wk->n : 1) * sizeof *pcost);
    if (!pw || !pdue || !pyears || !pcost) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    for (i = 0; i < wk->n; i++) {
        const struct lccrun_fac *x = &as->fac[wk->fac[i]];

        pw[i] = wk->w[i].work;
        pdue[i] = wk->w[i].due;
        pyears[i] = wk->w[i].years;
        pcost[i] = wk->w[i].cost;
        wk->w[i].hard = (float)x->a.hard;
        wk->w[i].essential = (unsigned char)x->a.essential;
        wk->w[i].review = (unsigned char)x->review;
    }
    for (y = 0; y < H; y++)
        cap[y] = o->cap_yen;
    {
        struct level_options lo = {o->year, H, cap, o->max_advance_years,
                                   1 + p->renewal_escalation_rate};
        struct level_summary ls;
        struct lccrun_pay pc = {agg, wk->w, o->year};

        if (level_run(&lo, wk->w, wk->n, &ls, lccrun_pay, &pc) != 0) {
            err = KOYU_ERR_NOMEM;
            goto cleanup;
        }
        r->scenario.budget_cap_yen = o->cap_yen;
        r->scenario.backlog_yen = ls.backlog;
        r->scenario.deferral_cost_yen = ls.deferral_cost;
        r->scenario.deferred_works = ls.deferred;
        r->scenario.cap_binding_years = ls.binding_years;
        memcpy(binding, ls.binding, (size_t)H);
    }
    err = lccrun_store_deferred(s, o, r->run_id, wk, as, pw, pcost, pdue, pyears);
cleanup:
    free(pw);
    free(pdue);
    free(pyears);
    free(pcost);
    return err;
}

/* The scenario's yearly series, present values, and their rows. */
static enum koyu_err
lccrun_series(store *s, const struct lccrun_options *o, const struct lccrun_assess *as,
              const int *exit, const unsigned char *binding, struct lccrun_result *r)
{
    const struct lcc_params *p = &o->params->lcc;
    const int H = p->horizon_years;
    enum koyu_err err = KOYU_OK;
    size_t k;
    int y;

    for (k = 0; k < as->n; k++) {
        const struct lccrun_fac *x = &as->fac[k];
        const int e = exit ? exit[k] : 0;

        for (y = 0; y < H; y++) {
            r->running_by_year[y] += lccrun_running_in(x, e, o->year + y);
            if (!e || o->year + y < e)
                r->floor_by_year[y] += x->a.floor_area_m2;
        }
    }
    for (y = 0; y < H; y++) {
        const double t = y + p->first_year_t;
        const double df = lcc_spv(p->discount_rate, t);

        r->scenario.planned_total_yen += r->planned_by_year[y];
        r->scenario.pv_renewal_yen += r->by_year[y] * df;
        r->scenario.pv_running_yen +=
            r->running_by_year[y] * pow(1 + p->escalation_rate, t) * df;
    }
    r->scenario.end_floor_area_m2 = H > 0 ? r->floor_by_year[H - 1] : 0;
    for (y = 0; y < H && !err; y++) {
        const struct store_cell cells[7] = {
            STORE_CELL_INT(o->year + y),
            STORE_CELL_REAL(r->planned_by_year[y]),
            STORE_CELL_REAL(r->by_year[y]),
            o->cap_yen > 0 ? (struct store_cell)STORE_CELL_REAL(o->cap_yen)
                           : (struct store_cell)STORE_CELL_NULL,
            o->cap_yen > 0 ? (struct store_cell)STORE_CELL_INT(binding[y])
                           : (struct store_cell)STORE_CELL_NULL,
            STORE_CELL_REAL(r->floor_by_year[y]),
            STORE_CELL_REAL(r->running_by_year[y]),
        };

        err = store_results_row(s, STORE_T_SCENARIO_YEAR, r->run_id, cells);
    }
    return err;
}

/* ---- uncertainty (issue 6 §5) ---- */

/* The portfolio kept in memory for the uncertainty analysis: every
 * building, and every facility pointing at its own (fixed up at the end,
 * the arrays move while they grow). */
struct lccrun_pf {
    struct lcc_building *b;
    size_t nb, capb;
    struct lcc_facility *f;
    size_t nf, capf;
    size_t *first;
    size_t capfirst;
};

static enum koyu_err
lccrun_pf_add(struct lccrun_pf *pf, const struct lcc_facility *lf)
{
    if (arena_grow((void **)&pf->b, &pf->capb, pf->nb + lf->nbuildings, sizeof *pf->b) != 0 ||
        arena_grow((void **)&pf->f, &pf->capf, pf->nf + 1, sizeof *pf->f) != 0 ||
        arena_grow((void **)&pf->first, &pf->capfirst, pf->nf + 1, sizeof *pf->first) != 0)
        return KOYU_ERR_NOMEM;
    memcpy(pf->b + pf->nb, lf->buildings, lf->nbuildings * sizeof *pf->b);
    pf->first[pf->nf] = pf->nb;
    pf->f[pf->nf] = *lf;
    pf->f[pf->nf].buildings = NULL;
    pf->nb += lf->nbuildings;
    pf->nf++;
    return KOYU_OK;
}

static const char *
lccrun_option_name(int o)
{
    return o >= 0 && o < LCC_OPTION__COUNT ? lcc_option_name((enum lcc_option)o) : NULL;
}

static struct store_cell
lccrun_cell_opt(int o)
{
    const char *n = lccrun_option_name(o);
    struct store_cell c = STORE_CELL_NULL;

    if (n) {
        c.type = STORE_TEXT;
        c.s = n;
    }
    return c;
}

static struct store_cell
lccrun_cell_real(int valid, double v)
{
    struct store_cell c = STORE_CELL_NULL;

    if (valid && isfinite(v)) {
        c.type = STORE_REAL;
        c.d = v;
    }
    return c;
}

/* Sensitivity, switching values and Monte Carlo of the run's scenario
 * over the portfolio; their rows stored. */
static enum koyu_err
lccrun_uncertainty(store *s, const struct lccrun_options *o, struct lccrun_pf *pf,
                   const struct lccrun_assess *as, struct lccrun_result *r)
{
    const struct lcc_params *p = &o->params->lcc;
    const int H = p->horizon_years;
    const int mc = o->mc && o->mc->draws > 0;
    struct unc_sensitivity sens;
    struct unc_sensitivity_spec spec;
    struct unc_mc res;
    struct unc_portfolio up;
    int *chosen = NULL, y, v, e;
    enum koyu_err err = KOYU_OK;
    struct timespec t0, t1;
    size_t k;

    memset(&sens, 0, sizeof sens);
    memset(&res, 0, sizeof res);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (k = 0; k < pf->nf; k++)
        pf->f[k].buildings = pf->b + pf->first[k];
    chosen = malloc((pf->nf ? pf->nf : 1) * sizeof *chosen);
    if (!chosen)
        return KOYU_ERR_NOMEM;
    /* the sorting's decisions and the options share their order */
    for (k = 0; k < pf->nf; k++)
        chosen[k] = as->fac[k].decision;
    up.facilities = pf->f;
    up.nfacilities = pf->nf;
    up.chosen = chosen;
    up.like_for_like = 1;
    up.model = o->model;
    up.y0 = o->year;
    if (o->sensitivity) {
        static const char *const ends[] = {"low", "high"};

        unc_sensitivity_spec_default(&spec);
        err = unc_sensitivity(p, &up, &spec, &sens);
        for (v = 0; v < UNC_VAR__COUNT && !err; v++)
            for (e = 0; e < UNC_END__COUNT && !err; e++) {
                const double value = v == UNC_UNIT_COST ? spec.unit_cost_factor[e]
                                     : v == UNC_DISCOUNT ? spec.discount_rate[e]
                                     : v == UNC_ESCALATION ? spec.escalation_rate[e]
                                                           : spec.life_years[e];
                const struct store_cell cells[6] = {
                    STORE_CELL_TEXT(unc_var_name((enum unc_var)v)),
                    STORE_CELL_TEXT(ends[e]),
                    STORE_CELL_REAL(value),
                    STORE_CELL_REAL(sens.cases[v][e].total),
                    STORE_CELL_REAL(sens.cases[v][e].pv),
                    STORE_CELL_INT((long long)sens.cases[v][e].changed),
                };

                err = store_results_row(s, STORE_T_SENSITIVITY, r->run_id, cells);
            }
        if (!err) {
            const struct store_cell cells[6] = {
                STORE_CELL_TEXT("base"), STORE_CELL_TEXT("base"), STORE_CELL_REAL(0),
                STORE_CELL_REAL(sens.base_total), STORE_CELL_REAL(sens.base_pv),
                STORE_CELL_INT(0),
            };

            err = store_results_row(s, STORE_T_SENSITIVITY, r->run_id, cells);
        }
    }
    if (!err && mc) {
        struct unc_mc_spec spec_mc = *o->mc;
        double planned_pv = 0;

        /* the draws vary the model's projection, before the scenario's
         * levers: its deterministic figures are the plan's */
        for (y = 0; y < H; y++)
            planned_pv += r->planned_by_year[y] * lcc_spv(p->discount_rate, y + p->first_year_t);

        err = unc_monte_carlo(p, &up, &spec_mc, &res);
        for (y = 0; y < H && !err; y++) {
            const struct store_cell cells[5] = {
                STORE_CELL_INT(o->year + y), STORE_CELL_REAL(res.year[y].p5),
                STORE_CELL_REAL(res.year[y].p50), STORE_CELL_REAL(res.year[y].p95),
                STORE_CELL_REAL(res.year[y].mean),
            };

            err = store_results_row(s, STORE_T_MC_YEAR, r->run_id, cells);
        }
        for (e = 0; e < 2 && !err; e++) {
            const struct unc_stats *st = e ? &res.pv : &res.total;
            char seed[32];

            snprintf(seed, sizeof seed, "%llu", (unsigned long long)o->mc->seed);
            {
                const struct store_cell cells[8] = {
                    STORE_CELL_TEXT(e ? "pv" : "total"),
                    STORE_CELL_INT((long long)res.draws),
                    STORE_CELL_TEXT(seed),
                    STORE_CELL_REAL(st->p5),
                    STORE_CELL_REAL(st->p50),
                    STORE_CELL_REAL(st->p95),
                    STORE_CELL_REAL(st->mean),
                    STORE_CELL_REAL(e ? planned_pv : r->scenario.planned_total_yen),
                };

                err = store_results_row(s, STORE_T_MC_SUMMARY, r->run_id, cells);
            }
        }
    }
    /* per facility: what it is sensitive to */
    for (k = 0; k < pf->nf && !err && (o->sensitivity || mc); k++) {
        struct unc_switching sw;
        unsigned bits = o->sensitivity ? sens.changes[k] : 0, n = 0;

        memset(&sw, 0, sizeof sw);
        sw.base_option = -1;
        if (o->sensitivity)
            unc_switching_values_among(p, o->model, o->year, &pf->f[k],
                                       unc_comparable(chosen[k]), &sw);
        while (bits) {
            n += bits & 1u;
            bits >>= 1;
        }
        {
            const struct store_cell cells[9] = {
                STORE_CELL_TEXT(arena_at(&as->text, as->fac[k].id)),
                lccrun_cell_opt(chosen[k]),
                lccrun_cell_opt(o->sensitivity
                                    ? sens.base_cheapest[k]
                                    : unc_cheapest_among(p, o->model, o->year, &pf->f[k],
                                                         unc_comparable(chosen[k]))),
                lccrun_cell_real(mc && res.p_chosen[k] >= 0, mc ? res.p_chosen[k] : 0),
                lccrun_cell_real(sw.discount.found, sw.discount.value),
                lccrun_cell_opt(sw.discount.found ? sw.discount.to : -1),
                lccrun_cell_real(sw.renewal_escalation.found, sw.renewal_escalation.value),
                lccrun_cell_opt(sw.renewal_escalation.found ? sw.renewal_escalation.to : -1),
                STORE_CELL_INT(n),
            };

            err = store_results_row(s, STORE_T_FACILITY_UNC, r->run_id, cells);
        }
    }
    if (mc) {
        memcpy(&r->mc_summary, &res, sizeof res);
        r->mc_summary.p_chosen = NULL;
    }
    unc_sensitivity_release(&sens);
    unc_mc_release(&res);
    free(chosen);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->uncertainty_seconds = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    return err;
}

enum koyu_err
lccrun_run(store *s, const struct lccrun_options *o, struct lccrun_result *r)
{
    const struct lcc_params *p = &o->params->lcc;
    const int H = p->horizon_years;
    struct store_run run = {o->year, o->scenario, lcc_model_name(o->model), H,
                            p->discount_rate, o->created_at};
    struct lccrun_agg agg = {NULL, NULL, 0, 0, (size_t)H * LCC_CATEGORIES * LCC_W__COUNT};
    struct lcc_building *bl = NULL;
    size_t capbl = 0, i, k;
    double *fac_years = NULL;
    store_snapshot *snap = NULL;
    struct asset_facility f;
    struct lccrun_assess as;
    struct lccrun_works wk;
    struct lccrun_pf pf;
    const int keep_pf = o->sensitivity || (o->mc && o->mc->draws > 0);
    const int levers = o->cap_yen > 0 || o->reduction_share > 0;
    int *exit = NULL;
    unsigned char binding[LCC_MAX_HORIZON] = {0};
    double esc[LCC_MAX_HORIZON];
    enum koyu_err err;
    int rc, y, w, c;

    memset(r, 0, sizeof *r);
    memset(&as, 0, sizeof as);
    memset(&wk, 0, sizeof wk);
    memset(&pf, 0, sizeof pf);
    /* renewals at the prices of their year: 1 at Y0 (lcc_escalate) */
    for (y = 0; y < H; y++)
        esc[y] = 1;
    lcc_escalate(p, o->year, esc, H);
    as.groups = facset_new();
    agg.depts = facset_new();
    fac_years = calloc((size_t)H * LCC_W__COUNT, sizeof *fac_years);
    if (!agg.depts || !fac_years || !as.groups) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    err = store_results_begin(s, &run, &r->run_id);
    if (!err)
        err = lccrun_store_params(s, r->run_id, o->params);
    if (!err)
        err = lccrun_store_levers(s, r->run_id, o);
    if (!err)
        err = store_snapshot_open(s, o->year, NULL, &snap);
    if (err)
        goto cleanup;
    while ((rc = store_snapshot_next(snap, &f)) == 1) {
        struct store_facility_result fr;
        struct lcc_option_result opt[LCC_OPTION__COUNT];
        struct lcc_facility lf;
        int cat = f.category >= 0 ? f.category : LCC_CATEGORIES - 1, bi = 0;
        double *block = lccrun_block(&agg, f.department, &bi);

        if (!block) {
            err = KOYU_ERR_NOMEM;
            goto cleanup;
        }
        if (arena_grow((void **)&bl, &capbl, f.nbuildings, sizeof *bl) != 0) {
            err = KOYU_ERR_NOMEM;
            goto cleanup;
        }
        memset(&fr, 0, sizeof fr);
        for (i = 0; i < f.nbuildings; i++) {
            struct lcc_event ev[LCC_MAX_EVENTS];
            size_t n;

            bl[i] = lccrun_building(p, cat, &f.buildings[i]);
            n = lcc_schedule(p, o->model, o->year, &bl[i], ev);
            memset(fac_years, 0, (size_t)H * LCC_W__COUNT * sizeof *fac_years);
            lcc_spread(p, o->year, ev, n, fac_years);
            if (p->renewal_escalation_rate != 0)
                for (y = 0; y < H; y++)
                    for (w = 0; w < LCC_W__COUNT; w++)
                        fac_years[y * LCC_W__COUNT + w] *= esc[y];
            if (levers) {
                size_t bid = arena_add_str(&as.text, f.buildings[i].building_id);

                err = bid == ARENA_NONE
                          ? KOYU_ERR_NOMEM
                          : lccrun_keep_works(&wk, p, o->year, ev, n, &bl[i],
                                              bi * LCC_CATEGORIES + cat, as.n, bid, esc);
                if (err)
                    goto cleanup;
            }
            for (y = 0; y < H; y++)
                for (w = 0; w < LCC_W__COUNT; w++) {
                    double v = fac_years[y * LCC_W__COUNT + w];

                    if (v == 0)
                        continue;
                    block[((size_t)y * LCC_CATEGORIES + (size_t)cat) * LCC_W__COUNT + (size_t)w] += v;
                    fr.renewal_total_yen += v;
                    if (o->detail) {
                        err = store_results_schedule(s, r->run_id, f.buildings[i].building_id,
                                                     f.facility_id, o->year + y,
                                                     lcc_work_name((enum lcc_work)w), v);
                        if (err)
                            goto cleanup;
                    }
                }
        }
        fr.facility_id = f.facility_id;
        fr.floor_area_m2 = f.floor_area_m2;
        lccrun_running_cost(p, &f, &fr.running_cost_yen, &fr.revenue_yen, &fr.repair_yen,
                            &fr.usage_years, &fr.running_estimated);
        lf.buildings = bl;
        lf.nbuildings = f.nbuildings;
        lf.running_cost_yen = fr.running_cost_yen;
        lf.repair_yen = fr.repair_yen;
        lf.revenue_yen = fr.revenue_yen;
        lf.land_value_yen = f.land_value_yen;
        lf.land_owned = f.land_owned != 0;
        lcc_appraise(p, o->model, o->year, &lf, opt);
        if (keep_pf && (err = lccrun_pf_add(&pf, &lf)) != KOYU_OK)
            goto cleanup;
        for (k = 0; k < LCC_OPTION__COUNT; k++) {
            fr.pv[k] = opt[k].pv;
            fr.annual[k] = opt[k].annual_equivalent;
            fr.residual[k] = opt[k].residual_pv;
        }
        err = store_results_facility(s, r->run_id, &fr);
        if (!err)
            err = lccrun_assess_facility(&as, o, &f, bl, cat, &fr);
        if (err)
            goto cleanup;
        as.fac[as.n - 1].block = bi;
        r->portfolio.facilities++;
        r->portfolio.buildings += (long)f.nbuildings;
        r->portfolio.floor_area_m2 += f.floor_area_m2;
        r->portfolio.estimated_running_costs += fr.running_estimated;
    }
    if (rc < 0) {
        err = KOYU_ERR_DB;
        goto cleanup;
    }
    /* the model's need, before any lever */
    for (k = 0; k < agg.nblocks; k++)
        for (y = 0; y < H; y++)
            for (c = 0; c < LCC_CATEGORIES * LCC_W__COUNT; c++)
                r->planned_by_year[y] += agg.block[k][(size_t)y * LCC_CATEGORIES * LCC_W__COUNT + (size_t)c];
    err = lccrun_assess_finish(&as, s, o, r);
    if (!err && levers) {
        exit = calloc(as.n ? as.n : 1, sizeof *exit);
        err = exit ? lccrun_levers(s, o, &agg, &wk, &as, exit, binding, r) : KOYU_ERR_NOMEM;
    }
    if (err)
        goto cleanup;
    /* the projection by year, category, department and work type */
    for (k = 0; k < agg.nblocks; k++) {
        const char *dept = facset_id(agg.depts, facset_at(agg.depts, k));

        for (y = 0; y < H; y++)
            for (c = 0; c < LCC_CATEGORIES; c++)
                for (w = 0; w < LCC_W__COUNT; w++) {
                    double v = agg.block[k][((size_t)y * LCC_CATEGORIES + (size_t)c) *
                                                LCC_W__COUNT + (size_t)w];

                    if (v == 0)
                        continue;
                    r->by_year[y] += v;
                    r->by_work[w] += v;
                    err = store_results_renewal(s, r->run_id, o->year + y,
                                                vocab_at(VOCAB_CATEGORY, (size_t)c)->code,
                                                dept, lcc_work_name((enum lcc_work)w), v);
                    if (err)
                        goto cleanup;
                }
    }
    for (y = 0; y < H; y++) {
        r->portfolio.total_yen += r->by_year[y];
        if (y == 0 || r->by_year[y] > r->portfolio.peak_yen) {
            r->portfolio.peak_yen = r->by_year[y];
            r->portfolio.peak_year = o->year + y;
        }
    }
    r->portfolio.annual_average_yen = r->portfolio.total_yen / H;
    r->portfolio.recent_investment_yen = p->recent_investment_yen;
    r->scenario.batch = o->batch ? o->batch : o->created_at;
    r->scenario.position = o->position;
    r->scenario.title = o->title;
    r->scenario.title_en = o->title_en;
    r->scenario.file = o->file;
    err = lccrun_series(s, o, &as, exit, binding, r);
    if (!err && keep_pf)
        err = lccrun_uncertainty(s, o, &pf, &as, r);
    if (!err)
        err = store_results_scenario(s, r->run_id, &r->scenario);
    if (!err)
        err = store_results_finish(s, r->run_id, &r->portfolio);
cleanup:
    free(pf.b);
    free(pf.f);
    free(pf.first);
    free(exit);
    free(wk.w);
    free(wk.fac);
    free(wk.bid);
    free(as.fac);
    free(as.sub);
    arena_release(&as.text);
    facset_free(as.groups);
    store_snapshot_close(snap);
    for (k = 0; k < agg.nblocks; k++)
        free(agg.block[k]);
    free(agg.block);
    facset_free(agg.depts);
    free(fac_years);
    free(bl);
    return err;
}
