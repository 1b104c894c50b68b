/* Every text/background pair and every control edge of both kiosk themes
 * meets its contrast ratio (ACCESSIBILITY row 9: text 4.5:1, high contrast
 * 7:1, controls and focus 3:1), computed from the theme itself. */
#include "ui/theme.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

static void ratio_reference_values(void **state)
{
    (void)state;
    struct ww_rgb black = {0, 0, 0}, white = {255, 255, 255}, grey = {0x77, 0x77, 0x77};
    assert_true(ww_contrast_ratio(black, white) > 20.99);
    assert_true(ww_contrast_ratio(white, black) < 21.01);
    assert_true(ww_contrast_ratio(white, white) < 1.0001);
    /* #777 on white is the classic just-too-light grey: 4.48:1. */
    double r = ww_contrast_ratio(grey, white);
    assert_true(r > 4.47 && r < 4.49);
}

static void check_theme(const struct ww_theme *th)
{
    size_t n;
    const struct ww_theme_pair *pairs = ww_theme_pairs(&n);
    assert_true(n > 10);
    int failures = 0;
    for (size_t i = 0; i < n; i++) {
        double need = pairs[i].kind == WW_PAIR_TEXT ? th->min_text : th->min_control;
        double r = ww_contrast_ratio(th->c[pairs[i].fg], th->c[pairs[i].bg]);
        printf("%-9s %-13s on %-11s %5.2f (>= %.1f)%s\n", th->name, ww_role_name(pairs[i].fg),
               ww_role_name(pairs[i].bg), r, need, r < need ? "  FAIL" : "");
        if (r < need)
            failures++;
    }
    assert_int_equal(failures, 0);
}

static void default_theme_pairs(void **state)
{
    (void)state;
    const struct ww_theme *th = ww_theme_get(false);
    assert_true(th->min_text >= 4.5);
    check_theme(th);
}

static void contrast_theme_pairs(void **state)
{
    (void)state;
    const struct ww_theme *th = ww_theme_get(true);
    assert_true(th->min_text >= 7.0);
    check_theme(th);
}

/* The focus ring (ACCESSIBILITY row 9): >= 3:1 against every surface a
 * focused control can sit on or beside, in both themes, and never the
 * colour of the "chosen" fill (a focused chosen button shows both). */
static void focus_ring_everywhere(void **state)
{
    (void)state;
    static const enum ww_role under[] = {
        WW_C_BG,     WW_C_BAR,        WW_C_SHADE,  WW_C_PANEL,
        WW_C_BUTTON, WW_C_BAR_BUTTON, WW_C_URGENT, WW_C_MARK,
    };
    int failures = 0;
    for (int hc = 0; hc < 2; hc++) {
        const struct ww_theme *th = ww_theme_get(hc);
        struct ww_rgb f = th->c[WW_C_FOCUS], m = th->c[WW_C_MARK];
        assert_false(f.r == m.r && f.g == m.g && f.b == m.b);
        for (size_t i = 0; i < sizeof under / sizeof under[0]; i++) {
            double r = ww_contrast_ratio(f, th->c[under[i]]);
            printf("%-9s focus on %-11s %5.2f%s\n", th->name, ww_role_name(under[i]), r,
                   r < th->min_control ? "  FAIL" : "");
            if (r < th->min_control)
                failures++;
        }
        /* every focus pair the screens can draw is in the checked table */
        size_t n;
        const struct ww_theme_pair *pairs = ww_theme_pairs(&n);
        for (size_t i = 0; i < sizeof under / sizeof under[0]; i++) {
            bool listed = false;
            for (size_t j = 0; j < n && !listed; j++)
                listed = pairs[j].fg == WW_C_FOCUS && pairs[j].bg == under[i];
            assert_true(listed);
        }
    }
    assert_int_equal(failures, 0);
}

/* A check that can fail: a pair below the ratio is found. */
static void low_pair_is_caught(void **state)
{
    (void)state;
    struct ww_rgb light = {0xAA, 0xAA, 0xAA}, bg = {0xF6, 0xF3, 0xEC};
    assert_true(ww_contrast_ratio(light, bg) < 4.5);
}

static void every_role_named(void **state)
{
    (void)state;
    for (int r = 0; r < WW_C_COUNT; r++)
        assert_string_not_equal(ww_role_name((enum ww_role)r), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ratio_reference_values), cmocka_unit_test(default_theme_pairs),
        cmocka_unit_test(contrast_theme_pairs),   cmocka_unit_test(low_pair_is_caught),
        cmocka_unit_test(every_role_named),       cmocka_unit_test(focus_ring_everywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
