/* store.c - SQLite schema, upgrades and the import transaction. */
#include "koyu/store/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "koyu/core/arena.h"
#include "koyu/core/vocab.h"
#include "store_int.h"

/* ---- schema ---- */

/* Schema of version 1.  Inventory tables are keyed by the snapshot year so
 * the database keeps every year's inventory side by side.  CHECKs use OR
 * chains, not IN lists: SQLite builds an ephemeral table for every IN list
 * on every insert, which made million-row imports ten times slower. */
static const char *const store_schema_v1[] = {
    "CREATE TABLE categories(\n"
    "  code TEXT PRIMARY KEY,\n"
    "  seq INTEGER NOT NULL,\n"
    "  name_ja TEXT NOT NULL,\n"
    "  name_en TEXT NOT NULL);\n",
    "CREATE TABLE imports(\n"
    "  import_id INTEGER PRIMARY KEY,\n"
    "  year INTEGER NOT NULL,\n"
    "  imported_at TEXT NOT NULL,\n"
    "  source_dir TEXT NOT NULL,\n"
    "  koyu_version TEXT NOT NULL,\n"
    "  facilities INTEGER, buildings INTEGER, usage_rows INTEGER,\n"
    "  floor_area_m2 REAL, warnings INTEGER);\n",
    "CREATE TABLE import_files(\n"
    "  import_id INTEGER NOT NULL REFERENCES imports(import_id) ON DELETE CASCADE,\n"
    "  file TEXT NOT NULL,\n"
    "  sha256 TEXT NOT NULL,\n"
    "  bytes INTEGER NOT NULL,\n"
    "  rows INTEGER NOT NULL,\n"
    "  encoding TEXT NOT NULL,\n"
    "  PRIMARY KEY(import_id, file));\n",
    "CREATE TABLE import_messages(\n"
    "  import_id INTEGER NOT NULL REFERENCES imports(import_id) ON DELETE CASCADE,\n"
    "  seq INTEGER NOT NULL,\n"
    "  severity TEXT NOT NULL CHECK(severity = 'error' OR severity = 'warning'),\n"
    "  code TEXT NOT NULL,\n"
    "  file TEXT, line INTEGER, column_no INTEGER, column_name TEXT,\n"
    "  value TEXT, message TEXT NOT NULL,\n"
    "  PRIMARY KEY(import_id, seq));\n",
    "CREATE TABLE facilities(\n"
    "  year INTEGER NOT NULL,\n"
    "  facility_id TEXT NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  category TEXT NOT NULL REFERENCES categories(code),\n"
    "  subcategory TEXT NOT NULL,\n"
    "  department TEXT NOT NULL,\n"
    "  district TEXT,\n"
    "  land_area_m2 REAL CHECK(land_area_m2 >= 0),\n"
    "  land_owned TEXT CHECK(land_owned = 'owned' OR land_owned = 'leased'),\n"
    "  land_value_yen REAL CHECK(land_value_yen >= 0),\n"
    "  essential INTEGER CHECK(essential = 0 OR essential = 1),\n"
    "  status TEXT NOT NULL CHECK(status = 'in_service' OR status = 'suspended'\n"
    "    OR status = 'closing'),\n"
    "  source_line INTEGER NOT NULL,\n"
    "  PRIMARY KEY(year, facility_id)) WITHOUT ROWID;\n",
    "CREATE TABLE buildings(\n"
    "  year INTEGER NOT NULL,\n"
    "  building_id TEXT NOT NULL,\n"
    "  facility_id TEXT NOT NULL,\n"
    "  name TEXT,\n"
    "  structure TEXT CHECK(structure = 'RC' OR structure = 'SRC' OR structure = 'S'\n"
    "    OR structure = 'W' OR structure = 'CB' OR structure = 'LGS'\n"
    "    OR structure = 'other'),\n"
    "  floor_area_m2 REAL NOT NULL CHECK(floor_area_m2 > 0),\n"
    "  built_year INTEGER NOT NULL,\n"
    "  floors INTEGER,\n"
    "  seismic TEXT CHECK(seismic = 'new' OR seismic = 'old_retrofitted'\n"
    "    OR seismic = 'old_unretrofitted' OR seismic = 'unknown'),\n"
    "  renovated_year INTEGER CHECK(renovated_year >= built_year),\n"
    "  roof TEXT CHECK(length(roof) = 1 AND roof BETWEEN 'A' AND 'D'),\n"
    "  exterior TEXT CHECK(length(exterior) = 1 AND exterior BETWEEN 'A' AND 'D'),\n"
    "  interior TEXT CHECK(length(interior) = 1 AND interior BETWEEN 'A' AND 'D'),\n"
    "  electrical TEXT CHECK(length(electrical) = 1 AND electrical BETWEEN 'A' AND 'D'),\n"
    "  mechanical TEXT CHECK(length(mechanical) = 1 AND mechanical BETWEEN 'A' AND 'D'),\n"
    "  source_line INTEGER NOT NULL,\n"
    "  PRIMARY KEY(year, building_id),\n"
    "  FOREIGN KEY(year, facility_id) REFERENCES facilities(year, facility_id))\n"
    "  WITHOUT ROWID;\n",
    "CREATE INDEX buildings_by_facility ON buildings(year, facility_id);\n",
    "CREATE TABLE usage(\n"
    "  year INTEGER NOT NULL,\n"
    "  facility_id TEXT NOT NULL,\n"
    "  fiscal_year INTEGER NOT NULL,\n"
    "  users INTEGER CHECK(users >= 0),\n"
    "  utilization_pct REAL CHECK(utilization_pct BETWEEN 0 AND 100),\n"
    "  operating_days INTEGER CHECK(operating_days BETWEEN 0 AND 366),\n"
    "  revenue_yen REAL, personnel_yen REAL, utilities_yen REAL,\n"
    "  maintenance_yen REAL, repair_yen REAL, outsourcing_yen REAL,\n"
    "  other_yen REAL,\n"
    "  source_line INTEGER NOT NULL,\n"
    "  PRIMARY KEY(year, facility_id, fiscal_year),\n"
    "  FOREIGN KEY(year, facility_id) REFERENCES facilities(year, facility_id))\n"
    "  WITHOUT ROWID;\n",
    "CREATE VIEW v_facilities AS\n"
    "  SELECT f.year, f.facility_id, f.name, f.category, c.name_ja AS category_ja,\n"
    "         f.subcategory, f.department, f.district, f.status, f.essential,\n"
    "         COUNT(b.building_id) AS buildings,\n"
    "         TOTAL(b.floor_area_m2) AS floor_area_m2,\n"
    "         MIN(b.built_year) AS oldest_built_year,\n"
    "         SUM(b.floor_area_m2 * b.built_year) / SUM(b.floor_area_m2)\n"
    "           AS weighted_built_year\n"
    "  FROM facilities f JOIN categories c ON c.code = f.category\n"
    "  LEFT JOIN buildings b ON b.year = f.year AND b.facility_id = f.facility_id\n"
    "  GROUP BY f.year, f.facility_id;\n",
    "CREATE VIEW v_category_summary AS\n"
    "  SELECT f.year, c.seq, f.category, c.name_ja, c.name_en,\n"
    "         COUNT(DISTINCT f.facility_id) AS facilities,\n"
    "         COUNT(b.building_id) AS buildings,\n"
    "         TOTAL(b.floor_area_m2) AS floor_area_m2,\n"
    "         TOTAL(CASE WHEN b.built_year <= 1981 THEN b.floor_area_m2 END)\n"
    "           AS floor_area_pre1982_m2\n"
    "  FROM facilities f JOIN categories c ON c.code = f.category\n"
    "  LEFT JOIN buildings b ON b.year = f.year AND b.facility_id = f.facility_id\n"
    "  GROUP BY f.year, f.category;\n",
    "CREATE VIEW v_running_costs AS\n"
    "  SELECT year, facility_id, fiscal_year, users, utilization_pct,\n"
    "         operating_days, revenue_yen,\n"
    "         TOTAL(personnel_yen) + TOTAL(utilities_yen) + TOTAL(maintenance_yen)\n"
    "         + TOTAL(repair_yen) + TOTAL(outsourcing_yen) + TOTAL(other_yen)\n"
    "           AS cost_yen\n"
    "  FROM usage GROUP BY year, facility_id, fiscal_year;\n",
    "CREATE VIEW v_imports AS\n"
    "  SELECT i.*, i.import_id = (SELECT MAX(j.import_id) FROM imports j\n"
    "                             WHERE j.year = i.year) AS current\n"
    "  FROM imports i;\n",
    NULL,
};

