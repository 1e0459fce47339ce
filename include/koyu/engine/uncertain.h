/*
 * uncertain.h - uncertainty and sensitivity of the renewal projection and
 * of the option appraisal (docs/method.md §8.4-8.7): one-at-a-time sensitivity in
 * tornado order, Monte Carlo percentiles, and switching values of the
 * discount and renewal escalation rates.  Pure: plain structs in and out,
 * no I/O; it allocates its results, and the Monte Carlo runs on POSIX
 * threads.
 *
 * Every figure is built from the engine (lcc.h) the same way:
 *  - the series: for fiscal years Y0 .. Y0+H-1 (H = horizon_years) the
 *    renewal cost of every building of every facility (lcc_schedule, then
 *    lcc_spread, summed over work types), escalated by lcc_escalate;
 *  - the total: the sum of the series (the plans' "40-year total");
 *  - the PV: the sum of series[k] / (1+d)^(k + first_year_t);
 *  - a facility's cheapest option: the lowest out[o].pv of lcc_appraise,
 *    ties to the lowest enum lcc_option.
 * Money is yen at Y0 prices, never rounded.
 */
#ifndef KOYU_UNCERTAIN_H
#define KOYU_UNCERTAIN_H

#include <stddef.h>
#include <stdint.h>

#include "koyu/core/errors.h"
#include "koyu/engine/lcc.h"

/* The portfolio in memory, all borrowed: facilities point into their
 * buildings, chosen (may be NULL: none chosen) has one entry a facility. */
struct unc_portfolio {
    const struct lcc_facility *facilities;
    size_t nfacilities;
    const int *chosen; /* the enum lcc_option the sorting (仕分け) chose, or -1 */
    int like_for_like; /* 1: a facility's cheapest is sought among the options
                        * that meet its requirement (unc_required) */
    enum lcc_model model;
    int y0;
};

/* ---- the deterministic case ---- */

/* Writes the series of pf under p into series[0 .. horizon_years-1]. */
void unc_project(const struct lcc_params *p, const struct unc_portfolio *pf, double *series);

/* Sum of series[0 .. n-1], in year order. */
double unc_total(const double *series, int n);

/* PV of series[0 .. n-1] at p's discount rate, series[k] at t = k +
 * first_year_t (the engine's end-of-year convention). */
double unc_pv(const struct lcc_params *p, const double *series, int n);

/* The cheapest option (enum lcc_option) of f under p. */
int unc_cheapest(const struct lcc_params *p, enum lcc_model m, int y0,
                 const struct lcc_facility *f);

/* Option sets (bit 1 << enum lcc_option).  An LCC comparison is made
 * between alternatives that meet the same requirement (ISO 15686-5): when
 * a facility's service must go on (essential), keep, repair and rebuild;
 * otherwise all five, a closure carrying the service it gives up
 * (lcc_cheapest gives the same answer). */
#define UNC_ALL_OPTIONS      0x1Fu
#define UNC_SERVICE_OPTIONS  ((1u << LCC_KEEP) | (1u << LCC_REPAIR) | (1u << LCC_REBUILD))
#define UNC_DISPOSAL_OPTIONS ((1u << LCC_SELL) | (1u << LCC_LEASE))

/* The options that meet f's requirement. */
unsigned unc_required(const struct lcc_facility *f);

/* The cheapest of the options in mask that are offered (ties: the lowest
 * enum). */
int unc_cheapest_among(const struct lcc_params *p, enum lcc_model m, int y0,
                       const struct lcc_facility *f, unsigned mask);

/* ---- one-at-a-time sensitivity ---- */

enum unc_var {
    UNC_UNIT_COST = 0, /* factor on the rebuild, renovation, demolition tables */
    UNC_DISCOUNT,      /* discount_rate */
    UNC_ESCALATION,    /* escalation_rate and renewal_escalation_rate, both */
    UNC_LIFE,          /* years added to every life (below) */
    UNC_VAR__COUNT
};

enum unc_end { UNC_LOW = 0, UNC_HIGH, UNC_END__COUNT };

/* The bit of a variation in struct unc_sensitivity's changes[]. */
#define UNC_BIT(var, end) (1u << ((unsigned)(var)*2u + (unsigned)(end)))

