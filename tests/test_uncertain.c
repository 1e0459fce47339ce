/* test_uncertain.c - sensitivity, Monte Carlo and switching values on a
 * portfolio small enough to work by hand: the docs/method.md §10.1 vectors
 * (Y0 2016, MIC, H 40) and a parcel whose cheapest option turns from keep
 * to sell at a discount rate of exactly 5 %. */
#include <stdio.h>
#include <stdlib.h>

#include "koyu/engine/uncertain.h"
#include "koyu/run/params.h"
#include "testlib.h"

/* category and structure indices (vocab.c order) */
enum { CIVIC = 0, SCHOOL = 4, ADMIN = 8, HOUSING = 9 };
enum { RC = 0 };
enum { NF = 4 };

static struct lcc_params
defaults(void)
{
    return tl_params()->lcc;
}

/* F1 a civic centre: T1 (built 2000) and a hall of 1990 (renovation
 * 2020-21, rebuild 2050-52); F2 the school T2; F3 T3 (housing) and T4
 * (offices); F4 land with income and no building. */
static const struct lcc_building B1[2] = {{CIVIC, RC, 0, 1000, 2000, 0, 0},
                                          {CIVIC, RC, 0, 1000, 1990, 0, 0}};
static const struct lcc_building B2[1] = {{SCHOOL, RC, 0, 5000, 1975, 0, 0}};
static const struct lcc_building B3[2] = {{HOUSING, RC, 0, 2000, 1950, 0, 0},
                                          {ADMIN, RC, 0, 3000, 1960, 0, 0}};
static struct lcc_facility F[NF];

#define INCOME 10e6

/* F4 earns INCOME a year (end-of-year, t = 1 .. 40).  Keeping it is worth
 * -INCOME UPV(40, d) - L v40 (the land kept, at the end: v40 = 1/(1+d)^40);
 * selling it in Y0, -(INCOME + L) v1 (v1 = 1/(1+d)).  With
 * L = INCOME (UPV(40, 0.05) - v1) / (v1 - v40) at d = 5 % the two are
 * equal there: keep is cheaper below, sell above. */
static double
parcel_value(void)
{
    const double v1 = lcc_spv(0.05, 1), v40 = lcc_spv(0.05, 40);

    return INCOME * (lcc_upv(40, 0.05) - v1) / (v1 - v40);
}

static struct unc_portfolio
portfolio(const int *chosen)
{
    struct unc_portfolio pf = {F, NF, chosen, 0, LCC_MODEL_MIC, 2016};

    F[0] = (struct lcc_facility){B1, 2, 20e6, 4e6, 2e6, 100e6, 1, 0, 0};
    F[1] = (struct lcc_facility){B2, 1, 40e6, 8e6, 0, 300e6, 1, 0, 0};
    F[2] = (struct lcc_facility){B3, 2, 30e6, 6e6, 10e6, 200e6, 0, 0, 0};
    F[3] = (struct lcc_facility){NULL, 0, 0, 0, INCOME, parcel_value(), 1, 0, 0};
    return pf;
}

/* One expected run of years: from..to each `amount`. */
struct run {
    int from, to;
    double amount;
};

/* The base series of the portfolio, by hand (docs/method.md §10.8). */
static const struct run BASE[] = {
    {2030, 2031, 125e6},     /* T1 renovation */
    {2020, 2021, 125e6},     /* the 1990 hall: renovation */
    {2050, 2052, 400e6 / 3}, /* and rebuild */
    {2016, 2025, 85e6},      /* T2 backlog renovation */
    {2035, 2037, 550e6},     /* T2 rebuild */
    {2016, 2025, 56e6},      /* T3 backlog rebuild */
    {2020, 2022, 400e6},     /* T4 rebuild */
};
#define NBASE (sizeof BASE / sizeof BASE[0])

