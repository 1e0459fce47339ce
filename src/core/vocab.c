/* vocab.c - the inventory's closed vocabularies and their lookup. */
#include "koyu/core/vocab.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "koyu/core/text.h"

#define A(...) ((const char *const[]){__VA_ARGS__, NULL})

/* The 13 大分類 of the MIC renewal-cost software, in its order (docs/method.md §1.1). */
static const struct vocab_entry vocab_category[] = {
    {"civic_culture", "市民文化系施設", "Civic and cultural", A("市民文化系", "1")},
    {"social_education", "社会教育系施設", "Social education", A("社会教育系", "2")},
    {"sports_recreation", "スポーツ・レクリエーション系施設", "Sports and recreation",
     A("スポーツ・レクリエーション系", "スポーツ系", "3")},
    {"industrial", "産業系施設", "Industrial", A("産業系", "4")},
    {"school", "学校教育系施設", "Schools", A("学校教育系", "学校", "5")},
    {"childcare", "子育て支援施設", "Childcare", A("子育て支援", "6")},
    {"health_welfare", "保健・福祉施設", "Health and welfare",
     A("保健福祉施設", "保健・福祉", "7")},
    {"medical", "医療施設", "Medical", A("医療", "8")},
    {"administrative", "行政系施設", "Administrative", A("行政系", "9")},
    {"public_housing", "公営住宅", "Public housing", A("市営住宅", "10")},
    {"park", "公園", "Parks", A("公園施設", "11")},
    {"supply_treatment", "供給処理施設", "Supply and treatment", A("供給処理", "12")},
    {"other", "その他", "Other", A("その他施設", "13")},
};

static const struct vocab_entry vocab_structure[] = {
    {"RC", "鉄筋コンクリート造", "Reinforced concrete", A("鉄筋コンクリート", "RC造")},
    {"SRC", "鉄骨鉄筋コンクリート造", "Steel-reinforced concrete",
     A("鉄骨鉄筋コンクリート", "SRC造")},
    {"S", "鉄骨造", "Steel", A("鉄骨", "S造")},
    {"W", "木造", "Wood", A("木", "W造")},
    {"CB", "コンクリートブロック造", "Concrete block",
     A("ブロック造", "補強コンクリートブロック造", "CB造")},
    {"LGS", "軽量鉄骨造", "Light-gauge steel", A("軽量鉄骨", "LGS造", "軽鉄")},
    {"other", "その他", "Other", A("その他構造")},
};

static const struct vocab_entry vocab_seismic[] = {
    {"new", "新耐震", "New standard (1981)", A("新耐震基準", "耐震")},
    {"old_retrofitted", "旧耐震・補強済", "Old standard, retrofitted",
     A("旧耐震(補強済)", "補強済", "耐震補強済", "retrofitted")},
    {"old_unretrofitted", "旧耐震・未補強", "Old standard, not retrofitted",
     A("旧耐震(未補強)", "未補強", "deficient")},
    {"unknown", "不明", "Unknown", A("未調査")},
};

static const struct vocab_entry vocab_status[] = {
    {"in_service", "供用中", "In service", A("使用中", "運営中", "active")},
    {"suspended", "休止", "Suspended", A("休止中", "休館", "休館中")},
    {"closing", "廃止予定", "To be closed", A("to_be_closed")},
};

static const struct vocab_entry vocab_land[] = {
    {"owned", "市有", "Owned",
     A("市有地", "町有", "町有地", "村有", "村有地", "区有", "都有", "道有", "県有", "府有", "公有",
       "所有", "自己所有", "yes")},
    {"leased", "借地", "Leased", A("民有地", "借地(民有地)", "賃借", "no")},
};

static const struct vocab_entry vocab_bool[] = {
    {"yes", "はい", "Yes", A("必須", "○", "◯", "1", "true", "y", "有")},
    {"no", "いいえ", "No", A("×", "0", "false", "n", "無", "任意")},
};

/* The five decisions of 資産の仕分け, in enum lcc_option order. */
static const struct vocab_entry vocab_decision[] = {
    {"keep", "維持", "Keep", A("現状維持", "継続")},
    {"repair", "改修", "Repair", A("長寿命化", "大規模改修")},
    {"rebuild", "建替", "Rebuild", A("建替え", "建て替え", "更新")},
    {"sell", "売却", "Sell", A("廃止", "処分")},
    {"lease", "貸付", "Lease", A("貸し付け", "貸与")},
};

#define VOCAB_N(t) (sizeof t / sizeof t[0])
_Static_assert(VOCAB_N(vocab_category) == VOCAB_CATEGORIES, "vocab_category and VOCAB_CATEGORIES");
_Static_assert(VOCAB_N(vocab_structure) == VOCAB_STRUCTURES,
               "vocab_structure and VOCAB_STRUCTURES");
_Static_assert(VOCAB_N(vocab_seismic) == VOCAB_SEISMICS, "vocab_seismic and VOCAB_SEISMICS");
_Static_assert(VOCAB_N(vocab_status) == VOCAB_STATUSES, "vocab_status and VOCAB_STATUSES");
_Static_assert(VOCAB_N(vocab_decision) == VOCAB_DECISIONS, "vocab_decision and VOCAB_DECISIONS");

