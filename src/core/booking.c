#include "booking.h"

#include "code.h"
#include "log.h"
#include "str.h"
#include "ticket.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SLOTS 128

enum ww_err ww_booking_plan(const struct ww_booking_ctx *ctx, ww_day day, struct ww_day_plan *plan)
{
    struct ww_override *ov = NULL;
    size_t n = 0;
    enum ww_err e = WW_OK;
    if (ctx->store)
        e = ww_store_overrides(ctx->store, ctx->loc->id, day, &ov, &n);
    if (e != WW_OK) {
        /* Without the store the pattern still tells who should be here. */
        n = 0;
    }
    ww_schedule_day(ctx->cfg, ctx->loc, day, ov, n, plan);
    free(ov);
    return e;
}

enum ww_err ww_booking_slots(const struct ww_booking_ctx *ctx, size_t partner, ww_day day,
                             struct ww_slot *out, size_t cap, size_t *n)
{
    *n = 0;
    ww_day today;
    int now_min;
    ww_clock_local(ctx->clock, &today, &now_min);
    if (day < today)
        return WW_OK;
    struct ww_day_plan plan;
    enum ww_err e = ww_booking_plan(ctx, day, &plan);
    if (e != WW_OK)
        return e;
    size_t count = ww_plan_slots(ctx->cfg, &plan, partner, day == today ? now_min : 0, out, cap);
    struct ww_booking *b = NULL;
    size_t nb = 0;
    if (!ctx->store) {
        *n = count;
        return WW_OK;
    }
    e = ww_store_bookings(ctx->store, ctx->loc->id, day, &b, &nb);
    if (e != WW_OK)
        return e;
    const char *pid = ctx->cfg->partners[partner].id;
    for (size_t i = 0; i < nb; i++) {
        if (strcmp(b[i].partner, pid) != 0)
            continue;
        for (size_t k = 0; k < count; k++)
            if (out[k].start == b[i].start)
                out[k].booked++;
    }
    free(b);
    *n = count;
    return WW_OK;
}

/* Keep what the new booking's ticket says (a retry of a request that had
 * booked gets its booking back with what was kept then). Should the store
 * refuse the note, the booking stands and this ticket prints as laid out;
 * a reprint then falls back to the partner's list in Dutch (logged). */
static void remember(const struct ww_booking_ctx *ctx, const struct ww_booking_want *want,
                     const struct ww_day_plan *plan, struct ww_booking *out)
{
    const struct ww_partner *p = ww_location_partner(ctx->loc, want->partner);
    struct ww_ticket_memo *m = &out->memo;
    ww_ticket_memo_make(m, ctx->loc, p, want->lang, want->bring, want->notices);
    const struct ww_block *bl = ww_ticket_block(plan, want->partner, out->start);
    if (bl) {
        ww_strlcpy(m->room, bl->room, sizeof m->room);
        m->desks = bl->desks;
    }
    enum ww_err e = ww_store_remember(ctx->store, out->id, m);
    if (e != WW_OK)
        ww_warn("booking %s: what its ticket says was not kept: %s", out->ticket, ww_strerror(e));
}

static enum ww_err book_day(const struct ww_booking_ctx *ctx, const struct ww_booking_want *want,
                            ww_day day, struct ww_booking *out)
{
    ww_day today;
    int now_min;
    ww_clock_local(ctx->clock, &today, &now_min);
    struct ww_day_plan plan;
    enum ww_err e = ww_booking_plan(ctx, day, &plan);
    if (e != WW_OK)
        return e;
    struct ww_slot slots[MAX_SLOTS];
    size_t n =
        ww_plan_slots(ctx->cfg, &plan, want->partner, day == today ? now_min : 0, slots, MAX_SLOTS);
    const struct ww_slot *cands = slots;
    enum ww_err none = WW_ERR_FULL; /* what to say when no slot is left to try */
    if (want->when == WW_BOOK_AT) {
        size_t i;
        for (i = 0; i < n && slots[i].start != want->at; i++)
            ;
        cands = &slots[i];
        n = i < n ? 1 : 0;
        none = WW_ERR_INVALID;
    }
    bool repeat = want->request_id && *want->request_id;
    if (n == 0 && (!repeat || !ctx->store))
        return none;
    char check[WW_CHECK_LEN + 1];
    if (!ww_code_new_check(check, sizeof check))
        return WW_ERR_IO;
    const struct ww_partner *p = &ctx->cfg->partners[want->partner];
    struct ww_book_req req = {
        .location = ctx->loc->id,
        .partner = p->id,
        .letter = p->letter,
        .topic = want->topic ? want->topic : "",
        .day = day,
        .request_id = want->request_id,
        .check = check,
        .now = ww_clock_now(ctx->clock),
    };
    /* With no slot left to try, a request id still goes to the store: a
     * retry of a request that did book (its process killed before it could
     * say so, the partner since marked absent, the slot since begun) gets
     * that booking back, not "full". */
    e = ww_store_book(ctx->store, &req, cands, n, out);
    if (e == WW_OK && !out->memo.lang[0])
        remember(ctx, want, &plan, out);
    return n == 0 && e == WW_ERR_FULL ? none : e;
}

