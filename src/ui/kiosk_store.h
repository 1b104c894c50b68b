/* The kiosk's store work for residents, off the loop's thread: resolving
 * an outcome, booking, counting an ended visit, marking a ticket printed
 * and reading the change counter run on a ww_store_worker with a store
 * handle of their own, so a slow or unreachable server never freezes the
 * screen. Each request is answered once, in the order asked, through
 * ww_kiosk_store_answer after the worker woke the loop.
 *
 * Every request carries the visit it belongs to (k->visit_no when asked):
 * the loop drops an answer about a visit that has ended since.
 *
 * The staff screens keep using the kiosk's first handle (k->app.store) on
 * the loop's thread: staff wait for their answer anyway.
 *
 * Thread: the loop's, except where said. */
#ifndef WW_KIOSK_STORE_H
#define WW_KIOSK_STORE_H

#include "core/flow.h"
#include "core/printer.h"
#include "core/session.h"
#include "core/store.h"

#include <stdbool.h>
#include <stdint.h>

struct ww_kiosk;

enum ww_kiosk_job {
    WW_KJOB_RESOLVE, /* ww_flow_resolve, and the first free time on another day */
    WW_KJOB_BOOK,    /* ww_booking_make, and the room and desks of the booking */
    WW_KJOB_RECORD,  /* ww_session_record of an ended visit */
    WW_KJOB_FINISH,  /* ww_ticket_finish of a print result */
    WW_KJOB_POLL,    /* ww_store_change_seq */
    WW_KJOB_SCAN,    /* ww_store_find_check of a scanned ticket, its room and desks */
    WW_KJOB_PURGE,   /* ww_booking_retention */
    WW_KJOB_BEAT,    /* ww_store_heartbeat: the kiosk's sign of life, every minute */
    WW_KJOB_SIGNAL,  /* ww_store_signal: a report counter (a store outage) */
    WW_KJOB_COUNT
};

struct ww_kiosk_answer {
    enum ww_kiosk_job kind;
    uint64_t visit;  /* k->visit_no when asked */
    enum ww_err err; /* the store's answer (FINISH: of marking it printed) */
    /* RESOLVE */
    const struct ww_flow_outcome *outcome;
    struct ww_resolution resolution;
    int day_first; /* first free minute on resolution.next_day; -1 none */
    /* BOOK, SCAN */
    struct ww_booking booking;
    char room[WW_NAME_SIZE];
    int desks;
    /* POLL */
    int64_t seq;
};

/* Open the worker's own store handle (the URI k->app.store came from) and
 * start it; `notify` runs on the worker thread after each job. False (with
 * one log line) when that fails. */
bool ww_kiosk_store_start(struct ww_kiosk *k, void (*notify)(void *ctx), void *ctx);
/* Run what is still queued (an ended visit is still counted), stop. */
void ww_kiosk_store_stop(struct ww_kiosk *k);

/* Requests. False when the queue is full (the answer never comes; logged). */
bool ww_kiosk_store_resolve(struct ww_kiosk *k, const struct ww_flow_outcome *o);
bool ww_kiosk_store_book(struct ww_kiosk *k, const struct ww_booking_want *want);
/* Add `add` to the report counter `kind` of today (see struct ww_signal). */
bool ww_kiosk_store_signal(struct ww_kiosk *k, const char *kind, int add);
/* Count the ended visit (hour: the local hour it ended in). */
bool ww_kiosk_store_record(struct ww_kiosk *k, const struct ww_session *ended, ww_day day,
                           int hour);
bool ww_kiosk_store_finish(struct ww_kiosk *k, const struct ww_print_result *res);
bool ww_kiosk_store_poll(struct ww_kiosk *k);
bool ww_kiosk_store_scan(struct ww_kiosk *k, const char *check);
bool ww_kiosk_store_purge(struct ww_kiosk *k);
bool ww_kiosk_store_beat(struct ww_kiosk *k, const struct ww_heartbeat *h);

/* The next answer (true) or none yet (false). */
bool ww_kiosk_store_answer(struct ww_kiosk *k, struct ww_kiosk_answer *out);
/* Wait up to `ms` for an answer; true when one is there. */
bool ww_kiosk_store_wait(struct ww_kiosk *k, int ms);
/* Requests of `kind` asked and not yet answered. */
int ww_kiosk_store_pending(const struct ww_kiosk *k, enum ww_kiosk_job kind);

#endif
