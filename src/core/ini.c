#include "ini.h"

#include "clock.h"
#include "file.h"
#include "str.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *ww_read_file(const char *path, size_t max, size_t *len)
{
    size_t size;
    int fd = ww_file_open_regular(path, &size);
    if (fd < 0)
        return NULL;
    char *buf = NULL;
    if (size > max) {
        errno = EFBIG;
        goto out;
    }
    buf = malloc(size + 1);
    if (!buf)
        goto out;
    size_t n = 0;
    while (n < size) {
        ssize_t r = read(fd, buf + n, size - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            free(buf);
            buf = NULL;
            errno = EIO;
            goto out;
        }
        if (r == 0)
            break; /* the file shrank meanwhile */
        n += (size_t)r;
    }
    buf[n] = '\0';
    if (len)
        *len = n;
out:
    if (fd >= 0) {
        int e = errno;
        close(fd);
        errno = e;
    }
    return buf;
}

struct pending {
    char *key;
    char *value;
    size_t value_len;
    int line;
};

static bool flush(struct pending *p, const char *section, const char *arg, ww_ini_handler h,
                  void *ctx)
{
    if (!p->key)
        return true;
    struct ww_ini_item item = {
        .kind = WW_INI_KEY,
        .line = p->line,
        .section = section,
        .arg = arg,
        .key = p->key,
        .value = p->value,
    };
    bool ok = h(ctx, &item);
    free(p->key);
    free(p->value);
    *p = (struct pending){0};
    return ok;
}

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d)
        abort();
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

bool ww_ini_parse(const char *text, size_t len, const char *file, struct ww_diags *d,
                  ww_ini_handler handler, void *ctx)
{
    char section[64] = "", arg[64] = "";
    struct pending p = {0};
    bool ok = true, go = true;
    size_t pos = 0;
    int lineno = 0;

    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (go && pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        lineno++;
        char *raw = dup_n(text + pos, end - pos);
        pos = end + 1;
        bool continuation = raw[0] == ' ' || raw[0] == '\t';
        char *line = ww_trim(raw);
        size_t n = strlen(line);
        if (n == 0 || line[0] == ';' || line[0] == '#') {
            free(raw);
            continue;
        }
        if (continuation && p.key) {
            size_t add = strlen(line);
            char *v = realloc(p.value, p.value_len + add + 2);
            if (!v)
                abort();
            p.value = v;
            if (p.value_len)
                p.value[p.value_len++] = ' ';
            memcpy(p.value + p.value_len, line, add + 1);
            p.value_len += add;
            free(raw);
            continue;
        }
        go = flush(&p, section, arg, handler, ctx);
        if (!go) {
            free(raw);
            break;
        }
        if (line[0] == '[') {
            char *close = strchr(line, ']');
            if (!close || close[1] != '\0') {
                ww_diags_add(d, file, lineno, "section header must look like [name] or [name id]");
                ok = false;
                free(raw);
                continue;
            }
            *close = '\0';
            char *name = ww_trim(line + 1);
            char *sp = strpbrk(name, " \t");
            const char *a = "";
            if (sp) {
                *sp = '\0';
                a = ww_trim(sp + 1);
            }
            if (!*name || !ww_strlcpy(section, name, sizeof section) ||
                !ww_strlcpy(arg, a, sizeof arg)) {
                ww_diags_add(d, file, lineno, "section name or id is empty or too long");
                ok = false;
                section[0] = arg[0] = '\0';
                free(raw);
                continue;
            }
            struct ww_ini_item item = {
                .kind = WW_INI_SECTION,
                .line = lineno,
                .section = section,
                .arg = arg,
                .key = "",
                .value = "",
            };
            go = handler(ctx, &item);
            free(raw);
            continue;
        }
        char *eq = strchr(line, '=');
        if (!eq) {
            ww_diags_add(d, file, lineno, "expected 'key = value', a [section] or a comment");
            ok = false;
            free(raw);
            continue;
        }
        *eq = '\0';
        char *key = ww_trim(line);
        char *value = ww_trim(eq + 1);
        if (!*key) {
            ww_diags_add(d, file, lineno, "a key name is missing before '='");
            ok = false;
            free(raw);
            continue;
        }
        p.key = dup_n(key, strlen(key));
        p.value_len = strlen(value);
        p.value = dup_n(value, p.value_len);
        p.line = lineno;
        free(raw);
    }
    if (go)
        go = flush(&p, section, arg, handler, ctx);
    else {
        free(p.key);
        free(p.value);
    }
    return ok && go;
}

