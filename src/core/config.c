#include "config.h"

#include "ini.h"
#include "mem.h"
#include "printer.h"
#include "store.h"
#include "str.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define COUNT(a)       (sizeof(a) / sizeof((a)[0]))
#define F(type, field) offsetof(struct type, field)

/* ---- key tables: the single description of every config key ---- */

static const struct ww_key partner_keys[] = {
    {"name", WW_KEY_STR, F(ww_partner, name), WW_NAME_SIZE, 0, 0, true,
     "name residents know the organisation by"},
    {"letter", WW_KEY_LETTER, F(ww_partner, letter), 0, 0, 0, true,
     "first letter of its ticket numbers (J for J-014)"},
    {"helps", WW_KEY_STR, F(ww_partner, helps), WW_TEXT_SIZE, 0, 0, false,
     "what they help with, in plain Dutch (B1)"},
    {"phone", WW_KEY_STR, F(ww_partner, phone), 32, 0, 0, false, "phone number for residents"},
    {"phone_hours", WW_KEY_STR, F(ww_partner, phone_hours), WW_NAME_SIZE, 0, 0, false,
     "when that phone is answered"},
    {"website", WW_KEY_STR, F(ww_partner, website), 128, 0, 0, false, "web address"},
    {"address", WW_KEY_STR, F(ww_partner, address), WW_NAME_SIZE, 0, 0, false,
     "where residents can visit them: street and town"},
    {"bring", WW_KEY_STR, F(ww_partner, bring), WW_TEXT_SIZE, 0, 0, false,
     "what to bring, items separated by ';'"},
    {"slot_minutes", WW_KEY_INT, F(ww_partner, slot_minutes), 0, 5, 120, false,
     "length of one appointment in minutes (default 20)"},
    {"general", WW_KEY_BOOL, F(ww_partner, general), 0, 0, 0, false,
     "yes for the general desk that helps with anything"},
    {"municipal", WW_KEY_BOOL, F(ww_partner, municipal), 0, 0, 0, false,
     "yes for a service of the municipality: every location that uses it gives its own "
     "phone, website or address"},
};

/* The partner keys a location may set for itself in a [partner ID] section
 * of its own file; the others (name, letter, slot length, general,
 * municipal) are the same everywhere. */
static const char *const local_partner_keys[] = {"helps",   "phone",   "phone_hours",
                                                 "website", "address", "bring"};
/* Of those, the ones that tell a resident how to reach the partner. */
static const char *const contact_keys[] = {"phone", "website", "address"};

static bool in_list(const char *const *list, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], key) == 0)
            return true;
    return false;
}

