/* test_lcc.c - the engine's conformance suite: docs/method.md §10.1 vectors to
 * the yen, O1 and O2 (docs/method.md §10.5, §10.6), the traps (§4.6), boundary ages, option
 * appraisal by hand, and purity. */
#include <stdio.h>
#include <stdlib.h>

#include "koyu/engine/lcc.h"
#include "koyu/run/params.h"
#include "testlib.h"

/* category indices (vocab.c order) */
enum { CIVIC = 0, SCHOOL = 4, HOUSING = 9, ADMIN = 8 };
enum { RC = 0, SRC = 1, S = 2, W = 3, LGS = 5 };

static struct lcc_params
defaults(void)
{
    return tl_params()->lcc;
}

/* Yearly totals (all work types) of one building from y0 = 2016. */
static void
project(const struct lcc_params *p, enum lcc_model m, const struct lcc_building *b,
        double *year_total, double *by_work)
{
    double out[LCC_MAX_HORIZON * LCC_W__COUNT] = {0};
    struct lcc_event ev[LCC_MAX_EVENTS];
    size_t n = lcc_schedule(p, m, 2016, b, ev);
    int y, w;

    lcc_spread(p, 2016, ev, n, out);
    for (y = 0; y < p->horizon_years; y++) {
        year_total[y] = 0;
        for (w = 0; w < LCC_W__COUNT; w++) {
            year_total[y] += out[y * LCC_W__COUNT + w];
            if (by_work)
                by_work[w] += out[y * LCC_W__COUNT + w];
        }
    }
}

/* One expected run of years: from..to each `amount`. */
struct run {
    int from, to;
    double amount;
};

/* Checks a building's projection year by year against runs (zero elsewhere),
 * to the yen, and its total. */
static void
expect(const char *id, const struct lcc_params *p, enum lcc_model m, const struct lcc_building *b,
       const struct run *runs, size_t nruns, double total)
{
    double got[LCC_MAX_HORIZON], sum = 0;
    int y;
    size_t r;

    project(p, m, b, got, NULL);
    for (y = 0; y < p->horizon_years; y++) {
        double want = 0;

        for (r = 0; r < nruns; r++)
            if (2016 + y >= runs[r].from && 2016 + y <= runs[r].to)
                want += runs[r].amount;
        if (!CHECK(fabs(got[y] - want) < 0.5))
            fprintf(stderr, "    %s %d: %.2f, want %.2f\n", id, 2016 + y, got[y], want);
        sum += got[y];
    }
    if (!CHECK(fabs(sum - total) < 1e-3))
        fprintf(stderr, "    %s total %.4f, want %.4f\n", id, sum, total);
}

#define RUNS(...)                                                                                  \
    ((const struct run[]){__VA_ARGS__}),                                                           \
        sizeof((const struct run[]){__VA_ARGS__}) / sizeof(struct run)

static void
test_mic_vectors(void)
{
    struct lcc_params p = defaults();
    struct lcc_building t1 = {CIVIC, RC, 0, 1000, 2000, 0, 0};
    struct lcc_building t2 = {SCHOOL, RC, 0, 5000, 1975, 0, 0};
    struct lcc_building t3 = {HOUSING, RC, 0, 2000, 1950, 0, 0};
    struct lcc_building t4 = {ADMIN, RC, 0, 3000, 1960, 0, 0};
    struct lcc_building e = {CIVIC, RC, 0, 1000, 0, 0, 0};

    expect("T1", &p, LCC_MODEL_MIC, &t1, RUNS({2030, 2031, 125000000}), 250000000);
    expect("T2", &p, LCC_MODEL_MIC, &t2, RUNS({2016, 2025, 85000000}, {2035, 2037, 550000000}),
           2500000000.0);
    expect("T3", &p, LCC_MODEL_MIC, &t3, RUNS({2016, 2025, 56000000}), 560000000);
    expect("T4", &p, LCC_MODEL_MIC, &t4, RUNS({2020, 2022, 400000000}), 1200000000);
    p.second_cycle = 1;
    expect("T4'", &p, LCC_MODEL_MIC, &t4, RUNS({2020, 2022, 400000000}, {2050, 2051, 375000000}),
           1950000000);
    p.second_cycle = 0;
    e.built_year = 2016 - 30;
    expect("E30", &p, LCC_MODEL_MIC, &e,
           RUNS({2016, 2017, 125000000}, {2046, 2048, 400000000.0 / 3}), 650000000);
    e.built_year = 2016 - 31;
    expect("E31", &p, LCC_MODEL_MIC, &e,
           RUNS({2016, 2025, 25000000}, {2045, 2047, 400000000.0 / 3}), 650000000);
    e.built_year = 2016 - 50;
    expect("E50", &p, LCC_MODEL_MIC, &e,
           RUNS({2016, 2025, 25000000}, {2026, 2028, 400000000.0 / 3}), 650000000);
    e.built_year = 2016 - 51;
    expect("E51", &p, LCC_MODEL_MIC, &e, RUNS({2025, 2027, 400000000.0 / 3}), 400000000);
    e.built_year = 2016 - 60;
    expect("E60", &p, LCC_MODEL_MIC, &e, RUNS({2016, 2018, 400000000.0 / 3}), 400000000);
    e.built_year = 2016 - 61;
    expect("E61", &p, LCC_MODEL_MIC, &e, RUNS({2016, 2025, 40000000}), 400000000);
}

