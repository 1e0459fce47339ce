/* test_text.c - numbers, years, grades, folding and UTF-8 / Shift_JIS. */
#include <stdio.h>

#include "koyu/core/text.h"
#include "testlib.h"

static const char *const area_units[] = {"㎡", "m2", "m²", NULL};
static const char *const yen_units[] = {"円", NULL};

struct num_case {
    const char *in;
    const char *const *units;
    enum text_status want;
    double value;
};

static void
test_numbers(void)
{
    static const struct num_case cases[] = {
        {"1234", NULL, TEXT_OK, 1234},
        {"1,234.5", NULL, TEXT_OK, 1234.5},
        {"１２３４", NULL, TEXT_OK, 1234},
        {"１，２３４．５", NULL, TEXT_OK, 1234.5},
        {"1,234㎡", area_units, TEXT_OK, 1234},
        {"1,234 m2", area_units, TEXT_OK, 1234},
        {"1,234,567", NULL, TEXT_OK, 1234567},
        {"  42  ", NULL, TEXT_OK, 42},
        {"\xE3\x80\x80"
         "42",
         NULL, TEXT_OK, 42}, /* ideographic space */
        {"-5", NULL, TEXT_OK, -5},
        {"△500", NULL, TEXT_OK, -500},
        {"▲1,000", yen_units, TEXT_OK, -1000},
        {"¥12,000", yen_units, TEXT_OK, 12000},
        {"￥12,000", yen_units, TEXT_OK, 12000},
        {"12,000円", yen_units, TEXT_OK, 12000},
        {"\\1,200,000", yen_units, TEXT_OK, 1200000}, /* ¥ of a Shift_JIS file */
        {"0.5", NULL, TEXT_OK, 0.5},
        {"", NULL, TEXT_EMPTY, 0},
        {"   ", NULL, TEXT_EMPTY, 0},
        {"12,3a", NULL, TEXT_BAD, 0},
        {"1,23", NULL, TEXT_BAD, 0},
        {"1234,567", NULL, TEXT_BAD, 0},
        {",123", NULL, TEXT_BAD, 0},
        {"1,234,", NULL, TEXT_BAD, 0},
        {"1.", NULL, TEXT_BAD, 0},
        {".5", NULL, TEXT_BAD, 0},
        {"1e5", NULL, TEXT_BAD, 0},
        {"nan", NULL, TEXT_BAD, 0},
        {"inf", NULL, TEXT_BAD, 0},
        {"0x10", NULL, TEXT_BAD, 0},
        {"12 34", NULL, TEXT_BAD, 0},
        {"1,234㎡", yen_units, TEXT_BAD_UNIT, 0},
        {"¥100", area_units, TEXT_BAD_UNIT, 0},
        {"100千円", yen_units, TEXT_BAD_UNIT, 0},
        {"n/a", NULL, TEXT_BAD, 0},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = -999;
        enum text_status st = text_parse_number(cases[i].in, cases[i].units, &v);

        if (!CHECK(st == cases[i].want))
            fprintf(stderr, "    input '%s': status %d, want %d\n", cases[i].in, st, cases[i].want);
        if (cases[i].want == TEXT_OK && !CHECK(v == cases[i].value))
            fprintf(stderr, "    input '%s': %.17g, want %.17g\n", cases[i].in, v, cases[i].value);
    }
}

struct year_case {
    const char *in;
    enum text_status want;
    int year;
};

static void
test_years(void)
{
    static const struct year_case cases[] = {
        {"1975", TEXT_OK, 1975},
        {"１９７５", TEXT_OK, 1975},
        {"1975年", TEXT_OK, 1975},
        {"1975年度", TEXT_OK, 1975},
        {"S50", TEXT_OK, 1975},
        {"s50", TEXT_OK, 1975},
        {"Ｓ５０", TEXT_OK, 1975},
        {"S.50", TEXT_OK, 1975},
        {"昭和50年", TEXT_OK, 1975},
        {"昭和50年度", TEXT_OK, 1975},
        {"昭和50", TEXT_OK, 1975},
        {"㍼50", TEXT_OK, 1975},
        {"H2", TEXT_OK, 1990},
        {"平成元年", TEXT_OK, 1989},
        {"平成元年度", TEXT_OK, 1989},
        {"H31", TEXT_OK, 2019},
        {"R3", TEXT_OK, 2021},
        {"令和元年", TEXT_OK, 2019},
        {"T15", TEXT_OK, 1926},
        {"大正元年", TEXT_OK, 1912},
        {"M1", TEXT_OK, 1868},
        {"明治45年", TEXT_OK, 1912},
        {"S64", TEXT_OK, 1989},
        /* dates give their fiscal year (April to March) */
        {"1976/3/31", TEXT_OK, 1975},
        {"1976/4/1", TEXT_OK, 1976},
        {"1976-04-01", TEXT_OK, 1976},
        {"1976年3月31日", TEXT_OK, 1975},
        {"昭和51年3月31日", TEXT_OK, 1975},
        {"S51.4.1", TEXT_OK, 1976},
        {"", TEXT_EMPTY, 0},
        {"S65", TEXT_BAD, 0},
        {"H32", TEXT_BAD, 0},
        {"S0", TEXT_BAD, 0},
        {"昭和", TEXT_BAD, 0},
        {"X50", TEXT_BAD, 0},
        {"75", TEXT_BAD, 0},
        {"19755", TEXT_BAD, 0},
        {"1975年度頃", TEXT_BAD, 0},
        {"1976/13/1", TEXT_BAD, 0},
        {"1998/3/99", TEXT_BAD, 0},
        {"1998年3月0日", TEXT_BAD, 0},
        {"unknown", TEXT_BAD, 0},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int y = -1;
        enum text_status st = text_parse_year(cases[i].in, &y);

        if (!CHECK(st == cases[i].want))
            fprintf(stderr, "    input '%s': status %d, want %d\n", cases[i].in, st, cases[i].want);
        if (cases[i].want == TEXT_OK && !CHECK(y == cases[i].year))
            fprintf(stderr, "    input '%s': %d, want %d\n", cases[i].in, y, cases[i].year);
    }
}

