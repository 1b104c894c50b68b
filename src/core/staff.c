#include "staff.h"

#include "code.h"
#include "log.h"
#include "str.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the view of a day ---- */

static struct ww_staff_row *row_of(struct ww_staff_day *d, size_t partner)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->rows[i].partner == partner)
            return &d->rows[i];
    return NULL;
}

/* A partner's hours on a day from the plan: one row per partner even when
 * the pattern has two blocks that day (staff change the whole day). */
static void merge_block(struct ww_staff_row *r, const struct ww_block *b, bool first)
{
    if (first) {
        r->time[0] = b->time[0];
        r->time[1] = b->time[1];
        r->desks = b->desks;
        ww_strlcpy(r->room, b->room, sizeof r->room);
        return;
    }
    if (b->time[0] < r->time[0])
        r->time[0] = b->time[0];
    if (b->time[1] > r->time[1])
        r->time[1] = b->time[1];
    if (b->desks > r->desks)
        r->desks = b->desks;
}

void ww_staff_day_build(const struct ww_config *cfg, const struct ww_location *loc, ww_day day,
                        const struct ww_override *ov, size_t n_ov, const struct ww_booking *b,
                        size_t n_b, struct ww_staff_day *out)
{
    memset(out, 0, sizeof *out);
    out->day = day;
    out->store_ok = true;
    out->closed = ww_config_closed(cfg, loc, day, NULL);
    /* The day as the weekly pattern has it, and as staff made it. */
    struct ww_day_plan *base = malloc(sizeof *base);
    struct ww_day_plan *plan = malloc(sizeof *plan);
    if (!base || !plan)
        abort();
    ww_schedule_day(cfg, loc, day, NULL, 0, base);
    ww_schedule_day(cfg, loc, day, ov, n_ov, plan);
    for (size_t i = 0; i < plan->n && out->n < WW_STAFF_ROWS; i++) {
        const struct ww_block *bl = &plan->blocks[i];
        struct ww_staff_row *r = row_of(out, bl->partner);
        bool first = r == NULL;
        if (first) {
            r = &out->rows[out->n++];
            r->partner = bl->partner;
            r->present = true;
        }
        merge_block(r, bl, first);
    }
    for (size_t i = 0; i < plan->n_absent && out->n < WW_STAFF_ROWS; i++) {
        size_t p = plan->absent[i];
        if (row_of(out, p))
            continue;
        struct ww_staff_row *r = &out->rows[out->n++];
        r->partner = p;
        r->present = false;
        bool first = true;
        for (size_t k = 0; k < base->n; k++) {
            if (base->blocks[k].partner == p) {
                merge_block(r, &base->blocks[k], first);
                first = false;
            }
        }
    }
    for (size_t i = 0; i < out->n; i++) {
        struct ww_staff_row *r = &out->rows[i];
        r->scheduled = ww_plan_find(base, r->partner) != NULL;
        for (size_t k = 0; k < n_ov; k++)
            if (strcmp(ov[k].partner, cfg->partners[r->partner].id) == 0)
                r->changed = true;
        for (size_t k = 0; k < n_b; k++) {
            if (strcmp(b[k].partner, cfg->partners[r->partner].id) != 0)
                continue;
            r->bookings++;
            if (b[k].checked_in)
                r->checked_in++;
        }
    }
    /* One order whatever staff change: the weekly pattern's, partners
     * added for the day after them. Marking a partner absent (or back)
     * then never moves the rows on the staff screen under the finger. */
    size_t key[WW_STAFF_ROWS];
    for (size_t i = 0; i < out->n; i++) {
        key[i] = base->n + i;
        for (size_t k = 0; k < base->n; k++)
            if (base->blocks[k].partner == out->rows[i].partner) {
                key[i] = k;
                break;
            }
    }
    for (size_t i = 1; i < out->n; i++) {
        struct ww_staff_row r = out->rows[i];
        size_t kk = key[i], j = i;
        for (; j > 0 && key[j - 1] > kk; j--) {
            out->rows[j] = out->rows[j - 1];
            key[j] = key[j - 1];
        }
        out->rows[j] = r;
        key[j] = kk;
    }
    for (size_t p = 0; p < cfg->n_partners && out->n_addable < WW_STAFF_ROWS; p++)
        if (!row_of(out, p))
            out->addable[out->n_addable++] = p;
    int64_t newest = -1;
    for (size_t k = 0; k < n_ov; k++) {
        if (ov[k].id > newest) {
            newest = ov[k].id;
            ww_strlcpy(out->last_partner, ov[k].partner, sizeof out->last_partner);
        }
    }
    free(plan);
    free(base);
}

