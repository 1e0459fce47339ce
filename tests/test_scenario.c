/* test_scenario.c - scenario files (every error case), several scenarios
 * in one run, floor-area reduction and leveling end to end against the
 * database. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/engine/assess.h"
#include "koyu/engine/reduce.h"
#include "koyu/run/scenario.h"
#include "testlib.h"

/* Loads text as a scenario file; the messages into msgs. */
static enum koyu_err
load_text_len(struct scenario *sc, const char *text, size_t len, char *msgs, size_t size)
{
    static struct params base;
    struct diag d;
    char path[600];
    enum koyu_err err;
    FILE *fp, *out;

    diag_init(&d, NULL, KOYU_LANG_EN, 100);
    if (params_load(&base, NULL, &d) != KOYU_OK)
        return KOYU_ERR__COUNT;
    snprintf(path, sizeof path, "%s/s.conf", tl_tmpdir("scenario-file"));
    fp = fopen(path, "w");
    if (!fp)
        return KOYU_ERR__COUNT;
    fwrite(text, 1, len, fp);
    fclose(fp);
    out = fmemopen(msgs, size, "w");
    diag_init(&d, out, KOYU_LANG_EN, 100);
    err = scenario_load(sc, path, &base, &d);
    if (out)
        fclose(out);
    return err;
}

static enum koyu_err
load_text(struct scenario *sc, const char *text, char *msgs, size_t size)
{
    return load_text_len(sc, text, strlen(text), msgs, size);
}

static void
test_scenario_shipped(void)
{
    static struct params base;
    static struct scenario sc;
    static const char *const names[] = {"mic", "extend80", "kushiro70", "reduce20", "budget-cap"};
    static const enum lcc_model models[] = {LCC_MODEL_MIC, LCC_MODEL_EXTEND80,
                                            LCC_MODEL_TARGET_LIFE, LCC_MODEL_MIC, LCC_MODEL_MIC};
    struct diag d;
    size_t k;

    diag_init(&d, NULL, KOYU_LANG_EN, 100);
    CHECK(params_load(&base, NULL, &d) == KOYU_OK);
    for (k = 0; k < 5; k++) {
        CHECK(scenario_load(&sc, names[k], &base, &d) == KOYU_OK);
        CHECK_STR(sc.name, names[k]);
        CHECK(sc.model == models[k]);
        CHECK(sc.title[0] && sc.title_en[0]);
        CHECK(strstr(scenario_shipped(), names[k]) != NULL);
    }
    CHECK(scenario_load(&sc, "reduce20", &base, &d) == KOYU_OK);
    CHECK_NUM(sc.reduction_share, 0.20, 0);
    CHECK(sc.reduction_years == 40);
    CHECK(scenario_load(&sc, "budget-cap", &base, &d) == KOYU_OK);
    CHECK_NUM(sc.cap_ratio, 1.0, 0);
    CHECK_NUM(scenario_cap(&sc), -1, 0); /* no recent investment known */
    sc.params.lcc.recent_investment_yen = 3.7e9;
    CHECK_NUM(scenario_cap(&sc), 3.7e9, 0);
    CHECK(scenario_load(&sc, "mic", &base, &d) == KOYU_OK);
    CHECK(sc.sensitivity == 1 && sc.mc_draws == 1000);
    CHECK(scenario_load(&sc, "nosuch", &base, &d) == KOYU_ERR_USAGE);
}

static void
test_scenario_overrides(void)
{
    static struct scenario sc;
    char msgs[2048] = "";

    CHECK(load_text(&sc,
                    "# a planner's what-if\n"
                    "name = what-if\n"
                    "title = 試算（単価２割増）\n"
                    "model = extend80\n"
                    "discount_rate = 0.03   # [A] lower rate\n"
                    "categories.school.rebuild_yen_m2 = 300000\n"
                    "structures.RC.target_life_years = 75\n"
                    "budget.cap_yen = 2500000000\n"
                    "budget.max_advance_years = 2\n"
                    "reduction.target_share = 0.15\n"
                    "reduction.years = 30\n"
                    "mc.draws = 10\n"
                    "mc.seed = 18446744073709551615\n"
                    "mc.unit_cost = uniform 0.9 1.1\n",
                    msgs, sizeof msgs) == KOYU_OK);
    CHECK_STR(msgs, "");
    CHECK_STR(sc.name, "what-if");
    CHECK_STR(sc.title, "試算（単価２割増）"); /* as written, not folded */
    CHECK(sc.model == LCC_MODEL_EXTEND80);
    CHECK_NUM(sc.params.lcc.discount_rate, 0.03, 0);
    CHECK_NUM(sc.params.lcc.rebuild_yen_m2[4], 300000, 0); /* 学校教育系 */
    CHECK(sc.params.lcc.target_life[0] == 75);
    CHECK_NUM(scenario_cap(&sc), 2.5e9, 0);
    CHECK(sc.max_advance_years == 2);
    CHECK_NUM(sc.reduction_share, 0.15, 0);
    CHECK(sc.reduction_years == 30);
    CHECK(sc.mc_draws == 10);
    CHECK(sc.mc_seed == 18446744073709551615ULL);
    CHECK_STR(sc.mc_unit_cost, "uniform 0.9 1.1");
    CHECK(sc.mc.unit_cost.kind == UNC_UNIFORM && sc.mc.unit_cost.a == 0.9 &&
          sc.mc.unit_cost.b == 1.1);
    CHECK(sc.mc.draws == 10 && sc.mc.seed == 18446744073709551615ULL);
    CHECK(sc.mc.shift.kind == UNC_NORMAL); /* not given: the default */
    /* the override is noted with its file, for the Assumptions sheet */
    {
        size_t k;
        int found = 0;

        for (k = 0; k < sc.params.nnotes; k++)
            if (strcmp(sc.params.notes[k].key, "discount_rate") == 0)
                found = strcmp(sc.params.notes[k].value, "0.03") == 0;
        CHECK(found);
    }
}

