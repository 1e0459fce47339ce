/* test_level.c - budget-capped leveling: exact small cases and the
 * invariants (cap, earliest year, conservation) on random plans. */
#include <stdlib.h>
#include <string.h>

#include "koyu/engine/level.h"
#include "testlib.h"

#define H  10
#define Y0 2026

/* Payments recorded by year and by work. */
struct ledger {
    double year[H];
    double work[600][H];
    int early; /* a payment before a work could be paid */
    const struct level_work *works;
    int advance;
};

static void
ledger_pay(void *ctx, size_t i, int y, double amount)
{
    struct ledger *l = ctx;
    const struct level_work *w = &l->works[i];

    l->year[y - Y0] += amount;
    if (i < 600)
        l->work[i][y - Y0] += amount;
    if (y < w->due - l->advance)
        l->early = 1;
}

static struct level_work
work_at(int due, int years, double cost, size_t building, double hard)
{
    struct level_work w;

    memset(&w, 0, sizeof w);
    w.due = due;
    w.years = years;
    w.cost = cost;
    w.building = building;
    w.hard = hard;
    return w;
}

static void
fill_cap(double *cap, double v)
{
    int t;

    for (t = 0; t < H; t++)
        cap[t] = v;
}

/* Works priced at the prices of each year (renewal_escalation_rate): the
 * shares owed rise with them, so a cap that never binds pays the plan. */
static void
test_level_shares_rise_with_prices(void)
{
    struct level_work w[1] = {work_at(2027, 3, 100 + 102 + 104.04, 0, 50)};
    struct level_options o = {Y0, H, NULL, 0, 1.02};
    struct level_summary s;
    struct ledger l;
    double cap[H];

    fill_cap(cap, 1e9);
    o.cap = cap;
    memset(&l, 0, sizeof l);
    l.works = w;
    CHECK(level_run(&o, w, 1, &s, ledger_pay, &l) == 0);
    CHECK_NUM(l.year[1], 100, 1e-9);
    CHECK_NUM(l.year[2], 102, 1e-9);
    CHECK_NUM(l.year[3], 104.04, 1e-9);
    CHECK_NUM(level_part(306.04, 1.02, 2, 3), 202, 1e-9);
    CHECK_NUM(level_part(300, 0, 2, 3), 200, 0);
}

static void
test_level_unbound_cap_keeps_the_plan(void)
{
    struct level_work w[2] = {work_at(2027, 2, 200, 0, 50), work_at(2030, 3, 300, 1, 40)};
    double cap[H];
    struct level_options o = {Y0, H, cap, 0, 0};
    struct level_summary s;
    static struct ledger l;

    memset(&l, 0, sizeof l);
    l.works = w;
    fill_cap(cap, 1e12);
    CHECK(level_run(&o, w, 2, &s, ledger_pay, &l) == 0);
    CHECK_NUM(l.year[1], 100, 0);
    CHECK_NUM(l.year[2], 100, 0);
    CHECK_NUM(l.year[4], 100, 0);
    CHECK_NUM(l.year[6], 100, 0);
    CHECK(w[0].start == 2027 && w[0].end == 2028);
    CHECK(w[1].start == 2030 && w[1].end == 2032);
    CHECK(s.deferred == 0 && s.binding_years == 0);
    CHECK_NUM(s.backlog, 0, 0);
    CHECK_NUM(s.paid_total, 500, 0);
}

