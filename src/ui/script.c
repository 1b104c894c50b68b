/* Scripted input for end-to-end tests: a text file of commands replayed
 * against the real kiosk (real store, real screens, real rendering) on a
 * virtual clock, under any SDL video driver (offscreen in tests).
 *
 *   tap TARGET            press and release on the target's rectangle, through
 *                         the same hit-testing as a finger
 *   tap-first PREFIX      tap the first target whose name starts with PREFIX
 *   walk [keys]           tap answer:1 (or press the key 1) until the screen is
 *                         no longer a question
 *   walk every-key        every answer of the question on screen by its number
 *                         key, into each question it leads to, Back after
 *                         each; fails when a key is not followed by speech
 *   touch X Y             press and release at a pixel
 *   key NAME              an SDL key name: Return, Tab, Backspace, F1, Home ...;
 *                         Shift+NAME with Shift held
 *   lang CODE             tap lang:CODE
 *   lower on|off          the "buttons lower" layout
 *   focus TARGET          press Tab (the real key path) until the keypad
 *                         focus is on TARGET; fails when it never gets there
 *                         or a move is not announced (its label said)
 *   wait N[s|m|h]         move the virtual clock on (idle warning, wipe)
 *   jump-to YYYY-MM-DDTHH:MM   set the virtual clock without running the
 *                         seconds in between (a kiosk that was stopped)
 *   keys GAP_MS TEXT [Return]  type TEXT key by key GAP_MS apart (10: a
 *                         barcode scanner; 300: a person), then Return,
 *                         through the live loop's input path
 *   age N                 taps from now on carry an SDL timestamp N seconds
 *                         old (input queued while the kiosk was stopped);
 *                         0 ends it
 *   wait-until YYYY-MM-DDTHH:MM   move the virtual clock on to that local
 *                         time (nothing when it is already past)
 *   expect screen NAME    screen name ("question") or full id ("question:werk:baan")
 *   expect target NAME | expect no-target NAME
 *   expect text WORDS     some text on screen contains WORDS
 *   expect no-text WORDS
 *   expect warning | expect no-warning
 *   expect lang CODE
 *   expect focus NAME     the keypad focus is on target NAME
 *   expect said WORDS     the last utterance said holds WORDS
 *   expect no-said WORDS  the last utterance said does not hold WORDS
 *   expect fresh          nothing of a resident is left
 *   expect side TARGET left|right   which half of the screen the target is on
 *   expect place TARGET   the first time: note where the target is; after
 *                         that: it is still there (nothing moved it)
 *   expect background RRGGBB        the colour of the screen's corner pixel
 *   screenshot NAME       save DIR/NAME.png
 *   describe              print the state in one line
 *   texts                 print every text on screen, "text: ..." a line
 *   ticket-lines          print every line of the ticket of the booking on
 *                         screen as it is printed, "ticket: ..." a line
 *   # ...                 a comment
 *
 * For long generated runs (a week of sessions), where what the store says
 * decides the path (a partner full, absent, not here today):
 *   tap-any T1 [T2 ...]   tap the first of these targets on screen; fails
 *                         when none is
 *   tap-if T1 [T2 ...]    the same, but nothing happens when none is
 *   tap-nth PREFIX N      tap the N-th target whose name starts with PREFIX,
 *                         counted round (N modulo their number)
 *   walk pick SEED        answer every question with an answer (or "Ik weet
 *   walk pick-keys SEED   het niet") chosen from SEED; -keys: its number key
 *   on SCREEN COMMAND     run COMMAND only on that screen (name or id; A|B)
 *   expect screen A|B     one of several screens
 *   render on|off         draw every new screen as the live loop would
 *                         (without saving a picture)
 *   spoken-clear          forget the utterances recorded so far
 *   sample LABEL          print "sample LABEL rss_kb=N fds=N font_fds=N heap_kb=N
 *                         texts=N texts_kb=N": this process's resident memory,
 *                         open file descriptors (font files among them), heap
 *                         in use and cached texts
 *
 * Every screen a script passes through is also saved as DIR/NNN-SCREEN.png.
 * The first failing line stops the script with file:line: message. */
#include "ui/kiosk.h"
#include "core/err.h"

