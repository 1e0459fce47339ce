/*
 * run.h - one scenario over a stored snapshot: the snapshot is read
 * facility by facility into the engine (portfolio.h), and what the engine
 * computes is written to the store's result tables inside the open
 * transaction.  Nothing here computes: it reads, calls the engine, and
 * stores.
 */
#ifndef KOYU_RUN_H
#define KOYU_RUN_H

#include "koyu/core/errors.h"
#include "koyu/engine/lcc.h"
#include "koyu/engine/portfolio.h"
#include "koyu/engine/uncertain.h"
#include "koyu/run/params.h"
#include "koyu/store/store.h"

struct run_options {
    int year; /* Y0: the snapshot year */
    enum lcc_model model;
    const char *scenario;        /* name results are stored under */
    const char *created_at;      /* ISO 8601 */
    int detail;                  /* also write renewal_schedule, per building */
    const struct params *params; /* borrowed */
    /* the scenario: what it is, and its levers; zeros = none */
    const char *batch; /* the runs of one command share it */
    int position;      /* 0: the batch's baseline */
    const char *title, *title_en, *file;
    struct portfolio_levers levers;
    /* uncertainty of this scenario (uncertain.h): both keep the portfolio
     * in memory for the run, about 60 bytes a building */
    int sensitivity;              /* sensitivity and switching values */
    const struct unc_mc_spec *mc; /* borrowed; NULL or no draws: none */
};

struct run_result {
    long long run_id;
    struct portfolio_totals portfolio;
    struct portfolio_series series;
    struct store_scenario scenario; /* what was stored of the scenario */
    double uncertainty_seconds;     /* wall time of sensitivity and Monte Carlo */
    struct unc_mc mc_summary;       /* totals only: p_chosen is NULL */
};

/* Runs the scenario o over year's snapshot in s and stores the results;
 * the caller commits (or rolls back) the transaction. */
enum koyu_err run_scenario(store *s, const struct run_options *o, struct run_result *r);

#endif
