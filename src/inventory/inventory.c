/* inventory.c - input columns, header matching and per-row validation. */
#include "koyu/inventory/inventory.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "koyu/core/text.h"
#include "koyu/core/vocab.h"

#define A(...) ((const char *const[]){__VA_ARGS__, NULL})
#define REQ    INV_REQUIRED

static const struct inv_column inv_facility_cols[] = {
    {"facility_id", "施設番号", A("施設コード", "施設ID", "施設No"), INV_T_ID, 0, REQ, 0, NULL,
     "施設を一意に識別する番号（buildings.csv・usage.csv から参照）",
     "unique facility id, referred to by buildings.csv and usage.csv"},
    {"name", "施設名", A("施設名称"), INV_T_TEXT, 0, REQ, 0, NULL, "施設の名称", "facility name"},
    {"category", "大分類", A("施設大分類", "施設分類"), INV_T_CHOICE, VOCAB_CATEGORY, REQ, 0, NULL,
     "総務省 更新費用試算ソフトの13大分類（名称または英語キー）",
     "one of the 13 MIC categories, by Japanese name or English key"},
    {"subcategory", "中分類", A("施設中分類"), INV_T_TEXT, 0, 0, 0, NULL,
     "比較グループ（空欄なら大分類）", "comparison group (default: the category)"},
    {"department", "所管課", A("所管部署", "担当課", "所管"), INV_T_TEXT, 0, REQ, 0, NULL,
     "施設を所管する課", "department in charge"},
    {"district", "地区", A("地域"), INV_T_TEXT, 0, 0, 0, NULL, "地区", "district"},
    {"land_area_m2", "敷地面積", NULL, INV_T_AREA, 0, 0, 0, "㎡", "敷地面積", "site area"},
    {"land_owned", "土地所有", A("土地所有区分", "土地"), INV_T_CHOICE, VOCAB_LAND, 0, 0, NULL,
     "土地の所有（市有／借地）", "land tenure (owned / leased)"},
    {"land_value_yen", "土地評価額", A("土地価格"), INV_T_YEN, 0, 0, 0, "円", "土地の評価額",
     "assessed land value"},
    {"essential", "必須施設", NULL, INV_T_CHOICE, VOCAB_BOOL, 0, 0, NULL,
     "必須施設か（はい／いいえ、空欄なら中分類の既定値）",
     "essential facility (yes / no; blank: the subcategory default)"},
    {"status", "状態", A("施設状態", "供用状況"), INV_T_CHOICE, VOCAB_STATUS, 0, 0, NULL,
     "供用中／休止／廃止予定（空欄なら供用中）",
     "in service / suspended / to be closed (blank: in service)"},
};

static const struct inv_column inv_building_cols[] = {
    {"building_id", "棟番号", A("棟コード", "建物番号", "棟ID"), INV_T_ID, 0, REQ, 0, NULL,
     "棟を一意に識別する番号", "unique building id"},
    {"facility_id", "施設番号", A("施設コード", "施設ID", "施設No"), INV_T_ID, 0, REQ, 0, NULL,
     "棟が属する施設の施設番号", "the facility the building belongs to"},
    {"name", "棟名", A("建物名", "棟名称"), INV_T_TEXT, 0, 0, 0, NULL, "棟の名称", "building name"},
    {"structure", "構造", A("構造種別"), INV_T_CHOICE, VOCAB_STRUCTURE, 0, 0, NULL,
     "構造（RC・SRC・S・W・CB・LGS・その他、日本語名も可）",
     "structure (RC, SRC, S, W, CB, LGS, other; Japanese names too)"},
    {"floor_area_m2", "延床面積", A("延べ床面積", "延床面積計"), INV_T_AREA, 0, REQ | INV_POSITIVE,
     0, "㎡", "延床面積（0 より大きい）", "gross floor area (> 0)"},
    {"built_year", "建築年度", A("建築年", "建設年度", "竣工年度"), INV_T_YEAR, 0, REQ, 0, "年度",
     "建築年度（西暦または和暦: 1975、S50、昭和50年度）",
     "built fiscal year (1975, S50, 昭和50年度)"},
    {"floors", "階数", A("地上階数"), INV_T_COUNT, 0, 0, 200, "階", "階数", "number of floors"},
    {"seismic", "耐震", A("耐震性", "耐震区分"), INV_T_CHOICE, VOCAB_SEISMIC, 0, 0, NULL,
     "新耐震／旧耐震・補強済／旧耐震・未補強／不明",
     "new / old_retrofitted / old_unretrofitted / unknown"},
    {"renovated_year", "大規模改修年度", A("改修年度"), INV_T_YEAR, 0, 0, 0, "年度",
     "直近の大規模改修の年度", "fiscal year of the last major renovation"},
    {"roof", "屋根・屋上", A("屋根", "屋上"), INV_T_GRADE, 0, 0, 0, NULL,
     "劣化状況 A〜D（屋根・屋上）", "condition grade A-D (roof)"},
    {"exterior", "外壁", NULL, INV_T_GRADE, 0, 0, 0, NULL, "劣化状況 A〜D（外壁）",
     "condition grade A-D (exterior walls)"},
    {"interior", "内部仕上", A("内部仕上げ", "内装"), INV_T_GRADE, 0, 0, 0, NULL,
     "劣化状況 A〜D（内部仕上）", "condition grade A-D (interior finishes)"},
    {"electrical", "電気設備", NULL, INV_T_GRADE, 0, 0, 0, NULL, "劣化状況 A〜D（電気設備）",
     "condition grade A-D (electrical)"},
    {"mechanical", "機械設備", NULL, INV_T_GRADE, 0, 0, 0, NULL, "劣化状況 A〜D（機械設備）",
     "condition grade A-D (mechanical)"},
};

