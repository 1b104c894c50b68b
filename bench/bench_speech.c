/* Speech: how fast the kiosk starts talking and how fast it synthesises.
 *
 *   bench_speech [--runs N] [--no-device]
 *
 * Per language (nl en tr ar pl uk), median of N runs (default 7) in one
 * process:
 *   speech-first-pcm-LANG   ww_speech_say() -> first sample in the PCM buffer
 *   speech-rtf-LANG         seconds of speech per second of synthesis
 * and once:
 *   speech-open             ww_speech_new() with six voices checked
 *   speech-first-pcm-switch the same, when the language changed (nl <-> ar):
 *                           includes loading the voice
 *   speech-stop             ww_speech_stop() during speech -> worker idle
 *   speech-first-device     say -> first speech sample handed to the SDL
 *                           audio callback (SDL's disk driver, which paces
 *                           itself like a device; 512-sample buffer)
 * Prints "name<TAB>value<TAB>unit" lines. */
#include "speech.h"
#include "ui/audio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void sleep_us(long us)
{
    struct timespec ts = {0, us * 1000};
    nanosleep(&ts, NULL);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static const struct {
    const char *lang, *text;
} texts[] = {
    {"nl", "Waar wilt u hulp bij? Kies een onderwerp. U kunt ook met een medewerker praten."},
    {"en", "What would you like help with? Choose a topic. You can also talk to a member of "
           "staff."},
    {"tr", "Hangi konuda yardım istiyorsunuz? Bir konu seçin. Bir görevliyle de "
           "konuşabilirsiniz."},
    {"ar", "فِي أَيِّ شَيْءٍ تُرِيدُ الْمُسَاعَدَةَ؟ اِخْتَرْ مَوْضُوعًا."},
    {"pl", "W czym możemy pomóc? Proszę wybrać temat. Może pan też porozmawiać z pracownikiem."},
    {"uk", "З чим вам допомогти? Виберіть тему. Ви також можете поговорити з працівником."},
};

#define MAX_RUNS 101

int main(int argc, char **argv)
{
    int runs = 7;
    bool device = true;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            runs = (int)strtol(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--no-device") == 0) {
            device = false;
        } else {
            fprintf(stderr, "usage: bench_speech [--runs N] [--no-device]\n");
            return 2;
        }
    }
    if (runs < 1 || runs > MAX_RUNS)
        runs = 7;

    struct ww_speech_params p;
    ww_speech_params_init(&p);
    p.volume = 100;
    double t0 = now_ms();
    struct ww_speech *sp = ww_speech_new(&ww_speech_espeak_ops, &p);
    printf("speech-open\t%.2f\tms\n", now_ms() - t0);
    if (!ww_speech_any_available(sp)) {
        fprintf(stderr, "bench_speech: espeak-ng is not available\n");
        ww_speech_free(sp);
        return 1;
    }
    int rate = ww_speech_sample_rate(sp);
    static int16_t buf[8192];

    for (size_t l = 0; l < sizeof texts / sizeof texts[0]; l++) {
        double first[MAX_RUNS], rtf[MAX_RUNS];
        /* warm-up: loads the voice */
        ww_speech_say(sp, texts[l].lang, texts[l].text, 0);
        while (ww_speech_read_wait(sp, buf, 8192) > 0)
            ;
        for (int r = 0; r < runs; r++) {
            t0 = now_ms();
            ww_speech_say(sp, texts[l].lang, texts[l].text, 0);
            size_t n = ww_speech_read_wait(sp, buf, 1);
            double t1 = now_ms();
            size_t total = n, k;
            while ((k = ww_speech_read_wait(sp, buf, 8192)) > 0)
                total += k;
            double t2 = now_ms();
            first[r] = t1 - t0;
            rtf[r] = ((double)total / rate) / ((t2 - t0) / 1e3);
        }
        printf("speech-first-pcm-%s\t%.3f\tms\n", texts[l].lang, median(first, runs));
        printf("speech-rtf-%s\t%.0f\tx real time\n", texts[l].lang, median(rtf, runs));
    }

    /* a language switch: the voice is loaded before the first sample */
    double sw[MAX_RUNS];
    for (int r = 0; r < runs; r++) {
        size_t l = (size_t)(r % 2 ? 0 : 3); /* nl, ar, nl, ... */
        t0 = now_ms();
        ww_speech_say(sp, texts[l].lang, texts[l].text, 0);
        ww_speech_read_wait(sp, buf, 1);
        sw[r] = now_ms() - t0;
        while (ww_speech_read_wait(sp, buf, 8192) > 0)
            ;
    }
    printf("speech-first-pcm-switch\t%.3f\tms\n", median(sw, runs));

    /* stop during speech: the worker blocks on the full buffer; stop must
     * free it and leave nothing behind */
    double stop[MAX_RUNS];
    for (int r = 0; r < runs; r++) {
        ww_speech_say(sp, "nl", texts[0].text, 0);
        ww_speech_read_wait(sp, buf, 1024);
        t0 = now_ms();
        ww_speech_stop(sp);
        while (ww_speech_busy(sp))
            sleep_us(20);
        stop[r] = now_ms() - t0;
    }
    printf("speech-stop\t%.3f\tms\n", median(stop, runs));

    if (device) {
        struct ww_audio *a = ww_audio_new(sp);
        if (ww_audio_buffer_samples(a) > 0) {
            double dev[MAX_RUNS];
            for (int r = 0; r < runs; r++) {
                uint64_t before = ww_audio_samples_played(a);
                t0 = now_ms();
                ww_speech_say(sp, "nl", texts[0].text, WW_SAY_CUT);
                while (ww_audio_samples_played(a) == before)
                    sleep_us(50);
                dev[r] = now_ms() - t0;
                ww_speech_stop(sp);
                sleep_us(60000);
            }
            printf("speech-first-device\t%.2f\tms\n", median(dev, runs));
        }
        ww_audio_free(a);
    }
    ww_speech_free(sp);
    return 0;
}
