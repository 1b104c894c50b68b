#include "film.h"

#include "core/file.h"
#include "core/log.h"
#include "core/str.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH_SIZE 512
/* Sound decoded before the film's turn is held back up to this many bytes
 * (two seconds); a film opened ahead only decodes a frame or two. */
#define AUDIO_HOLD_MAX (2 * WW_FILM_AUDIO_RATE * 4)
/* Decode errors in a row before a film counts as corrupt: a single broken
 * packet only damages a few frames, a corrupt file fails on every one. */
#define MAX_BAD_PACKETS 64

struct ww_film {
    char path[PATH_SIZE];
    struct ww_film_limit limit;
    uint32_t event_type;
    SDL_AudioDeviceID audio; /* 0 = muted */
    SDL_Thread *thread;

    /* `lock` protects every field down to `held_len`, shared by the worker
     * and the main thread; `cond` is signalled whenever one of them changes
     * (slot filled or emptied, stop asked, end reached). */
    SDL_mutex *lock;
    SDL_cond *cond;
    AVFrame *slot;
    bool full;
    int64_t slot_ms;
    int64_t frame_ms; /* length of one frame, known once the worker opened the film */
    bool stop, ended, failed;
    char error[160];
    uint64_t decoded;
    bool started;  /* ww_film_start was called: sound goes to the device */
    uint8_t *held; /* sound decoded before that */
    size_t held_len;

    /* Main thread only. */
    AVFrame *cur;
    int64_t cur_ms;
    bool have_cur;
    uint64_t shown, dropped, late;
};

static void quiet_ffmpeg(void)
{
    /* FFmpeg's own messages would bypass our log (and repeat per packet for
     * a corrupt file); each failure is logged once by the screen instead. */
    av_log_set_level(AV_LOG_QUIET);
}

static void describe(int err, char *buf, size_t size)
{
    char msg[AV_ERROR_MAX_STRING_SIZE] = "";
    av_strerror(err, msg, sizeof msg);
    ww_strlcpy(buf, msg, size);
}

static struct ww_film_limit limit_or_default(const struct ww_film_limit *l)
{
    if (l && l->width > 0 && l->height > 0)
        return *l;
    return (struct ww_film_limit){WW_FILM_MAX_WIDTH, WW_FILM_MAX_HEIGHT};
}

/* Does a w x h picture fit the limit, either way round? Otherwise a reason. */
static bool fits(int w, int h, struct ww_film_limit l, char *why, size_t why_size)
{
    if (w > 0 && h > 0 && ((w <= l.width && h <= l.height) || (w <= l.height && h <= l.width)))
        return true;
    ww_fmt(why, why_size,
           "the picture is %dx%d, larger than this screen's limit of %dx%d "
           "(film_max_width, film_max_height)",
           w, h, l.width, l.height);
    return false;
}

/* The decoders' own limit (AVCodecContext.max_pixels), a safety net behind
 * fits(): they count the picture with its rows padded to their alignment
 * (1080 lines are decoded as 1088), so it gets a margin. */
static int64_t max_pixels(struct ww_film_limit l)
{
    return (int64_t)(l.width + 128) * (l.height + 128);
}

/* avformat_find_stream_info decodes a frame or two to learn what the
 * header does not say: refuse a picture larger than the limit by what the
 * header says first, and have the decoders it opens refuse one too. */
static int find_stream_info(AVFormatContext *fmt, struct ww_film_limit l, char *why,
                            size_t why_size)
{
    for (unsigned i = 0; i < fmt->nb_streams; i++) {
        const AVCodecParameters *cp = fmt->streams[i]->codecpar;
        if (cp->codec_type == AVMEDIA_TYPE_VIDEO && cp->width > 0 && cp->height > 0 &&
            !fits(cp->width, cp->height, l, why, why_size))
            return AVERROR(EFBIG);
    }
    AVDictionary **opts = av_calloc(fmt->nb_streams ? fmt->nb_streams : 1, sizeof *opts);
    if (!opts)
        return AVERROR(ENOMEM);
    char pixels[32];
    ww_fmt(pixels, sizeof pixels, "%lld", (long long)max_pixels(l));
    for (unsigned i = 0; i < fmt->nb_streams; i++)
        av_dict_set(&opts[i], "max_pixels", pixels, 0);
    int ret = avformat_find_stream_info(fmt, opts);
    for (unsigned i = 0; i < fmt->nb_streams; i++)
        av_dict_free(&opts[i]);
    av_free(opts);
    if (ret < 0)
        describe(ret, why, why_size);
    return ret;
}