static const struct inv_column inv_usage_cols[] = {
    {"fiscal_year", "年度", A("会計年度"), INV_T_YEAR, 0, REQ, 0, "年度", "実績の年度",
     "fiscal year of the figures"},
    {"facility_id", "施設番号", A("施設コード", "施設ID", "施設No"), INV_T_ID, 0, REQ, 0, NULL,
     "施設番号", "facility id"},
    {"users", "利用者数", A("年間利用者数"), INV_T_COUNT, 0, 0, 0, "人", "年間の利用者数",
     "users in the year"},
    {"utilization_pct", "稼働率", A("利用率"), INV_T_PCT, 0, 0, 0, "%", "稼働率（0〜100）",
     "utilization (0-100)"},
    {"operating_days", "開館日数", A("稼働日数"), INV_T_COUNT, 0, 0, 366, "日", "開館日数",
     "days open"},
    {"revenue_yen", "使用料等収入", A("使用料収入", "収入"), INV_T_YEN, 0, 0, 0, "円",
     "使用料・利用料金等の収入", "fees and other revenue"},
    {"personnel_yen", "人件費", NULL, INV_T_YEN, 0, 0, 0, "円", "人件費", "personnel"},
    {"utilities_yen", "光熱水費", NULL, INV_T_YEN, 0, 0, 0, "円", "光熱水費", "utilities"},
    {"maintenance_yen", "維持管理費", NULL, INV_T_YEN, 0, 0, 0, "円",
     "維持管理費（点検・清掃・警備等）", "maintenance (inspection, cleaning, security)"},
    {"repair_yen", "修繕費", NULL, INV_T_YEN, 0, 0, 0, "円", "修繕費", "repairs"},
    {"outsourcing_yen", "委託料・指定管理料", A("委託料", "指定管理料"), INV_T_YEN, 0, 0, 0, "円",
     "委託料・指定管理料", "outsourcing and designated-manager fees"},
    {"other_yen", "その他", A("その他経費"), INV_T_YEN, 0, 0, 0, "円", "その他の経費",
     "other costs"},
};

static const struct inv_column inv_policy_cols[] = {
    {"facility_id", "施設番号", A("施設コード", "施設ID", "施設No"), INV_T_ID, 0, REQ, 0, NULL,
     "方針を定める施設の施設番号", "facility the policy is for"},
    {"decision", "方針", A("仕分け", "方向性"), INV_T_CHOICE, VOCAB_DECISION, REQ, 0, NULL,
     "維持／改修／建替／売却／貸付（英語キーも可）",
     "keep / repair / rebuild / sell / lease (Japanese too)"},
    {"reason", "理由", A("備考"), INV_T_TEXT, 0, 0, 0, NULL, "方針の理由（評価結果に表示）",
     "why (shown with the result)"},
    {"target_year", "実施年度", A("実施予定年度"), INV_T_YEAR, 0, INV_PLAN_YEAR, 0, "年度",
     "方針を実施する年度（縮減シナリオでは売却・貸付の施設がこの年度に抜ける）",
     "fiscal year the policy takes effect (a reduction scenario's exit year)"},
};

