/* diag.c - counting, formatting and printing data diagnostics. */
#include "koyu/core/diag.h"

#include <string.h>

#include "koyu/core/text.h"

struct diag_text {
    const char *key; /* stable id stored in the database */
    const char *en;  /* "{}" is replaced by the item's detail */
    const char *ja;
};

static const struct diag_text diag_texts[] = {
    [DIAG_FILE_MISSING] = {"file_missing", "file not found", "ファイルがありません"},
    [DIAG_FILE_UNREADABLE] = {"file_unreadable", "cannot be read: {}", "読み込めません: {}"},
    [DIAG_EMPTY_FILE] = {"empty_file", "file is empty (no header row)",
                         "ファイルが空です（見出し行がありません）"},
    [DIAG_NO_ROWS] = {"no_rows", "has a header row but no data rows",
                      "見出し行だけで、データの行がありません"},
    [DIAG_BAD_BYTES] = {"bad_bytes", "contains bytes that are not valid {}",
                        "に {} として不正なバイトがあります"},
    [DIAG_UNTERMINATED] = {"unterminated_quote", "quoted field is never closed (missing \")",
                           "引用符 \" で始まるフィールドが閉じられていません"},
    [DIAG_CSV_SYNTAX] = {"csv_syntax",
                         "malformed CSV: a quote \" inside a field must be "
                         "doubled and the field quoted",
                         "CSVの形式が不正です（フィールド内の \" は \"\" "
                         "と書き、フィールド全体を \" で囲みます）"},
    [DIAG_FIELD_TOO_LONG] = {"field_too_long", "field is longer than {} bytes",
                             "フィールドが {} バイトを超えています"},
    [DIAG_RAGGED] = {"ragged_row",
                     "row has a different number of fields than the header "
                     "({})",
                     "行の列数が見出し行と異なります（{}）"},
    [DIAG_MISSING_COLUMN] = {"missing_column", "required column is missing",
                             "必須の列がありません"},
    [DIAG_DUP_COLUMN] = {"duplicate_column", "column appears twice (first as column {})",
                         "列が重複しています（最初は {} 列目）"},
    [DIAG_MISSING_VALUE] = {"missing_value", "is empty but required", "が空です（必須項目）"},
    [DIAG_NOT_NUMBER] = {"not_number", "is not a number", "は数値ではありません"},
    [DIAG_NOT_INTEGER] = {"not_integer", "is not a whole number", "は整数ではありません"},
    [DIAG_BAD_UNIT] = {"bad_unit", "has a unit that does not fit (allowed: {})",
                       "の単位が不正です（使える単位: {}）"},
    [DIAG_NEGATIVE] = {"negative", "is negative", "が負の値です"},
    [DIAG_ZERO_AREA] = {"zero_area", "is 0: floor area must be greater than 0",
                        "が 0 です（延床面積は 0 より大きい値が必要です）"},
    [DIAG_BAD_YEAR] = {"bad_year", "is not a year (write 1975, S50, 昭和50年度, H2, R3)",
                       "は年度として読めません（1975、S50、昭和50年度、H2、R3 "
                       "のように記入）"},
    [DIAG_YEAR_FUTURE] = {"year_in_future", "is after the base year {}",
                          "が基準年度 {} より後です"},
    [DIAG_YEAR_EARLY] = {"year_too_early", "is before {}", "が {} 年より前です"},
    [DIAG_RENOVATED_EARLY] = {"renovated_before_built", "is before the built year {}",
                              "が建築年度 {} より前です"},
    [DIAG_OUT_OF_RANGE] = {"out_of_range", "is outside {}", "が範囲 {} の外です"},
    [DIAG_BAD_GRADE] = {"bad_grade", "is not a grade A, B, C or D",
                        "は A・B・C・D のいずれでもありません"},
    [DIAG_UNKNOWN_CATEGORY] = {"unknown_category",
                               "is not one of the 13 MIC categories "
                               "(市民文化系施設 … その他)",
                               "は総務省の13大分類（市民文化系施設〜その他）の"
                               "いずれでもありません"},
    [DIAG_BAD_CHOICE] = {"bad_choice", "is not an allowed value ({})",
                         "は使える値ではありません（{}）"},
    [DIAG_DUP_ID] = {"duplicate_id", "is a duplicate (first at line {})",
                     "が重複しています（最初は {} 行目）"},
    [DIAG_UNKNOWN_FACILITY] = {"unknown_facility", "is not a facility in facilities.csv",
                               "は facilities.csv にない施設番号です"},
    [DIAG_PARAM_UNKNOWN] = {"param_unknown", "is not a parameter koyu knows",
                            "は koyu のパラメータにありません"},
    [DIAG_PARAM_VALUE] = {"param_value", "is not a valid value (expected {})",
                          "は使えない値です（{}）"},
    [DIAG_PARAM_SYNTAX] = {"param_syntax", "is not a 'key = value' line",
                           "は「キー = 値」の形ではありません"},
    [DIAG_W_UNKNOWN_COLUMN] = {"unknown_column", "unknown column, ignored",
                               "不明な列のため読み飛ばしました"},
    [DIAG_W_AREA_LARGE] = {"area_implausible", "is over {} ㎡: please check",
                           "が {} ㎡ を超えています。確認してください"},
    [DIAG_W_BUILT_EARLY] = {"built_implausible", "is before {}: please check",
                            "が {} 年より前です。確認してください"},
    [DIAG_W_NO_BUILDINGS] = {"no_buildings", "has no buildings in buildings.csv",
                             "の棟が buildings.csv にありません"},
    [DIAG_W_NO_USAGE] = {"no_usage", "has no usage row for fiscal year {}",
                         "の {} 年度の利用・コストの行が usage.csv にありません"},
    [DIAG_W_NO_USAGE_FILE] = {"no_usage_file",
                              "file not found: running costs will be estimated "
                              "from floor area",
                              "ファイルがないため、運営コストは延床面積からの推計値に"
                              "なります"},
};

