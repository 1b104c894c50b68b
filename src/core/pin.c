#include "pin.h"
#include "err.h"

#include "file.h"
#include "ini.h"
#include "log.h"
#include "str.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool digits(const char *pin, size_t min, size_t max)
{
    size_t n = strlen(pin);
    if (n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    return true;
}

bool ww_pin_valid(const char *pin)
{
    return digits(pin, WW_PIN_MIN_DIGITS, WW_PIN_MAX_DIGITS);
}

bool ww_pin_hash(const char *pin, char *out, size_t size)
{
    if (size < crypto_pwhash_STRBYTES || sodium_init() < 0) {
        ww_error("cannot hash the staff PIN: libsodium unavailable");
        return false;
    }
    if (crypto_pwhash_str_alg(out, pin, strlen(pin), WW_PIN_OPSLIMIT, WW_PIN_MEMLIMIT,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        ww_error("cannot hash the staff PIN: out of memory");
        return false;
    }
    return true;
}

bool ww_pin_matches(const char *hash, const char *pin)
{
    if (sodium_init() < 0 || strncmp(hash, "$argon2id$", 10) != 0)
        return false;
    return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}

void ww_pin_guard_init(struct ww_pin_guard *g)
{
    *g = (struct ww_pin_guard){0};
}

int ww_pin_lock_seconds(int locks)
{
    int64_t t = WW_PIN_LOCK_SECONDS;
    for (int i = 1; i < locks && t < WW_PIN_LOCK_MAX_SECONDS; i++)
        t *= 2;
    return t < WW_PIN_LOCK_MAX_SECONDS ? (int)t : WW_PIN_LOCK_MAX_SECONDS;
}

int ww_pin_locked_for(const struct ww_pin_guard *g, const struct ww_clock *clock)
{
    int64_t now = ww_clock_now(clock);
    return g->state.locked_until > now ? (int)(g->state.locked_until - now) : 0;
}

void ww_pin_guard_sync(struct ww_pin_guard *g, struct ww_store *store, const char *location)
{
    struct ww_pin_state st;
    if (store && ww_store_pin_get(store, location, &st) == WW_OK)
        g->state = st;
}

enum ww_err ww_pin_reset(struct ww_store *store, const char *location)
{
    static const struct ww_pin_state none = {0};
    return ww_store_pin_put(store, location, NULL, &none, NULL);
}

/* The rule, on the state as read: a good PIN clears the count and the locks;
 * the WW_PIN_MAX_TRIES-th wrong one locks, a little longer each time. */
static bool next_state(const struct ww_pin_state *cur, bool good, int64_t now,
                       struct ww_pin_state *next)
{
    *next = *cur;
    if (good) {
        *next = (struct ww_pin_state){0};
        return false;
    }
    if (++next->wrong < WW_PIN_MAX_TRIES)
        return false;
    next->wrong = 0;
    next->locks++;
    next->locked_at = now;
    next->locked_until = now + ww_pin_lock_seconds(next->locks);
    return true;
}

enum ww_pin_result ww_pin_check(struct ww_pin_guard *g, struct ww_store *store,
                                const char *location, const char *role,
                                const struct ww_clock *clock, const char *hash, const char *pin)
{
    g->locks_before = 0;
    g->last_lock_at = 0;
    if (!hash || !*hash)
        return WW_PIN_NOT_SET;
    int64_t now = ww_clock_now(clock);
    /* The shared state; without the store this kiosk counts alone. */
    bool shared = store && ww_store_pin_get(store, location, &g->state) == WW_OK;
    if (g->state.locked_until > now)
        return WW_PIN_LOCKED; /* not even checked: no oracle while locked */
    /* PINs set before the six-digit rule still open the pad. */
    bool good = digits(pin, 4, WW_PIN_MAX_DIGITS) && ww_pin_matches(hash, pin);
    struct ww_pin_state next;
    bool locked = false;
    for (int attempt = 0;; attempt++) {
        locked = next_state(&g->state, good, now, &next);
        if (memcmp(&next, &g->state, sizeof next) == 0)
            break; /* a good PIN with nothing to clear: nothing to write */
        struct ww_audit a;
        if (locked) {
            memset(&a, 0, sizeof a);
            a.when = now;
            ww_strlcpy(a.location, location ? location : "", sizeof a.location);
            int minute;
            ww_clock_local(clock, &a.day, &minute);
            ww_strlcpy(a.role, role ? role : "staff", sizeof a.role);
            ww_strlcpy(a.action, "pin-locked", sizeof a.action);
            ww_fmt(a.detail, sizeof a.detail, "%d wrong PINs: staff entry locked for %d s",
                   WW_PIN_MAX_TRIES, ww_pin_lock_seconds(next.locks));
        }
        if (!shared)
            break;
        enum ww_err e = ww_store_pin_put(store, location, &g->state, &next, locked ? &a : NULL);
        if (e == WW_OK)
            break;
        /* Another kiosk counted in between: count again on its state. */
        if (e == WW_ERR_ALREADY && attempt < 8 &&
            ww_store_pin_get(store, location, &g->state) == WW_OK) {
            if (g->state.locked_until > now)
                return WW_PIN_LOCKED;
            continue;
        }
        ww_warn("staff PIN: the store cannot keep the count (%s): this kiosk counts alone",
                ww_strerror(e));
        break;
    }
    struct ww_pin_state before = g->state;
    g->state = next;
    if (good) {
        g->locks_before = before.locks;
        g->last_lock_at = before.locked_at;
        return WW_PIN_OK;
    }
    if (locked) {
        ww_warn("staff entry locked for %d s after %d wrong PINs (lock %d in a row)",
                ww_pin_lock_seconds(next.locks), WW_PIN_MAX_TRIES, next.locks);
        return WW_PIN_LOCKED;
    }
    return WW_PIN_WRONG;
}

/* Replace `path` with `len` bytes of `data`: a temporary file in the same
 * folder, written and synced, given the old file's mode, owner and group
 * (or, for a new file, `new_mode` and the owner and group of `owner_like`
 * when that is not NULL) before it is renamed over the old one. */
static bool replace_file(const char *path, const char *data, size_t len, mode_t new_mode,
                         const char *owner_like, char *err, size_t errsize)
{
    struct stat old;
    bool had = stat(path, &old) == 0;
    if (!had && errno != ENOENT) {
        ww_fmt(err, errsize, "%s: %s", path, ww_errno_text(errno));
        return false;
    }
    mode_t mode = had ? (old.st_mode & 07777) : new_mode;
    uid_t uid = (uid_t)-1;
    gid_t gid = (gid_t)-1;
    if (had) {
        uid = old.st_uid;
        gid = old.st_gid;
    } else if (owner_like) {
        struct stat dir;
        if (stat(owner_like, &dir) == 0) {
            uid = dir.st_uid;
            gid = dir.st_gid;
        }
    }
    char tmp[1100];
    if (!ww_fmt(tmp, sizeof tmp, "%s.XXXXXX", path)) {
        ww_fmt(err, errsize, "%s: path too long", path);
        return false;
    }
    int fd = mkstemp(tmp); /* 0600: never readable by others, not even for a moment */
    if (fd < 0) {
        ww_fmt(err, errsize, "%s: cannot write next to it: %s", path, ww_errno_text(errno));
        return false;
    }
    bool ok = true;
    const char *what = "write";
    for (size_t off = 0; ok && off < len;) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        off += ok ? (size_t)w : 0;
    }
    if (ok && fchmod(fd, mode) != 0) {
        ok = false;
        what = "keep the mode of";
    }
    /* Owner and group first would let the new owner read it before the
     * mode is right; after fchmod the mode is already the old one. Only
     * root (or the owner, for a group of theirs) may do this: else the
     * file is not replaced, rather than replaced by one less protected. */
    if (ok && (uid != (uid_t)-1 || gid != (gid_t)-1) && (uid != geteuid() || gid != getegid()) &&
        fchown(fd, uid, gid) != 0) {
        ok = false;
        what = "keep the owner and group of";
    }
    if (ok && fsync(fd) != 0)
        ok = false;
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok || rename(tmp, path) != 0) {
        if (ok)
            saved = errno;
        ww_fmt(err, errsize, "%s: cannot %s it: %s", path, ok ? "replace" : what,
               ww_errno_text(saved));
        unlink(tmp);
        return false;
    }
    return true;
}

