/* Fuzz target: the printer URI a municipality writes in a location file, and
 * the status bytes a printer sends back. The first byte picks the part. */
#include "escpos.h"
#include "printer.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] & 1) {
        /* Status answers: never more than the documented flags. */
        for (size_t i = 1; i < size; i++) {
            struct ww_printer_status st = {0};
            int n = 1 + (int)(i % 4);
            if (!ww_escpos_status_apply(n, data[i], &st)) {
                struct ww_printer_status zero = {0};
                if (memcmp(&st, &zero, sizeof st) != 0)
                    __builtin_trap(); /* a refused byte changed the status */
            }
            ww_escpos_paper_apply(data[i], &st);
        }
        return 0;
    }
    /* Opening parses only: no file, socket or program is touched. */
    char uri[512];
    size_t n = size - 1 < sizeof uri - 1 ? size - 1 : sizeof uri - 1;
    memcpy(uri, data + 1, n);
    uri[n] = '\0';
    char err[256] = "";
    struct ww_printer *p = ww_printer_open(uri, "/nonexistent", err, sizeof err);
    if (p) {
        int w = ww_printer_width(p);
        if (w != 576 && w != 384)
            __builtin_trap();
        ww_printer_free(p);
    } else if (!err[0]) {
        __builtin_trap(); /* a refusal always says why */
    }
    return 0;
}
