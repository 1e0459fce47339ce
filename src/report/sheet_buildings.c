/* sheet_buildings.c - 棟一覧: every building with its stored assessment. */
#include <stdio.h>
#include <string.h>

#include "koyu/core/msg.h"
#include "koyu/core/vocab.h"
#include "sheets.h"

const struct rep_col_spec sheet_building_cols[] = {
    {MSG_XL_BUILDING_ID, 11},    {MSG_XL_FACILITY_ID, 11},
    {MSG_XL_STRUCTURE, 6},       {MSG_XL_FLOOR_AREA_M2, 11},
    {MSG_XL_BUILT, 7},           {MSG_XL_AGE, 6},
    {MSG_XL_RENOVATED, 8},       {MSG_XL_SEISMIC, 14},
    {MSG_XL_SEISMIC_DERIVED, 8}, {MSG_XL_ROOF, 5},
    {MSG_XL_EXTERIOR, 5},        {MSG_XL_INTERIOR, 5},
    {MSG_XL_ELECTRICAL, 5},      {MSG_XL_MECHANICAL, 5},
    {MSG_XL_CONDITION, 7},       {MSG_XL_CONDITION_ESTIMATED, 8},
    {MSG_XL_TARGET_LIFE, 7},     {MSG_XL_REMAINING_LIFE, 7},
    {MSG_XL_HARD_SCORE, 8},
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
        c->ws = rep_table_sheet(r, name, sheet_building_cols, sheet_building_ncols,
                                (long)r->max_rows - 1);
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
            b->seismic_derived
                ? (b->seismic_deficient ? M(r, MSG_XL_OLD_DERIVED) : M(r, MSG_XL_NEW_DERIVED))
                : "",
            r->text);
    for (e = 0; e < 5; e++) {
        g[0] = b->grades[e];
        rep_str(r, c->ws, c->row, (lxw_col_t)(9 + e), g, r->text);
    }
    rep_num(r, c->ws, c->row, 14, b->soundness, r->num1);
    rep_str(r, c->ws, c->row, 15, b->soundness_estimated ? M(r, MSG_XL_ESTIMATED) : "", r->text);
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
