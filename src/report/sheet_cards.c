/* sheet_cards.c - 施設カルテ: one card per facility of a department, and
 * the department's own counts. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "koyu/core/msg.h"
#include "sheets.h"

/* Facility cards (施設カルテ) of a department, stacked on one sheet. */
struct rep_card_ctx {
    struct rep *r;
    const struct rep_book *bk;
    lxw_worksheet *ws;
    lxw_row_t row;
    store *s;
    int year;
};

static int
rep_card_usage(void *ctx, int fy, double users, double util, double cost, double revenue)
{
    struct rep_card_ctx *c = ctx;
    lxw_row_t row = c->row++;

    rep_num(c->r, c->ws, row, 1, fy, c->r->intf);
    if (users >= 0)
        rep_num(c->r, c->ws, row, 2, users, c->r->yen);
    if (util >= 0)
        rep_num(c->r, c->ws, row, 3, util / 100.0, c->r->pct);
    rep_num(c->r, c->ws, row, 4, cost, c->r->yen);
    rep_num(c->r, c->ws, row, 5, revenue, c->r->yen);
    return c->r->err != LXW_NO_ERROR;
}

static int
rep_card(void *ctx, const struct store_report_facility *f)
{
    struct rep_card_ctx *c = ctx;
    struct rep *r = c->r;
    char line[256], reason[1024];
    int o;

    snprintf(line, sizeof line, "%s　%s", f->facility_id, f->name ? f->name : "");
    rep_str(r, c->ws, c->row++, 0, line, r->title);
    rep_str(r, c->ws, c->row, 0, M(r, MSG_XL_CATEGORY), r->text);
    msg_format(line, sizeof line, r->lang, MSG_XL_TEXT, rep_category_label(r, f->category),
               f->subcategory ? f->subcategory : "");
    rep_str(r, c->ws, c->row++, 1, line, r->text);
    rep_str(r, c->ws, c->row, 0, M(r, MSG_XL_FLOOR_AREA_M2_BUILDINGS), r->text);
    rep_num(r, c->ws, c->row, 1, f->floor_area_m2, r->area);
    rep_num(r, c->ws, c->row++, 2, f->buildings, r->intf);
    rep_str(r, c->ws, c->row, 0, M(r, MSG_XL_CONDITION_HARD_SOFT), r->text);
    rep_num(r, c->ws, c->row, 1, f->soundness, r->num1);
    rep_num(r, c->ws, c->row, 2, f->hard_score, r->num1);
    rep_num(r, c->ws, c->row++, 3, f->has_soft ? f->soft_score : NAN, r->num1);
    rep_str(r, c->ws, c->row, 0, M(r, MSG_XL_USE_AND_COST_BY_YEAR), r->text);
    rep_str(r, c->ws, c->row, 1, M(r, MSG_XL_FY), r->head);
    rep_str(r, c->ws, c->row, 2, M(r, MSG_XL_USERS), r->head);
    rep_str(r, c->ws, c->row, 3, M(r, MSG_XL_UTILIZATION), r->head);
    rep_str(r, c->ws, c->row, 4, M(r, MSG_XL_COST_YEN), r->head);
    rep_str(r, c->ws, c->row++, 5, M(r, MSG_XL_REVENUE_YEN), r->head);
    if (store_report_usage(c->s, c->year, f->facility_id, rep_card_usage, c) != KOYU_OK)
        rep_check(r, LXW_ERROR_CREATING_TMPFILE);
    rep_str(r, c->ws, c->row, 0, M(r, MSG_XL_LIFE_CYCLE_COST_PV_YEN), r->text);
    for (o = 0; o < 5; o++)
        rep_str(r, c->ws, c->row, (lxw_col_t)(1 + o),
                rep_decision_label(r, lcc_option_name((enum lcc_option)o)), r->head);
    c->row++;
    for (o = 0; o < 5; o++)
        if (o == LCC_REPAIR && !f->repair_offered)
            rep_str(r, c->ws, c->row, (lxw_col_t)(1 + o), M(r, MSG_XL_NOT_OFFERED), r->text);
        else
            rep_num(r, c->ws, c->row, (lxw_col_t)(1 + o), f->pv[o], r->yen);
    c->row++;
    rep_str(r, c->ws, c->row, 0, M(r, MSG_XL_DECISION_REASON), r->text);
    rep_str(r, c->ws, c->row, 1, rep_decision_label(r, f->decision),
            r->dec[rep_decision_index(f->decision)]);
    rep_str(r, c->ws, c->row++, 2, sheet_reason(r, c->bk, f, reason, sizeof reason), r->text);
    c->row++;
    return r->err != LXW_NO_ERROR;
}

/* The figures of a department's summary, from its facilities (the run's
 * totals are the whole portfolio's). */
static int
rep_dept_sum(void *ctx, const struct store_report_facility *f)
{
    struct portfolio_totals *p = ctx;
    int k = rep_decision_index(f->decision);

    p->facilities++;
    p->buildings += f->buildings;
    p->floor_area_m2 += f->floor_area_m2;
    p->decisions[k]++;
    p->decision_area_m2[k] += f->floor_area_m2;
    p->review += f->review;
    return 0;
}

enum koyu_err
sheet_cards(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk)
{
    struct rep_card_ctx c = {r, bk, ws, 0, bk->s, bk->run->year};

    rep_check(r, worksheet_set_column(ws, 0, 0, 28, NULL));
    rep_check(r, worksheet_set_column(ws, 1, 5, 16, NULL));
    rep_page(r, ws, 0);
    return store_report_facilities(bk->s, bk->run, bk->department, 0, rep_card, &c);
}

enum koyu_err
sheet_department_totals(const struct rep_book *bk, struct portfolio_totals *out)
{
    memset(out, 0, sizeof *out);
    return store_report_facilities(bk->s, bk->run, bk->department, 0, rep_dept_sum, out);
}
