/* The resident session: everything the kiosk knows about the person at the
 * screen, as ONE struct of fixed-size fields (no pointers, nothing to free),
 * so wiping it is one assignment and a copy is a snapshot.
 *
 * The session moves only through the pure reducer ww_session_step: the same
 * flows, state and action always give the same next state. The reducer does
 * no I/O. What needs I/O is asked for in `effects` (a bit set, fresh after
 * every step); the caller performs it and feeds the result back as an action:
 *
 *   WW_EFFECT_RESOLVE   call ww_flow_resolve for ww_session_outcome(s), send
 *                       WW_ACT_RESOLVED with the resolution
 *   WW_EFFECT_BOOK      ww_booking_make with ww_session_want(s), send
 *                       WW_ACT_BOOKED (booking) or WW_ACT_BOOK_FAILED (err)
 *   WW_EFFECT_PRINT     print the ticket of s->booking
 *   WW_EFFECT_SPEAK     read the current screen aloud (cuts current speech)
 *   WW_EFFECT_SPEAK_FOCUS  say the focused target and its state
 *   WW_EFFECT_LANGUAGE  ww_i18n_set(s->lang)
 *   WW_EFFECT_INSTRUCT  audio mode just started (the first keypad key): say
 *                       the short keypad instruction, then the rest
 *   WW_EFFECT_RECORD    the visit of the PREVIOUS state ended (goodbye,
 *                       Opnieuw, idle wipe): call ww_session_record(in, ...)
 *                       with the state that was passed in
 *
 * Journey (screen ids in brackets, as counted for drop-outs):
 *   attract → topics → question… → outcome → time → confirm → ticket →
 *   more → rating → goodbye → attract
 * "talk" leads from any screen to the general desk outcome; "back" never
 * loses an answer (the answer given before stays marked, see
 * ww_session_marked). Several topics per visit: outcomes not yet booked stay
 * pending; the most urgent pending one is shown first (ties: the newest).
 *
 * Thread: a session belongs to the UI thread. */
#ifndef WW_SESSION_H
#define WW_SESSION_H

#include "action.h"
#include "booking.h"
#include "flow.h"
#include "store.h"

#include <stdbool.h>
#include <stddef.h>

#define WW_SESSION_MAX_STEPS   WW_FLOW_MAX_DEPTH /* questions on one path */
#define WW_SESSION_MAX_VISIT   6                 /* outcomes in one visit */
#define WW_SESSION_MAX_TARGETS 32
#define WW_SESSION_MAX_SEEN    24 /* questions shown in one visit, for the report */
#define WW_LANG_SIZE           8
#define WW_TEXT_SIZES          3
#define WW_GOODBYE_SECONDS     8 /* the goodbye screen stays this long */

enum ww_screen {
    WW_SCREEN_ATTRACT,
    WW_SCREEN_TOPICS,
    WW_SCREEN_QUESTION,
    WW_SCREEN_OUTCOME,
    WW_SCREEN_TIME,
    WW_SCREEN_CONFIRM,
    WW_SCREEN_TICKET,
    WW_SCREEN_MORE,
    WW_SCREEN_RATING,
    WW_SCREEN_GOODBYE,
    WW_SCREEN_COUNT
};

enum ww_effect {
    WW_EFFECT_RESOLVE = 1u << 0,
    WW_EFFECT_BOOK = 1u << 1,
    WW_EFFECT_PRINT = 1u << 2,
    WW_EFFECT_SPEAK = 1u << 3,
    WW_EFFECT_SPEAK_FOCUS = 1u << 4,
    WW_EFFECT_LANGUAGE = 1u << 5,
    WW_EFFECT_RECORD = 1u << 6,
    WW_EFFECT_INSTRUCT = 1u << 7, /* the first key: say how the keypad works first */
};

enum ww_time_choice { WW_TIME_NONE, WW_TIME_FIRST, WW_TIME_LATER, WW_TIME_DAY };

/* One answered question: the question index and the answer (1..5, or 0 for
 * "Ik weet het niet"). */
struct ww_step {
    int question;
    int answer;
};

enum ww_visit_state { WW_VISIT_PENDING, WW_VISIT_BOOKED, WW_VISIT_NO_BOOKING };

