/* test_assess.c - scores, 偏差値, every sorting rule, reasons, golden
 * decisions on a small inventory, row-order independence, policy.csv. */
#include <stdio.h>
#include <stdlib.h>

#include "koyu/engine/assess.h"
#include "koyu/engine/consolidate.h"
#include "koyu/report/explain.h"
#include "koyu/run/params.h"
#include "testlib.h"

static const struct params *
defaults(void)
{
    return tl_params();
}

static void
test_soundness(void)
{
    const struct assess_params *ap = &defaults()->assess;
    int partial;

    /* docs/method.md §10.4 */
    CHECK_NUM(assess_soundness(ap, "AAAAA", &partial), 100, 1e-9);
    CHECK_NUM(assess_soundness(ap, "DDDDD", &partial), 10, 1e-9);
    CHECK_NUM(assess_soundness(ap, "CCCCC", &partial), 40, 1e-9);
    CHECK_NUM(assess_soundness(ap, "BCBAD", &partial), 3623.5 / 60, 1e-9); /* 60.4 */
    CHECK(!partial);
    /* some elements: the graded ones, by their weights */
    CHECK_NUM(assess_soundness(ap, (const char[5]){'A', 0, 'C', 0, 0}, &partial),
              (100 * 5.1 + 40 * 22.4) / (5.1 + 22.4), 1e-9);
    CHECK(partial);
    CHECK(assess_soundness(ap, (const char[5]){0, 0, 0, 0, 0}, &partial) == -1);
}

static void
test_building_hard(void)
{
    const struct params *pp = defaults();
    struct assess_building_in b = {{4, 0, 0, 1000, 2000, 0, 0}, 1, {'A', 'A', 'A', 'A', 'A'}};
    struct assess_building_out o;

    /* age 26 of 60: H = 0.5 x 100 + 0.3 x 100 x 34/60 + 0.2 x 100 */
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(o.age == 26 && o.remaining_life == 34 && o.target_life == 60);
    CHECK_NUM(o.hard, 50 + 30.0 * 34 / 60 + 20, 1e-9);
    CHECK(!o.soundness_estimated && !o.seismic_deficient && !o.seismic_derived);
    /* under extend80 the same building has 80 years */
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_EXTEND80, 2026, &b, &o);
    CHECK(o.target_life == 80 && o.remaining_life == 54);
    /* no survey: 健全度 from age (19 -> 100, 20 and 39 -> 75, 40 -> 40) */
    memset(b.grades, 0, sizeof b.grades);
    b.lcc.built_year = 2007;
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(o.soundness == 100 && o.soundness_estimated);
    b.lcc.built_year = 2006;
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(o.soundness == 75);
    b.lcc.built_year = 1987;
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(o.soundness == 75);
    b.lcc.built_year = 1986;
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(o.soundness == 40);
    /* unknown seismic status: from the built year (1982 on is sound) */
    b.seismic_known = 0;
    b.lcc.built_year = 1981;
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(o.seismic_deficient && o.seismic_derived);
    b.lcc.built_year = 1982;
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(!o.seismic_deficient && o.seismic_derived);
    /* remaining life is never below 0 */
    b.lcc.built_year = 1950;
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(o.remaining_life == 0 && o.remaining_share == 0);
    /* H by hand: no survey, 45 years old (健全度 40), 15 of 60 years left,
     * 旧耐震・未補強: 0.5 x 40 + 0.3 x 100 x 15/60 + 0.2 x 0 = 27.5; under
     * extend80 the same (not retrofitted: not extendable) */
    b.seismic_known = 1;
    b.lcc.seismic_deficient = 1;
    b.lcc.built_year = 1981;
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(o.soundness == 40 && o.remaining_life == 15 && o.seismic_deficient);
    CHECK_NUM(o.hard, 27.5, 1e-12);
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_EXTEND80, 2026, &b, &o);
    CHECK(o.target_life == 60);
    CHECK_NUM(o.hard, 27.5, 1e-12);
    /* all B, 10 years old, sound, under extend80: 70 of 80 years left:
     * 0.5 x 75 + 0.3 x 100 x 70/80 + 0.2 x 100 = 37.5 + 26.25 + 20 */
    b.lcc.seismic_deficient = 0;
    b.lcc.built_year = 2016;
    memset(b.grades, 'B', sizeof b.grades);
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_EXTEND80, 2026, &b, &o);
    CHECK(o.target_life == 80 && o.remaining_life == 70);
    CHECK_NUM(o.hard, 83.75, 1e-12);
    /* target-life: RC 70 years, 60 left: 37.5 + 0.3 x 100 x 60/70 + 20 */
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_TARGET_LIFE, 2026, &b, &o);
    CHECK(o.target_life == 70);
    CHECK_NUM(o.hard, 37.5 + 1800.0 / 70 + 20, 1e-12);
    /* 52 years old, renovated two years ago and graded A throughout: the
     * renovation counts, 80 - 52 = 28 years left (not 60 - 52 = 8) */
    b.lcc.built_year = 1974;
    b.lcc.renovated_year = 2024;
    memset(b.grades, 'A', sizeof b.grades);
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(o.renovated && o.target_life == 80 && o.remaining_life == 28);
    /* ... not when graded C (健全度 40 < 75), nor without a survey, nor
     * when the renovation is 30 years old */
    memset(b.grades, 'C', sizeof b.grades);
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(!o.renovated && o.target_life == 60 && o.remaining_life == 8);
    memset(b.grades, 0, sizeof b.grades);
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(!o.renovated && o.remaining_life == 8);
    memset(b.grades, 'A', sizeof b.grades);
    b.lcc.renovated_year = 1996;
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(!o.renovated && o.remaining_life == 8);
    b.lcc.renovated_year = 1997;
    assess_building(&pp->assess, &pp->lcc, LCC_MODEL_MIC, 2026, &b, &o);
    CHECK(o.renovated && o.remaining_life == 28);
}

