/* test_main.c - the test runner: every suite, then "N passed, N failed". */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "koyu/run/params.h"
#include "testlib.h"

static int tl_passed, tl_failed, tl_current_failed;
static const char *tl_current = "?";
static const char *tl_suite_name = "?";
static char **tl_only; /* names of the suites or tests to run; NULL: all */
static int tl_nonly;
static char tl_root[256];
/* While tl_failures runs a function: where its failure messages go. */
static char *tl_capture;
static size_t tl_capture_size;

/* Records a failure of the current test; its message to stderr, or into
 * the capture buffer inside tl_failures. */
static void
tl_fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (tl_capture) {
        size_t n = strlen(tl_capture);

        if (n + 1 < tl_capture_size)
            vsnprintf(tl_capture + n, tl_capture_size - n, fmt, ap);
    } else {
        vfprintf(stderr, fmt, ap);
    }
    va_end(ap);
    tl_current_failed = 1;
}

int
tl_check(int ok, const char *expr, const char *file, int line)
{
    if (!ok)
        tl_fail("  FAIL %s: %s:%d: %s\n", tl_current, file, line, expr);
    return ok;
}

int
tl_check_str(const char *got, const char *want, const char *expr, const char *file, int line)
{
    int ok = got && want ? strcmp(got, want) == 0 : got == want;

    if (!ok)
        tl_fail("  FAIL %s: %s:%d: %s is '%s', want '%s'\n", tl_current, file, line, expr,
                got ? got : "(null)", want ? want : "(null)");
    return ok;
}

int
tl_check_num(double got, double want, double tol, const char *expr, const char *file, int line)
{
    int ok = fabs(got - want) <= tol;

    if (!ok)
        tl_fail("  FAIL %s: %s:%d: %s is %.10g, want %.10g (tol %g)\n", tl_current, file, line,
                expr, got, want, tol);
    return ok;
}

/* Whether the command line picked this test (by its name or its suite's). */
static int
tl_selected(const char *name)
{
    int i;

    if (!tl_only)
        return 1;
    for (i = 0; i < tl_nonly; i++)
        if (strcmp(tl_only[i], name) == 0 || strcmp(tl_only[i], tl_suite_name) == 0)
            return 1;
    return 0;
}

int
tl_failures(void (*fn)(void *), void *ctx, char *msgs, size_t size)
{
    int outer_failed = tl_current_failed, failed;
    char *outer_capture = tl_capture;
    size_t outer_size = tl_capture_size;

    char sink[1] = "";

    if (msgs && size)
        msgs[0] = '\0';
    tl_capture = msgs && size ? msgs : sink;
    tl_capture_size = msgs && size ? size : sizeof sink;
    tl_current_failed = 0;
    fn(ctx);
    failed = tl_current_failed;
    tl_capture = outer_capture;
    tl_capture_size = outer_size;
    tl_current_failed = outer_failed;
    return failed;
}

void
tl_run(const char *name, void (*fn)(void))
{
    if (!tl_selected(name))
        return;
    tl_current = name;
    tl_current_failed = 0;
    fn();
    if (tl_current_failed) {
        tl_failed++;
        printf("FAIL %s\n", name);
    } else {
        tl_passed++;
        printf("ok   %s\n", name);
    }
    fflush(stdout);
}

const char *
tl_tmpdir(const char *name)
{
    static char path[512];
    char out[256];

    snprintf(path, sizeof path, "%s/%s", tl_root, name);
    tl_sh(out, sizeof out, "rm -rf '%s' && mkdir -p '%s'", path, path);
    return path;
}