/* Version 2: the results of the LCC engine, one run per snapshot year and
 * scenario; the two views show each scenario's latest run. */
static const char *const store_schema_v2[] = {
    "CREATE TABLE lcc_runs(\n"
    "  run_id INTEGER PRIMARY KEY,\n"
    "  year INTEGER NOT NULL,\n"
    "  scenario TEXT NOT NULL,\n"
    "  model TEXT NOT NULL,\n"
    "  horizon_years INTEGER NOT NULL,\n"
    "  discount_rate REAL NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  koyu_version TEXT NOT NULL,\n"
    "  facilities INTEGER, buildings INTEGER, floor_area_m2 REAL,\n"
    "  total_yen REAL, annual_average_yen REAL, peak_year INTEGER, peak_yen REAL,\n"
    "  recent_investment_yen REAL, ratio_to_recent REAL, annual_gap_yen REAL,\n"
    "  estimated_running_costs INTEGER);\n",
    "CREATE TABLE lcc_params(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  key TEXT NOT NULL, value TEXT NOT NULL, source TEXT, file TEXT,\n"
    "  PRIMARY KEY(run_id, key)) WITHOUT ROWID;\n",
    "CREATE TABLE renewal_by_year(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  fiscal_year INTEGER NOT NULL,\n"
    "  category TEXT NOT NULL,\n"
    "  department TEXT NOT NULL,\n"
    "  work_type TEXT NOT NULL,\n"
    "  cost_yen REAL NOT NULL,\n"
    "  PRIMARY KEY(run_id, fiscal_year, category, department, work_type))\n"
    "  WITHOUT ROWID;\n",
    "CREATE TABLE facility_results(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  facility_id TEXT NOT NULL,\n"
    "  floor_area_m2 REAL NOT NULL,\n"
    "  running_cost_yen REAL NOT NULL, revenue_yen REAL NOT NULL,\n"
    "  repair_yen REAL NOT NULL, usage_years INTEGER NOT NULL,\n"
    "  running_estimated INTEGER NOT NULL,\n"
    "  keep_pv_yen REAL, repair_pv_yen REAL, rebuild_pv_yen REAL,\n"
    "  sell_pv_yen REAL, lease_pv_yen REAL,\n"
    "  keep_annual_yen REAL, repair_annual_yen REAL, rebuild_annual_yen REAL,\n"
    "  sell_annual_yen REAL, lease_annual_yen REAL,\n"
    "  keep_residual_pv_yen REAL, repair_residual_pv_yen REAL,\n"
    "  rebuild_residual_pv_yen REAL, lease_residual_pv_yen REAL,\n"
    "  renewal_total_yen REAL,\n"
    "  PRIMARY KEY(run_id, facility_id)) WITHOUT ROWID;\n",
    "CREATE TABLE renewal_schedule(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  building_id TEXT NOT NULL,\n"
    "  facility_id TEXT NOT NULL,\n"
    "  fiscal_year INTEGER NOT NULL,\n"
    "  work_type TEXT NOT NULL,\n"
    "  cost_yen REAL NOT NULL,\n"
    "  PRIMARY KEY(run_id, building_id, fiscal_year, work_type)) WITHOUT ROWID;\n",
    "CREATE VIEW v_current_runs AS\n"
    "  SELECT * FROM lcc_runs WHERE run_id IN\n"
    "    (SELECT MAX(run_id) FROM lcc_runs GROUP BY scenario);\n",
    "CREATE VIEW v_renewal_by_year AS\n"
    "  SELECT r.scenario, x.fiscal_year, x.category, x.department, x.work_type,\n"
    "         x.cost_yen\n"
    "  FROM renewal_by_year x JOIN v_current_runs r ON r.run_id = x.run_id;\n",
    "CREATE VIEW v_facility_lcc AS\n"
    "  SELECT r.scenario, f.facility_id, o.option,\n"
    "         CASE o.option WHEN 'keep' THEN f.keep_pv_yen\n"
    "           WHEN 'repair' THEN f.repair_pv_yen WHEN 'rebuild' THEN f.rebuild_pv_yen\n"
    "           WHEN 'sell' THEN f.sell_pv_yen ELSE f.lease_pv_yen END AS pv_yen,\n"
    "         CASE o.option WHEN 'keep' THEN f.keep_annual_yen\n"
    "           WHEN 'repair' THEN f.repair_annual_yen\n"
    "           WHEN 'rebuild' THEN f.rebuild_annual_yen\n"
    "           WHEN 'sell' THEN f.sell_annual_yen ELSE f.lease_annual_yen END\n"
    "           AS annual_equivalent_yen\n"
    "  FROM facility_results f JOIN v_current_runs r ON r.run_id = f.run_id\n"
    "  CROSS JOIN (SELECT 'keep' AS option, 1 AS seq UNION ALL SELECT 'repair', 2\n"
    "    UNION ALL SELECT 'rebuild', 3 UNION ALL SELECT 'sell', 4\n"
    "    UNION ALL SELECT 'lease', 5) o;\n",
    NULL,
};

