/* The kiosk's state, shared by the files of the kiosk subcommand only
 * (kiosk.c, script.c, check.c, bench.c); everything else uses kiosk.h. */
#ifndef WW_UI_KIOSK_IMPL_H
#define WW_UI_KIOSK_IMPL_H

#include "app.h"
#include "core/booking.h"
#include "core/flow.h"
#include "core/printer.h"
#include "core/session.h"
#include "core/speech.h"
#include "core/store_worker.h"
#include "core/ticket.h"
#include "render/text.h"
#include "render/ticket_raster.h"
#include "ui/draw.h"
#include "ui/input.h"
#include "ui/kiosk.h"
#include "ui/kiosk_store.h"
#include "ui/screens.h"

#include <SDL2/SDL.h>

struct ww_kiosk {
    struct ww_app app;
    bool app_ready;
    struct ww_flows flows;
    bool flows_loaded;
    struct ww_session s;
    struct ww_screen_env env;
    struct ww_booking_ctx bctx;

    SDL_Window *win;
    SDL_Renderer *ren;
    struct ww_text *text;
    struct ww_drawer *dr;
    struct ww_dlist dl;
    bool dirty;             /* the draw list must be rebuilt */
    bool shown;             /* the current list is on screen */
    unsigned long presents; /* frames shown in the live loop (logged at the stop) */

    struct ww_input input;
    int64_t last_input; /* clock seconds of the last resident input */
    int last_tick;      /* idle seconds last sent, to send each second once */
    char visit_id[40];

    struct ww_speech *speech;
    struct ww_audio *audio; /* plays the speech (live runs only) */
    FILE *spoken_log;
    bool said; /* this action or tick said something: queue the rest behind it */
    struct ww_print_worker *printer;
    struct ww_ticket_raster *traster;
    int64_t print_booking; /* booking id being printed */
    Uint64 print_due;      /* SDL ticks: the ticket is shown as not printed after this */

    Uint32 ev_print;        /* SDL user event: a print job finished */
    int wake_fd;            /* eventfd that wakes our own wait (offscreen/dummy drivers) */
    int sig_fd;             /* with a real display: eventfd a signal writes to... */
    SDL_Thread *sig_thread; /* ...and the thread that turns it into an SDL event */
    bool own_wait;
    bool scripted;
    bool bench;
    bool display_lost;          /* the compositor went away: the kiosk ends with a failure */
    Uint64 display_check_until; /* SDL ticks: a quit came; is the display gone? (0: no) */
    bool debug_exit;            /* Escape and a window close end the kiosk (--debug-exit) */
    bool lower_default;         /* "buttons lower" at start (--lower); a wipe returns to it */
    char assets[WW_PATH_SIZE];
    char shot_dir[WW_PATH_SIZE];
    int shots;
    char last_screen[64];

    struct ww_staff_ui *staff; /* the staff screens (ui/staff.h, kiosk_staff.c) */
    int64_t change_seq;        /* the store's change counter last seen */
    int64_t store_down;        /* clock seconds since the store stopped answering; 0 up */
    bool store_unwritable;     /* the store answers but cannot save */
    struct ww_store_worker *store_worker; /* residents' store work (kiosk_store.c) */
    int store_pending[WW_KJOB_COUNT];     /* per job kind: asked, not answered */
    uint64_t visit_no;                    /* counts visits; answers of an ended one are dropped */
    bool speak_resolved;                  /* read the outcome aloud once it is resolved */
    ww_day resolved_on;                   /* the date the outcome on screen was resolved */
    struct ww_book_limit limit;           /* bookings per visit and per minute */
    ww_day purged_on;                     /* the day retention last ran; WW_DAY_NONE never */
    bool settling;                        /* settle() is running (scripted runs) */
    uint64_t hold_until;                  /* SDL ticks: a fresh answer is awaited before drawing */
    uint64_t next_poll;                   /* SDL ticks: the next read of the change counter */
    uint64_t next_beat;                   /* SDL ticks: the next heartbeat (0: at once) */
    char kiosk_id[WW_KIOSK_ID_SIZE];      /* this machine, in heartbeats */
    char printer_state[16];               /* heartbeat: "ok", "none", "fault", ... */
    bool paper_low;                       /* heartbeat: the last print found the roll low */

    /* For the report's anonymous counters: the last outcome whose roster
     * miss was counted (once per outcome and visit), and whether the
     * printer is in a fault (a fault is counted when it begins). */
    uint64_t miss_visit;
    const struct ww_flow_outcome *miss_outcome;
    bool printer_faulty;
};

/* One touch, click, key or text event of the resident screens (or the
 * staff screens when open), as the live loop gets it: input older than the
 * idle time dropped, scanner input recognised. Scripts feed keys this way. */
void ww_kiosk_input(struct ww_kiosk *k, const SDL_Event *ev);

/* The ticket of the booking on screen as it is printed (ticket.h); false
 * when it cannot be made. */
bool ww_kiosk_ticket(struct ww_kiosk *k, struct ww_ticket *t);
/* Settle held keys and ended scans due at `now` (SDL ticks). */
void ww_kiosk_input_settle(struct ww_kiosk *k, Uint32 now);

/* The name of the target with the keypad focus ("" when none); `buf` holds
 * WW_TARGET_SIZE bytes. */
const char *ww_kiosk_focus(struct ww_kiosk *k, char *buf);

/* Handle one SDL event as the live loop does. Scripted runs feed events
 * here to test what the loop does with them. */
void ww_kiosk_event(struct ww_kiosk *k, const SDL_Event *ev);

/* True once SIGTERM/SIGINT or (with --debug-exit) Escape or a window close
 * asked the kiosk to stop. */
bool ww_kiosk_stopping(void);

#endif
