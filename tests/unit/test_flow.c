/* Question flows: loading and resolving the test flows (tests/data/flows),
 * every broken fixture with its exact messages (tests/data/flows-broken),
 * the B1 measures, and outcome resolution against a real SQLite store on a
 * fixed Tuesday, also when staff mark the preferred partner absent. */
#include "flow.h"
#include "i18n.h"
#include "ini.h"
#include "str.h"

#include <dirent.h>
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

static struct ww_config cfg;
static struct ww_flows flows;
static char dir[128];

static int setup(void **state)
{
    (void)state;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&cfg, "kiosk-config", &d) &&
              ww_flows_load(&flows, "tests/data/flows", &cfg, &d);
    if (!ok)
        ww_diags_print(&d, stderr);
    ww_diags_destroy(&d);
    ww_strlcpy(dir, "/tmp/ww-flow-XXXXXX", sizeof dir);
    if (!ok || !mkdtemp(dir))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char path[256];
    static const char *const suffix[] = {"", "-wal", "-shm"};
    for (int n = 1; n <= 16; n++)
        for (int i = 0; i < 3; i++) {
            ww_fmt(path, sizeof path, "%s/f%d.db%s", dir, n, suffix[i]);
            unlink(path);
        }
    rmdir(dir);
    ww_flows_destroy(&flows);
    ww_config_destroy(&cfg);
    return 0;
}

static void test_load(void **state)
{
    (void)state;
    assert_int_equal(flows.n_topics, 2);
    /* Sorted by order. */
    assert_string_equal(flows.topics[0].id, "geld");
    assert_string_equal(flows.topics[1].id, "thuis");
    const struct ww_flow_topic *t = &flows.topics[0];
    assert_int_equal(t->start.kind, WW_NODE_QUESTION);
    const struct ww_flow_question *q = &t->questions[t->start.index];
    assert_string_equal(q->id, "rekeningen");
    assert_int_equal(q->n_answers, 3);
    assert_string_equal(q->answers[0].text, "Ja");
    assert_string_equal(q->answers[2].icon, "soms");
    assert_int_equal(q->answers[0].target.kind, WW_NODE_QUESTION);
    assert_int_equal(q->dontknow.kind, WW_NODE_OUTCOME);
    /* Longest path from the start: rekeningen, inkomen. */
    assert_int_equal(q->depth, 2);
    assert_int_equal(q->text_line, 9);
    /* No dontknow: the general desk. */
    const struct ww_flow_topic *th = &flows.topics[1];
    const struct ww_flow_question *v = &th->questions[th->start.index];
    assert_int_equal(v->dontknow.kind, WW_NODE_OUTCOME);
    assert_int_equal(v->dontknow.index, WW_FLOW_GENERAL);
    assert_true(ww_flows_outcome(&flows, 0, WW_FLOW_GENERAL)->general);
    int ti;
    assert_non_null(ww_flows_topic(&flows, "thuis", &ti));
    assert_int_equal(ti, 1);
    assert_null(ww_flows_topic(&flows, "nergens", &ti));
    assert_int_equal(ti, -1);
}

/* Every folder of tests/data/flows-broken holds one broken flow and the
 * exact output of `flow check` in `expected`; the messages come from here,
 * so the two stay the same. */
static void test_broken_fixtures(void **state)
{
    (void)state;
    const char *root = "tests/data/flows-broken";
    DIR *dh = opendir(root);
    assert_non_null(dh);
    struct dirent *e;
    int cases = 0;
    while ((e = readdir(dh))) {
        if (e->d_name[0] == '.')
            continue;
        char fdir[256], exp_path[300], pict[300], loc[300];
        ww_fmt(fdir, sizeof fdir, "%s/%s", root, e->d_name);
        ww_fmt(exp_path, sizeof exp_path, "%s/expected", fdir);
        ww_fmt(pict, sizeof pict, "%s/pictograms", fdir);
        ww_fmt(loc, sizeof loc, "%s/locales", fdir);
        struct stat st;
        bool have_loc = stat(loc, &st) == 0;
        struct ww_flows f;
        struct ww_diags err, warn;
        ww_diags_init(&err);
        ww_diags_init(&warn);
        ww_flows_load(&f, fdir, &cfg, &err);
        struct ww_flow_check_params p = {pict, have_loc ? loc : NULL, NULL, 0, NULL};
        ww_flows_check(&f, &p, &err, &warn);
        char got[4096] = "";
        size_t used = 0;
        for (int pass = 0; pass < 2; pass++) {
            const struct ww_diags *d = pass ? &warn : &err;
            for (size_t i = 0; i < d->count; i++) {
                char line[600];
                ww_diag_format(&d->items[i], line, sizeof line);
                int n = snprintf(got + used, sizeof got - used, "%s\n", line);
                assert_true(n > 0 && (size_t)n < sizeof got - used);
                used += (size_t)n;
            }
        }
        size_t len;
        char *want = ww_read_file(exp_path, 1 << 16, &len);
        assert_non_null(want);
        /* The expected file ends with the summary line of `flow check`. */
        char *summary = strstr(want, "flow check: ");
        assert_non_null(summary);
        *summary = '\0';
        if (strcmp(got, want) != 0)
            fail_msg("%s:\n got:\n%s want:\n%s", e->d_name, got, want);
        assert_true(err.count + warn.count > 0);
        free(want);
        ww_flows_destroy(&f);
        ww_diags_destroy(&err);
        ww_diags_destroy(&warn);
        cases++;
    }
    closedir(dh);
    assert_true(cases >= 20);
}

