#include "ticket.h"

#include "booking.h"
#include "code.h"
#include "i18n.h"
#include "log.h"
#include "qr.h"
#include "str.h"

#include <stdlib.h>
#include <string.h>

/* ---- raster ---- */

bool ww_raster_init(struct ww_raster *r, int width, int height)
{
    memset(r, 0, sizeof *r);
    if (width < 1 || width > 4096 || height < 1 || height > 65535) {
        ww_error("raster size %dx%d out of range", width, height);
        return false;
    }
    size_t stride = ((size_t)width + 7) / 8;
    r->bits = calloc((size_t)height, stride);
    if (!r->bits) {
        ww_error("out of memory for a %dx%d raster", width, height);
        return false;
    }
    r->width = width;
    r->height = height;
    r->stride = stride;
    return true;
}

void ww_raster_destroy(struct ww_raster *r)
{
    free(r->bits);
    memset(r, 0, sizeof *r);
}

void ww_raster_move(struct ww_raster *dst, struct ww_raster *src)
{
    *dst = *src;
    memset(src, 0, sizeof *src);
}

void ww_raster_set(struct ww_raster *r, int x, int y, bool black)
{
    if (x < 0 || y < 0 || x >= r->width || y >= r->height)
        return;
    unsigned char *b = &r->bits[(size_t)y * r->stride + (size_t)x / 8];
    unsigned char mask = (unsigned char)(0x80u >> (x % 8));
    if (black)
        *b |= mask;
    else
        *b &= (unsigned char)~mask;
}

bool ww_raster_get(const struct ww_raster *r, int x, int y)
{
    if (x < 0 || y < 0 || x >= r->width || y >= r->height)
        return false;
    return (r->bits[(size_t)y * r->stride + (size_t)x / 8] >> (7 - x % 8)) & 1u;
}

void ww_raster_fill(struct ww_raster *r, int x, int y, int w, int h, bool black)
{
    int x0 = x < 0 ? 0 : x, y0 = y < 0 ? 0 : y;
    int x1 = x + w > r->width ? r->width : x + w;
    int y1 = y + h > r->height ? r->height : y + h;
    if (x0 >= x1 || y0 >= y1)
        return;
    /* Whole bytes in the middle, single dots at the ragged ends. */
    int bx0 = (x0 + 7) / 8, bx1 = x1 / 8;
    for (int yy = y0; yy < y1; yy++) {
        unsigned char *row = &r->bits[(size_t)yy * r->stride];
        if (bx0 < bx1) {
            for (int xx = x0; xx < bx0 * 8; xx++)
                ww_raster_set(r, xx, yy, black);
            memset(row + bx0, black ? 0xFF : 0, (size_t)(bx1 - bx0));
            for (int xx = bx1 * 8; xx < x1; xx++)
                ww_raster_set(r, xx, yy, black);
        } else {
            for (int xx = x0; xx < x1; xx++)
                ww_raster_set(r, xx, yy, black);
        }
    }
}

void ww_raster_trim(struct ww_raster *r)
{
    while (r->height > 1) {
        const unsigned char *row = &r->bits[(size_t)(r->height - 1) * r->stride];
        size_t i;
        for (i = 0; i < r->stride; i++)
            if (row[i])
                break;
        if (i < r->stride)
            break;
        r->height--;
    }
}

/* ---- layout ---- */

bool ww_lang_rtl(const char *lang)
{
    static const char *const rtl[] = {"ar", "fa", "he", "ur", "ps", "ckb"};
    if (!lang)
        return false;
    for (size_t i = 0; i < sizeof rtl / sizeof rtl[0]; i++) {
        size_t n = strlen(rtl[i]);
        if (strncmp(lang, rtl[i], n) == 0 && (lang[n] == '\0' || lang[n] == '_' || lang[n] == '-'))
            return true;
    }
    return false;
}

static const char *const weekdays_nl[] = {N_("maandag"),   N_("dinsdag"), N_("woensdag"),
                                          N_("donderdag"), N_("vrijdag"), N_("zaterdag"),
                                          N_("zondag")};
static const char *const months_nl[] = {
    N_("januari"), N_("februari"), N_("maart"),     N_("april"),   N_("mei"),      N_("juni"),
    N_("juli"),    N_("augustus"), N_("september"), N_("oktober"), N_("november"), N_("december")};

/* Source texts, marked for `wegwijzer flow pot`. */
#define MSG_WHEN      N_("{weekday} {day} {month}, {time}")
#define MSG_NUMBER    N_("Uw nummer")
#define MSG_ROOM_DESK N_("{room}, plek {desk}")
#define MSG_BRING     N_("Neem mee:")
#define MSG_SHOW      N_("Laat deze code zien aan de balie.")
#define MSG_PHONE     N_("Belt {location} u? Dan ziet u dit nummer:")
/* Instead of the items where the location chose ticket_bring = neutral: a
 * ticket must not tell its finder what the resident came for. */
