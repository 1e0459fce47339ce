/* loader.c - streaming CSV reading with encoding detection, over libcsv. */
#include "koyu/inventory/loader.h"
#include "koyu/core/msg.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/core/arena.h"
#include "koyu/core/text.h"

#define LOADER_CHUNK        (1024 * 1024)
#define LOADER_HEADER_NAMES 256

/* Where bytes come from: a FILE or a buffer. */
struct loader_src {
    FILE *fp;
    const unsigned char *mem;
    size_t size;
    size_t pos;
};

/* Parse state shared with libcsv's callbacks, which cannot fail. */
struct loader_ctx {
    struct diag *d;
    loader_record_fn cb;
    void *cb_ctx;
    enum loader_encoding enc;
    long line;     /* physical line being fed */
    long rec_line; /* line the current record started on */
    char *buf;     /* field bytes of the current record, NUL-separated */
    size_t len, cap;
    size_t *offs; /* start of each field in buf */
    char **fields;
    size_t nf, ocap, fcap;
    size_t header_n; /* 0 until the header row is seen */
    char *header_names[LOADER_HEADER_NAMES];
    long records;
    int check_fields; /* the scan found bytes that each field must be checked for */
    char nl;          /* line break: '\n', or '\r' in files that use CR alone */
    int long_col;     /* first column of this record over LOADER_MAX_FIELD */
    int nomem;
    int stopped; /* the record callback asked to stop */
};

static size_t
loader_src_read(struct loader_src *s, unsigned char *buf, size_t cap)
{
    size_t n;

    if (s->fp)
        return fread(buf, 1, cap, s->fp);
    n = s->size - s->pos < cap ? s->size - s->pos : cap;
    memcpy(buf, s->mem + s->pos, n);
    s->pos += n;
    return n;
}

static int
loader_src_rewind(struct loader_src *s)
{
    s->pos = 0;
    return s->fp ? fseek(s->fp, 0, SEEK_SET) : 0;
}

/* ---- libcsv callbacks ---- */

static void
loader_on_field(void *data, size_t n, void *arg)
{
    struct loader_ctx *c = arg;

    if (c->nomem)
        return;
    if (n > LOADER_MAX_FIELD) {
        /* keep the record's shape, not the bytes: it is reported at its end */
        if (!c->long_col)
            c->long_col = (int)c->nf + 1;
        n = 0;
    }
    if (arena_grow((void **)&c->buf, &c->cap, c->len + n + 1, 1) != 0 ||
        arena_grow((void **)&c->offs, &c->ocap, c->nf + 1, sizeof *c->offs) != 0 ||
        arena_grow((void **)&c->fields, &c->fcap, c->nf + 1, sizeof *c->fields) != 0) {
        c->nomem = 1;
        return;
    }
    c->offs[c->nf++] = c->len;
    if (n)
        memcpy(c->buf + c->len, data, n);
    c->len += n;
    c->buf[c->len++] = '\0';
}

static const char *
loader_column_name(const struct loader_ctx *c, size_t i)
{
    return i < LOADER_HEADER_NAMES && i < c->header_n ? c->header_names[i] : NULL;
}

/* Ends a record: checks it and hands it on. */
static void
loader_on_record(int ch, void *arg)
{
    struct loader_ctx *c = arg;
    size_t i, n = c->nf;
    int blank = 1, bad = 0;

    (void)ch;
    if (c->nomem || c->stopped)
        goto reset;
    for (i = 0; i < n; i++) {
        c->fields[i] = c->buf + c->offs[i];
        if (blank && !text_is_blank(c->fields[i]))
            blank = 0;
    }
    /* Excel leaves rows of bare commas after the data: not records. */
    if (blank && !c->long_col)
        goto reset;
    if (c->long_col) {
        char lim[32];

        snprintf(lim, sizeof lim, "%d", LOADER_MAX_FIELD);
        diag_add(c->d, DIAG_ERROR, DIAG_FIELD_TOO_LONG, c->rec_line, c->long_col,
                 loader_column_name(c, (size_t)c->long_col - 1), NULL, lim);
        bad = 1;
    }
    for (i = 0; i < n && c->check_fields; i++) {
        size_t len = (i + 1 < n ? c->offs[i + 1] : c->len) - c->offs[i] - 1;

        /* a NUL inside a field would silently cut it: treat as bad bytes */
        if (strlen(c->fields[i]) != len || text_utf8_invalid_at(c->fields[i], len) != (size_t)-1) {
            diag_add(c->d, DIAG_ERROR, DIAG_BAD_BYTES, c->rec_line, (int)i + 1,
                     loader_column_name(c, i), c->fields[i], loader_encoding_name(c->enc));
            bad = 1;
        }
    }
    if (c->header_n == 0) {
        c->header_n = n;
        for (i = 0; i < n && i < LOADER_HEADER_NAMES; i++) {
            c->header_names[i] = strdup(bad ? "?" : c->fields[i]);
            if (!c->header_names[i]) {
                c->nomem = 1;
                goto reset;
            }
        }
    } else {
        c->records++;
        if (n != c->header_n) {
            char detail[96];

            msg_format(detail, sizeof detail, c->d->lang, MSG_DIAG_FIELDS_HEADER, n, c->header_n);
            diag_add(c->d, DIAG_ERROR, DIAG_RAGGED, c->rec_line, 0, NULL, NULL, detail);
            bad = 1;
        }
    }
    if (c->cb(c->cb_ctx, c->rec_line, c->fields, n, bad) != 0)
        c->stopped = 1;
reset:
    c->nf = 0;
    c->len = 0;
    c->long_col = 0;
}

