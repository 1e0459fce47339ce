/* lcc.c - renewal projection, present values and option appraisal. */
#include "koyu/engine/lcc.h"

#include <math.h>
#include <string.h>

static const char *const lcc_model_names[LCC_MODEL__COUNT] = {"mic", "extend80", "target-life"};
static const char *const lcc_work_names[LCC_W__COUNT] = {
    "renovation",        "rebuild",        "backlog_renovation",     "backlog_rebuild",
    "medium_renovation", "life_extension", "backlog_life_extension",
};
static const char *const lcc_option_names[LCC_OPTION__COUNT] = {"keep", "repair", "rebuild", "sell",
                                                                "lease"};

/* ---- schedules ---- */

/* What one cycle's mid-life renovation is called and costs. */
struct lcc_mid {
    enum lcc_work work;
    enum lcc_work backlog_work;
    double yen_m2;
};

static size_t
lcc_push(struct lcc_event *ev, size_t n, enum lcc_work w, int first, int years, double cost,
         int service)
{
    if (n >= LCC_MAX_EVENTS || years <= 0 || cost <= 0)
        return n;
    ev[n].work = w;
    ev[n].first = first;
    ev[n].years = years;
    ev[n].cost = cost;
    ev[n].service_life = service > 0 ? service : 1;
    return n + 1;
}

/* The year a building built in `built` reaches `age` (age_offset aware). */
static int
lcc_year_at_age(const struct lcc_params *p, int built, int age)
{
    return built + age - p->age_offset;
}

/* Events of one cycle (docs/method.md §2.4): the mid-life
 * renovation on schedule, as backlog, or not at all; the rebuild on
 * schedule or as backlog; then, if asked, the cycles of the new building. */
static size_t
lcc_cycle(const struct lcc_params *p, const struct lcc_cycle *c, const struct lcc_mid *mid,
          double rebuild_yen_m2, int y0, const struct lcc_building *b, struct lcc_event *ev,
          size_t n)
{
    double area = b->floor_area_m2;
    int end = y0 + p->horizon_years;
    int a = y0 - b->built_year + p->age_offset;
    int clock = b->built_year, a_r, due, rebuild_due, built;

    if (p->renovated_year_restarts && b->renovated_year > b->built_year)
        clock = b->renovated_year;
    a_r = y0 - clock + p->age_offset;
    rebuild_due = lcc_year_at_age(p, b->built_year, c->life) + p->spread_offset;
    /* mid-life renovation */
    if (a_r <= c->mid_age) {
        due = lcc_year_at_age(p, clock, c->mid_age);
        if (due - b->built_year + p->age_offset <= c->mid_max_age)
            n = lcc_push(ev, n, mid->work, due + p->spread_offset, p->renovation_spread_years,
                         area * mid->yen_m2,
                         rebuild_due - (due + p->spread_offset + p->renovation_spread_years));
    } else if (a_r >= c->mid_backlog_min_age && a <= c->mid_max_age) {
        n = lcc_push(ev, n, mid->backlog_work, y0, p->backlog_years, area * mid->yen_m2,
                     rebuild_due - (y0 + p->backlog_years));
    }
    /* rebuild */
    if (a <= c->life) {
        built = rebuild_due;
        n = lcc_push(ev, n, LCC_W_REBUILD, rebuild_due, p->rebuild_spread_years,
                     area * rebuild_yen_m2, c->life);
    } else if (a >= c->rebuild_backlog_min_age) {
        built = y0;
        n = lcc_push(ev, n, LCC_W_BACKLOG_REBUILD, y0, p->backlog_years, area * rebuild_yen_m2,
                     c->life);
    } else {
        return n;
    }
    /* later cycles: the new building counts from the first year of its
     * rebuild (T4' of docs/method.md §10.1) */
    while (p->second_cycle && built < end) {
        int mid_due = lcc_year_at_age(p, built, c->mid_age) + p->spread_offset;
        int next = lcc_year_at_age(p, built, c->life) + p->spread_offset;

        if (mid_due < end)
            n = lcc_push(ev, n, mid->work, mid_due, p->renovation_spread_years, area * mid->yen_m2,
                         next - (mid_due + p->renovation_spread_years));
        if (next >= end || next <= built)
            break;
        n = lcc_push(ev, n, LCC_W_REBUILD, next, p->rebuild_spread_years, area * rebuild_yen_m2,
                     c->life);
        built = next;
    }
    return n;
}

