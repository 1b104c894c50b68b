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
    /* What the ticket will say (kept with the booking, see
     * ww_ticket_memo_make): its language ("" = nl), the outcome's items to
     * bring ("" = the partner's list) and its lines for the ticket
     * ('\n'-separated msgids, "" = none). Copies, not pointers: a want
     * travels to the store's thread. */
    char lang[8];
    char bring[WW_TEXT_SIZE];
    char notices[WW_TEXT_SIZE];
};

/* Book. WW_ERR_FULL when no slot with room exists (for LATER_DAY: within
 * the location's booking_days), WW_ERR_INVALID for a day in the past or a
 * time that is no slot, store errors as they come. */
enum ww_err ww_booking_make(const struct ww_booking_ctx *ctx, const struct ww_booking_want *want,
                            struct ww_booking *out);

/* The retention rule: delete the location's bookings and check-ins of
 * days more than loc->retention_days before today (the clock of `ctx`);
 * anonymous counts stay. *deleted: how many bookings went (logged when
 * any, as a count). Run by the kiosk at start and once a day. */
enum ww_err ww_booking_retention(const struct ww_booking_ctx *ctx, int *deleted);

/* How many tickets a kiosk books: at most `per_visit` in one visit and
 * `per_minute` in any 60 seconds of the kiosk's clock. A burst of taps or
 * scans that books more sends the resident to the desk instead. A value;
 * nothing to free. Thread: the kiosk loop's. */
#define WW_BOOK_LIMIT_MAX 60

struct ww_book_limit {
    int per_visit;
    int per_minute;
    int64_t recent[WW_BOOK_LIMIT_MAX]; /* clock seconds of the last bookings, a ring */
    size_t next;
};

void ww_book_limit_init(struct ww_book_limit *l, int per_visit, int per_minute);
/* WW_OK when one more booking is allowed now for a visit that booked
 * `visit_bookings` so far; WW_ERR_LIMIT when not. */
enum ww_err ww_book_limit_check(const struct ww_book_limit *l, int visit_bookings, int64_t now);
/* A booking was made at `now`. */
void ww_book_limit_note(struct ww_book_limit *l, int64_t now);

/* The next day from `from` (inclusive) within booking_days on which the
 * partner has a free slot; WW_DAY_NONE when none. */
ww_day ww_booking_next_day(const struct ww_booking_ctx *ctx, size_t partner, ww_day from);

#endif