static void
test_t_scores(void)
{
    struct assess_moments m = {0, 0, 0};
    double x[] = {10, 20, 30, 40, 50};
    int i;

    for (i = 0; i < 5; i++)
        assess_moments_add(&m, x[i]);
    /* mean 30, population SD sqrt(200) */
    CHECK_NUM(assess_t_score(&m, 50, 0), 50 + 10 * 20 / sqrt(200), 1e-9);
    CHECK_NUM(assess_t_score(&m, 50, 1), 50 - 10 * 20 / sqrt(200), 1e-9);
    CHECK_NUM(assess_t_score(&m, 30, 0), 50, 1e-9);
    CHECK_NUM(assess_t_score(&m, 10, 0), 50 - 10 * 20 / sqrt(200), 1e-9);
    /* no spread: everyone scores 50 */
    memset(&m, 0, sizeof m);
    for (i = 0; i < 5; i++)
        assess_moments_add(&m, 1234.5);
    CHECK_NUM(assess_t_score(&m, 1234.5, 0), 50, 0);
    CHECK(assess_lower_is_better(ASSESS_COST_PER_M2));
    CHECK(!assess_lower_is_better(ASSESS_UTILIZATION));
    /* by hand: {2, 4, 4, 4, 5, 5, 7, 9} has mean 5 and population SD 2
     * (the sample SD would be 2.138, T(9) = 68.7) */
    memset(&m, 0, sizeof m);
    {
        const double y[] = {2, 4, 4, 4, 5, 5, 7, 9};

        for (i = 0; i < 8; i++)
            assess_moments_add(&m, y[i]);
    }
    CHECK_NUM(assess_t_score(&m, 9, 0), 70, 1e-12);
    CHECK_NUM(assess_t_score(&m, 2, 0), 35, 1e-12);
    CHECK_NUM(assess_t_score(&m, 9, 1), 30, 1e-12);
    CHECK_NUM(assess_t_score(&m, 2, 1), 65, 1e-12);
    CHECK_NUM(assess_t_score(&m, 4, 1), 55, 1e-12);
    /* a group of one has no spread */
    memset(&m, 0, sizeof m);
    assess_moments_add(&m, 3);
    CHECK(assess_t_score(&m, 3, 1) == 50);
    CHECK(assess_lower_is_better(ASSESS_COST_PER_USER));
    CHECK(!assess_lower_is_better(ASSESS_USERS_PER_M2) &&
          !assess_lower_is_better(ASSESS_COST_RECOVERY));
}

/* A facility that is sound and well used, changed per case. */
static struct assess_facility
base(void)
{
    struct assess_facility f;

    memset(&f, 0, sizeof f);
    f.floor_area_m2 = 1000;
    f.hard = 80;
    f.soundness = 75;
    f.remaining_life = 30;
    f.main_age = 20;
    f.main_extendable = 1;
    f.has_soft = 1;
    f.soft = 55;
    f.has[ASSESS_UTILIZATION] = 1;
    f.indicator[ASSESS_UTILIZATION] = 70;
    f.policy = -1;
    f.repair_offered = 1;
    f.repair_pv = 100e6;
    f.rebuild_pv = 200e6;
    f.sell = f.lease = ASSESS_ALLOW_YES;
    f.utilization_cut = 40;
    return f;
}

struct rule_case {
    const char *name;
    struct assess_facility f;
    enum lcc_option decision;
    enum assess_rule rule;
    enum assess_tier tier;
    int consolidation;
};

