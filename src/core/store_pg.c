/* PostgreSQL backend of the store: one server shared by every kiosk and
 * staff machine of a municipality, chosen by a "postgresql://..." URI.
 *
 * Connection: libpq reads the password from the URI, PGPASSWORD or the
 * password file (PGPASSFILE, ~/.pgpass) and negotiates TLS as the URI's
 * sslmode says. Defaults that keep a kiosk responsive (connect_timeout,
 * keepalives, lock and statement timeouts) are given before the URI, so the
 * URI can override every one of them. Every value travels as a parameter
 * of a prepared statement; no SQL text is ever built from a value.
 *
 * Schema: the SQLite schema translated, its version in the `meta` table.
 * The first process to find it missing or old migrates under a session
 * advisory lock, so processes starting together migrate once; a current
 * schema costs one read, and a role that may only read and write rows
 * suffices then.
 *
 * Double booking: a booking runs in one READ COMMITTED transaction that
 * first takes a transaction-scoped advisory lock for (location, day,
 * partner); the lowest free desk is then read and inserted while no one else
 * can book that partner. Ticket numbers count per letter, so a second lock
 * for (location, day, letter) is taken in the same statement, always after
 * the partner's, which makes a wait cycle between bookings impossible. UNIQUE constraints on
 * (slot, desk) and on the ticket number are the second line of defence; a
 * violation, a serialisation failure or a deadlock retries the whole
 * transaction a bounded number of times.
 *
 * Outages: every call first reads what the server sent while the handle was
 * idle, so a restarted server is noticed before anything is sent. The
 * handle then reconnects with a non-blocking connect (PQresetStart/Poll)
 * advanced by each call, which waits on the socket at most its patience:
 * the connect timeout by default, a short moment for a handle of a
 * screen's thread (ww_store_set_patience). A call that finds the connect
 * still pending returns WW_ERR_UNAVAILABLE and the next second's calls do
 * too without waiting. A server that answers reconnects within one call. A connect that takes
 * longer than the connect timeout is abandoned and retried after a pause; a refused one is retried
 * by the next call. A transaction cut off midway is rolled back by the server: a booking is whole
 * or absent. If the link breaks during COMMIT the caller cannot know which; booking again with the
 * same request id returns the booking if it was made.
 *
 * Staff changes: override writes bump a counter in `meta` and NOTIFY
 * "ww_changes" in the same transaction. change_seq LISTENs and answers from
 * a cached value until a notification arrives, re-reading the counter at
 * least every half second, so a kiosk polling once a second sees a change
 * within two seconds even when a notification is lost. Notifications
 * usually arrive within a millisecond of the commit. */
#include "store.h"

#include "log.h"
#include "str.h"

#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SCHEMA_VERSION 6
#define MAX_ATTEMPTS   8

#define NS_PER_MS          1000000LL
#define SEQ_MAX_AGE_NS     (500 * NS_PER_MS)  /* re-read the change counter this often */
#define SLOW_CONNECT_NS    (500 * NS_PER_MS)  /* a failure slower than this was a timeout */
#define RECONNECT_PAUSE_NS (3000 * NS_PER_MS) /* after a timeout, wait before trying again */
#define RETRY_NS           (1000 * NS_PER_MS) /* after a step that found no answer */
#define CONNECT_TIMEOUT_NS (2000 * NS_PER_MS) /* a reconnect taking longer is given up */

enum stmt {
    S_BEGIN,
    S_COMMIT,
    S_ROLLBACK,
    S_LOCK,
    S_LOCK_BOOKING,
    S_BY_REQUEST,
    S_DAY_DESKS,
    S_INSERT_BOOKING,
    S_BOOKINGS,
    S_FIND_TICKET,
    S_FIND_CHECK,
    S_SET_PRINTED,
    S_REMEMBER,
    S_CHECKIN,
    S_OVERRIDE_INSERT,
    S_OVERRIDE_NEWEST,
    S_OVERRIDE_DELETE,
    S_OVERRIDES,
    S_BUMP_CHANGES,
    S_NOTIFY,
    S_CHANGES,
    S_LISTEN,
    S_TALLY,
    S_TALLY_COUNTS,
    S_RATING,
    S_DROPOUT,
    S_SIGNAL,
    S_AUDIT,
    S_AUDIT_LIST,
    S_PIN_GET,
    S_PIN_PUT,
    S_PURGE,
    S_HEARTBEAT,
    S_HEARTBEATS,
    S_COUNT,
    /* then the report's sums, S_COUNT + enum ww_report_q */
    S_ALL = S_COUNT + WW_RQ_COUNT
};

#define BOOKING_COLS                                                                               \
    "id, location, partner, topic, day, start, minutes, desk, ticket, check_code, created, "       \
    "printed, checked_in, ticket_lang, ticket_bring, ticket_neutral, ticket_notices, "             \
    "ticket_room, ticket_desks"

