/* sheet_uncertainty.c - the uncertainty sheets of the assessment
 * workbook: 感度分析 (the tornado), モンテカルロ (percentiles by year) and
 * 頑健性 (each facility's cheapest option and where it switches). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/core/msg.h"
#include "sheets.h"

/* ---- sensitivity: the tornado ---- */

struct rep_sens {
    char var[8][32], end[8][8];
    double value[8], total[8], pv[8];
    long changed[8];
    int n;
    double base_total, base_pv;
};

static int
rep_sens_row(void *ctx, const struct store_cell *c, int n)
{
    struct rep_sens *s = ctx;

    if (n < 6)
        return 0;
    if (strcmp(sheet_cell_text(&c[0]), "base") == 0) {
        s->base_total = sheet_cell_num(&c[3]);
        s->base_pv = sheet_cell_num(&c[4]);
        return 0;
    }
    if (s->n == 8)
        return 0;
    snprintf(s->var[s->n], sizeof s->var[0], "%s", sheet_cell_text(&c[0]));
    snprintf(s->end[s->n], sizeof s->end[0], "%s", sheet_cell_text(&c[1]));
    s->value[s->n] = sheet_cell_num(&c[2]);
    s->total[s->n] = sheet_cell_num(&c[3]);
    s->pv[s->n] = sheet_cell_num(&c[4]);
    s->changed[s->n] = (long)sheet_cell_num(&c[5]);
    s->n++;
    return 0;
}

static const char *
rep_var_label(struct rep *r, const char *v)
{
    if (strcmp(v, "unit_cost") == 0)
        return M(r, MSG_XL_UNIT_COSTS_FACTOR);
    if (strcmp(v, "discount_rate") == 0)
        return M(r, MSG_XL_DISCOUNT_RATE);
    if (strcmp(v, "escalation") == 0)
        return M(r, MSG_XL_ESCALATION_REAL);
    if (strcmp(v, "life") == 0)
        return M(r, MSG_XL_LIVES_YEARS_ADDED);
    return v;
}

