/*
 * importer.h - loads an inventory directory (facilities.csv, buildings.csv,
 * usage.csv) into the store as year's snapshot, in one transaction: it
 * lands whole, or, on any error, not at all.
 */
#ifndef KOYU_IMPORTER_H
#define KOYU_IMPORTER_H

#include "koyu/core/diag.h"
#include "koyu/core/errors.h"
#include "koyu/inventory/loader.h"
#include "koyu/store/store.h"

struct importer_options {
    int year;                      /* snapshot year = first projection year Y0 */
    enum loader_encoding encoding; /* LOADER_ENC_AUTO detects per file */
    const char *dir;               /* inventory directory; borrowed */
    const char *imported_at;       /* ISO 8601 time to record; borrowed */
    int dry_run;                   /* validate, then roll everything back */
    int keep_open;                 /* on success leave the transaction open for
                                      more work; the caller commits with
                                      store_commit_import */
};

struct importer_result {
    long long import_id;
    struct store_summary summary; /* of the imported snapshot */
    int has_file[INV__FILES];     /* the file was present */
    struct loader_info files[INV__FILES];
};

/* Imports o->dir into s.  Every problem goes to d (the importer also stores
 * each as an import message).  Returns KOYU_OK when the snapshot was
 * committed (or, in a dry run, would have been), KOYU_ERR_DATA when d got
 * errors (nothing changed), or the error that stopped it. */
enum koyu_err importer_run(store *s, const struct importer_options *o, struct diag *d,
                           struct importer_result *r);

#endif
