/* wegwijzer staff ...: what counter staff do at a desk or in a script. */
#include "cli/cli.h"
#include "cli/ticket_cmd.h"

#include "app.h"
#include "core/booking.h"
#include "core/code.h"
#include "core/log.h"
#include "core/pin.h"
#include "core/staff.h"
#include "core/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const char usage[] =
    "usage: wegwijzer staff COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  today                     who is here today: hours, desks, free slots\n"
    "  bookings [--partner ID]   today's bookings: ticket, time, partner, checked in\n"
    "  absent PARTNER            mark a partner absent for the day\n"
    "  set PARTNER --time HH:MM-HH:MM [--desks N] [--room TEXT]\n"
    "                            change a partner's hours or desks for the day\n"
    "  add PARTNER --time HH:MM-HH:MM [--desks N] [--room TEXT]\n"
    "                            a partner who is not on the schedule comes today\n"
    "  undo PARTNER              take back the last change for that partner\n"
    "  checkin CODE              record an arrival: scanned QR text or ticket number\n"
    "  reprint CODE              print a ticket again on the location's printer\n"
    "  audit                     staff changes from the day on\n"
    "  set-pin                   set the staff PIN of the location (6-8 digits, read from\n"
    "                            standard input); only its Argon2id hash is stored\n"
    "\n"
    "options:\n" WW_COMMON_HELP;

static void day_title(const struct ww_app *app, char *buf, size_t size)
{
    static const char *const names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};
    char iso[11];
    ww_day_format(app->day, iso);
    ww_fmt(buf, size, "%s, %s %s", app->loc->name, names[ww_day_weekday(app->day)], iso);
}

static struct ww_booking_ctx booking_ctx(struct ww_app *app)
{
    return (struct ww_booking_ctx){&app->cfg, app->loc, app->store, &app->clock};
}

int ww_staff_print_today(struct ww_app *app)
{
    struct ww_booking_ctx ctx = booking_ctx(app);
    struct ww_day_plan plan;
    char title[200];
    day_title(app, title, sizeof title);
    printf("%s\n", title);
    if (ww_booking_plan(&ctx, app->day, &plan) != WW_OK)
        printf("(the store cannot be read: showing the weekly pattern only)\n");
    if (plan.closed && plan.n == 0) {
        printf("closed: %s\n", plan.closed_reason ? plan.closed_reason : "");
        return 0;
    }
    if (plan.n == 0)
        printf("nobody is scheduled\n");
    else
        printf("%-28s %-11s %5s  %-20s %s\n", "partner", "time", "desks", "room", "free slots");
    for (size_t i = 0; i < plan.n; i++) {
        const struct ww_block *b = &plan.blocks[i];
        const struct ww_partner *p = &app->cfg.partners[b->partner];
        /* Count free places of this block only. */
        struct ww_slot slots[128];
        size_t n = 0;
        ww_booking_slots(&ctx, b->partner, app->day, slots, 128, &n);
        int free_places = 0, total = 0;
        for (size_t k = 0; k < n; k++) {
            if (slots[k].start < b->time[0] || slots[k].start >= b->time[1])
                continue;
            total += slots[k].capacity;
            free_places += slots[k].capacity - slots[k].booked;
        }
        char from[6], to[6], span[12];
        ww_minute_format(b->time[0], from);
        ww_minute_format(b->time[1], to);
        ww_fmt(span, sizeof span, "%s-%s", from, to);
        printf("%-28s %-11s %5d  %-20s %d/%d%s\n", p->name, span, b->desks, b->room, free_places,
               total, b->changed ? "  (changed by staff)" : "");
    }
    for (size_t i = 0; i < plan.n_absent; i++)
        printf("%-28s absent today (changed by staff)\n", app->cfg.partners[plan.absent[i]].name);
    return 0;
}