/* ---- reading the film file ----
 *
 * FFmpeg's own file protocol opens the path with a blocking open(): a named
 * pipe in the playlist would stop the screen (the probe runs on its thread)
 * or the decoder for good. The film is opened by the core as a regular file
 * (ww_file_open_regular) and FFmpeg reads that descriptor. */

struct input {
    AVFormatContext *fmt;
    AVIOContext *pb;
    int fd;
};

#define IO_BUFFER 65536

static int io_read(void *opaque, uint8_t *buf, int size)
{
    const struct input *in = opaque;
    for (;;) {
        ssize_t n = read(in->fd, buf, (size_t)size);
        if (n > 0)
            return (int)n;
        if (n == 0)
            return AVERROR_EOF;
        if (errno != EINTR)
            return AVERROR(errno);
    }
}

static int64_t io_seek(void *opaque, int64_t offset, int whence)
{
    const struct input *in = opaque;
    if (whence & AVSEEK_SIZE) {
        struct stat st;
        return fstat(in->fd, &st) == 0 ? (int64_t)st.st_size : AVERROR(errno);
    }
    off_t r = lseek(in->fd, (off_t)offset, whence & ~AVSEEK_FORCE);
    return r < 0 ? AVERROR(errno) : (int64_t)r;
}

static void input_close(struct input *in)
{
    avformat_close_input(&in->fmt);
    if (in->pb) {
        av_freep(&in->pb->buffer);
        avio_context_free(&in->pb);
    }
    if (in->fd >= 0)
        close(in->fd);
    in->fd = -1;
}

/* Open a film for demuxing. False with a reason in `why` (a file that is not
 * a regular file is refused without waiting on it). */
static bool input_open(struct input *in, const char *path, char *why, size_t why_size, int *err)
{
    *in = (struct input){NULL, NULL, -1};
    *err = 0;
    in->fd = ww_file_open_regular(path, NULL);
    if (in->fd < 0) {
        ww_strlcpy(why, ww_file_strerror(errno), why_size);
        return false;
    }
    unsigned char *buf = av_malloc(IO_BUFFER);
    in->pb = buf ? avio_alloc_context(buf, IO_BUFFER, 0, in, io_read, NULL, io_seek) : NULL;
    in->fmt = avformat_alloc_context();
    if (!in->pb || !in->fmt) {
        if (!in->pb)
            av_free(buf);
        ww_strlcpy(why, "out of memory", why_size);
        input_close(in);
        return false;
    }
    in->fmt->pb = in->pb;
    in->fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
    /* The path still names the film, for guessing its format by name. */
    int ret = avformat_open_input(&in->fmt, path, NULL, NULL);
    if (ret < 0) {
        *err = ret;
        describe(ret, why, why_size);
        input_close(in); /* avformat_open_input freed fmt on failure */
        return false;
    }
    return true;
}

bool ww_film_probe(const char *path, const struct ww_film_limit *limit, struct ww_film_info *info,
                   char *why, size_t why_size)
{
    quiet_ffmpeg();
    memset(info, 0, sizeof *info);
    struct input in;
    bool ok = false;
    int ret;
    if (!input_open(&in, path, why, why_size, &ret))
        return false;
    AVFormatContext *fmt = in.fmt;
    ret = find_stream_info(fmt, limit_or_default(limit), why, why_size);
    if (ret < 0)
        goto out;
    const AVCodec *codec = NULL;
    int vi = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
    if (vi < 0 || !codec) {
        ww_strlcpy(why,
                   vi == AVERROR_DECODER_NOT_FOUND ? "no decoder for its video" : "no video stream",
                   why_size);
        goto out;
    }
    AVStream *st = fmt->streams[vi];
    info->width = st->codecpar->width;
    info->height = st->codecpar->height;
    if (info->width <= 0 || info->height <= 0) {
        ww_strlcpy(why, "video without a picture size", why_size);
        goto out;
    }
    if (!fits(info->width, info->height, limit_or_default(limit), why, why_size))
        goto out;
    if (fmt->duration > 0)
        info->duration_ms = av_rescale(fmt->duration, 1000, AV_TIME_BASE);
    else if (st->duration > 0)
        info->duration_ms = av_rescale_q(st->duration, st->time_base, (AVRational){1, 1000});
    if (st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0)
        info->fps = av_q2d(st->avg_frame_rate);
    info->has_audio = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0) >= 0;
    ok = true;