static void
test_mic_portfolio(void)
{
    struct lcc_params p = defaults();
    struct lcc_building b[4] = {{CIVIC, RC, 0, 1000, 2000, 0, 0},
                                {SCHOOL, RC, 0, 5000, 1975, 0, 0},
                                {HOUSING, RC, 0, 2000, 1950, 0, 0},
                                {ADMIN, RC, 0, 3000, 1960, 0, 0}};
    double year[LCC_MAX_HORIZON] = {0}, one[LCC_MAX_HORIZON], total = 0,
           by_work[LCC_W__COUNT] = {0};
    int i, y;

    for (i = 0; i < 4; i++) {
        project(&p, LCC_MODEL_MIC, &b[i], one, by_work);
        for (y = 0; y < 40; y++)
            year[y] += one[y];
    }
    for (y = 0; y < 40; y++)
        total += year[y];
    CHECK_NUM(total, 4510000000.0, 1e-3);
    CHECK_NUM(total / 40, 112750000.0, 1e-6);
    for (y = 2020; y <= 2022; y++)
        CHECK_NUM(year[y - 2016], 541000000.0, 0.5);
    for (y = 2016; y <= 2025; y++)
        if (y < 2020 || y > 2022)
            CHECK_NUM(year[y - 2016], 141000000.0, 0.5);
    /* the four stacks of the plans' charts */
    CHECK_NUM(by_work[LCC_W_RENOVATION], 250000000.0, 1e-3);
    CHECK_NUM(by_work[LCC_W_BACKLOG_RENOVATION], 850000000.0, 1e-3);
    CHECK_NUM(by_work[LCC_W_REBUILD], 250000000.0 * 0 + 1650000000.0 + 1200000000.0, 1e-3);
    CHECK_NUM(by_work[LCC_W_BACKLOG_REBUILD], 560000000.0, 1e-3);
}

static void
test_boundary_ages(void)
{
    struct lcc_params p = defaults();
    struct lcc_building b = {CIVIC, RC, 0, 1000, 0, 0, 0};
    const double reno = 250000000, reb = 400000000;

    b.built_year = 2016 - 29;
    expect("29", &p, LCC_MODEL_MIC, &b, RUNS({2017, 2018, reno / 2}, {2047, 2049, reb / 3}),
           reno + reb);
    b.built_year = 2016 - 59;
    expect("59", &p, LCC_MODEL_MIC, &b, RUNS({2017, 2019, reb / 3}), reb);
    /* 30/31/50/51/60/61 are E30..E61 above */
}

