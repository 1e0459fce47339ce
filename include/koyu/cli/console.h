/*
 * console.h - what koyu prints on the console after a command: the
 * snapshot's headline figures, each scenario's, the workbooks written, and
 * progress lines on a terminal.  Text from the message catalog, in the
 * user's language.
 */
#ifndef KOYU_CONSOLE_H
#define KOYU_CONSOLE_H

#include "koyu/core/diag.h"
#include "koyu/core/msg.h"
#include "koyu/inventory/importer.h"
#include "koyu/report/report.h"
#include "koyu/run/run.h"
#include "koyu/run/scenario.h"

/* The imported (or, dry_run, checked) snapshot of year: counts, floor
 * area, the share built 1981 or earlier, warnings; to stdout. */
void console_import(enum koyu_lang lang, int year, const struct importer_result *r,
                    const struct diag *d, int dry_run);

/* One scenario's figures (億円 = 100 million yen) from year; to stdout. */
void console_scenario(enum koyu_lang lang, int year, const struct scenario *sc,
                      const struct run_result *lr);

/* The workbooks a report wrote; to stdout. */
void console_report(enum koyu_lang lang, const struct report_result *rr);

/* A progress line on stderr, only on a terminal and unless quiet. */
void console_progress(enum koyu_lang lang, int quiet, enum msg_id id, ...);

#endif
