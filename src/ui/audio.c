#include "ui/audio.h"

#include "core/log.h"
#include "core/speech.h"
#include "core/str.h"

#include <SDL2/SDL.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ww_audio {
    struct ww_speech *sp;
    SDL_AudioDeviceID dev; /* 0 = none */
    bool sdl_audio;        /* SDL_INIT_AUDIO succeeded: quit it on free */
    int buffer;
    bool heard;       /* a real device (not SDL's dummy driver) */
    bool paused;      /* the device is paused (UI thread only) */
    bool closed;      /* closed after a long silence; reopened by the next wake */
    Uint32 paused_at; /* SDL_GetTicks() when it paused */
    SDL_AudioSpec want;
    char hp_want[128]; /* the headphone output's name, or a part of it */
    char hp_name[256]; /* the matched output, "" = the default output */
    void (*on_quiet)(void *ctx);
    void *quiet_ctx;
    /* written by SDL's audio thread, read by anyone */
    _Atomic uint64_t played;
    _Atomic bool quiet; /* a whole buffer of silence went out since the last wake */
};

/* SDL's audio thread: fill the device buffer from the speech PCM and pad
 * with silence. ww_speech_read() only copies under a short lock. */
static void audio_pull(void *userdata, Uint8 *stream, int len)
{
    struct ww_audio *a = userdata;
    size_t want = (size_t)len / sizeof(int16_t);
    int16_t *out = (int16_t *)(void *)stream;
    size_t got = ww_speech_read(a->sp, out, want);
    if (got < want)
        memset(out + got, 0, (want - got) * sizeof(int16_t));
    if (got) {
        atomic_fetch_add(&a->played, got);
        atomic_store(&a->quiet, false); /* the next silence calls back again */
    } else if (!atomic_exchange(&a->quiet, true) && a->on_quiet) {
        a->on_quiet(a->quiet_ctx); /* once per quiet spell: time to pause */
    }
}

struct ww_audio *ww_audio_new(struct ww_speech *sp)
{
    struct ww_audio *a = calloc(1, sizeof *a);
    if (!a) {
        ww_error("audio: out of memory");
        abort();
    }
    a->sp = sp;
    atomic_init(&a->played, 0);
    atomic_init(&a->quiet, false);
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        ww_warn("audio: no audio output (%s): speech is not heard", SDL_GetError());
        return a;
    }
    a->sdl_audio = true;
    SDL_AudioSpec want, have;
    SDL_zero(want);
    want.freq = ww_speech_sample_rate(sp);
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    /* 512 samples: ~23 ms at 22050 Hz, the most a stop can lag behind */
    want.samples = 512;
    want.callback = audio_pull;
    want.userdata = a;
    /* No changes allowed: SDL converts rate and channels for the device. */
    a->want = want;
    a->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (a->dev == 0) {
        ww_warn("audio: cannot open the audio device (%s): speech is not heard", SDL_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        a->sdl_audio = false;
        return a;
    }
    a->buffer = have.samples;
    const char *driver = SDL_GetCurrentAudioDriver();
    if (driver && strcmp(driver, "dummy") == 0) {
        /* It pulls like a device but nobody hears it: keep it running (the
         * speech path works the same) and report no audio. */
        ww_warn("audio: the dummy audio driver plays nothing: speech is not heard");
        a->heard = false;
    } else {
        a->heard = true;
    }
    ww_info("audio: %s output, %d Hz, %d-sample buffer", driver ? driver : "?", have.freq,
            have.samples);
    /* Running, so callers that never settle it hear everything; the kiosk
     * pauses it whenever it falls silent (ww_audio_settle). */
    SDL_PauseAudioDevice(a->dev, 0);
    return a;
}

/* The output named like the headphone jack, copied to `out` (true), or none. */
static bool find_headphones(const struct ww_audio *a, char *out, size_t size)
{
    const char *want = a->hp_want[0] ? a->hp_want : "headphone";
    int n = SDL_GetNumAudioDevices(0);
    for (int i = 0; i < n; i++) {
        const char *name = SDL_GetAudioDeviceName(i, 0);
        if (name && strcasestr(name, want)) {
            ww_strlcpy(out, name, size);
            return true;
        }
    }
    return false;
}

/* (Re)open the output: the headphones when found, else the default. */
static bool open_output(struct ww_audio *a)
{
    SDL_AudioSpec have;
    a->dev = SDL_OpenAudioDevice(a->hp_name[0] ? a->hp_name : NULL, 0, &a->want, &have, 0);
    if (a->dev == 0 && a->hp_name[0]) {
        ww_warn("audio: cannot open the headphones '%s' (%s): the speaker is used", a->hp_name,
                SDL_GetError());
        a->hp_name[0] = '\0';
        a->dev = SDL_OpenAudioDevice(NULL, 0, &a->want, &have, 0);
    }
    if (a->dev == 0)
        return false;
    a->buffer = have.samples;
    return true;
}

