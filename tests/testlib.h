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
int tl_check_str(const char *got, const char *want, const char *expr, const char *file, int line);
int tl_check_num(double got, double want, double tol, const char *expr, const char *file, int line);

/* Runs one test function under its name. */
void tl_run(const char *name, void (*fn)(void));
/* Runs fn(ctx) as a test of its own inside the current one: returns 1 when
 * it recorded a failure, which does not count against the current test.
 * Its failure messages go into msgs (cut to size; discarded when NULL). */
int tl_failures(void (*fn)(void *), void *ctx, char *msgs, size_t size);

#define CHECK(c)                  tl_check(!!(c), #c, __FILE__, __LINE__)
#define CHECK_STR(got, want)      tl_check_str((got), (want), #got, __FILE__, __LINE__)
#define CHECK_NUM(got, want, tol) tl_check_num((got), (want), (tol), #got, __FILE__, __LINE__)
#define RUN(fn)                   tl_run(#fn, fn)

/* Suites, one per test file. */
void suite_testlib(void);
void suite_text(void);
void suite_vocab(void);
void suite_diag(void);
void suite_conf(void);
void suite_msg(void);
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
void suite_golden(void);
void suite_assess_run(void);
void suite_scenario_run(void);
void suite_portfolio(void);
void suite_layers(void);
void suite_pinning(void);

/* Helpers shared by suites (test_main.c). */
/* Makes a fresh empty directory under the test scratch root; returns a
 * static path valid until the next call. */
const char *tl_tmpdir(const char *name);
/* Runs a shell command; returns its exit status, stdout+stderr into out. */
int tl_sh(char *out, size_t size, const char *fmt, ...);
/*
 * Reading the database at db (opened read-only).  tl_num, tl_text and
 * tl_is_null want sql to yield exactly one row: an SQL error, no row, more
 * than one row, and for tl_num and tl_text a NULL, each record a failure of
 * the current test (with the query and SQLite's message, at the caller's
 * line), so a typo or an empty join can never pass.  A test that expects no
 * row or a NULL says so with tl_rows or tl_is_null.
 */
/* The single value as a number (numeric text is read); NaN on failure, so
 * no comparison with it holds. */
#define tl_num(db, sql) tl_num_at((db), (sql), __FILE__, __LINE__)
double tl_num_at(const char *db, const char *sql, const char *file, int line);
/* The single value as text into buf; "" on failure. */
#define tl_text(db, sql, buf, size) tl_text_at((db), (sql), (buf), (size), __FILE__, __LINE__)
const char *tl_text_at(const char *db, const char *sql, char *buf, size_t size, const char *file,
                       int line);
/* 1 when the single value is NULL, 0 when it is not (or on failure). */
#define tl_is_null(db, sql) tl_is_null_at((db), (sql), __FILE__, __LINE__)
int tl_is_null_at(const char *db, const char *sql, const char *file, int line);
/* How many rows sql yields (0 is an answer); NaN and a failure on an
 * SQL error. */
#define tl_rows(db, sql) tl_rows_at((db), (sql), __FILE__, __LINE__)
double tl_rows_at(const char *db, const char *sql, const char *file, int line);
/* The number in column col (0-based) of the n-th row (from 1) of the CSV
 * file csv whose first cell is key; a missing row or cell, or a cell that
 * is not a number (empty too), records a failure and gives NaN. */
#define tl_csv_num(csv, key, n, col) tl_csv_num_at((csv), (key), (n), (col), __FILE__, __LINE__)
double tl_csv_num_at(const char *csv, const char *key, int n, int col, const char *file, int line);
/* Path of the koyu binary under test. */
const char *tl_koyu(void);
/* The default parameters (templates/params, as compiled in), loaded once;
 * borrowed, valid for the whole run. */
struct params;
const struct params *tl_params(void);

#endif
