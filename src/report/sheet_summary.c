/* sheet_summary.c - 概要: the headline figures (formulas over the other
 * sheets, with their values), the decisions, and the charts. */
#include <stdio.h>
#include <string.h>

#include "sheets.h"

/* Charts of the projection: stacked by work type, and total vs average vs
 * recent investment. */
static void
rep_renewal_charts(struct rep *r, lxw_worksheet *at, lxw_row_t row, lxw_col_t col,
                   const char *sheet, int H, int recent)
{
    lxw_chart *ch = workbook_add_chart(r->wb, LXW_CHART_COLUMN_STACKED);
    lxw_chart *ln = workbook_add_chart(r->wb, LXW_CHART_LINE);
    lxw_chart_options opt = {.x_scale = 1.6, .y_scale = 1.3};
    int w;

    for (w = 0; w < LCC_W__COUNT; w++) {
        lxw_chart_series *s = chart_add_series(ch, NULL, NULL);

        chart_series_set_categories(s, sheet, 1, 0, (lxw_row_t)H, 0);
        chart_series_set_values(s, sheet, 1, (lxw_col_t)(14 + w), (lxw_row_t)H, (lxw_col_t)(14 + w));
        chart_series_set_name_range(s, sheet, 0, (lxw_col_t)(14 + w));
    }
    chart_title_set_name(ch, L(r, "更新費用推計（工種別、百万円）",
                               "Renewal projection by work type (million yen)"));
    chart_axis_set_num_format(ch->y_axis, "#,##0,,");
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    for (w = 21; w <= (recent ? 23 : 22); w++) {
        lxw_chart_series *s = chart_add_series(ln, NULL, NULL);

        chart_series_set_categories(s, sheet, 1, 0, (lxw_row_t)H, 0);
        chart_series_set_values(s, sheet, 1, (lxw_col_t)w, (lxw_row_t)H, (lxw_col_t)w);
        chart_series_set_name_range(s, sheet, 0, (lxw_col_t)w);
    }
    chart_title_set_name(ln, L(r, "更新費用と年平均・直近の投資的経費（百万円）",
                               "Renewals, their average and recent investment (million yen)"));
    chart_axis_set_num_format(ln->y_axis, "#,##0,,");
    chart_legend_set_position(ln, LXW_CHART_LEGEND_BOTTOM);
    rep_check(r, worksheet_insert_chart_opt(at, row, col, ch, &opt));
    rep_check(r, worksheet_insert_chart_opt(at, row + 22, col, ln, &opt));
}

/* The summary: headline figures (formulas over the other sheets, with their
 * values), decision table and the charts. */
