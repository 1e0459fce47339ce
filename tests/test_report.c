/* test_report.c - the workbooks, opened in LibreOffice: sheets, recalculated
 * totals against the database, facility rows, text never a formula,
 * reproducible bytes, atomic replacement, safe department file names. */
#include <stdio.h>
#include <stdlib.h>

#include "koyu/report/report.h"
#include "testlib.h"

static void
test_workbook_in_libreoffice(void)
{
    const char *dir = tl_tmpdir("report");
    char out[8192], db[700], csv[800];
    double total;

    /* names a spreadsheet must not take for formulas */
    CHECK(
        tl_sh(
            out, sizeof out,
            "mkdir -p '%s/inv' && cp fixtures/cases/good/*.csv '%s/inv/' &&"
            " sed -i 's/^F001,\"中央公民館, 本館\"/F001,\"=HYPERLINK(\"\"http:\\/\\/x.invalid\"\")\"/;"
            " s/^F005,阿寒浄水場/F005,+1+1/' '%s/inv/facilities.csv'",
            dir, dir, dir) == 0);
    CHECK(tl_sh(out, sizeof out,
                "KOYU_TEST_ZERO_CACHE=1 %s run --quiet --out '%s/out' --year 2026 '%s/inv'",
                tl_koyu(), dir, dir) == 0);
    CHECK(strstr(out, "Excel: ") != NULL);
    snprintf(db, sizeof db, "%s/out/koyu.db", dir);
    CHECK(tl_sh(out, sizeof out,
                "python3 tests/xlsx_check.py '%s/out/assessment-2026.xlsx'"
                " '=HYPERLINK' '+1+1'",
                dir) == 0);
    CHECK(strncmp(out, "ok", 2) == 0);
    /* every cached value was 0: what LibreOffice shows, it computed */
    CHECK(tl_sh(out, sizeof out, "sh tests/xlsx_sheets.sh '%s/out/assessment-2026.xlsx' '%s/csv'",
                dir, dir) == 0);
    CHECK(tl_sh(out, sizeof out, "ls '%s/csv' | grep -c '\\.csv$'", dir) == 0);
    /* the nine sheets, and the baseline's comparison, sensitivity, Monte
     * Carlo and robustness (test_scenario checks their figures) */
    CHECK(atoi(out) == 13);
    snprintf(csv, sizeof csv, "%s/csv/assessment-2026-概要.csv", dir);
    CHECK(tl_csv_num(csv, "施設数", 1, 1) == 5);
    CHECK(tl_csv_num(csv, "棟数", 1, 1) == 8);
    CHECK_NUM(tl_csv_num(csv, "延床面積（㎡）", 1, 1), 13205, 1e-6);
    /* the good fixture's projection, by hand in test_run: 5,142M, the peak
     * 648.6M in 2032 (B003's rebuild and three backlog renovations) */
    total = tl_num(db, "SELECT total_yen FROM lcc_runs");
    CHECK_NUM(total, 5142000000, 1e-3);
    CHECK_NUM(tl_csv_num(csv, "更新費用 総額（億円）", 1, 1), total / 1e8, 1e-6);
    CHECK_NUM(tl_csv_num(csv, "同 年平均（億円）", 1, 1), total / 40 / 1e8, 1e-6);
    CHECK_NUM(tl_csv_num(csv, "同 最大の年（億円）", 1, 1), 6.486, 1e-9);
    CHECK(tl_csv_num(csv, "最大の年度", 1, 1) == 2032);
    /* the sorting: F001 F002 rebuild, F003 repair (its 長寿命化改修 with
     * 耐震補強 costs less than a new building), F004 (closing) sell, F005
     * (休止, its building sound) lease */
    CHECK(tl_num(db, "SELECT count(*) FROM v_facility_result WHERE decision = 'keep'") == 0);
    CHECK(tl_num(db, "SELECT count(*) FROM v_facility_result WHERE decision = 'rebuild'") == 2);
    CHECK(tl_num(db, "SELECT count(*) FROM v_facility_result WHERE decision = 'repair'") == 1);
    CHECK(tl_num(db, "SELECT count(*) FROM v_facility_result WHERE decision = 'sell'") == 1);
    CHECK(tl_num(db, "SELECT count(*) FROM v_facility_result WHERE decision = 'lease'"
                     " AND rule = 'R2_suspended' AND facility_id = 'F005'") == 1);
    CHECK(tl_csv_num(csv, "維持", 1, 1) == 0);
    CHECK(tl_csv_num(csv, "改修", 1, 1) == 1);
    CHECK_NUM(tl_csv_num(csv, "改修", 1, 2), 4800, 1e-9);
    CHECK(tl_csv_num(csv, "建替", 1, 1) == 2);
    CHECK_NUM(tl_csv_num(csv, "建替", 1, 2), 1354.5 + 6000, 1e-9);
    CHECK(tl_csv_num(csv, "売却", 1, 1) == 1);
    CHECK_NUM(tl_csv_num(csv, "売却", 1, 2), 250.5, 1e-9);
    CHECK(tl_csv_num(csv, "貸付", 1, 1) == 1);
    CHECK_NUM(tl_csv_num(csv, "貸付", 1, 2), 800, 1e-9);
    /* the reviews by tier, on the summary sheet as on the console */
    CHECK(tl_csv_num(csv, "二次評価の対象", 1, 1) == 5);
    CHECK(tl_csv_num(csv, "  緊急", 1, 1) == 3);
    CHECK(tl_csv_num(csv, "  サービス変更", 1, 1) == 1);
    CHECK(tl_csv_num(csv, "  時期確認", 1, 1) == 1);
    /* the projection's total row adds up to the stored total */
    snprintf(csv, sizeof csv, "%s/csv/assessment-2026-更新費用推計.csv", dir);
    CHECK_NUM(tl_csv_num(csv, "合計", 1, 21), total, 1e-3);
    /* one row per facility, in id order, with the stored decision */
    CHECK(tl_sh(out, sizeof out,
                "python3 -c \"import csv; print(' '.join(r[0] for r in list(csv.reader(open("
                "'%s/csv/assessment-2026-施設一覧.csv', encoding='utf-8')))[1:]), end=' ')\"",
                dir) == 0);
    CHECK_STR(out, "F001 F002 F003 F004 F005 ");
    CHECK(tl_sh(out, sizeof out, "grep -c '^B00' '%s/csv/assessment-2026-棟一覧.csv'", dir) == 0);
    CHECK(atoi(out) == 8);
    CHECK(tl_sh(out, sizeof out, "grep -c 'horizon_years,40' '%s/csv/assessment-2026-前提条件.csv'",
                dir) == 0);
    CHECK(atoi(out) == 1);
    CHECK(
        tl_sh(out, sizeof out,
              "grep -c 'facilities.csv,[0-9a-f]\\{64\\},5,' '%s/csv/assessment-2026-前提条件.csv'",
              dir) == 0);
    CHECK(atoi(out) == 1);
    /* one workbook per department, each opening */
    CHECK(tl_sh(out, sizeof out, "ls '%s/out/departments' | wc -l", dir) == 0);
    CHECK(atoi(out) == 5);
    CHECK(tl_num(db, "SELECT count(DISTINCT department) FROM facilities") == 5);
    CHECK(tl_sh(out, sizeof out, "python3 tests/xlsx_check.py '%s/out/departments/学校教育課.xlsx'",
                dir) == 0);
    CHECK(tl_sh(out, sizeof out,
                "sh tests/xlsx_sheets.sh '%s/out/departments/学校教育課.xlsx' '%s/dept'", dir,
                dir) == 0);
    CHECK(tl_sh(out, sizeof out, "grep -c '^F002' '%s/dept/学校教育課-施設一覧.csv'", dir) == 0);
    CHECK(atoi(out) == 1);
    CHECK(tl_sh(out, sizeof out, "grep -c 'F002' '%s/dept/学校教育課-施設カルテ.csv'", dir) == 0);
    CHECK(atoi(out) == 1);
}

