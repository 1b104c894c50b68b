/* wegwijzer status [--location ID]: one line per kiosk for monitoring,
 * from the heartbeats in the store (core/health.h has the rules and the
 * format). Every failure is UNKNOWN with exit status 3, as a monitoring
 * plugin must: a check that cannot look is not a healthy kiosk. */
#include "cli/cli.h"

#include "app.h"
#include "core/health.h"
#include "core/store.h"
#include "core/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: wegwijzer status [--location ID] [--stale MINUTES]\n"
    "\n"
    "One line per kiosk of the location (of every location without\n"
    "--location), from the heartbeat each kiosk writes to the store every\n"
    "minute: last seen, printer state, paper low, version, out-of-order\n"
    "reason. Follows the monitoring plugin conventions (Nagios, Icinga):\n"
    "the first line starts with OK, WARNING, CRITICAL or UNKNOWN and ends\n"
    "with '|' and performance data; the exit status is 0, 1, 2 or 3.\n"
    "CRITICAL: a heartbeat older than --stale minutes (default 3), a kiosk out\n"
    "of order, a printer fault or no paper. WARNING: paper low.\n"
    "\n"
    "options:\n"
    "  --stale MINUTES   a heartbeat older than this is a kiosk down (1-1440)\n" WW_COMMON_HELP;

static int unknown(const char *what, const char *detail)
{
    printf("UNKNOWN - %s%s%s\n", what, detail[0] ? ": " : "", detail);
    return WW_HEALTH_UNKNOWN;
}

/* Append the heartbeats of one location from its store. */
static bool collect(struct ww_app *app, const struct ww_location *loc, struct ww_heartbeat **all,
                    size_t *n, char *err, size_t errsize)
{
    const char *uri = app->store_uri ? app->store_uri : loc->store;
    struct ww_store *s = ww_store_open(uri, app->state_dir, err, errsize);
    if (!s)
        return false;
    struct ww_heartbeat *hb = NULL;
    size_t k = 0;
    enum ww_err e = ww_store_heartbeats(s, loc->id, &hb, &k);
    ww_store_free(s);
    if (e != WW_OK) {
        ww_fmt(err, errsize, "the store of %s cannot be read: %s", loc->id, ww_strerror(e));
        free(hb);
        return false;
    }
    if (k > 0) {
        struct ww_heartbeat *grown = realloc(*all, (*n + k) * sizeof **all);
        if (!grown)
            abort();
        memcpy(grown + *n, hb, k * sizeof *hb);
        *all = grown;
        *n += k;
    }
    free(hb);
    return true;
}

int ww_cmd_status(int argc, char **argv)
{
    struct ww_app app;
    ww_app_init(&app, "status");
    static const struct option opts[] = {{"stale", required_argument, NULL, 's'},
                                         WW_COMMON_OPTIONS};
    long stale_min = WW_HEALTH_STALE_S / 60;
    int c, status = 0;
    while ((c = ww_app_next_option(&app, argc, argv, opts, usage, &status)) != -1) {
        switch (c) {
        case WW_OPT_EXIT:
            ww_app_destroy(&app);
            /* --help is fine; a bad option is a check that cannot run. */
            return status == 0 ? 0 : unknown("bad usage (see --help)", "");
        case 's':
            if (!ww_parse_int(optarg, 1, 1440, &stale_min)) {
                ww_app_destroy(&app);
                return unknown("--stale needs minutes from 1 to 1440", optarg);
            }
            break;
        default:
            ww_app_destroy(&app);
            return unknown("unknown option (see --help)", "");
        }
    }
    if (optind < argc) {
        ww_app_destroy(&app);
        return unknown("unexpected argument (see --help)", argv[optind]);
    }
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&app.cfg, app.config_dir, &d);
    app.cfg_loaded = true;
    if (!ok) {
        ww_diags_print(&d, stderr);
        char what[256];
        ww_fmt(what, sizeof what, "%zu problem%s (see stderr)", d.count, d.count == 1 ? "" : "s");
        ww_diags_destroy(&d);
        ww_app_destroy(&app);
        return unknown("the configuration cannot be read", what);
    }
    ww_diags_destroy(&d);
    struct ww_heartbeat *all = NULL;
    size_t n = 0;
    char err[512] = "", scope[WW_ID_SIZE + 16];
    bool read = true;
    if (app.location_id) {
        const struct ww_location *loc = ww_config_location(&app.cfg, app.location_id);
        if (!loc) {
            ww_app_destroy(&app);
            return unknown("unknown location", app.location_id);
        }
        ww_strlcpy(scope, loc->id, sizeof scope);
        read = collect(&app, loc, &all, &n, err, sizeof err);
    } else {
        ww_strlcpy(scope, "all locations", sizeof scope);
        for (size_t i = 0; i < app.cfg.n_locations && read; i++)
            read = collect(&app, &app.cfg.locations[i], &all, &n, err, sizeof err);
    }
    int rc;
    if (!read)
        rc = unknown("the heartbeats cannot be read", err);
    else
        rc = (int)ww_health_report(all, n, ww_clock_now(&app.clock), (int)stale_min * 60, scope,
                                   stdout);
    free(all);
    ww_app_destroy(&app);
    return rc;
}
