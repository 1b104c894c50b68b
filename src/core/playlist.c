#include "playlist.h"

#include "clock.h"
#include "file.h"
#include "i18n.h"
#include "ini.h"
#include "schedule.h"
#include "str.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define F(type, field) offsetof(struct type, field)
#define COUNT(a)       (sizeof(a) / sizeof((a)[0]))

static const struct ww_key screen_keys[] = {
    {"name", WW_KEY_STR, F(ww_playlist, name), WW_NAME_SIZE, 0, 0, false,
     "where the screen hangs (for staff and logs)"},
    {"location", WW_KEY_ID, F(ww_playlist, location), WW_ID_SIZE, 0, 0, false,
     "location whose counter the schedule slides show"},
    {"width_px", WW_KEY_INT, F(ww_playlist, width_px), 0, 320, 8192, false,
     "screen width in pixels (default 1920)"},
    {"height_px", WW_KEY_INT, F(ww_playlist, height_px), 0, 240, 8192, false,
     "screen height in pixels (default 1080)"},
    {"film_max_width", WW_KEY_INT, F(ww_playlist, film_max_width), 0, 160, 8192, false,
     "largest film picture width decoded (default 1920; larger films are skipped with a log "
     "line; a portrait film may be this high)"},
    {"film_max_height", WW_KEY_INT, F(ww_playlist, film_max_height), 0, 120, 8192, false,
     "largest film picture height decoded (default 1080)"},
    {"languages", WW_KEY_STR, F(ww_playlist, languages_text), 64, 0, 0, false,
     "languages of the slides, in turn per loop, and of the second subtitle track "
     "(default nl; e.g. nl, en, tr, ar, pl, uk)"},
};

static const struct ww_key hours_keys[] = {
    {"mon", WW_KEY_HOURS, F(ww_playlist, hours[0]), 0, 0, 0, false,
     "screen on during these hours on Monday, or gesloten"},
    {"tue", WW_KEY_HOURS, F(ww_playlist, hours[1]), 0, 0, 0, false, "on Tuesday"},
    {"wed", WW_KEY_HOURS, F(ww_playlist, hours[2]), 0, 0, 0, false, "on Wednesday"},
    {"thu", WW_KEY_HOURS, F(ww_playlist, hours[3]), 0, 0, 0, false, "on Thursday"},
    {"fri", WW_KEY_HOURS, F(ww_playlist, hours[4]), 0, 0, 0, false, "on Friday"},
    {"sat", WW_KEY_HOURS, F(ww_playlist, hours[5]), 0, 0, 0, false, "on Saturday"},
    {"sun", WW_KEY_HOURS, F(ww_playlist, hours[6]), 0, 0, 0, false, "on Sunday"},
};

static const struct ww_key film_keys[] = {
    {"file", WW_KEY_STR, F(ww_item, file), WW_PATH_SIZE, 0, 0, true,
     "film file (MP4/H.264, WebM/VP9, ...), relative to the media folder"},
    {"subtitles", WW_KEY_STR, F(ww_item, subtitles[0]), WW_PATH_SIZE, 0, 0, false,
     "Dutch SubRip file (default: the film's name with .srt, when it exists); "
     "a film with sound needs one"},
    /* Second tracks, in the order of ww_i18n_langs() (test_playlist checks). */
    {"subtitles_en", WW_KEY_STR, F(ww_item, subtitles[1]), WW_PATH_SIZE, 0, 0, false,
     "English SubRip file, shown under the Dutch (default: FILM.en.srt, when it exists)"},
    {"subtitles_tr", WW_KEY_STR, F(ww_item, subtitles[2]), WW_PATH_SIZE, 0, 0, false,
     "Turkish SubRip file (default: FILM.tr.srt)"},
    {"subtitles_ar", WW_KEY_STR, F(ww_item, subtitles[3]), WW_PATH_SIZE, 0, 0, false,
     "Arabic SubRip file, drawn right to left (default: FILM.ar.srt)"},
    {"subtitles_pl", WW_KEY_STR, F(ww_item, subtitles[4]), WW_PATH_SIZE, 0, 0, false,
     "Polish SubRip file (default: FILM.pl.srt)"},
    {"subtitles_uk", WW_KEY_STR, F(ww_item, subtitles[5]), WW_PATH_SIZE, 0, 0, false,
     "Ukrainian SubRip file (default: FILM.uk.srt)"},
    {"sound", WW_KEY_BOOL, F(ww_item, sound), 0, 0, 0, false, "play the sound (default nee)"},
    {"duration", WW_KEY_INT, F(ww_item, duration), 0, 1, 86400, false,
     "stop after this many seconds (default: the whole film)"},
};

