/* store_report.c - what the workbooks read back from the database: a run,
 * its facilities with their results, the projection, the parameters and
 * the import record.  Part of the store module. */
#include <stdio.h>
#include <string.h>

#include "koyu/core/vocab.h"
#include "koyu/engine/lcc.h"
#include "koyu/store/store.h"
#include "store_int.h"

static const char *
col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);

    return t ? (const char *)t : NULL;
}

/* The index of a stored category code, or -1. */
static int
store_category_index(const char *code)
{
    size_t i;

    for (i = 0; code && i < vocab_count(VOCAB_CATEGORY); i++)
        if (strcmp(vocab_at(VOCAB_CATEGORY, i)->code, code) == 0)
            return (int)i;
    return -1;
}

static enum koyu_err
store_report_fail(store *s, sqlite3_stmt *st)
{
    if (!s->last_error[0])
        snprintf(s->last_error, sizeof s->last_error, "%s", sqlite3_errmsg(s->db));
    sqlite3_finalize(st);
    return KOYU_ERR_DB;
}

enum koyu_err
store_report_run(store *s, int year, const char *scenario, struct store_run_info *out)
{
    static const char sql[] =
        "SELECT run_id, year, scenario, model, created_at, koyu_version, horizon_years,"
        " discount_rate, facilities, buildings, floor_area_m2, total_yen,"
        " annual_average_yen, peak_year, peak_yen, recent_investment_yen,"
        " ratio_to_recent, annual_gap_yen, estimated_running_costs"
        " FROM lcc_runs WHERE year = ?1 AND (?2 IS NULL OR scenario = ?2)"
        /* no scenario: the baseline of the year's latest batch */
        " ORDER BY CASE WHEN ?2 IS NULL THEN batch IS (SELECT batch FROM lcc_runs"
        "  WHERE year = ?1 ORDER BY run_id DESC LIMIT 1) END DESC,"
        " CASE WHEN ?2 IS NULL THEN position END, run_id DESC LIMIT 1";
    sqlite3_stmt *st = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int(st, 1, year);
    if (scenario)
        sqlite3_bind_text(st, 2, scenario, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->run_id = sqlite3_column_int64(st, 0);
        out->year = sqlite3_column_int(st, 1);
        snprintf(out->scenario, sizeof out->scenario, "%s", col_text(st, 2));
        snprintf(out->model, sizeof out->model, "%s", col_text(st, 3));
        snprintf(out->created_at, sizeof out->created_at, "%s", col_text(st, 4));
        snprintf(out->koyu_version, sizeof out->koyu_version, "%s", col_text(st, 5));
        out->horizon_years = sqlite3_column_int(st, 6);
        out->discount_rate = sqlite3_column_double(st, 7);
        out->portfolio.facilities = sqlite3_column_int64(st, 8);
        out->portfolio.buildings = sqlite3_column_int64(st, 9);
        out->portfolio.floor_area_m2 = sqlite3_column_double(st, 10);
        out->portfolio.total_yen = sqlite3_column_double(st, 11);
        out->portfolio.annual_average_yen = sqlite3_column_double(st, 12);
        out->portfolio.peak_year = sqlite3_column_int(st, 13);
        out->portfolio.peak_yen = sqlite3_column_double(st, 14);
        out->portfolio.recent_investment_yen = sqlite3_column_double(st, 15);
        out->ratio_to_recent = sqlite3_column_double(st, 16);
        out->annual_gap_yen = sqlite3_column_double(st, 17);
        out->portfolio.estimated_running_costs = sqlite3_column_int64(st, 18);
    } else if (rc != SQLITE_DONE) {
        return store_report_fail(s, st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return KOYU_ERR_DATA;
    /* decisions per kind */
    if (sqlite3_prepare_v2(s->db,
                           "SELECT a.decision, count(*), TOTAL(x.floor_area_m2), TOTAL(a.review)"
                           " FROM facility_assessment a JOIN facility_results x"
                           "  ON x.run_id = a.run_id AND x.facility_id = a.facility_id"
                           " WHERE a.run_id = ? GROUP BY a.decision",
                           -1, &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int64(st, 1, out->run_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const int k = lcc_option_from_name(col_text(st, 0));

        if (k >= 0) {
            out->portfolio.decisions[k] = sqlite3_column_int64(st, 1);
            out->portfolio.decision_area_m2[k] = sqlite3_column_double(st, 2);
        }
        out->portfolio.review += (long)sqlite3_column_double(st, 3);
    }
    if (rc != SQLITE_DONE)
        return store_report_fail(s, st);
    sqlite3_finalize(st);
    /* consolidation pairs */
    if (sqlite3_prepare_v2(
            s->db, "SELECT count(*), TOTAL(kind = 'combine') FROM consolidations WHERE run_id = ?",
            -1, &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int64(st, 1, out->run_id);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out->portfolio.consolidations = sqlite3_column_int64(st, 0);
        out->portfolio.combines = (long)sqlite3_column_double(st, 1);
    } else
        return store_report_fail(s, st);
    sqlite3_finalize(st);
    /* reviews per tier */
    if (sqlite3_prepare_v2(s->db,
                           "SELECT review_tier, count(*) FROM facility_assessment"
                           " WHERE run_id = ? GROUP BY review_tier",
                           -1, &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int64(st, 1, out->run_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const int t = assess_tier_from_name(col_text(st, 0));

        out->portfolio.review_tier[t > 0 ? t : 0] += sqlite3_column_int64(st, 1);
    }
    if (rc != SQLITE_DONE)
        return store_report_fail(s, st);
    sqlite3_finalize(st);
    return KOYU_OK;
}

/* A consolidation source's receiver, when it has one. */
#define STORE_REPORT_RECEIVER                                                                      \
    " LEFT JOIN consolidations c ON c.run_id = x.run_id AND c.facility_id = x.facility_id"         \
    " LEFT JOIN facilities rf ON rf.year = f.year AND rf.facility_id = c.receiving_facility_id"

enum koyu_err
store_report_facilities(store *s, const struct store_run_info *run, const char *department,
                        int by_decision,
                        int (*fn)(void *ctx, const struct store_report_facility *f), void *ctx)
{
    static const char sql[] =
        "SELECT f.facility_id, f.name, f.category, f.subcategory, f.department, f.district,"
        " f.status, a.buildings, x.floor_area_m2, a.oldest_built_year, a.weighted_age,"
        " a.soundness, a.hard_score, a.soft_score, a.remaining_life, a.hard_estimated,"
        " a.seismic_deficient, a.soft_group, a.soft_group_level, a.hard_low, a.soft_low,"
        " a.quadrant, a.essential, a.review, a.consolidation, a.decision, a.rule,"
        " x.running_cost_yen, x.revenue_yen, x.repair_yen, x.usage_years,"
        " x.running_estimated, x.keep_pv_yen, x.repair_pv_yen, x.rebuild_pv_yen,"
        " x.sell_pv_yen, x.lease_pv_yen, x.keep_annual_yen, x.repair_annual_yen,"
        " x.rebuild_annual_yen, x.sell_annual_yen, x.lease_annual_yen,"
        " x.renewal_total_yen, a.utilization_pct, a.users_per_m2, a.cost_per_m2,"
        " a.cost_recovery, a.cost_per_user, a.t_utilization, a.t_users_per_m2,"
        " a.t_cost_per_m2, a.t_cost_recovery, a.t_cost_per_user, f.land_value_yen,"
        " a.main_age, a.main_extendable, a.main_why_not, x.repair_offered, x.cheapest_option,"
        " x.service_loss_pv_yen, a.review_tier, a.function, a.receiver, a.near_cut,"
        " a.type_review, a.utilization_cut_pct, a.suspended,"
        " (SELECT max(b.renovated) FROM building_assessment b WHERE b.run_id = x.run_id"
        "   AND b.facility_id = x.facility_id),"
        " c.receiving_facility_id, rf.name, c.kind, c.receiver_room,"
        " (SELECT p.reason FROM policies p WHERE p.year = f.year"
        "   AND p.facility_id = f.facility_id)"
        " FROM facility_results x"
        " JOIN facility_assessment a ON a.run_id = x.run_id AND a.facility_id = x.facility_id"
        " JOIN facilities f ON f.year = ?2 AND f.facility_id = x.facility_id" STORE_REPORT_RECEIVER
        " WHERE x.run_id = ?1 AND (?3 IS NULL OR f.department = ?3)"
        " ORDER BY CASE WHEN ?4 THEN a.decision ELSE '' END, x.facility_id";
    char dept_sql[sizeof sql + 512];
    sqlite3_stmt *st = NULL;
    int rc, k;

    /* one department: start from its facilities (indexed by department)
     * rather than from every result of the run */
    if (department) {
        const char *from = strstr(sql, " FROM facility_results x");

        snprintf(dept_sql, sizeof dept_sql,
                 "%.*s FROM facilities f"
                 " JOIN facility_results x ON x.run_id = ?1 AND x.facility_id = f.facility_id"
                 " JOIN facility_assessment a ON a.run_id = x.run_id"
                 "  AND a.facility_id = x.facility_id" STORE_REPORT_RECEIVER
                 " WHERE f.year = ?2 AND f.department = ?3 AND ?4 = ?4"
                 " ORDER BY f.facility_id",
                 (int)(from - sql), sql);
    }
    if (sqlite3_prepare_v2(s->db, department ? dept_sql : sql, -1, &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int64(st, 1, run->run_id);
    sqlite3_bind_int(st, 2, run->year);
    if (department)
        sqlite3_bind_text(st, 3, department, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 4, by_decision);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct store_report_facility f;
        int c = 0;

        memset(&f, 0, sizeof f);
        f.facility_id = col_text(st, c++);
        f.name = col_text(st, c++);
        f.category = col_text(st, c++);
        f.subcategory = col_text(st, c++);
        f.department = col_text(st, c++);
        f.district = col_text(st, c++);
        f.status = col_text(st, c++);
        f.buildings = sqlite3_column_int(st, c++);
        f.floor_area_m2 = sqlite3_column_double(st, c++);
        f.oldest_built_year = sqlite3_column_int(st, c++);
        f.weighted_age = sqlite3_column_double(st, c++);
        f.soundness = sqlite3_column_double(st, c++);
        f.hard_score = sqlite3_column_double(st, c++);
        f.has_soft = sqlite3_column_type(st, c) != SQLITE_NULL;
        f.soft_score = sqlite3_column_double(st, c++);
        f.remaining_life = sqlite3_column_double(st, c++);
        f.hard_estimated = sqlite3_column_int(st, c++);
        f.seismic_deficient = sqlite3_column_int(st, c++);
        f.soft_group = col_text(st, c++);
        f.soft_group_level = col_text(st, c++);
        f.hard_low = sqlite3_column_int(st, c++);
        f.soft_low = sqlite3_column_int(st, c++);
        f.quadrant = sqlite3_column_int(st, c++);
        f.essential = sqlite3_column_int(st, c++);
        f.review = sqlite3_column_int(st, c++);
        f.consolidation = sqlite3_column_int(st, c++);
        f.decision = col_text(st, c++);
        f.rule = col_text(st, c++);
        f.running_cost_yen = sqlite3_column_double(st, c++);
        f.revenue_yen = sqlite3_column_double(st, c++);
        f.repair_yen = sqlite3_column_double(st, c++);
        f.usage_years = sqlite3_column_int(st, c++);
        f.running_estimated = sqlite3_column_int(st, c++);
        for (k = 0; k < 5; k++)
            f.pv[k] = sqlite3_column_double(st, c++);
        for (k = 0; k < 5; k++)
            f.annual[k] = sqlite3_column_double(st, c++);
        f.renewal_total_yen = sqlite3_column_double(st, c++);
        for (k = 0; k < 5; k++, c++) {
            f.has_indicator[k] = sqlite3_column_type(st, c) != SQLITE_NULL;
            f.indicator[k] = sqlite3_column_double(st, c);
        }
        for (k = 0; k < 5; k++)
            f.t[k] = sqlite3_column_double(st, c++);
        f.land_value_yen = sqlite3_column_double(st, c++);
        f.main_age = sqlite3_column_int(st, c++);
        f.main_extendable = sqlite3_column_int(st, c++);
        f.main_why_not = (unsigned)sqlite3_column_int(st, c++);
        f.repair_offered = sqlite3_column_int(st, c++);
        f.cheapest = col_text(st, c++);
        f.service_loss_pv_yen = sqlite3_column_double(st, c++);
        f.review_tier = col_text(st, c++);
        f.function = col_text(st, c++);
        f.receiver = sqlite3_column_int(st, c++);
        f.near_cut = (unsigned)sqlite3_column_int(st, c++);
        f.type_review = sqlite3_column_int(st, c++);
        f.utilization_cut_pct =
            sqlite3_column_type(st, c) == SQLITE_NULL ? -1 : sqlite3_column_double(st, c);
        c++;
        f.suspended = sqlite3_column_int(st, c++);
        f.renovated = sqlite3_column_int(st, c++);
        f.receiver_id = col_text(st, c++);
        f.receiver_name = col_text(st, c++);
        f.receiver_kind = col_text(st, c++);
        f.receiver_room = sqlite3_column_double(st, c++);
        f.policy_reason = col_text(st, c++);
        if (fn(ctx, &f) != 0)
            break;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_report_fail(s, st);
    sqlite3_finalize(st);
    return KOYU_OK;
}

enum koyu_err
store_report_renewal(store *s, const struct store_run_info *run, const char *department,
                     double *out)
{
    sqlite3_stmt *st = NULL;
    int rc;

    memset(out, 0, sizeof *out * (size_t)run->horizon_years * LCC_CATEGORIES * LCC_W__COUNT);
    if (sqlite3_prepare_v2(s->db,
                           "SELECT fiscal_year, category, work_type, TOTAL(cost_yen)"
                           " FROM renewal_by_year WHERE run_id = ?1"
                           " AND (?2 IS NULL OR department = ?2)"
                           " GROUP BY fiscal_year, category, work_type",
                           -1, &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int64(st, 1, run->run_id);
    if (department)
        sqlite3_bind_text(st, 2, department, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const int y = sqlite3_column_int(st, 0) - run->year;
        const int c = store_category_index(col_text(st, 1));
        const int w = lcc_work_from_name(col_text(st, 2));

        if (y >= 0 && y < run->horizon_years && c >= 0 && w >= 0)
            out[((size_t)y * LCC_CATEGORIES + (size_t)c) * LCC_W__COUNT + (size_t)w] +=
                sqlite3_column_double(st, 3);
    }
    if (rc != SQLITE_DONE)
        return store_report_fail(s, st);
    sqlite3_finalize(st);
    return KOYU_OK;
}

enum koyu_err
store_report_departments(store *s, const struct store_run_info *run,
                         int (*fn)(void *, const char *, long, double), void *ctx)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if (sqlite3_prepare_v2(s->db,
                           "SELECT f.department, count(*), TOTAL(x.floor_area_m2)"
                           " FROM facility_results x JOIN facilities f"
                           "  ON f.year = ?2 AND f.facility_id = x.facility_id"
                           " WHERE x.run_id = ?1 GROUP BY f.department ORDER BY f.department",
                           -1, &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int64(st, 1, run->run_id);
    sqlite3_bind_int(st, 2, run->year);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, col_text(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_double(st, 2)))
            break;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_report_fail(s, st);
    sqlite3_finalize(st);
    return KOYU_OK;
}

enum koyu_err
store_report_consolidations(store *s, const struct store_run_info *run,
                            int (*fn)(void *ctx, const struct store_report_pair *p), void *ctx)
{
    /* both facilities' figures side by side, in the order they were placed */
#define STORE_REPORT_SIDE(f, x, a)                                                                 \
    " " f ".facility_id, " f ".name, " f ".subcategory, " f ".district, " x ".floor_area_m2, " a   \
    ".users_per_m2 * " x ".floor_area_m2, " a ".utilization_pct, " a ".hard_score, " a             \
    ".soft_score, " a ".decision"
    static const char sql[] =
        "SELECT c.kind, c.position, c.users, c.receiver_room," STORE_REPORT_SIDE("s", "sx", "sa") "," STORE_REPORT_SIDE(
            "t", "tx",
            "ta") " FROM consolidations c"
                  " JOIN facilities s ON s.year = ?2 AND s.facility_id = c.facility_id"
                  " JOIN facility_results sx ON sx.run_id = c.run_id AND sx.facility_id = s.facility_id"
                  " JOIN facility_assessment sa ON sa.run_id = c.run_id AND sa.facility_id = s.facility_id"
                  " JOIN facilities t ON t.year = ?2 AND t.facility_id = c.receiving_facility_id"
                  " JOIN facility_results tx ON tx.run_id = c.run_id AND tx.facility_id = t.facility_id"
                  " JOIN facility_assessment ta ON ta.run_id = c.run_id AND ta.facility_id = t.facility_id"
                  " WHERE c.run_id = ?1 ORDER BY c.position";
#undef STORE_REPORT_SIDE
    sqlite3_stmt *st = NULL;
    int rc;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int64(st, 1, run->run_id);
    sqlite3_bind_int(st, 2, run->year);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct store_report_pair p;
        int c = 0, k;

        memset(&p, 0, sizeof p);
        p.kind = col_text(st, c++);
        p.position = sqlite3_column_int64(st, c++);
        p.users = sqlite3_column_double(st, c++);
        p.receiver_room = sqlite3_column_double(st, c++);
        for (k = 0; k < 2; k++) {
            struct store_report_pair_side *x = k ? &p.receiver : &p.source;

            x->facility_id = col_text(st, c++);
            x->name = col_text(st, c++);
            x->subcategory = col_text(st, c++);
            x->district = col_text(st, c++);
            x->floor_area_m2 = sqlite3_column_double(st, c++);
            x->has_users = sqlite3_column_type(st, c) != SQLITE_NULL;
            x->users = sqlite3_column_double(st, c++);
            x->has_utilization = sqlite3_column_type(st, c) != SQLITE_NULL;
            x->utilization_pct = sqlite3_column_double(st, c++);
            x->hard_score = sqlite3_column_double(st, c++);
            x->has_soft = sqlite3_column_type(st, c) != SQLITE_NULL;
            x->soft_score = sqlite3_column_double(st, c++);
            x->decision = col_text(st, c++);
        }
        if (fn(ctx, &p) != 0)
            break;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_report_fail(s, st);
    sqlite3_finalize(st);
    return KOYU_OK;
}

enum koyu_err
store_report_run_complete(store *s, const struct store_run_info *run, int *complete)
{
    sqlite3_stmt *st = NULL;
    int rc;

    *complete = run->portfolio.buildings == 0;
    if (*complete)
        return KOYU_OK;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM building_assessment WHERE run_id = ? LIMIT 1", -1,
                           &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int64(st, 1, run->run_id);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_report_fail(s, st);
    *complete = rc == SQLITE_ROW;
    sqlite3_finalize(st);
    return KOYU_OK;
}

enum koyu_err
store_report_param(store *s, const struct store_run_info *run, const char *key, double *out)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if (sqlite3_prepare_v2(s->db, "SELECT value FROM lcc_params WHERE run_id = ? AND key = ?", -1,
                           &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int64(st, 1, run->run_id);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        *out = sqlite3_column_double(st, 0);
        sqlite3_finalize(st);
        return KOYU_OK;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_report_fail(s, st);
    sqlite3_finalize(st);
    snprintf(s->last_error, sizeof s->last_error, "the run has no parameter '%s'", key);
    return KOYU_ERR_DATA;
}

enum koyu_err
store_report_buildings(store *s, const struct store_run_info *run, const char *department,
                       int (*fn)(void *ctx, const struct store_report_building *b), void *ctx)
{
    static const char sql[] =
        "SELECT x.building_id, x.facility_id, b.structure, b.seismic, b.floor_area_m2,"
        " b.built_year, b.renovated_year, b.roof, b.exterior, b.interior, b.electrical,"
        " b.mechanical, x.age, x.soundness, x.soundness_estimated, x.target_life,"
        " x.remaining_life, x.seismic_deficient, x.seismic_derived, x.hard_score"
        " FROM building_assessment x"
        " JOIN buildings b ON b.year = ?2 AND b.building_id = x.building_id"
        " WHERE x.run_id = ?1 AND (?3 IS NULL OR x.facility_id IN"
        "  (SELECT facility_id FROM facilities WHERE year = ?2 AND department = ?3))"
        " ORDER BY x.facility_id, x.building_id";
    sqlite3_stmt *st = NULL;
    int rc, g;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int64(st, 1, run->run_id);
    sqlite3_bind_int(st, 2, run->year);
    if (department)
        sqlite3_bind_text(st, 3, department, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct store_report_building b;
        int c = 0;

        memset(&b, 0, sizeof b);
        b.building_id = col_text(st, c++);
        b.facility_id = col_text(st, c++);
        b.structure = col_text(st, c++);
        b.seismic = col_text(st, c++);
        b.floor_area_m2 = sqlite3_column_double(st, c++);
        b.built_year = sqlite3_column_int(st, c++);
        b.renovated_year = sqlite3_column_int(st, c++);
        for (g = 0; g < 5; g++, c++) {
            const char *t = col_text(st, c);

            b.grades[g] = t ? t[0] : 0;
        }
        b.age = sqlite3_column_int(st, c++);
        b.soundness = sqlite3_column_double(st, c++);
        b.soundness_estimated = sqlite3_column_int(st, c++);
        b.target_life = sqlite3_column_int(st, c++);
        b.remaining_life = sqlite3_column_int(st, c++);
        b.seismic_deficient = sqlite3_column_int(st, c++);
        b.seismic_derived = sqlite3_column_int(st, c++);
        b.hard_score = sqlite3_column_double(st, c++);
        if (fn(ctx, &b) != 0)
            break;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_report_fail(s, st);
    sqlite3_finalize(st);
    return KOYU_OK;
}

enum koyu_err
store_report_params(store *s, const struct store_run_info *run,
                    int (*fn)(void *, const char *, const char *, const char *, const char *),
                    void *ctx)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if (sqlite3_prepare_v2(s->db,
                           "SELECT key, value, source, file FROM lcc_params WHERE run_id = ?"
                           " ORDER BY file <> 'lcc.conf', rowid",
                           -1, &st, NULL) != SQLITE_OK) {
        /* lcc_params is WITHOUT ROWID: fall back to key order */
        sqlite3_finalize(st);
        st = NULL;
        if (sqlite3_prepare_v2(s->db,
                               "SELECT key, value, source, file FROM lcc_params WHERE run_id = ?"
                               " ORDER BY file <> 'lcc.conf', key",
                               -1, &st, NULL) != SQLITE_OK)
            return store_report_fail(s, st);
    }
    sqlite3_bind_int64(st, 1, run->run_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, col_text(st, 0), col_text(st, 1), col_text(st, 2), col_text(st, 3)))
            break;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_report_fail(s, st);
    sqlite3_finalize(st);
    return KOYU_OK;
}

enum koyu_err
store_report_files(store *s, int year,
                   int (*fn)(void *, const char *, const char *, long, long long, const char *,
                             const char *),
                   void *ctx)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if (sqlite3_prepare_v2(s->db,
                           "SELECT f.file, f.sha256, f.rows, f.bytes, f.encoding, i.imported_at"
                           " FROM import_files f JOIN v_imports i USING (import_id)"
                           " WHERE i.year = ? AND i.current ORDER BY f.file",
                           -1, &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int(st, 1, year);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, col_text(st, 0), col_text(st, 1), sqlite3_column_int64(st, 2),
               sqlite3_column_int64(st, 3), col_text(st, 4), col_text(st, 5)))
            break;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_report_fail(s, st);
    sqlite3_finalize(st);
    return KOYU_OK;
}

enum koyu_err
store_report_messages(store *s, int year,
                      int (*fn)(void *ctx, const struct diag_item *item, const char *code,
                                const char *message),
                      void *ctx)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if (sqlite3_prepare_v2(s->db,
                           "SELECT m.severity, m.code, m.file, m.line, m.column_no,"
                           " m.column_name, m.value, m.detail, m.message"
                           " FROM import_messages m JOIN v_imports i USING (import_id)"
                           " WHERE i.year = ? AND i.current ORDER BY m.seq",
                           -1, &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int(st, 1, year);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *sev = col_text(st, 0);
        const int code = diag_code_from_key(col_text(st, 1));
        struct diag_item it;

        memset(&it, 0, sizeof it);
        it.severity = sev && strcmp(sev, "error") == 0 ? DIAG_ERROR : DIAG_WARNING;
        it.code = code < 0 ? DIAG__COUNT : (enum diag_code)code;
        it.file = col_text(st, 2);
        it.line = sqlite3_column_int64(st, 3);
        it.column = sqlite3_column_int(st, 4);
        it.column_name = col_text(st, 5);
        it.value = col_text(st, 6);
        it.detail = col_text(st, 7);
        if (fn(ctx, &it, col_text(st, 1), col_text(st, 8)))
            break;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_report_fail(s, st);
    sqlite3_finalize(st);
    return KOYU_OK;
}

enum koyu_err
store_report_usage(store *s, int year, const char *facility_id,
                   int (*fn)(void *, int, double, double, double, double), void *ctx)
{
    /* asked once per facility card: prepared once, kept with the store */
    sqlite3_stmt **slot = &s->result_stmt[7];
    sqlite3_stmt *st;
    int rc;

    if (!*slot &&
        sqlite3_prepare_v2(s->db,
                           "SELECT fiscal_year, ifnull(users, -1), ifnull(utilization_pct, -1),"
                           " TOTAL(personnel_yen) + TOTAL(utilities_yen) + TOTAL(maintenance_yen)"
                           " + TOTAL(repair_yen) + TOTAL(outsourcing_yen) + TOTAL(other_yen),"
                           " TOTAL(revenue_yen) FROM usage"
                           " WHERE year = ? AND facility_id = ?"
                           " GROUP BY fiscal_year ORDER BY fiscal_year",
                           -1, slot, NULL) != SQLITE_OK) {
        *slot = NULL;
        return store_report_fail(s, NULL);
    }
    st = *slot;
    sqlite3_bind_int(st, 1, year);
    sqlite3_bind_text(st, 2, facility_id, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, sqlite3_column_int(st, 0), sqlite3_column_double(st, 1),
               sqlite3_column_double(st, 2), sqlite3_column_double(st, 3),
               sqlite3_column_double(st, 4)))
            break;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        if (!s->last_error[0])
            snprintf(s->last_error, sizeof s->last_error, "%s", sqlite3_errmsg(s->db));
        sqlite3_reset(st);
        return KOYU_ERR_DB;
    }
    sqlite3_reset(st);
    return KOYU_OK;
}

/* The runs of run_id's batch (one command's scenarios). */
#define STORE_Q_BATCH                                                                              \
    " r.year = (SELECT year FROM lcc_runs WHERE run_id = ?1)"                                      \
    " AND r.batch IS (SELECT batch FROM lcc_runs WHERE run_id = ?1)"

static const char *const store_queries[STORE_Q__COUNT] = {
    [STORE_Q_SCENARIOS] =
        "SELECT v.scenario, v.title, r.title_en, v.model, v.position, v.total_yen,"
        " v.annual_average_yen, v.peak_year, v.peak_yen, v.ratio_to_recent,"
        " v.annual_gap_yen, v.pv_yen, v.floor_area_m2, v.end_floor_area_m2,"
        " v.budget_cap_yen, v.backlog_yen, v.deferral_cost_yen, v.cap_binding_years,"
        " v.reduced_m2, v.keep, v.repair, v.rebuild, v.sell, v.lease, r.run_id,"
        " r.recent_investment_yen, r.reduction_target_m2, r.running_avoided_yen,"
        " r.renewal_avoided_yen"
        " FROM v_scenarios v JOIN lcc_runs r ON r.year = v.year AND r.scenario = v.scenario"
        " AND r.batch IS v.batch WHERE" STORE_Q_BATCH " ORDER BY v.position, r.run_id",
    [STORE_Q_SCENARIO_YEARS] =
        "SELECT y.fiscal_year, r.position, y.planned_yen, y.renewal_yen, y.cap_yen,"
        " y.cap_binding, y.floor_area_m2, y.running_cost_yen"
        " FROM scenario_by_year y JOIN lcc_runs r ON r.run_id = y.run_id"
        " WHERE" STORE_Q_BATCH " ORDER BY y.fiscal_year, r.position, r.run_id",
    [STORE_Q_DEFERRED] =
        "SELECT r.scenario, d.facility_id, f.name, d.building_id, d.planned_work_type,"
        " d.work_type, d.state, d.due_year, d.planned_end_year, d.start_year, d.end_year,"
        " d.delay_years, d.planned_cost_yen, d.cost_yen, d.paid_yen, d.outstanding_yen,"
        " d.deadline_year, r.year + r.horizon_years - 1"
        " FROM deferred_works d JOIN lcc_runs r ON r.run_id = d.run_id"
        " LEFT JOIN facilities f ON f.year = r.year AND f.facility_id = d.facility_id"
        " WHERE" STORE_Q_BATCH " ORDER BY r.position, d.seq",
    [STORE_Q_EXITS] =
        "SELECT r.scenario, x.facility_id, f.name, f.department, x.decision, x.exit_year,"
        " x.floor_area_m2, x.running_avoided_yen, x.renewal_avoided_yen"
        " FROM reduction_exits x JOIN lcc_runs r ON r.run_id = x.run_id"
        " LEFT JOIN facilities f ON f.year = r.year AND f.facility_id = x.facility_id"
        " WHERE" STORE_Q_BATCH " ORDER BY r.position, x.exit_year, x.facility_id",
    [STORE_Q_SENSITIVITY] =
        "SELECT variable, end_name, value, total_yen, pv_yen, facilities_changed"
        " FROM sensitivity WHERE run_id = ?1 ORDER BY variable, end_name",
    [STORE_Q_MC_YEARS] = "SELECT fiscal_year, p5_yen, p50_yen, p95_yen, mean_yen FROM mc_by_year"
                         " WHERE run_id = ?1 ORDER BY fiscal_year",
    [STORE_Q_MC_SUMMARY] =
        "SELECT measure, draws, seed, p5_yen, p50_yen, p95_yen, mean_yen, deterministic_yen"
        " FROM mc_summary WHERE run_id = ?1 ORDER BY measure DESC",
    [STORE_Q_FACILITY_UNC] =
        "SELECT u.facility_id, f.name, a.decision, u.chosen_option, u.cheapest_option,"
        " u.p_chosen_cheapest, u.switch_discount_rate, u.switch_discount_option,"
        " u.switch_escalation_rate, u.switch_escalation_option, u.sensitivity_changes"
        " FROM facility_uncertainty u JOIN lcc_runs r ON r.run_id = u.run_id"
        " LEFT JOIN facilities f ON f.year = r.year AND f.facility_id = u.facility_id"
        " LEFT JOIN facility_assessment a ON a.run_id = u.run_id"
        " AND a.facility_id = u.facility_id"
        " WHERE u.run_id = ?1 ORDER BY u.facility_id",
};

enum koyu_err
store_report_query(store *s, enum store_query q, long long run_id,
                   int (*fn)(void *ctx, const struct store_cell *cells, int n), void *ctx)
{
    struct store_cell cells[32];
    sqlite3_stmt *st = NULL;
    int rc, n, i;

    if (sqlite3_prepare_v2(s->db, store_queries[q], -1, &st, NULL) != SQLITE_OK)
        return store_report_fail(s, st);
    sqlite3_bind_int64(st, 1, run_id);
    n = sqlite3_column_count(st);
    if (n > 32)
        n = 32;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (i = 0; i < n; i++) {
            memset(&cells[i], 0, sizeof cells[i]);
            switch (sqlite3_column_type(st, i)) {
            case SQLITE_INTEGER:
                cells[i].type = STORE_INT;
                cells[i].i = sqlite3_column_int64(st, i);
                cells[i].d = (double)cells[i].i;
                break;
            case SQLITE_FLOAT:
                cells[i].type = STORE_REAL;
                cells[i].d = sqlite3_column_double(st, i);
                break;
            case SQLITE_NULL:
                cells[i].type = STORE_NULL;
                break;
            default:
                cells[i].type = STORE_TEXT;
                cells[i].s = col_text(st, i);
                break;
            }
        }
        if (fn(ctx, cells, n))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_report_fail(s, st);
    sqlite3_finalize(st);
    return KOYU_OK;
}
