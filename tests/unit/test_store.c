/* The store suite. One set of cases for every backend: the store URI comes
 * from $WW_TEST_STORE (default: a fresh SQLite file). Every test works in a
 * location id of its own, so the suite can run against a shared server. */
#include "code.h"
#include "pin.h"
#include "log.h"
#include "store.h"
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
#include <sodium.h>
#include <sqlite3.h>

static char uri[600];
static char tmpdir[128];
static int test_no;

static int suite_setup(void **state)
{
    (void)state;
    const char *env = getenv("WW_TEST_STORE");
    if (env && *env) {
        ww_strlcpy(uri, env, sizeof uri);
    } else {
        ww_strlcpy(tmpdir, "/tmp/ww-store-XXXXXX", sizeof tmpdir);
        if (!mkdtemp(tmpdir))
            return -1;
        ww_fmt(uri, sizeof uri, "sqlite:%s/test.db", tmpdir);
    }
    return 0;
}

static int suite_teardown(void **state)
{
    (void)state;
    if (*tmpdir) {
        char path[256];
        static const char *const suffix[] = {"", "-wal", "-shm"};
        for (int i = 0; i < 3; i++) {
            ww_fmt(path, sizeof path, "%s/test.db%s", tmpdir, suffix[i]);
            unlink(path);
        }
        rmdir(tmpdir);
    }
    return 0;
}

static struct ww_store *open_store(void)
{
    char err[512] = "";
    struct ww_store *s = ww_store_open(uri, NULL, err, sizeof err);
    if (!s)
        fail_msg("cannot open %s: %s", uri, err);
    return s;
}