#define MSG_BRING_NEUTRAL N_("Neem de papieren mee die bij uw vraag horen.")

static const char *tr_or(ww_translate_fn tr, void *ctx, const char *lang, const char *msgid)
{
    const char *s = tr ? tr(ctx, lang, msgid) : NULL;
    return s && *s ? s : msgid;
}

/* Drop a last UTF-8 character that was cut short. */
static void utf8_fix_tail(char *s)
{
    size_t len = strlen(s), i = len;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    size_t lead_at = i - 1;
    unsigned char lead = (unsigned char)s[lead_at];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (lead_at + need > len)
        s[lead_at] = '\0';
}

/* Copy at most size-1 bytes without splitting a UTF-8 character. */
static void copy_utf8(char *dst, const char *src, size_t size)
{
    if (!ww_strlcpy(dst, src, size))
        utf8_fix_tail(dst);
}

void ww_ticket_when(char *buf, size_t size, ww_day day, int minute, const char *lang,
                    ww_translate_fn tr, void *tr_ctx)
{
    int y, m, d;
    ww_day_to_ymd(day, &y, &m, &d);
    char dnum[8], time[6];
    ww_fmt(dnum, sizeof dnum, "%d", d);
    ww_minute_format(minute, time);
    const char *keys[] = {"weekday", "day", "month", "time"};
    const char *vals[] = {tr_or(tr, tr_ctx, lang, weekdays_nl[ww_day_weekday(day)]), dnum,
                          tr_or(tr, tr_ctx, lang, months_nl[m - 1]), time};
    ww_subst(buf, size, tr_or(tr, tr_ctx, lang, MSG_WHEN), keys, vals, 4);
}

void ww_ticket_when_near(char *buf, size_t size, ww_day day, int minute, ww_day today,
                         const char *lang, ww_translate_fn tr, void *tr_ctx)
{
    char when[160];
    ww_ticket_when(when, sizeof when, day, minute, lang, tr, tr_ctx);
    const char *near = NULL;
    if (today != WW_DAY_NONE && day == today)
        near = N_("vandaag, {when}");
    else if (today != WW_DAY_NONE && day == today + 1)
        near = N_("morgen, {when}");
    if (!near) {
        ww_strlcpy(buf, when, size);
        return;
    }
    const char *keys[] = {"when"};
    const char *vals[] = {when};
    ww_subst(buf, size, tr_or(tr, tr_ctx, lang, near), keys, vals, 1);
}

const struct ww_block *ww_ticket_block(const struct ww_day_plan *plan, size_t partner, int start)
{
    for (size_t i = 0; i < plan->n; i++) {
        const struct ww_block *b = &plan->blocks[i];
        if (b->partner == partner && start >= b->time[0] && start < b->time[1])
            return b;
    }
    return NULL;
}

void ww_ticket_name(const struct ww_booking *b, char *buf, size_t size)
{
    char iso[11];
    ww_day_format(b->day, iso);
    ww_fmt(buf, size, "%s-%s", iso, b->ticket);
}

void ww_ticket_each_msgid(void (*fn)(void *ctx, const char *msgid), void *ctx)
{
    static const char *const msgs[] = {MSG_WHEN, MSG_NUMBER, MSG_ROOM_DESK,    MSG_BRING,
                                       MSG_SHOW, MSG_PHONE,  MSG_BRING_NEUTRAL};
    for (size_t i = 0; i < sizeof msgs / sizeof msgs[0]; i++)
        fn(ctx, msgs[i]);
    for (size_t i = 0; i < 7; i++)
        fn(ctx, weekdays_nl[i]);
    for (size_t i = 0; i < 12; i++)
        fn(ctx, months_nl[i]);
}

static void add(struct ww_ticket *t, enum ww_tline kind, const char *text)
{
    if (t->n >= WW_TICKET_MAX_LINES)
        return;
    struct ww_ticket_line *l = &t->lines[t->n++];
    l->kind = kind;
    copy_utf8(l->text, text ? text : "", sizeof l->text);
}

