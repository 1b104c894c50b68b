#include "speech.h"

#include "log.h"
#include "say.h"
#include "str.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const default_langs[] = {"nl", "en", "tr", "ar", "pl", "uk", NULL};

struct item {
    char lang[WW_SPEECH_LANG_SIZE];
    char *text;
    int rate;
    uint64_t gen; /* the stop generation it was queued in */
};

struct ww_speech {
    const struct ww_speech_ops *ops;
    void *state;
    bool opened;
    int sample_rate;
    size_t n_langs;
    char langs[WW_SPEECH_MAX_LANGS][WW_SPEECH_LANG_SIZE];
    bool avail[WW_SPEECH_MAX_LANGS];
    int default_volume;
    bool record;
    FILE *log_file;
    const char *data_path;                 /* borrowed, valid until ready */
    const struct ww_speech_params *params; /* borrowed, valid until ready */

    /* Settings: plain atomics, read by the audio callback without the lock. */
    _Atomic int volume;
    _Atomic bool slow;
    _Atomic bool private_out; /* on headphones (marks the log) */

    pthread_t thread;
    /* `mu` protects every field below; `cond` is broadcast on any change of
     * them (queue, PCM buffer, generation, worker state), and every waiter
     * re-checks its own condition. */
    pthread_mutex_t mu;
    pthread_cond_t cond;
    bool ready, quit;
    uint64_t gen; /* incremented by every stop: stale work is dropped */
    struct item queue[WW_SPEECH_QUEUE_MAX];
    size_t q_head, q_len;
    bool synthesising; /* the worker holds an item */
    int16_t *ring;
    size_t cap, r_head, r_len;
    struct ww_speech_utterance *log;
    size_t log_n, log_cap;
};

void ww_speech_params_init(struct ww_speech_params *p)
{
    memset(p, 0, sizeof *p);
    p->volume = WW_SPEECH_VOLUME_DEFAULT;
}

/* ---- the PCM hand-off, called by backends on the worker thread ---- */

struct sink_ctx {
    struct ww_speech *sp;
    uint64_t gen;
};

static bool sink_push(void *ctx, const int16_t *pcm, size_t n)
{
    struct sink_ctx *c = ctx;
    struct ww_speech *sp = c->sp;
    pthread_mutex_lock(&sp->mu);
    while (n > 0) {
        if (sp->quit || sp->gen != c->gen) {
            pthread_mutex_unlock(&sp->mu);
            return false;
        }
        size_t space = sp->cap - sp->r_len;
        if (space == 0) {
            /* Bounded buffer: wait for the audio device (or a stop). */
            pthread_cond_wait(&sp->cond, &sp->mu);
            continue;
        }
        size_t m = n < space ? n : space;
        size_t tail = (sp->r_head + sp->r_len) % sp->cap;
        size_t first = sp->cap - tail < m ? sp->cap - tail : m;
        memcpy(sp->ring + tail, pcm, first * sizeof *pcm);
        memcpy(sp->ring, pcm + first, (m - first) * sizeof *pcm);
        sp->r_len += m;
        pcm += m;
        n -= m;
        pthread_cond_broadcast(&sp->cond);
    }
    pthread_mutex_unlock(&sp->mu);
    return true;
}

/* ---- worker ---- */

