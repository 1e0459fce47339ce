/* test_testlib.c - the harness's own helpers: a query that cannot answer
 * (a typo, no row, NULL, several rows) and a CSV cell that is not there
 * are failures, seen from a sub-harness so this suite stays green. */
#include <sqlite3.h>
#include <stdio.h>

#include "testlib.h"

/* A small database: t(x) holds 1, 2, 3; u(v) one NULL; w(s) '2.5', 'abc'. */
static const char *
sample_db(void)
{
    static char path[600];
    sqlite3 *h = NULL;

    snprintf(path, sizeof path, "%s/sample.db", tl_tmpdir("testlib"));
    if (!CHECK(sqlite3_open(path, &h) == SQLITE_OK))
        return path;
    CHECK(sqlite3_exec(h,
                       "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3);"
                       " CREATE TABLE u(v REAL); INSERT INTO u VALUES (NULL);"
                       " CREATE TABLE w(k TEXT, s TEXT);"
                       " INSERT INTO w VALUES ('n', '2.5'), ('a', 'abc'), ('e', '')",
                       NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(h);
    return path;
}

enum helper { NUM, TEXT, IS_NULL, ROWS, CHECKED_MAX };

struct call {
    const char *db, *sql;
    enum helper helper;
    double num;
    int flag;
    char text[64];
};

static void
call_helper(void *ctx)
{
    struct call *c = ctx;

    switch (c->helper) {
    case NUM:
        c->num = tl_num(c->db, c->sql);
        break;
    case TEXT:
        tl_text(c->db, c->sql, c->text, sizeof c->text);
        break;
    case IS_NULL:
        c->flag = tl_is_null(c->db, c->sql);
        break;
    case ROWS:
        c->num = tl_rows(c->db, c->sql);
        break;
    case CHECKED_MAX:
        /* the shape of a tolerance check over a set that may be empty */
        CHECK(tl_num(c->db, c->sql) < 1e-3);
        break;
    }
}

static void
test_queries_that_answer(void)
{
    const char *db = sample_db();
    struct call c = {db, NULL, NUM, 0, 0, ""};
    char msgs[2048];

    c.sql = "SELECT count(*) FROM t";
    CHECK(tl_failures(call_helper, &c, msgs, sizeof msgs) == 0);
    CHECK_STR(msgs, "");
    CHECK(c.num == 3);
    c.sql = "SELECT sum(x) / 4.0 FROM t";
    CHECK(tl_failures(call_helper, &c, msgs, sizeof msgs) == 0 && c.num == 1.5);
    c.sql = "SELECT s FROM w WHERE k = 'n'"; /* numeric text, as lcc_params keeps values */
    CHECK(tl_failures(call_helper, &c, msgs, sizeof msgs) == 0 && c.num == 2.5);
    c.helper = TEXT;
    c.sql = "SELECT group_concat(x, '+') FROM t";
    CHECK(tl_failures(call_helper, &c, msgs, sizeof msgs) == 0);
    CHECK_STR(c.text, "1+2+3");
    c.sql = "SELECT s FROM w WHERE k = 'e'"; /* empty text is a value */
    CHECK(tl_failures(call_helper, &c, msgs, sizeof msgs) == 0);
    CHECK_STR(c.text, "");
    c.helper = IS_NULL;
    c.sql = "SELECT v FROM u";
    CHECK(tl_failures(call_helper, &c, msgs, sizeof msgs) == 0 && c.flag == 1);
    c.sql = "SELECT max(x) FROM t";
    CHECK(tl_failures(call_helper, &c, msgs, sizeof msgs) == 0 && c.flag == 0);
    c.helper = ROWS;
    c.sql = "SELECT x FROM t WHERE x > 100";
    CHECK(tl_failures(call_helper, &c, msgs, sizeof msgs) == 0 && c.num == 0);
    c.sql = "SELECT x FROM t";
    CHECK(tl_failures(call_helper, &c, msgs, sizeof msgs) == 0 && c.num == 3);
    c.helper = CHECKED_MAX;
    c.sql = "SELECT max(abs(x - 2)) FROM t WHERE x = 2";
    CHECK(tl_failures(call_helper, &c, msgs, sizeof msgs) == 0);
    CHECK_STR(msgs, "");
}

static void
test_queries_that_fail(void)
{
    static const struct {
        enum helper helper;
        const char *sql, *want;
    } cases[] = {
        {NUM, "SELEC count(*) FROM t", "near \"SELEC\": syntax error"},
        {NUM, "SELECT count(*) FROM tt", "no such table: tt"},
        {NUM, "SELECT max(nosuch) FROM t", "no such column: nosuch"},
        {NUM, "SELECT x FROM t WHERE x > 100", "no row"},
        {NUM, "SELECT max(x) FROM t WHERE x > 100", "NULL"},
        {NUM, "SELECT v FROM u", "NULL"},
        {NUM, "SELECT x FROM t", "more than one row"},
        {NUM, "SELECT s FROM w WHERE k = 'a'", "not a number: 'abc'"},
        {NUM, "SELECT s FROM w WHERE k = 'e'", "not a number: ''"},
        {NUM, "", "empty"},
        {TEXT, "SELECT v FROM u", "NULL"},
        {TEXT, "SELECT x FROM t WHERE x > 100", "no row"},
        {TEXT, "SELECT group_concat(x) FROM t WHERE x > 100", "NULL"},
        {TEXT, "SELECT printf('%0100d', 1)", "longer than its buffer"},
        {IS_NULL, "SELECT v FROM u WHERE v > 0", "no row"},
        {IS_NULL, "SELECT vv FROM u", "no such column: vv"},
        {IS_NULL, "SELECT x FROM t", "more than one row"},
        {ROWS, "SELECT x FROM t WHERE", "incomplete input"},
        /* the pattern the suites used: an empty set's max was NULL, read
         * as 0, and passed */
        {CHECKED_MAX, "SELECT max(abs(x - 2)) FROM t WHERE x > 100", "NULL"},
    };
    const char *db = sample_db();
    size_t k;

    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct call c = {db, cases[k].sql, cases[k].helper, 0, 7, "?"};
        char msgs[2048];
        int failed = tl_failures(call_helper, &c, msgs, sizeof msgs);

        if (!CHECK(failed == 1) || !CHECK(strstr(msgs, cases[k].want) != NULL) ||
            !CHECK(strstr(msgs, "test_testlib.c:") != NULL) ||
            !CHECK(strstr(msgs, "query: ") != NULL && strstr(msgs, cases[k].sql) != NULL)) {
            fprintf(stderr, "    case %zu: %s\n%s", k, cases[k].sql, msgs);
            continue;
        }
        /* SQLite's message only where SQLite failed */
        CHECK(strstr(msgs, "rows available") == NULL && strstr(msgs, "row available") == NULL &&
              strstr(msgs, "not an error") == NULL);
        /* nothing a failed query returns passes for a figure */
        if (c.helper == NUM || c.helper == ROWS)
            CHECK(isnan(c.num));
        if (c.helper == TEXT)
            CHECK_STR(c.text, "");
        if (c.helper == IS_NULL)
            CHECK(c.flag == 0);
    }
}

/* A database that is not there is a failure, and is not created. */
static void
test_missing_database(void)
{
    char path[600], msgs[2048], out[64];
    struct call c = {path, "SELECT 1", NUM, 0, 0, ""};

    snprintf(path, sizeof path, "%s/nowhere.db", tl_tmpdir("testlib-missing"));
    CHECK(tl_failures(call_helper, &c, msgs, sizeof msgs) == 1);
    CHECK(strstr(msgs, "cannot open the database") != NULL);
    c.helper = ROWS;
    CHECK(tl_failures(call_helper, &c, msgs, sizeof msgs) == 1);
    CHECK(tl_sh(out, sizeof out, "test ! -e '%s'", path) == 0);
}

struct cell {
    const char *csv, *key;
    int n, col;
    double v;
};

static void
read_cell(void *ctx)
{
    struct cell *c = ctx;

    c->v = tl_csv_num(c->csv, c->key, c->n, c->col);
}

static void
test_csv_cells(void)
{
    static const struct {
        const char *key;
        int n, col;
        double want; /* NaN: a failure */
    } cases[] = {
        {"total", 1, 1, 1234.5}, {"total", 2, 1, -2},   {"total", 3, 1, NAN}, {"empty", 1, 1, NAN},
        {"text", 1, 1, NAN},     {"nosuch", 1, 1, NAN}, {"total", 1, 9, NAN}, {"quoted", 1, 2, 7},
    };
    const char *dir = tl_tmpdir("testlib-csv");
    char csv[600], out[256], msgs[2048];
    struct cell c = {csv, NULL, 0, 0, 0};
    size_t k;

    snprintf(csv, sizeof csv, "%s/t.csv", dir);
    CHECK(tl_sh(out, sizeof out,
                "printf 'total,1234.5\\ntotal,-2\\nempty,\\ntext,Err:502\\nquoted,\"a, b\",7\\n'"
                " > '%s'",
                csv) == 0);
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int failed;

        c.key = cases[k].key;
        c.n = cases[k].n;
        c.col = cases[k].col;
        failed = tl_failures(read_cell, &c, msgs, sizeof msgs);
        if (isnan(cases[k].want)) {
            if (!CHECK(failed == 1 && isnan(c.v) && strstr(msgs, "test_testlib.c:") != NULL))
                fprintf(stderr, "    case %zu\n", k);
        } else if (!CHECK(failed == 0 && c.v == cases[k].want)) {
            fprintf(stderr, "    case %zu: %g\n%s", k, c.v, msgs);
        }
    }
    snprintf(csv, sizeof csv, "%s/nosuch.csv", dir);
    c.key = "total";
    c.n = 1;
    c.col = 1;
    CHECK(tl_failures(read_cell, &c, msgs, sizeof msgs) == 1);
}

/* A failure inside the sub-harness is its own: the outer test keeps its
 * state, and a failure before it still counts. */
static void
fail_once(void *ctx)
{
    (void)ctx;
    CHECK(1 == 2);
}

static void
outer_with_a_failure(void *ctx)
{
    int *inner = ctx;

    CHECK(0);
    *inner = tl_failures(fail_once, NULL, NULL, 0);
}

static void
test_sub_harness(void)
{
    char msgs[512];
    int inner = 0;

    CHECK(tl_failures(fail_once, NULL, msgs, sizeof msgs) == 1);
    CHECK(strstr(msgs, "1 == 2") != NULL);
    CHECK(tl_failures(outer_with_a_failure, &inner, msgs, sizeof msgs) == 1);
    CHECK(inner == 1);
    CHECK(strstr(msgs, "1 == 2") == NULL); /* discarded: no buffer given */
}

void
suite_testlib(void)
{
    RUN(test_queries_that_answer);
    RUN(test_queries_that_fail);
    RUN(test_missing_database);
    RUN(test_csv_cells);
    RUN(test_sub_harness);
}
