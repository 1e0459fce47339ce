/* sheet_record.c - what the figures rest on: 前提条件 (every parameter
 * with its source, the inputs with their SHA-256) and データ品質 (every
 * stored import message and every estimated or derived value). */
#include <stdio.h>
#include <string.h>

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

/* A stored message, written anew in the workbook's language. */
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
            it->code < DIAG__COUNT ? diag_format(it, c->r->lang, text, sizeof text) : message,
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
        what[0] = L(r, "運営コストを㎡単価で推計（利用・コストのデータなし）",
                    "running cost estimated per m2 (no usage data)");
    if (f->hard_estimated)
        what[1] = L(r, "健全度を築年数から推計、または耐震を建築年度から判定",
                    "condition estimated from age, or seismic status derived from the built year");
    if (!f->has_soft)
        what[2] = L(r, "ソフト評価なし（二次評価へ）", "no soft score (sent to review)");
    for (k = 0; k < 3; k++) {
        lxw_row_t row;

        if (!what[k])
            continue;
        row = ++c->row;
        rep_str(r, c->ws, row, 0, L(r, "推計・導出", "estimated"), r->text);
        rep_str(r, c->ws, row, 1, k == 0 ? "running_estimated" : k == 1 ? "hard_estimated" : "no_soft", r->text);
        rep_str(r, c->ws, row, 2, "facilities.csv", r->text);
        rep_str(r, c->ws, row, 4, L(r, "施設番号", "facility_id"), r->text);
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
    rep_str(r, ws, 0, 0, L(r, "項目", "Item"), r->head);
    rep_str(r, ws, 0, 1, L(r, "値", "Value"), r->head);
    rep_str(r, ws, 0, 2, L(r, "出典・根拠", "Source"), r->head);
    rep_str(r, ws, 0, 3, L(r, "ファイル", "File"), r->head);
    rep_str(r, ws, ++c.row, 0, L(r, "基準年度（推計の初年度）", "Base year (first projection year)"), r->text);
    rep_num(r, ws, c.row, 1, bk->run->year, r->intf);
    rep_str(r, ws, ++c.row, 0, L(r, "シナリオ・モデル", "Scenario, model"), r->text);
    rep_str(r, ws, c.row, 1, bk->run->scenario, r->text);
    rep_str(r, ws, c.row, 2, bk->run->model, r->text);
    rep_str(r, ws, ++c.row, 0, L(r, "koyu のバージョン", "koyu version"), r->text);
    rep_str(r, ws, c.row, 1, bk->run->koyu_version, r->text);
    rep_str(r, ws, ++c.row, 0, L(r, "計算日時（UTC）", "Run time (UTC)"), r->text);
    rep_str(r, ws, c.row, 1, bk->run->created_at, r->text);
    err = store_report_params(bk->s, bk->run, rep_param_row, &c);
    c.row += 2;
    rep_str(r, ws, c.row, 0, L(r, "入力ファイル", "Input file"), r->head);
    rep_str(r, ws, c.row, 1, "SHA-256", r->head);
    rep_str(r, ws, c.row, 2, L(r, "行数", "Rows"), r->head);
    rep_str(r, ws, c.row, 3, L(r, "バイト数", "Bytes"), r->head);
    rep_str(r, ws, c.row, 4, L(r, "文字コード", "Encoding"), r->head);
    rep_str(r, ws, c.row, 5, L(r, "取込日時", "Imported at"), r->head);
    if (err == KOYU_OK)
        err = store_report_files(bk->s, bk->run->year, rep_file_row, &c);
    return err;
}

enum koyu_err
sheet_quality(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk)
{
    struct rep_ctx c = {r, ws, 0};
    static const struct rep_col_spec cols[] = {
        {"種類", "Kind", 10}, {"コード", "Code", 16}, {"ファイル", "File", 14}, {"行", "Line", 6},
        {"列", "Column", 12}, {"値", "Value", 16}, {"内容", "Message", 80}};
    enum koyu_err err;
    int k;

    for (k = 0; k < 7; k++) {
        rep_check(r, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, cols[k].width, NULL));
        rep_str(r, ws, 0, (lxw_col_t)k, L(r, cols[k].ja, cols[k].en), r->head);
    }
    worksheet_freeze_panes(ws, 1, 0);
    rep_page(r, ws, 1);
    err = store_report_messages(bk->s, bk->run->year, rep_msg_row, &c);
    if (err == KOYU_OK)
        err = store_report_facilities(bk->s, bk->run, NULL, 0, rep_quality_row, &c);
    return err;
}
