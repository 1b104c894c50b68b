/* Speech: text in a language -> 16-bit mono PCM that the kiosk plays.
 *
 * A speech handle owns one worker thread that owns the synthesiser. The UI
 * thread queues utterances with ww_speech_say() (never waits), cuts speech
 * with ww_speech_stop() (any new action of the resident does this), and the
 * audio device pulls samples with ww_speech_read() from a bounded PCM buffer.
 * The worker synthesises far faster than real time and simply waits while
 * the buffer is full, so memory stays bounded for long texts.
 *
 * Backends sit behind `struct ww_speech_ops`:
 *   "espeak"  libespeak-ng through its library API, voices nl en tr ar pl uk.
 *             espeak-ng keeps process-wide state: at most one espeak handle
 *             may be open in a process at a time (a second one reports every
 *             language unavailable and logs why), and the library is set up
 *             once per process, so the data folder of the first open counts.
 *             Arabic must be written with vowel marks (tashkeel); their order
 *             around a shadda is fixed up for espeak-ng here. Dutch names
 *             marked in the text (WW_SAY_NL_OPEN ... WW_SAY_NL_CLOSE, made
 *             by ww_say_prepare()) are spoken with the Dutch voice inside
 *             the utterance (SSML; about 1 ms more per utterance).
 *   "null"    produces no sound; like every backend it can record what it was
 *             asked to say (always on for "null"), for tests' spoken logs.
 *
 * Failure is never fatal: missing espeak-ng data or a missing voice makes
 * the handle report that language unavailable (ww_speech_available() false,
 * ww_speech_say() returns WW_ERR_UNAVAILABLE) and the UI shows "Voorlezen niet
 * beschikbaar". The reason is logged once, at ww_speech_new().
 *
 * Threads: every function may be called from any thread (the handle locks
 * internally); ww_speech_read() is meant for the audio callback and never
 * blocks for longer than a short copy. ww_speech_free() from the owning
 * thread only, after the audio device stopped pulling.
 *
 * Typical use in the kiosk:
 *
 *     struct ww_speech_params p;
 *     ww_speech_params_init(&p);
 *     p.volume = loc->volume;                  // location config, percent
 *     struct ww_speech *sp = ww_speech_new(&ww_speech_espeak_ops, &p);
 *     ...
 *     if (!ww_speech_available(sp, "nl"))      // show "Voorlezen niet beschikbaar"
 *     ww_speech_say(sp, "nl", text, WW_SAY_CUT);   // on READ_ALOUD
 *     ww_speech_stop(sp);                      // on any other action
 *     ww_speech_reset_settings(sp);            // when the session is wiped
 *     struct ww_audio *a = ww_audio_new(sp);   // src/ui/audio.h: pulls with
 *     ...                                      //   ww_speech_read() for SDL
 *     ww_audio_free(a);                        // first the device,
 *     ww_speech_free(sp);                      // then the speech
 */
#ifndef WW_SPEECH_H
#define WW_SPEECH_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define WW_SPEECH_LANG_SIZE 8 /* "nl", "en", ... plus room for a region */
#define WW_SPEECH_MAX_LANGS 16
#define WW_SPEECH_TEXT_MAX  8192 /* bytes of one utterance, UTF-8 */
#define WW_SPEECH_QUEUE_MAX 64   /* utterances waiting; more is WW_ERR_FULL */

/* Speaking rates in words per minute. Normal is a little slower than
 * espeak-ng's default (175) because many residents listen in a second
 * language; slow is for "langzamer" and for ticket details. */
#define WW_SPEECH_RATE_NORMAL 160
#define WW_SPEECH_RATE_SLOW   115

/* Volume is a percentage 0..100. 0 is silent; 1..100 map to a gain of
 * (percent - 100) * 0.3 dB, so 100 % plays the synthesiser's level, 70 %
 * (the config default) is -9 dB, 10 % is -27 dB: a range of 27 dB between the
 * 10 % and 100 % settings (ACCESSIBILITY.md row 12 asks for >= 18 dB). */
