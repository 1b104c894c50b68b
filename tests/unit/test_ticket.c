/* Tickets in the core: the layout model (Dutch and translated, right to
 * left), QR matrices, rasters, ESC/POS bytes (golden files for 58 and 80 mm)
 * and status bytes, printer URIs, the null twin, the PNG and file-device
 * backends, and the order of work (printed only when confirmed) directly and
 * through the worker thread, on a real SQLite file. */
#include "booking.h"
#include "escpos.h"
#include "flow.h"
#include "i18n.h"
#include "ini.h"
#include "printer.h"
#include "qr.h"
#include "str.h"
#include "ticket.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

static struct ww_config cfg;
static char dir[128];
static int64_t now;
static struct ww_clock clk;

static int setup(void **state)
{
    (void)state;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&cfg, "kiosk-config", &d);
    ww_diags_destroy(&d);
    ww_strlcpy(dir, "/tmp/ww-ticket-XXXXXX", sizeof dir);
    if (!ok || !mkdtemp(dir))
        return -1;
    clk = ww_clock_fixed(&now);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    /* Remove what the tests made: store files and tickets. */
    static const char *const files[] = {"t.db", "t.db-wal", "t.db-shm", "dev.bin",
                                        "png/2026-11-24-S-001.png"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char p[300];
        ww_fmt(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    ww_fmt(cmd, sizeof cmd, "%s/png", dir);
    rmdir(cmd);
    rmdir(dir);
    ww_config_destroy(&cfg);
    return 0;
}

/* A fixed booking: Tuesday 24 November 2026, 10:30, desk 2. */
static struct ww_booking fixed_booking(void)
{
    struct ww_booking b = {0};
    b.id = 7;
    ww_strlcpy(b.location, "weener-xl", sizeof b.location);
    ww_strlcpy(b.partner, "sociaal-raadslieden", sizeof b.partner);
    b.day = ww_day_from_ymd(2026, 11, 24);
    b.start = 10 * 60 + 30;
    b.minutes = 30;
    b.desk = 2;
    ww_strlcpy(b.ticket, "S-014", sizeof b.ticket);
    ww_strlcpy(b.check, "7KQ2M9XAPD", sizeof b.check);
    return b;
}

static struct ww_ticket_params params(const struct ww_booking *b)
{
    struct ww_ticket_params p = {
        .loc = ww_config_location(&cfg, "weener-xl"),
        .partner = ww_config_partner(&cfg, b->partner, NULL),
        .booking = b,
        .room = "Spreekkamer 1",
        .desks = 2,
    };
    return p;
}

static const char *find_line(const struct ww_ticket *t, enum ww_tline kind, size_t nth)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->lines[i].kind == kind && nth-- == 0)
            return t->lines[i].text;
    return NULL;
}

static void test_layout_dutch(void **state)
{
    (void)state;
    struct ww_booking b = fixed_booking();
    struct ww_ticket_params p = params(&b);
    struct ww_ticket t;
    assert_int_equal(ww_ticket_build(&t, &p), WW_OK);
    assert_string_equal(t.number, "S-014");
    assert_string_equal(t.qr, "WW1:weener-xl:7KQ2M9XAPD");
    assert_false(t.rtl);
    assert_int_equal(t.width, WW_TICKET_DOTS_80);
    assert_string_equal(find_line(&t, WW_TLINE_NUMBER, 0), "S-014");
    assert_string_equal(find_line(&t, WW_TLINE_HEADING, 0), "Sociaal raadslieden");
    assert_string_equal(find_line(&t, WW_TLINE_TEXT, 0), "dinsdag 24 november, 10:30");
    assert_string_equal(find_line(&t, WW_TLINE_TEXT, 1), "Spreekkamer 1, plek 2");
    assert_string_equal(find_line(&t, WW_TLINE_ITEM, 0),
                        "Uw paspoort, identiteitskaart of verblijfsdocument");
    assert_string_equal(find_line(&t, WW_TLINE_ITEM, 1),
                        "De brieven of formulieren waar het om gaat");
    assert_null(find_line(&t, WW_TLINE_ITEM, 2));
    assert_string_equal(find_line(&t, WW_TLINE_TEXT, 2), "073 - 615 50 00");
    /* The number says who calls from it: the location, not "we". */
    assert_string_equal(find_line(&t, WW_TLINE_SMALL, 2),
                        "Belt Weener XL u? Dan ziet u dit nummer:");
    assert_string_equal(find_line(&t, WW_TLINE_SMALL, 0), "Weener XL");
    assert_non_null(find_line(&t, WW_TLINE_QR, 0));
    /* One desk: no desk number. The outcome's list replaces the partner's. */
    p.desks = 1;
    p.bring = "Uw paspoort";
    assert_int_equal(ww_ticket_build(&t, &p), WW_OK);
    assert_string_equal(find_line(&t, WW_TLINE_TEXT, 1), "Spreekkamer 1");
    assert_string_equal(find_line(&t, WW_TLINE_ITEM, 0), "Uw paspoort");
    assert_null(find_line(&t, WW_TLINE_ITEM, 1));
    /* The outcome's notices on paper (notice_ticket): after what to bring,
     * before the QR code. */
    const char *notices[] = {"Kijk op uwv.nl. Daar vraagt u de WW aan.", "Bel bij gevaar 112."};
    p.notices = "Kijk op uwv.nl. Daar vraagt u de WW aan.\nBel bij gevaar 112.";
    assert_int_equal(ww_ticket_build(&t, &p), WW_OK);
    size_t item = t.n, notice = t.n, qr = t.n;
    for (size_t i = 0; i < t.n; i++) {
        if (t.lines[i].kind == WW_TLINE_ITEM)
            item = i;
        if (strcmp(t.lines[i].text, notices[0]) == 0)
            notice = i;
        if (t.lines[i].kind == WW_TLINE_QR)
            qr = i;
    }
    assert_true(item < notice && notice < qr);
    assert_int_equal(t.lines[notice].kind, WW_TLINE_TEXT);
    /* One line each, in order. */
    assert_string_equal(t.lines[notice + 1].text, notices[1]);
    p.notices = NULL;
    /* The location's neutral wording: one line, no item names. */
    p.bring = "Brieven van schuldeisers en deurwaarders; Uw paspoort";
    p.bring_neutral = true;
    assert_int_equal(ww_ticket_build(&t, &p), WW_OK);
    assert_null(find_line(&t, WW_TLINE_ITEM, 0));
    for (size_t i = 0; i < t.n; i++)
        assert_null(strstr(t.lines[i].text, "schuldeisers"));
    assert_string_equal(find_line(&t, WW_TLINE_TEXT, 2),
                        "Neem de papieren mee die bij uw vraag horen.");
    p.bring_neutral = false;
    /* Nothing personal: no line holds the topic. */
    ww_strlcpy(b.topic, "scheiden", sizeof b.topic);
    assert_int_equal(ww_ticket_build(&t, &p), WW_OK);
    for (size_t i = 0; i < t.n; i++)
        assert_null(strstr(t.lines[i].text, "scheiden"));
}

