/*
 * store.h - the SQLite database: schema and its upgrades, the inventory
 * snapshots keyed by year, the record of every import and its messages.
 *
 * Prepared statements only; foreign keys on.  An import is one transaction
 * (store_begin_import ... store_commit_import or store_rollback).
 */
#ifndef KOYU_STORE_H
#define KOYU_STORE_H

#include "koyu/core/diag.h"
#include "koyu/core/errors.h"
#include "koyu/engine/asset.h"
#include "koyu/engine/portfolio.h"
#include "koyu/inventory/inventory.h"
#include "koyu/inventory/loader.h"

/* Schema version written to PRAGMA user_version. */
#define STORE_SCHEMA_VERSION 5

/* PRAGMA application_id of koyu databases ("KOYU"). */
#define STORE_APPLICATION_ID 0x4B4F5955

typedef struct store store;

/* Opens (creating if needed) the database at path and brings its schema up
 * to date; path "" opens a private temporary database on disk.  On success
 * *out owns the connection (free with store_close) and *created tells if
 * the file is new; on failure errbuf gets the reason. */
enum koyu_err store_open(const char *path, store **out, int *created, char *errbuf, size_t errsize);

/* Opens a second, read-only connection to the file of s, for another
 * thread to read from (a connection is used by one thread at a time).  It
 * sees what s has committed; it fails when s is inside a transaction or is
 * a private temporary database.  On success *out owns the connection (free
 * with store_close); it serves the store_report_* and snapshot readers. */
enum koyu_err store_open_reader(const store *s, store **out, char *errbuf, size_t errsize);

/* Closes s, finalizing every statement; NULL is a no-op. */
void store_close(store *s);

/* The last SQLite message of s; borrowed, valid until the next call. */
const char *store_errmsg(const store *s);

/* Starts the import of year's snapshot: opens the transaction, removes the
 * year's previous snapshot and records the import; sets *import_id. */
enum koyu_err store_begin_import(store *s, int year, const char *source_dir,
                                 const char *imported_at, const char *version,
                                 long long *import_id);

/* Called for a row whose id is already taken (dup_line), naming the line
 * of the first row with that id (0 if unknown), the id and the row's
 * values (borrowed for the call). */
typedef void (*store_dup_fn)(void *ctx, long dup_line, long first_line, const char *id,
                             const struct inv_value *values);

/* Queues one converted row (values in inventory_columns order) of file f
 * for the open import; line is kept as source_line.  Rows are written in
 * batches: a duplicate may be reported to dup (with ctx) on a later call
 * or on store_flush.  The values are copied. */
enum koyu_err store_insert_row(store *s, enum inv_file f, int year, long line,
                               const struct inv_value *values, store_dup_fn dup, void *ctx);

/* Writes the queued rows; call at the end of each file. */
enum koyu_err store_flush(store *s, store_dup_fn dup, void *ctx);

/* Records an input file of the import. */
enum koyu_err store_add_file(store *s, long long import_id, const char *file,
                             const struct loader_info *info);

/* Records one diagnostic of the import; text is the formatted message. */
enum koyu_err store_add_message(store *s, long long import_id, const struct diag_item *item,
                                const char *text);

/* Counts and totals of year's snapshot. */
struct store_summary {
    long facilities;
    long buildings;
    long usage_rows;
    double floor_area_m2;
    double floor_area_pre1982_m2; /* built_year <= 1981 (旧耐震) */
    long graded_buildings;        /* buildings with any condition grade */
    double running_cost_yen;      /* latest fiscal year, six cost columns */
    int latest_fiscal_year;
    long categories; /* categories present */
};

enum koyu_err store_summarize(store *s, int year, struct store_summary *out);

/* Finishes the import with its counts and commits. */
enum koyu_err store_commit_import(store *s, long long import_id, const struct store_summary *counts,
                                  long warnings);

/* Rolls back an open import; safe to call when none is open. */
void store_rollback(store *s);

/* Commits an open transaction (results written without an import). */
enum koyu_err store_commit(store *s);

/* ---- a stored snapshot, facility by facility (store_results.c) ---- */

typedef struct store_snapshot store_snapshot;

/* Opens a reader of year's snapshot in facility_id order, of one
 * department when department is not NULL; *out owns it (close with
 * store_snapshot_close). */
enum koyu_err store_snapshot_open(store *s, int year, const char *department, store_snapshot **out);

/* Fills f with the next facility (valid until the next call); returns 1,
 * 0 at the end, or -1 on a database error. */
int store_snapshot_next(store_snapshot *c, struct asset_facility *f);

void store_snapshot_close(store_snapshot *c);

/* ---- LCC results (store_results.c) ---- */

