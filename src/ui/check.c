/* The layout check: every screen the flows can reach, in every language,
 * at every text size, portrait and landscape, with and without "buttons
 * lower", in both themes. For each draw list it checks:
 *
 *   - no text overflows its box, breaks a word or leaves the screen;
 *   - no two texts overlap;
 *   - every touch target is at least 20 mm each way, has a text label, lies
 *     on the screen and keeps at least 2.5 mm from every other target;
 *   - every text's colour pair is the one the theme test checks (the colour
 *     under the text is the role the text says it sits on) and meets its
 *     contrast ratio;
 *   - in the "buttons lower" layout every control is within wheelchair
 *     reach (380..1220 mm above the floor); in the normal layout controls
 *     out of reach are counted and reported, not failed;
 *   - the capital height of body text in millimetres (4.8 mm; 8.7 mm at the
 *     largest size);
 *   - every pictogram a screen uses exists and loads.
 *
 * States are made by walking the pure session reducer through every answer
 * of every question (resolutions are real, bookings are made up: nothing
 * is written to the store). */
#include "ui/kiosk.h"

#include "core/i18n.h"
#include "core/pin.h"
#include "core/str.h"
#include "ui/kiosk_impl.h"
#include "ui/staff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STATES 1200

/* A state to check: the session and what the kiosk adds around it. */
struct state {
    struct ww_session s;
    bool speech_off;           /* no voice: "Voorlezen niet beschikbaar" */
    enum ww_print_state print; /* the ticket screen's printer line */
};

struct states {
    struct state *s;
    size_t n;
};

static void add_v(struct states *st, const struct ww_session *s, bool speech_off,
                  enum ww_print_state print)
{
    if (st->n < MAX_STATES)
        st->s[st->n++] = (struct state){*s, speech_off, print};
}

static void add(struct states *st, const struct ww_session *s)
{
    add_v(st, s, false, s->screen == WW_SCREEN_TICKET ? WW_PRINT_FAILED : WW_PRINT_NONE);
}

static void step(struct ww_kiosk *k, struct ww_session *s, const struct ww_action *a);

/* Perform the effects the reducer asks for, without touching the store. */
static void effects(struct ww_kiosk *k, struct ww_session *s)
{
    unsigned e = s->effects;
    if (e & WW_EFFECT_RESOLVE) {
        const struct ww_flow_outcome *o = ww_session_outcome(&k->flows, s);
        struct ww_action a = ww_action_make(WW_ACT_RESOLVED);
        if (o)
            ww_flow_resolve(&k->flows, o, &k->bctx, &a.resolution);
        step(k, s, &a);
    }
    if (e & WW_EFFECT_BOOK) {
        struct ww_action a = ww_action_make(WW_ACT_BOOKED);
        const struct ww_resolution *r = &s->resolution;
        struct ww_booking *b = &a.booking;
        b->id = 1;
        ww_strlcpy(b->location, k->app.loc->id, sizeof b->location);
        if (r->partner < k->app.cfg.n_partners)
            ww_strlcpy(b->partner, k->app.cfg.partners[r->partner].id, sizeof b->partner);
        b->day = r->day;
        b->start = r->first_free >= 0 ? r->first_free : 600;
        b->minutes = 30;
        b->desk = 2;
        ww_strlcpy(b->ticket, "W-088", sizeof b->ticket);
        ww_strlcpy(b->check, "ABCDEFGHJK", sizeof b->check);
        step(k, s, &a);
    }
}

static void step(struct ww_kiosk *k, struct ww_session *s, const struct ww_action *a)
{
    struct ww_session in = *s;
    ww_session_step(&k->flows, &in, a, s);
    effects(k, s);
}

static void tap(struct ww_kiosk *k, struct ww_session *s, const char *target)
{
    struct ww_action a = ww_action_tap(target);
    step(k, s, &a);
}

/* Outcome, then its time, confirm and ticket screens, and variants of the
 * outcome for partners here later and nobody here. */
