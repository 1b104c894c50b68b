/* Waiting-room playlists: kiosk-config/screens/ID.ini, and the pure
 * functions that decide what the screen shows at a given moment.
 *
 *   [screen]            name, location (for schedule slides), size, languages
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
 * FFmpeg: the player in src/signage does the drawing and decoding.
 *
 * Languages. `languages = nl, en, tr, ar, pl, uk` in [screen] lists the
 * languages of the screen (default: nl only). Each pass through the playlist
 * (a loop) has
 *   - a slide language: the listed languages in turn, loop by loop (slides
 *     and the schedule slide are drawn in it, from the PO catalogues);
 *   - a second subtitle language: the listed languages other than Dutch in
 *     turn. A film shows its Dutch subtitles and, under them, those of the
 *     second language (when the film has a track in it).
 * Subtitle tracks: `subtitles` (Dutch) and `subtitles_LANG` per film; an
 * absent key means the film's name with .srt (Dutch) or .LANG.srt beside
 * the film, when that file exists. */
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
/* The languages a screen can show, in the order of ww_i18n_langs(): nl, en,
 * tr, ar, pl, uk. Index 0 is Dutch. */
#define WW_SCREEN_LANGS 6

struct ww_item {
    enum ww_item_kind kind;
    char id[WW_ID_SIZE];
    int line;     /* of the section header */
    int duration; /* seconds; films: 0 = the film's own length */
    /* film */
    char file[WW_PATH_SIZE]; /* relative to the media folder, or absolute */
    /* SubRip file per language, indexed as ww_i18n_langs() ([0] = Dutch);
     * "" = the film's name with .srt (Dutch) or .LANG.srt, when present. */
    char subtitles[WW_SCREEN_LANGS][WW_PATH_SIZE];
    bool sound; /* default off: waiting rooms are quiet */
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
    char languages_text[64];       /* the key as written ("nl, en, tr") */
    size_t langs[WW_SCREEN_LANGS]; /* indexes into ww_i18n_langs(), in the order listed */
    size_t n_langs;                /* at least 1 (Dutch alone by default) */
    bool has_hours;                /* false: on all day, every day */
    int hours[7][2];               /* minutes since midnight; {0,0} = closed */
    struct ww_item *items;         /* owned; freed by ww_playlist_destroy */
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

/* The language index (into ww_i18n_langs) of the slides in pass `loop`. */
size_t ww_playlist_slide_lang(const struct ww_playlist *pl, uint64_t loop);
/* The second subtitle language of pass `loop`, or 0 (Dutch) when the
 * screen lists no other language. */
size_t ww_playlist_second_lang(const struct ww_playlist *pl, uint64_t loop);

/* Every resident text of the playlist (slide titles and texts, schedule
 * titles and lines), for the PO template; `what` says where it is used. */
void ww_playlist_each_text(const struct ww_playlist *pl,
                           void (*cb)(void *ctx, const char *text, const char *what,
                                      const char *file, int line),
                           void *ctx);

/* Where a film or subtitle file `name` of a playlist is: `name` itself
 * when absolute (or `media` is ""), else MEDIA/NAME. False when too long. */
bool ww_media_path(const char *media, const char *name, char *out, size_t size);

/* The default subtitle file of a film for language `lang` (index into
 * ww_i18n_langs): FILM without its extension, then ".srt" for Dutch or
 * ".LANG.srt". False when it does not fit `size`. */
bool ww_subtitles_default(const char *film_path, size_t lang, char *out, size_t size);

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
    char when[400]; /* "maandag tot en met woensdag 09:00-12:00; vrijdag 13:00-16:00",
                       in the current language (core/i18n) */
};

#define WW_WEEK_MAX_ROWS 16

/* Who is at the counter of `loc` in the week (Monday to Sunday) holding
 * `day`, from the weekly pattern and closed dates (no staff overrides: the
 * screen needs no store). One row per partner in order of first appearance
 * in the pattern; the general desk is left out. Returns the number of rows. */
size_t ww_week_rows(const struct ww_config *cfg, const struct ww_location *loc, ww_day day,
                    struct ww_week_row *rows, size_t cap);

/* "23 november tot en met 29 november" for the week holding `day`, in the
 * current language. */
void ww_week_label(ww_day day, char *buf, size_t size);

/* "Deze week is er geen spreekuur van partners.", translated. */
const char *ww_week_none(void);

/* The playlists of a configuration folder: the ids (file names without
 * ".ini") of CONFIG_DIR/screens/, in name order; at most `cap`. Returns how
 * many (0 when there is no such folder). */
#define WW_PLAYLISTS_MAX 64
size_t ww_playlist_ids(const char *config_dir, char (*ids)[WW_ID_SIZE], size_t cap);

#endif
