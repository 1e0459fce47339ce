/* test_import.c - whole imports: every bad-input fixture, the good ones,
 * snapshots by year, atomic failure, and the kushiro-like demo. */
#include <stdio.h>
#include <stdlib.h>

#include "koyu/inventory/importer.h"
#include "testlib.h"

/* Diagnostics as "file:line:column:key" lines. */
struct seen {
    char text[16384];
};

static int
remember(void *ctx, const struct diag_item *it)
{
    struct seen *s = ctx;
    size_t len = strlen(s->text);

    snprintf(s->text + len, sizeof s->text - len, "%s:%ld:%d:%s\n", it->file, it->line, it->column,
             diag_code_key(it->code));
    return 0;
}

/* Imports dir into the database at db as year; collects the diagnostics. */
static enum koyu_err
import_dir(const char *db, const char *dir, int year, struct seen *seen, struct importer_result *r)
{
    struct importer_options o = {year, LOADER_ENC_AUTO, dir, "2026-11-22T00:00:00Z", 0, 0};
    struct diag d;
    store *s = NULL;
    char err[256];
    int created;
    enum koyu_err e;

    memset(seen, 0, sizeof *seen);
    diag_init(&d, NULL, KOYU_LANG_EN, 100);
    if (store_open(db, &s, &created, err, sizeof err) != KOYU_OK)
        return KOYU_ERR_DB;
    d.sink = remember; /* the importer chains it after its own */
    d.sink_ctx = seen;
    e = importer_run(s, &o, &d, r);
    store_close(s);
    return e;
}

/* Validates dir as `koyu check` does: a dry run in a temporary database. */
static enum koyu_err
check_dir(const char *dir, int year, struct seen *seen)
{
    struct importer_options o = {year, LOADER_ENC_AUTO, dir, "2026-11-22T00:00:00Z", 1, 0};
    struct importer_result r;
    struct diag d;
    store *s = NULL;
    char err[256];
    int created;
    enum koyu_err e;

    memset(seen, 0, sizeof *seen);
    diag_init(&d, NULL, KOYU_LANG_EN, 100);
    if (store_open("", &s, &created, err, sizeof err) != KOYU_OK)
        return KOYU_ERR_DB;
    d.sink = remember;
    d.sink_ctx = seen;
    e = importer_run(s, &o, &d, &r);
    store_close(s);
    return e;
}

/* Overlays fixtures/cases/<name> on the good inventory in a scratch dir. */
static const char *
case_dir(const char *name)
{
    static char path[600];
    char out[256];

    snprintf(path, sizeof path, "%s", tl_tmpdir(name));
    tl_sh(out, sizeof out, "cp fixtures/cases/good/*.csv '%s'/ && cp fixtures/cases/%s/* '%s'/",
          path, name, path);
    return path;
}

struct bad_case {
    const char *name;
    const char *want; /* every finding, in order */
};

