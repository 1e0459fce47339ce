/* sheet_scenarios.c - the scenario sheets of the assessment workbook:
 * scenario comparison, leveling and reduction, and which sheets the run's
 * batch calls for (the uncertainty ones are in sheet_uncertainty.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/core/msg.h"
#include "koyu/engine/lcc.h"
#include "koyu/engine/level.h"
#include "koyu/report/explain.h"
#include "sheets.h"

static const enum msg_id rep_scen_names[RS__COUNT] = {
    MSG_SHEET_SCENARIO_COMPARISON, MSG_SHEET_LEVELING,    MSG_SHEET_REDUCTION,
    MSG_SHEET_SENSITIVITY,         MSG_SHEET_MONTE_CARLO, MSG_SHEET_ROBUSTNESS,
};

const char *
sheet_scen_name(enum koyu_lang lang, enum rep_scen_sheet sh)
{
    return (unsigned)sh < RS__COUNT ? msg(lang, rep_scen_names[sh]) : "?";
}

double
sheet_cell_num(const struct store_cell *c)
{
    return c->type == STORE_INT || c->type == STORE_REAL ? c->d : 0;
}

const char *
sheet_cell_text(const struct store_cell *c)
{
    return c->type == STORE_TEXT && c->s ? c->s : "";
}

/* A number, or a blank cell when the database holds NULL. */
void
sheet_cell(struct rep *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
           const struct store_cell *c, lxw_format *f)
{
    if (c->type == STORE_TEXT)
        rep_str(r, ws, row, col, c->s, f);
    else if (c->type == STORE_NULL)
        rep_str(r, ws, row, col, NULL, f);
    else
        rep_num(r, ws, row, col, c->d, f);
}

/* Whether w has a row to write (after starting a continuation sheet). */
int
sheet_rows_room(struct sheet_rows *w)
{
    char name[96];

    if (w->row < w->r->max_rows)
        return 1;
    if (!w->name || w->r->err)
        return w->skipped++, 0;
    snprintf(name, sizeof name, "%s (%d)", w->name, ++w->part + 1);
    w->ws = rep_table_sheet(w->r, name, w->cols, w->ncols, (long)w->r->max_rows - 1);
    w->row = w->first = 1;
    return w->ws != NULL;
}

/* ---- loading ---- */

static int
rep_scen_row(void *ctx, const struct store_cell *c, int n)
{
    struct rep_scen *x = ctx;
    struct rep_scen_one *s;
    int k;

    if (n < 29 || x->n == REP_SCEN_MAX)
        return 0;
    s = &x->sc[x->n++];
    snprintf(s->name, sizeof s->name, "%s", sheet_cell_text(&c[0]));
    snprintf(s->title, sizeof s->title, "%s", sheet_cell_text(&c[1]));
    snprintf(s->title_en, sizeof s->title_en, "%s", sheet_cell_text(&c[2]));
    snprintf(s->model, sizeof s->model, "%s", sheet_cell_text(&c[3]));
    s->pv = sheet_cell_num(&c[11]);
    s->floor0 = sheet_cell_num(&c[12]);
    s->floor_end = sheet_cell_num(&c[13]);
    s->has_cap = c[14].type != STORE_NULL;
    s->cap = sheet_cell_num(&c[14]);
    s->backlog = sheet_cell_num(&c[15]);
    s->deferral = sheet_cell_num(&c[16]);
    s->binding_years = (int)sheet_cell_num(&c[17]);
    s->has_reduction = c[18].type != STORE_NULL;
    s->reduced = sheet_cell_num(&c[18]);
    for (k = 0; k < 5; k++)
        s->dec[k] = (long)sheet_cell_num(&c[19 + k]);
    s->run_id = c[24].i;
    s->recent = sheet_cell_num(&c[25]);
    s->target = sheet_cell_num(&c[26]);
    s->running_avoided = sheet_cell_num(&c[27]);
    s->renewal_avoided = sheet_cell_num(&c[28]);
    x->any_cap |= s->has_cap;
    x->any_reduction |= s->has_reduction;
    return 0;
}

