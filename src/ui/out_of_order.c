#include "ui/out_of_order.h"
#include "core/err.h"

#include "core/i18n.h"
#include "core/log.h"
#include "core/say.h"
#include "core/speech.h"
#include "core/str.h"
#include "ui/audio.h"
#include "ui/input.h"
#include "ui/layout.h"
#include "ui/theme.h"

#include <SDL2/SDL_image.h>

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* The resident texts, once, so that the build, the spoken message and
 * `make pot` agree. */
#define TXT_TITLE N_("Deze zuil werkt nu niet.")
#define TXT_GO    N_("Ga naar de balie. Daar helpt een medewerker u.")

/* ---- what the screen knows ---- */

void ww_ooo_info_init(struct ww_ooo_info *info)
{
    memset(info, 0, sizeof *info);
    /* The kiosk's usual screen until the location says otherwise. */
    info->geom = (struct ww_screen_geom){1080, 1920, 398, 708, 800};
    ww_diags_init(&info->problems);
}

void ww_ooo_info_destroy(struct ww_ooo_info *info)
{
    ww_diags_destroy(&info->problems);
    memset(info, 0, sizeof *info);
}

void ww_ooo_info_from_config(struct ww_ooo_info *info, const struct ww_config *cfg,
                             const char *location_id, ww_day day)
{
    const struct ww_location *loc = NULL;
    if (location_id)
        loc = ww_config_location(cfg, location_id);
    else if (cfg->n_locations == 1)
        loc = &cfg->locations[0];
    if (!loc)
        return;
    ww_strlcpy(info->location, loc->name, sizeof info->location);
    const struct ww_screen_geom *g = &loc->screen;
    if (g->width_px > 0 && g->height_px > 0 && g->width_mm > 0 && g->height_mm > 0)
        info->geom = *g;
    if (!*loc->general)
        return;
    const struct ww_partner *p = ww_config_partner(cfg, loc->general, NULL);
    if (!p)
        return;
    ww_strlcpy(info->desk, *p->name ? p->name : p->id, sizeof info->desk);
    /* The room of the general desk: today's entry of the weekly pattern,
     * else any entry that names a room. */
    int wd = day != WW_DAY_NONE ? ww_day_weekday(day) : -1;
    const char *room = NULL;
    for (size_t i = 0; i < loc->n_presence; i++) {
        const struct ww_presence *pr = &loc->presence[i];
        if (strcmp(pr->partner_id, p->id) != 0 || !*pr->room)
            continue;
        if (wd >= 0 && (pr->weekdays & (1u << wd))) {
            room = pr->room;
            break;
        }
        if (!room)
            room = pr->room;
    }
    if (room)
        ww_strlcpy(info->room, room, sizeof info->room);
}

