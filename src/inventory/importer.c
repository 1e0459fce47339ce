/* importer.c - inventory directory -> store, as one transaction.
 *
 * Two threads share the work so a million-building import uses both cores:
 * a reader thread reads, parses and converts the CSV files and hands the
 * results on as events; the calling thread (the writer) owns the database
 * and the diag, and applies the events in order.  Everything that touches
 * SQLite or prints happens on the writer, so neither needs locking. */
#include "koyu/inventory/importer.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/core/arena.h"
#include "koyu/core/facset.h"
#include "koyu/core/text.h"
#include "koyu/core/version.h"
#include "koyu/inventory/inventory.h"
#include "koyu/inventory/relay.h"

/* ---- events: what the reader hands the writer ---- */

enum imp_kind {
    IMP_FILE,   /* a file starts */
    IMP_HEADER, /* its header mapping (copied into the arena) */
    IMP_ROW,    /* a valid row to insert */
    IMP_DIAG,   /* a finding of the reader */
    IMP_END,    /* the file ended */
    IMP_CROSS,  /* the cross-file warnings begin (facilities.csv) */
    IMP_CROSS_END
};

#define IMP_EVENTS 256 /* events per block */
#define IMP_BLOCKS 8   /* blocks in flight: bounds the reader's lead */

struct imp_event {
    enum imp_kind kind;
    enum inv_file f;
    long line;
    struct diag_item item;                    /* IMP_DIAG; strings in str[] */
    size_t str[4];                            /* arena offsets: file, column, value, detail */
    struct inv_value values[INV_MAX_COLUMNS]; /* IMP_ROW */
    size_t text[INV_MAX_COLUMNS];
    int read_ok;             /* IMP_END: the loader finished the file */
    int present;             /* IMP_END: the file could be opened */
    int header_ok;           /* IMP_END: rows could be read */
    struct loader_info info; /* IMP_END */
};

struct imp_block {
    size_t n;
    struct imp_event ev[IMP_EVENTS];
    struct arena text; /* strings of the events, by offset */
};

/* ---- the reader thread ---- */

struct imp_reader {
    const struct importer_options *o;
    relay *full;  /* blocks for the writer */
    relay *empty; /* blocks back from the writer */
    struct imp_block *cur;
    atomic_int *stop; /* set by the writer on a fatal error */
    int nomem;
    struct diag pd; /* counts; its sink turns items into events */
    enum inv_file f;
    struct inv_header header;
    int header_seen, header_bad;
    /* every facility id of facilities.csv, rejected ones too, so that the
     * reader checks references and duplicates without the database */
    facset *facs;
    int facilities_failed; /* facilities.csv missing or its header unusable */
    int has_usage;
    int latest_fiscal_year;
    char fac_id_header[128]; /* facilities.csv's id column as the file heads it */
    int fac_id_column;       /* and its 1-based column */
};

/* A new event in the current block, handing full blocks on. */
static struct imp_event *
imp_next(struct imp_reader *rd, enum imp_kind kind)
{
    struct imp_event *e;

    if (rd->cur && rd->cur->n == IMP_EVENTS) {
        relay_push(rd->full, rd->cur);
        rd->cur = NULL;
    }
    if (!rd->cur) {
        rd->cur = relay_pop(rd->empty);
        rd->cur->n = 0;
        arena_clear(&rd->cur->text);
    }
    e = &rd->cur->ev[rd->cur->n++];
    e->kind = kind;
    e->f = rd->f;
    e->line = 0;
    return e;
}

static int
imp_reader_diag(void *ctx, const struct diag_item *it)
{
    struct imp_reader *rd = ctx;
    struct imp_event *e = imp_next(rd, IMP_DIAG);
    const char *s[4] = {it->file, it->column_name, it->value, it->detail};
    size_t i;

    e->item = *it;
    for (i = 0; i < 4; i++)
        e->str[i] = arena_add_str(&rd->cur->text, s[i]);
    return 0;
}

