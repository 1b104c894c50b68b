/* The staff side without a screen: today's partners as staff see them,
 * changes with their audit entries, undo, the hours steppers, the PIN pad
 * with its lockout, the idle close, check-in and reprint, on the sample
 * config with a virtual clock and a real SQLite file. */
#include "code.h"
#include "staff.h"
#include "str.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static struct ww_config cfg;
static const struct ww_location *loc;
static char dir[128];
static int64_t now;
static struct ww_clock clk;
static char hash[WW_PIN_HASH_SIZE];
static int n_stores;

static int setup(void **state)
{
    (void)state;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&cfg, "kiosk-config", &d);
    ww_diags_destroy(&d);
    ww_strlcpy(dir, "/tmp/ww-staff-XXXXXX", sizeof dir);
    if (!ok || !mkdtemp(dir))
        return -1;
    loc = ww_config_location(&cfg, "weener-xl");
    clk = ww_clock_fixed(&now);
    return loc && ww_pin_hash("2468", hash, sizeof hash) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char path[256];
    static const char *const suffix[] = {"", "-wal", "-shm"};
    for (int n = 1; n <= n_stores; n++)
        for (int i = 0; i < 3; i++) {
            ww_fmt(path, sizeof path, "%s/s%d.db%s", dir, n, suffix[i]);
            unlink(path);
        }
    rmdir(dir);
    ww_config_destroy(&cfg);
    return 0;
}

static struct ww_store *store(void)
{
    char uri[256], err[256];
    ww_fmt(uri, sizeof uri, "sqlite:%s/s%d.db", dir, ++n_stores);
    struct ww_store *s = ww_store_open(uri, NULL, err, sizeof err);
    assert_non_null(s);
    return s;
}

static void at(const char *when)
{
    assert_true(ww_instant_parse(when, &now));
}

static size_t pidx(const char *id)
{
    size_t i;
    assert_non_null(ww_config_partner(&cfg, id, &i));
    return i;
}

static ww_day day_of(const char *iso)
{
    ww_day d;
    assert_true(ww_day_parse(iso, &d));
    return d;
}

static size_t audit_count(struct ww_store *s, ww_day day, const char *action, const char *role)
{
    struct ww_audit *a = NULL;
    size_t n = 0, hits = 0;
    assert_int_equal(ww_store_audit_list(s, loc->id, day, &a, &n), WW_OK);
    for (size_t i = 0; i < n; i++)
        if ((!action || strcmp(a[i].action, action) == 0) &&
            (!role || strcmp(a[i].role, role) == 0))
            hits++;
    free(a);
    return hits;
}

static struct ww_booking book(struct ww_booking_ctx *ctx, const char *partner, const char *req)
{
    struct ww_booking_want w = {0};
    w.partner = pidx(partner);
    w.topic = "";
    w.when = WW_BOOK_FIRST_FREE;
    ww_day d;
    int m;
    ww_clock_local(&clk, &d, &m);
    w.day = d;
    w.request_id = req;
    struct ww_booking b;
    assert_int_equal(ww_booking_make(ctx, &w, &b), WW_OK);
    return b;
}

/* A Tuesday: the general desk, sociaal raadslieden, the Belastingdienst and
 * Werk en inkomen are in; the Juridisch Loket (Wednesdays) is not. */
static void test_day_view(void **state)
{
    (void)state;
    at("2026-11-24T08:00");
    struct ww_store *s = store();
    struct ww_booking_ctx ctx = {&cfg, loc, s, &clk};
    struct ww_staff_day d;
    assert_int_equal(ww_staff_day_load(&ctx, day_of("2026-11-24"), &d), WW_OK);
    assert_true(d.store_ok);
    assert_false(d.closed);
    const struct ww_staff_row *r = ww_staff_day_row(&cfg, &d, "belastingdienst");
    assert_non_null(r);
    assert_true(r->present);
    assert_true(r->scheduled);
    assert_false(r->changed);
    assert_int_equal(r->time[0], 9 * 60);
    assert_int_equal(r->time[1], 16 * 60);
    assert_int_equal(r->desks, 1);
    assert_string_equal(r->room, "Balie 4");
    assert_null(ww_staff_day_row(&cfg, &d, "juridisch-loket"));
    bool addable = false;
    for (size_t i = 0; i < d.n_addable; i++)
        if (d.addable[i] == pidx("juridisch-loket"))
            addable = true;
    assert_true(addable);
    assert_string_equal(d.last_partner, "");
    ww_store_free(s);
}

