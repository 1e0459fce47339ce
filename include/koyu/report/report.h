/*
 * report.h - the Excel workbooks: the assessment workbook finance reviews
 * (assessment-<year>.xlsx) and one workbook per department
 * (departments/<所管課>.xlsx), from a stored run.  libxlsxwriter in
 * constant-memory mode, rows written in order, so a million-building
 * inventory writes in bounded memory.  The workbooks are written on one
 * thread per core (at most 4; KOYU_REPORT_THREADS overrides), each with its
 * own read-only connection to the database file, each to a temporary file
 * beside its target; when all are written, all are renamed into place.
 */
#ifndef KOYU_REPORT_H
#define KOYU_REPORT_H

#include <time.h>

#include "koyu/core/diag.h"
#include "koyu/core/errors.h"
#include "koyu/store/store.h"

struct report_options {
    int year;             /* snapshot year of the run */
    const char *scenario; /* NULL: the year's latest run */
    const char *out_dir;  /* written into; created if missing */
    enum koyu_lang lang;  /* sheet names, headers, labels */
    int departments;      /* also write departments/<所管課>.xlsx */
    time_t created;       /* document creation time (reproducible) */
    int each_scenario;    /* also assessment-<year>-<scenario>.xlsx for every other
                           * scenario of the run's batch (no department books) */
};

struct report_result {
    char path[8192]; /* the assessment workbook */
    long department_books;
    long scenario_books; /* with each_scenario */
    long long cells;     /* cells written, all workbooks */
};

/* Writes the workbooks of o's run; s must not be inside a transaction for
 * the other threads to share its file (else one thread writes them all).
 * The bytes do not depend on the threads.  On failure no target file is
 * left changed and errbuf says why (the first failing workbook). */
enum koyu_err report_write(store *s, const struct report_options *o, struct report_result *r,
                           char *errbuf, size_t errsize);

/* A file name for a department: no path separators, control characters,
 * characters Windows forbids or reserved device names; at most 80 bytes of
 * whole UTF-8 characters; never empty.  Writes into buf; returns buf. */
char *report_safe_name(const char *name, char *buf, size_t size);

/* Time to stamp in documents: SOURCE_DATE_EPOCH, else 1 April of year. */
time_t report_created_time(int year);

#endif
