/* The application context, built once in main and passed down: where the
 * config and state live, the clock, the loaded config, the chosen location
 * and the store. Subcommands take what they need from it. */
#ifndef WW_APP_H
#define WW_APP_H

#include "core/clock.h"
#include "core/config.h"
#include "core/store.h"

#include <getopt.h>
#include <stdbool.h>

struct ww_app {
    const char *cmd;         /* "staff today", for messages */
    const char *config_dir;  /* --config, $WEGWIJZER_CONFIG, "kiosk-config" */
    const char *state_dir;   /* --state, $WEGWIJZER_STATE, "var" */
    const char *store_uri;   /* --store; NULL = the location's */
    const char *location_id; /* --location, $WEGWIJZER_LOCATION */
    const char *date;        /* --date, NULL = today */
    int64_t now_value;       /* the fixed moment when --now / $WEGWIJZER_NOW is given */
    struct ww_clock clock;
    struct ww_config cfg;
    bool cfg_loaded;
    const struct ww_location *loc;
    struct ww_store *store;
    ww_day day; /* --date or today */
};

/* Long options every subcommand accepts; end a command's table with them. */
#define WW_COMMON_OPTIONS                                                                          \
    {"config", required_argument, NULL, 1001}, {"state", required_argument, NULL, 1002},           \
        {"store", required_argument, NULL, 1003}, {"location", required_argument, NULL, 1004},     \
        {"date", required_argument, NULL, 1005}, {"now", required_argument, NULL, 1006},           \
        {"help", no_argument, NULL, 'h'},                                                          \
    {                                                                                              \
        NULL, 0, NULL, 0                                                                           \
    }

#define WW_COMMON_HELP                                                                             \
    "  --config DIR      configuration folder (default kiosk-config, or $WEGWIJZER_CONFIG)\n"      \
    "  --state DIR       where the SQLite store lives (default var, or $WEGWIJZER_STATE)\n"        \
    "  --store URI       use this store instead of the location's (sqlite:FILE)\n"                 \
    "  --location ID     location id (default: $WEGWIJZER_LOCATION, or the only one)\n"            \
    "  --date YYYY-MM-DD the day to act on (default today)\n"                                      \
    "  --now YYYY-MM-DDTHH:MM  pretend it is this moment (tests; or $WEGWIJZER_NOW)\n"             \
    "  -h, --help        show this help\n"

void ww_app_init(struct ww_app *app, const char *cmd);
void ww_app_destroy(struct ww_app *app);

/* Handle a common option returned by getopt_long. Returns 1 when handled,
 * 0 when not a common option, -1 on a bad value (message printed). */
int ww_app_option(struct ww_app *app, int opt, const char *arg);

/* getopt_long for a subcommand, with the common options, --help and bad
 * options handled here: returns the next command-specific option (as
 * getopt_long does, optarg set), -1 at the end, or WW_OPT_EXIT when the
 * command must end now with *status (0 after printing `usage` for --help, 2
 * after a one-line message for a bad option or value). `opts` must end with
 * WW_COMMON_OPTIONS. */
#define WW_OPT_EXIT (-2)
int ww_app_next_option(struct ww_app *app, int argc, char **argv, const struct option *opts,
                       const char *usage, int *status);

/* Print "wegwijzer CMD: unknown option ..." for getopt's '?' and return 2. */
int ww_app_bad_option(struct ww_app *app, char **argv);

/* Load the config (printing every diagnostic), pick the location, compute
 * the day. Returns false (after printing) on failure. */
bool ww_app_load(struct ww_app *app);
/* ww_app_load, then open the store. */
bool ww_app_open_store(struct ww_app *app);

/* Printf-style one-line error: "wegwijzer CMD: message". */
void ww_app_fail(const struct ww_app *app, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
