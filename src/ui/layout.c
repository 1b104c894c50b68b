#include "ui/layout.h"

#include <math.h>

/* Body text em sizes per step. Noto Sans' capital is 0.714 em, so 9.5 mm
 * gives a 6.8 mm capital (>= 4.8 mm) and 13 mm a 9.3 mm capital (>= 8.7 mm,
 * the large-text rule at 71 cm). */
static const double body_mm[WW_LAYOUT_SIZES] = {9.5, 11.5, 13.0};

double ww_layout_body_mm(int text_size)
{
    if (text_size < 0)
        text_size = 0;
    if (text_size >= WW_LAYOUT_SIZES)
        text_size = WW_LAYOUT_SIZES - 1;
    return body_mm[text_size];
}

int ww_mm(const struct ww_layout *L, double mm)
{
    return (int)ceil(mm * L->ppm - 1e-9);
}

double ww_px_mm(const struct ww_layout *L, int px)
{
    return px / L->ppm;
}

void ww_layout_init(struct ww_layout *L, const struct ww_screen_geom *g, int w, int h,
                    int text_size, bool lower, bool rtl)
{
    *L = (struct ww_layout){0};
    L->w = w;
    L->h = h;
    L->landscape = w > h;
    double wmm = g->width_mm, hmm = g->height_mm;
    if (wmm <= 0 || hmm <= 0) {
        /* Unknown size: assume a 32-inch 16:9 screen. */
        wmm = 708;
        hmm = 398;
        if (!L->landscape) {
            wmm = 398;
            hmm = 708;
        }
    }
    if ((wmm > hmm) != L->landscape) {
        double t = wmm;
        wmm = hmm;
        hmm = t;
    }
    L->width_mm = wmm;
    L->height_mm = hmm;
    /* Take the larger scale so that a size in mm is at least that size in
     * both directions on a screen with non-square pixels. */
    double px = w / wmm, py = h / hmm;
    L->ppm = px > py ? px : py;
    L->mount_mm = g->mount_mm;
    L->lower = lower;
    L->rtl = rtl;
    if (text_size < 0)
        text_size = 0;
    if (text_size >= WW_LAYOUT_SIZES)
        text_size = WW_LAYOUT_SIZES - 1;
    L->text_size = text_size;

    double body = body_mm[text_size];
    L->margin = ww_mm(L, 10);
    L->gap = ww_mm(L, 5);
    L->target = ww_mm(L, 28);
    L->bar_target = ww_mm(L, 22);
    L->radius = ww_mm(L, 3);
    L->edge = ww_mm(L, 0.8) < 2 ? 2 : ww_mm(L, 0.8);
    L->focus = ww_mm(L, 1.6) < 4 ? 4 : ww_mm(L, 1.6);
    L->body_px = ww_mm(L, body);
    L->button_px = ww_mm(L, body);
    L->title_px = ww_mm(L, body * 1.3);
    L->huge_px = ww_mm(L, body * 3.0);
    /* Secondary text never drops below a 4.8 mm capital. */
    double small = body * 0.85 < 7.0 ? 7.0 : body * 0.85;
    L->small_px = ww_mm(L, small);
    /* The bars grow less than the content: their words must still fit. */
    static const double bar_mm[WW_LAYOUT_SIZES] = {7.0, 7.5, 8.0};
    L->bar_px = ww_mm(L, bar_mm[text_size]);
    L->icon = ww_mm(L, 18);
    L->bar_icon = ww_mm(L, 11);
}

double ww_layout_floor_mm(const struct ww_layout *L, int y)
{
    return L->mount_mm + (L->h - y) / L->ppm;
}

void ww_layout_reach(const struct ww_layout *L, int *top, int *bottom)
{
    *top = 0;
    *bottom = L->h;
    if (L->mount_mm <= 0)
        return;
    /* Row y is at mount + (h - y)/ppm mm: solve for the band's edges. */
    double high = L->lower ? WW_REACH_LOWER_MM : WW_REACH_HIGH_MM;
    double t = L->h - (high - L->mount_mm) * L->ppm;
    double b = L->h - (WW_REACH_LOW_MM - L->mount_mm) * L->ppm;
    *top = t < 0 ? 0 : (int)ceil(t);
    *bottom = b > L->h ? L->h : (int)floor(b);
}

struct ww_rect ww_layout_mirror(const struct ww_layout *L, struct ww_rect r)
{
    if (L->rtl)
        r.x = L->w - r.x - r.w;
    return r;
}