static void
test_every_rule(void)
{
    const struct assess_params *ap = &defaults()->assess;
    struct rule_case c[56];
    size_t n = 0, i;
    char why[1024];

#define CASE(nm, mod, d, r, tr, cons)                                                              \
    do {                                                                                           \
        c[n].name = nm;                                                                            \
        c[n].f = base();                                                                           \
        {                                                                                          \
            struct assess_facility *f = &c[n].f;                                                   \
            (void)f;                                                                               \
            mod;                                                                                   \
        }                                                                                          \
        c[n].decision = d;                                                                         \
        c[n].rule = r;                                                                             \
        c[n].tier = tr;                                                                            \
        c[n].consolidation = cons;                                                                 \
        n++;                                                                                       \
    } while (0)
#define NONE    ASSESS_TIER_NONE
#define URGENT  ASSESS_TIER_URGENT
#define SERVICE ASSESS_TIER_SERVICE
#define TIMING  ASSESS_TIER_TIMING

    CASE("keep", (void)0, LCC_KEEP, ASSESS_R3_KEEP, NONE, 0);
    CASE("policy beats all", (f->policy = LCC_LEASE, f->hard = 10, f->closing = 1), LCC_LEASE,
         ASSESS_R1_POLICY, SERVICE, 0);
    CASE("closing", (f->closing = 1), LCC_SELL, ASSESS_R2_CLOSING, SERVICE, 0);
    /* 休止: a disposal candidate, let when sound, sold when not */
    CASE("suspended, sound", (f->suspended = 1), LCC_LEASE, ASSESS_R2_SUSPENDED, SERVICE, 0);
    CASE("suspended, unsound", (f->suspended = 1, f->hard = 30), LCC_SELL, ASSESS_R2_SUSPENDED,
         SERVICE, 0);
    CASE("suspended, not let", (f->suspended = 1, f->lease = ASSESS_ALLOW_NO), LCC_SELL,
         ASSESS_R2_SUSPENDED, SERVICE, 0);
    /* rule 4 by the money */
    CASE("hard low: repair", (f->hard = 40), LCC_REPAIR, ASSESS_R4_REPAIR, NONE, 0);
    CASE("hard low: repair dearer", (f->hard = 40, f->repair_pv = 300e6), LCC_REBUILD,
         ASSESS_R4_REBUILD, NONE, 0);
    CASE("hard low: repair = rebuild", (f->hard = 40, f->repair_pv = 200e6), LCC_REPAIR,
         ASSESS_R4_REPAIR, NONE, 0);
    CASE("hard low: repair not offered", (f->hard = 40, f->repair_offered = 0), LCC_REBUILD,
         ASSESS_R4_REBUILD, NONE, 0);
    CASE("remaining life 13", (f->remaining_life = 13), LCC_REPAIR, ASSESS_R4_REPAIR, NONE, 0);
    CASE("remaining life 17", (f->remaining_life = 17), LCC_KEEP, ASSESS_R3_KEEP, NONE, 0);
    CASE("seismic: urgent", (f->seismic_deficient = 1, f->repair_offered = 0), LCC_REBUILD,
         ASSESS_R4_REBUILD, URGENT, 0);
    CASE("健全度 D: urgent", (f->soundness = 30, f->hard = 40), LCC_REPAIR, ASSESS_R4_REPAIR,
         URGENT, 0);
    CASE("hard 47.9 is low", (f->hard = 47.9), LCC_REPAIR, ASSESS_R4_REPAIR, NONE, 0);
    /* a cut on a hair: the facility stays, and goes to review */
    CASE("hard 48.1: in the band", (f->hard = 48.1), LCC_KEEP, ASSESS_R3_KEEP, TIMING, 0);
    CASE("hard 48: the band's edge is in it", (f->hard = 48), LCC_KEEP, ASSESS_R3_KEEP, TIMING, 0);
    CASE("hard 51.9: in the band", (f->hard = 51.9), LCC_KEEP, ASSESS_R3_KEEP, TIMING, 0);
    CASE("remaining life 15: in the band", (f->remaining_life = 15), LCC_KEEP, ASSESS_R3_KEEP,
         TIMING, 0);
    CASE("band that decides nothing", (f->hard = 49, f->remaining_life = 5), LCC_REPAIR,
         ASSESS_R4_REPAIR, NONE, 0);
    /* quadrant Ⅱ: a young building receives, an old one is a source */
    CASE("soft low, young: receiver", (f->soft = 40), LCC_KEEP, ASSESS_R5_RECEIVER, SERVICE, 1);
    CASE("soft low, old: lease", (f->soft = 40, f->main_age = 40), LCC_LEASE, ASSESS_R5_LEASE,
         SERVICE, 1);
    CASE("soft low, old, not let", (f->soft = 40, f->main_age = 40, f->lease = ASSESS_ALLOW_NO),
         LCC_KEEP, ASSESS_R5_RECEIVER, SERVICE, 1);
    CASE("soft low, young, not let: a receiver, no type review",
         (f->soft = 40, f->lease = ASSESS_ALLOW_NO), LCC_KEEP, ASSESS_R5_RECEIVER, SERVICE, 1);
    CASE("soft 44, old: in the band", (f->soft = 44, f->main_age = 40), LCC_KEEP, ASSESS_R3_KEEP,
         SERVICE, 0);
    CASE("soft 44, young: the band decides nothing", (f->soft = 44), LCC_KEEP, ASSESS_R3_KEEP, NONE,
         0);
    CASE("utilization 36%", (f->indicator[ASSESS_UTILIZATION] = 36, f->main_age = 40), LCC_LEASE,
         ASSESS_R5_LEASE, SERVICE, 1);
    CASE("utilization 38%: in the band", (f->indicator[ASSESS_UTILIZATION] = 38, f->main_age = 40),
         LCC_KEEP, ASSESS_R3_KEEP, SERVICE, 0);
    CASE("utilization 37%: the band's edge",
         (f->indicator[ASSESS_UTILIZATION] = 37, f->main_age = 40), LCC_KEEP, ASSESS_R3_KEEP,
         SERVICE, 0);
    CASE("utilization 36.9%: low", (f->indicator[ASSESS_UTILIZATION] = 36.9, f->main_age = 40),
         LCC_LEASE, ASSESS_R5_LEASE, SERVICE, 1);
    CASE("utilization 10%, its type has no cut",
         (f->indicator[ASSESS_UTILIZATION] = 10, f->main_age = 40, f->utilization_cut = -1),
         LCC_KEEP, ASSESS_R3_KEEP, NONE, 0);
    CASE("soft low, essential", (f->soft = 40, f->essential = 1), LCC_KEEP,
         ASSESS_R5_ESSENTIAL_KEEP, SERVICE, 1);
    CASE("both low: sell", (f->soft = 40, f->hard = 30), LCC_SELL, ASSESS_R6_SELL, SERVICE, 1);
    CASE("both low, not sold: lease", (f->soft = 40, f->hard = 30, f->sell = ASSESS_ALLOW_NO),
         LCC_LEASE, ASSESS_R6_LEASE, SERVICE, 1);
    CASE("both low, sold after review", (f->soft = 40, f->hard = 30, f->sell = ASSESS_ALLOW_REVIEW),
         LCC_SELL, ASSESS_R6_SELL, SERVICE, 1);
    CASE("both low, essential: repair", (f->soft = 40, f->hard = 30, f->essential = 1), LCC_REPAIR,
         ASSESS_R6_ESSENTIAL_REPAIR, SERVICE, 1);
    CASE("both low, essential: rebuild",
         (f->soft = 40, f->hard = 30, f->essential = 1, f->repair_offered = 0), LCC_REBUILD,
         ASSESS_R6_ESSENTIAL_REBUILD, SERVICE, 1);
    CASE("no usage data", (f->has_soft = 0, f->has[ASSESS_UTILIZATION] = 0), LCC_KEEP,
         ASSESS_R3_KEEP, NONE, 0);
    CASE("no usage, hard low", (f->has_soft = 0, f->has[ASSESS_UTILIZATION] = 0, f->hard = 30),
         LCC_REPAIR, ASSESS_R4_REPAIR, NONE, 0);
    CASE("estimated input, hard low", (f->hard = 40, f->hard_estimated = 1), LCC_REPAIR,
         ASSESS_R4_REPAIR, TIMING, 0);
    CASE("old building leaves keep", (f->hard = 40, f->main_age = 30), LCC_REPAIR, ASSESS_R4_REPAIR,
         TIMING, 0);
    CASE("old building kept", (f->main_age = 45), LCC_KEEP, ASSESS_R3_KEEP, NONE, 0);
#undef NONE
#undef URGENT
#undef SERVICE
#undef TIMING
    for (i = 0; i < n; i++) {
        struct assess_result r;

        assess_decide(ap, &c[i].f, &r);
        if (!CHECK(r.decision == c[i].decision && r.rule == c[i].rule && r.tier == c[i].tier &&
                   r.review == (c[i].tier != ASSESS_TIER_NONE) &&
                   r.consolidation == c[i].consolidation))
            fprintf(stderr, "    %s: %s %s tier %s consolidation %d\n", c[i].name,
                    lcc_option_name(r.decision), assess_rule_name(r.rule),
                    assess_tier_name(r.tier) ? assess_tier_name(r.tier) : "-", r.consolidation);
        /* every reason names its decision */
        explain_reason(ap, &c[i].f, &r, "理由", KOYU_LANG_JA, why, sizeof why);
        CHECK(strstr(why, (const char *[]){"維持", "改修", "建替", "売却", "貸付"}[r.decision]) !=
              NULL);
    }
}

