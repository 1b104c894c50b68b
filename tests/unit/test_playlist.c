/* Waiting-room playlists: the sample, one case per kind of error with the
 * exact message, and the sequence as a pure function of a virtual clock
 * (items in order, subtitles at given times, a corrupt film skipped,
 * opening hours, a thousand loops, the week at the counter). */
#include "clock.h"
#include "config.h"
#include "i18n.h"
#include "playlist.h"
#include "srt.h"
#include "str.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

static bool parse(const char *text, struct ww_playlist *pl, struct ww_diags *d)
{
    ww_playlist_init(pl);
    ww_diags_init(d);
    return ww_playlist_parse(pl, "test", text, strlen(text), "screens/test.ini", d);
}

static void test_sample(void **state)
{
    (void)state;
    struct ww_playlist pl;
    struct ww_diags d;
    ww_playlist_init(&pl);
    ww_diags_init(&d);
    bool ok = ww_playlist_load(&pl, "kiosk-config", "huisarts-wachtkamer", &d);
    if (!ok)
        ww_diags_print(&d, stderr);
    assert_true(ok);
    assert_true(pl.n_items >= 4);
    bool film = false, slide = false, sched = false, qr = false;
    for (size_t i = 0; i < pl.n_items; i++) {
        film |= pl.items[i].kind == WW_ITEM_FILM;
        slide |= pl.items[i].kind == WW_ITEM_SLIDE;
        sched |= pl.items[i].kind == WW_ITEM_SCHEDULE;
        qr |= pl.items[i].qr[0] != '\0';
    }
    assert_true(film && slide && sched && qr);
    assert_true(pl.has_hours);
    /* And it fits the sample configuration. */
    struct ww_config cfg;
    assert_true(ww_config_load(&cfg, "kiosk-config", &d));
    assert_true(ww_playlist_check(&pl, &cfg, &d));
    ww_config_destroy(&cfg);
    ww_playlist_destroy(&pl);
    ww_diags_destroy(&d);
}

static void test_good(void **state)
{
    (void)state;
    struct ww_playlist pl;
    struct ww_diags d;
    const char text[] = "[screen]\n"
                        "name = Wachtkamer\n"
                        "location = hier\n"
                        "width_px = 1080\n"
                        "height_px = 1920\n"
                        "film_max_width = 1280\n"
                        "film_max_height = 720\n"
                        "[hours]\n"
                        "mon = 08:00-17:00\n"
                        "sat = gesloten\n"
                        "[film]\n"
                        "file = a.mp4\n"
                        "sound = ja\n"
                        "[slide info]\n"
                        "title = Titel\n"
                        "text = Eerste zin.\n"
                        "  Tweede zin.\n"
                        "pictogram = geld\n"
                        "qr = https://example.org/x\n"
                        "[schedule]\n"
                        "[film]\n"
                        "file = /abs/b.webm\n"
                        "subtitles = b-nl.srt\n"
                        "duration = 20\n";
    assert_true(parse(text, &pl, &d));
    assert_int_equal(pl.n_items, 4);
    assert_int_equal(pl.width_px, 1080);
    assert_int_equal(pl.film_max_width, 1280);
    assert_int_equal(pl.film_max_height, 720);
    assert_int_equal(pl.hours[0][0], 8 * 60);
    assert_int_equal(pl.hours[0][1], 17 * 60);
    assert_int_equal(pl.items[0].kind, WW_ITEM_FILM);
    assert_string_equal(pl.items[0].id, "film-1");
    assert_true(pl.items[0].sound);
    assert_int_equal(pl.items[0].duration, 0);
    assert_string_equal(pl.items[1].id, "info");
    assert_string_equal(pl.items[1].text, "Eerste zin. Tweede zin.");
    assert_int_equal(pl.items[1].duration, WW_SLIDE_SECONDS);
    assert_int_equal(pl.items[2].kind, WW_ITEM_SCHEDULE);
    assert_string_equal(pl.items[2].title, "Deze week aan de balie");
    assert_string_equal(ww_item_location(&pl, &pl.items[2]), "hier");
    assert_int_equal(pl.items[2].duration, WW_SCHEDULE_SECONDS);
    assert_string_equal(pl.items[3].id, "film-2");
    assert_string_equal(pl.items[3].subtitles[0], "b-nl.srt");
    /* No languages listed: Dutch alone, and no second subtitle track. */
    assert_int_equal(pl.n_langs, 1);
    assert_int_equal(ww_playlist_slide_lang(&pl, 7), 0);
    assert_int_equal(ww_playlist_second_lang(&pl, 7), 0);
    assert_int_equal(pl.items[3].duration, 20);
    assert_false(pl.items[3].sound);
    ww_playlist_destroy(&pl);
    ww_diags_destroy(&d);
}

