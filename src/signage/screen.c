/* The waiting-room screen: plays a playlist all day on a screen nobody
 * touches. One thread owns SDL and sleeps in SDL_WaitEventTimeout until the
 * next deadline (a film frame, the end of an item, the next check of the
 * opening hours); film decoding runs on worker threads (film.c).
 *
 * What plays when is decided by the pure functions of core/playlist.h; this
 * file turns their answer into textures. In a scripted run (--frames) time
 * is virtual: each frame moves the clock on by exactly 1/fps, decoding is
 * waited for, and the run is the same every time. */
#include "signage/screen.h"
#include "core/err.h"

#include "app.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/playlist.h"
#include "core/srt.h"
#include "core/str.h"
#include "signage/film.h"
#include "signage/slides.h"
#include "render/video.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Open the next film this long before its turn: early enough that its first
 * frame is decoded, late enough that two decoders rarely live at once. */
#define LOOKAHEAD_MS 3000

struct opts {
    const char *screen;
    const char *media;
    const char *assets;
    const char *shots;
    const char *text_log;  /* --text-log FILE: every text drawn */
    const char *localedir; /* --localedir DIR */
    long frames;           /* scripted run: this many frames of virtual time */
    long fps;              /* virtual frame rate of a scripted run */
    long seconds;          /* real-time run: stop after this many seconds (0 = never) */
    long sample;           /* scripted run: a memory/fd sample every this many virtual seconds */
    int width, height;     /* --size; 0 = the playlist's */
    bool windowed;
    bool stats;
};

/* Per playlist item, what the player learned about it. */
struct item_rt {
    char path[WW_PATH_SIZE * 2];
    struct ww_film_info info;
    struct ww_srt srt[WW_SCREEN_LANGS]; /* subtitle tracks, [0] Dutch; n = 0 when none */
    uint64_t shots; /* screenshots taken (one per loop, for the first languages) */
    bool warned;    /* its failure was logged */
};

struct screen {
    struct ww_app *app;
    struct opts o;
    struct ww_playlist pl;
    struct ww_config cfg;
    bool cfg_loaded, cfg_ok;
    int64_t *dur; /* per item, ms; 0 = skip */
    struct item_rt *rt;
    struct ww_seq seq;
    int w, h;

    bool sdl_up;
    SDL_AudioDeviceID audio; /* open when a film plays with sound; 0 = none */
    SDL_Window *win;
    SDL_Renderer *ren;
    struct ww_slides *slides;
    uint32_t ev_film;

    /* What is on screen. */
    bool on; /* within opening hours */
    bool started;
    bool prepared;        /* the films were probed for this opening period */
    size_t item;          /* the item being shown, WW_SEQ_NONE for none */
    uint64_t item_serial; /* seq.shown when it started */
    struct ww_film *film;
    struct ww_film *next_film;
    size_t next_item;
    SDL_Texture *film_tex, *slide_tex, *sub_tex;
    int sub_h;
    const struct ww_srt_cue *cue, *cue2; /* Dutch and second-language subtitles up */
    size_t sub_lang;                     /* the film's second track (ww_i18n_langs index) */
    size_t item_lang;                    /* language of the item on screen */
    uint64_t item_loop;                  /* the loop it started in */
    FILE *text_log;
    bool film_has_frame;
    bool dirty;
    bool warned_empty;
    bool closed_shot;
    bool ready_logged; /* "ready" is logged once, after the first frame */

    /* Numbers for --stats and the benchmark. */
    uint64_t presents, items_started, films_failed;
    uint64_t missed; /* film frames whose time ran out before they were decoded */
    uint64_t films_started, films_ahead, films_ready; /* opened ahead; first frame ready */
    struct ww_film_stats fs;
    long rss_start_kb, rss_loop1_kb, rss_loop_kb, heap_loop_kb;
    uint64_t loop_mark;
};

/* ---- memory, CPU and texture odds and ends ---- */

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    long pages = 0, res = 0;
    if (fscanf(f, "%ld %ld", &pages, &res) != 2)
        res = 0;
    fclose(f);
    return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static long heap_kb(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (long)((mi.uordblks + mi.hblkhd) / 1024);
}

/* Open file descriptors of this process (entries of /proc/self/fd, less
 * the one reading it); -1 when unknown. */
static long fd_count(void)
{
    DIR *dir = opendir("/proc/self/fd");
    if (!dir)
        return -1;
    long n = 0;
    struct dirent *e;
    while ((e = readdir(dir)))
        if (e->d_name[0] != '.')
            n++;
    closedir(dir);
    return n - 1;
}

/* --sample: one line of the long-run curve at virtual time `now` (ms). */
static void print_sample(const struct screen *s, int64_t now)
{
    ww_day day;
    int minute;
    ww_local_from_utc(now / 1000, &day, &minute);
    char iso[11], hm[6];
    ww_day_format(day, iso);
    ww_minute_format(minute, hm);
    printf("sample %sT%s on=%d loops=%" PRIu64 " items=%" PRIu64
           " rss_kb=%ld heap_kb=%ld fds=%ld\n",
           iso, hm, s->on ? 1 : 0, s->seq.loops, s->items_started, rss_kb(), heap_kb(), fd_count());
    fflush(stdout);
}

