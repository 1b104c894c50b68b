/* Touch, mouse and keys become actions: act on release over the same target,
 * sliding off cancels, gaps hit nothing, one finger at a time, a held key is
 * one action and a quick second press is dropped (ACCESSIBILITY rows 11, 14). */
#include "ui/input.h"

#include "core/session.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

static struct ww_dlist d;

static int setup(void **state)
{
    (void)state;
    ww_dlist_init(&d);
    ww_dlist_target(&d, "answer:1", (struct ww_rect){0, 0, 100, 60}, "Ja");
    ww_dlist_target(&d, "answer:2", (struct ww_rect){0, 70, 100, 60}, "Nee");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ww_dlist_destroy(&d);
    return 0;
}

static SDL_Event mouse(Uint32 type, int x, int y, Uint32 ms)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = x;
    e.button.y = y;
    e.button.timestamp = ms;
    return e;
}

static SDL_Event finger(Uint32 type, SDL_FingerID id, float x, float y, Uint32 ms)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.tfinger.fingerId = id;
    e.tfinger.x = x;
    e.tfinger.y = y;
    e.tfinger.timestamp = ms;
    return e;
}

static SDL_Event key(SDL_Keycode k, int repeat, Uint32 ms)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = k;
    e.key.repeat = (Uint8)repeat;
    e.key.timestamp = ms;
    return e;
}

static void acts_on_release(void **state)
{
    (void)state;
    struct ww_input in;
    struct ww_action a;
    ww_input_init(&in, 20);
    SDL_Event e = mouse(SDL_MOUSEBUTTONDOWN, 50, 30, 100);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTIVE);
    e = mouse(SDL_MOUSEBUTTONUP, 55, 35, 180);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    assert_int_equal(a.kind, WW_ACT_TAP);
    assert_string_equal(a.target, "answer:1");
}

static void sliding_off_cancels(void **state)
{
    (void)state;
    struct ww_input in;
    struct ww_action a;
    ww_input_init(&in, 20);
    SDL_Event e = mouse(SDL_MOUSEBUTTONDOWN, 50, 30, 100);
    ww_input_event(&in, &e, &d, 100, 200, &a);
    e = mouse(SDL_MOUSEBUTTONUP, 50, 100, 200); /* released over answer:2 */
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTIVE);
    e = mouse(SDL_MOUSEBUTTONDOWN, 50, 65, 300); /* the gap */
    ww_input_event(&in, &e, &d, 100, 200, &a);
    e = mouse(SDL_MOUSEBUTTONUP, 50, 65, 350);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTIVE);
}

static void one_finger_at_a_time(void **state)
{
    (void)state;
    struct ww_input in;
    struct ww_action a;
    ww_input_init(&in, 20);
    SDL_Event e = finger(SDL_FINGERDOWN, 1, 0.5f, 0.5f, 10); /* (50, 100): answer:2 */
    ww_input_event(&in, &e, &d, 100, 200, &a);
    e = finger(SDL_FINGERDOWN, 2, 0.5f, 0.1f, 20); /* a second finger on answer:1 */
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTIVE);
    e = finger(SDL_FINGERUP, 2, 0.5f, 0.1f, 30);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_NONE);
    e = finger(SDL_FINGERUP, 1, 0.5f, 0.5f, 40);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    assert_string_equal(a.target, "answer:2");
    /* SDL's mouse copy of a touch is not a second tap. */
    SDL_Event m = mouse(SDL_MOUSEBUTTONUP, 50, 100, 41);
    m.button.which = SDL_TOUCH_MOUSEID;
    assert_int_equal(ww_input_event(&in, &m, &d, 100, 200, &a), WW_IN_NONE);
}

