/* The staff mode inside a running kiosk: the glue between the kiosk's loop
 * (kiosk.c, script.c) and the staff screens (ui/staff.h). While staff are
 * in, taps, keys and typed text go to the staff screens, the draw list is
 * theirs and the resident session has been wiped.
 *
 * Functions returning bool return true when they handled the input (staff
 * mode is open). Thread: the UI thread. */
#ifndef WW_UI_KIOSK_STAFF_H
#define WW_UI_KIOSK_STAFF_H

#include "core/action.h"
#include "core/printer.h"

#include <SDL2/SDL.h>

#include <stdbool.h>
#include <stddef.h>

struct ww_kiosk;

/* Set up once the store, the booking context and the screen are ready. */
void ww_kiosk_staff_start(struct ww_kiosk *k);
void ww_kiosk_staff_stop(struct ww_kiosk *k);

bool ww_kiosk_staff_is_open(const struct ww_kiosk *k);
/* The hidden corner was held: wipe the resident session, show the PIN pad. */
void ww_kiosk_staff_enter(struct ww_kiosk *k);
bool ww_kiosk_staff_act(struct ww_kiosk *k, const struct ww_action *a);
bool ww_kiosk_staff_event(struct ww_kiosk *k, const SDL_Event *ev);
/* Build the staff screen into the kiosk's draw list (false: not open). */
bool ww_kiosk_staff_build(struct ww_kiosk *k);
/* The focused staff target, or NULL when staff mode is not open. */
const char *ww_kiosk_staff_focus(const struct ww_kiosk *k);
/* Seconds until ww_kiosk_staff_tick is due; -1 when nothing is. */
int ww_kiosk_staff_deadline(const struct ww_kiosk *k);
void ww_kiosk_staff_tick(struct ww_kiosk *k);
/* The store's change counter moved: staff screens read the day again. */
void ww_kiosk_staff_store_changed(struct ww_kiosk *k);
/* A print job finished (the printer line of the staff screen). */
void ww_kiosk_staff_printed(struct ww_kiosk *k, const struct ww_print_result *res);
/* What a store call of the kiosk returned (`wrote`: it was a write): an
 * unreachable store starts the staff warning, any answer ends it; a write
 * error (read-only, disk full) starts the other warning, a write that
 * succeeds ends it. */
void ww_kiosk_store_result(struct ww_kiosk *k, enum ww_err e, bool wrote);

/* Script commands of the staff mode (script.c):
 *   hold X Y SECONDS    (or hold TARGET SECONDS: its middle) press at a pixel
 *                       and release after SECONDS, through
 *                       the kiosk's input handling (the hidden corner)
 *   type TEXT           text as a keyboard or barcode scanner types it
 *   key NAME            while staff are in: any key (digits, Return, ...)
 *   wait-file PATH      block (real time, at most 60 s) until PATH exists:
 *                       lets a test change the store from another process
 *                       at a known step (then `wait 2s` lets the kiosk see it)
 *   touch-file PATH     create PATH (tells the test this step is reached)
 *   staff-check         the staff screen on display keeps the rules of the
 *                       residents' screens: targets of 20 mm, 2.5 mm apart,
 *                       texts that fit, text contrast
 * Returns -1 when `cmd` is none of these (or `key` outside staff mode), 1
 * when it passed, 0 when it failed (message in err). */
int ww_kiosk_staff_script(struct ww_kiosk *k, const char *cmd, const char *arg, char *err,
                          size_t errsize);

#endif
