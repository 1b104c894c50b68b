/* Fuzz target: what a staff scanner or keyboard sends as a ticket code. */
#include "code.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[256];
    size_t n = size < sizeof buf - 1 ? size : sizeof buf - 1;
    memcpy(buf, data, n);
    buf[n] = '\0';
    struct ww_code_input in;
    if (ww_code_parse(buf, &in)) {
        /* Whatever is accepted is well-formed. */
        if (in.kind == WW_CODE_QR && strlen(in.check) != WW_CHECK_LEN)
            __builtin_trap();
        if (in.kind == WW_CODE_TICKET && strlen(in.ticket) != 5)
            __builtin_trap();
    }
    return 0;
}
