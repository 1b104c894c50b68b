/* Text for screens and tickets: fonts found through fontconfig (Noto Sans,
 * Noto Sans Arabic), shaped by SDL2_ttf with HarfBuzz, mixed-direction text
 * split into runs with libfribidi, measured, wrapped and rendered into an
 * SDL_Surface without needing a window.
 *
 * How a text is laid out:
 *   - '\n' starts a new paragraph; lines wrap at spaces within max_w; a word
 *     wider than max_w is broken between characters and the box reports
 *     `overflow` (a layout check treats that as a failure);
 *   - each paragraph gets its direction from its first strong character;
 *     a paragraph without one (digits, punctuation) follows `rtl`;
 *   - within a line, runs of one bidi level and one font are ordered
 *     visually (Unicode rule L2); right-to-left runs are shaped RTL with the
 *     script "Arab", so Arabic letters join and "09:30" stays "09:30";
 *   - Arabic letters use Noto Sans Arabic, everything else Noto Sans
 *     (Noto Sans Arabic has no Latin letters).
 *
 * Sizes are em sizes in pixels; the caller converts from millimetres.
 *
 * Threads: a ww_text and its caches are used by one thread at a time (the
 * thread that owns SDL); SDL_ttf shares one FreeType library per process.
 * Ownership: surfaces returned by ww_text_render belong to the caller
 * (SDL_FreeSurface); images from a ww_text_cache are borrowed. */
#ifndef WW_TEXT_H
#define WW_TEXT_H

#include <SDL2/SDL.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ww_text;

enum ww_text_align {
    WW_TEXT_START, /* left in a left-to-right UI, right in a right-to-left one */
    WW_TEXT_CENTER,
    WW_TEXT_END,
};

struct ww_text_style {
    int px; /* em size in pixels (> 0) */
    bool bold;
    SDL_Color color;
    int max_w;                /* wrap width in pixels; 0 = one line per paragraph */
    int max_lines;            /* 0 = no limit; more lines set `overflow` and are cut */
    enum ww_text_align align; /* of the lines within the box */
    bool rtl;                 /* the UI reads right to left (Arabic) */
    bool opaque;              /* render onto `bg` (alpha 255 everywhere): copying such
                                 an image is cheaper than blending it */
    SDL_Color bg;             /* with `opaque` */
};

/* The size of a laid-out text. */
struct ww_text_box {
    int w, h;      /* the widest line and the total height, pixels */
    int lines;     /* lines drawn */
    int baseline;  /* first line's baseline from the top */
    bool overflow; /* a word was broken or lines were cut */
};

/* Find the fonts and start SDL_ttf. NULL (logged) when Noto Sans is
 * missing. Without Noto Sans Arabic (logged) the handle still works, with
 * Arabic letters drawn from Noto Sans (as empty boxes): check
 * ww_text_has_arabic() before offering Arabic. */
struct ww_text *ww_text_new(void);
void ww_text_free(struct ww_text *t);

/* Can Arabic be drawn (Noto Sans Arabic found)? */
bool ww_text_has_arabic(const struct ww_text *t);

/* Lay out without rendering. Returns false (logged) on a shaping error. */
bool ww_text_measure(struct ww_text *t, const char *utf8, const struct ww_text_style *st,
                     struct ww_text_box *box);

/* Render into a new ARGB8888 surface of exactly box->w × box->h (at least
 * 1×1) with a transparent background (or `bg` when `opaque`); lines are
 * aligned inside it. NULL on
 * failure (logged). `box` may be NULL. The caller frees the surface. */
SDL_Surface *ww_text_render(struct ww_text *t, const char *utf8, const struct ww_text_style *st,
                            struct ww_text_box *box);

/* Font facts for a size: height of a capital H (for the millimetre checks
 * of the accessibility rules) and the distance between lines. */
void ww_text_metrics(struct ww_text *t, int px, bool bold, int *cap_px, int *line_px);

/* The file a face was loaded from ("latin"/"arabic", bold or not). */
const char *ww_text_font_file(const struct ww_text *t, bool arabic, bool bold);

/* ---- a cache of rendered texts, so that nothing is rendered per frame ---- */

struct ww_text_img {
    SDL_Surface *surface; /* owned by the cache; a user may free it and set NULL */
    struct ww_text_box box;
    void *user; /* the user's copy (e.g. an SDL_Texture), freed by free_user */
};

struct ww_text_cache;

/* `budget` is the pixel memory (w*h*4 bytes) kept between trims; `free_user`
 * (may be NULL) releases an image's `user` when it is evicted. */
struct ww_text_cache *ww_text_cache_new(struct ww_text *t, size_t budget,
                                        void (*free_user)(void *user));
void ww_text_cache_free(struct ww_text_cache *c);

/* The rendered text, rendering it the first time. Borrowed: valid until the
 * next ww_text_cache_trim/clear. NULL on failure (logged once). */
struct ww_text_img *ww_text_cache_get(struct ww_text_cache *c, const char *utf8,
                                      const struct ww_text_style *st);

/* The layout only (also cached, and cheap to ask again). */
bool ww_text_cache_measure(struct ww_text_cache *c, const char *utf8,
                           const struct ww_text_style *st, struct ww_text_box *box);

/* Evict the least recently used images beyond the budget. Call between
 * frames, never while borrowed images are in use. */
void ww_text_cache_trim(struct ww_text_cache *c);
/* Drop everything (e.g. when the renderer is recreated). */
void ww_text_cache_clear(struct ww_text_cache *c);

/* Statistics, for tests and benchmarks. */
struct ww_text_cache_stats {
    size_t images, bytes, hits, misses, renders;
};
void ww_text_cache_stats(const struct ww_text_cache *c, struct ww_text_cache_stats *out);

#endif
