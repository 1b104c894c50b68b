/* wegwijzer ticket ... and wegwijzer staff reprint CODE. */
#include "cli/ticket_cmd.h"

#include "app.h"
#include "core/booking.h"
#include "core/code.h"
#include "core/escpos.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/str.h"
#include "core/ticket.h"
#include "render/ticket_raster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: wegwijzer ticket (--code CODE | --ticket J-014) --out FILE.png [options]\n"
    "\n"
    "Draw the ticket of a booking as a PNG (1 bit, 203 dpi), as it would print.\n"
    "\n"
    "  --code CODE       the scanned QR text (WW1:...) or a ticket number\n"
    "  --ticket J-014    a ticket number of the day (--date, default today)\n"
    "  --out FILE.png    where to write the picture\n"
    "  --escpos FILE     also write the ESC/POS bytes a thermal printer gets\n"
    "  --width 80|58     paper width in mm (default 80)\n"
    "  --lang CODE       print it in this language instead of the resident's\n"
    "  --lines FILE      also write the ticket's text lines, one a line: kind, a tab, text\n"
    "\n"
    "options:\n" WW_COMMON_HELP;

/* Find the booking a staff member scanned or typed. Prints why not. */
static int find_booking(struct ww_app *app, const char *text, struct ww_booking *b)
{
    struct ww_code_input in;
    if (!ww_code_parse(text, &in)) {
        /* Not echoed: what was typed may be anything, a secret too. */
        ww_app_fail(app, "that is not a ticket code (a QR text or a number like J-014)");
        return 1;
    }
    enum ww_err e;
    if (in.kind == WW_CODE_QR) {
        e = ww_store_find_check(app->store, in.check, b);
        if (e == WW_ERR_NOT_FOUND || (e == WW_OK && strcmp(b->location, in.location) != 0)) {
            ww_app_fail(app, "this QR code matches no ticket: it is forged or from elsewhere");
            return 1;
        }
    } else {
        e = ww_store_find_ticket(app->store, app->loc->id, app->day, in.ticket, b);
        if (e == WW_ERR_NOT_FOUND) {
            char iso[11];
            ww_day_format(app->day, iso);
            ww_app_fail(app, "no ticket %s on %s at %s", in.ticket, iso, app->loc->id);
            return 1;
        }
    }
    if (e != WW_OK) {
        ww_app_fail(app, "cannot read the store: %s", ww_strerror(e));
        return 1;
    }
    return 0;
}

/* Lay out the ticket of `b`: the one the booking remembered, in its
 * language unless `lang` names another. */
static int build(struct ww_app *app, const struct ww_booking *b, const char *lang, int width,
                 struct ww_ticket *t)
{
    struct ww_booking_ctx ctx = {&app->cfg, app->loc, app->store, &app->clock};
    struct ww_ticket_source src = {&ctx, ww_i18n_tr, NULL, width, lang};
    enum ww_err e = ww_ticket_of_booking(t, b, &src);
    if (e == WW_ERR_NOT_FOUND) {
        ww_app_fail(app, "ticket %s: partner '%s' is no longer in the configuration", b->ticket,
                    b->partner);
        return 1;
    }
    if (e != WW_OK) {
        ww_app_fail(app, "ticket %s cannot be laid out: %s", b->ticket, ww_strerror(e));
        return 1;
    }
    return 0;
}

static int draw(struct ww_app *app, const struct ww_ticket *t, struct ww_raster *r)
{
    struct ww_ticket_raster *tr = ww_ticket_raster_new(NULL);
    bool ok = tr && ww_ticket_raster_draw(tr, t, r);
    ww_ticket_raster_free(tr);
    if (!ok) {
        ww_app_fail(app, "ticket %s cannot be drawn (fonts missing? install fonts-noto-core)",
                    t->number);
        return 1;
    }
    return 0;
}

/* Load the catalogues: a ticket is printed in the language its booking
 * remembered (or `lang`, when given). */
