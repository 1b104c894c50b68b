#include "ui/staff.h"

#include "core/log.h"
#include "core/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ww_staff_ui {
    struct ww_staff st;
    struct ww_booking_ctx ctx;
    char pin_hash[WW_PIN_HASH_SIZE];
    struct ww_staff_env env;
    char focus[WW_TARGET_SIZE];
    int store_down;       /* local minute the store stopped answering; -1 when it answers */
    int store_unwritable; /* local minute the store could not save; -1 when it saves */
    enum ww_err printer_err;
    bool printer_known;
    char printer_detail[160];
    size_t first_row;  /* the first partner on screen (paging) */
    size_t shown_rows; /* how many fit on the last build */
};

struct ww_staff_ui *ww_staff_ui_new(const struct ww_booking_ctx *ctx, const char *pin_hash)
{
    struct ww_staff_ui *u = calloc(1, sizeof *u);
    if (!u)
        abort();
    ww_staff_init(&u->st);
    u->ctx = *ctx;
    ww_strlcpy(u->pin_hash, pin_hash ? pin_hash : "", sizeof u->pin_hash);
    u->env.ctx = &u->ctx;
    u->env.pin_hash = u->pin_hash;
    u->store_down = -1;
    u->store_unwritable = -1;
    return u;
}

void ww_staff_ui_set_pin(struct ww_staff_ui *u, const char *pin_hash)
{
    ww_strlcpy(u->pin_hash, pin_hash ? pin_hash : "", sizeof u->pin_hash);
}

void ww_staff_ui_free(struct ww_staff_ui *u)
{
    free(u);
}

bool ww_staff_ui_is_open(const struct ww_staff_ui *u)
{
    return u && u->st.mode != WW_STAFF_CLOSED;
}

const struct ww_staff *ww_staff_ui_state(const struct ww_staff_ui *u)
{
    return &u->st;
}

const char *ww_staff_ui_focus(const struct ww_staff_ui *u)
{
    return u->focus;
}

static unsigned done(struct ww_staff_ui *u)
{
    if (u->st.effects & (WW_STAFF_FX_CLOSED | WW_STAFF_FX_OPENED)) {
        u->focus[0] = '\0';
        u->first_row = 0;
    }
    return u->st.effects;
}

unsigned ww_staff_ui_enter(struct ww_staff_ui *u)
{
    ww_staff_open(&u->st, &u->env);
    return done(u);
}

static void move_focus(struct ww_staff_ui *u, const struct ww_dlist *d, int dir)
{
    if (!d || d->n_targets == 0)
        return;
    int n = (int)d->n_targets, at = -1;
    for (int i = 0; i < n; i++)
        if (strcmp(d->targets[i].name, u->focus) == 0)
            at = i;
    if (at < 0)
        at = dir > 0 ? 0 : n - 1;
    else
        at = (at + dir + n) % n;
    ww_strlcpy(u->focus, d->targets[at].name, sizeof u->focus);
}

static bool focus_on_screen(const struct ww_staff_ui *u, const struct ww_dlist *d)
{
    return u->focus[0] && d && ww_dlist_find(d, u->focus) != NULL;
}

/* A tap: paging is the screen's own, everything else the staff state's. */
static void tap(struct ww_staff_ui *u, const char *target)
{
    if (strcmp(target, "staff:more") == 0 && u->st.mode == WW_STAFF_MAIN) {
        u->first_row += u->shown_rows;
        if (u->first_row >= u->st.day.n)
            u->first_row = 0;
        ww_staff_key(&u->st, &u->env, 0); /* activity, redraw */
        return;
    }
    ww_staff_tap(&u->st, &u->env, target);
}

unsigned ww_staff_ui_action(struct ww_staff_ui *u, const struct ww_action *a,
                            const struct ww_dlist *d)
{
    u->st.effects = 0;
    switch (a->kind) {
    case WW_ACT_TAP:
        tap(u, a->target);
        break;
    case WW_ACT_BACK:
        ww_staff_key(&u->st, &u->env, 27);
        break;
    case WW_ACT_NEXT_FOCUS:
    case WW_ACT_PREV_FOCUS:
        move_focus(u, d, a->kind == WW_ACT_NEXT_FOCUS ? 1 : -1);
        ww_staff_key(&u->st, &u->env, 0); /* activity */
        break;
    case WW_ACT_ACTIVATE:
        if (focus_on_screen(u, d)) {
            char t[WW_TARGET_SIZE];
            ww_strlcpy(t, u->focus, sizeof t);
            tap(u, t);
        } else {
            ww_staff_key(&u->st, &u->env, '\n');
        }
        break;
    default:
        break;
    }
    return done(u);
}

