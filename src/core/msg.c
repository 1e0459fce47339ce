/* msg.c - the message catalog (msg.h); the texts are in msg.def. */
#include "koyu/core/msg.h"

#include <stdarg.h>
#include <string.h>

static const char *const msg_texts[MSG__COUNT][2] = {
#define MSG(id, ja, en) [MSG_##id] = {ja, en},
#include "koyu/core/msg.def"
#undef MSG
};

static const char *const msg_keys[MSG__COUNT] = {
#define MSG(id, ja, en) [MSG_##id] = #id,
#include "koyu/core/msg.def"
#undef MSG
};

const char *
msg(enum koyu_lang lang, enum msg_id id)
{
    if ((unsigned)id >= MSG__COUNT)
        return "?";
    return msg_texts[id][lang == KOYU_LANG_EN];
}

const char *
msg_key(enum msg_id id)
{
    return (unsigned)id < MSG__COUNT ? msg_keys[id] : "?";
}

/* The catalog's texts are formats: the compiler cannot check them at the
 * call, so the catalog's test checks that both languages of every entry
 * take the same conversions, in the same order. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

char *
msg_format(char *buf, size_t size, enum koyu_lang lang, enum msg_id id, ...)
{
    va_list ap;

    if (size == 0)
        return buf;
    va_start(ap, id);
    vsnprintf(buf, size, msg(lang, id), ap);
    va_end(ap);
    return buf;
}

char *
msg_vformat(char *buf, size_t size, enum koyu_lang lang, enum msg_id id, va_list ap)
{
    if (size > 0)
        vsnprintf(buf, size, msg(lang, id), ap);
    return buf;
}

char *
msg_append(char *buf, size_t size, enum koyu_lang lang, enum msg_id id, ...)
{
    size_t n = strnlen(buf, size);
    va_list ap;

    if (n + 1 >= size)
        return buf;
    va_start(ap, id);
    vsnprintf(buf + n, size - n, msg(lang, id), ap);
    va_end(ap);
    return buf;
}

int
msg_print(FILE *fp, enum koyu_lang lang, enum msg_id id, ...)
{
    va_list ap;
    int n;

    va_start(ap, id);
    n = vfprintf(fp, msg(lang, id), ap);
    va_end(ap);
    return n;
}

#pragma GCC diagnostic pop