/* The two ends of each variable; unc_sensitivity_spec_default fills
 * x0.8 / x1.2, 0.02 / 0.06, 0 / 0.02 and -10 / +10 years.  Lives move
 * mic.life, mic.rebuild_backlog_min_age, the same two of extend80 and
 * every set target_life[] (none below 1 year); renovation ages stay. */
struct unc_sensitivity_spec {
    double unit_cost_factor[UNC_END__COUNT];
    double discount_rate[UNC_END__COUNT];
    double escalation_rate[UNC_END__COUNT];
    int life_years[UNC_END__COUNT];
};

/* One variable at one end, every other parameter at its base value. */
struct unc_case {
    double total;
    double pv;
    size_t changed; /* facilities whose cheapest option is not the base one */
};

struct unc_sensitivity {
    double base_total, base_pv;
    struct unc_case cases[UNC_VAR__COUNT][UNC_END__COUNT];
    double swing[UNC_VAR__COUNT]; /* |high total - low total|: the tornado bar */
    size_t nfacilities;
    int *base_cheapest; /* owned: the cheapest option of each facility at base */
    unsigned *changes;  /* owned: per facility, the UNC_BITs of the variations
                         * that change its cheapest option */
};

/* Fills s with the default ends. */
void unc_sensitivity_spec_default(struct unc_sensitivity_spec *s);

/* Runs the base case and each variable at each end over pf.  Fills out,
 * which owns two arrays afterwards (free with unc_sensitivity_release,
 * also after a failure).  Returns KOYU_OK or KOYU_ERR_NOMEM. */
enum koyu_err unc_sensitivity(const struct lcc_params *base, const struct unc_portfolio *pf,
                              const struct unc_sensitivity_spec *spec, struct unc_sensitivity *out);

/* Frees s's arrays and zeroes it; a zeroed s is a no-op. */
void unc_sensitivity_release(struct unc_sensitivity *s);

/* Writes the variables in descending swing order (ties: enum order), the
 * bars of a tornado chart from the top. */
void unc_tornado(const struct unc_sensitivity *s, enum unc_var order[UNC_VAR__COUNT]);

/* Stable English name of v: "unit_cost", "discount_rate", "escalation",
 * "life"; "?" out of range. */
const char *unc_var_name(enum unc_var v);

/* ---- Monte Carlo ---- */

enum unc_dist_kind {
    UNC_FIXED = 0,  /* a */
    UNC_UNIFORM,    /* on [a, b] */
    UNC_TRIANGULAR, /* min a, mode b, max c */
    UNC_NORMAL,     /* mean a, standard deviation b */
    UNC_DIST__COUNT
};

struct unc_dist {
    enum unc_dist_kind kind;
    double a, b, c; /* unused ones are 0 */
};

/* Parses "fixed 1", "uniform 0 0.02", "triangular 0.8 1.0 1.3" or
 * "normal 0 3" (lower-case name, numbers in C syntax separated by white
 * space, nothing after them).  Returns 0 and sets *d, or -1 (d untouched)
 * on a wrong name or count, a non-finite number, a > b for uniform, any
 * of min > mode > max out of order, or sd < 0. */
int unc_dist_parse(const char *text, struct unc_dist *d);

/* Writes d as unc_dist_parse reads it (%.15g numbers) into buf; returns
 * what snprintf returns. */
int unc_dist_format(const struct unc_dist *d, char *buf, size_t size);

/* What is drawn.  Each draw i has its own generator, seeded from
 * splitmix64(seed ^ mix(i)), so results depend on the seed and the draw
 * count, never on nthreads or scheduling.  A draw takes, in order: the
 * unit-cost factor, the escalation rate (it replaces both escalation
 * rates), then one timing shift per building (facilities in order, their
 * buildings in order), rounded to the nearest year (halves away from 0,
 * held within +-200) and added to built_year and to a non-zero
 * renovated_year: positive is later.  Every sample uses exactly two
 * numbers of the generator, so changing one distribution leaves the
 * others' draws as they were. */