unsigned ww_staff_ui_key(struct ww_staff_ui *u, SDL_Keycode key, const struct ww_dlist *d)
{
    struct ww_action a;
    switch (key) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        /* Enter confirms what was typed; with nothing typed it presses the
         * focused button. */
        if ((u->st.mode == WW_STAFF_PIN && u->st.pin_len > 0) ||
            (u->st.mode == WW_STAFF_CHECKIN && u->st.entry[0]) || !focus_on_screen(u, d)) {
            u->st.effects = 0;
            ww_staff_key(&u->st, &u->env, '\n');
            return done(u);
        }
        a = ww_action_make(WW_ACT_ACTIVATE);
        return ww_staff_ui_action(u, &a, d);
    case SDLK_BACKSPACE:
    case SDLK_KP_BACKSPACE:
        u->st.effects = 0;
        ww_staff_key(&u->st, &u->env, '\b');
        return done(u);
    case SDLK_ESCAPE:
        u->st.effects = 0;
        ww_staff_key(&u->st, &u->env, 27);
        return done(u);
    default:
        break;
    }
    if (key >= SDLK_0 && key <= SDLK_9) {
        u->st.effects = 0;
        ww_staff_key(&u->st, &u->env, (int)('0' + (key - SDLK_0)));
        return done(u);
    }
    if (key >= SDLK_a && key <= SDLK_z) {
        u->st.effects = 0;
        ww_staff_key(&u->st, &u->env, (int)('A' + (key - SDLK_a)));
        return done(u);
    }
    if (key == SDLK_MINUS) {
        u->st.effects = 0;
        ww_staff_key(&u->st, &u->env, '-');
        return done(u);
    }
    /* The keypad's digits type in the PIN pad and check-in; elsewhere they
     * move the focus like on the residents' screens. */
    if (key >= SDLK_KP_1 && key <= SDLK_KP_0 &&
        (u->st.mode == WW_STAFF_PIN || u->st.mode == WW_STAFF_CHECKIN)) {
        int digit = key == SDLK_KP_0 ? 0 : (int)(key - SDLK_KP_1) + 1;
        u->st.effects = 0;
        ww_staff_key(&u->st, &u->env, '0' + digit);
        return done(u);
    }
    switch (key) {
    case SDLK_TAB:
    case SDLK_DOWN:
    case SDLK_RIGHT:
    case SDLK_KP_2:
    case SDLK_KP_6:
        a = ww_action_make(WW_ACT_NEXT_FOCUS);
        return ww_staff_ui_action(u, &a, d);
    case SDLK_UP:
    case SDLK_LEFT:
    case SDLK_KP_8:
    case SDLK_KP_4:
        a = ww_action_make(WW_ACT_PREV_FOCUS);
        return ww_staff_ui_action(u, &a, d);
    case SDLK_SPACE:
    case SDLK_KP_5:
        a = ww_action_make(WW_ACT_ACTIVATE);
        return ww_staff_ui_action(u, &a, d);
    default:
        u->st.effects = 0;
        ww_staff_key(&u->st, &u->env, 0); /* activity only */
        return done(u);
    }
}

unsigned ww_staff_ui_text(struct ww_staff_ui *u, const char *text)
{
    ww_staff_text(&u->st, &u->env, text);
    return done(u);
}

unsigned ww_staff_ui_event(struct ww_staff_ui *u, const SDL_Event *ev, const struct ww_dlist *d,
                           bool *handled)
{
    *handled = false;
    if (!ww_staff_ui_is_open(u))
        return 0;
    if (ev->type == SDL_TEXTINPUT) {
        *handled = true;
        return ww_staff_ui_text(u, ev->text.text);
    }
    if (ev->type != SDL_KEYDOWN)
        return 0;
    *handled = true;
    if (ev->key.repeat)
        return 0; /* a held key is one press */
    SDL_Keycode key = ev->key.keysym.sym;
    /* Printable keys arrive as text too (keyboards, barcode scanners): take
     * them from the text event only, so nothing is typed twice. */
    bool printable = (key >= SDLK_0 && key <= SDLK_9) || (key >= SDLK_a && key <= SDLK_z) ||
                     key == SDLK_MINUS || key == SDLK_SPACE;
    if (printable && SDL_IsTextInputActive())
        return 0;
    if (key >= SDLK_KP_1 && key <= SDLK_KP_0 && SDL_IsTextInputActive() &&
        (SDL_GetModState() & KMOD_NUM) &&
        (u->st.mode == WW_STAFF_PIN || u->st.mode == WW_STAFF_CHECKIN))
        return 0;
    return ww_staff_ui_key(u, key, d);
}

unsigned ww_staff_ui_tick(struct ww_staff_ui *u)
{
    ww_staff_tick(&u->st, &u->env);
    return done(u);
}

int ww_staff_ui_deadline(const struct ww_staff_ui *u)
{
    return ww_staff_next_deadline(&u->st, &u->env);
}

unsigned ww_staff_ui_refresh(struct ww_staff_ui *u)
{
    u->st.effects = 0;
    if (u->st.mode == WW_STAFF_CLOSED || u->st.mode == WW_STAFF_PIN)
        return 0;
    ww_staff_refresh(&u->st, &u->env);
    return done(u);
}

void ww_staff_ui_store_down(struct ww_staff_ui *u, int since_minute)
{
    u->store_down = since_minute;
}