static void
test_reason_text(void)
{
    const struct assess_params *ap = &defaults()->assess;
    struct assess_facility f = base();
    struct assess_result r;
    char why[1024];

    /* the example: low use, poor condition, short life, not essential */
    f.indicator[ASSESS_UTILIZATION] = 23;
    f.soft = 38;
    f.soundness = 38;
    f.hard = 30;
    f.remaining_life = 6;
    assess_decide(ap, &f, &r);
    explain_reason(ap, &f, &r, NULL, KOYU_LANG_JA, why, sizeof why);
    CHECK(strstr(why, "健全度 38") != NULL);
    CHECK(strstr(why, "残耐用年数 6年（基準15年以下）") != NULL);
    CHECK(strstr(why, "稼働率 23%（基準40%未満）") != NULL);
    CHECK(strstr(why, "→ 機能 廃止・建物 売却（必須施設でない") != NULL);
    explain_reason(ap, &f, &r, NULL, KOYU_LANG_EN, why, sizeof why);
    CHECK(strstr(why, "utilization 23% (below 40%)") != NULL);
    CHECK(strstr(why, "→ function: abolish, building: sell (not essential") != NULL);
    /* rule 4 says which PV won */
    f = base();
    f.hard = 40;
    assess_decide(ap, &f, &r);
    explain_reason(ap, &f, &r, NULL, KOYU_LANG_JA, why, sizeof why);
    CHECK(strstr(why, "改修 PV 100百万円 ≤ 建替 PV 200百万円") != NULL);
    f.main_extendable = 0;
    f.repair_offered = 0;
    f.main_why_not = ASSESS_NOT_AGE;
    f.main_age = 55;
    assess_decide(ap, &f, &r);
    explain_reason(ap, &f, &r, NULL, KOYU_LANG_JA, why, sizeof why);
    CHECK(strstr(why, "長寿命化不可: 主たる棟 築55年・年数超過") != NULL);
    /* a planner's reason is kept */
    f = base();
    f.policy = LCC_SELL;
    assess_decide(ap, &f, &r);
    explain_reason(ap, &f, &r, "統合先が決定", KOYU_LANG_JA, why, sizeof why);
    CHECK_STR(why, "方針（policy.csv）: 統合先が決定 → 機能 廃止・建物 売却");
    /* quadrant Ⅱ, by age; a cut on a hair; the renovation counted; a type
     * that asks a review first */
    f = base();
    f.soft = 40;
    f.main_age = 12;
    assess_decide(ap, &f, &r);
    explain_reason(ap, &f, &r, NULL, KOYU_LANG_JA, why, sizeof why);
    CHECK(strstr(why, "→ 機能 維持・建物 維持（有効活用: 築12年の健全な建物・集約化・複合化の受け皿"
                      "として維持）") != NULL);
    f.main_age = 40;
    assess_decide(ap, &f, &r);
    explain_reason(ap, &f, &r, NULL, KOYU_LANG_JA, why, sizeof why);
    CHECK(strstr(why, "→ 機能 転用・建物 貸付（築40年・利用が低い: 集約化の移転元") != NULL);
    f.soft = 44.2;
    assess_decide(ap, &f, &r);
    explain_reason(ap, &f, &r, NULL, KOYU_LANG_JA, why, sizeof why);
    CHECK(
        strstr(why, "・ソフト 44.2 は基準線 45±2 の内: 判断は二次評価で → 機能 維持・建物 維持") !=
        NULL);
    CHECK(strstr(why, "基準45未満") == NULL);
    explain_reason(ap, &f, &r, NULL, KOYU_LANG_EN, why, sizeof why);
    CHECK(strstr(why, "soft score 44.2 is within 45 +/- 2 of its cut: decided in review") != NULL);
    f = base();
    f.renovated = 1;
    f.hard = 30;
    f.soft = 40;
    f.sell = ASSESS_ALLOW_REVIEW;
    assess_decide(ap, &f, &r);
    CHECK(r.decision == LCC_SELL && r.type_review && r.function == ASSESS_FN_ABOLISH);
    explain_reason(ap, &f, &r, NULL, KOYU_LANG_JA, why, sizeof why);
    CHECK(strstr(why, "・大規模改修後の健全な棟は目標使用年数 80年で評価") != NULL);
    CHECK(strstr(why, "・施設類型の方針により用途廃止等の検討が前提（types.csv）") != NULL);
    /* 休止 */
    f = base();
    f.suspended = 1;
    assess_decide(ap, &f, &r);
    explain_reason(ap, &f, &r, NULL, KOYU_LANG_JA, why, sizeof why);
    CHECK_STR(why, "状態 休止（処分の候補） → 機能 廃止・建物 貸付（建物は健全: 貸付を検討）");
    /* a source names where its use goes */
    f = base();
    f.soft = 40;
    f.main_age = 40;
    assess_decide(ap, &f, &r);
    r.function = ASSESS_FN_COMBINE;
    explain_reason(ap, &f, &r, NULL, KOYU_LANG_JA, why, sizeof why);
    explain_receiver("F00236", "昭和中央公民館", "combine", 27598.4, KOYU_LANG_JA, why, sizeof why);
    CHECK(strstr(why,
                 "→ 機能 複合化・建物 貸付（築40年・利用が低い: 集約化の移転元・転用や貸付を検討）"
                 "・複合化先 F00236 昭和中央公民館（同じ地区・受け皿の余力 年27,598人）") != NULL);
    explain_reason(ap, &f, &r, NULL, KOYU_LANG_EN, why, sizeof why);
    explain_receiver("F00236", "Showa hall", "combine", 27598.4, KOYU_LANG_EN, why, sizeof why);
    CHECK(
        strstr(why,
               "; combine into F00236 Showa hall (same district; room for 27,598 users a year)") !=
        NULL);
    /* a young receiver of a type that is not let is not flagged for the
     * type's review; an old one is */
    f = base();
    f.soft = 40;
    f.lease = ASSESS_ALLOW_NO;
    assess_decide(ap, &f, &r);
    CHECK(r.rule == ASSESS_R5_RECEIVER && !r.type_review);
    f.main_age = 40;
    assess_decide(ap, &f, &r);
    CHECK(r.rule == ASSESS_R5_RECEIVER && r.type_review);
    /* a small buffer is cut, never overrun */
    explain_reason(ap, &f, &r, "統合先が決定", KOYU_LANG_JA, why, 8);
    CHECK(strlen(why) < 8);
}