/* Version 3: planners' policies (policy.csv) and the assessment and
 * sorting of every facility of a run. */
static const char *const store_schema_v3[] = {
    "CREATE TABLE policies(\n"
    "  year INTEGER NOT NULL,\n"
    "  facility_id TEXT NOT NULL,\n"
    "  decision TEXT NOT NULL CHECK(decision = 'keep' OR decision = 'repair'\n"
    "    OR decision = 'rebuild' OR decision = 'sell' OR decision = 'lease'),\n"
    "  reason TEXT,\n"
    "  source_line INTEGER NOT NULL,\n"
    "  PRIMARY KEY(year, facility_id),\n"
    "  FOREIGN KEY(year, facility_id) REFERENCES facilities(year, facility_id))\n"
    "  WITHOUT ROWID;\n",
    "CREATE TABLE facility_assessment(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  facility_id TEXT NOT NULL,\n"
    "  soundness REAL, soundness_estimated INTEGER, remaining_life REAL,\n"
    "  seismic_deficient INTEGER, hard_estimated INTEGER,\n"
    "  main_age INTEGER, main_extendable INTEGER,\n"
    "  buildings INTEGER NOT NULL, oldest_built_year INTEGER, weighted_age REAL,\n"
    "  hard_score REAL NOT NULL, hard_low INTEGER NOT NULL,\n"
    "  utilization_pct REAL, users_per_m2 REAL, cost_per_m2 REAL,\n"
    "  cost_recovery REAL, cost_per_user REAL,\n"
    "  t_utilization REAL, t_users_per_m2 REAL, t_cost_per_m2 REAL,\n"
    "  t_cost_recovery REAL, t_cost_per_user REAL,\n"
    "  soft_score REAL, soft_group TEXT, soft_group_level TEXT,\n"
    "  soft_low INTEGER NOT NULL, quadrant INTEGER NOT NULL,\n"
    "  essential INTEGER NOT NULL,\n"
    "  decision TEXT NOT NULL, rule TEXT NOT NULL,\n"
    "  review INTEGER NOT NULL, consolidation INTEGER NOT NULL,\n"
    "  reason TEXT NOT NULL,\n"
    "  PRIMARY KEY(run_id, facility_id)) WITHOUT ROWID;\n",
    "CREATE INDEX facilities_by_department ON facilities(year, department);\n",
    "CREATE VIEW v_facility_result AS\n"
    "  SELECT r.scenario, a.facility_id, f.name, f.category, f.department,\n"
    "         x.floor_area_m2, a.hard_score, a.soft_score, a.hard_low, a.soft_low,\n"
    "         a.decision, a.rule, a.review, a.reason\n"
    "  FROM facility_assessment a JOIN v_current_runs r ON r.run_id = a.run_id\n"
    "  JOIN facility_results x ON x.run_id = a.run_id AND x.facility_id = a.facility_id\n"
    "  JOIN facilities f ON f.year = r.year AND f.facility_id = a.facility_id;\n",
    NULL,
};

