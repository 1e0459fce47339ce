/*
 * gen_inventory.c: seeded, deterministic generator of synthetic facility
 * inventories in the three-CSV layout that koyu imports (facilities.csv,
 * buildings.csv, usage.csv).  Everything it writes is invented
 * (架空のデータ); only the aggregate profile follows a real municipality.
 *
 * The default reproduces the published profile of 釧路市 (docs/method.md §11:
 * 547 facilities, 1,815 buildings, 1,117,101 ㎡, 44 % 旧耐震, running cost
 * about 60億円/年).  --buildings N scales the same profile.
 *
 * Determinism.  One PRNG (xoshiro256**, seeded through splitmix64), never
 * rand().  No libm transcendental function is called, because exp() and
 * log() may differ in the last bit between C libraries; the few
 * exponentials needed come from det_exp(), which uses + - * / only, and
 * IEEE 754 rounds those identically everywhere.  Every number in the output
 * is formatted from an integer, never with %f.
 *
 * Memory.  Rows are written as they are generated; only the buildings of the
 * current facility are held.  The generator runs twice over the same random
 * streams: the first pass writes nothing and only sums raw floor area and
 * latest-year cost per category, so that the second pass can scale both onto
 * the profile's totals.  Each facility, each building and each facility's
 * usage rows draw from their own stream, so a draw added or skipped in one
 * place cannot shift the numbers anywhere else between the two passes.
 *
 * Usage: gen_inventory [--buildings N] [--seed S] [--year Y0] --out DIR
 */

/*
 * clang contracts a*b+c into one fused multiply-add by default, which rounds
 * differently from the two separate operations; GCC already turns contraction
 * off in ISO C mode (-std=c11) and warns about this pragma, hence the guard.
 */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

/* ---- profile constants ---- */

/* 釧路市 保全計画 basis (H25年度末), docs/method.md §11. */
enum { PROFILE_FACILITIES = 547, PROFILE_BUILDINGS = 1815 };
#define PROFILE_AREA_TENTHS INT64_C(11171011)   /* 1,117,101.1 ㎡ */
#define PROFILE_COST_YEN    INT64_C(6000000000) /* 60億円/年 */

/* The plan's base year: its "築30年以上 52 %" is counted at FY2013. */
enum { PLAN_BASE_YEAR = 2013 };

enum { FIRST_YEAR = 1950, YEAR_MIN_Y0 = 2014, YEAR_MAX_Y0 = 2100 };

/*
 * Age bands the floor area is calibrated to: built by FY1981 (旧耐震, 44 %),
 * FY1982-FY1983 (which makes 築30年以上 at FY2013 52 %), and later.
 */
enum { NBAND = 3 };
static const int band_permille[NBAND] = {440, 80, 480};
enum { MAX_BUILDINGS = 10000000 };
enum { NCAT = 13, NCOST = 6, NYEARS = 3, NPARTS = 5 };
enum { OUT_BUFSIZE = 1 << 20 };

/* ---- random numbers ---- */

struct rng {
    uint64_t s[4];
};

/* splitmix64 step: the recommended way to seed xoshiro from one word. */
static uint64_t
splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));

    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Independent stream for (seed, stream, sub), e.g. (seed, facility, building). */
