#include "signage/slides.h"

#include "core/ini.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/qr.h"
#include "core/schedule.h"
#include "core/str.h"
#include "render/text.h"

#include <SDL2/SDL_image.h>

#include <stdlib.h>
#include <string.h>

struct ww_slides {
    int w, h;
    char assets[WW_PATH_SIZE];
    struct ww_text *text;
    char missing[8][WW_ID_SIZE]; /* pictograms already reported missing */
    bool rtl;                    /* the slide language reads right to left */
    FILE *log;                   /* what was drawn, or NULL */
    char tag[160];               /* its prefix */
};

#define MSG_SCAN    N_("Scan met uw telefoon")
#define MSG_WEEK_AT N_("{location}, {week}")

void ww_slides_set_lang(struct ww_slides *s, const char *code)
{
    ww_i18n_set(code);
    s->rtl = ww_i18n_rtl();
}

void ww_slides_set_log(struct ww_slides *s, FILE *log, const char *tag)
{
    s->log = log;
    ww_strlcpy(s->tag, tag, sizeof s->tag);
}

/* One line per drawn text: "TAG part=PART dir=ltr|rtl text=TEXT" with a
 * line break written as "\n", so a test can compare texts with the PO
 * catalogue's msgids. */
static void log_text(struct ww_slides *s, const char *part, bool rtl, const char *utf8)
{
    if (!s->log)
        return;
    fprintf(s->log, "%s part=%s dir=%s text=", s->tag, part, rtl ? "rtl" : "ltr");
    for (const char *p = utf8; *p; p++) {
        if (*p == '\n')
            fputs("\\n", s->log);
        else
            fputc(*p, s->log);
    }
    fputc('\n', s->log);
    fflush(s->log);
}

/* The x of a box of width `w` at `x` from the start edge: mirrored when the
 * slide reads right to left, so pictogram, text and QR code swap sides. */
static int mx(const struct ww_slides *s, int x, int w)
{
    return s->rtl ? s->w - x - w : x;
}

/* Dark blue ground, white titles, near-white body text, a warm accent line.
 * White on BG is 12.4:1, BODY on BG 11.6:1, MUTED on BG 7.6:1. */
static const SDL_Color BG = {0x1D, 0x35, 0x57, 0xFF};
static const SDL_Color TITLE = {0xFF, 0xFF, 0xFF, 0xFF};
static const SDL_Color BODY = {0xF1, 0xF5, 0xF9, 0xFF};
static const SDL_Color MUTED = {0xC8, 0xD6, 0xE5, 0xFF};
static const SDL_Color ACCENT = {0xF4, 0xA2, 0x61, 0xFF};
static const SDL_Color ROW = {0x26, 0x44, 0x6B, 0xFF};
static const SDL_Color BAND = {0x00, 0x00, 0x00, 0xD0};

struct ww_slides *ww_slides_new(int w, int h, const char *assets_dir)
{
    struct ww_text *t = ww_text_new();
    if (!t)
        return NULL;
    struct ww_slides *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->w = w;
    s->h = h;
    s->text = t;
    ww_strlcpy(s->assets, assets_dir, sizeof s->assets);
    return s;
}

void ww_slides_free(struct ww_slides *s)
{
    if (!s)
        return;
    ww_text_free(s->text);
    free(s);
}

static SDL_Surface *canvas(int w, int h, SDL_Color c)
{
    SDL_Surface *cv = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!cv) {
        ww_error("screen: cannot make a %dx%d surface: %s", w, h, SDL_GetError());
        return NULL;
    }
    SDL_FillRect(cv, NULL, SDL_MapRGBA(cv->format, c.r, c.g, c.b, c.a));
    return cv;
}

static void fill(SDL_Surface *cv, int x, int y, int w, int h, SDL_Color c)
{
    SDL_Rect r = {x, y, w, h};
    SDL_FillRect(cv, &r, SDL_MapRGBA(cv->format, c.r, c.g, c.b, c.a));
}

