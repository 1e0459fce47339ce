/* sheet_renewal.c - 更新費用推計: the renewal projection by fiscal year,
 * category and work type, with its totals as formulas. */
#include <stdio.h>

#include "koyu/core/msg.h"
#include "koyu/core/vocab.h"
#include "sheets.h"

/* The renewal projection sheet; returns the row of its totals. */
void
sheet_renewal(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk, double *year_total)
{
    const int H = bk->run->horizon_years;
    const double recent = bk->run->portfolio.recent_investment_yen;
    char a[8], b[8], fm[256];
    lxw_col_t c;
    int y, k, w;
    double col_total[13 + LCC_W__COUNT + 3] = {0};

    /* columns: year | 13 categories | 7 work types | total | average | recent */
    rep_str(r, ws, 0, 0, M(r, MSG_XL_FISCAL_YEAR), r->head);
    for (k = 0; k < 13; k++) {
        const struct vocab_entry *e = vocab_at(VOCAB_CATEGORY, (size_t)k);

        rep_str(r, ws, 0, (lxw_col_t)(1 + k), EN(r) ? e->en : e->ja, r->head);
    }
    for (w = 0; w < LCC_W__COUNT; w++)
        rep_str(r, ws, 0, (lxw_col_t)(14 + w), rep_work_label_at(r, w), r->head);
    rep_str(r, ws, 0, 21, M(r, MSG_XL_TOTAL_YEN), r->head);
    rep_str(r, ws, 0, 22, M(r, MSG_XL_ANNUAL_AVERAGE_YEN), r->head);
    rep_str(r, ws, 0, 23, M(r, MSG_XL_RECENT_INVESTMENT_YEN_YR), r->head);
    rep_check(r, worksheet_set_column(ws, 0, 0, 8, NULL));
    rep_check(r, worksheet_set_column(ws, 1, 23, 14, NULL));
    rep_check(r, worksheet_set_row(ws, 0, 45, NULL));
    worksheet_freeze_panes(ws, 1, 1);
    rep_page(r, ws, 1);
    /* every row is written once, top to bottom (constant-memory mode) */
    for (y = 0; y < H; y++)
        for (k = 0; k < 13 * LCC_W__COUNT; k++)
            col_total[20] += bk->renewal[(size_t)y * 13 * 7 + (size_t)k];
    for (y = 0; y < H; y++) {
        lxw_row_t row = (lxw_row_t)(y + 1);
        double total = 0;

        rep_num(r, ws, row, 0, bk->run->year + y, r->intf);
        for (k = 0; k < 13; k++) {
            double v = 0;

            for (w = 0; w < LCC_W__COUNT; w++)
                v += bk->renewal[((size_t)y * 13 + (size_t)k) * 7 + (size_t)w];
            rep_num(r, ws, row, (lxw_col_t)(1 + k), v, r->yen);
            col_total[k] += v;
            total += v;
        }
        for (w = 0; w < LCC_W__COUNT; w++) {
            double v = 0;

            for (k = 0; k < 13; k++)
                v += bk->renewal[((size_t)y * 13 + (size_t)k) * 7 + (size_t)w];
            rep_num(r, ws, row, (lxw_col_t)(14 + w), v, r->yen);
            col_total[13 + w] += v;
        }
        snprintf(fm, sizeof fm, "=SUM(B%u:N%u)", (unsigned)row + 1, (unsigned)row + 1);
        rep_formula(r, ws, row, 21, fm, total, r->yen);
        year_total[y] = total;
        snprintf(fm, sizeof fm, "=AVERAGE($V$2:$V$%d)", H + 1);
        rep_formula(r, ws, row, 22, fm, col_total[20] / H, r->yen);
        if (recent > 0)
            rep_num(r, ws, row, 23, recent, r->yen);
    }
    /* totals as formulas over the years */
    rep_str(r, ws, (lxw_row_t)(H + 1), 0, M(r, MSG_XL_TOTAL), r->head);
    for (c = 1; c <= 21; c++) {
        snprintf(fm, sizeof fm, "=SUM(%s2:%s%d)", rep_col(c, a), rep_col(c, b), H + 1);
        rep_formula(r, ws, (lxw_row_t)(H + 1), c, fm, c <= 20 ? col_total[c - 1] : col_total[20],
                    r->yen);
    }
}
