/* sheet_summary.c - 概要: the headline figures (formulas over the other
 * sheets, with their values), the decisions, and the charts. */
#include <stdio.h>
#include <string.h>

#include "koyu/core/msg.h"
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
        chart_series_set_values(s, sheet, 1, (lxw_col_t)(14 + w), (lxw_row_t)H,
                                (lxw_col_t)(14 + w));
        chart_series_set_name_range(s, sheet, 0, (lxw_col_t)(14 + w));
    }
    chart_title_set_name(ch, M(r, MSG_XL_RENEWAL_PROJECTION_BY_WORK_TYPE_MILLION));
    chart_axis_set_num_format(ch->y_axis, "#,##0,,");
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    for (w = 21; w <= (recent ? 23 : 22); w++) {
        lxw_chart_series *s = chart_add_series(ln, NULL, NULL);

        chart_series_set_categories(s, sheet, 1, 0, (lxw_row_t)H, 0);
        chart_series_set_values(s, sheet, 1, (lxw_col_t)w, (lxw_row_t)H, (lxw_col_t)w);
        chart_series_set_name_range(s, sheet, 0, (lxw_col_t)w);
    }
    chart_title_set_name(ln, M(r, MSG_XL_RENEWALS_THEIR_AVERAGE_AND_RECENT_INVESTMENT));
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
        msg_format(title, sizeof title, (r)->lang, MSG_XL_PUBLIC_FACILITIES_ASSESSMENT_FY,
                   bk->department, run->year, run->scenario);
    else
        msg_format(title, sizeof title, (r)->lang, MSG_XL_PUBLIC_FACILITIES_ASSESSMENT_FY_2,
                   run->year, run->scenario);
    rep_str(r, ws, row++, 0, title, r->title);
    row++;