static void
test_bad_inputs(void)
{
    static const struct bad_case cases[] = {
        {"missing-column", "buildings.csv:1:0:missing_column\n"},
        {"missing-value", "facilities.csv:3:2:missing_value\n"},
        {"duplicate-id", "facilities.csv:8:1:duplicate_id\n"},
        {"unknown-facility", "buildings.csv:10:2:unknown_facility\n"},
        {"unknown-category", "facilities.csv:7:3:unknown_category\n"},
        {"not-number", "buildings.csv:5:5:not_number\n"},
        {"negative-cost", "usage.csv:2:7:negative\n"},
        {"zero-area", "buildings.csv:9:5:zero_area\n"},
        {"built-future", "buildings.csv:9:6:year_in_future\n"},
        {"built-early", "buildings.csv:9:6:year_too_early\n"},
        {"renovated-early", "buildings.csv:9:9:renovated_before_built\n"},
        {"utilization-range", "usage.csv:2:4:out_of_range\n"},
        {"ragged", "buildings.csv:9:0:ragged_row\n"},
        {"unterminated-quote", "facilities.csv:7:2:unterminated_quote\n"},
        {"stray-quote", "facilities.csv:3:2:csv_syntax\n"},
        {"invalid-utf8", "facilities.csv:8:2:bad_bytes\nfacilities.csv:8:3:bad_bytes\n"
                         "facilities.csv:8:5:bad_bytes\n"},
        {"empty-file", "facilities.csv:0:0:empty_file\n"},
        {"bad-grade", "buildings.csv:9:10:bad_grade\n"},
        {"bad-structure", "buildings.csv:9:4:bad_choice\n"},
        {"bad-year", "buildings.csv:9:6:bad_year\n"},
        /* duplicates of buildings and usage are found by the database,
         * after the reader's cross-file warnings, which still hold */
        {"usage-duplicate", "usage.csv:3:2:duplicate_id\nfacilities.csv:3:1:no_usage\n"
                            "facilities.csv:4:1:no_usage\n"},
        {"usage-unknown-facility", "usage.csv:2:2:unknown_facility\n"},
        {"many-errors", "buildings.csv:2:5:not_number\nbuildings.csv:3:4:bad_choice\n"
                        "buildings.csv:4:2:unknown_facility\n"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct seen seen;
        enum koyu_err e = check_dir(case_dir(cases[i].name), 2026, &seen);

        if (!CHECK(e == KOYU_ERR_DATA) || !CHECK_STR(seen.text, cases[i].want))
            fprintf(stderr, "    case %s\n", cases[i].name);
    }
}

static void
test_warnings_load(void)
{
    struct seen seen;

    CHECK(check_dir(case_dir("warnings"), 2026, &seen) == KOYU_OK);
    CHECK_STR(seen.text, "buildings.csv:8:5:area_implausible\n"
                         "buildings.csv:8:6:built_implausible\n"
                         "usage.csv:1:4:unknown_column\n"
                         "facilities.csv:7:1:no_buildings\n"
                         "facilities.csv:8:1:no_buildings\n"
                         "facilities.csv:3:1:no_usage\n"
                         "facilities.csv:4:1:no_usage\n"
                         "facilities.csv:8:1:no_usage\n");
}

static void
test_good_import(void)
{
    char db[600], txt[512], sha[512];
    struct importer_result r;
    struct seen seen;

    snprintf(db, sizeof db, "%s/k.db", tl_tmpdir("good"));
    CHECK(import_dir(db, "fixtures/cases/good", 2026, &seen, &r) == KOYU_OK);
    CHECK(r.summary.facilities == 5 && r.summary.buildings == 8);
    CHECK(r.summary.usage_rows == 11);
    CHECK(r.summary.floor_area_m2 == 13205.0);
    CHECK(tl_num(db, "SELECT count(*) FROM facilities WHERE year = 2026") == 5);
    /* what the parsers made of the real-export spellings */
    tl_text(db,
            "SELECT group_concat(facility_id) FROM (SELECT facility_id FROM facilities ORDER BY 1)",
            txt, sizeof txt);
    CHECK_STR(txt, "F001,F002,F003,F004,F005");
    tl_text(db,
            "SELECT group_concat(building_id || '=' || built_year || '/' ||"
            " floor_area_m2, ' ') FROM (SELECT * FROM buildings ORDER BY building_id)",
            txt, sizeof txt);
    CHECK_STR(txt, "B001=1975/1234.5 B002=1998/120.0 B003=1972/5000.0 B004=1989/1000.0 "
                   "B005=1980/2400.0 B006=1982/2400.0 B007=1975/250.5 B008=2020/800.0");
    tl_text(db,
            "SELECT renovated_year || structure || seismic || roof || mechanical"
            " FROM buildings WHERE building_id = 'B001'",
            txt, sizeof txt);
    CHECK_STR(txt, "2005RCold_retrofittedBD");
    tl_text(db, "SELECT name FROM facilities WHERE facility_id = 'F003'", txt, sizeof txt);
    CHECK_STR(txt, "市営愛国団地\n（1〜3号棟）");
    tl_text(db,
            "SELECT subcategory || status || ifnull(essential, '-')"
            " FROM facilities WHERE facility_id = 'F004'",
            txt, sizeof txt);
    CHECK_STR(txt, "市民文化系施設closing-");
    CHECK(tl_num(db, "SELECT essential FROM facilities WHERE facility_id = 'F002'") == 1);
    CHECK(tl_num(db, "SELECT land_area_m2 FROM facilities WHERE facility_id = 'F003'") == 8000);
    CHECK(tl_num(db, "SELECT land_value_yen FROM facilities WHERE facility_id = 'F001'") ==
          125000000);
    CHECK(tl_num(db, "SELECT utilization_pct FROM usage WHERE facility_id = 'F004'"
                     " AND fiscal_year = 2024") == 15);
    CHECK(tl_num(db, "SELECT cost_yen FROM v_running_costs WHERE facility_id = 'F001'"
                     " AND fiscal_year = 2025") == 16500000);
    /* the import record: files, their SHA-256 (checked against sha256sum),
     * row counts */
    CHECK(tl_num(db, "SELECT count(*) FROM import_files") == 3);
    CHECK(tl_num(db, "SELECT rows FROM import_files WHERE file = 'buildings.csv'") == 8);
    tl_text(db, "SELECT sha256 FROM import_files WHERE file = 'buildings.csv'", txt, sizeof txt);
    tl_sh(sha, sizeof sha, "sha256sum fixtures/cases/good/buildings.csv | cut -c1-64");
    CHECK(strlen(txt) == 64 && strncmp(txt, sha, 64) == 0);
    tl_text(db, "PRAGMA integrity_check", txt, sizeof txt);
    CHECK_STR(txt, "ok");
    CHECK(tl_num(db, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    /* the only year, imported again, replaces itself (tables emptied whole) */
    CHECK(import_dir(db, "fixtures/cases/good", 2026, &seen, &r) == KOYU_OK);
    CHECK(tl_num(db, "SELECT count(*) FROM facilities") == 5);
    CHECK(tl_num(db, "SELECT count(*) FROM buildings") == 8);
    CHECK(tl_num(db, "SELECT count(*) FROM usage") == 11);
    CHECK(tl_num(db, "SELECT count(*) FROM imports") == 2);
}

static void
test_cp932_same_as_utf8(void)
{
    static const char dump[] =
        "SELECT group_concat(x, '|') FROM (SELECT facility_id || name || category"
        " || subcategory || department AS x FROM facilities UNION ALL"
        " SELECT building_id || built_year || floor_area_m2 || ifnull(roof, '') FROM buildings"
        " UNION ALL SELECT facility_id || fiscal_year || TOTAL(personnel_yen) FROM usage"
        " GROUP BY facility_id, fiscal_year)";
    char a[600], b[600], ta[8192], tb[8192];
    struct importer_result r;
    struct seen seen;

    snprintf(a, sizeof a, "%s/a.db", tl_tmpdir("cp932-a"));
    snprintf(b, sizeof b, "%s/b.db", tl_tmpdir("cp932-b"));
    CHECK(import_dir(a, "fixtures/cases/good", 2026, &seen, &r) == KOYU_OK);
    CHECK(import_dir(b, "fixtures/cases/good-cp932", 2026, &seen, &r) == KOYU_OK);
    CHECK(r.files[INV_FACILITIES].encoding == LOADER_ENC_CP932);
    tl_text(a, dump, ta, sizeof ta);
    tl_text(b, dump, tb, sizeof tb);
    CHECK(strlen(ta) > 100);
    /* 〜 (U+301C) is written ～ (U+FF5E) in CP932 exports */
    {
        char *p = strstr(ta, "〜");

        if (p)
            memcpy(p, "～", strlen("～"));
    }
    CHECK_STR(ta, tb);
}

static void
test_snapshots_by_year(void)
{
    char db[600], sha_before[128], sha_after[128];
    struct importer_result r;
    struct seen seen;

    snprintf(db, sizeof db, "%s/y.db", tl_tmpdir("years"));
    CHECK(import_dir(db, "fixtures/cases/good", 2025, &seen, &r) == KOYU_OK);
    CHECK(import_dir(db, "fixtures/cases/good", 2026, &seen, &r) == KOYU_OK);
    CHECK(tl_num(db, "SELECT count(*) FROM facilities") == 10);
    /* importing 2026 again replaces that year only */
    CHECK(import_dir(db, case_dir("warnings"), 2026, &seen, &r) == KOYU_OK);
    CHECK(tl_num(db, "SELECT count(*) FROM facilities WHERE year = 2026") == 6);
    CHECK(tl_num(db, "SELECT count(*) FROM facilities WHERE year = 2025") == 5);
    CHECK(tl_num(db, "SELECT count(*) FROM imports") == 3);
    CHECK(tl_num(db, "SELECT count(*) FROM v_imports WHERE current") == 2);
    CHECK(tl_num(db, "SELECT warnings FROM imports WHERE import_id = 3") == 8);
    CHECK(tl_num(db, "SELECT count(*) FROM import_messages WHERE import_id = 3") == 8);
    /* a failed import changes nothing, not a byte */
    tl_sh(sha_before, sizeof sha_before, "sha256sum '%s' | cut -c1-64", db);
    CHECK(import_dir(db, case_dir("many-errors"), 2026, &seen, &r) == KOYU_ERR_DATA);
    tl_sh(sha_after, sizeof sha_after, "sha256sum '%s' | cut -c1-64", db);
    CHECK_STR(sha_after, sha_before);
    CHECK(tl_num(db, "SELECT count(*) FROM facilities WHERE year = 2026") == 6);
    CHECK(tl_num(db, "SELECT count(*) FROM imports") == 3);
}

static void
test_demo_inventory(void)
{
    char db[600], txt[64];
    struct importer_result r;
    struct seen seen;
    const struct store_summary *s = &r.summary;

    snprintf(db, sizeof db, "%s/demo.db", tl_tmpdir("demo"));
    CHECK(import_dir(db, "fixtures/kushiro-like", 2026, &seen, &r) == KOYU_OK);
    /* the published profile of 釧路市 (docs/method.md §11) */
    CHECK(s->facilities == 547);
    CHECK(s->buildings == 1815);
    CHECK_NUM(s->floor_area_m2, 1117101.1, 0.01 * 1117101.1);
    CHECK(s->categories == 13);
    CHECK_NUM(s->floor_area_pre1982_m2 / s->floor_area_m2, 0.44, 0.02);
    CHECK_NUM((double)s->graded_buildings / (double)s->buildings, 0.20, 0.03);
    CHECK_NUM(s->running_cost_yen, 6.0e9, 0.03 * 6.0e9);
    CHECK(s->latest_fiscal_year == 2025);
    CHECK(tl_num(db, "SELECT count(DISTINCT fiscal_year) FROM usage") == 3);
    tl_text(db, "PRAGMA integrity_check", txt, sizeof txt);
    CHECK_STR(txt, "ok");
    CHECK(tl_num(db, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
}

static void
test_demo_is_generated(void)
{
    /* the committed demo is exactly what the seeded generator writes */
    const char *gen = getenv("KOYU_GEN");
    char out[4096];
    const char *dir = tl_tmpdir("regen");

    if (!CHECK(gen != NULL))
        return;
    CHECK(tl_sh(out, sizeof out, "%s --out '%s' >/dev/null", gen, dir) == 0);
    CHECK(tl_sh(out, sizeof out,
                "cd '%s' && for f in facilities buildings usage; do "
                "cmp $f.csv \"$OLDPWD/fixtures/kushiro-like/$f.csv\" || exit 1; done",
                dir) == 0);
}

void
suite_import(void)
{
    RUN(test_bad_inputs);
    RUN(test_warnings_load);
    RUN(test_good_import);
    RUN(test_cp932_same_as_utf8);
    RUN(test_snapshots_by_year);
    RUN(test_demo_inventory);
    RUN(test_demo_is_generated);
}
