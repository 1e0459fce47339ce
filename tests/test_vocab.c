/* test_vocab.c - categories, structures, seismic, status, land, yes/no. */
#include "koyu/core/errors.h"
#include "koyu/core/vocab.h"
#include "koyu/engine/lcc.h"
#include "testlib.h"

static const char *
code(enum vocab_kind k, const char *text)
{
    const struct vocab_entry *e = vocab_find(k, text);

    return e ? e->code : NULL;
}

/* The engine numbers these vocabularies; vocab.c lists them in its order. */
static void
test_engine_order(void)
{
    static const char *const seismic[] = {"new", "old_retrofitted", "old_unretrofitted", "unknown"};
    static const char *const status[] = {"in_service", "suspended", "closing"};
    int k;

    CHECK_STR(vocab_at(VOCAB_SEISMIC, ASSET_SEISMIC_NEW)->code, seismic[0]);
    CHECK_STR(vocab_at(VOCAB_SEISMIC, ASSET_SEISMIC_OLD_RETROFITTED)->code, seismic[1]);
    CHECK_STR(vocab_at(VOCAB_SEISMIC, ASSET_SEISMIC_OLD_UNRETROFITTED)->code, seismic[2]);
    CHECK_STR(vocab_at(VOCAB_SEISMIC, ASSET_SEISMIC_UNKNOWN)->code, seismic[3]);
    CHECK_STR(vocab_at(VOCAB_STATUS, ASSET_IN_SERVICE)->code, status[0]);
    CHECK_STR(vocab_at(VOCAB_STATUS, ASSET_SUSPENDED)->code, status[1]);
    CHECK_STR(vocab_at(VOCAB_STATUS, ASSET_CLOSING)->code, status[2]);
    for (k = 0; k < LCC_OPTION__COUNT; k++)
        CHECK_STR(vocab_at(VOCAB_DECISION, (size_t)k)->code, lcc_option_name((enum lcc_option)k));
}

static void
test_categories(void)
{
    size_t i;

    CHECK(vocab_count(VOCAB_CATEGORY) == 13);
    /* every category by its Japanese name, English label and code */
    for (i = 0; i < vocab_count(VOCAB_CATEGORY); i++) {
        const struct vocab_entry *e = vocab_at(VOCAB_CATEGORY, i);

        CHECK_STR(code(VOCAB_CATEGORY, e->ja), e->code);
        CHECK_STR(code(VOCAB_CATEGORY, e->en), e->code);
        CHECK_STR(code(VOCAB_CATEGORY, e->code), e->code);
    }
    CHECK_STR(code(VOCAB_CATEGORY, "学校教育系"), "school");
    CHECK_STR(code(VOCAB_CATEGORY, "スポーツ・レクリエーション系施設"), "sports_recreation");
    CHECK_STR(code(VOCAB_CATEGORY, "スポーツレクリエーション系施設"), "sports_recreation");
    CHECK_STR(code(VOCAB_CATEGORY, "保健福祉施設"), "health_welfare");
    CHECK_STR(code(VOCAB_CATEGORY, "ＳＣＨＯＯＬ"), "school");
    CHECK(code(VOCAB_CATEGORY, "宇宙系施設") == NULL);
    CHECK(code(VOCAB_CATEGORY, "") == NULL);
}

static void
test_other_vocabularies(void)
{
    CHECK_STR(code(VOCAB_STRUCTURE, "RC"), "RC");
    CHECK_STR(code(VOCAB_STRUCTURE, "ｒｃ"), "RC");
    CHECK_STR(code(VOCAB_STRUCTURE, "鉄筋コンクリート造"), "RC");
    CHECK_STR(code(VOCAB_STRUCTURE, "鉄骨鉄筋コンクリート造"), "SRC");
    CHECK_STR(code(VOCAB_STRUCTURE, "木造"), "W");
    CHECK_STR(code(VOCAB_STRUCTURE, "軽量鉄骨造"), "LGS");
    CHECK_STR(code(VOCAB_STRUCTURE, "ブロック造"), "CB");
    CHECK(code(VOCAB_STRUCTURE, "石造") == NULL);
    CHECK_STR(code(VOCAB_SEISMIC, "新耐震"), "new");
    CHECK_STR(code(VOCAB_SEISMIC, "旧耐震・補強済"), "old_retrofitted");
    CHECK_STR(code(VOCAB_SEISMIC, "旧耐震（補強済）"), "old_retrofitted");
    CHECK_STR(code(VOCAB_SEISMIC, "旧耐震・未補強"), "old_unretrofitted");
    CHECK_STR(code(VOCAB_SEISMIC, "不明"), "unknown");
    /* no guesses: 旧耐震 alone does not say whether it was retrofitted,
     * 廃止 is not 廃止予定, and "-" is not an answer */
    CHECK(code(VOCAB_SEISMIC, "旧耐震") == NULL);
    CHECK(code(VOCAB_STATUS, "廃止") == NULL);
    CHECK(code(VOCAB_BOOL, "-") == NULL);
    CHECK_STR(code(VOCAB_STATUS, "供用中"), "in_service");
    CHECK_STR(code(VOCAB_STATUS, "休止"), "suspended");
    CHECK_STR(code(VOCAB_STATUS, "廃止予定"), "closing");
    CHECK_STR(code(VOCAB_LAND, "市有"), "owned");
    CHECK_STR(code(VOCAB_LAND, "借地"), "leased");
    CHECK_STR(code(VOCAB_BOOL, "はい"), "yes");
    CHECK_STR(code(VOCAB_BOOL, "YES"), "yes");
    CHECK_STR(code(VOCAB_BOOL, "いいえ"), "no");
    CHECK_STR(code(VOCAB_BOOL, "○"), "yes");
    CHECK(code(VOCAB_BOOL, "maybe") == NULL);
}

static void
test_error_table(void)
{
    int e;

    for (e = 0; e < KOYU_ERR__COUNT; e++)
        CHECK(koyu_strerror((enum koyu_err)e) != NULL);
    CHECK_STR(koyu_strerror((enum koyu_err)999), "unknown error");
    CHECK(koyu_exit_status(KOYU_OK) == 0);
    CHECK(koyu_exit_status(KOYU_ERR_USAGE) == 2);
    CHECK(koyu_exit_status(KOYU_ERR_DATA) == 1);
}

void
suite_vocab(void)
{
    RUN(test_engine_order);
    RUN(test_categories);
    RUN(test_other_vocabularies);
    RUN(test_error_table);
}
