/*
 * scenario.h - a scenario: a renewal model, parameter overrides, and the
 * planning levers (budget cap, floor-area reduction, the
 * uncertainty analysis), read from a small "key = value" file.  Shipped
 * scenarios live in templates/scenarios/ and are compiled in; any other
 * path can be given.  Unknown keys and bad values are errors with file and
 * line, reported through diag.
 */
#ifndef KOYU_SCENARIO_H
#define KOYU_SCENARIO_H

#include "koyu/core/diag.h"
#include "koyu/core/errors.h"
#include "koyu/engine/lcc.h"
#include "koyu/engine/uncertain.h"
#include "koyu/run/params.h"

#define SCENARIO_MAX 16

struct scenario {
    char name[64];      /* results are stored under it */
    char title[256];    /* what it represents, Japanese */
    char title_en[256]; /* and English */
    char file[256];     /* "scenarios/mic.conf" (shipped) or the path given */
    enum lcc_model model;
    /* budget-capped leveling (平準化): a cap in yen, or a multiple of
     * recent_investment_yen; both 0 = no cap */
    double cap_yen;
    double cap_ratio;
    int max_advance_years; /* how much earlier than planned a work may be paid */
    /* floor-area reduction: share of the floor area at Y0 to leave the
     * portfolio by Y0 + reduction_years - 1; 0 = none */
    double reduction_share;
    int reduction_years;
    /* uncertainty, of this scenario */
    int sensitivity; /* one-at-a-time sensitivity and switching values */
    int mc_draws;    /* Monte Carlo draws; 0 = none */
    unsigned long long mc_seed;
    char mc_unit_cost[64]; /* distribution texts, "triangular 0.8 1 1.3" */
    char mc_escalation[64];
    char mc_timing[64];
    struct unc_mc_spec mc; /* the same, parsed (unc_mc_spec_default where not given) */
    struct params params;  /* the base parameters with the overrides */
};

/* Loads the scenario spec (a shipped name such as "mic", or a path to a
 * file) over a copy of base into sc.  Problems go to d with file and line;
 * returns KOYU_ERR_DATA for bad content, KOYU_ERR_IO when the file cannot
 * be read, KOYU_ERR_USAGE for a name that is neither shipped nor a file. */
enum koyu_err scenario_load(struct scenario *sc, const char *spec, const struct params *base,
                            struct diag *d);

/* The shipped scenario names, comma-separated, for messages; static. */
const char *scenario_shipped(void);

/* The annual cap of sc in yen (cap_yen, or cap_ratio x the recent
 * investment); 0 when sc has none, -1 when the ratio has no recent
 * investment to multiply. */
double scenario_cap(const struct scenario *sc);

#endif
