#include "ui/kiosk.h"
#include "core/err.h"

#include "app.h"
#include "core/booking.h"
#include "core/code.h"
#include "core/flow.h"
#include "core/i18n.h"
#include "core/install.h"
#include "core/log.h"
#include "core/printer.h"
#include "core/say.h"
#include "core/speech.h"
#include "core/str.h"
#include "core/ticket.h"
#include "render/text.h"
#include "render/ticket_raster.h"
#include "render/video.h"
#include "ui/audio.h"
#include "ui/input.h"
#include "ui/kiosk_impl.h"
#include "ui/kiosk_staff.h"
#include "ui/kiosk_store.h"
#include "ui/out_of_order.h"
#include "ui/screens.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The signal flag (STYLE rule 6): SIGTERM/SIGINT end the loop through the
 * normal shutdown path. */
static volatile sig_atomic_t ww_stop_requested;
/* Part of the same signal path: the eventfd the loop sleeps on, so a signal
 * wakes it at once (write() is async-signal-safe). -1 when none. */
static volatile sig_atomic_t ww_signal_fd = -1;

/* Part of the same signal path: set by SIGCONT, the process was stopped
 * (SIGSTOP, a debugger, a frozen cgroup). Input queued meanwhile was tapped
 * on a screen that did not answer: the loop drops it. */
static volatile sig_atomic_t ww_continued;

static void on_continue(int sig)
{
    (void)sig;
    ww_continued = 1;
}

static void on_signal(int sig)
{
    (void)sig;
    ww_stop_requested = 1;
    if (ww_signal_fd >= 0) {
        uint64_t one = 1;
        ssize_t w = write(ww_signal_fd, &one, sizeof one);
        (void)w;
    }
}

/* With a real display the loop sleeps inside SDL (X11 retries its wait on
 * EINTR), so a signal alone would be seen only at the next wake-up. This
 * thread sleeps on the signal's eventfd and posts an SDL event, which wakes
 * SDL's wait at once; the loop then sees the flag. One-shot: it also ends
 * when kiosk_destroy writes to the fd. */
struct sig_watch {
    int fd;
    Uint32 wake_event;
};

static int signal_watch(void *data)
{
    struct sig_watch *w = data;
    struct pollfd p = {.fd = w->fd, .events = POLLIN};
    while (poll(&p, 1, -1) < 0 && errno == EINTR)
        ;
    if (ww_stop_requested) {
        SDL_Event ev;
        SDL_zero(ev);
        ev.type = w->wake_event;
        SDL_PushEvent(&ev);
    }
    free(w);
    return 0;
}

/* ---- helpers ---- */

static int64_t now_s(const struct ww_kiosk *k)
{
    return ww_clock_now(&k->app.clock);
}

static void new_visit_id(struct ww_kiosk *k)
{
    char r[WW_CHECK_LEN + 1];
    if (!ww_code_new_request(r, sizeof r))
        ww_fmt(r, sizeof r, "%lld", (long long)now_s(k));
    ww_fmt(k->visit_id, sizeof k->visit_id, "%.8s-%s", k->app.loc->id, r);
}

static void today(struct ww_kiosk *k, ww_day *day, int *minute)
{
    ww_clock_local(&k->app.clock, day, minute);
}

const struct ww_session *ww_kiosk_session(const struct ww_kiosk *k)
{
    return &k->s;
}

/* ---- speech: what is read aloud ---- */

/* Append a text as its own sentence. False when the buffer is full. */
static bool append_sentence(char *buf, size_t size, size_t *used, const char *text)
{
    size_t n = strlen(text);
    if (*used + n + 3 >= size)
        return false;
    if (*used) {
        char last = buf[*used - 1];
        if (last != '.' && last != '?' && last != '!' && last != ':')
            buf[(*used)++] = '.';
        buf[(*used)++] = ' ';
    }
    memcpy(buf + *used, text, n + 1);
    *used += n;
    return true;
}

/* The words of the screen in reading order: the screen's own content with
 * its buttons, then "Praat met een medewerker" (always there). The bar and
 * the language row are announced one by one as the keypad focus reaches
 * them. (A richer composition can replace this in one place.) */
static void screen_words(struct ww_kiosk *k, char *buf, size_t size)
{
    const struct ww_dlist *d = ww_kiosk_dlist(k);
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = d->content_from; i < d->n; i++) {
        const struct ww_dcmd *c = &d->cmds[i];
        if (c->kind == WW_D_TEXT && c->text[0] && !append_sentence(buf, size, &used, c->text))
            return;
    }
    const struct ww_dtarget *talk = ww_dlist_find(d, "talk");
    if (talk && !k->s.warning)
        append_sentence(buf, size, &used, talk->label);
}

/* The Dutch names that are said with the Dutch voice inside English,
 * Turkish and Polish (say.h): the partners', the location's and its rooms'.
 * NULL-terminated in names[max]; borrowed from the config. */
static void dutch_names(const struct ww_kiosk *k, const char **names, size_t max)
{
    size_t n = 0;
    const struct ww_config *cfg = k->env.cfg;
    const struct ww_location *loc = k->env.loc;
    for (size_t i = 0; cfg && i < cfg->n_partners && n + 1 < max; i++)
        names[n++] = cfg->partners[i].name;
    if (loc && n + 1 < max)
        names[n++] = loc->name;
    for (size_t i = 0; loc && i < loc->n_presence && n + 1 < max; i++)
        if (loc->presence[i].room[0])
            names[n++] = loc->presence[i].room;
    names[n] = NULL;
}

/* Say `text` in the screen's language: the first utterance of an action
 * cuts what was being said, the next ones queue behind it. */
static void speak_in(struct ww_kiosk *k, const char *lang, const char *text, unsigned flags)
{
    if (!k->speech || !text || !*text)
        return;
    if (!k->said)
        flags |= WW_SAY_CUT;
    k->said = true;
    /* Times, dates, ticket and phone numbers as a person says them; Dutch
     * names marked for the Dutch voice. */
    const char *names[96];
    dutch_names(k, names, sizeof names / sizeof names[0]);
    size_t size = strlen(text) * 24 + WW_SAY_SIZE; /* a digit can become a long word */
    char *said = malloc(size);
    if (!said)
        abort();
    if (!ww_say_prepare(lang, names, text, said, size))
        ww_strlcpy(said, text, size);
    enum ww_err e = ww_speech_say(k->speech, lang, said, flags);
    free(said);
    if (e == WW_OK)
        ww_audio_wake(k->audio);
    if (e == WW_ERR_UNAVAILABLE && !k->env.speech_off) {
        k->env.speech_off = true;
        k->dirty = true;
    }
}

static void speak_as(struct ww_kiosk *k, const char *text, unsigned flags)
{
    speak_in(k, k->s.lang, text, flags);
}

static void speak(struct ww_kiosk *k, const char *text)
{
    speak_as(k, text, 0);
}

/* The texts of draw commands [from, to) as sentences. */
static void words_of(const struct ww_dlist *d, size_t from, size_t to, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = from; i < to && i < d->n; i++) {
        const struct ww_dcmd *c = &d->cmds[i];
        if (c->kind == WW_D_TEXT && c->text[0] && !append_sentence(buf, size, &used, c->text))
            return;
    }
}

/* Is the speech heard by everyone around? A real output that is not the
 * headphones. (Without any output nothing is heard; the spoken log of a
 * scripted run keeps everything.) */
static bool public_speaker(const struct ww_kiosk *k)
{
    return k->audio && ww_audio_available(k->audio) && !ww_audio_headphones(k->audio);
}

/* The headphones came or went: mark the spoken log, and say so in the
 * headphones (`announce`) so a blind resident knows it worked. */
static void headphones_changed(struct ww_kiosk *k, bool announce)
{
    bool on = ww_audio_headphones(k->audio);
    if (k->speech)
        ww_speech_set_private(k->speech, on);
    k->dirty = true;
    if (announce && on) {
        k->said = false;
        speak(k, _("U hoort de kiosk nu alleen via de koptelefoon."));
    }
}

static void speak_languages(struct ww_kiosk *k);

static void speak_screen(struct ww_kiosk *k)
{
    if (k->s.screen == WW_SCREEN_ATTRACT && !k->s.warning) {
        speak_languages(k);
        return;
    }
    char *buf = malloc(WW_SPEECH_TEXT_MAX);
    if (!buf)
        abort();
    const struct ww_dlist *d = ww_kiosk_dlist(k);
    if (!k->s.warning && d->key_to > d->key_from) {
        /* The ticket: its number, time and desk slowly, twice, then the
         * rest of the screen. On a public speaker (no headphones) those
         * stay on the screen and the ticket (ACCESSIBILITY row 7). */
        if (public_speaker(k)) {
            speak(k, k->env.print == WW_PRINT_FAILED
                         ? _("Uw nummer en de tijd staan op het scherm. "
                             "Met een koptelefoon hoort u ze ook.")
                         : _("Uw bon wordt geprint. Uw nummer en de tijd staan ook op het "
                             "scherm. Met een koptelefoon hoort u ze ook."));
        } else {
            words_of(d, d->key_from, d->key_to, buf, WW_SPEECH_TEXT_MAX);
            speak_as(k, buf, WW_SAY_SLOW);
            speak_as(k, buf, WW_SAY_SLOW);
        }
        size_t used = 0;
        char *rest = malloc(WW_SPEECH_TEXT_MAX);
        if (!rest)
            abort();
        rest[0] = '\0';
        for (size_t i = d->content_from; i < d->n; i++) {
            const struct ww_dcmd *c = &d->cmds[i];
            if ((i < d->key_from || i >= d->key_to) && c->kind == WW_D_TEXT && c->text[0] &&
                !append_sentence(rest, WW_SPEECH_TEXT_MAX, &used, c->text))
                break;
        }
        const struct ww_dtarget *talk = ww_dlist_find(d, "talk");
        if (talk)
            append_sentence(rest, WW_SPEECH_TEXT_MAX, &used, talk->label);
        speak(k, rest);
        free(rest);
    } else {
        screen_words(k, buf, WW_SPEECH_TEXT_MAX);
        speak(k, buf);
    }
    free(buf);
}