enum ww_err ww_ticket_build(struct ww_ticket *t, const struct ww_ticket_params *p)
{
    memset(t, 0, sizeof *t);
    if (!p->loc || !p->partner || !p->booking)
        return WW_ERR_INVALID;
    int width = p->width ? p->width : WW_TICKET_DOTS_80;
    if (width != WW_TICKET_DOTS_80 && width != WW_TICKET_DOTS_58)
        return WW_ERR_INVALID;
    const struct ww_booking *b = p->booking;
    const char *lang = p->lang && *p->lang ? p->lang : "nl";
    ww_strlcpy(t->lang, lang, sizeof t->lang);
    t->rtl = ww_lang_rtl(lang);
    t->width = width;
    ww_strlcpy(t->number, b->ticket, sizeof t->number);
    if (!ww_code_qr_payload(b->location, b->check, t->qr, sizeof t->qr))
        return WW_ERR_INVALID;
#define T(s) tr_or(p->tr, p->tr_ctx, lang, (s))
    char buf[WW_TEXT_SIZE];

    add(t, WW_TLINE_SMALL, T(p->loc->name));
    add(t, WW_TLINE_LABEL, T(MSG_NUMBER));
    add(t, WW_TLINE_NUMBER, b->ticket);
    t->lines[t->n - 1].ltr = true;
    add(t, WW_TLINE_HEADING, T(p->partner->name));
    ww_ticket_when(buf, sizeof buf, b->day, b->start, lang, p->tr, p->tr_ctx);
    add(t, WW_TLINE_TEXT, buf);
    if (p->room && *p->room) {
        if (p->desks > 1) {
            char desk[12];
            ww_fmt(desk, sizeof desk, "%d", b->desk);
            const char *keys[] = {"room", "desk"};
            const char *vals[] = {T(p->room), desk};
            ww_subst(buf, sizeof buf, T(MSG_ROOM_DESK), keys, vals, 2);
            add(t, WW_TLINE_TEXT, buf);
        } else {
            add(t, WW_TLINE_TEXT, T(p->room));
        }
    }
    const char *bring = p->bring ? p->bring : p->partner->bring;
    if (bring && *bring && p->bring_neutral) {
        add(t, WW_TLINE_RULE, "");
        add(t, WW_TLINE_TEXT, T(MSG_BRING_NEUTRAL));
    } else if (bring && *bring) {
        add(t, WW_TLINE_RULE, "");
        add(t, WW_TLINE_LABEL, T(MSG_BRING));
        char list[WW_TEXT_SIZE];
        const char *items[WW_TICKET_MAX_LINES];
        size_t n = ww_bring_items(bring, list, sizeof list, items, WW_TICKET_MAX_LINES);
        for (size_t i = 0; i < n; i++)
            if (t->n + 6 < WW_TICKET_MAX_LINES)
                add(t, WW_TLINE_ITEM, T(items[i]));
    }
    if (p->notices && *p->notices) {
        add(t, WW_TLINE_RULE, "");
        /* One msgid a line; each is translated on its own. */
        char one[WW_TEXT_SIZE];
        for (const char *n = p->notices; *n;) {
            size_t len = strcspn(n, "\n");
            if (len > 0 && len < sizeof one && t->n + 6 < WW_TICKET_MAX_LINES) {
                memcpy(one, n, len);
                one[len] = '\0';
                add(t, WW_TLINE_TEXT, T(one));
            }
            n += len + (n[len] == '\n');
        }
    }
    add(t, WW_TLINE_RULE, "");
    add(t, WW_TLINE_QR, "");
    add(t, WW_TLINE_SMALL, T(MSG_SHOW));
    if (p->loc->callback_phone[0]) {
        /* Who calls from this number: the location's staff, not the
         * partners (they call from their own numbers). */
        const char *keys[] = {"location"};
        const char *vals[] = {T(p->loc->name)};
        ww_subst(buf, sizeof buf, T(MSG_PHONE), keys, vals, 1);
        add(t, WW_TLINE_SMALL, buf);
        add(t, WW_TLINE_TEXT, p->loc->callback_phone);
        /* Without a letter in it, "073 - 615 50 00" would read backwards in
         * a right-to-left paragraph. */
        t->lines[t->n - 1].ltr = true;
    }
#undef T
    return WW_OK;
}

void ww_ticket_memo_make(struct ww_ticket_memo *m, const struct ww_location *loc,
                         const struct ww_partner *partner, const char *lang, const char *bring,
                         const char *notices)
{
    memset(m, 0, sizeof *m);
    ww_strlcpy(m->lang, lang && *lang ? lang : "nl", sizeof m->lang);
    const char *list = bring && *bring ? bring : partner ? partner->bring : "";
    /* Kept as the items themselves, one msgid each, so every item is
     * translated on its own when the ticket is laid out again. */
    char buf[WW_TEXT_SIZE];
    const char *items[WW_TICKET_MAX_LINES];
    size_t n = ww_bring_items(list, buf, sizeof buf, items, WW_TICKET_MAX_LINES);
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(m->bring);
        ww_fmt(m->bring + used, sizeof m->bring - used, "%s%s", i ? ";" : "", items[i]);
    }
    m->bring_neutral = n > 0 && loc && loc->ticket_bring == WW_TICKET_BRING_NEUTRAL;
    ww_strlcpy(m->notices, notices ? notices : "", sizeof m->notices);
    m->desks = 1;
}

