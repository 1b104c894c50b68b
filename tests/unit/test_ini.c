/* The INI reader: sections, keys, continuation lines, errors with lines. */
#include "ini.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

struct rec {
    char log[2048];
};

static bool record(void *ctx, const struct ww_ini_item *it)
{
    struct rec *r = ctx;
    size_t n = strlen(r->log);
    if (it->kind == WW_INI_SECTION)
        snprintf(r->log + n, sizeof r->log - n, "%d[%s|%s]", it->line, it->section, it->arg);
    else
        snprintf(r->log + n, sizeof r->log - n, "%d{%s=%s}", it->line, it->key, it->value);
    return true;
}

static void parse(const char *text, struct rec *r, struct ww_diags *d)
{
    memset(r, 0, sizeof *r);
    ww_ini_parse(text, strlen(text), "t.ini", d, record, r);
}

static void test_basic(void **state)
{
    (void)state;
    struct rec r;
    struct ww_diags d;
    ww_diags_init(&d);
    parse("\xEF\xBB\xBF; comment\n[a]\nk = v\n# c\n[partner x-1]\n  k2=  two words  \r\n", &r, &d);
    assert_int_equal(d.count, 0);
    assert_string_equal(r.log, "2[a|]3{k=v}5[partner|x-1]6{k2=two words}");
    ww_diags_destroy(&d);
}

static void test_continuation(void **state)
{
    (void)state;
    struct rec r;
    struct ww_diags d;
    ww_diags_init(&d);
    parse("[q]\ntext = Eerste deel\n   tweede deel\n\tderde\nnext = x\n", &r, &d);
    assert_int_equal(d.count, 0);
    assert_string_equal(r.log, "1[q|]2{text=Eerste deel tweede deel derde}5{next=x}");
    ww_diags_destroy(&d);
}

static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *diag;
    } cases[] = {
        {"[a\nk=v\n", "t.ini:1: section header must look like [name] or [name id]"},
        {"[a]\njust words\n", "t.ini:2: expected 'key = value', a [section] or a comment"},
        {"[a]\n = v\n", "t.ini:2: a key name is missing before '='"},
        {"[]\n", "t.ini:1: section name or id is empty or too long"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct rec r;
        struct ww_diags d;
        ww_diags_init(&d);
        parse(cases[i].text, &r, &d);
        assert_int_equal(d.count, 1);
        char line[600];
        ww_diag_format(&d.items[0], line, sizeof line);
        assert_string_equal(line, cases[i].diag);
        ww_diags_destroy(&d);
    }
}

struct target {
    char name[16];
    int n;
    bool b;
    int range[2];
    unsigned days;
    char letter;
};

static const struct ww_key keys[] = {
    {"name", WW_KEY_STR, offsetof(struct target, name), 16, 0, 0, true, ""},
    {"n", WW_KEY_INT, offsetof(struct target, n), 0, 1, 20, false, ""},
    {"b", WW_KEY_BOOL, offsetof(struct target, b), 0, 0, 0, false, ""},
    {"time", WW_KEY_RANGE, offsetof(struct target, range), 0, 0, 0, false, ""},
    {"days", WW_KEY_WEEKDAYS, offsetof(struct target, days), 0, 0, 0, false, ""},
    {"letter", WW_KEY_LETTER, offsetof(struct target, letter), 0, 0, 0, false, ""},
};

static void test_keys(void **state)
{
    (void)state;
    static const struct {
        const char *key, *value, *diag; /* diag NULL: accepted */
    } cases[] = {
        {"name", "Weener", NULL},
        {"name", "a name that is far too long", "t.ini:7: name: text longer than 15 bytes"},
        {"n", "20", NULL},
        {"n", "0", "t.ini:7: n: '0' is not a whole number from 1 to 20"},
        {"n", "2x", "t.ini:7: n: '2x' is not a whole number from 1 to 20"},
        {"b", "ja", NULL},
        {"b", "misschien", "t.ini:7: b: 'misschien' is not yes or no"},
        {"time", "09:00-12:30", NULL},
        {"time", "12:00-09:00", "t.ini:7: time: '12:00-09:00': end time must be after start time"},
        {"time", "9-12",
         "t.ini:7: time: '9-12': expected HH:MM-HH:MM with times between 00:00 and 24:00"},
        {"days", "ma, wo, Friday", NULL},
        {"days", "ma, mo", "t.ini:7: days: 'mo' is not a weekday (ma, di, wo, do, vr, za, zo)"},
        {"letter", "J", NULL},
        {"letter", "j", "t.ini:7: letter: 'j' is not one capital letter A-Z"},
        {"colour", "red", "t.ini:7: unknown key 'colour' in [s]"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct target t = {0};
        unsigned long seen = 0;
        struct ww_diags d;
        ww_diags_init(&d);
        struct ww_ini_item it = {WW_INI_KEY, 7, "s", "", cases[i].key, cases[i].value};
        bool ok = ww_keys_apply(keys, 6, &t, &seen, "t.ini", &it, &d);
        if (!cases[i].diag) {
            assert_true(ok);
            assert_int_equal(d.count, 0);
        } else {
            assert_false(ok);
            assert_int_equal(d.count, 1);
            char line[600];
            ww_diag_format(&d.items[0], line, sizeof line);
            assert_string_equal(line, cases[i].diag);
        }
        ww_diags_destroy(&d);
    }
    /* Values land in their fields; repeats and missing required keys are reported. */
    struct target t = {0};
    unsigned long seen = 0;
    struct ww_diags d;
    ww_diags_init(&d);
    struct ww_ini_item it = {WW_INI_KEY, 3, "s", "", "days", "ma, vr"};
    assert_true(ww_keys_apply(keys, 6, &t, &seen, "t.ini", &it, &d));
    assert_int_equal(t.days, (1u << 0) | (1u << 4));
    assert_false(ww_keys_apply(keys, 6, &t, &seen, "t.ini", &it, &d));
    ww_keys_require(keys, 6, seen, "t.ini", 2, "s", &d);
    assert_int_equal(d.count, 2);
    char line[600];
    ww_diag_format(&d.items[0], line, sizeof line);
    assert_string_equal(line, "t.ini:3: key 'days' appears twice in one [s]");
    ww_diag_format(&d.items[1], line, sizeof line);
    assert_string_equal(line, "t.ini:2: [s] is missing the required key 'name'");
    ww_diags_destroy(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_continuation),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_keys),
    };
    return cmocka_run_group_tests_name("ini", tests, NULL, NULL);
}
