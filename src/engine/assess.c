/* assess.c - hard and soft scores, the sorting rules and their reasons. */
#include "koyu/engine/assess.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "koyu/core/text.h"

static const char *const assess_rule_names[ASSESS_RULE__COUNT] = {
    "R1_policy", "R2_closing",          "R3_keep",
    "R4_repair", "R4_rebuild",          "R5_lease",
    "R5_essential_keep", "R6_sell",     "R6_essential_repair",
    "R6_essential_rebuild",
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
        /* no survey: by age, as plans without a 劣化状況調査 do (§3.1) */
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
    return f->main_extendable && f->repair_pv <= f->rebuild_pv ? LCC_REPAIR : LCC_REBUILD;
}

void
assess_decide(const struct assess_params *ap, const struct assess_facility *f,
              struct assess_result *r)
{
    int utilization_low = f->has[ASSESS_UTILIZATION] &&
                          f->indicator[ASSESS_UTILIZATION] < ap->utilization_low_pct;

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
        r->rule = r->decision == LCC_REPAIR ? ASSESS_R6_ESSENTIAL_REPAIR
                                               : ASSESS_R6_ESSENTIAL_REBUILD;
        r->consolidation = 1;
    } else {
        r->decision = LCC_SELL;
        r->rule = ASSESS_R6_SELL;
    }
    /* 二次評価: both low, estimated or missing inputs that could have
     * decided it, an older building leaving "keep", essential conflicts */
    r->review = (r->hard_low && r->soft_low) || !f->has_soft ||
                (r->hard_low && f->hard_estimated) ||
                (f->main_age >= ap->review_age && r->decision != LCC_KEEP) ||
                r->consolidation;
}

/* ---- reasons ---- */

struct assess_buf {
    char *p;
    size_t size, len;
};