static double
base_year(int y)
{
    double want = 0;
    size_t r;

    for (r = 0; r < NBASE; r++)
        if (y >= BASE[r].from && y <= BASE[r].to)
            want += BASE[r].amount;
    return want;
}

static void
test_project_by_hand(void)
{
    struct lcc_params p = defaults();
    struct unc_portfolio pf = portfolio(NULL);
    double s[LCC_MAX_HORIZON], pv = 0;
    int k;

    unc_project(&p, &pf, s);
    for (k = 0; k < 40; k++) {
        CHECK_NUM(s[k], base_year(2016 + k), 1e-6);
        pv += base_year(2016 + k) * lcc_spv(0.04, k + 1);
    }
    CHECK_NUM(unc_total(s, 40), 5160e6, 1e-3);
    CHECK_NUM(unc_pv(&p, s, 40), pv, 1e-3);
    /* lives +10: the hall's rebuild leaves the window (2060), T3 and T4 are
     * no longer overdue (2020-22, 2030-32), T2's moves to 2045-47 */
    p.mic.life += 10;
    p.mic.rebuild_backlog_min_age += 10;
    unc_project(&p, &pf, s);
    CHECK(s[2050 - 2016] == 0 && s[2035 - 2016] == 0);
    CHECK_NUM(s[2045 - 2016], 550e6, 1e-6);
    CHECK_NUM(s[2030 - 2016], 400e6 + 125e6, 1e-6);
    CHECK_NUM(s[2020 - 2016], 125e6 + 85e6 + 560e6 / 3, 1e-6);
    CHECK_NUM(unc_total(s, 40), 5160e6 - 400e6, 1e-3);
}

/* base with one variable set by hand, as the spec reads */
static struct lcc_params
varied(int v, int e)
{
    struct lcc_params p = defaults();
    const double unit[2] = {0.8, 1.2}, d[2] = {0.02, 0.06}, esc[2] = {0, 0.02};
    const int life[2] = {-10, 10};
    int i;

    if (v == UNC_UNIT_COST) {
        for (i = 0; i < LCC_CATEGORIES; i++) {
            p.rebuild_yen_m2[i] *= unit[e];
            p.renovation_yen_m2[i] *= unit[e];
        }
        for (i = 0; i < LCC_STRUCTURES; i++)
            p.demolition_yen_m2[i] *= unit[e];
    } else if (v == UNC_DISCOUNT) {
        p.discount_rate = d[e];
    } else if (v == UNC_ESCALATION) {
        p.escalation_rate = p.renewal_escalation_rate = esc[e];
    } else {
        p.mic.life += life[e];
        p.mic.rebuild_backlog_min_age += life[e];
        p.extend80.life += life[e];
        p.extend80.rebuild_backlog_min_age += life[e];
        for (i = 0; i < LCC_STRUCTURES; i++)
            if (p.target_life[i] > 0)
                p.target_life[i] += life[e];
    }
    return p;
}

