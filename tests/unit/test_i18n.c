/* Language switching through gettext with no locale but the built-in
 * C.UTF-8: LOCPATH points at an empty folder and LANG/LC_* are cleared, so
 * no system locale can help. Catalogues are compiled here with msgfmt from
 * tests/data/locales; the real ones in build/locale are checked when built.
 * Also the PO reader that `flow check` uses. */
#include "i18n.h"
#include "str.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

static char tmp[64];

static bool run_msgfmt(const char *po, const char *mo)
{
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        execlp("msgfmt", "msgfmt", "--check", "-o", mo, po, (char *)NULL);
        _exit(127);
    }
    int st;
    return waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static int setup(void **state)
{
    (void)state;
    ww_strlcpy(tmp, "/tmp/ww-i18n-XXXXXX", sizeof tmp);
    if (!mkdtemp(tmp))
        return -1;
    static const char *const langs[] = {"en", "ar"};
    for (size_t i = 0; i < 2; i++) {
        char d[160], po[160], mo[200];
        ww_fmt(d, sizeof d, "%s/%s", tmp, langs[i]);
        mkdir(d, 0755);
        ww_fmt(d, sizeof d, "%s/%s/LC_MESSAGES", tmp, langs[i]);
        mkdir(d, 0755);
        ww_fmt(mo, sizeof mo, "%s/wegwijzer.mo", d);
        ww_fmt(po, sizeof po, "tests/data/locales/%s.po", langs[i]);
        if (!run_msgfmt(po, mo))
            return -1;
    }
    char empty[96];
    ww_fmt(empty, sizeof empty, "%s/no-locales", tmp);
    mkdir(empty, 0755);
    /* Nothing from the system: only what glibc has built in. */
    setenv("LOCPATH", empty, 1);
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
    unsetenv("LANGUAGE");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ar"};
    char p[200];
    for (size_t i = 0; i < 2; i++) {
        ww_fmt(p, sizeof p, "%s/%s/LC_MESSAGES/wegwijzer.mo", tmp, langs[i]);
        unlink(p);
        ww_fmt(p, sizeof p, "%s/%s/LC_MESSAGES", tmp, langs[i]);
        rmdir(p);
        ww_fmt(p, sizeof p, "%s/%s", tmp, langs[i]);
        rmdir(p);
    }
    ww_fmt(p, sizeof p, "%s/no-locales", tmp);
    rmdir(p);
    rmdir(tmp);
    return 0;
}

static void test_switch(void **state)
{
    (void)state;
    assert_true(ww_i18n_init(tmp));
    assert_string_equal(ww_i18n_lang(), "nl");
    assert_string_equal(ww_i18n_get("Terug"), "Terug");
    static const struct {
        const char *lang, *msgid, *want;
        bool rtl;
    } cases[] = {
        {"en", "Terug", "Back", false},
        {"ar", "Terug", "رُجُوع", true},
        {"nl", "Terug", "Terug", false},
        /* Back again: the cache of the first switch must not answer. */
        {"en", "Terug", "Back", false},
        {"en", "Stap %d van %d", "Step %d of %d", false},
        {"en", "Tik op \"Ja\" als het klopt.", "Tap \"Yes\" if it is right.", false},
        {"en", "Niet vertaald", "Niet vertaald", false},
        {"en", "", "", false},
        /* A language without a catalogue shows Dutch. */
        {"tr", "Terug", "Terug", false},
        {"ar", "Stap %d van %d", "الْخُطْوَةُ %d مِنْ %d", true},
        {"nl", "Stap %d van %d", "Stap %d van %d", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(ww_i18n_set(cases[i].lang));
        assert_string_equal(ww_i18n_lang(), cases[i].lang);
        const char *got = ww_i18n_get(cases[i].msgid);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("case %zu (%s): '%s', want '%s'", i, cases[i].lang, got, cases[i].want);
        assert_int_equal(ww_i18n_rtl(), cases[i].rtl);
    }
    assert_false(ww_i18n_set("xx"));
    assert_false(ww_i18n_set("fy")); /* no Frisian voice or catalogue */
    assert_string_equal(ww_i18n_lang(), "nl");
}

static void test_langs(void **state)
{
    (void)state;
    size_t n;
    const struct ww_lang *l = ww_i18n_langs(&n);
    assert_int_equal(n, 6);
    static const char *const own[] = {"Nederlands", "English", "Türkçe",
                                      "العربية",    "Polski",  "Українська"};
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(l[i].own_name, own[i]);
        assert_int_equal(l[i].rtl, strcmp(l[i].code, "ar") == 0);
        assert_ptr_equal(ww_i18n_find(l[i].code), &l[i]);
    }
    assert_null(ww_i18n_find(NULL));
}