#include "core/log.h"
#include "core/session.h"
#include "core/str.h"
#include "ui/input.h"
#include "ui/kiosk_impl.h"
#include "ui/kiosk_staff.h"

#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct run {
    struct ww_kiosk *k;
    const char *file;
    int line;
    const char *dir;
    int shots;
    char last[64];
    bool render; /* draw every new screen (render on) */
    struct ww_input input;
    Uint32 age_ms; /* taps are stamped this long ago (age N) */
    int answers;   /* walk every-key: answers chosen */
    int walked;    /* walk every-key: keys pressed */
    struct {
        char name[WW_TARGET_SIZE];
        struct ww_rect r;
    } placed[8]; /* expect place: where targets were first seen */
    size_t n_placed;
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
    if (!r->dir) {
        /* No pictures wanted: draw it anyway when asked, as the live loop
         * presents every new screen (reading one pixel draws the list). */
        if (r->render)
            ww_kiosk_pixel(r->k, 1, 1);
        return true;
    }
    char name[128];
    ww_fmt(name, sizeof name, "%03d-%s", ++r->shots, id);
    return shoot(r, name);
}

/* Keys as a keyboard or a barcode scanner types them: each character of
 * `text` a key press and its text, `gap_ms` apart on SDL's clock, then
 * Return when `enter`; through the live loop's input path (scanner
 * recognition included), then settled as the loop does once it is quiet. */
static void type_keys(struct run *r, const char *text, Uint32 gap_ms, bool enter)
{
    Uint32 t = SDL_GetTicks();
    SDL_Event ev;
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_KEYDOWN;
        ev.key.timestamp = t;
        ev.key.keysym.sym = (SDL_Keycode)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        ev.key.keysym.mod = c >= 'A' && c <= 'Z' ? KMOD_LSHIFT : KMOD_NONE;
        ww_kiosk_input(r->k, &ev);
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_TEXTINPUT;
        ev.text.timestamp = t;
        ev.text.text[0] = (char)c;
        ww_kiosk_input(r->k, &ev);
        t += gap_ms;
    }
    if (enter) {
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_KEYDOWN;
        ev.key.timestamp = t;
        ev.key.keysym.sym = SDLK_RETURN;
        ww_kiosk_input(r->k, &ev);
    }
    ww_kiosk_input_settle(r->k, t + WW_SCAN_END_MS + WW_SCAN_GAP_MS);
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
    ev.button.timestamp = SDL_GetTicks() - r->age_ms;
    if (ww_input_stale(&r->input, &ev, SDL_GetTicks())) {
        ww_info("script: a tap %u ms old was dropped", (unsigned)r->age_ms);
        return true;
    }
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
    /* On another page of a long screen: turn pages as a resident would. */
    for (int turns = 0; !t && turns < 32; turns++) {
        int page = ww_dlist_page_of(d, name);
        if (page < 0 || page == d->page)
            break;
        const char *turn = page > d->page ? "page:next" : "page:prev";
        const struct ww_dtarget *pt = ww_dlist_find(d, turn);
        if (!pt || !touch(r, pt->r.x + pt->r.w / 2, pt->r.y + pt->r.h / 2, turn))
            break;
        d = ww_kiosk_dlist(r->k);
        t = ww_dlist_find(d, name);
    }
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

/* Something was said after log entry `from` (a stop alone is silence). */
static bool said_since(struct ww_kiosk *k, size_t from)
{
    size_t n = k->speech ? ww_speech_log_count(k->speech) : 0;
    for (size_t i = from; i < n; i++) {
        struct ww_speech_utterance u;
        if (ww_speech_log_get(k->speech, i, &u) && u.event == WW_SPEECH_SAID)
            return true;
    }
    return false;
}

/* An utterance after log entry `from` holds `words`. */
/* `text` without the voice marks ("<voice xml:lang="nl">...</voice>") that
 * Dutch names carry inside other languages. */
static void without_marks(const char *text, char *out, size_t size)
{
    size_t n = 0;
    bool in_tag = false;
    for (const char *p = text; *p && n + 1 < size; p++) {
        if (*p == '<')
            in_tag = true;
        else if (*p == '>' && in_tag)
            in_tag = false;
        else if (!in_tag)
            out[n++] = *p;
    }
    out[n] = '\0';
}

