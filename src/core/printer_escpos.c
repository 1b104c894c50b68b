/* ESC/POS printers: a device file (escpos:/dev/usb/lp0) or a network
 * printer's raw port (escpos-net:HOST:PORT, 9100 by default).
 *
 * A job: open the connection; ask the real-time status (DLE EOT 1, 2, 4) and
 * stop when the printer is offline, out of paper or open; send the ticket;
 * send GS r 1 and wait for its answer, which comes only after everything
 * before it has printed: that answer is the confirmation. When it does not
 * come within the timeout, the real-time status says why (paper ran out
 * mid-job, cover opened) and the ticket counts as not printed. One connection
 * per job: many network printers accept one client at a time.
 *
 * A device path that is a regular file or a pipe gets the bytes without any
 * status exchange (a capture for tests; such a "printer" cannot answer), and
 * so does a printer opened with status=no.
 *
 * A connection that breaks during the job (network cable pulled, USB device
 * gone) ends it at once: the ticket is not printed and the detail says the
 * connection was lost, without asking a printer that cannot answer. */
#include "escpos.h"
#include "err.h"

#include "log.h"
#include "str.h"
#include "ticket.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct escpos_printer {
    struct ww_printer base;
    bool net;
    char path[WW_PATH_SIZE]; /* device */
    char host[256], port[16];
    int fd;
    bool can_query; /* false for plain files and pipes */
    bool no_status; /* status=no: the printer cannot answer */
    int lost;       /* errno when the connection broke during a job (cable pulled), else 0 */
};

