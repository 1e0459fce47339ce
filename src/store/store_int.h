/*
 * store_int.h - the layout of struct store, shared by store.c (schema and
 * imports) and store_results.c (snapshots and LCC results).  Private to
 * the store module, as SQLite's *Int.h headers are.
 */
#ifndef KOYU_STORE_INT_H
#define KOYU_STORE_INT_H

#include <sqlite3.h>

#include "koyu/core/arena.h"
#include "koyu/store/store.h"

/* Rows per multi-row INSERT: one statement per row spends most of its time
 * opening and closing cursors; 64 rows amortise that (measured ~3x). */
#define STORE_BATCH 64

/* Rows waiting for the next multi-row INSERT, their text copied. */
struct store_batch {
    enum inv_file f;
    int year;
    int n;
    long lines[STORE_BATCH];
    struct inv_value values[STORE_BATCH][INV_MAX_COLUMNS];
    size_t text_off[STORE_BATCH][INV_MAX_COLUMNS];
    struct arena text;
};

struct store {
    sqlite3 *db;
    int in_tx;
    struct store_batch batch;
    sqlite3_stmt *insert_many[INV__FILES]; /* STORE_BATCH rows */
    sqlite3_stmt *insert[INV__FILES];      /* one per input file */
    sqlite3_stmt *first_line[INV__FILES];
    sqlite3_stmt *add_message;
    long long message_seq;
    sqlite3_stmt *result_stmt[8];             /* store_results.c (0-4) and store_report.c (7),
                                                 prepared on first use */
    sqlite3_stmt *table_stmt[STORE_T__COUNT]; /* store_results_row */
    char last_error[256]; /* SQLite's message of a failure, kept past rollback */
};

#endif
