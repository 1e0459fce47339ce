/* test_portfolio.c - the engine over a portfolio, with plain structs and
 * no database: floor-area weighting of the hard score, the main building,
 * the running cost, the 偏差値 groups and their fallback, the projection
 * by department, and the levers. */
#include <math.h>
#include <string.h>

#include "koyu/engine/level.h"
#include "koyu/engine/portfolio.h"
#include "koyu/run/params.h"
#include "testlib.h"

#define Y0 2026

static struct asset_building
building(const char *id, int structure, int seismic, double area, int built, const char *grades)
{
    struct asset_building b;

    memset(&b, 0, sizeof b);
    b.building_id = id;
    b.structure = structure;
    b.seismic = seismic;
    b.floor_area_m2 = area;
    b.built_year = built;
    if (grades)
        memcpy(b.grades, grades, 5);
    return b;
}

static struct asset_facility
facility(const char *id, int category, const struct asset_building *b, size_t nb,
         const struct asset_usage *u, size_t nu)
{
    struct asset_facility f;
    size_t k;

    memset(&f, 0, sizeof f);
    f.facility_id = id;
    f.name = id;
    f.subcategory = "";
    f.department = "d";
    f.category = category;
    f.status = ASSET_IN_SERVICE;
    f.essential = 0;
    f.land_owned = 1;
    f.policy = -1;
    f.buildings = b;
    f.nbuildings = nb;
    f.usage = u;
    f.nusage = nu;
    for (k = 0; k < nb; k++)
        f.floor_area_m2 += b[k].floor_area_m2;
    return f;
}

static portfolio *
new_portfolio(const struct params *p, int keep_works)
{
    const struct portfolio_options o = {Y0, LCC_MODEL_MIC, &p->lcc, &p->assess, keep_works, 0, 1};

    return portfolio_new(&o);
}

/* Two buildings: the hard score, 健全度 and remaining life are weighted by
 * floor area; the larger is the main building. */
static void
test_hard_score_by_floor_area(void)
{
    const struct params *p = tl_params();
    /* RC 1000 ㎡ built 2006 graded A (age 20: remaining 40 of 60), and RC
     * 3000 ㎡ built 1986 graded C (age 40: remaining 20) */
    const struct asset_building b[2] = {
        building("B1", 0, ASSET_SEISMIC_NEW, 1000, 2006, "AAAAA"),
        building("B2", 0, ASSET_SEISMIC_NEW, 3000, 1986, "CCCCC"),
    };
    const struct asset_facility f = facility("F1", 4, b, 2, NULL, 0);
    const struct portfolio_context c = {0, 0, 0, ASSESS_ALLOW_YES, ASSESS_ALLOW_YES, 40, -1};
    struct portfolio_figures fg;
    struct portfolio_verdict v;
    portfolio *pf = new_portfolio(p, 0);

    CHECK(pf && portfolio_add(pf, &f, &c, &fg) == KOYU_OK);
    CHECK(portfolio_assess(pf) == KOYU_OK);
    portfolio_verdict(pf, 0, &v);
    /* H = 0.5 健全度 + 0.3 x 100 x remaining / 60 + 0.2 x 100 (sound):
     * B1: 50 + 20 + 20 = 90; B2: 20 + 10 + 20 = 50 */
    CHECK_NUM(fg.building[0].hard, 90, 1e-9);
    CHECK_NUM(fg.building[1].hard, 50, 1e-9);
    CHECK_NUM(v.a->hard, (1000 * 90 + 3000 * 50) / 4000.0, 1e-9);
    CHECK_NUM(v.a->soundness, (1000 * 100 + 3000 * 40) / 4000.0, 1e-9);
    CHECK_NUM(v.a->remaining_life, (1000 * 40 + 3000 * 20) / 4000.0, 1e-9);
    CHECK(v.a->main_age == 40); /* B2 is the larger */
    CHECK(v.nbuildings == 2 && v.oldest_built_year == 1986);
    CHECK_NUM(v.weighted_age, (1000 * 20 + 3000 * 40) / 4000.0, 1e-9);
    /* no usage: the category's cost per ㎡, estimated; no soft score */
    CHECK(fg.running_estimated == 1 && fg.usage_years == 0);
    CHECK_NUM(fg.running_cost_yen, 4000 * p->lcc.running_yen_m2[4], 1e-6);
    /* (the data-quality sheet lists it; the review's tiers are for what
     * the figures decide) */
    CHECK(!v.a->has_soft && !v.r.review && v.r.tier == ASSESS_TIER_NONE);
    portfolio_free(pf);
}

