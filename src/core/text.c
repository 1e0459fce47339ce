/* text.c - strict cell parsing: UTF-8, full-width folding, numbers, years. */
#include "koyu/core/text.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest cell text the number and year parsers consider. */
#define TEXT_MAX_SCALAR 128

/* ---- UTF-8 and Shift_JIS ---- */

/* Length of a valid UTF-8 sequence at s (1..4), 0 if invalid, or -1 when
 * the sequence is valid so far but cut by the end of the buffer. */
static int
text_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0], lo = 0x80, hi = 0xBF;
    size_t need, i;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        need = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    for (i = 1; i < need; i++) {
        unsigned b;

        if (i >= n)
            return -1;
        b = s[i];
        if (i == 1 ? (b < lo || b > hi) : ((b & 0xC0) != 0x80))
            return 0;
    }
    return (int)need;
}

size_t
text_utf8_char_len(const char *s, size_t n)
{
    int k = n ? text_utf8_seq((const unsigned char *)s, n) : 0;

    return k > 0 ? (size_t)k : 0;
}

size_t
text_utf8_invalid_at(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    while (i < n) {
        int k;

        if (s[i] < 0x80) {
            i++;
            continue;
        }
        k = text_utf8_seq(s + i, n - i);
        if (k <= 0)
            return i;
        i += (size_t)k;
    }
    return (size_t)-1;
}

/* Streaming UTF-8 check: *state packs (continuation bytes still expected,
 * lowest and highest allowed next byte); 0 means between characters. */
size_t
text_utf8_count_invalid(const unsigned char *s, size_t n, unsigned *state, size_t *multibyte)
{
    unsigned rem = *state & 0xFF, lo = (*state >> 8) & 0xFF, hi = (*state >> 16) & 0xFF;
    size_t bad = 0, i;

    for (i = 0; i < n; i++) {
        unsigned c = s[i];

        /* ASCII runs, eight bytes at a time: most of any inventory */
        if (!rem && c < 0x80) {
            while (i + 8 <= n) {
                unsigned long long w;

                memcpy(&w, s + i, 8);
                if (w & 0x8080808080808080ULL)
                    break;
                i += 8;
            }
            if (i >= n)
                break;
            c = s[i];
            if (c < 0x80)
                continue;
        }
        if (rem) {
            if (c >= lo && c <= hi) {
                lo = 0x80;
                hi = 0xBF;
                if (--rem == 0 && multibyte)
                    (*multibyte)++;
                continue;
            }
            bad++; /* truncated sequence: look at c again as a lead byte */
            rem = 0;
        }
        if (c < 0x80)
            continue;
        lo = 0x80;
        hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            rem = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            rem = 2;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            rem = 3;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else
            bad++;
    }
    *state = rem ? (rem | lo << 8 | hi << 16) : 0;
    return bad;
}

/* Streaming Shift_JIS / CP932 structure check: *state is 1 after a lead
 * byte whose trail byte has not been seen yet. */
size_t
text_sjis_count_invalid(const unsigned char *s, size_t n, unsigned *state)
{
    size_t bad = 0, i;
    unsigned lead = *state;

    for (i = 0; i < n; i++) {
        unsigned c = s[i];

        if (lead) {
            lead = 0;
            if ((c >= 0x40 && c <= 0x7E) || (c >= 0x80 && c <= 0xFC))
                continue;
            bad++; /* bad trail: look at c again as a lead byte */
        }
        if (c < 0x80 || (c >= 0xA1 && c <= 0xDF))
            continue; /* ASCII, half-width katakana */
        if ((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC))
            lead = 1;
        else
            bad++;
    }
    *state = lead;
    return bad;
}

/* ---- folding ---- */