static const char *const sql[S_COUNT] = {
    [S_BEGIN] = "BEGIN",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
    /* Key parts are joined with '|', which ids cannot contain. */
    [S_LOCK] = "SELECT pg_advisory_xact_lock(hashtextextended($1::text || '|' || $2::text || '|' "
               "|| $3::text || '|' || $4::text, 0))",
    /* The partner's lock, then the letter's. Every booking takes both
     * through this one statement, so all take them in the same order and
     * two bookings can never wait for each other in a circle. */
    [S_LOCK_BOOKING] =
        "SELECT pg_advisory_xact_lock(hashtextextended('slot|' || $1::text || '|' || $2::text || "
        "'|' || $3::text, 0)), pg_advisory_xact_lock(hashtextextended('ticket|' || $1::text || "
        "'|' || $2::text || '|' || $4::text, 0))",
    [S_BY_REQUEST] = "SELECT " BOOKING_COLS " FROM bookings WHERE request_id = $1",
    [S_DAY_DESKS] = "SELECT start, desk FROM bookings WHERE location = $1 AND partner = $2 AND "
                    "day = $3 ORDER BY start, desk",
    /* The ticket number is the letter's next on that day, "J-014". */
    [S_INSERT_BOOKING] =
        "INSERT INTO bookings (location, partner, topic, day, start, minutes, desk, letter, seq, "
        "ticket, check_code, request_id, created) SELECT $1, $2, $3, $4, $5, $6, $7, $8, n, $8 "
        "|| '-' || lpad((n % 1000)::text, 3, '0'), $9, $10, $11 FROM (SELECT COALESCE(MAX(seq), "
        "0) + 1 AS n FROM bookings WHERE location = $1 AND day = $4 AND letter = $8) AS next "
        "RETURNING id, ticket",
    [S_BOOKINGS] = "SELECT " BOOKING_COLS " FROM bookings WHERE location = $1 AND day = $2 ORDER "
                   "BY start, partner, desk",
    [S_FIND_TICKET] = "SELECT " BOOKING_COLS " FROM bookings WHERE location = $1 AND day = $2 AND "
                      "ticket = $3",
    [S_FIND_CHECK] = "SELECT " BOOKING_COLS " FROM bookings WHERE check_code = $1",
    [S_SET_PRINTED] = "UPDATE bookings SET printed = $2 WHERE id = $1",
    [S_REMEMBER] = "UPDATE bookings SET ticket_lang = $2, ticket_bring = $3, ticket_neutral = "
                   "$4, ticket_notices = $5, ticket_room = $6, ticket_desks = $7 WHERE id = $1",
    [S_CHECKIN] = "UPDATE bookings SET checked_in = $2 WHERE id = $1 AND checked_in = 0",
    [S_OVERRIDE_INSERT] = "INSERT INTO overrides (location, day, partner, kind, t0, t1, desks, "
                          "room) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    [S_OVERRIDE_NEWEST] = "SELECT MAX(id) FROM overrides WHERE location = $1 AND day = $2 AND "
                          "partner = $3",
    [S_OVERRIDE_DELETE] = "DELETE FROM overrides WHERE id = $1",
    [S_OVERRIDES] = "SELECT id, partner, kind, t0, t1, desks, room FROM overrides o WHERE "
                    "location = $1 AND day = $2 AND id = (SELECT MAX(id) FROM overrides i WHERE "
                    "i.location = o.location AND i.day = o.day AND i.partner = o.partner) ORDER "
                    "BY id",
    [S_BUMP_CHANGES] = "UPDATE meta SET value = value + 1 WHERE key = 'changes' RETURNING value",
    [S_NOTIFY] = "SELECT pg_notify('ww_changes', $1::text)",
    [S_CHANGES] = "SELECT value FROM meta WHERE key = 'changes'",
    [S_LISTEN] = "LISTEN ww_changes",
    [S_TALLY] = "INSERT INTO tally_counts (day, location, topic, outcome, partner, count) VALUES "
                "($1, $2, $3, $4, $5, 1) ON CONFLICT (day, location, topic, outcome, partner) DO "
                "UPDATE SET count = tally_counts.count + 1",
    [S_TALLY_COUNTS] = "SELECT topic, outcome, SUM(count), COALESCE(SUM(count) FILTER (WHERE "
                       "partner <> ''), 0) FROM tally_counts WHERE ($1::text = '' OR location = "
                       "$1::text) AND day BETWEEN $2 AND $3 GROUP BY topic, outcome ORDER BY "
                       "SUM(count) DESC, topic, outcome",
    [S_RATING] = "INSERT INTO rating_counts (day, location, score, topics, count) VALUES ($1, $2, "
                 "$3, $4, 1) ON CONFLICT (day, location, score, topics) DO UPDATE SET count = "
                 "rating_counts.count + 1",
    [S_SIGNAL] = "INSERT INTO signal_counts (kind, day, location, k1, k2, num, count) VALUES "
                 "($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (kind, day, location, k1, k2, num) DO "
                 "UPDATE SET count = signal_counts.count + EXCLUDED.count",
    [S_DROPOUT] = "INSERT INTO dropouts (day, location, screen, count) VALUES ($1, $2, $3, 1) ON "
                  "CONFLICT (day, location, screen) DO UPDATE SET count = dropouts.count + 1",
    [S_AUDIT] = "INSERT INTO audit (at, location, day, role, action, detail) VALUES ($1, $2, $3, "
                "$4, $5, $6)",
    [S_AUDIT_LIST] = "SELECT at, location, day, role, action, detail FROM audit WHERE ($1::text = "
                     "'' OR location = $1::text) AND day >= $2 ORDER BY id",
    [S_PIN_GET] = "SELECT wrong, locks, locked_at, locked_until FROM pin_guard WHERE location = $1",
    /* Compare and set: a kiosk's update lands only on the state it read. */
    [S_PIN_PUT] = "INSERT INTO pin_guard (location, wrong, locks, locked_at, locked_until) VALUES "
                  "($1, $6, $7, $8, $9) ON CONFLICT (location) DO UPDATE SET wrong = $6, locks = "
                  "$7, locked_at = $8, locked_until = $9 WHERE $10::boolean OR (pin_guard.wrong = "
                  "$2::integer AND pin_guard.locks = $3::integer AND pin_guard.locked_at = "
                  "$4::bigint AND pin_guard.locked_until = $5::bigint)",
    /* The bookings and the audit lines about them (a check-in, a reprint:
     * a ticket and a time), in one statement. */
    [S_PURGE] = "WITH a AS (DELETE FROM audit WHERE location = $1 AND day < $2 AND action IN "
                "('checkin', 'reprint')) DELETE FROM bookings WHERE location = $1 AND day < $2",
    [S_HEARTBEAT] = "INSERT INTO heartbeats (kiosk, location, seen, printer, paper_low, version, "
                    "out_of_order) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (kiosk) DO "
                    "UPDATE SET location = excluded.location, seen = excluded.seen, printer = "
                    "excluded.printer, paper_low = excluded.paper_low, version = excluded.version, "
                    "out_of_order = excluded.out_of_order",
    [S_HEARTBEATS] = "SELECT kiosk, location, seen, printer, paper_low, version, out_of_order FROM "
                     "heartbeats WHERE $1::text = '' OR location = $1::text ORDER BY kiosk",
};

/* The schema of the SQLite backend, translated. Ids and codes compare
 * byte-wise (COLLATE "C") so lists come out in the same order as there. */
#define ID "TEXT COLLATE \"C\" NOT NULL"

static const char meta_sql[] =
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL);"
    "INSERT INTO meta VALUES ('changes', 0) ON CONFLICT (key) DO NOTHING;";

/* Migrations: index i brings the schema from version i to i + 1. */
static const char *const migrations[] = {
    "CREATE TABLE bookings ("
    " id BIGSERIAL PRIMARY KEY,"
    " location " ID ", partner " ID ", topic " ID " DEFAULT '',"
    " day INTEGER NOT NULL, start INTEGER NOT NULL, minutes INTEGER NOT NULL,"
    " desk INTEGER NOT NULL CHECK (desk >= 1),"
    " letter " ID ", seq INTEGER NOT NULL, ticket " ID ","
    " check_code " ID " UNIQUE, request_id TEXT COLLATE \"C\" UNIQUE,"
    " created BIGINT NOT NULL, printed BOOLEAN NOT NULL DEFAULT FALSE,"
    " checked_in BIGINT NOT NULL DEFAULT 0,"
    " UNIQUE (location, partner, day, start, desk),"
    " UNIQUE (location, day, ticket));"
    "CREATE INDEX bookings_day ON bookings (location, day);"
    "CREATE TABLE overrides ("
    " id BIGSERIAL PRIMARY KEY, location " ID ", day INTEGER NOT NULL,"
    " partner " ID ", kind INTEGER NOT NULL, t0 INTEGER NOT NULL, t1 INTEGER NOT NULL,"
    " desks INTEGER NOT NULL, room TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX overrides_day ON overrides (location, day, partner);"
    "CREATE TABLE tallies (id BIGSERIAL PRIMARY KEY, day INTEGER NOT NULL, location " ID ","
    " topic " ID ", outcome " ID ", partner " ID " DEFAULT '');"
    "CREATE TABLE ratings (id BIGSERIAL PRIMARY KEY, day INTEGER NOT NULL, location " ID ","
    " score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5), topics TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE dropouts (day INTEGER NOT NULL, location " ID ", screen " ID ","
    " count INTEGER NOT NULL, PRIMARY KEY (day, location, screen));"
    "CREATE TABLE audit (id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, location " ID ","
    " day INTEGER NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL);",
    /* 2: the staff PIN lockout, shared by the kiosks of a location. */
    "CREATE TABLE pin_guard (location " ID " PRIMARY KEY, wrong INTEGER NOT NULL,"
    " locks INTEGER NOT NULL, locked_at BIGINT NOT NULL, locked_until BIGINT NOT NULL);",
    /* 3: tallies and ratings become counters per day (see store_sqlite.c). */
    "CREATE TABLE tally_counts (day INTEGER NOT NULL, location " ID ", topic " ID ","
    " outcome " ID ", partner " ID " DEFAULT '', count BIGINT NOT NULL,"
    " PRIMARY KEY (day, location, topic, outcome, partner));"
    "INSERT INTO tally_counts SELECT day, location, topic, outcome, partner, COUNT(*)"
    " FROM tallies GROUP BY day, location, topic, outcome, partner;"
    "DROP TABLE tallies;"
    "CREATE TABLE rating_counts (day INTEGER NOT NULL, location " ID ","
    " score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5), topics TEXT NOT NULL DEFAULT '',"
    " count BIGINT NOT NULL, PRIMARY KEY (day, location, score, topics));"
    "INSERT INTO rating_counts SELECT day, location, score, topics, COUNT(*)"
    " FROM ratings GROUP BY day, location, score, topics;"
    "DROP TABLE ratings;",
    /* 4: a booking keeps what its ticket said, so a reprint is the same
     * ticket (bookings made before keep '' and are laid out as before). */
    "ALTER TABLE bookings ADD COLUMN ticket_lang TEXT NOT NULL DEFAULT '',"
    " ADD COLUMN ticket_bring TEXT NOT NULL DEFAULT '',"
    " ADD COLUMN ticket_neutral BOOLEAN NOT NULL DEFAULT false,"
    " ADD COLUMN ticket_notices TEXT NOT NULL DEFAULT '',"
    " ADD COLUMN ticket_room TEXT NOT NULL DEFAULT '',"
    " ADD COLUMN ticket_desks INTEGER NOT NULL DEFAULT 0;",
    /* 5: kiosk heartbeats for `wegwijzer status` (one row per kiosk). */
    "CREATE TABLE heartbeats (kiosk " ID " PRIMARY KEY, location " ID ","
    " seen BIGINT NOT NULL, printer TEXT NOT NULL, paper_low BOOLEAN NOT NULL DEFAULT FALSE,"
    " version TEXT NOT NULL, out_of_order TEXT NOT NULL DEFAULT '');",
    /* 6: the report's other anonymous counters (see store_sqlite.c). */
    "CREATE TABLE signal_counts (kind " ID ", day INTEGER NOT NULL, location " ID ","
    " k1 " ID " DEFAULT '', k2 " ID " DEFAULT '', num INTEGER NOT NULL DEFAULT 0,"
    " count BIGINT NOT NULL, PRIMARY KEY (kind, day, location, k1, k2, num));",
};

