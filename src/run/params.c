/* params.c - the engine's parameters from lcc.conf and two CSV tables. */
#include "koyu/run/params.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/core/conf.h"
#include "koyu/core/embedded.h"
#include "koyu/core/text.h"
#include "koyu/core/vocab.h"
#include "koyu/inventory/loader.h"

enum param_type { P_INT, P_DOUBLE, P_BOOL, P_CATS };

struct param_def {
    const char *key;
    enum param_type type;
    size_t offset; /* into struct params */
    double min, max;
};

#define P(key, type, field, lo, hi)                                                                \
    {                                                                                              \
        key, type, offsetof(struct params, lcc.field), lo, hi                                      \
    }
#define AP(key, type, field, lo, hi)                                                               \
    {                                                                                              \
        key, type, offsetof(struct params, assess.field), lo, hi                                   \
    }

static const struct param_def param_defs[] = {
    P("horizon_years", P_INT, horizon_years, 1, LCC_MAX_HORIZON),
    P("age_offset", P_INT, age_offset, -1, 1),
    P("spread_offset", P_INT, spread_offset, -5, 5),
    P("rebuild_spread_years", P_INT, rebuild_spread_years, 1, 20),
    P("renovation_spread_years", P_INT, renovation_spread_years, 1, 20),
    P("backlog_years", P_INT, backlog_years, 1, 40),
    P("second_cycle", P_BOOL, second_cycle, 0, 1),
    P("renovated_year_restarts", P_BOOL, renovated_year_restarts, 0, 1),
    P("retrofit_allowed", P_BOOL, retrofit_allowed, 0, 1),
    P("mic.life_years", P_INT, mic.life, 10, 200),
    P("mic.renovation_age", P_INT, mic.mid_age, 1, 200),
    P("mic.renovation_max_age", P_INT, mic.mid_max_age, 1, 200),
    P("mic.backlog_renovation_min_age", P_INT, mic.mid_backlog_min_age, 1, 200),
    P("mic.backlog_rebuild_min_age", P_INT, mic.rebuild_backlog_min_age, 1, 300),
    P("extend80.life_years", P_INT, extend80.life, 10, 200),
    P("extend80.life_extension_age", P_INT, extend80.mid_age, 1, 200),
    P("extend80.life_extension_max_age", P_INT, extend80.mid_max_age, 1, 200),
    P("extend80.backlog_life_extension_min_age", P_INT, extend80.mid_backlog_min_age, 1, 200),
    P("extend80.backlog_rebuild_min_age", P_INT, extend80.rebuild_backlog_min_age, 1, 300),
    P("extend80.medium_age_1", P_INT, extend80_medium_age[0], 1, 200),
    P("extend80.medium_age_2", P_INT, extend80_medium_age[1], 1, 200),
    P("extend80.medium_ratio", P_DOUBLE, extend80_medium_ratio, 0, 2),
    P("target_life.renovation_share", P_DOUBLE, target_mid_share, 0.05, 0.95),
    P("target_life.no_renovation_years", P_INT, target_no_mid_years, 0, 100),
    P("discount_rate", P_DOUBLE, discount_rate, -0.5, 1),
    P("escalation_rate", P_DOUBLE, escalation_rate, -0.5, 1),
    P("renewal_escalation_rate", P_DOUBLE, renewal_escalation_rate, -0.1, 0.2),
    P("first_year_t", P_INT, first_year_t, 0, 1),
    P("running_cost_years", P_INT, running_cost_years, 1, 50),
    P("rebuild_area_ratio", P_DOUBLE, rebuild_area_ratio, 0, 10),
    P("sale_ratio", P_DOUBLE, sale_ratio, 0, 10),
    P("sell_with_building", P_BOOL, sell_with_building, 0, 1),
    P("disposal_year", P_INT, disposal_year, 0, LCC_MAX_HORIZON - 1),
    P("lease_land_share", P_DOUBLE, lease_land_share, 0, 1),
    P("lease_yen_m2", P_DOUBLE, lease_yen_m2, 0, 1e9),
    P("lease_landlord_renewals", P_BOOL, lease_landlord_renewals, 0, 1),
    P("estimated_repair_share", P_DOUBLE, estimated_repair_share, 0, 1),
    P("appraisal.second_cycle", P_BOOL, appraisal_second_cycle, 0, 1),
    P("repair.condition_premium", P_DOUBLE, repair_condition_premium, 0, 5),
    P("repairs.unrenovated_yen_m2", P_DOUBLE, unrenovated_repair_yen_m2, 0, 1e6),
    P("rebuild.repair_ratio", P_DOUBLE, rebuild_repair_ratio, 0, 2),
    P("seismic_retrofit_yen_m2", P_DOUBLE, seismic_retrofit_yen_m2, 0, 1e7),
    P("land_residual", P_BOOL, land_residual, 0, 1),
    P("service_value_yen_per_user", P_DOUBLE, service_value_yen_per_user, 0, 1e7),
    P("lease_landlord_repairs", P_BOOL, lease_landlord_repairs, 0, 1),
    P("recent_investment_yen", P_DOUBLE, recent_investment_yen, 0, 1e15),
    AP("assess.grade_points_a", P_DOUBLE, grade_points[0], 0, 100),
    AP("assess.grade_points_b", P_DOUBLE, grade_points[1], 0, 100),
    AP("assess.grade_points_c", P_DOUBLE, grade_points[2], 0, 100),
    AP("assess.grade_points_d", P_DOUBLE, grade_points[3], 0, 100),
    AP("assess.weight_roof", P_DOUBLE, element_weights[0], 0, 100),
    AP("assess.weight_exterior", P_DOUBLE, element_weights[1], 0, 100),
    AP("assess.weight_interior", P_DOUBLE, element_weights[2], 0, 100),
    AP("assess.weight_electrical", P_DOUBLE, element_weights[3], 0, 100),
    AP("assess.weight_mechanical", P_DOUBLE, element_weights[4], 0, 100),
    AP("assess.no_survey_young_age", P_INT, young_age, 0, 200),
    AP("assess.no_survey_mid_age", P_INT, mid_age, 0, 200),
    AP("assess.no_survey_young_points", P_DOUBLE, young_points, 0, 100),
    AP("assess.no_survey_mid_points", P_DOUBLE, mid_points, 0, 100),
    AP("assess.no_survey_old_points", P_DOUBLE, old_points, 0, 100),
    AP("assess.seismic_new_from_year", P_INT, seismic_new_from_year, 1868, 2200),
    AP("assess.hard_weight_soundness", P_DOUBLE, hard_weights[0], 0, 1),
    AP("assess.hard_weight_remaining", P_DOUBLE, hard_weights[1], 0, 1),
    AP("assess.hard_weight_seismic", P_DOUBLE, hard_weights[2], 0, 1),
    AP("assess.hard_low_below", P_DOUBLE, hard_low_below, 0, 100),
    AP("assess.remaining_life_low_years", P_INT, remaining_life_low_years, 0, 200),
    AP("assess.seismic_deficient_share", P_DOUBLE, seismic_deficient_share, 0, 1),
    AP("assess.soft_low_below", P_DOUBLE, soft_low_below, 0, 100),
    AP("assess.utilization_low_pct", P_DOUBLE, utilization_low_pct, 0, 100),
    AP("assess.min_group_size", P_INT, min_group_size, 1, 1000),
    AP("assess.use_utilization", P_BOOL, use_indicator[ASSESS_UTILIZATION], 0, 1),
    AP("assess.use_users_per_m2", P_BOOL, use_indicator[ASSESS_USERS_PER_M2], 0, 1),
    AP("assess.use_cost_per_m2", P_BOOL, use_indicator[ASSESS_COST_PER_M2], 0, 1),
    AP("assess.use_cost_recovery", P_BOOL, use_indicator[ASSESS_COST_RECOVERY], 0, 1),
    AP("assess.use_cost_per_user", P_BOOL, use_indicator[ASSESS_COST_PER_USER], 0, 1),
    AP("assess.review_age", P_INT, review_age, 0, 200),
    AP("assess.benchmark.utilization_mean", P_DOUBLE, benchmark_mean[ASSESS_UTILIZATION], 0, 100),
    AP("assess.benchmark.utilization_sd", P_DOUBLE, benchmark_sd[ASSESS_UTILIZATION], 0, 100),
    AP("assess.benchmark.users_per_m2_mean", P_DOUBLE, benchmark_mean[ASSESS_USERS_PER_M2], 0, 1e6),
    AP("assess.benchmark.users_per_m2_sd", P_DOUBLE, benchmark_sd[ASSESS_USERS_PER_M2], 0, 1e6),
    AP("assess.benchmark.cost_per_m2_mean", P_DOUBLE, benchmark_mean[ASSESS_COST_PER_M2], 0, 1e9),
    AP("assess.benchmark.cost_per_m2_sd", P_DOUBLE, benchmark_sd[ASSESS_COST_PER_M2], 0, 1e9),
    AP("assess.benchmark.cost_recovery_mean", P_DOUBLE, benchmark_mean[ASSESS_COST_RECOVERY], 0,
       100),
    AP("assess.benchmark.cost_recovery_sd", P_DOUBLE, benchmark_sd[ASSESS_COST_RECOVERY], 0, 100),
    AP("assess.benchmark.cost_per_user_mean", P_DOUBLE, benchmark_mean[ASSESS_COST_PER_USER], 0,
       1e9),
    AP("assess.benchmark.cost_per_user_sd", P_DOUBLE, benchmark_sd[ASSESS_COST_PER_USER], 0, 1e9),
    AP("assess.hard_band", P_DOUBLE, hard_band, 0, 50),
    AP("assess.soft_band", P_DOUBLE, soft_band, 0, 50),
    AP("assess.utilization_band", P_DOUBLE, utilization_band, 0, 50),
    AP("assess.remaining_life_band_years", P_INT, remaining_life_band_years, 0, 50),
    AP("assess.receiver_max_age", P_INT, receiver_max_age, 0, 200),
    AP("assess.urgent_soundness_below", P_DOUBLE, urgent_soundness_below, 0, 100),
    AP("assess.renovated_within_years", P_INT, renovated_within_years, 0, 200),
    AP("assess.renovated_life_years", P_INT, renovated_life_years, 0, 200),
    AP("assess.renovated_sound_points", P_DOUBLE, renovated_sound_points, 0, 100),
    AP("consolidation.full_utilization_pct", P_DOUBLE, full_utilization_pct, 1, 100),
    AP("combine.civic_culture", P_CATS, combine_into[0], 0, 0),
    AP("combine.social_education", P_CATS, combine_into[1], 0, 0),
    AP("combine.sports_recreation", P_CATS, combine_into[2], 0, 0),
    AP("combine.industrial", P_CATS, combine_into[3], 0, 0),
    AP("combine.school", P_CATS, combine_into[4], 0, 0),
    AP("combine.childcare", P_CATS, combine_into[5], 0, 0),
    AP("combine.health_welfare", P_CATS, combine_into[6], 0, 0),
    AP("combine.medical", P_CATS, combine_into[7], 0, 0),
    AP("combine.administrative", P_CATS, combine_into[8], 0, 0),
    AP("combine.public_housing", P_CATS, combine_into[9], 0, 0),
    AP("combine.park", P_CATS, combine_into[10], 0, 0),
    AP("combine.supply_treatment", P_CATS, combine_into[11], 0, 0),
    AP("combine.other", P_CATS, combine_into[12], 0, 0),
};

