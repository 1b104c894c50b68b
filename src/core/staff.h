/* The staff side of the kiosk, without a screen: the view of today's
 * partners at a location, the changes staff make to it (written as store
 * overrides with an audit entry in one transaction), and the state of the
 * hidden staff mode (PIN pad, staff screen, check-in, idle close).
 *
 * Used by the kiosk's staff screens (src/ui/staff.c draws ww_staff and turns
 * touches and keys into the calls below) and by tests; everything that
 * decides something lives here.
 *
 * Staff mode, as the kiosk sees it:
 *   ww_staff_open          the hidden corner was held: show the PIN pad
 *                          (or, when the location has no PIN, a line that
 *                          says how to set one; or the lock with minutes)
 *   ww_staff_tap/key/text  a tap on a target, a key, text of a scanner
 *   ww_staff_tick          closes the mode after WW_STAFF_IDLE_SECONDS
 * Every call may set bits in `effects` (fresh after each call) that the
 * kiosk performs: redraw, the day changed (re-resolve, other kiosks see it
 * through ww_store_change_seq), reprint a booking, the mode closed.
 *
 * Targets (names of buttons; the UI and scripts use the same):
 *   pin:0..pin:9 pin:erase pin:ok       PIN pad
 *   key:0..key:9 key:A..key:Z key:erase key:ok   check-in keypad
 *   staff:close staff:back staff:add staff:undo staff:checkin staff:reprint
 *   staff:refresh
 *   absent:ID present:ID                mark absent / here after all
 *   from-:ID from+:ID to-:ID to+:ID     hours in quarter-hour steps
 *   desks-:ID desks+:ID                 desks
 *   bookings:ID                         today's bookings of a partner
 *   add:ID                              add a partner not scheduled today
 *
 * Nothing here logs resident data: audit entries hold partner ids, times and
 * ticket numbers only. Values: struct ww_staff and struct ww_staff_day are
 * fixed-size values; nothing to free. Thread: the UI thread (it owns the
 * store handle in ctx). */
#ifndef WW_STAFF_H
#define WW_STAFF_H

#include "booking.h"
#include "clock.h"
#include "config.h"
#include "err.h"
#include "pin.h"
#include "schedule.h"
#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WW_STAFF_IDLE_SECONDS 120 /* the staff screen closes itself */
#define WW_STAFF_ROWS         WW_MAX_BLOCKS
#define WW_STAFF_STEP         15 /* minutes per tap on an hours stepper */
#define WW_STAFF_MAX_DESKS    20
#define WW_STAFF_LIST         64 /* bookings listed on one screen */
#define WW_STAFF_ENTRY        64 /* typed or scanned text */
#define WW_STAFF_MESSAGE      200

/* One partner of the day as staff see it. */
struct ww_staff_row {
    size_t partner; /* index into cfg.partners */
    bool present;
    bool scheduled; /* the weekly pattern has it today */
    bool changed;   /* staff changed it today */
    int time[2];    /* minutes; for an absent partner: its usual hours */
    int desks;
    char room[WW_NAME_SIZE];
    int bookings; /* today's bookings with this partner */
    int checked_in;
};

/* Today (or another day) at one location. */
struct ww_staff_day {
    ww_day day;
    bool closed;   /* holiday or no opening hours */
    bool store_ok; /* false: the store could not be read */
    size_t n;
    struct ww_staff_row rows[WW_STAFF_ROWS]; /* in the weekly pattern's order, present or
                                                absent, then the partners added for the day */
    size_t n_addable;
    size_t addable[WW_STAFF_ROWS]; /* partners not here that day */
    char last_partner[WW_ID_SIZE]; /* whose change "undo" takes back; "" none */
};

/* Build the view from its parts (pure): the day plan with the overrides
 * applied, the effective overrides (to know what staff changed and what is
 * newest) and the day's bookings. */
void ww_staff_day_build(const struct ww_config *cfg, const struct ww_location *loc, ww_day day,
                        const struct ww_override *ov, size_t n_ov, const struct ww_booking *b,
                        size_t n_b, struct ww_staff_day *out);

