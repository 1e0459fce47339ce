/*
 * msg.h - the message catalog: every text koyu writes for a person (console
 * lines, workbook labels, reasons), in Japanese and English, in one place:
 * msg.def.  Text is chosen at the last step, in the reader's language;
 * results hold figures and codes, never words.  Diagnostics about input
 * data keep their own table (diag.c), with their stable keys.
 */
#ifndef KOYU_MSG_H
#define KOYU_MSG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "koyu/core/diag.h"

enum msg_id {
#define MSG(id, ja, en) MSG_##id,
#include "koyu/core/msg.def"
#undef MSG
    MSG__COUNT
};

/* The text of id in lang; static, never NULL. */
const char *msg(enum koyu_lang lang, enum msg_id id);

/* Formats the text of id (a printf format; the catalog's test checks that
 * both languages take the same arguments) into buf; returns buf. */
char *msg_format(char *buf, size_t size, enum koyu_lang lang, enum msg_id id, ...);

/* msg_format with a va_list. */
char *msg_vformat(char *buf, size_t size, enum koyu_lang lang, enum msg_id id, va_list ap);

/* Appends the formatted text of id to buf (NUL-terminated, cut to size). */
char *msg_append(char *buf, size_t size, enum koyu_lang lang, enum msg_id id, ...);

/* Prints the formatted text of id to fp. */
int msg_print(FILE *fp, enum koyu_lang lang, enum msg_id id, ...);

/* The key of id ("REASON_POLICY"), for tests. */
const char *msg_key(enum msg_id id);

#endif
