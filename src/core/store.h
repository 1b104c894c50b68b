/* The store: bookings, today's staff overrides, check-ins, anonymous tallies
 * and ratings, where residents stopped, and the staff audit log.
 *
 * One interface, interchangeable backends behind `struct ww_store_ops`
 * (sqlite now; postgresql shares the same cases). No names, no BSN, no free
 * text: a booking is a code, a partner, a time and a topic id.
 *
 * Anonymous signals cannot be tied to a booking: tallies, ratings and
 * dropouts are counters per (day, location, what) that a visit increments,
 * with no row of their own, no id and no time finer than the day.
 *
 * Threads: a store handle is used by one thread at a time. Several processes
 * may share one database; every write is one transaction. */
#ifndef WW_STORE_H
#define WW_STORE_H

#include "clock.h"
#include "config.h"
#include "err.h"
#include "schedule.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WW_TICKET_SIZE  8  /* "J-014" */
#define WW_CHECK_SIZE   16 /* random check part, base32 */
#define WW_REQUEST_SIZE 40

/* What a booking's ticket said, kept with the booking so that a reprint is
 * the same ticket as the first print. Source texts (Dutch msgids) and ids
 * only, never anything the resident typed: the language, the items to bring
 * as printed (the outcome's or the partner's list at booking time), whether
 * the location's neutral line stood in for them, the outcome's lines printed
 * under them, and the room and desk count of the block. */
struct ww_ticket_memo {
    char lang[8];               /* "nl", "ar", ...; "" = nothing remembered (old booking) */
    char bring[WW_TEXT_SIZE];   /* item msgids, ';'-separated; "" = none */
    bool bring_neutral;         /* the neutral line instead of the items */
    char notices[WW_TEXT_SIZE]; /* msgids, '\n'-separated; "" = none */
    char room[WW_NAME_SIZE];    /* room or desk name; "" = none */
    int desks;                  /* desks of that block (the desk number shows when > 1) */
};

struct ww_booking {
    int64_t id;
    char location[WW_ID_SIZE];
    char partner[WW_ID_SIZE];
    char topic[WW_ID_SIZE]; /* "" when booked without a topic */
    ww_day day;
    int start; /* minutes since midnight, local */
    int minutes;
    int desk;                    /* 1..capacity */
    char ticket[WW_TICKET_SIZE]; /* to call out: letter, dash, number */
    char check[WW_CHECK_SIZE];   /* random, for the QR */
    int64_t created;
    bool printed;
    int64_t checked_in;         /* 0 = not yet */
    struct ww_ticket_memo memo; /* what its ticket said */
};

/* A request to book the first slot with room among `cands`, in order. */
struct ww_book_req {
    const char *location;
    const char *partner;
    char letter;       /* ticket letter of the partner */
    const char *topic; /* may be "" */
    ww_day day;
    const char *request_id; /* the same id twice books once */
    const char *check;      /* fresh random check part (see code.h) */
    int64_t now;
};

struct ww_tally {
    ww_day day;
    char location[WW_ID_SIZE];
    char topic[WW_ID_SIZE];
    char outcome[WW_ID_SIZE];
    char partner[WW_ID_SIZE]; /* partner booked, "" when none */
};

struct ww_rating {
    ww_day day;
    char location[WW_ID_SIZE];
    int score;        /* 1..5 */
    char topics[160]; /* topic ids of the visit, comma-separated */
};

struct ww_audit {
    int64_t when;
    char location[WW_ID_SIZE];
    ww_day day;
    char role[WW_ID_SIZE]; /* "staff" or "cli"; never a person's name */
    char action[32];       /* "absent", "set", "add", "undo", "checkin", "reprint" */
    char detail[160];      /* ids and times only */
};

/* The staff PIN lockout of one location, shared by all its kiosks through the
 * store so that N kiosks do not give N times the tries and a restart does not
 * clear it. The rule that fills it is in pin.c. */
struct ww_pin_state {
    int wrong;            /* wrong PINs since the last good one or the last lock */
    int locks;            /* locks since the last good PIN (the back-off doubles) */
    int64_t locked_at;    /* unix seconds the last lock began; 0 never */
    int64_t locked_until; /* unix seconds the entry opens again; 0 never */
};

/* Counts for reports: how often a (topic, outcome) ended a path, booked or not. */
struct ww_tally_count {
    char topic[WW_ID_SIZE];
    char outcome[WW_ID_SIZE];
    int total;
    int booked;
};