/* The start screen by ear: each language says its own name and number key
 * in its own voice, one short line each ("For English, press 2."), so a
 * resident who reads no Dutch hears their language within seconds. */
static void speak_languages(struct ww_kiosk *k)
{
    size_t n;
    const struct ww_lang *langs = ww_i18n_langs(&n);
    for (size_t i = 0; i < n && i < 9; i++) {
        char line[256];
        int key = (int)i + 1;
        ww_i18n_set(langs[i].code);
        ww_i18n_format_int(line, sizeof line, N_("Voor Nederlands: druk op %d."), &key, 1);
        ww_i18n_set(k->s.lang);
        speak_in(k, langs[i].code, line, 0);
    }
}

/* Audio mode just started: how the keypad works, in a few short sentences. */
static void speak_instruction(struct ww_kiosk *k)
{
    speak(k, _("U gebruikt de toetsen. Met de pijltjes gaat u naar een knop. "
               "Met Enter kiest u. Met een cijfer kiest u meteen. "
               "Met de punt hoort u het scherm opnieuw. "
               "Met plus en min zet u het geluid harder of zachter."));
}

/* The state a control shows, in words: the switches of the bar and
 * "Knoppen lager" are on or off, the language in use and the answer given
 * before are chosen. NULL for a control without a state. */
static const char *target_state(const struct ww_kiosk *k, const char *name)
{
    if (strcmp(name, "contrast") == 0)
        return k->s.contrast ? _("aan") : _("uit");
    if (strcmp(name, "textsize") == 0)
        return k->s.text_size > 0 ? _("aan") : _("uit");
    if (strcmp(name, "slow") == 0)
        return k->s.slow ? _("aan") : _("uit");
    if (strcmp(name, "lower") == 0)
        return k->env.lower ? _("aan") : _("uit");
    if (strncmp(name, "lang:", 5) == 0)
        return strcmp(name + 5, k->s.lang) == 0 ? _("gekozen") : NULL;
    int marked = ww_session_marked(&k->s);
    if (marked == 0 && strcmp(name, "dontknow") == 0)
        return _("gekozen");
    long n;
    if (marked > 0 && strncmp(name, "answer:", 7) == 0 &&
        ww_parse_int(name + 7, 1, WW_FLOW_MAX_ANSWERS, &n) && n == marked)
        return _("gekozen");
    return NULL;
}

/* Say a control's label with its state ("Hoog contrast: aan"). */
static void speak_target(struct ww_kiosk *k, const char *name)
{
    const struct ww_dtarget *t = ww_dlist_find(ww_kiosk_dlist(k), name);
    if (!t || !t->label[0])
        return;
    const char *state = target_state(k, name);
    if (strncmp(name, "lang:", 5) == 0 && ww_i18n_find(name + 5)) {
        /* A language's name in its own voice ("العربية" read by the Dutch
         * voice is a string of letter names); its state in the screen's. */
        speak_in(k, name + 5, t->label, 0);
        if (state)
            speak(k, state);
        return;
    }
    if (!state) {
        speak(k, t->label);
        return;
    }
    size_t size = strlen(t->label) + strlen(state) + 3;
    char *line = malloc(size);
    if (!line)
        abort();
    ww_fmt(line, size, "%s: %s", t->label, state);
    speak(k, line);
    free(line);
}