/* A generated chain of n questions: q0 -> q1 -> ... -> q(n-1) -> o, each
 * with a second answer straight to o. Heap; the caller frees. */
static char *chain_text(int n, size_t *len)
{
    size_t cap = 256 + (size_t)n * 96; /* a question takes at most 80 */
    char *t = malloc(cap);
    assert_non_null(t);
    size_t at = 0;
    at += (size_t)snprintf(t + at, cap - at,
                           "[topic diep]\ntitle = Diep\nicon = geld\norder = 1\nstart = q0\n");
    for (int i = 0; i < n; i++) {
        char next[16];
        if (i + 1 < n)
            snprintf(next, sizeof next, "q%d", i + 1);
        else
            snprintf(next, sizeof next, "o");
        at += (size_t)snprintf(t + at, cap - at,
                               "[question q%d]\ntext = Vraag?\nanswer = Ja -> %s\n"
                               "answer = Nee -> o\n",
                               i, next);
    }
    at +=
        (size_t)snprintf(t + at, cap - at, "[outcome o]\npartners = algemene-balie\nwhy = Hulp.\n");
    *len = at;
    return t;
}

/* Deep chains: no recursion (a chain as deep as the loader admits is walked
 * with explicit stacks), a path longer than a session holds is an error
 * naming the chain, and a file with too many nodes is read in part. */
static void test_deep_chains(void **state)
{
    (void)state;
    static const struct {
        int n;
        const char *want; /* "" = no problem */
    } cases[] = {
        {1, ""},
        {WW_FLOW_MAX_DEPTH, ""},
        {WW_FLOW_MAX_DEPTH + 1, "diep.flow:6: a path of 17 questions starts at 'q0' (at most 16): "
                                "q0 -> q1 -> q2 -> q3 -> ... -> q15 -> q16"},
        {WW_FLOW_MAX_NODES - 1, "diep.flow:6: a path of 399 questions starts at 'q0' (at most 16): "
                                "q0 -> q1 -> q2 -> q3 -> ... -> q397 -> q398"},
        {WW_FLOW_MAX_NODES, "more than 400 questions and outcomes in one flow file"},
        {100000, "diep.flow:1606: more than 400 questions and outcomes in one flow file: the rest "
                 "is not read"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        char *text = chain_text(cases[i].n, &len);
        struct ww_flows f;
        struct ww_diags d;
        ww_diags_init(&d);
        bool ok = ww_flows_load_text(&f, text, len, "diep.flow", &cfg, &d);
        free(text);
        if (!cases[i].want[0]) {
            if (!ok || d.count)
                fail_msg("chain of %d: unexpected problems", cases[i].n);
            const struct ww_flow_question *q = &f.topics[0].questions[0];
            assert_int_equal(q->depth, cases[i].n);
        } else {
            char line[600] = "";
            if (d.count == 1)
                ww_diag_format(&d.items[0], line, sizeof line);
            if (ok || d.count != 1 || !strstr(line, cases[i].want))
                fail_msg("chain of %d: %zu problems, first '%s', want one with '%s'", cases[i].n,
                         d.count, line, cases[i].want);
        }
        ww_diags_destroy(&d);
        ww_flows_destroy(&f);
    }
}

static void test_words(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int words;
    } cases[] = {
        {"Kunt u uw rekeningen op tijd betalen?", 7},
        {"", 0},
        {"  twee   woorden ", 2},
        {"Bel 0800-2000 - dag en nacht.", 5}, /* a lone dash is no word */
        {"Heeft u één vraag?", 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].text;
        assert_int_equal(ww_flow_words(t, t + strlen(t)), cases[i].words);
    }
    assert_int_equal(ww_utf8_len("één"), 3);
    assert_int_equal(ww_utf8_len("Türkçe"), 6);
    /* Vowel marks take no room: "kataba" with and without tashkeel. */
    assert_int_equal(ww_text_chars("كَتَبَ"), 3);
    assert_int_equal(ww_text_chars("كتب"), 3);
    assert_int_equal(ww_utf8_len("كَتَبَ"), 6);
    assert_int_equal(ww_text_chars("Українська"), 10);
    assert_int_equal(ww_text_chars("e\xcc\x81"), 1); /* e + combining acute */
}

