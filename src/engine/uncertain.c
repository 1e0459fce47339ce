/* uncertain.c - sensitivity, Monte Carlo and switching values over the
 * life-cycle cost engine. */
#include "koyu/engine/uncertain.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNC_TWO_PI    6.283185307179586476925286766559
#define UNC_MAX_SHIFT 200.0 /* years; a wild sd must not overflow a year */

static const char *const unc_var_names[UNC_VAR__COUNT] = {"unit_cost", "discount_rate",
                                                          "escalation", "life"};
static const char *const unc_dist_names[UNC_DIST__COUNT] = {"fixed", "uniform", "triangular",
                                                            "normal"};
/* numbers each kind takes */
static const int unc_dist_arity[UNC_DIST__COUNT] = {1, 2, 3, 2};

/* ---- random numbers ---- */

/* The splitmix64 output function (Sebastiano Vigna, 2015, public domain,
 * https://prng.di.unimi.it/splitmix64.c): a bijective 64-bit mixer. */
static uint64_t
unc_mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* splitmix64: the generator that seeds xoshiro, as its authors advise. */
static uint64_t
unc_splitmix64(uint64_t *x)
{
    *x += 0x9e3779b97f4a7c15u;
    return unc_mix64(*x);
}

/* xoshiro256** 1.0 (David Blackman and Sebastiano Vigna, 2018, public
 * domain, https://prng.di.unimi.it/xoshiro256starstar.c). */
struct unc_rng {
    uint64_t s[4];
};

static uint64_t
unc_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t
unc_next(struct unc_rng *r)
{
    const uint64_t result = unc_rotl(r->s[1] * 5, 7) * 9, t = r->s[1] << 17;

    r->s[2] ^= r->s[0];
    r->s[3] ^= r->s[1];
    r->s[1] ^= r->s[2];
    r->s[0] ^= r->s[3];
    r->s[2] ^= t;
    r->s[3] = unc_rotl(r->s[3], 45);
    return result;
}

/* The generator of draw i.  The draw number is mixed before it meets the
 * seed: seed ^ i would give neighbouring draws overlapping splitmix
 * streams (they step by the same constant). */
static void
unc_rng_seed(struct unc_rng *r, uint64_t seed, uint64_t i)
{
    uint64_t x = seed ^ unc_mix64(i + 1);
    int k;

    for (k = 0; k < 4; k++)
        r->s[k] = unc_splitmix64(&x);
}

/* Uniform on [0, 1) with 53 random bits. */
static double
unc_uniform01(struct unc_rng *r)
{
    return (double)(unc_next(r) >> 11) * 0x1.0p-53;
}

/* One sample of d.  Always two numbers of r, whatever the kind, so that
 * the kinds of the other distributions do not move a draw's numbers. */
static double
unc_sample(const struct unc_dist *d, struct unc_rng *r)
{
    const double u = unc_uniform01(r), v = unc_uniform01(r);
    double w;

    switch (d->kind) {
    case UNC_UNIFORM:
        return d->a + (d->b - d->a) * u;
    case UNC_TRIANGULAR:
        /* inverse of the CDF, in two pieces at the mode */
        w = d->c - d->a;
        if (w <= 0)
            return d->a;
        if (u < (d->b - d->a) / w)
            return d->a + sqrt(u * w * (d->b - d->a));
        return d->c - sqrt((1.0 - u) * w * (d->c - d->b));
    case UNC_NORMAL:
        /* Box-Muller, the cosine half; 1 - u is in (0, 1], so log is finite */
        return d->a + d->b * sqrt(-2.0 * log(1.0 - u)) * cos(UNC_TWO_PI * v);
    default:
        return d->a;
    }
}

/* A timing shift in whole years. */
static int
unc_shift_years(const struct unc_dist *d, struct unc_rng *r)
{
    double s = unc_sample(d, r);

    if (s > UNC_MAX_SHIFT)
        s = UNC_MAX_SHIFT;
    if (s < -UNC_MAX_SHIFT)
        s = -UNC_MAX_SHIFT;
    return (int)lround(s);
}

