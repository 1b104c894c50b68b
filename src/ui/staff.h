/* The staff screens of the kiosk: the PIN pad, today's partners with
 * toggles and steppers, a partner's bookings, adding a partner and check-in,
 * as draw lists (draw.h) built from the staff state (core/staff.h), and the
 * keys, typed text and taps that drive it.
 *
 * Screen ids (ww_dlist.screen): staff-pin, staff-main, staff-bookings,
 * staff-add, staff-checkin. Targets are those of core/staff.h. Texts are
 * Dutch only: the screens are for staff.
 *
 * Keys while open: digits and letters type (PIN, ticket number; a barcode
 * scanner types its text and Enter), Enter confirms (or presses the focused
 * button), Backspace erases, Tab/arrows and the keypad's 2/4/6/8 move the
 * focus, Escape goes back.
 *
 * Ownership: a ww_staff_ui holds the staff state and borrows the booking
 * context (its store, clock, config), which must outlive it. Thread: the UI
 * thread. */
#ifndef WW_UI_STAFF_H
#define WW_UI_STAFF_H

#include "core/action.h"
#include "core/booking.h"
#include "core/err.h"
#include "core/staff.h"
#include "ui/draw.h"
#include "ui/screens.h"

#include <SDL2/SDL.h>

#include <stdbool.h>

struct ww_staff_ui;

/* `pin_hash` is copied ("" = no PIN set). Aborts on out-of-memory. */
struct ww_staff_ui *ww_staff_ui_new(const struct ww_booking_ctx *ctx, const char *pin_hash);

/* The PIN hash in force from now on (a new one set with `staff set-pin`). */
void ww_staff_ui_set_pin(struct ww_staff_ui *u, const char *pin_hash);
void ww_staff_ui_free(struct ww_staff_ui *u);

/* Is a staff screen (or the PIN pad) up? */
bool ww_staff_ui_is_open(const struct ww_staff_ui *u);

/* The state, for scripts and tests (borrowed). */
const struct ww_staff *ww_staff_ui_state(const struct ww_staff_ui *u);

/* Each call returns the effects (enum ww_staff_effect bits) the kiosk must
 * perform; the booking to print for WW_STAFF_FX_REPRINT is in
 * ww_staff_ui_state(u)->reprint. */

/* The hidden entry was held. */
unsigned ww_staff_ui_enter(struct ww_staff_ui *u);
/* A tap or keypad action against the staff screen on display `d`. */
unsigned ww_staff_ui_action(struct ww_staff_ui *u, const struct ww_action *a,
                            const struct ww_dlist *d);
/* A key or text input event; *handled is false for events that are not
 * keys or text (touches go through ww_input_event and come back as
 * actions). */
unsigned ww_staff_ui_event(struct ww_staff_ui *u, const SDL_Event *ev, const struct ww_dlist *d,
                           bool *handled);
/* A key by its SDL keycode (scripted runs) and typed text. */
unsigned ww_staff_ui_key(struct ww_staff_ui *u, SDL_Keycode key, const struct ww_dlist *d);
unsigned ww_staff_ui_text(struct ww_staff_ui *u, const char *text);
/* Time passed: the idle close, the lock's minutes. */
unsigned ww_staff_ui_tick(struct ww_staff_ui *u);
/* Seconds until ww_staff_ui_tick is due; -1 when closed. */
int ww_staff_ui_deadline(const struct ww_staff_ui *u);
/* The store changed (another kiosk, the terminal): read the day again. */
unsigned ww_staff_ui_refresh(struct ww_staff_ui *u);
/* The last print result, for the printer line and its paper warning. */
void ww_staff_ui_printer(struct ww_staff_ui *u, enum ww_err err, const char *detail);
/* The store stopped answering at local minute `since_minute` of today (a
 * warning band on the day screen); -1: it answers again. */
void ww_staff_ui_store_down(struct ww_staff_ui *u, int since_minute);
/* The store could not save (read-only, disk full) at local minute
 * `since_minute`; -1: it saves again. */
void ww_staff_ui_store_unwritable(struct ww_staff_ui *u, int since_minute);

/* Build the staff screen. `env` gives the screen geometry and text cache. */
void ww_staff_ui_build(struct ww_staff_ui *u, const struct ww_screen_env *env, struct ww_dlist *d);
/* The target with the keypad focus ring ("" none). */
const char *ww_staff_ui_focus(const struct ww_staff_ui *u);

#endif