#define WW_SPEECH_VOLUME_DEFAULT 70
#define WW_SPEECH_DB_PER_PERCENT 0.3

/* Flags of ww_speech_say(). */
enum {
    WW_SAY_CUT = 1u << 0,     /* stop whatever is spoken or queued first */
    WW_SAY_SLOW = 1u << 1,    /* this utterance at the slow rate, whatever the setting */
    WW_SAY_PRIVATE = 1u << 2, /* recorded: it went to headphones, not the public speaker
                                 (set on every utterance while ww_speech_set_private is on) */
};

struct ww_speech;

/* What to open. Fill with ww_speech_params_init(), then change fields. */
struct ww_speech_params {
    /* Languages to offer, NULL-terminated; NULL = nl en tr ar pl uk. A
     * language without a voice is reported unavailable. (Borrowed: read
     * during ww_speech_new() only.) */
    const char *const *langs;
    /* espeak-ng data folder; NULL = the library's default (or
     * $ESPEAK_DATA_PATH). Borrowed during ww_speech_new() only. */
    const char *data_path;
    int volume; /* percent 0..100, the location's default */
    bool slow;  /* start with the slow rate */
    /* Keep every utterance in memory (ww_speech_log_*): for tests. Always
     * on with the null backend. */
    bool record;
    /* When not NULL, each utterance and each stop is also written here as
     * one line ("nl\ttext", "nl slow\ttext", "nl headphones\ttext" when it
     * went to headphones, "-\tstop") and flushed: the spoken log of
     * end-to-end tests. Borrowed; must outlive the handle. */
    FILE *log_file;
    /* PCM buffer between the worker and the audio device, in samples;
     * 0 = one second. */
    size_t buffer_samples;
};

void ww_speech_params_init(struct ww_speech_params *p);

/* A synthesiser backend. Every function runs on the handle's worker thread
 * only, so a backend needs no locking of its own. */
struct ww_speech_ops {
    const char *name; /* "espeak", "null" */
    /* Open the engine; *state is the backend's own data. Returns false (after
     * logging once) when nothing can be spoken; the handle then reports every
     * language unavailable. *sample_rate must be set on success. */
    bool (*open)(void **state, const struct ww_speech_params *p, int *sample_rate);
    /* Can this language be spoken? Called once per offered language. */
    bool (*has_lang)(void *state, const char *lang);
    /* Synthesise `text` (UTF-8) in `lang` at `rate` words per minute, handing
     * PCM to `sink` in pieces. `sink` returns false when speech was stopped:
     * the backend must then stop at once and return WW_OK. */
    enum ww_err (*synth)(void *state, const char *lang, const char *text, int rate,
                         bool (*sink)(void *ctx, const int16_t *pcm, size_t n), void *ctx);
    void (*close)(void *state);
};

extern const struct ww_speech_ops ww_speech_espeak_ops;
extern const struct ww_speech_ops ww_speech_null_ops;

/* Look a backend up by name ("espeak", "null"); NULL when unknown. */
const struct ww_speech_ops *ww_speech_backend(const char *name);

/* Open a speech handle: starts the worker, which opens the backend and
 * checks each language; returns when that is done (espeak-ng: tens of ms,
 * at start-up). Never NULL (aborts on out-of-memory); check availability
 * per language. Free with ww_speech_free(). */
struct ww_speech *ww_speech_new(const struct ww_speech_ops *ops, const struct ww_speech_params *p);
/* Stops speech, joins the worker, closes the backend. NULL is fine. */
void ww_speech_free(struct ww_speech *sp);

const char *ww_speech_backend_name(const struct ww_speech *sp);
/* Samples per second of ww_speech_read()'s PCM (espeak-ng: 22050), mono,
 * signed 16-bit native endian. 22050 when the backend did not open. */