static void *worker_main(void *arg)
{
    struct ww_speech *sp = arg;
    int rate = 22050;
    bool opened = sp->ops->open(&sp->state, sp->params, &rate);
    pthread_mutex_lock(&sp->mu);
    sp->opened = opened;
    sp->sample_rate = opened ? rate : 22050;
    for (size_t i = 0; i < sp->n_langs; i++) {
        sp->avail[i] = opened && sp->ops->has_lang(sp->state, sp->langs[i]);
        if (opened && !sp->avail[i])
            ww_warn("speech: no %s voice for language '%s': it is not read aloud", sp->ops->name,
                    sp->langs[i]);
    }
    sp->ready = true;
    pthread_cond_broadcast(&sp->cond);

    for (;;) {
        while (!sp->quit && sp->q_len == 0)
            pthread_cond_wait(&sp->cond, &sp->mu);
        if (sp->quit)
            break;
        struct item it = sp->queue[sp->q_head];
        sp->q_head = (sp->q_head + 1) % WW_SPEECH_QUEUE_MAX;
        sp->q_len--;
        bool current = it.gen == sp->gen;
        sp->synthesising = true;
        pthread_mutex_unlock(&sp->mu);

        if (current && opened) {
            struct sink_ctx c = {sp, it.gen};
            enum ww_err e = sp->ops->synth(sp->state, it.lang, it.text, it.rate, sink_push, &c);
            if (e != WW_OK)
                ww_warn("speech: %s could not speak a %s text: %s", sp->ops->name, it.lang,
                        ww_strerror(e));
        }
        free(it.text);

        pthread_mutex_lock(&sp->mu);
        sp->synthesising = false;
        pthread_cond_broadcast(&sp->cond);
    }
    pthread_mutex_unlock(&sp->mu);
    if (opened)
        sp->ops->close(sp->state);
    return NULL;
}

/* ---- handle ---- */

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (!p) {
        ww_error("speech: out of memory");
        abort();
    }
    return p;
}

struct ww_speech *ww_speech_new(const struct ww_speech_ops *ops, const struct ww_speech_params *p)
{
    struct ww_speech_params defaults;
    if (!p) {
        ww_speech_params_init(&defaults);
        p = &defaults;
    }
    struct ww_speech *sp = xcalloc(1, sizeof *sp);
    sp->ops = ops;
    sp->params = p;
    const char *const *langs = p->langs ? p->langs : default_langs;
    for (size_t i = 0; langs[i] && sp->n_langs < WW_SPEECH_MAX_LANGS; i++) {
        if (!ww_strlcpy(sp->langs[sp->n_langs], langs[i], WW_SPEECH_LANG_SIZE)) {
            ww_warn("speech: language code '%.16s' too long: ignored", langs[i]);
            continue;
        }
        sp->n_langs++;
    }
    sp->default_volume = p->volume < 0 ? 0 : p->volume > 100 ? 100 : p->volume;
    atomic_init(&sp->volume, sp->default_volume);
    atomic_init(&sp->slow, p->slow);
    atomic_init(&sp->private_out, false);
    sp->record = p->record || ops == &ww_speech_null_ops;
    sp->log_file = p->log_file;
    sp->cap = p->buffer_samples ? p->buffer_samples : 22050;
    sp->ring = xcalloc(sp->cap, sizeof *sp->ring);
    pthread_mutex_init(&sp->mu, NULL);
    pthread_cond_init(&sp->cond, NULL);

    if (pthread_create(&sp->thread, NULL, worker_main, sp) != 0) {
        ww_error("speech: cannot start the speech thread");
        abort();
    }
    pthread_mutex_lock(&sp->mu);
    while (!sp->ready)
        pthread_cond_wait(&sp->cond, &sp->mu);
    sp->params = NULL;
    pthread_mutex_unlock(&sp->mu);
    return sp;
}

static void drop_queue_locked(struct ww_speech *sp)
{
    while (sp->q_len > 0) {
        free(sp->queue[sp->q_head].text);
        sp->q_head = (sp->q_head + 1) % WW_SPEECH_QUEUE_MAX;
        sp->q_len--;
    }
}

void ww_speech_free(struct ww_speech *sp)
{
    if (!sp)
        return;
    pthread_mutex_lock(&sp->mu);
    sp->quit = true;
    sp->gen++;
    drop_queue_locked(sp);
    pthread_cond_broadcast(&sp->cond);
    pthread_mutex_unlock(&sp->mu);
    pthread_join(sp->thread, NULL);
    ww_speech_log_clear(sp);
    free(sp->log);
    free(sp->ring);
    pthread_cond_destroy(&sp->cond);
    pthread_mutex_destroy(&sp->mu);
    free(sp);
}

const char *ww_speech_backend_name(const struct ww_speech *sp)
{
    return sp->ops->name;
}

int ww_speech_sample_rate(const struct ww_speech *sp)
{
    return sp->sample_rate;
}

