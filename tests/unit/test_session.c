/* The resident session reducer, driven by scripts of actions over the test
 * flows (tests/data/flows): each script is a table of steps with the screen
 * and effects expected after it. Plus: purity, one-assignment wipes, the
 * idle countdown, keypad focus and the anonymous record in a real store. */
#include "session.h"
#include "str.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

static struct ww_config cfg;
static struct ww_flows flows;

static int setup(void **state)
{
    (void)state;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&cfg, "kiosk-config", &d) &&
              ww_flows_load(&flows, "tests/data/flows", &cfg, &d);
    ww_diags_destroy(&d);
    return ok ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ww_flows_destroy(&flows);
    ww_config_destroy(&cfg);
    return 0;
}

static const struct ww_session_params params = {60, 30, "nl", 70};

/* A resolution as the caller would send it: someone here today. */
static struct ww_action resolved(enum ww_here here)
{
    struct ww_action a = ww_action_make(WW_ACT_RESOLVED);
    a.resolution.here = here;
    a.resolution.rank = here == WW_HERE_NONE ? -1 : 0;
    ww_config_partner(&cfg, "sociaal-raadslieden", &a.resolution.partner);
    a.resolution.day = ww_day_from_ymd(2026, 11, 24);
    a.resolution.first_free = here == WW_HERE_NONE ? -1 : 9 * 60 + 30;
    a.resolution.later_free = here == WW_HERE_TODAY ? 10 * 60 + 30 : -1;
    a.resolution.next_day = here == WW_HERE_TODAY ? ww_day_from_ymd(2026, 11, 26) : WW_DAY_NONE;
    return a;
}

static struct ww_action booked(const char *ticket)
{
    struct ww_action a = ww_action_make(WW_ACT_BOOKED);
    ww_strlcpy(a.booking.partner, "sociaal-raadslieden", sizeof a.booking.partner);
    ww_strlcpy(a.booking.ticket, ticket, sizeof a.booking.ticket);
    a.booking.day = ww_day_from_ymd(2026, 11, 24);
    a.booking.start = 9 * 60 + 30;
    return a;
}

/* One step of a script: an action line (see ww_action_parse) or one of the
 * result words "resolved", "resolved-none", "booked", "full"; then what must
 * hold afterwards. */
struct step {
    const char *action;
    enum ww_screen screen;
    unsigned effects; /* exactly these */
};

static struct ww_action action_of(const char *line)
{
    if (strcmp(line, "resolved") == 0)
        return resolved(WW_HERE_TODAY);
    if (strcmp(line, "resolved-none") == 0)
        return resolved(WW_HERE_NONE);
    if (strcmp(line, "resolved-later") == 0)
        return resolved(WW_HERE_LATER);
    if (strcmp(line, "resolved-offline") == 0) {
        struct ww_action a = resolved(WW_HERE_TODAY);
        a.resolution.offline = true;
        return a;
    }
    if (strcmp(line, "unavailable") == 0) {
        struct ww_action a = ww_action_make(WW_ACT_BOOK_FAILED);
        a.err = WW_ERR_UNAVAILABLE;
        return a;
    }
    if (strcmp(line, "booked") == 0)
        return booked("S-001");
    if (strcmp(line, "day-changed") == 0)
        return ww_action_make(WW_ACT_DAY_CHANGED);
    if (strcmp(line, "scanned") == 0) {
        struct ww_action a = booked("B-007");
        a.kind = WW_ACT_SCANNED;
        return a;
    }
    if (strcmp(line, "limit") == 0) {
        struct ww_action a = ww_action_make(WW_ACT_BOOK_FAILED);
        a.err = WW_ERR_LIMIT;
        return a;
    }
    if (strcmp(line, "full") == 0) {
        struct ww_action a = ww_action_make(WW_ACT_BOOK_FAILED);
        a.err = WW_ERR_FULL;
        return a;
    }
    struct ww_action a;
    if (!ww_action_parse(line, &a))
        fail_msg("bad script line '%s'", line);
    return a;
}

static void run(struct ww_session *s, const struct step *steps, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        struct ww_action a = action_of(steps[i].action);
        struct ww_session before = *s;
        ww_session_step(&flows, &before, &a, s);
        /* Pure: the input is untouched. */
        struct ww_session again;
        ww_session_step(&flows, &before, &a, &again);
        assert_memory_equal(&again, s, sizeof again);
        if (s->screen != steps[i].screen || s->effects != steps[i].effects)
            fail_msg("%s, step %zu '%s': screen %s effects %#x, want %s %#x", name, i,
                     steps[i].action, ww_screen_name(s->screen), s->effects,
                     ww_screen_name(steps[i].screen), steps[i].effects);
    }
}

#define RUN(s, steps) run(s, steps, sizeof steps / sizeof steps[0], #steps)

enum {
    RES = WW_EFFECT_RESOLVE,
    BOOK = WW_EFFECT_BOOK,
    PRINT = WW_EFFECT_PRINT,
    SPEAK = WW_EFFECT_SPEAK,
    FOCUS = WW_EFFECT_SPEAK_FOCUS,
    LANG = WW_EFFECT_LANGUAGE,
    REC = WW_EFFECT_RECORD,
    INSTR = WW_EFFECT_INSTRUCT,
};

/* A time screen left open over midnight goes back to the outcome, resolved
 * anew, with a line saying the day changed (never while booking); a
 * booked resident's scanned ticket is shown only where no visit is under
 * way, read aloud, and "Verder" goes on as after a ticket; over a booking
 * limit the confirm screen stays with the error. */