static int
rep_scen_year(void *ctx, const struct store_cell *c, int n)
{
    struct rep_scen *x = ctx;
    int y, k;

    if (n < 8)
        return 0;
    y = (int)sheet_cell_num(&c[0]) - x->y0;
    k = (int)sheet_cell_num(&c[1]); /* positions are 0 .. n-1, in order */
    if (y < 0 || y >= x->H || k < 0 || k >= x->n)
        return 0;
    x->planned[y * x->n + k] = sheet_cell_num(&c[2]);
    x->series[y * x->n + k] = sheet_cell_num(&c[3]);
    x->cap[y * x->n + k] = sheet_cell_num(&c[4]);
    x->binding[y * x->n + k] = (int)sheet_cell_num(&c[5]);
    x->floor[y * x->n + k] = sheet_cell_num(&c[6]);
    x->running[y * x->n + k] = sheet_cell_num(&c[7]);
    return 0;
}

static int
rep_scen_count(void *ctx, const struct store_cell *c, int n)
{
    (void)c;
    (void)n;
    ++*(long *)ctx;
    return 0;
}

enum koyu_err
rep_scen_load(const struct rep_book *bk, struct rep_scen *x)
{
    const long long run = bk->run->run_id;
    enum koyu_err err;
    size_t cells;
    int k;

    memset(x, 0, sizeof *x);
    x->H = bk->run->horizon_years;
    x->y0 = bk->run->year;
    err = store_report_query(bk->s, STORE_Q_SCENARIOS, run, rep_scen_row, x);
    for (k = 0; k < x->n; k++)
        x->sc[k].position = k;
    cells = (size_t)(x->H > 0 ? x->H : 1) * (size_t)(x->n > 0 ? x->n : 1);
    x->series = calloc(cells, sizeof *x->series);
    x->planned = calloc(cells, sizeof *x->planned);
    x->cap = calloc(cells, sizeof *x->cap);
    x->floor = calloc(cells, sizeof *x->floor);
    x->running = calloc(cells, sizeof *x->running);
    x->binding = calloc(cells, sizeof *x->binding);
    if (!err && (!x->series || !x->planned || !x->cap || !x->floor || !x->running || !x->binding))
        err = KOYU_ERR_NOMEM;
    if (!err)
        err = store_report_query(bk->s, STORE_Q_SCENARIO_YEARS, run, rep_scen_year, x);
    if (!err)
        err = store_report_query(bk->s, STORE_Q_SENSITIVITY, run, rep_scen_count, &x->sens_rows);
    if (!err)
        err = store_report_query(bk->s, STORE_Q_MC_YEARS, run, rep_scen_count, &x->mc_rows);
    if (!err)
        err = store_report_query(bk->s, STORE_Q_FACILITY_UNC, run, rep_scen_count, &x->unc_rows);
    return err;
}

void
rep_scen_release(struct rep_scen *x)
{
    free(x->series);
    free(x->planned);
    free(x->cap);
    free(x->floor);
    free(x->running);
    free(x->binding);
    memset(x, 0, sizeof *x);
}

void
rep_scen_add_sheets(struct rep *r, struct rep_scen *x)
{
    const char *names[RS__COUNT];
    int i;

    for (i = 0; i < RS__COUNT; i++)
        names[i] = sheet_scen_name(r->lang, (enum rep_scen_sheet)i);
    int k;

    for (k = 0; k < RS__COUNT; k++) {
        int want = k == RS_COMPARISON    ? x->n > 0
                   : k == RS_LEVELING    ? x->any_cap
                   : k == RS_REDUCTION   ? x->any_reduction
                   : k == RS_SENSITIVITY ? x->sens_rows > 0
                   : k == RS_MONTE_CARLO ? x->mc_rows > 0
                                         : x->unc_rows > 0;

        if (!want)
            continue;
        x->ws[k] = workbook_add_worksheet(r->wb, names[k]);
        if (!x->ws[k])
            rep_check(r, LXW_ERROR_SHEETNAME_ALREADY_USED);
    }
}

