#include "ui/screens.h"

#include "core/code.h"
#include "core/i18n.h"
#include "core/str.h"
#include "core/ticket.h"

#include <stdio.h>
#include <string.h>

#define T(s) ww_i18n_get(s) /* a text held in a variable */

enum bstyle { B_NORMAL, B_PRIMARY, B_TALK, B_MARKED, B_BAR, B_BAR_ON };

/* The state of one build. Everything is placed left to right and mirrored
 * at the end for right-to-left languages. */
struct b {
    const struct ww_screen_env *env;
    const struct ww_session *s;
    struct ww_dlist *d;
    struct ww_layout L;
    const struct ww_theme *th;
    char targets[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    size_t n_targets;
    int x0, x1;      /* content column */
    int top, bottom; /* content area */
    bool crowded;    /* the content did not fit: build again with smaller text */
    int tight;       /* rebuilds so far: 1+ the progress line is the bar alone, and
                        with text at its smallest there is no progress line */
    int grow;        /* extra height of row buttons where the screen has room */
    bool paging;     /* laying out for pages: everything top down, nothing
                        pushed to the bottom, no growing into spare room */
    bool compact;    /* "buttons lower" on a low reach band: less space around
                        the controls, the text as chosen */
};

static bool offered(const struct b *b, const char *name)
{
    for (size_t i = 0; i < b->n_targets; i++)
        if (strcmp(b->targets[i], name) == 0)
            return true;
    return false;
}

static SDL_Color rgb(const struct b *b, enum ww_role role)
{
    struct ww_rgb c = b->th->c[role];
    return (SDL_Color){c.r, c.g, c.b, 255};
}

static struct ww_text_style style(const struct b *b, int px, bool bold, enum ww_role fg, int max_w,
                                  enum ww_text_align align)
{
    struct ww_text_style st = {0};
    st.px = px;
    st.bold = bold;
    st.color = rgb(b, fg);
    st.max_w = max_w > 1 ? max_w : 1;
    st.align = align;
    st.rtl = b->L.rtl;
    return st;
}

/* Texts are rendered onto the colour they sit on (the layout check makes
 * sure it is the colour under them): an opaque image is copied, not blended,
 * which halves the cost of a redraw. */
static void opaque_on(const struct b *b, struct ww_text_style *st, enum ww_role bg)
{
    st->opaque = true;
    st->bg = rgb(b, bg);
}

static struct ww_text_box measure(struct b *b, const char *text, const struct ww_text_style *st)
{
    struct ww_text_box box = {0};
    ww_text_cache_measure(b->env->texts, text, st, &box);
    return box;
}

/* Lay a text into `box` (x, y, w; h = 0: as tall as it is). Returns its height. */
static int text(struct b *b, const char *str, int px, bool bold, enum ww_role fg, enum ww_role bg,
                struct ww_rect box, enum ww_text_align align)
{
    if (!str || !*str)
        return 0;
    struct ww_text_style st = style(b, px, bold, fg, box.w, align);
    opaque_on(b, &st, bg);
    struct ww_text_box tb = measure(b, str, &st);
    int x = box.x;
    /* Positions are left-to-right here; START is the left edge until the
     * whole list is mirrored. */
    if (align == WW_TEXT_CENTER)
        x = box.x + (box.w - tb.w) / 2;
    else if (align == WW_TEXT_END)
        x = box.x + box.w - tb.w;
    int y = box.y;
    if (box.h > 0 && tb.h < box.h)
        y = box.y + (box.h - tb.h) / 2;
    struct ww_dcmd *c = ww_dlist_add(b->d, WW_D_TEXT, (struct ww_rect){x, y, tb.w, tb.h}, fg);
    c->text = ww_dlist_str(b->d, str);
    c->st = st;
    c->bg = bg;
    c->clip = box;
    if (box.h <= 0)
        c->clip.h = tb.h;
    c->overflow = tb.overflow || tb.w > box.w || (box.h > 0 && tb.h > box.h);
    return tb.h;
}

static int text_h(struct b *b, const char *str, int px, bool bold, int w)
{
    if (!str || !*str)
        return 0;
    struct ww_text_style st = style(b, px, bold, WW_C_TEXT, w, WW_TEXT_START);
    return measure(b, str, &st).h;
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

static void picto(struct b *b, const char *name, struct ww_rect r, enum ww_role role)
{
    if (!name || !*name)
        return;
    struct ww_dcmd *c = ww_dlist_add(b->d, WW_D_PICTO, r, role);
    ww_strlcpy(c->name, name, sizeof c->name);
    c->flip = b->L.rtl && strcmp(name, "back") == 0;
}

/* ---- buttons ---- */

struct look {
    enum ww_role fill, fg, edge;
    int thick;
    bool bold;
};

static struct look look_of(const struct b *b, enum bstyle st)
{
    const struct ww_layout *L = &b->L;
    switch (st) {
    case B_PRIMARY:
        return (struct look){WW_C_PRIMARY, WW_C_PRIMARY_TEXT, WW_C_PRIMARY, 0, true};
    case B_TALK:
        return (struct look){WW_C_TALK, WW_C_TALK_TEXT, WW_C_TALK, 0, true};
    case B_MARKED:
    case B_BAR_ON:
        return (struct look){WW_C_MARK, WW_C_MARK_TEXT, WW_C_BUTTON_EDGE, L->edge * 2, true};
    case B_BAR:
        return (struct look){WW_C_BAR_BUTTON, WW_C_BAR_TEXT, WW_C_BUTTON_EDGE, L->edge, false};
    default:
        return (struct look){WW_C_BUTTON, WW_C_BUTTON_TEXT, WW_C_BUTTON_EDGE, L->edge, true};
    }
}

static int pad_of(const struct b *b)
{
    return ww_mm(&b->L, b->compact ? 2.5 : 4);
}

static int check_room(const struct b *b)
{
    return ww_mm(&b->L, b->compact ? 7 : 10) + pad_of(b);
}

/* Height a row button needs: icon at the start, label (and sub-label) beside it. */
static int button_h(struct b *b, const char *label, const char *sub, bool icon, int w, int px)
{
    int pad = pad_of(b);
    /* The end of every row button keeps room for the check mark, so a
     * button does not grow or rewrap when it becomes marked. */
    int tw = w - 2 * pad - (icon ? b->L.icon + pad : 0) - check_room(b);
    int h = text_h(b, label, px, true, tw);
    if (sub && *sub)
        h += text_h(b, sub, b->L.body_px, false, tw);
    h += 2 * pad;
    int min = b->L.target;
    return (h > min ? h : min) + b->grow;
}

static void button(struct b *b, const char *name, const char *label, const char *sub,
                   const char *icon, struct ww_rect r, enum bstyle bs, int px)
{
    const struct ww_layout *L = &b->L;
    struct look lk = look_of(b, bs);
    int pad = pad_of(b);
    rect(b, r, lk.fill, L->radius);
    if (lk.thick > 0)
        frame(b, r, lk.edge, L->radius, lk.thick);
    int x = r.x + pad;
    if (icon && *icon) {
        int is = L->icon;
        if (is > r.h - 2 * lk.thick)
            is = r.h - 2 * lk.thick;
        picto(b, icon, (struct ww_rect){x, r.y + (r.h - is) / 2, is, is}, lk.fg);
        x += is + pad;
    }
    int tw = r.x + r.w - pad - x - check_room(b);
    int h1 = text_h(b, label, px, lk.bold, tw);
    int h2 = sub && *sub ? text_h(b, sub, L->body_px, false, tw) : 0;
    int y = r.y + (r.h - h1 - h2) / 2;
    text(b, label, px, lk.bold, lk.fg, lk.fill, (struct ww_rect){x, y, tw, 0}, WW_TEXT_START);
    if (h2)
        text(b, sub, L->body_px, false, lk.fg, lk.fill, (struct ww_rect){x, y + h1, tw, 0},
             WW_TEXT_START);
    if (bs == B_MARKED || bs == B_BAR_ON) {
        /* Colour is never the only sign: a check mark at the end. */
        int cs = ww_mm(L, b->compact ? 7 : 10);
        picto(b, "check", (struct ww_rect){r.x + r.w - cs - pad, r.y + (r.h - cs) / 2, cs, cs},
              lk.fg);
    }
    ww_dlist_target(b->d, name, r, label);
}

/* The check mark of a chosen language tile: beside the centred name (at
 * the end) or above it, wherever there is more room, at most 7 mm: colour
 * is never the only sign of the choice (ACCESSIBILITY row 13). `tw`, `th`:
 * the size of the name. */
static void corner_check(struct b *b, struct ww_rect r, int tw, int th, enum ww_role fg)
{
    int pad = pad_of(b) / 4;
    int side = (r.w - tw) / 2 - pad, above = (r.h - th) / 2 - pad;
    int cs = ww_mm(&b->L, 7), min = ww_mm(&b->L, 3);
    if (side >= above) {
        if (cs > side)
            cs = side;
        if (cs > r.h - 2 * pad)
            cs = r.h - 2 * pad;
        if (cs < min)
            cs = min;
        picto(b, "check", (struct ww_rect){r.x + r.w - cs - pad, r.y + (r.h - cs) / 2, cs, cs}, fg);
        return;
    }
    if (cs > above)
        cs = above;
    if (cs < min)
        cs = min;
    picto(b, "check", (struct ww_rect){r.x + r.w - cs - pad, r.y + pad, cs, cs}, fg);
}

/* A tall button: icon above, label below, centred (topic grid, bar, faces). */
static int tile_h(struct b *b, const char *label, int w, int px, int icon)
{
    int pad = pad_of(b) / 2;
    int h = icon + pad * 3 + text_h(b, label, px, false, w - 2 * pad);
    return h > b->L.bar_target ? h : b->L.bar_target;
}

static void tile(struct b *b, const char *name, const char *label, const char *icon,
                 struct ww_rect r, enum bstyle bs, int px, int icon_size)
{
    const struct ww_layout *L = &b->L;
    struct look lk = look_of(b, bs);
    int pad = pad_of(b) / 2;
    rect(b, r, lk.fill, L->radius);
    if (lk.thick > 0)
        frame(b, r, lk.edge, L->radius, lk.thick);
    int th = text_h(b, label, px, false, r.w - 2 * pad);
    int total = icon_size + pad + th;
    int y = r.y + (r.h - total) / 2;
    picto(b, icon, (struct ww_rect){r.x + (r.w - icon_size) / 2, y, icon_size, icon_size}, lk.fg);
    text(b, label, px, false, lk.fg, lk.fill,
         (struct ww_rect){r.x + pad, y + icon_size + pad, r.w - 2 * pad, 0}, WW_TEXT_CENTER);
    if (bs == B_BAR_ON || bs == B_MARKED) {
        int cs = ww_mm(L, 7);
        picto(b, "check", (struct ww_rect){r.x + r.w - cs - pad, r.y + pad, cs, cs}, lk.fg);
    }
    ww_dlist_target(b->d, name, r, label);
}

/* ---- the frame: languages, talk row, bar ---- */

const char *ww_screen_bar_label(const char *target)
{
    static const struct {
        const char *target, *label;
    } bar[] = {
        {"back", N_("Terug")},
        {"restart", N_("Opnieuw")},
        {"read", N_("Voorlezen")},
        {"slow", N_("Langzamer praten")},
        {"textsize", N_("Tekst groter")},
        {"contrast", N_("Hoog contrast")},
        {"talk", N_("Praat met een medewerker")},
        {"lower", N_("Knoppen lager")},
        {"volume", N_("Geluid harder")},
    };
    for (size_t i = 0; i < sizeof bar / sizeof bar[0]; i++)
        if (strcmp(bar[i].target, target) == 0)
            return T(bar[i].label);
    return NULL;
}

/* The most tiles per row (up to n) in a row `w` wide at which every label
 * fits its tile (`inner` pixels less than the tile) without breaking a word:
 * long words on a narrow screen or at a large text size take more rows
 * rather than spill out of their buttons. */
/* Does every label fit a tile `bw` wide (less `inner`) without breaking a word? */
static bool labels_fit(struct b *b, const char *const *labels, size_t n, int px, bool bold, int bw,
                       int inner)
{
    for (size_t i = 0; i < n; i++) {
        if (!labels[i] || !*labels[i])
            continue;
        struct ww_text_style st = style(b, px, bold, WW_C_TEXT, bw - inner, WW_TEXT_CENTER);
        struct ww_text_box tb = measure(b, labels[i], &st);
        if (tb.overflow || tb.w > bw - inner)
            return false;
    }
    return true;
}

static int tiles_per_row(struct b *b, const char *const *labels, size_t n, int px, bool bold, int w,
                         int inner)
{
    for (int c = (int)n; c > 1; c--)
        if (labels_fit(b, labels, n, px, bold, (w - (c - 1) * b->L.gap) / c, inner))
            return c;
    return 1;
}

/* The language row: columns per row and the height of one row. */
static void lang_grid(struct b *b, int *cols, int *row_h)
{
    const struct ww_layout *L = &b->L;
    size_t n;
    const struct ww_lang *langs = ww_i18n_langs(&n);
    const char *names[16];
    for (size_t i = 0; i < n && i < 16; i++)
        names[i] = langs[i].own_name;
    int w = L->w - 2 * L->margin;
    int c = tiles_per_row(b, names, n < 16 ? n : 16, L->bar_px, true, w, pad_of(b));
    /* Rows of equal length: 6 languages in two rows of three, not 5 + 1. */
    int rows_n = ((int)n + c - 1) / c;
    c = ((int)n + rows_n - 1) / rows_n;
    int bw = (w - (c - 1) * L->gap) / c;
    int h = ww_mm(L, 20);
    for (size_t i = 0; i < n; i++) {
        int th = text_h(b, langs[i].own_name, L->bar_px, true, bw - pad_of(b));
        if (th + pad_of(b) > h)
            h = th + pad_of(b);
    }
    *cols = c;
    *row_h = h;
}

static int lang_row_h(struct b *b)
{
    size_t n;
    ww_i18n_langs(&n);
    int cols, h;
    lang_grid(b, &cols, &h);
    int rows_n = ((int)n + cols - 1) / cols;
    return rows_n * h + (rows_n - 1) * b->L.gap;
}

static int lang_row(struct b *b, int y)
{
    const struct ww_layout *L = &b->L;
    size_t n;
    const struct ww_lang *langs = ww_i18n_langs(&n);
    int w = L->w - 2 * L->margin;
    int cols, h;
    lang_grid(b, &cols, &h);
    int bw = (w - (cols - 1) * L->gap) / cols;
    int px = L->bar_px;
    for (size_t i = 0; i < n; i++) {
        char name[WW_TARGET_SIZE];
        ww_fmt(name, sizeof name, "lang:%s", langs[i].code);
        /* Mirrored with the rest for right-to-left languages. */
        int row = (int)i / cols, col = (int)i % cols;
        struct ww_rect r = {L->margin + col * (bw + L->gap), y + row * (h + L->gap), bw, h};
        bool on = strcmp(b->s->lang, langs[i].code) == 0;
        struct look lk = look_of(b, on ? B_MARKED : B_BAR);
        rect(b, r, lk.fill, L->radius);
        frame(b, r, lk.edge, L->radius, lk.thick);
        /* Each name in its own script and direction. */
        struct ww_text_style st = style(b, px, true, lk.fg, bw - pad_of(b), WW_TEXT_CENTER);
        st.rtl = langs[i].rtl;
        struct ww_text_box tb = measure(b, langs[i].own_name, &st);
        struct ww_dcmd *c = ww_dlist_add(
            b->d, WW_D_TEXT,
            (struct ww_rect){r.x + (r.w - tb.w) / 2, r.y + (r.h - tb.h) / 2, tb.w, tb.h}, lk.fg);
        c->text = ww_dlist_str(b->d, langs[i].own_name);
        opaque_on(b, &st, lk.fill);
        c->st = st;
        c->bg = lk.fill;
        c->clip = (struct ww_rect){r.x + pad_of(b) / 2, r.y, r.w - pad_of(b), r.h};
        c->overflow = tb.overflow || tb.w > c->clip.w || tb.h > r.h;
        if (on)
            corner_check(b, r, tb.w, tb.h, lk.fg);
        ww_dlist_target(b->d, name, r, langs[i].own_name);
    }
    return lang_row_h(b);
}

/* The bar at the bottom and the talk row above it; returns the top of the
 * talk row. Slots stay in place from screen to screen: a button that a
 * screen does not offer leaves its slot empty. */
static int bars(struct b *b)
{
    const struct ww_layout *L = &b->L;
    static const struct {
        const char *target, *icon;
    } slots[] = {
        {"back", "back"}, {"restart", "restart"},   {"read", "speaker"},
        {"slow", "slow"}, {"textsize", "textsize"}, {"contrast", "contrast"},
    };
    size_t n = sizeof slots / sizeof slots[0];
    int w = L->w - 2 * L->margin;
    int px = L->bar_px;
    const char *labels[sizeof slots / sizeof slots[0]];
    for (size_t i = 0; i < n; i++) {
        labels[i] = ww_screen_bar_label(slots[i].target);
        if (strcmp(slots[i].target, "read") == 0 && b->env->speech_off)
            labels[i] = _("Voorlezen niet beschikbaar");
        /* Three steps in a circle: at the largest, the next tap goes back. */
        if (strcmp(slots[i].target, "textsize") == 0 && b->s->text_size == WW_TEXT_SIZES - 1)
            labels[i] = _("Tekst kleiner");
    }
    const char *talk = ww_screen_bar_label("talk");
    const char *lower = ww_screen_bar_label("lower");
    /* The volume tile goes one step louder; at the loudest it says
     * "softer" and goes back to the quietest, like the text size. */
    const char *volume = b->s->volume >= ww_session_volume_steps[WW_SESSION_VOLUME_STEPS - 1]
                             ? _("Geluid zachter")
                             : ww_screen_bar_label("volume");

    /* A wide screen has no height to spare: the talk, volume and "buttons
     * lower" buttons join the bar in one row (talk twice as wide) when
     * every word fits there. */
    if (L->landscape) {
        int unit = (w - 9 * L->gap) / 10;
        const char *all[8] = {labels[0], labels[1], labels[2], labels[3],
                              labels[4], labels[5], volume,    lower};
        int tw = 2 * unit + L->gap;
        const char *talk_only[1] = {talk};
        if (labels_fit(b, all, 8, px, false, unit, pad_of(b)) &&
            labels_fit(b, talk_only, 1, px, false, tw, pad_of(b))) {
            int h = L->bar_target;
            for (size_t i = 0; i < 8; i++) {
                int th = tile_h(b, all[i], unit, px, L->bar_icon);
                if (th > h)
                    h = th;
            }
            int th = tile_h(b, talk, tw, px, L->bar_icon);
            if (th > h)
                h = th;
            int bar_y = L->h - h - 2 * L->gap;
            rect(b, (struct ww_rect){0, bar_y, L->w, h + 2 * L->gap}, WW_C_BAR, 0);
            for (size_t i = 0; i < n; i++) {
                if (!offered(b, slots[i].target))
                    continue;
                struct ww_rect r = {L->margin + (int)i * (unit + L->gap), bar_y + L->gap, unit, h};
                bool on = (strcmp(slots[i].target, "slow") == 0 && b->s->slow) ||
                          (strcmp(slots[i].target, "contrast") == 0 && b->s->contrast) ||
                          (strcmp(slots[i].target, "textsize") == 0 && b->s->text_size > 0);
                tile(b, slots[i].target, labels[i], slots[i].icon, r, on ? B_BAR_ON : B_BAR, px,
                     L->bar_icon);
            }
            if (offered(b, "volume"))
                tile(b, "volume", volume, "volume",
                     (struct ww_rect){L->margin + 6 * (unit + L->gap), bar_y + L->gap, unit, h},
                     B_BAR, px, L->bar_icon);
            tile(b, "lower", lower, "lower",
                 (struct ww_rect){L->margin + 7 * (unit + L->gap), bar_y + L->gap, unit, h},
                 b->env->lower ? B_BAR_ON : B_BAR, px, L->bar_icon);
            if (offered(b, "talk"))
                tile(b, "talk", talk, "person",
                     (struct ww_rect){L->margin + 8 * (unit + L->gap), bar_y + L->gap, tw, h},
                     B_TALK, px, L->bar_icon);
            return bar_y;
        }
    }

    /* Labels wrap onto more lines; a word that does not fit its button
     * makes the bar two rows (the slots keep their order). */
    int cols = tiles_per_row(b, labels, n, px, false, w, pad_of(b));
    int rows_n = ((int)n + cols - 1) / cols;
    cols = ((int)n + rows_n - 1) / rows_n;
    int bw = (w - (cols - 1) * L->gap) / cols;
    int h = L->bar_target;
    for (size_t i = 0; i < n; i++) {
        int th = tile_h(b, labels[i], bw, px, L->bar_icon);
        if (th > h)
            h = th;
    }
    int bar_h = rows_n * h + (rows_n + 1) * L->gap;
    int bar_y = L->h - bar_h;
    rect(b, (struct ww_rect){0, bar_y, L->w, bar_h}, WW_C_BAR, 0);
    for (size_t i = 0; i < n; i++) {
        if (!offered(b, slots[i].target))
            continue;
        int row = (int)i / cols, col = (int)i % cols;
        struct ww_rect r = {L->margin + col * (bw + L->gap), bar_y + L->gap + row * (h + L->gap),
                            bw, h};
        bool on = (strcmp(slots[i].target, "slow") == 0 && b->s->slow) ||
                  (strcmp(slots[i].target, "contrast") == 0 && b->s->contrast) ||
                  (strcmp(slots[i].target, "textsize") == 0 && b->s->text_size > 0);
        tile(b, slots[i].target, labels[i], slots[i].icon, r, on ? B_BAR_ON : B_BAR, px,
             L->bar_icon);
    }

    /* Talk to a person: wide, always there; the volume and "buttons
     * lower" beside it. */
    int lw = (w - 2 * L->gap) / 4; /* "buttons lower": as wide as before */
    int vw = (w - 2 * L->gap) * 3 / 20;
    int tw = w - lw - vw - 2 * L->gap;
    int th = button_h(b, talk, NULL, true, tw, L->button_px);
    int lh = tile_h(b, lower, lw, px, L->bar_icon);
    if (lh > th)
        th = lh;
    lh = tile_h(b, volume, vw, px, L->bar_icon);
    if (lh > th)
        th = lh;
    int ty = bar_y - L->gap - th;
    if (offered(b, "talk"))
        button(b, "talk", talk, NULL, "person", (struct ww_rect){L->margin, ty, tw, th}, B_TALK,
               L->button_px);
    if (offered(b, "volume"))
        tile(b, "volume", volume, "volume", (struct ww_rect){L->margin + tw + L->gap, ty, vw, th},
             B_BAR, px, L->bar_icon);
    tile(b, "lower", lower, "lower", (struct ww_rect){L->margin + tw + vw + 2 * L->gap, ty, lw, th},
         b->env->lower ? B_BAR_ON : B_BAR, px, L->bar_icon);
    return ty;
}

/* ---- content helpers ---- */

/* The text just laid out stays on the page of the text after it. */
static int keep(struct b *b, int h)
{
    if (b->d->n > 0 && b->d->cmds[b->d->n - 1].kind == WW_D_TEXT)
        b->d->cmds[b->d->n - 1].keep = true;
    return h;
}

static int heading(struct b *b, const char *str, int y)
{
    return keep(b, text(b, str, b->L.title_px, true, WW_C_TEXT, WW_C_BG,
                        (struct ww_rect){b->x0, y, b->x1 - b->x0, 0}, WW_TEXT_START));
}

static int para(struct b *b, const char *str, int y, enum ww_role fg)
{
    return text(b, str, b->L.body_px, false, fg, WW_C_BG,
                (struct ww_rect){b->x0, y, b->x1 - b->x0, 0}, WW_TEXT_START);
}

/* A column of row buttons, from y down; returns the bottom. */
struct row {
    const char *name, *label, *sub, *icon;
    enum bstyle style;
};

/* Landscape screens are wide and low: buttons go side by side (up to three)
 * or in two columns. */
static int grid_cols(const struct b *b, size_t n)
{
    if (!b->L.landscape)
        return 1;
    return n <= 3 ? (int)n : 2;
}

/* Width of a row button: a share of the column, and on a wide screen
 * never more than half the screen (a lone button does not stretch across). */
static int row_w(const struct b *b, int cols)
{
    int w = (b->x1 - b->x0 - (cols - 1) * b->L.gap) / (cols > 0 ? cols : 1);
    int half = (b->L.w - 2 * b->L.margin - b->L.gap) / 2;
    return b->L.landscape && w > half ? half : w;
}

static int rows_h(struct b *b, const struct row *rw, size_t n)
{
    int cols = grid_cols(b, n);
    int w = row_w(b, cols);
    int h = 0;
    for (size_t i = 0; i < n; i += (size_t)cols) {
        int rh = 0;
        for (size_t j = i; j < n && j < i + (size_t)cols; j++) {
            int bh = button_h(b, rw[j].label, rw[j].sub, rw[j].icon != NULL, w, b->L.button_px);
            if (bh > rh)
                rh = bh;
        }
        h += rh + (i ? b->L.gap : 0);
    }
    return h;
}

static int rows(struct b *b, const struct row *rw, size_t n, int y)
{
    int cols = grid_cols(b, n);
    int w = row_w(b, cols);
    for (size_t i = 0; i < n; i += (size_t)cols) {
        int rh = 0;
        for (size_t j = i; j < n && j < i + (size_t)cols; j++) {
            int bh = button_h(b, rw[j].label, rw[j].sub, rw[j].icon != NULL, w, b->L.button_px);
            if (bh > rh)
                rh = bh;
        }
        for (size_t j = i; j < n && j < i + (size_t)cols; j++) {
            int c = (int)(j - i);
            button(b, rw[j].name, rw[j].label, rw[j].sub, rw[j].icon,
                   (struct ww_rect){b->x0 + c * (w + b->L.gap), y, w, rh}, rw[j].style,
                   b->L.button_px);
        }
        y += rh + b->L.gap;
    }
    return y - b->L.gap;
}

/* Place the controls below the text: right after it, or at the bottom of the
 * content area in the "buttons lower" layout (and whenever they would not
 * otherwise fit above the bottom). */
static void place_rows(struct b *b, const struct row *rw, size_t n, int y)
{
    /* A tall screen with few buttons: make them bigger, up to 12 mm more,
     * rather than leave the space empty. */
    b->grow = 0;
    int h = rows_h(b, rw, n);
    int spare = b->bottom - (y + b->L.gap * 2) - h;
    if (!b->L.landscape && !b->env->lower && !b->paging && spare > 0 && n > 0) {
        int per = spare / (int)n / 2;
        int cap = ww_mm(&b->L, 12);
        b->grow = per < cap ? per : cap;
        h = rows_h(b, rw, n);
    }
    int at = y + b->L.gap * 2;
    if (!b->paging && (b->env->lower || at + h > b->bottom))
        at = b->bottom - h;
    if (at < y + b->L.gap)
        b->crowded = true;
    rows(b, rw, n, at);
    b->grow = 0;
}

static const char *translate_cb(void *ctx, const char *lang, const char *msgid)
{
    (void)ctx;
    (void)lang;
    return ww_i18n_get(msgid);
}

static void when_text(const struct b *b, ww_day day, int minute, char *buf, size_t size)
{
    if (day == WW_DAY_NONE) {
        buf[0] = '\0';
        return;
    }
    ww_ticket_when_near(buf, size, day, minute, b->env->today, b->s->lang, translate_cb, NULL);
}

static void hhmm(int minute, char *buf)
{
    if (minute < 0)
        buf[0] = '\0';
    else
        ww_minute_format(minute, buf);
}

/* A card under texts already laid out: inserted at command index `at` so
 * it is drawn first. */
static void panel_under(struct b *b, size_t at, struct ww_rect r)
{
    ww_dlist_add(b->d, WW_D_RECT, r, WW_C_PANEL);
    ww_dlist_add(b->d, WW_D_FRAME, r, WW_C_BUTTON_EDGE);
    struct ww_dcmd pr = b->d->cmds[b->d->n - 2], pf = b->d->cmds[b->d->n - 1];
    pr.radius = pf.radius = b->L.radius;
    pf.thick = b->L.edge;
    memmove(&b->d->cmds[at + 2], &b->d->cmds[at], (b->d->n - 2 - at) * sizeof b->d->cmds[0]);
    b->d->cmds[at] = pr;
    b->d->cmds[at + 1] = pf;
}

/* A target under the whole screen: a tap that hits no button. It lies
 * below every other target (hit-testing takes the last first) and has a
 * name of its own, so the focus ring and scripts find the real buttons. */
static void anywhere_target(struct b *b, const char *label)
{
    struct ww_dlist *d = b->d;
    if (d->n_targets >= WW_DLIST_TARGETS)
        return;
    ww_dlist_target(d, "anywhere", (struct ww_rect){0, 0, b->L.w, b->L.h}, label);
    struct ww_dtarget t = d->targets[d->n_targets - 1];
    memmove(&d->targets[1], &d->targets[0], (d->n_targets - 1) * sizeof d->targets[0]);
    d->targets[0] = t;
}

/* ---- the screens ---- */

/* The attract screen: what this is, the start button, and every language
 * as a big tile that greets in its own language and starts in it. */
static void attract(struct b *b)
{
    const struct ww_layout *L = &b->L;
    int w = b->x1 - b->x0, pad = pad_of(b);
    int y = b->top + ww_mm(L, 6);
    y += text(b, b->env->loc->name, L->body_px, false, WW_C_MUTED, WW_C_BG,
              (struct ww_rect){b->x0, y, w, 0}, WW_TEXT_CENTER);
    y += ww_mm(L, 3);
    y += text(b, _("Waar wilt u hulp bij?"), L->title_px, true, WW_C_TEXT, WW_C_BG,
              (struct ww_rect){b->x0, y, w, 0}, WW_TEXT_CENTER);
    y += ww_mm(L, 6);

    /* The controls: the start button, then the language tiles. */
    size_t nl;
    const struct ww_lang *langs = ww_i18n_langs(&nl);
    const char *start = _("Tik om te beginnen");
    int sh = button_h(b, start, NULL, false, w, L->title_px);
    if (sh < ww_mm(L, 34))
        sh = ww_mm(L, 34);
    int cols = L->landscape ? 3 : 2;
    int cw = (w - (cols - 1) * L->gap) / cols;
    int th = L->target;
    for (size_t i = 0; i < nl; i++) {
        int h = text_h(b, langs[i].own_name, L->button_px, true, cw - 2 * pad) +
                text_h(b, b->env->greet[i], L->body_px, false, cw - 2 * pad) + 2 * pad;
        if (h > th)
            th = h;
    }
    int grid_rows = ((int)nl + cols - 1) / cols;
    int block = sh + L->gap * 3 + grid_rows * th + (grid_rows - 1) * L->gap;

    /* A calm row of the topics' pictograms says what this screen is for;
     * each starts its topic (a target: not smaller than any other). It is
     * left out when the controls need the room. */
    size_t nt = b->env->flows->n_topics;
    int per = nt > 5 ? 5 : (int)nt;
    if (L->landscape)
        per = (int)nt;
    int is = ww_mm(L, 20);
    int gap = L->gap * 2;
    int rows_n = per ? ((int)nt + per - 1) / per : 0;
    if (b->paging || y + rows_n * (is + gap) + block > b->bottom)
        rows_n = 0;
    int picto_y = y;
    y += rows_n * (is + gap);

    int at = y + (b->bottom - y - block) / 2;
    if (b->paging)
        at = y;
    else if (b->env->lower || at < y)
        at = b->bottom - block;
    if (at < y)
        b->crowded = true;
    if (b->env->lower) { /* within reach: just above the start button, or left out */
        picto_y = at - rows_n * (is + gap);
        int reach_top, reach_bottom;
        ww_layout_reach(L, &reach_top, &reach_bottom);
        if (picto_y < reach_top)
            rows_n = 0;
    }
    for (size_t i = 0; i < nt && rows_n > 0; i++) {
        int row = (int)i / per, col = (int)i % per;
        int rw = per * is + (per - 1) * gap;
        struct ww_rect pr = {b->x0 + (w - rw) / 2 + col * (is + gap), picto_y + row * (is + gap),
                             is, is};
        picto(b, b->env->flows->topics[i].icon, pr, WW_C_MUTED);
        char name[WW_TARGET_SIZE];
        ww_fmt(name, sizeof name, "topic:%s", b->env->flows->topics[i].id);
        ww_dlist_target(b->d, name, pr, T(b->env->flows->topics[i].title));
    }

    struct look lk = look_of(b, B_PRIMARY);
    struct ww_rect r = {b->x0, at, w, sh};
    rect(b, r, lk.fill, L->radius * 2);
    text(b, start, L->title_px, true, lk.fg, lk.fill,
         (struct ww_rect){r.x + pad, r.y, r.w - 2 * pad, r.h}, WW_TEXT_CENTER);
    ww_dlist_target(b->d, "start", r, start);

    int gy = at + sh + L->gap * 3;
    for (size_t i = 0; i < nl; i++) {
        int row = (int)i / cols, col = (int)i % cols;
        struct ww_rect t = {b->x0 + col * (cw + L->gap), gy + row * (th + L->gap), cw, th};
        bool on = strcmp(b->s->lang, langs[i].code) == 0;
        struct look tl = look_of(b, on ? B_MARKED : B_NORMAL);
        rect(b, t, tl.fill, L->radius);
        frame(b, t, tl.edge, L->radius, tl.thick);
        /* Each tile in its own language, script and direction. */
        struct ww_text_style st1 =
            style(b, L->button_px, true, tl.fg, cw - 2 * pad, WW_TEXT_CENTER);
        struct ww_text_style st2 = style(b, L->body_px, false, tl.fg, cw - 2 * pad, WW_TEXT_CENTER);
        st1.rtl = st2.rtl = langs[i].rtl;
        struct ww_text_box b1 = measure(b, langs[i].own_name, &st1);
        struct ww_text_box b2 = measure(b, b->env->greet[i], &st2);
        int ty = t.y + (t.h - b1.h - b2.h) / 2;
        const char *txt[2] = {langs[i].own_name, b->env->greet[i]};
        struct ww_text_style *sts[2] = {&st1, &st2};
        struct ww_text_box *bx[2] = {&b1, &b2};
        for (int k = 0; k < 2; k++) {
            if (!txt[k][0])
                continue;
            struct ww_dcmd *c = ww_dlist_add(
                b->d, WW_D_TEXT,
                (struct ww_rect){t.x + (t.w - bx[k]->w) / 2, ty, bx[k]->w, bx[k]->h}, tl.fg);
            c->text = ww_dlist_str(b->d, txt[k]);
            c->st = *sts[k];
            opaque_on(b, &c->st, tl.fill);
            c->bg = tl.fill;
            c->clip = (struct ww_rect){t.x + pad, t.y, t.w - 2 * pad, t.h};
            c->overflow = bx[k]->overflow || bx[k]->w > c->clip.w;
            ty += bx[k]->h;
        }
        if (on)
            corner_check(b, t, b1.w > b2.w ? b1.w : b2.w, b1.h + b2.h, tl.fg);
        char name[WW_TARGET_SIZE];
        ww_fmt(name, sizeof name, "lang:%s", langs[i].code);
        ww_dlist_target(b->d, name, t, langs[i].own_name);
    }
}

static void topics(struct b *b)
{
    const struct ww_layout *L = &b->L;
    int y = b->top;
    y += heading(b, _("Waar wilt u hulp bij?"), y) + L->gap * 2;
    const struct ww_flows *f = b->env->flows;
    int cols = L->landscape ? 3 : 2;
    int w = b->x1 - b->x0;
    int cw = (w - (cols - 1) * L->gap) / cols;
    int rows_n = ((int)f->n_topics + cols - 1) / cols;
    /* One height for every tile, from the tallest label; in the compact
     * "buttons lower" layout each row of the grid as high as its own
     * tallest label, so the grid takes less of the reach band. */
    int pad = pad_of(b);
    int row_h[WW_FLOW_MAX_TOPICS];
    int h = L->target;
    for (int r = 0; r < rows_n && r < WW_FLOW_MAX_TOPICS; r++)
        row_h[r] = L->target;
    for (size_t i = 0; i < f->n_topics; i++) {
        int th = text_h(b, T(f->topics[i].title), L->button_px, true,
                        cw - 3 * pad - L->icon - check_room(b)) +
                 2 * pad;
        int r = (int)i / cols;
        if (r < WW_FLOW_MAX_TOPICS && th > row_h[r])
            row_h[r] = th;
        if (th > h)
            h = th;
    }
    if (!b->compact)
        for (int r = 0; r < rows_n && r < WW_FLOW_MAX_TOPICS; r++)
            row_h[r] = h;
    int grid_h = (rows_n - 1) * L->gap;
    for (int r = 0; r < rows_n && r < WW_FLOW_MAX_TOPICS; r++)
        grid_h += row_h[r];
    int spare = b->bottom - y - grid_h;
    if (!b->env->lower && !b->paging && spare > 0 && rows_n > 0) {
        /* Room to spare: taller tiles, easier to hit. */
        int more = spare / rows_n / 2, cap = ww_mm(L, 12);
        more = more < cap ? more : cap;
        for (int r = 0; r < rows_n && r < WW_FLOW_MAX_TOPICS; r++)
            row_h[r] += more;
        grid_h += rows_n * more;
    }
    int below_heading = y;
    if (!b->paging && (b->env->lower || y + grid_h > b->bottom))
        y = b->bottom - grid_h;
    if (y < below_heading)
        b->crowded = true; /* the grid would cover the heading */
    int ry = y;
    for (size_t i = 0; i < f->n_topics; i++) {
        int r = (int)i / cols, c = (int)i % cols;
        if (r >= WW_FLOW_MAX_TOPICS)
            break;
        if (i > 0 && c == 0)
            ry += row_h[r - 1] + L->gap;
        char name[WW_TARGET_SIZE];
        ww_fmt(name, sizeof name, "topic:%s", f->topics[i].id);
        button(b, name, T(f->topics[i].title), NULL, f->topics[i].icon,
               (struct ww_rect){b->x0 + c * (cw + L->gap), ry, cw, row_h[r]}, B_NORMAL,
               L->button_px);
    }
}

/* Where the resident is in the whole journey: a line ("Vraag 2" on the
 * questions, "Stap 3 van 5" after them) and a bar of the five phases, the
 * ones done and the current one filled. Returns the height. */
static int progress(struct b *b, int y)
{
    const struct ww_layout *L = &b->L;
    int phase, number;
    ww_session_progress(b->s, &phase, &number);
    if (phase <= 0)
        return 0;
    int lh = ww_mm(L, 2.5);
    int gap = L->gap / 2;
    if (b->tight > 1)
        return 0; /* the content first */
    if (b->tight) {
        /* The content did not fit: the bar alone, the words are what goes. */
        int w = b->x1 - b->x0;
        int sw = (w - (WW_PHASES - 1) * gap) / WW_PHASES;
        for (int i = 0; i < WW_PHASES; i++)
            rect(b, (struct ww_rect){b->x0 + i * (sw + gap), y, sw, lh},
                 i < phase ? WW_C_PROGRESS : WW_C_TRACK, lh / 2);
        return lh;
    }
    char buf[96];
    if (number > 0) {
        ww_i18n_format_int(buf, sizeof buf, N_("Vraag %d"), &number, 1);
    } else {
        const int values[] = {phase, WW_PHASES};
        ww_i18n_format_int(buf, sizeof buf, N_("Stap %d van %d"), values, 2);
    }
    if (L->landscape) {
        /* Wide and low: the words and the bar on one line. */
        int tw = (b->x1 - b->x0) / 3;
        int h = text(b, buf, L->small_px, false, WW_C_MUTED, WW_C_BG,
                     (struct ww_rect){b->x0, y, tw, 0}, WW_TEXT_START);
        int x = b->x0 + tw + L->gap, w = b->x1 - x;
        int sw = (w - (WW_PHASES - 1) * gap) / WW_PHASES;
        for (int i = 0; i < WW_PHASES; i++)
            rect(b, (struct ww_rect){x + i * (sw + gap), y + (h - lh) / 2, sw, lh},
                 i < phase ? WW_C_PROGRESS : WW_C_TRACK, lh / 2);
        return h;
    }
    int h = text(b, buf, L->small_px, false, WW_C_MUTED, WW_C_BG,
                 (struct ww_rect){b->x0, y, b->x1 - b->x0, 0}, WW_TEXT_START);
    int w = b->x1 - b->x0;
    int sw = (w - (WW_PHASES - 1) * gap) / WW_PHASES;
    for (int i = 0; i < WW_PHASES; i++)
        rect(b, (struct ww_rect){b->x0 + i * (sw + gap), y + h + L->gap / 2, sw, lh},
             i < phase ? WW_C_PROGRESS : WW_C_TRACK, lh / 2);
    return h + L->gap / 2 + lh;
}

static void question(struct b *b)
{
    const struct ww_layout *L = &b->L;
    const struct ww_flow_question *q =
        ww_flows_question(b->env->flows, b->s->topic, b->s->question);
    if (!q)
        return;
    int y = b->top;
    int ph = progress(b, y);
    y += ph ? ph + L->gap * 2 : 0;
    y += heading(b, T(q->text), y);
    if (q->explain[0])
        y += L->gap / 2 + para(b, T(q->explain), y + L->gap / 2, WW_C_MUTED);
    int marked = ww_session_marked(b->s);
    struct row rw[WW_FLOW_MAX_ANSWERS + 1];
    char names[WW_FLOW_MAX_ANSWERS][WW_TARGET_SIZE];
    size_t n = 0;
    for (size_t i = 0; i < q->n_answers && i < WW_FLOW_MAX_ANSWERS; i++) {
        ww_fmt(names[i], sizeof names[i], "answer:%zu", i + 1);
        rw[n++] = (struct row){names[i], T(q->answers[i].text), NULL,
                               q->answers[i].icon[0] ? q->answers[i].icon : NULL,
                               marked == (int)i + 1 ? B_MARKED : B_NORMAL};
    }
    rw[n++] = (struct row){"dontknow", _("Ik weet het niet"), NULL, "vraag",
                           marked == 0 ? B_MARKED : B_NORMAL};
    place_rows(b, rw, n, y);
}

static const struct ww_partner *partner_by_id(const struct b *b, const char *id)
{
    return ww_config_partner(b->env->cfg, id, NULL);
}

/* Prose (a "why" or "alternative" paragraph) in a card. Laid out for
 * pages, each sentence is a text of its own, so a paragraph taller than a
 * page goes on over the next page instead of being cut. */
static int prose(struct b *b, const char *str, enum ww_role fg, enum ww_role bg, struct ww_rect box)
{
    int px = b->L.body_px;
    if (!b->paging)
        return text(b, str, px, false, fg, bg, box, WW_TEXT_START);
    int h = 0;
    const char *p = str;
    while (*p) {
        const char *end = p;
        while (*end && !(strchr(".?!:", *end) && end[1] == ' '))
            end++;
        if (*end)
            end++;
        char sentence[512];
        size_t n =
            (size_t)(end - p) < sizeof sentence - 1 ? (size_t)(end - p) : sizeof sentence - 1;
        memcpy(sentence, p, n);
        sentence[n] = '\0';
        h += text(b, sentence, px, false, fg, bg, (struct ww_rect){box.x, box.y + h, box.w, 0},
                  WW_TEXT_START);
        p = end;
        while (*p == ' ')
            p++;
    }
    return h;
}

/* The partner card of an outcome: who, when, why (and, with nobody here,
 * whom to call). Returns the bottom. */
static int who_card(struct b *b, const struct ww_outcome_view *v, int x0, int x1, int y)
{
    const struct ww_layout *L = &b->L;
    int pad = pad_of(b), tw = x1 - x0 - 2 * pad;
    size_t at = b->d->n;
    int inner = y + pad;
    if (v->who && *v->who)
        inner += keep(b, text(b, v->who, L->title_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
                              (struct ww_rect){x0 + pad, inner, tw, 0}, WW_TEXT_START));
    if (v->here_line[0])
        inner += text(b, v->here_line, L->body_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
                      (struct ww_rect){x0 + pad, inner, tw, 0}, WW_TEXT_START);
    if (v->offline && *v->offline)
        inner +=
            L->gap / 2 + text(b, v->offline, L->body_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
                              (struct ww_rect){x0 + pad, inner + L->gap / 2, tw, 0}, WW_TEXT_START);
    if (v->why && *v->why)
        inner += L->gap / 2 + prose(b, v->why, WW_C_PANEL_TEXT, WW_C_PANEL,
                                    (struct ww_rect){x0 + pad, inner + L->gap / 2, tw, 0});
    for (size_t i = 0; i < v->n_alt && v->here == WW_HERE_NONE; i++) {
        char line[256];
        inner += L->gap / 2;
        inner += text(b, v->alt[i].name, L->body_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
                      (struct ww_rect){x0 + pad, inner, tw, 0}, WW_TEXT_START);
        if (v->alt[i].phone[0] || v->alt[i].phone_hours[0])
            keep(b, 0);
        if (v->alt[i].phone[0]) {
            ww_fmt(line, sizeof line, "%s %s", _("Bel"), v->alt[i].phone);
            inner += text(b, line, L->body_px, false, WW_C_PANEL_TEXT, WW_C_PANEL,
                          (struct ww_rect){x0 + pad, inner, tw, 0}, WW_TEXT_START);
            if (v->alt[i].phone_hours[0])
                keep(b, 0);
        }
        if (v->alt[i].phone_hours[0])
            inner += text(b, v->alt[i].phone_hours, L->small_px, false, WW_C_PANEL_TEXT, WW_C_PANEL,
                          (struct ww_rect){x0 + pad, inner, tw, 0}, WW_TEXT_START);
    }
    if (v->here == WW_HERE_NONE && v->alternative && *v->alternative)
        inner += L->gap / 2 + prose(b, v->alternative, WW_C_PANEL_TEXT, WW_C_PANEL,
                                    (struct ww_rect){x0 + pad, inner + L->gap / 2, tw, 0});
    panel_under(b, at, (struct ww_rect){x0, y, x1 - x0, inner + pad - y});
    return inner + pad;
}

/* What to bring, as a bulleted list in a card. Returns the bottom. */
static int bring_card(struct b *b, const struct ww_outcome_view *v, int x0, int x1, int y)
{
    const struct ww_layout *L = &b->L;
    if (v->n_bring == 0)
        return y;
    int pad = pad_of(b), tw = x1 - x0 - 2 * pad;
    size_t at = b->d->n;
    int inner = y + pad;
    inner += keep(b, text(b, _("Neem mee:"), L->body_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
                          (struct ww_rect){x0 + pad, inner, tw, 0}, WW_TEXT_START));
    int bullet = ww_mm(L, 6);
    int dot = ww_mm(L, 1.8);
    for (size_t i = 0; i < v->n_bring; i++) {
        int lh = text(b, v->bring[i], L->body_px, false, WW_C_PANEL_TEXT, WW_C_PANEL,
                      (struct ww_rect){x0 + pad + bullet, inner, tw - bullet, 0}, WW_TEXT_START);
        rect(b, (struct ww_rect){x0 + pad + bullet / 4, inner + L->body_px * 3 / 5, dot, dot},
             WW_C_PANEL_TEXT, dot / 2);
        inner += lh;
    }
    panel_under(b, at, (struct ww_rect){x0, y, x1 - x0, inner + pad - y});
    return inner + pad;
}

static void outcome(struct b *b)
{
    const struct ww_layout *L = &b->L;
    const struct ww_flow_outcome *o = ww_session_outcome(b->env->flows, b->s);
    if (!o)
        return;
    struct ww_outcome_view v;
    struct ww_resolution none = {.here = WW_HERE_NONE, .rank = -1};
    ww_outcome_view(b->env->cfg, b->env->loc, o, b->s->resolved ? &b->s->resolution : &none, &v);
    if (!b->s->resolved) {
        /* The store has not answered yet (a slow server): no guess. */
        ww_strlcpy(v.here_line, _("Een moment..."), sizeof v.here_line);
        v.n_alt = 0;
        v.alternative = "";
    }

    struct row rw[3];
    size_t n = 0;
    if (offered(b, "book"))
        rw[n++] = (struct row){"book", _("Kies een tijd"), NULL, "calendar", B_PRIMARY};
    rw[n++] = (struct row){"next", offered(b, "book") ? _("Verder zonder afspraak") : _("Verder"),
                           NULL, NULL, B_NORMAL};
    if (offered(b, "more:yes"))
        rw[n++] = (struct row){"more:yes", _("Ik heb nog een vraag"), NULL, "vraag", B_NORMAL};

    int y = b->top;
    int ph = progress(b, y);
    y += ph ? ph + L->gap : 0;
    int w = b->x1 - b->x0;
    int pad = pad_of(b);
    /* The notices (safety, must-know) come first, in
     * one marked box, whoever is on site: shown and read on every visit. */
    const char *first[1 + WW_FLOW_MAX_NOTICES];
    size_t n_first = 0;
    for (size_t i = 0; i < v.n_notices; i++)
        if (v.notices[i] && *v.notices[i])
            first[n_first++] = v.notices[i];
    if (n_first) {
        int th = 0;
        for (size_t i = 0; i < n_first; i++)
            th += (i ? L->gap / 2 : 0) + text_h(b, first[i], L->body_px, true, w - 2 * pad);
        struct ww_rect r = {b->x0, y, w, th + 2 * pad};
        rect(b, r, WW_C_URGENT, L->radius);
        frame(b, r, WW_C_URGENT_EDGE, L->radius, L->edge * 2);
        int ty = r.y + pad;
        for (size_t i = 0; i < n_first; i++)
            ty += L->gap / 2 + text(b, first[i], L->body_px, true, WW_C_URGENT_TEXT, WW_C_URGENT,
                                    (struct ww_rect){r.x + pad, ty, w - 2 * pad, 0}, WW_TEXT_START);
        y += r.h + L->gap;
    }
    y += heading(b, _("Wie kan u helpen?"), y) + L->gap / 2;
    if (b->s->day_changed)
        y += para(b, _("Het is nu een nieuwe dag. Hier ziet u wat er vandaag kan."), y, WW_C_TEXT) +
             L->gap / 2;
    int bottom;
    if (L->landscape && v.n_bring > 0) {
        /* Wide screens: who and what to bring side by side. */
        int split = b->x0 + (w - L->gap) * 11 / 20;
        int b1 = who_card(b, &v, b->x0, split, y);
        int b2 = bring_card(b, &v, split + L->gap, b->x1, y);
        bottom = b1 > b2 ? b1 : b2;
    } else {
        bottom = who_card(b, &v, b->x0, b->x1, y);
        if (v.n_bring > 0)
            bottom = bring_card(b, &v, b->x0, b->x1, bottom + L->gap);
    }
    place_rows(b, rw, n, bottom);
}

static void time_screen(struct b *b)
{
    const struct ww_layout *L = &b->L;
    const struct ww_resolution *r = &b->s->resolution;
    int y = b->top;
    int ph = progress(b, y);
    y += ph ? ph + L->gap * 2 : 0;
    y += heading(b, _("Kies een tijd"), y) + L->gap / 2;
    const struct ww_partner *p =
        r->partner < b->env->cfg->n_partners ? &b->env->cfg->partners[r->partner] : NULL;
    if (p)
        y += para(b, ww_i18n_get(p->name), y, WW_C_TEXT);
    if (b->s->full)
        y += L->gap / 2 +
             para(b, _("Iemand anders heeft deze tijd net gekozen. Kies een andere tijd."),
                  y + L->gap / 2, WW_C_TEXT);
    struct row rw[3];
    char first[8], later[8], day[96];
    size_t n = 0;
    hhmm(r->first_free, first);
    hhmm(r->later_free, later);
    if (offered(b, "time:first"))
        rw[n++] = (struct row){"time:first", _("Eerste vrije tijd"), first, "clock", B_NORMAL};
    if (offered(b, "time:later"))
        rw[n++] = (struct row){"time:later", _("Later vandaag"), later, "clock", B_NORMAL};
    if (offered(b, "time:day")) {
        if (r->here == WW_HERE_LATER)
            when_text(b, r->day, r->first_free, day, sizeof day);
        else
            when_text(b, r->next_day, b->env->day_first, day, sizeof day);
        rw[n++] = (struct row){"time:day", _("Een andere dag"), day, "calendar", B_NORMAL};
    }
    static const struct {
        const char *name;
        enum ww_time_choice c;
    } choice[] = {
        {"time:first", WW_TIME_FIRST}, {"time:later", WW_TIME_LATER}, {"time:day", WW_TIME_DAY}};
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < 3; k++)
            if (strcmp(rw[i].name, choice[k].name) == 0 && b->s->time == choice[k].c)
                rw[i].style = B_MARKED;
    place_rows(b, rw, n, y);
}

static void confirm(struct b *b)
{
    const struct ww_layout *L = &b->L;
    const struct ww_resolution *r = &b->s->resolution;
    int y = b->top;
    int ph = progress(b, y);
    y += ph ? ph + L->gap * 2 : 0;
    y += heading(b, _("Dit gaat u boeken:"), y) + L->gap;
    const struct ww_partner *p =
        r->partner < b->env->cfg->n_partners ? &b->env->cfg->partners[r->partner] : NULL;
    ww_day day;
    int minute;
    ww_session_planned(b->s, &day, &minute);
    if (minute < 0 && day == r->next_day)
        minute = b->env->day_first;
    char when[128];
    when_text(b, day, minute, when, sizeof when);
    int w = b->x1 - b->x0, pad = pad_of(b);
    int inner = y + pad;
    size_t at_panel = b->d->n;
    if (p)
        inner += text(b, ww_i18n_get(p->name), L->title_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
                      (struct ww_rect){b->x0 + pad, inner, w - 2 * pad, 0}, WW_TEXT_START);
    inner += text(b, when, L->body_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
                  (struct ww_rect){b->x0 + pad, inner, w - 2 * pad, 0}, WW_TEXT_START);
    if (day == b->env->today && r->room[0])
        inner += text(b, ww_i18n_get(r->room), L->body_px, false, WW_C_PANEL_TEXT, WW_C_PANEL,
                      (struct ww_rect){b->x0 + pad, inner, w - 2 * pad, 0}, WW_TEXT_START);
    if (b->s->book_error != WW_OK && !b->s->full)
        inner += L->gap +
                 text(b,
                      b->s->book_error == WW_ERR_LIMIT
                          ? _("U heeft al genoeg afspraken gemaakt. Wilt u er nog een? Ga "
                              "naar de balie. Daar helpen ze u verder.")
                      : b->s->book_error == WW_ERR_UNAVAILABLE || b->s->book_error == WW_ERR_IO
                          ? _("Een afspraak maken lukt nu niet. Ga naar de balie. Daar "
                              "helpt een medewerker u verder.")
                          : _("Het boeken lukte niet. Probeer het nog een keer."),
                      L->body_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
                      (struct ww_rect){b->x0 + pad, inner + L->gap, w - 2 * pad, 0}, WW_TEXT_START);
    panel_under(b, at_panel, (struct ww_rect){b->x0, y, w, inner + pad - y});
    int panel_bottom = inner + pad;
    struct row rw[1] = {
        {"confirm", b->s->busy ? _("Een moment...") : _("Bevestigen"), NULL, "check", B_PRIMARY}};
    if (offered(b, "confirm"))
        place_rows(b, rw, 1, panel_bottom);
}

/* Replace two {placeholders} of a translated template. */
static void fill_in(const char *tmpl, const char *k1, const char *v1, const char *k2,
                    const char *v2, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (const char *p = tmpl; *p && used + 1 < size;) {
        const char *v = NULL;
        size_t skip = 0;
        if (strncmp(p, k1, strlen(k1)) == 0) {
            v = v1;
            skip = strlen(k1);
        } else if (strncmp(p, k2, strlen(k2)) == 0) {
            v = v2;
            skip = strlen(k2);
        }
        if (v) {
            size_t n = strlen(v);
            if (used + n >= size)
                break;
            memcpy(out + used, v, n);
            used += n;
            p += skip;
        } else {
            out[used++] = *p++;
        }
    }
    out[used] = '\0';
}

const char *ww_screen_print_status(enum ww_print_state print)
{
    switch (print) {
    case WW_PRINT_BUSY:
        return _("De printer maakt nu uw ticket.");
    case WW_PRINT_OK:
        return _("Neem uw ticket uit de printer.");
    case WW_PRINT_FAILED:
        /* Where to go, not only what went wrong. */
        return _("Helaas, de printer doet het niet. Ga naar de balie. Laat dit scherm zien.");
    default:
        return NULL;
    }
}

static void ticket(struct b *b)
{
    const struct ww_layout *L = &b->L;
    const struct ww_booking *bk = &b->s->booking;
    const struct ww_partner *p = partner_by_id(b, bk->partner);
    int y = b->top;
    int pad = pad_of(b);
    int ph = progress(b, y);
    y += ph ? ph + L->gap : 0;
    y += heading(b, _("Uw ticket"), y) + L->gap;
    /* A wide screen: the card (and the printer's word) at the start, what
     * to bring, the call-back number and "Verder" beside it. */
    int x0 = b->x0, x1 = b->x1, rest_x0 = b->x0;
    if (L->landscape) {
        x1 = b->x0 + (b->x1 - b->x0 - L->gap) / 2;
        rest_x0 = x1 + L->gap;
    }
    int w = x1 - x0;
    int rest_y = y;

    const char *status = ww_screen_print_status(b->env->print);

    /* The card: number and QR side by side, the details under them. */
    int qr = ww_mm(L, 58);
    int inner = y + pad;
    size_t at_panel = b->d->n;
    int num_w = w - 3 * pad - qr;
    int nh = text(b, _("Uw nummer"), L->body_px, false, WW_C_PANEL_TEXT, WW_C_PANEL,
                  (struct ww_rect){x0 + pad, inner, num_w, 0}, WW_TEXT_START);
    nh += text(b, bk->ticket, L->huge_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
               (struct ww_rect){x0 + pad, inner + nh, num_w, 0}, WW_TEXT_START);
    char payload[96];
    if (ww_code_qr_payload(b->env->loc->id, bk->check, payload, sizeof payload)) {
        struct ww_dcmd *c = ww_dlist_add(
            b->d, WW_D_QR, (struct ww_rect){x0 + w - pad - qr, inner, qr, qr}, WW_C_QR_DARK);
        c->text = ww_dlist_str(b->d, payload);
    }
    /* Everything the paper says is on screen and read aloud: where the
     * ticket is valid and what the code is for go beside the code, under
     * the number (drawn below, after the part said slowly). */
    char beside[256];
    ww_fmt(beside, sizeof beside, "%s. %s", T(b->env->loc->name),
           _("Laat deze code zien aan de balie."));
    int beside_y = inner + nh + L->gap / 2;
    int col = nh + L->gap / 2 + text_h(b, beside, L->body_px, false, num_w);
    inner += (col > qr ? col : qr) + L->gap;
    char when[128], line[224];
    when_text(b, bk->day, bk->start, when, sizeof when);
    if (p)
        inner += text(b, ww_i18n_get(p->name), L->title_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
                      (struct ww_rect){x0 + pad, inner, w - 2 * pad, 0}, WW_TEXT_START);
    inner += text(b, when, L->body_px, true, WW_C_PANEL_TEXT, WW_C_PANEL,
                  (struct ww_rect){x0 + pad, inner, w - 2 * pad, 0}, WW_TEXT_START);
    if (b->env->room[0]) {
        /* As the printed ticket says it (the same text, so it reads the same). */
        if (b->env->desks > 1 && bk->desk > 0) {
            char desk[16];
            ww_fmt(desk, sizeof desk, "%d", bk->desk);
            fill_in(_("{room}, plek {desk}"), "{room}", ww_i18n_get(b->env->room), "{desk}", desk,
                    line, sizeof line);
        } else {
            ww_strlcpy(line, ww_i18n_get(b->env->room), sizeof line);
        }
        inner += text(b, line, L->body_px, false, WW_C_PANEL_TEXT, WW_C_PANEL,
                      (struct ww_rect){x0 + pad, inner, w - 2 * pad, 0}, WW_TEXT_START);
    }
    panel_under(b, at_panel, (struct ww_rect){x0, y, w, inner + pad - y});
    /* The card is what speech says slowly, twice. */
    b->d->key_from = at_panel;
    b->d->key_to = b->d->n;
    text(b, beside, L->body_px, false, WW_C_PANEL_TEXT, WW_C_PANEL,
         (struct ww_rect){b->x0 + pad, beside_y, num_w, 0}, WW_TEXT_START);
    y = inner + pad + L->gap;
    if (status)
        y += text(b, status, L->body_px, false, WW_C_TEXT, WW_C_BG, (struct ww_rect){x0, y, w, 0},
                  WW_TEXT_START) +
             L->gap;
    int card_bottom = y;
    if (!L->landscape)
        rest_y = y;
    /* Everything the paper says is also on the screen (and read aloud):
     * what to bring and the number staff call from. */
    int x_save = b->x0;
    b->x0 = rest_x0;
    y = rest_y;
    const struct ww_flow_outcome *o = ww_session_outcome(b->env->flows, b->s);
    if (o) {
        struct ww_outcome_view v;
        ww_outcome_view(b->env->cfg, b->env->loc, o, &b->s->resolution, &v);
        if (v.n_bring > 0)
            y = bring_card(b, &v, b->x0, b->x1, y) + L->gap;
        /* The notices the outcome prints on the ticket. */
        for (size_t i = 0; o->notice_ticket && i < v.n_notices; i++)
            y += para(b, v.notices[i], y, WW_C_TEXT) + L->gap / 2;
    }
    /* Only a location whose staff call back has a number; say who calls
     * from it (partners call from their own numbers). The same text as the
     * ticket. */
    if (b->env->loc->callback_phone[0]) {
        char who[160];
        fill_in(_("Belt {location} u? Dan ziet u dit nummer:"), "{location}", T(b->env->loc->name),
                "{location}", T(b->env->loc->name), who, sizeof who);
        ww_fmt(line, sizeof line, "%s %s", who, b->env->loc->callback_phone);
        y += para(b, line, y, WW_C_TEXT);
    }
    /* On a wide screen "Verder" stays beside the card when there is room
     * under the card's neighbours, else it goes under both. */
    struct row rw[1] = {{"next", _("Verder"), NULL, NULL, B_PRIMARY}};
    if (L->landscape && y + L->gap * 2 + rows_h(b, rw, 1) > b->bottom && !b->paging) {
        b->x0 = x_save;
        if (card_bottom > y)
            y = card_bottom;
    }
    place_rows(b, rw, 1, y);
    b->x0 = x_save;
}

static void more(struct b *b)
{
    int y = b->top;
    y += heading(b, _("Kan ik u nog ergens anders mee helpen?"), y);
    struct row rw[2] = {
        {"more:yes", _("Ja, iets anders"), NULL, "vraag", B_NORMAL},
        {"more:no", _("Nee, klaar"), NULL, "check", B_PRIMARY},
    };
    place_rows(b, rw, 2, y);
}

static void rating(struct b *b)
{
    const struct ww_layout *L = &b->L;
    int y = b->top;
    y += heading(b, _("Hoe tevreden bent u?"), y) + L->gap * 2;
    static const char *const labels[5] = {N_("Heel slecht"), N_("Slecht"), N_("Gaat wel"),
                                          N_("Goed"), N_("Heel goed")};
    int w = b->x1 - b->x0;
    int n = 5;
    int cw = (w - (n - 1) * L->gap) / n;
    int is = ww_mm(L, 22);
    if (is > cw - pad_of(b))
        is = cw - pad_of(b);
    int h = L->target;
    for (int i = 0; i < n; i++) {
        int th = tile_h(b, T(labels[i]), cw, L->small_px, is);
        if (th > h)
            h = th;
    }
    struct row skip[1] = {{"next", _("Overslaan"), NULL, NULL, B_NORMAL}};
    int sh = rows_h(b, skip, 1);
    int at = y;
    if (!b->paging && (b->env->lower || at + h + L->gap * 2 + sh > b->bottom))
        at = b->bottom - sh - L->gap * 2 - h;
    if (at < y)
        b->crowded = true;
    for (int i = 0; i < n; i++) {
        /* Sad to happy reads in the language's direction. */
        char name[16], icon[16];
        ww_fmt(name, sizeof name, "rating:%d", i + 1);
        ww_fmt(icon, sizeof icon, "face-%d", i + 1);
        tile(b, name, T(labels[i]), icon, (struct ww_rect){b->x0 + i * (cw + L->gap), at, cw, h},
             b->s->rating == i + 1 ? B_MARKED : B_NORMAL, L->small_px, is);
    }
    rows(b, skip, 1, at + h + L->gap * 2);
}

static void goodbye(struct b *b)
{
    const struct ww_layout *L = &b->L;
    int is = ww_mm(L, 40);
    int th = text_h(b, _("Dank u wel. Tot ziens."), L->title_px, true, b->x1 - b->x0);
    int y = b->top + (b->bottom - b->top - is - th - L->gap * 2) / 2;
    picto(b, "face-5", (struct ww_rect){(b->x0 + b->x1 - is) / 2, y, is, is}, WW_C_TEXT);
    text(b, _("Dank u wel. Tot ziens."), L->title_px, true, WW_C_TEXT, WW_C_BG,
         (struct ww_rect){b->x0, y + is + L->gap * 2, b->x1 - b->x0, 0}, WW_TEXT_CENTER);
}

/* The idle warning covers the whole screen (nothing of the resident's
 * answers shows through) and one tap anywhere keeps the session. */
static void warning(struct b *b)
{
    const struct ww_layout *L = &b->L;
    struct ww_rect all = {0, 0, L->w, L->h};
    b->d->content_from = b->d->n;
    rect(b, all, WW_C_SHADE, 0);
    int x0 = L->margin * 2, w = L->w - 4 * L->margin;
    int pad = pad_of(b);
    char msg[160], num[16];
    ww_i18n_format_int(msg, sizeof msg, N_("Het scherm begint opnieuw over %d seconden."),
                       &b->s->countdown, 1);
    ww_fmt(num, sizeof num, "%d", b->s->countdown);
    const char *title = _("Bent u er nog?");
    /* A keypad user (audio mode) cannot tap: any key keeps the session. */
    const char *stay =
        b->s->audio ? _("Druk op een toets om verder te gaan.") : _("Tik hier om verder te gaan.");
    int h1 = text_h(b, title, L->title_px, true, w - 2 * pad);
    int h2 = text_h(b, num, L->huge_px, true, w - 2 * pad);
    int h3 = text_h(b, msg, L->body_px, false, w - 2 * pad);
    int bh = button_h(b, stay, NULL, false, w - 2 * pad, L->title_px);
    int total = h1 + h2 + h3 + bh + 4 * L->gap + 2 * pad;
    int y = (L->h - total) / 2;
    int reach_top, reach_bottom;
    ww_layout_reach(L, &reach_top, &reach_bottom);
    if (b->env->lower && y + total > reach_bottom)
        y = reach_bottom - total;
    if (b->env->lower && y < reach_top && reach_bottom - reach_top >= total)
        y = reach_top;
    struct ww_rect panel = {x0, y, w, total};
    rect(b, panel, WW_C_BG, L->radius * 2);
    frame(b, panel, WW_C_BUTTON_EDGE, L->radius * 2, L->edge * 2);
    int yy = y + pad;
    yy += text(b, title, L->title_px, true, WW_C_TEXT, WW_C_BG,
               (struct ww_rect){x0 + pad, yy, w - 2 * pad, 0}, WW_TEXT_CENTER) +
          L->gap;
    yy += text(b, num, L->huge_px, true, WW_C_TEXT, WW_C_BG,
               (struct ww_rect){x0 + pad, yy, w - 2 * pad, 0}, WW_TEXT_CENTER) +
          L->gap;
    yy += text(b, msg, L->body_px, false, WW_C_TEXT, WW_C_BG,
               (struct ww_rect){x0 + pad, yy, w - 2 * pad, 0}, WW_TEXT_CENTER) +
          L->gap;
    struct look lk = look_of(b, B_PRIMARY);
    struct ww_rect r = {x0 + pad, yy, w - 2 * pad, bh};
    rect(b, r, lk.fill, L->radius);
    text(b, stay, L->title_px, true, lk.fg, lk.fill,
         (struct ww_rect){r.x + pad, r.y, r.w - 2 * pad, r.h}, WW_TEXT_CENTER);
    /* The visible button first (for speech and the focus ring), then the
     * whole screen: any tap keeps the session. */
    b->d->n_targets = 0;
    ww_dlist_target(b->d, "stay", r, stay);
    ww_dlist_target(b->d, "stay", all, stay);
}

static void content(struct b *b)
{
    switch (b->s->screen) {
    case WW_SCREEN_ATTRACT:
        attract(b);
        break;
    case WW_SCREEN_TOPICS:
        topics(b);
        break;
    case WW_SCREEN_QUESTION:
        question(b);
        break;
    case WW_SCREEN_OUTCOME:
        outcome(b);
        break;
    case WW_SCREEN_TIME:
        time_screen(b);
        break;
    case WW_SCREEN_CONFIRM:
        confirm(b);
        break;
    case WW_SCREEN_TICKET:
        ticket(b);
        break;
    case WW_SCREEN_MORE:
        more(b);
        break;
    case WW_SCREEN_RATING:
        rating(b);
        break;
    case WW_SCREEN_GOODBYE:
        goodbye(b);
        break;
    default:
        break;
    }
}

/* Did the content since command `from` stay inside the content area? */
/* Does the content fit? *reach is set when only the reach of "buttons
 * lower" was missed (the text itself fits the screen). */
static bool fits(const struct b *b, size_t from, size_t from_target, bool *reach)
{
    *reach = false;
    if (b->crowded)
        return false;
    for (size_t i = from; i < b->d->n; i++) {
        const struct ww_dcmd *c = &b->d->cmds[i];
        if (c->r.y < b->top - 1 || c->r.y + c->r.h > b->bottom + 1)
            return false;
        if (c->kind == WW_D_TEXT && c->overflow)
            return false;
    }
    if (b->env->lower) {
        /* "Buttons lower" promises every control within reach. */
        int top, bottom;
        ww_layout_reach(&b->L, &top, &bottom);
        for (size_t i = from_target; i < b->d->n_targets; i++)
            if (b->d->targets[i].r.y < top ||
                b->d->targets[i].r.y + b->d->targets[i].r.h > bottom) {
                *reach = true;
                return false;
            }
    }
    return true;
}

/* "Buttons lower": the controls sit at the bottom; bring the text above
 * them down too, so question and answers stay together at a comfortable
 * height instead of the question at the top of the screen. */
static void close_up(struct b *b, size_t from, size_t from_target)
{
    struct ww_dlist *d = b->d;
    if (from_target >= d->n_targets)
        return;
    int controls = b->bottom;
    for (size_t i = from_target; i < d->n_targets; i++)
        if (d->targets[i].r.y < controls)
            controls = d->targets[i].r.y;
    int text_bottom = -1;
    for (size_t i = from; i < d->n; i++) {
        const struct ww_dcmd *c = &d->cmds[i];
        if (c->r.y < controls && c->r.y + c->r.h > controls)
            return; /* text beside the controls (a second column): it stays */
        if (c->r.y < controls && c->r.y + c->r.h <= controls && c->r.y + c->r.h > text_bottom)
            text_bottom = c->r.y + c->r.h;
    }
    int dy = controls - b->L.gap * 2 - text_bottom;
    if (text_bottom < 0 || dy <= 0)
        return;
    for (size_t i = from; i < d->n; i++) {
        struct ww_dcmd *c = &d->cmds[i];
        if (c->r.y + c->r.h <= controls) {
            c->r.y += dy;
            c->clip.y += dy;
        }
    }
}

static void shrink(struct ww_layout *L, int floor_px)
{
    int body = L->body_px * 9 / 10;
    if (body < floor_px)
        body = floor_px;
    L->body_px = body;
    L->button_px = body;
    L->title_px = body * 13 / 10;
    L->huge_px = body * 3;
    if (L->small_px > body)
        L->small_px = body;
    L->icon = L->icon * 9 / 10;
    L->target = L->target * 19 / 20;
    if (L->target < L->bar_target)
        L->target = L->bar_target;
}

/* ---- pages: content too long for the screen ---- */

#define MAX_PAGES 16

/* Is command `c` part of a button (its fill or frame is the target's box)? */
static bool of_target(const struct ww_dlist *d, size_t from_target, const struct ww_dcmd *c)
{
    for (size_t i = from_target; i < d->n_targets; i++) {
        struct ww_rect t = d->targets[i].r;
        if (c->r.x == t.x && c->r.y == t.y && c->r.w == t.w && c->r.h == t.h)
            return true;
    }
    return false;
}

/* Texts, pictograms, QR codes and buttons are never cut; cards, bars and
 * dots (rectangles that hold other things) are cut to the page. */
static bool atomic(const struct ww_dlist *d, size_t from_target, const struct ww_dcmd *c)
{
    return c->kind == WW_D_TEXT || c->kind == WW_D_PICTO || c->kind == WW_D_QR ||
           of_target(d, from_target, c);
}

static bool contains_rect(struct ww_rect outer, struct ww_rect in)
{
    return in.x >= outer.x && in.y >= outer.y && in.x + in.w <= outer.x + outer.w &&
           in.y + in.h <= outer.y + outer.h;
}

static int page_of_y(const int *starts, int pages, int y)
{
    int p = 0;
    while (p + 1 < pages && y >= starts[p + 1])
        p++;
    return p;
}

/* The content since command `from` was laid out top down from b->top
 * without a bottom. Split it at the tops of whole items into pages that
 * each fit above a row of page buttons, show page env->page (clamped), and
 * hide the rest (hidden commands are still read aloud). */
static void paginate(struct b *b, size_t from, size_t from_target)
{
    struct ww_dlist *d = b->d;
    const struct ww_layout *L = &b->L;
    const char *prev = _("Vorige pagina"), *next = _("Volgende pagina");
    /* The page buttons: "Vorige pagina", where we are, "Volgende pagina"
     * in one row; when a word does not fit a third, the two buttons take
     * half each and where we are goes above them. */
    char where[96];
    ww_i18n_format_int(where, sizeof where, N_("Pagina %d van %d"), (const int[]){1, MAX_PAGES}, 2);
    int bw = (b->x1 - b->x0 - 2 * L->gap) / 3;
    const char *labels[3] = {prev, next, NULL};
    int inner = 2 * pad_of(b) + check_room(b);
    int where_h = 0;
    if (!labels_fit(b, labels, 2, L->button_px, true, bw, inner) ||
        !labels_fit(b, (const char *const[]){where}, 1, L->body_px, true, bw, 0)) {
        bw = (b->x1 - b->x0 - L->gap) / 2;
        where_h = text_h(b, where, L->body_px, true, b->x1 - b->x0) + L->gap;
    }
    int ph = button_h(b, prev, NULL, false, bw, L->button_px);
    int nh = button_h(b, next, NULL, false, bw, L->button_px);
    int pager_h = (ph > nh ? ph : nh) + where_h;
    int window = b->bottom - pager_h - L->gap * 2 - b->top;
    if (b->env->lower) {
        /* "Buttons lower": every page within reach. */
        int reach_top, reach_bottom;
        ww_layout_reach(L, &reach_top, &reach_bottom);
        if (reach_top > b->top)
            window -= reach_top - b->top;
    }
    if (window < L->target)
        window = L->target;

    /* Page starts: greedy, each page takes every whole item that ends
     * within its window; the next starts at the first item that does not. */
    int starts[MAX_PAGES];
    int pages = 1;
    starts[0] = b->top;
    int lead = pad_of(b); /* room above a card that goes on from the page before */
    for (;;) {
        int start = starts[pages - 1], end = start + window - (pages > 1 ? lead : 0);
        int next_start = -1;
        for (size_t i = from; i < d->n; i++) {
            const struct ww_dcmd *c = &d->cmds[i];
            if (!atomic(d, from_target, c) || c->r.y < start)
                continue;
            if (c->r.y + c->r.h > end && (next_start < 0 || c->r.y < next_start))
                next_start = c->r.y;
        }
        for (size_t i = from_target; i < d->n_targets; i++) {
            struct ww_rect r = d->targets[i].r;
            if (r.y >= start && r.y + r.h > end && (next_start < 0 || r.y < next_start))
                next_start = r.y;
        }
        /* A heading or a name goes to the next page with the line after it,
         * and a button that the break would cut (beside a taller column on
         * a wide screen) goes to the next page whole. */
        for (bool moved = next_start > start; moved;) {
            moved = false;
            for (size_t i = from_target; i < d->n_targets && !moved; i++) {
                struct ww_rect r = d->targets[i].r;
                if (r.y > start && r.y < next_start && r.y + r.h > next_start) {
                    next_start = r.y;
                    moved = true;
                }
            }
            for (size_t i = from; i < d->n && !moved; i++) {
                const struct ww_dcmd *c = &d->cmds[i];
                if (c->kind != WW_D_TEXT || !c->keep || c->r.y <= start || c->r.y >= next_start)
                    continue;
                size_t j = i + 1;
                while (j < d->n && d->cmds[j].kind != WW_D_TEXT)
                    j++;
                if (j < d->n && d->cmds[j].r.y >= next_start) {
                    next_start = c->r.y;
                    moved = true;
                }
            }
        }
        if (next_start < 0 || pages == MAX_PAGES)
            break;
        if (next_start <= start)
            next_start = end; /* one item taller than a page: it is cut (and reported) */
        starts[pages++] = next_start;
    }
    int page = b->env->page;
    if (page >= pages)
        page = pages - 1;
    if (page < 0)
        page = 0;
    int top = starts[page];
    /* The lowest whole item of the page: cards that go on to the next page
     * end a little below it. */
    int low = top;
    for (size_t i = from; i < d->n; i++) {
        const struct ww_dcmd *c = &d->cmds[i];
        if (atomic(d, from_target, c) && page_of_y(starts, pages, c->r.y) == page &&
            c->r.y + c->r.h > low)
            low = c->r.y + c->r.h;
    }
    if (page == 0)
        lead = 0;
    int bottom = low + pad_of(b);
    if (bottom > top - lead + window)
        bottom = top - lead + window;
    int dy = b->top - (top - lead);
    if (b->env->lower)
        dy = b->bottom - pager_h - L->gap * 2 - bottom; /* within reach: on the page buttons */

    /* Whole items show on their own page. */
    for (size_t i = from; i < d->n; i++) {
        struct ww_dcmd *c = &d->cmds[i];
        if (atomic(d, from_target, c))
            c->hidden = page_of_y(starts, pages, c->r.y) != page;
    }
    /* A card holding whole items shows (cut to the page) where they do; a
     * shape that holds nothing (a bullet, the progress bar) where it lies. */
    for (size_t i = from; i < d->n; i++) {
        struct ww_dcmd *c = &d->cmds[i];
        if (atomic(d, from_target, c))
            continue;
        int y0 = c->r.y > top ? c->r.y : top;
        int y1 = c->r.y + c->r.h < bottom ? c->r.y + c->r.h : bottom;
        bool holds = false, holds_here = false;
        for (size_t j = from; j < d->n; j++) {
            const struct ww_dcmd *a = &d->cmds[j];
            if (j != i && atomic(d, from_target, a) && contains_rect(c->r, a->r)) {
                holds = true;
                holds_here = holds_here || !a->hidden;
            }
        }
        c->hidden = y1 <= y0 || (holds && !holds_here);
        if (!c->hidden && y0 == top)
            y0 = c->r.y > top - lead ? c->r.y : top - lead;
        if (!c->hidden) {
            c->r.y = y0;
            c->r.h = y1 - y0;
        }
    }
    for (size_t i = from; i < d->n; i++) {
        struct ww_dcmd *c = &d->cmds[i];
        if (!c->hidden) {
            c->r.y += dy;
            c->clip.y += dy;
        }
    }
    size_t kept = from_target;
    for (size_t i = from_target; i < d->n_targets; i++) {
        struct ww_dtarget t = d->targets[i];
        int p = page_of_y(starts, pages, t.r.y);
        if (p == page) {
            t.r.y += dy;
            d->targets[kept++] = t;
        } else if (d->n_paged < WW_DLIST_TARGETS) {
            ww_strlcpy(d->paged[d->n_paged].name, t.name, sizeof d->paged[0].name);
            d->paged[d->n_paged++].page = p;
        }
    }
    d->n_targets = kept;
    d->page = page;
    d->pages = pages;
    if (pages < 2)
        return;

    /* The page buttons under the page. */
    int y = b->bottom - pager_h;
    int bh = pager_h - where_h;
    ww_i18n_format_int(where, sizeof where, N_("Pagina %d van %d"), (const int[]){page + 1, pages},
                       2);
    if (where_h > 0)
        text(b, where, L->body_px, true, WW_C_TEXT, WW_C_BG,
             (struct ww_rect){b->x0, y, b->x1 - b->x0, 0}, WW_TEXT_CENTER);
    else
        text(b, where, L->body_px, true, WW_C_TEXT, WW_C_BG,
             (struct ww_rect){b->x0 + bw + L->gap, y, bw, bh}, WW_TEXT_CENTER);
    y += where_h;
    if (page > 0)
        button(b, "page:prev", prev, NULL, NULL, (struct ww_rect){b->x0, y, bw, bh}, B_NORMAL,
               L->button_px);
    if (page + 1 < pages)
        button(b, "page:next", next, NULL, NULL, (struct ww_rect){b->x1 - bw, y, bw, bh}, B_PRIMARY,
               L->button_px);
}

/* Screens whose content can be laid out top down and split into pages (the
 * goodbye screen is one picture and one line). */
static bool pageable(enum ww_screen screen)
{
    return screen != WW_SCREEN_GOODBYE;
}

/* The smallest body text content may shrink to when it does not fit: a
 * capital of 4.8 mm, and 8.7 mm in the large-text size (ACCESSIBILITY 10;
 * Noto Sans' capital is 0.714 em). Below that, content is split into pages. */
static int floor_px(const struct ww_layout *L)
{
    return ww_mm(L, L->text_size == WW_LAYOUT_SIZES - 1 ? 12.2 : 6.8);
}

void ww_screen_layout(const struct ww_screen_env *env, const struct ww_session *s,
                      struct ww_layout *L)
{
    const struct ww_lang *lang = ww_i18n_find(s->lang);
    ww_layout_init(L, &env->geom, env->w, env->h, s->text_size, env->lower, lang && lang->rtl);
}

/* "Buttons lower" when the controls do not fit in the reach band at the
 * chosen text size: the controls move closer together and closer to the
 * floor instead of the text getting smaller. Gaps stay at least 2.5 mm and
 * targets at least 20 mm (ACCESSIBILITY row 11); the focus ring (2.1 mm
 * outside a control) still leaves ground between it and the next one. */
static void compact_layout(struct ww_layout *L)
{
    L->gap = ww_mm(L, 3.0);
    L->margin = ww_mm(L, 6);
    L->target = ww_mm(L, 21);
    L->bar_target = ww_mm(L, 21);
    L->icon = ww_mm(L, 12);
    L->bar_icon = ww_mm(L, 8);
}

static void build(const struct ww_screen_env *env, const struct ww_session *s, struct ww_dlist *d,
                  bool compact)
{
    struct b bb;
    struct b *b = &bb;
    memset(b, 0, sizeof *b);
    b->env = env;
    b->s = s;
    b->d = d;
    b->compact = compact;
    ww_screen_layout(env, s, &b->L);
    if (compact)
        compact_layout(&b->L);
    b->th = ww_theme_get(s->contrast);
    b->n_targets =
        ww_session_targets(env->flows, s, b->targets, sizeof b->targets / sizeof b->targets[0]);
    ww_dlist_reset(d);
    d->theme = b->th;
    d->focus_px = b->L.focus;
    d->focus_pad = b->L.focus + ww_mm(&b->L, 0.5);
    d->radius = b->L.radius;
    ww_session_screen_id(env->flows, s, d->screen, sizeof d->screen);

    const struct ww_layout *L = &b->L;
    b->x0 = L->margin;
    b->x1 = L->w - L->margin;
    /* Warnings hide the session's screen completely; its targets must not
     * exist under the veil, but the frame is kept so nothing jumps. */
    struct ww_session shown = *s;
    shown.warning = false;
    if (s->warning)
        b->n_targets = ww_session_targets(env->flows, &shown, b->targets,
                                          sizeof b->targets / sizeof b->targets[0]);

    int talk_top = bars(b);
    if (s->screen == WW_SCREEN_ATTRACT) {
        /* The attract screen shows the languages big, as its content. */
        b->top = L->margin;
        b->bottom = talk_top - L->gap * 2;
    } else if (env->lower) {
        /* The languages just above the talk row, within reach. */
        int y = talk_top - L->gap - lang_row_h(b);
        lang_row(b, y);
        b->top = L->margin;
        b->bottom = y - L->gap * 2;
    } else {
        int lh = lang_row(b, L->margin);
        b->top = L->margin + lh + L->gap * 3;
        b->bottom = talk_top - L->gap * 2;
    }

    /* Build the content; when it does not fit (long translations at a large
     * text size on a low screen), build it again with the content text one
     * step smaller, never below the smallest readable size. */
    size_t m_cmd = d->n, m_target = d->n_targets, m_used = d->used;
    d->content_from = d->n;
    int floor = floor_px(L);
    bool fit = false, reach = false;
    for (int attempt = 0; attempt < 8; attempt++) {
        b->crowded = false;
        b->tight = attempt == 0 ? 0 : b->L.body_px <= floor ? 2 : 1;
        content(b);
        fit = fits(b, m_cmd, m_target, &reach);
        if (fit || b->L.body_px <= floor)
            break;
        if (reach) {
            /* With "buttons lower", controls out of reach are no reason for
             * smaller text: the compact layout (less room around the
             * controls) is tried next (ww_screen_build), then pages, each
             * within reach. */
            d->reach_shrunk += !b->compact;
            break;
        }
        d->n = m_cmd;
        d->n_targets = m_target;
        d->used = m_used;
        shrink(&b->L, floor);
    }
    if (!fit && pageable(s->screen)) {
        /* Still too long (or, with "buttons lower", still out of reach) at
         * the smallest allowed size: lay it out top down without a bottom
         * and split it into pages, each within reach. */
        d->n = m_cmd;
        d->n_targets = m_target;
        d->used = m_used;
        int bottom = b->bottom;
        b->bottom = b->top + (bottom - b->top) * MAX_PAGES;
        b->paging = true;
        b->crowded = false;
        content(b);
        b->bottom = bottom;
        paginate(b, m_cmd, m_target);
        b->paging = false;
    } else if (env->lower) {
        close_up(b, m_cmd, m_target);
    }
    /* The attract screen starts, and "Dank u wel" starts the next visit, on
     * a tap anywhere (a gap between buttons included). */
    if (s->screen == WW_SCREEN_ATTRACT)
        anywhere_target(b, _("Tik om te beginnen"));
    else if (s->screen == WW_SCREEN_GOODBYE)
        anywhere_target(b, _("Dank u wel. Tot ziens."));
    if (s->warning)
        warning(b);

    if (L->rtl) {
        for (size_t i = 0; i < d->n; i++) {
            d->cmds[i].r = ww_layout_mirror(L, d->cmds[i].r);
            d->cmds[i].clip = ww_layout_mirror(L, d->cmds[i].clip);
        }
        for (size_t i = 0; i < d->n_targets; i++)
            d->targets[i].r = ww_layout_mirror(L, d->targets[i].r);
    }
}

void ww_screen_build(const struct ww_screen_env *env, const struct ww_session *s,
                     struct ww_dlist *d)
{
    build(env, s, d, false);
    if (env->lower && d->reach_shrunk > 0)
        build(env, s, d, true);
}