static void test_day_changed_scan_limit(void **state)
{
    (void)state;
    static const struct step day[] = {
        {"tap start", WW_SCREEN_TOPICS, 0},       {"tap talk", WW_SCREEN_OUTCOME, RES},
        {"resolved", WW_SCREEN_OUTCOME, 0},       {"tap book", WW_SCREEN_TIME, 0},
        {"tap time:first", WW_SCREEN_CONFIRM, 0}, {"day-changed", WW_SCREEN_OUTCOME, RES | SPEAK},
        {"resolved", WW_SCREEN_OUTCOME, 0},       {"tap book", WW_SCREEN_TIME, 0},
        {"tap time:first", WW_SCREEN_CONFIRM, 0}, {"tap confirm", WW_SCREEN_CONFIRM, BOOK},
        {"day-changed", WW_SCREEN_CONFIRM, 0}, /* booking under way: left alone */
        {"limit", WW_SCREEN_CONFIRM, 0},
    };
    struct ww_session s;
    ww_session_init(&s, &params);
    RUN(&s, day);
    assert_int_equal(s.book_error, WW_ERR_LIMIT);
    assert_false(s.day_changed);
    static const struct step flag[] = {
        {"tap start", WW_SCREEN_TOPICS, 0},
        {"tap talk", WW_SCREEN_OUTCOME, RES},
        {"resolved", WW_SCREEN_OUTCOME, 0},
        {"tap book", WW_SCREEN_TIME, 0},
        {"day-changed", WW_SCREEN_OUTCOME, RES | SPEAK},
    };
    ww_session_init(&s, &params);
    RUN(&s, flag);
    assert_true(s.day_changed);
    assert_false(s.resolved);

    static const struct step scan[] = {
        {"scanned", WW_SCREEN_TICKET, SPEAK}, /* from the attract screen */
        {"tap next", WW_SCREEN_MORE, 0},
        {"tap more:yes", WW_SCREEN_TOPICS, 0},
        {"tap topic:geld", WW_SCREEN_QUESTION, 0},
        {"scanned", WW_SCREEN_QUESTION, 0}, /* a visit under way: ignored */
    };
    ww_session_init(&s, &params);
    assert_true(ww_session_may_show_scan(&s));
    RUN(&s, scan);
    assert_false(ww_session_may_show_scan(&s));
    assert_int_equal(s.bookings, 0); /* showing is not booking */
}

/* The store away: the outcome still shows who helps but offers no booking;
 * a resident choosing a time is taken back to it; a confirm that fails on
 * the outage stays on the confirm screen (nothing booked) and may be tried
 * again once the store is back. */
static void test_store_down(void **state)
{
    (void)state;
    static const struct step down[] = {
        {"tap start", WW_SCREEN_TOPICS, 0},
        {"tap talk", WW_SCREEN_OUTCOME, RES},
        {"resolved-offline", WW_SCREEN_OUTCOME, 0},
        {"tap book", WW_SCREEN_OUTCOME, 0}, /* not offered */
        {"resolved", WW_SCREEN_OUTCOME, 0}, /* the store is back */
        {"tap book", WW_SCREEN_TIME, 0},
        {"resolved-offline", WW_SCREEN_OUTCOME, SPEAK}, /* gone again */
        {"resolved", WW_SCREEN_OUTCOME, 0},
        {"tap book", WW_SCREEN_TIME, 0},
        {"tap time:first", WW_SCREEN_CONFIRM, 0},
        {"tap confirm", WW_SCREEN_CONFIRM, BOOK},
        {"unavailable", WW_SCREEN_CONFIRM, 0},
        {"tap confirm", WW_SCREEN_CONFIRM, BOOK},
        {"booked", WW_SCREEN_TICKET, PRINT},
    };
    struct ww_session s;
    ww_session_init(&s, &params);
    RUN(&s, down);
    assert_int_equal(s.bookings, 1);
    /* What the keypad can reach on the offline outcome: no "book". */
    static const struct step offline[] = {
        {"tap start", WW_SCREEN_TOPICS, 0},
        {"tap talk", WW_SCREEN_OUTCOME, RES},
        {"resolved-offline", WW_SCREEN_OUTCOME, 0},
    };
    ww_session_init(&s, &params);
    RUN(&s, offline);
    char targets[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    size_t n = ww_session_targets(&flows, &s, targets, sizeof targets / sizeof targets[0]);
    bool next = false;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(targets[i], "book") == 0)
            fail_msg("the offline outcome offers booking");
        next = next || strcmp(targets[i], "next") == 0;
    }
    assert_true(next);
}

static bool has_target(char t[][WW_TARGET_SIZE], size_t n, const char *name);

static struct ww_session after(const struct ww_session *in, const char *line)
{
    struct ww_action a = action_of(line);
    struct ww_session out;
    ww_session_step(&flows, in, &a, &out);
    return out;
}

/* Whatever a person changed stays with that person: back from the topics to
 * the start is a new start (wiped, counted), and a key that ends a visit
 * does not start audio mode for the next person. */
static void test_nothing_stays_for_the_next(void **state)
{
    (void)state;
    struct ww_session s;
    ww_session_init(&s, &params);
    s = after(&s, "tap start");
    s = after(&s, "tap lang:en");
    s = after(&s, "tap textsize");
    s = after(&s, "tap contrast");
    assert_string_equal(s.lang, "en");
    s = after(&s, "back");
    assert_int_equal(s.screen, WW_SCREEN_ATTRACT);
    assert_true(s.effects & WW_EFFECT_RECORD);
    assert_true(s.effects & WW_EFFECT_LANGUAGE);
    struct ww_session fresh_one;
    ww_session_init(&fresh_one, &params);
    s.effects = 0;
    assert_memory_equal(&s, &fresh_one, sizeof s);

    /* A keypad user ends the visit on the goodbye screen with a key. */
    ww_session_init(&s, &params);
    static const char *const visit[] = {"tap start", "tap talk",    "resolved",
                                        "tap next",  "tap more:no", "tap rating:4"};
    for (size_t i = 0; i < sizeof visit / sizeof visit[0]; i++)
        s = after(&s, visit[i]);
    assert_int_equal(s.screen, WW_SCREEN_GOODBYE);
    s = after(&s, "next-focus");
    assert_true(s.audio);
    s = after(&s, "activate");
    assert_int_equal(s.screen, WW_SCREEN_ATTRACT);
    assert_false(s.audio);
}

