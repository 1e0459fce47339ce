/* test_store.c - schema version, upgrade path, foreign and newer files. */
#include <sqlite3.h>
#include <stdio.h>

#include "koyu/core/facset.h"
#include "koyu/store/store.h"
#include "testlib.h"

static void
exec_sql(const char *path, const char *sql)
{
    sqlite3 *db = NULL;

    if (sqlite3_open(path, &db) == SQLITE_OK)
        CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
}

static void
test_new_database(void)
{
    char path[600], err[256];
    store *s = NULL;
    int created = 0;

    snprintf(path, sizeof path, "%s/new.db", tl_tmpdir("store-new"));
    CHECK(store_open(path, &s, &created, err, sizeof err) == KOYU_OK);
    CHECK(created == 1);
    store_close(s);
    CHECK(tl_num(path, "PRAGMA user_version") == STORE_SCHEMA_VERSION);
    CHECK(tl_num(path, "PRAGMA application_id") == STORE_APPLICATION_ID);
    CHECK(tl_num(path, "SELECT count(*) FROM categories") == 13);
    CHECK(tl_num(path, "SELECT count(*) FROM sqlite_master WHERE type = 'view'") == 10);
    /* opening again changes nothing and is not "created" */
    CHECK(store_open(path, &s, &created, err, sizeof err) == KOYU_OK);
    CHECK(created == 0);
    store_close(s);
    CHECK(tl_num(path, "SELECT count(*) FROM categories") == 13);
}

/* A version-1 database (inventory only) is upgraded in place, its data
 * kept. */
static void
test_upgrade_from_v1(void)
{
    char path[600], err[256], out[256];
    store *s = NULL;
    int created;

    snprintf(path, sizeof path, "%s/v1.db", tl_tmpdir("store-v1"));
    CHECK(tl_sh(out, sizeof out, "%s import --db '%s' --year 2026 fixtures/cases/good", tl_koyu(),
                path) == 0);
    exec_sql(path, "DROP VIEW v_scenarios; DROP TABLE scenario_by_year;"
                   " DROP TABLE deferred_works; DROP TABLE reduction_exits;"
                   " DROP TABLE sensitivity; DROP TABLE mc_by_year; DROP TABLE mc_summary;"
                   " DROP TABLE facility_uncertainty; DROP TABLE building_assessment;"
                   " DROP VIEW v_consolidation; DROP TABLE consolidations;"
                   " ALTER TABLE import_messages DROP COLUMN detail;"
                   " DROP VIEW v_facility_result; DROP TABLE facility_assessment;"
                   " DROP INDEX facilities_by_department;"
                   " DROP TABLE policies; DROP VIEW v_facility_lcc; DROP VIEW v_renewal_by_year;"
                   " DROP VIEW v_current_runs; DROP TABLE renewal_schedule;"
                   " DROP TABLE facility_results; DROP TABLE renewal_by_year;"
                   " DROP TABLE lcc_params; DROP TABLE lcc_runs; PRAGMA user_version=1");
    CHECK(tl_num(path, "PRAGMA user_version") == 1);
    CHECK(store_open(path, &s, &created, err, sizeof err) == KOYU_OK);
    store_close(s);
    CHECK(tl_num(path, "PRAGMA user_version") == STORE_SCHEMA_VERSION);
    CHECK(tl_num(path, "SELECT count(*) FROM facilities") == 5);
    CHECK(tl_num(path, "SELECT count(*) FROM lcc_runs") == 0);
    CHECK(tl_num(path, "SELECT count(*) FROM v_facility_lcc") == 0);
    CHECK(tl_num(path, "SELECT count(*) FROM v_scenarios") == 0);
    CHECK(tl_num(path, "SELECT count(*) FROM pragma_table_info('lcc_runs')"
                       " WHERE name = 'backlog_yen'") == 1);
}

