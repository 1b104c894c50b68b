/* The printed ticket: a layout model built from a booking, a 1-bit raster
 * type that printers consume, and the order of work when a ticket is issued.
 *
 * The layout model is a short list of lines (kind + text, already in the
 * resident's language) plus the QR payload. It holds nothing personal: the
 * ticket number, partner, time, place, what to bring, the phone number staff
 * call from and the QR that identifies the booking. The screen shows the same
 * lines when the printer fails, and speech reads them.
 *
 * Rendering the model with fonts happens outside the core (src/render,
 * SDL2_ttf); the core only draws the QR (ww_ticket_raster_plain) so it can be
 * tested headless.
 *
 * Order of work: the booking is already in the store; the ticket is printed;
 * only when the printer confirmed is the booking marked printed. A failure
 * keeps the booking, unprinted, and returns why (WW_ERR_PAPER,
 * WW_ERR_UNAVAILABLE, WW_ERR_IO) so the screen shows the ticket instead and
 * staff get a warning. */
#ifndef WW_TICKET_H
#define WW_TICKET_H

#include "config.h"
#include "err.h"
#include "printer.h"
#include "schedule.h"
#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Printable width in dots at 203 dpi. */
#define WW_TICKET_DOTS_80 576
#define WW_TICKET_DOTS_58 384

/* ---- 1-bit raster ---- */

/* Rows of `stride` bytes, most significant bit = leftmost dot, 1 = black
 * (the ESC/POS raster convention). */
struct ww_raster {
    int width, height;
    size_t stride;
    unsigned char *bits; /* owned; freed by ww_raster_destroy */
};

/* A white raster. False (logged) when the size is out of range (width
 * 1..4096, height 1..65535) or memory runs out; the raster is then empty and
 * safe to destroy. */
bool ww_raster_init(struct ww_raster *r, int width, int height);
void ww_raster_destroy(struct ww_raster *r);
/* Hand the pixels over: *dst takes them, *src becomes empty. */
void ww_raster_move(struct ww_raster *dst, struct ww_raster *src);
void ww_raster_set(struct ww_raster *r, int x, int y, bool black);
bool ww_raster_get(const struct ww_raster *r, int x, int y);
/* Fill a rectangle, clipped to the raster. */
void ww_raster_fill(struct ww_raster *r, int x, int y, int w, int h, bool black);
/* Drop white rows at the bottom (keeps at least one row). */
void ww_raster_trim(struct ww_raster *r);

/* ---- layout model ---- */

enum ww_tline {
    WW_TLINE_SMALL,   /* small print: location, hints */
    WW_TLINE_LABEL,   /* a caption above a value ("Uw nummer") */
    WW_TLINE_NUMBER,  /* the ticket number, very large */
    WW_TLINE_HEADING, /* the partner */
    WW_TLINE_TEXT,    /* date and time, room, phone number */
    WW_TLINE_ITEM,    /* one thing to bring (drawn with a bullet) */
    WW_TLINE_QR,      /* the QR code (text is empty) */
    WW_TLINE_RULE,    /* a thin line across */
};

#define WW_TICKET_LINE_SIZE 256
#define WW_TICKET_MAX_LINES 32

struct ww_ticket_line {
    enum ww_tline kind;
    bool ltr;                       /* always left to right: numbers, phone */
    char text[WW_TICKET_LINE_SIZE]; /* UTF-8, in the ticket's language */
};

struct ww_ticket {
    char lang[8];                /* "nl", "ar", ... */
    bool rtl;                    /* right-to-left language */
    int width;                   /* dots: WW_TICKET_DOTS_80 or _58 */
    char number[WW_TICKET_SIZE]; /* "J-014" */
    char qr[64];                 /* QR payload, WW1:<location>:<check> */
    size_t n;
    struct ww_ticket_line lines[WW_TICKET_MAX_LINES];
};

/* Translation hook (the i18n module or a test table): returns the text of
 * `msgid` (Dutch source text) in `lang`, or NULL when there is none; the
 * Dutch text is then used. The returned string must live until the ticket is
 * built (it is copied). */
typedef const char *(*ww_translate_fn)(void *ctx, const char *lang, const char *msgid);

struct ww_ticket_params {
    const struct ww_location *loc;
    const struct ww_partner *partner;
    const struct ww_booking *booking;
    const char *room;   /* room or desk name from the day plan; NULL or "" = none */
    int desks;          /* desks of that block: the desk number shows when > 1 */
    const char *bring;  /* ';'-separated; NULL = the partner's list */
    bool bring_neutral; /* one neutral line instead of the items */
    /* Lines the outcome wants on paper (notice_ticket), Dutch source texts,
     * translated here; printed under what to bring. */
    const char *notices; /* '\n'-separated */
    const char *lang;    /* NULL = "nl" */
    ww_translate_fn tr;  /* may be NULL: Dutch */
    void *tr_ctx;
    int width; /* dots; 0 = WW_TICKET_DOTS_80 */
};

/* Build the layout from parts (tests, and ww_ticket_of_booking below, which
 * is what every printing path uses). WW_ERR_INVALID when a field is missing or the width is
 * neither 576 nor 384. Texts that do not fit a line are cut at a character
 * boundary. */