/* A location id unique to this test and run. */
static void fresh_location(char *buf, size_t size)
{
    char r[WW_CHECK_LEN + 1];
    assert_true(ww_code_new_check(r, sizeof r));
    for (char *p = r; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    ww_fmt(buf, size, "t%d-%s", ++test_no, r);
}

struct req_buf {
    struct ww_book_req req;
    char check[WW_CHECK_LEN + 1];
    char request[WW_CHECK_LEN + 1];
};

static void make_req(struct req_buf *rb, const char *location, const char *partner, char letter,
                     ww_day day, bool with_request)
{
    assert_true(ww_code_new_check(rb->check, sizeof rb->check));
    assert_true(ww_code_new_request(rb->request, sizeof rb->request));
    rb->req = (struct ww_book_req){
        .location = location,
        .partner = partner,
        .letter = letter,
        .topic = "schulden",
        .day = day,
        .request_id = with_request ? rb->request : NULL,
        .check = rb->check,
        .now = 1790000000,
    };
}

static const ww_day DAY = 20781; /* 2026-11-24 */

static void test_book_desks_and_full(void **state)
{
    (void)state;
    struct ww_store *s = open_store();
    char loc[40];
    fresh_location(loc, sizeof loc);
    struct ww_slot slots[2] = {{0, 570, 30, 2, 0}, {0, 600, 30, 1, 0}};
    struct ww_booking b[4];
    struct req_buf rb;
    for (int i = 0; i < 3; i++) {
        make_req(&rb, loc, "schuldhulp", 'H', DAY, false);
        assert_int_equal(ww_store_book(s, &rb.req, slots, 2, &b[i]), WW_OK);
    }
    /* Two desks at 09:30, then the one desk at 10:00. */
    assert_int_equal(b[0].start, 570);
    assert_int_equal(b[0].desk, 1);
    assert_int_equal(b[1].start, 570);
    assert_int_equal(b[1].desk, 2);
    assert_int_equal(b[2].start, 600);
    assert_int_equal(b[2].desk, 1);
    assert_string_equal(b[0].ticket, "H-001");
    assert_string_equal(b[2].ticket, "H-003");
    assert_string_equal(b[0].topic, "schulden");
    make_req(&rb, loc, "schuldhulp", 'H', DAY, false);
    assert_int_equal(ww_store_book(s, &rb.req, slots, 2, &b[3]), WW_ERR_FULL);
    /* Another partner with the same letter shares the numbering of the day. */
    struct ww_slot other = {1, 570, 20, 1, 0};
    make_req(&rb, loc, "huurteam", 'H', DAY, false);
    assert_int_equal(ww_store_book(s, &rb.req, &other, 1, &b[3]), WW_OK);
    assert_string_equal(b[3].ticket, "H-004");
    /* A new day starts at 001 again. */
    make_req(&rb, loc, "schuldhulp", 'H', DAY + 1, false);
    assert_int_equal(ww_store_book(s, &rb.req, slots, 2, &b[3]), WW_OK);
    assert_string_equal(b[3].ticket, "H-001");

    struct ww_booking *list;
    size_t n;
    assert_int_equal(ww_store_bookings(s, loc, DAY, &list, &n), WW_OK);
    assert_int_equal(n, 4);
    free(list);
    ww_store_free(s);
}

static void test_request_id_books_once(void **state)
{
    (void)state;
    struct ww_store *s = open_store();
    char loc[40];
    fresh_location(loc, sizeof loc);
    struct ww_slot slot = {0, 600, 20, 5, 0};
    struct req_buf rb;
    make_req(&rb, loc, "belastingdienst", 'B', DAY, true);
    struct ww_booking a, b;
    assert_int_equal(ww_store_book(s, &rb.req, &slot, 1, &a), WW_OK);
    /* The same tap again (a new check part is drawn, the request id is the same). */
    assert_true(ww_code_new_check(rb.check, sizeof rb.check));
    assert_int_equal(ww_store_book(s, &rb.req, &slot, 1, &b), WW_OK);
    assert_int_equal(a.id, b.id);
    assert_string_equal(a.ticket, b.ticket);
    assert_string_equal(a.check, b.check);
    struct ww_booking *list;
    size_t n;
    assert_int_equal(ww_store_bookings(s, loc, DAY, &list, &n), WW_OK);
    assert_int_equal(n, 1);
    free(list);
    ww_store_free(s);
}

static void test_find_print_checkin(void **state)
{
    (void)state;
    struct ww_store *s = open_store();
    char loc[40];
    fresh_location(loc, sizeof loc);
    struct ww_slot slot = {0, 780, 30, 1, 0};
    struct req_buf rb;
    make_req(&rb, loc, "juridisch-loket", 'J', DAY, false);
    struct ww_booking b, f;
    assert_int_equal(ww_store_book(s, &rb.req, &slot, 1, &b), WW_OK);
    assert_false(b.printed);
    assert_int_equal(ww_store_find_ticket(s, loc, DAY, "J-001", &f), WW_OK);
    assert_int_equal(f.id, b.id);
    assert_int_equal(ww_store_find_ticket(s, loc, DAY, "J-002", &f), WW_ERR_NOT_FOUND);
    assert_int_equal(ww_store_find_ticket(s, loc, DAY + 1, "J-001", &f), WW_ERR_NOT_FOUND);
    assert_int_equal(ww_store_find_check(s, b.check, &f), WW_OK);
    assert_int_equal(f.id, b.id);
    assert_int_equal(ww_store_find_check(s, "0000000000", &f), WW_ERR_NOT_FOUND);
    assert_int_equal(ww_store_set_printed(s, b.id, true), WW_OK);
    assert_int_equal(ww_store_find_check(s, b.check, &f), WW_OK);
    assert_true(f.printed);
    assert_int_equal(ww_store_set_printed(s, 999999999, true), WW_ERR_NOT_FOUND);
    assert_int_equal(ww_store_checkin(s, b.id, 1790001000), WW_OK);
    assert_int_equal(ww_store_checkin(s, b.id, 1790002000), WW_ERR_ALREADY);
    assert_int_equal(ww_store_find_check(s, b.check, &f), WW_OK);
    assert_int_equal(f.checked_in, 1790001000); /* the first arrival is kept */
    /* What the ticket said comes back whole, by number and by QR. */
    assert_string_equal(f.memo.lang, ""); /* nothing kept yet */
    struct ww_ticket_memo m = {.lang = "tr", .bring_neutral = true, .desks = 2};
    ww_strlcpy(m.bring, "Uw paspoort, identiteitskaart of verblijfsdocument;Uw huurcontract",
               sizeof m.bring);
    ww_strlcpy(m.notices, "Bel bij gevaar 112.\nKijk op uwv.nl.", sizeof m.notices);
    ww_strlcpy(m.room, "Spreekkamer 1", sizeof m.room);
    assert_int_equal(ww_store_remember(s, b.id, &m), WW_OK);
    assert_int_equal(ww_store_remember(s, 999999999, &m), WW_ERR_NOT_FOUND);
    for (int by_check = 0; by_check < 2; by_check++) {
        if (by_check)
            assert_int_equal(ww_store_find_check(s, b.check, &f), WW_OK);
        else
            assert_int_equal(ww_store_find_ticket(s, loc, DAY, "J-001", &f), WW_OK);
        assert_string_equal(f.memo.lang, "tr");
        assert_string_equal(f.memo.bring, m.bring);
        assert_true(f.memo.bring_neutral);
        assert_string_equal(f.memo.notices, m.notices);
        assert_string_equal(f.memo.room, "Spreekkamer 1");
        assert_int_equal(f.memo.desks, 2);
    }
    ww_store_free(s);
}

static void audit_for(struct ww_audit *a, const char *loc, const char *action)
{
    memset(a, 0, sizeof *a);
    a->when = 1790000000;
    ww_strlcpy(a->location, loc, sizeof a->location);
    a->day = DAY;
    ww_strlcpy(a->role, "staff", sizeof a->role);
    ww_strlcpy(a->action, action, sizeof a->action);
    ww_strlcpy(a->detail, "belastingdienst", sizeof a->detail);
}

static void test_overrides_undo_audit(void **state)
{
    (void)state;
    struct ww_store *s = open_store();
    char loc[40];
    fresh_location(loc, sizeof loc);
    int64_t seq0, seq1;
    assert_int_equal(ww_store_change_seq(s, &seq0), WW_OK);
    struct ww_override ov = {0};
    ww_strlcpy(ov.partner, "belastingdienst", sizeof ov.partner);
    ov.kind = WW_OVERRIDE_ABSENT;
    struct ww_audit a;
    audit_for(&a, loc, "absent");
    assert_int_equal(ww_store_override_add(s, loc, DAY, &ov, &a), WW_OK);
    ov.kind = WW_OVERRIDE_PRESENT;
    ov.time[0] = 600;
    ov.time[1] = 720;
    ov.desks = 2;
    audit_for(&a, loc, "set");
    assert_int_equal(ww_store_override_add(s, loc, DAY, &ov, &a), WW_OK);
    assert_int_equal(ww_store_change_seq(s, &seq1), WW_OK);
    assert_true(seq1 >= seq0 + 2);

    struct ww_override *list;
    size_t n;
    assert_int_equal(ww_store_overrides(s, loc, DAY, &list, &n), WW_OK);
    assert_int_equal(n, 1); /* the newest per partner */
    assert_int_equal(list[0].kind, WW_OVERRIDE_PRESENT);
    assert_int_equal(list[0].desks, 2);
    free(list);

    audit_for(&a, loc, "undo");
    assert_int_equal(ww_store_override_undo(s, loc, DAY, "belastingdienst", &a), WW_OK);
    assert_int_equal(ww_store_overrides(s, loc, DAY, &list, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].kind, WW_OVERRIDE_ABSENT);
    free(list);
    assert_int_equal(ww_store_override_undo(s, loc, DAY, "belastingdienst", &a), WW_OK);
    assert_int_equal(ww_store_override_undo(s, loc, DAY, "belastingdienst", &a), WW_ERR_ALREADY);
    assert_int_equal(ww_store_overrides(s, loc, DAY, &list, &n), WW_OK);
    assert_int_equal(n, 0);
    free(list);
    /* Other days are untouched. */
    assert_int_equal(ww_store_overrides(s, loc, DAY + 1, &list, &n), WW_OK);
    assert_int_equal(n, 0);
    free(list);

    struct ww_audit *al;
    assert_int_equal(ww_store_audit_list(s, loc, DAY, &al, &n), WW_OK);
    assert_int_equal(n, 4); /* absent, set, undo, undo: the failed undo left nothing */
    assert_string_equal(al[0].action, "absent");
    assert_string_equal(al[1].action, "set");
    assert_string_equal(al[3].action, "undo");
    assert_string_equal(al[0].role, "staff");
    free(al);
    ww_store_free(s);
}

static void test_signals(void **state)
{
    (void)state;
    struct ww_store *s = open_store();
    char loc[40];
    fresh_location(loc, sizeof loc);
    struct ww_tally t = {.day = DAY};
    ww_strlcpy(t.location, loc, sizeof t.location);
    ww_strlcpy(t.topic, "schulden", sizeof t.topic);
    ww_strlcpy(t.outcome, "schuldhulp", sizeof t.outcome);
    ww_strlcpy(t.partner, "schuldhulp", sizeof t.partner);
    assert_int_equal(ww_store_tally(s, &t), WW_OK);
    assert_int_equal(ww_store_tally(s, &t), WW_OK);
    t.partner[0] = '\0';
    assert_int_equal(ww_store_tally(s, &t), WW_OK);
    ww_strlcpy(t.topic, "brief", sizeof t.topic);
    ww_strlcpy(t.outcome, "raadslieden", sizeof t.outcome);
    assert_int_equal(ww_store_tally(s, &t), WW_OK);
    struct ww_tally_count *c;
    size_t n;
    assert_int_equal(ww_store_tally_counts(s, loc, DAY - 7, DAY, &c, &n), WW_OK);
    assert_int_equal(n, 2);
    assert_string_equal(c[0].topic, "schulden");
    assert_int_equal(c[0].total, 3);
    assert_int_equal(c[0].booked, 2);
    assert_int_equal(c[1].total, 1);
    free(c);
    assert_int_equal(ww_store_tally_counts(s, loc, DAY + 1, DAY + 7, &c, &n), WW_OK);
    assert_int_equal(n, 0);
    free(c);

    struct ww_rating r = {.day = DAY, .score = 4};
    ww_strlcpy(r.location, loc, sizeof r.location);
    ww_strlcpy(r.topics, "schulden,brief", sizeof r.topics);
    assert_int_equal(ww_store_rating(s, &r), WW_OK);
    r.score = 6;
    assert_int_equal(ww_store_rating(s, &r), WW_ERR_INVALID);
    assert_int_equal(ww_store_dropout(s, DAY, loc, "question:schulden/rekeningen"), WW_OK);
    assert_int_equal(ww_store_dropout(s, DAY, loc, "question:schulden/rekeningen"), WW_OK);
    ww_store_free(s);
}

/* Eight processes race for six places (3 slots x 2 desks): exactly six
 * bookings, every ticket number and check part unique. */
static void test_race_never_overbooks(void **state)
{
    (void)state;
    char loc[40];
    fresh_location(loc, sizeof loc);
    {
        struct ww_store *s = open_store(); /* create the schema before the race */
        ww_store_free(s);
    }
    enum { PROCS = 8, TRIES = 6 };
    pid_t pids[PROCS];
    for (int p = 0; p < PROCS; p++) {
        pids[p] = fork();
        assert_true(pids[p] >= 0);
        if (pids[p] == 0) {
            char err[256];
            struct ww_store *s = ww_store_open(uri, NULL, err, sizeof err);
            if (!s)
                _exit(3);
            struct ww_slot slots[3] = {{0, 540, 20, 2, 0}, {0, 560, 20, 2, 0}, {0, 580, 20, 2, 0}};
            int ok = 0;
            for (int i = 0; i < TRIES; i++) {
                struct req_buf rb;
                if (!ww_code_new_check(rb.check, sizeof rb.check))
                    _exit(4);
                rb.req = (struct ww_book_req){.location = loc,
                                              .partner = "belastingdienst",
                                              .letter = 'B',
                                              .topic = "",
                                              .day = DAY,
                                              .check = rb.check,
                                              .now = 1};
                struct ww_booking b;
                enum ww_err e = ww_store_book(s, &rb.req, slots, 3, &b);
                if (e == WW_OK)
                    ok++;
                else if (e != WW_ERR_FULL)
                    _exit(5);
            }
            ww_store_free(s);
            _exit(ok > 6 ? 6 : 0);
        }
    }
    for (int p = 0; p < PROCS; p++) {
        int st;
        assert_int_equal(waitpid(pids[p], &st, 0), pids[p]);
        assert_true(WIFEXITED(st));
        assert_int_equal(WEXITSTATUS(st), 0);
    }
    struct ww_store *s = open_store();
    struct ww_booking *list;
    size_t n;
    assert_int_equal(ww_store_bookings(s, loc, DAY, &list, &n), WW_OK);
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++)
        for (size_t k = i + 1; k < n; k++) {
            assert_string_not_equal(list[i].ticket, list[k].ticket);
            assert_string_not_equal(list[i].check, list[k].check);
            assert_false(list[i].start == list[k].start && list[i].desk == list[k].desk);
        }
    free(list);
    ww_store_free(s);
}

