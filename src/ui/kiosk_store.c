#include "ui/kiosk_store.h"

#include "app.h"
#include "core/booking.h"
#include "core/log.h"
#include "core/store_worker.h"
#include "core/str.h"
#include "core/ticket.h"
#include "ui/kiosk_impl.h"

#include <stdlib.h>
#include <string.h>

#define WW_KIOSK_STORE_PATIENCE_MS 50

/* A request and, once run, its answer. Everything the worker reads is
 * copied in or read-only for the kiosk's life (config, location, flows):
 * the loop goes on changing its session meanwhile. */
struct job {
    struct ww_store_job base; /* first */
    struct ww_kiosk_answer a;
    /* inputs */
    const struct ww_config *cfg;
    const struct ww_location *loc;
    const struct ww_flows *flows;
    int64_t now; /* the kiosk's clock when asked: answers are for that moment */
    struct ww_booking_want want;
    char request[WW_REQUEST_SIZE];
    char topic[WW_ID_SIZE];
    struct ww_session ended;
    ww_day day;
    int hour; /* local hour the visit ended in (RECORD) */
    struct ww_print_result printed;
    bool fault_began; /* FINISH: the printer went from working to a fault */
    bool count_miss;  /* RESOLVE: count a roster miss of this outcome */
    struct ww_signal sig;
    char check[WW_CHECK_SIZE];
    struct ww_heartbeat beat;
};

/* Add one (or `add`) to a report counter of the job's day. */
static enum ww_err count(struct ww_store *store, const struct job *j, const char *kind,
                         const char *k1, const char *k2, int add)
{
    struct ww_signal g;
    memset(&g, 0, sizeof g);
    int minute;
    ww_local_from_utc(j->now, &g.day, &minute);
    ww_strlcpy(g.location, j->loc->id, sizeof g.location);
    ww_strlcpy(g.kind, kind, sizeof g.kind);
    ww_strlcpy(g.k1, k1, sizeof g.k1);
    ww_strlcpy(g.k2, k2, sizeof g.k2);
    g.add = add;
    return ww_store_signal(store, &g);
}

/* The roster missed the resident when the outcome's best partner is not
 * the one offered today: "absent" when that partner is not on site today,
 * "full" when it is but has no free slot. */
static void count_miss(struct ww_store *store, const struct job *j,
                       const struct ww_booking_ctx *ctx)
{
    const struct ww_flow_outcome *o = j->a.outcome;
    const struct ww_resolution *r = &j->a.resolution;
    if (!o || o->n_partners == 0 || !o->partner_ok[0] || r->offline)
        return;
    if (r->here == WW_HERE_TODAY && r->rank == 0)
        return;
    ww_day today;
    int minute;
    ww_local_from_utc(j->now, &today, &minute);
    struct ww_day_plan plan;
    bool present = false;
    if (ww_booking_plan(ctx, today, &plan) == WW_OK)
        for (size_t i = 0; i < plan.n && !present; i++)
            present = plan.blocks[i].partner == o->partner[0];
    count(store, j, "miss", o->partners[0], present ? "full" : "absent", 1);
}

/* The room and desks of a booking from the day plan (bookings made before
 * a booking kept what its ticket said). */
static void room_of(const struct ww_booking_ctx *ctx, const struct ww_config *cfg,
                    struct ww_kiosk_answer *a)
{
    a->desks = 1;
    struct ww_day_plan plan;
    size_t pi;
    if (ww_config_partner(cfg, a->booking.partner, &pi) &&
        ww_booking_plan(ctx, a->booking.day, &plan) == WW_OK) {
        const struct ww_block *bl = ww_ticket_block(&plan, pi, a->booking.start);
        if (bl) {
            ww_strlcpy(a->room, bl->room, sizeof a->room);
            a->desks = bl->desks;
        }
    }
}

