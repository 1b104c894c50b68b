/* Audio output through SDL's disk driver (a raw file, paced like a sound
 * card) and without a device: the speech reaches the device, a stop silences
 * it within one device buffer, and no device is reported, never a crash. */
#include "speech.h"
#include "str.h"
#include "ui/audio.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

static char raw[64];

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void use_driver(const char *name)
{
    setenv("SDL_AUDIODRIVER", name, 1);
}

static void test_disk_device_plays_and_stops(void **state)
{
    (void)state;
    ww_fmt(raw, sizeof raw, "/tmp/ww-audio-%ld.raw", (long)getpid());
    use_driver("disk");
    setenv("SDL_DISKAUDIOFILE", raw, 1);
    struct ww_speech *sp = ww_speech_new(&ww_speech_espeak_ops, NULL);
    struct ww_audio *a = ww_audio_new(sp);
    assert_true(ww_audio_available(a));
    int buffer = ww_audio_buffer_samples(a);
    assert_true(buffer > 0);

    /* a short text plays out completely */
    assert_int_equal(ww_speech_say(sp, "nl", "Uw nummer is J, veertien.", 0), WW_OK);
    while (ww_speech_busy(sp))
        sleep_ms(10);
    uint64_t played = ww_audio_samples_played(a);
    print_message("  played %llu samples through a %d-sample device buffer\n",
                  (unsigned long long)played, buffer);
    assert_true(played > (uint64_t)ww_speech_sample_rate(sp) / 2);

    /* a long text, cut after it started: at most the one buffer the device
     * was filling when stop came, then silence */
    ww_speech_say(sp, "nl",
                  "Dit is een lange tekst. Hij duurt een hele tijd, zodat we hem kunnen "
                  "onderbreken terwijl hij nog loopt.",
                  0);
    uint64_t before = ww_audio_samples_played(a);
    while (ww_audio_samples_played(a) < before + (uint64_t)buffer * 4)
        sleep_ms(5);
    ww_speech_stop(sp);
    uint64_t at_stop = ww_audio_samples_played(a);
    sleep_ms(200); /* let the device pull several more buffers */
    uint64_t after = ww_audio_samples_played(a);
    print_message("  after stop: %llu more samples\n", (unsigned long long)(after - at_stop));
    assert_true(after - at_stop <= (uint64_t)buffer);
    assert_false(ww_speech_busy(sp));

    ww_audio_free(a);
    ww_speech_free(sp);
    unlink(raw);
}

/* Private listening: the output named as the headphone jack is found and
 * speech plays there (SDL's disk driver has one output, "System audio
 * output device"); a name that no output has means the speaker. Every
 * utterance said while on headphones is marked private. */
static void test_headphones(void **state)
{
    (void)state;
    ww_fmt(raw, sizeof raw, "/tmp/ww-audio-hp-%ld.raw", (long)getpid());
    use_driver("disk");
    setenv("SDL_DISKAUDIOFILE", raw, 1);
    struct ww_speech_params p;
    ww_speech_params_init(&p);
    p.record = true;
    struct ww_speech *sp = ww_speech_new(&ww_speech_null_ops, &p);
    struct ww_audio *a = ww_audio_new(sp);
    assert_true(ww_audio_available(a));
    /* by default an output counts as headphones only by its name */
    ww_audio_set_headphones(a, NULL);
    assert_false(ww_audio_headphones(a));
    /* an output that is not there: still the speaker */
    ww_audio_set_headphones(a, "USB Headset");
    assert_false(ww_audio_headphones(a));
    assert_false(ww_audio_rescan(a));
    /* the configured output (part of its name, any case) */
    ww_audio_set_headphones(a, "SYSTEM AUDIO");
    assert_true(ww_audio_headphones(a));
    assert_true(ww_audio_available(a));
    assert_false(ww_audio_rescan(a)); /* nothing changed */
    ww_speech_set_private(sp, ww_audio_headphones(a));
    assert_int_equal(ww_speech_say(sp, "nl", "Uw nummer is W, een.", 0), WW_OK);
    ww_speech_set_private(sp, false);
    assert_int_equal(ww_speech_say(sp, "nl", "Uw bon wordt geprint.", 0), WW_OK);
    /* (moving to the headphones cut speech: a stop is logged first) */
    size_t n = ww_speech_log_count(sp);
    assert_true(n >= 2);
    struct ww_speech_utterance u;
    assert_true(ww_speech_log_get(sp, n - 2, &u));
    assert_string_equal(u.text, "Uw nummer is W, een.");
    assert_true(u.flags & WW_SAY_PRIVATE);
    assert_true(ww_speech_log_get(sp, n - 1, &u));
    assert_false(u.flags & WW_SAY_PRIVATE);
    ww_audio_free(a);
    ww_speech_free(sp);
    unlink(raw);
}

