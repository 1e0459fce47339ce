/*
 * xlsx.h - the report's writer: cell writes over libxlsxwriter that check
 * every result and skip every write after the first failure, the
 * workbook's formats, printed pages, list sheets that go on past Excel's
 * last row, and the labels every sheet uses.  Private to the report
 * module: the sheets (sheets.h) build on it and on nothing else of the
 * report.
 */
#ifndef KOYU_REPORT_XLSX_H
#define KOYU_REPORT_XLSX_H

#include <xlsxwriter.h>

#include "koyu/core/diag.h"
#include "koyu/core/msg.h"

#define REP_MAX_ROWS 1048576 /* Excel's rows per sheet */

struct rep {
    lxw_workbook *wb;
    lxw_error err;      /* the first failure; later writes are skipped */
    int zero_cache;     /* test hook, see rep_formula */
    long fail_after;    /* test hook: fail on this many cells (0 = never) */
    lxw_row_t max_rows; /* rows a sheet takes before it goes on in "<name> (2)":
                         * REP_MAX_ROWS, or KOYU_TEST_MAX_ROWS (test hook) */
    long long cells;    /* cells written (bench) */
    enum koyu_lang lang;
    lxw_format *title, *head, *text, *wrap, *yen, *man, *area, *num1, *num2, *pct, *pct2, *intf,
        *oku;
    lxw_format *dec[5];
};

#define EN(r)    ((r)->lang == KOYU_LANG_EN)
/* The catalog's text of id in the workbook's language. */
#define M(r, id) msg((r)->lang, (id))

struct rep_col_spec {
    enum msg_id label;
    double width;
};

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
/* The workbook's formats, into r. */
void rep_formats(struct rep *r);
/* Column letters of a 0-based column, into buf (8 bytes); returns buf. */
const char *rep_col(lxw_col_t c, char *buf);
/* A new sheet called name with a header row from cols, frozen, filtered
 * over rows, printed; NULL (and r's error set) when it cannot be added. */
lxw_worksheet *rep_table_sheet(struct rep *r, const char *name, const struct rep_col_spec *cols,
                               int n, long rows);
/* A4 landscape, one page wide, header_rows repeated, footer. */
void rep_page(struct rep *r, lxw_worksheet *ws, lxw_row_t header_rows);
/* The name of part p (0 = the first) of a sheet split past its rows. */
const char *rep_part_name(const char *sheet, int p, char *buf, size_t size);
/* "=" and pattern once per part of a list sheet of n rows split past max
 * rows, joined by "+": in pattern "@S" is the part's sheet and "@L" its
 * last row (the rows start at 2). */
void rep_span(char *buf, size_t size, const char *pattern, const char *sheet, long n,
              lxw_row_t max);

/* ---- labels ---- */

/* Index 0-4 of a stored decision or option name (keep .. lease); 0 when unknown. */
int rep_decision_index(const char *d);
/* Its label in the workbook's language. */
const char *rep_decision_label(struct rep *r, const char *d);
/* The label of a category (its code, or its Japanese name). */
const char *rep_category_label(struct rep *r, const char *code);
/* The label of a work type by its index, and by its stored name. */
const char *rep_work_label_at(struct rep *r, int w);
const char *rep_work_label(struct rep *r, const char *name);

#endif