/* ---- distributions ---- */

static int
unc_dist_valid(const struct unc_dist *d)
{
    if ((unsigned)d->kind >= UNC_DIST__COUNT || !isfinite(d->a) || !isfinite(d->b) ||
        !isfinite(d->c))
        return 0;
    if (d->kind == UNC_UNIFORM)
        return d->a <= d->b;
    if (d->kind == UNC_TRIANGULAR)
        return d->a <= d->b && d->b <= d->c;
    if (d->kind == UNC_NORMAL)
        return d->b >= 0;
    return 1;
}

int
unc_dist_parse(const char *text, struct unc_dist *d)
{
    struct unc_dist t = {UNC_FIXED, 0, 0, 0};
    double v[3] = {0, 0, 0};
    const char *s = text, *word;
    size_t len;
    int k, i;

    if (!text)
        return -1;
    while (*s == ' ' || *s == '\t')
        s++;
    word = s;
    while (*s >= 'a' && *s <= 'z')
        s++;
    len = (size_t)(s - word);
    for (k = 0; k < UNC_DIST__COUNT; k++)
        if (strlen(unc_dist_names[k]) == len && strncmp(word, unc_dist_names[k], len) == 0)
            break;
    if (k == UNC_DIST__COUNT)
        return -1;
    for (i = 0; i < unc_dist_arity[k]; i++) {
        char *end;

        /* a number starts after white space and ends at white space: "0.81.0"
         * is not two numbers */
        if (*s != ' ' && *s != '\t')
            return -1;
        v[i] = strtod(s, &end);
        if (end == s || (*end && *end != ' ' && *end != '\t' && *end != '\n' && *end != '\r'))
            return -1;
        s = end;
    }
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (*s)
        return -1;
    t.kind = (enum unc_dist_kind)k;
    t.a = v[0];
    t.b = v[1];
    t.c = v[2];
    if (!unc_dist_valid(&t))
        return -1;
    *d = t;
    return 0;
}

int
unc_dist_format(const struct unc_dist *d, char *buf, size_t size)
{
    switch (d->kind) {
    case UNC_FIXED:
        return snprintf(buf, size, "fixed %.15g", d->a);
    case UNC_UNIFORM:
        return snprintf(buf, size, "uniform %.15g %.15g", d->a, d->b);
    case UNC_TRIANGULAR:
        return snprintf(buf, size, "triangular %.15g %.15g %.15g", d->a, d->b, d->c);
    case UNC_NORMAL:
        return snprintf(buf, size, "normal %.15g %.15g", d->a, d->b);
    default:
        return snprintf(buf, size, "?");
    }
}

/* ---- the deterministic case ---- */

/* Multiplies the unit-cost tables by factor (1 leaves them bit-identical). */
static void
unc_scale_costs(struct lcc_params *p, double factor)
{
    int i;

    for (i = 0; i < LCC_CATEGORIES; i++) {
        p->rebuild_yen_m2[i] *= factor;
        p->renovation_yen_m2[i] *= factor;
    }
    for (i = 0; i < LCC_STRUCTURES; i++)
        p->demolition_yen_m2[i] *= factor;
}

/* Adds years to a life, keeping it at least a year. */
static void
unc_add_years(int *life, int years)
{
    *life = *life + years >= 1 ? *life + years : 1;
}

/* Moves every life by years; renovation ages stay where they are.  An
 * unset target life (0: the structure stays on the MIC cycle) stays unset. */
static void
unc_shift_lives(struct lcc_params *p, int years)
{
    int s;

    unc_add_years(&p->mic.life, years);
    unc_add_years(&p->mic.rebuild_backlog_min_age, years);
    unc_add_years(&p->extend80.life, years);
    unc_add_years(&p->extend80.rebuild_backlog_min_age, years);
    for (s = 0; s < LCC_STRUCTURES; s++)
        if (p->target_life[s] > 0)
            unc_add_years(&p->target_life[s], years);
}

