/* Waiting-room playlists: kiosk-config/screens/ID.ini, and the pure
 * functions that decide what the screen shows at a given moment.
 *
 *   [screen]            name, location (for schedule slides), size
 *   [hours]             opening hours per weekday (mon = 08:00-17:00 or gesloten);
 *                       without this section the screen is on all day
 *   [film ID]           file, subtitles, sound, duration
 *   [slide ID]          title, text, pictogram, qr, duration
 *   [schedule ID]       title, location, duration: "who is at the counter this week"
 *
 * Items play in file order and loop. The ID after the section name is
 * optional (default "film-1", "slide-2", ...). Errors read `file:line:
 * message`. A loaded playlist is read-only; how long each film really is and
 * which films are broken lives with the player (see ww_seq). No SDL, no
 * FFmpeg: the player in src/signage does the drawing and decoding. */
#ifndef WW_PLAYLIST_H
#define WW_PLAYLIST_H

#include "config.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum ww_item_kind { WW_ITEM_FILM, WW_ITEM_SLIDE, WW_ITEM_SCHEDULE };

#define WW_URL_SIZE 256

struct ww_item {
    enum ww_item_kind kind;
    char id[WW_ID_SIZE];
    int line;     /* of the section header */
    int duration; /* seconds; films: 0 = the film's own length */
    /* film */
    char file[WW_PATH_SIZE];      /* relative to the media folder, or absolute */
    char subtitles[WW_PATH_SIZE]; /* "" = the film's name with .srt, when present */
    bool sound;                   /* default off: waiting rooms are quiet */
    /* slide and schedule */
    char title[WW_NAME_SIZE];
    char text[WW_TEXT_SIZE];    /* B1 Dutch */
    char pictogram[WW_ID_SIZE]; /* assets/pictograms/ID.svg, "" = none */
    char qr[WW_URL_SIZE];       /* web address for a QR code, "" = none */
    /* schedule */
    char location[WW_ID_SIZE]; /* "" = the screen's location */
};

#define WW_PLAYLIST_MAX_ITEMS 64

struct ww_playlist {
    char id[WW_ID_SIZE];
    char name[WW_NAME_SIZE];
    char location[WW_ID_SIZE]; /* default for schedule slides, "" = none */
    int width_px, height_px;   /* window size (default 1920x1080) */
    /* Largest film picture decoded, either way round (default 1920x1080):
     * memory grows with it, so larger films are skipped. */
    int film_max_width, film_max_height;
    bool has_hours;        /* false: on all day, every day */
    int hours[7][2];       /* minutes since midnight; {0,0} = closed */
    struct ww_item *items; /* owned; freed by ww_playlist_destroy */
    size_t n_items;
    char file[WW_PATH_SIZE];
};

#define WW_SLIDE_SECONDS    10 /* default slide duration */
#define WW_SCHEDULE_SECONDS 15

void ww_playlist_init(struct ww_playlist *pl);
void ww_playlist_destroy(struct ww_playlist *pl);

/* Parse playlist text. `id` is the screen id (the file name without .ini).
 * Every problem goes into `d`; returns false when there was any (the
 * playlist is then safe to destroy, not to play). */
bool ww_playlist_parse(struct ww_playlist *pl, const char *id, const char *text, size_t len,
                       const char *file, struct ww_diags *d);
/* Load `DIR/screens/ID.ini`. */
bool ww_playlist_load(struct ww_playlist *pl, const char *config_dir, const char *id,
                      struct ww_diags *d);
/* Check what needs the rest of the configuration: schedule slides name a
 * known location. Problems go into `d` with the playlist's file and line. */
bool ww_playlist_check(const struct ww_playlist *pl, const struct ww_config *cfg,
                       struct ww_diags *d);

/* The location a schedule item shows ("" when none). */
const char *ww_item_location(const struct ww_playlist *pl, const struct ww_item *it);

/* Is the screen on at local `day` and `minute`? */
bool ww_playlist_open_at(const struct ww_playlist *pl, ww_day day, int minute);

/* Key tables as help text (`wegwijzer screen --help-keys`). */
void ww_playlist_help(FILE *out);

/* ---- the sequence: a pure function of time ----
 *
 * `dur_ms[i]` is how long item i plays (0 or less: skip it, e.g. a film that
 * is missing or corrupt). Times are milliseconds on any monotonic timeline
 * (the virtual clock in tests). */
struct ww_seq {
    size_t item;      /* current item; WW_SEQ_NONE when nothing can play */
    int64_t start_ms; /* when the current item started */
    uint64_t loops;   /* completed passes through the playlist */
    uint64_t shown;   /* items started so far */
};

#define WW_SEQ_NONE ((size_t)-1)

/* Start at the first playable item at `now_ms`. */
void ww_seq_start(struct ww_seq *q, const int64_t *dur_ms, size_t n, int64_t now_ms);
/* Move on to the item that plays at `now_ms`: each next item starts when the
 * one before ran out. Returns true when the item changed. Constant time for
 * any gap (whole loops are counted, not walked). */
bool ww_seq_advance(struct ww_seq *q, const int64_t *dur_ms, size_t n, int64_t now_ms);
/* The playable item after `item` (wrapping), or WW_SEQ_NONE. */
size_t ww_seq_next(const int64_t *dur_ms, size_t n, size_t item);
/* Milliseconds into the current item at `now_ms`. */
int64_t ww_seq_offset(const struct ww_seq *q, int64_t now_ms);

/* ---- "Deze week aan de balie" ---- */

struct ww_week_row {
    size_t partner; /* index into cfg->partners */
    char when[200]; /* "di en do 09:00-12:00; wo 13:00-16:00" */
};

#define WW_WEEK_MAX_ROWS 16

/* Who is at the counter of `loc` in the week (Monday to Sunday) holding
 * `day`, from the weekly pattern and closed dates (no staff overrides: the
 * screen needs no store). One row per partner in order of first appearance
 * in the pattern; the general desk is left out. Returns the number of rows. */
size_t ww_week_rows(const struct ww_config *cfg, const struct ww_location *loc, ww_day day,
                    struct ww_week_row *rows, size_t cap);

/* "23 t/m 29 november" for the week holding `day`. */
void ww_week_label(ww_day day, char *buf, size_t size);

#endif
