/* Loading kiosk-config: the sample, and one case per kind of error with the
 * exact message a municipality's editor sees. */
#include "config.h"
#include "str.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

static const char base_partners[] = "[partner balie]\n"
                                    "name = Algemene balie\n"
                                    "letter = A\n"
                                    "general = yes\n"
                                    "\n"
                                    "[partner jl]\n"
                                    "name = Het Juridisch Loket\n"
                                    "letter = J\n";

static const char base_location[] = "[location]\n"
                                    "name = Testlocatie\n"
                                    "general = balie\n"
                                    "\n"
                                    "[hours]\n"
                                    "mon = 09:00-17:00\n"
                                    "tue = 09:00-17:00\n"
                                    "\n"
                                    "[presence]\n"
                                    "partner = jl\n"
                                    "days = ma\n"
                                    "time = 09:00-12:00\n";

static char tmpdir[256];

static void write_file(const char *rel, const char *text)
{
    char path[512];
    ww_fmt(path, sizeof path, "%s/%s", tmpdir, rel);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    ww_strlcpy(tmpdir, "/tmp/ww-config-XXXXXX", sizeof tmpdir);
    if (!mkdtemp(tmpdir))
        return -1;
    char sub[300];
    ww_fmt(sub, sizeof sub, "%s/locations", tmpdir);
    mkdir(sub, 0700);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char path[512];
    ww_fmt(path, sizeof path, "%s/locations/loc.ini", tmpdir);
    unlink(path);
    ww_fmt(path, sizeof path, "%s/partners.ini", tmpdir);
    unlink(path);
    ww_fmt(path, sizeof path, "%s/closed.ini", tmpdir);
    unlink(path);
    ww_fmt(path, sizeof path, "%s/locations", tmpdir);
    rmdir(path);
    rmdir(tmpdir);
    return 0;
}

static void test_sample_loads(void **state)
{
    (void)state;
    struct ww_config cfg;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&cfg, "kiosk-config", &d);
    ww_diags_print(&d, stderr);
    assert_true(ok);
    assert_int_equal(d.count, 0);
    const struct ww_location *w = ww_config_location(&cfg, "weener-xl");
    assert_non_null(w);
    assert_string_equal(w->name, "Weener XL");
    assert_string_equal(cfg.partners[w->general_partner].id, "algemene-balie");
    size_t bi;
    const struct ww_partner *b = ww_config_partner(&cfg, "belastingdienst", &bi);
    assert_non_null(b);
    assert_int_equal(b->letter, 'B');
    /* Holidays are closed; a normal Tuesday is open; Sunday has no hours. */
    ww_day day;
    ww_day_parse("2026-12-25", &day);
    const char *why = NULL;
    assert_true(ww_config_closed(&cfg, w, day, &why));
    assert_string_equal(why, "Eerste Kerstdag");
    ww_day_parse("2026-11-24", &day);
    assert_false(ww_config_closed(&cfg, w, day, NULL));
    ww_day_parse("2026-11-29", &day);
    assert_true(ww_config_closed(&cfg, w, day, NULL));
    ww_diags_destroy(&d);
    ww_config_destroy(&cfg);
}

struct used {
    char *text;
    int missing;
};

static void check_used(void *ctx, const char *section, const char *key)
{
    struct used *u = ctx;
    char needle[64];
    ww_fmt(needle, sizeof needle, "\n%s =", key);
    if (!strstr(u->text, needle)) {
        fprintf(stderr, "sample config does not use [%s] %s\n", section, key);
        u->missing++;
    }
}

static char *slurp_sample(void)
{
    static const char *const files[] = {
        "kiosk-config/partners.ini", "kiosk-config/locations/weener-xl.ini",
        "kiosk-config/locations/scheidingsplein-hollands-kroon.ini"};
    size_t cap = 1 << 18, len = 1;
    char *all = calloc(1, cap);
    assert_non_null(all);
    all[0] = '\n';
    for (size_t i = 0; i < 3; i++) {
        FILE *f = fopen(files[i], "r");
        assert_non_null(f);
        len += fread(all + len, 1, cap - len - 1, f);
        fclose(f);
    }
    return all;
}

/* Every key of every table appears in the shipped sample, so the sample
 * documents the whole format. */
static void test_sample_uses_every_key(void **state)
{
    (void)state;
    struct used u = {slurp_sample(), 0};
    ww_config_each_key(check_used, &u);
    free(u.text);
    assert_int_equal(u.missing, 0);
}