size_t
text_fold(const char *in, char *out, size_t size)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t o = 0, start, end;

    if (size == 0)
        return 0;
    while (*s && o + 1 < size) {
        if (s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x81 && s[2] <= 0xBF) {
            out[o++] = (char)(s[2] - 0x81 + 0x21); /* U+FF01..U+FF3F */
            s += 3;
        } else if (s[0] == 0xEF && s[1] == 0xBD && s[2] >= 0x80 && s[2] <= 0x9E) {
            out[o++] = (char)(s[2] - 0x80 + 0x60); /* U+FF40..U+FF5E */
            s += 3;
        } else if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) {
            out[o++] = ' '; /* ideographic space */
            s += 3;
        } else if (s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92) {
            out[o++] = '-'; /* minus sign */
            s += 3;
        } else if (s[0] == 0xEF && s[1] == 0xBF && s[2] == 0xA5) {
            if (o + 2 >= size)
                break;
            out[o++] = (char)0xC2; /* fullwidth yen to ¥ */
            out[o++] = (char)0xA5;
            s += 3;
        } else {
            out[o++] = (char)*s++;
        }
    }
    out[o] = '\0';
    for (start = 0; start < o && (out[start] == ' ' || out[start] == '\t' || out[start] == '\r' ||
                                  out[start] == '\n');
         start++)
        ;
    for (end = o; end > start && (out[end - 1] == ' ' || out[end - 1] == '\t' ||
                                  out[end - 1] == '\r' || out[end - 1] == '\n');
         end--)
        ;
    memmove(out, out + start, end - start);
    out[end - start] = '\0';
    return end - start;
}

size_t
text_key(const char *in, char *out, size_t size)
{
    size_t n = text_fold(in, out, size), i = 0, o = 0;

    while (i < n) {
        unsigned char c = (unsigned char)out[i];

        if (c == ' ' || c == '(' || c == ')' || c == '\t') {
            i++;
        } else if (c == 0xE3 && i + 2 < n && (unsigned char)out[i + 1] == 0x83 &&
                   (unsigned char)out[i + 2] == 0xBB) {
            i += 3; /* ・ */
        } else if (c == 0xEF && i + 2 < n && (unsigned char)out[i + 1] == 0xBD &&
                   (unsigned char)out[i + 2] == 0xA5) {
            i += 3; /* half-width ･ */
        } else {
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
        }
    }
    out[o] = '\0';
    return o;
}

int
text_is_blank(const char *s)
{
    while (*s) {
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
            s++;
        else if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
                 (unsigned char)s[2] == 0x80)
            s += 3;
        else
            return 0;
    }
    return 1;
}

/* ---- numbers ---- */

static int
text_isdigit(char c)
{
    return c >= '0' && c <= '9';
}

/* Returns 1 if unit (already folded) is in the NULL-terminated list. */
static int
text_unit_allowed(const char *unit, const char *const *units)
{
    char key[64];

    if (!units)
        return 0;
    for (; *units; units++) {
        text_fold(*units, key, sizeof key);
        if (strcmp(unit, key) == 0)
            return 1;
    }
    return 0;
}