static void test_abbreviations(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *found; /* NULL: none */
    } cases[] = {
        {"Neem bijv. uw paspoort mee.", "bijv."},
        {"Bijv. uw paspoort.", "bijv."},
        {"Dit is o.a. voor huur.", "o.a."},
        {"Kom z.s.m. langs.", "z.s.m."},
        {"Brieven, formulieren etc.", "etc."},
        {"Uw paspoort (evt. rijbewijs).", "evt."},
        {"Dat is d.w.z. anders.", "d.w.z."},
        {"Neem i.p.v. uw pas dit mee.", "i.p.v."},
        {"Kom om 8.30 uur.", NULL},
        {"Bel 0800-2000.", NULL},
        {"Kijk op www.uwv.nl.", NULL},
        {"Gaat het goed?", NULL},
        {"Ja.", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char tok[32] = "";
        const char *hit = ww_flow_abbreviation(cases[i].text, tok, sizeof tok);
        if (!cases[i].found) {
            if (hit)
                fail_msg("'%s': unexpected abbreviation '%s'", cases[i].text, tok);
        } else {
            if (!hit)
                fail_msg("'%s': '%s' not found", cases[i].text, cases[i].found);
            assert_string_equal(tok, cases[i].found);
        }
    }
}

/* A fresh store per case, with an optional absence recorded by "staff". */
static struct ww_store *store_with_absence(const char *absent, ww_day day)
{
    static int n;
    char uri[256], err[256];
    ww_fmt(uri, sizeof uri, "sqlite:%s/f%d.db", dir, ++n);
    struct ww_store *s = ww_store_open(uri, NULL, err, sizeof err);
    assert_non_null(s);
    if (absent) {
        struct ww_override ov;
        memset(&ov, 0, sizeof ov);
        ww_strlcpy(ov.partner, absent, sizeof ov.partner);
        ov.kind = WW_OVERRIDE_ABSENT;
        struct ww_audit a;
        memset(&a, 0, sizeof a);
        ww_strlcpy(a.location, "weener-xl", sizeof a.location);
        a.day = day;
        ww_strlcpy(a.role, "cli", sizeof a.role);
        ww_strlcpy(a.action, "absent", sizeof a.action);
        ww_strlcpy(a.detail, absent, sizeof a.detail);
        assert_int_equal(ww_store_override_add(s, "weener-xl", day, &ov, &a), WW_OK);
    }
    return s;
}

static void test_resolve(void **state)
{
    (void)state;
    /* Tuesday 2026-11-24 09:30 at Weener XL (sample config): sociaal
     * raadslieden are here on Tuesday and Thursday mornings, schuldhulp on
     * Monday, Wednesday and Friday, the wijkteam on Thursday afternoons;
     * Veilig Thuis and the Huurcommissie never. */
    ww_day tue = ww_day_from_ymd(2026, 11, 24);
    static const struct {
        const char *topic, *outcome, *absent;
        enum ww_here here;
        const char *partner;
        int rank;
        int day_offset; /* from Tuesday */
        int first_free;
    } cases[] = {
        /* The first recommended partner (schuldhulp) is not here today; the
         * second is. */
        {"geld", "schulden", NULL, WW_HERE_TODAY, "sociaal-raadslieden", 1, 0, 9 * 60 + 30},
        {"geld", "budget", NULL, WW_HERE_TODAY, "sociaal-raadslieden", 0, 0, 9 * 60 + 30},
        /* Staff mark them absent: the earliest next date of either wins. */
        {"geld", "schulden", "sociaal-raadslieden", WW_HERE_LATER, "schuldhulp", 0, 1, 9 * 60},
        {"geld", "budget", "sociaal-raadslieden", WW_HERE_LATER, "sociaal-raadslieden", 0, 2,
         9 * 60},
        /* werk-inkomen is here every weekday morning. */
        {"geld", "minder", NULL, WW_HERE_TODAY, "werk-inkomen", 0, 0, 9 * 60 + 40},
        {"geld", "minder", "werk-inkomen", WW_HERE_TODAY, "sociaal-raadslieden", 1, 0, 9 * 60 + 30},
        /* Veilig Thuis is never on site: the wijkteam on Thursday. */
        {"thuis", "onveilig", NULL, WW_HERE_LATER, "wijkteam", 1, 2, 13 * 60},
        {"thuis", "commissie", NULL, WW_HERE_NONE, NULL, -1, 0, -1},
    };
    int64_t now = ww_utc_from_local(tue, 9 * 60 + 30);
    struct ww_clock clk = ww_clock_fixed(&now);
    const struct ww_location *loc = ww_config_location(&cfg, "weener-xl");
    assert_non_null(loc);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ww_store *st = store_with_absence(cases[i].absent, tue);
        struct ww_booking_ctx ctx = {&cfg, loc, st, &clk};
        int ti;
        const struct ww_flow_topic *t = ww_flows_topic(&flows, cases[i].topic, &ti);
        assert_non_null(t);
        const struct ww_flow_outcome *o = NULL;
        for (size_t k = 0; k < t->n_outcomes; k++)
            if (strcmp(t->outcomes[k].id, cases[i].outcome) == 0)
                o = &t->outcomes[k];
        assert_non_null(o);
        struct ww_resolution r;
        assert_int_equal(ww_flow_resolve(&flows, o, &ctx, &r), WW_OK);
        if (r.here != cases[i].here)
            fail_msg("case %zu (%s): here %d, want %d", i, cases[i].outcome, r.here, cases[i].here);
        assert_int_equal(r.rank, cases[i].rank);
        if (cases[i].partner) {
            assert_string_equal(cfg.partners[r.partner].id, cases[i].partner);
            assert_int_equal(r.day, tue + cases[i].day_offset);
            if (r.first_free != cases[i].first_free)
                fail_msg("case %zu: first free %d, want %d", i, r.first_free, cases[i].first_free);
        }
        if (r.here == WW_HERE_TODAY) {
            assert_true(r.n_free > 0);
            assert_true(r.room[0] != '\0');
        }
        ww_store_free(st);
    }
    /* The general desk: the location's general partner, here today. */
    struct ww_store *st = store_with_absence(NULL, tue);
    struct ww_booking_ctx ctx = {&cfg, loc, st, &clk};
    struct ww_resolution r;
    assert_int_equal(ww_flow_resolve(&flows, &flows.general, &ctx, &r), WW_OK);
    assert_int_equal(r.here, WW_HERE_TODAY);
    assert_string_equal(cfg.partners[r.partner].id, "algemene-balie");
    assert_int_equal(r.first_free, 9 * 60 + 30);
    assert_true(r.later_free >= r.first_free + 60);
    assert_true(r.next_day != WW_DAY_NONE);
    ww_store_free(st);
}