static void keys(void **state)
{
    (void)state;
    struct ww_input in;
    struct ww_action a;
    ww_input_init(&in, 20);
    SDL_Event e = key(SDLK_TAB, 0, 1000);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    assert_int_equal(a.kind, WW_ACT_NEXT_FOCUS);
    /* Held: the repeats are no actions. */
    e = key(SDLK_TAB, 1, 1500);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_NONE);
    /* A bounce within the debounce time is dropped. */
    e = key(SDLK_TAB, 0, 1000 + WW_KEY_DEBOUNCE_MS - 50);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTIVE);
    e = key(SDLK_TAB, 0, 3000);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    e = key(SDLK_RETURN, 0, 3010); /* another key right after is fine */
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    assert_int_equal(a.kind, WW_ACT_ACTIVATE);
    assert_true(ww_input_key_action(SDLK_BACKSPACE, &a) && a.kind == WW_ACT_BACK);
    assert_true(ww_input_key_action(SDLK_F1, &a) && a.kind == WW_ACT_READ_ALOUD);
    assert_true(ww_input_key_action(SDLK_HOME, &a) && a.kind == WW_ACT_RESTART);
    /* the volume on the keypad: + louder, - softer (ACCESSIBILITY row 12) */
    assert_true(ww_input_key_action(SDLK_KP_PLUS, &a) && a.kind == WW_ACT_TAP);
    assert_string_equal(a.target, "volume:up");
    assert_true(ww_input_key_action(SDLK_KP_MINUS, &a) && a.kind == WW_ACT_TAP);
    assert_string_equal(a.target, "volume:down");
    assert_true(ww_input_key_action(SDLK_PLUS, &a) && strcmp(a.target, "volume:up") == 0);
    assert_true(ww_input_key_action(SDLK_MINUS, &a) && strcmp(a.target, "volume:down") == 0);
    assert_false(ww_input_key_action(SDLK_q, &a));
}

static SDL_Event key_mod(SDL_Keycode k, Uint16 mod, Uint32 ms)
{
    SDL_Event e = key(k, 0, ms);
    e.key.keysym.mod = mod;
    return e;
}

/* Six deliberate presses 250 ms apart: each counts when the location
 * allows it (key_repeat_ms 200 or 0); with the default 300 ms every other
 * one does (counted from the press that acted), never just one. */
static int six_presses(Uint32 repeat_ms)
{
    struct ww_input in;
    struct ww_action a;
    ww_input_init(&in, 20);
    in.repeat_ms = repeat_ms;
    int acted = 0;
    for (int i = 0; i < 6; i++) {
        SDL_Event e = key(SDLK_TAB, 0, 1000 + (Uint32)i * 250);
        if (ww_input_event(&in, &e, &d, 100, 200, &a) == WW_IN_ACTION)
            acted++;
    }
    return acted;
}

static void key_repeat_configurable(void **state)
{
    (void)state;
    assert_int_equal(six_presses(200), 6);
    assert_int_equal(six_presses(0), 6);
    assert_int_equal(six_presses(WW_KEY_DEBOUNCE_MS), 3);
    /* A bounce (presses 20 ms apart) is still one action. */
    struct ww_input in;
    struct ww_action a;
    ww_input_init(&in, 20);
    in.repeat_ms = 200;
    int acted = 0;
    for (int i = 0; i < 5; i++) {
        SDL_Event e = key(SDLK_RETURN, 0, 500 + (Uint32)i * 20);
        if (ww_input_event(&in, &e, &d, 100, 200, &a) == WW_IN_ACTION)
            acted++;
    }
    assert_int_equal(acted, 1);
}

