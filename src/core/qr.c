#include "qr.h"

#include "log.h"
#include "ticket.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#define QUIET 4 /* modules of white around the symbol, as the standard asks */

bool ww_qr_encode(struct ww_qr *qr, const char *payload, enum ww_qr_ecc ecc)
{
    static const QRecLevel levels[] = {QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q, QR_ECLEVEL_H};
    memset(qr, 0, sizeof *qr);
    QRcode *code =
        QRcode_encodeData((int)strlen(payload), (const unsigned char *)payload, 0, levels[ecc]);
    if (!code) {
        ww_error("QR code: payload of %zu bytes cannot be encoded", strlen(payload));
        return false;
    }
    size_t n = (size_t)code->width * (size_t)code->width;
    qr->modules = malloc(n);
    if (!qr->modules) {
        QRcode_free(code);
        ww_error("QR code: out of memory");
        return false;
    }
    /* libqrencode: bit 0 of each byte is the module's colour. */
    for (size_t i = 0; i < n; i++)
        qr->modules[i] = code->data[i] & 1u;
    qr->size = code->width;
    QRcode_free(code);
    return true;
}

void ww_qr_destroy(struct ww_qr *qr)
{
    free(qr->modules);
    memset(qr, 0, sizeof *qr);
}

bool ww_qr_dark(const struct ww_qr *qr, int x, int y)
{
    if (x < 0 || y < 0 || x >= qr->size || y >= qr->size)
        return false;
    return qr->modules[(size_t)y * (size_t)qr->size + (size_t)x] != 0;
}

int ww_qr_scale(const struct ww_qr *qr, int max_dots, int max_module)
{
    int total = qr->size + 2 * QUIET;
    if (total <= 0)
        return 0;
    int s = max_dots / total;
    return s > max_module ? max_module : s;
}

int ww_qr_draw(const struct ww_qr *qr, struct ww_raster *r, int x, int y, int scale)
{
    int total = (qr->size + 2 * QUIET) * scale;
    ww_raster_fill(r, x, y, total, total, false);
    for (int my = 0; my < qr->size; my++)
        for (int mx = 0; mx < qr->size; mx++)
            if (ww_qr_dark(qr, mx, my))
                ww_raster_fill(r, x + (QUIET + mx) * scale, y + (QUIET + my) * scale, scale, scale,
                               true);
    return total;
}
