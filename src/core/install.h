/* The installation a kiosk runs from, loaded and judged in one place: the
 * kiosk's start (out of order when it fails) and `wegwijzer config check`
 * call the same function, so what the check calls whole is what the kiosk
 * runs, and what would put the kiosk out of order fails the check.
 *
 * Judged: the pictograms folder and every pictogram the flows name, the
 * configuration (partners, locations, closed days, printer and store kinds),
 * the location asked for, and the question flows against the partners.
 * Not judged here (the kiosk finds them later): whether the store can be
 * reached, the fonts and the screen. */
#ifndef WW_INSTALL_H
#define WW_INSTALL_H

#include "config.h"
#include "diag.h"
#include "flow.h"

#include <stdbool.h>
#include <stddef.h>

struct ww_install_params {
    const char *config_dir; /* kiosk-config */
    const char *assets_dir; /* holds pictograms/ */
    /* The kiosk's location; NULL: the configuration's only one, or (when
     * any_location) none in particular. */
    const char *location_id;
    bool any_location; /* config check without --location */
};

/* The assets folder to use when none is given: "assets" when it has
 * pictograms/ (a source tree), else PREFIX/share/wegwijzer/assets beside the
 * running program (bin/wegwijzer, as `make install` lays it out) when that
 * exists, else "assets". The kiosk and `config check` both use it. */
void ww_install_default_assets(char *buf, size_t size);

/* Load into `cfg` (always; destroy it either way) and, when the
 * configuration is whole, the flows into `flows` (*flows_loaded then true;
 * destroy them when it is). Every problem goes to `d` as file:line: message;
 * the flows are read only when the configuration has none (otherwise every
 * partner they name would be reported too). *loc is the location (NULL with
 * any_location and several locations). True when there is no problem. */
bool ww_install_load(const struct ww_install_params *p, struct ww_config *cfg,
                     struct ww_flows *flows, bool *flows_loaded, const struct ww_location **loc,
                     struct ww_diags *d);

#endif