out:
    input_close(&in);
    return ok;
}

static void push_event(struct ww_film *f)
{
    if (!f->event_type)
        return;
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = f->event_type;
    ev.user.data1 = f;
    SDL_PushEvent(&ev);
}

static void set_failed(struct ww_film *f, const char *what, int err)
{
    char msg[AV_ERROR_MAX_STRING_SIZE] = "";
    if (err)
        av_strerror(err, msg, sizeof msg);
    SDL_LockMutex(f->lock);
    f->failed = true;
    ww_fmt(f->error, sizeof f->error, "%s%s%s", what, err ? ": " : "", msg);
    SDL_UnlockMutex(f->lock);
}

/* Hand one frame to the main thread; waits while the slot is full. Returns
 * false when asked to stop. Takes the frame's buffers (leaves it empty). */
static bool deliver(struct ww_film *f, AVFrame *frame, int64_t ms)
{
    SDL_LockMutex(f->lock);
    while (f->full && !f->stop)
        SDL_CondWait(f->cond, f->lock);
    bool stop = f->stop;
    if (!stop) {
        av_frame_move_ref(f->slot, frame);
        f->slot_ms = ms;
        f->full = true;
        f->decoded++;
        SDL_CondBroadcast(f->cond);
    }
    SDL_UnlockMutex(f->lock);
    av_frame_unref(frame);
    if (!stop)
        push_event(f);
    return !stop;
}

struct decoder {
    struct input in;
    AVFormatContext *fmt; /* in.fmt */
    AVCodecContext *dec;
    AVCodecContext *adec; /* sound, when the film plays with sound */
    SwrContext *swr;
    int ai;
    uint8_t *abuf;
    int abuf_samples;
    struct SwsContext *sws;
    AVFrame *frame, *conv;
    AVPacket *pkt;
    int vi;
    AVRational tb;
    int64_t start_pts;
    int64_t next_ms;
};

/* Convert to planar 4:2:0 when the film uses another layout (10-bit, 4:4:4),
 * compute the film time and deliver. */
static bool emit(struct ww_film *f, struct decoder *d)
{
    AVFrame *frame = d->frame;
    char why[160];
    if (!fits(frame->width, frame->height, f->limit, why, sizeof why)) {
        set_failed(f, why, 0);
        av_frame_unref(frame);
        return false;
    }
    int64_t pts = frame->best_effort_timestamp;
    int64_t ms;
    if (pts == AV_NOPTS_VALUE) {
        ms = d->next_ms;
    } else {
        if (d->start_pts == AV_NOPTS_VALUE)
            d->start_pts = pts;
        ms = av_rescale_q(pts - d->start_pts, d->tb, (AVRational){1, 1000});
    }
    d->next_ms = ms + f->frame_ms;
    if (frame->format != AV_PIX_FMT_YUV420P && frame->format != AV_PIX_FMT_YUVJ420P) {
        d->sws =
            sws_getCachedContext(d->sws, frame->width, frame->height, frame->format, frame->width,
                                 frame->height, AV_PIX_FMT_YUV420P, SWS_BILINEAR, NULL, NULL, NULL);
        if (!d->sws) {
            set_failed(f, "unsupported picture format", 0);
            return false;
        }
        d->conv->format = AV_PIX_FMT_YUV420P;
        d->conv->width = frame->width;
        d->conv->height = frame->height;
        if (av_frame_get_buffer(d->conv, 0) < 0)
            abort();
        sws_scale(d->sws, (const uint8_t *const *)frame->data, frame->linesize, 0, frame->height,
                  d->conv->data, d->conv->linesize);
        av_frame_unref(frame);
        frame = d->conv;
    }
    return deliver(f, frame, ms);
}

/* Receive every frame the decoder has; false to stop decoding. */
static bool drain(struct ww_film *f, struct decoder *d)
{
    for (;;) {
        int ret = avcodec_receive_frame(d->dec, d->frame);
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
            return true;
        if (ret < 0) {
            set_failed(f, "decoding failed", ret);
            return false;
        }
        if (!emit(f, d))
            return false;
    }
}