/* A store that is down: every read says so (only the reads booking.c
 * makes are needed here). */
static enum ww_err down_bookings(struct ww_store *s, const char *location, ww_day day,
                                 struct ww_booking **out, size_t *n)
{
    (void)s, (void)location, (void)day;
    *out = NULL;
    *n = 0;
    return WW_ERR_UNAVAILABLE;
}

static enum ww_err down_overrides(struct ww_store *s, const char *location, ww_day day,
                                  struct ww_override **out, size_t *n)
{
    (void)s, (void)location, (void)day;
    *out = NULL;
    *n = 0;
    return WW_ERR_UNAVAILABLE;
}

static const struct ww_store_ops down_ops = {
    .scheme = "down",
    .bookings = down_bookings,
    .overrides = down_overrides,
};

/* With the store down the outcome is resolved on the weekly pattern: the
 * same partner and room as with an empty store, marked offline, and the
 * view says that booking is not possible now. */
static void test_resolve_offline(void **state)
{
    (void)state;
    ww_i18n_set("nl");
    ww_day tue = ww_day_from_ymd(2026, 11, 24);
    int64_t now = ww_utc_from_local(tue, 9 * 60 + 30);
    struct ww_clock clk = ww_clock_fixed(&now);
    const struct ww_location *loc = ww_config_location(&cfg, "weener-xl");
    struct ww_store down = {&down_ops};
    struct ww_booking_ctx ctx = {&cfg, loc, &down, &clk};
    const struct ww_flow_topic *t = ww_flows_topic(&flows, "geld", NULL);
    const struct ww_flow_outcome *o = &t->outcomes[0]; /* schulden */
    struct ww_resolution r;
    assert_int_equal(ww_flow_resolve(&flows, o, &ctx, &r), WW_ERR_UNAVAILABLE);
    assert_true(r.offline);
    assert_int_equal(r.here, WW_HERE_TODAY);
    assert_string_equal(cfg.partners[r.partner].id, "sociaal-raadslieden");
    assert_true(r.room[0] != '\0');

    struct ww_store *up = store_with_absence(NULL, tue);
    ctx.store = up;
    struct ww_resolution online;
    assert_int_equal(ww_flow_resolve(&flows, o, &ctx, &online), WW_OK);
    assert_false(online.offline);
    assert_int_equal(online.partner, r.partner);
    assert_string_equal(online.room, r.room);
    ww_store_free(up);

    struct ww_outcome_view v;
    ww_outcome_view(&cfg, loc, o, &r, &v);
    assert_string_equal(v.offline, "Een afspraak maken lukt nu niet. Ga naar de balie. Daar "
                                   "helpt een medewerker u verder.");
    assert_non_null(strstr(v.here_line, r.room));
    assert_null(strstr(v.here_line, "Eerste vrije tijd")); /* no promise of a free time */
    /* The hours come from the plan's block, online and offline alike. */
    assert_true(r.hours[0] >= 0 && r.hours[1] > r.hours[0]);
    assert_int_equal(online.hours[0], r.hours[0]);
    assert_int_equal(online.hours[1], r.hours[1]);
    char from[6];
    ww_minute_format(r.hours[0], from);
    assert_non_null(strstr(v.here_line, from));
    ww_outcome_view(&cfg, loc, o, &online, &v);
    assert_string_equal(v.offline, "");
}