/* The staff PIN lockout lives in the store: two handles are two kiosks of
 * one location and share the count; a new handle (a restart) keeps it; the
 * locks double until a good PIN, each lock with an audit entry. */
static void pin_test_hash(char *hash)
{
    /* The least cost libsodium allows: the rule is under test, not Argon2. */
    assert_int_equal(sodium_init() >= 0, 1);
    assert_int_equal(crypto_pwhash_str_alg(hash, "246813", 6, crypto_pwhash_OPSLIMIT_MIN,
                                           crypto_pwhash_MEMLIMIT_MIN,
                                           crypto_pwhash_ALG_ARGON2ID13),
                     0);
}

static size_t count_locks(struct ww_store *s, const char *loc)
{
    struct ww_audit *a;
    size_t n, locks = 0;
    assert_int_equal(ww_store_audit_list(s, loc, 0, &a, &n), WW_OK);
    for (size_t i = 0; i < n; i++)
        if (strcmp(a[i].action, "pin-locked") == 0) {
            assert_string_equal(a[i].role, "staff");
            assert_null(strstr(a[i].detail, "246813"));
            locks++;
        }
    free(a);
    return locks;
}

static void test_pin_lockout_shared(void **state)
{
    (void)state;
    char loc[40], hash[WW_PIN_HASH_SIZE];
    fresh_location(loc, sizeof loc);
    pin_test_hash(hash);
    int64_t now = 1790000000;
    struct ww_clock c = ww_clock_fixed(&now);
    struct ww_store *a = open_store(), *b = open_store();
    struct ww_pin_guard ga, gb;
    ww_pin_guard_init(&ga);
    ww_pin_guard_init(&gb);
    /* Three wrong at kiosk A, two at kiosk B: five for the location. */
    for (int i = 0; i < 3; i++)
        assert_int_equal(ww_pin_check(&ga, a, loc, "staff", &c, hash, "111111"), WW_PIN_WRONG);
    assert_int_equal(ww_pin_check(&gb, b, loc, "staff", &c, hash, "222222"), WW_PIN_WRONG);
    assert_int_equal(ww_pin_check(&gb, b, loc, "staff", &c, hash, "333333"), WW_PIN_LOCKED);
    /* Kiosk A is locked too, even for the right PIN. */
    assert_int_equal(ww_pin_check(&ga, a, loc, "staff", &c, hash, "246813"), WW_PIN_LOCKED);
    assert_int_equal(ww_pin_locked_for(&ga, &c), 300);
    assert_int_equal(count_locks(a, loc), 1);
    /* A restart: new handles, a fresh guard, the lock is still there. */
    ww_store_free(a);
    ww_store_free(b);
    a = open_store();
    ww_pin_guard_init(&ga);
    ww_pin_guard_sync(&ga, a, loc);
    assert_int_equal(ww_pin_locked_for(&ga, &c), 300);
    now += 299;
    assert_int_equal(ww_pin_check(&ga, a, loc, "staff", &c, hash, "246813"), WW_PIN_LOCKED);
    /* The next lock without a good PIN in between lasts twice as long. */
    now += 1;
    for (int i = 0; i < 4; i++)
        assert_int_equal(ww_pin_check(&ga, a, loc, "staff", &c, hash, "999999"), WW_PIN_WRONG);
    assert_int_equal(ww_pin_check(&ga, a, loc, "staff", &c, hash, "999999"), WW_PIN_LOCKED);
    assert_int_equal(ww_pin_locked_for(&ga, &c), 600);
    assert_int_equal(count_locks(a, loc), 2);
    now += 600;
    /* A good PIN opens it and says how often it was locked since. */
    assert_int_equal(ww_pin_check(&ga, a, loc, "staff", &c, hash, "246813"), WW_PIN_OK);
    assert_int_equal(ga.locks_before, 2);
    assert_true(ga.last_lock_at == now - 600);
    struct ww_pin_state st;
    assert_int_equal(ww_store_pin_get(a, loc, &st), WW_OK);
    assert_int_equal(st.wrong, 0);
    assert_int_equal(st.locks, 0);
    /* ...and the back-off starts again at five minutes. */
    for (int i = 0; i < 5; i++)
        ww_pin_check(&ga, a, loc, "staff", &c, hash, "000000");
    assert_int_equal(ww_pin_locked_for(&ga, &c), 300);
    /* A new PIN (set-pin) clears it. */
    assert_int_equal(ww_pin_reset(a, loc), WW_OK);
    assert_int_equal(ww_pin_check(&ga, a, loc, "staff", &c, hash, "246813"), WW_PIN_OK);
    /* The doubling stops at the cap. */
    assert_int_equal(ww_pin_lock_seconds(1), 300);
    assert_int_equal(ww_pin_lock_seconds(2), 600);
    assert_int_equal(ww_pin_lock_seconds(7), 19200);
    assert_int_equal(ww_pin_lock_seconds(8), WW_PIN_LOCK_MAX_SECONDS);
    assert_int_equal(ww_pin_lock_seconds(100), WW_PIN_LOCK_MAX_SECONDS);
    ww_store_free(a);
}