static const char *const store_schema_v4[] = {
    /* scenarios: what a run was asked and its portfolio figures */
    "ALTER TABLE lcc_runs ADD COLUMN batch TEXT;\n",
    "ALTER TABLE lcc_runs ADD COLUMN position INTEGER;\n",
    "ALTER TABLE lcc_runs ADD COLUMN title TEXT;\n",
    "ALTER TABLE lcc_runs ADD COLUMN title_en TEXT;\n",
    "ALTER TABLE lcc_runs ADD COLUMN scenario_file TEXT;\n",
    "ALTER TABLE lcc_runs ADD COLUMN planned_total_yen REAL;\n",
    "ALTER TABLE lcc_runs ADD COLUMN pv_renewal_yen REAL;\n",
    "ALTER TABLE lcc_runs ADD COLUMN pv_running_yen REAL;\n",
    "ALTER TABLE lcc_runs ADD COLUMN end_floor_area_m2 REAL;\n",
    "ALTER TABLE lcc_runs ADD COLUMN budget_cap_yen REAL;\n",
    "ALTER TABLE lcc_runs ADD COLUMN backlog_yen REAL;\n",
    "ALTER TABLE lcc_runs ADD COLUMN deferral_cost_yen REAL;\n",
    "ALTER TABLE lcc_runs ADD COLUMN deferred_works INTEGER;\n",
    "ALTER TABLE lcc_runs ADD COLUMN cap_binding_years INTEGER;\n",
    "ALTER TABLE lcc_runs ADD COLUMN reduction_target_m2 REAL;\n",
    "ALTER TABLE lcc_runs ADD COLUMN reduced_m2 REAL;\n",
    "ALTER TABLE lcc_runs ADD COLUMN running_avoided_yen REAL;\n",
    "ALTER TABLE lcc_runs ADD COLUMN renewal_avoided_yen REAL;\n",
    "ALTER TABLE policies ADD COLUMN target_year INTEGER;\n",
    "CREATE TABLE scenario_by_year(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  fiscal_year INTEGER NOT NULL,\n"
    "  planned_yen REAL NOT NULL,\n"
    "  renewal_yen REAL NOT NULL,\n"
    "  cap_yen REAL, cap_binding INTEGER,\n"
    "  floor_area_m2 REAL NOT NULL,\n"
    "  running_cost_yen REAL NOT NULL,\n"
    "  PRIMARY KEY(run_id, fiscal_year)) WITHOUT ROWID;\n",
    "CREATE TABLE deferred_works(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  seq INTEGER NOT NULL,\n"
    "  facility_id TEXT NOT NULL, building_id TEXT NOT NULL,\n"
    "  planned_work_type TEXT NOT NULL, work_type TEXT NOT NULL,\n"
    "  state TEXT NOT NULL,\n"
    "  due_year INTEGER NOT NULL, planned_end_year INTEGER NOT NULL,\n"
    "  start_year INTEGER, end_year INTEGER, delay_years INTEGER,\n"
    "  planned_cost_yen REAL NOT NULL, cost_yen REAL NOT NULL,\n"
    "  paid_yen REAL NOT NULL, outstanding_yen REAL NOT NULL,\n"
    "  reason TEXT NOT NULL,\n"
    "  PRIMARY KEY(run_id, seq)) WITHOUT ROWID;\n",
    "CREATE TABLE reduction_exits(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  facility_id TEXT NOT NULL,\n"
    "  decision TEXT NOT NULL, exit_year INTEGER NOT NULL,\n"
    "  floor_area_m2 REAL NOT NULL,\n"
    "  running_avoided_yen REAL NOT NULL, renewal_avoided_yen REAL NOT NULL,\n"
    "  PRIMARY KEY(run_id, facility_id)) WITHOUT ROWID;\n",
    /* uncertainty */
    "CREATE TABLE sensitivity(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  variable TEXT NOT NULL, end_name TEXT NOT NULL, value REAL NOT NULL,\n"
    "  total_yen REAL NOT NULL, pv_yen REAL NOT NULL,\n"
    "  facilities_changed INTEGER NOT NULL,\n"
    "  PRIMARY KEY(run_id, variable, end_name)) WITHOUT ROWID;\n",
    "CREATE TABLE mc_by_year(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  fiscal_year INTEGER NOT NULL,\n"
    "  p5_yen REAL NOT NULL, p50_yen REAL NOT NULL, p95_yen REAL NOT NULL,\n"
    "  mean_yen REAL NOT NULL,\n"
    "  PRIMARY KEY(run_id, fiscal_year)) WITHOUT ROWID;\n",
    "CREATE TABLE mc_summary(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  measure TEXT NOT NULL, draws INTEGER NOT NULL, seed TEXT NOT NULL,\n"
    "  p5_yen REAL NOT NULL, p50_yen REAL NOT NULL, p95_yen REAL NOT NULL,\n"
    "  mean_yen REAL NOT NULL, deterministic_yen REAL NOT NULL,\n"
    "  PRIMARY KEY(run_id, measure)) WITHOUT ROWID;\n",
    "CREATE TABLE facility_uncertainty(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  facility_id TEXT NOT NULL,\n"
    "  chosen_option TEXT, cheapest_option TEXT NOT NULL,\n"
    "  p_chosen_cheapest REAL,\n"
    "  switch_discount_rate REAL, switch_discount_option TEXT,\n"
    "  switch_escalation_rate REAL, switch_escalation_option TEXT,\n"
    "  sensitivity_changes INTEGER NOT NULL,\n"
    "  PRIMARY KEY(run_id, facility_id)) WITHOUT ROWID;\n",
    "CREATE VIEW v_scenarios AS\n"
    "  SELECT r.year, r.scenario, r.title, r.model, r.batch, r.position,\n"
    "         r.total_yen, r.annual_average_yen, r.peak_year, r.peak_yen,\n"
    "         r.ratio_to_recent, r.annual_gap_yen,\n"
    "         r.pv_renewal_yen + r.pv_running_yen AS pv_yen,\n"
    "         r.floor_area_m2, r.end_floor_area_m2, r.budget_cap_yen, r.backlog_yen,\n"
    "         r.deferral_cost_yen, r.cap_binding_years, r.reduced_m2,\n"
    "         (SELECT COUNT(*) FROM facility_assessment a\n"
    "           WHERE a.run_id = r.run_id AND a.decision = 'keep') AS keep,\n"
    "         (SELECT COUNT(*) FROM facility_assessment a\n"
    "           WHERE a.run_id = r.run_id AND a.decision = 'repair') AS repair,\n"
    "         (SELECT COUNT(*) FROM facility_assessment a\n"
    "           WHERE a.run_id = r.run_id AND a.decision = 'rebuild') AS rebuild,\n"
    "         (SELECT COUNT(*) FROM facility_assessment a\n"
    "           WHERE a.run_id = r.run_id AND a.decision = 'sell') AS sell,\n"
    "         (SELECT COUNT(*) FROM facility_assessment a\n"
    "           WHERE a.run_id = r.run_id AND a.decision = 'lease') AS lease\n"
    "  FROM lcc_runs r;\n",
    NULL,
};

/* Version 5: results hold figures, never text in one language (the
 * workbooks write the reasons in theirs); every building's assessment is
 * stored with its run, so the workbooks read it rather than compute it. */