static const struct ww_key slide_keys[] = {
    {"title", WW_KEY_STR, F(ww_item, title), WW_NAME_SIZE, 0, 0, true,
     "heading (B1 Dutch; translated through locales/*.po)"},
    {"text", WW_KEY_STR, F(ww_item, text), WW_TEXT_SIZE, 0, 0, true,
     "a few short sentences (B1 Dutch; translated through locales/*.po)"},
    {"pictogram", WW_KEY_ID, F(ww_item, pictogram), WW_ID_SIZE, 0, 0, false,
     "pictogram id (assets/pictograms/ID.svg)"},
    {"qr", WW_KEY_STR, F(ww_item, qr), WW_URL_SIZE, 0, 0, false,
     "web address shown as a QR code to scan with a phone"},
    {"duration", WW_KEY_INT, F(ww_item, duration), 0, 1, 3600, false,
     "seconds on screen (default 10)"},
};

static const struct ww_key schedule_keys[] = {
    {"title", WW_KEY_STR, F(ww_item, title), WW_NAME_SIZE, 0, 0, false,
     "heading (default \"Deze week aan de balie\")"},
    {"location", WW_KEY_ID, F(ww_item, location), WW_ID_SIZE, 0, 0, false,
     "location id (default: location in [screen])"},
    {"text", WW_KEY_STR, F(ww_item, text), WW_TEXT_SIZE, 0, 0, false,
     "a line under the table (B1 Dutch)"},
    {"qr", WW_KEY_STR, F(ww_item, qr), WW_URL_SIZE, 0, 0, false, "web address for a QR code"},
    {"duration", WW_KEY_INT, F(ww_item, duration), 0, 1, 3600, false,
     "seconds on screen (default 15)"},
};

void ww_playlist_help(FILE *out)
{
    fprintf(out, "screens/ID.ini:\n");
    ww_keys_help(screen_keys, COUNT(screen_keys), "screen", out);
    fprintf(out, "\n");
    ww_keys_help(hours_keys, COUNT(hours_keys), "hours", out);
    fprintf(out, "\n");
    ww_keys_help(film_keys, COUNT(film_keys), "film ID", out);
    fprintf(out, "\n");
    ww_keys_help(slide_keys, COUNT(slide_keys), "slide ID", out);
    fprintf(out, "\n");
    ww_keys_help(schedule_keys, COUNT(schedule_keys), "schedule ID", out);
}

void ww_playlist_init(struct ww_playlist *pl)
{
    memset(pl, 0, sizeof *pl);
    pl->width_px = 1920;
    pl->height_px = 1080;
    pl->film_max_width = 1920;
    pl->film_max_height = 1080;
}

void ww_playlist_destroy(struct ww_playlist *pl)
{
    free(pl->items);
    ww_playlist_init(pl);
}

#define MSG_THIS_WEEK N_("Deze week aan de balie")

/* "nl, en, tr": known languages, each once; Dutch need not be listed (the
 * film's first track is always Dutch) but slides show it only when it is. */
static void parse_languages(struct ww_playlist *pl, const char *file, int line, struct ww_diags *d)
{
    size_t n_all;
    const struct ww_lang *all = ww_i18n_langs(&n_all);
    pl->n_langs = 0;
    char buf[sizeof pl->languages_text];
    ww_strlcpy(buf, pl->languages_text, sizeof buf);
    char *s = buf;
    while (*s) {
        char *comma = strchr(s, ',');
        if (comma)
            *comma = '\0';
        char *code = ww_trim(s);
        if (*code) {
            size_t k = 0;
            while (k < n_all && strcmp(all[k].code, code) != 0)
                k++;
            bool twice = false;
            for (size_t j = 0; j < pl->n_langs; j++)
                twice |= pl->langs[j] == k;
            if (k == n_all)
                ww_diags_add(d, file, line, "languages: '%s' is not one of nl, en, tr, ar, pl, uk",
                             code);
            else if (twice)
                ww_diags_add(d, file, line, "languages: '%s' is listed twice", code);
            else if (pl->n_langs < WW_SCREEN_LANGS)
                pl->langs[pl->n_langs++] = k;
        }
        if (!comma)
            break;
        s = comma + 1;
    }
    if (pl->n_langs == 0) {
        if (*pl->languages_text)
            ww_diags_add(d, file, line, "languages: no language given");
        pl->langs[0] = 0;
        pl->n_langs = 1;
    }
}

