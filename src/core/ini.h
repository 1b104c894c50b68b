/* A small INI reader for the files a municipality edits (kiosk-config/),
 * plus table-driven key handling.
 *
 * Syntax: `[section]` or `[section argument]`; `key = value`; lines starting
 * with `;` or `#` are comments; a line that starts with white space continues
 * the previous value (joined with one space), so long texts stay readable.
 * Sections and keys may repeat; the handler decides what that means. Every
 * event carries its line number so errors read `file:line: message`.
 *
 * (inih as packaged by Debian is built without line numbers, and config
 * errors without a line are of little use to the people who edit them.) */
#ifndef WW_INI_H
#define WW_INI_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

enum ww_ini_kind { WW_INI_SECTION, WW_INI_KEY };

struct ww_ini_item {
    enum ww_ini_kind kind;
    int line;
    const char *section; /* current section name ("" before the first) */
    const char *arg;     /* section argument ("" when none) */
    const char *key;     /* WW_INI_KEY only */
    const char *value;   /* WW_INI_KEY only; trimmed, continuation lines joined */
};

/* Called for each section header and key. Problems are reported into the
 * diags by the handler itself; returning false stops the parse. Strings are
 * valid only during the call. */
typedef bool (*ww_ini_handler)(void *ctx, const struct ww_ini_item *item);

/* Parse `len` bytes of text. Syntax errors are added to `d` with `file` and
 * the line; parsing goes on after them. Returns false when any syntax error
 * was found or the handler stopped the parse. */
bool ww_ini_parse(const char *text, size_t len, const char *file, struct ww_diags *d,
                  ww_ini_handler handler, void *ctx);

/* Read and parse a file (at most 1 MiB). */
bool ww_ini_parse_file(const char *path, struct ww_diags *d, ww_ini_handler handler, void *ctx);

/* Read a whole regular file into a NUL-terminated heap buffer (caller frees).
 * At most `max` bytes; NULL with errno set on failure (EFBIG when too large,
 * WW_ENOTREG from file.h for a pipe or device, which is never waited on;
 * describe it with ww_file_strerror). */
char *ww_read_file(const char *path, size_t max, size_t *len);

/* "yes"/"ja"/"true"/"1"/"on" or "no"/"nee"/"false"/"0"/"off" (any case)
 * into *out; false (and *out untouched) for anything else. */
bool ww_parse_bool(const char *v, bool *out);

/* ---- table-driven keys ---- */

enum ww_key_type {
    WW_KEY_STR,      /* char[size] */
    WW_KEY_INT,      /* int in [min, max] */
    WW_KEY_BOOL,     /* bool: yes/no, ja/nee, true/false, 1/0 */
    WW_KEY_MINUTE,   /* int minutes since midnight, "HH:MM" */
    WW_KEY_RANGE,    /* int[2] minutes, "HH:MM-HH:MM", end after start */
    WW_KEY_HOURS,    /* like WW_KEY_RANGE, or "gesloten"/"closed" for {0, 0} */
    WW_KEY_DAY,      /* ww_day, "YYYY-MM-DD" */
    WW_KEY_WEEKDAYS, /* unsigned bit mask, "ma, wo, vr" (bit 0 = Monday) */
    WW_KEY_LETTER,   /* char, one capital letter A-Z */
    WW_KEY_ID,       /* char[size] holding a valid id (see ww_valid_id) */
    WW_KEY_CHOICE,   /* int: index of the value among the words that begin its help
                      * text, '|'-separated, up to a colon ("full|neutral: ...") */
};

struct ww_key {
    const char *name;
    enum ww_key_type type;
    size_t offset; /* of the field in the target struct */
    size_t size;   /* WW_KEY_STR / WW_KEY_ID: buffer size */
    long min, max; /* WW_KEY_INT */
    bool required;
    const char *help;
};

/* Does `key` look like a key name (letters, digits, '_', '-')? A value typed
 * without its key ("postgres://user:secret@db/x") does not, and must not be
 * echoed in a message: it may hold a secret. */
bool ww_key_like(const char *key);

/* Apply `item` (a key) to `target` using `table`. Unknown keys, bad values
 * and repeats (`*seen` bit per table row) are reported to `d`. Returns true
 * when the key was known and its value valid. */
bool ww_keys_apply(const struct ww_key *table, size_t n, void *target, unsigned long *seen,
                   const char *file, const struct ww_ini_item *item, struct ww_diags *d);

/* Report every required key missing from a section that began at `line`. */
void ww_keys_require(const struct ww_key *table, size_t n, unsigned long seen, const char *file,
                     int line, const char *section, struct ww_diags *d);

/* Print a table as help text ("key  type  help"). */
void ww_keys_help(const struct ww_key *table, size_t n, const char *section, FILE *out);

#endif