static void test_journey(void **state)
{
    (void)state;
    static const struct step journey[] = {
        {"tap start", WW_SCREEN_TOPICS, 0},       {"tap topic:geld", WW_SCREEN_QUESTION, 0},
        {"tap answer:1", WW_SCREEN_QUESTION, 0},  {"tap answer:2", WW_SCREEN_OUTCOME, RES},
        {"tap book", WW_SCREEN_OUTCOME, 0}, /* not resolved yet: nothing */
        {"resolved", WW_SCREEN_OUTCOME, 0},       {"tap book", WW_SCREEN_TIME, 0},
        {"tap time:later", WW_SCREEN_CONFIRM, 0}, {"back", WW_SCREEN_TIME, 0},
        {"tap time:first", WW_SCREEN_CONFIRM, 0}, {"tap confirm", WW_SCREEN_CONFIRM, BOOK},
        {"tap confirm", WW_SCREEN_CONFIRM, 0}, /* busy: one booking only */
        {"booked", WW_SCREEN_TICKET, PRINT},      {"tap next", WW_SCREEN_MORE, 0},
        {"tap more:no", WW_SCREEN_RATING, 0},     {"tap rating:4", WW_SCREEN_GOODBYE, 0},
        {"idle 3", WW_SCREEN_GOODBYE, 0},         {"idle 8", WW_SCREEN_ATTRACT, REC},
    };
    struct ww_session s;
    ww_session_init(&s, &params);
    struct ww_session mid;
    for (size_t i = 0; i < sizeof journey / sizeof journey[0]; i++) {
        run(&s, &journey[i], 1, "journey");
        if (strcmp(journey[i].action, "tap rating:4") == 0)
            mid = s;
    }
    /* The state just before the wipe holds the visit. */
    assert_int_equal(mid.n_visit, 1);
    assert_int_equal(mid.visit[0].state, WW_VISIT_BOOKED);
    assert_string_equal(mid.visit[0].ticket, "S-001");
    assert_int_equal(mid.rating, 4);
    assert_int_equal(mid.bookings, 1);
    /* After it, nothing is left: the same as a fresh session. */
    struct ww_session fresh;
    ww_session_init(&fresh, &params);
    s.effects = 0;
    assert_memory_equal(&s, &fresh, sizeof s);
}

/* Every screen after "Verder zonder afspraak" has Terug: from MORE back to
 * the declined outcome (pending again, resolved anew, its phone numbers
 * shown), and after a booking back to its ticket (nothing printed again). */
