/*
 * consolidate.h - 集約化・複合化 candidates: each source facility (use low,
 * building old or unsound) paired with a receiving facility of the same
 * 地区 whose sound building has room for the source's users
 * (docs/method.md §7.5).  Pure: plain arrays in and out.
 */
#ifndef KOYU_CONSOLIDATE_H
#define KOYU_CONSOLIDATE_H

#include <stddef.h>

enum consol_kind {
    CONSOL_CONSOLIDATE = 0, /* 集約化: into a facility of the same 中分類 */
    CONSOL_COMBINE          /* 複合化: into a facility of a compatible category */
};

/* One facility as the matching sees it. */
struct consol_facility {
    int district; /* numbered from 0 by the caller; -1: none (never matched) */
    int group;    /* 中分類, numbered by the caller */
    int category; /* 0 .. 31 */
    int source;   /* 1: its use is to move */
    double users; /* a year: what a source brings */
    double room;  /* a receiver's users it can still take (0, or a source: not one);
                   * consol_match lowers it as it places sources */
    double hard;  /* sources are placed worst building first */
};

struct consol_match {
    size_t source, receiver; /* indices into the array */
    enum consol_kind kind;
    double room_before; /* the receiver's room when the source was placed */
};

/*
 * Places every source it can, in a stated order: sources by hard score
 * ascending (then index); first into a receiver of the same district and
 * 中分類 (集約化), then, for those left, into one of the same district and
 * a category in combine[source category] (bit c: category c may receive;
 * 複合化).  Among the receivers that fit, the one with the most room left
 * (then the lower index); a receiver's room goes down by each source it
 * takes, so no room is counted twice.  Writes at most n matches to out and
 * returns their number, or (size_t)-1 when out of memory.
 */
size_t consol_match(struct consol_facility *f, size_t n, const unsigned combine[32],
                    struct consol_match *out);

#endif