size_t ww_playlist_slide_lang(const struct ww_playlist *pl, uint64_t loop)
{
    if (pl->n_langs == 0)
        return 0;
    return pl->langs[loop % pl->n_langs];
}

size_t ww_playlist_second_lang(const struct ww_playlist *pl, uint64_t loop)
{
    size_t others[WW_SCREEN_LANGS], n = 0;
    for (size_t i = 0; i < pl->n_langs; i++)
        if (pl->langs[i] != 0)
            others[n++] = pl->langs[i];
    return n ? others[loop % n] : 0;
}

void ww_playlist_each_text(const struct ww_playlist *pl,
                           void (*cb)(void *ctx, const char *text, const char *what,
                                      const char *file, int line),
                           void *ctx)
{
    for (size_t i = 0; i < pl->n_items; i++) {
        const struct ww_item *it = &pl->items[i];
        if (it->kind == WW_ITEM_FILM)
            continue;
        cb(ctx, it->title,
           it->kind == WW_ITEM_SLIDE ? "waiting-room slide: title" : "waiting-room schedule: title",
           pl->file, it->line);
        cb(ctx, it->text,
           it->kind == WW_ITEM_SLIDE ? "waiting-room slide: text"
                                     : "waiting-room schedule: line under the table",
           pl->file, it->line);
    }
}

bool ww_media_path(const char *media, const char *name, char *out, size_t size)
{
    if (name[0] == '/' || !*media)
        return ww_strlcpy(out, name, size);
    return ww_fmt(out, size, "%s/%s", media, name);
}

bool ww_subtitles_default(const char *film_path, size_t lang, char *out, size_t size)
{
    size_t n_all;
    const struct ww_lang *all = ww_i18n_langs(&n_all);
    if (lang >= n_all || !ww_strlcpy(out, film_path, size))
        return false;
    char *dot = strrchr(out, '.');
    char *slash = strrchr(out, '/');
    if (dot && (!slash || dot > slash))
        *dot = '\0';
    size_t l = strlen(out);
    if (lang == 0)
        return ww_fmt(out + l, size - l, ".srt");
    return ww_fmt(out + l, size - l, ".%s.srt", all[lang].code);
}

enum sec { SEC_NONE, SEC_SCREEN, SEC_HOURS, SEC_FILM, SEC_SLIDE, SEC_SCHEDULE, SEC_BAD };

static const char *const sec_names[] = {"", "screen", "hours", "film", "slide", "schedule"};

struct pctx {
    struct ww_playlist *pl;
    struct ww_diags *d;
    const char *file;
    enum sec sec;
    unsigned long seen;
    bool had_screen, had_hours;
    int screen_line, hours_line, languages_line;
    int count[SEC_BAD];
};

static const struct ww_key *sec_keys(enum sec s, size_t *n)
{
    switch (s) {
    case SEC_SCREEN:
        *n = COUNT(screen_keys);
        return screen_keys;
    case SEC_HOURS:
        *n = COUNT(hours_keys);
        return hours_keys;
    case SEC_FILM:
        *n = COUNT(film_keys);
        return film_keys;
    case SEC_SLIDE:
        *n = COUNT(slide_keys);
        return slide_keys;
    case SEC_SCHEDULE:
        *n = COUNT(schedule_keys);
        return schedule_keys;
    default:
        *n = 0;
        return NULL;
    }
}

static void finish_section(struct pctx *c)
{
    if (c->sec < SEC_FILM || c->sec > SEC_SCHEDULE)
        return;
    struct ww_item *it = &c->pl->items[c->pl->n_items - 1];
    size_t n;
    const struct ww_key *keys = sec_keys(c->sec, &n);
    ww_keys_require(keys, n, c->seen, c->file, it->line, sec_names[c->sec], c->d);
}

