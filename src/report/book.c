/* book.c - one workbook: its sheets in reading order, each written by its
 * own function (sheets.h), into a temporary file put in place only when
 * every workbook of the report is complete. */
#include "book.h"
#include "koyu/core/msg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const enum msg_id book_sheet_names[SH__COUNT] = {
    MSG_SHEET_SUMMARY,       MSG_SHEET_FACILITIES,
    MSG_SHEET_BUILDINGS,     MSG_SHEET_RENEWAL_PROJECTION,
    MSG_SHEET_PORTFOLIO,     MSG_SHEET_OPTIONS,
    MSG_SHEET_CONSOLIDATION, MSG_SHEET_ASSUMPTIONS,
    MSG_SHEET_DATA_QUALITY,  MSG_SHEET_FACILITY_CARDS,
};

const char *
sheet_name(enum koyu_lang lang, enum rep_sheet sh)
{
    return (unsigned)sh < SH__COUNT ? msg(lang, book_sheet_names[sh]) : "?";
}

/* The writer of one workbook, with the tests' hooks read from the
 * environment: KOYU_TEST_ZERO_CACHE (formulas cache 0), KOYU_TEST_FAIL_CELLS
 * (a write fails after that many cells, in the workbook whose path holds
 * KOYU_TEST_FAIL_BOOK), KOYU_TEST_MAX_ROWS (sheets go on past that row). */
static void
book_writer(struct rep *r, enum koyu_lang lang, const char *path)
{
    const char *max = getenv("KOYU_TEST_MAX_ROWS"), *fail = getenv("KOYU_TEST_FAIL_CELLS");
    const char *fail_book = getenv("KOYU_TEST_FAIL_BOOK");

    memset(r, 0, sizeof *r);
    r->lang = lang;
    r->zero_cache = getenv("KOYU_TEST_ZERO_CACHE") != NULL;
    r->fail_after = fail ? atol(fail) : 0;
    if (fail_book && !strstr(path, fail_book))
        r->fail_after = 0;
    r->max_rows = REP_MAX_ROWS;
    if (max && atol(max) > 1 && atol(max) < REP_MAX_ROWS)
        r->max_rows = (lxw_row_t)atol(max);
}