struct vocab_table {
    const struct vocab_entry *entries;
    size_t count;
};

static const struct vocab_table vocab_tables[VOCAB__COUNT] = {
    [VOCAB_CATEGORY] = {vocab_category, sizeof vocab_category / sizeof vocab_category[0]},
    [VOCAB_STRUCTURE] = {vocab_structure, sizeof vocab_structure / sizeof vocab_structure[0]},
    [VOCAB_SEISMIC] = {vocab_seismic, sizeof vocab_seismic / sizeof vocab_seismic[0]},
    [VOCAB_STATUS] = {vocab_status, sizeof vocab_status / sizeof vocab_status[0]},
    [VOCAB_LAND] = {vocab_land, sizeof vocab_land / sizeof vocab_land[0]},
    [VOCAB_BOOL] = {vocab_bool, sizeof vocab_bool / sizeof vocab_bool[0]},
    [VOCAB_DECISION] = {vocab_decision, sizeof vocab_decision / sizeof vocab_decision[0]},
};

/* Keys of every name of every entry, computed once: lookups run per cell
 * on million-row inventories, so folding the tables each time is too slow. */
struct vocab_key {
    char key[96];
    const struct vocab_entry *entry;
};

#define VOCAB_MAX_KEYS 256
static struct vocab_key vocab_keys[VOCAB__COUNT][VOCAB_MAX_KEYS];
static size_t vocab_nkeys[VOCAB__COUNT];
static pthread_once_t vocab_once = PTHREAD_ONCE_INIT; /* lookups run on several threads */

static void
vocab_add_key(enum vocab_kind kind, const char *name, const struct vocab_entry *e)
{
    struct vocab_key *k;

    if (vocab_nkeys[kind] >= VOCAB_MAX_KEYS)
        return;
    k = &vocab_keys[kind][vocab_nkeys[kind]++];
    text_key(name, k->key, sizeof k->key);
    k->entry = e;
}

static void
vocab_build_keys(void)
{
    size_t kind, i;

    for (kind = 0; kind < VOCAB__COUNT; kind++) {
        for (i = 0; i < vocab_tables[kind].count; i++) {
            const struct vocab_entry *e = &vocab_tables[kind].entries[i];
            const char *const *a;

            vocab_add_key((enum vocab_kind)kind, e->code, e);
            vocab_add_key((enum vocab_kind)kind, e->ja, e);
            vocab_add_key((enum vocab_kind)kind, e->en, e);
            for (a = e->aliases; a && *a; a++)
                vocab_add_key((enum vocab_kind)kind, *a, e);
        }
    }
}

const struct vocab_entry *
vocab_find(enum vocab_kind kind, const char *text)
{
    char key[256];
    size_t i;

    /* the same few values repeat down a million rows ("RC", "新耐震");
     * one cache per thread, so a text and its entry always go together */
    static _Thread_local char last_text[VOCAB__COUNT][64];
    static _Thread_local const struct vocab_entry *last_entry[VOCAB__COUNT];

    if ((unsigned)kind >= VOCAB__COUNT || strlen(text) >= sizeof key)
        return NULL;
    if (last_entry[kind] && strcmp(text, last_text[kind]) == 0)
        return last_entry[kind];
    pthread_once(&vocab_once, vocab_build_keys);
    if (text_key(text, key, sizeof key) == 0)
        return NULL;
    for (i = 0; i < vocab_nkeys[kind]; i++)
        if (strcmp(key, vocab_keys[kind][i].key) == 0) {
            if (strlen(text) < sizeof last_text[kind]) {
                memcpy(last_text[kind], text, strlen(text) + 1);
                last_entry[kind] = vocab_keys[kind][i].entry;
            }
            return vocab_keys[kind][i].entry;
        }
    return NULL;
}

size_t
vocab_count(enum vocab_kind kind)
{
    return (unsigned)kind < VOCAB__COUNT ? vocab_tables[kind].count : 0;
}

const struct vocab_entry *
vocab_at(enum vocab_kind kind, size_t i)
{
    if ((unsigned)kind >= VOCAB__COUNT || i >= vocab_tables[kind].count)
        return NULL;
    return &vocab_tables[kind].entries[i];
}

char *
vocab_allowed(enum vocab_kind kind, enum koyu_lang lang, char *buf, size_t size)
{
    size_t i, len = 0;

    if (size == 0)
        return buf;
    buf[0] = '\0';
    for (i = 0; i < vocab_count(kind); i++) {
        const struct vocab_entry *e = vocab_at(kind, i);
        const char *name = e->ja;
        int n;

        /* structures are written by their letters in both languages */
        if (kind == VOCAB_STRUCTURE || lang == KOYU_LANG_EN)
            name = e->code;
        n = snprintf(buf + len, size - len, "%s%s", i ? ", " : "", name);
        if (n < 0 || (size_t)n >= size - len)
            break;
        len += (size_t)n;
    }
    return buf;
}
