/* fuzz_loader.c - libFuzzer target: any bytes through the CSV loader and
 * the row conversion of each of the three files.  Not part of make test;
 * `make fuzz-smoke` runs it briefly from the fixtures. */
#include <stddef.h>
#include <stdint.h>

#include "koyu/inventory/inventory.h"
#include "koyu/inventory/loader.h"

struct fuzz_ctx {
    enum inv_file f;
    struct inv_header h;
    int seen;
    struct diag *d;
};

static int
fuzz_record(void *ctx, long line, char **fields, size_t n, int broken)
{
    struct fuzz_ctx *c = ctx;
    struct inv_value v[INV_MAX_COLUMNS];

    if (broken)
        return 0;
    if (!c->seen) {
        c->seen = 1;
        inventory_map_header(c->f, (const char *const *)fields, n, line, &c->h, c->d);
        return 0;
    }
    inventory_convert_row(c->f, &c->h, fields, n, line, 2026, v, c->d);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct loader_info info;
    struct diag d;
    int f;

    diag_init(&d, NULL, KOYU_LANG_EN, 10);
    for (f = 0; f < INV__FILES; f++) {
        struct fuzz_ctx c = {(enum inv_file)f, {0}, 0, &d};

        diag_begin_file(&d, "fuzz.csv");
        loader_read_memory(data, size, LOADER_ENC_AUTO, fuzz_record, &c, &d, &info);
    }
    return 0;
}
