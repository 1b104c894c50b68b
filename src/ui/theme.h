/* Colours of the resident screens: a calm default theme and a high-contrast
 * theme. Screens draw with roles, never with literal colours, so that every
 * text/background pair that can appear is listed here and its contrast is
 * checked by a test (WCAG 1.4.3, 1.4.6, 1.4.11: text >= 4.5:1, high contrast
 * >= 7:1, controls and the focus ring >= 3:1).
 *
 * Pure data and arithmetic: no SDL, usable from tests. Nothing to free. */
#ifndef WW_UI_THEME_H
#define WW_UI_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ww_rgb {
    uint8_t r, g, b;
};

enum ww_role {
    WW_C_BG,    /* the screen */
    WW_C_TEXT,  /* body text on the screen */
    WW_C_MUTED, /* secondary text on the screen */
    WW_C_PANEL, /* a card (outcome, ticket) */
    WW_C_PANEL_TEXT,
    WW_C_BUTTON, /* an answer or topic button */
    WW_C_BUTTON_TEXT,
    WW_C_BUTTON_EDGE, /* the button's outline: the control boundary */
    WW_C_PRIMARY,     /* the main next step (start, book, confirm) */
    WW_C_PRIMARY_TEXT,
    WW_C_TALK, /* "Praat met een medewerker" */
    WW_C_TALK_TEXT,
    WW_C_BAR, /* the bars of always-present controls */
    WW_C_BAR_TEXT,
    WW_C_BAR_BUTTON,
    WW_C_MARK, /* a chosen answer, an active setting */
    WW_C_MARK_TEXT,
    WW_C_FOCUS,  /* the keypad focus ring */
    WW_C_URGENT, /* urgent notice background */
    WW_C_URGENT_TEXT,
    WW_C_URGENT_EDGE,
    WW_C_PROGRESS, /* the filled part of the progress line */
    WW_C_TRACK,    /* its empty part */
    WW_C_SHADE,    /* the veil behind the idle warning (drawn opaque) */
    WW_C_QR_DARK,
    WW_C_QR_LIGHT,
    WW_C_COUNT
};

struct ww_theme {
    const char *name;   /* "default", "contrast" */
    double min_text;    /* required ratio for text: 4.5 or 7 */
    double min_control; /* for control edges and focus: 3 */
    struct ww_rgb c[WW_C_COUNT];
};

const struct ww_theme *ww_theme_get(bool high_contrast);

/* WCAG 2.x contrast ratio of two colours (1..21). */
double ww_contrast_ratio(struct ww_rgb a, struct ww_rgb b);

/* Every pair the screens draw: text `fg` on `bg` (kind TEXT), or a control
 * boundary `fg` against `bg` (kind CONTROL). */
enum ww_pair_kind { WW_PAIR_TEXT, WW_PAIR_CONTROL };
struct ww_theme_pair {
    enum ww_role fg, bg;
    enum ww_pair_kind kind;
};
const struct ww_theme_pair *ww_theme_pairs(size_t *n);

const char *ww_role_name(enum ww_role role);

#endif