static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static void add_stats(struct screen *s, struct ww_film *f)
{
    if (!f)
        return;
    struct ww_film_stats st;
    ww_film_stats(f, &st);
    s->fs.decoded += st.decoded;
    s->fs.shown += st.shown;
    s->fs.dropped += st.dropped;
    s->fs.late += st.late;
}

static void drop_film(struct screen *s, struct ww_film **f)
{
    add_stats(s, *f);
    ww_film_free(*f);
    *f = NULL;
}

static void drop_tex(SDL_Texture **t)
{
    if (*t)
        SDL_DestroyTexture(*t);
    *t = NULL;
}

static SDL_Texture *to_texture(struct screen *s, SDL_Surface *sf)
{
    if (!sf)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(s->ren, sf);
    if (!t)
        ww_error("screen: cannot make a texture: %s", SDL_GetError());
    SDL_FreeSurface(sf);
    return t;
}

/* Mark an item as unplayable for this run (logged once). */
static void skip_item(struct screen *s, size_t i, const char *why)
{
    if (!s->rt[i].warned)
        ww_warn("screen %s: skipping %s (%s:%d): %s", s->pl.id, s->pl.items[i].id, s->pl.file,
                s->pl.items[i].line, why);
    s->rt[i].warned = true;
    s->dur[i] = 0;
}

/* ---- preparing the playlist ---- */

/* Load subtitle track `k` of film item `i`: the configured file, or the
 * default beside the film when it exists. A bad file still gives its good
 * cues; the author sees every problem in the log. */
static void load_subtitles(struct screen *s, size_t i, size_t k)
{
    const struct ww_item *it = &s->pl.items[i];
    struct item_rt *rt = &s->rt[i];
    char srt[sizeof rt->path];
    if (*it->subtitles[k]) {
        ww_media_path(s->o.media, it->subtitles[k], srt, sizeof srt);
    } else {
        struct stat sb;
        if (!ww_subtitles_default(rt->path, k, srt, sizeof srt) || stat(srt, &sb) != 0)
            return;
    }
    struct ww_diags d;
    ww_diags_init(&d);
    if (!ww_srt_load(&rt->srt[k], srt, &d)) {
        for (size_t n = 0; n < d.count && n < 5; n++) {
            char line[600];
            ww_diag_format(&d.items[n], line, sizeof line);
            ww_warn("screen %s: %s", s->pl.id, line);
        }
        ww_warn("screen %s: %s plays with %zu good subtitle cue%s", s->pl.id, it->id, rt->srt[k].n,
                rt->srt[k].n == 1 ? "" : "s");
    }
    ww_diags_destroy(&d);
}

/* Learn each film's length and subtitles; skip what cannot play. Done at
 * start and again each time the screen comes on, so a film replaced or
 * repaired overnight plays the next morning (and a broken one is logged
 * once a day). */
static void prepare(struct screen *s)
{
    size_t n = s->pl.n_items;
    for (size_t i = 0; i < n; i++) {
        const struct ww_item *it = &s->pl.items[i];
        struct item_rt *rt = &s->rt[i];
        for (size_t k = 0; k < WW_SCREEN_LANGS; k++)
            ww_srt_destroy(&rt->srt[k]);
        rt->warned = false;
        s->dur[i] = (int64_t)it->duration * 1000;
        if (it->kind == WW_ITEM_SCHEDULE) {
            const char *loc = ww_item_location(&s->pl, it);
            if (!s->cfg_ok || !ww_config_location(&s->cfg, loc))
                skip_item(s, i, "the configuration with its location could not be loaded");
            continue;
        }
        if (it->kind != WW_ITEM_FILM)
            continue;
        ww_media_path(s->o.media, it->file, rt->path, sizeof rt->path);
        char why[160] = "";
        const struct ww_film_limit lim = {s->pl.film_max_width, s->pl.film_max_height};
        if (!ww_film_probe(rt->path, &lim, &rt->info, why, sizeof why)) {
            char msg[sizeof why + WW_PATH_SIZE * 2 + 8];
            ww_fmt(msg, sizeof msg, "%s: %s", rt->path, why);
            skip_item(s, i, msg);
            continue;
        }
        int64_t len = rt->info.duration_ms;
        if (len <= 0 && it->duration == 0) {
            skip_item(s, i, "the film does not say how long it is; set 'duration'");
            continue;
        }
        if (it->duration == 0 || (len > 0 && len < s->dur[i]))
            s->dur[i] = len;
        /* Subtitles per language: the named file, or the film's name with
         * .srt / .LANG.srt when present. */
        for (size_t k = 0; k < WW_SCREEN_LANGS; k++)
            load_subtitles(s, i, k);
        /* `config check` refuses this; a screen started anyway says so. */
        if (rt->info.has_audio && rt->srt[0].n == 0)
            ww_warn("screen %s: %s (%s:%d) has sound but no Dutch subtitles: visitors in a "
                    "muted waiting room cannot follow it (see wegwijzer config check)",
                    s->pl.id, it->id, s->pl.file, it->line);
    }
}

/* ---- what is on screen ---- */

static struct ww_film *open_film(struct screen *s, size_t i)
{
    const struct ww_film_limit lim = {s->pl.film_max_width, s->pl.film_max_height};
    return ww_film_open(s->rt[i].path, &lim, s->ev_film, s->pl.items[i].sound ? s->audio : 0);
}