/* Eight kiosks type a wrong PIN at the same moment: no try is lost and none
 * counted twice: one lock, one audit entry, the count after it at zero. */
static void test_pin_lockout_race(void **state)
{
    (void)state;
    char loc[40], hash[WW_PIN_HASH_SIZE];
    fresh_location(loc, sizeof loc);
    pin_test_hash(hash);
    {
        struct ww_store *s = open_store();
        ww_store_free(s);
    }
    enum { PROCS = 8 };
    pid_t pids[PROCS];
    for (int p = 0; p < PROCS; p++) {
        pids[p] = fork();
        assert_true(pids[p] >= 0);
        if (pids[p] == 0) {
            char err[256];
            struct ww_store *s = ww_store_open(uri, NULL, err, sizeof err);
            if (!s)
                _exit(3);
            int64_t now = 1790000000;
            struct ww_clock c = ww_clock_fixed(&now);
            struct ww_pin_guard g;
            ww_pin_guard_init(&g);
            enum ww_pin_result r = ww_pin_check(&g, s, loc, "staff", &c, hash, "135790");
            ww_store_free(s);
            _exit(r == WW_PIN_WRONG ? 0 : r == WW_PIN_LOCKED ? 1 : 2);
        }
    }
    int wrong = 0, locked = 0;
    for (int p = 0; p < PROCS; p++) {
        int st;
        assert_int_equal(waitpid(pids[p], &st, 0), pids[p]);
        assert_true(WIFEXITED(st));
        assert_true(WEXITSTATUS(st) <= 1);
        if (WEXITSTATUS(st) == 0)
            wrong++;
        else
            locked++;
    }
    /* Four counted as wrong, the fifth locked; the rest met the lock. */
    assert_int_equal(wrong, WW_PIN_MAX_TRIES - 1);
    assert_int_equal(locked, PROCS - (WW_PIN_MAX_TRIES - 1));
    struct ww_store *s = open_store();
    struct ww_pin_state st;
    assert_int_equal(ww_store_pin_get(s, loc, &st), WW_OK);
    assert_int_equal(st.locks, 1);
    assert_int_equal(st.wrong, 0);
    assert_int_equal(count_locks(s, loc), 1);
    ww_store_free(s);
}

