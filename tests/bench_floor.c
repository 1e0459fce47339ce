/* bench_floor.c DIR CELLS OUT.xlsx - the I/O floor of a run: read the
 * inventory's three CSV files with libcsv and write CELLS cells with
 * libxlsxwriter (constant memory), and nothing else.  `make bench` sets a
 * koyu run next to it.  Not part of the tests. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

static long fields;

static void
on_field(void *s, size_t n, void *d)
{
    (void)s;
    (void)n;
    (void)d;
    fields++;
}

int
main(int argc, char **argv)
{
    static const char *const files[] = {"facilities.csv", "buildings.csv", "usage.csv"};
    char path[4096], buf[1 << 16];
    long long cells, i;
    lxw_workbook_options wo = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    lxw_workbook *wb;
    lxw_worksheet *ws = NULL;
    int f, sheets = 0;

    if (argc != 4)
        return 2;
    cells = atoll(argv[2]);
    for (f = 0; f < 3; f++) {
        struct csv_parser p;
        FILE *fp;
        size_t n;

        snprintf(path, sizeof path, "%s/%s", argv[1], files[f]);
        fp = fopen(path, "rb");
        if (!fp || csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
            return 1;
        while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
            csv_parse(&p, buf, n, on_field, NULL, NULL);
        csv_fini(&p, on_field, NULL, NULL);
        csv_free(&p);
        fclose(fp);
    }
    wb = workbook_new_opt(argv[3], &wo);
    if (!wb)
        return 1;
    /* 20 columns, strings and numbers alternating, a new sheet per
     * Excel's row limit */
    for (i = 0; i < cells; i++) {
        lxw_row_t row = (lxw_row_t)((i / 20) % 1048000);
        lxw_col_t col = (lxw_col_t)(i % 20);

        if (i % (20LL * 1048000) == 0) {
            snprintf(path, sizeof path, "S%d", ++sheets);
            ws = workbook_add_worksheet(wb, path);
        }
        if (col % 2)
            worksheet_write_number(ws, row, col, (double)i * 1.5, NULL);
        else
            worksheet_write_string(ws, row, col, "施設名テキスト", NULL);
    }
    if (workbook_close(wb) != LXW_NO_ERROR)
        return 1;
    printf("floor: %ld CSV fields read, %lld cells written\n", fields, cells);
    return 0;
}