static void
test_conventions_are_parameters(void)
{
    struct lcc_params p = defaults();
    struct lcc_building b = {CIVIC, RC, 0, 1000, 2000, 0, 0};
    const double reno = 250000000, reb = 400000000;

    p.age_offset = 1; /* age counts the built year: everything a year early */
    expect("age+1", &p, LCC_MODEL_MIC, &b, RUNS({2029, 2030, reno / 2}), reno);
    p = defaults();
    p.spread_offset = -1;
    expect("spread-1", &p, LCC_MODEL_MIC, &b, RUNS({2029, 2030, reno / 2}), reno);
    p = defaults();
    p.backlog_years = 5;
    b.built_year = 2016 - 61;
    expect("backlog5", &p, LCC_MODEL_MIC, &b, RUNS({2016, 2020, reb / 5}), reb);
    p = defaults();
    p.horizon_years = 30; /* 2016..2045: the rebuild of 1986 is cut after 2045 */
    b.built_year = 1986;
    expect("cut", &p, LCC_MODEL_MIC, &b, RUNS({2016, 2017, reno / 2}), reno);
    b.built_year = 1987;
    expect("cut2", &p, LCC_MODEL_MIC, &b, RUNS({2017, 2018, reno / 2}, {2047, 2047, 0}), reno);
    p.horizon_years = 33;
    expect("cut3", &p, LCC_MODEL_MIC, &b, RUNS({2017, 2018, reno / 2}, {2047, 2048, reb / 3}),
           reno + 2 * reb / 3);
    /* a renovation restarts the clock: renovated 1995, next due 2025 (age
     * 35), on schedule; renovated 2000 at age 30, next would be at 60: none */
    p = defaults();
    b.built_year = 1990;
    b.renovated_year = 1995;
    expect("renov", &p, LCC_MODEL_MIC, &b, RUNS({2025, 2026, reno / 2}, {2050, 2052, reb / 3}),
           reno + reb);
    b.built_year = 1970;
    b.renovated_year = 2000;
    expect("renov2", &p, LCC_MODEL_MIC, &b, RUNS({2030, 2032, reb / 3}), reb);
    p.renovated_year_restarts = 0; /* then 1970 is 46: backlog */
    expect("renov3", &p, LCC_MODEL_MIC, &b, RUNS({2016, 2025, reno / 10}, {2030, 2032, reb / 3}),
           reno + reb);
}

static void
test_life_extension_models(void)
{
    struct lcc_params p = defaults();
    struct lcc_building b = {SCHOOL, RC, 0, 1000, 2000, 0, 0};
    const double R = 330000000, M = 170000000, med = 0.3 * 330000000;
    double got[LCC_MAX_HORIZON], by_work[LCC_W__COUNT] = {0};

    /* extend80 (加古川市): 中規模 at 20 and 60, 長寿命化 at 40, rebuild at 80 */
    expect("x80-16", &p, LCC_MODEL_EXTEND80, &b, RUNS({2020, 2021, med / 2}, {2040, 2041, M / 2}),
           med + M);
    b.built_year = 1971; /* 45: life extension overdue, made up over 10 years */
    expect("x80-45", &p, LCC_MODEL_EXTEND80, &b,
           RUNS({2016, 2025, M / 10}, {2031, 2032, med / 2}, {2051, 2053, R / 3}), M + med + R);
    project(&p, LCC_MODEL_EXTEND80, &b, got, by_work);
    CHECK_NUM(by_work[LCC_W_BACKLOG_LIFE_EXTENSION], M, 1e-3);
    CHECK_NUM(by_work[LCC_W_MEDIUM_RENOVATION], med, 1e-3);
    /* 51 and older, wood, light steel, and 旧耐震・未補強 stay on the MIC cycle */
    b.built_year = 1965;
    expect("x80-51", &p, LCC_MODEL_EXTEND80, &b, RUNS({2025, 2027, R / 3}), R);
    b.built_year = 2000;
    b.structure = W;
    expect("x80-W", &p, LCC_MODEL_EXTEND80, &b, RUNS({2030, 2031, M / 2}), M);
    b.structure = LGS;
    expect("x80-LGS", &p, LCC_MODEL_EXTEND80, &b, RUNS({2030, 2031, M / 2}), M);
    b.structure = RC;
    b.seismic_deficient = 1;
    expect("x80-old", &p, LCC_MODEL_EXTEND80, &b, RUNS({2030, 2031, M / 2}), M);
    p.retrofit_allowed = 1;
    expect("x80-retro", &p, LCC_MODEL_EXTEND80, &b,
           RUNS({2020, 2021, med / 2}, {2040, 2041, M / 2}), med + M);
    /* target-life (釧路市 70): renovation at 35, rebuild at 70 */
    p = defaults();
    b.seismic_deficient = 0;
    b.built_year = 1980; /* 36: renovation overdue */
    expect("t70-36", &p, LCC_MODEL_TARGET_LIFE, &b, RUNS({2016, 2025, M / 10}, {2050, 2052, R / 3}),
           M + R);
    b.built_year = 1990; /* 26: on schedule at 2025 */
    expect("t70-26", &p, LCC_MODEL_TARGET_LIFE, &b, RUNS({2025, 2026, M / 2}), M);
    b.structure = W; /* wood: MIC */
    expect("t70-W", &p, LCC_MODEL_TARGET_LIFE, &b, RUNS({2020, 2021, M / 2}, {2050, 2052, R / 3}),
           M + R);
}

