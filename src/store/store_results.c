/* store_results.c - reading a stored snapshot facility by facility, and
 * writing the LCC engine's results.  Part of the store module. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/core/version.h"
#include "koyu/core/vocab.h"
#include "koyu/engine/lcc.h"
#include "koyu/store/store.h"
#include "store_int.h"

/* The snapshot reader numbers entries by their place in the vocabularies,
 * which list them in the engine's order. */
_Static_assert(VOCAB_CATEGORIES == ASSET_CATEGORIES, "categories: vocab.c and asset.h");
_Static_assert(VOCAB_STRUCTURES == ASSET_STRUCTURES, "structures: vocab.c and asset.h");
_Static_assert(VOCAB_SEISMICS == ASSET_SEISMIC__COUNT, "seismic status: vocab.c and asset.h");
_Static_assert(VOCAB_STATUSES == ASSET_STATUS__COUNT, "facility status: vocab.c and asset.h");
_Static_assert(VOCAB_DECISIONS == LCC_OPTION__COUNT, "decisions: vocab.c and lcc.h");

/* Keeps SQLite's message of a failure (later calls reset it) and returns
 * KOYU_ERR_DB. */
static enum koyu_err
store_fail(store *s)
{
    if (!s->last_error[0])
        snprintf(s->last_error, sizeof s->last_error, "%s", sqlite3_errmsg(s->db));
    return KOYU_ERR_DB;
}

/* ---- snapshot reader ---- */

/* Three cursors (facilities, buildings, usage) stepped together in
 * facility_id order, as a merge join: one facility in memory at a time. */
struct store_snapshot {
    sqlite3_stmt *fac, *bld, *use;
    int bld_row, use_row; /* the cursor holds an unread row */
    struct arena text;
    struct asset_building *b;
    size_t *b_id; /* offsets of the building ids in text */
    size_t nb, capb, capbid;
    struct asset_usage *u;
    size_t nu, capu;
};

static int
store_vocab_index(enum vocab_kind k, const unsigned char *code)
{
    const struct vocab_entry *e;
    size_t i;

    if (!code)
        return -1;
    e = vocab_find(k, (const char *)code);
    for (i = 0; e && i < vocab_count(k); i++)
        if (vocab_at(k, i) == e)
            return (int)i;
    return -1;
}