static void
test_level_ranking_and_deferral(void)
{
    /* two works due 2026 of 100 each, cap 60: the lower hard score first */
    struct level_work w[3] = {work_at(2026, 1, 100, 0, 70), work_at(2026, 1, 100, 1, 30),
                              work_at(2028, 1, 100, 2, 10)};
    double cap[H];
    struct level_options o = {Y0, H, cap, 0, 0};
    struct level_summary s;
    static struct ledger l;

    memset(&l, 0, sizeof l);
    l.works = w;
    fill_cap(cap, 60);
    CHECK(level_run(&o, w, 3, &s, ledger_pay, &l) == 0);
    /* 2026: building 1 gets 60; 2027: building 1 its last 40, building 0 20;
     * 2028: building 0 (due earlier) 60 before building 2 (hard 10) */
    CHECK_NUM(l.work[1][0], 60, 0);
    CHECK_NUM(l.work[1][1], 40, 0);
    CHECK_NUM(l.work[0][1], 20, 0);
    CHECK_NUM(l.work[0][2], 60, 0);
    CHECK_NUM(l.work[0][3], 20, 0);
    CHECK_NUM(l.work[2][3], 40, 0);
    CHECK_NUM(l.work[2][4], 60, 0);
    CHECK(w[1].start == 2026 && w[1].end == 2027);
    CHECK(w[0].start == 2027 && w[0].end == 2029);
    CHECK(w[2].start == 2029 && w[2].end == 2030);
    CHECK(s.binding_years == 4); /* 2026-2029 */
    CHECK(s.binding[0] && s.binding[3] && !s.binding[4]);
    CHECK(s.deferred == 3);
    CHECK_NUM(s.backlog, 0, 1e-9);
}

static void
test_level_essential_and_review_break_ties(void)
{
    struct level_work w[3] = {work_at(2026, 1, 10, 0, 50), work_at(2026, 1, 10, 1, 50),
                              work_at(2026, 1, 10, 2, 50)};
    double cap[H];
    struct level_options o = {Y0, H, cap, 0, 0};
    struct level_summary s;

    w[1].review = 1;
    w[2].essential = 1;
    fill_cap(cap, 10);
    CHECK(level_run(&o, w, 3, &s, NULL, NULL) == 0);
    CHECK(w[2].start == 2026);
    CHECK(w[1].start == 2027);
    CHECK(w[0].start == 2028);
}

/* The ranking's order of keys: hard score before the essential and review
 * flags (a lower score first even against both), and input order last. */
static void
test_level_hard_before_flags_and_input_order_last(void)
{
    struct level_work w[4] = {work_at(2026, 1, 10, 0, 40), work_at(2026, 1, 10, 1, 30),
                              work_at(2026, 1, 10, 2, 40), work_at(2026, 1, 10, 3, 40)};
    double cap[H];
    struct level_options o = {Y0, H, cap, 0, 0};
    struct level_summary s;

    w[0].essential = w[0].review = 1;
    fill_cap(cap, 10);
    CHECK(level_run(&o, w, 4, &s, NULL, NULL) == 0);
    CHECK(w[1].start == 2026); /* hard 30, no flags */
    CHECK(w[0].start == 2027); /* hard 40, essential and review */
    CHECK(w[2].start == 2028); /* w[2] and w[3] tie: input order */
    CHECK(w[3].start == 2029);
}

static void
test_level_backlog_at_the_end(void)
{
    struct level_work w[1] = {work_at(2030, 2, 1000, 0, 50)};
    double cap[H];
    struct level_options o = {Y0, H, cap, 0, 0};
    struct level_summary s;

    fill_cap(cap, 100);
    CHECK(level_run(&o, w, 1, &s, NULL, NULL) == 0);
    /* 2030-2035: 6 years x 100 */
    CHECK_NUM(w[0].paid, 600, 1e-9);
    CHECK_NUM(s.backlog, 400, 1e-9);
    CHECK(s.deferred == 1);
    CHECK(w[0].end == 2035);
}