static void notice_seen(void *ctx, const char *text, const char *what, const char *file, int line)
{
    (void)text;
    (void)file;
    (void)line;
    if (strcmp(what, "notice") == 0)
        ((int *)ctx)[0]++;
}

static void test_view(void **state)
{
    (void)state;
    ww_i18n_set("nl");
    const struct ww_flow_topic *t = ww_flows_topic(&flows, "geld", NULL);
    const struct ww_flow_outcome *o = &t->outcomes[0]; /* schulden */
    assert_string_equal(o->id, "schulden");
    const struct ww_location *loc = ww_config_location(&cfg, "weener-xl");
    struct ww_resolution r;
    memset(&r, 0, sizeof r);
    r.here = WW_HERE_TODAY;
    r.rank = 1;
    ww_config_partner(&cfg, "sociaal-raadslieden", &r.partner);
    r.day = ww_day_from_ymd(2026, 11, 24);
    r.first_free = 9 * 60 + 40;
    r.hours[0] = 9 * 60;
    r.hours[1] = 12 * 60;
    ww_strlcpy(r.room, "Spreekkamer 1", sizeof r.room);
    struct ww_outcome_view v;
    ww_outcome_view(&cfg, loc, o, &r, &v);
    assert_string_equal(v.who, "Sociaal raadslieden");
    assert_string_equal(v.preferred, "Schuldhulp van de gemeente"); /* rank 1 */
    assert_string_equal(v.why, "Schuldhulp maakt samen met u een plan.");
    assert_int_equal(v.n_bring, 2);
    assert_string_equal(v.bring[0], "Brieven van schuldeisers");
    assert_string_equal(v.bring[1], "Uw bankafschriften");
    /* When the partner is here, and the first free time: two things. */
    assert_string_equal(
        v.here_line,
        "Vandaag aanwezig van 09:00 tot 12:00, Spreekkamer 1. Eerste vrije tijd: 09:40");
    r.hours[0] = r.hours[1] = -1; /* a plan without the block: no hours guessed */
    ww_outcome_view(&cfg, loc, o, &r, &v);
    assert_string_equal(v.here_line, "Vandaag aanwezig, Spreekkamer 1. Eerste vrije tijd: 09:40");
    r.hours[0] = 9 * 60;
    r.hours[1] = 12 * 60;
    assert_int_equal(v.n_alt, 0);
    assert_int_equal(v.n_notices, 0);

    /* Nobody: every recommended partner's phone and website. */
    r.here = WW_HERE_NONE;
    r.rank = -1;
    ww_outcome_view(&cfg, loc, o, &r, &v);
    assert_string_equal(v.here_line, "Niemand is vandaag aanwezig.");
    assert_int_equal(v.n_alt, 2);
    assert_string_equal(v.alt[0].name, "Schuldhulp van de gemeente");
    assert_string_equal(v.alt[1].phone, "14 073");
    assert_string_equal(v.alternative, "Bel gratis met Geldfit: 0800-8115.");

    /* Later: the day in words. */
    r.here = WW_HERE_LATER;
    r.day = ww_day_from_ymd(2026, 11, 26);
    r.first_free = 9 * 60;
    ww_outcome_view(&cfg, loc, o, &r, &v);
    assert_string_equal(v.here_line, "Volgende keer hier: donderdag 26 november, 09:00");
    r.today = ww_day_from_ymd(2026, 11, 25); /* the day before: "morgen" */
    ww_outcome_view(&cfg, loc, o, &r, &v);
    assert_string_equal(v.here_line, "Volgende keer hier: morgen, donderdag 26 november, 09:00");

    /* An outcome without `bring` takes the partner's own list. */
    const struct ww_flow_outcome *b = &t->outcomes[1];
    assert_string_equal(b->id, "budget");
    r.here = WW_HERE_TODAY;
    ww_outcome_view(&cfg, loc, b, &r, &v);
    assert_true(v.n_bring >= 1);
    assert_string_equal(v.bring[0], "Uw paspoort, identiteitskaart of verblijfsdocument");

    /* The notice of the safety outcome. */
    const struct ww_flow_topic *th = ww_flows_topic(&flows, "thuis", NULL);
    const struct ww_flow_outcome *u = &th->outcomes[2];
    assert_string_equal(u->id, "onveilig");
    ww_outcome_view(&cfg, loc, u, &r, &v);
    assert_int_equal(v.n_notices, 1);
    assert_string_equal(v.notices[0], "Bel Veilig Thuis: 0800-2000. Dag en nacht, gratis.");
}

