/* `wegwijzer kiosk`: the resident counter application.
 *
 *   wegwijzer kiosk [--location ID]                 full screen, touch
 *   wegwijzer kiosk --script FILE --screenshot-dir DIR [--now ...]
 *                                                   scripted run (tests)
 *   wegwijzer kiosk --check-layout                  every screen × language
 *                                                   × text size, no window
 *   wegwijzer kiosk --bench                         timings (benchmarks)
 *
 * One thread owns SDL and blocks until the next deadline (idle warning,
 * countdown, goodbye); an idle kiosk uses no CPU. Release builds have no way
 * out but SIGTERM/SIGINT, which end through the normal shutdown path; debug
 * builds also quit on Escape.
 *
 * The functions below the main entry drive a running kiosk; the scripted
 * mode (script.c) and the layout check use them. Thread: the UI thread. */
#ifndef WW_UI_KIOSK_H
#define WW_UI_KIOSK_H

#include "core/action.h"
#include "core/session.h"
#include "ui/draw.h"

#include <stdbool.h>
#include <stdio.h>

int ww_kiosk_main(int argc, char **argv);

struct ww_kiosk;

/* One action of the resident (or of the idle timer), with every effect the
 * session asks for performed (resolve, book, print, speak, record). */
void ww_kiosk_act(struct ww_kiosk *k, const struct ww_action *a);
/* The draw list on screen, rebuilt when the state changed. Borrowed. */
const struct ww_dlist *ww_kiosk_dlist(struct ww_kiosk *k);
const struct ww_session *ww_kiosk_session(const struct ww_kiosk *k);
/* Move the virtual clock on (scripted runs), sending idle ticks as the
 * real loop would. */
void ww_kiosk_advance(struct ww_kiosk *k, int seconds);
/* Draw and save the screen as PNG. */
bool ww_kiosk_screenshot(struct ww_kiosk *k, const char *path);
/* The "buttons lower" layout on or off. */
void ww_kiosk_set_lower(struct ww_kiosk *k, bool lower);
/* Wait (at most a few seconds) until the printer answered. */
void ww_kiosk_wait_print(struct ww_kiosk *k);
/* The colour (0xRRGGBB) of a pixel of the drawn screen. */
unsigned ww_kiosk_pixel(struct ww_kiosk *k, int x, int y);
/* Describe the state in one line (screen, language, warning, visit). */
void ww_kiosk_describe(struct ww_kiosk *k, FILE *out);
/* True when nothing of a resident is left: the session equals a fresh one. */
bool ww_kiosk_is_fresh(const struct ww_kiosk *k, char *why, size_t size);
/* The spoken log of this run ("" when speech records nothing). */
void ww_kiosk_spoken(struct ww_kiosk *k, FILE *out);

/* script.c: run a script against a kiosk; 0 when every line passed. */
int ww_kiosk_run_script(struct ww_kiosk *k, const char *path, const char *shot_dir);

/* check.c: the layout check over every screen × language × text size ×
 * layout; prints each problem, returns the number of problems. */
int ww_kiosk_check_layout(struct ww_kiosk *k, FILE *out, bool verbose);

/* bench.c: redraw timings of every screen (--bench); 0 on success. */
int ww_kiosk_bench(struct ww_kiosk *k);

#endif