/* Puts values (whose text points into the loader's row) into event e. */
static void
imp_copy_values(struct imp_reader *rd, struct imp_event *e, const struct inv_value *v)
{
    const struct inv_column *cols;
    size_t n = inventory_columns(rd->f, &cols), i;

    for (i = 0; i < n; i++) {
        e->values[i] = v[i];
        e->text[i] =
            v[i].present && v[i].text ? arena_add_str(&rd->cur->text, v[i].text) : ARENA_NONE;
        if (v[i].present && v[i].text && e->text[i] == ARENA_NONE)
            rd->nomem = 1;
    }
}

/* Reports a finding about a facility reference in the current file. */
static void
imp_reader_ref(struct imp_reader *rd, enum diag_code code, long line, int fac_col, const char *id,
               const char *detail)
{
    diag_add(&rd->pd, DIAG_ERROR, code, line, rd->header.to_file[fac_col] + 1,
             rd->header.names[fac_col], id, detail);
}

/* Checks the facility a building or usage row refers to; returns its
 * entry when the row may be stored, NULL when it may not (reported unless
 * the facility's own row was bad). */
static struct facset_entry *
imp_reader_facility(struct imp_reader *rd, long line, int fac_col, const char *id)
{
    struct facset_entry *e = facset_find(rd->facs, id);

    if (!e) {
        if (!rd->facilities_failed)
            imp_reader_ref(rd, DIAG_UNKNOWN_FACILITY, line, fac_col, id, NULL);
        return NULL;
    }
    return (e->flags & FACSET_REJECTED) ? NULL : e;
}

/* The loader's record callback: header mapping, conversion, references. */
static int
imp_on_record(void *ctx, long line, char **fields, size_t n, int broken)
{
    struct imp_reader *rd = ctx;
    struct inv_value values[INV_MAX_COLUMNS];
    struct facset_entry *fe;
    struct imp_event *e;
    const int id_col = inventory_id_column(rd->f);
    const int fac_col = inventory_facility_column(rd->f);
    int existed;
    char num[32];

    if (atomic_load(rd->stop) || rd->nomem)
        return 1;
    if (broken) {
        /* remember the facility a broken row would have defined, so rows
         * that refer to it are not each reported as unknown */
        int fc = rd->header_seen && !rd->header_bad && rd->f == INV_FACILITIES
                     ? rd->header.to_file[id_col]
                     : -1;

        if (!rd->header_seen)
            rd->header_bad = rd->header_seen = 1;
        if (fc >= 0 && (size_t)fc < n) {
            text_fold(fields[fc], fields[fc], strlen(fields[fc]) + 1);
            if (!facset_add(rd->facs, fields[fc], line, FACSET_REJECTED, &existed))
                rd->nomem = 1;
        }
        return 0;
    }
    if (!rd->header_seen) {
        rd->header_seen = 1;
        rd->header_bad = inventory_map_header(rd->f, (const char *const *)fields, n, line,
                                              &rd->header, &rd->pd) > 0;
        if (rd->f == INV_FACILITIES && !rd->header_bad && rd->header.to_file[id_col] >= 0) {
            snprintf(rd->fac_id_header, sizeof rd->fac_id_header, "%s", rd->header.names[id_col]);
            rd->fac_id_column = rd->header.to_file[id_col] + 1;
        }
        e = imp_next(rd, IMP_HEADER);
        e->str[0] = arena_add(&rd->cur->text, &rd->header, sizeof rd->header);
        if (e->str[0] == ARENA_NONE)
            rd->nomem = 1;
        return 0;
    }
    if (rd->header_bad)
        return 0; /* rows cannot be read without their columns */
    if (inventory_convert_row(rd->f, &rd->header, fields, n, line, rd->o->year, values, &rd->pd) >
        0) {
        if (rd->f == INV_FACILITIES && values[id_col].present) {
            if (!facset_add(rd->facs, values[id_col].text, line, FACSET_REJECTED, &existed))
                rd->nomem = 1;
        } else if (rd->f != INV_FACILITIES && values[fac_col].present) {
            /* not stored, but its facility is still checked so that one
             * pass shows every error */
            imp_reader_facility(rd, line, fac_col, values[fac_col].text);
        }
        return 0;
    }
    if (rd->f == INV_FACILITIES) {
        unsigned flags =
            strcmp(values[INV_F_STATUS].text, "in_service") == 0 ? FACSET_IN_SERVICE : 0;

        fe = facset_add(rd->facs, values[id_col].text, line, flags, &existed);
        if (!fe) {
            rd->nomem = 1;
            return 1;
        }
        if (existed) {
            snprintf(num, sizeof num, "%ld", fe->line);
            imp_reader_ref(rd, DIAG_DUP_ID, line, id_col, values[id_col].text, num);
            return 0;
        }
    } else {
        fe = imp_reader_facility(rd, line, fac_col, values[fac_col].text);
        if (!fe)
            return 0;
        if (rd->f == INV_BUILDINGS) {
            fe->flags |= FACSET_HAS_BUILDING;
        } else {
            int fy = (int)values[INV_U_YEAR].num;

            if (fy > fe->last_fiscal_year)
                fe->last_fiscal_year = fy;
            if (fy > rd->latest_fiscal_year)
                rd->latest_fiscal_year = fy;
        }
    }
    e = imp_next(rd, IMP_ROW);
    e->line = line;
    imp_copy_values(rd, e, values);
    return 0;
}

