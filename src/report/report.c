/* report.c - the assessment and department workbooks (libxlsxwriter). */
#include "koyu/report/report.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "koyu/engine/assess.h"
#include "koyu/engine/lcc.h"
#include "koyu/report/explain.h"
#include "koyu/core/outfile.h"
#include "koyu/run/params.h"
#include "koyu/core/text.h"
#include "koyu/core/vocab.h"
#include "report_int.h"

#define REP_FONT "Yu Gothic"  /* renders Japanese in Excel; others substitute */
#define REP_MAX_THREADS 4     /* workbooks written at once, at most */

/* ---- labels in two languages ---- */

enum rep_sheet {
    SH_SUMMARY, SH_FACILITIES, SH_BUILDINGS, SH_RENEWAL, SH_PORTFOLIO, SH_OPTIONS,
    SH_ASSUMPTIONS, SH_QUALITY, SH_CARDS, SH__COUNT
};

static const char *const rep_sheet_names[2][SH__COUNT] = {
    {"概要", "施設一覧", "棟一覧", "更新費用推計", "ポートフォリオ", "LCC比較", "前提条件",
     "データ品質", "施設カルテ"},
    {"Summary", "Facilities", "Buildings", "Renewal projection", "Portfolio", "Options",
     "Assumptions", "Data quality", "Facility cards"},
};

const char *const rep_work_ja[LCC_W__COUNT] = {
    "大規模改修", "建替え", "積み残し大規模改修", "積み残し建替え", "中規模改修", "長寿命化改修",
    "積み残し長寿命化改修"};
static const unsigned rep_decision_color[5] = {0xC6EFCE, 0xDDEBF7, 0xFCE4D6, 0xFFC7CE, 0xFFF2CC};

/* ---- the writer ---- */



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

static void
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
rep_table_sheet(struct rep *r, const char *name, const struct rep_col_spec *cols, int n,
                long rows)
{
    lxw_worksheet *ws = workbook_add_worksheet(r->wb, name);
    int i;

    if (!ws) {
        rep_check(r, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        rep_check(r, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, NULL));
        rep_str(r, ws, 0, (lxw_col_t)i, L(r, cols[i].ja, cols[i].en), r->head);
    }
    rep_check(r, worksheet_set_row(ws, 0, 30, NULL));
    worksheet_freeze_panes(ws, 1, 0);
    if (rows >= (long)r->max_rows)
        rows = (long)r->max_rows - 1; /* the rest goes on in "<name> (2)" */
    rep_check(r, worksheet_autofilter(ws, 0, 0, (lxw_row_t)(rows > 0 ? rows : 1), (lxw_col_t)(n - 1)));
    rep_page(r, ws, 1);
    return ws;
}

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
rep_reason(struct rep *r, const struct rep_book *bk, const struct store_report_facility *f,
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
    res.hard_low = f->hard_low;
    res.soft_low = f->soft_low;
    res.quadrant = f->quadrant;
    res.decision = (enum lcc_option)d;
    res.rule = (enum assess_rule)rule;
    res.review = f->review;
    res.consolidation = f->consolidation;
    return explain_reason(&bk->cuts, &a, &res, f->policy_reason, r->lang, buf, size);
}

static const char *
rep_category_label(struct rep *r, const char *code)
{
    const struct vocab_entry *e = code ? vocab_find(VOCAB_CATEGORY, code) : NULL;

    return e ? (EN(r) ? e->en : e->ja) : code;
}

/* ---- the facilities sheet ---- */

static const struct rep_col_spec rep_fac_cols[] = {
    {"施設番号", "Facility id", 11},       {"施設名", "Name", 24},
    {"大分類", "Category", 16},            {"中分類", "Subcategory", 14},
    {"所管課", "Department", 16},          {"延床面積（㎡）", "Floor area (m2)", 11},
    {"棟数", "Buildings", 6},              {"最古建築年度", "Oldest built", 8},
    {"加重平均築年数", "Weighted age", 8},  {"健全度", "Condition (100 best)", 8},
    {"ハード評価", "Hard score", 8},        {"ソフト評価", "Soft score", 8},
    {"比較グループ", "Comparison group", 14}, {"象限", "Quadrant", 6},
    {"仕分け", "Decision", 8},             {"ルール", "Rule", 14},
    {"二次評価", "Review", 6},             {"理由", "Reason", 60},
    {"運営コスト（円/年）", "Running cost (yen/yr)", 14}, {"運営コスト推計", "Estimated", 8},
    {"維持 PV（円）", "Keep PV (yen)", 15},  {"改修 PV（円）", "Repair PV (yen)", 15},
    {"建替 PV（円）", "Rebuild PV (yen)", 15}, {"売却 PV（円）", "Sell PV (yen)", 15},
    {"貸付 PV（円）", "Lease PV (yen)", 15},
};
#define REP_FAC_COLS ((int)(sizeof rep_fac_cols / sizeof rep_fac_cols[0]))

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

/* The name of part p (0 = the first) of a sheet split past its rows. */
static const char *
rep_part_name(const char *sheet, int p, char *buf, size_t size)
{
    if (p == 0)
        return sheet;
    snprintf(buf, size, "%s (%d)", sheet, p + 1);
    return buf;
}

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
        static const char *const head[2][5] = {
            {"仕分け", "施設番号", "施設名", "ハード評価", "ソフト評価"},
            {"Decision", "Facility id", "Name", "Hard score", "Soft score"}};
        int k;

        c->ws = workbook_add_worksheet(r->wb, name);
        for (k = 0; c->ws && k < 5; k++)
            rep_str(r, c->ws, 0, (lxw_col_t)k, head[EN(r)][k], r->head);
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

/* "=" and pattern once per part of a facility sheet of n rows split past
 * max rows, joined by "+": in pattern "@S" is the part's sheet and "@L" its
 * last row (the rows start at 2). */
static void
rep_span(char *buf, size_t size, const char *pattern, const char *sheet, long n,
         lxw_row_t max)
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
            const char *ins = s[0] == '@' && s[1] == 'S' ? name : s[0] == '@' && s[1] == 'L' ? last : NULL;

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
                           : (f->has_soft ? L(r, "全施設", "all") : ""),
             f->soft_group && f->soft_group_level && strcmp(f->soft_group_level, "category") == 0
                 ? L(r, "（大分類）", " (category)")
                 : "",
             "");
    rep_str(r, c->ws, row, 12, group, r->text);
    rep_num(r, c->ws, row, 13, f->quadrant, r->intf);
    rep_str(r, c->ws, row, 14, rep_decision_label(r, f->decision), r->dec[k]);
    rep_str(r, c->ws, row, 15, f->rule, r->text);
    rep_str(r, c->ws, row, 16, f->review ? L(r, "対象", "yes") : "", r->text);
    rep_str(r, c->ws, row, 17, rep_reason(r, c->bk, f, reason, sizeof reason), r->text);
    rep_num(r, c->ws, row, 18, f->running_cost_yen, r->yen);
    rep_str(r, c->ws, row, 19, f->running_estimated ? L(r, "推計", "estimated") : "", r->text);
    for (o = 0; o < 5; o++)
        rep_num(r, c->ws, row, (lxw_col_t)(20 + o), f->pv[o], r->yen);
    return r->err != LXW_NO_ERROR;
}

