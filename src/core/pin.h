/* The staff PIN: stored only as an Argon2id hash (libsodium), checked with a
 * lockout: five wrong tries lock the staff entry for five minutes. A wrong
 * PIN is only ever "wrong": nothing tells which digit. */
#ifndef WW_PIN_H
#define WW_PIN_H

#include "clock.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WW_PIN_HASH_SIZE    160 /* fits crypto_pwhash_STRBYTES (128) */
#define WW_PIN_MAX_TRIES    5
#define WW_PIN_LOCK_SECONDS 300

/* A PIN is 4 to 8 digits. */
bool ww_pin_valid(const char *pin);

/* Hash a PIN into out (WW_PIN_HASH_SIZE bytes). False when libsodium is
 * unavailable or out of memory (logged). Takes ~0.1 s on purpose. */
bool ww_pin_hash(const char *pin, char *out, size_t size);

/* Compare a PIN with a stored hash; false for a wrong PIN or a bad hash. */
bool ww_pin_matches(const char *hash, const char *pin);

/* The lockout state of one staff entry (value struct, one per kiosk). */
struct ww_pin_guard {
    int wrong; /* wrong tries since the last success or lock */
    int64_t locked_until;
};

enum ww_pin_result {
    WW_PIN_OK,
    WW_PIN_WRONG,
    WW_PIN_LOCKED,  /* too many wrong tries: wait (see ww_pin_locked_for) */
    WW_PIN_NOT_SET, /* the location has no PIN: staff entry is closed */
};

void ww_pin_guard_init(struct ww_pin_guard *g);

/* Check `pin` against `hash` (may be "" when no PIN is set). */
enum ww_pin_result ww_pin_check(struct ww_pin_guard *g, const struct ww_clock *clock,
                                const char *hash, const char *pin);

/* Seconds left of a lock (0 when not locked). */
int ww_pin_locked_for(const struct ww_pin_guard *g, const struct ww_clock *clock);

/* Write `hash` as the pin_hash of the location file at `path`, keeping every
 * other line as it is (replacing an existing pin_hash line in [location] or
 * adding one right after the [location] header). Writes a temporary file and
 * renames it, so the file is never half-written. */
bool ww_pin_store(const char *path, const char *hash, char *err, size_t errsize);

#endif
