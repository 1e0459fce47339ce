/* importer.c - inventory directory -> store, as one transaction. */
#include "koyu/importer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/inventory.h"
#include "koyu/text.h"
#include "koyu/version.h"

/* State of one file's import, handed to the loader's record callback. */
struct importer_file {
    store *s;
    struct diag *d;
    const struct importer_options *o;
    enum inv_file f;
    struct inv_header header;
    int header_seen;
    int header_bad;
    enum koyu_err fatal;  /* a database failure that stops everything */
    /* facility ids whose rows had errors: buildings and usage rows that
     * refer to them are not reported again as "unknown facility" */
    char **rejected;
    size_t nrejected, caprejected;
    int rejected_sorted;
    int facilities_failed; /* facilities.csv missing or its header unusable */
};

static int
importer_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
importer_reject(struct importer_file *fi, const char *id)
{
    char *copy;

    if (fi->nrejected == fi->caprejected) {
        size_t cap = fi->caprejected ? fi->caprejected * 2 : 64;
        char **p = realloc(fi->rejected, cap * sizeof *p);

        if (!p)
            return; /* only costs a duplicate message */
        fi->rejected = p;
        fi->caprejected = cap;
    }
    copy = strdup(id);
    if (copy)
        fi->rejected[fi->nrejected++] = copy;
}

static int
importer_is_rejected(struct importer_file *fi, const char *id)
{
    if (fi->nrejected == 0)
        return 0;
    if (!fi->rejected_sorted) {
        qsort(fi->rejected, fi->nrejected, sizeof *fi->rejected, importer_cmp_str);
        fi->rejected_sorted = 1;
    }
    return bsearch(&id, fi->rejected, fi->nrejected, sizeof *fi->rejected,
                   importer_cmp_str) != NULL;
}

/* Reports a row whose id an earlier row already has. */
static void
importer_dup(void *ctx, long line, long first, const char *id)
{
    struct importer_file *fi = ctx;
    int id_col = inventory_column_index(fi->f, fi->f == INV_BUILDINGS ? "building_id"
                                                                       : "facility_id");
    char num[32];

    snprintf(num, sizeof num, "%ld", first);
    diag_add(fi->d, DIAG_ERROR, DIAG_DUP_ID, line, fi->header.to_file[id_col] + 1,
             fi->header.names[id_col], id, num);
}

/* The loader's record callback: header mapping, conversion, insertion. */
static int
importer_on_record(void *ctx, long line, char **fields, size_t n, int broken)
{
    struct importer_file *fi = ctx;
    struct inv_value values[INV_MAX_COLUMNS];
    long errors;
    int id_col = inventory_column_index(fi->f, fi->f == INV_BUILDINGS ? "building_id"
                                                                       : "facility_id");
    int fac_col = inventory_column_index(fi->f, "facility_id");
    enum koyu_err err;

    if (broken) {
        /* remember the facility a broken row would have defined, so rows
         * that refer to it do not each report it as unknown */
        int fc = fi->header_seen && !fi->header_bad && fi->f == INV_FACILITIES
                     ? fi->header.to_file[id_col]
                     : -1;

        if (!fi->header_seen)
            fi->header_bad = fi->header_seen = 1;
        if (fc >= 0 && (size_t)fc < n) {
            text_fold(fields[fc], fields[fc], strlen(fields[fc]) + 1);
            importer_reject(fi, fields[fc]);
        }
        return 0;
    }
    if (!fi->header_seen) {
        fi->header_seen = 1;
        fi->header_bad =
            inventory_map_header(fi->f, (const char *const *)fields, n, line, &fi->header,
                                 fi->d) > 0;
        return 0;
    }
    if (fi->header_bad)
        return 0; /* rows cannot be read without their columns */
    errors = inventory_convert_row(fi->f, &fi->header, fields, n, line,
                                   fi->o->year, values, fi->d);
    if (errors) {
        int exists = 1;

        if (fi->f == INV_FACILITIES && values[id_col].present)
            importer_reject(fi, values[id_col].text);
        /* the row is not inserted, but its facility is still checked so
         * that one pass shows every error */
        if (fi->f != INV_FACILITIES && values[fac_col].present &&
            !fi->facilities_failed &&
            !importer_is_rejected(fi, values[fac_col].text)) {
            err = store_facility_exists(fi->s, fi->o->year, values[fac_col].text, &exists);
            if (err) {
                fi->fatal = err;
                return 1;
            }
            if (!exists)
                diag_add(fi->d, DIAG_ERROR, DIAG_UNKNOWN_FACILITY, line,
                         fi->header.to_file[fac_col] + 1, fi->header.names[fac_col],
                         values[fac_col].text, NULL);
        }
        return 0;
    }
    err = store_insert_row(fi->s, fi->f, fi->o->year, line, values, importer_dup, fi);
    if (err) {
        fi->fatal = err;
        return 1;
    }
    return 0;
}

/* Reports a row whose facility is not in facilities.csv (found by the
 * per-file reference check after the file is loaded). */
static void
importer_orphan(void *ctx, const char *id, long line)
{
    struct importer_file *fi = ctx;
    int fac_col = inventory_column_index(fi->f, "facility_id");

    if (fi->facilities_failed || importer_is_rejected(fi, id))
        return;
    diag_add(fi->d, DIAG_ERROR, DIAG_UNKNOWN_FACILITY, line,
             fi->header.to_file[fac_col] + 1, fi->header.names[fac_col], id, NULL);
}