/* Structure and seismic status allow a life-extension model. */
static int
lcc_structure_extends(const struct lcc_params *p, const struct lcc_building *b)
{
    if (b->structure < 0 || b->structure >= LCC_STRUCTURES || !p->extendable[b->structure])
        return 0;
    return !b->seismic_deficient || p->retrofit_allowed;
}

int
lcc_extendable(const struct lcc_params *p, const struct lcc_building *b, int y0)
{
    return lcc_structure_extends(p, b) &&
           y0 - b->built_year + p->age_offset <= p->extend80.mid_max_age;
}

/* The target-life cycle of b: life from the structure table, renovation at
 * a share of it, none in the last years before rebuild. */
static struct lcc_cycle
lcc_target_cycle(const struct lcc_params *p, const struct lcc_building *b)
{
    struct lcc_cycle c;

    c.life = p->target_life[b->structure];
    c.mid_age = (int)floor(c.life * p->target_mid_share + 0.5);
    c.mid_max_age = c.life - p->target_no_mid_years;
    c.mid_backlog_min_age = c.mid_age + 1;
    c.rebuild_backlog_min_age = c.life + 1;
    return c;
}

int
lcc_target_life(const struct lcc_params *p, enum lcc_model m, const struct lcc_building *b, int y0)
{
    if (m == LCC_MODEL_EXTEND80 && lcc_extendable(p, b, y0))
        return p->extend80.life;
    if (m == LCC_MODEL_TARGET_LIFE && lcc_structure_extends(p, b) &&
        p->target_life[b->structure] > 0)
        return p->target_life[b->structure];
    return p->mic.life;
}

size_t
lcc_schedule(const struct lcc_params *p, enum lcc_model m, int y0, const struct lcc_building *b,
             struct lcc_event *ev)
{
    const int cat = b->category >= 0 && b->category < LCC_CATEGORIES ? b->category : 0;
    const double r = p->rebuild_yen_m2[cat], mm = p->renovation_yen_m2[cat];
    struct lcc_mid reno = {LCC_W_RENOVATION, LCC_W_BACKLOG_RENOVATION, mm};
    struct lcc_mid life_ext = {LCC_W_LIFE_EXTENSION, LCC_W_BACKLOG_LIFE_EXTENSION, mm};
    size_t n = 0, k;

    if (m == LCC_MODEL_EXTEND80 && lcc_extendable(p, b, y0)) {
        int a = y0 - b->built_year + p->age_offset;

        /* 中規模改修 at its ages; a missed one is not made up */
        for (k = 0; k < 2; k++) {
            int age = p->extend80_medium_age[k];
            int next = k == 0 ? p->extend80.mid_age : p->extend80.life;

            if (a <= age)
                n = lcc_push(ev, n, LCC_W_MEDIUM_RENOVATION,
                             lcc_year_at_age(p, b->built_year, age) + p->spread_offset,
                             p->renovation_spread_years,
                             b->floor_area_m2 * r * p->extend80_medium_ratio,
                             next - age - p->renovation_spread_years);
        }
        return lcc_cycle(p, &p->extend80, &life_ext, r, y0, b, ev, n);
    }
    if (m == LCC_MODEL_TARGET_LIFE && lcc_structure_extends(p, b) &&
        p->target_life[b->structure] > 0) {
        struct lcc_cycle c = lcc_target_cycle(p, b);

        return lcc_cycle(p, &c, &reno, r, y0, b, ev, n);
    }
    return lcc_cycle(p, &p->mic, &reno, r, y0, b, ev, n);
}