static void
test_grades(void)
{
    char g = 0;

    CHECK(text_parse_grade("A", &g) == TEXT_OK && g == 'A');
    CHECK(text_parse_grade("ｄ", &g) == TEXT_OK && g == 'D');
    CHECK(text_parse_grade("Ｃ", &g) == TEXT_OK && g == 'C');
    CHECK(text_parse_grade(" b ", &g) == TEXT_OK && g == 'B');
    CHECK(text_parse_grade("", &g) == TEXT_EMPTY);
    CHECK(text_parse_grade("E", &g) == TEXT_BAD);
    CHECK(text_parse_grade("AB", &g) == TEXT_BAD);
    CHECK(text_parse_grade("良", &g) == TEXT_BAD);
}

static void
test_fold_and_key(void)
{
    char buf[64];

    text_fold("　Ｆ００１ ", buf, sizeof buf);
    CHECK_STR(buf, "F001");
    text_fold("ＲＣ造", buf, sizeof buf);
    CHECK_STR(buf, "RC造");
    text_fold("−５", buf, sizeof buf);
    CHECK_STR(buf, "-5");
    text_key("旧耐震（未補強）", buf, sizeof buf);
    CHECK_STR(buf, "旧耐震未補強");
    text_key("旧耐震・未補強", buf, sizeof buf);
    CHECK_STR(buf, "旧耐震未補強");
    text_key(" Civic_Culture ", buf, sizeof buf);
    CHECK_STR(buf, "civic_culture");
    /* a short buffer is cut, never overrun */
    text_fold("ABCDEFGH", buf, 4);
    CHECK_STR(buf, "ABC");
}

static void
test_utf8_and_sjis(void)
{
    static const unsigned char sjis[] = {0x8E, 0x7B, 0x90, 0xDD, ',', 0xB1}; /* 施設,ｱ */
    unsigned st = 0;

    CHECK(text_utf8_invalid_at("施設", strlen("施設")) == (size_t)-1);
    CHECK(text_utf8_invalid_at("ab\xC3(", 4) == 2);
    CHECK(text_utf8_invalid_at("\xC0\x80", 2) == 0);         /* overlong */
    CHECK(text_utf8_invalid_at("\xED\xA0\x80", 3) == 0);     /* surrogate */
    CHECK(text_utf8_invalid_at("\xF4\x90\x80\x80", 4) == 0); /* > U+10FFFF */
    CHECK(text_utf8_invalid_at("\xE6\x96", 2) == 0);         /* truncated */
    /* streaming: a character split across chunks is still valid */
    CHECK(text_utf8_count_invalid((const unsigned char *)"\xE6", 1, &st, NULL) == 0);
    CHECK(st != 0);
    CHECK(text_utf8_count_invalid((const unsigned char *)"\x96\xBD", 2, &st, NULL) == 0);
    CHECK(st == 0);
    CHECK(text_utf8_count_invalid(sjis, sizeof sjis, &st, NULL) > 0);
    st = 0;
    CHECK(text_sjis_count_invalid(sjis, sizeof sjis, &st) == 0 && st == 0);
    st = 0;
    CHECK(text_sjis_count_invalid(sjis, 1, &st) == 0 && st == 1);
    CHECK(text_sjis_count_invalid(sjis + 1, sizeof sjis - 1, &st) == 0 && st == 0);
    st = 0;
    CHECK(text_sjis_count_invalid((const unsigned char *)"\x81\x0A", 2, &st) == 1);
}

static void
test_format_number(void)
{
    char buf[64];

    CHECK_STR(text_format_number(1117101.1, 1, buf, sizeof buf), "1,117,101.1");
    CHECK_STR(text_format_number(999, 0, buf, sizeof buf), "999");
    CHECK_STR(text_format_number(1000, 0, buf, sizeof buf), "1,000");
    CHECK_STR(text_format_number(-1234567, 0, buf, sizeof buf), "-1,234,567");
    CHECK_STR(text_format_number(0.25, 2, buf, sizeof buf), "0.25");
}

void
suite_text(void)
{
    RUN(test_numbers);
    RUN(test_years);
    RUN(test_grades);
    RUN(test_fold_and_key);
    RUN(test_utf8_and_sjis);
    RUN(test_format_number);
}