static void
test_level_renovation_turns_into_rebuild(void)
{
    /* building 0: renovation of 200 due 2027 that must start by 2029,
     * else the building is rebuilt (900 over 3 years); its own rebuild
     * of 600 planned in 2033-2035 becomes unnecessary */
    struct level_work w[3] = {work_at(2027, 2, 200, 0, 50), work_at(2033, 3, 600, 0, 50),
                              work_at(2026, 1, 500, 1, 10)};
    double cap[H];
    struct level_options o = {Y0, H, cap, 0, 0};
    struct level_summary s;
    static struct ledger l;

    memset(&l, 0, sizeof l);
    l.works = w;
    w[0].deadline = 2029;
    w[0].rebuild_work = 1;
    w[0].rebuild_cost = 900;
    w[0].rebuild_years = 3;
    w[1].rebuild = 1;
    fill_cap(cap, 1000);
    cap[0] = 100; /* 2026-2028 are taken by building 1 and nothing else */
    cap[1] = 100;
    cap[2] = 100;
    w[2].cost = 500;
    w[2].years = 1;
    /* building 1's 500 takes 2026-2028's 300 and 200 of 2029 */
    CHECK(level_run(&o, w, 3, &s, ledger_pay, &l) == 0);
    CHECK(w[0].state == LEVEL_CONVERTED);
    CHECK(w[0].work == 1);
    CHECK(w[0].due == 2029 && w[0].years == 3);
    CHECK_NUM(w[0].cost, 900, 0);
    CHECK_NUM(w[0].planned_cost, 200, 0);
    CHECK(w[1].state == LEVEL_DROPPED);
    CHECK_NUM(s.deferral_cost, 900 - 200 - 600, 1e-9);
    CHECK(s.converted == 1 && s.dropped == 1);
    /* paid + backlog = plan + deferral cost */
    CHECK_NUM(s.paid_total + s.backlog, s.planned_total + s.deferral_cost, 1e-9);
    CHECK_NUM(l.year[3], 500, 1e-9); /* 2029: 200 left of building 1, 300 of the rebuild */
    CHECK_NUM(w[0].paid, 900, 1e-9);
}

static void
test_level_overdue_rebuild_is_replaced_not_doubled(void)
{
    /* the renovation's deadline is the year its rebuild is due; with no
     * money until 2030 both are overdue: one rebuild, not two */
    struct level_work w[2] = {work_at(2026, 2, 200, 0, 50), work_at(2028, 3, 600, 0, 50)};
    double cap[H];
    struct level_options o = {Y0, H, cap, 0, 0};
    struct level_summary s;

    w[0].deadline = 2028;
    w[0].rebuild_work = 1;
    w[0].rebuild_cost = 600;
    w[0].rebuild_years = 3;
    w[1].rebuild = 1;
    fill_cap(cap, 1000);
    cap[0] = cap[1] = cap[2] = cap[3] = 0;
    CHECK(level_run(&o, w, 2, &s, NULL, NULL) == 0);
    CHECK(w[0].state == LEVEL_CONVERTED && w[0].due == 2028);
    CHECK(w[1].state == LEVEL_DROPPED);
    CHECK_NUM(s.paid_total, 600, 1e-9);
    CHECK_NUM(s.deferral_cost, 600 - 200 - 600, 1e-9);
}

static void
test_level_renovation_dropped_while_rebuilding(void)
{
    /* the rebuild is paid from 2026; the renovation, unstarted at its
     * deadline, is not turned into a second rebuild */
    struct level_work w[2] = {work_at(2027, 1, 100, 0, 50), work_at(2026, 3, 3000, 0, 10)};
    double cap[H];
    struct level_options o = {Y0, H, cap, 0, 0};
    struct level_summary s;

    w[0].deadline = 2028;
    w[0].rebuild_work = 1;
    w[0].rebuild_cost = 3000;
    w[0].rebuild_years = 3;
    w[1].rebuild = 1;
    fill_cap(cap, 1000);
    CHECK(level_run(&o, w, 2, &s, NULL, NULL) == 0);
    CHECK(w[0].state == LEVEL_DROPPED);
    CHECK(w[1].state == LEVEL_PLANNED);
    CHECK_NUM(s.paid_total + s.backlog, 3000, 1e-9);
    CHECK_NUM(s.deferral_cost, -100, 1e-9);
}