/* Frames of the current film that never reached the screen because its
 * time ran out first (the decoder fell behind): counted as dropped. */
static void count_missed(struct screen *s)
{
    if (s->item == WW_SEQ_NONE || !s->film || s->pl.items[s->item].kind != WW_ITEM_FILM)
        return;
    struct ww_film_stats st;
    ww_film_stats(s->film, &st);
    if (st.ended || st.frame_ms <= 0)
        return;
    int64_t up_to = st.last_ms >= 0 ? st.last_ms + st.frame_ms : 0;
    int64_t left = s->dur[s->item] - up_to;
    if (left >= st.frame_ms)
        s->missed += (uint64_t)(left / st.frame_ms);
}

static void start_item(struct screen *s, int64_t now)
{
    size_t i = s->seq.item;
    count_missed(s);
    s->item = i;
    s->item_serial = s->seq.shown;
    s->items_started++;
    s->cue = NULL;
    s->cue2 = NULL;
    drop_tex(&s->sub_tex);
    drop_film(s, &s->film);
    s->film_has_frame = false;
    if (s->audio)
        SDL_ClearQueuedAudio(s->audio);
    if (i == WW_SEQ_NONE) {
        s->dirty = true; /* nothing left to show: black */
        return;
    }
    const struct ww_item *it = &s->pl.items[i];
    ww_debug("screen %s: item %s", s->pl.id, it->id);
    /* This loop's languages: the slides', and the film's second track. */
    size_t n_langs;
    const struct ww_lang *langs = ww_i18n_langs(&n_langs);
    s->item_loop = s->seq.loops;
    s->sub_lang = ww_playlist_second_lang(&s->pl, s->seq.loops);
    if (it->kind == WW_ITEM_FILM && !s->rt[i].srt[s->sub_lang].n)
        s->sub_lang = 0; /* no track in that language: Dutch alone this time */
    s->item_lang =
        it->kind == WW_ITEM_FILM ? s->sub_lang : ww_playlist_slide_lang(&s->pl, s->seq.loops);
    ww_slides_set_lang(s->slides, langs[s->item_lang].code);
    if (s->text_log) {
        char tag[160];
        ww_fmt(tag, sizeof tag, "drawn loop=%" PRIu64 " item=%s lang=%s", s->item_loop, it->id,
               langs[s->item_lang].code);
        ww_slides_set_log(s->slides, s->text_log, tag);
    }
    if (it->kind == WW_ITEM_FILM) {
        s->films_started++;
        if (s->next_film && s->next_item == i) {
            s->film = s->next_film;
            s->next_film = NULL;
            s->films_ahead++;
            if (ww_film_next_ms(s->film) >= 0)
                s->films_ready++;
        } else {
            drop_film(s, &s->next_film);
            s->film = open_film(s, i);
        }
        ww_film_start(s->film);
        /* The last picture stays up until the film's first frame replaces it. */
        return;
    }
    SDL_Surface *sf = NULL;
    if (it->kind == WW_ITEM_SLIDE) {
        sf = ww_slides_info(s->slides, it);
    } else {
        ww_day day;
        int minute;
        ww_local_from_utc(now / 1000, &day, &minute);
        const struct ww_location *loc = ww_config_location(&s->cfg, ww_item_location(&s->pl, it));
        if (loc)
            sf = ww_slides_schedule(s->slides, it, &s->cfg, loc, day);
    }
    SDL_Texture *t = to_texture(s, sf);
    if (!t) {
        skip_item(s, i, "the slide could not be drawn");
        return;
    }
    drop_tex(&s->slide_tex);
    s->slide_tex = t;
    s->dirty = true;
}

static void stop_all(struct screen *s)
{
    drop_film(s, &s->film);
    drop_film(s, &s->next_film);
    drop_tex(&s->slide_tex);
    drop_tex(&s->sub_tex);
    drop_tex(&s->film_tex);
    if (s->audio)
        SDL_ClearQueuedAudio(s->audio);
    s->cue = NULL;
    s->cue2 = NULL;
    s->item = WW_SEQ_NONE;
    s->film_has_frame = false;
}

static void lookahead(struct screen *s, int64_t now)
{
    size_t i = s->seq.item;
    if (i == WW_SEQ_NONE || s->next_film)
        return;
    if (s->dur[i] - ww_seq_offset(&s->seq, now) > LOOKAHEAD_MS)
        return;
    size_t nx = ww_seq_next(s->dur, s->pl.n_items, i);
    if (nx == WW_SEQ_NONE || s->pl.items[nx].kind != WW_ITEM_FILM)
        return;
    s->next_film = open_film(s, nx);
    s->next_item = nx;
}

static void fit(int sw, int sh, int w, int h, SDL_Rect *r)
{
    /* Letterbox: the whole picture, centred, aspect kept. */
    if ((int64_t)sw * h > (int64_t)sh * w) {
        r->w = w;
        r->h = (int)((int64_t)sh * w / sw);
    } else {
        r->h = h;
        r->w = (int)((int64_t)sw * h / sh);
    }
    r->x = (w - r->w) / 2;
    r->y = (h - r->h) / 2;
}

