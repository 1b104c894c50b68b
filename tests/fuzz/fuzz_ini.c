/* Fuzz target: the INI reader and the config key tables, through a whole
 * config folder made of the input (partners.ini, closed.ini and one
 * location file are cut from the input at NUL-free separators). */
#include "config.h"
#include "ini.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool any(void *ctx, const struct ww_ini_item *it)
{
    (void)ctx;
    return it->line >= 0;
}

static char dir[64];

static void put(const char *rel, const uint8_t *data, size_t n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fwrite(data, 1, n, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ww_diags d;
    ww_diags_init(&d);
    ww_ini_parse((const char *)data, size, "fuzz.ini", &d, any, NULL);
    ww_diags_destroy(&d);

    if (!*dir) {
        snprintf(dir, sizeof dir, "/tmp/ww-fuzz-ini-%d", (int)getpid());
        mkdir(dir, 0700);
        char sub[96];
        snprintf(sub, sizeof sub, "%s/locations", dir);
        mkdir(sub, 0700);
    }
    /* Split the input in three parts at '\x01' bytes. */
    const uint8_t *parts[3] = {data, data, data};
    size_t lens[3] = {size, 0, 0};
    const uint8_t *p1 = memchr(data, 1, size);
    if (p1) {
        lens[0] = (size_t)(p1 - data);
        parts[1] = p1 + 1;
        lens[1] = size - lens[0] - 1;
        const uint8_t *p2 = memchr(parts[1], 1, lens[1]);
        if (p2) {
            lens[1] = (size_t)(p2 - parts[1]);
            parts[2] = p2 + 1;
            lens[2] = size - lens[0] - lens[1] - 2;
        }
    }
    put("partners.ini", parts[0], lens[0]);
    put("locations/x.ini", parts[1], lens[1]);
    put("closed.ini", parts[2], lens[2]);
    struct ww_config cfg;
    ww_diags_init(&d);
    ww_config_load(&cfg, dir, &d);
    ww_diags_destroy(&d);
    ww_config_destroy(&cfg);
    return 0;
}
