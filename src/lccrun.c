/* lccrun.c - the engine over a stored snapshot, results back to the store. */
#include "koyu/lccrun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        if (a->nblocks == a->cap) {
            size_t cap = a->cap ? a->cap * 2 : 32;
            double **b = realloc(a->block, cap * sizeof *b);

            if (!b)
                return NULL;
            a->block = b;
            a->cap = cap;
        }
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
    enum koyu_err err;
    int rc, y, w, c;

    memset(r, 0, sizeof *r);
    agg.depts = facset_new();
    fac_years = calloc((size_t)H * LCC_W__COUNT, sizeof *fac_years);
    if (!agg.depts || !fac_years) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    err = store_results_begin(s, &run, &r->run_id);
    if (!err)
        err = lccrun_store_params(s, r->run_id, o->params);
    if (!err)
        err = store_snapshot_open(s, o->year, &snap);
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
        if (f.nbuildings > capbl) {
            struct lcc_building *nb = realloc(bl, f.nbuildings * sizeof *nb);

            if (!nb) {
                err = KOYU_ERR_NOMEM;
                goto cleanup;
            }
            bl = nb;
            capbl = f.nbuildings;
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
    err = store_results_finish(s, r->run_id, &r->portfolio);
cleanup:
    store_snapshot_close(snap);
    for (k = 0; k < agg.nblocks; k++)
        free(agg.block[k]);
    free(agg.block);
    facset_free(agg.depts);
    free(fac_years);
    free(bl);
    return err;
}