/* Read the store and build the view. On a store error the view still shows
 * the weekly pattern (store_ok false) and the error is returned. */
enum ww_err ww_staff_day_load(const struct ww_booking_ctx *ctx, ww_day day,
                              struct ww_staff_day *out);

/* The row of a partner id, or NULL. */
const struct ww_staff_row *ww_staff_day_row(const struct ww_config *cfg,
                                            const struct ww_staff_day *d, const char *id);

/* The bookings of `partner` (id) among `b`, in time order then ticket:
 * copies at most `cap` into `out`, returns how many there are. */
size_t ww_staff_partner_bookings(const struct ww_booking *b, size_t n, const char *partner,
                                 struct ww_booking *out, size_t cap);

/* The booking whose ticket was printed last (highest id with printed set;
 * else the newest), or NULL. Borrowed from `b`. */
const struct ww_booking *ww_staff_last_ticket(const struct ww_booking *b, size_t n);

/* ---- changes (each one override + one audit entry, one transaction) ---- */

struct ww_staff_who {
    const char *role; /* "staff" (kiosk) or "cli" */
    ww_day day;
};

/* Mark a partner absent for the day. WW_ERR_ALREADY when it is not here. */
enum ww_err ww_staff_absent(const struct ww_booking_ctx *ctx, const struct ww_staff_who *w,
                            size_t partner);
/* Set hours and desks (also: here after all, or an extra partner).
 * WW_ERR_INVALID when the end is not after the start, a time is outside
 * 00:00..24:00, desks are outside 1..WW_STAFF_MAX_DESKS or the day is in the
 * past; nothing is written then. */
enum ww_err ww_staff_set(const struct ww_booking_ctx *ctx, const struct ww_staff_who *w,
                         size_t partner, int from, int to, int desks, const char *room);
/* Take back the newest change of the day at this location (of any partner);
 * its partner id goes into `partner` (WW_ID_SIZE). WW_ERR_ALREADY when there
 * is nothing to undo. */
enum ww_err ww_staff_undo_last(const struct ww_booking_ctx *ctx, const struct ww_staff_who *w,
                               char *partner);

/* What a check-in came to. */
enum ww_checkin_result {
    WW_CHECKIN_OK,        /* checked in now (and audited) */
    WW_CHECKIN_ALREADY,   /* checked in earlier; not counted again */
    WW_CHECKIN_NOT_CODE,  /* neither a ticket's QR text nor a ticket number */
    WW_CHECKIN_FOREIGN,   /* a QR code that matches no ticket of this location */
    WW_CHECKIN_NO_TICKET, /* no ticket with this number today at this location */
    WW_CHECKIN_OTHER_DAY, /* a ticket of another day (yesterday's, next week's) */
    WW_CHECKIN_STORE,     /* the store failed: *err says how */
};

/* The one check-in rule, for the kiosk's staff screen and the command line:
 * `text` is a scanned QR text (WW1:<location>:<check>) or a typed ticket
 * number; the ticket must be this location's (the QR's location and the
 * booking's both) and for today by ctx's clock (w->day is ignored for that).
 * A check-in is recorded once and audited with w->role. The booking found
 * goes into *b (for messages) unless the result is NOT_CODE, FOREIGN or
 * NO_TICKET; *err is set for WW_CHECKIN_STORE. */
enum ww_checkin_result ww_staff_checkin(const struct ww_booking_ctx *ctx,
                                        const struct ww_staff_who *w, const char *text,
                                        struct ww_booking *b, enum ww_err *err);

/* A stepper tap on a row: the new hours and desks (pure). `what` is one of
 * "from-", "from+", "to-", "to+", "desks-", "desks+". False when the step
 * would leave the allowed range (the end stays at least one step after the
 * start, within the location's opening hours when it has them that day, or
 * 07:00..22:00 otherwise; desks 1..WW_STAFF_MAX_DESKS). */