void
lcc_spread(const struct lcc_params *p, int y0, const struct lcc_event *ev, size_t n, double *out)
{
    int end = y0 + p->horizon_years;
    size_t i;

    for (i = 0; i < n; i++) {
        double each = ev[i].cost / ev[i].years;
        int y;

        for (y = ev[i].first; y < ev[i].first + ev[i].years; y++)
            if (y >= y0 && y < end)
                out[(size_t)(y - y0) * LCC_W__COUNT + ev[i].work] += each;
    }
}

void
lcc_escalate(const struct lcc_params *p, int y0, double *series, int n)
{
    double f = 1.0;
    int k;

    (void)y0; /* the factor depends on k only: Y0 is priced at Y0 */
    /* repeated products, as lcc_factors_init, so the series and the PV of
     * lcc_appraise carry the very same factor */
    for (k = 0; k < n; k++) {
        series[k] *= f;
        f *= 1.0 + p->renewal_escalation_rate;
    }
}

/* ---- present values ---- */

double
lcc_spv(double d, double t)
{
    return pow(1.0 + d, -t);
}

double
lcc_upv(int n, double d)
{
    if (d == 0)
        return n;
    return (pow(1.0 + d, n) - 1.0) / (d * pow(1.0 + d, n));
}

double
lcc_upv_star(int n, double d, double e)
{
    double q = (1.0 + e) / (1.0 + d);

    if (e == d)
        return n;
    return (1.0 + e) / (d - e) * (1.0 - pow(q, n));
}

double
lcc_pv(const struct lcc_flow *f, size_t n, double d)
{
    double pv = 0;
    size_t i;

    for (i = 0; i < n; i++)
        pv += f[i].amount * lcc_spv(d, f[i].t);
    return pv;
}

double
lcc_annual_value(double pv, int n, double d)
{
    double u = lcc_upv(n, d);

    return u > 0 ? pv / u : 0;
}

double
lcc_residual(double cost, double remaining, double life)
{
    if (life <= 0 || remaining <= 0)
        return 0;
    if (remaining > life)
        remaining = life;
    return cost * remaining / life;
}

double
lcc_real_rate(double nominal, double inflation)
{
    return (1.0 + nominal) / (1.0 + inflation) - 1.0;
}

double
lcc_nominal_rate(double real, double inflation)
{
    return (1.0 + real) * (1.0 + inflation) - 1.0;
}

double
lcc_sir(double savings_pv, double added_investment_pv)
{
    return added_investment_pv != 0 ? savings_pv / added_investment_pv : 0;
}

double
lcc_airr(double sir, double d, int n)
{
    if (sir <= 0 || n <= 0)
        return -1;
    return (1.0 + d) * pow(sir, 1.0 / n) - 1.0;
}

/* ---- option appraisal ---- */

/* Discount and escalation factors of every year of the window, computed
 * once per appraisal (pow() per cash flow made a million-building
 * appraisal fifty times slower). */
struct lcc_factors {
    double df[LCC_MAX_HORIZON + 2];  /* 1/(1+d)^t of fiscal year y0+k, at [k] */
    double esc[LCC_MAX_HORIZON + 2]; /* (1+e)^t */
    double ren[LCC_MAX_HORIZON + 2]; /* (1+e_r)^k: renewals, Y0 at Y0 prices */
};

static void
lcc_factors_init(const struct lcc_params *p, struct lcc_factors *f)
{
    int k;

    /* end-of-year convention: fiscal year y0 + k is at t = k + first_year_t;
     * factors by repeated division keep within a few ulps of pow() */
    f->df[0] = lcc_spv(p->discount_rate, p->first_year_t);
    f->esc[0] = pow(1.0 + p->escalation_rate, p->first_year_t);
    /* renewals escalate from Y0 (t = k, see lcc_escalate): unit costs are
     * Y0 prices, while running costs are a year's spending paid at t */
    f->ren[0] = 1.0;
    for (k = 1; k <= p->horizon_years && k < LCC_MAX_HORIZON + 2; k++) {
        f->df[k] = f->df[k - 1] / (1.0 + p->discount_rate);
        f->esc[k] = f->esc[k - 1] * (1.0 + p->escalation_rate);
        f->ren[k] = f->ren[k - 1] * (1.0 + p->renewal_escalation_rate);
    }
}