void ww_ooo_message(const struct ww_ooo_info *info, char *buf, size_t size)
{
    size_t used = 0;
    const char *parts[4] = {_(TXT_TITLE), _(TXT_GO), info->desk,
                            strcmp(info->room, info->desk) != 0 ? info->room : ""};
    buf[0] = '\0';
    for (size_t i = 0; i < 4; i++) {
        if (!*parts[i])
            continue;
        int n = snprintf(buf + used, size - used, "%s%s%s", used ? " " : "", parts[i],
                         i >= 2 && !strchr(".!?", parts[i][strlen(parts[i]) - 1]) ? "." : "");
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

/* ---- the draw list ---- */

struct b {
    struct ww_dlist *d;
    struct ww_text_cache *texts;
    struct ww_layout L;
    const struct ww_theme *th;
};

static SDL_Color rgb(const struct b *b, enum ww_role role)
{
    struct ww_rgb c = b->th->c[role];
    return (SDL_Color){c.r, c.g, c.b, 255};
}

/* Lay a text into `box` (h = 0: as tall as it is); returns its height. */
static int text(struct b *b, const char *str, int px, bool bold, enum ww_role fg, enum ww_role bg,
                struct ww_rect box, enum ww_text_align align, bool rtl)
{
    if (!str || !*str)
        return 0;
    struct ww_text_style st = {0};
    st.px = px;
    st.bold = bold;
    st.color = rgb(b, fg);
    st.max_w = box.w > 1 ? box.w : 1;
    st.align = align;
    st.rtl = rtl;
    st.opaque = true;
    st.bg = rgb(b, bg);
    struct ww_text_box tb = {0};
    ww_text_cache_measure(b->texts, str, &st, &tb);
    int x = box.x;
    bool right = align == WW_TEXT_END || (align == WW_TEXT_START && rtl);
    if (align == WW_TEXT_CENTER)
        x = box.x + (box.w - tb.w) / 2;
    else if (right)
        x = box.x + box.w - tb.w;
    struct ww_dcmd *c = ww_dlist_add(b->d, WW_D_TEXT, (struct ww_rect){x, box.y, tb.w, tb.h}, fg);
    c->text = ww_dlist_str(b->d, str);
    c->st = st;
    c->bg = bg;
    c->clip = box;
    if (box.h <= 0)
        c->clip.h = tb.h;
    c->overflow = tb.overflow || tb.w > box.w || (box.h > 0 && tb.h > box.h);
    return tb.h;
}

static int text_h(struct b *b, const char *str, int px, bool bold, int w, bool rtl)
{
    struct ww_text_style st = {0};
    st.px = px;
    st.bold = bold;
    st.max_w = w > 1 ? w : 1;
    st.rtl = rtl;
    struct ww_text_box tb = {0};
    ww_text_cache_measure(b->texts, str, &st, &tb);
    return tb.h;
}

static void rect(struct b *b, struct ww_rect r, enum ww_role role, int radius)
{
    struct ww_dcmd *c = ww_dlist_add(b->d, WW_D_RECT, r, role);
    c->radius = radius;
}

static void frame(struct b *b, struct ww_rect r, enum ww_role role, int radius, int thick)
{
    struct ww_dcmd *c = ww_dlist_add(b->d, WW_D_FRAME, r, role);
    c->radius = radius;
    c->thick = thick;
}

/* One paragraph per other language: its title and what to do. */
struct other {
    char text[512];
    bool rtl;
};

static size_t other_langs(struct other *out, size_t max, bool rtl_ok)
{
    size_t n_langs, n = 0;
    const struct ww_lang *langs = ww_i18n_langs(&n_langs);
    for (size_t i = 0; i < n_langs && n < max; i++) {
        if (strcmp(langs[i].code, "nl") == 0 || (langs[i].rtl && !rtl_ok))
            continue;
        ww_i18n_set(langs[i].code);
        ww_fmt(out[n].text, sizeof out[n].text, "%s %s", _(TXT_TITLE), _(TXT_GO));
        out[n].rtl = langs[i].rtl;
        n++;
    }
    ww_i18n_set("nl");
    return n;
}

static void build_resident(const struct ww_ooo_info *info, struct b *b)
{
    const struct ww_layout *L = &b->L;
    int w = L->w, h = L->h;
    int m = L->margin * 2;
    int col = w - 2 * m;
    int y = m;

    /* The pictogram: a person at a desk, white on the "talk to a person"
     * green the kiosk uses for the same thing. */
    int icon = ww_mm(L, 50);
    if (icon > h / 5)
        icon = h / 5;
    struct ww_rect ir = {(w - icon) / 2, y, icon, icon};
    rect(b, ir, WW_C_TALK, L->radius * 2);
    int pad = icon / 6;
    struct ww_dcmd *pc = ww_dlist_add(
        b->d, WW_D_PICTO, (struct ww_rect){ir.x + pad, ir.y + pad, icon - 2 * pad, icon - 2 * pad},
        WW_C_TALK_TEXT);
    ww_strlcpy(pc->name, "person", sizeof pc->name);
    y += icon + L->gap * 3;

    b->d->content_from = b->d->n;
    y += text(b, _(TXT_TITLE), L->huge_px, true, WW_C_TEXT, WW_C_BG, (struct ww_rect){m, y, col, 0},
              WW_TEXT_CENTER, false);
    y += L->gap * 2;
    y += text(b, _(TXT_GO), L->title_px, false, WW_C_TEXT, WW_C_BG, (struct ww_rect){m, y, col, 0},
              WW_TEXT_CENTER, false);
    y += L->gap * 3;

    if (*info->desk) {
        /* The general desk, as a card: its name, its room, the location. */
        int in = L->margin;
        int iw = col - 2 * in;
        bool show_room = *info->room && strcmp(info->room, info->desk) != 0;
        int ch = in * 2 + text_h(b, info->desk, L->title_px, true, iw, false);
        if (show_room)
            ch += L->gap + text_h(b, info->room, L->body_px, false, iw, false);
        if (*info->location)
            ch += L->gap + text_h(b, info->location, L->body_px, false, iw, false);
        struct ww_rect card = {m, y, col, ch};
        rect(b, card, WW_C_PANEL, L->radius);
        frame(b, card, WW_C_BUTTON_EDGE, L->radius, L->edge > 0 ? L->edge : 2);
        int cy = y + in;
        cy += text(b, info->desk, L->title_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
                   (struct ww_rect){m + in, cy, iw, 0}, WW_TEXT_CENTER, false);
        if (show_room) {
            cy += L->gap;
            cy += text(b, info->room, L->body_px, false, WW_C_PANEL_TEXT, WW_C_PANEL,
                       (struct ww_rect){m + in, cy, iw, 0}, WW_TEXT_CENTER, false);
        }
        if (*info->location) {
            cy += L->gap;
            text(b, info->location, L->body_px, false, WW_C_PANEL_TEXT, WW_C_PANEL,
                 (struct ww_rect){m + in, cy, iw, 0}, WW_TEXT_CENTER, false);
        }
        y += ch + L->gap * 3;
    } else if (*info->location) {
        y += text(b, info->location, L->body_px, false, WW_C_TEXT, WW_C_BG,
                  (struct ww_rect){m, y, col, 0}, WW_TEXT_CENTER, false);
        y += L->gap * 3;
    }

    /* The other languages, each its own paragraph in its own direction,
     * below a thin line; smaller steps until they fit, never below body
     * text (a capital of 4.8 mm). */
    struct other others[8];
    size_t n = other_langs(others, sizeof others / sizeof others[0], !info->no_arabic);
    int line = L->edge > 0 ? L->edge : 2;
    rect(b, (struct ww_rect){m, y, col, line}, WW_C_TRACK, 0);
    y += line + L->gap * 2;
    int room = h - m - y;
    int px = L->title_px;
    int sp = L->gap * 2;
    for (; px > L->body_px; px = px * 9 / 10) {
        int need = 0;
        for (size_t i = 0; i < n; i++)
            need += text_h(b, others[i].text, px, false, col, others[i].rtl) + sp;
        if (need <= room)
            break;
    }
    if (px < L->body_px)
        px = L->body_px;
    for (size_t i = 0; i < n; i++) {
        y += text(b, others[i].text, px, false, WW_C_TEXT, WW_C_BG, (struct ww_rect){m, y, col, 0},
                  WW_TEXT_START, others[i].rtl);
        y += sp;
    }
    /* Everything in the middle of the screen, not stuck to the top. */
    int dy = (h - m - (y - sp)) / 2;
    for (size_t i = 0; dy > 0 && i < b->d->n; i++) {
        b->d->cmds[i].r.y += dy;
        b->d->cmds[i].clip.y += dy;
    }
}

static void build_staff(const struct ww_ooo_info *info, struct b *b)
{
    const struct ww_layout *L = &b->L;
    int w = L->w, h = L->h;
    int m = L->margin * 2;
    int col = w - 2 * m;
    int y = m;
    /* Staff texts are Dutch, as on the kiosk's other staff screens. */
    y += text(b, "Storing: de kiosk kan niet starten", L->title_px, true, WW_C_TEXT, WW_C_BG,
              (struct ww_rect){m, y, col, 0}, WW_TEXT_START, false);
    y += L->gap;
    char intro[256];
    ww_fmt(intro, sizeof intro,
           "%zu %s in de installatie. Herstel ze en start de kiosk opnieuw. Ze staan ook in "
           "het logboek.",
           info->problems.count, info->problems.count == 1 ? "probleem" : "problemen");
    y += text(b, intro, L->body_px, false, WW_C_TEXT, WW_C_BG, (struct ww_rect){m, y, col, 0},
              WW_TEXT_START, false);
    y += L->gap * 2;

    int bh = ww_mm(L, 25);
    int bw = ww_mm(L, 60);
    if (bw > col)
        bw = col;
    int bottom = h - m - bh - L->gap * 2;
    int px = L->small_px > 0 ? L->small_px : L->body_px;
    for (size_t i = 0; i < info->problems.count; i++) {
        char line[600];
        ww_diag_format(&info->problems.items[i], line, sizeof line);
        int lh = text_h(b, line, px, false, col, false);
        if (y + lh > bottom) {
            char more[96];
            ww_fmt(more, sizeof more, "... en nog %zu (zie het logboek)", info->problems.count - i);
            text(b, more, px, true, WW_C_TEXT, WW_C_BG, (struct ww_rect){m, y, col, 0},
                 WW_TEXT_START, false);
            break;
        }
        y += text(b, line, px, false, WW_C_TEXT, WW_C_BG, (struct ww_rect){m, y, col, 0},
                  WW_TEXT_START, false);
        y += L->gap;
    }

    struct ww_rect br = {(w - bw) / 2, h - m - bh, bw, bh};
    rect(b, br, WW_C_BUTTON, L->radius);
    frame(b, br, WW_C_BUTTON_EDGE, L->radius, L->edge > 0 ? L->edge : 2);
    text(b, "Sluiten", L->button_px, true, WW_C_BUTTON_TEXT, WW_C_BUTTON,
         (struct ww_rect){
             br.x, br.y + (bh - text_h(b, "Sluiten", L->button_px, true, bw, false)) / 2, bw, 0},
         WW_TEXT_CENTER, false);
    ww_dlist_target(b->d, "close", br, "Sluiten");
}

void ww_ooo_build(const struct ww_ooo_info *info, struct ww_text_cache *texts, int w, int h,
                  bool staff, struct ww_dlist *d)
{
    ww_dlist_reset(d);
    struct b b = {.d = d, .texts = texts, .th = ww_theme_get(false)};
    ww_layout_init(&b.L, &info->geom, w, h, 0, false, false);
    d->theme = b.th;
    d->focus_px = 0;
    ww_strlcpy(d->screen, staff ? "out-of-order-staff" : "out-of-order", sizeof d->screen);
    if (staff)
        build_staff(info, &b);
    else
        build_resident(info, &b);
}

/* ---- running ---- */

struct run {
    const struct ww_ooo_info *info;
    const struct ww_ooo_params *p;
    struct ww_dlist dl;
    struct ww_input input;
    bool staff;
    bool dirty;
    int64_t staff_since; /* clock seconds of the last touch in the staff view */
    /* scripts */
    const char *file;
    int line;
    const char *dir;
    int shots;
    char last[64];
};

static void rebuild(struct run *r)
{
    if (!r->dirty)
        return;
    ww_ooo_build(r->info, ww_drawer_texts(r->p->dr), r->p->w, r->p->h, r->staff, &r->dl);
    r->dirty = false;
}

static void present(struct run *r)
{
    rebuild(r);
    ww_drawer_draw(r->p->dr, &r->dl, NULL);
    SDL_RenderPresent(r->p->ren);
}

static void set_staff(struct run *r, bool on)
{
    if (r->staff == on)
        return;
    r->staff = on;
    r->dirty = true;
    r->staff_since = ww_clock_now(r->p->clock);
    ww_info("kiosk: out of order: staff view %s", on ? "opened" : "closed");
}

static void read_aloud(struct run *r)
{
    if (!r->p->speech)
        return;
    char msg[1024], said[4096];
    ww_ooo_message(r->info, msg, sizeof msg);
    /* the desk's phone number and hours as a person says them */
    if (!ww_say_expand("nl", msg, said, sizeof said))
        ww_strlcpy(said, msg, sizeof said);
    if (ww_speech_say(r->p->speech, "nl", said, WW_SAY_CUT) == WW_OK)
        ww_audio_wake(r->p->audio);
}

/* One input event; returns true when something changed on screen. */
static void handle(struct run *r, const SDL_Event *ev)
{
    struct ww_action a;
    rebuild(r);
    switch (ww_input_event(&r->input, ev, &r->dl, r->p->w, r->p->h, &a)) {
    case WW_IN_STAFF:
        set_staff(r, true);
        break;
    case WW_IN_ACTION:
        if (r->staff) {
            r->staff_since = ww_clock_now(r->p->clock);
            if ((a.kind == WW_ACT_TAP && strcmp(a.target, "close") == 0) || a.kind == WW_ACT_BACK ||
                a.kind == WW_ACT_RESTART)
                set_staff(r, false);
        } else if (ev->type == SDL_KEYDOWN) {
            /* Any key of the keypad: a blind resident hears the message. */
            read_aloud(r);
        }
        break;
    case WW_IN_ACTIVE:
        if (r->staff)
            r->staff_since = ww_clock_now(r->p->clock);
        else if (ev->type == SDL_KEYDOWN)
            read_aloud(r);
        break;
    default:
        break;
    }
}

static void tick(struct run *r)
{
    if (r->staff && ww_clock_now(r->p->clock) - r->staff_since >= WW_OOO_STAFF_SECONDS)
        set_staff(r, false);
}

static void run_init(struct run *r, const struct ww_ooo_info *info, const struct ww_ooo_params *p)
{
    memset(r, 0, sizeof *r);
    r->info = info;
    r->p = p;
    ww_dlist_init(&r->dl);
    r->dirty = true;
    struct ww_layout L;
    ww_layout_init(&L, &info->geom, p->w, p->h, 0, false, false);
    ww_input_init(&r->input, ww_mm(&L, WW_TARGET_MIN_MM));
}

static bool wait_event(const struct run *r, int ms, SDL_Event *ev)
{
    if (!r->p->own_wait)
        return SDL_WaitEventTimeout(ev, ms) == 1;
    if (SDL_PollEvent(ev))
        return true;
    struct pollfd pf = {.fd = r->p->wake_fd, .events = POLLIN};
    if (poll(&pf, 1, ms) > 0) {
        uint64_t v;
        ssize_t n = read(r->p->wake_fd, &v, sizeof v);
        (void)n;
    }
    return SDL_PollEvent(ev) == 1;
}

int ww_ooo_run(const struct ww_ooo_info *info, const struct ww_ooo_params *p)
{
    struct run r;
    run_init(&r, info, p);
    present(&r);
    ww_info("kiosk: out of order (%zu problem%s); waiting for a restart", info->problems.count,
            info->problems.count == 1 ? "" : "s");
    while (!*p->stop) {
        /* Nothing moves on this screen: wake for the staff view's timeout
         * only, and once a minute as a matter of course. */
        int ms = 60000;
        if (r.staff) {
            int64_t left = WW_OOO_STAFF_SECONDS - (ww_clock_now(p->clock) - r.staff_since);
            ms = left <= 0 ? 0 : (int)left * 1000 + 20;
        }
        SDL_Event ev;
        bool got = wait_event(&r, ms, &ev);
        while (got) {
            if (ev.type == SDL_QUIT ||
                (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE)) {
                /* A window close ends the screen only with --debug-exit. */
                if (p->debug_exit)
                    *p->stop = 1;
            } else if (ev.type == SDL_KEYDOWN && ev.key.keysym.sym == SDLK_ESCAPE &&
                       p->debug_exit) {
                *p->stop = 1;
            } else if (ev.type == SDL_WINDOWEVENT) {
                r.dirty = true;
            } else {
                handle(&r, &ev);
            }
            got = SDL_PollEvent(&ev) == 1;
        }
        tick(&r);
        present(&r);
        ww_audio_settle(p->audio, 10000);
    }
    ww_info("kiosk: stopping");
    ww_dlist_destroy(&r.dl);
    return 0;
}

/* ---- scripts ---- */

static bool fail(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool fail(struct run *r, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s:%d: %s\n", r->file, r->line, msg);
    return false;
}

static bool save_png(struct run *r, const char *path)
{
    present(r);
    int w = r->p->w, h = r->p->h;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    if (!s)
        return false;
    ww_drawer_draw(r->p->dr, &r->dl, NULL);
    bool ok =
        SDL_RenderReadPixels(r->p->ren, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) == 0 &&
        IMG_SavePNG(s, path) == 0;
    if (!ok)
        ww_error("kiosk: screenshot %s failed: %s", path, SDL_GetError());
    SDL_FreeSurface(s);
    return ok;
}

static bool shoot(struct run *r, const char *name)
{
    if (!r->dir)
        return true;
    char path[WW_PATH_SIZE + 128];
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '-' || *c == '_'))
            return fail(r, "screenshot %s: use letters, digits, '-' and '_'", name);
    if (!ww_fmt(path, sizeof path, "%s/%s.png", r->dir, name))
        return fail(r, "screenshot path too long");
    return save_png(r, path) || fail(r, "could not save %s", path);
}

static bool auto_shot(struct run *r)
{
    rebuild(r);
    if (strcmp(r->dl.screen, r->last) == 0)
        return true;
    ww_strlcpy(r->last, r->dl.screen, sizeof r->last);
    char name[96];
    ww_fmt(name, sizeof name, "%03d-%s", ++r->shots, r->dl.screen);
    return shoot(r, name);
}

static bool has_text(struct run *r, const char *words)
{
    rebuild(r);
    for (size_t i = 0; i < r->dl.n; i++)
        if (r->dl.cmds[i].kind == WW_D_TEXT && strstr(r->dl.cmds[i].text, words))
            return true;
    return false;
}

/* A press at (x, y) held `ms` milliseconds, through the real input path. */
static void press(struct run *r, int x, int y, Uint32 ms)
{
    rebuild(r);
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = x;
    ev.button.y = y;
    ev.button.timestamp = 1000;
    handle(r, &ev);
    ev.type = SDL_MOUSEBUTTONUP;
    ev.button.timestamp = 1000 + ms;
    handle(r, &ev);
}

static bool two_ints(const char *s, long *a, long *b, long max)
{
    char buf[64];
    ww_strlcpy(buf, s, sizeof buf);
    char *sp = strchr(buf, ' ');
    if (!sp)
        return false;
    *sp = '\0';
    return ww_parse_int(buf, 0, max, a) && ww_parse_int(ww_trim(sp + 1), 0, max, b);
}

static bool said(struct run *r, const char *words)
{
    struct ww_speech *sp = r->p->speech;
    if (!sp)
        return fail(r, "expect said: no speech in this run");
    for (size_t i = ww_speech_log_count(sp); i-- > 0;) {
        struct ww_speech_utterance u;
        if (ww_speech_log_get(sp, i, &u) && u.event == WW_SPEECH_SAID)
            return strstr(u.text, words) != NULL ||
                   fail(r, "expected the last thing said to hold \"%s\", it was \"%s\"", words,
                        u.text);
    }
    return fail(r, "expected \"%s\" to be said; nothing was said", words);
}

static bool expect(struct run *r, const char *what, const char *arg)
{
    rebuild(r);
    if (strcmp(what, "screen") == 0)
        return strcmp(r->dl.screen, arg) == 0 ||
               fail(r, "expected screen %s, it is %s", arg, r->dl.screen);
    if (strcmp(what, "text") == 0)
        return has_text(r, arg) || fail(r, "no text on screen %s holds \"%s\"", r->dl.screen, arg);
    if (strcmp(what, "no-text") == 0)
        return !has_text(r, arg) || fail(r, "screen %s shows \"%s\"", r->dl.screen, arg);
    if (strcmp(what, "target") == 0)
        return ww_dlist_find(&r->dl, arg) || fail(r, "no target %s on %s", arg, r->dl.screen);
    if (strcmp(what, "no-target") == 0)
        return !ww_dlist_find(&r->dl, arg) || fail(r, "target %s is on %s", arg, r->dl.screen);
    if (strcmp(what, "said") == 0)
        return said(r, arg);
    if (strcmp(what, "background") == 0) {
        present(r);
        uint8_t px[4] = {0};
        SDL_Rect pr = {1, 1, 1, 1};
        SDL_RenderReadPixels(r->p->ren, &pr, SDL_PIXELFORMAT_RGB24, px, 3);
        char got[8];
        ww_fmt(got, sizeof got, "%02X%02X%02X", px[0], px[1], px[2]);
        return strcasecmp(got, arg) == 0 || fail(r, "background is %s, expected %s", got, arg);
    }
    return fail(r, "unknown expectation '%s'", what);
}

static bool command(struct run *r, char *cmd, char *arg)
{
    if (strcmp(cmd, "screenshot") == 0)
        return shoot(r, arg);
    if (strcmp(cmd, "describe") == 0) {
        rebuild(r);
        printf("screen=%s problems=%zu desk=%s\n", r->dl.screen, r->info->problems.count,
               *r->info->desk ? r->info->desk : "-");
        return true;
    }
    if (strcmp(cmd, "texts") == 0) {
        rebuild(r);
        for (size_t i = 0; i < r->dl.n; i++)
            if (r->dl.cmds[i].kind == WW_D_TEXT)
                printf("text: %s\n", r->dl.cmds[i].text);
        return true;
    }
    if (strcmp(cmd, "hold") == 0 || strcmp(cmd, "touch") == 0) {
        long x, y, secs = 0;
        char buf[96];
        ww_strlcpy(buf, arg, sizeof buf);
        if (strcmp(cmd, "hold") == 0) {
            char *sp = strrchr(buf, ' ');
            if (!sp || !ww_parse_int(sp + 1, 0, 600, &secs))
                return fail(r, "hold X Y SECONDS");
            *sp = '\0';
        }
        if (!two_ints(buf, &x, &y, 100000))
            return fail(r, "%s X Y%s", cmd, strcmp(cmd, "hold") == 0 ? " SECONDS" : "");
        press(r, (int)x, (int)y, (Uint32)secs * 1000);
        return true;
    }
    if (strcmp(cmd, "tap") == 0) {
        rebuild(r);
        const struct ww_dtarget *t = ww_dlist_find(&r->dl, arg);
        if (!t || t->r.w <= 0)
            return fail(r, "tap %s: not on screen %s", arg, r->dl.screen);
        press(r, t->r.x + t->r.w / 2, t->r.y + t->r.h / 2, 100);
        return true;
    }
    if (strcmp(cmd, "key") == 0) {
        SDL_Keycode key = SDL_GetKeyFromName(arg);
        if (key == SDLK_UNKNOWN)
            return fail(r, "key %s: unknown key name", arg);
        SDL_Event ev;
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_KEYDOWN;
        ev.key.keysym.sym = key;
        /* Far apart, so the debounce of a repeated key never drops one. */
        ev.key.timestamp = (Uint32)(r->line + 1) * 10000u;
        handle(r, &ev);
        return true;
    }
    if (strcmp(cmd, "wait") == 0) {
        long n;
        char buf[32];
        ww_strlcpy(buf, arg, sizeof buf);
        size_t len = strlen(buf);
        long mult = 1;
        if (len && (buf[len - 1] == 's' || buf[len - 1] == 'm')) {
            mult = buf[len - 1] == 'm' ? 60 : 1;
            buf[len - 1] = '\0';
        }
        if (!ww_parse_int(buf, 0, 100000, &n))
            return fail(r, "wait N[s|m]");
        if (!r->p->now_value)
            return fail(r, "wait: the clock is not virtual");
        *r->p->now_value += n * mult;
        tick(r);
        return true;
    }
    if (strcmp(cmd, "expect") == 0) {
        char *sp = strchr(arg, ' ');
        const char *rest = "";
        if (sp) {
            *sp = '\0';
            rest = ww_trim(sp + 1);
        }
        return expect(r, arg, rest);
    }
    return fail(r, "'%s' is not possible: the kiosk is out of order (see the log)", cmd);
}

int ww_ooo_run_script(const struct ww_ooo_info *info, const struct ww_ooo_params *p,
                      const char *path, const char *dir)
{
    struct run r;
    run_init(&r, info, p);
    r.file = path;
    r.dir = dir;
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "wegwijzer kiosk: cannot read %s: %s\n", path, ww_errno_text(errno));
        ww_dlist_destroy(&r.dl);
        return 1;
    }
    bool ok = auto_shot(&r);
    char buf[1024];
    while (ok && fgets(buf, sizeof buf, f)) {
        r.line++;
        char *line = ww_trim(buf);
        if (!*line || *line == '#')
            continue;
        char *sp = strchr(line, ' ');
        char *arg = (char *)"";
        if (sp) {
            *sp = '\0';
            arg = ww_trim(sp + 1);
        }
        ok = command(&r, line, arg) && auto_shot(&r);
    }
    fclose(f);
    ww_dlist_destroy(&r.dl);
    return ok ? 0 : 1;
}