static void walk_outcome(struct ww_kiosk *k, struct states *st, const struct ww_session *at,
                         bool deep)
{
    add(st, at);
    struct ww_session v = *at;
    v.resolution.here = WW_HERE_NONE; /* nobody on site: whom to call */
    add(st, &v);
    v = *at;
    v.resolution.offline = true; /* the store cannot be read */
    add(st, &v);
    v = *at;
    v.resolved = false; /* the store has not answered yet */
    add(st, &v);
    if (!deep || !at->resolved || at->resolution.here == WW_HERE_NONE)
        return;
    struct ww_session s = *at;
    tap(k, &s, "book");
    add(st, &s);
    v = s;
    v.full = true; /* the chosen time went: choose again */
    add(st, &v);
    char targets[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    ww_session_targets(&k->flows, &s, targets, 4);
    tap(k, &s, targets[0]); /* the first time offered */
    add(st, &s);
    static const enum ww_err errs[] = {WW_ERR_UNAVAILABLE, WW_ERR_BUSY};
    for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++) {
        v = s;
        v.book_error = errs[i]; /* store down; another failure */
        add(st, &v);
    }
    v = s;
    v.busy = true;
    add(st, &v);
    tap(k, &s, "confirm");
    /* The ticket with every printer line (failed: the longest, by add()). */
    add(st, &s);
    add_v(st, &s, false, WW_PRINT_NONE);
    add_v(st, &s, false, WW_PRINT_BUSY);
    add_v(st, &s, false, WW_PRINT_OK);
}

/* Take the state a walk reached: a question not seen before is added (true:
 * walk on from it); an outcome not seen before is walked to its ticket. */
static bool enter(struct ww_kiosk *k, struct states *st, const struct ww_session *at, bool *seen_q,
                  size_t q_base, bool *seen_o, size_t o_base)
{
    if (at->screen == WW_SCREEN_QUESTION) {
        if (seen_q[q_base + (size_t)at->question])
            return false;
        seen_q[q_base + (size_t)at->question] = true;
        add(st, at);
        return true;
    }
    if (at->screen == WW_SCREEN_OUTCOME && at->current >= 0) {
        int o = at->visit[at->current].outcome;
        size_t slot = o == WW_FLOW_GENERAL ? 0 : o_base + (size_t)o + 1;
        if (seen_o[slot])
            return false;
        seen_o[slot] = true;
        walk_outcome(k, st, at, o_base == 1 || o == WW_FLOW_GENERAL);
    }
    return false;
}

/* Every question and outcome of a topic, depth first from `start`, with an
 * explicit stack (not recursion: the flow decides how deep a walk goes). At
 * most WW_SESSION_MAX_STEPS answers deep, as a resident can go. */
struct q_frame {
    struct ww_session s; /* on the question */
    size_t next;         /* the answer to try next (n_answers: dontknow) */
};

static void walk_questions(struct ww_kiosk *k, struct states *st, const struct ww_session *start,
                           bool *seen_q, size_t q_base, bool *seen_o, size_t o_base)
{
    struct q_frame *fr = calloc(WW_SESSION_MAX_STEPS + 1, sizeof *fr);
    if (!fr)
        abort(); /* small, fixed */
    size_t n = 0;
    if (enter(k, st, start, seen_q, q_base, seen_o, o_base))
        fr[n++] = (struct q_frame){*start, 0};
    while (n > 0) {
        struct q_frame *f = &fr[n - 1];
        const struct ww_flow_question *q = ww_flows_question(&k->flows, f->s.topic, f->s.question);
        if (!q || f->next > q->n_answers) {
            n--;
            continue;
        }
        size_t i = f->next++;
        /* frame k is k answers deep; this answer leads n deep. */
        if (n > WW_SESSION_MAX_STEPS)
            continue;
        struct ww_session s = f->s;
        char t[WW_TARGET_SIZE];
        if (i == q->n_answers)
            ww_strlcpy(t, "dontknow", sizeof t);
        else
            ww_fmt(t, sizeof t, "answer:%zu", i + 1);
        tap(k, &s, t);
        if (enter(k, st, &s, seen_q, q_base, seen_o, o_base))
            fr[n++] = (struct q_frame){s, 0};
    }
    free(fr);
}

