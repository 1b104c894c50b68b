/* A thread that owns a store handle and runs store work for a screen's
 * loop, so a slow or unreachable server never holds up drawing and touch.
 *
 * Work is a job: the caller's own struct with `struct ww_store_job` as its
 * first member and a `run` function that does the store calls and keeps
 * the answer in the job. Jobs run one at a time, in the order given, on
 * the worker thread; each finished job waits in a done queue until the
 * loop takes it back (ww_store_worker_done) and handles the answer there.
 * After every job `notify` runs on the worker thread (push an SDL event,
 * write an eventfd); it must not block.
 *
 * Ownership: the worker owns the store handle given to it; a job belongs
 * to the worker from submit until done hands it back, then to the caller
 * again. Jobs still queued when the worker is freed are run first (a
 * visit's tally is not lost at shutdown); every job not taken back is
 * passed to `release`. */
#ifndef WW_STORE_WORKER_H
#define WW_STORE_WORKER_H

#include "store.h"

#include <stdbool.h>

#define WW_STORE_JOBS 16 /* jobs queued or done but not taken back, at most */

struct ww_store_job {
    /* On the worker thread: the store calls of the job. */
    void (*run)(struct ww_store_job *job, struct ww_store *store);
    struct ww_store_job *next; /* the worker's */
};

struct ww_store_worker;

/* Start the thread. `store` is taken over (freed with the worker, also on
 * failure). NULL when no thread can be started. */
struct ww_store_worker *ww_store_worker_new(struct ww_store *store, void (*notify)(void *ctx),
                                            void *ctx);

/* Queue a job. False (the job stays the caller's) when WW_STORE_JOBS are
 * queued or waiting to be taken back. Loop thread. */
bool ww_store_worker_submit(struct ww_store_worker *w, struct ww_store_job *job);

/* The oldest finished job, handed back to the caller; NULL when none. */
struct ww_store_job *ww_store_worker_done(struct ww_store_worker *w);

/* Wait until a finished job is waiting or `ms` milliseconds passed; true
 * when one is waiting. For scripted runs, which wait for each answer. */
bool ww_store_worker_wait(struct ww_store_worker *w, int ms);

/* Jobs submitted and not yet taken back. */
int ww_store_worker_pending(struct ww_store_worker *w);

/* Run what is queued, stop the thread, pass every job not taken back to
 * `release` (may be NULL), free the store. NULL is ignored. */
void ww_store_worker_free(struct ww_store_worker *w, void (*release)(struct ww_store_job *job));

#endif