static bool set_language(struct ww_app *app, const char *lang)
{
    if (lang && !ww_i18n_find(lang)) {
        ww_app_fail(app, "--lang '%s' is not a language of the kiosk", lang);
        return false;
    }
    char exe[512] = "", dir[512];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    ww_i18n_default_dir(exe[0] ? exe : NULL, dir, sizeof dir);
    ww_i18n_init(dir);
    return true;
}

static int write_escpos(struct ww_app *app, const struct ww_raster *r, const char *path)
{
    struct ww_bytes bytes;
    ww_bytes_init(&bytes);
    int status = 0;
    FILE *f = NULL;
    if (!ww_escpos_ticket(&bytes, r, NULL)) {
        ww_app_fail(app, "cannot encode ESC/POS");
        status = 1;
        goto out;
    }
    f = fopen(path, "wb");
    if (!f || fwrite(bytes.data, 1, bytes.len, f) != bytes.len) {
        ww_app_fail(app, "cannot write %s", path);
        status = 1;
    }
out:
    if (f && fclose(f) != 0 && status == 0) {
        ww_app_fail(app, "cannot write %s", path);
        status = 1;
    }
    ww_bytes_destroy(&bytes);
    return status;
}

/* The text of the layout, as laid out (not read back from the picture):
 * for tests that check every line is in the ticket's language. */
static int write_lines(struct ww_app *app, const struct ww_ticket *t, const char *path)
{
    static const char *const kinds[] = {"small", "label", "number", "heading",
                                        "text",  "item",  "qr",     "rule"};
    FILE *f = fopen(path, "w");
    if (!f) {
        ww_app_fail(app, "cannot write %s", path);
        return 1;
    }
    fprintf(f, "lang\t%s\n", t->lang);
    for (size_t i = 0; i < t->n; i++)
        if (t->lines[i].text[0])
            fprintf(f, "%s\t%s\n", kinds[t->lines[i].kind], t->lines[i].text);
    if (fclose(f) != 0) {
        ww_app_fail(app, "cannot write %s", path);
        return 1;
    }
    return 0;
}

int ww_cmd_ticket(int argc, char **argv)
{
    struct ww_app app;
    ww_app_init(&app, "ticket");
    static const struct option opts[] = {
        {"code", required_argument, NULL, 'c'},  {"ticket", required_argument, NULL, 't'},
        {"out", required_argument, NULL, 'o'},   {"escpos", required_argument, NULL, 'e'},
        {"width", required_argument, NULL, 'w'}, {"lang", required_argument, NULL, 'l'},
        {"lines", required_argument, NULL, 'L'}, WW_COMMON_OPTIONS};
    const char *code = NULL, *out = NULL, *escpos = NULL, *lang = NULL, *lines = NULL;
    long width_mm = 80;
    int c;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        int r = ww_app_option(&app, c, optarg);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            return 0;
        case 'c':
        case 't':
            code = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case 'e':
            escpos = optarg;
            break;
        case 'w':
            if (!ww_parse_int(optarg, 58, 80, &width_mm) || (width_mm != 58 && width_mm != 80)) {
                ww_app_fail(&app, "--width '%s' must be 80 or 58", optarg);
                return 2;
            }
            break;
        case 'l':
            lang = optarg;
            break;
        case 'L':
            lines = optarg;
            break;
        default:
            return ww_app_bad_option(&app, argv);
        }
    }
    if (optind < argc) {
        ww_app_fail(&app, "unexpected argument '%s' (see --help)", argv[optind]);
        return 2;
    }
    if (!code || !out) {
        ww_app_fail(&app, "--code (or --ticket) and --out are needed (see --help)");
        return 2;
    }
    if (!set_language(&app, lang))
        return 2;
    if (!ww_app_open_store(&app)) {
        ww_app_destroy(&app);
        return 1;
    }
    struct ww_booking b;
    struct ww_ticket t;
    struct ww_raster r = {0};
    int width = width_mm == 58 ? WW_TICKET_DOTS_58 : WW_TICKET_DOTS_80;
    int status = find_booking(&app, code, &b);
    if (!status)
        status = build(&app, &b, lang, width, &t);
    if (!status)
        status = draw(&app, &t, &r);
    if (!status) {
        struct ww_printer *holder = ww_printer_null_new(WW_OK, width);
        if (ww_printer_write_png(holder, out, &r) != WW_OK) {
            ww_app_fail(&app, "%s", ww_printer_detail(holder));
            status = 1;
        }
        ww_printer_free(holder);
    }
    if (!status && escpos)
        status = write_escpos(&app, &r, escpos);
    if (!status && lines)
        status = write_lines(&app, &t, lines);
    if (!status)
        printf("%s: ticket %s (%d x %d dots)\n", out, t.number, r.width, r.height);
    ww_raster_destroy(&r);
    ww_app_destroy(&app);
    return status;
}