struct store_run {
    int year;
    const char *scenario;
    const char *model;
    int horizon_years;
    double discount_rate;
    const char *created_at;
};

/* Starts storing a run inside the open transaction, replacing the results
 * of the same year and scenario; sets *run_id. */
enum koyu_err store_results_begin(store *s, const struct store_run *r, long long *run_id);

enum koyu_err store_results_param(store *s, long long run_id, const char *key, const char *value,
                                  const char *source, const char *file);

/* One facility's figures; pv, annual and residual by enum lcc_option. */
struct store_facility_result {
    const char *facility_id;
    double floor_area_m2;
    double running_cost_yen, revenue_yen, repair_yen;
    int usage_years;
    int running_estimated;
    double pv[5], annual[5], residual[5];
    double renewal_total_yen;
    int repair_offered;         /* 0: repair's figures are stored as NULL */
    int cheapest;               /* enum lcc_option (lcc_cheapest), or -1 */
    double service_loss_pv_yen; /* the service a sale or lease gives up */
    double land_pv_yen;         /* the land an option keeps, at the end (negative) */
};

enum koyu_err store_results_facility(store *s, long long run_id,
                                     const struct store_facility_result *r);

enum koyu_err store_results_renewal(store *s, long long run_id, int fiscal_year,
                                    const char *category, const char *department,
                                    const char *work_type, double cost_yen);

enum koyu_err store_results_schedule(store *s, long long run_id, const char *building_id,
                                     const char *facility_id, int fiscal_year,
                                     const char *work_type, double cost_yen);

/* One facility's assessment; NAN-free: has flags say what is set. */
struct store_assessment {
    const char *facility_id;
    double soundness, remaining_life;
    int soundness_estimated, seismic_deficient, hard_estimated;
    int main_age, main_extendable;
    int buildings, oldest_built_year;
    double weighted_age;
    double hard_score;
    int hard_low;
    double indicator[5], t[5]; /* utilization, users/㎡, cost/㎡, recovery, cost/user */
    int has[5];                /* the value is known */
    int scored[5];             /* and counts in the soft score (its 偏差値 is stored) */
    double soft_score;
    int has_soft;
    const char *soft_group, *soft_group_level;
    int soft_low, quadrant, essential;
    const char *decision, *rule;
    int review, consolidation;
    unsigned main_why_not;              /* ASSESS_NOT_* of the main building */
    const char *review_tier, *function; /* assess_tier_name (NULL none), assess_function_name */
    int receiver, type_review, suspended;
    unsigned near_cut;          /* ASSESS_NEAR_* */
    double utilization_cut_pct; /* < 0: its type has none */
};

enum koyu_err store_results_assessment(store *s, long long run_id,
                                       const struct store_assessment *a);

/* Records the run's totals (the transaction stays open). */
enum koyu_err store_results_finish(store *s, long long run_id, const struct portfolio_totals *p);

/* A run's scenario: what was asked, and what it came to beyond the
 * portfolio figures. */
struct store_scenario {
    const char *batch; /* the runs of one command share it */
    int position;      /* 0: the baseline of the batch */
    const char *title, *title_en, *file;
    double planned_total_yen; /* the model's need, before leveling or reduction */
    double pv_renewal_yen, pv_running_yen;
    double end_floor_area_m2;
    double budget_cap_yen; /* 0: none */
    double backlog_yen, deferral_cost_yen;
    long deferred_works;
    int cap_binding_years;
    double reduction_target_m2, reduced_m2; /* 0: no reduction */
    double running_avoided_yen, renewal_avoided_yen;
};

enum koyu_err store_results_scenario(store *s, long long run_id, const struct store_scenario *sc);

/* Result tables written row by row with store_results_row; columns after
 * run_id in the order of the CREATE TABLE in store.c. */
enum store_table {
    STORE_T_SCENARIO_YEAR = 0, /* scenario_by_year: 7 columns */
    STORE_T_DEFERRED,          /* deferred_works: 16 */
    STORE_T_BUILDING,          /* building_assessment: 11 */
    STORE_T_EXIT,              /* reduction_exits: 6 */
    STORE_T_SENSITIVITY,       /* sensitivity: 6 */
    STORE_T_MC_YEAR,           /* mc_by_year: 5 */
    STORE_T_MC_SUMMARY,        /* mc_summary: 8 */
    STORE_T_FACILITY_UNC,      /* facility_uncertainty: 9 */
    STORE_T_CONSOLIDATION,     /* consolidations: 7 */
    STORE_T__COUNT
};

enum store_cell_type { STORE_NULL = 0, STORE_INT, STORE_REAL, STORE_TEXT };

struct store_cell {
    enum store_cell_type type;
    long long i;
    double d;
    const char *s; /* borrowed for the call */
};