enum ww_err ww_staff_day_load(const struct ww_booking_ctx *ctx, ww_day day,
                              struct ww_staff_day *out)
{
    struct ww_override *ov = NULL;
    struct ww_booking *b = NULL;
    size_t n_ov = 0, n_b = 0;
    enum ww_err e = ww_store_overrides(ctx->store, ctx->loc->id, day, &ov, &n_ov);
    if (e == WW_OK)
        e = ww_store_bookings(ctx->store, ctx->loc->id, day, &b, &n_b);
    if (e != WW_OK) {
        free(ov);
        free(b);
        ov = NULL;
        b = NULL;
        n_ov = n_b = 0;
    }
    ww_staff_day_build(ctx->cfg, ctx->loc, day, ov, n_ov, b, n_b, out);
    out->store_ok = e == WW_OK;
    free(ov);
    free(b);
    return e;
}

const struct ww_staff_row *ww_staff_day_row(const struct ww_config *cfg,
                                            const struct ww_staff_day *d, const char *id)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(cfg->partners[d->rows[i].partner].id, id) == 0)
            return &d->rows[i];
    return NULL;
}

static int by_time(const void *a, const void *b)
{
    const struct ww_booking *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return strcmp(x->ticket, y->ticket);
}

size_t ww_staff_partner_bookings(const struct ww_booking *b, size_t n, const char *partner,
                                 struct ww_booking *out, size_t cap)
{
    size_t count = 0, kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(b[i].partner, partner) != 0)
            continue;
        count++;
        if (kept < cap)
            out[kept++] = b[i];
    }
    if (kept > 1)
        qsort(out, kept, sizeof *out, by_time);
    return count;
}

const struct ww_booking *ww_staff_last_ticket(const struct ww_booking *b, size_t n)
{
    const struct ww_booking *best = NULL, *newest = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!newest || b[i].id > newest->id)
            newest = &b[i];
        if (b[i].printed && (!best || b[i].id > best->id))
            best = &b[i];
    }
    return best ? best : newest;
}

/* ---- changes ---- */

static bool in_past(const struct ww_booking_ctx *ctx, ww_day day)
{
    ww_day today;
    int minute;
    ww_clock_local(ctx->clock, &today, &minute);
    return day < today;
}

static void audit_of(const struct ww_booking_ctx *ctx, const struct ww_staff_who *w,
                     const char *action, const char *detail, struct ww_audit *a)
{
    memset(a, 0, sizeof *a);
    a->when = ww_clock_now(ctx->clock);
    ww_strlcpy(a->location, ctx->loc->id, sizeof a->location);
    a->day = w->day;
    ww_strlcpy(a->role, w->role, sizeof a->role);
    ww_strlcpy(a->action, action, sizeof a->action);
    ww_strlcpy(a->detail, detail, sizeof a->detail);
}

enum ww_err ww_staff_absent(const struct ww_booking_ctx *ctx, const struct ww_staff_who *w,
                            size_t partner)
{
    if (partner >= ctx->cfg->n_partners || in_past(ctx, w->day))
        return WW_ERR_INVALID;
    struct ww_day_plan *plan = malloc(sizeof *plan);
    if (!plan)
        abort();
    enum ww_err e = ww_booking_plan(ctx, w->day, plan);
    bool here = ww_plan_find(plan, partner) != NULL;
    free(plan);
    if (e != WW_OK)
        return e;
    if (!here)
        return WW_ERR_ALREADY;
    struct ww_override ov = {0};
    ov.kind = WW_OVERRIDE_ABSENT;
    const char *id = ctx->cfg->partners[partner].id;
    ww_strlcpy(ov.partner, id, sizeof ov.partner);
    char detail[160];
    ww_fmt(detail, sizeof detail, "%s absent", id);
    struct ww_audit a;
    audit_of(ctx, w, "absent", detail, &a);
    return ww_store_override_add(ctx->store, ctx->loc->id, w->day, &ov, &a);
}

enum ww_err ww_staff_set(const struct ww_booking_ctx *ctx, const struct ww_staff_who *w,
                         size_t partner, int from, int to, int desks, const char *room)
{
    if (partner >= ctx->cfg->n_partners || in_past(ctx, w->day))
        return WW_ERR_INVALID;
    if (from < 0 || to > 24 * 60 || to <= from || desks < 1 || desks > WW_STAFF_MAX_DESKS)
        return WW_ERR_INVALID;
    struct ww_day_plan *plan = malloc(sizeof *plan);
    if (!plan)
        abort();
    enum ww_err e = ww_booking_plan(ctx, w->day, plan);
    bool here = ww_plan_find(plan, partner) != NULL;
    bool absent = false;
    for (size_t i = 0; i < plan->n_absent; i++)
        if (plan->absent[i] == partner)
            absent = true;
    free(plan);
    if (e != WW_OK)
        return e;
    struct ww_override ov = {0};
    ov.kind = WW_OVERRIDE_PRESENT;
    const char *id = ctx->cfg->partners[partner].id;
    ww_strlcpy(ov.partner, id, sizeof ov.partner);
    ov.time[0] = from;
    ov.time[1] = to;
    ov.desks = desks;
    if (room)
        ww_strlcpy(ov.room, room, sizeof ov.room);
    char f[6], t[6], detail[160];
    ww_minute_format(from, f);
    ww_minute_format(to, t);
    ww_fmt(detail, sizeof detail, "%s %s-%s desks %d", id, f, t, desks);
    struct ww_audit a;
    audit_of(ctx, w, here || absent ? "set" : "add", detail, &a);
    return ww_store_override_add(ctx->store, ctx->loc->id, w->day, &ov, &a);
}