/* An outcome reached in this visit. */
struct ww_visit_item {
    int topic;   /* -1 when reached by "talk" outside a topic */
    int outcome; /* index in the topic, or WW_FLOW_GENERAL */
    int urgency;
    bool by_talk; /* reached with "talk" (not through answers) */
    enum ww_visit_state state;
    char partner[WW_ID_SIZE];    /* booked partner id, "" when none */
    char ticket[WW_TICKET_SIZE]; /* ticket number when booked */
    ww_day day;
    int start;
};

/* Settings of the place, kept across wipes. */
struct ww_session_params {
    int idle_seconds; /* touch-free time before the warning */
    int warn_seconds; /* countdown length */
    char default_lang[WW_LANG_SIZE];
    int volume; /* the place's speech volume, percent (0: WW_SESSION_VOLUME_DEFAULT) */
};

enum { WW_SEEN_REACHED = 1, WW_SEEN_DONTKNOW = 2, WW_SEEN_TALK = 4 };

struct ww_seen {
    short topic;
    short question;
    unsigned char marks; /* WW_SEEN_* */
};

/* The resident's volume steps, percent of the speech volume (speech.h maps
 * a percent to 0.3 dB each: 40 % is -18 dB, 100 % is 0 dB, a range of 18 dB,
 * ACCESSIBILITY row 12). "volume:up" and "volume:down" (the keypad's + and
 * - keys) go one step; the on-screen "volume" tile goes up and from the
 * loudest back to the quietest, like the text size. A wipe goes back to
 * the place's volume (row 7). */
#define WW_SESSION_VOLUME_STEPS   5
#define WW_SESSION_VOLUME_DEFAULT 70
extern const int ww_session_volume_steps[WW_SESSION_VOLUME_STEPS];
/* The step (1..WW_SESSION_VOLUME_STEPS) nearest to `percent`. */
int ww_session_volume_step(int percent);

struct ww_session {
    struct ww_session_params params;
    enum ww_screen screen;
    char lang[WW_LANG_SIZE];
    int text_size; /* 0..WW_TEXT_SIZES-1 */
    bool contrast;
    bool slow;     /* slower speech */
    int volume;    /* speech volume, percent: params.volume until the resident changes it */
    int focus;     /* keypad focus: index into ww_session_targets, -1 none */
    bool audio;    /* audio mode: a keypad key was used; every new screen is
                      read aloud with the focus on its first target */
    bool warning;  /* the idle warning is up */
    int countdown; /* seconds left while warning */

    /* The topic being answered and its path. path[0..n_steps) are the answers
     * that lead to the current screen; path[n_steps..n_kept) are answers given
     * before the resident went back (kept, shown as marked). */
    int topic;    /* -1 none */
    int question; /* current question (screen QUESTION) */
    struct ww_step path[WW_SESSION_MAX_STEPS];
    int n_steps;
    int n_kept;

    /* Outcomes of the visit; `current` is the one on screen (OUTCOME..TICKET). */
    struct ww_visit_item visit[WW_SESSION_MAX_VISIT];
    int n_visit;
    int current;              /* -1 none */
    enum ww_screen talk_from; /* where "talk" came from, for "back" */
    int last_item;            /* the item handled last (declined or booked): where "back"
                                 from MORE returns to; -1 none */

    struct ww_resolution resolution; /* of visit[current], valid when `resolved` */
    bool resolved;
    enum ww_time_choice time;
    bool busy;                 /* a booking is under way */
    bool full;                 /* the chosen slot went: choose again */
    bool day_changed;          /* the outcome shown anew: it is another day now */
    enum ww_err book_error;    /* last booking failure, WW_OK when none */
    struct ww_booking booking; /* the last booking (ticket screen) */
    int bookings;              /* bookings made in this visit */
    int rating;                /* 0 = none, 1..5 */
    int request_seq;           /* grows per booking attempt, for request ids */

    /* The questions this visit was shown and what was done there, for the
     * report's funnel (counted anonymously when the visit ends). */
    struct ww_seen seen[WW_SESSION_MAX_SEEN];
    int n_seen;

    unsigned effects; /* enum ww_effect bits asked by the last step */
};

/* A fresh session on the attract screen. */
void ww_session_init(struct ww_session *s, const struct ww_session_params *params);

/* A booked resident's scanned ticket may be shown now: nothing of a visit
 * is under way (the attract or topics screen, no topic chosen yet). */
bool ww_session_may_show_scan(const struct ww_session *s);

