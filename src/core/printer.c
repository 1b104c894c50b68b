#include "printer.h"

#include "log.h"
#include "str.h"
#include "ticket.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct ww_printer_ops *const backends[] = {
    &ww_printer_png_ops,  &ww_printer_escpos_ops, &ww_printer_escpos_net_ops,
    &ww_printer_cups_ops, &ww_printer_null_ops,
};

enum ww_err ww_printer_status_err(const struct ww_printer_status *st)
{
    if (st->paper_out || st->cover_open)
        return WW_ERR_PAPER;
    if (st->offline || st->error)
        return WW_ERR_UNAVAILABLE;
    return WW_OK;
}

static bool parse_opts(const char *opts, struct ww_printer_opts *o, int *default_timeout, char *err,
                       size_t errsize)
{
    char buf[WW_PATH_SIZE];
    ww_strlcpy(buf, opts, sizeof buf);
    char *p = buf;
    while (p && *p) {
        char *amp = strchr(p, '&');
        if (amp)
            *amp = '\0';
        char *eq = strchr(p, '=');
        long v;
        if (!eq) {
            ww_fmt(err, errsize, "printer option '%s' has no value (key=value)", p);
            return false;
        }
        *eq = '\0';
        const char *val = eq + 1;
        if (strcmp(p, "width") == 0) {
            if (!ww_parse_int(val, 58, 80, &v) || (v != 58 && v != 80)) {
                ww_fmt(err, errsize, "printer width '%s' must be 80 or 58 (mm)", val);
                return false;
            }
            o->width = v == 58 ? WW_TICKET_DOTS_58 : WW_TICKET_DOTS_80;
        } else if (strcmp(p, "timeout") == 0) {
            if (!ww_parse_int(val, 1, 600, &v)) {
                ww_fmt(err, errsize, "printer timeout '%s' must be 1 to 600 (seconds)", val);
                return false;
            }
            o->timeout_ms = (int)v * 1000;
            *default_timeout = 0;
        } else if (strcmp(p, "status") == 0) {
            if (strcmp(val, "yes") != 0 && strcmp(val, "no") != 0) {
                ww_fmt(err, errsize, "printer status '%s' must be yes or no", val);
                return false;
            }
            o->no_status = strcmp(val, "no") == 0;
        } else {
            ww_fmt(err, errsize, "unknown printer option '%s' (known: width, timeout, status)", p);
            return false;
        }
        p = amp ? amp + 1 : NULL;
    }
    return true;
}

struct ww_printer *ww_printer_open(const char *uri, const char *state_dir, char *err,
                                   size_t errsize)
{
    char base[WW_PATH_SIZE];
    if (!ww_strlcpy(base, uri, sizeof base)) {
        ww_fmt(err, errsize, "printer URI is too long");
        return NULL;
    }
    struct ww_printer_opts o = {WW_TICKET_DOTS_80, 10000, state_dir, false};
    int default_timeout = 1;
    char *q = strchr(base, '?');
    if (q) {
        *q = '\0';
        if (!parse_opts(q + 1, &o, &default_timeout, err, errsize))
            return NULL;
    }
    const char *target = "";
    char *colon = strchr(base, ':');
    if (colon) {
        *colon = '\0';
        target = colon + 1;
    }
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++) {
        const struct ww_printer_ops *ops = backends[i];
        if (strcmp(base, ops->scheme) != 0)
            continue;
        if (default_timeout && ops == &ww_printer_cups_ops)
            o.timeout_ms = 30000;
        struct ww_printer *p = ops->open(target, &o, err, errsize);
        if (p) {
            p->width = o.width;
            p->timeout_ms = o.timeout_ms;
        }
        return p;
    }
    ww_fmt(err, errsize,
           "printer '%s': unknown kind '%s' (known: png:DIR, escpos:DEVICE, "
           "escpos-net:HOST:PORT, cups:QUEUE, none)",
           uri, base);
    return NULL;
}

bool ww_printer_check_uri(const char *uri, char *err, size_t errsize)
{
    /* Backends' open() only parses and allocates; devices, sockets and
     * programs are touched when printing. */
    struct ww_printer *p = ww_printer_open(uri, NULL, err, errsize);
    ww_printer_free(p);
    return p != NULL;
}

void ww_printer_free(struct ww_printer *p)
{
    if (p)
        p->ops->close(p);
}

int64_t ww_printer_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t ww_printer_deadline(const struct ww_printer *p, int64_t step)
{
    return p->deadline_ms > 0 && p->deadline_ms < step ? p->deadline_ms : step;
}

enum ww_err ww_printer_print(struct ww_printer *p, const struct ww_print_job *job)
{
    p->detail[0] = '\0';
    p->paper_low = false;
    if (!job->raster || !job->raster->bits || job->raster->width != p->width) {
        ww_printer_fail(p, "ticket raster is %d dots wide, the paper %d",
                        job->raster ? job->raster->width : 0, p->width);
        return WW_ERR_INVALID;
    }
    p->deadline_ms = job->deadline_ms;
    if (job->deadline_ms > 0 && ww_printer_now_ms() >= job->deadline_ms) {
        /* It waited behind a slow ticket: the resident has gone. */
        ww_printer_fail(p, "ticket not started in time (the printer was busy): cancelled");
        p->deadline_ms = 0;
        return WW_ERR_UNAVAILABLE;
    }
    enum ww_err e = p->ops->print(p, job);
    if (e != WW_OK && job->deadline_ms > 0 && ww_printer_now_ms() >= job->deadline_ms) {
        ww_printer_fail(p, "ticket not out in time (the printer is slow or stuck): cancelled");
        e = WW_ERR_UNAVAILABLE;
    }
    p->deadline_ms = 0;
    return e;
}