static void
test_sensitivity(void)
{
    struct lcc_params p = defaults();
    struct unc_portfolio pf = portfolio(NULL);
    struct unc_sensitivity_spec spec;
    struct unc_sensitivity s;
    enum unc_var order[UNC_VAR__COUNT];
    double esc_high = 0, pv = 0;
    size_t i;
    int k, v, e;

    unc_sensitivity_spec_default(&spec);
    /* the ends (README, "Uncertainty") */
    CHECK(spec.unit_cost_factor[UNC_LOW] == 0.8 && spec.unit_cost_factor[UNC_HIGH] == 1.2);
    CHECK(spec.discount_rate[UNC_LOW] == 0.02 && spec.discount_rate[UNC_HIGH] == 0.06);
    CHECK(spec.escalation_rate[UNC_LOW] == 0 && spec.escalation_rate[UNC_HIGH] == 0.02);
    CHECK(spec.life_years[UNC_LOW] == -10 && spec.life_years[UNC_HIGH] == 10);
    CHECK(unc_sensitivity(&p, &pf, &spec, &s) == KOYU_OK);
    CHECK(s.nfacilities == NF);
    CHECK_NUM(s.base_total, 5160e6, 1e-3);
    for (k = 0; k < 40; k++) {
        esc_high += base_year(2016 + k) * pow(1.02, k);
        pv += base_year(2016 + k) * lcc_spv(0.04, k + 1);
    }
    CHECK_NUM(s.base_pv, pv, 1e-3);
    /* unit costs scale the total exactly */
    CHECK_NUM(s.cases[UNC_UNIT_COST][UNC_LOW].total, 0.8 * 5160e6, 1e-3);
    CHECK_NUM(s.cases[UNC_UNIT_COST][UNC_HIGH].total, 1.2 * 5160e6, 1e-3);
    CHECK_NUM(s.cases[UNC_UNIT_COST][UNC_HIGH].pv, 1.2 * pv, 1e-3);
    /* the discount rate leaves the total alone and moves the PV */
    CHECK(s.cases[UNC_DISCOUNT][UNC_LOW].total == s.base_total);
    CHECK(s.cases[UNC_DISCOUNT][UNC_HIGH].total == s.base_total);
    CHECK(s.cases[UNC_DISCOUNT][UNC_LOW].pv > s.base_pv);
    CHECK(s.cases[UNC_DISCOUNT][UNC_HIGH].pv < s.base_pv);
    {
        double pv2 = 0, pv6 = 0;

        for (k = 0; k < 40; k++) {
            pv2 += base_year(2016 + k) / pow(1.02, k + 1);
            pv6 += base_year(2016 + k) / pow(1.06, k + 1);
        }
        CHECK_NUM(s.cases[UNC_DISCOUNT][UNC_LOW].pv, pv2, 1e-3);
        CHECK_NUM(s.cases[UNC_DISCOUNT][UNC_HIGH].pv, pv6, 1e-3);
    }
    CHECK(s.swing[UNC_DISCOUNT] == 0);
    /* escalation 0 is the base; 2 % multiplies Y0+k by 1.02^k */
    CHECK(s.cases[UNC_ESCALATION][UNC_LOW].total == s.base_total);
    CHECK_NUM(s.cases[UNC_ESCALATION][UNC_HIGH].total, esc_high, 1e-3);
    /* lives -10: T1's rebuild comes in (2050-52, 400M); +10: the hall's
     * goes out */
    CHECK_NUM(s.cases[UNC_LIFE][UNC_LOW].total, 5160e6 + 400e6, 1e-3);
    CHECK_NUM(s.cases[UNC_LIFE][UNC_HIGH].total, 5160e6 - 400e6, 1e-3);
    CHECK_NUM(s.swing[UNC_UNIT_COST], 0.4 * 5160e6, 1e-3);
    CHECK_NUM(s.swing[UNC_ESCALATION], esc_high - 5160e6, 1e-3);
    CHECK_NUM(s.swing[UNC_LIFE], 800e6, 1e-3);
    /* tornado: 2,064M > escalation (about 1,600M) > 800M > 0 */
    unc_tornado(&s, order);
    CHECK(order[0] == UNC_UNIT_COST && order[1] == UNC_ESCALATION && order[2] == UNC_LIFE &&
          order[3] == UNC_DISCOUNT);
    /* the parcel: keep at base, sell at 6 %, nothing else moves it */
    CHECK(s.base_cheapest[3] == LCC_KEEP);
    CHECK(s.changes[3] == UNC_BIT(UNC_DISCOUNT, UNC_HIGH));
    /* every facility: its bits are the variations, made by hand, that
     * change its cheapest option; changed counts them */
    for (v = 0; v < UNC_VAR__COUNT; v++)
        for (e = 0; e < UNC_END__COUNT; e++) {
            struct lcc_params q = varied(v, e);
            size_t n = 0;

            for (i = 0; i < NF; i++) {
                int differs = unc_cheapest(&q, LCC_MODEL_MIC, 2016, &F[i]) != s.base_cheapest[i];

                CHECK(!!(s.changes[i] & UNC_BIT(v, e)) == differs);
                n += (size_t)differs;
            }
            CHECK(s.cases[v][e].changed == n);
        }
    for (i = 0; i < NF; i++)
        CHECK(s.base_cheapest[i] == unc_cheapest(&p, LCC_MODEL_MIC, 2016, &F[i]));
    CHECK_STR(unc_var_name(UNC_ESCALATION), "escalation");
    CHECK_STR(unc_var_name(UNC_VAR__COUNT), "?");
    unc_sensitivity_release(&s);
    CHECK(s.changes == NULL && s.base_cheapest == NULL);
    unc_sensitivity_release(&s);
}