static void run(struct ww_store_job *base, struct ww_store *store)
{
    struct job *j = (struct job *)base;
    struct ww_kiosk_answer *a = &j->a;
    struct ww_clock clock = ww_clock_fixed(&j->now);
    struct ww_booking_ctx ctx = {j->cfg, j->loc, store, &clock};
    switch (a->kind) {
    case WW_KJOB_RESOLVE: {
        a->err = ww_flow_resolve(j->flows, a->outcome, &ctx, &a->resolution);
        const struct ww_resolution *r = &a->resolution;
        if (a->err == WW_OK && j->count_miss)
            count_miss(store, j, &ctx);
        /* The first free time on "another day", for the time screen. */
        a->day_first = -1;
        if (r->here == WW_HERE_TODAY && r->next_day != WW_DAY_NONE && !r->offline) {
            struct ww_slot slots[64];
            size_t n = 0;
            if (ww_booking_slots(&ctx, r->partner, r->next_day, slots, 64, &n) == WW_OK) {
                for (size_t i = 0; i < n; i++)
                    if (slots[i].booked < slots[i].capacity) {
                        a->day_first = slots[i].start;
                        break;
                    }
            }
        }
        break;
    }
    case WW_KJOB_BOOK: {
        a->err = ww_booking_make(&ctx, &j->want, &a->booking);
        /* The room its ticket names, as the booking remembered it. */
        ww_strlcpy(a->room, a->booking.memo.room, sizeof a->room);
        a->desks = a->booking.memo.desks > 0 ? a->booking.memo.desks : 1;
        break;
    }
    case WW_KJOB_SCAN:
        a->err = ww_store_find_check(store, j->check, &a->booking);
        a->desks = 1;
        if (a->err == WW_OK && a->booking.memo.lang[0]) {
            /* The room its ticket named. */
            ww_strlcpy(a->room, a->booking.memo.room, sizeof a->room);
            a->desks = a->booking.memo.desks > 0 ? a->booking.memo.desks : 1;
        } else if (a->err == WW_OK) {
            room_of(&ctx, j->cfg, a); /* booked before tickets were remembered */
        }
        break;
    case WW_KJOB_RECORD:
        a->err = ww_session_record(j->flows, &j->ended, store, j->loc->id, j->day, j->hour);
        break;
    case WW_KJOB_FINISH: {
        enum ww_err e = ww_ticket_finish(store, &j->printed);
        if (j->printed.err != WW_OK)
            count(store, j, "noprint", "", "", 1);
        if (j->fault_began)
            count(store, j, "printer", "", "", 1);
        /* Only the mark is the store's; a printer error is not. */
        a->err = j->printed.err == WW_OK ? e : WW_OK;
        break;
    }
    case WW_KJOB_POLL:
        a->err = ww_store_change_seq(store, &a->seq);
        break;
    case WW_KJOB_PURGE: {
        int deleted = 0;
        a->err = ww_booking_retention(&ctx, &deleted);
        break;
    }
    case WW_KJOB_BEAT:
        a->err = ww_store_heartbeat(store, &j->beat);
        break;
    case WW_KJOB_SIGNAL:
        a->err = count(store, j, j->sig.kind, "", "", j->sig.add);
        break;
    case WW_KJOB_COUNT:
        break;
    }
}

bool ww_kiosk_store_start(struct ww_kiosk *k, void (*notify)(void *ctx), void *ctx)
{
    char err[512];
    const char *uri = k->app.store_uri ? k->app.store_uri : k->app.loc->store;
    struct ww_store *s = ww_store_open(uri, k->app.state_dir, err, sizeof err);
    if (!s) {
        ww_error("kiosk: %s", err);
        return false;
    }
    k->store_worker = ww_store_worker_new(s, notify, ctx);
    /* The loop's own handle (the staff screens) never waits long for a
     * server being reconnected; the worker's may. */
    ww_store_set_patience(k->app.store, WW_KIOSK_STORE_PATIENCE_MS);
    return k->store_worker != NULL;
}

static void release(struct ww_store_job *job)
{
    free(job);
}

void ww_kiosk_store_stop(struct ww_kiosk *k)
{
    ww_store_worker_free(k->store_worker, release);
    k->store_worker = NULL;
    memset(k->store_pending, 0, sizeof k->store_pending);
}

