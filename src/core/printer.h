/* Ticket printers behind one ops table, chosen by the location config's
 * `printer` URI:
 *
 *   png:DIR                  a PNG file per ticket in DIR (relative to the
 *                            state directory), for tests and sites without
 *                            a printer
 *   escpos:/dev/usb/lp0      ESC/POS raster to a device file
 *   escpos-net:HOST:PORT     ESC/POS to a network printer's raw port (9100)
 *   cups:QUEUE               a CUPS queue, through the `lp` program
 *   none                     no printer: every ticket is shown on screen
 *
 * Options follow a '?', separated by '&': `width=80|58` (paper width in mm,
 * default 80), `timeout=SECONDS` (how long to wait for the printer, default
 * 10; CUPS default 30) and, for ESC/POS printers that cannot send anything
 * back (some USB and serial ones), `status=no`: the ticket then counts as
 * printed once every byte was taken. Example: `escpos-net:10.0.0.7:9100?width=58`.
 *
 * A print call returns WW_OK only when the printer confirmed the ticket:
 * ESC/POS printers answer an in-order status request after the raster and
 * real-time status (DLE EOT) before and after; CUPS reports the job completed;
 * the PNG file is written and renamed into place. Failures: WW_ERR_PAPER
 * (paper out, cover open), WW_ERR_UNAVAILABLE (offline, no answer within the
 * timeout, no such queue), WW_ERR_IO (write error). ww_printer_detail() then
 * says what happened in one line for staff (no resident data).
 *
 * Threads: a printer handle is used by one thread at a time. */
#ifndef WW_PRINTER_H
#define WW_PRINTER_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ww_raster; /* ticket.h */

struct ww_printer_status {
    bool offline;
    bool cover_open;
    bool paper_out;
    bool paper_near_end; /* still prints; staff should change the roll soon */
    bool error;          /* cutter jam or another unrecoverable error */
};

/* What the status means for a print: WW_OK, WW_ERR_PAPER or WW_ERR_UNAVAILABLE. */
enum ww_err ww_printer_status_err(const struct ww_printer_status *st);

struct ww_print_job {
    const struct ww_raster *raster;
    const char *name;    /* file-name stem, e.g. "2026-11-24-J-014" (ww_ticket_name) */
    int64_t deadline_ms; /* CLOCK_MONOTONIC ms by which the ticket must be out; 0: none */
};

struct ww_printer_opts {
    int width; /* dots: 576 or 384 */
    int timeout_ms;
    const char *state_dir;
    bool no_status; /* status=no */
};

struct ww_printer;

struct ww_printer_ops {
    const char *scheme; /* "png", "escpos", "escpos-net", "cups", "none" */
    struct ww_printer *(*open)(const char *target, const struct ww_printer_opts *o, char *err,
                               size_t errsize);
    void (*close)(struct ww_printer *p);
    enum ww_err (*print)(struct ww_printer *p, const struct ww_print_job *job);
    /* Ask the printer how it is. Backends that cannot tell report all clear. */
    enum ww_err (*status)(struct ww_printer *p, struct ww_printer_status *st);
};

/* Every backend embeds this as its first member. */
struct ww_printer {
    const struct ww_printer_ops *ops;
    int width;
    int timeout_ms;
    char detail[160];    /* the last failure, for staff */
    bool paper_low;      /* the last print found the roll near its end */
    int64_t deadline_ms; /* of the job being printed (ww_print_job); 0: none */
};

/* Open a printer by URI (see above). On failure returns NULL and writes one
 * line into err. Free with ww_printer_free. */
struct ww_printer *ww_printer_open(const char *uri, const char *state_dir, char *err,
                                   size_t errsize);
void ww_printer_free(struct ww_printer *p);

/* Is `uri` a printer URI this build understands? Opens nothing (no file,
 * socket or program): for checking a configuration. False with one line in
 * err when not. */
bool ww_printer_check_uri(const char *uri, char *err, size_t errsize);