static bool said_since_holding(struct ww_kiosk *k, size_t from, const char *words)
{
    size_t n = k->speech ? ww_speech_log_count(k->speech) : 0;
    for (size_t i = from; i < n; i++) {
        struct ww_speech_utterance u;
        if (!ww_speech_log_get(k->speech, i, &u) || u.event != WW_SPEECH_SAID || !u.text)
            continue;
        char plain[2048];
        without_marks(u.text, plain, sizeof plain);
        if (strstr(plain, words))
            return true;
    }
    return false;
}

/* The screen on display is one of `names` ("question", a full id like
 * "question:werk:baan", or several joined by '|'). */
static bool on_screen(struct ww_kiosk *k, const char *names)
{
    const char *name = ww_screen_name(ww_kiosk_session(k)->screen);
    const char *id = ww_kiosk_dlist(k)->screen;
    const char *p = names;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if ((strlen(name) == n && strncmp(p, name, n) == 0) ||
            (strlen(id) == n && strncmp(p, id, n) == 0))
            return true;
        if (!bar)
            return false;
        p = bar + 1;
    }
}

/* This process's resident memory (kB, from /proc/self/status), its open
 * file descriptors (entries of /proc/self/fd, less the one reading it) and
 * how many of those are font files (the text renderer keeps one per face
 * and pixel size in use, up to a fixed number: render/text.c). */
static void self_usage(long *rss_kb, long *fds, long *font_fds)
{
    *rss_kb = -1;
    *fds = -1;
    *font_fds = -1;
    FILE *f = fopen("/proc/self/status", "r");
    if (f) {
        char line[256];
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "VmRSS:", 6) == 0)
                *rss_kb = strtol(line + 6, NULL, 10);
        fclose(f);
    }
    DIR *dir = opendir("/proc/self/fd");
    if (dir) {
        long n = 0, fonts = 0;
        struct dirent *e;
        while ((e = readdir(dir))) {
            if (e->d_name[0] == '.')
                continue;
            n++;
            char link[64], target[512];
            ww_fmt(link, sizeof link, "/proc/self/fd/%s", e->d_name);
            ssize_t len = readlink(link, target, sizeof target - 1);
            if (len > 4) {
                target[len] = '\0';
                const char *ext = target + len - 4;
                if (strcmp(ext, ".ttf") == 0 || strcmp(ext, ".otf") == 0 ||
                    strcmp(ext, ".ttc") == 0)
                    fonts++;
            }
        }
        closedir(dir);
        *fds = n - 1;
        *font_fds = fonts;
    }
}

/* A small deterministic generator for "walk pick SEED" (xorshift). */
static unsigned long pick_next(unsigned long *state)
{
    unsigned long x = *state ? *state : 0x9E3779B9ul;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return x;
}

/* `event quit | close | key NAME`: an SDL event through SDL's queue into the
 * live loop's handler, as a window manager or a keyboard would send it. */
static bool sdl_event(struct run *r, const char *arg)
{
    SDL_Event ev[2];
    memset(ev, 0, sizeof ev);
    int n = 1;
    if (strcmp(arg, "quit") == 0) {
        ev[0].type = SDL_QUIT;
    } else if (strcmp(arg, "close") == 0) {
        ev[0].type = SDL_WINDOWEVENT;
        ev[0].window.event = SDL_WINDOWEVENT_CLOSE;
        ev[0].window.windowID = r->k->win ? SDL_GetWindowID(r->k->win) : 0;
    } else if (strncmp(arg, "key ", 4) == 0 && SDL_GetKeyFromName(arg + 4) != SDLK_UNKNOWN) {
        ev[0].type = SDL_KEYDOWN;
        ev[0].key.keysym.sym = SDL_GetKeyFromName(arg + 4);
        ev[0].key.state = SDL_PRESSED;
        ev[1] = ev[0];
        ev[1].type = SDL_KEYUP;
        ev[1].key.state = SDL_RELEASED;
        n = 2;
    } else {
        return fail(r, "event quit | close | key NAME");
    }
    SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
    for (int i = 0; i < n; i++) {
        ev[i].common.timestamp = SDL_GetTicks();
        if (SDL_PushEvent(&ev[i]) != 1)
            return fail(r, "event %s: SDL refused it: %s", arg, SDL_GetError());
    }
    SDL_Event got;
    while (SDL_PollEvent(&got) == 1)
        ww_kiosk_event(r->k, &got);
    return true;
}

