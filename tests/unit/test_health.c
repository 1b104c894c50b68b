/* Kiosk health for monitoring (core/health.c): each kiosk's state from its
 * heartbeat and the time, and the plugin-convention report. */
#include "health.h"
#include "str.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define NOW 1800000000

static struct ww_heartbeat beat(const char *kiosk, int64_t age, const char *printer, bool low,
                                const char *ooo)
{
    struct ww_heartbeat h;
    memset(&h, 0, sizeof h);
    ww_strlcpy(h.kiosk, kiosk, sizeof h.kiosk);
    ww_strlcpy(h.location, "weener-xl", sizeof h.location);
    h.seen = NOW - age;
    ww_strlcpy(h.printer, printer, sizeof h.printer);
    h.paper_low = low;
    ww_strlcpy(h.version, "0.1.0", sizeof h.version);
    ww_strlcpy(h.out_of_order, ooo, sizeof h.out_of_order);
    return h;
}

static const struct {
    int64_t age;
    const char *printer;
    bool low;
    const char *ooo;
    enum ww_health want;
    const char *why;
} cases[] = {
    {30, "ok", false, "", WW_HEALTH_OK, ""},
    {0, "unknown", false, "", WW_HEALTH_OK, ""},
    {0, "none", false, "", WW_HEALTH_OK, ""},
    {180, "ok", false, "", WW_HEALTH_OK, ""}, /* exactly at the limit: still fine */
    {181, "ok", false, "", WW_HEALTH_CRITICAL, "no heartbeat for 3 min"},
    {7200, "ok", false, "", WW_HEALTH_CRITICAL, "no heartbeat for 2 h"},
    {30, "ok", true, "", WW_HEALTH_WARNING, "paper low"},
    {30, "fault", false, "", WW_HEALTH_CRITICAL, "printer fault"},
    {30, "paper-out", true, "", WW_HEALTH_CRITICAL, "out of paper"},
    {30, "ok", false, "partners.ini:4: unknown key", WW_HEALTH_CRITICAL,
     "out of order: partners.ini:4: unknown key"},
    {600, "ok", true, "", WW_HEALTH_CRITICAL, "no heartbeat for 10 min, paper low"},
};

static void kiosk_states(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ww_heartbeat h =
            beat("k", cases[i].age, cases[i].printer, cases[i].low, cases[i].ooo);
        char why[256];
        enum ww_health got = ww_health_kiosk(&h, NOW, WW_HEALTH_STALE_S, why, sizeof why);
        printf("case %zu: %s \"%s\"\n", i, ww_health_name(got), why);
        assert_int_equal(got, cases[i].want);
        assert_string_equal(why, cases[i].why);
    }
}

/* The report as a monitoring system reads it. */
static char *report(const struct ww_heartbeat *hb, size_t n, enum ww_health *st)
{
    static char buf[4096];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    assert_non_null(f);
    *st = ww_health_report(hb, n, NOW, WW_HEALTH_STALE_S, "weener-xl", f);
    fclose(f);
    return buf;
}

static void plugin_output(void **state)
{
    (void)state;
    enum ww_health st;
    struct ww_heartbeat hb[3] = {beat("zuil-1", 20, "ok", false, ""),
                                 beat("zuil-2", 40, "ok", true, ""),
                                 beat("zuil-3", 400, "fault", false, "")};
    /* All well. */
    char *out = report(hb, 1, &st);
    assert_int_equal(st, WW_HEALTH_OK);
    assert_string_equal(out, "OK - 1 kiosk of weener-xl healthy | kiosks=1;;;0 unhealthy=0;;;0 "
                             "stale=0;;;0 paper_low=0;;;0 oldest_heartbeat=20s;;180;0\n"
                             "OK zuil-1 (weener-xl): last seen 20 s ago, printer ok, paper ok, "
                             "version 0.1.0\n");
    /* Paper low: a warning. */
    out = report(hb, 2, &st);
    assert_int_equal(st, WW_HEALTH_WARNING);
    const char *warn = "WARNING - 1 of 2 kiosks of weener-xl need attention (zuil-2: paper low) | ";
    assert_true(strncmp(out, warn, strlen(warn)) == 0);
    assert_non_null(strstr(out, "\nWARNING zuil-2 (weener-xl): "));
    /* The worst decides; every kiosk has its line; the first line holds the
     * perfdata after a single '|'. */
    out = report(hb, 3, &st);
    assert_int_equal(st, WW_HEALTH_CRITICAL);
    assert_true(strncmp(out, "CRITICAL - 2 of 3 kiosks", 24) == 0);
    assert_non_null(strstr(out, "stale=1;;;0 paper_low=1;;;0 oldest_heartbeat=400s;;180;0\n"));
    assert_non_null(strstr(out, "\nOK zuil-1 "));
    assert_non_null(strstr(out, "\nCRITICAL zuil-3 (weener-xl): last seen 6 min ago, printer "
                                "fault, paper ok, version 0.1.0: no heartbeat for 6 min, printer "
                                "fault\n"));
    char *nl = strchr(out, '\n');
    int bars = 0;
    for (char *p = out; p < nl; p++)
        bars += *p == '|';
    assert_int_equal(bars, 1);
    /* Nothing known. */
    out = report(hb, 0, &st);
    assert_int_equal(st, WW_HEALTH_UNKNOWN);
    assert_true(strncmp(out, "UNKNOWN - ", 10) == 0);
}

static void names(void **state)
{
    (void)state;
    assert_string_equal(ww_health_name(WW_HEALTH_OK), "OK");
    assert_string_equal(ww_health_name(WW_HEALTH_WARNING), "WARNING");
    assert_string_equal(ww_health_name(WW_HEALTH_CRITICAL), "CRITICAL");
    assert_string_equal(ww_health_name(WW_HEALTH_UNKNOWN), "UNKNOWN");
    assert_int_equal(WW_HEALTH_OK, 0);
    assert_int_equal(WW_HEALTH_UNKNOWN, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kiosk_states),
        cmocka_unit_test(plugin_output),
        cmocka_unit_test(names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