enum ww_err ww_printer_print(struct ww_printer *p, const struct ww_print_job *job);
enum ww_err ww_printer_query(struct ww_printer *p, struct ww_printer_status *st);
/* Paper width in dots. */
int ww_printer_width(const struct ww_printer *p);
/* The last failure in one line ("" after success). Borrowed. */
const char *ww_printer_detail(const struct ww_printer *p);
/* Did the last print find the paper roll near its end? (ESC/POS only.) */
bool ww_printer_paper_low(const struct ww_printer *p);

/* Used by backends: the earlier of `step` (a CLOCK_MONOTONIC ms deadline of
 * one exchange) and the job's own deadline. A job past its deadline stops
 * wherever it is: the ticket is then cancelled, not printed late. */
int64_t ww_printer_deadline(const struct ww_printer *p, int64_t step);
/* CLOCK_MONOTONIC in milliseconds. */
int64_t ww_printer_now_ms(void);

/* Used by backends: record the detail of a failure. Not logged here: the
 * caller that decides what the failure means logs it once
 * (ww_ticket_finish). */
void ww_printer_fail(struct ww_printer *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Used by backends: write `r` as a 1-bit PNG to `path` (through a temporary
 * file renamed into place). Failures are recorded with ww_printer_fail. */
enum ww_err ww_printer_write_png(struct ww_printer *p, const char *path, const struct ww_raster *r);

extern const struct ww_printer_ops ww_printer_png_ops;
extern const struct ww_printer_ops ww_printer_escpos_ops;
extern const struct ww_printer_ops ww_printer_escpos_net_ops;
extern const struct ww_printer_ops ww_printer_cups_ops;
extern const struct ww_printer_ops ww_printer_null_ops;

/* ---- the null twin (tests; also `none`) ---- */

struct ww_printer_null_log {
    int prints;  /* print calls */
    int queries; /* status calls */
    int last_width, last_height;
    uint32_t last_hash; /* FNV-1a of the last raster's bytes */
    char last_name[64];
};

/* A printer that answers every print with `result` and records what it was
 * asked. `none` opens one that answers WW_ERR_UNAVAILABLE. */
struct ww_printer *ww_printer_null_new(enum ww_err result, int width);
void ww_printer_null_set_result(struct ww_printer *p, enum ww_err result);
/* Borrowed; valid until the printer is freed. */
const struct ww_printer_null_log *ww_printer_null_log(const struct ww_printer *p);

/* ---- printing off the UI thread ---- */

struct ww_print_result {
    int64_t booking_id;
    char name[64];
    enum ww_err err;
    char detail[160];
    bool paper_low; /* printed, but staff should change the roll soon */
};

struct ww_print_worker;

/* Start a thread that owns `printer` (taken over: freed with the worker) and
 * prints submitted jobs in order. `notify` (may be NULL) is called on the
 * worker thread after each job, e.g. to push an SDL user event; it must not
 * block. NULL when the thread cannot start (logged; the printer is freed). */
struct ww_print_worker *ww_print_worker_new(struct ww_printer *printer, void (*notify)(void *ctx),
                                            void *ctx);

/* Queue a job. The raster's pixels are taken over (the raster is left
 * empty) whether or not the job is queued. False when the queue is full
 * (8 jobs) or the worker is stopping: the ticket is then not printed and the
 * caller treats it as WW_ERR_UNAVAILABLE. Never blocks on the printer. */
bool ww_print_worker_submit(struct ww_print_worker *w, int64_t booking_id, const char *name,
                            struct ww_raster *raster);

/* Take one finished job's result; false when none is waiting. Never blocks. */
bool ww_print_worker_poll(struct ww_print_worker *w, struct ww_print_result *out);

/* Every job from now on must be out within `ms` of being queued (0: no
 * limit): one that waits or prints longer is cancelled and its result is
 * WW_ERR_UNAVAILABLE ("not out within ... s: cancelled"). */
void ww_print_worker_set_timeout(struct ww_print_worker *w, int ms);

/* Paper width of the worker's printer, in dots. */
int ww_print_worker_width(const struct ww_print_worker *w);

/* Finish the job in progress (at most the printer's timeout), drop queued
 * ones (their bookings stay unprinted), stop the thread, free the printer. */
void ww_print_worker_free(struct ww_print_worker *w);

#endif
