/* main.c - koyu's command line: argument parsing and orchestration only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "koyu/inventory/blank.h"
#include "koyu/core/diag.h"
#include "koyu/core/errors.h"
#include "koyu/inventory/importer.h"
#include "koyu/engine/lcc.h"
#include "koyu/run/run.h"
#include "koyu/run/params.h"
#include "koyu/report/report.h"
#include "koyu/run/scenario.h"
#include "koyu/inventory/loader.h"
#include "koyu/core/outfile.h"
#include "koyu/store/store.h"
#include "koyu/core/text.h"
#include "koyu/core/version.h"
#include "koyu/core/vocab.h"
#include "koyu/core/msg.h"

/* Errors printed per file before "N more errors". */
#define MAIN_DEFAULT_MAX_ERRORS 100

struct main_opts {
    enum koyu_lang lang;
    const char *db;
    const char *out;
    const char *dir;
    int year;          /* 0 = not given */
    int force;
    long max_errors;
    enum loader_encoding encoding;
    const char *params;  /* --params DIR */
    int model;           /* enum lcc_model */
    int detail;          /* --detail */
    int run;             /* the run command: import, then the engine */
    const char *scenario; /* report --scenario; run: the first (baseline) */
    const char *scenarios[SCENARIO_MAX]; /* run/assess --scenario, in order */
    int nscenarios;
    int model_given;     /* --model on the command line */
    int no_departments;  /* --no-departments */
    int quiet;           /* --quiet: no progress lines */
    int no_uncertainty;  /* --no-uncertainty: skip sensitivity and Monte Carlo */
    int each_scenario;   /* --each-scenario: a workbook per scenario */
};

static const char main_usage_ja[] =
    "使い方: koyu [--lang ja|en] <コマンド> [オプション]\n"
    "\n"
    "コマンド:\n"
    "  run      --out DIR --year YYYY [--db FILE] [--scenario S]... [--model M]\n"
    "           [--params DIR] [--detail] [--no-uncertainty] 台帳DIR\n"
    "           取り込み・ライフサイクルコスト・評価・仕分けの一連の処理\n"
    "           （--db 省略時は DIR/koyu.db）\n"
    "  import   --db FILE --year YYYY 台帳DIR   台帳をデータベースに取り込む\n"
    "  assess   --db FILE --year YYYY [--scenario S]... [--model M] [--params DIR]\n"
    "           取り込み済みの台帳でライフサイクルコスト・評価・仕分けを行う\n"
    "  check    [--year YYYY] 台帳DIR           検証のみ（何も書き込まない）\n"
    "  report   --db FILE --year YYYY --out DIR [--scenario S] [--no-departments]\n"
    "           [--each-scenario]\n"
    "           評価結果の Excel（assessment-<年度>.xlsx と所管課別）を書き出す\n"
    "  template --out DIR [--force]             記入用の空のテンプレートを書き出す\n"
    "\n"
    "共通オプション:\n"
    "  --scenario S      シナリオ（同梱: mic, extend80, kushiro70, reduce20, budget-cap、\n"
    "                    またはファイル）。複数指定でき、先頭が比較の基準（既定 mic）\n"
    "  --no-uncertainty  感度分析・モンテカルロを省く（大規模な台帳の試行に）\n"
    "  --each-scenario   シナリオごとの評価結果 Excel も書き出す\n"
    "  --model M         更新費用の推計モデル: mic（総務省、既定）, extend80（80年の\n"
    "                    長寿命化）, target-life（構造別の目標使用年数、70年）\n"
    "  --params DIR      パラメータ（lcc.conf, categories.csv, structures.csv）を\n"
    "                    既定値の代わりに DIR から読む（記載したキーだけ上書き）\n"
    "  --detail          棟別・年度別の更新費用も保存する（renewal_schedule 表）\n"
    "  --year YYYY       推計の初年度 Y0（西暦または和暦 R8 など）。台帳はこの年度の\n"
    "                    スナップショットとして保存され、建築年度は Y0 以前である必要がある\n"
    "  --encoding ENC    auto（既定: UTF-8 と CP932 を自動判定）, utf-8, cp932\n"
    "  --max-errors N    ファイルごとに表示するエラー・警告の上限（既定 100）\n"
    "  --lang ja|en      メッセージと Excel の言語（既定 ja、環境変数 KOYU_LANG も可）\n"
    "  --quiet           端末に進捗を表示しない\n"
    "  --help, --version\n"
    "\n"
    "終了コード: 0 正常、1 データまたは処理のエラー、2 使い方の誤り\n";