static void draw(struct screen *s)
{
    SDL_SetRenderDrawColor(s->ren, 0, 0, 0, 255);
    SDL_RenderClear(s->ren);
    if (!s->on || s->item == WW_SEQ_NONE)
        return;
    const struct ww_item *it = &s->pl.items[s->item];
    if (it->kind == WW_ITEM_FILM) {
        SDL_Rect pic = {0, 0, s->w, s->h};
        if (s->film_tex) {
            int fw, fh;
            SDL_QueryTexture(s->film_tex, NULL, NULL, &fw, &fh);
            fit(fw, fh, s->w, s->h, &pic);
            SDL_RenderCopy(s->ren, s->film_tex, NULL, &pic);
        }
        if (s->sub_tex) {
            /* Under the picture when the black border below it has room (a
             * wide film on a portrait screen), else over its lower edge. */
            int gap = s->h / 60;
            int y = pic.y + pic.h + gap;
            if (y + s->sub_h > s->h)
                y = s->h - s->sub_h - s->h / 30;
            SDL_Rect dst = {0, y, s->w, s->sub_h};
            SDL_RenderCopy(s->ren, s->sub_tex, NULL, &dst);
        }
    } else if (s->slide_tex) {
        SDL_RenderCopy(s->ren, s->slide_tex, NULL, NULL);
    }
}

static void screenshot(struct screen *s, const char *name)
{
    char path[WW_PATH_SIZE * 2];
    if (!ww_fmt(path, sizeof path, "%s/%s.png", s->o.shots, name))
        return;
    SDL_Surface *sf = SDL_CreateRGBSurfaceWithFormat(0, s->w, s->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!sf)
        return;
    if (SDL_RenderReadPixels(s->ren, NULL, SDL_PIXELFORMAT_ARGB8888, sf->pixels, sf->pitch) != 0 ||
        IMG_SavePNG(sf, path) != 0)
        ww_error("screen: cannot save %s: %s", path, SDL_GetError());
    else
        ww_info("screen %s: screenshot %s", s->pl.id, path);
    SDL_FreeSurface(sf);
}

/* Screenshots of a scripted run: each item once, a film when a subtitle is
 * up (or halfway when it has none), and the dark screen once. */
static void maybe_shot(struct screen *s, int64_t now)
{
    if (!s->o.shots)
        return;
    char name[WW_ID_SIZE + 24];
    if (!s->on || s->item == WW_SEQ_NONE) {
        if (!s->closed_shot) {
            s->closed_shot = true;
            screenshot(s, "closed");
        }
        return;
    }
    size_t i = s->item;
    struct item_rt *rt = &s->rt[i];
    /* One screenshot per item and loop while the languages go round once:
     * "01-film" in the first loop, "01-film-ar" after that. */
    if (rt->shots > s->item_loop || s->item_loop >= s->pl.n_langs)
        return;
    const struct ww_item *it = &s->pl.items[i];
    if (it->kind == WW_ITEM_FILM) {
        if (!s->film_has_frame)
            return;
        bool subs = rt->srt[0].n || rt->srt[s->sub_lang].n;
        bool want = subs ? s->cue != NULL && (s->sub_lang == 0 || s->cue2 != NULL)
                         : ww_seq_offset(&s->seq, now) >= s->dur[i] / 2;
        if (!want)
            return;
    }
    rt->shots = s->item_loop + 1;
    size_t n_langs;
    const struct ww_lang *langs = ww_i18n_langs(&n_langs);
    if (s->item_loop == 0)
        ww_fmt(name, sizeof name, "%02zu-%s", i + 1, it->id);
    else
        ww_fmt(name, sizeof name, "%02zu-%s-%s", i + 1, it->id, langs[s->item_lang].code);
    screenshot(s, name);
}

/* Bring the film and its subtitle up to `now`. */
static void update_film(struct screen *s, int64_t now, bool wait)
{
    size_t i = s->item;
    int64_t t = ww_seq_offset(&s->seq, now);
    enum ww_film_status st = ww_film_update(s->film, t, wait, s->ren, &s->film_tex);
    switch (st) {
    case WW_FILM_FAILED: {
        char why[200];
        ww_fmt(why, sizeof why, "%s: %s", s->rt[i].path, ww_film_error(s->film));
        s->films_failed++;
        skip_item(s, i, why);
        drop_film(s, &s->film);
        return;
    }
    case WW_FILM_END:
        /* The pictures ran out before the container's length: go on now. */
        if (t < s->dur[i])
            s->seq.start_ms = now - s->dur[i];
        return;
    case WW_FILM_NEW:
        if (!s->film_has_frame)
            drop_tex(&s->slide_tex);
        s->film_has_frame = true;
        s->dirty = true;
        break;
    case WW_FILM_SAME:
        break;
    }
    if (!s->film_has_frame)
        return;
    const struct ww_srt_cue *cue = ww_srt_at(&s->rt[i].srt[0], t);
    const struct ww_srt_cue *cue2 = s->sub_lang ? ww_srt_at(&s->rt[i].srt[s->sub_lang], t) : NULL;
    if (cue != s->cue || cue2 != s->cue2) {
        s->cue = cue;
        s->cue2 = cue2;
        drop_tex(&s->sub_tex);
        if (cue || cue2) {
            size_t n_langs;
            const struct ww_lang *langs = ww_i18n_langs(&n_langs);
            SDL_Surface *band = ww_slides_subtitle(s->slides, cue, cue2, langs[s->sub_lang].rtl);
            s->sub_h = band ? band->h : 0;
            s->sub_tex = to_texture(s, band);
        }
        s->dirty = true;
    }
}