/* Heartbeats: one row per kiosk (the newest replaces the older), listed
 * per location in kiosk order, every field kept. */
static void test_heartbeats(void **state)
{
    (void)state;
    struct ww_store *s = open_store();
    char loc[40], other[40], k1[80], k2[80], k3[80];
    fresh_location(loc, sizeof loc);
    fresh_location(other, sizeof other);
    ww_fmt(k1, sizeof k1, "%s-a", loc);
    ww_fmt(k2, sizeof k2, "%s-b", loc);
    ww_fmt(k3, sizeof k3, "%s-c", other);
    struct ww_heartbeat h = {.seen = 1000, .paper_low = false};
    ww_strlcpy(h.kiosk, k2, sizeof h.kiosk);
    ww_strlcpy(h.location, loc, sizeof h.location);
    ww_strlcpy(h.printer, "unknown", sizeof h.printer);
    ww_strlcpy(h.version, "0.0.9", sizeof h.version);
    assert_int_equal(ww_store_heartbeat(s, &h), WW_OK);
    /* The same kiosk a minute later: replaced, not added. */
    h.seen = 1060;
    h.paper_low = true;
    ww_strlcpy(h.printer, "ok", sizeof h.printer);
    ww_strlcpy(h.version, "0.1.0", sizeof h.version);
    assert_int_equal(ww_store_heartbeat(s, &h), WW_OK);
    struct ww_heartbeat a = {.seen = 1050};
    ww_strlcpy(a.kiosk, k1, sizeof a.kiosk);
    ww_strlcpy(a.location, loc, sizeof a.location);
    ww_strlcpy(a.printer, "fault", sizeof a.printer);
    ww_strlcpy(a.version, "0.1.0", sizeof a.version);
    ww_strlcpy(a.out_of_order, "flows/werk.flow:3: unknown key 'x'", sizeof a.out_of_order);
    assert_int_equal(ww_store_heartbeat(s, &a), WW_OK);
    struct ww_heartbeat c = a;
    ww_strlcpy(c.kiosk, k3, sizeof c.kiosk);
    ww_strlcpy(c.location, other, sizeof c.location);
    assert_int_equal(ww_store_heartbeat(s, &c), WW_OK);

    struct ww_heartbeat *hb = NULL;
    size_t n = 0;
    assert_int_equal(ww_store_heartbeats(s, loc, &hb, &n), WW_OK);
    assert_int_equal(n, 2);
    assert_string_equal(hb[0].kiosk, k1);
    assert_string_equal(hb[0].printer, "fault");
    assert_string_equal(hb[0].out_of_order, "flows/werk.flow:3: unknown key 'x'");
    assert_int_equal(hb[0].seen, 1050);
    assert_false(hb[0].paper_low);
    assert_string_equal(hb[1].kiosk, k2);
    assert_string_equal(hb[1].location, loc);
    assert_int_equal(hb[1].seen, 1060);
    assert_true(hb[1].paper_low);
    assert_string_equal(hb[1].printer, "ok");
    assert_string_equal(hb[1].version, "0.1.0");
    assert_string_equal(hb[1].out_of_order, "");
    free(hb);
    /* Every location: at least these three. */
    assert_int_equal(ww_store_heartbeats(s, NULL, &hb, &n), WW_OK);
    size_t mine = 0;
    for (size_t i = 0; i < n; i++)
        mine += strcmp(hb[i].kiosk, k1) == 0 || strcmp(hb[i].kiosk, k2) == 0 ||
                strcmp(hb[i].kiosk, k3) == 0;
    assert_int_equal(mine, 3);
    free(hb);
    ww_store_free(s);
}