void ww_staff_ui_store_unwritable(struct ww_staff_ui *u, int since_minute)
{
    u->store_unwritable = since_minute;
}

void ww_staff_ui_printer(struct ww_staff_ui *u, enum ww_err err, const char *detail)
{
    u->printer_known = true;
    u->printer_err = err;
    ww_strlcpy(u->printer_detail, detail ? detail : "", sizeof u->printer_detail);
}

/* ---- drawing ---- */

struct sb {
    struct ww_staff_ui *u;
    const struct ww_screen_env *env;
    struct ww_dlist *d;
    struct ww_layout L;
    const struct ww_theme *th;
    int key; /* a keypad key / stepper, >= 20 mm */
    int x0, x1, y;
};

static struct ww_text_style style(const struct sb *b, int px, bool bold, enum ww_role fg, int w,
                                  enum ww_text_align align)
{
    struct ww_text_style st = {0};
    struct ww_rgb c = b->th->c[fg];
    st.px = px;
    st.bold = bold;
    st.color = (SDL_Color){c.r, c.g, c.b, 255};
    st.max_w = w > 1 ? w : 1;
    st.align = align;
    return st;
}

/* A text in box r (h 0: as tall as it is; else centred vertically).
 * Returns its height. */
static int text(struct sb *b, const char *s, int px, bool bold, enum ww_role fg, enum ww_role bg,
                struct ww_rect r, enum ww_text_align align)
{
    if (!s || !*s)
        return 0;
    struct ww_text_style st = style(b, px, bold, fg, r.w, align);
    struct ww_text_box tb = {0};
    ww_text_cache_measure(b->env->texts, s, &st, &tb);
    int x = r.x;
    if (align == WW_TEXT_CENTER)
        x = r.x + (r.w - tb.w) / 2;
    else if (align == WW_TEXT_END)
        x = r.x + r.w - tb.w;
    int y = r.h > 0 ? r.y + (r.h - tb.h) / 2 : r.y;
    struct ww_dcmd *c = ww_dlist_add(b->d, WW_D_TEXT, (struct ww_rect){x, y, tb.w, tb.h}, fg);
    c->text = ww_dlist_str(b->d, s);
    c->st = st;
    c->bg = bg;
    c->clip = r;
    if (r.h <= 0)
        c->clip.h = tb.h;
    c->overflow = tb.overflow || tb.w > r.w || (r.h > 0 && tb.h > r.h);
    return tb.h;
}

enum look { LK_NORMAL, LK_PRIMARY, LK_WARN, LK_ON };

static void button(struct sb *b, const char *name, const char *label, struct ww_rect r,
                   enum look lk, int px)
{
    enum ww_role fill = WW_C_BUTTON, fg = WW_C_BUTTON_TEXT, edge = WW_C_BUTTON_EDGE;
    int thick = b->L.edge;
    if (lk == LK_PRIMARY) {
        fill = edge = WW_C_PRIMARY;
        fg = WW_C_PRIMARY_TEXT;
        thick = 0;
    } else if (lk == LK_WARN) {
        fill = WW_C_URGENT;
        fg = WW_C_URGENT_TEXT;
        edge = WW_C_URGENT_EDGE;
    } else if (lk == LK_ON) {
        fill = WW_C_MARK;
        fg = WW_C_MARK_TEXT;
        thick = b->L.edge * 2;
    }
    struct ww_dcmd *c = ww_dlist_add(b->d, WW_D_RECT, r, fill);
    c->radius = b->L.radius;
    if (thick > 0) {
        c = ww_dlist_add(b->d, WW_D_FRAME, r, edge);
        c->radius = b->L.radius;
        c->thick = thick;
    }
    int pad = ww_mm(&b->L, 2);
    text(b, label, px, true, fg, fill, (struct ww_rect){r.x + pad, r.y, r.w - 2 * pad, r.h},
         WW_TEXT_CENTER);
    ww_dlist_target(b->d, name, r, label);
}

/* A line of text across the content column; moves y down. */
static void line(struct sb *b, const char *s, int px, bool bold, enum ww_role fg)
{
    int h = text(b, s, px, bold, fg, WW_C_BG, (struct ww_rect){b->x0, b->y, b->x1 - b->x0, 0},
                 WW_TEXT_START);
    b->y += h + b->L.gap / 2;
}

/* A warning across the content column, as tall as its text; moves y down.
 * Framed as well as coloured: colour is never the only sign. */
static void band(struct sb *b, const char *s)
{
    int pad = ww_mm(&b->L, 3);
    struct ww_text_style ts =
        style(b, b->L.body_px, true, WW_C_URGENT_TEXT, b->x1 - b->x0 - 2 * pad, WW_TEXT_START);
    struct ww_text_box tb = {0};
    ww_text_cache_measure(b->env->texts, s, &ts, &tb);
    struct ww_rect r = {b->x0, b->y, b->x1 - b->x0, tb.h + 2 * pad};
    struct ww_dcmd *c = ww_dlist_add(b->d, WW_D_RECT, r, WW_C_URGENT);
    c->radius = b->L.radius;
    c = ww_dlist_add(b->d, WW_D_FRAME, r, WW_C_URGENT_EDGE);
    c->radius = b->L.radius;
    c->thick = b->L.edge;
    text(b, s, b->L.body_px, true, WW_C_URGENT_TEXT, WW_C_URGENT,
         (struct ww_rect){r.x + pad, r.y + pad, r.w - 2 * pad, 0}, WW_TEXT_START);
    b->y += r.h + b->L.gap / 2;
}

