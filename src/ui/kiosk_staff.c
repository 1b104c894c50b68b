#include "ui/kiosk_staff.h"
#include "core/err.h"

#include "core/log.h"
#include "core/pin.h"
#include "core/str.h"
#include "core/i18n.h"
#include "core/ticket.h"
#include "ui/input.h"
#include "ui/kiosk_impl.h"
#include "ui/staff.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The state file's hash; a pin_hash in the location file only when there is
 * none (installations from before the state file). */
static void load_pin(struct ww_kiosk *k, char *hash)
{
    ww_pin_load(k->app.state_dir, k->app.loc->id, k->app.loc->pin_hash, hash, WW_PIN_HASH_SIZE);
}

void ww_kiosk_staff_start(struct ww_kiosk *k)
{
    char hash[WW_PIN_HASH_SIZE];
    load_pin(k, hash);
    k->staff = ww_staff_ui_new(&k->bctx, hash);
}

void ww_kiosk_staff_stop(struct ww_kiosk *k)
{
    ww_staff_ui_free(k->staff);
    k->staff = NULL;
}

bool ww_kiosk_staff_is_open(const struct ww_kiosk *k)
{
    return k->staff && ww_staff_ui_is_open(k->staff);
}

/* Print a booking's ticket again on the kiosk's printer: the same ticket as
 * the first print, in the resident's language (the staff screen stays
 * Dutch). The result comes back like any print job. */
static void reprint(struct ww_kiosk *k, const struct ww_booking *bk)
{
    if (!k->printer) {
        ww_staff_ui_printer(k->staff, WW_ERR_UNAVAILABLE, "geen printer");
        return;
    }
    struct ww_ticket *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    struct ww_ticket_source src = {&k->bctx, ww_i18n_tr, NULL, ww_print_worker_width(k->printer),
                                   NULL};
    struct ww_raster r = {0};
    bool ok = ww_ticket_of_booking(t, bk, &src) == WW_OK;
    if (ok)
        ok = k->traster ? ww_ticket_raster_draw(k->traster, t, &r) : ww_ticket_raster_plain(t, &r);
    char name[48];
    ww_ticket_name(bk, name, sizeof name);
    if (!ok || !ww_print_worker_submit(k->printer, bk->id, name, &r))
        ww_staff_ui_printer(k->staff, WW_ERR_UNAVAILABLE, "het ticket kon niet naar de printer");
    ww_raster_destroy(&r);
    free(t);
    if (k->scripted) {
        /* Scripts look at the result right away. */
        struct ww_print_result res;
        for (int i = 0; i < 1500; i++) {
            if (ww_print_worker_poll(k->printer, &res)) {
                ww_ticket_finish(k->app.store, &res);
                ww_kiosk_staff_printed(k, &res);
                break;
            }
            SDL_Delay(10);
        }
    }
}

static void effects(struct ww_kiosk *k, unsigned fx)
{
    if (fx & (WW_STAFF_FX_REDRAW | WW_STAFF_FX_CHANGED | WW_STAFF_FX_OPENED | WW_STAFF_FX_CLOSED))
        k->dirty = true;
    if (fx & WW_STAFF_FX_REPRINT)
        reprint(k, &ww_staff_ui_state(k->staff)->reprint);
    if (fx & WW_STAFF_FX_CLOSED) {
        /* Back to the residents: a fresh attract screen, the idle timer anew. */
        k->last_input = ww_clock_now(&k->app.clock);
        k->last_tick = 0;
    }
}

void ww_kiosk_staff_enter(struct ww_kiosk *k)
{
    if (!k->staff)
        return;
    if (!ww_staff_ui_is_open(k->staff)) {
        /* Nothing of the resident stays under the staff screens: the same
         * wipe as Opnieuw (the visit is counted as ended there). */
        struct ww_action wipe = ww_action_make(WW_ACT_RESTART);
        ww_kiosk_act(k, &wipe);
        /* A PIN set with `staff set-pin` counts from the next entry on,
         * without a restart (one small file read). */
        char hash[WW_PIN_HASH_SIZE];
        load_pin(k, hash);
        ww_staff_ui_set_pin(k->staff, hash);
    }
    effects(k, ww_staff_ui_enter(k->staff));
}

