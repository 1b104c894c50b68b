#include "session.h"

#include "i18n.h"
#include "str.h"

#include <stdlib.h>
#include <string.h>

static const char *const screen_names[WW_SCREEN_COUNT] = {
    [WW_SCREEN_ATTRACT] = "attract",   [WW_SCREEN_TOPICS] = "topics",
    [WW_SCREEN_QUESTION] = "question", [WW_SCREEN_OUTCOME] = "outcome",
    [WW_SCREEN_TIME] = "time",         [WW_SCREEN_CONFIRM] = "confirm",
    [WW_SCREEN_TICKET] = "ticket",     [WW_SCREEN_MORE] = "more",
    [WW_SCREEN_RATING] = "rating",     [WW_SCREEN_GOODBYE] = "goodbye",
};

const char *ww_screen_name(enum ww_screen screen)
{
    return (unsigned)screen < WW_SCREEN_COUNT ? screen_names[screen] : "?";
}

/* The state of a new visit; the place's settings survive. */
static struct ww_session fresh(const struct ww_session_params *params)
{
    struct ww_session s = {.params = *params};
    s.screen = WW_SCREEN_ATTRACT;
    ww_strlcpy(s.lang, params->default_lang, sizeof s.lang);
    s.focus = -1;
    s.topic = -1;
    s.question = -1;
    s.current = -1;
    s.talk_from = WW_SCREEN_ATTRACT;
    s.last_item = -1;
    s.book_error = WW_OK;
    s.time = WW_TIME_NONE;
    s.volume = params->volume > 0 ? params->volume : WW_SESSION_VOLUME_DEFAULT;
    return s;
}

const int ww_session_volume_steps[WW_SESSION_VOLUME_STEPS] = {40, 55, 70, 85, 100};

int ww_session_volume_step(int percent)
{
    int best = 0;
    for (int i = 1; i < WW_SESSION_VOLUME_STEPS; i++) {
        int d = abs(ww_session_volume_steps[i] - percent);
        if (d < abs(ww_session_volume_steps[best] - percent))
            best = i;
    }
    return best + 1;
}

/* One step louder (`dir` 1) or softer (-1) from `percent`; at the end of the
 * range it stays, or with `wrap` goes round to the other end. */
static int volume_step(int percent, int dir, bool wrap)
{
    const int *v = ww_session_volume_steps, n = WW_SESSION_VOLUME_STEPS;
    if (dir > 0) {
        for (int i = 0; i < n; i++)
            if (v[i] > percent)
                return v[i];
        return wrap ? v[0] : percent;
    }
    for (int i = n - 1; i >= 0; i--)
        if (v[i] < percent)
            return v[i];
    return wrap ? v[n - 1] : percent;
}

void ww_session_init(struct ww_session *s, const struct ww_session_params *params)
{
    struct ww_session_params p = {.idle_seconds = 60, .warn_seconds = 30, .default_lang = "nl"};
    if (params)
        p = *params;
    if (!ww_i18n_find(p.default_lang))
        ww_strlcpy(p.default_lang, "nl", sizeof p.default_lang);
    *s = fresh(&p);
}

/* End the visit: ask the caller to record the old state, wipe in one
 * assignment, and switch the language back when it was changed. */
static void wipe(struct ww_session *s, const struct ww_session *in)
{
    unsigned effects = s->effects;
    bool had_visit = in->screen != WW_SCREEN_ATTRACT || in->n_visit > 0;
    bool lang_changed = strcmp(in->lang, in->params.default_lang) != 0;
    *s = fresh(&in->params);
    s->effects =
        effects | (had_visit ? WW_EFFECT_RECORD : 0u) | (lang_changed ? WW_EFFECT_LANGUAGE : 0u);
}

/* The pending outcome to show next: most urgent, ties to the newest. */
static int most_urgent_pending(const struct ww_session *s)
{
    int best = -1;
    for (int i = 0; i < s->n_visit; i++)
        if (s->visit[i].state == WW_VISIT_PENDING &&
            (best < 0 || s->visit[i].urgency >= s->visit[best].urgency))
            best = i;
    return best;
}

/* "Kies een tijd" is offered when someone can be booked and the store
 * answered; with the store down the outcome still shows who helps. */
static bool bookable(const struct ww_session *s)
{
    return s->resolved && s->resolution.here != WW_HERE_NONE && !s->resolution.offline;
}

static void show_outcome(struct ww_session *s, int item)
{
    s->current = item;
    s->screen = WW_SCREEN_OUTCOME;
    s->resolved = false;
    s->time = WW_TIME_NONE;
    s->full = false;
    s->book_error = WW_OK;
    s->effects |= WW_EFFECT_RESOLVE;
}

static void add_visit(const struct ww_flows *flows, struct ww_session *s, int topic, int outcome,
                      bool by_talk)
{
    const struct ww_flow_outcome *o = ww_flows_outcome(flows, topic, outcome);
    /* A full visit list reuses the last place: the kiosk keeps going. */
    int i = s->n_visit < WW_SESSION_MAX_VISIT ? s->n_visit++ : WW_SESSION_MAX_VISIT - 1;
    struct ww_visit_item *v = &s->visit[i];
    memset(v, 0, sizeof *v);
    v->topic = outcome == WW_FLOW_GENERAL && by_talk ? -1 : topic;
    v->outcome = outcome;
    v->urgency = o ? o->urgency : 0;
    v->by_talk = by_talk;
    v->state = WW_VISIT_PENDING;
    v->day = WW_DAY_NONE;
    v->start = -1;
    show_outcome(s, most_urgent_pending(s));
}

