/* The waiting-room playlists as `wegwijzer config check` sees them: each
 * kiosk-config/screens/ID.ini parsed and checked against the rest of the
 * configuration, and each film looked at with FFmpeg. A film that has a
 * sound track needs Dutch subtitles (waiting rooms are muted, and a deaf
 * visitor must follow it too): without them the check fails.
 *
 * The narrow door from the terminal commands into src/signage: this header
 * names no SDL or FFmpeg type. Thread: any one thread. */
#ifndef WW_SIGNAGE_CHECK_H
#define WW_SIGNAGE_CHECK_H

#include "core/config.h"
#include "core/diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Check every playlist in `config_dir`/screens with its films in
 * `media_dir` (relative film names are looked up there). `cfg` may be NULL
 * (the configuration did not load; locations are then not checked).
 * Problems go into `d` as file:line: message; things that could not be
 * checked (a film not in `media_dir`) are printed to `notes` as
 * "file:line: note: ...". Returns the number of playlists read (0 when
 * there is no screens folder). */
size_t ww_screens_check(const char *config_dir, const char *media_dir, const struct ww_config *cfg,
                        struct ww_diags *d, FILE *notes);

#endif