enum koyu_err
sheet_sensitivity(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk, const char *sheet)
{
    static const enum msg_id head[] = {MSG_XL_VARIABLE,
                                       MSG_XL_LOW,
                                       MSG_XL_HIGH,
                                       MSG_XL_TOTAL_LOW_YEN,
                                       MSG_XL_TOTAL_HIGH_YEN,
                                       MSG_XL_SWING_YEN,
                                       MSG_XL_LOW_BASE_YEN,
                                       MSG_XL_HIGH_BASE_YEN,
                                       MSG_XL_PV_LOW_YEN,
                                       MSG_XL_PV_HIGH_YEN,
                                       MSG_XL_FACILITIES_WHOSE_CHEAPEST_CHANGES_LOW,
                                       MSG_XL_HIGH_2};
    struct rep_sens s;
    int order[4], nv = 0, i, j, k;
    char fm[256];
    enum koyu_err err;

    memset(&s, 0, sizeof s);
    err = store_report_query(bk->s, STORE_Q_SENSITIVITY, bk->run->run_id, rep_sens_row, &s);
    /* the variables, each with its low and high row */
    for (i = 0; i < s.n; i++) {
        int seen = 0;

        for (j = 0; j < nv; j++)
            seen |= strcmp(s.var[order[j]], s.var[i]) == 0;
        if (!seen && nv < 4)
            order[nv++] = i;
    }
    /* descending swing: the tornado's bars from the top */
    {
        double swing[4];

        for (j = 0; j < nv; j++) {
            double lo = 0, hi = 0;

            for (i = 0; i < s.n; i++)
                if (strcmp(s.var[i], s.var[order[j]]) == 0) {
                    if (strcmp(s.end[i], "low") == 0)
                        lo = s.total[i];
                    else
                        hi = s.total[i];
                }
            swing[j] = fabs(hi - lo);
        }
        for (j = 1; j < nv; j++)
            for (k = j; k > 0 && swing[k] > swing[k - 1]; k--) {
                double t = swing[k];
                int o = order[k];

                swing[k] = swing[k - 1];
                swing[k - 1] = t;
                order[k] = order[k - 1];
                order[k - 1] = o;
            }
    }
    rep_check(r, worksheet_set_column(ws, 0, 0, 20, NULL));
    rep_check(r, worksheet_set_column(ws, 1, 2, 8, NULL));
    rep_check(r, worksheet_set_column(ws, 3, 11, 16, NULL));
    rep_page(r, ws, 0);
    rep_str(r, ws, 0, 0, M(r, MSG_XL_ONE_AT_A_TIME_SENSITIVITY_OF), r->title);
    rep_str(r, ws, 1, 0, M(r, MSG_XL_BASE_TOTAL_YEN), r->text);
    rep_num(r, ws, 1, 3, s.base_total, r->yen);
    rep_str(r, ws, 1, 8, M(r, MSG_XL_BASE_PV), r->text);
    rep_num(r, ws, 1, 9, s.base_pv, r->yen);
    for (k = 0; k < 12; k++)
        rep_str(r, ws, 3, (lxw_col_t)k, M(r, head[k]), r->head);
    rep_check(r, worksheet_set_row(ws, 3, 45, NULL));
    for (j = 0; j < nv; j++) {
        const lxw_row_t row = 4 + (lxw_row_t)j;
        double lo[4] = {0}, hi[4] = {0}; /* value, total, pv, changed */

        for (i = 0; i < s.n; i++) {
            double *d;

            if (strcmp(s.var[i], s.var[order[j]]) != 0)
                continue;
            d = strcmp(s.end[i], "low") == 0 ? lo : hi;
            d[0] = s.value[i];
            d[1] = s.total[i];
            d[2] = s.pv[i];
            d[3] = (double)s.changed[i];
        }
        rep_str(r, ws, row, 0, rep_var_label(r, s.var[order[j]]), r->text);
        rep_num(r, ws, row, 1, lo[0], r->num2);
        rep_num(r, ws, row, 2, hi[0], r->num2);
        rep_num(r, ws, row, 3, lo[1], r->yen);
        rep_num(r, ws, row, 4, hi[1], r->yen);
        snprintf(fm, sizeof fm, "=ABS(E%u-D%u)", (unsigned)row + 1, (unsigned)row + 1);
        rep_formula(r, ws, row, 5, fm, fabs(hi[1] - lo[1]), r->yen);
        snprintf(fm, sizeof fm, "=D%u-$D$2", (unsigned)row + 1);
        rep_formula(r, ws, row, 6, fm, lo[1] - s.base_total, r->yen);
        snprintf(fm, sizeof fm, "=E%u-$D$2", (unsigned)row + 1);
        rep_formula(r, ws, row, 7, fm, hi[1] - s.base_total, r->yen);
        rep_num(r, ws, row, 8, lo[2], r->yen);
        rep_num(r, ws, row, 9, hi[2], r->yen);
        rep_num(r, ws, row, 10, lo[3], r->intf);
        rep_num(r, ws, row, 11, hi[3], r->intf);
    }
    rep_str(r, ws, 5 + (lxw_row_t)nv, 0, M(r, MSG_XL_THE_DISCOUNT_RATE_LEAVES_THE_UNDISCOUNTED),
            r->text);
    if (nv > 0) {
        /* tornado: two bar series, low and high minus the base, overlapped */
        lxw_chart *ch = workbook_add_chart(r->wb, LXW_CHART_BAR);
        lxw_chart_options opt = {.x_scale = 1.6, .y_scale = 1.1};
        const lxw_row_t last = 4 + (lxw_row_t)nv - 1;

        for (k = 6; k <= 7; k++) {
            lxw_chart_series *se = chart_add_series(ch, NULL, NULL);

            chart_series_set_categories(se, sheet, 4, 0, last, 0);
            chart_series_set_values(se, sheet, 4, (lxw_col_t)k, last, (lxw_col_t)k);
            chart_series_set_name_range(se, sheet, 3, (lxw_col_t)k);
        }
        chart_set_series_overlap(ch, 100);
        chart_axis_set_reverse(ch->y_axis);
        chart_axis_set_label_position(ch->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
        chart_axis_set_num_format(ch->x_axis, "#,##0,,");
        chart_title_set_name(ch, M(r, MSG_XL_TORNADO_TOTAL_MINUS_THE_BASE_MILLION));
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        rep_check(r, worksheet_insert_chart_opt(ws, 7 + (lxw_row_t)nv, 0, ch, &opt));
    }
    return err;
}

/* ---- Monte Carlo ---- */

struct rep_mc {
    struct rep *r;
    lxw_worksheet *ws;
    lxw_row_t row;
    const struct rep_scen *x;
    int y;
};

static int
rep_mc_summary_row(void *ctx, const struct store_cell *c, int n)
{
    struct rep_mc *m = ctx;
    struct rep *r = m->r;
    int k;

    if (n < 8)
        return 0;
    rep_str(r, m->ws, m->row, 0,
            strcmp(sheet_cell_text(&c[0]), "pv") == 0 ? M(r, MSG_XL_PRESENT_VALUE_OF_RENEWALS_YEN)
                                                      : M(r, MSG_XL_TOTAL_OVER_THE_HORIZON_YEN),
            r->text);
    sheet_cell(r, m->ws, m->row, 1, &c[7], r->yen);
    for (k = 3; k <= 6; k++)
        sheet_cell(r, m->ws, m->row, (lxw_col_t)(k - 1), &c[k], r->yen);
    sheet_cell(r, m->ws, m->row, 6, &c[1], r->intf);
    sheet_cell(r, m->ws, m->row, 7, &c[2], r->text);
    m->row++;
    return 0;
}

static int
rep_mc_year_row(void *ctx, const struct store_cell *c, int n)
{
    struct rep_mc *m = ctx;
    struct rep *r = m->r;
    const int y = (int)sheet_cell_num(&c[0]) - m->x->y0;
    int k;

    if (n < 5 || y < 0 || y >= m->x->H)
        return 0;
    rep_num(r, m->ws, m->row, 0, sheet_cell_num(&c[0]), r->intf);
    /* the deterministic series of the run: the comparison's first column
     * is the baseline, and this sheet is the baseline's */
    rep_num(r, m->ws, m->row, 1, m->x->series[y * m->x->n], r->yen);
    for (k = 1; k <= 4; k++)
        sheet_cell(r, m->ws, m->row, (lxw_col_t)(k + 1), &c[k], r->yen);
    m->row++;
    return 0;
}

enum koyu_err
sheet_monte_carlo(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk,
                  const struct rep_scen *x, const char *sheet)
{
    static const enum msg_id head[] = {MSG__COUNT,
                                       MSG_XL_DETERMINISTIC,
                                       MSG_XL_5TH_PERCENTILE,
                                       MSG_XL_MEDIAN,
                                       MSG_XL_95TH_PERCENTILE,
                                       MSG_XL_MEAN,
                                       MSG_XL_DRAWS,
                                       MSG_XL_SEED};
    struct rep_mc m = {r, ws, 4, x, 0};
    lxw_row_t years;
    enum koyu_err err;
    int k;

    rep_check(r, worksheet_set_column(ws, 0, 0, 30, NULL));
    rep_check(r, worksheet_set_column(ws, 1, 7, 16, NULL));
    rep_page(r, ws, 0);
    rep_str(r, ws, 0, 0, M(r, MSG_XL_MONTE_CARLO_UNCERTAINTY_OF_UNIT_COSTS), r->title);
    rep_str(r, ws, 1, 0, M(r, MSG_XL_THE_DISTRIBUTIONS_AND_THE_SEED_ARE), r->text);
    for (k = 0; k < 8; k++)
        rep_str(r, ws, 3, (lxw_col_t)k, k ? M(r, head[k]) : "", r->head);
    err = store_report_query(bk->s, STORE_Q_MC_SUMMARY, bk->run->run_id, rep_mc_summary_row, &m);
    years = m.row + 1;
    rep_str(r, ws, years, 0, M(r, MSG_XL_FISCAL_YEAR), r->head);
    for (k = 1; k < 6; k++)
        rep_str(r, ws, years, (lxw_col_t)k, k ? M(r, head[k]) : "", r->head);
    m.row = years + 1;
    if (!err)
        err = store_report_query(bk->s, STORE_Q_MC_YEARS, bk->run->run_id, rep_mc_year_row, &m);
    if (m.row > years + 1) {
        lxw_chart *ch = workbook_add_chart(r->wb, LXW_CHART_LINE);
        lxw_chart_options opt = {.x_scale = 1.6, .y_scale = 1.3};

        for (k = 1; k <= 4; k++) {
            lxw_chart_series *s = chart_add_series(ch, NULL, NULL);

            chart_series_set_categories(s, sheet, years + 1, 0, m.row - 1, 0);
            chart_series_set_values(s, sheet, years + 1, (lxw_col_t)k, m.row - 1, (lxw_col_t)k);
            chart_series_set_name_range(s, sheet, years, (lxw_col_t)k);
        }
        chart_title_set_name(ch, M(r, MSG_XL_RENEWALS_PERCENTILES_MILLION_YEN));
        chart_axis_set_num_format(ch->y_axis, "#,##0,,");
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        rep_check(r, worksheet_insert_chart_opt(ws, years, 7, ch, &opt));
    }
    return err;
}

/* ---- robustness by facility ---- */

static int
rep_robust_row(void *ctx, const struct store_cell *c, int n)
{
    struct sheet_rows *w = ctx;
    struct rep *r = w->r;
    int k, d;

    if (n < 11 || !sheet_rows_room(w))
        return 0;
    sheet_cell(r, w->ws, w->row, 0, &c[0], r->text);
    sheet_cell(r, w->ws, w->row, 1, &c[1], r->text);
    d = rep_decision_index(sheet_cell_text(&c[2]));
    rep_str(r, w->ws, w->row, 2, rep_decision_label(r, sheet_cell_text(&c[2])),
            d >= 0 ? r->dec[d] : r->text);
    for (k = 4; k <= 9; k++) {
        if (k == 4 || k == 7 || k == 9) {
            d = rep_decision_index(sheet_cell_text(&c[k]));
            rep_str(r, w->ws, w->row, (lxw_col_t)(k - 1),
                    c[k].type == STORE_TEXT ? rep_decision_label(r, sheet_cell_text(&c[k])) : NULL,
                    r->text);
        } else {
            sheet_cell(r, w->ws, w->row, (lxw_col_t)(k - 1), &c[k], k == 5 ? r->pct : r->pct2);
        }
    }
    sheet_cell(r, w->ws, w->row, 9, &c[10], r->intf);
    w->row++;
    return 0;
}

enum koyu_err
sheet_robustness(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk, long rows)
{
    static const struct rep_col_spec cols[] = {
        {MSG_XL_FACILITY_ID, 11},
        {MSG_XL_NAME, 24},
        {MSG_XL_DECISION, 8},
        {MSG_XL_CHEAPEST_LIKE_FOR_LIKE, 10},
        {MSG_XL_PROBABILITY_THE_DECISION_OPTION_IS_CHEAPEST, 12},
        {MSG_XL_DISCOUNT_RATE_AT_WHICH_THE_CHEAPEST, 12},
        {MSG_XL_THEN_CHEAPEST_DISCOUNT_RATE, 10},
        {MSG_XL_RENEWAL_ESCALATION_AT_WHICH_IT_CHANGES, 12},
        {MSG_XL_THEN_CHEAPEST_ESCALATION, 10},
        {MSG_XL_SENSITIVITY_CASES_THAT_CHANGE_IT, 10},
    };
    struct sheet_rows w = {.r = r, .ws = ws, .row = 1, .first = 1};
    enum koyu_err err;
    int k;

    (void)rows;
    for (k = 0; k < 10; k++) {
        rep_check(r, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, cols[k].width, NULL));
        rep_str(r, ws, 0, (lxw_col_t)k, M(r, cols[k].label), r->head);
    }
    rep_check(r, worksheet_set_row(ws, 0, 60, NULL));
    worksheet_freeze_panes(ws, 1, 2);
    rep_page(r, ws, 1);
    w.name = sheet_scen_name(r->lang, RS_ROBUSTNESS);
    w.cols = cols;
    w.ncols = 10;
    err = store_report_query(bk->s, STORE_Q_FACILITY_UNC, bk->run->run_id, rep_robust_row, &w);
    if (w.row > 1)
        rep_check(r, worksheet_autofilter(ws, 0, 0, w.row - 1, 9));
    return err;
}