static int lang_index(const struct ww_speech *sp, const char *lang)
{
    if (!lang)
        return -1;
    for (size_t i = 0; i < sp->n_langs; i++)
        if (strcmp(sp->langs[i], lang) == 0)
            return (int)i;
    return -1;
}

bool ww_speech_available(const struct ww_speech *sp, const char *lang)
{
    int i = lang_index(sp, lang);
    return i >= 0 && sp->avail[i];
}

bool ww_speech_any_available(const struct ww_speech *sp)
{
    for (size_t i = 0; i < sp->n_langs; i++)
        if (sp->avail[i])
            return true;
    return false;
}

/* The spoken log: in memory (record) and/or a file. Called with `mu` held so
 * that the order of says and stops in the log is the order they happened. */
static void log_event_locked(struct ww_speech *sp, enum ww_speech_event ev, const char *lang,
                             const char *text, unsigned flags)
{
    if (sp->log_file) {
        if (ev == WW_SPEECH_STOPPED) {
            fputs("-\tstop\n", sp->log_file);
        } else {
            fprintf(sp->log_file, "%s%s%s\t", lang, (flags & WW_SAY_SLOW) ? " slow" : "",
                    (flags & WW_SAY_PRIVATE) ? " headphones" : "");
            for (const char *c = text; *c; c++)
                fputc(*c == '\n' || *c == '\t' || *c == '\r' ? ' ' : *c, sp->log_file);
            fputc('\n', sp->log_file);
        }
        fflush(sp->log_file);
    }
    if (!sp->record)
        return;
    if (sp->log_n == sp->log_cap) {
        size_t cap = sp->log_cap ? sp->log_cap * 2 : 32;
        struct ww_speech_utterance *n = realloc(sp->log, cap * sizeof *n);
        if (!n) {
            ww_warn("speech: out of memory for the spoken log");
            return;
        }
        sp->log = n;
        sp->log_cap = cap;
    }
    struct ww_speech_utterance *u = &sp->log[sp->log_n];
    memset(u, 0, sizeof *u);
    u->event = ev;
    u->flags = flags;
    if (ev == WW_SPEECH_SAID) {
        ww_strlcpy(u->lang, lang, sizeof u->lang);
        u->text = strdup(text);
        if (!u->text) {
            ww_warn("speech: out of memory for the spoken log");
            return;
        }
    }
    sp->log_n++;
}

static void stop_locked(struct ww_speech *sp)
{
    sp->gen++;
    drop_queue_locked(sp);
    sp->r_head = 0;
    sp->r_len = 0;
    log_event_locked(sp, WW_SPEECH_STOPPED, NULL, NULL, 0);
    pthread_cond_broadcast(&sp->cond);
}

enum ww_err ww_speech_say(struct ww_speech *sp, const char *lang, const char *text, unsigned flags)
{
    if (!text || !*text || strlen(text) > WW_SPEECH_TEXT_MAX)
        return WW_ERR_INVALID;
    if (!ww_speech_available(sp, lang))
        return WW_ERR_UNAVAILABLE;
    if (atomic_load(&sp->slow))
        flags |= WW_SAY_SLOW;
    if (atomic_load(&sp->private_out))
        flags |= WW_SAY_PRIVATE;
    char *copy = strdup(text);
    if (!copy) {
        ww_warn("speech: out of memory for a text");
        return WW_ERR_FULL;
    }
    pthread_mutex_lock(&sp->mu);
    if (flags & WW_SAY_CUT)
        stop_locked(sp);
    if (sp->q_len == WW_SPEECH_QUEUE_MAX) {
        pthread_mutex_unlock(&sp->mu);
        free(copy);
        return WW_ERR_FULL;
    }
    struct item *it = &sp->queue[(sp->q_head + sp->q_len) % WW_SPEECH_QUEUE_MAX];
    ww_strlcpy(it->lang, lang, sizeof it->lang);
    it->text = copy;
    it->rate = (flags & WW_SAY_SLOW) ? WW_SPEECH_RATE_SLOW : WW_SPEECH_RATE_NORMAL;
    it->gen = sp->gen;
    sp->q_len++;
    log_event_locked(sp, WW_SPEECH_SAID, lang, text, flags);
    pthread_cond_broadcast(&sp->cond);
    pthread_mutex_unlock(&sp->mu);
    return WW_OK;
}