/* Warnings that need every file: facilities without buildings, and
 * facilities in service without a usage row for the latest fiscal year.
 * Given only when the files had no errors, in facilities.csv line order. */
static void
imp_reader_cross(struct imp_reader *rd)
{
    /* the id column as the file heads it: a stored message names what
     * the city wrote, in whatever language the report is read */
    const char *column = rd->fac_id_header[0] ? rd->fac_id_header : "facility_id";
    size_t i, n = facset_count(rd->facs);
    char num[16];

    diag_begin_file(&rd->pd, inventory_file_name(INV_FACILITIES));
    imp_next(rd, IMP_CROSS);
    for (i = 0; i < n; i++) {
        const struct facset_entry *e = facset_at(rd->facs, i);

        if (!(e->flags & (FACSET_REJECTED | FACSET_HAS_BUILDING)))
            diag_add(&rd->pd, DIAG_WARNING, DIAG_W_NO_BUILDINGS, e->line, rd->fac_id_column, column,
                     facset_id(rd->facs, e), NULL);
    }
    snprintf(num, sizeof num, "%d", rd->latest_fiscal_year);
    for (i = 0; rd->has_usage && rd->latest_fiscal_year && i < n; i++) {
        const struct facset_entry *e = facset_at(rd->facs, i);

        if ((e->flags & FACSET_IN_SERVICE) && e->last_fiscal_year < rd->latest_fiscal_year)
            diag_add(&rd->pd, DIAG_WARNING, DIAG_W_NO_USAGE, e->line, rd->fac_id_column, column,
                     facset_id(rd->facs, e), num);
    }
    imp_next(rd, IMP_CROSS_END);
}

