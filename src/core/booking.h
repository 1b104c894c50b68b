/* Booking rules: which slots a resident can choose and taking one.
 *
 * The plan for a day comes from the config and the store's overrides; the
 * booked counts from the store; the atomic "take the first slot with room"
 * is the store's. A slot counts as "now" when it starts at or after the
 * current minute. */
#ifndef WW_BOOKING_H
#define WW_BOOKING_H

#include "clock.h"
#include "config.h"
#include "err.h"
#include "schedule.h"
#include "store.h"

#include <stddef.h>

struct ww_booking_ctx {
    const struct ww_config *cfg;
    const struct ww_location *loc;
    struct ww_store *store;
    const struct ww_clock *clock;
};

/* The plan of `day` with the store's overrides applied. */
enum ww_err ww_booking_plan(const struct ww_booking_ctx *ctx, ww_day day, struct ww_day_plan *plan);

/* The slots of a partner on a day with booked counts, from now on when the
 * day is today (none for days in the past). Returns the count written.
 * With no store in `ctx` the slots of the weekly pattern, all free. */
enum ww_err ww_booking_slots(const struct ww_booking_ctx *ctx, size_t partner, ww_day day,
                             struct ww_slot *out, size_t cap, size_t *n);

enum ww_book_when {
    WW_BOOK_FIRST_FREE, /* the first slot with room on `day` (today: from now) */
    WW_BOOK_AT,         /* the slot starting at `at` on `day` */
    WW_BOOK_LATER_DAY,  /* the first slot with room on a day after `day` */
};

struct ww_booking_want {
    size_t partner;
    const char *topic; /* topic id or "" */
    enum ww_book_when when;
    ww_day day;
    int at;                 /* minutes, for WW_BOOK_AT */
    const char *request_id; /* the same id makes one booking */
};

/* Book. WW_ERR_FULL when no slot with room exists (for LATER_DAY: within
 * the location's booking_days), WW_ERR_INVALID for a day in the past or a
 * time that is no slot, store errors as they come. */
enum ww_err ww_booking_make(const struct ww_booking_ctx *ctx, const struct ww_booking_want *want,
                            struct ww_booking *out);

/* The next day from `from` (inclusive) within booking_days on which the
 * partner has a free slot; WW_DAY_NONE when none. */
ww_day ww_booking_next_day(const struct ww_booking_ctx *ctx, size_t partner, ww_day from);

#endif
