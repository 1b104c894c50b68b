/* The film decoder with real FFmpeg: MP4/H.264 and WebM/VP9 sample films
 * decoded frame by frame under a virtual clock into a streaming texture of a
 * software renderer (no window), frames skipped when time jumps, missing,
 * corrupt and truncated files, and many opens without leaks (ASan) or
 * heap growth. Needs the sample film of `make media` (build/media/). */
#include "core/str.h"
#include "signage/film.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <unistd.h>

#include <cmocka.h>

#define MEDIA "build/media/"

static SDL_Surface *target;
static SDL_Renderer *ren;

static int setup(void **state)
{
    (void)state;
    target = SDL_CreateRGBSurfaceWithFormat(0, 320, 180, 32, SDL_PIXELFORMAT_ARGB8888);
    ren = target ? SDL_CreateSoftwareRenderer(target) : NULL;
    return ren ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    SDL_DestroyRenderer(ren);
    SDL_FreeSurface(target);
    SDL_Quit();
    return 0;
}

static void test_probe(void **state)
{
    (void)state;
    struct ww_film_info info;
    char why[160];
    static const char *const films[] = {MEDIA "voorbeeldfilm.mp4", MEDIA "voorbeeldfilm.webm"};
    for (size_t i = 0; i < 2; i++) {
        assert_true(ww_film_probe(films[i], NULL, &info, why, sizeof why));
        assert_int_equal(info.width, 1280);
        assert_int_equal(info.height, 720);
        assert_true(info.duration_ms >= 7900 && info.duration_ms <= 8100);
        assert_true(info.fps > 24.9 && info.fps < 25.1);
        assert_false(info.has_audio);
    }
    assert_false(ww_film_probe(MEDIA "bestaat-niet.mp4", NULL, &info, why, sizeof why));
    assert_string_equal(why, "No such file or directory");
    /* FFmpeg reads subtitles too, but they are no film. */
    assert_false(
        ww_film_probe("kiosk-config/screens/voorbeeldfilm.srt", NULL, &info, why, sizeof why));
    assert_string_equal(why, "no video stream");
    assert_false(ww_film_probe("Makefile", NULL, &info, why, sizeof why));
    assert_string_equal(why, "Invalid data found when processing input");
}

/* Play a film at `step_ms` per tick; returns the last status. */
static enum ww_film_status play(const char *path, int64_t step_ms, struct ww_film_stats *st,
                                int64_t *last_new)
{
    struct ww_film *f = ww_film_open(path, NULL, 0, 0);
    ww_film_start(f);
    SDL_Texture *tex = NULL;
    enum ww_film_status s = WW_FILM_SAME;
    *last_new = -1;
    for (int64_t t = 0; t < 60000; t += step_ms) {
        s = ww_film_update(f, t, true, ren, &tex);
        if (s == WW_FILM_NEW)
            *last_new = t;
        if (s == WW_FILM_END || s == WW_FILM_FAILED)
            break;
    }
    ww_film_stats(f, st);
    if (tex) {
        /* The last frame reached the texture: draw it and look at it. */
        SDL_RenderCopy(ren, tex, NULL, NULL);
        SDL_DestroyTexture(tex);
    }
    ww_film_free(f);
    return s;
}

static void test_decode_every_frame(void **state)
{
    (void)state;
    static const char *const films[] = {MEDIA "voorbeeldfilm.mp4", MEDIA "voorbeeldfilm.webm"};
    for (size_t i = 0; i < 2; i++) {
        struct ww_film_stats st;
        int64_t last;
        SDL_FillRect(target, NULL, 0);
        assert_int_equal(play(films[i], 40, &st, &last), WW_FILM_END);
        /* 8 s at 25 frames per second, every one shown, none skipped. */
        assert_int_equal(st.shown, 200);
        assert_int_equal(st.decoded, 200);
        assert_int_equal(st.dropped, 0);
        assert_int_equal(st.late, 0);
        assert_int_equal(last, 7960);
        /* The picture is the film's blue-green gradient, not black. */
        uint32_t px = ((uint32_t *)target->pixels)[90 * target->pitch / 4 + 160];
        uint8_t r, g, b;
        SDL_GetRGB(px, target->format, &r, &g, &b);
        assert_true(g > 60 && b > 60);
    }
}

static void test_time_jumps(void **state)
{
    (void)state;
    /* Ticks of 100 ms on a 25 fps film: the frames between ticks are skipped
     * (counted as dropped), the newest due frame is shown: one per tick from
     * 0 to 8000 ms. */
    struct ww_film_stats st;
    int64_t last;
    assert_int_equal(play(MEDIA "voorbeeldfilm.mp4", 100, &st, &last), WW_FILM_END);
    assert_int_equal(st.shown, 81);
    assert_int_equal(st.shown + st.dropped, 200);
}

static void test_bad_films(void **state)
{
    (void)state;
    struct ww_film_stats st;
    int64_t last;
    assert_int_equal(play(MEDIA "bestaat-niet.mp4", 40, &st, &last), WW_FILM_FAILED);
    assert_int_equal(st.shown, 0);

    /* Random bytes with a film's name. */
    char path[] = "/tmp/ww-film-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    uint32_t x = 7;
    for (int i = 0; i < 20000; i++) {
        x = x * 1103515245u + 12345u;
        unsigned char c = (unsigned char)(x >> 16);
        assert_int_equal(write(fd, &c, 1), 1);
    }
    close(fd);
    struct ww_film *f = ww_film_open(path, NULL, 0, 0);
    SDL_Texture *tex = NULL;
    assert_int_equal(ww_film_update(f, 0, true, ren, &tex), WW_FILM_FAILED);
    assert_true(strlen(ww_film_error(f)) > 0);
    ww_film_free(f);

    /* The first 60 kB of the sample: plays what is there, then ends early. */
    FILE *in = fopen(MEDIA "voorbeeldfilm.mp4", "rb");
    FILE *out = fopen(path, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[60000];
    size_t n = fread(buf, 1, sizeof buf, in);
    fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);
    enum ww_film_status s = play(path, 40, &st, &last);
    assert_true(s == WW_FILM_END || s == WW_FILM_FAILED);
    assert_true(st.shown > 0 && st.shown < 200);
    unlink(path);
}

/* Films opened ahead and dropped, as the screen does at every loop boundary
 * (three hundred here; tests/e2e/test_screen.sh plays a thousand whole
 * loops): the heap stays flat, and under ASan nothing leaks. */
static void test_many_opens(void **state)
{
    (void)state;
    size_t heap10 = 0;
    /* Fewer under valgrind (make valgrind), where each open takes a while. */
    int n = getenv("WW_VALGRIND") ? 30 : 300;
    for (int i = 0; i < n; i++) {
        struct ww_film *f = ww_film_open(MEDIA "voorbeeldfilm.mp4", NULL, 0, 0);
        SDL_Texture *tex = NULL;
        assert_int_equal(ww_film_update(f, 0, true, ren, &tex), WW_FILM_NEW);
        SDL_DestroyTexture(tex);
        ww_film_free(f);
        if (i == 9)
            heap10 = mallinfo2().uordblks;
    }
    size_t heap = mallinfo2().uordblks;
    if (heap10 > 0) /* mallinfo2 says 0 under ASan */
        assert_true(heap < heap10 + 64 * 1024);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_probe),      cmocka_unit_test(test_decode_every_frame),
        cmocka_unit_test(test_time_jumps), cmocka_unit_test(test_bad_films),
        cmocka_unit_test(test_many_opens),
    };
    return cmocka_run_group_tests_name("film", tests, setup, teardown);
}
