/*
 * asset.h - the engine's domain: a facility (施設) with its buildings (棟)
 * and its use and cost by fiscal year, as the engine reads them.  Plain
 * data; the store fills them from a stored snapshot (store_snapshot_next).
 *
 * The closed vocabularies are numbered here; vocab.c lists their codes and
 * names in the same order, and the store checks that at compile time.
 */
#ifndef KOYU_ASSET_H
#define KOYU_ASSET_H

#include <stddef.h>

#define ASSET_CATEGORIES 13 /* the MIC categories (docs/method.md §2.1) */
#define ASSET_STRUCTURES 7  /* RC SRC S W CB LGS other */

enum asset_seismic {
    ASSET_SEISMIC_NEW = 0,           /* 新耐震 */
    ASSET_SEISMIC_OLD_RETROFITTED,   /* 旧耐震・補強済 */
    ASSET_SEISMIC_OLD_UNRETROFITTED, /* 旧耐震・未補強 */
    ASSET_SEISMIC_UNKNOWN,           /* 不明 */
    ASSET_SEISMIC__COUNT
};

enum asset_status {
    ASSET_IN_SERVICE = 0, /* 供用中 */
    ASSET_SUSPENDED,      /* 休止 */
    ASSET_CLOSING,        /* 廃止予定 */
    ASSET_STATUS__COUNT
};

struct asset_building {
    const char *building_id;
    int structure; /* 0 .. ASSET_STRUCTURES-1, -1 unknown */
    int seismic;   /* enum asset_seismic, -1 not given */
    double floor_area_m2;
    int built_year;
    int renovated_year; /* 0 = none */
    char grades[5];     /* roof, exterior, interior, electrical, mechanical:
                           'A'..'D' or 0 */
};

struct asset_usage {
    int fiscal_year;
    double cost_yen; /* the six cost columns */
    double revenue_yen;
    double repair_yen;
    double users;           /* -1 when not given */
    double utilization_pct; /* -1 when not given */
};

struct asset_facility {
    const char *facility_id, *name, *subcategory, *department;
    const char *district; /* 地区, or NULL */
    int category;         /* 0 .. ASSET_CATEGORIES-1, -1 unknown */
    int status;           /* enum asset_status, -1 not given */
    int essential;        /* 1, 0, or -1 when not given */
    int land_owned;       /* 1 owned, 0 leased, -1 unknown */
    double land_value_yen;
    double floor_area_m2; /* of its buildings */
    const struct asset_building *buildings;
    size_t nbuildings;
    const struct asset_usage *usage; /* by fiscal year, ascending */
    size_t nusage;
    int policy;                /* enum lcc_option of policy.csv, or -1 */
    const char *policy_reason; /* or NULL */
    int policy_year;           /* 実施年度 of policy.csv, or 0 */
};

#endif
