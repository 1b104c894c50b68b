/* A film for the waiting-room screen: libavformat/libavcodec decode on a
 * worker thread into a one-slot hand-off, shown through a streaming IYUV
 * texture on the thread that owns SDL, paced by the frames' timestamps.
 *
 * The worker opens the file, decodes one frame, puts it in the slot, pushes
 * an SDL user event and waits until the main thread has taken it. Opening a
 * film before its turn therefore leaves its first frame ready, so there is
 * no black gap at an item or loop boundary. The worker never touches the
 * renderer; the main thread never blocks on decoding (except in scripted
 * runs, which ask to wait so that a virtual clock sees every frame).
 *
 * Ownership: ww_film_open returns a handle the caller frees with
 * ww_film_free (which stops and joins the worker). Textures passed to
 * ww_film_update belong to the caller. */
#ifndef WW_FILM_H
#define WW_FILM_H

#include <SDL2/SDL.h>

#include <stdbool.h>
#include <stdint.h>

struct ww_film;

struct ww_film_info {
    int width, height;
    int64_t duration_ms; /* 0 when the container does not say */
    double fps;          /* average frame rate, 0 when unknown */
    bool has_audio;
};

/* The largest picture a film may have, either way round (a portrait film
 * fits a landscape limit turned). Decoding holds a few pictures at once (the
 * decoder's references, the hand-off slot, the one on screen, a converted
 * copy), each width x height x 1.5 bytes: a 16000x12000 film took 1.9 GB,
 * so larger films are refused before decoding. NULL: 1920x1080. */
struct ww_film_limit {
    int width, height;
};
#define WW_FILM_MAX_WIDTH  1920
#define WW_FILM_MAX_HEIGHT 1080

/* Read the header of a film and find its video stream (main thread, a few
 * milliseconds). False when it is missing, not a regular file, not a film
 * FFmpeg can decode or larger than `limit`; `why` (at least 128 bytes) then
 * says why, for the one log line. */
bool ww_film_probe(const char *path, const struct ww_film_limit *limit, struct ww_film_info *info,
                   char *why, size_t why_size);

/* Start decoding `path` on a worker thread. `event_type` (an SDL user event
 * number, 0 for none) is pushed each time a frame is ready. `audio` is an
 * open SDL audio device (signed 16-bit stereo, WW_FILM_AUDIO_RATE) to play
 * the film's sound on, or 0 for a muted film. Never NULL: failures to open
 * (also a picture larger than `limit`, checked again here and on every
 * frame) show up as WW_FILM_FAILED from ww_film_update. */
struct ww_film *ww_film_open(const char *path, const struct ww_film_limit *limit,
                             uint32_t event_type, SDL_AudioDeviceID audio);
void ww_film_free(struct ww_film *f);

#define WW_FILM_AUDIO_RATE 48000

/* The film's turn has come: its sound starts (what the device still had
 * queued is dropped). Until then decoded sound is held back, so a film
 * opened ahead stays silent. Main thread. */
void ww_film_start(struct ww_film *f);

enum ww_film_status {
    WW_FILM_SAME,   /* nothing new to show at this time */
    WW_FILM_NEW,    /* the texture holds a new frame */
    WW_FILM_END,    /* every frame has been shown */
    WW_FILM_FAILED, /* could not open or decode (see ww_film_error) */
};

/* Bring `*tex` up to film time `t_ms` (milliseconds since the first frame):
 * takes every decoded frame that is due, uploads the newest and counts the
 * ones skipped as dropped. Creates or recreates `*tex` on `r` when needed.
 * With `wait`, blocks until the frame due at `t_ms` is decoded. */
enum ww_film_status ww_film_update(struct ww_film *f, int64_t t_ms, bool wait, SDL_Renderer *r,
                                   SDL_Texture **tex);

/* Film time of the frame waiting in the slot, or -1 when none is there. */
int64_t ww_film_next_ms(struct ww_film *f);

/* Why the film failed ("" when it did not). Borrowed, valid until free. */
const char *ww_film_error(struct ww_film *f);

struct ww_film_stats {
    uint64_t decoded; /* frames the worker produced */
    uint64_t shown;   /* frames uploaded to the texture */
    uint64_t dropped; /* frames skipped because a newer one was due */
    uint64_t late;    /* frames uploaded after their display time had passed */
    int64_t last_ms;  /* film time of the frame on the texture (-1: none yet) */
    int64_t frame_ms; /* how long one frame stays up */
    bool ended;       /* every frame of the file was taken */
};
void ww_film_stats(struct ww_film *f, struct ww_film_stats *out);

#endif
