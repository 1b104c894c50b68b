/* wegwijzer config check|keys */
#include "cli/cli.h"

#include "app.h"
#include "core/config.h"
#include "core/install.h"
#include "core/str.h"
#include "signage/check.h"

#include <stdlib.h>

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: wegwijzer config check [DIR] [--location ID] [--assets DIR]\n"
    "       wegwijzer config keys\n"
    "\n"
    "check  read the configuration folder (default kiosk-config) as the kiosk does:\n"
    "       partners, locations, closed days, the question flows against the partners,\n"
    "       and every pictogram they name (in ASSETS/pictograms); print each problem\n"
    "       as file:line: message; exit status 1 when there is any. Whatever the check\n"
    "       calls ok, the kiosk runs; whatever fails it puts the kiosk out of order.\n"
    "       (Not checked: whether the store can be reached, fonts, the screen.)\n"
    "       The waiting-room playlists (screens/) are checked with their films in the\n"
    "       media folder: a film with sound and no Dutch subtitles is a problem; a film\n"
    "       that is not there is noted, not checked.\n"
    "keys   list every key of every section with its meaning\n"
    "\n"
    "  --location ID     check as the kiosk of this location starts (default:\n"
    "                    $WEGWIJZER_LOCATION; none: every location is fine)\n"
    "  --assets DIR      the folder with pictograms/ (default as the kiosk: assets, or\n"
    "                    the installed PREFIX/share/wegwijzer/assets)\n"
    "  --media DIR       the waiting-room films (default $WEGWIJZER_MEDIA, or DIR/media)\n"
    "\n"
    "options:\n" WW_COMMON_HELP;

enum { OPT_ASSETS = 2101, OPT_MEDIA };

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
    static const struct option opts[] = {{"assets", required_argument, NULL, OPT_ASSETS},
                                         {"media", required_argument, NULL, OPT_MEDIA},
                                         WW_COMMON_OPTIONS};
    const char *media = getenv("WEGWIJZER_MEDIA");
    char assets_buf[512];
    ww_install_default_assets(assets_buf, sizeof assets_buf);
    const char *assets = assets_buf;
    int c, status = 0;
    argc--;
    argv++;
    while ((c = ww_app_next_option(&app, argc, argv, opts, usage, &status)) != -1) {
        if (c == WW_OPT_EXIT)
            return status;
        if (c == OPT_ASSETS)
            assets = optarg;
        else if (c == OPT_MEDIA)
            media = optarg;
    }
    if (argc - optind > 1) {
        ww_app_fail(&app, "expected at most one folder (see --help)");
        return 2;
    }
    const char *dir = optind < argc ? argv[optind] : app.config_dir;
    char media_buf[WW_PATH_SIZE];
    if (!media || !*media) {
        ww_fmt(media_buf, sizeof media_buf, "%s/media", dir);
        media = media_buf;
    }
    struct ww_install_params p = {
        .config_dir = dir,
        .assets_dir = assets,
        .location_id = app.location_id,
        .any_location = true,
    };
    struct ww_config cfg;
    struct ww_flows flows;
    bool flows_loaded;
    const struct ww_location *loc;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_install_load(&p, &cfg, &flows, &flows_loaded, &loc, &d);
    size_t before = d.count;
    size_t n_screens = ww_screens_check(dir, media, ok ? &cfg : NULL, &d, stdout);
    bool screens_ok = d.count == before;
    ww_diags_print(&d, stdout);
    if (ok) {
        size_t np = 0;
        for (size_t i = 0; i < cfg.n_locations; i++)
            np += cfg.locations[i].n_presence;
        printf("%s: ok: %zu partners, %zu locations, %zu weekly entries, %zu closed dates, "
               "%zu topics\n",
               dir, cfg.n_partners, cfg.n_locations, np, cfg.n_closed, flows.n_topics);
    }
    if (ok && screens_ok) {
        if (n_screens)
            printf("%s: ok: %zu waiting-room screen%s\n", dir, n_screens,
                   n_screens == 1 ? "" : "s");
    } else {
        printf("%s: %zu problem%s\n", dir, d.count, d.count == 1 ? "" : "s");
    }
    ww_diags_destroy(&d);
    if (flows_loaded)
        ww_flows_destroy(&flows);
    ww_config_destroy(&cfg);
    ww_app_destroy(&app);
    return ok && screens_ok ? 0 : 1;
}
