/* main.c - koyu's command line: argument parsing and orchestration only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "koyu/cli/console.h"
#include "koyu/core/diag.h"
#include "koyu/core/errors.h"
#include "koyu/core/msg.h"
#include "koyu/core/outfile.h"
#include "koyu/core/text.h"
#include "koyu/core/version.h"
#include "koyu/core/vocab.h"
#include "koyu/engine/lcc.h"
#include "koyu/inventory/blank.h"
#include "koyu/inventory/importer.h"
#include "koyu/inventory/loader.h"
#include "koyu/report/report.h"
#include "koyu/run/params.h"
#include "koyu/run/run.h"
#include "koyu/run/scenario.h"
#include "koyu/store/store.h"

/* Errors printed per file before "N more errors". */
#define MAIN_DEFAULT_MAX_ERRORS 100

struct main_opts {
    enum koyu_lang lang;
    const char *db;
    const char *out;
    const char *dir;
    int year; /* 0 = not given */
    int force;
    long max_errors;
    enum loader_encoding encoding;
    const char *params;                  /* --params DIR */
    int model;                           /* enum lcc_model */
    int detail;                          /* --detail */
    int run;                             /* the run command: import, then the engine */
    const char *scenario;                /* report --scenario; run: the first (baseline) */
    const char *scenarios[SCENARIO_MAX]; /* run/assess --scenario, in order */
    int nscenarios;
    int model_given;    /* --model on the command line */
    int no_departments; /* --no-departments */
    int quiet;          /* --quiet: no progress lines */
    int no_uncertainty; /* --no-uncertainty: skip sensitivity and Monte Carlo */
    int each_scenario;  /* --each-scenario: a workbook per scenario */
};

static void
main_usage(FILE *fp, enum koyu_lang lang)
{
    fputs(msg(lang, MSG_CLI_USAGE), fp);
}

static int
main_usage_error(const struct main_opts *o, const char *what, const char *arg)
{
    fprintf(stderr, "koyu: %s%s%s%s\n", what, arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
    fputs(msg(o->lang, MSG_CLI_TRY_KOYU_HELP_N), stderr);
    return 2;
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
                    o, msg(o->lang, MSG_CLI_ONLY_ONE_INVENTORY_DIRECTORY_IS_ALLOWED), a);
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
                return main_usage_error(o, msg(o->lang, MSG_CLI_OPTION_NEEDS_A_VALUE), name);
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
                return main_usage_error(o, msg(o->lang, MSG_CLI_AT_MOST_16_SCENARIO), val);
            for (k = 0; k < o->nscenarios; k++)
                if (strcmp(o->scenarios[k], val) == 0)
                    return main_usage_error(
                        o, msg(o->lang, MSG_CLI_THE_SAME_SCENARIO_IS_GIVEN_TWICE), val);
            o->scenarios[o->nscenarios++] = val;
            if (!o->scenario)
                o->scenario = val;
        } else if (strcmp(name, "--params") == 0)
            o->params = val;
        else if (strcmp(name, "--model") == 0) {
            o->model = lcc_model_from_name(val);
            o->model_given = 1;
            if (o->model < 0)
                return main_usage_error(o, "--model: mic | extend80 | target-life", val);
        } else if (strcmp(name, "--lang") == 0) {
            if (strcmp(val, "en") == 0)
                o->lang = KOYU_LANG_EN;
            else if (strcmp(val, "ja") == 0)
                o->lang = KOYU_LANG_JA;
            else
                return main_usage_error(o, "--lang: ja | en", val);
        } else if (strcmp(name, "--year") == 0) {
            int y;

            if (text_parse_year(val, &y) != TEXT_OK || y < 1900 || y > 2200)
                return main_usage_error(o, msg(o->lang, MSG_CLI_YEAR_MUST_BE_A_YEAR_FROM), val);
            o->year = y;
        } else if (strcmp(name, "--encoding") == 0) {
            if (loader_parse_encoding(val, &o->encoding) != 0)
                return main_usage_error(o, "--encoding: auto | utf-8 | cp932", val);
        } else if (strcmp(name, "--max-errors") == 0) {
            char *end;
            long n = strtol(val, &end, 10);

            if (*end || n < 1)
                return main_usage_error(o, msg(o->lang, MSG_CLI_MAX_ERRORS_MUST_BE_A_WHOLE), val);
            o->max_errors = n;
        } else {
            return main_usage_error(o, msg(o->lang, MSG_CLI_UNKNOWN_OPTION), name);
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
            msg_print(stderr, o->lang, MSG_CLI_KOYU_SCENARIO_NO_SHIPPED_SCENARIO_AND, names[k],
                      scenario_shipped());
        if (!e && !o->nscenarios && o->model_given) {
            /* --model alone: the standard scenario under that model's name */
            sc[k].model = (enum lcc_model)o->model;
            snprintf(sc[k].name, sizeof sc[k].name, "%s", lcc_model_name(sc[k].model));
        }
        if (!e && scenario_cap(&sc[k]) < 0) {
            msg_print(stderr, o->lang, MSG_CLI_KOYU_BUDGET_CAP_RATIO_MULTIPLIES_RECENT, sc[k].file);
            e = KOYU_ERR_DATA;
        }
        for (j = 0; !e && j < k; j++)
            if (strcmp(sc[j].name, sc[k].name) == 0) {
                msg_print(stderr, o->lang, MSG_CLI_KOYU_TWO_SCENARIOS_ARE_NAMED_N, sc[k].name,
                          sc[j].file, sc[k].file);
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
        console_progress(o->lang, o->quiet, MSG_CLI_PROGRESS_SCENARIO, sc[k].name, k + 1, n);
        err = run_scenario(s, &lo, &lr[k]);
    }
    return err;
}

