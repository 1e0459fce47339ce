/* console.c - what koyu prints after a command (console.h). */
#include "koyu/cli/console.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "koyu/core/msg.h"
#include "koyu/core/text.h"
#include "koyu/core/vocab.h"

void
console_import(enum koyu_lang lang, int year, const struct importer_result *r, const struct diag *d,
               int dry_run)
{
    const struct store_summary *s = &r->summary;
    char a[64], b[64], c[64], e[64], f[64], g[64];
    double pre = s->floor_area_m2 > 0 ? 100.0 * s->floor_area_pre1982_m2 / s->floor_area_m2 : 0;

    text_format_number((double)s->facilities, 0, a, sizeof a);
    text_format_number((double)s->buildings, 0, b, sizeof b);
    text_format_number(s->floor_area_m2, 1, c, sizeof c);
    text_format_number((double)s->usage_rows, 0, e, sizeof e);
    text_format_number(s->running_cost_yen, 0, f, sizeof f);
    text_format_number((double)s->graded_buildings, 0, g, sizeof g);
    msg_print(stdout, lang, dry_run ? MSG_CLI_CHECKED_INVENTORY : MSG_CLI_IMPORTED_INVENTORY, year);
    msg_print(stdout, lang, MSG_CLI_INVENTORY_SIZE, a, b, c, pre);
    msg_print(stdout, lang, MSG_CLI_INVENTORY_DATA, g, e);
    if (s->latest_fiscal_year)
        msg_print(stdout, lang, MSG_CLI_INVENTORY_RUNNING_COSTS, s->latest_fiscal_year, f);
    msg_print(stdout, lang, MSG_CLI_INVENTORY_CATEGORIES, s->categories, d->warnings);
}

void
console_scenario(enum koyu_lang lang, int year, const struct scenario *sc,
                 const struct run_result *lr)
{
    const struct portfolio_totals *p = &lr->portfolio;
    const struct store_scenario *x = &lr->scenario;
    const int H = sc->params.lcc.horizon_years, en = lang == KOYU_LANG_EN;
    const char *title = en ? sc->title_en : sc->title;
    char a[64], b[64], c[64], e[64], f[64];
    int k;

    text_format_number(p->total_yen / 1e8, 1, a, sizeof a);
    text_format_number(p->annual_average_yen / 1e8, 1, b, sizeof b);
    text_format_number(p->peak_yen / 1e8, 1, c, sizeof c);
    msg_print(stdout, lang, MSG_CLI_SCENARIO_N, sc->name, title[0] ? ": " : "", title);
    msg_print(stdout, lang, MSG_CLI_RENEWAL_PROJECTION_FY_TOTAL_100_MILLION,
              lcc_model_name(sc->model), year, year + H - 1, a, b, p->peak_year, c);
    if (x->budget_cap_yen > 0) {
        text_format_number(x->budget_cap_yen / 1e8, 1, a, sizeof a);
        text_format_number(x->backlog_yen / 1e8, 1, b, sizeof b);
        text_format_number(x->deferral_cost_yen / 1e8, 1, c, sizeof c);
        text_format_number((double)x->deferred_works, 0, e, sizeof e);
        msg_print(stdout, lang, MSG_CLI_BUDGET_CAP_A_YEAR_BINDS_IN, a, x->cap_binding_years, e, b,
                  c);
    }
    if (x->reduction_target_m2 > 0) {
        text_format_number(x->reduced_m2, 0, a, sizeof a);
        text_format_number(x->reduction_target_m2, 0, b, sizeof b);
        text_format_number(x->renewal_avoided_yen / 1e8, 1, c, sizeof c);
        text_format_number(x->running_avoided_yen / 1e8, 1, e, sizeof e);
        msg_print(stdout, lang, MSG_CLI_FLOOR_AREA_REDUCED_M2_OF_A, a, b,
                  p->floor_area_m2 > 0 ? 100.0 * x->reduced_m2 / p->floor_area_m2 : 0, c, e);
    }
    if (p->recent_investment_yen > 0) {
        text_format_number(p->recent_investment_yen / 1e8, 1, e, sizeof e);
        text_format_number((p->annual_average_yen - p->recent_investment_yen) / 1e8, 1, f,
                           sizeof f);
        msg_print(stdout, lang, MSG_CLI_RECENT_INVESTMENT, e,
                  p->annual_average_yen / p->recent_investment_yen, f);
    }
    msg_print(stdout, lang, MSG_CLI_DECISIONS);
    for (k = 0; k < LCC_OPTION__COUNT; k++) {
        text_format_number(p->decision_area_m2[k], 0, a, sizeof a);
        msg_print(stdout, lang, MSG_CLI_DECISION_COUNT, k ? msg(lang, MSG_CLI_LIST_SEP) : " ",
                  en ? lcc_option_name((enum lcc_option)k)
                     : vocab_at(VOCAB_DECISION, (size_t)k)->ja,
                  p->decisions[k], a);
    }
    msg_print(stdout, lang, MSG_CLI_FOR_SECONDARY_REVIEW_N, p->review,
              p->review_tier[ASSESS_TIER_URGENT], p->review_tier[ASSESS_TIER_SERVICE],
              p->review_tier[ASSESS_TIER_TIMING]);
    msg_print(stdout, lang, MSG_CLI_CONSOLIDATIONS, p->consolidations,
              p->consolidations - p->combines, p->combines);
    if (lr->mc_summary.draws > 0) {
        text_format_number(lr->mc_summary.total.p5 / 1e8, 1, a, sizeof a);
        text_format_number(lr->mc_summary.total.p50 / 1e8, 1, b, sizeof b);
        text_format_number(lr->mc_summary.total.p95 / 1e8, 1, c, sizeof c);
        msg_print(stdout, lang, MSG_CLI_MONTE_CARLO_DRAWS_40_YEAR_TOTAL, lr->mc_summary.draws, a, b,
                  c);
    }
    /* make bench reads this line */
    if (getenv("KOYU_BENCH_STATS") && lr->uncertainty_seconds > 0)
        fprintf(stderr,
                "koyu: %s: uncertainty (sensitivity, switching values, Monte Carlo)"
                " %.2f s\n",
                sc->name, lr->uncertainty_seconds);
    if (p->estimated_running_costs > 0)
        msg_print(stdout, lang, MSG_CLI_RUNNING_COSTS_ESTIMATED_PER_NO_USAGE,
                  p->estimated_running_costs);
}

void
console_report(enum koyu_lang lang, const struct report_result *rr)
{
    msg_print(stdout, lang, MSG_CLI_WORKBOOK_AND_DEPARTMENT_WORKBOOKS_N, rr->path,
              rr->department_books);
    if (rr->scenario_books)
        msg_print(stdout, lang, MSG_CLI_AND_WORKBOOKS_OF_THE_OTHER_SCENARIOS, rr->scenario_books);
    /* make bench reads this line */
    if (getenv("KOYU_BENCH_STATS"))
        fprintf(stderr, "cells %lld\n", rr->cells);
}

void
console_progress(enum koyu_lang lang, int quiet, enum msg_id id, ...)
{
    char line[512];
    va_list ap;

    if (quiet || !isatty(2))
        return;
    va_start(ap, id);
    msg_vformat(line, sizeof line, lang, id, ap);
    va_end(ap);
    fprintf(stderr, "koyu: %s\n", line);
}