static struct escpos_printer *cast(struct ww_printer *p)
{
    return (struct escpos_printer *)p;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Time left before `deadline` or the job's own, whichever comes first. */
static int left_ms(const struct escpos_printer *p, int64_t deadline)
{
    int64_t d = ww_printer_deadline(&p->base, deadline) - now_ms();
    return d < 0 ? 0 : d > INT32_MAX ? INT32_MAX : (int)d;
}

/* ---- connection ---- */

static void disconnect(struct escpos_printer *p)
{
    if (p->fd >= 0)
        close(p->fd);
    p->fd = -1;
    p->lost = 0;
}

static enum ww_err connect_net(struct escpos_printer *p)
{
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(p->host, p->port, &hints, &res);
    if (rc != 0) {
        ww_printer_fail(&p->base, "printer %s:%s: %s", p->host, p->port, gai_strerror(rc));
        return WW_ERR_UNAVAILABLE;
    }
    int64_t deadline = now_ms() + p->base.timeout_ms;
    int err = 0;
    for (struct addrinfo *a = res; a && p->fd < 0; a = a->ai_next) {
        int fd =
            socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        if (connect(fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
            err = errno;
            close(fd);
            continue;
        }
        struct pollfd pfd = {fd, POLLOUT, 0};
        int n = poll(&pfd, 1, left_ms(p, deadline));
        socklen_t len = sizeof err;
        if (n <= 0) {
            err = ETIMEDOUT;
            close(fd);
            continue;
        }
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
            close(fd);
            continue;
        }
        p->fd = fd;
    }
    freeaddrinfo(res);
    if (p->fd < 0) {
        ww_printer_fail(&p->base, "printer %s:%s does not answer: %s", p->host, p->port,
                        ww_errno_text(err ? err : ETIMEDOUT));
        return WW_ERR_UNAVAILABLE;
    }
    p->can_query = !p->no_status;
    return WW_OK;
}

static enum ww_err connect_dev(struct escpos_printer *p)
{
    int fd = open(p->path, O_RDWR | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0 && (errno == EACCES || errno == EINVAL))
        fd = open(p->path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | O_APPEND);
    if (fd < 0) {
        int e = errno;
        ww_printer_fail(&p->base, "printer %s: %s", p->path, ww_errno_text(e));
        /* No device node: unplugged or switched off. */
        return e == ENOENT || e == ENODEV || e == ENXIO || e == EBUSY ? WW_ERR_UNAVAILABLE
                                                                      : WW_ERR_IO;
    }
    struct stat st;
    p->fd = fd;
    p->can_query = !p->no_status && fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
                   (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR;
    return WW_OK;
}

/* Write everything before the deadline. */
static enum ww_err put(struct escpos_printer *p, const unsigned char *d, size_t n, int64_t deadline)
{
    while (n > 0) {
        ssize_t k = p->net ? send(p->fd, d, n, MSG_NOSIGNAL) : write(p->fd, d, n);
        if (k > 0) {
            d += k;
            n -= (size_t)k;
            continue;
        }
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd pfd = {p->fd, POLLOUT, 0};
            int wait = left_ms(p, deadline);
            if (wait == 0 || poll(&pfd, 1, wait) == 0)
                return WW_ERR_UNAVAILABLE; /* the printer stopped taking data */
            continue;
        }
        p->lost = k < 0 ? errno : EPIPE;
        ww_printer_fail(&p->base, "printer connection lost: %s", ww_errno_text(p->lost));
        return WW_ERR_UNAVAILABLE;
    }
    return WW_OK;
}

/* Read one byte before the deadline; -1 on timeout or a closed connection. */
static int get(struct escpos_printer *p, int64_t deadline)
{
    for (;;) {
        unsigned char c;
        ssize_t k = read(p->fd, &c, 1);
        if (k == 1)
            return c;
        if (k == 0) {
            if (p->net)
                p->lost = ECONNRESET; /* the printer closed the connection */
            return -1;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            p->lost = errno;
            return -1;
        }
        struct pollfd pfd = {p->fd, POLLIN, 0};
        int wait = left_ms(p, deadline);
        if (wait == 0 || poll(&pfd, 1, wait) <= 0)
            return -1;
    }
}

/* Throw away bytes nobody asked for (late answers, automatic status). */
static void drain(struct escpos_printer *p)
{
    unsigned char buf[64];
    while (read(p->fd, buf, sizeof buf) > 0)
        ;
}

/* Real-time status: DLE EOT 1, 2 and 4. */
static enum ww_err ask_status(struct escpos_printer *p, struct ww_printer_status *st,
                              int timeout_ms)
{
    static const int which[] = {1, 2, 4};
    drain(p);
    for (size_t i = 0; i < sizeof which / sizeof which[0]; i++) {
        unsigned char q[3];
        ww_escpos_status_request(q, which[i]);
        int64_t deadline = now_ms() + timeout_ms;
        if (put(p, q, sizeof q, deadline) != WW_OK) {
            ww_printer_fail(&p->base, "printer does not take a status request");
            return WW_ERR_UNAVAILABLE;
        }
        int c = get(p, deadline);
        if (c < 0) {
            ww_printer_fail(&p->base, "printer does not answer a status request within %d ms",
                            timeout_ms);
            return WW_ERR_UNAVAILABLE;
        }
        if (!ww_escpos_status_apply(which[i], (unsigned char)c, st)) {
            ww_printer_fail(&p->base, "printer answered 0x%02x to DLE EOT %d: not ESC/POS", c,
                            which[i]);
            return WW_ERR_UNAVAILABLE;
        }
    }
    return WW_OK;
}

static enum ww_err status_fail(struct escpos_printer *p, const struct ww_printer_status *st,
                               const char *when)
{
    enum ww_err e = ww_printer_status_err(st);
    if (e == WW_OK)
        return e;
    const char *what[4] = {"offline", "", "", ""};
    size_t n = 0;
    if (st->paper_out)
        what[n++] = "paper out";
    if (st->cover_open)
        what[n++] = "cover open";
    if (st->error)
        what[n++] = "printer error";
    if (st->offline && n == 0)
        what[n++] = "offline";
    ww_printer_fail(&p->base, "%s: %s%s%s", when, what[0], n > 1 ? ", " : "", n > 1 ? what[1] : "");
    return e;
}

static enum ww_err job(struct escpos_printer *p, const struct ww_bytes *data)
{
    enum ww_err e = p->net ? connect_net(p) : connect_dev(p);
    if (e != WW_OK)
        return e;
    int timeout = p->base.timeout_ms;
    struct ww_printer_status st = {0};
    if (p->can_query) {
        e = ask_status(p, &st, timeout);
        if (e == WW_OK)
            e = status_fail(p, &st, "before printing");
        if (e != WW_OK)
            return e;
        p->base.paper_low = st.paper_near_end;
    }
    e = put(p, data->data, data->len, now_ms() + timeout);
    if (e == WW_OK && p->can_query) {
        unsigned char q[3];
        ww_escpos_paper_request(q);
        int64_t deadline = now_ms() + timeout;
        e = put(p, q, sizeof q, deadline);
        int c = e == WW_OK ? get(p, deadline) : -1;
        struct ww_printer_status after = {0};
        if (c >= 0 && ww_escpos_paper_apply((unsigned char)c, &after)) {
            /* Printed. Paper out right after still counts: the ticket came
             * out before the sensor tripped, and staff see it in the log. */
            if (after.paper_out || after.paper_near_end)
                p->base.paper_low = true;
            return WW_OK;
        }
        e = WW_ERR_UNAVAILABLE;
    }
    if (e != WW_OK && p->lost) {
        /* The cable was pulled or the device went away: nothing can answer
         * now, so say so at once instead of asking and waiting. */
        ww_printer_fail(&p->base, "printer connection lost during the ticket (%s)",
                        ww_errno_text(p->lost));
        return WW_ERR_UNAVAILABLE;
    }
    if (e != WW_OK) {
        /* Why did it stop? Real-time status still answers. */
        if (!p->can_query) {
            if (!p->base.detail[0])
                ww_printer_fail(&p->base, "printer takes no data within %d ms", timeout);
            return e;
        }
        struct ww_printer_status why = {0};
        if (ask_status(p, &why, timeout < 2000 ? timeout : 2000) == WW_OK &&
            status_fail(p, &why, "during printing") != WW_OK)
            return ww_printer_status_err(&why);
        ww_printer_fail(&p->base, "printer did not confirm the ticket within %d ms", timeout);
        return WW_ERR_UNAVAILABLE;
    }
    return WW_OK;
}

static enum ww_err escpos_print(struct ww_printer *base, const struct ww_print_job *pj)
{
    struct escpos_printer *p = cast(base);
    struct ww_bytes data;
    ww_bytes_init(&data);
    if (!ww_escpos_ticket(&data, pj->raster, NULL)) {
        ww_bytes_destroy(&data);
        ww_printer_fail(base, "cannot encode the ticket");
        return WW_ERR_INVALID;
    }
    enum ww_err e = job(p, &data);
    disconnect(p);
    ww_bytes_destroy(&data);
    return e;
}

static enum ww_err escpos_status(struct ww_printer *base, struct ww_printer_status *st)
{
    struct escpos_printer *p = cast(base);
    enum ww_err e = p->net ? connect_net(p) : connect_dev(p);
    if (e == WW_OK && p->can_query)
        e = ask_status(p, st, p->base.timeout_ms);
    if (e != WW_OK)
        st->offline = true;
    disconnect(p);
    return e;
}

static void escpos_close(struct ww_printer *p)
{
    disconnect(cast(p));
    free(p);
}

static struct escpos_printer *new_printer(const struct ww_printer_ops *ops,
                                          const struct ww_printer_opts *o)
{
    struct escpos_printer *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->base.ops = ops;
    p->fd = -1;
    p->no_status = o->no_status;
    return p;
}

static struct ww_printer *dev_open(const char *target, const struct ww_printer_opts *o, char *err,
                                   size_t errsize)
{
    if (target[0] != '/') {
        ww_fmt(err, errsize, "printer escpos: needs a device path (escpos:/dev/usb/lp0)");
        return NULL;
    }
    struct escpos_printer *p = new_printer(&ww_printer_escpos_ops, o);
    if (!ww_strlcpy(p->path, target, sizeof p->path)) {
        ww_fmt(err, errsize, "printer escpos: device path too long");
        free(p);
        return NULL;
    }
    return &p->base;
}

static struct ww_printer *net_open(const char *target, const struct ww_printer_opts *o, char *err,
                                   size_t errsize)
{
    struct escpos_printer *p = new_printer(&ww_printer_escpos_net_ops, o);
    p->net = true;
    char buf[300];
    ww_strlcpy(buf, target, sizeof buf);
    char *host = buf, *port = NULL;
    if (buf[0] == '[') { /* [IPv6]:port */
        char *end = strchr(buf, ']');
        if (end) {
            *end = '\0';
            host = buf + 1;
            port = end[1] == ':' ? end + 2 : NULL;
        }
    } else {
        char *colon = strrchr(buf, ':');
        if (colon) {
            *colon = '\0';
            port = colon + 1;
        }
    }
    long portnum = 9100;
    if (!*host || (port && !ww_parse_int(port, 1, 65535, &portnum))) {
        ww_fmt(err, errsize, "printer escpos-net: '%s' is not HOST:PORT", target);
        free(p);
        return NULL;
    }
    ww_strlcpy(p->host, host, sizeof p->host);
    ww_fmt(p->port, sizeof p->port, "%ld", portnum);
    return &p->base;
}

const struct ww_printer_ops ww_printer_escpos_ops = {
    .scheme = "escpos",
    .open = dev_open,
    .close = escpos_close,
    .print = escpos_print,
    .status = escpos_status,
};

const struct ww_printer_ops ww_printer_escpos_net_ops = {
    .scheme = "escpos-net",
    .open = net_open,
    .close = escpos_close,
    .print = escpos_print,
    .status = escpos_status,
};
