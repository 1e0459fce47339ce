/* explain.c - reasons written from stored figures (explain.h). */
#include "koyu/report/explain.h"

#include <math.h>
#include <string.h>

#include "koyu/core/msg.h"
#include "koyu/core/text.h"
#include "koyu/core/vocab.h"
#include "koyu/engine/level.h"

/* Appends a part, with the separator between parts. */
static void
explain_part(char *buf, size_t size, int *parts, enum koyu_lang lang, const char *s)
{
    if ((*parts)++)
        msg_append(buf, size, lang, MSG_REASON_SEP);
    strncat(buf, s, size - strnlen(buf, size) - 1);
}

/* Whether x stands within band of cut, where a cut does not decide. */
static int
explain_in_band(double x, double cut, double band)
{
    return band > 0 && fabs(x - cut) <= band;
}

/* The figures behind a low hard score, then behind a low soft score: the
 * criteria that counted (a value within its cut's band does not). */
static void
explain_scores(const struct assess_params *ap, const struct assess_facility *f,
               const struct assess_result *r, enum koyu_lang lang, char *buf, size_t size,
               int *parts)
{
    const double util = f->indicator[ASSESS_UTILIZATION];
    char s[200];

    if (r->hard_low) {
        msg_format(s, sizeof s, lang, MSG_REASON_CONDITION, f->soundness,
                   f->hard_estimated ? msg(lang, MSG_REASON_ESTIMATED) : "");
        explain_part(buf, size, parts, lang, s);
        if (f->remaining_life <= ap->remaining_life_low_years &&
            !explain_in_band(f->remaining_life, ap->remaining_life_low_years,
                             ap->remaining_life_band_years)) {
            msg_format(s, sizeof s, lang, MSG_REASON_REMAINING, f->remaining_life,
                       ap->remaining_life_low_years);
            explain_part(buf, size, parts, lang, s);
        }
        if (f->seismic_deficient)
            explain_part(buf, size, parts, lang, msg(lang, MSG_REASON_NOT_SEISMIC));
        if (f->hard < ap->hard_low_below &&
            !explain_in_band(f->hard, ap->hard_low_below, ap->hard_band)) {
            msg_format(s, sizeof s, lang, MSG_REASON_HARD_LOW, f->hard, ap->hard_low_below);
            explain_part(buf, size, parts, lang, s);
        }
    }
    if (r->soft_low) {
        if (f->has[ASSESS_UTILIZATION] && f->utilization_cut >= 0 && util < f->utilization_cut &&
            !explain_in_band(util, f->utilization_cut, ap->utilization_band)) {
            msg_format(s, sizeof s, lang, MSG_REASON_UTILIZATION_LOW, util, f->utilization_cut);
            explain_part(buf, size, parts, lang, s);
        }
        if (f->soft < ap->soft_low_below &&
            !explain_in_band(f->soft, ap->soft_low_below, ap->soft_band)) {
            msg_format(s, sizeof s, lang, MSG_REASON_SOFT_LOW, f->soft, ap->soft_low_below);
            explain_part(buf, size, parts, lang, s);
        }
    }
}

/* The notes after the scores: a cut stood on within its band, a recent
 * renovation counted, a type's policy that asks a review first. */