static const struct ww_key location_keys[] = {
    {"name", WW_KEY_STR, F(ww_location, name), WW_NAME_SIZE, 0, 0, true, "name of the location"},
    {"address", WW_KEY_STR, F(ww_location, address), WW_NAME_SIZE, 0, 0, false, "street and town"},
    {"callback_phone", WW_KEY_STR, F(ww_location, callback_phone), 32, 0, 0, false,
     "the number staff call residents back from"},
    {"general", WW_KEY_ID, F(ww_location, general), WW_ID_SIZE, 0, 0, true,
     "partner id of the general desk"},
    {"idle_seconds", WW_KEY_INT, F(ww_location, idle_seconds), 0, 20, 600, false,
     "seconds without touch before the kiosk warns (default 60)"},
    {"warn_seconds", WW_KEY_INT, F(ww_location, warn_seconds), 0, 20, 120, false,
     "length of the spoken countdown before the session is wiped (default 30)"},
    {"printer", WW_KEY_STR, F(ww_location, printer), WW_PATH_SIZE, 0, 0, false,
     "ticket printer: png:DIR, escpos:/dev/usb/lp0, escpos-net:HOST:9100, cups:QUEUE, none"},
    {"store", WW_KEY_STR, F(ww_location, store), WW_PATH_SIZE, 0, 0, false,
     "store: sqlite:FILE (relative to the state directory) or postgresql://..."},
    {"pin_hash", WW_KEY_STR, F(ww_location, pin_hash), 160, 0, 0, false,
     "Argon2id hash of the staff PIN, set with 'wegwijzer staff set-pin'"},
    {"volume", WW_KEY_INT, F(ww_location, volume), 0, 0, 100, false,
     "speech volume in percent (default 70)"},
    {"headphones_device", WW_KEY_STR, F(ww_location, headphones_device), 128, 0, 0, false,
     "name (or part of the name) of the audio output that is the headphone jack; while it "
     "is present, speech goes there and the ticket is read aloud (default: an output whose "
     "name holds 'headphone')"},
    {"booking_days", WW_KEY_INT, F(ww_location, booking_days), 0, 1, 60, false,
     "how many days ahead residents may book (default 14)"},
    {"bookings_per_visit", WW_KEY_INT, F(ww_location, bookings_per_visit), 0, 1, 20, false,
     "tickets one visit at the kiosk may book; more: go to the desk (default 3)"},
    {"key_repeat_ms", WW_KEY_INT, F(ww_location, key_repeat_ms), 0, 0, 1000, false,
     "a second press of the same key sooner than this (ms) counts once: a bouncing "
     "key; 0 counts every press (default 300)"},
    {"bookings_per_minute", WW_KEY_INT, F(ww_location, bookings_per_minute), 0, 1, 60, false,
     "tickets one kiosk may book in any minute; more: go to the desk (default 6)"},
    {"print_timeout", WW_KEY_INT, F(ww_location, print_timeout), 0, 5, 300, false,
     "seconds a ticket may take to come out; later it is cancelled and shown on screen "
     "(default 20)"},
    {"retention_days", WW_KEY_INT, F(ww_location, retention_days), 0, 1, 3650, false,
     "days bookings and check-ins are kept; anonymous counts stay (default 30)"},
    {"ticket_bring", WW_KEY_CHOICE, F(ww_location, ticket_bring), 0, 0, 0, false,
     "full|neutral: what the ticket says to bring: 'full' lists every item (default), "
     "'neutral' prints one line that names none, where an item would give the resident's "
     "topic away"},
};

static const struct ww_key hours_keys[] = {
    {"mon", WW_KEY_HOURS, F(ww_location, hours[0]), 0, 0, 0, false,
     "opening hours on Monday, or gesloten"},
    {"tue", WW_KEY_HOURS, F(ww_location, hours[1]), 0, 0, 0, false,
     "opening hours on Tuesday, or gesloten"},
    {"wed", WW_KEY_HOURS, F(ww_location, hours[2]), 0, 0, 0, false,
     "opening hours on Wednesday, or gesloten"},
    {"thu", WW_KEY_HOURS, F(ww_location, hours[3]), 0, 0, 0, false,
     "opening hours on Thursday, or gesloten"},
    {"fri", WW_KEY_HOURS, F(ww_location, hours[4]), 0, 0, 0, false,
     "opening hours on Friday, or gesloten"},
    {"sat", WW_KEY_HOURS, F(ww_location, hours[5]), 0, 0, 0, false,
     "opening hours on Saturday, or gesloten"},
    {"sun", WW_KEY_HOURS, F(ww_location, hours[6]), 0, 0, 0, false,
     "opening hours on Sunday, or gesloten"},
};

static const struct ww_key screen_keys[] = {
    {"width_px", WW_KEY_INT, F(ww_location, screen.width_px), 0, 320, 8192, false,
     "screen width in pixels (default 1080)"},
    {"height_px", WW_KEY_INT, F(ww_location, screen.height_px), 0, 320, 8192, false,
     "screen height in pixels (default 1920)"},
    {"width_mm", WW_KEY_INT, F(ww_location, screen.width_mm), 0, 50, 3000, false,
     "visible width in millimetres (default 300)"},
    {"height_mm", WW_KEY_INT, F(ww_location, screen.height_mm), 0, 50, 3000, false,
     "visible height in millimetres (default 533)"},
    {"mount_mm", WW_KEY_INT, F(ww_location, screen.mount_mm), 0, 0, 2500, false,
     "height of the screen's lower edge above the floor in mm (default 800)"},
};