/* Send sound to the device, or hold it back until the film's turn. */
static void audio_out(struct ww_film *f, const uint8_t *data, size_t len)
{
    SDL_LockMutex(f->lock);
    if (f->started) {
        SDL_QueueAudio(f->audio, data, (Uint32)len);
    } else if (f->held_len + len <= AUDIO_HOLD_MAX) {
        uint8_t *h = realloc(f->held, f->held_len + len);
        if (!h)
            abort();
        memcpy(h + f->held_len, data, len);
        f->held = h;
        f->held_len += len;
    }
    SDL_UnlockMutex(f->lock);
}

/* Convert every decoded sound frame to 16-bit stereo at the device rate. */
static void drain_audio(struct ww_film *f, struct decoder *d)
{
    while (avcodec_receive_frame(d->adec, d->frame) == 0) {
        int want = swr_get_out_samples(d->swr, d->frame->nb_samples);
        if (want > d->abuf_samples) {
            uint8_t *b = realloc(d->abuf, (size_t)want * 4);
            if (!b)
                abort();
            d->abuf = b;
            d->abuf_samples = want;
        }
        uint8_t *out[1] = {d->abuf};
        int n = swr_convert(d->swr, out, want, (const uint8_t **)d->frame->extended_data,
                            d->frame->nb_samples);
        av_frame_unref(d->frame);
        if (n > 0)
            audio_out(f, d->abuf, (size_t)n * 4);
    }
}

/* Open the sound stream; a film whose sound cannot be decoded plays muted. */
static void open_audio(struct ww_film *f, struct decoder *d)
{
    const AVCodec *codec = NULL;
    d->ai = av_find_best_stream(d->fmt, AVMEDIA_TYPE_AUDIO, -1, d->vi, &codec, 0);
    if (d->ai < 0 || !codec)
        return;
    AVStream *st = d->fmt->streams[d->ai];
    d->adec = avcodec_alloc_context3(codec);
    if (!d->adec)
        abort();
    AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
    if (avcodec_parameters_to_context(d->adec, st->codecpar) < 0 ||
        avcodec_open2(d->adec, codec, NULL) < 0 ||
        swr_alloc_set_opts2(&d->swr, &stereo, AV_SAMPLE_FMT_S16, WW_FILM_AUDIO_RATE,
                            &d->adec->ch_layout, d->adec->sample_fmt, d->adec->sample_rate, 0,
                            NULL) < 0 ||
        swr_init(d->swr) < 0) {
        ww_warn("screen: the sound of %s cannot be decoded; it plays muted", f->path);
        avcodec_free_context(&d->adec);
        swr_free(&d->swr);
        d->ai = -1;
    }
}

