/* Who is on site when: the weekly pattern of the config, minus closed dates,
 * plus today's staff overrides from the store; and the slots that follow.
 * Pure functions of their inputs (no store, no clock). */
#ifndef WW_SCHEDULE_H
#define WW_SCHEDULE_H

#include "config.h"

#include <stdint.h>

enum ww_override_kind {
    WW_OVERRIDE_ABSENT,  /* the partner is not here on that day */
    WW_OVERRIDE_PRESENT, /* here with these hours and desks (also: extra partner) */
};

/* A staff change for one partner on one day at one location. The newest
 * change per partner wins; undo removes the newest. */
struct ww_override {
    int64_t id;
    char partner[WW_ID_SIZE];
    enum ww_override_kind kind;
    int time[2];
    int desks;
    char room[WW_NAME_SIZE];
};

/* One partner present at the location on a day. */
struct ww_block {
    size_t partner; /* index into config.partners */
    int time[2];
    int desks;
    char room[WW_NAME_SIZE];
    bool changed; /* comes from a staff override */
};

#define WW_MAX_BLOCKS 48

struct ww_day_plan {
    ww_day day;
    bool closed;               /* holiday or no opening hours (overrides still apply) */
    const char *closed_reason; /* borrowed from the config */
    size_t n;
    struct ww_block blocks[WW_MAX_BLOCKS];
    size_t n_absent; /* partners of the pattern marked absent by staff */
    size_t absent[WW_MAX_BLOCKS];
};

/* Does a weekly-pattern entry apply on `day`? */
bool ww_presence_applies(const struct ww_presence *p, ww_day day);

/* The plan of a location for one day. `ov` holds the effective override per
 * partner (at most one each; see ww_store_overrides). Blocks are sorted by
 * start time, then partner order. */
void ww_schedule_day(const struct ww_config *cfg, const struct ww_location *loc, ww_day day,
                     const struct ww_override *ov, size_t n_ov, struct ww_day_plan *out);

/* Is the partner in the plan? Returns its first block or NULL. */
const struct ww_block *ww_plan_find(const struct ww_day_plan *plan, size_t partner);

struct ww_slot {
    size_t partner;
    int start; /* minutes since midnight */
    int minutes;
    int capacity; /* desks */
    int booked;   /* filled in by the booking module from the store */
};

/* Every slot of `partner` in the plan, in time order, from `from_minute` on
 * (a slot counts when it starts at or after it). Returns how many were
 * written (at most `cap`). */
size_t ww_plan_slots(const struct ww_config *cfg, const struct ww_day_plan *plan, size_t partner,
                     int from_minute, struct ww_slot *out, size_t cap);

#endif
