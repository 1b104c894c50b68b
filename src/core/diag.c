#include "diag.h"

#include "str.h"

#include <stdarg.h>
#include <stdlib.h>

void ww_diags_init(struct ww_diags *d)
{
    *d = (struct ww_diags){0};
}

void ww_diags_destroy(struct ww_diags *d)
{
    free(d->items);
    *d = (struct ww_diags){0};
}

void ww_diags_add(struct ww_diags *d, const char *file, int line, const char *fmt, ...)
{
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        struct ww_diag *items = realloc(d->items, cap * sizeof *items);
        if (!items)
            abort();
        d->items = items;
        d->cap = cap;
    }
    struct ww_diag *diag = &d->items[d->count++];
    ww_strlcpy(diag->file, file ? file : "", sizeof diag->file);
    diag->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(diag->msg, sizeof diag->msg, fmt, ap);
    va_end(ap);
}

void ww_diag_format(const struct ww_diag *diag, char *buf, size_t size)
{
    if (diag->line > 0)
        ww_fmt(buf, size, "%s:%d: %s", diag->file, diag->line, diag->msg);
    else
        ww_fmt(buf, size, "%s: %s", diag->file, diag->msg);
}

void ww_diags_print(const struct ww_diags *d, FILE *out)
{
    char line[600];
    for (size_t i = 0; i < d->count; i++) {
        ww_diag_format(&d->items[i], line, sizeof line);
        fprintf(out, "%s\n", line);
    }
}