/* Type 7 (Excel PERCENTILE.INC) on arrays small enough to check by eye. */
static void
test_percentiles(void)
{
    const double a[4] = {1, 2, 3, 4}, b[5] = {10, 20, 30, 40, 50}, one[1] = {7};
    double x[4] = {3, 1, 4, 2};
    struct unc_stats st;

    CHECK(unc_percentile(a, 4, 0) == 1);
    CHECK(unc_percentile(a, 4, 1) == 4);
    CHECK(unc_percentile(a, 4, 0.5) == 2.5);
    CHECK_NUM(unc_percentile(a, 4, 0.05), 1.15, 1e-12);
    CHECK_NUM(unc_percentile(a, 4, 0.95), 3.85, 1e-12);
    CHECK(unc_percentile(b, 5, 0.5) == 30);
    CHECK_NUM(unc_percentile(b, 5, 0.95), 48, 1e-12);
    CHECK_NUM(unc_percentile(b, 5, 0.05), 12, 1e-12);
    CHECK(unc_percentile(b, 5, -1) == 10 && unc_percentile(b, 5, 2) == 50);
    CHECK(unc_percentile(one, 1, 0.05) == 7 && unc_percentile(one, 1, 0.95) == 7);
    CHECK(unc_percentile(a, 0, 0.5) == 0);
    unc_stats_of(x, 4, &st);
    CHECK(x[0] == 1 && x[1] == 2 && x[2] == 3 && x[3] == 4);
    CHECK(st.p50 == 2.5 && st.mean == 2.5);
    CHECK_NUM(st.p5, 1.15, 1e-12);
    CHECK_NUM(st.p95, 3.85, 1e-12);
}

/* Field by field: a struct's padding is not part of its value. */
static int
same_dist(const struct unc_dist *x, const struct unc_dist *y)
{
    return x->kind == y->kind && x->a == y->a && x->b == y->b && x->c == y->c;
}

