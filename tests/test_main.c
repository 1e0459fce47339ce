/* test_main.c - the test runner: every suite, then "N passed, N failed". */
#include <stdarg.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "koyu/params.h"
#include "testlib.h"

static int tl_passed, tl_failed, tl_current_failed;
static const char *tl_current = "?";
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

void
tl_run(const char *name, void (*fn)(void))
{
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

int
main(void)
{
    char out[64];

    snprintf(tl_root, sizeof tl_root, "/tmp/koyu-tests.%ld", (long)getpid());
    tl_sh(out, sizeof out, "rm -rf '%s' && mkdir -p '%s'", tl_root, tl_root);
    suite_text();
    suite_vocab();
    suite_diag();
    suite_loader();
    suite_inventory();
    suite_store();
    suite_lcc();
    suite_uncertain();
    suite_import();
    suite_cli();
    suite_run();
    suite_assess();
    suite_level();
    suite_scenario();
    suite_report();
    suite_pinning();
    tl_sh(out, sizeof out, "rm -rf '%s'", tl_root);
    printf("%d passed, %d failed\n", tl_passed, tl_failed);
    return tl_failed ? 1 : 0;
}
