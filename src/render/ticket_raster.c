#include "render/ticket_raster.h"

#include "core/log.h"
#include "render/text.h"

#include <fontconfig/fontconfig.h>

#include <stdlib.h>
#include <string.h>

struct ww_ticket_raster {
    struct ww_text *text;
    bool own_text;
};

struct ww_ticket_raster *ww_ticket_raster_new(struct ww_text *text)
{
    struct ww_ticket_raster *tr = calloc(1, sizeof *tr);
    if (!tr)
        abort();
    tr->text = text;
    if (!text) {
        tr->text = ww_text_new();
        tr->own_text = true;
        if (!tr->text) {
            free(tr);
            return NULL;
        }
    }
    return tr;
}

void ww_ticket_raster_free(struct ww_ticket_raster *tr)
{
    if (!tr)
        return;
    if (tr->own_text) {
        ww_text_free(tr->text);
        /* Fontconfig keeps its parsed configuration until FcFini; the font
         * files are already resolved, and a later ww_text_new starts it
         * again, so release it with the last user we own. */
        FcFini();
    }
    free(tr);
}

/* Sizes in dots for 80 mm paper (8 dots per mm); 58 mm scales them by 2/3. */
struct kind_style {
    int px;
    bool bold;
    int gap_after;
};

static struct kind_style style_of(enum ww_tline kind)
{
    switch (kind) {
    case WW_TLINE_SMALL:
        return (struct kind_style){24, false, 6};
    case WW_TLINE_LABEL:
        return (struct kind_style){26, false, 0};
    case WW_TLINE_NUMBER:
        return (struct kind_style){136, true, 4};
    case WW_TLINE_HEADING:
        return (struct kind_style){38, true, 8};
    case WW_TLINE_TEXT:
        return (struct kind_style){32, false, 8};
    case WW_TLINE_ITEM:
        return (struct kind_style){28, false, 4};
    case WW_TLINE_QR:
        return (struct kind_style){0, false, 8};
    case WW_TLINE_RULE:
        return (struct kind_style){0, false, 0};
    }
    return (struct kind_style){28, false, 4};
}

#define MARGIN   16
#define RULE_H   3
#define RULE_GAP 14

struct piece {
    SDL_Surface *s; /* text, or NULL */
    int x, y, h;
    int bullet_x, bullet_y, bullet_d; /* items: the dot, y relative to the line */
};

static void dot(struct ww_raster *r, int x0, int y0, int d)
{
    double rad = d / 2.0;
    for (int y = 0; y < d; y++)
        for (int x = 0; x < d; x++) {
            double dx = x + 0.5 - rad, dy = y + 0.5 - rad;
            if (dx * dx + dy * dy <= rad * rad)
                ww_raster_set(r, x0 + x, y0 + y, true);
        }
}

/* Copy glyph coverage of `s` into the raster: half-covered dots are black. */
static void blit(struct ww_raster *r, SDL_Surface *s, int x0, int y0)
{
    bool argb = s->format->format == SDL_PIXELFORMAT_ARGB8888;
    if (SDL_MUSTLOCK(s))
        SDL_LockSurface(s);
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row =
            (const Uint32 *)(const void *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (int x = 0; x < s->w; x++) {
            Uint8 alpha;
            if (argb) {
                alpha = (Uint8)(row[x] >> 24);
            } else {
                Uint8 red, green, blue;
                SDL_GetRGBA(row[x], s->format, &red, &green, &blue, &alpha);
            }
            if (alpha >= 128)
                ww_raster_set(r, x0 + x, y0 + y, true);
        }
    }
    if (SDL_MUSTLOCK(s))
        SDL_UnlockSurface(s);
}

bool ww_ticket_raster_draw(struct ww_ticket_raster *tr, const struct ww_ticket *t,
                           struct ww_raster *out)
{
    memset(out, 0, sizeof *out);
    const int width = t->width;
    const int inner = width - 2 * MARGIN;
    const bool narrow = width < WW_TICKET_DOTS_80;
    struct piece pieces[WW_TICKET_MAX_LINES];
    memset(pieces, 0, sizeof pieces);
    int y = MARGIN, qr_size = 0;
    struct ww_raster qr = {0};
    bool ok = true;