static void test_absent_and_undo(void **state)
{
    (void)state;
    at("2026-11-24T08:00");
    struct ww_store *s = store();
    struct ww_booking_ctx ctx = {&cfg, loc, s, &clk};
    ww_day day = day_of("2026-11-24");
    struct ww_staff_who w = {"staff", day};
    int64_t seq0 = 0, seq1 = 0;
    assert_int_equal(ww_store_change_seq(s, &seq0), WW_OK);
    assert_int_equal(ww_staff_absent(&ctx, &w, pidx("belastingdienst")), WW_OK);
    assert_int_equal(ww_store_change_seq(s, &seq1), WW_OK);
    assert_true(seq1 > seq0);
    /* Absent twice: it is no longer here. */
    assert_int_equal(ww_staff_absent(&ctx, &w, pidx("belastingdienst")), WW_ERR_ALREADY);
    struct ww_staff_day d;
    ww_staff_day_load(&ctx, day, &d);
    const struct ww_staff_row *r = ww_staff_day_row(&cfg, &d, "belastingdienst");
    assert_non_null(r);
    assert_false(r->present);
    assert_true(r->changed);
    assert_true(r->scheduled);
    assert_int_equal(r->time[0], 9 * 60); /* its usual hours, for "here after all" */
    assert_string_equal(d.last_partner, "belastingdienst");
    /* Its free slots are gone for residents. */
    struct ww_slot slots[64];
    size_t n = 99;
    assert_int_equal(ww_booking_slots(&ctx, pidx("belastingdienst"), day, slots, 64, &n), WW_OK);
    assert_int_equal(n, 0);
    assert_int_equal(audit_count(s, day, "absent", "staff"), 1);

    /* Undo walks back through the day's changes, newest first. */
    assert_int_equal(ww_staff_set(&ctx, &w, pidx("werk-inkomen"), 9 * 60, 11 * 60, 3, NULL), WW_OK);
    char partner[WW_ID_SIZE];
    assert_int_equal(ww_staff_undo_last(&ctx, &w, partner), WW_OK);
    assert_string_equal(partner, "werk-inkomen");
    assert_int_equal(ww_staff_undo_last(&ctx, &w, partner), WW_OK);
    assert_string_equal(partner, "belastingdienst");
    assert_int_equal(ww_staff_undo_last(&ctx, &w, partner), WW_ERR_ALREADY);
    ww_staff_day_load(&ctx, day, &d);
    r = ww_staff_day_row(&cfg, &d, "belastingdienst");
    assert_true(r->present);
    assert_false(r->changed);
    assert_int_equal(audit_count(s, day, "undo", "staff"), 2);
    ww_store_free(s);
}