/* The height message() takes for `s` as a band (the taller form). */
static int band_h(struct sb *b, const char *s)
{
    int pad = ww_mm(&b->L, 3);
    struct ww_text_style ts =
        style(b, b->L.body_px, true, WW_C_URGENT_TEXT, b->x1 - b->x0 - 2 * pad, WW_TEXT_START);
    struct ww_text_box tb = {0};
    ww_text_cache_measure(b->env->texts, s, &ts, &tb);
    return tb.h + 2 * pad + b->L.gap / 2;
}

static void message(struct sb *b);

/* The message in a slot of its own height, two lines whether there is a
 * message or not: what comes under it (the PIN pad, the check-in keys)
 * never moves when "Onjuiste pincode" appears or goes. A longer message
 * takes more room. */
static void message_slot(struct sb *b)
{
    int y0 = b->y;
    int slot = band_h(b, "X\nX");
    message(b);
    if (b->y - y0 < slot)
        b->y = y0 + slot;
}

/* The message of the last step: a band when it is bad news. */
static void message(struct sb *b)
{
    const struct ww_staff *st = &b->u->st;
    if (!st->message[0])
        return;
    if (st->tone == WW_STAFF_BAD)
        band(b, st->message);
    else
        line(b, st->message, b->L.body_px, st->tone == WW_STAFF_GOOD, WW_C_TEXT);
}

static void header(struct sb *b, const char *title, bool back)
{
    const struct ww_layout *L = &b->L;
    int bw = ww_mm(L, 40);
    int right = b->x1;
    button(b, "staff:close", "Sluiten", (struct ww_rect){right - bw, b->y, bw, b->key}, LK_NORMAL,
           L->body_px);
    right -= bw + L->gap;
    if (back) {
        button(b, "staff:back", "Terug", (struct ww_rect){right - bw, b->y, bw, b->key}, LK_NORMAL,
               L->body_px);
        right -= bw + L->gap;
    }
    text(b, title, L->title_px, true, WW_C_TEXT, WW_C_BG,
         (struct ww_rect){b->x0, b->y, right - b->x0, b->key}, WW_TEXT_START);
    b->y += b->key + L->gap;
}

static void day_title(const struct sb *b, char *buf, size_t size)
{
    static const char *const days[] = {"maandag", "dinsdag",  "woensdag", "donderdag",
                                       "vrijdag", "zaterdag", "zondag"};
    static const char *const months[] = {"januari",   "februari", "maart",    "april",
                                         "mei",       "juni",     "juli",     "augustus",
                                         "september", "oktober",  "november", "december"};
    int y, m, d;
    ww_day day = b->u->st.day.day;
    ww_day_to_ymd(day, &y, &m, &d);
    ww_fmt(buf, size, "Vandaag, %s %d %s", days[ww_day_weekday(day)], d, months[m - 1]);
}

/* A 3×4 keypad of digits with erase and OK, `prefix` "pin:" or "key:". */
static void keypad(struct sb *b, const char *prefix, int x, int y, int k)
{
    static const char *const keys[12] = {"1", "2", "3", "4",     "5", "6",
                                         "7", "8", "9", "erase", "0", "ok"};
    int gap = b->L.gap;
    for (int i = 0; i < 12; i++) {
        struct ww_rect r = {x + (i % 3) * (k + gap), y + (i / 3) * (k + gap), k, k};
        char name[WW_TARGET_SIZE];
        ww_fmt(name, sizeof name, "%s%s", prefix, keys[i]);
        const char *label = keys[i];
        enum look lk = LK_NORMAL;
        int px = b->L.title_px;
        if (strcmp(keys[i], "erase") == 0) {
            label = "Wis";
            px = b->L.body_px;
        }
        if (strcmp(keys[i], "ok") == 0) {
            label = "OK";
            lk = LK_PRIMARY;
            px = b->L.body_px;
        }
        button(b, name, label, r, lk, px);
    }
}