static const char main_usage_en[] =
    "usage: koyu [--lang ja|en] <command> [options]\n"
    "\n"
    "commands:\n"
    "  run      --out DIR --year YYYY [--db FILE] [--scenario S]... [--model M]\n"
    "           [--params DIR] [--detail] [--no-uncertainty] INVENTORY_DIR\n"
    "           the whole pipeline: import, life-cycle costs, scores, sorting\n"
    "           (database defaults to DIR/koyu.db)\n"
    "  import   --db FILE --year YYYY INVENTORY_DIR   load an inventory\n"
    "  assess   --db FILE --year YYYY [--scenario S]... [--model M] [--params DIR]\n"
    "           life-cycle costs, scores and sorting of an imported inventory\n"
    "  check    [--year YYYY] INVENTORY_DIR           validate only; writes nothing\n"
    "  report   --db FILE --year YYYY --out DIR [--scenario S] [--no-departments]\n"
    "           [--each-scenario]\n"
    "           write the workbooks (assessment-<year>.xlsx, one per department)\n"
    "  template --out DIR [--force]                   write blank input templates\n"
    "\n"
    "options:\n"
    "  --scenario S      a scenario (shipped: mic, extend80, kushiro70, reduce20,\n"
    "                    budget-cap; or a file); repeatable, the first is the\n"
    "                    baseline of the comparison (default mic)\n"
    "  --no-uncertainty  skip the sensitivity analysis and the Monte Carlo\n"
    "  --each-scenario   also an assessment workbook for every other scenario\n"
    "  --model M         renewal model: mic (総務省, default), extend80 (80-year\n"
    "                    life extension), target-life (target life by structure)\n"
    "  --params DIR      read parameters (lcc.conf, categories.csv, structures.csv)\n"
    "                    from DIR over the defaults, key by key\n"
    "  --detail          also store the renewal cost of every building and year\n"
    "  --year YYYY       first year of the projection, Y0 (also 和暦 such as R8);\n"
    "                    the inventory is stored as that year's snapshot and no\n"
    "                    built year may be later\n"
    "  --encoding ENC    auto (default: detect UTF-8 or CP932), utf-8, cp932\n"
    "  --max-errors N    errors and warnings shown per file (default 100)\n"
    "  --lang ja|en      language of messages and workbooks (default ja; or KOYU_LANG)\n"
    "  --quiet           no progress lines on a terminal\n"
    "  --help, --version\n"
    "\n"
    "exit status: 0 ok, 1 data or processing error, 2 usage error\n";

static void
main_usage(FILE *fp, enum koyu_lang lang)
{
    fputs(lang == KOYU_LANG_EN ? main_usage_en : main_usage_ja, fp);
}

static int
main_usage_error(const struct main_opts *o, const char *what, const char *arg)
{
    if (o->lang == KOYU_LANG_EN)
        fprintf(stderr, "koyu: %s%s%s%s\n", what, arg ? " '" : "", arg ? arg : "",
                arg ? "'" : "");
    else
        fprintf(stderr, "koyu: %s%s%s%s\n", what, arg ? " '" : "", arg ? arg : "",
                arg ? "'" : "");
    fputs(msg(o->lang, MSG_CLI_TRY_KOYU_HELP_N),
          stderr);
    return 2;
}

static const char *
main_msg(const struct main_opts *o, const char *ja, const char *en)
{
    return o->lang == KOYU_LANG_EN ? en : ja;
}

