/* Screens are functions from the session to a draw list: what is drawn is
 * what can be tapped. For states reached through the reducer, every target
 * the session offers is on screen, every button on screen is one the
 * session (or the screen itself: "lower") understands, each has a label,
 * and a right-to-left language mirrors the layout. A screen too long for
 * one page is split into pages whose texts never overlap. */
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

static bool inside(struct ww_rect outer, struct ww_rect in)
{
    return in.x >= outer.x && in.y >= outer.y && in.x + in.w <= outer.x + outer.w &&
           in.y + in.h <= outer.y + outer.h;
}

/* Colour is never the only sign (ACCESSIBILITY row 13): every target drawn
 * with the "selected" fill carries a check mark. Returns how many marked
 * targets were drawn. */
static int marks_have_checks(void)
{
    int marked = 0;
    for (size_t i = 0; i < d.n_targets; i++) {
        const struct ww_dtarget *t = &d.targets[i];
        bool filled = false, checked = false;
        for (size_t j = 0; j < d.n; j++) {
            const struct ww_dcmd *c = &d.cmds[j];
            if (c->kind == WW_D_RECT && c->role == WW_C_MARK && c->r.x == t->r.x &&
                c->r.y == t->r.y && c->r.w == t->r.w && c->r.h == t->r.h)
                filled = true;
            if (c->kind == WW_D_PICTO && strcmp(c->name, "check") == 0 && inside(t->r, c->r))
                checked = true;
        }
        if (filled && !checked)
            fail_msg("screen %s: %s is marked by colour only", d.screen, t->name);
        marked += filled;
    }
    return marked;
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
    /* at least the chosen language is marked */
    assert_true(marks_have_checks() >= 1);
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
        if (t == 0) {
            /* back to the last question: its answer is marked, with a check */
            struct ww_session m = q;
            tap(&m, "back");
            assert_int_equal(m.screen, WW_SCREEN_QUESTION);
            ww_screen_build(&env, &m, &d);
            assert_true(marks_have_checks() >= 2);
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

static bool overlap(struct ww_rect a, struct ww_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* A text of the page buttons, not of the screen's content. */
static bool pager_text(const char *t)
{
    return strcmp(t, "Vorige pagina") == 0 || strcmp(t, "Volgende pagina") == 0 ||
           strncmp(t, "Pagina ", 7) == 0;
}

/* The landscape 24-inch screen of Het Scheidingsplein at the largest text
 * size: the outcome of the money topic with nobody on site (whom to call)
 * does not fit one page. */
static void long_screens_are_paged(void **state)
{
    (void)state;
    struct ww_screen_env e = env;
    e.loc = ww_config_location(&cfg, "scheidingsplein-hollands-kroon");
    assert_non_null(e.loc);
    e.geom = e.loc->screen;
    e.w = 1920;
    e.h = 1080;
    struct ww_session_params p = {.idle_seconds = 60, .warn_seconds = 30, .default_lang = "nl"};
    struct ww_session s;
    ww_session_init(&s, &p);
    tap(&s, "start");
    tap(&s, "topic:schulden");
    for (int i = 0; i < 8 && s.screen == WW_SCREEN_QUESTION; i++)
        tap(&s, "answer:1");
    assert_int_equal(s.screen, WW_SCREEN_OUTCOME);
    s.resolution.here = WW_HERE_NONE;
    s.text_size = WW_TEXT_SIZES - 1;

    e.page = 0;
    ww_screen_build(&e, &s, &d);
    int pages = d.pages;
    assert_true(pages > 1);
    char want[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    size_t n = ww_session_targets(&flows, &s, want, sizeof want / sizeof want[0]);
    size_t texts = 0; /* content texts of all pages: speech reads every one */
    for (size_t i = d.content_from; i < d.n; i++)
        texts += d.cmds[i].kind == WW_D_TEXT && !pager_text(d.cmds[i].text);
    size_t shown = 0;
    for (int page = 0; page < pages; page++) {
        e.page = page;
        ww_screen_build(&e, &s, &d);
        assert_int_equal(d.page, page);
        assert_int_equal(d.pages, pages);
        assert_true((ww_dlist_find(&d, "page:prev") != NULL) == (page > 0));
        assert_true((ww_dlist_find(&d, "page:next") != NULL) == (page + 1 < pages));
        /* Each target of the session is on this page or named on another. */
        for (size_t i = 0; i < n; i++)
            assert_true(ww_dlist_page_of(&d, want[i]) >= 0);
        for (size_t i = 0; i < d.n; i++) {
            const struct ww_dcmd *a = &d.cmds[i];
            if (a->kind != WW_D_TEXT || a->hidden)
                continue;
            assert_false(a->overflow);
            assert_true(a->r.y >= 0 && a->r.y + a->r.h <= e.h);
            if (i >= d.content_from && !pager_text(a->text))
                shown++;
            for (size_t j = i + 1; j < d.n; j++)
                if (d.cmds[j].kind == WW_D_TEXT && !d.cmds[j].hidden)
                    assert_false(overlap(a->r, d.cmds[j].r));
        }
    }
    /* Every text is on exactly one page. */
    assert_int_equal(shown, texts);
    /* Beyond the last page: the last page. */
    e.page = pages + 3;
    ww_screen_build(&e, &s, &d);
    assert_int_equal(d.page, pages - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(what_is_drawn_is_tappable),
        cmocka_unit_test(arabic_mirrors),
        cmocka_unit_test(long_screens_are_paged),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
