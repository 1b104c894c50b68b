/* ESC/POS: a 1-bit raster turned into the bytes a thermal receipt printer
 * prints (Epson TM series and the many printers that follow it), and the
 * printer's status bytes turned into a ww_printer_status.
 *
 * A ticket is: ESC @ (initialise), the raster as GS v 0 commands in bands of
 * rows (printers have small receive buffers), ESC d (feed past the cutter),
 * GS V 66 0 (feed and partial cut). Status: DLE EOT n is answered at once,
 * even while the printer is stopped; GS r 1 is answered in order, after
 * everything sent before it has printed, so its answer confirms the ticket. */
#ifndef WW_ESCPOS_H
#define WW_ESCPOS_H

#include "printer.h"

#include <stdbool.h>
#include <stddef.h>

struct ww_raster;

/* A growable byte buffer. */
struct ww_bytes {
    unsigned char *data; /* owned; freed by ww_bytes_destroy */
    size_t len, cap;
};

void ww_bytes_init(struct ww_bytes *b);
void ww_bytes_destroy(struct ww_bytes *b);
/* Append; false (logged) when memory runs out. */
bool ww_bytes_add(struct ww_bytes *b, const void *data, size_t n);

struct ww_escpos_opts {
    int band_rows;  /* rows per GS v 0 command, 1..2303; 0 = 128 */
    int feed_lines; /* lines fed before the cut; 0 = 4 */
    bool no_cut;    /* leave out the cut (printers without a cutter) */
};

/* Append a whole ticket for `r` to `out`. The raster width must be a
 * multiple of 8 dots up to 65535. False (logged) on bad input or no memory. */
bool ww_escpos_ticket(struct ww_bytes *out, const struct ww_raster *r,
                      const struct ww_escpos_opts *o);

/* The real-time status request DLE EOT n (n = 1 printer, 2 offline cause,
 * 3 error cause, 4 roll paper sensor). */
void ww_escpos_status_request(unsigned char out[3], int n);
/* The in-order paper sensor request GS r 1. */
void ww_escpos_paper_request(unsigned char out[3]);

/* Apply the answer to DLE EOT n to *st. False when `byte` cannot be such an
 * answer (its fixed bits are wrong): the peer is no ESC/POS printer or the
 * stream is out of step. */
bool ww_escpos_status_apply(int n, unsigned char byte, struct ww_printer_status *st);
/* Apply the answer to GS r 1. False when its fixed bits are wrong. */
bool ww_escpos_paper_apply(unsigned char byte, struct ww_printer_status *st);

#endif
