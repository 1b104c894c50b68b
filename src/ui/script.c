/* Scripted input for end-to-end tests: a text file of commands replayed
 * against the real kiosk (real store, real screens, real rendering) on a
 * virtual clock, under any SDL video driver (offscreen in tests).
 *
 *   tap TARGET            press and release on the target's rectangle, through
 *                         the same hit-testing as a finger
 *   tap-first PREFIX      tap the first target whose name starts with PREFIX
 *   walk [keys]           tap answer:1 (or press the key 1) until the screen is
 *                         no longer a question
 *   touch X Y             press and release at a pixel
 *   key NAME              an SDL key name: Return, Tab, Backspace, F1, Home ...
 *   lang CODE             tap lang:CODE
 *   lower on|off          the "buttons lower" layout
 *   focus TARGET          press Tab (the real key path) until the keypad
 *                         focus is on TARGET; fails when it never gets there
 *                         or a move is not announced (its label said)
 *   wait N[s|m]           move the virtual clock on (idle warning, wipe)
 *   expect screen NAME    screen name ("question") or full id ("question:werk:baan")
 *   expect target NAME | expect no-target NAME
 *   expect text WORDS     some text on screen contains WORDS
 *   expect no-text WORDS
 *   expect warning | expect no-warning
 *   expect lang CODE
 *   expect focus NAME     the keypad focus is on target NAME
 *   expect said WORDS     the last utterance said holds WORDS
 *   expect fresh          nothing of a resident is left
 *   expect side TARGET left|right   which half of the screen the target is on
 *   expect background RRGGBB        the colour of the screen's corner pixel
 *   screenshot NAME       save DIR/NAME.png
 *   describe              print the state in one line
 *   texts                 print every text on screen, "text: ..." a line
 *   # ...                 a comment
 *
 * Every screen a script passes through is also saved as DIR/NNN-SCREEN.png.
 * The first failing line stops the script with file:line: message. */
#include "ui/kiosk.h"

#include "core/ini.h"
#include "core/log.h"
#include "core/session.h"
#include "core/str.h"
#include "ui/input.h"
#include "ui/kiosk_impl.h"
#include "ui/kiosk_staff.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct run {
    struct ww_kiosk *k;
    const char *file;
    int line;
    const char *dir;
    int shots;
    char last[64];
    struct ww_input input;
};