static void
test_o1_factors(void)
{
    CHECK_NUM(lcc_spv(0.03, 10), 0.744094, 5e-7);
    CHECK_NUM(lcc_spv(0.03, 25), 0.477606, 5e-7);
    CHECK_NUM(lcc_upv(10, 0.03), 8.530203, 5e-7);
    CHECK_NUM(lcc_upv(15, 0.03), 11.937935, 5e-7);
    CHECK_NUM(lcc_upv(20, 0.03), 14.877475, 5e-7);
    CHECK_NUM(lcc_upv(25, 0.03), 17.413148, 5e-7);
    CHECK_NUM(lcc_upv(40, 0.03), 23.114772, 5e-7);
    CHECK_NUM(lcc_upv_star(20, 0.03, 0.02), 18.081229, 5e-7);
    CHECK_NUM(lcc_upv_star(10, 0.03, -0.01), 8.094606, 5e-7);
    CHECK_NUM(lcc_upv_star(20, 0.03, 0.03), 20.000000, 5e-7);
    CHECK_NUM(lcc_spv(0.03, 9.5), 0.755173, 5e-7); /* mid-year SPV(10) */
    CHECK_NUM(1 / lcc_upv(20, 0.03), 0.067216, 5e-7);
    CHECK_NUM(lcc_spv(0.07, 10), 0.508349, 5e-7);
    CHECK_NUM(lcc_upv(30, 0.07), 12.409041, 5e-7);
    CHECK_NUM(lcc_spv(0.04, 40), 0.208289, 5e-7);
    CHECK_NUM(lcc_upv(40, 0.04), 19.792774, 5e-7);
    CHECK_NUM(lcc_upv(40, 0), 40, 0);
}

/* BLCC 5.3 FEMPEnergy (docs/method.md §10.6), from its cash flows. */
static void
test_o2_blcc(void)
{
    const double d = 0.03;
    struct lcc_flow base_inv[] = {{0, 1500}, {10, 600}, {15, -(0.5 * 600 + 0.1 * 1500)}};
    struct lcc_flow base_ops[] = {{10, 200}};
    struct lcc_flow alt_inv[] = {{0, 3000}, {15, -0.25 * 3000}};
    struct lcc_flow alt_ops[] = {{8, 600}};
    struct lcc_flow f[20];
    double base_omr, alt_omr, base_total, alt_total, d_s, d_i, sir;
    int t;

    for (t = 1; t <= 15; t++)
        f[t - 1] = (struct lcc_flow){t, 50};
    base_omr = lcc_pv(f, 15, d);
    for (t = 1; t <= 15; t++)
        f[t - 1] = (struct lcc_flow){t, 100};
    alt_omr = lcc_pv(f, 15, d);
    CHECK_NUM(base_omr, 597, 1);
    CHECK_NUM(alt_omr, 1194, 1);
    CHECK_NUM(lcc_pv(base_ops, 1, d), 149, 1);
    CHECK_NUM(lcc_pv(alt_ops, 1, d), 474, 1);
    CHECK_NUM(lcc_pv(&base_inv[1], 1, d), 446, 1);
    CHECK_NUM(lcc_pv(&base_inv[2], 1, d), -289, 1);
    CHECK_NUM(lcc_pv(&alt_inv[1], 1, d), -481, 1);
    base_total = lcc_pv(base_inv, 3, d) + lcc_pv(base_ops, 1, d) + base_omr + 13784;
    alt_total = lcc_pv(alt_inv, 2, d) + lcc_pv(alt_ops, 1, d) + alt_omr + 9419;
    CHECK_NUM(base_total, 16187, 1);
    CHECK_NUM(alt_total, 13605, 1);
    CHECK_NUM(lcc_annual_value(base_total, 15, d), 1356, 1);
    CHECK_NUM(lcc_annual_value(alt_total, 15, d), 1140, 1);
    CHECK_NUM(base_total - alt_total, 2582, 1); /* net savings */
    /* SIR: operational savings over added investment (initial, replacements,
     * residual) */
    d_s = (13784 + base_omr + lcc_pv(base_ops, 1, d)) - (9419 + alt_omr + lcc_pv(alt_ops, 1, d));
    d_i = lcc_pv(alt_inv, 2, d) - lcc_pv(base_inv, 3, d);
    sir = lcc_sir(d_s, d_i);
    CHECK_NUM(sir, 4.00, 0.005);
    CHECK_NUM(lcc_airr(sir, d, 15), 0.1297, 0.0005);
}