static void test_block_of_booking(void **state)
{
    (void)state;
    struct ww_day_plan plan = {0};
    plan.n = 3;
    plan.blocks[0] = (struct ww_block){.partner = 1, .time = {540, 720}, .desks = 2};
    plan.blocks[1] = (struct ww_block){.partner = 2, .time = {540, 720}, .desks = 1};
    plan.blocks[2] = (struct ww_block){.partner = 1, .time = {780, 960}, .desks = 1};
    ww_strlcpy(plan.blocks[0].room, "Spreekkamer 1", sizeof plan.blocks[0].room);
    ww_strlcpy(plan.blocks[2].room, "Spreekkamer 3", sizeof plan.blocks[2].room);
    /* The afternoon booking gets the afternoon room, not the first one. */
    assert_ptr_equal(ww_ticket_block(&plan, 1, 600), &plan.blocks[0]);
    assert_ptr_equal(ww_ticket_block(&plan, 1, 800), &plan.blocks[2]);
    assert_string_equal(ww_ticket_block(&plan, 1, 800)->room, "Spreekkamer 3");
    assert_null(ww_ticket_block(&plan, 1, 720)); /* the end is not in the block */
    assert_null(ww_ticket_block(&plan, 3, 600));
}

static const char *tr_table(void *ctx, const char *lang, const char *msgid)
{
    (void)ctx;
    static const char *const table[][3] = {
        {"en", "{weekday} {day} {month}, {time}", "{weekday} {day} {month} at {time}"},
        {"en", "dinsdag", "Tuesday"},
        {"en", "november", "November"},
        {"en", "Uw nummer", "Your number"},
        {"ar", "dinsdag", "\xd8\xa7\xd9\x84\xd8\xab\xd9\x84\xd8\xa7\xd8\xab\xd8\xa7\xd8\xa1"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i][0], lang) == 0 && strcmp(table[i][1], msgid) == 0)
            return table[i][2];
    return NULL;
}

static const char *tr_catalogue(void *ctx, const char *lang, const char *msgid)
{
    (void)ctx;
    (void)lang; /* ww_i18n_set chose it */
    return ww_i18n_get(msgid);
}

/* With the shipped catalogues, a list of several things to bring is
 * printed item by item in the resident's language, and so are the partner
 * and the room (with the Dutch name on the door kept). */
static void test_layout_shipped_catalogues(void **state)
{
    (void)state;
    struct stat st;
    if (stat("build/locale/pl/LC_MESSAGES/wegwijzer.mo", &st) != 0)
        skip();
    ww_i18n_init("build/locale");
    struct ww_booking b = fixed_booking();
    static const char *const langs[] = {"en", "tr", "ar", "pl", "uk"};
    static const char *const lists[] = {
        NULL, /* the partner's own: two items */
        "Uw paspoort, identiteitskaart of verblijfsdocument; Uw loonstrook of uitkeringsbrief; "
        "Uw bankafschriften van de laatste 3 maanden"};
    for (size_t li = 0; li < 5; li++) {
        assert_true(ww_i18n_set(langs[li]));
        for (size_t k = 0; k < 2; k++) {
            struct ww_ticket_params p = params(&b);
            p.lang = langs[li];
            p.tr = tr_catalogue;
            p.bring = lists[k];
            struct ww_ticket t;
            assert_int_equal(ww_ticket_build(&t, &p), WW_OK);
            char buf[WW_TEXT_SIZE];
            const char *items[8];
            size_t n =
                ww_bring_items(lists[k] ? lists[k] : p.partner->bring, buf, sizeof buf, items, 8);
            assert_true(n >= 2);
            for (size_t i = 0; i < n; i++) {
                const char *line = find_line(&t, WW_TLINE_ITEM, i);
                assert_non_null(line);
                if (strcmp(line, items[i]) == 0)
                    fail_msg("%s: \"%s\" printed in Dutch", langs[li], items[i]);
            }
            const char *heading = find_line(&t, WW_TLINE_HEADING, 0);
            assert_non_null(strstr(heading, "Sociaal raadslieden ("));
            assert_non_null(strstr(find_line(&t, WW_TLINE_TEXT, 1), "Spreekkamer 1 ("));
        }
    }
    ww_i18n_set("nl");
}

