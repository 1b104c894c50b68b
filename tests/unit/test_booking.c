/* Booking rules on the sample config with a fixed clock and a real SQLite
 * file: first free now, a given time, a later day, staff absence, and the
 * daylight-saving Sundays. */
#include "booking.h"
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
static char dir[128];
static char uri[256];
static int64_t now;
static struct ww_clock clk;

static int setup(void **state)
{
    (void)state;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&cfg, "kiosk-config", &d);
    ww_diags_destroy(&d);
    ww_strlcpy(dir, "/tmp/ww-booking-XXXXXX", sizeof dir);
    if (!ok || !mkdtemp(dir))
        return -1;
    clk = ww_clock_fixed(&now);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char path[256];
    static const char *const suffix[] = {"", "-wal", "-shm"};
    for (int n = 1; n <= 8; n++)
        for (int i = 0; i < 3; i++) {
            ww_fmt(path, sizeof path, "%s/b%d.db%s", dir, n, suffix[i]);
            unlink(path);
        }
    rmdir(dir);
    ww_config_destroy(&cfg);
    return 0;
}

/* A fresh store per test. */
static struct ww_store *store(void)
{
    static int n;
    ww_fmt(uri, sizeof uri, "sqlite:%s/b%d.db", dir, ++n);
    char err[256];
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

static ww_day today(void)
{
    ww_day d;
    int m;
    ww_clock_local(&clk, &d, &m);
    return d;
}

static void test_first_free_from_now(void **state)
{
    (void)state;
    struct ww_store *s = store();
    struct ww_booking_ctx ctx = {&cfg, ww_config_location(&cfg, "weener-xl"), s, &clk};
    at("2026-11-24T10:05");
    struct ww_booking_want w = {.partner = pidx("sociaal-raadslieden"),
                                .topic = "brief",
                                .when = WW_BOOK_FIRST_FREE,
                                .day = today()};
    struct ww_booking b;
    /* 10:30 has two desks, then 11:00. */
    assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_OK);
    assert_int_equal(b.start, 10 * 60 + 30);
    assert_string_equal(b.ticket, "S-001");
    assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_OK);
    assert_int_equal(b.start, 10 * 60 + 30);
    assert_int_equal(b.desk, 2);
    assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_OK);
    assert_int_equal(b.start, 11 * 60);
    /* The free counts follow. */
    struct ww_slot slots[16];
    size_t n;
    assert_int_equal(ww_booking_slots(&ctx, w.partner, today(), slots, 16, &n), WW_OK);
    assert_int_equal(n, 3);
    assert_int_equal(slots[0].booked, 2);
    assert_int_equal(slots[1].booked, 1);
    assert_int_equal(slots[2].booked, 0);
    ww_store_free(s);
}

/* A booking keeps what its ticket says: the language, the items (the
 * outcome's, else the partner's own list at this location), the notices,
 * the room and desks of its block; read back by its QR check. A location
 * with ticket_bring = neutral keeps the neutral choice. */
static void test_remembers_ticket(void **state)
{
    (void)state;
    struct ww_store *s = store();
    struct ww_location loc = *ww_config_location(&cfg, "weener-xl");
    struct ww_booking_ctx ctx = {&cfg, &loc, s, &clk};
    at("2026-11-24T10:05");
    struct ww_booking_want w = {.partner = pidx("sociaal-raadslieden"),
                                .topic = "schulden",
                                .when = WW_BOOK_FIRST_FREE,
                                .day = today(),
                                .lang = "tr",
                                .bring =
                                    "Brieven van schuldeisers en deurwaarders; Uw huurcontract",
                                .notices = "Bel bij gevaar 112."};
    struct ww_booking b, f;
    assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_OK);
    assert_int_equal(ww_store_find_check(s, b.check, &f), WW_OK);
    assert_string_equal(f.memo.lang, "tr");
    assert_string_equal(f.memo.bring, "Brieven van schuldeisers en deurwaarders;Uw huurcontract");
    assert_false(f.memo.bring_neutral);
    assert_string_equal(f.memo.notices, "Bel bij gevaar 112.");
    assert_string_equal(f.memo.room, "Spreekkamer 1");
    assert_int_equal(f.memo.desks, 2);
    assert_memory_equal(&f.memo, &b.memo, sizeof f.memo);
    /* No list from the outcome: the partner's own; no language: Dutch. */
    w.lang[0] = w.bring[0] = w.notices[0] = '\0';
    loc.ticket_bring = WW_TICKET_BRING_NEUTRAL;
    assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_OK);
    assert_int_equal(ww_store_find_check(s, b.check, &f), WW_OK);
    assert_string_equal(f.memo.lang, "nl");
    assert_string_equal(f.memo.bring, "Uw paspoort, identiteitskaart of verblijfsdocument;De "
                                      "brieven of formulieren waar het om gaat");
    assert_true(f.memo.bring_neutral);
    assert_string_equal(f.memo.notices, "");
    ww_store_free(s);
}