int
unc_cheapest_among(const struct lcc_params *p, enum lcc_model m, int y0,
                   const struct lcc_facility *f, unsigned mask)
{
    struct lcc_option_result out[LCC_OPTION__COUNT];
    int o, best = -1;

    if (!(mask & UNC_ALL_OPTIONS))
        mask = UNC_ALL_OPTIONS;
    lcc_appraise(p, m, y0, f, out);
    for (o = 0; o < LCC_OPTION__COUNT; o++)
        if ((mask >> o & 1u) && out[o].offered && (best < 0 || out[o].pv < out[best].pv))
            best = o;
    return best;
}

int
unc_cheapest(const struct lcc_params *p, enum lcc_model m, int y0, const struct lcc_facility *f)
{
    return unc_cheapest_among(p, m, y0, f, UNC_ALL_OPTIONS);
}

unsigned
unc_required(const struct lcc_facility *f)
{
    return f->essential ? UNC_SERVICE_OPTIONS : UNC_ALL_OPTIONS;
}

/* The options facility i of pf is compared among. */
static unsigned
unc_mask_of(const struct unc_portfolio *pf, size_t i)
{
    return pf->like_for_like ? unc_required(&pf->facilities[i]) : UNC_ALL_OPTIONS;
}

/* The series of pf under p into series, and into cheapest[] (when not
 * NULL) each facility's cheapest option: every facility's when every,
 * else only those with a chosen option (-1 for the others).  With rng,
 * each building first moves by a shift drawn from shift, in a copy in
 * scratch (room for the largest facility).  The deterministic case and
 * each Monte Carlo draw run this one function, so that draws with nothing
 * drawn are bit-identical to it. */
static void
unc_evaluate(const struct lcc_params *p, const struct unc_portfolio *pf, struct unc_rng *rng,
             const struct unc_dist *shift, struct lcc_building *scratch, double *series,
             int *cheapest, int every)
{
    double work[LCC_MAX_HORIZON * LCC_W__COUNT] = {0};
    struct lcc_event ev[LCC_MAX_EVENTS];
    size_t i, j, n;
    int k, w;

    for (i = 0; i < pf->nfacilities; i++) {
        struct lcc_facility f = pf->facilities[i];

        if (rng) {
            for (j = 0; j < f.nbuildings; j++) {
                int s = unc_shift_years(shift, rng);

                scratch[j] = f.buildings[j];
                scratch[j].built_year += s;
                if (scratch[j].renovated_year)
                    scratch[j].renovated_year += s;
            }
            f.buildings = scratch;
        }
        for (j = 0; j < f.nbuildings; j++) {
            n = lcc_schedule(p, pf->model, pf->y0, &f.buildings[j], ev);
            lcc_spread(p, pf->y0, ev, n, work);
        }
        if (cheapest)
            cheapest[i] = every || (pf->chosen && pf->chosen[i] >= 0)
                              ? unc_cheapest_among(p, pf->model, pf->y0, &f, unc_mask_of(pf, i))
                              : -1;
    }
    for (k = 0; k < p->horizon_years; k++) {
        double sum = 0;

        for (w = 0; w < LCC_W__COUNT; w++)
            sum += work[k * LCC_W__COUNT + w];
        series[k] = sum;
    }
    lcc_escalate(p, pf->y0, series, p->horizon_years);
}

void
unc_project(const struct lcc_params *p, const struct unc_portfolio *pf, double *series)
{
    unc_evaluate(p, pf, NULL, NULL, NULL, series, NULL, 0);
}

double
unc_total(const double *series, int n)
{
    double sum = 0;
    int k;

    for (k = 0; k < n; k++)
        sum += series[k];
    return sum;
}

