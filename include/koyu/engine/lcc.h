/*
 * lcc.h - the life-cycle cost engine: the MIC renewal-cost projection and
 * its life-extension variants (docs/method.md §2), present values
 * (docs/method.md §4, §5), and the whole-life cost of the five options for
 * a facility.  Pure: plain structs in and out, no I/O, no allocation.
 *
 * Years are fiscal years.  Money is yen at constant prices, never rounded
 * inside; callers round for display.
 */
#ifndef KOYU_LCC_H
#define KOYU_LCC_H

#include <stddef.h>

#include "koyu/engine/asset.h"

#define LCC_MAX_HORIZON 100
#define LCC_CATEGORIES  ASSET_CATEGORIES
#define LCC_STRUCTURES  ASSET_STRUCTURES

enum lcc_model {
    LCC_MODEL_MIC = 0,     /* 総務省 standard: rebuild at 60, renovation at 30 */
    LCC_MODEL_EXTEND80,    /* 加古川市-style 80-year life extension */
    LCC_MODEL_TARGET_LIFE, /* target life by structure (釧路市 70) */
    LCC_MODEL__COUNT
};

enum lcc_work {
    LCC_W_RENOVATION = 0,         /* 大規模改修 */
    LCC_W_REBUILD,                /* 建替え */
    LCC_W_BACKLOG_RENOVATION,     /* 積み残し大規模改修 */
    LCC_W_BACKLOG_REBUILD,        /* 積み残し建替え */
    LCC_W_MEDIUM_RENOVATION,      /* 中規模改修 */
    LCC_W_LIFE_EXTENSION,         /* 長寿命化改修 */
    LCC_W_BACKLOG_LIFE_EXTENSION, /* 積み残し長寿命化改修 */
    LCC_W__COUNT
};

enum lcc_option {
    LCC_KEEP = 0, /* 維持 */
    LCC_REPAIR,   /* 改修 */
    LCC_REBUILD,  /* 建替 */
    LCC_SELL,     /* 売却 */
    LCC_LEASE,    /* 貸付 */
    LCC_OPTION__COUNT
};

/* One cycle of a model: a mid-life renovation and a rebuild (docs/method.md §2.4). */
struct lcc_cycle {
    int life;                /* rebuild at this age */
    int mid_age;             /* mid-life renovation at this age */
    int mid_max_age;         /* no mid-life renovation after this age */
    int mid_backlog_min_age; /* overdue from this age: backlog */
    int rebuild_backlog_min_age;
};

/* Every number and convention of the engine.  params.c fills it from
 * templates/params; each field is documented there. */
