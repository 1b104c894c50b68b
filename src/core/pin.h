/* The staff PIN: stored only as an Argon2id hash (libsodium) in a state file
 * readable by the service user only, checked with a lockout. A wrong PIN is
 * only ever "wrong": nothing tells which digit. */
#ifndef WW_PIN_H
#define WW_PIN_H

#include "clock.h"
#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WW_PIN_HASH_SIZE        160 /* fits crypto_pwhash_STRBYTES (128) */
#define WW_PIN_MAX_TRIES        5
#define WW_PIN_LOCK_SECONDS     300        /* the first lock; each next one doubles... */
#define WW_PIN_LOCK_MAX_SECONDS (8 * 3600) /* ...up to this */
#define WW_PIN_MIN_DIGITS       6          /* a new PIN; older 4-digit PINs still open the pad */
#define WW_PIN_MAX_DIGITS       8
/* Argon2id cost of a new hash: chosen with bench/bench_pin.c (make bench) so
 * a sign-in on a kiosk PC takes about half a second (README, Threat model).
 * Existing hashes carry their own cost and keep working. */
#define WW_PIN_OPSLIMIT 3ULL
#define WW_PIN_MEMLIMIT ((size_t)128 << 20)

/* A new PIN is WW_PIN_MIN_DIGITS to WW_PIN_MAX_DIGITS digits. */
bool ww_pin_valid(const char *pin);

/* Hash a PIN into out (WW_PIN_HASH_SIZE bytes) at WW_PIN_OPSLIMIT and
 * WW_PIN_MEMLIMIT. False when libsodium is unavailable or out of memory
 * (logged). Slow on purpose. */
bool ww_pin_hash(const char *pin, char *out, size_t size);

/* Compare a PIN with a stored hash; false for a wrong PIN or a bad hash. */
bool ww_pin_matches(const char *hash, const char *pin);

/* How long the n-th lock in a row (n >= 1) lasts: 5 minutes, doubling, at
 * most WW_PIN_LOCK_MAX_SECONDS. */
int ww_pin_lock_seconds(int locks);

/* A kiosk's view of the lockout (value struct, one per kiosk). The state
 * itself lives in the store, shared by every kiosk of the location and kept
 * over restarts; this is the copy last seen, and the kiosk's own count while
 * the store cannot be reached. */
struct ww_pin_guard {
    struct ww_pin_state state;
    int locks_before;     /* after WW_PIN_OK: locks since the previous good PIN */
    int64_t last_lock_at; /* after WW_PIN_OK: when the last of those began */
};

enum ww_pin_result {
    WW_PIN_OK,
    WW_PIN_WRONG,
    WW_PIN_LOCKED,  /* too many wrong tries: wait (see ww_pin_locked_for) */
    WW_PIN_NOT_SET, /* the location has no PIN: staff entry is closed */
};

void ww_pin_guard_init(struct ww_pin_guard *g);

/* Check `pin` against `hash` (may be "" when no PIN is set) under the
 * lockout of `location` in `store` (NULL: this guard alone). After
 * WW_PIN_MAX_TRIES wrong PINs from any kiosk the entry locks (see
 * ww_pin_lock_seconds), with an audit entry (role `role`) and a warning in
 * the log; while locked nothing is checked, not even the right PIN. PINs of
 * 4 digits set before the 6-digit rule still open it. */
enum ww_pin_result ww_pin_check(struct ww_pin_guard *g, struct ww_store *store,
                                const char *location, const char *role,
                                const struct ww_clock *clock, const char *hash, const char *pin);

/* Read the shared state into the guard (when the pad opens); kept as it is
 * when the store cannot answer. */
void ww_pin_guard_sync(struct ww_pin_guard *g, struct ww_store *store, const char *location);

/* Forget every wrong try and lock of `location` (a new PIN was set). */
enum ww_err ww_pin_reset(struct ww_store *store, const char *location);

/* Seconds left of a lock (0 when not locked). */
int ww_pin_locked_for(const struct ww_pin_guard *g, const struct ww_clock *clock);

/* Write `hash` as the pin_hash of the location file at `path`, keeping every
 * other line as it is (replacing an existing pin_hash line in [location] or
 * adding one right after the [location] header); with hash NULL, remove the
 * pin_hash line instead. Writes a temporary file that gets the mode, owner
 * and group of the old one, then renames it: never half-written, never more
 * readable than before. */
bool ww_pin_store(const char *path, const char *hash, char *err, size_t errsize);

/* The PIN's state file: STATE_DIR/LOCATION.pin (one line, the hash). */
bool ww_pin_state_path(const char *state_dir, const char *location, char *out, size_t size);

/* Write the hash into the state file (the directory is made if needed). A
 * new file is 0600 and belongs to the owner and group of the state directory
 * (the service user's, also when root runs the command); an existing one
 * keeps its mode, owner and group. Written whole and renamed into place. */
bool ww_pin_save(const char *state_dir, const char *location, const char *hash, char *err,
                 size_t errsize);

/* The hash in force into `out` (WW_PIN_HASH_SIZE): the state file's when
 * there is one, else `config_hash` (a pin_hash in the location file, kept
 * for installations from before the state file; may be NULL). "" when none.
 * A state file that cannot be read is logged and the config's hash used. */
void ww_pin_load(const char *state_dir, const char *location, const char *config_hash, char *out,
                 size_t size);

#endif
