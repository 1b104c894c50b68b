#include "store.h"
#include "err.h"

#include "log.h"
#include "str.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const struct ww_store_ops *const backends[] = {
    &ww_store_sqlite_ops,
#ifdef WW_WITH_PG
    &ww_store_pg_ops,
#endif
};

/* ---- masking secrets in store targets ---- */

/* A bounded output: copies what fits and always ends with a NUL. Only text
 * that is not secret and "***" are ever put, so cutting it short cannot show
 * a piece of a password. */
struct mask_out {
    char *p;
    size_t size, n;
};

static void put(struct mask_out *o, const char *s, size_t len)
{
    for (size_t i = 0; i < len && o->n + 1 < o->size; i++)
        o->p[o->n++] = s[i];
    if (o->size)
        o->p[o->n] = '\0';
}

static void put_secret(struct mask_out *o)
{
    put(o, "***", 3);
}

/* libpq's keywords are lower case; any case is masked to be safe. */
static bool secret_key(const char *k, size_t len)
{
    return (len == 8 && strncasecmp(k, "password", 8) == 0) ||
           (len == 11 && strncasecmp(k, "sslpassword", 11) == 0);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A URI query name, percent-decoded as libpq decodes it. */
static bool secret_uri_key(const char *k, size_t len)
{
    char dec[32];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (n + 1 >= sizeof dec)
            return false;
        if (k[i] == '%') {
            int hi = i + 1 < len ? hex_digit(k[i + 1]) : -1;
            int lo = i + 2 < len ? hex_digit(k[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return false; /* libpq refuses it: nothing is connected */
            dec[n++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            dec[n++] = k[i];
        }
    }
    return secret_key(dec, n);
}

/* postgresql://[user[:password]@][host][:port][,...][/dbname][?param=value&...]
 * libpq ends the user part at the first '@' before the first '/'; a password
 * with a bare '/' or '@' is taken up to the last '@' before the query as
 * well, so a mistyped URI does not show what is probably a password. */
static void mask_uri(const char *t, struct mask_out *o)
{
    const char *auth = strstr(t, "://") + 3;
    put(o, t, (size_t)(auth - t));
    const char *at = memchr(auth, '@', strcspn(auth, "/"));
    size_t q = strcspn(auth, "?");
    for (size_t i = 0; i < q; i++)
        if (auth[i] == '@' && (!at || auth + i > at))
            at = auth + i;
    const char *p = auth;
    if (at) {
        const char *colon = memchr(auth, ':', (size_t)(at - auth));
        if (colon) {
            put(o, auth, (size_t)(colon + 1 - auth));
            put_secret(o);
            p = at;
        }
    }
    const char *qm = strchr(p, '?');
    if (!qm) {
        put(o, p, strlen(p));
        return;
    }
    put(o, p, (size_t)(qm + 1 - p));
    p = qm + 1;
    while (*p) {
        size_t len = strcspn(p, "&");
        const char *eq = memchr(p, '=', len);
        if (eq && secret_uri_key(p, (size_t)(eq - p))) {
            put(o, p, (size_t)(eq + 1 - p));
            put_secret(o);
        } else {
            put(o, p, len);
        }
        p += len;
        if (*p == '&')
            put(o, p++, 1);
    }
}

/* scheme "://", as in postgresql:// and postgres:// (libpq's two). */
static bool uri_scheme(const char *t)
{
    if (!isalpha((unsigned char)*t))
        return false;
    while (isalnum((unsigned char)*t) || *t == '+' || *t == '-' || *t == '.')
        t++;
    return strncmp(t, "://", 3) == 0;
}

static bool space(char c)
{
    return isspace((unsigned char)c) != 0;
}

/* keyword = value ..., as libpq's conninfo_parse reads it: a value is
 * 'quoted' (backslash escapes) or runs to the next white space (backslash
 * escapes too). Where libpq would stop with an error, the rest is masked
 * when it names a password. */
static void mask_keywords(const char *t, struct mask_out *o)
{
    const char *p = t;
    while (*p) {
        if (space(*p)) {
            put(o, p++, 1);
            continue;
        }
        const char *k = p;
        while (*p && !space(*p) && *p != '=')
            p++;
        size_t klen = (size_t)(p - k);
        put(o, k, klen);
        while (space(*p))
            put(o, p++, 1);
        if (*p != '=') {
            if (strcasestr(k, "password"))
                put_secret(o);
            else
                put(o, p, strlen(p));
            return;
        }
        put(o, p++, 1);
        while (space(*p))
            put(o, p++, 1);
        const char *v = p;
        if (*p == '\'') {
            p++;
            while (*p && *p != '\'') {
                if (*p == '\\' && p[1])
                    p++;
                p++;
            }
            if (*p == '\'')
                p++;
        } else {
            while (*p && !space(*p)) {
                if (*p == '\\' && p[1])
                    p++;
                p++;
            }
        }
        if (secret_key(k, klen))
            put_secret(o);
        else
            put(o, v, (size_t)(p - v));
    }
}

void ww_store_mask(const char *target, char *out, size_t size)
{
    struct mask_out o = {out, size, 0};
    put(&o, "", 0);
    if (strncmp(target, "sqlite:", 7) == 0)
        put(&o, target, strlen(target));
    else if (uri_scheme(target))
        mask_uri(target, &o);
    else
        mask_keywords(target, &o);
}

void ww_store_mask_error(const char *msg, char *out, size_t size)
{
    struct mask_out o = {out, size, 0};
    put(&o, "", 0);
    for (const char *p = msg; *p; p++) {
        put(&o, p, 1);
        if (*p != '"')
            continue;
        const char *end = strchr(p + 1, '"');
        if (!end)
            end = p + strlen(p) - 1;
        put_secret(&o);
        if (*end == '"')
            put(&o, end, 1);
        p = end;
    }
}

/* ---- opening ---- */

/* The backend of a URI by its scheme (libpq takes postgres:// as well as
 * postgresql://); NULL with a message that shows the URI masked. */
static const struct ww_store_ops *find_backend(const char *uri, char *err, size_t errsize)
{
    char shown[512];
    ww_store_mask(uri, shown, sizeof shown);
    const char *colon = strchr(uri, ':');
    if (!colon) {
        ww_fmt(err, errsize, "store '%s': expected sqlite:FILE or postgresql://...", shown);
        return NULL;
    }
    size_t slen = (size_t)(colon - uri);
    bool pg_alias = slen == 8 && strncmp(uri, "postgres", 8) == 0;
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++) {
        const struct ww_store_ops *ops = backends[i];
        bool match = strlen(ops->scheme) == slen && strncmp(uri, ops->scheme, slen) == 0;
        if (match || (pg_alias && strcmp(ops->scheme, "postgresql") == 0))
            return ops;
    }
    ww_fmt(err, errsize, "store '%s': unknown kind '%.*s' (this build knows sqlite%s)", shown,
           (int)(slen < 16 ? slen : 16), uri,
#ifdef WW_WITH_PG
           " and postgresql"
#else
           ""
#endif
    );
    return NULL;
}

bool ww_store_check_uri(const char *uri, char *err, size_t errsize)
{
    return find_backend(uri, err, errsize) != NULL;
}

struct ww_store *ww_store_open(const char *uri, const char *state_dir, char *err, size_t errsize)
{
    const struct ww_store_ops *ops = find_backend(uri, err, errsize);
    if (!ops)
        return NULL;
    if (strcmp(ops->scheme, "sqlite") == 0) {
        const char *file = strchr(uri, ':') + 1;
        char path[1024];
        if (file[0] != '/' && strcmp(file, ":memory:") != 0 && state_dir && *state_dir) {
            if (mkdir(state_dir, 0750) != 0 && errno != EEXIST) {
                ww_fmt(err, errsize, "cannot create state directory %s: %s", state_dir,
                       ww_errno_text(errno));
                return NULL;
            }
            if (!ww_fmt(path, sizeof path, "%s/%s", state_dir, file)) {
                ww_fmt(err, errsize, "store path too long");
                return NULL;
            }
            file = path;
        }
        return ops->open(file, err, errsize);
    }
    return ops->open(uri, err, errsize);
}

void ww_store_free(struct ww_store *s)
{
    if (s)
        s->ops->close(s);
}

enum ww_err ww_store_book(struct ww_store *s, const struct ww_book_req *req,
                          const struct ww_slot *cands, size_t n, struct ww_booking *out)
{
    return s->ops->book(s, req, cands, n, out);
}

enum ww_err ww_store_bookings(struct ww_store *s, const char *location, ww_day day,
                              struct ww_booking **out, size_t *n)
{
    return s->ops->bookings(s, location, day, out, n);
}

enum ww_err ww_store_find_ticket(struct ww_store *s, const char *location, ww_day day,
                                 const char *ticket, struct ww_booking *out)
{
    return s->ops->find_ticket(s, location, day, ticket, out);
}

enum ww_err ww_store_find_check(struct ww_store *s, const char *check, struct ww_booking *out)
{
    return s->ops->find_check(s, check, out);
}

enum ww_err ww_store_remember(struct ww_store *s, int64_t id, const struct ww_ticket_memo *m)
{
    return s->ops->remember(s, id, m);
}

enum ww_err ww_store_set_printed(struct ww_store *s, int64_t id, bool printed)
{
    return s->ops->set_printed(s, id, printed);
}

enum ww_err ww_store_checkin(struct ww_store *s, int64_t id, int64_t now)
{
    return s->ops->checkin(s, id, now);
}

enum ww_err ww_store_override_add(struct ww_store *s, const char *location, ww_day day,
                                  const struct ww_override *ov, const struct ww_audit *audit)
{
    return s->ops->override_add(s, location, day, ov, audit);
}

enum ww_err ww_store_override_undo(struct ww_store *s, const char *location, ww_day day,
                                   const char *partner, const struct ww_audit *audit)
{
    return s->ops->override_undo(s, location, day, partner, audit);
}

enum ww_err ww_store_overrides(struct ww_store *s, const char *location, ww_day day,
                               struct ww_override **out, size_t *n)
{
    return s->ops->overrides(s, location, day, out, n);
}

enum ww_err ww_store_tally(struct ww_store *s, const struct ww_tally *t)
{
    return s->ops->tally(s, t);
}

enum ww_err ww_store_tally_counts(struct ww_store *s, const char *location, ww_day from, ww_day to,
                                  struct ww_tally_count **out, size_t *n)
{
    return s->ops->tally_counts(s, location, from, to, out, n);
}

enum ww_err ww_store_rating(struct ww_store *s, const struct ww_rating *r)
{
    return s->ops->rating(s, r);
}

enum ww_err ww_store_dropout(struct ww_store *s, ww_day day, const char *location,
                             const char *screen)
{
    return s->ops->dropout(s, day, location, screen);
}

enum ww_err ww_store_signal(struct ww_store *s, const struct ww_signal *sig)
{
    return s->ops->signal(s, sig);
}

enum ww_err ww_store_report(struct ww_store *s, enum ww_report_q q, const struct ww_report_range *r,
                            struct ww_report_row **out, size_t *n)
{
    return s->ops->report(s, q, r, out, n);
}

enum ww_err ww_store_audit(struct ww_store *s, const struct ww_audit *a)
{
    return s->ops->audit(s, a);
}

enum ww_err ww_store_audit_list(struct ww_store *s, const char *location, ww_day from,
                                struct ww_audit **out, size_t *n)
{
    return s->ops->audit_list(s, location, from, out, n);
}

void ww_store_set_patience(struct ww_store *s, int ms)
{
    if (s->ops->set_patience)
        s->ops->set_patience(s, ms);
}

enum ww_err ww_store_purge(struct ww_store *s, const char *location, ww_day before, int *deleted)
{
    return s->ops->purge(s, location, before, deleted);
}

enum ww_err ww_store_change_seq(struct ww_store *s, int64_t *seq)
{
    return s->ops->change_seq(s, seq);
}

enum ww_err ww_store_pin_get(struct ww_store *s, const char *location, struct ww_pin_state *out)
{
    *out = (struct ww_pin_state){0};
    return s->ops->pin_get(s, location, out);
}

enum ww_err ww_store_pin_put(struct ww_store *s, const char *location,
                             const struct ww_pin_state *old, const struct ww_pin_state *next,
                             const struct ww_audit *audit)
{
    return s->ops->pin_put(s, location, old, next, audit);
}

enum ww_err ww_store_heartbeat(struct ww_store *s, const struct ww_heartbeat *h)
{
    return s->ops->heartbeat(s, h);
}

enum ww_err ww_store_heartbeats(struct ww_store *s, const char *location, struct ww_heartbeat **out,
                                size_t *n)
{
    *out = NULL;
    *n = 0;
    return s->ops->heartbeats(s, location ? location : "", out, n);
}
