/*
 * sheets.h - the sheets of the workbooks, one function a sheet, each
 * reading the database through the store and writing through the writer
 * (xlsx.h).  book.c puts them in order.  Private to the report module.
 */
#ifndef KOYU_REPORT_SHEETS_H
#define KOYU_REPORT_SHEETS_H

#include "koyu/engine/assess.h"
#include "koyu/engine/lcc.h"
#include "koyu/report/report.h"
#include "koyu/store/store.h"
#include "xlsx.h"

/* The workbook being written: the run it shows, and whose. */
struct rep_book {
    store *s;
    const struct report_options *o;
    const struct store_run_info *run;
    struct assess_params cuts;      /* the run's cut lines, for the reasons and the portfolio */
    const char *department;         /* NULL: the assessment workbook */
    struct store_run_info dept_run; /* the run, with the department's figures */
    long facilities;
    double *renewal; /* horizon x 13 x 7 */
    long long cells; /* cells written, added up over the workbooks */
};

/* The sheets of the assessment and department workbooks. */
enum rep_sheet {
    SH_SUMMARY,
    SH_FACILITIES,
    SH_BUILDINGS,
    SH_RENEWAL,
    SH_PORTFOLIO,
    SH_OPTIONS,
    SH_CONSOLIDATION,
    SH_ASSUMPTIONS,
    SH_QUALITY,
    SH_CARDS,
    SH__COUNT
};

/* The name of sheet sh in lang; static. */
const char *sheet_name(enum koyu_lang lang, enum rep_sheet sh);

/* Column specs of the list sheets, for their first part and the rest. */
/* The function (機能) and the review's tier by their stored names, in the
 * book's language ("" for none). */
const char *sheet_function_label(struct rep *r, const char *function);
const char *sheet_tier_label(struct rep *r, const char *tier);

extern const struct rep_col_spec sheet_consolidation_cols[];
extern const int sheet_consolidation_ncols;
enum koyu_err sheet_consolidation(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk);

extern const struct rep_col_spec sheet_facility_cols[];
extern const int sheet_facility_ncols;
extern const struct rep_col_spec sheet_option_cols[];
extern const int sheet_option_ncols;
extern const struct rep_col_spec sheet_building_cols[];
extern const int sheet_building_ncols;

/* The reason of facility f's decision, in the workbook's language. */
const char *sheet_reason(struct rep *r, const struct rep_book *bk,
                         const struct store_report_facility *f, char *buf, size_t size);

/* 更新費用推計: the projection by year, category and work type; the
 * yearly totals go to year_total. */
void sheet_renewal(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk, double *year_total);
/* 概要: headline figures as formulas over the other sheets, decisions, charts. */
void sheet_summary(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk,
                   const double *year_total);
/* 施設一覧, 棟一覧, LCC比較, ポートフォリオ: the lists. */
enum koyu_err sheet_facilities(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk);
enum koyu_err sheet_buildings(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk);
enum koyu_err sheet_options(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk);
enum koyu_err sheet_portfolio(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk);
/* 前提条件 and データ品質: what the figures rest on. */
enum koyu_err sheet_assumptions(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk);
enum koyu_err sheet_quality(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk);
/* 施設カルテ: a department's facility cards. */
enum koyu_err sheet_cards(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk);
/* A department's own counts and floor areas, from its facilities. */
enum koyu_err sheet_department_totals(const struct rep_book *bk, struct portfolio_totals *out);

/* ---- the scenario and uncertainty sheets (sheet_scenarios.c) ---- */

enum rep_scen_sheet {
    RS_COMPARISON = 0,
    RS_LEVELING,
    RS_REDUCTION,
    RS_SENSITIVITY,
    RS_MONTE_CARLO,
    RS_ROBUSTNESS,
    RS__COUNT
};

/* The name of scenario sheet sh in lang; static. */
const char *sheet_scen_name(enum koyu_lang lang, enum rep_scen_sheet sh);

#define REP_SCEN_MAX 16

struct rep_scen_one {
    char name[64], title[256], title_en[256], model[32];
    int position;
    double pv, floor0, floor_end, recent;
    int has_cap, has_reduction, binding_years;
    double cap, backlog, deferral, reduced, target, running_avoided, renewal_avoided;
    long dec[5];
    long long run_id;
};

/* What the sheets read of the run's batch, loaded once. */
struct rep_scen {
    int n, H, y0;
    struct rep_scen_one sc[REP_SCEN_MAX];
    double *series, *planned, *cap, *floor, *running; /* [year][scenario], owned */
    int *binding;
    int any_cap, any_reduction;
    long sens_rows, mc_rows, unc_rows;
    lxw_worksheet *ws[RS__COUNT]; /* NULL: the sheet is not written */
};

/* A list sheet of query rows, going on in "<name> (2)" past the last row. */
struct sheet_rows {
    struct rep *r;
    lxw_worksheet *ws;
    lxw_row_t row, first;
    long skipped;
    const char *name;
    const struct rep_col_spec *cols;
    int ncols, part;
};

/* Whether w has a row to write (after starting a continuation sheet). */
int sheet_rows_room(struct sheet_rows *w);
/* A stored cell as a number (0 when not one), as text ("" when not), and
 * written as it is (a blank for NULL). */
double sheet_cell_num(const struct store_cell *c);
const char *sheet_cell_text(const struct store_cell *c);
void sheet_cell(struct rep *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                const struct store_cell *c, lxw_format *f);

/* 感度分析, モンテカルロ, 頑健性 (sheet_uncertainty.c). */
enum koyu_err sheet_sensitivity(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk,
                                const char *sheet);
enum koyu_err sheet_monte_carlo(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk,
                                const struct rep_scen *x, const char *sheet);
enum koyu_err sheet_robustness(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk,
                               long rows);

/* Loads the batch of bk's run into x (release it with rep_scen_release). */
enum koyu_err rep_scen_load(const struct rep_book *bk, struct rep_scen *x);
void rep_scen_release(struct rep_scen *x);
/* Adds the sheets x has content for, in order. */
void rep_scen_add_sheets(struct rep *r, struct rep_scen *x);
/* Writes them. */
enum koyu_err rep_scen_write(struct rep *r, const struct rep_book *bk, const struct rep_scen *x);

#endif
