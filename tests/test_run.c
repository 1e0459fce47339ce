/* test_run.c - koyu run: import and engine in one transaction, results in
 * the database through the documented views, parameters, models. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "koyu/engine/lcc.h"
#include "koyu/run/params.h"
#include "testlib.h"

static void
test_run_results(void)
{
    const char *dir = tl_tmpdir("run-good");
    char db[600], out[8192];

    snprintf(db, sizeof db, "%s/out/koyu.db", dir);
    CHECK(tl_sh(out, sizeof out, "%s run --out '%s/out' --year 2026 fixtures/cases/good", tl_koyu(),
                dir) == 0);
    CHECK(strstr(out, "更新費用推計（mic、2026〜2065年度）") != NULL);
    /* one run, its parameters, and the two views */
    CHECK(tl_num(db, "SELECT count(*) FROM lcc_runs WHERE year = 2026 AND scenario = 'mic'") == 1);
    CHECK(tl_num(db, "SELECT value FROM lcc_params WHERE key = 'horizon_years'") == 40);
    CHECK(tl_num(db, "SELECT count(*) FROM lcc_params WHERE key LIKE 'categories.%'") == 39);
    CHECK(tl_num(db, "SELECT count(*) FROM v_facility_lcc") == 25);
    CHECK(tl_num(db, "SELECT count(DISTINCT option) FROM v_facility_lcc") == 5);
    /* F001 by hand (Y0 2026): B001 RC 1,234.5 ㎡ built 1975, renovated 2005:
     * the next renovation would be at 60, so none, rebuild 2035-37 at
     * 400,000/㎡; B002 wood 120 ㎡ of 1998: renovation 2028-29 at 250,000,
     * rebuild 2058-60 at 400,000 */
    CHECK_NUM(
        tl_num(db, "SELECT renewal_total_yen FROM facility_results WHERE facility_id = 'F001'"),
        1234.5 * 400000 + 120 * 250000 + 120 * 400000, 1e-3);
    CHECK_NUM(
        tl_num(db, "SELECT sum(cost_yen) FROM v_renewal_by_year WHERE department = '生涯学習課'"),
        1234.5 * 400000 + 120 * 250000 + 120 * 400000, 1e-3);
    /* 2035: rebuilds of B001 and B007 (FY1975), backlog renovations of
     * B004 (1989) and B005/B006 (1980, 1982) */
    CHECK_NUM(tl_num(db, "SELECT sum(cost_yen) FROM v_renewal_by_year WHERE fiscal_year = 2035"),
              (1234.5 + 250.5) * 400000 / 3 + 1000 * 170000 / 10.0 + 2 * 2400 * 170000 / 10.0,
              1e-3);
    /* the whole projection by hand, building by building (categories.csv):
     * B001 as above 493.8M; B002 renovation 30M and rebuild 48M;
     * B003 school RC of 1972 (54: no renovation) rebuild 2032-34 at
     * 330,000: 1,650M; B004 (37) backlog renovation 1,000 x 170,000 and
     * rebuild 2049-51 at 330,000: 500M; B005, B006 public housing (46, 44)
     * backlog renovations 2,400 x 170,000 and rebuilds 2040-42, 2042-44 at
     * 280,000: 1,080M each; B007 rebuild 2035-37: 100.2M; B008 supply
     * (6) renovation 2050-51 at 200,000: 160M */
    CHECK_NUM(tl_num(db, "SELECT total_yen FROM lcc_runs"), 5142000000, 1e-3);
    CHECK_NUM(tl_num(db, "SELECT sum(cost_yen) FROM v_renewal_by_year"), 5142000000, 1e-3);
    CHECK_NUM(tl_num(db, "SELECT annual_average_yen FROM lcc_runs"), 5142000000 / 40.0, 1e-6);
    /* the peak: B003's rebuild years (550M) with the backlog renovations of
     * B004, B005, B006 (17M + 40.8M + 40.8M); 2032-34 tie, the first counts */
    CHECK(tl_num(db, "SELECT peak_year FROM lcc_runs") == 2032);
    CHECK_NUM(tl_num(db, "SELECT peak_yen FROM lcc_runs"), 648600000, 1e-3);
    /* running costs: F001 averages its three years; F005 (休止, no usage)
     * is estimated from the 供給処理施設 default, 10,000 円/㎡ x 800 ㎡ */
    CHECK_NUM(
        tl_num(db, "SELECT running_cost_yen FROM facility_results WHERE facility_id = 'F001'"),
        16500000, 1e-6);
    CHECK(tl_num(db, "SELECT usage_years FROM facility_results WHERE facility_id = 'F001'") == 3);
    CHECK_NUM(
        tl_num(db, "SELECT running_cost_yen FROM facility_results WHERE facility_id = 'F005'"),
        8000000, 1e-6);
    CHECK(tl_num(db, "SELECT running_estimated FROM facility_results WHERE facility_id = 'F005'") ==
          1);
    CHECK(tl_num(db, "SELECT estimated_running_costs FROM lcc_runs") == 1);
    /* no per-building schedule unless asked */
    CHECK(tl_num(db, "SELECT count(*) FROM renewal_schedule") == 0);
    CHECK(tl_num(db, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
}

static void
test_models_detail_and_rerun(void)
{
    const char *dir = tl_tmpdir("run-models");
    char db[600], out[8192];

    snprintf(db, sizeof db, "%s/k.db", dir);
    CHECK(tl_sh(out, sizeof out, "%s run --db '%s' --out '%s' --year 2026 fixtures/cases/good",
                tl_koyu(), db, dir) == 0);
    CHECK(tl_sh(out, sizeof out,
                "%s run --db '%s' --out '%s' --year 2026 --model extend80 --detail"
                " fixtures/cases/good",
                tl_koyu(), db, dir) == 0);
    CHECK(tl_num(db, "SELECT count(DISTINCT scenario) FROM v_renewal_by_year") == 2);
    CHECK(tl_num(db, "SELECT count(*) FROM v_facility_lcc") == 50);
    /* extend80 by hand: B001, B003 (over 50), B002 (wood), B005 (unknown
     * seismic, built before 1982) and B007 (light-gauge steel) stay on the
     * MIC cycle: 493.8M + 1,650M + 78M + 1,080M + 100.2M; B004 (S, 37)
     * life extension at 40 (2029-30) 170M and medium renovation at 60
     * (2049-50) at 30 % of 330,000: 99M; B006 (44) backlog life extension
     * 408M, medium renovation 2042-43 at 30 % of 280,000: 201.6M, rebuild
     * at 80 (2062-64) 672M; B008 (6) medium renovation 2040-41 at 30 % of
     * 360,000: 86.4M and life extension 2060-61 160M */
    CHECK_NUM(tl_num(db, "SELECT total_yen FROM lcc_runs WHERE scenario = 'extend80'"), 5199000000,
              1e-3);
    CHECK(tl_num(db, "SELECT count(*) FROM v_renewal_by_year WHERE scenario = 'extend80'"
                     " AND work_type = 'medium_renovation'") == 6);
    CHECK_NUM(tl_num(db, "SELECT sum(cost_yen) FROM v_renewal_by_year WHERE scenario = 'extend80'"
                         " AND work_type = 'medium_renovation'"),
              99000000 + 201600000 + 86400000, 1e-3);
    CHECK_NUM(tl_num(db, "SELECT sum(cost_yen) FROM v_renewal_by_year WHERE scenario = 'extend80'"
                         " AND work_type = 'life_extension'"),
              170000000 + 160000000, 1e-3);
    CHECK_NUM(tl_num(db, "SELECT sum(cost_yen) FROM v_renewal_by_year WHERE scenario = 'extend80'"
                         " AND work_type = 'backlog_life_extension'"),
              408000000, 1e-3);
    /* the detail table adds up to the aggregate of its run: one row per
     * building, year and work type (here no two buildings share a view row) */
    CHECK(tl_num(db, "SELECT count(*) FROM renewal_schedule") == 50);
    CHECK(tl_num(db, "SELECT count(*) FROM v_renewal_by_year WHERE scenario = 'extend80'") == 50);
    CHECK_NUM(tl_num(db, "SELECT sum(cost_yen) FROM renewal_schedule"), 5199000000, 1e-3);
    /* running the same year and scenario again replaces its results */
    CHECK(tl_sh(out, sizeof out, "%s run --db '%s' --out '%s' --year 2026 fixtures/cases/good",
                tl_koyu(), db, dir) == 0);
    CHECK(tl_num(db, "SELECT count(*) FROM lcc_runs") == 2);
    CHECK(tl_num(db, "SELECT count(*) FROM facility_results") == 10);
    CHECK(tl_num(db, "SELECT count(*) FROM renewal_schedule") == 50); /* extend80's stays */
    CHECK_NUM(tl_num(db, "SELECT total_yen FROM lcc_runs WHERE scenario = 'mic'"), 5142000000,
              1e-3);
}

static void
test_params_override(void)
{
    const char *dir = tl_tmpdir("run-params");
    char db[600], out[8192], before[128], after[128];

    snprintf(db, sizeof db, "%s/k.db", dir);
    tl_sh(out, sizeof out,
          "mkdir -p '%s/p' && printf 'horizon_years = 30\\ndiscount_rate = 0.02 # ours\\n"
          "recent_investment_yen = 100000000\\n' > '%s/p/lcc.conf' &&"
          " printf 'category,rebuild_yen_m2\\nschool,500000\\n' > '%s/p/categories.csv'",
          dir, dir, dir);
    CHECK(tl_sh(out, sizeof out,
                "%s run --db '%s' --out '%s' --year 2026 --params '%s/p'"
                " fixtures/cases/good",
                tl_koyu(), db, dir, dir) == 0);
    CHECK(tl_num(db, "SELECT horizon_years FROM lcc_runs") == 30);
    /* 30 years, 2026-2055: B002's rebuild (2058-60) falls out; the school
     * rebuilds at 500,000: B003 2,500M, B004 500M; the rest as in
     * test_run_results: 5,142M - 48M + (850M + 170M) */
    CHECK_NUM(tl_num(db, "SELECT total_yen FROM lcc_runs"), 6114000000, 1e-3);
    CHECK_NUM(tl_num(db, "SELECT sum(cost_yen) FROM v_renewal_by_year"), 6114000000, 1e-3);
    CHECK_NUM(tl_num(db, "SELECT annual_average_yen FROM lcc_runs"), 6114000000 / 30.0, 1e-6);
    CHECK(tl_num(db, "SELECT count(*) FROM v_renewal_by_year WHERE fiscal_year > 2055") == 0);
    CHECK(tl_num(db, "SELECT min(fiscal_year) FROM v_renewal_by_year") == 2026);
    CHECK(tl_num(db, "SELECT max(fiscal_year) FROM v_renewal_by_year") == 2051); /* B004, B008 */
    CHECK(tl_num(db, "SELECT discount_rate FROM lcc_runs") == 0.02);
    CHECK(tl_num(db, "SELECT count(*) FROM lcc_params WHERE key = 'discount_rate'"
                     " AND source = 'ours'") == 1);
    CHECK(
        tl_num(db, "SELECT value FROM lcc_params WHERE key = 'categories.school.rebuild_yen_m2'") ==
        500000);
    /* the untouched keys keep their defaults */
    CHECK(tl_num(db, "SELECT value FROM lcc_params WHERE key = 'mic.life_years'") == 60);
    CHECK_NUM(tl_num(db, "SELECT ratio_to_recent FROM lcc_runs"), 6114000000 / 30.0 / 1e8, 1e-9);
    CHECK_NUM(tl_num(db, "SELECT annual_gap_yen FROM lcc_runs"), 6114000000 / 30.0 - 1e8, 1e-6);
    CHECK(strstr(out, "直近の投資的経費") != NULL);
    /* a bad parameter file stops the run before anything is written */
    tl_sh(before, sizeof before, "sha256sum '%s' | cut -c1-64", db);
    tl_sh(out, sizeof out,
          "printf 'horizon_years = 40\\nhorizon_yeers = 30\\nsecond_cycle = maybe\\n'"
          " > '%s/p/lcc.conf'",
          dir);
    CHECK(tl_sh(out, sizeof out,
                "%s --lang en run --db '%s' --out '%s' --year 2026 --params '%s/p'"
                " fixtures/cases/good",
                tl_koyu(), db, dir, dir) == 1);
    CHECK(strstr(out, "lcc.conf:2: 'horizon_yeers' is not a parameter koyu knows") != NULL);
    CHECK(strstr(out, "lcc.conf:3: second_cycle 'maybe' is not a valid value") != NULL);
    tl_sh(after, sizeof after, "sha256sum '%s' | cut -c1-64", db);
    CHECK_STR(after, before);
    CHECK(tl_sh(out, sizeof out,
                "%s run --db '%s' --out '%s' --year 2026 --model nope"
                " fixtures/cases/good",
                tl_koyu(), db, dir) == 2);
}

/* The shipped parameter files hold every value the engine needs. */
static void
test_default_params_complete(void)
{
    struct params p;
    struct diag d;
    int i;

    diag_init(&d, stderr, KOYU_LANG_EN, 10);
    CHECK(params_load(&p, NULL, &d) == KOYU_OK);
    CHECK(d.errors == 0);
    for (i = 0; i < LCC_CATEGORIES; i++) {
        CHECK(p.lcc.rebuild_yen_m2[i] > 0 && p.lcc.renovation_yen_m2[i] > 0);
        CHECK(p.lcc.running_yen_m2[i] > 0);
        CHECK(strlen(p.table_sources[i]) > 0);
    }
    for (i = 0; i < LCC_STRUCTURES; i++) {
        CHECK(p.lcc.demolition_yen_m2[i] > 0 && p.lcc.target_life[i] > 0);
        CHECK(strlen(p.table_sources[LCC_CATEGORIES + i]) > 0);
    }
    /* every key of lcc.conf is documented with a source */
    for (i = 0; i < (int)p.nnotes; i++)
        if (!CHECK(strlen(p.notes[i].source) > 0))
            fprintf(stderr, "    %s has no source\n", p.notes[i].key);
    CHECK(p.nnotes >= 30);
    CHECK(p.lcc.horizon_years == 40 && p.lcc.mic.life == 60 && p.lcc.discount_rate == 0.04);
}

void
suite_run(void)
{
    RUN(test_default_params_complete);
    RUN(test_run_results);
    RUN(test_models_detail_and_rerun);
    RUN(test_params_override);
}
