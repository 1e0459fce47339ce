/* test_loader.c - CSV reading: encodings, quoting, lines, broken input. */
#include <stdio.h>
#include <stdlib.h>

#include "koyu/inventory/loader.h"
#include "testlib.h"

/* What the loader handed on, flattened: "line:f1|f2|f3" per record. */
struct got {
    char text[4096];
    int broken;
};

static int
collect(void *ctx, long line, char **fields, size_t n, int broken)
{
    struct got *g = ctx;
    size_t i, len = strlen(g->text);

    if (broken) {
        g->broken++;
        return 0;
    }
    len += (size_t)snprintf(g->text + len, sizeof g->text - len, "%ld:", line);
    for (i = 0; i < n; i++)
        len +=
            (size_t)snprintf(g->text + len, sizeof g->text - len, "%s%s", i ? "|" : "", fields[i]);
    snprintf(g->text + len, sizeof g->text - len, "\n");
    return 0;
}

/* Items the diag received, as "line:column:key" lines. */
struct seen {
    char text[2048];
};

static int
remember(void *ctx, const struct diag_item *it)
{
    struct seen *s = ctx;
    size_t len = strlen(s->text);

    snprintf(s->text + len, sizeof s->text - len, "%ld:%d:%s\n", it->line, it->column,
             diag_code_key(it->code));
    return 0;
}

static void
load(const char *data, size_t n, enum loader_encoding enc, struct got *g, struct seen *s,
     struct loader_info *info)
{
    struct diag d;

    memset(g, 0, sizeof *g);
    memset(s, 0, sizeof *s);
    diag_init(&d, NULL, KOYU_LANG_EN, 100);
    d.sink = remember;
    d.sink_ctx = s;
    diag_begin_file(&d, "t.csv");
    CHECK(loader_read_memory(data, n, enc, collect, g, &d, info) == KOYU_OK);
}

#define LOAD(lit, g, s, info) load(lit, sizeof lit - 1, LOADER_ENC_AUTO, g, s, info)

static void
test_bom_crlf(void)
{
    struct got g;
    struct seen s;
    struct loader_info info;

    LOAD("\xEF\xBB\xBFid,name\r\n1,a\r\n2,b\r\n", &g, &s, &info);
    CHECK_STR(g.text, "1:id|name\n2:1|a\n3:2|b\n");
    CHECK_STR(s.text, "");
    CHECK(info.bom == 1 && info.encoding == LOADER_ENC_UTF8);
    CHECK(info.records == 2);
    CHECK(info.bytes == 22);
}

static void
test_quotes_and_lines(void)
{
    struct got g;
    struct seen s;
    struct loader_info info;

    /* a quoted newline moves later records' lines down; blank lines and
     * rows of bare commas are skipped but counted */
    LOAD("id,name\n1,\"a, b\"\n2,\"two\nlines\"\n\n,\n3,\"say \"\"hi\"\"\"\n4,last", &g, &s, &info);
    CHECK_STR(g.text, "1:id|name\n2:1|a, b\n3:2|two\nlines\n7:3|say \"hi\"\n8:4|last\n");
    CHECK_STR(s.text, "");
}

