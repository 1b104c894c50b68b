/* Making one ticket: layout, QR, raster (fonts, shaping, bidi) and ESC/POS
 * bytes, each timed separately and together, for 80 and 58 mm, in Dutch and
 * in Arabic (right to left, two fonts).
 *
 *   bench_ticket [--runs N] [--config DIR]
 *
 * Each figure is the median of N runs (default 300) in one process, after
 * one warm-up ticket; the first ticket (fonts loaded from disk) is reported
 * on its own. Prints "name<TAB>value<TAB>unit" lines. */
#include "config.h"
#include "escpos.h"
#include "qr.h"
#include "render/ticket_raster.h"
#include "str.h"
#include "ticket.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* A few Arabic texts, so the Arabic ticket shapes right-to-left runs. */
static const char *tr_ar(void *ctx, const char *lang, const char *msgid)
{
    (void)ctx;
    (void)lang;
    static const char *const table[][2] = {
        {"Uw nummer", "\xd8\xb1\xd9\x82\xd9\x85\xd9\x83"},
        {"dinsdag", "\xd8\xa7\xd9\x84\xd8\xab\xd9\x84\xd8\xa7\xd8\xab\xd8\xa7\xd8\xa1"},
        {"november", "\xd9\x86\xd9\x88\xd9\x81\xd9\x85\xd8\xa8\xd8\xb1"},
        {"Neem mee:", "\xd8\xa3\xd8\xad\xd8\xb6\xd8\xb1 \xd9\x85\xd8\xb9\xd9\x83:"},
        {"Uw paspoort, identiteitskaart of verblijfsdocument",
         "\xd8\xac\xd9\x88\xd8\xa7\xd8\xb2 \xd8\xb3\xd9\x81\xd8\xb1\xd9\x83 \xd8\xa3\xd9\x88 "
         "\xd8\xa8\xd8\xb7\xd8\xa7\xd9\x82\xd8\xa9 \xd9\x87\xd9\x88\xd9\x8a\xd8\xaa\xd9\x83 "
         "\xd8\xa3\xd9\x88 \xd9\x88\xd8\xab\xd9\x8a\xd9\x82\xd8\xa9 "
         "\xd8\xa5\xd9\x82\xd8\xa7\xd9\x85\xd8\xaa\xd9\x83"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i][0], msgid) == 0)
            return table[i][1];
    return NULL;
}

struct figures {
    double *layout, *qr, *raster, *escpos, *total;
    size_t bytes;
    int height;
};

static int run(struct ww_ticket_raster *tr, const struct ww_ticket_params *p, int runs,
               struct figures *f)
{
    for (int i = -1; i < runs; i++) { /* i = -1: warm-up */
        double t0 = now_ms();
        struct ww_ticket t;
        if (ww_ticket_build(&t, p) != WW_OK)
            return 1;
        double t1 = now_ms();
        struct ww_raster r;
        if (!ww_ticket_raster_draw(tr, &t, &r))
            return 1;
        double t2 = now_ms();
        struct ww_bytes b;
        ww_bytes_init(&b);
        if (!ww_escpos_ticket(&b, &r, NULL))
            return 1;
        double t3 = now_ms();
        /* The QR alone (it is also part of the raster above). */
        struct ww_raster q;
        ww_raster_init(&q, t.width, t.width);
        double t4 = now_ms();
        ww_ticket_draw_qr(&t, &q, 0, 0, t.width, 8);
        double t5 = now_ms();
        if (i >= 0) {
            f->layout[i] = t1 - t0;
            f->raster[i] = t2 - t1;
            f->escpos[i] = t3 - t2;
            f->total[i] = t3 - t0;
            f->qr[i] = t5 - t4;
        }
        f->bytes = b.len;
        f->height = r.height;
        ww_raster_destroy(&q);
        ww_bytes_destroy(&b);
        ww_raster_destroy(&r);
    }
    return 0;
}

