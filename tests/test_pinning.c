/* test_pinning.c - the shipped defaults pinned through their effect.
 *
 * fixtures/pinning/inventory is a small municipality built so that every
 * default parameter moves some stored result: ages on every band edge,
 * every structure, graded, partly graded and ungraded buildings, every
 * seismic status, groups of 6, 4 and 2 facilities with usage data (the
 * 偏差値 fallbacks), closing and suspended facilities, policy rows with
 * and without 実施年度, owned and leased land, essential facilities by
 * column and by each row of essential.csv.
 *
 * - test_pinning_golden runs koyu on it with the shipped parameters and
 *   scenarios (and one scenario of fixtures/pinning that leaves the Monte
 *   Carlo at its compiled-in defaults) and compares every result table
 *   with fixtures/expected/pinning-results.txt.  KOYU_PIN_UPDATE=1
 *   rewrites that file instead.
 *
 * It drives the command line and reads the database only. */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testlib.h"

#define PIN_YEAR "2026"
#define PIN_INVENTORY "fixtures/pinning/inventory"
/* recent_investment_yen for budget-cap, whose cap is a multiple of it */
#define PIN_PARAMS "fixtures/pinning/params"
#define PIN_EXPECTED "fixtures/expected/pinning-results.txt"

/* ---- a growing text buffer ---- */

struct pin_buf {
    char *p;
    size_t n, cap;
};

