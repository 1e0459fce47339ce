/* errors.c - message table for enum koyu_err. */
#include "koyu/core/errors.h"

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

int
koyu_exit_status(enum koyu_err e)
{
    if (e == KOYU_OK)
        return 0;
    return e == KOYU_ERR_USAGE ? 2 : 1;
}