static const char *const store_schema_v5[] = {
    "DROP VIEW v_facility_result;\n",
    "ALTER TABLE facility_assessment DROP COLUMN reason;\n",
    "ALTER TABLE facility_assessment ADD COLUMN main_why_not INTEGER NOT NULL DEFAULT 0;\n",
    "ALTER TABLE deferred_works DROP COLUMN reason;\n",
    "ALTER TABLE deferred_works ADD COLUMN deadline_year INTEGER;\n",
    /* the options alike: whether repair is offered, the cheapest that meets
     * the facility's requirement, the service a closure gives up, the land
     * kept at the end */
    "ALTER TABLE facility_results ADD COLUMN repair_offered INTEGER NOT NULL DEFAULT 1;\n",
    "ALTER TABLE facility_results ADD COLUMN cheapest_option TEXT;\n",
    "ALTER TABLE facility_results ADD COLUMN service_loss_pv_yen REAL;\n",
    "ALTER TABLE facility_results ADD COLUMN land_pv_yen REAL;\n",
    /* the sorting as practised: the review's tier, the function apart from
     * the building, a cut on a hair, the type's policy */
    "ALTER TABLE facility_assessment ADD COLUMN review_tier TEXT;\n",
    "ALTER TABLE facility_assessment ADD COLUMN function TEXT NOT NULL DEFAULT 'keep';\n",
    "ALTER TABLE facility_assessment ADD COLUMN receiver INTEGER NOT NULL DEFAULT 0;\n",
    "ALTER TABLE facility_assessment ADD COLUMN near_cut INTEGER NOT NULL DEFAULT 0;\n",
    "ALTER TABLE facility_assessment ADD COLUMN type_review INTEGER NOT NULL DEFAULT 0;\n",
    "ALTER TABLE facility_assessment ADD COLUMN utilization_cut_pct REAL;\n",
    "ALTER TABLE facility_assessment ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0;\n",
    /* what fills a message's reason, so it can be written in any language */
    "ALTER TABLE import_messages ADD COLUMN detail TEXT;\n",
    "CREATE TABLE building_assessment(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  building_id TEXT NOT NULL,\n"
    "  facility_id TEXT NOT NULL,\n"
    "  age INTEGER NOT NULL,\n"
    "  soundness REAL NOT NULL, soundness_estimated INTEGER NOT NULL,\n"
    "  target_life INTEGER NOT NULL, remaining_life INTEGER NOT NULL,\n"
    "  seismic_deficient INTEGER NOT NULL, seismic_derived INTEGER NOT NULL,\n"
    "  hard_score REAL NOT NULL, renovated INTEGER NOT NULL DEFAULT 0,\n"
    "  PRIMARY KEY(run_id, facility_id, building_id)) WITHOUT ROWID;\n",
    /* 集約化・複合化: a source placed into a receiver of its district */
    "CREATE TABLE consolidations(\n"
    "  run_id INTEGER NOT NULL REFERENCES lcc_runs(run_id) ON DELETE CASCADE,\n"
    "  facility_id TEXT NOT NULL, receiving_facility_id TEXT NOT NULL,\n"
    "  kind TEXT NOT NULL CHECK(kind IN ('consolidate', 'combine')),\n"
    "  floor_area_m2 REAL NOT NULL, users REAL NOT NULL, receiver_room REAL NOT NULL,\n"
    "  position INTEGER NOT NULL,\n"
    "  PRIMARY KEY(run_id, facility_id)) WITHOUT ROWID;\n",
    "CREATE VIEW v_consolidation AS\n"
    "  SELECT r.scenario, c.facility_id, c.receiving_facility_id, c.kind, c.floor_area_m2,\n"
    "         printf('%s（%s）の利用者 年%,d人を同じ地区の%s（%s）へ%s:"
    " 受け皿の余力 年%,d人', c.facility_id, s.name, CAST(round(c.users) AS INTEGER),\n"
    "                c.receiving_facility_id, t.name,\n"
    "                CASE c.kind WHEN 'consolidate' THEN '集約化' ELSE '複合化' END,\n"
    "                CAST(round(c.receiver_room) AS INTEGER)) AS reason\n"
    "  FROM consolidations c JOIN v_current_runs r ON r.run_id = c.run_id\n"
    "  JOIN facilities s ON s.year = r.year AND s.facility_id = c.facility_id\n"
    "  JOIN facilities t ON t.year = r.year AND t.facility_id = c.receiving_facility_id;\n",
    "CREATE VIEW v_facility_result AS\n"
    "  SELECT r.scenario, a.facility_id, f.name, f.category, f.department,\n"
    "         x.floor_area_m2, a.hard_score, a.soft_score, a.hard_low, a.soft_low,\n"
    "         a.decision, a.function, a.rule, a.review, a.review_tier\n"
    "  FROM facility_assessment a JOIN v_current_runs r ON r.run_id = a.run_id\n"
    "  JOIN facility_results x ON x.run_id = a.run_id AND x.facility_id = a.facility_id\n"
    "  JOIN facilities f ON f.year = r.year AND f.facility_id = a.facility_id;\n",
    NULL,
};

/* Upgrade steps: store_migrations[v] takes a database from version v to
 * v + 1.  Add a step, never edit a shipped one. */
static const char *const *const store_migrations[] = {
    store_schema_v1, store_schema_v2, store_schema_v3, store_schema_v4, store_schema_v5,
};

_Static_assert(sizeof store_migrations / sizeof store_migrations[0] == STORE_SCHEMA_VERSION,
               "one migration per schema version");

/* ---- private ---- */