static void shift_tab_and_reading_order(void **state)
{
    (void)state;
    struct ww_input in;
    struct ww_action a;
    ww_input_init(&in, 20);
    SDL_Event e = key_mod(SDLK_TAB, KMOD_LSHIFT, 1000);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    assert_int_equal(a.kind, WW_ACT_PREV_FOCUS);
    e = key_mod(SDLK_TAB, KMOD_RSHIFT, 2000);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    assert_int_equal(a.kind, WW_ACT_PREV_FOCUS);
    e = key_mod(SDLK_TAB, KMOD_NONE, 3000);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    assert_int_equal(a.kind, WW_ACT_NEXT_FOCUS);
    /* Left to right: Right moves on, Left back. */
    e = key(SDLK_RIGHT, 0, 4000);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    assert_int_equal(a.kind, WW_ACT_NEXT_FOCUS);
    e = key(SDLK_LEFT, 0, 5000);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    assert_int_equal(a.kind, WW_ACT_PREV_FOCUS);
    /* Right to left (Arabic): Left moves on in reading order, Right back;
     * up and down stay as they are. */
    in.rtl = true;
    e = key(SDLK_LEFT, 0, 6000);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    assert_int_equal(a.kind, WW_ACT_NEXT_FOCUS);
    e = key(SDLK_RIGHT, 0, 7000);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    assert_int_equal(a.kind, WW_ACT_PREV_FOCUS);
    e = key(SDLK_KP_4, 0, 8000);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    assert_int_equal(a.kind, WW_ACT_NEXT_FOCUS);
    e = key(SDLK_DOWN, 0, 9000);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    assert_int_equal(a.kind, WW_ACT_NEXT_FOCUS);
    assert_true(ww_input_key_action_in(&in, SDLK_TAB, KMOD_SHIFT, &a) &&
                a.kind == WW_ACT_PREV_FOCUS);
}

static void staff_corner(void **state)
{
    (void)state;
    struct ww_input in;
    struct ww_action a;
    struct ww_dlist empty;
    ww_dlist_init(&empty);
    ww_input_init(&in, 20);
    SDL_Event e = mouse(SDL_MOUSEBUTTONDOWN, 5, 5, 1000);
    ww_input_event(&in, &e, &empty, 100, 200, &a);
    e = mouse(SDL_MOUSEBUTTONUP, 5, 5, 1000 + WW_STAFF_HOLD_MS);
    assert_int_equal(ww_input_event(&in, &e, &empty, 100, 200, &a), WW_IN_STAFF);
    /* A short press there is nothing. */
    e = mouse(SDL_MOUSEBUTTONDOWN, 5, 5, 9000);
    ww_input_event(&in, &e, &empty, 100, 200, &a);
    e = mouse(SDL_MOUSEBUTTONUP, 5, 5, 9100);
    assert_int_equal(ww_input_event(&in, &e, &empty, 100, 200, &a), WW_IN_ACTIVE);
    ww_dlist_destroy(&empty);
}

/* Input older than the idle time (queued while the kiosk was stopped) is
 * stale; fresh input, other events and an unlimited input are not. */
static void stale_input(void **state)
{
    (void)state;
    struct ww_input in;
    ww_input_init(&in, 20);
    in.max_age_ms = 60000;
    static const struct {
        Uint32 type;
        Uint32 stamp, now;
        bool stale;
    } cases[] = {
        {SDL_MOUSEBUTTONDOWN, 1000, 1500, false},
        {SDL_MOUSEBUTTONUP, 1000, 61000, false},
        {SDL_MOUSEBUTTONUP, 1000, 61001, true},
        {SDL_FINGERDOWN, 5000, 500000, true},
        {SDL_FINGERUP, 5000, 6000, false},
        {SDL_KEYDOWN, 100, 900100, true},
        {SDL_TEXTINPUT, 100, 900100, true},
        {SDL_WINDOWEVENT, 100, 900100, false},   /* not input */
        {SDL_KEYDOWN, 0xFFFFF000u, 1000, false}, /* across the wrap of the ticks */
        {SDL_KEYDOWN, 0xFFFFF000u, 70000, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = cases[i].type;
        e.common.timestamp = cases[i].stamp;
        if (ww_input_stale(&in, &e, cases[i].now) != cases[i].stale)
            fail_msg("case %zu: expected %s", i, cases[i].stale ? "stale" : "fresh");
    }
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    in.max_age_ms = 0;
    assert_false(ww_input_stale(&in, &e, 900000000));
}

/* Feed `text` as a scanner or a person types it: a key and its text per
 * character, `gap` ms apart from `t`, then Return when `enter`. The last
 * result and the time after the last key. */
static enum ww_input_result typed(struct ww_input *in, const char *text, Uint32 gap, bool enter,
                                  Uint32 *t, struct ww_action *a, int *actions)
{
    enum ww_input_result r = WW_IN_NONE;
    for (const char *p = text; *p; p++) {
        if (ww_input_expire(in, *t, a) == WW_IN_ACTION)
            (*actions)++;
        SDL_Event e = key((SDL_Keycode)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p), 0, *t);
        r = ww_input_event(in, &e, &d, 100, 200, a);
        if (r == WW_IN_ACTION)
            (*actions)++;
        memset(&e, 0, sizeof e);
        e.type = SDL_TEXTINPUT;
        e.text.timestamp = *t;
        e.text.text[0] = *p;
        ww_input_event(in, &e, &d, 100, 200, a);
        *t += gap;
    }
    if (enter) {
        if (ww_input_expire(in, *t, a) == WW_IN_ACTION)
            (*actions)++;
        SDL_Event e = key(SDLK_RETURN, 0, *t);
        r = ww_input_event(in, &e, &d, 100, 200, a);
        if (r == WW_IN_ACTION)
            (*actions)++;
    }
    return r;
}

