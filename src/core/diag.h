/* Diagnostics for files a person edits (config, flows, playlists): each one
 * names the file, the line and what is wrong, printed as `file:line: message`.
 * A ww_diags collects all problems of a load so a content author sees every
 * error in one run, not one per run. */
#ifndef WW_DIAG_H
#define WW_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct ww_diag {
    char file[256];
    int line; /* 0 when the problem concerns the whole file */
    char msg[256];
};

struct ww_diags {
    struct ww_diag *items; /* owned; freed by ww_diags_destroy */
    size_t count;
    size_t cap;
};

void ww_diags_init(struct ww_diags *d);
void ww_diags_destroy(struct ww_diags *d);

/* Record a problem. Aborts on out-of-memory (small allocation). */
void ww_diags_add(struct ww_diags *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Print every diagnostic as `file:line: message` (or `file: message`). */
void ww_diags_print(const struct ww_diags *d, FILE *out);

/* Format one diagnostic into `buf` the same way. */
void ww_diag_format(const struct ww_diag *diag, char *buf, size_t size);

#endif