static void speak_focus(struct ww_kiosk *k)
{
    char targets[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    size_t n = ww_session_targets(&k->flows, &k->s, targets, sizeof targets / sizeof targets[0]);
    if (k->s.focus < 0 || (size_t)k->s.focus >= n)
        return;
    speak_target(k, targets[k->s.focus]);
}

/* A switch turned by a keypad user: its new state is said. */
static void speak_switches(struct ww_kiosk *k, const struct ww_session *prev)
{
    if (!k->s.audio)
        return;
    if (prev->contrast != k->s.contrast)
        speak_target(k, "contrast");
    if (prev->text_size != k->s.text_size)
        speak_target(k, "textsize");
    if (prev->slow != k->s.slow)
        speak_target(k, "slow");
}

/* ---- effects ---- */

static void act(struct ww_kiosk *k, const struct ww_action *a);
static const char *focus_name(struct ww_kiosk *k, char *buf);

static void store_answers(struct ww_kiosk *k);
static void on_scanned(struct ww_kiosk *k, const struct ww_kiosk_answer *an);

/* Scripted runs (and the benchmark's journey) wait for every answer of the
 * store, so the script's next line sees it (and runs the same on any
 * machine). Answers asked for while answers are handled are waited for by
 * the same loop. */
static void settle(struct ww_kiosk *k)
{
    if (!(k->scripted || k->bench) || k->settling)
        return;
    k->settling = true;
    for (int i = 0; i < 6000; i++) {
        store_answers(k);
        int n = 0;
        for (int kind = 0; kind < WW_KJOB_COUNT; kind++)
            n += ww_kiosk_store_pending(k, (enum ww_kiosk_job)kind);
        if (n == 0)
            break;
        ww_kiosk_store_wait(k, 10);
    }
    k->settling = false;
}

/* A live kiosk draws the next screen when its answer is there, or after
 * WW_HOLD_MS without one (a slow server: the screen says "a moment"). */
#define WW_HOLD_MS 150

static void hold_drawing(struct ww_kiosk *k)
{
    if (!k->scripted && !k->bench)
        k->hold_until = SDL_GetTicks64() + WW_HOLD_MS;
}

static void do_resolve(struct ww_kiosk *k)
{
    const struct ww_flow_outcome *o = ww_session_outcome(&k->flows, &k->s);
    if (!o)
        return;
    int minute;
    today(k, &k->resolved_on, &minute);
    if (ww_kiosk_store_resolve(k, o))
        hold_drawing(k);
    settle(k);
}

static void on_resolved(struct ww_kiosk *k, const struct ww_kiosk_answer *an)
{
    if (an->err != WW_OK)
        /* No outcome id: with the time of the line it would tell what
         * brought the resident (the ticket printed next names them). */
        ww_warn("kiosk: resolving an outcome: %s%s", ww_strerror(an->err),
                an->resolution.offline ? " (shown from the weekly pattern)" : "");
    /* Only the newest answer about this visit's screen counts. */
    if (an->visit != k->visit_no || ww_kiosk_store_pending(k, WW_KJOB_RESOLVE) > 0 ||
        ww_session_outcome(&k->flows, &k->s) != an->outcome)
        return;
    k->env.day_first = an->day_first;
    struct ww_action a = ww_action_make(WW_ACT_RESOLVED);
    a.resolution = an->resolution;
    act(k, &a);
    k->hold_until = 0;
    if (k->speak_resolved) {
        k->speak_resolved = false;
        speak_screen(k);
    }
}

static void do_book(struct ww_kiosk *k)
{
    if (ww_book_limit_check(&k->limit, k->s.bookings, now_s(k)) != WW_OK) {
        /* Three scans or a stuck finger must not fill a partner's day:
         * more than a visit or a minute allows goes to the desk. */
        ww_warn("kiosk: booking refused: more than %d a visit or %d a minute", k->limit.per_visit,
                k->limit.per_minute);
        struct ww_action a = ww_action_make(WW_ACT_BOOK_FAILED);
        a.err = WW_ERR_LIMIT;
        act(k, &a);
        return;
    }
    struct ww_booking_want want;
    char request[WW_REQUEST_SIZE];
    ww_session_want(&k->flows, &k->s, k->visit_id, request, &want);
    if (ww_kiosk_store_book(k, &want)) {
        hold_drawing(k);
    } else {
        struct ww_action a = ww_action_make(WW_ACT_BOOK_FAILED);
        a.err = WW_ERR_BUSY;
        act(k, &a);
    }
    settle(k);
}

static void on_booked(struct ww_kiosk *k, const struct ww_kiosk_answer *an)
{
    if (an->err != WW_OK)
        ww_warn("kiosk: booking failed: %s", ww_strerror(an->err));
    else
        ww_info("kiosk: booked %s for partner %s", an->booking.ticket, an->booking.partner);
    if (an->err == WW_OK)
        ww_book_limit_note(&k->limit, now_s(k));
    if (an->visit != k->visit_no) {
        /* The visit ended while the server was slow: the booking is whole
         * and in the staff's list; nobody is there to take the ticket. */
        if (an->err == WW_OK)
            ww_warn("kiosk: booking %s came after its visit ended", an->booking.ticket);
        return;
    }
    struct ww_action a = ww_action_make(WW_ACT_BOOKED);
    if (an->err == WW_OK) {
        a.booking = an->booking;
        ww_strlcpy(k->env.room, an->room, sizeof k->env.room);
        k->env.desks = an->desks;
    } else {
        a = ww_action_make(WW_ACT_BOOK_FAILED);
        a.err = an->err;
    }
    act(k, &a);
    k->hold_until = 0;
}

/* The ticket of the booking on screen, as it is printed: what the booking
 * remembered (language, what to bring, room), laid out by the one function
 * every reprint uses too. False when it cannot be laid out. */
bool ww_kiosk_ticket(struct ww_kiosk *k, struct ww_ticket *t)
{
    struct ww_ticket_source src = {&k->bctx, ww_i18n_tr, NULL,
                                   k->printer ? ww_print_worker_width(k->printer) : 0, NULL};
    return ww_ticket_of_booking(t, &k->s.booking, &src) == WW_OK;
}

static void do_print(struct ww_kiosk *k)
{
    const struct ww_booking *bk = &k->s.booking;
    k->env.print = WW_PRINT_FAILED;
    k->dirty = true;
    if (!k->printer)
        return;
    struct ww_ticket *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    struct ww_raster r = {0};
    bool ok = ww_kiosk_ticket(k, t);
    if (ok)
        ok = k->traster ? ww_ticket_raster_draw(k->traster, t, &r) : ww_ticket_raster_plain(t, &r);
    char name[48];
    ww_ticket_name(bk, name, sizeof name);
    if (ok && ww_print_worker_submit(k->printer, bk->id, name, &r)) {
        k->env.print = WW_PRINT_BUSY;
        k->print_booking = bk->id;
        /* The worker cancels a late ticket itself; should its printer
         * hang beyond that, the screen does not wait for it either. */
        k->print_due = SDL_GetTicks64() + (Uint64)k->app.loc->print_timeout * 1000 + 2000;
    }
    ww_raster_destroy(&r);
    free(t);
    if (k->scripted)
        ww_kiosk_wait_print(k);
}

/* The heartbeat, once a minute from the live loop and at once when the
 * printer's state changes, on the store worker (a slow server never holds
 * up the screen). */
#define WW_BEAT_MS 60000
static void beat(struct ww_kiosk *k)
{
    struct ww_heartbeat h;
    memset(&h, 0, sizeof h);
    ww_strlcpy(h.kiosk, k->kiosk_id, sizeof h.kiosk);
    ww_strlcpy(h.location, k->app.loc ? k->app.loc->id : "", sizeof h.location);
    h.seen = ww_clock_now(&k->app.clock);
    ww_strlcpy(h.printer, k->printer_state, sizeof h.printer);
    h.paper_low = k->paper_low;
    ww_strlcpy(h.version, WW_VERSION, sizeof h.version);
    if (ww_kiosk_store_pending(k, WW_KJOB_BEAT) == 0)
        ww_kiosk_store_beat(k, &h);
    k->next_beat = SDL_GetTicks64() + WW_BEAT_MS;
}

static void print_results(struct ww_kiosk *k)
{
    struct ww_print_result res;
    while (k->printer && ww_print_worker_poll(k->printer, &res)) {
        /* Marked printed in the store by the worker; the ticket is out. */
        ww_kiosk_store_finish(k, &res);
        settle(k);
        if (res.booking_id == k->print_booking && k->s.screen == WW_SCREEN_TICKET) {
            k->env.print = res.err == WW_OK ? WW_PRINT_OK : WW_PRINT_FAILED;
            k->dirty = true;
            if (res.err != WW_OK && k->s.audio) {
                /* A keypad user cannot see the line that came: say it. */
                k->said = false;
                speak(k, ww_screen_print_status(k->env.print));
            }
        }
        if (res.err != WW_OK)
            ww_warn("kiosk: ticket %s not printed: %s (%s)", res.name, ww_strerror(res.err),
                    res.detail);
        /* For the heartbeat: how the printer did last time. */
        char was[sizeof k->printer_state];
        bool was_low = k->paper_low;
        ww_strlcpy(was, k->printer_state, sizeof was);
        ww_strlcpy(k->printer_state,
                   res.err == WW_OK          ? "ok"
                   : res.err == WW_ERR_PAPER ? "paper-out"
                                             : "fault",
                   sizeof k->printer_state);
        k->paper_low = res.err == WW_OK && res.paper_low;
        if (strcmp(was, k->printer_state) != 0 || was_low != k->paper_low)
            beat(k);
        ww_kiosk_staff_printed(k, &res);
    }
}

void ww_kiosk_wait_print(struct ww_kiosk *k)
{
    for (int i = 0; i < 1500 && k->env.print == WW_PRINT_BUSY; i++) {
        print_results(k);
        if (k->env.print != WW_PRINT_BUSY)
            break;
        SDL_Delay(10);
    }
}

/* The keypad focus moved to a button on another page of a long screen:
 * show that page. */
static void turn_to_focus(struct ww_kiosk *k)
{
    char name[WW_TARGET_SIZE];
    const struct ww_dlist *d = ww_kiosk_dlist(k);
    int page = ww_dlist_page_of(d, focus_name(k, name));
    if (page >= 0 && page != d->page) {
        k->env.page = page;
        k->dirty = true;
    }
}

static void record(struct ww_kiosk *k, const struct ww_session *ended)
{
    ww_day day;
    int minute;
    today(k, &day, &minute);
    ww_kiosk_store_record(k, ended, day, minute / 60);
    /* Answers still on their way about this visit are dropped. */
    k->visit_no++;
    k->speak_resolved = false;
    k->hold_until = 0;
    k->resolved_on = WW_DAY_NONE;
    /* Nothing of the resident stays in the kiosk either. */
    k->env.print = WW_PRINT_NONE;
    k->env.day_first = -1;
    k->env.room[0] = '\0';
    k->env.desks = 0;
    k->env.lower = k->lower_default;
    k->env.page = 0;
    k->print_booking = 0;
    if (k->speech) {
        ww_speech_stop(k->speech);
        ww_speech_reset_settings(k->speech);
    }
    new_visit_id(k);
    settle(k);
}

static bool resident_action(const struct ww_action *a)
{
    return ww_action_from_resident(a->kind);
}

/* The outcome or time on screen was resolved on an earlier date. */
static bool day_changed(struct ww_kiosk *k)
{
    if (k->s.screen < WW_SCREEN_OUTCOME || k->s.screen > WW_SCREEN_CONFIRM || k->s.busy ||
        k->resolved_on == WW_DAY_NONE)
        return false;
    ww_day day;
    int minute;
    today(k, &day, &minute);
    return day != k->resolved_on;
}

static void act(struct ww_kiosk *k, const struct ww_action *a)
{
    char focused[WW_TARGET_SIZE];
    bool lower_key = a->kind == WW_ACT_ACTIVATE && !k->s.warning && !ww_kiosk_staff_focus(k) &&
                     strcmp(focus_name(k, focused), "lower") == 0;
    if ((a->kind == WW_ACT_TAP && strcmp(a->target, "lower") == 0) || lower_key) {
        /* "Knoppen lager" is the screen's own setting, not the session's:
         * every control moves within wheelchair reach. A wipe resets it. */
        k->env.lower = !k->env.lower;
        k->dirty = true;
        k->last_input = now_s(k);
        k->last_tick = 0;
        if (k->speech)
            ww_speech_stop(k->speech);
        if (k->s.audio || lower_key) {
            k->said = false;
            speak_target(k, "lower");
        }
        return;
    }
    if (a->kind == WW_ACT_TAP && !k->s.warning &&
        (strcmp(a->target, "page:next") == 0 || strcmp(a->target, "page:prev") == 0)) {
        /* A screen too long for one page: the page is the screen's own
         * state, like "buttons lower"; the session does not change. */
        k->env.page += strcmp(a->target, "page:next") == 0 ? 1 : -1;
        if (k->env.page < 0)
            k->env.page = 0;
        k->dirty = true;
        k->last_input = now_s(k);
        k->last_tick = 0;
        if (k->speech)
            ww_speech_stop(k->speech);
        return;
    }
    k->said = false;
    if (resident_action(a) && day_changed(k)) {
        /* A time screen left open over midnight (a stopped or forgotten
         * kiosk): its times are yesterday's. Show the outcome for today;
         * the tap was meant for the old screen, except a way out. */
        ww_info("kiosk: the date changed on the %s screen: resolved anew",
                ww_screen_name(k->s.screen));
        struct ww_action dc = ww_action_make(WW_ACT_DAY_CHANGED);
        act(k, &dc);
        k->last_input = now_s(k);
        k->last_tick = 0;
        if (a->kind == WW_ACT_TAP || a->kind == WW_ACT_ACTIVATE)
            if (!(a->kind == WW_ACT_TAP && strcmp(a->target, "restart") == 0))
                return;
    }
    struct ww_session prev = k->s;
    if (resident_action(a)) {
        k->last_input = now_s(k);
        k->last_tick = 0;
        /* Any action of the resident cuts current speech. */
        if (k->speech)
            ww_speech_stop(k->speech);
    }
    ww_session_step(&k->flows, &prev, a, &k->s);
    unsigned e = k->s.effects;
    if (memcmp(&prev, &k->s, sizeof prev) != 0)
        k->dirty = true;
    /* Another screen, or the same one laid out anew, starts at its first page. */
    if (prev.screen != k->s.screen || prev.topic != k->s.topic || prev.question != k->s.question ||
        prev.current != k->s.current || prev.text_size != k->s.text_size ||
        strcmp(prev.lang, k->s.lang) != 0)
        k->env.page = 0;
    if (e & WW_EFFECT_RECORD)
        record(k, &prev);
    if (e & WW_EFFECT_LANGUAGE) {
        ww_i18n_set(k->s.lang);
        k->input.rtl = ww_i18n_rtl();
        k->env.speech_off = k->speech && (!ww_speech_available(k->speech, k->s.lang) ||
                                          (k->audio && !ww_audio_available(k->audio)));
    }
    if (k->speech && prev.slow != k->s.slow)
        ww_speech_set_slow(k->speech, k->s.slow);
    bool volume_key = a->kind == WW_ACT_TAP && strncmp(a->target, "volume", 6) == 0;
    if (k->speech && (prev.volume != k->s.volume || volume_key)) {
        /* Said at the ends of the range too: the resident hears that +
         * or - goes no further. */
        /* The new volume at once (also what is still buffered), and a
         * short sentence at that volume, so the resident hears the step. */
        ww_speech_set_volume(k->speech, k->s.volume);
        int step[2] = {ww_session_volume_step(k->s.volume), WW_SESSION_VOLUME_STEPS};
        char msg[96];
        speak(k, ww_i18n_format_int(msg, sizeof msg, N_("Geluid: stand %d van %d."), step, 2));
    }
    if (e & WW_EFFECT_RESOLVE)
        do_resolve(k);
    if (e & WW_EFFECT_BOOK)
        do_book(k);
    if (e & WW_EFFECT_PRINT)
        do_print(k);
    bool chosen = prev.screen == WW_SCREEN_ATTRACT && k->s.screen != WW_SCREEN_ATTRACT;
    if ((e & WW_EFFECT_INSTRUCT) && k->s.screen == WW_SCREEN_ATTRACT) {
        speak_languages(k);
        e &= ~(unsigned)WW_EFFECT_SPEAK; /* the list is what the start screen says */
    } else if ((e & WW_EFFECT_INSTRUCT) ||
               (k->s.audio && (chosen || ((e & WW_EFFECT_LANGUAGE) && resident_action(a))))) {
        /* The instruction in the language chosen (Dutch for "start"). */
        speak_instruction(k);
    }
    if (e & WW_EFFECT_SPEAK) {
        /* An outcome is read aloud when it is resolved, not before. */
        if (ww_kiosk_store_pending(k, WW_KJOB_RESOLVE) > 0)
            k->speak_resolved = true;
        else
            speak_screen(k);
    }
    if (e & WW_EFFECT_SPEAK_FOCUS) {
        turn_to_focus(k);
        speak_focus(k);
    }
    speak_switches(k, &prev);
    if (prev.warning && !k->s.warning && resident_action(a) && k->s.screen != WW_SCREEN_ATTRACT)
        /* The countdown was said aloud: so is that it stopped. */
        speak(k, _("Fijn dat u er nog bent. U kunt verder gaan."));
}

void ww_kiosk_act(struct ww_kiosk *k, const struct ww_action *a)
{
    if (ww_kiosk_staff_act(k, a))
        return;
    act(k, a);
}

/* ---- drawing ---- */

const struct ww_dlist *ww_kiosk_dlist(struct ww_kiosk *k)
{
    if (k->dirty) {
        ww_day day;
        int minute;
        today(k, &day, &minute);
        k->env.today = day;
        if (!ww_kiosk_staff_build(k))
            ww_screen_build(&k->env, &k->s, &k->dl);
        k->dirty = false;
        k->shown = false;
    }
    return &k->dl;
}

static const char *focus_name(struct ww_kiosk *k, char *buf)
{
    const char *staff = ww_kiosk_staff_focus(k);
    if (staff)
        return staff;
    char targets[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    size_t n = ww_session_targets(&k->flows, &k->s, targets, sizeof targets / sizeof targets[0]);
    if (k->s.focus < 0 || (size_t)k->s.focus >= n)
        return "";
    ww_strlcpy(buf, targets[k->s.focus], WW_TARGET_SIZE);
    return buf;
}

const char *ww_kiosk_focus(struct ww_kiosk *k, char *buf)
{
    return focus_name(k, buf);
}

static void present(struct ww_kiosk *k)
{
    const struct ww_dlist *d = ww_kiosk_dlist(k);
    char f[WW_TARGET_SIZE];
    ww_drawer_draw(k->dr, d, focus_name(k, f));
    SDL_RenderPresent(k->ren);
    k->shown = true;
    k->presents++;
}

bool ww_kiosk_screenshot(struct ww_kiosk *k, const char *path)
{
    const struct ww_dlist *d = ww_kiosk_dlist(k);
    char f[WW_TARGET_SIZE];
    ww_drawer_draw(k->dr, d, focus_name(k, f));
    int w = k->env.w, h = k->env.h;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    if (!s)
        return false;
    bool ok = SDL_RenderReadPixels(k->ren, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) == 0 &&
              IMG_SavePNG(s, path) == 0;
    if (!ok)
        ww_error("kiosk: screenshot %s failed: %s", path, SDL_GetError());
    SDL_FreeSurface(s);
    SDL_RenderPresent(k->ren);
    return ok;
}

unsigned ww_kiosk_pixel(struct ww_kiosk *k, int x, int y)
{
    const struct ww_dlist *d = ww_kiosk_dlist(k);
    char f[WW_TARGET_SIZE];
    ww_drawer_draw(k->dr, d, focus_name(k, f));
    uint8_t px[4] = {0};
    SDL_Rect r = {x, y, 1, 1};
    SDL_RenderReadPixels(k->ren, &r, SDL_PIXELFORMAT_RGB24, px, 3);
    SDL_RenderPresent(k->ren);
    return ((unsigned)px[0] << 16) | ((unsigned)px[1] << 8) | px[2];
}

void ww_kiosk_set_lower(struct ww_kiosk *k, bool lower)
{
    k->env.lower = lower;
    k->dirty = true;
}

/* ---- time ---- */

/* Seconds until the next idle tick is due; -1 when nothing is due. */
static int next_tick_in(const struct ww_kiosk *k)
{
    if (k->s.screen == WW_SCREEN_ATTRACT && !k->s.warning)
        return -1;
    if (k->s.busy)
        return -1;
    int idle = (int)(now_s(k) - k->last_input);
    int due;
    if (k->s.warning)
        due = k->last_tick + 1; /* the countdown: every second */
    else if (k->s.screen == WW_SCREEN_GOODBYE)
        due = WW_GOODBYE_SECONDS;
    else
        due = k->s.params.idle_seconds;
    if (due <= k->last_tick)
        due = k->last_tick + 1;
    int left = due - idle;
    return left < 0 ? 0 : left;
}

static void tick(struct ww_kiosk *k)
{
    int idle = (int)(now_s(k) - k->last_input);
    if (idle <= k->last_tick)
        return;
    k->last_tick = idle;
    struct ww_action a = ww_action_idle(idle);
    enum ww_screen before = k->s.screen;
    bool warned = k->s.warning;
    act(k, &a);
    if (k->s.screen == WW_SCREEN_ATTRACT && before != WW_SCREEN_ATTRACT) {
        ww_info("kiosk: session ended after %d s without touch", idle);
        k->last_tick = 0;
    }
    if (k->s.warning && !warned)
        ww_info("kiosk: idle warning (%d s)", k->s.countdown);
}

/* The outcome or time on screen, resolved anew (the answer may differ). */
static void resolve_again(struct ww_kiosk *k)
{
    if (k->s.current >= 0 && k->s.screen >= WW_SCREEN_OUTCOME && k->s.screen <= WW_SCREEN_CONFIRM &&
        !k->s.busy)
        do_resolve(k);
}

/* Staff changes made by any process sharing the store: a cheap counter,
 * read at least once a second by the loop. A resident looking at an outcome
 * or choosing a time gets the new answer (a partner marked absent no longer
 * offers slots). */
/* The retention rule runs at start and once a day (a kiosk runs for
 * weeks): nobody has to remember a cron job. */
static void retention(struct ww_kiosk *k)
{
    ww_day day;
    int minute;
    today(k, &day, &minute);
    if (day == k->purged_on || !k->store_worker)
        return;
    k->purged_on = day;
    ww_kiosk_store_purge(k);
    settle(k);
}

static void poll_store(struct ww_kiosk *k)
{
    if (ww_kiosk_store_pending(k, WW_KJOB_POLL) == 0)
        ww_kiosk_store_poll(k);
    settle(k);
}

static void on_polled(struct ww_kiosk *k, const struct ww_kiosk_answer *an)
{
    /* The store gone or back: an outcome on screen is resolved anew like
     * after a staff change (booking paused, or offered again). */
    bool turned = (an->err == WW_ERR_UNAVAILABLE) != (k->store_down != 0);
    ww_kiosk_store_result(k, an->err, false);
    if (an->err != WW_OK && turned) {
        resolve_again(k);
        return;
    }
    if (an->err != WW_OK || (an->seq == k->change_seq && !turned))
        return;
    k->change_seq = an->seq;
    k->dirty = true;
    ww_kiosk_staff_store_changed(k);
    resolve_again(k);
}

/* Every answer of the store that has come, in the order asked. */
static void store_answers(struct ww_kiosk *k)
{
    struct ww_kiosk_answer an;
    while (ww_kiosk_store_answer(k, &an)) {
        if (an.kind != WW_KJOB_POLL && an.kind != WW_KJOB_BEAT)
            ww_kiosk_store_result(k, an.err,
                                  an.kind == WW_KJOB_BOOK || an.kind == WW_KJOB_RECORD ||
                                      an.kind == WW_KJOB_FINISH || an.kind == WW_KJOB_PURGE);
        switch (an.kind) {
        case WW_KJOB_RESOLVE:
            on_resolved(k, &an);
            break;
        case WW_KJOB_BOOK:
            on_booked(k, &an);
            break;
        case WW_KJOB_RECORD:
            if (an.err != WW_OK)
                ww_warn("kiosk: counting the visit failed: %s", ww_strerror(an.err));
            break;
        case WW_KJOB_POLL:
            on_polled(k, &an);
            break;
        case WW_KJOB_SCAN:
            on_scanned(k, &an);
            break;
        case WW_KJOB_PURGE:
            if (an.err != WW_OK)
                ww_warn("kiosk: deleting old bookings failed: %s (tried again tomorrow)",
                        ww_strerror(an.err));
            break;
        case WW_KJOB_BEAT:
            if (an.err != WW_OK)
                ww_warn("kiosk: the heartbeat was not stored: %s", ww_strerror(an.err));
            break;
        case WW_KJOB_FINISH:
        case WW_KJOB_SIGNAL:
        case WW_KJOB_COUNT:
            break;
        }
    }
}

void ww_kiosk_advance(struct ww_kiosk *k, int seconds)
{
    for (int i = 0; i < seconds; i++) {
        k->app.now_value++;
        int left = next_tick_in(k);
        if (left == 0)
            tick(k);
        if (ww_kiosk_staff_deadline(k) == 0)
            ww_kiosk_staff_tick(k);
        poll_store(k);
        retention(k);
    }
}

/* ---- describing (scripts, tests) ---- */

void ww_kiosk_describe(struct ww_kiosk *k, FILE *out)
{
    char id[96];
    ww_session_screen_id(&k->flows, &k->s, id, sizeof id);
    fprintf(out,
            "screen=%s lang=%s size=%d contrast=%d lower=%d warning=%d countdown=%d "
            "visit=%d bookings=%d rating=%d focus=%d volume=%d\n",
            id, k->s.lang, k->s.text_size, k->s.contrast, k->env.lower, k->s.warning,
            k->s.countdown, k->s.n_visit, k->s.bookings, k->s.rating, k->s.focus,
            k->speech ? ww_speech_volume(k->speech) : -1);
}

bool ww_kiosk_is_fresh(const struct ww_kiosk *k, char *why, size_t size)
{
    struct ww_session f;
    ww_session_init(&f, &k->s.params);
    struct ww_session cur = k->s;
    cur.effects = 0;
    f.effects = 0;
    why[0] = '\0';
    if (cur.screen != f.screen)
        ww_fmt(why, size, "screen is %s", ww_screen_name(cur.screen));
    else if (strcmp(cur.lang, f.lang) != 0)
        ww_fmt(why, size, "language is %s", cur.lang);
    else if (cur.n_visit || cur.bookings || cur.rating || cur.n_kept || cur.n_steps)
        ww_fmt(why, size, "the visit is still there");
    else if (cur.text_size != f.text_size || cur.contrast != f.contrast || cur.slow != f.slow ||
             cur.volume != f.volume)
        ww_fmt(why, size, "settings are still changed");
    else if (k->speech && ww_speech_volume(k->speech) != f.volume)
        ww_fmt(why, size, "the speech volume is still %d %%, not %d %%",
               ww_speech_volume(k->speech), f.volume);
    else if (memcmp(&cur, &f, sizeof f) != 0)
        ww_fmt(why, size, "the session differs from a fresh one");
    else if (k->env.lower != k->lower_default)
        ww_fmt(why, size, "the \"buttons lower\" layout is still on");
    else if (k->env.print != WW_PRINT_NONE || k->env.day_first != -1 || k->env.room[0])
        ww_fmt(why, size, "the screen still knows the last ticket");
    return why[0] == '\0';
}

void ww_kiosk_spoken(struct ww_kiosk *k, FILE *out)
{
    if (!k->speech)
        return;
    size_t n = ww_speech_log_count(k->speech);
    for (size_t i = 0; i < n; i++) {
        struct ww_speech_utterance u;
        if (ww_speech_log_get(k->speech, i, &u))
            fprintf(out, "%s\t%s\n", u.event == WW_SPEECH_SAID ? u.lang : "-",
                    u.text ? u.text : "stop");
    }
}

/* ---- the loop ---- */

/* Wake the loop from another thread with an event of `type` (and the
 * eventfd the offscreen loop sleeps on). */
static void post(struct ww_kiosk *k, Uint32 type)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    SDL_PushEvent(&ev);
    if (k->wake_fd >= 0) {
        uint64_t one = 1;
        ssize_t w = write(k->wake_fd, &one, sizeof one);
        (void)w;
    }
}

static void notify_print(void *ctx)
{
    struct ww_kiosk *k = ctx;
    post(k, k->ev_print);
}

/* On the store worker's thread: an answer is waiting. */
static void notify_store(void *ctx)
{
    struct ww_kiosk *k = ctx;
    post(k, k->ev_print + 3);
}

/* Silence after which the paused audio device is closed (an idle kiosk then
 * has no audio thread waking every buffer); the next say reopens it. */
#define WW_AUDIO_CLOSE_MS 10000

/* On SDL's audio thread: the speech ran dry; wake the loop so it pauses the
 * audio device. */
static void notify_quiet(void *ctx)
{
    struct ww_kiosk *k = ctx;
    post(k, k->ev_print + 1);
}

/* Wait for an event at most `ms` (-1: no limit). The offscreen and dummy
 * video drivers have no blocking wait in SDL (it polls every millisecond),
 * so there we sleep in poll() on our own eventfd; signals interrupt it. */
static bool wait_event(struct ww_kiosk *k, int ms, SDL_Event *ev)
{
    if (!k->own_wait)
        return ms < 0 ? SDL_WaitEvent(ev) == 1 : SDL_WaitEventTimeout(ev, ms) == 1;
    if (SDL_PollEvent(ev))
        return true;
    struct pollfd p = {.fd = k->wake_fd, .events = POLLIN};
    int r = poll(&p, 1, ms);
    if (r > 0) {
        uint64_t v;
        ssize_t n = read(k->wake_fd, &v, sizeof v);
        (void)n;
    }
    return SDL_PollEvent(ev) == 1;
}

/* The staff corner: a 20 mm square at the top left, minus any control in it
 * (input.c): the margin strip above and beside the language row. Top right
 * mirrored is not needed: staff know the corner. */
static int corner_px(const struct ww_kiosk *k)
{
    struct ww_layout L;
    ww_screen_layout(&k->env, &k->s, &L);
    return ww_mm(&L, WW_TARGET_MIN_MM);
}

/* Input older than the idle time is dropped: the screen it was meant for
 * would have been wiped by then. */
static void reset_input(struct ww_kiosk *k)
{
    ww_input_init(&k->input, corner_px(k));
    k->input.max_age_ms = (Uint32)k->s.params.idle_seconds * 1000u;
    if (k->env.loc)
        k->input.repeat_ms = (Uint32)k->env.loc->key_repeat_ms;
    k->input.rtl = ww_i18n_rtl();
    k->input.scanner = true;
}

static bool is_input(const SDL_Event *ev)
{
    return ev->type == SDL_FINGERDOWN || ev->type == SDL_FINGERUP ||
           ev->type == SDL_MOUSEBUTTONDOWN || ev->type == SDL_MOUSEBUTTONUP ||
           ev->type == SDL_KEYDOWN || ev->type == SDL_KEYUP || ev->type == SDL_TEXTINPUT ||
           ev->type == SDL_MOUSEMOTION || ev->type == SDL_FINGERMOTION;
}

/* Drop the input waiting in SDL's queue; how many events. */
static int drop_queued_input(void)
{
    SDL_PumpEvents();
    int n = 0;
    SDL_Event evs[64];
    static const Uint32 ranges[][2] = {{SDL_KEYDOWN, SDL_TEXTINPUT},
                                       {SDL_MOUSEMOTION, SDL_MOUSEWHEEL},
                                       {SDL_FINGERDOWN, SDL_FINGERMOTION}};
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        int got;
        while ((got = SDL_PeepEvents(evs, 64, SDL_GETEVENT, ranges[i][0], ranges[i][1])) > 0)
            n += got;
    }
    return n;
}