/* 集約化 before 複合化, worst building first, the most room first, each
 * receiver's room used once: by hand. */
static void
test_consolidation_match(void)
{
    /* district, group, category, source, users, room, hard */
    struct consol_facility f[10] = {
        {0, 1, 0, 0, 0, 1000, 80},  {0, 1, 0, 0, 0, 600, 80},  {0, 2, 1, 0, 0, 5000, 80},
        {1, 1, 0, 0, 0, 10000, 80}, {0, 1, 0, 1, 700, 0, 30},  {0, 1, 0, 1, 500, 0, 40},
        {0, 1, 0, 1, 400, 0, 20},   {0, 3, 0, 1, 2000, 0, 50}, {2, 1, 0, 1, 10, 0, 10},
        {-1, 1, 0, 1, 10, 0, 10},
    };
    unsigned combine[32] = {0};
    struct consol_match m[10];
    size_t n;

    combine[0] = 1u << 1; /* category 1 may receive category 0 */
    n = consol_match(f, 10, combine, m);
    CHECK(n == 4);
    /* 6 (hard 20) into 0, the most room; 4 (700) fits neither 0 nor 1 (600
     * each); 5 into 0 (the lower index of equals); then 複合化: 4 and 7 into
     * 2; 8 has no receiver in its district, 9 no district */
    CHECK(m[0].source == 6 && m[0].receiver == 0 && m[0].kind == CONSOL_CONSOLIDATE);
    CHECK_NUM(m[0].room_before, 1000, 0);
    CHECK(m[1].source == 5 && m[1].receiver == 0 && m[1].kind == CONSOL_CONSOLIDATE);
    CHECK_NUM(m[1].room_before, 600, 0);
    CHECK(m[2].source == 4 && m[2].receiver == 2 && m[2].kind == CONSOL_COMBINE);
    CHECK_NUM(m[2].room_before, 5000, 0);
    CHECK(m[3].source == 7 && m[3].receiver == 2 && m[3].kind == CONSOL_COMBINE);
    CHECK_NUM(m[3].room_before, 4300, 0);
    CHECK_NUM(f[0].room, 100, 0);
    CHECK_NUM(f[1].room, 600, 0);
    CHECK_NUM(f[2].room, 2300, 0);
    CHECK_NUM(f[3].room, 10000, 0);
    /* no compatible category: no 複合化 */
    {
        struct consol_facility g[2] = {{0, 2, 1, 0, 0, 5000, 80}, {0, 3, 0, 1, 10, 0, 10}};
        unsigned none[32] = {0};

        CHECK(consol_match(g, 2, none, m) == 0);
        CHECK(consol_match(g, 0, none, m) == 0);
    }
}