static void
test_scenario_errors(void)
{
    static struct scenario sc;
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"model = mic2\n", ":1: model 'mic2'"},
        {"budget.cap_ratio = 11\n", "budget.cap_ratio '11'"},
        {"budget.cap_yen = -1\n", "budget.cap_yen '-1'"},
        {"budget.max_advance_years = 1.5\n", "budget.max_advance_years '1.5'"},
        {"reduction.target_share = 0.95\n", "reduction.target_share '0.95'"},
        {"reduction.years = 0\n", "reduction.years '0'"},
        {"reduction.years = 41\n", "reduction.years '41'"},
        {"sensitivity = maybe\n", "sensitivity 'maybe'"},
        {"mc.seed = -1\n", "mc.seed '-1'"},
        {"mc.draws = lots\n", "mc.draws 'lots'"},
        {"mc.unit_cost = triangular 1.3 1.0 0.8\n", "mc.unit_cost 'triangular 1.3 1.0 0.8'"},
        {"mc.timing = normal 0 -1\n", "mc.timing 'normal 0 -1'"},
        {"mc.escalation = lognormal 0 1\n", "mc.escalation 'lognormal 0 1'"},
        {"\n\nfoo = 1\n", ":3: 'foo'"},
        {"not a line\n", ":1: 'not a line'"},
        {"title = 0123456789012345678901234567890123456789012345678901234567890123456789"
         "0123456789012345678901234567890123456789012345678901234567890123456789"
         "0123456789012345678901234567890123456789012345678901234567890123456789"
         "0123456789012345678901234567890123456789012345678901234567890123456789"
         "0123456789012345678901234567890123456789012345678901234567890123456789"
         "0123456789012345678901234567890123456789012345678901234567890123456789"
         "0123456789012345678901234567890123456789012345678901234567890123456789"
         "0123456789012345678901234567890123456789\n",
         ":1: '(> 511 bytes)'"},
        {"categories.nowhere.rebuild_yen_m2 = 1\n", "'categories.nowhere.rebuild_yen_m2'"},
        {"categories.school.rebuild_yen_m2 = cheap\n", "categories.school.rebuild_yen_m2 'cheap'"},
        /* a table cell has the range of its file's column */
        {"categories.school.rebuild_yen_m2 = -300000\n",
         "categories.school.rebuild_yen_m2 '-300000'"},
        {"structures.RC.target_life_years = 0\n", "structures.RC.target_life_years '0'"},
        {"structures.RC.extendable = maybe\n", "structures.RC.extendable 'maybe'"},
        {"discount_rate = 2\n", "discount_rate '2'"},
    };
    size_t k;

    {
        /* a NUL byte is an error, never a value cut short */
        static const char nul[] = "horizon_years = 4\0"
                                  "0\n";
        char msgs[2048] = "";

        CHECK(load_text_len(&sc, nul, sizeof nul - 1, msgs, sizeof msgs) == KOYU_ERR_DATA);
        CHECK(strstr(msgs, "s.conf:1") != NULL && strstr(msgs, "(NUL byte)") != NULL);
    }
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char msgs[2048] = "";
        int ok = load_text(&sc, cases[k].text, msgs, sizeof msgs) == KOYU_ERR_DATA &&
                 strstr(msgs, cases[k].want) != NULL && strstr(msgs, "s.conf") != NULL;

        if (!CHECK(ok))
            fprintf(stderr, "    case %zu: %s", k, msgs);
    }
    {
        char msgs[2048] = "";
        static struct params base;
        struct diag d;
        FILE *out = fmemopen(msgs, sizeof msgs, "w");

        diag_init(&d, NULL, KOYU_LANG_EN, 100);
        CHECK(params_load(&base, NULL, &d) == KOYU_OK);
        diag_init(&d, out, KOYU_LANG_EN, 100);
        CHECK(scenario_load(&sc, "/nonexistent/x.conf", &base, &d) == KOYU_ERR_IO);
        fclose(out);
        CHECK(strstr(msgs, "/nonexistent/x.conf") != NULL);
    }
}

static void
test_reduce_plan_path(void)
{
    /* 1,000 ㎡ in all; 20 % = 200 ㎡ over 4 years: 50 ㎡ a year */
    struct reduce_facility f[6] = {
        {400, LCC_KEEP, 10, 0, 0}, {60, LCC_LEASE, 20, 0, 0},  {40, LCC_SELL, 50, 0, 0},
        {70, LCC_SELL, 30, 0, 0},  {330, LCC_REPAIR, 5, 0, 0}, {100, LCC_LEASE, 10, 0, 0},
    };
    struct reduce_options o = {2026, 4, 0.20, 2026};
    struct reduce_result r;

    CHECK(reduce_plan(&o, f, 6, &r) == 0);
    CHECK_NUM(r.start_m2, 1000, 0);
    CHECK_NUM(r.target_m2, 200, 1e-9);
    /* order: sells by hard (70 at 30, then 40 at 50), then leases by hard
     * (100 at 10, 60 at 20); cumulative 70, 110, 210 (crosses 200) */
    CHECK(f[3].exit_year == 2027); /* path 50, 100: reaches 70 in 2027 */
    CHECK(f[2].exit_year == 2028); /* 110: path 150 in 2028 */
    CHECK(f[5].exit_year == 2029); /* min(210, 200): path 200 in 2029 */
    CHECK(f[1].exit_year == 0);    /* not needed */
    CHECK(f[0].exit_year == 0 && f[4].exit_year == 0);
    CHECK_NUM(r.reduced_m2, 210, 0);
    CHECK(r.reached_year == 2029);
    CHECK(r.leaving == 3);
    /* not enough candidates: all leave, the shortfall shows */
    o.share = 0.5;
    CHECK(reduce_plan(&o, f, 6, &r) == 0);
    CHECK_NUM(r.reduced_m2, 270, 0);
    CHECK(r.reached_year == 0);
    CHECK(f[1].exit_year != 0);
    /* never before the first year a disposal can take effect */
    o.share = 0.2;
    o.first_year = 2028;
    CHECK(reduce_plan(&o, f, 6, &r) == 0);
    CHECK(f[3].exit_year == 2028);
    /* a year of the plan's own (policy.csv 実施年度): the lease of 60 ㎡
     * leaves in 2040 and counts first; the path places the rest */
    o.first_year = 2026;
    f[1].planned_year = 2040;
    CHECK(reduce_plan(&o, f, 6, &r) == 0);
    CHECK(f[1].exit_year == 2040);
    CHECK(f[3].exit_year == 2028); /* cumulative 60 + 70 = 130: path 150 in 2028 */
    CHECK(f[2].exit_year == 2029); /* 170: path 200 in 2029 */
    CHECK(f[5].exit_year == 2029); /* 270 crosses the target */
    CHECK_NUM(r.reduced_m2, 270, 0);
    CHECK(r.reached_year == 2029); /* by year: 70 in 2028, 210 in 2029 */
    f[1].planned_year = 0;
    /* equal hard scores: input order.  The sell of 40 ㎡ (f[2]) scored 30
     * ties with the one of 70 ㎡ (f[3]) and, first in the input, leaves
     * first: cumulative 40 (path 50 in 2026), then 110 (path 150 in 2028) */
    f[2].hard = 30;
    CHECK(reduce_plan(&o, f, 6, &r) == 0);
    CHECK(f[2].exit_year == 2026 && f[3].exit_year == 2028);
    {
        /* and the other way round, by index */
        struct reduce_facility g[3] = {
            {900, LCC_KEEP, 10, 0, 0}, {50, LCC_SELL, 30, 0, 0}, {50, LCC_SELL, 30, 0, 0}};
        struct reduce_options og = {2026, 1, 0.05, 2026};

        CHECK(reduce_plan(&og, g, 3, &r) == 0);
        CHECK(g[1].exit_year == 2026 && g[2].exit_year == 0);
    }
}

