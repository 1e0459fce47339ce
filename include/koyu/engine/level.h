/*
 * level.h - budget-capped leveling (平準化) of a renewal plan: works are
 * paid year by year out of an annual cap, the most urgent first, and what
 * does not fit is deferred.  Pure: plain arrays in and out, no I/O.
 *
 * The algorithm (README, "Budget-capped leveling"):
 *   - works are ranked once: due year, then hard score ascending, then
 *     essential first, then review flags first, then input order;
 *   - each fiscal year, the cap is spent down that ranking on what each
 *     active work owes by then (its planned spread, cumulatively, shifted
 *     at most max_advance_years earlier); a work partly paid carries the
 *     rest into the next year; money is divisible, works are not reordered;
 *   - a mid-life renovation not started by its deadline (the year its
 *     building reaches the end of its unextended life) turns into a rebuild
 *     of the building, as the model does for buildings too old to renovate;
 *     the building's rebuild works not yet started are dropped (and when
 *     its rebuild is already under way, the renovation is dropped instead);
 *   - what is unpaid at the end of the window is the backlog carried.
 * Paid + backlog = the plan's total + the deferral cost, exactly (up to
 * rounding), where the deferral cost is the conversions' extra cost less
 * the works they made unnecessary.
 *
 * Greedy, not optimal in every sense: it never pays a less urgent work
 * while a more urgent one is owed, which is the rule plans state
 * ("緊急度の高いものから"); it minimises no cost function.
 */
#ifndef KOYU_LEVEL_H
#define KOYU_LEVEL_H

#include <stddef.h>
#include <stdint.h>

enum level_state {
    LEVEL_PLANNED = 0, /* paid as planned or deferred */
    LEVEL_CONVERTED,   /* a renovation that turned into a rebuild */
    LEVEL_DROPPED      /* made unnecessary: a rebuild by a conversion, or a
                        * renovation by a rebuild under way */
};

/* A work of the plan, cut to the window; level_run writes the outcome.
 * 64 bytes: a million-building plan holds a few million of them. */
struct level_work {
    /* money */
    double cost;         /* its cost inside the window, in yearly shares (growth) */
    double planned_cost; /* written: the cost before a conversion */
    double paid;         /* written: paid inside the window */
    double rebuild_cost; /* the whole rebuild it would turn into */
    /* the plan */
    float hard;                      /* hard score: lower first */
    int due;                         /* first fiscal year of the planned spread */
    int deadline;                    /* a work not started in a year >= this converts; 0 never */
    int group;                       /* the caller's key, passed back to pay() */
    uint32_t building;               /* works of one building share it and are adjacent */
    short start, end;                /* written: first and last year paid; 0 if never */
    unsigned char years;             /* years of the spread inside the window, >= 1 */
    unsigned char rebuild_years;     /* the rebuild's spread */
    unsigned char work;              /* enum lcc_work; rewritten on conversion */
    unsigned char rebuild_work;      /* enum lcc_work it becomes */
    unsigned char essential, review; /* 1 first in the ranking */
    unsigned char rebuild;           /* 1: a rebuild, which a conversion makes unnecessary */
    unsigned char state;             /* written: enum level_state */
};

struct level_options {
    int y0;
    int horizon;           /* years y0 .. y0+horizon-1 */
    const double *cap;     /* per year of the window, yen; borrowed */
    int max_advance_years; /* 0: never earlier than planned */
    double growth;         /* each yearly share of a work is growth times the
                            * one before (1 + renewal_escalation_rate, as its
                            * cost was priced); 0 or 1: equal shares */
};

struct level_summary {
    double planned_total; /* the plan inside the window */
    double paid_total;
    double backlog;       /* owed and unpaid at the end of the window */
    double deferral_cost; /* conversions' extra cost less dropped works */
    long deferred;        /* works finished later than planned, or not at all */
    long converted, dropped;
    int binding_years;          /* years in which the cap left work owed */
    unsigned char binding[128]; /* per year of the window: 1 when it bound */
};

/* What the first k of the years yearly shares of cost come to, each share
 * growth times the one before (0 or 1: equal shares, cost * k / years). */
double level_part(double cost, double growth, int k, int years);

/* Called for every payment: work index, fiscal year, amount. */
typedef void (*level_pay_fn)(void *ctx, size_t work, int year, double amount);

/* Levels works[0..n) under o; writes each work's outcome and s, and calls
 * pay (may be NULL) for every payment.  Returns 0, or -1 when memory for
 * the ranking cannot be allocated (works are then untouched). */
int level_run(const struct level_options *o, struct level_work *works, size_t n,
              struct level_summary *s, level_pay_fn pay, void *ctx);

#endif
