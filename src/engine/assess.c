/* assess.c - hard and soft scores, the sorting rules and their reasons. */
#include "koyu/engine/assess.h"

#include <math.h>
#include <string.h>

static const char *const assess_rule_names[ASSESS_RULE__COUNT] = {
    "R1_policy",
    "R2_closing",
    "R2_suspended",
    "R3_keep",
    "R4_repair",
    "R4_rebuild",
    "R5_lease",
    "R5_essential_keep",
    "R5_receiver",
    "R6_sell",
    "R6_lease",
    "R6_essential_repair",
    "R6_essential_rebuild",
};
static const char *const assess_level_names[] = {"subcategory", "category", "benchmark"};
static const char *const assess_tier_names[ASSESS_TIER__COUNT] = {NULL, "urgent", "service",
                                                                  "timing"};
static const char *const assess_function_names[ASSESS_FN__COUNT] = {
    "keep", "consolidate", "combine", "convert", "abolish"};

/* ---- hard ---- */

double
assess_soundness(const struct assess_params *ap, const char grades[5], int *partial)
{
    double sum = 0, weights = 0;
    int i, given = 0;

    for (i = 0; i < 5; i++) {
        if (grades[i] < 'A' || grades[i] > 'D')
            continue;
        sum += ap->grade_points[grades[i] - 'A'] * ap->element_weights[i];
        weights += ap->element_weights[i];
        given++;
    }
    *partial = given > 0 && given < 5;
    return given ? sum / weights : -1;
}

void
assess_building(const struct assess_params *ap, const struct lcc_params *lp, enum lcc_model m,
                int y0, const struct assess_building_in *b, struct assess_building_out *o)
{
    memset(o, 0, sizeof *o);
    o->age = y0 - b->lcc.built_year + lp->age_offset;
    o->soundness = assess_soundness(ap, b->grades, &o->soundness_partial);
    if (o->soundness < 0) {
        /* no survey: by age, as plans without a 劣化状況調査 do (docs/method.md §6.3) */
        o->soundness_estimated = 1;
        o->soundness = o->age < ap->young_age ? ap->young_points
                       : o->age < ap->mid_age ? ap->mid_points
                                              : ap->old_points;
    }
    o->target_life = lcc_target_life(lp, m, &b->lcc, y0);
    /* a recent renovation, and a survey that finds it sound, count in its
     * life: its age alone does not send it to 改修 or 建替 */
    if (b->lcc.renovated_year > b->lcc.built_year &&
        y0 - b->lcc.renovated_year < ap->renovated_within_years && !o->soundness_estimated &&
        o->soundness >= ap->renovated_sound_points && ap->renovated_life_years > o->target_life) {
        o->target_life = ap->renovated_life_years;
        o->renovated = 1;
    }
    o->remaining_life = o->target_life - o->age > 0 ? o->target_life - o->age : 0;
    o->remaining_share = o->target_life > 0 ? (double)o->remaining_life / o->target_life : 0;
    if (b->seismic_known) {
        o->seismic_deficient = b->lcc.seismic_deficient;
    } else {
        o->seismic_derived = 1;
        o->seismic_deficient = b->lcc.built_year < ap->seismic_new_from_year;
    }
    o->hard = ap->hard_weights[0] * o->soundness +
              ap->hard_weights[1] * 100.0 * o->remaining_share +
              ap->hard_weights[2] * (o->seismic_deficient ? 0.0 : 100.0);
}

/* ---- soft ---- */

void
assess_moments_add(struct assess_moments *m, double x)
{
    m->n += 1;
    m->sum += x;
    m->sumsq += x * x;
}

double
assess_t_score(const struct assess_moments *m, double x, int lower_is_better)
{
    double mean, var, z;

    if (m->n <= 0)
        return 50;
    mean = m->sum / m->n;
    var = m->sumsq / m->n - mean * mean; /* population variance (STDEV.P) */
    /* no spread (up to rounding of the sums): everyone is average */
    if (!(var > 1e-12 * (mean * mean + 1)))
        return 50;
    z = (x - mean) / sqrt(var);
    return 50 + 10 * (lower_is_better ? -z : z);
}

double
assess_t_benchmark(double mean, double sd, double x, int lower_is_better)
{
    const double z = sd > 0 ? (x - mean) / sd : 0;

    return 50 + 10 * (lower_is_better ? -z : z);
}

int
assess_lower_is_better(enum assess_indicator i)
{
    return i == ASSESS_COST_PER_M2 || i == ASSESS_COST_PER_USER;
}

/* ---- sorting ---- */

/* Rule 4's choice, by the money: repair where it is offered and costs no
 * more than rebuilding. */
static enum lcc_option
assess_rule4(const struct assess_facility *f)
{
    return f->repair_offered && f->repair_pv <= f->rebuild_pv ? LCC_REPAIR : LCC_REBUILD;
}

