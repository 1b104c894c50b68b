/* Civil dates, weekdays, Europe/Amsterdam local time across DST changes. */
#include "clock.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static void test_day_roundtrip(void **state)
{
    (void)state;
    static const struct {
        const char *iso;
        ww_day day;
        int weekday;
    } cases[] = {
        {"1970-01-01", 0, 3},     {"2000-02-29", 11016, 1}, {"2026-11-24", 20781, 1},
        {"2026-10-25", 20751, 6}, {"2027-03-28", 20905, 6}, {"2028-02-29", 21243, 1},
        {"2099-12-31", 47481, 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ww_day d;
        assert_true(ww_day_parse(cases[i].iso, &d));
        assert_int_equal(d, cases[i].day);
        assert_int_equal(ww_day_weekday(d), cases[i].weekday);
        char buf[11];
        ww_day_format(d, buf);
        assert_string_equal(buf, cases[i].iso);
    }
}

static void test_day_parse_rejects(void **state)
{
    (void)state;
    static const char *const bad[] = {"2026-02-29", "2026-13-01", "2026-00-10",
                                      "2026-1-1",   "26-11-24",   "2026-11-24x",
                                      "",           "2026/11/24", "2100-02-29"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ww_day d;
        assert_false(ww_day_parse(bad[i], &d));
    }
}

static void test_minutes(void **state)
{
    (void)state;
    int m;
    assert_true(ww_minute_parse("09:30", &m));
    assert_int_equal(m, 570);
    assert_true(ww_minute_parse("9:05", &m));
    assert_int_equal(m, 545);
    assert_true(ww_minute_parse("24:00", &m));
    assert_int_equal(m, 1440);
    assert_false(ww_minute_parse("24:01", &m));
    assert_false(ww_minute_parse("12:60", &m));
    assert_false(ww_minute_parse("1230", &m));
    assert_false(ww_minute_parse("ab:cd", &m));
    char buf[6];
    ww_minute_format(570, buf);
    assert_string_equal(buf, "09:30");
}

/* The two daylight-saving weekends of the sample period. */
static void test_amsterdam_dst(void **state)
{
    (void)state;
    ww_day autumn, spring;
    ww_day_parse("2026-10-25", &autumn);
    ww_day_parse("2027-03-28", &spring);
    int64_t a = (int64_t)autumn * 86400;
    int64_t s = (int64_t)spring * 86400;
    /* 2026-10-25: summer time ends at 01:00 UTC. */
    assert_int_equal(ww_amsterdam_offset(a + 3600 - 1), 7200);
    assert_int_equal(ww_amsterdam_offset(a + 3600), 3600);
    /* 2027-03-28: summer time starts at 01:00 UTC. */
    assert_int_equal(ww_amsterdam_offset(s + 3600 - 1), 3600);
    assert_int_equal(ww_amsterdam_offset(s + 3600), 7200);

    ww_day d;
    int minute;
    /* 08:30 UTC on the autumn Sunday is 09:30 local (CET). */
    ww_local_from_utc(a + 8 * 3600 + 1800, &d, &minute);
    assert_int_equal(d, autumn);
    assert_int_equal(minute, 9 * 60 + 30);
    /* 08:30 UTC on the spring Sunday is 10:30 local (CEST). */
    ww_local_from_utc(s + 8 * 3600 + 1800, &d, &minute);
    assert_int_equal(d, spring);
    assert_int_equal(minute, 10 * 60 + 30);
    /* And back. */
    assert_int_equal(ww_utc_from_local(autumn, 9 * 60 + 30), a + 8 * 3600 + 1800);
    assert_int_equal(ww_utc_from_local(spring, 10 * 60 + 30), s + 8 * 3600 + 1800);
    /* The repeated autumn hour maps to its first (summer-time) occurrence. */
    assert_int_equal(ww_utc_from_local(autumn, 2 * 60 + 30), a + 30 * 60);
    /* The missing spring hour maps as if winter time. */
    assert_int_equal(ww_utc_from_local(spring, 2 * 60 + 30), s + 3600 + 1800);
    /* Local midnight around the change stays on the right day. */
    ww_local_from_utc(ww_utc_from_local(autumn + 1, 0), &d, &minute);
    assert_int_equal(d, autumn + 1);
    assert_int_equal(minute, 0);
}

static void test_fixed_clock(void **state)
{
    (void)state;
    int64_t t;
    assert_true(ww_instant_parse("2026-11-24T09:30", &t));
    struct ww_clock c = ww_clock_fixed(&t);
    ww_day d;
    int minute;
    ww_clock_local(&c, &d, &minute);
    char buf[11];
    ww_day_format(d, buf);
    assert_string_equal(buf, "2026-11-24");
    assert_int_equal(minute, 570);
    t += 3600;
    ww_clock_local(&c, &d, &minute);
    assert_int_equal(minute, 630);
    assert_false(ww_instant_parse("2026-11-24", &t));
    assert_false(ww_instant_parse("2026-11-24T25:00", &t));
    assert_true(ww_instant_parse("@1700000000", &t));
    assert_int_equal(t, 1700000000);
}

static void test_weekdays(void **state)
{
    (void)state;
    assert_int_equal(ww_weekday_parse("ma"), 0);
    assert_int_equal(ww_weekday_parse("Dinsdag"), 1);
    assert_int_equal(ww_weekday_parse("wed"), 2);
    assert_int_equal(ww_weekday_parse("DO"), 3);
    assert_int_equal(ww_weekday_parse("zondag"), 6);
    assert_int_equal(ww_weekday_parse("mo"), -1);
    assert_string_equal(ww_weekday_id(4), "fri");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_roundtrip), cmocka_unit_test(test_day_parse_rejects),
        cmocka_unit_test(test_minutes),       cmocka_unit_test(test_amsterdam_dst),
        cmocka_unit_test(test_fixed_clock),   cmocka_unit_test(test_weekdays),
    };
    return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
