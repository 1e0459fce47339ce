/* relay.c - bounded blocking pointer queue on C11 threads. */
#include "koyu/relay.h"

#include <stdlib.h>
#include <threads.h>

struct relay {
    mtx_t lock;
    cnd_t not_empty;
    cnd_t not_full;
    void **items;
    size_t capacity, head, count;
    int closed;
};

relay *
relay_new(size_t capacity)
{
    relay *r = calloc(1, sizeof *r);

    if (!r)
        return NULL;
    r->items = calloc(capacity, sizeof *r->items);
    r->capacity = capacity;
    if (!r->items || mtx_init(&r->lock, mtx_plain) != thrd_success) {
        free(r->items);
        free(r);
        return NULL;
    }
    if (cnd_init(&r->not_empty) != thrd_success) {
        mtx_destroy(&r->lock);
        free(r->items);
        free(r);
        return NULL;
    }
    if (cnd_init(&r->not_full) != thrd_success) {
        cnd_destroy(&r->not_empty);
        mtx_destroy(&r->lock);
        free(r->items);
        free(r);
        return NULL;
    }
    return r;
}

void
relay_free(relay *r)
{
    if (!r)
        return;
    cnd_destroy(&r->not_full);
    cnd_destroy(&r->not_empty);
    mtx_destroy(&r->lock);
    free(r->items);
    free(r);
}

int
relay_push(relay *r, void *item)
{
    int rc = 0;

    mtx_lock(&r->lock);
    while (r->count == r->capacity && !r->closed)
        cnd_wait(&r->not_full, &r->lock);
    if (r->closed) {
        rc = -1;
    } else {
        r->items[(r->head + r->count) % r->capacity] = item;
        r->count++;
        cnd_signal(&r->not_empty);
    }
    mtx_unlock(&r->lock);
    return rc;
}

void *
relay_pop(relay *r)
{
    void *item = NULL;

    mtx_lock(&r->lock);
    while (r->count == 0 && !r->closed)
        cnd_wait(&r->not_empty, &r->lock);
    if (r->count > 0) {
        item = r->items[r->head];
        r->head = (r->head + 1) % r->capacity;
        r->count--;
        cnd_signal(&r->not_full);
    }
    mtx_unlock(&r->lock);
    return item;
}

void
relay_close(relay *r)
{
    mtx_lock(&r->lock);
    r->closed = 1;
    cnd_broadcast(&r->not_empty);
    cnd_broadcast(&r->not_full);
    mtx_unlock(&r->lock);
}
