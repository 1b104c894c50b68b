/* The null printer: answers with a set result and records what it was asked
 * (tests), or stands for "no printer" (`none`: every ticket on screen). */
#include "printer.h"

#include "str.h"
#include "ticket.h"

#include <stdlib.h>
#include <string.h>

struct null_printer {
    struct ww_printer base;
    enum ww_err result;
    struct ww_printer_null_log log;
};

static struct null_printer *cast(struct ww_printer *p)
{
    return (struct null_printer *)p;
}

static struct ww_printer *null_open(const char *target, const struct ww_printer_opts *o, char *err,
                                    size_t errsize)
{
    (void)target;
    (void)err;
    (void)errsize;
    return ww_printer_null_new(WW_ERR_UNAVAILABLE, o->width);
}

static void null_close(struct ww_printer *p)
{
    free(p);
}

static uint32_t fnv1a(const unsigned char *d, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= d[i];
        h *= 16777619u;
    }
    return h;
}

static enum ww_err null_print(struct ww_printer *base, const struct ww_print_job *job)
{
    struct null_printer *p = cast(base);
    const struct ww_raster *r = job->raster;
    p->log.prints++;
    p->log.last_width = r->width;
    p->log.last_height = r->height;
    p->log.last_hash = fnv1a(r->bits, r->stride * (size_t)r->height);
    ww_strlcpy(p->log.last_name, job->name ? job->name : "", sizeof p->log.last_name);
    if (p->result != WW_OK)
        ww_printer_fail(base, "%s",
                        p->result == WW_ERR_UNAVAILABLE ? "no printer configured"
                                                        : ww_strerror(p->result));
    return p->result;
}

static enum ww_err null_status(struct ww_printer *base, struct ww_printer_status *st)
{
    struct null_printer *p = cast(base);
    p->log.queries++;
    st->paper_out = p->result == WW_ERR_PAPER;
    st->offline = p->result == WW_ERR_UNAVAILABLE;
    return WW_OK;
}

const struct ww_printer_ops ww_printer_null_ops = {
    .scheme = "none",
    .open = null_open,
    .close = null_close,
    .print = null_print,
    .status = null_status,
};

struct ww_printer *ww_printer_null_new(enum ww_err result, int width)
{
    struct null_printer *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->base.ops = &ww_printer_null_ops;
    p->base.width = width ? width : WW_TICKET_DOTS_80;
    p->base.timeout_ms = 1000;
    p->result = result;
    return &p->base;
}

void ww_printer_null_set_result(struct ww_printer *p, enum ww_err result)
{
    cast(p)->result = result;
}

const struct ww_printer_null_log *ww_printer_null_log(const struct ww_printer *p)
{
    return &((const struct null_printer *)p)->log;
}
