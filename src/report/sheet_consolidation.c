/* sheet_consolidation.c - 集約化候補: each consolidation source beside the
 * receiver of its district that can take its users, in the order they were
 * placed (docs/method.md §7.5). */
#include <math.h>

#include "koyu/core/msg.h"
#include "sheets.h"

const struct rep_col_spec sheet_consolidation_cols[] = {
    {MSG_XL_ORDER, 5},          {MSG_XL_CONSOLIDATION_KIND, 8},
    {MSG_XL_SOURCE_ID, 11},     {MSG_XL_NAME, 22},
    {MSG_XL_SUBCATEGORY, 14},   {MSG_XL_DISTRICT, 8},
    {MSG_XL_FLOOR_AREA_M2, 10}, {MSG_XL_USERS_YR, 10},
    {MSG_XL_UTILIZATION, 8},    {MSG_XL_HARD_SCORE, 7},
    {MSG_XL_SOFT_SCORE, 7},     {MSG_XL_DECISION, 7},
    {MSG_XL_RECEIVER_ID, 11},   {MSG_XL_NAME, 22},
    {MSG_XL_SUBCATEGORY, 14},   {MSG_XL_FLOOR_AREA_M2, 10},
    {MSG_XL_USERS_YR, 10},      {MSG_XL_UTILIZATION, 8},
    {MSG_XL_HARD_SCORE, 7},     {MSG_XL_RECEIVER_ROOM_YR, 12},
};
const int sheet_consolidation_ncols =
    (int)(sizeof sheet_consolidation_cols / sizeof sheet_consolidation_cols[0]);

struct rep_pair_ctx {
    struct rep *r;
    lxw_worksheet *ws;
    lxw_row_t row;
};

static int
rep_pair_row(void *ctx, const struct store_report_pair *p)
{
    struct rep_pair_ctx *c = ctx;
    struct rep *r = c->r;
    const lxw_row_t row = ++c->row;
    const struct store_report_pair_side *s = &p->source, *t = &p->receiver;
    const int ks = rep_decision_index(s->decision);

    if (row >= r->max_rows)
        return 1; /* at most one per facility: never past a sheet's rows below a million */
    rep_num(r, c->ws, row, 0, (double)p->position, r->intf);
    rep_str(r, c->ws, row, 1, sheet_function_label(r, p->kind), r->text);
    rep_str(r, c->ws, row, 2, s->facility_id, r->text);
    rep_str(r, c->ws, row, 3, s->name, r->text);
    rep_str(r, c->ws, row, 4, s->subcategory, r->text);
    rep_str(r, c->ws, row, 5, s->district, r->text);
    rep_num(r, c->ws, row, 6, s->floor_area_m2, r->area);
    rep_num(r, c->ws, row, 7, p->users, r->yen);
    rep_num(r, c->ws, row, 8, s->has_utilization ? s->utilization_pct : NAN, r->num1);
    rep_num(r, c->ws, row, 9, s->hard_score, r->num1);
    rep_num(r, c->ws, row, 10, s->has_soft ? s->soft_score : NAN, r->num1);
    rep_str(r, c->ws, row, 11, rep_decision_label(r, s->decision), r->dec[ks]);
    rep_str(r, c->ws, row, 12, t->facility_id, r->text);
    rep_str(r, c->ws, row, 13, t->name, r->text);
    rep_str(r, c->ws, row, 14, t->subcategory, r->text);
    rep_num(r, c->ws, row, 15, t->floor_area_m2, r->area);
    rep_num(r, c->ws, row, 16, t->has_users ? t->users : NAN, r->yen);
    rep_num(r, c->ws, row, 17, t->has_utilization ? t->utilization_pct : NAN, r->num1);
    rep_num(r, c->ws, row, 18, t->hard_score, r->num1);
    rep_num(r, c->ws, row, 19, p->receiver_room, r->yen);
    return r->err != LXW_NO_ERROR;
}

enum koyu_err
sheet_consolidation(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk)
{
    struct rep_pair_ctx c = {r, ws, 0};
    enum koyu_err err = store_report_consolidations(bk->s, bk->run, rep_pair_row, &c);

    /* an empty sheet says why it is empty */
    if (!err && c.row == 0)
        rep_str(r, ws, 1, 0, M(r, MSG_XL_NO_CONSOLIDATION), r->text);
    return err;
}