/* A line that is a Dutch source text the catalogue translates (or leaves
 * untranslated) came out Dutch. */
static bool is_dutch(const struct ww_po *po, const char *text)
{
    for (size_t i = 0; i < po->n; i++)
        if (!po->entries[i].fuzzy && strcmp(po->entries[i].msgid, text) == 0)
            return strcmp(po->entries[i].msgstr, text) != 0;
    return false;
}

/* Check every line of one ticket; returns the number of Dutch lines. */
static int dutch_lines(const struct ww_ticket *t, const struct ww_po *po, const char *what)
{
    int bad = 0;
    for (size_t i = 0; i < t->n; i++) {
        const struct ww_ticket_line *l = &t->lines[i];
        if (l->kind != WW_TLINE_NUMBER && l->text[0] && is_dutch(po, l->text)) {
            print_error("%s: %s: \"%s\" is printed in Dutch\n", t->lang, what, l->text);
            bad++;
        }
    }
    return bad;
}

/* Every ticket the shipped content can print, in every language, with the
 * shipped catalogues: each partner and room of every location with its
 * own list, and every outcome's list and paper notices, laid out by the one
 * function all prints use, have no line left in Dutch. */
static void test_every_ticket_translated(void **state)
{
    (void)state;
    struct stat st;
    if (stat("build/locale/pl/LC_MESSAGES/wegwijzer.mo", &st) != 0)
        skip();
    ww_i18n_init("build/locale");
    struct ww_flows flows;
    struct ww_diags d;
    ww_diags_init(&d);
    assert_true(ww_flows_load(&flows, "kiosk-config/flows", &cfg, &d));
    ww_diags_destroy(&d);
    static const char *const langs[] = {"en", "tr", "ar", "pl", "uk"};
    int bad = 0, tickets = 0;
    for (size_t li = 0; li < 5; li++) {
        char path[64];
        ww_fmt(path, sizeof path, "locales/%s.po", langs[li]);
        struct ww_po po = {0};
        assert_true(ww_po_load(&po, path));
        for (size_t lo = 0; lo < cfg.n_locations; lo++) {
            const struct ww_location *loc = &cfg.locations[lo];
            struct ww_booking_ctx ctx = {&cfg, loc, NULL, &clk};
            struct ww_ticket_source src = {&ctx, ww_i18n_tr, NULL, 0, NULL};
            /* Each partner on site, in its room, with its own list; then
             * every outcome's list and notices with the first of them. */
            const struct ww_flow_outcome *all[512];
            size_t n_all = 0;
            for (size_t ti = 0; ti < flows.n_topics; ti++)
                for (size_t oi = 0; oi < flows.topics[ti].n_outcomes && n_all < 512; oi++)
                    all[n_all++] = &flows.topics[ti].outcomes[oi];
            for (size_t pr = 0; pr < loc->n_presence + n_all; pr++) {
                const struct ww_presence *on = &loc->presence[pr < loc->n_presence ? pr : 0];
                const struct ww_flow_outcome *o =
                    pr < loc->n_presence ? NULL : all[pr - loc->n_presence];
                struct ww_booking b = fixed_booking();
                ww_strlcpy(b.location, loc->id, sizeof b.location);
                ww_strlcpy(b.partner, cfg.partners[on->partner].id, sizeof b.partner);
                char notices[WW_TEXT_SIZE] = "";
                for (size_t i = 0; o && o->notice_ticket && i < o->n_notices; i++) {
                    size_t used = strlen(notices);
                    ww_fmt(notices + used, sizeof notices - used, "%s%s", i ? "\n" : "",
                           o->notices[i]);
                }
                ww_ticket_memo_make(&b.memo, loc, ww_location_partner(loc, on->partner), langs[li],
                                    o ? o->bring : NULL, notices);
                ww_strlcpy(b.memo.room, on->room, sizeof b.memo.room);
                b.memo.desks = 2;
                struct ww_ticket t;
                assert_int_equal(ww_ticket_of_booking(&t, &b, &src), WW_OK);
                assert_string_equal(t.lang, langs[li]);
                bad += dutch_lines(&t, &po, o ? o->id : b.partner);
                tickets++;
            }
        }
        ww_po_destroy(&po);
    }
    ww_flows_destroy(&flows);
    ww_i18n_set("nl");
    assert_true(tickets > 100);
    assert_int_equal(bad, 0);
}

/* Dates one way everywhere ("vrijdag 4 december"), with "vandaag" and
 * "morgen" where that is true. */