/* ---- the options sheet ---- */

static const struct rep_col_spec rep_opt_cols[] = {
    {"施設番号", "Facility id", 11}, {"施設名", "Name", 24}, {"延床面積（㎡）", "Floor area (m2)", 11},
    {"維持 PV", "Keep PV", 14}, {"改修 PV", "Repair PV", 14}, {"建替 PV", "Rebuild PV", 14},
    {"売却 PV", "Sell PV", 14}, {"貸付 PV", "Lease PV", 14},
    {"維持 年額", "Keep / yr", 12}, {"改修 年額", "Repair / yr", 12}, {"建替 年額", "Rebuild / yr", 12},
    {"売却 年額", "Sell / yr", 12}, {"貸付 年額", "Lease / yr", 12},
    {"最も安い案", "Cheapest", 9}, {"仕分け", "Decision", 8},
};
#define REP_OPT_COLS ((int)(sizeof rep_opt_cols / sizeof rep_opt_cols[0]))

static int
rep_opt_row(void *ctx, const struct store_report_facility *f)
{
    struct rep_fac_ctx *c = ctx;
    struct rep *r = c->r;
    lxw_row_t row = rep_fac_next(c);
    int o, best = 0;

    if (!row)
        return 1;
    rep_str(r, c->ws, row, 0, f->facility_id, r->text);
    rep_str(r, c->ws, row, 1, f->name, r->text);
    rep_num(r, c->ws, row, 2, f->floor_area_m2, r->area);
    for (o = 0; o < 5; o++) {
        rep_num(r, c->ws, row, (lxw_col_t)(3 + o), f->pv[o], r->yen);
        rep_num(r, c->ws, row, (lxw_col_t)(8 + o), f->annual[o], r->yen);
        if (f->pv[o] < f->pv[best])
            best = o;
    }
    rep_str(r, c->ws, row, 13, rep_decision_label(r, lcc_option_name((enum lcc_option)best)), r->dec[best]);
    rep_str(r, c->ws, row, 14, rep_decision_label(r, f->decision), r->dec[rep_decision_index(f->decision)]);
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

/* ---- the buildings sheet ---- */

static const struct rep_col_spec rep_bld_cols[] = {
    {"棟番号", "Building id", 11}, {"施設番号", "Facility id", 11}, {"構造", "Structure", 6},
    {"延床面積（㎡）", "Floor area (m2)", 11}, {"建築年度", "Built", 7}, {"築年数", "Age", 6},
    {"大規模改修年度", "Renovated", 8}, {"耐震", "Seismic", 14}, {"耐震は推定", "Seismic derived", 8},
    {"屋根・屋上", "Roof", 5}, {"外壁", "Exterior", 5}, {"内部仕上", "Interior", 5},
    {"電気設備", "Electrical", 5}, {"機械設備", "Mechanical", 5},
    {"健全度", "Condition", 7}, {"健全度は推計", "Condition estimated", 8},
    {"目標使用年数", "Target life", 7}, {"残耐用年数", "Remaining life", 7},
    {"ハード評価", "Hard score", 8},
};
#define REP_BLD_COLS ((int)(sizeof rep_bld_cols / sizeof rep_bld_cols[0]))

/* ---- helpers of the summary and the card ---- */

struct rep_ctx {
    struct rep *r;
    lxw_worksheet *ws;
    lxw_row_t row;
};

static int
rep_param_row(void *ctx, const char *key, const char *value, const char *source, const char *file)
{
    struct rep_ctx *c = ctx;
    lxw_row_t row = ++c->row;
    double v;

    rep_str(c->r, c->ws, row, 0, key, c->r->text);
    /* numbers as numbers, never as text */
    if (value && text_parse_number(value, NULL, &v) == TEXT_OK)
        rep_num(c->r, c->ws, row, 1, v, NULL);
    else
        rep_str(c->r, c->ws, row, 1, value, c->r->text);
    rep_str(c->r, c->ws, row, 2, source, c->r->text);
    rep_str(c->r, c->ws, row, 3, file, c->r->text);
    return c->r->err != LXW_NO_ERROR;
}

static int
rep_file_row(void *ctx, const char *file, const char *sha, long rows, long long bytes,
             const char *enc, const char *at)
{
    struct rep_ctx *c = ctx;
    lxw_row_t row = ++c->row;

    rep_str(c->r, c->ws, row, 0, file, c->r->text);
    rep_str(c->r, c->ws, row, 1, sha, c->r->text);
    rep_num(c->r, c->ws, row, 2, (double)rows, c->r->yen);
    rep_num(c->r, c->ws, row, 3, (double)bytes, c->r->yen);
    rep_str(c->r, c->ws, row, 4, enc, c->r->text);
    rep_str(c->r, c->ws, row, 5, at, c->r->text);
    return c->r->err != LXW_NO_ERROR;
}

/* A stored message, written anew in the workbook's language. */
static int
rep_msg_row(void *ctx, const struct diag_item *it, const char *code, const char *message)
{
    struct rep_ctx *c = ctx;
    lxw_row_t row = ++c->row;
    char text[1024];

    rep_str(c->r, c->ws, row, 0, it->severity == DIAG_ERROR ? "error" : "warning", c->r->text);
    rep_str(c->r, c->ws, row, 1, code, c->r->text);
    rep_str(c->r, c->ws, row, 2, it->file, c->r->text);
    if (it->line > 0)
        rep_num(c->r, c->ws, row, 3, (double)it->line, c->r->intf);
    rep_str(c->r, c->ws, row, 4, it->column_name, c->r->text);
    rep_str(c->r, c->ws, row, 5, it->value, c->r->text);
    rep_str(c->r, c->ws, row, 6,
            it->code < DIAG__COUNT ? diag_format(it, c->r->lang, text, sizeof text) : message,
            c->r->text);
    return c->r->err != LXW_NO_ERROR;
}

/* Estimated and derived values of a facility, for the data-quality sheet. */
static int
rep_quality_row(void *ctx, const struct store_report_facility *f)
{
    struct rep_ctx *c = ctx;
    struct rep *r = c->r;
    const char *what[3] = {NULL, NULL, NULL};
    int k;

    if (f->running_estimated)
        what[0] = L(r, "運営コストを㎡単価で推計（利用・コストのデータなし）",
                    "running cost estimated per m2 (no usage data)");
    if (f->hard_estimated)
        what[1] = L(r, "健全度を築年数から推計、または耐震を建築年度から判定",
                    "condition estimated from age, or seismic status derived from the built year");
    if (!f->has_soft)
        what[2] = L(r, "ソフト評価なし（二次評価へ）", "no soft score (sent to review)");
    for (k = 0; k < 3; k++) {
        lxw_row_t row;

        if (!what[k])
            continue;
        row = ++c->row;
        rep_str(r, c->ws, row, 0, L(r, "推計・導出", "estimated"), r->text);
        rep_str(r, c->ws, row, 1, k == 0 ? "running_estimated" : k == 1 ? "hard_estimated" : "no_soft", r->text);
        rep_str(r, c->ws, row, 2, "facilities.csv", r->text);
        rep_str(r, c->ws, row, 4, L(r, "施設番号", "facility_id"), r->text);
        rep_str(r, c->ws, row, 5, f->facility_id, r->text);
        rep_str(r, c->ws, row, 6, what[k], r->text);
    }
    return r->err != LXW_NO_ERROR;
}

/* ---- the workbooks ---- */


/* The renewal projection sheet; returns the row of its totals. */
static lxw_row_t
rep_renewal_sheet(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk, double *year_total)
{
    const int H = bk->run->horizon_years;
    const double recent = bk->run->portfolio.recent_investment_yen;
    char a[8], b[8], fm[256];
    lxw_col_t c;
    int y, k, w;
    double col_total[13 + LCC_W__COUNT + 3] = {0};

    /* columns: year | 13 categories | 7 work types | total | average | recent */
    rep_str(r, ws, 0, 0, L(r, "年度", "Fiscal year"), r->head);
    for (k = 0; k < 13; k++) {
        const struct vocab_entry *e = vocab_at(VOCAB_CATEGORY, (size_t)k);

        rep_str(r, ws, 0, (lxw_col_t)(1 + k), EN(r) ? e->en : e->ja, r->head);
    }
    for (w = 0; w < LCC_W__COUNT; w++)
        rep_str(r, ws, 0, (lxw_col_t)(14 + w), EN(r) ? lcc_work_name((enum lcc_work)w) : rep_work_ja[w], r->head);
    rep_str(r, ws, 0, 21, L(r, "合計（円）", "Total (yen)"), r->head);
    rep_str(r, ws, 0, 22, L(r, "年平均（円）", "Annual average (yen)"), r->head);
    rep_str(r, ws, 0, 23, L(r, "直近の投資的経費（円/年）", "Recent investment (yen/yr)"), r->head);
    rep_check(r, worksheet_set_column(ws, 0, 0, 8, NULL));
    rep_check(r, worksheet_set_column(ws, 1, 23, 14, NULL));
    rep_check(r, worksheet_set_row(ws, 0, 45, NULL));
    worksheet_freeze_panes(ws, 1, 1);
    rep_page(r, ws, 1);
    /* every row is written once, top to bottom (constant-memory mode) */
    for (y = 0; y < H; y++)
        for (k = 0; k < 13 * LCC_W__COUNT; k++)
            col_total[20] += bk->renewal[(size_t)y * 13 * 7 + (size_t)k];
    for (y = 0; y < H; y++) {
        lxw_row_t row = (lxw_row_t)(y + 1);
        double total = 0;

        rep_num(r, ws, row, 0, bk->run->year + y, r->intf);
        for (k = 0; k < 13; k++) {
            double v = 0;

            for (w = 0; w < LCC_W__COUNT; w++)
                v += bk->renewal[((size_t)y * 13 + (size_t)k) * 7 + (size_t)w];
            rep_num(r, ws, row, (lxw_col_t)(1 + k), v, r->yen);
            col_total[k] += v;
            total += v;
        }
        for (w = 0; w < LCC_W__COUNT; w++) {
            double v = 0;

            for (k = 0; k < 13; k++)
                v += bk->renewal[((size_t)y * 13 + (size_t)k) * 7 + (size_t)w];
            rep_num(r, ws, row, (lxw_col_t)(14 + w), v, r->yen);
            col_total[13 + w] += v;
        }
        snprintf(fm, sizeof fm, "=SUM(B%u:N%u)", (unsigned)row + 1, (unsigned)row + 1);
        rep_formula(r, ws, row, 21, fm, total, r->yen);
        year_total[y] = total;
        snprintf(fm, sizeof fm, "=AVERAGE($V$2:$V$%d)", H + 1);
        rep_formula(r, ws, row, 22, fm, col_total[20] / H, r->yen);
        if (recent > 0)
            rep_num(r, ws, row, 23, recent, r->yen);
    }
    /* totals as formulas over the years */
    rep_str(r, ws, (lxw_row_t)(H + 1), 0, L(r, "合計", "Total"), r->head);
    for (c = 1; c <= 21; c++) {
        snprintf(fm, sizeof fm, "=SUM(%s2:%s%d)", rep_col(c, a), rep_col(c, b), H + 1);
        rep_formula(r, ws, (lxw_row_t)(H + 1), c, fm, c <= 20 ? col_total[c - 1] : col_total[20], r->yen);
    }
    return (lxw_row_t)(H + 1);
}

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
static void
rep_summary(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk, const double *year_total,
            const char *fac_sheet, const char *ren_sheet)
{
    const struct store_run_info *run = bk->run;
    const struct portfolio_totals *p = &run->portfolio;
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
        const char *sheet = bk->department ? rep_sheet_names[EN(r)][SH_SUMMARY]
                                           : rep_sheet_names[EN(r)][SH_SUMMARY];

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

/* The buildings sheet: every building of the run with its stored
 * assessment; past the sheet's rows it goes on in "棟一覧 (2)" ... */
struct rep_bld_ctx {
    struct rep *r;
    lxw_worksheet *ws;
    lxw_row_t row;
    int part;
};

static int
rep_bld_row(void *ctx, const struct store_report_building *b)
{
    struct rep_bld_ctx *c = ctx;
    struct rep *r = c->r;
    const struct vocab_entry *se = b->seismic ? vocab_find(VOCAB_SEISMIC, b->seismic) : NULL;
    char g[2] = {0, 0};
    int e;

    if (++c->row >= r->max_rows) {
        char name[64];

        snprintf(name, sizeof name, "%s (%d)", rep_sheet_names[EN(r)][SH_BUILDINGS], ++c->part + 1);
        c->ws = rep_table_sheet(r, name, rep_bld_cols, REP_BLD_COLS, (long)r->max_rows - 1);
        if (!c->ws)
            return 1;
        c->row = 1;
    }
    rep_str(r, c->ws, c->row, 0, b->building_id, r->text);
    rep_str(r, c->ws, c->row, 1, b->facility_id, r->text);
    rep_str(r, c->ws, c->row, 2, b->structure ? b->structure : "", r->text);
    rep_num(r, c->ws, c->row, 3, b->floor_area_m2, r->area);
    rep_num(r, c->ws, c->row, 4, b->built_year, r->intf);
    rep_num(r, c->ws, c->row, 5, b->age, r->intf);
    if (b->renovated_year)
        rep_num(r, c->ws, c->row, 6, b->renovated_year, r->intf);
    rep_str(r, c->ws, c->row, 7, se ? (EN(r) ? se->en : se->ja) : "", r->text);
    rep_str(r, c->ws, c->row, 8,
            b->seismic_derived ? (b->seismic_deficient ? L(r, "旧耐震と推定", "old (derived)")
                                                       : L(r, "新耐震と推定", "new (derived)"))
                               : "",
            r->text);
    for (e = 0; e < 5; e++) {
        g[0] = b->grades[e];
        rep_str(r, c->ws, c->row, (lxw_col_t)(9 + e), g, r->text);
    }
    rep_num(r, c->ws, c->row, 14, b->soundness, r->num1);
    rep_str(r, c->ws, c->row, 15, b->soundness_estimated ? L(r, "推計", "estimated") : "", r->text);
    rep_num(r, c->ws, c->row, 16, b->target_life, r->intf);
    rep_num(r, c->ws, c->row, 17, b->remaining_life, r->intf);
    rep_num(r, c->ws, c->row, 18, b->hard_score, r->num1);
    return r->err != LXW_NO_ERROR;
}

/* Facility cards (施設カルテ) of a department, stacked on one sheet. */
struct rep_card_ctx {
    struct rep *r;
    const struct rep_book *bk;
    lxw_worksheet *ws;
    lxw_row_t row;
    store *s;
    int year;
};

static int
rep_card_usage(void *ctx, int fy, double users, double util, double cost, double revenue)
{
    struct rep_card_ctx *c = ctx;
    lxw_row_t row = c->row++;

    rep_num(c->r, c->ws, row, 1, fy, c->r->intf);
    if (users >= 0)
        rep_num(c->r, c->ws, row, 2, users, c->r->yen);
    if (util >= 0)
        rep_num(c->r, c->ws, row, 3, util / 100.0, c->r->pct);
    rep_num(c->r, c->ws, row, 4, cost, c->r->yen);
    rep_num(c->r, c->ws, row, 5, revenue, c->r->yen);
    return c->r->err != LXW_NO_ERROR;
}

static int
rep_card(void *ctx, const struct store_report_facility *f)
{
    struct rep_card_ctx *c = ctx;
    struct rep *r = c->r;
    char line[256], reason[1024];
    int o;

    snprintf(line, sizeof line, "%s　%s", f->facility_id, f->name ? f->name : "");
    rep_str(r, c->ws, c->row++, 0, line, r->title);
    rep_str(r, c->ws, c->row, 0, L(r, "大分類・中分類", "Category"), r->text);
    snprintf(line, sizeof line, "%s・%s", rep_category_label(r, f->category), f->subcategory ? f->subcategory : "");
    rep_str(r, c->ws, c->row++, 1, line, r->text);
    rep_str(r, c->ws, c->row, 0, L(r, "延床面積（㎡）・棟数", "Floor area (m2), buildings"), r->text);
    rep_num(r, c->ws, c->row, 1, f->floor_area_m2, r->area);
    rep_num(r, c->ws, c->row++, 2, f->buildings, r->intf);
    rep_str(r, c->ws, c->row, 0, L(r, "健全度・ハード・ソフト", "Condition, hard, soft"), r->text);
    rep_num(r, c->ws, c->row, 1, f->soundness, r->num1);
    rep_num(r, c->ws, c->row, 2, f->hard_score, r->num1);
    rep_num(r, c->ws, c->row++, 3, f->has_soft ? f->soft_score : NAN, r->num1);
    rep_str(r, c->ws, c->row, 0, L(r, "年度別 利用・コスト", "Use and cost by year"), r->text);
    rep_str(r, c->ws, c->row, 1, L(r, "年度", "FY"), r->head);
    rep_str(r, c->ws, c->row, 2, L(r, "利用者数", "Users"), r->head);
    rep_str(r, c->ws, c->row, 3, L(r, "稼働率", "Utilization"), r->head);
    rep_str(r, c->ws, c->row, 4, L(r, "運営コスト（円）", "Cost (yen)"), r->head);
    rep_str(r, c->ws, c->row++, 5, L(r, "収入（円）", "Revenue (yen)"), r->head);
    if (store_report_usage(c->s, c->year, f->facility_id, rep_card_usage, c) != KOYU_OK)
        rep_check(r, LXW_ERROR_CREATING_TMPFILE);
    rep_str(r, c->ws, c->row, 0, L(r, "ライフサイクルコスト PV（円）", "Life-cycle cost PV (yen)"), r->text);
    for (o = 0; o < 5; o++)
        rep_str(r, c->ws, c->row, (lxw_col_t)(1 + o), rep_decision_label(r, lcc_option_name((enum lcc_option)o)), r->head);
    c->row++;
    for (o = 0; o < 5; o++)
        rep_num(r, c->ws, c->row, (lxw_col_t)(1 + o), f->pv[o], r->yen);
    c->row++;
    rep_str(r, c->ws, c->row, 0, L(r, "仕分け・理由", "Decision, reason"), r->text);
    rep_str(r, c->ws, c->row, 1, rep_decision_label(r, f->decision), r->dec[rep_decision_index(f->decision)]);
    rep_str(r, c->ws, c->row++, 2, rep_reason(r, c->bk, f, reason, sizeof reason), r->text);
    c->row++;
    return r->err != LXW_NO_ERROR;
}

/* The figures of a department's summary, from its facilities (the run's
 * totals are the whole portfolio's). */
static int
rep_dept_sum(void *ctx, const struct store_report_facility *f)
{
    struct portfolio_totals *p = ctx;
    int k = rep_decision_index(f->decision);

    p->facilities++;
    p->buildings += f->buildings;
    p->floor_area_m2 += f->floor_area_m2;
    p->decisions[k]++;
    p->decision_area_m2[k] += f->floor_area_m2;
    p->review += f->review;
    return 0;
}

/* Writes one workbook for path into a temporary file beside it, named in
 * tmp; on success the file is left for rep_book_commit, on failure it is
 * removed. */
static enum koyu_err
rep_book_write(struct rep_book *bk, const char *path, char *tmp, size_t tmp_size, char *errbuf,
               size_t errsize)
{
    const enum koyu_lang lang = bk->o->lang;
    const char *const *names = rep_sheet_names[lang == KOYU_LANG_EN];
    lxw_workbook_options wo = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    lxw_doc_properties props = {.created = bk->o->created};
    struct rep r;
    double year_total[LCC_MAX_HORIZON] = {0};
    lxw_worksheet *sum, *fac, *bld = NULL, *ren, *port = NULL, *opt, *as = NULL, *dq = NULL, *cards = NULL;
    struct rep_fac_ctx fc;
    struct rep_scen xs;
    enum koyu_err err;
    int fd, k;

    memset(&r, 0, sizeof r);
    r.lang = lang;
    r.zero_cache = getenv("KOYU_TEST_ZERO_CACHE") != NULL;
    r.fail_after = getenv("KOYU_TEST_FAIL_CELLS") ? atol(getenv("KOYU_TEST_FAIL_CELLS")) : 0;
    /* tests set KOYU_TEST_MAX_ROWS to see sheets go on past their last row */
    r.max_rows = REP_MAX_ROWS;
    if (getenv("KOYU_TEST_MAX_ROWS") && atol(getenv("KOYU_TEST_MAX_ROWS")) > 1 &&
        atol(getenv("KOYU_TEST_MAX_ROWS")) < REP_MAX_ROWS)
        r.max_rows = (lxw_row_t)atol(getenv("KOYU_TEST_MAX_ROWS"));
    /* ... only in the workbook whose path has KOYU_TEST_FAIL_BOOK in it */
    if (getenv("KOYU_TEST_FAIL_BOOK") && !strstr(path, getenv("KOYU_TEST_FAIL_BOOK")))
        r.fail_after = 0;
    snprintf(tmp, tmp_size, "%s.tmpXXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(errbuf, errsize, "cannot create a file beside '%s': %s", path, strerror(errno));
        return KOYU_ERR_IO;
    }
    close(fd);
    r.wb = workbook_new_opt(tmp, &wo);
    if (!r.wb) {
        unlink(tmp);
        snprintf(errbuf, errsize, "cannot start '%s'", path);
        return KOYU_ERR_IO;
    }
    rep_check(&r, workbook_set_properties(r.wb, &props));
    rep_formats(&r);
    err = store_report_renewal(bk->s, bk->run, bk->department, bk->renewal);
    /* sheets in reading order; each is written top to bottom */
    sum = workbook_add_worksheet(r.wb, names[SH_SUMMARY]);
    fac = rep_table_sheet(&r, names[SH_FACILITIES], rep_fac_cols, REP_FAC_COLS, bk->facilities);
    bld = rep_table_sheet(&r, names[SH_BUILDINGS], rep_bld_cols, REP_BLD_COLS, bk->run->portfolio.buildings);
    ren = workbook_add_worksheet(r.wb, names[SH_RENEWAL]);
    if (!bk->department)
        port = workbook_add_worksheet(r.wb, names[SH_PORTFOLIO]);
    opt = rep_table_sheet(&r, names[SH_OPTIONS], rep_opt_cols, REP_OPT_COLS, bk->facilities);
    /* the scenarios of the run's batch and their uncertainty (issue 6) */
    memset(&xs, 0, sizeof xs);
    if (err == KOYU_OK && !bk->department) {
        err = rep_scen_load(bk, &xs);
        rep_scen_add_sheets(&r, &xs);
    }
    if (bk->department)
        cards = workbook_add_worksheet(r.wb, names[SH_CARDS]);
    else {
        as = workbook_add_worksheet(r.wb, names[SH_ASSUMPTIONS]);
        dq = workbook_add_worksheet(r.wb, names[SH_QUALITY]);
    }
    if (!sum || !fac || !bld || !ren || !opt || (!bk->department && (!port || !as || !dq)) ||
        (bk->department && !cards))
        rep_check(&r, LXW_ERROR_SHEETNAME_ALREADY_USED);
    if (err == KOYU_OK && !r.err && bk->department) {
        struct store_run_info *dept_run = &bk->dept_run;

        *dept_run = *bk->run;
        memset(&dept_run->portfolio, 0, sizeof dept_run->portfolio);
        dept_run->portfolio.recent_investment_yen = 0; /* the city's, not a department's */
        err = store_report_facilities(bk->s, bk->run, bk->department, 0, rep_dept_sum,
                                      &dept_run->portfolio);
    }
    if (err == KOYU_OK && !r.err) {
        struct rep_book view = *bk;

        if (bk->department)
            view.run = &bk->dept_run;
        rep_renewal_sheet(&r, ren, &view, year_total);
        rep_summary(&r, sum, &view, year_total, names[SH_FACILITIES], names[SH_RENEWAL]);
        memset(&fc, 0, sizeof fc);
        fc.r = &r;
        fc.bk = bk;
        fc.ws = fac;
        fc.name = names[SH_FACILITIES];
        fc.cols = rep_fac_cols;
        fc.ncols = REP_FAC_COLS;
        err = store_report_facilities(bk->s, bk->run, bk->department, 0, rep_fac_row, &fc);
        rep_check(&r, worksheet_conditional_format_range(fac, 1, 10, (lxw_row_t)(bk->facilities <= 0 ? 1 : bk->facilities < (long)r.max_rows ? bk->facilities : (long)r.max_rows - 1), 11,
                                                         &(lxw_conditional_format){.type = LXW_CONDITIONAL_DATA_BAR}));
    }
    if (err == KOYU_OK && !r.err) {
        struct rep_bld_ctx c = {&r, bld, 0, 0};

        err = store_report_buildings(bk->s, bk->run, bk->department, rep_bld_row, &c);
    }
    if (err == KOYU_OK && !r.err) {
        memset(&fc, 0, sizeof fc);
        fc.r = &r;
        fc.bk = bk;
        fc.ws = opt;
        fc.name = names[SH_OPTIONS];
        fc.cols = rep_opt_cols;
        fc.ncols = REP_OPT_COLS;
        err = store_report_facilities(bk->s, bk->run, bk->department, 0, rep_opt_row, &fc);
    }
    if (err == KOYU_OK && !r.err && port) {
        lxw_chart *sc = workbook_add_chart(r.wb, LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS);
        lxw_chart_options co = {.x_scale = 1.6, .y_scale = 1.6};
        lxw_chart_line none = {.none = LXW_TRUE};

        rep_str(&r, port, 0, 0, L(&r, "仕分け", "Decision"), r.head);
        rep_str(&r, port, 0, 1, L(&r, "施設番号", "Facility id"), r.head);
        rep_str(&r, port, 0, 2, L(&r, "施設名", "Name"), r.head);
        rep_str(&r, port, 0, 3, L(&r, "ハード評価", "Hard score"), r.head);
        rep_str(&r, port, 0, 4, L(&r, "ソフト評価", "Soft score"), r.head);
        rep_str(&r, port, 0, 6, L(&r, "基準線 x", "Cut line x"), r.head);
        rep_str(&r, port, 0, 7, L(&r, "基準線 y", "Cut line y"), r.head);
        rep_page(&r, port, 1);
        memset(&fc, 0, sizeof fc);
        fc.r = &r;
        fc.bk = bk;
        fc.ws = port;
        fc.name = names[SH_PORTFOLIO];
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
                    const char *sheet = rep_part_name(names[SH_PORTFOLIO], p, part, sizeof part);

                    if (!fc.first[p][k])
                        continue;
                    s = chart_add_series(sc, NULL, NULL);
                    chart_series_set_categories(s, sheet, fc.first[p][k], 3, fc.last[p][k], 3);
                    chart_series_set_values(s, sheet, fc.first[p][k], 4, fc.last[p][k], 4);
                    chart_series_set_name(s, rep_decision_label(&r, lcc_option_name((enum lcc_option)k)));
                    chart_series_set_line(s, &none);
                    chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
                    chart_series_set_marker_size(s, 4);
                    {
                        /* one colour per decision, darker than the cell fills */
                        static const unsigned ink[5] = {0x2E7D32, 0x1565C0, 0xEF6C00, 0xC62828, 0xB8860B};
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
                rep_check(&r, chart_legend_delete_series(sc, repeat));
        }
        for (k = 0; k < 2; k++) {
            lxw_chart_series *s = chart_add_series(sc, NULL, NULL);
            lxw_chart_line cut = {.color = 0x7F7F7F, .dash_type = LXW_CHART_LINE_DASH_DASH};

            chart_series_set_categories(s, names[SH_PORTFOLIO], (lxw_row_t)(1 + 2 * k), 6, (lxw_row_t)(2 + 2 * k), 6);
            chart_series_set_values(s, names[SH_PORTFOLIO], (lxw_row_t)(1 + 2 * k), 7, (lxw_row_t)(2 + 2 * k), 7);
            chart_series_set_name(s, k ? L(&r, "ソフト基準", "Soft cut") : L(&r, "ハード基準", "Hard cut"));
            chart_series_set_line(s, &cut);
            chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
        }
        chart_title_set_name(sc, L(&r, "ポートフォリオ（ハード × ソフト）", "Portfolio (hard x soft)"));
        chart_axis_set_name(sc->x_axis, L(&r, "ハード評価（高いほど良い）", "Hard score (higher is better)"));
        chart_axis_set_name(sc->y_axis, L(&r, "ソフト評価（偏差値）", "Soft score (T score)"));
        chart_axis_set_min(sc->x_axis, 0);
        chart_axis_set_max(sc->x_axis, 100);
        chart_axis_set_min(sc->y_axis, 0);
        chart_axis_set_max(sc->y_axis, 100);
        rep_check(&r, worksheet_insert_chart_opt(port, 1, 9, sc, &co));
    }
    if (err == KOYU_OK && !r.err && as) {
        struct rep_ctx c = {&r, as, 0};

        rep_check(&r, worksheet_set_column(as, 0, 0, 40, NULL));
        rep_check(&r, worksheet_set_column(as, 1, 1, 16, NULL));
        rep_check(&r, worksheet_set_column(as, 2, 2, 80, NULL));
        rep_page(&r, as, 1);
        rep_str(&r, as, 0, 0, L(&r, "項目", "Item"), r.head);
        rep_str(&r, as, 0, 1, L(&r, "値", "Value"), r.head);
        rep_str(&r, as, 0, 2, L(&r, "出典・根拠", "Source"), r.head);
        rep_str(&r, as, 0, 3, L(&r, "ファイル", "File"), r.head);
        rep_str(&r, as, ++c.row, 0, L(&r, "基準年度（推計の初年度）", "Base year (first projection year)"), r.text);
        rep_num(&r, as, c.row, 1, bk->run->year, r.intf);
        rep_str(&r, as, ++c.row, 0, L(&r, "シナリオ・モデル", "Scenario, model"), r.text);
        rep_str(&r, as, c.row, 1, bk->run->scenario, r.text);
        rep_str(&r, as, c.row, 2, bk->run->model, r.text);
        rep_str(&r, as, ++c.row, 0, L(&r, "koyu のバージョン", "koyu version"), r.text);
        rep_str(&r, as, c.row, 1, bk->run->koyu_version, r.text);
        rep_str(&r, as, ++c.row, 0, L(&r, "計算日時（UTC）", "Run time (UTC)"), r.text);
        rep_str(&r, as, c.row, 1, bk->run->created_at, r.text);
        err = store_report_params(bk->s, bk->run, rep_param_row, &c);
        c.row += 2;
        rep_str(&r, as, c.row, 0, L(&r, "入力ファイル", "Input file"), r.head);
        rep_str(&r, as, c.row, 1, "SHA-256", r.head);
        rep_str(&r, as, c.row, 2, L(&r, "行数", "Rows"), r.head);
        rep_str(&r, as, c.row, 3, L(&r, "バイト数", "Bytes"), r.head);
        rep_str(&r, as, c.row, 4, L(&r, "文字コード", "Encoding"), r.head);
        rep_str(&r, as, c.row, 5, L(&r, "取込日時", "Imported at"), r.head);
        if (err == KOYU_OK)
            err = store_report_files(bk->s, bk->run->year, rep_file_row, &c);
    }
    if (err == KOYU_OK && !r.err && dq) {
        struct rep_ctx c = {&r, dq, 0};
        static const struct rep_col_spec cols[] = {
            {"種類", "Kind", 10}, {"コード", "Code", 16}, {"ファイル", "File", 14}, {"行", "Line", 6},
            {"列", "Column", 12}, {"値", "Value", 16}, {"内容", "Message", 80}};

        for (k = 0; k < 7; k++) {
            rep_check(&r, worksheet_set_column(dq, (lxw_col_t)k, (lxw_col_t)k, cols[k].width, NULL));
            rep_str(&r, dq, 0, (lxw_col_t)k, L(&r, cols[k].ja, cols[k].en), r.head);
        }
        worksheet_freeze_panes(dq, 1, 0);
        rep_page(&r, dq, 1);
        err = store_report_messages(bk->s, bk->run->year, rep_msg_row, &c);
        if (err == KOYU_OK)
            err = store_report_facilities(bk->s, bk->run, NULL, 0, rep_quality_row, &c);
    }
    if (err == KOYU_OK && !r.err && !bk->department)
        err = rep_scen_write(&r, bk, &xs);
    rep_scen_release(&xs);
    if (err == KOYU_OK && !r.err && cards) {
        struct rep_card_ctx c = {&r, bk, cards, 0, bk->s, bk->run->year};

        rep_check(&r, worksheet_set_column(cards, 0, 0, 28, NULL));
        rep_check(&r, worksheet_set_column(cards, 1, 5, 16, NULL));
        rep_page(&r, cards, 0);
        err = store_report_facilities(bk->s, bk->run, bk->department, 0, rep_card, &c);
    }
    if (err == KOYU_OK && !r.err)
        rep_check(&r, workbook_close(r.wb));
    else
        workbook_close(r.wb); /* frees it; the file is discarded below */
    bk->cells += r.cells;
    if (err || r.err) {
        unlink(tmp);
        if (!err)
            snprintf(errbuf, errsize, "cannot write '%s': %s", path, lxw_strerror(r.err));
        else
            snprintf(errbuf, errsize, "cannot read the results for '%s': %s", path,
                     store_errmsg(bk->s));
        return err ? err : KOYU_ERR_IO;
    }
    return KOYU_OK;
}

/* Puts a workbook written by rep_book_write in its place. */
static enum koyu_err
rep_book_commit(const char *tmp, const char *path, char *errbuf, size_t errsize)
{
    chmod(tmp, 0644);
    if (rename(tmp, path) != 0) {
        snprintf(errbuf, errsize, "cannot rename to '%s': %s", path, strerror(errno));
        unlink(tmp);
        return KOYU_ERR_IO;
    }
    return KOYU_OK;
}

/* ---- names and times ---- */

char *
report_safe_name(const char *name, char *buf, size_t size)
{
    static const char *const reserved[] = {"CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3",
                                           "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
                                           "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
                                           "LPT7", "LPT8", "LPT9"};
    size_t o = 0, i = 0, n = name ? strlen(name) : 0, k, limit = size < 81 ? size - 1 : 80;

    if (size == 0)
        return buf;
    while (i < n) {
        size_t len = text_utf8_char_len(name + i, n - i);
        unsigned char c = (unsigned char)name[i];

        if (len == 0) {
            len = 1;
            c = '_';
        }
        if (o + len > limit)
            break;
        if (len == 1) {
            if (c < 0x20 || c == 0x7F || strchr("/\\:*?\"<>|", c))
                c = '_';
            buf[o++] = (char)c;
        } else {
            memcpy(buf + o, name + i, len);
            o += len;
        }
        i += len;
    }
    buf[o] = '\0';
    /* no leading or trailing dots and spaces ("..", hidden files) */
    while (o > 0 && (buf[o - 1] == '.' || buf[o - 1] == ' '))
        buf[--o] = '\0';
    for (i = 0; buf[i] == '.' || buf[i] == ' '; i++)
        ;
    memmove(buf, buf + i, o - i + 1);
    if (!buf[0])
        snprintf(buf, size, "_");
    for (k = 0; k < sizeof reserved / sizeof reserved[0]; k++) {
        size_t rl = strlen(reserved[k]);

        if (strncasecmp(buf, reserved[k], rl) == 0 && (buf[rl] == '\0' || buf[rl] == '.')) {
            memmove(buf + 1, buf, strlen(buf) + 1 < size - 1 ? strlen(buf) + 1 : size - 2);
            buf[0] = '_';
            buf[size - 1] = '\0';
            break;
        }
    }
    return buf;
}

time_t
report_created_time(int year)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    struct tm tm;

    if (sde && *sde)
        return (time_t)strtoll(sde, NULL, 10);
    (void)tm;
    {
        /* days from 1970-01-01 to 1 April of year (the fiscal year's start),
         * by the civil-calendar formula: no time zone involved */
        long y = year, m = 4, dd = 1, era, yoe, doy, doe;

        y -= m <= 2;
        era = (y >= 0 ? y : y - 399) / 400;
        yoe = y - era * 400;
        doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
        doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return (time_t)((era * 146097 + doe - 719468) * 86400L);
    }
}

/* ---- the workbooks on several threads ---- */

/* Nearly all of a report's time is libxlsxwriter's (deflate and XML
 * printing), one workbook at a time, so the workbooks are shared out over
 * the cores: each thread takes the next workbook, largest first, and reads
 * through a connection of its own.  Workbooks share nothing: libxlsxwriter
 * 1.1.4 keeps no mutable globals of its own, and the one it borrows, the
 * C library's gmtime() result, is made per thread below. */

/* libxlsxwriter 1.1.4 stamps docProps/core.xml through gmtime() (core.c),
 * whose result is one static struct for the whole process: two workbooks
 * closed at once race on it (ThreadSanitizer reports it), and with
 * SOURCE_DATE_EPOCH=0 (the current time) a stamp could come out torn.
 * This definition takes the place of the C library's for the program and
 * the libraries it loads (the executable comes first in dynamic symbol
 * lookup): the same result, in a struct of each thread's own, which POSIX
 * allows. */
struct tm *
gmtime(const time_t *t)
{
    static _Thread_local struct tm tm;

    return gmtime_r(t, &tm);
}

/* One workbook to write: the assessment (department NULL) or a department's. */
struct rep_job {
    char path[8192];
    char tmp[8208];         /* written, waiting for rep_book_commit */
    const char *department;
    long facilities;
    enum koyu_err err;
    char errbuf[8704];      /* room for the path */
};

struct rep_pool {
    struct rep_job *jobs;
    size_t *order;          /* the jobs in the order they are taken */
    size_t n, next;
    int failed;             /* a job failed: take no more */
    pthread_mutex_t lock;
    const struct rep_book *book; /* the run, its parameters, the options */
};

struct rep_worker {
    struct rep_pool *pool;
    store *s;               /* this thread's connection */
    double *renewal;        /* this thread's projection buffer */
    long long cells;
    pthread_t thread;
    int started;
};

/* Takes jobs until none is left or one has failed. */
static void *
rep_work(void *arg)
{
    struct rep_worker *w = arg;
    struct rep_pool *p = w->pool;
    struct rep_book bk = *p->book;

    bk.s = w->s;
    bk.renewal = w->renewal;
    bk.cells = 0;
    for (;;) {
        struct rep_job *j = NULL;

        pthread_mutex_lock(&p->lock);
        if (!p->failed && p->next < p->n)
            j = &p->jobs[p->order[p->next++]];
        pthread_mutex_unlock(&p->lock);
        if (!j)
            break;
        bk.department = j->department;
        bk.facilities = j->facilities;
        j->err = rep_book_write(&bk, j->path, j->tmp, sizeof j->tmp, j->errbuf, sizeof j->errbuf);
        if (j->err) {
            pthread_mutex_lock(&p->lock);
            p->failed = 1;
            pthread_mutex_unlock(&p->lock);
        }
    }
    w->cells = bk.cells;
    return NULL;
}

/* Threads to write n workbooks with: one per core, at most
 * REP_MAX_THREADS; KOYU_REPORT_THREADS overrides (1: one after another). */
static size_t
rep_threads(size_t n)
{
    const char *e = getenv("KOYU_REPORT_THREADS");
    long k = e && *e ? atol(e) : sysconf(_SC_NPROCESSORS_ONLN);

    if (k < 1)
        k = 1;
    if (k > REP_MAX_THREADS)
        k = REP_MAX_THREADS;
    return (size_t)k < n ? (size_t)k : n;
}

/* Writes the n workbooks of jobs, then puts them all in place, or none:
 * on any failure every target is left as it was and errbuf has the first
 * failure in job order. */
static enum koyu_err
rep_write_all(struct rep_book *bk, struct rep_job *jobs, size_t n, char *errbuf, size_t errsize)
{
    struct rep_pool p;
    struct rep_worker w[REP_MAX_THREADS];
    size_t nw = rep_threads(n), i, k;
    enum koyu_err err = KOYU_OK;

    memset(&p, 0, sizeof p);
    memset(w, 0, sizeof w);
    p.jobs = jobs;
    p.n = n;
    p.book = bk;
    p.order = malloc(n * sizeof *p.order);
    if (!p.order) {
        snprintf(errbuf, errsize, "out of memory");
        return KOYU_ERR_NOMEM;
    }
    /* the assessment first, then departments by size: the last workbook
     * taken is a small one, so the threads finish together */
    for (i = 0; i < n; i++) {
        for (k = i; k > 1 && jobs[p.order[k - 1]].facilities < jobs[i].facilities; k--)
            p.order[k] = p.order[k - 1];
        p.order[k] = i;
    }
    pthread_mutex_init(&p.lock, NULL);
    for (k = 0; k < nw; k++) {
        w[k].pool = &p;
        w[k].s = bk->s;
        w[k].renewal = bk->renewal;
    }
    for (k = 1; k < nw; k++) {
        char e[256];

        /* without its own connection or thread, a thread is left out */
        w[k].renewal = calloc((size_t)bk->run->horizon_years * 13 * 7, sizeof *w[k].renewal);
        if (!w[k].renewal || store_open_reader(bk->s, &w[k].s, e, sizeof e) != KOYU_OK)
            break;
        if (pthread_create(&w[k].thread, NULL, rep_work, &w[k]) != 0)
            break;
        w[k].started = 1;
    }
    rep_work(&w[0]);
    for (k = 0; k < nw; k++) {
        if (k > 0) {
            if (w[k].started)
                pthread_join(w[k].thread, NULL);
            store_close(w[k].s);
            free(w[k].renewal);
        }
        bk->cells += w[k].cells;
    }
    pthread_mutex_destroy(&p.lock);
    free(p.order);
    for (i = 0; i < n && !err; i++)
        if (jobs[i].err) {
            err = jobs[i].err;
            snprintf(errbuf, errsize, "%s", jobs[i].errbuf);
        }
    for (i = 0; i < n; i++) {
        if (jobs[i].err || !jobs[i].tmp[0])
            continue; /* failed (its file removed) or never started */
        if (err)
            unlink(jobs[i].tmp);
        else
            err = rep_book_commit(jobs[i].tmp, jobs[i].path, errbuf, errsize);
    }
    return err;
}

/* ---- public ---- */

struct rep_dept {
    char name[256];
    long facilities;
};

struct rep_depts {
    struct rep_dept *d;
    size_t n, cap;
};

static int
rep_dept_collect(void *ctx, const char *department, long facilities, double area)
{
    struct rep_depts *ds = ctx;

    (void)area;
    if (ds->n == ds->cap) {
        size_t cap = ds->cap ? ds->cap * 2 : 16;
        struct rep_dept *p = realloc(ds->d, cap * sizeof *p);

        if (!p)
            return 1;
        ds->d = p;
        ds->cap = cap;
    }
    snprintf(ds->d[ds->n].name, sizeof ds->d[ds->n].name, "%s", department ? department : "");
    ds->d[ds->n++].facilities = facilities;
    return 0;
}

/* The names of a batch's scenarios. */
struct rep_names {
    char name[16][64];
    size_t n;
};

static int
rep_name_collect(void *ctx, const struct store_cell *c, int n)
{
    struct rep_names *x = ctx;

    if (n > 0 && c[0].type == STORE_TEXT && x->n < 16)
        snprintf(x->name[x->n++], sizeof x->name[0], "%s", c[0].s);
    return 0;
}

enum koyu_err
report_write(store *s, const struct report_options *o, struct report_result *res, char *errbuf,
             size_t errsize)
{
    struct store_run_info run;
    struct rep_depts ds = {NULL, 0, 0};
    struct rep_job *jobs = NULL;
    struct rep_book bk;
    char path[8192], dir[4096];
    enum koyu_err err;
    size_t i, j;
    double v = 0;

    memset(res, 0, sizeof *res);
    memset(&bk, 0, sizeof bk);
    err = store_report_run(s, o->year, o->scenario, &run);
    if (err) {
        snprintf(errbuf, errsize, err == KOYU_ERR_DATA ? "no results for %d%s%s: run or assess first"
                                                       : "cannot read the results of %d%s%s",
                 o->year, o->scenario ? " / " : "", o->scenario ? o->scenario : "");
        return err;
    }
    /* the run's cut lines, as it stored them */
    err = store_report_param(s, &run, "assess.hard_low_below", &bk.cuts.hard_low_below);
    if (!err)
        err = store_report_param(s, &run, "assess.soft_low_below", &bk.cuts.soft_low_below);
    if (!err)
        err = store_report_param(s, &run, "assess.utilization_low_pct",
                                 &bk.cuts.utilization_low_pct);
    if (!err && !(err = store_report_param(s, &run, "assess.remaining_life_low_years", &v)))
        bk.cuts.remaining_life_low_years = (int)v;
    bk.s = s;
    bk.o = o;
    bk.run = &run;
    bk.facilities = run.portfolio.facilities;
    bk.renewal = calloc((size_t)run.horizon_years * 13 * 7, sizeof *bk.renewal);
    if (!err && !bk.renewal)
        err = KOYU_ERR_NOMEM;
    if (!err && outfile_mkdir(o->out_dir) != 0) {
        snprintf(errbuf, errsize, "cannot create '%s': %s", o->out_dir, strerror(errno));
        err = KOYU_ERR_IO;
        goto done;
    }
    if (err) {
        snprintf(errbuf, errsize, "cannot read the run's parameters: %s", store_errmsg(s));
        goto done;
    }
    snprintf(path, sizeof path, "%s/assessment-%d%s%s.xlsx", o->out_dir, run.year,
             strcmp(run.scenario, "mic") == 0 ? "" : "-", strcmp(run.scenario, "mic") == 0 ? "" : run.scenario);
    if (o->departments) {
        err = store_report_departments(s, &run, rep_dept_collect, &ds);
        if (err) {
            snprintf(errbuf, errsize, "cannot read the departments: %s", store_errmsg(s));
            goto done;
        }
        snprintf(dir, sizeof dir, "%s/departments", o->out_dir);
        if (outfile_mkdir(dir) != 0) {
            snprintf(errbuf, errsize, "cannot create '%s': %s", dir, strerror(errno));
            err = KOYU_ERR_IO;
            goto done;
        }
    }
    jobs = calloc(1 + ds.n, sizeof *jobs);
    if (!jobs) {
        snprintf(errbuf, errsize, "out of memory");
        err = KOYU_ERR_NOMEM;
        goto done;
    }
    snprintf(jobs[0].path, sizeof jobs[0].path, "%s", path);
    jobs[0].facilities = run.portfolio.facilities;
    for (i = 0; i < ds.n; i++) {
        char safe[128], unique[160];
        int dup = 1;

        report_safe_name(ds.d[i].name, safe, sizeof safe);
        snprintf(unique, sizeof unique, "%s", safe);
        /* two departments that clean up to one name get -2, -3 ... */
        for (j = 0; j < i; j++) {
            char other[128];

            report_safe_name(ds.d[j].name, other, sizeof other);
            if (strcasecmp(other, safe) == 0)
                snprintf(unique, sizeof unique, "%s-%d", safe, ++dup);
        }
        snprintf(jobs[1 + i].path, sizeof jobs[1 + i].path, "%s/%s.xlsx", dir, unique);
        jobs[1 + i].department = ds.d[i].name;
        jobs[1 + i].facilities = ds.d[i].facilities;
    }
    err = rep_write_all(&bk, jobs, 1 + ds.n, errbuf, errsize);
    if (!err) {
        snprintf(res->path, sizeof res->path, "%s", path);
        res->department_books = (long)ds.n;
    }
    if (!err && o->each_scenario) {
        struct rep_names names = {{{0}}, 0};

        err = store_report_query(s, STORE_Q_SCENARIOS, run.run_id, rep_name_collect, &names);
        for (i = 0; !err && i < names.n; i++) {
            struct report_options one = *o;
            struct report_result sub;

            if (strcmp(names.name[i], run.scenario) == 0)
                continue;
            one.scenario = names.name[i];
            one.departments = 0;
            one.each_scenario = 0;
            err = report_write(s, &one, &sub, errbuf, errsize);
            bk.cells += sub.cells;
            res->scenario_books += !err;
        }
    }
done:
    res->cells = bk.cells;
    free(jobs);
    free(ds.d);
    free(bk.renewal);
    return err;
}