static void test_at_and_invalid(void **state)
{
    (void)state;
    struct ww_store *s = store();
    struct ww_booking_ctx ctx = {&cfg, ww_config_location(&cfg, "weener-xl"), s, &clk};
    at("2026-11-24T09:10");
    struct ww_booking_want w = {
        .partner = pidx("belastingdienst"), .when = WW_BOOK_AT, .day = today(), .at = 14 * 60 + 20};
    struct ww_booking b;
    assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_OK);
    assert_int_equal(b.start, 14 * 60 + 20);
    assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_ERR_FULL); /* one desk */
    w.at = 14 * 60 + 25;                                          /* not a slot start */
    assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_ERR_INVALID);
    w.at = 9 * 60; /* already past */
    assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_ERR_INVALID);
    w.when = WW_BOOK_FIRST_FREE;
    w.day = today() - 1;
    assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_ERR_INVALID);
    ww_store_free(s);
}

static void test_absent_moves_to_later_day(void **state)
{
    (void)state;
    struct ww_store *s = store();
    struct ww_booking_ctx ctx = {&cfg, ww_config_location(&cfg, "weener-xl"), s, &clk};
    at("2026-11-24T09:30");
    size_t bd = pidx("belastingdienst");
    assert_int_equal(ww_booking_next_day(&ctx, bd, today()), today());
    struct ww_override ov = {.kind = WW_OVERRIDE_ABSENT};
    ww_strlcpy(ov.partner, "belastingdienst", sizeof ov.partner);
    assert_int_equal(ww_store_override_add(s, "weener-xl", today(), &ov, NULL), WW_OK);
    /* Today: nothing; the next day it is here is Wednesday. */
    struct ww_booking_want w = {.partner = bd, .when = WW_BOOK_FIRST_FREE, .day = today()};
    struct ww_booking b;
    assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_ERR_FULL);
    assert_int_equal(ww_booking_next_day(&ctx, bd, today()), today() + 1);
    w.when = WW_BOOK_LATER_DAY;
    assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_OK);
    assert_int_equal(b.day, today() + 1);
    assert_int_equal(b.start, 9 * 60);
    /* A partner not here for weeks: no next day within booking_days. */
    struct ww_day_plan plan;
    assert_int_equal(ww_booking_plan(&ctx, today(), &plan), WW_OK);
    assert_int_equal(plan.n_absent, 1);
    assert_int_equal(ww_booking_next_day(&ctx, pidx("uwv"), today()), WW_DAY_NONE);
    ww_store_free(s);
}

/* Both DST Sundays: staff open the desk on a Sunday; "now" in local time
 * decides the first free slot. */
static void test_dst_sundays(void **state)
{
    (void)state;
    static const struct {
        const char *date;
        int64_t utc_hour_0830; /* seconds of 08:30 UTC that day */
        int first;             /* expected first slot (local minutes) */
    } cases[] = {
        {"2026-10-25", 0, 9 * 60 + 30},  /* CET again: 08:30 UTC = 09:30 */
        {"2027-03-28", 0, 10 * 60 + 30}, /* CEST from 01:00 UTC: 08:30 UTC = 10:30 */
    };
    for (size_t i = 0; i < 2; i++) {
        struct ww_store *s = store();
        struct ww_booking_ctx ctx = {&cfg, ww_config_location(&cfg, "weener-xl"), s, &clk};
        ww_day d;
        assert_true(ww_day_parse(cases[i].date, &d));
        now = (int64_t)d * 86400 + 8 * 3600 + 1800;
        assert_int_equal(today(), d);
        struct ww_override ov = {
            .kind = WW_OVERRIDE_PRESENT, .time = {9 * 60, 12 * 60}, .desks = 1};
        ww_strlcpy(ov.partner, "algemene-balie", sizeof ov.partner);
        assert_int_equal(ww_store_override_add(s, "weener-xl", d, &ov, NULL), WW_OK);
        struct ww_booking_want w = {
            .partner = pidx("algemene-balie"), .when = WW_BOOK_FIRST_FREE, .day = d};
        struct ww_booking b;
        assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_OK);
        if (b.start != cases[i].first)
            fail_msg("%s: first slot %d, want %d", cases[i].date, b.start, cases[i].first);
        ww_store_free(s);
    }
}