static bool on_item(void *ctx, const struct ww_ini_item *in)
{
    struct pctx *c = ctx;
    struct ww_playlist *pl = c->pl;
    if (in->kind == WW_INI_SECTION) {
        finish_section(c);
        c->seen = 0;
        c->sec = SEC_BAD;
        for (int i = SEC_SCREEN; i < SEC_BAD; i++)
            if (strcmp(in->section, sec_names[i]) == 0)
                c->sec = (enum sec)i;
        if (c->sec == SEC_BAD) {
            ww_diags_add(c->d, c->file, in->line,
                         "unknown section [%s] (expected screen, hours, film, slide or schedule)",
                         in->section);
            return true;
        }
        if (c->sec == SEC_SCREEN || c->sec == SEC_HOURS) {
            bool *had = c->sec == SEC_SCREEN ? &c->had_screen : &c->had_hours;
            int *first = c->sec == SEC_SCREEN ? &c->screen_line : &c->hours_line;
            if (*in->arg)
                ww_diags_add(c->d, c->file, in->line, "[%s] takes no id", in->section);
            if (*had) {
                ww_diags_add(c->d, c->file, in->line,
                             "section [%s] appears twice (first at line %d)", in->section, *first);
                c->sec = SEC_BAD;
                return true;
            }
            *had = true;
            *first = in->line;
            if (c->sec == SEC_HOURS)
                pl->has_hours = true;
            return true;
        }
        if (pl->n_items >= WW_PLAYLIST_MAX_ITEMS) {
            ww_diags_add(c->d, c->file, in->line, "more than %d items in one playlist",
                         WW_PLAYLIST_MAX_ITEMS);
            c->sec = SEC_BAD;
            return true;
        }
        struct ww_item *items = realloc(pl->items, (pl->n_items + 1) * sizeof *items);
        if (!items)
            abort();
        pl->items = items;
        struct ww_item *it = &items[pl->n_items++];
        memset(it, 0, sizeof *it);
        it->line = in->line;
        it->kind = c->sec == SEC_FILM    ? WW_ITEM_FILM
                   : c->sec == SEC_SLIDE ? WW_ITEM_SLIDE
                                         : WW_ITEM_SCHEDULE;
        c->count[c->sec]++;
        if (*in->arg) {
            if (!ww_valid_id(in->arg))
                ww_diags_add(c->d, c->file, in->line,
                             "[%s %s]: not a valid id (use a-z, 0-9 and '-', at most 31)",
                             in->section, in->arg);
            else
                ww_strlcpy(it->id, in->arg, sizeof it->id);
        } else {
            ww_fmt(it->id, sizeof it->id, "%s-%d", in->section, c->count[c->sec]);
        }
        for (size_t i = 0; i + 1 < pl->n_items; i++)
            if (*it->id && strcmp(pl->items[i].id, it->id) == 0)
                ww_diags_add(c->d, c->file, in->line,
                             "item id '%s' is used twice (first at line %d)", it->id,
                             pl->items[i].line);
        return true;
    }
    if (c->sec == SEC_NONE) {
        ww_diags_add(c->d, c->file, in->line, "key '%s' before any [section]", in->key);
        return true;
    }
    if (c->sec == SEC_BAD)
        return true;
    size_t n;
    const struct ww_key *keys = sec_keys(c->sec, &n);
    if (c->sec == SEC_SCREEN && strcmp(in->key, "languages") == 0)
        c->languages_line = in->line;
    void *target = c->sec <= SEC_HOURS ? (void *)pl : (void *)&pl->items[pl->n_items - 1];
    ww_keys_apply(keys, n, target, &c->seen, c->file, in, c->d);
    return true;
}