int
tl_sh(char *out, size_t size, const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    FILE *fp;
    size_t n = 0;
    int status;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    if (strlen(cmd) + 16 >= sizeof cmd)
        return -1;
    memmove(cmd + 2, cmd, strlen(cmd) + 1);
    cmd[0] = '{';
    cmd[1] = ' ';
    strcat(cmd, "; } 2>&1");
    fp = popen(cmd, "r");
    if (!fp)
        return -1;
    if (out && size)
        out[0] = '\0';
    for (;;) {
        char buf[4096];
        size_t k = fread(buf, 1, sizeof buf, fp);

        if (k == 0)
            break;
        if (out && n + 1 < size) {
            size_t take = k < size - 1 - n ? k : size - 1 - n;

            memcpy(out + n, buf, take);
            n += take;
            out[n] = '\0';
        }
    }
    status = pclose(fp);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* What a query helper wants of the single row's first column. */
enum tl_want { TL_WANT_NUMBER, TL_WANT_TEXT, TL_WANT_ANY };

/* Runs sql on the database at db (read-only: a missing file is an error,
 * never created).  It must yield exactly one row; its first column must
 * not be NULL unless want is TL_WANT_ANY, and must be a number (or text
 * that reads whole as one) for TL_WANT_NUMBER.  Returns 1 with *num (and
 * text, cut to size, when given) and *is_null set; otherwise records a
 * failure naming the query and SQLite's message, and returns 0. */
static int
tl_query(const char *db, const char *sql, enum tl_want want, double *num, int *is_null, char *text,
         size_t size, const char *file, int line)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    const char *what = NULL;
    char why[512] = "";
    int rc, type;

    *num = NAN;
    *is_null = 0;
    if (text && size)
        text[0] = '\0';
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        what = "cannot open the database";
        goto sqlite_fail;
    }
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
        what = "the query fails";
        goto sqlite_fail;
    }
    if (!st) {
        what = "the query is empty";
        goto fail;
    }
    rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        what = "the query yields no row";
        goto fail;
    }
    if (rc != SQLITE_ROW) {
        what = "the query fails";
        goto sqlite_fail;
    }
    type = sqlite3_column_type(st, 0);
    *is_null = type == SQLITE_NULL;
    if (*is_null && want != TL_WANT_ANY) {
        what = "the value is NULL";
        goto fail;
    }
    if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
        *num = sqlite3_column_double(st, 0);
    } else if (type == SQLITE_TEXT) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        char *end;

        *num = strtod(t, &end);
        if (want == TL_WANT_NUMBER && (end == t || *end != '\0')) {
            snprintf(why, sizeof why, "'%.200s'", t);
            what = "the value is not a number";
            goto fail;
        }
    } else if (type == SQLITE_BLOB && want == TL_WANT_NUMBER) {
        what = "the value is a blob";
        goto fail;
    }
    if (text && size && !*is_null) {
        const char *t = (const char *)sqlite3_column_text(st, 0);

        if (!t || strlen(t) >= size) {
            what = "the text is longer than its buffer";
            goto fail;
        }
        memcpy(text, t, strlen(t) + 1);
    }
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        what = "the query yields more than one row";
        goto fail;
    }
    if (rc != SQLITE_DONE) {
        what = "the query fails";
        goto sqlite_fail;
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return 1;
sqlite_fail:
    snprintf(why, sizeof why, "%s", h ? sqlite3_errmsg(h) : "out of memory");
fail:
    tl_fail("  FAIL %s: %s:%d: %s%s%s\n    query: %s\n    database: %s\n", tl_current, file, line,
            what, why[0] ? ": " : "", why, sql, db);
    sqlite3_finalize(st);
    sqlite3_close(h);
    *num = NAN;
    *is_null = 0;
    if (text && size)
        text[0] = '\0';
    return 0;
}

double
tl_num_at(const char *db, const char *sql, const char *file, int line)
{
    double v;
    int is_null;

    tl_query(db, sql, TL_WANT_NUMBER, &v, &is_null, NULL, 0, file, line);
    return v;
}

const char *
tl_text_at(const char *db, const char *sql, char *buf, size_t size, const char *file, int line)
{
    double v;
    int is_null;

    tl_query(db, sql, TL_WANT_TEXT, &v, &is_null, buf, size, file, line);
    return buf;
}

int
tl_is_null_at(const char *db, const char *sql, const char *file, int line)
{
    double v;
    int is_null;

    return tl_query(db, sql, TL_WANT_ANY, &v, &is_null, NULL, 0, file, line) && is_null;
}