static void staff_entry(struct ww_kiosk *k)
{
    ww_info("kiosk: staff entry requested");
    k->last_input = now_s(k);
    ww_kiosk_staff_enter(k);
}

/* A scanned code at the resident screen: a ticket of today at this
 * location shows its booking; anything else is ignored. The text is never
 * logged (it may be anything a scanner can read). */
static void on_scan(struct ww_kiosk *k, const char *text)
{
    struct ww_code_input code;
    if (!ww_code_parse(text, &code) || code.kind != WW_CODE_QR) {
        ww_info("kiosk: scanned input ignored: not a ticket code");
        return;
    }
    if (strcmp(code.location, k->app.loc->id) != 0) {
        ww_info("kiosk: scanned ticket ignored: another location's");
        return;
    }
    if (!ww_session_may_show_scan(&k->s)) {
        ww_info("kiosk: scanned ticket ignored: a visit is under way");
        return;
    }
    ww_kiosk_store_scan(k, code.check);
    settle(k);
}

static void on_scanned(struct ww_kiosk *k, const struct ww_kiosk_answer *an)
{
    ww_day day;
    int minute;
    today(k, &day, &minute);
    if (an->err != WW_OK || an->visit != k->visit_no) {
        ww_info("kiosk: scanned ticket ignored: %s",
                an->err == WW_ERR_NOT_FOUND ? "no such booking" : ww_strerror(an->err));
        return;
    }
    if (an->booking.day != day || strcmp(an->booking.location, k->app.loc->id) != 0) {
        ww_info("kiosk: scanned ticket ignored: not for today here");
        return;
    }
    struct ww_action a = ww_action_make(WW_ACT_SCANNED);
    a.booking = an->booking;
    ww_strlcpy(k->env.room, an->room, sizeof k->env.room);
    k->env.desks = an->desks;
    k->env.print = WW_PRINT_NONE;
    ww_info("kiosk: scanned ticket %s shown", an->booking.ticket);
    act(k, &a);
}