bool ww_playlist_parse(struct ww_playlist *pl, const char *id, const char *text, size_t len,
                       const char *file, struct ww_diags *d)
{
    size_t before = d->count;
    ww_strlcpy(pl->id, id, sizeof pl->id);
    ww_strlcpy(pl->file, file, sizeof pl->file);
    struct pctx c = {.pl = pl, .d = d, .file = file};
    ww_ini_parse(text, len, file, d, on_item, &c);
    finish_section(&c);
    parse_languages(pl, file, c.languages_line, d);
    if (pl->n_items == 0)
        ww_diags_add(d, file, 0, "the playlist has no [film], [slide] or [schedule] items");
    if (pl->has_hours) {
        bool any = false;
        for (int i = 0; i < 7; i++)
            any |= pl->hours[i][1] > pl->hours[i][0];
        if (!any)
            ww_diags_add(d, file, c.hours_line,
                         "[hours] gives no opening hours on any day: the screen would stay black");
    }
    for (size_t i = 0; i < pl->n_items; i++) {
        struct ww_item *it = &pl->items[i];
        if (it->kind == WW_ITEM_SLIDE && it->duration == 0)
            it->duration = WW_SLIDE_SECONDS;
        if (it->kind == WW_ITEM_SCHEDULE) {
            if (it->duration == 0)
                it->duration = WW_SCHEDULE_SECONDS;
            if (!*it->title)
                ww_strlcpy(it->title, MSG_THIS_WEEK, sizeof it->title);
            if (!*it->location && !*pl->location)
                ww_diags_add(d, file, it->line,
                             "[schedule] needs 'location' (here or in [screen]): whose counter?");
        }
        if (*it->qr && strncmp(it->qr, "https://", 8) != 0 && strncmp(it->qr, "http://", 7) != 0)
            ww_diags_add(d, file, it->line, "qr: '%s' is not a web address (https://...)", it->qr);
    }
    return d->count == before;
}

bool ww_playlist_load(struct ww_playlist *pl, const char *config_dir, const char *id,
                      struct ww_diags *d)
{
    char path[WW_PATH_SIZE];
    if (!ww_valid_id(id)) {
        ww_diags_add(d, id, 0, "'%s' is not a valid screen id (use a-z, 0-9 and '-')", id);
        return false;
    }
    if (!ww_fmt(path, sizeof path, "%s/screens/%s.ini", config_dir, id)) {
        ww_diags_add(d, config_dir, 0, "path too long");
        return false;
    }
    size_t len;
    char *text = ww_read_file(path, 1u << 20, &len);
    if (!text) {
        ww_diags_add(d, path, 0, "cannot read the playlist of screen '%s': %s", id,
                     errno == EFBIG ? "larger than 1 MiB" : ww_file_strerror(errno));
        return false;
    }
    bool ok = ww_playlist_parse(pl, id, text, len, path, d);
    free(text);
    return ok;
}

const char *ww_item_location(const struct ww_playlist *pl, const struct ww_item *it)
{
    return *it->location ? it->location : pl->location;
}

bool ww_playlist_check(const struct ww_playlist *pl, const struct ww_config *cfg,
                       struct ww_diags *d)
{
    size_t before = d->count;
    if (*pl->location && !ww_config_location(cfg, pl->location))
        ww_diags_add(d, pl->file, 0, "[screen] location '%s' is not in locations/", pl->location);
    for (size_t i = 0; i < pl->n_items; i++) {
        const struct ww_item *it = &pl->items[i];
        if (it->kind != WW_ITEM_SCHEDULE || !*it->location)
            continue;
        if (!ww_config_location(cfg, it->location))
            ww_diags_add(d, pl->file, it->line, "[schedule] location '%s' is not in locations/",
                         it->location);
    }
    return d->count == before;
}

bool ww_playlist_open_at(const struct ww_playlist *pl, ww_day day, int minute)
{
    if (!pl->has_hours)
        return true;
    const int *h = pl->hours[ww_day_weekday(day)];
    return minute >= h[0] && minute < h[1];
}

/* ---- the sequence ---- */

size_t ww_seq_next(const int64_t *dur_ms, size_t n, size_t item)
{
    for (size_t k = 1; k <= n; k++) {
        size_t i = item == WW_SEQ_NONE ? k - 1 : (item + k) % n;
        if (dur_ms[i] > 0)
            return i;
    }
    return WW_SEQ_NONE;
}

void ww_seq_start(struct ww_seq *q, const int64_t *dur_ms, size_t n, int64_t now_ms)
{
    memset(q, 0, sizeof *q);
    q->item = ww_seq_next(dur_ms, n, WW_SEQ_NONE);
    q->start_ms = now_ms;
    if (q->item != WW_SEQ_NONE)
        q->shown = 1;
}