static void
test_level_advance_is_bounded(void)
{
    struct level_work w[1] = {work_at(2031, 1, 300, 0, 50)};
    double cap[H];
    struct level_options o = {Y0, H, cap, 2, 0};
    struct level_summary s;
    static struct ledger l;

    memset(&l, 0, sizeof l);
    l.works = w;
    l.advance = 2;
    fill_cap(cap, 100);
    CHECK(level_run(&o, w, 1, &s, ledger_pay, &l) == 0);
    /* payable from 2029: 100 in 2029, 2030 and 2031 */
    CHECK(w[0].start == 2029 && w[0].end == 2031);
    CHECK(!l.early);
    CHECK(s.deferred == 0);
}

/* A deterministic generator for the random plans. */
static unsigned long
lcg(unsigned long *s)
{
    *s = *s * 6364136223846793005UL + 1442695040888963407UL;
    return *s >> 33;
}

static void
test_level_invariants_on_random_plans(void)
{
    static struct level_work w[600];
    static struct ledger l;
    double cap[H];
    unsigned long seed = 42;
    int round, t, bad_cap = 0, bad_sum = 0, bad_early = 0;

    for (round = 0; round < 50; round++) {
        struct level_options o = {Y0, H, cap, (int)(round % 3), 0};
        struct level_summary s;
        size_t n = 0, b = 0;

        while (n < 590) {
            int k, nb = 1 + (int)(lcg(&seed) % 3);

            for (k = 0; k < nb; k++, n++) {
                int due = Y0 + (int)(lcg(&seed) % H);
                int years = 1 + (int)(lcg(&seed) % 3);

                if (due + years - 1 > Y0 + H - 1)
                    years = Y0 + H - due;
                w[n] = work_at(due, years, 1 + (double)(lcg(&seed) % 100000), b,
                               (double)(lcg(&seed) % 100));
                w[n].essential = (int)(lcg(&seed) % 2);
                w[n].review = (int)(lcg(&seed) % 2);
                if (k == 0 && lcg(&seed) % 2) {
                    w[n].deadline = due + (int)(lcg(&seed) % 4);
                    w[n].rebuild_work = 1;
                    w[n].rebuild_cost = w[n].cost * 3;
                    w[n].rebuild_years = 3;
                } else if (k > 0) {
                    w[n].rebuild = 1;
                }
            }
            b++;
        }
        for (t = 0; t < H; t++)
            cap[t] = 500000.0 + (double)(lcg(&seed) % 3000000);
        memset(&l, 0, sizeof l);
        l.works = w;
        l.advance = o.max_advance_years;
        if (level_run(&o, w, n, &s, ledger_pay, &l) != 0)
            break;
        for (t = 0; t < H; t++)
            if (l.year[t] > cap[t] * (1 + 1e-12))
                bad_cap++;
        if (fabs(s.paid_total + s.backlog - s.planned_total - s.deferral_cost) >
            1e-9 * s.planned_total)
            bad_sum++;
        bad_early += l.early;
    }
    CHECK(round == 50);
    CHECK(bad_cap == 0);
    CHECK(bad_sum == 0);
    CHECK(bad_early == 0);
}

void
suite_level(void)
{
    RUN(test_level_unbound_cap_keeps_the_plan);
    RUN(test_level_shares_rise_with_prices);
    RUN(test_level_ranking_and_deferral);
    RUN(test_level_essential_and_review_break_ties);
    RUN(test_level_hard_before_flags_and_input_order_last);
    RUN(test_level_backlog_at_the_end);
    RUN(test_level_renovation_turns_into_rebuild);
    RUN(test_level_overdue_rebuild_is_replaced_not_doubled);
    RUN(test_level_renovation_dropped_while_rebuilding);
    RUN(test_level_advance_is_bounded);
    RUN(test_level_invariants_on_random_plans);
}