static void on_input(struct ww_kiosk *k, enum ww_input_result r, const struct ww_action *a)
{
    switch (r) {
    case WW_IN_ACTION:
        if (!ww_kiosk_staff_act(k, a))
            act(k, a);
        break;
    case WW_IN_ACTIVE:
        k->last_input = now_s(k);
        k->last_tick = 0;
        break;
    case WW_IN_STAFF:
        staff_entry(k);
        break;
    case WW_IN_SCAN:
        k->last_input = now_s(k);
        k->last_tick = 0;
        on_scan(k, k->input.scanned);
        memset(k->input.scanned, 0, sizeof k->input.scanned);
        break;
    default:
        break;
    }
}

void ww_kiosk_input_settle(struct ww_kiosk *k, Uint32 now)
{
    struct ww_action a;
    enum ww_input_result r = ww_input_expire(&k->input, now, &a);
    if (r != WW_IN_NONE && !ww_kiosk_staff_is_open(k))
        on_input(k, r, &a);
}

void ww_kiosk_input(struct ww_kiosk *k, const SDL_Event *ev)
{
    if (is_input(ev) && ww_input_stale(&k->input, ev, SDL_GetTicks())) {
        ww_info("kiosk: an input event older than the idle time was dropped");
        return;
    }
    if (is_input(ev))
        ww_kiosk_input_settle(k, ev->common.timestamp);
    if (ww_kiosk_staff_event(k, ev))
        return; /* a key or typed text for the staff screens */
    struct ww_action a;
    on_input(k, ww_input_event(&k->input, ev, ww_kiosk_dlist(k), k->env.w, k->env.h, &a), &a);
}

static bool shows_store(const struct ww_kiosk *k)
{
    return ww_kiosk_staff_is_open(k) ||
           (k->s.screen >= WW_SCREEN_OUTCOME && k->s.screen <= WW_SCREEN_CONFIRM);
}

/* Has the display gone away (the compositor died)? Then nothing can be
 * shown any more: stop with a failure, the service starts the kiosk again. */
static bool check_display(struct ww_kiosk *k)
{
    if (!ww_video_display_gone())
        return false;
    ww_error("kiosk: the display went away; stopping (the service starts it again)");
    k->display_lost = true;
    k->display_check_until = 0;
    ww_stop_requested = 1;
    return true;
}

/* One SDL event of the live loop: window, print and store wake-ups, staff
 * keys, resident input. A scripted run feeds events here too (`event`). */