static const char *partner_name(const struct ww_app *app, const char *id)
{
    const struct ww_partner *p = ww_config_partner(&app->cfg, id, NULL);
    return p ? p->name : id;
}

static int list_bookings(struct ww_app *app, const char *partner)
{
    struct ww_booking *b = NULL;
    size_t n = 0;
    enum ww_err e = ww_store_bookings(app->store, app->loc->id, app->day, &b, &n);
    if (e != WW_OK) {
        ww_app_fail(app, "cannot read bookings: %s", ww_strerror(e));
        return 1;
    }
    char title[200];
    day_title(app, title, sizeof title);
    printf("%s\n", title);
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (partner && strcmp(partner, b[i].partner) != 0)
            continue;
        char t[6];
        ww_minute_format(b[i].start, t);
        printf("%-6s %s  %-28s desk %d  %-10s %s\n", b[i].ticket, t,
               partner_name(app, b[i].partner), b[i].desk,
               b[i].checked_in ? "checked in" : "expected", b[i].printed ? "" : "(not printed)");
        shown++;
    }
    if (!shown)
        printf("no bookings\n");
    free(b);
    return 0;
}

static bool partner_arg(struct ww_app *app, const char *id, size_t *index)
{
    if (!id) {
        ww_app_fail(app, "which partner? (see --help)");
        return false;
    }
    if (!ww_config_partner(&app->cfg, id, index)) {
        ww_app_fail(app, "unknown partner '%s' (see kiosk-config/partners.ini)", id);
        return false;
    }
    return true;
}

static bool not_past(struct ww_app *app)
{
    ww_day today;
    int minute;
    ww_clock_local(&app->clock, &today, &minute);
    if (app->day < today) {
        char iso[11];
        ww_day_format(app->day, iso);
        ww_app_fail(app, "%s is in the past: changes are for today or later", iso);
        return false;
    }
    return true;
}

static void audit_entry(struct ww_app *app, struct ww_audit *a, const char *action,
                        const char *detail)
{
    memset(a, 0, sizeof *a);
    a->when = ww_clock_now(&app->clock);
    ww_strlcpy(a->location, app->loc->id, sizeof a->location);
    a->day = app->day;
    ww_strlcpy(a->role, "cli", sizeof a->role);
    ww_strlcpy(a->action, action, sizeof a->action);
    ww_strlcpy(a->detail, detail, sizeof a->detail);
}

/* After a partner is marked absent, staff need to know whom to help. */
static void print_affected(struct ww_app *app, const char *partner)
{
    struct ww_booking *b = NULL;
    size_t n = 0;
    if (ww_store_bookings(app->store, app->loc->id, app->day, &b, &n) != WW_OK)
        return;
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(b[i].partner, partner) != 0)
            continue;
        if (!shown++)
            printf("residents booked with %s on this day (help them at the counter):\n",
                   partner_name(app, partner));
        char t[6];
        ww_minute_format(b[i].start, t);
        printf("  %s  %s\n", b[i].ticket, t);
    }
    free(b);
}

struct change_opts {
    const char *time;
    const char *room;
    const char *desks;
};