struct bad {
    const char *text;
    const char *msg;
};

#define SLIDE "[slide]\ntitle = T\ntext = X\n"

static const struct bad bads[] = {
    {"[fiml]\nfile = a.mp4\n" SLIDE,
     "screens/test.ini:1: unknown section [fiml] (expected screen, hours, film, slide or "
     "schedule)"},
    {"file = a.mp4\n" SLIDE, "screens/test.ini:1: key 'file' before any [section]"},
    {"[film]\nfile = a.mp4\nloop = ja\n", "screens/test.ini:3: unknown key 'loop' in [film]"},
    {"[film]\nsound = nee\n", "screens/test.ini:1: [film] is missing the required key 'file'"},
    {"[slide]\ntitle = T\n", "screens/test.ini:1: [slide] is missing the required key 'text'"},
    {"[film]\nfile = a.mp4\nsound = misschien\n",
     "screens/test.ini:3: sound: 'misschien' is not yes or no"},
    {"[slide]\ntitle = T\ntext = X\nduration = 0\n",
     "screens/test.ini:4: duration: '0' is not a whole number from 1 to 3600"},
    {"[slide]\ntitle = T\ntext = X\nqr = www.example.org\n",
     "screens/test.ini:1: qr: 'www.example.org' is not a web address (https://...)"},
    {"[slide]\ntitle = T\ntext = X\npictogram = Geld!\n",
     "screens/test.ini:4: pictogram: 'Geld!' is not a valid id (use a-z, 0-9 and '-', at most 31)"},
    {"[schedule]\n", "screens/test.ini:1: [schedule] needs 'location' (here or in [screen]): "
                     "whose counter?"},
    {"[slide a]\ntitle = T\ntext = X\n[slide a]\ntitle = T\ntext = Y\n",
     "screens/test.ini:4: item id 'a' is used twice (first at line 1)"},
    {"[slide A_1]\ntitle = T\ntext = X\n",
     "screens/test.ini:1: [slide A_1]: not a valid id (use a-z, 0-9 and '-', at most 31)"},
    {"[screen]\nname = x\n", "screens/test.ini: the playlist has no [film], [slide] or "
                             "[schedule] items"},
    {"[hours]\nmon = gesloten\n" SLIDE,
     "screens/test.ini:1: [hours] gives no opening hours on any day: the screen would stay "
     "black"},
    {"[hours]\nmon = 17:00-08:00\n" SLIDE, NULL},
    {"[screen]\n[screen]\n" SLIDE,
     "screens/test.ini:2: section [screen] appears twice (first at line 1)"},
    {"[screen x]\n" SLIDE, "screens/test.ini:1: [screen] takes no id"},
    {"[screen]\nwidth_px = 100\n" SLIDE,
     "screens/test.ini:2: width_px: '100' is not a whole number from 320 to 8192"},
    {"[film]\nfile = a.mp4\nfile = b.mp4\n",
     "screens/test.ini:3: key 'file' appears twice in one [film]"},
    {"[slide\n" SLIDE, NULL},
    {"[screen]\nlanguages = nl, fr\n" SLIDE,
     "screens/test.ini:2: languages: 'fr' is not one of nl, en, tr, ar, pl, uk"},
    {"[screen]\nlanguages = nl, en, nl\n" SLIDE,
     "screens/test.ini:2: languages: 'nl' is listed twice"},
    {"[screen]\nlanguages = ,\n" SLIDE, "screens/test.ini:2: languages: no language given"},
    {"[film]\nfile = a.mp4\nsubtitles_fr = a.fr.srt\n",
     "screens/test.ini:3: unknown key 'subtitles_fr' in [film]"},
};

