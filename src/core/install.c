#include "install.h"

#include "str.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void ww_install_default_assets(char *buf, size_t size)
{
    ww_strlcpy(buf, "assets", size);
    if (is_dir("assets/pictograms"))
        return;
    char exe[512];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return;
    *slash = '\0';
    char cand[600];
    if (ww_fmt(cand, sizeof cand, "%s/../share/wegwijzer/assets", exe) &&
        ww_fmt(buf, size, "%s/pictograms", cand) && is_dir(buf)) {
        ww_strlcpy(buf, cand, size);
        return;
    }
    ww_strlcpy(buf, "assets", size);
}

bool ww_install_load(const struct ww_install_params *p, struct ww_config *cfg,
                     struct ww_flows *flows, bool *flows_loaded, const struct ww_location **loc,
                     struct ww_diags *d)
{
    size_t before = d->count;
    *flows_loaded = false;
    *loc = NULL;
    /* Pictograms help residents who read little: a kiosk without them is
     * not whole either. */
    char picto[WW_PATH_SIZE + 16];
    struct stat sb;
    ww_fmt(picto, sizeof picto, "%s/pictograms", p->assets_dir);
    bool have_picto = stat(picto, &sb) == 0 && S_ISDIR(sb.st_mode);
    if (!have_picto)
        ww_diags_add(d, picto, 0, "the pictograms folder is missing (see --assets)");
    ww_config_load(cfg, p->config_dir, d);
    if (d->count > before)
        return false;
    if (p->location_id) {
        *loc = ww_config_location(cfg, p->location_id);
        if (!*loc) {
            char list[512];
            ww_config_location_ids(cfg, list, sizeof list);
            ww_diags_add(d, p->config_dir, 0, "unknown location '%s' (known: %s)", p->location_id,
                         list);
            return false;
        }
    } else if (cfg->n_locations == 1) {
        *loc = &cfg->locations[0];
    } else if (!p->any_location) {
        ww_diags_add(d, p->config_dir, 0,
                     "--location is needed: this configuration has %zu locations",
                     cfg->n_locations);
        return false;
    }
    char path[WW_PATH_SIZE + 16];
    ww_fmt(path, sizeof path, "%s/flows", p->config_dir);
    ww_flows_load(flows, path, cfg, d);
    *flows_loaded = true;
    /* A missing pictogram is a button drawn without its picture. */
    if (have_picto)
        ww_flows_check_pictograms(flows, picto, d);
    return d->count == before;
}