/* The demo with every shipped scenario, once for the suite. */
static const char *
demo_db(void)
{
    static char db[600];
    static int done;
    char out[16384];

    if (done)
        return db;
    {
        const char *dir = tl_tmpdir("scenario-demo");
        char params[700];
        FILE *fp;

        snprintf(params, sizeof params, "%s/params", dir);
        snprintf(db, sizeof db, "%s/koyu.db", dir);
        tl_sh(out, sizeof out, "mkdir -p '%s'", params);
        strncat(params, "/lcc.conf", sizeof params - strlen(params) - 1);
        fp = fopen(params, "w");
        if (fp) {
            fputs("recent_investment_yen = 3700000000\n", fp);
            fclose(fp);
        }
        params[strlen(params) - 9] = '\0';
        done = tl_sh(out, sizeof out,
                     "%s run --quiet --no-departments --db '%s' --out '%s/out' --year 2026"
                     " --params '%s' --scenario mic --scenario extend80 --scenario kushiro70"
                     " --scenario reduce20 --scenario budget-cap fixtures/kushiro-like",
                     tl_koyu(), db, dir, params) == 0;
        if (!done)
            fprintf(stderr, "%s", out);
    }
    return db;
}

static void
test_scenarios_in_one_run(void)
{
    const char *db = demo_db();

    CHECK(tl_num(db, "SELECT count(*) FROM v_scenarios WHERE year = 2026") == 5);
    CHECK(tl_num(db, "SELECT count(DISTINCT batch) FROM v_scenarios") == 1);
    CHECK(tl_num(db, "SELECT position FROM v_scenarios WHERE scenario = 'mic'") == 0);
    CHECK(tl_num(db, "SELECT position FROM v_scenarios WHERE scenario = 'budget-cap'") == 4);
    CHECK(tl_num(db, "SELECT count(DISTINCT scenario) FROM v_renewal_by_year") == 5);
    CHECK(tl_num(db, "SELECT count(*) FROM v_scenarios WHERE model = 'target-life'"
                     " AND scenario = 'kushiro70'") == 1);
    /* life extension lowers the 40-year total against the baseline */
    CHECK(tl_num(db, "SELECT (SELECT total_yen FROM v_scenarios WHERE scenario = 'extend80')"
                     " < (SELECT total_yen FROM v_scenarios WHERE scenario = 'mic')") == 1);
    /* the demo's 40-year totals, to the yen */
    {
        static const struct {
            const char *name;
            double total;
        } want[] = {{"mic", 441322320666.667},
                    {"extend80", 407750175683.333},
                    {"kushiro70", 423447497333.333},
                    {"reduce20", 399472269633.333},
                    {"budget-cap", 148000000000.0}};
        char sql[256];
        size_t k;

        for (k = 0; k < sizeof want / sizeof want[0]; k++) {
            snprintf(sql, sizeof sql, "SELECT total_yen FROM v_scenarios WHERE scenario = '%s'",
                     want[k].name);
            if (!CHECK_NUM(tl_num(db, sql), want[k].total, 1))
                fprintf(stderr, "    %s\n", want[k].name);
        }
    }
    /* each scenario's views agree with its run, every one of the five */
    CHECK(tl_num(db, "SELECT count(*) FROM v_scenarios s JOIN (SELECT scenario, sum(cost_yen) t"
                     " FROM v_renewal_by_year GROUP BY scenario) v USING (scenario)"
                     " WHERE abs(v.t - s.total_yen) < 1e-3") == 5);
    CHECK(tl_num(db, "SELECT count(*) FROM lcc_runs r JOIN"
                     " (SELECT run_id, sum(cost_yen) s FROM renewal_by_year GROUP BY run_id) t"
                     " ON t.run_id = r.run_id WHERE abs(t.s - r.total_yen) < 1e-3") == 5);
    /* decisions counted per scenario: every facility once, in each */
    CHECK(tl_num(db, "SELECT count(*) FROM v_scenarios"
                     " WHERE keep + repair + rebuild + sell + lease = 547") == 5);
    CHECK(tl_num(db, "SELECT count(*) FROM v_scenarios s WHERE sell = (SELECT count(*)"
                     " FROM v_facility_result f WHERE f.scenario = s.scenario"
                     " AND f.decision = 'sell')") == 5);
    /* a scenario without levers leaves their columns NULL */
    CHECK(tl_num(db, "SELECT count(*) FROM v_scenarios WHERE scenario = 'mic'"
                     " AND budget_cap_yen IS NULL AND reduced_m2 IS NULL") == 1);
}

