/* bench_engine.c - engine time alone: the renewal projection of N buildings
 * (default 1,000,000) over 40 years under each model, and the option
 * appraisal of their facilities.  Part of `make bench`, not of the tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "koyu/engine/lcc.h"
#include "koyu/run/params.h"

static unsigned long long bench_state = 0x9E3779B97F4A7C15ULL;

/* splitmix64: the same buildings on every machine */
static unsigned long long
bench_rand(void)
{
    unsigned long long z = (bench_state += 0x9E3779B97F4A7C15ULL);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double
bench_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000, i;
    struct lcc_building *b = malloc(n * sizeof *b);
    double portfolio[LCC_MAX_HORIZON * LCC_W__COUNT];
    struct params p;
    struct diag d;
    int m;

    diag_init(&d, stderr, KOYU_LANG_EN, 10);
    if (!b || params_load(&p, NULL, &d) != KOYU_OK)
        return 1;
    for (i = 0; i < n; i++) {
        b[i].category = (int)(bench_rand() % LCC_CATEGORIES);
        b[i].structure = (int)(bench_rand() % LCC_STRUCTURES);
        b[i].seismic_deficient = (int)(bench_rand() % 4 == 0);
        b[i].floor_area_m2 = 50 + (double)(bench_rand() % 50000) / 10;
        b[i].built_year = 1950 + (int)(bench_rand() % 76);
        b[i].renovated_year = bench_rand() % 10 == 0 ? b[i].built_year + 30 : 0;
    }
    printf("engine: %zu buildings, %d years\n", n, p.lcc.horizon_years);
    for (m = 0; m < LCC_MODEL__COUNT; m++) {
        double t0 = bench_seconds(), total = 0;
        int k;

        memset(portfolio, 0, sizeof portfolio);
        for (i = 0; i < n; i++) {
            struct lcc_event ev[LCC_MAX_EVENTS];
            size_t ne = lcc_schedule(&p.lcc, (enum lcc_model)m, 2026, &b[i], ev);

            lcc_spread(&p.lcc, 2026, ev, ne, portfolio);
        }
        for (k = 0; k < LCC_MAX_HORIZON * LCC_W__COUNT; k++)
            total += portfolio[k];
        printf("  projection %-12s %6.3f s   total %.6e yen\n", lcc_model_name((enum lcc_model)m),
               bench_seconds() - t0, total);
    }
    /* facilities of about 3.3 buildings, as in the kushiro-like profile */
    for (m = 0; m < LCC_MODEL__COUNT; m++) {
        double t0 = bench_seconds(), sum = 0;
        size_t nf = 0;

        for (i = 0; i < n; i += 3) {
            struct lcc_facility f = {&b[i], n - i < 3 ? n - i : 3, 1e7, 2e6, 1e6, 5e7, 1, 2e4, 0};
            struct lcc_option_result r[LCC_OPTION__COUNT];

            lcc_appraise(&p.lcc, (enum lcc_model)m, 2026, &f, r);
            sum += r[LCC_KEEP].pv;
            nf++;
        }
        printf("  appraisal  %-12s %6.3f s   %zu facilities x 5 options (keep PV %.3e)\n",
               lcc_model_name((enum lcc_model)m), bench_seconds() - t0, nf, sum);
    }
    free(b);
    return 0;
}
