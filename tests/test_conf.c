/* test_conf.c - the "key = value" parser of lcc.conf and scenario files. */
#include <stdio.h>
#include <string.h>

#include "koyu/core/conf.h"
#include "testlib.h"

struct seen {
    char text[1024];
};

static long
on_line(void *ctx, const struct conf_line *l)
{
    struct seen *s = ctx;
    size_t n = strlen(s->text);

    snprintf(s->text + n, sizeof s->text - n, "%ld[%s][%s][%s][%s]", l->line, l->key, l->value,
             l->raw, l->comment);
    return strcmp(l->key, "bad") == 0;
}

static long
parse(const char *text, size_t len, struct seen *s, char *msgs, size_t size)
{
    FILE *out = fmemopen(msgs, size, "w");
    struct diag d;
    long n;

    memset(s, 0, sizeof *s);
    diag_init(&d, out, KOYU_LANG_EN, 100);
    diag_begin_file(&d, "x.conf");
    n = conf_parse(text, len, &d, on_line, s);
    diag_end_file(&d);
    fclose(out);
    return n;
}

static void
test_conf_lines(void)
{
    static const char text[] = "# a comment\n\n  ｋｅｙ ＝ 12 # [V] source\r\n"
                               "title = （全角） \nbad = 1\nno equals sign\n";
    struct seen s;
    char msgs[1024] = "";

    CHECK(parse(text, sizeof text - 1, &s, msgs, sizeof msgs) == 2);
    /* folded keys and values; the raw value only trimmed; the comment kept */
    CHECK(strstr(s.text, "3[key][12][12][[V] source]") != NULL);
    CHECK(strstr(s.text, "4[title][(全角)][（全角）][]") != NULL);
    CHECK(strstr(msgs, "x.conf:6") != NULL && strstr(msgs, "no equals sign") != NULL);
}

static void
test_conf_bad_bytes(void)
{
    static const char nul[] = "horizon_years = 4\0"
                              "0\nnext = 1\n";
    char longline[700], msgs[1024] = "";
    struct seen s;

    /* a NUL is an error, never a value cut short; the next line still reads */
    CHECK(parse(nul, sizeof nul - 1, &s, msgs, sizeof msgs) == 1);
    CHECK(strstr(s.text, "horizon_years") == NULL && strstr(s.text, "2[next][1]") != NULL);
    CHECK(strstr(msgs, "x.conf:1") != NULL && strstr(msgs, "NUL") != NULL);
    memset(longline, 'a', sizeof longline);
    memcpy(longline, "key = ", 6);
    CHECK(parse(longline, sizeof longline, &s, msgs, sizeof msgs) == 1);
    CHECK(s.text[0] == '\0');
    /* a value that would be cut short (256 bytes and more) is an error too */
    memset(longline, 'a', 300);
    memcpy(longline, "title = ", 8);
    longline[270] = '\n';
    CHECK(parse(longline, 271, &s, msgs, sizeof msgs) == 1);
    CHECK(s.text[0] == '\0' && strstr(msgs, "255 bytes") != NULL);
}

static void
test_conf_bool(void)
{
    static const char *const yes[] = {"yes", "はい", "true", "1", "YES"};
    static const char *const no[] = {"no", "いいえ", "false", "0"};
    size_t k;
    int v;

    for (k = 0; k < sizeof yes / sizeof yes[0]; k++)
        CHECK(conf_bool(yes[k], &v) == 0 && v == 1);
    for (k = 0; k < sizeof no / sizeof no[0]; k++)
        CHECK(conf_bool(no[k], &v) == 0 && v == 0);
    CHECK(conf_bool("maybe", &v) == -1);
    CHECK(conf_bool(NULL, &v) == -1);
}

void
suite_conf(void)
{
    RUN(test_conf_lines);
    RUN(test_conf_bad_bytes);
    RUN(test_conf_bool);
}