#define ROWF(label, formula, value, fmt)                                                           \
    do {                                                                                           \
        rep_str(r, ws, row, 0, M(r, label), r->text);                                              \
        snprintf(fm, sizeof fm, "%s", formula);                                                    \
        rep_formula(r, ws, row, 1, fm, value, fmt);                                                \
        row++;                                                                                     \
    } while (0)
    {
        char f1[1024];

        /* over every part of the facilities sheet */
        rep_span(f1, sizeof f1, "COUNTA('@S'!A2:A@L)", fac_sheet, n, r->max_rows);
        ROWF(MSG_XL_FACILITIES, f1, (double)n, r->yen);
        rep_span(f1, sizeof f1, "SUM('@S'!G2:G@L)", fac_sheet, n, r->max_rows);
        ROWF(MSG_XL_BUILDINGS, f1, (double)p->buildings, r->yen);
        rep_span(f1, sizeof f1, "SUM('@S'!F2:F@L)", fac_sheet, n, r->max_rows);
        ROWF(MSG_XL_FLOOR_AREA_M2, f1, p->floor_area_m2, r->area);
        snprintf(f1, sizeof f1, "='%s'!V%d/100000000", ren_sheet, H + 2);
        ROWF(MSG_XL_RENEWALS_TOTAL_100_MILLION_YEN, f1, total / 1e8, r->oku);
        snprintf(f1, sizeof f1, "='%s'!V%d/%d/100000000", ren_sheet, H + 2, H);
        ROWF(MSG_XL_RENEWALS_ANNUAL_AVERAGE_100_MILLION_YEN, f1, total / H / 1e8, r->oku);
        snprintf(f1, sizeof f1, "=MAX('%s'!V2:V%d)/100000000", ren_sheet, H + 1);
        ROWF(MSG_XL_RENEWALS_PEAK_YEAR_100_MILLION_YEN, f1, year_total[peak] / 1e8, r->oku);
        rep_str(r, ws, row, 0, M(r, MSG_XL_PEAK_FISCAL_YEAR), r->text);
        rep_num(r, ws, row++, 1, run->year + peak, r->intf);
        if (p->recent_investment_yen > 0) {
            snprintf(f1, sizeof f1, "='%s'!X2/100000000", ren_sheet);
            ROWF(MSG_XL_RECENT_INVESTMENT_100_MILLION_YEN_YR, f1, p->recent_investment_yen / 1e8,
                 r->oku);
            snprintf(f1, sizeof f1, "=B%u/B%u", (unsigned)row - 3, (unsigned)row);
            ROWF(MSG_XL_ANNUAL_AVERAGE_RECENT_INVESTMENT_TIMES, f1,
                 total / H / p->recent_investment_yen, r->num1);
            snprintf(f1, sizeof f1, "=B%u-B%u", (unsigned)row - 4, (unsigned)row - 1);
            ROWF(MSG_XL_ANNUAL_GAP_100_MILLION_YEN, f1,
                 (total / H - p->recent_investment_yen) / 1e8, r->oku);
        }
        rep_str(r, ws, row, 0, M(r, MSG_XL_MODEL_2), r->text);
        rep_str(r, ws, row++, 1, run->model, r->text);
        rep_str(r, ws, row, 0, M(r, MSG_XL_HORIZON), r->text);
        msg_format(f1, sizeof f1, (r)->lang, MSG_XL_FY_YEARS, run->year, run->year + H - 1, H);
        rep_str(r, ws, row++, 1, f1, r->text);
    }
    /* decisions: counts and floor area, as formulas over the facilities */
    row++;
    rep_str(r, ws, row, 0, M(r, MSG_XL_DECISION), r->head);
    rep_str(r, ws, row, 1, M(r, MSG_XL_FACILITIES), r->head);
    rep_str(r, ws, row, 2, M(r, MSG_XL_FLOOR_AREA_M2), r->head);
    rep_str(r, ws, row, 3, M(r, MSG_XL_SHARE_OF_FLOOR_AREA), r->head);
    row++;
    {
        lxw_row_t first = row;
        lxw_chart *pie = workbook_add_chart(r->wb, LXW_CHART_COLUMN);
        lxw_chart_series *s;
        lxw_chart_options opt = {.x_scale = 1.0, .y_scale = 1.0};
        const char *sheet =
            bk->department ? sheet_name(r->lang, SH_SUMMARY) : sheet_name(r->lang, SH_SUMMARY);

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
                     (unsigned)first + 5, (unsigned)row + 1, (unsigned)first + 1,
                     (unsigned)first + 5);
            rep_formula(r, ws, row, 3, fm,
                        p->floor_area_m2 > 0 ? p->decision_area_m2[k] / p->floor_area_m2 : 0,
                        r->pct);
        }
        /* the reviews by tier, what to look at first on top */
        {
            static const enum msg_id tiers[] = {MSG_TIER_URGENT, MSG_TIER_SERVICE, MSG_TIER_TIMING};
            const lxw_row_t top = row + 1;
            int t;

            rep_str(r, ws, row, 0, M(r, MSG_XL_FOR_SECONDARY_REVIEW), r->text);
            snprintf(fm, sizeof fm, "=SUM(B%u:B%u)", (unsigned)top + 1, (unsigned)top + 3);
            rep_formula(r, ws, row, 1, fm, (double)p->review, r->yen);
            row++;
            for (t = 0; t < 3; t++, row++) {
                char label[96];

                snprintf(label, sizeof label, "  %s", M(r, tiers[t]));
                rep_str(r, ws, row, 0, label, r->text);
                snprintf(pat, sizeof pat, "COUNTIF('@S'!R2:R@L,\"%s\")", M(r, tiers[t]));
                rep_span(fm, sizeof fm, pat, fac_sheet, n, r->max_rows);
                rep_formula(r, ws, row, 1, fm, (double)p->review_tier[t + 1], r->yen);
            }
        }
        s = chart_add_series(pie, NULL, NULL);
        chart_series_set_categories(s, sheet, first, 0, first + 4, 0);
        chart_series_set_values(s, sheet, first, 2, first + 4, 2);
        chart_series_set_name(s, M(r, MSG_XL_FLOOR_AREA_M2));
        chart_title_set_name(pie, M(r, MSG_XL_FLOOR_AREA_BY_DECISION_M2));
        chart_legend_set_position(pie, LXW_CHART_LEGEND_NONE);
        rep_check(r, worksheet_insert_chart_opt(ws, row + 1, 0, pie, &opt));
    }
    rep_renewal_charts(r, ws, 1, 5, ren_sheet, H, p->recent_investment_yen > 0);
#undef ROWF
}