/* A one-building facility appraised with d = 0, worked by hand (README). */
/* The five options of one school building by hand, at a 0 % discount rate
 * so each cash flow adds as it is (docs/method.md §5): RC 1,000 ㎡ built
 * 1986, 30 years old in 2016, running cost 10M a year of which 2M repairs,
 * revenue 1M, owned land worth 50M; renovation 170,000 and rebuild 330,000
 * yen/㎡; 40 years, 2016-2055. */
static void
test_appraisal_by_hand(void)
{
    struct lcc_params p = defaults();
    struct lcc_building b = {SCHOOL, RC, 0, 1000, 1986, 0, 0};
    struct lcc_facility f = {&b, 1, 10e6, 2e6, 1e6, 50e6, 1, 0, 0};
    struct lcc_option_result r[LCC_OPTION__COUNT];

    p.discount_rate = 0;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, r);
    /* keep: renovation 2016-17 170M, rebuild 2046-48 330M (53 of its 60
     * years left at the end), net running 9M x 40; the land kept, 50M */
    CHECK_NUM(r[LCC_KEEP].pv, 170e6 + 330e6 - 330e6 * 53 / 60 + 360e6 - 50e6, 1e-3);
    CHECK_NUM(r[LCC_KEEP].residual_pv, -330e6 * 53 / 60, 1e-3);
    CHECK_NUM(r[LCC_KEEP].land_pv, -50e6, 1e-3);
    /* repair: 長寿命化改修 2016-17 170M (condition unknown: no premium),
     * serving until the rebuild at 80 in 2066 (10 of 48 years left); 中規模改修
     * at 60 in 2046-47, 30 % of 330M (10 of 18 years left) */
    CHECK(r[LCC_REPAIR].offered);
    CHECK_NUM(r[LCC_REPAIR].pv, 170e6 - 170e6 * 10 / 48 + 99e6 - 99e6 * 10 / 18 + 360e6 - 50e6,
              1e-3);
    /* rebuild: 330M now (23 of 60 years left), the new building's
     * renovation in 2046-47 as keep would have it (20 of 28 left); half the
     * repairs: running 9M - 1M */
    CHECK_NUM(r[LCC_REBUILD].pv,
              330e6 - 330e6 * 23 / 60 + 170e6 - 170e6 * 20 / 28 + 8e6 * 40 - 50e6, 1e-3);
    /* sell: demolition 30,000/㎡, running costs of the disposal year, land;
     * no users known, no service given up */
    CHECK_NUM(r[LCC_SELL].pv, 30e6 + 9e6 - 50e6, 1e-3);
    CHECK_NUM(r[LCC_SELL].service_loss_pv, 0, 0);
    /* lease (定期借地): the city runs it in the disposal year, then the tenant
     * bears repairs and renewals and pays 2 % of the land a year for 39
     * years; the land kept */
    CHECK_NUM(r[LCC_LEASE].pv, 9e6 - 1e6 * 39 - 50e6, 1e-3);
    CHECK_NUM(r[LCC_KEEP].annual_equivalent, r[LCC_KEEP].pv / 40, 1e-6);
    CHECK_NUM(r[LCC_KEEP].pv_per_m2, r[LCC_KEEP].pv / 1000, 1e-9);
    /* closing gives up the service: 10,000 users x 500 yen x 39 years */
    f.users = 10000;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, r);
    CHECK_NUM(r[LCC_SELL].service_loss_pv, 195e6, 1e-3);
    CHECK_NUM(r[LCC_SELL].pv, 30e6 + 9e6 - 50e6 + 195e6, 1e-3);
    CHECK_NUM(r[LCC_LEASE].pv, 9e6 - 1e6 * 39 - 50e6 + 195e6, 1e-3);
    CHECK(lcc_cheapest(r, 0) == LCC_LEASE);
    /* a facility whose service must go on compares keep, repair, rebuild */
    CHECK(lcc_cheapest(r, 1) == LCC_REPAIR);
}

/* Repair by the building's condition, its 耐震補強, keep's 事後保全, and an
 * option not offered. */