/* Text rendered into its own surface (NULL when it could not be, logged by
 * the text module); the caller frees it. */
static SDL_Surface *text_surface(struct ww_slides *s, const char *part, const char *utf8, int px,
                                 bool bold, SDL_Color color, int max_w, int max_lines)
{
    struct ww_text_style st = {.px = px,
                               .bold = bold,
                               .color = color,
                               .max_w = max_w,
                               .max_lines = max_lines,
                               .align = WW_TEXT_START,
                               .rtl = s->rtl};
    if (part)
        log_text(s, part, s->rtl, utf8);
    SDL_Surface *ts = ww_text_render(s->text, utf8, &st, NULL);
    if (ts)
        SDL_SetSurfaceBlendMode(ts, SDL_BLENDMODE_BLEND);
    return ts;
}

/* Blit a text surface whose box (width `box_w`) starts `x` from the start
 * edge. */
static void blit(struct ww_slides *s, SDL_Surface *cv, SDL_Surface *ts, int x, int box_w, int y)
{
    if (!ts)
        return;
    int bx = mx(s, x, box_w);
    SDL_Rect dst = {s->rtl ? bx + box_w - ts->w : bx, y, ts->w, ts->h};
    SDL_BlitSurface(ts, NULL, cv, &dst);
}

/* Draw text in the box of width `max_w` whose start edge is `x` from the
 * slide's start edge (left, or right in a right-to-left language), top at
 * `y`; returns its height (0 when it could not be drawn, logged by the text
 * module). */
static int text_at(struct ww_slides *s, SDL_Surface *cv, const char *part, const char *utf8, int px,
                   bool bold, SDL_Color color, int max_w, int max_lines, int x, int y)
{
    SDL_Surface *ts = text_surface(s, part, utf8, px, bold, color, max_w, max_lines);
    if (!ts)
        return 0;
    int bx = mx(s, x, max_w);
    SDL_Rect dst = {s->rtl ? bx + max_w - ts->w : bx, y, ts->w, ts->h};
    SDL_BlitSurface(ts, NULL, cv, &dst);
    int h = ts->h;
    SDL_FreeSurface(ts);
    return h;
}

/* The QR code with a white quiet zone, as large as fits `size`; returns the
 * size drawn (0 when the address does not fit a QR code). */
static int qr_at(SDL_Surface *cv, const char *url, int x, int y, int size)
{
    struct ww_qr qr;
    if (!ww_qr_encode(&qr, url, WW_QR_ECC_M))
        return 0;
    int total = qr.size + 8; /* 4 modules of quiet zone each side */
    int m = size / total;
    if (m < 1) {
        ww_qr_destroy(&qr);
        return 0;
    }
    static const SDL_Color white = {0xFF, 0xFF, 0xFF, 0xFF}, black = {0, 0, 0, 0xFF};
    fill(cv, x, y, total * m, total * m, white);
    for (int my = 0; my < qr.size; my++)
        for (int mx = 0; mx < qr.size; mx++)
            if (ww_qr_dark(&qr, mx, my))
                fill(cv, x + (mx + 4) * m, y + (my + 4) * m, m, m, black);
    ww_qr_destroy(&qr);
    return total * m;
}