static void test_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
        struct ww_playlist pl;
        struct ww_diags d;
        bool ok = parse(bads[i].text, &pl, &d);
        char msg[600] = "";
        if (d.count)
            ww_diag_format(&d.items[0], msg, sizeof msg);
        if (ok || d.count == 0 || (bads[i].msg && strcmp(msg, bads[i].msg) != 0))
            fail_msg("case %zu: ok=%d\n  got:  %s\n  want: %s", i, ok, msg,
                     bads[i].msg ? bads[i].msg : "(any error)");
        ww_playlist_destroy(&pl);
        ww_diags_destroy(&d);
    }
}

static void test_missing_file(void **state)
{
    (void)state;
    struct ww_playlist pl;
    struct ww_diags d;
    char msg[600];
    ww_playlist_init(&pl);
    ww_diags_init(&d);
    assert_false(ww_playlist_load(&pl, "kiosk-config", "bestaat-niet", &d));
    ww_diag_format(&d.items[0], msg, sizeof msg);
    assert_string_equal(msg, "kiosk-config/screens/bestaat-niet.ini: cannot read the playlist of "
                             "screen 'bestaat-niet': No such file or directory");
    ww_diags_destroy(&d);
    ww_diags_init(&d);
    assert_false(ww_playlist_load(&pl, "kiosk-config", "../etc", &d));
    ww_diag_format(&d.items[0], msg, sizeof msg);
    assert_string_equal(msg, "../etc: '../etc' is not a valid screen id (use a-z, 0-9 and '-')");
    ww_playlist_destroy(&pl);
    ww_diags_destroy(&d);
}

/* ---- the sequence under a virtual clock ---- */

/* What the screen shows at virtual time t (seconds since the epoch), stepping
 * the clock from `from` in steps of `step_ms`. */
static void test_sequence_order(void **state)
{
    (void)state;
    int64_t t = 0;
    struct ww_clock clock = ww_clock_fixed(&t);
    /* film 8 s, slide 12 s, schedule 15 s, film 8.5 s */
    int64_t dur[] = {8000, 12000, 15000, 8500};
    struct ww_seq q;
    t = 1000000;
    int64_t base = ww_clock_now(&clock) * 1000;
    ww_seq_start(&q, dur, 4, base);
    static const struct {
        int64_t at_ms;
        size_t item;
        int64_t offset;
        uint64_t loops;
    } want[] = {
        {0, 0, 0, 0},
        {7999, 0, 7999, 0},
        {8000, 1, 0, 0},
        {19999, 1, 11999, 0},
        {20000, 2, 0, 0},
        {35000, 3, 0, 0},
        {43499, 3, 8499, 0},
        {43500, 0, 0, 1},
        {43500 + 8000, 1, 0, 1},
        {43500 * 3 + 100, 0, 100, 3},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int64_t now = base + want[i].at_ms;
        ww_seq_advance(&q, dur, 4, now);
        assert_int_equal(q.item, want[i].item);
        assert_int_equal(ww_seq_offset(&q, now), want[i].offset);
        assert_int_equal(q.loops, want[i].loops);
    }
}

/* Film time -> subtitle line, through the sequence. */
static void test_sequence_subtitles(void **state)
{
    (void)state;
    const char srt[] = "1\n00:00:00,300 --> 00:00:02,800\nGaat u uit elkaar?\n\n"
                       "2\n00:00:03,000 --> 00:00:05,400\nOver wonen en geld.\n";
    struct ww_srt s;
    struct ww_diags d;
    ww_srt_init(&s);
    ww_diags_init(&d);
    assert_true(ww_srt_parse(&s, srt, strlen(srt), "f.srt", &d));
    int64_t dur[] = {6000, 10000};
    int64_t t = 0;
    struct ww_clock clock = ww_clock_fixed(&t);
    assert_true(ww_instant_parse("2026-11-23T10:00", &t));
    int64_t base = ww_clock_now(&clock) * 1000;
    struct ww_seq q;
    ww_seq_start(&q, dur, 2, base);
    static const struct {
        int64_t at_s10; /* tenths of a second after the start */
        const char *line;
    } want[] = {
        {0, NULL},   {3, "Gaat u uit elkaar?"},   {27, "Gaat u uit elkaar?"},
        {29, NULL},  {30, "Over wonen en geld."}, {55, NULL},
        {70, NULL}, /* the slide */
        {160, NULL}, {163, "Gaat u uit elkaar?"}, {190, "Over wonen en geld."},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int64_t now = base + want[i].at_s10 * 100;
        ww_seq_advance(&q, dur, 2, now);
        const struct ww_srt_cue *c = q.item == 0 ? ww_srt_at(&s, ww_seq_offset(&q, now)) : NULL;
        if (!want[i].line)
            assert_null(c);
        else
            assert_string_equal(c->text[0], want[i].line);
    }
    ww_srt_destroy(&s);
    ww_diags_destroy(&d);
}

