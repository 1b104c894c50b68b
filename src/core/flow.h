/* Question flows: what a resident is asked and where each answer leads.
 *
 * One file per topic in kiosk-config/flows/ (TOPIC.flow), read with ini.h:
 *
 *   [topic ID]      title, icon, order (1..10, place in the topic grid), start
 *   [question ID]   text, explain?, answer = TEXT -> TARGET (2..5, repeated),
 *                   icons = ID, ID... (optional, one pictogram per answer),
 *                   dontknow = TARGET (optional; default: the general desk)
 *   [outcome ID]    partners = ID, ID (1..3, preference order), why,
 *                   bring? (A; B), alternative?, urgent?, urgency (0..3),
 *                   notice* (lines always shown and read, repeated up to 4),
 *                   notice_ticket? (yes: the notices are printed too)
 *
 * Question and outcome ids are local to their file; a TARGET names a question
 * or an outcome of the same file. All texts are Dutch (B1) and are also the
 * gettext msgids of their translations (locales/LANG.po): translate a text with
 * ww_i18n_get() from i18n.h just before showing or speaking it.
 *
 * Besides the topics there is one built-in outcome, the general desk
 * ("Praat met een medewerker" and the default of "Ik weet het niet"):
 * index WW_FLOW_GENERAL, resolved against the location's `general` partner.
 *
 * Memory: a struct ww_flows owns everything in it; ww_flows_destroy frees it.
 * Loaded flows are read-only and may be shared by any number of sessions and
 * threads. Everything keeps the file and line it came from. */
#ifndef WW_FLOW_H
#define WW_FLOW_H

#include "booking.h"
#include "clock.h"
#include "config.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define WW_FLOW_MAX_ANSWERS  5
#define WW_FLOW_MIN_ANSWERS  2
#define WW_FLOW_MAX_PARTNERS 3
#define WW_FLOW_MAX_DEPTH    16  /* questions on one path: what a session keeps */
#define WW_FLOW_MAX_NODES    400 /* questions + outcomes in one file */
#define WW_FLOW_MAX_TOPICS   10  /* places in the topic grid: order = 1..10 */
#define WW_FLOW_TEXT         400 /* one sentence or two */
#define WW_FLOW_BUTTON       160 /* an answer text (B1 limit: 40 characters) */
#define WW_FLOW_MAX_NOTICES  4   /* always-shown lines of one outcome */

/* Outcome index of the general desk (ww_flows_outcome accepts it). */
#define WW_FLOW_GENERAL (-2)
/* The id the general desk outcome is counted under in the store. */
#define WW_FLOW_GENERAL_ID "medewerker"

enum ww_node_kind { WW_NODE_NONE, WW_NODE_QUESTION, WW_NODE_OUTCOME };

/* Where an answer leads: a question or an outcome of the same topic, or
 * (kind OUTCOME, index WW_FLOW_GENERAL) the general desk. */
struct ww_flow_ref {
    enum ww_node_kind kind;
    int index;
};

struct ww_flow_answer {
    char text[WW_FLOW_BUTTON];
    char target_id[WW_ID_SIZE];
    struct ww_flow_ref target; /* resolved after loading */
    char icon[WW_ID_SIZE];     /* pictogram id or "" */
    int line;
};

struct ww_flow_question {
    char id[WW_ID_SIZE];
    char text[WW_FLOW_TEXT];
    char explain[WW_FLOW_TEXT]; /* "" when none */
    struct ww_flow_answer answers[WW_FLOW_MAX_ANSWERS];
    size_t n_answers;
    size_t n_icons;               /* pictograms given with `icons` (0 or n_answers) */
    char dontknow_id[WW_ID_SIZE]; /* "" = the general desk */
    struct ww_flow_ref dontknow;
    int depth; /* most questions from here to an outcome, this one included */
    int line, text_line, explain_line, icons_line, dontknow_line;
};

struct ww_flow_outcome {
    char id[WW_ID_SIZE];
    char partners[WW_FLOW_MAX_PARTNERS][WW_ID_SIZE];
    size_t partner[WW_FLOW_MAX_PARTNERS]; /* config index; valid when partner_ok[i] */
    bool partner_ok[WW_FLOW_MAX_PARTNERS];
    size_t n_partners; /* 0 only for the general desk */
    bool general;      /* the built-in general desk outcome */
    char why[WW_FLOW_TEXT];
    char bring[WW_TEXT_SIZE]; /* "A; B" or "" (then the partners' own) */
    char alternative[WW_FLOW_TEXT];
    int urgency; /* 0 normal, 1 soon, 2 deadline, 3 safety */
    /* Lines shown and read on this outcome whoever is on site (safety,
     * must-know): "Is er nu direct gevaar? Bel dan 112." */
    char notices[WW_FLOW_MAX_NOTICES][WW_FLOW_TEXT];
    int notice_lines[WW_FLOW_MAX_NOTICES];
    size_t n_notices;
    bool notice_ticket; /* the notices are printed on the ticket too */
    int line, partners_line, why_line, bring_line, alternative_line;
};