/* A line `pin_hash ...` (the key, then '=' or white space). */
static bool pin_hash_line(const char *t)
{
    return strncmp(t, "pin_hash", 8) == 0 && (t[8] == '=' || t[8] == ' ' || t[8] == '\t');
}

bool ww_pin_store(const char *path, const char *hash, char *err, size_t errsize)
{
    size_t len;
    char *text = ww_read_file(path, 1 << 20, &len);
    if (!text) {
        ww_fmt(err, errsize, "%s: cannot read: %s", path, ww_file_strerror(errno));
        return false;
    }
    size_t cap = len + WW_PIN_HASH_SIZE + 32, n_out = 0;
    char *out = malloc(cap);
    if (!out)
        abort();
    char add[WW_PIN_HASH_SIZE + 32] = "";
    if (hash)
        ww_fmt(add, sizeof add, "pin_hash = %s\n", hash);
    size_t add_len = strlen(add);
    /* Walk the lines: inside [location], replace (or drop) pin_hash;
     * without one, add it at the end of the section. */
    bool in_location = false, written = false, seen_location = false;
    char *line = text;
    while (*line) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line + 1) : strlen(line);
        char head[64];
        size_t hn = n < sizeof head - 1 ? n : sizeof head - 1;
        memcpy(head, line, hn);
        head[hn] = '\0';
        char *t = ww_trim(head);
        if (t[0] == '[') {
            if (in_location && !written) {
                memcpy(out + n_out, add, add_len);
                n_out += add_len;
                written = true;
            }
            in_location = strncmp(t, "[location]", 10) == 0;
            seen_location = seen_location || in_location;
        }
        if (in_location && pin_hash_line(t)) {
            if (!written) {
                memcpy(out + n_out, add, add_len);
                n_out += add_len;
                written = true;
            }
        } else {
            memcpy(out + n_out, line, n);
            n_out += n;
        }
        line += n;
    }
    if (in_location && !written) {
        if (n_out && out[n_out - 1] != '\n')
            out[n_out++] = '\n';
        memcpy(out + n_out, add, add_len);
        n_out += add_len;
    }
    free(text);
    bool ok = false;
    if (!seen_location)
        ww_fmt(err, errsize, "%s: no [location] section", path);
    else
        ok = replace_file(path, out, n_out, 0640, NULL, err, errsize);
    free(out);
    return ok;
}