/* The demo's consolidation pairs: each source (let or sold for low use)
 * placed into a receiver of its district that stays in service with a sound
 * building, whose room covers every source it takes. */
static void
test_consolidation_end_to_end(void)
{
    const char *db = demo_db();
    const char *pairs = "FROM consolidations c JOIN lcc_runs r ON r.run_id = c.run_id"
                        " AND r.scenario = 'mic'"
                        " JOIN facilities s ON s.year = 2026 AND s.facility_id = c.facility_id"
                        " JOIN facilities t ON t.year = 2026"
                        "  AND t.facility_id = c.receiving_facility_id"
                        " JOIN facility_assessment sa ON sa.run_id = c.run_id"
                        "  AND sa.facility_id = s.facility_id"
                        " JOIN facility_assessment ta ON ta.run_id = c.run_id"
                        "  AND ta.facility_id = t.facility_id";
    char sql[1400];
    double n;

    snprintf(sql, sizeof sql, "SELECT count(*) %s", pairs);
    n = tl_num(db, sql);
    CHECK(n == 28);
    snprintf(
        sql, sizeof sql,
        "SELECT count(*) %s WHERE s.district = t.district"
        " AND sa.decision IN ('sell', 'lease') AND sa.rule IN ('R5_lease', 'R6_sell', 'R6_lease')"
        " AND ta.decision IN ('keep', 'repair', 'rebuild') AND ta.hard_low = 0"
        " AND c.users <= c.receiver_room"
        " AND sa.function = c.kind"
        " AND (c.kind = 'combine' OR s.subcategory = t.subcategory)",
        pairs);
    CHECK(tl_num(db, sql) == n);
    /* 集約化 and 複合化 both found; a receiver's room is never counted twice:
     * what it takes in all stays within the room it had first */
    CHECK(tl_num(db, "SELECT count(*) FROM v_consolidation WHERE scenario = 'mic'"
                     " AND kind = 'consolidate'") == 22);
    CHECK(tl_num(db, "SELECT count(*) FROM v_consolidation WHERE scenario = 'mic'"
                     " AND kind = 'combine'") == 6);
    CHECK(tl_num(db, "SELECT count(*) FROM (SELECT c.receiving_facility_id, sum(c.users) taken,"
                     " max(c.receiver_room) first FROM consolidations c JOIN lcc_runs r"
                     " ON r.run_id = c.run_id AND r.scenario = 'mic'"
                     " GROUP BY c.receiving_facility_id) WHERE taken > first + 1e-6") == 0);
    CHECK(tl_num(db, "SELECT count(DISTINCT c.receiving_facility_id) FROM consolidations c"
                     " JOIN lcc_runs r ON r.run_id = c.run_id AND r.scenario = 'mic'") < n);
    /* the type policy it sorted by is stored with its sources (the
     * Assumptions sheet lists it) */
    CHECK(tl_num(db, "SELECT count(*) FROM lcc_params p JOIN lcc_runs r ON r.run_id = p.run_id"
                     " AND r.scenario = 'mic' WHERE p.file = 'types.csv'"
                     " AND p.source LIKE '[%]%'") == 8);
    CHECK(tl_num(db, "SELECT count(*) FROM lcc_params p JOIN lcc_runs r ON r.run_id = p.run_id"
                     " AND r.scenario = 'mic' WHERE p.key = 'types.公営住宅.sell'"
                     " AND p.value = 'review'") == 1);
    /* the view's reason names both */
    CHECK(tl_num(db, "SELECT count(*) FROM v_consolidation WHERE scenario = 'mic'"
                     " AND instr(reason, facility_id) = 1"
                     " AND instr(reason, receiving_facility_id) > 0") == n);
}

static void
test_reduction_end_to_end(void)
{
    const char *db = demo_db();
    const double start =
        tl_num(db, "SELECT floor_area_m2 FROM lcc_runs WHERE scenario = 'reduce20'");
    const double target =
        tl_num(db, "SELECT reduction_target_m2 FROM lcc_runs WHERE scenario = 'reduce20'");
    const double sell_lease =
        tl_num(db, "SELECT sum(x.floor_area_m2) FROM facility_assessment a JOIN lcc_runs r"
                   " ON r.run_id = a.run_id JOIN facility_results x ON x.run_id = a.run_id"
                   " AND x.facility_id = a.facility_id"
                   " WHERE r.scenario = 'reduce20' AND a.decision IN ('sell', 'lease')");

    CHECK_NUM(start, 1117103.2, 1e-6);
    CHECK_NUM(target, 0.2 * start, 1e-6);
    /* the demo's sell and lease decisions cover 11.9 %: all of them leave */
    CHECK_NUM(sell_lease, 132918.3, 1e-6);
    CHECK(sell_lease < target);
    CHECK_NUM(tl_num(db, "SELECT reduced_m2 FROM lcc_runs WHERE scenario = 'reduce20'"), sell_lease,
              1e-6);
    CHECK_NUM(tl_num(db, "SELECT end_floor_area_m2 FROM lcc_runs WHERE scenario = 'reduce20'"),
              start - sell_lease, 1e-6);
    /* the floor area path: 40 years, never rising, ending at the end's */
    CHECK(tl_num(db, "SELECT count(*) FROM scenario_by_year y JOIN lcc_runs r"
                     " ON r.run_id = y.run_id WHERE r.scenario = 'reduce20'") == 40);
    CHECK(tl_num(db, "SELECT count(*) FROM scenario_by_year a JOIN scenario_by_year b"
                     " ON a.run_id = b.run_id AND b.fiscal_year = a.fiscal_year + 1"
                     " JOIN lcc_runs r ON r.run_id = a.run_id WHERE r.scenario = 'reduce20'"
                     " AND b.floor_area_m2 <= a.floor_area_m2 + 1e-6") == 39);
    CHECK_NUM(tl_num(db, "SELECT y.floor_area_m2 FROM scenario_by_year y JOIN lcc_runs r"
                         " ON r.run_id = y.run_id WHERE r.scenario = 'reduce20'"
                         " AND y.fiscal_year = 2065"),
              start - sell_lease, 1e-6);
    /* the exits are the facilities sorted to sell (60) and lease (43) */
    CHECK(tl_num(db, "SELECT count(*) FROM reduction_exits x JOIN lcc_runs r"
                     " ON r.run_id = x.run_id WHERE r.scenario = 'reduce20'") == 60 + 43);
    CHECK(tl_num(db,
                 "SELECT count(*) FROM reduction_exits x JOIN lcc_runs r"
                 " ON r.run_id = x.run_id JOIN facility_assessment a ON a.run_id = x.run_id"
                 " AND a.facility_id = x.facility_id WHERE r.scenario = 'reduce20'"
                 " AND a.decision = x.decision AND x.decision IN ('sell', 'lease')") == 60 + 43);
    CHECK_NUM(tl_num(db, "SELECT sum(x.floor_area_m2) FROM reduction_exits x JOIN lcc_runs r"
                         " ON r.run_id = x.run_id WHERE r.scenario = 'reduce20'"),
              sell_lease, 1e-6);
    /* renewals avoided = the baseline's total less this one's */
    CHECK_NUM(tl_num(db, "SELECT renewal_avoided_yen FROM lcc_runs WHERE scenario = 'reduce20'"),
              tl_num(db, "SELECT (SELECT total_yen FROM lcc_runs WHERE scenario = 'mic')"
                         " - (SELECT total_yen FROM lcc_runs WHERE scenario = 'reduce20')"),
              1);
    CHECK_NUM(tl_num(db, "SELECT renewal_avoided_yen FROM lcc_runs WHERE scenario = 'reduce20'"),
              441322320666.667 - 399472269633.333, 1);
    CHECK_NUM(tl_num(db, "SELECT sum(x.renewal_avoided_yen) FROM reduction_exits x JOIN lcc_runs r"
                         " ON r.run_id = x.run_id WHERE r.scenario = 'reduce20'"),
              tl_num(db, "SELECT renewal_avoided_yen FROM lcc_runs WHERE scenario = 'reduce20'"),
              1);
}

