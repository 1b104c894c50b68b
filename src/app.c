#include "app.h"

#include "core/log.h"
#include "core/str.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

void ww_app_init(struct ww_app *app, const char *cmd)
{
    memset(app, 0, sizeof *app);
    app->cmd = cmd;
    app->config_dir = env_or("WEGWIJZER_CONFIG", "kiosk-config");
    app->state_dir = env_or("WEGWIJZER_STATE", "var");
    app->location_id = env_or("WEGWIJZER_LOCATION", NULL);
    app->clock = ww_clock_system();
    const char *now = getenv("WEGWIJZER_NOW");
    if (now && *now) {
        if (ww_instant_parse(now, &app->now_value))
            app->clock = ww_clock_fixed(&app->now_value);
        else
            ww_warn("WEGWIJZER_NOW='%s' is not YYYY-MM-DDTHH:MM; using the real clock", now);
    }
    optind = 1;
    opterr = 0;
}

void ww_app_destroy(struct ww_app *app)
{
    ww_store_free(app->store);
    if (app->cfg_loaded)
        ww_config_destroy(&app->cfg);
    app->store = NULL;
    app->cfg_loaded = false;
}

void ww_app_fail(const struct ww_app *app, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "wegwijzer %s: %s\n", app->cmd, msg);
}

int ww_app_option(struct ww_app *app, int opt, const char *arg)
{
    switch (opt) {
    case 1001:
        app->config_dir = arg;
        return 1;
    case 1002:
        app->state_dir = arg;
        return 1;
    case 1003:
        app->store_uri = arg;
        return 1;
    case 1004:
        app->location_id = arg;
        return 1;
    case 1005: {
        ww_day d;
        if (!ww_day_parse(arg, &d)) {
            ww_app_fail(app, "--date '%s' is not a date (YYYY-MM-DD)", arg);
            return -1;
        }
        app->date = arg;
        return 1;
    }
    case 1006:
        if (!ww_instant_parse(arg, &app->now_value)) {
            ww_app_fail(app, "--now '%s' is not a moment (YYYY-MM-DDTHH:MM)", arg);
            return -1;
        }
        app->clock = ww_clock_fixed(&app->now_value);
        return 1;
    default:
        return 0;
    }
}

int ww_app_next_option(struct ww_app *app, int argc, char **argv, const struct option *opts,
                       const char *usage, int *status)
{
    for (;;) {
        int c = getopt_long(argc, argv, "h", opts, NULL);
        if (c == -1)
            return -1;
        int r = ww_app_option(app, c, optarg);
        if (r > 0)
            continue;
        if (r < 0) {
            *status = 2;
            return WW_OPT_EXIT;
        }
        if (c == 'h') {
            fputs(usage, stdout);
            *status = 0;
            return WW_OPT_EXIT;
        }
        if (c == '?' || c == ':') {
            *status = ww_app_bad_option(app, argv);
            return WW_OPT_EXIT;
        }
        return c;
    }
}

int ww_app_bad_option(struct ww_app *app, char **argv)
{
    ww_app_fail(app, "unknown option or missing value: '%s' (see --help)", argv[optind - 1]);
    return 2;
}

bool ww_app_load(struct ww_app *app)
{
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&app->cfg, app->config_dir, &d);
    app->cfg_loaded = true;
    if (!ok) {
        ww_diags_print(&d, stderr);
        ww_app_fail(app, "the configuration in %s has %zu problem%s (see above)", app->config_dir,
                    d.count, d.count == 1 ? "" : "s");
        ww_diags_destroy(&d);
        return false;
    }
    ww_diags_destroy(&d);
    if (app->location_id) {
        app->loc = ww_config_location(&app->cfg, app->location_id);
        if (!app->loc) {
            char list[512];
            ww_config_location_ids(&app->cfg, list, sizeof list);
            ww_app_fail(app, "unknown location '%s' (known: %s)", app->location_id, list);
            return false;
        }
    } else if (app->cfg.n_locations == 1) {
        app->loc = &app->cfg.locations[0];
    } else {
        ww_app_fail(app, "--location is needed: this configuration has %zu locations",
                    app->cfg.n_locations);
        return false;
    }
    if (app->date) {
        ww_day_parse(app->date, &app->day);
    } else {
        int minute;
        ww_clock_local(&app->clock, &app->day, &minute);
    }
    return true;
}

bool ww_app_open_store(struct ww_app *app)
{
    if (!app->cfg_loaded && !ww_app_load(app))
        return false;
    if (!app->loc)
        return false;
    char err[512];
    const char *uri = app->store_uri ? app->store_uri : app->loc->store;
    app->store = ww_store_open(uri, app->state_dir, err, sizeof err);
    if (!app->store) {
        ww_app_fail(app, "%s", err);
        return false;
    }
    return true;
}
