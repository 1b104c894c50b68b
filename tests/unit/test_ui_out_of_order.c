/* The out-of-order screen: what it learns from a config that loaded only in
 * part (the general desk, its room on the day, the location's screen), and
 * its draw lists on portrait and landscape screens: every text fits on the
 * screen, meets the theme's contrast and the 4.8 mm capital for residents,
 * every language is there (Arabic right-aligned, or left out without its
 * font), the staff view lists each problem and its button is a 20 mm
 * target. */
#include "core/config.h"
#include "core/i18n.h"
#include "core/str.h"
#include "ui/layout.h"
#include "ui/out_of_order.h"
#include "ui/theme.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

static struct ww_text *text;
static struct ww_text_cache *cache;

static int setup(void **state)
{
    (void)state;
    ww_i18n_init("build/locale");
    text = ww_text_new();
    if (!text)
        return -1;
    cache = ww_text_cache_new(text, 8u << 20, NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ww_text_cache_free(cache);
    ww_text_free(text);
    return 0;
}

/* Run a program (no shell) and wait for it; it must succeed. */
static void run(const char *const argv[])
{
    pid_t pid;
    assert_int_equal(posix_spawnp(&pid, argv[0], NULL, NULL, (char *const *)argv, environ), 0);
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* A copy of the sample config in a temporary folder, with the sed script
 * `edit` applied to one file. Returns the folder (static buffer). */
static const char *config_copy(const char *file, const char *edit)
{
    static char dir[64];
    snprintf(dir, sizeof dir, "%s/ww-ooo-test.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(dir));
    run((const char *const[]){"cp", "-r", "kiosk-config/.", dir, NULL});
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    run((const char *const[]){"sed", "-i", edit, path, NULL});
    return dir;
}

static void config_remove(const char *dir)
{
    run((const char *const[]){"rm", "-rf", dir, NULL});
}

/* 2026-11-24 is a Tuesday, 2026-11-28 a Saturday. */
static ww_day day_of(const char *s)
{
    ww_day d;
    assert_true(ww_day_parse(s, &d));
    return d;
}

static void test_info_from_whole_config(void **state)
{
    (void)state;
    struct ww_config cfg;
    struct ww_diags d;
    ww_diags_init(&d);
    assert_true(ww_config_load(&cfg, "kiosk-config", &d));
    struct ww_ooo_info info;
    ww_ooo_info_init(&info);
    ww_ooo_info_from_config(&info, &cfg, "weener-xl", day_of("2026-11-24"));
    assert_string_equal(info.location, "Weener XL");
    assert_string_equal(info.desk, "Algemene balie");
    assert_string_equal(info.room, "Algemene balie");
    assert_int_equal(info.geom.width_px, 1080);
    ww_ooo_info_destroy(&info);

    /* Two locations and none chosen: nothing is known. */
    ww_ooo_info_init(&info);
    ww_ooo_info_from_config(&info, &cfg, NULL, day_of("2026-11-24"));
    assert_string_equal(info.location, "");
    assert_string_equal(info.desk, "");
    ww_ooo_info_destroy(&info);
    ww_config_destroy(&cfg);
    ww_diags_destroy(&d);
}

static void test_info_from_broken_config(void **state)
{
    (void)state;
    struct {
        const char *file, *edit;
        const char *desk; /* expected */
    } cases[] = {
        /* A range error elsewhere in the file: the desk is still known. */
        {"locations/weener-xl.ini", "s/^idle_seconds = .*/idle_seconds = 5/", "Algemene balie"},
        /* A syntax error at the end: everything above it was read. */
        {"locations/weener-xl.ini", "$a dit is geen regel", "Algemene balie"},
        /* The general desk names no partner: no desk on screen. */
        {"locations/weener-xl.ini", "s/^general = .*/general = niemand/", ""},
        /* partners.ini broken in another partner: the desk still has its name. */
        {"partners.ini", "$a kleur = blauw", "Algemene balie"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *dir = config_copy(cases[i].file, cases[i].edit);
        struct ww_config cfg;
        struct ww_diags d;
        ww_diags_init(&d);
        assert_false(ww_config_load(&cfg, dir, &d));
        assert_true(d.count >= 1);
        struct ww_ooo_info info;
        ww_ooo_info_init(&info);
        ww_ooo_info_from_config(&info, &cfg, "weener-xl", day_of("2026-11-24"));
        assert_string_equal(info.location, "Weener XL");
        assert_string_equal(info.desk, cases[i].desk);
        ww_ooo_info_destroy(&info);
        ww_config_destroy(&cfg);
        ww_diags_destroy(&d);
        config_remove(dir);
    }
}

static const struct ww_dcmd *find_text(const struct ww_dlist *d, const char *s)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->cmds[i].kind == WW_D_TEXT && strstr(d->cmds[i].text, s))
            return &d->cmds[i];
    return NULL;
}

/* Every text inside the screen, not overflowing, with enough contrast;
 * for residents also the 4.8 mm capital. */
static void check_list(const struct ww_dlist *d, const struct ww_ooo_info *info, int w, int h,
                       bool resident)
{
    struct ww_layout L;
    ww_layout_init(&L, &info->geom, w, h, 0, false, false);
    const struct ww_theme *th = d->theme;
    assert_non_null(th);
    size_t texts = 0;
    for (size_t i = 0; i < d->n; i++) {
        const struct ww_dcmd *c = &d->cmds[i];
        if (c->kind != WW_D_TEXT)
            continue;
        texts++;
        if (c->overflow || c->r.x < 0 || c->r.y < 0 || c->r.x + c->r.w > w || c->r.y + c->r.h > h)
            fail_msg("text '%s' does not fit (%d,%d %dx%d on %dx%d)", c->text, c->r.x, c->r.y,
                     c->r.w, c->r.h, w, h);
        double ratio = ww_contrast_ratio(th->c[c->role], th->c[c->bg]);
        if (ratio < th->min_text)
            fail_msg("text '%s': contrast %.2f", c->text, ratio);
        if (resident) {
            int cap, line;
            ww_text_metrics(text, c->st.px, c->st.bold, &cap, &line);
            if (ww_px_mm(&L, cap) < 4.8)
                fail_msg("text '%s': capital %.2f mm", c->text, ww_px_mm(&L, cap));
        }
    }
    assert_true(texts >= 3);
}

static void test_resident_view(void **state)
{
    (void)state;
    struct ww_ooo_info info;
    ww_ooo_info_init(&info);
    ww_strlcpy(info.location, "Weener XL", sizeof info.location);
    ww_strlcpy(info.desk, "Algemene balie", sizeof info.desk);
    ww_strlcpy(info.room, "Kamer 1", sizeof info.room);
    struct ww_dlist d;
    ww_dlist_init(&d);
    static const int sizes[][2] = {{1080, 1920}, {1920, 1080}, {768, 1366}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        int w = sizes[i][0], h = sizes[i][1];
        ww_ooo_build(&info, cache, w, h, false, &d);
        assert_string_equal(d.screen, "out-of-order");
        check_list(&d, &info, w, h, true);
        assert_non_null(find_text(&d, "Deze zuil werkt nu niet."));
        assert_non_null(find_text(&d, "Ga naar de balie. Daar helpt een medewerker u."));
        assert_non_null(find_text(&d, "Algemene balie"));
        assert_non_null(find_text(&d, "Kamer 1"));
        assert_non_null(find_text(&d, "Weener XL"));
        assert_non_null(find_text(&d, "This kiosk is not working right now."));
        assert_non_null(find_text(&d, "Ten kiosk teraz nie działa."));
        /* Arabic: right-aligned, its own direction. */
        const struct ww_dcmd *ar = find_text(&d, "هٰذَا الْجِهَازُ");
        assert_non_null(ar);
        assert_true(ar->st.rtl);
        assert_int_equal(ar->r.x + ar->r.w, ar->clip.x + ar->clip.w);
        /* Nothing to tap: the staff corner stays free. */
        assert_int_equal(d.n_targets, 0);
        /* The language stays Dutch after the build. */
        assert_string_equal(ww_i18n_lang(), "nl");
    }
    /* Without the Arabic font the Arabic paragraph is left out. */
    info.no_arabic = true;
    ww_ooo_build(&info, cache, 1080, 1920, false, &d);
    assert_null(find_text(&d, "هٰذَا الْجِهَازُ"));
    assert_non_null(find_text(&d, "This kiosk is not working right now."));
    /* Without a desk: no card, still the way to the desk. */
    info.desk[0] = '\0';
    ww_ooo_build(&info, cache, 1080, 1920, false, &d);
    assert_null(find_text(&d, "Algemene balie"));
    assert_non_null(find_text(&d, "Ga naar de balie."));
    ww_dlist_destroy(&d);
    ww_ooo_info_destroy(&info);
}

static void test_staff_view(void **state)
{
    (void)state;
    struct ww_ooo_info info;
    ww_ooo_info_init(&info);
    ww_diags_add(&info.problems, "kiosk-config/partners.ini", 12, "unknown key 'kleur'");
    ww_diags_add(&info.problems, "kiosk-config/locations/x.ini", 0, "no [location]");
    struct ww_dlist d;
    ww_dlist_init(&d);
    ww_ooo_build(&info, cache, 1080, 1920, true, &d);
    assert_string_equal(d.screen, "out-of-order-staff");
    check_list(&d, &info, 1080, 1920, false);
    assert_non_null(find_text(&d, "kiosk-config/partners.ini:12: unknown key 'kleur'"));
    assert_non_null(find_text(&d, "kiosk-config/locations/x.ini: no [location]"));
    assert_non_null(find_text(&d, "2 problemen"));
    const struct ww_dtarget *t = ww_dlist_find(&d, "close");
    assert_non_null(t);
    struct ww_layout L;
    ww_layout_init(&L, &info.geom, 1080, 1920, 0, false, false);
    assert_true(ww_px_mm(&L, t->r.w) >= WW_TARGET_MIN_MM);
    assert_true(ww_px_mm(&L, t->r.h) >= WW_TARGET_MIN_MM);
    /* The corner stays free for the gesture in both views. */
    assert_null(ww_dlist_hit(&d, 5, 5));

    /* Many problems: as many as fit, and how many more. */
    for (int i = 0; i < 200; i++)
        ww_diags_add(&info.problems, "kiosk-config/flows/werk.flow", i + 1,
                     "answer leads to 'nergens': no such question or outcome");
    ww_ooo_build(&info, cache, 1080, 1920, true, &d);
    check_list(&d, &info, 1080, 1920, false);
    assert_non_null(find_text(&d, "en nog "));
    ww_dlist_destroy(&d);
    ww_ooo_info_destroy(&info);
}

static void test_message(void **state)
{
    (void)state;
    struct ww_ooo_info info;
    ww_ooo_info_init(&info);
    char buf[512];
    ww_ooo_message(&info, buf, sizeof buf);
    assert_string_equal(buf,
                        "Deze zuil werkt nu niet. Ga naar de balie. Daar helpt een medewerker u.");
    ww_strlcpy(info.desk, "Algemene balie", sizeof info.desk);
    ww_strlcpy(info.room, "Kamer 1", sizeof info.room);
    ww_ooo_message(&info, buf, sizeof buf);
    assert_string_equal(buf, "Deze zuil werkt nu niet. Ga naar de balie. Daar helpt een medewerker "
                             "u. Algemene balie. Kamer 1.");
    ww_i18n_set("en");
    ww_ooo_message(&info, buf, sizeof buf);
    assert_non_null(strstr(buf, "This kiosk is not working right now."));
    ww_i18n_set("nl");
    ww_ooo_info_destroy(&info);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_info_from_whole_config),
        cmocka_unit_test(test_info_from_broken_config),
        cmocka_unit_test(test_resident_view),
        cmocka_unit_test(test_staff_view),
        cmocka_unit_test(test_message),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
