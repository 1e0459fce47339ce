/*
 * outfile.h - files written whole or not at all: data goes to a temporary
 * file in the target's directory, which is renamed over the target only on
 * success, so a failed run leaves the previous file as it was.
 */
#ifndef KOYU_OUTFILE_H
#define KOYU_OUTFILE_H

#include <stdio.h>

#include "koyu/core/errors.h"

struct outfile {
    FILE *fp;        /* write here; owned until commit or abort */
    char tmp[4096];  /* temporary path */
    char path[4096]; /* final path */
};

/* Creates a temporary file next to path and opens it for writing. */
enum koyu_err outfile_open(struct outfile *o, const char *path);

/* Flushes, syncs and renames the temporary file to the final path. */
enum koyu_err outfile_commit(struct outfile *o);

/* Closes and removes the temporary file; safe after a commit or twice. */
void outfile_abort(struct outfile *o);

/* Creates directory path (one level) if missing; 0 on success. */
int outfile_mkdir(const char *path);

#endif