static void make_states(struct ww_kiosk *k, struct states *st)
{
    struct ww_session s = k->s;
    add(st, &s);                        /* attract */
    add_v(st, &s, true, WW_PRINT_NONE); /* ... without a voice */
    tap(k, &s, "start");
    add(st, &s); /* topics */
    add_v(st, &s, true, WW_PRINT_NONE);
    struct ww_session topics = s;

    size_t nq = 0, no = 1;
    for (size_t t = 0; t < k->flows.n_topics; t++) {
        nq += k->flows.topics[t].n_questions;
        no += k->flows.topics[t].n_outcomes;
    }
    bool *seen_q = calloc(nq + 1, 1), *seen_o = calloc(no + 1, 1);
    if (!seen_q || !seen_o)
        abort();
    size_t qb = 0, ob = 1;
    for (size_t t = 0; t < k->flows.n_topics; t++) {
        struct ww_session q = topics;
        char target[WW_TARGET_SIZE];
        ww_fmt(target, sizeof target, "topic:%s", k->flows.topics[t].id);
        tap(k, &q, target);
        walk_questions(k, st, &q, seen_q, qb, seen_o, ob);
        qb += k->flows.topics[t].n_questions;
        ob += k->flows.topics[t].n_outcomes;
    }
    free(seen_q);
    free(seen_o);

    /* Talk to a person from the topics, then the end of a visit. */
    s = topics;
    tap(k, &s, "talk");
    walk_outcome(k, st, &s, true);
    struct ww_session end = st->s[st->n - 4].s; /* the ticket */
    tap(k, &end, "next");
    add(st, &end); /* more */
    tap(k, &end, "more:no");
    add(st, &end); /* rating */
    struct ww_session bye = end;
    tap(k, &bye, "rating:4");
    add(st, &bye);
    /* The idle warning over a question. */
    for (size_t i = 0; i < st->n; i++) {
        if (st->s[i].s.screen == WW_SCREEN_QUESTION) {
            add_v(st, &st->s[i].s, true, WW_PRINT_NONE); /* a question without a voice */
            struct ww_session w = st->s[i].s;
            w.warning = true;
            w.countdown = 30;
            add(st, &w);
            break;
        }
    }
}

/* ---- the checks ---- */

struct ctx {
    FILE *out;
    bool verbose;
    int problems, printed, out_of_reach;
    /* Kinds of control out of reach in the normal layout ("lang", "topic",
     * "answer", ...), with the highest point seen. */
    char reach_kind[24][16];
    double reach_top_mm[24];
    int n_reach_kind;
    double lower_top_mm; /* highest control of the "buttons lower" layout */
    char where[160];
};

static void problem(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct ctx *c, const char *fmt, ...)
{
    c->problems++;
    if (c->printed >= 100000)
        return;
    c->printed++;
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(c->out, "layout: %s: %s\n", c->where, msg);
}

