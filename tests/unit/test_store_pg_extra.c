/* More store cases for what a shared server adds: several processes and
 * handles at once, outages and a schema created by racing processes.
 *
 * The store URI comes from $WW_TEST_STORE (default: a fresh SQLite file), so
 * the backend-agnostic cases run against both backends. The cases that stop
 * and start the server, or create databases, need a PostgreSQL store and the
 * control script of the throwaway server ($WW_PG_CTL, set by tests/pg.sh);
 * without them they are skipped. */
#include "code.h"
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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

static char uri[600];
static char tmpdir[128];
static int test_no;

static const ww_day DAY = 20790; /* 2026-12-03 */

static int suite_setup(void **state)
{
    (void)state;
    const char *env = getenv("WW_TEST_STORE");
    if (env && *env) {
        ww_strlcpy(uri, env, sizeof uri);
    } else {
        ww_strlcpy(tmpdir, "/tmp/ww-store-extra-XXXXXX", sizeof tmpdir);
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

static bool is_pg(void)
{
    return strncmp(uri, "postgresql:", 11) == 0;
}

static struct ww_store *open_uri(const char *u)
{
    char err[512] = "";
    struct ww_store *s = ww_store_open(u, NULL, err, sizeof err);
    if (!s)
        fail_msg("cannot open the store: %s", err);
    return s;
}

static struct ww_store *open_store(void)
{
    return open_uri(uri);
}

static void fresh_id(const char *prefix, char *buf, size_t size)
{
    char r[WW_CHECK_LEN + 1];
    assert_true(ww_code_new_check(r, sizeof r));
    for (char *p = r; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    ww_fmt(buf, size, "%s%d-%s", prefix, ++test_no, r);
}

/* Run the throwaway server's control script; returns its exit status.
 * With `out`, its standard output is read into it. */
static int pg_ctl(const char *const *args, char *out, size_t outsize)
{
    const char *ctl = getenv("WW_PG_CTL");
    if (!ctl)
        return -1;
    int fds[2];
    if (out && pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        if (out) {
            dup2(fds[1], 1);
            close(fds[0]);
            close(fds[1]);
        }
        char *argv[8] = {(char *)ctl};
        for (int i = 0; args[i] && i < 6; i++)
            argv[i + 1] = (char *)args[i];
        execv(ctl, argv);
        _exit(127);
    }
    if (out) {
        close(fds[1]);
        size_t n = 0;
        ssize_t r;
        while (n + 1 < outsize && (r = read(fds[0], out + n, outsize - 1 - n)) > 0)
            n += (size_t)r;
        out[n] = '\0';
        close(fds[0]);
    }
    int st;
    if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

static bool have_server_control(void)
{
    return is_pg() && getenv("WW_PG_CTL");
}

/* The same URI with another database name. */
static void uri_with_db(const char *db, char *buf, size_t size)
{
    const char *path = strchr(strstr(uri, "://") + 3, '/');
    assert_non_null(path);
    size_t len = (size_t)(path - uri);
    const char *query = strchr(path, '?');
    ww_fmt(buf, size, "%.*s/%s%s", (int)len, uri, db, query ? query : "");
}

struct req_buf {
    struct ww_book_req req;
    char check[WW_CHECK_LEN + 1];
};

static void make_req(struct req_buf *rb, const char *location, const char *partner, char letter,
                     const char *request)
{
    assert_true(ww_code_new_check(rb->check, sizeof rb->check));
    rb->req = (struct ww_book_req){.location = location,
                                   .partner = partner,
                                   .letter = letter,
                                   .topic = "",
                                   .day = DAY,
                                   .request_id = request,
                                   .check = rb->check,
                                   .now = 1790000000};
}

static void wait_all(const pid_t *pids, int n)
{
    for (int p = 0; p < n; p++) {
        int st;
        assert_int_equal(waitpid(pids[p], &st, 0), pids[p]);
        assert_true(WIFEXITED(st));
        assert_int_equal(WEXITSTATUS(st), 0);
    }
}

/* Children wait on a pipe so they all start at the same moment. */
struct gate {
    int fds[2];
};

static void gate_init(struct gate *g)
{
    assert_int_equal(pipe(g->fds), 0);
}

static void gate_wait(struct gate *g)
{
    char c;
    close(g->fds[1]);
    if (read(g->fds[0], &c, 1) < 0)
        _exit(9);
    close(g->fds[0]);
}

static void gate_open(struct gate *g)
{
    close(g->fds[0]);
    close(g->fds[1]); /* EOF wakes every reader */
}

/* ---- any backend ---- */

/* Two partners share a ticket letter; eight processes book both at once.
 * Each partner's slots hold no more than their desks, and the ticket
 * numbers of the letter are unique and without gaps. */
static void test_shared_letter_race(void **state)
{
    (void)state;
    char loc[40];
    fresh_id("x", loc, sizeof loc);
    ww_store_free(open_store());
    enum { PROCS = 8, TRIES = 5 };
    pid_t pids[PROCS];
    struct gate g;
    gate_init(&g);
    for (int p = 0; p < PROCS; p++) {
        pids[p] = fork();
        assert_true(pids[p] >= 0);
        if (pids[p] == 0) {
            gate_wait(&g);
            char err[256];
            struct ww_store *s = ww_store_open(uri, NULL, err, sizeof err);
            if (!s)
                _exit(3);
            const char *partner = p % 2 ? "mediator" : "juridisch-loket";
            struct ww_slot slots[2] = {{0, 780, 30, 3, 0}, {0, 810, 30, 2, 0}};
            for (int i = 0; i < TRIES; i++) {
                struct req_buf rb;
                make_req(&rb, loc, partner, 'J', NULL);
                struct ww_booking b;
                enum ww_err e = ww_store_book(s, &rb.req, slots, 2, &b);
                if (e != WW_OK && e != WW_ERR_FULL)
                    _exit(5);
            }
            ww_store_free(s);
            _exit(0);
        }
    }
    gate_open(&g);
    wait_all(pids, PROCS);
    struct ww_store *s = open_store();
    struct ww_booking *list;
    size_t n;
    assert_int_equal(ww_store_bookings(s, loc, DAY, &list, &n), WW_OK);
    assert_int_equal(n, 10); /* (3 + 2) desks for each of the two partners */
    bool seen[11] = {false};
    for (size_t i = 0; i < n; i++) {
        assert_true(list[i].desk >= 1 && list[i].desk <= (list[i].start == 780 ? 3 : 2));
        long num;
        assert_int_equal(list[i].ticket[0], 'J');
        assert_true(ww_parse_int(list[i].ticket + 2, 1, 10, &num));
        assert_false(seen[num]);
        seen[num] = true;
        for (size_t k = i + 1; k < n; k++)
            assert_false(strcmp(list[i].partner, list[k].partner) == 0 &&
                         list[i].start == list[k].start && list[i].desk == list[k].desk);
    }
    free(list);
    ww_store_free(s);
}

/* Eight processes send the same request at once (a kiosk retrying after a
 * timeout, twice): one booking, and every process gets that one. */
static void test_same_request_race(void **state)
{
    (void)state;
    char loc[40], request[40];
    fresh_id("r", loc, sizeof loc);
    fresh_id("req", request, sizeof request);
    ww_store_free(open_store());
    enum { PROCS = 8 };
    pid_t pids[PROCS];
    int out[2];
    assert_int_equal(pipe(out), 0);
    struct gate g;
    gate_init(&g);
    for (int p = 0; p < PROCS; p++) {
        pids[p] = fork();
        assert_true(pids[p] >= 0);
        if (pids[p] == 0) {
            close(out[0]);
            gate_wait(&g);
            char err[256];
            struct ww_store *s = ww_store_open(uri, NULL, err, sizeof err);
            if (!s)
                _exit(3);
            struct ww_slot slots[1] = {{0, 600, 30, 4, 0}};
            struct req_buf rb;
            make_req(&rb, loc, "schuldhulp", 'H', request);
            struct ww_booking b;
            if (ww_store_book(s, &rb.req, slots, 1, &b) != WW_OK)
                _exit(5);
            int64_t id = b.id;
            if (write(out[1], &id, sizeof id) != (ssize_t)sizeof id)
                _exit(6);
            ww_store_free(s);
            _exit(0);
        }
    }
    close(out[1]);
    gate_open(&g);
    wait_all(pids, PROCS);
    int64_t ids[PROCS];
    for (int p = 0; p < PROCS; p++)
        assert_int_equal(read(out[0], &ids[p], sizeof ids[p]), (ssize_t)sizeof ids[p]);
    close(out[0]);
    for (int p = 1; p < PROCS; p++)
        assert_int_equal(ids[p], ids[0]);
    struct ww_store *s = open_store();
    struct ww_booking *list;
    size_t n;
    assert_int_equal(ww_store_bookings(s, loc, DAY, &list, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, ids[0]);
    free(list);
    ww_store_free(s);
}

/* A change made through one handle reaches another open handle (another
 * kiosk) within two seconds; the writer sees its own change at once. */
static void test_change_seen_by_other_handle(void **state)
{
    (void)state;
    char loc[40];
    fresh_id("c", loc, sizeof loc);
    struct ww_store *kiosk = open_store();
    struct ww_store *staff = open_store();
    int64_t before, seq;
    assert_int_equal(ww_store_change_seq(kiosk, &before), WW_OK);
    assert_int_equal(ww_store_change_seq(staff, &seq), WW_OK);
    struct ww_override ov = {.partner = "wijkteam", .kind = WW_OVERRIDE_ABSENT};
    assert_int_equal(ww_store_override_add(staff, loc, DAY, &ov, NULL), WW_OK);
    assert_int_equal(ww_store_change_seq(staff, &seq), WW_OK);
    assert_true(seq > before);
    /* The requirement itself: poll as a kiosk does, give up after 2 s. */
    struct timespec t0, t1, nap = {0, 20 * 1000000L};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int64_t seen = before;
    double waited = 0;
    while (seen == before && waited < 2.0) {
        assert_int_equal(ww_store_change_seq(kiosk, &seen), WW_OK);
        if (seen == before)
            nanosleep(&nap, NULL);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        waited = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    }
    assert_true(seen > before);
    struct ww_override *list;
    size_t n;
    assert_int_equal(ww_store_overrides(kiosk, loc, DAY, &list, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].kind, WW_OVERRIDE_ABSENT);
    free(list);
    /* Undo from the kiosk's handle is seen by staff's. */
    assert_int_equal(ww_store_change_seq(staff, &before), WW_OK);
    assert_int_equal(ww_store_override_undo(kiosk, loc, DAY, "wijkteam", NULL), WW_OK);
    assert_int_equal(ww_store_override_undo(kiosk, loc, DAY, "wijkteam", NULL), WW_ERR_ALREADY);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    seen = before;
    waited = 0;
    while (seen == before && waited < 2.0) {
        assert_int_equal(ww_store_change_seq(staff, &seen), WW_OK);
        if (seen == before)
            nanosleep(&nap, NULL);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        waited = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    }
    assert_true(seen > before);
    ww_store_free(staff);
    ww_store_free(kiosk);
}

/* Text that is not valid for the store is refused, not stored half. */
static void test_values_travel_as_parameters(void **state)
{
    (void)state;
    char loc[40];
    fresh_id("q", loc, sizeof loc);
    struct ww_store *s = open_store();
    /* Quotes and SQL in a value are just text. */
    struct ww_audit a = {.when = 1, .day = DAY};
    ww_strlcpy(a.location, loc, sizeof a.location);
    ww_strlcpy(a.role, "cli", sizeof a.role);
    ww_strlcpy(a.action, "set", sizeof a.action);
    ww_strlcpy(a.detail, "x'); DROP TABLE bookings; --", sizeof a.detail);
    assert_int_equal(ww_store_audit(s, &a), WW_OK);
    struct ww_audit *list;
    size_t n;
    assert_int_equal(ww_store_audit_list(s, loc, DAY, &list, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].detail, "x'); DROP TABLE bookings; --");
    free(list);
    struct ww_booking *b;
    assert_int_equal(ww_store_bookings(s, loc, DAY, &b, &n), WW_OK);
    assert_int_equal(n, 0);
    free(b);
    ww_store_free(s);
}

/* ---- PostgreSQL: the server itself ---- */

/* Six processes open a brand-new database at the same moment: the schema is
 * created once and every one of them can book. */
static void test_pg_schema_race(void **state)
{
    (void)state;
    if (!have_server_control())
        skip();
    char db[40], dburi[700], sqlbuf[128], out[256];
    fresh_id("wwmig", db, sizeof db);
    for (char *p = db; *p; p++)
        if (*p == '-')
            *p = '_';
    ww_fmt(sqlbuf, sizeof sqlbuf, "CREATE DATABASE %s", db);
    assert_int_equal(pg_ctl((const char *[]){"psql", "-c", sqlbuf, NULL}, NULL, 0), 0);
    uri_with_db(db, dburi, sizeof dburi);
    enum { PROCS = 6 };
    pid_t pids[PROCS];
    struct gate g;
    gate_init(&g);
    for (int p = 0; p < PROCS; p++) {
        pids[p] = fork();
        assert_true(pids[p] >= 0);
        if (pids[p] == 0) {
            gate_wait(&g);
            char err[256];
            struct ww_store *s = ww_store_open(dburi, NULL, err, sizeof err);
            if (!s)
                _exit(3);
            struct ww_slot slots[1] = {{0, 600, 30, PROCS, 0}};
            struct req_buf rb;
            make_req(&rb, "mig", "wijkteam", 'K', NULL);
            struct ww_booking b;
            int rc = ww_store_book(s, &rb.req, slots, 1, &b) == WW_OK ? 0 : 5;
            ww_store_free(s);
            _exit(rc);
        }
    }
    gate_open(&g);
    wait_all(pids, PROCS);
    ww_fmt(sqlbuf, sizeof sqlbuf, "SELECT value FROM meta WHERE key = 'version'");
    assert_int_equal(
        pg_ctl((const char *[]){"psql", "-d", db, "-At", "-c", sqlbuf, NULL}, out, sizeof out), 0);
    assert_string_equal(out, "6\n");
    ww_fmt(sqlbuf, sizeof sqlbuf, "SELECT count(*) FROM bookings");
    assert_int_equal(
        pg_ctl((const char *[]){"psql", "-d", db, "-At", "-c", sqlbuf, NULL}, out, sizeof out), 0);
    assert_string_equal(out, "6\n");
    ww_fmt(sqlbuf, sizeof sqlbuf, "DROP DATABASE %s", db);
    assert_int_equal(pg_ctl((const char *[]){"psql", "-c", sqlbuf, NULL}, NULL, 0), 0);
}

/* A store written by a newer program is refused with a clear message. */
static void test_pg_newer_schema_refused(void **state)
{
    (void)state;
    if (!have_server_control())
        skip();
    char db[40], dburi[700], sqlbuf[160], err[512];
    fresh_id("wwnew", db, sizeof db);
    for (char *p = db; *p; p++)
        if (*p == '-')
            *p = '_';
    ww_fmt(sqlbuf, sizeof sqlbuf, "CREATE DATABASE %s", db);
    assert_int_equal(pg_ctl((const char *[]){"psql", "-c", sqlbuf, NULL}, NULL, 0), 0);
    uri_with_db(db, dburi, sizeof dburi);
    ww_store_free(open_uri(dburi));
    ww_fmt(sqlbuf, sizeof sqlbuf, "UPDATE meta SET value = 99 WHERE key = 'version'");
    assert_int_equal(pg_ctl((const char *[]){"psql", "-d", db, "-c", sqlbuf, NULL}, NULL, 0), 0);
    assert_null(ww_store_open(dburi, NULL, err, sizeof err));
    assert_non_null(strstr(err, "schema version 99"));
    ww_fmt(sqlbuf, sizeof sqlbuf, "DROP DATABASE %s", db);
    assert_int_equal(pg_ctl((const char *[]){"psql", "-c", sqlbuf, NULL}, NULL, 0), 0);
}

/* Kiosks may log in with a role that can only read and write rows: once the
 * schema exists, such a role books, lists and changes like the owner. */
static void test_pg_row_only_role(void **state)
{
    (void)state;
    if (!have_server_control())
        skip();
    char role[40], sqlbuf[400], kiosk_uri[700];
    fresh_id("kiosk", role, sizeof role);
    for (char *p = role; *p; p++)
        if (*p == '-')
            *p = '_';
    ww_store_free(open_store()); /* the schema, made by the owner */
    ww_fmt(sqlbuf, sizeof sqlbuf,
           "CREATE ROLE %s LOGIN PASSWORD 'kiosk-pw'; GRANT SELECT, INSERT, UPDATE, DELETE ON "
           "ALL TABLES IN SCHEMA public TO %s; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "
           "%s",
           role, role, role);
    assert_int_equal(pg_ctl((const char *[]){"psql", "-c", sqlbuf, NULL}, NULL, 0), 0);
    const char *at = strrchr(uri, '@');
    assert_non_null(at);
    ww_fmt(kiosk_uri, sizeof kiosk_uri, "postgresql://%s:kiosk-pw%s", role, at);
    struct ww_store *s = open_uri(kiosk_uri);
    char loc[40];
    fresh_id("p", loc, sizeof loc);
    struct ww_slot slots[1] = {{0, 600, 30, 1, 0}};
    struct req_buf rb;
    struct ww_booking b;
    make_req(&rb, loc, "wijkteam", 'K', NULL);
    assert_int_equal(ww_store_book(s, &rb.req, slots, 1, &b), WW_OK);
    assert_string_equal(b.ticket, "K-001");
    struct ww_override ov = {.partner = "wijkteam", .kind = WW_OVERRIDE_ABSENT};
    assert_int_equal(ww_store_override_add(s, loc, DAY, &ov, NULL), WW_OK);
    int64_t seq;
    assert_int_equal(ww_store_change_seq(s, &seq), WW_OK);
    assert_int_equal(ww_store_dropout(s, DAY, loc, "topics"), WW_OK);
    ww_store_free(s);
}

/* A wrong password is a configuration error: open fails and says why,
 * without showing the password. A malformed URI names itself. */
static void test_pg_bad_login(void **state)
{
    (void)state;
    if (!is_pg())
        skip();
    char bad[700], err[512];
    const char *at = strrchr(uri, '@');
    const char *colon = strchr(strstr(uri, "://") + 3, ':');
    assert_non_null(at);
    assert_true(colon && colon < at);
    ww_fmt(bad, sizeof bad, "%.*s:wrong-secret-pw%s", (int)(colon - uri), uri, at);
    assert_null(ww_store_open(bad, NULL, err, sizeof err));
    assert_non_null(strstr(err, "password"));
    assert_null(strstr(err, "wrong-secret-pw"));
    assert_non_null(strstr(err, ":***@"));
    /* No password anywhere: the server asks for one, none is there. */
    char none[700];
    ww_fmt(none, sizeof none, "%.*s%s", (int)(colon - uri), uri, at);
    setenv("PGPASSFILE", "/nonexistent/pgpass", 1);
    assert_null(ww_store_open(none, NULL, err, sizeof err));
    unsetenv("PGPASSFILE");
    assert_non_null(strstr(err, "password"));
    assert_null(ww_store_open("postgresql://[::1", NULL, err, sizeof err));
    assert_non_null(strstr(err, "postgresql://[::1"));
}

static int64_t count_bookings(struct ww_store *s, const char *loc)
{
    struct ww_booking *list;
    size_t n;
    assert_int_equal(ww_store_bookings(s, loc, DAY, &list, &n), WW_OK);
    for (size_t i = 0; i < n; i++) {
        assert_true(list[i].desk >= 1);
        assert_true(list[i].ticket[0] && list[i].check[0]);
    }
    free(list);
    return (int64_t)n;
}

/* The server stops under an open handle (a crash: immediate shutdown):
 * every call says "unavailable", nothing is half written, and the same
 * handle works again as soon as the server is back. */
static void test_pg_outage_and_reconnect(void **state)
{
    (void)state;
    if (!have_server_control())
        skip();
    char loc[40];
    fresh_id("o", loc, sizeof loc);
    struct ww_store *s = open_store();
    struct ww_slot slots[1] = {{0, 600, 30, 5, 0}};
    struct req_buf rb;
    struct ww_booking b;
    make_req(&rb, loc, "uwv", 'U', NULL);
    assert_int_equal(ww_store_book(s, &rb.req, slots, 1, &b), WW_OK);
    int64_t seq;
    assert_int_equal(ww_store_change_seq(s, &seq), WW_OK);

    assert_int_equal(pg_ctl((const char *[]){"stop", NULL}, NULL, 0), 0);
    make_req(&rb, loc, "uwv", 'U', "outage-request");
    assert_int_equal(ww_store_book(s, &rb.req, slots, 1, &b), WW_ERR_UNAVAILABLE);
    assert_int_equal(ww_store_change_seq(s, &seq), WW_ERR_UNAVAILABLE);
    struct ww_booking *list;
    size_t n;
    assert_int_equal(ww_store_bookings(s, loc, DAY, &list, &n), WW_ERR_UNAVAILABLE);
    assert_null(list);
    struct ww_override ov = {.partner = "uwv", .kind = WW_OVERRIDE_ABSENT};
    assert_int_equal(ww_store_override_add(s, loc, DAY, &ov, NULL), WW_ERR_UNAVAILABLE);

    /* A store opened while the server is down is still a handle. */
    struct ww_store *late = open_store();
    assert_int_equal(ww_store_change_seq(late, &seq), WW_ERR_UNAVAILABLE);

    assert_int_equal(pg_ctl((const char *[]){"start", NULL}, NULL, 0), 0);
    assert_int_equal(count_bookings(s, loc), 1);
    make_req(&rb, loc, "uwv", 'U', "outage-request");
    assert_int_equal(ww_store_book(s, &rb.req, slots, 1, &b), WW_OK);
    assert_int_equal(b.desk, 2);
    assert_int_equal(ww_store_change_seq(late, &seq), WW_OK);
    assert_int_equal(count_bookings(late, loc), 2);
    ww_store_free(late);
    ww_store_free(s);
}

/* Bookings racing while the server crashes and returns: each process
 * books until the slots are full, retrying with the same request id after
 * an outage. Afterwards the store holds exactly the capacity, every
 * booking whole, and each process's bookings are the ones it was told. */
static void test_pg_crash_during_race(void **state)
{
    (void)state;
    if (!have_server_control())
        skip();
    char loc[40];
    fresh_id("k", loc, sizeof loc);
    ww_store_free(open_store());
    enum { PROCS = 8, SLOTS = 40, DESKS = 2 };
    pid_t pids[PROCS];
    int out[2];
    assert_int_equal(pipe(out), 0);
    struct gate g;
    gate_init(&g);
    for (int p = 0; p < PROCS; p++) {
        pids[p] = fork();
        assert_true(pids[p] >= 0);
        if (pids[p] == 0) {
            close(out[0]);
            ww_log_set_sink(NULL, WW_LOG_ERROR); /* eight "connection lost" are noise */
            gate_wait(&g);
            char err[256];
            struct ww_store *s = ww_store_open(uri, NULL, err, sizeof err);
            if (!s)
                _exit(3);
            struct ww_slot slots[SLOTS];
            for (int i = 0; i < SLOTS; i++)
                slots[i] = (struct ww_slot){0, 540 + 10 * i, 10, DESKS, 0};
            struct timespec nap = {0, 5 * 1000000L};
            int made = 0, outages = 0;
            for (int i = 0; i < 100000; i++) {
                char request[40];
                ww_fmt(request, sizeof request, "%s-%d-%d", loc, p, made);
                struct req_buf rb;
                make_req(&rb, loc, "svb", 'V', request);
                struct ww_booking b;
                enum ww_err e = ww_store_book(s, &rb.req, slots, SLOTS, &b);
                if (e == WW_ERR_FULL)
                    break;
                if (e == WW_ERR_UNAVAILABLE || e == WW_ERR_BUSY) {
                    outages++;
                    nanosleep(&nap, NULL);
                    continue; /* the same request id again */
                }
                if (e != WW_OK)
                    _exit(5);
                made++;
                nanosleep(&nap, NULL);
            }
            int64_t res[2] = {made, outages};
            if (write(out[1], res, sizeof res) != (ssize_t)sizeof res)
                _exit(6);
            ww_store_free(s);
            _exit(0);
        }
    }
    close(out[1]);
    gate_open(&g);
    /* Let bookings start, crash the server, bring it back. */
    struct ww_store *watch = open_store();
    struct timespec nap = {0, 10 * 1000000L};
    for (int i = 0; i < 500 && count_bookings(watch, loc) < 8; i++)
        nanosleep(&nap, NULL);
    ww_store_free(watch);
    assert_int_equal(pg_ctl((const char *[]){"stop", NULL}, NULL, 0), 0);
    struct timespec down = {0, 300 * 1000000L};
    nanosleep(&down, NULL);
    assert_int_equal(pg_ctl((const char *[]){"start", NULL}, NULL, 0), 0);
    wait_all(pids, PROCS);
    int64_t made = 0, outages = 0;
    for (int p = 0; p < PROCS; p++) {
        int64_t res[2];
        assert_int_equal(read(out[0], res, sizeof res), (ssize_t)sizeof res);
        made += res[0];
        outages += res[1];
    }
    close(out[0]);
    struct ww_store *s = open_store();
    assert_int_equal(count_bookings(s, loc), SLOTS * DESKS);
    assert_int_equal(made, SLOTS * DESKS);
    print_message("  %lld failed calls during the outage, all retried\n", (long long)outages);
    ww_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_letter_race),
        cmocka_unit_test(test_same_request_race),
        cmocka_unit_test(test_change_seen_by_other_handle),
        cmocka_unit_test(test_values_travel_as_parameters),
        cmocka_unit_test(test_pg_schema_race),
        cmocka_unit_test(test_pg_newer_schema_refused),
        cmocka_unit_test(test_pg_row_only_role),
        cmocka_unit_test(test_pg_bad_login),
        cmocka_unit_test(test_pg_outage_and_reconnect),
        cmocka_unit_test(test_pg_crash_during_race),
    };
    return cmocka_run_group_tests_name("store (shared server)", tests, suite_setup, suite_teardown);
}
