/* CUPS printers (cups:QUEUE), through the `lp` and `lpstat` programs started
 * with fork/exec (no shell: the queue name is never interpreted).
 *
 * A job: refuse at once when `lpstat -p QUEUE` says the queue is disabled or
 * unknown; write the ticket as a PNG (CUPS converts images for ordinary
 * printers; a raw queue passes it through); `lp -d QUEUE` it; then wait until
 * the job has left CUPS's list of unfinished jobs. A job still waiting at the
 * timeout is cancelled, so it cannot come out later after the resident has
 * gone and staff reprinted it: the ticket then counts as not printed. The
 * CUPS server is the usual one (CUPS_SERVER, client.conf). */
#include "printer.h"
#include "err.h"

#include "log.h"
#include "str.h"
#include "ticket.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

struct cups_printer {
    struct ww_printer base;
    char queue[128];
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Run argv[0] (searched in PATH) with stdout and stderr into `out`. Returns
 * the exit status, or -1 when it could not start or ran past the timeout
 * (then it is killed). */
/* The environment for the CUPS programs: ours, in the C locale, because
 * their answers ("request id is", "disabled") are read here. Built before
 * fork (the child may only call async-signal-safe functions). Caller frees. */
static const char **c_locale_env(void)
{
    size_t n = 0;
    while (environ[n])
        n++;
    const char **env = calloc(n + 3, sizeof *env);
    if (!env)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "LC_", 3) != 0 && strncmp(environ[i], "LANG", 4) != 0)
            env[k++] = environ[i];
    env[k++] = "LC_ALL=C";
    env[k++] = "LANG=C";
    env[k] = NULL;
    return env;
}

static int run(const char *const argv[], char *out, size_t outsize, int timeout_ms)
{
    int pfd[2];
    out[0] = '\0';
    const char **env = c_locale_env();
    if (!env)
        return -1;
    if (pipe2(pfd, O_CLOEXEC) != 0) {
        free((void *)env);
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(pfd[0]);
        close(pfd[1]);
        free((void *)env);
        return -1;
    }
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, 0);
        dup2(pfd[1], 1);
        dup2(pfd[1], 2);
        /* exec modifies neither array. */
        execvpe(argv[0], (char *const *)argv, (char *const *)env);
        _exit(127);
    }
    free((void *)env);
    close(pfd[1]);
    size_t used = 0;
    int64_t deadline = now_ms() + timeout_ms;
    bool timed_out = false;
    for (;;) {
        int64_t left = deadline - now_ms();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        struct pollfd p = {pfd[0], POLLIN, 0};
        int n = poll(&p, 1, (int)left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            timed_out = n == 0;
            break;
        }
        char buf[512];
        ssize_t k = read(pfd[0], buf, sizeof buf);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        size_t take = (size_t)k;
        if (take > outsize - 1 - used)
            take = outsize - 1 - used;
        memcpy(out + used, buf, take);
        used += take;
        out[used] = '\0';
    }
    close(pfd[0]);
    if (timed_out)
        kill(pid, SIGKILL);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (timed_out || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status) == 127 ? -1 : WEXITSTATUS(status);
}

static void first_line(char *s)
{
    s[strcspn(s, "\n")] = '\0';
}

/* Is job `id` ("QUEUE-12") still among the queue's unfinished jobs? -1 when
 * lpstat fails. */
static int job_pending(struct cups_printer *p, const char *id, int timeout_ms)
{
    char out[8192];
    const char *argv[] = {"lpstat", "-W", "not-completed", "-o", p->queue, NULL};
    if (run(argv, out, sizeof out, timeout_ms) != 0)
        return -1;
    size_t n = strlen(id);
    for (const char *l = out; *l;) {
        if (strncmp(l, id, n) == 0 && (l[n] == ' ' || l[n] == '\t'))
            return 1;
        const char *nl = strchr(l, '\n');
        if (!nl)
            break;
        l = nl + 1;
    }
    return 0;
}

static enum ww_err check_queue(struct cups_printer *p, int timeout_ms)
{
    char out[2048];
    const char *argv[] = {"lpstat", "-p", p->queue, NULL};
    int rc = run(argv, out, sizeof out, timeout_ms);
    first_line(out);
    if (rc < 0) {
        ww_printer_fail(&p->base, "CUPS: lpstat did not run (is cups-client installed?)");
        return WW_ERR_UNAVAILABLE;
    }
    if (rc != 0) {
        ww_printer_fail(&p->base, "CUPS queue %s: %s", p->queue, out);
        return WW_ERR_UNAVAILABLE;
    }
    /* "printer Q disabled since ..." or "printer Q is idle.  enabled since ..." */
    char disabled[160];
    ww_fmt(disabled, sizeof disabled, "printer %s disabled", p->queue);
    if (strncmp(out, disabled, strlen(disabled)) == 0) {
        ww_printer_fail(&p->base, "CUPS queue %s is disabled", p->queue);
        return WW_ERR_UNAVAILABLE;
    }
    return WW_OK;
}