/* A facility is seismically deficient when at least half its floor area is. */
static void
test_seismic_share(void)
{
    const struct params *p = tl_params();
    const struct asset_building half[2] = {
        building("B1", 0, ASSET_SEISMIC_OLD_UNRETROFITTED, 500, 1970, NULL),
        building("B2", 0, ASSET_SEISMIC_NEW, 500, 1990, NULL),
    };
    const struct asset_building less[2] = {
        building("B3", 0, ASSET_SEISMIC_OLD_UNRETROFITTED, 499, 1970, NULL),
        building("B4", 0, ASSET_SEISMIC_NEW, 501, 1990, NULL),
    };
    const struct asset_facility f1 = facility("F1", 0, half, 2, NULL, 0);
    const struct asset_facility f2 = facility("F2", 0, less, 2, NULL, 0);
    const struct portfolio_context c = {0, 0, 0, ASSESS_ALLOW_YES, ASSESS_ALLOW_YES, 40, -1};
    struct portfolio_figures fg;
    struct portfolio_verdict v;
    portfolio *pf = new_portfolio(p, 0);

    CHECK(portfolio_add(pf, &f1, &c, &fg) == KOYU_OK);
    CHECK(portfolio_add(pf, &f2, &c, &fg) == KOYU_OK);
    CHECK(portfolio_assess(pf) == KOYU_OK);
    portfolio_verdict(pf, 0, &v);
    CHECK(v.a->seismic_deficient == 1);
    portfolio_verdict(pf, 1, &v);
    CHECK(v.a->seismic_deficient == 0);
    portfolio_free(pf);
}

/* The running cost is the average of the last 3 fiscal years given. */
static void
test_running_cost_average(void)
{
    const struct params *p = tl_params();
    const struct asset_building b[1] = {building("B1", 0, ASSET_SEISMIC_NEW, 1000, 2000, NULL)};
    const struct asset_usage u[4] = {
        {2022, 999, 1, 0, 100, 50},
        {2023, 100, 10, 30, 100, 50},
        {2024, 200, 20, 60, 100, 50},
        {2025, 300, 30, 90, 100, 50},
    };
    const struct asset_facility f = facility("F1", 0, b, 1, u, 4);
    double cost, revenue, repair;
    int years, estimated;

    portfolio_running_cost(&p->lcc, &f, &cost, &revenue, &repair, &years, &estimated);
    CHECK(years == 3 && estimated == 0);
    CHECK_NUM(cost, 200, 1e-12);
    CHECK_NUM(revenue, 20, 1e-12);
    CHECK_NUM(repair, 60, 1e-12);
}

/* The 偏差値 of a group of 5 or more is taken in it; a smaller group falls
 * back to its category, and a category too small to the benchmark values
 * (never to all facilities). */
static void
test_group_fallback(void)
{
    const struct params *p = tl_params();
    struct asset_building b[12];
    struct asset_usage u[12];
    struct asset_facility f[12];
    static const char *const ids[12] = {"A1", "A2", "A3", "A4", "A5", "B1",
                                        "B2", "C1", "C2", "C3", "C4", "D1"};
    /* group 0: five in category 0; group 1: two more of category 0; group 2:
     * four of category 1; group 3: one of category 2 */
    static const int group[12] = {0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 3};
    static const int cat[12] = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2};
    struct portfolio_figures fg;
    struct portfolio_verdict v;
    portfolio *pf = new_portfolio(p, 0);
    int k;

    for (k = 0; k < 12; k++) {
        const struct portfolio_context c = {0,  group[k], 0, ASSESS_ALLOW_YES, ASSESS_ALLOW_YES,
                                            40, -1};

        b[k] = building(ids[k], 0, ASSET_SEISMIC_NEW, 1000, 2010, "AAAAA");
        u[k] = (struct asset_usage){2025, 1e6 + 1e5 * k, 1e4, 0, 100 + 10 * k, 30 + 5 * k};
        f[k] = facility(ids[k], cat[k], &b[k], 1, &u[k], 1);
        CHECK(portfolio_add(pf, &f[k], &c, &fg) == KOYU_OK);
    }
    CHECK(portfolio_assess(pf) == KOYU_OK);
    portfolio_verdict(pf, 0, &v);
    CHECK(v.level == ASSESS_SUBCATEGORY && v.a->has_soft);
    portfolio_verdict(pf, 5, &v);
    CHECK(v.level == ASSESS_CATEGORY); /* group of 2, category of 7 */
    portfolio_verdict(pf, 7, &v);
    CHECK(v.level == ASSESS_BENCHMARK); /* group and category of 4 */
    /* C1's 稼働率 65 against the benchmark 50 and 20: T = 50 + 10 x 15 / 20 */
    CHECK_NUM(v.a->t[ASSESS_UTILIZATION], 57.5, 1e-12);
    CHECK(v.a->level[ASSESS_UTILIZATION] == ASSESS_BENCHMARK);
    portfolio_verdict(pf, 11, &v);
    CHECK(v.level == ASSESS_BENCHMARK);
    /* the 稼働率 of A1 in its group of five: 30, 35, 40, 45, 50 has mean
     * 40 and population SD sqrt(50): T = 50 + 10 (30 - 40) / sqrt(50) */
    portfolio_verdict(pf, 0, &v);
    CHECK_NUM(v.a->t[ASSESS_UTILIZATION], 50 - 100 / sqrt(50), 1e-9);
    portfolio_free(pf);
}