/* One step of the loop at time `now` (ms since the epoch). */
static void step(struct screen *s, int64_t now, bool wait)
{
    ww_day day;
    int minute;
    ww_local_from_utc(now / 1000, &day, &minute);
    bool on = ww_playlist_open_at(&s->pl, day, minute);
    if (on != s->on || !s->started) {
        s->started = true;
        s->on = on;
        if (on) {
            ww_info("screen %s: on (opening hours)", s->pl.id);
            if (s->prepared)
                prepare(s);
            s->prepared = true;
            SDL_DisableScreenSaver();
            ww_seq_start(&s->seq, s->dur, s->pl.n_items, now);
            start_item(s, now);
        } else {
            ww_info("screen %s: off until the next opening hours", s->pl.id);
            stop_all(s);
            /* Let the system blank and power down the display (DPMS) after
             * its own idle time, as it would for an unused desktop. */
            SDL_EnableScreenSaver();
        }
        s->dirty = true;
    }
    if (!on)
        return;
    for (int guard = 0; guard < 4; guard++) {
        if (ww_seq_advance(&s->seq, s->dur, s->pl.n_items, now) || s->seq.shown != s->item_serial)
            start_item(s, now);
        if (s->seq.item == WW_SEQ_NONE) {
            if (!s->warned_empty)
                ww_error("screen %s: nothing in the playlist can be shown", s->pl.id);
            s->warned_empty = true;
            return;
        }
        if (s->pl.items[s->seq.item].kind != WW_ITEM_FILM || !s->film)
            break;
        update_film(s, now, wait);
        if (s->film && s->dur[s->seq.item] > 0 && ww_seq_offset(&s->seq, now) < s->dur[s->seq.item])
            break;
        /* The film failed or ended: move on within this same step. */
    }
    if (s->seq.loops >= 1 && !s->rss_loop1_kb)
        s->rss_loop1_kb = rss_kb();
    if (s->seq.loops >= 10 && !s->loop_mark) {
        s->loop_mark = s->seq.loops;
        s->rss_loop_kb = rss_kb();
        s->heap_loop_kb = heap_kb();
    }
    lookahead(s, now);
}

/* How long the real-time loop may sleep. */
static int timeout_ms(struct screen *s, int64_t now)
{
    if (!s->on || s->seq.item == WW_SEQ_NONE)
        return 1000;
    int64_t off = ww_seq_offset(&s->seq, now);
    int64_t left = s->dur[s->seq.item] - off;
    int64_t t = left < 1000 ? left : 1000;
    if (s->film) {
        int64_t next = ww_film_next_ms(s->film);
        t = next >= 0 ? next - off : (t < 100 ? t : 100);
    }
    if (s->next_film == NULL && s->pl.items[s->seq.item].kind != WW_ITEM_FILM && left > 0 &&
        left - LOOKAHEAD_MS > 0 && left - LOOKAHEAD_MS < t)
        t = left - LOOKAHEAD_MS;
    return t < 0 ? 0 : (int)t;
}

static void present(struct screen *s, int64_t now)
{
    if (!s->dirty)
        return;
    draw(s);
    maybe_shot(s, now);
    SDL_RenderPresent(s->ren);
    s->presents++;
    s->dirty = false;
}

static bool handle(struct screen *s, const SDL_Event *ev)
{
    if (ev->type == SDL_QUIT)
        return false;
    if (ev->type == SDL_WINDOWEVENT && (ev->window.event == SDL_WINDOWEVENT_EXPOSED ||
                                        ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED))
        s->dirty = true;
    return true;
}

