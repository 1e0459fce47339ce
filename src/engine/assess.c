/* assess.c - hard and soft scores, the sorting rules and their reasons. */
#include "koyu/engine/assess.h"

#include <math.h>
#include <string.h>

static const char *const assess_rule_names[ASSESS_RULE__COUNT] = {
    "R1_policy", "R2_closing",        "R3_keep", "R4_repair",           "R4_rebuild",
    "R5_lease",  "R5_essential_keep", "R6_sell", "R6_essential_repair", "R6_essential_rebuild",
};
static const char *const assess_level_names[] = {"subcategory", "category", "all"};

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

int
assess_lower_is_better(enum assess_indicator i)
{
    return i == ASSESS_COST_PER_M2 || i == ASSESS_COST_PER_USER;
}

/* ---- sorting ---- */

/* Rule 4's choice: repair when the main building can be extended and the
 * repair option costs no more than rebuilding. */
static enum lcc_option
assess_rule4(const struct assess_facility *f)
{
    /* by the money, where repair is offered at all */
    return f->main_extendable && f->repair_pv <= f->rebuild_pv ? LCC_REPAIR : LCC_REBUILD;
}

void
assess_decide(const struct assess_params *ap, const struct assess_facility *f,
              struct assess_result *r)
{
    int utilization_low =
        f->has[ASSESS_UTILIZATION] && f->indicator[ASSESS_UTILIZATION] < ap->utilization_low_pct;

    memset(r, 0, sizeof *r);
    r->hard_low = f->hard < ap->hard_low_below ||
                  f->remaining_life <= ap->remaining_life_low_years || f->seismic_deficient;
    r->soft_low = f->has_soft && (f->soft < ap->soft_low_below || utilization_low);
    r->quadrant = r->hard_low ? (r->soft_low ? 4 : 3) : (r->soft_low ? 2 : 1);
    if (f->policy >= 0 && f->policy < LCC_OPTION__COUNT) {
        r->decision = (enum lcc_option)f->policy;
        r->rule = ASSESS_R1_POLICY;
    } else if (f->closing) {
        r->decision = LCC_SELL;
        r->rule = ASSESS_R2_CLOSING;
    } else if (!r->hard_low && !r->soft_low) {
        r->decision = LCC_KEEP;
        r->rule = ASSESS_R3_KEEP;
    } else if (r->hard_low && !r->soft_low) {
        r->decision = assess_rule4(f);
        r->rule = r->decision == LCC_REPAIR ? ASSESS_R4_REPAIR : ASSESS_R4_REBUILD;
    } else if (!r->hard_low) {
        r->decision = f->essential ? LCC_KEEP : LCC_LEASE;
        r->rule = f->essential ? ASSESS_R5_ESSENTIAL_KEEP : ASSESS_R5_LEASE;
        r->consolidation = f->essential;
    } else if (f->essential) {
        r->decision = assess_rule4(f);
        r->rule =
            r->decision == LCC_REPAIR ? ASSESS_R6_ESSENTIAL_REPAIR : ASSESS_R6_ESSENTIAL_REBUILD;
        r->consolidation = 1;
    } else {
        r->decision = LCC_SELL;
        r->rule = ASSESS_R6_SELL;
    }
    /* 二次評価: both low, estimated or missing inputs that could have
     * decided it, an older building leaving "keep", essential conflicts */
    r->review = (r->hard_low && r->soft_low) || !f->has_soft ||
                (r->hard_low && f->hard_estimated) ||
                (f->main_age >= ap->review_age && r->decision != LCC_KEEP) || r->consolidation;
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
    return (unsigned)l <= ASSESS_ALL ? assess_level_names[l] : "?";
}
