/* sheet_record.c - what the figures rest on: 前提条件 (every parameter
 * with its source, the inputs with their SHA-256) and データ品質 (every
 * stored import message and every estimated or derived value). */
#include <stdio.h>
#include <string.h>

#include "koyu/core/msg.h"
#include "koyu/core/text.h"
#include "sheets.h"

struct rep_ctx {
    struct rep *r;
    lxw_worksheet *ws;
    lxw_row_t row;
};

static int
rep_param_row(void *ctx, const char *key, const char *value, const char *source, const char *file)
{
    struct rep_ctx *c = ctx;
    lxw_row_t row = ++c->row;
    double v;

    rep_str(c->r, c->ws, row, 0, key, c->r->text);
    /* numbers as numbers, never as text */
    if (value && text_parse_number(value, NULL, &v) == TEXT_OK)
        rep_num(c->r, c->ws, row, 1, v, NULL);
    else
        rep_str(c->r, c->ws, row, 1, value, c->r->text);
    rep_str(c->r, c->ws, row, 2, source, c->r->text);
    rep_str(c->r, c->ws, row, 3, file, c->r->text);
    return c->r->err != LXW_NO_ERROR;
}

static int
rep_file_row(void *ctx, const char *file, const char *sha, long rows, long long bytes,
             const char *enc, const char *at)
{
    struct rep_ctx *c = ctx;
    lxw_row_t row = ++c->row;

    rep_str(c->r, c->ws, row, 0, file, c->r->text);
    rep_str(c->r, c->ws, row, 1, sha, c->r->text);
    rep_num(c->r, c->ws, row, 2, (double)rows, c->r->yen);
    rep_num(c->r, c->ws, row, 3, (double)bytes, c->r->yen);
    rep_str(c->r, c->ws, row, 4, enc, c->r->text);
    rep_str(c->r, c->ws, row, 5, at, c->r->text);
    return c->r->err != LXW_NO_ERROR;
}

/* A stored message, written anew in the workbook's language; as it was
 * stored when it lacks what to write it from (an import before schema 5
 * kept no detail). */
static int
rep_msg_row(void *ctx, const struct diag_item *it, const char *code, const char *message)
{
    struct rep_ctx *c = ctx;
    lxw_row_t row = ++c->row;
    char text[1024];

    rep_str(c->r, c->ws, row, 0, it->severity == DIAG_ERROR ? "error" : "warning", c->r->text);
    rep_str(c->r, c->ws, row, 1, code, c->r->text);
    rep_str(c->r, c->ws, row, 2, it->file, c->r->text);
    if (it->line > 0)
        rep_num(c->r, c->ws, row, 3, (double)it->line, c->r->intf);
    rep_str(c->r, c->ws, row, 4, it->column_name, c->r->text);
    rep_str(c->r, c->ws, row, 5, it->value, c->r->text);
    rep_str(c->r, c->ws, row, 6,
            it->code < DIAG__COUNT && (it->detail || !diag_code_has_detail(it->code))
                ? diag_format(it, c->r->lang, text, sizeof text)
                : message,
            c->r->text);
    return c->r->err != LXW_NO_ERROR;
}

/* Estimated and derived values of a facility, for the data-quality sheet. */
static int
rep_quality_row(void *ctx, const struct store_report_facility *f)
{
    struct rep_ctx *c = ctx;
    struct rep *r = c->r;
    const char *what[3] = {NULL, NULL, NULL};
    int k;

    if (f->running_estimated)
        what[0] = M(r, MSG_XL_RUNNING_COST_ESTIMATED_PER_M2_NO);
    if (f->hard_estimated)
        what[1] = M(r, MSG_XL_CONDITION_ESTIMATED_FROM_AGE_OR_SEISMIC);
    if (!f->has_soft)
        what[2] = M(r, MSG_XL_NO_SOFT_SCORE_SENT_TO_REVIEW);
    for (k = 0; k < 3; k++) {
        lxw_row_t row;

        if (!what[k])
            continue;
        row = ++c->row;
        rep_str(r, c->ws, row, 0, M(r, MSG_XL_ESTIMATED_3), r->text);
        rep_str(r, c->ws, row, 1,
                k == 0   ? "running_estimated"
                : k == 1 ? "hard_estimated"
                         : "no_soft",
                r->text);
        rep_str(r, c->ws, row, 2, "facilities.csv", r->text);
        rep_str(r, c->ws, row, 4, M(r, MSG_XL_FACILITY_ID_2), r->text);
        rep_str(r, c->ws, row, 5, f->facility_id, r->text);
        rep_str(r, c->ws, row, 6, what[k], r->text);
    }
    return r->err != LXW_NO_ERROR;
}