int main(int argc, char **argv)
{
    int runs = 300;
    const char *dir = "kiosk-config";
    for (int i = 1; i < argc; i++) {
        long v;
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc &&
            ww_parse_int(argv[i + 1], 1, 100000, &v)) {
            runs = (int)v;
            i++;
        } else if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            dir = argv[++i];
        } else {
            fprintf(stderr, "usage: bench_ticket [--runs N] [--config DIR]\n");
            return 2;
        }
    }
    struct ww_config cfg;
    struct ww_diags d;
    ww_diags_init(&d);
    if (!ww_config_load(&cfg, dir, &d)) {
        ww_diags_print(&d, stderr);
        return 1;
    }
    ww_diags_destroy(&d);
    struct ww_booking b = {
        .id = 1, .day = ww_day_from_ymd(2026, 11, 24), .start = 630, .minutes = 30, .desk = 2};
    ww_strlcpy(b.location, "weener-xl", sizeof b.location);
    ww_strlcpy(b.partner, "sociaal-raadslieden", sizeof b.partner);
    ww_strlcpy(b.ticket, "S-014", sizeof b.ticket);
    ww_strlcpy(b.check, "7KQ2M9XAPD", sizeof b.check);
    struct ww_ticket_params p = {
        .loc = ww_config_location(&cfg, "weener-xl"),
        .partner = ww_config_partner(&cfg, b.partner, NULL),
        .booking = &b,
        .room = "Spreekkamer 1",
        .desks = 2,
    };
    if (!p.loc || !p.partner) {
        fprintf(stderr, "bench_ticket: the sample config lacks weener-xl or sociaal-raadslieden\n");
        return 1;
    }

    double t0 = now_ms();
    struct ww_ticket_raster *tr = ww_ticket_raster_new(NULL);
    if (!tr)
        return 1;
    struct ww_ticket t;
    struct ww_raster r;
    ww_ticket_build(&t, &p);
    if (!ww_ticket_raster_draw(tr, &t, &r))
        return 1;
    ww_raster_destroy(&r);
    printf("ticket-first-with-font-load\t%.2f\tms\n", now_ms() - t0);

    struct figures f = {0};
    f.layout = calloc((size_t)runs, sizeof(double));
    f.qr = calloc((size_t)runs, sizeof(double));
    f.raster = calloc((size_t)runs, sizeof(double));
    f.escpos = calloc((size_t)runs, sizeof(double));
    f.total = calloc((size_t)runs, sizeof(double));
    if (!f.layout || !f.qr || !f.raster || !f.escpos || !f.total)
        return 1;
    static const struct {
        const char *name, *lang;
        int width;
    } cases[] = {{"nl-80", "nl", WW_TICKET_DOTS_80},
                 {"nl-58", "nl", WW_TICKET_DOTS_58},
                 {"ar-80", "ar", WW_TICKET_DOTS_80}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        p.lang = cases[c].lang;
        p.tr = strcmp(cases[c].lang, "ar") == 0 ? tr_ar : NULL;
        p.width = cases[c].width;
        if (run(tr, &p, runs, &f) != 0) {
            fprintf(stderr, "bench_ticket: %s failed\n", cases[c].name);
            return 1;
        }
        const char *n = cases[c].name;
        printf("ticket-%s-layout\t%.4f\tms\n", n, median(f.layout, runs));
        printf("ticket-%s-qr\t%.4f\tms\n", n, median(f.qr, runs));
        printf("ticket-%s-raster\t%.3f\tms\n", n, median(f.raster, runs));
        printf("ticket-%s-escpos\t%.4f\tms\n", n, median(f.escpos, runs));
        printf("ticket-%s-total\t%.3f\tms\n", n, median(f.total, runs));
        printf("ticket-%s-bytes\t%zu\tbytes\n", n, f.bytes);
        printf("ticket-%s-height\t%d\tdots\n", n, f.height);
    }
    free(f.layout);
    free(f.qr);
    free(f.raster);
    free(f.escpos);
    free(f.total);
    ww_ticket_raster_free(tr);
    ww_config_destroy(&cfg);
    return 0;
}