static void
test_appraisal_conditions(void)
{
    struct lcc_params p = defaults();
    struct lcc_building b = {SCHOOL, RC, 0, 1000, 1986, 0, 40};
    struct lcc_facility f = {&b, 1, 0, 0, 0, 0, 0, 0, 0};
    struct lcc_option_result r[LCC_OPTION__COUNT], base[LCC_OPTION__COUNT];

    p.discount_rate = 0;
    p.land_residual = 0;
    /* 健全度 40: the 長寿命化改修 costs 1 + 0.2 x (1 - 0.4) = 1.12 times 170M */
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, r);
    CHECK_NUM(r[LCC_REPAIR].pv, 190.4e6 - 190.4e6 * 10 / 48 + 99e6 - 99e6 * 10 / 18, 1e-3);
    /* 旧耐震・未補強: keep and repair pay 40,000/㎡ for the 耐震補強 in 2016;
     * in keep it serves until the rebuild of 2046 (none left at the end),
     * in repair until 2066 (10 of 49 years left) */
    b.soundness = 0;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, base);
    b.seismic_deficient = 1;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, r);
    CHECK_NUM(r[LCC_KEEP].pv - base[LCC_KEEP].pv, 40e6, 1e-3);
    CHECK_NUM(r[LCC_REPAIR].pv - base[LCC_REPAIR].pv, 40e6 - 40e6 * 10 / 49, 1e-3);
    CHECK_NUM(r[LCC_REBUILD].pv, base[LCC_REBUILD].pv, 1e-3);
    /* 事後保全: built 1961, 55 in 2016, past its renovation with none to
     * come: 1,000 yen/㎡ more repairs a year until its rebuild in 2021 */
    b.seismic_deficient = 0;
    b.built_year = 1961;
    p.unrenovated_repair_yen_m2 = 0;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, base);
    p.unrenovated_repair_yen_m2 = 1000;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, r);
    CHECK_NUM(r[LCC_KEEP].pv - base[LCC_KEEP].pv, 5 * 1e6, 1e-3);
    /* ... the same when it is 旧耐震・未補強: its 耐震補強 (40M, serving
     * until the rebuild of 2021) is not a renovation and does not end the
     * 事後保全 */
    b.seismic_deficient = 1;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, base);
    CHECK_NUM(base[LCC_KEEP].pv - r[LCC_KEEP].pv, 40e6, 1e-3);
    /* ... and a renovation the schedule does not count (restarts = no)
     * does not spare it either */
    b.seismic_deficient = 0;
    b.renovated_year = 2000;
    p.renovated_year_restarts = 0;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, base);
    CHECK_NUM(base[LCC_KEEP].pv, r[LCC_KEEP].pv, 1e-3);
    p.renovated_year_restarts = 1;
    b.renovated_year = 0;
    /* a building whose rebuild starts now gets no 耐震補強 */
    b.built_year = 1950;
    b.seismic_deficient = 0;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, base);
    b.seismic_deficient = 1;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, r);
    CHECK_NUM(r[LCC_KEEP].pv, base[LCC_KEEP].pv, 1e-3);
    b.seismic_deficient = 0;
    b.built_year = 1961;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, r);
    /* ... and, over 50, it cannot be extended: no repair option */
    CHECK(!r[LCC_REPAIR].offered && r[LCC_REPAIR].pv == 0);
    CHECK(lcc_repair_blocked(&p, &b, 2016) == LCC_NOT_AGE);
    CHECK(lcc_cheapest(r, 1) != LCC_REPAIR);
    b.structure = W;
    CHECK(lcc_repair_blocked(&p, &b, 2016) == (LCC_NOT_AGE | LCC_NOT_STRUCTURE));
}