struct ww_flow_topic {
    char id[WW_ID_SIZE];
    char title[WW_FLOW_BUTTON];
    char icon[WW_ID_SIZE];
    int order;
    char start_id[WW_ID_SIZE];
    struct ww_flow_ref start;
    struct ww_flow_question *questions; /* owned */
    size_t n_questions;
    struct ww_flow_outcome *outcomes; /* owned */
    size_t n_outcomes;
    char file[WW_PATH_SIZE];
    int line, title_line, icon_line, start_line;
    bool cut; /* more than WW_FLOW_MAX_NODES: read in part, not resolved */
};

struct ww_flows {
    struct ww_flow_topic *topics; /* owned, sorted by `order` */
    size_t n_topics;
    struct ww_flow_outcome general; /* the general desk */
};

/* Load every *.flow file of `dir` (sorted by name) and resolve it: answer
 * targets, partner ids against `cfg` (may be NULL: partners unchecked),
 * depths. Syntax and structure errors (unknown key or target, 2..5 answers,
 * missing start, duplicate ids, cycles, dead ends, unreachable nodes,
 * unknown partners, a path of more than WW_FLOW_MAX_DEPTH questions, more
 * than WW_FLOW_MAX_NODES questions and outcomes) go to `d` as file:line: message. Returns false
 * when any error was found; the flows are still safe to use for the topics that loaded and must be
 * destroyed either way. */
bool ww_flows_load(struct ww_flows *flows, const char *dir, const struct ww_config *cfg,
                   struct ww_diags *d);
void ww_flows_destroy(struct ww_flows *flows);

/* Load one flow from memory (`len` bytes; `name` stands for the file in
 * messages) as ww_flows_load does for a folder of one file. For fuzzing and
 * tests. */
bool ww_flows_load_text(struct ww_flows *flows, const char *text, size_t len, const char *name,
                        const struct ww_config *cfg, struct ww_diags *d);

/* Every pictogram the flows name (topic icons, answer icons) is a regular
 * file DIR/ID.svg; each that is not is reported at its line ("unknown
 * pictogram 'x' (no DIR/x.svg)"). True when all are there. */
bool ww_flows_check_pictograms(const struct ww_flows *flows, const char *dir, struct ww_diags *d);

/* The keys of the flow format with their help (`wegwijzer flow keys`). */
void ww_flow_keys_help(FILE *out);
/* Every (section, key) of the format, for the test that the sample uses them. */
void ww_flow_each_key(void (*fn)(void *ctx, const char *section, const char *key), void *ctx);

/* Extra checks of `flow check` that are not needed to run the kiosk. */
struct ww_flow_check_params {
    const char *pictograms_dir; /* assets/pictograms; NULL or missing folder: not checked */
    const char *locales_dir;    /* folder of *.po files; NULL: not checked */
    const char *const *langs;   /* languages to check (NULL: every LANG.po in locales_dir) */
    size_t n_langs;
    const char *template_path; /* a .pot (flow pot): its texts must be translated too; or NULL */
};

/* B1 limits, safety, pictograms and translations. Errors (a button text -
 * answer or topic title - longer than 40 characters, abbreviations, an
 * outcome of urgency 3 (safety) without a notice line that names the
 * emergency number 112 or Veilig Thuis, unknown pictogram, missing
 * translation, a translation whose placeholders differ from its source's:
 * "locales/tr.po:12: the translation of \"...\": ...") go to `errors`;
 * warnings (a sentence of a
 * question, explanation or outcome with more than 12 words or more than one
 * comma, "je"/"jij" instead of "u", a translated button longer than 40
 * characters) to `warnings`, both as file:line: message. Returns true when
 * there were no errors. Missing translations are listed per language, each
 * text once: "locales/tr.po: missing translation of \"...\" (file:line)". */
bool ww_flows_check(const struct ww_flows *flows, const struct ww_flow_check_params *p,
                    struct ww_diags *errors, struct ww_diags *warnings);

/* Every resident-facing text of the flows, with where it is, in file order.
 * `fn` is called once per occurrence (the same text may come several times)
 * with `what` it is, for translators: "topic title", "question",
 * "explanation", "answer button", "notice", "why", "what to
 * bring", "alternative". */
typedef void (*ww_flow_text_fn)(void *ctx, const char *text, const char *what, const char *file,
                                int line);
void ww_flows_each_text(const struct ww_flows *flows, ww_flow_text_fn fn, void *ctx);

/* Look-ups. NULL / -1 when absent. */
const struct ww_flow_topic *ww_flows_topic(const struct ww_flows *flows, const char *id,
                                           int *index);