static void
explain_notes(const struct assess_params *ap, const struct assess_facility *f,
              const struct assess_result *r, enum koyu_lang lang, char *buf, size_t size)
{
    static const struct {
        unsigned bit;
        enum msg_id name;
    } nears[] = {{ASSESS_NEAR_HARD, MSG_REASON_NEAR_HARD},
                 {ASSESS_NEAR_REMAINING, MSG_REASON_NEAR_REMAINING},
                 {ASSESS_NEAR_SOFT, MSG_REASON_NEAR_SOFT},
                 {ASSESS_NEAR_UTILIZATION, MSG_REASON_NEAR_UTILIZATION}};
    size_t i;

    for (i = 0; i < sizeof nears / sizeof nears[0]; i++) {
        const unsigned b = nears[i].bit;
        const double cut = b == ASSESS_NEAR_HARD        ? ap->hard_low_below
                           : b == ASSESS_NEAR_REMAINING ? ap->remaining_life_low_years
                           : b == ASSESS_NEAR_SOFT      ? ap->soft_low_below
                                                        : f->utilization_cut;
        const double band = b == ASSESS_NEAR_HARD        ? ap->hard_band
                            : b == ASSESS_NEAR_REMAINING ? ap->remaining_life_band_years
                            : b == ASSESS_NEAR_SOFT      ? ap->soft_band
                                                         : ap->utilization_band;

        const double value = b == ASSESS_NEAR_HARD        ? f->hard
                             : b == ASSESS_NEAR_REMAINING ? f->remaining_life
                             : b == ASSESS_NEAR_SOFT      ? f->soft
                                                          : f->indicator[ASSESS_UTILIZATION];

        if (r->near & b)
            msg_append(buf, size, lang, MSG_REASON_NEAR, msg(lang, nears[i].name), value, cut,
                       band);
    }
    if (f->renovated)
        msg_append(buf, size, lang, MSG_REASON_RENOVATED, ap->renovated_life_years);
    if (r->type_review)
        msg_append(buf, size, lang, MSG_REASON_TYPE_REVIEW);
}

const char *
explain_function(enum assess_function f, enum koyu_lang lang)
{
    static const enum msg_id labels[ASSESS_FN__COUNT] = {
        MSG_FN_KEEP, MSG_FN_CONSOLIDATE, MSG_FN_COMBINE, MSG_FN_CONVERT, MSG_FN_ABOLISH};

    return (unsigned)f < ASSESS_FN__COUNT ? msg(lang, labels[f]) : "";
}

const char *
explain_tier(enum assess_tier t, enum koyu_lang lang)
{
    static const enum msg_id labels[ASSESS_TIER__COUNT] = {MSG_TIER_URGENT, MSG_TIER_URGENT,
                                                           MSG_TIER_SERVICE, MSG_TIER_TIMING};

    return t > ASSESS_TIER_NONE && t < ASSESS_TIER__COUNT ? msg(lang, labels[t]) : "";
}