struct inv_spec {
    const char *file;
    const struct inv_column *cols;
    size_t ncols;
};

static const struct inv_spec inv_specs[INV__FILES] = {
    [INV_FACILITIES] = {"facilities.csv", inv_facility_cols,
                        sizeof inv_facility_cols / sizeof inv_facility_cols[0]},
    [INV_BUILDINGS] = {"buildings.csv", inv_building_cols,
                       sizeof inv_building_cols / sizeof inv_building_cols[0]},
    [INV_USAGE] = {"usage.csv", inv_usage_cols, sizeof inv_usage_cols / sizeof inv_usage_cols[0]},
    [INV_POLICY] = {"policy.csv", inv_policy_cols,
                    sizeof inv_policy_cols / sizeof inv_policy_cols[0]},
};

_Static_assert(sizeof inv_building_cols / sizeof inv_building_cols[0] <= INV_MAX_COLUMNS,
               "raise INV_MAX_COLUMNS");

static const char *const inv_area_units[] = {"㎡", "m2", "m²", "平米", "平方メートル", NULL};
static const char *const inv_yen_units[] = {"円", NULL};
static const char *const inv_pct_units[] = {"%", NULL};
static const char *const inv_count_units[] = {"人", "日", "階", "件", "回", NULL};

/* ---- public: tables ---- */

const char *
inventory_file_name(enum inv_file f)
{
    return (unsigned)f < INV__FILES ? inv_specs[f].file : "?";
}

size_t
inventory_columns(enum inv_file f, const struct inv_column **cols)
{
    *cols = inv_specs[f].cols;
    return inv_specs[f].ncols;
}

int
inventory_column_index(enum inv_file f, const char *key)
{
    size_t i;

    if ((unsigned)f >= INV__FILES)
        return -1;
    for (i = 0; i < inv_specs[f].ncols; i++)
        if (strcmp(inv_specs[f].cols[i].key, key) == 0)
            return (int)i;
    return -1;
}

int
inventory_id_column(enum inv_file f)
{
    return f == INV_USAGE ? INV_U_FACILITY : f == INV_POLICY ? INV_P_FACILITY : 0;
}

int
inventory_facility_column(enum inv_file f)
{
    return f == INV_FACILITIES  ? INV_F_ID
           : f == INV_BUILDINGS ? INV_B_FACILITY
           : f == INV_USAGE     ? INV_U_FACILITY
                                : INV_P_FACILITY;
}

/* ---- header ---- */

/* Key of a header: folded and keyed like vocabularies, without a trailing
 * unit in brackets ("延床面積（㎡）") or a required-mark ('*', '※'). */
static void
inv_header_key(const char *in, char *key, size_t size)
{
    char buf[512];
    char *p;

    text_fold(in, buf, sizeof buf);
    p = strchr(buf, '(');
    if (p && p != buf)
        *p = '\0';
    p = strstr(buf, "【");
    if (p && p != buf)
        *p = '\0';
    while ((p = strchr(buf, '*')) != NULL)
        memmove(p, p + 1, strlen(p + 1) + 1);
    while ((p = strstr(buf, "※")) != NULL)
        memmove(p, p + strlen("※"), strlen(p + strlen("※")) + 1);
    text_key(buf, key, size);
}

static int
inv_header_matches(const struct inv_column *c, const char *key)
{
    char k[256];
    const char *const *a;

    inv_header_key(c->key, k, sizeof k);
    if (strcmp(k, key) == 0)
        return 1;
    inv_header_key(c->ja, k, sizeof k);
    if (strcmp(k, key) == 0)
        return 1;
    for (a = c->aliases; a && *a; a++) {
        inv_header_key(*a, k, sizeof k);
        if (strcmp(k, key) == 0)
            return 1;
    }
    return 0;
}

long
inventory_map_header(enum inv_file f, const char *const *fields, size_t n, long line,
                     struct inv_header *h, struct diag *d)
{
    const struct inv_spec *s = &inv_specs[f];
    long errors = 0;
    size_t i, j;
    char num[32];