/* Writes the workbooks of the year's run into o->out. */
static enum koyu_err
main_report(const struct main_opts *o, store *s)
{
    struct report_options ro = {o->year,         o->scenario,        o->out,
                                o->lang,         !o->no_departments, report_created_time(o->year),
                                o->each_scenario};
    struct report_result rr;
    char errbuf[512];
    enum koyu_err err;

    console_progress(o->lang, o->quiet, MSG_CLI_PROGRESS_WRITING);
    err = report_write(s, &ro, &rr, errbuf, sizeof errbuf);
    if (err) {
        fprintf(stderr, "koyu: %s\n", errbuf);
        return err;
    }
    console_report(o->lang, &rr);
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
        msg_print(stderr, o->lang, MSG_CLI_KOYU_CANNOT_OPEN_N, o->db);
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
            msg_print(stderr, o->lang, MSG_CLI_KOYU_CANNOT_OPEN_N, o->db);
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
        msg_print(stderr, o->lang, MSG_CLI_KOYU_HOLDS_NO_INVENTORY_FOR_IMPORT, o->db, o->year);
        err = KOYU_ERR_DATA;
        goto done;
    }
    main_now(now, sizeof now);
    if (!err)
        err = main_run_scenarios(o, s, sc, nsc, now, lr);
    if (!err)
        err = store_commit(s);
    if (err) {
        fprintf(stderr, "koyu: %s: %s\n", koyu_strerror_lang(err, o->lang), store_errmsg(s));
        store_rollback(s);
        goto done;
    }
    msg_print(stdout, o->lang, MSG_CLI_KOYU_ASSESSED_THE_INVENTORY_N, o->year);
    for (k = 0; k < nsc; k++)
        console_scenario(o->lang, o->year, &sc[k], &lr[k]);
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
        console_progress(o->lang, o->quiet, MSG_CLI_PROGRESS_IMPORTING);
    io.year = o->year;
    io.encoding = o->encoding;
    io.dir = o->dir;
    io.imported_at = now;
    io.dry_run = dry_run;
    io.keep_open = o->run;
    err = importer_run(s, &io, &d, &r);
    if (err == KOYU_OK && o->run) {
        console_progress(o->lang, o->quiet, MSG_CLI_PROGRESS_COMPUTING);
        err = main_run_scenarios(o, s, sc, nsc, now, lr);
        if (err == KOYU_OK)
            err = store_commit_import(s, r.import_id, &r.summary, d.warnings);
        if (err)
            store_rollback(s);
    }
    if (err == KOYU_OK) {
        console_import(o->lang, o->year, &r, &d, dry_run);
        for (k = 0; o->run && k < nsc; k++)
            console_scenario(o->lang, o->year, &sc[k], &lr[k]);
        if (!dry_run)
            msg_print(stdout, o->lang, MSG_CLI_DATABASE_N, o->db);
        if (o->run) {
            o->scenario = sc[0].name;
            err = main_report(o, s);
        }
    } else if (err == KOYU_ERR_DATA) {
        msg_print(stderr, o->lang,
                  d.errors == 1 ? MSG_CLI_ERRORS_IN_INVENTORY_1 : MSG_CLI_ERRORS_IN_INVENTORY,
                  o->dir, d.errors, dry_run ? "" : msg(o->lang, MSG_CLI_NOTHING_IMPORTED));
    } else {
        fprintf(stderr, "koyu: %s: %s\n", koyu_strerror_lang(err, o->lang), store_errmsg(s));
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
        msg_print(stderr, o->lang, MSG_CLI_KOYU_EXISTS_NOT_OVERWRITTEN_USE_FORCE, o->out, existing);
        return 1;
    }
    if (err) {
        msg_print(stderr, o->lang, MSG_CLI_CANNOT_WRITE_TEMPLATES, o->out,
                  koyu_strerror_lang(err, o->lang));
        return 1;
    }
    msg_print(stdout, o->lang, MSG_CLI_KOYU_WROTE_FACILITIES_CSV_BUILDINGS_CSV, o->out);
    return 0;
}

