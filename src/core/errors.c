/* errors.c - message table for enum koyu_err. */
#include "koyu/core/errors.h"

#include "koyu/core/msg.h"

static const char *const koyu_err_msg[] = {
    [KOYU_OK] = "no error",
    [KOYU_ERR_NOMEM] = "out of memory",
    [KOYU_ERR_IO] = "input/output error",
    [KOYU_ERR_USAGE] = "usage error",
    [KOYU_ERR_DATA] = "the input data has errors",
    [KOYU_ERR_CSV] = "CSV parser failure",
    [KOYU_ERR_ENCODING] = "unsupported character encoding",
    [KOYU_ERR_DB] = "database error",
    [KOYU_ERR_DB_NEWER] = "database was written by a newer koyu",
    [KOYU_ERR_DB_FOREIGN] = "file is not a koyu database",
};

_Static_assert(sizeof koyu_err_msg / sizeof koyu_err_msg[0] == KOYU_ERR__COUNT,
               "koyu_err_msg out of sync with enum koyu_err");

/* Clamp like lxw_strerror so a stray value never indexes out of bounds. */
const char *
koyu_strerror(enum koyu_err e)
{
    if ((unsigned)e >= KOYU_ERR__COUNT)
        return "unknown error";
    return koyu_err_msg[e];
}

const char *
koyu_strerror_lang(enum koyu_err e, enum koyu_lang lang)
{
    static const enum msg_id ids[] = {
        [KOYU_OK] = MSG_ERR_OK,
        [KOYU_ERR_NOMEM] = MSG_ERR_NOMEM,
        [KOYU_ERR_IO] = MSG_ERR_IO,
        [KOYU_ERR_USAGE] = MSG_ERR_USAGE,
        [KOYU_ERR_DATA] = MSG_ERR_DATA,
        [KOYU_ERR_CSV] = MSG_ERR_CSV,
        [KOYU_ERR_ENCODING] = MSG_ERR_ENCODING,
        [KOYU_ERR_DB] = MSG_ERR_DB,
        [KOYU_ERR_DB_NEWER] = MSG_ERR_DB_NEWER,
        [KOYU_ERR_DB_FOREIGN] = MSG_ERR_DB_FOREIGN,
    };
    _Static_assert(sizeof ids / sizeof ids[0] == KOYU_ERR__COUNT, "ids and enum koyu_err");

    if ((unsigned)e >= KOYU_ERR__COUNT)
        return koyu_strerror(e);
    return msg(lang, ids[e]);
}

int
koyu_exit_status(enum koyu_err e)
{
    if (e == KOYU_OK)
        return 0;
    return e == KOYU_ERR_USAGE ? 2 : 1;
}
