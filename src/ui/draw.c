#include "ui/draw.h"

#include "core/file.h"
#include "core/ini.h"
#include "core/log.h"
#include "core/qr.h"
#include "core/str.h"

#include <SDL2/SDL_image.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the list ---- */

void ww_dlist_init(struct ww_dlist *d)
{
    memset(d, 0, sizeof *d);
    d->arena = malloc(WW_DLIST_ARENA);
    if (!d->arena)
        abort();
}

void ww_dlist_destroy(struct ww_dlist *d)
{
    free(d->cmds);
    free(d->arena);
    memset(d, 0, sizeof *d);
}

void ww_dlist_reset(struct ww_dlist *d)
{
    d->n = 0;
    d->n_targets = 0;
    d->used = 0;
    d->content_from = 0;
    d->key_from = d->key_to = 0;
    d->page = 0;
    d->pages = 1;
    d->n_paged = 0;
    d->reach_shrunk = 0;
    d->arena_full = false;
    d->screen[0] = '\0';
}

const char *ww_dlist_str(struct ww_dlist *d, const char *s)
{
    size_t n = strlen(s) + 1;
    if (d->used + n > WW_DLIST_ARENA) {
        if (!d->arena_full)
            ww_error("draw: text arena full on screen %s", d->screen);
        d->arena_full = true;
        return "";
    }
    char *p = d->arena + d->used;
    memcpy(p, s, n);
    d->used += n;
    return p;
}

struct ww_dcmd *ww_dlist_add(struct ww_dlist *d, enum ww_dkind kind, struct ww_rect r,
                             enum ww_role role)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 128;
        d->cmds = realloc(d->cmds, d->cap * sizeof *d->cmds);
        if (!d->cmds)
            abort();
    }
    struct ww_dcmd *c = &d->cmds[d->n++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->r = r;
    c->role = role;
    c->text = "";
    return c;
}

void ww_dlist_target(struct ww_dlist *d, const char *name, struct ww_rect r, const char *label)
{
    if (d->n_targets == WW_DLIST_TARGETS) {
        ww_error("draw: too many targets on screen %s", d->screen);
        return;
    }
    struct ww_dtarget *t = &d->targets[d->n_targets++];
    ww_strlcpy(t->name, name, sizeof t->name);
    t->r = r;
    t->label = ww_dlist_str(d, label ? label : "");
}

static bool inside(struct ww_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

const struct ww_dtarget *ww_dlist_hit(const struct ww_dlist *d, int x, int y)
{
    /* Later targets lie on top (the idle warning over the screen). */
    for (size_t i = d->n_targets; i-- > 0;)
        if (inside(d->targets[i].r, x, y))
            return &d->targets[i];
    return NULL;
}

const struct ww_dtarget *ww_dlist_find(const struct ww_dlist *d, const char *name)
{
    for (size_t i = 0; i < d->n_targets; i++)
        if (strcmp(d->targets[i].name, name) == 0)
            return &d->targets[i];
    return NULL;
}

/* ---- rendering ---- */

#define PICTO_SLOTS 96
#define QR_SLOTS    4

struct picto {
    char name[WW_ID_SIZE];
    int size;
    SDL_Texture *tex; /* NULL with missing = true: file absent or unreadable */
    bool missing;
    uint64_t stamp;
};

struct qr_tex {
    char payload[96];
    SDL_Texture *tex;
    int modules;
};

struct ww_drawer {
    SDL_Renderer *ren;
    struct ww_text *text;
    struct ww_text_cache *texts;
    char assets[WW_PATH_SIZE];
    struct picto pictos[PICTO_SLOTS];
    struct qr_tex qrs[QR_SLOTS];
    uint64_t clock;
    SDL_Rect *rects; /* scratch for batched fills */
    size_t cap_rects;
};

static void destroy_texture(void *user)
{
    SDL_DestroyTexture(user);
}

struct ww_drawer *ww_drawer_new(SDL_Renderer *ren, struct ww_text *text, const char *assets_dir)
{
    struct ww_drawer *dr = calloc(1, sizeof *dr);
    if (!dr)
        abort();
    dr->ren = ren;
    dr->text = text;
    /* Two screens' worth of text at the largest size stays resident. */
    dr->texts = ww_text_cache_new(text, 24u << 20, destroy_texture);
    ww_strlcpy(dr->assets, assets_dir, sizeof dr->assets);
    return dr;
}

void ww_drawer_free(struct ww_drawer *dr)
{
    if (!dr)
        return;
    ww_text_cache_free(dr->texts);
    for (size_t i = 0; i < PICTO_SLOTS; i++)
        if (dr->pictos[i].tex)
            SDL_DestroyTexture(dr->pictos[i].tex);
    for (size_t i = 0; i < QR_SLOTS; i++)
        if (dr->qrs[i].tex)
            SDL_DestroyTexture(dr->qrs[i].tex);
    free(dr->rects);
    free(dr);
}

struct ww_text_cache *ww_drawer_texts(struct ww_drawer *dr)
{
    return dr->texts;
}

static void set_color(SDL_Renderer *ren, struct ww_rgb c)
{
    SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, 255);
}

