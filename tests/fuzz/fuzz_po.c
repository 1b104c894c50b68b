/* Fuzz target: a PO file from a translator, read by `flow check`. */
#include "i18n.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ww_po po;
    if (!ww_po_parse(&po, (const char *)data, size))
        return 0;
    for (size_t i = 0; i < po.n; i++) {
        /* Every entry has a msgid and finds itself (or an earlier twin). */
        if (!po.entries[i].msgid[0])
            __builtin_trap();
        ww_po_get(&po, po.entries[i].msgid);
    }
    ww_po_destroy(&po);
    return 0;
}