/* PV of events inside the window, each year's share escalated by
 * renewal_escalation_rate, less the residual value at its end of what they
 * bought (docs/method.md §4.4: straight-line proration of the escalated
 * amounts spent). */
static double
lcc_events_pv(const struct lcc_params *p, const struct lcc_factors *fx, int y0,
              const struct lcc_event *ev, size_t n, double *residual_pv)
{
    int end = y0 + p->horizon_years;
    double pv = 0, rv = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        double each = ev[i].cost / ev[i].years, spent = 0, remaining;
        int y, done = ev[i].first + ev[i].years;

        for (y = ev[i].first; y < done; y++)
            if (y >= y0 && y < end) {
                /* with e_r = 0, ren is exactly 1: results stay bit-identical */
                double paid = each * fx->ren[y - y0];

                pv += paid * fx->df[y - y0];
                spent += paid;
            }
        if (spent <= 0)
            continue;
        /* a work still under way at the end keeps all it cost so far */
        remaining = done > end ? ev[i].service_life : (done + ev[i].service_life) - end;
        rv += lcc_residual(spent, remaining, ev[i].service_life);
    }
    *residual_pv = -rv * fx->df[p->horizon_years - 1];
    return pv + *residual_pv;
}

/* PV of an amount a year over fiscal years from .. to (inclusive), each
 * escalated by (1+e)^t. */
static double
lcc_recurring_pv(const struct lcc_factors *fx, int y0, double amount, int from, int to)
{
    double pv = 0;
    int y;

    for (y = from; y <= to; y++)
        pv += amount * fx->esc[y - y0] * fx->df[y - y0];
    return pv;
}

/* A building as it would be after being rebuilt in year y0. */
static struct lcc_building
lcc_rebuilt(const struct lcc_params *p, const struct lcc_building *b, int y0)
{
    struct lcc_building nb = *b;

    nb.built_year = y0;
    nb.renovated_year = 0;
    nb.seismic_deficient = 0;
    nb.floor_area_m2 = b->floor_area_m2 * p->rebuild_area_ratio;
    return nb;
}

unsigned
lcc_repair_blocked(const struct lcc_params *p, const struct lcc_building *b, int y0)
{
    unsigned why = 0;

    if (b->structure < 0 || b->structure >= LCC_STRUCTURES || !p->extendable[b->structure])
        why |= LCC_NOT_STRUCTURE;
    if (y0 - b->built_year + p->age_offset > p->extend80.mid_max_age)
        why |= LCC_NOT_AGE;
    return why;
}

size_t
lcc_main_building(const struct lcc_facility *f)
{
    size_t i, main = 0;

    for (i = 1; i < f->nbuildings; i++)
        if (f->buildings[i].floor_area_m2 > f->buildings[main].floor_area_m2)
            main = i;
    return main;
}

int
lcc_cheapest(const struct lcc_option_result out[LCC_OPTION__COUNT], int essential)
{
    int o, best = -1;

    for (o = 0; o < LCC_OPTION__COUNT; o++) {
        if (!out[o].offered || (essential && (o == LCC_SELL || o == LCC_LEASE)))
            continue;
        if (best < 0 || out[o].pv < out[best].pv)
            best = o;
    }
    return best;
}

/* The mid-life age of b's cycle under model m, as lcc_schedule picks it. */
static int
lcc_mid_age(const struct lcc_params *p, enum lcc_model m, int y0, const struct lcc_building *b)
{
    if (m == LCC_MODEL_EXTEND80 && lcc_extendable(p, b, y0))
        return p->extend80.mid_age;
    if (m == LCC_MODEL_TARGET_LIFE && lcc_structure_extends(p, b) &&
        p->target_life[b->structure] > 0)
        return lcc_target_cycle(p, b).mid_age;
    return p->mic.mid_age;
}

