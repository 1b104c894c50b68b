/* The PNG "printer": each ticket becomes DIR/NAME.png (1-bit grey, 203 dpi),
 * written to a temporary name, flushed and renamed, so a file that exists is
 * a whole ticket. */
#include "printer.h"
#include "err.h"

#include "str.h"
#include "ticket.h"

#include <errno.h>
#include <fcntl.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct png_printer {
    struct ww_printer base;
    char dir[1024];
};

static bool make_dirs(const char *path)
{
    char buf[1024];
    if (!ww_strlcpy(buf, path, sizeof buf))
        return false;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0750) != 0 && errno != EEXIST)
            return false;
        *p = '/';
    }
    return mkdir(buf, 0750) == 0 || errno == EEXIST;
}

static struct ww_printer *png_open(const char *target, const struct ww_printer_opts *o, char *err,
                                   size_t errsize)
{
    if (!*target) {
        ww_fmt(err, errsize, "printer png: needs a folder (png:DIR)");
        return NULL;
    }
    struct png_printer *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->base.ops = &ww_printer_png_ops;
    bool ok;
    if (target[0] != '/' && o->state_dir && *o->state_dir)
        ok = ww_fmt(p->dir, sizeof p->dir, "%s/%s", o->state_dir, target);
    else
        ok = ww_strlcpy(p->dir, target, sizeof p->dir);
    if (!ok) {
        ww_fmt(err, errsize, "printer png: folder name too long");
        free(p);
        return NULL;
    }
    return &p->base;
}

static void png_close(struct ww_printer *p)
{
    free(p);
}

static void on_png_error(png_structp png, png_const_charp msg)
{
    struct ww_printer *p = png_get_error_ptr(png);
    ww_printer_fail(p, "PNG: %s", msg);
    png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

/* Write `r` to the open file. False when libpng failed (detail recorded). */
static bool write_png(struct ww_printer *p, FILE *f, const struct ww_raster *r)
{
    png_structp png =
        png_create_write_struct(PNG_LIBPNG_VER_STRING, p, on_png_error, on_png_warning);
    if (!png) {
        ww_printer_fail(p, "PNG: out of memory");
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, info ? &info : NULL);
        return false;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)r->width, (png_uint_32)r->height, 1, PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    /* 203 dpi = 7992 dots per metre. */
    png_set_pHYs(png, info, 7992, 7992, PNG_RESOLUTION_METER);
    png_write_info(png, info);
    png_set_invert_mono(png); /* our 1 is black; PNG grey 1 is white */
    for (int y = 0; y < r->height; y++)
        png_write_row(png, r->bits + (size_t)y * r->stride);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return true;
}

enum ww_err ww_printer_write_png(struct ww_printer *base, const char *path,
                                 const struct ww_raster *r)
{
    char tmp[1100];
    if (!ww_fmt(tmp, sizeof tmp, "%s.tmp", path)) {
        ww_printer_fail(base, "file name too long");
        return WW_ERR_IO;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        ww_printer_fail(base, "cannot write %s: %s", tmp, ww_errno_text(errno));
        if (fd >= 0)
            close(fd);
        return WW_ERR_IO;
    }
    bool ok = write_png(base, f, r);
    if (ok && (fflush(f) != 0 || fsync(fileno(f)) != 0)) {
        ww_printer_fail(base, "cannot write %s: %s", tmp, ww_errno_text(errno));
        ok = false;
    }
    if (fclose(f) != 0 && ok) {
        ww_printer_fail(base, "cannot write %s: %s", tmp, ww_errno_text(errno));
        ok = false;
    }
    if (ok && rename(tmp, path) != 0) {
        ww_printer_fail(base, "cannot rename %s: %s", tmp, ww_errno_text(errno));
        ok = false;
    }
    if (!ok) {
        unlink(tmp);
        return WW_ERR_IO;
    }
    return WW_OK;
}

static enum ww_err png_print(struct ww_printer *base, const struct ww_print_job *job)
{
    struct png_printer *p = (struct png_printer *)base;
    if (!make_dirs(p->dir)) {
        ww_printer_fail(base, "cannot create folder %s: %s", p->dir, ww_errno_text(errno));
        return WW_ERR_IO;
    }
    char path[1090];
    if (!ww_fmt(path, sizeof path, "%s/%s.png", p->dir, job->name)) {
        ww_printer_fail(base, "file name too long");
        return WW_ERR_IO;
    }
    return ww_printer_write_png(base, path, job->raster);
}

static enum ww_err png_status(struct ww_printer *p, struct ww_printer_status *st)
{
    (void)p;
    (void)st;
    return WW_OK;
}

const struct ww_printer_ops ww_printer_png_ops = {
    .scheme = "png",
    .open = png_open,
    .close = png_close,
    .print = png_print,
    .status = png_status,
};
