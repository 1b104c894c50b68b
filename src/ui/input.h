/* Touch, mouse and keys become the kiosk's action vocabulary (action.h).
 *
 *   - a touch or click acts on RELEASE, and only when the finger is lifted
 *     over the same target it went down on (sliding off cancels);
 *   - finger events and the mouse events SDL synthesises from them are not
 *     counted twice; a second finger while one is down is ignored (no
 *     multi-finger gestures);
 *   - a held key is one action (key repeat is ignored) and a second press
 *     of the same key within repeat_ms (default WW_KEY_DEBOUNCE_MS, the
 *     location's key_repeat_ms) of the last press that acted is dropped
 *     (ACCESSIBILITY 14).
 *
 * Keys (a tactile keypad sends the same codes):
 *   Tab, Down, Right, keypad 2/6  next focus     Up, Left, keypad 8/4  previous
 *   Return, Enter, Space, keypad 5  activate     Backspace, keypad 0  back
 *   F1, keypad .                  read aloud     Home, keypad 7       start over
 *   keypad +, +                   louder         keypad -, -          softer
 *
 * A barcode scanner at the resident screen types what it reads as keys
 * (a "keyboard wedge"): a ticket's QR gives "WW1:weener-xl:7KQ2M9XAPD" and
 * Enter. With `scanner` on, such input never acts as keys: printable keys
 * less than WW_SCAN_GAP_MS apart (no person types that fast), or text that
 * starts with "WW1:", are collected until Enter, Tab or WW_SCAN_END_MS of
 * quiet, then handed over whole as WW_IN_SCAN. A number key (which picks an
 * answer) therefore waits WW_SCAN_GAP_MS before it acts: the caller calls
 * ww_input_expire before each event and when ww_input_deadline has passed.
 * The tactile keypad's keys are not printable and never wait.
 *
 * A ww_input is a value; nothing to free. Thread: the UI thread. */
#ifndef WW_UI_INPUT_H
#define WW_UI_INPUT_H

#include "core/action.h"
#include "ui/draw.h"

#include <SDL2/SDL.h>

#include <stdbool.h>

#define WW_KEY_DEBOUNCE_MS 300
/* A press this long in the top-left staff corner, where no control is (the
 * margin above and beside the language row), opens the staff entry. */
#define WW_STAFF_HOLD_MS 3000
#define WW_SCAN_GAP_MS   50  /* printable keys closer than this come from a machine */
#define WW_SCAN_END_MS   300 /* a scan without Enter ends after this long */
#define WW_SCAN_MAX      96

enum ww_input_result {
    WW_IN_NONE,   /* nothing for the kiosk */
    WW_IN_ACTIVE, /* the resident touched the screen (idle timer restarts), no action */
    WW_IN_ACTION, /* *out holds an action */
    WW_IN_STAFF,  /* the hidden staff entry was held */
    WW_IN_SCAN,   /* a scanned code ended: its text is in `scanned` */
};

struct ww_input {
    bool down;
    bool finger; /* the press came from a finger */
    SDL_FingerID finger_id;
    char pressed[WW_TARGET_SIZE];
    Uint32 down_ms;
    int down_x, down_y;
    SDL_Keycode last_key;
    Uint32 last_key_ms; /* the last press of last_key that acted */
    Uint32 repeat_ms;   /* a second press of the same key sooner than this is
                           dropped; 0: none are (the location's key_repeat_ms) */
    bool rtl;           /* the screen reads right to left: Left moves on */
    int corner_px;      /* size of the staff corner square (controls in it excluded) */
    Uint32 max_age_ms;  /* older input is dropped (ww_input_stale); 0: no limit */
    /* Scanner input (see the top), only when `scanner` is on. */
    bool scanner;
    bool scanning;          /* machine typing recognised: nothing acts until it ends */
    int scan_keys;          /* printable keys in the current run */
    Uint32 scan_last_ms;    /* the last printable key */
    char scan[WW_SCAN_MAX]; /* the text typed in the current run */
    SDL_Keycode held;       /* a number key waiting to see if a burst follows; 0 none */
    Uint32 held_ms;
    char scanned[WW_SCAN_MAX]; /* the text of the last WW_IN_SCAN */
};

void ww_input_init(struct ww_input *in, int corner_px);

/* Turn one SDL event into an action against the draw list on screen (w×h). */
enum ww_input_result ww_input_event(struct ww_input *in, const SDL_Event *e,
                                    const struct ww_dlist *d, int w, int h, struct ww_action *out);

/* A touch, click or key whose SDL timestamp is more than in->max_age_ms
 * before `now` (SDL ticks): taps queued while the kiosk was stopped or
 * frozen, meant for a screen long gone. The caller drops it. */
bool ww_input_stale(const struct ww_input *in, const SDL_Event *e, Uint32 now);

/* Scanner input: milliseconds from `now` until ww_input_expire has
 * something to settle (a held number key, a scan without Enter); -1 none. */
int ww_input_deadline(const struct ww_input *in, Uint32 now);
/* Settle what is due at `now`: a held number key acts (WW_IN_ACTION), a
 * scan that went quiet ends (WW_IN_SCAN), or WW_IN_NONE. */
enum ww_input_result ww_input_expire(struct ww_input *in, Uint32 now, struct ww_action *out);

/* The action of a key, ignoring timing: false for keys with no meaning. */
bool ww_input_key_action(SDL_Keycode key, struct ww_action *out);

/* The same with the modifiers held and the reading direction of `in`:
 * Shift+Tab moves back, and in a right-to-left language the left arrow
 * moves on and the right arrow back (reading order). */
bool ww_input_key_action_in(const struct ww_input *in, SDL_Keycode key, Uint16 mod,
                            struct ww_action *out);

#endif