int ww_cmd_staff_reprint(struct ww_app *app, const char *code)
{
    if (!code) {
        ww_app_fail(app, "which ticket? give the scanned QR text or the ticket number");
        return 2;
    }
    struct ww_booking b;
    int status = find_booking(app, code, &b);
    if (status)
        return status;
    char err[512];
    struct ww_printer *printer =
        ww_printer_open(app->loc->printer, app->state_dir, err, sizeof err);
    if (!printer) {
        ww_app_fail(app, "%s", err);
        return 1;
    }
    struct ww_ticket t;
    struct ww_raster r = {0};
    if (!set_language(app, NULL)) {
        ww_printer_free(printer);
        return 1;
    }
    status = build(app, &b, NULL, ww_printer_width(printer), &t);
    if (!status)
        status = draw(app, &t, &r);
    if (!status) {
        char name[40];
        ww_ticket_name(&b, name, sizeof name);
        enum ww_err e = ww_ticket_issue(app->store, printer, &r, b.id, name);
        struct ww_audit a = {0};
        a.when = ww_clock_now(&app->clock);
        ww_strlcpy(a.location, app->loc->id, sizeof a.location);
        a.day = b.day;
        ww_strlcpy(a.role, "cli", sizeof a.role);
        ww_strlcpy(a.action, "reprint", sizeof a.action);
        ww_fmt(a.detail, sizeof a.detail, "%s %s", b.ticket, e == WW_OK ? "printed" : "failed");
        ww_store_audit(app->store, &a);
        if (e == WW_OK) {
            printf("%s printed%s\n", b.ticket,
                   ww_printer_paper_low(printer) ? " (the paper roll is nearly used up)" : "");
        } else {
            ww_app_fail(app,
                        "%s not printed: %s (%s); give the resident the number and QR text "
                        "%s",
                        b.ticket, ww_strerror(e), ww_printer_detail(printer), t.qr);
            status = 1;
        }
    }
    ww_raster_destroy(&r);
    ww_printer_free(printer);
    return status;
}

int ww_cmd_staff_reprint_main(int argc, char **argv)
{
    struct ww_app app;
    ww_app_init(&app, "staff reprint");
    static const struct option opts[] = {WW_COMMON_OPTIONS};
    int c;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        int r = ww_app_option(&app, c, optarg);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (c == 'h') {
            printf("usage: wegwijzer staff reprint CODE [options]\n\n"
                   "Print a ticket again on the location's printer. CODE is the scanned QR\n"
                   "text or the ticket number of the day.\n\noptions:\n%s",
                   WW_COMMON_HELP);
            return 0;
        }
        return ww_app_bad_option(&app, argv);
    }
    if (optind + 1 < argc) {
        ww_app_fail(&app, "unexpected argument '%s' (see --help)", argv[optind + 1]);
        return 2;
    }
    const char *code = optind < argc ? argv[optind] : NULL;
    if (!code) {
        ww_app_fail(&app, "which ticket? give the scanned QR text or the ticket number");
        return 2;
    }
    if (!ww_app_open_store(&app)) {
        ww_app_destroy(&app);
        return 1;
    }
    int status = ww_cmd_staff_reprint(&app, code);
    ww_app_destroy(&app);
    return status;
}
