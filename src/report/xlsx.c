/* xlsx.c - the report's writer over libxlsxwriter (xlsx.h). */
#include "xlsx.h"
#include "koyu/core/msg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/core/text.h"
#include "koyu/core/vocab.h"
#include "koyu/engine/lcc.h"

#define REP_FONT "Yu Gothic" /* renders Japanese in Excel; others substitute */

static const unsigned rep_decision_color[5] = {0xC6EFCE, 0xDDEBF7, 0xFCE4D6, 0xFFC7CE, 0xFFF2CC};

/* the work types' labels, by enum lcc_work */
static const enum msg_id rep_work_labels[LCC_W__COUNT] = {
    MSG_WORK_RENOVATION,
    MSG_WORK_REBUILD,
    MSG_WORK_BACKLOG_RENOVATION,
    MSG_WORK_BACKLOG_REBUILD,
    MSG_WORK_MEDIUM_RENOVATION,
    MSG_WORK_LIFE_EXTENSION,
    MSG_WORK_BACKLOG_LIFE_EXTENSION,
};

void
rep_check(struct rep *r, lxw_error e)
{
    r->cells++;
    /* tests set KOYU_TEST_FAIL_CELLS to break a write half-way through */
    if (r->fail_after && r->cells >= r->fail_after)
        e = LXW_ERROR_CREATING_TMPFILE;
    if (e != LXW_NO_ERROR && r->err == LXW_NO_ERROR)
        r->err = e;
}

/* s as valid UTF-8.  libxlsxwriter copies the bytes as they are, and one
 * invalid sequence makes the sheet's XML unreadable (measured).  The import
 * rejects such bytes, but text also comes from a database edited by other
 * tools and from labels cut to a buffer's size: each byte that starts no
 * valid character becomes U+FFFD.  Returns s when it is valid, else the
 * repaired copy in small (when it fits) or in *heap (the caller frees it);
 * NULL when out of memory. */
static const char *
rep_utf8(const char *s, char *small, size_t small_size, char **heap)
{
    size_t n = strlen(s), i = text_utf8_invalid_at(s, n), o;
    char *out;

    *heap = NULL;
    if (i == (size_t)-1)
        return s;
    if (n * 3 + 1 <= small_size)
        out = small;
    else if (!(out = *heap = malloc(n * 3 + 1)))
        return NULL;
    memcpy(out, s, i);
    for (o = i; i < n;) {
        size_t len = text_utf8_char_len(s + i, n - i);

        if (len == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(out + o, s + i, len);
            o += len;
            i += len;
        }
    }
    out[o] = '\0';
    return out;
}

/* Text is always written as text (a name "=HYPERLINK(…)" stays a name),
 * and always as valid UTF-8 (rep_utf8). */
void
rep_str(struct rep *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
        lxw_format *f)
{
    char small[1024], *heap;
    const char *t;

    if (r->err)
        return;
    if (!s || !*s) {
        rep_check(r, worksheet_write_blank(ws, row, col, f));
        return;
    }
    t = rep_utf8(s, small, sizeof small, &heap);
    rep_check(r, t ? worksheet_write_string(ws, row, col, t, f) : LXW_ERROR_MEMORY_MALLOC_FAILED);
    free(heap);
}

/* Numbers only when finite: NaN or infinity would corrupt the file. */
void
rep_num(struct rep *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v, lxw_format *f)
{
    if (r->err)
        return;
    if (isfinite(v))
        rep_check(r, worksheet_write_number(ws, row, col, v, f));
    else
        rep_check(r, worksheet_write_blank(ws, row, col, f));
}

/* A formula with its value cached, so readers that do not recalculate
 * still show the right number. */
void
rep_formula(struct rep *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *fm,
            double cached, lxw_format *f)
{
    if (r->err)
        return;
    /* tests set KOYU_TEST_ZERO_CACHE to prove a spreadsheet recalculates
     * our formulas to our numbers rather than showing what we cached */
    if (r->zero_cache)
        cached = 0;
    rep_check(r, worksheet_write_formula_num(ws, row, col, fm, f, isfinite(cached) ? cached : 0));
}

lxw_format *
rep_format(struct rep *r, const char *num, int bold, unsigned bg)
{
    lxw_format *f = workbook_add_format(r->wb);

    format_set_font_name(f, REP_FONT);
    format_set_font_size(f, 10);
    if (num)
        format_set_num_format(f, num);
    if (bold)
        format_set_bold(f);
    if (bg)
        format_set_bg_color(f, bg);
    return f;
}