static bool expect(struct run *r, char *what, char *arg)
{
    struct ww_kiosk *k = r->k;
    const struct ww_session *s = ww_kiosk_session(k);
    const struct ww_dlist *d = ww_kiosk_dlist(k);
    if (strcmp(what, "screen") == 0) {
        if (on_screen(k, arg))
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
    if (strcmp(what, "running") == 0 || strcmp(what, "stopping") == 0) {
        if (ww_kiosk_stopping() == (what[0] == 's'))
            return true;
        return fail(r, "expected the kiosk %s, it is %s", what,
                    ww_kiosk_stopping() ? "stopping" : "running");
    }
    if (strcmp(what, "lang") == 0) {
        if (strcmp(s->lang, arg) == 0)
            return true;
        return fail(r, "expected language %s, got %s", arg, s->lang);
    }
    if (strcmp(what, "said") == 0 || strcmp(what, "no-said") == 0) {
        char said[512];
        last_said(k, said, sizeof said);
        bool want = what[0] == 's';
        if ((strstr(said, arg) != NULL) == want)
            return true;
        return fail(r, "expected the last thing said %s \"%s\", it was \"%s\"",
                    want ? "to hold" : "not to hold", arg, said);
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
    if (strcmp(what, "place") == 0) {
        const struct ww_dtarget *t = ww_dlist_find(d, arg);
        if (!t)
            return fail(r, "expect place: no target %s on screen %s", arg, d->screen);
        for (size_t i = 0; i < r->n_placed; i++) {
            if (strcmp(r->placed[i].name, arg) != 0)
                continue;
            struct ww_rect was = r->placed[i].r;
            if (was.x == t->r.x && was.y == t->r.y && was.w == t->r.w && was.h == t->r.h)
                return true;
            return fail(r, "target %s moved from %d,%d %dx%d to %d,%d %dx%d", arg, was.x, was.y,
                        was.w, was.h, t->r.x, t->r.y, t->r.w, t->r.h);
        }
        if (r->n_placed >= sizeof r->placed / sizeof r->placed[0])
            return fail(r, "expect place: too many targets noted");
        ww_strlcpy(r->placed[r->n_placed].name, arg, sizeof r->placed[0].name);
        r->placed[r->n_placed++].r = t->r;
        return true;
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

/* Move the virtual clock on. The kiosk asks its store worker once a virtual
 * second, and each answer posts a wake-up to SDL's queue, which nothing
 * reads in a scripted run: drop them every ten minutes so that a night or a
 * weekend cannot fill the queue (see ww_kiosk_run_script). */
static void advance(struct ww_kiosk *k, int64_t seconds)
{
    while (seconds > 0) {
        int chunk = seconds > 600 ? 600 : (int)seconds;
        ww_kiosk_advance(k, chunk);
        SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
        seconds -= chunk;
    }
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
    } else if (n && buf[n - 1] == 'h') {
        buf[n - 1] = '\0';
        mul = 3600;
    }
    long v;
    if (!ww_parse_int(buf, 0, 86400, &v))
        return fail(r, "wait '%s': not a duration like 30s or 2m", arg);
    if (v * mul > 86400)
        return fail(r, "wait '%s': at most a day at a time", arg);
    advance(r->k, v * mul);
    return true;
}

static bool wait_until(struct run *r, const char *arg)
{
    int64_t when;
    if (!ww_instant_parse(arg, &when))
        return fail(r, "wait-until '%s': not a local time like 2026-11-24T08:30", arg);
    advance(r->k, when - ww_clock_now(&r->k->app.clock));
    return true;
}

/* The first of the space-separated targets in `list` that is on screen
 * (copied into name), false when none is. */
static bool first_present(struct ww_kiosk *k, const char *list, char *name, size_t size)
{
    const struct ww_dlist *d = ww_kiosk_dlist(k);
    const char *p = list;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        size_t n = strcspn(p, " \t");
        if (n && n < size) {
            memcpy(name, p, n);
            name[n] = '\0';
            if (ww_dlist_find(d, name))
                return true;
        }
        p += n;
    }
    return false;
}

static bool tap_nth(struct run *r, char *arg)
{
    char *num = strchr(arg, ' ');
    long n;
    if (!num)
        return fail(r, "tap-nth PREFIX N");
    *num++ = '\0';
    if (!ww_parse_int(ww_trim(num), 1, 1000000, &n))
        return fail(r, "tap-nth %s: '%s' is not a number from 1", arg, num);
    const struct ww_dlist *d = ww_kiosk_dlist(r->k);
    size_t count = 0;
    for (size_t i = 0; i < d->n_targets; i++)
        if (strncmp(d->targets[i].name, arg, strlen(arg)) == 0)
            count++;
    if (!count)
        return fail(r, "tap-nth %s: no such target on screen %s", arg, d->screen);
    size_t want = (size_t)(n - 1) % count;
    for (size_t i = 0; i < d->n_targets; i++) {
        if (strncmp(d->targets[i].name, arg, strlen(arg)) != 0)
            continue;
        if (want-- == 0) {
            char name[WW_TARGET_SIZE];
            ww_strlcpy(name, d->targets[i].name, sizeof name);
            return tap(r, name);
        }
    }
    return false;
}

/* One key for "walk every-key": something must be said after it. */
static bool spoken_key(struct run *r, SDL_Keycode key, const char *what)
{
    struct ww_kiosk *k = r->k;
    struct ww_action a;
    if (!ww_input_key_action(key, &a))
        return fail(r, "walk every-key: the key %s does nothing", SDL_GetKeyName(key));
    char from[64];
    ww_strlcpy(from, ww_kiosk_dlist(k)->screen, sizeof from);
    size_t before = k->speech ? ww_speech_log_count(k->speech) : 0;
    ww_kiosk_act(k, &a);
    r->walked++;
    if (k->speech && !k->env.speech_off && !said_since(k, before))
        return fail(r, "walk every-key: %s on %s said nothing (now on %s)", what, from,
                    ww_kiosk_dlist(k)->screen);
    return auto_shot(r);
}

/* "walk every-key": from a question, every answer by its number key, into
 * the questions it leads to, and Back to this question after each; every
 * key must be followed by speech, and Back must return here. */
static bool walk_every(struct run *r, int depth)
{
    struct ww_kiosk *k = r->k;
    if (depth > WW_SESSION_MAX_STEPS)
        return fail(r, "walk every-key: deeper than %d questions", WW_SESSION_MAX_STEPS);
    char here[64];
    ww_strlcpy(here, ww_kiosk_dlist(k)->screen, sizeof here);
    char targets[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    size_t nt = ww_session_targets(&k->flows, ww_kiosk_session(k), targets,
                                   sizeof targets / sizeof targets[0]);
    size_t own = 0;
    while (own < nt && strcmp(targets[own], "back") != 0 && strcmp(targets[own], "talk") != 0)
        own++;
    for (size_t i = 1; i <= own && i <= 9; i++) {
        char what[64];
        ww_fmt(what, sizeof what, "the key %zu (%s)", i, targets[i - 1]);
        if (!spoken_key(r, (SDL_Keycode)(SDLK_0 + (int)i), what))
            return false;
        r->answers++;
        if (ww_kiosk_session(k)->screen == WW_SCREEN_QUESTION && !walk_every(r, depth + 1))
            return false;
        if (!spoken_key(r, SDLK_BACKSPACE, "Back"))
            return false;
        if (strcmp(ww_kiosk_dlist(k)->screen, here) != 0)
            return fail(r, "walk every-key: Back after %s led to %s, not %s", what,
                        ww_kiosk_dlist(k)->screen, here);
    }
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
    if (strcmp(cmd, "walk") == 0 && strcmp(arg, "every-key") == 0) {
        if (ww_kiosk_session(k)->screen != WW_SCREEN_QUESTION)
            return fail(r, "walk every-key: not on a question");
        r->answers = 0;
        r->walked = 0;
        if (!walk_every(r, 0))
            return false;
        printf("walked %s: %d answers, %d keys, each followed by speech\n",
               ww_kiosk_dlist(k)->screen, r->answers, r->walked);
        fflush(stdout);
        return true;
    }
    if (strcmp(cmd, "walk") == 0) {
        /* "walk keys": the number key 1 instead of a tap; "walk pick SEED"
         * and "walk pick-keys SEED": an answer chosen from SEED */
        bool pick = strncmp(arg, "pick", 4) == 0;
        bool keys = strcmp(arg, "keys") == 0 || strncmp(arg, "pick-keys", 9) == 0;
        unsigned long seed = 0;
        if (pick) {
            long v;
            char *sp = strchr(arg, ' ');
            if (!sp || !ww_parse_int(ww_trim(sp + 1), 0, 2147483647L, &v))
                return fail(r, "walk %s: a seed number is needed", arg);
            seed = (unsigned long)v * 2654435761ul + 1;
        }
        for (int i = 0; i < WW_SESSION_MAX_STEPS; i++) {
            if (ww_kiosk_session(k)->screen != WW_SCREEN_QUESTION)
                return true;
            /* Answer N (1..9, the Nth own button) or "Ik weet het niet". */
            int n_ans = 0;
            const struct ww_dlist *d = ww_kiosk_dlist(k);
            for (size_t t = 0; t < d->n_targets; t++)
                if (strncmp(d->targets[t].name, "answer:", 7) == 0)
                    n_ans++;
            int choice = 1; /* 1..n_ans, n_ans + 1 = "dontknow" */
            if (pick && n_ans > 0)
                choice = 1 + (int)(pick_next(&seed) % (unsigned long)(n_ans + 1));
            if (keys) {
                struct ww_action a;
                if (choice > 9 || !ww_input_key_action((SDL_Keycode)(SDLK_0 + choice), &a))
                    return fail(r, "walk keys: the key %d does nothing", choice);
                ww_kiosk_act(k, &a);
            } else {
                char t[WW_TARGET_SIZE];
                if (choice > n_ans)
                    ww_strlcpy(t, "dontknow", sizeof t);
                else
                    ww_fmt(t, sizeof t, "answer:%d", choice);
                if (!tap(r, t))
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
        /* "Shift+Tab": the modifier held; arrows as the screen's
         * reading direction makes them (the kiosk's own input state). */
        Uint16 mod = KMOD_NONE;
        if (strncmp(arg, "Shift+", 6) == 0) {
            mod = KMOD_LSHIFT;
            arg += 6;
        }
        SDL_Keycode key = SDL_GetKeyFromName(arg);
        struct ww_action a;
        if (key == SDLK_UNKNOWN || !ww_input_key_action_in(&k->input, key, mod, &a))
            return fail(r, "key '%s' does nothing in the kiosk", arg);
        ww_kiosk_act(k, &a);
        return true;
    }
    if (strcmp(cmd, "event") == 0)
        return sdl_event(r, arg);
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
            if (k->speech && !k->env.speech_off && (!t || !said_since_holding(k, before, t->label)))
                return fail(r, "focus: the move to %s was not announced (said \"%s\")", buf, said);
        }
        return fail(r, "focus %s: Tab never reaches it on screen %s", arg,
                    ww_kiosk_dlist(k)->screen);
    }
    if (strcmp(cmd, "keys") == 0) {
        /* keys GAP_MS TEXT [Return] */
        char *sp = strchr(arg, ' ');
        long gap;
        if (!sp)
            return fail(r, "keys GAP_MS TEXT [Return]");
        *sp++ = '\0';
        if (!ww_parse_int(arg, 0, 5000, &gap))
            return fail(r, "keys '%s': GAP_MS is 0 to 5000", arg);
        char *text = ww_trim(sp);
        size_t n = strlen(text);
        bool enter = n > 7 && strcmp(text + n - 7, " Return") == 0;
        if (enter)
            text[n - 7] = '\0';
        type_keys(r, ww_trim(text), (Uint32)gap, enter);
        return true;
    }
    if (strcmp(cmd, "age") == 0) {
        long v;
        if (!ww_parse_int(arg, 0, 86400, &v))
            return fail(r, "age '%s': seconds, 0 to 86400", arg);
        r->age_ms = (Uint32)v * 1000u;
        return true;
    }
    if (strcmp(cmd, "wait") == 0)
        return wait_for(r, arg);
    if (strcmp(cmd, "wait-until") == 0)
        return wait_until(r, arg);
    if (strcmp(cmd, "jump-to") == 0) {
        int64_t when;
        if (!ww_instant_parse(arg, &when))
            return fail(r, "jump-to '%s': not a local time like 2026-11-24T08:30", arg);
        k->app.now_value = when;
        return true;
    }
    if (strcmp(cmd, "tap-any") == 0 || strcmp(cmd, "tap-if") == 0) {
        char name[WW_TARGET_SIZE];
        if (first_present(k, arg, name, sizeof name))
            return tap(r, name);
        if (cmd[4] == 'i')
            return true;
        return fail(r, "tap-any %s: none on screen %s", arg, ww_kiosk_dlist(k)->screen);
    }
    if (strcmp(cmd, "tap-nth") == 0)
        return tap_nth(r, arg);
    if (strcmp(cmd, "on") == 0) {
        char *rest = arg;
        while (*rest && *rest != ' ' && *rest != '\t')
            rest++;
        if (!*rest)
            return fail(r, "on SCREEN COMMAND");
        *rest++ = '\0';
        if (!on_screen(k, arg))
            return true;
        return step(r, rest);
    }
    if (strcmp(cmd, "render") == 0) {
        r->render = strcmp(arg, "on") == 0;
        return true;
    }
    if (strcmp(cmd, "spoken-clear") == 0) {
        if (k->speech)
            ww_speech_log_clear(k->speech);
        return true;
    }
    if (strcmp(cmd, "sample") == 0) {
        long rss, fds, font_fds;
        self_usage(&rss, &fds, &font_fds);
        /* What explains the curve: the heap in use, and the rendered-text
         * cache (bounded by its budget). */
        struct mallinfo2 mi = mallinfo2();
        struct ww_text_cache_stats cs = {0};
        if (k->dr)
            ww_text_cache_stats(ww_drawer_texts(k->dr), &cs);
        printf("sample %s rss_kb=%ld fds=%ld font_fds=%ld heap_kb=%zu texts=%zu texts_kb=%zu\n",
               arg, rss, fds, font_fds, (mi.uordblks + mi.hblkhd) / 1024, cs.images,
               cs.bytes / 1024);
        fflush(stdout);
        return true;
    }
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
    if (strcmp(cmd, "ticket-lines") == 0) {
        struct ww_ticket *t = calloc(1, sizeof *t);
        if (!t)
            abort();
        bool ok = ww_kiosk_ticket(k, t);
        for (size_t i = 0; ok && i < t->n; i++)
            if (t->lines[i].text[0])
                printf("ticket: %s\n", t->lines[i].text);
        free(t);
        return ok || fail(r, "ticket-lines: no ticket for the booking on screen");
    }
    if (strcmp(cmd, "spoken") == 0) {
        ww_kiosk_spoken(k, stdout);
        return true;
    }
    return fail(r, "unknown command '%s'", cmd);
}

int ww_kiosk_run_script(struct ww_kiosk *k, const char *path, const char *shot_dir)
{
    /* Read line by line: a generated week of sessions is many megabytes,
     * and a pipe works as well as a file. */
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "wegwijzer kiosk: cannot read script %s\n", path);
        return 1;
    }
    if (shot_dir && mkdir(shot_dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "wegwijzer kiosk: cannot make %s: %s\n", shot_dir, ww_errno_text(errno));
        if (f != stdin)
            fclose(f);
        return 1;
    }
    struct run r = {.k = k, .file = path, .dir = shot_dir};
    ww_input_init(&r.input, 0);
    r.input.max_age_ms = k->input.max_age_ms;
    int status = 0;
    if (!auto_shot(&r))
        status = 1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while (status == 0 && (n = getline(&line, &cap, f)) >= 0) {
        if (n > 0 && line[n - 1] == '\n')
            line[n - 1] = '\0';
        r.line++;
        if (!step(&r, line) || !auto_shot(&r))
            status = 1;
        /* Nothing reads SDL's event queue in a scripted run (the kiosk
         * waits for print and store results directly), so drop the wake-ups
         * its worker threads post. Left there they fill the queue (65,535
         * events) and SDL then records an error in each worker thread,
         * storage it never frees for threads it did not create. */
        SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return status;
}
