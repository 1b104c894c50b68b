#include "ui/theme.h"

#include <math.h>

/* The default theme: warm paper background, near-black text, deep blue for
 * the next step and deep green for talking to a person. Calm, no pure white
 * glare, nothing that flashes. */
static const struct ww_theme default_theme = {
    .name = "default",
    .min_text = 4.5,
    .min_control = 3.0,
    .c =
        {
            [WW_C_BG] = {0xF6, 0xF3, 0xEC},          [WW_C_TEXT] = {0x1B, 0x1B, 0x1B},
            [WW_C_MUTED] = {0x4A, 0x47, 0x42},       [WW_C_PANEL] = {0xFF, 0xFF, 0xFF},
            [WW_C_PANEL_TEXT] = {0x1B, 0x1B, 0x1B},  [WW_C_BUTTON] = {0xFF, 0xFF, 0xFF},
            [WW_C_BUTTON_TEXT] = {0x12, 0x2B, 0x45}, [WW_C_BUTTON_EDGE] = {0x2F, 0x5F, 0x8A},
            [WW_C_PRIMARY] = {0x1D, 0x4E, 0x7C},     [WW_C_PRIMARY_TEXT] = {0xFF, 0xFF, 0xFF},
            [WW_C_TALK] = {0x0E, 0x63, 0x4A},        [WW_C_TALK_TEXT] = {0xFF, 0xFF, 0xFF},
            [WW_C_BAR] = {0xE7, 0xE2, 0xD6},         [WW_C_BAR_TEXT] = {0x1B, 0x1B, 0x1B},
            [WW_C_BAR_BUTTON] = {0xFA, 0xF8, 0xF3},  [WW_C_MARK] = {0xD6, 0xE6, 0xF5},
            [WW_C_MARK_TEXT] = {0x0B, 0x22, 0x3A},   [WW_C_FOCUS] = {0xA8, 0x4B, 0x00},
            [WW_C_URGENT] = {0xFD, 0xEB, 0xE7},      [WW_C_URGENT_TEXT] = {0x6B, 0x12, 0x0C},
            [WW_C_URGENT_EDGE] = {0xB0, 0x2A, 0x1E}, [WW_C_PROGRESS] = {0x1D, 0x4E, 0x7C},
            [WW_C_TRACK] = {0xC9, 0xC2, 0xB3},       [WW_C_SHADE] = {0xDD, 0xD8, 0xCC},
            [WW_C_QR_DARK] = {0x00, 0x00, 0x00},     [WW_C_QR_LIGHT] = {0xFF, 0xFF, 0xFF},
        },
};

/* High contrast: black ground, white and yellow text, yellow edges, cyan
 * for what is chosen. The focus ring is violet: a colour of its own, 3:1
 * against black and against the cyan "chosen" fill, so a focused chosen
 * button still shows its ring. */
static const struct ww_theme contrast_theme = {
    .name = "contrast",
    .min_text = 7.0,
    .min_control = 3.0,
    .c =
        {
            [WW_C_BG] = {0x00, 0x00, 0x00},          [WW_C_TEXT] = {0xFF, 0xFF, 0xFF},
            [WW_C_MUTED] = {0xE8, 0xE8, 0xE8},       [WW_C_PANEL] = {0x00, 0x00, 0x00},
            [WW_C_PANEL_TEXT] = {0xFF, 0xFF, 0xFF},  [WW_C_BUTTON] = {0x00, 0x00, 0x00},
            [WW_C_BUTTON_TEXT] = {0xFF, 0xE6, 0x00}, [WW_C_BUTTON_EDGE] = {0xFF, 0xE6, 0x00},
            [WW_C_PRIMARY] = {0xFF, 0xE6, 0x00},     [WW_C_PRIMARY_TEXT] = {0x00, 0x00, 0x00},
            [WW_C_TALK] = {0xFF, 0xFF, 0xFF},        [WW_C_TALK_TEXT] = {0x00, 0x00, 0x00},
            [WW_C_BAR] = {0x00, 0x00, 0x00},         [WW_C_BAR_TEXT] = {0xFF, 0xFF, 0xFF},
            [WW_C_BAR_BUTTON] = {0x00, 0x00, 0x00},  [WW_C_MARK] = {0x00, 0xE5, 0xFF},
            [WW_C_MARK_TEXT] = {0x00, 0x00, 0x00},   [WW_C_FOCUS] = {0xB4, 0x00, 0xFF},
            [WW_C_URGENT] = {0x00, 0x00, 0x00},      [WW_C_URGENT_TEXT] = {0xFF, 0xFF, 0xFF},
            [WW_C_URGENT_EDGE] = {0xFF, 0x8C, 0x7A}, [WW_C_PROGRESS] = {0xFF, 0xE6, 0x00},
            [WW_C_TRACK] = {0x80, 0x80, 0x80},       [WW_C_SHADE] = {0x00, 0x00, 0x00},
            [WW_C_QR_DARK] = {0x00, 0x00, 0x00},     [WW_C_QR_LIGHT] = {0xFF, 0xFF, 0xFF},
        },
};

const struct ww_theme *ww_theme_get(bool high_contrast)
{
    return high_contrast ? &contrast_theme : &default_theme;
}