/* Notices are shown whoever is on site; a safety outcome needs one that
 * names the emergency number; at most four. */
static const char notice_flow[] = "[topic proef]\n"
                                  "title = Proef\n"
                                  "icon = geld\n"
                                  "order = 1\n"
                                  "start = eerste\n"
                                  "[question eerste]\n"
                                  "text = Voelt u zich thuis veilig?\n"
                                  "answer = Ja -> goed\n"
                                  "answer = Nee -> onveilig\n"
                                  "[outcome goed]\n"
                                  "partners = uwv\n"
                                  "why = Fijn.\n"
                                  "notice = Kijk op uwv.nl. Daar vraagt u de WW aan.\n"
                                  "notice_ticket = yes\n"
                                  "[outcome onveilig]\n"
                                  "partners = veilig-thuis, wijkteam\n"
                                  "why = Wij helpen u.\n"
                                  "alternative = Bel ons.\n"
                                  "notice = %s\n"
                                  "urgency = 3\n";

static void test_notices(void **state)
{
    (void)state;
    ww_i18n_set("nl");
    char text[2048];
    struct ww_flows f;
    struct ww_diags d, w;
    ww_diags_init(&d);
    ww_diags_init(&w);
    ww_fmt(text, sizeof text, notice_flow, "Is er nu direct gevaar? Bel dan 112.");
    assert_true(ww_flows_load_text(&f, text, strlen(text), "proef.flow", &cfg, &d));
    assert_true(ww_flows_check(&f, NULL, &d, &w));
    assert_int_equal(d.count, 0);
    const struct ww_flow_outcome *g = &f.topics[0].outcomes[0];
    const struct ww_flow_outcome *o = &f.topics[0].outcomes[1];
    assert_int_equal(g->n_notices, 1);
    assert_true(g->notice_ticket);
    assert_int_equal(g->notice_lines[0], 13);
    assert_false(o->notice_ticket);
    const struct ww_location *loc = ww_config_location(&cfg, "weener-xl");
    /* Every kind of resolution shows the notice. */
    for (int here = WW_HERE_TODAY; here <= WW_HERE_NONE; here++) {
        struct ww_resolution r;
        memset(&r, 0, sizeof r);
        r.here = (enum ww_here)here;
        r.rank = here == WW_HERE_NONE ? -1 : 0;
        r.partner = o->partner[0];
        r.day = ww_day_from_ymd(2026, 11, 24);
        r.first_free = 9 * 60;
        struct ww_outcome_view v;
        ww_outcome_view(&cfg, loc, o, &r, &v);
        assert_int_equal(v.n_notices, 1);
        assert_string_equal(v.notices[0], "Is er nu direct gevaar? Bel dan 112.");
    }
    /* The notice is a resident text for translators. */
    struct collect_notice {
        int n;
    } cn = {0};
    ww_flows_each_text(&f, notice_seen, &cn);
    assert_int_equal(cn.n, 2);
    ww_flows_destroy(&f);

    /* Urgency 3 without 112 or Veilig Thuis in a notice: refused, with the
     * outcome's line. 1120 is not 112. */
    static const char *const not_emergency[] = {"Bel ons op 0800-1120.", "Praat met iemand."};
    for (size_t i = 0; i < 2; i++) {
        ww_fmt(text, sizeof text, notice_flow, not_emergency[i]);
        assert_true(ww_flows_load_text(&f, text, strlen(text), "proef.flow", &cfg, &d));
        assert_false(ww_flows_check(&f, NULL, &d, &w));
        char line[600];
        ww_diag_format(&d.items[d.count - 1], line, sizeof line);
        assert_string_equal(line, "proef.flow:15: outcome 'onveilig' has urgency 3 (safety) but "
                                  "no emergency line: add 'notice = Is er nu direct gevaar? Bel "
                                  "dan 112.' (or a notice that names Veilig Thuis)");
        ww_flows_destroy(&f);
    }
    ww_fmt(text, sizeof text, notice_flow, "Bel Veilig Thuis: 0800-2000.");
    size_t before = d.count;
    assert_true(ww_flows_load_text(&f, text, strlen(text), "proef.flow", &cfg, &d));
    assert_true(ww_flows_check(&f, NULL, &d, &w));
    assert_int_equal(d.count, before);
    ww_flows_destroy(&f);

    /* A fifth notice is one too many. */
    ww_fmt(text, sizeof text, notice_flow,
           "Bel 112.\nnotice = Twee.\nnotice = Drie.\nnotice = Vier.\nnotice = Vijf.");
    assert_false(ww_flows_load_text(&f, text, strlen(text), "proef.flow", &cfg, &d));
    char line[600];
    ww_diag_format(&d.items[d.count - 1], line, sizeof line);
    assert_string_equal(line, "proef.flow:23: outcome 'onveilig' has more than 4 notices");
    ww_flows_destroy(&f);
    ww_diags_destroy(&d);
    ww_diags_destroy(&w);
}