/* ---- lcc.conf ---- */

static const struct param_def *
params_def(const char *key)
{
    size_t i;

    for (i = 0; i < sizeof param_defs / sizeof param_defs[0]; i++)
        if (strcmp(param_defs[i].key, key) == 0)
            return &param_defs[i];
    return NULL;
}

static void
params_note(struct params *p, const char *name, const char *key, const char *value,
            const char *source)
{
    struct param_note *n = NULL;
    size_t i;

    for (i = 0; i < p->nnotes; i++)
        if (strcmp(p->notes[i].key, key) == 0)
            n = &p->notes[i];
    if (!n) {
        if (p->nnotes == PARAMS_MAX_NOTES)
            return;
        n = &p->notes[p->nnotes++];
    }
    snprintf(n->key, sizeof n->key, "%s", key);
    snprintf(n->value, sizeof n->value, "%s", value);
    snprintf(n->source, sizeof n->source, "%s", source);
    snprintf(n->file, sizeof n->file, "%s", name);
}

/* Sets one parameter from its text; returns 0 or -1 (with *expected). */
static int
params_set(struct params *p, const struct param_def *def, const char *value, const char **expected)
{
    char *target = (char *)p + def->offset;
    double v;

    if (def->type == P_BOOL) {
        *expected = "yes | no";
        return conf_bool(value, (int *)target);
    }
    if (def->type == P_CATS) {
        /* categories by key or name, separated by spaces or commas */
        unsigned mask = 0;
        char word[64];
        const char *q = value;

        *expected = "categories (civic_culture school ...), or nothing";
        while (*q) {
            size_t len = strcspn(q, " ,\t");
            const struct vocab_entry *c;

            if (len == 0) {
                q++;
                continue;
            }
            if (len >= sizeof word)
                return -1;
            memcpy(word, q, len);
            word[len] = '\0';
            if (!(c = vocab_find(VOCAB_CATEGORY, word)))
                return -1;
            mask |= 1u << (c - vocab_at(VOCAB_CATEGORY, 0));
            q += len;
        }
        *(unsigned *)target = mask;
        return 0;
    }
    *expected = def->type == P_INT ? "a whole number in range" : "a number in range";
    if (text_parse_number(value, NULL, &v) != TEXT_OK || v < def->min || v > def->max)
        return -1;
    if (def->type == P_INT) {
        if (v != (double)(int)v)
            return -1;
        *(int *)target = (int)v;
    } else {
        *(double *)target = v;
    }
    return 0;
}