static void
store_seterr(char *errbuf, size_t size, const char *what, sqlite3 *db)
{
    snprintf(errbuf, size, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
}

static int
store_int_pragma(sqlite3 *db, const char *sql, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* Fills the categories table from the vocabulary (migration 1). */
static int
store_fill_categories(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    size_t i;
    int rc = sqlite3_prepare_v2(
        db, "INSERT INTO categories(code, seq, name_ja, name_en) VALUES (?,?,?,?)", -1, &st, NULL);

    for (i = 0; rc == SQLITE_OK && i < vocab_count(VOCAB_CATEGORY); i++) {
        const struct vocab_entry *e = vocab_at(VOCAB_CATEGORY, i);

        sqlite3_bind_text(st, 1, e->code, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, (int)i + 1);
        sqlite3_bind_text(st, 3, e->ja, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, e->en, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Applies the migrations from version `from` in one transaction. */
static enum koyu_err
store_upgrade(sqlite3 *db, int from, char *errbuf, size_t size)
{
    char sql[128];
    int v;

    /* version 5 drops columns, which SQLite does from 3.35 (Debian
     * bookworm ships 3.40) */
    if (from < 5 && sqlite3_libversion_number() < 3035000) {
        snprintf(errbuf, size,
                 "cannot upgrade the schema: SQLite 3.35 or later is needed, this is %s",
                 sqlite3_libversion());
        return KOYU_ERR_DB;
    }
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        goto fail;
    for (v = from; v < STORE_SCHEMA_VERSION; v++) {
        const char *const *stmt;

        for (stmt = store_migrations[v]; *stmt; stmt++)
            if (sqlite3_exec(db, *stmt, NULL, NULL, NULL) != SQLITE_OK)
                goto fail;
        if (v == 0 && store_fill_categories(db) != SQLITE_OK)
            goto fail;
    }
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d; PRAGMA application_id=%d",
             STORE_SCHEMA_VERSION, STORE_APPLICATION_ID);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        goto fail;
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        goto fail;
    return KOYU_OK;
fail:
    store_seterr(errbuf, size, "cannot upgrade the schema", db);
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return KOYU_ERR_DB;
}

/* Builds the INSERT for file f from its columns: the database columns are
 * the English keys, so the two cannot drift apart. */
static int
store_prepare_insert(store *s, enum inv_file f)
{
    static const char *const tables[INV__FILES] = {"facilities", "buildings", "usage", "policies"};
    static const char *const ids[INV__FILES] = {"facility_id", "building_id",
                                                "facility_id = ? AND fiscal_year", "facility_id"};
    const struct inv_column *cols;
    size_t n = inventory_columns(f, &cols), i, len;
    char sql[2048];
    int rc;

    char *many = NULL;
    size_t row_start, row_len, k;

    len = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s(year, source_line", tables[f]);
    for (i = 0; i < n; i++)
        len += (size_t)snprintf(sql + len, sizeof sql - len, ", %s", cols[i].key);
    len += (size_t)snprintf(sql + len, sizeof sql - len, ") VALUES ");
    row_start = len;
    len += (size_t)snprintf(sql + len, sizeof sql - len, "(?, ?");
    for (i = 0; i < n; i++)
        len += (size_t)snprintf(sql + len, sizeof sql - len, ", ?");
    len += (size_t)snprintf(sql + len, sizeof sql - len, ")");
    row_len = len - row_start;
    rc = sqlite3_prepare_v2(s->db, sql, -1, &s->insert[f], NULL);
    if (rc != SQLITE_OK)
        return rc;
    many = malloc(len + STORE_BATCH * (row_len + 1) + 1);
    if (!many)
        return SQLITE_NOMEM;
    memcpy(many, sql, len);
    for (k = 1; k < STORE_BATCH; k++) {
        many[len++] = ',';
        memcpy(many + len, sql + row_start, row_len);
        len += row_len;
    }
    many[len] = '\0';
    rc = sqlite3_prepare_v2(s->db, many, -1, &s->insert_many[f], NULL);
    free(many);
    if (rc != SQLITE_OK)
        return rc;
    snprintf(sql, sizeof sql, "SELECT source_line FROM %s WHERE year = ? AND %s = ?", tables[f],
             ids[f]);
    return sqlite3_prepare_v2(s->db, sql, -1, &s->first_line[f], NULL);
}

/* ---- public ---- */

enum koyu_err
store_open(const char *path, store **out, int *created, char *errbuf, size_t errsize)
{
    store *s = NULL;
    FILE *probe;
    int version = 0, app = 0, objects = 0;
    enum koyu_err err = KOYU_ERR_DB;
    size_t f;

    *out = NULL;
    probe = path[0] ? fopen(path, "rb") : NULL;
    *created = path[0] && !probe;
    if (probe)
        fclose(probe);
    s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(errbuf, errsize, "out of memory");
        return KOYU_ERR_NOMEM;
    }
    /* one connection, used by one thread: no mutex on every call */
    if (sqlite3_open_v2(path, &s->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        store_seterr(errbuf, errsize, "cannot open the database", s->db);
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 5000);
    /* 64 MiB of page cache keeps million-row imports off the disk's back
     * while staying far under the memory budget. */
    if (sqlite3_exec(s->db, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536", NULL, NULL, NULL) !=
            SQLITE_OK ||
        store_int_pragma(s->db, "PRAGMA user_version", &version) != SQLITE_OK ||
        store_int_pragma(s->db, "PRAGMA application_id", &app) != SQLITE_OK ||
        store_int_pragma(s->db, "SELECT count(*) FROM sqlite_master", &objects) != SQLITE_OK) {
        int code = sqlite3_errcode(s->db);

        store_seterr(errbuf, errsize, "cannot read the database", s->db);
        err = code == SQLITE_NOTADB ? KOYU_ERR_DB_FOREIGN : KOYU_ERR_DB;
        goto fail;
    }
    if ((version == 0 && objects > 0) || (version > 0 && app != STORE_APPLICATION_ID)) {
        snprintf(errbuf, errsize, "'%s' is a database of another program", path);
        err = KOYU_ERR_DB_FOREIGN;
        goto fail;
    }
    if (version > STORE_SCHEMA_VERSION) {
        snprintf(errbuf, errsize, "'%s' has schema version %d; this koyu knows up to %d", path,
                 version, STORE_SCHEMA_VERSION);
        err = KOYU_ERR_DB_NEWER;
        goto fail;
    }
    if (version < STORE_SCHEMA_VERSION) {
        err = store_upgrade(s->db, version, errbuf, errsize);
        if (err)
            goto fail;
    }
    for (f = 0; f < INV__FILES; f++)
        if (store_prepare_insert(s, (enum inv_file)f) != SQLITE_OK) {
            store_seterr(errbuf, errsize, "cannot prepare statements", s->db);
            err = KOYU_ERR_DB;
            goto fail;
        }
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO import_messages(import_id, seq, severity, code, file,"
                           " line, column_no, column_name, value, message, detail)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &s->add_message, NULL) != SQLITE_OK) {
        store_seterr(errbuf, errsize, "cannot prepare statements", s->db);
        err = KOYU_ERR_DB;
        goto fail;
    }
    *out = s;
    return KOYU_OK;
fail:
    store_close(s);
    return err;
}

enum koyu_err
store_open_reader(const store *s, store **out, char *errbuf, size_t errsize)
{
    const char *path = s && s->db ? sqlite3_db_filename(s->db, "main") : NULL;
    store *r = NULL;

    *out = NULL;
    /* a private temporary database ("") cannot be opened twice; nor can a
     * connection see what another has not committed */
    if (!path || !path[0] || !sqlite3_get_autocommit(s->db)) {
        snprintf(errbuf, errsize, "the database cannot be shared");
        return KOYU_ERR_DB;
    }
    r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(errbuf, errsize, "out of memory");
        return KOYU_ERR_NOMEM;
    }
    if (sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        store_seterr(errbuf, errsize, "cannot open the database", r->db);
        store_close(r);
        return KOYU_ERR_DB;
    }
    sqlite3_extended_result_codes(r->db, 1);
    sqlite3_busy_timeout(r->db, 5000);
    /* a reader's cache: smaller than the importer's 64 MiB */
    sqlite3_exec(r->db, "PRAGMA cache_size=-16384", NULL, NULL, NULL);
    *out = r;
    return KOYU_OK;
}

void
store_close(store *s)
{
    size_t f;

    if (!s)
        return;
    if (s->in_tx)
        store_rollback(s);
    arena_release(&s->batch.text);
    for (f = 0; f < INV__FILES; f++) {
        sqlite3_finalize(s->insert_many[f]);
        sqlite3_finalize(s->insert[f]);
        sqlite3_finalize(s->first_line[f]);
    }
    sqlite3_finalize(s->add_message);
    for (f = 0; f < sizeof s->result_stmt / sizeof s->result_stmt[0]; f++)
        sqlite3_finalize(s->result_stmt[f]);
    for (f = 0; f < STORE_T__COUNT; f++)
        sqlite3_finalize(s->table_stmt[f]);
    sqlite3_close(s->db);
    free(s);
}

const char *
store_errmsg(const store *s)
{
    if (s && s->last_error[0])
        return s->last_error;
    return s && s->db ? sqlite3_errmsg(s->db) : "no database";
}

enum koyu_err
store_begin_import(store *s, int year, const char *source_dir, const char *imported_at,
                   const char *version, long long *import_id)
{
    static const char *const wipe[] = {
        "DELETE FROM policies WHERE year = ?",
        "DELETE FROM usage WHERE year = ?",
        "DELETE FROM buildings WHERE year = ?",
        "DELETE FROM facilities WHERE year = ?",
    };
    /* when no other year is stored, a DELETE without WHERE lets SQLite
     * drop the tables' pages at once instead of row by row */
    static const char *const wipe_all[] = {
        "DELETE FROM policies",
        "DELETE FROM usage",
        "DELETE FROM buildings",
        "DELETE FROM facilities",
    };
    sqlite3_stmt *st = NULL;
    size_t i;
    int only_year = 0;

    /* Per-row foreign-key checks double the cost of a million-row import;
     * the importer checks every reference itself before a row reaches
     * store_insert_row, and enforcement is back on when the transaction
     * ends. */
    s->last_error[0] = '\0';
    if (sqlite3_exec(s->db, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        /* keep the reason (e.g. another program holds the database) */
        snprintf(s->last_error, sizeof s->last_error, "%s", sqlite3_errmsg(s->db));
        sqlite3_exec(s->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
        return KOYU_ERR_DB;
    }
    s->in_tx = 1;
    s->message_seq = 0;
    s->last_error[0] = '\0';
    if (sqlite3_prepare_v2(s->db, "SELECT NOT EXISTS (SELECT 1 FROM facilities WHERE year <> ?)",
                           -1, &st, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_bind_int(st, 1, year);
    if (sqlite3_step(st) != SQLITE_ROW)
        goto fail;
    only_year = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    /* children first, so no cascade runs row by row */
    for (i = 0; i < sizeof wipe / sizeof wipe[0]; i++) {
        if (sqlite3_prepare_v2(s->db, only_year ? wipe_all[i] : wipe[i], -1, &st, NULL) !=
            SQLITE_OK)
            goto fail;
        if (!only_year)
            sqlite3_bind_int(st, 1, year);
        if (sqlite3_step(st) != SQLITE_DONE)
            goto fail;
        sqlite3_finalize(st);
        st = NULL;
    }
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO imports(year, imported_at, source_dir,"
                           " koyu_version) VALUES (?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_bind_int(st, 1, year);
    sqlite3_bind_text(st, 2, imported_at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, source_dir, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, version, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE)
        goto fail;
    sqlite3_finalize(st);
    *import_id = sqlite3_last_insert_rowid(s->db);
    return KOYU_OK;
fail:
    sqlite3_finalize(st);
    return KOYU_ERR_DB;
}

/* Binds row r of the batch to st starting at parameter base (1-based). */
static void
store_bind_row(sqlite3_stmt *st, const struct store_batch *b, int r, int base)
{
    const struct inv_column *cols;
    const struct inv_value *v = b->values[r];
    size_t n = inventory_columns(b->f, &cols), i;

    sqlite3_bind_int(st, base, b->year);
    sqlite3_bind_int64(st, base + 1, b->lines[r]);
    for (i = 0; i < n; i++) {
        int p = base + 2 + (int)i;
        const char *text = v[i].text ? arena_at(&b->text, b->text_off[r][i]) : NULL;

        if (!v[i].present) {
            sqlite3_bind_null(st, p);
            continue;
        }
        switch (cols[i].type) {
        case INV_T_ID:
        case INV_T_TEXT:
        case INV_T_GRADE:
            sqlite3_bind_text(st, p, text, -1, SQLITE_STATIC);
            break;
        case INV_T_CHOICE:
            if (cols[i].vocab == VOCAB_BOOL)
                sqlite3_bind_int(st, p, strcmp(text, "yes") == 0);
            else
                sqlite3_bind_text(st, p, text, -1, SQLITE_STATIC);
            break;
        case INV_T_COUNT:
        case INV_T_YEAR:
            sqlite3_bind_int64(st, p, (sqlite3_int64)v[i].num);
            break;
        case INV_T_AREA:
        case INV_T_YEN:
        case INV_T_PCT:
            sqlite3_bind_double(st, p, v[i].num);
            break;
        }
    }
}

/* Inserts row r alone; a taken id goes to dup. */
static enum koyu_err
store_insert_one(store *s, int r, store_dup_fn dup, void *ctx)
{
    const struct store_batch *b = &s->batch;
    sqlite3_stmt *st = s->insert[b->f];
    int rc;

    store_bind_row(st, b, r, 1);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return KOYU_OK;
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        sqlite3_stmt *q = s->first_line[b->f];
        int id = inventory_id_column(b->f);
        const char *key = arena_at(&b->text, b->text_off[r][id]);
        long first = 0;

        sqlite3_bind_int(q, 1, b->year);
        sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
        if (b->f == INV_USAGE)
            sqlite3_bind_int(q, 3, (int)b->values[r][INV_U_YEAR].num);
        if (sqlite3_step(q) == SQLITE_ROW)
            first = sqlite3_column_int(q, 0);
        sqlite3_reset(q);
        if (dup)
            dup(ctx, b->lines[r], first, key, b->values[r]);
        return KOYU_OK;
    }
    return KOYU_ERR_DB;
}

enum koyu_err
store_flush(store *s, store_dup_fn dup, void *ctx)
{
    struct store_batch *b = &s->batch;
    enum koyu_err err = KOYU_OK;
    int r, rc;

    if (b->n == STORE_BATCH) {
        sqlite3_stmt *st = s->insert_many[b->f];
        int per_row = (int)inventory_columns(b->f, &(const struct inv_column *){NULL}) + 2;

        for (r = 0; r < b->n; r++)
            store_bind_row(st, b, r, 1 + r * per_row);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_DONE)
            goto done;
        if ((rc & 0xFF) != SQLITE_CONSTRAINT) {
            err = KOYU_ERR_DB;
            goto done;
        }
        /* a duplicate somewhere in the batch: the statement wrote nothing,
         * so row by row finds it and keeps the rest */
    }
    for (r = 0; r < b->n && err == KOYU_OK; r++)
        err = store_insert_one(s, r, dup, ctx);
done:
    b->n = 0;
    arena_clear(&b->text);
    return err;
}

enum koyu_err
store_insert_row(store *s, enum inv_file f, int year, long line, const struct inv_value *v,
                 store_dup_fn dup, void *ctx)
{
    struct store_batch *b = &s->batch;
    size_t n = inventory_columns(f, &(const struct inv_column *){NULL}), i;
    enum koyu_err err;

    if (b->n > 0 && (b->f != f || b->year != year)) {
        err = store_flush(s, dup, ctx);
        if (err)
            return err;
    }
    b->f = f;
    b->year = year;
    b->lines[b->n] = line;
    for (i = 0; i < n; i++) {
        b->values[b->n][i] = v[i];
        if (v[i].present && v[i].text) {
            size_t off = arena_add_str(&b->text, v[i].text);

            if (off == ARENA_NONE)
                return KOYU_ERR_NOMEM;
            b->text_off[b->n][i] = off;
        }
    }
    if (++b->n == STORE_BATCH)
        return store_flush(s, dup, ctx);
    return KOYU_OK;
}

enum koyu_err
store_add_file(store *s, long long import_id, const char *file, const struct loader_info *info)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO import_files(import_id, file, sha256,"
                                " bytes, rows, encoding) VALUES (?,?,?,?,?,?)",
                                -1, &st, NULL);

    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, import_id);
        sqlite3_bind_text(st, 2, file, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, info->sha256, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)info->bytes);
        sqlite3_bind_int64(st, 5, info->records);
        sqlite3_bind_text(st, 6, info->encoding == LOADER_ENC_CP932 ? "cp932" : "utf-8", -1,
                          SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? KOYU_OK : KOYU_ERR_DB;
}

enum koyu_err
store_add_message(store *s, long long import_id, const struct diag_item *it, const char *text)
{
    sqlite3_stmt *st = s->add_message;
    int rc;

    sqlite3_bind_int64(st, 1, import_id);
    sqlite3_bind_int64(st, 2, ++s->message_seq);
    sqlite3_bind_text(st, 3, it->severity == DIAG_ERROR ? "error" : "warning", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, diag_code_key(it->code), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, it->file, -1, SQLITE_TRANSIENT);
    if (it->line > 0)
        sqlite3_bind_int64(st, 6, it->line);
    if (it->column > 0)
        sqlite3_bind_int(st, 7, it->column);
    if (it->column_name)
        sqlite3_bind_text(st, 8, it->column_name, -1, SQLITE_TRANSIENT);
    if (it->value)
        sqlite3_bind_text(st, 9, it->value, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 10, text, -1, SQLITE_TRANSIENT);
    if (it->detail)
        sqlite3_bind_text(st, 11, it->detail, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? KOYU_OK : KOYU_ERR_DB;
}

enum koyu_err
store_summarize(store *s, int year, struct store_summary *out)
{
    static const char sql[] =
        "SELECT (SELECT count(*) FROM facilities WHERE year = ?1),"
        " (SELECT count(*) FROM usage WHERE year = ?1),"
        " (SELECT count(DISTINCT category) FROM facilities WHERE year = ?1),"
        " count(*), TOTAL(floor_area_m2),"
        " TOTAL(CASE WHEN built_year <= 1981 THEN floor_area_m2 END),"
        " TOTAL(roof IS NOT NULL OR exterior IS NOT NULL OR interior IS NOT NULL"
        "  OR electrical IS NOT NULL OR mechanical IS NOT NULL),"
        " (SELECT MAX(fiscal_year) FROM usage WHERE year = ?1)"
        " FROM buildings WHERE year = ?1";
    static const char cost_sql[] =
        "SELECT TOTAL(personnel_yen) + TOTAL(utilities_yen) + TOTAL(maintenance_yen)"
        " + TOTAL(repair_yen) + TOTAL(outsourcing_yen) + TOTAL(other_yen)"
        " FROM usage WHERE year = ?1 AND fiscal_year = ?2";
    sqlite3_stmt *st = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int(st, 1, year);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        out->facilities = sqlite3_column_int64(st, 0);
        out->usage_rows = sqlite3_column_int64(st, 1);
        out->categories = sqlite3_column_int64(st, 2);
        out->buildings = sqlite3_column_int64(st, 3);
        out->floor_area_m2 = sqlite3_column_double(st, 4);
        out->floor_area_pre1982_m2 = sqlite3_column_double(st, 5);
        out->graded_buildings = (long)sqlite3_column_double(st, 6);
        out->latest_fiscal_year = sqlite3_column_int(st, 7);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_ROW)
        return KOYU_ERR_DB;
    rc = sqlite3_prepare_v2(s->db, cost_sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int(st, 1, year);
        sqlite3_bind_int(st, 2, out->latest_fiscal_year);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            out->running_cost_yen = sqlite3_column_double(st, 0);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? KOYU_OK : KOYU_ERR_DB;
}

enum koyu_err
store_commit_import(store *s, long long import_id, const struct store_summary *c, long warnings)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "UPDATE imports SET facilities = ?, buildings = ?,"
                                " usage_rows = ?, floor_area_m2 = ?, warnings = ?"
                                " WHERE import_id = ?",
                                -1, &st, NULL);

    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, c->facilities);
        sqlite3_bind_int64(st, 2, c->buildings);
        sqlite3_bind_int64(st, 3, c->usage_rows);
        sqlite3_bind_double(st, 4, c->floor_area_m2);
        sqlite3_bind_int64(st, 5, warnings);
        sqlite3_bind_int64(st, 6, import_id);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return KOYU_ERR_DB;
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return KOYU_ERR_DB;
    s->in_tx = 0;
    sqlite3_exec(s->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    return KOYU_OK;
}

enum koyu_err
store_commit(store *s)
{
    if (!s->in_tx)
        return KOYU_OK;
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(s->last_error, sizeof s->last_error, "%s", sqlite3_errmsg(s->db));
        return KOYU_ERR_DB;
    }
    s->in_tx = 0;
    sqlite3_exec(s->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    return KOYU_OK;
}

void
store_rollback(store *s)
{
    if (s)
        s->batch.n = 0;
    /* ROLLBACK resets SQLite's message: keep the one that explains why */
    if (s && !s->last_error[0] && sqlite3_errcode(s->db) != SQLITE_OK)
        snprintf(s->last_error, sizeof s->last_error, "%s", sqlite3_errmsg(s->db));
    if (s && s->in_tx) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->in_tx = 0;
        sqlite3_exec(s->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    }
}