static void build_pin(struct sb *b)
{
    const struct ww_layout *L = &b->L;
    const struct ww_staff *st = &b->u->st;
    header(b, "Medewerkers", false);
    line(b, b->env->loc->name, L->body_px, false, WW_C_MUTED);
    b->y += L->gap;
    /* The PIN as dots: how many digits, never which. */
    char dots[64] = "";
    size_t used = 0;
    for (int i = 0; i < st->pin_len && used + 4 < sizeof dots; i++) {
        memcpy(dots + used, i ? " \xe2\x80\xa2" : "\xe2\x80\xa2", i ? 4 : 3);
        used += i ? 4 : 3;
        dots[used] = '\0';
    }
    int k = ww_mm(L, 34);
    int padw = 3 * k + 2 * L->gap;
    int px = b->x0 + (b->x1 - b->x0 - padw) / 2;
    struct ww_rect field = {px, b->y, padw, ww_mm(L, 22)};
    struct ww_dcmd *c = ww_dlist_add(b->d, WW_D_RECT, field, WW_C_PANEL);
    c->radius = L->radius;
    c = ww_dlist_add(b->d, WW_D_FRAME, field, WW_C_BUTTON_EDGE);
    c->radius = L->radius;
    c->thick = L->edge;
    text(b, dots[0] ? dots : "Pincode", dots[0] ? L->huge_px / 2 : L->body_px, dots[0],
         dots[0] ? WW_C_PANEL_TEXT : WW_C_MUTED, WW_C_PANEL, field, WW_TEXT_CENTER);
    b->y += field.h + L->gap;
    message_slot(b);
    b->y += L->gap;
    keypad(b, "pin:", px, b->y, k);
}

static const char *desk_word(int n)
{
    return n == 1 ? "balie" : "balies";
}

/* Width and height of a text laid out `w` wide. */
static struct ww_text_box measured(struct sb *b, const char *s, int px, bool bold, int w)
{
    struct ww_text_style ts = style(b, px, bold, WW_C_TEXT, w, WW_TEXT_START);
    struct ww_text_box tb = {0};
    ww_text_cache_measure(b->env->texts, s, &ts, &tb);
    return tb;
}

static void stepper(struct sb *b, const char *what, const char *id, const char *label,
                    const char *value, int x, int y, int w)
{
    const struct ww_layout *L = &b->L;
    int k = b->key;
    int lw = w - 2 * k - L->gap;
    char text_buf[64];
    ww_fmt(text_buf, sizeof text_buf, "%s %s", label, value);
    text(b, text_buf, L->body_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
         (struct ww_rect){x, y, lw - L->gap / 2, k}, WW_TEXT_START);
    char name[WW_TARGET_SIZE];
    ww_fmt(name, sizeof name, "%s-:%s", what, id);
    button(b, name, "\xe2\x80\x93", (struct ww_rect){x + lw, y, k, k}, LK_NORMAL, L->title_px);
    ww_fmt(name, sizeof name, "%s+:%s", what, id);
    button(b, name, "+", (struct ww_rect){x + lw + k + L->gap / 2, y, k, k}, LK_NORMAL,
           L->title_px);
}