static const struct ww_key presence_keys[] = {
    {"partner", WW_KEY_ID, F(ww_presence, partner_id), WW_ID_SIZE, 0, 0, true,
     "partner id (from partners.ini)"},
    {"days", WW_KEY_WEEKDAYS, F(ww_presence, weekdays), 0, 0, 0, true,
     "weekdays, e.g. 'ma, wo' or 'mon, wed'"},
    {"time", WW_KEY_RANGE, F(ww_presence, time), 0, 0, 0, true, "from-to, e.g. 09:00-12:00"},
    {"desks", WW_KEY_INT, F(ww_presence, desks), 0, 1, 20, false,
     "appointments at the same time (default 1)"},
    {"every", WW_KEY_INT, F(ww_presence, every), 0, 1, 8, false,
     "every N weeks: 1 weekly (default), 2 every other week"},
    {"anchor", WW_KEY_DAY, F(ww_presence, anchor), 0, 0, 0, false,
     "a date in a week when it happens (needed when every > 1)"},
    {"from", WW_KEY_DAY, F(ww_presence, from), 0, 0, 0, false, "first date (optional)"},
    {"until", WW_KEY_DAY, F(ww_presence, until), 0, 0, 0, false, "last date (optional)"},
    {"room", WW_KEY_STR, F(ww_presence, room), WW_NAME_SIZE, 0, 0, false, "desk or room name"},
};

struct section_def {
    const char *name;
    const struct ww_key *keys;
    size_t n;
};

static const struct section_def sections[] = {
    {"partner ID", partner_keys, COUNT(partner_keys)},
    {"location", location_keys, COUNT(location_keys)},
    {"hours", hours_keys, COUNT(hours_keys)},
    {"screen", screen_keys, COUNT(screen_keys)},
    {"presence", presence_keys, COUNT(presence_keys)},
};

#define N_LOCAL_KEYS COUNT(local_partner_keys)

void ww_config_help(FILE *out)
{
    fprintf(out, "partners.ini:\n");
    ww_keys_help(partner_keys, COUNT(partner_keys), "partner ID", out);
    fprintf(out, "\nlocations/ID.ini:\n");
    for (size_t i = 1; i < COUNT(sections); i++) {
        ww_keys_help(sections[i].keys, sections[i].n, sections[i].name, out);
        fprintf(out, "\n");
    }
    /* The partner keys a location may set, straight from the partner table. */
    struct ww_key local[N_LOCAL_KEYS];
    size_t n = 0;
    for (size_t k = 0; k < COUNT(partner_keys); k++)
        if (in_list(local_partner_keys, N_LOCAL_KEYS, partner_keys[k].name)) {
            local[n] = partner_keys[k];
            local[n++].required = false;
        }
    ww_keys_help(local, n, "partner ID", out);
    fprintf(out, "  (this location's own details of a partner in partners.ini; they replace\n"
                 "   the shared ones here. A municipal partner needs its own phone, website\n"
                 "   or address at every location that uses it.)\n\n");
    fprintf(out, "[closed]   (in closed.ini for every location, or in a location file)\n"
                 "  YYYY-MM-DD = reason\n");
}

void ww_config_each_key(void (*fn)(void *ctx, const char *section, const char *key), void *ctx)
{
    for (size_t i = 0; i < COUNT(sections); i++)
        for (size_t k = 0; k < sections[i].n; k++)
            fn(ctx, sections[i].name, sections[i].keys[k].name);
    for (size_t k = 0; k < N_LOCAL_KEYS; k++)
        fn(ctx, "location partner ID", local_partner_keys[k]);
}

/* ---- growing arrays ---- */

/* Append one zeroed element; config arrays grow one by one, so the capacity
 * is simply the count (tens of entries, not thousands). */
static void *grow(void *arr, size_t *n, size_t elem)
{
    size_t cap = *n;
    arr = ww_grow(arr, &cap, *n, elem);
    (*n)++;
    return arr;
}

/* ---- partners.ini ---- */

struct partner_ctx {
    struct ww_config *cfg;
    struct ww_diags *d;
    const char *file;
    unsigned long seen;
    int line;
    bool open; /* inside a [partner] section */
    bool skip; /* inside a section already reported as wrong: ignore its keys */
};

static void partner_finish(struct partner_ctx *c)
{
    if (!c->open)
        return;
    ww_keys_require(partner_keys, COUNT(partner_keys), c->seen, c->file, c->line, "partner", c->d);
    c->open = false;
}