/* The shipped catalogues, when `make` has compiled them. */
static void test_real_catalogues(void **state)
{
    (void)state;
    struct stat st;
    if (stat("build/locale/en/LC_MESSAGES/wegwijzer.mo", &st) != 0)
        skip();
    ww_i18n_init("build/locale");
    static const char *const langs[] = {"en", "tr", "ar", "pl", "uk"};
    for (size_t i = 0; i < 5; i++) {
        assert_true(ww_i18n_set(langs[i]));
        const char *t = ww_i18n_get("Praat met een medewerker");
        if (strcmp(t, "Praat met een medewerker") == 0)
            fail_msg("%s: not translated", langs[i]);
        /* Not "?????": the codeset is UTF-8. */
        assert_null(strstr(t, "??"));
    }
    /* A text in another language than the current one (a reprint on the
     * Dutch staff screen): the current language stays, and the text stays
     * valid after the switch back. */
    assert_true(ww_i18n_set("nl"));
    const char *en = ww_i18n_get_in("en", "Uw nummer");
    const char *tr = ww_i18n_tr(NULL, "tr", "Uw nummer");
    assert_string_equal(ww_i18n_lang(), "nl");
    assert_string_equal(en, "Your number");
    assert_string_not_equal(tr, "Uw nummer");
    assert_string_equal(ww_i18n_get("Uw nummer"), "Uw nummer");
    assert_string_equal(ww_i18n_get_in("nl", "Uw nummer"), "Uw nummer");
    assert_string_equal(ww_i18n_get_in("xx", "Uw nummer"), "Uw nummer");
    ww_i18n_set("nl");
    ww_i18n_init(tmp);
}

static void test_po_reader(void **state)
{
    (void)state;
    struct ww_po po;
    assert_true(ww_po_load(&po, "tests/data/locales/en.po"));
    assert_string_equal(ww_po_get(&po, "Terug"), "Back");
    assert_string_equal(po.entries[0].ref, "src/ui/screens.c:237");
    assert_string_equal(po.entries[1].ref, "");
    assert_string_equal(ww_po_get(&po, "Tik op \"Ja\" als het klopt."),
                        "Tap \"Yes\" if it is right.");
    assert_null(ww_po_get(&po, "Opnieuw"));   /* fuzzy */
    assert_null(ww_po_get(&po, "Voorlezen")); /* empty */
    assert_null(ww_po_get(&po, "Bestaat niet"));
    assert_null(ww_po_get(&po, "")); /* the header is no entry */
    ww_po_destroy(&po);
    assert_false(ww_po_load(&po, "tests/data/locales/none.po"));
}