static void build_main(struct sb *b)
{
    const struct ww_layout *L = &b->L;
    const struct ww_staff *st = &b->u->st;
    const struct ww_config *cfg = b->env->cfg;
    char title[96];
    day_title(b, title, sizeof title);
    header(b, title, false);
    char sub[200];
    ww_fmt(sub, sizeof sub, "%s. Tik op een knop: de wijziging geldt meteen, op elke kiosk.",
           b->env->loc->name);
    line(b, sub, L->small_px, false, WW_C_MUTED);
    if (b->u->store_down >= 0) {
        /* Residents still get information and the general desk; staff
         * must know that nothing can be booked or changed meanwhile. */
        char t[6], p[260];
        ww_minute_format(b->u->store_down, t);
        ww_fmt(p, sizeof p,
               "Server niet bereikbaar sinds %s. Afspraken maken en wijzigen kan nu niet; de "
               "kiosk geeft wel informatie en verwijst naar de balie. Hij maakt zelf weer "
               "verbinding.",
               t);
        band(b, p);
    } else if (b->u->store_unwritable >= 0) {
        char t[6], p[260];
        ww_minute_format(b->u->store_unwritable, t);
        ww_fmt(p, sizeof p,
               "Opslaan lukt niet sinds %s (schijf vol, alleen-lezen, of het bestand is weg of "
               "vervangen: zie het logboek). Afspraken maken kan nu niet; de kiosk geeft wel "
               "informatie.",
               t);
        band(b, p);
    }
    /* The printer, with a warning when the paper ran out. */
    if (b->u->printer_known && b->u->printer_err != WW_OK) {
        char p[260];
        const char *what = b->u->printer_err == WW_ERR_PAPER
                               ? "Printer: papier op of klep open. Plaats een nieuwe rol."
                               : "Printer: werkt niet. Tickets staan op het scherm.";
        if (b->u->printer_detail[0])
            ww_fmt(p, sizeof p, "%s (%s)", what, b->u->printer_detail);
        else
            ww_strlcpy(p, what, sizeof p);
        band(b, p);
    } else {
        line(b, b->u->printer_known ? "Printer: in orde." : "Printer: nog niets geprint.",
             L->small_px, false, WW_C_MUTED);
    }
    /* The message goes under the rows (above the day's actions), so a
     * change never moves the rows under the finger. */
    int msg_h = st->message[0] ? band_h(b, st->message) : 0;
    if (st->day.closed && st->day.n == 0)
        line(b, "De locatie is vandaag gesloten.", L->body_px, true, WW_C_TEXT);
    else if (st->day.n == 0)
        line(b, "Vandaag is er niemand ingeroosterd.", L->body_px, true, WW_C_TEXT);

    /* The actions go at the bottom; the rows take what is left above. */
    int gap = L->gap, w = b->x1 - b->x0;
    int bh = L->target;
    int bottom = L->h - L->margin - 2 * bh - gap;
    int rows_bottom = bottom - msg_h;
    int half = (w - gap) / 2;
    int pad = ww_mm(L, 3);
    int k = b->key;
    int bw = ww_mm(L, 58);
    /* The row buttons are as wide as their longest label on one line. */
    static const char *const row_labels[] = {"Afwezig melden", "Toch aanwezig", "Afspraken (000)"};
    for (size_t i = 0; i < sizeof row_labels / sizeof row_labels[0]; i++) {
        int need = measured(b, row_labels[i], L->small_px, true, L->w).w + 2 * ww_mm(L, 2) + 2;
        if (need > bw)
            bw = need;
    }
    int sw = ww_mm(L, 100);
    /* A wide screen has each partner on one line; a narrow one puts the
     * steppers on a second line, or each on a line of its own when a
     * third of the row cannot hold "Balies 10" beside its buttons. */
    int who_w = w - 2 * pad - 3 * sw - 2 * bw - 4 * L->gap;
    bool wide = who_w >= ww_mm(L, 100);
    int third = (w - 2 * pad - 2 * L->gap) / 3;
    int label_need = measured(b, "Balies 10", L->body_px, true, L->w).w + 2 * k + 2 * L->gap;
    bool stacked = !wide && third < label_need;
    if (b->u->first_row >= st->day.n)
        b->u->first_row = 0;
    size_t shown = 0;
    for (size_t i = b->u->first_row; i < st->day.n; i++) {
        const struct ww_staff_row *r = &st->day.rows[i];
        const struct ww_partner *p = &cfg->partners[r->partner];
        int text_w = wide ? who_w : w - 2 * pad - 2 * bw - L->gap;
        char who[200], away[200], f[6], t[6];
        ww_minute_format(r->time[0], f);
        ww_minute_format(r->time[1], t);
        ww_fmt(away, sizeof away, "%s\nAfwezig vandaag%s", p->name,
               r->changed ? " (gewijzigd)" : "");
        if (r->present)
            ww_fmt(who, sizeof who, "%s\nAanwezig %s\xe2\x80\x93%s, %d %s%s", p->name, f, t,
                   r->desks, desk_word(r->desks), r->changed ? " (gewijzigd)" : "");
        else
            ww_strlcpy(who, away, sizeof who);
        /* One height for present and absent rows: marking a partner
         * absent (or back) never moves the rows below. The text is as
         * tall as the longer of its two states needs. */
        int who_h = measured(b, who, L->small_px, true, text_w).h;
        int away_h = measured(b, away, L->small_px, true, text_w).h;
        if (who_h < away_h)
            who_h = away_h;
        if (who_h < k)
            who_h = k;
        int steps_h = wide ? 0 : stacked ? 3 * (k + pad) : k + pad;
        int card_h = who_h + steps_h + 2 * pad;
        if (wide && who_h > k)
            card_h = who_h + 2 * pad;
        int more = b->u->first_row > 0 || i + 1 < st->day.n ? k + gap : 0;
        /* Rows go to the next page when the screen or the draw list's
         * targets (a row has up to 8; the paging and the four actions
         * follow) run out. */
        bool full = b->d->n_targets + 8 + 1 + 4 > WW_DLIST_TARGETS;
        if ((b->y + card_h + more > rows_bottom - gap || full) && shown > 0)
            break;
        shown++;
        struct ww_rect card = {b->x0, b->y, w, card_h};
        struct ww_dcmd *c = ww_dlist_add(b->d, WW_D_RECT, card, WW_C_PANEL);
        c->radius = L->radius;
        c = ww_dlist_add(b->d, WW_D_FRAME, card, r->present ? WW_C_BUTTON_EDGE : WW_C_URGENT_EDGE);
        c->radius = L->radius;
        c->thick = L->edge;
        int x = card.x + pad, y = card.y + pad, inner = card.w - 2 * pad;
        char name[WW_TARGET_SIZE];
        /* Who, state, bookings; the absent toggle and the bookings button
         * at the end. */
        ww_fmt(name, sizeof name, "bookings:%s", p->id);
        char label[48];
        ww_fmt(label, sizeof label, "Afspraken (%d)", r->bookings);
        button(b, name, label, (struct ww_rect){x + inner - bw, y, bw, k}, LK_NORMAL, L->small_px);
        if (r->present) {
            /* Asked once, on the same button: nothing moves. */
            bool asking = strcmp(st->confirm, p->id) == 0;
            ww_fmt(name, sizeof name, "absent:%s", p->id);
            button(b, name, asking ? "Zeker? Tik nog eens" : "Afwezig melden",
                   (struct ww_rect){x + inner - 2 * bw - L->gap / 2, y, bw, k},
                   asking ? LK_ON : LK_WARN, L->small_px);
        } else {
            ww_fmt(name, sizeof name, "present:%s", p->id);
            button(b, name, "Toch aanwezig",
                   (struct ww_rect){x + inner - 2 * bw - L->gap / 2, y, bw, k}, LK_NORMAL,
                   L->small_px);
        }
        text(b, who, L->small_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
             (struct ww_rect){x, y, text_w, who_h}, WW_TEXT_START);
        if (r->present) {
            /* The steppers: beside the name on a wide screen, below it on
             * a narrow one (one per line when a third is too narrow). */
            int sx = wide ? x + who_w + L->gap : x;
            int sy = wide ? y : y + who_h + pad;
            int step_w = wide ? sw : stacked ? inner : (inner - 2 * L->gap) / 3;
            int dx = stacked ? 0 : step_w + L->gap, dy = stacked ? k + pad : 0;
            char v[16];
            stepper(b, "from", p->id, "Van", f, sx, sy, step_w);
            stepper(b, "to", p->id, "Tot", t, sx + dx, sy + dy, step_w);
            ww_fmt(v, sizeof v, "%d", r->desks);
            stepper(b, "desks", p->id, "Balies", v, sx + 2 * dx, sy + 2 * dy, step_w);
        }
        b->y += card_h + gap / 2;
    }
    if (b->u->first_row > 0 || b->u->first_row + shown < st->day.n) {
        char label[80];
        size_t last = b->u->first_row + shown;
        ww_fmt(label, sizeof label, "%s (%zu\xe2\x80\x93%zu van %zu)",
               last < st->day.n ? "Meer partners" : "Terug naar het begin", b->u->first_row + 1,
               last, st->day.n);
        button(b, "staff:more", label, (struct ww_rect){b->x0, b->y, w, k}, LK_NORMAL, L->body_px);
        b->u->shown_rows = shown;
    }
    if (st->message[0]) {
        b->y = bottom - msg_h;
        message(b);
    }
    /* The day's actions last in keypad order, at the bottom of the screen. */
    button(b, "staff:add", "Partner toevoegen", (struct ww_rect){b->x0, bottom, half, bh},
           LK_NORMAL, L->body_px);
    button(b, "staff:undo", "Laatste wijziging terugzetten",
           (struct ww_rect){b->x0 + half + gap, bottom, half, bh}, LK_NORMAL, L->body_px);
    button(b, "staff:checkin", "Ticket aanmelden",
           (struct ww_rect){b->x0, bottom + bh + gap, half, bh}, LK_PRIMARY, L->body_px);
    button(b, "staff:reprint", "Laatste ticket opnieuw printen",
           (struct ww_rect){b->x0 + half + gap, bottom + bh + gap, half, bh}, LK_NORMAL,
           L->body_px);
}