/* A kiosk's sign of life, written every minute (one row per kiosk, the
 * newest kept). Ids, states and versions only; `out_of_order` is the
 * kiosk's reason in file:line form (names files and keys, never a
 * resident). */
#define WW_KIOSK_ID_SIZE 64
struct ww_heartbeat {
    char kiosk[WW_KIOSK_ID_SIZE]; /* the machine (host name or WEGWIJZER_KIOSK) */
    char location[WW_ID_SIZE];
    int64_t seen;           /* unix seconds */
    char printer[16];       /* "ok", "none", "fault", "paper-out", "unknown" */
    bool paper_low;         /* the roll is near its end (still prints) */
    char version[24];       /* the program's version */
    char out_of_order[160]; /* "" when in order */
};

/* An anonymous signal for the report: a counter per (day, location, kind,
 * k1, k2, num) that a visit adds `add` to (1, or minutes). Kinds and keys:
 *   "visit"   k1 = topics in the visit ("0".."3+"), num = hour of the day
 *   "lang"    k1 = language code
 *   "reach" / "dontknow" / "talk"   k1 = topic, k2 = question (where people
 *             left: the drop-outs, by screen id)
 *   "miss"    k1 = best partner, k2 = "absent" (not on site) or "full"
 *   "rate"    k1 = partner booked ("" none), k2 = language, num = score
 *   "noprint", "printer", "outage"  a ticket not printed, a printer fault,
 *             a store outage; "down" out-of-order minutes (add = minutes)
 * Never a ticket, a code, a time finer than the hour, or free text. */
struct ww_signal {
    ww_day day;
    char location[WW_ID_SIZE];
    char kind[16];
    char k1[WW_ID_SIZE];
    char k2[WW_ID_SIZE];
    int num;
    int add;
};

/* The grouped sums the report reads; each is one SQL query. */
enum ww_report_q {
    WW_RQ_VISITS_WEEK,  /* a = week start day, v0 = visits */
    WW_RQ_HEAT,         /* a = weekday 0..6, b = hour, v0 = visits */
    WW_RQ_MULTI,        /* k1 = topics in a visit, v0 = visits */
    WW_RQ_TOPICS_WEEK,  /* k1 = topic, a = week start day, v0 = outcomes reached */
    WW_RQ_OUTCOMES,     /* k1 = outcome, k2 = partner booked, v0 = count */
    WW_RQ_LANG,         /* k1 = language, v0 = visits */
    WW_RQ_MISSED,       /* k1 = partner, k2 = absent|full, a = weekday, v0 = residents */
    WW_RQ_FUNNEL,       /* k1 = topic, k2 = question, v0 = reached, v2 = dontknow, v3 = talk */
    WW_RQ_DROPOUTS,     /* k1 = screen id ("question:TOPIC:QID", "outcome", ...), v0 = left */
    WW_RQ_RATE_PARTNER, /* k1 = partner, v0 = ratings, v1 = sum of scores */
    WW_RQ_RATE_LANG,    /* k1 = language, v0 = ratings, v1 = sum of scores */
    WW_RQ_RATE_TOPIC,   /* k1 = topic(s) of the visit, v0 = ratings, v1 = sum of scores */
    WW_RQ_DEVICE,       /* k1 = location, v0..v3 = not printed, printer faults, minutes out of
                           order, store outages */
    WW_RQ_COUNT
};

struct ww_report_row {
    char k1[160];
    char k2[WW_ID_SIZE];
    int a;
    int b;
    int64_t v[4];
};

/* The period and places of a report query: `locations` is a comma-separated
 * list of location ids, "" for all. */
struct ww_report_range {
    const char *locations;
    ww_day from;
    ww_day to;
};

struct ww_store;

