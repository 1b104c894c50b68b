/* wegwijzer config check|keys */
#include "cli/cli.h"

#include "app.h"
#include "core/config.h"
#include "core/playlist.h"
#include "core/str.h"
#include "signage/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "usage: wegwijzer config check [--media DIR] [DIR]\n"
                            "       wegwijzer config keys\n"
                            "\n"
                            "check  read every file of the configuration folder (default\n"
                            "       kiosk-config) and print each problem as file:line: message;\n"
                            "       exit status 1 when there is any. The waiting-room playlists\n"
                            "       (screens/) are checked with their films in the media folder\n"
                            "       (--media DIR, $WEGWIJZER_MEDIA, or DIR/media): a film with\n"
                            "       sound and no Dutch subtitles is a problem; a film that is not\n"
                            "       there is noted, not checked\n"
                            "keys   list every key of every section with its meaning\n";

int ww_cmd_config(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "keys") == 0) {
        ww_config_help(stdout);
        printf("\n");
        ww_playlist_help(stdout);
        return 0;
    }
    if (strcmp(argv[1], "check") != 0) {
        fprintf(stderr, "wegwijzer config: unknown command '%s' (see --help)\n", argv[1]);
        return 2;
    }
    struct ww_app app;
    ww_app_init(&app, "config check");
    const char *media = getenv("WEGWIJZER_MEDIA");
    const char *dir = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--media") == 0 && i + 1 < argc) {
            media = argv[++i];
        } else if (argv[i][0] != '-' && !dir) {
            dir = argv[i];
        } else {
            ww_app_fail(&app, "expected at most one folder and --media DIR (see --help)");
            return 2;
        }
    }
    if (!dir)
        dir = app.config_dir;
    char media_buf[WW_PATH_SIZE];
    if (!media || !*media) {
        ww_fmt(media_buf, sizeof media_buf, "%s/media", dir);
        media = media_buf;
    }
    struct ww_config cfg;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_config_load(&cfg, dir, &d);
    size_t before = d.count;
    size_t n_screens = ww_screens_check(dir, media, ok ? &cfg : NULL, &d, stdout);
    bool screens_ok = d.count == before;
    ww_diags_print(&d, stdout);
    if (ok) {
        size_t np = 0;
        for (size_t i = 0; i < cfg.n_locations; i++)
            np += cfg.locations[i].n_presence;
        printf("%s: ok: %zu partners, %zu locations, %zu weekly entries, %zu closed dates\n", dir,
               cfg.n_partners, cfg.n_locations, np, cfg.n_closed);
    }
    if (ok && screens_ok) {
        if (n_screens)
            printf("%s: ok: %zu waiting-room screen%s\n", dir, n_screens,
                   n_screens == 1 ? "" : "s");
    } else {
        printf("%s: %zu problem%s\n", dir, d.count, d.count == 1 ? "" : "s");
    }
    ww_diags_destroy(&d);
    ww_config_destroy(&cfg);
    return ok && screens_ok ? 0 : 1;
}
