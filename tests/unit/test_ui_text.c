/* The shared text module: wrapping, overflow, right-to-left runs (Arabic
 * with a time in it keeps "09:30" in order) and the render cache. */
#include "render/text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

static struct ww_text *t;

static int setup(void **state)
{
    (void)state;
    t = ww_text_new();
    return t ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ww_text_free(t);
    return 0;
}

static struct ww_text_style style(int max_w, bool rtl)
{
    struct ww_text_style st = {0};
    st.px = 30;
    st.color = (SDL_Color){0, 0, 0, 255};
    st.max_w = max_w;
    st.rtl = rtl;
    return st;
}

static void wraps_within_width(void **state)
{
    (void)state;
    struct ww_text_style st = style(300, false);
    struct ww_text_box one, box;
    assert_true(ww_text_measure(t, "Kunt", &st, &one));
    assert_true(ww_text_measure(
        t, "Kunt u uw rekeningen op tijd betalen? Bijvoorbeeld huur of energie.", &st, &box));
    assert_true(box.lines >= 3);
    assert_true(box.w <= 300);
    assert_false(box.overflow);
    assert_int_equal(box.h, box.lines * one.h);
    /* A hard line break starts a new line. */
    assert_true(ww_text_measure(t, "Ja\nNee", &st, &box));
    assert_int_equal(box.lines, 2);
}

static void overflow_is_reported(void **state)
{
    (void)state;
    struct ww_text_style st = style(120, false);
    struct ww_text_box box;
    assert_true(ww_text_measure(t, "Arbeidsongeschiktheidsverzekering", &st, &box));
    assert_true(box.overflow);
    assert_true(box.w <= 120);
    st = style(300, false);
    st.max_lines = 1;
    assert_true(ww_text_measure(t, "een twee drie vier vijf zes zeven acht negen tien", &st, &box));
    assert_true(box.overflow);
    assert_int_equal(box.lines, 1);
}

static uint8_t alpha(SDL_Surface *s, int x, int y)
{
    const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * s->pitch);
    return (uint8_t)(row[x] >> 24);
}

/* In a right-to-left line "مرحبا 09:30" the time is the leftmost run and
 * reads 09:30, exactly as the time alone. */
static void time_in_arabic_keeps_its_order(void **state)
{
    (void)state;
    struct ww_text_style ltr = style(0, false), rtl = style(0, true);
    struct ww_text_box b1, b2;
    SDL_Surface *s1 = ww_text_render(t, "09:30", &ltr, &b1);
    SDL_Surface *s2 =
        ww_text_render(t, "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 09:30", &rtl, &b2);
    assert_non_null(s1);
    assert_non_null(s2);
    assert_true(b2.w > b1.w);
    int dy = b2.baseline - b1.baseline;
    assert_true(dy >= 0);
    int diff = 0, ink = 0;
    for (int y = 0; y < s1->h && y + dy < s2->h; y++)
        for (int x = 0; x < s1->w; x++) {
            uint8_t a = alpha(s1, x, y);
            ink += a > 128;
            diff += (a > 128) != (alpha(s2, x, y + dy) > 128);
        }
    assert_true(ink > 50);
    assert_true(diff * 20 < ink); /* the same glyphs in the same order */
    /* The reversed time does not match. */
    SDL_Surface *s3 = ww_text_render(t, "03:90", &ltr, NULL);
    int diff3 = 0;
    for (int y = 0; y < s1->h && y < s3->h; y++)
        for (int x = 0; x < s1->w && x < s3->w; x++)
            diff3 += (alpha(s1, x, y) > 128) != (alpha(s3, x, y) > 128);
    assert_true(diff3 * 20 >= ink);
    SDL_FreeSurface(s1);
    SDL_FreeSurface(s2);
    SDL_FreeSurface(s3);
}

static void rtl_aligns_right(void **state)
{
    (void)state;
    struct ww_text_style st = style(400, true);
    struct ww_text_box box;
    /* Two lines of different length: the short one hugs the right edge. */
    SDL_Surface *s = ww_text_render(t,
                                    "\xd9\x86\xd8\xb9\xd9\x85\n\xd9\x84\xd8\xa7 \xd9\x84\xd8\xa7 "
                                    "\xd9\x84\xd8\xa7 \xd9\x84\xd8\xa7",
                                    &st, &box);
    assert_non_null(s);
    assert_int_equal(box.lines, 2);
    int line = box.h / 2, left = s->w, right = -1;
    for (int y = 0; y < line; y++)
        for (int x = 0; x < s->w; x++)
            if (alpha(s, x, y) > 128) {
                if (x < left)
                    left = x;
                if (x > right)
                    right = x;
            }
    assert_true(right > s->w - 8);
    assert_true(left > s->w / 3);
    SDL_FreeSurface(s);
}

static void cache_renders_once(void **state)
{
    (void)state;
    struct ww_text_cache *c = ww_text_cache_new(t, 1 << 20, NULL);
    struct ww_text_style st = style(500, false);
    struct ww_text_img *a = ww_text_cache_get(c, "Tik om te beginnen", &st);
    struct ww_text_img *b = ww_text_cache_get(c, "Tik om te beginnen", &st);
    assert_non_null(a);
    assert_ptr_equal(a, b);
    struct ww_text_cache_stats s;
    ww_text_cache_stats(c, &s);
    assert_int_equal(s.renders, 1);
    assert_int_equal(s.hits, 1);
    st.bold = true; /* another style is another image */
    assert_ptr_not_equal(ww_text_cache_get(c, "Tik om te beginnen", &st), a);
    ww_text_cache_free(c);
    /* A zero budget keeps nothing between frames. */
    c = ww_text_cache_new(t, 0, NULL);
    ww_text_cache_get(c, "Terug", &st);
    ww_text_cache_trim(c);
    ww_text_cache_stats(c, &s);
    assert_int_equal(s.bytes, 0);
    ww_text_cache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wraps_within_width),
        cmocka_unit_test(overflow_is_reported),
        cmocka_unit_test(time_in_arabic_keeps_its_order),
        cmocka_unit_test(rtl_aligns_right),
        cmocka_unit_test(cache_renders_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