bool ww_seq_advance(struct ww_seq *q, const int64_t *dur_ms, size_t n, int64_t now_ms)
{
    if (q->item == WW_SEQ_NONE || dur_ms[q->item] <= 0) {
        /* Nothing was playing, or the current item just turned out broken. */
        size_t prev = q->item;
        size_t next = ww_seq_next(dur_ms, n, prev);
        if (next == WW_SEQ_NONE) {
            q->item = WW_SEQ_NONE;
            return prev != WW_SEQ_NONE;
        }
        if (prev != WW_SEQ_NONE && next <= prev)
            q->loops++;
        q->item = next;
        q->start_ms = now_ms;
        q->shown++;
        return true;
    }
    if (now_ms - q->start_ms < dur_ms[q->item])
        return false;
    /* Skip whole loops at once after a long gap (a suspended machine). */
    int64_t total = 0;
    for (size_t i = 0; i < n; i++)
        if (dur_ms[i] > 0)
            total += dur_ms[i];
    int64_t late = now_ms - q->start_ms;
    if (late >= total * 2) {
        int64_t whole = late / total - 1;
        q->loops += (uint64_t)whole;
        q->start_ms += whole * total;
    }
    while (now_ms - q->start_ms >= dur_ms[q->item]) {
        size_t next = ww_seq_next(dur_ms, n, q->item);
        q->start_ms += dur_ms[q->item];
        if (next <= q->item)
            q->loops++;
        q->item = next;
        q->shown++;
    }
    return true;
}

int64_t ww_seq_offset(const struct ww_seq *q, int64_t now_ms)
{
    return now_ms - q->start_ms;
}

/* ---- the week at the counter ---- */

/* Full day names and dates, translated through the catalogue (no
 * abbreviations such as "ma" or "t/m": they are hard to read and to
 * translate). The month names are the ticket's msgids (Polish and Ukrainian
 * translate them in the genitive, as a date needs). */
static const char *const day_names[7] = {N_("maandag"),   N_("dinsdag"), N_("woensdag"),
                                         N_("donderdag"), N_("vrijdag"), N_("zaterdag"),
                                         N_("zondag")};
static const char *const month_names[12] = {
    N_("januari"), N_("februari"), N_("maart"),     N_("april"),   N_("mei"),      N_("juni"),
    N_("juli"),    N_("augustus"), N_("september"), N_("oktober"), N_("november"), N_("december")};
#define MSG_DATE    N_("{day} {month}")
#define MSG_WEEK    N_("{from} tot en met {to}")
#define MSG_DAYS    N_("{first} tot en met {last}")
#define MSG_TIMES   N_("{start}-{end}")
#define MSG_LIST    N_("{list}, {next}")
#define MSG_LAST    N_("{list} en {last}")
#define MSG_NO_ROWS N_("Deze week is er geen spreekuur van partners.")

static void date_words(ww_day day, char *buf, size_t size)
{
    int y, m, d;
    ww_day_to_ymd(day, &y, &m, &d);
    char num[8];
    ww_fmt(num, sizeof num, "%d", d);
    const char *keys[] = {"day", "month"};
    const char *vals[] = {num, _(month_names[m - 1])};
    ww_subst(buf, size, _(MSG_DATE), keys, vals, 2);
}

void ww_week_label(ww_day day, char *buf, size_t size)
{
    ww_day mon = day - ww_day_weekday(day);
    char from[64], to[64];
    date_words(mon, from, sizeof from);
    date_words(mon + 6, to, sizeof to);
    const char *keys[] = {"from", "to"};
    const char *vals[] = {from, to};
    ww_subst(buf, size, _(MSG_WEEK), keys, vals, 2);
}

/* "maandag tot en met donderdag en zaterdag" for the days in `days` (bit 0
 * = Monday): three or more days in a row as a range, the rest one by one. */