bool ww_pin_state_path(const char *state_dir, const char *location, char *out, size_t size)
{
    return ww_fmt(out, size, "%s/%s.pin", state_dir && *state_dir ? state_dir : ".", location);
}

bool ww_pin_save(const char *state_dir, const char *location, const char *hash, char *err,
                 size_t errsize)
{
    const char *dir = state_dir && *state_dir ? state_dir : ".";
    char path[1024], line[WW_PIN_HASH_SIZE + 2];
    if (!ww_pin_state_path(dir, location, path, sizeof path) ||
        !ww_fmt(line, sizeof line, "%s\n", hash)) {
        ww_fmt(err, errsize, "%s: path too long", dir);
        return false;
    }
    if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
        ww_fmt(err, errsize, "cannot create state directory %s: %s", dir, ww_errno_text(errno));
        return false;
    }
    return replace_file(path, line, strlen(line), 0600, dir, err, errsize);
}

void ww_pin_load(const char *state_dir, const char *location, const char *config_hash, char *out,
                 size_t size)
{
    ww_strlcpy(out, config_hash ? config_hash : "", size);
    char path[1024];
    if (!ww_pin_state_path(state_dir, location, path, sizeof path))
        return;
    /* O_NONBLOCK and a regular file only: a FIFO here must not hang. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT)
            ww_error("%s: cannot read the staff PIN: %s", path, ww_errno_text(errno));
        return;
    }
    struct stat st;
    char buf[WW_PIN_HASH_SIZE + 2];
    ssize_t n = -1;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) {
        ww_error("%s: not a staff PIN file", path);
        return;
    }
    buf[n] = '\0';
    buf[strcspn(buf, "\r\n")] = '\0';
    if (strncmp(buf, "$argon2id$", 10) != 0) {
        ww_error("%s: not a staff PIN file", path);
        return;
    }
    if (st.st_mode & 0077)
        ww_warn("%s is readable by others: chmod 600 it (the hash of the staff PIN)", path);
    ww_strlcpy(out, buf, size);
}