/* 事後保全: the extra repairs of a building that keep runs past its
 * mid-life renovation without it, from y0 until its first work of the
 * schedule ev (its renovation or its rebuild) or the end. */
static double
lcc_unrenovated_pv(const struct lcc_params *p, const struct lcc_factors *fx, enum lcc_model m,
                   int y0, const struct lcc_building *b, const struct lcc_event *ev, size_t n)
{
    const int end = y0 + p->horizon_years;
    int clock = b->built_year, until = end;
    size_t i;

    if (p->unrenovated_repair_yen_m2 <= 0)
        return 0;
    /* a renovation counts as the schedule counts it */
    if (p->renovated_year_restarts && b->renovated_year > b->built_year)
        clock = b->renovated_year;
    if (y0 - clock + p->age_offset <= lcc_mid_age(p, m, y0, b))
        return 0; /* not yet due, or renovated since */
    for (i = 0; i < n; i++)
        if (ev[i].first < until)
            until = ev[i].first < y0 ? y0 : ev[i].first;
    return lcc_recurring_pv(fx, y0, b->floor_area_m2 * p->unrenovated_repair_yen_m2, y0, until - 1);
}

/* The first year of the first rebuild in ev, or the end of the window. */
static int
lcc_first_rebuild(const struct lcc_event *ev, size_t n, int end)
{
    size_t i;
    int first = end;

    for (i = 0; i < n; i++)
        if ((ev[i].work == LCC_W_REBUILD || ev[i].work == LCC_W_BACKLOG_REBUILD) &&
            ev[i].first < first)
            first = ev[i].first;
    return first;
}

/* The repair option of one building that can be extended: a 長寿命化改修
 * now, priced by its condition, then the extend80 cycle from its real age;
 * its 耐震補強 with it when it needs one. */
static size_t
lcc_repair_events(const struct lcc_params *p, int y0, const struct lcc_building *b,
                  struct lcc_event *ev)
{
    const int cat = b->category >= 0 && b->category < LCC_CATEGORIES ? b->category : 0;
    const double r = p->rebuild_yen_m2[cat], mm = p->renovation_yen_m2[cat];
    const struct lcc_cycle *c = &p->extend80;
    const int a = y0 - b->built_year + p->age_offset;
    const int done = y0 + p->renovation_spread_years;
    const int rebuild = lcc_year_at_age(p, b->built_year, c->life) + p->spread_offset;
    const double condition =
        b->soundness > 0 ? 1 + p->repair_condition_premium * (1 - b->soundness / 100.0) : 1;
    size_t n;

    n = lcc_push(ev, 0, LCC_W_LIFE_EXTENSION, y0, p->renovation_spread_years,
                 b->floor_area_m2 * mm * condition, rebuild - done);
    if (b->seismic_deficient)
        n = lcc_push(ev, n, LCC_W_LIFE_EXTENSION, y0, 1,
                     b->floor_area_m2 * p->seismic_retrofit_yen_m2, rebuild - (y0 + 1));
    if (a < p->extend80_medium_age[1]) {
        const int medium =
            lcc_year_at_age(p, b->built_year, p->extend80_medium_age[1]) + p->spread_offset;

        if (medium >= done)
            n = lcc_push(ev, n, LCC_W_MEDIUM_RENOVATION, medium, p->renovation_spread_years,
                         b->floor_area_m2 * r * p->extend80_medium_ratio,
                         rebuild - (medium + p->renovation_spread_years));
    }
    return lcc_push(ev, n, LCC_W_REBUILD, rebuild, p->rebuild_spread_years, b->floor_area_m2 * r,
                    c->life);
}

void
lcc_appraise(const struct lcc_params *p, enum lcc_model m, int y0, const struct lcc_facility *f,
             struct lcc_option_result out[LCC_OPTION__COUNT])
{
    const int last = y0 + p->horizon_years - 1, end = last + 1;
    const double net = f->running_cost_yen - f->revenue_yen;
    const size_t main = lcc_main_building(f);
    struct lcc_event ev[LCC_MAX_EVENTS], rev[LCC_MAX_EVENTS];
    struct lcc_params pa = *p;
    struct lcc_factors fx;
    double area = 0, rv[LCC_OPTION__COUNT] = {0}, x, land = 0, loss = 0;
    int disposal = y0 + p->disposal_year, o;
    size_t i, n, nr;

