/* QR codes for tickets (libqrencode), as a plain module matrix so callers
 * never see qrencode.h.
 *
 * The payload is short (WW1:<location>:<check>, ~25 bytes): error correction
 * level Q keeps it readable on a creased or smudged thermal ticket and still
 * gives a small symbol (version 3, 29 modules). */
#ifndef WW_QR_H
#define WW_QR_H

#include <stdbool.h>

struct ww_raster;

enum ww_qr_ecc { WW_QR_ECC_L, WW_QR_ECC_M, WW_QR_ECC_Q, WW_QR_ECC_H };

/* A square matrix of size x size modules, row-major, 1 = dark. */
struct ww_qr {
    int size;
    unsigned char *modules; /* owned; freed by ww_qr_destroy */
};

/* Encode `payload` (8-bit mode, case kept). False (logged) when it does not
 * fit a QR code or memory runs out; the struct is then empty. */
bool ww_qr_encode(struct ww_qr *qr, const char *payload, enum ww_qr_ecc ecc);
void ww_qr_destroy(struct ww_qr *qr);
bool ww_qr_dark(const struct ww_qr *qr, int x, int y);

/* The largest whole number of dots per module (at most max_module) with
 * which the symbol plus its 4-module quiet zone fits `max_dots`; 0 when even
 * one dot per module does not fit. */
int ww_qr_scale(const struct ww_qr *qr, int max_dots, int max_module);

/* Draw the symbol with its quiet zone (white) at (x, y), `scale` dots per
 * module. Returns the size drawn in dots. */
int ww_qr_draw(const struct ww_qr *qr, struct ww_raster *r, int x, int y, int scale);

#endif
