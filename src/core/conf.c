/* conf.c - the "key = value" parser of lcc.conf and scenario files. */
#include "koyu/core/conf.h"

#include <string.h>

#include "koyu/core/text.h"
#include "koyu/core/vocab.h"

/* The value as written between '=' and the comment, trimmed of blanks. */
static void
conf_trim(const char *s, char *out, size_t size)
{
    size_t k;

    while (*s == ' ' || *s == '\t')
        s++;
    k = strlen(s);
    while (k && (s[k - 1] == ' ' || s[k - 1] == '\t' || s[k - 1] == '\r'))
        k--;
    if (k >= size)
        k = size - 1;
    memcpy(out, s, k);
    out[k] = '\0';
}

/* The first '=' of s, ASCII or full-width (＝); *len its bytes. */
static char *
conf_equals(char *s, size_t *len)
{
    char *a = strchr(s, '='), *w = strstr(s, "\xEF\xBC\x9D");

    if (w && (!a || w < a)) {
        *len = 3;
        return w;
    }
    *len = 1;
    return a;
}

long
conf_parse(const char *text, size_t len, struct diag *d, conf_line_fn fn, void *ctx)
{
    const char *line = text, *end = text + len;
    long lineno = 0, errors = 0;

    while (line < end) {
        const char *start = line, *nl = memchr(line, '\n', (size_t)(end - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
        char buf[CONF_MAX_LINE + 1], key[256], value[256], raw[256], comment[256] = "";
        struct conf_line l;
        char *hash, *eq;
        size_t eqlen;

        lineno++;
        line = nl ? nl + 1 : end;
        if (n > CONF_MAX_LINE) {
            diag_add(d, DIAG_ERROR, DIAG_PARAM_SYNTAX, lineno, 0, NULL, "(> 511 bytes)", NULL);
            errors++;
            continue;
        }
        memcpy(buf, start, n);
        buf[n] = '\0';
        if (strlen(buf) != n) {
            /* a NUL would cut the value short: "4\0" "0" must not read as 4 */
            diag_add(d, DIAG_ERROR, DIAG_PARAM_SYNTAX, lineno, 0, NULL, "(NUL byte)", NULL);
            errors++;
            continue;
        }
        hash = strchr(buf, '#');
        if (hash) {
            text_fold(hash + 1, comment, sizeof comment);
            *hash = '\0';
        }
        if (text_is_blank(buf))
            continue;
        eq = conf_equals(buf, &eqlen);
        if (!eq) {
            text_fold(buf, value, sizeof value);
            diag_add(d, DIAG_ERROR, DIAG_PARAM_SYNTAX, lineno, 0, NULL, value, NULL);
            errors++;
            continue;
        }
        *eq = '\0';
        if (strlen(buf) >= sizeof key || strlen(eq + eqlen) >= sizeof value) {
            /* a key or value cut short would be another key or value */
            diag_add(d, DIAG_ERROR, DIAG_PARAM_SYNTAX, lineno, 0, NULL, "(> 255 bytes)", NULL);
            errors++;
            continue;
        }
        text_fold(buf, key, sizeof key);
        text_fold(eq + eqlen, value, sizeof value);
        conf_trim(eq + eqlen, raw, sizeof raw);
        l.line = lineno;
        l.key = key;
        l.value = value;
        l.raw = raw;
        l.comment = comment;
        errors += fn(ctx, &l);
    }
    return errors;
}

int
conf_bool(const char *value, int *out)
{
    const struct vocab_entry *e = value ? vocab_find(VOCAB_BOOL, value) : NULL;

    if (!e)
        return -1;
    *out = strcmp(e->code, "yes") == 0;
    return 0;
}