/* Parses the options after the command; returns 0, or the exit status. */
static int
main_parse(int argc, char **argv, struct main_opts *o, int *help)
{
    int i;

    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        const char *eq = strchr(a, '=');
        char name[32];
        int takes;

        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            *help = 1;
            continue;
        }
        if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
            if (o->dir)
                return main_usage_error(
                    o, msg(o->lang, MSG_CLI_ONLY_ONE_INVENTORY_DIRECTORY_IS_ALLOWED),
                    a);
            o->dir = a;
            continue;
        }
        snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - a) : (int)strlen(a), a);
        takes = strcmp(name, "--force") != 0 && strcmp(name, "--detail") != 0 &&
                strcmp(name, "--no-departments") != 0 && strcmp(name, "--quiet") != 0 &&
                strcmp(name, "--no-uncertainty") != 0 && strcmp(name, "--each-scenario") != 0;
        if (takes) {
            if (eq)
                val = eq + 1;
            else if (i + 1 < argc)
                val = argv[++i];
            else
                return main_usage_error(
                    o, msg(o->lang, MSG_CLI_OPTION_NEEDS_A_VALUE),
                    name);
        }
        if (strcmp(name, "--db") == 0)
            o->db = val;
        else if (strcmp(name, "--out") == 0)
            o->out = val;
        else if (strcmp(name, "--force") == 0)
            o->force = 1;
        else if (strcmp(name, "--detail") == 0)
            o->detail = 1;
        else if (strcmp(name, "--no-departments") == 0)
            o->no_departments = 1;
        else if (strcmp(name, "--quiet") == 0)
            o->quiet = 1;
        else if (strcmp(name, "--no-uncertainty") == 0)
            o->no_uncertainty = 1;
        else if (strcmp(name, "--each-scenario") == 0)
            o->each_scenario = 1;
        else if (strcmp(name, "--scenario") == 0) {
            int k;

            if (o->nscenarios == SCENARIO_MAX)
                return main_usage_error(
                    o, msg(o->lang, MSG_CLI_AT_MOST_16_SCENARIO), val);
            for (k = 0; k < o->nscenarios; k++)
                if (strcmp(o->scenarios[k], val) == 0)
                    return main_usage_error(
                        o, msg(o->lang, MSG_CLI_THE_SAME_SCENARIO_IS_GIVEN_TWICE),
                        val);
            o->scenarios[o->nscenarios++] = val;
            if (!o->scenario)
                o->scenario = val;
        }
        else if (strcmp(name, "--params") == 0)
            o->params = val;
        else if (strcmp(name, "--model") == 0) {
            o->model = lcc_model_from_name(val);
            o->model_given = 1;
            if (o->model < 0)
                return main_usage_error(o, "--model: mic | extend80 | target-life", val);
        }
        else if (strcmp(name, "--lang") == 0) {
            if (strcmp(val, "en") == 0)
                o->lang = KOYU_LANG_EN;
            else if (strcmp(val, "ja") == 0)
                o->lang = KOYU_LANG_JA;
            else
                return main_usage_error(o, "--lang: ja | en", val);
        } else if (strcmp(name, "--year") == 0) {
            int y;

            if (text_parse_year(val, &y) != TEXT_OK || y < 1900 || y > 2200)
                return main_usage_error(
                    o, msg(o->lang, MSG_CLI_YEAR_MUST_BE_A_YEAR_FROM),
                    val);
            o->year = y;
        } else if (strcmp(name, "--encoding") == 0) {
            if (loader_parse_encoding(val, &o->encoding) != 0)
                return main_usage_error(o, "--encoding: auto | utf-8 | cp932", val);
        } else if (strcmp(name, "--max-errors") == 0) {
            char *end;
            long n = strtol(val, &end, 10);

            if (*end || n < 1)
                return main_usage_error(
                    o, msg(o->lang, MSG_CLI_MAX_ERRORS_MUST_BE_A_WHOLE),
                    val);
            o->max_errors = n;
        } else {
            return main_usage_error(o, msg(o->lang, MSG_CLI_UNKNOWN_OPTION),
                                    name);
        }
    }
    return 0;
}

