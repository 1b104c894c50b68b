#include "ui/input.h"

#include "core/session.h"
#include "core/str.h"

#include <string.h>
#include <strings.h>

void ww_input_init(struct ww_input *in, int corner_px)
{
    memset(in, 0, sizeof *in);
    in->corner_px = corner_px;
    in->repeat_ms = WW_KEY_DEBOUNCE_MS;
}

bool ww_input_stale(const struct ww_input *in, const SDL_Event *e, Uint32 now)
{
    switch (e->type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_KEYDOWN:
    case SDL_TEXTINPUT:
        /* Signed difference: right across the 49-day wrap of the ticks, and
         * an event stamped after `now` is fresh. */
        return in->max_age_ms > 0 && (Sint32)(now - e->common.timestamp) > (Sint32)in->max_age_ms;
    default:
        return false;
    }
}

bool ww_input_key_action(SDL_Keycode key, struct ww_action *out)
{
    switch (key) {
    case SDLK_TAB:
    case SDLK_DOWN:
    case SDLK_RIGHT:
    case SDLK_KP_2:
    case SDLK_KP_6:
        *out = ww_action_make(WW_ACT_NEXT_FOCUS);
        return true;
    case SDLK_UP:
    case SDLK_LEFT:
    case SDLK_KP_8:
    case SDLK_KP_4:
        *out = ww_action_make(WW_ACT_PREV_FOCUS);
        return true;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
    case SDLK_KP_5:
        *out = ww_action_make(WW_ACT_ACTIVATE);
        return true;
    case SDLK_BACKSPACE:
    case SDLK_KP_0:
        *out = ww_action_make(WW_ACT_BACK);
        return true;
    case SDLK_F1:
    case SDLK_KP_PERIOD:
        *out = ww_action_make(WW_ACT_READ_ALOUD);
        return true;
    case SDLK_KP_PLUS:
    case SDLK_PLUS:
    case SDLK_EQUALS: /* + without Shift */
        *out = ww_action_tap("volume:up");
        return true;
    case SDLK_KP_MINUS:
    case SDLK_MINUS:
        *out = ww_action_tap("volume:down");
        return true;
    case SDLK_HOME:
    case SDLK_KP_7:
        *out = ww_action_make(WW_ACT_RESTART);
        return true;
    default:
        if (key >= SDLK_1 && key <= SDLK_9) {
            /* Number keys choose the screen's N-th button directly. */
            char t[WW_TARGET_SIZE];
            ww_fmt(t, sizeof t, "%s%d", WW_KEY_TARGET_PREFIX, (int)(key - SDLK_0));
            *out = ww_action_tap(t);
            return true;
        }
        return false;
    }
}

bool ww_input_key_action_in(const struct ww_input *in, SDL_Keycode key, Uint16 mod,
                            struct ww_action *out)
{
    if (key == SDLK_TAB && (mod & KMOD_SHIFT)) {
        *out = ww_action_make(WW_ACT_PREV_FOCUS);
        return true;
    }
    if (in->rtl) {
        if (key == SDLK_LEFT || key == SDLK_KP_4) {
            *out = ww_action_make(WW_ACT_NEXT_FOCUS);
            return true;
        }
        if (key == SDLK_RIGHT || key == SDLK_KP_6) {
            *out = ww_action_make(WW_ACT_PREV_FOCUS);
            return true;
        }
    }
    return ww_input_key_action(key, out);
}

/* The staff corner: the top-left square, but only where no control is
 * (the margin strip above and beside the language row): a resident holding
 * "Nederlands" for three seconds gets a tap, never the PIN pad. The idle
 * warning's "stay" and the "anywhere" under the attract and goodbye screens
 * cover the whole screen and do not count. */
static bool is_control(const char *name)
{
    return name[0] && strcmp(name, "stay") != 0 && strcmp(name, "anywhere") != 0;
}

static bool in_corner(const struct ww_input *in, const struct ww_dlist *d, int x, int y)
{
    if (in->corner_px <= 0 || x >= in->corner_px || y >= in->corner_px)
        return false;
    const struct ww_dtarget *t = ww_dlist_hit(d, x, y);
    return !t || !is_control(t->name);
}

