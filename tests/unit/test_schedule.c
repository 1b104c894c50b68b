/* Presence on a date: weekly pattern, every other week, validity, closed
 * dates, staff overrides; and the slots that follow. */
#include "schedule.h"
#include "str.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

static struct ww_config cfg;

static int load(void **state)
{
    (void)state;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&cfg, "kiosk-config", &d);
    ww_diags_print(&d, stderr);
    ww_diags_destroy(&d);
    return ok ? 0 : -1;
}

static int unload(void **state)
{
    (void)state;
    ww_config_destroy(&cfg);
    return 0;
}

static ww_day day(const char *iso)
{
    ww_day d;
    assert_true(ww_day_parse(iso, &d));
    return d;
}

static size_t pidx(const char *id)
{
    size_t i;
    assert_non_null(ww_config_partner(&cfg, id, &i));
    return i;
}

/* Who is there, as "id@HH:MM-HH:MMxdesks" joined by spaces. */
static void describe(const struct ww_day_plan *p, char *buf, size_t size)
{
    buf[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < p->n; i++) {
        char a[6], b[6];
        ww_minute_format(p->blocks[i].time[0], a);
        ww_minute_format(p->blocks[i].time[1], b);
        int n = snprintf(buf + used, size - used, "%s%s@%s-%sx%d", i ? " " : "",
                         cfg.partners[p->blocks[i].partner].id, a, b, p->blocks[i].desks);
        used += (size_t)n;
    }
}