static void
test_dist_parse(void)
{
    static const char *const bad[] = {
        "",
        "fixed",
        "fixed 1 2",
        "Fixed 1",
        "gamma 1 2",
        "uniform 1",
        "uniform 0.02 0",
        "triangular 1 0.8 1.3",
        "triangular 0.8 1.4 1.3",
        "triangular 1.3 1.0 0.8",
        "normal 0 -1",
        "uniform nan 1",
        "uniform 0 inf",
        "fixed 0.81.0",
        "uniform 0,1",
        "fixed1",
        "normal 0 3 x",
        NULL,
    };
    struct unc_dist d = {UNC_FIXED, 5, 0, 0}, e;
    char buf[64];
    size_t i;

    CHECK(unc_dist_parse("triangular 0.8 1.0 1.3", &d) == 0);
    CHECK(d.kind == UNC_TRIANGULAR && d.a == 0.8 && d.b == 1.0 && d.c == 1.3);
    CHECK(unc_dist_format(&d, buf, sizeof buf) > 0);
    CHECK_STR(buf, "triangular 0.8 1 1.3");
    CHECK(unc_dist_parse(buf, &e) == 0 && same_dist(&d, &e));
    CHECK(unc_dist_parse("uniform 0 0.02", &d) == 0);
    CHECK(d.kind == UNC_UNIFORM && d.a == 0 && d.b == 0.02 && d.c == 0);
    CHECK(unc_dist_format(&d, buf, sizeof buf) > 0);
    CHECK_STR(buf, "uniform 0 0.02");
    CHECK(unc_dist_parse("  normal -1.5   3\n", &d) == 0);
    CHECK(d.kind == UNC_NORMAL && d.a == -1.5 && d.b == 3);
    CHECK(unc_dist_format(&d, buf, sizeof buf) > 0);
    CHECK_STR(buf, "normal -1.5 3");
    CHECK(unc_dist_parse("fixed 1", &d) == 0);
    CHECK(d.kind == UNC_FIXED && d.a == 1);
    CHECK(unc_dist_format(&d, buf, sizeof buf) > 0);
    CHECK_STR(buf, "fixed 1");
    CHECK(unc_dist_parse("normal 0 0", &d) == 0);       /* sd 0: allowed */
    CHECK(unc_dist_parse("triangular 1 1 1", &d) == 0); /* a point */
    for (i = 0; bad[i]; i++) {
        e = d;
        if (!CHECK(unc_dist_parse(bad[i], &d) == -1))
            fprintf(stderr, "    accepted '%s'\n", bad[i]);
        CHECK(same_dist(&d, &e)); /* untouched */
    }
    CHECK(unc_dist_parse(NULL, &d) == -1);
}

/* A spec with nothing random: factor 1, escalation 0 (the base), no shift. */
static struct unc_mc_spec
fixed_spec(size_t draws, int nthreads)
{
    struct unc_mc_spec s;

    unc_mc_spec_default(&s);
    s.draws = draws;
    s.nthreads = nthreads;
    s.unit_cost = (struct unc_dist){UNC_FIXED, 1, 0, 0};
    s.escalation = (struct unc_dist){UNC_FIXED, 0, 0, 0};
    s.shift = (struct unc_dist){UNC_FIXED, 0, 0, 0};
    return s;
}

/* With nothing drawn every percentile and mean is the deterministic
 * figure, to the bit, and a chosen option is the cheapest every time or
 * never. */
static void
test_mc_converges(void)
{
    struct lcc_params p = defaults();
    int chosen[NF] = {0, 0, -1, LCC_KEEP};
    struct unc_portfolio pf = portfolio(chosen);
    struct unc_mc_spec spec = fixed_spec(37, 2);
    struct unc_mc r;
    double s[LCC_MAX_HORIZON], total, pv;
    int k, other = 0;

    chosen[0] = unc_cheapest(&p, LCC_MODEL_MIC, 2016, &F[0]);
    while (other == unc_cheapest(&p, LCC_MODEL_MIC, 2016, &F[1]))
        other++;
    chosen[1] = other;
    unc_project(&p, &pf, s);
    total = unc_total(s, 40);
    pv = unc_pv(&p, s, 40);
    CHECK(unc_monte_carlo(&p, &pf, &spec, &r) == KOYU_OK);
    CHECK(r.draws == 37 && r.horizon == 40 && r.nfacilities == NF);
    for (k = 0; k < 40; k++)
        CHECK(r.year[k].p5 == s[k] && r.year[k].p50 == s[k] && r.year[k].p95 == s[k] &&
              r.year[k].mean == s[k]);
    CHECK(r.total.p5 == total && r.total.p50 == total && r.total.p95 == total &&
          r.total.mean == total);
    CHECK(r.pv.p5 == pv && r.pv.p50 == pv && r.pv.p95 == pv && r.pv.mean == pv);
    CHECK(r.p_chosen[0] == 1 && r.p_chosen[1] == 0 && r.p_chosen[2] == UNC_NO_CHOICE &&
          r.p_chosen[3] == 1);
    unc_mc_release(&r);
    CHECK(r.p_chosen == NULL);
    unc_mc_release(&r);
}