    memset(out, 0, sizeof *out * LCC_OPTION__COUNT);
    for (o = 0; o < LCC_OPTION__COUNT; o++)
        out[o].offered = 1;
    /* the options treat a building rebuilt inside the horizon alike */
    pa.second_cycle = p->appraisal_second_cycle;
    lcc_factors_init(p, &fx);
    if (disposal > last)
        disposal = last;
    out[LCC_REPAIR].offered =
        f->nbuildings > 0 && lcc_repair_blocked(p, &f->buildings[main], y0) == 0;
    for (i = 0; i < f->nbuildings; i++) {
        const struct lcc_building *b = &f->buildings[i];
        const int cat = b->category >= 0 && b->category < LCC_CATEGORIES ? b->category : 0;
        const double r = p->rebuild_yen_m2[cat];
        const struct lcc_building nb = lcc_rebuilt(p, b, y0);
        double keep, keep_rv, unrenovated;

        area += b->floor_area_m2;
        /* keep: the model's schedule as it stands, its 事後保全 repairs, and
         * the 耐震補強 of a building kept in service unsafe */
        n = lcc_schedule(&pa, m, y0, b, ev);
        /* (the 事後保全 runs until the schedule's first work; the 耐震補強
         * is not a renovation and does not end it) */
        unrenovated = lcc_unrenovated_pv(p, &fx, m, y0, b, ev, n);
        if (b->seismic_deficient) {
            /* it serves until the building's rebuild: inside the window,
             * that of the schedule; none when the rebuild starts now */
            const int life_end = lcc_year_at_age(p, b->built_year, p->mic.life);
            const int rebuilt = lcc_first_rebuild(ev, n, life_end > end ? life_end : end);

            if (rebuilt > y0)
                n = lcc_push(ev, n, LCC_W_LIFE_EXTENSION, y0, 1,
                             b->floor_area_m2 * p->seismic_retrofit_yen_m2, rebuilt - (y0 + 1));
        }
        keep = lcc_events_pv(p, &fx, y0, ev, n, &keep_rv) + unrenovated;
        out[LCC_KEEP].pv += keep;
        rv[LCC_KEEP] += keep_rv;
        if (p->lease_landlord_renewals) {
            out[LCC_LEASE].pv += lcc_events_pv(p, &fx, y0, ev, n, &x);
            rv[LCC_LEASE] += x;
        }
        /* repair: the buildings that can be extended have it; the others
         * stay as in keep */
        if (out[LCC_REPAIR].offered && lcc_repair_blocked(p, b, y0) == 0) {
            nr = lcc_repair_events(p, y0, b, rev);
            out[LCC_REPAIR].pv += lcc_events_pv(p, &fx, y0, rev, nr, &x);
            rv[LCC_REPAIR] += x;
        } else if (out[LCC_REPAIR].offered) {
            out[LCC_REPAIR].pv += keep;
            rv[LCC_REPAIR] += keep_rv;
        }
        /* rebuild: now, then the cycle of the new building, which counts
         * from y0; its next renovation as in keep */
        nr = lcc_push(rev, 0, LCC_W_REBUILD, y0, p->rebuild_spread_years, nb.floor_area_m2 * r,
                      lcc_target_life(p, m, &nb, y0));
        if (p->appraisal_second_cycle)
            nr += lcc_schedule(p, m, y0, &nb, rev + nr);
        out[LCC_REBUILD].pv += lcc_events_pv(p, &fx, y0, rev, nr, &x);
        rv[LCC_REBUILD] += x;
        /* sell: demolition in the disposal year unless sold standing */
        if (!p->sell_with_building && b->structure >= 0 && b->structure < LCC_STRUCTURES)
            out[LCC_SELL].pv +=
                b->floor_area_m2 * p->demolition_yen_m2[b->structure] * fx.df[disposal - y0];
    }
    /* running costs, less revenue, while the city runs the facility; a new
     * building needs fewer repairs */
    x = lcc_recurring_pv(&fx, y0, net, y0, last);
    out[LCC_KEEP].pv += x;
    out[LCC_REPAIR].pv += x;
    out[LCC_REBUILD].pv += lcc_recurring_pv(
        &fx, y0, (net - (1 - p->rebuild_repair_ratio) * f->repair_yen) * p->rebuild_area_ratio, y0,
        last);
    out[LCC_SELL].pv += lcc_recurring_pv(&fx, y0, net, y0, disposal);
    out[LCC_LEASE].pv += lcc_recurring_pv(&fx, y0, net, y0, disposal);
    /* the land: sold, or kept and still worth its value at the end */
    if (f->land_owned) {
        out[LCC_SELL].land_pv = -f->land_value_yen * p->sale_ratio * fx.df[disposal - y0];
        if (p->land_residual)
            land = -f->land_value_yen * p->sale_ratio * fx.df[p->horizon_years - 1];
    }
    out[LCC_KEEP].land_pv = out[LCC_REPAIR].land_pv = out[LCC_REBUILD].land_pv = land;
    out[LCC_LEASE].land_pv = land;
    /* closing gives up the service: its users' value, each year after */
    if (f->users > 0 && disposal < last)
        loss =
            lcc_recurring_pv(&fx, y0, f->users * p->service_value_yen_per_user, disposal + 1, last);
    out[LCC_SELL].service_loss_pv = out[LCC_LEASE].service_loss_pv = loss;
    /* lease (定期借地, 現状有姿貸付): rent after the disposal year; the
     * repairs stay with the city only when the lease says so */
    if (p->lease_landlord_repairs && disposal < last)
        out[LCC_LEASE].pv += lcc_recurring_pv(&fx, y0, f->repair_yen, disposal + 1, last);
    if (disposal < last)
        out[LCC_LEASE].pv -= lcc_recurring_pv(
            &fx, y0, p->lease_land_share * f->land_value_yen + p->lease_yen_m2 * area, disposal + 1,
            last);
    for (o = 0; o < LCC_OPTION__COUNT; o++) {
        if (!out[o].offered) {
            out[o].pv = 0;
            rv[o] = 0;
            continue;
        }
        out[o].pv += out[o].land_pv + out[o].service_loss_pv;
        out[o].residual_pv = rv[o];
        out[o].annual_equivalent = lcc_annual_value(out[o].pv, p->horizon_years, p->discount_rate);
        out[o].pv_per_m2 = area > 0 ? out[o].pv / area : 0;
    }
}

/* ---- names ---- */

const char *
lcc_model_name(enum lcc_model m)
{
    return (unsigned)m < LCC_MODEL__COUNT ? lcc_model_names[m] : "?";
}

const char *
lcc_work_name(enum lcc_work w)
{
    return (unsigned)w < LCC_W__COUNT ? lcc_work_names[w] : "?";
}

const char *
lcc_option_name(enum lcc_option o)
{
    return (unsigned)o < LCC_OPTION__COUNT ? lcc_option_names[o] : "?";
}

int
lcc_work_from_name(const char *name)
{
    int w;

    for (w = 0; name && w < LCC_W__COUNT; w++)
        if (strcmp(name, lcc_work_names[w]) == 0)
            return w;
    return -1;
}

int
lcc_option_from_name(const char *name)
{
    int o;

    for (o = 0; name && o < LCC_OPTION__COUNT; o++)
        if (strcmp(name, lcc_option_names[o]) == 0)
            return o;
    return -1;
}

int
lcc_model_from_name(const char *name)
{
    int m;

    for (m = 0; m < LCC_MODEL__COUNT; m++)
        if (strcmp(name, lcc_model_names[m]) == 0)
            return m;
    return -1;
}