struct ww_store_ops {
    const char *scheme; /* "sqlite", "postgresql" */
    struct ww_store *(*open)(const char *target, char *err, size_t errsize);
    void (*close)(struct ww_store *s);
    enum ww_err (*book)(struct ww_store *s, const struct ww_book_req *req,
                        const struct ww_slot *cands, size_t n, struct ww_booking *out);
    enum ww_err (*bookings)(struct ww_store *s, const char *location, ww_day day,
                            struct ww_booking **out, size_t *n);
    enum ww_err (*find_ticket)(struct ww_store *s, const char *location, ww_day day,
                               const char *ticket, struct ww_booking *out);
    enum ww_err (*find_check)(struct ww_store *s, const char *check, struct ww_booking *out);
    enum ww_err (*set_printed)(struct ww_store *s, int64_t id, bool printed);
    enum ww_err (*remember)(struct ww_store *s, int64_t id, const struct ww_ticket_memo *m);
    enum ww_err (*checkin)(struct ww_store *s, int64_t id, int64_t now);
    enum ww_err (*override_add)(struct ww_store *s, const char *location, ww_day day,
                                const struct ww_override *ov, const struct ww_audit *audit);
    enum ww_err (*override_undo)(struct ww_store *s, const char *location, ww_day day,
                                 const char *partner, const struct ww_audit *audit);
    enum ww_err (*overrides)(struct ww_store *s, const char *location, ww_day day,
                             struct ww_override **out, size_t *n);
    enum ww_err (*tally)(struct ww_store *s, const struct ww_tally *t);
    enum ww_err (*tally_counts)(struct ww_store *s, const char *location, ww_day from, ww_day to,
                                struct ww_tally_count **out, size_t *n);
    enum ww_err (*rating)(struct ww_store *s, const struct ww_rating *r);
    enum ww_err (*dropout)(struct ww_store *s, ww_day day, const char *location,
                           const char *screen);
    enum ww_err (*signal)(struct ww_store *s, const struct ww_signal *sig);
    enum ww_err (*report)(struct ww_store *s, enum ww_report_q q, const struct ww_report_range *r,
                          struct ww_report_row **out, size_t *n);
    enum ww_err (*audit)(struct ww_store *s, const struct ww_audit *a);
    enum ww_err (*audit_list)(struct ww_store *s, const char *location, ww_day from,
                              struct ww_audit **out, size_t *n);
    enum ww_err (*change_seq)(struct ww_store *s, int64_t *seq);
    /* The PIN lockout of a location (zeros when none was stored). */
    enum ww_err (*pin_get)(struct ww_store *s, const char *location, struct ww_pin_state *out);
    /* Replace it with `next` only if it still equals `old` (NULL: whatever
     * it is), adding `audit` (may be NULL) in the same transaction;
     * WW_ERR_ALREADY when another kiosk changed it in between. */
    enum ww_err (*pin_put)(struct ww_store *s, const char *location, const struct ww_pin_state *old,
                           const struct ww_pin_state *next, const struct ww_audit *audit);
    enum ww_err (*purge)(struct ww_store *s, const char *location, ww_day before, int *deleted);
    enum ww_err (*heartbeat)(struct ww_store *s, const struct ww_heartbeat *h);
    enum ww_err (*heartbeats)(struct ww_store *s, const char *location, struct ww_heartbeat **out,
                              size_t *n);
    void (*set_patience)(struct ww_store *s, int ms); /* optional */
};

/* Every backend embeds this as its first member. */
struct ww_store {
    const struct ww_store_ops *ops;
};

/* Open a store by URI: "sqlite:FILE" (a relative FILE is taken relative to
 * `state_dir`, created if needed) or "postgresql://..." when built with it.
 * On failure returns NULL and writes one line into err. */
struct ww_store *ww_store_open(const char *uri, const char *state_dir, char *err, size_t errsize);
void ww_store_free(struct ww_store *s);
/* Is the URI of a kind this build can open (without opening it)? When not,
 * one line into err that does not repeat the URI. */
bool ww_store_check_uri(const char *uri, char *err, size_t errsize);

/* Copy a store target into `out` (always NUL-terminated) for a message, a log
 * line or a screen, with every password libpq would read from it replaced by
 * "***": the user's password in postgresql:// and postgres:// URIs, their
 * password= and sslpassword= query parameters (also percent-encoded names),
 * and the password and sslpassword values of keyword strings
 * ("host=db password='s e' ..."), quoted or not. Any other target (sqlite:FILE)
 * is copied as it is. Every path that shows a store target uses this. */
void ww_store_mask(const char *target, char *out, size_t size);

/* Copy a libpq parse error for `target` into `out` with its quoted parts
 * ("...", which may be a piece of a password) replaced by "***". */
void ww_store_mask_error(const char *msg, char *out, size_t size);

/* Thin wrappers over the ops, documented there. Arrays returned through
 * `out` are heap-allocated; the caller frees them with free(). */
enum ww_err ww_store_book(struct ww_store *s, const struct ww_book_req *req,
                          const struct ww_slot *cands, size_t n, struct ww_booking *out);
enum ww_err ww_store_bookings(struct ww_store *s, const char *location, ww_day day,
                              struct ww_booking **out, size_t *n);
