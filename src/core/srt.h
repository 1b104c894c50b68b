/* SubRip (.srt) subtitles for the waiting-room film.
 *
 * A file is a list of cues: a number, a timing line
 * "00:00:01,000 --> 00:00:03,500" and one or two lines of text, separated by
 * blank lines. The waiting-room band shows at most two lines, so a cue with
 * more is an error (the author must split it), as is a cue that ends before
 * it starts or starts before the previous one. Simple markup (<i>, <b>,
 * {\an8}) is removed. A UTF-8 byte-order mark and CR LF line ends are
 * accepted. Problems are reported as `file:line: message`; bad input never
 * crashes the parser. */
#ifndef WW_SRT_H
#define WW_SRT_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WW_SRT_LINE_SIZE 192 /* bytes per text line, NUL included */
#define WW_SRT_MAX_CUES  10000

struct ww_srt_cue {
    int64_t start_ms, end_ms; /* shown while start_ms <= t < end_ms */
    int n_lines;              /* 1 or 2 */
    char text[2][WW_SRT_LINE_SIZE];
    int line; /* line of the cue number in the file */
};

struct ww_srt {
    struct ww_srt_cue *cues; /* owned; sorted by start; freed by ww_srt_destroy */
    size_t n;
};

void ww_srt_init(struct ww_srt *s);
void ww_srt_destroy(struct ww_srt *s);

/* Parse `len` bytes of SubRip text, appending cues to `s`. Every problem
 * goes into `d` (with `file` and the line); returns false when there was
 * any. On failure `s` holds the good cues and is safe to destroy. */
bool ww_srt_parse(struct ww_srt *s, const char *text, size_t len, const char *file,
                  struct ww_diags *d);

/* Read and parse a file (at most 4 MiB). */
bool ww_srt_load(struct ww_srt *s, const char *path, struct ww_diags *d);

/* The cue shown at `ms` (film time), or NULL. When cues overlap, the one
 * that started last wins. */
const struct ww_srt_cue *ww_srt_at(const struct ww_srt *s, int64_t ms);

/* Parse "HH:MM:SS,mmm" (a '.' is accepted for ','); false on junk. */
bool ww_srt_time_parse(const char *s, int64_t *ms);

#endif