static int change(struct ww_app *app, const char *action, const char *partner,
                  const struct change_opts *o)
{
    size_t pi;
    if (!partner_arg(app, partner, &pi) || !not_past(app))
        return 1;
    struct ww_booking_ctx ctx = booking_ctx(app);
    struct ww_staff_who who = {"cli", app->day};
    if (strcmp(action, "absent") == 0) {
        enum ww_err e = ww_staff_absent(&ctx, &who, pi);
        if (e == WW_ERR_ALREADY) {
            ww_app_fail(app, "%s is not here on this day", partner);
            return 1;
        }
        if (e != WW_OK) {
            ww_app_fail(app, "not saved: %s", ww_strerror(e));
            return 1;
        }
        printf("saved: %s absent\n", partner);
        print_affected(app, partner);
        return 0;
    }
    if (!o->time) {
        ww_app_fail(app, "--time HH:MM-HH:MM is needed");
        return 2;
    }
    int time[2];
    char buf[32];
    ww_strlcpy(buf, o->time, sizeof buf);
    char *dash = strchr(buf, '-');
    if (dash)
        *dash = '\0';
    if (!dash || !ww_minute_parse(buf, &time[0]) || !ww_minute_parse(dash + 1, &time[1])) {
        ww_app_fail(app, "--time '%s' is not HH:MM-HH:MM", o->time);
        return 1;
    }
    if (time[1] <= time[0]) {
        ww_app_fail(app, "--time '%s': the end is not after the start", o->time);
        return 1;
    }
    long desks = 1;
    if (o->desks && !ww_parse_int(o->desks, 1, WW_STAFF_MAX_DESKS, &desks)) {
        ww_app_fail(app, "--desks '%s' must be a whole number from 1 to %d", o->desks,
                    WW_STAFF_MAX_DESKS);
        return 1;
    }
    char room[WW_NAME_SIZE] = "";
    if (o->room && !ww_strlcpy(room, o->room, sizeof room)) {
        ww_app_fail(app, "--room is longer than %zu bytes", sizeof room - 1);
        return 1;
    }
    if (strcmp(action, "add") == 0) {
        struct ww_day_plan plan;
        ww_booking_plan(&ctx, app->day, &plan);
        if (ww_plan_find(&plan, pi)) {
            ww_app_fail(app, "%s is already here on this day; use 'staff set' to change the hours",
                        partner);
            return 1;
        }
    }
    enum ww_err e = ww_staff_set(&ctx, &who, pi, time[0], time[1], (int)desks, room);
    if (e != WW_OK) {
        ww_app_fail(app, "not saved: %s", ww_strerror(e));
        return 1;
    }
    char from[6], to[6];
    ww_minute_format(time[0], from);
    ww_minute_format(time[1], to);
    printf("saved: %s %s-%s desks %ld\n", partner, from, to, desks);
    return 0;
}

static int undo(struct ww_app *app, const char *partner)
{
    size_t pi;
    if (!partner_arg(app, partner, &pi) || !not_past(app))
        return 1;
    struct ww_audit a;
    char detail[160];
    ww_fmt(detail, sizeof detail, "%s", partner);
    audit_entry(app, &a, "undo", detail);
    enum ww_err e = ww_store_override_undo(app->store, app->loc->id, app->day, partner, &a);
    if (e == WW_ERR_ALREADY) {
        ww_app_fail(app, "there is no change for %s on this day to undo", partner);
        return 1;
    }
    if (e != WW_OK) {
        ww_app_fail(app, "not saved: %s", ww_strerror(e));
        return 1;
    }
    printf("undone: the last change for %s\n", partner);
    return 0;
}

static int audit(struct ww_app *app)
{
    struct ww_audit *a = NULL;
    size_t n = 0;
    enum ww_err e = ww_store_audit_list(app->store, app->loc->id, app->day, &a, &n);
    if (e != WW_OK) {
        ww_app_fail(app, "cannot read the audit log: %s", ww_strerror(e));
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        ww_day d;
        int minute;
        ww_local_from_utc(a[i].when, &d, &minute);
        char when[11], t[6], day[11];
        ww_day_format(d, when);
        ww_minute_format(minute, t);
        ww_day_format(a[i].day, day);
        printf("%s %s  %-6s %-8s for %s: %s\n", when, t, a[i].role, a[i].action, day, a[i].detail);
    }
    if (!n)
        printf("no staff changes\n");
    free(a);
    return 0;
}