struct lcc_params {
    int horizon_years; /* H: years Y0 .. Y0+H-1 */
    int age_offset;    /* age = Y0 - built year + age_offset */
    int spread_offset; /* a spread starts at the due year + this */
    int rebuild_spread_years;
    int renovation_spread_years;
    int backlog_years;           /* overdue work spread over Y0 .. Y0+this-1 */
    int second_cycle;            /* schedule the next cycle after a rebuild */
    int renovated_year_restarts; /* renovated_year restarts the mid-life clock */
    int retrofit_allowed;        /* 旧耐震・未補強 buildings may be extended */
    struct lcc_cycle mic;
    struct lcc_cycle extend80;
    int extend80_medium_age[2];   /* 中規模改修 ages */
    double extend80_medium_ratio; /* of the rebuild unit cost */
    double target_mid_share;      /* mid-life renovation at life x this */
    int target_no_mid_years;      /* no mid-life renovation this close to rebuild */
    /* tables, yen per ㎡, by category / structure */
    double rebuild_yen_m2[LCC_CATEGORIES];
    double renovation_yen_m2[LCC_CATEGORIES];
    double running_yen_m2[LCC_CATEGORIES]; /* when a facility has no usage data */
    double demolition_yen_m2[LCC_STRUCTURES];
    int extendable[LCC_STRUCTURES];
    int target_life[LCC_STRUCTURES];
    /* money */
    double discount_rate;           /* real, for option appraisal */
    double escalation_rate;         /* real escalation of running costs */
    double renewal_escalation_rate; /* real escalation of renewal (construction) costs */
    int first_year_t;               /* t of fiscal year Y0 (1: end of first year) */
    int running_cost_years;         /* average of the last N years of usage */
    double rebuild_area_ratio;
    double sale_ratio;             /* sale proceeds / land value */
    int sell_with_building;        /* no demolition when sold */
    int disposal_year;             /* years after Y0 that a sale happens */
    double lease_land_share;       /* annual lease income / land value */
    double lease_yen_m2;           /* annual lease income per ㎡ */
    int lease_landlord_renewals;   /* the city still pays the renewals */
    double estimated_repair_share; /* of an estimated running cost */
    /* the options alike (docs/method.md §5) */
    int appraisal_second_cycle;      /* a building rebuilt inside the horizon gets its next
                                      * mid-life renovation in every option, or in none */
    double repair_condition_premium; /* 長寿命化改修 cost x (1 + this x (1 - 健全度/100)) */
    double unrenovated_repair_yen_m2; /* extra repairs a year of a building run past its
                                       * renovation age without it (事後保全) */
    double rebuild_repair_ratio;      /* a new building's repairs, of today's */
    double seismic_retrofit_yen_m2; /* 耐震補強 of a 旧耐震・未補強 building kept or repaired */
    int land_residual;              /* options that keep the land count its value at the end */
    double service_value_yen_per_user; /* a year, given up when a facility closes */
    int lease_landlord_repairs;        /* under a lease the city still pays the repairs */
    double recent_investment_yen;      /* 投資的経費 a year; 0 = not known */
};

struct lcc_building {
    int category;          /* 0 .. LCC_CATEGORIES-1 */
    int structure;         /* 0 .. LCC_STRUCTURES-1, or -1 unknown */
    int seismic_deficient; /* 旧耐震・未補強 */
    double floor_area_m2;
    int built_year;
    int renovated_year; /* 0 = none */
    double soundness; /* 健全度 10 .. 100 (the option appraisal prices repair by it); 0 not known */
};

/* A renewal work: cost spread evenly over years first .. first+years-1. */
struct lcc_event {
    enum lcc_work work;
    int first;
    int years;
    double cost;      /* whole cost, before cutting at the window */
    int service_life; /* years it serves after its last year (residual) */
};

#define LCC_MAX_EVENTS 16

/* Whether b can follow a life-extension model (structure table, seismic
 * status and age).  Buildings that cannot stay on the MIC cycle. */
int lcc_extendable(const struct lcc_params *p, const struct lcc_building *b, int y0);

/* Why b cannot have a 長寿命化改修 now (the repair option), as
 * LCC_NOT_* bits; 0 when it can.  A 旧耐震・未補強 building can, at the
 * cost of its 耐震補強. */
#define LCC_NOT_AGE       1u /* older than the life-extension age limit */
#define LCC_NOT_STRUCTURE 2u /* its structure does not extend */
unsigned lcc_repair_blocked(const struct lcc_params *p, const struct lcc_building *b, int y0);

/* The life (rebuild age) b has under model m: 60 on the MIC cycle, 80 when
 * extend80 applies, the structure's target life under target-life. */
int lcc_target_life(const struct lcc_params *p, enum lcc_model m, const struct lcc_building *b,
                    int y0);

/* The renewal works of b under model m from Y0, in order; writes at most
 * LCC_MAX_EVENTS into ev and returns how many. */
size_t lcc_schedule(const struct lcc_params *p, enum lcc_model m, int y0,
                    const struct lcc_building *b, struct lcc_event *ev);

/* Adds the events' yearly amounts inside Y0 .. Y0+H-1 into
 * out[(year - y0) * LCC_W__COUNT + work]; spreads are cut at the window. */
void lcc_spread(const struct lcc_params *p, int y0, const struct lcc_event *ev, size_t n,
                double *out);