/* A store of schema version 4 (before heartbeats and the report's
 * counters) is migrated to the newest when opened, its bookings kept. SQLite only: the file is
 * taken back to version 4 by hand. */
static void test_migrate_heartbeats(void **state)
{
    (void)state;
    if (strncmp(uri, "sqlite:", 7) != 0)
        skip();
    struct ww_store *s = open_store();
    char loc[40];
    fresh_location(loc, sizeof loc);
    struct ww_slot slot = {0, 780, 30, 1, 0};
    struct req_buf rb;
    make_req(&rb, loc, "juridisch-loket", 'J', DAY, false);
    struct ww_booking b, f;
    assert_int_equal(ww_store_book(s, &rb.req, &slot, 1, &b), WW_OK);
    ww_store_free(s);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(uri + 7, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "DROP TABLE heartbeats; DROP TABLE signal_counts; PRAGMA user_version = 4",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    s = open_store();
    struct ww_heartbeat h = {.seen = 5};
    ww_strlcpy(h.kiosk, loc, sizeof h.kiosk);
    ww_strlcpy(h.location, loc, sizeof h.location);
    assert_int_equal(ww_store_heartbeat(s, &h), WW_OK);
    struct ww_heartbeat *hb = NULL;
    size_t n = 0;
    assert_int_equal(ww_store_heartbeats(s, loc, &hb, &n), WW_OK);
    assert_int_equal(n, 1);
    free(hb);
    assert_int_equal(ww_store_find_check(s, b.check, &f), WW_OK);
    assert_int_equal(f.id, b.id);
    ww_store_free(s);
    assert_int_equal(sqlite3_open(uri + 7, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 6);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_open_errors(void **state)
{
    (void)state;
    char err[512];
    assert_null(ww_store_open("mysql://x", NULL, err, sizeof err));
    assert_non_null(strstr(err, "unknown kind 'mysql'"));
    assert_null(ww_store_open("nothing", NULL, err, sizeof err));
    assert_non_null(strstr(err, "expected sqlite:FILE"));
    assert_null(ww_store_open("sqlite:/nonexistent-dir/x/y.db", NULL, err, sizeof err));
    assert_non_null(strstr(err, "cannot open store /nonexistent-dir/x/y.db"));
}

/* ---- the SQLite file itself (skipped against a server) ---- */

/* A fresh folder with no store in it yet; "" when the suite runs against a
 * server. */
static bool own_dir(char *dir, size_t size)
{
    if (strncmp(uri, "sqlite:", 7) != 0)
        return false;
    ww_strlcpy(dir, "/tmp/ww-store-file-XXXXXX", size);
    assert_non_null(mkdtemp(dir));
    return true;
}

static void remove_dir(const char *dir)
{
    char cmd[300];
    static const char *const names[] = {"s.db", "s.db-wal", "s.db-shm", "copy.db"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        ww_fmt(cmd, sizeof cmd, "%s/%s", dir, names[i]);
        unlink(cmd);
    }
    rmdir(dir);
}

/* Book one H ticket through `s`; its number in `ticket` when booked. */
static enum ww_err book_one(struct ww_store *s, char *ticket)
{
    struct ww_slot slots[3] = {{0, 570, 30, 2, 0}, {0, 600, 30, 2, 0}, {0, 630, 30, 2, 0}};
    struct req_buf rb;
    struct ww_booking b;
    make_req(&rb, "loc", "schuldhulp", 'H', DAY, false);
    enum ww_err e = ww_store_book(s, &rb.req, slots, 3, &b);
    ticket[0] = '\0';
    if (e == WW_OK)
        ww_strlcpy(ticket, b.ticket, WW_TICKET_SIZE);
    return e;
}

/* The store file deleted, or replaced by another file, under an open
 * handle: every write through that handle is refused with a line that says
 * so, and no ticket number it prints is handed out again by another
 * process booking in the file now at the path. */
static void check_lost_file(bool replace)
{
    char dir[64], path[128], store_uri[160];
    if (!own_dir(dir, sizeof dir))
        skip();
    ww_fmt(path, sizeof path, "%s/s.db", dir);
    ww_fmt(store_uri, sizeof store_uri, "sqlite:%s", path);
    char err[512];
    struct ww_store *kiosk = ww_store_open(store_uri, NULL, err, sizeof err);
    assert_non_null(kiosk);
    char printed[4][WW_TICKET_SIZE] = {{0}};
    assert_int_equal(book_one(kiosk, printed[0]), WW_OK);
    assert_string_equal(printed[0], "H-001");

    if (replace) {
        /* A copy made now (a backup put back, a file from another PC). */
        char copy[160], sql[200];
        ww_fmt(copy, sizeof copy, "%s/copy.db", dir);
        sqlite3 *db;
        assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
        ww_fmt(sql, sizeof sql, "VACUUM INTO '%s'", copy);
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
        assert_int_equal(rename(copy, path), 0);
    } else {
        assert_int_equal(unlink(path), 0);
    }

    FILE *log = tmpfile();
    assert_non_null(log);
    ww_log_set_sink(log, WW_LOG_WARN);
    /* The kiosk tries to book, to mark printed, to count: all refused. */
    assert_int_equal(book_one(kiosk, printed[1]), WW_ERR_IO);
    assert_int_equal(book_one(kiosk, printed[2]), WW_ERR_IO);
    assert_int_equal(ww_store_set_printed(kiosk, 1, true), WW_ERR_IO);
    struct ww_tally t = {.day = DAY, .location = "loc", .topic = "geld", .outcome = "x"};
    assert_int_equal(ww_store_tally(kiosk, &t), WW_ERR_IO);
    ww_log_set_sink(NULL, WW_LOG_INFO);
    char text[2048] = "";
    rewind(log);
    size_t got = fread(text, 1, sizeof text - 1, log);
    text[got] = '\0';
    fclose(log);
    assert_non_null(strstr(text, replace ? "was replaced by another file" : "was deleted"));
    assert_non_null(strstr(text, path));
    /* Said once, not on every refused write. */
    assert_null(strstr(strstr(text, "cannot be written") + 1, "cannot be written"));

    /* Another process books in the file the path names now. */
    struct ww_store *other = ww_store_open(store_uri, NULL, err, sizeof err);
    assert_non_null(other);
    char theirs[2][WW_TICKET_SIZE];
    assert_int_equal(book_one(other, theirs[0]), WW_OK);
    assert_int_equal(book_one(other, theirs[1]), WW_OK);
    for (int i = 1; i < 4; i++)
        for (int k = 0; k < 2; k++)
            if (printed[i][0])
                assert_string_not_equal(printed[i], theirs[k]);
    if (replace) /* the copy holds H-001: the numbers go on */
        assert_string_equal(theirs[0], "H-002");
    ww_store_free(other);
    ww_store_free(kiosk);
    remove_dir(dir);
}

/* Retention through the store: a location's bookings before a day go; other
 * days and other locations stay. */
static void test_purge(void **state)
{
    (void)state;
    struct ww_store *s = open_store();
    char loc[40], other[40];
    fresh_location(loc, sizeof loc);
    fresh_location(other, sizeof other);
    struct ww_slot slot = {0, 600, 20, 5, 0};
    struct req_buf rb;
    struct ww_booking b;
    static const int back[] = {40, 31, 30, 0};
    for (size_t i = 0; i < 4; i++) {
        make_req(&rb, loc, "schuldhulp", 'H', DAY - back[i], false);
        assert_int_equal(ww_store_book(s, &rb.req, &slot, 1, &b), WW_OK);
    }
    make_req(&rb, other, "schuldhulp", 'H', DAY - 40, false);
    assert_int_equal(ww_store_book(s, &rb.req, &slot, 1, &b), WW_OK);
    /* Audit lines: a check-in goes with its booking, a staff change stays. */
    struct ww_audit a;
    audit_for(&a, loc, "checkin");
    a.day = DAY - 40;
    assert_int_equal(ww_store_audit(s, &a), WW_OK);
    audit_for(&a, loc, "absent");
    a.day = DAY - 40;
    assert_int_equal(ww_store_audit(s, &a), WW_OK);
    int deleted = -1;
    assert_int_equal(ww_store_purge(s, loc, DAY - 30, &deleted), WW_OK);
    assert_int_equal(deleted, 2);
    assert_int_equal(ww_store_purge(s, loc, DAY - 30, &deleted), WW_OK);
    assert_int_equal(deleted, 0);
    struct ww_booking *list;
    size_t n;
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(ww_store_bookings(s, loc, DAY - back[i], &list, &n), WW_OK);
        assert_int_equal(n, back[i] > 30 ? 0 : 1);
        free(list);
    }
    assert_int_equal(ww_store_bookings(s, other, DAY - 40, &list, &n), WW_OK);
    assert_int_equal(n, 1);
    free(list);
    struct ww_audit *al;
    assert_int_equal(ww_store_audit_list(s, loc, DAY - 60, &al, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_string_equal(al[0].action, "absent");
    free(al);
    ww_store_free(s);
}

/* One value of a query on a SQLite file; -1 when it fails. */
static long long sql_value(const char *path, const char *q)
{
    sqlite3 *db;
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* A new store file is its owner's only (whatever the umask), and so are
 * its -wal and -shm files. Tallies and ratings are counters of a day with
 * no row id, no time and no order that lines up with the bookings. */
static void test_file_mode_and_counters(void **state)
{
    (void)state;
    char dir[64], path[128], store_uri[160], p2[160];
    if (!own_dir(dir, sizeof dir))
        skip();
    ww_fmt(path, sizeof path, "%s/s.db", dir);
    ww_fmt(store_uri, sizeof store_uri, "sqlite:%s", path);
    mode_t old = umask(022);
    char err[512];
    struct ww_store *s = ww_store_open(store_uri, NULL, err, sizeof err);
    umask(old);
    assert_non_null(s);
    struct ww_tally t = {.day = DAY, .location = "loc", .topic = "geld", .outcome = "x"};
    for (int i = 0; i < 3; i++)
        assert_int_equal(ww_store_tally(s, &t), WW_OK);
    struct ww_rating r = {.day = DAY, .location = "loc", .score = 4, .topics = "geld"};
    assert_int_equal(ww_store_rating(s, &r), WW_OK);
    assert_int_equal(ww_store_rating(s, &r), WW_OK);
    static const char *const suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        struct stat sb;
        ww_fmt(p2, sizeof p2, "%s%s", path, suffix[i]);
        assert_int_equal(stat(p2, &sb), 0);
        if ((sb.st_mode & 0777) != 0600)
            fail_msg("%s has mode %o, expected 600", p2, (unsigned)(sb.st_mode & 0777));
    }
    assert_int_equal(sql_value(path, "SELECT count FROM tally_counts"), 3);
    assert_int_equal(sql_value(path, "SELECT count FROM rating_counts"), 2);
    assert_int_equal(sql_value(path, "SELECT COUNT(*) FROM tally_counts"), 1);
    /* No row id, no time column, no per-visit table left. */
    assert_int_equal(sql_value(path, "SELECT rowid FROM tally_counts"), -1);
    assert_int_equal(sql_value(path, "SELECT rowid FROM rating_counts"), -1);
    assert_int_equal(sql_value(path, "SELECT COUNT(*) FROM pragma_table_info('tally_counts') "
                                     "WHERE name IN ('id', 'at', 'created', 'time')"),
                     0);
    assert_int_equal(sql_value(path, "SELECT COUNT(*) FROM sqlite_master WHERE name IN "
                                     "('tallies', 'ratings')"),
                     0);
    ww_store_free(s);
    remove_dir(dir);
}

/* A store of schema version 1 (a row per tally and rating) is migrated:
 * what was counted is kept, as counts. */
static void test_migrate_v1(void **state)
{
    (void)state;
    char dir[64], path[128], store_uri[160];
    if (!own_dir(dir, sizeof dir))
        skip();
    ww_fmt(path, sizeof path, "%s/s.db", dir);
    ww_fmt(store_uri, sizeof store_uri, "sqlite:%s", path);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    static const char v1[] =
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
        "INSERT INTO meta VALUES ('changes', 0);"
        "CREATE TABLE bookings (id INTEGER PRIMARY KEY, location TEXT NOT NULL, partner TEXT NOT "
        "NULL, topic TEXT NOT NULL DEFAULT '', day INTEGER NOT NULL, start INTEGER NOT NULL, "
        "minutes INTEGER NOT NULL, desk INTEGER NOT NULL CHECK (desk >= 1), letter TEXT NOT "
        "NULL, seq INTEGER NOT NULL, ticket TEXT NOT NULL, check_code TEXT NOT NULL UNIQUE, "
        "request_id TEXT UNIQUE, created INTEGER NOT NULL, printed INTEGER NOT NULL DEFAULT 0, "
        "checked_in INTEGER NOT NULL DEFAULT 0, UNIQUE (location, partner, day, start, desk), "
        "UNIQUE (location, day, ticket));"
        "CREATE TABLE overrides (id INTEGER PRIMARY KEY, location TEXT NOT NULL, day INTEGER NOT "
        "NULL, partner TEXT NOT NULL, kind INTEGER NOT NULL, t0 INTEGER NOT NULL, t1 INTEGER NOT "
        "NULL, desks INTEGER NOT NULL, room TEXT NOT NULL DEFAULT '');"
        "CREATE TABLE tallies (id INTEGER PRIMARY KEY, day INTEGER NOT NULL, location TEXT NOT "
        "NULL, topic TEXT NOT NULL, outcome TEXT NOT NULL, partner TEXT NOT NULL DEFAULT '');"
        "CREATE TABLE ratings (id INTEGER PRIMARY KEY, day INTEGER NOT NULL, location TEXT NOT "
        "NULL, score INTEGER NOT NULL, topics TEXT NOT NULL DEFAULT '');"
        "CREATE TABLE dropouts (day INTEGER NOT NULL, location TEXT NOT NULL, screen TEXT NOT "
        "NULL, count INTEGER NOT NULL, PRIMARY KEY (day, location, screen));"
        "CREATE TABLE audit (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, location TEXT NOT "
        "NULL, day INTEGER NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT "
        "NULL);"
        "INSERT INTO tallies (day, location, topic, outcome, partner) VALUES"
        " (20781, 'loc', 'geld', 'x', 'p'), (20781, 'loc', 'geld', 'x', 'p'),"
        " (20781, 'loc', 'geld', 'x', ''), (20781, 'loc', 'brief', 'y', '');"
        "INSERT INTO ratings (day, location, score, topics) VALUES (20781, 'loc', 5, 'geld'),"
        " (20781, 'loc', 5, 'geld');"
        "PRAGMA user_version = 1;";
    assert_int_equal(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char err[512];
    struct ww_store *s = ww_store_open(store_uri, NULL, err, sizeof err);
    if (!s)
        fail_msg("%s", err);
    struct ww_tally_count *c;
    size_t n;
    assert_int_equal(ww_store_tally_counts(s, "loc", DAY, DAY, &c, &n), WW_OK);
    assert_int_equal(n, 2);
    assert_string_equal(c[0].topic, "geld");
    assert_int_equal(c[0].total, 3);
    assert_int_equal(c[0].booked, 2);
    assert_int_equal(c[1].total, 1);
    free(c);
    ww_store_free(s);
    assert_int_equal(sql_value(path, "SELECT count FROM rating_counts"), 2);
    assert_int_equal(sql_value(path, "PRAGMA user_version"), 6);
    remove_dir(dir);
}

static void test_deleted_file_refuses_writes(void **state)
{
    (void)state;
    check_lost_file(false);
}

static void test_replaced_file_refuses_writes(void **state)
{
    (void)state;
    check_lost_file(true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_book_desks_and_full),
        cmocka_unit_test(test_request_id_books_once),
        cmocka_unit_test(test_find_print_checkin),
        cmocka_unit_test(test_overrides_undo_audit),
        cmocka_unit_test(test_signals),
        cmocka_unit_test(test_race_never_overbooks),
        cmocka_unit_test(test_pin_lockout_shared),
        cmocka_unit_test(test_pin_lockout_race),
        cmocka_unit_test(test_heartbeats),
        cmocka_unit_test(test_migrate_heartbeats),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_purge),
        cmocka_unit_test(test_file_mode_and_counters),
        cmocka_unit_test(test_migrate_v1),
        cmocka_unit_test(test_deleted_file_refuses_writes),
        cmocka_unit_test(test_replaced_file_refuses_writes),
    };
    return cmocka_run_group_tests_name("store", tests, suite_setup, suite_teardown);
}