static void
test_leveling_end_to_end(void)
{
    const char *db = demo_db();

    CHECK_NUM(tl_num(db, "SELECT budget_cap_yen FROM lcc_runs WHERE scenario = 'budget-cap'"),
              3.7e9, 0);
    /* no year over the cap, of the 40 */
    CHECK(tl_num(db, "SELECT count(*) FROM scenario_by_year y JOIN lcc_runs r"
                     " ON r.run_id = y.run_id WHERE r.scenario = 'budget-cap'") == 40);
    CHECK(tl_num(db, "SELECT count(*) FROM scenario_by_year y JOIN lcc_runs r"
                     " ON r.run_id = y.run_id WHERE r.scenario = 'budget-cap'"
                     " AND y.renewal_yen <= y.cap_yen * (1 + 1e-12)") == 40);
    /* a third of the baseline's average need: the backlog never clears, so
     * the cap binds and is spent in every year */
    CHECK(tl_num(db, "SELECT cap_binding_years FROM lcc_runs WHERE scenario = 'budget-cap'") == 40);
    CHECK(tl_num(db, "SELECT count(*) FROM scenario_by_year y JOIN lcc_runs r"
                     " ON r.run_id = y.run_id WHERE r.scenario = 'budget-cap'"
                     " AND abs(y.renewal_yen - y.cap_yen) < 1e-3") == 40);
    CHECK_NUM(tl_num(db, "SELECT total_yen FROM lcc_runs WHERE scenario = 'budget-cap'"),
              40 * 3.7e9, 1e-3);
    CHECK_NUM(tl_num(db, "SELECT backlog_yen FROM lcc_runs WHERE scenario = 'budget-cap'"),
              216621342666.667, 1);
    /* the plan is the baseline's need */
    CHECK_NUM(tl_num(db, "SELECT planned_total_yen FROM lcc_runs WHERE scenario = 'budget-cap'"),
              tl_num(db, "SELECT total_yen FROM lcc_runs WHERE scenario = 'mic'"), 1);
    /* paid + backlog = plan + cost of deferral */
    CHECK_NUM(tl_num(db, "SELECT total_yen + backlog_yen - planned_total_yen - deferral_cost_yen"
                         " FROM lcc_runs WHERE scenario = 'budget-cap'"),
              0, 1);
    /* the demo's works that did not go as planned: 1,035 deferred, 797
     * converted (renovations turned rebuilds) and the 797 rebuilds they
     * made unnecessary, dropped; deferred_works counts the first two */
    CHECK(tl_num(db,
                 "SELECT count(*) FROM deferred_works d JOIN lcc_runs r"
                 " ON r.run_id = d.run_id WHERE r.scenario = 'budget-cap'") == 1035 + 797 + 797);
    CHECK(tl_num(db, "SELECT count(*) FROM deferred_works d JOIN lcc_runs r"
                     " ON r.run_id = d.run_id WHERE r.scenario = 'budget-cap'"
                     " AND d.state = 'deferred'") == 1035);
    CHECK(tl_num(db, "SELECT count(*) FROM deferred_works d JOIN lcc_runs r"
                     " ON r.run_id = d.run_id WHERE r.scenario = 'budget-cap'"
                     " AND d.state = 'converted'") == 797);
    CHECK(tl_num(db, "SELECT deferred_works FROM lcc_runs WHERE scenario = 'budget-cap'") ==
          1035 + 797);
    /* nothing paid before it was due; every conversion with its year (the
     * end of the building's unextended life, which its reason names) */
    CHECK(tl_num(db, "SELECT count(*) FROM deferred_works d JOIN lcc_runs r"
                     " ON r.run_id = d.run_id WHERE r.scenario = 'budget-cap'"
                     " AND (d.start_year IS NULL OR d.start_year >= d.due_year)"
                     " AND (d.state = 'converted') = (d.deadline_year IS NOT NULL)") ==
          1035 + 797 + 797);
    CHECK(tl_num(db, "SELECT cap_binding_years FROM lcc_runs WHERE scenario = 'budget-cap'") ==
          tl_num(db, "SELECT sum(cap_binding) FROM scenario_by_year y JOIN lcc_runs r"
                     " ON r.run_id = y.run_id WHERE r.scenario = 'budget-cap'"));
}