void
sheet_summary(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk, const double *year_total)
{
    const struct store_run_info *run = bk->run;
    const struct portfolio_totals *p = &run->portfolio;
    const char *fac_sheet = sheet_name(r->lang, SH_FACILITIES);
    const char *ren_sheet = sheet_name(r->lang, SH_RENEWAL);
    const int H = run->horizon_years;
    const long n = bk->facilities;
    char fm[2048], pat[256], title[256];
    lxw_row_t row = 0;
    int k, peak = 0;
    double total = 0;

    for (k = 0; k < H; k++) {
        total += year_total[k];
        if (year_total[k] > year_total[peak])
            peak = k;
    }
    rep_check(r, worksheet_set_column(ws, 0, 0, 34, NULL));
    rep_check(r, worksheet_set_column(ws, 1, 3, 18, NULL));
    rep_page(r, ws, 0);
    if (bk->department)
        snprintf(title, sizeof title, L(r, "%s　公共施設の評価結果（%d年度、%s）", "%s: public facilities assessment (FY%d, %s)"),
                 bk->department, run->year, run->scenario);
    else
        snprintf(title, sizeof title, L(r, "公共施設の評価結果（%d年度、%s）", "Public facilities assessment (FY%d, %s)"),
                 run->year, run->scenario);
    rep_str(r, ws, row++, 0, title, r->title);
    row++;
#define ROWF(label_ja, label_en, formula, value, fmt)                                   \
    do {                                                                                \
        rep_str(r, ws, row, 0, L(r, label_ja, label_en), r->text);                      \
        snprintf(fm, sizeof fm, "%s", formula);                                         \
        rep_formula(r, ws, row, 1, fm, value, fmt);                                     \
        row++;                                                                          \
    } while (0)
    {
        char f1[1024];

        /* over every part of the facilities sheet */
        rep_span(f1, sizeof f1, "COUNTA('@S'!A2:A@L)", fac_sheet, n, r->max_rows);
        ROWF("施設数", "Facilities", f1, (double)n, r->yen);
        rep_span(f1, sizeof f1, "SUM('@S'!G2:G@L)", fac_sheet, n, r->max_rows);
        ROWF("棟数", "Buildings", f1, (double)p->buildings, r->yen);
        rep_span(f1, sizeof f1, "SUM('@S'!F2:F@L)", fac_sheet, n, r->max_rows);
        ROWF("延床面積（㎡）", "Floor area (m2)", f1, p->floor_area_m2, r->area);
        snprintf(f1, sizeof f1, "='%s'!V%d/100000000", ren_sheet, H + 2);
        ROWF("更新費用 総額（億円）", "Renewals, total (100 million yen)", f1, total / 1e8, r->oku);
        snprintf(f1, sizeof f1, "='%s'!V%d/%d/100000000", ren_sheet, H + 2, H);
        ROWF("同 年平均（億円）", "Renewals, annual average (100 million yen)", f1, total / H / 1e8, r->oku);
        snprintf(f1, sizeof f1, "=MAX('%s'!V2:V%d)/100000000", ren_sheet, H + 1);
        ROWF("同 最大の年（億円）", "Renewals, peak year (100 million yen)", f1, year_total[peak] / 1e8, r->oku);
        rep_str(r, ws, row, 0, L(r, "最大の年度", "Peak fiscal year"), r->text);
        rep_num(r, ws, row++, 1, run->year + peak, r->intf);
        if (p->recent_investment_yen > 0) {
            snprintf(f1, sizeof f1, "='%s'!X2/100000000", ren_sheet);
            ROWF("直近の投資的経費（億円/年）", "Recent investment (100 million yen/yr)", f1,
                 p->recent_investment_yen / 1e8, r->oku);
            snprintf(f1, sizeof f1, "=B%u/B%u", (unsigned)row - 3, (unsigned)row);
            ROWF("年平均 / 直近の投資的経費（倍）", "Annual average / recent investment (times)", f1,
                 total / H / p->recent_investment_yen, r->num1);
            snprintf(f1, sizeof f1, "=B%u-B%u", (unsigned)row - 4, (unsigned)row - 1);
            ROWF("年あたりの不足額（億円）", "Annual gap (100 million yen)", f1,
                 (total / H - p->recent_investment_yen) / 1e8, r->oku);
        }
        rep_str(r, ws, row, 0, L(r, "推計モデル", "Model"), r->text);
        rep_str(r, ws, row++, 1, run->model, r->text);
        rep_str(r, ws, row, 0, L(r, "推計期間", "Horizon"), r->text);
        snprintf(f1, sizeof f1, L(r, "%d〜%d年度（%d年）", "FY%d-%d (%d years)"), run->year,
                 run->year + H - 1, H);
        rep_str(r, ws, row++, 1, f1, r->text);
    }
    /* decisions: counts and floor area, as formulas over the facilities */
    row++;
    rep_str(r, ws, row, 0, L(r, "仕分け", "Decision"), r->head);
    rep_str(r, ws, row, 1, L(r, "施設数", "Facilities"), r->head);
    rep_str(r, ws, row, 2, L(r, "延床面積（㎡）", "Floor area (m2)"), r->head);
    rep_str(r, ws, row, 3, L(r, "延床面積の割合", "Share of floor area"), r->head);
    row++;
    {
        lxw_row_t first = row;
        lxw_chart *pie = workbook_add_chart(r->wb, LXW_CHART_COLUMN);
        lxw_chart_series *s;
        lxw_chart_options opt = {.x_scale = 1.0, .y_scale = 1.0};
        const char *sheet = bk->department ? sheet_name(r->lang, SH_SUMMARY)
                                           : sheet_name(r->lang, SH_SUMMARY);

        for (k = 0; k < 5; k++, row++) {
            const char *label = rep_decision_label(r, lcc_option_name((enum lcc_option)k));

            rep_str(r, ws, row, 0, label, r->dec[k]);
            snprintf(pat, sizeof pat, "COUNTIF('@S'!O2:O@L,A%u)", (unsigned)row + 1);
            rep_span(fm, sizeof fm, pat, fac_sheet, n, r->max_rows);
            rep_formula(r, ws, row, 1, fm, (double)p->decisions[k], r->yen);
            snprintf(pat, sizeof pat, "SUMIF('@S'!O2:O@L,A%u,'@S'!F2:F@L)", (unsigned)row + 1);
            rep_span(fm, sizeof fm, pat, fac_sheet, n, r->max_rows);
            rep_formula(r, ws, row, 2, fm, p->decision_area_m2[k], r->area);
            snprintf(fm, sizeof fm, "=IF(SUM(C%u:C%u)=0,0,C%u/SUM(C%u:C%u))", (unsigned)first + 1,
                     (unsigned)first + 5, (unsigned)row + 1, (unsigned)first + 1, (unsigned)first + 5);
            rep_formula(r, ws, row, 3, fm, p->floor_area_m2 > 0 ? p->decision_area_m2[k] / p->floor_area_m2 : 0, r->pct);
        }
        rep_str(r, ws, row, 0, L(r, "二次評価の対象", "For secondary review"), r->text);
        snprintf(pat, sizeof pat, "COUNTIF('@S'!Q2:Q@L,\"%s\")", L(r, "対象", "yes"));
        rep_span(fm, sizeof fm, pat, fac_sheet, n, r->max_rows);
        rep_formula(r, ws, row, 1, fm, (double)p->review, r->yen);
        row++;
        s = chart_add_series(pie, NULL, NULL);
        chart_series_set_categories(s, sheet, first, 0, first + 4, 0);
        chart_series_set_values(s, sheet, first, 2, first + 4, 2);
        chart_series_set_name(s, L(r, "延床面積（㎡）", "Floor area (m2)"));
        chart_title_set_name(pie, L(r, "仕分け別の延床面積（㎡）", "Floor area by decision (m2)"));
        chart_legend_set_position(pie, LXW_CHART_LEGEND_NONE);
        rep_check(r, worksheet_insert_chart_opt(ws, row + 1, 0, pie, &opt));
    }
    rep_renewal_charts(r, ws, 1, 5, ren_sheet, H, p->recent_investment_yen > 0);
#undef ROWF
}