enum ww_err ww_staff_undo_last(const struct ww_booking_ctx *ctx, const struct ww_staff_who *w,
                               char *partner)
{
    partner[0] = '\0';
    if (in_past(ctx, w->day))
        return WW_ERR_INVALID;
    struct ww_override *ov = NULL;
    size_t n = 0;
    enum ww_err e = ww_store_overrides(ctx->store, ctx->loc->id, w->day, &ov, &n);
    if (e != WW_OK)
        return e;
    /* Each partner's effective change is its newest, so the newest of those
     * is the newest change of the day: undoing it repeatedly walks back
     * through the day's changes in reverse order. */
    int64_t newest = -1;
    for (size_t i = 0; i < n; i++) {
        if (ov[i].id > newest) {
            newest = ov[i].id;
            ww_strlcpy(partner, ov[i].partner, WW_ID_SIZE);
        }
    }
    free(ov);
    if (newest < 0)
        return WW_ERR_ALREADY;
    struct ww_audit a;
    audit_of(ctx, w, "undo", partner, &a);
    return ww_store_override_undo(ctx->store, ctx->loc->id, w->day, partner, &a);
}

/* The day's bounds for the hours steppers: the opening hours, else a wide
 * working day. */
static void bounds(const struct ww_location *loc, ww_day day, int *lo, int *hi)
{
    const int *h = loc->hours[ww_day_weekday(day)];
    if (h[1] > h[0]) {
        *lo = h[0];
        *hi = h[1];
    } else {
        *lo = 7 * 60;
        *hi = 22 * 60;
    }
}

/* One quarter-hour step from m in direction dir, landing on a quarter. */
static int quarter(int m, int dir)
{
    if (dir > 0)
        return (m / WW_STAFF_STEP + 1) * WW_STAFF_STEP;
    return ((m + WW_STAFF_STEP - 1) / WW_STAFF_STEP - 1) * WW_STAFF_STEP;
}

bool ww_staff_step(const struct ww_location *loc, ww_day day, const struct ww_staff_row *row,
                   const char *what, int *from, int *to, int *desks)
{
    int lo, hi;
    bounds(loc, day, &lo, &hi);
    *from = row->time[0];
    *to = row->time[1];
    *desks = row->desks > 0 ? row->desks : 1;
    if (strcmp(what, "from-") == 0)
        *from = quarter(*from, -1);
    else if (strcmp(what, "from+") == 0)
        *from = quarter(*from, +1);
    else if (strcmp(what, "to-") == 0)
        *to = quarter(*to, -1);
    else if (strcmp(what, "to+") == 0)
        *to = quarter(*to, +1);
    else if (strcmp(what, "desks-") == 0)
        *desks -= 1;
    else if (strcmp(what, "desks+") == 0)
        *desks += 1;
    else
        return false;
    if (*desks < 1 || *desks > WW_STAFF_MAX_DESKS)
        return false;
    if (*to - *from < WW_STAFF_STEP)
        return false;
    /* Hours may already lie outside the bounds (set at the terminal): a step
     * that moves further out is refused, one that moves back in is fine. */
    if (*from < lo && *from < row->time[0])
        return false;
    if (*to > hi && *to > row->time[1])
        return false;
    return true;
}

/* ---- the staff mode ---- */

static void say(struct ww_staff *st, enum ww_staff_tone tone, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(struct ww_staff *st, enum ww_staff_tone tone, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->message, sizeof st->message, fmt, ap);
    va_end(ap);
    st->tone = tone;
}

static void wipe_pin(struct ww_staff *st)
{
    memset(st->pin, 0, sizeof st->pin);
    st->pin_len = 0;
}

void ww_staff_init(struct ww_staff *st)
{
    memset(st, 0, sizeof *st);
    ww_pin_guard_init(&st->guard);
}

static int64_t now_of(const struct ww_staff_env *env)
{
    return ww_clock_now(env->ctx->clock);
}