double
tl_rows_at(const char *db, const char *sql, const char *file, int line)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    const char *what = "cannot open the database";
    double n = 0;
    int rc = SQLITE_ERROR;

    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        what = "the query fails";
        if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && st)
            while ((rc = sqlite3_step(st)) == SQLITE_ROW)
                n++;
    }
    if (rc != SQLITE_DONE) {
        tl_fail("  FAIL %s: %s:%d: %s: %s\n    query: %s\n    database: %s\n", tl_current, file,
                line, what, h ? sqlite3_errmsg(h) : "out of memory", sql, db);
        n = NAN;
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

double
tl_csv_num_at(const char *csv, const char *key, int n, int col, const char *file, int line)
{
    char out[512], *end;
    double v;
    int rc;

    rc = tl_sh(out, sizeof out,
               "python3 -c \"import csv, sys\n"
               "rows = [r for r in csv.reader(open(sys.argv[1], encoding='utf-8'))"
               " if r and r[0] == sys.argv[2]]\n"
               "n, col = int(sys.argv[3]), int(sys.argv[4])\n"
               "if len(rows) < n: sys.exit('%%d row(s) with this key' %% len(rows))\n"
               "if len(rows[n - 1]) <= col: sys.exit('the row has %%d cells' %% len(rows[n - 1]))\n"
               "print(rows[n - 1][col], end='')\" '%s' '%s' %d %d",
               csv, key, n, col);
    v = strtod(out, &end);
    if (rc != 0 || end == out || *end != '\0' || isnan(v)) {
        tl_fail("  FAIL %s: %s:%d: no number in cell %d of row %d keyed '%s': '%s'\n"
                "    csv: %s\n",
                tl_current, file, line, col, n, key, out, csv);
        return NAN;
    }
    return v;
}

const char *
tl_koyu(void)
{
    const char *b = getenv("KOYU_BIN");

    return b && *b ? b : "./koyu";
}

const struct params *
tl_params(void)
{
    static struct params p;
    static int loaded;
    struct diag d;

    if (!loaded) {
        diag_init(&d, stderr, KOYU_LANG_EN, 10);
        CHECK(params_load(&p, NULL, &d) == KOYU_OK);
        loaded = 1;
    }
    return &p;
}

/* The suites, in the order they run; the unit suites test the pure
 * modules alone, without the koyu binary, LibreOffice or a database
 * (make unit), the others the program as a user runs it. */
static const struct {
    const char *name;
    void (*fn)(void);
    int unit;
} tl_suites[] = {
    {"testlib", suite_testlib, 1},
    {"layers", suite_layers, 1},
    {"text", suite_text, 1},
    {"vocab", suite_vocab, 1},
    {"diag", suite_diag, 1},
    {"conf", suite_conf, 1},
    {"msg", suite_msg, 1},
    {"loader", suite_loader, 1},
    {"inventory", suite_inventory, 1},
    {"lcc", suite_lcc, 1},
    {"uncertain", suite_uncertain, 1},
    {"assess", suite_assess, 1},
    {"level", suite_level, 1},
    {"portfolio", suite_portfolio, 1},
    {"scenario", suite_scenario, 1},
    {"store", suite_store, 0},
    {"import", suite_import, 0},
    {"cli", suite_cli, 0},
    {"run", suite_run, 0},
    {"assess_run", suite_assess_run, 0},
    {"scenario_run", suite_scenario_run, 0},
    {"report", suite_report, 0},
    {"golden", suite_golden, 0},
    {"pinning", suite_pinning, 0},
};

/* koyu-tests [--unit] [SUITE|TEST]...: every suite (--unit: the unit
 * suites), or only those named (a suite's name is its file's without
 * test_: "lcc", "golden"). */
int
main(int argc, char **argv)
{
    char out[64];
    size_t i;
    int k, known, unit_only = 0;

    if (argc > 1 && strcmp(argv[1], "--unit") == 0) {
        unit_only = 1;
        argv++;
        argc--;
    }
    if (argc > 1) {
        tl_only = argv + 1;
        tl_nonly = argc - 1;
    }
    snprintf(tl_root, sizeof tl_root, "/tmp/koyu-tests.%ld", (long)getpid());
    tl_sh(out, sizeof out, "rm -rf '%s' && mkdir -p '%s'", tl_root, tl_root);
    for (i = 0; i < sizeof tl_suites / sizeof tl_suites[0]; i++) {
        if (unit_only && !tl_suites[i].unit)
            continue;
        tl_suite_name = tl_suites[i].name;
        tl_suites[i].fn();
    }
    tl_sh(out, sizeof out, "rm -rf '%s'", tl_root);
    known = tl_passed + tl_failed > 0 || !tl_only;
    for (k = 0; !known && k < tl_nonly; k++)
        fprintf(stderr, "no suite or test named '%s'\n", tl_only[k]);
    printf("%d passed, %d failed\n", tl_passed, tl_failed);
    return tl_failed || !known ? 1 : 0;
}