    memset(h, 0, sizeof *h);
    for (j = 0; j < INV_MAX_COLUMNS; j++)
        h->to_file[j] = h->to_file2[j] = -1;
    h->nfields = n;
    for (i = 0; i < n && i < sizeof h->to_spec / sizeof h->to_spec[0]; i++) {
        char key[256];
        int found = -1;

        h->to_spec[i] = -1;
        inv_header_key(fields[i], key, sizeof key);
        for (j = 0; j < s->ncols && key[0]; j++)
            if (inv_header_matches(&s->cols[j], key)) {
                found = (int)j;
                break;
            }
        if (found < 0) {
            if (!text_is_blank(fields[i]) || i + 1 < n)
                diag_add(d, DIAG_WARNING, DIAG_W_UNKNOWN_COLUMN, line, (int)i + 1, NULL, fields[i],
                         NULL);
            continue;
        }
        if (h->to_file[found] >= 0 && s->cols[found].type == INV_T_YEN && h->to_file2[found] < 0) {
            h->to_file2[found] = (int)i;
            h->to_spec[i] = found;
            snprintf(h->names2[found], sizeof h->names2[found], "%s", fields[i]);
            continue;
        }
        if (h->to_file[found] >= 0) {
            snprintf(num, sizeof num, "%d", h->to_file[found] + 1);
            diag_add(d, DIAG_ERROR, DIAG_DUP_COLUMN, line, (int)i + 1, NULL, fields[i], num);
            errors++;
            continue;
        }
        h->to_spec[i] = found;
        h->to_file[found] = (int)i;
        snprintf(h->names[found], sizeof h->names[found], "%s", fields[i]);
    }
    for (; i < n; i++)
        diag_add(d, DIAG_WARNING, DIAG_W_UNKNOWN_COLUMN, line, (int)i + 1, NULL, fields[i], NULL);
    for (j = 0; j < s->ncols; j++) {
        if (h->to_file[j] < 0)
            snprintf(h->names[j], sizeof h->names[j], "%s", s->cols[j].ja);
        if (h->to_file[j] < 0 && (s->cols[j].flags & INV_REQUIRED)) {
            char both[160];

            snprintf(both, sizeof both, "%s (%s)", s->cols[j].ja, s->cols[j].key);
            diag_add(d, DIAG_ERROR, DIAG_MISSING_COLUMN, line, 0, NULL, both, NULL);
            errors++;
        }
    }
    return errors;
}

/* ---- rows ---- */

struct inv_cell {
    struct diag *d;
    long line;
    int column;       /* 1-based file column */
    const char *name; /* header as written */
    const char *raw;
};

static void
inv_error(const struct inv_cell *c, enum diag_code code, const char *detail)
{
    diag_add(c->d, DIAG_ERROR, code, c->line, c->column, c->name, c->raw, detail);
}

/* Converts one number cell; returns 0 or 1 error. */
static long
inv_number(const struct inv_cell *c, const struct inv_column *col, struct inv_value *v)
{
    const char *const *units = NULL;
    const char *unit_list = "";
    enum text_status st;
    char range[64];

    switch (col->type) {
    case INV_T_AREA:
        units = inv_area_units;
        unit_list = "㎡, m2";
        break;
    case INV_T_YEN:
        units = inv_yen_units;
        unit_list = "円";
        break;
    case INV_T_PCT:
        units = inv_pct_units;
        unit_list = "%";
        break;
    default:
        units = inv_count_units;
        unit_list = "人, 日, 階";
        break;
    }
    st = text_parse_number(c->raw, units, &v->num);
    if (st == TEXT_BAD_UNIT) {
        inv_error(c, DIAG_BAD_UNIT, unit_list);
        return 1;
    }
    if (st != TEXT_OK) {
        inv_error(c, DIAG_NOT_NUMBER, NULL);
        return 1;
    }
    if (v->num < 0) {
        inv_error(c, DIAG_NEGATIVE, NULL);
        return 1;
    }
    if ((col->flags & INV_POSITIVE) && v->num == 0) {
        inv_error(c, DIAG_ZERO_AREA, NULL);
        return 1;
    }
    if (col->type == INV_T_COUNT && v->num != floor(v->num)) {
        inv_error(c, DIAG_NOT_INTEGER, NULL);
        return 1;
    }
    if (col->type == INV_T_PCT && v->num > 100) {
        inv_error(c, DIAG_OUT_OF_RANGE, "0–100");
        return 1;
    }
    {
        /* bounds keep every value exact in a double and in SQLite's
         * integers: a count above 10^12 or an amount above 10^15 yen is a
         * typing error, not a facility */
        double max = col->max > 0               ? col->max
                     : col->type == INV_T_COUNT ? 1e12
                     : col->type == INV_T_AREA  ? 1e9
                                                : 1e15;

        if (v->num > max) {
            snprintf(range, sizeof range, "0–%.0f", max);
            inv_error(c, DIAG_OUT_OF_RANGE, range);
            return 1;
        }
    }
    v->present = 1;
    return 0;
}

