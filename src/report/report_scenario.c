/* report_scenario.c - the scenario and uncertainty sheets of the
 * assessment workbook (issue 6): scenario comparison, leveling, reduction,
 * sensitivity, Monte Carlo and robustness by facility.  Part of the report
 * module (report_int.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/engine/lcc.h"
#include "koyu/engine/level.h"
#include "koyu/report/explain.h"
#include "report_int.h"

static const char *const rep_scen_names[2][RS__COUNT] = {
    {"シナリオ比較", "平準化", "縮減", "感度分析", "モンテカルロ", "頑健性"},
    {"Scenario comparison", "Leveling", "Reduction", "Sensitivity", "Monte Carlo",
     "Robustness"},
};

/* The label of a stored work type ("rebuild"). */
static const char *
rep_work_label(struct rep *r, const char *name)
{
    int w;

    for (w = 0; w < LCC_W__COUNT; w++)
        if (strcmp(name, lcc_work_name((enum lcc_work)w)) == 0)
            return EN(r) ? name : rep_work_ja[w];
    return name;
}

static double
cell_num(const struct store_cell *c)
{
    return c->type == STORE_INT || c->type == STORE_REAL ? c->d : 0;
}

static const char *
cell_text(const struct store_cell *c)
{
    return c->type == STORE_TEXT && c->s ? c->s : "";
}