/* ---- parsing ---- */

static int
loader_csv_init(struct csv_parser *p)
{
    return csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
}

/* Hands the fields read so far of a record that cannot be completed to the
 * callback as broken, then forgets them. */
static void
loader_drop_record(struct loader_ctx *c)
{
    size_t i;

    if (c->header_n > 0 && c->nf > 0 && !c->nomem && !c->stopped) {
        for (i = 0; i < c->nf; i++)
            c->fields[i] = c->buf + c->offs[i];
        c->records++;
        if (c->cb(c->cb_ctx, c->rec_line, c->fields, c->nf, 1) != 0)
            c->stopped = 1;
    }
    c->nf = 0;
    c->len = 0;
    c->long_col = 0;
}

/* Feeds UTF-8 bytes to libcsv one physical line at a time, so every record
 * knows the line it starts on.  Returns 0, or -1 when the file must stop. */
static int
loader_feed(struct csv_parser *p, struct loader_ctx *c, const char *s, size_t n)
{
    while (n > 0 && !c->stopped) {
        const char *nl = memchr(s, c->nl, n);
        size_t seg = nl ? (size_t)(nl - s) + 1 : n;

        if (p->pstate == 0 && c->nf == 0)
            c->rec_line = c->line;
        if (csv_parse(p, s, seg, loader_on_field, loader_on_record, c) != seg) {
            if (csv_error(p) == CSV_ENOMEM) {
                c->nomem = 1;
                return -1;
            }
            /* A stray quote: report it, drop the record, resume on the
             * next line so later errors are found too. */
            diag_add(c->d, DIAG_ERROR, DIAG_CSV_SYNTAX, c->line, (int)c->nf + 1,
                     loader_column_name(c, c->nf), NULL, NULL);
            csv_fini(p, NULL, NULL, NULL);
            csv_free(p);
            loader_drop_record(c);
            if (loader_csv_init(p) != 0) {
                c->nomem = 1;
                return -1;
            }
            if (!nl) {
                /* skip to the end of this physical line in later chunks */
                return 1;
            }
        }
        if (c->nomem)
            return -1;
        if (p->entry_pos > LOADER_MAX_FIELD) {
            char lim[32];

            snprintf(lim, sizeof lim, "%d", LOADER_MAX_FIELD);
            diag_add(c->d, DIAG_ERROR, DIAG_FIELD_TOO_LONG, c->rec_line, (int)c->nf + 1,
                     loader_column_name(c, c->nf), NULL, lim);
            loader_drop_record(c);
            return -1;
        }
        if (nl)
            c->line++;
        s += seg;
        n -= seg;
    }
    return 0;
}

