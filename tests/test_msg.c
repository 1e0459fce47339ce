/* test_msg.c - the message catalog: every entry in both languages, and
 * both taking the same printf arguments. */
#include <stdio.h>
#include <string.h>

#include "koyu/core/msg.h"
#include "testlib.h"

/* The conversions of a printf format ("%d", "%.1f" -> "df"); "%%" is
 * none, and so is a '%' not followed by a conversion (a label's "(%)"). */
static void
conversions(const char *fmt, char *out, size_t size)
{
    size_t n = 0;

    for (; *fmt && n + 1 < size; fmt++) {
        if (*fmt != '%')
            continue;
        fmt++;
        if (*fmt == '%')
            continue;
        while (*fmt && strchr("-+ #0123456789.lhz", *fmt))
            fmt++;
        if (!*fmt)
            break;
        if (strchr("diouxXeEfFgGaAcsp", *fmt))
            out[n++] = *fmt == 'i' ? 'd' : *fmt;
    }
    out[n] = '\0';
}

static void
test_catalog_complete(void)
{
    int k;

    CHECK(MSG__COUNT > 0);
    for (k = 0; k < MSG__COUNT; k++) {
        const char *ja = msg(KOYU_LANG_JA, (enum msg_id)k), *en = msg(KOYU_LANG_EN, (enum msg_id)k);
        char cja[32], cen[32];

        if (!CHECK(ja && en && *ja && *en))
            fprintf(stderr, "    %s has an empty text\n", msg_key((enum msg_id)k));
        conversions(ja, cja, sizeof cja);
        conversions(en, cen, sizeof cen);
        if (!CHECK(strcmp(cja, cen) == 0))
            fprintf(stderr, "    %s: '%s' against '%s'\n", msg_key((enum msg_id)k), cja, cen);
    }
    CHECK_STR(msg(KOYU_LANG_JA, MSG__COUNT), "?");
}

static void
test_catalog_format(void)
{
    char buf[64] = "a";

    CHECK_STR(msg_format(buf, sizeof buf, KOYU_LANG_EN, MSG_DEFER_DELAY, 3),
              "deferred 3 years by the budget cap");
    CHECK_STR(msg_format(buf, sizeof buf, KOYU_LANG_JA, MSG_DEFER_DELAY, 3),
              "予算上限により3年繰延べ");
    msg_append(buf, sizeof buf, KOYU_LANG_EN, MSG_REASON_SEP);
    CHECK_STR(buf, "予算上限により3年繰延べ, ");
    /* cut to the buffer, never past it */
    CHECK(strlen(msg_format(buf, 8, KOYU_LANG_EN, MSG_DEFER_DROPPED)) == 7);
}

void
suite_msg(void)
{
    RUN(test_catalog_complete);
    RUN(test_catalog_format);
}