static int checkin(struct ww_app *app, const char *text)
{
    if (!text) {
        ww_app_fail(app, "which code? give the scanned QR text or the ticket number");
        return 2;
    }
    /* The kiosk's staff screen and this command share one rule (the core's
     * ww_staff_checkin): this location's tickets of today only, audited. */
    struct ww_booking_ctx ctx = booking_ctx(app);
    struct ww_staff_who who = {"cli", app->day};
    struct ww_booking b;
    memset(&b, 0, sizeof b);
    enum ww_err e;
    enum ww_checkin_result r = ww_staff_checkin(&ctx, &who, text, &b, &e);
    char t[6], iso[11];
    ww_minute_format(b.start, t);
    switch (r) {
    case WW_CHECKIN_NOT_CODE:
        /* Not echoed: what was typed may be anything, a secret too. */
        ww_app_fail(app, "that is not a ticket code (a QR text or a number like J-014)");
        return 1;
    case WW_CHECKIN_FOREIGN:
        ww_app_fail(app, "this QR code matches no ticket of %s: it is forged or from elsewhere",
                    app->loc->id);
        return 1;
    case WW_CHECKIN_NO_TICKET: {
        ww_day today;
        int minute;
        ww_clock_local(&app->clock, &today, &minute);
        ww_day_format(today, iso);
        ww_app_fail(app, "no ticket %s on %s at %s", b.ticket, iso, app->loc->id);
        return 1;
    }
    case WW_CHECKIN_STORE:
        ww_app_fail(app, "not saved: %s", ww_strerror(e));
        return 1;
    case WW_CHECKIN_OTHER_DAY:
        ww_day_format(b.day, iso);
        ww_app_fail(app, "ticket %s is for %s, not for today: not checked in", b.ticket, iso);
        return 1;
    case WW_CHECKIN_ALREADY:
        printf("%s %s %s: already checked in earlier (not counted again)\n", b.ticket, t,
               partner_name(app, b.partner));
        return 0;
    case WW_CHECKIN_OK:
        break;
    }
    printf("%s %s %s desk %d: checked in\n", b.ticket, t, partner_name(app, b.partner), b.desk);
    return 0;
}

/* Read one line from standard input, without echo when it is a terminal. */
static bool read_secret(const char *prompt, char *buf, size_t size)
{
    bool tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty) {
        fprintf(stderr, "%s", prompt);
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    bool ok = fgets(buf, (int)size, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        fprintf(stderr, "\n");
    }
    if (ok)
        buf[strcspn(buf, "\r\n")] = '\0';
    return ok;
}

static int set_pin(struct ww_app *app)
{
    char pin[64], again[64], hash[WW_PIN_HASH_SIZE], err[512];
    if (!read_secret("New staff PIN (6-8 digits): ", pin, sizeof pin)) {
        ww_app_fail(app, "no PIN on standard input");
        return 1;
    }
    /* Six digits at least: with the store's lockout (5 tries, then a
     * doubling wait) a million PINs take years to guess at a kiosk. */
    if (!ww_pin_valid(pin)) {
        memset(pin, 0, sizeof pin);
        ww_app_fail(app, "a staff PIN is %d to %d digits; nothing changed", WW_PIN_MIN_DIGITS,
                    WW_PIN_MAX_DIGITS);
        return 1;
    }
    if (isatty(STDIN_FILENO) &&
        (!read_secret("Again: ", again, sizeof again) || strcmp(pin, again) != 0)) {
        ww_app_fail(app, "the two PINs differ; nothing changed");
        return 1;
    }
    bool ok = ww_pin_hash(pin, hash, sizeof hash);
    memset(pin, 0, sizeof pin);
    memset(again, 0, sizeof again);
    if (!ok)
        return 1;
    /* The hash goes into the state folder, readable by the service user
     * only, not into the configuration every kiosk and editor shares. */
    if (!ww_pin_save(app->state_dir, app->loc->id, hash, err, sizeof err)) {
        ww_app_fail(app, "%s", err);
        return 1;
    }
    char path[1024];
    ww_pin_state_path(app->state_dir, app->loc->id, path, sizeof path);
    /* An older hash in the location file is no longer used: take it out,
     * keeping the file's mode, owner and group. */
    if (app->loc->pin_hash[0]) {
        if (ww_pin_store(app->loc->file, NULL, err, sizeof err))
            printf("removed the old pin_hash from %s\n", app->loc->file);
        else
            ww_warn("%s; remove its pin_hash line by hand (the PIN in %s is the one in force)", err,
                    path);
    }
    /* Wrong tries and locks counted against the old PIN end with it. */
    if (app->store && ww_pin_reset(app->store, app->loc->id) != WW_OK)
        ww_warn("the staff PIN lockout of %s could not be cleared", app->loc->id);
    struct ww_audit a;
    audit_entry(app, &a, "set-pin", "staff PIN changed");
    if (app->store)
        ww_store_audit(app->store, &a);
    printf("staff PIN set for %s (Argon2id hash in %s, readable by its owner only; the kiosk "
           "uses it from its next staff entry)\n",
           app->loc->id, path);
    return 0;
}