#define P1     "$1::text"
#define P2     "$2::integer"
#define P3     "$3::integer"
#define LOC_IN "($1::text = '' OR strpos(',' || $1::text || ',', ',' || location || ',') > 0)"
#include "store_report_sql.h"
#undef P1
#undef P2
#undef P3
#undef LOC_IN

static const char *sql_of(enum stmt which)
{
    return which >= S_COUNT ? report_sql[which - S_COUNT] : sql[which];
}

struct store_pg {
    struct ww_store base;
    PGconn *conn;
    char shown[256];      /* the URI with any password masked, for messages */
    bool ready;           /* connected and the schema checked */
    bool prepared[S_ALL]; /* statements prepared on this connection */
    bool down;            /* an outage was logged; log the recovery once */
    bool listening;       /* LISTEN ww_changes is active on this connection */
    bool seq_known;       /* `seq` is current unless a notification came */
    int64_t seq;
    int64_t seq_at;          /* monotonic ns when `seq` was read */
    int64_t next_try;        /* monotonic ns before which no reconnect is tried */
    bool connecting;         /* a non-blocking reconnect is under way */
    int64_t patience;        /* most a call waits for a reconnect (ns) */
    int64_t connect_started; /* monotonic ns it began */
    char state[6];           /* SQLSTATE of the last failed statement, "" if none */
};

static struct store_pg *cast(struct ww_store *s)
{
    return (struct store_pg *)s;
}

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void pause_ns(int64_t ns)
{
    struct timespec ts = {(time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL)};
    nanosleep(&ts, NULL);
}

/* libpq messages end in a newline and may run over several lines. */
static void first_line(const char *msg, char *out, size_t size)
{
    ww_strlcpy(out, msg ? msg : "", size);
    out[strcspn(out, "\r\n")] = '\0';
    if (!*out)
        ww_strlcpy(out, "unknown error", size);
}

/* NOTICE messages (e.g. "relation already exists") are for debugging only. */
static void notice(void *arg, const char *msg)
{
    char line[256];
    first_line(msg, line, sizeof line);
    ww_debug("store %s: server says: %s", ((struct store_pg *)arg)->shown, line);
}

static void drain_notifies(struct store_pg *s)
{
    PGnotify *n;
    while ((n = PQnotifies(s->conn)) != NULL) {
        s->seq_known = false;
        PQfreemem(n);
    }
}

/* The connection is gone: forget what lived on it, log the outage once. */
static void lost(struct store_pg *s)
{
    if (!s->down) {
        char line[256];
        first_line(PQerrorMessage(s->conn), line, sizeof line);
        ww_warn("store %s: connection lost: %s", s->shown, line);
        s->down = true;
    }
    s->ready = false;
    s->listening = false;
    s->seq_known = false;
}

static bool is_state(const struct store_pg *s, const char *code)
{
    return strcmp(s->state, code) == 0;
}

/* Map a failed result to an error, logging it once here when it is not
 * something the caller handles (a retry, a constraint, an outage). */
static enum ww_err fail(struct store_pg *s, const PGresult *r, const char *what)
{
    const char *code = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    ww_strlcpy(s->state, code ? code : "", sizeof s->state);
    char line[256];
    first_line(r ? PQresultErrorMessage(r) : PQerrorMessage(s->conn), line, sizeof line);
    if (PQstatus(s->conn) != CONNECTION_OK || strncmp(s->state, "08", 2) == 0 ||
        strncmp(s->state, "57P", 3) == 0) {
        lost(s);
        return WW_ERR_UNAVAILABLE;
    }
    if (is_state(s, "40001") || is_state(s, "40P01"))
        return WW_ERR_BUSY; /* the transaction is retried */
    if (is_state(s, "55P03") || is_state(s, "57014")) {
        ww_warn("store %s: %s: %s", s->shown, what, line);
        return WW_ERR_BUSY;
    }
    if (strncmp(s->state, "23", 2) == 0)
        return WW_ERR_FULL; /* a constraint; the caller decides what it means */
    if (strncmp(s->state, "22", 2) == 0) {
        ww_warn("store %s: %s: %s", s->shown, what, line);
        return WW_ERR_INVALID;
    }
    ww_error("store %s: %s: %s", s->shown, what, line);
    return WW_ERR_IO;
}

/* Run a prepared statement with text parameters. Returns the result (the
 * caller PQclear()s it) or NULL with *e set. */
static PGresult *run(struct store_pg *s, enum stmt which, const char *const *vals, int n,
                     enum ww_err *e)
{
    char name[8];
    ww_fmt(name, sizeof name, "ww%d", (int)which);
    if (!s->prepared[which]) {
        /* Prepared on first use: a one-shot command prepares only what
         * it runs. Prepared statements outlive a rolled-back transaction. */
        PGresult *p = PQprepare(s->conn, name, sql_of(which), 0, NULL);
        if (!p || PQresultStatus(p) != PGRES_COMMAND_OK) {
            *e = fail(s, p, sql_of(which));
            PQclear(p);
            return NULL;
        }
        PQclear(p);
        s->prepared[which] = true;
    }
    PGresult *r = PQexecPrepared(s->conn, name, n, vals, NULL, NULL, 0);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        *e = WW_OK;
        return r;
    }
    *e = fail(s, r, sql_of(which));
    PQclear(r);
    return NULL;
}