static void test_no_device(void **state)
{
    (void)state;
    use_driver("nonexistent");
    struct ww_speech *sp = ww_speech_new(&ww_speech_null_ops, NULL);
    struct ww_audio *a = ww_audio_new(sp);
    assert_false(ww_audio_available(a));
    assert_int_equal(ww_audio_buffer_samples(a), 0);
    /* speech still records what would have been said */
    assert_int_equal(ww_speech_say(sp, "nl", "Hallo", 0), WW_OK);
    assert_int_equal(ww_speech_log_count(sp), 1);
    assert_int_equal(ww_audio_samples_played(a), 0);
    ww_audio_free(a);
    ww_speech_free(sp);
    ww_audio_free(NULL);
    assert_false(ww_audio_available(NULL));
}

static void test_dummy_driver(void **state)
{
    (void)state;
    use_driver("dummy");
    struct ww_speech *sp = ww_speech_new(&ww_speech_null_ops, NULL);
    struct ww_audio *a = ww_audio_new(sp);
    /* it runs, but nobody hears it */
    assert_false(ww_audio_available(a));
    ww_audio_free(a);
    ww_speech_free(sp);
}

static void count_quiet(void *ctx)
{
    (*(volatile int *)ctx)++;
}

/* Silent: the device pauses (SDL stops pulling from the speech); a say wakes
 * it and is heard in full; silent again, it pauses again. */
static void test_pauses_when_silent(void **state)
{
    (void)state;
    ww_fmt(raw, sizeof raw, "/tmp/ww-audio-p-%ld.raw", (long)getpid());
    use_driver("disk");
    setenv("SDL_DISKAUDIOFILE", raw, 1);
    struct ww_speech *sp = ww_speech_new(&ww_speech_espeak_ops, NULL);
    struct ww_audio *a = ww_audio_new(sp);
    assert_true(ww_audio_available(a));
    volatile int quiet = 0;
    ww_audio_on_quiet(a, count_quiet, (void *)&quiet);
    assert_false(ww_audio_paused(a));
    while (!quiet)
        sleep_ms(5); /* the first silent buffer calls back */
    assert_true(ww_audio_settle(a, -1));
    assert_true(ww_audio_paused(a));
    assert_false(ww_audio_settle(a, -1)); /* already paused */

    /* Speech queued while paused is not played until woken. */
    assert_int_equal(ww_speech_say(sp, "nl", "Uw nummer is J, veertien.", 0), WW_OK);
    assert_false(ww_audio_settle(a, -1)); /* paused: nothing to do */
    ww_audio_wake(a);
    assert_false(ww_audio_paused(a));
    assert_false(ww_audio_settle(a, -1)); /* speech under way: keeps running */
    while (ww_speech_busy(sp))
        sleep_ms(10);
    assert_true(ww_audio_samples_played(a) > (uint64_t)ww_speech_sample_rate(sp) / 2);
    int seen = quiet;
    while (quiet == seen)
        sleep_ms(5);
    assert_true(ww_audio_settle(a, -1));
    uint64_t played = ww_audio_samples_played(a);
    sleep_ms(100);
    assert_true(ww_audio_samples_played(a) == played);

    /* Paused long enough (0 ms here): closed, still available; the next
     * say reopens it and is heard. */
    assert_false(ww_audio_closed(a));
    assert_true(ww_audio_settle(a, 0));
    assert_true(ww_audio_closed(a));
    assert_true(ww_audio_available(a));
    assert_true(ww_audio_paused(a));
    assert_false(ww_audio_settle(a, 0)); /* already closed */
    assert_int_equal(ww_speech_say(sp, "nl", "Balie twee.", 0), WW_OK);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ww_audio_wake(a);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    print_message("  reopening the closed device took %.1f ms\n",
                  (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    assert_false(ww_audio_closed(a));
    assert_false(ww_audio_paused(a));
    while (ww_speech_busy(sp))
        sleep_ms(10);
    assert_true(ww_audio_samples_played(a) > played);

    /* No device: every call is a harmless no-op. */
    ww_audio_wake(NULL);
    assert_false(ww_audio_settle(NULL, 0));
    assert_true(ww_audio_paused(NULL));
    ww_audio_free(a);
    ww_speech_free(sp);
    unlink(raw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disk_device_plays_and_stops),
        cmocka_unit_test(test_pauses_when_silent),
        cmocka_unit_test(test_headphones),
        cmocka_unit_test(test_no_device),
        cmocka_unit_test(test_dummy_driver),
    };
    return cmocka_run_group_tests_name("audio", tests, NULL, NULL);
}
