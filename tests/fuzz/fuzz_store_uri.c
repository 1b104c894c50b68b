/* Fuzz target: a store target as a location file or --store gives it
 * (postgresql:// and postgres:// URIs, libpq keyword strings, sqlite:FILE),
 * through the masking every message, log line and screen uses. Built with
 * libpq, libpq itself is the judge: from the masked text it must read no
 * password but "***" (and where the masked text no longer parses, the
 * password it read from the input must not be in it). */
#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef WW_WITH_PG
#include <libpq-fe.h>
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef WW_WITH_PG
static bool secret(const char *key)
{
    return strcmp(key, "password") == 0 || strcmp(key, "sslpassword") == 0;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void judge(const char *in, const char *out)
{
    char *perr = NULL;
    PQconninfoOption *before = PQconninfoParse(in, &perr);
    PQfreemem(perr);
    if (!before)
        return;
    perr = NULL;
    PQconninfoOption *after = PQconninfoParse(out, &perr);
    PQfreemem(perr);
    /* The masked text is for reading, not connecting: a mistyped URI may be
     * masked more widely than libpq reads it and then no longer parse; the
     * password it read must then be gone from at least one place. */
    for (PQconninfoOption *o = before; !after && o->keyword; o++)
        if (secret(o->keyword) && o->val && strlen(o->val) >= 4 && count(out, o->val) > 0 &&
            count(out, o->val) >= count(in, o->val))
            __builtin_trap();
    for (PQconninfoOption *o = after; o && o->keyword; o++)
        if (secret(o->keyword) && o->val && *o->val && strcmp(o->val, "***") != 0)
            __builtin_trap();
    PQconninfoFree(before);
    PQconninfoFree(after);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char in[512];
    size_t n = size < sizeof in - 1 ? size : sizeof in - 1;
    memcpy(in, data, n);
    in[n] = '\0';
    /* Room for "***" in place of every byte: never cut short here. */
    char out[4 * sizeof in];
    ww_store_mask(in, out, sizeof out);
    if (strlen(out) >= sizeof out)
        __builtin_trap();
    char small[24];
    ww_store_mask(in, small, sizeof small);
    if (strlen(small) >= sizeof small)
        __builtin_trap();
    char err[4 * sizeof in];
    ww_store_mask_error(in, err, sizeof err);
#ifdef WW_WITH_PG
    judge(in, out);
#endif
    return 0;
}