bool ww_audio_rescan(struct ww_audio *a)
{
    if (!a || !a->sdl_audio)
        return false;
    char name[sizeof a->hp_name] = "";
    find_headphones(a, name, sizeof name);
    if (strcmp(name, a->hp_name) == 0)
        return false;
    bool was = a->hp_name[0] != '\0';
    ww_strlcpy(a->hp_name, name, sizeof a->hp_name);
    ww_info("audio: %s", name[0] ? "headphones plugged in: speech goes there"
                                 : "headphones gone: speech goes to the speaker");
    if (a->dev) {
        /* Move to the other output; what was playing is cut (a private
         * sentence must not finish on the speaker). */
        ww_speech_stop(a->sp);
        SDL_CloseAudioDevice(a->dev);
        a->dev = 0;
        if (!open_output(a)) {
            ww_warn("audio: cannot reopen the audio output (%s): speech is not heard",
                    SDL_GetError());
            a->closed = true; /* the next wake tries again */
        } else {
            a->paused = false;
            atomic_store(&a->quiet, false);
            SDL_PauseAudioDevice(a->dev, 0);
        }
    }
    return was != (a->hp_name[0] != '\0');
}

void ww_audio_set_headphones(struct ww_audio *a, const char *name)
{
    if (!a)
        return;
    ww_strlcpy(a->hp_want, name ? name : "", sizeof a->hp_want);
    ww_audio_rescan(a);
}

bool ww_audio_headphones(const struct ww_audio *a)
{
    return a && a->hp_name[0] != '\0' && (a->dev != 0 || a->closed);
}

void ww_audio_on_quiet(struct ww_audio *a, void (*fn)(void *ctx), void *ctx)
{
    if (!a || !a->dev) {
        if (a && a->closed) {
            a->on_quiet = fn;
            a->quiet_ctx = ctx;
        }
        return;
    }
    SDL_LockAudioDevice(a->dev);
    a->on_quiet = fn;
    a->quiet_ctx = ctx;
    bool quiet = atomic_load(&a->quiet);
    SDL_UnlockAudioDevice(a->dev);
    if (quiet && fn)
        fn(ctx); /* it already ran dry */
}

void ww_audio_wake(struct ww_audio *a)
{
    if (a && a->closed) {
        /* Reopen the device closed after a long silence (same spec, the
         * same output: headphones while they are there). */
        if (!open_output(a)) {
            ww_warn("audio: cannot reopen the audio device (%s): speech is not heard",
                    SDL_GetError());
            return; /* still closed: the next say tries again */
        }
        a->closed = false;
        a->paused = true;
    }
    if (!a || !a->dev || !a->paused)
        return;
    atomic_store(&a->quiet, false);
    a->paused = false;
    SDL_PauseAudioDevice(a->dev, 0);
}

bool ww_audio_settle(struct ww_audio *a, int close_after_ms)
{
    if (!a || !a->dev)
        return false;
    if (a->paused) {
        /* Paused, SDL's thread still wakes every buffer: after a long
         * silence close the device so an idle kiosk costs nothing. */
        if (close_after_ms < 0 || SDL_GetTicks() - a->paused_at < (Uint32)close_after_ms)
            return false;
        SDL_CloseAudioDevice(a->dev);
        a->dev = 0;
        a->closed = true;
        return true;
    }
    if (!atomic_load(&a->quiet) || ww_speech_busy(a->sp))
        return false;
    SDL_PauseAudioDevice(a->dev, 1);
    a->paused = true;
    a->paused_at = SDL_GetTicks();
    /* Speech queued between the check and the pause is not lost: the
     * caller wakes the device after every say. */
    if (ww_speech_busy(a->sp))
        ww_audio_wake(a);
    return a->paused;
}

bool ww_audio_paused(const struct ww_audio *a)
{
    return !a || !a->dev || a->paused;
}

void ww_audio_free(struct ww_audio *a)
{
    if (!a)
        return;
    if (a->dev)
        SDL_CloseAudioDevice(a->dev);
    if (a->sdl_audio)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    free(a);
}

bool ww_audio_available(const struct ww_audio *a)
{
    return a && (a->dev != 0 || a->closed) && a->heard;
}

bool ww_audio_closed(const struct ww_audio *a)
{
    return a && a->closed;
}

uint64_t ww_audio_samples_played(const struct ww_audio *a)
{
    return a ? atomic_load(&((struct ww_audio *)a)->played) : 0;
}

int ww_audio_buffer_samples(const struct ww_audio *a)
{
    return a ? a->buffer : 0;
}
