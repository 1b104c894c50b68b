/* wegwijzer: one binary, subcommands like git. */
#include "app.h"
#include "cli/cli.h"
#include "cli/ticket_cmd.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

static const char usage[] =
    "usage: wegwijzer COMMAND [options]\n"
    "\n"
    "  kiosk    the resident counter application\n"
    "  staff    staff commands: today's partners, bookings, check-in\n"
    "  book     make a booking from the terminal\n"
    "  config   check the configuration folder\n"
    "  ticket   draw a booking's ticket as a PNG\n"
    "\n"
    "Every command answers --help.\n";

static int cmd_kiosk(int argc, char **argv)
{
    struct ww_app app;
    ww_app_init(&app, "kiosk");
    static const struct option opts[] = {WW_COMMON_OPTIONS};
    int c;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        int r = ww_app_option(&app, c, optarg);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (c == 'h') {
            printf("usage: wegwijzer kiosk [--location ID] [options]\n\noptions:\n%s",
                   WW_COMMON_HELP);
            return 0;
        }
        return ww_app_bad_option(&app, argv);
    }
    if (!ww_app_open_store(&app)) {
        ww_app_destroy(&app);
        return 1;
    }
    /* Until the touch screen exists, the kiosk shows staff's view of today. */
    int status = ww_staff_print_today(&app);
    ww_app_destroy(&app);
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (geteuid() == 0 && !getenv("WEGWIJZER_ALLOW_ROOT") && strcmp(cmd, "kiosk") == 0)
        ww_warn("running as root: run the kiosk as an unprivileged user");
    if (strcmp(cmd, "kiosk") == 0)
        return cmd_kiosk(argc - 1, argv + 1);
    if (strcmp(cmd, "staff") == 0)
        return ww_cmd_staff(argc - 1, argv + 1);
    if (strcmp(cmd, "book") == 0)
        return ww_cmd_book(argc - 1, argv + 1);
    if (strcmp(cmd, "ticket") == 0)
        return ww_cmd_ticket(argc - 1, argv + 1);
    if (strcmp(cmd, "config") == 0)
        return ww_cmd_config(argc - 1, argv + 1);
    fprintf(stderr, "wegwijzer: unknown command '%s' (see wegwijzer --help)\n", cmd);
    return 2;
}
