/* Fuzz target: the SubRip parser and the cue lookup. */
#include "srt.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ww_srt s;
    struct ww_diags d;
    ww_srt_init(&s);
    ww_diags_init(&d);
    ww_srt_parse(&s, (const char *)data, size, "fuzz.srt", &d);
    for (size_t i = 0; i < s.n; i++) {
        const struct ww_srt_cue *c = ww_srt_at(&s, s.cues[i].start_ms);
        if (!c || c->n_lines < 1 || c->n_lines > 2 || c->end_ms <= c->start_ms)
            __builtin_trap();
    }
    ww_srt_destroy(&s);
    ww_diags_destroy(&d);
    return 0;
}