double
unc_pv(const struct lcc_params *p, const double *series, int n)
{
    /* factors by repeated division from t = first_year_t, as the engine's
     * appraisal takes them */
    double df = lcc_spv(p->discount_rate, p->first_year_t), pv = 0;
    int k;

    for (k = 0; k < n; k++) {
        pv += series[k] * df;
        df /= 1.0 + p->discount_rate;
    }
    return pv;
}

/* ---- one-at-a-time sensitivity ---- */

void
unc_sensitivity_spec_default(struct unc_sensitivity_spec *s)
{
    s->unit_cost_factor[UNC_LOW] = 0.8;
    s->unit_cost_factor[UNC_HIGH] = 1.2;
    s->discount_rate[UNC_LOW] = 0.02;
    s->discount_rate[UNC_HIGH] = 0.06;
    s->escalation_rate[UNC_LOW] = 0;
    s->escalation_rate[UNC_HIGH] = 0.02;
    s->life_years[UNC_LOW] = -10;
    s->life_years[UNC_HIGH] = 10;
}

/* base with variable v at end e. */
static struct lcc_params
unc_vary(const struct lcc_params *base, const struct unc_sensitivity_spec *s, int v, int e)
{
    struct lcc_params p = *base;

    switch (v) {
    case UNC_UNIT_COST:
        unc_scale_costs(&p, s->unit_cost_factor[e]);
        break;
    case UNC_DISCOUNT:
        p.discount_rate = s->discount_rate[e];
        break;
    case UNC_ESCALATION:
        p.escalation_rate = p.renewal_escalation_rate = s->escalation_rate[e];
        break;
    default:
        unc_shift_lives(&p, s->life_years[e]);
        break;
    }
    return p;
}

enum koyu_err
unc_sensitivity(const struct lcc_params *base, const struct unc_portfolio *pf,
                const struct unc_sensitivity_spec *spec, struct unc_sensitivity *out)
{
    double series[LCC_MAX_HORIZON];
    int *cheapest = NULL, v, e;
    enum koyu_err err = KOYU_OK;
    size_t i, n = pf->nfacilities;

    memset(out, 0, sizeof *out);
    out->nfacilities = n;
    /* one more element, so that an empty portfolio still allocates */
    out->base_cheapest = malloc((n + 1) * sizeof *out->base_cheapest);
    out->changes = calloc(n + 1, sizeof *out->changes);
    cheapest = malloc((n + 1) * sizeof *cheapest);
    if (!out->base_cheapest || !out->changes || !cheapest) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    unc_evaluate(base, pf, NULL, NULL, NULL, series, out->base_cheapest, 1);
    out->base_total = unc_total(series, base->horizon_years);
    out->base_pv = unc_pv(base, series, base->horizon_years);
    for (v = 0; v < UNC_VAR__COUNT; v++) {
        for (e = 0; e < UNC_END__COUNT; e++) {
            struct lcc_params p = unc_vary(base, spec, v, e);
            struct unc_case *c = &out->cases[v][e];

            unc_evaluate(&p, pf, NULL, NULL, NULL, series, cheapest, 1);
            c->total = unc_total(series, p.horizon_years);
            c->pv = unc_pv(&p, series, p.horizon_years);
            for (i = 0; i < n; i++)
                if (cheapest[i] != out->base_cheapest[i]) {
                    c->changed++;
                    out->changes[i] |= UNC_BIT(v, e);
                }
        }
        out->swing[v] = fabs(out->cases[v][UNC_HIGH].total - out->cases[v][UNC_LOW].total);
    }
cleanup:
    free(cheapest);
    return err;
}

void
unc_sensitivity_release(struct unc_sensitivity *s)
{
    free(s->base_cheapest);
    free(s->changes);
    memset(s, 0, sizeof *s);
}