static bool fail(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool fail(struct run *r, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s:%d: %s\n", r->file, r->line, msg);
    return false;
}

static void list_targets(const struct ww_dlist *d, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < d->n_targets; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? " " : "", d->targets[i].name);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

static void safe_name(const char *in, char *out, size_t size)
{
    size_t j = 0;
    for (size_t i = 0; in[i] && j + 1 < size; i++) {
        char c = in[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        out[j++] = ok ? c : '_';
    }
    out[j] = '\0';
}

static bool shoot(struct run *r, const char *name)
{
    if (!r->dir)
        return true;
    char safe[96], path[WW_PATH_SIZE + 128];
    safe_name(name, safe, sizeof safe);
    if (!ww_fmt(path, sizeof path, "%s/%s.png", r->dir, safe))
        return fail(r, "screenshot path too long");
    if (!ww_kiosk_screenshot(r->k, path))
        return fail(r, "could not save %s", path);
    return true;
}

/* A PNG of every screen the script passes through. */
static bool auto_shot(struct run *r)
{
    const struct ww_dlist *d = ww_kiosk_dlist(r->k);
    const struct ww_session *s = ww_kiosk_session(r->k);
    char id[96];
    ww_fmt(id, sizeof id, "%s%s", d->screen, s->warning ? "-warning" : "");
    if (strcmp(id, r->last) == 0)
        return true;
    ww_strlcpy(r->last, id, sizeof r->last);
    char name[128];
    ww_fmt(name, sizeof name, "%03d-%s", ++r->shots, id);
    return shoot(r, name);
}

/* Press and release at (x, y) through the same input path as a finger. */
static bool touch(struct run *r, int x, int y, const char *want)
{
    const struct ww_dlist *d = ww_kiosk_dlist(r->k);
    struct ww_action a;
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = x;
    ev.button.y = y;
    ev.button.timestamp = SDL_GetTicks();
    ww_input_event(&r->input, &ev, d, 0, 0, &a);
    ev.type = SDL_MOUSEBUTTONUP;
    enum ww_input_result res = ww_input_event(&r->input, &ev, d, 0, 0, &a);
    if (res != WW_IN_ACTION) {
        if (want)
            return fail(r, "tap %s: the touch at %d,%d hit nothing", want, x, y);
        return true;
    }
    if (want && strcmp(a.target, want) != 0)
        return fail(r, "tap %s: the touch at %d,%d hit %s", want, x, y, a.target);
    ww_kiosk_act(r->k, &a);
    return true;
}

static bool tap(struct run *r, const char *name)
{
    const struct ww_dlist *d = ww_kiosk_dlist(r->k);
    const struct ww_dtarget *t = ww_dlist_find(d, name);
    if (!t) {
        char list[1024];
        list_targets(d, list, sizeof list);
        return fail(r, "tap %s: not on screen %s (targets: %s)", name, d->screen, list);
    }
    return touch(r, t->r.x + t->r.w / 2, t->r.y + t->r.h / 2, name);
}

static bool has_text(struct ww_kiosk *k, const char *words)
{
    const struct ww_dlist *d = ww_kiosk_dlist(k);
    for (size_t i = 0; i < d->n; i++)
        if (d->cmds[i].kind == WW_D_TEXT && strstr(d->cmds[i].text, words))
            return true;
    return false;
}

/* The text of the last utterance said (not a stop), "" when none. */
static void last_said(struct ww_kiosk *k, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!k->speech)
        return;
    for (size_t i = ww_speech_log_count(k->speech); i-- > 0;) {
        struct ww_speech_utterance u;
        if (ww_speech_log_get(k->speech, i, &u) && u.event == WW_SPEECH_SAID) {
            ww_strlcpy(buf, u.text ? u.text : "", size);
            return;
        }
    }
}

static bool expect(struct run *r, char *what, char *arg)
{
    struct ww_kiosk *k = r->k;
    const struct ww_session *s = ww_kiosk_session(k);
    const struct ww_dlist *d = ww_kiosk_dlist(k);
    if (strcmp(what, "screen") == 0) {
        const char *name = ww_screen_name(s->screen);
        if (strcmp(arg, name) == 0 || strcmp(arg, d->screen) == 0)
            return true;
        return fail(r, "expected screen %s, got %s", arg, d->screen);
    }
    if (strcmp(what, "target") == 0 || strcmp(what, "no-target") == 0) {
        bool there = ww_dlist_find(d, arg) != NULL;
        if (there == (what[0] == 't'))
            return true;
        return fail(r, "expected %s %s on screen %s", what, arg, d->screen);
    }
    if (strcmp(what, "text") == 0 || strcmp(what, "no-text") == 0) {
        bool there = has_text(k, arg);
        if (there == (what[0] == 't'))
            return true;
        return fail(r, "expected %s \"%s\" on screen %s", what, arg, d->screen);
    }
    if (strcmp(what, "warning") == 0 || strcmp(what, "no-warning") == 0) {
        if (s->warning == (what[0] == 'w'))
            return true;
        return fail(r, "expected %s (warning is %s)", what, s->warning ? "up" : "down");
    }
    if (strcmp(what, "lang") == 0) {
        if (strcmp(s->lang, arg) == 0)
            return true;
        return fail(r, "expected language %s, got %s", arg, s->lang);
    }
    if (strcmp(what, "said") == 0) {
        char said[512];
        last_said(k, said, sizeof said);
        if (strstr(said, arg))
            return true;
        return fail(r, "expected the last thing said to hold \"%s\", it was \"%s\"", arg, said);
    }
    if (strcmp(what, "focus") == 0) {
        char buf[WW_TARGET_SIZE];
        const char *f = ww_kiosk_focus(k, buf);
        if (strcmp(f, arg) == 0)
            return true;
        return fail(r, "expected the focus on %s, it is on '%s'", arg, f);
    }
    if (strcmp(what, "fresh") == 0) {
        char why[160];
        if (ww_kiosk_is_fresh(k, why, sizeof why))
            return true;
        return fail(r, "expected a fresh kiosk: %s", why);
    }
    if (strcmp(what, "side") == 0) {
        char *side = strchr(arg, ' ');
        if (!side)
            return fail(r, "expect side TARGET left|right");
        *side++ = '\0';
        const struct ww_dtarget *t = ww_dlist_find(d, arg);
        if (!t)
            return fail(r, "expect side: no target %s on screen %s", arg, d->screen);
        int mid = t->r.x + t->r.w / 2;
        bool left = mid < k->env.w / 2;
        if (left == (strcmp(ww_trim(side), "left") == 0))
            return true;
        return fail(r, "target %s is on the %s", arg, left ? "left" : "right");
    }
    if (strcmp(what, "background") == 0) {
        unsigned long want = strtoul(arg, NULL, 16);
        unsigned got = ww_kiosk_pixel(k, 1, 1);
        if (got == want)
            return true;
        return fail(r, "background is %06X, expected %06lX", got, want);
    }
    return fail(r, "unknown expectation '%s'", what);
}

static bool wait_for(struct run *r, const char *arg)
{
    char buf[32];
    ww_strlcpy(buf, arg, sizeof buf);
    size_t n = strlen(buf);
    long mul = 1;
    if (n && buf[n - 1] == 's') {
        buf[n - 1] = '\0';
    } else if (n && buf[n - 1] == 'm') {
        buf[n - 1] = '\0';
        mul = 60;
    }
    long v;
    if (!ww_parse_int(buf, 0, 86400, &v))
        return fail(r, "wait '%s': not a duration like 30s or 2m", arg);
    ww_kiosk_advance(r->k, (int)(v * mul));
    return true;
}

static bool step(struct run *r, char *line)
{
    char *cmd = ww_trim(line);
    if (!*cmd || *cmd == '#')
        return true;
    char *arg = cmd;
    while (*arg && *arg != ' ' && *arg != '\t')
        arg++;
    if (*arg)
        *arg++ = '\0';
    arg = ww_trim(arg);
    struct ww_kiosk *k = r->k;

    /* The staff mode's commands: hold, type, wait-file, touch-file,
     * staff-check, and keys while staff are in (see kiosk_staff.h). */
    char staff_err[256];
    int staff = ww_kiosk_staff_script(k, cmd, arg, staff_err, sizeof staff_err);
    if (staff >= 0)
        return staff == 1 || fail(r, "%s", staff_err);

    if (strcmp(cmd, "tap") == 0)
        return tap(r, arg);
    if (strcmp(cmd, "tap-first") == 0) {
        const struct ww_dlist *d = ww_kiosk_dlist(k);
        for (size_t i = 0; i < d->n_targets; i++) {
            if (strncmp(d->targets[i].name, arg, strlen(arg)) == 0) {
                char name[WW_TARGET_SIZE];
                ww_strlcpy(name, d->targets[i].name, sizeof name);
                return tap(r, name);
            }
        }
        return fail(r, "tap-first %s: no such target on screen %s", arg, d->screen);
    }
    if (strcmp(cmd, "walk") == 0) {
        /* "walk keys": the number key 1 instead of a tap */
        bool keys = strcmp(arg, "keys") == 0;
        for (int i = 0; i < WW_SESSION_MAX_STEPS; i++) {
            if (ww_kiosk_session(k)->screen != WW_SCREEN_QUESTION)
                return true;
            if (keys) {
                struct ww_action a;
                if (!ww_input_key_action(SDLK_1, &a))
                    return fail(r, "walk keys: the key 1 does nothing");
                ww_kiosk_act(k, &a);
            } else if (!tap(r, "answer:1")) {
                return false;
            }
            if (!auto_shot(r))
                return false;
        }
        return fail(r, "walk: still asking questions after %d answers", WW_SESSION_MAX_STEPS);
    }
    if (strcmp(cmd, "lang") == 0) {
        char t[WW_TARGET_SIZE];
        ww_fmt(t, sizeof t, "lang:%s", arg);
        return tap(r, t);
    }
    if (strcmp(cmd, "touch") == 0) {
        char *y = strchr(arg, ' ');
        long xv, yv;
        if (!y)
            return fail(r, "touch X Y");
        *y++ = '\0';
        if (!ww_parse_int(arg, 0, 100000, &xv) || !ww_parse_int(ww_trim(y), 0, 100000, &yv))
            return fail(r, "touch X Y: numbers please");
        return touch(r, (int)xv, (int)yv, NULL);
    }
    if (strcmp(cmd, "key") == 0) {
        SDL_Keycode key = SDL_GetKeyFromName(arg);
        struct ww_action a;
        if (key == SDLK_UNKNOWN || !ww_input_key_action(key, &a))
            return fail(r, "key '%s' does nothing in the kiosk", arg);
        ww_kiosk_act(k, &a);
        return true;
    }
    if (strcmp(cmd, "focus") == 0) {
        for (int i = 0; i <= WW_SESSION_MAX_TARGETS + 8; i++) {
            char buf[WW_TARGET_SIZE];
            if (strcmp(ww_kiosk_focus(k, buf), arg) == 0)
                return true;
            struct ww_action a;
            if (!ww_input_key_action(SDLK_TAB, &a))
                return fail(r, "focus: the Tab key does nothing");
            size_t before = k->speech ? ww_speech_log_count(k->speech) : 0;
            ww_kiosk_act(k, &a);
            /* Each move is announced: the focused target's label is said. */
            const struct ww_dtarget *t = ww_dlist_find(ww_kiosk_dlist(k), ww_kiosk_focus(k, buf));
            char said[512];
            last_said(k, said, sizeof said);
            if (k->speech && !k->env.speech_off &&
                (!t || ww_speech_log_count(k->speech) <= before || !strstr(said, t->label)))
                return fail(r, "focus: the move to %s was not announced (said \"%s\")", buf, said);
        }
        return fail(r, "focus %s: Tab never reaches it on screen %s", arg,
                    ww_kiosk_dlist(k)->screen);
    }
    if (strcmp(cmd, "wait") == 0)
        return wait_for(r, arg);
    if (strcmp(cmd, "lower") == 0) {
        ww_kiosk_set_lower(k, strcmp(arg, "on") == 0);
        return true;
    }
    if (strcmp(cmd, "expect") == 0) {
        char *rest = arg;
        while (*rest && *rest != ' ')
            rest++;
        if (*rest)
            *rest++ = '\0';
        return expect(r, arg, ww_trim(rest));
    }
    if (strcmp(cmd, "screenshot") == 0)
        return shoot(r, arg);
    if (strcmp(cmd, "describe") == 0) {
        ww_kiosk_describe(k, stdout);
        return true;
    }
    if (strcmp(cmd, "texts") == 0) {
        const struct ww_dlist *d = ww_kiosk_dlist(k);
        for (size_t i = 0; i < d->n; i++)
            if (d->cmds[i].kind == WW_D_TEXT && d->cmds[i].text[0])
                printf("text: %s\n", d->cmds[i].text);
        return true;
    }
    if (strcmp(cmd, "spoken") == 0) {
        ww_kiosk_spoken(k, stdout);
        return true;
    }
    return fail(r, "unknown command '%s'", cmd);
}

int ww_kiosk_run_script(struct ww_kiosk *k, const char *path, const char *shot_dir)
{
    size_t len;
    char *text = ww_read_file(path, 1 << 20, &len);
    if (!text) {
        fprintf(stderr, "wegwijzer kiosk: cannot read script %s\n", path);
        return 1;
    }
    if (shot_dir && mkdir(shot_dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "wegwijzer kiosk: cannot make %s: %s\n", shot_dir, strerror(errno));
        free(text);
        return 1;
    }
    struct run r = {.k = k, .file = path, .dir = shot_dir};
    ww_input_init(&r.input, 0);
    int status = 0;
    char *p = text;
    if (!auto_shot(&r))
        status = 1;
    while (status == 0 && *p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        r.line++;
        if (!step(&r, p) || !auto_shot(&r))
            status = 1;
        if (!nl)
            break;
        p = nl + 1;
    }
    free(text);
    return status;
}