/* The parameters of a statement: an array literal and its length. */
#define ARGS(...)                                                                                  \
    (const char *const[]){__VA_ARGS__},                                                            \
        (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/* Run a statement whose rows (if any) are not needed. */
static enum ww_err exec(struct store_pg *s, enum stmt which, const char *const *vals, int n)
{
    enum ww_err e;
    PQclear(run(s, which, vals, n, &e));
    return e;
}

/* Like exec, and report how many rows it changed through *changed. */
static enum ww_err exec_count(struct store_pg *s, enum stmt which, const char *const *vals, int n,
                              long *changed)
{
    enum ww_err e;
    PGresult *r = run(s, which, vals, n, &e);
    *changed = 0;
    if (r && !ww_parse_int(PQcmdTuples(r), 0, 1L << 30, changed))
        *changed = 0;
    PQclear(r);
    return e;
}

static int64_t num(const PGresult *r, int row, int col)
{
    return strtoll(PQgetvalue(r, row, col), NULL, 10);
}

static void text(const PGresult *r, int row, int col, char *dst, size_t size)
{
    ww_strlcpy(dst, PQgetvalue(r, row, col), size);
}

static void row_booking(const PGresult *r, int row, struct ww_booking *b)
{
    memset(b, 0, sizeof *b);
    b->id = num(r, row, 0);
    text(r, row, 1, b->location, sizeof b->location);
    text(r, row, 2, b->partner, sizeof b->partner);
    text(r, row, 3, b->topic, sizeof b->topic);
    b->day = (ww_day)num(r, row, 4);
    b->start = (int)num(r, row, 5);
    b->minutes = (int)num(r, row, 6);
    b->desk = (int)num(r, row, 7);
    text(r, row, 8, b->ticket, sizeof b->ticket);
    text(r, row, 9, b->check, sizeof b->check);
    b->created = num(r, row, 10);
    b->printed = PQgetvalue(r, row, 11)[0] == 't';
    b->checked_in = num(r, row, 12);
    text(r, row, 13, b->memo.lang, sizeof b->memo.lang);
    text(r, row, 14, b->memo.bring, sizeof b->memo.bring);
    b->memo.bring_neutral = PQgetvalue(r, row, 15)[0] == 't';
    text(r, row, 16, b->memo.notices, sizeof b->memo.notices);
    text(r, row, 17, b->memo.room, sizeof b->memo.room);
    b->memo.desks = (int)num(r, row, 18);
}

/* Decimal text of a number, for a parameter. */
struct numbuf {
    char s[24];
};

static const char *dec(struct numbuf *b, int64_t v)
{
    ww_fmt(b->s, sizeof b->s, "%lld", (long long)v);
    return b->s;
}

/* ---- connection, schema ---- */

/* A statement run outside the prepared set (schema set-up only); true when
 * it succeeded, else a message in err. */
static bool setup_exec(struct store_pg *s, const char *q, const char *param, char *err,
                       size_t errsize, PGresult **keep)
{
    PGresult *r =
        param ? PQexecParams(s->conn, q, 1, NULL, &param, NULL, NULL, 0) : PQexec(s->conn, q);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        if (keep)
            *keep = r;
        else
            PQclear(r);
        return true;
    }
    char line[256];
    first_line(r ? PQresultErrorMessage(r) : PQerrorMessage(s->conn), line, sizeof line);
    ww_fmt(err, errsize, "store %s: setting up the schema failed: %s", s->shown, line);
    PQclear(r);
    return false;
}

static enum ww_err migrate(struct store_pg *s, char *err, size_t errsize)
{
    /* The usual case, a current schema, costs one read and needs no right
     * to create tables (kiosks may log in with a role that only reads and
     * writes rows). */
    PGresult *r = PQexecParams(s->conn, "SELECT value FROM meta WHERE key = 'version'", 0, NULL,
                               NULL, NULL, NULL, 0);
    if (r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
        num(r, 0, 0) == SCHEMA_VERSION) {
        PQclear(r);
        return WW_OK;
    }
    PQclear(r);
    if (PQstatus(s->conn) != CONNECTION_OK)
        return WW_ERR_UNAVAILABLE;
    /* Two kiosks starting at once against a new database: the session lock
     * lets one create the schema while the other waits and then finds it
     * current. Each step is its own transaction. */
    if (!setup_exec(s, "SELECT pg_advisory_lock(hashtextextended('wegwijzer-schema', 0))", NULL,
                    err, errsize, NULL))
        return PQstatus(s->conn) == CONNECTION_OK ? WW_ERR_IO : WW_ERR_UNAVAILABLE;
    enum ww_err e = WW_ERR_IO;
    r = NULL;
    if (!setup_exec(s, meta_sql, NULL, err, errsize, NULL) ||
        !setup_exec(s, "SELECT value FROM meta WHERE key = 'version'", NULL, err, errsize, &r))
        goto out;
    long version = PQntuples(r) ? (long)num(r, 0, 0) : 0;
    PQclear(r);
    if (version > SCHEMA_VERSION) {
        ww_fmt(err, errsize, "store %s has schema version %ld; this program knows up to %d",
               s->shown, version, SCHEMA_VERSION);
        goto out;
    }
    for (; version < SCHEMA_VERSION; version++) {
        struct numbuf nb;
        if (!setup_exec(s, "BEGIN", NULL, err, errsize, NULL))
            goto out;
        if (!setup_exec(s, migrations[version], NULL, err, errsize, NULL) ||
            !setup_exec(s,
                        "INSERT INTO meta VALUES ('version', $1::bigint) ON CONFLICT (key) DO "
                        "UPDATE SET value = EXCLUDED.value",
                        dec(&nb, version + 1), err, errsize, NULL) ||
            !setup_exec(s, "COMMIT", NULL, err, errsize, NULL)) {
            PQclear(PQexec(s->conn, "ROLLBACK"));
            goto out;
        }
        ww_info("store %s: schema migrated to version %ld", s->shown, version + 1);
    }
    e = WW_OK;
out:
    if (PQstatus(s->conn) != CONNECTION_OK)
        return WW_ERR_UNAVAILABLE;
    PQclear(PQexec(s->conn, "SELECT pg_advisory_unlock(hashtextextended('wegwijzer-schema', 0))"));
    return e;
}

/* On a fresh connection: check the schema; statements are prepared anew. */
static enum ww_err setup(struct store_pg *s, char *err, size_t errsize)
{
    s->ready = false;
    s->listening = false;
    s->seq_known = false;
    memset(s->prepared, 0, sizeof s->prepared);
    enum ww_err e = migrate(s, err, errsize);
    if (e != WW_OK)
        return e;
    s->ready = true;
    return WW_OK;
}

/* Advance the non-blocking reconnect, waiting on its socket until
 * `deadline` (monotonic ns) at most. PGRES_POLLING_READING or _WRITING:
 * still under way. */
static PostgresPollingStatusType advance(struct store_pg *s, int64_t deadline)
{
    PostgresPollingStatusType st = PQresetPoll(s->conn);
    while (st == PGRES_POLLING_READING || st == PGRES_POLLING_WRITING) {
        int64_t left = deadline - mono_ns();
        if (left <= 0)
            break;
        struct pollfd p = {.fd = PQsocket(s->conn),
                           .events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT};
        int r = poll(&p, 1, (int)((left + NS_PER_MS - 1) / NS_PER_MS));
        if (r == 0)
            break;
        if (r < 0 && errno != EINTR)
            return PGRES_POLLING_FAILED;
        st = PQresetPoll(s->conn);
    }
    return st;
}

