/* Speech with the real espeak-ng: every kiosk language gives non-silent PCM
 * of plausible length, slow is slower, the volume range is at least 18 dB,
 * stop cuts at once, a missing voice or missing data is reported, never a
 * crash; and the recording (null) backend keeps the spoken log. */
#include "speech.h"

#include "say.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

struct pcm_stats {
    size_t samples;
    double rms;
    int peak;
};

/* Read everything queued (blocking) and measure it. */
static struct pcm_stats drain(struct ww_speech *sp)
{
    struct pcm_stats st = {0, 0, 0};
    static int16_t buf[4096];
    double sq = 0;
    size_t n;
    while ((n = ww_speech_read_wait(sp, buf, 4096)) > 0) {
        for (size_t i = 0; i < n; i++) {
            sq += (double)buf[i] * buf[i];
            int a = abs(buf[i]);
            if (a > st.peak)
                st.peak = a;
        }
        st.samples += n;
    }
    st.rms = st.samples ? sqrt(sq / (double)st.samples) : 0;
    return st;
}

static struct ww_speech *open_espeak(int volume)
{
    struct ww_speech_params p;
    ww_speech_params_init(&p);
    p.volume = volume;
    return ww_speech_new(&ww_speech_espeak_ops, &p);
}

/* Runs first: once espeak-ng is initialised in a process its data folder is
 * fixed. */
static void test_missing_data(void **state)
{
    (void)state;
    struct ww_speech_params p;
    ww_speech_params_init(&p);
    p.data_path = "/nonexistent/espeak-ng-data";
    struct ww_speech *sp = ww_speech_new(&ww_speech_espeak_ops, &p);
    assert_false(ww_speech_any_available(sp));
    assert_false(ww_speech_available(sp, "nl"));
    assert_int_equal(ww_speech_say(sp, "nl", "Goedemorgen", 0), WW_ERR_UNAVAILABLE);
    assert_false(ww_speech_busy(sp));
    int16_t buf[64];
    assert_int_equal(ww_speech_read(sp, buf, 64), 0);
    ww_speech_free(sp);
}

static const struct {
    const char *lang;
    const char *text;
    int words;
} sentences[] = {
    {"nl", "Goedemorgen. Waar wilt u hulp bij? U kunt ook met een medewerker praten.", 13},
    {"en", "Good morning. What would you like help with? You can also talk to a member of staff.",
     17},
    {"tr", "Günaydın. Hangi konuda yardım istiyorsunuz? Bir görevliyle de konuşabilirsiniz.", 9},
    {"ar", "صَبَاحُ الْخَيْرِ. فِي أَيِّ شَيْءٍ تُرِيدُ الْمُسَاعَدَةَ؟", 7},
    {"pl", "Dzień dobry. W czym możemy pomóc? Może pan też porozmawiać z pracownikiem.", 12},
    {"uk", "Доброго ранку. З чим вам допомогти? Ви також можете поговорити з працівником.", 11},
};

static void test_each_language_speaks(void **state)
{
    (void)state;
    struct ww_speech *sp = open_espeak(100);
    int rate = ww_speech_sample_rate(sp);
    assert_true(rate >= 8000 && rate <= 48000);
    for (size_t i = 0; i < sizeof sentences / sizeof sentences[0]; i++) {
        const char *lang = sentences[i].lang;
        assert_true(ww_speech_available(sp, lang));
        assert_int_equal(ww_speech_say(sp, lang, sentences[i].text, 0), WW_OK);
        struct pcm_stats st = drain(sp);
        double secs = (double)st.samples / rate;
        double per_word = secs / sentences[i].words;
        print_message("  %s: %.2f s, %.2f s/word, rms %.0f, peak %d\n", lang, secs, per_word,
                      st.rms, st.peak);
        /* plausible: a word takes 0.15..1.2 s including pauses */
        assert_true(per_word > 0.15 && per_word < 1.2);
        /* non-silent: RMS above -40 dBFS */
        assert_true(st.rms > 32768.0 * 0.01);
        assert_false(ww_speech_busy(sp));
    }
    ww_speech_free(sp);
}