static void
test_scenario_sheets_in_libreoffice(void)
{
    const char *db = demo_db();
    const char *dir = tl_tmpdir("scenario-sheets");
    static const char *const names[] = {"mic", "extend80", "kushiro70", "reduce20", "budget-cap"};
    char out[4096], csv[800], sql[256];
    size_t k;

    /* every cached value 0: the figures below are LibreOffice's own */
    CHECK(tl_sh(out, sizeof out,
                "KOYU_TEST_ZERO_CACHE=1 %s report --quiet --no-departments --db '%s' --year 2026"
                " --out '%s/out' && sh tests/xlsx_sheets.sh '%s/out/assessment-2026.xlsx' '%s/csv'"
                " && python3 tests/xlsx_check.py '%s/out/assessment-2026.xlsx'",
                tl_koyu(), db, dir, dir, dir, dir) == 0);
    snprintf(csv, sizeof csv, "%s/csv/assessment-2026-シナリオ比較.csv", dir);
    for (k = 0; k < 5; k++) {
        /* the total is a SUM over the yearly table; the average its 40th */
        snprintf(sql, sizeof sql, "SELECT total_yen FROM lcc_runs WHERE scenario = '%s'", names[k]);
        CHECK_NUM(tl_csv_num(csv, names[k], 1, 3), tl_num(db, sql), 1e-3);
        CHECK_NUM(tl_csv_num(csv, names[k], 1, 4), tl_num(db, sql) / 40, 1e-3);
        snprintf(sql, sizeof sql, "SELECT peak_yen FROM lcc_runs WHERE scenario = '%s'", names[k]);
        CHECK_NUM(tl_csv_num(csv, names[k], 1, 6), tl_num(db, sql), 1e-3);
        /* (the leveled scenario spends the cap every year: its peak year is a tie) */
        snprintf(sql, sizeof sql, "SELECT peak_year FROM lcc_runs WHERE scenario = '%s'", names[k]);
        if (k != 4 && !CHECK(tl_csv_num(csv, names[k], 1, 5) == tl_num(db, sql)))
            fprintf(stderr, "    %s\n", names[k]);
        snprintf(sql, sizeof sql, "SELECT sell FROM v_scenarios WHERE scenario = '%s'", names[k]);
        CHECK(tl_csv_num(csv, names[k], 1, 15) == tl_num(db, sql));
        /* the difference from the baseline */
        snprintf(sql, sizeof sql,
                 "SELECT (SELECT total_yen FROM lcc_runs WHERE scenario = '%s')"
                 " - (SELECT total_yen FROM lcc_runs WHERE scenario = 'mic')",
                 names[k]);
        CHECK_NUM(tl_csv_num(csv, names[k], 2, 3), tl_num(db, sql), 1e-3);
    }
    /* the tornado: unit costs x1.2 is 1.2 times the total, exactly */
    snprintf(csv, sizeof csv, "%s/csv/assessment-2026-感度分析.csv", dir);
    CHECK_NUM(tl_csv_num(csv, "単価（倍率）", 1, 4),
              1.2 * tl_num(db, "SELECT total_yen FROM lcc_runs WHERE scenario = 'mic'"), 1);
    CHECK_NUM(tl_csv_num(csv, "単価（倍率）", 1, 5),
              0.4 * tl_num(db, "SELECT total_yen FROM lcc_runs WHERE scenario = 'mic'"), 1);
    CHECK(tl_csv_num(csv, "割引率", 1, 5) == 0);
    /* Monte Carlo: the stored percentiles */
    snprintf(csv, sizeof csv, "%s/csv/assessment-2026-モンテカルロ.csv", dir);
    CHECK_NUM(tl_csv_num(csv, "40年総額（円）", 1, 3),
              tl_num(db, "SELECT p50_yen FROM mc_summary m JOIN lcc_runs r ON r.run_id = m.run_id"
                         " WHERE r.scenario = 'mic' AND measure = 'total'"),
              1e-3);
    /* leveling: the plan's total row, recalculated */
    snprintf(csv, sizeof csv, "%s/csv/assessment-2026-平準化.csv", dir);
    CHECK_NUM(tl_csv_num(csv, "合計", 1, 1),
              tl_num(db, "SELECT planned_total_yen FROM lcc_runs WHERE scenario = 'budget-cap'"),
              1);
    CHECK_NUM(tl_csv_num(csv, "合計", 1, 2),
              tl_num(db, "SELECT total_yen FROM lcc_runs WHERE scenario = 'budget-cap'"), 1);
    CHECK(tl_sh(out, sizeof out, "grep -c '^budget-cap,F' '%s'", csv) == 0);
    CHECK(atoi(out) == 1035 + 797 + 797);
    CHECK(tl_num(db, "SELECT count(*) FROM deferred_works") == 1035 + 797 + 797);
    /* reduction: every exit, their floor area adding up */
    snprintf(csv, sizeof csv, "%s/csv/assessment-2026-縮減.csv", dir);
    CHECK_NUM(tl_csv_num(csv, "合計", 1, 6),
              tl_num(db, "SELECT reduced_m2 FROM lcc_runs WHERE scenario = 'reduce20'"), 1e-6);
    /* robustness: one row per facility */
    snprintf(csv, sizeof csv, "%s/csv/assessment-2026-頑健性.csv", dir);
    CHECK(tl_sh(out, sizeof out, "grep -c '^F' '%s'", csv) == 0);
    CHECK(atoi(out) == 547);
    /* a workbook per scenario only when asked */
    CHECK(tl_sh(out, sizeof out, "ls '%s/out' | grep -c xlsx", dir) == 0);
    CHECK(atoi(out) == 1);
    CHECK(tl_sh(out, sizeof out,
                "%s report --quiet --no-departments --each-scenario --db '%s' --year 2026"
                " --out '%s/each' > /dev/null && ls '%s/each' | tr '\\n' ' '",
                tl_koyu(), db, dir, dir) == 0);
    CHECK_STR(out, "assessment-2026-budget-cap.xlsx assessment-2026-extend80.xlsx "
                   "assessment-2026-kushiro70.xlsx assessment-2026-reduce20.xlsx "
                   "assessment-2026.xlsx ");
}