static void test_more_goes_back(void **state)
{
    (void)state;
    static const struct step declined[] = {
        {"tap start", WW_SCREEN_TOPICS, 0},      {"tap talk", WW_SCREEN_OUTCOME, RES},
        {"resolved-none", WW_SCREEN_OUTCOME, 0}, {"tap next", WW_SCREEN_MORE, 0},
        {"tap more:no", WW_SCREEN_RATING, 0},    {"back", WW_SCREEN_MORE, 0},
        {"back", WW_SCREEN_OUTCOME, RES},        {"resolved-none", WW_SCREEN_OUTCOME, 0},
        {"tap next", WW_SCREEN_MORE, 0},         {"tap more:no", WW_SCREEN_RATING, 0},
    };
    struct ww_session s;
    ww_session_init(&s, &params);
    RUN(&s, declined);
    assert_int_equal(s.n_visit, 1);
    assert_int_equal(s.visit[0].state, WW_VISIT_NO_BOOKING);

    static const struct step booked_one[] = {
        {"tap start", WW_SCREEN_TOPICS, 0},
        {"tap talk", WW_SCREEN_OUTCOME, RES},
        {"resolved", WW_SCREEN_OUTCOME, 0},
        {"tap book", WW_SCREEN_TIME, 0},
        {"tap time:first", WW_SCREEN_CONFIRM, 0},
        {"tap confirm", WW_SCREEN_CONFIRM, BOOK},
        {"booked", WW_SCREEN_TICKET, PRINT},
        {"tap next", WW_SCREEN_MORE, 0},
        {"back", WW_SCREEN_TICKET, 0},
        {"tap next", WW_SCREEN_MORE, 0},
    };
    ww_session_init(&s, &params);
    RUN(&s, booked_one);
    assert_int_equal(s.bookings, 1);
    assert_string_equal(s.booking.ticket, "S-001");
    char t[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    size_t n = ww_session_targets(&flows, &s, t, sizeof t / sizeof t[0]);
    bool back = false;
    for (size_t i = 0; i < n; i++)
        back = back || strcmp(t[i], "back") == 0;
    assert_true(back);

    /* A scanned ticket's "Verder" has no visit item behind it: no Terug. */
    static const struct step scanned[] = {
        {"scanned", WW_SCREEN_TICKET, SPEAK},
        {"tap next", WW_SCREEN_MORE, 0},
        {"back", WW_SCREEN_MORE, 0},
    };
    ww_session_init(&s, &params);
    RUN(&s, scanned);
}

/* After "Dank u wel" a touch is the next person: the visit is recorded and
 * wiped, theirs starts on the topics, and "Terug" from there goes to the
 * start, never into the previous visit. The attract screen starts on a tap
 * anywhere, and a topic's pictogram starts that topic. */
static void test_goodbye_and_attract(void **state)
{
    (void)state;
    static const char *const visit[] = {"tap start", "tap lang:tr", "tap textsize", "tap talk",
                                        "resolved",  "tap next",    "tap more:no",  "tap rating:2"};
    static const char *const touches[] = {"tap anywhere", "tap next", "tap back"};
    struct ww_session fresh_one;
    ww_session_init(&fresh_one, &params);
    for (size_t k = 0; k < sizeof touches / sizeof touches[0]; k++) {
        struct ww_session s;
        ww_session_init(&s, &params);
        for (size_t i = 0; i < sizeof visit / sizeof visit[0]; i++)
            s = after(&s, visit[i]);
        assert_int_equal(s.screen, WW_SCREEN_GOODBYE);
        s = after(&s, touches[k]);
        assert_int_equal(s.screen, WW_SCREEN_TOPICS);
        assert_true(s.effects & WW_EFFECT_RECORD);
        assert_true(s.effects & WW_EFFECT_LANGUAGE); /* back to Dutch */
        assert_string_equal(s.lang, "nl");
        assert_int_equal(s.n_visit, 0);
        assert_int_equal(s.text_size, 0);
        assert_int_equal(s.rating, 0);
        s = after(&s, "back");
        assert_int_equal(s.screen, WW_SCREEN_ATTRACT);
        s.effects = 0;
        assert_memory_equal(&s, &fresh_one, sizeof s);
    }
    /* "Opnieuw" stays the quick exit: wiped and counted, back to the start. */
    struct ww_session s;
    ww_session_init(&s, &params);
    for (size_t i = 0; i < sizeof visit / sizeof visit[0]; i++)
        s = after(&s, visit[i]);
    s = after(&s, "tap restart");
    assert_int_equal(s.screen, WW_SCREEN_ATTRACT);
    assert_true(s.effects & WW_EFFECT_RECORD);
    s.effects = 0;
    assert_memory_equal(&s, &fresh_one, sizeof s);
    /* What the next person touched is done in their own visit. */
    ww_session_init(&s, &params);
    for (size_t i = 0; i < sizeof visit / sizeof visit[0]; i++)
        s = after(&s, visit[i]);
    s = after(&s, "tap lang:pl");
    assert_int_equal(s.screen, WW_SCREEN_TOPICS);
    assert_string_equal(s.lang, "pl");
    assert_int_equal(s.n_visit, 0);
    assert_true(s.effects & WW_EFFECT_RECORD);
    for (size_t i = 0; i < sizeof visit / sizeof visit[0]; i++)
        s = after(&s, visit[i]);
    s = after(&s, "tap talk"); /* starts the visit; they choose again */
    assert_int_equal(s.screen, WW_SCREEN_TOPICS);
    assert_int_equal(s.n_visit, 0);
    assert_int_equal(s.rating, 0);

    /* The attract screen. */
    static const struct step attract[] = {
        {"tap anywhere", WW_SCREEN_TOPICS, 0},
        {"back", WW_SCREEN_ATTRACT, REC},
        {"tap topic:geld", WW_SCREEN_QUESTION, 0},
    };
    ww_session_init(&s, &params);
    RUN(&s, attract);
    assert_int_equal(s.n_steps, 0);
    char t[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    ww_session_init(&s, &params);
    size_t n = ww_session_targets(&flows, &s, t, sizeof t / sizeof t[0]);
    assert_string_equal(t[0], "start"); /* the keypad lands on the start button */
    assert_true(has_target(t, n, "topic:geld"));
}

/* Progress covers the whole journey in five phases, and the questions are
 * counted without a total (a total would shrink as one answers). */
static void test_progress(void **state)
{
    (void)state;
    static const struct {
        const char *action;
        int phase, number;
    } steps[] = {
        {"tap start", 0, 0},      {"tap topic:geld", 1, 1}, {"tap answer:1", 1, 2},
        {"tap answer:2", 2, 0},   {"resolved", 2, 0},       {"tap book", 3, 0},
        {"tap time:first", 4, 0}, {"tap confirm", 4, 0},    {"booked", 5, 0},
        {"tap next", 0, 0},
    };
    struct ww_session s;
    ww_session_init(&s, &params);
    int phase, number, last = 0;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        s = after(&s, steps[i].action);
        ww_session_progress(&s, &phase, &number);
        if (phase != steps[i].phase || number != steps[i].number)
            fail_msg("after '%s': phase %d question %d, want %d %d", steps[i].action, phase, number,
                     steps[i].phase, steps[i].number);
        assert_true(phase == 0 || phase >= last); /* never backwards on the way */
        if (phase)
            last = phase;
        assert_true(phase <= WW_PHASES);
    }
    /* A scanned ticket is no journey. */
    ww_session_init(&s, &params);
    s = after(&s, "scanned");
    ww_session_progress(&s, &phase, &number);
    assert_int_equal(phase, 0);
}

static void test_want(void **state)
{
    (void)state;
    static const struct step to_confirm[] = {
        {"tap start", WW_SCREEN_TOPICS, 0},       {"tap topic:geld", WW_SCREEN_QUESTION, 0},
        {"tap answer:3", WW_SCREEN_OUTCOME, RES}, {"resolved", WW_SCREEN_OUTCOME, 0},
        {"tap book", WW_SCREEN_TIME, 0},          {"tap time:later", WW_SCREEN_CONFIRM, 0},
        {"tap confirm", WW_SCREEN_CONFIRM, BOOK},
    };
    struct ww_session s;
    ww_session_init(&s, &params);
    RUN(&s, to_confirm);
    char req[WW_REQUEST_SIZE];
    struct ww_booking_want w;
    ww_session_want(&flows, &s, "kiosk1-42", req, &w);
    assert_int_equal(w.when, WW_BOOK_AT);
    assert_int_equal(w.at, 10 * 60 + 30);
    assert_string_equal(w.topic, "geld");
    assert_string_equal(w.request_id, "kiosk1-42-1");
    ww_day d;
    int m;
    ww_session_planned(&s, &d, &m);
    assert_int_equal(m, 10 * 60 + 30);
    /* Taken meanwhile: choose again, after a fresh look. */
    static const struct step full[] = {
        {"full", WW_SCREEN_TIME, RES},
        {"resolved", WW_SCREEN_TIME, 0},
        {"tap time:day", WW_SCREEN_CONFIRM, 0},
        {"tap confirm", WW_SCREEN_CONFIRM, BOOK},
    };
    RUN(&s, full);
    assert_false(s.full);
    ww_session_want(&flows, &s, "kiosk1-42", req, &w);
    assert_int_equal(w.when, WW_BOOK_LATER_DAY);
    assert_string_equal(w.request_id, "kiosk1-42-2");
}

static void test_back_keeps_answers(void **state)
{
    (void)state;
    static const struct step steps[] = {
        {"tap start", WW_SCREEN_TOPICS, 0},       {"tap topic:geld", WW_SCREEN_QUESTION, 0},
        {"tap answer:1", WW_SCREEN_QUESTION, 0},  /* -> inkomen */
        {"tap answer:1", WW_SCREEN_OUTCOME, RES}, /* -> minder */
        {"back", WW_SCREEN_QUESTION, 0},          /* inkomen, answer 1 marked */
        {"back", WW_SCREEN_QUESTION, 0},          /* rekeningen, answer 1 marked */
    };
    struct ww_session s;
    ww_session_init(&s, &params);
    RUN(&s, steps);
    assert_int_equal(s.n_visit, 0); /* the outcome left with "back" is not counted */
    assert_int_equal(ww_session_marked(&s), 1);
    int phase, number;
    ww_session_progress(&s, &phase, &number);
    assert_int_equal(phase, 1);
    assert_int_equal(number, 1);
    /* The same answer again: the next question still shows its answer. */
    struct ww_action a = ww_action_tap("answer:1");
    ww_session_step(&flows, &s, &a, &s);
    assert_int_equal(ww_session_marked(&s), 1);
    ww_session_progress(&s, &phase, &number);
    assert_int_equal(phase, 1);
    assert_int_equal(number, 2);
    /* Another answer on the first question starts a new branch. */
    a = ww_action_make(WW_ACT_BACK);
    ww_session_step(&flows, &s, &a, &s);
    a = ww_action_tap("answer:2");
    ww_session_step(&flows, &s, &a, &s);
    assert_int_equal(s.screen, WW_SCREEN_OUTCOME);
    assert_int_equal(s.n_kept, 1);
    /* Back to the topic grid and into the same topic: the answer is still there. */
    static const struct step again[] = {
        {"back", WW_SCREEN_QUESTION, 0},
        {"back", WW_SCREEN_TOPICS, 0},
        {"tap topic:geld", WW_SCREEN_QUESTION, 0},
    };
    RUN(&s, again);
    assert_int_equal(ww_session_marked(&s), 2);
    /* Another topic forgets it. */
    static const struct step other[] = {
        {"back", WW_SCREEN_TOPICS, 0},
        {"tap topic:thuis", WW_SCREEN_QUESTION, 0},
    };
    RUN(&s, other);
    assert_int_equal(ww_session_marked(&s), -1);
}

static void test_talk_and_dontknow(void **state)
{
    (void)state;
    static const struct step steps[] = {
        {"tap start", WW_SCREEN_TOPICS, 0},
        {"tap topic:thuis", WW_SCREEN_QUESTION, 0},
        {"tap talk", WW_SCREEN_OUTCOME, RES},
        {"tap talk", WW_SCREEN_OUTCOME, 0}, /* already there */
        {"back", WW_SCREEN_QUESTION, 0},    /* back where the resident was */
        {"tap dontknow", WW_SCREEN_OUTCOME, RES},
    };
    struct ww_session s;
    ww_session_init(&s, &params);
    RUN(&s, steps);
    /* No "dontknow" in the flow: the general desk. */
    const struct ww_flow_outcome *o = ww_session_outcome(&flows, &s);
    assert_non_null(o);
    assert_true(o->general);
    assert_int_equal(s.n_visit, 1);
    assert_false(s.visit[0].by_talk);
    /* From the attract screen too. */
    ww_session_init(&s, &params);
    static const struct step attract[] = {
        {"tap talk", WW_SCREEN_OUTCOME, RES},
        {"back", WW_SCREEN_ATTRACT, 0},
    };
    RUN(&s, attract);
    assert_int_equal(s.n_visit, 0);
}

static void test_most_urgent_first(void **state)
{
    (void)state;
    static const struct step steps[] = {
        {"tap start", WW_SCREEN_TOPICS, 0},
        {"tap topic:geld", WW_SCREEN_QUESTION, 0},
        {"tap answer:3", WW_SCREEN_OUTCOME, RES}, /* budget, urgency 0 */
        {"tap more:yes", WW_SCREEN_TOPICS, 0},    /* something else first */
        {"tap topic:thuis", WW_SCREEN_QUESTION, 0},
        {"tap answer:2", WW_SCREEN_OUTCOME, RES}, /* onveilig, urgency 3 */
    };
    struct ww_session s;
    ww_session_init(&s, &params);
    RUN(&s, steps);
    assert_string_equal(ww_session_outcome(&flows, &s)->id, "onveilig");
    static const struct step next[] = {
        {"resolved-none", WW_SCREEN_OUTCOME, 0},
        {"tap book", WW_SCREEN_OUTCOME, 0},   /* nobody: no booking */
        {"tap next", WW_SCREEN_OUTCOME, RES}, /* the pending budget outcome */
    };
    RUN(&s, next);
    assert_string_equal(ww_session_outcome(&flows, &s)->id, "budget");
    static const struct step book[] = {
        {"resolved", WW_SCREEN_OUTCOME, 0},       {"tap book", WW_SCREEN_TIME, 0},
        {"tap time:first", WW_SCREEN_CONFIRM, 0}, {"tap confirm", WW_SCREEN_CONFIRM, BOOK},
        {"booked", WW_SCREEN_TICKET, PRINT},      {"tap next", WW_SCREEN_MORE, 0},
    };
    RUN(&s, book);
    assert_int_equal(s.n_visit, 2);
    assert_int_equal(s.visit[1].state, WW_VISIT_NO_BOOKING);
    assert_int_equal(s.visit[0].state, WW_VISIT_BOOKED);
}

static void test_restart_and_settings(void **state)
{
    (void)state;
    static const struct step steps[] = {
        {"tap lang:ar", WW_SCREEN_TOPICS, LANG}, {"tap lang:xx", WW_SCREEN_TOPICS, 0},
        {"tap textsize", WW_SCREEN_TOPICS, 0},   {"tap contrast", WW_SCREEN_TOPICS, 0},
        {"tap slow", WW_SCREEN_TOPICS, 0},       {"tap topic:geld", WW_SCREEN_QUESTION, 0},
        {"read", WW_SCREEN_QUESTION, SPEAK},     {"tap answer:9", WW_SCREEN_QUESTION, 0},
        {"tap nonsense", WW_SCREEN_QUESTION, 0}, {"restart", WW_SCREEN_ATTRACT, REC | LANG},
    };
    struct ww_session s;
    ww_session_init(&s, &params);
    struct ww_session s1 = s;
    run(&s, steps, 5, "settings");
    assert_string_equal(s.lang, "ar");
    assert_int_equal(s.text_size, 1);
    assert_true(s.contrast);
    assert_true(s.slow);
    s = s1;
    RUN(&s, steps);
    struct ww_session fresh;
    ww_session_init(&fresh, &params);
    s.effects = 0;
    assert_memory_equal(&s, &fresh, sizeof s);
    /* Three text sizes, round. */
    for (int i = 0; i < WW_TEXT_SIZES; i++) {
        struct ww_action a = ww_action_tap("textsize");
        ww_session_step(&flows, &s, &a, &s);
    }
    assert_int_equal(s.text_size, 0);
    /* Restart on a fresh attract screen records nothing. */
    struct ww_action a = ww_action_make(WW_ACT_RESTART);
    ww_session_init(&s, &params);
    ww_session_step(&flows, &s, &a, &s);
    assert_int_equal(s.effects, 0);
}

/* The resident's volume (ACCESSIBILITY rows 7 and 12): five steps over
 * 18 dB from the place's volume, + and - stop at the ends, the on-screen
 * tile goes round, a wipe goes back to the place's volume. */
static void test_volume(void **state)
{
    (void)state;
    struct ww_session_params p = params;
    p.volume = 70;
    struct ww_session s;
    ww_session_init(&s, &p);
    assert_int_equal(s.volume, 70);
    struct ww_action up = ww_action_tap("volume:up"), down = ww_action_tap("volume:down");
    struct ww_action tile = ww_action_tap("volume"), restart = ww_action_make(WW_ACT_RESTART);
    for (int i = 0; i < 4; i++)
        ww_session_step(&flows, &s, &up, &s);
    assert_int_equal(s.volume, 100); /* stays at the loudest */
    for (int i = 0; i < 6; i++)
        ww_session_step(&flows, &s, &down, &s);
    assert_int_equal(s.volume, 40); /* stays at the quietest */
    /* 40 % to 100 %: 0.3 dB per percent, a range of 18 dB */
    assert_true((100 - 40) * 0.3 >= 18.0 - 1e-9);
    assert_int_equal(ww_session_volume_step(40), 1);
    assert_int_equal(ww_session_volume_step(100), WW_SESSION_VOLUME_STEPS);
    ww_session_step(&flows, &s, &tile, &s);
    assert_int_equal(s.volume, 55);
    s.volume = 100;
    ww_session_step(&flows, &s, &tile, &s);
    assert_int_equal(s.volume, 40); /* the tile goes round */
    /* "volume" is in the keypad's focus list on every screen */
    char t[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    size_t n = ww_session_targets(&flows, &s, t, sizeof t / sizeof t[0]);
    bool found = false;
    for (size_t i = 0; i < n; i++)
        found = found || strcmp(t[i], "volume") == 0;
    assert_true(found);
    /* the next person starts at the place's volume */
    struct ww_action start = ww_action_tap("start");
    ww_session_step(&flows, &s, &start, &s);
    ww_session_step(&flows, &s, &restart, &s);
    assert_int_equal(s.screen, WW_SCREEN_ATTRACT);
    assert_int_equal(s.volume, 70);
    /* a place without a volume gets the default */
    struct ww_session_params q = params;
    q.volume = 0;
    ww_session_init(&s, &q);
    assert_int_equal(s.volume, WW_SESSION_VOLUME_DEFAULT);
}

static void test_idle(void **state)
{
    (void)state;
    static const struct {
        const char *action;
        enum ww_screen screen;
        bool warning;
        int countdown;
        unsigned effects;
    } steps[] = {
        {"idle 100", WW_SCREEN_ATTRACT, false, 0, 0}, /* nothing to wipe */
        {"tap start", WW_SCREEN_TOPICS, false, 0, 0},
        {"idle 59", WW_SCREEN_TOPICS, false, 0, 0},
        {"idle 60", WW_SCREEN_TOPICS, true, 30, SPEAK},
        {"idle 61", WW_SCREEN_TOPICS, true, 29, 0},
        {"tap stay", WW_SCREEN_TOPICS, false, 0, 0},
        {"idle 75", WW_SCREEN_TOPICS, true, 15, SPEAK},
        {"idle 89", WW_SCREEN_TOPICS, true, 1, 0},
        {"idle 90", WW_SCREEN_ATTRACT, false, 0, REC},
    };
    struct ww_session s;
    ww_session_init(&s, &params);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        struct ww_action a = action_of(steps[i].action);
        ww_session_step(&flows, &s, &a, &s);
        if (s.screen != steps[i].screen || s.warning != steps[i].warning ||
            s.countdown != steps[i].countdown || s.effects != steps[i].effects)
            fail_msg("idle step %zu '%s': %s warning %d countdown %d effects %#x", i,
                     steps[i].action, ww_screen_name(s.screen), s.warning, s.countdown, s.effects);
    }
    /* Ten extensions in a row all work. */
    ww_session_init(&s, &params);
    struct ww_action a = ww_action_tap("start");
    ww_session_step(&flows, &s, &a, &s);
    for (int i = 0; i < 10; i++) {
        a = ww_action_idle(70);
        ww_session_step(&flows, &s, &a, &s);
        assert_true(s.warning);
        a = ww_action_tap("stay");
        ww_session_step(&flows, &s, &a, &s);
        assert_false(s.warning);
        assert_int_equal(s.screen, WW_SCREEN_TOPICS);
    }
}

static void test_keypad(void **state)
{
    (void)state;
    struct ww_session s;
    ww_session_init(&s, &params);
    char t[WW_SESSION_MAX_TARGETS][WW_TARGET_SIZE];
    size_t n = ww_session_targets(&flows, &s, t, WW_SESSION_MAX_TARGETS);
    assert_string_equal(t[0], "start");
    assert_string_equal(t[1], "lang:nl");
    assert_string_equal(t[4], "lang:ar");
    assert_true(n >= 7);
    static const struct step steps[] = {
        {"next-focus", WW_SCREEN_ATTRACT, FOCUS | INSTR}, /* the first key: audio mode */
        {"activate", WW_SCREEN_TOPICS, SPEAK}, /* start: focus on the first topic, read aloud */
        {"next-focus", WW_SCREEN_TOPICS, FOCUS},
        {"prev-focus", WW_SCREEN_TOPICS, FOCUS},
        {"activate", WW_SCREEN_QUESTION, SPEAK}, /* topic:geld */
    };
    RUN(&s, steps);
    assert_int_equal(s.focus, 0);
    n = ww_session_targets(&flows, &s, t, WW_SESSION_MAX_TARGETS);
    assert_string_equal(t[0], "answer:1");
    assert_string_equal(t[3], "dontknow");
    assert_string_equal(t[4], "back");
    /* Focus wraps round both ways. */
    struct ww_action a = ww_action_make(WW_ACT_PREV_FOCUS);
    ww_session_step(&flows, &s, &a, &s);
    assert_int_equal(s.focus, (int)n - 1);
    assert_string_equal(t[s.focus], "restart");
    a = ww_action_make(WW_ACT_NEXT_FOCUS);
    ww_session_step(&flows, &s, &a, &s);
    assert_int_equal(s.focus, 0);
    /* Two more: answer:3 ("Soms" -> budget). */
    ww_session_step(&flows, &s, &a, &s);
    ww_session_step(&flows, &s, &a, &s);
    a = ww_action_make(WW_ACT_ACTIVATE);
    ww_session_step(&flows, &s, &a, &s);
    assert_int_equal(s.screen, WW_SCREEN_OUTCOME);
    assert_string_equal(ww_session_outcome(&flows, &s)->id, "budget");
    /* During the warning only "stay" is offered. */
    a = ww_action_idle(65);
    ww_session_step(&flows, &s, &a, &s);
    n = ww_session_targets(&flows, &s, t, WW_SESSION_MAX_TARGETS);
    assert_int_equal(n, 1);
    assert_string_equal(t[0], "stay");
}

static bool has_target(char t[][WW_TARGET_SIZE], size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i], name) == 0)
            return true;
    return false;
}