void ww_speech_stop(struct ww_speech *sp)
{
    pthread_mutex_lock(&sp->mu);
    stop_locked(sp);
    pthread_mutex_unlock(&sp->mu);
}

bool ww_speech_busy(struct ww_speech *sp)
{
    pthread_mutex_lock(&sp->mu);
    bool busy = sp->q_len > 0 || sp->synthesising || sp->r_len > 0;
    pthread_mutex_unlock(&sp->mu);
    return busy;
}

/* ---- settings ---- */

static int clamp_percent(int v)
{
    return v < 0 ? 0 : v > 100 ? 100 : v;
}

void ww_speech_set_volume(struct ww_speech *sp, int percent)
{
    atomic_store(&sp->volume, clamp_percent(percent));
}

int ww_speech_volume(const struct ww_speech *sp)
{
    return atomic_load(&((struct ww_speech *)sp)->volume);
}

void ww_speech_set_slow(struct ww_speech *sp, bool slow)
{
    atomic_store(&sp->slow, slow);
}

bool ww_speech_slow(const struct ww_speech *sp)
{
    return atomic_load(&((struct ww_speech *)sp)->slow);
}

void ww_speech_set_private(struct ww_speech *sp, bool on)
{
    atomic_store(&sp->private_out, on);
}

bool ww_speech_private(const struct ww_speech *sp)
{
    return atomic_load(&((struct ww_speech *)sp)->private_out);
}

void ww_speech_reset_settings(struct ww_speech *sp)
{
    atomic_store(&sp->volume, sp->default_volume);
    atomic_store(&sp->slow, false);
}

double ww_speech_volume_db(int percent)
{
    percent = clamp_percent(percent);
    if (percent == 0)
        return -INFINITY;
    return (percent - 100) * WW_SPEECH_DB_PER_PERCENT;
}

/* ---- reading PCM ---- */

/* Copy up to n samples out of the ring; `mu` held. */
static size_t take_locked(struct ww_speech *sp, int16_t *buf, size_t n)
{
    size_t m = n < sp->r_len ? n : sp->r_len;
    size_t first = sp->cap - sp->r_head < m ? sp->cap - sp->r_head : m;
    memcpy(buf, sp->ring + sp->r_head, first * sizeof *buf);
    memcpy(buf + first, sp->ring, (m - first) * sizeof *buf);
    sp->r_head = (sp->r_head + m) % sp->cap;
    sp->r_len -= m;
    if (sp->r_len == 0)
        sp->r_head = 0;
    if (m > 0)
        pthread_cond_broadcast(&sp->cond);
    return m;
}

/* Volume as a gain on the samples, outside the lock. */
static void apply_volume(const struct ww_speech *sp, int16_t *buf, size_t n)
{
    int v = ww_speech_volume(sp);
    if (v == 100)
        return;
    if (v == 0) {
        memset(buf, 0, n * sizeof *buf);
        return;
    }
    float g = powf(10.0f, (float)ww_speech_volume_db(v) / 20.0f);
    for (size_t i = 0; i < n; i++)
        buf[i] = (int16_t)lrintf((float)buf[i] * g);
}

size_t ww_speech_read(struct ww_speech *sp, int16_t *buf, size_t n)
{
    pthread_mutex_lock(&sp->mu);
    size_t m = take_locked(sp, buf, n);
    pthread_mutex_unlock(&sp->mu);
    apply_volume(sp, buf, m);
    return m;
}

size_t ww_speech_read_wait(struct ww_speech *sp, int16_t *buf, size_t n)
{
    pthread_mutex_lock(&sp->mu);
    /* The worker cannot put more than `cap` samples in the buffer, so never
     * wait for more than that. */
    size_t want = n < sp->cap ? n : sp->cap;
    while (sp->r_len < want && (sp->q_len > 0 || sp->synthesising) && !sp->quit)
        pthread_cond_wait(&sp->cond, &sp->mu);
    size_t m = take_locked(sp, buf, want);
    pthread_mutex_unlock(&sp->mu);
    apply_volume(sp, buf, m);
    return m;
}