enum koyu_err
store_snapshot_open(store *s, int year, const char *department, store_snapshot **out)
{
    static const char fac_sql[] =
        "SELECT f.facility_id, f.name, f.subcategory, f.department, f.category, f.status,"
        " f.essential, f.land_owned, f.land_value_yen, p.decision, p.reason, p.target_year,"
        " f.district"
        " FROM facilities f LEFT JOIN policies p"
        "  ON p.year = f.year AND p.facility_id = f.facility_id"
        " WHERE f.year = ?1 AND (?2 IS NULL OR f.department = ?2) ORDER BY f.facility_id";
    static const char bld_sql[] =
        "SELECT facility_id, building_id, structure, seismic, floor_area_m2, built_year,"
        " renovated_year, roof, exterior, interior, electrical, mechanical"
        " FROM buildings WHERE year = ?1 ORDER BY facility_id, building_id";
    /* one department: the IN list lets SQLite seek the index per facility
     * instead of scanning the year (an "?2 IS NULL OR" would stop that) */
    static const char bld_dept_sql[] =
        "SELECT facility_id, building_id, structure, seismic, floor_area_m2, built_year,"
        " renovated_year, roof, exterior, interior, electrical, mechanical"
        " FROM buildings WHERE year = ?1 AND facility_id IN"
        "  (SELECT facility_id FROM facilities WHERE year = ?1 AND department = ?2)"
        " ORDER BY facility_id, building_id";
    static const char use_sql[] =
        "SELECT facility_id, fiscal_year,"
        " TOTAL(personnel_yen) + TOTAL(utilities_yen) + TOTAL(maintenance_yen)"
        " + TOTAL(repair_yen) + TOTAL(outsourcing_yen) + TOTAL(other_yen),"
        " TOTAL(revenue_yen), TOTAL(repair_yen), users, utilization_pct"
        " FROM usage WHERE year = ?1"
        " GROUP BY facility_id, fiscal_year ORDER BY facility_id, fiscal_year";
    static const char use_dept_sql[] =
        "SELECT facility_id, fiscal_year,"
        " TOTAL(personnel_yen) + TOTAL(utilities_yen) + TOTAL(maintenance_yen)"
        " + TOTAL(repair_yen) + TOTAL(outsourcing_yen) + TOTAL(other_yen),"
        " TOTAL(revenue_yen), TOTAL(repair_yen), users, utilization_pct"
        " FROM usage WHERE year = ?1 AND facility_id IN"
        "  (SELECT facility_id FROM facilities WHERE year = ?1 AND department = ?2)"
        " GROUP BY facility_id, fiscal_year ORDER BY facility_id, fiscal_year";
    store_snapshot *c = calloc(1, sizeof *c);

    *out = NULL;
    if (!c)
        return KOYU_ERR_NOMEM;
    if (sqlite3_prepare_v2(s->db, fac_sql, -1, &c->fac, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, department ? bld_dept_sql : bld_sql, -1, &c->bld, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(s->db, department ? use_dept_sql : use_sql, -1, &c->use, NULL) !=
            SQLITE_OK) {
        store_fail(s);
        store_snapshot_close(c);
        return KOYU_ERR_DB;
    }
    sqlite3_bind_int(c->fac, 1, year);
    sqlite3_bind_int(c->bld, 1, year);
    sqlite3_bind_int(c->use, 1, year);
    if (department) {
        sqlite3_bind_text(c->fac, 2, department, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(c->bld, 2, department, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(c->use, 2, department, -1, SQLITE_TRANSIENT);
    }
    c->bld_row = sqlite3_step(c->bld) == SQLITE_ROW;
    c->use_row = sqlite3_step(c->use) == SQLITE_ROW;
    *out = c;
    return KOYU_OK;
}

/* Compares the facility_id of a child cursor's row with id. */
static int
store_cmp_id(sqlite3_stmt *st, const char *id)
{
    const char *x = (const char *)sqlite3_column_text(st, 0);

    return strcmp(x ? x : "", id);
}

int
store_snapshot_next(store_snapshot *c, struct asset_facility *f)
{
    size_t id, off[4], policy_reason, district;
    int rc = sqlite3_step(c->fac), i;

    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return -1;
    arena_clear(&c->text);
    c->nb = c->nu = 0;
    memset(f, 0, sizeof *f);
    id = arena_add_str(&c->text, (const char *)sqlite3_column_text(c->fac, 0));
    for (i = 0; i < 3; i++)
        off[i] = arena_add_str(&c->text, (const char *)sqlite3_column_text(c->fac, i + 1));
    f->category = store_vocab_index(VOCAB_CATEGORY, sqlite3_column_text(c->fac, 4));
    f->status = store_vocab_index(VOCAB_STATUS, sqlite3_column_text(c->fac, 5));
    f->essential =
        sqlite3_column_type(c->fac, 6) == SQLITE_NULL ? -1 : sqlite3_column_int(c->fac, 6);
    f->land_owned = sqlite3_column_type(c->fac, 7) == SQLITE_NULL
                        ? -1
                        : strcmp((const char *)sqlite3_column_text(c->fac, 7), "owned") == 0;
    f->land_value_yen = sqlite3_column_double(c->fac, 8);
    f->policy = store_vocab_index(VOCAB_DECISION, sqlite3_column_text(c->fac, 9));
    f->policy_year = sqlite3_column_int(c->fac, 11);
    policy_reason = arena_add_str(&c->text, (const char *)sqlite3_column_text(c->fac, 10));
    district = arena_add_str(&c->text, (const char *)sqlite3_column_text(c->fac, 12));
    if (id == ARENA_NONE)
        return -1;
    /* children of this facility; the cursors never run behind it because
     * every child refers to a facility (checked at import) */
    while (c->bld_row && store_cmp_id(c->bld, arena_at(&c->text, id)) <= 0) {
        struct asset_building *b;
        int g;

        if (store_cmp_id(c->bld, arena_at(&c->text, id)) == 0) {
            if (arena_grow((void **)&c->b, &c->capb, c->nb + 1, sizeof *c->b) != 0 ||
                arena_grow((void **)&c->b_id, &c->capbid, c->nb + 1, sizeof *c->b_id) != 0)
                return -1;
            /* ids go in by offset: pointers are set once the text stops moving */
            c->b_id[c->nb] = arena_add_str(&c->text, (const char *)sqlite3_column_text(c->bld, 1));
            b = &c->b[c->nb++];
            memset(b, 0, sizeof *b);
            b->structure = store_vocab_index(VOCAB_STRUCTURE, sqlite3_column_text(c->bld, 2));
            b->seismic = store_vocab_index(VOCAB_SEISMIC, sqlite3_column_text(c->bld, 3));
            b->floor_area_m2 = sqlite3_column_double(c->bld, 4);
            b->built_year = sqlite3_column_int(c->bld, 5);
            b->renovated_year = sqlite3_column_int(c->bld, 6);
            for (g = 0; g < 5; g++) {
                const unsigned char *t = sqlite3_column_text(c->bld, 7 + g);

                b->grades[g] = t ? (char)t[0] : 0;
            }
            f->floor_area_m2 += b->floor_area_m2;
        }
        rc = sqlite3_step(c->bld);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return -1;
        c->bld_row = rc == SQLITE_ROW;
    }
    while (c->use_row && store_cmp_id(c->use, arena_at(&c->text, id)) <= 0) {
        struct asset_usage *u;

        if (store_cmp_id(c->use, arena_at(&c->text, id)) == 0) {
            if (arena_grow((void **)&c->u, &c->capu, c->nu + 1, sizeof *c->u) != 0)
                return -1;
            u = &c->u[c->nu++];
            u->fiscal_year = sqlite3_column_int(c->use, 1);
            u->cost_yen = sqlite3_column_double(c->use, 2);
            u->revenue_yen = sqlite3_column_double(c->use, 3);
            u->repair_yen = sqlite3_column_double(c->use, 4);
            u->users = sqlite3_column_type(c->use, 5) == SQLITE_NULL
                           ? -1
                           : sqlite3_column_double(c->use, 5);
            u->utilization_pct = sqlite3_column_type(c->use, 6) == SQLITE_NULL
                                     ? -1
                                     : sqlite3_column_double(c->use, 6);
        }
        rc = sqlite3_step(c->use);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return -1;
        c->use_row = rc == SQLITE_ROW;
    }
    if (c->text.data == NULL)
        return -1;
    f->facility_id = arena_at(&c->text, id);
    f->name = arena_at(&c->text, off[0]);
    f->subcategory = arena_at(&c->text, off[1]);
    f->department = arena_at(&c->text, off[2]);
    f->policy_reason = arena_at(&c->text, policy_reason);
    f->district = arena_at(&c->text, district);
    for (i = 0; i < (int)c->nb; i++)
        c->b[i].building_id = arena_at(&c->text, c->b_id[i]);
    f->buildings = c->b;
    f->nbuildings = c->nb;
    f->usage = c->u;
    f->nusage = c->nu;
    return 1;
}

void
store_snapshot_close(store_snapshot *c)
{
    if (!c)
        return;
    sqlite3_finalize(c->fac);
    sqlite3_finalize(c->bld);
    sqlite3_finalize(c->use);
    arena_release(&c->text);
    free(c->b);
    free(c->b_id);
    free(c->u);
    free(c);
}

/* ---- results ---- */

enum { RS_FACILITY, RS_RENEWAL, RS_SCHEDULE, RS_PARAM, RS_ASSESSMENT };

static const char *const store_result_sql[] = {
    [RS_FACILITY] = "INSERT INTO facility_results VALUES"
                    " (?,?,?,?,?,?,?,?, ?,?,?,?,?, ?,?,?,?,?, ?,?,?,?, ?, ?,?,?,?)",
    [RS_RENEWAL] = "INSERT INTO renewal_by_year VALUES (?,?,?,?,?,?)",
    [RS_SCHEDULE] = "INSERT INTO renewal_schedule VALUES (?,?,?,?,?,?)",
    [RS_PARAM] = "INSERT OR REPLACE INTO lcc_params VALUES (?,?,?,?,?)",
    [RS_ASSESSMENT] = "INSERT INTO facility_assessment VALUES (?,?,?,?,?,?,?,?,?, ?,?,?,"
                      " ?,?, ?,?,?,?,?, ?,?,?,?,?, ?,?,?,?,?,?, ?,?,?,?,?, ?,?,?,?,?,?,?)",
};

/* The prepared statement k, prepared on first use. */
static sqlite3_stmt *
store_result(store *s, int k)
{
    if (!s->result_stmt[k] &&
        sqlite3_prepare_v2(s->db, store_result_sql[k], -1, &s->result_stmt[k], NULL) != SQLITE_OK)
        return NULL;
    return s->result_stmt[k];
}

static enum koyu_err
store_step_reset(store *s, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    enum koyu_err err = rc == SQLITE_DONE ? KOYU_OK : store_fail(s);

    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return err;
}

enum koyu_err
store_results_begin(store *s, const struct store_run *r, long long *run_id)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if (!s->in_tx) {
        s->last_error[0] = '\0';
        if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            return store_fail(s);
        s->in_tx = 1;
    }
    /* one result set per year and scenario: a run replaces its own (the
     * results hang off lcc_runs and go with it) */
    rc = sqlite3_prepare_v2(s->db, "DELETE FROM lcc_runs WHERE year = ? AND scenario = ?", -1, &st,
                            NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int(st, 1, r->year);
        sqlite3_bind_text(st, 2, r->scenario, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    st = NULL;
    /* the children explicitly: foreign keys (and so cascades) are off
     * inside an import's transaction */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(s->db,
                          "DELETE FROM renewal_by_year WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);"
                          "DELETE FROM facility_results WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);"
                          "DELETE FROM renewal_schedule WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);"
                          "DELETE FROM lcc_params WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);"
                          "DELETE FROM facility_assessment WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);"
                          "DELETE FROM building_assessment WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);"
                          "DELETE FROM scenario_by_year WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);"
                          "DELETE FROM deferred_works WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);"
                          "DELETE FROM reduction_exits WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);"
                          "DELETE FROM sensitivity WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);"
                          "DELETE FROM mc_by_year WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);"
                          "DELETE FROM mc_summary WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);"
                          "DELETE FROM facility_uncertainty WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);"
                          "DELETE FROM consolidations WHERE run_id NOT IN"
                          " (SELECT run_id FROM lcc_runs);",
                          NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO lcc_runs(year, scenario, model, horizon_years,"
                                " discount_rate, created_at, koyu_version)"
                                " VALUES (?,?,?,?,?,?,?)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int(st, 1, r->year);
        sqlite3_bind_text(st, 2, r->scenario, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, r->model, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 4, r->horizon_years);
        sqlite3_bind_double(st, 5, r->discount_rate);
        sqlite3_bind_text(st, 6, r->created_at, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 7, KOYU_VERSION, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    if (rc != SQLITE_OK)
        store_fail(s);
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return KOYU_ERR_DB;
    *run_id = sqlite3_last_insert_rowid(s->db);
    return KOYU_OK;
}

enum koyu_err
store_results_param(store *s, long long run_id, const char *key, const char *value,
                    const char *source, const char *file)
{
    sqlite3_stmt *st = store_result(s, RS_PARAM);

    if (!st)
        return store_fail(s);
    sqlite3_bind_int64(st, 1, run_id);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, value, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, source, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, file, -1, SQLITE_TRANSIENT);
    return store_step_reset(s, st);
}

enum koyu_err
store_results_facility(store *s, long long run_id, const struct store_facility_result *r)
{
    sqlite3_stmt *st = store_result(s, RS_FACILITY);
    int k = 1, o;

    if (!st)
        return store_fail(s);
    sqlite3_bind_int64(st, k++, run_id);
    sqlite3_bind_text(st, k++, r->facility_id, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, k++, r->floor_area_m2);
    sqlite3_bind_double(st, k++, r->running_cost_yen);
    sqlite3_bind_double(st, k++, r->revenue_yen);
    sqlite3_bind_double(st, k++, r->repair_yen);
    sqlite3_bind_int(st, k++, r->usage_years);
    sqlite3_bind_int(st, k++, r->running_estimated);
    /* an option not offered has no figures: NULL */
    for (o = 0; o < 5; o++, k++)
        if (o != LCC_REPAIR || r->repair_offered)
            sqlite3_bind_double(st, k, r->pv[o]);
    for (o = 0; o < 5; o++, k++)
        if (o != LCC_REPAIR || r->repair_offered)
            sqlite3_bind_double(st, k, r->annual[o]);
    sqlite3_bind_double(st, k++, r->residual[0]);
    sqlite3_bind_double(st, k++, r->residual[1]);
    sqlite3_bind_double(st, k++, r->residual[2]);
    sqlite3_bind_double(st, k++, r->residual[4]);
    sqlite3_bind_double(st, k++, r->renewal_total_yen);
    sqlite3_bind_int(st, k++, r->repair_offered);
    if (r->cheapest >= 0)
        sqlite3_bind_text(st, k, lcc_option_name((enum lcc_option)r->cheapest), -1, SQLITE_STATIC);
    k++;
    sqlite3_bind_double(st, k++, r->service_loss_pv_yen);
    sqlite3_bind_double(st, k++, r->land_pv_yen);
    return store_step_reset(s, st);
}

enum koyu_err
store_results_renewal(store *s, long long run_id, int fiscal_year, const char *category,
                      const char *department, const char *work_type, double cost_yen)
{
    sqlite3_stmt *st = store_result(s, RS_RENEWAL);

    if (!st)
        return store_fail(s);
    sqlite3_bind_int64(st, 1, run_id);
    sqlite3_bind_int(st, 2, fiscal_year);
    sqlite3_bind_text(st, 3, category, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, department, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, work_type, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 6, cost_yen);
    return store_step_reset(s, st);
}

enum koyu_err
store_results_schedule(store *s, long long run_id, const char *building_id, const char *facility_id,
                       int fiscal_year, const char *work_type, double cost_yen)
{
    sqlite3_stmt *st = store_result(s, RS_SCHEDULE);

    if (!st)
        return store_fail(s);
    sqlite3_bind_int64(st, 1, run_id);
    sqlite3_bind_text(st, 2, building_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, facility_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, fiscal_year);
    sqlite3_bind_text(st, 5, work_type, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 6, cost_yen);
    return store_step_reset(s, st);
}

enum koyu_err
store_results_finish(store *s, long long run_id, const struct portfolio_totals *p)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "UPDATE lcc_runs SET facilities = ?, buildings = ?, floor_area_m2 = ?, total_yen = ?,"
        " annual_average_yen = ?, peak_year = ?, peak_yen = ?, recent_investment_yen = ?,"
        " ratio_to_recent = ?, annual_gap_yen = ?, estimated_running_costs = ?"
        " WHERE run_id = ?",
        -1, &st, NULL);

    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, p->facilities);
        sqlite3_bind_int64(st, 2, p->buildings);
        sqlite3_bind_double(st, 3, p->floor_area_m2);
        sqlite3_bind_double(st, 4, p->total_yen);
        sqlite3_bind_double(st, 5, p->annual_average_yen);
        sqlite3_bind_int(st, 6, p->peak_year);
        sqlite3_bind_double(st, 7, p->peak_yen);
        if (p->recent_investment_yen > 0) {
            sqlite3_bind_double(st, 8, p->recent_investment_yen);
            sqlite3_bind_double(st, 9, p->annual_average_yen / p->recent_investment_yen);
            sqlite3_bind_double(st, 10, p->annual_average_yen - p->recent_investment_yen);
        }
        sqlite3_bind_int64(st, 11, p->estimated_running_costs);
        sqlite3_bind_int64(st, 12, run_id);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    if (rc != SQLITE_OK)
        store_fail(s);
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? KOYU_OK : KOYU_ERR_DB;
}

enum koyu_err
store_results_assessment(store *s, long long run_id, const struct store_assessment *a)
{
    sqlite3_stmt *st = store_result(s, RS_ASSESSMENT);
    int k = 1, i;

    if (!st)
        return store_fail(s);
    sqlite3_bind_int64(st, k++, run_id);
    sqlite3_bind_text(st, k++, a->facility_id, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, k++, a->soundness);
    sqlite3_bind_int(st, k++, a->soundness_estimated);
    sqlite3_bind_double(st, k++, a->remaining_life);
    sqlite3_bind_int(st, k++, a->seismic_deficient);
    sqlite3_bind_int(st, k++, a->hard_estimated);
    sqlite3_bind_int(st, k++, a->main_age);
    sqlite3_bind_int(st, k++, a->main_extendable);
    sqlite3_bind_int(st, k++, a->buildings);
    sqlite3_bind_int(st, k++, a->oldest_built_year);
    sqlite3_bind_double(st, k++, a->weighted_age);
    sqlite3_bind_double(st, k++, a->hard_score);
    sqlite3_bind_int(st, k++, a->hard_low);
    for (i = 0; i < 5; i++, k++)
        if (a->has[i])
            sqlite3_bind_double(st, k, a->indicator[i]);
    for (i = 0; i < 5; i++, k++)
        if (a->scored[i] && a->has_soft)
            sqlite3_bind_double(st, k, a->t[i]);
    if (a->has_soft)
        sqlite3_bind_double(st, k, a->soft_score);
    k++;
    sqlite3_bind_text(st, k++, a->soft_group, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, k++, a->soft_group_level, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, k++, a->soft_low);
    sqlite3_bind_int(st, k++, a->quadrant);
    sqlite3_bind_int(st, k++, a->essential);
    sqlite3_bind_text(st, k++, a->decision, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, k++, a->rule, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, k++, a->review);
    sqlite3_bind_int(st, k++, a->consolidation);
    sqlite3_bind_int(st, k++, (int)a->main_why_not);
    sqlite3_bind_text(st, k++, a->review_tier, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, k++, a->function, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, k++, a->receiver);
    sqlite3_bind_int(st, k++, (int)a->near_cut);
    sqlite3_bind_int(st, k++, a->type_review);
    if (a->utilization_cut_pct >= 0)
        sqlite3_bind_double(st, k, a->utilization_cut_pct);
    k++;
    sqlite3_bind_int(st, k++, a->suspended);
    return store_step_reset(s, st);
}

enum koyu_err
store_results_scenario(store *s, long long run_id, const struct store_scenario *sc)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db,
        "UPDATE lcc_runs SET batch = ?, position = ?, title = ?, title_en = ?,"
        " scenario_file = ?, planned_total_yen = ?, pv_renewal_yen = ?, pv_running_yen = ?,"
        " end_floor_area_m2 = ?, budget_cap_yen = ?, backlog_yen = ?, deferral_cost_yen = ?,"
        " deferred_works = ?, cap_binding_years = ?, reduction_target_m2 = ?, reduced_m2 = ?,"
        " running_avoided_yen = ?, renewal_avoided_yen = ? WHERE run_id = ?",
        -1, &st, NULL);

    if (rc == SQLITE_OK) {
        const int capped = sc->budget_cap_yen > 0, reduced = sc->reduction_target_m2 > 0;

        sqlite3_bind_text(st, 1, sc->batch, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 2, sc->position);
        sqlite3_bind_text(st, 3, sc->title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, sc->title_en, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 5, sc->file, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(st, 6, sc->planned_total_yen);
        sqlite3_bind_double(st, 7, sc->pv_renewal_yen);
        sqlite3_bind_double(st, 8, sc->pv_running_yen);
        sqlite3_bind_double(st, 9, sc->end_floor_area_m2);
        /* what a scenario does not do stays NULL, not 0 */
        if (capped) {
            sqlite3_bind_double(st, 10, sc->budget_cap_yen);
            sqlite3_bind_double(st, 11, sc->backlog_yen);
            sqlite3_bind_double(st, 12, sc->deferral_cost_yen);
            sqlite3_bind_int64(st, 13, sc->deferred_works);
            sqlite3_bind_int(st, 14, sc->cap_binding_years);
        }
        if (reduced) {
            sqlite3_bind_double(st, 15, sc->reduction_target_m2);
            sqlite3_bind_double(st, 16, sc->reduced_m2);
            sqlite3_bind_double(st, 17, sc->running_avoided_yen);
            sqlite3_bind_double(st, 18, sc->renewal_avoided_yen);
        }
        sqlite3_bind_int64(st, 19, run_id);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    if (rc != SQLITE_OK)
        store_fail(s);
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? KOYU_OK : KOYU_ERR_DB;
}

/* Columns after run_id, by enum store_table. */
static const struct {
    const char *table;
    int columns;
} store_tables[STORE_T__COUNT] = {
    [STORE_T_SCENARIO_YEAR] = {"scenario_by_year", 7},
    [STORE_T_DEFERRED] = {"deferred_works", 16},
    [STORE_T_BUILDING] = {"building_assessment", 11},
    [STORE_T_EXIT] = {"reduction_exits", 6},
    [STORE_T_SENSITIVITY] = {"sensitivity", 6},
    [STORE_T_MC_YEAR] = {"mc_by_year", 5},
    [STORE_T_MC_SUMMARY] = {"mc_summary", 8},
    [STORE_T_FACILITY_UNC] = {"facility_uncertainty", 9},
    [STORE_T_CONSOLIDATION] = {"consolidations", 7},
};

enum koyu_err
store_results_row(store *s, enum store_table t, long long run_id, const struct store_cell *cells)
{
    sqlite3_stmt **slot = &s->table_stmt[t];
    int k, n = store_tables[t].columns;

    if (!*slot) {
        char sql[256];
        size_t used;

        used = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s VALUES (?", store_tables[t].table);
        for (k = 0; k < n && used + 3 < sizeof sql; k++)
            used += (size_t)snprintf(sql + used, sizeof sql - used, ",?");
        snprintf(sql + used, sizeof sql - used, ")");
        if (sqlite3_prepare_v2(s->db, sql, -1, slot, NULL) != SQLITE_OK)
            return store_fail(s);
    }
    sqlite3_reset(*slot);
    sqlite3_bind_int64(*slot, 1, run_id);
    for (k = 0; k < n; k++) {
        const struct store_cell *c = &cells[k];

        if (c->type == STORE_INT)
            sqlite3_bind_int64(*slot, k + 2, c->i);
        else if (c->type == STORE_REAL)
            sqlite3_bind_double(*slot, k + 2, c->d);
        else if (c->type == STORE_TEXT)
            sqlite3_bind_text(*slot, k + 2, c->s, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(*slot, k + 2);
    }
    if (sqlite3_step(*slot) != SQLITE_DONE)
        return store_fail(s);
    return KOYU_OK;
}
