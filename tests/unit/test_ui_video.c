/* The renderer chain of render/video.c: which steps each video driver gets
 * (a table), and the real choice under SDL's offscreen driver. */
#include "render/video.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define SW_FB WW_VIDEO_SOFTWARE_FB
#define ACCEL WW_VIDEO_ACCELERATED
#define SW_GL WW_VIDEO_SOFTWARE_GL
#define NAMED WW_VIDEO_NAMED

static const struct {
    const char *driver, *want;
    size_t n;
    enum ww_video_step steps[4];
} cases[] = {
    /* A framebuffer: the software renderer first, the measured fastest. */
    {"x11", NULL, 3, {SW_FB, ACCEL, SW_GL}},
    {"offscreen", "", 3, {SW_FB, ACCEL, SW_GL}},
    {"dummy", NULL, 3, {SW_FB, ACCEL, SW_GL}},
    /* No framebuffer (SDL issue #7532): never the framebuffer step. */
    {"wayland", NULL, 2, {ACCEL, SW_GL}},
    {"kmsdrm", NULL, 2, {ACCEL, SW_GL}},
    {NULL, NULL, 2, {ACCEL, SW_GL}},
    /* The administrator's choice goes first, the chain follows. */
    {"x11", "accelerated", 3, {ACCEL, SW_FB, SW_GL}},
    {"x11", "opengles2", 4, {NAMED, SW_FB, ACCEL, SW_GL}},
    {"wayland", "software", 2, {SW_GL, ACCEL}},
    {"wayland", "opengl", 3, {NAMED, ACCEL, SW_GL}},
};

static void chains(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum ww_video_step got[4];
        size_t n = ww_video_chain(cases[i].driver, cases[i].want, got, 4);
        printf("%s %s: %zu steps\n", cases[i].driver ? cases[i].driver : "(none)",
               cases[i].want ? cases[i].want : "-", n);
        assert_int_equal(n, cases[i].n);
        for (size_t s = 0; s < n; s++)
            assert_int_equal(got[s], cases[i].steps[s]);
    }
    /* A short array is never overrun. */
    enum ww_video_step one[1];
    assert_int_equal(ww_video_chain("x11", "opengles2", one, 1), 1);
    assert_int_equal(one[0], NAMED);
}

static void framebuffer_drivers(void **state)
{
    (void)state;
    assert_true(ww_video_has_framebuffer("x11"));
    assert_true(ww_video_has_framebuffer("offscreen"));
    assert_false(ww_video_has_framebuffer("wayland"));
    assert_false(ww_video_has_framebuffer("kmsdrm"));
    assert_false(ww_video_has_framebuffer(NULL));
}

/* The real thing under the offscreen driver: the software renderer; an
 * unknown named driver falls back to it. */
static void offscreen_choice(void **state)
{
    (void)state;
    const char *wants[] = {NULL, "no-such-renderer"};
    for (size_t i = 0; i < 2; i++) {
        if (wants[i])
            setenv("WEGWIJZER_RENDERER", wants[i], 1);
        else
            unsetenv("WEGWIJZER_RENDERER");
        assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
        SDL_Window *w = SDL_CreateWindow("t", 0, 0, 64, 64, 0);
        assert_non_null(w);
        SDL_Renderer *r = ww_video_renderer(w, "test");
        assert_non_null(r);
        SDL_RendererInfo info;
        assert_int_equal(SDL_GetRendererInfo(r, &info), 0);
        assert_string_equal(info.name, "software");
        SDL_DestroyRenderer(r);
        SDL_DestroyWindow(w);
        SDL_Quit();
    }
    unsetenv("WEGWIJZER_RENDERER");
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chains),
        cmocka_unit_test(framebuffer_drivers),
        cmocka_unit_test(offscreen_choice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
