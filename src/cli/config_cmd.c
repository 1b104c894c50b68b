/* wegwijzer config check|keys */
#include "cli/cli.h"

#include "app.h"
#include "core/config.h"
#include "core/flow.h"
#include "core/str.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] = "usage: wegwijzer config check [DIR]\n"
                            "       wegwijzer config keys\n"
                            "\n"
                            "check  read every file of the configuration folder (default\n"
                            "       kiosk-config) and print each problem as file:line: message;\n"
                            "       the flows (DIR/flows) are read too, for the partners they\n"
                            "       send residents to; exit status 1 when there is any\n"
                            "keys   list every key of every section with its meaning\n";

int ww_cmd_config(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "keys") == 0) {
        ww_config_help(stdout);
        return 0;
    }
    if (strcmp(argv[1], "check") != 0) {
        fprintf(stderr, "wegwijzer config: unknown command '%s' (see --help)\n", argv[1]);
        return 2;
    }
    struct ww_app app;
    ww_app_init(&app, "config check");
    if (argc > 3 || (argc == 3 && argv[2][0] == '-')) {
        if (argc == 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
            fputs(usage, stdout);
            return 0;
        }
        ww_app_fail(&app, "expected at most one folder (see --help)");
        return 2;
    }
    const char *dir = argc == 3 ? argv[2] : app.config_dir;
    struct ww_config cfg;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&cfg, dir, &d);
    /* The flows say where residents are sent: a municipal partner they
     * route to needs details at every location (flow.h). */
    char fdir[WW_PATH_SIZE + 16];
    struct stat st;
    if (ww_fmt(fdir, sizeof fdir, "%s/flows", dir) && stat(fdir, &st) == 0 && S_ISDIR(st.st_mode)) {
        struct ww_flows flows;
        ok = ww_flows_load(&flows, fdir, &cfg, &d) && ok;
        ww_flows_destroy(&flows);
    }
    ww_diags_print(&d, stdout);
    if (ok) {
        size_t np = 0;
        for (size_t i = 0; i < cfg.n_locations; i++)
            np += cfg.locations[i].n_presence;
        printf("%s: ok: %zu partners, %zu locations, %zu weekly entries, %zu closed dates\n", dir,
               cfg.n_partners, cfg.n_locations, np, cfg.n_closed);
    } else {
        printf("%s: %zu problem%s\n", dir, d.count, d.count == 1 ? "" : "s");
    }
    ww_diags_destroy(&d);
    ww_config_destroy(&cfg);
    return ok ? 0 : 1;
}
