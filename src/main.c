/* wegwijzer: one binary, subcommands like git. */
#include "app.h"
#include "cli/cli.h"
#include "cli/ticket_cmd.h"
#include "cli/say_cmd.h"
#include "core/log.h"
#include "ui/kiosk.h"
#include "signage/screen.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

static const char usage[] =
    "usage: wegwijzer COMMAND [options]\n"
    "\n"
    "  kiosk    the resident counter application\n"
    "  staff    staff commands: today's partners, bookings, check-in\n"
    "  screen   the waiting-room screen: films, slides, this week at the counter\n"
    "  book     make a booking from the terminal\n"
    "  config   check the configuration folder\n"
    "  flow     question flows: check, walk in the terminal, extract texts\n"
    "  report   the signals of a period for the signaleringsoverleg (HTML and CSV)\n"
    "  ticket   draw a booking's ticket as a PNG\n"
    "  say      speak a text with the kiosk's voice (WAV file or audio device)\n"
    "  status   one line per kiosk of a location, for monitoring\n"
    "\n"
    "Every command answers --help; --version prints the version and the build.\n";

/* What `make install` must install is a release build: this line says which
 * one a binary is (sanitizer builds are debug builds). */
#ifdef WW_DEBUG
static const char build_kind[] = "wegwijzer build: debug";
#else
static const char build_kind[] = "wegwijzer build: release";
#endif

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
    if (strcmp(cmd, "--version") == 0) {
        puts("wegwijzer " WW_VERSION);
        puts(build_kind);
        return 0;
    }
    /* The long-running modes face the public all day: they should never
     * hold root. A warning, not a refusal: a first try on a fresh machine
     * must still show something. */
    bool long_running = strcmp(cmd, "kiosk") == 0 || strcmp(cmd, "screen") == 0;
    const char *allow = getenv("WEGWIJZER_ALLOW_ROOT");
    if (long_running && geteuid() == 0 && !(allow && *allow && strcmp(allow, "0") != 0))
        ww_warn("running as root: run the %s as an unprivileged user (the shipped systemd "
                "units do; WEGWIJZER_ALLOW_ROOT=1 silences this warning)",
                cmd);
    if (strcmp(cmd, "kiosk") == 0)
        return ww_kiosk_main(argc - 1, argv + 1);
    if (strcmp(cmd, "screen") == 0)
        return ww_cmd_screen(argc - 1, argv + 1);
    if (strcmp(cmd, "staff") == 0)
        return ww_cmd_staff(argc - 1, argv + 1);
    if (strcmp(cmd, "book") == 0)
        return ww_cmd_book(argc - 1, argv + 1);
    if (strcmp(cmd, "ticket") == 0)
        return ww_cmd_ticket(argc - 1, argv + 1);
    if (strcmp(cmd, "say") == 0)
        return ww_cmd_say(argc - 1, argv + 1);
    if (strcmp(cmd, "status") == 0)
        return ww_cmd_status(argc - 1, argv + 1);
    if (strcmp(cmd, "config") == 0)
        return ww_cmd_config(argc - 1, argv + 1);
    if (strcmp(cmd, "flow") == 0)
        return ww_cmd_flow(argc - 1, argv + 1);
    if (strcmp(cmd, "report") == 0)
        return ww_cmd_report(argc - 1, argv + 1);
    fprintf(stderr, "wegwijzer: unknown command '%s' (see wegwijzer --help)\n", cmd);
    return 2;
}