/* ---- scenario comparison ---- */

/* The yearly table starts at this row; the scenarios' rows refer to it. */
static lxw_row_t
rep_cmp_years_row(const struct rep_scen *x)
{
    return (lxw_row_t)(2 * x->n + 10);
}

static void
rep_comparison(struct rep *r, lxw_worksheet *ws, const struct rep_scen *x, const char *sheet)
{
    static const struct rep_col_spec head[] = {
        {MSG_XL_SCENARIO, 14},
        {MSG_XL_WHAT_IT_IS, 34},
        {MSG_XL_MODEL, 11},
        {MSG_XL_TOTAL_OVER_THE_HORIZON_YEN, 17},
        {MSG_XL_ANNUAL_AVERAGE_YEN, 16},
        {MSG_XL_PEAK_YEAR, 9},
        {MSG_XL_PEAK_YEN, 16},
        {MSG_XL_RATIO_TO_RECENT_INVESTMENT, 11},
        {MSG_XL_ANNUAL_GAP_YEN, 16},
        {MSG_XL_PRESENT_VALUE_RENEWALS_RUNNING_YEN, 18},
        {MSG_XL_FLOOR_AREA_AT_Y0_M2, 14},
        {MSG_XL_FLOOR_AREA_AT_THE_END_M2_2, 14},
        {MSG_XL_KEEP, 7},
        {MSG_XL_REPAIR, 7},
        {MSG_XL_REBUILD, 7},
        {MSG_XL_SELL, 7},
        {MSG_XL_LEASE, 7},
        {MSG_XL_BUDGET_CAP_YEN_YR, 15},
        {MSG_XL_BACKLOG_AT_THE_END_YEN, 16},
        {MSG_XL_COST_OF_DEFERRAL_YEN, 16},
        {MSG_XL_YEARS_THE_CAP_BINDS, 9},
    };
    const int ncol = (int)(sizeof head / sizeof head[0]);
    const lxw_row_t first = 3, years = rep_cmp_years_row(x), ydata = years + 1;
    const lxw_row_t ylast = ydata + (lxw_row_t)x->H - 1;
    char fm[512], a[8], title[256];
    lxw_row_t row;
    int k, c, y;

    rep_check(r, worksheet_set_column(ws, 0, 0, 14, NULL));
    for (c = 1; c < ncol; c++)
        rep_check(r, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, head[c].width, NULL));
    rep_page(r, ws, 0);
    msg_format(title, sizeof title, (r)->lang, MSG_XL_SCENARIO_COMPARISON_BASELINE_FY,
               x->sc[0].name, x->y0, x->y0 + x->H - 1);
    rep_str(r, ws, 0, 0, title, r->title);
    rep_str(r, ws, 1, 0, M(r, MSG_XL_TOTAL_AVERAGE_AND_PEAK_ARE_FORMULAS), r->text);
    for (c = 0; c < ncol; c++)
        rep_str(r, ws, 2, (lxw_col_t)c, M(r, head[c].label), r->head);
    rep_check(r, worksheet_set_row(ws, 2, 45, NULL));
    for (k = 0; k < x->n; k++) {
        const struct rep_scen_one *s = &x->sc[k];
        const lxw_row_t rr = first + (lxw_row_t)k;
        const char *col = rep_col((lxw_col_t)(1 + k), a);
        double total = 0, peak = 0;
        int peak_year = x->y0;

        for (y = 0; y < x->H; y++) {
            double v = x->series[y * x->n + k];

            total += v;
            if (y == 0 || v > peak) {
                peak = v;
                peak_year = x->y0 + y;
            }
        }
        rep_str(r, ws, rr, 0, s->name, r->text);
        rep_str(r, ws, rr, 1, EN(r) ? s->title_en : s->title, r->text);
        rep_str(r, ws, rr, 2, s->model, r->text);
        snprintf(fm, sizeof fm, "=SUM(%s%u:%s%u)", col, (unsigned)ydata + 1, col,
                 (unsigned)ylast + 1);
        rep_formula(r, ws, rr, 3, fm, total, r->yen);
        snprintf(fm, sizeof fm, "=D%u/%d", (unsigned)rr + 1, x->H);
        rep_formula(r, ws, rr, 4, fm, total / x->H, r->yen);
        snprintf(fm, sizeof fm, "=INDEX($A$%u:$A$%u,MATCH(G%u,%s%u:%s%u,0))", (unsigned)ydata + 1,
                 (unsigned)ylast + 1, (unsigned)rr + 1, col, (unsigned)ydata + 1, col,
                 (unsigned)ylast + 1);
        rep_formula(r, ws, rr, 5, fm, peak_year, r->intf);
        snprintf(fm, sizeof fm, "=MAX(%s%u:%s%u)", col, (unsigned)ydata + 1, col,
                 (unsigned)ylast + 1);
        rep_formula(r, ws, rr, 6, fm, peak, r->yen);
        if (s->recent > 0) {
            snprintf(fm, sizeof fm, "=E%u/%.0f", (unsigned)rr + 1, s->recent);
            rep_formula(r, ws, rr, 7, fm, total / x->H / s->recent, r->num2);
            snprintf(fm, sizeof fm, "=E%u-%.0f", (unsigned)rr + 1, s->recent);
            rep_formula(r, ws, rr, 8, fm, total / x->H - s->recent, r->yen);
        } else {
            rep_str(r, ws, rr, 7, NULL, r->text);
            rep_str(r, ws, rr, 8, NULL, r->text);
        }
        rep_num(r, ws, rr, 9, s->pv, r->yen);
        rep_num(r, ws, rr, 10, s->floor0, r->area);
        rep_num(r, ws, rr, 11, s->floor_end, r->area);
        for (c = 0; c < 5; c++)
            rep_num(r, ws, rr, (lxw_col_t)(12 + c), (double)s->dec[c], r->intf);
        if (s->has_cap) {
            rep_num(r, ws, rr, 17, s->cap, r->yen);
            rep_num(r, ws, rr, 18, s->backlog, r->yen);
            rep_num(r, ws, rr, 19, s->deferral, r->yen);
            rep_num(r, ws, rr, 20, s->binding_years, r->intf);
        }
    }
    /* the difference from the baseline, as formulas */
    row = first + (lxw_row_t)x->n + 1;
    rep_str(r, ws, row++, 0, M(r, MSG_XL_DIFFERENCE_FROM_THE_BASELINE), r->title);
    rep_str(r, ws, row, 0, M(r, MSG_XL_SCENARIO), r->head);
    rep_str(r, ws, row, 3, M(r, MSG_XL_TOTAL_YEN_2), r->head);
    rep_str(r, ws, row, 4, M(r, MSG_XL_ANNUAL_AVERAGE_YEN), r->head);
    rep_str(r, ws, row, 5, M(r, MSG_XL_TOTAL_2), r->head);
    rep_str(r, ws, row, 9, M(r, MSG_XL_PRESENT_VALUE_YEN), r->head);
    rep_str(r, ws, row, 11, M(r, MSG_XL_FLOOR_AREA_AT_THE_END_M2), r->head);
    row++;
    for (k = 0; k < x->n; k++, row++) {
        const unsigned me = (unsigned)(first + (lxw_row_t)k) + 1, base = (unsigned)first + 1;
        double t0 = 0, tk = 0;

        for (y = 0; y < x->H; y++) {
            t0 += x->series[y * x->n];
            tk += x->series[y * x->n + k];
        }
        rep_str(r, ws, row, 0, x->sc[k].name, r->text);
        snprintf(fm, sizeof fm, "=D%u-D$%u", me, base);
        rep_formula(r, ws, row, 3, fm, tk - t0, r->yen);
        snprintf(fm, sizeof fm, "=E%u-E$%u", me, base);
        rep_formula(r, ws, row, 4, fm, (tk - t0) / x->H, r->yen);
        snprintf(fm, sizeof fm, "=IF(D$%u=0,0,D%u/D$%u-1)", base, me, base);
        rep_formula(r, ws, row, 5, fm, t0 != 0 ? tk / t0 - 1 : 0, r->pct);
        snprintf(fm, sizeof fm, "=J%u-J$%u", me, base);
        rep_formula(r, ws, row, 9, fm, x->sc[k].pv - x->sc[0].pv, r->yen);
        snprintf(fm, sizeof fm, "=L%u-L$%u", me, base);
        rep_formula(r, ws, row, 11, fm, x->sc[k].floor_end - x->sc[0].floor_end, r->area);
    }
    /* the yearly series: renewals of each scenario, then floor areas */
    rep_str(r, ws, years - 1, 0, M(r, MSG_XL_RENEWALS_BY_YEAR_YEN_AND_FLOOR), r->title);
    rep_str(r, ws, years, 0, M(r, MSG_XL_FISCAL_YEAR), r->head);
    for (k = 0; k < x->n; k++) {
        char label[128];

        rep_str(r, ws, years, (lxw_col_t)(1 + k), x->sc[k].name, r->head);
        msg_format(label, sizeof label, (r)->lang, MSG_XL_FLOOR_AREA, x->sc[k].name);
        rep_str(r, ws, years, (lxw_col_t)(1 + x->n + k), label, r->head);
    }
    for (y = 0; y < x->H; y++) {
        rep_num(r, ws, ydata + (lxw_row_t)y, 0, x->y0 + y, r->intf);
        for (k = 0; k < x->n; k++) {
            rep_num(r, ws, ydata + (lxw_row_t)y, (lxw_col_t)(1 + k), x->series[y * x->n + k],
                    r->yen);
            rep_num(r, ws, ydata + (lxw_row_t)y, (lxw_col_t)(1 + x->n + k), x->floor[y * x->n + k],
                    r->area);
        }
    }
    /* every scenario's yearly series on one axis */
    {
        lxw_chart *ch = workbook_add_chart(r->wb, LXW_CHART_LINE);
        lxw_chart_options opt = {.x_scale = 1.8, .y_scale = 1.4};

        for (k = 0; k < x->n; k++) {
            lxw_chart_series *s = chart_add_series(ch, NULL, NULL);

            chart_series_set_categories(s, sheet, ydata, 0, ylast, 0);
            chart_series_set_values(s, sheet, ydata, (lxw_col_t)(1 + k), ylast, (lxw_col_t)(1 + k));
            chart_series_set_name_range(s, sheet, years, (lxw_col_t)(1 + k));
        }
        chart_title_set_name(ch, M(r, MSG_XL_RENEWALS_BY_SCENARIO_MILLION_YEN));
        chart_axis_set_num_format(ch->y_axis, "#,##0,,");
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        rep_check(r, worksheet_insert_chart_opt(ws, years, (lxw_col_t)(2 * x->n + 2), ch, &opt));
    }
}

