/* wegwijzer say: speak a text with the kiosk's voice into a WAV file (for
 * content authors and tests) or through the audio device. */
#include "cli/say_cmd.h"

#include "core/log.h"
#include "core/say.h"
#include "core/speech.h"
#include "core/str.h"
#include "ui/audio.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "usage: wegwijzer say --lang LANG [options] TEXT...\n"
    "\n"
    "Speak TEXT as the kiosk does: times, dates, ticket and phone numbers as\n"
    "words (\"09:30\" -> \"half tien\", \"14 073\" -> \"veertien, nul zeven drie\",\n"
    "\"112\" -> \"één één twee\"), abbreviations spelled (\"UWV\" -> \"uu wee vee\"),\n"
    "in the voice of LANG (nl en tr ar pl uk); Dutch names inside another\n"
    "language with the Dutch voice (each --name, abbreviations, web addresses,\n"
    "and Latin script inside Arabic or Ukrainian).\n"
    "Prints what was said and how long it lasts.\n"
    "\n"
    "options:\n"
    "  -l, --lang LANG    language of the text (required)\n"
    "  -s, --slow         the slow speaking rate\n"
    "  -v, --volume PCT   volume 0..100 (default 100: the voice's own level;\n"
    "                     each percent below is 0.3 dB quieter)\n"
    "  -o, --out FILE     write a WAV file (mono, 16-bit, 22050 Hz)\n"
    "  -p, --play         play through the audio device\n"
    "  -r, --raw          say TEXT as it is written\n"
    "  -n, --name NAME    a Dutch name to say with the Dutch voice (repeatable)\n"
    "  -b, --backend NAME espeak (default) or null\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 spoken, 1 no voice for LANG or a file error, 2 bad usage.\n";