static bool partner_item(void *ctx, const struct ww_ini_item *it)
{
    struct partner_ctx *c = ctx;
    struct ww_config *cfg = c->cfg;
    if (it->kind == WW_INI_SECTION) {
        partner_finish(c);
        c->skip = true;
        if (strcmp(it->section, "partner") != 0) {
            ww_diags_add(c->d, c->file, it->line, "unknown section [%s] (expected [partner ID])",
                         it->section);
            return true;
        }
        if (!ww_valid_id(it->arg)) {
            ww_diags_add(c->d, c->file, it->line,
                         "[partner %s]: the id must use a-z, 0-9 and '-' (at most 31)", it->arg);
            return true;
        }
        size_t dup;
        if (ww_config_partner(cfg, it->arg, &dup)) {
            ww_diags_add(c->d, c->file, it->line, "duplicate partner id '%s' (first at line %d)",
                         it->arg, cfg->partners[dup].line);
            return true;
        }
        cfg->partners = grow(cfg->partners, &cfg->n_partners, sizeof *cfg->partners);
        struct ww_partner *p = &cfg->partners[cfg->n_partners - 1];
        ww_strlcpy(p->id, it->arg, sizeof p->id);
        ww_strlcpy(p->file, c->file, sizeof p->file);
        p->line = it->line;
        p->slot_minutes = 20;
        c->seen = 0;
        c->line = it->line;
        c->open = true;
        c->skip = false;
        return true;
    }
    if (c->skip)
        return true;
    if (!c->open) {
        ww_diags_add(c->d, c->file, it->line, "key '%s' outside a [partner ID] section", it->key);
        return true;
    }
    ww_keys_apply(partner_keys, COUNT(partner_keys), &cfg->partners[cfg->n_partners - 1], &c->seen,
                  c->file, it, c->d);
    return true;
}

/* ---- [closed] sections ---- */

static void closed_item(struct ww_closed **arr, size_t *n, const char *file,
                        const struct ww_ini_item *it, struct ww_diags *d)
{
    ww_day day;
    if (!ww_day_parse(it->key, &day)) {
        ww_diags_add(d, file, it->line, "[closed]: '%s' is not a date (YYYY-MM-DD)", it->key);
        return;
    }
    for (size_t i = 0; i < *n; i++)
        if ((*arr)[i].day == day) {
            ww_diags_add(d, file, it->line, "[closed]: %s is listed twice", it->key);
            return;
        }
    *arr = grow(*arr, n, sizeof **arr);
    (*arr)[*n - 1].day = day;
    if (!ww_strlcpy((*arr)[*n - 1].reason, it->value, WW_NAME_SIZE))
        ww_diags_add(d, file, it->line, "[closed]: reason longer than %d bytes", WW_NAME_SIZE - 1);
}

struct closed_ctx {
    struct ww_config *cfg;
    struct ww_diags *d;
    const char *file;
    bool open;
};

static bool closed_file_item(void *ctx, const struct ww_ini_item *it)
{
    struct closed_ctx *c = ctx;
    if (it->kind == WW_INI_SECTION) {
        c->open = strcmp(it->section, "closed") == 0 && !*it->arg;
        if (!c->open)
            ww_diags_add(c->d, c->file, it->line, "unknown section [%s] (expected [closed])",
                         it->section);
        return true;
    }
    if (c->open)
        closed_item(&c->cfg->closed, &c->cfg->n_closed, c->file, it, c->d);
    else
        ww_diags_add(c->d, c->file, it->line, "key '%s' outside the [closed] section", it->key);
    return true;
}

/* ---- locations/ID.ini ---- */

enum loc_section {
    LS_NONE,
    LS_LOCATION,
    LS_HOURS,
    LS_SCREEN,
    LS_PRESENCE,
    LS_CLOSED,
    LS_PARTNER,
    LS_BAD
};

struct location_ctx {
    const struct ww_config *cfg;
    struct ww_location *loc;
    struct ww_partner *partner; /* LS_PARTNER: the location's copy being filled */
    struct ww_diags *d;
    const char *file;
    enum loc_section sec;
    unsigned long seen[LS_BAD];
    int sec_line[LS_BAD];
    bool had[LS_BAD];
};