void
unc_tornado(const struct unc_sensitivity *s, enum unc_var order[UNC_VAR__COUNT])
{
    int i, j;

    /* insertion sort: stable, so equal swings keep the enum order */
    for (i = 0; i < UNC_VAR__COUNT; i++) {
        enum unc_var v = (enum unc_var)i;

        for (j = i; j > 0 && s->swing[order[j - 1]] < s->swing[v]; j--)
            order[j] = order[j - 1];
        order[j] = v;
    }
}

const char *
unc_var_name(enum unc_var v)
{
    return (unsigned)v < UNC_VAR__COUNT ? unc_var_names[v] : "?";
}

/* ---- percentiles ---- */

double
unc_percentile(const double *sorted, size_t n, double q)
{
    double h, lo;
    size_t i;

    if (n == 0)
        return 0;
    if (!(q > 0))
        q = 0;
    if (q > 1)
        q = 1;
    h = (double)(n - 1) * q;
    lo = floor(h);
    i = (size_t)lo;
    if (i + 1 >= n)
        return sorted[n - 1];
    return sorted[i] + (h - lo) * (sorted[i + 1] - sorted[i]);
}

static int
unc_cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

void
unc_stats_of(double *x, size_t n, struct unc_stats *out)
{
    double dev = 0;
    size_t i;

    qsort(x, n, sizeof *x, unc_cmp_double);
    out->p5 = unc_percentile(x, n, 0.05);
    out->p50 = unc_percentile(x, n, 0.50);
    out->p95 = unc_percentile(x, n, 0.95);
    /* about the median: no rounding at all when every value is the same */
    for (i = 0; i < n; i++)
        dev += x[i] - out->p50;
    out->mean = n ? out->p50 + dev / (double)n : 0;
}

/* ---- Monte Carlo ---- */

void
unc_mc_spec_default(struct unc_mc_spec *s)
{
    s->draws = 1000;
    s->seed = 1;
    s->nthreads = 2;
    s->unit_cost = (struct unc_dist){UNC_TRIANGULAR, 0.8, 1.0, 1.3};
    s->escalation = (struct unc_dist){UNC_UNIFORM, 0, 0.02, 0};
    s->shift = (struct unc_dist){UNC_NORMAL, 0, 3, 0};
}

/* What every thread reads, and the draws x H results they write, each
 * into its own rows. */
struct unc_job {
    const struct lcc_params *base;
    const struct unc_portfolio *pf;
    const struct unc_mc_spec *spec;
    double *rows;   /* draws x H */
    double *totals; /* draws */
    double *pvs;    /* draws */
};

/* One thread's slice of the draws and its own scratch and counters. */
struct unc_worker {
    const struct unc_job *job;
    size_t first, last;           /* draws first .. last-1 */
    struct lcc_building *scratch; /* owned: one facility's moved buildings */
    int *cheapest;                /* owned: per facility, this draw */
    size_t *hits;                 /* owned: per facility, chosen was cheapest */
};

static void *
unc_work(void *arg)
{
    struct unc_worker *w = arg;
    const struct unc_job *job = w->job;
    const struct unc_mc_spec *spec = job->spec;
    const int h = job->base->horizon_years;
    size_t i, f;

    for (i = w->first; i < w->last; i++) {
        struct lcc_params p = *job->base;
        double *row = job->rows + i * (size_t)h;
        struct unc_rng r;
        double factor;

        unc_rng_seed(&r, spec->seed, i);
        factor = unc_sample(&spec->unit_cost, &r);
        p.escalation_rate = p.renewal_escalation_rate = unc_sample(&spec->escalation, &r);
        unc_scale_costs(&p, factor);
        unc_evaluate(&p, job->pf, &r, &spec->shift, w->scratch, row, w->cheapest, 0);
        job->totals[i] = unc_total(row, h);
        job->pvs[i] = unc_pv(&p, row, h);
        for (f = 0; f < job->pf->nfacilities; f++)
            if (w->cheapest[f] >= 0 && w->cheapest[f] == job->pf->chosen[f])
                w->hits[f]++;
    }
    return NULL;
}

