/*
 * store.h - the SQLite database: schema and its upgrades, the inventory
 * snapshots keyed by year, the record of every import and its messages.
 *
 * Prepared statements only; foreign keys on.  An import is one transaction
 * (store_begin_import ... store_commit_import or store_rollback).
 */
#ifndef KOYU_STORE_H
#define KOYU_STORE_H

#include "koyu/diag.h"
#include "koyu/errors.h"
#include "koyu/inventory.h"
#include "koyu/loader.h"

/* Schema version written to PRAGMA user_version. */
#define STORE_SCHEMA_VERSION 1

/* PRAGMA application_id of koyu databases ("KOYU"). */
#define STORE_APPLICATION_ID 0x4B4F5955

typedef struct store store;

/* Opens (creating if needed) the database at path and brings its schema up
 * to date; path "" opens a private temporary database on disk.  On success
 * *out owns the connection (free with store_close) and *created tells if
 * the file is new; on failure errbuf gets the reason. */
enum koyu_err store_open(const char *path, store **out, int *created,
                         char *errbuf, size_t errsize);

/* Closes s, finalizing every statement; NULL is a no-op. */
void store_close(store *s);

/* The last SQLite message of s; borrowed, valid until the next call. */
const char *store_errmsg(const store *s);

/* Starts the import of year's snapshot: opens the transaction, removes the
 * year's previous snapshot and records the import; sets *import_id. */
enum koyu_err store_begin_import(store *s, int year, const char *source_dir,
                                 const char *imported_at, const char *version,
                                 long long *import_id);

/* Called for a row whose id is already taken (dup_line), naming the line
 * of the first row with that id (0 if unknown) and the id. */
typedef void (*store_dup_fn)(void *ctx, long dup_line, long first_line,
                             const char *id);

/* Queues one converted row (values in inventory_columns order) of file f
 * for the open import; line is kept as source_line.  Rows are written in
 * batches: a duplicate may be reported to dup (with ctx) on a later call
 * or on store_flush.  The values are copied. */
enum koyu_err store_insert_row(store *s, enum inv_file f, int year, long line,
                               const struct inv_value *values, store_dup_fn dup,
                               void *ctx);

/* Writes the queued rows; call at the end of each file. */
enum koyu_err store_flush(store *s, store_dup_fn dup, void *ctx);

/* Records an input file of the import. */
enum koyu_err store_add_file(store *s, long long import_id, const char *file,
                             const struct loader_info *info);

/* Records one diagnostic of the import; text is the formatted message. */
enum koyu_err store_add_message(store *s, long long import_id,
                                const struct diag_item *item, const char *text);

/* Counts and totals of year's snapshot. */
struct store_summary {
    long facilities;
    long buildings;
    long usage_rows;
    double floor_area_m2;
    double floor_area_pre1982_m2; /* built_year <= 1981 (旧耐震) */
    long graded_buildings;        /* buildings with any condition grade */
    double running_cost_yen;      /* latest fiscal year, six cost columns */
    int latest_fiscal_year;
    long categories;              /* categories present */
};

enum koyu_err store_summarize(store *s, int year, struct store_summary *out);

/* Finishes the import with its counts and commits. */
enum koyu_err store_commit_import(store *s, long long import_id,
                                  const struct store_summary *counts,
                                  long warnings);

/* Rolls back an open import; safe to call when none is open. */
void store_rollback(store *s);

#endif