static ww_day today_of(const struct ww_staff_env *env)
{
    ww_day d;
    int m;
    ww_clock_local(env->ctx->clock, &d, &m);
    return d;
}

int ww_staff_locked_minutes(const struct ww_staff *st, const struct ww_staff_env *env)
{
    int s = ww_pin_locked_for(&st->guard, env->ctx->clock);
    return (s + 59) / 60;
}

static void pin_prompt(struct ww_staff *st, const struct ww_staff_env *env)
{
    int minutes = ww_staff_locked_minutes(st, env);
    st->lock_shown = 0;
    if (!env->pin_hash || !env->pin_hash[0])
        say(st, WW_STAFF_BAD,
            "Er is nog geen pincode ingesteld. Stel die in met: wegwijzer staff set-pin");
    else if (minutes > 0) {
        say(st, WW_STAFF_BAD, "Te vaak een onjuiste pincode. Probeer het over %d %s opnieuw.",
            minutes, minutes == 1 ? "minuut" : "minuten");
        st->lock_shown = minutes;
    } else
        say(st, WW_STAFF_INFO, "Voer de pincode in.");
}

void ww_staff_refresh(struct ww_staff *st, const struct ww_staff_env *env)
{
    if (ww_staff_day_load(env->ctx, today_of(env), &st->day) != WW_OK)
        say(st, WW_STAFF_BAD, "De gegevens zijn nu niet te lezen. Probeer het zo opnieuw.");
    st->effects |= WW_STAFF_FX_REDRAW;
}

void ww_staff_open(struct ww_staff *st, const struct ww_staff_env *env)
{
    st->effects = WW_STAFF_FX_REDRAW;
    st->last_input = now_of(env);
    if (st->mode != WW_STAFF_CLOSED)
        return;
    st->mode = WW_STAFF_PIN;
    wipe_pin(st);
    st->entry[0] = '\0';
    st->effects |= WW_STAFF_FX_OPENED;
    /* A lock set by another kiosk, or before a restart, shows at once. */
    ww_pin_guard_sync(&st->guard, env->ctx->store, env->ctx->loc->id);
    pin_prompt(st, env);
    ww_info("staff: entry opened");
}

void ww_staff_close(struct ww_staff *st)
{
    struct ww_pin_guard keep = st->guard; /* a lock outlives the screen */
    bool was_open = st->mode != WW_STAFF_CLOSED;
    ww_staff_init(st);
    st->guard = keep;
    if (was_open)
        st->effects = WW_STAFF_FX_CLOSED | WW_STAFF_FX_REDRAW;
}

static const char *pname(const struct ww_staff_env *env, size_t p)
{
    return env->ctx->cfg->partners[p].name;
}

static struct ww_staff_who who(const struct ww_staff_env *env)
{
    return (struct ww_staff_who){"staff", today_of(env)};
}

static void pin_ok(struct ww_staff *st, const struct ww_staff_env *env)
{
    /* The lockout is the location's, in the store: every kiosk counts into
     * it and a restart does not clear it. */
    enum ww_pin_result r = ww_pin_check(&st->guard, env->ctx->store, env->ctx->loc->id, "staff",
                                        env->ctx->clock, env->pin_hash, st->pin);
    wipe_pin(st);
    switch (r) {
    case WW_PIN_OK:
        st->mode = WW_STAFF_MAIN;
        st->message[0] = '\0';
        st->tone = WW_STAFF_INFO;
        ww_info("staff: signed in");
        ww_staff_refresh(st, env);
        /* Someone tried PINs since the last sign-in: staff must know. */
        if (st->guard.locks_before > 0) {
            ww_day d;
            int minute;
            ww_local_from_utc(st->guard.last_lock_at, &d, &minute);
            char day[11], t[6];
            ww_day_format(d, day);
            ww_minute_format(minute, t);
            say(st, WW_STAFF_BAD,
                "Let op: de toegang was %d keer geblokkeerd na te veel onjuiste pincodes, het "
                "laatst op %s om %s. Meld dit.",
                st->guard.locks_before, day, t);
        }
        break;
    case WW_PIN_WRONG:
        /* Only that it is wrong: never which digit, never how many. */
        say(st, WW_STAFF_BAD, "Onjuiste pincode");
        break;
    case WW_PIN_LOCKED:
    case WW_PIN_NOT_SET:
        pin_prompt(st, env);
        break;
    }
}

static void entry_add(char *buf, size_t size, const char *text)
{
    size_t used = strlen(buf);
    for (const char *p = text; *p && used + 1 < size; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f)
            continue; /* control characters of a scanner */
        buf[used++] = (char)c;
    }
    buf[used] = '\0';
}