static void
test_traps(void)
{
    struct lcc_params p = defaults();
    struct lcc_building b = {SCHOOL, RC, 0, 1000, 1990, 0, 0};
    struct lcc_facility f = {&b, 1, 1e6, 0, 0, 0, 0, 0, 0};
    struct lcc_option_result r[LCC_OPTION__COUNT];
    double running = 1e6 * lcc_upv(40, 0.04);

    /* year of occurrence: Y0 is the end of year 1 (t = 1) ... */
    b.floor_area_m2 = 1e-9; /* renewals negligible: running costs only */
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, r);
    CHECK_NUM(r[LCC_KEEP].pv, running, 1e-3);
    /* ... or, with first_year_t = 0, undiscounted */
    p.first_year_t = 0;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, r);
    CHECK_NUM(r[LCC_KEEP].pv, 1e6 * (1 + lcc_upv(39, 0.04)), 1e-3);
    /* escalation is applied, and is exactly UPV* */
    p = defaults();
    p.escalation_rate = 0.02;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, r);
    CHECK_NUM(r[LCC_KEEP].pv, 1e6 * lcc_upv_star(40, 0.04, 0.02), 1e-3);
    /* one discounting convention for every kind of cost: a renewal and a
     * running cost of the same year weigh the same */
    p = defaults();
    b.floor_area_m2 = 1000;
    b.built_year = 1986; /* renovation 2016-17 */
    f.running_cost_yen = 0;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, r);
    {
        struct lcc_event ev[LCC_MAX_EVENTS];
        size_t n = lcc_schedule(&p, LCC_MODEL_MIC, 2016, &b, ev);
        double want = 0, rv;
        size_t i;
        int y;

        for (i = 0; i < n; i++)
            for (y = ev[i].first; y < ev[i].first + ev[i].years && y < 2056; y++)
                want += ev[i].cost / ev[i].years * lcc_spv(0.04, y - 2016 + 1);
        /* residual of the 2046-48 rebuild: in service 2049, 53 of 60 years
         * left at the end of 2055, valued at t = 40, not a year off */
        rv = 330e6 * 53.0 / 60.0 * lcc_spv(0.04, 40);
        CHECK_NUM(r[LCC_KEEP].pv, want - rv, 1e-3);
        CHECK_NUM(r[LCC_KEEP].residual_pv, -rv, 1e-3);
    }
}

/* Real and nominal rates: 1+D = (1+d)(1+I), exactly, with no table in
 * between; discounting nominal flows at D equals real flows at d. */
static void
test_real_and_nominal(void)
{
    double d = 0.04, i = 0.02, D = lcc_nominal_rate(d, i);
    double nominal_pv = 0, real_pv = 0;
    int t;

    CHECK_NUM(D, 0.0608, 1e-15);
    CHECK_NUM(lcc_real_rate(D, i), d, 1e-15);
    /* the trap: subtracting rates (4% + 2% = 6%) drifts */
    CHECK(fabs(lcc_spv(0.06, 40) - lcc_spv(D, 40)) > 1e-3);
    for (t = 1; t <= 40; t++) {
        nominal_pv += 100 * pow(1 + i, t) * lcc_spv(D, t);
        real_pv += 100 * lcc_spv(d, t);
    }
    CHECK_NUM(nominal_pv, real_pv, 1e-9);
}

/* Renewal escalation: a series is multiplied by (1+e)^k, Y0 not escalated;
 * lcc_appraise escalates its renewals by the same factor; 0 changes nothing
 * and the key is read, in range, from lcc.conf. */
static void
test_renewal_escalation(void)
{
    struct lcc_params p = defaults();
    struct lcc_building b = {CIVIC, RC, 0, 1000, 1986, 0, 0}; /* renovation 2016-17 */
    struct lcc_facility f = {&b, 1, 0, 0, 0, 0, 0, 0, 0};
    struct lcc_option_result r0[LCC_OPTION__COUNT], r1[LCC_OPTION__COUNT];
    double s[3] = {100, 100, 100}, s0[3] = {1.5, 2.5, 3.5}, s1[3] = {1.5, 2.5, 3.5};
    const char *ok = "renewal_escalation_rate = 0.015\n", *bad = "renewal_escalation_rate = 0.3\n";
    double reb = 400e6 / 3, want;
    struct params q;
    struct diag d;

    CHECK(p.renewal_escalation_rate == 0);
    lcc_escalate(&p, 2016, s0, 3);
    CHECK(memcmp(s0, s1, sizeof s0) == 0);
    p.renewal_escalation_rate = 0.1;
    lcc_escalate(&p, 2016, s, 3);
    CHECK(s[0] == 100);
    CHECK_NUM(s[1], 110, 1e-9);
    CHECK_NUM(s[2], 121, 1e-9);
    /* d = 0: renovation 125M in 2016 (k 0) and 2017 (k 1); rebuild 2046-48
     * (k 30..32), 53 of its 60 years left at the end of 2055 */
    p.discount_rate = 0;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, r1);
    want = 125e6 * (1 + 1.1) + reb * (pow(1.1, 30) + pow(1.1, 31) + pow(1.1, 32)) * (1 - 53.0 / 60);
    CHECK_NUM(r1[LCC_KEEP].pv / want, 1, 1e-12);
    p.renewal_escalation_rate = 0;
    lcc_appraise(&p, LCC_MODEL_MIC, 2016, &f, r0);
    CHECK_NUM(r0[LCC_KEEP].pv, 250e6 + 400e6 * 7 / 60, 1e-3);
    /* demolition on sale is not a renewal: unchanged */
    CHECK(r0[LCC_SELL].pv == r1[LCC_SELL].pv);
    /* lcc.conf: the key is read and its range checked */
    diag_init(&d, NULL, KOYU_LANG_EN, 10);
    q = *tl_params();
    CHECK(params_apply_conf(&q, "t.conf", ok, strlen(ok), &d) == KOYU_OK);
    CHECK(q.lcc.renewal_escalation_rate == 0.015);
    CHECK(params_apply_conf(&q, "t.conf", bad, strlen(bad), &d) == KOYU_ERR_DATA);
    CHECK(params_set_key(&q, "renewal_escalation_rate", "-0.01") == 0);
    CHECK(q.lcc.renewal_escalation_rate == -0.01);
    CHECK(params_set_key(&q, "renewal_escalation_rate", "-0.2") == -1);
}