/* The cells of the two tables (categories.csv, structures.csv), with the
 * same ranges wherever a cell is set: its file, a scenario, a stored run. */
struct param_cell {
    const char *column;
    int structures; /* 0 categories.csv, 1 structures.csv */
    enum param_type type;
    double min, max;
};

static const struct param_cell param_cells[] = {
    {"rebuild_yen_m2", 0, P_DOUBLE, 0, 1e8},  {"renovation_yen_m2", 0, P_DOUBLE, 0, 1e8},
    {"running_yen_m2", 0, P_DOUBLE, 0, 1e8},  {"extendable", 1, P_BOOL, 0, 1},
    {"target_life_years", 1, P_INT, 10, 200}, {"demolition_yen_m2", 1, P_DOUBLE, 0, 1e8},
};
#define PARAM_CELLS (sizeof param_cells / sizeof param_cells[0])

static const struct param_cell *
params_cell_def(int structures, const char *column)
{
    size_t i;

    for (i = 0; i < PARAM_CELLS; i++)
        if (param_cells[i].structures == structures && strcmp(param_cells[i].column, column) == 0)
            return &param_cells[i];
    return NULL;
}

/* Sets the cell c of row idx (category or structure) from its text;
 * returns 0, or -1 with *expected what the cell takes (in buf). */