#define STORE_CELL_INT(v)                                                                          \
    {                                                                                              \
        STORE_INT, (v), 0, NULL                                                                    \
    }
#define STORE_CELL_REAL(v)                                                                         \
    {                                                                                              \
        STORE_REAL, 0, (v), NULL                                                                   \
    }
#define STORE_CELL_TEXT(v)                                                                         \
    {                                                                                              \
        STORE_TEXT, 0, 0, (v)                                                                      \
    }
#define STORE_CELL_NULL                                                                            \
    {                                                                                              \
        STORE_NULL, 0, 0, NULL                                                                     \
    }

/* Inserts one row of table t for run_id; cells holds its other columns. */
enum koyu_err store_results_row(store *s, enum store_table t, long long run_id,
                                const struct store_cell *cells);

/* ---- reading results for the workbooks (store_report.c) ---- */

/* A stored run and its totals. */
struct store_run_info {
    long long run_id;
    int year;
    char scenario[64], model[32], created_at[32], koyu_version[32];
    int horizon_years;
    double discount_rate;
    struct portfolio_totals portfolio;
    double ratio_to_recent, annual_gap_yen; /* valid when recent investment > 0 */
};

/* The latest run of scenario for year (scenario NULL: the baseline of the
 * year's latest batch of scenarios);
 * KOYU_ERR_DATA when there is none. */
enum koyu_err store_report_run(store *s, int year, const char *scenario,
                               struct store_run_info *out);

/* One facility with its results; strings valid for the callback only. */
struct store_report_facility {
    const char *facility_id, *name, *category, *subcategory, *department, *district, *status;
    int buildings;
    double floor_area_m2;
    int oldest_built_year;
    double weighted_age;
    double soundness, hard_score, soft_score, remaining_life;
    int has_soft, soundness_estimated, hard_estimated, seismic_deficient;
    const char *soft_group, *soft_group_level;
    int hard_low, soft_low, quadrant, essential, review, consolidation;
    const char *decision, *rule;
    double running_cost_yen, revenue_yen, repair_yen;
    int usage_years, running_estimated;
    double pv[5], annual[5];
    double renewal_total_yen;
    double indicator[5], t[5];
    int has_indicator[5];
    double land_value_yen;
    int main_age, main_extendable;
    unsigned main_why_not;      /* ASSESS_NOT_* */
    int repair_offered;         /* 0: repair's PV is NULL (shown as not offered) */
    const char *cheapest;       /* the cheapest that meets its requirement, or NULL */
    double service_loss_pv_yen; /* the service a closure gives up */
    const char *review_tier;    /* "urgent" "service" "timing", or NULL */
    const char *function;       /* assess_function_name */
    int receiver, type_review, suspended;
    int renovated;              /* a recent renovation counts in a building's life */
    unsigned near_cut;          /* ASSESS_NEAR_* */
    double utilization_cut_pct; /* its type's 稼働率 cut, < 0 none */
    /* a consolidation source's receiver (NULL id: none), "consolidate" or
     * "combine", and its room when the source was placed */
    const char *receiver_id, *receiver_name, *receiver_kind;
    double receiver_room;
    const char *policy_reason; /* the planner's text of policy.csv, or NULL */
};

/* Calls fn for every facility of the run in facility_id order (or by
 * decision, then id, when by_decision), or of one department when
 * department is not NULL. */
enum koyu_err store_report_facilities(store *s, const struct store_run_info *run,
                                      const char *department, int by_decision,
                                      int (*fn)(void *ctx, const struct store_report_facility *f),
                                      void *ctx);

/* The run's projection summed over departments into
 * out[(year - run year) * 13 * 7 + category * 7 + work] (yen), or over one
 * department's rows when department is not NULL.  out must hold
 * horizon x 13 x 7 doubles. */
enum koyu_err store_report_renewal(store *s, const struct store_run_info *run,
                                   const char *department, double *out);

/* The run's departments, in name order: fn gets each with its facility
 * count and floor area. */
enum koyu_err store_report_departments(store *s, const struct store_run_info *run,
                                       int (*fn)(void *ctx, const char *department, long facilities,
                                                 double floor_area_m2),
                                       void *ctx);

/* One side of a consolidation pair, as stored. */
struct store_report_pair_side {
    const char *facility_id, *name, *subcategory, *district, *decision;
    double floor_area_m2, users, utilization_pct, hard_score, soft_score;
    int has_users, has_utilization, has_soft;
};

/* A consolidation source and its receiver; strings valid for the callback
 * only. */
struct store_report_pair {
    const char *kind; /* "consolidate" or "combine" */
    long long position;
    double users, receiver_room; /* moved a year; the room it had */
    struct store_report_pair_side source, receiver;
};