static void test_missing_voice(void **state)
{
    (void)state;
    static const char *const langs[] = {"nl", "fy", NULL};
    struct ww_speech_params p;
    ww_speech_params_init(&p);
    p.langs = langs;
    struct ww_speech *sp = ww_speech_new(&ww_speech_espeak_ops, &p);
    assert_true(ww_speech_available(sp, "nl"));
    assert_false(ww_speech_available(sp, "fy"));
    assert_false(ww_speech_available(sp, "en")); /* not offered */
    assert_false(ww_speech_available(sp, NULL));
    assert_int_equal(ww_speech_say(sp, "fy", "Goeie moarn", 0), WW_ERR_UNAVAILABLE);
    assert_false(ww_speech_busy(sp));
    /* Dutch still works next to it */
    assert_int_equal(ww_speech_say(sp, "nl", "Goedemorgen", 0), WW_OK);
    assert_true(drain(sp).samples > 0);
    ww_speech_free(sp);
}

static void test_one_espeak_at_a_time(void **state)
{
    (void)state;
    struct ww_speech *a = open_espeak(70);
    struct ww_speech *b = open_espeak(70);
    assert_true(ww_speech_available(a, "nl"));
    assert_false(ww_speech_any_available(b));
    ww_speech_free(b);
    ww_speech_free(a);
    /* free again: the next handle may use it */
    struct ww_speech *c = open_espeak(70);
    assert_true(ww_speech_available(c, "nl"));
    ww_speech_free(c);
}

static void test_slow_is_slower(void **state)
{
    (void)state;
    const char *text = "Uw afspraak is om half tien bij balie twee.";
    struct ww_speech *sp = open_espeak(100);
    ww_speech_say(sp, "nl", text, 0);
    size_t normal = drain(sp).samples;
    ww_speech_say(sp, "nl", text, WW_SAY_SLOW);
    size_t slow_flag = drain(sp).samples;
    ww_speech_set_slow(sp, true);
    assert_true(ww_speech_slow(sp));
    ww_speech_say(sp, "nl", text, 0);
    size_t slow_setting = drain(sp).samples;
    ww_speech_reset_settings(sp);
    assert_false(ww_speech_slow(sp));
    print_message("  normal %zu, slow %zu, slow setting %zu samples\n", normal, slow_flag,
                  slow_setting);
    assert_true((double)slow_flag > 1.2 * (double)normal);
    /* espeak-ng keeps a little state between texts: equal within 1 % */
    assert_true(fabs((double)slow_setting - (double)slow_flag) < 0.01 * (double)slow_flag);
    ww_speech_free(sp);
}

/* ACCESSIBILITY.md row 12: the volume range is at least 18 dB. */
static void test_volume_range(void **state)
{
    (void)state;
    const char *text = "Voorlezen staat aan.";
    struct ww_speech *sp = open_espeak(100);
    ww_speech_say(sp, "nl", text, 0);
    struct pcm_stats loud = drain(sp);
    ww_speech_set_volume(sp, 10);
    ww_speech_say(sp, "nl", text, 0);
    struct pcm_stats quiet = drain(sp);
    ww_speech_set_volume(sp, 0);
    ww_speech_say(sp, "nl", text, 0);
    struct pcm_stats mute = drain(sp);
    double range = 20 * log10(loud.rms / quiet.rms);
    print_message("  100%%: rms %.0f, 10%%: rms %.0f: range %.1f dB\n", loud.rms, quiet.rms, range);
    assert_true(range >= 18.0);
    assert_true(fabs(range - (ww_speech_volume_db(100) - ww_speech_volume_db(10))) < 0.5);
    assert_true(mute.samples > loud.samples / 2);
    assert_true(mute.rms == 0);
    /* the setting is clamped and resets to the location's volume */
    ww_speech_set_volume(sp, 250);
    assert_int_equal(ww_speech_volume(sp), 100);
    ww_speech_reset_settings(sp);
    assert_int_equal(ww_speech_volume(sp), 100);
    ww_speech_free(sp);

    sp = open_espeak(70);
    ww_speech_set_volume(sp, 20);
    ww_speech_reset_settings(sp);
    assert_int_equal(ww_speech_volume(sp), 70);
    ww_speech_free(sp);
    assert_true(isinf(ww_speech_volume_db(0)));
    assert_true(fabs(ww_speech_volume_db(70) + 9.0) < 1e-9);
}