static const struct {
    const char *name;
    const char *file; /* file to replace */
    const char *text; /* its content */
    const char *diag; /* expected first diagnostic, after "<dir>/" */
} error_cases[] = {
    {"unknown key", "locations/loc.ini", "[location]\nname = X\ncolour = red\ngeneral = balie\n",
     "locations/loc.ini:3: unknown key 'colour' in [location]"},
    {"bad choice", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\nticket_bring = fulll\n",
     "locations/loc.ini:4: ticket_bring: 'fulll' is not one of full|neutral"},
    {"bad time", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[hours]\nmon = 9 uur-17:00\n",
     "locations/loc.ini:5: mon: '9 uur-17:00': expected HH:MM-HH:MM with times between 00:00 "
     "and 24:00"},
    {"end before start", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[hours]\nmon = 09:00-17:00\n[presence]\n"
     "partner = jl\ndays = ma\ntime = 12:00-09:00\n",
     "locations/loc.ini:9: time: '12:00-09:00': end time must be after start time"},
    {"unknown partner", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[hours]\nmon = 09:00-17:00\n[presence]\n"
     "partner = belastingdienst\ndays = ma\ntime = 09:00-12:00\n",
     "locations/loc.ini:6: unknown partner 'belastingdienst' (not in partners.ini)"},
    {"duplicate id", "partners.ini",
     "[partner balie]\nname = A\nletter = A\n[partner balie]\nname = B\nletter = B\n",
     "partners.ini:4: duplicate partner id 'balie' (first at line 1)"},
    {"desks below one", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[hours]\nmon = 09:00-17:00\n[presence]\n"
     "partner = jl\ndays = ma\ntime = 09:00-12:00\ndesks = 0\n",
     "locations/loc.ini:10: desks: '0' is not a whole number from 1 to 20"},
    {"every other week without anchor", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[hours]\nmon = 09:00-17:00\n[presence]\n"
     "partner = jl\ndays = ma\ntime = 09:00-12:00\nevery = 2\n",
     "locations/loc.ini:6: [presence] with every = 2 needs 'anchor', a date in a week when it "
     "happens"},
    {"outside opening hours", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[hours]\nmon = 09:00-17:00\n[presence]\n"
     "partner = jl\ndays = ma\ntime = 16:00-18:00\n",
     "locations/loc.ini:6: jl is here outside the opening hours on mon (see [hours])"},
    {"on a closed weekday", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[hours]\nmon = 09:00-17:00\n[presence]\n"
     "partner = jl\ndays = wo\ntime = 09:00-12:00\n",
     "locations/loc.ini:6: jl is here on wed, but the location is closed that day (see [hours])"},
    {"bad closed date", "closed.ini", "[closed]\n2026-02-30 = Nergensdag\n",
     "closed.ini:2: [closed]: '2026-02-30' is not a date (YYYY-MM-DD)"},
    {"missing required key", "partners.ini", "[partner balie]\nletter = A\n",
     "partners.ini:1: [partner] is missing the required key 'name'"},
    {"unknown section", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[openingstijden]\nmon = 09:00-17:00\n",
     "locations/loc.ini:4: unknown section [openingstijden] (expected location, hours, screen, "
     "presence, closed or partner ID)"},
    {"unknown general desk", "locations/loc.ini", "[location]\nname = X\ngeneral = loket\n",
     "locations/loc.ini:3: general = loket: unknown partner (not in partners.ini)"},
    {"municipal general desk without details", "partners.ini",
     "[partner balie]\nname = Algemene balie\nletter = A\ngeneral = yes\nmunicipal = yes\n"
     "[partner jl]\nname = Het Juridisch Loket\nletter = J\n",
     "locations/loc.ini:3: balie is the general desk here, a municipal partner, but this file "
     "gives no details of its own: add [partner balie] with this municipality's phone, website "
     "or address"},
    {"municipal partner here without details", "partners.ini",
     "[partner balie]\nname = Algemene balie\nletter = A\ngeneral = yes\n"
     "[partner jl]\nname = Schuldhulp\nletter = J\nmunicipal = yes\nphone = 14 073\n",
     "locations/loc.ini:9: jl is here, a municipal partner, but this file gives no details of "
     "its own: add [partner jl] with this municipality's phone, website or address"},
    {"shared key in a location", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[partner jl]\nletter = Q\n",
     "locations/loc.ini:5: [partner jl]: 'letter' is the same at every location: set it in "
     "partners.ini (a location may set helps, phone, phone_hours, website, address and bring)"},
    {"unknown key in a location partner", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[partner jl]\ntelefoon = 1\n",
     "locations/loc.ini:5: [partner jl]: unknown key 'telefoon'"},
    {"unknown partner in a location", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[partner loket]\nphone = 1\n",
     "locations/loc.ini:4: [partner loket]: unknown partner (not in partners.ini)"},
    {"location partner twice", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[partner jl]\nphone = 1\n[partner jl]\n",
     "locations/loc.ini:6: section [partner jl] appears twice (first at line 4)"},
    {"until before from", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[hours]\nmon = 09:00-17:00\n[presence]\n"
     "partner = jl\ndays = ma\ntime = 09:00-12:00\nfrom = 2027-01-01\nuntil = 2026-01-01\n",
     "locations/loc.ini:6: [presence]: 'until' is before 'from'"},
    {"unknown printer", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\nprinter = laser:kantoor\n",
     "locations/loc.ini: printer = laser:kantoor: printer 'laser:kantoor': unknown kind 'laser' "
     "(known: png:DIR, escpos:DEVICE, escpos-net:HOST:PORT, cups:QUEUE, none)"},
    {"section twice", "locations/loc.ini",
     "[location]\nname = X\ngeneral = balie\n[hours]\nmon = 09:00-17:00\n[hours]\n",
     "locations/loc.ini:6: section [hours] appears twice (first at line 4)"},
};

