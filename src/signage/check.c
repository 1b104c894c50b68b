#include "signage/check.h"

#include "core/i18n.h"
#include "core/playlist.h"
#include "core/srt.h"
#include "core/str.h"
#include "signage/film.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Load subtitle track `k` of a film: the configured file (which must exist)
 * or the default beside the film (when it exists). Returns its number of
 * cues (0 when there is none); problems of the file go into `d`. */
static size_t check_track(const struct ww_playlist *pl, const struct ww_item *it, size_t k,
                          const char *media, const char *film, struct ww_diags *d)
{
    char path[WW_PATH_SIZE * 2];
    struct stat sb;
    if (*it->subtitles[k]) {
        if (!ww_media_path(media, it->subtitles[k], path, sizeof path)) {
            ww_diags_add(d, pl->file, it->line, "[film %s]: subtitle path too long", it->id);
            return 0;
        }
        if (stat(path, &sb) != 0) {
            ww_diags_add(d, pl->file, it->line, "[film %s]: subtitle file %s is not there", it->id,
                         path);
            return 0;
        }
    } else if (!ww_subtitles_default(film, k, path, sizeof path) || stat(path, &sb) != 0) {
        return 0;
    }
    struct ww_srt srt;
    ww_srt_init(&srt);
    ww_srt_load(&srt, path, d);
    size_t n = srt.n;
    ww_srt_destroy(&srt);
    return n;
}

static void check_film(const struct ww_playlist *pl, const struct ww_item *it, const char *media,
                       struct ww_diags *d, FILE *notes)
{
    char film[WW_PATH_SIZE * 2];
    if (!ww_media_path(media, it->file, film, sizeof film)) {
        ww_diags_add(d, pl->file, it->line, "[film %s]: film path too long", it->id);
        return;
    }
    struct ww_film_info info;
    char why[160] = "";
    const struct ww_film_limit lim = {pl->film_max_width, pl->film_max_height};
    if (!ww_film_probe(film, &lim, &info, why, sizeof why)) {
        /* The media folder often lives elsewhere than the configuration
         * (another machine, a build folder): say what was not checked. */
        fprintf(notes, "%s:%d: note: [film %s] not checked: %s: %s\n", pl->file, it->line, it->id,
                film, why);
        return;
    }
    size_t n_langs;
    const struct ww_lang *langs = ww_i18n_langs(&n_langs);
    size_t cues[WW_SCREEN_LANGS];
    for (size_t k = 0; k < WW_SCREEN_LANGS && k < n_langs; k++)
        cues[k] = check_track(pl, it, k, media, film, d);
    if (info.has_audio && cues[0] == 0)
        ww_diags_add(d, pl->file, it->line,
                     "[film %s]: %s has sound but no Dutch subtitles; waiting rooms are muted "
                     "and not everyone hears: add 'subtitles = FILE.srt'",
                     it->id, film);
    if (it->sound && !info.has_audio)
        fprintf(notes, "%s:%d: note: [film %s]: sound = yes, but %s has no sound track\n", pl->file,
                it->line, it->id, film);
    for (size_t j = 0; j < pl->n_langs; j++) {
        size_t k = pl->langs[j];
        if (k != 0 && cues[k] == 0)
            fprintf(notes,
                    "%s:%d: note: [film %s] has no %s subtitles; it shows Dutch alone in that "
                    "language's turn\n",
                    pl->file, it->line, it->id, langs[k].english);
    }
}

size_t ww_screens_check(const char *config_dir, const char *media_dir, const struct ww_config *cfg,
                        struct ww_diags *d, FILE *notes)
{
    char names[WW_PLAYLISTS_MAX][WW_ID_SIZE];
    size_t n = ww_playlist_ids(config_dir, names, WW_PLAYLISTS_MAX);
    for (size_t i = 0; i < n; i++) {
        struct ww_playlist pl;
        ww_playlist_init(&pl);
        if (ww_playlist_load(&pl, config_dir, names[i], d)) {
            if (cfg)
                ww_playlist_check(&pl, cfg, d);
            for (size_t k = 0; k < pl.n_items; k++)
                if (pl.items[k].kind == WW_ITEM_FILM)
                    check_film(&pl, &pl.items[k], media_dir, d, notes);
        }
        ww_playlist_destroy(&pl);
    }
    return n;
}