/* Like for like: an essential facility is compared among the ways of
 * keeping its service (keep, repair, rebuild), any other among all five,
 * as lcc_cheapest decides. */
static void
test_like_for_like(void)
{
    struct lcc_params p = defaults();
    int chosen[NF] = {LCC_KEEP, LCC_SELL, -1, LCC_REBUILD};
    struct unc_portfolio pf = portfolio(chosen);
    struct unc_mc_spec spec = fixed_spec(5, 1);
    struct lcc_facility g = F[0];
    struct unc_mc r;
    size_t i;

    g.essential = 1;
    CHECK(unc_required(&g) == UNC_SERVICE_OPTIONS);
    CHECK(unc_required(&F[0]) == UNC_ALL_OPTIONS);
    for (i = 0; i < NF; i++) {
        struct lcc_option_result out[LCC_OPTION__COUNT];
        int got = unc_cheapest_among(&p, LCC_MODEL_MIC, 2016, &F[i], unc_required(&F[i]));

        lcc_appraise(&p, LCC_MODEL_MIC, 2016, &F[i], out);
        CHECK(got == lcc_cheapest(out, F[i].essential));
        g = F[i];
        g.essential = 1;
        got = unc_cheapest_among(&p, LCC_MODEL_MIC, 2016, &g, unc_required(&g));
        CHECK(got == lcc_cheapest(out, 1) && got != LCC_SELL && got != LCC_LEASE);
    }
    /* the chosen option, when it is the cheapest, is it every draw */
    chosen[0] = unc_cheapest_among(&p, LCC_MODEL_MIC, 2016, &F[0], UNC_ALL_OPTIONS);
    chosen[1] = unc_cheapest_among(&p, LCC_MODEL_MIC, 2016, &F[1], UNC_ALL_OPTIONS);
    pf.like_for_like = 1;
    CHECK(unc_monte_carlo(&p, &pf, &spec, &r) == KOYU_OK);
    CHECK(r.p_chosen[0] == 1 && r.p_chosen[1] == 1);
    unc_mc_release(&r);
}

/* Fixed shifts and escalation are the deterministic case of moved
 * buildings and of the escalated parameters; halves round away from 0. */
static void
test_mc_fixed_values(void)
{
    struct lcc_params p = defaults(), q;
    struct unc_portfolio pf = portfolio(NULL), moved = pf;
    struct lcc_building b1[2], b2[1], b3[2];
    struct lcc_facility mf[NF];
    struct unc_mc_spec spec = fixed_spec(5, 2);
    struct unc_mc r;
    double s[LCC_MAX_HORIZON];
    int j, k;

    memcpy(b1, B1, sizeof b1);
    memcpy(b2, B2, sizeof b2);
    memcpy(b3, B3, sizeof b3);
    for (j = 0; j < 2; j++) {
        b1[j].built_year -= 3;
        b3[j].built_year -= 3;
    }
    b2[0].built_year -= 3;
    memcpy(mf, F, sizeof mf);
    mf[0].buildings = b1;
    mf[1].buildings = b2;
    mf[2].buildings = b3;
    moved.facilities = mf;
    spec.shift.a = -2.5; /* -3 */
    CHECK(unc_monte_carlo(&p, &pf, &spec, &r) == KOYU_OK);
    unc_project(&p, &moved, s);
    CHECK(r.total.p5 == unc_total(s, 40) && r.total.p95 == unc_total(s, 40));
    for (k = 0; k < 40; k++)
        CHECK(r.year[k].p5 == s[k] && r.year[k].p95 == s[k]);
    /* they did move: T4's rebuild and the hall's renovation are 3 years
     * earlier, out of 2020 */
    CHECK_NUM(s[2020 - 2016], 85e6 + 56e6, 1e-6);
    unc_mc_release(&r);
    spec.shift.a = 0.4; /* 0 */
    spec.escalation.a = 0.02;
    CHECK(unc_monte_carlo(&p, &pf, &spec, &r) == KOYU_OK);
    q = p;
    q.escalation_rate = q.renewal_escalation_rate = 0.02;
    unc_project(&q, &pf, s);
    CHECK(r.total.p50 == unc_total(s, 40) && r.pv.p50 == unc_pv(&q, s, 40));
    unc_mc_release(&r);
    /* spec errors */
    spec.draws = 0;
    CHECK(unc_monte_carlo(&p, &pf, &spec, &r) == KOYU_ERR_USAGE);
    unc_mc_release(&r);
    spec.draws = 5;
    spec.unit_cost = (struct unc_dist){UNC_TRIANGULAR, 1, 0, 2};
    CHECK(unc_monte_carlo(&p, &pf, &spec, &r) == KOYU_ERR_USAGE);
    unc_mc_release(&r);
}

