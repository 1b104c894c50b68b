#include "action.h"

#include "str.h"

#include <string.h>

struct ww_action ww_action_make(enum ww_action_kind kind)
{
    struct ww_action a;
    memset(&a, 0, sizeof a);
    a.kind = kind;
    return a;
}

struct ww_action ww_action_tap(const char *target)
{
    struct ww_action a = ww_action_make(WW_ACT_TAP);
    if (!ww_strlcpy(a.target, target, sizeof a.target))
        a.target[0] = '\0';
    return a;
}

struct ww_action ww_action_idle(int seconds)
{
    struct ww_action a = ww_action_make(WW_ACT_IDLE_TICK);
    a.idle_seconds = seconds;
    return a;
}

static const char *const names[] = {
    [WW_ACT_TAP] = "tap",
    [WW_ACT_BACK] = "back",
    [WW_ACT_RESTART] = "restart",
    [WW_ACT_ACTIVATE] = "activate",
    [WW_ACT_NEXT_FOCUS] = "next-focus",
    [WW_ACT_PREV_FOCUS] = "prev-focus",
    [WW_ACT_READ_ALOUD] = "read",
    [WW_ACT_IDLE_TICK] = "idle",
    [WW_ACT_RESOLVED] = "resolved",
    [WW_ACT_BOOKED] = "booked",
    [WW_ACT_BOOK_FAILED] = "book-failed",
    [WW_ACT_DAY_CHANGED] = "day-changed",
    [WW_ACT_SCANNED] = "scanned",
};

const char *ww_action_name(enum ww_action_kind kind)
{
    if ((unsigned)kind < sizeof names / sizeof names[0] && names[kind])
        return names[kind];
    return "?";
}

bool ww_action_parse(const char *line, struct ww_action *out)
{
    char buf[128];
    if (!ww_strlcpy(buf, line, sizeof buf))
        return false;
    char *s = ww_trim(buf);
    char *arg = s;
    while (*arg && *arg != ' ' && *arg != '\t')
        arg++;
    if (*arg)
        *arg++ = '\0';
    arg = ww_trim(arg);
    if (strcmp(s, "tap") == 0) {
        if (!*arg || strlen(arg) >= WW_TARGET_SIZE)
            return false;
        *out = ww_action_tap(arg);
        return true;
    }
    if (strcmp(s, "idle") == 0) {
        long n;
        if (!ww_parse_int(arg, 0, 86400, &n))
            return false;
        *out = ww_action_idle((int)n);
        return true;
    }
    if (*arg)
        return false;
    static const enum ww_action_kind simple[] = {WW_ACT_BACK,       WW_ACT_RESTART,
                                                 WW_ACT_ACTIVATE,   WW_ACT_NEXT_FOCUS,
                                                 WW_ACT_PREV_FOCUS, WW_ACT_READ_ALOUD};
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++)
        if (strcmp(s, names[simple[i]]) == 0) {
            *out = ww_action_make(simple[i]);
            return true;
        }
    return false;
}

bool ww_action_from_resident(enum ww_action_kind kind)
{
    switch (kind) {
    case WW_ACT_IDLE_TICK:
    case WW_ACT_RESOLVED:
    case WW_ACT_BOOKED:
    case WW_ACT_BOOK_FAILED:
    case WW_ACT_DAY_CHANGED:
    case WW_ACT_SCANNED:
        return false;
    default:
        return true;
    }
}
