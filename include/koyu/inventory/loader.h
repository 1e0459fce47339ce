/*
 * loader.h - reads one CSV file the way municipal exports come: UTF-8 with
 * or without BOM or CP932/Shift_JIS (detected), CRLF, quoted fields with
 * commas and newlines.  Wraps libcsv; streams, so memory stays bounded by
 * the longest row, not the file.
 *
 * Structural problems (bad bytes, unterminated quotes, stray quotes, ragged
 * rows, empty file) are reported to the diag with line and column; the rows
 * they affect are not passed on.  The file's SHA-256 is computed on the way.
 */
#ifndef KOYU_LOADER_H
#define KOYU_LOADER_H

#include <stddef.h>

#include "koyu/core/diag.h"
#include "koyu/core/errors.h"

enum loader_encoding { LOADER_ENC_AUTO = 0, LOADER_ENC_UTF8, LOADER_ENC_CP932 };

/* Longest field accepted, in bytes; longer ones (and runaway quotes) stop
 * the file with DIAG_FIELD_TOO_LONG. */
#define LOADER_MAX_FIELD (128 * 1024)

struct loader_info {
    char sha256[65];               /* hex digest of the file's bytes */
    unsigned long long bytes;      /* file size */
    long records;                  /* data records passed on or rejected */
    enum loader_encoding encoding; /* as detected or forced */
    int bom;                       /* 1 if a UTF-8 BOM was stripped */
};

/* Called once per record, the header row first.  line is the physical line
 * the record starts on; fields are NUL-terminated, owned by the loader and
 * writable until the call returns.  broken is set for a record the loader
 * already reported (ragged, bad bytes, a quote error): its fields are what
 * could be read, so the caller can tell which id it would have had.
 * Return 0 to go on, non-zero to stop the file (the loader then returns
 * KOYU_ERR_DATA). */
typedef int (*loader_record_fn)(void *ctx, long line, char **fields, size_t n, int broken);

/* Reads the file at path, calling cb for every well-formed record.  Data
 * problems go to d (whose current file the caller has set); returns
 * KOYU_OK even when d got errors, KOYU_ERR_IO if the file cannot be read,
 * KOYU_ERR_DATA if cb asked to stop, KOYU_ERR_NOMEM or KOYU_ERR_ENCODING. */
enum koyu_err loader_read_file(const char *path, enum loader_encoding enc, loader_record_fn cb,
                               void *ctx, struct diag *d, struct loader_info *info);

/* The same on bytes in memory (tests and the fuzzer). */
enum koyu_err loader_read_memory(const void *data, size_t size, enum loader_encoding enc,
                                 loader_record_fn cb, void *ctx, struct diag *d,
                                 struct loader_info *info);

/* "utf-8" or "cp932". */
const char *loader_encoding_name(enum loader_encoding enc);

/* Parses an --encoding value (utf-8, utf8, cp932, shift_jis, sjis, auto);
 * returns 0 and sets *enc, or -1. */
int loader_parse_encoding(const char *s, enum loader_encoding *enc);

#endif