/* A number, or a blank cell when the database holds NULL. */
static void
rep_cell(struct rep *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
         const struct store_cell *c, lxw_format *f)
{
    if (c->type == STORE_TEXT)
        rep_str(r, ws, row, col, c->s, f);
    else if (c->type == STORE_NULL)
        rep_str(r, ws, row, col, NULL, f);
    else
        rep_num(r, ws, row, col, c->d, f);
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
    snprintf(s->name, sizeof s->name, "%s", cell_text(&c[0]));
    snprintf(s->title, sizeof s->title, "%s", cell_text(&c[1]));
    snprintf(s->title_en, sizeof s->title_en, "%s", cell_text(&c[2]));
    snprintf(s->model, sizeof s->model, "%s", cell_text(&c[3]));
    s->pv = cell_num(&c[11]);
    s->floor0 = cell_num(&c[12]);
    s->floor_end = cell_num(&c[13]);
    s->has_cap = c[14].type != STORE_NULL;
    s->cap = cell_num(&c[14]);
    s->backlog = cell_num(&c[15]);
    s->deferral = cell_num(&c[16]);
    s->binding_years = (int)cell_num(&c[17]);
    s->has_reduction = c[18].type != STORE_NULL;
    s->reduced = cell_num(&c[18]);
    for (k = 0; k < 5; k++)
        s->dec[k] = (long)cell_num(&c[19 + k]);
    s->run_id = c[24].i;
    s->recent = cell_num(&c[25]);
    s->target = cell_num(&c[26]);
    s->running_avoided = cell_num(&c[27]);
    s->renewal_avoided = cell_num(&c[28]);
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
    y = (int)cell_num(&c[0]) - x->y0;
    k = (int)cell_num(&c[1]); /* positions are 0 .. n-1, in order */
    if (y < 0 || y >= x->H || k < 0 || k >= x->n)
        return 0;
    x->planned[y * x->n + k] = cell_num(&c[2]);
    x->series[y * x->n + k] = cell_num(&c[3]);
    x->cap[y * x->n + k] = cell_num(&c[4]);
    x->binding[y * x->n + k] = (int)cell_num(&c[5]);
    x->floor[y * x->n + k] = cell_num(&c[6]);
    x->running[y * x->n + k] = cell_num(&c[7]);
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
    const char *const *names = rep_scen_names[EN(r)];
    int k;

    for (k = 0; k < RS__COUNT; k++) {
        int want = k == RS_COMPARISON ? x->n > 0
                   : k == RS_LEVELING ? x->any_cap
                   : k == RS_REDUCTION ? x->any_reduction
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
        {"シナリオ", "Scenario", 14},
        {"内容", "What it is", 34},
        {"モデル", "Model", 11},
        {"40年総額（円）", "Total over the horizon (yen)", 17},
        {"年平均（円）", "Annual average (yen)", 16},
        {"最大の年度", "Peak year", 9},
        {"最大（円）", "Peak (yen)", 16},
        {"直近の投資的経費との比", "Ratio to recent investment", 11},
        {"年間の不足額（円）", "Annual gap (yen)", 16},
        {"現在価値（更新＋運営、円）", "Present value (renewals + running, yen)", 18},
        {"延床面積 初年度（㎡）", "Floor area at Y0 (m2)", 14},
        {"延床面積 期末（㎡）", "Floor area at the end (m2)", 14},
        {"維持", "Keep", 7},
        {"改修", "Repair", 7},
        {"建替", "Rebuild", 7},
        {"売却", "Sell", 7},
        {"貸付", "Lease", 7},
        {"予算上限（円/年）", "Budget cap (yen/yr)", 15},
        {"期末の積み残し（円）", "Backlog at the end (yen)", 16},
        {"繰延べによる増減（円）", "Cost of deferral (yen)", 16},
        {"上限に達した年数", "Years the cap binds", 9},
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
    snprintf(title, sizeof title, L(r, "シナリオ比較（基準: %s、%d〜%d年度）",
                                    "Scenario comparison (baseline: %s, FY%d-%d)"),
             x->sc[0].name, x->y0, x->y0 + x->H - 1);
    rep_str(r, ws, 0, 0, title, r->title);
    rep_str(r, ws, 1, 0,
            L(r, "総額・年平均・最大は下の年度別の表の式です。現在価値は割引率で割り引いた"
                 "更新費用と運営費（収入控除後）の合計です。",
              "Total, average and peak are formulas over the yearly table below. The present "
              "value adds the discounted renewals and running costs (net of revenue)."),
            r->text);
    for (c = 0; c < ncol; c++)
        rep_str(r, ws, 2, (lxw_col_t)c, L(r, head[c].ja, head[c].en), r->head);
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
        snprintf(fm, sizeof fm, "=INDEX($A$%u:$A$%u,MATCH(G%u,%s%u:%s%u,0))",
                 (unsigned)ydata + 1, (unsigned)ylast + 1, (unsigned)rr + 1, col,
                 (unsigned)ydata + 1, col, (unsigned)ylast + 1);
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
    rep_str(r, ws, row++, 0, L(r, "基準との差", "Difference from the baseline"), r->title);
    rep_str(r, ws, row, 0, L(r, "シナリオ", "Scenario"), r->head);
    rep_str(r, ws, row, 3, L(r, "40年総額（円）", "Total (yen)"), r->head);
    rep_str(r, ws, row, 4, L(r, "年平均（円）", "Annual average (yen)"), r->head);
    rep_str(r, ws, row, 5, L(r, "総額の差（%）", "Total (%)"), r->head);
    rep_str(r, ws, row, 9, L(r, "現在価値（円）", "Present value (yen)"), r->head);
    rep_str(r, ws, row, 11, L(r, "期末の延床面積（㎡）", "Floor area at the end (m2)"), r->head);
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
    rep_str(r, ws, years - 1, 0, L(r, "年度別の更新費用（円）と延床面積（㎡）",
                                   "Renewals by year (yen) and floor area (m2)"), r->title);
    rep_str(r, ws, years, 0, L(r, "年度", "Fiscal year"), r->head);
    for (k = 0; k < x->n; k++) {
        char label[128];

        rep_str(r, ws, years, (lxw_col_t)(1 + k), x->sc[k].name, r->head);
        snprintf(label, sizeof label, L(r, "%s 延床面積", "%s floor area"), x->sc[k].name);
        rep_str(r, ws, years, (lxw_col_t)(1 + x->n + k), label, r->head);
    }
    for (y = 0; y < x->H; y++) {
        rep_num(r, ws, ydata + (lxw_row_t)y, 0, x->y0 + y, r->intf);
        for (k = 0; k < x->n; k++) {
            rep_num(r, ws, ydata + (lxw_row_t)y, (lxw_col_t)(1 + k), x->series[y * x->n + k],
                    r->yen);
            rep_num(r, ws, ydata + (lxw_row_t)y, (lxw_col_t)(1 + x->n + k),
                    x->floor[y * x->n + k], r->area);
        }
    }
    /* every scenario's yearly series on one axis */
    {
        lxw_chart *ch = workbook_add_chart(r->wb, LXW_CHART_LINE);
        lxw_chart_options opt = {.x_scale = 1.8, .y_scale = 1.4};

        for (k = 0; k < x->n; k++) {
            lxw_chart_series *s = chart_add_series(ch, NULL, NULL);

            chart_series_set_categories(s, sheet, ydata, 0, ylast, 0);
            chart_series_set_values(s, sheet, ydata, (lxw_col_t)(1 + k), ylast,
                                    (lxw_col_t)(1 + k));
            chart_series_set_name_range(s, sheet, years, (lxw_col_t)(1 + k));
        }
        chart_title_set_name(ch, L(r, "シナリオ別の更新費用（百万円）",
                                   "Renewals by scenario (million yen)"));
        chart_axis_set_num_format(ch->y_axis, "#,##0,,");
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        rep_check(r, worksheet_insert_chart_opt(ws, years, (lxw_col_t)(2 * x->n + 2), ch, &opt));
    }
}

/* ---- leveling ---- */

/* Rows of a list written one by one; past Excel's last row the list goes
 * on in a sheet "<name> (2)", "(3)" ... with the same header. */
struct rep_rows {
    struct rep *r;
    lxw_worksheet *ws;
    lxw_row_t row, first;
    long skipped;
    const char *name;
    const struct rep_col_spec *cols;
    int ncols, part;
};

/* Whether w has a row to write (after starting a continuation sheet). */
static int
rep_rows_room(struct rep_rows *w)
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

static int
rep_deferred_row(void *ctx, const struct store_cell *c, int n)
{
    struct rep_rows *w = ctx;
    struct rep *r = w->r;
    int k;

    if (n < 18 || !rep_rows_room(w))
        return 0;
    for (k = 0; k < 16; k++) {
        lxw_format *f = k >= 12 && k <= 15 ? r->yen : k >= 7 && k <= 11 ? r->intf : r->text;

        if (k == 4 || k == 5)
            rep_str(r, w->ws, w->row, (lxw_col_t)k, rep_work_label(r, cell_text(&c[k])), f);
        else if (k == 6)
            rep_str(r, w->ws, w->row, (lxw_col_t)k,
                    EN(r) ? cell_text(&c[k])
                    : strcmp(cell_text(&c[k]), "converted") == 0 ? "建替えに転換"
                    : strcmp(cell_text(&c[k]), "dropped") == 0   ? "不要"
                                                                 : "繰延べ",
                    f);
        else
            rep_cell(r, w->ws, w->row, (lxw_col_t)k, &c[k], f);
    }
    {
        const char *state = cell_text(&c[6]);
        struct explain_work ew = {
            strcmp(state, "converted") == 0 ? LEVEL_CONVERTED
            : strcmp(state, "dropped") == 0 ? LEVEL_DROPPED
                                            : LEVEL_PLANNED,
            (int)c[16].i, (int)c[17].i, c[13].d, c[14].d, (int)c[11].i};
        char reason[512];

        rep_str(r, w->ws, w->row, 16, explain_deferral(&ew, r->lang, reason, sizeof reason),
                r->text);
    }
    w->row++;
    return 0;
}

static enum koyu_err
rep_leveling(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk,
             const struct rep_scen *x)
{
    static const struct rep_col_spec cols[] = {
        {"シナリオ", "Scenario", 12}, {"施設番号", "Facility id", 11},
        {"施設名", "Name", 22},       {"棟番号", "Building id", 11},
        {"計画の工種", "Planned work", 16}, {"工種", "Work", 16},
        {"状態", "State", 10},        {"計画の開始年度", "Due year", 9},
        {"計画の完了年度", "Planned end", 9}, {"着手年度", "Start year", 9},
        {"完了年度", "End year", 9},   {"遅れ（年）", "Delay (years)", 8},
        {"計画額（円）", "Planned cost (yen)", 15}, {"費用（円）", "Cost (yen)", 15},
        {"支払済（円）", "Paid (yen)", 15}, {"繰越し（円）", "Outstanding (yen)", 15},
        {"理由", "Reason", 60},
    };
    struct rep_rows w = {.r = r, .ws = ws};
    char fm[256], label[128];
    lxw_row_t row = 2;
    enum koyu_err err;
    int k, y, col = 1;

    for (k = 0; k < 17; k++)
        rep_check(r, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, cols[k].width, NULL));
    rep_page(r, ws, 0);
    rep_str(r, ws, 0, 0, L(r, "予算上限による平準化（年度別）", "Leveling under the budget cap, by year"),
            r->title);
    /* years: per leveled scenario its plan, what is paid, the cap, binding */
    rep_str(r, ws, row, 0, L(r, "年度", "Fiscal year"), r->head);
    for (k = 0; k < x->n; k++) {
        if (!x->sc[k].has_cap)
            continue;
        snprintf(label, sizeof label, L(r, "%s 計画（必要額）", "%s plan (need)"), x->sc[k].name);
        rep_str(r, ws, row, (lxw_col_t)col, label, r->head);
        snprintf(label, sizeof label, L(r, "%s 平準化後", "%s leveled"), x->sc[k].name);
        rep_str(r, ws, row, (lxw_col_t)col + 1, label, r->head);
        snprintf(label, sizeof label, L(r, "%s 上限", "%s cap"), x->sc[k].name);
        rep_str(r, ws, row, (lxw_col_t)col + 2, label, r->head);
        snprintf(label, sizeof label, L(r, "%s 上限に達した", "%s cap binds"), x->sc[k].name);
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
                    x->binding[y * x->n + k] ? L(r, "○", "yes") : NULL, r->text);
            col += 4;
        }
    }
    row = 3 + (lxw_row_t)x->H;
    rep_str(r, ws, row, 0, L(r, "合計", "Total"), r->head);
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
    rep_str(r, ws, row++, 0, L(r, "繰延べ・転換した工事", "Deferred and converted works"),
            r->title);
    for (k = 0; k < 17; k++)
        rep_str(r, ws, row, (lxw_col_t)k, L(r, cols[k].ja, cols[k].en), r->head);
    rep_check(r, worksheet_set_row(ws, row, 30, NULL));
    w.first = w.row = row + 1;
    w.name = rep_scen_names[EN(r)][RS_LEVELING];
    w.cols = cols;
    w.ncols = 17;
    err = store_report_query(bk->s, STORE_Q_DEFERRED, bk->run->run_id, rep_deferred_row, &w);
    if (w.skipped) {
        char note[256];

        snprintf(note, sizeof note,
                 L(r, "ほか %ld 件はデータベースの deferred_works 表にあります（Excel の行数の上限）",
                   "%ld more rows are in the database's deferred_works table (Excel's row limit)"),
                 w.skipped);
        rep_str(r, ws, w.row, 0, note, r->text);
    }
    return err;
}

