/*
 * reduce.h - a floor-area reduction target met by the sorting: facilities
 * sorted to sell, then to lease, leave the portfolio in priority order on
 * a straight path to the target.  Pure: plain arrays in and out.
 *
 * The path: by the end of year t (0 = Y0) the plan has removed
 * target x (t + 1) / years.  Candidate k (cumulative floor area C_k in
 * priority order) leaves in the first year, not before first_year, in
 * which the path reaches min(C_k, target); so the facility that crosses
 * the target leaves too, and the plan never runs ahead of its path.  A
 * candidate with a year of its own (policy.csv 実施年度) leaves in that year
 * and counts first; the path places the others.  When the candidates are
 * not enough, all of them leave and the shortfall is reported.
 */
#ifndef KOYU_REDUCE_H
#define KOYU_REDUCE_H

#include <stddef.h>

struct reduce_facility {
    double floor_area_m2;
    int decision;     /* enum lcc_option */
    double hard;      /* lower leaves first */
    int planned_year; /* the plan's own exit year, 0 = none */
    int exit_year;    /* written: the first year out of the portfolio, 0 = stays */
};

struct reduce_options {
    int y0;
    int years;      /* the target is reached by y0 + years - 1 */
    double share;   /* of the floor area at y0 */
    int first_year; /* no facility leaves before it */
};

struct reduce_result {
    double start_m2, target_m2, reduced_m2;
    long leaving;
    int reached_year; /* the year the target is met, 0 = never */
};

/* Plans the exits of f[0..n); returns 0, or -1 when memory for the
 * ranking cannot be allocated. */
int reduce_plan(const struct reduce_options *o, struct reduce_facility *f, size_t n,
                struct reduce_result *r);

#endif