void
unc_mc_release(struct unc_mc *r)
{
    free(r->p_chosen);
    memset(r, 0, sizeof *r);
}

enum koyu_err
unc_monte_carlo(const struct lcc_params *base, const struct unc_portfolio *pf,
                const struct unc_mc_spec *spec, struct unc_mc *out)
{
    const int h = base->horizon_years;
    const size_t draws = spec->draws, nf = pf->nfacilities;
    struct unc_worker *workers = NULL;
    pthread_t *threads = NULL;
    int *started = NULL;
    double *column = NULL;
    struct unc_job job = {base, pf, spec, NULL, NULL, NULL};
    enum koyu_err err = KOYU_OK;
    size_t maxb = 1, i, f;
    int t, nt = spec->nthreads > 0 ? spec->nthreads : 1, k;

    memset(out, 0, sizeof *out);
    if (draws == 0 || h < 1 || h > LCC_MAX_HORIZON || !unc_dist_valid(&spec->unit_cost) ||
        !unc_dist_valid(&spec->escalation) || !unc_dist_valid(&spec->shift))
        return KOYU_ERR_USAGE;
    if ((size_t)nt > draws)
        nt = (int)draws;
    if (draws > ((size_t)-1) / sizeof(double) / (size_t)h)
        return KOYU_ERR_NOMEM;
    for (f = 0; f < nf; f++)
        if (pf->facilities[f].nbuildings > maxb)
            maxb = pf->facilities[f].nbuildings;
    out->draws = draws;
    out->horizon = h;
    out->nfacilities = nf;
    out->p_chosen = malloc((nf + 1) * sizeof *out->p_chosen);
    job.rows = malloc(draws * (size_t)h * sizeof *job.rows);
    job.totals = malloc(draws * sizeof *job.totals);
    job.pvs = malloc(draws * sizeof *job.pvs);
    column = malloc(draws * sizeof *column);
    workers = calloc((size_t)nt, sizeof *workers);
    threads = calloc((size_t)nt, sizeof *threads);
    started = calloc((size_t)nt, sizeof *started);
    if (!out->p_chosen || !job.rows || !job.totals || !job.pvs || !column || !workers || !threads ||
        !started) {
        err = KOYU_ERR_NOMEM;
        goto cleanup;
    }
    /* every allocation before the first thread starts: a failure leaves
     * nothing to join */
    for (t = 0; t < nt; t++) {
        struct unc_worker *w = &workers[t];

        w->job = &job;
        w->first = draws * (size_t)t / (size_t)nt;
        w->last = draws * (size_t)(t + 1) / (size_t)nt;
        w->scratch = malloc(maxb * sizeof *w->scratch);
        w->cheapest = malloc((nf + 1) * sizeof *w->cheapest);
        w->hits = calloc(nf + 1, sizeof *w->hits);
        if (!w->scratch || !w->cheapest || !w->hits) {
            err = KOYU_ERR_NOMEM;
            goto cleanup;
        }
    }
    /* slice 0 runs here; a thread that cannot start has its slice run here
     * too: the results are the same either way */
    for (t = 1; t < nt; t++)
        started[t] = pthread_create(&threads[t], NULL, unc_work, &workers[t]) == 0;
    unc_work(&workers[0]);
    for (t = 1; t < nt; t++) {
        if (started[t])
            pthread_join(threads[t], NULL);
        else
            unc_work(&workers[t]);
    }
    for (f = 0; f < nf; f++) {
        size_t hits = 0;

        for (t = 0; t < nt; t++)
            hits += workers[t].hits[f];
        out->p_chosen[f] =
            pf->chosen && pf->chosen[f] >= 0 ? (double)hits / (double)draws : UNC_NO_CHOICE;
    }
    for (k = 0; k < h; k++) {
        for (i = 0; i < draws; i++)
            column[i] = job.rows[i * (size_t)h + (size_t)k];
        unc_stats_of(column, draws, &out->year[k]);
    }
    unc_stats_of(job.totals, draws, &out->total);
    unc_stats_of(job.pvs, draws, &out->pv);
cleanup:
    for (t = 0; workers && t < nt; t++) {
        free(workers[t].scratch);
        free(workers[t].cheapest);
        free(workers[t].hits);
    }
    free(workers);
    free(threads);
    free(started);
    free(column);
    free(job.rows);
    free(job.totals);
    free(job.pvs);
    return err;
}