static enum ww_input_result press(struct ww_input *in, const struct ww_dlist *d, int x, int y,
                                  Uint32 now)
{
    const struct ww_dtarget *t = ww_dlist_hit(d, x, y);
    in->down = true;
    in->down_ms = now;
    in->down_x = x;
    in->down_y = y;
    ww_strlcpy(in->pressed, t ? t->name : "", sizeof in->pressed);
    return WW_IN_ACTIVE;
}

static enum ww_input_result release(struct ww_input *in, const struct ww_dlist *d, int x, int y,
                                    Uint32 now, struct ww_action *out)
{
    if (!in->down)
        return WW_IN_NONE;
    in->down = false;
    if (!is_control(in->pressed) && in_corner(in, d, in->down_x, in->down_y) &&
        in_corner(in, d, x, y) && now - in->down_ms >= WW_STAFF_HOLD_MS)
        return WW_IN_STAFF;
    const struct ww_dtarget *t = ww_dlist_hit(d, x, y);
    if (!t || !in->pressed[0] || strcmp(t->name, in->pressed) != 0)
        return WW_IN_ACTIVE; /* slid off, or a gap: no action */
    *out = ww_action_tap(t->name);
    return WW_IN_ACTION;
}

/* ---- scanner input ---- */

static bool printable(SDL_Keycode key)
{
    return key > ' ' && key < 0x7f;
}

static bool is_modifier(SDL_Keycode key)
{
    switch (key) {
    case SDLK_LSHIFT:
    case SDLK_RSHIFT:
    case SDLK_LCTRL:
    case SDLK_RCTRL:
    case SDLK_LALT:
    case SDLK_RALT:
    case SDLK_CAPSLOCK:
    case SDLK_NUMLOCKCLEAR:
        return true;
    default:
        return false;
    }
}

static void scan_reset(struct ww_input *in)
{
    in->scanning = false;
    in->scan_keys = 0;
    in->scan[0] = '\0';
    in->held = 0;
}

/* A run of printable keys is open: its last key was recent. */
static bool scan_open(const struct ww_input *in, Uint32 now)
{
    return in->scan_keys > 0 && now - in->scan_last_ms < WW_SCAN_END_MS;
}

static enum ww_input_result scan_end(struct ww_input *in)
{
    bool was = in->scanning;
    ww_strlcpy(in->scanned, in->scan, sizeof in->scanned);
    scan_reset(in);
    return was ? WW_IN_SCAN : WW_IN_ACTIVE;
}

int ww_input_deadline(const struct ww_input *in, Uint32 now)
{
    if (!in->scanner || in->scan_keys == 0)
        return -1;
    Uint32 due = in->held && !in->scanning ? in->held_ms + WW_SCAN_GAP_MS
                                           : in->scan_last_ms + WW_SCAN_END_MS;
    return (Sint32)(due - now) > 0 ? (int)(due - now) : 0;
}

enum ww_input_result ww_input_expire(struct ww_input *in, Uint32 now, struct ww_action *out)
{
    if (!in->scanner || in->scan_keys == 0)
        return WW_IN_NONE;
    if (in->held && !in->scanning && now - in->held_ms >= WW_SCAN_GAP_MS) {
        /* No burst followed: a person pressed a number key. */
        SDL_Keycode key = in->held;
        scan_reset(in);
        return ww_input_key_action(key, out) ? WW_IN_ACTION : WW_IN_ACTIVE;
    }
    if (!scan_open(in, now)) {
        if (in->scanning)
            return scan_end(in);
        scan_reset(in); /* a few letters typed slowly: nothing */
    }
    return WW_IN_NONE;
}

/* A printable key with the scanner on: collected, never acted on, except a
 * number key on its own (held until WW_SCAN_GAP_MS shows no burst). */
