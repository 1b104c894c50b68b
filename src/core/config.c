#include "config.h"

#include "ini.h"
#include "mem.h"
#include "printer.h"
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
    {"bring", WW_KEY_STR, F(ww_partner, bring), WW_TEXT_SIZE, 0, 0, false,
     "what to bring, items separated by ';'"},
    {"slot_minutes", WW_KEY_INT, F(ww_partner, slot_minutes), 0, 5, 120, false,
     "length of one appointment in minutes (default 20)"},
    {"general", WW_KEY_BOOL, F(ww_partner, general), 0, 0, 0, false,
     "yes for the general desk that helps with anything"},
};

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
    {"booking_days", WW_KEY_INT, F(ww_location, booking_days), 0, 1, 60, false,
     "how many days ahead residents may book (default 14)"},
    {"bookings_per_visit", WW_KEY_INT, F(ww_location, bookings_per_visit), 0, 1, 20, false,
     "tickets one visit at the kiosk may book; more: go to the desk (default 3)"},
    {"bookings_per_minute", WW_KEY_INT, F(ww_location, bookings_per_minute), 0, 1, 60, false,
     "tickets one kiosk may book in any minute; more: go to the desk (default 6)"},
    {"print_timeout", WW_KEY_INT, F(ww_location, print_timeout), 0, 5, 300, false,
     "seconds a ticket may take to come out; later it is cancelled and shown on screen "
     "(default 20)"},
    {"retention_days", WW_KEY_INT, F(ww_location, retention_days), 0, 1, 3650, false,
     "days bookings and check-ins are kept; anonymous counts stay (default 30)"},
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

void ww_config_help(FILE *out)
{
    fprintf(out, "partners.ini:\n");
    ww_keys_help(partner_keys, COUNT(partner_keys), "partner ID", out);
    fprintf(out, "\nlocations/ID.ini:\n");
    for (size_t i = 1; i < COUNT(sections); i++) {
        ww_keys_help(sections[i].keys, sections[i].n, sections[i].name, out);
        fprintf(out, "\n");
    }
    fprintf(out, "[closed]   (in closed.ini for every location, or in a location file)\n"
                 "  YYYY-MM-DD = reason\n");
}

void ww_config_each_key(void (*fn)(void *ctx, const char *section, const char *key), void *ctx)
{
    for (size_t i = 0; i < COUNT(sections); i++)
        for (size_t k = 0; k < sections[i].n; k++)
            fn(ctx, sections[i].name, sections[i].keys[k].name);
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

enum loc_section { LS_NONE, LS_LOCATION, LS_HOURS, LS_SCREEN, LS_PRESENCE, LS_CLOSED, LS_BAD };

struct location_ctx {
    struct ww_location *loc;
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

static bool location_item(void *ctx, const struct ww_ini_item *it)
{
    struct location_ctx *c = ctx;
    struct ww_location *loc = c->loc;
    if (it->kind == WW_INI_SECTION) {
        location_finish_section(c);
        static const char *const names[] = {"",       "location", "hours",
                                            "screen", "presence", "closed"};
        c->sec = LS_BAD;
        for (int i = LS_LOCATION; i < LS_BAD; i++)
            if (strcmp(it->section, names[i]) == 0)
                c->sec = (enum loc_section)i;
        if (c->sec == LS_BAD) {
            ww_diags_add(c->d, c->file, it->line,
                         "unknown section [%s] (expected location, hours, screen, presence or "
                         "closed)",
                         it->section);
            return true;
        }
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
    loc->bookings_per_minute = 6;
    loc->print_timeout = 20;
    loc->retention_days = 30;
    ww_strlcpy(loc->printer, "png:tickets", sizeof loc->printer);
    loc->screen = (struct ww_screen_geom){1080, 1920, 300, 533, 800};
}

/* Cross-file checks once everything is read: partner references, the
 * general desk, presence inside opening hours. */
static void location_resolve(struct ww_config *cfg, struct ww_location *loc, struct ww_diags *d)
{
    size_t gi;
    if (*loc->general) {
        if (!ww_config_partner(cfg, loc->general, &gi))
            ww_diags_add(d, loc->file, 0, "general = %s: unknown partner (not in partners.ini)",
                         loc->general);
        else
            loc->general_partner = gi;
    }
    char perr[256];
    if (!ww_printer_check_uri(loc->printer, perr, sizeof perr))
        ww_diags_add(d, loc->file, 0, "printer = %s: %s", loc->printer, perr);
    if (!*loc->store) {
        if (!ww_fmt(loc->store, sizeof loc->store, "sqlite:%s.db", loc->id))
            abort();
    }
    for (size_t i = 0; i < loc->n_presence; i++) {
        struct ww_presence *p = &loc->presence[i];
        if (!*p->partner_id)
            continue; /* reported as missing already */
        if (!ww_config_partner(cfg, p->partner_id, &p->partner)) {
            ww_diags_add(d, loc->file, p->line, "unknown partner '%s' (not in partners.ini)",
                         p->partner_id);
            continue;
        }
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
        struct location_ctx c = {.loc = loc, .d = d, .file = loc->file};
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
