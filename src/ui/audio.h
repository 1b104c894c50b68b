/* Audio output: plays the speech PCM through the SDL audio device.
 *
 * ww_audio_new() opens the default output device (mono, signed 16-bit, at
 * the speech handle's sample rate; SDL converts if the device wants another
 * format) and starts it; SDL's audio thread pulls samples with
 * ww_speech_read() and plays silence when there is nothing to say. A
 * long-running program (the kiosk) also pauses the device while silent, so
 * an idle kiosk does not keep the audio thread busy: after every
 * ww_speech_say() it calls ww_audio_wake(), and when a whole buffer of silence has
 * gone out the callback given to ww_audio_on_quiet() runs (on the audio
 * thread: it should only wake the UI loop), and the UI thread calls
 * ww_audio_settle(), which pauses the device again if nothing is left to
 * say, and closes it after a long silence. ww_speech_stop() falls silent within one device buffer
 * (512 samples, about 23 ms at 22050 Hz).
 *
 * No audio device (none present, or a broken driver): the kiosk keeps
 * working. ww_audio_available() is false and one warning is logged; the
 * speech handle keeps recording what would have been said. SDL's dummy
 * driver counts as no device (nobody hears it) but still pulls the PCM at
 * the real pace, so the whole path runs in tests. With
 * SDL_AUDIODRIVER=disk (SDL_DISKAUDIOFILE=FILE) the output goes to a raw file
 * instead, which tests use to check what reached the device.
 *
 * Private listening (ACCESSIBILITY row 7): ww_audio_set_headphones() names
 * the output that is the headphone jack; while SDL lists it (ALSA and
 * PulseAudio report a plugged jack as its own output, and SDL sends
 * SDL_AUDIODEVICEADDED / SDL_AUDIODEVICEREMOVED when it comes and goes:
 * call ww_audio_rescan() then) the speech plays there instead of on the
 * default output, and ww_audio_headphones() is true.
 *
 * Threads: call new/free from the thread that owns SDL. The speech handle
 * is borrowed and must outlive the audio handle. */
#ifndef WW_AUDIO_H
#define WW_AUDIO_H

#include <stdbool.h>
#include <stdint.h>

struct ww_speech;
struct ww_audio;

/* Never NULL (aborts on out-of-memory); check ww_audio_available(). Calls
 * SDL_InitSubSystem(SDL_INIT_AUDIO) itself, so it works with or without a
 * window. Free with ww_audio_free(). */
struct ww_audio *ww_audio_new(struct ww_speech *sp);
/* Closes the device (waits for the audio callback to return). NULL is fine. */
void ww_audio_free(struct ww_audio *a);

/* Run the device (no-op when it runs or there is none): call after
 * ww_speech_say(). */
void ww_audio_wake(struct ww_audio *a);
/* Pause the device when a buffer of silence went out and the speech has
 * nothing queued or buffered; when it has been paused `close_after_ms` or
 * longer (negative: never), close it: SDL's audio thread keeps waking every
 * buffer while paused, a closed device costs nothing. The next
 * ww_audio_wake() reopens it (a few milliseconds on most drivers). True
 * when it paused or closed it now. */
bool ww_audio_settle(struct ww_audio *a, int close_after_ms);
/* Closed after a long silence (ww_audio_available() stays true)? */
bool ww_audio_closed(const struct ww_audio *a);
/* Is the device paused (or absent)? */
bool ww_audio_paused(const struct ww_audio *a);
/* `fn(ctx)` runs on SDL's audio thread once per quiet spell (when the
 * speech ran dry); it must be thread-safe and quick (e.g. SDL_PushEvent or
 * an eventfd write) so the UI thread calls ww_audio_settle(). */
void ww_audio_on_quiet(struct ww_audio *a, void (*fn)(void *ctx), void *ctx);

/* The headphone output: `name` is (a part of) its SDL device name,
 * case-insensitive; NULL or "" means any output whose name holds
 * "headphone". Looks at the outputs at once (as ww_audio_rescan). */
void ww_audio_set_headphones(struct ww_audio *a, const char *name);
/* Look at the outputs again (on SDL_AUDIODEVICEADDED/REMOVED): when the
 * headphone output came or went, the speech moves to it or back to the
 * default output (what was being said is cut). True when that changed. */
bool ww_audio_rescan(struct ww_audio *a);
/* Does the speech play on the headphones now? */
bool ww_audio_headphones(const struct ww_audio *a);

/* Is there a device that plays the speech? */
bool ww_audio_available(const struct ww_audio *a);
/* Samples of speech (not the silence in between) handed to the device so
 * far; for tests and the benchmark. */
uint64_t ww_audio_samples_played(const struct ww_audio *a);
/* Device buffer size in samples, as opened (0 when unavailable). */
int ww_audio_buffer_samples(const struct ww_audio *a);

#endif