bool ww_staff_step(const struct ww_location *loc, ww_day day, const struct ww_staff_row *row,
                   const char *what, int *from, int *to, int *desks);

/* ---- the staff mode ---- */

enum ww_staff_mode {
    WW_STAFF_CLOSED,   /* residents' screens */
    WW_STAFF_PIN,      /* the PIN pad (also: locked, no PIN set) */
    WW_STAFF_MAIN,     /* today's partners */
    WW_STAFF_ADD,      /* choose a partner to add */
    WW_STAFF_BOOKINGS, /* bookings of one partner */
    WW_STAFF_CHECKIN,  /* type or scan a ticket */
};

enum ww_staff_effect {
    WW_STAFF_FX_REDRAW = 1u << 0,  /* the staff screen changed */
    WW_STAFF_FX_CHANGED = 1u << 1, /* the day's partners changed: re-resolve */
    WW_STAFF_FX_REPRINT = 1u << 2, /* print `reprint` (a booking) again */
    WW_STAFF_FX_OPENED = 1u << 3,  /* staff are in: wipe the resident session */
    WW_STAFF_FX_CLOSED = 1u << 4,  /* back to the residents' screens */
};

enum ww_staff_tone { WW_STAFF_INFO, WW_STAFF_GOOD, WW_STAFF_BAD };

struct ww_staff {
    enum ww_staff_mode mode;
    struct ww_pin_guard guard;
    char pin[12]; /* digits typed so far (never shown, never logged) */
    int pin_len;
    char entry[WW_STAFF_ENTRY]; /* check-in text */
    int64_t last_input;         /* clock seconds */
    char message[WW_STAFF_MESSAGE];
    enum ww_staff_tone tone;
    int lock_shown;            /* minutes of a lock in `message`, 0 none */
    char partner[WW_ID_SIZE];  /* BOOKINGS: whose */
    char confirm[WW_ID_SIZE];  /* MAIN: the partner whose "Afwezig melden" was tapped once
                                  and asks "Zeker?" on the same button; "" none */
    struct ww_staff_day day;   /* refreshed after every change */
    struct ww_booking reprint; /* FX_REPRINT: the booking */
    unsigned effects;
};

/* What the staff mode works with (all borrowed). */
struct ww_staff_env {
    const struct ww_booking_ctx *ctx;
    const char *pin_hash; /* the location's; "" when none is set */
};

void ww_staff_init(struct ww_staff *st);

/* The hidden entry was held. Opens the PIN pad (with the lock or the
 * "no PIN" line when so). */
void ww_staff_open(struct ww_staff *st, const struct ww_staff_env *env);
void ww_staff_close(struct ww_staff *st);

void ww_staff_tap(struct ww_staff *st, const struct ww_staff_env *env, const char *target);

/* A key: '0'..'9' and letters type, '\b' erases, '\n' confirms, 27 (Escape)
 * goes back. Other keys only count as activity. */
void ww_staff_key(struct ww_staff *st, const struct ww_staff_env *env, int key);

/* Text typed by a barcode scanner or keyboard (without the Enter, which
 * comes as a key). On the staff screen it starts a check-in. */
void ww_staff_text(struct ww_staff *st, const struct ww_staff_env *env, const char *text);

/* Close after WW_STAFF_IDLE_SECONDS without input; also ends a lock's
 * countdown line. Call every second or so while open. */
void ww_staff_tick(struct ww_staff *st, const struct ww_staff_env *env);

/* Seconds until ww_staff_tick has something to do; -1 when closed. */
int ww_staff_next_deadline(const struct ww_staff *st, const struct ww_staff_env *env);

/* Read the day again (another kiosk or the terminal changed it). */
void ww_staff_refresh(struct ww_staff *st, const struct ww_staff_env *env);

/* Minutes (rounded up) of a PIN lock, 0 when not locked. */
int ww_staff_locked_minutes(const struct ww_staff *st, const struct ww_staff_env *env);

#endif