/* The start of a text for messages, cut at a character boundary. */
static const char *clip(const char *s, char *buf, size_t size)
{
    size_t n = 0;
    while (s[n] && n + 4 < size && n < 36)
        n++;
    while (n > 0 && (s[n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

/* A control out of reach in the normal layout: counted, and its kind noted
 * for the report (the "buttons lower" layout is the remedy). */
static void flag_reach(struct ctx *c, const char *name, double top_mm)
{
    c->out_of_reach++;
    char kind[16];
    size_t n = strcspn(name, ":");
    if (n >= sizeof kind)
        n = sizeof kind - 1;
    memcpy(kind, name, n);
    kind[n] = '\0';
    for (int i = 0; i < c->n_reach_kind; i++) {
        if (strcmp(c->reach_kind[i], kind) == 0) {
            if (top_mm > c->reach_top_mm[i])
                c->reach_top_mm[i] = top_mm;
            return;
        }
    }
    if (c->n_reach_kind < 24) {
        ww_strlcpy(c->reach_kind[c->n_reach_kind], kind, sizeof c->reach_kind[0]);
        c->reach_top_mm[c->n_reach_kind++] = top_mm;
    }
}

static bool overlap(struct ww_rect a, struct ww_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static bool contains(struct ww_rect outer, struct ww_rect in)
{
    return in.x >= outer.x && in.y >= outer.y && in.x + in.w <= outer.x + outer.w &&
           in.y + in.h <= outer.y + outer.h;
}

/* Distance between two rectangles that do not overlap, pixels. */
static double distance(struct ww_rect a, struct ww_rect b)
{
    int dx = 0, dy = 0;
    if (a.x + a.w <= b.x)
        dx = b.x - (a.x + a.w);
    else if (b.x + b.w <= a.x)
        dx = a.x - (b.x + b.w);
    if (a.y + a.h <= b.y)
        dy = b.y - (a.y + a.h);
    else if (b.y + b.h <= a.y)
        dy = a.y - (b.y + b.h);
    return sqrt((double)dx * dx + (double)dy * dy);
}

/* The keypad focus ring around target `t` (drawn `focus_pad` outside it)
 * against every filled shape it can sit on or touch: the screen, a bar, a
 * card, the idle veil, a neighbouring button (WCAG 1.4.11: 3:1). Shapes
 * inside the target are the control itself. */
static void check_focus_ring(struct ctx *c, const struct ww_dlist *d, size_t first,
                             const struct ww_dtarget *t)
{
    const struct ww_theme *th = d->theme;
    int pad = d->focus_pad;
    struct ww_rect ring = {t->r.x - pad, t->r.y - pad, t->r.w + 2 * pad, t->r.h + 2 * pad};
    enum ww_role seen[WW_C_COUNT] = {0};
    bool any = false;
    for (size_t j = first; j < d->n; j++) {
        const struct ww_dcmd *r = &d->cmds[j];
        if (r->kind != WW_D_RECT || r->hidden || !overlap(r->r, ring) || contains(t->r, r->r))
            continue;
        seen[r->role] = true;
        any = true;
    }
    if (!any || first == 0)
        seen[WW_C_BG] = true; /* the screen itself */
    for (int role = 0; role < WW_C_COUNT; role++) {
        if (!seen[role])
            continue;
        double ratio = ww_contrast_ratio(th->c[WW_C_FOCUS], th->c[role]);
        if (ratio < th->min_control)
            problem(c, "focus ring of %s: contrast %.2f < %.1f on %s", t->name, ratio,
                    th->min_control, ww_role_name((enum ww_role)role));
    }
}

static void check_list(struct ctx *c, struct ww_drawer *dr, const struct ww_dlist *d,
                       const struct ww_layout *L)
{
    const struct ww_theme *th = d->theme;
    char b1[48], b2[48];
    struct ww_rect screen = {0, 0, L->w, L->h};
    /* Whatever lies under an opaque veil over the whole screen (the idle
     * warning) is not seen: check from the veil on. */
    size_t first = 0;
    for (size_t i = 0; i < d->n; i++)
        if (d->cmds[i].kind == WW_D_RECT && contains(d->cmds[i].r, screen))
            first = i;
    for (size_t i = first; i < d->n; i++) {
        const struct ww_dcmd *t = &d->cmds[i];
        if (t->kind != WW_D_TEXT || !t->text[0] || t->hidden)
            continue;
        if (t->overflow)
            problem(c, "text \"%s\" does not fit its box (%dx%d in %dx%d)",
                    clip(t->text, b1, sizeof b1), t->r.w, t->r.h, t->clip.w, t->clip.h);
        else if (!contains(t->clip, t->r))
            problem(c, "text \"%s\" sticks out of its box", clip(t->text, b1, sizeof b1));
        if (!contains(screen, t->r))
            problem(c, "text \"%s\" leaves the screen", clip(t->text, b1, sizeof b1));
        for (size_t j = i + 1; j < d->n; j++) {
            const struct ww_dcmd *u = &d->cmds[j];
            if (u->kind == WW_D_TEXT && u->text[0] && !u->hidden && overlap(t->r, u->r) &&
                !(u->bg == WW_C_SHADE || t->bg == WW_C_SHADE))
                problem(c, "texts \"%s\" and \"%s\" overlap", clip(t->text, b1, sizeof b1),
                        clip(u->text, b2, sizeof b2));
        }
        /* What lies under the text: the last filled shape that holds it. */
        enum ww_role under = WW_C_BG;
        for (size_t j = first; j < i; j++) {
            const struct ww_dcmd *r = &d->cmds[j];
            if (r->kind == WW_D_RECT && !r->hidden && contains(r->r, t->r))
                under = r->role;
        }
        if (under != t->bg)
            problem(c, "text \"%s\" sits on %s, not on %s", clip(t->text, b1, sizeof b1),
                    ww_role_name(under), ww_role_name(t->bg));
        double ratio = ww_contrast_ratio(th->c[t->role], th->c[under]);
        if (ratio < th->min_text)
            problem(c, "text \"%s\": contrast %.2f < %.1f (%s on %s)", clip(t->text, b1, sizeof b1),
                    ratio, th->min_text, ww_role_name(t->role), ww_role_name(under));
    }

    if (L->lower && d->reach_shrunk > 0)
        problem(c,
                "\"buttons lower\" made the text %d step%s smaller to keep the controls "
                "within %.0f mm of the floor",
                d->reach_shrunk, d->reach_shrunk == 1 ? "" : "s", WW_REACH_LOWER_MM);
    for (size_t i = 0; i < d->n; i++)
        if (d->cmds[i].kind == WW_D_PICTO && !ww_drawer_has_picto(dr, d->cmds[i].name))
            problem(c, "pictogram %s is missing", d->cmds[i].name);

    double min_px = WW_TARGET_MIN_MM * L->ppm - 0.5;
    double gap_px = WW_GAP_MIN_MM * L->ppm - 0.5;
    int reach_top, reach_bottom;
    ww_layout_reach(L, &reach_top, &reach_bottom);
    for (size_t i = 0; i < d->n_targets; i++) {
        const struct ww_dtarget *t = &d->targets[i];
        bool whole = t->r.w >= L->w && t->r.h >= L->h; /* the idle veil */
        if (t->r.w < min_px || t->r.h < min_px)
            problem(c, "target %s is %.1f x %.1f mm (< 20 mm)", t->name, ww_px_mm(L, t->r.w),
                    ww_px_mm(L, t->r.h));
        if (!t->label[0])
            problem(c, "target %s has no text label", t->name);
        if (!contains(screen, t->r))
            problem(c, "target %s leaves the screen", t->name);
        for (size_t j = i + 1; j < d->n_targets && !whole; j++) {
            const struct ww_dtarget *u = &d->targets[j];
            if (u->r.w >= L->w && u->r.h >= L->h)
                continue;
            if (overlap(t->r, u->r))
                problem(c, "targets %s and %s overlap", t->name, u->name);
            else if (distance(t->r, u->r) < gap_px)
                problem(c, "targets %s and %s are %.1f mm apart (< 2.5 mm)", t->name, u->name,
                        ww_px_mm(L, (int)distance(t->r, u->r)));
        }
        if (!whole && d->focus_px > 0)
            check_focus_ring(c, d, first, t);
        if (!whole && L->lower && L->mount_mm > 0 &&
            ww_layout_floor_mm(L, t->r.y) > c->lower_top_mm)
            c->lower_top_mm = ww_layout_floor_mm(L, t->r.y);
        if (!whole && (t->r.y < reach_top || t->r.y + t->r.h > reach_bottom)) {
            if (L->lower)
                problem(c, "target %s is out of wheelchair reach (%.0f..%.0f mm above the floor)",
                        t->name, ww_layout_floor_mm(L, t->r.y + t->r.h),
                        ww_layout_floor_mm(L, t->r.y));
            else
                flag_reach(c, t->name, ww_layout_floor_mm(L, t->r.y));
        }
    }
}

/* The staff screens (Dutch, one text size): the PIN pad and today's
 * partners, plain and with each band staff can meet (store not reachable,
 * store cannot save, printer trouble), in both orientations. */
static void check_staff(struct ww_kiosk *k, struct ctx *c, struct ww_dlist *d, long *lists)
{
    char hash[256];
    if (!ww_pin_hash("2468", hash, sizeof hash)) {
        problem(c, "staff screens: cannot make a PIN to open them");
        return;
    }
    struct ww_staff_ui *u = ww_staff_ui_new(&k->bctx, hash);
    static const char *const variant[] = {"pin", "main", "store down", "store unwritable",
                                          "printer"};
    struct ww_screen_env env = k->env;
    ww_i18n_set("nl");
    ww_staff_ui_enter(u);
    for (size_t v = 0; v < sizeof variant / sizeof variant[0]; v++) {
        if (v == 1) {
            ww_staff_ui_text(u, "2468");
            ww_staff_ui_key(u, SDLK_RETURN, d);
        } else if (v == 2) {
            ww_staff_ui_store_down(u, 9 * 60 + 30);
        } else if (v == 3) {
            ww_staff_ui_store_down(u, -1);
            ww_staff_ui_store_unwritable(u, 9 * 60 + 30);
        } else if (v == 4) {
            ww_staff_ui_store_unwritable(u, -1);
            ww_staff_ui_printer(u, WW_ERR_UNAVAILABLE, "paper out, cover open");
        }
        for (int o = 0; o < 2; o++) {
            env.w = o ? k->env.h : k->env.w;
            env.h = o ? k->env.w : k->env.h;
            ww_staff_ui_build(u, &env, d);
            struct ww_layout L;
            ww_layout_init(&L, &env.geom, env.w, env.h, 0, false, false);
            L.mount_mm = 0; /* staff stand: reach is the residents' rule */
            ww_fmt(c->where, sizeof c->where, "%s staff %s (%s)",
                   env.w > env.h ? "landscape" : "portrait", d->screen, variant[v]);
            check_list(c, k->dr, d, &L);
            (*lists)++;
        }
    }
    ww_staff_ui_free(u);
}

static void check_caps(struct ww_kiosk *k, struct ctx *c)
{
    for (int size = 0; size < WW_LAYOUT_SIZES; size++) {
        struct ww_layout L;
        ww_layout_init(&L, &k->env.geom, k->env.w, k->env.h, size, false, false);
        int cap;
        ww_text_metrics(k->text, L.body_px, false, &cap, NULL);
        double mm = ww_px_mm(&L, cap);
        double need = size == WW_LAYOUT_SIZES - 1 ? 8.7 : 4.8;
        ww_fmt(c->where, sizeof c->where, "text size %d", size);
        if (mm < need)
            problem(c, "capital H of body text is %.1f mm (< %.1f mm)", mm, need);
        else if (c->verbose)
            fprintf(c->out, "layout: text size %d: capital H %.1f mm\n", size, mm);
    }
}

int ww_kiosk_check_layout(struct ww_kiosk *k, FILE *out, bool verbose)
{
    struct ctx c = {.out = out, .verbose = verbose};
    struct states st = {calloc(MAX_STATES, sizeof(struct state)), 0};
    if (!st.s)
        abort();
    make_states(k, &st);
    check_caps(k, &c);

    /* The window as started (the location's screen, or --size) and turned. */
    const int sizes[2][2] = {{k->env.w, k->env.h}, {k->env.h, k->env.w}};
    size_t nl;
    const struct ww_lang *langs = ww_i18n_langs(&nl);
    struct ww_dlist d;
    ww_dlist_init(&d);
    int reach_normal = 0;
    long lists = 0, paged = 0;
    struct ww_screen_env env = k->env;
    for (size_t o = 0; o < 2; o++) {
        for (int lower = 0; lower < 2; lower++) {
            for (size_t li = 0; li < nl; li++) {
                ww_i18n_set(langs[li].code);
                for (int size = 0; size < WW_LAYOUT_SIZES; size++) {
                    for (int contrast = 0; contrast < 2; contrast++) {
                        if (contrast && size != WW_LAYOUT_SIZES - 1)
                            continue;
                        for (size_t i = 0; i < st.n; i++) {
                            struct ww_session s = st.s[i].s;
                            ww_strlcpy(s.lang, langs[li].code, sizeof s.lang);
                            s.text_size = size;
                            s.contrast = contrast;
                            env.w = sizes[o][0];
                            env.h = sizes[o][1];
                            env.lower = lower;
                            env.print = st.s[i].print;
                            env.speech_off = st.s[i].speech_off;
                            ww_strlcpy(env.room, "Spreekkamer 3", sizeof env.room);
                            env.desks = 2;
                            struct ww_layout L;
                            ww_screen_layout(&env, &s, &L);
                            /* Every page of a screen too long for one. */
                            int pages = 1;
                            for (int page = 0; page < pages; page++) {
                                env.page = page;
                                ww_screen_build(&env, &s, &d);
                                pages = d.pages;
                                if (page == 0 && pages > 1)
                                    paged++;
                                ww_fmt(c.where, sizeof c.where, "%s %s size %d%s%s %s%s%s%s",
                                       env.w > env.h ? "landscape" : "portrait", langs[li].code,
                                       size, lower ? " lower" : "", contrast ? " contrast" : "",
                                       d.screen, s.warning ? " (warning)" : "",
                                       env.speech_off ? " (no voice)" : "",
                                       pages > 1 ? " (page)" : "");
                                if (pages > 1) {
                                    size_t n = strlen(c.where);
                                    ww_fmt(c.where + n - 1, sizeof c.where - n + 1, " %d of %d)",
                                           page + 1, pages);
                                }
                                if (verbose && page == 0 && pages > 1)
                                    fprintf(out, "layout: %s: split into %d pages\n", c.where,
                                            pages);
                                int before = c.out_of_reach;
                                check_list(&c, k->dr, &d, &L);
                                if (!lower)
                                    reach_normal += c.out_of_reach - before;
                                lists++;
                            }
                            env.page = 0;
                        }
                    }
                }
            }
        }
    }
    check_staff(k, &c, &d, &lists);
    ww_i18n_set(k->s.lang);
    ww_dlist_destroy(&d);
    free(st.s);
    fprintf(out,
            "layout: %zu states x %zu languages x %d sizes x 2 orientations x 2 layouts "
            "(+ high contrast): %ld screens checked\n",
            st.n, nl, WW_LAYOUT_SIZES, lists);
    fprintf(out, "layout: %ld screens split into pages (too long for one at that text size)\n",
            paged);
    fprintf(out,
            "layout: normal layout: %d controls out of wheelchair reach (use \"buttons "
            "lower\"); lower layout: all within reach unless listed above\n",
            reach_normal);
    if (c.lower_top_mm > 0)
        fprintf(out,
                "layout: \"buttons lower\": highest control %.0f mm above the floor (<= %.0f mm)\n",
                c.lower_top_mm, WW_REACH_LOWER_MM);
    for (int i = 0; i < c.n_reach_kind; i++)
        fprintf(out,
                "layout: out of reach in the normal layout: %s (up to %.0f mm above the floor)\n",
                c.reach_kind[i], c.reach_top_mm[i]);
    fprintf(out, "layout: %d problem%s\n", c.problems, c.problems == 1 ? "" : "s");
    return c.problems;
}
