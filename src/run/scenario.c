/* scenario.c - reads scenario files (scenario.h). */
#include "koyu/run/scenario.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/core/conf.h"
#include "koyu/core/embedded.h"
#include "koyu/core/text.h"

enum scn_type { S_TEXT, S_MODEL, S_DOUBLE, S_INT, S_BOOL, S_SEED, S_DIST };

/* A key of the scenario itself; every other key is a parameter. */
struct scn_def {
    const char *key;
    enum scn_type type;
    size_t offset, size;
    double min, max;
};

#define S(k, t, f, lo, hi)                                                                         \
    {                                                                                              \
        k, t, offsetof(struct scenario, f), sizeof(((struct scenario *)0)->f), lo, hi              \
    }
static const struct scn_def scn_defs[] = {
    S("name", S_TEXT, name, 0, 0),
    S("title", S_TEXT, title, 0, 0),
    S("title_en", S_TEXT, title_en, 0, 0),
    S("model", S_MODEL, model, 0, 0),
    S("budget.cap_yen", S_DOUBLE, cap_yen, 0, 1e15),
    S("budget.cap_ratio", S_DOUBLE, cap_ratio, 0, 10),
    S("budget.max_advance_years", S_INT, max_advance_years, 0, 10),
    S("reduction.target_share", S_DOUBLE, reduction_share, 0, 0.9),
    S("reduction.years", S_INT, reduction_years, 1, LCC_MAX_HORIZON),
    S("sensitivity", S_BOOL, sensitivity, 0, 0),
    S("mc.draws", S_INT, mc_draws, 0, 100000),
    S("mc.seed", S_SEED, mc_seed, 0, 0),
    S("mc.unit_cost", S_DIST, mc_unit_cost, 0, 0),
    S("mc.escalation", S_DIST, mc_escalation, 0, 0),
    S("mc.timing", S_DIST, mc_timing, 0, 0),
};
#undef S

static const struct scn_def *
scn_def(const char *key)
{
    size_t i;

    for (i = 0; i < sizeof scn_defs / sizeof scn_defs[0]; i++)
        if (strcmp(scn_defs[i].key, key) == 0)
            return &scn_defs[i];
    return NULL;
}

/* Sets one scenario key; returns 0, or -1 with *expected what it takes. */
static int
scn_set(struct scenario *sc, const struct scn_def *def, const char *value, const char **expected)
{
    char *target = (char *)sc + def->offset, *end;
    double v;

    switch (def->type) {
    case S_TEXT:
        *expected = "text";
        if (strlen(value) >= def->size)
            return -1;
        memcpy(target, value, strlen(value) + 1);
        return 0;
    case S_DIST: {
        struct unc_dist dist;

        *expected = "fixed a | uniform a b | triangular min mode max | normal mean sd";
        if (strlen(value) >= def->size || unc_dist_parse(value, &dist) != 0)
            return -1;
        memcpy(target, value, strlen(value) + 1);
        if (def->offset == offsetof(struct scenario, mc_unit_cost))
            sc->mc.unit_cost = dist;
        else if (def->offset == offsetof(struct scenario, mc_escalation))
            sc->mc.escalation = dist;
        else
            sc->mc.shift = dist;
        return 0;
    }
    case S_MODEL: {
        int m = lcc_model_from_name(value);

        *expected = "mic | extend80 | target-life";
        if (m < 0)
            return -1;
        *(enum lcc_model *)target = (enum lcc_model)m;
        return 0;
    }
    case S_BOOL:
        *expected = "yes | no";
        return conf_bool(value, (int *)target);
    case S_SEED: {
        unsigned long long u;

        *expected = "an integer 0 or more";
        errno = 0;
        u = strtoull(value, &end, 10);
        if (!*value || *end || errno || value[0] == '-')
            return -1;
        *(unsigned long long *)target = u;
        return 0;
    }
    case S_INT:
    case S_DOUBLE:
        *expected = def->type == S_INT ? "an integer" : "a number";
        errno = 0;
        v = strtod(value, &end);
        if (!*value || *end || errno || !isfinite(v) || v < def->min || v > def->max ||
            (def->type == S_INT && v != floor(v)))
            return -1;
        if (def->type == S_INT)
            *(int *)target = (int)v;
        else
            *(double *)target = v;
        return 0;
    }
    return -1;
}

struct scn_ctx {
    struct scenario *sc;
    const char *name;
    struct diag *d;
};

/* One line: a key of the scenario's own, else a parameter (a lcc.conf key
 * or a table cell) over the scenario's copy of the parameters. */