static int
params_set_cell(struct params *p, const struct param_cell *c, int idx, const char *value, char *buf,
                size_t size, const char **expected)
{
    struct lcc_params *l = &p->lcc;
    double v;
    int b;

    if (c->type == P_BOOL) {
        *expected = "yes | no";
        if (conf_bool(value, &b) != 0)
            return -1;
        l->extendable[idx] = b;
        return 0;
    }
    snprintf(buf, size, "%g–%g", c->min, c->max);
    *expected = buf;
    if (text_parse_number(value, NULL, &v) != TEXT_OK || v < c->min || v > c->max ||
        (c->type == P_INT && v != floor(v)))
        return -1;
    if (strcmp(c->column, "rebuild_yen_m2") == 0)
        l->rebuild_yen_m2[idx] = v;
    else if (strcmp(c->column, "renovation_yen_m2") == 0)
        l->renovation_yen_m2[idx] = v;
    else if (strcmp(c->column, "running_yen_m2") == 0)
        l->running_yen_m2[idx] = v;
    else if (strcmp(c->column, "target_life_years") == 0)
        l->target_life[idx] = (int)v;
    else
        l->demolition_yen_m2[idx] = v;
    return 0;
}

/* Index of the category or structure code in its vocabulary, or -1. */
static int
params_row_index(int structures, const char *code)
{
    const enum vocab_kind k = structures ? VOCAB_STRUCTURE : VOCAB_CATEGORY;
    const struct vocab_entry *e = vocab_find(k, code);
    int idx;

    for (idx = 0; e && idx < (int)vocab_count(k); idx++)
        if (vocab_at(k, (size_t)idx) == e)
            return idx;
    return -1;
}

