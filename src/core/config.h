/* The configuration a municipality edits: kiosk-config/.
 *
 *   partners.ini            [partner ID] sections: who helps with what
 *   closed.ini              [closed] DATE = reason: closed at every location
 *   locations/ID.ini        [location], [hours], [screen], [closed], one
 *                           [presence] section per entry of the weekly pattern,
 *                           and [partner ID] sections: this location's own
 *                           details of a partner (phone, hours, website,
 *                           address, ...), merged over the partners.ini entry
 *
 * Every key is described once in a table (see config.c) that drives parsing,
 * range errors with file:line, `wegwijzer config keys` and a test that the
 * sample uses every key. A loaded config is read-only; today's staff changes
 * live in the store. */
#ifndef WW_CONFIG_H
#define WW_CONFIG_H

#include "clock.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define WW_ID_SIZE   32
#define WW_NAME_SIZE 96
#define WW_TEXT_SIZE 600
#define WW_PATH_SIZE 256

struct ww_partner {
    char id[WW_ID_SIZE];
    char name[WW_NAME_SIZE];
    char letter;              /* first character of its ticket numbers */
    char helps[WW_TEXT_SIZE]; /* B1 Dutch: what they help with */
    char phone[32];           /* for residents */
    char phone_hours[WW_NAME_SIZE];
    char website[128];
    char address[WW_NAME_SIZE]; /* where to visit them ("" = not shown) */
    char bring[WW_TEXT_SIZE];   /* documents, separated by ';' */
    int slot_minutes;           /* length of one appointment */
    bool general;               /* the general desk ("Praat met een medewerker") */
    bool municipal;             /* a service of the municipality: each location that
                                   uses it must give its own details */
    char file[WW_PATH_SIZE];
    int line;
    /* In a location's merged copy (ww_location.partners): the line of the
     * location's own [partner ID] section (0 = none), and whether it gave a
     * phone, website or address of its own. */
    int local_line;
    bool local_contact;
};

/* One entry of the weekly pattern: a partner at a location on some weekdays. */
struct ww_presence {
    char partner_id[WW_ID_SIZE];
    size_t partner;     /* index into config.partners */
    unsigned weekdays;  /* bit 0 = Monday */
    int time[2];        /* minutes since midnight, from and to */
    int desks;          /* appointments at the same time */
    int every;          /* 1 = weekly, 2 = every other week, ... */
    ww_day anchor;      /* a day in a week when it happens (every > 1) */
    ww_day from, until; /* validity; WW_DAY_NONE = open */
    char room[WW_NAME_SIZE];
    int line;
};

struct ww_closed {
    ww_day day;
    char reason[WW_NAME_SIZE];
};

struct ww_screen_geom {
    int width_px, height_px; /* resolution of the kiosk screen */
    int width_mm, height_mm; /* visible area */
    int mount_mm;            /* height of the screen's lower edge above the floor */
};

/* What a ticket says about what to bring. */
enum ww_ticket_bring {
    WW_TICKET_BRING_FULL,    /* every item of the list */
    WW_TICKET_BRING_NEUTRAL, /* one neutral line: items could give the topic away */
};

struct ww_location {
    char id[WW_ID_SIZE];
    char name[WW_NAME_SIZE];
    char address[WW_NAME_SIZE];
    char callback_phone[32];     /* the number staff call residents from */
    int hours[7][2];             /* opening hours per weekday; {0,0} = closed */
    int idle_seconds;            /* touch-free time before the warning */
    int warn_seconds;            /* countdown length of the warning */
    char printer[WW_PATH_SIZE];  /* printer URI, see printer.h */
    char store[WW_PATH_SIZE];    /* store URI: "sqlite:FILE" or "postgresql://..." */
    char pin_hash[160];          /* Argon2id hash of the staff PIN ("" = none set) */
    char general[WW_ID_SIZE];    /* partner id of the general desk */
    int volume;                  /* speech volume, percent */
    char headphones_device[128]; /* audio output that is the headphone jack ("" = by name) */
    int booking_days;            /* how many days ahead residents may book */
    int bookings_per_visit;      /* a visit books at most this many tickets */
    int key_repeat_ms;           /* a second press of a key sooner is dropped */
    int bookings_per_minute;     /* a kiosk books at most this many in any minute */
    int print_timeout;           /* seconds a ticket may take to come out */
    int retention_days;          /* bookings and check-ins are deleted after this */
    int ticket_bring;            /* enum ww_ticket_bring: the list or the neutral line */
    struct ww_screen_geom screen;
    struct ww_presence *presence;
    size_t n_presence;
    struct ww_closed *closed; /* this location only */
    size_t n_closed;
    size_t general_partner; /* index of `general` in config.partners */
    int general_line;       /* line of the `general` key (0 when missing) */
    /* Every partner as this location shows it to residents: the partners.ini
     * entries (same order and indexes as config.partners) with this
     * location's [partner ID] sections merged over them. Owned; use
     * ww_location_partner(). */
    struct ww_partner *partners;
    size_t n_partners;
    char file[WW_PATH_SIZE];
};

struct ww_config {
    char dir[WW_PATH_SIZE];
    struct ww_partner *partners;
    size_t n_partners;
    struct ww_location *locations;
    size_t n_locations;
    struct ww_closed *closed; /* every location */
    size_t n_closed;
};

/* Load a config directory. Every problem goes into `d` as file:line:
 * message; returns false when there was any. On failure the config is still
 * safe to destroy. */
bool ww_config_load(struct ww_config *cfg, const char *dir, struct ww_diags *d);
void ww_config_destroy(struct ww_config *cfg);

const struct ww_partner *ww_config_partner(const struct ww_config *cfg, const char *id,
                                           size_t *index);
const struct ww_location *ww_config_location(const struct ww_config *cfg, const char *id);
/* Partner `index` (a config.partners index) with `loc`'s own details merged
 * in: what residents at that location see and hear (phone, hours, website,
 * address, helps, bring). Ids, letters and slot lengths are the same as in
 * config.partners. Borrowed from the location; NULL when index is out of
 * range. */
const struct ww_partner *ww_location_partner(const struct ww_location *loc, size_t index);
/* Report (into `d`, at the location's file) every location that has no
 * details of its own for the municipal partner `index`, which `used_at`
 * ("flows/x.flow:12") routes residents to. Does nothing for a partner that
 * is not municipal. */
void ww_config_check_route(const struct ww_config *cfg, size_t index, const char *used_at,
                           struct ww_diags *d);
/* The location ids, comma-separated, for messages ("a, b"); cut short
 * when `size` runs out. */
void ww_config_location_ids(const struct ww_config *cfg, char *buf, size_t size);

/* Is the location closed on `day` (holiday or no opening hours)? When
 * closed, *reason (if not NULL) names why (borrowed). */
bool ww_config_closed(const struct ww_config *cfg, const struct ww_location *loc, ww_day day,
                      const char **reason);

/* Split a what-to-bring list ("A; B; C") into its items, trimmed, empty
 * ones left out: copies `list` into `buf` and points items[] into it.
 * Returns the number of items (at most `max`). Every item is a text of its
 * own for translators, so the screen, speech and ticket translate item by
 * item. */
size_t ww_bring_items(const char *list, char *buf, size_t size, const char **items, size_t max);

/* Print the key tables (`wegwijzer config keys`). */
void ww_config_help(FILE *out);

/* Names of every key of every section, for the test that the sample uses
 * them all: calls `fn` for each (section, key). */
void ww_config_each_key(void (*fn)(void *ctx, const char *section, const char *key), void *ctx);

#endif
