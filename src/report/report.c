/* report.c - the workbooks of a stored run (report.h): which workbooks,
 * under which names, written all or none. */
#include "koyu/report/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "book.h"
#include "koyu/core/msg.h"
#include "koyu/core/outfile.h"
#include "koyu/core/text.h"

char *
report_safe_name(const char *name, char *buf, size_t size)
{
    static const char *const reserved[] = {
        "CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
        "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
    size_t o = 0, i = 0, n = name ? strlen(name) : 0, k, limit = size < 81 ? size - 1 : 80;

    if (size == 0)
        return buf;
    while (i < n) {
        size_t len = text_utf8_char_len(name + i, n - i);
        unsigned char c = (unsigned char)name[i];

        if (len == 0) {
            len = 1;
            c = '_';
        }
        if (o + len > limit)
            break;
        if (len == 1) {
            if (c < 0x20 || c == 0x7F || strchr("/\\:*?\"<>|", c))
                c = '_';
            buf[o++] = (char)c;
        } else {
            memcpy(buf + o, name + i, len);
            o += len;
        }
        i += len;
    }
    buf[o] = '\0';
    /* no leading or trailing dots and spaces ("..", hidden files) */
    while (o > 0 && (buf[o - 1] == '.' || buf[o - 1] == ' '))
        buf[--o] = '\0';
    for (i = 0; buf[i] == '.' || buf[i] == ' '; i++)
        ;
    memmove(buf, buf + i, o - i + 1);
    if (!buf[0])
        snprintf(buf, size, "_");
    for (k = 0; k < sizeof reserved / sizeof reserved[0]; k++) {
        size_t rl = strlen(reserved[k]);

        if (strncasecmp(buf, reserved[k], rl) == 0 && (buf[rl] == '\0' || buf[rl] == '.')) {
            memmove(buf + 1, buf, strlen(buf) + 1 < size - 1 ? strlen(buf) + 1 : size - 2);
            buf[0] = '_';
            buf[size - 1] = '\0';
            break;
        }
    }
    return buf;
}

time_t
report_created_time(int year)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    struct tm tm;

    if (sde && *sde)
        return (time_t)strtoll(sde, NULL, 10);
    (void)tm;
    {
        /* days from 1970-01-01 to 1 April of year (the fiscal year's start),
         * by the civil-calendar formula: no time zone involved */
        long y = year, m = 4, dd = 1, era, yoe, doy, doe;

        y -= m <= 2;
        era = (y >= 0 ? y : y - 399) / 400;
        yoe = y - era * 400;
        doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
        doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return (time_t)((era * 146097 + doe - 719468) * 86400L);
    }
}

struct rep_dept {
    char name[256];
    long facilities;
};

struct rep_depts {
    struct rep_dept *d;
    size_t n, cap;
};

static int
rep_dept_collect(void *ctx, const char *department, long facilities, double area)
{
    struct rep_depts *ds = ctx;

    (void)area;
    if (ds->n == ds->cap) {
        size_t cap = ds->cap ? ds->cap * 2 : 16;
        struct rep_dept *p = realloc(ds->d, cap * sizeof *p);

        if (!p)
            return 1;
        ds->d = p;
        ds->cap = cap;
    }
    snprintf(ds->d[ds->n].name, sizeof ds->d[ds->n].name, "%s", department ? department : "");
    ds->d[ds->n++].facilities = facilities;
    return 0;
}

/* The names of a batch's scenarios. */
struct rep_names {
    char name[16][64];
    size_t n;
};

static int
rep_name_collect(void *ctx, const struct store_cell *c, int n)
{
    struct rep_names *x = ctx;

    if (n > 0 && c[0].type == STORE_TEXT && x->n < 16)
        snprintf(x->name[x->n++], sizeof x->name[0], "%s", c[0].s);
    return 0;
}