/* types.csv (施設類型別方針): what each type allows, resolved by 中分類
 * over category; bad cells and the table's old name are errors. */
static void
test_type_table(void)
{
    const struct params *p = defaults();
    const char *dir = tl_tmpdir("types");
    struct param_type_policy tp;
    char out[4096];

    params_type_policy(p, "集会施設", "civic_culture", &tp);
    CHECK(!tp.essential && tp.sell == ASSESS_ALLOW_YES && tp.lease == ASSESS_ALLOW_YES);
    CHECK_NUM(tp.utilization_cut, p->assess.utilization_low_pct, 0);
    /* 公営住宅 by its category, whatever its 中分類 */
    params_type_policy(p, "市営住宅", "公営住宅", &tp);
    CHECK(tp.sell == ASSESS_ALLOW_REVIEW && tp.lease == ASSESS_ALLOW_REVIEW);
    params_type_policy(p, "屋外スポーツ施設", "sports_recreation", &tp);
    CHECK(tp.utilization_cut < 0 && tp.sell == ASSESS_ALLOW_YES);
    params_type_policy(p, "学校施設", "school", &tp);
    CHECK(tp.essential);
    params_type_policy(p, NULL, "school", &tp);
    CHECK(tp.essential);
    /* a user's row changes only the cells it gives */
    tl_sh(out, sizeof out,
          "mkdir -p '%s/p' && printf 'group,sell,utilization_cut\n集会施設,no,30\n"
          "公営住宅,yes,\n' > '%s/p/types.csv'",
          dir, dir);
    {
        struct params q;
        struct diag d;
        char path[700];

        snprintf(path, sizeof path, "%s/p", dir);
        diag_init(&d, NULL, KOYU_LANG_EN, 10);
        CHECK(params_load(&q, path, &d) == KOYU_OK);
        params_type_policy(&q, "集会施設", "civic_culture", &tp);
        CHECK(tp.sell == ASSESS_ALLOW_NO && tp.lease == ASSESS_ALLOW_YES);
        CHECK_NUM(tp.utilization_cut, 30, 0);
        params_type_policy(&q, "公営住宅施設", "public_housing", &tp);
        CHECK(tp.sell == ASSESS_ALLOW_YES && tp.lease == ASSESS_ALLOW_REVIEW);
    }
    tl_sh(out, sizeof out,
          "printf 'group,sell,utilization_cut\n集会施設,maybe,\nスポーツ施設,,120\n'"
          " > '%s/p/types.csv'",
          dir);
    CHECK(tl_sh(out, sizeof out,
                "%s --lang en run --params '%s/p' --out '%s/o' --year 2026"
                " fixtures/cases/good",
                tl_koyu(), dir, dir) == 1);
    CHECK(strstr(out,
                 "types.csv:2: sell 'maybe' is not a valid value (expected yes | review | no)") !=
          NULL);
    CHECK(strstr(out, "types.csv:3: utilization_cut '120' is not a valid value"
                      " (expected 0 .. 100 | none)") != NULL);
    tl_sh(out, sizeof out,
          "rm '%s/p/types.csv' && printf 'group,essential\n集会施設,yes\n'"
          " > '%s/p/essential.csv'",
          dir, dir);
    CHECK(tl_sh(out, sizeof out,
                "%s run --params '%s/p' --out '%s/o' --year 2026"
                " fixtures/cases/good",
                tl_koyu(), dir, dir) == 1);
    CHECK(strstr(out, "essential.csv: このファイルは読まれなくなりました: types.csv に名前を変えて"
                      "ください") != NULL);
}