enum text_status
text_parse_number(const char *in, const char *const *units, double *out)
{
    char buf[TEXT_MAX_SCALAR + 1], digits[TEXT_MAX_SCALAR + 1];
    const char *p;
    size_t nd = 0, n, group = 0;
    int neg = 0, yen = 0, commas = 0, intdigits = 0, fast;
    double v;
    char *end;

    if (strlen(in) > TEXT_MAX_SCALAR)
        return TEXT_BAD;
    n = text_fold(in, buf, sizeof buf);
    if (n == 0)
        return TEXT_EMPTY;
    p = buf;
    if (*p == '-' || *p == '+') {
        neg = *p == '-';
        p++;
    } else if (strncmp(p, "△", strlen("△")) == 0 || strncmp(p, "▲", strlen("▲")) == 0) {
        neg = 1; /* Japanese accounts write negatives as △500 */
        p += strlen("△");
    }
    if (strncmp(p, "¥", strlen("¥")) == 0) {
        yen = 1;
        p += strlen("¥");
    } else if (*p == '\\') {
        yen = 1; /* Shift_JIS has ¥ at 0x5C, which reads back as a backslash */
        p++;
    }
    if (neg)
        digits[nd++] = '-';
    while (text_isdigit(*p) || *p == ',') {
        if (*p == ',') {
            /* a separator needs 1-3 digits before the first, 3 between */
            if (intdigits == 0 || (commas ? group != 3 : group > 3))
                return TEXT_BAD;
            commas = 1;
            group = 0;
        } else {
            digits[nd++] = *p;
            intdigits++;
            group++;
        }
        p++;
    }
    if (intdigits == 0 || (commas && group != 3))
        return TEXT_BAD;
    if (*p == '.') {
        digits[nd++] = *p++;
        if (!text_isdigit(*p))
            return TEXT_BAD;
        while (text_isdigit(*p))
            digits[nd++] = *p++;
    }
    digits[nd] = '\0';
    while (*p == ' ')
        p++;
    fast = nd - (size_t)neg <= 16;
    if (*p && !text_unit_allowed(p, units)) {
        /* "12,3a" and "1e5" are junk; "12㎡" in a yen column, "100千円"
         * are numbers with a unit that does not fit */
        return (unsigned char)p[0] < 0x80 ? TEXT_BAD : TEXT_BAD_UNIT;
    }
    if (yen && !text_unit_allowed("円", units))
        return TEXT_BAD_UNIT;
    if (fast) {
        /* Up to 15 significant digits: the integer m is exact in a double
         * and so is 10^k, so m / 10^k is the correctly rounded value that
         * strtod would give, without strtod's cost. */
        static const double pow10[] = {1,   1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        const char *q = digits + neg;
        unsigned long long m = 0;
        int frac = -1, sig = 0;

        for (; *q; q++) {
            if (*q == '.') {
                frac = 0;
                continue;
            }
            m = m * 10 + (unsigned long long)(*q - '0');
            if (m)
                sig++;
            if (frac >= 0)
                frac++;
        }
        if (sig <= 15) {
            v = frac > 0 ? (double)m / pow10[frac] : (double)m;
            *out = neg ? -v : v;
            return TEXT_OK;
        }
    }
    errno = 0;
    v = strtod(digits, &end);
    if (*end != '\0')
        return TEXT_BAD;
    if (errno == ERANGE || !isfinite(v))
        return TEXT_RANGE;
    *out = v;
    return TEXT_OK;
}

/* ---- years ---- */

struct text_era {
    const char *name; /* kanji, ligature or letter */
    int base;         /* western year of the era's first year */
    int last;         /* last valid era year */
};

static const struct text_era text_eras[] = {
    {"明治", 1868, 45}, {"大正", 1912, 15}, {"昭和", 1926, 64}, {"平成", 1989, 31},
    {"令和", 2019, 99}, {"㍾", 1868, 45},   {"㍽", 1912, 15},   {"㍼", 1926, 64},
    {"㍻", 1989, 31},   {"㋿", 2019, 99},  {"m", 1868, 45},    {"t", 1912, 15},
    {"s", 1926, 64},    {"h", 1989, 31},    {"r", 2019, 99},
};

/* Reads 1..maxd digits at *pp into *v; returns the number of digits. */
static int
text_read_int(const char **pp, int maxd, int *v)
{
    const char *p = *pp;
    int d = 0, x = 0;

    while (text_isdigit(*p) && d < maxd + 1) {
        x = x * 10 + (*p - '0');
        p++;
        d++;
    }
    if (d == 0 || d > maxd)
        return 0;
    *v = x;
    *pp = p;
    return d;
}

static int
text_skip(const char **pp, const char *word)
{
    size_t n = strlen(word);

    if (strncmp(*pp, word, n) != 0)
        return 0;
    *pp += n;
    return 1;
}

/* Parses an optional month-day tail ("/3/31", ".3.31", "3月31日" after
 * "年") and adjusts *year to the fiscal year.  Returns 0 on junk. */
static int
text_date_tail(const char **pp, int *year, int kanji)
{
    const char *p = *pp;
    int m, d = 0, d_given = 0;

    if (kanji) {
        if (!text_read_int(&p, 2, &m) || !text_skip(&p, "月"))
            return 0;
        if (text_read_int(&p, 2, &d)) {
            d_given = 1;
            if (!text_skip(&p, "日"))
                return 0;
        }
    } else {
        char sep = *p;

        if (sep != '/' && sep != '-' && sep != '.')
            return 0;
        p++;
        if (!text_read_int(&p, 2, &m))
            return 0;
        if (*p == sep) {
            p++;
            if (!text_read_int(&p, 2, &d))
                return 0;
            d_given = 1;
        }
    }
    if (m < 1 || m > 12 || (d_given && (d < 1 || d > 31)))
        return 0;
    if (m < 4)
        (*year)--; /* January-March belong to the previous fiscal year */
    *pp = p;
    return 1;
}

enum text_status
text_parse_year(const char *in, int *year)
{
    char buf[TEXT_MAX_SCALAR + 1];
    const char *p;
    size_t n, i;
    int y = 0;

    if (strlen(in) > TEXT_MAX_SCALAR)
        return TEXT_BAD;
    n = text_fold(in, buf, sizeof buf);
    if (n == 0)
        return TEXT_EMPTY;
    for (i = 0; i < n; i++)
        if (buf[i] >= 'A' && buf[i] <= 'Z')
            buf[i] = (char)(buf[i] + 32);
    p = buf;
    if (text_isdigit(*p)) {
        if (text_read_int(&p, 4, &y) != 4)
            return TEXT_BAD;
        if (text_skip(&p, "年")) {
            if (!text_skip(&p, "度") && *p)
                if (!text_date_tail(&p, &y, 1))
                    return TEXT_BAD;
        } else if (*p == '/' || *p == '-' || *p == '.') {
            if (!text_date_tail(&p, &y, 0))
                return TEXT_BAD;
        }
    } else {
        const struct text_era *era = NULL;
        int ey = 0;

        for (i = 0; i < sizeof text_eras / sizeof text_eras[0]; i++)
            if (text_skip(&p, text_eras[i].name)) {
                era = &text_eras[i];
                break;
            }
        if (!era)
            return TEXT_BAD;
        if (*p == '.' || *p == ' ')
            p++;
        if (text_skip(&p, "元"))
            ey = 1;
        else if (!text_read_int(&p, 2, &ey))
            return TEXT_BAD;
        if (ey < 1 || ey > era->last)
            return TEXT_BAD;
        y = era->base + ey - 1;
        if (text_skip(&p, "年")) {
            if (!text_skip(&p, "度") && *p)
                if (!text_date_tail(&p, &y, 1))
                    return TEXT_BAD;
        } else if (*p == '.' || *p == '/') {
            if (!text_date_tail(&p, &y, 0))
                return TEXT_BAD;
        }
    }
    if (*p != '\0')
        return TEXT_BAD;
    *year = y;
    return TEXT_OK;
}

enum text_status
text_parse_grade(const char *in, char *grade)
{
    char buf[16];
    size_t n;

    if (strlen(in) >= sizeof buf)
        return TEXT_BAD;
    n = text_fold(in, buf, sizeof buf);
    if (n == 0)
        return TEXT_EMPTY;
    if (n != 1)
        return TEXT_BAD;
    if (buf[0] >= 'a' && buf[0] <= 'd')
        buf[0] = (char)(buf[0] - 32);
    if (buf[0] < 'A' || buf[0] > 'D')
        return TEXT_BAD;
    *grade = buf[0];
    return TEXT_OK;
}

/* ---- formatting ---- */

char *
text_format_number(double v, int decimals, char *buf, size_t size)
{
    char raw[64];
    const char *dot, *p;
    size_t o = 0, intlen, i;

    snprintf(raw, sizeof raw, "%.*f", decimals, v);
    p = raw;
    if (*p == '-') {
        if (o + 1 < size)
            buf[o++] = '-';
        p++;
    }
    dot = strchr(p, '.');
    intlen = dot ? (size_t)(dot - p) : strlen(p);
    for (i = 0; i < intlen && o + 2 < size; i++) {
        if (i && (intlen - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = p[i];
    }
    for (p += intlen; *p && o + 1 < size; p++)
        buf[o++] = *p;
    buf[o] = '\0';
    return buf;
}