_Static_assert(sizeof diag_texts / sizeof diag_texts[0] == DIAG__COUNT,
               "diag_texts out of sync with enum diag_code");

/* ---- private ---- */

/* Appends at most n bytes of s to buf[*len..size), always NUL-terminating. */
static void
diag_append(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
    if (*len + 1 >= size)
        return;
    if (n > size - 1 - *len)
        n = size - 1 - *len;
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = '\0';
}

/* Appends value, cut at 80 bytes on a character boundary, with invalid
 * bytes and control characters shown as \xNN so the terminal stays sane. */
static void
diag_append_value(char *buf, size_t size, size_t *len, const char *value)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *s = (const unsigned char *)value;
    size_t n = strlen(value), i = 0, shown = 0;

    while (i < n) {
        size_t k = text_utf8_char_len(value + i, n - i);

        if (shown >= 80) {
            diag_append(buf, size, len, "…", strlen("…"));
            return;
        }
        if (k == 0 || (k == 1 && (s[i] < 0x20 || s[i] == 0x7F))) {
            char esc[4] = {'\\', 'x', hex[s[i] >> 4], hex[s[i] & 15]};

            diag_append(buf, size, len, esc, 4);
            i++;
            shown += 4;
            continue;
        }
        diag_append(buf, size, len, (const char *)s + i, k);
        i += k;
        shown += k;
    }
}

/* ---- public ---- */

void
diag_init(struct diag *d, FILE *out, enum koyu_lang lang, long cap)
{
    memset(d, 0, sizeof *d);
    d->out = out;
    d->lang = lang;
    d->cap = cap;
}

void
diag_begin_file(struct diag *d, const char *file)
{
    d->file = file;
    d->file_errors = 0;
    d->file_warnings = 0;
}