static void
test_refuses_other_files(void)
{
    const char *dir = tl_tmpdir("store-other");
    char path[600], err[256], out[64];
    store *s = NULL;
    int created;

    snprintf(path, sizeof path, "%s/newer.db", dir);
    exec_sql(path, "CREATE TABLE t(x); PRAGMA user_version=99;"
                   " PRAGMA application_id=1263491413");
    CHECK(store_open(path, &s, &created, err, sizeof err) == KOYU_ERR_DB_NEWER);
    CHECK(s == NULL);
    CHECK(strstr(err, "99") != NULL);

    snprintf(path, sizeof path, "%s/foreign.db", dir);
    exec_sql(path, "CREATE TABLE accounts(x)");
    CHECK(store_open(path, &s, &created, err, sizeof err) == KOYU_ERR_DB_FOREIGN);
    CHECK(tl_num(path, "SELECT count(*) FROM sqlite_master") == 1); /* untouched */

    snprintf(path, sizeof path, "%s/text.db", dir);
    tl_sh(out, sizeof out,
          "printf 'not a database at all, just some text..............."
          "..............................' > '%s'",
          path);
    CHECK(store_open(path, &s, &created, err, sizeof err) == KOYU_ERR_DB_FOREIGN);
}

struct dups {
    int n;
    long line, first;
};

static void
count_dup(void *ctx, long line, long first, const char *id, const struct inv_value *values)
{
    struct dups *d = ctx;

    (void)id;
    (void)values;
    d->n++;
    d->line = line;
    d->first = first;
}

/* Rows go in 64-row statements; a duplicate inside a batch is still found,
 * named with both lines, and the rest of the batch is kept. */
static void
test_batched_inserts(void)
{
    char err[256], id_buf[150][16];
    store *s = NULL;
    int created, i;
    struct inv_value v[INV_MAX_COLUMNS] = {{0}};
    struct store_summary sum;
    struct dups d = {0, 0, 0};
    long long import_id;

    CHECK(store_open("", &s, &created, err, sizeof err) == KOYU_OK);
    CHECK(store_begin_import(s, 2026, "x", "2026-01-01T00:00:00Z", "t", &import_id) == KOYU_OK);
    v[inventory_column_index(INV_BUILDINGS, "floor_area_m2")] = (struct inv_value){1, 10, NULL};
    v[inventory_column_index(INV_BUILDINGS, "built_year")] = (struct inv_value){1, 1990, NULL};
    v[1] = (struct inv_value){1, 0, "F1"};
    for (i = 0; i < 150; i++) {
        snprintf(id_buf[i], sizeof id_buf[i], "B%d", i == 100 ? 7 : i);
        v[0] = (struct inv_value){1, 0, id_buf[i]};
        CHECK(store_insert_row(s, INV_BUILDINGS, 2026, i + 2, v, count_dup, &d) == KOYU_OK);
    }
    CHECK(store_flush(s, count_dup, &d) == KOYU_OK);
    CHECK(d.n == 1 && d.line == 102 && d.first == 9);
    CHECK(store_summarize(s, 2026, &sum) == KOYU_OK);
    CHECK(sum.buildings == 149);
    CHECK(sum.floor_area_m2 == 1490);
    store_rollback(s);
    store_close(s);
}

static void
test_facset(void)
{
    facset *fs = facset_new();
    struct facset_entry *e;
    char id[32];
    int existed, i;

    for (i = 0; i < 5000; i++) {
        snprintf(id, sizeof id, "F%05d", i);
        e = facset_add(fs, id, i + 2, i % 3 ? FACSET_IN_SERVICE : 0, &existed);
        CHECK(e && !existed);
    }
    e = facset_add(fs, "F00042", 9999, 0, &existed);
    CHECK(e && existed && e->line == 44);
    CHECK(facset_count(fs) == 5000);
    CHECK(facset_find(fs, "F04999") && facset_find(fs, "F04999")->line == 5001);
    CHECK(facset_find(fs, "F5000") == NULL);
    CHECK_STR(facset_id(fs, facset_at(fs, 17)), "F00017"); /* insertion order */
    facset_free(fs);
    facset_free(NULL);
}

void
suite_store(void)
{
    RUN(test_new_database);
    RUN(test_upgrade_from_v1);
    RUN(test_refuses_other_files);
    RUN(test_batched_inserts);
    RUN(test_facset);
}