/* Retention on the clock: bookings of days more than retention_days (30)
 * before today go, with their check-ins; the day 30 days back stays, and a
 * day later it goes too. Counts of visits stay. */
static void test_retention(void **state)
{
    (void)state;
    struct ww_store *s = store();
    const struct ww_location *loc = ww_config_location(&cfg, "weener-xl");
    assert_int_equal(loc->retention_days, 30);
    struct ww_booking_ctx ctx = {&cfg, loc, s, &clk};
    static const char *const days[] = {"2026-10-20T10:05", "2026-10-23T10:05", "2026-10-26T10:05",
                                       "2026-11-24T10:05"};
    for (size_t i = 0; i < 4; i++) {
        at(days[i]);
        struct ww_booking_want w = {
            .partner = pidx("algemene-balie"), .when = WW_BOOK_FIRST_FREE, .day = today()};
        struct ww_booking b;
        assert_int_equal(ww_booking_make(&ctx, &w, &b), WW_OK);
        assert_int_equal(ww_store_checkin(s, b.id, now + 60), WW_OK);
        struct ww_tally t = {.day = today(),
                             .location = "weener-xl",
                             .topic = "geld",
                             .outcome = "o",
                             .partner = "algemene-balie"};
        assert_int_equal(ww_store_tally(s, &t), WW_OK);
    }
    static const struct {
        const char *when;
        int deleted;
    } runs[] = {
        {"2026-11-24T07:00", 2}, /* 20 and 23 October: more than 30 days back */
        {"2026-11-24T18:00", 0}, /* the same day again: nothing more */
        {"2026-11-25T07:00", 0}, /* 26 October is 30 days back: kept */
        {"2026-11-26T07:00", 1}, /* now it is 31 */
    };
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        at(runs[i].when);
        int deleted = -1;
        assert_int_equal(ww_booking_retention(&ctx, &deleted), WW_OK);
        if (deleted != runs[i].deleted)
            fail_msg("%s: %d deleted, expected %d", runs[i].when, deleted, runs[i].deleted);
    }
    struct ww_booking *list;
    size_t n;
    ww_day d;
    assert_true(ww_day_parse("2026-11-24", &d));
    assert_int_equal(ww_store_bookings(s, "weener-xl", d, &list, &n), WW_OK);
    assert_int_equal(n, 1);
    free(list);
    /* The counts of all four visits are still there. */
    struct ww_tally_count *c;
    assert_int_equal(ww_store_tally_counts(s, "weener-xl", d - 60, d, &c, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(c[0].total, 4);
    free(c);
    ww_store_free(s);
}

/* At most 3 a visit and 6 in any 60 seconds of the kiosk's clock. */
static void test_limits(void **state)
{
    (void)state;
    struct ww_book_limit l;
    ww_book_limit_init(&l, 3, 6);
    const int64_t t0 = 1790000000;
    assert_int_equal(ww_book_limit_check(&l, 0, t0), WW_OK);
    assert_int_equal(ww_book_limit_check(&l, 2, t0), WW_OK);
    assert_int_equal(ww_book_limit_check(&l, 3, t0), WW_ERR_LIMIT);
    /* Six bookings in 50 seconds: the seventh waits until the first is a
     * minute old. */
    for (int i = 0; i < 6; i++) {
        assert_int_equal(ww_book_limit_check(&l, 0, t0 + i * 10), WW_OK);
        ww_book_limit_note(&l, t0 + i * 10);
    }
    static const struct {
        int64_t at;
        enum ww_err want;
    } cases[] = {
        {50, WW_ERR_LIMIT}, {59, WW_ERR_LIMIT}, {60, WW_OK}, {75, WW_OK}, {200, WW_OK},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (ww_book_limit_check(&l, 0, t0 + cases[i].at) != cases[i].want)
            fail_msg("at +%lld s: expected %s", (long long)cases[i].at, ww_strerror(cases[i].want));
    /* The ring holds the newest only: a long run never fills up. */
    for (int i = 0; i < 500; i++)
        ww_book_limit_note(&l, t0 + 1000 + i * 61);
    assert_int_equal(ww_book_limit_check(&l, 0, t0 + 1000 + 500 * 61), WW_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_free_from_now),
        cmocka_unit_test(test_remembers_ticket),
        cmocka_unit_test(test_at_and_invalid),
        cmocka_unit_test(test_absent_moves_to_later_day),
        cmocka_unit_test(test_dst_sundays),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_retention),
    };
    return cmocka_run_group_tests_name("booking", tests, setup, teardown);
}