/* The projection is summed by department; with no lever it is the plan. */
static void
test_projection_by_department(void)
{
    const struct params *p = tl_params();
    const int H = p->lcc.horizon_years;
    const struct asset_building b[2] = {
        building("B1", 0, ASSET_SEISMIC_NEW, 1000, 1966, NULL), /* age 60: rebuild now */
        building("B2", 0, ASSET_SEISMIC_NEW, 2000, 1996, NULL), /* age 30: renovation now */
    };
    const struct asset_facility f1 = facility("F1", 4, &b[0], 1, NULL, 0);
    const struct asset_facility f2 = facility("F2", 4, &b[1], 1, NULL, 0);
    const struct portfolio_context c1 = {0, 0, 0, ASSESS_ALLOW_YES, ASSESS_ALLOW_YES, 40, -1},
                                   c2 = {0, 0, 1, ASSESS_ALLOW_YES, ASSESS_ALLOW_YES, 40, -1};
    struct portfolio_figures fg;
    struct portfolio_series s;
    portfolio *pf = new_portfolio(p, 0);
    double d0 = 0, d1 = 0, sum = 0;
    int y, k;

    CHECK(portfolio_add(pf, &f1, &c1, &fg) == KOYU_OK);
    CHECK(portfolio_add(pf, &f2, &c2, &fg) == KOYU_OK);
    CHECK(portfolio_assess(pf) == KOYU_OK);
    portfolio_series(pf, &s);
    CHECK(portfolio_departments(pf) == 2);
    for (k = 0; k < H * LCC_CATEGORIES * LCC_W__COUNT; k++) {
        d0 += portfolio_renewal(pf, 0)[k];
        d1 += portfolio_renewal(pf, 1)[k];
    }
    /* the rebuild of 1,000 ㎡ of school at 330,000 yen/㎡; the renovation of
     * 2,000 ㎡ at 170,000 and, 30 years on, its rebuild at 330,000 */
    CHECK_NUM(d0, 1000 * 330000.0, 1e-3);
    CHECK_NUM(d1, 2000 * 170000.0 + 2000 * 330000.0, 1e-3);
    for (y = 0; y < H; y++) {
        sum += s.renewal[y];
        CHECK_NUM(s.planned[y], s.renewal[y], 1e-6);
        CHECK_NUM(s.floor_area_m2[y], 3000, 0);
    }
    CHECK_NUM(sum, d0 + d1, 1e-3);
    CHECK_NUM(s.totals.total_yen, d0 + d1, 1e-3);
    CHECK(s.totals.facilities == 2 && s.totals.buildings == 2);
    portfolio_free(pf);
}

/* Under a cap no year pays more than the cap, and paid + backlog is the
 * plan plus the cost of deferral. */
static void
test_levers_cap(void)
{
    const struct params *p = tl_params();
    const int H = p->lcc.horizon_years;
    const struct asset_building b[3] = {
        building("B1", 0, ASSET_SEISMIC_NEW, 1000, 1966, NULL),
        building("B2", 0, ASSET_SEISMIC_NEW, 2000, 1996, NULL),
        building("B3", 0, ASSET_SEISMIC_NEW, 1500, 1980, NULL),
    };
    const struct asset_facility f = facility("F1", 4, b, 3, NULL, 0);
    const struct portfolio_context c = {0, 0, 0, ASSESS_ALLOW_YES, ASSESS_ALLOW_YES, 40, -1};
    const struct portfolio_levers lv = {1e8, 0, 0, 0};
    struct portfolio_lever_result lr;
    struct portfolio_figures fg;
    struct portfolio_series s;
    portfolio *pf = new_portfolio(p, 1);
    size_t i, moved = 0;
    int y;

    CHECK(portfolio_add(pf, &f, &c, &fg) == KOYU_OK);
    CHECK(portfolio_assess(pf) == KOYU_OK);
    CHECK(portfolio_apply_levers(pf, &lv, &lr) == KOYU_OK);
    portfolio_series(pf, &s);
    for (y = 0; y < H; y++)
        CHECK(s.renewal[y] <= 1e8 * (1 + 1e-12));
    CHECK_NUM(s.totals.total_yen + lr.backlog_yen, s.planned_total_yen + lr.deferral_cost_yen,
              1e-3);
    CHECK(lr.cap_binding_years > 0 && lr.budget_cap_yen == 1e8);
    for (i = 0; i < portfolio_works(pf); i++) {
        struct portfolio_deferred d;

        if (portfolio_deferred(pf, i, &d)) {
            moved++;
            CHECK(d.facility == 0 && d.building < 3);
            CHECK(!d.start_year || d.start_year >= d.due_year);
        }
    }
    CHECK(moved > 0);
    portfolio_free(pf);
}

void
suite_portfolio(void)
{
    RUN(test_hard_score_by_floor_area);
    RUN(test_seismic_share);
    RUN(test_running_cost_average);
    RUN(test_group_fallback);
    RUN(test_projection_by_department);
    RUN(test_levers_cap);
}
