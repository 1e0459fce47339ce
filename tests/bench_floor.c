/* bench_floor.c DIR CELLS OUT.xlsx [THREADS] - the I/O floor of a run:
 * read the inventory's three CSV files with libcsv and write CELLS cells
 * with libxlsxwriter (constant memory), and nothing else; with THREADS > 1
 * the cells are split over that many workbooks written at once (koyu
 * writes its workbooks on both cores).  `make bench` sets a koyu run next
 * to it.  Not part of the tests. */
#include <csv.h>
#include <pthread.h>
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

struct book {
    char path[4200];
    long long cells;
    int ok;
};

/* 20 columns, strings and numbers alternating, a new sheet per Excel's
 * row limit */
static void *
write_book(void *arg)
{
    struct book *b = arg;
    lxw_workbook_options wo = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(b->path, &wo);
    lxw_worksheet *ws = NULL;
    char name[32];
    long long i;
    int sheets = 0;

    if (!wb)
        return NULL;
    for (i = 0; i < b->cells; i++) {
        lxw_row_t row = (lxw_row_t)((i / 20) % 1048000);
        lxw_col_t col = (lxw_col_t)(i % 20);

        if (i % (20LL * 1048000) == 0) {
            snprintf(name, sizeof name, "S%d", ++sheets);
            ws = workbook_add_worksheet(wb, name);
        }
        if (col % 2)
            worksheet_write_number(ws, row, col, (double)i * 1.5, NULL);
        else
            worksheet_write_string(ws, row, col, "施設名テキスト", NULL);
    }
    b->ok = workbook_close(wb) == LXW_NO_ERROR;
    return NULL;
}

int
main(int argc, char **argv)
{
    static const char *const files[] = {"facilities.csv", "buildings.csv", "usage.csv"};
    static struct book books[8];
    pthread_t tid[8];
    char path[4096], buf[1 << 16];
    long long cells;
    int f, t, nthreads;

    if (argc != 4 && argc != 5)
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
    nthreads = argc > 4 ? atoi(argv[4]) : 1;
    if (nthreads < 1 || nthreads > 8)
        return 2;
    for (t = 0; t < nthreads; t++) {
        snprintf(books[t].path, sizeof books[t].path, t ? "%s.%d.xlsx" : "%s", argv[3], t);
        books[t].cells = cells / nthreads + (t < cells % nthreads);
        if (pthread_create(&tid[t], NULL, write_book, &books[t]) != 0)
            return 1;
    }
    for (t = 0; t < nthreads; t++) {
        pthread_join(tid[t], NULL);
        if (!books[t].ok)
            return 1;
    }
    printf("floor: %ld CSV fields read, %lld cells written on %d thread(s)\n", fields, cells,
           nthreads);
    return 0;
}
