/*
 * blank.h - the blank input templates: the three CSV files with their
 * Japanese header rows, and the column dictionary (columns.csv), all made
 * from the column tables in inventory.c so they can never drift apart.
 */
#ifndef KOYU_BLANK_H
#define KOYU_BLANK_H

#include "koyu/core/diag.h"
#include "koyu/core/errors.h"

/* Writes facilities.csv, buildings.csv, usage.csv and columns.csv into dir
 * (created if missing) as UTF-8 with BOM and CRLF, as Excel in Japan
 * expects.  Existing files are kept unless force is set: then *existing
 * names the first one found and KOYU_ERR_IO is returned before anything is
 * written.  The dictionary is in lang. */
enum koyu_err blank_write(const char *dir, int force, enum koyu_lang lang, const char **existing);

#endif
