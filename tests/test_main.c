/* test_main.c - the test runner: every suite, then "N passed, N failed". */
#include <stdarg.h>
#include <sqlite3.h>
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
static char **tl_only;  /* names of the suites or tests to run; NULL: all */
static int tl_nonly;
static char tl_root[256];

int
tl_check(int ok, const char *expr, const char *file, int line)
{
    if (!ok) {
        fprintf(stderr, "  FAIL %s: %s:%d: %s\n", tl_current, file, line, expr);
        tl_current_failed = 1;
    }
    return ok;
}

int
tl_check_str(const char *got, const char *want, const char *expr, const char *file,
             int line)
{
    int ok = got && want ? strcmp(got, want) == 0 : got == want;

    if (!ok) {
        fprintf(stderr, "  FAIL %s: %s:%d: %s is '%s', want '%s'\n", tl_current, file,
                line, expr, got ? got : "(null)", want ? want : "(null)");
        tl_current_failed = 1;
    }
    return ok;
}

int
tl_check_num(double got, double want, double tol, const char *expr, const char *file,
             int line)
{
    int ok = fabs(got - want) <= tol;

    if (!ok) {
        fprintf(stderr, "  FAIL %s: %s:%d: %s is %.10g, want %.10g (tol %g)\n", tl_current,
                file, line, expr, got, want, tol);
        tl_current_failed = 1;
    }
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

double
tl_num(const char *db, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    double v = -12345;

    if (sqlite3_open(db, &h) == SQLITE_OK &&
        sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_double(st, 0);
    else
        fprintf(stderr, "    query failed: %s: %s\n", sql, sqlite3_errmsg(h));
    sqlite3_finalize(st);
    sqlite3_close(h);
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

/* The suites, in the order they run. */
static const struct {
    const char *name;
    void (*fn)(void);
} tl_suites[] = {
    {"text", suite_text},
    {"vocab", suite_vocab},
    {"diag", suite_diag},
    {"conf", suite_conf},
    {"msg", suite_msg},
    {"loader", suite_loader},
    {"inventory", suite_inventory},
    {"store", suite_store},
    {"lcc", suite_lcc},
    {"uncertain", suite_uncertain},
    {"import", suite_import},
    {"cli", suite_cli},
    {"run", suite_run},
    {"assess", suite_assess},
    {"level", suite_level},
    {"scenario", suite_scenario},
    {"report", suite_report},
    {"golden", suite_golden},
};

/* koyu-tests [SUITE|TEST]...: every suite, or only those named (a suite's
 * name is its file's without test_: "lcc", "golden"). */
int
main(int argc, char **argv)
{
    char out[64];
    size_t i;
    int k, known;

    if (argc > 1) {
        tl_only = argv + 1;
        tl_nonly = argc - 1;
    }
    snprintf(tl_root, sizeof tl_root, "/tmp/koyu-tests.%ld", (long)getpid());
    tl_sh(out, sizeof out, "rm -rf '%s' && mkdir -p '%s'", tl_root, tl_root);
    for (i = 0; i < sizeof tl_suites / sizeof tl_suites[0]; i++) {
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