static void
assess_put(struct assess_buf *b, const char *s)
{
    size_t n = strlen(s);

    if (b->len + 1 >= b->size)
        return;
    if (n > b->size - 1 - b->len)
        n = b->size - 1 - b->len;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

/* Appends a part, with "・" (", ") between parts. */
static void
assess_part(struct assess_buf *b, int *parts, enum koyu_lang lang, const char *s)
{
    if ((*parts)++)
        assess_put(b, lang == KOYU_LANG_EN ? ", " : "・");
    assess_put(b, s);
}

/* The figures behind a low hard score, then behind a low soft score. */
static void
assess_reason_scores(const struct assess_params *ap, const struct assess_facility *f,
                     const struct assess_result *r, enum koyu_lang lang, struct assess_buf *b,
                     int *parts)
{
    int en = lang == KOYU_LANG_EN;
    char s[160];

    if (r->hard_low) {
        snprintf(s, sizeof s, en ? "condition %.0f%s" : "健全度 %.0f%s", f->soundness,
                 f->hard_estimated ? (en ? " (estimated)" : "（推計を含む）") : "");
        assess_part(b, parts, lang, s);
        if (f->remaining_life <= ap->remaining_life_low_years) {
            snprintf(s, sizeof s,
                     en ? "remaining life %.0f years (%d or less)"
                        : "残耐用年数 %.0f年（基準%d年以下）",
                     f->remaining_life, ap->remaining_life_low_years);
            assess_part(b, parts, lang, s);
        }
        if (f->seismic_deficient)
            assess_part(b, parts, lang, en ? "not seismically sound" : "耐震性不足");
        if (f->hard < ap->hard_low_below) {
            snprintf(s, sizeof s, en ? "hard score %.1f (below %.0f)" : "ハード %.1f（基準%.0f未満）",
                     f->hard, ap->hard_low_below);
            assess_part(b, parts, lang, s);
        }
    }
    if (r->soft_low) {
        if (f->has[ASSESS_UTILIZATION] &&
            f->indicator[ASSESS_UTILIZATION] < ap->utilization_low_pct) {
            snprintf(s, sizeof s, en ? "utilization %.0f%% (below %.0f%%)" : "稼働率 %.0f%%（基準%.0f%%未満）",
                     f->indicator[ASSESS_UTILIZATION], ap->utilization_low_pct);
            assess_part(b, parts, lang, s);
        }
        if (f->soft < ap->soft_low_below) {
            snprintf(s, sizeof s, en ? "soft score %.1f (below %.0f)" : "ソフト %.1f（基準%.0f未満）",
                     f->soft, ap->soft_low_below);
            assess_part(b, parts, lang, s);
        }
    }
}

char *
assess_reason(const struct assess_params *ap, const struct assess_facility *f,
              const struct assess_result *r, const char *policy_reason, enum koyu_lang lang,
              char *buf, size_t size)
{
    struct assess_buf b = {buf, size, 0};
    int en = lang == KOYU_LANG_EN, parts = 0;
    static const char *const ja_words[] = {"維持", "改修", "建替", "売却", "貸付"};
    const char *word = en ? lcc_option_name(r->decision) : ja_words[r->decision];
    char s[256], pv1[64], pv2[64];

    if (size == 0)
        return buf;
    buf[0] = '\0';
    switch (r->rule) {
    case ASSESS_R1_POLICY:
        snprintf(s, sizeof s, en ? "planner's policy (policy.csv)%s%s" : "方針（policy.csv）%s%s",
                 policy_reason && *policy_reason ? ": " : "",
                 policy_reason ? policy_reason : "");
        assess_part(&b, &parts, lang, s);
        break;
    case ASSESS_R2_CLOSING:
        assess_part(&b, &parts, lang, en ? "status: to be closed" : "状態 廃止予定");
        break;
    case ASSESS_R3_KEEP:
        if (f->has_soft)
            snprintf(s, sizeof s,
                     en ? "hard %.1f, soft %.1f (both at or above the cut lines)"
                        : "ハード %.1f・ソフト %.1f（いずれも基準以上）",
                     f->hard, f->soft);
        else
            snprintf(s, sizeof s,
                     en ? "hard %.1f (at or above the cut lines); no usage data"
                        : "ハード %.1f（基準以上）・利用・コストのデータなし",
                     f->hard);
        assess_part(&b, &parts, lang, s);
        break;
    default:
        assess_reason_scores(ap, f, r, lang, &b, &parts);
        if (!f->has_soft)
            assess_part(&b, &parts, lang, en ? "no usage data" : "利用・コストのデータなし");
        break;
    }
    assess_put(&b, " → ");
    assess_put(&b, word);
    text_format_number(f->repair_pv / 1e6, 0, pv1, sizeof pv1);
    text_format_number(f->rebuild_pv / 1e6, 0, pv2, sizeof pv2);
    s[0] = '\0';
    switch (r->rule) {
    case ASSESS_R4_REPAIR:
    case ASSESS_R6_ESSENTIAL_REPAIR:
        snprintf(s, sizeof s,
                 en ? " (can be extended; repair PV %s M yen <= rebuild PV %s M yen%s)"
                    : "（長寿命化可・改修 PV %s百万円 ≤ 建替 PV %s百万円%s）",
                 pv1, pv2,
                 r->consolidation ? (en ? "; essential: consider consolidation"
                                        : "・必須施設のため集約化・複合化を検討")
                                  : "");
        break;
    case ASSESS_R4_REBUILD:
    case ASSESS_R6_ESSENTIAL_REBUILD:
        if (!f->main_extendable) {
            char why[128] = "";

            snprintf(why, sizeof why, "%s%s%s",
                     f->main_why_not & ASSESS_NOT_AGE ? (en ? ", over the age limit" : "・年数超過") : "",
                     f->main_why_not & ASSESS_NOT_STRUCTURE ? (en ? ", structure" : "・構造") : "",
                     f->main_why_not & ASSESS_NOT_SEISMIC ? (en ? ", not retrofitted" : "・旧耐震未補強") : "");
            snprintf(s, sizeof s,
                     en ? " (cannot be extended: main building %d years old%s%s)"
                        : "（長寿命化不可: 主たる棟 築%d年%s%s）",
                     f->main_age, why,
                     r->consolidation ? (en ? "; essential: consider consolidation"
                                            : "・必須施設のため集約化・複合化を検討")
                                      : "");
        } else
            snprintf(s, sizeof s,
                     en ? " (repair PV %s M yen > rebuild PV %s M yen%s)"
                        : "（改修 PV %s百万円 > 建替 PV %s百万円%s）",
                     pv1, pv2,
                     r->consolidation ? (en ? "; essential: consider consolidation"
                                            : "・必須施設のため集約化・複合化を検討")
                                      : "");
        break;
    case ASSESS_R5_LEASE:
        snprintf(s, sizeof s, en ? " (not essential; consider conversion or lease)"
                                 : "（必須施設でない・転用や貸付を検討）");
        break;
    case ASSESS_R5_ESSENTIAL_KEEP:
        snprintf(s, sizeof s, en ? " (essential; consider consolidation)"
                                 : "（必須施設・集約化・複合化を検討）");
        break;
    case ASSESS_R6_SELL:
        snprintf(s, sizeof s, en ? " (not essential; sale, transfer or trust)"
                                 : "（必須施設でない・売却、譲渡または信託を検討）");
        break;
    default:
        break;
    }
    assess_put(&b, s);
    return buf;
}

/* ---- names ---- */

const char *
assess_rule_name(enum assess_rule r)
{
    return (unsigned)r < ASSESS_RULE__COUNT ? assess_rule_names[r] : "?";
}

const char *
assess_level_name(enum assess_level l)
{
    return (unsigned)l <= ASSESS_ALL ? assess_level_names[l] : "?";
}
