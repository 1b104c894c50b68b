#include "store.h"

#include "log.h"
#include "str.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static const struct ww_store_ops *const backends[] = {
    &ww_store_sqlite_ops,
#ifdef WW_WITH_PG
    &ww_store_pg_ops,
#endif
};

struct ww_store *ww_store_open(const char *uri, const char *state_dir, char *err, size_t errsize)
{
    const char *colon = strchr(uri, ':');
    if (!colon) {
        ww_fmt(err, errsize, "store '%s': expected sqlite:FILE or postgresql://...", uri);
        return NULL;
    }
    size_t slen = (size_t)(colon - uri);
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++) {
        const struct ww_store_ops *ops = backends[i];
        if (strlen(ops->scheme) != slen || strncmp(uri, ops->scheme, slen) != 0)
            continue;
        if (strcmp(ops->scheme, "sqlite") == 0) {
            const char *file = colon + 1;
            char path[1024];
            if (file[0] != '/' && strcmp(file, ":memory:") != 0 && state_dir && *state_dir) {
                if (mkdir(state_dir, 0750) != 0 && errno != EEXIST) {
                    ww_fmt(err, errsize, "cannot create state directory %s: %s", state_dir,
                           strerror(errno));
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
    ww_fmt(err, errsize, "store '%s': unknown kind '%.*s' (this build knows sqlite%s)", uri,
           (int)slen, uri,
#ifdef WW_WITH_PG
           " and postgresql"
#else
           ""
#endif
    );
    return NULL;
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

enum ww_err ww_store_change_seq(struct ww_store *s, int64_t *seq)
{
    return s->ops->change_seq(s, seq);
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