/* Same seed, same results to the bit, on 1, 2 or 3 threads. */
static void
test_mc_reproducible(void)
{
    struct lcc_params p = defaults();
    int chosen[NF] = {LCC_KEEP, LCC_REPAIR, -1, LCC_KEEP};
    struct unc_portfolio pf = portfolio(chosen);
    struct unc_mc_spec spec;
    struct unc_mc r[4];
    int t;

    unc_mc_spec_default(&spec);
    spec.draws = 301;
    spec.seed = 42;
    for (t = 0; t < 3; t++) {
        spec.nthreads = t + 1;
        CHECK(unc_monte_carlo(&p, &pf, &spec, &r[t]) == KOYU_OK);
    }
    spec.seed = 43;
    CHECK(unc_monte_carlo(&p, &pf, &spec, &r[3]) == KOYU_OK);
    for (t = 1; t < 3; t++) {
        CHECK(memcmp(r[t].year, r[0].year, sizeof r[0].year) == 0);
        CHECK(memcmp(&r[t].total, &r[0].total, sizeof r[0].total) == 0);
        CHECK(memcmp(&r[t].pv, &r[0].pv, sizeof r[0].pv) == 0);
        CHECK(memcmp(r[t].p_chosen, r[0].p_chosen, NF * sizeof *r[0].p_chosen) == 0);
    }
    CHECK(r[3].total.p50 != r[0].total.p50);
    /* something was drawn: a spread, in order */
    CHECK(r[0].total.p5 < r[0].total.p50 && r[0].total.p50 < r[0].total.p95);
    CHECK(r[0].pv.p5 < r[0].pv.p95);
    CHECK(r[0].p_chosen[2] == UNC_NO_CHOICE);
    CHECK(r[0].p_chosen[0] >= 0 && r[0].p_chosen[0] <= 1);
    for (t = 0; t < 4; t++)
        unc_mc_release(&r[t]);
}

/* A uniform unit-cost factor on T1 alone (250M of renovation): the total's
 * percentiles are 250M x (0.8 + 0.4 q), within 0.5 % at 10,000 draws. */
static void
test_mc_uniform_quantiles(void)
{
    struct lcc_params p = defaults();
    struct lcc_facility t1 = {B1, 1, 0, 0, 0, 0, 1, 0, 0};
    struct unc_portfolio pf = {&t1, 1, NULL, 0, LCC_MODEL_MIC, 2016};
    struct unc_mc_spec spec = fixed_spec(10000, 2);
    struct unc_mc r;

    spec.unit_cost = (struct unc_dist){UNC_UNIFORM, 0.8, 1.2, 0};
    spec.seed = 2016;
    CHECK(unc_monte_carlo(&p, &pf, &spec, &r) == KOYU_OK);
    CHECK_NUM(r.total.p5 / (250e6 * 0.82), 1, 0.005);
    CHECK_NUM(r.total.p50 / 250e6, 1, 0.005);
    CHECK_NUM(r.total.p95 / (250e6 * 1.18), 1, 0.005);
    CHECK_NUM(r.total.mean / 250e6, 1, 0.005);
    CHECK_NUM(r.year[2030 - 2016].p95 / (125e6 * 1.18), 1, 0.005);
    CHECK(r.year[0].p95 == 0);
    CHECK(r.p_chosen[0] == UNC_NO_CHOICE);
    unc_mc_release(&r);
}