/* The pictogram in a size x size box; false when there is none to draw. */
static bool pictogram_at(struct ww_slides *s, SDL_Surface *cv, const char *id, int x, int y,
                         int size)
{
    char path[WW_PATH_SIZE + 64];
    SDL_Surface *img = NULL;
    /* Through the core's reader: regular files only (SDL's own fopen would
     * wait forever on a pipe named like a pictogram), at most 8 MiB. */
    static const char *const ext[] = {"svg", "png"};
    for (size_t k = 0; k < 2 && !img; k++) {
        size_t len;
        char *data = ww_fmt(path, sizeof path, "%s/pictograms/%s.%s", s->assets, id, ext[k])
                         ? ww_read_file(path, 8u << 20, &len)
                         : NULL;
        SDL_RWops *rw = data ? SDL_RWFromConstMem(data, (int)len) : NULL;
        if (rw)
            img = k == 0 ? IMG_LoadSizedSVG_RW(rw, size, size) : IMG_Load_RW(rw, 0);
        if (rw)
            SDL_RWclose(rw);
        free(data);
    }
    if (!img) {
        /* Report each missing pictogram once, not on every loop. */
        for (size_t i = 0; i < 8; i++) {
            if (strcmp(s->missing[i], id) == 0)
                return false;
            if (!s->missing[i][0]) {
                ww_strlcpy(s->missing[i], id, sizeof s->missing[i]);
                break;
            }
        }
        ww_warn("screen: no pictogram '%s' in %s/pictograms", id, s->assets);
        return false;
    }
    SDL_Surface *conv = SDL_ConvertSurfaceFormat(img, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(img);
    if (!conv)
        return false;
    /* Keep the aspect ratio inside the box. */
    int w = size, h = size;
    if (conv->w > conv->h)
        h = size * conv->h / conv->w;
    else if (conv->h > conv->w)
        w = size * conv->w / conv->h;
    SDL_SetSurfaceBlendMode(conv, SDL_BLENDMODE_BLEND);
    SDL_Rect dst = {x + (size - w) / 2, y + (size - h) / 2, w, h};
    SDL_BlitScaled(conv, NULL, cv, &dst);
    SDL_FreeSurface(conv);
    return true;
}

/* Title and accent line; returns the y below them. */
static int heading(struct ww_slides *s, SDL_Surface *cv, const char *title, int margin)
{
    int px = s->h / 11;
    if (s->w < s->h)
        px = s->w / 12;
    int th = text_at(s, cv, "title", title, px, true, TITLE, s->w - 2 * margin, 2, margin, margin);
    int y = margin + th + px / 3;
    fill(cv, mx(s, margin, s->w / 6), y, s->w / 6, px / 8 > 4 ? px / 8 : 4, ACCENT);
    return y + px / 8 + px / 2;
}

SDL_Surface *ww_slides_info(struct ww_slides *s, const struct ww_item *it)
{
    SDL_Surface *cv = canvas(s->w, s->h, BG);
    if (!cv)
        return NULL;
    int small = s->w < s->h ? s->w : s->h;
    int margin = small * 7 / 100;
    int y = heading(s, cv, _(it->title), margin);
    bool portrait = s->w < s->h;
    int px = portrait ? s->w / 17 : s->h / 17;

    /* Landscape: pictogram | text | QR in columns. Portrait: pictogram and
     * text side by side, the QR below. */
    int x = margin;
    int right = s->w - margin;
    int pic = small * 30 / 100;
    if (*it->pictogram && pictogram_at(s, cv, it->pictogram, mx(s, x, pic), y, pic))
        x += pic + margin / 2;
    int qr_size = small * 34 / 100;
    int qr_x = right - qr_size, qr_y = y;
    if (*it->qr && !portrait)
        right = qr_x - margin / 2;
    int text_h = text_at(s, cv, "text", _(it->text), px, false, BODY, right - x, 0, x, y);
    if (*it->qr) {
        if (portrait) {
            qr_x = (s->w - qr_size) / 2;
            qr_y = y + (text_h > pic ? text_h : pic) + margin;
        }
        int drawn = qr_at(cv, it->qr, mx(s, qr_x, qr_size), qr_y, qr_size);
        if (drawn)
            text_at(s, cv, "scan", _(MSG_SCAN), px * 7 / 10, false, MUTED, s->w - margin - qr_x, 3,
                    qr_x, qr_y + drawn + px / 3);
    }
    return cv;
}

/* Height of the schedule table at text size `px` (as drawn below). */
static int table_height(struct ww_slides *s, const struct ww_config *cfg,
                        const struct ww_week_row *rows, size_t n, int px, int name_w, int when_w,
                        bool stacked)
{
    int total = 0;
    for (size_t i = 0; i < n; i++) {
        struct ww_text_style st = {
            .px = px, .bold = true, .max_w = name_w - px / 2, .max_lines = 2, .rtl = s->rtl};
        struct ww_text_box nb = {0}, wb = {0};
        ww_text_measure(s->text, cfg->partners[rows[i].partner].name, &st, &nb);
        st.bold = false;
        st.max_w = when_w;
        st.max_lines = 3;
        ww_text_measure(s->text, rows[i].when, &st, &wb);
        total += (stacked ? nb.h + wb.h : (nb.h > wb.h ? nb.h : wb.h)) + 2 * (px / 4);
    }
    return total;
}

SDL_Surface *ww_slides_schedule(struct ww_slides *s, const struct ww_item *it,
                                const struct ww_config *cfg, const struct ww_location *loc,
                                ww_day day)
{
    SDL_Surface *cv = canvas(s->w, s->h, BG);
    if (!cv)
        return NULL;
    int small = s->w < s->h ? s->w : s->h;
    int margin = small * 7 / 100;
    int y = heading(s, cv, _(it->title), margin);
    int px = s->w < s->h ? s->w / 24 : s->h / 24;

    char label[160], line[WW_NAME_SIZE + 200];
    ww_week_label(day, label, sizeof label);
    const char *keys[] = {"location", "week"};
    const char *vals[] = {loc->name, label};
    ww_subst(line, sizeof line, _(MSG_WEEK_AT), keys, vals, 2);
    y += text_at(s, cv, "week", line, px, false, MUTED, s->w - 2 * margin, 1, margin, y) + px / 2;

    struct ww_week_row rows[WW_WEEK_MAX_ROWS];
    size_t n = ww_week_rows(cfg, loc, day, rows, WW_WEEK_MAX_ROWS);
    int right = s->w - margin;
    int qr_size = small * 26 / 100;
    if (*it->qr && s->w >= s->h)
        right -= qr_size + margin / 2;
    /* Landscape: name and days side by side; portrait: the days under the
     * name. Texts wrap rather than being cut: an hour must never go missing. */
    bool stacked = s->w < s->h;
    int name_w = stacked ? right - margin : (right - margin) * 40 / 100;
    int when_x = stacked ? margin : margin + name_w;
    int when_w = stacked ? right - margin : right - margin - name_w;
    int bottom = s->h - margin - (*it->text ? px * 2 : 0);
    /* Full day names make long rows: when the table does not fit, its text
     * gets smaller, down to 70 %, before a row is left out. */
    int tpx = px;
    while (n && tpx > px * 7 / 10 &&
           table_height(s, cfg, rows, n, tpx, name_w, when_w, stacked) > bottom - y)
        tpx = tpx * 9 / 10;
    int pad = tpx / 4;
    if (n == 0)
        text_at(s, cv, "none", ww_week_none(), px, false, BODY, right - margin, 0, margin, y);
    for (size_t i = 0; i < n; i++) {
        SDL_Surface *name = text_surface(s, NULL, cfg->partners[rows[i].partner].name, tpx, true,
                                         TITLE, name_w - tpx / 2, 2);
        SDL_Surface *when = text_surface(s, NULL, rows[i].when, tpx, false, BODY, when_w, 3);
        int nh = name ? name->h : 0, wh = when ? when->h : 0;
        int row_h = (stacked ? nh + wh : (nh > wh ? nh : wh)) + 2 * pad;
        if (y + row_h > bottom) {
            ww_warn("screen: schedule slide '%s' shows %zu of %zu partners (no room)", it->id, i,
                    n);
            SDL_FreeSurface(name);
            SDL_FreeSurface(when);
            break;
        }
        log_text(s, "partner", s->rtl, cfg->partners[rows[i].partner].name);
        log_text(s, "when", s->rtl, rows[i].when);
        if (i % 2 == 0)
            fill(cv, mx(s, margin - px / 3, right - margin + px * 2 / 3), y,
                 right - margin + px * 2 / 3, row_h, ROW);
        blit(s, cv, name, margin, name_w - tpx / 2, y + pad);
        blit(s, cv, when, when_x, when_w, y + pad + (stacked ? nh : 0));
        SDL_FreeSurface(name);
        SDL_FreeSurface(when);
        y += row_h;
    }
    if (*it->text)
        text_at(s, cv, "text", _(it->text), px, false, MUTED, right - margin, 2, margin,
                s->h - margin - px * 2);
    if (*it->qr) {
        int qx = s->w >= s->h ? s->w - margin - qr_size : (s->w - qr_size) / 2;
        int qy = s->w >= s->h ? margin + s->h / 6 : y + margin;
        int drawn = qr_at(cv, it->qr, mx(s, qx, qr_size), qy, qr_size);
        if (drawn)
            text_at(s, cv, "scan", _(MSG_SCAN), px * 8 / 10, false, MUTED, qr_size, 3, qx,
                    qy + drawn + px / 3);
    }
    return cv;
}

/* A cue's lines as one text ("line 1\nline 2"). */
static void cue_text(const struct ww_srt_cue *cue, char *buf, size_t size)
{
    if (cue->n_lines == 2)
        ww_fmt(buf, size, "%s\n%s", cue->text[0], cue->text[1]);
    else
        ww_strlcpy(buf, cue->text[0], size);
}

SDL_Surface *ww_slides_subtitle(struct ww_slides *s, const struct ww_srt_cue *first,
                                const struct ww_srt_cue *second, bool second_rtl)
{
    /* Large: about 1/18 of the height (60 px on 1080 lines), at most two
     * lines per track, centred on a dark band across the width; with two
     * tracks both a little smaller, the second in yellow under the first so
     * the eye finds its own language at once. */
    int px = (s->w < s->h ? s->w : s->h) / 18;
    if (first && second)
        px = px * 85 / 100;
    static const SDL_Color white = {0xFF, 0xFF, 0xFF, 0xFF};
    static const SDL_Color yellow = {0xFF, 0xE0, 0x66, 0xFF}; /* 15:1 on the band */
    SDL_Surface *ts[2] = {NULL, NULL};
    const struct ww_srt_cue *cues[2] = {first, second};
    for (int k = 0; k < 2; k++) {
        if (!cues[k])
            continue;
        char text[2 * WW_SRT_LINE_SIZE + 2];
        cue_text(cues[k], text, sizeof text);
        bool rtl = k == 1 && second_rtl;
        struct ww_text_style st = {.px = px,
                                   .bold = true,
                                   .color = k == 0 ? white : yellow,
                                   .max_w = s->w * 92 / 100,
                                   .max_lines = 2,
                                   .align = WW_TEXT_CENTER,
                                   .rtl = rtl};
        log_text(s, k == 0 ? "subtitle-1" : "subtitle-2", rtl, text);
        ts[k] = ww_text_render(s->text, text, &st, NULL);
    }
    if (!ts[0] && !ts[1])
        return NULL;
    int pad = px / 2, gap = px / 4;
    int h = 2 * pad + (ts[0] ? ts[0]->h : 0) + (ts[1] ? ts[1]->h : 0) + (ts[0] && ts[1] ? gap : 0);
    SDL_Surface *band = canvas(s->w, h, BAND);
    int y = pad;
    for (int k = 0; k < 2; k++) {
        if (!ts[k])
            continue;
        if (band) {
            SDL_SetSurfaceBlendMode(band, SDL_BLENDMODE_BLEND);
            SDL_SetSurfaceBlendMode(ts[k], SDL_BLENDMODE_BLEND);
            SDL_Rect dst = {(s->w - ts[k]->w) / 2, y, ts[k]->w, ts[k]->h};
            SDL_BlitSurface(ts[k], NULL, band, &dst);
        }
        y += ts[k]->h + gap;
        SDL_FreeSurface(ts[k]);
    }
    return band;
}
