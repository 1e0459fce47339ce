/* lccrun.c - the engine over a stored snapshot, results back to the store. */
#include "koyu/lccrun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/arena.h"
#include "koyu/assess.h"
#include "koyu/facset.h"
#include "koyu/vocab.h"

struct lcc_building
lccrun_building(const struct lcc_params *p, int category, const struct snap_building *b)
{
    struct lcc_building lb;
    const struct vocab_entry *deficient = vocab_find(VOCAB_SEISMIC, "old_unretrofitted");
    const struct vocab_entry *seismic = b->seismic >= 0 ? vocab_at(VOCAB_SEISMIC, (size_t)b->seismic) : NULL;

    (void)p;
    lb.category = category;
    lb.structure = b->structure;
    lb.floor_area_m2 = b->floor_area_m2;
    lb.built_year = b->built_year;
    lb.renovated_year = b->renovated_year;
    /* unknown seismic status is derived from the built year: the 1981
     * standard applies from fiscal 1982 (README) */
    if (!seismic || strcmp(seismic->code, "unknown") == 0)
        lb.seismic_deficient = b->built_year < 1982;
    else
        lb.seismic_deficient = seismic == deficient;
    return lb;
}

void
lccrun_running_cost(const struct lcc_params *p, const struct snap_facility *f, double *cost,
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
lccrun_block(struct lccrun_agg *a, const char *dept)
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

/* ---- assessment ---- */

/* What a facility leaves behind for the second pass of the assessment. */
struct lccrun_fac {
    size_t id, policy_reason; /* offsets in the run's text arena */
    int nbuildings, oldest;   /* for the workbooks */
    double weighted_age;
    int sub;                  /* subcategory index in the groups set */
    int cat;
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
                       const struct snap_facility *f, const struct lcc_building *bl, int cat,
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
    /* hard: per building, weighted by floor area; the largest building
     * (the first of equals, by id) is the main one */
    for (k = 0; k < f->nbuildings; k++) {
        struct assess_building_in bi;
        struct assess_building_out bo;
        const struct snap_building *sb = &f->buildings[k];
        const struct vocab_entry *se = sb->seismic >= 0 ? vocab_at(VOCAB_SEISMIC, (size_t)sb->seismic) : NULL;
        double w = sb->floor_area_m2;

        bi.lcc = bl[k];
        bi.seismic_known = se && strcmp(se->code, "unknown") != 0;
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
    {
        const struct vocab_entry *st = f->status >= 0 ? vocab_at(VOCAB_STATUS, (size_t)f->status) : NULL;

        a->closing = st && strcmp(st->code, "closing") == 0;
    }
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
        sa.decision = assess_decision_name(res.decision);
        sa.rule = assess_rule_name(res.rule);
        sa.review = res.review;
        sa.consolidation = res.consolidation;
        sa.reason = reason;
        err = store_results_assessment(s, r->run_id, &sa);
        if (err)
            return err;
        r->portfolio.decisions[res.decision]++;
        r->portfolio.decision_area_m2[res.decision] += a->floor_area_m2;
        r->portfolio.review += res.review;
    }
    return KOYU_OK;
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
    struct snap_facility f;
    struct lccrun_assess as;
    enum koyu_err err;
    int rc, y, w, c;

    memset(r, 0, sizeof *r);
    memset(&as, 0, sizeof as);
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
        err = store_snapshot_open(s, o->year, NULL, &snap);
    if (err)
        goto cleanup;
    while ((rc = store_snapshot_next(snap, &f)) == 1) {
        struct store_facility_result fr;
        struct lcc_option_result opt[LCC_OPTION__COUNT];
        struct lcc_facility lf;
        int cat = f.category >= 0 ? f.category : LCC_CATEGORIES - 1;
        double *block = lccrun_block(&agg, f.department);

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
        r->portfolio.facilities++;
        r->portfolio.buildings += (long)f.nbuildings;
        r->portfolio.floor_area_m2 += f.floor_area_m2;
        r->portfolio.estimated_running_costs += fr.running_estimated;
    }
    if (rc < 0) {
        err = KOYU_ERR_DB;
        goto cleanup;
    }
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
    err = lccrun_assess_finish(&as, s, o, r);
    if (!err)
        err = store_results_finish(s, r->run_id, &r->portfolio);
cleanup:
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