/* ACCESSIBILITY.md row 4: stop cuts current speech; nothing said before the
 * stop comes out of the buffer afterwards. */
static void test_stop_cuts(void **state)
{
    (void)state;
    struct ww_speech *sp = open_espeak(100);
    const char *longtext = "Dit is een lange tekst die de kiosk voorleest. Hij gaat over "
                           "afspraken, over wat u meeneemt en over de balie waar u heen gaat. "
                           "Daarna volgt nog een zin, en nog een, zodat het even duurt.";
    assert_int_equal(ww_speech_say(sp, "nl", longtext, 0), WW_OK);
    assert_int_equal(ww_speech_say(sp, "nl", "En dan nog iets.", 0), WW_OK);
    int16_t buf[1024];
    /* the audio device takes one buffer */
    assert_int_equal(ww_speech_read_wait(sp, buf, 1024), 1024);
    ww_speech_stop(sp);
    /* the very next buffer is silent, and nothing more comes */
    assert_int_equal(ww_speech_read(sp, buf, 1024), 0);
    assert_int_equal(ww_speech_read_wait(sp, buf, 1024), 0);
    assert_false(ww_speech_busy(sp));
    /* speaking again after a stop works */
    assert_int_equal(ww_speech_say(sp, "nl", "Opnieuw", 0), WW_OK);
    assert_true(drain(sp).samples > 0);

    /* WW_SAY_CUT: the new text replaces the old one */
    ww_speech_say(sp, "nl", longtext, 0);
    assert_int_equal(ww_speech_read_wait(sp, buf, 1024), 1024);
    ww_speech_say(sp, "nl", "Kort.", WW_SAY_CUT);
    size_t cut = drain(sp).samples;
    ww_speech_say(sp, "nl", "Kort.", 0);
    size_t alone = drain(sp).samples;
    assert_true(fabs((double)cut - (double)alone) < 0.01 * (double)alone);
    ww_speech_free(sp);
}

/* Freeing while the worker waits on a full buffer must not hang. */
static void test_free_while_speaking(void **state)
{
    (void)state;
    struct ww_speech_params p;
    ww_speech_params_init(&p);
    p.buffer_samples = 2048;
    struct ww_speech *sp = ww_speech_new(&ww_speech_espeak_ops, &p);
    ww_speech_say(sp, "en", "This sentence is longer than the small buffer can hold at once.", 0);
    int16_t buf[512];
    assert_int_equal(ww_speech_read_wait(sp, buf, 512), 512);
    assert_true(ww_speech_busy(sp));
    ww_speech_free(sp);
}

/* Arabic: a vowel mark written before or after the shadda (Unicode's normal
 * form puts the vowel first, espeak-ng reads only the other order) must
 * sound the same: "wa-n-nisf", not "wa-nn-sf". */
static void test_arabic_mark_order(void **state)
{
    (void)state;
    static const char vowel_first[] = "\xD9\x88\xD9\x8E\xD8\xA7\xD9\x84\xD9\x86\xD9\x90\xD9\x91"
                                      "\xD8\xB5\xD9\x92\xD9\x81";
    static const char shadda_first[] = "\xD9\x88\xD9\x8E\xD8\xA7\xD9\x84\xD9\x86\xD9\x91\xD9\x90"
                                       "\xD8\xB5\xD9\x92\xD9\x81";
    struct ww_speech *sp = open_espeak(100);
    assert_int_equal(ww_speech_say(sp, "ar", vowel_first, 0), WW_OK);
    size_t a = drain(sp).samples;
    assert_int_equal(ww_speech_say(sp, "ar", shadda_first, 0), WW_OK);
    size_t b = drain(sp).samples;
    print_message("  vowel first %zu, shadda first %zu samples\n", a, b);
    assert_true(a > 0);
    assert_true(fabs((double)a - (double)b) < 0.01 * (double)b);
    ww_speech_free(sp);
}

/* Dutch names marked in prepared text (say.h) are spoken with the Dutch
 * voice and the rest with the utterance's own: as long as the pieces said
 * one by one, not the marks read aloud, and English again after the name
 * (espeak-ng 1.51 alone would stay Dutch). */