static void
test_switching_values(void)
{
    struct lcc_params p = defaults();
    struct unc_switching sw;

    portfolio(NULL);
    /* the parcel: keep below 5 %, sell above */
    unc_switching_values(&p, LCC_MODEL_MIC, 2016, &F[3], &sw);
    CHECK(sw.base_option == LCC_KEEP);
    CHECK(sw.discount.found == 1);
    CHECK_NUM(sw.discount.value, 0.05, 1e-4);
    CHECK(sw.discount.to == LCC_SELL);
    /* no renewals: the renewal escalation rate changes nothing */
    CHECK(sw.renewal_escalation.found == 0);
    CHECK(sw.renewal_escalation.value == 0 && sw.renewal_escalation.to == -1);
    /* from above, the scan finds the same rate going down */
    p.discount_rate = 0.09;
    unc_switching_values(&p, LCC_MODEL_MIC, 2016, &F[3], &sw);
    CHECK(sw.base_option == LCC_SELL);
    CHECK(sw.discount.found == 1);
    CHECK_NUM(sw.discount.value, 0.05, 1e-4);
    CHECK(sw.discount.to == LCC_KEEP);
    /* a hall of 1985 earning 20M a year net on leased land: keep (its
     * overdue renovation spread over 2016-25, its rebuild 2045-47) until dearer
     * renewals make the life extension now (repair) cheaper; on each side
     * of the value, within the bisection's tolerance, the two options */
    {
        const struct lcc_building hall = {CIVIC, RC, 0, 1000, 1985, 0, 0};
        const struct lcc_facility f = {&hall, 1, 10e6, 0, 30e6, 0, 0, 0, 0};
        struct lcc_params q = defaults();

        unc_switching_values(&q, LCC_MODEL_MIC, 2016, &f, &sw);
        CHECK(sw.base_option == LCC_KEEP);
        CHECK(sw.renewal_escalation.found == 1 && sw.renewal_escalation.to == LCC_REPAIR);
        CHECK(sw.renewal_escalation.value > 0 && sw.renewal_escalation.value < 0.05);
        q.renewal_escalation_rate = sw.renewal_escalation.value - 2e-5;
        CHECK(unc_cheapest(&q, LCC_MODEL_MIC, 2016, &f) == LCC_KEEP);
        q.renewal_escalation_rate = sw.renewal_escalation.value + 2e-5;
        CHECK(unc_cheapest(&q, LCC_MODEL_MIC, 2016, &f) == LCC_REPAIR);
    }
    /* a base outside the range starts at its end */
    p.discount_rate = 0.2;
    unc_switching_values(&p, LCC_MODEL_MIC, 2016, &F[3], &sw);
    CHECK(sw.discount.found == 1 && sw.discount.to == LCC_KEEP);
    CHECK_NUM(sw.discount.value, 0.05, 1e-4);
}

void
suite_uncertain(void)
{
    RUN(test_project_by_hand);
    RUN(test_sensitivity);
    RUN(test_percentiles);
    RUN(test_dist_parse);
    RUN(test_mc_converges);
    RUN(test_like_for_like);
    RUN(test_mc_fixed_values);
    RUN(test_mc_reproducible);
    RUN(test_mc_uniform_quantiles);
    RUN(test_switching_values);
}