enum koyu_err
sheet_assumptions(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk)
{
    struct rep_ctx c = {r, ws, 0};
    enum koyu_err err;

    rep_check(r, worksheet_set_column(ws, 0, 0, 40, NULL));
    rep_check(r, worksheet_set_column(ws, 1, 1, 16, NULL));
    rep_check(r, worksheet_set_column(ws, 2, 2, 80, NULL));
    rep_page(r, ws, 1);
    rep_str(r, ws, 0, 0, M(r, MSG_XL_ITEM), r->head);
    rep_str(r, ws, 0, 1, M(r, MSG_XL_VALUE), r->head);
    rep_str(r, ws, 0, 2, M(r, MSG_XL_SOURCE), r->head);
    rep_str(r, ws, 0, 3, M(r, MSG_XL_FILE), r->head);
    rep_str(r, ws, ++c.row, 0, M(r, MSG_XL_BASE_YEAR_FIRST_PROJECTION_YEAR), r->text);
    rep_num(r, ws, c.row, 1, bk->run->year, r->intf);
    rep_str(r, ws, ++c.row, 0, M(r, MSG_XL_SCENARIO_MODEL), r->text);
    rep_str(r, ws, c.row, 1, bk->run->scenario, r->text);
    rep_str(r, ws, c.row, 2, bk->run->model, r->text);
    rep_str(r, ws, ++c.row, 0, M(r, MSG_XL_KOYU_VERSION), r->text);
    rep_str(r, ws, c.row, 1, bk->run->koyu_version, r->text);
    rep_str(r, ws, ++c.row, 0, M(r, MSG_XL_RUN_TIME_UTC), r->text);
    rep_str(r, ws, c.row, 1, bk->run->created_at, r->text);
    err = store_report_params(bk->s, bk->run, rep_param_row, &c);
    c.row += 2;
    rep_str(r, ws, c.row, 0, M(r, MSG_XL_INPUT_FILE), r->head);
    rep_str(r, ws, c.row, 1, "SHA-256", r->head);
    rep_str(r, ws, c.row, 2, M(r, MSG_XL_ROWS), r->head);
    rep_str(r, ws, c.row, 3, M(r, MSG_XL_BYTES), r->head);
    rep_str(r, ws, c.row, 4, M(r, MSG_XL_ENCODING), r->head);
    rep_str(r, ws, c.row, 5, M(r, MSG_XL_IMPORTED_AT), r->head);
    if (err == KOYU_OK)
        err = store_report_files(bk->s, bk->run->year, rep_file_row, &c);
    return err;
}

enum koyu_err
sheet_quality(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk)
{
    struct rep_ctx c = {r, ws, 0};
    static const struct rep_col_spec cols[] = {
        {MSG_XL_KIND, 10},   {MSG_XL_CODE, 16},  {MSG_XL_FILE, 14},   {MSG_XL_LINE, 6},
        {MSG_XL_COLUMN, 12}, {MSG_XL_VALUE, 16}, {MSG_XL_MESSAGE, 80}};
    enum koyu_err err;
    int k;

    for (k = 0; k < 7; k++) {
        rep_check(r, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, cols[k].width, NULL));
        rep_str(r, ws, 0, (lxw_col_t)k, M(r, cols[k].label), r->head);
    }
    worksheet_freeze_panes(ws, 1, 0);
    rep_page(r, ws, 1);
    err = store_report_messages(bk->s, bk->run->year, rep_msg_row, &c);
    if (err == KOYU_OK)
        err = store_report_facilities(bk->s, bk->run, NULL, 0, rep_quality_row, &c);
    return err;
}
