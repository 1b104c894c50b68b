/* Fuzz target: the spoken form of a text (say.h), in every language, with
 * names; the prepared text splits into voice runs that cover it exactly. */
#include "say.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[] = {"nl", "en", "tr", "pl", "uk", "ar"};
    static const char *const names[] = {"Het Juridisch Loket", "Weener XL", "Balie 2", NULL};
    static char text[4096], out[4096 * 24 + 256];
    if (size >= sizeof text)
        size = sizeof text - 1;
    memcpy(text, data, size);
    text[size] = '\0';
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        /* a small buffer too: false and a NUL-terminated prefix, never more */
        size_t sizes[2] = {sizeof out, 64};
        for (int k = 0; k < 2; k++) {
            ww_say_prepare(langs[l], names, text, out, sizes[k]);
            size_t len = strnlen(out, sizes[k]);
            if (len >= sizes[k])
                __builtin_trap();
            size_t covered = 0;
            for (const char *s = out; *s;) {
                bool dutch;
                const char *w;
                size_t n;
                size_t step = ww_say_run(s, &dutch, &w, &n);
                if (step == 0 || step > strlen(s) || w < s || w + n > s + step)
                    __builtin_trap();
                s += step;
                covered += step;
            }
            if (covered != len)
                __builtin_trap();
        }
    }
    return 0;
}