/* A corrupt film (length 0) is skipped; a film that turns out corrupt while
 * it is current makes way at once; with nothing playable there is nothing. */
static void test_sequence_skip(void **state)
{
    (void)state;
    int64_t dur[] = {5000, 0, 7000};
    struct ww_seq q;
    ww_seq_start(&q, dur, 3, 0);
    size_t seen[8];
    for (int i = 0; i < 8; i++) {
        seen[i] = q.item;
        int64_t next = q.start_ms + dur[q.item];
        ww_seq_advance(&q, dur, 3, next);
    }
    static const size_t want[] = {0, 2, 0, 2, 0, 2, 0, 2};
    assert_memory_equal(seen, want, sizeof want);

    /* The first item is broken from the start. */
    int64_t dur2[] = {0, 3000};
    ww_seq_start(&q, dur2, 2, 100);
    assert_int_equal(q.item, 1);
    assert_int_equal(q.start_ms, 100);

    /* Current item breaks at t=1234: the next one starts right then. */
    int64_t dur3[] = {5000, 6000, 7000};
    ww_seq_start(&q, dur3, 3, 0);
    ww_seq_advance(&q, dur3, 3, 6000);
    assert_int_equal(q.item, 1);
    dur3[1] = 0;
    assert_true(ww_seq_advance(&q, dur3, 3, 7234));
    assert_int_equal(q.item, 2);
    assert_int_equal(q.start_ms, 7234);

    /* Everything broken. */
    int64_t none[] = {0, 0};
    ww_seq_start(&q, none, 2, 0);
    assert_int_equal(q.item, WW_SEQ_NONE);
    assert_false(ww_seq_advance(&q, none, 2, 99999));
    assert_int_equal(ww_seq_next(none, 2, WW_SEQ_NONE), WW_SEQ_NONE);
}

/* A thousand loops, frame by frame at 30 frames per second: every item in
 * order, no item skipped or repeated, the loop counter exact. Under ASan
 * (make SANITIZE=address check) this also shows nothing leaks. */
static void test_sequence_thousand_loops(void **state)
{
    (void)state;
    int64_t dur[] = {1000, 500, 0, 700};
    struct ww_seq q;
    ww_seq_start(&q, dur, 4, 0);
    size_t prev = q.item;
    uint64_t changes = 0;
    int64_t total = 2200;
    for (int64_t k = 1; k <= total * 1000 * 30 / 1000; k++) {
        int64_t now = k * 1000 / 30;
        if (ww_seq_advance(&q, dur, 4, now)) {
            size_t want = prev == 0 ? 1 : prev == 1 ? 3 : 0;
            assert_int_equal(q.item, want);
            prev = q.item;
            changes++;
        }
        assert_true(ww_seq_offset(&q, now) >= 0 && ww_seq_offset(&q, now) < dur[q.item]);
    }
    assert_int_equal(q.loops, 1000);
    assert_int_equal(changes, 3000);
    assert_int_equal(q.shown, 3001);

    /* After a week switched off: constant time, same place in the loop. */
    int64_t week = 7LL * 24 * 3600 * 1000;
    ww_seq_advance(&q, dur, 4, week);
    int64_t into = week % total;
    size_t want = into < 1000 ? 0 : into < 1500 ? 1 : 3;
    assert_int_equal(q.item, want);
    assert_int_equal(q.loops, (uint64_t)(week / total));
}