static void after_change(struct ww_staff *st, const struct ww_staff_env *env)
{
    st->effects |= WW_STAFF_FX_CHANGED;
    ww_staff_refresh(st, env);
}

static void report_err(struct ww_staff *st, enum ww_err e)
{
    if (e == WW_ERR_BUSY || e == WW_ERR_IO || e == WW_ERR_UNAVAILABLE)
        say(st, WW_STAFF_BAD, "Niet opgeslagen: de gegevens zijn nu niet bereikbaar (%s).",
            ww_strerror(e));
    else
        say(st, WW_STAFF_BAD, "Niet opgeslagen (%s).", ww_strerror(e));
}

static void mark_absent(struct ww_staff *st, const struct ww_staff_env *env, size_t p)
{
    /* The bookings as they were: a partner added for the day leaves the
     * list when marked absent, its residents still need help. */
    const char *id = env->ctx->cfg->partners[p].id;
    const struct ww_staff_row *before = ww_staff_day_row(env->ctx->cfg, &st->day, id);
    int booked = before ? before->bookings : 0;
    struct ww_staff_who w = who(env);
    enum ww_err e = ww_staff_absent(env->ctx, &w, p);
    if (e == WW_ERR_ALREADY) {
        say(st, WW_STAFF_INFO, "%s is vandaag al niet hier.", pname(env, p));
        return;
    }
    if (e != WW_OK) {
        report_err(st, e);
        return;
    }
    after_change(st, env);
    if (booked > 0) {
        /* Whom to help at the counter comes right away. */
        st->mode = WW_STAFF_BOOKINGS;
        ww_strlcpy(st->partner, id, sizeof st->partner);
        say(st, WW_STAFF_BAD, "%s is vandaag afwezig. Help deze bezoekers aan de balie.",
            pname(env, p));
    } else {
        say(st, WW_STAFF_GOOD, "%s is vandaag afwezig. Er waren geen afspraken.", pname(env, p));
    }
}

static void set_row(struct ww_staff *st, const struct ww_staff_env *env, size_t p, int from, int to,
                    int desks, const char *room, const char *done)
{
    struct ww_staff_who w = who(env);
    enum ww_err e = ww_staff_set(env->ctx, &w, p, from, to, desks, room);
    if (e != WW_OK) {
        report_err(st, e);
        return;
    }
    after_change(st, env);
    char f[6], t[6];
    ww_minute_format(from, f);
    ww_minute_format(to, t);
    say(st, WW_STAFF_GOOD, "%s %s: %s tot %s, %d %s.", pname(env, p), done, f, t, desks,
        desks == 1 ? "balie" : "balies");
}

/* Hours for a partner added today: from the next quarter hour (or opening)
 * to closing time. */
static void add_hours(const struct ww_staff_env *env, int *from, int *to)
{
    ww_day d;
    int now;
    ww_clock_local(env->ctx->clock, &d, &now);
    int lo, hi;
    bounds(env->ctx->loc, d, &lo, &hi);
    int f = quarter(now, +1);
    if (f < lo)
        f = lo;
    if (f > hi - 60)
        f = hi - 60;
    if (f < 0)
        f = 0;
    *from = f;
    *to = hi > f ? hi : f + 60;
}

enum ww_checkin_result ww_staff_checkin(const struct ww_booking_ctx *ctx,
                                        const struct ww_staff_who *w, const char *text,
                                        struct ww_booking *b, enum ww_err *err)
{
    *err = WW_OK;
    struct ww_code_input in;
    char buf[WW_STAFF_ENTRY];
    ww_strlcpy(buf, text, sizeof buf);
    if (!ww_code_parse(ww_trim(buf), &in))
        return WW_CHECKIN_NOT_CODE;
    ww_day today;
    int minute;
    ww_clock_local(ctx->clock, &today, &minute);
    enum ww_err e;
    if (in.kind == WW_CODE_QR) {
        /* On a shared store the check part finds another location's
         * booking too: the QR's location and the booking's must both be
         * this one. */
        e = ww_store_find_check(ctx->store, in.check, b);
        if (e == WW_ERR_NOT_FOUND || (e == WW_OK && (strcmp(b->location, in.location) != 0 ||
                                                     strcmp(b->location, ctx->loc->id) != 0)))
            return WW_CHECKIN_FOREIGN;
    } else {
        e = ww_store_find_ticket(ctx->store, ctx->loc->id, today, in.ticket, b);
        if (e == WW_ERR_NOT_FOUND) {
            ww_strlcpy(b->ticket, in.ticket, sizeof b->ticket);
            return WW_CHECKIN_NO_TICKET;
        }
    }
    if (e != WW_OK) {
        *err = e;
        return WW_CHECKIN_STORE;
    }
    if (b->day != today)
        return WW_CHECKIN_OTHER_DAY;
    e = ww_store_checkin(ctx->store, b->id, ww_clock_now(ctx->clock));
    if (e == WW_ERR_ALREADY)
        return WW_CHECKIN_ALREADY;
    if (e != WW_OK) {
        *err = e;
        return WW_CHECKIN_STORE;
    }
    struct ww_audit a;
    struct ww_staff_who at = {w->role, today};
    audit_of(ctx, &at, "checkin", b->ticket, &a);
    e = ww_store_audit(ctx->store, &a);
    if (e != WW_OK)
        ww_warn("check-in of %s recorded, its audit entry not: %s", b->ticket, ww_strerror(e));
    return WW_CHECKIN_OK;
}