/* The keypad reaches the language row and "Knoppen lager" on every screen;
 * number keys tap the N-th own button; audio mode keeps the focus and reads
 * every new screen, also one reached by the booking's result. */
static void test_keypad_reaches_everything(void **state)
{
    (void)state;
    struct ww_session s;
    ww_session_init(&s, &params);
    char t[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    static const char *const screens[] = {"tap start", "tap topic:geld"};
    for (size_t k = 0; k <= sizeof screens / sizeof screens[0]; k++) {
        size_t n = ww_session_targets(&flows, &s, t, sizeof t / sizeof t[0]);
        assert_true(n <= WW_SESSION_MAX_TARGETS);
        assert_true(has_target(t, n, "lower"));
        assert_true(has_target(t, n, "lang:nl"));
        assert_true(has_target(t, n, "lang:uk"));
        if (s.screen != WW_SCREEN_ATTRACT)
            assert_string_equal(t[n - 1], "restart");
        if (k < sizeof screens / sizeof screens[0]) {
            struct ww_action a;
            assert_true(ww_action_parse(screens[k], &a));
            ww_session_step(&flows, &s, &a, &s);
        }
    }
    assert_int_equal(s.screen, WW_SCREEN_QUESTION);
    assert_false(s.audio);
    /* key:3 is the third answer; the first key starts audio mode. */
    struct ww_action a = ww_action_tap("key:3");
    ww_session_step(&flows, &s, &a, &s);
    assert_true(s.audio);
    assert_true(s.effects & WW_EFFECT_INSTRUCT);
    assert_true(s.effects & WW_EFFECT_SPEAK);
    assert_int_equal(s.screen, WW_SCREEN_OUTCOME);
    assert_string_equal(ww_session_outcome(&flows, &s)->id, "budget");
    assert_int_equal(s.focus, 0);
    /* A number beyond the screen's own buttons does nothing. */
    struct ww_session before = s;
    a = ww_action_tap("key:9");
    ww_session_step(&flows, &before, &a, &s);
    assert_int_equal(s.screen, before.screen);
    assert_false(s.effects & WW_EFFECT_INSTRUCT); /* only the first key */
    /* A wipe ends audio mode. */
    a = ww_action_make(WW_ACT_RESTART);
    ww_session_step(&flows, &s, &a, &s);
    assert_false(s.audio);
}

static void test_screen_ids(void **state)
{
    (void)state;
    struct ww_session s;
    ww_session_init(&s, &params);
    char id[96];
    ww_session_screen_id(&flows, &s, id, sizeof id);
    assert_string_equal(id, "attract");
    struct ww_action a = ww_action_tap("start");
    ww_session_step(&flows, &s, &a, &s);
    a = ww_action_tap("topic:geld");
    ww_session_step(&flows, &s, &a, &s);
    ww_session_screen_id(&flows, &s, id, sizeof id);
    assert_string_equal(id, "question:geld:rekeningen");
    assert_true(ww_action_parse("tap answer:2", &a));
    assert_string_equal(a.target, "answer:2");
    assert_false(ww_action_parse("tap", &a));
    assert_false(ww_action_parse("jump", &a));
    assert_false(ww_action_parse("back now", &a));
    assert_true(ww_action_parse("idle 12", &a));
    assert_int_equal(a.idle_seconds, 12);
    assert_string_equal(ww_action_name(WW_ACT_NEXT_FOCUS), "next-focus");
}

static void test_record(void **state)
{
    (void)state;
    char dir[64] = "/tmp/ww-session-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char uri[128], err[256];
    ww_fmt(uri, sizeof uri, "sqlite:%s/s.db", dir);
    struct ww_store *st = ww_store_open(uri, NULL, err, sizeof err);
    assert_non_null(st);
    ww_day day = ww_day_from_ymd(2026, 11, 24);
    /* A full visit: one booked outcome, one declined, a rating. */
    static const struct step visit[] = {
        {"tap start", WW_SCREEN_TOPICS, 0},
        {"tap topic:geld", WW_SCREEN_QUESTION, 0},
        {"tap answer:3", WW_SCREEN_OUTCOME, RES},
        {"resolved", WW_SCREEN_OUTCOME, 0},
        {"tap book", WW_SCREEN_TIME, 0},
        {"tap time:first", WW_SCREEN_CONFIRM, 0},
        {"tap confirm", WW_SCREEN_CONFIRM, BOOK},
        {"booked", WW_SCREEN_TICKET, PRINT},
        {"tap next", WW_SCREEN_MORE, 0},
        {"tap more:yes", WW_SCREEN_TOPICS, 0},
        {"tap topic:thuis", WW_SCREEN_QUESTION, 0},
        {"tap answer:1", WW_SCREEN_QUESTION, 0},
        {"tap answer:2", WW_SCREEN_OUTCOME, RES},
        {"tap next", WW_SCREEN_MORE, 0},
        {"tap more:no", WW_SCREEN_RATING, 0},
        {"tap rating:5", WW_SCREEN_GOODBYE, 0},
    };
    struct ww_session s;
    ww_session_init(&s, &params);
    RUN(&s, visit);
    assert_int_equal(ww_session_record(&flows, &s, st, "weener-xl", day, 10), WW_OK);
    /* A resident who walked away on a question. */
    static const struct step away[] = {
        {"tap start", WW_SCREEN_TOPICS, 0},
        {"tap topic:geld", WW_SCREEN_QUESTION, 0},
        {"tap answer:1", WW_SCREEN_QUESTION, 0},
    };
    ww_session_init(&s, &params);
    RUN(&s, away);
    struct ww_action a = ww_action_idle(90);
    struct ww_session out;
    ww_session_step(&flows, &s, &a, &out);
    assert_true(out.effects & WW_EFFECT_RECORD);
    assert_int_equal(ww_session_record(&flows, &s, st, "weener-xl", day, 10), WW_OK);

    struct ww_tally_count *tc = NULL;
    size_t n = 0;
    assert_int_equal(ww_store_tally_counts(st, "weener-xl", day, day, &tc, &n), WW_OK);
    int budget = 0, wijk = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(tc[i].topic, "geld") == 0 && strcmp(tc[i].outcome, "budget") == 0) {
            budget = tc[i].total;
            assert_int_equal(tc[i].booked, 1);
        }
        if (strcmp(tc[i].topic, "thuis") == 0 && strcmp(tc[i].outcome, "wijk") == 0) {
            wijk = tc[i].total;
            assert_int_equal(tc[i].booked, 0);
        }
    }
    assert_int_equal(budget, 1);
    assert_int_equal(wijk, 1);
    assert_int_equal(n, 2); /* the walk-away reached no outcome */
    free(tc);
    /* The report's signals: two visits at 10 h (two topics, none), the
     * questions reached. */
    struct ww_report_range rg = {"weener-xl", day, day};
    struct ww_report_row *rows = NULL;
    assert_int_equal(ww_store_report(st, WW_RQ_MULTI, &rg, &rows, &n), WW_OK);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].k1, "0");
    assert_int_equal(rows[0].v[0], 1);
    assert_string_equal(rows[1].k1, "2");
    assert_int_equal(rows[1].v[0], 1);
    free(rows);
    assert_int_equal(ww_store_report(st, WW_RQ_HEAT, &rg, &rows, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].b, 10);
    assert_int_equal(rows[0].v[0], 2);
    free(rows);
    assert_int_equal(ww_store_report(st, WW_RQ_FUNNEL, &rg, &rows, &n), WW_OK);
    int checked = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].k1, "geld") == 0 && strcmp(rows[i].k2, "rekeningen") == 0) {
            assert_int_equal(rows[i].v[0], 2); /* reached by both */
            checked++;
        }
        if (strcmp(rows[i].k1, "geld") == 0 && strcmp(rows[i].k2, "inkomen") == 0) {
            assert_int_equal(rows[i].v[0], 1); /* the walk-away left here: dropouts */
            checked++;
        }
    }
    assert_int_equal(checked, 2);
    free(rows);
    assert_int_equal(ww_store_report(st, WW_RQ_RATE_PARTNER, &rg, &rows, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].v[0], 1);
    assert_int_equal(rows[0].v[1], 5);
    free(rows);
    ww_store_free(st);
    /* What else went in: the rating with the visit's topics, and where the
     * other resident stopped (a screen id, nothing more). */
    char path[128];
    ww_fmt(path, sizeof path, "%s/s.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT score, topics, count FROM rating_counts", -1, &q, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 5);
    assert_string_equal((const char *)sqlite3_column_text(q, 1), "geld,thuis");
    assert_int_equal(sqlite3_step(q), SQLITE_DONE);
    sqlite3_finalize(q);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT screen, count FROM dropouts", -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "question:geld:inkomen");
    assert_int_equal(sqlite3_column_int(q, 1), 1);
    assert_int_equal(sqlite3_step(q), SQLITE_DONE);
    sqlite3_finalize(q);
    sqlite3_close(db);
    static const char *const suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        ww_fmt(path, sizeof path, "%s/s.db%s", dir, suffix[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* Many random actions over the shipped content: every target the screen
 * offers, results out of turn, idle ticks. The invariants must hold after
 * each step. A fixed seed keeps the run the same every time. */
static void test_random_walk(void **state)
{
    (void)state;
    struct ww_flows real;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_flows_load(&real, "kiosk-config/flows", &cfg, &d);
    ww_diags_destroy(&d);
    assert_true(ok);
    uint32_t seed = 12345;
    struct ww_session s;
    ww_session_init(&s, &params);
    int outcomes = 0, bookings = 0, wipes = 0;
    for (int i = 0; i < 50000; i++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t r = seed >> 8;
        char t[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
        size_t n = ww_session_targets(&real, &s, t, sizeof t / sizeof t[0]);
        struct ww_action a;
        switch (r % 16) {
        case 0:
            a = resolved((enum ww_here)(r / 16 % 3));
            break;
        case 1:
            a = booked("S-001");
            break;
        case 2:
            a = action_of("full");
            break;
        case 3:
            a = ww_action_idle((int)(r / 16 % 100));
            break;
        case 4:
            a = ww_action_make((enum ww_action_kind)(WW_ACT_ACTIVATE + r / 16 % 3));
            break;
        default:
            /* Mostly what is on screen, the bar less often. */
            a = ww_action_tap(t[(r / 16) % (n > 6 ? n - 6 : n)]);
            break;
        }
        struct ww_session before = s;
        ww_session_step(&real, &before, &a, &s);
        assert_true(s.screen >= WW_SCREEN_ATTRACT && s.screen < WW_SCREEN_COUNT);
        assert_true(s.n_steps >= 0 && s.n_steps <= s.n_kept && s.n_kept <= WW_SESSION_MAX_STEPS);
        assert_true(s.n_visit >= 0 && s.n_visit <= WW_SESSION_MAX_VISIT);
        assert_true(s.current >= -1 && s.current < s.n_visit);
        assert_true(s.text_size >= 0 && s.text_size < WW_TEXT_SIZES);
        if (s.screen == WW_SCREEN_QUESTION)
            assert_non_null(ww_flows_question(&real, s.topic, s.question));
        if (s.screen >= WW_SCREEN_OUTCOME && s.screen <= WW_SCREEN_CONFIRM) {
            assert_non_null(ww_session_outcome(&real, &s));
            outcomes += before.screen != WW_SCREEN_OUTCOME && s.screen == WW_SCREEN_OUTCOME;
        }
        if (s.screen == WW_SCREEN_CONFIRM || s.screen == WW_SCREEN_TIME)
            assert_true(s.time != WW_TIME_NONE || s.screen == WW_SCREEN_TIME);
        bookings += s.effects & WW_EFFECT_PRINT ? 1 : 0;
        wipes += s.effects & WW_EFFECT_RECORD ? 1 : 0;
        if (s.effects & WW_EFFECT_RECORD)
            assert_int_equal(s.n_visit, 0);
    }
    /* The walk went everywhere that matters. */
    assert_true(outcomes > 100);
    assert_true(bookings > 10);
    assert_true(wipes > 10);
    ww_flows_destroy(&real);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_journey),
        cmocka_unit_test(test_store_down),
        cmocka_unit_test(test_day_changed_scan_limit),
        cmocka_unit_test(test_nothing_stays_for_the_next),
        cmocka_unit_test(test_more_goes_back),
        cmocka_unit_test(test_goodbye_and_attract),
        cmocka_unit_test(test_progress),
        cmocka_unit_test(test_want),
        cmocka_unit_test(test_back_keeps_answers),
        cmocka_unit_test(test_talk_and_dontknow),
        cmocka_unit_test(test_most_urgent_first),
        cmocka_unit_test(test_restart_and_settings),
        cmocka_unit_test(test_volume),
        cmocka_unit_test(test_idle),
        cmocka_unit_test(test_keypad),
        cmocka_unit_test(test_keypad_reaches_everything),
        cmocka_unit_test(test_screen_ids),
        cmocka_unit_test(test_record),
        cmocka_unit_test(test_random_walk),
    };
    return cmocka_run_group_tests_name("session", tests, setup, teardown);
}
