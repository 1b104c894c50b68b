/* The ticket as a 1-bit raster for thermal paper (576 dots for 80 mm, 384
 * for 58 mm), drawn with the screen's font stack (render/text.h), so every
 * language prints, Arabic right to left included. Anti-aliased glyphs are
 * cut at half coverage: at 203 dpi that reads as cleanly as printer fonts.
 *
 * Threads: a ww_ticket_raster uses its ww_text from the calling thread only;
 * in the kiosk that is the UI thread (drawing one ticket takes a few
 * milliseconds, see bench/bench_ticket.c); the printing itself goes to a
 * ww_print_worker. */
#ifndef WW_TICKET_RASTER_H
#define WW_TICKET_RASTER_H

#include "core/ticket.h"

#include <stdbool.h>

/* No SDL type in this header: terminal commands draw tickets through it. */
struct ww_text; /* render/text.h */
struct ww_ticket_raster;

/* `text` is borrowed (the UI's, so fonts load once) or NULL: then the
 * ticket raster loads its own. NULL (logged) when no font can be found. */
struct ww_ticket_raster *ww_ticket_raster_new(struct ww_text *text);
void ww_ticket_raster_free(struct ww_ticket_raster *tr);

/* Draw `t` at t->width dots. The caller destroys `out`. False (logged) on
 * failure; `out` is then empty. */
bool ww_ticket_raster_draw(struct ww_ticket_raster *tr, const struct ww_ticket *t,
                           struct ww_raster *out);

#endif