static void
rng_init(struct rng *r, uint64_t seed, uint64_t stream, uint64_t sub)
{
    uint64_t x = seed;
    uint64_t h = splitmix64(&x);
    int i;

    x = h ^ (stream * UINT64_C(0xD1B54A32D192ED03));
    h = splitmix64(&x);
    x = h ^ (sub * UINT64_C(0xABC98388FB8FAC03));
    for (i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t
rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* xoshiro256** (Blackman and Vigna). */
static uint64_t
rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, 1) with 53 random bits. */
static double
rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [0, n); multiply-shift keeps it integer-only. */
static int64_t
rng_below(struct rng *r, int64_t n)
{
    if (n <= 1) {
        (void)rng_next(r); /* keep the draw count fixed */
        return 0;
    }
    return (int64_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform integer in [lo, hi]. */
static int
rng_range(struct rng *r, int lo, int hi)
{
    return lo + (int)rng_below(r, (int64_t)hi - lo + 1);
}

/*
 * Approximately standard normal: Irwin-Hall sum of four uniforms, rescaled.
 * Bounded at ±3.46, which keeps lognormal noise free of absurd outliers and
 * needs no log/sqrt/cos.
 */
static double
rng_normal(struct rng *r)
{
    double s = rng_unit(r) + rng_unit(r) + rng_unit(r) + rng_unit(r);

    return (s - 2.0) * 1.7320508075688772;
}

/*
 * e^x with + - * / only, so the result is the same on every IEEE machine:
 * x = k ln2 + r with |r| <= ln2/2, a degree-13 Taylor polynomial for e^r
 * (error below 1e-16), and 2^k built directly in the exponent bits.
 */
static double
det_exp(double x)
{
    static const double inv_fact[14] = {1.0,
                                        1.0,
                                        1.0 / 2.0,
                                        1.0 / 6.0,
                                        1.0 / 24.0,
                                        1.0 / 120.0,
                                        1.0 / 720.0,
                                        1.0 / 5040.0,
                                        1.0 / 40320.0,
                                        1.0 / 362880.0,
                                        1.0 / 3628800.0,
                                        1.0 / 39916800.0,
                                        1.0 / 479001600.0,
                                        1.0 / 6227020800.0};
    uint64_t bits;
    double scale;
    double red;
    double p;
    int k;
    int i;

    if (x > 30.0)
        x = 30.0;
    if (x < -30.0)
        x = -30.0;
    k = (int)(x * 1.4426950408889634 + (x >= 0.0 ? 0.5 : -0.5));
    red = x - (double)k * 0.6931471805599453;
    p = inv_fact[13];
    for (i = 12; i >= 0; i--)
        p = p * red + inv_fact[i];
    bits = (uint64_t)(1023 + k) << 52;
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

/* Lognormal-ish factor with median about 1 and mean about 1. */
static double
rng_lognormal(struct rng *r, double sigma)
{
    return det_exp(sigma * rng_normal(r) - 0.5 * sigma * sigma);
}

/* Index drawn from integer weights; weights must not all be zero. */
static int
rng_pick(struct rng *r, const int *w, int n)
{
    int64_t total = 0;
    int64_t u;
    int i;

    for (i = 0; i < n; i++)
        total += w[i];
    u = rng_below(r, total);
    for (i = 0; i < n; i++) {
        if (u < w[i])
            return i;
        u -= w[i];
    }
    return n - 1;
}

/* Round a non-negative double to the nearest integer. */
static int64_t
round_pos(double x)
{
    if (x <= 0.0)
        return 0;
    return (int64_t)(x + 0.5);
}

/* ---- domain tables ---- */

enum structure { SK_RC, SK_SRC, SK_S, SK_W, SK_CB, SK_LGS, SK__COUNT };

static const char *const structure_name[SK__COUNT] = {"RC", "SRC", "S", "W", "CB", "LGS"};

/* Storeys a structure type plausibly reaches in this stock. */
static const int structure_max_floors[SK__COUNT] = {11, 14, 4, 2, 2, 2};

enum mix {
    MIX_RC,
    MIX_GOV,
    MIX_HALL,
    MIX_HALL_L,
    MIX_GYM,
    MIX_SHED,
    MIX_SMALL,
    MIX_PLANT,
    MIX_HOUSING,
    MIX__COUNT
};

/* Structure weights (RC, SRC, S, W, CB, LGS); MIX_HOUSING depends on year. */
static const int mix_weight[MIX__COUNT][SK__COUNT] = {
    [MIX_RC] = {88, 5, 4, 2, 1, 0},       [MIX_GOV] = {70, 22, 6, 2, 0, 0},
    [MIX_HALL] = {30, 0, 15, 40, 5, 10},  [MIX_HALL_L] = {60, 12, 23, 5, 0, 0},
    [MIX_GYM] = {42, 5, 50, 3, 0, 0},     [MIX_SHED] = {5, 0, 25, 30, 15, 25},
    [MIX_SMALL] = {15, 0, 5, 40, 30, 10}, [MIX_PLANT] = {55, 10, 35, 0, 0, 0},
    [MIX_HOUSING] = {80, 5, 0, 5, 10, 0},
};

enum category_id {
    C_CULTURE,
    C_SOCIAL_EDU,
    C_SPORTS,
    C_INDUSTRY,
    C_SCHOOL,
    C_CHILD,
    C_WELFARE,
    C_MEDICAL,
    C_ADMIN,
    C_HOUSING,
    C_PARK,
    C_SUPPLY,
    C_OTHER
};

/*
 * Construction-year profiles: (fiscal year, weight) anchors, linear in
 * between, flat after the last.  All four peak in 1982; 釧路市's plan has
 * 44 % of floor area built by FY1981 but 52 % by FY1983 (築30年以上 at
 * FY2013), so the early 1980s were the busiest years.
 */
enum profile { PR_SCHOOL, PR_HOUSING, PR_CIVIC, PR_ADMIN, PR__COUNT };
enum { PROFILE_ANCHORS = 18 };

struct anchor {
    int year;
    int weight;
};

static const struct anchor profile_anchor[PR__COUNT][PROFILE_ANCHORS] = {
    [PR_SCHOOL] = {{1950, 6},
                   {1955, 13},
                   {1960, 26},
                   {1965, 52},
                   {1970, 84},
                   {1975, 110},
                   {1979, 130},
                   {1982, 192},
                   {1984, 136},
                   {1987, 76},
                   {1990, 60},
                   {1995, 38},
                   {2000, 26},
                   {2005, 19},
                   {2010, 15},
                   {2025, 10}},
    [PR_HOUSING] = {{1950, 6},
                    {1955, 16},
                    {1960, 39},
                    {1965, 72},
                    {1970, 98},
                    {1975, 117},
                    {1979, 130},
                    {1982, 192},
                    {1984, 136},
                    {1987, 81},
                    {1990, 64},
                    {1995, 47},
                    {2000, 34},
                    {2005, 27},
                    {2010, 20},
                    {2015, 14},
                    {2025, 7}},
    [PR_CIVIC] = {{1950, 4},
                  {1955, 8},
                  {1960, 16},
                  {1965, 32},
                  {1970, 58},
                  {1975, 91},
                  {1979, 117},
                  {1982, 168},
                  {1984, 136},
                  {1987, 98},
                  {1990, 81},
                  {1995, 60},
                  {2000, 34},
                  {2005, 21},
                  {2010, 17},
                  {2025, 10}},
    [PR_ADMIN] = {{1950, 6},
                  {1955, 13},
                  {1960, 26},
                  {1965, 46},
                  {1970, 65},
                  {1975, 84},
                  {1979, 104},
                  {1982, 132},
                  {1984, 100},
                  {1990, 72},
                  {1995, 60},
                  {2000, 47},
                  {2005, 38},
                  {2010, 30},
                  {2025, 21}},
};

/*
 * The 13 MIC categories (docs/method.md §1.1) with the kushiro-like counts.
 * Facility and building counts add up to 547 and 1,815; area_permille adds
 * up to 1000 and puts schools and housing at about a third each, as in the
 * 保全計画 (whose scope without schools, housing and parks is 32.2 %).
 * cost_rate is 円/㎡/年 before calibration; share is the split over the six
 * cost columns in %; revenue_permille is revenue as ‰ of cost, or -1 for rent.
 */
struct category {
    const char *name;
    int facilities;
    int buildings;
    int area_permille;
    int profile;
    int cost_rate;
    int share[NCOST];
    int zero_personnel_pct;   /* unstaffed */
    int zero_outsourcing_pct; /* run directly */
    int designated_pct;       /* 指定管理: staff costs move to 委託料 */
    int revenue_permille;
    int owned_pct;     /* land owned by the city */
    int seismic[3];    /* pre-1982: 補強済, 未補強, 不明 */
    int renovated_pct; /* of buildings older than 30 years */
};

static const struct category categories[NCAT] = {
    [C_CULTURE] = {"市民文化系施設",
                   100,
                   125,
                   66,
                   PR_CIVIC,
                   7200,
                   {25, 25, 15, 10, 20, 5},
                   40,
                   20,
                   30,
                   60,
                   86,
                   {40, 52, 8},
                   30},
    [C_SOCIAL_EDU] = {"社会教育系施設",
                      15,
                      35,
                      24,
                      PR_CIVIC,
                      11000,
                      {45, 18, 10, 7, 15, 5},
                      5,
                      10,
                      10,
                      30,
                      92,
                      {55, 40, 5},
                      35},
    [C_SPORTS] = {"スポーツ・レクリエーション系施設",
                  55,
                  125,
                  59,
                  PR_CIVIC,
                  9000,
                  {20, 30, 12, 8, 25, 5},
                  10,
                  10,
                  45,
                  150,
                  88,
                  {45, 47, 8},
                  30},
    [C_INDUSTRY] = {"産業系施設",
                    25,
                    45,
                    17,
                    PR_ADMIN,
                    4800,
                    {20, 20, 15, 10, 25, 10},
                    30,
                    20,
                    30,
                    100,
                    85,
                    {30, 58, 12},
                    20},
    [C_SCHOOL] = {"学校教育系施設",
                  52,
                  300,
                  325,
                  PR_SCHOOL,
                  3200,
                  {20, 35, 12, 15, 10, 8},
                  5,
                  5,
                  0,
                  5,
                  98,
                  {96, 2, 2},
                  45},
    [C_CHILD] = {"子育て支援施設",
                 45,
                 60,
                 26,
                 PR_CIVIC,
                 20000,
                 {70, 10, 5, 5, 5, 5},
                 5,
                 30,
                 10,
                 100,
                 88,
                 {55, 40, 5},
                 30},
    [C_WELFARE] = {"保健・福祉施設",
                   35,
                   55,
                   30,
                   PR_CIVIC,
                   9600,
                   {35, 20, 10, 8, 22, 5},
                   20,
                   20,
                   40,
                   50,
                   90,
                   {45, 48, 7},
                   30},
    [C_MEDICAL] = {"医療施設",
                   5,
                   10,
                   4,
                   PR_ADMIN,
                   32000,
                   {60, 12, 8, 5, 10, 5},
                   0,
                   20,
                   20,
                   500,
                   95,
                   {50, 45, 5},
                   30},
    [C_ADMIN] = {"行政系施設",
                 75,
                 130,
                 73,
                 PR_ADMIN,
                 11000,
                 {60, 15, 8, 7, 6, 4},
                 15,
                 20,
                 0,
                 3,
                 93,
                 {70, 25, 5},
                 35},
    [C_HOUSING] = {"公営住宅",
                   58,
                   760,
                   322,
                   PR_HOUSING,
                   1850,
                   {5, 3, 20, 40, 27, 5},
                   30,
                   10,
                   0,
                   -1,
                   95,
                   {60, 36, 4},
                   25},
    [C_PARK] = {"公園",
                40,
                90,
                6,
                PR_ADMIN,
                6400,
                {10, 10, 20, 10, 45, 5},
                50,
                5,
                30,
                50,
                85,
                {20, 60, 20},
                15},
    [C_SUPPLY] = {"供給処理施設",
                  12,
                  40,
                  33,
                  PR_ADMIN,
                  16000,
                  {15, 25, 15, 15, 25, 5},
                  10,
                  5,
                  0,
                  150,
                  95,
                  {50, 45, 5},
                  35},
    [C_OTHER] = {"その他",
                 30,
                 40,
                 15,
                 PR_ADMIN,
                 4800,
                 {15, 20, 20, 15, 20, 10},
                 50,
                 30,
                 10,
                 250,
                 80,
                 {25, 60, 15},
                 20},
};

enum dept {
    D_SOUMU,
    D_SHISAN,
    D_KYODO,
    D_SHIMIN,
    D_KANKYO,
    D_KOREI,
    D_SHOGAI,
    D_KODOMO,
    D_KENKO,
    D_NORIN,
    D_KANKO,
    D_JUTAKU,
    D_KOEN,
    D_DORO,
    D_SHOBO,
    D_GAKKO,
    D_SHOGAKU,
    D_SPORTS,
    D_AKAN,
    D_ONBETSU,
    D__COUNT
};

static const char *const dept_name[D__COUNT] = {
    [D_SOUMU] = "総務部総務課",
    [D_SHISAN] = "総務部資産経営課",
    [D_KYODO] = "市民環境部市民協働推進課",
    [D_SHIMIN] = "市民環境部市民課",
    [D_KANKYO] = "市民環境部環境事業課",
    [D_KOREI] = "福祉部介護高齢課",
    [D_SHOGAI] = "福祉部障がい福祉課",
    [D_KODOMO] = "こども保健部こども育成課",
    [D_KENKO] = "こども保健部健康推進課",
    [D_NORIN] = "産業振興部農林水産課",
    [D_KANKO] = "観光国際交流部観光振興室",
    [D_JUTAKU] = "都市整備部住宅課",
    [D_KOEN] = "都市整備部公園緑化課",
    [D_DORO] = "都市整備部道路維持課",
    [D_SHOBO] = "消防本部総務課",
    [D_GAKKO] = "教育委員会学校教育課",
    [D_SHOGAKU] = "教育委員会生涯学習課",
    [D_SPORTS] = "教育委員会スポーツ課",
    [D_AKAN] = "阿寒町行政センター地域振興課",
    [D_ONBETSU] = "音別町行政センター地域振興課",
};

enum district { DI_CHUBU, DI_TOBU, DI_SEIBU, DI_HOKUBU, DI_AKAN, DI_ONBETSU, DI__COUNT };

/* Place lists are disjoint, so names built from them never collide. */
static const char *const places_chubu[] = {"幣舞",   "米町", "浦見", "南大通", "北大通", "末広",
                                           "錦町",   "大町", "入舟", "住吉",   "弥生",   "柏木",
                                           "富士見", "栄町", "黒金", "川上",   "旭町",   "若松",
                                           "寿",     "白金", "松浦", "新橋",   "中島",   "鶴ヶ岱"};
static const char *const places_tobu[] = {"春採", "桜ヶ岡", "武佐",   "緑ヶ岡",   "貝塚", "城山",
                                          "興津", "益浦",   "白樺台", "千代ノ浦", "桂恋", "望洋",
                                          "材木", "宮本",   "清明",   "花園"};
static const char *const places_seibu[] = {"新富士", "鳥取",   "愛国",   "大楽毛", "星が浦",
                                           "鶴野",   "新野",   "昭和",   "光陽",   "治水",
                                           "共栄",   "鳥取南", "鳥取北", "新川",   "西港"};
static const char *const places_hokubu[] = {"文苑",     "芦野", "美原", "川北", "山花", "豊川",
                                            "昭和中央", "柳町", "中園", "北園", "緑園", "音羽"};
static const char *const places_akan[] = {"阿寒", "阿寒湖温泉", "徹別", "布伏内", "上舌辛",
                                          "飽別", "仁々志別",   "蘇牛", "舌辛"};
static const char *const places_onbetsu[] = {"音別", "尺別", "直別", "霧里", "馬主来"};

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

struct district_def {
    const char *name;
    int weight;
    const char *const *places;
    int nplaces;
    int price_lo; /* land value, 円/㎡ */
    int price_hi;
};

static const struct district_def districts[DI__COUNT] = {
    [DI_CHUBU] = {"中部", 25, places_chubu, COUNT_OF(places_chubu), 25000, 60000},
    [DI_TOBU] = {"東部", 20, places_tobu, COUNT_OF(places_tobu), 12000, 35000},
    [DI_SEIBU] = {"西部", 22, places_seibu, COUNT_OF(places_seibu), 12000, 35000},
    [DI_HOKUBU] = {"北部", 18, places_hokubu, COUNT_OF(places_hokubu), 10000, 30000},
    [DI_AKAN] = {"阿寒", 9, places_akan, COUNT_OF(places_akan), 5000, 12000},
    [DI_ONBETSU] = {"音別", 6, places_onbetsu, COUNT_OF(places_onbetsu), 5000, 9000},
};

/* Suffixes for the 2nd..6th facility of a kind at the same place. */
static const char *const place_variant[] = {"東", "西", "南", "北", "中央"};

/* Building roles: what a building is, its typical size and make-up. */
enum role_id {
    R_SCHOOL,
    R_SCHOOL_GYM,
    R_SCHOOL_ADD,
    R_SCHOOL_LUNCH,
    R_POOL_HOUSE,
    R_SHED,
    R_GARAGE,
    R_STORE,
    R_BLOCK,
    R_MEETING,
    R_HALL,
    R_ANNEX,
    R_CULTURE,
    R_GYM,
    R_MGMT,
    R_CHANGING,
    R_TOILET,
    R_REST,
    R_BUNGALOW,
    R_KITCHEN,
    R_OFFICE,
    R_FIRE,
    R_FIRE_TOWER,
    R_NURSERY,
    R_CLINIC,
    R_DOCTOR_HOUSE,
    R_PLANT,
    R_WEIGH,
    R_STACK,
    R_WORKSHOP,
    R_BIG_GARAGE,
    R_LIBRARY,
    R_WELFARE,
    R_CHILD_HALL,
    R__COUNT
};

struct role {
    const char *name; /* 棟名; R_BLOCK is numbered instead ("3号棟") */
    int median;       /* ㎡ */
    int sigma_pct;    /* lognormal sigma × 100 */
    int mix;
    int footprint; /* ㎡ per storey, for 階数 */
    int max_floors;
    int offset_lo; /* build year relative to the facility's first */
    int offset_hi;
};

static const struct role roles[R__COUNT] = {
    [R_SCHOOL] = {"校舎", 5000, 35, MIX_RC, 1300, 4, 0, 0},
    [R_SCHOOL_GYM] = {"屋内運動場", 900, 30, MIX_GYM, 1100, 2, -2, 6},
    [R_SCHOOL_ADD] = {"増築校舎", 1000, 50, MIX_RC, 600, 4, 5, 25},
    [R_SCHOOL_LUNCH] = {"給食室", 180, 40, MIX_RC, 200, 1, 0, 10},
    [R_POOL_HOUSE] = {"プール附属棟", 100, 40, MIX_SMALL, 150, 1, 3, 20},
    [R_SHED] = {"物置", 30, 60, MIX_SHED, 100, 1, 0, 30},
    [R_GARAGE] = {"車庫", 80, 60, MIX_SHED, 400, 1, 0, 25},
    [R_STORE] = {"倉庫", 150, 70, MIX_SHED, 300, 2, 0, 30},
    [R_BLOCK] = {"号棟", 560, 55, MIX_HOUSING, 260, 11, 0, 8},
    [R_MEETING] = {"集会所", 120, 30, MIX_HALL, 200, 1, 0, 10},
    [R_HALL] = {"本館", 360, 60, MIX_HALL, 300, 2, 0, 0},
    [R_ANNEX] = {"別館", 250, 60, MIX_HALL, 250, 2, 3, 25},
    [R_CULTURE] = {"本館", 2500, 70, MIX_HALL_L, 1500, 6, 0, 0},
    [R_GYM] = {"体育館", 1500, 60, MIX_GYM, 2500, 3, 0, 0},
    [R_MGMT] = {"管理棟", 110, 70, MIX_HALL, 200, 2, 0, 20},
    [R_CHANGING] = {"更衣棟", 70, 50, MIX_SMALL, 100, 1, 0, 20},
    [R_TOILET] = {"便所", 25, 40, MIX_SMALL, 50, 1, 0, 25},
    [R_REST] = {"休憩所", 45, 50, MIX_SMALL, 80, 1, 0, 25},
    [R_BUNGALOW] = {"バンガロー", 20, 30, MIX_SMALL, 40, 1, 0, 15},
    [R_KITCHEN] = {"炊事棟", 40, 40, MIX_SMALL, 60, 1, 0, 15},
    [R_OFFICE] = {"庁舎", 1500, 60, MIX_GOV, 800, 8, 0, 0},
    [R_FIRE] = {"庁舎", 850, 50, MIX_GOV, 500, 4, 0, 0},
    [R_FIRE_TOWER] = {"訓練塔", 40, 40, MIX_RC, 10, 6, 0, 15},
    [R_NURSERY] = {"園舎", 700, 35, MIX_HALL, 500, 2, 0, 0},
    [R_CLINIC] = {"診療所棟", 800, 50, MIX_HALL, 400, 2, 0, 0},
    [R_DOCTOR_HOUSE] = {"医師住宅", 90, 25, MIX_SMALL, 70, 2, 0, 20},
    [R_PLANT] = {"処理棟", 3200, 50, MIX_PLANT, 1500, 4, 0, 0},
    [R_WEIGH] = {"計量棟", 40, 40, MIX_SMALL, 40, 1, 0, 15},
    [R_STACK] = {"収蔵庫", 250, 50, MIX_RC, 250, 2, 0, 25},
    [R_WORKSHOP] = {"作業棟", 250, 60, MIX_SHED, 300, 1, 0, 20},
    [R_BIG_GARAGE] = {"車庫棟", 700, 50, MIX_GYM, 800, 1, 0, 15},
    [R_LIBRARY] = {"本館", 1000, 60, MIX_HALL_L, 600, 3, 0, 0},
    [R_WELFARE] = {"本館", 800, 60, MIX_HALL_L, 500, 3, 0, 0},
    [R_CHILD_HALL] = {"本館", 450, 50, MIX_HALL, 400, 2, 0, 0},
};

/*
 * A facility name pattern.  "{p}" is replaced by a place name.  Landmarks
 * (one-off names such as 釧路市役所本庁舎) use the same struct; for them
 * weight is unused and district may pin the location.
 */
struct tmpl {
    const char *text;
    int weight;
    const char *bname; /* main building name, NULL for the role's */
    int size_pct;      /* main building size, % of the role median */
    int dept;          /* -1: the subcategory's department */
    int district;      /* landmarks: fixed district, -1 any */
    const char *sub;   /* its own 中分類, NULL for the subcategory's */
};

struct pick {
    int role;
    int weight;
};

enum { POOL_MAX = 5 };
enum { DAYS_FULL = -1, DAYS_WEEKDAY = -2 };

/* A 中分類 (docs/method.md §1.2) and how its facilities look. */
struct subcat {
    int cat;
    const char *name;
    int weight;   /* share of the category's facilities */
    int bmul_pct; /* buildings per facility relative to the category */
    int kmin;
    int kmax;
    int dept;
    int local_dept; /* in 阿寒/音別 run by the 行政センター */
    int main_role;
    int second_role; /* -1: drawn from the pool */
    struct pick pool[POOL_MAX];
    int users_milli; /* annual users per ㎡ × 1000; 0 = column blank */
    int has_util;    /* 稼働率 reported */
    int days_lo;     /* DAYS_FULL, DAYS_WEEKDAY or a range */
    int days_hi;
    int site_pct; /* land area as % of floor area */
    int site_abs; /* or an absolute median in ㎡ (parks) */
    const struct tmpl *tmpl;
    int ntmpl;
    const struct tmpl *land;
    int nland;
};

#define T(text, w)                                                                                 \
    {                                                                                              \
        text, w, NULL, 100, -1, -1, NULL                                                           \
    }
#define TB(text, w, bname, pct)                                                                    \
    {                                                                                              \
        text, w, bname, pct, -1, -1, NULL                                                          \
    }
#define TD(text, w, bname, pct, dept)                                                              \
    {                                                                                              \
        text, w, bname, pct, dept, -1, NULL                                                        \
    }
/* an outdoor ground: a 中分類 of its own, which has no 稼働率 cut */
#define TG(text, w, bname, pct)                                                                    \
    {                                                                                              \
        text, w, bname, pct, -1, -1, "屋外スポーツ施設"                                    \
    }
#define L(text, bname, pct, district)                                                              \
    {                                                                                              \
        text, 0, bname, pct, -1, district, NULL                                                    \
    }

static const struct tmpl t_meeting[] = {
    T("{p}地区会館", 30),          T("{p}コミュニティセンター", 20),
    T("{p}町内会館", 15),          T("{p}生活館", 8),
    T("{p}ふれあいセンター", 7),   T("{p}会館", 10),
    TB("{p}集会所", 10, NULL, 60),
};
static const struct tmpl l_meeting[] = {
    L("市民活動センター「わっと」, 分館", NULL, 250, DI_CHUBU),
};
static const struct tmpl t_culture[] = {
    TB("{p}公民館", 50, NULL, 40),
    TB("{p}文化センター", 30, NULL, 50),
    TB("{p}文化ホール", 20, "ホール棟", 60),
};
static const struct tmpl l_culture[] = {
    L("釧路市民文化会館", "ホール棟", 420, DI_CHUBU),
    L("釧路市生涯学習センター", NULL, 500, DI_CHUBU),
};
static const struct tmpl t_library[] = {
    TB("釧路市図書館{p}分館", 60, NULL, 40),
    T("{p}図書館", 40),
};
static const struct tmpl l_library[] = {
    L("釧路市中央図書館", NULL, 700, DI_CHUBU),
};
static const struct tmpl t_museum[] = {
    T("{p}郷土資料館", 40),
    TB("{p}記念館", 30, NULL, 60),
    T("{p}資料館", 30),
};
static const struct tmpl l_museum[] = {
    L("釧路市立博物館", NULL, 800, DI_TOBU),
    L("釧路市埋蔵文化財調査センター", NULL, 250, -1),
};
static const struct tmpl t_sports[] = {
    T("{p}体育館", 25),
    TB("{p}武道館", 10, "武道館", 50),
    TB("{p}温水プール", 10, "プール棟", 120),
    TB("{p}スケートリンク", 10, "リンク棟", 150),
    TG("{p}野球場", 15, "スタンド棟", 30),
    TG("{p}陸上競技場", 5, "スタンド棟", 60),
    TG("{p}パークゴルフ場", 15, "管理棟", 8),
    TG("{p}テニスコート", 10, "管理棟", 6),
};
static const struct tmpl l_sports[] = {
    L("釧路市民体育館", NULL, 450, DI_CHUBU),
    L("釧路市総合体育館", "メインアリーナ棟", 700, DI_SEIBU),
    L("釧路市屋内スケートリンク", "リンク棟", 400, DI_HOKUBU),
};
static const struct tmpl t_recreation[] = {
    TB("{p}キャンプ場", 25, "管理棟", 20),
    TB("{p}観光案内所", 15, "案内所棟", 25),
    T("{p}交流センター", 20),
    TB("{p}展望台", 10, "展望棟", 20),
    T("{p}観光センター", 15),
    TB("{p}ふれあい広場", 15, "管理棟", 20),
};
static const struct tmpl t_resort[] = {
    TB("{p}温泉保養センター", 40, NULL, 300),
    TB("{p}いこいの家", 35, NULL, 60),
    TB("{p}保養センター", 25, NULL, 200),
};
static const struct tmpl t_industry[] = {
    T("{p}農業研修センター", 15),
    T("{p}林業センター", 10),
    T("{p}漁業研修施設", 15),
    TB("{p}産業振興センター", 10, NULL, 200),
    TB("{p}水産加工振興センター", 10, "加工場棟", 150),
    T("{p}勤労者会館", 10),
    TB("{p}共同作業場", 15, "作業場", 60),
    T("{p}物産センター", 10),
    TB("{p}堆肥センター", 5, "処理棟", 120),
};
static const struct tmpl t_school[] = {
    T("釧路市立{p}小学校", 60),
    T("釧路市立{p}中学校", 37),
    T("釧路市立{p}義務教育学校", 3),
};
static const struct tmpl t_school_other[] = {
    TB("{p}学校給食センター", 40, "調理場棟", 40),
    TB("{p}少年自然の家", 30, "本館", 20),
    TB("{p}教職員住宅", 30, "1号棟", 3),
};
static const struct tmpl l_school_other[] = {
    L("釧路市教育研究センター", "本館", 30, DI_CHUBU),
};
static const struct tmpl t_nursery[] = {
    T("釧路市立{p}保育園", 70),
    TB("{p}へき地保育所", 20, NULL, 40),
    TB("{p}認定こども園", 10, NULL, 150),
};
static const struct tmpl t_children[] = {
    T("{p}児童館", 60),
    TB("{p}児童センター", 25, NULL, 150),
    TB("{p}子育て支援拠点センター", 15, NULL, 80),
};
static const struct tmpl l_children[] = {
    L("釧路市こども科学館", NULL, 1200, DI_CHUBU),
};
static const struct tmpl t_elderly[] = {
    T("{p}老人福祉センター", 35),
    TB("{p}高齢者いこいの家", 25, NULL, 50),
    TB("{p}老人憩の家", 20, NULL, 40),
    T("{p}デイサービスセンター", 20),
};
static const struct tmpl t_disability[] = {
    T("{p}障がい者福祉センター", 40),
    TB("{p}地域活動支援センター", 35, NULL, 60),
    T("{p}就労支援センター", 25),
};
static const struct tmpl t_health[] = {
    T("{p}保健センター", 60),
    T("{p}健康づくりセンター", 40),
};
static const struct tmpl l_health[] = {
    L("釧路市保健福祉センター", NULL, 600, DI_CHUBU),
};
static const struct tmpl t_welfare_other[] = {
    T("{p}ふれあい交流館", 40),
    T("{p}福祉会館", 40),
    T("{p}母子福祉センター", 20),
};
static const struct tmpl l_welfare_other[] = {
    L("釧路市総合福祉センター", NULL, 900, DI_CHUBU),
};
static const struct tmpl t_medical[] = {
    T("{p}診療所", 50),
    T("{p}国民健康保険診療所", 30),
    TB("{p}歯科診療所", 20, NULL, 40),
};
static const struct tmpl t_office[] = {
    TD("{p}支所", 30, "庁舎", 100, D_SHIMIN),
    TD("{p}市民サービスセンター", 40, "本館", 60, D_SHIMIN),
    TD("{p}連絡所", 30, "本館", 15, D_SHIMIN),
};
static const struct tmpl l_office[] = {
    L("釧路市役所本庁舎", "本庁舎", 1300, DI_CHUBU),
    L("阿寒町行政センター", "庁舎", 300, DI_AKAN),
    L("音別町行政センター", "庁舎", 220, DI_ONBETSU),
};
static const struct tmpl t_fire[] = {
    TB("{p}消防署", 10, "庁舎", 200),
    TB("{p}消防出張所", 30, "庁舎", 90),
    TB("釧路市消防団{p}分団詰所", 60, "詰所", 18),
};
static const struct tmpl l_fire[] = {
    L("釧路市消防本部", "庁舎", 450, DI_CHUBU),
};
static const struct tmpl t_admin_other[] = {
    TD("{p}除雪センター", 35, "事務所棟", 30, D_DORO),
    TD("{p}車両センター", 20, "事務所棟", 40, D_DORO),
    TD("{p}防災備蓄倉庫", 25, "倉庫", 40, D_SOUMU),
    TD("{p}水防倉庫", 20, "倉庫", 15, D_SOUMU),
};
static const struct tmpl t_housing[] = {
    T("市営{p}団地", 55),
    T("市営{p}住宅", 30),
    T("{p}改良住宅", 10),
    T("{p}特定公共賃貸住宅", 5),
};
static const struct tmpl t_park[] = {
    T("{p}公園", 40),
    T("{p}緑地", 15),
    TB("{p}運動公園", 10, NULL, 300),
    TB("{p}総合公園", 5, NULL, 300),
    T("{p}近隣公園", 20),
    TB("{p}中央公園", 10, NULL, 150),
};
static const struct tmpl t_supply[] = {
    TB("{p}一般廃棄物最終処分場", 25, "管理棟", 20),
    TB("{p}し尿処理場", 15, NULL, 150),
    TB("{p}ごみ中継施設", 15, NULL, 60),
    TB("{p}清掃事業所", 20, "事務所棟", 25),
    T("{p}破砕処理施設", 10),
    TB("{p}資源物ストックヤード", 15, "ストックヤード棟", 50),
};
static const struct tmpl l_supply[] = {
    L("釧路市リサイクルセンター", NULL, 200, DI_SEIBU),
};
static const struct tmpl t_other[] = {
    TD("{p}墓地管理棟", 15, "管理棟", 15, D_SHIMIN),
    TD("{p}公衆便所", 20, "便所", 6, D_KANKYO),
    TB("旧{p}小学校", 10, "旧校舎", 400),
    TB("{p}職員住宅", 10, "1号棟", 60),
    TB("{p}貸付倉庫", 10, "倉庫", 150),
    TB("{p}駐車場管理棟", 10, "管理棟", 12),
    TB("{p}バス待合所", 10, "待合所", 5),
    TB("旧{p}診療所", 5, "旧診療所棟", 80),
};
static const struct tmpl l_other[] = {
    {"釧路市斎場", 0, "火葬棟", 300, D_SHIMIN, DI_TOBU, NULL},
};

#define TM(a)  a, COUNT_OF(a)
#define NOLAND NULL, 0

enum subcat_id {
    S_MEETING,
    S_CULTURE,
    S_LIBRARY,
    S_MUSEUM,
    S_SPORTS,
    S_RECREATION,
    S_RESORT,
    S_INDUSTRY,
    S_SCHOOL,
    S_SCHOOL_OTHER,
    S_NURSERY,
    S_CHILDREN,
    S_ELDERLY,
    S_DISABILITY,
    S_HEALTH,
    S_WELFARE_OTHER,
    S_MEDICAL,
    S_OFFICE,
    S_FIRE,
    S_ADMIN_OTHER,
    S_HOUSING,
    S_PARK,
    S_SUPPLY,
    S_OTHER,
    S__COUNT
};

static const struct subcat subcats[S__COUNT] = {
    [S_MEETING] = {C_CULTURE,
                   "集会施設",
                   92,
                   80,
                   1,
                   4,
                   D_KYODO,
                   1,
                   R_HALL,
                   -1,
                   {{R_STORE, 50}, {R_SHED, 30}, {R_ANNEX, 20}},
                   12000,
                   1,
                   300,
                   360,
                   250,
                   0,
                   TM(t_meeting),
                   TM(l_meeting)},
    [S_CULTURE] = {C_CULTURE,
                   "文化施設",
                   8,
                   200,
                   1,
                   6,
                   D_SHOGAKU,
                   1,
                   R_CULTURE,
                   -1,
                   {{R_ANNEX, 40}, {R_STORE, 30}, {R_GARAGE, 30}},
                   15000,
                   1,
                   300,
                   340,
                   180,
                   0,
                   TM(t_culture),
                   TM(l_culture)},
    [S_LIBRARY] = {C_SOCIAL_EDU,
                   "図書館施設",
                   45,
                   60,
                   1,
                   4,
                   D_SHOGAKU,
                   0,
                   R_LIBRARY,
                   -1,
                   {{R_STORE, 50}, {R_GARAGE, 50}},
                   30000,
                   0,
                   280,
                   310,
                   200,
                   0,
                   TM(t_library),
                   TM(l_library)},
    [S_MUSEUM] = {C_SOCIAL_EDU,
                  "博物館等施設",
                  55,
                  140,
                  1,
                  6,
                  D_SHOGAKU,
                  1,
                  R_LIBRARY,
                  -1,
                  {{R_STACK, 50}, {R_STORE, 30}, {R_SHED, 20}},
                  5000,
                  0,
                  280,
                  310,
                  300,
                  0,
                  TM(t_museum),
                  TM(l_museum)},
    [S_SPORTS] = {C_SPORTS,
                  "スポーツ施設",
                  60,
                  100,
                  1,
                  8,
                  D_SPORTS,
                  0,
                  R_GYM,
                  -1,
                  {{R_MGMT, 30}, {R_CHANGING, 25}, {R_STORE, 25}, {R_TOILET, 20}},
                  25000,
                  1,
                  300,
                  350,
                  400,
                  0,
                  TM(t_sports),
                  TM(l_sports)},
    [S_RECREATION] = {C_SPORTS,
                      "レクリエーション施設・観光施設",
                      30,
                      130,
                      1,
                      14,
                      D_KANKO,
                      1,
                      R_HALL,
                      -1,
                      {{R_BUNGALOW, 40}, {R_TOILET, 25}, {R_KITCHEN, 20}, {R_STORE, 15}},
                      8000,
                      0,
                      120,
                      250,
                      1500,
                      0,
                      TM(t_recreation),
                      NOLAND},
    [S_RESORT] = {C_SPORTS,
                  "保養施設",
                  10,
                  80,
                  1,
                  4,
                  D_KANKO,
                  1,
                  R_WELFARE,
                  -1,
                  {{R_STORE, 50}, {R_ANNEX, 50}},
                  20000,
                  0,
                  300,
                  360,
                  300,
                  0,
                  TM(t_resort),
                  NOLAND},
    [S_INDUSTRY] = {C_INDUSTRY,
                    "産業系施設",
                    100,
                    100,
                    1,
                    6,
                    D_NORIN,
                    1,
                    R_WELFARE,
                    -1,
                    {{R_STORE, 40}, {R_WORKSHOP, 35}, {R_GARAGE, 25}},
                    3000,
                    0,
                    240,
                    300,
                    400,
                    0,
                    TM(t_industry),
                    NOLAND},
    [S_SCHOOL] = {C_SCHOOL,
                  "学校施設",
                  90,
                  115,
                  2,
                  14,
                  D_GAKKO,
                  0,
                  R_SCHOOL,
                  R_SCHOOL_GYM,
                  {{R_SCHOOL_ADD, 30},
                   {R_SHED, 30},
                   {R_GARAGE, 10},
                   {R_POOL_HOUSE, 15},
                   {R_SCHOOL_LUNCH, 15}},
                  45,
                  0,
                  200,
                  210,
                  400,
                  0,
                  TM(t_school),
                  NOLAND},
    [S_SCHOOL_OTHER] = {C_SCHOOL,
                        "その他教育施設",
                        10,
                        40,
                        1,
                        6,
                        D_GAKKO,
                        0,
                        R_CULTURE,
                        -1,
                        {{R_STORE, 40}, {R_GARAGE, 40}, {R_SHED, 20}},
                        0,
                        0,
                        190,
                        245,
                        250,
                        0,
                        TM(t_school_other),
                        TM(l_school_other)},
    [S_NURSERY] = {C_CHILD,
                   "幼保・こども園",
                   30,
                   100,
                   1,
                   3,
                   D_KODOMO,
                   0,
                   R_NURSERY,
                   -1,
                   {{R_SHED, 70}, {R_STORE, 30}},
                   120,
                   0,
                   290,
                   295,
                   350,
                   0,
                   TM(t_nursery),
                   NOLAND},
    [S_CHILDREN] = {C_CHILD,
                    "幼児・児童施設",
                    70,
                    100,
                    1,
                    3,
                    D_KODOMO,
                    0,
                    R_CHILD_HALL,
                    -1,
                    {{R_SHED, 60}, {R_ANNEX, 40}},
                    25000,
                    0,
                    280,
                    300,
                    250,
                    0,
                    TM(t_children),
                    TM(l_children)},
    [S_ELDERLY] = {C_WELFARE,
                   "高齢福祉施設",
                   35,
                   100,
                   1,
                   4,
                   D_KOREI,
                   0,
                   R_WELFARE,
                   -1,
                   {{R_STORE, 50}, {R_ANNEX, 30}, {R_GARAGE, 20}},
                   15000,
                   0,
                   290,
                   310,
                   300,
                   0,
                   TM(t_elderly),
                   NOLAND},
    [S_DISABILITY] = {C_WELFARE,
                      "障害福祉施設",
                      20,
                      100,
                      1,
                      4,
                      D_SHOGAI,
                      0,
                      R_WELFARE,
                      -1,
                      {{R_WORKSHOP, 50}, {R_STORE, 50}},
                      10000,
                      0,
                      240,
                      250,
                      300,
                      0,
                      TM(t_disability),
                      NOLAND},
    [S_HEALTH] = {C_WELFARE,
                  "保健施設",
                  20,
                  100,
                  1,
                  4,
                  D_KENKO,
                  1,
                  R_WELFARE,
                  -1,
                  {{R_GARAGE, 50}, {R_STORE, 50}},
                  10000,
                  0,
                  DAYS_WEEKDAY,
                  0,
                  200,
                  0,
                  TM(t_health),
                  TM(l_health)},
    [S_WELFARE_OTHER] = {C_WELFARE,
                         "その他保健・福祉施設",
                         25,
                         100,
                         1,
                         4,
                         D_KOREI,
                         0,
                         R_WELFARE,
                         -1,
                         {{R_ANNEX, 50}, {R_STORE, 50}},
                         10000,
                         0,
                         290,
                         310,
                         250,
                         0,
                         TM(t_welfare_other),
                         TM(l_welfare_other)},
    [S_MEDICAL] = {C_MEDICAL,
                   "医療施設",
                   100,
                   100,
                   1,
                   4,
                   D_KENKO,
                   1,
                   R_CLINIC,
                   -1,
                   {{R_DOCTOR_HOUSE, 60}, {R_GARAGE, 40}},
                   8000,
                   0,
                   240,
                   250,
                   300,
                   0,
                   TM(t_medical),
                   NOLAND},
    [S_OFFICE] = {C_ADMIN,
                  "庁舎等施設",
                  25,
                  130,
                  1,
                  6,
                  D_SOUMU,
                  0,
                  R_OFFICE,
                  -1,
                  {{R_ANNEX, 30}, {R_GARAGE, 40}, {R_STORE, 30}},
                  40000,
                  0,
                  DAYS_WEEKDAY,
                  0,
                  200,
                  0,
                  TM(t_office),
                  TM(l_office)},
    [S_FIRE] = {C_ADMIN,
                "消防施設",
                50,
                90,
                1,
                5,
                D_SHOBO,
                0,
                R_FIRE,
                -1,
                {{R_GARAGE, 50}, {R_FIRE_TOWER, 20}, {R_STORE, 30}},
                0,
                0,
                DAYS_FULL,
                0,
                250,
                0,
                TM(t_fire),
                TM(l_fire)},
    [S_ADMIN_OTHER] = {C_ADMIN,
                       "その他行政系施設",
                       25,
                       120,
                       1,
                       5,
                       D_DORO,
                       0,
                       R_HALL,
                       -1,
                       {{R_BIG_GARAGE, 50}, {R_STORE, 50}},
                       0,
                       0,
                       DAYS_WEEKDAY,
                       0,
                       500,
                       0,
                       TM(t_admin_other),
                       NOLAND},
    [S_HOUSING] = {C_HOUSING,
                   "公営住宅施設",
                   100,
                   100,
                   1,
                   60,
                   D_JUTAKU,
                   0,
                   R_BLOCK,
                   -1,
                   {{R_BLOCK, 85}, {R_SHED, 9}, {R_MEETING, 6}},
                   25,
                   0,
                   DAYS_FULL,
                   0,
                   220,
                   0,
                   TM(t_housing),
                   NOLAND},
    [S_PARK] = {C_PARK,
                "公園施設",
                100,
                100,
                1,
                6,
                D_KOEN,
                0,
                R_MGMT,
                -1,
                {{R_TOILET, 50}, {R_REST, 30}, {R_STORE, 20}},
                0,
                0,
                DAYS_FULL,
                0,
                0,
                20000,
                TM(t_park),
                NOLAND},
    [S_SUPPLY] = {C_SUPPLY,
                  "供給処理施設",
                  100,
                  100,
                  1,
                  8,
                  D_KANKYO,
                  0,
                  R_PLANT,
                  -1,
                  {{R_WEIGH, 30}, {R_BIG_GARAGE, 25}, {R_STORE, 25}, {R_MGMT, 20}},
                  0,
                  0,
                  290,
                  310,
                  1200,
                  0,
                  TM(t_supply),
                  TM(l_supply)},
    [S_OTHER] = {C_OTHER,
                 "その他",
                 100,
                 100,
                 1,
                 4,
                 D_SHISAN,
                 0,
                 R_WELFARE,
                 -1,
                 {{R_STORE, 50}, {R_TOILET, 25}, {R_GARAGE, 25}},
                 0,
                 0,
                 DAYS_FULL,
                 0,
                 400,
                 0,
                 TM(t_other),
                 TM(l_other)},
};

#undef T
#undef TB
#undef TD
#undef L
#undef TM
#undef NOLAND

/* Suffixes that give a handful of names a comma or a double quote. */
static const char *const name_decoration[] = {
    ", 別館", "（愛称\"ひだまり\"）", " \"みんなの広場\"", "「ふれあい」, 分室", ", 旧館",
};

static const char *const status_name[3] = {"供用中", "休止", "廃止予定"};
static const char *const seismic_name[4] = {"新耐震", "旧耐震・補強済", "旧耐震・未補強", "不明"};

/* ---- generator state ---- */

enum fstatus { FS_ACTIVE, FS_SUSPENDED, FS_TO_CLOSE };

struct building {
    double raw;     /* floor area before calibration, ㎡ */
    int64_t tenths; /* written floor area, 0.1 ㎡ */
    int role;
    int number; /* housing block number, 0 otherwise */
    int year;
    int year_style; /* 0 西暦, 1 年度, 2 letter, 3 年 */
    int structure;
    int floors;
    int seismic;
    int reno_year;       /* 0 = none */
    int sep;             /* write with thousands separator, quoted */
    char grades[NPARTS]; /* 0 = not surveyed */
};

struct facility {
    int64_t seq; /* 0-based */
    int cat;
    int sub;
    int district;
    int dept;
    int status;
    int closed_from; /* 休止: first closed fiscal year */
    int owned;
    int essential; /* 0 blank, 1 はい, 2 いいえ */
    int land_sep;
    int64_t land_tenths;
    int64_t land_value;
    int landmark; /* index into the subcategory's landmarks, -1 none */
    int64_t landmark_cycle;
    const char *main_bname;
    const char *subname; /* the template's own 中分類, or NULL */
    char name[256];
    int nb;
    double raw_area; /* Σ raw building area */
    double raw_band[NBAND];
};

struct calib {
    double area_factor[NCAT][NBAND];
    double cost_factor;
};

struct stats {
    int64_t facilities;
    int64_t buildings;
    int64_t usage_rows;
    int64_t area_tenths;
    int64_t cat_tenths[NCAT];
    int64_t pre1982_tenths;
    int64_t plan30_tenths; /* built <= PLAN_BASE_YEAR - 30 */
    int64_t y0_30_tenths;  /* built <= Y0 - 30 */
    int64_t graded;
    int64_t cost_latest;
    int64_t revenue_latest;
    double raw_area[NCAT][NBAND];
    double raw_cost[NCAT][NBAND]; /* latest year, before cost calibration */
};

struct out {
    FILE *fp;
    char *buf;
    const char *path;
};

struct gen {
    uint64_t seed;
    int y0;
    int64_t nbuildings;
    int64_t nfacilities;
    int id_width_f;
    int id_width_b;
    int64_t fac_count[NCAT];
    int64_t bld_count[NCAT];
    int64_t area_target[NCAT]; /* 0.1 ㎡ */
    int64_t cost_target;
    int64_t year_cum[PR__COUNT][YEAR_MAX_Y0 - FIRST_YEAR + 1];
    /* per pass */
    int64_t rem_fac[NCAT];
    int64_t rem_bld[NCAT];
    int64_t sub_fac[S__COUNT];    /* facilities per subcategory */
    int64_t sub_period[S__COUNT]; /* the same in one kushiro-sized block */
    int64_t status_fac[3];
    int64_t rem_sub[S__COUNT];
    int64_t rem_status[3];
    int64_t sub_count[S__COUNT];
    int64_t name_count[S__COUNT][DI__COUNT];
    int64_t year_seq[NCAT];
    double year_phase[NCAT];
    int64_t next_building;
    struct calib cal;
    struct stats st;
    struct building *bld;
    int bld_cap;
    int writing;
    struct out fac_out;
    struct out bld_out;
    struct out use_out;
};

/* ---- row formatting ---- */

/* One CSV row under construction; rows here stay far below the size. */
struct line {
    char buf[2048];
    size_t len;
};

static void
line_raw(struct line *l, const char *s)
{
    size_t n = strlen(s);

    if (l->len + n >= sizeof l->buf)
        n = sizeof l->buf - 1 - l->len;
    memcpy(l->buf + l->len, s, n);
    l->len += n;
}

static void
line_char(struct line *l, char c)
{
    if (l->len + 1 < sizeof l->buf)
        l->buf[l->len++] = c;
}

/* Text field, quoted (with "" for ") only when it needs to be. */
static void
line_text(struct line *l, const char *s)
{
    const char *p;

    if (strpbrk(s, ",\"\r\n") == NULL) {
        line_raw(l, s);
        return;
    }
    line_char(l, '"');
    for (p = s; *p; p++) {
        if (*p == '"')
            line_char(l, '"');
        line_char(l, *p);
    }
    line_char(l, '"');
}

/* Decimal digits of v >= 0, optionally grouped by three with ','. */
static void
line_digits(struct line *l, int64_t v, int group)
{
    char tmp[32];
    char out[48];
    int n = 0;
    int o = 0;
    int i;

    do {
        tmp[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v > 0);
    for (i = n - 1; i >= 0; i--) {
        out[o++] = tmp[i];
        if (group && i > 0 && i % 3 == 0)
            out[o++] = ',';
    }
    out[o] = '\0';
    line_raw(l, out);
}

static void
line_int(struct line *l, int64_t v)
{
    if (v < 0) {
        line_char(l, '-');
        v = -v;
    }
    line_digits(l, v, 0);
}

/* Tenths as "1234.5"; with sep and a value >= 1000 as "\"1,234.5\"". */
static void
line_tenths(struct line *l, int64_t tenths, int sep)
{
    int quoted = sep && tenths >= 10000;

    if (quoted)
        line_char(l, '"');
    line_digits(l, tenths / 10, quoted);
    line_char(l, '.');
    line_char(l, (char)('0' + (int)(tenths % 10)));
    if (quoted)
        line_char(l, '"');
}

static void
line_id(struct line *l, char prefix, int64_t n, int width)
{
    char tmp[32];
    int len = 0;
    int i;

    do {
        tmp[len++] = (char)('0' + (int)(n % 10));
        n /= 10;
    } while (n > 0);
    line_char(l, prefix);
    for (i = len; i < width; i++)
        line_char(l, '0');
    for (i = len - 1; i >= 0; i--)
        line_char(l, tmp[i]);
}

static void
line_end(struct line *l)
{
    line_raw(l, "\r\n");
}

static int
out_line(struct out *o, const struct line *l)
{
    return fwrite(l->buf, 1, l->len, o->fp) == l->len ? 0 : -1;
}

/* ---- generation ---- */

/* Fiscal year y runs April y to March y+1, so it has 366 days if y+1 is leap. */
static int
fiscal_days(int y)
{
    int n = y + 1;
    int leap = (n % 4 == 0 && n % 100 != 0) || n % 400 == 0;

    return leap ? 366 : 365;
}

static int
band_of(int year)
{
    if (year <= 1981)
        return 0;
    if (year <= PLAN_BASE_YEAR - 30)
        return 1;
    return 2;
}

static int64_t
year_weight(int profile, int year)
{
    const struct anchor *a = profile_anchor[profile];
    int i;

    for (i = 0; i + 1 < PROFILE_ANCHORS && a[i + 1].year != 0; i++) {
        if (year <= a[i + 1].year) {
            int span = a[i + 1].year - a[i].year;

            /* Scaled by 60 (divisible by every span used) to stay integer. */
            return ((int64_t)a[i].weight * (a[i + 1].year - year) +
                    (int64_t)a[i + 1].weight * (year - a[i].year)) *
                   60 / span;
        }
    }
    return (int64_t)a[i].weight * 60;
}

static void
setup_year_tables(struct gen *g)
{
    int p;
    int y;

    for (p = 0; p < PR__COUNT; p++) {
        int64_t cum = 0;

        for (y = FIRST_YEAR; y <= g->y0 - 1; y++) {
            cum += year_weight(p, y);
            g->year_cum[p][y - FIRST_YEAR] = cum;
        }
    }
}

/*
 * First construction year of the next facility of category c.  Schools and
 * housing estates hold two thirds of the floor area in about a hundred
 * facilities, so independent draws would move the 旧耐震 share by several
 * points from one seed to the next.  A golden-ratio sequence per category
 * (offset by the seed) spreads the years evenly over the profile instead.
 */
static int
draw_year(struct gen *g, int c, int profile)
{
    const int64_t *cum = g->year_cum[profile];
    int n = g->y0 - FIRST_YEAR;
    double x = g->year_phase[c] + (double)g->year_seq[c]++ * 0.6180339887498949;
    int64_t u;
    int lo = 0;
    int hi = n - 1;

    x -= (double)(int64_t)x;
    u = (int64_t)(x * (double)cum[n - 1]);
    if (u >= cum[n - 1])
        u = cum[n - 1] - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;

        if (u < cum[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return FIRST_YEAR + lo;
}

/*
 * Largest-remainder apportionment of total over weights, so that rounded
 * shares still add up exactly.
 */
static void
apportion(int64_t total, const int64_t *w, int n, int64_t *out)
{
    int64_t wsum = 0;
    int64_t given = 0;
    int64_t rem[NCAT];
    int i;

    for (i = 0; i < n; i++)
        wsum += w[i];
    for (i = 0; i < n; i++) {
        out[i] = wsum > 0 ? total * w[i] / wsum : 0;
        rem[i] = wsum > 0 ? total * w[i] % wsum : 0;
        given += out[i];
    }
    while (given < total && wsum > 0) {
        int best = -1;

        for (i = 0; i < n; i++) {
            if (w[i] > 0 && (best < 0 || rem[i] > rem[best]))
                best = i;
        }
        out[best]++;
        rem[best] = -1;
        given++;
    }
}

/* Scale the kushiro-like profile to nbuildings. */
static void
setup_targets(struct gen *g)
{
    int64_t n = g->nbuildings;
    int64_t w[NCAT];
    int64_t extra[NCAT];
    int64_t total_area;
    int64_t wsum = 0;
    int c;

    g->nfacilities = (n * PROFILE_FACILITIES + PROFILE_BUILDINGS / 2) / PROFILE_BUILDINGS;
    if (g->nfacilities < 1)
        g->nfacilities = 1;
    for (c = 0; c < NCAT; c++)
        w[c] = categories[c].facilities;
    apportion(g->nfacilities, w, NCAT, g->fac_count);

    /* Every facility has one building; the rest follow the profile. */
    for (c = 0; c < NCAT; c++) {
        int64_t want = n * categories[c].buildings - g->fac_count[c] * PROFILE_BUILDINGS;

        w[c] = g->fac_count[c] > 0 && want > 0 ? want : 0;
        wsum += w[c];
    }
    if (wsum == 0) {
        for (c = 0; c < NCAT; c++)
            w[c] = g->fac_count[c];
    }
    apportion(n - g->nfacilities, w, NCAT, extra);
    for (c = 0; c < NCAT; c++)
        g->bld_count[c] = g->fac_count[c] + extra[c];

    total_area = (PROFILE_AREA_TENTHS * n + PROFILE_BUILDINGS / 2) / PROFILE_BUILDINGS;
    for (c = 0; c < NCAT; c++)
        w[c] = g->fac_count[c] > 0 ? categories[c].area_permille : 0;
    apportion(total_area, w, NCAT, g->area_target);
    g->cost_target = (PROFILE_COST_YEN * n + PROFILE_BUILDINGS / 2) / PROFILE_BUILDINGS;

    for (c = 0; c < NCAT; c++) {
        int64_t sw[S__COUNT];
        int64_t cnt[S__COUNT];
        int64_t per[S__COUNT];
        int ids[S__COUNT];
        int m = 0;
        int i;

        for (i = 0; i < S__COUNT; i++) {
            if (subcats[i].cat == c) {
                ids[m] = i;
                sw[m++] = subcats[i].weight;
            }
        }
        apportion(g->fac_count[c], sw, m, cnt);
        apportion(categories[c].facilities, sw, m, per);
        for (i = 0; i < m; i++) {
            int64_t nl = subcats[ids[i]].nland;

            g->sub_fac[ids[i]] = cnt[i];
            g->sub_period[ids[i]] = per[i] > nl ? per[i] : (nl > 0 ? nl : 1);
        }
    }
    {
        static const int64_t status_permille[3] = {950, 30, 20};

        apportion(g->nfacilities, status_permille, 3, g->status_fac);
    }
}

static int
digits_of(int64_t n)
{
    int d = 1;

    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

/* Building count for the next facility of category c. */
static int
pick_building_count(struct gen *g, struct rng *r, int c, const struct subcat *sc)
{
    int64_t remf = g->rem_fac[c];
    int64_t remb = g->rem_bld[c];
    int64_t hi = remb - (remf - 1);
    /*
     * Aim at the mean of what is left, so the category's building total
     * comes out exact without a freak last facility.
     */
    double mu = (double)remb / (double)remf;
    double target = 1.0 + (mu - 1.0) * sc->bmul_pct / 100.0;
    double noise = rng_lognormal(r, 0.6);
    int64_t k = 1 + round_pos((target - 1.0) * noise);

    if (k < sc->kmin)
        k = sc->kmin;
    if (k > sc->kmax)
        k = sc->kmax;
    if (remf == 1)
        k = remb;
    if (k > hi)
        k = hi;
    if (k < 1)
        k = 1;
    return (int)k;
}

/* Replace "{p}" in text with place (plus an optional variant suffix). */
static void
expand_name(char *dst, size_t cap, const char *text, const char *place, const char *variant)
{
    const char *p = strstr(text, "{p}");
    size_t len = 0;

    dst[0] = '\0';
    if (p == NULL) {
        snprintf(dst, cap, "%s", text);
        return;
    }
    len = (size_t)(p - text);
    if (len >= cap)
        len = cap - 1;
    memcpy(dst, text, len);
    dst[len] = '\0';
    snprintf(dst + len, cap - len, "%s%s%s", place, variant, p + 3);
}

/* Name, district and department of a facility. */
static void
name_facility(struct gen *g, struct rng *r, struct facility *f, const struct subcat *sc,
              int *size_pct)
{
    int landmark = f->landmark >= 0;
    int tw[16];
    int dw[DI__COUNT];
    int ti;
    int i;
    int district;
    const struct tmpl *t;
    char variant[32];
    int64_t c;
    int np;
    int64_t cycle;
    const char *place;
    int decorate;

    for (i = 0; i < DI__COUNT; i++)
        dw[i] = districts[i].weight;
    district = rng_pick(r, dw, DI__COUNT);
    for (i = 0; i < sc->ntmpl && i < 16; i++)
        tw[i] = sc->tmpl[i].weight;
    ti = rng_pick(r, tw, i);
    /* Only halls and similar public-facing places carry nicknames. */
    decorate = rng_below(r, 1000) < 40 && (sc->cat == C_CULTURE || sc->cat == C_SOCIAL_EDU ||
                                           sc->cat == C_CHILD || sc->cat == C_WELFARE);

    if (landmark) {
        t = &sc->land[f->landmark];
        if (t->district >= 0)
            district = t->district;
        if (f->landmark_cycle > 0)
            snprintf(f->name, sizeof f->name, "%s（%" PRId64 "）", t->text, f->landmark_cycle + 1);
        else
            snprintf(f->name, sizeof f->name, "%s", t->text);
        decorate = 0;
    } else {
        t = &sc->tmpl[ti];
        np = districts[district].nplaces;
        c = g->name_count[f->sub][district]++;
        /* Offset per subcategory so that kinds do not all start at place 0. */
        place = districts[district].places[(c + f->sub * 5) % np];
        cycle = c / np;
        variant[0] = '\0';
        if (cycle >= 1 && cycle <= COUNT_OF(place_variant))
            snprintf(variant, sizeof variant, "%s", place_variant[cycle - 1]);
        else if (cycle > COUNT_OF(place_variant))
            snprintf(variant, sizeof variant, "第%" PRId64, cycle - COUNT_OF(place_variant) + 1);
        expand_name(f->name, sizeof f->name, t->text, place, variant);
    }
    if (decorate) {
        size_t len = strlen(f->name);
        int d = (int)((f->seq / 7) % COUNT_OF(name_decoration));

        snprintf(f->name + len, sizeof f->name - len, "%s", name_decoration[d]);
    }
    f->district = district;
    f->dept = t->dept >= 0 ? t->dept : sc->dept;
    if (sc->local_dept && t->dept < 0 && district == DI_AKAN)
        f->dept = D_AKAN;
    if (sc->local_dept && t->dept < 0 && district == DI_ONBETSU)
        f->dept = D_ONBETSU;
    f->main_bname = t->bname;
    f->subname = t->sub;
    *size_pct = t->size_pct;
}

static int
pick_structure(struct rng *r, int mix, int year)
{
    int w[SK__COUNT];
    int i;

    for (i = 0; i < SK__COUNT; i++)
        w[i] = mix_weight[mix][i];
    if (mix == MIX_HOUSING) {
        /* 木造・簡易耐火 estates first, then mid-rise RC from the 1970s. */
        static const int early[SK__COUNT] = {15, 0, 0, 35, 50, 0};
        static const int sixties[SK__COUNT] = {60, 0, 0, 0, 40, 0};
        static const int seventies[SK__COUNT] = {90, 0, 0, 0, 10, 0};
        static const int later[SK__COUNT] = {92, 8, 0, 0, 0, 0};
        const int *src = year < 1962   ? early
                         : year < 1973 ? sixties
                         : year < 1986 ? seventies
                                       : later;

        for (i = 0; i < SK__COUNT; i++)
            w[i] = src[i];
    }
    return rng_pick(r, w, SK__COUNT);
}

/* One grade A-D for a 部位, worse with age. */
static char
grade_of(double score)
{
    if (score < 0.30)
        return 'A';
    if (score < 0.60)
        return 'B';
    if (score < 0.90)
        return 'C';
    return 'D';
}

static void
gen_building(struct gen *g, const struct facility *f, int j, int base_year, double fac_scale,
             int size_pct, struct building *b)
{
    const struct subcat *sc = &subcats[f->sub];
    const struct category *cat = &categories[f->cat];
    const struct role *ro;
    struct rng r;
    int pw[POOL_MAX];
    int i;
    int pi;
    int off;
    double size;
    double fp;
    double area;
    double cond;
    int64_t floors;
    int max_floors;
    int style;
    double part_noise[NPARTS];
    int seismic_draw;
    int reno_draw;
    int reno_off;
    int grade_draw;
    static const double part_offset[NPARTS] = {0.10, 0.10, -0.05, 0.0, 0.05};

    rng_init(&r, g->seed, (uint64_t)f->seq + 1, (uint64_t)j + 1);
    for (i = 0; i < POOL_MAX; i++)
        pw[i] = sc->pool[i].weight;
    pi = rng_pick(&r, pw, POOL_MAX);
    if (j == 0)
        b->role = sc->main_role;
    else if (j == 1 && sc->second_role >= 0)
        b->role = sc->second_role;
    else
        b->role = sc->pool[pi].role;
    ro = &roles[b->role];
    b->number = 0;

    off = rng_range(&r, ro->offset_lo, ro->offset_hi);
    b->year = j == 0 ? base_year : base_year + off;
    if (b->year > g->y0 - 1 || b->year < FIRST_YEAR)
        b->year = base_year;

    size = (double)ro->median * rng_lognormal(&r, ro->sigma_pct / 100.0);
    if (j == 0)
        size = size * size_pct / 100.0;
    b->raw = size * fac_scale;
    b->structure = pick_structure(&r, ro->mix, b->year);

    area = b->raw * (g->writing ? g->cal.area_factor[f->cat][band_of(b->year)] : 1.0);
    b->tenths = round_pos(area * 10.0);
    if (b->tenths < 1)
        b->tenths = 1;
    fp = (double)ro->footprint * rng_lognormal(&r, 0.25);
    floors = (int64_t)(area / fp) + 1;
    max_floors = ro->max_floors < structure_max_floors[b->structure]
                     ? ro->max_floors
                     : structure_max_floors[b->structure];
    if (floors > max_floors)
        floors = max_floors;
    b->floors = (int)floors;
    b->sep = rng_below(&r, 2) == 0;

    style = (int)rng_below(&r, 100);
    b->year_style = style < 70 ? 0 : 1 + (int)rng_below(&r, 3);

    seismic_draw = rng_pick(&r, cat->seismic, 3);
    if (b->year >= 1982)
        b->seismic = 0;
    else if (b->raw < 60.0 && rng_below(&r, 4) == 0)
        b->seismic = 3; /* small sheds often have no record */
    else
        b->seismic = 1 + seismic_draw;

    /* 大規模改修 25-45 years after construction, never in the future. */
    reno_draw = (int)rng_below(&r, 100);
    reno_off = (int)rng_below(&r, 21);
    b->reno_year = 0;
    /* Sheds and toilets are patched, not given a 大規模改修. */
    if (g->y0 - b->year > 30 && area >= 200.0 && reno_draw < cat->renovated_pct) {
        int span = g->y0 - 1 - (b->year + 25) + 1;

        b->reno_year = b->year + 25 + reno_off % (span < 21 ? span : 21);
    }

    /*
     * Grades: the 保全計画 survey covered buildings outside schools, housing
     * and parks, left out annexes under 200 ㎡ and buildings due to close
     * (docs/method.md §11), and reached most but not all of the rest.
     */
    grade_draw = (int)rng_below(&r, 100);
    cond = (double)(g->y0 - b->year) / 65.0 + 0.25 * rng_normal(&r);
    if (b->reno_year)
        cond -= 0.3;
    for (i = 0; i < NPARTS; i++)
        part_noise[i] = 0.2 * rng_normal(&r);
    memset(b->grades, 0, sizeof b->grades);
    if (f->cat != C_SCHOOL && f->cat != C_HOUSING && f->cat != C_PARK &&
        (j == 0 || area >= 200.0) && f->status != FS_TO_CLOSE && grade_draw < 82) {
        for (i = 0; i < NPARTS; i++)
            b->grades[i] = grade_of(cond + part_offset[i] + part_noise[i]);
    }
}

static const char *const era_kanji[3] = {"昭和", "平成", "令和"};
static const char era_letter[3] = {'S', 'H', 'R'};

/* 建築年度 in the building's style: 1975, 昭和50年度, S50, 平成2年. */
static void
line_year(struct line *l, int year, int style)
{
    int era;
    int n;

    if (style == 0) {
        line_int(l, year);
        return;
    }
    /* Fiscal years: FY1989 is 平成元年度, FY2019 is 令和元年度. */
    if (year <= 1988) {
        era = 0;
        n = year - 1925;
    } else if (year <= 2018) {
        era = 1;
        n = year - 1988;
    } else {
        era = 2;
        n = year - 2018;
    }
    if (style == 2) {
        line_char(l, era_letter[era]);
        line_int(l, n);
        return;
    }
    line_raw(l, era_kanji[era]);
    if (n == 1)
        line_raw(l, "元");
    else
        line_int(l, n);
    line_raw(l, style == 1 ? "年度" : "年");
}

static int
write_building(struct gen *g, const struct facility *f, const struct building *b)
{
    struct line l;
    char name[64];
    int i;

    l.len = 0;
    if (b->role == R_BLOCK)
        snprintf(name, sizeof name, "%d号棟", b->number);
    else if (b == &g->bld[0] && f->main_bname != NULL)
        snprintf(name, sizeof name, "%s", f->main_bname);
    else
        snprintf(name, sizeof name, "%s", roles[b->role].name);

    line_id(&l, 'B', g->next_building, g->id_width_b);
    line_char(&l, ',');
    line_id(&l, 'F', f->seq + 1, g->id_width_f);
    line_char(&l, ',');
    line_text(&l, name);
    line_char(&l, ',');
    line_raw(&l, structure_name[b->structure]);
    line_char(&l, ',');
    line_tenths(&l, b->tenths, b->sep);
    line_char(&l, ',');
    line_year(&l, b->year, b->year_style);
    line_char(&l, ',');
    line_int(&l, b->floors);
    line_char(&l, ',');
    line_raw(&l, seismic_name[b->seismic]);
    line_char(&l, ',');
    if (b->reno_year)
        line_int(&l, b->reno_year);
    for (i = 0; i < NPARTS; i++) {
        line_char(&l, ',');
        if (b->grades[i])
            line_char(&l, b->grades[i]);
    }
    line_end(&l);
    return out_line(&g->bld_out, &l);
}

static int
write_facility(struct gen *g, const struct facility *f)
{
    struct line l;

    l.len = 0;
    line_id(&l, 'F', f->seq + 1, g->id_width_f);
    line_char(&l, ',');
    line_text(&l, f->name);
    line_char(&l, ',');
    line_text(&l, categories[f->cat].name);
    line_char(&l, ',');
    line_text(&l, f->subname ? f->subname : subcats[f->sub].name);
    line_char(&l, ',');
    line_text(&l, dept_name[f->dept]);
    line_char(&l, ',');
    line_text(&l, districts[f->district].name);
    line_char(&l, ',');
    line_tenths(&l, f->land_tenths, f->land_sep);
    line_char(&l, ',');
    line_raw(&l, f->owned ? "市有" : "借地");
    line_char(&l, ',');
    /* The city values only land it owns; leased land has no 評価額. */
    if (f->owned)
        line_int(&l, f->land_value);
    line_char(&l, ',');
    if (f->essential)
        line_raw(&l, f->essential == 1 ? "はい" : "いいえ");
    line_char(&l, ',');
    line_raw(&l, status_name[f->status]);
    line_end(&l);
    return out_line(&g->fac_out, &l);
}

/* Usage rows (FY Y0-3 .. Y0-1) of one facility; writes them when writing. */
static int
gen_usage(struct gen *g, const struct facility *f, double area)
{
    /* A 休止 facility keeps minimal heating, upkeep and security. */
    static const double closed_mul[NCOST] = {0.0, 0.15, 0.5, 0.3, 0.2, 0.3};
    /* Year-on-year drift per cost column; utilities follow energy prices. */
    static const double trend[NCOST][NYEARS] = {
        {0.98, 1.00, 1.02}, {0.96, 1.00, 1.03}, {0.99, 1.00, 1.01},
        {1.00, 1.00, 1.00}, {0.98, 1.00, 1.02}, {1.00, 1.00, 1.00},
    };
    const struct category *cat = &categories[f->cat];
    const struct subcat *sc = &subcats[f->sub];
    struct rng r;
    double base[NCOST];
    double scale;
    double users_base;
    double util_base;
    double rev_level;
    int days_base;
    int zero_p;
    int zero_o;
    int designated;
    int rev_zero;
    int omit_latest;
    int i;
    int t;
    double cf = g->writing ? g->cal.cost_factor : 1.0;

    /* Sub-stream "usage", apart from the buildings' streams 1..nb. */
    rng_init(&r, g->seed, (uint64_t)f->seq + 1, UINT64_C(0x7573616765));
    scale = rng_lognormal(&r, 0.25);
    for (i = 0; i < NCOST; i++) {
        base[i] =
            area * cat->cost_rate * cat->share[i] / 100.0 * scale * rng_lognormal(&r, 0.35) * cf;
    }
    zero_p = rng_below(&r, 100) < cat->zero_personnel_pct;
    zero_o = rng_below(&r, 100) < cat->zero_outsourcing_pct;
    designated = rng_below(&r, 100) < cat->designated_pct;
    if (designated) {
        base[4] += base[0] * 1.1;
        base[0] = 0.0;
    } else {
        if (zero_p)
            base[0] = 0.0;
        if (zero_o)
            base[4] = 0.0;
    }
    users_base = area * sc->users_milli / 1000.0 * rng_lognormal(&r, 0.5);
    util_base = 38.0 + 14.0 * rng_normal(&r);
    if (util_base < 3.0)
        util_base = 3.0;
    if (util_base > 92.0)
        util_base = 92.0;
    days_base = sc->days_lo >= 0 ? rng_range(&r, sc->days_lo, sc->days_hi) : (int)rng_below(&r, 3);
    rev_zero = cat->revenue_permille >= 0 && rng_below(&r, 100) < 30;
    rev_level = rng_lognormal(&r, cat->revenue_permille >= 0 ? 0.6 : 0.15);
    omit_latest = rng_below(&r, 100) < 60;

    for (t = 0; t < NYEARS; t++) {
        int fy = g->y0 - NYEARS + t;
        int closed = f->status == FS_SUSPENDED && fy >= f->closed_from;
        int64_t cost[NCOST];
        int64_t cost_sum = 0;
        double raw_sum = 0.0;
        double users = users_base * (0.97 + 0.03 * t) * rng_lognormal(&r, 0.05);
        double util = util_base + 2.5 * rng_normal(&r);
        int days_jitter = rng_range(&r, -2, 2);
        double rev_noise = rng_lognormal(&r, 0.05);
        double yn[NCOST];
        int days;
        int64_t revenue;
        struct line l;

        l.len = 0;
        for (i = 0; i < NCOST; i++)
            yn[i] = rng_lognormal(&r, i == 3 ? 0.35 : 0.03);
        if (closed && fy == g->y0 - 1 && omit_latest)
            continue;
        for (i = 0; i < NCOST; i++) {
            double v = base[i] * trend[i][t] * yn[i];

            if (closed)
                v *= closed_mul[i];
            raw_sum += v;
            cost[i] = round_pos(v);
            cost_sum += cost[i];
        }
        if (sc->days_lo >= 0)
            days = days_base + days_jitter;
        else if (sc->days_lo == DAYS_WEEKDAY)
            days = 243 + days_base;
        else
            days = fiscal_days(fy);
        if (days > fiscal_days(fy))
            days = fiscal_days(fy);
        if (days < 0)
            days = 0;
        if (util < 0.0)
            util = 0.0;
        if (util > 100.0)
            util = 100.0;
        if (cat->revenue_permille < 0)
            revenue = round_pos(area * 3300.0 * rev_level * rev_noise);
        else if (rev_zero)
            revenue = 0;
        else
            revenue = round_pos((double)cost_sum * cat->revenue_permille / 1000.0 * rev_level *
                                rev_noise);
        if (closed) {
            days = 0;
            users = 0.0;
            util = 0.0;
            revenue = 0;
        }

        g->st.usage_rows++;
        if (fy == g->y0 - 1) {
            /* Split by age band as the floor area splits (costs are linear). */
            for (i = 0; i < NBAND && f->raw_area > 0.0; i++)
                g->st.raw_cost[f->cat][i] += raw_sum * f->raw_band[i] / f->raw_area;
            g->st.cost_latest += cost_sum;
            g->st.revenue_latest += revenue;
        }
        if (!g->writing)
            continue;

        line_int(&l, fy);
        line_char(&l, ',');
        line_id(&l, 'F', f->seq + 1, g->id_width_f);
        line_char(&l, ',');
        if (sc->users_milli > 0)
            line_int(&l, round_pos(users));
        line_char(&l, ',');
        if (sc->has_util)
            line_tenths(&l, round_pos(util * 10.0), 0);
        line_char(&l, ',');
        line_int(&l, days);
        line_char(&l, ',');
        line_int(&l, revenue);
        for (i = 0; i < NCOST; i++) {
            line_char(&l, ',');
            line_int(&l, cost[i]);
        }
        line_end(&l);
        if (out_line(&g->use_out, &l) != 0)
            return -1;
    }
    return 0;
}

/* Pick the category of the next facility: exact counts, random order. */
static int
pick_category(struct gen *g, struct rng *r)
{
    int64_t total = 0;
    int64_t u;
    int c;

    for (c = 0; c < NCAT; c++)
        total += g->rem_fac[c];
    u = rng_below(r, total);
    for (c = 0; c < NCAT; c++) {
        if (u < g->rem_fac[c])
            return c;
        u -= g->rem_fac[c];
    }
    return NCAT - 1;
}

/* Subcategory of the next facility of category c: exact counts too. */
static int
pick_subcat(struct gen *g, struct rng *r, int c)
{
    int64_t total = 0;
    int64_t u;
    int last = -1;
    int i;

    for (i = 0; i < S__COUNT; i++) {
        if (subcats[i].cat == c)
            total += g->rem_sub[i];
    }
    u = rng_below(r, total);
    for (i = 0; i < S__COUNT; i++) {
        if (subcats[i].cat != c)
            continue;
        last = i;
        if (u < g->rem_sub[i])
            break;
        u -= g->rem_sub[i];
    }
    if (i == S__COUNT)
        i = last;
    g->rem_sub[i]--;
    return i;
}

/*
 * 供用中 / 休止 / 廃止予定 in exact proportions (95 / 3 / 2 %); landmarks
 * such as the city hall are always in use.
 */
static int
pick_status(struct gen *g, struct rng *r, int landmark)
{
    int64_t total = g->rem_status[0] + g->rem_status[1] + g->rem_status[2];
    int64_t u = rng_below(r, total);
    int st = FS_ACTIVE;

    if (!landmark) {
        if (u >= g->rem_status[0])
            st = u - g->rem_status[0] < g->rem_status[1] ? FS_SUSPENDED : FS_TO_CLOSE;
    }
    if (g->rem_status[st] > 0)
        g->rem_status[st]--;
    return st;
}

/* Generate (and when writing, write) facility number seq with its buildings. */
static int
gen_facility(struct gen *g, struct rng *order, int64_t seq)
{
    struct facility f;
    struct rng r;
    const struct subcat *sc;
    const struct category *cat;
    int size_pct = 100;
    int64_t k;
    int base_year;
    double fac_scale;
    double site;
    double area = 0.0;
    int64_t price;
    int j;
    int block_no = 0;
    int ess_draw;
    int ess_kind;

    memset(&f, 0, sizeof f);
    f.seq = seq;
    f.cat = pick_category(g, order);
    cat = &categories[f.cat];
    rng_init(&r, g->seed, (uint64_t)seq + 1, 0);
    f.sub = pick_subcat(g, &r, f.cat);
    sc = &subcats[f.sub];
    /*
     * A scaled inventory repeats the landmarks (本庁舎, 文化会館, ...) once per
     * kushiro-sized block of facilities, so that large runs keep the
     * default's size distribution.
     */
    k = g->sub_count[f.sub]++;
    f.landmark = k % g->sub_period[f.sub] < sc->nland ? (int)(k % g->sub_period[f.sub]) : -1;
    f.landmark_cycle = k / g->sub_period[f.sub];
    f.status = pick_status(g, &r, f.landmark >= 0);
    f.closed_from = g->y0 - 1 - (int)rng_below(&r, 2);
    name_facility(g, &r, &f, sc, &size_pct);
    f.owned = rng_below(&r, 100) < cat->owned_pct;
    ess_draw = (int)rng_below(&r, 100);
    ess_kind = (int)rng_below(&r, 100);
    if (ess_draw < 4) {
        int yes_pct = (f.cat == C_SCHOOL || f.cat == C_ADMIN || f.cat == C_SUPPLY) ? 80 : 30;

        f.essential = ess_kind < yes_pct ? 1 : 2;
    }
    f.nb = pick_building_count(g, &r, f.cat, sc);
    g->rem_fac[f.cat]--;
    g->rem_bld[f.cat] -= f.nb;
    base_year = draw_year(g, f.cat, cat->profile);
    fac_scale = rng_lognormal(&r, 0.3);
    site = rng_lognormal(&r, sc->site_abs > 0 ? 0.9 : 0.4);
    price = rng_range(&r, districts[f.district].price_lo, districts[f.district].price_hi);
    f.land_sep = rng_below(&r, 2) == 0;

    if (f.nb > g->bld_cap) {
        int cap = g->bld_cap ? g->bld_cap : 64;
        struct building *nb;

        while (cap < f.nb)
            cap *= 2;
        nb = realloc(g->bld, (size_t)cap * sizeof *nb);
        if (nb == NULL) {
            fprintf(stderr, "gen_inventory: out of memory\n");
            return -1;
        }
        g->bld = nb;
        g->bld_cap = cap;
    }
    for (j = 0; j < f.nb; j++) {
        struct building *b = &g->bld[j];

        gen_building(g, &f, j, base_year, fac_scale, size_pct, b);
        if (b->role == R_BLOCK)
            b->number = ++block_no;
        f.raw_area += b->raw;
        f.raw_band[band_of(b->year)] += b->raw;
        area += (double)b->tenths / 10.0;
    }

    if (sc->site_abs > 0)
        f.land_tenths = round_pos(((double)sc->site_abs * site + area) * 10.0);
    else
        f.land_tenths = round_pos(area * sc->site_pct / 100.0 * site * 10.0);
    if (f.land_tenths < 500)
        f.land_tenths = 500;
    f.land_value = f.land_tenths * price / 10;

    g->st.facilities++;
    for (j = 0; j < NBAND; j++)
        g->st.raw_area[f.cat][j] += f.raw_band[j];
    if (g->writing && write_facility(g, &f) != 0)
        return -1;
    for (j = 0; j < f.nb; j++) {
        const struct building *b = &g->bld[j];

        g->next_building++;
        g->st.buildings++;
        g->st.area_tenths += b->tenths;
        g->st.cat_tenths[f.cat] += b->tenths;
        if (b->year <= 1981)
            g->st.pre1982_tenths += b->tenths;
        if (b->year <= PLAN_BASE_YEAR - 30)
            g->st.plan30_tenths += b->tenths;
        if (b->year <= g->y0 - 30)
            g->st.y0_30_tenths += b->tenths;
        if (b->grades[0])
            g->st.graded++;
        if (g->writing && write_building(g, &f, b) != 0)
            return -1;
    }
    return gen_usage(g, &f, area);
}

/* One full pass over all facilities. */
static int
run_pass(struct gen *g)
{
    struct rng order;
    int64_t i;
    int c;

    memset(&g->st, 0, sizeof g->st);
    memset(g->sub_count, 0, sizeof g->sub_count);
    memcpy(g->rem_sub, g->sub_fac, sizeof g->rem_sub);
    memcpy(g->rem_status, g->status_fac, sizeof g->rem_status);
    memset(g->name_count, 0, sizeof g->name_count);
    memset(g->year_seq, 0, sizeof g->year_seq);
    for (c = 0; c < NCAT; c++) {
        g->rem_fac[c] = g->fac_count[c];
        g->rem_bld[c] = g->bld_count[c];
    }
    g->next_building = 0;
    rng_init(&order, g->seed, 0, 0);
    for (c = 0; c < NCAT; c++)
        g->year_phase[c] = rng_unit(&order);
    for (i = 0; i < g->nfacilities; i++) {
        if (gen_facility(g, &order, i) != 0)
            return -1;
    }
    return 0;
}

/*
 * From pass 1's sums, the factors that put floor area and cost on target.
 * Floor area must match both the category totals and the age-band shares,
 * so the factor is a(category) x b(band), fitted by iterative proportional
 * fitting (raking).  The profiles are tuned so b stays close to 1.
 */
static void
calibrate(struct gen *g)
{
    double a[NCAT];
    double b[NBAND];
    double band_target[NBAND];
    double band_raw[NBAND] = {0.0};
    double total = 0.0;
    double cost = 0.0;
    int use_bands = 1;
    int it;
    int c;
    int k;

    for (c = 0; c < NCAT; c++) {
        a[c] = 1.0;
        total += (double)g->area_target[c] / 10.0;
        for (k = 0; k < NBAND; k++)
            band_raw[k] += g->st.raw_area[c][k];
    }
    for (k = 0; k < NBAND; k++) {
        b[k] = 1.0;
        band_target[k] = total * band_permille[k] / 1000.0;
        /* A tiny inventory may leave a band empty: fit categories only. */
        if (band_raw[k] <= 0.0)
            use_bands = 0;
    }
    for (it = 0; it < 200; it++) {
        if (use_bands) {
            for (k = 0; k < NBAND; k++) {
                double sum = 0.0;

                for (c = 0; c < NCAT; c++)
                    sum += g->st.raw_area[c][k] * a[c];
                b[k] = band_target[k] / sum;
            }
        }
        for (c = 0; c < NCAT; c++) {
            double sum = 0.0;

            for (k = 0; k < NBAND; k++)
                sum += g->st.raw_area[c][k] * b[k];
            a[c] = sum > 0.0 ? (double)g->area_target[c] / 10.0 / sum : 1.0;
        }
    }
    for (c = 0; c < NCAT; c++) {
        for (k = 0; k < NBAND; k++) {
            g->cal.area_factor[c][k] = a[c] * b[k];
            cost += g->st.raw_cost[c][k] * g->cal.area_factor[c][k];
        }
    }
    g->cal.cost_factor = cost > 0.0 ? (double)g->cost_target / cost : 1.0;
}

/* ---- files ---- */

static int
out_open(struct out *o, const char *dir, const char *file, const char *header, char *path,
         size_t cap)
{
    static const char bom[] = "\xEF\xBB\xBF";
    int n = snprintf(path, cap, "%s/%s", dir, file);

    o->path = path;
    if (n < 0 || (size_t)n >= cap) {
        fprintf(stderr, "gen_inventory: output path too long '%s'\n", dir);
        return -1;
    }
    o->fp = fopen(path, "wb");
    if (o->fp == NULL) {
        fprintf(stderr, "gen_inventory: cannot open '%s': %s\n", path, strerror(errno));
        return -1;
    }
    o->buf = malloc(OUT_BUFSIZE);
    if (o->buf != NULL)
        setvbuf(o->fp, o->buf, _IOFBF, OUT_BUFSIZE);
    if (fputs(bom, o->fp) == EOF || fputs(header, o->fp) == EOF || fputs("\r\n", o->fp) == EOF) {
        fprintf(stderr, "gen_inventory: cannot write '%s': %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int
out_close(struct out *o)
{
    int rc = 0;

    if (o->fp != NULL) {
        if (ferror(o->fp) || fclose(o->fp) != 0) {
            fprintf(stderr, "gen_inventory: cannot write '%s': %s\n", o->path, strerror(errno));
            rc = -1;
        }
        o->fp = NULL;
    }
    free(o->buf);
    o->buf = NULL;
    return rc;
}

/* ---- summary ---- */

/* "44.0" for num/den in percent with one decimal, integer arithmetic only. */
static void
format_pct(char *dst, size_t cap, int64_t num, int64_t den)
{
    int64_t v = den > 0 ? (num * 1000 + den / 2) / den : 0;

    snprintf(dst, cap, "%" PRId64 ".%" PRId64, v / 10, v % 10);
}

static void
format_tenths(char *dst, size_t cap, int64_t tenths)
{
    snprintf(dst, cap, "%" PRId64 ".%" PRId64, tenths / 10, tenths % 10);
}

static void
print_summary(const struct gen *g)
{
    const struct stats *st = &g->st;
    char a[64];
    char b[64];
    int c;

    printf("gen_inventory: synthetic kushiro-like inventory (架空のデータ)\n");
    printf("seed                    %" PRIu64 "\n", g->seed);
    printf("first projection year   %d\n", g->y0);
    printf("facilities              %" PRId64 "\n", st->facilities);
    printf("buildings               %" PRId64 "\n", st->buildings);
    printf("usage rows              %" PRId64 " (FY%d-FY%d)\n", st->usage_rows, g->y0 - NYEARS,
           g->y0 - 1);
    format_tenths(a, sizeof a, st->area_tenths);
    printf("total floor area        %s ㎡\n", a);
    format_pct(a, sizeof a, st->pre1982_tenths, st->area_tenths);
    printf("built before 1982       %s %% of floor area (建築年度 <= 1981)\n", a);
    format_pct(a, sizeof a, st->plan30_tenths, st->area_tenths);
    printf("30+ years old in FY%d %s %% of floor area (建築年度 <= %d)\n", PLAN_BASE_YEAR, a,
           PLAN_BASE_YEAR - 30);
    format_pct(a, sizeof a, st->y0_30_tenths, st->area_tenths);
    printf("30+ years old at Y0     %s %% of floor area (建築年度 <= %d)\n", a, g->y0 - 30);
    format_pct(a, sizeof a, st->graded, st->buildings);
    printf("buildings with grades   %" PRId64 " (%s %%)\n", st->graded, a);
    printf("running cost FY%d     %" PRId64 " 円\n", g->y0 - 1, st->cost_latest);
    printf("revenue FY%d          %" PRId64 " 円\n", g->y0 - 1, st->revenue_latest);
    printf("floor area by category:\n");
    for (c = 0; c < NCAT; c++) {
        format_tenths(a, sizeof a, st->cat_tenths[c]);
        format_pct(b, sizeof b, st->cat_tenths[c], st->area_tenths);
        printf("  %s %s ㎡ (%s %%)\n", categories[c].name, a, b);
    }
}

/* ---- main ---- */

static void
usage(FILE *fp)
{
    fprintf(fp,
            "usage: gen_inventory [--buildings N] [--seed S] [--year Y0] "
            "--out DIR\n"
            "  --buildings N  buildings to generate (default %d, the "
            "kushiro-like profile;\n"
            "                 facilities scale as N x %d/%d)\n"
            "  --seed S       PRNG seed, unsigned 64-bit (default 1)\n"
            "  --year Y0      first projection year, %d-%d (default 2026);\n"
            "                 usage covers FY Y0-3 .. Y0-1\n"
            "  --out DIR      output directory (created if missing)\n",
            PROFILE_BUILDINGS, PROFILE_FACILITIES, PROFILE_BUILDINGS, YEAR_MIN_Y0, YEAR_MAX_Y0);
}

/* Strict unsigned parse: digits only, no sign, no junk, range checked. */
static int
parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    char *end = NULL;
    unsigned long long v;

    if (s == NULL || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

int
main(int argc, char **argv)
{
    struct gen *g = NULL;
    const char *outdir = NULL;
    char path_f[4096];
    char path_b[4096];
    char path_u[4096];
    uint64_t v;
    int rc = 1;
    int i;

    g = calloc(1, sizeof *g);
    if (g == NULL) {
        fprintf(stderr, "gen_inventory: out of memory\n");
        return 1;
    }
    g->seed = 1;
    g->y0 = 2026;
    g->nbuildings = PROFILE_BUILDINGS;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;

        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            rc = 0;
            goto cleanup;
        } else if (strcmp(arg, "--buildings") == 0) {
            if (parse_u64(val, 1, MAX_BUILDINGS, &v) != 0) {
                fprintf(stderr,
                        "gen_inventory: --buildings '%s' is not a "
                        "number in 1..%d\n",
                        val ? val : "", MAX_BUILDINGS);
                rc = 2;
                goto cleanup;
            }
            g->nbuildings = (int64_t)v;
            i++;
        } else if (strcmp(arg, "--seed") == 0) {
            if (parse_u64(val, 0, UINT64_MAX, &v) != 0) {
                fprintf(stderr,
                        "gen_inventory: --seed '%s' is not an "
                        "unsigned 64-bit number\n",
                        val ? val : "");
                rc = 2;
                goto cleanup;
            }
            g->seed = v;
            i++;
        } else if (strcmp(arg, "--year") == 0) {
            if (parse_u64(val, YEAR_MIN_Y0, YEAR_MAX_Y0, &v) != 0) {
                fprintf(stderr,
                        "gen_inventory: --year '%s' is not a year in "
                        "%d..%d\n",
                        val ? val : "", YEAR_MIN_Y0, YEAR_MAX_Y0);
                rc = 2;
                goto cleanup;
            }
            g->y0 = (int)v;
            i++;
        } else if (strcmp(arg, "--out") == 0 && val != NULL && *val != '\0') {
            outdir = val;
            i++;
        } else {
            fprintf(stderr,
                    "gen_inventory: unknown or incomplete option "
                    "'%s'\n",
                    arg);
            usage(stderr);
            rc = 2;
            goto cleanup;
        }
    }
    if (outdir == NULL) {
        fprintf(stderr, "gen_inventory: --out DIR is required\n");
        usage(stderr);
        rc = 2;
        goto cleanup;
    }

    setup_year_tables(g);
    setup_targets(g);
    g->id_width_f = digits_of(g->nfacilities) > 5 ? digits_of(g->nfacilities) : 5;
    g->id_width_b = digits_of(g->nbuildings) > 6 ? digits_of(g->nbuildings) : 6;

    /* Pass 1: sums only. */
    g->writing = 0;
    if (run_pass(g) != 0)
        goto cleanup;
    calibrate(g);

    if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen_inventory: cannot create '%s': %s\n", outdir, strerror(errno));
        goto cleanup;
    }
    if (out_open(&g->fac_out, outdir, "facilities.csv",
                 "施設番号,施設名,大分類,中分類,所管課,地区,敷地面積,"
                 "土地所有,土地評価額,必須施設,状態",
                 path_f, sizeof path_f) != 0 ||
        out_open(&g->bld_out, outdir, "buildings.csv",
                 "棟番号,施設番号,棟名,構造,延床面積,建築年度,階数,耐震,"
                 "大規模改修年度,屋根・屋上,外壁,内部仕上,電気設備,機械設備",
                 path_b, sizeof path_b) != 0 ||
        out_open(&g->use_out, outdir, "usage.csv",
                 "年度,施設番号,利用者数,稼働率,開館日数,使用料等収入,"
                 "人件費,光熱水費,維持管理費,修繕費,委託料・指定管理料,その他",
                 path_u, sizeof path_u) != 0)
        goto cleanup;

    /* Pass 2: the same streams, calibrated, written. */
    g->writing = 1;
    if (run_pass(g) != 0)
        goto cleanup;
    rc = 0;

cleanup:
    /* Close all three even if one fails, so none is left half-flushed. */
    if (out_close(&g->fac_out) != 0)
        rc = 1;
    if (out_close(&g->bld_out) != 0)
        rc = 1;
    if (out_close(&g->use_out) != 0)
        rc = 1;
    if (rc == 0 && g->writing)
        print_summary(g);
    free(g->bld);
    free(g);
    return rc;
}