/* Make sure the handle has a working connection before a call. */
static enum ww_err ensure(struct store_pg *s)
{
    s->state[0] = '\0';
    if (s->ready) {
        /* Read whatever the server sent while we were idle: a shutdown
         * message or a closed socket marks the connection bad here, before
         * anything of this call is sent. */
        if (PQconsumeInput(s->conn) && PQstatus(s->conn) == CONNECTION_OK) {
            drain_notifies(s);
            return WW_OK;
        }
        lost(s);
    }
    int64_t t0 = mono_ns();
    if (t0 < s->next_try)
        return WW_ERR_UNAVAILABLE;
    if (!s->connecting) {
        s->connecting = PQresetStart(s->conn) == 1;
        s->connect_started = t0;
    }
    PostgresPollingStatusType st =
        s->connecting ? advance(s, t0 + s->patience) : PGRES_POLLING_FAILED;
    char err[512] = "";
    enum ww_err e = WW_ERR_UNAVAILABLE;
    if (st == PGRES_POLLING_OK) {
        s->connecting = false;
        e = setup(s, err, sizeof err);
    } else if (st == PGRES_POLLING_FAILED) {
        s->connecting = false;
        first_line(PQerrorMessage(s->conn), err, sizeof err);
    } else if (mono_ns() - s->connect_started > CONNECT_TIMEOUT_NS) {
        /* No answer at all (a cable, a machine gone): stop trying for a
         * while; the next attempt starts a fresh connect. */
        s->connecting = false;
        ww_strlcpy(err, "timeout expired", sizeof err);
    } else {
        s->next_try = mono_ns() + RETRY_NS;
        return WW_ERR_UNAVAILABLE;
    }
    if (e == WW_OK) {
        if (s->down)
            ww_info("store %s: connected again", s->shown);
        s->down = false;
        s->next_try = 0;
        return WW_OK;
    }
    /* A refusal costs nothing to try again; a timeout does. */
    bool slow = mono_ns() - s->connect_started > SLOW_CONNECT_NS;
    s->next_try = slow ? mono_ns() + RECONNECT_PAUSE_NS : 0;
    if (e != WW_ERR_UNAVAILABLE)
        ww_error("%s", err);
    else if (!s->down)
        ww_warn("store %s: server not reachable: %s", s->shown, err);
    s->down = true;
    return e;
}

static void pg_set_patience(struct ww_store *base, int ms)
{
    int64_t ns = (int64_t)ms * NS_PER_MS;
    cast(base)->patience = ns < CONNECT_TIMEOUT_NS ? ns : CONNECT_TIMEOUT_NS;
}

static void pg_close(struct ww_store *base)
{
    struct store_pg *s = cast(base);
    PQfinish(s->conn);
    free(s);
}

static struct ww_store *pg_open(const char *target, char *err, size_t errsize)
{
    struct store_pg *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->base.ops = &ww_store_pg_ops;
    s->patience = CONNECT_TIMEOUT_NS;
    ww_store_mask(target, s->shown, sizeof s->shown);

    char *perr = NULL;
    PQconninfoOption *opts = PQconninfoParse(target, &perr);
    if (!opts) {
        /* libpq quotes the token it could not read: a piece of the password
         * (a bad %-escape, a value with a space) must not be shown. */
        char line[256], masked[256];
        first_line(perr, line, sizeof line);
        ww_store_mask_error(line, masked, sizeof masked);
        ww_fmt(err, errsize, "store '%s': %s", s->shown, masked);
        PQfreemem(perr);
        free(s);
        return NULL;
    }
    PQconninfoFree(opts);

    /* Defaults first: the URI (dbname, expanded) overrides any of them. */
    const char *keys[10], *vals[10];
    int k = 0;
    if (!getenv("PGCONNECT_TIMEOUT")) {
        keys[k] = "connect_timeout";
        vals[k++] = "2";
    }
    keys[k] = "fallback_application_name";
    vals[k++] = "wegwijzer";
    /* A server that vanishes without closing the connection (a cable, a
     * crashed machine) is noticed within seconds instead of hours. */
    keys[k] = "keepalives_idle";
    vals[k++] = "5";
    keys[k] = "keepalives_interval";
    vals[k++] = "2";
    keys[k] = "keepalives_count";
    vals[k++] = "2";
    keys[k] = "tcp_user_timeout";
    vals[k++] = "9000";
    if (!getenv("PGOPTIONS")) {
        keys[k] = "options";
        vals[k++] = "-c lock_timeout=5s -c statement_timeout=15s -c client_min_messages=warning";
    }
    keys[k] = "dbname";
    vals[k++] = target;
    keys[k] = NULL;
    vals[k] = NULL;

    int64_t t0 = mono_ns();
    s->conn = PQconnectdbParams(keys, vals, 1);
    if (!s->conn)
        abort();
    PQsetNoticeProcessor(s->conn, notice, s);
    /* Unreachable (or starting, shutting down) is not fatal: the kiosk
     * keeps informing residents and the handle connects on a later call.
     * A server that is up and took part in authentication (a wrong or
     * missing password), or that accepts connections but refuses ours (no
     * such database), means a configuration error. The server may have finished
     * starting (or restarted) between our attempt and the ping: so try once
     * more before calling it a configuration error. */
    for (int attempt = 0; PQstatus(s->conn) != CONNECTION_OK; attempt++) {
        char line[256];
        first_line(PQerrorMessage(s->conn), line, sizeof line);
        bool refused = PQconnectionUsedPassword(s->conn) || PQconnectionNeedsPassword(s->conn);
        /* A timeout says enough; do not wait for a second one. (A slow
         * password check is no timeout.) */
        bool slow = !refused && mono_ns() - t0 > SLOW_CONNECT_NS;
        if (slow || PQpingParams(keys, vals, 1) != PQPING_OK) {
            ww_warn("store %s: server not reachable, will retry: %s", s->shown, line);
            s->down = true;
            if (slow)
                s->next_try = mono_ns() + RECONNECT_PAUSE_NS;
            return &s->base;
        }
        if (attempt > 0) {
            ww_fmt(err, errsize, "cannot open store %s: %s", s->shown, line);
            goto fail;
        }
        PQreset(s->conn);
    }
    enum ww_err e = setup(s, err, errsize);
    if (e == WW_ERR_UNAVAILABLE) {
        lost(s);
        return &s->base;
    }
    if (e != WW_OK)
        goto fail;
    return &s->base;
fail:
    pg_close(&s->base);
    return NULL;
}

/* ---- transactions ---- */

typedef enum ww_err (*txn_body)(struct store_pg *s, void *arg);

/* Run `body` in a transaction: commit on WW_OK, roll back otherwise. A
 * serialisation failure or deadlock (and, with `retry_unique`, a unique
 * violation from a racing writer) runs it again, a bounded number of times,
 * with a short growing pause. */
static enum ww_err txn(struct store_pg *s, txn_body body, void *arg, bool retry_unique)
{
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        if (attempt)
            pause_ns((int64_t)attempt * attempt * NS_PER_MS);
        enum ww_err e = ensure(s);
        if (e != WW_OK)
            return e;
        e = exec(s, S_BEGIN, NULL, 0);
        if (e == WW_OK)
            e = body(s, arg);
        if (e == WW_OK)
            e = exec(s, S_COMMIT, NULL, 0);
        if (e == WW_OK)
            return WW_OK;
        bool again =
            is_state(s, "40001") || is_state(s, "40P01") || (retry_unique && is_state(s, "23505"));
        if (PQstatus(s->conn) == CONNECTION_OK && PQtransactionStatus(s->conn) != PQTRANS_IDLE) {
            char keep[sizeof s->state];
            ww_strlcpy(keep, s->state, sizeof keep);
            exec(s, S_ROLLBACK, NULL, 0);
            ww_strlcpy(s->state, keep, sizeof s->state);
        }
        if (!again)
            return e;
        ww_debug("store %s: transaction conflict (%s), retrying", s->shown, s->state);
    }
    ww_warn("store %s: gave up after %d conflicting attempts", s->shown, MAX_ATTEMPTS);
    return WW_ERR_BUSY;
}

