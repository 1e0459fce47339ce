/*
 * explain.h - the reasons a person reads, written from the figures a run
 * stored, in the reader's language: why a facility was sorted as it was
 * (the rule that fired and the figures that decided it), and why a work
 * moved under a budget cap.  The run stores no words, so a run made in
 * one language reads in the other.
 */
#ifndef KOYU_EXPLAIN_H
#define KOYU_EXPLAIN_H

#include <stddef.h>

#include "koyu/core/diag.h"
#include "koyu/engine/assess.h"

/* A function (機能) and a review tier in lang ("" for none). */
const char *explain_function(enum assess_function f, enum koyu_lang lang);
const char *explain_tier(enum assess_tier t, enum koyu_lang lang);

/* The reason for r of f in lang into buf (NUL-terminated, cut to size);
 * ap gives the cut lines, policy_reason the planner's text for rule 1
 * (may be NULL).  Returns buf. */
char *explain_reason(const struct assess_params *ap, const struct assess_facility *f,
                     const struct assess_result *r, const char *policy_reason, enum koyu_lang lang,
                     char *buf, size_t size);

/* Appends to a source's reason where its use moves: the receiver's id
 * and name, 集約化 or 複合化 (kind "consolidate" or "combine"), and the
 * room it had for it (users a year).  Returns buf. */
char *explain_receiver(const char *id, const char *name, const char *kind, double room,
                       enum koyu_lang lang, char *buf, size_t size);

/* A work of a leveled plan that did not go as planned. */
struct explain_work {
    int state;         /* enum level_state */
    int deadline_year; /* of a conversion */
    int last_year;     /* the window's last fiscal year */
    double cost_yen, paid_yen;
    int delay_years;
};

/* Why w moved, in lang, into buf; returns buf. */
char *explain_deferral(const struct explain_work *w, enum koyu_lang lang, char *buf, size_t size);

#endif
