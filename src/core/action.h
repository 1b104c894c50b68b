/* The small action vocabulary of the kiosk: touches, keypad keys, scripted
 * test input and the results of effects all become one of these and go
 * through ww_session_step (session.h).
 *
 * TAP targets (what a button is called; the UI's hit rectangles and the
 * scripted-input mode use the same names):
 *   start                 attract screen: begin
 *   topic:ID              topic grid
 *   answer:N              question screen, N = 1..5
 *   dontknow              "Ik weet het niet"
 *   back, restart         Terug, Opnieuw (wipes everything at once)
 *   talk                  Praat met een medewerker (general desk), any screen
 *   read                  Voorlezen
 *   lang:xx               nl en tr ar pl uk
 *   textsize              next of three text sizes
 *   contrast, slow        high contrast, slower speech (toggles)
 *   volume                the speech one step louder; from the loudest, the quietest
 *   volume:up|volume:down one step louder or softer (the keypad's + and - keys)
 *   book                  outcome screen: make an appointment
 *   next                  outcome: no appointment / ticket: go on / rating: skip
 *   time:first|later|day  time choice
 *   confirm               "Dit gaat u boeken": book it
 *   more:yes|more:no      "Kan ik u nog ergens anders mee helpen?" (also on
 *                         the outcome screen: first add another topic)
 *   rating:1..5           satisfaction
 *   stay                  the idle warning: "Tik hier om verder te gaan"
 *
 * Value types: a struct ww_action is a plain value; nothing to free. */
#ifndef WW_ACTION_H
#define WW_ACTION_H

#include "err.h"
#include "flow.h"
#include "store.h"

#include <stdbool.h>
#include <stddef.h>

#define WW_TARGET_SIZE 48

enum ww_action_kind {
    WW_ACT_TAP,        /* target */
    WW_ACT_BACK,       /* = TAP back */
    WW_ACT_RESTART,    /* = TAP restart */
    WW_ACT_ACTIVATE,   /* keypad: tap the focused target */
    WW_ACT_NEXT_FOCUS, /* keypad: focus the next target (wraps) */
    WW_ACT_PREV_FOCUS,
    WW_ACT_READ_ALOUD,  /* = TAP read */
    WW_ACT_IDLE_TICK,   /* idle_seconds: seconds since the last touch or key */
    WW_ACT_RESOLVED,    /* result of WW_EFFECT_RESOLVE: resolution */
    WW_ACT_BOOKED,      /* result of WW_EFFECT_BOOK: booking */
    WW_ACT_BOOK_FAILED, /* result of WW_EFFECT_BOOK: err */
    WW_ACT_DAY_CHANGED, /* the date changed while a time was being chosen */
    WW_ACT_SCANNED,     /* a resident scanned the ticket of a booking of today: booking */
};

struct ww_action {
    enum ww_action_kind kind;
    char target[WW_TARGET_SIZE];
    int idle_seconds;
    struct ww_resolution resolution;
    struct ww_booking booking;
    enum ww_err err;
};

/* Constructors. A target longer than WW_TARGET_SIZE-1 is cut (and then
 * matches nothing). */
struct ww_action ww_action_tap(const char *target);
struct ww_action ww_action_make(enum ww_action_kind kind);
struct ww_action ww_action_idle(int seconds);

/* Parse one line of scripted input: "tap TARGET", "back", "restart",
 * "activate", "next-focus", "prev-focus", "read", "idle SECONDS".
 * Returns false for anything else (nothing written). */
bool ww_action_parse(const char *line, struct ww_action *out);

/* Name of an action kind ("tap", "back", ...), for logs and tests. */
/* A touch or key of the resident (false for the kiosk's own: idle ticks,
 * store answers, a date change, a scanned ticket's booking). */
bool ww_action_from_resident(enum ww_action_kind kind);

const char *ww_action_name(enum ww_action_kind kind);

#endif