bool ww_ini_parse_file(const char *path, struct ww_diags *d, ww_ini_handler handler, void *ctx)
{
    size_t len;
    char *text = ww_read_file(path, 1 << 20, &len);
    if (!text) {
        ww_diags_add(d, path, 0, "cannot read: %s",
                     errno == EFBIG ? "file larger than 1 MiB" : ww_file_strerror(errno));
        return false;
    }
    if (memchr(text, '\0', len)) {
        ww_diags_add(d, path, 0, "not a text file (contains a NUL byte)");
        free(text);
        return false;
    }
    bool ok = ww_ini_parse(text, len, path, d, handler, ctx);
    free(text);
    return ok;
}

/* ---- keys ---- */

bool ww_parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"yes", "ja", "true", "1", "on"};
    static const char *const no[] = {"no", "nee", "false", "0", "off"};
    for (size_t i = 0; i < 5; i++) {
        if (ww_streq_ci(v, yes[i]))
            return (*out = true);
        if (ww_streq_ci(v, no[i]))
            return !(*out = false);
    }
    return false;
}

static bool parse_weekdays(const char *v, unsigned *mask, char *bad, size_t badsize)
{
    char buf[256];
    if (!ww_strlcpy(buf, v, sizeof buf))
        return false;
    unsigned m = 0;
    char *save = buf;
    for (;;) {
        char *comma = strchr(save, ',');
        if (comma)
            *comma = '\0';
        char *w = ww_trim(save);
        int wd = ww_weekday_parse(w);
        if (wd < 0) {
            ww_strlcpy(bad, w, badsize);
            return false;
        }
        m |= 1u << wd;
        if (!comma)
            break;
        save = comma + 1;
    }
    *mask = m;
    return true;
}

static bool parse_range(const char *v, int out[2], const char **why)
{
    char buf[32];
    if (!ww_strlcpy(buf, v, sizeof buf)) {
        *why = "expected HH:MM-HH:MM";
        return false;
    }
    char *dash = strchr(buf, '-');
    if (!dash) {
        *why = "expected HH:MM-HH:MM";
        return false;
    }
    *dash = '\0';
    int a, b;
    if (!ww_minute_parse(ww_trim(buf), &a) || !ww_minute_parse(ww_trim(dash + 1), &b)) {
        *why = "expected HH:MM-HH:MM with times between 00:00 and 24:00";
        return false;
    }
    if (b <= a) {
        *why = "end time must be after start time";
        return false;
    }
    out[0] = a;
    out[1] = b;
    return true;
}

/* A key as people type them: letters, digits, '_', '-', '.', at most 40. */
bool ww_key_like(const char *k)
{
    size_t n = 0;
    for (; k[n]; n++) {
        char c = k[n];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-' || c == '.';
        if (!ok || n >= 40)
            return false;
    }
    return n > 0;
}