static void do_checkin(struct ww_staff *st, const struct ww_staff_env *env)
{
    const struct ww_booking_ctx *ctx = env->ctx;
    char text[WW_STAFF_ENTRY];
    ww_strlcpy(text, st->entry, sizeof text);
    st->entry[0] = '\0';
    struct ww_booking b;
    memset(&b, 0, sizeof b);
    enum ww_err e;
    struct ww_staff_who w = who(env);
    enum ww_checkin_result r = ww_staff_checkin(ctx, &w, text, &b, &e);
    char t[6];
    ww_minute_format(b.start, t);
    const struct ww_partner *p = ww_config_partner(ctx->cfg, b.partner, NULL);
    const char *name = p ? p->name : b.partner;
    char iso[11];
    switch (r) {
    case WW_CHECKIN_NOT_CODE:
        say(st, WW_STAFF_BAD, "Dit is geen ticketnummer of QR-code van een ticket.");
        return;
    case WW_CHECKIN_FOREIGN:
        say(st, WW_STAFF_BAD, "Deze QR-code hoort bij geen ticket van deze locatie.");
        return;
    case WW_CHECKIN_NO_TICKET:
        say(st, WW_STAFF_BAD, "Geen ticket %s vandaag.", b.ticket);
        return;
    case WW_CHECKIN_STORE:
        report_err(st, e);
        return;
    case WW_CHECKIN_OTHER_DAY:
        ww_day_format(b.day, iso);
        say(st, WW_STAFF_BAD, "Ticket %s is voor %s, niet voor vandaag.", b.ticket, iso);
        return;
    case WW_CHECKIN_ALREADY:
        say(st, WW_STAFF_INFO, "%s (%s, %s) was al aangemeld.", b.ticket, t, name);
        return;
    case WW_CHECKIN_OK:
        say(st, WW_STAFF_GOOD, "%s (%s, %s) is aangemeld.", b.ticket, t, name);
        ww_staff_refresh(st, env);
        return;
    }
}

static void do_reprint(struct ww_staff *st, const struct ww_staff_env *env)
{
    struct ww_booking *b = NULL;
    size_t n = 0;
    enum ww_err e = ww_store_bookings(env->ctx->store, env->ctx->loc->id, today_of(env), &b, &n);
    if (e != WW_OK) {
        report_err(st, e);
        return;
    }
    const struct ww_booking *last = ww_staff_last_ticket(b, n);
    if (!last) {
        say(st, WW_STAFF_INFO, "Er is vandaag nog geen ticket geprint.");
    } else {
        st->reprint = *last;
        st->effects |= WW_STAFF_FX_REPRINT;
        struct ww_audit a;
        struct ww_staff_who w = who(env);
        audit_of(env->ctx, &w, "reprint", last->ticket, &a);
        ww_store_audit(env->ctx->store, &a);
        say(st, WW_STAFF_INFO, "Ticket %s is opnieuw naar de printer gestuurd.", last->ticket);
    }
    free(b);
}

/* "absent:ID" -> partner index of ID after the prefix. */
static bool partner_arg(const struct ww_staff_env *env, const char *target, const char *prefix,
                        size_t *p)
{
    size_t n = strlen(prefix);
    if (strncmp(target, prefix, n) != 0)
        return false;
    return ww_config_partner(env->ctx->cfg, target + n, p) != NULL;
}