const struct ww_flow_question *ww_flows_question(const struct ww_flows *flows, int topic,
                                                 int question);
/* outcome may be WW_FLOW_GENERAL (topic is then ignored). */
const struct ww_flow_outcome *ww_flows_outcome(const struct ww_flows *flows, int topic,
                                               int outcome);

/* ---- outcome resolution against today's presence ---- */

enum ww_here {
    WW_HERE_TODAY, /* `partner` is on site today and has a free slot from now on */
    WW_HERE_LATER, /* none today; `partner` is here with room on `day` */
    WW_HERE_NONE,  /* none of them within booking_days: show the alternatives */
};

struct ww_resolution {
    enum ww_here here;
    int rank;                /* index into the outcome's partners; -1 for NONE */
    size_t partner;          /* config index of the partner (TODAY, LATER) */
    ww_day day;              /* TODAY: today; LATER: the next date */
    ww_day today;            /* the day it was resolved on ("morgen" in words) */
    int first_free;          /* start minute of the first slot with room (TODAY, LATER) */
    int later_free;          /* TODAY: a slot with room at least an hour after the first; -1 none */
    int n_free;              /* TODAY: slots with room from now on */
    ww_day next_day;         /* TODAY: the next day after today with room (for "another day"),
                                WW_DAY_NONE when none */
    char room[WW_NAME_SIZE]; /* TODAY: where (from the plan) */
    int hours[2];            /* TODAY: from and until which minute the partner is here
                                (the plan's block), -1 when the plan does not say */
    bool offline;            /* the store could not be read: presence from the weekly
                                pattern and today's calendar only, booked counts
                                unknown; nothing can be booked now */
};

/* (ww_flows_load with a config also reports, at the location file, each
 * location without details of its own for a municipal partner that an
 * outcome routes to: see ww_config_check_route.) */

/* Resolve an outcome for the location and moment of `ctx`: the first
 * recommended partner on site today with a free slot from now on; else the
 * first of them (in preference order, then date) with room on a later day
 * within booking_days; else NONE. For the general desk the location's
 * general partner is used. When the store cannot be read the error is
 * returned and `out` is still filled: resolved on the weekly pattern (no
 * staff changes, no booked counts) with `offline` set, so the resident
 * still learns who helps and when they are usually here. */
enum ww_err ww_flow_resolve(const struct ww_flows *flows, const struct ww_flow_outcome *o,
                            const struct ww_booking_ctx *ctx, struct ww_resolution *out);

#define WW_VIEW_MAX_BRING 10

struct ww_view_alt {
    const char *name;        /* partner name, not translated */
    const char *phone;       /* "" when none */
    const char *phone_hours; /* translated */
    const char *website;     /* "" when none */
    const char *address;     /* "" when none */
};

/* An outcome as the screen shows it, already translated into the current
 * language (i18n.h). Pointers point into the flows, the config, the
 * catalogue or the view's own buffers: valid while those live and the
 * language does not change. Nothing to free. */
struct ww_outcome_view {
    const char *notices[WW_FLOW_MAX_NOTICES]; /* always shown and read first */
    size_t n_notices;
    const char *who;       /* name of the partner to see ("" when NONE) */
    const char *preferred; /* the outcome's first choice when `who` is another partner
                              (the `why` text may name the first choice), else "" */
    const char *helps;     /* what that partner helps with (translated) */
    const char *why;
    const char *bring[WW_VIEW_MAX_BRING]; /* documents to bring */
    size_t n_bring;
    enum ww_here here;
    char here_line[256]; /* "Vandaag aanwezig van 09:00 tot 12:00, Spreekkamer 1. Eerste vrije
                            tijd: 09:40" etc., translated */
    struct ww_view_alt alt[WW_FLOW_MAX_PARTNERS]; /* when NONE (also LATER: the others) */
    size_t n_alt;
    const char *alternative; /* the outcome's alternative text, "" when none */
    const char *offline;     /* booking cannot be done now (resolution.offline), "" otherwise */
    char bring_buf[WW_TEXT_SIZE];
};

void ww_outcome_view(const struct ww_config *cfg, const struct ww_location *loc,
                     const struct ww_flow_outcome *o, const struct ww_resolution *r,
                     struct ww_outcome_view *out);

/* Count B1 things in a text (exported for tests and the UI's own strings). */
int ww_flow_words(const char *sentence_start, const char *end);
/* The first abbreviation token in `text` ("bijv.", "o.a.", ...), or NULL. */
const char *ww_flow_abbreviation(const char *text, char *found, size_t size);
/* Length in characters (UTF-8 code points). */
size_t ww_utf8_len(const char *s);
/* Length as the eye counts it: code points without combining marks (Arabic
 * vowel marks, accents written as marks), which take no room of their own. */
size_t ww_text_chars(const char *s);

#endif
