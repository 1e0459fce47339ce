/* test_pinning.c - the shipped defaults pinned through their effect.
 *
 * fixtures/pinning/inventory is a small municipality built so that every
 * default parameter moves some stored result: ages on every band edge,
 * every structure, graded, partly graded and ungraded buildings, every
 * seismic status, groups of 6, 4 and 2 facilities with usage data (the
 * 偏差値 fallbacks), closing and suspended facilities, policy rows with
 * and without 実施年度, owned and leased land, essential facilities by
 * column, and each cell of types.csv.
 *
 * - test_pinning_golden runs koyu on it with the shipped parameters and
 *   scenarios (and one scenario of fixtures/pinning that leaves the Monte
 *   Carlo at its compiled-in defaults) and compares every result table
 *   with fixtures/expected/pinning-results.txt.  KOYU_PIN_UPDATE=1
 *   rewrites that file instead.
 * - test_pinning_every_default_has_an_effect reads the shipped files
 *   themselves (lcc.conf, categories.csv, structures.csv, types.csv,
 *   the shipped scenarios), changes each parameter alone, and checks
 *   that the results differ from the unchanged run.  A parameter that
 *   cannot have an effect is listed below with the reason, and is checked
 *   to still have none.
 *
 * Both drive the command line and read the database only. */
#include <dirent.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testlib.h"

#define PIN_YEAR      "2026"
#define PIN_INVENTORY "fixtures/pinning/inventory"
/* recent_investment_yen for budget-cap, whose cap is a multiple of it */
#define PIN_PARAMS    "fixtures/pinning/params"
#define PIN_EXPECTED  "fixtures/expected/pinning-results.txt"

/* ---- a growing text buffer ---- */

struct pin_buf {
    char *p;
    size_t n, cap;
};

