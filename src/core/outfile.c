/* outfile.c - write-to-temporary-then-rename output files. */
#include "koyu/core/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum koyu_err
outfile_open(struct outfile *o, const char *path)
{
    const char *slash = strrchr(path, '/');
    int fd, n;

    memset(o, 0, sizeof *o);
    if (strlen(path) + 16 >= sizeof o->tmp)
        return KOYU_ERR_IO;
    snprintf(o->path, sizeof o->path, "%s", path);
    /* same directory, so the rename never crosses file systems */
    if (slash)
        n = snprintf(o->tmp, sizeof o->tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path,
                     slash + 1);
    else
        n = snprintf(o->tmp, sizeof o->tmp, ".%s.XXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof o->tmp)
        return KOYU_ERR_IO;
    fd = mkstemp(o->tmp);
    if (fd < 0) {
        o->tmp[0] = '\0';
        return KOYU_ERR_IO;
    }
    {
        /* the mode a plain create would give: mkstemp makes 0600 */
        mode_t mask = umask(0);

        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    o->fp = fdopen(fd, "wb");
    if (!o->fp) {
        close(fd);
        unlink(o->tmp);
        o->tmp[0] = '\0';
        return KOYU_ERR_IO;
    }
    return KOYU_OK;
}

/* Syncs the directory holding path, so the rename itself is durable. */
static void
outfile_sync_dir(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    int fd;

    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path) > 0 ? (int)(slash - path) : 1, path);
    else
        snprintf(dir, sizeof dir, ".");
    fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

enum koyu_err
outfile_commit(struct outfile *o)
{
    int bad;

    if (!o->fp)
        return KOYU_ERR_IO;
    bad = fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0;
    bad |= fclose(o->fp) != 0;
    o->fp = NULL;
    if (bad || rename(o->tmp, o->path) != 0) {
        unlink(o->tmp);
        o->tmp[0] = '\0';
        return KOYU_ERR_IO;
    }
    o->tmp[0] = '\0';
    outfile_sync_dir(o->path);
    return KOYU_OK;
}

void
outfile_abort(struct outfile *o)
{
    if (o->fp) {
        fclose(o->fp);
        o->fp = NULL;
    }
    if (o->tmp[0]) {
        unlink(o->tmp);
        o->tmp[0] = '\0';
    }
}

int
outfile_mkdir(const char *path)
{
    struct stat st;

    if (mkdir(path, 0755) == 0)
        return 0;
    if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    return -1;
}