void ww_kiosk_event(struct ww_kiosk *k, const SDL_Event *ev)
{
    if ((ev->type == SDL_AUDIODEVICEADDED || ev->type == SDL_AUDIODEVICEREMOVED) &&
        !ev->adevice.iscapture) {
        /* A jack plugged in or out: private listening follows it. */
        if (ww_audio_rescan(k->audio))
            headphones_changed(k, true);
        return;
    }
    if (ev->type == SDL_QUIT ||
        (ev->type == SDL_WINDOWEVENT && ev->window.event == SDL_WINDOWEVENT_CLOSE)) {
        /* Closing the window (Alt+F4, the window manager): a way out only
         * with --debug-exit, whatever the build. Signals never come this
         * way: SDL's handlers are off and ours sets the flag. */
        if (k->debug_exit) {
            ww_stop_requested = 1;
        } else if (!check_display(k)) {
            /* The compositor may be dying right now (its socket closes a
             * moment after our connection): asked again for two seconds. */
            k->display_check_until = SDL_GetTicks64() + 2000;
            ww_warn("kiosk: a request to close the window was ignored");
        }
    } else if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE && k->debug_exit &&
               !ww_kiosk_staff_is_open(k)) {
        /* A developer's way out (--debug-exit); for a resident Escape is
         * a key without meaning. */
        ww_stop_requested = 1;
    } else if (ev->type == k->ev_print) {
        print_results(k);
    } else if (ev->type == k->ev_print + 3) {
        store_answers(k);
    } else if (ev->type == k->ev_print + 1) {
        /* the speech ran dry: settled below */
    } else if (ev->type == SDL_WINDOWEVENT && (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                                               ev->window.event == SDL_WINDOWEVENT_EXPOSED)) {
        int w, h;
        SDL_GetRendererOutputSize(k->ren, &w, &h);
        if (w != k->env.w || h != k->env.h) {
            k->env.w = w;
            k->env.h = h;
            reset_input(k);
        }
        k->dirty = true;
        k->shown = false;
    } else {
        ww_kiosk_input(k, ev);
    }
}

bool ww_kiosk_stopping(void)
{
    return ww_stop_requested != 0;
}

static int run_loop(struct ww_kiosk *k)
{
    present(k);
    while (!ww_stop_requested) {
        int left = next_tick_in(k);
        int ms = left < 0 ? -1 : left * 1000 + 20;
        /* Wake at least once a minute in the real loop, cheap, so a clock
         * jump or a missed tick never leaves a warning up for long. */
        if (ms < 0 || ms > 60000)
            ms = 60000;
        int staff = ww_kiosk_staff_deadline(k);
        if (staff >= 0 && staff * 1000 + 20 < ms)
            ms = staff * 1000 + 20;
        /* Staff changes from any kiosk or terminal show within a second or
         * two where they matter: the store's change counter is read once a
         * second while a screen shows the day's presence (outcome to
         * confirm) or staff are in. Other screens (the attract screen above
         * all) read nothing from the store, so an idle kiosk sleeps. */
        Uint64 now_ms = SDL_GetTicks64();
        if (shows_store(k)) {
            int poll_in = k->next_poll > now_ms ? (int)(k->next_poll - now_ms) : 0;
            if (ms > poll_in)
                ms = poll_in;
        }
        if (ms > (int)(k->next_beat > now_ms ? k->next_beat - now_ms : 0))
            ms = (int)(k->next_beat > now_ms ? k->next_beat - now_ms : 0);
        /* A quit that came while the display still answered: ask again. */
        if (k->display_check_until > now_ms) {
            if (check_display(k))
                break;
            if (ms > 100)
                ms = 100;
        }
        /* A fresh answer awaited: wake when it is too late to wait more. */
        if (k->hold_until > now_ms && ms > (int)(k->hold_until - now_ms))
            ms = (int)(k->hold_until - now_ms);
        if (k->env.print == WW_PRINT_BUSY) {
            Uint64 t = SDL_GetTicks64();
            int due = k->print_due > t ? (int)(k->print_due - t) : 0;
            if (ms > due + 1)
                ms = due + 1;
        }
        /* A number key waits a moment to see whether a scanner types on. */
        int scan_ms = ww_input_deadline(&k->input, SDL_GetTicks());
        if (scan_ms >= 0 && ms > scan_ms + 1)
            ms = scan_ms + 1;
        /* A paused audio device is closed after a while of silence. */
        if (ww_audio_available(k->audio) && ww_audio_paused(k->audio) &&
            !ww_audio_closed(k->audio) && ms > WW_AUDIO_CLOSE_MS + 20)
            ms = WW_AUDIO_CLOSE_MS + 20;
        SDL_Event ev;
        Uint64 before = SDL_GetTicks64();
        bool got = wait_event(k, ms, &ev);
        /* SDL stamps events when it reads them, so taps queued while the
         * process was stopped (SIGSTOP, a frozen machine) look fresh. A
         * wait that overslept its time by more than the idle time means
         * such a stop: what waits in the queue is older than the screen it
         * was meant for would have lived. */
        Uint64 slept = SDL_GetTicks64() - before;
        bool late = k->input.max_age_ms > 0 && slept > (Uint64)ms + k->input.max_age_ms;
        if (got && (ww_continued || late)) {
            int n = drop_queued_input();
            if (is_input(&ev)) {
                n++;
                got = SDL_PollEvent(&ev) == 1;
            }
            if (n > 0)
                ww_warn("kiosk: %s: %d queued input events dropped",
                        ww_continued ? "the process was stopped" : "woke long after its time", n);
        }
        ww_continued = 0;
        while (got) {
            ww_kiosk_event(k, &ev);
            got = SDL_PollEvent(&ev) == 1;
        }
        ww_kiosk_input_settle(k, SDL_GetTicks());
        if (next_tick_in(k) == 0)
            tick(k);
        if (SDL_GetTicks64() >= k->next_beat)
            beat(k);
        if (ww_kiosk_staff_deadline(k) == 0)
            ww_kiosk_staff_tick(k);
        retention(k);
        if (k->env.print == WW_PRINT_BUSY && SDL_GetTicks64() >= k->print_due) {
            ww_warn("kiosk: the printer did not answer in time: the ticket is shown on screen");
            k->env.print = WW_PRINT_FAILED;
            k->dirty = true;
        }
        store_answers(k);
        if (shows_store(k) && SDL_GetTicks64() >= k->next_poll) {
            poll_store(k);
            k->next_poll = SDL_GetTicks64() + 1000;
        }
        /* The screen waits a moment for a fresh answer (an outcome without
         * its partner, a confirm without its ticket), then shows "a moment". */
        bool held =
            k->hold_until > SDL_GetTicks64() && (ww_kiosk_store_pending(k, WW_KJOB_RESOLVE) > 0 ||
                                                 ww_kiosk_store_pending(k, WW_KJOB_BOOK) > 0);
        if (!held)
            k->hold_until = 0;
        if ((k->dirty || !k->shown) && !held)
            present(k);
        ww_audio_settle(k->audio, WW_AUDIO_CLOSE_MS);
    }
    ww_info("kiosk: stopping (%lu frames presented)", k->presents);
    return k->display_lost ? 1 : 0;
}

/* ---- start and stop ---- */

static const char usage[] =
    "usage: wegwijzer kiosk [--location ID] [options]\n"
    "\n"
    "The resident counter application, full screen.\n"
    "\n"
    "options:\n"
    "  --size WxH          window size in pixels (default: the location's screen)\n"
    "  --landscape         turn the configured screen to landscape (portrait: --portrait)\n"
    "  --lower             start with the \"buttons lower\" layout (wheelchair reach)\n"
    "  --windowed          a window instead of full screen (debug builds)\n"
    "  --debug-exit        Escape and closing the window end the kiosk (for development;\n"
    "                      also WEGWIJZER_DEBUG_EXIT=1); without it no input ends it\n"
    "  --assets DIR        pictograms folder parent (default assets, or the installed one)\n"
    "  --localedir DIR     compiled translations (default build/locale)\n"
    "  --speech NAME       espeak or null (default espeak; null with --script)\n"
    "  --spoken-log FILE   write every utterance to FILE\n"
    "  --script FILE       replay a script (tap TARGET, key NAME, wait 30s, expect ...,\n"
    "                      lang xx, screenshot NAME); needs no display\n"
    "  --screenshot-dir DIR  where screenshots of a script go (a PNG of every screen)\n"
    "  --check-layout      check every screen x language x text size; exit 1 on problems\n"
    "  --bench             print start-up and redraw timings, then exit\n"
    "%s";

struct opts {
    const char *script, *shot_dir, *assets, *localedir, *speech, *spoken_log;
    int w, h;
    int orient; /* 0 config, 1 landscape, 2 portrait */
    bool lower, windowed, check, bench, verbose, debug_exit;
};

static bool parse_size(const char *s, int *w, int *h)
{
    char buf[32];
    ww_strlcpy(buf, s, sizeof buf);
    char *x = strchr(buf, 'x');
    long a, b;
    if (!x)
        return false;
    *x = '\0';
    if (!ww_parse_int(buf, 200, 8192, &a) || !ww_parse_int(x + 1, 200, 8192, &b))
        return false;
    *w = (int)a;
    *h = (int)b;
    return true;
}

static int parse_opts(struct ww_kiosk *k, int argc, char **argv, struct opts *o)
{
    static const struct option table[] = {
        {"size", required_argument, NULL, 'S'},   {"landscape", no_argument, NULL, 'L'},
        {"portrait", no_argument, NULL, 'P'},     {"lower", no_argument, NULL, 'l'},
        {"windowed", no_argument, NULL, 'w'},     {"debug-exit", no_argument, NULL, 'X'},
        {"assets", required_argument, NULL, 'a'}, {"localedir", required_argument, NULL, 'd'},
        {"speech", required_argument, NULL, 'p'}, {"spoken-log", required_argument, NULL, 'o'},
        {"script", required_argument, NULL, 's'}, {"screenshot-dir", required_argument, NULL, 'D'},
        {"check-layout", no_argument, NULL, 'c'}, {"verbose", no_argument, NULL, 'v'},
        {"bench", no_argument, NULL, 'b'},        WW_COMMON_OPTIONS,
    };
    int c;
    while ((c = getopt_long(argc, argv, "+h", table, NULL)) != -1) {
        int r = ww_app_option(&k->app, c, optarg);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        switch (c) {
        case 'h':
            printf(usage, WW_COMMON_HELP);
            return 0;
        case 'S':
            if (!parse_size(optarg, &o->w, &o->h)) {
                ww_app_fail(&k->app, "--size '%s' is not WIDTHxHEIGHT (e.g. 1080x1920)", optarg);
                return 2;
            }
            break;
        case 'L':
            o->orient = 1;
            break;
        case 'P':
            o->orient = 2;
            break;
        case 'l':
            o->lower = true;
            break;
        case 'w':
            o->windowed = true;
            break;
        case 'X':
            o->debug_exit = true;
            break;
        case 'a':
            o->assets = optarg;
            break;
        case 'd':
            o->localedir = optarg;
            break;
        case 'p':
            o->speech = optarg;
            break;
        case 'o':
            o->spoken_log = optarg;
            break;
        case 's':
            o->script = optarg;
            break;
        case 'D':
            o->shot_dir = optarg;
            break;
        case 'c':
            o->check = true;
            break;
        case 'v':
            o->verbose = true;
            break;
        case 'b':
            o->bench = true;
            break;
        default:
            return ww_app_bad_option(&k->app, argv);
        }
    }
    if (optind < argc) {
        ww_app_fail(&k->app, "unexpected argument '%s' (see --help)", argv[optind]);
        return 2;
    }
    return -1;
}

