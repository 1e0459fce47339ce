/* test_diag.c - message formats in both languages, caps and sinks. */
#include <stdio.h>

#include "koyu/core/diag.h"
#include "testlib.h"

static void
test_format(void)
{
    struct diag_item it = {DIAG_ERROR, DIAG_NOT_NUMBER, "buildings.csv", 17,
                           5,          "延床面積",      "12,3a",         NULL};
    char buf[512];
    int c;

    CHECK_STR(diag_format(&it, KOYU_LANG_EN, buf, sizeof buf),
              "buildings.csv:17: 延床面積 '12,3a' is not a number");
    CHECK_STR(diag_format(&it, KOYU_LANG_JA, buf, sizeof buf),
              "buildings.csv:17: 延床面積 '12,3a' は数値ではありません");
    it.code = DIAG_DUP_ID;
    it.detail = "3";
    it.column_name = "施設番号";
    it.value = "F001";
    CHECK_STR(diag_format(&it, KOYU_LANG_EN, buf, sizeof buf),
              "buildings.csv:17: 施設番号 'F001' is a duplicate (first at line 3)");
    /* invalid bytes are shown escaped, never raw */
    it.code = DIAG_BAD_BYTES;
    it.value = "a\xC3(b";
    it.detail = "UTF-8";
    CHECK_STR(diag_format(&it, KOYU_LANG_EN, buf, sizeof buf),
              "buildings.csv:17: 施設番号 'a\\xC3(b' contains bytes that are not valid UTF-8");
    /* every code has a key and text in both languages */
    for (c = 0; c < DIAG__COUNT; c++) {
        struct diag_item x = {DIAG_ERROR, (enum diag_code)c, "f.csv", 1, 0, NULL, NULL, "x"};

        CHECK(diag_code_key((enum diag_code)c)[0] != '\0');
        CHECK(diag_format(&x, KOYU_LANG_JA, buf, sizeof buf)[0] != '\0');
        CHECK(strstr(diag_format(&x, KOYU_LANG_EN, buf, sizeof buf), "{}") == NULL);
    }
}

static int
count_sink(void *ctx, const struct diag_item *it)
{
    (void)it;
    (*(int *)ctx)++;
    return 0;
}

static void
test_cap(void)
{
    char out[4096] = "";
    FILE *fp = fmemopen(out, sizeof out, "w");
    struct diag d;
    int sunk = 0, i;

    diag_init(&d, fp, KOYU_LANG_EN, 2);
    d.sink = count_sink;
    d.sink_ctx = &sunk;
    diag_begin_file(&d, "x.csv");
    for (i = 0; i < 5; i++)
        diag_add(&d, DIAG_ERROR, DIAG_NOT_NUMBER, i + 2, 1, "a", "b", NULL);
    diag_end_file(&d);
    fclose(fp);
    CHECK(d.errors == 5);
    CHECK(sunk == 5); /* the sink sees everything, the screen a capped list */
    CHECK(strstr(out, "x.csv:3:") != NULL);
    CHECK(strstr(out, "x.csv:4:") == NULL);
    CHECK(strstr(out, "3 more errors") != NULL);
}

void
suite_diag(void)
{
    RUN(test_format);
    RUN(test_cap);
}