/* Costs that rise 2 % a year: every year of the projection at its own
 * prices, 1.02^k times the constant-price amount of year Y0 + k. */
static void
test_renewal_escalation_in_the_projection(void)
{
    const char *dir = tl_tmpdir("scenario-escalation");
    char out[4096], db[700], sql[256];
    double want = 0, plain = 0;
    FILE *fp;
    int y;

    snprintf(db, sizeof db, "%s/rise2.conf", dir);
    fp = fopen(db, "w");
    if (!CHECK(fp != NULL))
        return;
    fputs("title_en = costs rise 2 % a year\nrenewal_escalation_rate = 0.02\n", fp);
    fclose(fp);
    /* the same under a cap that never binds */
    snprintf(db, sizeof db, "%s/rise2cap.conf", dir);
    fp = fopen(db, "w");
    if (!CHECK(fp != NULL))
        return;
    fputs("renewal_escalation_rate = 0.02\nbudget.cap_yen = 1e14\n", fp);
    fclose(fp);
    CHECK(tl_sh(out, sizeof out,
                "%s run --quiet --no-departments --no-uncertainty --out '%s/o' --year 2026"
                " --scenario mic --scenario '%s/rise2.conf' --scenario '%s/rise2cap.conf'"
                " fixtures/cases/good",
                tl_koyu(), dir, dir, dir) == 0);
    snprintf(db, sizeof db, "%s/o/koyu.db", dir);
    for (y = 0; y < 40; y++) {
        snprintf(sql, sizeof sql,
                 "SELECT TOTAL(cost_yen) FROM v_renewal_by_year WHERE scenario = 'mic'"
                 " AND fiscal_year = %d",
                 2026 + y);
        plain += tl_num(db, sql);
        want += tl_num(db, sql) * pow(1.02, y);
    }
    /* the 40 years hold all of mic's 5,142M (test_run has it by hand) */
    CHECK_NUM(plain, 5142000000, 1e-3);
    CHECK_NUM(tl_num(db, "SELECT total_yen FROM lcc_runs WHERE scenario = 'rise2'"), want,
              want * 1e-12);
    CHECK(tl_num(db, "SELECT total_yen FROM lcc_runs WHERE scenario = 'rise2'") >
          tl_num(db, "SELECT total_yen FROM lcc_runs WHERE scenario = 'mic'"));
    /* leveling pays each year's share at that year's prices: a cap that
     * never binds leaves every year of the plan as it was */
    CHECK(tl_num(db, "SELECT cap_binding_years FROM lcc_runs WHERE scenario = 'rise2cap'") == 0);
    CHECK(tl_num(db, "SELECT count(*) FROM scenario_by_year y"
                     " JOIN lcc_runs r ON r.run_id = y.run_id WHERE r.scenario = 'rise2cap'"
                     " AND abs(y.renewal_yen - y.planned_yen) < 1e-3") == 40);
    CHECK(tl_num(db, "SELECT count(*) FROM scenario_by_year y"
                     " JOIN lcc_runs r ON r.run_id = y.run_id JOIN scenario_by_year m"
                     " ON m.fiscal_year = y.fiscal_year JOIN lcc_runs q ON q.run_id = m.run_id"
                     " WHERE r.scenario = 'rise2cap' AND q.scenario = 'rise2'"
                     " AND abs(y.renewal_yen - m.renewal_yen) < 1e-3") == 40);
    CHECK_NUM(tl_num(db, "SELECT total_yen FROM lcc_runs WHERE scenario = 'rise2cap'"), want,
              want * 1e-12);
}

/* Past a sheet's last row a list goes on in "<sheet> (2)", "(3)" ...:
 * with the limit lowered to 4 rows, every building and every deferred
 * work is still in the workbook, once. */
static void
test_long_lists_go_on_in_new_sheets(void)
{
    const char *dir = tl_tmpdir("scenario-rows");
    char out[4096], path[700];
    FILE *fp;
    double works;

    snprintf(path, sizeof path, "%s/tight.conf", dir);
    fp = fopen(path, "w");
    if (!CHECK(fp != NULL))
        return;
    fputs("budget.cap_yen = 100000000\n", fp);
    fclose(fp);
    CHECK(tl_sh(out, sizeof out,
                "KOYU_TEST_MAX_ROWS=4 KOYU_TEST_ZERO_CACHE=1 %s run --quiet --no-departments"
                " --no-uncertainty"
                " --out '%s/o' --year 2026 --scenario '%s' fixtures/cases/good > /dev/null"
                " && sh tests/xlsx_sheets.sh '%s/o/assessment-2026-tight.xlsx' '%s/csv'"
                " && python3 tests/xlsx_check.py '%s/o/assessment-2026-tight.xlsx'",
                tl_koyu(), dir, path, dir, dir, dir) == 0);
    snprintf(path, sizeof path, "%s/o/koyu.db", dir);
    /* 100M a year against 5,142M: 2026-27 owe only the three backlog
     * renovations (98.6M), from 2028 the cap binds every year and every
     * other work, due from 2028 on, waits: B001, B003, B004, B005, B006,
     * B007 rebuilds, B002 renovation and rebuild, B008 renovation */
    works = tl_num(path, "SELECT count(*) FROM deferred_works");
    CHECK(works == 9);
    CHECK(tl_num(path, "SELECT count(*) FROM deferred_works WHERE state = 'deferred'") == 9);
    CHECK(tl_num(path, "SELECT cap_binding_years FROM lcc_runs") == 38);
    CHECK_NUM(tl_num(path, "SELECT total_yen FROM lcc_runs"), 40 * 100e6 - 2 * 1.4e6, 1e-3);
    CHECK_NUM(tl_num(path, "SELECT backlog_yen FROM lcc_runs"), 5142e6 - (40 * 100e6 - 2 * 1.4e6),
              1e-3);
    CHECK(tl_sh(out, sizeof out, "cat '%s/csv/'*'棟一覧'*.csv | grep -c '^B0'", dir) == 0);
    CHECK(atoi(out) == 8);
    CHECK(tl_sh(out, sizeof out, "ls '%s/csv' | grep -c '棟一覧 (3)'", dir) == 0);
    CHECK(atoi(out) == 1);
    CHECK(tl_sh(out, sizeof out, "cat '%s/csv/'*'平準化'*.csv | grep -c '^tight,F'", dir) == 0);
    CHECK(atoi(out) == works);
    CHECK(tl_sh(out, sizeof out, "ls '%s/csv' | grep -c '平準化 (2)'", dir) == 0);
    CHECK(atoi(out) == 1);
    /* the facility sheets too (3 rows a sheet: 5 facilities on 2), and the
     * summary's formulas, recalculated, span both */
    CHECK(tl_sh(out, sizeof out, "cat '%s/csv/'*'施設一覧'*.csv | grep -c '^F00'", dir) == 0);
    CHECK(atoi(out) == 5);
    CHECK(tl_sh(out, sizeof out, "ls '%s/csv' | grep -c '施設一覧 (2)\\|LCC比較 (2)'", dir) == 0);
    CHECK(atoi(out) == 2);
    snprintf(path, sizeof path, "%s/csv/assessment-2026-tight-概要.csv", dir);
    CHECK(tl_csv_num(path, "施設数", 1, 1) == 5);
    CHECK(tl_csv_num(path, "棟数", 1, 1) == 8);
    CHECK_NUM(tl_csv_num(path, "延床面積（㎡）", 1, 1), 13205, 1e-6);
    snprintf(out, sizeof out, "%s/o/koyu.db", dir);
    /* F001 and F002 are rebuilt, F003 (46 years, 旧耐震・未補強) repaired with
     * its 耐震補強 (a lever does not change the sorting) */
    CHECK(tl_num(out, "SELECT count(*) FROM facility_assessment WHERE decision = 'rebuild'") == 2);
    CHECK(tl_csv_num(path, "建替", 1, 1) == 2);
    CHECK_NUM(tl_num(out, "SELECT sum(x.floor_area_m2) FROM facility_assessment a JOIN"
                          " facility_results x USING (run_id, facility_id)"
                          " WHERE a.decision = 'rebuild'"),
              1354.5 + 6000, 1e-6);
    CHECK_NUM(tl_csv_num(path, "建替", 1, 2), 1354.5 + 6000, 1e-6);
    CHECK(tl_csv_num(path, "改修", 1, 1) == 1);
}