/* Pass 1: hash, count bytes, and count invalid sequences per encoding. */
static enum koyu_err
loader_scan(struct loader_src *src, unsigned char *buf, struct loader_info *info, size_t *utf8_bad,
            size_t *utf8_mb, size_t *sjis_bad, int *has_nul, char *nl)
{
    int has_lf = 0, has_cr = 0;
    struct sha256_ctx sha;
    unsigned char digest[SHA256_DIGEST_SIZE];
    unsigned us = 0, ss = 0;
    size_t n, i;
    int first = 1;

    sha256_init(&sha);
    *utf8_bad = *sjis_bad = 0;
    while ((n = loader_src_read(src, buf, LOADER_CHUNK)) > 0) {
        sha256_update(&sha, n, buf);
        if (first && n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
            info->bom = 1;
        first = 0;
        info->bytes += n;
        if (memchr(buf, '\0', n))
            *has_nul = 1;
        has_lf = has_lf || memchr(buf, '\n', n);
        has_cr = has_cr || memchr(buf, '\r', n);
        *utf8_bad += text_utf8_count_invalid(buf, n, &us, utf8_mb);
    }
    if (src->fp && ferror(src->fp))
        return KOYU_ERR_IO;
    *utf8_bad += us != 0;
    *nl = !has_lf && has_cr ? '\r' : '\n'; /* old Mac "CSV" ends lines in CR */
    if (*utf8_bad && !info->bom) {
        /* not UTF-8: a second look tells whether it is Shift_JIS */
        if (loader_src_rewind(src) != 0)
            return KOYU_ERR_IO;
        while ((n = loader_src_read(src, buf, LOADER_CHUNK)) > 0)
            *sjis_bad += text_sjis_count_invalid(buf, n, &ss);
        *sjis_bad += ss != 0;
    }
    sha256_digest(&sha, SHA256_DIGEST_SIZE, digest);
    for (i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(info->sha256 + 2 * i, 3, "%02x", digest[i]);
    return KOYU_OK;
}

/* Converts CP932 in[0..*inlen) to UTF-8 into out; bytes that CP932 does not
 * allow become 0xFF so the field check reports them with their column.  An
 * incomplete character at the end stays in `in` (returned *inlen) unless
 * last is set. */
static size_t
loader_cp932(iconv_t cd, unsigned char *in, size_t *inlen, char *out, size_t outcap, int last,
             int *marked)
{
    char *ip = (char *)in, *op = out;
    size_t il = *inlen, ol = outcap;

    while (il > 0) {
        if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
            break;
        if (errno == EINVAL && !last)
            break;
        if (errno == E2BIG)
            break; /* cannot happen: out is sized 3x */
        *op++ = (char)0xFF;
        *marked = 1;
        ol--;
        ip++;
        il--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    memmove(in, ip, il);
    *inlen = il;
    return (size_t)(op - out);
}

static enum koyu_err
loader_read(struct loader_src *src, enum loader_encoding enc, loader_record_fn cb, void *cb_ctx,
            struct diag *d, struct loader_info *info)
{
    struct loader_ctx c = {0};
    struct csv_parser p;
    int parser_ready = 0, skip_line = 0, stop = 0;
    unsigned char *raw = NULL;
    char *conv = NULL;
    iconv_t cd = (iconv_t)-1;
    size_t utf8_bad, utf8_mb = 0, sjis_bad, carry = 0, n;
    int has_nul = 0;
    char nl = '\n';
    enum koyu_err err = KOYU_OK;
    int first = 1;
    size_t i;

    memset(info, 0, sizeof *info);
    raw = malloc(LOADER_CHUNK + 8);
    if (!raw) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    err = loader_scan(src, raw, info, &utf8_bad, &utf8_mb, &sjis_bad, &has_nul, &nl);
    if (err)
        goto cleanup;
    /* UTF-8 unless the bytes read better as Shift_JIS: most UTF-8 Japanese
     * is also well-formed Shift_JIS, so a UTF-8 file with a stray bad byte
     * (more valid multi-byte characters than invalid sequences) stays
     * UTF-8, and its bad bytes are reported */
    if (enc == LOADER_ENC_AUTO)
        enc = (info->bom || utf8_bad == 0 || utf8_bad <= sjis_bad || utf8_mb > utf8_bad)
                  ? LOADER_ENC_UTF8
                  : LOADER_ENC_CP932;
    info->encoding = enc;
    if (enc == LOADER_ENC_CP932) {
        cd = iconv_open("UTF-8", "CP932");
        conv = malloc(3 * (LOADER_CHUNK + 8));
        if (cd == (iconv_t)-1 || !conv) {
            err = cd == (iconv_t)-1 ? KOYU_ERR_ENCODING : KOYU_ERR_NOMEM;
            goto cleanup;
        }
    }
    if (loader_src_rewind(src) != 0) {
        err = KOYU_ERR_IO;
        goto cleanup;
    }
    if (loader_csv_init(&p) != 0) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    parser_ready = 1;
    c.d = d;
    c.cb = cb;
    c.cb_ctx = cb_ctx;
    c.enc = enc;
    /* a clean file needs no per-field check; otherwise every field is
     * checked so each bad one is reported with its line and column */
    c.check_fields = has_nul || (enc == LOADER_ENC_UTF8 ? utf8_bad > 0 : sjis_bad > 0);
    c.nl = nl;
    c.line = 1;
    c.rec_line = 1;
    while (!stop) {
        const char *s = (const char *)raw;
        size_t len;
        int r, last;

        n = loader_src_read(src, raw + carry, LOADER_CHUNK);
        last = n == 0;
        if (last && carry == 0)
            break;
        len = carry + n;
        carry = 0;
        if (enc == LOADER_ENC_CP932) {
            size_t left = len;

            len = loader_cp932(cd, raw, &left, conv, 3 * (LOADER_CHUNK + 8), last, &c.check_fields);
            carry = left; /* an incomplete character waits for more bytes */
            s = conv;
        }
        if (first && enc == LOADER_ENC_UTF8 && info->bom) {
            s += 3;
            len -= 3;
        }
        first = 0;
        if (skip_line) {
            const char *eol = memchr(s, c.nl, len);

            if (!eol)
                continue;
            c.line++;
            len -= (size_t)(eol + 1 - s);
            s = eol + 1;
            skip_line = 0;
        }
        r = loader_feed(&p, &c, s, len);
        if (r < 0)
            stop = 1;
        else if (r > 0)
            skip_line = 1;
        if (last)
            break;
    }
    if (src->fp && ferror(src->fp)) {
        err = KOYU_ERR_IO;
        goto cleanup;
    }
    if (!stop) {
        if (csv_fini(&p, loader_on_field, loader_on_record, &c) != 0 &&
            csv_error(&p) == CSV_EPARSE) {
            diag_add(d, DIAG_ERROR, DIAG_UNTERMINATED, c.rec_line, (int)c.nf + 1,
                     loader_column_name(&c, c.nf), NULL, NULL);
            loader_drop_record(&c);
        }
    } else {
        csv_fini(&p, NULL, NULL, NULL);
    }
    if (c.nomem) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    if (c.header_n == 0 && !stop)
        diag_add(d, DIAG_ERROR, DIAG_EMPTY_FILE, 0, 0, NULL, NULL, NULL);
    if (c.stopped)
        err = KOYU_ERR_DATA;
    info->records = c.records;

cleanup:
    if (parser_ready)
        csv_free(&p);
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    for (i = 0; i < LOADER_HEADER_NAMES; i++)
        free(c.header_names[i]);
    free(c.buf);
    free(c.offs);
    free(c.fields);
    free(conv);
    free(raw);
    return err;
}

/* ---- public ---- */

enum koyu_err
loader_read_file(const char *path, enum loader_encoding enc, loader_record_fn cb, void *ctx,
                 struct diag *d, struct loader_info *info)
{
    struct loader_src src = {0};
    enum koyu_err err;

    src.fp = fopen(path, "rb");
    if (!src.fp) {
        memset(info, 0, sizeof *info);
        diag_add(d, DIAG_ERROR, errno == ENOENT ? DIAG_FILE_MISSING : DIAG_FILE_UNREADABLE, 0, 0,
                 NULL, NULL, strerror(errno));
        return KOYU_ERR_IO;
    }
    err = loader_read(&src, enc, cb, ctx, d, info);
    if (err == KOYU_ERR_IO)
        diag_add(d, DIAG_ERROR, DIAG_FILE_UNREADABLE, 0, 0, NULL, NULL, strerror(errno));
    fclose(src.fp);
    return err;
}

enum koyu_err
loader_read_memory(const void *data, size_t size, enum loader_encoding enc, loader_record_fn cb,
                   void *ctx, struct diag *d, struct loader_info *info)
{
    struct loader_src src = {0};

    src.mem = data;
    src.size = size;
    return loader_read(&src, enc, cb, ctx, d, info);
}

const char *
loader_encoding_name(enum loader_encoding enc)
{
    return enc == LOADER_ENC_CP932 ? "CP932 (Shift_JIS)" : "UTF-8";
}

int
loader_parse_encoding(const char *s, enum loader_encoding *enc)
{
    static const struct {
        const char *name;
        enum loader_encoding enc;
    } names[] = {
        {"auto", LOADER_ENC_AUTO},       {"utf-8", LOADER_ENC_UTF8},
        {"utf8", LOADER_ENC_UTF8},       {"cp932", LOADER_ENC_CP932},
        {"shift_jis", LOADER_ENC_CP932}, {"shift-jis", LOADER_ENC_CP932},
        {"sjis", LOADER_ENC_CP932},      {"windows-31j", LOADER_ENC_CP932},
    };
    size_t i, k;
    char low[32];

    for (k = 0; s[k] && k + 1 < sizeof low; k++)
        low[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
    low[k] = '\0';
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(low, names[i].name) == 0) {
            *enc = names[i].enc;
            return 0;
        }
    return -1;
}