static int run(struct screen *s)
{
    int64_t start = ww_clock_now(&s->app->clock) * 1000;
    s->rss_start_kb = rss_kb();
    double cpu0 = cpu_seconds();
    uint64_t t0 = SDL_GetTicks64();
    int64_t now = start;
    SDL_Event ev;
    if (s->o.frames > 0) {
        /* Virtual time: frame k is shown at start + k/fps, rounded to the
         * millisecond the way film timestamps are, so no frame falls between
         * two ticks. */
        int64_t next_sample = start;
        for (long k = 0; k < s->o.frames; k++) {
            now = start + ((int64_t)k * 1000 + s->o.fps / 2) / s->o.fps;
            s->app->now_value = now / 1000;
            uint64_t items_before = s->items_started;
            step(s, now, true);
            present(s, now);
            /* The curve of a long run: once per interval, at the start of a
             * loop (the same point of the playlist each time, so samples
             * compare), or at once while the screen is dark. */
            bool loop_start = s->items_started != items_before && s->seq.item == 0;
            if (s->o.sample > 0 && now >= next_sample && (!s->on || loop_start)) {
                print_sample(s, now);
                while (next_sample <= now)
                    next_sample += s->o.sample * 1000;
            }
            while (SDL_PollEvent(&ev))
                if (!handle(s, &ev))
                    k = s->o.frames;
        }
    } else {
        for (;;) {
            now = start + (int64_t)(SDL_GetTicks64() - t0);
            step(s, now, false);
            present(s, now);
            if (!s->ready_logged && s->presents > 0) {
                ww_info("screen %s: ready (%dx%d, %s)", s->pl.id, s->w, s->h,
                        SDL_GetCurrentVideoDriver());
                s->ready_logged = true;
            }
            if (s->o.seconds > 0 && now - start >= s->o.seconds * 1000)
                break;
            int wait = timeout_ms(s, now);
            if (SDL_WaitEventTimeout(&ev, wait)) {
                bool go = handle(s, &ev);
                while (go && SDL_PollEvent(&ev))
                    go = handle(s, &ev);
                if (!go)
                    break;
            }
        }
    }
    double wall = (double)(SDL_GetTicks64() - t0) / 1000.0;
    double cpu = cpu_seconds() - cpu0;
    ww_info("screen %s: stopping (%" PRIu64 " frames presented)", s->pl.id, s->presents);
    add_stats(s, s->film);
    add_stats(s, s->next_film);
    struct ww_film_stats keep = s->fs;
    stop_all(s);
    s->fs = keep;
    if (s->o.stats) {
        double vt = (double)(now - start) / 1000.0;
        printf("screen %s\n", s->pl.id);
        printf("wall_seconds %.2f\n", wall);
        printf("virtual_seconds %.2f\n", vt);
        printf("loops %" PRIu64 "\n", s->seq.loops);
        printf("items_started %" PRIu64 "\n", s->items_started);
        printf("films_failed %" PRIu64 "\n", s->films_failed);
        printf("films_started %" PRIu64 "\n", s->films_started);
        printf("films_opened_ahead %" PRIu64 "\n", s->films_ahead);
        printf("films_ready_at_start %" PRIu64 "\n", s->films_ready);
        printf("frames_decoded %" PRIu64 "\n", s->fs.decoded);
        printf("frames_shown %" PRIu64 "\n", s->fs.shown);
        printf("frames_dropped %" PRIu64 "\n", s->fs.dropped + s->missed);
        printf("frames_late %" PRIu64 "\n", s->fs.late);
        printf("presents %" PRIu64 "\n", s->presents);
        printf("shown_fps %.2f\n", wall > 0 ? (double)s->fs.shown / wall : 0.0);
        printf("cpu_seconds %.2f\n", cpu);
        printf("cpu_percent_of_one_core %.1f\n", wall > 0 ? 100.0 * cpu / wall : 0.0);
        printf("rss_start_kb %ld\n", s->rss_start_kb);
        printf("rss_loop1_kb %ld\n", s->rss_loop1_kb);
        printf("rss_loop10_kb %ld\n", s->rss_loop_kb);
        printf("rss_end_kb %ld\n", rss_kb());
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        printf("rss_max_kb %ld\n", ru.ru_maxrss);
        printf("heap_loop10_kb %ld\n", s->heap_loop_kb);
        printf("heap_end_kb %ld\n", heap_kb());
#if defined(__SANITIZE_ADDRESS__)
        printf("sanitized 1\n");
#else
        printf("sanitized 0\n");
#endif
        fflush(stdout);
    }
    return 0;
}

/* ---- the command ---- */

static const char help[] =
    "usage: wegwijzer screen --screen ID [options]\n"
    "\n"
    "Plays the waiting-room playlist kiosk-config/screens/ID.ini full screen:\n"
    "films with subtitles, information slides and who is at the counter this\n"
    "week. Outside the opening hours in [hours] the screen is black.\n"
    "\n"
    "options:\n"
    "  --screen ID        the playlist (or $WEGWIJZER_SCREEN)\n"
    "  --media DIR        where the films are (default CONFIG/media, or $WEGWIJZER_MEDIA)\n"
    "  --assets DIR       pictograms (default assets)\n"
    "  --windowed         a window instead of full screen\n"
    "  --size WxH         window size (default from [screen])\n"
    "  --frames N         scripted run: N frames of virtual time, then stop\n"
    "  --fps N            frames per second of virtual time (default 30)\n"
    "  --screenshot-dir DIR  save a PNG of each item (and of the dark screen); in\n"
    "                     later loops one per item and language (01-film-ar.png)\n"
    "  --text-log FILE    write every text drawn (slides, subtitles) to FILE\n"
    "  --localedir DIR    compiled translations (default build/locale)\n"
    "  --seconds N        stop after N seconds of real time\n"
    "  --stats            print frame, CPU and memory figures at the end\n"
    "  --sample N         scripted run: print resident memory, heap and open files\n"
    "                     every N seconds of virtual time, at a loop's start (long runs)\n"
    "  --keys             describe the playlist keys\n";

enum {
    OPT_SCREEN = 2001,
    OPT_MEDIA,
    OPT_ASSETS,
    OPT_WINDOWED,
    OPT_SIZE,
    OPT_FRAMES,
    OPT_FPS,
    OPT_SHOTS,
    OPT_SECONDS,
    OPT_STATS,
    OPT_KEYS,
    OPT_SAMPLE,
    OPT_TEXT_LOG,
    OPT_LOCALEDIR,
};

static bool parse_size(const char *v, int *w, int *h)
{
    char buf[32];
    if (!ww_strlcpy(buf, v, sizeof buf))
        return false;
    char *x = strchr(buf, 'x');
    if (!x)
        return false;
    *x = '\0';
    long a, b;
    if (!ww_parse_int(buf, 160, 8192, &a) || !ww_parse_int(x + 1, 120, 8192, &b))
        return false;
    *w = (int)a;
    *h = (int)b;
    return true;
}