/* Escalates a yearly series in place by renewal_escalation_rate e:
 * series[k], fiscal year y0 + k, is multiplied by (1+e)^k.  Y0 itself is
 * not escalated (t = k, not k + first_year_t): the unit costs are taken as
 * Y0 prices, the year they were priced in.  lcc_appraise escalates its
 * renewals by the same (1+e)^(y - y0), so a series and its PV agree.  With
 * e = 0 the series is left bit-identical. */
void lcc_escalate(const struct lcc_params *p, int y0, double *series, int n);

/* ---- present values (docs/method.md §4.1-4.2); t in years after the base date ---- */

double lcc_spv(double d, double t);             /* 1/(1+d)^t */
double lcc_upv(int n, double d);                /* sum t=1..n of 1/(1+d)^t */
double lcc_upv_star(int n, double d, double e); /* sum t=1..n ((1+e)/(1+d))^t */

/* One amount at time t. */
struct lcc_flow {
    double t;
    double amount; /* costs positive, income and residual values negative */
};

/* Present value of flows at rate d. */
double lcc_pv(const struct lcc_flow *f, size_t n, double d);

/* Equivalent annual value of pv over n years (EUAC = PV / UPV). */
double lcc_annual_value(double pv, int n, double d);

/* Straight-line residual value of cost with remaining of life years left. */
double lcc_residual(double cost, double remaining, double life);

/* Real rate from a nominal rate and general inflation, (1+D)/(1+I) - 1, and
 * back: the engine works in real terms only (docs/method.md §4.3). */
double lcc_real_rate(double nominal, double inflation);
double lcc_nominal_rate(double real, double inflation);

/* Savings-to-investment ratio and adjusted internal rate of return. */
double lcc_sir(double savings_pv, double added_investment_pv);
double lcc_airr(double sir, double d, int n);

/* ---- option appraisal ---- */

struct lcc_facility {
    const struct lcc_building *buildings; /* borrowed */
    size_t nbuildings;
    double running_cost_yen; /* a year, averaged or estimated */
    double repair_yen;       /* the repairs part of it (a landlord's share) */
    double revenue_yen;      /* a year */
    double land_value_yen;
    int land_owned; /* 1 owned, 0 leased land */
    double users;   /* a year, the average of the usage years; 0 not known */
    int essential;  /* its service must go on: only keep, repair and rebuild meet it */
};

struct lcc_option_result {
    int offered;              /* 0: the option cannot be taken (repair of a building that
                               * cannot be extended); its figures are 0 */
    double pv;                /* yen */
    double annual_equivalent; /* yen a year */
    double pv_per_m2;
    double residual_pv;     /* of the works bought, included in pv, negative */
    double land_pv;         /* the land the option keeps, valued at the horizon's end, or
                             * sold; included in pv, negative */
    double service_loss_pv; /* the service given up by closing, included in pv */
};

/* Whole-life cost of each option for f over the horizon under model m
 * (method: README, "Option appraisal"). */
void lcc_appraise(const struct lcc_params *p, enum lcc_model m, int y0,
                  const struct lcc_facility *f, struct lcc_option_result out[LCC_OPTION__COUNT]);

/* The index of f's main building: the largest, the first of equals. */
size_t lcc_main_building(const struct lcc_facility *f);

/* The cheapest option of out that meets the facility's requirement: among
 * those offered, keep, repair or rebuild when the service must go on
 * (essential), any of the five otherwise (a closure carries the service it
 * gives up); ties go to the lowest enum.  -1 when none is offered. */
int lcc_cheapest(const struct lcc_option_result out[LCC_OPTION__COUNT], int essential);

/* Stable English names: "mic", "renovation", "keep" ... */
const char *lcc_model_name(enum lcc_model m);
const char *lcc_work_name(enum lcc_work w);
const char *lcc_option_name(enum lcc_option o);
/* Model, option, work type by name, or -1. */
int lcc_model_from_name(const char *name);
int lcc_option_from_name(const char *name);
int lcc_work_from_name(const char *name);

#endif