static void
pin_put(struct pin_buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        char *p;

        while (cap < b->n + n + 1)
            cap *= 2;
        p = realloc(b->p, cap);
        if (!p)
            abort();
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void
pin_printf(struct pin_buf *b, const char *fmt, ...)
{
    char s[1024];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(s, sizeof s, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    pin_put(b, s, (size_t)n < sizeof s ? (size_t)n : sizeof s - 1);
}

static void
pin_free(struct pin_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

static double
pin_seconds(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* ---- the dump of a run's results ---- */

/* Columns that identify a run rather than say what it computed: left out
 * of every dump (run_id and the timestamps differ from run to run; batch
 * is the run's time; the version changes with every release). */
static const char *const pin_skip_always[] = {"run_id", "created_at", "koyu_version", "batch",
                                              NULL};
/* Left out as well when one scenario's results are compared with
 * another's: its name, file and place in the batch. */
static const char *const pin_skip_compare[] = {"scenario", "scenario_file", "position", NULL};

static int
pin_in(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

/* Appends one value as the dump prints it: integers as they are, reals
 * to 10 significant digits, text with line breaks escaped. */
static void
pin_value(struct pin_buf *b, sqlite3_stmt *st, int i)
{
    const unsigned char *t;

    switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL:
        pin_put(b, "NULL", 4);
        break;
    case SQLITE_INTEGER:
        pin_printf(b, "%lld", (long long)sqlite3_column_int64(st, i));
        break;
    case SQLITE_FLOAT:
        pin_printf(b, "%.10g", sqlite3_column_double(st, i));
        break;
    default:
        for (t = sqlite3_column_text(st, i); t && *t; t++) {
            if (*t == '\n')
                pin_put(b, "\\n", 2);
            else if (*t == '|')
                pin_put(b, "\\|", 2);
            else
                pin_put(b, (const char *)t, 1);
        }
        break;
    }
}

/* Dumps every table and view of db with a run_id column: a header line
 * per table with its columns, then one line per row, "table|scenario|v|v…",
 * rows in the order of all their columns.  With scenario set, only that
 * scenario's rows, without the columns that name it and without
 * lcc_params (which echoes the parameters themselves: a changed
 * parameter must show in what is computed from it).  Returns 0, or -1
 * with a message on b. */
static int
pin_dump(const char *db, const char *scenario, struct pin_buf *b)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *tables = NULL;
    int rc = -1;

    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        goto done;
    if (sqlite3_prepare_v2(h,
                           "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                           " ORDER BY name",
                           -1, &tables, NULL) != SQLITE_OK)
        goto done;
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        struct pin_buf sql = {0}, cols = {0};
        sqlite3_stmt *info = NULL, *rows = NULL;
        char q[256];
        int has_run = 0, ncols = 0, i, ok;

        if (scenario && strcmp(name, "lcc_params") == 0)
            continue;
        snprintf(q, sizeof q, "PRAGMA table_info(\"%s\")", name);
        if (sqlite3_prepare_v2(h, q, -1, &info, NULL) != SQLITE_OK) {
            sqlite3_finalize(info);
            goto done;
        }
        while (sqlite3_step(info) == SQLITE_ROW) {
            const char *col = (const char *)sqlite3_column_text(info, 1);

            if (strcmp(col, "run_id") == 0)
                has_run = 1;
            if (pin_in(pin_skip_always, col) || (scenario && pin_in(pin_skip_compare, col)))
                continue;
            pin_printf(&sql, ", t.\"%s\"", col);
            pin_printf(&cols, " %s", col);
            ncols++;
        }
        sqlite3_finalize(info);
        if (!has_run || ncols == 0) {
            pin_free(&sql);
            pin_free(&cols);
            continue;
        }
        {
            struct pin_buf full = {0};

            pin_printf(&full, "SELECT r.scenario%s FROM \"%s\" t JOIN lcc_runs r"
                              " ON r.run_id = t.run_id%s ORDER BY 1",
                       sql.p, name, scenario ? " WHERE r.scenario = ?1" : "");
            for (i = 2; i <= ncols + 1; i++)
                pin_printf(&full, ", %d", i);
            ok = sqlite3_prepare_v2(h, full.p, -1, &rows, NULL) == SQLITE_OK;
            pin_free(&full);
        }
        if (ok && scenario)
            sqlite3_bind_text(rows, 1, scenario, -1, SQLITE_TRANSIENT);
        pin_printf(b, "## %s:%s\n", name, cols.p);
        while (ok && sqlite3_step(rows) == SQLITE_ROW) {
            pin_put(b, name, strlen(name));
            for (i = scenario ? 1 : 0; i <= ncols; i++) {
                pin_put(b, "|", 1);
                pin_value(b, rows, i);
            }
            pin_put(b, "\n", 1);
        }
        sqlite3_finalize(rows);
        pin_free(&sql);
        pin_free(&cols);
        if (!ok)
            goto done;
    }
    rc = 0;
done:
    if (rc)
        pin_printf(b, "dump failed: %s\n", h ? sqlite3_errmsg(h) : "no database");
    sqlite3_finalize(tables);
    sqlite3_close(h);
    return rc;
}

/* ---- running koyu ---- */

static int
pin_write(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    int ok;

    if (!fp)
        return -1;
    ok = fputs(text, fp) >= 0;
    return fclose(fp) == 0 && ok ? 0 : -1;
}

static char *
pin_read(const char *path)
{
    struct pin_buf b = {0};
    char s[4096];
    FILE *fp = fopen(path, "rb");
    size_t n;

    if (!fp)
        return NULL;
    pin_put(&b, "", 0);
    while ((n = fread(s, 1, sizeof s, fp)) > 0)
        pin_put(&b, s, n);
    fclose(fp);
    return b.p;
}

/* Imports the fixture into dir/koyu.db; returns 0 or -1. */
static int
pin_import(const char *dir, char *db, size_t size)
{
    char out[4096];

    snprintf(db, size, "%s/koyu.db", dir);
    if (tl_sh(out, sizeof out,
              "SOURCE_DATE_EPOCH=1775000000 %s --lang ja import --db '%s' --year " PIN_YEAR
              " " PIN_INVENTORY,
              tl_koyu(), db) != 0) {
        fprintf(stderr, "    import failed:\n%s", out);
        return -1;
    }
    return 0;
}

/* One koyu assess over the scenarios (at most 16) with extra options;
 * returns 0 or -1 with koyu's messages shown. */
static int
pin_assess(const char *db, const char *extra, char *const *scenarios, size_t n)
{
    struct pin_buf cmd = {0};
    static char out[16384];
    size_t i;
    int rc;

    pin_printf(&cmd, "%s --lang ja assess --db '%s' --year " PIN_YEAR " %s", tl_koyu(), db,
               extra);
    for (i = 0; i < n; i++)
        pin_printf(&cmd, " --scenario '%s'", scenarios[i]);
    rc = tl_sh(out, sizeof out, "%s", cmd.p);
    if (rc != 0)
        fprintf(stderr, "    koyu failed (%d): %s\n%s", rc, cmd.p, out);
    pin_free(&cmd);
    return rc == 0 ? 0 : -1;
}

/* ---- the golden results ---- */

static void
test_pinning_golden(void)
{
    const char *dir = tl_tmpdir("pinning-golden");
    char db[600], got_path[700], out[8192];
    struct pin_buf got = {0};
    char *want;
    double t0 = pin_seconds();

    if (!CHECK(pin_import(dir, db, sizeof db) == 0))
        return;
    /* the shipped parameters; budget-cap needs the investment level */
    if (!CHECK(pin_assess(db,
                          "--detail --scenario mic --scenario extend80 --scenario kushiro70"
                          " --scenario reduce20"
                          " --scenario fixtures/pinning/scenarios/mc-defaults.conf",
                          NULL, 0) == 0) ||
        !CHECK(pin_assess(db, "--detail --params " PIN_PARAMS " --scenario budget-cap", NULL,
                          0) == 0))
        return;
    CHECK(pin_dump(db, NULL, &got) == 0);
    if (getenv("KOYU_PIN_UPDATE") && *getenv("KOYU_PIN_UPDATE")) {
        CHECK(pin_write(PIN_EXPECTED, got.p) == 0);
        printf("    wrote %s\n", PIN_EXPECTED);
        pin_free(&got);
        return;
    }
    want = pin_read(PIN_EXPECTED);
    CHECK(want != NULL);
    if (want && !CHECK(strcmp(got.p, want) == 0)) {
        snprintf(got_path, sizeof got_path, "%s/got.txt", dir);
        pin_write(got_path, got.p);
        tl_sh(out, sizeof out,
              "diff '%s' '%s' > '%s.diff'; echo \"    $(grep -c '^>' '%s.diff') lines differ\";"
              " cut -c1-240 '%s.diff' | head -24",
              PIN_EXPECTED, got_path, got_path, got_path, got_path);
        fprintf(stderr,
                "    the results differ from %s (< expected, > got; lines cut at 240 bytes):\n"
                "%s    if the change is intended: KOYU_PIN_UPDATE=1 make test, then review"
                " git diff %s\n",
                PIN_EXPECTED, out, PIN_EXPECTED);
    }
    free(want);
    pin_free(&got);
    printf("    golden: %.2f s\n", pin_seconds() - t0);
}

void
suite_pinning(void)
{
    RUN(test_pinning_golden);
}