static SDL_Rect sdl(struct ww_rect r)
{
    return (SDL_Rect){r.x, r.y, r.w, r.h};
}

static SDL_Rect *scratch(struct ww_drawer *dr, size_t n)
{
    if (n > dr->cap_rects) {
        dr->cap_rects = n + 64;
        dr->rects = realloc(dr->rects, dr->cap_rects * sizeof *dr->rects);
        if (!dr->rects)
            abort();
    }
    return dr->rects;
}

/* Horizontal inset of a rounded corner at row i (0 = the outermost row). */
static int corner_inset(int radius, int i)
{
    double dy = radius - i - 0.5;
    double dx = sqrt((double)radius * radius - dy * dy);
    return (int)lround(radius - dx);
}

static void fill_round(struct ww_drawer *dr, struct ww_rect r, int radius)
{
    if (radius * 2 > r.h)
        radius = r.h / 2;
    if (radius * 2 > r.w)
        radius = r.w / 2;
    SDL_Rect *rs = scratch(dr, (size_t)radius * 2 + 1);
    size_t n = 0;
    for (int i = 0; i < radius; i++) {
        int in = corner_inset(radius, i);
        rs[n++] = (SDL_Rect){r.x + in, r.y + i, r.w - 2 * in, 1};
        rs[n++] = (SDL_Rect){r.x + in, r.y + r.h - 1 - i, r.w - 2 * in, 1};
    }
    rs[n++] = (SDL_Rect){r.x, r.y + radius, r.w, r.h - 2 * radius};
    SDL_RenderFillRects(dr->ren, rs, (int)n);
}

static void frame_round(struct ww_drawer *dr, struct ww_rect r, int radius, int t)
{
    if (radius * 2 > r.h)
        radius = r.h / 2;
    if (radius * 2 > r.w)
        radius = r.w / 2;
    if (radius < t)
        radius = t;
    SDL_Rect *rs = scratch(dr, (size_t)radius * 4 + 4);
    size_t n = 0;
    int ir = radius - t; /* inner radius */
    for (int i = 0; i < radius; i++) {
        int out = corner_inset(radius, i);
        int span;
        if (i < t) {
            span = r.w - 2 * out; /* the top and bottom edges: whole rows */
            rs[n++] = (SDL_Rect){r.x + out, r.y + i, span, 1};
            rs[n++] = (SDL_Rect){r.x + out, r.y + r.h - 1 - i, span, 1};
            continue;
        }
        int inner = ir > 0 ? corner_inset(ir, i - t) + t : t;
        span = inner - out;
        if (span < 1)
            span = 1;
        rs[n++] = (SDL_Rect){r.x + out, r.y + i, span, 1};
        rs[n++] = (SDL_Rect){r.x + r.w - out - span, r.y + i, span, 1};
        rs[n++] = (SDL_Rect){r.x + out, r.y + r.h - 1 - i, span, 1};
        rs[n++] = (SDL_Rect){r.x + r.w - out - span, r.y + r.h - 1 - i, span, 1};
    }
    rs[n++] = (SDL_Rect){r.x, r.y + radius, t, r.h - 2 * radius};
    rs[n++] = (SDL_Rect){r.x + r.w - t, r.y + radius, t, r.h - 2 * radius};
    SDL_RenderFillRects(dr->ren, rs, (int)n);
}