static enum ww_input_result scan_key(struct ww_input *in, SDL_Keycode key, Uint32 now)
{
    bool burst = in->scan_keys > 0 && now - in->scan_last_ms < WW_SCAN_GAP_MS;
    if (!scan_open(in, now))
        scan_reset(in);
    in->scan_keys++;
    in->scan_last_ms = now;
    if (burst)
        in->scanning = true;
    if (in->scanning) {
        in->held = 0;
    } else if (key >= SDLK_1 && key <= SDLK_9 && in->scan_keys == 1) {
        in->held = key;
        in->held_ms = now;
    } else {
        in->held = 0; /* a number after letters ("WW1") is text, not a choice */
    }
    return WW_IN_ACTIVE;
}

static void scan_text(struct ww_input *in, const char *text)
{
    size_t n = strlen(in->scan);
    if (n + strlen(text) < sizeof in->scan)
        memcpy(in->scan + n, text, strlen(text) + 1);
    if (strncasecmp(in->scan, "WW1:", 4) == 0)
        in->scanning = true;
}

enum ww_input_result ww_input_event(struct ww_input *in, const SDL_Event *e,
                                    const struct ww_dlist *d, int w, int h, struct ww_action *out)
{
    if (in->scanner && e->type == SDL_TEXTINPUT) {
        if (in->scan_keys > 0)
            scan_text(in, e->text.text);
        return WW_IN_NONE;
    }
    if (in->scanner && e->type == SDL_KEYDOWN && !e->key.repeat) {
        SDL_Keycode key = e->key.keysym.sym;
        Uint32 now = e->key.timestamp;
        if (printable(key))
            return scan_key(in, key, now);
        if (is_modifier(key))
            return WW_IN_NONE; /* a scanner's Shift for capitals */
        if (scan_open(in, now)) {
            /* Enter or Tab after the code: the scanner's end of line. A
             * held number key and Enter together are a scan too. */
            if (key == SDLK_RETURN || key == SDLK_KP_ENTER || key == SDLK_TAB) {
                if (in->held && now - in->held_ms < WW_SCAN_GAP_MS)
                    in->scanning = true;
                if (in->scanning || !in->held)
                    return scan_end(in);
            }
            if (in->scanning)
                return WW_IN_ACTIVE; /* anything else inside a scan: swallowed */
        }
        if (in->held) {
            /* Another key after a held number key: the number acts first...
             * but only one result per event, so it is dropped; the gap is
             * settled by ww_input_expire before this event in the loop. */
            in->held = 0;
        }
        scan_reset(in);
    }
    switch (e->type) {
    case SDL_FINGERDOWN:
        if (in->down)
            return WW_IN_ACTIVE; /* a second finger: ignored */
        in->finger = true;
        in->finger_id = e->tfinger.fingerId;
        return press(in, d, (int)(e->tfinger.x * w), (int)(e->tfinger.y * h), e->tfinger.timestamp);
    case SDL_FINGERUP:
        if (!in->down || !in->finger || e->tfinger.fingerId != in->finger_id)
            return WW_IN_NONE;
        return release(in, d, (int)(e->tfinger.x * w), (int)(e->tfinger.y * h),
                       e->tfinger.timestamp, out);
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            return WW_IN_NONE;
        if (in->down)
            return WW_IN_ACTIVE;
        in->finger = false;
        return press(in, d, e->button.x, e->button.y, e->button.timestamp);
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT ||
            in->finger)
            return WW_IN_NONE;
        return release(in, d, e->button.x, e->button.y, e->button.timestamp, out);
    case SDL_KEYDOWN: {
        if (e->key.repeat)
            return WW_IN_NONE; /* a held key is one action */
        SDL_Keycode key = e->key.keysym.sym;
        Uint32 now = e->key.timestamp;
        /* Counted from the press that acted: a bouncing key is one
         * action, presses a person makes repeat_ms apart are each one. */
        if (in->repeat_ms > 0 && key == in->last_key && now - in->last_key_ms < in->repeat_ms)
            return WW_IN_ACTIVE;
        in->last_key = key;
        in->last_key_ms = now;
        return ww_input_key_action_in(in, key, e->key.keysym.mod, out) ? WW_IN_ACTION
                                                                       : WW_IN_ACTIVE;
    }
    default:
        return WW_IN_NONE;
    }
}
