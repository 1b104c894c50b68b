/* Fuzz target: waiting-room playlists (screens/ID.ini) and the sequence
 * over the parsed items. */
#include "playlist.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void count_text(void *ctx, const char *text, const char *what, const char *file, int line)
{
    (void)what;
    (void)file;
    (void)line;
    *(size_t *)ctx += text[0] != '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ww_playlist pl;
    struct ww_diags d;
    ww_playlist_init(&pl);
    ww_diags_init(&d);
    if (ww_playlist_parse(&pl, "fuzz", (const char *)data, size, "fuzz.ini", &d) &&
        pl.n_items > 0) {
        int64_t *dur = calloc(pl.n_items, sizeof *dur);
        if (dur) {
            for (size_t i = 0; i < pl.n_items; i++)
                dur[i] = (int64_t)pl.items[i].duration * 1000;
            struct ww_seq q;
            ww_seq_start(&q, dur, pl.n_items, 0);
            for (int64_t t = 0; t < 100000; t += 997)
                ww_seq_advance(&q, dur, pl.n_items, t);
            for (int wd = 0; wd < 7; wd++)
                ww_playlist_open_at(&pl, 20000 + wd, 600);
            /* Languages per loop stay inside the language table. */
            for (uint64_t loop = 0; loop < 8; loop++)
                if (ww_playlist_slide_lang(&pl, loop) >= WW_SCREEN_LANGS ||
                    ww_playlist_second_lang(&pl, loop) >= WW_SCREEN_LANGS)
                    abort();
            size_t texts = 0;
            ww_playlist_each_text(&pl, count_text, &texts);
            free(dur);
        }
    }
    ww_playlist_destroy(&pl);
    ww_diags_destroy(&d);
    return 0;
}
