/* Booking codes: check parts and parsing what staff scan or type. */
#include "code.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static void test_check_parts(void **state)
{
    (void)state;
    char a[16], b[16];
    assert_true(ww_code_new_check(a, sizeof a));
    assert_true(ww_code_new_check(b, sizeof b));
    assert_int_equal(strlen(a), WW_CHECK_LEN);
    assert_string_not_equal(a, b);
    for (size_t i = 0; i < WW_CHECK_LEN; i++)
        assert_non_null(strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", a[i]));
    assert_false(ww_code_new_check(a, WW_CHECK_LEN)); /* no room for the NUL */
    /* Over many draws every symbol of the alphabet shows up: 5 bits each. */
    int seen[128] = {0};
    for (int i = 0; i < 200; i++) {
        assert_true(ww_code_new_check(a, sizeof a));
        for (size_t k = 0; k < WW_CHECK_LEN; k++)
            seen[(unsigned char)a[k]] = 1;
    }
    int distinct = 0;
    for (int i = 0; i < 128; i++)
        distinct += seen[i];
    assert_int_equal(distinct, 32);
}

static void test_parse(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int ok, kind;
        const char *a, *b; /* QR: location, check; ticket: ticket */
    } cases[] = {
        {"WW1:weener-xl:7KQ2M9XAPD", 1, WW_CODE_QR, "weener-xl", "7KQ2M9XAPD"},
        {"  WW1:weener-xl:7kq2m9xapd\n", 1, WW_CODE_QR, "weener-xl", "7KQ2M9XAPD"},
        {"WW1:weener-xl:7KQ2M9XAPO", 1, WW_CODE_QR, "weener-xl", "7KQ2M9XAP0"},
        {"WW1:weener-xl:7KQ2M9XAP", 0, 0, NULL, NULL},
        {"WW1:weener-xl:7KQ2M9XAPU", 0, 0, NULL, NULL},
        {"WW1:Weener XL:7KQ2M9XAPD", 0, 0, NULL, NULL},
        {"WW1:weener-xl", 0, 0, NULL, NULL},
        {"J-014", 1, WW_CODE_TICKET, "J-014", NULL},
        {"j14", 1, WW_CODE_TICKET, "J-014", NULL},
        {"J 7", 1, WW_CODE_TICKET, "J-007", NULL},
        {"J-1234", 0, 0, NULL, NULL},
        {"14", 0, 0, NULL, NULL},
        {"J-", 0, 0, NULL, NULL},
        {"'; DROP TABLE bookings; --", 0, 0, NULL, NULL},
        {"", 0, 0, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ww_code_input in;
        bool ok = ww_code_parse(cases[i].in, &in);
        if (ok != (bool)cases[i].ok)
            fail_msg("'%s': parse gave %d", cases[i].in, ok);
        if (!ok)
            continue;
        assert_int_equal(in.kind, cases[i].kind);
        if (in.kind == WW_CODE_QR) {
            assert_string_equal(in.location, cases[i].a);
            assert_string_equal(in.check, cases[i].b);
        } else {
            assert_string_equal(in.ticket, cases[i].a);
        }
    }
    char buf[64];
    assert_true(ww_code_qr_payload("weener-xl", "7KQ2M9XAPD", buf, sizeof buf));
    assert_string_equal(buf, "WW1:weener-xl:7KQ2M9XAPD");
    struct ww_code_input in;
    assert_true(ww_code_parse(buf, &in));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_parts),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests_name("code", tests, NULL, NULL);
}
