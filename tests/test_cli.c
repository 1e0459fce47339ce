/* test_cli.c - the koyu command as users run it: exit codes, messages,
 * files written or left alone. */
#include <stdio.h>
#include <stdlib.h>

#include "testlib.h"

static void
test_usage_and_version(void)
{
    char out[8192];

    CHECK(tl_sh(out, sizeof out, "%s --version", tl_koyu()) == 0);
    CHECK(strncmp(out, "koyu ", 5) == 0);
    CHECK(tl_sh(out, sizeof out, "%s --help", tl_koyu()) == 0);
    CHECK(strstr(out, "使い方: koyu") != NULL && strstr(out, "  run ") != NULL);
    CHECK(tl_sh(out, sizeof out, "%s --lang en --help", tl_koyu()) == 0);
    CHECK(strstr(out, "usage: koyu") != NULL);
    CHECK(tl_sh(out, sizeof out, "%s import --help", tl_koyu()) == 0);
    CHECK(tl_sh(out, sizeof out, "%s run --help", tl_koyu()) == 0);
    CHECK(tl_sh(out, sizeof out, "%s check --help", tl_koyu()) == 0);
    CHECK(tl_sh(out, sizeof out, "%s template --help", tl_koyu()) == 0);
    CHECK(tl_sh(out, sizeof out, "%s", tl_koyu()) == 2);
    CHECK(tl_sh(out, sizeof out, "%s frobnicate x", tl_koyu()) == 2);
    CHECK(tl_sh(out, sizeof out, "%s import --year 2026 fixtures/cases/good", tl_koyu()) == 2);
    CHECK(tl_sh(out, sizeof out, "%s import --db x.db fixtures/cases/good", tl_koyu()) == 2);
    CHECK(tl_sh(out, sizeof out, "%s check --year 20x6 fixtures/cases/good", tl_koyu()) == 2);
    CHECK(tl_sh(out, sizeof out, "%s check --bogus fixtures/cases/good", tl_koyu()) == 2);
    CHECK(tl_sh(out, sizeof out, "%s check --encoding latin1 fixtures/cases/good", tl_koyu()) == 2);
}

static void
test_check_messages(void)
{
    const char *dir = tl_tmpdir("cli-check");
    char out[8192];

    tl_sh(out, sizeof out,
          "cp fixtures/cases/good/*.csv '%s'/ && cp fixtures/cases/not-number/* '%s'/", dir, dir);
    CHECK(tl_sh(out, sizeof out, "%s check --year 2026 '%s'", tl_koyu(), dir) == 1);
    CHECK(strstr(out, "koyu: buildings.csv:5: 延床面積 '12,3a' は数値ではありません") != NULL);
    CHECK(tl_sh(out, sizeof out, "%s --lang en check --year 2026 '%s'", tl_koyu(), dir) == 1);
    CHECK(strstr(out, "koyu: buildings.csv:5: 延床面積 '12,3a' is not a number") != NULL);
    CHECK(tl_sh(out, sizeof out, "KOYU_LANG=en %s check --year R8 '%s'", tl_koyu(), dir) == 1);
    CHECK(strstr(out, "is not a number") != NULL);
    /* check writes nothing, anywhere */
    CHECK(tl_sh(out, sizeof out, "ls -A '%s' | wc -l", dir) == 0);
    CHECK(atoi(out) == 3);
    CHECK(tl_sh(out, sizeof out, "%s check --year 2026 fixtures/cases/good", tl_koyu()) == 0);
    CHECK(strstr(out, "施設 5、棟 8") != NULL);
}

static void
test_import_and_run(void)
{
    const char *dir = tl_tmpdir("cli-import");
    char out[8192];

    /* a failed import into a new database leaves no file behind */
    CHECK(tl_sh(out, sizeof out, "%s import --db '%s/k.db' --year 2026 fixtures/cases/ragged",
                tl_koyu(), dir) == 1);
    CHECK(tl_sh(out, sizeof out, "test -e '%s/k.db'", dir) != 0);
    CHECK(tl_sh(out, sizeof out, "%s import --db '%s/k.db' --year 2026 fixtures/cases/good",
                tl_koyu(), dir) == 0);
    CHECK(strstr(out, "施設 5") != NULL);
    /* a failed import into an existing database leaves it byte for byte */
    CHECK(tl_sh(out, sizeof out,
                "sha256sum '%s/k.db' > '%s/sum' && cp fixtures/cases/good/*.csv '%s'/ &&"
                " cp fixtures/cases/zero-area/*.csv '%s'/ &&"
                " %s import --db '%s/k.db' --year 2026 '%s';"
                " test $? = 1 && sha256sum -c --quiet '%s/sum'",
                dir, dir, dir, dir, tl_koyu(), dir, dir, dir) == 0);
    /* run with no --db keeps its database in the output folder */
    CHECK(tl_sh(out, sizeof out, "%s run --out '%s/out' --year 2026 fixtures/cases/good", tl_koyu(),
                dir) == 0);
    CHECK(tl_sh(out, sizeof out, "test -s '%s/out/koyu.db'", dir) == 0);
    CHECK(tl_sh(out, sizeof out, "%s run --year 2026 fixtures/cases/good", tl_koyu()) == 2);
    /* a file that is not a koyu database is refused, untouched */
    CHECK(tl_sh(out, sizeof out,
                "echo hello > '%s/notdb' && %s import --db '%s/notdb' --year 2026"
                " fixtures/cases/good; test $? = 1 && grep -qx hello '%s/notdb'",
                dir, tl_koyu(), dir, dir) == 0);
}