enum ww_err ww_store_find_ticket(struct ww_store *s, const char *location, ww_day day,
                                 const char *ticket, struct ww_booking *out);
enum ww_err ww_store_find_check(struct ww_store *s, const char *check, struct ww_booking *out);
enum ww_err ww_store_set_printed(struct ww_store *s, int64_t id, bool printed);
/* Keep what booking `id`'s ticket says (one UPDATE; WW_ERR_NOT_FOUND when no
 * such booking). Called once, right after the booking is made. */
enum ww_err ww_store_remember(struct ww_store *s, int64_t id, const struct ww_ticket_memo *m);
/* WW_ERR_ALREADY when checked in before (the first time is kept). */
enum ww_err ww_store_checkin(struct ww_store *s, int64_t id, int64_t now);
/* Adds the change and its audit entry in one transaction. */
enum ww_err ww_store_override_add(struct ww_store *s, const char *location, ww_day day,
                                  const struct ww_override *ov, const struct ww_audit *audit);
/* Removes the newest change of that partner; WW_ERR_ALREADY when none. */
enum ww_err ww_store_override_undo(struct ww_store *s, const char *location, ww_day day,
                                   const char *partner, const struct ww_audit *audit);
/* The effective (newest) override per partner for that day. */
enum ww_err ww_store_overrides(struct ww_store *s, const char *location, ww_day day,
                               struct ww_override **out, size_t *n);
enum ww_err ww_store_tally(struct ww_store *s, const struct ww_tally *t);
enum ww_err ww_store_tally_counts(struct ww_store *s, const char *location, ww_day from, ww_day to,
                                  struct ww_tally_count **out, size_t *n);
enum ww_err ww_store_rating(struct ww_store *s, const struct ww_rating *r);
/* A resident left mid-journey on `screen` (a screen id, nothing else). */
enum ww_err ww_store_dropout(struct ww_store *s, ww_day day, const char *location,
                             const char *screen);
/* Add sig->add (0 counts as 1) to an anonymous report counter. */
enum ww_err ww_store_signal(struct ww_store *s, const struct ww_signal *sig);
/* One grouped sum over the period (see enum ww_report_q), summed in the
 * database; rows in a stable order. */
enum ww_err ww_store_report(struct ww_store *s, enum ww_report_q q, const struct ww_report_range *r,
                            struct ww_report_row **out, size_t *n);
enum ww_err ww_store_audit(struct ww_store *s, const struct ww_audit *a);
enum ww_err ww_store_audit_list(struct ww_store *s, const char *location, ww_day from,
                                struct ww_audit **out, size_t *n);
/* Retention: delete the location's bookings (and with them their
 * check-ins, and the audit lines of check-ins and reprints) of days before
 * `before`; *deleted says how many bookings. Anonymous counts (tallies,
 * ratings, dropouts) and the audit of staff changes stay. */
enum ww_err ww_store_purge(struct ww_store *s, const char *location, ww_day before, int *deleted);
/* A number that grows whenever overrides change; kiosks poll it to see
 * staff changes made by any process. */
enum ww_err ww_store_change_seq(struct ww_store *s, int64_t *seq);
enum ww_err ww_store_pin_get(struct ww_store *s, const char *location, struct ww_pin_state *out);
enum ww_err ww_store_pin_put(struct ww_store *s, const char *location,
                             const struct ww_pin_state *old, const struct ww_pin_state *next,
                             const struct ww_audit *audit);
/* Insert or replace the kiosk's heartbeat (h->kiosk is the key). */
enum ww_err ww_store_heartbeat(struct ww_store *s, const struct ww_heartbeat *h);
/* Every kiosk's newest heartbeat, of one location ("" or NULL: all),
 * ordered by kiosk id; *out is freed by the caller. */
enum ww_err ww_store_heartbeats(struct ww_store *s, const char *location, struct ww_heartbeat **out,
                                size_t *n);
/* How long a call may wait for a server that is being reconnected to, in
 * milliseconds. By default a call waits up to the connect timeout (a
 * command, a worker thread); a handle used by a screen's own thread sets a
 * short wait: the call then says WW_ERR_UNAVAILABLE while the connection
 * is still being made, and later calls go on with it. No effect on
 * embedded backends. */
void ww_store_set_patience(struct ww_store *s, int ms);

extern const struct ww_store_ops ww_store_sqlite_ops;
#ifdef WW_WITH_PG
extern const struct ww_store_ops ww_store_pg_ops;
#endif

#endif