/* ---- the spoken log ---- */

size_t ww_speech_log_count(struct ww_speech *sp)
{
    pthread_mutex_lock(&sp->mu);
    size_t n = sp->log_n;
    pthread_mutex_unlock(&sp->mu);
    return n;
}

bool ww_speech_log_get(struct ww_speech *sp, size_t i, struct ww_speech_utterance *out)
{
    pthread_mutex_lock(&sp->mu);
    bool ok = i < sp->log_n;
    if (ok)
        *out = sp->log[i];
    pthread_mutex_unlock(&sp->mu);
    return ok;
}

void ww_speech_log_clear(struct ww_speech *sp)
{
    pthread_mutex_lock(&sp->mu);
    for (size_t i = 0; i < sp->log_n; i++)
        free(sp->log[i].text);
    sp->log_n = 0;
    pthread_mutex_unlock(&sp->mu);
}

/* ---- backends ---- */

const struct ww_speech_ops *ww_speech_backend(const char *name)
{
    if (!name)
        return NULL;
    if (strcmp(name, "espeak") == 0)
        return &ww_speech_espeak_ops;
    if (strcmp(name, "null") == 0)
        return &ww_speech_null_ops;
    return NULL;
}

/* null: opens always, knows every language, says nothing. */

static bool null_open(void **state, const struct ww_speech_params *p, int *sample_rate)
{
    *state = NULL;
    *sample_rate = 22050;
    return true;
}

static bool null_has_lang(void *state, const char *lang)
{
    return lang[0] != '\0';
}

static enum ww_err null_synth(void *state, const char *lang, const char *text, int rate,
                              bool (*sink)(void *ctx, const int16_t *pcm, size_t n), void *ctx)
{
    return WW_OK;
}

static void null_close(void *state)
{
}

const struct ww_speech_ops ww_speech_null_ops = {
    .name = "null",
    .open = null_open,
    .has_lang = null_has_lang,
    .synth = null_synth,
    .close = null_close,
};

/* espeak: libespeak-ng in synchronous mode. The library keeps its state in
 * process-wide variables and is not thread-safe, so one handle at a time owns
 * it (`espeak_taken` guards that) and only that handle's worker thread calls
 * into it. espeak-ng 1.51 hangs in espeak_ng_Terminate() after a synchronous
 * initialisation (it waits for a queue thread that only the asynchronous mode
 * starts), so the library is initialised once per process and never
 * terminated; `espeak_inited` is touched only by the owner of `espeak_taken`.
 * These two are the only mutable globals of this file. */

static atomic_flag espeak_taken = ATOMIC_FLAG_INIT;
static bool espeak_inited;

struct espeak_state {
    char voice[WW_SPEECH_LANG_SIZE]; /* voice currently loaded */
};

struct espeak_job {
    bool (*sink)(void *ctx, const int16_t *pcm, size_t n);
    void *ctx;
    bool stopped;
};

/* Called by espeak-ng, inside espeak_ng_Synthesize() on the worker thread,
 * for each piece of PCM. Returning 1 aborts the synthesis. */
static int espeak_chunk(short *wav, int n, espeak_EVENT *events)
{
    struct espeak_job *job = events ? events->user_data : NULL;
    if (!job)
        return 1;
    if (job->stopped)
        return 1;
    if (wav && n > 0 && !job->sink(job->ctx, wav, (size_t)n)) {
        job->stopped = true;
        return 1;
    }
    return 0;
}

static void espeak_log_status(const char *what, espeak_ng_STATUS st)
{
    char msg[160];
    espeak_ng_GetStatusCodeMessage(st, msg, sizeof msg);
    ww_warn("speech: espeak-ng %s: %s: nothing is read aloud", what, msg);
}

/* espeak-ng silently falls back to its built-in folder when the given one
 * does not exist, so check it here: it must hold the phoneme tables. */
