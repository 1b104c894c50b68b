/* The out-of-order screen: what the kiosk shows when its installation is
 * broken at start-up (a config file, a flow file, the location, the store or
 * the Arabic font), instead of a half-working resident screen.
 *
 * Residents see one calm screen in plain Dutch (B1) and in the other
 * languages of the kiosk: "Deze zuil werkt nu niet. Ga naar de balie. Daar
 * helpt een medewerker u.", with the general desk's name and room when the location
 * file could be read far enough to know them, and a pictogram. Nothing can
 * be tapped; any key of the keypad reads the message aloud (when a voice is
 * there).
 *
 * Staff hold the top-left corner for three seconds (the same gesture as the
 * kiosk's staff entry; no PIN can be checked when the config is broken, and
 * the messages hold no resident data) and see every problem as
 * `file:line: message`, with a "Sluiten" button; the staff view closes by
 * itself after WW_OOO_STAFF_SECONDS without a touch. The problems are also
 * logged once, by the caller, when the kiosk starts.
 *
 * The process keeps running until SIGTERM (a supervisor would otherwise
 * restart it in a loop); the scripted mode runs a small script against the
 * screen (see ww_ooo_run_script).
 *
 * Thread: the UI thread (the thread that owns SDL). */
#ifndef WW_UI_OUT_OF_ORDER_H
#define WW_UI_OUT_OF_ORDER_H

#include "core/clock.h"
#include "core/config.h"
#include "core/diag.h"
#include "ui/draw.h"

#include <SDL2/SDL.h>

#include <signal.h>
#include <stdbool.h>

#define WW_OOO_STAFF_SECONDS 120

/* What the screen knows. A value: ww_ooo_info_init / ww_ooo_info_destroy
 * (which frees `problems`). */
struct ww_ooo_info {
    char location[WW_NAME_SIZE]; /* the location's name; "" when unknown */
    char desk[WW_NAME_SIZE];     /* the general desk's name; "" when unknown */
    char room[WW_NAME_SIZE];     /* where the general desk sits; "" when unknown */
    struct ww_screen_geom geom;  /* the physical screen (defaults when unknown) */
    struct ww_diags problems;    /* what staff see, file:line: message */
    bool no_arabic;              /* no Arabic font: the Arabic paragraph is left out */
};

void ww_ooo_info_init(struct ww_ooo_info *info);
void ww_ooo_info_destroy(struct ww_ooo_info *info);

/* Take the location's name, screen, general desk and its room (the one of
 * `day`'s weekday when there is one) from a config that may have loaded
 * only in part. `location_id` NULL: the only location, if there is exactly
 * one. Fields stay "" when unknown. */
void ww_ooo_info_from_config(struct ww_ooo_info *info, const struct ww_config *cfg,
                             const char *location_id, ww_day day);

/* The texts residents see, in the current language (translated with _()):
 * the sentence to read aloud, written into `buf`. */
void ww_ooo_message(const struct ww_ooo_info *info, char *buf, size_t size);

/* Build the draw list of a w×h window: the resident view, or the staff
 * view with the problems. Switches the i18n language for the other
 * languages' texts and back to Dutch. `texts` measures (borrowed). The
 * screen ids are "out-of-order" and "out-of-order-staff". */
void ww_ooo_build(const struct ww_ooo_info *info, struct ww_text_cache *texts, int w, int h,
                  bool staff, struct ww_dlist *d);

struct ww_speech;
struct ww_audio;

/* What the running screen borrows from the kiosk. */
struct ww_ooo_params {
    SDL_Renderer *ren;
    struct ww_drawer *dr;
    int w, h;
    const struct ww_clock *clock; /* virtual in scripted runs... */
    int64_t *now_value;           /* ...reading this (`wait` moves it); else NULL */
    volatile sig_atomic_t *stop;  /* set by SIGTERM/SIGINT */
    int wake_fd;                  /* with own_wait: the eventfd a signal writes */
    bool own_wait;                /* offscreen/dummy driver: sleep in poll() */
    struct ww_speech *speech;     /* NULL: nothing is read aloud */
    struct ww_audio *audio;       /* may be NULL */
    bool debug_exit;              /* Escape and a window close end it (--debug-exit) */
};

/* Show the screen until *stop is set. Returns 0. */
int ww_ooo_run(const struct ww_ooo_info *info, const struct ww_ooo_params *p);

/* Run a script against the screen; saves DIR/NNN-SCREEN.png of every view
 * it passes (dir may be NULL). Commands:
 *   screenshot NAME | hold X Y SECONDS | touch X Y | tap TARGET | key NAME |
 *   wait N[s|m] | describe | texts | # comment
 *   expect screen NAME | expect text WORDS | expect no-text WORDS |
 *   expect target NAME | expect no-target NAME | expect background RRGGBB |
 *   expect said WORDS
 * Any other command of the kiosk's scripts fails with a message that the
 * kiosk is out of order. Returns 0 when every line passed, 1 otherwise. */
int ww_ooo_run_script(const struct ww_ooo_info *info, const struct ww_ooo_params *p,
                      const char *path, const char *dir);

#endif