static void test_weekly_pattern(void **state)
{
    (void)state;
    static const struct {
        const char *location, *date, *want;
    } cases[] = {
        /* Weener XL, Tuesday: fixed morning of the sociaal raadslieden, Belastingdienst. */
        {"weener-xl", "2026-11-24",
         "algemene-balie@09:00-17:00x2 sociaal-raadslieden@09:00-12:00x2 "
         "belastingdienst@09:00-16:00x1 werk-inkomen@09:00-12:00x2"},
        /* Wednesday: Juridisch Loket in the afternoon, schuldhulp in the morning. */
        {"weener-xl", "2026-11-25",
         "algemene-balie@09:00-17:00x2 belastingdienst@09:00-16:00x1 schuldhulp@09:00-12:30x1 "
         "werk-inkomen@09:00-12:00x2 juridisch-loket@13:00-16:00x1"},
        /* Friday: no Belastingdienst (four days a week). */
        {"weener-xl", "2026-11-27",
         "algemene-balie@09:00-17:00x2 schuldhulp@09:00-12:30x1 werk-inkomen@09:00-12:00x2"},
        /* Christmas and a Sunday: closed. */
        {"weener-xl", "2026-12-25", ""},
        {"weener-xl", "2026-11-29", ""},
        /* Scheidingsplein: Juridisch Loket every other week (anchor Tuesday 2026-01-06). */
        {"scheidingsplein-hollands-kroon", "2026-11-24",
         "wijkteam@09:00-12:00x1 scheidingsteam@09:00-16:00x1 juridisch-loket@13:00-16:00x1"},
        {"scheidingsplein-hollands-kroon", "2026-12-01",
         "wijkteam@09:00-12:00x1 scheidingsteam@09:00-16:00x1"},
        {"scheidingsplein-hollands-kroon", "2026-12-08",
         "wijkteam@09:00-12:00x1 scheidingsteam@09:00-16:00x1 juridisch-loket@13:00-16:00x1"},
        /* Before the anchor, the parity still holds. */
        {"scheidingsplein-hollands-kroon", "2025-12-30",
         "wijkteam@09:00-12:00x1 scheidingsteam@09:00-16:00x1"},
        /* The location's own closed day. */
        {"scheidingsplein-hollands-kroon", "2026-12-24", ""},
        /* Mediator only within its validity (until 2027-12-31). */
        {"scheidingsplein-hollands-kroon", "2027-12-30",
         "wijkteam@09:00-12:00x1 scheidingsteam@09:00-16:00x1 mediator@13:00-16:00x1"},
        {"scheidingsplein-hollands-kroon", "2028-01-06",
         "wijkteam@09:00-12:00x1 scheidingsteam@09:00-16:00x1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct ww_location *loc = ww_config_location(&cfg, cases[i].location);
        assert_non_null(loc);
        struct ww_day_plan plan;
        ww_schedule_day(&cfg, loc, day(cases[i].date), NULL, 0, &plan);
        char got[1024];
        describe(&plan, got, sizeof got);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("%s %s:\n got  %s\n want %s", cases[i].location, cases[i].date, got,
                     cases[i].want);
    }
}

static void test_overrides(void **state)
{
    (void)state;
    const struct ww_location *loc = ww_config_location(&cfg, "weener-xl");
    struct ww_override ov[3] = {0};
    /* The Belastingdienst is ill; a second sociaal raadsman brings a third desk;
     * the Juridisch Loket comes on an extra day. */
    ww_strlcpy(ov[0].partner, "belastingdienst", sizeof ov[0].partner);
    ov[0].kind = WW_OVERRIDE_ABSENT;
    ww_strlcpy(ov[1].partner, "sociaal-raadslieden", sizeof ov[1].partner);
    ov[1].kind = WW_OVERRIDE_PRESENT;
    ov[1].time[0] = 9 * 60;
    ov[1].time[1] = 13 * 60;
    ov[1].desks = 3;
    ww_strlcpy(ov[2].partner, "juridisch-loket", sizeof ov[2].partner);
    ov[2].kind = WW_OVERRIDE_PRESENT;
    ov[2].time[0] = 13 * 60;
    ov[2].time[1] = 15 * 60;
    ov[2].desks = 1;
    struct ww_day_plan plan;
    ww_schedule_day(&cfg, loc, day("2026-11-24"), ov, 3, &plan);
    char got[1024];
    describe(&plan, got, sizeof got);
    assert_string_equal(got, "algemene-balie@09:00-17:00x2 sociaal-raadslieden@09:00-13:00x3 "
                             "werk-inkomen@09:00-12:00x2 juridisch-loket@13:00-15:00x1");
    assert_int_equal(plan.n_absent, 1);
    assert_int_equal(plan.absent[0], pidx("belastingdienst"));
    assert_null(ww_plan_find(&plan, pidx("belastingdienst")));
    assert_true(ww_plan_find(&plan, pidx("juridisch-loket"))->changed);
    /* The room of an extra partner comes from its pattern elsewhere in the week. */
    assert_string_equal(ww_plan_find(&plan, pidx("juridisch-loket"))->room, "Spreekkamer 2");
}

static void test_slots(void **state)
{
    (void)state;
    const struct ww_location *loc = ww_config_location(&cfg, "weener-xl");
    struct ww_day_plan plan;
    ww_schedule_day(&cfg, loc, day("2026-11-24"), NULL, 0, &plan);
    struct ww_slot s[64];
    /* Sociaal raadslieden: 30-minute slots 09:00-12:00, two desks. */
    size_t n = ww_plan_slots(&cfg, &plan, pidx("sociaal-raadslieden"), 0, s, 64);
    assert_int_equal(n, 6);
    assert_int_equal(s[0].start, 9 * 60);
    assert_int_equal(s[5].start, 11 * 60 + 30);
    assert_int_equal(s[0].capacity, 2);
    assert_int_equal(s[0].minutes, 30);
    /* From 10:05 on, the slots that start at or after it. */
    n = ww_plan_slots(&cfg, &plan, pidx("sociaal-raadslieden"), 10 * 60 + 5, s, 64);
    assert_int_equal(n, 3);
    assert_int_equal(s[0].start, 10 * 60 + 30);
    /* Not here today: none. */
    n = ww_plan_slots(&cfg, &plan, pidx("juridisch-loket"), 0, s, 64);
    assert_int_equal(n, 0);
    /* A slot must fit before the end: 09:00-12:30 with 30 minutes is 7 slots. */
    ww_schedule_day(&cfg, loc, day("2026-11-25"), NULL, 0, &plan);
    n = ww_plan_slots(&cfg, &plan, pidx("schuldhulp"), 0, s, 64);
    assert_int_equal(n, 7);
    /* The cap is honoured. */
    n = ww_plan_slots(&cfg, &plan, pidx("algemene-balie"), 0, s, 5);
    assert_int_equal(n, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weekly_pattern),
        cmocka_unit_test(test_overrides),
        cmocka_unit_test(test_slots),
    };
    return cmocka_run_group_tests_name("schedule", tests, load, unload);
}
