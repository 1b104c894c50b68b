/* wegwijzer book: make a booking from the terminal (staff, scripts, tests). */
#include "cli/cli.h"

#include "app.h"
#include "core/booking.h"
#include "core/code.h"
#include "core/str.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: wegwijzer book --partner ID [--first-free | --at HH:MM | --later-day]\n"
    "                      [--topic ID] [--request ID] [options]\n"
    "\n"
    "Book a slot with a partner at the location, as the kiosk does, and print the\n"
    "ticket number, time, desk and QR text.\n"
    "  --first-free     the first free slot on the day, from now on (default)\n"
    "  --at HH:MM       exactly this slot\n"
    "  --later-day      the first free slot on a later day\n"
    "  --topic ID       topic id counted with the booking\n"
    "  --request ID     idempotency key: the same key books once\n"
    "\n"
    "options:\n" WW_COMMON_HELP;

int ww_cmd_book(int argc, char **argv)
{
    struct ww_app app;
    ww_app_init(&app, "book");
    static const struct option opts[] = {{"partner", required_argument, NULL, 'p'},
                                         {"first-free", no_argument, NULL, 'f'},
                                         {"at", required_argument, NULL, 'a'},
                                         {"later-day", no_argument, NULL, 'l'},
                                         {"topic", required_argument, NULL, 't'},
                                         {"request", required_argument, NULL, 'r'},
                                         WW_COMMON_OPTIONS};
    const char *partner = NULL, *at = NULL, *topic = "", *request = NULL;
    int modes = 0, c, status = 1;
    struct ww_booking_want want = {.when = WW_BOOK_FIRST_FREE};
    while ((c = ww_app_next_option(&app, argc, argv, opts, usage, &status)) != -1) {
        switch (c) {
        case WW_OPT_EXIT:
            return status;
        case 'p':
            partner = optarg;
            break;
        case 'f':
            want.when = WW_BOOK_FIRST_FREE;
            modes++;
            break;
        case 'a':
            at = optarg;
            want.when = WW_BOOK_AT;
            modes++;
            break;
        case 'l':
            want.when = WW_BOOK_LATER_DAY;
            modes++;
            break;
        case 't':
            topic = optarg;
            break;
        case 'r':
            request = optarg;
            break;
        }
    }
    if (optind < argc) {
        ww_app_fail(&app, "unexpected argument '%s' (see --help)", argv[optind]);
        return 2;
    }
    if (!partner) {
        ww_app_fail(&app, "--partner ID is needed");
        return 2;
    }
    if (modes > 1) {
        ww_app_fail(&app, "choose one of --first-free, --at and --later-day");
        return 2;
    }
    if (at && (!ww_minute_parse(at, &want.at) || want.at >= 24 * 60)) {
        ww_app_fail(&app, "--at '%s' is not a time (HH:MM)", at);
        return 2;
    }
    if (*topic && !ww_valid_id(topic)) {
        ww_app_fail(&app, "--topic '%s' is not an id", topic);
        return 2;
    }
    status = 1;
    if (!ww_app_open_store(&app))
        goto out;
    if (!ww_config_partner(&app.cfg, partner, &want.partner)) {
        ww_app_fail(&app, "unknown partner '%s'", partner);
        goto out;
    }
    want.topic = topic;
    want.day = app.day;
    want.request_id = request;
    struct ww_booking_ctx ctx = {&app.cfg, app.loc, app.store, &app.clock};
    struct ww_booking b;
    enum ww_err e = ww_booking_make(&ctx, &want, &b);
    if (e == WW_ERR_FULL) {
        ww_app_fail(&app, "no free slot with %s", partner);
        goto out;
    }
    if (e == WW_ERR_INVALID) {
        ww_app_fail(&app, "%s",
                    at ? "that time is not a slot of this partner on that day"
                       : "that day is in the past");
        goto out;
    }
    if (e != WW_OK) {
        ww_app_fail(&app, "not booked: %s", ww_strerror(e));
        goto out;
    }
    char iso[11], t[6], qr[96];
    ww_day_format(b.day, iso);
    ww_minute_format(b.start, t);
    ww_code_qr_payload(b.location, b.check, qr, sizeof qr);
    printf("ticket %s\ndate %s\ntime %s\npartner %s\ndesk %d\nqr %s\n", b.ticket, iso, t, b.partner,
           b.desk, qr);
    status = 0;
out:
    ww_app_destroy(&app);
    return status;
}