enum ww_err ww_ticket_of_booking(struct ww_ticket *t, const struct ww_booking *b,
                                 const struct ww_ticket_source *src)
{
    memset(t, 0, sizeof *t);
    const struct ww_booking_ctx *ctx = src->ctx;
    size_t pi;
    if (!ww_config_partner(ctx->cfg, b->partner, &pi))
        return WW_ERR_NOT_FOUND;
    const struct ww_partner *partner = ww_location_partner(ctx->loc, pi);
    struct ww_ticket_params p = {
        .loc = ctx->loc,
        .partner = partner,
        .booking = b,
        .tr = src->tr,
        .tr_ctx = src->tr_ctx,
        .width = src->width,
    };
    if (b->memo.lang[0]) {
        p.lang = src->lang ? src->lang : b->memo.lang;
        p.bring = b->memo.bring;
        p.bring_neutral = b->memo.bring_neutral;
        p.notices = b->memo.notices;
        p.room = b->memo.room;
        p.desks = b->memo.desks;
        return ww_ticket_build(t, &p);
    }
    /* Booked before tickets were remembered: what the ticket said then. */
    p.lang = src->lang ? src->lang : "nl";
    p.desks = 1;
    struct ww_day_plan *plan = malloc(sizeof *plan);
    if (!plan)
        abort();
    if (ctx->store && ww_booking_plan(ctx, b->day, plan) == WW_OK) {
        const struct ww_block *bl = ww_ticket_block(plan, pi, b->start);
        if (bl) {
            p.room = bl->room;
            p.desks = bl->desks;
        }
    }
    enum ww_err e = ww_ticket_build(t, &p);
    free(plan);
    return e;
}

/* ---- headless raster ---- */

int ww_ticket_draw_qr(const struct ww_ticket *t, struct ww_raster *r, int x, int y, int max_size,
                      int max_module)
{
    struct ww_qr qr;
    if (!ww_qr_encode(&qr, t->qr, WW_QR_ECC_Q))
        return 0;
    int scale = ww_qr_scale(&qr, max_size, max_module);
    int drawn = 0;
    if (scale > 0)
        drawn = ww_qr_draw(&qr, r, x, y, scale);
    else
        ww_error("QR code of %d modules does not fit %d dots", qr.size, max_size);
    ww_qr_destroy(&qr);
    return drawn;
}

bool ww_ticket_raster_plain(const struct ww_ticket *t, struct ww_raster *out)
{
    int w = t->width;
    int qr_max = w - 64;
    if (qr_max > 8 * 41)
        qr_max = 8 * 41;
    if (!ww_raster_init(out, w, qr_max + 64))
        return false;
    /* A frame so the paper edge is visible, then the QR centred. */
    ww_raster_fill(out, 8, 8, w - 16, 4, true);
    ww_raster_fill(out, 8, out->height - 12, w - 16, 4, true);
    struct ww_qr qr;
    if (!ww_qr_encode(&qr, t->qr, WW_QR_ECC_Q)) {
        ww_raster_destroy(out);
        return false;
    }
    int scale = ww_qr_scale(&qr, qr_max, 8);
    int size = (qr.size + 8) * scale;
    ww_qr_draw(&qr, out, (w - size) / 2, 32, scale);
    ww_qr_destroy(&qr);
    return true;
}

/* ---- issuing ---- */

enum ww_err ww_ticket_issue(struct ww_store *store, struct ww_printer *printer,
                            const struct ww_raster *raster, int64_t booking_id, const char *name)
{
    struct ww_print_job job = {raster, name, 0};
    struct ww_print_result res = {.booking_id = booking_id};
    res.err = ww_printer_print(printer, &job);
    ww_strlcpy(res.name, name, sizeof res.name);
    ww_strlcpy(res.detail, ww_printer_detail(printer), sizeof res.detail);
    res.paper_low = ww_printer_paper_low(printer);
    return ww_ticket_finish(store, &res);
}

enum ww_err ww_ticket_finish(struct ww_store *store, const struct ww_print_result *res)
{
    if (res->err != WW_OK) {
        ww_warn("ticket %s not printed: %s (%s); the booking is kept, unprinted", res->name,
                ww_strerror(res->err), res->detail);
        return res->err;
    }
    if (res->paper_low)
        ww_warn("ticket %s printed; the paper roll is nearly used up", res->name);
    enum ww_err e = ww_store_set_printed(store, res->booking_id, true);
    if (e != WW_OK)
        ww_error("ticket %s printed but not marked printed: %s", res->name, ww_strerror(e));
    return e;
}
