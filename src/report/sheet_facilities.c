/* sheet_facilities.c - the facility lists: 施設一覧 (every facility with
 * its scores, decision and reason), LCC比較 (the options' present values)
 * and ポートフォリオ (the hard × soft scatter by decision). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "koyu/core/msg.h"
#include "koyu/report/explain.h"
#include "sheets.h"

const char *
sheet_reason(struct rep *r, const struct rep_book *bk, const struct store_report_facility *f,
             char *buf, size_t size)
{
    struct assess_facility a;
    struct assess_result res;
    const int d = lcc_option_from_name(f->decision);
    const int rule = assess_rule_from_name(f->rule);

    if (d < 0 || rule < 0) {
        buf[0] = '\0';
        return buf;
    }
    memset(&a, 0, sizeof a);
    memset(&res, 0, sizeof res);
    a.floor_area_m2 = f->floor_area_m2;
    a.hard = f->hard_score;
    a.soundness = f->soundness;
    a.remaining_life = f->remaining_life;
    a.seismic_deficient = f->seismic_deficient;
    a.hard_estimated = f->hard_estimated;
    a.main_age = f->main_age;
    a.main_extendable = f->main_extendable;
    a.main_why_not = f->main_why_not;
    a.has[ASSESS_UTILIZATION] = f->has_indicator[ASSESS_UTILIZATION];
    a.indicator[ASSESS_UTILIZATION] = f->indicator[ASSESS_UTILIZATION];
    a.soft = f->soft_score;
    a.has_soft = f->has_soft;
    a.essential = f->essential;
    a.repair_pv = f->pv[LCC_REPAIR];
    a.rebuild_pv = f->pv[LCC_REBUILD];
    a.repair_offered = f->repair_offered;
    a.utilization_cut = f->utilization_cut_pct;
    a.suspended = f->suspended;
    a.renovated = f->renovated;
    res.near = f->near_cut;
    res.receiver = f->receiver;
    res.type_review = f->type_review;
    {
        const int fn = assess_function_from_name(f->function);

        res.function = fn >= 0 ? (enum assess_function)fn : ASSESS_FN_KEEP;
    }
    res.hard_low = f->hard_low;
    res.soft_low = f->soft_low;
    res.quadrant = f->quadrant;
    res.decision = (enum lcc_option)d;
    res.rule = (enum assess_rule)rule;
    res.review = f->review;
    res.consolidation = f->consolidation;
    explain_reason(&bk->cuts, &a, &res, f->policy_reason, r->lang, buf, size);
    return explain_receiver(f->receiver_id, f->receiver_name, f->receiver_kind, f->receiver_room,
                            r->lang, buf, size);
}

const char *
sheet_function_label(struct rep *r, const char *function)
{
    const int fn = assess_function_from_name(function);

    return fn >= 0 ? explain_function((enum assess_function)fn, r->lang) : "";
}

const char *
sheet_tier_label(struct rep *r, const char *tier)
{
    const int t = assess_tier_from_name(tier);

    return t > 0 ? explain_tier((enum assess_tier)t, r->lang) : "";
}

/* ---- the facilities sheet ---- */

const struct rep_col_spec sheet_facility_cols[] = {
    {MSG_XL_FACILITY_ID, 11},
    {MSG_XL_NAME, 24},
    {MSG_XL_CATEGORY_3, 16},
    {MSG_XL_SUBCATEGORY, 14},
    {MSG_XL_DEPARTMENT, 16},
    {MSG_XL_FLOOR_AREA_M2, 11},
    {MSG_XL_BUILDINGS, 6},
    {MSG_XL_OLDEST_BUILT, 8},
    {MSG_XL_WEIGHTED_AGE, 8},
    {MSG_XL_CONDITION_100_BEST, 8},
    {MSG_XL_HARD_SCORE, 8},
    {MSG_XL_SOFT_SCORE, 8},
    {MSG_XL_COMPARISON_GROUP, 14},
    {MSG_XL_QUADRANT, 6},
    {MSG_XL_DECISION, 8},
    {MSG_XL_FUNCTION, 8},
    {MSG_XL_RULE, 14},
    {MSG_XL_REVIEW_TIER, 10},
    {MSG_XL_REASON, 60},
    {MSG_XL_RUNNING_COST_YEN_YR, 14},
    {MSG_XL_ESTIMATED_2, 8},
    {MSG_XL_KEEP_PV_YEN, 15},
    {MSG_XL_REPAIR_PV_YEN, 15},
    {MSG_XL_REBUILD_PV_YEN, 15},
    {MSG_XL_SELL_PV_YEN, 15},
    {MSG_XL_LEASE_PV_YEN, 15},
};
const int sheet_facility_ncols = (int)(sizeof sheet_facility_cols / sizeof sheet_facility_cols[0]);