/* One lcc.conf key, or one table cell ("categories.school.rebuild_yen_m2"). */
static int
params_set_any(struct params *p, const char *key, const char *value, int *known, char *buf,
               size_t size, const char **expected)
{
    const struct param_def *def = params_def(key);
    const struct param_cell *c;
    char code[64];
    const char *dot;
    int structures, idx;

    *known = 1;
    if (def) {
        if (params_set(p, def, value, expected) != 0) {
            if (def->type == P_INT || def->type == P_DOUBLE) {
                snprintf(buf, size, "%s %g–%g", *expected, def->min, def->max);
                *expected = buf;
            }
            return -1;
        }
        return 0;
    }
    structures = strncmp(key, "structures.", 11) == 0;
    dot = structures || strncmp(key, "categories.", 11) == 0 ? strchr(key + 11, '.') : NULL;
    if (!dot || (size_t)(dot - (key + 11)) >= sizeof code) {
        *known = 0;
        return -1;
    }
    snprintf(code, sizeof code, "%.*s", (int)(dot - (key + 11)), key + 11);
    idx = params_row_index(structures, code);
    c = params_cell_def(structures, dot + 1);
    if (idx < 0 || !c) {
        *known = 0;
        return -1;
    }
    return params_set_cell(p, c, idx, value, buf, size, expected);
}

long
params_apply_line(struct params *p, const char *file, const struct conf_line *l, struct diag *d)
{
    const char *expected = NULL;
    char buf[160];
    int known;

    if (params_set_any(p, l->key, l->value, &known, buf, sizeof buf, &expected) == 0) {
        if (params_def(l->key))
            params_note(p, file, l->key, l->value, l->comment);
        return 0;
    }
    if (!known)
        diag_add(d, DIAG_ERROR, DIAG_PARAM_UNKNOWN, l->line, 0, NULL, l->key, NULL);
    else
        diag_add(d, DIAG_ERROR, DIAG_PARAM_VALUE, l->line, 0, l->key, l->value, expected);
    return 1;
}

struct params_conf_ctx {
    struct params *p;
    const char *file;
    struct diag *d;
};

static long
params_on_conf(void *ctx, const struct conf_line *l)
{
    struct params_conf_ctx *c = ctx;

    if (!params_def(l->key)) {
        /* lcc.conf holds its own keys; the tables' cells live in their files */
        diag_add(c->d, DIAG_ERROR, DIAG_PARAM_UNKNOWN, l->line, 0, NULL, l->key, NULL);
        return 1;
    }
    return params_apply_line(c->p, c->file, l, c->d);
}

enum koyu_err
params_apply_conf(struct params *p, const char *name, const char *text, size_t len, struct diag *d)
{
    struct params_conf_ctx c = {p, name, d};
    long errors;

    diag_begin_file(d, name);
    errors = conf_parse(text, len, d, params_on_conf, &c);
    diag_end_file(d);
    return errors ? KOYU_ERR_DATA : KOYU_OK;
}

int
params_set_key(struct params *p, const char *key, const char *value)
{
    const char *expected;
    char buf[160];
    int known;

    return params_set_any(p, key, value, &known, buf, sizeof buf, &expected);
}

/* ---- tables ---- */

struct params_table {
    struct params *p;
    struct diag *d;
    int structures; /* 0 categories.csv, 1 structures.csv */
    int col[6];     /* file column of each field, or -1 */
    int header;
    long errors;
};

/* Columns of the two tables, by name. */
static const char *const params_cols[2][6] = {
    {"category", "rebuild_yen_m2", "renovation_yen_m2", "running_yen_m2", "source", NULL},
    {"structure", "extendable", "target_life_years", "demolition_yen_m2", "source", NULL},
};

