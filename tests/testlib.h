/*
 * testlib.h - koyu's tiny test harness (in the spirit of Redis testhelp.h).
 * A test is a function; it passes when every CHECK in it holds.  The runner
 * ends with the line "N passed, N failed" and exits non-zero on failure.
 */
#ifndef KOYU_TESTLIB_H
#define KOYU_TESTLIB_H

#include <math.h>
#include <string.h>

/* Records a check; prints the failure with its place.  Returns ok. */
int tl_check(int ok, const char *expr, const char *file, int line);
int tl_check_str(const char *got, const char *want, const char *expr, const char *file,
                 int line);
int tl_check_num(double got, double want, double tol, const char *expr, const char *file,
                 int line);

/* Runs one test function under its name. */
void tl_run(const char *name, void (*fn)(void));

#define CHECK(c) tl_check(!!(c), #c, __FILE__, __LINE__)
#define CHECK_STR(got, want) tl_check_str((got), (want), #got, __FILE__, __LINE__)
#define CHECK_NUM(got, want, tol) tl_check_num((got), (want), (tol), #got, __FILE__, __LINE__)
#define RUN(fn) tl_run(#fn, fn)

/* Suites, one per test file. */
void suite_text(void);
void suite_vocab(void);
void suite_diag(void);
void suite_loader(void);
void suite_inventory(void);
void suite_store(void);
void suite_import(void);
void suite_cli(void);
void suite_lcc(void);
void suite_run(void);
void suite_assess(void);
void suite_report(void);
void suite_level(void);
void suite_scenario(void);
void suite_uncertain(void);
void suite_pinning(void);

/* Helpers shared by suites (test_main.c). */
/* Makes a fresh empty directory under the test scratch root; returns a
 * static path valid until the next call. */
const char *tl_tmpdir(const char *name);
/* Runs a shell command; returns its exit status, stdout+stderr into out. */
int tl_sh(char *out, size_t size, const char *fmt, ...);
/* The first column of the first row of sql on database db, as a double;
 * -12345 (and a message) when the query fails. */
double tl_num(const char *db, const char *sql);
/* Path of the koyu binary under test. */
const char *tl_koyu(void);
/* The default parameters (templates/params, as compiled in), loaded once;
 * borrowed, valid for the whole run. */
struct params;
const struct params *tl_params(void);

#endif