static void test_bad_changes_write_nothing(void **state)
{
    (void)state;
    at("2026-11-24T08:00");
    struct ww_store *s = store();
    struct ww_booking_ctx ctx = {&cfg, loc, s, &clk};
    ww_day day = day_of("2026-11-24");
    struct ww_staff_who w = {"staff", day};
    size_t p = pidx("belastingdienst");
    static const struct {
        int from, to, desks;
    } bad[] = {
        {12 * 60, 11 * 60, 1}, /* end before start */
        {12 * 60, 12 * 60, 1}, /* empty */
        {9 * 60, 12 * 60, 0},  /* no desk */
        {9 * 60, 12 * 60, WW_STAFF_MAX_DESKS + 1},
        {-15, 12 * 60, 1},
        {9 * 60, 24 * 60 + 15, 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(ww_staff_set(&ctx, &w, p, bad[i].from, bad[i].to, bad[i].desks, NULL),
                         WW_ERR_INVALID);
    struct ww_staff_who past = {"staff", day - 1};
    assert_int_equal(ww_staff_absent(&ctx, &past, p), WW_ERR_INVALID);
    assert_int_equal(ww_staff_set(&ctx, &past, p, 9 * 60, 10 * 60, 1, NULL), WW_ERR_INVALID);
    assert_int_equal(audit_count(s, day, NULL, NULL), 0);
    assert_int_equal(audit_count(s, day - 1, NULL, NULL), 0);
    /* An extra partner is an "add". */
    assert_int_equal(ww_staff_set(&ctx, &w, pidx("juridisch-loket"), 13 * 60, 15 * 60, 1, "K2"),
                     WW_OK);
    assert_int_equal(audit_count(s, day, "add", "staff"), 1);
    struct ww_staff_day d;
    ww_staff_day_load(&ctx, day, &d);
    const struct ww_staff_row *r = ww_staff_day_row(&cfg, &d, "juridisch-loket");
    assert_non_null(r);
    assert_true(r->present && r->changed);
    assert_false(r->scheduled);
    ww_store_free(s);
}

static void test_steps(void **state)
{
    (void)state;
    ww_day tue = day_of("2026-11-24"); /* open 08:30-17:00 */
    struct ww_staff_row r = {.time = {9 * 60, 12 * 60}, .desks = 1};
    int f, t, d;
    static const struct {
        const char *what;
        bool ok;
        int from, to, desks;
    } cases[] = {
        {"from-", true, 8 * 60 + 45, 12 * 60, 1},
        {"from+", true, 9 * 60 + 15, 12 * 60, 1},
        {"to-", true, 9 * 60, 11 * 60 + 45, 1},
        {"to+", true, 9 * 60, 12 * 60 + 15, 1},
        {"desks+", true, 9 * 60, 12 * 60, 2},
        {"desks-", false, 0, 0, 0},
        {"bogus", false, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool ok = ww_staff_step(loc, tue, &r, cases[i].what, &f, &t, &d);
        assert_int_equal(ok, cases[i].ok);
        if (!ok)
            continue;
        assert_int_equal(f, cases[i].from);
        assert_int_equal(t, cases[i].to);
        assert_int_equal(d, cases[i].desks);
    }
    /* Off-quarter times land on the next quarter. */
    struct ww_staff_row odd = {.time = {9 * 60 + 10, 12 * 60 + 5}, .desks = 2};
    assert_true(ww_staff_step(loc, tue, &odd, "from-", &f, &t, &d));
    assert_int_equal(f, 9 * 60);
    assert_true(ww_staff_step(loc, tue, &odd, "to+", &f, &t, &d));
    assert_int_equal(t, 12 * 60 + 15);
    /* Opening hours bound the steppers; the end stays after the start. */
    struct ww_staff_row edge = {.time = {8 * 60 + 30, 8 * 60 + 45}, .desks = 1};
    assert_false(ww_staff_step(loc, tue, &edge, "from-", &f, &t, &d));
    assert_false(ww_staff_step(loc, tue, &edge, "to-", &f, &t, &d));
    assert_false(ww_staff_step(loc, tue, &edge, "from+", &f, &t, &d));
    struct ww_staff_row late = {.time = {16 * 60, 17 * 60}, .desks = WW_STAFF_MAX_DESKS};
    assert_false(ww_staff_step(loc, tue, &late, "to+", &f, &t, &d));
    assert_false(ww_staff_step(loc, tue, &late, "desks+", &f, &t, &d));
}

static void test_pure_lists(void **state)
{
    (void)state;
    struct ww_booking b[4] = {0};
    const char *partners[] = {"belastingdienst", "wijkteam", "belastingdienst", "belastingdienst"};
    const int starts[] = {600, 540, 570, 540};
    for (int i = 0; i < 4; i++) {
        b[i].id = i + 1;
        ww_strlcpy(b[i].partner, partners[i], sizeof b[i].partner);
        b[i].start = starts[i];
        ww_fmt(b[i].ticket, sizeof b[i].ticket, "B-%03d", i + 1);
        b[i].printed = i != 3;
    }
    struct ww_booking out[2];
    assert_int_equal(ww_staff_partner_bookings(b, 4, "belastingdienst", out, 2), 3);
    /* The first two found, in time order. */
    assert_int_equal(out[0].start, 570);
    assert_int_equal(out[1].start, 600);
    assert_int_equal(ww_staff_partner_bookings(b, 4, "mediator", out, 2), 0);
    /* The last PRINTED ticket; the newest when none printed. */
    assert_int_equal(ww_staff_last_ticket(b, 4)->id, 3);
    b[0].printed = b[1].printed = b[2].printed = false;
    assert_int_equal(ww_staff_last_ticket(b, 4)->id, 4);
    assert_null(ww_staff_last_ticket(b, 0));
}

static void type(struct ww_staff *st, const struct ww_staff_env *env, const char *digits)
{
    for (const char *p = digits; *p; p++)
        ww_staff_key(st, env, *p);
}

static void test_pin_pad(void **state)
{
    (void)state;
    at("2026-11-24T08:00");
    struct ww_store *s = store();
    struct ww_booking_ctx ctx = {&cfg, loc, s, &clk};
    struct ww_staff st;
    ww_staff_init(&st);

    /* No PIN set: the entry says how to set one, and stays closed. */
    struct ww_staff_env none = {&ctx, ""};
    ww_staff_open(&st, &none);
    assert_int_equal(st.mode, WW_STAFF_PIN);
    assert_true(st.effects & WW_STAFF_FX_OPENED);
    assert_non_null(strstr(st.message, "wegwijzer staff set-pin"));
    type(&st, &none, "2468\n");
    assert_int_equal(st.mode, WW_STAFF_PIN);
    ww_staff_tap(&st, &none, "staff:close");
    assert_int_equal(st.mode, WW_STAFF_CLOSED);
    assert_true(st.effects & WW_STAFF_FX_CLOSED);

    struct ww_staff_env env = {&ctx, hash};
    ww_staff_open(&st, &env);
    /* Wrong PINs: the same words whichever digit is wrong, the pad empties. */
    static const char *const wrong[] = {"2469", "1468", "2568", "24680"};
    char first[WW_STAFF_MESSAGE] = "";
    for (int i = 0; i < 4; i++) {
        type(&st, &env, wrong[i]);
        assert_int_equal(st.pin_len, (int)strlen(wrong[i]));
        ww_staff_key(&st, &env, '\n');
        assert_int_equal(st.pin_len, 0);
        assert_int_equal(st.mode, WW_STAFF_PIN);
        assert_string_equal(st.message, "Onjuiste pincode");
        if (i == 0)
            ww_strlcpy(first, st.message, sizeof first);
        assert_string_equal(st.message, first);
    }
    /* Erase works on the pad; the fifth wrong try locks for five minutes. */
    ww_staff_tap(&st, &env, "pin:1");
    ww_staff_tap(&st, &env, "pin:2");
    ww_staff_tap(&st, &env, "pin:erase");
    assert_int_equal(st.pin_len, 1);
    ww_staff_tap(&st, &env, "pin:ok");
    assert_int_equal(st.mode, WW_STAFF_PIN);
    assert_non_null(strstr(st.message, "5 minuten"));
    assert_int_equal(ww_staff_locked_minutes(&st, &env), 5);
    /* Locked: even the right PIN is refused. */
    type(&st, &env, "2468\n");
    assert_int_equal(st.mode, WW_STAFF_PIN);
    assert_non_null(strstr(st.message, "opnieuw"));
    /* The minutes count down on screen. */
    now += 61;
    ww_staff_tick(&st, &env);
    assert_non_null(strstr(st.message, "4 minuten"));
    /* Closing and opening again does not lift the lock. */
    ww_staff_close(&st);
    ww_staff_open(&st, &env);
    assert_non_null(strstr(st.message, "4 minuten"));
    now += 4 * 60;
    assert_int_equal(ww_staff_locked_minutes(&st, &env), 0);
    type(&st, &env, "2468");
    ww_staff_key(&st, &env, '\n');
    assert_int_equal(st.mode, WW_STAFF_MAIN);
    assert_int_equal(st.pin_len, 0);
    assert_non_null(ww_staff_day_row(&cfg, &st.day, "belastingdienst"));
    ww_store_free(s);
}

static void test_idle_close(void **state)
{
    (void)state;
    at("2026-11-24T08:00");
    struct ww_store *s = store();
    struct ww_booking_ctx ctx = {&cfg, loc, s, &clk};
    struct ww_staff_env env = {&ctx, hash};
    struct ww_staff st;
    ww_staff_init(&st);
    ww_staff_open(&st, &env);
    type(&st, &env, "2468\n");
    assert_int_equal(st.mode, WW_STAFF_MAIN);
    assert_int_equal(ww_staff_next_deadline(&st, &env), WW_STAFF_IDLE_SECONDS);
    now += 90;
    ww_staff_tick(&st, &env);
    assert_int_equal(st.mode, WW_STAFF_MAIN);
    /* A tap starts the two minutes again. */
    ww_staff_tap(&st, &env, "staff:add");
    assert_int_equal(st.mode, WW_STAFF_ADD);
    now += WW_STAFF_IDLE_SECONDS - 1;
    ww_staff_tick(&st, &env);
    assert_int_equal(st.mode, WW_STAFF_ADD);
    assert_int_equal(ww_staff_next_deadline(&st, &env), 1);
    now += 1;
    ww_staff_tick(&st, &env);
    assert_int_equal(st.mode, WW_STAFF_CLOSED);
    assert_true(st.effects & WW_STAFF_FX_CLOSED);
    assert_int_equal(ww_staff_next_deadline(&st, &env), -1);
    /* The PIN pad closes itself too. */
    ww_staff_open(&st, &env);
    type(&st, &env, "24");
    now += WW_STAFF_IDLE_SECONDS;
    ww_staff_tick(&st, &env);
    assert_int_equal(st.mode, WW_STAFF_CLOSED);
    assert_int_equal(st.pin_len, 0);
    ww_store_free(s);
}

static void test_screen_changes(void **state)
{
    (void)state;
    at("2026-11-24T08:00");
    struct ww_store *s = store();
    struct ww_booking_ctx ctx = {&cfg, loc, s, &clk};
    struct ww_staff_env env = {&ctx, hash};
    struct ww_booking b1 = book(&ctx, "belastingdienst", "r1");
    struct ww_booking b2 = book(&ctx, "belastingdienst", "r2");
    struct ww_staff st;
    ww_staff_init(&st);
    ww_staff_open(&st, &env);
    type(&st, &env, "2468\n");
    const struct ww_staff_row *r = ww_staff_day_row(&cfg, &st.day, "belastingdienst");
    assert_int_equal(r->bookings, 2);

    /* "Afwezig melden" asks once on the same button: the first tap changes
     * nothing, another tap forgets the question. */
    ww_staff_tap(&st, &env, "absent:belastingdienst");
    assert_false(st.effects & WW_STAFF_FX_CHANGED);
    assert_string_equal(st.confirm, "belastingdienst");
    assert_true(ww_staff_day_row(&cfg, &st.day, "belastingdienst")->present);
    ww_staff_tap(&st, &env, "staff:refresh");
    assert_string_equal(st.confirm, "");
    ww_staff_tap(&st, &env, "absent:belastingdienst");
    assert_false(st.effects & WW_STAFF_FX_CHANGED);
    /* The second tap: absent; the residents booked with it come up right away. */
    ww_staff_tap(&st, &env, "absent:belastingdienst");
    assert_true(st.effects & WW_STAFF_FX_CHANGED);
    assert_string_equal(st.confirm, "");
    assert_int_equal(st.mode, WW_STAFF_BOOKINGS);
    assert_string_equal(st.partner, "belastingdienst");
    assert_non_null(strstr(st.message, "afwezig"));
    assert_false(ww_staff_day_row(&cfg, &st.day, "belastingdienst")->present);
    ww_staff_tap(&st, &env, "staff:back");
    assert_int_equal(st.mode, WW_STAFF_MAIN);
    /* Here after all, with its usual hours. */
    ww_staff_tap(&st, &env, "present:belastingdienst");
    r = ww_staff_day_row(&cfg, &st.day, "belastingdienst");
    assert_true(r->present);
    assert_int_equal(r->time[1], 16 * 60);
    /* Steppers: one tap, one change. */
    ww_staff_tap(&st, &env, "to-:belastingdienst");
    ww_staff_tap(&st, &env, "desks+:belastingdienst");
    r = ww_staff_day_row(&cfg, &st.day, "belastingdienst");
    assert_int_equal(r->time[1], 15 * 60 + 45);
    assert_int_equal(r->desks, 2);
    ww_staff_tap(&st, &env, "staff:undo");
    r = ww_staff_day_row(&cfg, &st.day, "belastingdienst");
    assert_int_equal(r->desks, 1);
    assert_non_null(strstr(st.message, "Belastingdienst"));
    /* Add a partner that is not in today. */
    ww_staff_tap(&st, &env, "staff:add");
    ww_staff_tap(&st, &env, "add:juridisch-loket");
    assert_int_equal(st.mode, WW_STAFF_MAIN);
    r = ww_staff_day_row(&cfg, &st.day, "juridisch-loket");
    assert_non_null(r);
    assert_true(r->present);
    assert_int_equal(r->time[0], 8 * 60 + 30); /* 08:00 now: from opening */
    assert_int_equal(r->time[1], 17 * 60);
    ww_day day = st.day.day;
    assert_int_equal(audit_count(s, day, NULL, "staff"), 6);

    /* Check-in by typing on the keypad, and by a scanner's text. */
    ww_staff_tap(&st, &env, "staff:checkin");
    assert_int_equal(st.mode, WW_STAFF_CHECKIN);
    /* The screen says its instruction; the message does not say it again. */
    assert_string_equal(st.message, "");
    for (const char *p = b1.ticket; *p; p++) {
        char t[8] = "key:";
        t[4] = *p;
        t[5] = '\0';
        ww_staff_tap(&st, &env, t);
    }
    assert_string_equal(st.entry, b1.ticket);
    ww_staff_tap(&st, &env, "key:ok");
    assert_non_null(strstr(st.message, "is aangemeld"));
    assert_string_equal(st.entry, "");
    type(&st, &env, b1.ticket);
    ww_staff_key(&st, &env, '\n');
    assert_non_null(strstr(st.message, "al aangemeld"));
    char qr[64];
    assert_true(ww_code_qr_payload(loc->id, b2.check, qr, sizeof qr));
    ww_staff_tap(&st, &env, "staff:back");
    ww_staff_text(&st, &env, qr); /* from the main screen: starts a check-in */
    assert_int_equal(st.mode, WW_STAFF_CHECKIN);
    ww_staff_key(&st, &env, '\n');
    assert_non_null(strstr(st.message, b2.ticket));
    assert_non_null(strstr(st.message, "is aangemeld"));
    ww_staff_text(&st, &env, "WW1:elders:7KQ2M9XAPD");
    ww_staff_key(&st, &env, '\n');
    assert_non_null(strstr(st.message, "geen ticket"));
    type(&st, &env, "Z-999\n");
    assert_non_null(strstr(st.message, "Geen ticket Z-999"));
    ww_staff_text(&st, &env, "hallo");
    ww_staff_key(&st, &env, '\n');
    assert_non_null(strstr(st.message, "geen ticketnummer"));
    r = ww_staff_day_row(&cfg, &st.day, "belastingdienst");
    assert_int_equal(r->checked_in, 2);
    assert_int_equal(audit_count(s, day, "checkin", "staff"), 2);

    /* Reprint the last ticket: asks the kiosk to print it. */
    ww_staff_tap(&st, &env, "staff:reprint");
    assert_true(st.effects & WW_STAFF_FX_REPRINT);
    assert_string_equal(st.reprint.ticket, b2.ticket);
    assert_int_equal(audit_count(s, day, "reprint", "staff"), 1);
    ww_store_free(s);
}

/* A partner added for the day, booked, then marked absent. */
static void test_added_then_absent(void **state)
{
    (void)state;
    at("2026-11-24T10:05");
    struct ww_store *s = store();
    struct ww_booking_ctx ctx = {&cfg, loc, s, &clk};
    struct ww_staff_env env = {&ctx, hash};
    struct ww_staff st;
    ww_staff_init(&st);
    ww_staff_open(&st, &env);
    type(&st, &env, "2468\n");
    ww_staff_tap(&st, &env, "staff:add");
    ww_staff_tap(&st, &env, "add:mediator");
    const struct ww_staff_row *r = ww_staff_day_row(&cfg, &st.day, "mediator");
    assert_non_null(r);
    assert_int_equal(r->time[0], 10 * 60 + 15); /* the next quarter hour */
    struct ww_booking bk = book(&ctx, "mediator", "m1");
    ww_staff_refresh(&st, &env);
    /* Absent: its resident is listed to help, and it leaves the day's
     * list (it was not on the pattern), to be added again when it comes. */
    ww_staff_tap(&st, &env, "absent:mediator");
    ww_staff_tap(&st, &env, "absent:mediator"); /* "Zeker?" */
    assert_int_equal(st.mode, WW_STAFF_BOOKINGS);
    assert_string_equal(st.partner, "mediator");
    struct ww_booking *all = NULL;
    size_t n = 0;
    assert_int_equal(ww_store_bookings(s, loc->id, st.day.day, &all, &n), WW_OK);
    struct ww_booking list[4];
    assert_int_equal(ww_staff_partner_bookings(all, n, "mediator", list, 4), 1);
    assert_string_equal(list[0].ticket, bk.ticket);
    free(all);
    assert_null(ww_staff_day_row(&cfg, &st.day, "mediator"));
    ww_staff_tap(&st, &env, "staff:back");
    ww_staff_tap(&st, &env, "staff:add");
    ww_staff_tap(&st, &env, "add:mediator");
    r = ww_staff_day_row(&cfg, &st.day, "mediator");
    assert_non_null(r);
    assert_true(r->present);
    assert_true(r->time[1] > r->time[0]);
    ww_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_view),
        cmocka_unit_test(test_absent_and_undo),
        cmocka_unit_test(test_bad_changes_write_nothing),
        cmocka_unit_test(test_steps),
        cmocka_unit_test(test_pure_lists),
        cmocka_unit_test(test_pin_pad),
        cmocka_unit_test(test_idle_close),
        cmocka_unit_test(test_screen_changes),
        cmocka_unit_test(test_added_then_absent),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
