#include "store_worker.h"

#include "log.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

/* A FIFO of jobs linked through `next`. */
struct queue {
    struct ww_store_job *head, *tail;
};

static void push(struct queue *q, struct ww_store_job *j)
{
    j->next = NULL;
    if (q->tail)
        q->tail->next = j;
    else
        q->head = j;
    q->tail = j;
}

static struct ww_store_job *pop(struct queue *q)
{
    struct ww_store_job *j = q->head;
    if (j) {
        q->head = j->next;
        if (!q->head)
            q->tail = NULL;
        j->next = NULL;
    }
    return j;
}

struct ww_store_worker {
    struct ww_store *store; /* used by the worker thread only */
    void (*notify)(void *ctx);
    void *ctx;
    pthread_t thread;
    /* `lock` protects todo, done, count and stop. `wake` tells the worker
     * of a new job or the stop; `finished` tells a waiting loop of a done
     * job. */
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_cond_t finished;
    struct queue todo, done;
    int count; /* in todo, running, or in done */
    bool stop;
};

static void *worker_main(void *arg)
{
    struct ww_store_worker *w = arg;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        struct ww_store_job *j;
        while (!(j = pop(&w->todo)) && !w->stop)
            pthread_cond_wait(&w->wake, &w->lock);
        if (!j)
            break; /* stopping, and nothing left to run */
        pthread_mutex_unlock(&w->lock);
        /* The store calls run unlocked: submit and done never wait for them. */
        j->run(j, w->store);
        pthread_mutex_lock(&w->lock);
        push(&w->done, j);
        pthread_cond_broadcast(&w->finished);
        pthread_mutex_unlock(&w->lock);
        if (w->notify)
            w->notify(w->ctx);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

struct ww_store_worker *ww_store_worker_new(struct ww_store *store, void (*notify)(void *ctx),
                                            void *ctx)
{
    struct ww_store_worker *w = calloc(1, sizeof *w);
    if (!w)
        abort();
    w->store = store;
    w->notify = notify;
    w->ctx = ctx;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    pthread_cond_init(&w->finished, NULL);
    if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
        ww_error("cannot start the store thread");
        pthread_cond_destroy(&w->finished);
        pthread_cond_destroy(&w->wake);
        pthread_mutex_destroy(&w->lock);
        ww_store_free(store);
        free(w);
        return NULL;
    }
    return w;
}

bool ww_store_worker_submit(struct ww_store_worker *w, struct ww_store_job *job)
{
    pthread_mutex_lock(&w->lock);
    bool ok = !w->stop && w->count < WW_STORE_JOBS;
    if (ok) {
        push(&w->todo, job);
        w->count++;
        pthread_cond_signal(&w->wake);
    }
    pthread_mutex_unlock(&w->lock);
    return ok;
}

struct ww_store_job *ww_store_worker_done(struct ww_store_worker *w)
{
    pthread_mutex_lock(&w->lock);
    struct ww_store_job *j = pop(&w->done);
    if (j)
        w->count--;
    pthread_mutex_unlock(&w->lock);
    return j;
}

bool ww_store_worker_wait(struct ww_store_worker *w, int ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&w->lock);
    int r = 0;
    while (!w->done.head && r != ETIMEDOUT)
        r = pthread_cond_timedwait(&w->finished, &w->lock, &until);
    bool any = w->done.head != NULL;
    pthread_mutex_unlock(&w->lock);
    return any;
}

int ww_store_worker_pending(struct ww_store_worker *w)
{
    pthread_mutex_lock(&w->lock);
    int n = w->count;
    pthread_mutex_unlock(&w->lock);
    return n;
}

void ww_store_worker_free(struct ww_store_worker *w, void (*release)(struct ww_store_job *job))
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    struct ww_store_job *j;
    while ((j = pop(&w->done)) != NULL)
        if (release)
            release(j);
    pthread_cond_destroy(&w->finished);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    ww_store_free(w->store);
    free(w);
}
