/*
 * report_int.h - what the files of the report module share: the writer
 * (struct rep and its cell functions, which skip every write after the
 * first failure), the book being written, and the scenario sheets
 * (report_scenario.c).  Private to the module, as store_int.h is.
 */
#ifndef KOYU_REPORT_INT_H
#define KOYU_REPORT_INT_H

#include <xlsxwriter.h>

#include "koyu/engine/lcc.h"
#include "koyu/engine/assess.h"
#include "koyu/report/report.h"
#include "koyu/store/store.h"

#define REP_MAX_ROWS 1048576 /* Excel's rows per sheet */

struct rep {
    lxw_workbook *wb;
    lxw_error err;          /* the first failure; later writes are skipped */
    int zero_cache;         /* test hook, see rep_formula */
    long fail_after;        /* test hook: fail on this many cells (0 = never) */
    lxw_row_t max_rows;     /* rows a sheet takes before it goes on in "<name> (2)":
                             * REP_MAX_ROWS, or KOYU_TEST_MAX_ROWS (test hook) */
    long long cells;        /* cells written (bench) */
    enum koyu_lang lang;
    lxw_format *title, *head, *text, *wrap, *yen, *man, *area, *num1, *num2, *pct, *pct2,
        *intf, *oku;
    lxw_format *dec[5];
};

#define EN(r) ((r)->lang == KOYU_LANG_EN)
#define L(r, ja, en) (EN(r) ? (en) : (ja))

struct rep_col_spec {
    const char *ja, *en;
    double width;
};

struct rep_book {
    store *s;
    const struct report_options *o;
    const struct store_run_info *run;
    struct assess_params cuts; /* the run's cut lines, for the reasons and the portfolio */
    const char *department; /* NULL: the assessment workbook */
    struct store_run_info dept_run; /* the run, with the department's figures */
    long facilities;
    double *renewal;        /* horizon x 13 x 7 */
    long long cells;        /* cells written, added up over the workbooks */
};

/* Japanese names of the work types, by enum lcc_work. */
extern const char *const rep_work_ja[LCC_W__COUNT];

/* Records the result of a write: the first failure is kept. */
void rep_check(struct rep *r, lxw_error e);
/* Text, always as text and valid UTF-8; NULL or "" writes a blank. */
void rep_str(struct rep *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
             lxw_format *f);
/* A number, or a blank when it is not finite. */
void rep_num(struct rep *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
             lxw_format *f);
/* A formula with its computed value cached. */
void rep_formula(struct rep *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *fm,
                 double cached, lxw_format *f);
/* A new format in the workbook's font: number format num (may be NULL). */
lxw_format *rep_format(struct rep *r, const char *num, int bold, unsigned bg);
/* Column letters of a 0-based column, into buf (8 bytes); returns buf. */
const char *rep_col(lxw_col_t c, char *buf);
/* A new sheet called name with a header row from cols, frozen, filtered
 * over rows, printed; NULL (and r's error set) when it cannot be added. */
lxw_worksheet *rep_table_sheet(struct rep *r, const char *name, const struct rep_col_spec *cols,
                               int n, long rows);
/* A4 landscape, one page wide, header_rows repeated, footer. */
void rep_page(struct rep *r, lxw_worksheet *ws, lxw_row_t header_rows);
/* Index 0-4 of a stored decision or option name (keep .. lease); 0 when unknown. */
int rep_decision_index(const char *d);
/* Its label in the workbook's language. */
const char *rep_decision_label(struct rep *r, const char *d);
/* The reason of facility f's decision, in the workbook's language. */
const char *rep_reason(struct rep *r, const struct rep_book *bk,
                       const struct store_report_facility *f, char *buf, size_t size);

/* ---- the scenario and uncertainty sheets (report_scenario.c) ---- */

enum rep_scen_sheet {
    RS_COMPARISON = 0, RS_LEVELING, RS_REDUCTION, RS_SENSITIVITY, RS_MONTE_CARLO,
    RS_ROBUSTNESS, RS__COUNT
};

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

/* Loads the batch of bk's run into x (release it with rep_scen_release). */
enum koyu_err rep_scen_load(const struct rep_book *bk, struct rep_scen *x);
void rep_scen_release(struct rep_scen *x);
/* Adds the sheets x has content for, in order. */
void rep_scen_add_sheets(struct rep *r, struct rep_scen *x);
/* Writes them. */
enum koyu_err rep_scen_write(struct rep *r, const struct rep_book *bk, const struct rep_scen *x);

#endif