/* Opening hours against the Amsterdam clock, winter and summer time. */
static void test_opening_hours(void **state)
{
    (void)state;
    struct ww_playlist pl;
    struct ww_diags d;
    assert_true(
        parse("[hours]\nmon = 08:00-17:00\nfri = 08:00-12:30\nsat = gesloten\n" SLIDE, &pl, &d));
    static const struct {
        const char *at;
        bool on;
    } cases[] = {
        {"2026-11-23T07:59", false}, {"2026-11-23T08:00", true},  {"2026-11-23T16:59", true},
        {"2026-11-23T17:00", false}, {"2026-11-24T10:00", false}, /* Tuesday: not listed */
        {"2026-11-27T12:29", true},  {"2026-11-27T12:30", false}, {"2026-11-28T10:00", false},
        {"2026-06-01T08:00", true},  {"2026-06-01T07:59", false}, /* summer time */
        {"2026-03-30T08:00", true}, /* the Monday after the clocks went forward */
    };
    int64_t t = 0;
    struct ww_clock clock = ww_clock_fixed(&t);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(ww_instant_parse(cases[i].at, &t));
        ww_day day;
        int minute;
        ww_clock_local(&clock, &day, &minute);
        if (ww_playlist_open_at(&pl, day, minute) != cases[i].on)
            fail_msg("%s: expected %s", cases[i].at, cases[i].on ? "on" : "off");
    }
    ww_playlist_destroy(&pl);
    ww_diags_destroy(&d);

    /* Without [hours]: always on. */
    assert_true(parse(SLIDE, &pl, &d));
    assert_true(ww_playlist_open_at(&pl, ww_day_from_ymd(2026, 11, 29), 3));
    ww_playlist_destroy(&pl);
    ww_diags_destroy(&d);
}

/* ---- "Deze week aan de balie" ---- */

static char tmpdir[256];