/* check: validate, write nothing (the year defaults to the current one). */
static int
main_check(struct main_opts *o)
{
    if (!o->year)
        o->year = main_current_year();
    return main_import(o, 1);
}

/* import: the inventory into the database, as the year's snapshot. */
static int
main_import_cmd(struct main_opts *o)
{
    return main_import(o, 0);
}

/* run: import, the engine, the assessment, the workbooks; the database
 * defaults to OUT/koyu.db. */
static int
main_run(struct main_opts *o)
{
    static char dbpath[4096];

    if (outfile_mkdir(o->out) != 0) {
        msg_print(stderr, o->lang, MSG_CLI_CANNOT_CREATE, o->out);
        return 1;
    }
    if (!o->db) {
        snprintf(dbpath, sizeof dbpath, "%s/koyu.db", o->out);
        o->db = dbpath;
    }
    o->run = 1;
    return main_import(o, 0);
}

/* What a command needs on its command line. */
enum {
    NEEDS_DIR = 1u << 0,  /* the inventory directory */
    NEEDS_YEAR = 1u << 1, /* --year */
    NEEDS_DB = 1u << 2,   /* --db */
    NEEDS_OUT = 1u << 3   /* --out */
};

/* The commands: each a function, with what it needs. */
static const struct main_command {
    const char *name;
    int (*fn)(struct main_opts *o);
    unsigned needs;
} main_commands[] = {
    {"run", main_run, NEEDS_DIR | NEEDS_YEAR | NEEDS_OUT},
    {"import", main_import_cmd, NEEDS_DIR | NEEDS_YEAR | NEEDS_DB},
    {"check", main_check, NEEDS_DIR},
    {"assess", main_assess, NEEDS_YEAR | NEEDS_DB},
    {"report", main_report_cmd, NEEDS_YEAR | NEEDS_DB | NEEDS_OUT},
    {"template", main_template, NEEDS_OUT},
};

int
main(int argc, char **argv)
{
    struct main_opts o = {0};
    const char *cmd = NULL, *env = getenv("KOYU_LANG");
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
    for (i = 0; i < (int)(sizeof main_commands / sizeof main_commands[0]); i++) {
        const struct main_command *c = &main_commands[i];

        if (strcmp(cmd, c->name) != 0)
            continue;
        if ((c->needs & NEEDS_DIR) && !o.dir)
            return main_usage_error(&o, msg(o.lang, MSG_CLI_NEEDS_DIR), NULL);
        if ((c->needs & NEEDS_YEAR) && !o.year)
            return main_usage_error(&o, msg(o.lang, MSG_CLI_NEEDS_YEAR), NULL);
        if ((c->needs & NEEDS_DB) && !o.db)
            return main_usage_error(&o, msg(o.lang, MSG_CLI_NEEDS_DB), NULL);
        if ((c->needs & NEEDS_OUT) && !o.out)
            return main_usage_error(&o, msg(o.lang, MSG_CLI_NEEDS_OUT), NULL);
        return c->fn(&o);
    }
    return main_usage_error(&o, msg(o.lang, MSG_CLI_UNKNOWN_COMMAND), cmd);
}