/* ---- leveling ---- */

/* Rows of a list written one by one; past Excel's last row the list goes
 * on in a sheet "<name> (2)", "(3)" ... with the same header. */

static int
rep_deferred_row(void *ctx, const struct store_cell *c, int n)
{
    struct sheet_rows *w = ctx;
    struct rep *r = w->r;
    int k;

    if (n < 18 || !sheet_rows_room(w))
        return 0;
    for (k = 0; k < 16; k++) {
        lxw_format *f = k >= 12 && k <= 15 ? r->yen : k >= 7 && k <= 11 ? r->intf : r->text;

        if (k == 4 || k == 5)
            rep_str(r, w->ws, w->row, (lxw_col_t)k, rep_work_label(r, sheet_cell_text(&c[k])), f);
        else if (k == 6)
            rep_str(r, w->ws, w->row, (lxw_col_t)k,
                    M(r, strcmp(sheet_cell_text(&c[k]), "converted") == 0 ? MSG_STATE_CONVERTED
                         : strcmp(sheet_cell_text(&c[k]), "dropped") == 0 ? MSG_STATE_DROPPED
                                                                          : MSG_STATE_DEFERRED),
                    f);
        else
            sheet_cell(r, w->ws, w->row, (lxw_col_t)k, &c[k], f);
    }
    {
        const char *state = sheet_cell_text(&c[6]);
        struct explain_work ew = {strcmp(state, "converted") == 0 ? LEVEL_CONVERTED
                                  : strcmp(state, "dropped") == 0 ? LEVEL_DROPPED
                                                                  : LEVEL_PLANNED,
                                  (int)c[16].i,
                                  (int)c[17].i,
                                  c[13].d,
                                  c[14].d,
                                  (int)c[11].i};
        char reason[512];

        rep_str(r, w->ws, w->row, 16, explain_deferral(&ew, r->lang, reason, sizeof reason),
                r->text);
    }
    w->row++;
    return 0;
}