static double ms_since(Uint64 t0)
{
    return (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 /
           (double)SDL_GetPerformanceFrequency();
}

static bool start_video(struct ww_kiosk *k, const struct opts *o)
{
    /* Window hints here; the renderer is chosen per video driver there. */
    ww_video_hints();
    /* SIGTERM and SIGINT are ours (on_signal), not turned into SDL_QUIT. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    /* Touch is handled as touch; SDL's mouse copies are ignored in input.c. */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        ww_app_fail(&k->app, "cannot start the display: %s", SDL_GetError());
        return false;
    }
    const char *drv = SDL_GetCurrentVideoDriver();
    k->own_wait = drv && (strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0);
    k->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    ww_signal_fd = k->wake_fd;
    int w = o->w, h = o->h;
    if (!w) {
        /* The location's screen (or, out of order, what is known of it). */
        w = k->env.geom.width_px > 0 ? k->env.geom.width_px : 1080;
        h = k->env.geom.height_px > 0 ? k->env.geom.height_px : 1920;
        if ((o->orient == 1 && h > w) || (o->orient == 2 && w > h)) {
            int t = w;
            w = h;
            h = t;
        }
    }
    Uint32 flags = SDL_WINDOW_SHOWN | ww_video_window_flags();
    bool full = !k->scripted && !o->check && !o->bench && !k->own_wait;
#ifdef WW_DEBUG
    if (o->windowed)
        full = false;
#endif
    if (full)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    k->win =
        SDL_CreateWindow("Wegwijzer", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!k->win) {
        ww_app_fail(&k->app, "cannot open a window: %s", SDL_GetError());
        return false;
    }
    k->ren = ww_video_renderer(k->win, "kiosk");
    if (!k->ren) {
        ww_app_fail(&k->app, "cannot start the renderer: every step failed (see above)");
        return false;
    }
    if (full)
        SDL_ShowCursor(SDL_DISABLE);
    SDL_GetRendererOutputSize(k->ren, &k->env.w, &k->env.h);
    /* ev_print + 1: the speech ran dry; ev_print + 2: wake up (a signal). */
    k->ev_print = SDL_RegisterEvents(4); /* ev_print + 3: a store answer */
    if (!k->own_wait) {
        k->sig_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        struct sig_watch *sw = malloc(sizeof *sw);
        if (k->sig_fd >= 0 && sw) {
            *sw = (struct sig_watch){k->sig_fd, k->ev_print + 2};
            k->sig_thread = SDL_CreateThread(signal_watch, "ww-signal", sw);
            if (k->sig_thread)
                ww_signal_fd = k->sig_fd;
            else
                free(sw);
        } else {
            free(sw);
        }
    }
    return true;
}

static void kiosk_destroy(struct ww_kiosk *k)
{
    /* Reverse order of start. */
    ww_kiosk_store_stop(k); /* counts a visit still queued */
    ww_kiosk_staff_stop(k);
    ww_print_worker_free(k->printer);
    ww_ticket_raster_free(k->traster);
    ww_audio_free(k->audio); /* stops pulling before the speech goes */
    ww_speech_free(k->speech);
    if (k->spoken_log)
        fclose(k->spoken_log);
    ww_dlist_destroy(&k->dl);
    ww_drawer_free(k->dr);
    ww_text_free(k->text);
    if (k->ren)
        SDL_DestroyRenderer(k->ren);
    if (k->win)
        SDL_DestroyWindow(k->win);
    ww_signal_fd = -1;
    if (k->sig_thread) {
        uint64_t one = 1;
        ssize_t w = write(k->sig_fd, &one, sizeof one);
        (void)w;
        SDL_WaitThread(k->sig_thread, NULL);
    }
    if (k->sig_fd >= 0)
        close(k->sig_fd);
    if (k->wake_fd >= 0)
        close(k->wake_fd);
    IMG_Quit();
    SDL_Quit();
    if (k->flows_loaded)
        ww_flows_destroy(&k->flows);
    ww_app_destroy(&k->app);
}

/* ---- a broken installation ---- */

/* The installation (ww_install_load: config, location, flows, pictograms)
 * and the store, with every problem in `problems`. False when there is any:
 * the kiosk is out of order then. */
static bool load_installation(struct ww_kiosk *k, struct ww_diags *problems)
{
    struct ww_app *app = &k->app;
    size_t before = problems->count;
    if (app->date) {
        ww_day_parse(app->date, &app->day);
    } else {
        int minute;
        ww_clock_local(&app->clock, &app->day, &minute);
    }
    /* The same loader and verdict as `wegwijzer config check`. */
    struct ww_install_params ip = {
        .config_dir = app->config_dir,
        .assets_dir = k->assets,
        .location_id = app->location_id,
    };
    bool ok = ww_install_load(&ip, &app->cfg, &k->flows, &k->flows_loaded, &app->loc, problems);
    app->cfg_loaded = true;
    if (!ok || problems->count > before)
        return false;
    char err[512];
    const char *uri = app->store_uri ? app->store_uri : app->loc->store;
    app->store = ww_store_open(uri, app->state_dir, err, sizeof err);
    if (!app->store) {
        /* Staff see this behind the corner without a PIN: never a password. */
        char shown[512];
        ww_store_mask(uri, shown, sizeof shown);
        ww_diags_add(problems, app->store_uri ? "--store" : app->loc->file, 0, "store %s: %s",
                     shown, err);
        return false;
    }
    return problems->count == before;
}

/* Each problem in the log, once, as file:line: message. */
static void log_problems(const struct ww_diags *problems)
{
    for (size_t i = 0; i < problems->count; i++) {
        char line[600];
        ww_diag_format(&problems->items[i], line, sizeof line);
        ww_error("kiosk: %s", line);
    }
}

/* The out-of-order screen until SIGTERM (or to the end of a script): the
 * window, fonts and speech as for a working kiosk, nothing of the store. */
static int run_out_of_order(struct ww_kiosk *k, const struct opts *o, struct ww_ooo_info *info,
                            const char *argv0)
{
    ww_ooo_info_from_config(info, &k->app.cfg, k->app.location_id, k->app.day);
    char localedir[WW_PATH_SIZE];
    if (o->localedir)
        ww_strlcpy(localedir, o->localedir, sizeof localedir);
    else
        ww_i18n_default_dir(argv0, localedir, sizeof localedir);
    ww_i18n_init(localedir);
    ww_i18n_set("nl");
    if (!k->ren) {
        k->env.geom = info->geom;
        if (!start_video(k, o))
            return 1;
    }
    if (!k->text)
        k->text = ww_text_new();
    if (!k->text) {
        /* Nothing can be drawn: a clear line, an exit status, a restart. */
        ww_app_fail(&k->app, "no fonts: install fonts-noto-core");
        return 1;
    }
    info->no_arabic = !ww_text_has_arabic(k->text);
    if (!k->dr)
        k->dr = ww_drawer_new(k->ren, k->text, k->assets);
    const char *backend = o->speech ? o->speech : (k->scripted ? "null" : "espeak");
    const struct ww_speech_ops *ops = ww_speech_backend(backend);
    if (ops && !k->speech) {
        struct ww_speech_params spp;
        ww_speech_params_init(&spp);
        spp.record = k->scripted;
        k->speech = ww_speech_new(ops, &spp);
        if (!k->scripted || getenv("SDL_AUDIODRIVER")) {
            k->audio = ww_audio_new(k->speech);
            ww_audio_on_quiet(k->audio, notify_quiet, k);
        }
    }
    struct ww_ooo_params p = {
        .ren = k->ren,
        .dr = k->dr,
        .w = k->env.w,
        .h = k->env.h,
        .clock = &k->app.clock,
        .now_value = k->app.clock.ctx == &k->app.now_value ? &k->app.now_value : NULL,
        .stop = &ww_stop_requested,
        .wake_fd = k->wake_fd,
        .own_wait = k->own_wait,
        .speech = k->speech,
        .audio = k->audio,
        .debug_exit = k->debug_exit,
    };
    /* Tell the fleet once, when the location and its store are known (a
     * broken flow file, a missing font): the heartbeat then goes stale, and
     * `wegwijzer status` shows both. */
    struct ww_store *st = k->app.store;
    if (!st && k->app.loc) {
        char err[512];
        st = ww_store_open(k->app.store_uri ? k->app.store_uri : k->app.loc->store,
                           k->app.state_dir, err, sizeof err);
    }
    if (st && info->problems.count > 0) {
        struct ww_heartbeat h;
        memset(&h, 0, sizeof h);
        ww_strlcpy(h.kiosk, k->kiosk_id, sizeof h.kiosk);
        ww_strlcpy(h.location, k->app.loc ? k->app.loc->id : "", sizeof h.location);
        h.seen = ww_clock_now(&k->app.clock);
        ww_strlcpy(h.printer, "unknown", sizeof h.printer);
        ww_strlcpy(h.version, WW_VERSION, sizeof h.version);
        ww_diag_format(&info->problems.items[0], h.out_of_order, sizeof h.out_of_order);
        enum ww_err e = ww_store_heartbeat(st, &h);
        if (e != WW_OK)
            ww_warn("kiosk: the heartbeat was not stored: %s", ww_strerror(e));
    }
    if (st != k->app.store)
        ww_store_free(st);
    if (k->scripted)
        return ww_ooo_run_script(info, &p, o->script, o->shot_dir);
    return ww_ooo_run(info, &p);
}