static void
test_sha256(void)
{
    struct got g;
    struct seen s;
    struct loader_info info;

    LOAD("abc", &g, &s, &info);
    CHECK_STR(info.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_cp932(void)
{
    /* "施設,名前\r\nF1,公民館\r\n" in CP932, plus half-width katakana ｱ */
    static const char data[] = "\x8E\x7B\x90\xDD,\x96\xBC\x91\x4F\r\n"
                               "F1,\x8C\xF6\x96\xAF\x8A\xD9\xB1\r\n";
    struct got g;
    struct seen s;
    struct loader_info info;

    LOAD(data, &g, &s, &info);
    CHECK(info.encoding == LOADER_ENC_CP932);
    CHECK_STR(g.text, "1:施設|名前\n2:F1|公民館ｱ\n");
    CHECK_STR(s.text, "");
    /* forcing UTF-8 on CP932 bytes reports them with line and column */
    load(data, sizeof data - 1, LOADER_ENC_UTF8, &g, &s, &info);
    CHECK_STR(s.text, "1:1:bad_bytes\n1:2:bad_bytes\n2:2:bad_bytes\n");
}

static void
test_broken_input(void)
{
    struct got g;
    struct seen s;
    struct loader_info info;

    LOAD("a,b\n1,2\n3,4,5\n6\n7,8\n", &g, &s, &info);
    CHECK_STR(g.text, "1:a|b\n2:1|2\n5:7|8\n");
    CHECK_STR(s.text, "3:0:ragged_row\n4:0:ragged_row\n");
    CHECK(g.broken == 2);

    LOAD("a,b\n1,x\"y\n2,ok\n", &g, &s, &info);
    CHECK_STR(s.text, "2:2:csv_syntax\n");
    CHECK_STR(g.text, "1:a|b\n3:2|ok\n"); /* resumes on the next line */

    LOAD("a,b\n1,\"open\n2,3\n", &g, &s, &info);
    CHECK_STR(s.text, "2:2:unterminated_quote\n");

    LOAD("a,b\n1,\xFF(\n", &g, &s, &info); /* invalid in UTF-8 and CP932 */
    CHECK_STR(s.text, "2:2:bad_bytes\n");

    LOAD("a,b\n1,x\0y\n", &g, &s, &info);
    CHECK_STR(s.text, "2:2:bad_bytes\n");

    LOAD("", &g, &s, &info);
    CHECK_STR(s.text, "0:0:empty_file\n");
    LOAD("\xEF\xBB\xBF\r\n", &g, &s, &info);
    CHECK_STR(s.text, "0:0:empty_file\n");
}

static void
test_huge_field(void)
{
    size_t n = LOADER_MAX_FIELD + 100, i;
    char *data = malloc(n + 16);
    struct got g;
    struct seen s;
    struct loader_info info;

    memcpy(data, "a,b\n1,\"", 7);
    for (i = 7; i < n; i++)
        data[i] = 'x';
    load(data, n, LOADER_ENC_AUTO, &g, &s, &info);
    CHECK_STR(s.text, "2:2:field_too_long\n");
    free(data);
}

/* Checks each record of the chunk test: line and content follow i. */
struct big {
    long next;
    long bad;
    int cp932;
};

static int
check_big(void *ctx, long line, char **fields, size_t n, int broken)
{
    struct big *b = ctx;
    char want[64];
    long i = b->next - 1;

    if (b->next++ == 0)
        return 0; /* header */
    snprintf(want, sizeof want, "公民館\n分館%ld", i);
    if (broken || n != 2 || line != 2 + 2 * i || strcmp(fields[1], want) != 0)
        b->bad++;
    return 0;
}

static void
test_chunk_boundaries(void)
{
    /* a file of several read chunks with multi-byte characters everywhere,
     * in UTF-8 and in CP932: records and line numbers survive chunk edges */
    static const char utf8[] = "公民館\n分館";
    static const char sjis[] = "\x8C\xF6\x96\xAF\x8A\xD9\n\x95\xAA\x8A\xD9";
    long rows = 150000, i;
    int pass;

    for (pass = 0; pass < 2; pass++) {
        const char *name = pass ? sjis : utf8;
        char *data = malloc((size_t)rows * 48 + 64);
        size_t len = 0;
        struct big b = {0, 0, pass};
        struct loader_info info;
        struct diag d;

        len += (size_t)sprintf(data + len, "id,name\n");
        for (i = 0; i < rows; i++)
            len += (size_t)sprintf(data + len, "%ld,\"%s%ld\"\n", i, name, i);
        diag_init(&d, NULL, KOYU_LANG_EN, 10);
        diag_begin_file(&d, "big.csv");
        CHECK(loader_read_memory(data, len, LOADER_ENC_AUTO, check_big, &b, &d, &info) == KOYU_OK);
        CHECK(len > 3 * 1024 * 1024);
        CHECK(info.encoding == (pass ? LOADER_ENC_CP932 : LOADER_ENC_UTF8));
        CHECK(b.next == rows + 1);
        CHECK(b.bad == 0);
        CHECK(d.errors == 0);
        free(data);
    }
}

static void
test_review_cases(void)
{
    struct got g;
    struct seen s;
    struct loader_info info;
    size_t n = 300000, i;
    char *data = malloc(n + 64);

    /* a field over the limit on one line: reported, the rest goes on */
    memcpy(data, "a,b\n1,", 6);
    for (i = 6; i < n; i++)
        data[i] = 'x';
    memcpy(data + n, "\n2,ok\n", 7);
    load(data, n + 7, LOADER_ENC_AUTO, &g, &s, &info);
    CHECK_STR(s.text, "2:2:field_too_long\n");
    CHECK_STR(g.text, "1:a|b\n3:2|ok\n");
    CHECK(g.broken == 1);
    free(data);
    /* lines ending in CR alone (old Mac exports) are counted */
    LOAD("a,b\r1,x\r2,\xFF\r", &g, &s, &info);
    CHECK_STR(g.text, "1:a|b\n2:1|x\n");
    CHECK_STR(s.text, "3:2:bad_bytes\n");
    /* UTF-8 Japanese with one stray byte stays UTF-8: the byte is reported,
     * nothing is read as Shift_JIS mojibake */
    LOAD("id,name\nF1,中央公民館\nF2,図書館\xA5\nF3,体育館\n", &g, &s, &info);
    CHECK(info.encoding == LOADER_ENC_UTF8);
    CHECK_STR(s.text, "3:2:bad_bytes\n");
    CHECK_STR(g.text, "1:id|name\n2:F1|中央公民館\n4:F3|体育館\n");
}

void
suite_loader(void)
{
    RUN(test_bom_crlf);
    RUN(test_quotes_and_lines);
    RUN(test_sha256);
    RUN(test_cp932);
    RUN(test_broken_input);
    RUN(test_huge_field);
    RUN(test_chunk_boundaries);
    RUN(test_review_cases);
}
