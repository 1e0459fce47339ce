/*
 * params.h - reads the engine's parameters: templates/params/lcc.conf
 * (key = value), categories.csv, structures.csv and types.csv.  The defaults are the
 * copies compiled into koyu; a folder given by the user overrides them file
 * by file and key by key.  Unknown keys and bad values are errors naming
 * file and line.
 */
#ifndef KOYU_PARAMS_H
#define KOYU_PARAMS_H

#include <stddef.h>

#include "koyu/core/conf.h"
#include "koyu/core/diag.h"
#include "koyu/core/errors.h"
#include "koyu/engine/assess.h"
#include "koyu/engine/lcc.h"

/* A parameter as set, with the source written next to it. */
struct param_note {
    char key[128];
    char value[256];
    char source[256];
    char file[32]; /* where the value came from: "lcc.conf" or a user path */
};

#define PARAMS_MAX_NOTES 128
#define PARAMS_MAX_TYPES 64

/* A row of types.csv (施設類型別方針): what a comparison group (中分類) or
 * category allows; a field not given is -1 (cut: NAN). */
struct param_type_row {
    char group[128];
    int essential;          /* 1 / 0 */
    int sell, lease;        /* enum assess_allow */
    double utilization_cut; /* %, -1 none */
    char source[256];       /* its source column */
};

/* A facility's type policy, resolved: its 中分類's row, then its
 * category's, then the defaults (not essential, sell and lease allowed,
 * assess.utilization_low_pct). */
struct param_type_policy {
    int essential;
    enum assess_allow sell, lease;
    double utilization_cut; /* < 0: none */
};

struct params {
    struct lcc_params lcc;
    struct assess_params assess;
    struct param_type_row types[PARAMS_MAX_TYPES];
    size_t ntypes;
    struct param_note notes[PARAMS_MAX_NOTES]; /* lcc.conf keys, in file order */
    size_t nnotes;
    char table_sources[LCC_CATEGORIES + LCC_STRUCTURES][256]; /* source column */
};

/* Loads the defaults into p, then the files of dir (may be NULL) over
 * them.  Problems go to d with file and line; returns KOYU_ERR_DATA when
 * there were any, KOYU_ERR_IO when dir cannot be read. */
enum koyu_err params_load(struct params *p, const char *dir, struct diag *d);

/* The policy for a facility of this subcategory and category (Japanese
 * name or English key), from types.csv. */
void params_type_policy(const struct params *p, const char *subcategory, const char *category,
                        struct param_type_policy *out);

/* Sets one parameter by its key: a lcc.conf key, or a table cell as
 * "categories.school.rebuild_yen_m2" (the form the database stores),
 * checked as in its own file; returns 0, or -1 for a key or value it does
 * not take. */
int params_set_key(struct params *p, const char *key, const char *value);

/* Applies one "key = value" line of a file (a lcc.conf key or a table
 * cell) to p, reporting a bad key or value to d; returns the errors (0, 1). */
long params_apply_line(struct params *p, const char *file, const struct conf_line *l,
                       struct diag *d);

/* Applies "key = value" lines of text (named name in messages) to p. */
enum koyu_err params_apply_conf(struct params *p, const char *name, const char *text, size_t len,
                                struct diag *d);

/* Reads a whole file (at most 16 MiB) into a NUL-terminated buffer the
 * caller frees; NULL on failure, with *missing set when it does not exist. */
char *params_slurp(const char *path, size_t *len, int *missing);

#endif