enum ww_err ww_booking_make(const struct ww_booking_ctx *ctx, const struct ww_booking_want *want,
                            struct ww_booking *out)
{
    ww_day today;
    int now_min;
    ww_clock_local(ctx->clock, &today, &now_min);
    if (want->partner >= ctx->cfg->n_partners || want->day < today)
        return WW_ERR_INVALID;
    if (want->when != WW_BOOK_LATER_DAY)
        return book_day(ctx, want, want->day, out);
    for (int i = 1; i <= ctx->loc->booking_days; i++) {
        enum ww_err e = book_day(ctx, want, want->day + i, out);
        if (e != WW_ERR_FULL)
            return e;
    }
    return WW_ERR_FULL;
}

ww_day ww_booking_next_day(const struct ww_booking_ctx *ctx, size_t partner, ww_day from)
{
    ww_day today;
    int now_min;
    ww_clock_local(ctx->clock, &today, &now_min);
    if (from < today)
        from = today;
    for (ww_day d = from; d <= today + ctx->loc->booking_days; d++) {
        struct ww_slot slots[MAX_SLOTS];
        size_t n;
        if (ww_booking_slots(ctx, partner, d, slots, MAX_SLOTS, &n) != WW_OK)
            return WW_DAY_NONE;
        for (size_t i = 0; i < n; i++)
            if (slots[i].booked < slots[i].capacity)
                return d;
    }
    return WW_DAY_NONE;
}

void ww_book_limit_init(struct ww_book_limit *l, int per_visit, int per_minute)
{
    memset(l, 0, sizeof *l);
    l->per_visit = per_visit;
    l->per_minute = per_minute > WW_BOOK_LIMIT_MAX ? WW_BOOK_LIMIT_MAX : per_minute;
    for (size_t i = 0; i < WW_BOOK_LIMIT_MAX; i++)
        l->recent[i] = INT64_MIN;
}

enum ww_err ww_book_limit_check(const struct ww_book_limit *l, int visit_bookings, int64_t now)
{
    if (l->per_visit > 0 && visit_bookings >= l->per_visit)
        return WW_ERR_LIMIT;
    if (l->per_minute <= 0)
        return WW_OK;
    int in_minute = 0;
    for (size_t i = 0; i < WW_BOOK_LIMIT_MAX; i++)
        if (l->recent[i] != INT64_MIN && now - l->recent[i] < 60 && now >= l->recent[i])
            in_minute++;
    return in_minute >= l->per_minute ? WW_ERR_LIMIT : WW_OK;
}

void ww_book_limit_note(struct ww_book_limit *l, int64_t now)
{
    l->recent[l->next] = now;
    l->next = (l->next + 1) % WW_BOOK_LIMIT_MAX;
}

enum ww_err ww_booking_retention(const struct ww_booking_ctx *ctx, int *deleted)
{
    ww_day today;
    int minute;
    ww_clock_local(ctx->clock, &today, &minute);
    int keep = ctx->loc->retention_days > 0 ? ctx->loc->retention_days : 30;
    enum ww_err e = ww_store_purge(ctx->store, ctx->loc->id, today - keep, deleted);
    if (e == WW_OK && *deleted > 0)
        ww_info("store: %d bookings older than %d days deleted (retention)", *deleted, keep);
    return e;
}