static struct job *new_job(struct ww_kiosk *k, enum ww_kiosk_job kind)
{
    struct job *j = calloc(1, sizeof *j);
    if (!j)
        abort();
    j->base.run = run;
    j->a.kind = kind;
    j->a.visit = k->visit_no;
    j->a.day_first = -1;
    j->cfg = &k->app.cfg;
    j->loc = k->app.loc;
    j->flows = &k->flows;
    j->now = ww_clock_now(&k->app.clock);
    return j;
}

static bool submit(struct ww_kiosk *k, struct job *j)
{
    if (!k->store_worker || !ww_store_worker_submit(k->store_worker, &j->base)) {
        ww_warn("kiosk: store queue full: request %d dropped", (int)j->a.kind);
        free(j);
        return false;
    }
    k->store_pending[j->a.kind]++;
    return true;
}

bool ww_kiosk_store_resolve(struct ww_kiosk *k, const struct ww_flow_outcome *o)
{
    struct job *j = new_job(k, WW_KJOB_RESOLVE);
    j->a.outcome = o;
    /* Resolved again (a staff change, a new day): counted once. */
    j->count_miss = k->miss_outcome != o || k->miss_visit != k->visit_no;
    k->miss_outcome = o;
    k->miss_visit = k->visit_no;
    return submit(k, j);
}

bool ww_kiosk_store_book(struct ww_kiosk *k, const struct ww_booking_want *want)
{
    struct job *j = new_job(k, WW_KJOB_BOOK);
    j->want = *want;
    /* The want points into the session and the caller's buffer: copy. */
    ww_strlcpy(j->request, want->request_id ? want->request_id : "", sizeof j->request);
    ww_strlcpy(j->topic, want->topic ? want->topic : "", sizeof j->topic);
    j->want.request_id = j->request;
    j->want.topic = j->topic;
    return submit(k, j);
}

bool ww_kiosk_store_record(struct ww_kiosk *k, const struct ww_session *ended, ww_day day, int hour)
{
    struct job *j = new_job(k, WW_KJOB_RECORD);
    j->ended = *ended;
    j->day = day;
    j->hour = hour;
    return submit(k, j);
}

bool ww_kiosk_store_finish(struct ww_kiosk *k, const struct ww_print_result *res)
{
    struct job *j = new_job(k, WW_KJOB_FINISH);
    j->printed = *res;
    j->fault_began = res->err != WW_OK && !k->printer_faulty;
    k->printer_faulty = res->err != WW_OK;
    return submit(k, j);
}

bool ww_kiosk_store_signal(struct ww_kiosk *k, const char *kind, int add)
{
    struct job *j = new_job(k, WW_KJOB_SIGNAL);
    ww_strlcpy(j->sig.kind, kind, sizeof j->sig.kind);
    j->sig.add = add;
    return submit(k, j);
}

bool ww_kiosk_store_scan(struct ww_kiosk *k, const char *check)
{
    struct job *j = new_job(k, WW_KJOB_SCAN);
    ww_strlcpy(j->check, check, sizeof j->check);
    return submit(k, j);
}

bool ww_kiosk_store_purge(struct ww_kiosk *k)
{
    return submit(k, new_job(k, WW_KJOB_PURGE));
}

bool ww_kiosk_store_poll(struct ww_kiosk *k)
{
    return submit(k, new_job(k, WW_KJOB_POLL));
}

bool ww_kiosk_store_beat(struct ww_kiosk *k, const struct ww_heartbeat *h)
{
    struct job *j = new_job(k, WW_KJOB_BEAT);
    j->beat = *h;
    return submit(k, j);
}

bool ww_kiosk_store_answer(struct ww_kiosk *k, struct ww_kiosk_answer *out)
{
    if (!k->store_worker)
        return false;
    struct ww_store_job *base = ww_store_worker_done(k->store_worker);
    if (!base)
        return false;
    struct job *j = (struct job *)base;
    *out = j->a;
    k->store_pending[j->a.kind]--;
    free(j);
    return true;
}

bool ww_kiosk_store_wait(struct ww_kiosk *k, int ms)
{
    return k->store_worker && ww_store_worker_wait(k->store_worker, ms);
}

int ww_kiosk_store_pending(const struct ww_kiosk *k, enum ww_kiosk_job kind)
{
    return k->store_pending[kind];
}
