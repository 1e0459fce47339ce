/*
 * book.h - one workbook, and the workbooks of a report written on one
 * thread per core.  Private to the report module.
 */
#ifndef KOYU_REPORT_BOOK_H
#define KOYU_REPORT_BOOK_H

#include "sheets.h"

/* Writes the workbook of bk (the assessment workbook, or a department's
 * when bk->department is set) for path into a temporary file beside it,
 * named in tmp; on success the file is left for book_commit, on failure
 * it is removed and errbuf says why. */
enum koyu_err book_write(struct rep_book *bk, const char *path, char *tmp, size_t tmp_size,
                         char *errbuf, size_t errsize);

/* Puts a workbook written by book_write in its place. */
enum koyu_err book_commit(const char *tmp, const char *path, char *errbuf, size_t errsize);

/* One workbook to write: the assessment (department NULL) or a department's. */
struct book_job {
    char path[8192];
    char tmp[8208]; /* written, waiting for book_commit */
    const char *department;
    long facilities;
    enum koyu_err err;
    char errbuf[8704]; /* room for the path */
};

/* Writes the n workbooks of jobs (on one thread per core, each with its
 * own connection), then puts them all in place, or none: on any failure
 * every target is left as it was and errbuf has the first failure in job
 * order. */
enum koyu_err book_write_all(struct rep_book *bk, struct book_job *jobs, size_t n, char *errbuf,
                             size_t errsize);

#endif