static void
test_reproducible_and_atomic(void)
{
    const char *dir = tl_tmpdir("report-repro");
    char out[4096], a[128], b[128];

    CHECK(tl_sh(out, sizeof out, "%s run --quiet --out '%s/a' --year 2026 fixtures/cases/good",
                tl_koyu(), dir) == 0);
    CHECK(tl_sh(out, sizeof out, "%s report --quiet --db '%s/a/koyu.db' --year 2026 --out '%s/b'",
                tl_koyu(), dir, dir) == 0);
    /* same data, same parameters: the same bytes */
    CHECK(tl_sh(out, sizeof out, "cmp '%s/a/assessment-2026.xlsx' '%s/b/assessment-2026.xlsx'", dir,
                dir) == 0);
    CHECK(tl_sh(out, sizeof out,
                "cmp '%s/a/departments/住宅課.xlsx' '%s/b/departments/住宅課.xlsx'", dir,
                dir) == 0);
    /* workbooks written on two threads are those written one by one */
    CHECK(
        tl_sh(
            out, sizeof out,
            "KOYU_REPORT_THREADS=1 %s report --quiet --db '%s/a/koyu.db' --year 2026 --out '%s/s1'"
            " && KOYU_REPORT_THREADS=2 %s report --quiet --db '%s/a/koyu.db' --year 2026"
            " --out '%s/s2' && diff -r '%s/s1' '%s/s2' && diff -r '%s/s1' '%s/b'",
            tl_koyu(), dir, dir, tl_koyu(), dir, dir, dir, dir, dir, dir) == 0);
    /* a write that fails half-way leaves the previous workbook and no
     * temporary file */
    tl_sh(a, sizeof a, "sha256sum '%s/b/assessment-2026.xlsx' | cut -c1-64", dir);
    CHECK(
        tl_sh(
            out, sizeof out,
            "KOYU_TEST_FAIL_CELLS=40 %s --lang en report --db '%s/a/koyu.db' --year 2026 --out '%s/b'",
            tl_koyu(), dir, dir) == 1);
    CHECK(strstr(out, "cannot write") != NULL);
    tl_sh(b, sizeof b, "sha256sum '%s/b/assessment-2026.xlsx' | cut -c1-64", dir);
    CHECK_STR(b, a);
    CHECK(tl_sh(out, sizeof out, "ls -A '%s/b' '%s/b/departments' | grep -c '[.]tmp'", dir, dir) ==
          1);
    CHECK(atoi(out) == 0);
    /* so does a department workbook failing on the second thread: it is
     * reported, and no workbook is replaced, the assessment neither */
    tl_sh(a, sizeof a, "cat '%s/b/assessment-2026.xlsx' '%s/b/departments/'*.xlsx | sha256sum", dir,
          dir);
    CHECK(
        tl_sh(
            out, sizeof out,
            "KOYU_REPORT_THREADS=2 KOYU_TEST_FAIL_CELLS=40 KOYU_TEST_FAIL_BOOK=住宅課 %s --lang en"
            " report --db '%s/a/koyu.db' --year 2026 --out '%s/b'",
            tl_koyu(), dir, dir) == 1);
    CHECK(strstr(out, "cannot write") != NULL && strstr(out, "住宅課.xlsx") != NULL);
    tl_sh(b, sizeof b, "cat '%s/b/assessment-2026.xlsx' '%s/b/departments/'*.xlsx | sha256sum", dir,
          dir);
    CHECK_STR(b, a);
    CHECK(tl_sh(out, sizeof out, "ls -A '%s/b' '%s/b/departments' | grep -c '[.]tmp'", dir, dir) ==
          1);
    CHECK(atoi(out) == 0);
    /* English sheets and labels */
    CHECK(tl_sh(out, sizeof out,
                "%s --lang en report --db '%s/a/koyu.db' --year 2026 --out '%s/en'"
                " --no-departments",
                tl_koyu(), dir, dir) == 0);
    CHECK(tl_sh(out, sizeof out,
                "sh tests/xlsx_sheets.sh '%s/en/assessment-2026.xlsx' '%s/encsv' &&"
                " head -1 '%s/encsv/assessment-2026-Facilities.csv'",
                dir, dir, dir) == 0);
    CHECK(strstr(out, "Facility id,Name,Category") != NULL);
    CHECK(tl_sh(out, sizeof out, "test ! -e '%s/en/departments'", dir) == 0);
    /* a report of a year without results says so */
    CHECK(tl_sh(out, sizeof out, "%s --lang en report --db '%s/a/koyu.db' --year 2020 --out '%s/c'",
                tl_koyu(), dir, dir) == 1);
    CHECK(strstr(out, "no results for 2020") != NULL);
}