static enum koyu_err
rep_leveling(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk, const struct rep_scen *x)
{
    static const struct rep_col_spec cols[] = {
        {MSG_XL_SCENARIO, 12},
        {MSG_XL_FACILITY_ID, 11},
        {MSG_XL_NAME, 22},
        {MSG_XL_BUILDING_ID, 11},
        {MSG_XL_PLANNED_WORK, 16},
        {MSG_XL_WORK, 16},
        {MSG_XL_STATE, 10},
        {MSG_XL_DUE_YEAR, 9},
        {MSG_XL_PLANNED_END, 9},
        {MSG_XL_START_YEAR, 9},
        {MSG_XL_END_YEAR, 9},
        {MSG_XL_DELAY_YEARS, 8},
        {MSG_XL_PLANNED_COST_YEN, 15},
        {MSG_XL_COST_YEN_2, 15},
        {MSG_XL_PAID_YEN, 15},
        {MSG_XL_OUTSTANDING_YEN, 15},
        {MSG_XL_REASON, 60},
    };
    struct sheet_rows w = {.r = r, .ws = ws};
    char fm[256], label[128];
    lxw_row_t row = 2;
    enum koyu_err err;
    int k, y, col = 1;

    for (k = 0; k < 17; k++)
        rep_check(r, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, cols[k].width, NULL));
    rep_page(r, ws, 0);
    rep_str(r, ws, 0, 0, M(r, MSG_XL_LEVELING_UNDER_THE_BUDGET_CAP_BY), r->title);
    /* years: per leveled scenario its plan, what is paid, the cap, binding */
    rep_str(r, ws, row, 0, M(r, MSG_XL_FISCAL_YEAR), r->head);
    for (k = 0; k < x->n; k++) {
        if (!x->sc[k].has_cap)
            continue;
        msg_format(label, sizeof label, (r)->lang, MSG_XL_PLAN_NEED, x->sc[k].name);
        rep_str(r, ws, row, (lxw_col_t)col, label, r->head);
        msg_format(label, sizeof label, (r)->lang, MSG_XL_LEVELED, x->sc[k].name);
        rep_str(r, ws, row, (lxw_col_t)col + 1, label, r->head);
        msg_format(label, sizeof label, (r)->lang, MSG_XL_CAP, x->sc[k].name);
        rep_str(r, ws, row, (lxw_col_t)col + 2, label, r->head);
        msg_format(label, sizeof label, (r)->lang, MSG_XL_CAP_BINDS, x->sc[k].name);
        rep_str(r, ws, row, (lxw_col_t)col + 3, label, r->head);
        col += 4;
    }
    rep_check(r, worksheet_set_row(ws, row, 45, NULL));
    for (y = 0; y < x->H; y++) {
        row = 3 + (lxw_row_t)y;
        rep_num(r, ws, row, 0, x->y0 + y, r->intf);
        col = 1;
        for (k = 0; k < x->n; k++) {
            if (!x->sc[k].has_cap)
                continue;
            rep_num(r, ws, row, (lxw_col_t)col, x->planned[y * x->n + k], r->yen);
            rep_num(r, ws, row, (lxw_col_t)col + 1, x->series[y * x->n + k], r->yen);
            rep_num(r, ws, row, (lxw_col_t)col + 2, x->cap[y * x->n + k], r->yen);
            rep_str(r, ws, row, (lxw_col_t)col + 3,
                    x->binding[y * x->n + k] ? M(r, MSG_XL_YES_2) : NULL, r->text);
            col += 4;
        }
    }
    row = 3 + (lxw_row_t)x->H;
    rep_str(r, ws, row, 0, M(r, MSG_XL_TOTAL), r->head);
    col = 1;
    for (k = 0; k < x->n; k++) {
        char a[8];
        int j;

        if (!x->sc[k].has_cap)
            continue;
        for (j = 0; j < 2; j++) {
            double v = 0;

            for (y = 0; y < x->H; y++)
                v += (j ? x->series : x->planned)[y * x->n + k];
            rep_col((lxw_col_t)(col + j), a);
            snprintf(fm, sizeof fm, "=SUM(%s4:%s%u)", a, a, (unsigned)row);
            rep_formula(r, ws, row, (lxw_col_t)(col + j), fm, v, r->yen);
        }
        col += 4;
    }
    /* the works that did not go as planned */
    row += 2;
    rep_str(r, ws, row++, 0, M(r, MSG_XL_DEFERRED_AND_CONVERTED_WORKS), r->title);
    for (k = 0; k < 17; k++)
        rep_str(r, ws, row, (lxw_col_t)k, M(r, cols[k].label), r->head);
    rep_check(r, worksheet_set_row(ws, row, 30, NULL));
    w.first = w.row = row + 1;
    w.name = sheet_scen_name(r->lang, RS_LEVELING);
    w.cols = cols;
    w.ncols = 17;
    err = store_report_query(bk->s, STORE_Q_DEFERRED, bk->run->run_id, rep_deferred_row, &w);
    if (w.skipped) {
        char note[256];

        msg_format(note, sizeof note, (r)->lang, MSG_XL_MORE_ROWS_ARE_IN_THE_DATABASE, w.skipped);
        rep_str(r, ws, w.row, 0, note, r->text);
    }
    return err;
}

