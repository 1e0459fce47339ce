/* test_golden.c - golden files: the workbooks of a small inventory (every
 * XML part, normalised by tests/golden.py) and the demo's database figures,
 * compared with fixtures/expected/, so that any change of output is seen.
 * KOYU_GOLDEN_UPDATE=1 writes the expected files anew (then review the
 * diff before committing it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#define GOLDEN_EPOCH "1775001600" /* 2026-04-01, fixed creation time */

/* Compares the normalised output in got (a file or folder) with expected;
 * replaces expected when KOYU_GOLDEN_UPDATE is set. */
static void
golden_compare(const char *got, const char *expected)
{
    char out[4096];
    const char *update = getenv("KOYU_GOLDEN_UPDATE");

    if (update && *update) {
        CHECK(tl_sh(out, sizeof out,
                    "rm -rf '%s' && mkdir -p \"$(dirname '%s')\" && cp -R '%s' '%s'", expected,
                    expected, got, expected) == 0);
        return;
    }
    if (!CHECK(tl_sh(out, sizeof out, "diff -ru '%s' '%s' | head -40", expected, got) == 0 &&
               out[0] == '\0'))
        fprintf(stderr, "    %s differs from %s:\n%s\n", got, expected, out);
}

/* Every workbook of the run in dir, normalised into norm/. */
static int
golden_normalise(const char *dir, const char *norm)
{
    char out[4096];

    return tl_sh(out, sizeof out,
                 "cd '%s' && rm -rf '%s' && for b in *.xlsx departments/*.xlsx; do"
                 " python3 \"$OLDPWD/tests/golden.py\" xlsx \"$b\" '%s'/\"$b\" || exit 1; done",
                 dir, norm, norm);
}

static void
test_golden_workbooks(void)
{
    const char *dir = tl_tmpdir("golden-books");
    char out[8192], ja[600], en[600], norm[700];

    /* all five shipped scenarios, uncertainty included */
    CHECK(tl_sh(out, sizeof out,
                "SOURCE_DATE_EPOCH=" GOLDEN_EPOCH " %s run --quiet --out '%s/ja' --year 2026"
                " --params fixtures/golden --scenario mic --scenario extend80 --scenario kushiro70"
                " --scenario reduce20 --scenario budget-cap fixtures/cases/assess",
                tl_koyu(), dir) == 0);
    /* the same run, reported in English */
    CHECK(tl_sh(out, sizeof out,
                "SOURCE_DATE_EPOCH=" GOLDEN_EPOCH " %s --lang en report --db '%s/ja/koyu.db'"
                " --year 2026 --out '%s/en'",
                tl_koyu(), dir, dir) == 0);
    snprintf(ja, sizeof ja, "%s/ja", dir);
    snprintf(en, sizeof en, "%s/en", dir);
    snprintf(norm, sizeof norm, "%s/norm-ja", dir);
    CHECK(golden_normalise(ja, norm) == 0);
    golden_compare(norm, "fixtures/expected/workbooks/ja");
    snprintf(norm, sizeof norm, "%s/norm-en", dir);
    CHECK(golden_normalise(en, norm) == 0);
    golden_compare(norm, "fixtures/expected/workbooks/en");
    /* the run stores no words: run in English, reported in Japanese, the
     * workbooks are those of the Japanese run */
    if (getenv("KOYU_GOLDEN_UPDATE"))
        return;
    CHECK(tl_sh(out, sizeof out,
                "SOURCE_DATE_EPOCH=" GOLDEN_EPOCH " %s --lang en run --quiet --out '%s/en-run'"
                " --year 2026 --params fixtures/golden --scenario mic --scenario extend80"
                " --scenario kushiro70 --scenario reduce20 --scenario budget-cap"
                " fixtures/cases/assess && SOURCE_DATE_EPOCH=" GOLDEN_EPOCH " %s report"
                " --db '%s/en-run/koyu.db' --year 2026 --out '%s/ja-report'",
                tl_koyu(), dir, tl_koyu(), dir, dir) == 0);
    snprintf(ja, sizeof ja, "%s/ja-report", dir);
    snprintf(norm, sizeof norm, "%s/norm-ja-report", dir);
    CHECK(golden_normalise(ja, norm) == 0);
    golden_compare(norm, "fixtures/expected/workbooks/ja");
}

static void
test_golden_demo_database(void)
{
    const char *dir = tl_tmpdir("golden-demo");
    char out[8192], got[600];

    /* make run's command */
    CHECK(tl_sh(out, sizeof out,
                "SOURCE_DATE_EPOCH=" GOLDEN_EPOCH " %s run --quiet --out '%s/out' --year 2026"
                " --params fixtures/demo-params --scenario mic --scenario extend80"
                " --scenario kushiro70 --scenario reduce20 --scenario budget-cap"
                " fixtures/kushiro-like",
                tl_koyu(), dir) == 0);
    snprintf(got, sizeof got, "%s/demo-db.txt", dir);
    CHECK(tl_sh(out, sizeof out, "python3 tests/golden.py db '%s/out/koyu.db' '%s'", dir, got) ==
          0);
    golden_compare(got, "fixtures/expected/demo-db.txt");
}

void
suite_golden(void)
{
    RUN(test_golden_workbooks);
    RUN(test_golden_demo_database);
}