/* Sets cell k (a column of params_cols) of row idx from field f[col[k]]. */
static void
params_table_cell(struct params_table *t, long line, char **f, int k, int idx)
{
    const struct param_cell *c = params_cell_def(t->structures, params_cols[t->structures][k]);
    const char *expected;
    char buf[64];

    if (t->col[k] < 0 || text_is_blank(f[t->col[k]]))
        return;
    if (params_set_cell(t->p, c, idx, f[t->col[k]], buf, sizeof buf, &expected) != 0) {
        diag_add(t->d, DIAG_ERROR, DIAG_PARAM_VALUE, line, t->col[k] + 1,
                 params_cols[t->structures][k], f[t->col[k]], expected);
        t->errors++;
    }
}

static int
params_on_row(void *ctx, long line, char **f, size_t n, int broken)
{
    struct params_table *t = ctx;
    const struct vocab_entry *e;
    size_t i, k;
    int idx;

    if (broken) {
        t->errors++;
        return 0;
    }
    if (!t->header) {
        t->header = 1;
        for (k = 0; k < 6; k++) {
            t->col[k] = -1;
            for (i = 0; params_cols[t->structures][k] && i < n; i++)
                if (strcmp(f[i], params_cols[t->structures][k]) == 0)
                    t->col[k] = (int)i;
        }
        if (t->col[0] < 0) {
            diag_add(t->d, DIAG_ERROR, DIAG_MISSING_COLUMN, line, 0, NULL,
                     params_cols[t->structures][0], NULL);
            t->errors++;
        }
        return 0;
    }
    if (t->col[0] < 0)
        return 0;
    e = vocab_find(t->structures ? VOCAB_STRUCTURE : VOCAB_CATEGORY, f[t->col[0]]);
    if (!e) {
        diag_add(t->d, DIAG_ERROR, t->structures ? DIAG_BAD_CHOICE : DIAG_UNKNOWN_CATEGORY, line,
                 t->col[0] + 1, params_cols[t->structures][0], f[t->col[0]],
                 "RC, SRC, S, W, CB, LGS, other");
        t->errors++;
        return 0;
    }
    idx = params_row_index(t->structures, f[t->col[0]]);
    for (k = 1; k <= 3; k++)
        params_table_cell(t, line, f, (int)k, idx);
    if (t->structures)
        idx += LCC_CATEGORIES;
    if (t->col[4] >= 0)
        snprintf(t->p->table_sources[idx], sizeof t->p->table_sources[idx], "%s", f[t->col[4]]);
    return 0;
}

static enum koyu_err
params_apply_table(struct params *p, const char *name, int structures, const char *text, size_t len,
                   struct diag *d)
{
    struct params_table t = {p, d, structures, {-1, -1, -1, -1, -1, -1}, 0, 0};
    struct loader_info info;
    long before = d->errors;
    enum koyu_err err;

    diag_begin_file(d, name);
    err = loader_read_memory(text, len, LOADER_ENC_AUTO, params_on_row, &t, d, &info);
    diag_end_file(d);
    if (err)
        return err;
    return t.errors || d->errors > before ? KOYU_ERR_DATA : KOYU_OK;
}

/* ---- types.csv (施設類型別方針) ---- */

enum { TY_GROUP, TY_ESSENTIAL, TY_SELL, TY_LEASE, TY_CUT, TY_SOURCE, TY__COUNT };
static const char *const params_type_cols[TY__COUNT] = {"group", "essential",       "sell",
                                                        "lease", "utilization_cut", "source"};

struct params_types_ctx {
    struct params *p;
    struct diag *d;
    int col[TY__COUNT], header;
    long errors;
};

/* An allowance: yes, review or no. */
static int
params_allow(const char *s, int *out)
{
    int yes;

    if (strcmp(s, "review") == 0 || strcmp(s, "要検討") == 0) {
        *out = ASSESS_ALLOW_REVIEW;
        return 0;
    }
    if (conf_bool(s, &yes) != 0)
        return -1;
    *out = yes ? ASSESS_ALLOW_YES : ASSESS_ALLOW_NO;
    return 0;
}