static void
test_template(void)
{
    const char *dir = tl_tmpdir("cli-template");
    char out[8192];

    CHECK(tl_sh(out, sizeof out, "%s template --out '%s/t'", tl_koyu(), dir) == 0);
    CHECK(tl_sh(out, sizeof out, "head -c 3 '%s/t/facilities.csv' | od -An -tx1", dir) == 0);
    CHECK(strstr(out, "ef bb bf") != NULL);
    CHECK(tl_sh(out, sizeof out, "head -1 '%s/t/buildings.csv'", dir) == 0);
    CHECK(strstr(out, "棟番号,施設番号,棟名,構造,延床面積,建築年度") != NULL);
    /* the filled-in example templates use exactly these headers */
    CHECK(tl_sh(out, sizeof out,
                "for f in facilities buildings usage policy; do"
                " head -1 '%s/t/'$f.csv | cmp - templates/inventory/$f.csv -n"
                " $(head -1 '%s/t/'$f.csv | wc -c) || exit 1; done",
                dir, dir) == 0);
    /* the committed dictionary is what koyu writes */
    CHECK(tl_sh(out, sizeof out, "cmp '%s/t/columns.csv' templates/inventory/columns.csv", dir) ==
          0);
    /* never overwrites a user's files unless told */
    CHECK(tl_sh(out, sizeof out, "echo mine > '%s/t/usage.csv' && %s template --out '%s/t'", dir,
                tl_koyu(), dir) == 1);
    CHECK(tl_sh(out, sizeof out, "grep -qx mine '%s/t/usage.csv'", dir) == 0);
    CHECK(tl_sh(out, sizeof out, "%s template --force --out '%s/t'", tl_koyu(), dir) == 0);
    CHECK(tl_sh(out, sizeof out, "grep -q mine '%s/t/usage.csv'", dir) != 0);
    /* the example inventory passes its own check */
    CHECK(tl_sh(out, sizeof out, "%s check --year 2026 templates/inventory", tl_koyu()) == 0);
}

static void
test_review_cases(void)
{
    const char *dir = tl_tmpdir("cli-review");
    char out[8192];

    /* header rows alone would replace the year with nothing: an error */
    tl_sh(out, sizeof out,
          "for f in facilities buildings; do head -1 fixtures/cases/good/$f.csv"
          " > '%s'/$f.csv; done",
          dir);
    CHECK(tl_sh(out, sizeof out, "%s --lang en import --db '%s/k.db' --year 2026 '%s'", tl_koyu(),
                dir, dir) == 1);
    CHECK(strstr(out, "facilities.csv: has a header row but no data rows") != NULL);
    CHECK(strstr(out, "buildings.csv: has a header row but no data rows") != NULL);
    /* a usage.csv that cannot be read is an error, not "not found" */
    dir = tl_tmpdir("cli-review2");
    tl_sh(out, sizeof out,
          "cp fixtures/cases/good/facilities.csv fixtures/cases/good/buildings.csv"
          " '%s'/ && mkdir '%s/usage.csv'",
          dir, dir);
    CHECK(tl_sh(out, sizeof out, "%s --lang en check --year 2026 '%s'", tl_koyu(), dir) == 1);
    CHECK(strstr(out, "usage.csv: cannot be read") != NULL);
    CHECK(strstr(out, "not found") == NULL);
    /* a duplicate usage row names its facility and fiscal year */
    dir = tl_tmpdir("cli-review3");
    tl_sh(out, sizeof out,
          "cp fixtures/cases/good/*.csv '%s'/ && cp fixtures/cases/usage-duplicate/*"
          " '%s'/",
          dir, dir);
    CHECK(tl_sh(out, sizeof out, "%s --lang en check --year 2026 '%s'", tl_koyu(), dir) == 1);
    CHECK(strstr(out, "usage.csv:3: 施設番号 'F001 2025' is a duplicate (first at line 2)") !=
          NULL);
}

static void
test_files_and_encodings(void)
{
    const char *dir = tl_tmpdir("cli-files");
    char out[8192];

    /* a missing required file is named */
    tl_sh(out, sizeof out, "cp fixtures/cases/good/facilities.csv '%s'/", dir);
    CHECK(tl_sh(out, sizeof out, "%s --lang en check --year 2026 '%s'", tl_koyu(), dir) == 1);
    CHECK(strstr(out, "koyu: buildings.csv: file not found") != NULL);
    CHECK(strstr(out, "usage.csv: file not found: running costs will be estimated") != NULL);
    /* forcing the wrong encoding shows the bytes it cannot read */
    CHECK(tl_sh(out, sizeof out,
                "%s --lang en check --encoding utf-8 --year 2026"
                " fixtures/cases/good-cp932",
                tl_koyu()) == 1);
    CHECK(strstr(out, "contains bytes that are not valid UTF-8") != NULL);
    CHECK(tl_sh(out, sizeof out,
                "%s check --encoding cp932 --year 2026"
                " fixtures/cases/good-cp932",
                tl_koyu()) == 0);
    /* the cap shows a count of what it left out */
    dir = tl_tmpdir("cli-cap");
    tl_sh(out, sizeof out,
          "cp fixtures/cases/good/*.csv '%s'/ && cp fixtures/cases/many-errors/* '%s'/", dir, dir);
    CHECK(tl_sh(out, sizeof out, "%s --lang en check --max-errors 1 --year 2026 '%s'", tl_koyu(),
                dir) == 1);
    CHECK(strstr(out, "buildings.csv: 2 more errors not shown") != NULL);
    CHECK(strstr(out, "has 3 errors") != NULL);
}

void
suite_cli(void)
{
    RUN(test_usage_and_version);
    RUN(test_check_messages);
    RUN(test_import_and_run);
    RUN(test_template);
    RUN(test_files_and_encodings);
    RUN(test_review_cases);
}