static int worker(void *arg)
{
    struct ww_film *f = arg;
    struct decoder d = {.in = {NULL, NULL, -1}, .start_pts = AV_NOPTS_VALUE, .ai = -1};
    char why[128];
    int ret;
    if (!input_open(&d.in, f->path, why, sizeof why, &ret)) {
        SDL_LockMutex(f->lock);
        f->failed = true;
        ww_fmt(f->error, sizeof f->error, "cannot open: %s", why);
        SDL_UnlockMutex(f->lock);
        goto out;
    }
    d.fmt = d.in.fmt;
    if ((ret = find_stream_info(d.fmt, f->limit, why, sizeof why)) < 0) {
        set_failed(f, ret == AVERROR(EFBIG) ? why : "not a film", ret == AVERROR(EFBIG) ? 0 : ret);
        goto out;
    }
    const AVCodec *codec = NULL;
    d.vi = av_find_best_stream(d.fmt, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
    if (d.vi < 0 || !codec) {
        set_failed(f, "no video stream that can be decoded", 0);
        goto out;
    }
    AVStream *st = d.fmt->streams[d.vi];
    /* Checked again here: the file may have been replaced since the probe. */
    if (!fits(st->codecpar->width, st->codecpar->height, f->limit, why, sizeof why)) {
        set_failed(f, why, 0);
        goto out;
    }
    if (f->audio)
        open_audio(f, &d);
    /* Only the streams played are read; the rest is discarded by the demuxer. */
    for (unsigned i = 0; i < d.fmt->nb_streams; i++)
        if ((int)i != d.vi && (int)i != d.ai)
            d.fmt->streams[i]->discard = AVDISCARD_ALL;
    d.tb = st->time_base;
    if (st->start_time != AV_NOPTS_VALUE)
        d.start_pts = st->start_time;
    d.dec = avcodec_alloc_context3(codec);
    d.frame = av_frame_alloc();
    d.conv = av_frame_alloc();
    d.pkt = av_packet_alloc();
    if (!d.dec || !d.frame || !d.conv || !d.pkt)
        abort();
    if ((ret = avcodec_parameters_to_context(d.dec, st->codecpar)) < 0) {
        set_failed(f, "cannot start the decoder", ret);
        goto out;
    }
    /* One decoding thread: 1080p30 H.264 decodes far faster than real time
     * on one core, and a second thread would only add memory and latency. */
    d.dec->thread_count = 1;
    /* A stream that changes to a larger picture midway is refused by the
     * decoder itself (and each frame's size is checked in emit). */
    d.dec->max_pixels = max_pixels(f->limit);
    if ((ret = avcodec_open2(d.dec, codec, NULL)) < 0) {
        set_failed(f, "cannot start the decoder", ret);
        goto out;
    }
    int64_t frame_ms = 40;
    if (st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0)
        frame_ms = av_rescale(1000, st->avg_frame_rate.den, st->avg_frame_rate.num);
    if (frame_ms <= 0 || frame_ms > 1000)
        frame_ms = 40;
    SDL_LockMutex(f->lock);
    f->frame_ms = frame_ms;
    SDL_UnlockMutex(f->lock);

    int bad = 0;
    for (;;) {
        SDL_LockMutex(f->lock);
        bool stop = f->stop;
        SDL_UnlockMutex(f->lock);
        if (stop)
            goto out;
        ret = av_read_frame(d.fmt, d.pkt);
        if (ret == AVERROR_EOF)
            break;
        if (ret < 0) {
            set_failed(f, "read error", ret);
            goto out;
        }
        if (d.pkt->stream_index == d.ai) {
            if (avcodec_send_packet(d.adec, d.pkt) == 0)
                drain_audio(f, &d);
            av_packet_unref(d.pkt);
            continue;
        }
        if (d.pkt->stream_index != d.vi) {
            av_packet_unref(d.pkt);
            continue;
        }
        ret = avcodec_send_packet(d.dec, d.pkt);
        av_packet_unref(d.pkt);
        if (ret < 0 && ret != AVERROR(EAGAIN)) {
            if (++bad > MAX_BAD_PACKETS) {
                set_failed(f, "corrupt video", ret);
                goto out;
            }
            continue;
        }
        bad = 0;
        if (!drain(f, &d))
            goto out;
    }
    avcodec_send_packet(d.dec, NULL);
    drain(f, &d);
    if (d.adec && avcodec_send_packet(d.adec, NULL) == 0)
        drain_audio(f, &d);
out:
    SDL_LockMutex(f->lock);
    if (!f->failed && f->decoded == 0 && !f->stop) {
        f->failed = true;
        ww_strlcpy(f->error, "no picture could be decoded", sizeof f->error);
    }
    f->ended = true;
    SDL_CondBroadcast(f->cond);
    SDL_UnlockMutex(f->lock);
    push_event(f);
    sws_freeContext(d.sws);
    av_frame_free(&d.frame);
    av_frame_free(&d.conv);
    av_packet_free(&d.pkt);
    avcodec_free_context(&d.dec);
    avcodec_free_context(&d.adec);
    swr_free(&d.swr);
    free(d.abuf);
    input_close(&d.in);
    /* A decoder's frame buffers are tens of megabytes; hand them back to the
     * system now (on this thread, off the screen's), so resident memory stays
     * flat over a day of loops instead of keeping each peak. */
    malloc_trim(0);
    return 0;
}

struct ww_film *ww_film_open(const char *path, const struct ww_film_limit *limit,
                             uint32_t event_type, SDL_AudioDeviceID audio)
{
    quiet_ffmpeg();
    struct ww_film *f = calloc(1, sizeof *f);
    if (!f)
        abort();
    ww_strlcpy(f->path, path, sizeof f->path);
    f->limit = limit_or_default(limit);
    f->event_type = event_type;
    f->audio = audio;
    f->frame_ms = 40;
    f->lock = SDL_CreateMutex();
    f->cond = SDL_CreateCond();
    f->slot = av_frame_alloc();
    f->cur = av_frame_alloc();
    if (!f->lock || !f->cond || !f->slot || !f->cur)
        abort();
    f->thread = SDL_CreateThread(worker, "ww-film", f);
    if (!f->thread) {
        f->failed = f->ended = true;
        ww_fmt(f->error, sizeof f->error, "cannot start a thread: %s", SDL_GetError());
    }
    return f;
}

void ww_film_free(struct ww_film *f)
{
    if (!f)
        return;
    SDL_LockMutex(f->lock);
    f->stop = true;
    SDL_CondBroadcast(f->cond);
    SDL_UnlockMutex(f->lock);
    if (f->thread)
        SDL_WaitThread(f->thread, NULL);
    av_frame_free(&f->slot);
    av_frame_free(&f->cur);
    free(f->held);
    SDL_DestroyCond(f->cond);
    SDL_DestroyMutex(f->lock);
    free(f);
}

static bool upload(struct ww_film *f, SDL_Renderer *r, SDL_Texture **tex)
{
    const AVFrame *fr = f->cur;
    int w = 0, h = 0;
    if (*tex)
        SDL_QueryTexture(*tex, NULL, NULL, &w, &h);
    if (!*tex || w != fr->width || h != fr->height) {
        if (*tex)
            SDL_DestroyTexture(*tex);
        *tex = SDL_CreateTexture(r, SDL_PIXELFORMAT_IYUV, SDL_TEXTUREACCESS_STREAMING, fr->width,
                                 fr->height);
        if (!*tex) {
            SDL_LockMutex(f->lock);
            ww_fmt(f->error, sizeof f->error, "cannot make a texture: %s", SDL_GetError());
            SDL_UnlockMutex(f->lock);
            return false;
        }
    }
    return SDL_UpdateYUVTexture(*tex, NULL, fr->data[0], fr->linesize[0], fr->data[1],
                                fr->linesize[1], fr->data[2], fr->linesize[2]) == 0;
}

enum ww_film_status ww_film_update(struct ww_film *f, int64_t t_ms, bool wait, SDL_Renderer *r,
                                   SDL_Texture **tex)
{
    bool took = false;
    SDL_LockMutex(f->lock);
    for (;;) {
        if (!f->full) {
            if (f->ended || !wait)
                break;
            SDL_CondWait(f->cond, f->lock);
            continue;
        }
        if (f->slot_ms > t_ms)
            break;
        if (took)
            f->dropped++;
        av_frame_unref(f->cur);
        av_frame_move_ref(f->cur, f->slot);
        f->cur_ms = f->slot_ms;
        f->full = false;
        took = true;
        SDL_CondBroadcast(f->cond);
    }
    bool ended = f->ended && !f->full;
    bool failed = f->failed;
    int64_t frame_ms = f->frame_ms;
    SDL_UnlockMutex(f->lock);

    if (took) {
        f->have_cur = true;
        if (!upload(f, r, tex)) {
            SDL_LockMutex(f->lock);
            f->failed = true;
            SDL_UnlockMutex(f->lock);
            return WW_FILM_FAILED;
        }
        f->shown++;
        if (t_ms >= f->cur_ms + 2 * frame_ms)
            f->late++;
        return WW_FILM_NEW;
    }
    if (ended) {
        if (failed && !f->have_cur)
            return WW_FILM_FAILED;
        if (failed || t_ms >= f->cur_ms + frame_ms)
            return WW_FILM_END;
    }
    return WW_FILM_SAME;
}

void ww_film_start(struct ww_film *f)
{
    SDL_LockMutex(f->lock);
    if (f->audio && !f->started) {
        SDL_ClearQueuedAudio(f->audio);
        if (f->held_len)
            SDL_QueueAudio(f->audio, f->held, (Uint32)f->held_len);
    }
    f->started = true;
    free(f->held);
    f->held = NULL;
    f->held_len = 0;
    SDL_UnlockMutex(f->lock);
}

int64_t ww_film_next_ms(struct ww_film *f)
{
    SDL_LockMutex(f->lock);
    int64_t ms = f->full ? f->slot_ms : -1;
    SDL_UnlockMutex(f->lock);
    return ms;
}

const char *ww_film_error(struct ww_film *f)
{
    SDL_LockMutex(f->lock);
    const char *e = f->error;
    SDL_UnlockMutex(f->lock);
    return e;
}

void ww_film_stats(struct ww_film *f, struct ww_film_stats *out)
{
    SDL_LockMutex(f->lock);
    out->decoded = f->decoded;
    out->frame_ms = f->frame_ms;
    out->ended = f->ended && !f->full;
    SDL_UnlockMutex(f->lock);
    out->last_ms = f->have_cur ? f->cur_ms : -1;
    out->shown = f->shown;
    out->dropped = f->dropped;
    out->late = f->late;
}