static void test_placeholders(void **state)
{
    (void)state;
    static const struct {
        const char *src, *tr;
        bool ok;
    } cases[] = {
        {"Stap %d van %d", "Step %d of %d", true},
        {"Stap %d van %d", "%2$d adımdan %1$d.", true},
        {"Stap %d van %d", "Adım %d / %d %s", false},  /* one too many */
        {"Stap %d van %d", "Adım %d", false},          /* one missing */
        {"Stap %d van %d", "Adım %s / %d", false},     /* another kind */
        {"Stap %d van %d", "Adım %1$d / %d", false},   /* numbered and not */
        {"Stap %d van %d", "Adım %1$d / %1$d", false}, /* one value twice, one gone */
        {"Stap %d van %d", "Adım %d / %d %n", false},  /* a write */
        {"Stap %d van %d", "Adım %d / %5d", false},    /* a width: no placeholder */
        {"Stap %d van %d", "Adım %d / %d %lx", false},
        {"Stap %d van %d", "Adım %d / %d %.*s", false},
        {"Stap %d van %d", "Adım %d / %d %10$s", false},
        {"Stap %d van %d", "Adım %d / %d %0$d", false},
        {"Terug", "Back", true},
        {"Terug", "Back %s", false},
        {"Terug", "Back %%", true}, /* a percent sign */
        {"100% zeker", "100% sure", true},
        {"100% zeker", "%", true},
        {"%d%%", "%%%d", true},
        {"%s en %d", "%2$d & %1$s", true},
        {"%s en %d", "%1$d & %2$s", false},
        {"%d %d %d %d %d %d %d %d %d %d", "%d %d %d %d %d %d %d %d %d %d", false}, /* > 9 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char why[128] = "";
        bool got = ww_i18n_placeholders_match(cases[i].src, cases[i].tr, why, sizeof why);
        if (got != cases[i].ok)
            fail_msg("case %zu: \"%s\" -> \"%s\": %s, want %s", i, cases[i].src, cases[i].tr,
                     got ? "match" : why, cases[i].ok ? "match" : "no match");
        if (!got)
            assert_true(why[0] != '\0');
    }
    assert_false(ww_i18n_placeholders_match("Stap %d van %d", "x %s", NULL, 0));
}

static void test_subst(void **state)
{
    (void)state;
    const char *const args[] = {"2", "5"};
    static const struct {
        const char *text;
        size_t n_args, size;
        const char *want;
        bool ok;
    } cases[] = {
        {"Stap %d van %d", 2, 64, "Stap 2 van 5", true},
        {"%2$d adımdan %1$d.", 2, 64, "5 adımdan 2.", true},
        {"100%% en 100% zeker", 0, 64, "100% en 100% zeker", true},
        {"%n %x %5d", 0, 64, "%n %x %5d", true},              /* conversions stay text */
        {"Stap %d van %d %s", 2, 64, "Stap 2 van 5 ", false}, /* no third value */
        {"Stap %d van %d", 2, 8, "Stap 2 ", false},           /* cut, terminated */
        {"%d", 2, 1, "", false},
        {"eind %", 0, 64, "eind %", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        memset(buf, 'x', sizeof buf);
        bool ok = ww_i18n_subst(buf, cases[i].size, cases[i].text, args, cases[i].n_args);
        if (ok != cases[i].ok || strcmp(buf, cases[i].want) != 0)
            fail_msg("case %zu: \"%s\" -> \"%s\" (%d), want \"%s\" (%d)", i, cases[i].text, buf, ok,
                     cases[i].want, cases[i].ok);
    }
}

/* A hostile catalogue, compiled here as a translator would (msgfmt, no
 * c-format flag): texts whose placeholders differ show in Dutch, formatted
 * texts never read a value that is not there, and the check names each. */
static void test_hostile_catalogue(void **state)
{
    (void)state;
    char dir[96], d[160], mo[200];
    ww_fmt(dir, sizeof dir, "%s/hostile", tmp);
    mkdir(dir, 0755);
    ww_fmt(d, sizeof d, "%s/tr", dir);
    mkdir(d, 0755);
    ww_fmt(d, sizeof d, "%s/tr/LC_MESSAGES", dir);
    mkdir(d, 0755);
    ww_fmt(mo, sizeof mo, "%s/wegwijzer.mo", d);
    assert_true(run_msgfmt("tests/data/locales/hostile.po", mo));

    struct ww_diags diags;
    ww_diags_init(&diags);
    assert_int_equal(ww_i18n_check_dir(dir, &diags), 3);
    /* In the catalogue's order (sorted by msgid). */
    static const char *const named[] = {"\"Het scherm begint opnieuw over %d seconden.\"",
                                        "\"Stap %d van %d\"", "\"Terug\""};
    for (size_t i = 0; i < 3; i++) {
        assert_non_null(strstr(diags.items[i].file, "tr/LC_MESSAGES/wegwijzer.mo"));
        if (!strstr(diags.items[i].msg, named[i]))
            fail_msg("problem %zu: '%s' does not name %s", i, diags.items[i].msg, named[i]);
    }
    ww_diags_destroy(&diags);

    ww_i18n_init(dir);
    assert_true(ww_i18n_set("tr"));
    assert_string_equal(ww_i18n_get("Terug"), "Terug");
    assert_string_equal(ww_i18n_get("Tik om te beginnen"), "Başlamak için dokunun");
    assert_string_equal(ww_i18n_get("100% zeker"), "100% emin");
    char buf[96];
    const int step[] = {2, 5};
    assert_string_equal(ww_i18n_format_int(buf, sizeof buf, "Stap %d van %d", step, 2),
                        "Stap 2 van 5");
    const int left[] = {3, 12};
    assert_string_equal(
        ww_i18n_format_int(buf, sizeof buf, "Nog %d van de %d plaatsen vrij", left, 2),
        "12 yerden 3 tanesi boş");
    const int secs = 29;
    assert_string_equal(ww_i18n_format_int(buf, sizeof buf,
                                           "Het scherm begint opnieuw over %d seconden.", &secs, 1),
                        "Het scherm begint opnieuw over 29 seconden.");
    ww_i18n_set("nl");

    /* The PO file itself, as `flow check` reads it: file:line and msgid. */
    struct ww_po po;
    assert_true(ww_po_load(&po, "tests/data/locales/hostile.po"));
    ww_diags_init(&diags);
    assert_int_equal(ww_po_check_placeholders(&po, "hostile.po", &diags), 3);
    assert_int_equal(diags.items[0].line, 17);
    assert_non_null(strstr(diags.items[0].msg, "\"Stap %d van %d\""));
    ww_diags_destroy(&diags);
    ww_po_destroy(&po);

    /* Not a catalogue, or one with an entry outside the file. */
    ww_diags_init(&diags);
    assert_int_equal(ww_i18n_check_mo("hello", 5, "x.mo", &diags), 1);
    static const unsigned char damaged[28] = {0xde, 0x12, 0x04, 0x95, 0, 0, 0,  0, 1, 0,
                                              0,    0,    28,   0,    0, 0, 36, 0, 0, 0};
    assert_int_equal(ww_i18n_check_mo((const char *)damaged, sizeof damaged, "y.mo", &diags), 1);
    assert_non_null(strstr(diags.items[1].msg, "damaged"));
    ww_diags_destroy(&diags);

    unlink(mo);
    rmdir(d);
    ww_fmt(d, sizeof d, "%s/tr", dir);
    rmdir(d);
    rmdir(dir);
    ww_i18n_init(tmp);
}

static void test_default_dir(void **state)
{
    (void)state;
    char buf[256];
    setenv("WEGWIJZER_LOCALEDIR", "/somewhere/locale", 1);
    ww_i18n_default_dir(NULL, buf, sizeof buf);
    assert_string_equal(buf, "/somewhere/locale");
    unsetenv("WEGWIJZER_LOCALEDIR");
    ww_i18n_default_dir("/nonexistent/bin/wegwijzer", buf, sizeof buf);
    assert_string_equal(buf, "build/locale");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_switch),          cmocka_unit_test(test_langs),
        cmocka_unit_test(test_real_catalogues), cmocka_unit_test(test_po_reader),
        cmocka_unit_test(test_default_dir),     cmocka_unit_test(test_placeholders),
        cmocka_unit_test(test_subst),           cmocka_unit_test(test_hostile_catalogue),
    };
    return cmocka_run_group_tests_name("i18n", tests, setup, teardown);
}