void
rep_formats(struct rep *r)
{
    int k;

    r->title = rep_format(r, NULL, 1, 0);
    format_set_font_size(r->title, 14);
    r->head = rep_format(r, NULL, 1, 0xD9E1F2);
    format_set_text_wrap(r->head);
    format_set_align(r->head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(r->head, LXW_BORDER_THIN);
    r->text = rep_format(r, NULL, 0, 0);
    r->wrap = rep_format(r, NULL, 0, 0);
    format_set_text_wrap(r->wrap);
    r->yen = rep_format(r, "#,##0", 0, 0);
    r->man = rep_format(r, "#,##0", 0, 0);
    r->area = rep_format(r, "#,##0.0", 0, 0);
    r->num1 = rep_format(r, "0.0", 0, 0);
    r->pct = rep_format(r, "0.0%", 0, 0);
    r->pct2 = rep_format(r, "0.00%", 0, 0);
    r->num2 = rep_format(r, "0.00", 0, 0);
    r->intf = rep_format(r, "0", 0, 0);
    r->oku = rep_format(r, "#,##0.0", 0, 0);
    for (k = 0; k < 5; k++)
        r->dec[k] = rep_format(r, NULL, 1, rep_decision_color[k]);
}

/* Column letters of a 0-based column ("A", "AB"). */
const char *
rep_col(lxw_col_t c, char *buf)
{
    char tmp[8];
    int n = 0, i;

    c++;
    while (c > 0 && n < 7) {
        tmp[n++] = (char)('A' + (c - 1) % 26);
        c = (lxw_col_t)((c - 1) / 26);
    }
    for (i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return buf;
}

/* The printed page every sheet gets: A4 landscape, one page wide, header
 * rows repeated, sheet name and page number at the foot. */
void
rep_page(struct rep *r, lxw_worksheet *ws, lxw_row_t header_rows)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    if (header_rows)
        rep_check(r, worksheet_repeat_rows(ws, 0, header_rows - 1));
    rep_check(r, worksheet_set_footer(ws, "&L&A&R&P / &N"));
}

/* A sheet with a header row from cols, frozen, filtered, printed. */
lxw_worksheet *
rep_table_sheet(struct rep *r, const char *name, const struct rep_col_spec *cols, int n, long rows)
{
    lxw_worksheet *ws = workbook_add_worksheet(r->wb, name);
    int i;

    if (!ws) {
        rep_check(r, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        rep_check(r, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, NULL));
        rep_str(r, ws, 0, (lxw_col_t)i, M(r, cols[i].label), r->head);
    }
    rep_check(r, worksheet_set_row(ws, 0, 30, NULL));
    worksheet_freeze_panes(ws, 1, 0);
    if (rows >= (long)r->max_rows)
        rows = (long)r->max_rows - 1; /* the rest goes on in "<name> (2)" */
    rep_check(r,
              worksheet_autofilter(ws, 0, 0, (lxw_row_t)(rows > 0 ? rows : 1), (lxw_col_t)(n - 1)));
    rep_page(r, ws, 1);
    return ws;
}

/* The name of part p (0 = the first) of a sheet split past its rows. */
const char *
rep_part_name(const char *sheet, int p, char *buf, size_t size)
{
    if (p == 0)
        return sheet;
    snprintf(buf, size, "%s (%d)", sheet, p + 1);
    return buf;
}

/* "=" and pattern once per part of a list sheet of n rows split past
 * max rows, joined by "+": in pattern "@S" is the part's sheet and "@L" its
 * last row (the rows start at 2). */
void
rep_span(char *buf, size_t size, const char *pattern, const char *sheet, long n, lxw_row_t max)
{
    const long per = (long)max - 1;
    size_t used = 0;
    int p = 0;

    buf[0] = '\0';
    do {
        char part[96], last[24];
        const char *s, *name = rep_part_name(sheet, p, part, sizeof part);
        long rows = n - (long)p * per < per ? n - (long)p * per : per;

        snprintf(last, sizeof last, "%ld", (rows > 0 ? rows : 1) + 1);
        if (used + 1 < size)
            buf[used++] = p ? '+' : '=';
        for (s = pattern; *s && used + 1 < size; s++) {
            const char *ins = s[0] == '@' && s[1] == 'S'   ? name
                              : s[0] == '@' && s[1] == 'L' ? last
                                                           : NULL;

            if (ins) {
                size_t k = strlen(ins);

                if (used + k >= size)
                    break;
                memcpy(buf + used, ins, k);
                used += k;
                s++;
            } else {
                buf[used++] = *s;
            }
        }
        buf[used] = '\0';
        p++;
    } while ((long)p * per < n);
}

/* ---- labels ---- */

int
rep_decision_index(const char *d)
{
    int k = lcc_option_from_name(d);

    return k < 0 ? 0 : k;
}

const char *
rep_decision_label(struct rep *r, const char *d)
{
    int k = rep_decision_index(d);
    const struct vocab_entry *e = vocab_at(VOCAB_DECISION, (size_t)k);

    return EN(r) ? e->en : e->ja;
}

const char *
rep_category_label(struct rep *r, const char *code)
{
    const struct vocab_entry *e = code ? vocab_find(VOCAB_CATEGORY, code) : NULL;

    return e ? (EN(r) ? e->en : e->ja) : code;
}

const char *
rep_work_label_at(struct rep *r, int w)
{
    if (w < 0 || w >= LCC_W__COUNT)
        return "";
    return M(r, rep_work_labels[w]);
}

const char *
rep_work_label(struct rep *r, const char *name)
{
    const int w = lcc_work_from_name(name);

    return w < 0 ? name : rep_work_label_at(r, w);
}