static void write_file(const char *rel, const char *text)
{
    char path[512];
    ww_fmt(path, sizeof path, "%s/%s", tmpdir, rel);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_week(void **state)
{
    (void)state;
    ww_strlcpy(tmpdir, "/tmp/ww-playlist-XXXXXX", sizeof tmpdir);
    assert_non_null(mkdtemp(tmpdir));
    char sub[300];
    ww_fmt(sub, sizeof sub, "%s/locations", tmpdir);
    mkdir(sub, 0700);
    write_file("partners.ini", "[partner balie]\nname = Algemene balie\nletter = A\ngeneral = yes\n"
                               "[partner bd]\nname = Belastingdienst\nletter = B\n"
                               "[partner jl]\nname = Het Juridisch Loket\nletter = J\n");
    write_file("closed.ini", "[closed]\n2026-04-27 = Koningsdag\n");
    write_file("locations/hier.ini", "[location]\nname = Hier\ngeneral = balie\n"
                                     "[hours]\nmon = 09:00-17:00\ntue = 09:00-17:00\n"
                                     "wed = 09:00-17:00\nthu = 09:00-19:00\n"
                                     "[presence]\npartner = balie\ndays = ma, di, wo, do\n"
                                     "time = 09:00-17:00\n"
                                     "[presence]\npartner = bd\ndays = ma, di, wo, do\n"
                                     "time = 09:00-16:00\n"
                                     "[presence]\npartner = bd\ndays = do\ntime = 17:00-19:00\n"
                                     "[presence]\npartner = jl\ndays = di\ntime = 13:00-16:00\n"
                                     "every = 2\nanchor = 2026-01-06\n");
    struct ww_config cfg;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&cfg, tmpdir, &d);
    if (!ok)
        ww_diags_print(&d, stderr);
    assert_true(ok);
    const struct ww_location *loc = ww_config_location(&cfg, "hier");
    struct ww_week_row rows[WW_WEEK_MAX_ROWS];
    char label[160];

    /* A week with the Juridisch Loket (every other week from 6 January). */
    size_t n = ww_week_rows(&cfg, loc, ww_day_from_ymd(2026, 1, 8), rows, WW_WEEK_MAX_ROWS);
    assert_int_equal(n, 2);
    assert_string_equal(cfg.partners[rows[0].partner].name, "Belastingdienst");
    assert_string_equal(rows[0].when,
                        "maandag tot en met donderdag 09:00-16:00; donderdag 17:00-19:00");
    assert_string_equal(cfg.partners[rows[1].partner].name, "Het Juridisch Loket");
    assert_string_equal(rows[1].when, "dinsdag 13:00-16:00");
    ww_week_label(ww_day_from_ymd(2026, 1, 8), label, sizeof label);
    assert_string_equal(label, "5 januari tot en met 11 januari");

    /* The same in other languages, from the shipped catalogues. */
    char ldir[WW_PATH_SIZE];
    ww_i18n_default_dir(NULL, ldir, sizeof ldir);
    ww_i18n_init(ldir);
    static const struct {
        const char *lang, *when, *label;
    } tr[] = {
        {"en", "Monday to Thursday 09:00-16:00; Thursday 17:00-19:00", "5 January to 11 January"},
        {"pl", "poniedziałek–czwartek 09:00–16:00; czwartek 17:00–19:00",
         "od 5 stycznia do 11 stycznia"},
    };
    for (size_t i = 0; i < sizeof tr / sizeof tr[0]; i++) {
        ww_i18n_set(tr[i].lang);
        ww_week_rows(&cfg, loc, ww_day_from_ymd(2026, 1, 8), rows, WW_WEEK_MAX_ROWS);
        assert_string_equal(rows[0].when, tr[i].when);
        ww_week_label(ww_day_from_ymd(2026, 1, 8), label, sizeof label);
        assert_string_equal(label, tr[i].label);
    }
    /* Two days in a row stay two days; a list ends with "and". */
    ww_i18n_set("en");
    n = ww_week_rows(&cfg, loc, ww_day_from_ymd(2026, 4, 30), rows, WW_WEEK_MAX_ROWS);
    assert_string_equal(rows[0].when, "Tuesday to Thursday 09:00-16:00; Thursday 17:00-19:00");
    ww_i18n_set("nl");

    /* The week after: no Juridisch Loket. */
    n = ww_week_rows(&cfg, loc, ww_day_from_ymd(2026, 1, 12), rows, WW_WEEK_MAX_ROWS);
    assert_int_equal(n, 1);

    /* Koningsdag (Monday 27 April) is closed; the week spans two months. */
    n = ww_week_rows(&cfg, loc, ww_day_from_ymd(2026, 4, 30), rows, WW_WEEK_MAX_ROWS);
    assert_true(n >= 1);
    assert_string_equal(rows[0].when,
                        "dinsdag tot en met donderdag 09:00-16:00; donderdag 17:00-19:00");
    ww_week_label(ww_day_from_ymd(2026, 4, 30), label, sizeof label);
    assert_string_equal(label, "27 april tot en met 3 mei");

    /* A cap of one row. */
    n = ww_week_rows(&cfg, loc, ww_day_from_ymd(2026, 1, 8), rows, 1);
    assert_int_equal(n, 1);

    ww_config_destroy(&cfg);
    ww_diags_destroy(&d);
    char cmd[600];
    ww_fmt(cmd, sizeof cmd, "%s/locations/hier.ini", tmpdir);
    unlink(cmd);
    ww_fmt(cmd, sizeof cmd, "%s/partners.ini", tmpdir);
    unlink(cmd);
    ww_fmt(cmd, sizeof cmd, "%s/closed.ini", tmpdir);
    unlink(cmd);
    rmdir(sub);
    rmdir(tmpdir);
}

/* Languages per loop: slides go through every listed language, the second
 * subtitle track through those other than Dutch; each film names a track
 * per language, by key or by default beside the film. */
