/* Millimetre layout: scale from the configured screen, orientation, the
 * wheelchair reach band from the mounting height, mirroring, and the text
 * sizes' capital heights (ACCESSIBILITY rows 10, 11, 15). */
#include "render/text.h"
#include "ui/layout.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

/* The sample location: a 32-inch portrait screen, lower edge at 80 cm. */
static const struct ww_screen_geom portrait = {1080, 1920, 398, 708, 800};

static void scale_from_the_screen(void **state)
{
    (void)state;
    struct ww_layout L;
    ww_layout_init(&L, &portrait, 1080, 1920, 0, false, false);
    assert_false(L.landscape);
    assert_true(L.ppm > 2.70 && L.ppm < 2.72);
    /* 20 mm is at least 20 mm, rounded up. */
    assert_true(ww_px_mm(&L, ww_mm(&L, 20)) >= 20.0);
    assert_true(ww_px_mm(&L, ww_mm(&L, 20) - 1) < 20.0);
    assert_true(ww_px_mm(&L, L.target) >= WW_TARGET_MIN_MM);
    assert_true(ww_px_mm(&L, L.bar_target) >= WW_TARGET_MIN_MM);
    assert_true(ww_px_mm(&L, L.gap) >= WW_GAP_MIN_MM);
}

static void turned_screen_swaps_millimetres(void **state)
{
    (void)state;
    struct ww_layout L;
    ww_layout_init(&L, &portrait, 1920, 1080, 0, false, false);
    assert_true(L.landscape);
    assert_true(L.width_mm > 700 && L.height_mm < 400);
    assert_true(L.ppm > 2.70 && L.ppm < 2.72);
    /* A smaller window on the same screen: fewer pixels per mm. */
    ww_layout_init(&L, &portrait, 540, 960, 0, false, false);
    assert_true(L.ppm > 1.35 && L.ppm < 1.36);
}

static void reach_band(void **state)
{
    (void)state;
    struct ww_layout L;
    ww_layout_init(&L, &portrait, 1080, 1920, 0, true, false);
    int top, bottom;
    ww_layout_reach(&L, &top, &bottom);
    /* The screen spans 800..1508 mm: in the "buttons lower" layout the
     * band's top (1120 mm, reachable over a counter too) is 388 mm below
     * the top edge; its bottom (380 mm) is below the screen. */
    assert_true(ww_layout_floor_mm(&L, L.h) > 799.9 && ww_layout_floor_mm(&L, L.h) < 800.1);
    assert_true(ww_layout_floor_mm(&L, 0) > 1507 && ww_layout_floor_mm(&L, 0) < 1509);
    assert_true(ww_layout_floor_mm(&L, top) <= WW_REACH_LOWER_MM);
    assert_true(ww_layout_floor_mm(&L, top - 1) > WW_REACH_LOWER_MM);
    assert_int_equal(bottom, L.h);
    /* The normal layout flags what is above 1220 mm. */
    ww_layout_init(&L, &portrait, 1080, 1920, 0, false, false);
    ww_layout_reach(&L, &top, &bottom);
    assert_true(ww_layout_floor_mm(&L, top) <= WW_REACH_HIGH_MM);
    assert_true(ww_layout_floor_mm(&L, top - 1) > WW_REACH_HIGH_MM);
    /* A screen mounted too high has no row within reach at all. */
    struct ww_screen_geom high = portrait;
    high.mount_mm = 1300;
    ww_layout_init(&L, &high, 1080, 1920, 0, true, false);
    ww_layout_reach(&L, &top, &bottom);
    assert_true(top >= bottom);
    /* Unknown mounting height: the whole screen. */
    high.mount_mm = 0;
    ww_layout_init(&L, &high, 1080, 1920, 0, true, false);
    ww_layout_reach(&L, &top, &bottom);
    assert_int_equal(top, 0);
    assert_int_equal(bottom, 1920);
}

static void mirror(void **state)
{
    (void)state;
    struct ww_layout L;
    ww_layout_init(&L, &portrait, 1080, 1920, 0, false, true);
    struct ww_rect r = ww_layout_mirror(&L, (struct ww_rect){10, 20, 100, 50});
    assert_int_equal(r.x, 1080 - 110);
    assert_int_equal(r.y, 20);
    ww_layout_init(&L, &portrait, 1080, 1920, 0, false, false);
    r = ww_layout_mirror(&L, (struct ww_rect){10, 20, 100, 50});
    assert_int_equal(r.x, 10);
}

static void text_sizes_grow_and_clamp(void **state)
{
    (void)state;
    struct ww_layout a, b, c, d;
    ww_layout_init(&a, &portrait, 1080, 1920, 0, false, false);
    ww_layout_init(&b, &portrait, 1080, 1920, 1, false, false);
    ww_layout_init(&c, &portrait, 1080, 1920, 2, false, false);
    ww_layout_init(&d, &portrait, 1080, 1920, 7, false, false);
    assert_true(a.body_px < b.body_px && b.body_px < c.body_px);
    assert_int_equal(c.body_px, d.body_px);
    assert_true(a.title_px > a.body_px);
}

/* Capital heights measured with the real font (row 10). */
static void capital_heights(void **state)
{
    (void)state;
    struct ww_text *t = ww_text_new();
    assert_non_null(t);
    for (int size = 0; size < WW_LAYOUT_SIZES; size++) {
        struct ww_layout L;
        ww_layout_init(&L, &portrait, 1080, 1920, size, false, false);
        int cap;
        ww_text_metrics(t, L.body_px, false, &cap, NULL);
        double mm = ww_px_mm(&L, cap);
        printf("text size %d: body %d px, capital H %.1f mm\n", size, L.body_px, mm);
        assert_true(mm >= 4.8);
        if (size == WW_LAYOUT_SIZES - 1)
            assert_true(mm >= 8.7);
        ww_text_metrics(t, L.small_px, false, &cap, NULL);
        assert_true(ww_px_mm(&L, cap) >= 4.8);
        ww_text_metrics(t, L.bar_px, false, &cap, NULL);
        assert_true(ww_px_mm(&L, cap) >= 4.8);
    }
    ww_text_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scale_from_the_screen),
        cmocka_unit_test(turned_screen_swaps_millimetres),
        cmocka_unit_test(reach_band),
        cmocka_unit_test(mirror),
        cmocka_unit_test(text_sizes_grow_and_clamp),
        cmocka_unit_test(capital_heights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
