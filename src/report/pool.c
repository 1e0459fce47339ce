/* pool.c - the workbooks of a report on one thread per core (book.h). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "book.h"

#define REP_MAX_THREADS 4 /* workbooks written at once, at most */

/* Nearly all of a report's time is libxlsxwriter's (deflate and XML
 * printing), one workbook at a time, so the workbooks are shared out over
 * the cores: each thread takes the next workbook, largest first, and reads
 * through a connection of its own.  Workbooks share nothing: libxlsxwriter
 * 1.1.4 keeps no mutable globals of its own, and the one it borrows, the
 * C library's gmtime() result, is made per thread below. */

/* libxlsxwriter 1.1.4 stamps docProps/core.xml through gmtime() (core.c),
 * whose result is one static struct for the whole process: two workbooks
 * closed at once race on it (ThreadSanitizer reports it), and with
 * SOURCE_DATE_EPOCH=0 (the current time) a stamp could come out torn.
 * This definition takes the place of the C library's for the program and
 * the libraries it loads (the executable comes first in dynamic symbol
 * lookup): the same result, in a struct of each thread's own, which POSIX
 * allows. */
struct tm *
gmtime(const time_t *t)
{
    static _Thread_local struct tm tm;

    return gmtime_r(t, &tm);
}

struct rep_pool {
    struct book_job *jobs;
    size_t *order; /* the jobs in the order they are taken */
    size_t n, next;
    int failed; /* a job failed: take no more */
    pthread_mutex_t lock;
    const struct rep_book *book; /* the run, its parameters, the options */
};

struct rep_worker {
    struct rep_pool *pool;
    store *s;        /* this thread's connection */
    double *renewal; /* this thread's projection buffer */
    long long cells;
    pthread_t thread;
    int started;
};

/* Takes jobs until none is left or one has failed. */
static void *
rep_work(void *arg)
{
    struct rep_worker *w = arg;
    struct rep_pool *p = w->pool;
    struct rep_book bk = *p->book;

    bk.s = w->s;
    bk.renewal = w->renewal;
    bk.cells = 0;
    for (;;) {
        struct book_job *j = NULL;

        pthread_mutex_lock(&p->lock);
        if (!p->failed && p->next < p->n)
            j = &p->jobs[p->order[p->next++]];
        pthread_mutex_unlock(&p->lock);
        if (!j)
            break;
        bk.department = j->department;
        bk.facilities = j->facilities;
        j->err = book_write(&bk, j->path, j->tmp, sizeof j->tmp, j->errbuf, sizeof j->errbuf);
        if (j->err) {
            pthread_mutex_lock(&p->lock);
            p->failed = 1;
            pthread_mutex_unlock(&p->lock);
        }
    }
    w->cells = bk.cells;
    return NULL;
}

/* Threads to write n workbooks with: one per core, at most
 * REP_MAX_THREADS; KOYU_REPORT_THREADS overrides (1: one after another). */
static size_t
rep_threads(size_t n)
{
    const char *e = getenv("KOYU_REPORT_THREADS");
    long k = e && *e ? atol(e) : sysconf(_SC_NPROCESSORS_ONLN);

    if (k < 1)
        k = 1;
    if (k > REP_MAX_THREADS)
        k = REP_MAX_THREADS;
    return (size_t)k < n ? (size_t)k : n;
}

enum koyu_err
book_write_all(struct rep_book *bk, struct book_job *jobs, size_t n, char *errbuf, size_t errsize)
{
    struct rep_pool p;
    struct rep_worker w[REP_MAX_THREADS];
    size_t nw = rep_threads(n), i, k;
    enum koyu_err err = KOYU_OK;

    memset(&p, 0, sizeof p);
    memset(w, 0, sizeof w);
    p.jobs = jobs;
    p.n = n;
    p.book = bk;
    p.order = malloc(n * sizeof *p.order);
    if (!p.order) {
        snprintf(errbuf, errsize, "out of memory");
        return KOYU_ERR_NOMEM;
    }
    /* the assessment first, then departments by size: the last workbook
     * taken is a small one, so the threads finish together */
    for (i = 0; i < n; i++) {
        for (k = i; k > 1 && jobs[p.order[k - 1]].facilities < jobs[i].facilities; k--)
            p.order[k] = p.order[k - 1];
        p.order[k] = i;
    }
    pthread_mutex_init(&p.lock, NULL);
    /* the calling thread works with the caller's connection and buffer;
     * the others get their own, or stay out (NULL: nothing to close) */
    for (k = 0; k < nw; k++)
        w[k].pool = &p;
    w[0].s = bk->s;
    w[0].renewal = bk->renewal;
    for (k = 1; k < nw; k++) {
        char e[256];

        /* without its own connection or thread, a thread is left out */
        w[k].renewal = calloc((size_t)bk->run->horizon_years * LCC_CATEGORIES * LCC_W__COUNT,
                              sizeof *w[k].renewal);
        if (!w[k].renewal || store_open_reader(bk->s, &w[k].s, e, sizeof e) != KOYU_OK)
            break;
        if (pthread_create(&w[k].thread, NULL, rep_work, &w[k]) != 0)
            break;
        w[k].started = 1;
    }
    rep_work(&w[0]);
    for (k = 0; k < nw; k++) {
        if (k > 0) {
            if (w[k].started)
                pthread_join(w[k].thread, NULL);
            store_close(w[k].s);
            free(w[k].renewal);
        }
        bk->cells += w[k].cells;
    }
    pthread_mutex_destroy(&p.lock);
    free(p.order);
    for (i = 0; i < n && !err; i++)
        if (jobs[i].err) {
            err = jobs[i].err;
            snprintf(errbuf, errsize, "%s", jobs[i].errbuf);
        }
    for (i = 0; i < n; i++) {
        if (jobs[i].err || !jobs[i].tmp[0])
            continue; /* failed (its file removed) or never started */
        if (err)
            unlink(jobs[i].tmp);
        else
            err = book_commit(jobs[i].tmp, jobs[i].path, errbuf, errsize);
    }
    return err;
}