enum koyu_err
report_write(store *s, const struct report_options *o, struct report_result *res, char *errbuf,
             size_t errsize)
{
    struct store_run_info run;
    struct rep_depts ds = {NULL, 0, 0};
    struct book_job *jobs = NULL;
    struct rep_book bk;
    char path[8192], dir[4096];
    enum koyu_err err;
    size_t i, j;
    double v = 0;
    int complete = 0;

    memset(res, 0, sizeof *res);
    memset(&bk, 0, sizeof bk);
    err = store_report_run(s, o->year, o->scenario, &run);
    if (err) {
        snprintf(errbuf, errsize,
                 err == KOYU_ERR_DATA ? "no results for %d%s%s: run or assess first"
                                      : "cannot read the results of %d%s%s",
                 o->year, o->scenario ? " / " : "", o->scenario ? o->scenario : "");
        return err;
    }
    /* a run an older koyu made lacks what the workbooks now read (the
     * buildings' assessments, why a building cannot be extended) */
    err = store_report_run_complete(s, &run, &complete);
    if (!err && !complete) {
        msg_format(errbuf, errsize, o->lang, MSG_XL_RUN_TOO_OLD, run.year, run.scenario);
        return KOYU_ERR_DATA;
    }
    if (err) {
        snprintf(errbuf, errsize, "cannot read the results of %d: %s", o->year, store_errmsg(s));
        return err;
    }
    /* the run's cut lines and their bands, as it stored them */
    {
        static const char *const keys[] = {"assess.hard_low_below",
                                           "assess.soft_low_below",
                                           "assess.utilization_low_pct",
                                           "assess.hard_band",
                                           "assess.soft_band",
                                           "assess.utilization_band",
                                           "assess.remaining_life_low_years",
                                           "assess.remaining_life_band_years",
                                           "assess.renovated_life_years"};
        double *const reals[] = {&bk.cuts.hard_low_below,      &bk.cuts.soft_low_below,
                                 &bk.cuts.utilization_low_pct, &bk.cuts.hard_band,
                                 &bk.cuts.soft_band,           &bk.cuts.utilization_band};
        int *const ints[] = {&bk.cuts.remaining_life_low_years, &bk.cuts.remaining_life_band_years,
                             &bk.cuts.renovated_life_years};
        size_t k;

        for (k = 0; k < sizeof keys / sizeof keys[0] && !err; k++) {
            err = store_report_param(s, &run, keys[k], &v);
            if (!err && k < 6)
                *reals[k] = v;
            else if (!err)
                *ints[k - 6] = (int)v;
        }
    }
    bk.s = s;
    bk.o = o;
    bk.run = &run;
    bk.facilities = run.portfolio.facilities;
    if (err) {
        snprintf(errbuf, errsize, "cannot read the run's parameters: %s", store_errmsg(s));
        goto done;
    }
    bk.renewal =
        calloc((size_t)run.horizon_years * LCC_CATEGORIES * LCC_W__COUNT, sizeof *bk.renewal);
    if (!bk.renewal) {
        snprintf(errbuf, errsize, "out of memory");
        err = KOYU_ERR_NOMEM;
        goto done;
    }
    if (outfile_mkdir(o->out_dir) != 0) {
        snprintf(errbuf, errsize, "cannot create '%s': %s", o->out_dir, strerror(errno));
        err = KOYU_ERR_IO;
        goto done;
    }
    snprintf(path, sizeof path, "%s/assessment-%d%s%s.xlsx", o->out_dir, run.year,
             strcmp(run.scenario, "mic") == 0 ? "" : "-",
             strcmp(run.scenario, "mic") == 0 ? "" : run.scenario);
    if (o->departments) {
        err = store_report_departments(s, &run, rep_dept_collect, &ds);
        if (err) {
            snprintf(errbuf, errsize, "cannot read the departments: %s", store_errmsg(s));
            goto done;
        }
        snprintf(dir, sizeof dir, "%s/departments", o->out_dir);
        if (outfile_mkdir(dir) != 0) {
            snprintf(errbuf, errsize, "cannot create '%s': %s", dir, strerror(errno));
            err = KOYU_ERR_IO;
            goto done;
        }
    }
    jobs = calloc(1 + ds.n, sizeof *jobs);
    if (!jobs) {
        snprintf(errbuf, errsize, "out of memory");
        err = KOYU_ERR_NOMEM;
        goto done;
    }
    snprintf(jobs[0].path, sizeof jobs[0].path, "%s", path);
    jobs[0].facilities = run.portfolio.facilities;
    for (i = 0; i < ds.n; i++) {
        char safe[128], unique[160];
        int dup = 1;

        report_safe_name(ds.d[i].name, safe, sizeof safe);
        snprintf(unique, sizeof unique, "%s", safe);
        /* two departments that clean up to one name get -2, -3 ... */
        for (j = 0; j < i; j++) {
            char other[128];

            report_safe_name(ds.d[j].name, other, sizeof other);
            if (strcasecmp(other, safe) == 0)
                snprintf(unique, sizeof unique, "%s-%d", safe, ++dup);
        }
        snprintf(jobs[1 + i].path, sizeof jobs[1 + i].path, "%s/%s.xlsx", dir, unique);
        jobs[1 + i].department = ds.d[i].name;
        jobs[1 + i].facilities = ds.d[i].facilities;
    }
    err = book_write_all(&bk, jobs, 1 + ds.n, errbuf, errsize);
    if (!err) {
        snprintf(res->path, sizeof res->path, "%s", path);
        res->department_books = (long)ds.n;
    }
    if (!err && o->each_scenario) {
        struct rep_names names = {{{0}}, 0};

        err = store_report_query(s, STORE_Q_SCENARIOS, run.run_id, rep_name_collect, &names);
        for (i = 0; !err && i < names.n; i++) {
            struct report_options one = *o;
            struct report_result sub;

            if (strcmp(names.name[i], run.scenario) == 0)
                continue;
            one.scenario = names.name[i];
            one.departments = 0;
            one.each_scenario = 0;
            err = report_write(s, &one, &sub, errbuf, errsize);
            bk.cells += sub.cells;
            res->scenario_books += !err;
        }
    }
done:
    res->cells = bk.cells;
    free(jobs);
    free(ds.d);
    free(bk.renewal);
    return err;
}