int ww_kiosk_main(int argc, char **argv)
{
    Uint64 t_start = SDL_GetPerformanceCounter();
    struct ww_kiosk *k = calloc(1, sizeof *k);
    if (!k)
        abort();
    k->wake_fd = -1;
    k->sig_fd = -1;
    struct ww_ooo_info broken; /* what the out-of-order screen shows */
    ww_ooo_info_init(&broken);
    /* From the very start: a stop during start-up ends at the loop's door. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_continue;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGCONT, &sa, NULL);
    ww_app_init(&k->app, "kiosk");
    ww_dlist_init(&k->dl);
    struct opts o = {0};
    int status = parse_opts(k, argc, argv, &o);
    if (status >= 0)
        goto out;
    status = 1;
    k->scripted = o.script != NULL;
    k->bench = o.bench;
    /* A developer's way out, never the build type's: in every build a
     * resident's key or a window close leaves the kiosk running. */
    const char *dx = getenv("WEGWIJZER_DEBUG_EXIT");
    k->debug_exit = o.debug_exit || (dx && *dx && strcmp(dx, "0") != 0);
    if (k->debug_exit)
        ww_info("kiosk: --debug-exit: Escape and closing the window end the kiosk");
    if ((k->scripted || o.check || o.bench) && k->app.clock.ctx != &k->app.now_value) {
        /* Scripts run on a virtual clock: now, unless --now says when. */
        k->app.now_value = (int64_t)time(NULL);
        k->app.clock = ww_clock_fixed(&k->app.now_value);
    }
    if (o.assets)
        ww_strlcpy(k->assets, o.assets, sizeof k->assets);
    else
        ww_install_default_assets(k->assets, sizeof k->assets);
    /* The kiosk's name in heartbeats: WEGWIJZER_KIOSK, else the host name. */
    const char *kid = getenv("WEGWIJZER_KIOSK");
    if (kid && *kid)
        ww_strlcpy(k->kiosk_id, kid, sizeof k->kiosk_id);
    else if (gethostname(k->kiosk_id, sizeof k->kiosk_id - 1) != 0 || !k->kiosk_id[0])
        ww_strlcpy(k->kiosk_id, "kiosk", sizeof k->kiosk_id);
    if (!load_installation(k, &broken.problems)) {
        if (o.check || o.bench) {
            /* Checks and timings need a working kiosk: the problems and a
             * non-zero exit, as `wegwijzer config check` does. */
            ww_diags_print(&broken.problems, stderr);
            ww_app_fail(&k->app, "the installation in %s has %zu problem%s (see above)",
                        k->app.config_dir, broken.problems.count,
                        broken.problems.count == 1 ? "" : "s");
            goto out;
        }
        /* Residents get the out-of-order screen, not a half-working kiosk;
         * the process stays up (a supervisor would restart it in a loop). */
        log_problems(&broken.problems);
        status = run_out_of_order(k, &o, &broken, argv[0]);
        goto out;
    }
    double t_store = ms_since(t_start);
    const struct ww_location *loc = k->app.loc;

    char localedir[WW_PATH_SIZE];
    if (o.localedir)
        ww_strlcpy(localedir, o.localedir, sizeof localedir);
    else
        ww_i18n_default_dir(argv[0], localedir, sizeof localedir);
    ww_i18n_init(localedir);
    /* The attract screen greets in every language at once. */
    size_t n_langs;
    const struct ww_lang *langs = ww_i18n_langs(&n_langs);
    for (size_t i = 0; i < n_langs && i < sizeof k->env.greet / sizeof k->env.greet[0]; i++) {
        ww_i18n_set(langs[i].code);
        ww_strlcpy(k->env.greet[i], _("Tik om te beginnen"), sizeof k->env.greet[i]);
    }
    ww_i18n_set("nl");

    struct ww_session_params sp = {0};
    sp.idle_seconds = loc->idle_seconds > 0 ? loc->idle_seconds : 60;
    sp.warn_seconds = loc->warn_seconds >= 20 ? loc->warn_seconds : 20;
    ww_strlcpy(sp.default_lang, "nl", sizeof sp.default_lang);
    sp.volume = loc->volume > 0 ? loc->volume : WW_SESSION_VOLUME_DEFAULT;
    ww_session_init(&k->s, &sp);

    k->bctx = (struct ww_booking_ctx){&k->app.cfg, loc, k->app.store, &k->app.clock};

    k->scripted = o.script != NULL;
    double t_i18n = ms_since(t_start);
    k->env.geom = loc->screen;
    if (!start_video(k, &o))
        goto out;
    double t_video = ms_since(t_start);
    k->text = ww_text_new();
    double t_fonts = ms_since(t_start);
    if (!k->text) {
        ww_app_fail(&k->app, "no fonts: install fonts-noto-core");
        goto out;
    }
    broken.no_arabic = !ww_text_has_arabic(k->text);
    if (broken.no_arabic) {
        /* Arabic is on every screen (the language row) and can be chosen:
         * without its font the kiosk would be half drawn. */
        ww_diags_add(&broken.problems, "fonts", 0,
                     "'Noto Sans Arabic' is not installed: Arabic cannot be shown (install "
                     "fonts-noto-core)");
        if (o.check || o.bench) {
            ww_diags_print(&broken.problems, stderr);
            goto out;
        }
        log_problems(&broken.problems);
        status = run_out_of_order(k, &o, &broken, argv[0]);
        goto out;
    }
    k->dr = ww_drawer_new(k->ren, k->text, k->assets);
    k->env.cfg = &k->app.cfg;
    k->env.loc = loc;
    k->env.flows = &k->flows;
    k->env.texts = ww_drawer_texts(k->dr);
    k->env.geom = loc->screen;
    k->env.lower = o.lower;
    k->lower_default = o.lower;
    k->env.day_first = -1;
    reset_input(k);
    ww_book_limit_init(&k->limit, loc->bookings_per_visit, loc->bookings_per_minute);
    k->resolved_on = WW_DAY_NONE;
    new_visit_id(k);
    k->dirty = true;

    if (!k->scripted && !o.check) {
        /* The attract screen goes up first; speech and the printer start
         * behind it (taps queue meanwhile). */
        present(k);
    }
    if (o.bench) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        printf("first-frame-ms %.1f\n", ms_since(t_start));
        printf("start-up-ms config+flows+store %.1f i18n %.1f video %.1f fonts %.1f "
               "first-draw %.1f\n",
               t_store, t_i18n - t_store, t_video - t_i18n, t_fonts - t_video,
               ms_since(t_start) - t_fonts);
        printf("first-frame-unix-ns %lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
    }

    /* Speech: the null backend in scripted runs (its log is the spoken log). */
    const char *backend = o.speech ? o.speech : (k->scripted || o.check ? "null" : "espeak");
    const struct ww_speech_ops *ops = ww_speech_backend(backend);
    if (!ops) {
        ww_app_fail(&k->app, "--speech '%s': use espeak or null", backend);
        goto out;
    }
    if (o.spoken_log) {
        k->spoken_log = fopen(o.spoken_log, "w");
        if (!k->spoken_log) {
            ww_app_fail(&k->app, "cannot write %s: %s", o.spoken_log, ww_errno_text(errno));
            goto out;
        }
    }
    if (!o.check && !o.bench) {
        struct ww_speech_params spp;
        ww_speech_params_init(&spp);
        spp.volume = loc->volume;
        spp.log_file = k->spoken_log;
        spp.record = k->scripted;
        k->speech = ww_speech_new(ops, &spp);
        k->env.speech_off = !ww_speech_available(k->speech, k->s.lang);
        /* The speech is heard through the SDL audio device; scripted runs
         * keep only the spoken log (SDL_AUDIODRIVER decides otherwise). */
        if (!k->scripted || getenv("SDL_AUDIODRIVER")) {
            k->audio = ww_audio_new(k->speech);
            ww_audio_on_quiet(k->audio, notify_quiet, k);
            ww_audio_set_headphones(k->audio, loc->headphones_device);
            headphones_changed(k, false);
            if (!ww_audio_available(k->audio)) {
                /* Nobody would hear it: say so on the Voorlezen button. */
                ww_warn("kiosk: no audio output: read aloud is not available");
                k->env.speech_off = true;
            }
        }
    }

    /* Printing: the location's printer on a worker thread. */
    if (!o.check && !o.bench) {
        char err[256];
        struct ww_printer *pr = ww_printer_open(loc->printer, k->app.state_dir, err, sizeof err);
        if (!pr)
            ww_warn("kiosk: printer '%s' not available: %s (tickets show on screen)", loc->printer,
                    err);
        else
            k->printer = ww_print_worker_new(pr, notify_print, k);
        /* A ticket not out in time is cancelled and shown on screen: the
         * resident does not wait minutes at a slow printer. */
        if (k->printer)
            ww_print_worker_set_timeout(k->printer, loc->print_timeout * 1000);
        /* The heartbeat's printer state until the first ticket says more. */
        ww_strlcpy(k->printer_state,
                   strcmp(loc->printer, "none") == 0 ? "none"
                   : k->printer                      ? "unknown"
                                                     : "fault",
                   sizeof k->printer_state);
        k->traster = ww_ticket_raster_new(k->text);
    }
    ww_kiosk_staff_start(k);
    if (!ww_kiosk_store_start(k, notify_store, k))
        goto out;
    ww_kiosk_store_result(k, ww_store_change_seq(k->app.store, &k->change_seq), false);
    k->purged_on = WW_DAY_NONE;
    retention(k);

    k->last_input = now_s(k);

    if (o.check) {
        int problems = ww_kiosk_check_layout(k, stdout, o.verbose);
        status = problems ? 1 : 0;
    } else if (o.bench) {
        status = ww_kiosk_bench(k);
    } else if (k->scripted) {
        status = ww_kiosk_run_script(k, o.script, o.shot_dir);
    } else {
        ww_info("kiosk: %s ready (%dx%d, %s)", loc->id, k->env.w, k->env.h,
                SDL_GetCurrentVideoDriver());
        status = run_loop(k);
        /* A resident midway is counted as a drop-out like an idle wipe. */
        if (k->s.screen != WW_SCREEN_ATTRACT)
            record(k, &k->s);
    }
out:
    kiosk_destroy(k);
    ww_ooo_info_destroy(&broken);
    free(k);
    return status;
}
