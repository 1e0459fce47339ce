/* run.c - one scenario: snapshot -> engine -> store (run.h). */
#include "koyu/run/run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "koyu/core/arena.h"
#include "koyu/core/facset.h"
#include "koyu/core/vocab.h"
#include "koyu/engine/level.h"

/* What the run keeps beside the engine: the names of what it numbers. */
struct run_names {
    struct arena text;
    size_t *facility; /* facility k's id, offset in text */
    size_t nfac, capfac;
    size_t *building; /* building serial's id (only when a lever needs it) */
    size_t nbld, capbld;
    facset *groups;    /* comparison group (中分類) -> number */
    facset *depts;     /* department -> number */
    facset *districts; /* 地区 -> number */
};

static const char *
run_facility_id(const struct run_names *nm, size_t k)
{
    return arena_at(&nm->text, nm->facility[k]);
}

/* The number of name in set (numbered as first seen), or -1. */
static int
run_number(facset *set, const char *name)
{
    int existed;
    struct facset_entry *e =
        facset_add(set, name ? name : "", (long)facset_count(set), 0, &existed);

    return e ? (int)e->line : -1;
}

/* Every parameter of the run, with its source, for the Assumptions sheet. */
static enum koyu_err
run_store_params(store *s, long long run_id, const struct params *pp)
{
    const struct lcc_params *p = &pp->lcc;
    char key[200], value[64];
    enum koyu_err err = KOYU_OK;
    size_t i;

    for (i = 0; i < pp->nnotes && !err; i++)
        err = store_results_param(s, run_id, pp->notes[i].key, pp->notes[i].value,
                                  pp->notes[i].source, pp->notes[i].file);
    for (i = 0; i < LCC_CATEGORIES && !err; i++) {
        const char *code = vocab_at(VOCAB_CATEGORY, i)->code;
        const char *src = pp->table_sources[i];
        static const char *const col[] = {"rebuild_yen_m2", "renovation_yen_m2", "running_yen_m2"};
        const double v[] = {p->rebuild_yen_m2[i], p->renovation_yen_m2[i], p->running_yen_m2[i]};
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
    /* the type policy (types.csv), the cells each row gives */
    for (i = 0; i < pp->ntypes && !err; i++) {
        static const char *const allow[] = {"yes", "review", "no"};
        const struct param_type_row *t = &pp->types[i];

        if (t->essential >= 0) {
            snprintf(key, sizeof key, "types.%s.essential", t->group);
            err = store_results_param(s, run_id, key, t->essential ? "yes" : "no", t->source,
                                      "types.csv");
        }
        if (!err && t->sell >= 0) {
            snprintf(key, sizeof key, "types.%s.sell", t->group);
            err = store_results_param(s, run_id, key, allow[t->sell], t->source, "types.csv");
        }
        if (!err && t->lease >= 0) {
            snprintf(key, sizeof key, "types.%s.lease", t->group);
            err = store_results_param(s, run_id, key, allow[t->lease], t->source, "types.csv");
        }
        if (!err && !isnan(t->utilization_cut)) {
            snprintf(key, sizeof key, "types.%s.utilization_cut", t->group);
            if (t->utilization_cut < 0)
                snprintf(value, sizeof value, "none");
            else
                snprintf(value, sizeof value, "%g", t->utilization_cut);
            err = store_results_param(s, run_id, key, value, t->source, "types.csv");
        }
    }
    return err;
}

/* The scenario's own keys, with the parameters (the Assumptions sheet). */
static enum koyu_err
run_store_levers(store *s, long long run_id, const struct run_options *o)
{
    const char *file = o->file ? o->file : "";
    const struct portfolio_levers *lv = &o->levers;
    char v[96], d[64];
    enum koyu_err err = KOYU_OK;

#define LEVER(key, ...)                                                                            \
    do {                                                                                           \
        snprintf(v, sizeof v, __VA_ARGS__);                                                        \
        if (!err)                                                                                  \
            err = store_results_param(s, run_id, key, v, "scenario", file);                        \
    } while (0)
    LEVER("scenario.model", "%s", lcc_model_name(o->model));
    if (lv->cap_yen > 0) {
        LEVER("budget.cap_yen", "%.0f", lv->cap_yen);
        LEVER("budget.max_advance_years", "%d", lv->max_advance_years);
    }
    if (lv->reduction_share > 0) {
        LEVER("reduction.target_share", "%g", lv->reduction_share);
        LEVER("reduction.years", "%d", lv->reduction_years);
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

/* One facility's figures and its buildings' assessments. */
static enum koyu_err
run_store_facility(store *s, const struct run_options *o, long long run_id,
                   const struct asset_facility *f, const struct portfolio_figures *fg)
{
    const int H = o->params->lcc.horizon_years;
    struct store_facility_result fr;
    enum koyu_err err;
    size_t k;
    int y, w;

    memset(&fr, 0, sizeof fr);
    fr.facility_id = f->facility_id;
    fr.floor_area_m2 = fg->floor_area_m2;
    fr.running_cost_yen = fg->running_cost_yen;
    fr.revenue_yen = fg->revenue_yen;
    fr.repair_yen = fg->repair_yen;
    fr.usage_years = fg->usage_years;
    fr.running_estimated = fg->running_estimated;
    for (k = 0; k < LCC_OPTION__COUNT; k++) {
        fr.pv[k] = fg->option[k].pv;
        fr.annual[k] = fg->option[k].annual_equivalent;
        fr.residual[k] = fg->option[k].residual_pv;
    }
    fr.renewal_total_yen = fg->renewal_total_yen;
    fr.repair_offered = fg->option[LCC_REPAIR].offered;
    fr.cheapest = fg->cheapest;
    fr.service_loss_pv_yen = fg->option[LCC_SELL].service_loss_pv;
    fr.land_pv_yen = fg->option[LCC_KEEP].land_pv;
    err = store_results_facility(s, run_id, &fr);
    for (k = 0; k < f->nbuildings && !err; k++) {
        const struct assess_building_out *b = &fg->building[k];
        const struct store_cell cells[11] = {
            STORE_CELL_TEXT(f->buildings[k].building_id),
            STORE_CELL_TEXT(f->facility_id),
            STORE_CELL_INT(b->age),
            STORE_CELL_REAL(b->soundness),
            STORE_CELL_INT(b->soundness_estimated),
            STORE_CELL_INT(b->target_life),
            STORE_CELL_INT(b->remaining_life),
            STORE_CELL_INT(b->seismic_deficient),
            STORE_CELL_INT(b->seismic_derived),
            STORE_CELL_REAL(b->hard),
            STORE_CELL_INT(b->renovated),
        };

        err = store_results_row(s, STORE_T_BUILDING, run_id, cells);
        for (y = 0; y < H && !err && fg->yearly; y++)
            for (w = 0; w < LCC_W__COUNT && !err; w++) {
                const double v = fg->yearly[(k * (size_t)H + (size_t)y) * LCC_W__COUNT + (size_t)w];

                if (v != 0)
                    err = store_results_schedule(s, run_id, f->buildings[k].building_id,
                                                 f->facility_id, o->year + y,
                                                 lcc_work_name((enum lcc_work)w), v);
            }
    }
    return err;
}

/* Every facility's assessment and decision. */
static enum koyu_err
run_store_assessments(store *s, const portfolio *pf, const struct run_names *nm,
                      const int *group_of, long long run_id)
{
    enum koyu_err err = KOYU_OK;
    size_t k, n = portfolio_count(pf);
    int i;

    for (k = 0; k < n && !err; k++) {
        struct portfolio_verdict v;
        struct store_assessment sa;
        const struct assess_facility *a;

        portfolio_verdict(pf, k, &v);
        a = v.a;
        memset(&sa, 0, sizeof sa);
        sa.facility_id = run_facility_id(nm, k);
        sa.soundness = a->soundness;
        sa.remaining_life = a->remaining_life;
        sa.seismic_deficient = a->seismic_deficient;
        sa.hard_estimated = a->hard_estimated;
        sa.main_age = a->main_age;
        sa.main_extendable = a->main_extendable;
        sa.main_why_not = a->main_why_not;
        sa.buildings = v.nbuildings;
        sa.oldest_built_year = v.oldest_built_year;
        sa.weighted_age = v.weighted_age;
        sa.hard_score = a->hard;
        sa.hard_low = v.r.hard_low;
        for (i = 0; i < ASSESS_INDICATOR__COUNT; i++) {
            sa.indicator[i] = a->indicator[i];
            sa.t[i] = a->t[i];
            sa.has[i] = a->has[i];
            sa.scored[i] = a->scored[i];
        }
        sa.soft_score = a->soft;
        sa.has_soft = a->has_soft;
        /* the group by its stored name: the 中分類 as written, the
         * category by its code, none for the benchmark values */
        sa.soft_group = !a->has_soft ? NULL
                        : v.level == ASSESS_SUBCATEGORY
                            ? facset_id(nm->groups, facset_at(nm->groups, (size_t)group_of[k]))
                        : v.level == ASSESS_CATEGORY
                            ? vocab_at(VOCAB_CATEGORY, (size_t)v.category)->code
                            : NULL;
        sa.soft_group_level = a->has_soft ? assess_level_name(v.level) : NULL;
        sa.soft_low = v.r.soft_low;
        sa.quadrant = v.r.quadrant;
        sa.essential = a->essential;
        sa.decision = lcc_option_name(v.r.decision);
        sa.rule = assess_rule_name(v.r.rule);
        sa.review = v.r.review;
        sa.consolidation = v.r.consolidation;
        sa.review_tier = assess_tier_name(v.r.tier);
        sa.function = assess_function_name(v.r.function);
        sa.receiver = v.r.receiver;
        sa.type_review = v.r.type_review;
        sa.suspended = a->suspended;
        sa.near_cut = v.r.near;
        sa.utilization_cut_pct = a->utilization_cut;
        err = store_results_assessment(s, run_id, &sa);
        if (!err && v.receiver >= 0) {
            const struct store_cell cells[7] = {
                STORE_CELL_TEXT(sa.facility_id),
                STORE_CELL_TEXT(run_facility_id(nm, (size_t)v.receiver)),
                STORE_CELL_TEXT(v.kind == CONSOL_CONSOLIDATE ? "consolidate" : "combine"),
                STORE_CELL_REAL(a->floor_area_m2),
                STORE_CELL_REAL(v.users),
                STORE_CELL_REAL(v.room_before),
                STORE_CELL_INT(v.position),
            };

            err = store_results_row(s, STORE_T_CONSOLIDATION, run_id, cells);
        }
    }
    return err;
}

/* The exits of a reduction and the works the leveling moved. */
static enum koyu_err
run_store_levers_result(store *s, const portfolio *pf, const struct run_names *nm, long long run_id)
{
    static const char *const states[] = {"deferred", "converted", "dropped"};
    enum koyu_err err = KOYU_OK;
    size_t k, n = portfolio_count(pf), seq = 0;

    for (k = 0; k < n && !err; k++) {
        struct portfolio_verdict v;
        double running, renewal;
        const int exit = portfolio_exit(pf, k, &running, &renewal);

        if (!exit)
            continue;
        portfolio_verdict(pf, k, &v);
        {
            const struct store_cell cells[6] = {
                STORE_CELL_TEXT(run_facility_id(nm, k)),
                STORE_CELL_TEXT(lcc_option_name(v.r.decision)),
                STORE_CELL_INT(exit),
                STORE_CELL_REAL(v.a->floor_area_m2),
                STORE_CELL_REAL(running),
                STORE_CELL_REAL(renewal),
            };

            err = store_results_row(s, STORE_T_EXIT, run_id, cells);
        }
    }
    for (k = 0; k < portfolio_works(pf) && !err; k++) {
        struct portfolio_deferred d;

        if (!portfolio_deferred(pf, k, &d))
            continue;
        {
            const struct store_cell null = STORE_CELL_NULL;
            const struct store_cell cells[16] = {
                STORE_CELL_INT((long long)seq),
                STORE_CELL_TEXT(run_facility_id(nm, d.facility)),
                STORE_CELL_TEXT(arena_at(&nm->text, nm->building[d.building])),
                STORE_CELL_TEXT(lcc_work_name((enum lcc_work)d.planned_work)),
                STORE_CELL_TEXT(lcc_work_name((enum lcc_work)d.work)),
                STORE_CELL_TEXT(states[d.state]),
                STORE_CELL_INT(d.due_year),
                STORE_CELL_INT(d.planned_end_year),
                d.start_year ? (struct store_cell)STORE_CELL_INT(d.start_year) : null,
                d.end_year ? (struct store_cell)STORE_CELL_INT(d.end_year) : null,
                d.has_delay ? (struct store_cell)STORE_CELL_INT(d.delay_years) : null,
                STORE_CELL_REAL(d.planned_cost_yen),
                STORE_CELL_REAL(d.cost_yen),
                STORE_CELL_REAL(d.paid_yen),
                STORE_CELL_REAL(d.outstanding_yen),
                d.deadline_year ? (struct store_cell)STORE_CELL_INT(d.deadline_year) : null,
            };

            err = store_results_row(s, STORE_T_DEFERRED, run_id, cells);
        }
        seq++;
    }
    return err;
}

/* The projection by year, category, department and work type. */
static enum koyu_err
run_store_renewal(store *s, const struct run_options *o, const portfolio *pf,
                  const struct run_names *nm, long long run_id)
{
    const int H = o->params->lcc.horizon_years;
    enum koyu_err err = KOYU_OK;
    int d, y, c, w;

    for (d = 0; d < portfolio_departments(pf) && !err; d++) {
        const double *block = portfolio_renewal(pf, d);
        const char *dept = facset_id(nm->depts, facset_at(nm->depts, (size_t)d));

        for (y = 0; y < H && !err; y++)
            for (c = 0; c < LCC_CATEGORIES && !err; c++)
                for (w = 0; w < LCC_W__COUNT && !err; w++) {
                    const double v =
                        block[((size_t)y * LCC_CATEGORIES + (size_t)c) * LCC_W__COUNT + (size_t)w];

                    if (v != 0)
                        err = store_results_renewal(s, run_id, o->year + y,
                                                    vocab_at(VOCAB_CATEGORY, (size_t)c)->code, dept,
                                                    lcc_work_name((enum lcc_work)w), v);
                }
    }
    return err;
}

/* The scenario's yearly series. */
static enum koyu_err
run_store_series(store *s, const struct run_options *o, const struct portfolio_series *se,
                 const struct portfolio_lever_result *lv, long long run_id)
{
    const int H = o->params->lcc.horizon_years;
    const int cap = o->levers.cap_yen > 0;
    enum koyu_err err = KOYU_OK;
    int y;

    for (y = 0; y < H && !err; y++) {
        const struct store_cell null = STORE_CELL_NULL;
        const struct store_cell cells[7] = {
            STORE_CELL_INT(o->year + y),
            STORE_CELL_REAL(se->planned[y]),
            STORE_CELL_REAL(se->renewal[y]),
            cap ? (struct store_cell)STORE_CELL_REAL(o->levers.cap_yen) : null,
            cap ? (struct store_cell)STORE_CELL_INT(lv->binding[y]) : null,
            STORE_CELL_REAL(se->floor_area_m2[y]),
            STORE_CELL_REAL(se->running[y]),
        };

        err = store_results_row(s, STORE_T_SCENARIO_YEAR, run_id, cells);
    }
    return err;
}

static struct store_cell
run_cell_option(int o)
{
    struct store_cell c = STORE_CELL_NULL;

    if (o >= 0 && o < LCC_OPTION__COUNT) {
        c.type = STORE_TEXT;
        c.s = lcc_option_name((enum lcc_option)o);
    }
    return c;
}

static struct store_cell
run_cell_real(int valid, double v)
{
    struct store_cell c = STORE_CELL_NULL;

    if (valid && isfinite(v)) {
        c.type = STORE_REAL;
        c.d = v;
    }
    return c;
}

/* Sensitivity, switching values and Monte Carlo of the scenario over the
 * portfolio; their rows stored. */
static enum koyu_err
run_uncertainty(store *s, const struct run_options *o, portfolio *pf, const struct run_names *nm,
                struct run_result *r)
{
    const struct lcc_params *p = &o->params->lcc;
    const int H = p->horizon_years;
    const int mc = o->mc && o->mc->draws > 0;
    struct unc_sensitivity sens;
    struct unc_sensitivity_spec spec;
    struct unc_mc res;
    struct unc_portfolio up;
    enum koyu_err err = KOYU_OK;
    struct timespec t0, t1;
    size_t k;
    int y, v, e;

    memset(&sens, 0, sizeof sens);
    memset(&res, 0, sizeof res);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    portfolio_uncertainty_input(pf, &up);
    if (!up.chosen)
        return KOYU_ERR_NOMEM;
    if (o->sensitivity) {
        static const char *const ends[] = {"low", "high"};

        unc_sensitivity_spec_default(&spec);
        err = unc_sensitivity(p, &up, &spec, &sens);
        for (v = 0; v < UNC_VAR__COUNT && !err; v++)
            for (e = 0; e < UNC_END__COUNT && !err; e++) {
                const double value = v == UNC_UNIT_COST    ? spec.unit_cost_factor[e]
                                     : v == UNC_DISCOUNT   ? spec.discount_rate[e]
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
                STORE_CELL_TEXT("base"),          STORE_CELL_TEXT("base"),       STORE_CELL_REAL(0),
                STORE_CELL_REAL(sens.base_total), STORE_CELL_REAL(sens.base_pv), STORE_CELL_INT(0),
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
            planned_pv += r->series.planned[y] * lcc_spv(p->discount_rate, y + p->first_year_t);
        err = unc_monte_carlo(p, &up, &spec_mc, &res);
        for (y = 0; y < H && !err; y++) {
            const struct store_cell cells[5] = {
                STORE_CELL_INT(o->year + y),       STORE_CELL_REAL(res.year[y].p5),
                STORE_CELL_REAL(res.year[y].p50),  STORE_CELL_REAL(res.year[y].p95),
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
                    STORE_CELL_REAL(e ? planned_pv : r->series.planned_total_yen),
                };

                err = store_results_row(s, STORE_T_MC_SUMMARY, r->run_id, cells);
            }
        }
    }
    /* per facility: what it is sensitive to */
    for (k = 0; k < up.nfacilities && !err; k++) {
        struct unc_switching sw;
        unsigned bits = o->sensitivity ? sens.changes[k] : 0, n = 0;
        const int chosen = up.chosen[k];

        memset(&sw, 0, sizeof sw);
        sw.base_option = -1;
        if (o->sensitivity)
            unc_switching_values_among(p, o->model, o->year, &up.facilities[k],
                                       unc_required(&up.facilities[k]), &sw);
        while (bits) {
            n += bits & 1u;
            bits >>= 1;
        }
        {
            const struct store_cell cells[9] = {
                STORE_CELL_TEXT(run_facility_id(nm, k)),
                run_cell_option(chosen),
                run_cell_option(o->sensitivity
                                    ? sens.base_cheapest[k]
                                    : unc_cheapest_among(p, o->model, o->year, &up.facilities[k],
                                                         unc_required(&up.facilities[k]))),
                run_cell_real(mc && res.p_chosen[k] >= 0, mc ? res.p_chosen[k] : 0),
                run_cell_real(sw.discount.found, sw.discount.value),
                run_cell_option(sw.discount.found ? sw.discount.to : -1),
                run_cell_real(sw.renewal_escalation.found, sw.renewal_escalation.value),
                run_cell_option(sw.renewal_escalation.found ? sw.renewal_escalation.to : -1),
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
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->uncertainty_seconds = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    return err;
}

enum koyu_err
run_scenario(store *s, const struct run_options *o, struct run_result *r)
{
    const struct lcc_params *p = &o->params->lcc;
    const int levers = o->levers.cap_yen > 0 || o->levers.reduction_share > 0;
    const int uncertainty = o->sensitivity || (o->mc && o->mc->draws > 0);
    const struct portfolio_options po = {o->year, o->model,    p,        &o->params->assess,
                                         levers,  uncertainty, o->detail};
    struct store_run run = {o->year,          o->scenario,      lcc_model_name(o->model),
                            p->horizon_years, p->discount_rate, o->created_at};
    struct portfolio_lever_result lr;
    struct run_names nm;
    struct asset_facility f;
    store_snapshot *snap = NULL;
    portfolio *pf = portfolio_new(&po);
    int *group_of = NULL;
    size_t capgroup = 0, k;
    enum koyu_err err;
    int rc;

    memset(r, 0, sizeof *r);
    memset(&nm, 0, sizeof nm);
    memset(&lr, 0, sizeof lr);
    nm.groups = facset_new();
    nm.depts = facset_new();
    nm.districts = facset_new();
    if (!pf || !nm.groups || !nm.depts || !nm.districts) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    err = store_results_begin(s, &run, &r->run_id);
    if (!err)
        err = run_store_params(s, r->run_id, o->params);
    if (!err)
        err = run_store_levers(s, r->run_id, o);
    if (!err)
        err = store_snapshot_open(s, o->year, NULL, &snap);
    if (err)
        goto cleanup;
    while ((rc = store_snapshot_next(snap, &f)) == 1) {
        struct portfolio_context c;
        struct param_type_policy tp;
        struct portfolio_figures fg;
        const char *cat =
            vocab_at(VOCAB_CATEGORY, f.category >= 0 ? (size_t)f.category : LCC_CATEGORIES - 1)
                ->code;

        c.group = run_number(nm.groups, f.subcategory);
        c.department = run_number(nm.depts, f.department);
        params_type_policy(o->params, f.subcategory, cat, &tp);
        c.essential = f.essential >= 0 ? f.essential : tp.essential;
        c.sell = tp.sell;
        c.lease = tp.lease;
        c.utilization_cut = tp.utilization_cut;
        c.district = f.district && *f.district ? run_number(nm.districts, f.district) : -1;
        if (c.group < 0 || c.department < 0 ||
            arena_grow((void **)&nm.facility, &nm.capfac, nm.nfac + 1, sizeof *nm.facility) != 0 ||
            arena_grow((void **)&group_of, &capgroup, nm.nfac + 1, sizeof *group_of) != 0) {
            err = KOYU_ERR_NOMEM;
            goto cleanup;
        }
        nm.facility[nm.nfac] = arena_add_str(&nm.text, f.facility_id);
        if (nm.facility[nm.nfac] == ARENA_NONE) {
            err = KOYU_ERR_NOMEM;
            goto cleanup;
        }
        group_of[nm.nfac++] = c.group;
        for (k = 0; levers && k < f.nbuildings; k++) {
            if (arena_grow((void **)&nm.building, &nm.capbld, nm.nbld + 1, sizeof *nm.building) !=
                0) {
                err = KOYU_ERR_NOMEM;
                goto cleanup;
            }
            nm.building[nm.nbld] = arena_add_str(&nm.text, f.buildings[k].building_id);
            if (nm.building[nm.nbld++] == ARENA_NONE) {
                err = KOYU_ERR_NOMEM;
                goto cleanup;
            }
        }
        err = portfolio_add(pf, &f, &c, &fg);
        if (!err)
            err = run_store_facility(s, o, r->run_id, &f, &fg);
        if (err)
            goto cleanup;
    }
    if (rc < 0) {
        err = KOYU_ERR_DB;
        goto cleanup;
    }
    err = portfolio_assess(pf);
    if (!err)
        err = run_store_assessments(s, pf, &nm, group_of, r->run_id);
    if (!err && levers) {
        err = portfolio_apply_levers(pf, &o->levers, &lr);
        if (!err)
            err = run_store_levers_result(s, pf, &nm, r->run_id);
    }
    if (!err)
        err = run_store_renewal(s, o, pf, &nm, r->run_id);
    if (err)
        goto cleanup;
    portfolio_series(pf, &r->series);
    r->portfolio = r->series.totals;
    r->scenario.batch = o->batch ? o->batch : o->created_at;
    r->scenario.position = o->position;
    r->scenario.title = o->title;
    r->scenario.title_en = o->title_en;
    r->scenario.file = o->file;
    r->scenario.planned_total_yen = r->series.planned_total_yen;
    r->scenario.pv_renewal_yen = r->series.pv_renewal_yen;
    r->scenario.pv_running_yen = r->series.pv_running_yen;
    r->scenario.end_floor_area_m2 = r->series.end_floor_area_m2;
    r->scenario.budget_cap_yen = lr.budget_cap_yen;
    r->scenario.backlog_yen = lr.backlog_yen;
    r->scenario.deferral_cost_yen = lr.deferral_cost_yen;
    r->scenario.deferred_works = lr.deferred_works;
    r->scenario.cap_binding_years = lr.cap_binding_years;
    r->scenario.reduction_target_m2 = lr.reduction_target_m2;
    r->scenario.reduced_m2 = lr.reduced_m2;
    r->scenario.running_avoided_yen = lr.running_avoided_yen;
    r->scenario.renewal_avoided_yen = lr.renewal_avoided_yen;
    err = run_store_series(s, o, &r->series, &lr, r->run_id);
    if (!err && uncertainty)
        err = run_uncertainty(s, o, pf, &nm, r);
    if (!err)
        err = store_results_scenario(s, r->run_id, &r->scenario);
    if (!err)
        err = store_results_finish(s, r->run_id, &r->portfolio);
cleanup:
    store_snapshot_close(snap);
    portfolio_free(pf);
    free(group_of);
    free(nm.facility);
    free(nm.building);
    arena_release(&nm.text);
    facset_free(nm.groups);
    facset_free(nm.depts);
    facset_free(nm.districts);
    return err;
}