/* ---- reduction ---- */

static int
rep_exit_row(void *ctx, const struct store_cell *c, int n)
{
    struct rep_rows *w = ctx;
    struct rep *r = w->r;
    int k, d;

    if (n < 9 || !rep_rows_room(w))
        return 0;
    for (k = 0; k < 9; k++) {
        if (k == 4) {
            d = rep_decision_index(cell_text(&c[k]));
            rep_str(r, w->ws, w->row, 4, rep_decision_label(r, cell_text(&c[k])),
                    d >= 0 ? r->dec[d] : r->text);
        } else {
            rep_cell(r, w->ws, w->row, (lxw_col_t)k, &c[k],
                     k == 5 ? r->intf : k == 6 ? r->area : k > 6 ? r->yen : r->text);
        }
    }
    w->row++;
    return 0;
}

static enum koyu_err
rep_reduction(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk,
              const struct rep_scen *x)
{
    static const struct rep_col_spec cols[] = {
        {"シナリオ", "Scenario", 12},      {"施設番号", "Facility id", 11},
        {"施設名", "Name", 24},            {"所管課", "Department", 16},
        {"仕分け", "Decision", 8},         {"退出年度", "Exit year", 9},
        {"延床面積（㎡）", "Floor area (m2)", 13},
        {"回避した運営費（円）", "Running costs avoided (yen)", 17},
        {"回避した更新費用（円）", "Renewals avoided (yen)", 17},
    };
    struct rep_rows w = {.r = r, .ws = ws};
    char fm[256], title[256];
    lxw_row_t row = 1;
    enum koyu_err err;
    int k;

    for (k = 0; k < 9; k++)
        rep_check(r, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, cols[k].width, NULL));
    rep_page(r, ws, 0);
    rep_str(r, ws, 0, 0, L(r, "延床面積の縮減（仕分けの売却・貸付による）",
                           "Floor-area reduction (through the sell and lease decisions)"),
            r->title);
    for (k = 0; k < x->n; k++) {
        const struct rep_scen_one *s = &x->sc[k];

        if (!s->has_reduction)
            continue;
        snprintf(title, sizeof title,
                 L(r, "%s: 目標 %.0f ㎡、縮減 %.0f ㎡（%.1f%%）%s", "%s: target %.0f m2, reduced %.0f m2 (%.1f%%)%s"),
                 s->name, s->target, s->reduced, s->floor0 > 0 ? 100 * s->reduced / s->floor0 : 0,
                 s->reduced + 1e-6 < s->target
                     ? L(r, "　売却・貸付の施設だけでは目標に届きません", " - the sell and lease decisions fall short of the target")
                     : "");
        rep_str(r, ws, row++, 0, title, r->text);
    }
    row++;
    for (k = 0; k < 9; k++)
        rep_str(r, ws, row, (lxw_col_t)k, L(r, cols[k].ja, cols[k].en), r->head);
    rep_check(r, worksheet_set_row(ws, row, 30, NULL));
    worksheet_freeze_panes(ws, row + 1, 0);
    w.first = w.row = row + 1;
    w.name = rep_scen_names[EN(r)][RS_REDUCTION];
    w.cols = cols;
    w.ncols = 9;
    err = store_report_query(bk->s, STORE_Q_EXITS, bk->run->run_id, rep_exit_row, &w);
    /* the totals under the last row, on the sheet the list ended on */
    rep_str(r, w.ws, w.row, 0, L(r, "合計", "Total"), r->head);
    for (k = 6; k < 9; k++) {
        char a[8];
        double v = 0;
        int j;

        for (j = 0; j < x->n; j++)
            v += k == 6 ? x->sc[j].reduced : k == 7 ? x->sc[j].running_avoided : x->sc[j].renewal_avoided;
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
    if (strcmp(cell_text(&c[0]), "base") == 0) {
        s->base_total = cell_num(&c[3]);
        s->base_pv = cell_num(&c[4]);
        return 0;
    }
    if (s->n == 8)
        return 0;
    snprintf(s->var[s->n], sizeof s->var[0], "%s", cell_text(&c[0]));
    snprintf(s->end[s->n], sizeof s->end[0], "%s", cell_text(&c[1]));
    s->value[s->n] = cell_num(&c[2]);
    s->total[s->n] = cell_num(&c[3]);
    s->pv[s->n] = cell_num(&c[4]);
    s->changed[s->n] = (long)cell_num(&c[5]);
    s->n++;
    return 0;
}