/* ---- switching values ---- */

enum unc_rate { UNC_RATE_DISCOUNT, UNC_RATE_RENEWAL };

/* The cheapest option of f with one rate set to x. */
static int
unc_cheapest_at(const struct lcc_params *base, enum unc_rate which, double x, enum lcc_model m,
                int y0, const struct lcc_facility *f, unsigned mask)
{
    struct lcc_params p = *base;

    if (which == UNC_RATE_DISCOUNT)
        p.discount_rate = x;
    else
        p.renewal_escalation_rate = x;
    return unc_cheapest_among(&p, m, y0, f, mask);
}

/* The switching value of one rate in [lo, hi] (see the header). */
static void
unc_switch_search(const struct lcc_params *base, enum unc_rate which, double lo, double hi,
                  enum lcc_model m, int y0, const struct lcc_facility *f, unsigned mask,
                  struct unc_switch *out)
{
    double start = which == UNC_RATE_DISCOUNT ? base->discount_rate : base->renewal_escalation_rate;
    double nearest = hi - lo + 1;
    int o0, dir, j;

    out->found = 0;
    out->value = 0;
    out->to = -1;
    if (start < lo)
        start = lo;
    if (start > hi)
        start = hi;
    o0 = unc_cheapest_at(base, which, start, m, y0, f, mask);
    /* down first, so that of two changes as near the lower is kept */
    for (dir = -1; dir <= 1; dir += 2) {
        const double end = dir < 0 ? lo : hi;
        double prev = start;

        /* x from j, not by adding steps: no drift over sixty steps */
        for (j = 1; prev != end; j++) {
            double x = start + dir * j * UNC_SCAN_STEP, a, b, at;
            int c;

            if ((x - end) * dir > 0)
                x = end;
            c = unc_cheapest_at(base, which, x, m, y0, f, mask);
            if (c == o0) {
                prev = x;
                continue;
            }
            /* o0 at a, another option at b */
            a = prev;
            b = x;
            while (fabs(b - a) > UNC_SWITCH_TOL) {
                double mid = 0.5 * (a + b);
                int cm = unc_cheapest_at(base, which, mid, m, y0, f, mask);

                if (cm == o0) {
                    a = mid;
                } else {
                    b = mid;
                    c = cm;
                }
            }
            at = 0.5 * (a + b);
            if (fabs(at - start) < nearest) {
                nearest = fabs(at - start);
                out->found = 1;
                out->value = at;
                out->to = c;
            }
            break;
        }
    }
}

void
unc_switching_values_among(const struct lcc_params *base, enum lcc_model m, int y0,
                           const struct lcc_facility *f, unsigned mask, struct unc_switching *out)
{
    out->base_option = unc_cheapest_among(base, m, y0, f, mask);
    unc_switch_search(base, UNC_RATE_DISCOUNT, UNC_DISCOUNT_MIN, UNC_DISCOUNT_MAX, m, y0, f, mask,
                      &out->discount);
    unc_switch_search(base, UNC_RATE_RENEWAL, UNC_RENEWAL_ESC_MIN, UNC_RENEWAL_ESC_MAX, m, y0, f,
                      mask, &out->renewal_escalation);
}

void
unc_switching_values(const struct lcc_params *base, enum lcc_model m, int y0,
                     const struct lcc_facility *f, struct unc_switching *out)
{
    unc_switching_values_among(base, m, y0, f, UNC_ALL_OPTIONS, out);
}