/* After an outcome is booked or declined: the next pending one, or "more". */
static void after_item(struct ww_session *s)
{
    s->last_item = s->current;
    int next = most_urgent_pending(s);
    if (next >= 0) {
        show_outcome(s, next);
        return;
    }
    s->current = -1;
    s->screen = WW_SCREEN_MORE;
}

/* Mark what happened at a question of this visit (see struct ww_seen). */
static void mark_seen(struct ww_session *s, int topic, int question, unsigned char mark)
{
    if (topic < 0 || question < 0)
        return;
    for (int i = 0; i < s->n_seen; i++)
        if (s->seen[i].topic == topic && s->seen[i].question == question) {
            s->seen[i].marks |= mark;
            return;
        }
    if (s->n_seen < WW_SESSION_MAX_SEEN)
        s->seen[s->n_seen++] = (struct ww_seen){(short)topic, (short)question, mark};
}

static void choose(const struct ww_flows *flows, struct ww_session *s, int answer)
{
    const struct ww_flow_question *q = ww_flows_question(flows, s->topic, s->question);
    if (!q || s->n_steps >= WW_SESSION_MAX_STEPS)
        return;
    if (answer > (int)q->n_answers || answer > WW_FLOW_MAX_ANSWERS || answer < 0)
        return;
    const struct ww_flow_ref *r = answer ? &q->answers[answer - 1].target : &q->dontknow;
    if (r->kind == WW_NODE_NONE)
        return;
    if (answer == 0)
        mark_seen(s, s->topic, s->question, WW_SEEN_DONTKNOW);
    int k = s->n_steps;
    /* The same answer as before keeps the answers given after it; another
     * answer starts a new branch. */
    if (!(k < s->n_kept && s->path[k].question == s->question && s->path[k].answer == answer)) {
        s->path[k] = (struct ww_step){s->question, answer};
        s->n_kept = k + 1;
    }
    s->n_steps = k + 1;
    if (r->kind == WW_NODE_QUESTION) {
        s->question = r->index;
        s->screen = WW_SCREEN_QUESTION;
        mark_seen(s, s->topic, s->question, WW_SEEN_REACHED);
    } else {
        add_visit(flows, s, s->topic, r->index, false);
    }
}

static bool has_prefix(const char *s, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);
    if (strncmp(s, prefix, n) != 0)
        return false;
    *rest = s + n;
    return true;
}

static int small_number(const char *s, int min, int max)
{
    long n;
    return ww_parse_int(s, min, max, &n) ? (int)n : -1;
}

/* "Back" from MORE: the item just handled, so its outcome (with the phone
 * numbers) or its ticket is never lost by one tap. Declined: the outcome,
 * pending again; booked: its ticket (booked stays booked, nothing printed). */
static bool more_has_back(const struct ww_session *s)
{
    if (s->last_item < 0 || s->last_item >= s->n_visit)
        return false;
    enum ww_visit_state st = s->visit[s->last_item].state;
    return st == WW_VISIT_NO_BOOKING || (st == WW_VISIT_BOOKED && s->bookings > 0);
}

static void back(struct ww_session *s, const struct ww_session *in)
{
    switch (s->screen) {
    case WW_SCREEN_TOPICS:
        /* Back to the start is a new start: the language and settings of
         * this person do not stay for the next. */
        if (s->n_visit > 0)
            s->screen = WW_SCREEN_MORE;
        else
            wipe(s, in);
        break;
    case WW_SCREEN_QUESTION:
        if (s->n_steps > 0) {
            s->n_steps--;
            s->question = s->path[s->n_steps].question;
        } else {
            s->screen = WW_SCREEN_TOPICS;
        }
        break;
    case WW_SCREEN_OUTCOME: {
        int last = s->n_visit - 1;
        const struct ww_visit_item *v = last >= 0 ? &s->visit[last] : NULL;
        bool newest = v && s->current == last && v->state == WW_VISIT_PENDING;
        if (newest && !v->by_talk && v->topic == s->topic && s->n_steps > 0) {
            /* Back to the question that led here, its answer still marked. */
            s->n_visit--;
            s->n_steps--;
            s->question = s->path[s->n_steps].question;
            s->screen = WW_SCREEN_QUESTION;
            s->current = -1;
        } else if (newest && v->by_talk) {
            s->n_visit--;
            s->current = -1;
            enum ww_screen from = s->talk_from;
            if (from == WW_SCREEN_OUTCOME || from == WW_SCREEN_TIME || from == WW_SCREEN_CONFIRM) {
                int next = most_urgent_pending(s);
                if (next >= 0)
                    show_outcome(s, next);
                else
                    s->screen = WW_SCREEN_TOPICS;
            } else if (from == WW_SCREEN_QUESTION && s->topic >= 0) {
                s->screen = WW_SCREEN_QUESTION;
            } else {
                s->screen = from == WW_SCREEN_TICKET ? WW_SCREEN_MORE : from;
            }
        } else {
            s->screen = WW_SCREEN_TOPICS;
        }
        break;
    }
    case WW_SCREEN_TIME:
        s->screen = WW_SCREEN_OUTCOME;
        break;
    case WW_SCREEN_CONFIRM:
        if (!s->busy)
            s->screen = WW_SCREEN_TIME;
        break;
    case WW_SCREEN_RATING:
        s->screen = WW_SCREEN_MORE;
        break;
    case WW_SCREEN_MORE:
        if (!more_has_back(s))
            break;
        if (s->visit[s->last_item].state == WW_VISIT_NO_BOOKING) {
            s->visit[s->last_item].state = WW_VISIT_PENDING;
            show_outcome(s, s->last_item);
        } else {
            s->current = s->last_item;
            s->screen = WW_SCREEN_TICKET;
        }
        s->last_item = -1;
        break;
    default:
        break; /* attract, ticket (booked stays booked), goodbye */
    }
}

