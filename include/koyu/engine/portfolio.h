/*
 * portfolio.h - the engine over a whole portfolio: every facility's
 * renewal projection, running cost, options and hard score as it is added;
 * then the soft scores in each facility's comparison group and the
 * sorting (資産アセスメント・仕分け); then a scenario's levers (floor-area
 * reduction, budget-capped leveling); then the yearly series and totals.
 * Pure: plain structs in and out, no I/O.  Buildings stream through
 * portfolio_add; what stays in memory is a small record per facility (the
 * soft scores need every facility's figures before any can be scored),
 * plus the plan's works when a lever needs them and the buildings when the
 * uncertainty analysis does.
 *
 * Method: docs/method.md §2-§6.
 */
#ifndef KOYU_PORTFOLIO_H
#define KOYU_PORTFOLIO_H

#include <stddef.h>

#include "koyu/core/errors.h"
#include "koyu/engine/assess.h"
#include "koyu/engine/asset.h"
#include "koyu/engine/consolidate.h"
#include "koyu/engine/lcc.h"
#include "koyu/engine/uncertain.h"

typedef struct portfolio portfolio;

struct portfolio_options {
    int y0; /* the snapshot year, Y0 */
    enum lcc_model model;
    const struct lcc_params *lcc;       /* borrowed for the portfolio's life */
    const struct assess_params *assess; /* likewise */
    int keep_works;                     /* a lever will run: keep every work of the plan */
    int keep_facilities;                /* the uncertainty analysis will run: keep the buildings */
    int yearly;                         /* portfolio_add returns each building's yearly amounts */
};

/* What the engine needs of a facility beyond the snapshot, resolved by the
 * caller from its parameters and names. */
struct portfolio_context {
    int essential;  /* 1 or 0: the facility's column, else its group's default */
    int group;      /* its comparison group (中分類), numbered from 0 by the caller */
    int department; /* numbered from 0 by the caller; the projection is summed by it */
    /* its type's policy (types.csv) */
    enum assess_allow sell, lease;
    double utilization_cut; /* %, < 0 none */
    int district;           /* 地区, numbered from 0 by the caller; -1 none */
};

/* One facility's figures, as portfolio_add computed them. */
struct portfolio_figures {
    double floor_area_m2;
    double running_cost_yen, revenue_yen, repair_yen; /* a year */
    int usage_years;                                  /* fiscal years the running cost averages */
    int running_estimated; /* no usage rows: the category's cost per ㎡ */
    struct lcc_option_result option[LCC_OPTION__COUNT];
    int cheapest;             /* the cheapest option that meets its requirement (lcc_cheapest) */
    double renewal_total_yen; /* the model's renewals inside the window */
    /* per building, in the facility's order; valid until the next call */
    const struct assess_building_out *building;
    const double *yearly; /* with o.yearly: building k's amount of work w in
                           * year y0 + y at [(k * H + y) * LCC_W__COUNT + w] */
};

/* Counts and totals of a portfolio: the whole, or a part of it. */
struct portfolio_totals {
    long facilities, buildings;
    double floor_area_m2;
    double total_yen, annual_average_yen, peak_yen;
    int peak_year;
    double recent_investment_yen; /* 0 = not known: ratio and gap stay unset */
    long estimated_running_costs;
    long decisions[LCC_OPTION__COUNT]; /* facilities per decision */
    double decision_area_m2[LCC_OPTION__COUNT];
    long review;
    long review_tier[ASSESS_TIER__COUNT]; /* facilities per tier ([0]: not reviewed) */
    long consolidations;                  /* sources placed into a receiver */
    long combines;                        /* of which 複合化 (the rest 集約化) */
};

/* A new empty portfolio, or NULL when out of memory; free with
 * portfolio_free (NULL is a no-op). */
portfolio *portfolio_new(const struct portfolio_options *o);
void portfolio_free(portfolio *pf);

/* Adds f (borrowed for the call): its projection, running cost, option
 * appraisal and hard score; fills out.  KOYU_ERR_NOMEM when out of memory. */
enum koyu_err portfolio_add(portfolio *pf, const struct asset_facility *f,
                            const struct portfolio_context *c, struct portfolio_figures *out);

/* Scores every facility added (偏差値 in its group, with the fallback to
 * the category and to the benchmark values), sorts it, and places the
 * consolidation sources into receivers.  Call once, after the last
 * portfolio_add; KOYU_ERR_NOMEM when out of memory. */
enum koyu_err portfolio_assess(portfolio *pf);

