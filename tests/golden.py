#!/usr/bin/env python3
"""golden.py - the normalised forms that the golden tests compare.

  golden.py xlsx BOOK.xlsx OUTDIR   every XML part of the workbook but
                                    docProps/core.xml (its dates), one
                                    element a line, into OUTDIR/<part>.txt
  golden.py db KOYU.db OUTFILE      the demo's database figures as text

Numbers are printed to 12 significant digits, so a change in the order of
a sum (a last-bit difference) is not taken for a change of output, while any
change a reader could see is.  Python's standard library only."""
import math
import os
import re
import sqlite3
import sys
import zipfile
import xml.etree.ElementTree as ET

NUMBER = re.compile(r'^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$')


def num(text):
    """text as a number to 12 significant digits, or text unchanged."""
    if text is None or not NUMBER.match(text):
        return text
    v = float(text)
    if not math.isfinite(v):
        return text
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return '%.12g' % v


def local(name):
    return name.rsplit('}', 1)[-1]


def element_lines(e, depth, out):
    attrs = ' '.join('%s="%s"' % (local(k), num(v)) for k, v in sorted(e.attrib.items()))
    text = (e.text or '').strip()
    tag = local(e.tag)
    if tag in ('v', 'f', 'val', 'x', 'y') or tag.endswith('Value'):
        text = num(text)
    line = '  ' * depth + '<' + tag + (' ' + attrs if attrs else '') + '>'
    if text:
        line += text.replace('\n', '\\n')
    out.append(line)
    for c in e:
        element_lines(c, depth + 1, out)


def xlsx(book, outdir):
    with zipfile.ZipFile(book) as z:
        names = sorted(n for n in z.namelist()
                       if (n.endswith('.xml') or n.endswith('.rels')) and n != 'docProps/core.xml')
        for n in names:
            out = []
            element_lines(ET.fromstring(z.read(n)), 0, out)
            path = os.path.join(outdir, n + '.txt')
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w', encoding='utf-8') as f:
                f.write('\n'.join(out) + '\n')


