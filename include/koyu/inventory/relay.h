/*
 * relay.h - a bounded blocking queue of pointers between two threads, so
 * an import can parse on one core while SQLite writes on the other.
 * POSIX threads (which the sanitizers understand, unlike C11 <threads.h>
 * in this GCC); the queue never owns what it carries.
 */
#ifndef KOYU_RELAY_H
#define KOYU_RELAY_H

#include <stddef.h>

typedef struct relay relay;

/* Creates an open relay holding at most capacity items; NULL if out of
 * memory or threads cannot be set up.  Free with relay_free. */
relay *relay_new(size_t capacity);

/* Frees r (which nobody may use any more); NULL is a no-op. */
void relay_free(relay *r);

/* Appends item, waiting while the relay is full.  Returns 0, or -1 if the
 * relay was closed (the item was not taken). */
int relay_push(relay *r, void *item);

/* Takes the oldest item, waiting while the relay is empty and open.
 * Returns NULL once the relay is closed and empty. */
void *relay_pop(relay *r);

/* Closes r: pushes fail from now on, pops drain what is left, and every
 * waiting thread wakes. */
void relay_close(relay *r);

#endif