static enum ww_err lock(struct store_pg *s, const char *kind, const char *location, const char *day,
                        const char *what)
{
    return exec(s, S_LOCK, ARGS(kind, location, day, what));
}

/* ---- bookings ---- */

struct book_args {
    const struct ww_book_req *req;
    const struct ww_slot *cands;
    size_t n;
    struct ww_booking *out;
};

/* Lowest desk number not yet taken in `slot`, or 0 when full, from the
 * (start, desk) rows of the partner's day in `r`. */
static int free_desk(const PGresult *r, const struct ww_slot *slot)
{
    int used = 0, want = 1;
    for (int i = 0; i < PQntuples(r); i++) {
        if (num(r, i, 0) != slot->start)
            continue;
        used++;
        if (num(r, i, 1) == want)
            want++;
    }
    if (used >= slot->capacity || want > slot->capacity)
        return 0;
    return want;
}

static enum ww_err book_body(struct store_pg *s, void *arg)
{
    struct book_args *a = arg;
    const struct ww_book_req *req = a->req;
    struct numbuf day;
    dec(&day, req->day);
    char letter[2] = {req->letter, '\0'};
    bool has_request = req->request_id && *req->request_id;
    /* Bookings of one partner on one day queue here: reading the free desks
     * and inserting are then one step for everyone. Every statement after
     * the lock sees what the previous holder committed. */
    enum ww_err e = exec(s, S_LOCK_BOOKING, ARGS(req->location, day.s, req->partner, letter));
    if (e != WW_OK)
        return e;
    if (has_request) {
        PGresult *r = run(s, S_BY_REQUEST, ARGS(req->request_id), &e);
        if (!r)
            return e;
        bool found = PQntuples(r) > 0;
        if (found)
            row_booking(r, 0, a->out); /* a repeated tap: the booking it already made */
        PQclear(r);
        if (found)
            return WW_OK;
    }
    PGresult *r = run(s, S_DAY_DESKS, ARGS(req->location, req->partner, day.s), &e);
    if (!r)
        return e;
    const struct ww_slot *slot = NULL;
    int desk = 0;
    for (size_t i = 0; i < a->n && !desk; i++) {
        slot = &a->cands[i];
        desk = free_desk(r, slot);
    }
    PQclear(r);
    if (!desk)
        return WW_ERR_FULL;
    struct ww_booking b = {0};
    ww_strlcpy(b.location, req->location, sizeof b.location);
    ww_strlcpy(b.partner, req->partner, sizeof b.partner);
    ww_strlcpy(b.topic, req->topic ? req->topic : "", sizeof b.topic);
    b.day = req->day;
    b.start = slot->start;
    b.minutes = slot->minutes;
    b.desk = desk;
    ww_strlcpy(b.check, req->check, sizeof b.check);
    b.created = req->now;
    struct numbuf start, minutes, desk_s, created;
    r = run(s, S_INSERT_BOOKING,
            ARGS(b.location, b.partner, b.topic, day.s, dec(&start, b.start),
                 dec(&minutes, b.minutes), dec(&desk_s, b.desk), letter, b.check,
                 has_request ? req->request_id : NULL, dec(&created, b.created)),
            &e);
    if (!r) {
        if (e == WW_ERR_FULL && !is_state(s, "23505")) {
            ww_error("store %s: booking violates a constraint (%s)", s->shown, s->state);
            e = WW_ERR_IO;
        }
        return e; /* a unique violation is retried by txn() */
    }
    b.id = num(r, 0, 0);
    text(r, 0, 1, b.ticket, sizeof b.ticket);
    PQclear(r);
    *a->out = b;
    return WW_OK;
}

static enum ww_err pg_book(struct ww_store *base, const struct ww_book_req *req,
                           const struct ww_slot *cands, size_t n, struct ww_booking *out)
{
    struct store_pg *s = cast(base);
    struct book_args a = {req, cands, n, out};
    enum ww_err e = txn(s, book_body, &a, true);
    if (e == WW_ERR_BUSY && is_state(s, "23505"))
        ww_error("store %s: booking keeps violating a unique constraint", s->shown);
    return e;
}

static enum ww_err pg_bookings(struct ww_store *base, const char *location, ww_day day,
                               struct ww_booking **out, size_t *n)
{
    struct store_pg *s = cast(base);
    *out = NULL;
    *n = 0;
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf d;
    PGresult *r = run(s, S_BOOKINGS, ARGS(location, dec(&d, day)), &e);
    if (!r)
        return e;
    int rows = PQntuples(r);
    if (rows > 0) {
        *out = calloc((size_t)rows, sizeof **out);
        if (!*out)
            abort();
        for (int i = 0; i < rows; i++)
            row_booking(r, i, &(*out)[i]);
        *n = (size_t)rows;
    }
    PQclear(r);
    return WW_OK;
}

static enum ww_err find_one(struct store_pg *s, enum stmt which, const char *const *vals, int nv,
                            struct ww_booking *out)
{
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    PGresult *r = run(s, which, vals, nv, &e);
    if (!r)
        return e;
    e = PQntuples(r) > 0 ? WW_OK : WW_ERR_NOT_FOUND;
    if (e == WW_OK && out)
        row_booking(r, 0, out);
    PQclear(r);
    return e;
}

static enum ww_err pg_find_ticket(struct ww_store *base, const char *location, ww_day day,
                                  const char *ticket, struct ww_booking *out)
{
    struct numbuf d;
    return find_one(cast(base), S_FIND_TICKET, ARGS(location, dec(&d, day), ticket), out);
}

static enum ww_err pg_find_check(struct ww_store *base, const char *check, struct ww_booking *out)
{
    return find_one(cast(base), S_FIND_CHECK, ARGS(check), out);
}

static enum ww_err pg_set_printed(struct ww_store *base, int64_t id, bool printed)
{
    struct store_pg *s = cast(base);
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf i;
    long changed;
    e = exec_count(s, S_SET_PRINTED, ARGS(dec(&i, id), printed ? "t" : "f"), &changed);
    if (e == WW_OK && changed == 0)
        return WW_ERR_NOT_FOUND;
    return e;
}

static enum ww_err pg_remember(struct ww_store *base, int64_t id, const struct ww_ticket_memo *m)
{
    struct store_pg *s = cast(base);
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf i, d;
    long changed;
    e = exec_count(s, S_REMEMBER,
                   ARGS(dec(&i, id), m->lang, m->bring, m->bring_neutral ? "t" : "f", m->notices,
                        m->room, dec(&d, m->desks)),
                   &changed);
    if (e == WW_OK && changed == 0)
        return WW_ERR_NOT_FOUND;
    return e;
}

static enum ww_err pg_checkin(struct ww_store *base, int64_t id, int64_t now)
{
    struct store_pg *s = cast(base);
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf i, t;
    long changed;
    e = exec_count(s, S_CHECKIN, ARGS(dec(&i, id), dec(&t, now)), &changed);
    if (e == WW_OK && changed == 0)
        return WW_ERR_ALREADY;
    return e;
}

/* ---- overrides and audit ---- */