static void location_finish_section(struct location_ctx *c)
{
    if (c->sec == LS_PRESENCE) {
        struct ww_presence *p = &c->loc->presence[c->loc->n_presence - 1];
        ww_keys_require(presence_keys, COUNT(presence_keys), c->seen[LS_PRESENCE], c->file, p->line,
                        "presence", c->d);
        if (p->every > 1 && p->anchor == WW_DAY_NONE)
            ww_diags_add(c->d, c->file, p->line,
                         "[presence] with every = %d needs 'anchor', a date in a week when it "
                         "happens",
                         p->every);
        if (p->from != WW_DAY_NONE && p->until != WW_DAY_NONE && p->until < p->from)
            ww_diags_add(c->d, c->file, p->line, "[presence]: 'until' is before 'from'");
    }
}

/* `[partner ID]` in a location file: start filling the location's copy of
 * that partner. */
static bool location_partner_section(struct location_ctx *c, const struct ww_ini_item *it)
{
    size_t pi;
    if (!ww_config_partner(c->cfg, it->arg, &pi) || pi >= c->loc->n_partners) {
        ww_diags_add(c->d, c->file, it->line, "[partner %s]: unknown partner (not in partners.ini)",
                     it->arg);
        c->sec = LS_BAD;
        return true;
    }
    struct ww_partner *p = &c->loc->partners[pi];
    if (p->local_line) {
        ww_diags_add(c->d, c->file, it->line,
                     "section [partner %s] appears twice (first at line %d)", it->arg,
                     p->local_line);
        c->sec = LS_BAD;
        return true;
    }
    p->local_line = it->line;
    c->partner = p;
    c->seen[LS_PARTNER] = 0;
    return true;
}

static bool location_item(void *ctx, const struct ww_ini_item *it)
{
    struct location_ctx *c = ctx;
    struct ww_location *loc = c->loc;
    if (it->kind == WW_INI_SECTION) {
        location_finish_section(c);
        static const char *const names[] = {"",         "location", "hours",  "screen",
                                            "presence", "closed",   "partner"};
        c->sec = LS_BAD;
        for (int i = LS_LOCATION; i < LS_BAD; i++)
            if (strcmp(it->section, names[i]) == 0)
                c->sec = (enum loc_section)i;
        if (c->sec == LS_BAD) {
            ww_diags_add(c->d, c->file, it->line,
                         "unknown section [%s] (expected location, hours, screen, presence, "
                         "closed or partner ID)",
                         it->section);
            return true;
        }
        if (c->sec == LS_PARTNER)
            return location_partner_section(c, it);
        if (*it->arg) {
            ww_diags_add(c->d, c->file, it->line, "[%s] takes no id", it->section);
        }
        if (c->sec == LS_PRESENCE) {
            loc->presence = grow(loc->presence, &loc->n_presence, sizeof *loc->presence);
            struct ww_presence *p = &loc->presence[loc->n_presence - 1];
            p->desks = 1;
            p->every = 1;
            p->anchor = p->from = p->until = WW_DAY_NONE;
            p->line = it->line;
            c->seen[LS_PRESENCE] = 0;
        } else if (c->had[c->sec]) {
            ww_diags_add(c->d, c->file, it->line, "section [%s] appears twice (first at line %d)",
                         it->section, c->sec_line[c->sec]);
            c->sec = LS_BAD;
            return true;
        }
        c->had[c->sec] = true;
        c->sec_line[c->sec] = it->line;
        return true;
    }
    switch (c->sec) {
    case LS_NONE:
        ww_diags_add(c->d, c->file, it->line, "key '%s' before any [section]", it->key);
        break;
    case LS_LOCATION:
        ww_keys_apply(location_keys, COUNT(location_keys), loc, &c->seen[LS_LOCATION], c->file, it,
                      c->d);
        if (strcmp(it->key, "general") == 0)
            loc->general_line = it->line;
        break;
    case LS_HOURS:
        ww_keys_apply(hours_keys, COUNT(hours_keys), loc, &c->seen[LS_HOURS], c->file, it, c->d);
        break;
    case LS_SCREEN:
        ww_keys_apply(screen_keys, COUNT(screen_keys), loc, &c->seen[LS_SCREEN], c->file, it, c->d);
        break;
    case LS_PRESENCE:
        ww_keys_apply(presence_keys, COUNT(presence_keys), &loc->presence[loc->n_presence - 1],
                      &c->seen[LS_PRESENCE], c->file, it, c->d);
        break;
    case LS_CLOSED:
        closed_item(&loc->closed, &loc->n_closed, c->file, it, c->d);
        break;
    case LS_PARTNER:
        if (!in_list(local_partner_keys, N_LOCAL_KEYS, it->key)) {
            bool known = false;
            for (size_t k = 0; k < COUNT(partner_keys); k++)
                known = known || strcmp(partner_keys[k].name, it->key) == 0;
            if (known)
                ww_diags_add(c->d, c->file, it->line,
                             "[partner %s]: '%s' is the same at every location: set it in "
                             "partners.ini (a location may set helps, phone, phone_hours, "
                             "website, address and bring)",
                             c->partner->id, it->key);
            else if (ww_key_like(it->key))
                ww_diags_add(c->d, c->file, it->line, "[partner %s]: unknown key '%s'",
                             c->partner->id, it->key);
            else
                ww_diags_add(c->d, c->file, it->line,
                             "unknown key in [partner %s]: not a key name (a value without "
                             "'key =' before it?)",
                             c->partner->id);
            break;
        }
        if (ww_keys_apply(partner_keys, COUNT(partner_keys), c->partner, &c->seen[LS_PARTNER],
                          c->file, it, c->d) &&
            in_list(contact_keys, COUNT(contact_keys), it->key) && *it->value)
            c->partner->local_contact = true;
        break;
    case LS_BAD:
        break; /* the section header was already reported */
    }
    return true;
}

