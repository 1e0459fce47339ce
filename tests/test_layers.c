/* test_layers.c - the layout holds: the engine is pure (no SQLite,
 * libxlsxwriter, libcsv, no files, no other layer's headers), and the
 * sheets depend only on the writer and the store. */
#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

/* Calls check on every file of dir whose name ends in ext. */
static int
each_file(const char *dir, const char *ext, void (*check)(const char *path, const char *text))
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    if (!CHECK(d != NULL))
        return 0;
    while ((e = readdir(d)) != NULL) {
        char path[1024];
        size_t len = strlen(e->d_name);
        FILE *fp;
        char *text;
        long size;

        if (len < strlen(ext) || strcmp(e->d_name + len - strlen(ext), ext) != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        fp = fopen(path, "rb");
        if (!CHECK(fp != NULL))
            continue;
        fseek(fp, 0, SEEK_END);
        size = ftell(fp);
        fseek(fp, 0, SEEK_SET);
        text = calloc(1, (size_t)size + 1);
        if (text && fread(text, 1, (size_t)size, fp) == (size_t)size)
            check(path, text);
        free(text);
        fclose(fp);
        n++;
    }
    closedir(d);
    return n;
}

/* Fails for every match of pattern in text, naming the file. */
static void
forbid(const char *path, const char *text, const char *pattern, const char *why)
{
    regex_t re;
    regmatch_t m;

    if (!CHECK(regcomp(&re, pattern, REG_EXTENDED | REG_NEWLINE) == 0))
        return;
    if (regexec(&re, text, 1, &m, 0) == 0) {
        CHECK(!"a layer's rule is broken");
        fprintf(stderr, "    %s: '%.*s' (%s)\n", path, (int)(m.rm_eo - m.rm_so), text + m.rm_so,
                why);
    }
    regfree(&re);
}

static void
engine_rules(const char *path, const char *text)
{
    forbid(path, text, "#include <(sqlite3|xlsxwriter|csv)\\.h>", "a library of another layer");
    forbid(path, text, "#include \"koyu/(store|report|run|inventory|cli)/",
           "a header of a layer above the engine");
    forbid(path, text,
           "#include \"koyu/core/(diag|msg|text|vocab|outfile|conf|embedded|facset)\\.h\"",
           "the engine takes plain values: no text, no messages");
    forbid(path, text,
           "\\b(fopen|fdopen|fread|fwrite|fprintf|printf|fputs|puts|fgets|getenv|"
           "opendir|unlink|rename|FILE)\\b",
           "no file I/O in the engine");
}

static void
sheet_rules(const char *path, const char *text)
{
    if (!strstr(path, "/sheet_"))
        return;
    forbid(path, text, "#include \"(book|pool)\\.h\"", "a sheet depends on the writer only");
    forbid(path, text, "#include \"koyu/(run|inventory|cli)/",
           "the report reads only the database");
    forbid(path, text, "\\bportfolio_(new|add|assess)\\b", "the report computes nothing again");
}

static void
store_rules(const char *path, const char *text)
{
    forbid(path, text, "#include \"koyu/(report|run|cli)/", "the store is below these layers");
}

static void
test_engine_is_pure(void)
{
    CHECK(each_file("src/engine", ".c", engine_rules) >= 6);
    CHECK(each_file("include/koyu/engine", ".h", engine_rules) >= 7);
}

static void
test_report_reads_only_the_database(void)
{
    CHECK(each_file("src/report", ".c", sheet_rules) >= 8);
    CHECK(each_file("src/store", ".c", store_rules) >= 3);
    CHECK(each_file("include/koyu/store", ".h", store_rules) >= 1);
}

/* Every text of the catalog is used: a wording nobody reads would be
 * fixed in vain. */
static char *all_sources;
static size_t all_size;

static void
gather(const char *path, const char *text)
{
    size_t n = strlen(text);
    char *p = realloc(all_sources, all_size + n + 1);

    (void)path;
    if (!p)
        return;
    memcpy(p + all_size, text, n + 1);
    all_sources = p;
    all_size += n;
}

/* Whether text names ref as a whole word (MSG_X, not MSG_X_2). */
static int
uses(const char *text, const char *ref)
{
    const size_t n = strlen(ref);
    const char *p;

    for (p = strstr(text, ref); p; p = strstr(p + 1, ref)) {
        const char c = p[n];

        if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return 1;
    }
    return 0;
}

static void
test_catalog_entries_are_used(void)
{
    static const char *const dirs[] = {"src/core", "src/inventory", "src/store", "src/engine",
                                       "src/run",  "src/report",    "src/cli"};
    FILE *fp = fopen("include/koyu/core/msg.def", "r");
    char line[4096];
    size_t k;
    int entries = 0;

    all_sources = NULL;
    all_size = 0;
    for (k = 0; k < sizeof dirs / sizeof dirs[0]; k++)
        each_file(dirs[k], ".c", gather);
    if (!CHECK(fp != NULL && all_sources != NULL)) {
        free(all_sources);
        return;
    }
    while (fgets(line, sizeof line, fp)) {
        char id[128], ref[140];

        if (sscanf(line, "MSG(%127[A-Z0-9_],", id) != 1)
            continue;
        entries++;
        snprintf(ref, sizeof ref, "MSG_%s", id);
        if (!CHECK(uses(all_sources, ref)))
            fprintf(stderr, "    %s is in msg.def but no source uses it\n", ref);
    }
    fclose(fp);
    CHECK(entries > 300);
    free(all_sources);
}

void
suite_layers(void)
{
    RUN(test_engine_is_pure);
    RUN(test_report_reads_only_the_database);
    RUN(test_catalog_entries_are_used);
}
