/* Store targets in messages, logs and on screens: every password libpq would
 * read from a target is masked (URIs of both schemes, query parameters,
 * keyword strings with quoted values), and libpq's parse errors lose the
 * token they quote. When built with libpq, libpq itself parses each masked
 * target and must find no password but "***". */
#include "store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#ifdef WW_WITH_PG
#include <libpq-fe.h>
#endif

struct mask_case {
    const char *target;
    const char *shown;
};

static const struct mask_case cases[] = {
    {"sqlite:weener-xl.db", "sqlite:weener-xl.db"},
    {"sqlite:/var/lib/wegwijzer/a password=b.db", "sqlite:/var/lib/wegwijzer/a password=b.db"},
    {"postgresql://ww@db.example:5432/wegwijzer?sslmode=require",
     "postgresql://ww@db.example:5432/wegwijzer?sslmode=require"},
    {"postgresql://ww:geheim1@db.example/wegwijzer", "postgresql://ww:***@db.example/wegwijzer"},
    {"postgres://ww:geheim1@db.example/wegwijzer", "postgres://ww:***@db.example/wegwijzer"},
    {"postgres://ww:@db/w", "postgres://ww:***@db/w"},
    {"postgresql://ww:ge%40heim@db,db2:5433/w", "postgresql://ww:***@db,db2:5433/w"},
    /* libpq ends the user part at the first '@' before '/': '?' is in the password. */
    {"postgresql://ww:ge?heim@db/w", "postgresql://ww:***@db/w"},
    /* a bare '/' or '@' in a password: everything up to the last '@' goes. */
    {"postgresql://ww:ge/he@im@db/w", "postgresql://ww:***@db/w"},
    {"postgresql://db/w?user=ww&password=geheim1&sslmode=require",
     "postgresql://db/w?user=ww&password=***&sslmode=require"},
    {"postgres://db?password=geheim1", "postgres://db?password=***"},
    {"postgresql://db/w?%70assword=geheim1", "postgresql://db/w?%70assword=***"},
    {"postgresql://db/w?sslpassword=sleutel&password=a&password=b",
     "postgresql://db/w?sslpassword=***&password=***&password=***"},
    {"postgresql://u:p1@db/w?password=p2", "postgresql://u:***@db/w?password=***"},
    {"host=db user=ww password=geheim1 dbname=w", "host=db user=ww password=*** dbname=w"},
    {"password=geheim1", "password=***"},
    {"host=db password = 'ge heim' dbname=w", "host=db password = *** dbname=w"},
    {"host=db password='it\\'s geheim' port=5432", "host=db password=*** port=5432"},
    {"host=db password=ge\\ heim port=5432", "host=db password=*** port=5432"},
    {"password='unterminated geheim", "password=***"},
    {"host=db\tpassword=geheim1\nsslpassword='x y'", "host=db\tpassword=***\nsslpassword=***"},
    {"PASSWORD=geheim1", "PASSWORD=***"},
    /* libpq would stop here ("missing =") and quote a piece of the rest. */
    {"host=db password geheim1", "host=db password ***"},
    {"host=db nonsense", "host=db nonsense"},
};

static void test_mask_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[256];
        ww_store_mask(cases[i].target, out, sizeof out);
        if (strcmp(out, cases[i].shown) != 0)
            fail_msg("case %zu: '%s' became '%s', expected '%s'", i, cases[i].target, out,
                     cases[i].shown);
        assert_null(strstr(out, "geheim"));
    }
}

/* Cut short, the output still ends in a NUL and never shows half a password. */
static void test_mask_short(void **state)
{
    (void)state;
    const char *t = "postgresql://ww:geheim1@db/w";
    for (size_t size = 1; size < 40; size++) {
        char out[40];
        memset(out, 'x', sizeof out);
        ww_store_mask(t, out, size);
        assert_true(strlen(out) < size);
        assert_null(strstr(out, "ge"));
    }
    char none[1] = {'x'};
    ww_store_mask(t, none, 0);
    assert_int_equal(none[0], 'x');
}

static void test_mask_error(void **state)
{
    (void)state;
    char out[128];
    ww_store_mask_error("invalid percent-encoded token: \"ge%zzheim\"", out, sizeof out);
    assert_string_equal(out, "invalid percent-encoded token: \"***\"");
    ww_store_mask_error("missing \"=\" after \"heim\" in connection info string", out, sizeof out);
    assert_string_equal(out, "missing \"***\" after \"***\" in connection info string");
    ww_store_mask_error("unterminated \"geheim", out, sizeof out);
    assert_string_equal(out, "unterminated \"***");
    ww_store_mask_error("no quotes here", out, sizeof out);
    assert_string_equal(out, "no quotes here");
}

/* The error of opening a store never shows the password either. */
static void test_open_errors(void **state)
{
    (void)state;
    const char *targets[] = {
        "host=db password=geheim1",        /* no scheme */
        "mysql://ww:geheim1@db/w",         /* an unknown kind */
        "postgresql://ww:ge%zzheim1@db/w", /* libpq cannot read it */
        "postgresql://db/w?password=ge%zzheim1",
        "postgres://db/w?password=geheim1&bogus=1",
    };
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        char err[512] = "";
        struct ww_store *s = ww_store_open(targets[i], NULL, err, sizeof err);
        assert_null(s);
        assert_true(err[0] != '\0');
        if (strstr(err, "geheim") || strstr(err, "heim1"))
            fail_msg("'%s' shows the password: %s", targets[i], err);
    }
}

#ifdef WW_WITH_PG
static const char *option(PQconninfoOption *opts, const char *key)
{
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        if (strcmp(o->keyword, key) == 0)
            return o->val;
    return NULL;
}

/* libpq reads the same passwords we mask, and none from the masked text. */
static void test_mask_agrees_with_libpq(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *perr = NULL;
        PQconninfoOption *before = PQconninfoParse(cases[i].target, &perr);
        PQfreemem(perr);
        if (!before)
            continue;
        char out[256];
        ww_store_mask(cases[i].target, out, sizeof out);
        PQconninfoOption *after = PQconninfoParse(out, &perr);
        PQfreemem(perr);
        if (!after)
            fail_msg("case %zu: libpq reads '%s' but not '%s'", i, cases[i].target, out);
        for (int k = 0; k < 2; k++) {
            const char *key = k ? "sslpassword" : "password";
            const char *pw = option(after, key);
            if (pw && *pw && strcmp(pw, "***") != 0)
                fail_msg("case %zu: libpq finds %s '%s' in '%s'", i, key, pw, out);
        }
        PQconninfoFree(before);
        PQconninfoFree(after);
    }
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mask_table),
        cmocka_unit_test(test_mask_short),
        cmocka_unit_test(test_mask_error),
        cmocka_unit_test(test_open_errors),
#ifdef WW_WITH_PG
        cmocka_unit_test(test_mask_agrees_with_libpq),
#endif
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