static void test_dutch_names(void **state)
{
    (void)state;
    struct ww_speech *sp = open_espeak(100);
    static const char *const cases[][4] = {
        {"en",
         "Call " WW_SAY_NL_OPEN "Het Juridisch Loket" WW_SAY_NL_CLOSE
         " about your thirty three bills.",
         "Call ", "about your thirty three bills."},
        {"ar", "اتَّصِلْ بِـ " WW_SAY_NL_OPEN "Werk en Inkomen" WW_SAY_NL_CLOSE " الْآنَ", "اتَّصِلْ بِـ",
         "الْآنَ"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *lang = cases[i][0];
        assert_int_equal(ww_speech_say(sp, lang, cases[i][1], 0), WW_OK);
        size_t whole = drain(sp).samples;
        assert_int_equal(ww_speech_say(sp, lang, cases[i][2], 0), WW_OK);
        size_t before = drain(sp).samples;
        const char *name = i == 0 ? "Het Juridisch Loket" : "Werk en Inkomen";
        assert_int_equal(ww_speech_say(sp, "nl", name, 0), WW_OK);
        size_t dutch = drain(sp).samples;
        assert_int_equal(ww_speech_say(sp, "en", name, 0), WW_OK);
        size_t english = drain(sp).samples;
        assert_int_equal(ww_speech_say(sp, lang, cases[i][3], 0), WW_OK);
        size_t after = drain(sp).samples;
        double parts = (double)(before + dutch + after);
        print_message("  %s: whole %zu, parts %.0f (name: nl %zu, en %zu)\n", lang, whole, parts,
                      dutch, english);
        assert_true(fabs((double)whole - parts) < 0.2 * parts);
    }
    /* the text after a name in the utterance's own voice again */
    assert_int_equal(
        ww_speech_say(sp, "en", WW_SAY_NL_OPEN "wee" WW_SAY_NL_CLOSE " thirty three thirty three",
                      0),
        WW_OK);
    size_t mixed = drain(sp).samples;
    assert_int_equal(ww_speech_say(sp, "nl", "wee thirty three thirty three", 0), WW_OK);
    size_t all_dutch = drain(sp).samples;
    assert_int_equal(ww_speech_say(sp, "nl", "wee", 0), WW_OK);
    size_t wee = drain(sp).samples;
    assert_int_equal(ww_speech_say(sp, "en", "thirty three thirty three", 0), WW_OK);
    size_t rest = drain(sp).samples;
    print_message("  mixed %zu, all Dutch %zu, parts %zu\n", mixed, all_dutch, wee + rest);
    assert_true(fabs((double)mixed - (double)(wee + rest)) <
                fabs((double)mixed - (double)all_dutch));
    ww_speech_free(sp);
}

static void test_bad_input(void **state)
{
    (void)state;
    struct ww_speech *sp = ww_speech_new(&ww_speech_null_ops, NULL);
    assert_int_equal(ww_speech_say(sp, "nl", "", 0), WW_ERR_INVALID);
    assert_int_equal(ww_speech_say(sp, "nl", NULL, 0), WW_ERR_INVALID);
    char *big = malloc(WW_SPEECH_TEXT_MAX + 2);
    memset(big, 'a', WW_SPEECH_TEXT_MAX + 1);
    big[WW_SPEECH_TEXT_MAX + 1] = '\0';
    assert_int_equal(ww_speech_say(sp, "nl", big, 0), WW_ERR_INVALID);
    free(big);
    assert_int_equal(ww_speech_say(sp, "xx", "tekst", 0), WW_ERR_UNAVAILABLE);
    assert_int_equal(ww_speech_log_count(sp), 0);
    assert_ptr_equal(ww_speech_backend("espeak"), &ww_speech_espeak_ops);
    assert_ptr_equal(ww_speech_backend("null"), &ww_speech_null_ops);
    assert_null(ww_speech_backend("festival"));
    assert_string_equal(ww_speech_backend_name(sp), "null");
    ww_speech_free(sp);
}

/* The recording backend: every utterance with its language, flags and the
 * stops between them, in memory and in the spoken-log file. */
static void test_recording_backend(void **state)
{
    (void)state;
    char *logbuf = NULL;
    size_t loglen = 0;
    FILE *f = open_memstream(&logbuf, &loglen);
    assert_non_null(f);
    struct ww_speech_params p;
    ww_speech_params_init(&p);
    p.log_file = f;
    struct ww_speech *sp = ww_speech_new(&ww_speech_null_ops, &p);
    assert_true(ww_speech_available(sp, "ar"));
    assert_int_equal(ww_speech_say(sp, "nl", "Waar wilt u hulp bij?", 0), WW_OK);
    assert_int_equal(ww_speech_say(sp, "en", "Back\tnow", WW_SAY_SLOW), WW_OK);
    ww_speech_stop(sp);
    ww_speech_set_slow(sp, true);
    assert_int_equal(ww_speech_say(sp, "ar", "رُجُوعٌ", WW_SAY_CUT), WW_OK);
    drain(sp);
    assert_false(ww_speech_busy(sp));

    assert_int_equal(ww_speech_log_count(sp), 5);
    struct ww_speech_utterance u;
    assert_true(ww_speech_log_get(sp, 0, &u));
    assert_int_equal(u.event, WW_SPEECH_SAID);
    assert_string_equal(u.lang, "nl");
    assert_string_equal(u.text, "Waar wilt u hulp bij?");
    assert_int_equal(u.flags, 0);
    assert_true(ww_speech_log_get(sp, 1, &u));
    assert_string_equal(u.lang, "en");
    assert_int_equal(u.flags, WW_SAY_SLOW);
    assert_true(ww_speech_log_get(sp, 2, &u));
    assert_int_equal(u.event, WW_SPEECH_STOPPED);
    assert_null(u.text);
    assert_true(ww_speech_log_get(sp, 3, &u)); /* the stop of WW_SAY_CUT */
    assert_int_equal(u.event, WW_SPEECH_STOPPED);
    assert_true(ww_speech_log_get(sp, 4, &u));
    assert_string_equal(u.lang, "ar");
    assert_string_equal(u.text, "رُجُوعٌ");
    assert_int_equal(u.flags, WW_SAY_CUT | WW_SAY_SLOW);
    assert_false(ww_speech_log_get(sp, 5, &u));
    ww_speech_log_clear(sp);
    assert_int_equal(ww_speech_log_count(sp), 0);
    ww_speech_free(sp);
    fclose(f);
    assert_string_equal(logbuf, "nl\tWaar wilt u hulp bij?\n"
                                "en slow\tBack now\n"
                                "-\tstop\n"
                                "-\tstop\n"
                                "ar slow\tرُجُوعٌ\n");
    free(logbuf);
}

static void test_queue_full(void **state)
{
    (void)state;
    /* espeak with a tiny buffer: the worker blocks on the first text, so
     * the queue fills up */
    struct ww_speech_params p;
    ww_speech_params_init(&p);
    p.buffer_samples = 256;
    struct ww_speech *sp = ww_speech_new(&ww_speech_espeak_ops, &p);
    enum ww_err e = WW_OK;
    int n = 0;
    for (; n < WW_SPEECH_QUEUE_MAX + 5 && e == WW_OK; n++)
        e = ww_speech_say(sp, "nl", "Een zin om de wachtrij te vullen.", 0);
    assert_int_equal(e, WW_ERR_FULL);
    assert_true(n >= WW_SPEECH_QUEUE_MAX);
    ww_speech_stop(sp);
    assert_int_equal(ww_speech_say(sp, "nl", "Weer ruimte.", 0), WW_OK);
    ww_speech_free(sp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_data),      cmocka_unit_test(test_each_language_speaks),
        cmocka_unit_test(test_missing_voice),     cmocka_unit_test(test_one_espeak_at_a_time),
        cmocka_unit_test(test_slow_is_slower),    cmocka_unit_test(test_volume_range),
        cmocka_unit_test(test_stop_cuts),         cmocka_unit_test(test_free_while_speaking),
        cmocka_unit_test(test_arabic_mark_order), cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_recording_backend), cmocka_unit_test(test_queue_full),
        cmocka_unit_test(test_dutch_names),
    };
    return cmocka_run_group_tests_name("speech", tests, NULL, NULL);
}