static int
params_on_type(void *ctx, long line, char **f, size_t n, int broken)
{
    struct params_types_ctx *t = ctx;
    struct param_type_row *e = NULL, row;
    size_t i;
    int k;

    if (broken) {
        t->errors++;
        return 0;
    }
    if (!t->header) {
        t->header = 1;
        for (k = 0; k < TY__COUNT; k++) {
            t->col[k] = -1;
            for (i = 0; i < n; i++)
                if (strcmp(f[i], params_type_cols[k]) == 0)
                    t->col[k] = (int)i;
        }
        if (t->col[TY_GROUP] < 0) {
            diag_add(t->d, DIAG_ERROR, DIAG_MISSING_COLUMN, line, 0, NULL, "group", NULL);
            t->errors++;
        }
        return 0;
    }
    if (t->col[TY_GROUP] < 0)
        return 0;
    memset(&row, 0, sizeof row);
    row.essential = row.sell = row.lease = -1;
    row.utilization_cut = NAN;
    for (k = TY_ESSENTIAL; k < TY_SOURCE; k++) {
        const int c = t->col[k];
        const char *v = c >= 0 && (size_t)c < n ? f[c] : "";
        const char *expect = NULL;
        char *end;

        if (!*v)
            continue;
        if (k == TY_ESSENTIAL) {
            if (conf_bool(v, &row.essential) != 0)
                expect = "yes | no";
        } else if (k == TY_CUT) {
            if (strcmp(v, "none") == 0 || strcmp(v, "なし") == 0) {
                row.utilization_cut = -1;
            } else {
                row.utilization_cut = strtod(v, &end);
                if (end == v || *end || !(row.utilization_cut >= 0 && row.utilization_cut <= 100))
                    expect = "0 .. 100 | none";
            }
        } else if (params_allow(v, k == TY_SELL ? &row.sell : &row.lease) != 0) {
            expect = "yes | review | no";
        }
        if (expect) {
            diag_add(t->d, DIAG_ERROR, DIAG_PARAM_VALUE, line, c + 1, params_type_cols[k], v,
                     expect);
            t->errors++;
            return 0;
        }
    }
    for (i = 0; i < t->p->ntypes; i++)
        if (strcmp(t->p->types[i].group, f[t->col[TY_GROUP]]) == 0)
            e = &t->p->types[i];
    if (!e) {
        if (t->p->ntypes == PARAMS_MAX_TYPES) {
            diag_add(t->d, DIAG_ERROR, DIAG_PARAM_VALUE, line, t->col[TY_GROUP] + 1, "group",
                     f[t->col[TY_GROUP]], "at most 64 rows");
            t->errors++;
            return 0;
        }
        e = &t->p->types[t->p->ntypes++];
        snprintf(e->group, sizeof e->group, "%s", f[t->col[TY_GROUP]]);
        e->essential = e->sell = e->lease = -1;
        e->utilization_cut = NAN;
    }
    /* a user's row changes what it gives, and leaves the rest as shipped */
    if (row.essential >= 0)
        e->essential = row.essential;
    if (row.sell >= 0)
        e->sell = row.sell;
    if (row.lease >= 0)
        e->lease = row.lease;
    if (!isnan(row.utilization_cut))
        e->utilization_cut = row.utilization_cut;
    if (t->col[TY_SOURCE] >= 0 && (size_t)t->col[TY_SOURCE] < n && *f[t->col[TY_SOURCE]])
        snprintf(e->source, sizeof e->source, "%s", f[t->col[TY_SOURCE]]);
    return 0;
}

static enum koyu_err
params_apply_types(struct params *p, const char *name, const char *text, size_t len, struct diag *d)
{
    struct params_types_ctx t;
    struct loader_info info;
    long before = d->errors;
    enum koyu_err err;

    memset(&t, 0, sizeof t);
    t.p = p;
    t.d = d;
    diag_begin_file(d, name);
    err = loader_read_memory(text, len, LOADER_ENC_AUTO, params_on_type, &t, d, &info);
    diag_end_file(d);
    if (err)
        return err;
    return t.errors || d->errors > before ? KOYU_ERR_DATA : KOYU_OK;
}

/* The row of a subcategory, or of the category (by name or key), or NULL. */
static const struct param_type_row *
params_type_row(const struct params *p, const char *subcategory, const struct vocab_entry *c,
                int by_category)
{
    size_t i;

    for (i = 0; i < p->ntypes; i++) {
        if (!by_category && subcategory && strcmp(p->types[i].group, subcategory) == 0)
            return &p->types[i];
        if (by_category && c && vocab_find(VOCAB_CATEGORY, p->types[i].group) == c)
            return &p->types[i];
    }
    return NULL;
}

