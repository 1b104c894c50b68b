/* Screen geometry in millimetres: the kiosk's physical screen (location
 * config [screen]) and the window in pixels give a pixel-per-millimetre
 * scale; every size on screen is chosen in millimetres and converted here.
 *
 *   - touch targets at least 20 mm, gaps at least 2.5 mm (ACCESSIBILITY 11);
 *   - three text sizes; the normal capital is >= 4.8 mm, the largest >= 8.7 mm
 *     (row 10);
 *   - heights above the floor from the screen's mounting height, so controls
 *     out of wheelchair reach (380..1220 mm, row 15) can be found, and a
 *     "buttons lower" layout that keeps every control inside that band.
 *
 * Pure arithmetic, no SDL: usable from tests. A ww_layout is a value. */
#ifndef WW_UI_LAYOUT_H
#define WW_UI_LAYOUT_H

#include "core/config.h"

#include <stdbool.h>

#define WW_TARGET_MIN_MM 20.0
#define WW_GAP_MIN_MM    2.5
#define WW_REACH_LOW_MM  380.0
#define WW_REACH_HIGH_MM 1220.0
/* "Buttons lower" also serves a resident reaching over a counter or a
 * kiosk's ledge (ACCESSIBILITY row 15): every control at most this high. */
#define WW_REACH_LOWER_MM 1120.0
#define WW_LAYOUT_SIZES   3

struct ww_rect {
    int x, y, w, h;
};

struct ww_layout {
    int w, h;   /* window, pixels */
    double ppm; /* pixels per millimetre */
    double width_mm, height_mm;
    int mount_mm; /* lower edge of the screen above the floor; 0 = unknown */
    bool landscape;
    bool lower;    /* "buttons lower": every control within wheelchair reach */
    bool rtl;      /* mirror the layout (Arabic) */
    int text_size; /* 0..WW_LAYOUT_SIZES-1 */

    /* Derived sizes, pixels. */
    int margin, gap, target, bar_target, radius, edge, focus;
    int body_px, title_px, huge_px, small_px, button_px, bar_px;
    int icon, bar_icon;
};

/* Geometry of the physical screen `g` shown in a w×h window. When the
 * window's orientation differs from the configured one, the physical sizes
 * are swapped (the same screen turned). */
void ww_layout_init(struct ww_layout *L, const struct ww_screen_geom *g, int w, int h,
                    int text_size, bool lower, bool rtl);

int ww_mm(const struct ww_layout *L, double mm);
double ww_px_mm(const struct ww_layout *L, int px);

/* Height above the floor of pixel row y, millimetres (needs mount_mm). */
double ww_layout_floor_mm(const struct ww_layout *L, int y);
/* The band of rows within reach: [*top, *bottom): 380..1220 mm above the
 * floor, or 380..1120 mm in the "buttons lower" layout. The whole screen
 * when the mounting height is unknown. */
void ww_layout_reach(const struct ww_layout *L, int *top, int *bottom);

/* Mirror a rectangle for right-to-left layouts (identity otherwise). */
struct ww_rect ww_layout_mirror(const struct ww_layout *L, struct ww_rect r);

/* Em size in millimetres of body text at a text size step. */
double ww_layout_body_mm(int text_size);

#endif