static double channel(uint8_t v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(struct ww_rgb c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double ww_contrast_ratio(struct ww_rgb a, struct ww_rgb b)
{
    double la = luminance(a), lb = luminance(b);
    if (la < lb) {
        double t = la;
        la = lb;
        lb = t;
    }
    return (la + 0.05) / (lb + 0.05);
}

static const struct ww_theme_pair pairs[] = {
    {WW_C_TEXT, WW_C_BG, WW_PAIR_TEXT},
    {WW_C_MUTED, WW_C_BG, WW_PAIR_TEXT},
    {WW_C_TEXT, WW_C_SHADE, WW_PAIR_TEXT},
    {WW_C_PANEL_TEXT, WW_C_PANEL, WW_PAIR_TEXT},
    {WW_C_BUTTON_TEXT, WW_C_BUTTON, WW_PAIR_TEXT},
    {WW_C_PRIMARY_TEXT, WW_C_PRIMARY, WW_PAIR_TEXT},
    {WW_C_TALK_TEXT, WW_C_TALK, WW_PAIR_TEXT},
    {WW_C_BAR_TEXT, WW_C_BAR, WW_PAIR_TEXT},
    {WW_C_BAR_TEXT, WW_C_BAR_BUTTON, WW_PAIR_TEXT},
    {WW_C_MARK_TEXT, WW_C_MARK, WW_PAIR_TEXT},
    {WW_C_URGENT_TEXT, WW_C_URGENT, WW_PAIR_TEXT},
    {WW_C_BUTTON_EDGE, WW_C_BG, WW_PAIR_CONTROL},
    {WW_C_BUTTON_EDGE, WW_C_BAR, WW_PAIR_CONTROL},
    {WW_C_BUTTON_EDGE, WW_C_PANEL, WW_PAIR_CONTROL},
    {WW_C_BUTTON_EDGE, WW_C_SHADE, WW_PAIR_CONTROL},
    {WW_C_PRIMARY, WW_C_BG, WW_PAIR_CONTROL},
    {WW_C_TALK, WW_C_BG, WW_PAIR_CONTROL},
    {WW_C_TALK, WW_C_BAR, WW_PAIR_CONTROL},
    {WW_C_PRIMARY, WW_C_SHADE, WW_PAIR_CONTROL},
    {WW_C_FOCUS, WW_C_BG, WW_PAIR_CONTROL},
    {WW_C_FOCUS, WW_C_BAR, WW_PAIR_CONTROL},
    {WW_C_FOCUS, WW_C_SHADE, WW_PAIR_CONTROL},
    /* The ring sits 0.5 mm outside the focused control: on a card, beside
     * a button, a bar button, a notice or a chosen (marked) control. */
    {WW_C_FOCUS, WW_C_PANEL, WW_PAIR_CONTROL},
    {WW_C_FOCUS, WW_C_BUTTON, WW_PAIR_CONTROL},
    {WW_C_FOCUS, WW_C_BAR_BUTTON, WW_PAIR_CONTROL},
    {WW_C_FOCUS, WW_C_URGENT, WW_PAIR_CONTROL},
    {WW_C_FOCUS, WW_C_MARK, WW_PAIR_CONTROL},
    {WW_C_URGENT_EDGE, WW_C_BG, WW_PAIR_CONTROL},
    {WW_C_PROGRESS, WW_C_TRACK, WW_PAIR_CONTROL},
    {WW_C_PROGRESS, WW_C_BG, WW_PAIR_CONTROL},
    {WW_C_QR_DARK, WW_C_QR_LIGHT, WW_PAIR_TEXT},
};

const struct ww_theme_pair *ww_theme_pairs(size_t *n)
{
    *n = sizeof pairs / sizeof pairs[0];
    return pairs;
}

const char *ww_role_name(enum ww_role role)
{
    static const char *const names[WW_C_COUNT] = {
        [WW_C_BG] = "bg",
        [WW_C_TEXT] = "text",
        [WW_C_MUTED] = "muted",
        [WW_C_PANEL] = "panel",
        [WW_C_PANEL_TEXT] = "panel-text",
        [WW_C_BUTTON] = "button",
        [WW_C_BUTTON_TEXT] = "button-text",
        [WW_C_BUTTON_EDGE] = "button-edge",
        [WW_C_PRIMARY] = "primary",
        [WW_C_PRIMARY_TEXT] = "primary-text",
        [WW_C_TALK] = "talk",
        [WW_C_TALK_TEXT] = "talk-text",
        [WW_C_BAR] = "bar",
        [WW_C_BAR_TEXT] = "bar-text",
        [WW_C_BAR_BUTTON] = "bar-button",
        [WW_C_MARK] = "mark",
        [WW_C_MARK_TEXT] = "mark-text",
        [WW_C_FOCUS] = "focus",
        [WW_C_URGENT] = "urgent",
        [WW_C_URGENT_TEXT] = "urgent-text",
        [WW_C_URGENT_EDGE] = "urgent-edge",
        [WW_C_PROGRESS] = "progress",
        [WW_C_TRACK] = "track",
        [WW_C_SHADE] = "shade",
        [WW_C_QR_DARK] = "qr-dark",
        [WW_C_QR_LIGHT] = "qr-light",
    };
    return role >= 0 && role < WW_C_COUNT ? names[role] : "?";
}