static void main_tap(struct ww_staff *st, const struct ww_staff_env *env, const char *target,
                     const char *confirm)
{
    const struct ww_config *cfg = env->ctx->cfg;
    size_t p;
    if (strcmp(target, "staff:add") == 0) {
        st->mode = WW_STAFF_ADD;
        st->message[0] = '\0';
        return;
    }
    if (strcmp(target, "staff:undo") == 0) {
        char partner[WW_ID_SIZE];
        struct ww_staff_who w = who(env);
        enum ww_err e = ww_staff_undo_last(env->ctx, &w, partner);
        if (e == WW_ERR_ALREADY) {
            say(st, WW_STAFF_INFO, "Er is vandaag niets om terug te zetten.");
            return;
        }
        if (e != WW_OK) {
            report_err(st, e);
            return;
        }
        after_change(st, env);
        const struct ww_partner *pp = ww_config_partner(cfg, partner, NULL);
        say(st, WW_STAFF_GOOD, "Teruggezet: de laatste wijziging van %s.", pp ? pp->name : partner);
        return;
    }
    if (strcmp(target, "staff:checkin") == 0) {
        st->mode = WW_STAFF_CHECKIN;
        st->entry[0] = '\0';
        /* The screen says what to do, once; the message is for results. */
        st->message[0] = '\0';
        st->tone = WW_STAFF_INFO;
        return;
    }
    if (strcmp(target, "staff:reprint") == 0) {
        do_reprint(st, env);
        return;
    }
    if (strcmp(target, "staff:refresh") == 0) {
        ww_staff_refresh(st, env);
        return;
    }
    if (partner_arg(env, target, "absent:", &p)) {
        if (strcmp(confirm, cfg->partners[p].id) == 0)
            mark_absent(st, env, p);
        else
            ww_strlcpy(st->confirm, cfg->partners[p].id, sizeof st->confirm);
        return;
    }
    if (partner_arg(env, target, "bookings:", &p)) {
        st->mode = WW_STAFF_BOOKINGS;
        ww_strlcpy(st->partner, cfg->partners[p].id, sizeof st->partner);
        st->message[0] = '\0';
        return;
    }
    if (partner_arg(env, target, "present:", &p)) {
        const struct ww_staff_row *r = ww_staff_day_row(cfg, &st->day, cfg->partners[p].id);
        if (!r || r->present)
            return;
        int from = r->time[0], to = r->time[1];
        if (to <= from)
            add_hours(env, &from, &to); /* no usual hours: from now on */
        set_row(st, env, p, from, to, r->desks > 0 ? r->desks : 1, r->room, "is er vandaag toch");
        return;
    }
    const char *colon = strchr(target, ':');
    if (!colon || (size_t)(colon - target) >= 8)
        return;
    char what[8];
    memcpy(what, target, (size_t)(colon - target));
    what[colon - target] = '\0';
    if (!ww_config_partner(cfg, colon + 1, &p))
        return;
    const struct ww_staff_row *r = ww_staff_day_row(cfg, &st->day, colon + 1);
    if (!r || !r->present)
        return;
    int from, to, desks;
    if (!ww_staff_step(env->ctx->loc, st->day.day, r, what, &from, &to, &desks)) {
        say(st, WW_STAFF_INFO, "Dat kan niet verder.");
        return;
    }
    set_row(st, env, p, from, to, desks, r->room, "aangepast");
}

static void pin_tap(struct ww_staff *st, const struct ww_staff_env *env, const char *target)
{
    if (strncmp(target, "pin:", 4) != 0)
        return;
    const char *k = target + 4;
    if (k[0] >= '0' && k[0] <= '9' && !k[1])
        ww_staff_key(st, env, k[0]);
    else if (strcmp(k, "erase") == 0)
        ww_staff_key(st, env, '\b');
    else if (strcmp(k, "ok") == 0)
        ww_staff_key(st, env, '\n');
}

void ww_staff_tap(struct ww_staff *st, const struct ww_staff_env *env, const char *target)
{
    st->effects = 0;
    if (st->mode == WW_STAFF_CLOSED)
        return;
    st->last_input = now_of(env);
    st->effects |= WW_STAFF_FX_REDRAW;
    /* "Afwezig melden" asks once, on the button itself: the second tap on
     * it marks the partner absent, any other tap forgets the question. */
    char confirm[WW_ID_SIZE];
    ww_strlcpy(confirm, st->confirm, sizeof confirm);
    st->confirm[0] = '\0';
    if (strcmp(target, "staff:close") == 0) {
        ww_info("staff: closed");
        ww_staff_close(st);
        return;
    }
    if (strcmp(target, "staff:back") == 0) {
        if (st->mode == WW_STAFF_PIN) {
            ww_staff_close(st);
            return;
        }
        st->mode = WW_STAFF_MAIN;
        st->entry[0] = '\0';
        st->message[0] = '\0';
        return;
    }
    switch (st->mode) {
    case WW_STAFF_PIN:
        pin_tap(st, env, target);
        break;
    case WW_STAFF_ADD: {
        size_t p;
        if (partner_arg(env, target, "add:", &p)) {
            int from, to;
            add_hours(env, &from, &to);
            st->mode = WW_STAFF_MAIN;
            set_row(st, env, p, from, to, 1, NULL, "is toegevoegd");
        }
        break;
    }
    case WW_STAFF_CHECKIN:
        if (strncmp(target, "key:", 4) == 0) {
            const char *k = target + 4;
            if (strcmp(k, "erase") == 0)
                ww_staff_key(st, env, '\b');
            else if (strcmp(k, "ok") == 0)
                ww_staff_key(st, env, '\n');
            else if (k[0] && !k[1])
                ww_staff_key(st, env, k[0]);
            break;
        }
        main_tap(st, env, target, confirm);
        break;
    case WW_STAFF_MAIN:
    case WW_STAFF_BOOKINGS:
        main_tap(st, env, target, confirm);
        break;
    case WW_STAFF_CLOSED:
        break;
    }
}