static struct picto *picto_get(struct ww_drawer *dr, const char *name, int size)
{
    struct picto *free_slot = NULL, *oldest = &dr->pictos[0];
    for (size_t i = 0; i < PICTO_SLOTS; i++) {
        struct picto *p = &dr->pictos[i];
        if (p->name[0] && p->size == size && strcmp(p->name, name) == 0) {
            p->stamp = ++dr->clock;
            return p;
        }
        if (!p->name[0] && !free_slot)
            free_slot = p;
        if (p->stamp < oldest->stamp)
            oldest = p;
    }
    struct picto *p = free_slot ? free_slot : oldest;
    if (p->tex)
        SDL_DestroyTexture(p->tex);
    memset(p, 0, sizeof *p);
    ww_strlcpy(p->name, name, sizeof p->name);
    p->size = size;
    p->stamp = ++dr->clock;
    char path[WW_PATH_SIZE + 64];
    if (!ww_valid_id(name) ||
        !ww_fmt(path, sizeof path, "%s/pictograms/%s.svg", dr->assets, name)) {
        p->missing = true;
        return p;
    }
    /* Through the core's reader: a regular file of at most 1 MiB (a pipe
     * named like a pictogram would block the screen in SDL's fopen). */
    size_t len;
    char *svg = ww_read_file(path, 1u << 20, &len);
    SDL_RWops *rw = svg ? SDL_RWFromConstMem(svg, (int)len) : NULL;
    SDL_Surface *s = rw ? IMG_LoadSizedSVG_RW(rw, size, size) : NULL;
    if (rw)
        SDL_RWclose(rw);
    if (!s) {
        ww_warn("draw: pictogram %s not loaded: %s", name,
                svg              ? IMG_GetError()
                : errno == EFBIG ? "larger than 1 MiB"
                                 : ww_file_strerror(errno));
        free(svg);
        p->missing = true;
        return p;
    }
    free(svg);
    p->tex = SDL_CreateTextureFromSurface(dr->ren, s);
    SDL_FreeSurface(s);
    if (p->tex)
        SDL_SetTextureBlendMode(p->tex, SDL_BLENDMODE_BLEND);
    else
        p->missing = true;
    return p;
}

bool ww_drawer_has_picto(struct ww_drawer *dr, const char *name)
{
    return !picto_get(dr, name, 64)->missing;
}

static struct qr_tex *qr_get(struct ww_drawer *dr, const char *payload)
{
    for (size_t i = 0; i < QR_SLOTS; i++)
        if (dr->qrs[i].tex && strcmp(dr->qrs[i].payload, payload) == 0)
            return &dr->qrs[i];
    struct qr_tex *q = &dr->qrs[0];
    for (size_t i = 0; i < QR_SLOTS; i++)
        if (!dr->qrs[i].tex) {
            q = &dr->qrs[i];
            break;
        }
    if (q->tex)
        SDL_DestroyTexture(q->tex);
    memset(q, 0, sizeof *q);
    struct ww_qr qr;
    if (!ww_qr_encode(&qr, payload, WW_QR_ECC_Q))
        return NULL;
    int quiet = 4, n = qr.size + 2 * quiet;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, n, n, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s) {
        for (int y = 0; y < n; y++) {
            uint32_t *row = (uint32_t *)((uint8_t *)s->pixels + (size_t)y * s->pitch);
            for (int x = 0; x < n; x++) {
                bool dark = ww_qr_dark(&qr, x - quiet, y - quiet);
                row[x] = dark ? 0xFF000000u : 0xFFFFFFFFu;
            }
        }
        q->tex = SDL_CreateTextureFromSurface(dr->ren, s);
        SDL_FreeSurface(s);
    }
    ww_qr_destroy(&qr);
    if (!q->tex)
        return NULL;
    SDL_SetTextureScaleMode(q->tex, SDL_ScaleModeNearest);
    ww_strlcpy(q->payload, payload, sizeof q->payload);
    q->modules = n;
    return q;
}