void
params_type_policy(const struct params *p, const char *subcategory, const char *category,
                   struct param_type_policy *out)
{
    const struct vocab_entry *c = category ? vocab_find(VOCAB_CATEGORY, category) : NULL;
    const struct param_type_row *rows[2];
    int k;

    out->essential = 0;
    out->sell = out->lease = ASSESS_ALLOW_YES;
    out->utilization_cut = p->assess.utilization_low_pct;
    rows[0] = params_type_row(p, subcategory, c, 1);
    rows[1] = params_type_row(p, subcategory, c, 0);
    /* the category's row, then the 中分類's over it */
    for (k = 0; k < 2; k++) {
        if (!rows[k])
            continue;
        if (rows[k]->essential >= 0)
            out->essential = rows[k]->essential;
        if (rows[k]->sell >= 0)
            out->sell = (enum assess_allow)rows[k]->sell;
        if (rows[k]->lease >= 0)
            out->lease = (enum assess_allow)rows[k]->lease;
        if (!isnan(rows[k]->utilization_cut))
            out->utilization_cut = rows[k]->utilization_cut;
    }
}

/* ---- loading ---- */

/* Reads a whole small file; returns malloc'd bytes (caller frees) or NULL
 * with *missing set when it does not exist. */
char *
params_slurp(const char *path, size_t *len, int *missing)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long n;

    *missing = !fp && errno == ENOENT;
    if (!fp)
        return NULL;
    if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && n < (1L << 24) &&
        fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)n, fp);
        buf[*len] = '\0';
    }
    fclose(fp);
    return buf;
}

static const char *const params_files[] = {"lcc.conf", "categories.csv", "structures.csv",
                                           "types.csv"};
#define PARAMS_FILES (sizeof params_files / sizeof params_files[0])

/* Applies file k (0 conf, 1 categories, 2 structures) of text to p. */
static enum koyu_err
params_apply(struct params *p, int k, const char *name, const char *text, size_t len,
             struct diag *d)
{
    if (k == 0)
        return params_apply_conf(p, name, text, len, d);
    if (k == 3)
        return params_apply_types(p, name, text, len, d);
    return params_apply_table(p, name, k == 2, text, len, d);
}

enum koyu_err
params_load(struct params *p, const char *dir, struct diag *d)
{
    enum koyu_err err = KOYU_OK, e;
    char path[4096], emb[64];
    size_t k, len;

    memset(p, 0, sizeof *p);
    for (k = 0; k < PARAMS_FILES; k++) {
        const struct embedded_file *f;

        snprintf(emb, sizeof emb, "params/%s", params_files[k]);
        f = embedded_find(emb);
        if (!f)
            return KOYU_ERR_IO;
        e = params_apply(p, (int)k, params_files[k], (const char *)f->data, f->size, d);
        if (e && !err)
            err = e;
    }
    if (dir) {
        /* the type table's old name: say so rather than skip it */
        FILE *old;

        snprintf(path, sizeof path, "%s/essential.csv", dir);
        if ((old = fopen(path, "rb")) != NULL) {
            fclose(old);
            diag_begin_file(d, path);
            diag_add(d, DIAG_ERROR, DIAG_PARAM_RENAMED, 0, 0, NULL, NULL, "types.csv");
            diag_end_file(d);
            err = KOYU_ERR_DATA;
        }
    }
    for (k = 0; dir && k < PARAMS_FILES; k++) {
        int missing = 0;
        char *text;

        snprintf(path, sizeof path, "%s/%s", dir, params_files[k]);
        text = params_slurp(path, &len, &missing);
        if (!text) {
            if (!missing) {
                diag_begin_file(d, path);
                diag_add(d, DIAG_ERROR, DIAG_FILE_UNREADABLE, 0, 0, NULL, NULL, strerror(errno));
                diag_end_file(d);
                err = KOYU_ERR_IO;
            }
            continue;
        }
        e = params_apply(p, (int)k, path, text, len, d);
        free(text);
        if (e && !err)
            err = e;
    }
    return err;
}