struct unc_mc_spec {
    size_t draws;
    uint64_t seed;
    int nthreads; /* 1 or more; more than draws is cut */
    struct unc_dist unit_cost;
    struct unc_dist escalation;
    struct unc_dist shift; /* years, per building */
};

/* Fills s with 1,000 draws, seed 1, 2 threads (the machine's cores),
 * unit cost triangular 0.8 1.0 1.3, escalation uniform 0 0.02, shift
 * normal 0 3 ([A] koyu's assumptions, to be set per plan). */
void unc_mc_spec_default(struct unc_mc_spec *s);

/* Percentiles (type 7: Excel PERCENTILE.INC, R's default) and mean. */
struct unc_stats {
    double p5, p50, p95, mean;
};

/* A facility without a chosen option gets this instead of a share. */
#define UNC_NO_CHOICE (-1.0)

struct unc_mc {
    size_t draws;
    int horizon;                            /* years used in year[] */
    struct unc_stats year[LCC_MAX_HORIZON]; /* of series[k], fiscal year Y0+k */
    struct unc_stats total, pv;
    size_t nfacilities;
    double *p_chosen; /* owned: per facility the share of draws in which its
                       * chosen option is the cheapest, or UNC_NO_CHOICE */
};

/* Runs spec->draws draws over pf on spec->nthreads threads.  Memory:
 * draws x H doubles, plus one facility's buildings and counters a thread;
 * the portfolio is never copied.  Fills out, which owns p_chosen
 * afterwards (free with unc_mc_release, also after a failure).  Returns
 * KOYU_OK, KOYU_ERR_USAGE for no draws or an invalid distribution, or
 * KOYU_ERR_NOMEM. */
enum koyu_err unc_monte_carlo(const struct lcc_params *base, const struct unc_portfolio *pf,
                              const struct unc_mc_spec *spec, struct unc_mc *out);

/* Frees r's array and zeroes it; a zeroed r is a no-op. */
void unc_mc_release(struct unc_mc *r);

/* The q-quantile (0 <= q <= 1, clamped) of sorted[0 .. n-1], ascending:
 * linear interpolation between order statistics at h = (n-1) q, i.e.
 * x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]), the same as
 * Excel's PERCENTILE.INC and R's quantile type 7.  0 when n is 0. */
double unc_percentile(const double *sorted, size_t n, double q);

/* Sorts x[0 .. n-1] in place and fills out.  The mean is taken about the
 * median, so n equal values give exactly that value everywhere. */
void unc_stats_of(double *x, size_t n, struct unc_stats *out);

/* ---- switching values ---- */

#define UNC_DISCOUNT_MIN    0.0
#define UNC_DISCOUNT_MAX    0.15
#define UNC_RENEWAL_ESC_MIN (-0.02)
#define UNC_RENEWAL_ESC_MAX 0.05
#define UNC_SCAN_STEP       0.0025
#define UNC_SWITCH_TOL      1e-5

/* Where a rate changes a facility's cheapest option. */
struct unc_switch {
    int found;    /* 1: it changes inside the range; 0: none in range */
    double value; /* the rate, within UNC_SWITCH_TOL / 2; 0 when !found */
    int to;       /* the option it changes to; -1 when !found */
};

struct unc_switching {
    int base_option;                      /* the cheapest at the base rates */
    struct unc_switch discount;           /* discount_rate in [0, 0.15] */
    struct unc_switch renewal_escalation; /* renewal_escalation_rate in
                                           * [-0.02, 0.05] */
};

/* The switching values of f: for each rate, every other parameter at
 * base, the scan starts at the base value (held inside the range) and
 * steps UNC_SCAN_STEP outward both ways to the range's ends; the first
 * step whose cheapest option differs from the start's is bisected to
 * UNC_SWITCH_TOL, and of the two directions the nearer change is kept
 * (ties: the lower).  A change and change back inside one step is not
 * seen.  Never NaN or infinite. */
void unc_switching_values(const struct lcc_params *base, enum lcc_model m, int y0,
                          const struct lcc_facility *f, struct unc_switching *out);

/* The same among the options in mask. */
void unc_switching_values_among(const struct lcc_params *base, enum lcc_model m, int y0,
                                const struct lcc_facility *f, unsigned mask,
                                struct unc_switching *out);

#endif