static void start_topic(const struct ww_flows *flows, struct ww_session *s, const char *id)
{
    int ti;
    const struct ww_flow_topic *topic = ww_flows_topic(flows, id, &ti);
    if (!topic || topic->start.kind != WW_NODE_QUESTION)
        return;
    if (ti != s->topic) {
        s->topic = ti;
        s->n_kept = 0;
    }
    s->n_steps = 0;
    s->question = topic->start.index;
    s->screen = WW_SCREEN_QUESTION;
    mark_seen(s, ti, s->question, WW_SEEN_REACHED);
}

static void tap(const struct ww_flows *flows, struct ww_session *s, const struct ww_session *in,
                const char *t);

/* A touch on "Dank u wel" is the next person: the visit ends (recorded,
 * wiped) and theirs starts on the topics, with what they touched done in
 * it (a language, a display setting). Nothing of the
 * previous visit is left for "Terug" to return into. */
static void goodbye_tap(const struct ww_flows *flows, struct ww_session *s,
                        const struct ww_session *in, const char *t)
{
    wipe(s, in);
    s->screen = WW_SCREEN_TOPICS;
    /* Only the settings of the new person; anything else (Verder, Terug,
     * Praat met een medewerker) just starts the visit. "Voorlezen" is not
     * here: it reads "Dank u wel" to the one who is still there. */
    if (strncmp(t, "lang:", 5) != 0 && strcmp(t, "textsize") != 0 && strcmp(t, "contrast") != 0 &&
        strcmp(t, "slow") != 0)
        return;
    struct ww_session next = *s;
    unsigned effects = s->effects;
    tap(flows, s, &next, t);
    s->effects |= effects;
}