static void location_defaults(struct ww_location *loc)
{
    loc->idle_seconds = 60;
    loc->warn_seconds = 30;
    loc->volume = 70;
    loc->booking_days = 14;
    loc->bookings_per_visit = 3;
    loc->key_repeat_ms = 300;
    loc->bookings_per_minute = 6;
    loc->print_timeout = 20;
    loc->retention_days = 30;
    ww_strlcpy(loc->printer, "png:tickets", sizeof loc->printer);
    loc->screen = (struct ww_screen_geom){1080, 1920, 300, 533, 800};
}

/* A municipal partner means nothing without its municipality: a location
 * that uses one must say how to reach it there. */
static void check_local(const struct ww_location *loc, size_t pi, int line, const char *how,
                        struct ww_diags *d)
{
    if (pi >= loc->n_partners)
        return;
    const struct ww_partner *p = &loc->partners[pi];
    if (!p->municipal || p->local_contact)
        return;
    ww_diags_add(d, loc->file, line,
                 "%s %s, a municipal partner, but this file gives no details of its own: add "
                 "[partner %s] with this municipality's phone, website or address",
                 p->id, how, p->id);
}

void ww_config_check_route(const struct ww_config *cfg, size_t index, const char *used_at,
                           struct ww_diags *d)
{
    for (size_t i = 0; i < cfg->n_locations; i++) {
        const struct ww_location *loc = &cfg->locations[i];
        if (index >= loc->n_partners)
            continue;
        const struct ww_partner *p = &loc->partners[index];
        if (!p->municipal || p->local_contact)
            continue;
        /* A partner that is here or is the general desk was reported at
         * that line already. */
        bool reported = *loc->general && loc->general_partner == index;
        for (size_t k = 0; k < loc->n_presence && !reported; k++)
            reported = strcmp(loc->presence[k].partner_id, p->id) == 0;
        if (reported)
            continue;
        ww_diags_add(d, loc->file, 0,
                     "%s is a municipal partner that residents are sent to (%s), but this file "
                     "gives no details of its own: add [partner %s] with this municipality's "
                     "phone, website or address",
                     p->id, used_at, p->id);
    }
}

/* Cross-file checks once everything is read: partner references, the
 * general desk, presence inside opening hours. */