/* Stores every diagnostic of the import as an import message. */
struct importer_sink {
    store *s;
    long long import_id;
    enum koyu_lang lang;
    diag_sink_fn next; /* the caller's own sink, still called */
    void *next_ctx;
};

static int
importer_store_message(void *ctx, const struct diag_item *it)
{
    struct importer_sink *k = ctx;
    char text[1024];

    if (k->next && k->next(k->next_ctx, it) != 0)
        return -1;
    diag_format(it, k->lang, text, sizeof text);
    return store_add_message(k->s, k->import_id, it, text) == KOYU_OK ? 0 : -1;
}

struct importer_warn {
    struct diag *d;
    enum diag_code code;
    const char *column;
    const char *detail;
};

static void
importer_warn_facility(void *ctx, const char *id, long line)
{
    struct importer_warn *w = ctx;

    diag_add(w->d, DIAG_WARNING, w->code, line, 0, w->column, id, w->detail);
}

/* Warnings that need the whole snapshot: facilities without buildings, and
 * facilities in service without usage for the latest fiscal year. */
static enum koyu_err
importer_cross_checks(store *s, const struct importer_options *o, struct diag *d,
                      int has_usage)
{
    struct importer_warn w = {d, DIAG_W_NO_BUILDINGS, "施設番号", NULL};
    enum koyu_err err;
    int fy = 0;
    char num[16];

    diag_begin_file(d, inventory_file_name(INV_FACILITIES));
    if (d->lang == KOYU_LANG_EN)
        w.column = "facility_id";
    err = store_each_facility_without_buildings(s, o->year, importer_warn_facility, &w);
    if (err || !has_usage)
        goto done;
    err = store_latest_usage_year(s, o->year, &fy);
    if (err || fy == 0)
        goto done;
    snprintf(num, sizeof num, "%d", fy);
    w.code = DIAG_W_NO_USAGE;
    w.detail = num;
    err = store_each_facility_without_usage(s, o->year, fy, importer_warn_facility, &w);
done:
    diag_end_file(d);
    return err;
}

enum koyu_err
importer_run(store *s, const struct importer_options *o, struct diag *d,
             struct importer_result *r)
{
    struct importer_sink sink = {s, 0, d->lang, d->sink, d->sink_ctx};
    struct importer_file fi;
    enum koyu_err err;
    char path[4096];
    size_t f, i;
    long errors_before = d->errors;

    memset(r, 0, sizeof *r);
    memset(&fi, 0, sizeof fi);
    err = store_begin_import(s, o->year, o->dir, o->imported_at, KOYU_VERSION,
                             &r->import_id);
    if (err)
        return err;
    sink.import_id = r->import_id;
    d->sink = importer_store_message;
    d->sink_ctx = &sink;
    for (f = 0; f < INV__FILES; f++) {
        const char *name = inventory_file_name((enum inv_file)f);

        snprintf(path, sizeof path, "%s/%s", o->dir, name);
        diag_begin_file(d, name);
        fi.s = s;
        fi.d = d;
        fi.o = o;
        fi.f = (enum inv_file)f;
        fi.header_seen = 0;
        fi.header_bad = 0;
        if (f == INV_USAGE) {
            FILE *probe = fopen(path, "rb");

            if (!probe) {
                /* usage is optional: costs are then estimated per ㎡ */
                diag_add(d, DIAG_WARNING, DIAG_W_NO_USAGE_FILE, 0, 0, NULL, NULL, NULL);
                diag_end_file(d);
                continue;
            }
            fclose(probe);
        }
        err = loader_read_file(path, o->encoding, importer_on_record, &fi, d,
                               &r->files[f]);
        if (!fi.fatal && store_flush(s, importer_dup, &fi) != KOYU_OK)
            fi.fatal = KOYU_ERR_DB;
        if (err == KOYU_OK && !fi.fatal && fi.header_seen && !fi.header_bad &&
            store_each_orphan(s, (enum inv_file)f, o->year, importer_orphan, &fi) != KOYU_OK)
            fi.fatal = KOYU_ERR_DB;
        diag_end_file(d);
        if (f == INV_FACILITIES && (err == KOYU_ERR_IO || fi.header_bad || !fi.header_seen))
            fi.facilities_failed = 1;
        if (fi.fatal) {
            err = fi.fatal;
            goto fail;
        }
        if (err == KOYU_ERR_IO)
            continue; /* reported; the other files are still checked */
        if (err)
            goto fail;
        r->has_file[f] = 1;
        if (store_add_file(s, r->import_id, name, &r->files[f]) != KOYU_OK) {
            err = KOYU_ERR_DB;
            goto fail;
        }
    }
    if (d->errors == errors_before) {
        err = importer_cross_checks(s, o, d, r->has_file[INV_USAGE]);
        if (err)
            goto fail;
    }
    if (d->sink_failures) {
        err = KOYU_ERR_DB;
        goto fail;
    }
    if (d->errors > errors_before) {
        err = KOYU_ERR_DATA;
        goto fail;
    }
    err = store_summarize(s, o->year, &r->summary);
    if (err)
        goto fail;
    if (o->dry_run) {
        store_rollback(s);
        err = KOYU_OK;
        goto done;
    }
    err = store_commit_import(s, r->import_id, &r->summary, d->warnings);
    if (err)
        goto fail;
    goto done;
fail:
    store_rollback(s);
done:
    d->sink = sink.next;
    d->sink_ctx = sink.next_ctx;
    for (i = 0; i < fi.nrejected; i++)
        free(fi.rejected[i]);
    free(fi.rejected);
    return err;
}
