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
    ASSESS_R2_SUSPENDED,        /* status 休止: a disposal candidate */
    ASSESS_R3_KEEP,             /* neither low */
    ASSESS_R4_REPAIR,           /* hard low: repair offered and repair PV <= rebuild PV */
    ASSESS_R4_REBUILD,          /* hard low otherwise */
    ASSESS_R5_LEASE,            /* soft low, an old building: a consolidation source */
    ASSESS_R5_ESSENTIAL_KEEP,   /* soft low but essential */
    ASSESS_R5_RECEIVER,         /* soft low, a young sound building: 有効活用 */
    ASSESS_R6_SELL,             /* both low */
    ASSESS_R6_LEASE,            /* both low, its type not sold outright */
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

/* The comparison group an indicator's 偏差値 was taken in: the 中分類, its
 * category, else the fixed benchmark values (never all facilities). */
enum assess_level { ASSESS_SUBCATEGORY = 0, ASSESS_CATEGORY, ASSESS_BENCHMARK };

/* 二次評価 by what staff must look at first. */
enum assess_tier {
    ASSESS_TIER_NONE = 0,
    ASSESS_TIER_URGENT,  /* 緊急: seismically deficient or 健全度 D */
    ASSESS_TIER_SERVICE, /* サービス変更: sell, lease, consolidate, a soft cut on a hair */
    ASSESS_TIER_TIMING,  /* 時期確認: when to repair or rebuild, a hard cut on a hair */
    ASSESS_TIER__COUNT
};

/* The function (機能) apart from the building (the decision), as 黒部市
 * labels them. */
enum assess_function {
    ASSESS_FN_KEEP = 0,    /* 維持 */
    ASSESS_FN_CONSOLIDATE, /* 集約化: moves to a facility of its kind */
    ASSESS_FN_COMBINE,     /* 複合化: moves into a facility of another kind */
    ASSESS_FN_CONVERT,     /* 転用: the building goes to another use */
    ASSESS_FN_ABOLISH,     /* 廃止 */
    ASSESS_FN__COUNT
};

/* What a facility type's policy allows of an outcome (types.csv). */
enum assess_allow { ASSESS_ALLOW_YES = 0, ASSESS_ALLOW_REVIEW, ASSESS_ALLOW_NO };

/* Which cut a facility stands near (bits). */
#define ASSESS_NEAR_HARD        1u /* hard score within its band */
#define ASSESS_NEAR_REMAINING   2u
#define ASSESS_NEAR_SOFT        4u
#define ASSESS_NEAR_UTILIZATION 8u

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
    /* the benchmark a 偏差値 falls back to when the category is too small */
    double benchmark_mean[ASSESS_INDICATOR__COUNT], benchmark_sd[ASSESS_INDICATOR__COUNT];
    int review_age; /* a decision other than keep from this age: review */
    /* bands around the cuts: inside one, review instead of a flip */
    double hard_band, soft_band, utilization_band;
    int remaining_life_band_years;
    int receiver_max_age;          /* quadrant II under this age: the receiver, kept */
    double urgent_soundness_below; /* 健全度 D */
    /* a building renovated in the last renovated_within_years with a
     * surveyed 健全度 of at least renovated_sound_points lives to
     * renovated_life_years */
    int renovated_within_years, renovated_life_years;
    double renovated_sound_points;
    /* 集約化・複合化: a receiver is full at this 稼働率; combine_into[c] has
     * bit k set when category k may receive category c's use */
    double full_utilization_pct;
    unsigned combine_into[32];
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
    int target_life;         /* renovated_life_years when a recent renovation counts */
    int renovated;           /* the recent renovation counts in its life */
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
    int renovated;         /* a building's recent renovation counts in its life */
    /* soft */
    double indicator[ASSESS_INDICATOR__COUNT]; /* raw values; has[] says which */
    int has[ASSESS_INDICATOR__COUNT];
    int scored[ASSESS_INDICATOR__COUNT]; /* has[] and the indicator is in use */
    double t[ASSESS_INDICATOR__COUNT];   /* 偏差値, set by assess_soft */
    enum assess_level level[ASSESS_INDICATOR__COUNT];
    double soft; /* mean of the 偏差値 */
    int has_soft;
    /* context */
    int essential; /* resolved: column, else its type's (types.csv) */
    int closing;   /* status 廃止予定 */
    int suspended; /* status 休止 */
    int policy;    /* enum lcc_option, or -1 */
    int repair_offered;
    double repair_pv, rebuild_pv;
    /* its type's policy (types.csv) */
    enum assess_allow sell, lease;
    double utilization_cut; /* 稼働率 cut, % (< 0: none for its type) */
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

/* The same against a fixed mean and standard deviation (50 when sd is 0). */
double assess_t_benchmark(double mean, double sd, double x, int lower_is_better);

/* Whether indicator i is better when lower. */
int assess_lower_is_better(enum assess_indicator i);

/* The verdict. */
struct assess_result {
    int hard_low, soft_low;
    int quadrant;  /* 1 both high, 2 soft low, 3 hard low, 4 both low */
    unsigned near; /* ASSESS_NEAR_*: the cuts it stands within a band of */
    enum lcc_option decision;
    enum assess_rule rule;
    enum assess_function function;
    int review;            /* 二次評価対象: tier != NONE */
    enum assess_tier tier; /* the first thing to look at */
    int consolidation;     /* 集約化・複合化の検討: a receiver (kept) or a source */
    int receiver;          /* kept as a receiver of others' use */
    int type_review;       /* its type's policy asks a review before this outcome */
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
/* "urgent" "service" "timing" (NULL for none) and back (-1). */
const char *assess_tier_name(enum assess_tier t);
int assess_tier_from_name(const char *name);
/* "keep" "consolidate" "combine" "convert" "abolish" and back (-1). */
const char *assess_function_name(enum assess_function f);
int assess_function_from_name(const char *name);

#endif
