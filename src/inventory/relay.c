/* relay.c - bounded blocking pointer queue on POSIX threads. */
#include "koyu/inventory/relay.h"

#include <pthread.h>
#include <stdlib.h>

struct relay {
    pthread_mutex_t lock;
    pthread_cond_t not_empty;
    pthread_cond_t not_full;
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
    if (!r->items || pthread_mutex_init(&r->lock, NULL) != 0) {
        free(r->items);
        free(r);
        return NULL;
    }
    if (pthread_cond_init(&r->not_empty, NULL) != 0) {
        pthread_mutex_destroy(&r->lock);
        free(r->items);
        free(r);
        return NULL;
    }
    if (pthread_cond_init(&r->not_full, NULL) != 0) {
        pthread_cond_destroy(&r->not_empty);
        pthread_mutex_destroy(&r->lock);
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
    pthread_cond_destroy(&r->not_full);
    pthread_cond_destroy(&r->not_empty);
    pthread_mutex_destroy(&r->lock);
    free(r->items);
    free(r);
}

int
relay_push(relay *r, void *item)
{
    int rc = 0;

    pthread_mutex_lock(&r->lock);
    while (r->count == r->capacity && !r->closed)
        pthread_cond_wait(&r->not_full, &r->lock);
    if (r->closed) {
        rc = -1;
    } else {
        r->items[(r->head + r->count) % r->capacity] = item;
        r->count++;
        pthread_cond_signal(&r->not_empty);
    }
    pthread_mutex_unlock(&r->lock);
    return rc;
}

void *
relay_pop(relay *r)
{
    void *item = NULL;

    pthread_mutex_lock(&r->lock);
    while (r->count == 0 && !r->closed)
        pthread_cond_wait(&r->not_empty, &r->lock);
    if (r->count > 0) {
        item = r->items[r->head];
        r->head = (r->head + 1) % r->capacity;
        r->count--;
        pthread_cond_signal(&r->not_full);
    }
    pthread_mutex_unlock(&r->lock);
    return item;
}

void
relay_close(relay *r)
{
    pthread_mutex_lock(&r->lock);
    r->closed = 1;
    pthread_cond_broadcast(&r->not_empty);
    pthread_cond_broadcast(&r->not_full);
    pthread_mutex_unlock(&r->lock);
}
