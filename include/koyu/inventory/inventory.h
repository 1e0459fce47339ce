/*
 * inventory.h - the three input files (facilities, buildings, usage): their
 * columns, header matching, and the conversion of one CSV row into typed
 * values with every rule of validation that needs only that row.
 *
 * Pure: no I/O.  Cross-row rules (duplicate ids, unknown facilities,
 * facilities without buildings) belong to the importer and the store.
 */
#ifndef KOYU_INVENTORY_H
#define KOYU_INVENTORY_H

#include <stddef.h>

#include "koyu/core/diag.h"

enum inv_file {
    INV_FACILITIES = 0,
    INV_BUILDINGS,
    INV_USAGE,  /* optional */
    INV_POLICY, /* optional: a planner's decisions (方針) */
    INV__FILES
};

enum inv_type {
    INV_T_ID = 0, /* identifier: full-width folded, trimmed */
    INV_T_TEXT,   /* free text, trimmed */
    INV_T_CHOICE, /* one of a vocabulary (vocab.h), stored as its code */
    INV_T_AREA,   /* ㎡, >= 0 */
    INV_T_YEN,    /* yen, >= 0 */
    INV_T_COUNT,  /* whole number >= 0, at most max */
    INV_T_PCT,    /* 0..100 */
    INV_T_YEAR,   /* fiscal year, 西暦 or 和暦 */
    INV_T_GRADE,  /* A..D */
};

/* Rules beyond the type, by column. */
#define INV_REQUIRED  1u /* the column must exist and each value be set */
#define INV_POSITIVE  2u /* a number > 0 (floor area) */
#define INV_PLAN_YEAR 4u /* a planned year: the base year .. 99 years after it */

struct inv_column {
    const char *key;            /* English key, also the database column */
    const char *ja;             /* Japanese header written by templates */
    const char *const *aliases; /* other headers accepted, NULL-terminated */
    enum inv_type type;
    int vocab;           /* enum vocab_kind for INV_T_CHOICE */
    unsigned flags;      /* INV_REQUIRED, INV_POSITIVE */
    double max;          /* INV_T_COUNT upper bound */
    const char *unit_ja; /* unit for the dictionary, or NULL */
    const char *desc_ja; /* meaning, for the dictionary */
    const char *desc_en;
};

/* Positions of the columns the code refers to, in the tables of
 * inventory.c (a test checks them against the keys).  Constants, so that
 * both threads of an import can use them without shared state. */
enum {
    INV_F_ID = 0,
    INV_F_CATEGORY = 2,
    INV_F_SUBCATEGORY = 3,
    INV_F_STATUS = 10,
    INV_B_ID = 0,
    INV_B_FACILITY = 1,
    INV_B_AREA = 4,
    INV_B_BUILT = 5,
    INV_B_RENOVATED = 8,
    INV_U_YEAR = 0,
    INV_U_FACILITY = 1,
    INV_P_FACILITY = 0,
    INV_P_DECISION = 1,
    INV_P_REASON = 2,
    INV_P_YEAR = 3
};

/* The column holding a row's own id (usage: its facility, with the year)
 * and the column naming its facility. */
int inventory_id_column(enum inv_file f);
int inventory_facility_column(enum inv_file f);

/* Most columns any file has. */
#define INV_MAX_COLUMNS 16

/* One converted value.  text points into the row's (mutable) fields or to
 * static vocabulary codes, so it is valid until the next row. */
struct inv_value {
    int present;
    double num;       /* numbers, counts, years */
    const char *text; /* ids, text and choice codes */
};

/* How the columns of one file map to the spec. */
struct inv_header {
    size_t nfields;                   /* fields in the header row */
    int to_spec[256];                 /* file column -> spec index or -1 */
    int to_file[INV_MAX_COLUMNS];     /* spec index -> file column or -1 */
    char names[INV_MAX_COLUMNS][128]; /* headers as the user wrote them */
    /* a yen column given twice (委託料 and 指定管理料 both map to
     * outsourcing_yen) is the sum of both */
    int to_file2[INV_MAX_COLUMNS]; /* second file column, or -1 */
    char names2[INV_MAX_COLUMNS][64];
};

/* The file's name in the inventory directory ("facilities.csv"). */
const char *inventory_file_name(enum inv_file f);

/* The columns of f in template order; returns how many, sets *cols to a
 * static table. */
size_t inventory_columns(enum inv_file f, const struct inv_column **cols);

/* Index of the column with this key in f, or -1 (a plain search). */
int inventory_column_index(enum inv_file f, const char *key);

/* Maps a header row to the spec.  Unknown columns are warnings, duplicate
 * and missing required columns errors, all reported to d at `line`.
 * Returns the number of errors (0 = usable). */
long inventory_map_header(enum inv_file f, const char *const *fields, size_t n, long line,
                          struct inv_header *h, struct diag *d);

/* Converts one data row into out[spec index], reporting each bad cell to d
 * with its line and column.  base_year is the projection's first year
 * (Y0): years after it are errors.  fields may be modified (trimmed and
 * folded in place).  Returns the number of errors in the row. */
long inventory_convert_row(enum inv_file f, const struct inv_header *h, char **fields, size_t n,
                           long line, int base_year, struct inv_value *out, struct diag *d);

/* Thresholds of the plausibility warnings (README, "Validation"). */
#define INV_AREA_WARN_M2    200000.0
#define INV_BUILT_WARN_YEAR 1900
#define INV_EARLIEST_YEAR   1868

#endif
