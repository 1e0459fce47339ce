/*
 * assess.h - 資産アセスメント and 資産の仕分け: the hard score (建物性能) and
 * soft score (利用・コスト) of a facility, its quadrant, and one of five
 * decisions with the rule that fired and a reason a council member can
 * read (docs/method.md §6, §7).  Pure: plain structs in and out.
 */
#ifndef KOYU_ASSESS_H
#define KOYU_ASSESS_H

#include <stddef.h>

#include "koyu/engine/lcc.h"

enum assess_rule {
    ASSESS_R1_POLICY = 0,       /* a planner's override (policy.csv) */
    ASSESS_R2_CLOSING,          /* status 廃止予定 */
    ASSESS_R3_KEEP,             /* neither low */
    ASSESS_R4_REPAIR,           /* hard low: extendable and repair PV <= rebuild PV */
    ASSESS_R4_REBUILD,          /* hard low otherwise */
    ASSESS_R5_LEASE,            /* soft low */
    ASSESS_R5_ESSENTIAL_KEEP,   /* soft low but essential */
    ASSESS_R6_SELL,             /* both low */
    ASSESS_R6_ESSENTIAL_REPAIR, /* both low but essential */
    ASSESS_R6_ESSENTIAL_REBUILD,
    ASSESS_RULE__COUNT
};

/* Soft indicators, by position. */
enum assess_indicator {
    ASSESS_UTILIZATION = 0, /* 稼働率 (%) */
    ASSESS_USERS_PER_M2,    /* 利用者数 / ㎡ */
    ASSESS_COST_PER_M2,     /* net running cost / ㎡ (lower is better) */
    ASSESS_COST_RECOVERY,   /* revenue / cost */
    ASSESS_COST_PER_USER,   /* net running cost / user (off by default) */
    ASSESS_INDICATOR__COUNT
};

/* The comparison group an indicator's 偏差値 was taken in. */
enum assess_level { ASSESS_SUBCATEGORY = 0, ASSESS_CATEGORY, ASSESS_ALL };

struct assess_params {
    double grade_points[4];    /* A B C D */
    double element_weights[5]; /* roof, exterior, interior, electrical, mechanical */
    int young_age;             /* no survey: under this age -> young_points */
    int mid_age;               /* under this -> mid_points, else old_points */
    double young_points, mid_points, old_points;
    int seismic_new_from_year; /* unknown status: built from this fiscal year is sound */
    double hard_weights[3];    /* 健全度, remaining-life share, seismic */
    double hard_low_below;
    int remaining_life_low_years;
    double seismic_deficient_share; /* of floor area, for the facility */
    double soft_low_below;
    double utilization_low_pct;
    int min_group_size;
    int use_indicator[ASSESS_INDICATOR__COUNT];
    int review_age; /* a decision other than keep from this age: review */
};

/* One building, as the assessment sees it. */
struct assess_building_in {
    struct lcc_building lcc; /* category, structure, area, years, seismic_deficient */
    int seismic_known;       /* 0: status 不明 or blank, derived from the built year */
    char grades[5];          /* 'A'..'D' or 0 */
};

struct assess_building_out {
    int age;
    double soundness;        /* 健全度 10..100 */
    int soundness_estimated; /* no survey: from age */
    int soundness_partial;   /* some elements graded, the rest left out */
    int target_life;
    int remaining_life;
    double remaining_share;
    int seismic_deficient;
    int seismic_derived;
    double hard; /* H */
};

/* Scores one building under model m from y0. */
void assess_building(const struct assess_params *ap, const struct lcc_params *lp, enum lcc_model m,
                     int y0, const struct assess_building_in *b, struct assess_building_out *out);

/* 健全度 from five grades (docs/method.md §6.2); returns -1 when none is
 * given, and sets *partial when only some are. */
double assess_soundness(const struct assess_params *ap, const char grades[5], int *partial);

/* Why a main building cannot be extended (bits). */
#define ASSESS_NOT_AGE       LCC_NOT_AGE       /* older than the life-extension age limit */
#define ASSESS_NOT_STRUCTURE LCC_NOT_STRUCTURE /* its structure does not extend */

/* Everything about one facility the sorting needs. */
struct assess_facility {
    /* hard (floor-area weighted over the buildings) */
    double floor_area_m2;
    double hard;
    double soundness;
    double remaining_life;
    int seismic_deficient; /* deficient floor area >= the share */
    int hard_estimated;    /* an estimated 健全度 or derived seismic status */
    int main_age;          /* of the largest building */
    int main_extendable;   /* the largest building can have a 長寿命化改修: the repair
                            * option is offered */
    unsigned main_why_not; /* ASSESS_NOT_* when it cannot */
    /* soft */
    double indicator[ASSESS_INDICATOR__COUNT]; /* raw values; has[] says which */
    int has[ASSESS_INDICATOR__COUNT];
    double t[ASSESS_INDICATOR__COUNT]; /* 偏差値, set by assess_soft */
    enum assess_level level[ASSESS_INDICATOR__COUNT];
    double soft; /* mean of the 偏差値 */
    int has_soft;
    /* context */
    int essential; /* resolved: column, else the group default */
    int closing;   /* status 廃止予定 */
    int policy;    /* enum lcc_option, or -1 */
    double repair_pv, rebuild_pv;
};

/* Per-group sums for the 偏差値: add every facility, then read. */
struct assess_moments {
    double n, sum, sumsq;
};

/* Adds x to m. */
void assess_moments_add(struct assess_moments *m, double x);

/* T = 50 + 10 z of x in m (population standard deviation), with the sign
 * flipped when lower_is_better; 50 when the spread is zero. */
double assess_t_score(const struct assess_moments *m, double x, int lower_is_better);

/* Whether indicator i is better when lower. */
int assess_lower_is_better(enum assess_indicator i);

/* The verdict. */
struct assess_result {
    int hard_low, soft_low;
    int quadrant; /* 1 both high, 2 soft low, 3 hard low, 4 both low */
    enum lcc_option decision;
    enum assess_rule rule;
    int review;        /* 二次評価対象 */
    int consolidation; /* 集約化・複合化の検討 */
};

/* Applies the sorting rules to f (soft already scored). */
void assess_decide(const struct assess_params *ap, const struct assess_facility *f,
                   struct assess_result *r);

/* Stable English names ("R4_repair", "subcategory"); a decision is an
 * enum lcc_option, named by lcc_option_name. */
const char *assess_rule_name(enum assess_rule r);
/* The rule of a stored name, or -1. */
int assess_rule_from_name(const char *name);
const char *assess_level_name(enum assess_level l);

#endif