static void scanner(void **state)
{
    (void)state;
    struct ww_input in;
    struct ww_action a;
    ww_input_init(&in, 20);
    in.scanner = true;
    Uint32 t = 1000;
    int actions = 0;
    /* A ticket's QR and Enter, 10 ms a key: one scan, no action. */
    assert_int_equal(typed(&in, "WW1:weener-xl:K755NQENJ9", 10, true, &t, &a, &actions),
                     WW_IN_SCAN);
    assert_string_equal(in.scanned, "WW1:weener-xl:K755NQENJ9");
    assert_int_equal(actions, 0);
    /* A WW1: code typed slowly is still a code, never answers. */
    t += 1000;
    assert_int_equal(typed(&in, "WW1:x:1234567891", 100, true, &t, &a, &actions), WW_IN_SCAN);
    assert_int_equal(actions, 0);
    /* Digits only, fast: a scan; without Enter it ends when quiet. */
    t += 1000;
    typed(&in, "8712345678901", 8, false, &t, &a, &actions);
    assert_int_equal(actions, 0);
    assert_true(ww_input_deadline(&in, t) > 0);
    assert_int_equal(ww_input_expire(&in, t + WW_SCAN_END_MS, &a), WW_IN_SCAN);
    assert_string_equal(in.scanned, "8712345678901");
    assert_int_equal(ww_input_deadline(&in, t), -1);
    /* A person's number key: held a moment, then it picks the answer. */
    t += 1000;
    typed(&in, "2", 0, false, &t, &a, &actions);
    assert_int_equal(actions, 0);
    assert_int_equal(ww_input_deadline(&in, t), WW_SCAN_GAP_MS);
    assert_int_equal(ww_input_expire(&in, t + WW_SCAN_GAP_MS, &a), WW_IN_ACTION);
    assert_string_equal(a.target, WW_KEY_TARGET_PREFIX "2");
    /* Two number keys 400 ms apart: two answers; Enter later activates. */
    t += 1000;
    actions = 0;
    assert_int_equal(typed(&in, "12", 400, true, &t, &a, &actions), WW_IN_ACTION);
    assert_int_equal(actions, 3);
    assert_int_equal(a.kind, WW_ACT_ACTIVATE);
    /* The keypad (not printable) never waits. */
    SDL_Event e = key(SDLK_KP_5, 0, t + 5000);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
    /* Without `scanner`, keys act at once as before. */
    in.scanner = false;
    e = key(SDLK_3, 0, t + 9000);
    assert_int_equal(ww_input_event(&in, &e, &d, 100, 200, &a), WW_IN_ACTION);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(acts_on_release),
        cmocka_unit_test(sliding_off_cancels),
        cmocka_unit_test(one_finger_at_a_time),
        cmocka_unit_test(keys),
        cmocka_unit_test(key_repeat_configurable),
        cmocka_unit_test(shift_tab_and_reading_order),
        cmocka_unit_test(staff_corner),
        cmocka_unit_test(stale_input),
        cmocka_unit_test(scanner),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