static void put_le(unsigned char *p, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void wav_header(unsigned char h[44], int rate, uint32_t samples)
{
    uint32_t data = samples * 2;
    memcpy(h, "RIFF", 4);
    put_le(h + 4, 36 + data, 4);
    memcpy(h + 8, "WAVEfmt ", 8);
    put_le(h + 16, 16, 4); /* fmt chunk size */
    put_le(h + 20, 1, 2);  /* PCM */
    put_le(h + 22, 1, 2);  /* mono */
    put_le(h + 24, (uint32_t)rate, 4);
    put_le(h + 28, (uint32_t)rate * 2, 4);
    put_le(h + 32, 2, 2);  /* block align */
    put_le(h + 34, 16, 2); /* bits */
    memcpy(h + 36, "data", 4);
    put_le(h + 40, data, 4);
}

static bool is_big_endian(void)
{
    const uint16_t one = 1;
    return *(const unsigned char *)&one == 0;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Read everything the speech handle produces, into the file (may be NULL). */
static bool write_pcm(struct ww_speech *sp, FILE *f, uint32_t *samples)
{
    static int16_t buf[4096];
    size_t n;
    *samples = 0;
    while ((n = ww_speech_read_wait(sp, buf, 4096)) > 0) {
        if (is_big_endian())
            for (size_t i = 0; i < n; i++)
                buf[i] = (int16_t)(((uint16_t)buf[i] >> 8) | ((uint16_t)buf[i] << 8));
        if (f && fwrite(buf, sizeof buf[0], n, f) != n)
            return false;
        *samples += (uint32_t)n;
    }
    return true;
}

int ww_cmd_say(int argc, char **argv)
{
    static const struct option opts[] = {
        {"lang", required_argument, NULL, 'l'},    {"slow", no_argument, NULL, 's'},
        {"volume", required_argument, NULL, 'v'},  {"out", required_argument, NULL, 'o'},
        {"play", no_argument, NULL, 'p'},          {"raw", no_argument, NULL, 'r'},
        {"backend", required_argument, NULL, 'b'}, {"name", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    const char *lang = NULL, *out = NULL, *backend = "espeak";
    bool slow = false, play = false, raw = false;
    long volume = 100;
    const char *names[17];
    size_t n_names = 0;
    int c;
    while ((c = getopt_long(argc, argv, "+l:sv:o:prb:n:h", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            lang = optarg;
            break;
        case 's':
            slow = true;
            break;
        case 'v':
            if (!ww_parse_int(optarg, 0, 100, &volume)) {
                fprintf(stderr, "wegwijzer say: --volume '%s': expected 0..100\n", optarg);
                return 2;
            }
            break;
        case 'o':
            out = optarg;
            break;
        case 'p':
            play = true;
            break;
        case 'r':
            raw = true;
            break;
        case 'b':
            backend = optarg;
            break;
        case 'n':
            if (n_names + 1 >= sizeof names / sizeof names[0]) {
                fputs("wegwijzer say: at most 16 names\n", stderr);
                return 2;
            }
            names[n_names++] = optarg;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            fputs("wegwijzer say: unknown option (see --help)\n", stderr);
            return 2;
        }
    }
    if (!lang || optind >= argc) {
        fputs(usage, stderr);
        return 2;
    }
    const struct ww_speech_ops *ops = ww_speech_backend(backend);
    if (!ops) {
        fprintf(stderr, "wegwijzer say: --backend '%s': use espeak or null\n", backend);
        return 2;
    }

    /* The words: arguments joined by spaces, then spoken forms. */
    size_t len = 0;
    for (int i = optind; i < argc; i++)
        len += strlen(argv[i]) + 1;
    if (len > WW_SPEECH_TEXT_MAX) {
        fprintf(stderr, "wegwijzer say: the text is longer than %d bytes\n", WW_SPEECH_TEXT_MAX);
        return 2;
    }
    char text[WW_SPEECH_TEXT_MAX + 1] = "";
    size_t used = 0;
    for (int i = optind; i < argc; i++) {
        size_t n = strlen(argv[i]);
        if (used)
            text[used++] = ' ';
        memcpy(text + used, argv[i], n + 1);
        used += n;
    }
    static char said[WW_SPEECH_TEXT_MAX + 1];
    names[n_names] = NULL;
    if (raw || !ww_say_prepare(lang, names, text, said, sizeof said))
        ww_strlcpy(said, text, sizeof said);

    static const char *langs[2];
    langs[0] = lang;
    struct ww_speech_params p;
    ww_speech_params_init(&p);
    p.langs = langs;
    p.volume = (int)volume;
    p.slow = slow;
    struct ww_speech *sp = ww_speech_new(ops, &p);
    int status = 0;
    FILE *f = NULL;
    struct ww_audio *audio = NULL;
    if (!ww_speech_available(sp, lang)) {
        fprintf(stderr, "wegwijzer say: no voice for language '%s'\n", lang);
        status = 1;
        goto out;
    }
    if (out) {
        f = fopen(out, "wb");
        if (!f) {
            fprintf(stderr, "wegwijzer say: cannot write %s\n", out);
            status = 1;
            goto out;
        }
        unsigned char h[44];
        wav_header(h, ww_speech_sample_rate(sp), 0);
        fwrite(h, 1, sizeof h, f);
    }
    int rate = ww_speech_sample_rate(sp);
    uint32_t samples = 0;
    if (f) {
        ww_speech_say(sp, lang, said, 0);
        unsigned char h[44];
        if (!write_pcm(sp, f, &samples)) {
            fprintf(stderr, "wegwijzer say: cannot write %s\n", out);
            status = 1;
            goto out;
        }
        wav_header(h, rate, samples);
        if (fseek(f, 0, SEEK_SET) != 0 || fwrite(h, 1, sizeof h, f) != sizeof h) {
            fprintf(stderr, "wegwijzer say: cannot write %s\n", out);
            status = 1;
            goto out;
        }
    }
    if (play) {
        /* After the file: the device and the file must not share the buffer. */
        audio = ww_audio_new(sp);
        if (!ww_audio_available(audio)) {
            status = 1; /* warned; nobody would hear it */
            goto out;
        }
        ww_speech_say(sp, lang, said, 0);
        /* until the device has taken every sample, then a few buffers more */
        while (ww_speech_busy(sp))
            sleep_ms(10);
        sleep_ms(150);
        if (!f)
            samples = (uint32_t)ww_audio_samples_played(audio);
    }
    if (!f && !play) {
        ww_speech_say(sp, lang, said, 0);
        write_pcm(sp, NULL, &samples);
    }
    printf("%s: %.2f s (%u samples at %d Hz)%s%s: %s\n", lang, (double)samples / rate, samples,
           rate, out ? " -> " : "", out ? out : "", said);
out:
    ww_audio_free(audio);
    if (f && fclose(f) != 0 && status == 0) {
        fprintf(stderr, "wegwijzer say: cannot write %s\n", out);
        status = 1;
    }
    ww_speech_free(sp);
    return status;
}