static void test_when_near(void **state)
{
    (void)state;
    static const struct {
        int y, m, d, minute;
        const char *want;
    } cases[] = {
        {2026, 12, 3, 9 * 60 + 30, "vandaag, donderdag 3 december, 09:30"},
        {2026, 12, 4, 9 * 60, "morgen, vrijdag 4 december, 09:00"},
        {2026, 12, 5, 13 * 60, "zaterdag 5 december, 13:00"},
        {2026, 12, 2, 9 * 60, "woensdag 2 december, 09:00"}, /* yesterday: the date */
        {2027, 1, 1, 9 * 60, "vrijdag 1 januari, 09:00"},
    };
    ww_day today = ww_day_from_ymd(2026, 12, 3);
    char buf[160];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ww_day day = ww_day_from_ymd(cases[i].y, cases[i].m, cases[i].d);
        ww_ticket_when_near(buf, sizeof buf, day, cases[i].minute, today, "nl", NULL, NULL);
        assert_string_equal(buf, cases[i].want);
    }
    /* Without a today (the paper ticket): the date alone. */
    ww_ticket_when_near(buf, sizeof buf, today, 9 * 60, WW_DAY_NONE, "nl", NULL, NULL);
    assert_string_equal(buf, "donderdag 3 december, 09:00");
    /* Over a month's end. */
    ww_ticket_when_near(buf, sizeof buf, ww_day_from_ymd(2026, 12, 1), 9 * 60,
                        ww_day_from_ymd(2026, 11, 30), "nl", NULL, NULL);
    assert_string_equal(buf, "morgen, dinsdag 1 december, 09:00");
    /* In a shipped catalogue. */
    struct stat st;
    if (stat("build/locale/en/LC_MESSAGES/wegwijzer.mo", &st) != 0)
        return;
    ww_i18n_init("build/locale");
    assert_true(ww_i18n_set("en"));
    ww_ticket_when_near(buf, sizeof buf, ww_day_from_ymd(2026, 12, 4), 9 * 60, today, "en",
                        tr_catalogue, NULL);
    assert_string_equal(buf, "tomorrow, Friday 4 December, 09:00");
    ww_i18n_set("nl");
}

static void test_layout_translated(void **state)
{
    (void)state;
    struct ww_booking b = fixed_booking();
    struct ww_ticket_params p = params(&b);
    p.lang = "en";
    p.tr = tr_table;
    p.width = WW_TICKET_DOTS_58;
    struct ww_ticket t;
    assert_int_equal(ww_ticket_build(&t, &p), WW_OK);
    assert_string_equal(find_line(&t, WW_TLINE_TEXT, 0), "Tuesday 24 November at 10:30");
    assert_string_equal(find_line(&t, WW_TLINE_LABEL, 0), "Your number");
    /* Untranslated texts stay Dutch. */
    assert_string_equal(find_line(&t, WW_TLINE_LABEL, 1), "Neem mee:");
    assert_int_equal(t.width, WW_TICKET_DOTS_58);
    p.lang = "ar";
    assert_int_equal(ww_ticket_build(&t, &p), WW_OK);
    assert_true(t.rtl);
    assert_non_null(strstr(find_line(&t, WW_TLINE_TEXT, 0), "\xd8\xa7\xd9\x84"));
    p.width = 500;
    assert_int_equal(ww_ticket_build(&t, &p), WW_ERR_INVALID);
    assert_true(ww_lang_rtl("ar"));
    assert_true(ww_lang_rtl("fa-IR"));
    assert_false(ww_lang_rtl("nl"));
    assert_false(ww_lang_rtl("arn"));
}

static void test_layout_cuts_utf8(void **state)
{
    (void)state;
    struct ww_booking b = fixed_booking();
    struct ww_ticket_params p = params(&b);
    /* 300 bytes of two-byte letters with one ASCII byte first: a byte cut
     * would land in the middle of a letter. */
    char room[320] = "x";
    for (size_t i = 1; i + 2 < 302; i += 2)
        memcpy(room + i, "\xc3\xa9", 3);
    p.room = room;
    p.desks = 1;
    struct ww_ticket t;
    assert_int_equal(ww_ticket_build(&t, &p), WW_OK);
    const char *l = find_line(&t, WW_TLINE_TEXT, 1);
    size_t n = strlen(l);
    assert_true(n < WW_TICKET_LINE_SIZE);
    assert_int_equal(n % 2, 1); /* "x" and whole letters */
    assert_int_equal((unsigned char)l[n - 1], 0xa9);
}