/* ---- reduction ---- */

static int
rep_exit_row(void *ctx, const struct store_cell *c, int n)
{
    struct sheet_rows *w = ctx;
    struct rep *r = w->r;
    int k, d;

    if (n < 9 || !sheet_rows_room(w))
        return 0;
    for (k = 0; k < 9; k++) {
        if (k == 4) {
            d = rep_decision_index(sheet_cell_text(&c[k]));
            rep_str(r, w->ws, w->row, 4, rep_decision_label(r, sheet_cell_text(&c[k])),
                    d >= 0 ? r->dec[d] : r->text);
        } else {
            sheet_cell(r, w->ws, w->row, (lxw_col_t)k, &c[k],
                       k == 5   ? r->intf
                       : k == 6 ? r->area
                       : k > 6  ? r->yen
                                : r->text);
        }
    }
    w->row++;
    return 0;
}

static enum koyu_err
rep_reduction(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk, const struct rep_scen *x)
{
    static const struct rep_col_spec cols[] = {
        {MSG_XL_SCENARIO, 12},
        {MSG_XL_FACILITY_ID, 11},
        {MSG_XL_NAME, 24},
        {MSG_XL_DEPARTMENT, 16},
        {MSG_XL_DECISION, 8},
        {MSG_XL_EXIT_YEAR, 9},
        {MSG_XL_FLOOR_AREA_M2, 13},
        {MSG_XL_RUNNING_COSTS_AVOIDED_YEN, 17},
        {MSG_XL_RENEWALS_AVOIDED_YEN, 17},
    };
    struct sheet_rows w = {.r = r, .ws = ws};
    char fm[256], title[256];
    lxw_row_t row = 1;
    enum koyu_err err;
    int k;

    for (k = 0; k < 9; k++)
        rep_check(r, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, cols[k].width, NULL));
    rep_page(r, ws, 0);
    rep_str(r, ws, 0, 0, M(r, MSG_XL_FLOOR_AREA_REDUCTION_THROUGH_THE_SELL), r->title);
    for (k = 0; k < x->n; k++) {
        const struct rep_scen_one *s = &x->sc[k];

        if (!s->has_reduction)
            continue;
        msg_format(title, sizeof title, (r)->lang, MSG_XL_TARGET_M2_REDUCED_M2, s->name, s->target,
                   s->reduced, s->floor0 > 0 ? 100 * s->reduced / s->floor0 : 0,
                   s->reduced + 1e-6 < s->target ? M(r, MSG_XL_THE_SELL_AND_LEASE_DECISIONS_FALL)
                                                 : "");
        rep_str(r, ws, row++, 0, title, r->text);
    }
    row++;
    for (k = 0; k < 9; k++)
        rep_str(r, ws, row, (lxw_col_t)k, M(r, cols[k].label), r->head);
    rep_check(r, worksheet_set_row(ws, row, 30, NULL));
    worksheet_freeze_panes(ws, row + 1, 0);
    w.first = w.row = row + 1;
    w.name = sheet_scen_name(r->lang, RS_REDUCTION);
    w.cols = cols;
    w.ncols = 9;
    err = store_report_query(bk->s, STORE_Q_EXITS, bk->run->run_id, rep_exit_row, &w);
    /* the totals under the last row, on the sheet the list ended on */
    rep_str(r, w.ws, w.row, 0, M(r, MSG_XL_TOTAL), r->head);
    for (k = 6; k < 9; k++) {
        char a[8];
        double v = 0;
        int j;

        for (j = 0; j < x->n; j++)
            v += k == 6   ? x->sc[j].reduced
                 : k == 7 ? x->sc[j].running_avoided
                          : x->sc[j].renewal_avoided;
        rep_col((lxw_col_t)k, a);
        /* no exit, no rows: a plain 0, not a sum over itself */
        if (w.row == w.first || w.part > 0) {
            rep_num(r, w.ws, w.row, (lxw_col_t)k, v, k == 6 ? r->area : r->yen);
            continue;
        }
        snprintf(fm, sizeof fm, "=SUM(%s%u:%s%u)", a, (unsigned)w.first + 1, a, (unsigned)w.row);
        rep_formula(r, w.ws, w.row, (lxw_col_t)k, fm, v, k == 6 ? r->area : r->yen);
    }
    return err;
}