/* Time of the import as ISO 8601 UTC; SOURCE_DATE_EPOCH pins it. */
static void
main_now(char *buf, size_t size)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
main_current_year(void)
{
    time_t t = time(NULL);
    struct tm tm;

    localtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

/* Prints the snapshot's headline figures to stdout. */
static void
main_print_summary(const struct main_opts *o, const struct importer_result *r,
                   const struct diag *d, int dry_run)
{
    const struct store_summary *s = &r->summary;
    char a[64], b[64], c[64], e[64], f[64], g[64];
    double pre = s->floor_area_m2 > 0 ? 100.0 * s->floor_area_pre1982_m2 / s->floor_area_m2 : 0;

    text_format_number((double)s->facilities, 0, a, sizeof a);
    text_format_number((double)s->buildings, 0, b, sizeof b);
    text_format_number(s->floor_area_m2, 1, c, sizeof c);
    text_format_number((double)s->usage_rows, 0, e, sizeof e);
    text_format_number(s->running_cost_yen, 0, f, sizeof f);
    text_format_number((double)s->graded_buildings, 0, g, sizeof g);
    if (o->lang == KOYU_LANG_EN) {
        printf("koyu: %s the %d inventory\n", dry_run ? "checked" : "imported", o->year);
        printf("  facilities %s, buildings %s, floor area %s m2 (built 1981 or "
               "earlier: %.1f%%)\n",
               a, b, c, pre);
        printf("  buildings with condition grades %s, usage rows %s", g, e);
        if (s->latest_fiscal_year)
            printf(" (FY%d running costs %s yen)", s->latest_fiscal_year, f);
        printf("\n  categories %ld of 13, warnings %ld\n", s->categories, d->warnings);
    } else {
        printf("koyu: %d年度の台帳を%s\n", o->year,
               dry_run ? "検証しました（書き込みなし）" : "取り込みました");
        printf("  施設 %s、棟 %s、延床面積 %s ㎡（うち1981年度以前の建築 %.1f%%）\n", a, b, c,
               pre);
        printf("  劣化状況の記入がある棟 %s、利用・コストの行 %s", g, e);
        if (s->latest_fiscal_year)
            printf("（%d年度の運営コスト計 %s 円）", s->latest_fiscal_year, f);
        printf("\n  大分類 %ld / 13、警告 %ld 件\n", s->categories, d->warnings);
    }
}

/* Prints the engine's headline figures (億円 = 100 million yen). */
static void
main_print_lcc(const struct main_opts *o, const struct scenario *sc,
               const struct run_result *lr)
{
    const struct portfolio_totals *p = &lr->portfolio;
    const int H = sc->params.lcc.horizon_years;
    char a[64], b[64], c[64], e[64], f[64];
    int en = o->lang == KOYU_LANG_EN;

    text_format_number(p->total_yen / 1e8, 1, a, sizeof a);
    text_format_number(p->annual_average_yen / 1e8, 1, b, sizeof b);
    text_format_number(p->peak_yen / 1e8, 1, c, sizeof c);
    msg_print(stdout, o->lang, MSG_CLI_SCENARIO_N, sc->name,
           (en ? sc->title_en : sc->title)[0] ? ": " : "", en ? sc->title_en : sc->title);
    msg_print(stdout, o->lang, MSG_CLI_RENEWAL_PROJECTION_FY_TOTAL_100_MILLION,
           lcc_model_name(sc->model), o->year, o->year + H - 1, a, b, p->peak_year, c);
    if (lr->scenario.budget_cap_yen > 0) {
        text_format_number(lr->scenario.budget_cap_yen / 1e8, 1, a, sizeof a);
        text_format_number(lr->scenario.backlog_yen / 1e8, 1, b, sizeof b);
        text_format_number(lr->scenario.deferral_cost_yen / 1e8, 1, c, sizeof c);
        text_format_number((double)lr->scenario.deferred_works, 0, e, sizeof e);
        msg_print(stdout, o->lang, MSG_CLI_BUDGET_CAP_A_YEAR_BINDS_IN,
               a, lr->scenario.cap_binding_years, e, b, c);
    }
    if (lr->scenario.reduction_target_m2 > 0) {
        text_format_number(lr->scenario.reduced_m2, 0, a, sizeof a);
        text_format_number(lr->scenario.reduction_target_m2, 0, b, sizeof b);
        text_format_number(lr->scenario.renewal_avoided_yen / 1e8, 1, c, sizeof c);
        text_format_number(lr->scenario.running_avoided_yen / 1e8, 1, e, sizeof e);
        msg_print(stdout, o->lang, MSG_CLI_FLOOR_AREA_REDUCED_M2_OF_A,
               a, b,
               p->floor_area_m2 > 0 ? 100.0 * lr->scenario.reduced_m2 / p->floor_area_m2 : 0, c,
               e);
    }
    if (p->recent_investment_yen > 0) {
        text_format_number(p->recent_investment_yen / 1e8, 1, e, sizeof e);
        text_format_number((p->annual_average_yen - p->recent_investment_yen) / 1e8, 1, f,
                           sizeof f);
        if (en)
            printf("  %.2f times recent investment of %s 億円 a year; gap %s 億円 a year\n",
                   p->annual_average_yen / p->recent_investment_yen, e, f);
        else
            printf("  直近の投資的経費（年 %s 億円）の %.2f 倍、差額 年 %s 億円\n", e,
                   p->annual_average_yen / p->recent_investment_yen, f);
    }
    {
        int k;

        msg_print(stdout, o->lang, MSG_CLI_DECISIONS);
        for (k = 0; k < 5; k++) {
            text_format_number(p->decision_area_m2[k], 0, a, sizeof a);
            msg_print(stdout, o->lang, MSG_CLI_M2, k ? (msg(o->lang, MSG_CLI_TEXT)) : " ",
                   en ? lcc_option_name((enum lcc_option)k)
                      : vocab_at(VOCAB_DECISION, (size_t)k)->ja,
                   p->decisions[k], a);
        }
        msg_print(stdout, o->lang, MSG_CLI_FOR_SECONDARY_REVIEW_N, p->review);
    }
    if (lr->mc_summary.draws > 0) {
        text_format_number(lr->mc_summary.total.p5 / 1e8, 1, a, sizeof a);
        text_format_number(lr->mc_summary.total.p50 / 1e8, 1, b, sizeof b);
        text_format_number(lr->mc_summary.total.p95 / 1e8, 1, c, sizeof c);
        msg_print(stdout, o->lang, MSG_CLI_MONTE_CARLO_DRAWS_40_YEAR_TOTAL,
               lr->mc_summary.draws, a, b, c);
    }
    if (getenv("KOYU_BENCH_STATS") && lr->uncertainty_seconds > 0)
        fprintf(stderr, "koyu: %s: uncertainty (sensitivity, switching values, Monte Carlo)"
                        " %.2f s\n", sc->name, lr->uncertainty_seconds);
    if (p->estimated_running_costs > 0)
        msg_print(stdout, o->lang, MSG_CLI_RUNNING_COSTS_ESTIMATED_PER_NO_USAGE,
               p->estimated_running_costs);
}

/* Loads the command line's scenarios (mic when none) over pp into a new
 * array of *n the caller frees; every problem is reported. */
static enum koyu_err
main_load_scenarios(const struct main_opts *o, const struct params *pp, struct diag *d,
                    struct scenario **out, int *n)
{
    static const char *const deflt[] = {"mic"};
    const char *const *names = o->nscenarios ? o->scenarios : deflt;
    const int count = o->nscenarios ? o->nscenarios : 1;
    struct scenario *sc = calloc((size_t)count, sizeof *sc);
    enum koyu_err err = KOYU_OK, e;
    int k, j;

    *out = sc;
    *n = count;
    if (!sc)
        return KOYU_ERR_NOMEM;
    if (o->model_given && o->nscenarios) {
        msg_print(stderr, o->lang, MSG_CLI_KOYU_MODEL_AND_SCENARIO_CANNOT_BE);
        return KOYU_ERR_USAGE;
    }
    for (k = 0; k < count; k++) {
        e = scenario_load(&sc[k], names[k], pp, d);
        if (e == KOYU_ERR_USAGE)
            msg_print(stderr, o->lang, MSG_CLI_KOYU_SCENARIO_NO_SHIPPED_SCENARIO_AND,
                    names[k], scenario_shipped());
        if (!e && !o->nscenarios && o->model_given) {
            /* --model alone: the standard scenario under that model's name */
            sc[k].model = (enum lcc_model)o->model;
            snprintf(sc[k].name, sizeof sc[k].name, "%s", lcc_model_name(sc[k].model));
        }
        if (!e && scenario_cap(&sc[k]) < 0) {
            msg_print(stderr, o->lang, MSG_CLI_KOYU_BUDGET_CAP_RATIO_MULTIPLIES_RECENT,
                    sc[k].file);
            e = KOYU_ERR_DATA;
        }
        for (j = 0; !e && j < k; j++)
            if (strcmp(sc[j].name, sc[k].name) == 0) {
                msg_print(stderr, o->lang, MSG_CLI_KOYU_TWO_SCENARIOS_ARE_NAMED_N,
                        sc[k].name, sc[j].file, sc[k].file);
                e = KOYU_ERR_USAGE;
            }
        if (e && !err)
            err = e;
    }
    return err;
}

/* Runs every scenario over the year's snapshot inside the open
 * transaction; lr has one result per scenario. */
static enum koyu_err
main_run_scenarios(const struct main_opts *o, store *s, const struct scenario *sc, int n,
                   const char *now, struct run_result *lr)
{
    enum koyu_err err = KOYU_OK;
    int k;

    for (k = 0; k < n && !err; k++) {
        struct run_options lo;

        memset(&lo, 0, sizeof lo);
        lo.year = o->year;
        lo.model = sc[k].model;
        lo.scenario = sc[k].name;
        lo.created_at = now;
        lo.detail = o->detail;
        lo.params = &sc[k].params;
        lo.batch = now;
        lo.position = k;
        lo.title = sc[k].title;
        lo.title_en = sc[k].title_en;
        lo.file = sc[k].file;
        lo.levers.cap_yen = scenario_cap(&sc[k]);
        lo.levers.max_advance_years = sc[k].max_advance_years;
        lo.levers.reduction_share = sc[k].reduction_share;
        lo.levers.reduction_years = sc[k].reduction_years;
        lo.sensitivity = sc[k].sensitivity && !o->no_uncertainty;
        lo.mc = o->no_uncertainty ? NULL : &sc[k].mc;
        if (!o->quiet && isatty(2))
            msg_print(stderr, o->lang, MSG_CLI_KOYU_SCENARIO_OF_N,
                    sc[k].name, k + 1, n);
        err = run_scenario(s, &lo, &lr[k]);
    }
    return err;
}

/* Progress of a long run on a terminal (stderr), unless --quiet. */
static void
main_progress(const struct main_opts *o, const char *ja, const char *en)
{
    if (!o->quiet && isatty(2))
        fprintf(stderr, "koyu: %s\n", o->lang == KOYU_LANG_EN ? en : ja);
}

/* Writes the workbooks of the year's run into o->out. */
static enum koyu_err
main_report(const struct main_opts *o, store *s)
{
    struct report_options ro = {o->year, o->scenario, o->out, o->lang, !o->no_departments,
                                report_created_time(o->year), o->each_scenario};
    struct report_result rr;
    char errbuf[512];
    enum koyu_err err;

    main_progress(o, "Excel を書き出しています…", "writing the workbooks...");
    err = report_write(s, &ro, &rr, errbuf, sizeof errbuf);
    if (err) {
        fprintf(stderr, "koyu: %s\n", errbuf);
        return err;
    }
    msg_print(stdout, o->lang, MSG_CLI_WORKBOOK_AND_DEPARTMENT_WORKBOOKS_N,
           rr.path, rr.department_books);
    if (rr.scenario_books)
        msg_print(stdout, o->lang, MSG_CLI_AND_WORKBOOKS_OF_THE_OTHER_SCENARIOS,
               rr.scenario_books);
    if (getenv("KOYU_BENCH_STATS"))
        fprintf(stderr, "cells %lld\n", rr.cells);
    return KOYU_OK;
}

/* report: the workbooks of a stored run. */
static int
main_report_cmd(struct main_opts *o)
{
    store *s = NULL;
    char errbuf[512];
    int created = 0;
    enum koyu_err err;
    FILE *probe = fopen(o->db, "rb");

    if (!probe) {
        msg_print(stderr, o->lang, MSG_CLI_KOYU_CANNOT_OPEN_N,
                o->db);
        return 1;
    }
    fclose(probe);
    err = store_open(o->db, &s, &created, errbuf, sizeof errbuf);
    if (err) {
        fprintf(stderr, "koyu: %s\n", errbuf);
        return koyu_exit_status(err);
    }
    err = main_report(o, s);
    store_close(s);
    return koyu_exit_status(err);
}

/* assess: the engine and the assessment over a stored snapshot. */
static int
main_assess(struct main_opts *o)
{
    struct store_summary sum;
    struct run_result *lr = NULL;
    struct scenario *sc = NULL;
    struct params *pp = calloc(1, sizeof *pp);
    struct diag d;
    store *s = NULL;
    char errbuf[512], now[32];
    int created = 0, nsc = 0, k;
    enum koyu_err err;

    diag_init(&d, stderr, o->lang, o->max_errors);
    if (!pp)
        return 1;
    err = params_load(pp, o->params, &d);
    if (!err)
        err = main_load_scenarios(o, pp, &d, &sc, &nsc);
    if (err)
        goto done;
    lr = calloc((size_t)nsc, sizeof *lr);
    if (!lr) {
        err = KOYU_ERR_NOMEM;
        goto done;
    }
    {
        FILE *probe = fopen(o->db, "rb");

        if (!probe) {
            msg_print(stderr, o->lang, MSG_CLI_KOYU_CANNOT_OPEN_N,
                    o->db);
            err = KOYU_ERR_IO;
            goto done;
        }
        fclose(probe);
    }
    err = store_open(o->db, &s, &created, errbuf, sizeof errbuf);
    if (err) {
        fprintf(stderr, "koyu: %s\n", errbuf);
        goto done;
    }
    err = store_summarize(s, o->year, &sum);
    if (!err && sum.facilities == 0) {
        msg_print(stderr, o->lang, MSG_CLI_KOYU_HOLDS_NO_INVENTORY_FOR_IMPORT,
                o->db, o->year);
        err = KOYU_ERR_DATA;
        goto done;
    }
    main_now(now, sizeof now);
    if (!err)
        err = main_run_scenarios(o, s, sc, nsc, now, lr);
    if (!err)
        err = store_commit(s);
    if (err) {
        fprintf(stderr, "koyu: %s: %s\n", koyu_strerror(err), store_errmsg(s));
        store_rollback(s);
        goto done;
    }
    msg_print(stdout, o->lang, MSG_CLI_KOYU_ASSESSED_THE_INVENTORY_N,
           o->year);
    for (k = 0; k < nsc; k++)
        main_print_lcc(o, &sc[k], &lr[k]);
    msg_print(stdout, o->lang, MSG_CLI_DATABASE_N, o->db);
done:
    store_close(s);
    free(lr);
    free(sc);
    free(pp);
    return koyu_exit_status(err);
}

/* import, check and run share this: open, import, (run the engine,)
 * commit, report, close.  A run is one transaction: a failure anywhere
 * leaves the database as it was. */
static int
main_import(struct main_opts *o, int dry_run)
{
    struct importer_options io = {0};
    struct importer_result r;
    struct run_result *lr = NULL;
    struct scenario *sc = NULL;
    struct params *pp = NULL;
    struct diag d;
    store *s = NULL;
    char errbuf[512], now[32];
    int created = 0, nsc = 0, k;
    enum koyu_err err;

    diag_init(&d, stderr, o->lang, o->max_errors);
    if (o->run) {
        /* parameters first: a bad parameter file stops before any work */
        pp = calloc(1, sizeof *pp);
        if (!pp)
            return 1;
        err = params_load(pp, o->params, &d);
        if (!err)
            err = main_load_scenarios(o, pp, &d, &sc, &nsc);
        if (!err && !(lr = calloc((size_t)nsc, sizeof *lr)))
            err = KOYU_ERR_NOMEM;
        if (err) {
            free(sc);
            free(pp);
            return koyu_exit_status(err);
        }
    }
    err = store_open(dry_run ? "" : o->db, &s, &created, errbuf, sizeof errbuf);
    if (err) {
        fprintf(stderr, "koyu: %s\n", errbuf);
        free(pp);
        return koyu_exit_status(err);
    }
    main_now(now, sizeof now);
    if (o->run)
        main_progress(o, "台帳を取り込んでいます…", "importing the inventory...");
    io.year = o->year;
    io.encoding = o->encoding;
    io.dir = o->dir;
    io.imported_at = now;
    io.dry_run = dry_run;
    io.keep_open = o->run;
    err = importer_run(s, &io, &d, &r);
    if (err == KOYU_OK && o->run) {
        main_progress(o, "ライフサイクルコストと評価を計算しています…",
                      "computing life-cycle costs and the assessment...");
        err = main_run_scenarios(o, s, sc, nsc, now, lr);
        if (err == KOYU_OK)
            err = store_commit_import(s, r.import_id, &r.summary, d.warnings);
        if (err)
            store_rollback(s);
    }
    if (err == KOYU_OK) {
        main_print_summary(o, &r, &d, dry_run);
        for (k = 0; o->run && k < nsc; k++)
            main_print_lcc(o, &sc[k], &lr[k]);
        if (!dry_run)
            msg_print(stdout, o->lang, MSG_CLI_DATABASE_N,
                   o->db);
        if (o->run) {
            o->scenario = sc[0].name;
            err = main_report(o, s);
        }
    } else if (err == KOYU_ERR_DATA) {
        if (o->lang == KOYU_LANG_EN)
            fprintf(stderr, "koyu: %ld error%s in '%s'%s\n", d.errors,
                    d.errors == 1 ? "" : "s", o->dir, dry_run ? "" : ": nothing was imported");
        else
            fprintf(stderr, "koyu: '%s' に %ld 件のエラーがあります%s\n", o->dir, d.errors,
                    dry_run ? "" : "（何も取り込んでいません）");
    } else {
        fprintf(stderr, "koyu: %s: %s\n", koyu_strerror(err), store_errmsg(s));
    }
    store_close(s);
    free(lr);
    free(sc);
    free(pp);
    if (err && created && !dry_run) {
        /* a database this run created holds nothing: leave no empty file */
        char journal[4200];

        unlink(o->db);
        snprintf(journal, sizeof journal, "%s-journal", o->db);
        unlink(journal);
    }
    return koyu_exit_status(err);
}

static int
main_template(struct main_opts *o)
{
    const char *existing = NULL;
    enum koyu_err err = blank_write(o->out, o->force, o->lang, &existing);

    if (existing) {
        msg_print(stderr, o->lang, MSG_CLI_KOYU_EXISTS_NOT_OVERWRITTEN_USE_FORCE,
                o->out, existing);
        return 1;
    }
    if (err) {
        fprintf(stderr, "koyu: cannot write templates to '%s': %s\n", o->out,
                koyu_strerror(err));
        return 1;
    }
    msg_print(stdout, o->lang, MSG_CLI_KOYU_WROTE_FACILITIES_CSV_BUILDINGS_CSV,
           o->out);
    return 0;
}

int
main(int argc, char **argv)
{
    struct main_opts o = {0};
    const char *cmd = NULL, *env = getenv("KOYU_LANG");
    char dbpath[4096];
    int i, help = 0, rc;

    o.max_errors = MAIN_DEFAULT_MAX_ERRORS;
    if (env && strncmp(env, "en", 2) == 0)
        o.lang = KOYU_LANG_EN;
    /* global options before the command */
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--version") == 0) {
            printf("koyu %s\n", KOYU_VERSION);
            return 0;
        }
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            o.lang = strcmp(argv[i + 1], "en") == 0 ? KOYU_LANG_EN : KOYU_LANG_JA;
            i++;
            continue;
        }
        if (strncmp(argv[i], "--lang=", 7) == 0) {
            o.lang = strcmp(argv[i] + 7, "en") == 0 ? KOYU_LANG_EN : KOYU_LANG_JA;
            continue;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0 ||
            strcmp(argv[i], "help") == 0) {
            main_usage(stdout, o.lang);
            return 0;
        }
        break;
    }
    if (i >= argc) {
        main_usage(stderr, o.lang);
        return 2;
    }
    cmd = argv[i];
    rc = main_parse(argc - i - 1, argv + i + 1, &o, &help);
    if (rc)
        return rc;
    if (help) {
        main_usage(stdout, o.lang);
        return 0;
    }
    if (strcmp(cmd, "template") == 0) {
        if (!o.out)
            return main_usage_error(&o, main_msg(&o, "--out DIR が必要です", "--out DIR is required"), NULL);
        return main_template(&o);
    }
    if (strcmp(cmd, "report") == 0) {
        if (!o.db || !o.year || !o.out)
            return main_usage_error(&o, main_msg(&o, "--db FILE、--year YYYY、--out DIR が必要です",
                                                 "--db FILE, --year YYYY and --out DIR are required"),
                                    NULL);
        return main_report_cmd(&o);
    }
    if (strcmp(cmd, "assess") == 0) {
        if (!o.db || !o.year)
            return main_usage_error(&o, main_msg(&o, "--db FILE と --year YYYY が必要です",
                                                 "--db FILE and --year YYYY are required"),
                                    NULL);
        return main_assess(&o);
    }
    if (strcmp(cmd, "import") != 0 && strcmp(cmd, "check") != 0 &&
        strcmp(cmd, "run") != 0)
        return main_usage_error(&o, main_msg(&o, "不明なコマンド:", "unknown command"), cmd);
    if (!o.dir)
        return main_usage_error(&o, main_msg(&o, "台帳ディレクトリを指定してください",
                                             "the inventory directory is missing"),
                                NULL);
    if (strcmp(cmd, "check") == 0) {
        if (!o.year)
            o.year = main_current_year();
        return main_import(&o, 1);
    }
    if (!o.year)
        return main_usage_error(&o, main_msg(&o, "--year YYYY が必要です（推計の初年度）",
                                             "--year YYYY is required (first projection year)"),
                                NULL);
    if (strcmp(cmd, "import") == 0) {
        if (!o.db)
            return main_usage_error(&o, main_msg(&o, "--db FILE が必要です", "--db FILE is required"), NULL);
        return main_import(&o, 0);
    }
    /* run */
    if (!o.out)
        return main_usage_error(&o, main_msg(&o, "--out DIR が必要です", "--out DIR is required"), NULL);
    if (outfile_mkdir(o.out) != 0) {
        fprintf(stderr, "koyu: cannot create '%s'\n", o.out);
        return 1;
    }
    if (!o.db) {
        snprintf(dbpath, sizeof dbpath, "%s/koyu.db", o.out);
        o.db = dbpath;
    }
    o.run = 1;
    return main_import(&o, 0);
}