static const char *
rep_var_label(struct rep *r, const char *v)
{
    if (strcmp(v, "unit_cost") == 0)
        return L(r, "単価（倍率）", "Unit costs (factor)");
    if (strcmp(v, "discount_rate") == 0)
        return L(r, "割引率", "Discount rate");
    if (strcmp(v, "escalation") == 0)
        return L(r, "物価上昇率（実質）", "Escalation (real)");
    if (strcmp(v, "life") == 0)
        return L(r, "耐用年数（年の増減）", "Lives (years added)");
    return v;
}

static enum koyu_err
rep_sensitivity(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk, const char *sheet)
{
    static const char *const head_ja[] = {
        "変数", "低", "高", "総額 低（円）", "総額 高（円）", "振れ幅（円）", "低−基準（円）",
        "高−基準（円）", "現在価値 低（円）", "現在価値 高（円）", "最安案が変わる施設 低",
        "最安案が変わる施設 高"};
    static const char *const head_en[] = {
        "Variable", "Low", "High", "Total, low (yen)", "Total, high (yen)", "Swing (yen)",
        "Low - base (yen)", "High - base (yen)", "PV, low (yen)", "PV, high (yen)",
        "Facilities whose cheapest changes, low", "... high"};
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
    rep_str(r, ws, 0, 0, L(r, "感度分析（一つずつ変化させた場合の40年総額）",
                           "One-at-a-time sensitivity of the total over the horizon"), r->title);
    rep_str(r, ws, 1, 0, L(r, "基準の総額（円）", "Base total (yen)"), r->text);
    rep_num(r, ws, 1, 3, s.base_total, r->yen);
    rep_str(r, ws, 1, 8, L(r, "基準の現在価値", "Base PV"), r->text);
    rep_num(r, ws, 1, 9, s.base_pv, r->yen);
    for (k = 0; k < 12; k++)
        rep_str(r, ws, 3, (lxw_col_t)k, EN(r) ? head_en[k] : head_ja[k], r->head);
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
    rep_str(r, ws, 5 + (lxw_row_t)nv, 0,
            L(r, "割引率は40年総額（割り引かない合計）を変えず、現在価値と最安案だけを変えます。"
                 "最安案は同じサービスを続ける案（維持・改修・建替）どうし、手放す案（売却・貸付）"
                 "どうしで比べます。",
              "The discount rate leaves the undiscounted total as it is and moves the present "
              "value and the cheapest options. Options are compared like for like: keep, repair "
              "and rebuild with each other, sell and lease with each other."),
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
        chart_title_set_name(ch, L(r, "トルネード図：40年総額の基準からの差（百万円）",
                                   "Tornado: total minus the base (million yen)"));
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
            strcmp(cell_text(&c[0]), "pv") == 0
                ? L(r, "更新費用の現在価値（円）", "Present value of renewals (yen)")
                : L(r, "40年総額（円）", "Total over the horizon (yen)"),
            r->text);
    rep_cell(r, m->ws, m->row, 1, &c[7], r->yen);
    for (k = 3; k <= 6; k++)
        rep_cell(r, m->ws, m->row, (lxw_col_t)(k - 1), &c[k], r->yen);
    rep_cell(r, m->ws, m->row, 6, &c[1], r->intf);
    rep_cell(r, m->ws, m->row, 7, &c[2], r->text);
    m->row++;
    return 0;
}