static void test_languages(void **state)
{
    (void)state;
    struct ww_playlist pl;
    struct ww_diags d;
    const char *text = "[screen]\nlanguages = nl, en, tr, ar, pl, uk\n"
                       "[film]\nfile = film.mp4\nsubtitles = film.srt\n"
                       "subtitles_ar = arabisch.srt\nsubtitles_uk = /abs/oekraiens.srt\n" SLIDE;
    assert_true(parse(text, &pl, &d));
    assert_int_equal(pl.n_langs, 6);
    size_t n_all;
    const struct ww_lang *all = ww_i18n_langs(&n_all);
    assert_int_equal(n_all, WW_SCREEN_LANGS);
    const char *slides[] = {"nl", "en", "tr", "ar", "pl", "uk", "nl"};
    const char *second[] = {"en", "tr", "ar", "pl", "uk", "en", "tr"};
    for (uint64_t loop = 0; loop < 7; loop++) {
        assert_string_equal(all[ww_playlist_slide_lang(&pl, loop)].code, slides[loop]);
        assert_string_equal(all[ww_playlist_second_lang(&pl, loop)].code, second[loop]);
    }
    const struct ww_item *it = &pl.items[0];
    assert_string_equal(it->subtitles[0], "film.srt");
    assert_string_equal(it->subtitles[3], "arabisch.srt"); /* ar is index 3 */
    assert_string_equal(it->subtitles[5], "/abs/oekraiens.srt");
    assert_string_equal(it->subtitles[1], "");
    ww_playlist_destroy(&pl);
    ww_diags_destroy(&d);

    /* Each key subtitles_LANG fills the track of that language. */
    for (size_t k = 1; k < n_all; k++) {
        char t[200];
        ww_fmt(t, sizeof t, "[film]\nfile = f.mp4\nsubtitles_%s = x.srt\n", all[k].code);
        assert_true(parse(t, &pl, &d));
        for (size_t j = 0; j < n_all; j++)
            assert_string_equal(pl.items[0].subtitles[j], j == k ? "x.srt" : "");
        ww_playlist_destroy(&pl);
        ww_diags_destroy(&d);
    }

    /* Order as listed, Dutch left out of the second track. */
    assert_true(parse("[screen]\nlanguages = ar, nl\n" SLIDE, &pl, &d));
    assert_string_equal(all[ww_playlist_slide_lang(&pl, 0)].code, "ar");
    assert_string_equal(all[ww_playlist_slide_lang(&pl, 1)].code, "nl");
    assert_string_equal(all[ww_playlist_second_lang(&pl, 0)].code, "ar");
    assert_string_equal(all[ww_playlist_second_lang(&pl, 1)].code, "ar");
    ww_playlist_destroy(&pl);
    ww_diags_destroy(&d);

    char out[WW_PATH_SIZE];
    assert_true(ww_subtitles_default("media/voorbeeldfilm.mp4", 0, out, sizeof out));
    assert_string_equal(out, "media/voorbeeldfilm.srt");
    assert_true(ww_subtitles_default("media/voorbeeldfilm.mp4", 3, out, sizeof out));
    assert_string_equal(out, "media/voorbeeldfilm.ar.srt");
    assert_true(ww_subtitles_default("my.media/film", 2, out, sizeof out));
    assert_string_equal(out, "my.media/film.tr.srt");
}

static void test_subst(void **state)
{
    (void)state;
    const char *keys[] = {"from", "to"};
    const char *vals[] = {"5 januari", "11 januari"};
    char out[64];
    ww_subst(out, sizeof out, "{from} tot en met {to}", keys, vals, 2);
    assert_string_equal(out, "5 januari tot en met 11 januari");
    ww_subst(out, sizeof out, "od {from} do {to} {x}", keys, vals, 2);
    assert_string_equal(out, "od 5 januari do 11 januari {x}");
    /* Cut on a whole character: "ü" is two bytes. */
    const char *v2[] = {"üüü", ""};
    ww_subst(out, 6, "{from}", keys, v2, 2);
    assert_string_equal(out, "üü");
    ww_subst(out, 5, "{from}", keys, v2, 2);
    assert_string_equal(out, "üü");
    ww_subst(out, 4, "{from}", keys, v2, 2);
    assert_string_equal(out, "ü");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample),
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_sequence_order),
        cmocka_unit_test(test_sequence_subtitles),
        cmocka_unit_test(test_sequence_skip),
        cmocka_unit_test(test_sequence_thousand_loops),
        cmocka_unit_test(test_opening_hours),
        cmocka_unit_test(test_week),
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_subst),
    };
    return cmocka_run_group_tests_name("playlist", tests, NULL, NULL);
}