/* With the shipped catalogues, every outcome of the sample shows its list
 * to bring item by item in the resident's language (a list of several items
 * used to come out Dutch), and the partner's name and room with a gloss. */
static void test_view_translated(void **state)
{
    (void)state;
    struct stat st;
    if (stat("build/locale/pl/LC_MESSAGES/wegwijzer.mo", &st) != 0)
        skip();
    struct ww_flows f;
    struct ww_diags d;
    ww_diags_init(&d);
    assert_true(ww_flows_load(&f, "kiosk-config/flows", &cfg, &d));
    ww_i18n_init("build/locale");
    const struct ww_location *loc = ww_config_location(&cfg, "weener-xl");
    static const char *const langs[] = {"en", "tr", "ar", "pl", "uk"};
    size_t multi = 0;
    for (size_t li = 0; li < 5; li++) {
        assert_true(ww_i18n_set(langs[li]));
        for (size_t ti = 0; ti < f.n_topics; ti++)
            for (size_t oi = 0; oi < f.topics[ti].n_outcomes; oi++) {
                const struct ww_flow_outcome *o = &f.topics[ti].outcomes[oi];
                struct ww_resolution r;
                memset(&r, 0, sizeof r);
                r.here = WW_HERE_TODAY;
                r.partner = o->partner[0];
                r.first_free = 9 * 60;
                ww_strlcpy(r.room, "Spreekkamer 1", sizeof r.room);
                struct ww_outcome_view v;
                ww_outcome_view(&cfg, loc, o, &r, &v);
                char buf[WW_TEXT_SIZE];
                const char *dutch[WW_VIEW_MAX_BRING];
                const char *list = o->bring[0] ? o->bring : cfg.partners[o->partner[0]].bring;
                size_t n = ww_bring_items(list, buf, sizeof buf, dutch, WW_VIEW_MAX_BRING);
                assert_int_equal(v.n_bring, n);
                multi += n > 1;
                for (size_t k = 0; k < n; k++)
                    if (strcmp(v.bring[k], dutch[k]) == 0)
                        fail_msg("%s: %s/%s: \"%s\" not translated", langs[li], f.topics[ti].id,
                                 o->id, dutch[k]);
                /* The name as on the door (up to its own brackets), then a gloss. */
                const char *name = cfg.partners[o->partner[0]].name;
                const char *paren = strstr(name, " (");
                size_t keep = paren ? (size_t)(paren - name) : strlen(name);
                if (strcmp(v.who, name) == 0 || strncmp(v.who, name, keep) != 0)
                    fail_msg("%s: the name \"%s\" is shown as \"%s\" (the Dutch name and a "
                             "gloss)",
                             langs[li], name, v.who);
                assert_null(strstr(v.here_line, "Spreekkamer 1,"));
                assert_non_null(strstr(v.here_line, "Spreekkamer 1 ("));
            }
    }
    assert_true(multi > 0);
    ww_i18n_set("nl");
    ww_flows_destroy(&f);
    ww_diags_destroy(&d);
}

/* Each text once per occurrence, with its own line. */
struct collect {
    int n;
    int title_line;
    int bring_items; /* the two items of "Brieven van schuldeisers; Uw bankafschriften" */
    bool saw_list;   /* the list as one text: never (translated item by item) */
};

static void collect(void *ctx, const char *text, const char *what, const char *file, int line)
{
    struct collect *c = ctx;
    c->n++;
    if (strcmp(text, "Geld") == 0) {
        c->title_line = line;
        assert_string_equal(what, "topic title");
    }
    if (strcmp(text, "Soms") == 0)
        assert_string_equal(what, "answer button");
    if (strchr(text, ';') && strcmp(what, "what to bring") == 0)
        c->saw_list = true;
    if (strcmp(what, "what to bring") == 0 &&
        (strcmp(text, "Brieven van schuldeisers") == 0 || strcmp(text, "Uw bankafschriften") == 0))
        c->bring_items++;
    assert_non_null(strstr(file, "tests/data/flows/"));
    assert_true(line > 0);
}

static void test_each_text(void **state)
{
    (void)state;
    struct collect c = {0};
    ww_flows_each_text(&flows, collect, &c);
    assert_int_equal(c.title_line, 3);
    assert_true(c.bring_items >= 2);
    assert_false(c.saw_list);
    assert_true(c.n >= 25);
}