/* Whether x stands within band of cut, its edges included (band 0: never). */
static int
assess_near(double x, double cut, double band)
{
    return band > 0 && fabs(x - cut) <= band;
}

/* The disposal a type allows: sell, else lease; *review when its policy
 * asks for one first. */
static enum lcc_option
assess_dispose(const struct assess_facility *f, enum lcc_option first, int *review)
{
    const enum lcc_option other = first == LCC_SELL ? LCC_LEASE : LCC_SELL;
    const enum assess_allow a = first == LCC_SELL ? f->sell : f->lease;
    const enum assess_allow b = first == LCC_SELL ? f->lease : f->sell;

    if (a != ASSESS_ALLOW_NO) {
        *review |= a == ASSESS_ALLOW_REVIEW;
        return first;
    }
    *review |= b == ASSESS_ALLOW_REVIEW;
    return b != ASSESS_ALLOW_NO ? other : LCC_OPTION__COUNT;
}

/* The rules, given which axes are low: decision, rule, receiver and
 * whether the type's policy asks a review. */
static void
assess_sort(const struct assess_params *ap, const struct assess_facility *f, int hard_low,
            int soft_low, struct assess_result *r, int *policy_review)
{
    enum lcc_option d;

    r->receiver = 0;
    *policy_review = 0;
    if (f->policy >= 0 && f->policy < LCC_OPTION__COUNT) {
        r->decision = (enum lcc_option)f->policy;
        r->rule = ASSESS_R1_POLICY;
    } else if (f->closing) {
        r->decision = LCC_SELL;
        r->rule = ASSESS_R2_CLOSING;
    } else if (f->suspended && (d = assess_dispose(f, hard_low ? LCC_SELL : LCC_LEASE,
                                                   policy_review)) != LCC_OPTION__COUNT) {
        /* out of service: a sound building can be let, an unsound one sold */
        r->decision = d;
        r->rule = ASSESS_R2_SUSPENDED;
    } else if (!hard_low && !soft_low) {
        r->decision = LCC_KEEP;
        r->rule = ASSESS_R3_KEEP;
    } else if (hard_low && !soft_low) {
        r->decision = assess_rule4(f);
        r->rule = r->decision == LCC_REPAIR ? ASSESS_R4_REPAIR : ASSESS_R4_REBUILD;
    } else if (!hard_low) {
        /* 有効活用: a young sound building is where others' use can go; an
         * old one is where use leaves from */
        if (f->essential) {
            r->decision = LCC_KEEP;
            r->rule = ASSESS_R5_ESSENTIAL_KEEP;
            r->receiver = 1;
        } else if (f->main_age < ap->receiver_max_age || f->lease == ASSESS_ALLOW_NO) {
            /* (an old one of a type that is not let stays, for review) */
            *policy_review = f->main_age >= ap->receiver_max_age;
            r->decision = LCC_KEEP;
            r->rule = ASSESS_R5_RECEIVER;
            r->receiver = 1;
        } else {
            *policy_review = f->lease == ASSESS_ALLOW_REVIEW;
            r->decision = LCC_LEASE;
            r->rule = ASSESS_R5_LEASE;
        }
    } else if (f->essential ||
               (d = assess_dispose(f, LCC_SELL, policy_review)) == LCC_OPTION__COUNT) {
        r->decision = assess_rule4(f);
        r->rule =
            r->decision == LCC_REPAIR ? ASSESS_R6_ESSENTIAL_REPAIR : ASSESS_R6_ESSENTIAL_REBUILD;
        r->receiver = 1;
    } else {
        r->decision = d;
        r->rule = d == LCC_SELL ? ASSESS_R6_SELL : ASSESS_R6_LEASE;
    }
}

void
assess_decide(const struct assess_params *ap, const struct assess_facility *f,
              struct assess_result *r)
{
    /* the 稼働率 cut applies where the type has one, whether or not the
     * indicator is scored */
    const int has_util = f->has[ASSESS_UTILIZATION] && f->utilization_cut >= 0;
    const double util = f->indicator[ASSESS_UTILIZATION];
    int hard_firm, hard_near, soft_firm, soft_near, policy_review = 0;
    unsigned near = 0;

