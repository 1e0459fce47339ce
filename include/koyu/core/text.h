/*
 * text.h - strict parsing of what real municipal exports put in cells:
 * UTF-8 checks, full-width folding, numbers with separators and units,
 * years in 西暦 or 和暦, condition grades.  Pure functions, no allocation.
 */
#ifndef KOYU_TEXT_H
#define KOYU_TEXT_H

#include <stddef.h>

/* Returns the byte offset of the first invalid UTF-8 sequence in s[0..n)
 * (overlongs, surrogates and code points over U+10FFFF are invalid), or
 * (size_t)-1 when all of it is valid. */
size_t text_utf8_invalid_at(const char *s, size_t n);

/* Length (1..4) of the valid UTF-8 character at s[0..n), or 0 if the bytes
 * there are not one. */
size_t text_utf8_char_len(const char *s, size_t n);

/* Counts invalid sequences in s[0..n) as UTF-8, streaming: *state carries
 * a sequence cut at the end of one chunk into the next (start it at 0; a
 * non-zero state after the last chunk is one more invalid sequence).  Adds
 * the valid multi-byte characters seen to *multibyte when not NULL. */
size_t text_utf8_count_invalid(const unsigned char *s, size_t n, unsigned *state,
                               size_t *multibyte);

/* Counts bytes of s[0..n) that cannot be Shift_JIS / CP932; *state carries
 * a lead byte cut at the end of one chunk into the next (start it at 0). */
size_t text_sjis_count_invalid(const unsigned char *s, size_t n, unsigned *state);

/* Copies in to out (size >= strlen(in) + 1, never more is written) folding
 * full-width ASCII (ＡＢ１２，．) and the ideographic space to ASCII, the
 * minus sign U+2212 to '-', ￥ to ¥, and trimming surrounding white space.
 * Returns the folded length. */
size_t text_fold(const char *in, char *out, size_t size);

/* Folds, trims and lower-cases ASCII letters, and drops spaces, '・', '･',
 * '(' ')' and their full-width forms: the key under which the vocabularies
 * compare names ("旧耐震・未補強" and "旧耐震（未補強）" meet). */
size_t text_key(const char *in, char *out, size_t size);

enum text_status {
    TEXT_OK = 0,
    TEXT_EMPTY,    /* blank after trimming */
    TEXT_BAD,      /* not a number / year / grade */
    TEXT_BAD_UNIT, /* a number with a unit not in the allowed list */
    TEXT_RANGE     /* does not fit a double or int */
};

/* Parses a number such as "1,234.5", "１２３４", "1,234㎡", "¥12,000",
 * "△500" (minus).  Thousands separators must group by three.  units is a
 * NULL-terminated list of suffixes allowed after the number (NULL: none);
 * "円" in it also allows a leading ¥.  On TEXT_OK stores the value. */
enum text_status text_parse_number(const char *s, const char *const *units, double *out);

/* Parses a fiscal year: "1975", "1975年度", "S50", "s.50", "昭和50年度",
 * "平成元年", "R3", "㍼50", or a date "1976/3/31", "昭和51年3月31日" which
 * gives its fiscal year (April to March: 1976/3/31 is 1975).  Era years
 * past the era's end (S65, H32) are rejected. */
enum text_status text_parse_year(const char *s, int *year);

/* Parses a condition grade A-D (also "ａ", "Ｃ"); stores 'A'..'D'. */
enum text_status text_parse_grade(const char *s, char *grade);

/* Returns 1 if s is empty or only white space (ASCII or U+3000). */
int text_is_blank(const char *s);

/* Formats v with `decimals` decimals and thousands separators
 * ("1,117,101.1") into buf; returns buf. */
char *text_format_number(double v, int decimals, char *buf, size_t size);

#endif