bool ww_keys_apply(const struct ww_key *table, size_t n, void *target, unsigned long *seen,
                   const char *file, const struct ww_ini_item *item, struct ww_diags *d)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(table[i].name, item->key) == 0)
            break;
    if (i == n) {
        /* A value typed without its key ("postgres://user:secret@db/x?a=b"
         * reads as a key) must not be echoed: only a name-like key is. */
        if (ww_key_like(item->key))
            ww_diags_add(d, file, item->line, "unknown key '%s' in [%s]", item->key, item->section);
        else
            ww_diags_add(d, file, item->line,
                         "unknown key in [%s]: not a key name (a value without 'key =' before "
                         "it?)",
                         item->section);
        return false;
    }
    const struct ww_key *k = &table[i];
    if (*seen & (1ul << i)) {
        ww_diags_add(d, file, item->line, "key '%s' appears twice in one [%s]", k->name,
                     item->section);
        return false;
    }
    *seen |= 1ul << i;
    char *field = (char *)target + k->offset;
    const char *v = item->value;
    switch (k->type) {
    case WW_KEY_STR:
        if (!ww_strlcpy(field, v, k->size)) {
            ww_diags_add(d, file, item->line, "%s: text longer than %zu bytes", k->name,
                         k->size - 1);
            return false;
        }
        return true;
    case WW_KEY_ID:
        if (!ww_valid_id(v)) {
            ww_diags_add(d, file, item->line,
                         "%s: '%s' is not a valid id (use a-z, 0-9 and '-', at most 31)", k->name,
                         v);
            return false;
        }
        ww_strlcpy(field, v, k->size);
        return true;
    case WW_KEY_INT: {
        long x;
        if (!ww_parse_int(v, k->min, k->max, &x)) {
            ww_diags_add(d, file, item->line, "%s: '%s' is not a whole number from %ld to %ld",
                         k->name, v, k->min, k->max);
            return false;
        }
        *(int *)field = (int)x;
        return true;
    }
    case WW_KEY_BOOL:
        if (!ww_parse_bool(v, (bool *)field)) {
            ww_diags_add(d, file, item->line, "%s: '%s' is not yes or no", k->name, v);
            return false;
        }
        return true;
    case WW_KEY_MINUTE:
        if (!ww_minute_parse(v, (int *)field)) {
            ww_diags_add(d, file, item->line, "%s: '%s' is not a time (HH:MM)", k->name, v);
            return false;
        }
        return true;
    case WW_KEY_HOURS:
        if (ww_streq_ci(v, "gesloten") || ww_streq_ci(v, "closed")) {
            ((int *)field)[0] = ((int *)field)[1] = 0;
            return true;
        }
        /* fall through */
    case WW_KEY_RANGE: {
        const char *why = "";
        if (!parse_range(v, (int *)field, &why)) {
            ww_diags_add(d, file, item->line, "%s: '%s': %s", k->name, v, why);
            return false;
        }
        return true;
    }
    case WW_KEY_DAY:
        if (!ww_day_parse(v, (ww_day *)field)) {
            ww_diags_add(d, file, item->line, "%s: '%s' is not a date (YYYY-MM-DD)", k->name, v);
            return false;
        }
        return true;
    case WW_KEY_WEEKDAYS: {
        char bad[64] = "";
        if (!parse_weekdays(v, (unsigned *)field, bad, sizeof bad)) {
            ww_diags_add(d, file, item->line,
                         "%s: '%s' is not a weekday (ma, di, wo, do, vr, za, zo)", k->name, bad);
            return false;
        }
        return true;
    }
    case WW_KEY_LETTER:
        if (strlen(v) != 1 || v[0] < 'A' || v[0] > 'Z') {
            ww_diags_add(d, file, item->line, "%s: '%s' is not one capital letter A-Z", k->name, v);
            return false;
        }
        *field = v[0];
        return true;
    case WW_KEY_CHOICE: {
        /* The words are the help text's up to its colon. */
        size_t all = strcspn(k->help, ":");
        int index = 0;
        for (const char *c = k->help; c < k->help + all; index++) {
            size_t len = strcspn(c, "|:");
            if (strlen(v) == len && strncmp(c, v, len) == 0) {
                *(int *)field = index;
                return true;
            }
            c += len + (c[len] == '|');
        }
        ww_diags_add(d, file, item->line, "%s: '%s' is not one of %.*s", k->name, v, (int)all,
                     k->help);
        return false;
    }
    }
    return false;
}

void ww_keys_require(const struct ww_key *table, size_t n, unsigned long seen, const char *file,
                     int line, const char *section, struct ww_diags *d)
{
    for (size_t i = 0; i < n; i++)
        if (table[i].required && !(seen & (1ul << i)))
            ww_diags_add(d, file, line, "[%s] is missing the required key '%s'", section,
                         table[i].name);
}

void ww_keys_help(const struct ww_key *table, size_t n, const char *section, FILE *out)
{
    static const char *const type_names[] = {
        "text",       "number",   "yes/no", "HH:MM", "HH:MM-HH:MM", "HH:MM-HH:MM",
        "YYYY-MM-DD", "weekdays", "letter", "id",    "choice",
    };
    fprintf(out, "[%s]\n", section);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "  %-14s %-12s %s%s\n", table[i].name, type_names[table[i].type],
                table[i].help, table[i].required ? " (required)" : "");
}
