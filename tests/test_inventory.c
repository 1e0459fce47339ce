/* test_inventory.c - header matching and per-row conversion rules. */
#include <stdio.h>

#include "koyu/inventory/inventory.h"
#include "testlib.h"

static int
keep(void *ctx, const struct diag_item *it)
{
    char *s = ctx;
    size_t len = strlen(s);

    snprintf(s + len, 1024 - len, "%ld:%d:%s;", it->line, it->column, diag_code_key(it->code));
    return 0;
}

static void
test_header_aliases(void)
{
    const char *h[] = {"棟番号", "施設コード", "延床面積（㎡）", "建築年", "*構造", "備考", "ROOF"};
    struct inv_header hd;
    struct diag d;
    char seen[1024] = "";

    diag_init(&d, NULL, KOYU_LANG_EN, 10);
    d.sink = keep;
    d.sink_ctx = seen;
    diag_begin_file(&d, "buildings.csv");
    CHECK(inventory_map_header(INV_BUILDINGS, h, 7, 1, &hd, &d) == 0);
    CHECK(hd.to_file[inventory_column_index(INV_BUILDINGS, "floor_area_m2")] == 2);
    CHECK(hd.to_file[inventory_column_index(INV_BUILDINGS, "built_year")] == 3);
    CHECK(hd.to_file[inventory_column_index(INV_BUILDINGS, "structure")] == 4);
    CHECK(hd.to_file[inventory_column_index(INV_BUILDINGS, "roof")] == 6);
    CHECK_STR(hd.names[inventory_column_index(INV_BUILDINGS, "floor_area_m2")], "延床面積（㎡）");
    CHECK_STR(seen, "1:6:unknown_column;");
}

static void
test_header_errors(void)
{
    const char *h[] = {"棟番号", "棟番号", "建築年度"};
    struct inv_header hd;
    struct diag d;
    char seen[1024] = "";

    diag_init(&d, NULL, KOYU_LANG_EN, 10);
    d.sink = keep;
    d.sink_ctx = seen;
    diag_begin_file(&d, "buildings.csv");
    CHECK(inventory_map_header(INV_BUILDINGS, h, 3, 1, &hd, &d) == 3);
    CHECK_STR(seen, "1:2:duplicate_column;1:0:missing_column;1:0:missing_column;");
}

static void
test_row_conversion(void)
{
    const char *h[] = {"棟番号",   "施設番号",       "構造", "延床面積",
                       "建築年度", "大規模改修年度", "耐震", "屋根・屋上"};
    char f0[] = " Ｂ００１ ", f1[] = "F001", f2[] = "ＲＣ造", f3[] = "1,234.5㎡",
         f4[] = "昭和50年度", f5[] = "H17", f6[] = "旧耐震（補強済）", f7[] = "ｃ";
    char *row[] = {f0, f1, f2, f3, f4, f5, f6, f7};
    struct inv_value v[INV_MAX_COLUMNS];
    struct inv_header hd;
    struct diag d;

    diag_init(&d, NULL, KOYU_LANG_EN, 10);
    diag_begin_file(&d, "buildings.csv");
    CHECK(inventory_map_header(INV_BUILDINGS, h, 8, 1, &hd, &d) == 0);
    CHECK(inventory_convert_row(INV_BUILDINGS, &hd, row, 8, 2, 2026, v, &d) == 0);
    CHECK_STR(v[inventory_column_index(INV_BUILDINGS, "building_id")].text, "B001");
    CHECK_STR(v[inventory_column_index(INV_BUILDINGS, "structure")].text, "RC");
    CHECK(v[inventory_column_index(INV_BUILDINGS, "floor_area_m2")].num == 1234.5);
    CHECK(v[inventory_column_index(INV_BUILDINGS, "built_year")].num == 1975);
    CHECK(v[inventory_column_index(INV_BUILDINGS, "renovated_year")].num == 2005);
    CHECK_STR(v[inventory_column_index(INV_BUILDINGS, "seismic")].text, "old_retrofitted");
    CHECK_STR(v[inventory_column_index(INV_BUILDINGS, "roof")].text, "C");
    CHECK(!v[inventory_column_index(INV_BUILDINGS, "floors")].present);
    CHECK(d.errors == 0 && d.warnings == 0);
}