static int parse_opts(struct ww_app *app, struct opts *o, int argc, char **argv)
{
    static const struct option opts[] = {{"screen", required_argument, NULL, OPT_SCREEN},
                                         {"media", required_argument, NULL, OPT_MEDIA},
                                         {"assets", required_argument, NULL, OPT_ASSETS},
                                         {"windowed", no_argument, NULL, OPT_WINDOWED},
                                         {"size", required_argument, NULL, OPT_SIZE},
                                         {"frames", required_argument, NULL, OPT_FRAMES},
                                         {"fps", required_argument, NULL, OPT_FPS},
                                         {"screenshot-dir", required_argument, NULL, OPT_SHOTS},
                                         {"seconds", required_argument, NULL, OPT_SECONDS},
                                         {"stats", no_argument, NULL, OPT_STATS},
                                         {"keys", no_argument, NULL, OPT_KEYS},
                                         {"sample", required_argument, NULL, OPT_SAMPLE},
                                         {"text-log", required_argument, NULL, OPT_TEXT_LOG},
                                         {"localedir", required_argument, NULL, OPT_LOCALEDIR},
                                         WW_COMMON_OPTIONS};
    int c;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        int r = ww_app_option(app, c, optarg);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        switch (c) {
        case 'h':
            fputs(help, stdout);
            fputs(WW_COMMON_HELP, stdout);
            return 0;
        case OPT_KEYS:
            ww_playlist_help(stdout);
            return 0;
        case OPT_SCREEN:
            o->screen = optarg;
            break;
        case OPT_MEDIA:
            o->media = optarg;
            break;
        case OPT_ASSETS:
            o->assets = optarg;
            break;
        case OPT_WINDOWED:
            o->windowed = true;
            break;
        case OPT_STATS:
            o->stats = true;
            break;
        case OPT_SHOTS:
            o->shots = optarg;
            break;
        case OPT_TEXT_LOG:
            o->text_log = optarg;
            break;
        case OPT_LOCALEDIR:
            o->localedir = optarg;
            break;
        case OPT_SIZE:
            if (!parse_size(optarg, &o->width, &o->height)) {
                ww_app_fail(app, "--size '%s' is not WIDTHxHEIGHT (e.g. 1920x1080)", optarg);
                return 2;
            }
            break;
        case OPT_FRAMES:
        case OPT_FPS:
        case OPT_SAMPLE:
        case OPT_SECONDS: {
            long v;
            if (!ww_parse_int(optarg, 1, 1000000000, &v)) {
                ww_app_fail(app, "%s '%s' is not a whole number from 1", argv[optind - 1], optarg);
                return 2;
            }
            if (c == OPT_FRAMES)
                o->frames = v;
            else if (c == OPT_FPS)
                o->fps = v;
            else if (c == OPT_SAMPLE)
                o->sample = v;
            else
                o->seconds = v;
            break;
        }
        default:
            return ww_app_bad_option(app, argv);
        }
    }
    if (optind < argc) {
        ww_app_fail(app, "unexpected argument '%s' (see --help)", argv[optind]);
        return 2;
    }
    return -1;
}

static bool load(struct screen *s)
{
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_playlist_load(&s->pl, s->app->config_dir, s->o.screen, &d);
    if (!ok) {
        ww_diags_print(&d, stderr);
        ww_app_fail(s->app, "the playlist of screen '%s' has %zu problem%s (see above)",
                    s->o.screen, d.count, d.count == 1 ? "" : "s");
        ww_diags_destroy(&d);
        return false;
    }
    /* The rest of the configuration only feeds schedule slides: when it does
     * not load, those are skipped and everything else still plays. */
    bool need_cfg = false;
    for (size_t i = 0; i < s->pl.n_items; i++)
        need_cfg |= s->pl.items[i].kind == WW_ITEM_SCHEDULE;
    if (need_cfg) {
        struct ww_diags cd;
        ww_diags_init(&cd);
        s->cfg_ok = ww_config_load(&s->cfg, s->app->config_dir, &cd);
        s->cfg_loaded = true;
        if (s->cfg_ok)
            s->cfg_ok = ww_playlist_check(&s->pl, &s->cfg, &cd);
        if (!s->cfg_ok)
            ww_diags_print(&cd, stderr);
        ww_diags_destroy(&cd);
    }
    ww_diags_destroy(&d);
    return true;
}

/* Sound only when a film in the playlist asks for it and has some: a
 * waiting room is quiet by default. Without a sound device films play
 * muted (logged once). */
static void open_audio(struct screen *s)
{
    bool want = false;
    for (size_t i = 0; i < s->pl.n_items; i++)
        want |=
            s->pl.items[i].kind == WW_ITEM_FILM && s->pl.items[i].sound && s->rt[i].info.has_audio;
    if (!want)
        return;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        ww_warn("screen %s: no sound device (%s); films play muted", s->pl.id, SDL_GetError());
        return;
    }
    SDL_AudioSpec spec;
    SDL_zero(spec);
    spec.freq = WW_FILM_AUDIO_RATE;
    spec.format = AUDIO_S16SYS;
    spec.channels = 2;
    spec.samples = 2048;
    s->audio = SDL_OpenAudioDevice(NULL, 0, &spec, NULL, 0);
    if (!s->audio) {
        ww_warn("screen %s: cannot open the sound device (%s); films play muted", s->pl.id,
                SDL_GetError());
        return;
    }
    SDL_PauseAudioDevice(s->audio, 0);
}