# The demo's figures: what a council reads (every scenario's totals and
# series, every facility's decision and money in the baseline) and what a
# change of a default or a formula moves.
QUERIES = [
    ('import', "SELECT year, facilities, buildings, usage_rows, warnings FROM imports ORDER BY import_id"),
    ('import_file', "SELECT file, sha256, rows, bytes, encoding FROM import_files ORDER BY file"),
    ('message', "SELECT severity, code, file, line, column_name, value FROM import_messages"
                " ORDER BY file, line, code"),
    ('scenario', "SELECT * FROM v_scenarios ORDER BY position"),
    ('run', "SELECT scenario, model, horizon_years, discount_rate, total_yen, annual_average_yen,"
            " peak_year, peak_yen, recent_investment_yen, ratio_to_recent, annual_gap_yen,"
            " estimated_running_costs, planned_total_yen, pv_renewal_yen, pv_running_yen,"
            " end_floor_area_m2, budget_cap_yen, backlog_yen, deferral_cost_yen, deferred_works,"
            " cap_binding_years, reduction_target_m2, reduced_m2, running_avoided_yen,"
            " renewal_avoided_yen FROM lcc_runs ORDER BY position"),
    ('param', "SELECT key, value, source, file FROM lcc_params p JOIN lcc_runs r USING (run_id)"
              " WHERE r.position = 0 ORDER BY key"),
    ('lever', "SELECT r.scenario, key, value FROM lcc_params p JOIN lcc_runs r USING (run_id)"
              " WHERE p.source = 'scenario' ORDER BY r.position, key"),
    ('year', "SELECT r.scenario, y.fiscal_year, y.planned_yen, y.renewal_yen, y.cap_yen, y.cap_binding,"
             " y.floor_area_m2, y.running_cost_yen FROM scenario_by_year y JOIN lcc_runs r"
             " USING (run_id) ORDER BY r.position, y.fiscal_year"),
    ('work', "SELECT scenario, work_type, sum(cost_yen) FROM v_renewal_by_year GROUP BY 1, 2"
             " ORDER BY 1, 2"),
    ('category', "SELECT scenario, category, sum(cost_yen) FROM v_renewal_by_year GROUP BY 1, 2"
                 " ORDER BY 1, 2"),
    ('department', "SELECT scenario, department, sum(cost_yen) FROM v_renewal_by_year GROUP BY 1, 2"
                   " ORDER BY 1, 2"),
    ('facility', "SELECT a.facility_id, a.soundness, a.remaining_life, a.seismic_deficient,"
                 " a.hard_estimated, a.main_age, a.main_extendable, a.hard_score, a.hard_low,"
                 " a.t_utilization, a.t_users_per_m2, a.t_cost_per_m2, a.t_cost_recovery,"
                 " a.soft_score, a.soft_group, a.soft_group_level, a.soft_low, a.quadrant,"
                 " a.essential, a.decision, a.rule, a.review, a.consolidation, a.main_why_not"
                 " FROM facility_assessment a JOIN lcc_runs r USING (run_id) WHERE r.position = 0"
                 " ORDER BY a.facility_id"),
    ('lcc', "SELECT f.facility_id, f.running_cost_yen, f.revenue_yen, f.repair_yen, f.usage_years,"
            " f.running_estimated, f.keep_pv_yen, f.repair_pv_yen, f.rebuild_pv_yen, f.sell_pv_yen,"
            " f.lease_pv_yen, f.keep_annual_yen, f.renewal_total_yen FROM facility_results f"
            " JOIN lcc_runs r USING (run_id) WHERE r.position = 0 ORDER BY f.facility_id"),
    ('building', "SELECT r.scenario, count(*), sum(b.age), sum(b.soundness), sum(b.soundness_estimated),"
                 " sum(b.target_life), sum(b.remaining_life), sum(b.seismic_deficient),"
                 " sum(b.seismic_derived), sum(b.hard_score) FROM building_assessment b"
                 " JOIN lcc_runs r USING (run_id) GROUP BY r.position ORDER BY r.position"),
    ('decisions', "SELECT scenario, decision, rule, count(*) FROM v_facility_result GROUP BY 1, 2, 3"
                  " ORDER BY 1, 2, 3"),
    ('deferred', "SELECT r.scenario, d.state, d.planned_work_type, d.work_type, count(*),"
                 " sum(d.planned_cost_yen), sum(d.cost_yen), sum(d.paid_yen), sum(d.outstanding_yen),"
                 " sum(d.delay_years), sum(d.deadline_year) FROM deferred_works d JOIN lcc_runs r USING (run_id)"
                 " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"),
    ('exit', "SELECT r.scenario, e.facility_id, e.decision, e.exit_year, e.floor_area_m2,"
             " e.running_avoided_yen, e.renewal_avoided_yen FROM reduction_exits e"
             " JOIN lcc_runs r USING (run_id) ORDER BY r.position, e.facility_id"),
    ('sensitivity', "SELECT r.scenario, s.variable, s.end_name, s.value, s.total_yen, s.pv_yen,"
                    " s.facilities_changed FROM sensitivity s JOIN lcc_runs r USING (run_id)"
                    " ORDER BY r.position, s.variable, s.end_name"),
    ('mc', "SELECT r.scenario, m.measure, m.draws, m.seed, m.p5_yen, m.p50_yen, m.p95_yen,"
           " m.mean_yen, m.deterministic_yen FROM mc_summary m JOIN lcc_runs r USING (run_id)"
           " ORDER BY r.position, m.measure"),
    ('mc_year', "SELECT r.scenario, m.fiscal_year, m.p5_yen, m.p50_yen, m.p95_yen, m.mean_yen"
                " FROM mc_by_year m JOIN lcc_runs r USING (run_id) ORDER BY r.position, m.fiscal_year"),
    ('robust', "SELECT r.scenario, u.chosen_option, u.cheapest_option, count(*),"
               " sum(u.p_chosen_cheapest), sum(u.switch_discount_rate IS NOT NULL),"
               " sum(u.switch_escalation_rate IS NOT NULL), sum(u.sensitivity_changes)"
               " FROM facility_uncertainty u JOIN lcc_runs r USING (run_id) GROUP BY 1, 2, 3"
               " ORDER BY 1, 2, 3"),
]


def cell(v):
    if v is None:
        return 'NULL'
    if isinstance(v, float):
        return num(repr(v))
    return str(v).replace('\n', '\\n')


def db(path, outfile):
    con = sqlite3.connect('file:%s?mode=ro' % path, uri=True)
    with open(outfile, 'w', encoding='utf-8') as f:
        for name, sql in QUERIES:
            cur = con.execute(sql)
            f.write('# %s: %s\n' % (name, ' | '.join(d[0] for d in cur.description)))
            for row in cur:
                f.write(name + ' ' + ' | '.join(cell(v) for v in row) + '\n')


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ('xlsx', 'db'):
        sys.stderr.write(__doc__)
        return 2
    (xlsx if sys.argv[1] == 'xlsx' else db)(sys.argv[2], sys.argv[3])
    return 0


if __name__ == '__main__':
    sys.exit(main())