static enum ww_err audit_insert(struct store_pg *s, const struct ww_audit *a)
{
    struct numbuf when, day;
    return exec(
        s, S_AUDIT,
        ARGS(dec(&when, a->when), a->location, dec(&day, a->day), a->role, a->action, a->detail));
}

/* Bump the change counter and tell listeners, inside the caller's
 * transaction (the notification goes out at commit). */
static enum ww_err changed(struct store_pg *s)
{
    enum ww_err e;
    PGresult *r = run(s, S_BUMP_CHANGES, NULL, 0, &e);
    if (!r)
        return e;
    char value[24];
    text(r, 0, 0, value, sizeof value);
    PQclear(r);
    return exec(s, S_NOTIFY, ARGS(value));
}

struct override_args {
    const char *location;
    ww_day day;
    const struct ww_override *ov;
    const char *partner;
    const struct ww_audit *audit;
};

struct pin_args {
    const char *location;
    const struct ww_pin_state *old, *next;
    const struct ww_audit *audit;
};

static enum ww_err pin_put_body(struct store_pg *s, void *arg)
{
    const struct pin_args *a = arg;
    static const struct ww_pin_state none = {0};
    const struct ww_pin_state *o = a->old ? a->old : &none;
    struct numbuf ow, ol, oa, ou, nw, nl, na, nu;
    long changed = 0;
    enum ww_err e = exec_count(
        s, S_PIN_PUT,
        ARGS(a->location, dec(&ow, o->wrong), dec(&ol, o->locks), dec(&oa, o->locked_at),
             dec(&ou, o->locked_until), dec(&nw, a->next->wrong), dec(&nl, a->next->locks),
             dec(&na, a->next->locked_at), dec(&nu, a->next->locked_until), a->old ? "f" : "t"),
        &changed);
    if (e == WW_OK && changed == 0)
        e = WW_ERR_ALREADY;
    if (e == WW_OK && a->audit)
        e = audit_insert(s, a->audit);
    return e;
}

static enum ww_err pg_pin_put(struct ww_store *base, const char *location,
                              const struct ww_pin_state *old, const struct ww_pin_state *next,
                              const struct ww_audit *audit)
{
    struct pin_args a = {location, old, next, audit};
    return txn(cast(base), pin_put_body, &a, true);
}

static enum ww_err pg_pin_get(struct ww_store *base, const char *location, struct ww_pin_state *out)
{
    struct store_pg *s = cast(base);
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    PGresult *r = run(s, S_PIN_GET, ARGS(location), &e);
    if (!r)
        return e;
    if (PQntuples(r) > 0) {
        out->wrong = (int)num(r, 0, 0);
        out->locks = (int)num(r, 0, 1);
        out->locked_at = num(r, 0, 2);
        out->locked_until = num(r, 0, 3);
    }
    PQclear(r);
    return WW_OK;
}

static enum ww_err override_add_body(struct store_pg *s, void *arg)
{
    const struct override_args *a = arg;
    const struct ww_override *ov = a->ov;
    struct numbuf day, kind, t0, t1, desks;
    dec(&day, a->day);
    enum ww_err e = lock(s, "override", a->location, day.s, ov->partner);
    if (e == WW_OK)
        e = exec(s, S_OVERRIDE_INSERT,
                 ARGS(a->location, day.s, ov->partner, dec(&kind, ov->kind), dec(&t0, ov->time[0]),
                      dec(&t1, ov->time[1]), dec(&desks, ov->desks), ov->room));
    if (e == WW_OK)
        e = changed(s);
    if (e == WW_OK && a->audit)
        e = audit_insert(s, a->audit);
    return e;
}

static enum ww_err override_undo_body(struct store_pg *s, void *arg)
{
    const struct override_args *a = arg;
    struct numbuf day;
    dec(&day, a->day);
    /* Two staff members undoing at once remove two changes, not one twice. */
    enum ww_err e = lock(s, "override", a->location, day.s, a->partner);
    if (e != WW_OK)
        return e;
    PGresult *r = run(s, S_OVERRIDE_NEWEST, ARGS(a->location, day.s, a->partner), &e);
    if (!r)
        return e;
    char id[24];
    text(r, 0, 0, id, sizeof id);
    PQclear(r);
    if (!*id)
        return WW_ERR_ALREADY;
    e = exec(s, S_OVERRIDE_DELETE, ARGS(id));
    if (e == WW_OK)
        e = changed(s);
    if (e == WW_OK && a->audit)
        e = audit_insert(s, a->audit);
    return e;
}

static enum ww_err pg_override_add(struct ww_store *base, const char *location, ww_day day,
                                   const struct ww_override *ov, const struct ww_audit *audit)
{
    struct store_pg *s = cast(base);
    struct override_args a = {location, day, ov, ov->partner, audit};
    enum ww_err e = txn(s, override_add_body, &a, false);
    s->seq_known = false;
    return e;
}

static enum ww_err pg_override_undo(struct ww_store *base, const char *location, ww_day day,
                                    const char *partner, const struct ww_audit *audit)
{
    struct store_pg *s = cast(base);
    struct override_args a = {location, day, NULL, partner, audit};
    enum ww_err e = txn(s, override_undo_body, &a, false);
    s->seq_known = false;
    return e;
}

static enum ww_err pg_overrides(struct ww_store *base, const char *location, ww_day day,
                                struct ww_override **out, size_t *n)
{
    struct store_pg *s = cast(base);
    *out = NULL;
    *n = 0;
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf d;
    PGresult *r = run(s, S_OVERRIDES, ARGS(location, dec(&d, day)), &e);
    if (!r)
        return e;
    int rows = PQntuples(r);
    if (rows > 0) {
        *out = calloc((size_t)rows, sizeof **out);
        if (!*out)
            abort();
        for (int i = 0; i < rows; i++) {
            struct ww_override *o = &(*out)[i];
            o->id = num(r, i, 0);
            text(r, i, 1, o->partner, sizeof o->partner);
            o->kind =
                num(r, i, 2) == WW_OVERRIDE_PRESENT ? WW_OVERRIDE_PRESENT : WW_OVERRIDE_ABSENT;
            o->time[0] = (int)num(r, i, 3);
            o->time[1] = (int)num(r, i, 4);
            o->desks = (int)num(r, i, 5);
            text(r, i, 6, o->room, sizeof o->room);
        }
        *n = (size_t)rows;
    }
    PQclear(r);
    return WW_OK;
}

static enum ww_err pg_change_seq(struct ww_store *base, int64_t *seq)
{
    struct store_pg *s = cast(base);
    *seq = 0;
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    if (!s->listening) {
        e = exec(s, S_LISTEN, NULL, 0);
        if (e != WW_OK)
            return e;
        s->listening = true;
        s->seq_known = false;
    }
    int64_t now = mono_ns();
    if (s->seq_known && now - s->seq_at < SEQ_MAX_AGE_NS) {
        *seq = s->seq;
        return WW_OK;
    }
    PGresult *r = run(s, S_CHANGES, NULL, 0, &e);
    if (!r)
        return e;
    s->seq = PQntuples(r) ? num(r, 0, 0) : 0;
    PQclear(r);
    /* Notifications that came with this answer are older than it. */
    drain_notifies(s);
    s->seq_known = true;
    s->seq_at = now;
    *seq = s->seq;
    return WW_OK;
}

/* ---- anonymous signals ---- */

static enum ww_err pg_tally(struct ww_store *base, const struct ww_tally *t)
{
    struct store_pg *s = cast(base);
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf d;
    return exec(s, S_TALLY, ARGS(dec(&d, t->day), t->location, t->topic, t->outcome, t->partner));
}