static void build_bookings(struct sb *b)
{
    const struct ww_layout *L = &b->L;
    const struct ww_staff *st = &b->u->st;
    const struct ww_partner *p = ww_config_partner(b->env->cfg, st->partner, NULL);
    char title[160];
    ww_fmt(title, sizeof title, "Afspraken vandaag: %s", p ? p->name : st->partner);
    header(b, title, true);
    message(b);
    struct ww_booking *all = NULL;
    size_t n = 0;
    if (ww_store_bookings(b->u->ctx.store, b->u->ctx.loc->id, st->day.day, &all, &n) != WW_OK) {
        line(b, "De afspraken zijn nu niet te lezen.", L->body_px, true, WW_C_TEXT);
        return;
    }
    struct ww_booking list[WW_STAFF_LIST];
    size_t total = ww_staff_partner_bookings(all, n, st->partner, list, WW_STAFF_LIST);
    free(all);
    if (total == 0) {
        line(b, "Geen afspraken vandaag.", L->body_px, true, WW_C_TEXT);
        return;
    }
    size_t shown = total < WW_STAFF_LIST ? total : WW_STAFF_LIST;
    int cols = L->landscape ? 3 : 2;
    int cw = (b->x1 - b->x0 - (cols - 1) * L->gap) / cols;
    int lh = L->body_px * 2;
    int y0 = b->y;
    size_t per_col = (shown + (size_t)cols - 1) / (size_t)cols;
    for (size_t i = 0; i < shown; i++) {
        char t[6], row[96];
        ww_minute_format(list[i].start, t);
        ww_fmt(row, sizeof row, "%s   %s   %s", list[i].ticket, t,
               list[i].checked_in ? "aangemeld" : "verwacht");
        int col = (int)(i / per_col), r = (int)(i % per_col);
        if (y0 + (r + 1) * lh > L->h - L->margin)
            continue;
        text(b, row, L->body_px, list[i].checked_in == 0, WW_C_TEXT, WW_C_BG,
             (struct ww_rect){b->x0 + col * (cw + L->gap), y0 + r * lh, cw, lh}, WW_TEXT_START);
    }
}