static void
test_facility_defaults(void)
{
    const char *h[] = {"施設番号", "施設名", "大分類", "所管課"};
    char f0[] = "F1", f1[] = "公民館", f2[] = "civic_culture", f3[] = "課";
    char *row[] = {f0, f1, f2, f3};
    struct inv_value v[INV_MAX_COLUMNS];
    struct inv_header hd;
    struct diag d;

    diag_init(&d, NULL, KOYU_LANG_EN, 10);
    diag_begin_file(&d, "facilities.csv");
    CHECK(inventory_map_header(INV_FACILITIES, h, 4, 1, &hd, &d) == 0);
    CHECK(inventory_convert_row(INV_FACILITIES, &hd, row, 4, 2, 2026, v, &d) == 0);
    CHECK_STR(v[inventory_column_index(INV_FACILITIES, "subcategory")].text, "市民文化系施設");
    CHECK_STR(v[inventory_column_index(INV_FACILITIES, "status")].text, "in_service");
}

struct rule_case {
    enum inv_file file;
    const char *column; /* header */
    const char *value;
    const char *want; /* diag key, or "" for none */
};

/* One bad cell in an otherwise valid row, for every rule of §4. */
static void
test_value_rules(void)
{
    static const struct rule_case cases[] = {
        {INV_BUILDINGS, "延床面積", "0", "zero_area"},
        {INV_BUILDINGS, "延床面積", "-5", "negative"},
        {INV_BUILDINGS, "延床面積", "12,3a", "not_number"},
        {INV_BUILDINGS, "延床面積", "100円", "bad_unit"},
        {INV_BUILDINGS, "延床面積", "250000", "area_implausible"},
        {INV_BUILDINGS, "延床面積", "", "missing_value"},
        {INV_BUILDINGS, "建築年度", "2027", "year_in_future"},
        {INV_BUILDINGS, "建築年度", "1867", "year_too_early"},
        {INV_BUILDINGS, "建築年度", "1899", "built_implausible"},
        {INV_BUILDINGS, "建築年度", "昭和99年", "bad_year"},
        {INV_BUILDINGS, "大規模改修年度", "1960", "renovated_before_built"},
        {INV_BUILDINGS, "大規模改修年度", "2027", "year_in_future"},
        {INV_BUILDINGS, "階数", "2.5", "not_integer"},
        {INV_BUILDINGS, "階数", "300", "out_of_range"},
        {INV_BUILDINGS, "構造", "石", "bad_choice"},
        {INV_BUILDINGS, "耐震", "たぶん", "bad_choice"},
        {INV_BUILDINGS, "外壁", "Ｅ", "bad_grade"},
        {INV_USAGE, "稼働率", "100.1", "out_of_range"},
        {INV_USAGE, "稼働率", "85%", ""},
        {INV_USAGE, "稼働率", "-1", "negative"},
        {INV_USAGE, "人件費", "△100", "negative"},
        {INV_USAGE, "人件費", "¥1,000", ""},
        {INV_USAGE, "開館日数", "367", "out_of_range"},
        {INV_USAGE, "利用者数", "99,999,999,999,999,999,999", "out_of_range"},
        {INV_USAGE, "人件費", "1,000,000,000,000,000,000", "out_of_range"},
        {INV_USAGE, "年度", "2027", "year_in_future"},
        {INV_FACILITIES, "大分類", "宇宙系", "unknown_category"},
        {INV_FACILITIES, "状態", "解体済", "bad_choice"},
        {INV_FACILITIES, "必須施設", "たぶん", "bad_choice"},
        {INV_FACILITIES, "土地所有", "国有", "bad_choice"},
        {INV_FACILITIES, "敷地面積", "1,234㎡", ""},
        {INV_FACILITIES, "土地評価額", "-1", "negative"},
        {INV_FACILITIES, "施設名", "\xE3\x80\x80", "missing_value"},
    };
    static const char *const heads[INV__FILES][4] = {
        {"施設番号", "施設名", "大分類", "所管課"},
        {"棟番号", "施設番号", "延床面積", "建築年度"},
        {"年度", "施設番号", NULL, NULL},
    };
    static const char *const good[INV__FILES][4] = {
        {"F1", "館", "その他", "課"},
        {"B1", "F1", "100", "1970"},
        {"2025", "F1", NULL, NULL},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct rule_case *c = &cases[i];
        const char *h[6];
        char *row[6], cells[6][64];
        struct inv_value v[INV_MAX_COLUMNS];
        struct inv_header hd;
        struct diag d;
        char seen[1024] = "";
        size_t n = 0, k;

        for (k = 0; k < 4 && heads[c->file][k]; k++, n++) {
            h[n] = heads[c->file][k];
            snprintf(cells[n], sizeof cells[n], "%s", good[c->file][k]);
        }
        for (k = 0; k < n && strcmp(h[k], c->column) != 0; k++)
            ;
        if (k == n)
            h[n++] = c->column;
        snprintf(cells[k], sizeof cells[k], "%s", c->value);
        for (k = 0; k < n; k++)
            row[k] = cells[k];
        diag_init(&d, NULL, KOYU_LANG_EN, 10);
        d.sink = keep;
        d.sink_ctx = seen;
        diag_begin_file(&d, "x.csv");
        CHECK(inventory_map_header(c->file, h, n, 1, &hd, &d) == 0);
        inventory_convert_row(c->file, &hd, row, n, 2, 2026, v, &d);
        if (c->want[0] == '\0') {
            if (!CHECK(seen[0] == '\0'))
                fprintf(stderr, "    %s '%s': got %s\n", c->column, c->value, seen);
        } else if (!CHECK(strstr(seen, c->want) != NULL)) {
            fprintf(stderr, "    %s '%s': got '%s', want %s\n", c->column, c->value, seen, c->want);
        }
    }
}