bool ww_kiosk_staff_act(struct ww_kiosk *k, const struct ww_action *a)
{
    if (!ww_kiosk_staff_is_open(k))
        return false;
    if (!ww_action_from_resident(a->kind))
        return false; /* the kiosk's own, not input */
    effects(k, ww_staff_ui_action(k->staff, a, &k->dl));
    return true;
}

bool ww_kiosk_staff_event(struct ww_kiosk *k, const SDL_Event *ev)
{
    if (!ww_kiosk_staff_is_open(k))
        return false;
    bool handled = false;
    unsigned fx = ww_staff_ui_event(k->staff, ev, &k->dl, &handled);
    effects(k, fx);
    return handled;
}

bool ww_kiosk_staff_build(struct ww_kiosk *k)
{
    if (!ww_kiosk_staff_is_open(k))
        return false;
    ww_staff_ui_build(k->staff, &k->env, &k->dl);
    return true;
}

const char *ww_kiosk_staff_focus(const struct ww_kiosk *k)
{
    if (!ww_kiosk_staff_is_open(k))
        return NULL;
    return ww_staff_ui_focus(k->staff);
}

int ww_kiosk_staff_deadline(const struct ww_kiosk *k)
{
    if (!ww_kiosk_staff_is_open(k))
        return -1;
    return ww_staff_ui_deadline(k->staff);
}

void ww_kiosk_staff_tick(struct ww_kiosk *k)
{
    if (ww_kiosk_staff_is_open(k))
        effects(k, ww_staff_ui_tick(k->staff));
}

void ww_kiosk_staff_store_changed(struct ww_kiosk *k)
{
    if (ww_kiosk_staff_is_open(k))
        effects(k, ww_staff_ui_refresh(k->staff));
}

void ww_kiosk_staff_printed(struct ww_kiosk *k, const struct ww_print_result *res)
{
    if (!k->staff)
        return;
    ww_staff_ui_printer(k->staff, res->err, res->err == WW_OK ? "" : res->detail);
    if (ww_kiosk_staff_is_open(k))
        k->dirty = true;
}

void ww_kiosk_store_result(struct ww_kiosk *k, enum ww_err e, bool wrote)
{
    ww_day day;
    int minute;
    ww_clock_local(&k->app.clock, &day, &minute);
    bool down = e == WW_ERR_UNAVAILABLE;
    if (down != (k->store_down != 0)) {
        if (!down) {
            /* Counted for the report once it is over: an outage and its
             * minutes (begun minutes). */
            int64_t secs = ww_clock_now(&k->app.clock) - k->store_down;
            ww_kiosk_store_signal(k, "outage", 1);
            ww_kiosk_store_signal(k, "down", (int)((secs + 59) / 60));
        }
        k->store_down = down ? ww_clock_now(&k->app.clock) : 0;
        if (down)
            ww_warn("kiosk: store not reachable: information only, booking paused");
        else
            ww_info("kiosk: store reachable again: booking possible");
        if (k->staff)
            ww_staff_ui_store_down(k->staff, down ? minute : -1);
        k->dirty = true;
    }
    /* A store that answers but cannot save (read-only, disk full): reads
     * go on working, so only a write that succeeds ends the warning. */
    bool unwritable = e == WW_ERR_IO || (k->store_unwritable && !(wrote && e == WW_OK));
    if (unwritable != k->store_unwritable) {
        k->store_unwritable = unwritable;
        if (!unwritable)
            ww_info("kiosk: store can save again");
        if (k->staff)
            ww_staff_ui_store_unwritable(k->staff, unwritable ? minute : -1);
        k->dirty = true;
    }
}

/* ---- script commands ---- */