int ww_cmd_staff(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "reprint") == 0)
        return ww_cmd_staff_reprint_main(argc - 1, argv + 1);
    static const char *const cmds[] = {"today", "bookings", "absent", "set",    "add",
                                       "undo",  "checkin",  "audit",  "set-pin"};
    const char *sub = argv[1];
    size_t ci;
    for (ci = 0; ci < sizeof cmds / sizeof cmds[0]; ci++)
        if (strcmp(sub, cmds[ci]) == 0)
            break;
    if (ci == sizeof cmds / sizeof cmds[0]) {
        fprintf(stderr, "wegwijzer staff: unknown command '%s' (see --help)\n", sub);
        return 2;
    }
    char cmdname[40];
    ww_fmt(cmdname, sizeof cmdname, "staff %s", sub);
    struct ww_app app;
    ww_app_init(&app, cmdname);
    static const struct option opts[] = {{"time", required_argument, NULL, 't'},
                                         {"desks", required_argument, NULL, 'd'},
                                         {"room", required_argument, NULL, 'r'},
                                         {"partner", required_argument, NULL, 'p'},
                                         WW_COMMON_OPTIONS};
    struct change_opts co = {0};
    const char *partner_filter = NULL;
    int c, status = 0;
    argc--;
    argv++;
    while ((c = ww_app_next_option(&app, argc, argv, opts, usage, &status)) != -1) {
        switch (c) {
        case WW_OPT_EXIT:
            return status;
        case 't':
            co.time = optarg;
            break;
        case 'd':
            co.desks = optarg;
            break;
        case 'r':
            co.room = optarg;
            break;
        case 'p':
            partner_filter = optarg;
            break;
        }
    }
    const char *arg = optind < argc ? argv[optind] : NULL;
    bool wants_arg = ci >= 2 && ci <= 6;
    if ((!wants_arg && arg) || (optind + 1 < argc)) {
        ww_app_fail(&app, "unexpected argument '%s' (see --help)", argv[argc - 1]);
        return 2;
    }
    bool is_change = ci >= 3 && ci <= 4;
    if (!is_change && (co.time || co.desks || co.room)) {
        ww_app_fail(&app, "--time, --desks and --room go with 'set' and 'add'");
        return 2;
    }
    if (!ww_app_open_store(&app)) {
        ww_app_destroy(&app);
        return 1;
    }
    switch (ci) {
    case 0:
        status = ww_staff_print_today(&app);
        break;
    case 1:
        status = list_bookings(&app, partner_filter);
        break;
    case 2:
    case 3:
    case 4:
        status = change(&app, sub, arg, &co);
        break;
    case 5:
        status = undo(&app, arg);
        break;
    case 6:
        status = checkin(&app, arg);
        break;
    case 7:
        status = audit(&app);
        break;
    case 8:
        status = set_pin(&app);
        break;
    }
    ww_app_destroy(&app);
    return status;
}