#define REP_PARTS 8 /* sheets a facility list may take: 8 million facilities */

struct rep_fac_ctx {
    struct rep *r;
    const struct rep_book *bk;
    lxw_worksheet *ws;
    lxw_row_t row;
    const char *only_decision; /* the portfolio sheet: one decision per pass */
    int portfolio;
    lxw_row_t first[REP_PARTS][5], last[REP_PARTS][5]; /* portfolio rows by part, decision */
    int decision;
    double cut[2]; /* hard and soft cut lines (portfolio) */
    /* past the sheet's last row the list goes on in "<name> (2)" ... */
    const char *name;
    const struct rep_col_spec *cols; /* NULL: the portfolio's own header */
    int ncols, part;
};

/* Moves c to its next row, going on in a new part past the last row;
 * returns the row, or 0 when no sheet could be added. */
static lxw_row_t
rep_fac_next(struct rep_fac_ctx *c)
{
    struct rep *r = c->r;
    char name[96];

    if (++c->row < r->max_rows)
        return c->row;
    if (c->part + 1 >= REP_PARTS) {
        rep_check(r, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
        return 0;
    }
    rep_part_name(c->name, ++c->part, name, sizeof name);
    if (c->cols) {
        c->ws = rep_table_sheet(r, name, c->cols, c->ncols, (long)r->max_rows - 1);
    } else {
        static const enum msg_id head[5] = {MSG_XL_DECISION, MSG_XL_FACILITY_ID, MSG_XL_NAME,
                                            MSG_XL_HARD_SCORE, MSG_XL_SOFT_SCORE};
        int k;

        c->ws = workbook_add_worksheet(r->wb, name);
        for (k = 0; c->ws && k < 5; k++)
            rep_str(r, c->ws, 0, (lxw_col_t)k, M(r, head[k]), r->head);
        if (c->ws)
            rep_page(r, c->ws, 1);
    }
    if (!c->ws) {
        rep_check(r, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return 0;
    }
    c->row = 1;
    return c->row;
}

/* The cut lines' two segments, rows 1-2 (hard) and 3-4 (soft), written in
 * step with the rows (constant-memory mode writes each row once). */
static void
rep_port_cut(struct rep_fac_ctx *c, lxw_row_t row)
{
    const double x[4] = {c->cut[0], c->cut[0], 0, 100};
    const double y[4] = {0, 100, c->cut[1], c->cut[1]};

    if (row < 1 || row > 4 || c->part > 0)
        return;
    rep_num(c->r, c->ws, row, 6, x[row - 1], NULL);
    rep_num(c->r, c->ws, row, 7, y[row - 1], NULL);
}

static int
rep_fac_row(void *ctx, const struct store_report_facility *f)
{
    struct rep_fac_ctx *c = ctx;
    struct rep *r = c->r;
    lxw_row_t row = rep_fac_next(c);
    int k = rep_decision_index(f->decision), o;
    char group[160], reason[1024];

    if (!row)
        return 1;
    if (row == 1 && c->part > 0)
        rep_check(r, worksheet_conditional_format_range(
                         c->ws, 1, 10, r->max_rows - 1, 11,
                         &(lxw_conditional_format){.type = LXW_CONDITIONAL_DATA_BAR}));
    rep_str(r, c->ws, row, 0, f->facility_id, r->text);
    rep_str(r, c->ws, row, 1, f->name, r->text);
    rep_str(r, c->ws, row, 2, rep_category_label(r, f->category), r->text);
    rep_str(r, c->ws, row, 3, f->subcategory, r->text);
    rep_str(r, c->ws, row, 4, f->department, r->text);
    rep_num(r, c->ws, row, 5, f->floor_area_m2, r->area);
    rep_num(r, c->ws, row, 6, f->buildings, r->intf);
    rep_num(r, c->ws, row, 7, f->oldest_built_year, r->intf);
    rep_num(r, c->ws, row, 8, f->weighted_age, r->num1);
    rep_num(r, c->ws, row, 9, f->soundness, r->num1);
    rep_num(r, c->ws, row, 10, f->hard_score, r->num1);
    rep_num(r, c->ws, row, 11, f->has_soft ? f->soft_score : NAN, r->num1);
    snprintf(group, sizeof group, "%s%s%s",
             f->soft_group ? (f->soft_group_level && strcmp(f->soft_group_level, "category") == 0
                                  ? rep_category_label(r, f->soft_group)
                                  : f->soft_group)
                           : (f->has_soft ? M(r, MSG_XL_BENCHMARK) : ""),
             f->soft_group && f->soft_group_level && strcmp(f->soft_group_level, "category") == 0
                 ? M(r, MSG_XL_CATEGORY_2)
                 : "",
             "");
    rep_str(r, c->ws, row, 12, group, r->text);
    rep_num(r, c->ws, row, 13, f->quadrant, r->intf);
    rep_str(r, c->ws, row, 14, rep_decision_label(r, f->decision), r->dec[k]);
    rep_str(r, c->ws, row, 15, sheet_function_label(r, f->function), r->text);
    rep_str(r, c->ws, row, 16, f->rule, r->text);
    rep_str(r, c->ws, row, 17, sheet_tier_label(r, f->review_tier), r->text);
    rep_str(r, c->ws, row, 18, sheet_reason(r, c->bk, f, reason, sizeof reason), r->text);
    rep_num(r, c->ws, row, 19, f->running_cost_yen, r->yen);
    rep_str(r, c->ws, row, 20, f->running_estimated ? M(r, MSG_XL_ESTIMATED) : "", r->text);
    for (o = 0; o < 5; o++)
        if (o == LCC_REPAIR && !f->repair_offered)
            rep_str(r, c->ws, row, (lxw_col_t)(21 + o), M(r, MSG_XL_NOT_OFFERED), r->text);
        else
            rep_num(r, c->ws, row, (lxw_col_t)(21 + o), f->pv[o], r->yen);
    return r->err != LXW_NO_ERROR;
}

/* ---- the options sheet ---- */

const struct rep_col_spec sheet_option_cols[] = {
    {MSG_XL_FACILITY_ID, 11},      {MSG_XL_NAME, 24},
    {MSG_XL_FLOOR_AREA_M2, 11},    {MSG_XL_KEEP_PV, 14},
    {MSG_XL_REPAIR_PV, 14},        {MSG_XL_REBUILD_PV, 14},
    {MSG_XL_SELL_PV, 14},          {MSG_XL_LEASE_PV, 14},
    {MSG_XL_KEEP_YR, 12},          {MSG_XL_REPAIR_YR, 12},
    {MSG_XL_REBUILD_YR, 12},       {MSG_XL_SELL_YR, 12},
    {MSG_XL_LEASE_YR, 12},         {MSG_XL_SERVICE_LOSS_PV, 14},
    {MSG_XL_CHEAPEST, 9},          {MSG_XL_DECISION, 8},
    {MSG_XL_WHY_NOT_CHEAPEST, 60},
};
const int sheet_option_ncols = (int)(sizeof sheet_option_cols / sizeof sheet_option_cols[0]);

static int
rep_opt_row(void *ctx, const struct store_report_facility *f)
{
    struct rep_fac_ctx *c = ctx;
    struct rep *r = c->r;
    lxw_row_t row = rep_fac_next(c);
    const int best = lcc_option_from_name(f->cheapest), decided = rep_decision_index(f->decision);
    char reason[1024];
    int o;

    if (!row)
        return 1;
    rep_str(r, c->ws, row, 0, f->facility_id, r->text);
    rep_str(r, c->ws, row, 1, f->name, r->text);
    rep_num(r, c->ws, row, 2, f->floor_area_m2, r->area);
    for (o = 0; o < 5; o++) {
        /* an option not offered (repair of a building that cannot be
         * extended) has no figures */
        if (o == LCC_REPAIR && !f->repair_offered) {
            rep_str(r, c->ws, row, (lxw_col_t)(3 + o), M(r, MSG_XL_NOT_OFFERED), r->text);
            rep_str(r, c->ws, row, (lxw_col_t)(8 + o), M(r, MSG_XL_NOT_OFFERED), r->text);
            continue;
        }
        rep_num(r, c->ws, row, (lxw_col_t)(3 + o), f->pv[o], r->yen);
        rep_num(r, c->ws, row, (lxw_col_t)(8 + o), f->annual[o], r->yen);
    }
    rep_num(r, c->ws, row, 13, f->service_loss_pv_yen, r->yen);
    /* the one meaning of cheapest: among the options that meet the
     * facility's requirement, as the database stores it */
    if (best >= 0)
        rep_str(r, c->ws, row, 14, rep_decision_label(r, f->cheapest), r->dec[best]);
    rep_str(r, c->ws, row, 15, rep_decision_label(r, f->decision), r->dec[decided]);
    /* a decision that costs more says which rule made it, and why */
    if (best >= 0 && best != decided)
        rep_str(r, c->ws, row, 16, sheet_reason(r, c->bk, f, reason, sizeof reason), r->text);
    return r->err != LXW_NO_ERROR;
}

/* ---- the portfolio sheet: facilities grouped by decision ---- */

static int
rep_port_row(void *ctx, const struct store_report_facility *f)
{
    struct rep_fac_ctx *c = ctx;
    struct rep *r = c->r;
    lxw_row_t row;

    if (!f->has_soft)
        return 0;
    c->decision = rep_decision_index(f->decision);
    row = rep_fac_next(c);
    if (!row)
        return 1;
    if (!c->first[c->part][c->decision])
        c->first[c->part][c->decision] = row;
    c->last[c->part][c->decision] = row;
    rep_str(r, c->ws, row, 0, rep_decision_label(r, f->decision), r->dec[c->decision]);
    rep_str(r, c->ws, row, 1, f->facility_id, r->text);
    rep_str(r, c->ws, row, 2, f->name, r->text);
    rep_num(r, c->ws, row, 3, f->hard_score, r->num1);
    rep_num(r, c->ws, row, 4, f->soft_score, r->num1);
    rep_port_cut(c, row);
    return r->err != LXW_NO_ERROR;
}

/* A list of every facility, one row each by fn, going on in further parts
 * past the sheet's last row. */
static enum koyu_err
rep_fac_list(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk, enum rep_sheet sheet,
             const struct rep_col_spec *cols, int ncols,
             int (*fn)(void *ctx, const struct store_report_facility *f))
{
    struct rep_fac_ctx fc;

    memset(&fc, 0, sizeof fc);
    fc.r = r;
    fc.bk = bk;
    fc.ws = ws;
    fc.name = sheet_name(r->lang, sheet);
    fc.cols = cols;
    fc.ncols = ncols;
    return store_report_facilities(bk->s, bk->run, bk->department, 0, fn, &fc);
}

enum koyu_err
sheet_facilities(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk)
{
    const enum koyu_err err = rep_fac_list(r, ws, bk, SH_FACILITIES, sheet_facility_cols,
                                           sheet_facility_ncols, rep_fac_row);

    rep_check(r, worksheet_conditional_format_range(
                     ws, 1, 10,
                     (lxw_row_t)(bk->facilities <= 0                  ? 1
                                 : bk->facilities < (long)r->max_rows ? bk->facilities
                                                                      : (long)r->max_rows - 1),
                     11, &(lxw_conditional_format){.type = LXW_CONDITIONAL_DATA_BAR}));
    return err;
}

enum koyu_err
sheet_options(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk)
{
    return rep_fac_list(r, ws, bk, SH_OPTIONS, sheet_option_cols, sheet_option_ncols, rep_opt_row);
}

enum koyu_err
sheet_portfolio(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk)
{
    struct rep_fac_ctx fc;
    enum koyu_err err;
    int k;

    lxw_chart *sc = workbook_add_chart(r->wb, LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS);
    lxw_chart_options co = {.x_scale = 1.6, .y_scale = 1.6};
    lxw_chart_line none = {.none = LXW_TRUE};

    rep_str(r, ws, 0, 0, M(r, MSG_XL_DECISION), r->head);
    rep_str(r, ws, 0, 1, M(r, MSG_XL_FACILITY_ID), r->head);
    rep_str(r, ws, 0, 2, M(r, MSG_XL_NAME), r->head);
    rep_str(r, ws, 0, 3, M(r, MSG_XL_HARD_SCORE), r->head);
    rep_str(r, ws, 0, 4, M(r, MSG_XL_SOFT_SCORE), r->head);
    rep_str(r, ws, 0, 6, M(r, MSG_XL_CUT_LINE_X), r->head);
    rep_str(r, ws, 0, 7, M(r, MSG_XL_CUT_LINE_Y), r->head);
    rep_page(r, ws, 1);
    memset(&fc, 0, sizeof fc);
    fc.r = r;
    fc.bk = bk;
    fc.ws = ws;
    fc.name = sheet_name(r->lang, SH_PORTFOLIO);
    fc.cut[0] = bk->cuts.hard_low_below;
    fc.cut[1] = bk->cuts.soft_low_below;
    /* one pass, facilities grouped by decision: each decision's rows
     * are one contiguous range, one chart series */
    fc.decision = -1;
    err = store_report_facilities(bk->s, bk->run, NULL, 1, rep_port_row, &fc);
    /* cut lines not yet written beside the first four rows */
    while (fc.row < 4) {
        fc.row++;
        rep_port_cut(&fc, fc.row);
    }
    {
        /* one series per decision and part; the legend names each
         * decision once */
        int16_t repeat[REP_PARTS * 5 + 1];
        int nseries = 0, nrepeat = 0, seen[5] = {0}, p;

        for (p = 0; p <= fc.part; p++)
            for (k = 0; k < 5; k++) {
                lxw_chart_series *s;
                char part[96];
                const char *sheet =
                    rep_part_name(sheet_name(r->lang, SH_PORTFOLIO), p, part, sizeof part);

                if (!fc.first[p][k])
                    continue;
                s = chart_add_series(sc, NULL, NULL);
                chart_series_set_categories(s, sheet, fc.first[p][k], 3, fc.last[p][k], 3);
                chart_series_set_values(s, sheet, fc.first[p][k], 4, fc.last[p][k], 4);
                chart_series_set_name(s,
                                      rep_decision_label(r, lcc_option_name((enum lcc_option)k)));
                chart_series_set_line(s, &none);
                chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
                chart_series_set_marker_size(s, 4);
                {
                    /* one colour per decision, darker than the cell fills */
                    static const unsigned ink[5] = {0x2E7D32, 0x1565C0, 0xEF6C00, 0xC62828,
                                                    0xB8860B};
                    lxw_chart_fill fill = {.color = ink[k]};
                    lxw_chart_line edge = {.color = ink[k]};

                    chart_series_set_marker_fill(s, &fill);
                    chart_series_set_marker_line(s, &edge);
                }
                if (seen[k]++)
                    repeat[nrepeat++] = (int16_t)nseries;
                nseries++;
            }
        repeat[nrepeat] = -1;
        if (nrepeat)
            rep_check(r, chart_legend_delete_series(sc, repeat));
    }
    for (k = 0; k < 2; k++) {
        lxw_chart_series *s = chart_add_series(sc, NULL, NULL);
        lxw_chart_line cut = {.color = 0x7F7F7F, .dash_type = LXW_CHART_LINE_DASH_DASH};

        chart_series_set_categories(s, sheet_name(r->lang, SH_PORTFOLIO), (lxw_row_t)(1 + 2 * k), 6,
                                    (lxw_row_t)(2 + 2 * k), 6);
        chart_series_set_values(s, sheet_name(r->lang, SH_PORTFOLIO), (lxw_row_t)(1 + 2 * k), 7,
                                (lxw_row_t)(2 + 2 * k), 7);
        chart_series_set_name(s, k ? M(r, MSG_XL_SOFT_CUT) : M(r, MSG_XL_HARD_CUT));
        chart_series_set_line(s, &cut);
        chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
    }
    chart_title_set_name(sc, M(r, MSG_XL_PORTFOLIO_HARD_X_SOFT));
    chart_axis_set_name(sc->x_axis, M(r, MSG_XL_HARD_SCORE_HIGHER_IS_BETTER));
    chart_axis_set_name(sc->y_axis, M(r, MSG_XL_SOFT_SCORE_T_SCORE));
    chart_axis_set_min(sc->x_axis, 0);
    chart_axis_set_max(sc->x_axis, 100);
    chart_axis_set_min(sc->y_axis, 0);
    chart_axis_set_max(sc->y_axis, 100);
    rep_check(r, worksheet_insert_chart_opt(ws, 1, 9, sc, &co));
    return err;
}