static bool three_ints(const char *arg, long *a, long *b, long *c)
{
    char buf[64];
    ww_strlcpy(buf, arg, sizeof buf);
    char *p = ww_trim(buf), *q = strchr(p, ' ');
    if (!q)
        return false;
    *q++ = '\0';
    char *r = strchr(ww_trim(q), ' ');
    if (!r)
        return false;
    *r++ = '\0';
    return ww_parse_int(p, 0, 100000, a) && ww_parse_int(ww_trim(q), 0, 100000, b) &&
           ww_parse_int(ww_trim(r), 0, 600, c);
}

static int hold(struct ww_kiosk *k, const char *arg, char *err, size_t errsize)
{
    long x, y, secs;
    char name[WW_TARGET_SIZE];
    const char *sp = strchr(arg, ' ');
    if (sp && (arg[0] < '0' || arg[0] > '9') && (size_t)(sp - arg) < sizeof name) {
        /* hold TARGET SECONDS: the middle of a control */
        memcpy(name, arg, (size_t)(sp - arg));
        name[sp - arg] = '\0';
        const struct ww_dtarget *t = ww_dlist_find(ww_kiosk_dlist(k), name);
        if (!t || !ww_parse_int(sp + 1, 0, 600, &secs)) {
            ww_fmt(err, errsize, "hold %s: no such target, or not SECONDS", name);
            return 0;
        }
        x = t->r.x + t->r.w / 2;
        y = t->r.y + t->r.h / 2;
    } else if (!three_ints(arg, &x, &y, &secs)) {
        ww_fmt(err, errsize, "hold X Y SECONDS | hold TARGET SECONDS");
        return 0;
    }
    /* The kiosk's own input settings (the corner), timestamps of a press
     * held that long. */
    struct ww_input in;
    ww_input_init(&in, k->input.corner_px);
    const struct ww_dlist *d = ww_kiosk_dlist(k);
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = (int)x;
    ev.button.y = (int)y;
    ev.button.timestamp = SDL_GetTicks();
    struct ww_action a;
    ww_input_event(&in, &ev, d, k->env.w, k->env.h, &a);
    ev.type = SDL_MOUSEBUTTONUP;
    ev.button.timestamp += (Uint32)(secs * 1000);
    enum ww_input_result r = ww_input_event(&in, &ev, d, k->env.w, k->env.h, &a);
    if (r == WW_IN_STAFF)
        ww_kiosk_staff_enter(k);
    else if (r == WW_IN_ACTION)
        ww_kiosk_act(k, &a);
    return 1;
}