static void
test_golden_decisions(void)
{
    const char *dir = tl_tmpdir("assess-golden");
    char out[8192], got[8192], db[700];

    CHECK(tl_sh(out, sizeof out, "%s run --out '%s' --year 2026 fixtures/cases/assess", tl_koyu(),
                dir) == 0);
    CHECK(strstr(out, "仕分け: 維持 10（18,500 ㎡）、改修 1（1,000 ㎡）、建替 2（6,000 ㎡）、"
                      "売却 3（1,200 ㎡）、貸付 0（0 ㎡）。二次評価の対象 11"
                      "（緊急 5・サービス変更 5・時期確認 1）") != NULL);
    CHECK(
        tl_sh(
            got, sizeof got,
            "sqlite3 -csv '%s/koyu.db' \"SELECT facility_id, decision, rule, review"
            " FROM v_facility_result ORDER BY facility_id\" | diff - fixtures/cases/assess/expected.csv",
            dir) == 0);
    /* the group each soft score was taken in */
    snprintf(db, sizeof db, "%s/koyu.db", dir);
    CHECK_STR(tl_text(db,
                      "SELECT group_concat(DISTINCT soft_group_level) FROM facility_assessment"
                      " WHERE facility_id LIKE 'A%' AND soft_score IS NOT NULL",
                      got, sizeof got),
              "subcategory");
    CHECK_STR(tl_text(db,
                      "SELECT soft_group_level FROM facility_assessment"
                      " WHERE facility_id = 'S01'",
                      got, sizeof got),
              "benchmark");
    /* 文化施設 has two facilities: its category's group is used */
    CHECK_STR(tl_text(db,
                      "SELECT soft_group || ' ' || soft_group_level FROM facility_assessment"
                      " WHERE facility_id = 'C01'",
                      got, sizeof got),
              "civic_culture category");
    /* koyu assess gives the same from the stored inventory */
    CHECK(tl_sh(out, sizeof out, "%s assess --db '%s/koyu.db' --year 2026", tl_koyu(), dir) == 0);
    CHECK(
        tl_sh(
            got, sizeof got,
            "sqlite3 -csv '%s/koyu.db' \"SELECT facility_id, decision, rule, review"
            " FROM v_facility_result ORDER BY facility_id\" | diff - fixtures/cases/assess/expected.csv",
            dir) == 0);
}