static void
pin_put(struct pin_buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        char *p;

        while (cap < b->n + n + 1)
            cap *= 2;
        p = realloc(b->p, cap);
        if (!p)
            abort();
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void
pin_printf(struct pin_buf *b, const char *fmt, ...)
{
    char s[1024];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(s, sizeof s, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    pin_put(b, s, (size_t)n < sizeof s ? (size_t)n : sizeof s - 1);
}

static void
pin_free(struct pin_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

static double
pin_seconds(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* ---- the dump of a run's results ---- */

/* Columns that identify a run rather than say what it computed: left out
 * of every dump (run_id and the timestamps differ from run to run; batch
 * is the run's time; the version changes with every release). */
static const char *const pin_skip_always[] = {"run_id", "created_at", "koyu_version", "batch",
                                              NULL};
/* Left out as well when one scenario's results are compared with
 * another's: its name, file and place in the batch. */
static const char *const pin_skip_compare[] = {"scenario", "scenario_file", "position", NULL};

static int
pin_in(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

/* Appends one value as the dump prints it: integers as they are, reals
 * to 10 significant digits, text with line breaks escaped. */
static void
pin_value(struct pin_buf *b, sqlite3_stmt *st, int i)
{
    const unsigned char *t;

    switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL:
        pin_put(b, "NULL", 4);
        break;
    case SQLITE_INTEGER:
        pin_printf(b, "%lld", (long long)sqlite3_column_int64(st, i));
        break;
    case SQLITE_FLOAT:
        pin_printf(b, "%.10g", sqlite3_column_double(st, i));
        break;
    default:
        for (t = sqlite3_column_text(st, i); t && *t; t++) {
            if (*t == '\n')
                pin_put(b, "\\n", 2);
            else if (*t == '|')
                pin_put(b, "\\|", 2);
            else
                pin_put(b, (const char *)t, 1);
        }
        break;
    }
}

/* Dumps every table and view of db with a run_id column: a header line
 * per table with its columns, then one line per row, "table|scenario|v|v…",
 * rows in the order of all their columns.  With scenario set, only that
 * scenario's rows, without the columns that name it and without
 * lcc_params (which echoes the parameters themselves: a changed
 * parameter must show in what is computed from it).  Returns 0, or -1
 * with a message on b. */
static int
pin_dump(const char *db, const char *scenario, struct pin_buf *b)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *tables = NULL;
    int rc = -1;

    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        goto done;
    if (sqlite3_prepare_v2(h,
                           "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                           " ORDER BY name",
                           -1, &tables, NULL) != SQLITE_OK)
        goto done;
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        struct pin_buf sql = {0}, cols = {0};
        sqlite3_stmt *info = NULL, *rows = NULL;
        char q[256];
        int has_run = 0, ncols = 0, i, ok;

        if (scenario && strcmp(name, "lcc_params") == 0)
            continue;
        snprintf(q, sizeof q, "PRAGMA table_info(\"%s\")", name);
        if (sqlite3_prepare_v2(h, q, -1, &info, NULL) != SQLITE_OK) {
            sqlite3_finalize(info);
            goto done;
        }
        while (sqlite3_step(info) == SQLITE_ROW) {
            const char *col = (const char *)sqlite3_column_text(info, 1);

            if (strcmp(col, "run_id") == 0)
                has_run = 1;
            if (pin_in(pin_skip_always, col) || (scenario && pin_in(pin_skip_compare, col)))
                continue;
            pin_printf(&sql, ", t.\"%s\"", col);
            pin_printf(&cols, " %s", col);
            ncols++;
        }
        sqlite3_finalize(info);
        if (!has_run || ncols == 0) {
            pin_free(&sql);
            pin_free(&cols);
            continue;
        }
        {
            struct pin_buf full = {0};

            pin_printf(&full,
                       "SELECT r.scenario%s FROM \"%s\" t JOIN lcc_runs r"
                       " ON r.run_id = t.run_id%s ORDER BY 1",
                       sql.p, name, scenario ? " WHERE r.scenario = ?1" : "");
            for (i = 2; i <= ncols + 1; i++)
                pin_printf(&full, ", %d", i);
            ok = sqlite3_prepare_v2(h, full.p, -1, &rows, NULL) == SQLITE_OK;
            pin_free(&full);
        }
        if (ok && scenario)
            sqlite3_bind_text(rows, 1, scenario, -1, SQLITE_TRANSIENT);
        pin_printf(b, "## %s:%s\n", name, cols.p);
        while (ok && sqlite3_step(rows) == SQLITE_ROW) {
            pin_put(b, name, strlen(name));
            for (i = scenario ? 1 : 0; i <= ncols; i++) {
                pin_put(b, "|", 1);
                pin_value(b, rows, i);
            }
            pin_put(b, "\n", 1);
        }
        sqlite3_finalize(rows);
        pin_free(&sql);
        pin_free(&cols);
        if (!ok)
            goto done;
    }
    rc = 0;
done:
    if (rc)
        pin_printf(b, "dump failed: %s\n", h ? sqlite3_errmsg(h) : "no database");
    sqlite3_finalize(tables);
    sqlite3_close(h);
    return rc;
}

/* ---- running koyu ---- */

static int
pin_write(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    int ok;

    if (!fp)
        return -1;
    ok = fputs(text, fp) >= 0;
    return fclose(fp) == 0 && ok ? 0 : -1;
}

static char *
pin_read(const char *path)
{
    struct pin_buf b = {0};
    char s[4096];
    FILE *fp = fopen(path, "rb");
    size_t n;

    if (!fp)
        return NULL;
    pin_put(&b, "", 0);
    while ((n = fread(s, 1, sizeof s, fp)) > 0)
        pin_put(&b, s, n);
    fclose(fp);
    return b.p;
}

/* Imports the fixture into dir/koyu.db; returns 0 or -1. */
static int
pin_import(const char *dir, char *db, size_t size)
{
    char out[4096];

    snprintf(db, size, "%s/koyu.db", dir);
    if (tl_sh(out, sizeof out,
              "SOURCE_DATE_EPOCH=1775000000 %s --lang ja import --db '%s' --year " PIN_YEAR
              " " PIN_INVENTORY,
              tl_koyu(), db) != 0) {
        fprintf(stderr, "    import failed:\n%s", out);
        return -1;
    }
    return 0;
}

/* One koyu assess over the scenarios (at most 16) with extra options;
 * returns 0 or -1 with koyu's messages shown. */
static int
pin_assess(const char *db, const char *extra, char *const *scenarios, size_t n)
{
    struct pin_buf cmd = {0};
    static char out[16384];
    size_t i;
    int rc;

    pin_printf(&cmd, "%s --lang ja assess --db '%s' --year " PIN_YEAR " %s", tl_koyu(), db, extra);
    for (i = 0; i < n; i++)
        pin_printf(&cmd, " --scenario '%s'", scenarios[i]);
    rc = tl_sh(out, sizeof out, "%s", cmd.p);
    if (rc != 0)
        fprintf(stderr, "    koyu failed (%d): %s\n%s", rc, cmd.p, out);
    pin_free(&cmd);
    return rc == 0 ? 0 : -1;
}

/* Splits a dump line at its unescaped '|' in place; returns the fields. */
static int
pin_fields(char *line, char **f, int max)
{
    int n = 0;
    char *r = line;

    f[n++] = line;
    for (; *r && n < max; r++) {
        if (*r == '\\' && r[1]) {
            r++;
            continue;
        }
        if (*r == '|') {
            *r = '\0';
            f[n++] = r + 1;
        }
    }
    return n;
}

/* The column names of table in a dump, from its "## table: a b c" line,
 * split in place in a copy the caller frees; returns how many. */
static int
pin_columns(const char *dump, const char *table, char **copy, char **col, int max)
{
    char head[200], *p, *nl;
    int n = 0;

    snprintf(head, sizeof head, "## %s:", table);
    *copy = NULL;
    for (p = strstr(dump, head); p && p != dump && p[-1] != '\n'; p = strstr(p + 1, head))
        ;
    if (!p)
        return 0;
    nl = strchr(p, '\n');
    *copy = strndup(p + strlen(head), nl ? (size_t)(nl - p) - strlen(head) : strlen(p));
    for (p = strtok(*copy, " "); p && n < max; p = strtok(NULL, " "))
        col[n++] = p;
    return n;
}

/* Prints a value from byte from (a character boundary), at most 48 bytes
 * of it cut at a character boundary, with "…" where it was cut. */
static void
pin_show_value(const char *v, size_t from)
{
    size_t n = strlen(v + from), k = n > 48 ? 48 : n;

    while (k < n && k > 0 && ((unsigned char)v[from + k] & 0xC0) == 0x80)
        k--;
    fprintf(stderr, "%s%.*s%s", from ? "…" : "", (int)k, v + from, k < n ? "…" : "");
}

/* Where two values start to differ, a little before, at a character
 * boundary: long texts are shown from there. */
static size_t
pin_diff_from(const char *a, const char *b)
{
    size_t k = 0;

    while (a[k] && a[k] == b[k])
        k++;
    if (k < 24)
        return 0;
    k -= 12;
    while (k > 0 && ((unsigned char)a[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/* Shows what changed between two dumps, from diff's output in path: for a
 * row changed in place, the row's first fields and every column that
 * differs with its two values; other lines as they are, cut.  At most
 * limit lines. */
static void
pin_show_diff(const char *path, const char *want, int limit)
{
    char *text = pin_read(path), *line, *nl;
    char *old[64], *new_[64];
    int nold = 0, nnew = 0, shown = 0, i, k;

    for (line = text; line && *line && shown < limit; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl)
            break;
        *nl = '\0';
        if (line[0] == '<' && nold < 64)
            old[nold++] = line + 2;
        else if (line[0] == '>' && nnew < 64)
            new_[nnew++] = line + 2;
        if (nl[1] != '<' && nl[1] != '>' && nl[1] != '-' && (nold || nnew)) {
            /* the end of a hunk */
            for (i = 0; i < nold && i < nnew && nold == nnew && shown < limit; i++) {
                char *fo[128], *fn[128], *cols[128], *copy;
                int no = pin_fields(old[i], fo, 128), nn = pin_fields(new_[i], fn, 128);
                int nc = pin_columns(want, fo[0], &copy, cols, 128);

                int changed = 0;

                fprintf(stderr, "    %s|%s|%s:", fo[0], no > 1 ? fo[1] : "", no > 2 ? fo[2] : "");
                for (k = 2; k < no && k < nn; k++)
                    if (strcmp(fo[k], fn[k]) != 0 && changed++ < 3) {
                        size_t from = pin_diff_from(fo[k], fn[k]);

                        fprintf(stderr, " %s ", k - 2 < nc ? cols[k - 2] : "?");
                        pin_show_value(fo[k], from);
                        fprintf(stderr, " -> ");
                        pin_show_value(fn[k], from);
                        fprintf(stderr, ";");
                    }
                if (changed > 3)
                    fprintf(stderr, " and %d more columns", changed - 3);
                fprintf(stderr, "\n");
                free(copy);
                shown++;
            }
            if (nold != nnew) {
                for (i = 0; i < nold && shown < limit; i++, shown++) {
                    fprintf(stderr, "    < ");
                    pin_show_value(old[i], 0);
                    fprintf(stderr, "\n");
                }
                for (i = 0; i < nnew && shown < limit; i++, shown++) {
                    fprintf(stderr, "    > ");
                    pin_show_value(new_[i], 0);
                    fprintf(stderr, "\n");
                }
            }
            nold = nnew = 0;
        }
    }
    free(text);
}

/* ---- the golden results ---- */

static void
test_pinning_golden(void)
{
    const char *dir = tl_tmpdir("pinning-golden");
    char db[600], got_path[700], out[8192];
    struct pin_buf got = {0};
    char *want;
    double t0 = pin_seconds();

    if (!CHECK(pin_import(dir, db, sizeof db) == 0))
        return;
    /* the shipped parameters; budget-cap needs the investment level */
    if (!CHECK(pin_assess(db,
                          "--detail --scenario mic --scenario extend80 --scenario kushiro70"
                          " --scenario reduce20"
                          " --scenario fixtures/pinning/scenarios/mc-defaults.conf",
                          NULL, 0) == 0) ||
        !CHECK(pin_assess(db, "--detail --params " PIN_PARAMS " --scenario budget-cap", NULL, 0) ==
               0))
        return;
    CHECK(pin_dump(db, NULL, &got) == 0);
    if (getenv("KOYU_PIN_UPDATE") && *getenv("KOYU_PIN_UPDATE")) {
        CHECK(pin_write(PIN_EXPECTED, got.p) == 0);
        printf("    wrote %s\n", PIN_EXPECTED);
        pin_free(&got);
        return;
    }
    want = pin_read(PIN_EXPECTED);
    CHECK(want != NULL);
    if (want && !CHECK(strcmp(got.p, want) == 0)) {
        snprintf(got_path, sizeof got_path, "%s/got.txt", dir);
        pin_write(got_path, got.p);
        tl_sh(out, sizeof out, "diff '%s' '%s' > '%s.diff'; grep -c '^>' '%s.diff'", PIN_EXPECTED,
              got_path, got_path, got_path);
        fprintf(stderr, "    the results differ from %s in %ld lines (expected -> got):\n",
                PIN_EXPECTED, strtol(out, NULL, 10));
        snprintf(got_path + strlen(got_path), sizeof got_path - strlen(got_path), ".diff");
        pin_show_diff(got_path, want, 12);
        fprintf(stderr,
                "    if the change is intended: KOYU_PIN_UPDATE=1 make test, then review"
                " git diff %s\n",
                PIN_EXPECTED);
    }
    free(want);
    pin_free(&got);
    printf("    golden: %.2f s\n", pin_seconds() - t0);
}

/* ---- every default, changed alone ---- */

/* Parameters that cannot change any result with the other defaults as
 * shipped, and why.  Each is still run, and the test fails when one of
 * them starts to have an effect (then pin it: take it off this list). */
struct pin_inert {
    const char *key;
    const char *why;
};

static const struct pin_inert pin_inert[] = {
    {"extend80.backlog_rebuild_min_age",
     "a building follows the extend80 cycle only while it can be extended, aged at most"
     " extend80.life_extension_max_age (50) at Y0, so never past extend80.life_years (80):"
     " the rebuild backlog of that cycle is never reached"},
    {"structures.W.target_life_years",
     "W is not extendable (structures.W.extendable = no), and target-life gives the"
     " structure's life only to extendable structures; W stays on the 60-year MIC cycle"},
    {"structures.LGS.target_life_years",
     "LGS is not extendable: as W, it stays on the 60-year MIC cycle"},
    {"structures.other.target_life_years",
     "other is not extendable: as W, it stays on the 60-year MIC cycle"},
    {"assess.benchmark.cost_recovery_mean",
     "assess.use_cost_recovery = no: the ratio is shown, not scored, so its benchmark is never"
     " read"},
    {"assess.benchmark.cost_recovery_sd", "the same"},
    {"assess.benchmark.cost_per_user_mean",
     "assess.use_cost_per_user = no (千葉市 leaves it out): never scored, its benchmark never"
     " read"},
    {"assess.benchmark.cost_per_user_sd", "the same"},
    {NULL, NULL},
};

static const char *
pin_inert_why(const char *key)
{
    const struct pin_inert *x;

    for (x = pin_inert; x->key; x++)
        if (strcmp(x->key, key) == 0)
            return x->why;
    return NULL;
}

/* Columns of the shipped tables that are not parameters, and why. */
static const struct pin_inert pin_not_parameters[] = {
    {"name_ja", "a label: koyu does not read it (names come from its vocabulary)"},
    {"source", "documentation: the source of the row, shown in the Assumptions sheet"},
    {NULL, NULL},
};

/* Changed values where the generic rule (below) would leave the valid
 * range or not mean anything. */
static const struct {
    const char *key, *value;
} pin_override[] = {
    {"first_year_t", "0"},                   /* 0 or 1 */
    {"recent_investment_yen", "900000000"},  /* 0 means not known */
    {"lease_yen_m2", "500"},                 /* 0: none */
    {"assess.grade_points_a", "95"},         /* at most 100 */
    {"assess.no_survey_young_points", "95"}, /* at most 100 */
    {"reduction.years", "30"},               /* at most horizon_years */
    {NULL, NULL},
};

/* One parameter changed alone. */
struct pin_case {
    char key[160];  /* "discount_rate", "categories.school.rebuild_yen_m2", "types.school.essential"
                     */
    char from[256]; /* its shipped value */
    char to[256];   /* the changed one */
    int effect;     /* what the run showed */
    char where[64]; /* under which model it showed */
};

static void
pin_trim(char *s)
{
    size_t n = strlen(s), k = 0;

    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    while (s[k] == ' ' || s[k] == '\t')
        k++;
    memmove(s, s + k, n - k + 1);
}

/* The generic change of a value: yes/no flipped; a model swapped; a
 * distribution's last number x 1.1; a yen amount x 1.1; a whole number
 * + 1; a decimal x 1.1 (0.01 from 0); any other text marked. */
static void
pin_change(const char *key, const char *from, char *to, size_t size)
{
    char *end;
    double v;
    size_t i;

    for (i = 0; pin_override[i].key; i++)
        if (strcmp(pin_override[i].key, key) == 0) {
            snprintf(to, size, "%s", pin_override[i].value);
            return;
        }
    if (strcmp(from, "yes") == 0 || strcmp(from, "no") == 0) {
        snprintf(to, size, "%s", from[0] == 'y' ? "no" : "yes");
        return;
    }
    if (strncmp(key, "combine.", 8) == 0) {
        snprintf(to, size, "%s", ""); /* no category may receive it */
        return;
    }
    if (strcmp(key, "model") == 0) {
        snprintf(to, size, "%s", strcmp(from, "mic") == 0 ? "extend80" : "mic");
        return;
    }
    v = strtod(from, &end);
    if (end != from && *end == '\0') {
        const size_t n = strlen(key);

        if ((n > 4 && strcmp(key + n - 4, "_yen") == 0) ||
            (n > 7 && strcmp(key + n - 7, "_yen_m2") == 0))
            snprintf(to, size, "%.0f", v * 1.1);
        else if (!strchr(from, '.'))
            snprintf(to, size, "%.0f", v + 1);
        else
            snprintf(to, size, "%.10g", v == 0 ? 0.01 : v * 1.1);
        return;
    }
    if (strncmp(key, "mc.", 3) == 0 && strrchr(from, ' ')) {
        const char *last = strrchr(from, ' ') + 1;

        v = strtod(last, NULL);
        snprintf(to, size, "%.*s%.10g", (int)(last - from), from, v == 0 ? 0.5 : v * 1.1);
        return;
    }
    snprintf(to, size, "%s (changed)", from);
}

/* Splits one CSV line (quotes as RFC 4180, no line breaks inside) into at
 * most max fields in place; returns how many. */
static int
pin_csv(char *line, char **f, int max)
{
    int n = 0;
    char *w = line, *r = line;

    pin_trim(line);
    if (strncmp(line, "\xEF\xBB\xBF", 3) == 0)
        r = w = line + 3;
    while (n < max) {
        f[n++] = w;
        if (*r == '"') {
            /* a quoted field: "" is a quote */
            for (r++; *r; r++) {
                if (*r == '"' && r[1] != '"')
                    break;
                if (*r == '"')
                    r++;
                *w++ = *r;
            }
            if (*r == '"')
                r++;
        }
        while (*r && *r != ',')
            *w++ = *r++;
        if (*r != ',') {
            *w = '\0';
            break;
        }
        r++;
        *w++ = '\0';
    }
    return n;
}

struct pin_cases {
    struct pin_case *c;
    size_t n, cap;
    int bad; /* a column or key no rule covers */
};

static struct pin_case *
pin_add(struct pin_cases *cs, const char *key, const char *from)
{
    struct pin_case *c;

    if (cs->n == cs->cap) {
        cs->cap = cs->cap ? cs->cap * 2 : 64;
        cs->c = realloc(cs->c, cs->cap * sizeof *cs->c);
        if (!cs->c)
            abort();
    }
    c = &cs->c[cs->n++];
    memset(c, 0, sizeof *c);
    snprintf(c->key, sizeof c->key, "%s", key);
    snprintf(c->from, sizeof c->from, "%s", from);
    pin_change(key, from, c->to, sizeof c->to);
    return c;
}

/* Every key of a "key = value" file (lcc.conf, a scenario). */
static int
pin_conf_keys(const char *path, struct pin_cases *cs)
{
    char line[1024];
    FILE *fp = fopen(path, "r");

    if (!fp)
        return -1;
    while (fgets(line, sizeof line, fp)) {
        char *hash = strchr(line, '#'), *eq;

        if (hash)
            *hash = '\0';
        eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = '\0';
        pin_trim(line);
        pin_trim(eq + 1);
        pin_add(cs, line, eq + 1);
    }
    fclose(fp);
    return 0;
}

/* Every cell of categories.csv or structures.csv, as a scenario names it
 * (categories.<code>.<column>); columns that are not parameters are
 * checked against pin_not_parameters. */
static int
pin_table_cells(const char *path, const char *prefix, struct pin_cases *cs)
{
    char line[2048], header[2048], *cols[16], *f[16];
    int ncols = 0, n, i;
    FILE *fp = fopen(path, "r");

    if (!fp)
        return -1;
    while (fgets(line, sizeof line, fp)) {
        if (!ncols) {
            memcpy(header, line, sizeof header);
            ncols = pin_csv(header, cols, 16);
            for (i = 1; i < ncols; i++) {
                const struct pin_inert *x;

                for (x = pin_not_parameters; x->key && strcmp(x->key, cols[i]) != 0; x++)
                    ;
                if (x->key && getenv("KOYU_PIN_VERBOSE"))
                    printf("    %s: column %s is not a parameter: %s\n", path, cols[i], x->why);
            }
            continue;
        }
        n = pin_csv(line, f, 16);
        if (n < 2)
            continue;
        for (i = 1; i < n && i < ncols; i++) {
            const struct pin_inert *x;
            char key[160];

            for (x = pin_not_parameters; x->key && strcmp(x->key, cols[i]) != 0; x++)
                ;
            if (x->key)
                continue;
            snprintf(key, sizeof key, "%s.%s.%s", prefix, f[0], cols[i]);
            pin_add(cs, key, f[i]);
        }
    }
    fclose(fp);
    return ncols ? 0 : -1;
}

/* The results of one scenario of db, for comparing. */
static char *
pin_scenario_dump(const char *db, const char *name)
{
    struct pin_buf b = {0};

    if (pin_dump(db, name, &b) != 0) {
        fprintf(stderr, "    %s", b.p);
        pin_free(&b);
        return NULL;
    }
    return b.p;
}

/* Runs the scenario files in batches of 16 with the options; the dump of
 * each is compared with base, and effect set on the cases that differ.
 * names[i] is the scenario of case idx[i]. */
static int
pin_run_cases(const char *db, const char *extra, struct pin_cases *cs, char **files, char **names,
              size_t *idx, size_t n, const char *base, const char *model)
{
    size_t i, k;

    for (i = 0; i < n; i += 16) {
        size_t m = n - i < 16 ? n - i : 16;

        if (pin_assess(db, extra, files + i, m) != 0)
            return -1;
        for (k = i; k < i + m; k++) {
            char *d = pin_scenario_dump(db, names[k]);
            struct pin_case *c = &cs->c[idx[k]];

            if (!d)
                return -1;
            if (strcmp(d, base) != 0 && !c->effect) {
                c->effect = 1;
                snprintf(c->where, sizeof c->where, "%s", model);
            }
            free(d);
        }
    }
    return 0;
}

/* The cases of lcc.conf and the tables, under a model: each a scenario
 * file "<model>-<i>.conf" with the model and the one change.  Only the
 * cases without an effect yet are run. */
static int
pin_model_round(const char *dir, const char *db, struct pin_cases *cs, size_t upto,
                const char *model)
{
    char path[700], text[600], **files, **names;
    size_t *idx, i, n = 0;
    char *base;
    int rc;

    files = calloc(upto + 1, sizeof *files);
    names = calloc(upto + 1, sizeof *names);
    idx = calloc(upto + 1, sizeof *idx);
    if (!files || !names || !idx)
        abort();
    /* the unchanged run under this model */
    snprintf(path, sizeof path, "%s/%s-base.conf", dir, model);
    snprintf(text, sizeof text, "model = %s\n", model);
    pin_write(path, text);
    files[0] = strdup(path);
    rc = pin_assess(db, "--no-uncertainty --detail", files, 1);
    free(files[0]);
    snprintf(path, sizeof path, "%s-base", model);
    base = rc == 0 ? pin_scenario_dump(db, path) : NULL;
    if (!base) {
        free(files);
        free(names);
        free(idx);
        return -1;
    }
    for (i = 0; i < upto; i++) {
        if (cs->c[i].effect)
            continue;
        snprintf(path, sizeof path, "%s/%s-%zu.conf", dir, model, i);
        snprintf(text, sizeof text, "model = %s\n%s = %s\n", model, cs->c[i].key, cs->c[i].to);
        pin_write(path, text);
        files[n] = strdup(path);
        snprintf(path, sizeof path, "%s-%zu", model, i);
        names[n] = strdup(path);
        idx[n++] = i;
    }
    rc = pin_run_cases(db, "--no-uncertainty --detail", cs, files, names, idx, n, base, model);
    for (i = 0; i < n; i++) {
        free(files[i]);
        free(names[i]);
    }
    free(files);
    free(names);
    free(idx);
    free(base);
    return rc;
}

/* The cells of types.csv: each changed alone in a --params folder, as a
 * row of one column (the rest of the row stays as shipped). */
static int
pin_types(const char *dir, const char *db, struct pin_cases *cs)
{
    static const char *const pinned[] = {"essential", "sell", "lease", "utilization_cut"};
    char line[2048], header[2048], *f[8], *cols[8], path[700], text[1200], scen[700];
    char name[] = "types", *files[1], *names[1];
    FILE *fp = fopen("templates/params/types.csv", "r");
    size_t first = cs->n, i, j;
    int ncols = 0, n, k, rc = 0, col[8];
    char *base = NULL;

    if (!fp)
        return -1;
    while (fgets(line, sizeof line, fp)) {
        if (!ncols) {
            memcpy(header, line, sizeof header);
            ncols = pin_csv(header, cols, 8);
            for (k = 0; k < ncols; k++) {
                col[k] = -1;
                for (j = 0; j < sizeof pinned / sizeof pinned[0]; j++)
                    if (strcmp(cols[k], pinned[j]) == 0)
                        col[k] = (int)j;
                if (col[k] < 0 && strcmp(cols[k], "group") != 0 && strcmp(cols[k], "source") != 0) {
                    fprintf(stderr, "    types.csv: column %s is pinned by no check\n", cols[k]);
                    cs->bad = 1;
                }
            }
            continue;
        }
        n = pin_csv(line, f, 8);
        for (k = 1; k < n && k < ncols; k++) {
            struct pin_case *c;

            if (col[k] < 0 || !f[k][0])
                continue;
            snprintf(text, sizeof text, "types.%s.%s", f[0], pinned[col[k]]);
            c = pin_add(cs, text, f[k]);
            /* review -> yes, none -> the default cut */
            if (strcmp(f[k], "review") == 0)
                snprintf(c->to, sizeof c->to, "yes");
            else if (strcmp(f[k], "none") == 0)
                snprintf(c->to, sizeof c->to, "40");
        }
    }
    fclose(fp);
    snprintf(scen, sizeof scen, "%s/types.conf", dir);
    pin_write(scen, "model = mic\n");
    files[0] = scen;
    if (pin_assess(db, "--no-uncertainty --detail", files, 1) != 0 ||
        !(base = pin_scenario_dump(db, "types")))
        return -1;
    for (i = first; i < cs->n && !rc; i++) {
        struct pin_case *c = &cs->c[i];
        const char *group = c->key + 6, *dot = strrchr(c->key, '.');
        char body[600];

        snprintf(path, sizeof path, "%s/types-%zu", dir, i);
        snprintf(text, sizeof text, "mkdir -p '%s'", path);
        tl_sh(NULL, 0, "%s", text);
        snprintf(text, sizeof text, "%s/types.csv", path);
        snprintf(body, sizeof body, "group,%s\n%.*s,%s\n", dot + 1, (int)(dot - group), group,
                 c->to);
        pin_write(text, body);
        snprintf(text, sizeof text, "--no-uncertainty --detail --params '%s'", path);
        names[0] = name;
        rc = pin_run_cases(db, text, cs, files, names, &i, 1, base, "mic");
    }
    free(base);
    return rc;
}

/* The keys of the shipped scenarios: a copy of the file with the one line
 * changed, against the shipped scenario run by name (with its
 * uncertainty settings). */
static int
pin_scenarios(const char *dir, const char *db, struct pin_cases *cs)
{
    char *shipped[32], path[700];
    size_t nshipped = 0, s, i;
    struct dirent *e;
    DIR *d = opendir("templates/scenarios");
    int rc = 0;

    if (!d)
        return -1;
    while ((e = readdir(d)) && nshipped < 32) {
        size_t n = strlen(e->d_name);

        if (n > 5 && strcmp(e->d_name + n - 5, ".conf") == 0)
            shipped[nshipped++] = strndup(e->d_name, n - 5);
    }
    closedir(d);
    /* a stable order */
    for (s = 1; s < nshipped; s++)
        for (i = s; i > 0 && strcmp(shipped[i - 1], shipped[i]) > 0; i--) {
            char *t = shipped[i];

            shipped[i] = shipped[i - 1];
            shipped[i - 1] = t;
        }
    for (s = 0; s < nshipped && !rc; s++) {
        size_t first = cs->n, n = 0;
        char *files[64], *names[64], *base, *text;
        size_t idx[64];

        snprintf(path, sizeof path, "templates/scenarios/%s.conf", shipped[s]);
        if (pin_conf_keys(path, cs) != 0 || cs->n - first > 64) {
            rc = -1;
            break;
        }
        text = pin_read(path);
        files[0] = shipped[s];
        if (!text || pin_assess(db, "--detail --params " PIN_PARAMS, files, 1) != 0 ||
            !(base = pin_scenario_dump(db, shipped[s]))) {
            free(text);
            rc = -1;
            break;
        }
        for (i = first; i < cs->n; i++) {
            struct pin_buf copy = {0};
            char *line = text, *nl;

            /* the file, its line of this key changed */
            for (; *line; line = nl ? nl + 1 : line + strlen(line)) {
                char k[160];
                const char *eq = strchr(line, '=');

                nl = strchr(line, '\n');
                if (eq && (!nl || eq < nl) && (line[0] != '#')) {
                    snprintf(k, sizeof k, "%.*s", (int)(eq - line), line);
                    pin_trim(k);
                    if (strcmp(k, cs->c[i].key) == 0) {
                        pin_printf(&copy, "%s = %s\n", k, cs->c[i].to);
                        continue;
                    }
                }
                pin_put(&copy, line, nl ? (size_t)(nl - line) + 1 : strlen(line));
            }
            snprintf(path, sizeof path, "%s/s-%s-%zu.conf", dir, shipped[s], i);
            pin_write(path, copy.p);
            pin_free(&copy);
            files[n] = strdup(path);
            snprintf(path, sizeof path, "s-%s-%zu", shipped[s], i);
            names[n] = strdup(path);
            idx[n++] = i;
        }
        rc = pin_run_cases(db, "--detail --params " PIN_PARAMS, cs, files, names, idx, n, base,
                           shipped[s]);
        for (i = 0; i < n; i++) {
            free(files[i]);
            free(names[i]);
        }
        /* the key as the report names it */
        for (i = first; i < cs->n; i++) {
            char k[sizeof cs->c[i].key + 64];

            snprintf(k, sizeof k, "%s:%s", shipped[s], cs->c[i].key);
            /* keys are short: a cut would show as a failed lookup, not pass */
            if (!CHECK(strlen(k) < sizeof cs->c[i].key))
                continue;
            memcpy(cs->c[i].key, k, strlen(k) + 1);
        }
        free(text);
        free(base);
    }
    for (s = 0; s < nshipped; s++)
        free(shipped[s]);
    return rc;
}

static void
test_pinning_every_default_has_an_effect(void)
{
    static const char *const models[] = {"mic", "extend80", "target-life"};
    const char *dir = tl_tmpdir("pinning-effect");
    struct pin_cases cs = {0};
    char db[600];
    size_t i, params, silent = 0;
    const struct pin_inert *x;
    double t0 = pin_seconds(), t1, t2;

    if (!CHECK(pin_import(dir, db, sizeof db) == 0))
        return;
    CHECK(pin_conf_keys("templates/params/lcc.conf", &cs) == 0);
    CHECK(pin_table_cells("templates/params/categories.csv", "categories", &cs) == 0);
    CHECK(pin_table_cells("templates/params/structures.csv", "structures", &cs) == 0);
    params = cs.n;
    CHECK(params > 100);
    /* each under the standard model; what shows nothing there, under the
     * others (extend80.*, target_life.*, extendability) */
    for (i = 0; i < 3; i++)
        CHECK(pin_model_round(dir, db, &cs, params, models[i]) == 0);
    t1 = pin_seconds();
    CHECK(pin_types(dir, db, &cs) == 0);
    CHECK(pin_scenarios(dir, db, &cs) == 0);
    t2 = pin_seconds();
    CHECK(!cs.bad);
    for (i = 0; i < cs.n; i++) {
        const struct pin_case *c = &cs.c[i];
        const char *why = pin_inert_why(c->key);

        if (why && c->effect) {
            fprintf(stderr,
                    "  FAIL %s = %s (changed to %s) now has an effect (under %s): take it off"
                    " the list of parameters without one\n",
                    c->key, c->from, c->to, c->where);
            CHECK(!"a parameter listed as without effect has one");
        } else if (!why && !c->effect) {
            fprintf(stderr,
                    "  FAIL %s = %s (changed to %s) has no effect on the results under any"
                    " model: extend %s, or list it with the reason\n",
                    c->key, c->from, c->to, PIN_INVENTORY);
            CHECK(!"a shipped default has no effect");
        } else if (why) {
            if (getenv("KOYU_PIN_VERBOSE"))
                printf("    no effect by design: %s: %s\n", c->key, why);
            silent++;
        } else if (getenv("KOYU_PIN_VERBOSE")) {
            printf("    %s = %s -> %s: an effect under %s\n", c->key, c->from, c->to, c->where);
        }
    }
    /* the list names only what the shipped files have */
    for (x = pin_inert; x->key; x++) {
        for (i = 0; i < cs.n && strcmp(cs.c[i].key, x->key) != 0; i++)
            ;
        if (!CHECK(i < cs.n))
            fprintf(stderr, "    %s is listed as without effect but is no shipped parameter\n",
                    x->key);
    }
    printf("    %zu parameters changed one at a time, %zu without effect by design"
           " (KOYU_PIN_VERBOSE=1 lists them); lcc.conf and tables %.2f s, types.csv"
           " and scenarios %.2f s\n",
           cs.n, silent, t1 - t0, t2 - t1);
    free(cs.c);
}

void
suite_pinning(void)
{
    RUN(test_pinning_golden);
    RUN(test_pinning_every_default_has_an_effect);
}