/* A facility's assessment, after portfolio_assess. */
struct portfolio_verdict {
    const struct assess_facility *a; /* borrowed: valid while pf lives */
    struct assess_result r;
    enum assess_level level; /* the coarsest group its soft score was taken in */
    int category;            /* its category (0 .. LCC_CATEGORIES-1) */
    int nbuildings, oldest_built_year;
    double weighted_age; /* floor-area weighted */
    /* 集約化・複合化: a source's receiver (its index), or -1 */
    long receiver;
    enum consol_kind kind;
    double users;       /* a year (0 unknown) */
    double room_before; /* the receiver's room when this source was placed */
    long position;      /* the order it was placed in (1 ...) */
};

size_t portfolio_count(const portfolio *pf);
void portfolio_verdict(const portfolio *pf, size_t k, struct portfolio_verdict *out);

/* ---- a scenario's levers ---- */

struct portfolio_levers {
    double cap_yen; /* annual budget cap: leveling; 0 none */
    int max_advance_years;
    double reduction_share; /* of Y0's floor area, by y0 + reduction_years - 1; 0 none */
    int reduction_years;
};

struct portfolio_lever_result {
    double reduction_target_m2, reduced_m2;
    double running_avoided_yen, renewal_avoided_yen;
    double budget_cap_yen, backlog_yen, deferral_cost_yen;
    long deferred_works;
    int cap_binding_years;
    unsigned char binding[LCC_MAX_HORIZON]; /* per year: 1 when the cap bound */
};

/* Applies the levers (options kept the works): reduction first, then
 * leveling under the cap; the projection becomes the plan that results.
 * After portfolio_assess.  KOYU_ERR_NOMEM when out of memory. */
enum koyu_err portfolio_apply_levers(portfolio *pf, const struct portfolio_levers *lv,
                                     struct portfolio_lever_result *out);

/* Facility k's exit year from a reduction (0: it stays), and what leaving
 * saves over the window. */
int portfolio_exit(const portfolio *pf, size_t k, double *running_avoided, double *renewal_avoided);

/* A work that did not run as planned under the cap. */
struct portfolio_deferred {
    size_t facility;        /* index in the order of portfolio_add */
    size_t building;        /* serial number of the building, in that order */
    int planned_work, work; /* enum lcc_work */
    int state;              /* enum level_state */
    int due_year, planned_end_year;
    int start_year, end_year; /* 0: never started, not finished */
    int delay_years, has_delay;
    int deadline_year; /* a renovation's conversion year; 0 none */
    double planned_cost_yen, cost_yen, paid_yen, outstanding_yen;
};

/* The works the leveling kept (after portfolio_apply_levers), and work i
 * of them: 1 and *out filled when it did not run as planned, else 0. */
size_t portfolio_works(const portfolio *pf);
int portfolio_deferred(const portfolio *pf, size_t i, struct portfolio_deferred *out);

/* ---- what the portfolio comes to ---- */

struct portfolio_series {
    double renewal[LCC_MAX_HORIZON]; /* the plan after the levers */
    double by_work[LCC_W__COUNT];
    double planned[LCC_MAX_HORIZON]; /* the model's need, before the levers */
    double floor_area_m2[LCC_MAX_HORIZON];
    double running[LCC_MAX_HORIZON]; /* running costs less revenue */
    double planned_total_yen, pv_renewal_yen, pv_running_yen, end_floor_area_m2;
    struct portfolio_totals totals;
};

/* The series and totals; after portfolio_assess (and the levers, if any). */
void portfolio_series(const portfolio *pf, struct portfolio_series *s);

/* Departments seen, and department d's projection: the amount of work w
 * of category c in year y0 + y at [(y * LCC_CATEGORIES + c) * LCC_W__COUNT
 * + w]; borrowed. */
int portfolio_departments(const portfolio *pf);
const double *portfolio_renewal(const portfolio *pf, int department);

/* The portfolio as the uncertainty analysis reads it, with the sorting's
 * decisions (o.keep_facilities); borrowed while pf lives. */
void portfolio_uncertainty_input(portfolio *pf, struct unc_portfolio *up);

/* ---- one building, one facility ---- */

/* The engine's view of a stored building of a facility of category
 * category; an unknown seismic status is derived from the built year
 * (before new_from: deficient). */
struct lcc_building portfolio_building(int category, int new_from, const struct asset_building *b);

/* The running cost of a facility: the average of its last
 * p->running_cost_years fiscal years, or the per-㎡ default of its
 * category; *estimated tells which, *years how many years were used. */
void portfolio_running_cost(const struct lcc_params *p, const struct asset_facility *f,
                            double *cost, double *revenue, double *repair, int *years,
                            int *estimated);

#endif