/* A run of the good fixture into DIR/a, its database then changed by sql
 * as another tool might (changing exactly `rows` rows), and reported again
 * into DIR/b; returns DIR. */
static const char *
run_edit_report(const char *name, const char *sql, int rows)
{
    const char *dir = tl_tmpdir(name);
    char out[4096], want[32];

    CHECK(tl_sh(out, sizeof out, "%s run --quiet --out '%s/a' --year 2026 fixtures/cases/good",
                tl_koyu(), dir) == 0);
    CHECK(tl_sh(out, sizeof out, "sqlite3 '%s/a/koyu.db' \"%s; SELECT total_changes()\"", dir,
                sql) == 0);
    snprintf(want, sizeof want, "%d\n", rows);
    CHECK_STR(out, want);
    CHECK(tl_sh(out, sizeof out, "%s report --quiet --db '%s/a/koyu.db' --year 2026 --out '%s/b'",
                tl_koyu(), dir, dir) == 0);
    return dir;
}

/* NaN and infinity never reach the writer: an infinite amount in the
 * database leaves its cell empty, a formula over it caches 0, and a ratio
 * of two infinities (NaN) caches 0 too. */
static void
test_never_nan(void)
{
    /* SQLite keeps 9e999 as +Inf (a NaN it would store as NULL) */
    const char *dir =
        run_edit_report("report-nan",
                        "UPDATE facility_results SET floor_area_m2 = 9e999, keep_pv_yen = 9e999,"
                        " sell_pv_yen = -9e999, keep_annual_yen = 9e999 WHERE facility_id = 'F001';"
                        " UPDATE lcc_runs SET floor_area_m2 = 9e999",
                        2);
    char out[4096], db[700];

    snprintf(db, sizeof db, "%s/a/koyu.db", dir);
    CHECK(tl_num(db, "SELECT keep_pv_yen FROM facility_results WHERE facility_id = 'F001'") ==
          INFINITY);
    /* every number cell finite; F001's row (2) empty where it was infinite;
     * the summary's floor area (B5) a formula caching 0 */
    CHECK(tl_sh(out, sizeof out,
                "python3 tests/xlsx_check.py '%s/b/assessment-2026.xlsx' --cell '施設一覧!F2'"
                " --cell '施設一覧!V2' --cell '施設一覧!Y2' --cell 'LCC比較!D2' --cell 'LCC比較!I2'"
                " --cell '概要!B5'",
                dir) == 0);
    CHECK_STR(out, "ok\nF2=\nV2=\nY2=\nD2=\nI2=\nB5=0\n");
    CHECK(
        tl_sh(out, sizeof out,
              "python3 tests/xlsx_check.py '%s/b/departments/生涯学習課.xlsx' --cell '施設一覧!V2'",
              dir) == 0);
    CHECK_STR(out, "ok\nV2=\n");
}