static void *
imp_reader_main(void *arg)
{
    struct imp_reader *rd = arg;
    char path[4096];
    size_t f;

    for (f = 0; f < INV__FILES && !atomic_load(rd->stop) && !rd->nomem; f++) {
        const char *name = inventory_file_name((enum inv_file)f);
        struct loader_info info;
        struct imp_event *e;
        enum koyu_err err;
        FILE *probe;

        rd->f = (enum inv_file)f;
        rd->header_seen = rd->header_bad = 0;
        diag_begin_file(&rd->pd, name);
        imp_next(rd, IMP_FILE);
        snprintf(path, sizeof path, "%s/%s", rd->o->dir, name);
        probe = f == INV_USAGE || f == INV_POLICY ? fopen(path, "rb") : NULL;
        /* usage.csv and policy.csv may be absent, not unreadable: the
         * loader reports that */
        if ((f == INV_USAGE || f == INV_POLICY) && !probe && errno == ENOENT) {
            /* without usage, running costs are estimated per ㎡ */
            if (f == INV_USAGE)
                diag_add(&rd->pd, DIAG_WARNING, DIAG_W_NO_USAGE_FILE, 0, 0, NULL, NULL, NULL);
            e = imp_next(rd, IMP_END);
            e->read_ok = e->present = e->header_ok = 0;
            continue;
        }
        if (probe)
            fclose(probe);
        err = loader_read_file(path, rd->o->encoding, imp_on_record, rd, &rd->pd, &info);
        if (f == INV_FACILITIES && (err == KOYU_ERR_IO || !rd->header_seen || rd->header_bad))
            rd->facilities_failed = 1;
        if (f == INV_USAGE && err != KOYU_ERR_IO)
            rd->has_usage = 1;
        if (err == KOYU_ERR_NOMEM)
            rd->nomem = 1;
        else if (err == KOYU_ERR_ENCODING || err == KOYU_ERR_CSV)
            diag_add(&rd->pd, DIAG_ERROR, DIAG_FILE_UNREADABLE, 0, 0, NULL, NULL,
                     koyu_strerror_lang(err, rd->pd.lang));
        else if (err == KOYU_OK && f < INV_USAGE && rd->header_seen && !rd->header_bad &&
                 info.records == 0)
            /* a header alone would replace the year with an empty one */
            diag_add(&rd->pd, DIAG_ERROR, DIAG_NO_ROWS, 0, 0, NULL, NULL, NULL);
        e = imp_next(rd, IMP_END);
        e->read_ok = err == KOYU_OK;
        e->present = err != KOYU_ERR_IO;
        e->header_ok = rd->header_seen && !rd->header_bad;
        e->info = info;
    }
    if (!atomic_load(rd->stop) && !rd->nomem && rd->pd.errors == 0)
        imp_reader_cross(rd);
    if (rd->cur)
        relay_push(rd->full, rd->cur);
    rd->cur = NULL;
    relay_close(rd->full);
    return NULL;
}

/* ---- the writer: database and messages ---- */

struct imp_writer {
    store *s;
    struct diag *d;
    const struct importer_options *o;
    struct importer_result *r;
    enum inv_file f;
    struct inv_header header;
    enum koyu_err fatal;
};

/* Reports a row whose id an earlier row already has. */
static void
imp_dup(void *ctx, long line, long first, const char *id, const struct inv_value *values)
{
    struct imp_writer *w = ctx;
    const int id_col = inventory_id_column(w->f);
    char num[32], value[160];

    snprintf(num, sizeof num, "%ld", first);
    /* a usage row's key is its facility and fiscal year: name both */
    if (w->f == INV_USAGE)
        snprintf(value, sizeof value, "%s %.0f", id, values[INV_U_YEAR].num);
    else
        snprintf(value, sizeof value, "%s", id);
    diag_add(w->d, DIAG_ERROR, DIAG_DUP_ID, line, w->header.to_file[id_col] + 1,
             w->header.names[id_col], value, num);
}

/* Applies one event; database failures are kept in w->fatal. */
static void
imp_apply(struct imp_writer *w, const struct imp_block *b, struct imp_event *e)
{
    struct inv_value values[INV_MAX_COLUMNS];
    const char *name = inventory_file_name(e->f);
    size_t i;

    if (e->kind == IMP_ROW) {
        memcpy(values, e->values, sizeof values);
        for (i = 0; i < INV_MAX_COLUMNS; i++)
            if (values[i].present && values[i].text)
                values[i].text = arena_at(&b->text, e->text[i]);
    }
    switch (e->kind) {
    case IMP_FILE:
        w->f = e->f;
        memset(&w->header, 0, sizeof w->header);
        diag_begin_file(w->d, name);
        break;
    case IMP_HEADER:
        memcpy(&w->header, arena_at(&b->text, e->str[0]), sizeof w->header);
        break;
    case IMP_DIAG:
        e->item.file = arena_at(&b->text, e->str[0]);
        e->item.column_name = arena_at(&b->text, e->str[1]);
        e->item.value = arena_at(&b->text, e->str[2]);
        e->item.detail = arena_at(&b->text, e->str[3]);
        diag_report(w->d, &e->item);
        break;
    case IMP_ROW:
        if (!w->fatal)
            w->fatal = store_insert_row(w->s, e->f, w->o->year, e->line, values, imp_dup, w);
        break;
    case IMP_CROSS:
        diag_begin_file(w->d, name);
        break;
    case IMP_CROSS_END:
        diag_end_file(w->d);
        break;
    case IMP_END:
        if (!w->fatal)
            w->fatal = store_flush(w->s, imp_dup, w);
        diag_end_file(w->d);
        if (e->present) {
            w->r->has_file[e->f] = 1;
            w->r->files[e->f] = e->info;
            if (!w->fatal)
                w->fatal = store_add_file(w->s, w->r->import_id, name, &e->info);
        }
        break;
    }
}

