#include "escpos.h"

#include "log.h"
#include "ticket.h"

#include <stdlib.h>
#include <string.h>

#define ESC 0x1B
#define GS  0x1D
#define DLE 0x10
#define EOT 0x04

void ww_bytes_init(struct ww_bytes *b)
{
    memset(b, 0, sizeof *b);
}

void ww_bytes_destroy(struct ww_bytes *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

bool ww_bytes_add(struct ww_bytes *b, const void *data, size_t n)
{
    if (n > ((size_t)-1) / 2 - b->len) {
        ww_error("byte buffer too large");
        return false;
    }
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n)
            cap *= 2;
        unsigned char *p = realloc(b->data, cap);
        if (!p) {
            ww_error("out of memory for %zu bytes of printer data", cap);
            return false;
        }
        b->data = p;
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    return true;
}

bool ww_escpos_ticket(struct ww_bytes *out, const struct ww_raster *r,
                      const struct ww_escpos_opts *o)
{
    int band = o && o->band_rows ? o->band_rows : 128;
    int feed = o && o->feed_lines ? o->feed_lines : 4;
    if (band < 1 || band > 2303 || feed < 0 || feed > 255) {
        ww_error("ESC/POS: band of %d rows or feed of %d lines out of range", band, feed);
        return false;
    }
    if (!r->bits || r->width % 8 != 0 || r->width > 65535) {
        ww_error("ESC/POS: raster width %d is not a multiple of 8", r->width);
        return false;
    }
    size_t xbytes = (size_t)r->width / 8;
    const unsigned char init[] = {ESC, '@'};
    if (!ww_bytes_add(out, init, sizeof init))
        return false;
    for (int y = 0; y < r->height; y += band) {
        int rows = r->height - y < band ? r->height - y : band;
        const unsigned char head[] = {GS,
                                      'v',
                                      '0',
                                      0, /* normal density */
                                      (unsigned char)(xbytes & 0xFF),
                                      (unsigned char)(xbytes >> 8),
                                      (unsigned char)(rows & 0xFF),
                                      (unsigned char)(rows >> 8)};
        if (!ww_bytes_add(out, head, sizeof head))
            return false;
        /* stride == xbytes for our rasters, but copy row by row to be safe. */
        for (int k = 0; k < rows; k++)
            if (!ww_bytes_add(out, r->bits + (size_t)(y + k) * r->stride, xbytes))
                return false;
    }
    const unsigned char tail[] = {ESC, 'd', (unsigned char)feed, GS, 'V', 66, 0};
    return ww_bytes_add(out, tail, o && o->no_cut ? 3 : sizeof tail);
}

void ww_escpos_status_request(unsigned char out[3], int n)
{
    out[0] = DLE;
    out[1] = EOT;
    out[2] = (unsigned char)n;
}

void ww_escpos_paper_request(unsigned char out[3])
{
    out[0] = GS;
    out[1] = 'r';
    out[2] = 1;
}

bool ww_escpos_status_apply(int n, unsigned char byte, struct ww_printer_status *st)
{
    /* Every DLE EOT answer has bit 1 and bit 4 set, bit 0 and bit 7 clear. */
    if ((byte & 0x93) != 0x12)
        return false;
    switch (n) {
    case 1:
        st->offline = (byte & 0x08) != 0;
        return true;
    case 2:
        st->cover_open = (byte & 0x04) != 0;
        if (byte & 0x20)
            st->paper_out = true;
        if (byte & 0x40)
            st->error = true;
        return true;
    case 3:
        st->error = (byte & 0x68) != 0; /* cutter, unrecoverable, auto-recoverable */
        return true;
    case 4:
        st->paper_near_end = (byte & 0x0C) != 0;
        st->paper_out = (byte & 0x60) != 0;
        return true;
    default:
        return false;
    }
}

bool ww_escpos_paper_apply(unsigned char byte, struct ww_printer_status *st)
{
    if (byte & 0x90)
        return false;
    st->paper_near_end = (byte & 0x03) != 0;
    st->paper_out = (byte & 0x0C) != 0;
    return true;
}
