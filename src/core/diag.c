/* diag.c - counting, formatting and printing data diagnostics. */
#include "koyu/core/diag.h"

#include <string.h>

#include "koyu/core/msg.h"

#include "koyu/core/text.h"

struct diag_text {
    const char *key;  /* stable id stored in the database */
    enum msg_id text; /* the catalog's text; "{}" is replaced by the item's detail */
};

static const struct diag_text diag_texts[] = {
    [DIAG_FILE_MISSING] = {"file_missing", MSG_D_FILE_MISSING},
    [DIAG_FILE_UNREADABLE] = {"file_unreadable", MSG_D_FILE_UNREADABLE},
    [DIAG_EMPTY_FILE] = {"empty_file", MSG_D_EMPTY_FILE},
    [DIAG_NO_ROWS] = {"no_rows", MSG_D_NO_ROWS},
    [DIAG_BAD_BYTES] = {"bad_bytes", MSG_D_BAD_BYTES},
    [DIAG_UNTERMINATED] = {"unterminated_quote", MSG_D_UNTERMINATED},
    [DIAG_CSV_SYNTAX] = {"csv_syntax", MSG_D_CSV_SYNTAX},
    [DIAG_FIELD_TOO_LONG] = {"field_too_long", MSG_D_FIELD_TOO_LONG},
    [DIAG_RAGGED] = {"ragged_row", MSG_D_RAGGED},
    [DIAG_MISSING_COLUMN] = {"missing_column", MSG_D_MISSING_COLUMN},
    [DIAG_DUP_COLUMN] = {"duplicate_column", MSG_D_DUP_COLUMN},
    [DIAG_MISSING_VALUE] = {"missing_value", MSG_D_MISSING_VALUE},
    [DIAG_NOT_NUMBER] = {"not_number", MSG_D_NOT_NUMBER},
    [DIAG_NOT_INTEGER] = {"not_integer", MSG_D_NOT_INTEGER},
    [DIAG_BAD_UNIT] = {"bad_unit", MSG_D_BAD_UNIT},
    [DIAG_NEGATIVE] = {"negative", MSG_D_NEGATIVE},
    [DIAG_ZERO_AREA] = {"zero_area", MSG_D_ZERO_AREA},
    [DIAG_BAD_YEAR] = {"bad_year", MSG_D_BAD_YEAR},
    [DIAG_YEAR_FUTURE] = {"year_in_future", MSG_D_YEAR_FUTURE},
    [DIAG_YEAR_EARLY] = {"year_too_early", MSG_D_YEAR_EARLY},
    [DIAG_RENOVATED_EARLY] = {"renovated_before_built", MSG_D_RENOVATED_EARLY},
    [DIAG_OUT_OF_RANGE] = {"out_of_range", MSG_D_OUT_OF_RANGE},
    [DIAG_BAD_GRADE] = {"bad_grade", MSG_D_BAD_GRADE},
    [DIAG_UNKNOWN_CATEGORY] = {"unknown_category", MSG_D_UNKNOWN_CATEGORY},
    [DIAG_BAD_CHOICE] = {"bad_choice", MSG_D_BAD_CHOICE},
    [DIAG_DUP_ID] = {"duplicate_id", MSG_D_DUP_ID},
    [DIAG_UNKNOWN_FACILITY] = {"unknown_facility", MSG_D_UNKNOWN_FACILITY},
    [DIAG_PARAM_UNKNOWN] = {"param_unknown", MSG_D_PARAM_UNKNOWN},
    [DIAG_PARAM_VALUE] = {"param_value", MSG_D_PARAM_VALUE},
    [DIAG_PARAM_SYNTAX] = {"param_syntax", MSG_D_PARAM_SYNTAX},
    [DIAG_PARAM_RENAMED] = {"param_renamed", MSG_D_PARAM_RENAMED},
    [DIAG_W_UNKNOWN_COLUMN] = {"unknown_column", MSG_D_W_UNKNOWN_COLUMN},
    [DIAG_W_AREA_LARGE] = {"area_implausible", MSG_D_W_AREA_LARGE},
    [DIAG_W_BUILT_EARLY] = {"built_implausible", MSG_D_W_BUILT_EARLY},
    [DIAG_W_NO_BUILDINGS] = {"no_buildings", MSG_D_W_NO_BUILDINGS},
    [DIAG_W_NO_USAGE] = {"no_usage", MSG_D_W_NO_USAGE},
    [DIAG_W_NO_USAGE_FILE] = {"no_usage_file", MSG_D_W_NO_USAGE_FILE},
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
        msg_print(d->out, d->lang, more_e > 1 ? MSG_D_MORE_ERRORS : MSG_D_MORE_ERRORS_1, d->file,
                  more_e);
    if (more_w > 0)
        msg_print(d->out, d->lang, more_w > 1 ? MSG_D_MORE_WARNINGS : MSG_D_MORE_WARNINGS_1,
                  d->file, more_w);
}

char *
diag_format(const struct diag_item *it, enum koyu_lang lang, char *buf, size_t size)
{
    const struct diag_text *t = &diag_texts[it->code];
    const char *tmpl = msg(lang, t->text);
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
        msg_format(num, sizeof num, lang, MSG_D_COLUMN_NO, it->column);
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
            tag = msg(d->lang, MSG_D_WARNING_TAG);
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
diag_code_has_detail(enum diag_code code)
{
    return (unsigned)code < DIAG__COUNT && strstr(msg(KOYU_LANG_EN, diag_texts[code].text), "{}");
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