static void location_resolve(struct ww_config *cfg, struct ww_location *loc, struct ww_diags *d)
{
    size_t gi;
    if (*loc->general) {
        if (!ww_config_partner(cfg, loc->general, &gi)) {
            ww_diags_add(d, loc->file, loc->general_line,
                         "general = %s: unknown partner (not in partners.ini)", loc->general);
        } else {
            loc->general_partner = gi;
            check_local(loc, gi, loc->general_line, "is the general desk here", d);
        }
    }
    char perr[256];
    if (!ww_printer_check_uri(loc->printer, perr, sizeof perr))
        ww_diags_add(d, loc->file, 0, "printer = %s: %s", loc->printer, perr);
    if (!*loc->store) {
        if (!ww_fmt(loc->store, sizeof loc->store, "sqlite:%s.db", loc->id))
            abort();
    }
    /* The kind only (no connection); the message leaves the URI out, as it
     * may hold a password. */
    if (!ww_store_check_uri(loc->store, perr, sizeof perr))
        ww_diags_add(d, loc->file, 0, "%s", perr);
    for (size_t i = 0; i < loc->n_presence; i++) {
        struct ww_presence *p = &loc->presence[i];
        if (!*p->partner_id)
            continue; /* reported as missing already */
        if (!ww_config_partner(cfg, p->partner_id, &p->partner)) {
            ww_diags_add(d, loc->file, p->line, "unknown partner '%s' (not in partners.ini)",
                         p->partner_id);
            continue;
        }
        check_local(loc, p->partner, p->line, "is here", d);
        for (int wd = 0; wd < 7; wd++) {
            if (!(p->weekdays & (1u << wd)))
                continue;
            const int *h = loc->hours[wd];
            if (h[0] == h[1])
                ww_diags_add(d, loc->file, p->line,
                             "%s is here on %s, but the location is closed that day (see "
                             "[hours])",
                             p->partner_id, ww_weekday_id(wd));
            else if (p->time[0] < h[0] || p->time[1] > h[1])
                ww_diags_add(d, loc->file, p->line,
                             "%s is here outside the opening hours on %s (see [hours])",
                             p->partner_id, ww_weekday_id(wd));
        }
    }
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_locations(struct ww_config *cfg, struct ww_diags *d)
{
    char dir[WW_PATH_SIZE + 16];
    ww_fmt(dir, sizeof dir, "%s/locations", cfg->dir);
    DIR *dh = opendir(dir);
    if (!dh) {
        ww_diags_add(d, dir, 0, "cannot open the locations folder");
        return;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dh))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".ini") != 0 || e->d_name[0] == '.')
            continue;
        names = grow(names, &n, sizeof *names);
        names[n - 1] = strdup(e->d_name);
        if (!names[n - 1])
            abort();
    }
    closedir(dh);
    qsort(names, n, sizeof *names, name_cmp);
    for (size_t i = 0; i < n; i++) {
        cfg->locations = grow(cfg->locations, &cfg->n_locations, sizeof *cfg->locations);
        struct ww_location *loc = &cfg->locations[cfg->n_locations - 1];
        location_defaults(loc);
        ww_fmt(loc->file, sizeof loc->file, "%s/%s", dir, names[i]);
        size_t idlen = strlen(names[i]) - 4;
        char id[64];
        ww_fmt(id, sizeof id, "%.*s", (int)idlen, names[i]);
        if (!ww_valid_id(id))
            ww_diags_add(d, loc->file, 0,
                         "the file name must be a location id (a-z, 0-9 and '-', at most 31)");
        ww_strlcpy(loc->id, id, sizeof loc->id);
        /* The location starts from the shared partners; its own [partner ID]
         * sections are merged over them while it is read. */
        if (cfg->n_partners) {
            loc->partners = calloc(cfg->n_partners, sizeof *loc->partners);
            if (!loc->partners)
                abort();
            memcpy(loc->partners, cfg->partners, cfg->n_partners * sizeof *loc->partners);
            loc->n_partners = cfg->n_partners;
        }
        struct location_ctx c = {.cfg = cfg, .loc = loc, .d = d, .file = loc->file};
        ww_ini_parse_file(loc->file, d, location_item, &c);
        location_finish_section(&c);
        if (!c.had[LS_LOCATION])
            ww_diags_add(d, loc->file, 0, "the [location] section is missing");
        else
            ww_keys_require(location_keys, COUNT(location_keys), c.seen[LS_LOCATION], loc->file,
                            c.sec_line[LS_LOCATION], "location", d);
        free(names[i]);
    }
    free(names);
    if (cfg->n_locations == 0)
        ww_diags_add(d, dir, 0, "no location files (*.ini)");
}