/* Invalid UTF-8 never reaches the writer: the import rejects it, and text
 * read back from a database changed by other tools is repaired (U+FFFD per
 * bad byte) so every XML part stays well-formed. */
static void
test_invalid_utf8_repaired(void)
{
    const char *dir = run_edit_report(
        "report-utf8",
        "UPDATE facilities SET name = CAST(X'E3FF41' AS TEXT) WHERE facility_id = 'F002';"
        " UPDATE facilities SET subcategory = CAST(X'C328E69CAC' AS TEXT)"
        " WHERE facility_id = 'F002'",
        2);
    char out[4096];

    /* E3 (a cut character) and FF each become U+FFFD; C3 before '(' too */
    CHECK(tl_sh(out, sizeof out,
                "python3 tests/xlsx_check.py '%s/b/assessment-2026.xlsx'"
                " \"$(printf '\357\277\275\357\277\275A')\" \"$(printf '\357\277\275(本')\"",
                dir) == 0);
    CHECK_STR(out, "ok\n");
    CHECK(tl_sh(out, sizeof out,
                "python3 tests/xlsx_check.py '%s/b/departments/学校教育課.xlsx'"
                " \"$(printf '\357\277\275\357\277\275A')\"",
                dir) == 0);
    CHECK_STR(out, "ok\n");
}