/* ---- messages and cross-file warnings ---- */

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

/* ---- public ---- */

/* Runs the reader thread and applies its events; returns the first fatal
 * error (database, memory, threads). */
static enum koyu_err
importer_pipeline(store *s, const struct importer_options *o, struct diag *d,
                  struct importer_result *r)
{
    struct imp_block *blocks[IMP_BLOCKS] = {NULL};
    struct imp_reader rd;
    struct imp_writer w;
    struct imp_block *b;
    atomic_int stop;
    enum koyu_err err = KOYU_OK;
    pthread_t thread;
    int started = 0;
    size_t i;

    memset(&rd, 0, sizeof rd);
    memset(&w, 0, sizeof w);
    atomic_init(&stop, 0);
    rd.o = o;
    rd.stop = &stop;
    rd.facs = facset_new();
    diag_init(&rd.pd, NULL, d->lang, 0);
    rd.pd.sink = imp_reader_diag;
    rd.pd.sink_ctx = &rd;
    rd.full = relay_new(IMP_BLOCKS);
    rd.empty = relay_new(IMP_BLOCKS);
    if (!rd.full || !rd.empty || !rd.facs) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    for (i = 0; i < IMP_BLOCKS; i++) {
        blocks[i] = calloc(1, sizeof *blocks[i]);
        if (!blocks[i]) {
            err = KOYU_ERR_NOMEM;
            goto cleanup;
        }
        relay_push(rd.empty, blocks[i]);
    }
    w.s = s;
    w.d = d;
    w.o = o;
    w.r = r;
    if (pthread_create(&thread, NULL, imp_reader_main, &rd) != 0) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    started = 1;
    while ((b = relay_pop(rd.full)) != NULL) {
        for (i = 0; i < b->n; i++) {
            imp_apply(&w, b, &b->ev[i]);
            if (w.fatal)
                atomic_store(&stop, 1);
        }
        relay_push(rd.empty, b);
    }
    pthread_join(thread, NULL);
    started = 0;
    if (w.fatal)
        err = w.fatal;
    else if (rd.nomem)
        err = KOYU_ERR_NOMEM;
cleanup:
    if (started) {
        atomic_store(&stop, 1);
        pthread_join(thread, NULL);
    }
    for (i = 0; i < IMP_BLOCKS; i++) {
        if (blocks[i])
            arena_release(&blocks[i]->text);
        free(blocks[i]);
    }
    facset_free(rd.facs);
    relay_free(rd.full);
    relay_free(rd.empty);
    return err;
}

enum koyu_err
importer_run(store *s, const struct importer_options *o, struct diag *d, struct importer_result *r)
{
    struct importer_sink sink = {s, 0, d->lang, d->sink, d->sink_ctx};
    enum koyu_err err;
    long errors_before = d->errors;

    memset(r, 0, sizeof *r);
    err = store_begin_import(s, o->year, o->dir, o->imported_at, KOYU_VERSION, &r->import_id);
    if (err)
        return err;
    sink.import_id = r->import_id;
    d->sink = importer_store_message;
    d->sink_ctx = &sink;
    err = importer_pipeline(s, o, d, r);
    if (err)
        goto fail;
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
        goto done;
    }
    if (o->keep_open)
        goto done;
    err = store_commit_import(s, r->import_id, &r->summary, d->warnings);
    if (err)
        goto fail;
    goto done;
fail:
    store_rollback(s);
done:
    d->sink = sink.next;
    d->sink_ctx = sink.next_ctx;
    return err;
}