char *
explain_reason(const struct assess_params *ap, const struct assess_facility *f,
               const struct assess_result *r, const char *policy_reason, enum koyu_lang lang,
               char *buf, size_t size)
{
    const int en = lang == KOYU_LANG_EN;
    const char *consolidate = r->receiver && f->essential ? msg(lang, MSG_REASON_CONSOLIDATE) : "";
    char s[400], pv1[64], pv2[64];
    int parts = 0;

    if (size == 0)
        return buf;
    buf[0] = '\0';
    switch (r->rule) {
    case ASSESS_R1_POLICY:
        msg_format(s, sizeof s, lang, MSG_REASON_POLICY,
                   policy_reason && *policy_reason ? ": " : "", policy_reason ? policy_reason : "");
        explain_part(buf, size, &parts, lang, s);
        break;
    case ASSESS_R2_CLOSING:
        explain_part(buf, size, &parts, lang, msg(lang, MSG_REASON_CLOSING));
        break;
    case ASSESS_R2_SUSPENDED:
        explain_part(buf, size, &parts, lang, msg(lang, MSG_REASON_SUSPENDED));
        break;
    case ASSESS_R3_KEEP:
        if (f->has_soft)
            msg_format(s, sizeof s, lang, MSG_REASON_KEEP, f->hard, f->soft);
        else
            msg_format(s, sizeof s, lang, MSG_REASON_KEEP_NO_USAGE, f->hard);
        explain_part(buf, size, &parts, lang, s);
        break;
    default:
        explain_scores(ap, f, r, lang, buf, size, &parts);
        if (!f->has_soft)
            explain_part(buf, size, &parts, lang, msg(lang, MSG_REASON_NO_USAGE));
        break;
    }
    explain_notes(ap, f, r, lang, buf, size);
    msg_append(buf, size, lang, MSG_REASON_ARROW);
    /* the function apart from the building, the decision in words: the
     * vocabulary's, lower case in English */
    msg_append(buf, size, lang, MSG_REASON_FUNCTION, explain_function(r->function, lang),
               en ? lcc_option_name(r->decision) : vocab_at(VOCAB_DECISION, r->decision)->ja);
    text_format_number(f->repair_pv / 1e6, 0, pv1, sizeof pv1);
    text_format_number(f->rebuild_pv / 1e6, 0, pv2, sizeof pv2);
    switch (r->rule) {
    case ASSESS_R4_REPAIR:
    case ASSESS_R6_ESSENTIAL_REPAIR:
        msg_append(buf, size, lang, MSG_REASON_REPAIR, pv1, pv2, consolidate);
        break;
    case ASSESS_R4_REBUILD:
    case ASSESS_R6_ESSENTIAL_REBUILD:
        if (!f->repair_offered) {
            char why[160] = "";

            if (f->main_why_not & ASSESS_NOT_AGE)
                msg_append(why, sizeof why, lang, MSG_REASON_WHY_AGE);
            if (f->main_why_not & ASSESS_NOT_STRUCTURE)
                msg_append(why, sizeof why, lang, MSG_REASON_WHY_STRUCTURE);
            msg_append(buf, size, lang, MSG_REASON_NOT_EXTENDABLE, f->main_age, why, consolidate);
        } else {
            msg_append(buf, size, lang, MSG_REASON_REBUILD_CHEAPER, pv1, pv2, consolidate);
        }
        break;
    case ASSESS_R2_SUSPENDED:
        msg_append(
            buf, size, lang, MSG_REASON_SUSPENDED_HOW,
            msg(lang, r->hard_low ? MSG_REASON_SUSPENDED_UNSOUND : MSG_REASON_SUSPENDED_SOUND));
        break;
    case ASSESS_R5_LEASE:
        msg_append(buf, size, lang, MSG_REASON_SOURCE, f->main_age);
        break;
    case ASSESS_R5_RECEIVER:
        msg_append(buf, size, lang, MSG_REASON_RECEIVER, f->main_age);
        break;
    case ASSESS_R5_ESSENTIAL_KEEP:
        msg_append(buf, size, lang, MSG_REASON_ESSENTIAL_KEEP);
        break;
    case ASSESS_R6_SELL:
        msg_append(buf, size, lang, MSG_REASON_SELL);
        break;
    case ASSESS_R6_LEASE:
        msg_append(buf, size, lang, MSG_REASON_SELL_NOT_ALLOWED);
        break;
    default:
        break;
    }
    return buf;
}

char *
explain_receiver(const char *id, const char *name, const char *kind, double room,
                 enum koyu_lang lang, char *buf, size_t size)
{
    char users[64];

    if (size == 0 || !id)
        return buf;
    text_format_number(room, 0, users, sizeof users);
    msg_append(
        buf, size, lang, MSG_REASON_RECEIVED_BY,
        msg(lang, kind && strcmp(kind, "combine") == 0 ? MSG_FN_COMBINE : MSG_FN_CONSOLIDATE), id,
        name ? name : "", users);
    return buf;
}

char *
explain_deferral(const struct explain_work *w, enum koyu_lang lang, char *buf, size_t size)
{
    char yen[64];

    if (size == 0)
        return buf;
    buf[0] = '\0';
    if (w->state == LEVEL_DROPPED)
        return msg_format(buf, size, lang, MSG_DEFER_DROPPED);
    if (w->state == LEVEL_CONVERTED)
        msg_format(buf, size, lang, MSG_DEFER_CONVERTED, w->deadline_year);
    text_format_number(w->cost_yen - w->paid_yen, 0, yen, sizeof yen);
    if (w->paid_yen < w->cost_yen * (1 - 1e-12))
        msg_append(buf, size, lang, MSG_DEFER_UNFINISHED, w->last_year, yen);
    else if (w->delay_years > 0)
        msg_append(buf, size, lang, w->delay_years == 1 ? MSG_DEFER_DELAY_1 : MSG_DEFER_DELAY,
                   w->delay_years);
    return buf;
}