int ww_speech_sample_rate(const struct ww_speech *sp);
/* Can `lang` be spoken? False for languages not offered, without a voice,
 * or when the backend failed to open. */
bool ww_speech_available(const struct ww_speech *sp, const char *lang);
/* True when at least one offered language can be spoken. */
bool ww_speech_any_available(const struct ww_speech *sp);

/* Queue `text` (copied) to be spoken in `lang`. Returns at once:
 *   WW_OK               queued (and recorded)
 *   WW_ERR_UNAVAILABLE  no voice for `lang`: show "Voorlezen niet beschikbaar"
 *   WW_ERR_INVALID      empty text, or longer than WW_SPEECH_TEXT_MAX
 *   WW_ERR_FULL         WW_SPEECH_QUEUE_MAX utterances already wait
 * Utterances are spoken in order. */
enum ww_err ww_speech_say(struct ww_speech *sp, const char *lang, const char *text, unsigned flags);
/* Cut current speech at once and drop the queue: when this returns, no
 * sample of what was said before will come out of ww_speech_read() (the
 * audio device may still play the one buffer it already holds). */
void ww_speech_stop(struct ww_speech *sp);
/* Anything queued, being synthesised or waiting in the PCM buffer? */
bool ww_speech_busy(struct ww_speech *sp);

/* Settings the resident changes; they apply to what is spoken next
 * (volume: at once, also to buffered speech). */
void ww_speech_set_volume(struct ww_speech *sp, int percent); /* clamped to 0..100 */
int ww_speech_volume(const struct ww_speech *sp);
void ww_speech_set_slow(struct ww_speech *sp, bool slow);
bool ww_speech_slow(const struct ww_speech *sp);
/* Where the speech goes: true while it plays on headphones (private), false
 * on the public speaker. Marks what is said from now on (WW_SAY_PRIVATE in
 * the log); the audio device itself is chosen by the caller (ui/audio.h). */
void ww_speech_set_private(struct ww_speech *sp, bool on);
bool ww_speech_private(const struct ww_speech *sp);
/* Back to the location's volume and the normal rate: call when a session
 * is wiped, so the next resident starts from the default (row 7). */
void ww_speech_reset_settings(struct ww_speech *sp);
/* Gain in dB that a volume percentage gives; -INFINITY for 0. */
double ww_speech_volume_db(int percent);

/* Pull up to `n` samples of PCM into `buf`, with the volume applied.
 * Returns how many were copied (0 when nothing is ready); never blocks on
 * synthesis. For the audio device's callback: zero-fill the rest. */
size_t ww_speech_read(struct ww_speech *sp, int16_t *buf, size_t n);
/* Like ww_speech_read(), but waits until `n` samples are ready or nothing
 * more is coming. Returns 0 only when everything queued has been read (or
 * stopped). For writing files and for tests, not for the audio callback. */
size_t ww_speech_read_wait(struct ww_speech *sp, int16_t *buf, size_t n);

/* The recorded utterances (params.record or the null backend). */
enum ww_speech_event { WW_SPEECH_SAID, WW_SPEECH_STOPPED };
struct ww_speech_utterance {
    enum ww_speech_event event;
    char lang[WW_SPEECH_LANG_SIZE]; /* "" for a stop */
    unsigned flags;                 /* WW_SAY_* as asked; WW_SAY_SLOW also set when the
                                       slow setting was on */
    char *text;                     /* owned by the handle; NULL for a stop */
};
size_t ww_speech_log_count(struct ww_speech *sp);
/* Copies entry i into *out; its text stays owned by the handle and valid
 * until ww_speech_log_clear() or ww_speech_free(). False when i is out of range. */
bool ww_speech_log_get(struct ww_speech *sp, size_t i, struct ww_speech_utterance *out);
void ww_speech_log_clear(struct ww_speech *sp);

#endif
