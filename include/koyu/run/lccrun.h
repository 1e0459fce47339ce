/*
 * lccrun.h - runs the LCC engine and the assessment over a stored
 * snapshot: the renewal projection of every building, the running costs
 * and option appraisal of every facility, the portfolio figures, then the
 * hard and soft scores and the sorting of every facility, written to the
 * store's result tables inside the open transaction.  Buildings stream;
 * what stays in memory is a small record per facility (the soft scores
 * need every facility's figures before any can be scored).
 */
#ifndef KOYU_LCCRUN_H
#define KOYU_LCCRUN_H

#include "koyu/core/errors.h"
#include "koyu/engine/lcc.h"
#include "koyu/run/params.h"
#include "koyu/store/store.h"
#include "koyu/engine/uncertain.h"

struct lccrun_options {
    int year;                    /* Y0: the snapshot year */
    enum lcc_model model;
    const char *scenario;        /* name results are stored under */
    const char *created_at;      /* ISO 8601 */
    int detail;                  /* also write renewal_schedule, per building */
    const struct params *params; /* borrowed */
    enum koyu_lang lang;         /* of the stored reasons */
    /* the scenario (issue 6): what it is, and its levers; zeros = none */
    const char *batch;           /* the runs of one command share it */
    int position;                /* 0: the batch's baseline */
    const char *title, *title_en, *file;
    double cap_yen;              /* annual budget cap: leveling */
    int max_advance_years;
    double reduction_share;      /* floor area to leave by y0 + reduction_years - 1 */
    int reduction_years;
    /* uncertainty of this scenario (uncertain.h): both keep the portfolio
     * in memory for the run, about 60 bytes a building */
    int sensitivity;                 /* sensitivity and switching values */
    const struct unc_mc_spec *mc;    /* borrowed; NULL or no draws: none */
};

struct lccrun_result {
    long long run_id;
    struct store_portfolio portfolio;
    double by_year[LCC_MAX_HORIZON]; /* renewal cost per fiscal year */
    double by_work[LCC_W__COUNT];
    double planned_by_year[LCC_MAX_HORIZON]; /* the model's need, before the levers */
    double floor_by_year[LCC_MAX_HORIZON];   /* floor area in the portfolio */
    double running_by_year[LCC_MAX_HORIZON]; /* running costs less revenue */
    struct store_scenario scenario;          /* what was stored of the scenario */
    double uncertainty_seconds;              /* wall time of sensitivity and Monte Carlo */
    struct unc_mc mc_summary;                /* totals only: p_chosen is NULL */
};

/* Runs o->model over year's snapshot in s and stores the results; the
 * caller commits (or rolls back) the transaction. */
enum koyu_err lccrun_run(store *s, const struct lccrun_options *o, struct lccrun_result *r);

/* The renewal events of one stored building (for callers that need the
 * schedule itself); category is the facility's. */
struct lcc_building lccrun_building(const struct lcc_params *p, int category,
                                    const struct asset_building *b);

/* The running cost of a facility: the average of its last
 * p->running_cost_years fiscal years, or the per-㎡ default of its
 * category; *estimated tells which, *years how many years were used. */
void lccrun_running_cost(const struct lcc_params *p, const struct asset_facility *f,
                         double *cost, double *revenue, double *repair, int *years,
                         int *estimated);

#endif