bool ww_config_load(struct ww_config *cfg, const char *dir, struct ww_diags *d)
{
    *cfg = (struct ww_config){0};
    size_t before = d->count;
    if (!ww_strlcpy(cfg->dir, dir, sizeof cfg->dir)) {
        ww_diags_add(d, dir, 0, "path too long");
        return false;
    }
    char path[WW_PATH_SIZE + 32];
    ww_fmt(path, sizeof path, "%s/partners.ini", dir);
    struct partner_ctx pc = {.cfg = cfg, .d = d, .file = path};
    ww_ini_parse_file(path, d, partner_item, &pc);
    partner_finish(&pc);
    if (cfg->n_partners == 0 && d->count == before)
        ww_diags_add(d, path, 0, "no partners defined");

    char cpath[WW_PATH_SIZE + 32];
    ww_fmt(cpath, sizeof cpath, "%s/closed.ini", dir);
    struct closed_ctx cc = {.cfg = cfg, .d = d, .file = cpath};
    if (access(cpath, F_OK) == 0)
        ww_ini_parse_file(cpath, d, closed_file_item, &cc);

    load_locations(cfg, d);
    for (size_t i = 0; i < cfg->n_locations; i++)
        location_resolve(cfg, &cfg->locations[i], d);
    return d->count == before;
}

void ww_config_destroy(struct ww_config *cfg)
{
    for (size_t i = 0; i < cfg->n_locations; i++) {
        free(cfg->locations[i].presence);
        free(cfg->locations[i].closed);
        free(cfg->locations[i].partners);
    }
    free(cfg->locations);
    free(cfg->partners);
    free(cfg->closed);
    *cfg = (struct ww_config){0};
}

const struct ww_partner *ww_config_partner(const struct ww_config *cfg, const char *id,
                                           size_t *index)
{
    for (size_t i = 0; i < cfg->n_partners; i++)
        if (strcmp(cfg->partners[i].id, id) == 0) {
            if (index)
                *index = i;
            return &cfg->partners[i];
        }
    return NULL;
}

void ww_config_location_ids(const struct ww_config *cfg, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < cfg->n_locations; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", cfg->locations[i].id);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

size_t ww_bring_items(const char *list, char *buf, size_t size, const char **items, size_t max)
{
    size_t n = 0;
    ww_strlcpy(buf, list ? list : "", size);
    char *s = buf;
    while (s && n < max) {
        char *semi = strchr(s, ';');
        if (semi)
            *semi = '\0';
        char *item = ww_trim(s);
        if (*item)
            items[n++] = item;
        s = semi ? semi + 1 : NULL;
    }
    return n;
}

const struct ww_partner *ww_location_partner(const struct ww_location *loc, size_t index)
{
    return index < loc->n_partners ? &loc->partners[index] : NULL;
}

const struct ww_location *ww_config_location(const struct ww_config *cfg, const char *id)
{
    for (size_t i = 0; i < cfg->n_locations; i++)
        if (strcmp(cfg->locations[i].id, id) == 0)
            return &cfg->locations[i];
    return NULL;
}

bool ww_config_closed(const struct ww_config *cfg, const struct ww_location *loc, ww_day day,
                      const char **reason)
{
    for (size_t i = 0; i < loc->n_closed; i++)
        if (loc->closed[i].day == day) {
            if (reason)
                *reason = loc->closed[i].reason;
            return true;
        }
    for (size_t i = 0; i < cfg->n_closed; i++)
        if (cfg->closed[i].day == day) {
            if (reason)
                *reason = cfg->closed[i].reason;
            return true;
        }
    const int *h = loc->hours[ww_day_weekday(day)];
    if (h[0] == h[1]) {
        if (reason)
            *reason = "gesloten op deze dag";
        return true;
    }
    return false;
}