/* Calls fn for every consolidation pair of the run, in the order placed. */
enum koyu_err store_report_consolidations(store *s, const struct store_run_info *run,
                                          int (*fn)(void *ctx, const struct store_report_pair *p),
                                          void *ctx);

/* Whether run holds everything the workbooks read: a run made before
 * schema 5 has no building assessments (and no figures for some reasons),
 * and must be made again (koyu assess). */
enum koyu_err store_report_run_complete(store *s, const struct store_run_info *run, int *complete);

/* One stored parameter of the run as a number (a cut line, a threshold);
 * KOYU_ERR_DATA when the run has none by that key. */
enum koyu_err store_report_param(store *s, const struct store_run_info *run, const char *key,
                                 double *out);

/* One building of a run with its stored assessment; strings valid for the
 * callback only. */
struct store_report_building {
    const char *building_id, *facility_id;
    const char *structure, *seismic; /* codes, or NULL */
    double floor_area_m2;
    int built_year, renovated_year; /* 0 = none */
    char grades[5];                 /* 'A'..'D' or 0 */
    int age;
    double soundness;
    int soundness_estimated, target_life, remaining_life;
    int seismic_deficient, seismic_derived;
    double hard_score;
};

/* Calls fn for every building of the run in facility and building order,
 * or of one department's facilities when department is not NULL. */
enum koyu_err store_report_buildings(store *s, const struct store_run_info *run,
                                     const char *department,
                                     int (*fn)(void *ctx, const struct store_report_building *b),
                                     void *ctx);

/* The run's parameters (key, value, source, file), in key order. */
enum koyu_err store_report_params(store *s, const struct store_run_info *run,
                                  int (*fn)(void *ctx, const char *key, const char *value,
                                            const char *source, const char *file),
                                  void *ctx);

/* The current import of year: its files, then its stored messages. */
enum koyu_err store_report_files(store *s, int year,
                                 int (*fn)(void *ctx, const char *file, const char *sha256,
                                           long rows, long long bytes, const char *encoding,
                                           const char *imported_at),
                                 void *ctx);
/* The stored messages: fn gets each as an item to format in any language
 * (code DIAG__COUNT for a key this koyu does not know), its stable code
 * and the text stored with it. */
enum koyu_err store_report_messages(store *s, int year,
                                    int (*fn)(void *ctx, const struct diag_item *item,
                                              const char *code, const char *message),
                                    void *ctx);

/* Queries of the scenario and uncertainty sheets, each over the batch of
 * runs (one command's scenarios) a run belongs to, or the run itself. */
enum store_query {
    STORE_Q_SCENARIOS = 0,  /* per scenario, by position: scenario, title, title_en, model,
                             * position, total, annual average, peak year, peak, ratio,
                             * gap, pv, floor area, end floor area, cap, backlog,
                             * deferral cost, binding years, reduced m2, keep, repair,
                             * rebuild, sell, lease, run_id, recent investment,
                             * reduction target, running avoided, renewal avoided */
    STORE_Q_SCENARIO_YEARS, /* per fiscal year and scenario: fiscal year, position,
                             * planned, renewal, cap, binding, floor area, running cost */
    STORE_Q_DEFERRED,       /* deferred works of the batch: scenario, facility_id, name,
                             * building_id, planned work, work, state, due year, planned
                             * end, start, end, delay, planned cost, cost, paid,
                             * outstanding, deadline year, the window's last year */
    STORE_Q_EXITS,          /* exits of the batch: scenario, facility_id, name, department,
                             * decision, exit year, floor area, running avoided,
                             * renewal avoided */
    STORE_Q_SENSITIVITY,    /* the run's: variable, end, value, total, pv, changed */
    STORE_Q_MC_YEARS,       /* the run's: fiscal year, p5, p50, p95, mean */
    STORE_Q_MC_SUMMARY,     /* the run's: measure, draws, seed, p5, p50, p95, mean,
                             * deterministic */
    STORE_Q_FACILITY_UNC,   /* the run's, by facility: facility_id, name, decision,
                             * chosen, cheapest, p_chosen, switch discount rate, option,
                             * switch escalation rate, option, changes */
    STORE_Q__COUNT
};

/* Runs query q for run_id; fn gets each row's n cells (strings valid for
 * the call) and stops the query by returning non-zero. */
enum koyu_err store_report_query(store *s, enum store_query q, long long run_id,
                                 int (*fn)(void *ctx, const struct store_cell *cells, int n),
                                 void *ctx);

/* Usage rows of one facility by fiscal year (for the facility card). */
enum koyu_err store_report_usage(store *s, int year, const char *facility_id,
                                 int (*fn)(void *ctx, int fiscal_year, double users,
                                           double utilization_pct, double cost_yen,
                                           double revenue_yen),
                                 void *ctx);

#endif