static bool espeak_data_ok(const char *dir)
{
    char path[512];
    struct stat st;
    if (ww_fmt(path, sizeof path, "%s/phontab", dir) && stat(path, &st) == 0)
        return true;
    if (ww_fmt(path, sizeof path, "%s/espeak-ng-data/phontab", dir) && stat(path, &st) == 0)
        return true;
    return false;
}

static bool espeak_open(void **state, const struct ww_speech_params *p, int *sample_rate)
{
    if (atomic_flag_test_and_set(&espeak_taken)) {
        ww_warn("speech: espeak-ng is already in use in this process: nothing is read aloud");
        return false;
    }
    if (!espeak_inited) {
        if (p->data_path && !espeak_data_ok(p->data_path)) {
            ww_warn("speech: no espeak-ng data in %s: nothing is read aloud", p->data_path);
            atomic_flag_clear(&espeak_taken);
            return false;
        }
        espeak_ng_InitializePath(p->data_path);
        espeak_ng_ERROR_CONTEXT ectx = NULL;
        espeak_ng_STATUS st = espeak_ng_Initialize(&ectx);
        espeak_ng_ClearErrorContext(&ectx);
        if (st != ENS_OK) {
            espeak_log_status("data not found", st);
            atomic_flag_clear(&espeak_taken);
            return false;
        }
        /* 20 ms pieces: the first PCM reaches the buffer a few ms after a say. */
        st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 20, NULL);
        if (st != ENS_OK) {
            espeak_log_status("output", st);
            atomic_flag_clear(&espeak_taken);
            return false;
        }
        espeak_SetSynthCallback(espeak_chunk);
        espeak_inited = true;
    }
    struct espeak_state *es = xcalloc(1, sizeof *es);
    *state = es;
    *sample_rate = espeak_ng_GetSampleRate();
    return true;
}

static bool espeak_select(struct espeak_state *es, const char *lang)
{
    if (strcmp(es->voice, lang) == 0)
        return true;
    es->voice[0] = '\0';
    if (espeak_ng_SetVoiceByName(lang) != ENS_OK)
        return false;
    /* An unknown name fails above (and leaves the previous voice loaded,
     * hence the reset of es->voice). As a defence against ever reading one
     * language with another's voice, accept only a voice whose language code
     * or name is what was asked. */
    espeak_VOICE *v = espeak_GetCurrentVoice();
    if (!v || !v->languages || strncmp(v->languages + 1, lang, strlen(lang)) != 0) {
        if (!v || !v->name || strcmp(v->name, lang) != 0)
            return false;
    }
    ww_strlcpy(es->voice, lang, sizeof es->voice);
    return true;
}

static bool espeak_has_lang(void *state, const char *lang)
{
    return espeak_select(state, lang);
}

/* Arabic vowel marks in the order espeak-ng 1.51 reads. Unicode normal form
 * puts a short vowel (fatha, damma, kasra, tanwin: U+064B..U+0650) before the
 * shadda (U+0651), and espeak-ng then drops the vowel ("wanns'f" for
 * والنِّصف); it wants the shadda first. And after the article al- it makes
 * the assimilation itself, so a written shadda on that sun letter would be
 * spoken as a tripled consonant: drop it there (only at the start of a
 * word: after a joined wa- it does not assimilate). Returns a new string (caller
 * frees) or NULL on out-of-memory. */
static bool ar_vowel(const unsigned char *p)
{
    return p[0] == 0xD9 && p[1] >= 0x8B && p[1] <= 0x90;
}

static bool ar_shadda(const unsigned char *p)
{
    return p[0] == 0xD9 && p[1] == 0x91;
}