void ww_staff_key(struct ww_staff *st, const struct ww_staff_env *env, int key)
{
    unsigned keep = st->effects & (WW_STAFF_FX_CHANGED | WW_STAFF_FX_REPRINT | WW_STAFF_FX_CLOSED);
    st->effects = keep | WW_STAFF_FX_REDRAW;
    if (st->mode == WW_STAFF_CLOSED) {
        st->effects = keep;
        return;
    }
    st->last_input = now_of(env);
    if (key)
        st->confirm[0] = '\0'; /* a key answers no to "Zeker?" */
    if (key == 27) {
        ww_staff_tap(st, env, "staff:back");
        return;
    }
    if (st->mode == WW_STAFF_PIN) {
        if (key >= '0' && key <= '9') {
            if (st->pin_len < (int)sizeof st->pin - 1) {
                st->pin[st->pin_len++] = (char)key;
                st->pin[st->pin_len] = '\0';
            }
        } else if (key == '\b') {
            if (st->pin_len > 0)
                st->pin[--st->pin_len] = '\0';
        } else if (key == '\n') {
            if (st->pin_len > 0)
                pin_ok(st, env);
            else
                pin_prompt(st, env);
        }
        return;
    }
    if (key == '\b') {
        size_t n = strlen(st->entry);
        if (n)
            st->entry[n - 1] = '\0';
        return;
    }
    if (key == '\n') {
        if (st->entry[0])
            do_checkin(st, env);
        return;
    }
    if ((key >= '0' && key <= '9') || (key >= 'A' && key <= 'Z') || (key >= 'a' && key <= 'z') ||
        key == '-' || key == ':') {
        char one[2] = {(char)key, '\0'};
        ww_staff_text(st, env, one);
    }
}

void ww_staff_text(struct ww_staff *st, const struct ww_staff_env *env, const char *text)
{
    st->effects = WW_STAFF_FX_REDRAW;
    if (st->mode == WW_STAFF_CLOSED) {
        st->effects = 0;
        return;
    }
    st->last_input = now_of(env);
    if (st->mode == WW_STAFF_PIN) {
        for (const char *p = text; *p; p++)
            if (*p >= '0' && *p <= '9' && st->pin_len < (int)sizeof st->pin - 1) {
                st->pin[st->pin_len++] = *p;
                st->pin[st->pin_len] = '\0';
            }
        return;
    }
    if (st->mode != WW_STAFF_CHECKIN) {
        /* A scan on any staff screen starts a check-in. */
        st->mode = WW_STAFF_CHECKIN;
        st->entry[0] = '\0';
        st->message[0] = '\0';
    }
    entry_add(st->entry, sizeof st->entry, text);
}

void ww_staff_tick(struct ww_staff *st, const struct ww_staff_env *env)
{
    st->effects = 0;
    if (st->mode == WW_STAFF_CLOSED)
        return;
    int64_t idle = now_of(env) - st->last_input;
    if (idle >= WW_STAFF_IDLE_SECONDS) {
        ww_info("staff: closed after %d s without input", WW_STAFF_IDLE_SECONDS);
        ww_staff_close(st);
        return;
    }
    if (st->mode == WW_STAFF_PIN && st->lock_shown > 0 &&
        ww_staff_locked_minutes(st, env) != st->lock_shown) {
        /* The lock's minutes count down on screen. */
        pin_prompt(st, env);
        st->effects |= WW_STAFF_FX_REDRAW;
    }
}

int ww_staff_next_deadline(const struct ww_staff *st, const struct ww_staff_env *env)
{
    if (st->mode == WW_STAFF_CLOSED)
        return -1;
    int64_t left = st->last_input + WW_STAFF_IDLE_SECONDS - now_of(env);
    if (left < 0)
        left = 0;
    if (st->mode == WW_STAFF_PIN && st->lock_shown > 0) {
        /* Due when the minutes on screen are no longer right. */
        int m = ww_staff_locked_minutes(st, env);
        if (m != st->lock_shown)
            return 0;
        int next = ww_pin_locked_for(&st->guard, env->ctx->clock) - 60 * (m - 1);
        if (next < left)
            left = next;
    }
    return (int)left;
}