enum koyu_err
book_write(struct rep_book *bk, const char *path, char *tmp, size_t tmp_size, char *errbuf,
           size_t errsize)
{
    const enum koyu_lang lang = bk->o->lang;
    const int dept = bk->department != NULL;
    lxw_workbook_options wo = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    lxw_doc_properties props = {.created = bk->o->created};
    lxw_worksheet *ws[SH__COUNT] = {NULL};
    double year_total[LCC_MAX_HORIZON] = {0};
    struct rep_scen xs;
    struct rep r;
    enum koyu_err err;
    int fd, k;

    book_writer(&r, lang, path);
    snprintf(tmp, tmp_size, "%s.tmpXXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(errbuf, errsize, "cannot create a file beside '%s': %s", path, strerror(errno));
        return KOYU_ERR_IO;
    }
    close(fd);
    r.wb = workbook_new_opt(tmp, &wo);
    if (!r.wb) {
        unlink(tmp);
        snprintf(errbuf, errsize, "cannot start '%s'", path);
        return KOYU_ERR_IO;
    }
    rep_check(&r, workbook_set_properties(r.wb, &props));
    rep_formats(&r);
    err = store_report_renewal(bk->s, bk->run, bk->department, bk->renewal);
    /* the sheets in reading order, added first; each is then written top
     * to bottom (constant-memory mode) */
    ws[SH_SUMMARY] = workbook_add_worksheet(r.wb, sheet_name(lang, SH_SUMMARY));
    ws[SH_FACILITIES] = rep_table_sheet(&r, sheet_name(lang, SH_FACILITIES), sheet_facility_cols,
                                        sheet_facility_ncols, bk->facilities);
    ws[SH_BUILDINGS] = rep_table_sheet(&r, sheet_name(lang, SH_BUILDINGS), sheet_building_cols,
                                       sheet_building_ncols, bk->run->portfolio.buildings);
    ws[SH_RENEWAL] = workbook_add_worksheet(r.wb, sheet_name(lang, SH_RENEWAL));
    if (!dept)
        ws[SH_PORTFOLIO] = workbook_add_worksheet(r.wb, sheet_name(lang, SH_PORTFOLIO));
    ws[SH_OPTIONS] = rep_table_sheet(&r, sheet_name(lang, SH_OPTIONS), sheet_option_cols,
                                     sheet_option_ncols, bk->facilities);
    if (!dept)
        ws[SH_CONSOLIDATION] =
            rep_table_sheet(&r, sheet_name(lang, SH_CONSOLIDATION), sheet_consolidation_cols,
                            sheet_consolidation_ncols, bk->run->portfolio.consolidations);
    /* the scenarios of the run's batch and their uncertainty */
    memset(&xs, 0, sizeof xs);
    if (err == KOYU_OK && !dept) {
        err = rep_scen_load(bk, &xs);
        rep_scen_add_sheets(&r, &xs);
    }
    if (dept) {
        ws[SH_CARDS] = workbook_add_worksheet(r.wb, sheet_name(lang, SH_CARDS));
    } else {
        ws[SH_ASSUMPTIONS] = workbook_add_worksheet(r.wb, sheet_name(lang, SH_ASSUMPTIONS));
        ws[SH_QUALITY] = workbook_add_worksheet(r.wb, sheet_name(lang, SH_QUALITY));
    }
    for (k = 0; k < SH__COUNT; k++)
        if (!ws[k] && (dept ? k != SH_PORTFOLIO && k != SH_CONSOLIDATION && k != SH_ASSUMPTIONS &&
                                  k != SH_QUALITY
                            : k != SH_CARDS))
            rep_check(&r, LXW_ERROR_SHEETNAME_ALREADY_USED);
    if (err == KOYU_OK && !r.err && dept) {
        /* a department's summary counts its own facilities; the recent
         * investment is the city's, not a department's */
        bk->dept_run = *bk->run;
        err = sheet_department_totals(bk, &bk->dept_run.portfolio);
    }
    if (err == KOYU_OK && !r.err) {
        struct rep_book view = *bk;

        if (dept)
            view.run = &bk->dept_run;
        sheet_renewal(&r, ws[SH_RENEWAL], &view, year_total);
        sheet_summary(&r, ws[SH_SUMMARY], &view, year_total);
        err = sheet_facilities(&r, ws[SH_FACILITIES], bk);
    }
    if (err == KOYU_OK && !r.err)
        err = sheet_buildings(&r, ws[SH_BUILDINGS], bk);
    if (err == KOYU_OK && !r.err)
        err = sheet_options(&r, ws[SH_OPTIONS], bk);
    if (err == KOYU_OK && !r.err && ws[SH_PORTFOLIO])
        err = sheet_portfolio(&r, ws[SH_PORTFOLIO], bk);
    if (err == KOYU_OK && !r.err && ws[SH_CONSOLIDATION])
        err = sheet_consolidation(&r, ws[SH_CONSOLIDATION], bk);
    if (err == KOYU_OK && !r.err && ws[SH_ASSUMPTIONS])
        err = sheet_assumptions(&r, ws[SH_ASSUMPTIONS], bk);
    if (err == KOYU_OK && !r.err && ws[SH_QUALITY])
        err = sheet_quality(&r, ws[SH_QUALITY], bk);
    if (err == KOYU_OK && !r.err && !dept)
        err = rep_scen_write(&r, bk, &xs);
    rep_scen_release(&xs);
    if (err == KOYU_OK && !r.err && ws[SH_CARDS])
        err = sheet_cards(&r, ws[SH_CARDS], bk);
    if (err == KOYU_OK && !r.err)
        rep_check(&r, workbook_close(r.wb));
    else
        workbook_close(r.wb); /* frees it; the file is discarded below */
    bk->cells += r.cells;
    if (err || r.err) {
        unlink(tmp);
        if (!err)
            snprintf(errbuf, errsize, "cannot write '%s': %s", path, lxw_strerror(r.err));
        else
            snprintf(errbuf, errsize, "cannot read the results for '%s': %s", path,
                     store_errmsg(bk->s));
        return err ? err : KOYU_ERR_IO;
    }
    return KOYU_OK;
}

enum koyu_err
book_commit(const char *tmp, const char *path, char *errbuf, size_t errsize)
{
    chmod(tmp, 0644);
    if (rename(tmp, path) != 0) {
        snprintf(errbuf, errsize, "cannot rename to '%s': %s", path, strerror(errno));
        unlink(tmp);
        return KOYU_ERR_IO;
    }
    return KOYU_OK;
}