static void day_list(unsigned days, char *buf, size_t size)
{
    char parts[7][128];
    int n = 0;
    for (int wd = 0; wd < 7;) {
        if (!(days & (1u << wd))) {
            wd++;
            continue;
        }
        int end = wd;
        while (end + 1 < 7 && (days & (1u << (end + 1))))
            end++;
        if (end - wd >= 2) {
            const char *keys[] = {"first", "last"};
            const char *vals[] = {_(day_names[wd]), _(day_names[end])};
            ww_subst(parts[n++], sizeof parts[0], _(MSG_DAYS), keys, vals, 2);
        } else {
            for (int k = wd; k <= end; k++)
                ww_strlcpy(parts[n++], _(day_names[k]), sizeof parts[0]);
        }
        wd = end + 1;
    }
    buf[0] = '\0';
    for (int k = 0; k < n; k++) {
        if (k == 0) {
            ww_strlcpy(buf, parts[0], size);
            continue;
        }
        char prev[256];
        ww_strlcpy(prev, buf, sizeof prev);
        const char *keys[] = {"list", k == n - 1 ? "last" : "next"};
        const char *vals[] = {prev, parts[k]};
        ww_subst(buf, size, _(k == n - 1 ? MSG_LAST : MSG_LIST), keys, vals, 2);
    }
}

const char *ww_week_none(void)
{
    return _(MSG_NO_ROWS);
}

size_t ww_week_rows(const struct ww_config *cfg, const struct ww_location *loc, ww_day day,
                    struct ww_week_row *rows, size_t cap)
{
    /* For each partner: the time ranges of the week with the weekdays that
     * have them, so "maandag tot en met woensdag 09:00-16:00" reads as one
     * line. */
    struct range {
        int time[2];
        unsigned days;
    };
    struct acc {
        size_t partner;
        size_t n;
        struct range r[7];
    } acc[WW_WEEK_MAX_ROWS];
    size_t n_acc = 0;
    ww_day mon = day - ww_day_weekday(day);
    struct ww_day_plan *plan = malloc(sizeof *plan);
    if (!plan)
        abort();
    for (int wd = 0; wd < 7; wd++) {
        ww_schedule_day(cfg, loc, mon + wd, NULL, 0, plan);
        for (size_t b = 0; b < plan->n; b++) {
            const struct ww_block *blk = &plan->blocks[b];
            if (cfg->partners[blk->partner].general)
                continue;
            size_t a;
            for (a = 0; a < n_acc; a++)
                if (acc[a].partner == blk->partner)
                    break;
            if (a == n_acc) {
                if (n_acc == WW_WEEK_MAX_ROWS || n_acc == cap)
                    continue;
                acc[n_acc].partner = blk->partner;
                acc[n_acc].n = 0;
                n_acc++;
            }
            struct acc *p = &acc[a];
            size_t r;
            for (r = 0; r < p->n; r++)
                if (p->r[r].time[0] == blk->time[0] && p->r[r].time[1] == blk->time[1])
                    break;
            if (r == p->n) {
                if (p->n == 7)
                    continue;
                p->r[r].time[0] = blk->time[0];
                p->r[r].time[1] = blk->time[1];
                p->r[r].days = 0;
                p->n++;
            }
            p->r[r].days |= 1u << wd;
        }
    }
    free(plan);
    for (size_t a = 0; a < n_acc; a++) {
        rows[a].partner = acc[a].partner;
        char *w = rows[a].when;
        size_t size = sizeof rows[a].when, used = 0;
        w[0] = '\0';
        for (size_t r = 0; r < acc[a].n; r++) {
            char part[256];
            day_list(acc[a].r[r].days, part, sizeof part);
            char t0[6], t1[6], times[64];
            ww_minute_format(acc[a].r[r].time[0], t0);
            ww_minute_format(acc[a].r[r].time[1], t1);
            const char *keys[] = {"start", "end"};
            const char *vals[] = {t0, t1};
            ww_subst(times, sizeof times, _(MSG_TIMES), keys, vals, 2);
            ww_fmt(w + used, size - used, "%s%s %s", r ? "; " : "", part, times);
            used = strlen(w);
        }
    }
    return n_acc;
}

static int cmp_ids(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

size_t ww_playlist_ids(const char *config_dir, char (*ids)[WW_ID_SIZE], size_t cap)
{
    char dir[WW_PATH_SIZE];
    if (!ww_fmt(dir, sizeof dir, "%s/screens", config_dir))
        return 0;
    DIR *dh = opendir(dir);
    if (!dh)
        return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dh)) && n < cap) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 5 || len - 4 >= WW_ID_SIZE ||
            strcmp(e->d_name + len - 4, ".ini") != 0)
            continue;
        memcpy(ids[n], e->d_name, len - 4);
        ids[n][len - 4] = '\0';
        n++;
    }
    closedir(dh);
    qsort(ids, n, sizeof *ids, cmp_ids);
    return n;
}