/* A reduction with nothing sorted to sell or lease: no exit, a shortfall
 * said, and totals that are numbers, not a sum over themselves. */
static void
test_reduction_without_candidates(void)
{
    const char *dir = tl_tmpdir("scenario-nothing-to-sell");
    char out[4096], csv[800];

    CHECK(tl_sh(out, sizeof out,
                "mkdir -p '%s/inv' && cp fixtures/cases/good/*.csv '%s/inv/' &&"
                " printf '施設番号,方針,理由\\nF001,維持,\\nF002,維持,\\nF003,維持,\\nF004,維持,\\n"
                "F005,維持,\\n' > '%s/inv/policy.csv' &&"
                " KOYU_TEST_ZERO_CACHE=1 %s run --quiet --no-departments --no-uncertainty"
                " --out '%s/o' --year 2026 --scenario reduce20 '%s/inv' > /dev/null &&"
                " sh tests/xlsx_sheets.sh '%s/o/assessment-2026-reduce20.xlsx' '%s/csv'",
                dir, dir, dir, tl_koyu(), dir, dir, dir, dir) == 0);
    snprintf(out, sizeof out, "%s/o/koyu.db", dir);
    CHECK(tl_num(out, "SELECT reduced_m2 FROM lcc_runs") == 0);
    CHECK(tl_num(out, "SELECT count(*) FROM reduction_exits") == 0);
    snprintf(csv, sizeof csv, "%s/csv/assessment-2026-reduce20-縮減.csv", dir);
    CHECK(tl_csv_num(csv, "合計", 1, 6) == 0);
    CHECK(tl_sh(out, sizeof out, "grep -c 'Err:' '%s'", csv) == 1);
    CHECK(tl_sh(out, sizeof out, "grep -c '届きません' '%s'", csv) == 0);
}

static void
test_scenario_cli_errors(void)
{
    const char *dir = tl_tmpdir("scenario-cli");
    char out[4096];

    CHECK(tl_sh(out, sizeof out,
                "%s run --out '%s/o' --year 2026 --scenario nosuch"
                " fixtures/cases/good",
                tl_koyu(), dir) == 2);
    CHECK(strstr(out, "nosuch") && strstr(out, "reduce20"));
    CHECK(tl_sh(out, sizeof out,
                "%s run --out '%s/o' --year 2026 --scenario mic --scenario mic"
                " fixtures/cases/good",
                tl_koyu(), dir) == 2);
    CHECK(tl_sh(out, sizeof out,
                "%s run --out '%s/o' --year 2026 --scenario mic --model extend80"
                " fixtures/cases/good",
                tl_koyu(), dir) == 2);
    /* a cap as a multiple of an unknown investment level stops before any work */
    CHECK(tl_sh(out, sizeof out,
                "%s run --out '%s/o' --year 2026 --scenario budget-cap"
                " fixtures/cases/good",
                tl_koyu(), dir) == 1);
    CHECK(strstr(out, "recent_investment_yen") != NULL);
    CHECK(tl_sh(out, sizeof out, "test -e '%s/o/koyu.db'", dir) != 0);
}

void
suite_scenario(void)
{
    RUN(test_scenario_shipped);
    RUN(test_scenario_overrides);
    RUN(test_scenario_errors);
    RUN(test_reduce_plan_path);
}

/* Scenarios run through the command line, their results and sheets. */
void
suite_scenario_run(void)
{
    RUN(test_scenarios_in_one_run);
    RUN(test_reduction_end_to_end);
    RUN(test_consolidation_end_to_end);
    RUN(test_leveling_end_to_end);
    RUN(test_scenario_sheets_in_libreoffice);
    RUN(test_renewal_escalation_in_the_projection);
    RUN(test_long_lists_go_on_in_new_sheets);
    RUN(test_reduction_without_candidates);
    RUN(test_scenario_cli_errors);
}