/* The residual value and the equivalent annual cost on their own, against
 * values worked outside koyu. */
static void
test_residual_and_annual_value(void)
{
    /* straight line: cost x remaining / service life, remaining capped at
     * the life, nothing when no life is left */
    CHECK_NUM(lcc_residual(330e6, 53, 60), 291.5e6, 1e-6); /* 330M x 53/60 */
    CHECK_NUM(lcc_residual(1000, 1, 60), 1000.0 / 60, 1e-12);
    CHECK(lcc_residual(1000, 70, 60) == 1000);
    CHECK(lcc_residual(1000, 0, 60) == 0);
    CHECK(lcc_residual(1000, -5, 60) == 0);
    CHECK(lcc_residual(1000, 10, 0) == 0);
    /* EUAC = PV / UPV(40, 4 %); python3: sum(1.04**-t for t in 1..40)
     * = 19.792773883426456, 1e6 / that = 50523.48932442225 */
    CHECK_NUM(lcc_upv(40, 0.04), 19.792773883426456, 1e-12);
    CHECK_NUM(lcc_annual_value(1e6, 40, 0.04), 50523.48932442225, 1e-8);
    CHECK_NUM(lcc_annual_value(1e6, 40, 0), 25000, 0);
    CHECK_NUM(lcc_annual_value(-2e6, 40, 0.04), -2 * 50523.48932442225, 1e-8);
}

static void
test_pure_and_repeatable(void)
{
    struct lcc_params p = defaults();
    struct lcc_building b[3] = {{SCHOOL, RC, 0, 4321.5, 1971, 1999, 0},
                                {CIVIC, W, 1, 123.4, 1955, 0, 0},
                                {HOUSING, SRC, 0, 9876.5, 1983, 0, 0}};
    struct lcc_facility f = {b, 3, 12345678, 1234567, 234567, 98765432, 1, 0, 0};
    struct lcc_option_result r1[LCC_OPTION__COUNT], r2[LCC_OPTION__COUNT];
    int m;

    for (m = 0; m < LCC_MODEL__COUNT; m++) {
        lcc_appraise(&p, (enum lcc_model)m, 2026, &f, r1);
        lcc_appraise(&p, (enum lcc_model)m, 2026, &f, r2);
        CHECK(memcmp(r1, r2, sizeof r1) == 0);
    }
    CHECK_STR(lcc_model_name(LCC_MODEL_TARGET_LIFE), "target-life");
    CHECK(lcc_model_from_name("extend80") == LCC_MODEL_EXTEND80);
    CHECK(lcc_model_from_name("nope") == -1);
    CHECK_STR(lcc_work_name(LCC_W_BACKLOG_REBUILD), "backlog_rebuild");
    CHECK_STR(lcc_option_name(LCC_LEASE), "lease");
}

void
suite_lcc(void)
{
    RUN(test_mic_vectors);
    RUN(test_mic_portfolio);
    RUN(test_boundary_ages);
    RUN(test_conventions_are_parameters);
    RUN(test_life_extension_models);
    RUN(test_o1_factors);
    RUN(test_o2_blcc);
    RUN(test_appraisal_by_hand);
    RUN(test_appraisal_conditions);
    RUN(test_traps);
    RUN(test_real_and_nominal);
    RUN(test_renewal_escalation);
    RUN(test_residual_and_annual_value);
    RUN(test_pure_and_repeatable);
}
