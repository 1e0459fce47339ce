/* test_store.c - schema version, upgrade path, foreign and newer files. */
#include <sqlite3.h>
#include <stdio.h>

#include "koyu/store.h"
#include "testlib.h"

static int
query_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int v = -1;

    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

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
    CHECK(query_int(path, "PRAGMA user_version") == STORE_SCHEMA_VERSION);
    CHECK(query_int(path, "PRAGMA application_id") == STORE_APPLICATION_ID);
    CHECK(query_int(path, "SELECT count(*) FROM categories") == 13);
    CHECK(query_int(path, "SELECT count(*) FROM sqlite_master WHERE type = 'view'") == 4);
    /* opening again changes nothing and is not "created" */
    CHECK(store_open(path, &s, &created, err, sizeof err) == KOYU_OK);
    CHECK(created == 0);
    store_close(s);
    CHECK(query_int(path, "SELECT count(*) FROM categories") == 13);
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
    CHECK(query_int(path, "SELECT count(*) FROM sqlite_master") == 1); /* untouched */

    snprintf(path, sizeof path, "%s/text.db", dir);
    tl_sh(out, sizeof out, "printf 'not a database at all, just some text..............."
                           "..............................' > '%s'", path);
    CHECK(store_open(path, &s, &created, err, sizeof err) == KOYU_ERR_DB_FOREIGN);
}

static int orphans;

static void
count_orphan(void *ctx, const char *id, long line)
{
    (void)ctx;
    if (strcmp(id, "NOPE") == 0 && line == 2)
        orphans++;
}

static void
test_orphans_found(void)
{
    char err[256];
    store *s = NULL;
    int created;
    struct inv_value v[INV_MAX_COLUMNS] = {{0}};
    long long id;

    CHECK(store_open("", &s, &created, err, sizeof err) == KOYU_OK);
    CHECK(store_begin_import(s, 2026, "x", "2026-01-01T00:00:00Z", "t", &id) == KOYU_OK);
    v[0] = (struct inv_value){1, 0, "B1"};
    v[1] = (struct inv_value){1, 0, "NOPE"};
    v[inventory_column_index(INV_BUILDINGS, "floor_area_m2")] = (struct inv_value){1, 10, NULL};
    v[inventory_column_index(INV_BUILDINGS, "built_year")] = (struct inv_value){1, 1990, NULL};
    CHECK(store_insert_row(s, INV_BUILDINGS, 2026, 2, v, NULL, NULL) == KOYU_OK);
    CHECK(store_flush(s, NULL, NULL) == KOYU_OK); /* references are checked ... */
    orphans = 0;
    CHECK(store_each_orphan(s, INV_BUILDINGS, 2026, count_orphan, &orphans) == KOYU_OK);
    CHECK(orphans == 1);      /* ... here */
    store_rollback(s);
    store_close(s);
}

void
suite_store(void)
{
    RUN(test_new_database);
    RUN(test_refuses_other_files);
    RUN(test_orphans_found);
}