static void draw_text(struct ww_drawer *dr, const struct ww_dcmd *c)
{
    struct ww_text_img *img = ww_text_cache_get(dr->texts, c->text, &c->st);
    if (!img)
        return;
    if (!img->user) {
        img->user = SDL_CreateTextureFromSurface(dr->ren, img->surface);
        if (!img->user)
            return;
        SDL_SetTextureBlendMode(img->user, c->st.opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        /* The texture is the copy we keep. */
        SDL_FreeSurface(img->surface);
        img->surface = NULL;
    }
    SDL_Rect dst = {c->r.x, c->r.y, img->box.w > 0 ? img->box.w : 1,
                    img->box.h > 0 ? img->box.h : 1};
    SDL_RenderCopy(dr->ren, img->user, NULL, &dst);
}

void ww_drawer_draw(struct ww_drawer *dr, const struct ww_dlist *d, const char *focus)
{
    const struct ww_theme *th = d->theme ? d->theme : ww_theme_get(false);
    ww_text_cache_trim(dr->texts);
    set_color(dr->ren, th->c[WW_C_BG]);
    SDL_RenderClear(dr->ren);
    for (size_t i = 0; i < d->n; i++) {
        const struct ww_dcmd *c = &d->cmds[i];
        if (c->hidden)
            continue;
        switch (c->kind) {
        case WW_D_RECT:
            set_color(dr->ren, th->c[c->role]);
            if (c->radius > 0)
                fill_round(dr, c->r, c->radius);
            else {
                SDL_Rect r = sdl(c->r);
                SDL_RenderFillRect(dr->ren, &r);
            }
            break;
        case WW_D_FRAME:
            set_color(dr->ren, th->c[c->role]);
            frame_round(dr, c->r, c->radius, c->thick > 0 ? c->thick : 1);
            break;
        case WW_D_TEXT:
            draw_text(dr, c);
            break;
        case WW_D_PICTO: {
            struct picto *p = picto_get(dr, c->name, c->r.w);
            if (p->tex) {
                struct ww_rgb col = th->c[c->role];
                SDL_SetTextureColorMod(p->tex, col.r, col.g, col.b);
                SDL_Rect r = sdl(c->r);
                SDL_RenderCopyEx(dr->ren, p->tex, NULL, &r, 0, NULL,
                                 c->flip ? SDL_FLIP_HORIZONTAL : SDL_FLIP_NONE);
            }
            break;
        }
        case WW_D_QR: {
            struct qr_tex *q = qr_get(dr, c->text);
            if (q) {
                int side = c->r.w < c->r.h ? c->r.w : c->r.h;
                int scale = side / q->modules;
                if (scale < 1)
                    scale = 1;
                int s = scale * q->modules;
                SDL_Rect r = {c->r.x + (c->r.w - s) / 2, c->r.y + (c->r.h - s) / 2, s, s};
                SDL_RenderCopy(dr->ren, q->tex, NULL, &r);
            }
            break;
        }
        }
    }
    if (focus && *focus) {
        const struct ww_dtarget *t = ww_dlist_find(d, focus);
        if (t) {
            struct ww_rect r = t->r;
            int pad = d->focus_pad;
            r.x -= pad;
            r.y -= pad;
            r.w += 2 * pad;
            r.h += 2 * pad;
            set_color(dr->ren, th->c[WW_C_FOCUS]);
            frame_round(dr, r, d->radius + pad, d->focus_px > 0 ? d->focus_px : 4);
        }
    }
}

int ww_dlist_page_of(const struct ww_dlist *d, const char *name)
{
    if (ww_dlist_find(d, name))
        return d->page;
    for (size_t i = 0; i < d->n_paged; i++)
        if (strcmp(d->paged[i].name, name) == 0)
            return d->paged[i].page;
    return -1;
}