/* Converts one year cell, checking it against Y0 and 1868. */
static long
inv_year(const struct inv_cell *c, unsigned flags, int base_year, struct inv_value *v)
{
    char num[32];
    int y;

    if (text_parse_year(c->raw, &y) != TEXT_OK) {
        inv_error(c, DIAG_BAD_YEAR, NULL);
        return 1;
    }
    if (flags & INV_PLAN_YEAR) {
        /* a plan's year: from the base year to the end of any horizon */
        if (y < base_year || y > base_year + 99) {
            snprintf(num, sizeof num, "%d–%d", base_year, base_year + 99);
            inv_error(c, DIAG_OUT_OF_RANGE, num);
            return 1;
        }
        v->num = y;
        v->present = 1;
        return 0;
    }
    if (y > base_year) {
        snprintf(num, sizeof num, "%d", base_year);
        inv_error(c, DIAG_YEAR_FUTURE, num);
        return 1;
    }
    if (y < INV_EARLIEST_YEAR) {
        snprintf(num, sizeof num, "%d", INV_EARLIEST_YEAR);
        inv_error(c, DIAG_YEAR_EARLY, num);
        return 1;
    }
    v->num = y;
    v->present = 1;
    return 0;
}

static long
inv_choice(const struct inv_cell *c, const struct inv_column *col, struct inv_value *v)
{
    const struct vocab_entry *e = vocab_find((enum vocab_kind)col->vocab, c->raw);
    char allowed[512];

    if (!e) {
        if (col->vocab == VOCAB_CATEGORY) {
            inv_error(c, DIAG_UNKNOWN_CATEGORY, NULL);
        } else {
            vocab_allowed((enum vocab_kind)col->vocab, c->d->lang, allowed, sizeof allowed);
            inv_error(c, DIAG_BAD_CHOICE, allowed);
        }
        return 1;
    }
    v->text = e->code;
    v->present = 1;
    return 0;
}

/* Trims ASCII and ideographic white space around s in place; returns s. */
static char *
inv_trim(char *s)
{
    size_t n;

    while (
        *s == ' ' || *s == '\t' ||
        ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80))
        s += *s == ' ' || *s == '\t' ? 1 : 3;
    n = strlen(s);
    for (;;) {
        if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
            n--;
        else if (n >= 3 && (unsigned char)s[n - 3] == 0xE3 && (unsigned char)s[n - 2] == 0x80 &&
                 (unsigned char)s[n - 1] == 0x80)
            n -= 3;
        else
            break;
    }
    s[n] = '\0';
    return s;
}

/* Rules across cells of one row. */
static long
inv_row_rules(enum inv_file f, const struct inv_header *h, char **fields, long line,
              struct inv_value *out, struct diag *d)
{
    long errors = 0;
    char num[32];

