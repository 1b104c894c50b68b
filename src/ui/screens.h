/* The resident screens: pure functions from the session (and a few facts
 * the kiosk knows: today, the printer's state) to a draw list.
 *
 * Every screen has the same frame: the language row, the content, the
 * "Praat met een medewerker" row and the bar (Terug, Opnieuw, Voorlezen,
 * Langzamer praten, Tekst groter, Hoog contrast). Buttons only appear for
 * targets the session offers (ww_session_targets), so what is drawn is what
 * can be tapped. Right-to-left languages get the whole layout mirrored. In
 * the "buttons lower" layout every control sits within wheelchair reach.
 *
 * Texts are translated with ww_i18n_get just before they are laid out; the
 * draw list copies them. Thread: the UI thread (i18n is process-wide). */
#ifndef WW_UI_SCREENS_H
#define WW_UI_SCREENS_H

#include "core/config.h"
#include "core/flow.h"
#include "core/session.h"
#include "ui/draw.h"
#include "ui/layout.h"

#include <stdbool.h>

enum ww_print_state {
    WW_PRINT_NONE,   /* nothing sent */
    WW_PRINT_BUSY,   /* the printer is working */
    WW_PRINT_OK,     /* printed: take the ticket */
    WW_PRINT_FAILED, /* show the ticket on screen instead */
};

struct ww_screen_env {
    const struct ww_config *cfg;
    const struct ww_location *loc;
    const struct ww_flows *flows;
    struct ww_text_cache *texts; /* for measuring (borrowed) */
    struct ww_screen_geom geom;  /* the physical screen */
    int w, h;                    /* window in pixels */
    bool lower;                  /* "buttons lower" */
    ww_day today;
    int day_first; /* first free minute on resolution.next_day; -1 unknown */
    enum ww_print_state print;
    char room[WW_NAME_SIZE]; /* ticket: room of the booked block ("" unknown) */
    int desks;               /* ticket: desks of that block (desk shows when > 1) */
    bool speech_off;         /* no voice for this language */
    int page;                /* the page shown of a screen too long for one (0 = first) */
    char greet[8][128];      /* "Tik om te beginnen" in each language of ww_i18n_langs */
};

/* The layout for a session on this screen (text size, direction, lower). */
void ww_screen_layout(const struct ww_screen_env *env, const struct ww_session *s,
                      struct ww_layout *L);

/* The ticket screen's line about the printer (translated), NULL for none. */
const char *ww_screen_print_status(enum ww_print_state print);

/* Build the draw list of the session's current screen (plus the idle
 * warning over it when it is up). Content never overlaps: what does not fit
 * is wrapped, made smaller down to the readable minimum, and then split
 * into pages with "page:prev" and "page:next" buttons (d->pages > 1); the
 * caller turns pages (env->page) and starts at page 0 on a new screen. */
void ww_screen_build(const struct ww_screen_env *env, const struct ww_session *s,
                     struct ww_dlist *d);

/* A label for speech and logs of a bar target ("back" -> "Terug"), already
 * translated; NULL for targets that are not bar targets. */
const char *ww_screen_bar_label(const char *target);

#endif
