/* The draw list: what a screen looks like, as data. Screens (screens.h) are
 * functions from the session to a draw list; this module turns a list into
 * SDL renderer calls, and hit-tests taps against the same rectangles, so a
 * button is where it is drawn and a script can say `tap answer:2`.
 *
 * Texts are rendered once through the text cache (render/text.h) and kept
 * as textures; pictograms (assets/pictograms/ID.svg) are rasterised once per
 * size. Drawing a list therefore copies textures and fills rectangles only.
 *
 * Memory: a ww_dlist owns its commands and a text arena; ww_dlist_reset
 * empties it for the next build. A ww_drawer owns its caches. Thread: the
 * thread that owns SDL. */
#ifndef WW_UI_DRAW_H
#define WW_UI_DRAW_H

#include "core/action.h"
#include "render/text.h"
#include "ui/layout.h"
#include "ui/theme.h"

#include <SDL2/SDL.h>

#include <stdbool.h>
#include <stddef.h>

enum ww_dkind {
    WW_D_RECT,  /* filled (rounded) rectangle */
    WW_D_FRAME, /* outline of `thick` pixels */
    WW_D_TEXT,  /* text laid out in `r` (its box), must fit `clip` */
    WW_D_PICTO, /* pictogram `name`, tinted with `color` */
    WW_D_QR,    /* QR code of `text` filling `r` (square) */
};

struct ww_dcmd {
    enum ww_dkind kind;
    struct ww_rect r;
    enum ww_role role; /* colour role (fill, frame, text, tint) */
    enum ww_role bg;   /* TEXT: the role it sits on (contrast check) */
    int radius, thick;
    const char *text; /* TEXT, QR: in the list's arena */
    struct ww_text_style st;
    struct ww_rect clip;   /* TEXT: the container it must fit in */
    bool overflow;         /* TEXT: did not fit (layout check) */
    char name[WW_ID_SIZE]; /* PICTO */
    bool flip;             /* PICTO: mirrored (direction arrows in right-to-left) */
    bool hidden;           /* on another page of the screen: not drawn, not checked,
                              still read aloud (speech reads the whole screen) */
    bool keep;             /* TEXT: stays on the page of the next text (a heading, a
                              name above its phone number) */
};

#define WW_DLIST_TARGETS 64
#define WW_DLIST_ARENA   (64 * 1024)

struct ww_dtarget {
    char name[WW_TARGET_SIZE];
    struct ww_rect r;
    const char *label; /* what it says (arena), for speech */
};

/* A target on another page of a paged screen (see `pages`). */
struct ww_dpaged {
    char name[WW_TARGET_SIZE];
    int page;
};

struct ww_dlist {
    struct ww_dcmd *cmds;
    size_t n, cap;
    struct ww_dtarget targets[WW_DLIST_TARGETS];
    size_t n_targets;
    char *arena;
    size_t used;
    bool arena_full;
    char screen[64];                 /* screen id, for logs and scripts */
    int focus_px, focus_pad, radius; /* the keypad focus ring */
    size_t content_from;             /* first command of the screen's own content (after the
                                        bars and languages): what "Voorlezen" reads */
    size_t key_from, key_to;         /* commands to say slowly, twice (the ticket's
                                        number, time and desk); empty when equal */
    const struct ww_theme *theme;
    /* Content too long for the screen is split into pages (never drawn over
     * other content): `page` of `pages` is shown, with "page:prev" and
     * "page:next" targets; the targets of the other pages are listed here,
     * so keypad focus and scripts can turn to their page. */
    int page, pages;
    struct ww_dpaged paged[WW_DLIST_TARGETS];
    size_t n_paged;
    int reach_shrunk; /* "buttons lower": content text steps made smaller only to
                         keep the controls within reach (0: moved, not shrunk) */
};

void ww_dlist_init(struct ww_dlist *d);
void ww_dlist_destroy(struct ww_dlist *d);
void ww_dlist_reset(struct ww_dlist *d);

/* Copy a string into the arena ("" when it is full; logged once). */
const char *ww_dlist_str(struct ww_dlist *d, const char *s);
struct ww_dcmd *ww_dlist_add(struct ww_dlist *d, enum ww_dkind kind, struct ww_rect r,
                             enum ww_role role);
void ww_dlist_target(struct ww_dlist *d, const char *name, struct ww_rect r, const char *label);

/* The target under a point, or NULL (a gap between buttons hits nothing). */
const struct ww_dtarget *ww_dlist_hit(const struct ww_dlist *d, int x, int y);
const struct ww_dtarget *ww_dlist_find(const struct ww_dlist *d, const char *name);
/* The page a target of a paged screen is on: its own page when it is on
 * screen, the other page when it is listed in `paged`, -1 when neither. */
int ww_dlist_page_of(const struct ww_dlist *d, const char *name);

/* ---- rendering ---- */

struct ww_drawer;

/* `assets_dir` holds pictograms/ID.svg. The text handle is borrowed. */
struct ww_drawer *ww_drawer_new(SDL_Renderer *ren, struct ww_text *text, const char *assets_dir);
void ww_drawer_free(struct ww_drawer *dr);

/* The text cache the screens measure with (borrowed from the drawer). */
struct ww_text_cache *ww_drawer_texts(struct ww_drawer *dr);

/* Draw a whole list (clear, commands in order). `focus` names the target
 * that gets the keypad focus ring ("" or NULL: none). */
void ww_drawer_draw(struct ww_drawer *dr, const struct ww_dlist *d, const char *focus);

/* Does the pictogram exist (loaded or loadable)? */
bool ww_drawer_has_picto(struct ww_drawer *dr, const char *name);

#endif