enum ww_err ww_printer_query(struct ww_printer *p, struct ww_printer_status *st)
{
    memset(st, 0, sizeof *st);
    p->detail[0] = '\0';
    return p->ops->status(p, st);
}

int ww_printer_width(const struct ww_printer *p)
{
    return p->width;
}

const char *ww_printer_detail(const struct ww_printer *p)
{
    return p->detail;
}

bool ww_printer_paper_low(const struct ww_printer *p)
{
    return p->paper_low;
}

void ww_printer_fail(struct ww_printer *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->detail, sizeof p->detail, fmt, ap);
    va_end(ap);
}

/* ---- worker ---- */

#define WW_PRINT_SLOTS 8

enum slot_state { SLOT_FREE, SLOT_QUEUED, SLOT_PRINTING, SLOT_DONE };

struct slot {
    enum slot_state state;
    unsigned long seq; /* submission order */
    struct ww_raster raster;
    struct ww_print_result res;
    int64_t deadline_ms;
};

struct ww_print_worker {
    struct ww_printer *printer; /* used by the worker thread only */
    void (*notify)(void *ctx);
    void *ctx;
    pthread_t thread;
    /* `lock` protects slots, next_seq and stop; `wake` signals a new job or stop. */
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct slot slots[WW_PRINT_SLOTS];
    unsigned long next_seq;
    bool stop;
    int timeout_ms; /* per job, from queueing; 0 none */
};

/* The oldest slot in `state`, or NULL. Called with the lock held. */
static struct slot *oldest(struct ww_print_worker *w, enum slot_state state)
{
    struct slot *best = NULL;
    for (size_t i = 0; i < WW_PRINT_SLOTS; i++) {
        struct slot *s = &w->slots[i];
        if (s->state == state && (!best || s->seq < best->seq))
            best = s;
    }
    return best;
}

static void *worker_main(void *arg)
{
    struct ww_print_worker *w = arg;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        struct slot *s = NULL;
        while (!w->stop && !(s = oldest(w, SLOT_QUEUED)))
            pthread_cond_wait(&w->wake, &w->lock);
        if (w->stop)
            break;
        s->state = SLOT_PRINTING;
        pthread_mutex_unlock(&w->lock);

        /* The printer I/O runs unlocked: submit and poll never wait for it. */
        struct ww_print_job job = {&s->raster, s->res.name, s->deadline_ms};
        enum ww_err e = ww_printer_print(w->printer, &job);

        pthread_mutex_lock(&w->lock);
        s->res.err = e;
        ww_strlcpy(s->res.detail, ww_printer_detail(w->printer), sizeof s->res.detail);
        s->res.paper_low = ww_printer_paper_low(w->printer);
        ww_raster_destroy(&s->raster);
        s->state = SLOT_DONE;
        pthread_mutex_unlock(&w->lock);
        if (w->notify)
            w->notify(w->ctx);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

struct ww_print_worker *ww_print_worker_new(struct ww_printer *printer, void (*notify)(void *ctx),
                                            void *ctx)
{
    struct ww_print_worker *w = calloc(1, sizeof *w);
    if (!w)
        abort();
    w->printer = printer;
    w->notify = notify;
    w->ctx = ctx;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
        ww_error("cannot start the printer thread");
        pthread_cond_destroy(&w->wake);
        pthread_mutex_destroy(&w->lock);
        ww_printer_free(printer);
        free(w);
        return NULL;
    }
    return w;
}

bool ww_print_worker_submit(struct ww_print_worker *w, int64_t booking_id, const char *name,
                            struct ww_raster *raster)
{
    pthread_mutex_lock(&w->lock);
    struct slot *s = NULL;
    for (size_t i = 0; i < WW_PRINT_SLOTS && !s; i++)
        if (w->slots[i].state == SLOT_FREE)
            s = &w->slots[i];
    if (!s || w->stop) {
        pthread_mutex_unlock(&w->lock);
        ww_raster_destroy(raster);
        ww_warn("printer queue full: ticket %s not printed", name);
        return false;
    }
    memset(&s->res, 0, sizeof s->res);
    s->res.booking_id = booking_id;
    ww_strlcpy(s->res.name, name, sizeof s->res.name);
    ww_raster_move(&s->raster, raster);
    s->seq = w->next_seq++;
    s->deadline_ms = w->timeout_ms > 0 ? ww_printer_now_ms() + w->timeout_ms : 0;
    s->state = SLOT_QUEUED;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    return true;
}

bool ww_print_worker_poll(struct ww_print_worker *w, struct ww_print_result *out)
{
    pthread_mutex_lock(&w->lock);
    struct slot *s = oldest(w, SLOT_DONE);
    if (s) {
        *out = s->res;
        s->state = SLOT_FREE;
    }
    pthread_mutex_unlock(&w->lock);
    return s != NULL;
}

void ww_print_worker_set_timeout(struct ww_print_worker *w, int ms)
{
    pthread_mutex_lock(&w->lock);
    w->timeout_ms = ms;
    pthread_mutex_unlock(&w->lock);
}

int ww_print_worker_width(const struct ww_print_worker *w)
{
    return ww_printer_width(w->printer);
}

void ww_print_worker_free(struct ww_print_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    for (size_t i = 0; i < WW_PRINT_SLOTS; i++) {
        if (w->slots[i].state == SLOT_QUEUED)
            ww_warn("ticket %s dropped unprinted at shutdown", w->slots[i].res.name);
        ww_raster_destroy(&w->slots[i].raster);
    }
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    ww_printer_free(w->printer);
    free(w);
}
