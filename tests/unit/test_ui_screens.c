/* Screens are functions from the session to a draw list: what is drawn is
 * what can be tapped. For states reached through the reducer, every target
 * the session offers is on screen, every button on screen is one the
 * session (or the screen itself: "lower") understands, each has a label,
 * and a right-to-left language mirrors the layout. */
#include "core/flow.h"
#include "core/i18n.h"
#include "core/session.h"
#include "ui/screens.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

static struct ww_config cfg;
static struct ww_flows flows;
static struct ww_text *text;
static struct ww_text_cache *cache;
static struct ww_screen_env env;
static struct ww_dlist d;

static int setup(void **state)
{
    (void)state;
    struct ww_diags dg;
    ww_diags_init(&dg);
    bool ok = ww_config_load(&cfg, "kiosk-config", &dg) &&
              ww_flows_load(&flows, "kiosk-config/flows", &cfg, &dg);
    ww_diags_print(&dg, stderr);
    ww_diags_destroy(&dg);
    if (!ok)
        return -1;
    ww_i18n_init("build/locale");
    text = ww_text_new();
    if (!text)
        return -1;
    cache = ww_text_cache_new(text, 8u << 20, NULL);
    env.cfg = &cfg;
    env.loc = ww_config_location(&cfg, "weener-xl");
    env.flows = &flows;
    env.texts = cache;
    env.geom = env.loc->screen;
    env.w = 1080;
    env.h = 1920;
    env.day_first = -1;
    ww_dlist_init(&d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ww_dlist_destroy(&d);
    ww_text_cache_free(cache);
    ww_text_free(text);
    ww_flows_destroy(&flows);
    ww_config_destroy(&cfg);
    return 0;
}

static void tap(struct ww_session *s, const char *target)
{
    struct ww_action a = ww_action_tap(target);
    struct ww_session in = *s;
    ww_session_step(&flows, &in, &a, s);
    if (s->effects & WW_EFFECT_RESOLVE) {
        /* A made-up resolution: the partner is here with free times. */
        struct ww_action r = ww_action_make(WW_ACT_RESOLVED);
        r.resolution.here = WW_HERE_TODAY;
        r.resolution.partner = 0;
        r.resolution.day = 20416;
        r.resolution.first_free = 600;
        r.resolution.later_free = 720;
        r.resolution.next_day = 20418;
        in = *s;
        ww_session_step(&flows, &in, &r, s);
    }
}

/* The session's targets and the drawn ones are the same set. */
static void same_targets(const struct ww_session *s)
{
    char want[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    size_t n = ww_session_targets(&flows, s, want, sizeof want / sizeof want[0]);
    ww_screen_build(&env, s, &d);
    for (size_t i = 0; i < n; i++) {
        if (!ww_dlist_find(&d, want[i]))
            fail_msg("screen %s: target %s is not drawn", d.screen, want[i]);
    }
    for (size_t i = 0; i < d.n_targets; i++) {
        /* Every drawn target, the language row and "Knoppen lager"
         * included, is in the keypad's focus list. */
        bool known = false;
        for (size_t j = 0; j < n && !known; j++)
            known = strcmp(want[j], d.targets[i].name) == 0;
        if (strcmp(d.targets[i].name, "anywhere") == 0) {
            /* A tap between the buttons, under all of them (the first);
             * the keypad has the visible button that does the same. */
            assert_int_equal(i, 0);
            assert_true(d.targets[i].r.w >= env.w && d.targets[i].r.h >= env.h);
            assert_true(ww_dlist_find(&d, "start") || ww_dlist_find(&d, "next"));
            known = true;
        }
        if (!known)
            fail_msg("screen %s: drawn target %s means nothing to the session", d.screen,
                     d.targets[i].name);
        assert_true(d.targets[i].label[0] != '\0');
    }
}

static void what_is_drawn_is_tappable(void **state)
{
    (void)state;
    struct ww_session_params p = {.idle_seconds = 60, .warn_seconds = 30, .default_lang = "nl"};
    struct ww_session s;
    ww_session_init(&s, &p);
    same_targets(&s);
    tap(&s, "start");
    same_targets(&s);
    for (size_t t = 0; t < flows.n_topics; t++) {
        struct ww_session q = s;
        char name[WW_TARGET_SIZE];
        snprintf(name, sizeof name, "topic:%s", flows.topics[t].id);
        tap(&q, name);
        for (int i = 0; i < 8 && q.screen == WW_SCREEN_QUESTION; i++) {
            same_targets(&q);
            tap(&q, "answer:1");
        }
        assert_int_equal(q.screen, WW_SCREEN_OUTCOME);
        same_targets(&q);
        tap(&q, "book");
        assert_int_equal(q.screen, WW_SCREEN_TIME);
        same_targets(&q);
        tap(&q, "time:first");
        same_targets(&q);
    }
    struct ww_session w = s;
    w.warning = true;
    w.countdown = 20;
    ww_screen_build(&env, &w, &d);
    /* Under the warning only "stay" can be tapped, anywhere. */
    for (size_t i = 0; i < d.n_targets; i++)
        assert_string_equal(d.targets[i].name, "stay");
    assert_non_null(ww_dlist_hit(&d, 3, 3));
}

static void arabic_mirrors(void **state)
{
    (void)state;
    struct ww_session_params p = {.idle_seconds = 60, .warn_seconds = 30, .default_lang = "nl"};
    struct ww_session s;
    ww_session_init(&s, &p);
    tap(&s, "start");
    ww_screen_build(&env, &s, &d);
    const struct ww_dtarget *back = ww_dlist_find(&d, "back");
    assert_non_null(back);
    int nl_x = back->r.x;
    assert_true(nl_x < env.w / 2);
    tap(&s, "lang:ar");
    ww_screen_build(&env, &s, &d);
    back = ww_dlist_find(&d, "back");
    assert_non_null(back);
    assert_int_equal(back->r.x, env.w - nl_x - back->r.w);
    ww_i18n_set("nl");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(what_is_drawn_is_tappable),
        cmocka_unit_test(arabic_mirrors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