static int
rep_mc_year_row(void *ctx, const struct store_cell *c, int n)
{
    struct rep_mc *m = ctx;
    struct rep *r = m->r;
    const int y = (int)cell_num(&c[0]) - m->x->y0;
    int k;

    if (n < 5 || y < 0 || y >= m->x->H)
        return 0;
    rep_num(r, m->ws, m->row, 0, cell_num(&c[0]), r->intf);
    /* the deterministic series of the run: the comparison's first column
     * is the baseline, and this sheet is the baseline's */
    rep_num(r, m->ws, m->row, 1, m->x->series[y * m->x->n], r->yen);
    for (k = 1; k <= 4; k++)
        rep_cell(r, m->ws, m->row, (lxw_col_t)(k + 1), &c[k], r->yen);
    m->row++;
    return 0;
}

static enum koyu_err
rep_monte_carlo(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk,
                const struct rep_scen *x, const char *sheet)
{
    static const char *const head_ja[] = {"", "決定論", "5%点", "中央値", "95%点", "平均",
                                          "試行回数", "乱数の種"};
    static const char *const head_en[] = {"", "Deterministic", "5th percentile", "Median",
                                          "95th percentile", "Mean", "Draws", "Seed"};
    struct rep_mc m = {r, ws, 4, x, 0};
    lxw_row_t years;
    enum koyu_err err;
    int k;

    rep_check(r, worksheet_set_column(ws, 0, 0, 30, NULL));
    rep_check(r, worksheet_set_column(ws, 1, 7, 16, NULL));
    rep_page(r, ws, 0);
    rep_str(r, ws, 0, 0, L(r, "モンテカルロ（単価・物価上昇率・時期の不確実性）",
                           "Monte Carlo (uncertainty of unit costs, escalation and timing)"),
            r->title);
    rep_str(r, ws, 1, 0,
            L(r, "分布と種は前提条件シートの mc.* にあります。百分位は PERCENTILE.INC と同じ補間です。",
              "The distributions and the seed are the mc.* rows of the Assumptions sheet. "
              "Percentiles interpolate as PERCENTILE.INC does."),
            r->text);
    for (k = 0; k < 8; k++)
        rep_str(r, ws, 3, (lxw_col_t)k, EN(r) ? head_en[k] : head_ja[k], r->head);
    err = store_report_query(bk->s, STORE_Q_MC_SUMMARY, bk->run->run_id, rep_mc_summary_row, &m);
    years = m.row + 1;
    rep_str(r, ws, years, 0, L(r, "年度", "Fiscal year"), r->head);
    for (k = 1; k < 6; k++)
        rep_str(r, ws, years, (lxw_col_t)k, EN(r) ? head_en[k] : head_ja[k], r->head);
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
        chart_title_set_name(ch, L(r, "更新費用の分布（百万円）", "Renewals: percentiles (million yen)"));
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
    struct rep_rows *w = ctx;
    struct rep *r = w->r;
    int k, d;

    if (n < 11 || !rep_rows_room(w))
        return 0;
    rep_cell(r, w->ws, w->row, 0, &c[0], r->text);
    rep_cell(r, w->ws, w->row, 1, &c[1], r->text);
    d = rep_decision_index(cell_text(&c[2]));
    rep_str(r, w->ws, w->row, 2, rep_decision_label(r, cell_text(&c[2])),
            d >= 0 ? r->dec[d] : r->text);
    for (k = 4; k <= 9; k++) {
        if (k == 4 || k == 7 || k == 9) {
            d = rep_decision_index(cell_text(&c[k]));
            rep_str(r, w->ws, w->row, (lxw_col_t)(k - 1),
                    c[k].type == STORE_TEXT ? rep_decision_label(r, cell_text(&c[k])) : NULL,
                    r->text);
        } else {
            rep_cell(r, w->ws, w->row, (lxw_col_t)(k - 1), &c[k], k == 5 ? r->pct : r->pct2);
        }
    }
    rep_cell(r, w->ws, w->row, 9, &c[10], r->intf);
    w->row++;
    return 0;
}