static void test_qr(void **state)
{
    (void)state;
    struct ww_qr qr;
    assert_true(ww_qr_encode(&qr, "WW1:weener-xl:7KQ2M9XAPD", WW_QR_ECC_Q));
    assert_int_equal(qr.size, 29); /* version 3 */
    /* Finder patterns: dark corners, light separator. */
    assert_true(ww_qr_dark(&qr, 0, 0));
    assert_true(ww_qr_dark(&qr, 28, 0));
    assert_true(ww_qr_dark(&qr, 0, 28));
    assert_false(ww_qr_dark(&qr, 7, 7));
    assert_false(ww_qr_dark(&qr, -1, 0));
    /* 8 dots per module at most, quiet zone included in the fit. */
    assert_int_equal(ww_qr_scale(&qr, 1000, 8), 8);
    assert_int_equal(ww_qr_scale(&qr, 37 * 5 + 3, 8), 5);
    assert_int_equal(ww_qr_scale(&qr, 36, 8), 0);
    struct ww_raster r;
    assert_true(ww_raster_init(&r, 296, 296));
    assert_int_equal(ww_qr_draw(&qr, &r, 0, 0, 8), 296);
    assert_false(ww_raster_get(&r, 31, 31)); /* quiet zone */
    assert_true(ww_raster_get(&r, 32, 32));  /* first module */
    assert_true(ww_raster_get(&r, 39, 39));
    ww_raster_destroy(&r);
    ww_qr_destroy(&qr);
    /* The longest payload (a 31-character location id) still gets 8 dots
     * per module on 58 mm paper (352 dots inside the margins). */
    assert_true(ww_qr_encode(&qr, "WW1:abcdefghijklmnopqrstuvwxyz01234:7KQ2M9XAPD", WW_QR_ECC_Q));
    assert_int_equal(ww_qr_scale(&qr, 352, 8), 8);
    ww_qr_destroy(&qr);
    /* A payload far too long for any QR fails cleanly. */
    char big[8000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_false(ww_qr_encode(&qr, big, WW_QR_ECC_H));
    assert_null(qr.modules);
}

static void test_raster(void **state)
{
    (void)state;
    struct ww_raster r;
    assert_false(ww_raster_init(&r, 0, 10));
    assert_null(r.bits);
    assert_true(ww_raster_init(&r, 20, 10));
    assert_int_equal(r.stride, 3);
    ww_raster_set(&r, 0, 0, true);
    ww_raster_set(&r, 19, 9, true);
    ww_raster_set(&r, 25, 0, true); /* clipped */
    assert_int_equal(r.bits[0], 0x80);
    assert_int_equal(r.bits[9 * 3 + 2], 0x10);
    ww_raster_fill(&r, -5, 3, 100, 1, true);
    assert_int_equal(r.bits[3 * 3], 0xFF);
    ww_raster_fill(&r, 3, 1, 15, 1, true); /* ragged on both ends */
    assert_int_equal(r.bits[1 * 3 + 0], 0x1F);
    assert_int_equal(r.bits[1 * 3 + 1], 0xFF);
    assert_int_equal(r.bits[1 * 3 + 2], 0xC0);
    ww_raster_fill(&r, 9, 1, 3, 1, false); /* inside one byte */
    assert_int_equal(r.bits[1 * 3 + 1], 0x8F);
    ww_raster_fill(&r, 19, 9, 1, 1, false);
    ww_raster_trim(&r);
    assert_int_equal(r.height, 4);
    struct ww_raster moved;
    ww_raster_move(&moved, &r);
    assert_null(r.bits);
    assert_int_equal(moved.height, 4);
    ww_raster_destroy(&moved);
    ww_raster_destroy(&r);
}

static void test_escpos_bytes(void **state)
{
    (void)state;
    struct ww_raster r;
    assert_true(ww_raster_init(&r, 16, 3));
    ww_raster_fill(&r, 0, 0, 8, 1, true);
    ww_raster_fill(&r, 8, 2, 8, 1, true);
    struct ww_bytes out;
    ww_bytes_init(&out);
    struct ww_escpos_opts o = {.band_rows = 2, .feed_lines = 5};
    assert_true(ww_escpos_ticket(&out, &r, &o));
    static const unsigned char want[] = {
        0x1B, '@',                                       /* init */
        0x1D, 'v', '0', 0, 2, 0, 2, 0, 0xFF, 0,    0, 0, /* band 1: rows 0-1 */
        0x1D, 'v', '0', 0, 2, 0, 1, 0, 0,    0xFF,       /* band 2: row 2 */
        0x1B, 'd', 5,                                    /* feed */
        0x1D, 'V', 66,  0,                               /* cut */
    };
    assert_int_equal(out.len, sizeof want);
    assert_memory_equal(out.data, want, sizeof want);
    ww_bytes_destroy(&out);
    /* Widths that are no whole bytes and silly bands are refused. */
    ww_raster_destroy(&r);
    assert_true(ww_raster_init(&r, 10, 3));
    ww_bytes_init(&out);
    assert_false(ww_escpos_ticket(&out, &r, NULL));
    ww_raster_destroy(&r);
    assert_true(ww_raster_init(&r, 16, 3));
    o.band_rows = 3000;
    assert_false(ww_escpos_ticket(&out, &r, &o));
    ww_bytes_destroy(&out);
    ww_raster_destroy(&r);
}

static void test_escpos_status(void **state)
{
    (void)state;
    static const struct {
        int n;
        unsigned char byte;
        bool valid, offline, cover, paper_out, near_end;
        enum ww_err err;
    } cases[] = {
        {1, 0x12, true, false, false, false, false, WW_OK},
        {1, 0x1A, true, true, false, false, false, WW_ERR_UNAVAILABLE},
        {2, 0x12, true, false, false, false, false, WW_OK},
        {2, 0x16, true, false, true, false, false, WW_ERR_PAPER},
        {2, 0x32, true, false, false, true, false, WW_ERR_PAPER},
        {4, 0x12, true, false, false, false, false, WW_OK},
        {4, 0x1E, true, false, false, false, true, WW_OK},
        {4, 0x72, true, false, false, true, false, WW_ERR_PAPER},
        {4, 0x00, false, false, false, false, false, WW_OK}, /* fixed bits wrong */
        {4, 0x93, false, false, false, false, false, WW_OK},
        {9, 0x12, false, false, false, false, false, WW_OK},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ww_printer_status st = {0};
        assert_int_equal(ww_escpos_status_apply(cases[i].n, cases[i].byte, &st), cases[i].valid);
        assert_int_equal(st.offline, cases[i].offline);
        assert_int_equal(st.cover_open, cases[i].cover);
        assert_int_equal(st.paper_out, cases[i].paper_out);
        assert_int_equal(st.paper_near_end, cases[i].near_end);
        assert_int_equal(ww_printer_status_err(&st), cases[i].err);
    }
    struct ww_printer_status st = {0};
    assert_true(ww_escpos_paper_apply(0x00, &st));
    assert_false(st.paper_out);
    assert_true(ww_escpos_paper_apply(0x0C, &st));
    assert_true(st.paper_out);
    assert_false(ww_escpos_paper_apply(0x80, &st));
    unsigned char q[3];
    ww_escpos_status_request(q, 4);
    assert_memory_equal(q, "\x10\x04\x04", 3);
    ww_escpos_paper_request(q);
    assert_memory_equal(q, "\x1d\x72\x01", 3);
}

/* Golden printer bytes of the headless ticket (QR and frame) at both widths. */
static void golden(int width, const char *ref)
{
    struct ww_booking b = fixed_booking();
    struct ww_ticket_params p = params(&b);
    p.width = width;
    struct ww_ticket t;
    assert_int_equal(ww_ticket_build(&t, &p), WW_OK);
    struct ww_raster r;
    assert_true(ww_ticket_raster_plain(&t, &r));
    assert_int_equal(r.width, width);
    struct ww_bytes out;
    ww_bytes_init(&out);
    assert_true(ww_escpos_ticket(&out, &r, NULL));
    if (getenv("WW_UPDATE_GOLDEN")) {
        FILE *f = fopen(ref, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(out.data, 1, out.len, f), out.len);
        fclose(f);
    }
    size_t len;
    char *want = ww_read_file(ref, 1 << 20, &len);
    assert_non_null(want);
    assert_int_equal(len, out.len);
    assert_memory_equal(want, out.data, len);
    free(want);
    ww_bytes_destroy(&out);
    ww_raster_destroy(&r);
}

static void test_golden_80(void **state)
{
    (void)state;
    golden(WW_TICKET_DOTS_80, "tests/ref/escpos-80.bin");
}

static void test_golden_58(void **state)
{
    (void)state;
    golden(WW_TICKET_DOTS_58, "tests/ref/escpos-58.bin");
}

static void test_printer_uris(void **state)
{
    (void)state;
    char err[256];
    struct ww_printer *p =
        ww_printer_open("png:tickets?width=58&timeout=3", "/tmp", err, sizeof err);
    assert_non_null(p);
    assert_int_equal(ww_printer_width(p), WW_TICKET_DOTS_58);
    assert_int_equal(p->timeout_ms, 3000);
    ww_printer_free(p);
    p = ww_printer_open("escpos-net:printer.local", NULL, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(ww_printer_width(p), WW_TICKET_DOTS_80);
    ww_printer_free(p);
    p = ww_printer_open("cups:Kassa", NULL, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(p->timeout_ms, 30000);
    ww_printer_free(p);
    static const struct {
        const char *uri, *msg;
    } bad[] = {
        {"laser:x", "unknown kind 'laser'"},
        {"png:t?width=62", "must be 80 or 58"},
        {"png:t?timeout=0", "1 to 600"},
        {"png:t?colour=red", "unknown printer option 'colour'"},
        {"png:t?width", "has no value"},
        {"png:t?status=maybe", "must be yes or no"},
        {"png:", "needs a folder"},
        {"escpos:lp0", "needs a device path"},
        {"escpos-net:host:99999", "is not HOST:PORT"},
        {"cups:", "needs a queue name"},
        {"cups:-x", "needs a queue name"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        assert_null(ww_printer_open(bad[i].uri, NULL, err, sizeof err));
        if (!strstr(err, bad[i].msg))
            fail_msg("%s: '%s' lacks '%s'", bad[i].uri, err, bad[i].msg);
    }
    assert_true(ww_printer_check_uri("escpos:/dev/usb/lp0?width=58&status=no", err, sizeof err));
    assert_false(ww_printer_check_uri("laser:x", err, sizeof err));
    assert_non_null(strstr(err, "unknown kind"));
    /* none: every ticket goes on screen. */
    p = ww_printer_open("none", NULL, err, sizeof err);
    assert_non_null(p);
    struct ww_raster r;
    assert_true(ww_raster_init(&r, WW_TICKET_DOTS_80, 10));
    struct ww_print_job job = {&r, "x", 0};
    assert_int_equal(ww_printer_print(p, &job), WW_ERR_UNAVAILABLE);
    assert_string_equal(ww_printer_detail(p), "no printer configured");
    /* A raster of the wrong width never reaches a printer. */
    ww_raster_destroy(&r);
    assert_true(ww_raster_init(&r, WW_TICKET_DOTS_58, 10));
    assert_int_equal(ww_printer_print(p, &job), WW_ERR_INVALID);
    assert_int_equal(ww_printer_null_log(p)->prints, 1);
    ww_raster_destroy(&r);
    ww_printer_free(p);
    /* A job past its deadline before it starts (it waited behind a slow
     * ticket) is cancelled without reaching the printer; in time, it prints. */
    p = ww_printer_null_new(WW_OK, WW_TICKET_DOTS_80);
    assert_true(ww_raster_init(&r, WW_TICKET_DOTS_80, 10));
    job.deadline_ms = ww_printer_now_ms() - 1;
    assert_int_equal(ww_printer_print(p, &job), WW_ERR_UNAVAILABLE);
    assert_non_null(strstr(ww_printer_detail(p), "cancelled"));
    assert_int_equal(ww_printer_null_log(p)->prints, 0);
    job.deadline_ms = ww_printer_now_ms() + 60000;
    assert_int_equal(ww_printer_print(p, &job), WW_OK);
    assert_int_equal(ww_printer_null_log(p)->prints, 1);
    ww_raster_destroy(&r);
    ww_printer_free(p);
}

static struct ww_store *open_store(void)
{
    char uri[256], err[256];
    ww_fmt(uri, sizeof uri, "sqlite:%s/t.db", dir);
    struct ww_store *s = ww_store_open(uri, NULL, err, sizeof err);
    assert_non_null(s);
    return s;
}

static struct ww_booking book(struct ww_store *s)
{
    struct ww_booking_ctx ctx = {&cfg, ww_config_location(&cfg, "weener-xl"), s, &clk};
    assert_true(ww_instant_parse("2026-11-24T09:10", &now));
    size_t pi;
    assert_non_null(ww_config_partner(&cfg, "sociaal-raadslieden", &pi));
    ww_day d;
    int m;
    ww_clock_local(&clk, &d, &m);
    struct ww_booking_want w = {.partner = pi, .when = WW_BOOK_FIRST_FREE, .day = d};
    struct ww_booking b;
    assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_OK);
    return b;
}

static bool printed(struct ww_store *s, const struct ww_booking *b)
{
    struct ww_booking got;
    assert_int_equal(ww_store_find_check(s, b->check, &got), WW_OK);
    return got.printed;
}

static void plain(const struct ww_booking *b, struct ww_raster *r)
{
    struct ww_ticket_params p = params(b);
    struct ww_ticket t;
    assert_int_equal(ww_ticket_build(&t, &p), WW_OK);
    assert_true(ww_ticket_raster_plain(&t, r));
}

static void test_issue_order_of_work(void **state)
{
    (void)state;
    struct ww_store *s = open_store();
    struct ww_booking b = book(s);
    struct ww_raster r;
    plain(&b, &r);
    struct ww_printer *p = ww_printer_null_new(WW_ERR_PAPER, 0);
    char name[40];
    ww_ticket_name(&b, name, sizeof name);
    assert_string_equal(name, "2026-11-24-S-001");
    /* Paper out: the booking stays, unprinted. */
    assert_int_equal(ww_ticket_issue(s, p, &r, b.id, name), WW_ERR_PAPER);
    assert_false(printed(s, &b));
    ww_printer_null_set_result(p, WW_ERR_UNAVAILABLE);
    assert_int_equal(ww_ticket_issue(s, p, &r, b.id, name), WW_ERR_UNAVAILABLE);
    assert_false(printed(s, &b));
    /* Printer back: printed. */
    ww_printer_null_set_result(p, WW_OK);
    assert_int_equal(ww_ticket_issue(s, p, &r, b.id, name), WW_OK);
    assert_true(printed(s, &b));
    const struct ww_printer_null_log *log = ww_printer_null_log(p);
    assert_int_equal(log->prints, 3);
    assert_int_equal(log->last_width, WW_TICKET_DOTS_80);
    assert_int_equal(log->last_height, r.height);
    assert_string_equal(log->last_name, name);
    /* A booking that is gone cannot be marked. */
    assert_int_equal(ww_ticket_issue(s, p, &r, 9999, name), WW_ERR_NOT_FOUND);
    ww_printer_free(p);
    ww_raster_destroy(&r);
    ww_store_free(s);
}

struct waiter {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int done;
};

static void on_done(void *ctx)
{
    struct waiter *w = ctx;
    pthread_mutex_lock(&w->lock);
    w->done++;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
}

static void wait_done(struct waiter *w, int n)
{
    pthread_mutex_lock(&w->lock);
    while (w->done < n)
        pthread_cond_wait(&w->cond, &w->lock);
    pthread_mutex_unlock(&w->lock);
}

static void test_worker(void **state)
{
    (void)state;
    struct ww_store *s = open_store();
    struct ww_booking b1 = book(s), b2 = book(s);
    struct waiter w = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
    struct ww_printer *p = ww_printer_null_new(WW_ERR_PAPER, 0);
    struct ww_print_worker *wk = ww_print_worker_new(p, on_done, &w);
    assert_non_null(wk);
    assert_int_equal(ww_print_worker_width(wk), WW_TICKET_DOTS_80);
    struct ww_raster r;
    plain(&b1, &r);
    assert_true(ww_print_worker_submit(wk, b1.id, "one", &r));
    assert_null(r.bits); /* taken over */
    wait_done(&w, 1);
    struct ww_print_result res;
    assert_true(ww_print_worker_poll(wk, &res));
    assert_int_equal(res.booking_id, b1.id);
    assert_int_equal(res.err, WW_ERR_PAPER);
    assert_string_equal(res.name, "one");
    assert_int_equal(ww_ticket_finish(s, &res), WW_ERR_PAPER);
    assert_false(printed(s, &b1));
    /* The null printer is the worker's now; only its thread prints, and it
     * is idle between jobs, so changing the answer here is safe. */
    ww_printer_null_set_result(p, WW_OK);
    plain(&b2, &r);
    assert_true(ww_print_worker_submit(wk, b2.id, "two", &r));
    wait_done(&w, 2);
    assert_true(ww_print_worker_poll(wk, &res));
    assert_int_equal(res.err, WW_OK);
    assert_int_equal(ww_ticket_finish(s, &res), WW_OK);
    assert_true(printed(s, &b2));
    assert_false(printed(s, &b1));
    assert_false(ww_print_worker_poll(wk, &res));
    ww_print_worker_free(wk);
    ww_store_free(s);
}

/* A printer that takes the connection and never answers: the worker is busy
 * for its timeout, the queue fills, the ninth ticket is refused at once, and
 * stopping the worker drops what was queued. */
static void test_worker_queue_full(void **state)
{
    (void)state;
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(ls >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(ls, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(ls, 16), 0);
    socklen_t len = sizeof a;
    assert_int_equal(getsockname(ls, (struct sockaddr *)&a, &len), 0);
    char uri[80], err[256];
    ww_fmt(uri, sizeof uri, "escpos-net:127.0.0.1:%d?timeout=1", ntohs(a.sin_port));
    struct ww_printer *p = ww_printer_open(uri, NULL, err, sizeof err);
    assert_non_null(p);
    struct ww_print_worker *wk = ww_print_worker_new(p, NULL, NULL);
    assert_non_null(wk);
    struct ww_booking b = fixed_booking();
    for (int i = 0; i < 9; i++) {
        struct ww_raster r;
        plain(&b, &r);
        bool queued = ww_print_worker_submit(wk, i, "t", &r);
        assert_int_equal(queued, i < 8);
        assert_null(r.bits);
    }
    ww_print_worker_free(wk);
    close(ls);
}

static void test_png_and_device(void **state)
{
    (void)state;
    struct ww_booking b = fixed_booking();
    struct ww_raster r;
    plain(&b, &r);
    char err[256], uri[300], path[300];
    /* PNG: a whole file under the state folder, no temporary left. */
    struct ww_printer *p = ww_printer_open("png:png", dir, err, sizeof err);
    assert_non_null(p);
    struct ww_print_job job = {&r, "2026-11-24-S-001", 0};
    assert_int_equal(ww_printer_print(p, &job), WW_OK);
    ww_printer_free(p);
    ww_fmt(path, sizeof path, "%s/png/2026-11-24-S-001.png", dir);
    size_t len;
    char *png = ww_read_file(path, 1 << 20, &len);
    assert_non_null(png);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    free(png);
    ww_fmt(path, sizeof path, "%s/png/2026-11-24-S-001.png.tmp", dir);
    assert_int_not_equal(access(path, F_OK), 0);
    /* A folder that cannot be made. */
    p = ww_printer_open("png:/proc/no/such", NULL, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(ww_printer_print(p, &job), WW_ERR_IO);
    assert_non_null(strstr(ww_printer_detail(p), "cannot create folder"));
    ww_printer_free(p);
    /* escpos to a plain file: exactly the encoder's bytes, no status talk. */
    ww_fmt(path, sizeof path, "%s/dev.bin", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fclose(f);
    ww_fmt(uri, sizeof uri, "escpos:%s", path);
    p = ww_printer_open(uri, NULL, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(ww_printer_print(p, &job), WW_OK);
    ww_printer_free(p);
    struct ww_bytes want;
    ww_bytes_init(&want);
    assert_true(ww_escpos_ticket(&want, &r, NULL));
    char *got = ww_read_file(path, 1 << 20, &len);
    assert_non_null(got);
    assert_int_equal(len, want.len);
    assert_memory_equal(got, want.data, len);
    free(got);
    ww_bytes_destroy(&want);
    /* A character device that never answers (like a printer that cannot
     * send): refused, unless the location says status=no. */
    p = ww_printer_open("escpos:/dev/null?timeout=1", NULL, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(ww_printer_print(p, &job), WW_ERR_UNAVAILABLE);
    assert_non_null(strstr(ww_printer_detail(p), "does not answer a status request"));
    ww_printer_free(p);
    p = ww_printer_open("escpos:/dev/null?status=no", NULL, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(ww_printer_print(p, &job), WW_OK);
    ww_printer_free(p);
    /* A device that is not there: offline. */
    p = ww_printer_open("escpos:/dev/usb/no-such-lp9", NULL, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(ww_printer_print(p, &job), WW_ERR_UNAVAILABLE);
    ww_printer_free(p);
    /* A network printer nobody listens on: offline, within the timeout. */
    p = ww_printer_open("escpos-net:127.0.0.1:1?timeout=2", NULL, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(ww_printer_print(p, &job), WW_ERR_UNAVAILABLE);
    assert_non_null(strstr(ww_printer_detail(p), "does not answer"));
    ww_printer_free(p);
    ww_raster_destroy(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_dutch),
        cmocka_unit_test(test_every_ticket_translated),
        cmocka_unit_test(test_layout_translated),
        cmocka_unit_test(test_when_near),
        cmocka_unit_test(test_layout_shipped_catalogues),
        cmocka_unit_test(test_layout_cuts_utf8),
        cmocka_unit_test(test_block_of_booking),
        cmocka_unit_test(test_qr),
        cmocka_unit_test(test_raster),
        cmocka_unit_test(test_escpos_bytes),
        cmocka_unit_test(test_escpos_status),
        cmocka_unit_test(test_golden_80),
        cmocka_unit_test(test_golden_58),
        cmocka_unit_test(test_printer_uris),
        cmocka_unit_test(test_issue_order_of_work),
        cmocka_unit_test(test_worker),
        cmocka_unit_test(test_worker_queue_full),
        cmocka_unit_test(test_png_and_device),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