    if (f == INV_BUILDINGS) {
        const int area = INV_B_AREA, built = INV_B_BUILT, renov = INV_B_RENOVATED;

        if (out[area].present && out[area].num > INV_AREA_WARN_M2)
            diag_add(d, DIAG_WARNING, DIAG_W_AREA_LARGE, line, h->to_file[area] + 1, h->names[area],
                     fields[h->to_file[area]], "200,000");
        if (out[built].present && out[built].num < INV_BUILT_WARN_YEAR) {
            snprintf(num, sizeof num, "%d", INV_BUILT_WARN_YEAR);
            diag_add(d, DIAG_WARNING, DIAG_W_BUILT_EARLY, line, h->to_file[built] + 1,
                     h->names[built], fields[h->to_file[built]], num);
        }
        if (out[built].present && out[renov].present && out[renov].num < out[built].num) {
            snprintf(num, sizeof num, "%.0f", out[built].num);
            diag_add(d, DIAG_ERROR, DIAG_RENOVATED_EARLY, line, h->to_file[renov] + 1,
                     h->names[renov], fields[h->to_file[renov]], num);
            out[renov].present = 0;
            errors++;
        }
    }
    if (f == INV_FACILITIES) {
        const int cat = INV_F_CATEGORY, sub = INV_F_SUBCATEGORY, st = INV_F_STATUS;

        /* the comparison group defaults to the category's own name */
        if (!out[sub].present && out[cat].present) {
            const struct vocab_entry *e = vocab_find(VOCAB_CATEGORY, out[cat].text);

            out[sub].text = e ? e->ja : out[cat].text;
            out[sub].present = 1;
        }
        if (!out[st].present) {
            out[st].text = vocab_at(VOCAB_STATUS, 0)->code;
            out[st].present = 1;
        }
    }
    return errors;
}

long
inventory_convert_row(enum inv_file f, const struct inv_header *h, char **fields, size_t n,
                      long line, int base_year, struct inv_value *out, struct diag *d)
{
    const struct inv_spec *s = &inv_specs[f];
    long errors = 0;
    size_t j;

    for (j = 0; j < s->ncols; j++) {
        const struct inv_column *col = &s->cols[j];
        struct inv_value *v = &out[j];
        struct inv_cell c;
        int fc = h->to_file[j];
        char *raw;

        memset(v, 0, sizeof *v);
        if (fc < 0 || (size_t)fc >= n)
            continue;
        raw = inv_trim(fields[fc]);
        c.d = d;
        c.line = line;
        c.column = fc + 1;
        c.name = h->names[j];
        c.raw = raw;
        if (raw[0] == '\0' || text_is_blank(raw)) {
            if (col->flags & INV_REQUIRED) {
                inv_error(&c, DIAG_MISSING_VALUE, NULL);
                errors++;
            }
            continue;
        }
        switch (col->type) {
        case INV_T_ID:
            text_fold(raw, raw, strlen(raw) + 1); /* "Ｆ０１" is "F01" */
            v->text = raw;
            v->present = 1;
            break;
        case INV_T_TEXT: {
            char *r = raw, *w = raw;

            /* a line break inside a cell is LF, as Excel stores it, even
             * when the file's lines end in CRLF */
            for (; *r; r++)
                if (!(r[0] == '\r' && r[1] == '\n'))
                    *w++ = *r;
            *w = '\0';
            v->text = raw;
            v->present = 1;
            break;
        }
        case INV_T_CHOICE:
            errors += inv_choice(&c, col, v);
            break;
        case INV_T_AREA:
        case INV_T_YEN:
        case INV_T_COUNT:
        case INV_T_PCT:
            errors += inv_number(&c, col, v);
            break;
        case INV_T_YEAR:
            errors += inv_year(&c, col->flags, base_year, v);
            break;
        case INV_T_GRADE: {
            static const char *const grades[] = {"A", "B", "C", "D"};
            char g;

            if (text_parse_grade(raw, &g) != TEXT_OK) {
                inv_error(&c, DIAG_BAD_GRADE, NULL);
                errors++;
                break;
            }
            v->text = grades[g - 'A'];
            v->present = 1;
            break;
        }
        }
    }
    /* yen columns given twice: the second one adds to the first */
    for (j = 0; j < s->ncols; j++) {
        int fc = h->to_file2[j];
        struct inv_value extra = {0, 0, NULL};
        struct inv_cell c;

        if (fc < 0 || (size_t)fc >= n)
            continue;
        c.d = d;
        c.line = line;
        c.column = fc + 1;
        c.name = h->names2[j];
        c.raw = inv_trim(fields[fc]);
        if (text_is_blank(c.raw))
            continue;
        if (inv_number(&c, &s->cols[j], &extra)) {
            errors++;
            continue;
        }
        out[j].num += extra.num;
        out[j].present = 1;
    }
    return errors + inv_row_rules(f, h, fields, line, out, d);
}