/* Translation completeness: flow texts and a template's texts, per language. */
static void test_completeness(void **state)
{
    (void)state;
    const char *langs[] = {"en", "ar"};
    struct ww_flow_check_params p = {NULL, "tests/data/locales", langs, 2,
                                     "tests/data/locales/test.pot"};
    struct ww_diags err, warn;
    ww_diags_init(&err);
    ww_diags_init(&warn);
    assert_false(ww_flows_check(&flows, &p, &err, &warn));
    static const struct {
        const char *needle;
        bool present;
    } cases[] = {
        {"tests/data/locales/en.po: missing translation of \"Nergens vertaald\" "
         "(src/ui/screens.c:2)",
         true},
        {"tests/data/locales/ar.po: missing translation of \"Nergens vertaald\"", true},
        {"tests/data/locales/en.po: missing translation of \"Terug\"", false},
        {"tests/data/locales/ar.po: missing translation of \"Geld\" "
         "(tests/data/flows/geld.flow:3)",
         true},
        {"tests/data/locales/en.po: missing translation of \"Kunt u uw rekeningen betalen?\" "
         "(tests/data/flows/geld.flow:9)",
         true},
    };
    char all[16384] = "";
    size_t used = 0;
    for (size_t i = 0; i < err.count; i++) {
        char line[600];
        ww_diag_format(&err.items[i], line, sizeof line);
        int n = snprintf(all + used, sizeof all - used, "%s\n", line);
        if (n > 0 && (size_t)n < sizeof all - used)
            used += (size_t)n;
    }
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if ((strstr(all, cases[i].needle) != NULL) != cases[i].present)
            fail_msg("'%s' should %sbe reported; got:\n%s", cases[i].needle,
                     cases[i].present ? "" : "not ", all);
    /* A repeated text is listed once per language. */
    const char *first = strstr(all, "en.po: missing translation of \"Ja\"");
    assert_non_null(first);
    assert_null(strstr(first + 1, "en.po: missing translation of \"Ja\""));
    ww_diags_destroy(&err);
    ww_diags_destroy(&warn);
}

/* Every key of the format is used: by the sample content, or (answer
 * pictograms, which the sample does not use yet) by the test flows. */
struct used {
    char keys[64][48];
    int n;
};

static bool note_key(void *ctx, const struct ww_ini_item *it)
{
    struct used *u = ctx;
    if (it->kind != WW_INI_KEY || u->n == 64)
        return true;
    char k[48];
    ww_fmt(k, sizeof k, "%s.%s", it->section, it->key);
    for (int i = 0; i < u->n; i++)
        if (strcmp(u->keys[i], k) == 0)
            return true;
    ww_strlcpy(u->keys[u->n++], k, sizeof u->keys[0]);
    return true;
}

static void check_key_used(void *ctx, const char *section, const char *key)
{
    const struct used *u = ctx;
    char k[48];
    ww_fmt(k, sizeof k, "%s.%s", section, key);
    for (int i = 0; i < u->n; i++)
        if (strcmp(u->keys[i], k) == 0)
            return;
    fail_msg("no flow uses '%s'", k);
}

static void test_every_key_used(void **state)
{
    (void)state;
    struct used u = {.n = 0};
    const char *dirs[] = {"kiosk-config/flows", "tests/data/flows"};
    for (size_t d = 0; d < 2; d++) {
        DIR *dh = opendir(dirs[d]);
        assert_non_null(dh);
        struct dirent *e;
        while ((e = readdir(dh))) {
            if (!strstr(e->d_name, ".flow"))
                continue;
            char path[300];
            ww_fmt(path, sizeof path, "%s/%s", dirs[d], e->d_name);
            struct ww_diags dg;
            ww_diags_init(&dg);
            ww_ini_parse_file(path, &dg, note_key, &u);
            ww_diags_destroy(&dg);
        }
        closedir(dh);
    }
    ww_flow_each_key(check_key_used, &u);
    /* And the help names them all. */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    ww_flow_keys_help(f);
    fclose(f);
    assert_non_null(strstr(buf, "[outcome ID]"));
    assert_non_null(strstr(buf, "  urgency "));
    assert_non_null(strstr(buf, "  answer       repeated"));
    free(buf);
}

/* The sample content shipped in kiosk-config loads without errors. */
static void test_sample_content(void **state)
{
    (void)state;
    struct ww_flows f;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_flows_load(&f, "kiosk-config/flows", &cfg, &d);
    if (!ok)
        ww_diags_print(&d, stderr);
    assert_true(ok);
    assert_true(f.n_topics >= 1);
    ww_flows_destroy(&f);
    ww_diags_destroy(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load),           cmocka_unit_test(test_broken_fixtures),
        cmocka_unit_test(test_words),          cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_resolve),        cmocka_unit_test(test_resolve_offline),
        cmocka_unit_test(test_view),           cmocka_unit_test(test_each_text),
        cmocka_unit_test(test_sample_content), cmocka_unit_test(test_completeness),
        cmocka_unit_test(test_every_key_used), cmocka_unit_test(test_deep_chains),
        cmocka_unit_test(test_notices),        cmocka_unit_test(test_view_translated),
    };
    return cmocka_run_group_tests_name("flow", tests, setup, teardown);
}