/* 委託料 and 指定管理料 in two columns both mean outsourcing_yen: summed */
static void
test_yen_columns_summed(void)
{
    const char *h[] = {"年度", "施設番号", "委託料", "指定管理料"};
    char f0[] = "2025", f1[] = "F1", f2[] = "1,000", f3[] = "¥2,500";
    char *row[] = {f0, f1, f2, f3};
    struct inv_value v[INV_MAX_COLUMNS];
    struct inv_header hd;
    struct diag d;
    int k = inventory_column_index(INV_USAGE, "outsourcing_yen");

    diag_init(&d, NULL, KOYU_LANG_EN, 10);
    diag_begin_file(&d, "usage.csv");
    CHECK(inventory_map_header(INV_USAGE, h, 4, 1, &hd, &d) == 0);
    CHECK(inventory_convert_row(INV_USAGE, &hd, row, 4, 2, 2026, v, &d) == 0);
    CHECK(v[k].present && v[k].num == 3500);
    /* and the constants used on hot paths point where the keys are */
    CHECK(inventory_column_index(INV_FACILITIES, "facility_id") == INV_F_ID);
    CHECK(inventory_column_index(INV_FACILITIES, "category") == INV_F_CATEGORY);
    CHECK(inventory_column_index(INV_FACILITIES, "subcategory") == INV_F_SUBCATEGORY);
    CHECK(inventory_column_index(INV_FACILITIES, "status") == INV_F_STATUS);
    CHECK(inventory_column_index(INV_BUILDINGS, "building_id") == INV_B_ID);
    CHECK(inventory_column_index(INV_BUILDINGS, "facility_id") == INV_B_FACILITY);
    CHECK(inventory_column_index(INV_BUILDINGS, "floor_area_m2") == INV_B_AREA);
    CHECK(inventory_column_index(INV_BUILDINGS, "built_year") == INV_B_BUILT);
    CHECK(inventory_column_index(INV_BUILDINGS, "renovated_year") == INV_B_RENOVATED);
    CHECK(inventory_column_index(INV_USAGE, "fiscal_year") == INV_U_YEAR);
    CHECK(inventory_column_index(INV_USAGE, "facility_id") == INV_U_FACILITY);
}

void
suite_inventory(void)
{
    RUN(test_header_aliases);
    RUN(test_header_errors);
    RUN(test_row_conversion);
    RUN(test_facility_defaults);
    RUN(test_value_rules);
    RUN(test_yen_columns_summed);
}