enum ww_err ww_ticket_build(struct ww_ticket *t, const struct ww_ticket_params *p);

struct ww_booking_ctx;

/* Where a booking's ticket is laid out: the configuration, the language
 * hook and the paper. */
struct ww_ticket_source {
    const struct ww_booking_ctx *ctx; /* cfg, loc; store and clock only for old bookings */
    ww_translate_fn tr;               /* may be NULL: Dutch */
    void *tr_ctx;
    int width;        /* dots; 0 = WW_TICKET_DOTS_80 */
    const char *lang; /* NULL = the booking's; a code to print it in another language */
};

/* THE ticket of a booking: the first print, a reprint from the staff screen,
 * `staff reprint` and `ticket` all come through here, so they are the same
 * ticket. Everything the ticket says comes from what the booking remembered
 * (b->memo: language, items to bring or the neutral line, notices, room and
 * desks); only the partner's and location's names and the location's
 * callback number come from the configuration. A booking made before tickets
 * were remembered (memo.lang "") gets the Dutch ticket of the partner's list
 * and the room of the day plan. WW_ERR_NOT_FOUND when the partner is no
 * longer configured. */
enum ww_err ww_ticket_of_booking(struct ww_ticket *t, const struct ww_booking *b,
                                 const struct ww_ticket_source *src);

/* What a booking's ticket will say, decided when it is booked: `lang`, the
 * items (the outcome's `bring`, or the partner's own list when NULL or ""),
 * the neutral line instead when the location says so (ticket_bring =
 * neutral), and the outcome's lines for the ticket (`notices`, NULL or
 * '\n'-separated msgids). Room and desks are left for the booking to fill. */
void ww_ticket_memo_make(struct ww_ticket_memo *m, const struct ww_location *loc,
                         const struct ww_partner *partner, const char *lang, const char *bring,
                         const char *notices);

/* The block of the day plan that holds a booking (its partner, its start):
 * where the room and the number of desks come from. NULL when staff changed
 * the day since. */
const struct ww_block *ww_ticket_block(const struct ww_day_plan *plan, size_t partner, int start);

/* Is `lang` written right to left? */
bool ww_lang_rtl(const char *lang);

/* The date in words and the time, "dinsdag 24 november, 10:30", in `lang`
 * through `tr` (Dutch without it). */
void ww_ticket_when(char *buf, size_t size, ww_day day, int minute, const char *lang,
                    ww_translate_fn tr, void *tr_ctx);

/* The same, with "vandaag" or "morgen" before it when `day` is `today` or
 * the day after: "morgen, woensdag 25 november, 09:00". For what is read
 * while it is true (screens, speech, flow walk); the paper ticket is read
 * later and says the date alone. today = WW_DAY_NONE: the date alone. */
void ww_ticket_when_near(char *buf, size_t size, ww_day day, int minute, ww_day today,
                         const char *lang, ww_translate_fn tr, void *tr_ctx);

/* A file-name stem for a booking's ticket: "2026-11-24-J-014" (size >= 24). */
void ww_ticket_name(const struct ww_booking *b, char *buf, size_t size);

/* Every text the ticket may use, for translators and tests: calls fn for
 * each Dutch msgid. */
void ww_ticket_each_msgid(void (*fn)(void *ctx, const char *msgid), void *ctx);

/* A raster of the ticket without fonts: the QR code and a frame, centred
 * (used headless: tests, golden printer bytes, and as the last resort when no
 * font can be loaded). The caller destroys `out`. */
bool ww_ticket_raster_plain(const struct ww_ticket *t, struct ww_raster *out);

/* Draw the ticket's QR at (x, y) with at most `max_module` dots per module
 * and at most `max_size` dots across (quiet zone included). Returns the size
 * drawn in dots, 0 on failure (logged). */
int ww_ticket_draw_qr(const struct ww_ticket *t, struct ww_raster *r, int x, int y, int max_size,
                      int max_module);

/* ---- issuing ---- */

/* Print a rendered ticket and record it: the booking `booking_id` is already
 * in the store; it is marked printed only when the printer confirmed. On a
 * printer failure the booking stays, unprinted, and the printer's error comes
 * back (WW_ERR_PAPER, WW_ERR_UNAVAILABLE, WW_ERR_IO); the printer's detail
 * (ww_printer_detail) says more for staff. Blocks for as long as the printer
 * takes (up to its timeout): the kiosk uses ww_print_worker (printer.h) and
 * ww_ticket_finish instead. Thread: the caller's, which owns `store`. */
enum ww_err ww_ticket_issue(struct ww_store *store, struct ww_printer *printer,
                            const struct ww_raster *raster, int64_t booking_id, const char *name);

/* Record the outcome of a print job done by a ww_print_worker: marks the
 * booking printed when res->err is WW_OK. Returns res->err, or the store's
 * error when the mark could not be saved (the paper did print then; logged).
 * Thread: the one that owns `store` (the UI thread). */
enum ww_err ww_ticket_finish(struct ww_store *store, const struct ww_print_result *res);

#endif