static void
test_safe_names(void)
{
    char buf[128];

    CHECK_STR(report_safe_name("教育委員会/学校教育課", buf, sizeof buf), "教育委員会_学校教育課");
    CHECK_STR(report_safe_name("../etc", buf, sizeof buf), "_etc");
    CHECK_STR(report_safe_name("a:b*c?d\"e<f>g|h\\i", buf, sizeof buf), "a_b_c_d_e_f_g_h_i");
    CHECK_STR(report_safe_name("CON", buf, sizeof buf), "_CON");
    CHECK_STR(report_safe_name("nul.txt", buf, sizeof buf), "_nul.txt");
    CHECK_STR(report_safe_name("", buf, sizeof buf), "_");
    CHECK_STR(report_safe_name("  .. ", buf, sizeof buf), "_");
    CHECK_STR(report_safe_name("tab\there", buf, sizeof buf), "tab_here");
    /* long names are cut on a character boundary */
    report_safe_name("あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよ",
                     buf, sizeof buf);
    CHECK(strlen(buf) <= 80 && strlen(buf) % 3 == 0);
    CHECK(report_created_time(2026) == 1775001600); /* 2026-04-01T00:00:00Z */
}

/* A run made before schema 5 lacks the buildings' assessments and some of
 * the reasons' figures: report refuses it and says to assess again, which
 * mends it; an import message stored without its detail is shown as it
 * was stored. */
static void
test_results_of_an_older_koyu(void)
{
    const char *dir = tl_tmpdir("report-older");
    char out[8192], db[700];

    CHECK(tl_sh(out, sizeof out, "%s run --quiet --out '%s/a' --year 2026 fixtures/cases/assess",
                tl_koyu(), dir) == 0);
    snprintf(db, sizeof db, "%s/a/koyu.db", dir);
    /* what the upgrade from schema 4 leaves */
    CHECK(tl_sh(out, sizeof out,
                "sqlite3 '%s' \"DELETE FROM building_assessment; UPDATE import_messages"
                " SET detail = NULL; SELECT changes()\"",
                db) == 0);
    CHECK_STR(out, "1\n");
    CHECK(tl_sh(out, sizeof out, "%s --lang en report --db '%s' --year 2026 --out '%s/b'",
                tl_koyu(), db, dir) == 1);
    CHECK(strstr(out, "computed by an older koyu") != NULL && strstr(out, "koyu assess") != NULL);
    CHECK(tl_sh(out, sizeof out, "test ! -e '%s/b/assessment-2026.xlsx'", dir) == 0);
    CHECK(tl_sh(out, sizeof out,
                "%s assess --db '%s' --year 2026 --no-uncertainty"
                " && %s report --db '%s' --year 2026 --out '%s/b'",
                tl_koyu(), db, tl_koyu(), db, dir) == 0);
    CHECK(tl_rows(db, "SELECT 1 FROM building_assessment") == 16);
    /* the message as the import wrote it, its figure kept */
    CHECK(tl_sh(out, sizeof out,
                "python3 tests/xlsx_check.py '%s/b/assessment-2026.xlsx' 'facilities.csv:11:"
                " 施設番号 '\\''A10'\\'' の 2025 年度の利用・コストの行が usage.csv にありません'",
                dir) == 0);
    CHECK_STR(out, "ok\n");
}

/* Workbooks are written even when no thread can have a connection of its
 * own (a private temporary database): the calling thread writes them all. */
static void
test_threads_without_connections(void)
{
    const char *dir = tl_tmpdir("report-threads");
    char out[8192];

    CHECK(tl_sh(out, sizeof out,
                "KOYU_REPORT_THREADS=4 %s run --quiet --db '' --out '%s' --year 2026"
                " fixtures/cases/good",
                tl_koyu(), dir) == 0);
    CHECK(tl_sh(out, sizeof out, "ls '%s'/departments/*.xlsx | wc -l", dir) == 0);
    CHECK_STR(out, "5\n");
}

void
suite_report(void)
{
    RUN(test_safe_names);
    RUN(test_workbook_in_libreoffice);
    RUN(test_reproducible_and_atomic);
    RUN(test_never_nan);
    RUN(test_invalid_utf8_repaired);
    RUN(test_results_of_an_older_koyu);
    RUN(test_threads_without_connections);
}