static long
scn_on_line(void *ctx, const struct conf_line *l)
{
    struct scn_ctx *c = ctx;
    const struct scn_def *def = scn_def(l->key);
    const char *expected = NULL;
    char what[160];

    if (!def)
        return params_apply_line(&c->sc->params, c->name, l, c->d);
    /* titles are shown as written: full-width brackets stay */
    if (scn_set(c->sc, def, strncmp(l->key, "title", 5) == 0 ? l->raw : l->value, &expected) == 0)
        return 0;
    if (def->type == S_INT || def->type == S_DOUBLE)
        snprintf(what, sizeof what, "%s %g–%g", expected, def->min, def->max);
    else
        snprintf(what, sizeof what, "%s", expected ? expected : "");
    diag_add(c->d, DIAG_ERROR, DIAG_PARAM_VALUE, l->line, 0, l->key, l->value, what);
    return 1;
}

/* Applies text to sc. */
static enum koyu_err
scn_apply(struct scenario *sc, const char *name, char *text, size_t len, struct diag *d)
{
    struct scn_ctx c = {sc, name, d};
    long errors;

    diag_begin_file(d, name);
    errors = conf_parse(text, len, d, scn_on_line, &c);
    if (!errors && sc->reduction_years > sc->params.lcc.horizon_years) {
        char v[32];

        snprintf(v, sizeof v, "%d", sc->reduction_years);
        diag_add(d, DIAG_ERROR, DIAG_PARAM_VALUE, 0, 0, "reduction.years", v, "1 – horizon_years");
        errors++;
    }
    diag_end_file(d);
    return errors ? KOYU_ERR_DATA : KOYU_OK;
}

const char *
scenario_shipped(void)
{
    static char names[512];
    const struct embedded_file *f;
    size_t used = 0;

    if (names[0])
        return names;
    for (f = embedded_files; f->name; f++) {
        const char *base;
        size_t n;

        if (strncmp(f->name, "scenarios/", 10) != 0)
            continue;
        base = f->name + 10;
        n = strlen(base) - 5; /* ".conf" */
        if (used + n + 3 >= sizeof names)
            break;
        if (used) {
            memcpy(names + used, ", ", 2);
            used += 2;
        }
        memcpy(names + used, base, n);
        used += n;
        names[used] = '\0';
    }
    return names;
}

enum koyu_err
scenario_load(struct scenario *sc, const char *spec, const struct params *base, struct diag *d)
{
    char emb[128], *text = NULL;
    const struct embedded_file *f = NULL;
    const char *slash, *dot;
    size_t len = 0, n;
    int missing = 0;
    enum koyu_err err;

    memset(sc, 0, sizeof *sc);
    sc->params = *base;
    sc->model = LCC_MODEL_MIC;
    unc_mc_spec_default(&sc->mc);
    sc->mc.draws = 0;
    sc->mc_seed = sc->mc.seed;
    unc_dist_format(&sc->mc.unit_cost, sc->mc_unit_cost, sizeof sc->mc_unit_cost);
    unc_dist_format(&sc->mc.escalation, sc->mc_escalation, sizeof sc->mc_escalation);
    unc_dist_format(&sc->mc.shift, sc->mc_timing, sizeof sc->mc_timing);
    /* a plain name is a shipped scenario; anything with a slash or .conf a file */
    if (!strchr(spec, '/') && !strstr(spec, ".conf")) {
        snprintf(emb, sizeof emb, "scenarios/%s.conf", spec);
        f = embedded_find(emb);
        if (!f)
            return KOYU_ERR_USAGE;
        text = malloc(f->size + 1);
        if (!text)
            return KOYU_ERR_NOMEM;
        memcpy(text, f->data, f->size + 1);
        len = f->size;
        snprintf(sc->file, sizeof sc->file, "%s", emb);
    } else {
        text = params_slurp(spec, &len, &missing);
        if (!text) {
            diag_begin_file(d, spec);
            diag_add(d, DIAG_ERROR, missing ? DIAG_FILE_MISSING : DIAG_FILE_UNREADABLE, 0, 0, NULL,
                     NULL, missing ? NULL : strerror(errno));
            diag_end_file(d);
            return KOYU_ERR_IO;
        }
        snprintf(sc->file, sizeof sc->file, "%s", spec);
    }
    /* the name defaults to the file's base name */
    slash = strrchr(spec, '/');
    slash = slash ? slash + 1 : spec;
    dot = strstr(slash, ".conf");
    n = dot ? (size_t)(dot - slash) : strlen(slash);
    if (n >= sizeof sc->name)
        n = sizeof sc->name - 1;
    memcpy(sc->name, slash, n);
    sc->name[n] = '\0';
    err = scn_apply(sc, sc->file, text, len, d);
    free(text);
    sc->mc.draws = (size_t)sc->mc_draws;
    sc->mc.seed = sc->mc_seed;
    if (!err && !sc->reduction_years)
        sc->reduction_years = sc->params.lcc.horizon_years;
    return err;
}

double
scenario_cap(const struct scenario *sc)
{
    if (sc->cap_yen > 0)
        return sc->cap_yen;
    if (sc->cap_ratio > 0)
        return sc->params.lcc.recent_investment_yen > 0
                   ? sc->cap_ratio * sc->params.lcc.recent_investment_yen
                   : -1;
    return 0;
}