static void test_error_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++) {
        write_file("partners.ini", base_partners);
        write_file("locations/loc.ini", base_location);
        write_file("closed.ini", "[closed]\n");
        struct ww_config cfg;
        struct ww_diags d;
        ww_diags_init(&d);
        assert_true(ww_config_load(&cfg, tmpdir, &d));
        ww_config_destroy(&cfg);

        write_file(error_cases[i].file, error_cases[i].text);
        bool ok = ww_config_load(&cfg, tmpdir, &d);
        if (ok || d.count == 0)
            fail_msg("case '%s': no error reported", error_cases[i].name);
        char line[700], want[700];
        ww_diag_format(&d.items[0], line, sizeof line);
        ww_fmt(want, sizeof want, "%s/%s", tmpdir, error_cases[i].diag);
        if (strcmp(line, want) != 0)
            fail_msg("case '%s':\n got  %s\n want %s", error_cases[i].name, line, want);
        ww_diags_destroy(&d);
        ww_config_destroy(&cfg);
    }
}

/* A location's [partner ID] section replaces the shared details there and
 * nowhere else; a municipal partner needs a phone, website or address of
 * the location's own, wherever residents meet it. */
static const char municipal_partners[] = "[partner balie]\n"
                                         "name = Algemene balie\n"
                                         "letter = A\n"
                                         "general = yes\n"
                                         "municipal = yes\n"
                                         "helps = Wij helpen u.\n"
                                         "bring = Uw identiteitsbewijs\n"
                                         "\n"
                                         "[partner jl]\n"
                                         "name = Het Juridisch Loket\n"
                                         "letter = J\n"
                                         "phone = 0800-8020\n"
                                         "website = https://www.juridischloket.nl\n"
                                         "\n"
                                         "[partner schuld]\n"
                                         "name = Schuldhulp\n"
                                         "letter = H\n"
                                         "municipal = yes\n";