void
diag_end_file(struct diag *d)
{
    long more_e = d->file_errors - d->cap;
    long more_w = d->file_warnings - d->cap;

    if (!d->out || !d->file)
        return;
    if (more_e > 0)
        fprintf(d->out,
                d->lang == KOYU_LANG_EN ? "koyu: %s: %ld more error%s not shown\n"
                                        : "koyu: %s: ほかに %ld 件のエラー（表示省略）%s\n",
                d->file, more_e, d->lang == KOYU_LANG_EN && more_e > 1 ? "s" : "");
    if (more_w > 0)
        fprintf(d->out,
                d->lang == KOYU_LANG_EN ? "koyu: warning: %s: %ld more warning%s not shown\n"
                                        : "koyu: 警告: %s: ほかに %ld 件の警告（表示省略）%s\n",
                d->file, more_w, d->lang == KOYU_LANG_EN && more_w > 1 ? "s" : "");
}

char *
diag_format(const struct diag_item *it, enum koyu_lang lang, char *buf, size_t size)
{
    const struct diag_text *t = &diag_texts[it->code];
    const char *tmpl = lang == KOYU_LANG_EN ? t->en : t->ja;
    const char *hole = strstr(tmpl, "{}");
    size_t len = 0;
    char num[32];

    if (size == 0)
        return buf;
    buf[0] = '\0';
    if (it->file)
        diag_append(buf, size, &len, it->file, strlen(it->file));
    if (it->line > 0) {
        snprintf(num, sizeof num, ":%ld", it->line);
        diag_append(buf, size, &len, num, strlen(num));
    }
    diag_append(buf, size, &len, ": ", 2);
    if (it->column_name) {
        diag_append_value(buf, size, &len, it->column_name);
        diag_append(buf, size, &len, " ", 1);
    } else if (it->column > 0) {
        snprintf(num, sizeof num, lang == KOYU_LANG_EN ? "column %d " : "%d列目 ", it->column);
        diag_append(buf, size, &len, num, strlen(num));
    }
    if (it->value) {
        diag_append(buf, size, &len, "'", 1);
        diag_append_value(buf, size, &len, it->value);
        diag_append(buf, size, &len, "' ", 2);
    }
    /* Japanese reasons that start with a particle attach to the value. */
    if (lang == KOYU_LANG_JA && !it->value && !it->column_name && it->column == 0 &&
        (strncmp(tmpl, "に ", 4) == 0))
        tmpl += strlen("に ");
    if (hole) {
        diag_append(buf, size, &len, tmpl, (size_t)(hole - tmpl));
        if (it->detail)
            diag_append(buf, size, &len, it->detail, strlen(it->detail));
        diag_append(buf, size, &len, hole + 2, strlen(hole + 2));
    } else {
        diag_append(buf, size, &len, tmpl, strlen(tmpl));
    }
    return buf;
}

void
diag_report(struct diag *d, const struct diag_item *it)
{
    long *count = it->severity == DIAG_ERROR ? &d->file_errors : &d->file_warnings;
    char line[1024];

    if (it->severity == DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
    (*count)++;
    if (d->out && *count <= d->cap) {
        const char *tag = "";

        if (it->severity == DIAG_WARNING)
            tag = d->lang == KOYU_LANG_EN ? "warning: " : "警告: ";
        fprintf(d->out, "koyu: %s%s\n", tag, diag_format(it, d->lang, line, sizeof line));
    }
    if (d->sink && d->sink(d->sink_ctx, it) != 0)
        d->sink_failures++;
}

void
diag_add(struct diag *d, enum diag_severity sev, enum diag_code code, long line, int column,
         const char *column_name, const char *value, const char *detail)
{
    struct diag_item it = {
        .severity = sev,
        .code = code,
        .file = d->file,
        .line = line,
        .column = column,
        .column_name = column_name,
        .value = value,
        .detail = detail,
    };

    diag_report(d, &it);
}

const char *
diag_code_key(enum diag_code code)
{
    if ((unsigned)code >= DIAG__COUNT)
        return "unknown";
    return diag_texts[code].key;
}

int
diag_code_from_key(const char *key)
{
    int k;

    for (k = 0; key && k < DIAG__COUNT; k++)
        if (strcmp(diag_texts[k].key, key) == 0)
            return k;
    return -1;
}

enum diag_severity
diag_code_severity(enum diag_code code)
{
    return code >= DIAG_W_UNKNOWN_COLUMN ? DIAG_WARNING : DIAG_ERROR;
}
