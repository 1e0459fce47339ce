/* blank.c - blank input templates and the column dictionary. */
#include "koyu/inventory/blank.h"
#include "koyu/core/msg.h"

#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "koyu/core/outfile.h"
#include "koyu/core/vocab.h"
#include "koyu/inventory/inventory.h"

/* Writes one CSV row of n fields, CRLF.  Only fields that need it are
 * quoted (libcsv's csv_fwrite quotes every field, which makes a header row
 * harder to read in a text editor). */
static int
blank_row(FILE *fp, const char *const *fields, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (i && fputc(',', fp) == EOF)
            return -1;
        if (strpbrk(fields[i], ",\"\r\n")) {
            if (csv_fwrite(fp, fields[i], strlen(fields[i])) != 0)
                return -1;
        } else if (fputs(fields[i], fp) == EOF) {
            return -1;
        }
    }
    return fputs("\r\n", fp) == EOF ? -1 : 0;
}

/* What a column accepts, for the dictionary. */
static const char *
blank_allowed(const struct inv_column *c, enum koyu_lang lang, char *buf, size_t size)
{
    switch (c->type) {
    case INV_T_CHOICE:
        return vocab_allowed((enum vocab_kind)c->vocab, KOYU_LANG_JA, buf, size);
    case INV_T_GRADE:
        return "A, B, C, D";
    case INV_T_YEAR:
        if (c->flags & INV_PLAN_YEAR)
            return msg(lang, MSG_TPL_THE_BASE_YEAR_TO_99_YEARS);
        return msg(lang, MSG_TPL_1868_TO_THE_BASE_YEAR_1975);
    case INV_T_PCT:
        return msg(lang, MSG_TPL_0_TO_100);
    case INV_T_COUNT:
        if (c->max > 0) {
            msg_format(buf, size, lang, MSG_TPL_WHOLE_NUMBER_0_TO, c->max);
            return buf;
        }
        return msg(lang, MSG_TPL_WHOLE_NUMBER_0);
    case INV_T_AREA:
        if (c->flags & INV_POSITIVE)
            return msg(lang, MSG_TPL_NUMBER_0_1_234_5_AND);
        return msg(lang, MSG_TPL_NUMBER_0);
    case INV_T_YEN:
        return msg(lang, MSG_TPL_YEN_0_1_234_000_AND);
    case INV_T_ID:
        return msg(lang, MSG_TPL_TEXT_UNIQUE);
    case INV_T_TEXT:
        break;
    }
    return msg(lang, MSG_TPL_TEXT);
}

static enum koyu_err
blank_write_file(const char *dir, const char *name, enum inv_file f, int dictionary,
                 enum koyu_lang lang)
{
    struct outfile o;
    char path[4096];
    enum koyu_err err;
    int bad = 0;
    size_t i, k;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    err = outfile_open(&o, path);
    if (err)
        return err;
    bad |= fputs("\xEF\xBB\xBF", o.fp) == EOF; /* BOM: Excel then reads UTF-8 */
    if (!dictionary) {
        const struct inv_column *cols;
        const char *heads[INV_MAX_COLUMNS];
        size_t n = inventory_columns(f, &cols);

        for (i = 0; i < n; i++)
            heads[i] = cols[i].ja;
        bad |= blank_row(o.fp, heads, n) != 0;
    } else {
        static const enum msg_id head_ids[] = {
            MSG_TPL_FILE, MSG_TPL_HEADER,      MSG_TPL_KEY,           MSG_TPL_REQUIRED,
            MSG_TPL_UNIT, MSG_TPL_DESCRIPTION, MSG_TPL_ALLOWED_VALUES};
        const char *head[7];

        for (i = 0; i < 7; i++)
            head[i] = msg(lang, head_ids[i]);
        bad |= blank_row(o.fp, head, 7) != 0;
        for (k = 0; k < INV__FILES; k++) {
            const struct inv_column *cols;
            size_t n = inventory_columns((enum inv_file)k, &cols);

            for (i = 0; i < n; i++) {
                char allowed[512];
                const char *row[7];
                int req = (cols[i].flags & INV_REQUIRED) != 0;

                row[0] = inventory_file_name((enum inv_file)k);
                row[1] = cols[i].ja;
                row[2] = cols[i].key;
                row[3] = req ? (msg(lang, MSG_TPL_YES)) : "";
                row[4] = cols[i].unit_ja ? cols[i].unit_ja : "";
                row[5] = lang == KOYU_LANG_EN ? cols[i].desc_en : cols[i].desc_ja;
                row[6] = blank_allowed(&cols[i], lang, allowed, sizeof allowed);
                bad |= blank_row(o.fp, row, 7) != 0;
            }
        }
    }
    if (bad) {
        outfile_abort(&o);
        return KOYU_ERR_IO;
    }
    return outfile_commit(&o);
}

enum koyu_err
blank_write(const char *dir, int force, enum koyu_lang lang, const char **existing)
{
    static const char *const names[] = {"facilities.csv", "buildings.csv", "usage.csv",
                                        "policy.csv", "columns.csv"};
    char path[4096];
    enum koyu_err err;
    size_t i;

    *existing = NULL;
    if (outfile_mkdir(dir) != 0)
        return KOYU_ERR_IO;
    for (i = 0; i < INV__FILES + 1 && !force; i++) {
        FILE *fp;

        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        fp = fopen(path, "rb");
        if (fp) {
            fclose(fp);
            *existing = names[i];
            return KOYU_ERR_IO;
        }
    }
    for (i = 0; i < INV__FILES; i++) {
        err = blank_write_file(dir, names[i], (enum inv_file)i, 0, lang);
        if (err)
            return err;
    }
    return blank_write_file(dir, names[INV__FILES], INV_FACILITIES, 1, lang);
}