/* The reducer. `in` and `out` may be the same object. Unknown or impossible
 * actions (a tap on a target not on this screen) leave the state unchanged
 * except that `effects` is cleared and, being a sign of life, they take the
 * idle warning down like every touch or key does. The idle countdown is the
 * caller's clock: send IDLE_TICK with the seconds since the last touch or
 * key (at least once a second while not on the attract screen). */
void ww_session_step(const struct ww_flows *flows, const struct ww_session *in,
                     const struct ww_action *a, struct ww_session *out);

/* Keypad keys as actions: Tab/arrows (NEXT_FOCUS, PREV_FOCUS), Enter
 * (ACTIVATE) and the number keys, a TAP of "key:N" (N = 1..9), which taps the
 * screen's N-th own button (answer N, topic N, ...). The first of these
 * starts audio mode (WW_EFFECT_INSTRUCT). */
#define WW_KEY_TARGET_PREFIX "key:"

/* The targets of the current screen in keypad focus order: first the
 * screen's own buttons (start and lang:xx on attract; topic:ID; answer:N and
 * dontknow; book, next, more:yes; time:*; confirm; next; more:yes|no;
 * rating:N, next), then the bar that is always there: back (where it does
 * something), talk, lower ("Knoppen lager": the screen's own setting, which
 * the reducer leaves alone; the caller acts on it), read, textsize,
 * contrast, slow, volume, then the language row (lang:xx, on attract it came first)
 * and restart. While the idle warning is up the list is just "stay".
 * Returns the count (at most `cap`). */
size_t ww_session_targets(const struct ww_flows *flows, const struct ww_session *s,
                          char targets[][WW_TARGET_SIZE], size_t cap);

/* The answer marked on the current question, i.e. the one given before the
 * resident went back to it: 1..5, 0 for "Ik weet het niet", -1 none. */
int ww_session_marked(const struct ww_session *s);

/* Progress over the whole journey, in phases that every booking passes
 * through: questions, outcome, time, check, ticket (WW_PHASES of them).
 * `phase` is 1..WW_PHASES on those screens, 0 elsewhere (and on a scanned
 * ticket, which is no journey). `question` is the number of the question on
 * screen (1-based), 0 outside the questions. There is no total of
 * questions: how many follow depends on the answers, and a total that
 * shrinks as one answers ("Stap 1 van 4", then done after two) is no
 * promise. */
#define WW_PHASES 5
void ww_session_progress(const struct ww_session *s, int *phase, int *question);

/* What the confirm screen shows: the day and start minute of the chosen
 * time (minute -1 when it is "the first free slot that day"). */
void ww_session_planned(const struct ww_session *s, ww_day *day, int *minute);

/* The outcome on screen (OUTCOME..TICKET), or NULL. */
const struct ww_flow_outcome *ww_session_outcome(const struct ww_flows *flows,
                                                 const struct ww_session *s);

/* The booking asked for by WW_EFFECT_BOOK. `request_id` (at least
 * WW_REQUEST_SIZE bytes, owned by the caller) receives an id unique for
 * this attempt given a `visit_id` unique per visit (e.g. kiosk id + start
 * time). Pointers in `want` point into `s` and `request_id`. */
void ww_session_want(const struct ww_flows *flows, const struct ww_session *s, const char *visit_id,
                     char *request_id, struct ww_booking_want *want);

/* Screen id for drop-out counting: "attract", "topics", "question:TOPIC:QID",
 * "outcome", "time", "confirm", "ticket", "more", "rating", "goodbye". */
void ww_session_screen_id(const struct ww_flows *flows, const struct ww_session *s, char *buf,
                          size_t size);
const char *ww_screen_name(enum ww_screen screen);

/* Count the ended visit `s` anonymously in the store: one tally per outcome
 * reached (topic id or "", outcome id, partner booked or ""), the rating if
 * given, and a drop-out with the screen id when the visit ended midway
 * (topics..confirm); and the report's signals (struct ww_signal): the visit
 * with its number of topics and the `hour` it ended in, its language, each
 * question shown (reached, "Ik weet het niet", "Praat met een medewerker")
 * and the rating per partner and language. Returns the first store error
 * (and goes on). */
enum ww_err ww_session_record(const struct ww_flows *flows, const struct ww_session *s,
                              struct ww_store *store, const char *location, ww_day day, int hour);

#endif