    for (size_t i = 0; i < t->n && ok; i++) {
        const struct ww_ticket_line *l = &t->lines[i];
        struct kind_style ks = style_of(l->kind);
        struct piece *p = &pieces[i];
        if (l->kind == WW_TLINE_RULE) {
            p->y = y + RULE_GAP;
            p->h = RULE_H;
            y += 2 * RULE_GAP + RULE_H;
            continue;
        }
        if (l->kind == WW_TLINE_QR) {
            /* Drawn once into its own raster, to learn its size. */
            int max = narrow ? inner : inner * 3 / 4;
            ww_raster_destroy(&qr);
            ok = ww_raster_init(&qr, max, max);
            qr_size = ok ? ww_ticket_draw_qr(t, &qr, 0, 0, max, 8) : 0;
            ok = qr_size > 0;
            p->y = y;
            p->h = qr_size;
            y += qr_size + ks.gap_after;
            continue;
        }
        if (!l->text[0])
            continue;
        /* Items hang under a bullet; a caption right above items lines up
         * with them; everything else is centred. */
        bool item = l->kind == WW_TLINE_ITEM;
        bool start = item || (l->kind == WW_TLINE_LABEL && i + 1 < t->n &&
                              t->lines[i + 1].kind == WW_TLINE_ITEM);
        int px = narrow ? ks.px * 2 / 3 : ks.px;
        int indent = item ? px : 0;
        struct ww_text_style st = {
            .px = px,
            .bold = ks.bold,
            .color = {0, 0, 0, 255},
            .max_w = inner - indent,
            .align = start ? WW_TEXT_START : WW_TEXT_CENTER,
            .rtl = t->rtl && !l->ltr,
        };
        struct ww_text_box box;
        p->s = ww_text_render(tr->text, l->text, &st, &box);
        if (!p->s) {
            ok = false;
            break;
        }
        if (start)
            p->x = t->rtl ? width - MARGIN - indent - p->s->w : MARGIN + indent;
        else
            p->x = (width - p->s->w) / 2;
        if (item) {
            /* The bullet: a round dot at the middle of the first line. */
            int line = box.lines > 0 ? box.h / box.lines : box.h;
            p->bullet_d = px / 4;
            p->bullet_x = t->rtl ? width - MARGIN - indent / 2 - p->bullet_d / 2
                                 : MARGIN + indent / 2 - p->bullet_d / 2;
            p->bullet_y = (line - p->bullet_d) / 2;
        }
        p->y = y;
        p->h = p->s->h;
        y += p->s->h + (narrow ? ks.gap_after * 2 / 3 : ks.gap_after);
    }
    y += MARGIN + 24; /* blank paper before the cut */

    if (ok)
        ok = ww_raster_init(out, width, y);
    for (size_t i = 0; i < t->n && ok; i++) {
        const struct ww_ticket_line *l = &t->lines[i];
        struct piece *p = &pieces[i];
        if (l->kind == WW_TLINE_RULE)
            ww_raster_fill(out, MARGIN, p->y, inner, p->h, true);
        else if (l->kind == WW_TLINE_QR) {
            int x0 = (width - qr_size) / 2;
            for (int yy = 0; yy < qr_size; yy++)
                for (int xx = 0; xx < qr_size; xx++)
                    if (ww_raster_get(&qr, xx, yy))
                        ww_raster_set(out, x0 + xx, p->y + yy, true);
        } else if (p->s) {
            blit(out, p->s, p->x, p->y);
            if (p->bullet_d)
                dot(out, p->bullet_x, p->y + p->bullet_y, p->bullet_d);
        }
    }
    ww_raster_destroy(&qr);
    for (size_t i = 0; i < t->n; i++)
        if (pieces[i].s)
            SDL_FreeSurface(pieces[i].s);
    if (!ok) {
        ww_raster_destroy(out);
        ww_error("ticket %s: cannot draw the raster", t->number);
    }
    return ok;
}