static bool open_video(struct screen *s)
{
    /* Window hints here; the renderer is chosen per video driver there. */
    ww_video_hints();
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        ww_app_fail(s->app, "cannot start the display: %s", SDL_GetError());
        return false;
    }
    s->sdl_up = true;
    Uint32 flags = SDL_WINDOW_SHOWN | ww_video_window_flags();
    if (!s->o.windowed && s->o.frames == 0)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    s->win = SDL_CreateWindow("Wegwijzer", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, s->w,
                              s->h, flags);
    if (!s->win) {
        ww_app_fail(s->app, "cannot open a window: %s", SDL_GetError());
        return false;
    }
    s->ren = ww_video_renderer(s->win, "screen");
    if (!s->ren) {
        ww_app_fail(s->app, "cannot draw in the window: every renderer step failed (see above)");
        return false;
    }
    SDL_GetRendererOutputSize(s->ren, &s->w, &s->h);
    SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    s->ev_film = SDL_RegisterEvents(1);
    if (s->ev_film == (uint32_t)-1)
        s->ev_film = 0;
    open_audio(s);
    s->slides = ww_slides_new(s->w, s->h, s->o.assets);
    if (!s->slides) {
        ww_app_fail(s->app, "no font for the slides (install fonts-noto-core)");
        return false;
    }
    return true;
}

/* A playlist that cannot be read at start-up, under the service manager:
 * its problems were printed once (load). The screen stays dark and the
 * process stays up until it is stopped (or --seconds pass): systemd would
 * otherwise restart it every few seconds and print the same problems each
 * time. Nothing is opened, so the display sleeps as it does outside opening
 * hours. Run by hand, the command ends with status 1 instead. */
static void wait_dark(const struct screen *s)
{
    ww_warn("screen %s: stays dark until the playlist is repaired and the screen restarted",
            s->o.screen);
    time_t end = s->o.seconds > 0 ? time(NULL) + s->o.seconds : 0;
    for (;;) {
        time_t now = time(NULL);
        if (end && now >= end)
            return;
        unsigned left = end ? (unsigned)(end - now) : 3600u;
        sleep(left); /* SIGTERM ends the process here (default action) */
    }
}

int ww_cmd_screen(int argc, char **argv)
{
    struct ww_app app;
    ww_app_init(&app, "screen");
    struct screen s;
    memset(&s, 0, sizeof s);
    s.app = &app;
    s.item = WW_SEQ_NONE;
    s.o.fps = 30;
    s.o.screen = getenv("WEGWIJZER_SCREEN");
    s.o.media = getenv("WEGWIJZER_MEDIA");
    s.o.assets = "assets";
    ww_playlist_init(&s.pl);
    int status = parse_opts(&app, &s.o, argc, argv);
    if (status >= 0)
        goto out;
    status = 1;
    if (!s.o.screen || !*s.o.screen) {
        ww_app_fail(&app, "--screen ID is needed (a file in %s/screens/)", app.config_dir);
        status = 2;
        goto out;
    }
    char media[WW_PATH_SIZE];
    if (!s.o.media || !*s.o.media) {
        ww_fmt(media, sizeof media, "%s/media", app.config_dir);
        s.o.media = media;
    }
    if (!load(&s)) {
        /* Started by systemd (it sets INVOCATION_ID): stay up, dark. */
        const char *svc = getenv("INVOCATION_ID");
        if (s.o.frames == 0 && svc && *svc)
            wait_dark(&s);
        goto out;
    }
    s.w = s.o.width ? s.o.width : s.pl.width_px;
    s.h = s.o.height ? s.o.height : s.pl.height_px;
    s.dur = calloc(s.pl.n_items, sizeof *s.dur);
    s.rt = calloc(s.pl.n_items, sizeof *s.rt);
    if (!s.dur || !s.rt)
        abort();
    char localedir[WW_PATH_SIZE];
    if (s.o.localedir)
        ww_strlcpy(localedir, s.o.localedir, sizeof localedir);
    else
        ww_i18n_default_dir(NULL, localedir, sizeof localedir);
    ww_i18n_init(localedir);
    if (s.o.text_log) {
        s.text_log = fopen(s.o.text_log, "w");
        if (!s.text_log) {
            ww_app_fail(&app, "cannot write %s: %s", s.o.text_log, ww_errno_text(errno));
            goto out;
        }
    }
    prepare(&s);
    if (!open_video(&s))
        goto out;
    status = run(&s);
out:
    if (s.audio)
        SDL_CloseAudioDevice(s.audio);
    ww_slides_free(s.slides);
    if (s.ren)
        SDL_DestroyRenderer(s.ren);
    if (s.win)
        SDL_DestroyWindow(s.win);
    if (s.sdl_up)
        SDL_Quit();
    for (size_t i = 0; s.rt && i < s.pl.n_items; i++)
        for (size_t k = 0; k < WW_SCREEN_LANGS; k++)
            ww_srt_destroy(&s.rt[i].srt[k]);
    if (s.text_log)
        fclose(s.text_log);
    free(s.rt);
    free(s.dur);
    if (s.cfg_loaded)
        ww_config_destroy(&s.cfg);
    ww_playlist_destroy(&s.pl);
    ww_app_destroy(&app);
    return status;
}
