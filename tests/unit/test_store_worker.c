/* The store worker: jobs run in order on a thread of their own with the
 * worker's store (a real SQLite file), answers come back in order with a
 * notification each, the queue is bounded, and freeing the worker runs
 * what is still queued and hands every job back. */
#include "store_worker.h"
#include "str.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static char tmpdir[64];
static int test_no;

static struct ww_store *open_store(void)
{
    char uri[128], err[256] = "";
    ww_fmt(uri, sizeof uri, "sqlite:%s/w%d.db", tmpdir, ++test_no);
    struct ww_store *s = ww_store_open(uri, NULL, err, sizeof err);
    if (!s)
        fail_msg("cannot open %s: %s", uri, err);
    return s;
}

struct job {
    struct ww_store_job base; /* first */
    int n;                    /* submission number */
    pthread_t ran_on;
    enum ww_err err;
    int64_t seq;
    int *gate; /* when set: wait until *gate is nonzero (a slow server) */
    pthread_mutex_t *gate_lock;
};

/* Add an absence (bumps the change counter), then read the counter. */
static void run_job(struct ww_store_job *base, struct ww_store *store)
{
    struct job *j = (struct job *)base;
    j->ran_on = pthread_self();
    for (int open = 0; j->gate && !open;) {
        pthread_mutex_lock(j->gate_lock);
        open = *j->gate;
        pthread_mutex_unlock(j->gate_lock);
        if (!open)
            usleep(1000);
    }
    struct ww_override ov;
    memset(&ov, 0, sizeof ov);
    ww_fmt(ov.partner, sizeof ov.partner, "p%d", j->n);
    ov.kind = WW_OVERRIDE_ABSENT;
    j->err = ww_store_override_add(store, "loc", 20000, &ov, NULL);
    if (j->err == WW_OK)
        j->err = ww_store_change_seq(store, &j->seq);
}

static struct job *new_job(int n)
{
    struct job *j = calloc(1, sizeof *j);
    assert_non_null(j);
    j->base.run = run_job;
    j->n = n;
    return j;
}

static pthread_mutex_t notify_lock = PTHREAD_MUTEX_INITIALIZER;
static int notified;

static void on_done(void *ctx)
{
    (void)ctx;
    pthread_mutex_lock(&notify_lock);
    notified++;
    pthread_mutex_unlock(&notify_lock);
}

static void test_order_and_answers(void **state)
{
    (void)state;
    notified = 0;
    struct ww_store_worker *w = ww_store_worker_new(open_store(), on_done, NULL);
    assert_non_null(w);
    enum { N = 6 };
    for (int i = 0; i < N; i++)
        assert_true(ww_store_worker_submit(w, &new_job(i)->base));
    int got = 0;
    int64_t last_seq = 0;
    while (got < N) {
        struct ww_store_job *base = ww_store_worker_done(w);
        if (!base) {
            assert_true(ww_store_worker_wait(w, 10000));
            continue;
        }
        struct job *j = (struct job *)base;
        assert_int_equal(j->n, got); /* in the order given */
        assert_int_equal(j->err, WW_OK);
        assert_true(j->seq > last_seq); /* each saw the one before */
        assert_false(pthread_equal(j->ran_on, pthread_self()));
        last_seq = j->seq;
        free(j);
        got++;
    }
    assert_int_equal(ww_store_worker_pending(w), 0);
    assert_null(ww_store_worker_done(w));
    assert_false(ww_store_worker_wait(w, 1));
    ww_store_worker_free(w, NULL);
    assert_int_equal(notified, N);
}

static int released;
static int released_ok;

static void release(struct ww_store_job *base)
{
    struct job *j = (struct job *)base;
    released++;
    if (j->err == WW_OK && j->seq > 0)
        released_ok++;
    free(j);
}

/* A slow store: the queue fills up and says so; freeing the worker then
 * runs every queued job (their writes are not lost) and hands them back. */
static void test_bounded_and_drained(void **state)
{
    (void)state;
    struct ww_store_worker *w = ww_store_worker_new(open_store(), NULL, NULL);
    assert_non_null(w);
    pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
    int gate = 0;
    struct job *first = new_job(0);
    first->gate = &gate;
    first->gate_lock = &gate_lock;
    assert_true(ww_store_worker_submit(w, &first->base));
    for (int i = 1; i < WW_STORE_JOBS; i++)
        assert_true(ww_store_worker_submit(w, &new_job(i)->base));
    struct job *extra = new_job(99);
    assert_false(ww_store_worker_submit(w, &extra->base));
    free(extra);
    assert_int_equal(ww_store_worker_pending(w), WW_STORE_JOBS);
    assert_false(ww_store_worker_wait(w, 20)); /* still held up */
    pthread_mutex_lock(&gate_lock);
    gate = 1;
    pthread_mutex_unlock(&gate_lock);
    released = released_ok = 0;
    ww_store_worker_free(w, release);
    assert_int_equal(released, WW_STORE_JOBS);
    assert_int_equal(released_ok, WW_STORE_JOBS);
}

int main(void)
{
    ww_strlcpy(tmpdir, "/tmp/ww-worker-XXXXXX", sizeof tmpdir);
    if (!mkdtemp(tmpdir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_answers),
        cmocka_unit_test(test_bounded_and_drained),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    for (int i = 1; i <= test_no; i++) {
        static const char *const suffix[] = {"", "-wal", "-shm"};
        for (int k = 0; k < 3; k++) {
            char path[128];
            ww_fmt(path, sizeof path, "%s/w%d.db%s", tmpdir, i, suffix[k]);
            unlink(path);
        }
    }
    rmdir(tmpdir);
    return r;
}