static enum ww_err pg_tally_counts(struct ww_store *base, const char *location, ww_day from,
                                   ww_day to, struct ww_tally_count **out, size_t *n)
{
    struct store_pg *s = cast(base);
    *out = NULL;
    *n = 0;
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf f, t;
    PGresult *r =
        run(s, S_TALLY_COUNTS, ARGS(location ? location : "", dec(&f, from), dec(&t, to)), &e);
    if (!r)
        return e;
    int rows = PQntuples(r);
    if (rows > 0) {
        *out = calloc((size_t)rows, sizeof **out);
        if (!*out)
            abort();
        for (int i = 0; i < rows; i++) {
            struct ww_tally_count *c = &(*out)[i];
            text(r, i, 0, c->topic, sizeof c->topic);
            text(r, i, 1, c->outcome, sizeof c->outcome);
            c->total = (int)num(r, i, 2);
            c->booked = (int)num(r, i, 3);
        }
        *n = (size_t)rows;
    }
    PQclear(r);
    return WW_OK;
}

static enum ww_err pg_rating(struct ww_store *base, const struct ww_rating *rt)
{
    struct store_pg *s = cast(base);
    if (rt->score < 1 || rt->score > 5)
        return WW_ERR_INVALID;
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf d, sc;
    return exec(s, S_RATING, ARGS(dec(&d, rt->day), rt->location, dec(&sc, rt->score), rt->topics));
}

static enum ww_err pg_dropout(struct ww_store *base, ww_day day, const char *location,
                              const char *screen)
{
    struct store_pg *s = cast(base);
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf d;
    return exec(s, S_DROPOUT, ARGS(dec(&d, day), location, screen));
}

static enum ww_err pg_signal(struct ww_store *base, const struct ww_signal *sig)
{
    struct store_pg *s = cast(base);
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf d, nm, add;
    return exec(s, S_SIGNAL,
                ARGS(sig->kind, dec(&d, sig->day), sig->location, sig->k1, sig->k2,
                     dec(&nm, sig->num), dec(&add, sig->add > 0 ? sig->add : 1)));
}

static enum ww_err pg_report(struct ww_store *base, enum ww_report_q q,
                             const struct ww_report_range *rg, struct ww_report_row **out,
                             size_t *n)
{
    struct store_pg *s = cast(base);
    *out = NULL;
    *n = 0;
    if ((int)q < 0 || q >= WW_RQ_COUNT)
        return WW_ERR_INVALID;
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf f, t;
    PGresult *r =
        run(s, (enum stmt)(S_COUNT + (int)q),
            ARGS(rg->locations ? rg->locations : "", dec(&f, rg->from), dec(&t, rg->to)), &e);
    if (!r)
        return e;
    int rows = PQntuples(r);
    if (rows > 0) {
        *out = calloc((size_t)rows, sizeof **out);
        if (!*out)
            abort();
        for (int i = 0; i < rows; i++) {
            struct ww_report_row *row = &(*out)[i];
            text(r, i, 0, row->k1, sizeof row->k1);
            text(r, i, 1, row->k2, sizeof row->k2);
            row->a = (int)num(r, i, 2);
            row->b = (int)num(r, i, 3);
            for (int c = 0; c < 4; c++)
                row->v[c] = num(r, i, 4 + c);
        }
        *n = (size_t)rows;
    }
    PQclear(r);
    return WW_OK;
}

static enum ww_err pg_audit(struct ww_store *base, const struct ww_audit *a)
{
    struct store_pg *s = cast(base);
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    return audit_insert(s, a);
}

static enum ww_err pg_purge(struct ww_store *base, const char *location, ww_day before,
                            int *deleted)
{
    struct store_pg *s = cast(base);
    *deleted = 0;
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf d;
    long changed = 0;
    e = exec_count(s, S_PURGE, ARGS(location, dec(&d, before)), &changed);
    *deleted = (int)changed;
    return e;
}

static enum ww_err pg_audit_list(struct ww_store *base, const char *location, ww_day from,
                                 struct ww_audit **out, size_t *n)
{
    struct store_pg *s = cast(base);
    *out = NULL;
    *n = 0;
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf f;
    PGresult *r = run(s, S_AUDIT_LIST, ARGS(location ? location : "", dec(&f, from)), &e);
    if (!r)
        return e;
    int rows = PQntuples(r);
    if (rows > 0) {
        *out = calloc((size_t)rows, sizeof **out);
        if (!*out)
            abort();
        for (int i = 0; i < rows; i++) {
            struct ww_audit *a = &(*out)[i];
            a->when = num(r, i, 0);
            text(r, i, 1, a->location, sizeof a->location);
            a->day = (ww_day)num(r, i, 2);
            text(r, i, 3, a->role, sizeof a->role);
            text(r, i, 4, a->action, sizeof a->action);
            text(r, i, 5, a->detail, sizeof a->detail);
        }
        *n = (size_t)rows;
    }
    PQclear(r);
    return WW_OK;
}

static enum ww_err pg_heartbeat(struct ww_store *base, const struct ww_heartbeat *h)
{
    struct store_pg *s = cast(base);
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    struct numbuf t;
    return exec(s, S_HEARTBEAT,
                ARGS(h->kiosk, h->location, dec(&t, h->seen), h->printer, h->paper_low ? "t" : "f",
                     h->version, h->out_of_order));
}

static enum ww_err pg_heartbeats(struct ww_store *base, const char *location,
                                 struct ww_heartbeat **out, size_t *n)
{
    struct store_pg *s = cast(base);
    *out = NULL;
    *n = 0;
    enum ww_err e = ensure(s);
    if (e != WW_OK)
        return e;
    PGresult *r = run(s, S_HEARTBEATS, ARGS(location ? location : ""), &e);
    if (!r)
        return e;
    int rows = PQntuples(r);
    if (rows > 0) {
        *out = calloc((size_t)rows, sizeof **out);
        if (!*out)
            abort();
        for (int i = 0; i < rows; i++) {
            struct ww_heartbeat *h = &(*out)[i];
            text(r, i, 0, h->kiosk, sizeof h->kiosk);
            text(r, i, 1, h->location, sizeof h->location);
            h->seen = num(r, i, 2);
            text(r, i, 3, h->printer, sizeof h->printer);
            h->paper_low = PQgetvalue(r, i, 4)[0] == 't';
            text(r, i, 5, h->version, sizeof h->version);
            text(r, i, 6, h->out_of_order, sizeof h->out_of_order);
        }
        *n = (size_t)rows;
    }
    PQclear(r);
    return WW_OK;
}

const struct ww_store_ops ww_store_pg_ops = {
    .scheme = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .book = pg_book,
    .bookings = pg_bookings,
    .find_ticket = pg_find_ticket,
    .find_check = pg_find_check,
    .set_printed = pg_set_printed,
    .remember = pg_remember,
    .checkin = pg_checkin,
    .override_add = pg_override_add,
    .override_undo = pg_override_undo,
    .overrides = pg_overrides,
    .tally = pg_tally,
    .tally_counts = pg_tally_counts,
    .signal = pg_signal,
    .report = pg_report,
    .rating = pg_rating,
    .purge = pg_purge,
    .dropout = pg_dropout,
    .audit = pg_audit,
    .audit_list = pg_audit_list,
    .change_seq = pg_change_seq,
    .pin_get = pg_pin_get,
    .pin_put = pg_pin_put,
    .heartbeat = pg_heartbeat,
    .heartbeats = pg_heartbeats,
    .set_patience = pg_set_patience,
};
