/* Tickets drawn with the screen's fonts: Dutch and Arabic at 80 and 58 mm.
 * Checks the shape of the raster (width, right-to-left alignment of the
 * Arabic ticket) and compares the ESC/POS bytes with reviewed golden files
 * (tests/ref/ticket-*.escpos, with a PNG of each next to it for review).
 * The golden bytes depend on the installed Noto fonts and FreeType/HarfBuzz:
 * after an upgrade, look at the PNGs and run `make update-golden`. */
#include "config.h"
#include "escpos.h"
#include "ini.h"
#include "printer.h"
#include "render/ticket_raster.h"
#include "str.h"
#include "ticket.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static struct ww_config cfg;
static struct ww_ticket_raster *tr;

static int setup(void **state)
{
    (void)state;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&cfg, "kiosk-config", &d);
    ww_diags_destroy(&d);
    tr = ww_ticket_raster_new(NULL);
    return ok && tr ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ww_ticket_raster_free(tr);
    ww_config_destroy(&cfg);
    return 0;
}

static const char *tr_ar(void *ctx, const char *lang, const char *msgid)
{
    (void)ctx;
    (void)lang;
    static const char *const table[][2] = {
        {"Uw nummer", "رقمك"},
        {"{weekday} {day} {month}, {time}", "{weekday} {day} {month}، الساعة {time}"},
        {"dinsdag", "الثلاثاء"},
        {"november", "نوفمبر"},
        {"{room}, plek {desk}", "{room}، المكان {desk}"},
        {"Neem mee:", "أحضر معك:"},
        {"Laat deze code zien aan de balie.", "أظهر هذا الرمز عند المكتب."},
        {"Belt {location} u? Dan ziet u dit nummer:", "إذا اتصل بك {location}، فسترى هذا الرقم:"},
        {"Sociaal raadslieden", "المستشارون الاجتماعيون"},
        {"Spreekkamer 1", "غرفة الاستشارة 1"},
        {"Uw paspoort, identiteitskaart of verblijfsdocument",
         "جواز سفرك أو بطاقة هويتك أو وثيقة إقامتك"},
        {"De brieven of formulieren waar het om gaat", "الرسائل أو الاستمارات المعنية"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i][0], msgid) == 0)
            return table[i][1];
    return NULL;
}

static void draw(const char *lang, int width, struct ww_raster *r)
{
    struct ww_booking b = {
        .id = 7, .day = ww_day_from_ymd(2026, 11, 24), .start = 630, .minutes = 30, .desk = 2};
    ww_strlcpy(b.location, "weener-xl", sizeof b.location);
    ww_strlcpy(b.partner, "sociaal-raadslieden", sizeof b.partner);
    ww_strlcpy(b.ticket, "S-014", sizeof b.ticket);
    ww_strlcpy(b.check, "7KQ2M9XAPD", sizeof b.check);
    struct ww_ticket_params p = {
        .loc = ww_config_location(&cfg, "weener-xl"),
        .partner = ww_config_partner(&cfg, b.partner, NULL),
        .booking = &b,
        .room = "Spreekkamer 1",
        .desks = 2,
        .lang = lang,
        .tr = strcmp(lang, "ar") == 0 ? tr_ar : NULL,
        .width = width,
    };
    struct ww_ticket t;
    assert_int_equal(ww_ticket_build(&t, &p), WW_OK);
    assert_true(ww_ticket_raster_draw(tr, &t, r));
    assert_int_equal(r->width, width);
    assert_in_range(r->height, 600, 2000);
}

/* Rows of text hugging one side: ink starts near that edge and stops well
 * before the other (rules across the paper do not count). */
static int rows_against(const struct ww_raster *r, bool left)
{
    int n = 0;
    for (int y = 0; y < r->height; y++) {
        int x0 = -1, x1 = -1;
        for (int x = 0; x < r->width; x++)
            if (ww_raster_get(r, x, y)) {
                if (x0 < 0)
                    x0 = x;
                x1 = x;
            }
        if (x0 < 0)
            continue;
        if (left && x0 < 40 && x1 < r->width - 100)
            n++;
        if (!left && x1 >= r->width - 40 && x0 > 100)
            n++;
    }
    return n;
}

static void test_direction(void **state)
{
    (void)state;
    struct ww_raster nl, ar;
    draw("nl", WW_TICKET_DOTS_80, &nl);
    draw("ar", WW_TICKET_DOTS_80, &ar);
    /* Dutch: "Neem mee:" and the items hang on the left; Arabic: on the right. */
    assert_true(rows_against(&nl, true) > 10);
    assert_int_equal(rows_against(&nl, false), 0);
    assert_true(rows_against(&ar, false) > 10);
    assert_int_equal(rows_against(&ar, true), 0);
    ww_raster_destroy(&nl);
    ww_raster_destroy(&ar);
}

static void golden(const char *lang, int width, const char *name)
{
    struct ww_raster r;
    draw(lang, width, &r);
    struct ww_bytes out;
    ww_bytes_init(&out);
    assert_true(ww_escpos_ticket(&out, &r, NULL));
    char ref[128];
    ww_fmt(ref, sizeof ref, "tests/ref/%s.escpos", name);
    if (getenv("WW_UPDATE_GOLDEN")) {
        FILE *f = fopen(ref, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(out.data, 1, out.len, f), out.len);
        fclose(f);
        char png[128];
        ww_fmt(png, sizeof png, "tests/ref/%s.png", name);
        struct ww_printer *holder = ww_printer_null_new(WW_OK, width);
        assert_int_equal(ww_printer_write_png(holder, png, &r), WW_OK);
        ww_printer_free(holder);
    }
    size_t len;
    char *want = ww_read_file(ref, 1 << 22, &len);
    assert_non_null(want);
    if (len != out.len || memcmp(want, out.data, len) != 0)
        fail_msg("%s differs from this build's ticket (fonts upgraded? see the file's header)",
                 ref);
    free(want);
    ww_bytes_destroy(&out);
    ww_raster_destroy(&r);
}

static void test_golden_nl_80(void **state)
{
    (void)state;
    golden("nl", WW_TICKET_DOTS_80, "ticket-nl-80");
}

static void test_golden_nl_58(void **state)
{
    (void)state;
    golden("nl", WW_TICKET_DOTS_58, "ticket-nl-58");
}

static void test_golden_ar_80(void **state)
{
    (void)state;
    golden("ar", WW_TICKET_DOTS_80, "ticket-ar-80");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_direction),
        cmocka_unit_test(test_golden_nl_80),
        cmocka_unit_test(test_golden_nl_58),
        cmocka_unit_test(test_golden_ar_80),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
