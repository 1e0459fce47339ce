/* sheet_buildings.c - 棟一覧: every building with its stored assessment. */
#include <stdio.h>
#include <string.h>

#include "koyu/core/vocab.h"
#include "sheets.h"

const struct rep_col_spec sheet_building_cols[] = {
    {"棟番号", "Building id", 11}, {"施設番号", "Facility id", 11}, {"構造", "Structure", 6},
    {"延床面積（㎡）", "Floor area (m2)", 11}, {"建築年度", "Built", 7}, {"築年数", "Age", 6},
    {"大規模改修年度", "Renovated", 8}, {"耐震", "Seismic", 14}, {"耐震は推定", "Seismic derived", 8},
    {"屋根・屋上", "Roof", 5}, {"外壁", "Exterior", 5}, {"内部仕上", "Interior", 5},
    {"電気設備", "Electrical", 5}, {"機械設備", "Mechanical", 5},
    {"健全度", "Condition", 7}, {"健全度は推計", "Condition estimated", 8},
    {"目標使用年数", "Target life", 7}, {"残耐用年数", "Remaining life", 7},
    {"ハード評価", "Hard score", 8},
};
const int sheet_building_ncols = (int)(sizeof sheet_building_cols / sizeof sheet_building_cols[0]);

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

        snprintf(name, sizeof name, "%s (%d)", sheet_name(r->lang, SH_BUILDINGS), ++c->part + 1);
        c->ws = rep_table_sheet(r, name, sheet_building_cols, sheet_building_ncols, (long)r->max_rows - 1);
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

enum koyu_err
sheet_buildings(struct rep *r, lxw_worksheet *ws, const struct rep_book *bk)
{
    struct rep_bld_ctx c = {r, ws, 0, 0};

    return store_report_buildings(bk->s, bk->run, bk->department, rep_bld_row, &c);
}