    memset(r, 0, sizeof *r);
    /* a cut decides only outside its band: inside, the facility stays on
     * the side of "not low", and goes to review when the other side would
     * have changed its decision */
    if (assess_near(f->hard, ap->hard_low_below, ap->hard_band))
        near |= ASSESS_NEAR_HARD;
    if (assess_near(f->remaining_life, ap->remaining_life_low_years, ap->remaining_life_band_years))
        near |= ASSESS_NEAR_REMAINING;
    if (f->has_soft && assess_near(f->soft, ap->soft_low_below, ap->soft_band))
        near |= ASSESS_NEAR_SOFT;
    if (f->has_soft && has_util && assess_near(util, f->utilization_cut, ap->utilization_band))
        near |= ASSESS_NEAR_UTILIZATION;
    hard_firm =
        (f->hard < ap->hard_low_below && !(near & ASSESS_NEAR_HARD)) ||
        (f->remaining_life <= ap->remaining_life_low_years && !(near & ASSESS_NEAR_REMAINING)) ||
        f->seismic_deficient;
    hard_near = near & (ASSESS_NEAR_HARD | ASSESS_NEAR_REMAINING);
    soft_firm = f->has_soft &&
                ((f->soft < ap->soft_low_below && !(near & ASSESS_NEAR_SOFT)) ||
                 (has_util && util < f->utilization_cut && !(near & ASSESS_NEAR_UTILIZATION)));
    soft_near = near & (ASSESS_NEAR_SOFT | ASSESS_NEAR_UTILIZATION);
    r->hard_low = hard_firm;
    r->soft_low = soft_firm;
    r->quadrant = r->hard_low ? (r->soft_low ? 4 : 3) : (r->soft_low ? 2 : 1);
    r->function = ASSESS_FN_KEEP;
    assess_sort(ap, f, r->hard_low, r->soft_low, r, &policy_review);
    if (near) {
        struct assess_result alt = *r;
        int ignored;

        /* a band matters only where its other side decides otherwise */
        if (hard_near && !hard_firm) {
            assess_sort(ap, f, 1, soft_firm, &alt, &ignored);
            if (alt.decision != r->decision)
                r->near |= near & (ASSESS_NEAR_HARD | ASSESS_NEAR_REMAINING);
        }
        if (soft_near && !soft_firm) {
            alt = *r;
            assess_sort(ap, f, hard_firm, 1, &alt, &ignored);
            if (alt.decision != r->decision)
                r->near |= near & (ASSESS_NEAR_SOFT | ASSESS_NEAR_UTILIZATION);
        }
    }
    /* the function apart from the building: a source's use ends (or moves,
     * once a receiver is found); a building let stays in another use */
    if (r->rule == ASSESS_R5_LEASE)
        r->function = ASSESS_FN_CONVERT;
    else if (r->decision == LCC_SELL || r->decision == LCC_LEASE)
        r->function = ASSESS_FN_ABOLISH;
    r->consolidation = r->receiver || r->rule == ASSESS_R5_LEASE || r->rule == ASSESS_R6_SELL ||
                       r->rule == ASSESS_R6_LEASE;
    /* 二次評価, most urgent first */
    if (f->seismic_deficient || f->soundness < ap->urgent_soundness_below)
        r->tier = ASSESS_TIER_URGENT;
    else if (r->decision == LCC_SELL || r->decision == LCC_LEASE || r->consolidation ||
             policy_review || (r->near & (ASSESS_NEAR_SOFT | ASSESS_NEAR_UTILIZATION)))
        r->tier = ASSESS_TIER_SERVICE;
    else if (((r->decision == LCC_REPAIR || r->decision == LCC_REBUILD) &&
              f->main_age >= ap->review_age) ||
             (r->near & (ASSESS_NEAR_HARD | ASSESS_NEAR_REMAINING)) ||
             (r->hard_low && f->hard_estimated))
        r->tier = ASSESS_TIER_TIMING;
    r->review = r->tier != ASSESS_TIER_NONE;
    r->type_review = policy_review;
}

/* ---- names ---- */

const char *
assess_rule_name(enum assess_rule r)
{
    return (unsigned)r < ASSESS_RULE__COUNT ? assess_rule_names[r] : "?";
}

int
assess_rule_from_name(const char *name)
{
    int r;

    for (r = 0; name && r < ASSESS_RULE__COUNT; r++)
        if (strcmp(name, assess_rule_names[r]) == 0)
            return r;
    return -1;
}

const char *
assess_level_name(enum assess_level l)
{
    return (unsigned)l <= ASSESS_BENCHMARK ? assess_level_names[l] : "?";
}

const char *
assess_tier_name(enum assess_tier t)
{
    return (unsigned)t < ASSESS_TIER__COUNT ? assess_tier_names[t] : NULL;
}

int
assess_tier_from_name(const char *name)
{
    int t;

    for (t = 1; name && t < ASSESS_TIER__COUNT; t++)
        if (strcmp(name, assess_tier_names[t]) == 0)
            return t;
    return -1;
}

const char *
assess_function_name(enum assess_function f)
{
    return (unsigned)f < ASSESS_FN__COUNT ? assess_function_names[f] : "?";
}

int
assess_function_from_name(const char *name)
{
    int f;

    for (f = 0; name && f < ASSESS_FN__COUNT; f++)
        if (strcmp(name, assess_function_names[f]) == 0)
            return f;
    return -1;
}