static enum ww_err submit(struct cups_printer *p, const char *file, const char *title, char *id,
                          size_t idsize, int timeout_ms)
{
    char out[2048];
    char dest[140], t[80];
    ww_strlcpy(dest, p->queue, sizeof dest);
    ww_fmt(t, sizeof t, "ticket %s", title);
    const char *argv[] = {"lp", "-d", dest, "-t", t, "-o", "ppi=203", "--", file, NULL};
    int rc = run(argv, out, sizeof out, timeout_ms);
    first_line(out);
    /* "request id is QUEUE-12 (1 file(s))" */
    const char *r = strstr(out, "request id is ");
    if (rc != 0 || !r) {
        ww_printer_fail(&p->base, "CUPS queue %s refused the ticket: %s", p->queue,
                        rc < 0 ? "lp did not run" : out);
        return WW_ERR_UNAVAILABLE;
    }
    r += strlen("request id is ");
    size_t n = strcspn(r, " \n");
    if (n == 0 || n >= idsize) {
        ww_printer_fail(&p->base, "CUPS: unexpected answer from lp: %s", out);
        return WW_ERR_UNAVAILABLE;
    }
    memcpy(id, r, n);
    id[n] = '\0';
    return WW_OK;
}

static enum ww_err cups_print(struct ww_printer *base, const struct ww_print_job *job)
{
    struct cups_printer *p = (struct cups_printer *)base;
    /* The job's own deadline (the ticket's time) caps the queue's. */
    int64_t deadline = ww_printer_deadline(base, now_ms() + base->timeout_ms);
    int timeout = deadline - now_ms() > 1000 ? (int)(deadline - now_ms()) : 1000;
    enum ww_err e = check_queue(p, timeout);
    if (e != WW_OK)
        return e;
    const char *tmpdir = getenv("TMPDIR");
    char file[512];
    if (!ww_fmt(file, sizeof file, "%s/wegwijzer-ticket-XXXXXX.png",
                tmpdir && *tmpdir ? tmpdir : "/tmp")) {
        ww_printer_fail(base, "temporary file name too long");
        return WW_ERR_IO;
    }
    int fd = mkstemps(file, 4);
    if (fd < 0) {
        ww_printer_fail(base, "cannot make a temporary file: %s", ww_errno_text(errno));
        return WW_ERR_IO;
    }
    close(fd);
    char id[160];
    e = ww_printer_write_png(base, file, job->raster);
    if (e == WW_OK)
        e = submit(p, file, job->name, id, sizeof id, timeout);
    unlink(file);
    if (e != WW_OK)
        return e;
    /* Wait for CUPS to finish the job. */
    for (;;) {
        int left = (int)(deadline - now_ms());
        int pending = job_pending(p, id, left > 1000 ? left : 1000);
        if (pending == 0)
            return WW_OK;
        if (now_ms() >= deadline)
            break;
        struct timespec nap = {0, 100 * 1000000L};
        nanosleep(&nap, NULL);
    }
    char out[512];
    const char *argv[] = {"cancel", id, NULL};
    run(argv, out, sizeof out, 5000);
    ww_printer_fail(base, "CUPS job %s not printed within %d s: cancelled", id, timeout / 1000);
    return WW_ERR_UNAVAILABLE;
}

static enum ww_err cups_status(struct ww_printer *base, struct ww_printer_status *st)
{
    enum ww_err e = check_queue((struct cups_printer *)base, base->timeout_ms);
    if (e != WW_OK)
        st->offline = true;
    return e;
}

static struct ww_printer *cups_open(const char *target, const struct ww_printer_opts *o, char *err,
                                    size_t errsize)
{
    (void)o;
    if (!*target || target[0] == '-' || strlen(target) >= 128) {
        ww_fmt(err, errsize, "printer cups: needs a queue name (cups:QUEUE)");
        return NULL;
    }
    struct cups_printer *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->base.ops = &ww_printer_cups_ops;
    ww_strlcpy(p->queue, target, sizeof p->queue);
    return &p->base;
}

static void cups_close(struct ww_printer *p)
{
    free(p);
}

const struct ww_printer_ops ww_printer_cups_ops = {
    .scheme = "cups",
    .open = cups_open,
    .close = cups_close,
    .print = cups_print,
    .status = cups_status,
};