static int wait_file(const char *path, char *err, size_t errsize)
{
    struct stat sb;
    for (int i = 0; i < 6000; i++) {
        if (stat(path, &sb) == 0)
            return 1;
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    ww_fmt(err, errsize, "wait-file %s: still not there after 60 s", path);
    return 0;
}

static bool inside(struct ww_rect outer, struct ww_rect r)
{
    return r.x >= outer.x && r.y >= outer.y && r.x + r.w <= outer.x + outer.w &&
           r.y + r.h <= outer.y + outer.h;
}

/* Distance between two rectangles that do not overlap (0 when they do). */
static double apart(struct ww_rect a, struct ww_rect b)
{
    int dx = 0, dy = 0;
    if (a.x + a.w <= b.x)
        dx = b.x - (a.x + a.w);
    else if (b.x + b.w <= a.x)
        dx = a.x - (b.x + b.w);
    if (a.y + a.h <= b.y)
        dy = b.y - (a.y + a.h);
    else if (b.y + b.h <= a.y)
        dy = a.y - (b.y + b.h);
    return dx > dy ? dx : dy;
}

/* The staff screen on display meets the rules of the residents' screens:
 * targets of 20 mm at least 2.5 mm apart, texts inside their boxes and on
 * the screen, text contrast of the theme. First problem into err. */
static int check_screen(struct ww_kiosk *k, char *err, size_t errsize)
{
    if (!ww_kiosk_staff_is_open(k)) {
        ww_fmt(err, errsize, "staff-check: the staff screens are not open");
        return 0;
    }
    const struct ww_dlist *d = ww_kiosk_dlist(k);
    struct ww_layout L;
    ww_layout_init(&L, &k->env.geom, k->env.w, k->env.h, 0, false, false);
    struct ww_rect screen = {0, 0, L.w, L.h};
    double min_px = WW_TARGET_MIN_MM * L.ppm - 0.5, gap_px = WW_GAP_MIN_MM * L.ppm - 0.5;
    for (size_t i = 0; i < d->n_targets; i++) {
        const struct ww_dtarget *t = &d->targets[i];
        if (t->r.w < min_px || t->r.h < min_px) {
            ww_fmt(err, errsize, "%s: target %s is %.1f x %.1f mm (< 20 mm)", d->screen, t->name,
                   ww_px_mm(&L, t->r.w), ww_px_mm(&L, t->r.h));
            return 0;
        }
        if (!inside(screen, t->r) || !t->label[0]) {
            ww_fmt(err, errsize, "%s: target %s leaves the screen or has no label", d->screen,
                   t->name);
            return 0;
        }
        for (size_t j = i + 1; j < d->n_targets; j++) {
            double gap = apart(t->r, d->targets[j].r);
            if (gap < gap_px) {
                ww_fmt(err, errsize, "%s: targets %s and %s are %.1f mm apart", d->screen, t->name,
                       d->targets[j].name, ww_px_mm(&L, (int)gap));
                return 0;
            }
        }
    }
    const struct ww_theme *th = d->theme ? d->theme : ww_theme_get(false);
    for (size_t i = 0; i < d->n; i++) {
        const struct ww_dcmd *c = &d->cmds[i];
        if (c->kind != WW_D_TEXT || !c->text[0])
            continue;
        if (c->overflow || !inside(c->clip, c->r) || !inside(screen, c->r)) {
            ww_fmt(err, errsize, "%s: text \"%.40s\" does not fit its box", d->screen, c->text);
            return 0;
        }
        double ratio = ww_contrast_ratio(th->c[c->role], th->c[c->bg]);
        if (ratio < th->min_text) {
            ww_fmt(err, errsize, "%s: text \"%.40s\" has contrast %.2f", d->screen, c->text, ratio);
            return 0;
        }
    }
    return 1;
}

int ww_kiosk_staff_script(struct ww_kiosk *k, const char *cmd, const char *arg, char *err,
                          size_t errsize)
{
    err[0] = '\0';
    if (strcmp(cmd, "staff-check") == 0)
        return check_screen(k, err, errsize);
    if (strcmp(cmd, "hold") == 0)
        return hold(k, arg, err, errsize);
    if (strcmp(cmd, "wait-file") == 0)
        return wait_file(arg, err, errsize);
    if (strcmp(cmd, "touch-file") == 0) {
        FILE *f = fopen(arg, "w");
        if (!f) {
            ww_fmt(err, errsize, "touch-file %s: %s", arg, ww_errno_text(errno));
            return 0;
        }
        fclose(f);
        return 1;
    }
    if (strcmp(cmd, "type") == 0) {
        if (!ww_kiosk_staff_is_open(k)) {
            ww_fmt(err, errsize, "type: the staff screens are not open");
            return 0;
        }
        effects(k, ww_staff_ui_text(k->staff, arg));
        return 1;
    }
    if (strcmp(cmd, "key") == 0 && ww_kiosk_staff_is_open(k)) {
        SDL_Keycode key = SDL_GetKeyFromName(arg);
        if (key == SDLK_UNKNOWN) {
            ww_fmt(err, errsize, "key '%s': no such key", arg);
            return 0;
        }
        effects(k, ww_staff_ui_key(k->staff, key, ww_kiosk_dlist(k)));
        return 1;
    }
    return -1;
}