static void build_add(struct sb *b)
{
    const struct ww_layout *L = &b->L;
    const struct ww_staff *st = &b->u->st;
    header(b, "Partner toevoegen voor vandaag", true);
    line(b, "Wie is er vandaag extra? Daarna kunt u de tijden aanpassen.", L->body_px, false,
         WW_C_TEXT);
    int cols = 2;
    int w = (b->x1 - b->x0 - L->gap) / cols;
    int h = L->target;
    for (size_t i = 0; i < st->day.n_addable; i++) {
        const struct ww_partner *p = &b->env->cfg->partners[st->day.addable[i]];
        int col = (int)(i % 2), row = (int)(i / 2);
        struct ww_rect r = {b->x0 + col * (w + L->gap), b->y + row * (h + L->gap), w, h};
        if (r.y + h > L->h - L->margin)
            break;
        char name[WW_TARGET_SIZE];
        ww_fmt(name, sizeof name, "add:%s", p->id);
        button(b, name, p->name, r, LK_NORMAL, L->body_px);
    }
}

static void build_checkin(struct sb *b)
{
    const struct ww_layout *L = &b->L;
    const struct ww_staff *st = &b->u->st;
    header(b, "Ticket aanmelden", true);
    line(b, "Typ het ticketnummer (bijvoorbeeld B-014) of scan de QR-code.", L->body_px, false,
         WW_C_TEXT);
    struct ww_rect field = {b->x0, b->y, b->x1 - b->x0, ww_mm(L, 22)};
    struct ww_dcmd *c = ww_dlist_add(b->d, WW_D_RECT, field, WW_C_PANEL);
    c->radius = L->radius;
    c = ww_dlist_add(b->d, WW_D_FRAME, field, WW_C_BUTTON_EDGE);
    c->radius = L->radius;
    c->thick = L->edge;
    text(b, st->entry[0] ? st->entry : "Ticketnummer", L->title_px, st->entry[0] != 0,
         st->entry[0] ? WW_C_PANEL_TEXT : WW_C_MUTED, WW_C_PANEL, field, WW_TEXT_CENTER);
    b->y += field.h + L->gap;
    message_slot(b);
    /* The letters of today's partners' tickets, then the digits. */
    int k = ww_mm(L, 30);
    int x = b->x0;
    char seen[64] = "";
    for (size_t i = 0; i < st->day.n; i++) {
        char letter = b->env->cfg->partners[st->day.rows[i].partner].letter;
        if (!letter || strchr(seen, letter) || strlen(seen) + 2 >= sizeof seen)
            continue;
        size_t n = strlen(seen);
        seen[n] = letter;
        seen[n + 1] = '\0';
        if (x + k > b->x1) {
            x = b->x0;
            b->y += k + L->gap;
        }
        char name[WW_TARGET_SIZE], label[4] = {letter, '\0'};
        ww_fmt(name, sizeof name, "key:%c", letter);
        button(b, name, label, (struct ww_rect){x, b->y, k, k}, LK_NORMAL, L->title_px);
        x += k + L->gap;
    }
    if (x > b->x0)
        b->y += k + L->gap;
    int padw = 3 * k + 2 * L->gap;
    keypad(b, "key:", b->x0 + (b->x1 - b->x0 - padw) / 2, b->y, k);
}

void ww_staff_ui_build(struct ww_staff_ui *u, const struct ww_screen_env *env, struct ww_dlist *d)
{
    ww_dlist_reset(d);
    struct sb b = {0};
    b.u = u;
    b.env = env;
    b.d = d;
    ww_layout_init(&b.L, &env->geom, env->w, env->h, 0, false, false);
    b.th = ww_theme_get(false);
    b.key = ww_mm(&b.L, 22);
    b.x0 = b.L.margin;
    b.x1 = b.L.w - b.L.margin;
    b.y = b.L.margin;
    d->theme = b.th;
    d->focus_px = b.L.focus;
    d->focus_pad = b.L.focus + ww_mm(&b.L, 0.5); /* a gap of the ground, as in the kiosk */
    d->radius = b.L.radius;
    ww_dlist_add(d, WW_D_RECT, (struct ww_rect){0, 0, b.L.w, b.L.h}, WW_C_BG);
    const char *id = "staff-main";
    switch (u->st.mode) {
    case WW_STAFF_PIN:
        id = "staff-pin";
        build_pin(&b);
        break;
    case WW_STAFF_ADD:
        id = "staff-add";
        build_add(&b);
        break;
    case WW_STAFF_BOOKINGS:
        id = "staff-bookings";
        build_bookings(&b);
        break;
    case WW_STAFF_CHECKIN:
        id = "staff-checkin";
        build_checkin(&b);
        break;
    case WW_STAFF_MAIN:
    case WW_STAFF_CLOSED:
        build_main(&b);
        break;
    }
    ww_strlcpy(d->screen, id, sizeof d->screen);
    if (!ww_dlist_find(d, u->focus))
        u->focus[0] = '\0';
}