static void tap(const struct ww_flows *flows, struct ww_session *s, const struct ww_session *in,
                const char *t)
{
    const char *rest;
    if (has_prefix(t, WW_KEY_TARGET_PREFIX, &rest)) {
        /* A number key: the screen's N-th own button (before the bar); on
         * the start screen the N-th language (its spoken list says so). */
        long n;
        size_t nl;
        const struct ww_lang *langs = ww_i18n_langs(&nl);
        if (in->screen == WW_SCREEN_ATTRACT && !in->warning) {
            if (ww_parse_int(rest, 1, 9, &n) && (size_t)n <= nl) {
                char lt[WW_TARGET_SIZE];
                ww_fmt(lt, sizeof lt, "lang:%s", langs[n - 1].code);
                tap(flows, s, in, lt);
            }
            return;
        }
        char targets[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
        size_t nt = ww_session_targets(flows, in, targets, sizeof targets / sizeof targets[0]);
        size_t own = 0;
        while (own < nt && strcmp(targets[own], "back") != 0 && strcmp(targets[own], "talk") != 0)
            own++;
        if (in->warning || !ww_parse_int(rest, 1, 9, &n) || (size_t)n > own)
            return;
        tap(flows, s, in, targets[n - 1]);
        return;
    }
    /* The bar: always there. */
    if (strcmp(t, "restart") == 0) {
        wipe(s, in);
        return;
    }
    if (strcmp(t, "read") == 0) {
        s->effects |= WW_EFFECT_SPEAK;
        return;
    }
    if (strcmp(t, "stay") == 0)
        return; /* the warning is already down */
    if (strcmp(t, "textsize") == 0) {
        s->text_size = (s->text_size + 1) % WW_TEXT_SIZES;
        return;
    }
    if (strcmp(t, "contrast") == 0) {
        s->contrast = !s->contrast;
        return;
    }
    if (strcmp(t, "slow") == 0) {
        s->slow = !s->slow;
        return;
    }
    if (strcmp(t, "volume") == 0 || strcmp(t, "volume:up") == 0 || strcmp(t, "volume:down") == 0) {
        s->volume = volume_step(s->volume, strcmp(t, "volume:down") == 0 ? -1 : 1,
                                strcmp(t, "volume") == 0);
        return;
    }
    if (has_prefix(t, "lang:", &rest)) {
        if (!ww_i18n_find(rest))
            return;
        if (strcmp(s->lang, rest) != 0) {
            ww_strlcpy(s->lang, rest, sizeof s->lang);
            s->effects |= WW_EFFECT_LANGUAGE;
        }
        if (s->screen == WW_SCREEN_ATTRACT)
            s->screen = WW_SCREEN_TOPICS;
        return;
    }
    if (strcmp(t, "talk") == 0) {
        if (s->busy)
            return;
        if (s->current >= 0 && s->visit[s->current].outcome == WW_FLOW_GENERAL &&
            s->screen >= WW_SCREEN_OUTCOME && s->screen <= WW_SCREEN_CONFIRM)
            return; /* already there */
        if (s->screen == WW_SCREEN_QUESTION)
            mark_seen(s, s->topic, s->question, WW_SEEN_TALK);
        s->talk_from = s->screen;
        add_visit(flows, s, s->topic, WW_FLOW_GENERAL, true);
        /* Talking to a person comes first, whatever else is pending. */
        show_outcome(s, s->n_visit - 1);
        return;
    }
    if (strcmp(t, "back") == 0) {
        back(s, in);
        return;
    }

    switch (s->screen) {
    case WW_SCREEN_ATTRACT:
        /* A tap anywhere starts; a topic's pictogram starts that topic. */
        if (strcmp(t, "start") == 0 || strcmp(t, "anywhere") == 0)
            s->screen = WW_SCREEN_TOPICS;
        else if (has_prefix(t, "topic:", &rest))
            start_topic(flows, s, rest);
        break;
    case WW_SCREEN_TOPICS:
        if (has_prefix(t, "topic:", &rest))
            start_topic(flows, s, rest);
        break;
    case WW_SCREEN_QUESTION:
        if (strcmp(t, "dontknow") == 0) {
            choose(flows, s, 0);
        } else if (has_prefix(t, "answer:", &rest)) {
            int n = small_number(rest, 1, WW_FLOW_MAX_ANSWERS);
            if (n > 0)
                choose(flows, s, n);
        }
        break;
    case WW_SCREEN_OUTCOME:
        if (strcmp(t, "book") == 0) {
            if (bookable(s))
                s->screen = WW_SCREEN_TIME;
        } else if (strcmp(t, "next") == 0) {
            if (s->current >= 0 && s->visit[s->current].state == WW_VISIT_PENDING)
                s->visit[s->current].state = WW_VISIT_NO_BOOKING;
            after_item(s);
        } else if (strcmp(t, "more:yes") == 0) {
            s->current = -1;
            s->screen = WW_SCREEN_TOPICS;
        }
        break;
    case WW_SCREEN_TIME: {
        const struct ww_resolution *r = &s->resolution;
        enum ww_time_choice c = WW_TIME_NONE;
        if (strcmp(t, "time:first") == 0 && r->here == WW_HERE_TODAY && r->first_free >= 0)
            c = WW_TIME_FIRST;
        else if (strcmp(t, "time:later") == 0 && r->here == WW_HERE_TODAY && r->later_free >= 0)
            c = WW_TIME_LATER;
        else if (strcmp(t, "time:day") == 0 &&
                 ((r->here == WW_HERE_TODAY && r->next_day != WW_DAY_NONE) ||
                  r->here == WW_HERE_LATER))
            c = WW_TIME_DAY;
        if (c != WW_TIME_NONE) {
            s->time = c;
            s->full = false;
            s->book_error = WW_OK;
            s->screen = WW_SCREEN_CONFIRM;
        }
        break;
    }
    case WW_SCREEN_CONFIRM:
        if (strcmp(t, "confirm") == 0 && !s->busy && s->resolved) {
            s->busy = true;
            s->book_error = WW_OK;
            s->request_seq++;
            s->effects |= WW_EFFECT_BOOK;
        }
        break;
    case WW_SCREEN_TICKET:
        if (strcmp(t, "next") == 0)
            after_item(s);
        break;
    case WW_SCREEN_MORE:
        if (strcmp(t, "more:yes") == 0)
            s->screen = WW_SCREEN_TOPICS;
        else if (strcmp(t, "more:no") == 0)
            s->screen = WW_SCREEN_RATING;
        break;
    case WW_SCREEN_RATING:
        if (has_prefix(t, "rating:", &rest)) {
            int n = small_number(rest, 1, 5);
            if (n > 0) {
                s->rating = n;
                s->screen = WW_SCREEN_GOODBYE;
            }
        } else if (strcmp(t, "next") == 0) {
            s->screen = WW_SCREEN_GOODBYE;
        }
        break;
    case WW_SCREEN_GOODBYE:
        /* A key (the keypad's "Verder"): the visit ends, the next starts at
         * the beginning. Touches go through goodbye_tap. */
        if (strcmp(t, "next") == 0 || strcmp(t, "start") == 0)
            wipe(s, in);
        break;
    default:
        break;
    }
}

static void idle(struct ww_session *s, const struct ww_session *in, int seconds)
{
    if (s->screen == WW_SCREEN_ATTRACT)
        return;
    if (s->screen == WW_SCREEN_GOODBYE) {
        if (seconds >= WW_GOODBYE_SECONDS)
            wipe(s, in);
        return;
    }
    if (s->busy)
        return; /* a booking is under way: wait for its result */
    int limit = s->params.idle_seconds, warn = s->params.warn_seconds;
    if (seconds >= limit + warn) {
        wipe(s, in);
    } else if (seconds >= limit) {
        if (!s->warning)
            s->effects |= WW_EFFECT_SPEAK;
        s->warning = true;
        s->countdown = limit + warn - seconds;
    } else {
        s->warning = false;
        s->countdown = 0;
    }
}

size_t ww_session_targets(const struct ww_flows *flows, const struct ww_session *s,
                          char targets[][WW_TARGET_SIZE], size_t cap)
{
    size_t n = 0;
#define ADD(...)                                                                                   \
    do {                                                                                           \
        if (n < cap)                                                                               \
            ww_fmt(targets[n++], WW_TARGET_SIZE, __VA_ARGS__);                                     \
    } while (0)
    if (s->warning) {
        ADD("stay");
        return n;
    }
    switch (s->screen) {
    case WW_SCREEN_ATTRACT: {
        ADD("start");
        size_t nl;
        const struct ww_lang *l = ww_i18n_langs(&nl);
        for (size_t i = 0; i < nl; i++)
            ADD("lang:%s", l[i].code);
        /* The pictograms last: the keypad order and number keys stay. */
        for (size_t i = 0; i < flows->n_topics; i++)
            ADD("topic:%s", flows->topics[i].id);
        break;
    }
    case WW_SCREEN_TOPICS:
        for (size_t i = 0; i < flows->n_topics; i++)
            ADD("topic:%s", flows->topics[i].id);
        break;
    case WW_SCREEN_QUESTION: {
        const struct ww_flow_question *q = ww_flows_question(flows, s->topic, s->question);
        for (size_t i = 0; q && i < q->n_answers && i < WW_FLOW_MAX_ANSWERS; i++)
            ADD("answer:%zu", i + 1);
        ADD("dontknow");
        break;
    }
    case WW_SCREEN_OUTCOME:
        if (bookable(s))
            ADD("book");
        ADD("next");
        ADD("more:yes");
        break;
    case WW_SCREEN_TIME: {
        const struct ww_resolution *r = &s->resolution;
        if (r->here == WW_HERE_TODAY && r->first_free >= 0)
            ADD("time:first");
        if (r->here == WW_HERE_TODAY && r->later_free >= 0)
            ADD("time:later");
        if ((r->here == WW_HERE_TODAY && r->next_day != WW_DAY_NONE) || r->here == WW_HERE_LATER)
            ADD("time:day");
        break;
    }
    case WW_SCREEN_CONFIRM:
        ADD("confirm");
        break;
    case WW_SCREEN_TICKET:
        ADD("next");
        break;
    case WW_SCREEN_MORE:
        ADD("more:yes");
        ADD("more:no");
        break;
    case WW_SCREEN_RATING:
        for (int i = 1; i <= 5; i++)
            ADD("rating:%d", i);
        ADD("next");
        break;
    case WW_SCREEN_GOODBYE:
        ADD("next");
        break;
    default:
        break;
    }
    if (s->screen != WW_SCREEN_ATTRACT && s->screen != WW_SCREEN_GOODBYE &&
        s->screen != WW_SCREEN_TICKET && (s->screen != WW_SCREEN_MORE || more_has_back(s)))
        ADD("back");
    ADD("talk");
    ADD("lower");
    ADD("read");
    ADD("textsize");
    ADD("contrast");
    ADD("slow");
    ADD("volume");
    if (s->screen != WW_SCREEN_ATTRACT) {
        /* The language row is on every screen: the keypad reaches it too. */
        size_t nl;
        const struct ww_lang *l = ww_i18n_langs(&nl);
        for (size_t i = 0; i < nl; i++)
            ADD("lang:%s", l[i].code);
        ADD("restart");
    }
#undef ADD
    return n;
}

bool ww_session_may_show_scan(const struct ww_session *s)
{
    return !s->busy && s->n_visit == 0 &&
           (s->screen == WW_SCREEN_ATTRACT || s->screen == WW_SCREEN_TOPICS);
}

/* What tells one screen from another of the same kind: the question on
 * screen, the outcome on screen and the lines that say what went wrong. */
struct ww_session_view {
    int question, n_steps, current;
    enum ww_err book_error;
    bool full, day_changed;
};

static struct ww_session_view view_of(const struct ww_session *s)
{
    struct ww_session_view v;
    memset(&v, 0, sizeof v);
    if (s->screen == WW_SCREEN_QUESTION) {
        v.question = s->question;
        v.n_steps = s->n_steps;
    }
    if (s->screen >= WW_SCREEN_OUTCOME && s->screen <= WW_SCREEN_TICKET)
        v.current = s->current;
    v.book_error = s->book_error;
    v.full = s->full;
    v.day_changed = s->day_changed;
    return v;
}

/* Another question or outcome, or a new line that says what went wrong
 * (the line going away when the resident tries again is no new screen). */
static bool view_changed(const struct ww_session_view *a, const struct ww_session_view *b)
{
    return a->question != b->question || a->n_steps != b->n_steps || a->current != b->current ||
           (b->book_error != WW_OK && b->book_error != a->book_error) || (b->full && !a->full) ||
           (b->day_changed && !a->day_changed);
}

void ww_session_step(const struct ww_flows *flows, const struct ww_session *in,
                     const struct ww_action *a, struct ww_session *out)
{
    struct ww_session s = *in;
    s.effects = 0;
    enum ww_screen before = s.screen;
    struct ww_session_view view_before = view_of(in);
    bool resident = ww_action_from_resident(a->kind);
    if (resident) {
        /* Any touch or key means someone is there. */
        s.warning = false;
        s.countdown = 0;
    }
    bool key = a->kind == WW_ACT_ACTIVATE || a->kind == WW_ACT_NEXT_FOCUS ||
               a->kind == WW_ACT_PREV_FOCUS ||
               (a->kind == WW_ACT_TAP &&
                strncmp(a->target, WW_KEY_TARGET_PREFIX, strlen(WW_KEY_TARGET_PREFIX)) == 0);
    char targets[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    switch (a->kind) {
    case WW_ACT_TAP:
        /* On "Dank u wel" a tap is the next person, except "Voorlezen"
         * (the one still there) and "Opnieuw" (the quick exit: wiped, back
         * to the start). */
        if (in->screen == WW_SCREEN_GOODBYE && !key && !in->warning &&
            strcmp(a->target, "read") != 0 && strcmp(a->target, "restart") != 0)
            goodbye_tap(flows, &s, in, a->target);
        else
            tap(flows, &s, in, a->target);
        break;
    case WW_ACT_BACK:
        tap(flows, &s, in, "back");
        break;
    case WW_ACT_RESTART:
        tap(flows, &s, in, "restart");
        break;
    case WW_ACT_READ_ALOUD:
        tap(flows, &s, in, "read");
        break;
    case WW_ACT_ACTIVATE: {
        size_t n = ww_session_targets(flows, in, targets, sizeof targets / sizeof targets[0]);
        if (in->warning) {
            break; /* the key press itself was the "stay" */
        }
        if (in->focus >= 0 && (size_t)in->focus < n)
            tap(flows, &s, in, targets[in->focus]);
        else
            s.effects |= WW_EFFECT_SPEAK;
        break;
    }
    case WW_ACT_NEXT_FOCUS:
    case WW_ACT_PREV_FOCUS: {
        size_t n = ww_session_targets(flows, &s, targets, sizeof targets / sizeof targets[0]);
        if (n == 0)
            break;
        int f = s.focus;
        if (a->kind == WW_ACT_NEXT_FOCUS)
            f = f < 0 ? 0 : (f + 1) % (int)n;
        else
            f = f <= 0 ? (int)n - 1 : f - 1;
        s.focus = f;
        s.effects |= WW_EFFECT_SPEAK_FOCUS;
        break;
    }
    case WW_ACT_IDLE_TICK:
        idle(&s, in, a->idle_seconds);
        break;
    case WW_ACT_RESOLVED:
        if (s.current >= 0 && s.screen >= WW_SCREEN_OUTCOME && s.screen <= WW_SCREEN_CONFIRM) {
            s.resolution = a->resolution;
            s.resolved = true;
            /* The store went away while a time was being chosen: back to
             * the outcome, which says who helps and to go to the desk. */
            if (a->resolution.offline && !s.busy && s.screen != WW_SCREEN_OUTCOME) {
                s.screen = WW_SCREEN_OUTCOME;
                s.effects |= WW_EFFECT_SPEAK;
            }
        }
        break;
    case WW_ACT_BOOKED:
        if (s.busy && s.current >= 0) {
            struct ww_visit_item *v = &s.visit[s.current];
            s.busy = false;
            s.booking = a->booking;
            v->state = WW_VISIT_BOOKED;
            ww_strlcpy(v->partner, a->booking.partner, sizeof v->partner);
            ww_strlcpy(v->ticket, a->booking.ticket, sizeof v->ticket);
            v->day = a->booking.day;
            v->start = a->booking.start;
            s.bookings++;
            s.screen = WW_SCREEN_TICKET;
            s.effects |= WW_EFFECT_PRINT;
        }
        break;
    case WW_ACT_BOOK_FAILED:
        if (s.busy) {
            s.busy = false;
            s.book_error = a->err == WW_OK ? WW_ERR_IO : a->err;
            if (a->err == WW_ERR_FULL) {
                /* Someone else took it: look again and let the resident choose. */
                s.full = true;
                s.resolved = false;
                s.screen = WW_SCREEN_TIME;
                s.effects |= WW_EFFECT_RESOLVE;
            }
        }
        break;
    case WW_ACT_SCANNED:
        /* A booked resident scanned their ticket: show that booking (the
         * ticket screen, read aloud, nothing printed). */
        if (ww_session_may_show_scan(&s)) {
            s.booking = a->booking;
            s.current = -1;
            s.screen = WW_SCREEN_TICKET;
            s.effects |= WW_EFFECT_SPEAK;
        }
        break;
    case WW_ACT_DAY_CHANGED:
        /* Yesterday's times can no longer be booked: back to the outcome,
         * resolved anew for today, with a line that says why. */
        if (!s.busy && s.current >= 0 && s.screen >= WW_SCREEN_OUTCOME &&
            s.screen <= WW_SCREEN_CONFIRM) {
            s.screen = WW_SCREEN_OUTCOME;
            s.resolved = false;
            s.full = false;
            s.book_error = WW_OK;
            s.time = WW_TIME_NONE;
            s.day_changed = true;
            s.effects |= WW_EFFECT_RESOLVE | WW_EFFECT_SPEAK;
        }
        break;
    }
    if (s.screen != WW_SCREEN_OUTCOME)
        s.day_changed = false;
    if (key && !s.audio && !in->warning && !(s.effects & WW_EFFECT_RECORD)) {
        /* The first key starts audio mode (until the session is wiped; a
         * key that ended a visit does not start it for the next person). */
        s.audio = true;
        s.effects |= WW_EFFECT_INSTRUCT;
    }
    struct ww_session_view view_after = view_of(&s);
    if (s.screen != before || view_changed(&view_before, &view_after)) {
        /* A keypad user lands on the first target of the new screen and
         * hears it, whatever brought it (a key, or the booking's result);
         * a touch user gets no focus ring. A new question, another
         * outcome, or a line that says what went wrong is a new screen
         * too, even when its kind stays the same. */
        bool keypad = a->kind == WW_ACT_ACTIVATE || key || s.audio;
        s.focus = keypad ? 0 : -1;
        if (keypad)
            s.effects |= WW_EFFECT_SPEAK;
    }
    *out = s;
}

int ww_session_marked(const struct ww_session *s)
{
    if (s->screen != WW_SCREEN_QUESTION || s->n_steps >= s->n_kept)
        return -1;
    const struct ww_step *st = &s->path[s->n_steps];
    return st->question == s->question ? st->answer : -1;
}

void ww_session_progress(const struct ww_session *s, int *phase, int *question)
{
    *phase = 0;
    *question = 0;
    switch (s->screen) {
    case WW_SCREEN_QUESTION:
        *phase = 1;
        *question = s->n_steps + 1;
        break;
    case WW_SCREEN_OUTCOME:
        *phase = 2;
        break;
    case WW_SCREEN_TIME:
        *phase = 3;
        break;
    case WW_SCREEN_CONFIRM:
        *phase = 4;
        break;
    case WW_SCREEN_TICKET:
        *phase = s->current >= 0 ? 5 : 0;
        break;
    default:
        break;
    }
}

const struct ww_flow_outcome *ww_session_outcome(const struct ww_flows *flows,
                                                 const struct ww_session *s)
{
    if (s->current < 0 || s->current >= s->n_visit)
        return NULL;
    if (s->screen < WW_SCREEN_OUTCOME || s->screen > WW_SCREEN_TICKET)
        return NULL;
    const struct ww_visit_item *v = &s->visit[s->current];
    return ww_flows_outcome(flows, v->topic, v->outcome);
}

void ww_session_planned(const struct ww_session *s, ww_day *day, int *minute)
{
    const struct ww_resolution *r = &s->resolution;
    *day = WW_DAY_NONE;
    *minute = -1;
    switch (s->time) {
    case WW_TIME_FIRST:
        *day = r->day;
        *minute = r->first_free;
        break;
    case WW_TIME_LATER:
        *day = r->day;
        *minute = r->later_free;
        break;
    case WW_TIME_DAY:
        if (r->here == WW_HERE_LATER) {
            *day = r->day;
            *minute = r->first_free;
        } else {
            *day = r->next_day;
        }
        break;
    default:
        break;
    }
}

void ww_session_want(const struct ww_flows *flows, const struct ww_session *s, const char *visit_id,
                     char *request_id, struct ww_booking_want *want)
{
    memset(want, 0, sizeof *want);
    const struct ww_resolution *r = &s->resolution;
    want->partner = r->partner;
    want->topic = "";
    if (s->current >= 0 && s->current < s->n_visit && s->visit[s->current].topic >= 0) {
        int ti = s->visit[s->current].topic;
        if ((size_t)ti < flows->n_topics)
            want->topic = flows->topics[ti].id;
    }
    switch (s->time) {
    case WW_TIME_LATER:
        want->when = WW_BOOK_AT;
        want->day = r->day;
        want->at = r->later_free;
        break;
    case WW_TIME_DAY:
        if (r->here == WW_HERE_LATER) {
            want->when = WW_BOOK_FIRST_FREE;
            want->day = r->day;
        } else {
            want->when = WW_BOOK_LATER_DAY;
            want->day = r->day;
        }
        break;
    default:
        want->when = WW_BOOK_FIRST_FREE;
        want->day = r->day;
        break;
    }
    ww_fmt(request_id, WW_REQUEST_SIZE, "%.28s-%d", visit_id ? visit_id : "visit", s->request_seq);
    want->request_id = request_id;
    /* What the ticket will say: the resident's language, the outcome's
     * list and the lines it wants on paper. */
    ww_strlcpy(want->lang, s->lang[0] ? s->lang : "nl", sizeof want->lang);
    const struct ww_flow_outcome *o = ww_session_outcome(flows, s);
    if (o) {
        ww_strlcpy(want->bring, o->bring, sizeof want->bring);
        for (size_t i = 0; o->notice_ticket && i < o->n_notices; i++) {
            size_t used = strlen(want->notices);
            ww_fmt(want->notices + used, sizeof want->notices - used, "%s%s", used ? "\n" : "",
                   o->notices[i]);
        }
    }
}

void ww_session_screen_id(const struct ww_flows *flows, const struct ww_session *s, char *buf,
                          size_t size)
{
    const struct ww_flow_question *q = ww_flows_question(flows, s->topic, s->question);
    if (s->screen == WW_SCREEN_QUESTION && q)
        ww_fmt(buf, size, "question:%s:%s", flows->topics[s->topic].id, q->id);
    else
        ww_strlcpy(buf, ww_screen_name(s->screen), size);
}

/* Add one to a report counter; keeps the first error. */
static void count_signal(struct ww_store *store, ww_day day, const char *location, const char *kind,
                         const char *k1, const char *k2, int num, enum ww_err *first)
{
    struct ww_signal g;
    memset(&g, 0, sizeof g);
    g.day = day;
    ww_strlcpy(g.location, location, sizeof g.location);
    ww_strlcpy(g.kind, kind, sizeof g.kind);
    ww_strlcpy(g.k1, k1, sizeof g.k1);
    ww_strlcpy(g.k2, k2, sizeof g.k2);
    g.num = num;
    g.add = 1;
    enum ww_err e = ww_store_signal(store, &g);
    if (*first == WW_OK)
        *first = e;
}

/* The report's signals of an ended visit (see ww_session_record). */
static void record_signals(const struct ww_flows *flows, const struct ww_session *s,
                           struct ww_store *store, const char *location, ww_day day, int hour,
                           int n_topics, enum ww_err *first)
{
    static const char *const counts[] = {"0", "1", "2", "3+"};
    count_signal(store, day, location, "visit", counts[n_topics < 3 ? n_topics : 3], "", hour,
                 first);
    count_signal(store, day, location, "lang", s->lang, "", 0, first);
    for (int i = 0; i < s->n_seen; i++) {
        const struct ww_seen *v = &s->seen[i];
        const struct ww_flow_question *q = ww_flows_question(flows, v->topic, v->question);
        if (!q || v->topic < 0 || (size_t)v->topic >= flows->n_topics)
            continue;
        const char *topic = flows->topics[v->topic].id;
        if (v->marks & WW_SEEN_REACHED)
            count_signal(store, day, location, "reach", topic, q->id, 0, first);
        if (v->marks & WW_SEEN_DONTKNOW)
            count_signal(store, day, location, "dontknow", topic, q->id, 0, first);
        if (v->marks & WW_SEEN_TALK)
            count_signal(store, day, location, "talk", topic, q->id, 0, first);
    }
    if (s->rating < 1 || s->rating > 5)
        return;
    /* Once per partner booked in the visit; "" when none was. */
    bool any = false;
    for (int i = 0; i < s->n_visit; i++) {
        const struct ww_visit_item *v = &s->visit[i];
        bool dup = false;
        for (int k = 0; k < i && !dup; k++)
            dup = s->visit[k].state == WW_VISIT_BOOKED &&
                  strcmp(s->visit[k].partner, v->partner) == 0;
        if (v->state != WW_VISIT_BOOKED || dup)
            continue;
        count_signal(store, day, location, "rate", v->partner, s->lang, s->rating, first);
        any = true;
    }
    if (!any)
        count_signal(store, day, location, "rate", "", s->lang, s->rating, first);
}

enum ww_err ww_session_record(const struct ww_flows *flows, const struct ww_session *s,
                              struct ww_store *store, const char *location, ww_day day, int hour)
{
    int n_topics = 0;
    enum ww_err first = WW_OK, e;
    char topics[160] = "";
    size_t used = 0;
    for (int i = 0; i < s->n_visit; i++) {
        const struct ww_visit_item *v = &s->visit[i];
        const struct ww_flow_outcome *o = ww_flows_outcome(flows, v->topic, v->outcome);
        struct ww_tally t;
        memset(&t, 0, sizeof t);
        t.day = day;
        ww_strlcpy(t.location, location, sizeof t.location);
        if (v->topic >= 0 && (size_t)v->topic < flows->n_topics)
            ww_strlcpy(t.topic, flows->topics[v->topic].id, sizeof t.topic);
        ww_strlcpy(t.outcome, o ? o->id : "", sizeof t.outcome);
        ww_strlcpy(t.partner, v->state == WW_VISIT_BOOKED ? v->partner : "", sizeof t.partner);
        e = ww_store_tally(store, &t);
        if (first == WW_OK)
            first = e;
        bool seen = false;
        for (int k = 0; k < i && !seen; k++)
            seen = s->visit[k].topic == v->topic;
        if (t.topic[0] && !seen) {
            n_topics++;
            int n = snprintf(topics + used, sizeof topics - used, "%s%s", used ? "," : "", t.topic);
            if (n > 0 && (size_t)n < sizeof topics - used)
                used += (size_t)n;
        }
    }
    if (s->rating >= 1 && s->rating <= 5) {
        struct ww_rating r;
        memset(&r, 0, sizeof r);
        r.day = day;
        ww_strlcpy(r.location, location, sizeof r.location);
        r.score = s->rating;
        ww_strlcpy(r.topics, topics, sizeof r.topics);
        e = ww_store_rating(store, &r);
        if (first == WW_OK)
            first = e;
    }
    if (s->screen >= WW_SCREEN_TOPICS && s->screen <= WW_SCREEN_CONFIRM) {
        char screen[96];
        ww_session_screen_id(flows, s, screen, sizeof screen);
        e = ww_store_dropout(store, day, location, screen);
        if (first == WW_OK)
            first = e;
    }
    record_signals(flows, s, store, location, day, hour, n_topics, &first);
    return first;
}
