#include "pin.h"

#include "file.h"
#include "ini.h"
#include "log.h"
#include "str.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool ww_pin_valid(const char *pin)
{
    size_t n = strlen(pin);
    if (n < 4 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    return true;
}

bool ww_pin_hash(const char *pin, char *out, size_t size)
{
    if (size < crypto_pwhash_STRBYTES || sodium_init() < 0) {
        ww_error("cannot hash the staff PIN: libsodium unavailable");
        return false;
    }
    if (crypto_pwhash_str_alg(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
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

int ww_pin_locked_for(const struct ww_pin_guard *g, const struct ww_clock *clock)
{
    int64_t now = ww_clock_now(clock);
    return g->locked_until > now ? (int)(g->locked_until - now) : 0;
}

enum ww_pin_result ww_pin_check(struct ww_pin_guard *g, const struct ww_clock *clock,
                                const char *hash, const char *pin)
{
    if (!hash || !*hash)
        return WW_PIN_NOT_SET;
    if (ww_pin_locked_for(g, clock) > 0)
        return WW_PIN_LOCKED; /* not even checked: no oracle while locked */
    if (ww_pin_valid(pin) && ww_pin_matches(hash, pin)) {
        g->wrong = 0;
        return WW_PIN_OK;
    }
    if (++g->wrong >= WW_PIN_MAX_TRIES) {
        g->wrong = 0;
        g->locked_until = ww_clock_now(clock) + WW_PIN_LOCK_SECONDS;
        ww_warn("staff entry locked for %d s after %d wrong PINs", WW_PIN_LOCK_SECONDS,
                WW_PIN_MAX_TRIES);
        return WW_PIN_LOCKED;
    }
    return WW_PIN_WRONG;
}

bool ww_pin_store(const char *path, const char *hash, char *err, size_t errsize)
{
    size_t len;
    char *text = ww_read_file(path, 1 << 20, &len);
    if (!text) {
        ww_fmt(err, errsize, "%s: cannot read: %s", path, ww_file_strerror(errno));
        return false;
    }
    char tmp[WW_PIN_HASH_SIZE + 600];
    if (!ww_fmt(tmp, sizeof tmp, "%s.tmp", path)) {
        free(text);
        ww_fmt(err, errsize, "%s: path too long", path);
        return false;
    }
    FILE *f = fopen(tmp, "w");
    if (!f) {
        ww_fmt(err, errsize, "%s: cannot write: %s", tmp, strerror(errno));
        free(text);
        return false;
    }
    /* Walk the lines: inside [location], replace pin_hash; remember where
     * the section header is in case there is no such line. */
    bool in_location = false, written = false;
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
                fprintf(f, "pin_hash = %s\n", hash);
                written = true;
            }
            in_location = strncmp(t, "[location]", 10) == 0;
        }
        if (in_location && !written && strncmp(t, "pin_hash", 8) == 0 &&
            (t[8] == '=' || t[8] == ' ' || t[8] == '\t')) {
            fprintf(f, "pin_hash = %s\n", hash);
            written = true;
        } else {
            fwrite(line, 1, n, f);
        }
        line += n;
    }
    if (!written) {
        if (in_location) {
            if (len && text[len - 1] != '\n')
                fputc('\n', f);
            fprintf(f, "pin_hash = %s\n", hash);
            written = true;
        }
    }
    free(text);
    bool ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
    ok = (fclose(f) == 0) && ok;
    if (!written) {
        unlink(tmp);
        ww_fmt(err, errsize, "%s: no [location] section", path);
        return false;
    }
    if (!ok || rename(tmp, path) != 0) {
        ww_fmt(err, errsize, "%s: cannot replace: %s", path, strerror(errno));
        unlink(tmp);
        return false;
    }
    return true;
}