static char *espeak_arabic_marks(const char *text)
{
    size_t n = strlen(text);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, o = 0;
    while (i < n) {
        /* al- + one letter (2 bytes) + optional vowel + shadda */
        bool article = i + 5 < n && s[i] == 0xD8 && s[i + 1] == 0xA7 && s[i + 2] == 0xD9 &&
                       s[i + 3] == 0x84 && (i == 0 || s[i - 1] == ' ');
        if (article && (s[i + 4] & 0xE0) == 0xC0) {
            memcpy(out + o, s + i, 6);
            o += 6;
            i += 6;
            if (i + 1 < n && ar_vowel(s + i) && i + 3 < n && ar_shadda(s + i + 2)) {
                memcpy(out + o, s + i, 2); /* keep the vowel, drop the shadda */
                o += 2;
                i += 4;
            } else if (i + 1 < n && ar_shadda(s + i)) {
                i += 2;
            }
            continue;
        }
        if (i + 3 < n && ar_vowel(s + i) && ar_shadda(s + i + 2)) {
            memcpy(out + o, s + i + 2, 2);
            memcpy(out + o + 2, s + i, 2);
            o += 4;
            i += 4;
            continue;
        }
        out[o++] = (char)s[i++];
    }
    out[o] = '\0';
    return out;
}

/* Prepared text with Dutch names marked (say.h) as SSML: every run becomes
 * a <voice> element of its own language, the text escaped. One utterance,
 * so pauses and intonation run on across a name. Each run names its voice:
 * espeak-ng 1.51 does not go back to the English voice after a nested
 * <voice> ends (Arabic, Turkish, Polish and Ukrainian it does), so nothing
 * is left to that. Returns a new string (caller frees) or NULL on
 * out-of-memory. */
static char *espeak_ssml(const char *text, const char *lang)
{
    size_t n = strlen(text), o = 0;
    /* every byte escaped (5) or one open and close per byte at worst */
    size_t cap = n * 5 + n * (strlen(lang) + 32) + 32;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    o += (size_t)snprintf(out + o, cap - o, "<speak>");
    const char *s = text;
    while (*s) {
        bool dutch;
        const char *w;
        size_t len;
        s += ww_say_run(s, &dutch, &w, &len);
        if (len == 0)
            continue;
        o += (size_t)snprintf(out + o, cap - o, "<voice name=\"%s\">", dutch ? "nl" : lang);
        for (size_t i = 0; i < len; i++) {
            const char *esc = w[i] == '&'   ? "&amp;"
                              : w[i] == '<' ? "&lt;"
                              : w[i] == '>' ? "&gt;"
                                            : NULL;
            if (esc) {
                memcpy(out + o, esc, strlen(esc));
                o += strlen(esc);
            } else {
                out[o++] = w[i];
            }
        }
        memcpy(out + o, "</voice>", 8);
        o += 8;
    }
    snprintf(out + o, cap - o, "</speak>");
    return out;
}

static enum ww_err espeak_synth(void *state, const char *lang, const char *text, int rate,
                                bool (*sink)(void *ctx, const int16_t *pcm, size_t n), void *ctx)
{
    struct espeak_state *es = state;
    if (!espeak_select(es, lang))
        return WW_ERR_UNAVAILABLE;
    espeak_ng_SetParameter(espeakRATE, rate, 0);
    char *fixed = NULL;
    if (strncmp(lang, "ar", 2) == 0) {
        fixed = espeak_arabic_marks(text);
        if (!fixed)
            return WW_ERR_IO;
        text = fixed;
    }
    char *ssml = NULL;
    unsigned flags = espeakCHARS_UTF8;
    if (strstr(text, WW_SAY_NL_OPEN)) {
        ssml = espeak_ssml(text, lang);
        if (!ssml) {
            free(fixed);
            return WW_ERR_IO;
        }
        text = ssml;
        flags |= espeakSSML;
        /* the voice the synthesis ends with is not promised: load it again */
        es->voice[0] = '\0';
    }
    struct espeak_job job = {sink, ctx, false};
    espeak_ng_STATUS st =
        espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0, flags, NULL, &job);
    free(ssml);
    free(fixed);
    if (st != ENS_OK && !job.stopped) {
        espeak_log_status("synthesis", st);
        return WW_ERR_IO;
    }
    return WW_OK;
}

static void espeak_close(void *state)
{
    free(state);
    atomic_flag_clear(&espeak_taken);
}

const struct ww_speech_ops ww_speech_espeak_ops = {
    .name = "espeak",
    .open = espeak_open,
    .has_lang = espeak_has_lang,
    .synth = espeak_synth,
    .close = espeak_close,
};
