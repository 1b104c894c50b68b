/* What the waiting-room screen draws besides the film: info slides (title,
 * B1 text, pictogram, QR code to a web address), the "Deze week aan de
 * balie" schedule slide and the subtitle band. Everything is drawn into
 * software surfaces (no renderer needed), once per item or per cue, so the
 * screen loop only copies textures.
 *
 * Colours: white and light text on a dark blue ground (contrast 12:1) and
 * white subtitles on a near-black band (over 15:1).
 *
 * Ownership: returned surfaces belong to the caller (SDL_FreeSurface). The
 * ww_slides handle is used by one thread (the one that owns SDL). */
#ifndef WW_SLIDES_H
#define WW_SLIDES_H

#include "core/config.h"
#include "core/playlist.h"
#include "core/srt.h"

#include <SDL2/SDL.h>

#include <stdbool.h>
#include <stdio.h>

struct ww_slides;

/* Slides for a screen of w x h pixels; pictograms are looked up as
 * `assets_dir/pictograms/ID.svg` (or .png). NULL (logged) when no font is
 * found. */
struct ww_slides *ww_slides_new(int w, int h, const char *assets_dir);
void ww_slides_free(struct ww_slides *s);

/* Draw what follows in language `code` (one of core/i18n): texts come from
 * the PO catalogue, and a right-to-left language mirrors the slide. This
 * switches the process language (core/i18n); the screen has one drawing
 * thread. */
void ww_slides_set_lang(struct ww_slides *s, const char *code);

/* Write every text drawn from now on to `log` (NULL: stop), one line each:
 * "TAG part=PART dir=ltr|rtl text=TEXT" ("\n" for a line break). PART is
 * title, text, scan, week, none, partner, when, subtitle-1 or subtitle-2.
 * The caller keeps `log` open. */
void ww_slides_set_log(struct ww_slides *s, FILE *log, const char *tag);

/* An info slide. NULL (logged) on failure. */
SDL_Surface *ww_slides_info(struct ww_slides *s, const struct ww_item *it);

/* The schedule slide of `loc` for the week holding `day`. */
SDL_Surface *ww_slides_schedule(struct ww_slides *s, const struct ww_item *it,
                                const struct ww_config *cfg, const struct ww_location *loc,
                                ww_day day);

/* The subtitle band: the Dutch cue `first` (white) over the second
 * language's cue `second` (yellow, right to left when `second_rtl`); either
 * may be NULL. Full screen width, as high as its lines need; draw it at the
 * bottom edge. NULL when both are NULL or on failure (logged). */
SDL_Surface *ww_slides_subtitle(struct ww_slides *s, const struct ww_srt_cue *first,
                                const struct ww_srt_cue *second, bool second_rtl);

#endif