enum koyu_err
rep_scen_write(struct rep *r, const struct rep_book *bk, const struct rep_scen *x)
{
    const char *names[RS__COUNT];
    int i;

    for (i = 0; i < RS__COUNT; i++)
        names[i] = sheet_scen_name(r->lang, (enum rep_scen_sheet)i);
    enum koyu_err err = KOYU_OK;

    if (x->ws[RS_COMPARISON])
        rep_comparison(r, x->ws[RS_COMPARISON], x, names[RS_COMPARISON]);
    if (!err && x->ws[RS_LEVELING])
        err = rep_leveling(r, x->ws[RS_LEVELING], bk, x);
    if (!err && x->ws[RS_REDUCTION])
        err = rep_reduction(r, x->ws[RS_REDUCTION], bk, x);
    if (!err && x->ws[RS_SENSITIVITY])
        err = sheet_sensitivity(r, x->ws[RS_SENSITIVITY], bk, names[RS_SENSITIVITY]);
    if (!err && x->ws[RS_MONTE_CARLO])
        err = sheet_monte_carlo(r, x->ws[RS_MONTE_CARLO], bk, x, names[RS_MONTE_CARLO]);
    if (!err && x->ws[RS_ROBUSTNESS])
        err = sheet_robustness(r, x->ws[RS_ROBUSTNESS], bk, x->unc_rows);
    return err;
}