static enum koyu_err
rep_robustness(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk, long rows)
{
    static const struct rep_col_spec cols[] = {
        {"施設番号", "Facility id", 11},
        {"施設名", "Name", 24},
        {"仕分け", "Decision", 8},
        {"同種の案で最安", "Cheapest like for like", 10},
        {"仕分けの案が最安である確率", "Probability the decision's option is cheapest", 12},
        {"最安案が変わる割引率", "Discount rate at which the cheapest changes", 12},
        {"変わった後の案（割引率）", "Then cheapest (discount rate)", 10},
        {"最安案が変わる更新費上昇率", "Renewal escalation at which it changes", 12},
        {"変わった後の案（上昇率）", "Then cheapest (escalation)", 10},
        {"最安案が変わる感度ケース数", "Sensitivity cases that change it", 10},
    };
    struct rep_rows w = {.r = r, .ws = ws, .row = 1, .first = 1};
    enum koyu_err err;
    int k;

    (void)rows;
    for (k = 0; k < 10; k++) {
        rep_check(r, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, cols[k].width, NULL));
        rep_str(r, ws, 0, (lxw_col_t)k, L(r, cols[k].ja, cols[k].en), r->head);
    }
    rep_check(r, worksheet_set_row(ws, 0, 60, NULL));
    worksheet_freeze_panes(ws, 1, 2);
    rep_page(r, ws, 1);
    w.name = rep_scen_names[EN(r)][RS_ROBUSTNESS];
    w.cols = cols;
    w.ncols = 10;
    err = store_report_query(bk->s, STORE_Q_FACILITY_UNC, bk->run->run_id, rep_robust_row, &w);
    if (w.row > 1)
        rep_check(r, worksheet_autofilter(ws, 0, 0, w.row - 1, 9));
    return err;
}

enum koyu_err
rep_scen_write(struct rep *r, const struct rep_book *bk, const struct rep_scen *x)
{
    const char *const *names = rep_scen_names[EN(r)];
    enum koyu_err err = KOYU_OK;

    if (x->ws[RS_COMPARISON])
        rep_comparison(r, x->ws[RS_COMPARISON], x, names[RS_COMPARISON]);
    if (!err && x->ws[RS_LEVELING])
        err = rep_leveling(r, x->ws[RS_LEVELING], bk, x);
    if (!err && x->ws[RS_REDUCTION])
        err = rep_reduction(r, x->ws[RS_REDUCTION], bk, x);
    if (!err && x->ws[RS_SENSITIVITY])
        err = rep_sensitivity(r, x->ws[RS_SENSITIVITY], bk, names[RS_SENSITIVITY]);
    if (!err && x->ws[RS_MONTE_CARLO])
        err = rep_monte_carlo(r, x->ws[RS_MONTE_CARLO], bk, x, names[RS_MONTE_CARLO]);
    if (!err && x->ws[RS_ROBUSTNESS])
        err = rep_robustness(r, x->ws[RS_ROBUSTNESS], bk, x->unc_rows);
    return err;
}