/* The same inventory with its rows in reverse order decides the same. */
static void
test_row_order(void)
{
    const char *q = "SELECT facility_id, decision, rule, review, hard_score,"
                    " soft_score"
                    " FROM v_facility_result ORDER BY facility_id";
    char out[4096], a[600], b[600];

    snprintf(a, sizeof a, "%s", tl_tmpdir("order-a"));
    snprintf(b, sizeof b, "%s", tl_tmpdir("order-b"));
    CHECK(tl_sh(out, sizeof out,
                "mkdir -p '%s/inv' && for f in facilities buildings usage; do"
                " { head -1 fixtures/kushiro-like/$f.csv; tail -n +2 fixtures/kushiro-like/$f.csv"
                " | sort -r; } > '%s/inv/'$f.csv; done",
                b, b) == 0);
    CHECK(tl_sh(out, sizeof out, "%s run --out '%s' --year 2026 fixtures/kushiro-like", tl_koyu(),
                a) == 0);
    CHECK(tl_sh(out, sizeof out, "%s run --out '%s' --year 2026 '%s/inv'", tl_koyu(), b, b) == 0);
    CHECK(
        tl_sh(out, sizeof out,
              "sqlite3 '%s/koyu.db' \"%s\" > '%s/a.txt' && sqlite3 '%s/koyu.db' \"%s\" > '%s/b.txt'"
              " && cmp '%s/a.txt' '%s/b.txt' && test $(wc -l < '%s/a.txt') -eq 547",
              a, q, a, b, q, b, a, b, a) == 0);
}

static void
test_policy_file(void)
{
    const char *dir = tl_tmpdir("policy");
    char out[8192], db[700];

    tl_sh(out, sizeof out,
          "cp fixtures/cases/good/*.csv '%s'/ &&"
          " printf '施設番号,方針,理由\\nF001,売却,統合\\nF999,維持,\\nF002,移転,\\nF001,貸付,\\n'"
          " > '%s/policy.csv'",
          dir, dir);
    CHECK(tl_sh(out, sizeof out, "%s --lang en check --year 2026 '%s'", tl_koyu(), dir) == 1);
    CHECK(strstr(out, "policy.csv:3: 施設番号 'F999' is not a facility in facilities.csv") != NULL);
    CHECK(strstr(out, "policy.csv:4: 方針 '移転' is not an allowed value") != NULL);
    CHECK(strstr(out, "policy.csv:5: 施設番号 'F001' is a duplicate (first at line 2)") != NULL);
    tl_sh(out, sizeof out,
          "printf 'facility_id,decision,reason\\nF001,sell,統合\\n' > '%s/policy.csv'", dir);
    CHECK(tl_sh(out, sizeof out, "%s run --out '%s/o' --year 2026 '%s'", tl_koyu(), dir, dir) == 0);
    snprintf(db, sizeof db, "%s/o/koyu.db", dir);
    CHECK_STR(tl_text(db,
                      "SELECT decision || ' ' || rule FROM v_facility_result"
                      " WHERE facility_id = 'F001'",
                      out, sizeof out),
              "sell R1_policy");
    /* the reason, written in the workbook from the stored rule and the
     * planner's text */
    CHECK(tl_sh(out, sizeof out,
                "python3 tests/xlsx_check.py '%s/o/assessment-2026.xlsx'"
                " --cell '施設一覧!S2'",
                dir) == 0);
    CHECK_STR(out, "ok\nS2=方針（policy.csv）: 統合 → 機能 廃止・建物 売却\n");
    /* 実施年度: a plan's year, from the base year to 99 years after it */
    tl_sh(out, sizeof out,
          "printf '施設番号,方針,理由,実施年度\\nF001,売却,統合,R20\\nF002,維持,,2025\\n"
          "F003,維持,,2126\\nF004,貸付,,2125\\n' > '%s/policy.csv'",
          dir);
    CHECK(tl_sh(out, sizeof out, "%s --lang en check --year 2026 '%s'", tl_koyu(), dir) == 1);
    CHECK(strstr(out, "policy.csv:3: 実施年度 '2025' is outside 2026–2125") != NULL);
    CHECK(strstr(out, "policy.csv:4: 実施年度 '2126' is outside 2026–2125") != NULL);
    CHECK(strstr(out, ":2:") == NULL && strstr(out, ":5:") == NULL);
    tl_sh(out, sizeof out,
          "printf '施設番号,方針,理由,実施年度\\nF001,売却,統合,R20\\n' > '%s/policy.csv'", dir);
    CHECK(tl_sh(out, sizeof out,
                "%s run --quiet --no-uncertainty --out '%s/o2' --year 2026"
                " --scenario reduce20 '%s'",
                tl_koyu(), dir, dir) == 0);
    CHECK(tl_sh(out, sizeof out,
                "sqlite3 '%s/o2/koyu.db' \"SELECT target_year FROM policies;"
                " SELECT exit_year FROM reduction_exits WHERE facility_id = 'F001'\"",
                dir) == 0);
    CHECK_STR(out, "2038\n2038\n");
}

void
suite_assess(void)
{
    RUN(test_soundness);
    RUN(test_building_hard);
    RUN(test_t_scores);
    RUN(test_every_rule);
    RUN(test_reason_text);
}

/* The assessment through the command line and the database. */
void
suite_assess_run(void)
{
    RUN(test_consolidation_match);
    RUN(test_type_table);
    RUN(test_golden_decisions);
    RUN(test_row_order);
    RUN(test_policy_file);
}