static void test_location_overrides(void **state)
{
    (void)state;
    write_file("partners.ini", municipal_partners);
    write_file("closed.ini", "[closed]\n");
    write_file("locations/loc.ini", "[location]\n"
                                    "name = Testlocatie\n"
                                    "general = balie\n"
                                    "[hours]\n"
                                    "mon = 09:00-17:00\n"
                                    "[partner balie]\n"
                                    "phone = 14 0224\n"
                                    "phone_hours = Maandag\n"
                                    "address = Raadhuis, Dorp\n"
                                    "bring = Uw paspoort; Uw brieven\n"
                                    "[partner jl]\n"
                                    "phone_hours = Dag en nacht\n"
                                    "[partner schuld]\n"
                                    "website = https://www.dorp.nl\n");
    struct ww_config cfg;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&cfg, tmpdir, &d);
    ww_diags_print(&d, stderr);
    assert_true(ok);
    const struct ww_location *loc = ww_config_location(&cfg, "loc");
    assert_non_null(loc);
    size_t bi, ji, si;
    assert_non_null(ww_config_partner(&cfg, "balie", &bi));
    assert_non_null(ww_config_partner(&cfg, "jl", &ji));
    assert_non_null(ww_config_partner(&cfg, "schuld", &si));
    const struct ww_partner *b = ww_location_partner(loc, bi);
    assert_non_null(b);
    /* Merged: the location's keys over the shared ones. */
    assert_string_equal(b->id, "balie");
    assert_string_equal(b->name, "Algemene balie");
    assert_int_equal(b->letter, 'A');
    assert_true(b->general && b->municipal);
    assert_string_equal(b->helps, "Wij helpen u.");
    assert_string_equal(b->phone, "14 0224");
    assert_string_equal(b->phone_hours, "Maandag");
    assert_string_equal(b->address, "Raadhuis, Dorp");
    assert_string_equal(b->bring, "Uw paspoort; Uw brieven");
    assert_int_equal(b->local_line, 6);
    /* The shared entry is untouched. */
    assert_string_equal(cfg.partners[bi].phone, "");
    assert_string_equal(cfg.partners[bi].bring, "Uw identiteitsbewijs");
    assert_int_equal(cfg.partners[bi].local_line, 0);
    /* Only what the location gave changes. */
    const struct ww_partner *j = ww_location_partner(loc, ji);
    assert_string_equal(j->phone, "0800-8020");
    assert_string_equal(j->website, "https://www.juridischloket.nl");
    assert_string_equal(j->phone_hours, "Dag en nacht");
    assert_null(ww_location_partner(loc, cfg.n_partners));
    /* Routed to: every location has details of its own, so nothing to say. */
    size_t before = d.count;
    ww_config_check_route(&cfg, si, "flows/geld.flow:12", &d);
    ww_config_check_route(&cfg, ji, "flows/geld.flow:20", &d);
    assert_int_equal(d.count, before);
    ww_diags_destroy(&d);
    ww_config_destroy(&cfg);

    /* Hours alone are no way to reach them; a route to a municipal partner
     * the location knows nothing of is reported with the flow line. */
    write_file("locations/loc.ini", "[location]\n"
                                    "name = Testlocatie\n"
                                    "general = balie\n"
                                    "[hours]\n"
                                    "mon = 09:00-17:00\n"
                                    "[partner balie]\n"
                                    "phone_hours = Maandag\n");
    ww_diags_init(&d);
    assert_false(ww_config_load(&cfg, tmpdir, &d));
    assert_int_equal(d.count, 1);
    char line[700], want[700];
    ww_diag_format(&d.items[0], line, sizeof line);
    ww_fmt(want, sizeof want,
           "%s/locations/loc.ini:3: balie is the general desk here, a municipal partner, but "
           "this file gives no details of its own: add [partner balie] with this "
           "municipality's phone, website or address",
           tmpdir);
    assert_string_equal(line, want);
    assert_non_null(ww_config_partner(&cfg, "schuld", &si));
    ww_config_check_route(&cfg, si, "flows/geld.flow:12", &d);
    assert_int_equal(d.count, 2);
    ww_diag_format(&d.items[1], line, sizeof line);
    ww_fmt(want, sizeof want,
           "%s/locations/loc.ini: schuld is a municipal partner that residents are sent to "
           "(flows/geld.flow:12), but this file gives no details of its own: add [partner "
           "schuld] with this municipality's phone, website or address",
           tmpdir);
    assert_string_equal(line, want);
    ww_diags_destroy(&d);
    ww_config_destroy(&cfg);
}

static void test_missing_folder(void **state)
{
    (void)state;
    struct ww_config cfg;
    struct ww_diags d;
    ww_diags_init(&d);
    assert_false(ww_config_load(&cfg, "/nonexistent-wegwijzer", &d));
    char line[600];
    ww_diag_format(&d.items[0], line, sizeof line);
    assert_string_equal(
        line, "/nonexistent-wegwijzer/partners.ini: cannot read: No such file or directory");
    ww_diags_destroy(&d);
    ww_config_destroy(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_loads),
        cmocka_unit_test(test_sample_uses_every_key),
        cmocka_unit_test_setup_teardown(test_error_cases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_location_overrides, setup, teardown),
        cmocka_unit_test(test_missing_folder),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
