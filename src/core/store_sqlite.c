/* SQLite backend of the store: one file in WAL mode, shared by the kiosk,
 * staff commands and any number of processes on one machine.
 *
 * Every write runs in BEGIN IMMEDIATE: the write lock is taken up front, so
 * two processes racing for the last place never both read "one free" and
 * then both insert (with a plain BEGIN most racing bookings fail as busy
 * upgrading their read lock). UNIQUE constraints on (slot, desk) and on the
 * ticket number are the second line of defence.
 *
 * A file that cannot be written (read-only file or folder, full disk) still
 * opens, for reading: the kiosk keeps showing partners and slots, every
 * write fails with one logged line that names the file and says what to do,
 * and the next write after the cause is gone opens it for writing again.
 *
 * A file deleted or replaced (renamed over) while open: SQLite would go on
 * writing to the old inode that no other process can see, so bookings would
 * vanish and `book` elsewhere would hand out the same ticket numbers again.
 * Every write first compares the path's device and inode with the file that
 * was opened (and a booking checks once more after its commit); on a
 * mismatch the handle refuses every write from then on, with one line that
 * says what happened, and the kiosk shows its "cannot save" state. A restart
 * opens whatever is at the path by then: a deliberate act of staff. */
#include "store.h"
#include "err.h"

#include "log.h"
#include "mem.h"
#include "str.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SCHEMA_VERSION 6

enum stmt {
    S_BEGIN,
    S_COMMIT,
    S_ROLLBACK,
    S_BY_REQUEST,
    S_SLOT_DESKS,
    S_NEXT_SEQ,
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
    S_CHANGES,
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
    S_PURGE_AUDIT,
    S_HEARTBEAT,
    S_HEARTBEATS,
    S_COUNT
};

#define BOOKING_COLS                                                                               \
    "id, location, partner, topic, day, start, minutes, desk, ticket, check_code, created, "       \
    "printed, checked_in, ticket_lang, ticket_bring, ticket_neutral, ticket_notices, "             \
    "ticket_room, ticket_desks"

static const char *const sql[S_COUNT] = {
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
    [S_BY_REQUEST] = "SELECT " BOOKING_COLS " FROM bookings WHERE request_id = ?1",
    [S_SLOT_DESKS] = "SELECT desk FROM bookings WHERE location = ?1 AND partner = ?2 AND day = ?3 "
                     "AND start = ?4 ORDER BY desk",
    [S_NEXT_SEQ] = "SELECT COALESCE(MAX(seq), 0) + 1 FROM bookings WHERE location = ?1 AND day = "
                   "?2 AND letter = ?3",
    [S_INSERT_BOOKING] =
        "INSERT INTO bookings (location, partner, topic, day, start, minutes, desk, letter, seq, "
        "ticket, check_code, request_id, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10, ?11, ?12, ?13)",
    [S_BOOKINGS] = "SELECT " BOOKING_COLS " FROM bookings WHERE location = ?1 AND day = ?2 ORDER "
                   "BY start, partner, desk",
    [S_FIND_TICKET] = "SELECT " BOOKING_COLS " FROM bookings WHERE location = ?1 AND day = ?2 AND "
                      "ticket = ?3",
    [S_FIND_CHECK] = "SELECT " BOOKING_COLS " FROM bookings WHERE check_code = ?1",
    [S_SET_PRINTED] = "UPDATE bookings SET printed = ?2 WHERE id = ?1",
    [S_REMEMBER] = "UPDATE bookings SET ticket_lang = ?2, ticket_bring = ?3, ticket_neutral = "
                   "?4, ticket_notices = ?5, ticket_room = ?6, ticket_desks = ?7 WHERE id = ?1",
    [S_CHECKIN] = "UPDATE bookings SET checked_in = ?2 WHERE id = ?1 AND checked_in = 0",
    [S_OVERRIDE_INSERT] = "INSERT INTO overrides (location, day, partner, kind, t0, t1, desks, "
                          "room) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [S_OVERRIDE_NEWEST] = "SELECT MAX(id) FROM overrides WHERE location = ?1 AND day = ?2 AND "
                          "partner = ?3",
    [S_OVERRIDE_DELETE] = "DELETE FROM overrides WHERE id = ?1",
    [S_OVERRIDES] = "SELECT id, partner, kind, t0, t1, desks, room FROM overrides o WHERE "
                    "location = ?1 AND day = ?2 AND id = (SELECT MAX(id) FROM overrides i WHERE "
                    "i.location = o.location AND i.day = o.day AND i.partner = o.partner) ORDER "
                    "BY id",
    [S_BUMP_CHANGES] = "UPDATE meta SET value = value + 1 WHERE key = 'changes'",
    [S_CHANGES] = "SELECT value FROM meta WHERE key = 'changes'",
    [S_TALLY] = "INSERT INTO tally_counts (day, location, topic, outcome, partner, count) VALUES "
                "(?1, ?2, ?3, ?4, ?5, 1) ON CONFLICT (day, location, topic, outcome, partner) DO "
                "UPDATE SET count = count + 1",
    [S_TALLY_COUNTS] = "SELECT topic, outcome, SUM(count), SUM(CASE WHEN partner <> '' THEN count "
                       "ELSE 0 END) FROM tally_counts WHERE (?1 = '' OR location = ?1) AND day "
                       "BETWEEN ?2 AND ?3 GROUP BY topic, outcome ORDER BY SUM(count) DESC, topic, "
                       "outcome",
    [S_RATING] = "INSERT INTO rating_counts (day, location, score, topics, count) VALUES (?1, ?2, "
                 "?3, ?4, 1) ON CONFLICT (day, location, score, topics) DO UPDATE SET count = "
                 "count + 1",
    [S_DROPOUT] = "INSERT INTO dropouts (day, location, screen, count) VALUES (?1, ?2, ?3, 1) ON "
                  "CONFLICT (day, location, screen) DO UPDATE SET count = count + 1",
    [S_SIGNAL] = "INSERT INTO signal_counts (kind, day, location, k1, k2, num, count) VALUES "
                 "(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (kind, day, location, k1, k2, num) DO "
                 "UPDATE SET count = count + excluded.count",
    [S_AUDIT] = "INSERT INTO audit (at, location, day, role, action, detail) VALUES (?1, ?2, ?3, "
                "?4, ?5, ?6)",
    [S_AUDIT_LIST] = "SELECT at, location, day, role, action, detail FROM audit WHERE (?1 = '' OR "
                     "location = ?1) AND day >= ?2 ORDER BY id",
    [S_PIN_GET] = "SELECT wrong, locks, locked_at, locked_until FROM pin_guard WHERE location = ?1",
    /* Compare and set: a kiosk's update lands only on the state it read. */
    [S_PIN_PUT] = "INSERT INTO pin_guard (location, wrong, locks, locked_at, locked_until) VALUES "
                  "(?1, ?6, ?7, ?8, ?9) ON CONFLICT (location) DO UPDATE SET wrong = ?6, locks = "
                  "?7, locked_at = ?8, locked_until = ?9 WHERE ?10 OR (pin_guard.wrong = ?2 AND "
                  "pin_guard.locks = ?3 AND pin_guard.locked_at = ?4 AND pin_guard.locked_until = "
                  "?5)",
    [S_PURGE] = "DELETE FROM bookings WHERE location = ?1 AND day < ?2",
    /* The audit lines about bookings (a check-in, a reprint: a ticket and a
     * time) go with them; staff changes stay. */
    [S_PURGE_AUDIT] = "DELETE FROM audit WHERE location = ?1 AND day < ?2 AND action IN "
                      "('checkin', 'reprint')",
    [S_HEARTBEAT] = "INSERT INTO heartbeats (kiosk, location, seen, printer, paper_low, version, "
                    "out_of_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (kiosk) DO "
                    "UPDATE SET location = excluded.location, seen = excluded.seen, printer = "
                    "excluded.printer, paper_low = excluded.paper_low, version = excluded.version, "
                    "out_of_order = excluded.out_of_order",
    [S_HEARTBEATS] = "SELECT kiosk, location, seen, printer, paper_low, version, out_of_order FROM "
                     "heartbeats WHERE ?1 = '' OR location = ?1 ORDER BY kiosk",
};

/* Migrations: index i brings the schema from version i to i + 1. */
static const char *const migrations[] = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
    "INSERT OR IGNORE INTO meta VALUES ('changes', 0);"
    "CREATE TABLE bookings ("
    " id INTEGER PRIMARY KEY,"
    " location TEXT NOT NULL, partner TEXT NOT NULL, topic TEXT NOT NULL DEFAULT '',"
    " day INTEGER NOT NULL, start INTEGER NOT NULL, minutes INTEGER NOT NULL,"
    " desk INTEGER NOT NULL CHECK (desk >= 1),"
    " letter TEXT NOT NULL, seq INTEGER NOT NULL, ticket TEXT NOT NULL,"
    " check_code TEXT NOT NULL UNIQUE, request_id TEXT UNIQUE,"
    " created INTEGER NOT NULL, printed INTEGER NOT NULL DEFAULT 0,"
    " checked_in INTEGER NOT NULL DEFAULT 0,"
    " UNIQUE (location, partner, day, start, desk),"
    " UNIQUE (location, day, ticket));"
    "CREATE INDEX bookings_day ON bookings (location, day);"
    "CREATE TABLE overrides ("
    " id INTEGER PRIMARY KEY, location TEXT NOT NULL, day INTEGER NOT NULL,"
    " partner TEXT NOT NULL, kind INTEGER NOT NULL, t0 INTEGER NOT NULL, t1 INTEGER NOT NULL,"
    " desks INTEGER NOT NULL, room TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX overrides_day ON overrides (location, day, partner);"
    "CREATE TABLE tallies (id INTEGER PRIMARY KEY, day INTEGER NOT NULL, location TEXT NOT NULL,"
    " topic TEXT NOT NULL, outcome TEXT NOT NULL, partner TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE ratings (id INTEGER PRIMARY KEY, day INTEGER NOT NULL, location TEXT NOT NULL,"
    " score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5), topics TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE dropouts (day INTEGER NOT NULL, location TEXT NOT NULL, screen TEXT NOT NULL,"
    " count INTEGER NOT NULL, PRIMARY KEY (day, location, screen));"
    "CREATE TABLE audit (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, location TEXT NOT NULL,"
    " day INTEGER NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL);",
    /* 2: the staff PIN lockout, shared by the kiosks of a location. */
    "CREATE TABLE pin_guard (location TEXT PRIMARY KEY, wrong INTEGER NOT NULL,"
    " locks INTEGER NOT NULL, locked_at INTEGER NOT NULL, locked_until INTEGER NOT NULL);",
    /* 3: tallies and ratings become counters per day (no row per visit, no
     * id or order that lines up with the bookings); what was counted so
     * far is kept as counts. */
    "CREATE TABLE tally_counts (day INTEGER NOT NULL, location TEXT NOT NULL,"
    " topic TEXT NOT NULL, outcome TEXT NOT NULL, partner TEXT NOT NULL DEFAULT '',"
    " count INTEGER NOT NULL, PRIMARY KEY (day, location, topic, outcome, partner))"
    " WITHOUT ROWID;"
    "INSERT INTO tally_counts SELECT day, location, topic, outcome, partner, COUNT(*)"
    " FROM tallies GROUP BY day, location, topic, outcome, partner;"
    "DROP TABLE tallies;"
    "CREATE TABLE rating_counts (day INTEGER NOT NULL, location TEXT NOT NULL,"
    " score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5), topics TEXT NOT NULL DEFAULT '',"
    " count INTEGER NOT NULL, PRIMARY KEY (day, location, score, topics)) WITHOUT ROWID;"
    "INSERT INTO rating_counts SELECT day, location, score, topics, COUNT(*)"
    " FROM ratings GROUP BY day, location, score, topics;"
    "DROP TABLE ratings;",
    /* 4: a booking keeps what its ticket said, so a reprint is the same
     * ticket (bookings made before keep '' and are laid out as before). */
    "ALTER TABLE bookings ADD COLUMN ticket_lang TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE bookings ADD COLUMN ticket_bring TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE bookings ADD COLUMN ticket_neutral INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE bookings ADD COLUMN ticket_notices TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE bookings ADD COLUMN ticket_room TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE bookings ADD COLUMN ticket_desks INTEGER NOT NULL DEFAULT 0;",
    /* 5: kiosk heartbeats for `wegwijzer status` (one row per kiosk). */
    "CREATE TABLE heartbeats (kiosk TEXT PRIMARY KEY, location TEXT NOT NULL,"
    " seen INTEGER NOT NULL, printer TEXT NOT NULL, paper_low INTEGER NOT NULL DEFAULT 0,"
    " version TEXT NOT NULL, out_of_order TEXT NOT NULL DEFAULT '');",
    /* 6: the report's other anonymous counters (see struct ww_signal), one
     * row per (kind, day, location, keys), kind first so that each of the
     * report's sums reads only its own rows. */
    "CREATE TABLE signal_counts (kind TEXT NOT NULL, day INTEGER NOT NULL,"
    " location TEXT NOT NULL, k1 TEXT NOT NULL DEFAULT '', k2 TEXT NOT NULL DEFAULT '',"
    " num INTEGER NOT NULL DEFAULT 0, count INTEGER NOT NULL,"
    " PRIMARY KEY (kind, day, location, k1, k2, num)) WITHOUT ROWID;",
};

#define P1     "?1"
#define P2     "?2"
#define P3     "?3"
#define LOC_IN "(?1 = '' OR instr(',' || ?1 || ',', ',' || location || ',') > 0)"
#include "store_report_sql.h"
#undef P1
#undef P2
#undef P3
#undef LOC_IN

struct store_sqlite {
    struct ww_store base;
    sqlite3 *db;
    sqlite3_stmt *st[S_COUNT];
    char path[512];
    /* Opened for reading only because the file could not be written (a
     * read-only file or folder, a full disk): the kiosk still shows what the
     * store holds, every write fails with `why`, and each write (each read
     * at most once a second) first tries to open it for writing again. */
    bool read_only;
    char why[160];
    int64_t retried_ms;
    /* The file that was opened, to see it deleted or replaced (see top). */
    bool have_ino;
    dev_t dev;
    ino_t ino;
    bool lost; /* deleted or replaced: every write is refused, see `why` */
};

static struct store_sqlite *cast(struct ww_store *s)
{
    return (struct store_sqlite *)s;
}

/* Why a file cannot be written, in words that say what to do; NULL when
 * the failure is something else. `rc` is SQLite's code, `sys` the errno
 * SQLite last saw. */
static const char *cannot_write(int rc, int sys)
{
    if ((rc & 0xff) == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
        return "its disk is full: free space on that disk, then try again";
    if ((rc & 0xff) == SQLITE_READONLY || sys == EROFS || sys == EACCES || sys == EPERM)
        return "it is read-only for this user: make the file (and its -wal and -shm files) and "
               "its folder writable, then try again";
    return NULL;
}

static enum ww_err map_rc(struct store_sqlite *s, int rc, const char *what)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return WW_OK;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        ww_warn("store %s: %s: busy", s->path, what);
        return WW_ERR_BUSY;
    case SQLITE_CONSTRAINT:
        return WW_ERR_FULL;
    default: {
        /* One line that names the file and says what to do. */
        const char *why = (s->read_only || s->lost) && s->why[0]
                              ? s->why
                              : cannot_write(rc, sqlite3_system_errno(s->db));
        if (why)
            ww_error("store %s cannot be written (%s): %s", s->path, what, why);
        else
            ww_error("store %s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
        return WW_ERR_IO;
    }
    }
}

static sqlite3_stmt *stmt(struct store_sqlite *s, enum stmt which)
{
    sqlite3_stmt *st = s->st[which];
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
}

/* Remember which file the path names now (after opening it). */
static void note_file(struct store_sqlite *s)
{
    struct stat st;
    s->have_ino = stat(s->path, &st) == 0;
    if (s->have_ino) {
        s->dev = st.st_dev;
        s->ino = st.st_ino;
    }
}

/* Is the path still the file we write to? WW_ERR_IO (logged once) when it
 * was deleted or replaced; every later write is refused without a word. */
static enum ww_err still_ours(struct store_sqlite *s)
{
    if (s->lost)
        return WW_ERR_IO;
    if (!s->have_ino)
        return WW_OK; /* ":memory:", or a file we could not stat when opened */
    struct stat st;
    const char *what = NULL;
    if (stat(s->path, &st) != 0)
        what = errno == ENOENT ? "was deleted" : "cannot be checked";
    else if (st.st_dev != s->dev || st.st_ino != s->ino)
        what = "was replaced by another file";
    if (!what)
        return WW_OK;
    s->lost = true;
    ww_fmt(s->why, sizeof s->why,
           "the file %s while in use: restart the kiosk (bookings made before may only be in "
           "the old file)",
           what);
    ww_error("store %s cannot be written: %s", s->path, s->why);
    return WW_ERR_IO;
}

/* Run a statement that returns no rows. */
static enum ww_err exec(struct store_sqlite *s, enum stmt which)
{
    int rc = sqlite3_step(s->st[which]);
    enum ww_err e = map_rc(s, rc, sql[which]);
    sqlite3_reset(s->st[which]);
    return e;
}

/* Every write transaction: the path is checked under the write lock. */
static enum ww_err begin(struct store_sqlite *s)
{
    enum ww_err e = still_ours(s);
    if (e != WW_OK)
        return e;
    e = exec(s, S_BEGIN);
    if (e == WW_OK && (e = still_ours(s)) != WW_OK)
        exec(s, S_ROLLBACK);
    return e;
}

static enum ww_err finish(struct store_sqlite *s, enum ww_err e)
{
    if (e == WW_OK) {
        e = exec(s, S_COMMIT);
        if (e == WW_OK)
            return WW_OK;
    }
    /* Roll back whatever was done: a booking is whole or absent. */
    if (!sqlite3_get_autocommit(s->db))
        exec(s, S_ROLLBACK);
    return e;
}

static void text(sqlite3_stmt *st, int col, char *dst, size_t size)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    ww_strlcpy(dst, t ? (const char *)t : "", size);
}

static void row_booking(sqlite3_stmt *st, struct ww_booking *b)
{
    memset(b, 0, sizeof *b);
    b->id = sqlite3_column_int64(st, 0);
    text(st, 1, b->location, sizeof b->location);
    text(st, 2, b->partner, sizeof b->partner);
    text(st, 3, b->topic, sizeof b->topic);
    b->day = sqlite3_column_int(st, 4);
    b->start = sqlite3_column_int(st, 5);
    b->minutes = sqlite3_column_int(st, 6);
    b->desk = sqlite3_column_int(st, 7);
    text(st, 8, b->ticket, sizeof b->ticket);
    text(st, 9, b->check, sizeof b->check);
    b->created = sqlite3_column_int64(st, 10);
    b->printed = sqlite3_column_int(st, 11) != 0;
    b->checked_in = sqlite3_column_int64(st, 12);
    text(st, 13, b->memo.lang, sizeof b->memo.lang);
    text(st, 14, b->memo.bring, sizeof b->memo.bring);
    b->memo.bring_neutral = sqlite3_column_int(st, 15) != 0;
    text(st, 16, b->memo.notices, sizeof b->memo.notices);
    text(st, 17, b->memo.room, sizeof b->memo.room);
    b->memo.desks = sqlite3_column_int(st, 18);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_STATIC);
}

/* ---- open / migrate ---- */

static bool migrate(struct store_sqlite *s, char *err, size_t errsize)
{
    sqlite3_stmt *st;
    int version = 0;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        goto fail;
    if (sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version > SCHEMA_VERSION) {
        ww_fmt(err, errsize, "store %s has schema version %d; this program knows up to %d", s->path,
               version, SCHEMA_VERSION);
        return false;
    }
    while (version < SCHEMA_VERSION) {
        char *msg = NULL;
        char bump[64];
        /* PRAGMA takes no parameters; the number is our own. */
        ww_fmt(bump, sizeof bump, "PRAGMA user_version = %d", version + 1); /* lint: allow */
        /* Each step is its own immediate transaction, so two processes
         * opening a new file at once migrate it exactly once. */
        if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
            goto fail_msg;
        int now = 0;
        if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                now = sqlite3_column_int(st, 0);
            sqlite3_finalize(st);
        }
        if (now == version) {
            if (sqlite3_exec(s->db, migrations[version], NULL, NULL, &msg) != SQLITE_OK ||
                sqlite3_exec(s->db, bump, NULL, NULL, &msg) != SQLITE_OK) {
                sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
                goto fail_msg;
            }
        }
        if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
            goto fail_msg;
        version = now == version ? version + 1 : now;
        continue;
    fail_msg:
        ww_fmt(err, errsize, "store %s: migration to version %d failed: %s", s->path, version + 1,
               msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return false;
    }
    return true;
fail:
    ww_fmt(err, errsize, "store %s: %s", s->path, sqlite3_errmsg(s->db));
    return false;
}

static void disconnect(struct store_sqlite *s)
{
    for (int i = 0; i < S_COUNT; i++) {
        sqlite3_finalize(s->st[i]);
        s->st[i] = NULL;
    }
    sqlite3_close(s->db);
    s->db = NULL;
}

static void sqlite_close(struct ww_store *base)
{
    struct store_sqlite *s = cast(base);
    disconnect(s);
    free(s);
}

/* "file:PATH?mode=ro&immutable=1" with PATH percent-encoded. Immutable: no
 * -wal or -shm file is needed, so a file in a read-only folder or on a
 * full disk still opens. */
static bool read_only_uri(const char *path, char *out, size_t size)
{
    static const char hex[] = "0123456789ABCDEF";
    static const char tail[] = "?mode=ro&immutable=1";
    size_t n = 0;
    if (size < 6)
        return false;
    memcpy(out, "file:", 5);
    n = 5;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9') || strchr("/-_.~", *p);
        if (n + 4 >= size)
            return false;
        if (plain) {
            out[n++] = (char)*p;
        } else {
            out[n++] = '%';
            out[n++] = hex[*p >> 4];
            out[n++] = hex[*p & 15];
        }
    }
    out[n] = '\0';
    return ww_strlcpy(out + n, tail, size - n);
}

/* Open s->path, set it up, check the schema and prepare every statement.
 * `ro`: the read-only fallback. On failure: false, one line in err, *why
 * says what to do when the file cannot be written, s->db is NULL. */

/* A store made by root (an administrator running `staff set-pin` or `book`
 * before the service ever ran) belongs to the folder's owner, the service
 * user, as the folder does: otherwise the kiosk finds it read-only. SQLite
 * gives its -wal and -shm files the database file's owner. */
static void give_to_folder_owner(int fd, const char *path)
{
    if (geteuid() != 0)
        return;
    char dir[WW_PATH_SIZE];
    const char *slash = strrchr(path, '/');
    if (!slash)
        ww_strlcpy(dir, ".", sizeof dir);
    else if (!ww_fmt(dir, sizeof dir, "%.*s", (int)(slash == path ? 1 : slash - path), path))
        return;
    struct stat st;
    if (stat(dir, &st) == 0 && (st.st_uid != 0 || st.st_gid != 0) &&
        fchown(fd, st.st_uid, st.st_gid) != 0)
        ww_warn("store %s: cannot give it to the folder's owner: %s", path, ww_errno_text(errno));
}

static bool connect(struct store_sqlite *s, bool ro, char *err, size_t errsize, const char **why)
{
    char uri[1200];
    const char *target = s->path;
    int flags = SQLITE_OPEN_NOMUTEX;
    *why = NULL;
    if (ro) {
        if (!read_only_uri(s->path, uri, sizeof uri)) {
            ww_fmt(err, errsize, "store path too long: %s", s->path);
            return false;
        }
        target = uri;
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    } else {
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }
    if (!ro && strcmp(s->path, ":memory:") != 0) {
        /* A new store is readable by its owner only, whatever the umask
         * (outside systemd too); SQLite gives its -wal and -shm files the
         * same mode. An existing file keeps its mode. */
        int fd = open(s->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            give_to_folder_owner(fd, s->path);
            close(fd);
        }
    }
    int rc = sqlite3_open_v2(target, &s->db, flags, NULL);
    if (rc != SQLITE_OK) {
        *why = cannot_write(rc, s->db ? sqlite3_system_errno(s->db) : 0);
        ww_fmt(err, errsize, "cannot open store %s: %s", s->path,
               s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 0);
    sqlite3_busy_timeout(s->db, 5000);
    char *msg = NULL;
    /* WAL lets readers (the kiosk showing free slots) run beside a writer;
     * synchronous=NORMAL is durable across process crashes in WAL mode, a
     * power cut may lose the last transactions but never corrupts. */
    const char *pragmas = ro ? "PRAGMA query_only = ON;"
                             : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                               "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;";
    /* Two kiosks starting on one new file (power back in the morning): the
     * switch to WAL needs the file to itself and SQLite does not wait for
     * it with the busy handler; try again for up to five seconds. */
    for (int tries = 0;; tries++) {
        rc = sqlite3_exec(s->db, pragmas, NULL, NULL, &msg);
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries >= 100)
            break;
        sqlite3_free(msg);
        msg = NULL;
        sqlite3_sleep(50);
    }
    if (rc != SQLITE_OK) {
        *why = cannot_write(rc, sqlite3_system_errno(s->db));
        ww_fmt(err, errsize, "store %s: %s", s->path, msg ? msg : "cannot set WAL mode");
        sqlite3_free(msg);
        goto fail;
    }
    if (!migrate(s, err, errsize)) {
        *why = cannot_write(sqlite3_errcode(s->db), sqlite3_system_errno(s->db));
        goto fail;
    }
    for (int i = 0; i < S_COUNT; i++) {
        if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) !=
            SQLITE_OK) {
            ww_fmt(err, errsize, "store %s: %s", s->path, sqlite3_errmsg(s->db));
            goto fail;
        }
    }
    note_file(s);
    return true;
fail:
    disconnect(s);
    return false;
}

static struct ww_store *sqlite_open(const char *target, char *err, size_t errsize)
{
    struct store_sqlite *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->base.ops = &ww_store_sqlite_ops;
    if (!ww_strlcpy(s->path, target, sizeof s->path)) {
        ww_fmt(err, errsize, "store path too long: %s", target);
        free(s);
        return NULL;
    }
    const char *why = NULL;
    /* A file this user may not write: straight to reading only. Opened
     * normally, SQLite would fall back to reading by itself, but would first
     * leave -wal and -shm files behind that stay read-only once the file is
     * made writable again. */
    if (access(s->path, F_OK) == 0 && access(s->path, W_OK) != 0)
        why = cannot_write(SQLITE_READONLY, errno);
    else if (connect(s, false, err, errsize, &why)) {
        /* SQLite opens a file it may not write for reading, silently. */
        if (sqlite3_db_readonly(s->db, "main") == 1) {
            s->read_only = true;
            ww_strlcpy(s->why, cannot_write(SQLITE_READONLY, 0), sizeof s->why);
            ww_debug("store %s opened for reading only: it cannot be written", s->path);
        }
        return &s->base;
    }
    if (!why)
        goto fail;
    /* The file is there but cannot be written: open it for reading, so the
     * kiosk keeps giving information and every booking fails cleanly. */
    char err2[256];
    const char *why2;
    if (access(s->path, R_OK) == 0 && connect(s, true, err2, sizeof err2, &why2)) {
        s->read_only = true;
        ww_strlcpy(s->why, why, sizeof s->why);
        ww_debug("store %s opened for reading only: it cannot be written", s->path);
        return &s->base;
    }
    ww_fmt(err, errsize, "store %s cannot be opened: %s", s->path, why);
fail:
    sqlite_close(&s->base);
    return NULL;
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Opened for reading only: try to open the file for writing again, so a
 * kiosk recovers by itself once the file is writable or the disk has room.
 * Before every write; before reads at most once a second. */
static void reconnect(struct store_sqlite *s, bool writing)
{
    if (!s->read_only || s->lost)
        return;
    int64_t now = mono_ms();
    if (!writing && now - s->retried_ms < 1000)
        return;
    s->retried_ms = now;
    if (access(s->path, W_OK) != 0)
        return;
    struct store_sqlite fresh = {.base = s->base};
    ww_strlcpy(fresh.path, s->path, sizeof fresh.path);
    char err[256];
    const char *why;
    if (!connect(&fresh, false, err, sizeof err, &why))
        return;
    if (sqlite3_db_readonly(fresh.db, "main") == 1) {
        disconnect(&fresh);
        return;
    }
    disconnect(s);
    s->db = fresh.db;
    memcpy(s->st, fresh.st, sizeof s->st);
    s->have_ino = fresh.have_ino;
    s->dev = fresh.dev;
    s->ino = fresh.ino;
    s->read_only = false;
    s->why[0] = '\0';
    ww_info("store %s can be written again", s->path);
}

/* ---- bookings ---- */

static enum ww_err find_one(struct store_sqlite *s, sqlite3_stmt *st, struct ww_booking *out)
{
    int rc = sqlite3_step(st);
    enum ww_err e = rc == SQLITE_ROW    ? WW_OK
                    : rc == SQLITE_DONE ? WW_ERR_NOT_FOUND
                                        : map_rc(s, rc, "find booking");
    if (e == WW_OK && out)
        row_booking(st, out);
    sqlite3_reset(st);
    return e;
}

/* Lowest desk number not yet taken in a slot, or 0 when full. */
static int free_desk(struct store_sqlite *s, const struct ww_book_req *req,
                     const struct ww_slot *slot, enum ww_err *e)
{
    sqlite3_stmt *st = stmt(s, S_SLOT_DESKS);
    bind_text(st, 1, req->location);
    bind_text(st, 2, req->partner);
    sqlite3_bind_int(st, 3, req->day);
    sqlite3_bind_int(st, 4, slot->start);
    int want = 1, rc, used = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int desk = sqlite3_column_int(st, 0);
        used++;
        if (desk == want)
            want++;
    }
    *e = map_rc(s, rc, "slot desks");
    sqlite3_reset(st);
    if (*e != WW_OK || used >= slot->capacity || want > slot->capacity)
        return 0;
    return want;
}

static enum ww_err sqlite_book(struct ww_store *base, const struct ww_book_req *req,
                               const struct ww_slot *cands, size_t n, struct ww_booking *out)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, true);
    enum ww_err e = begin(s);
    if (e != WW_OK)
        return e;
    if (req->request_id && *req->request_id) {
        sqlite3_stmt *st = stmt(s, S_BY_REQUEST);
        bind_text(st, 1, req->request_id);
        e = find_one(s, st, out);
        if (e == WW_OK)
            return finish(s, WW_OK); /* a repeated tap: the booking it already made */
        if (e != WW_ERR_NOT_FOUND)
            return finish(s, e);
    }
    e = WW_ERR_FULL;
    for (size_t i = 0; i < n; i++) {
        enum ww_err de;
        int desk = free_desk(s, req, &cands[i], &de);
        if (de != WW_OK) {
            e = de;
            break;
        }
        if (!desk)
            continue;
        sqlite3_stmt *st = stmt(s, S_NEXT_SEQ);
        char letter[2] = {req->letter, '\0'};
        bind_text(st, 1, req->location);
        sqlite3_bind_int(st, 2, req->day);
        bind_text(st, 3, letter);
        int rc = sqlite3_step(st);
        int seq = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
        e = map_rc(s, rc, "ticket number");
        sqlite3_reset(st);
        if (e != WW_OK)
            break;
        struct ww_booking b = {0};
        ww_strlcpy(b.location, req->location, sizeof b.location);
        ww_strlcpy(b.partner, req->partner, sizeof b.partner);
        ww_strlcpy(b.topic, req->topic ? req->topic : "", sizeof b.topic);
        b.day = req->day;
        b.start = cands[i].start;
        b.minutes = cands[i].minutes;
        b.desk = desk;
        ww_fmt(b.ticket, sizeof b.ticket, "%c-%03d", req->letter, seq % 1000);
        ww_strlcpy(b.check, req->check, sizeof b.check);
        b.created = req->now;
        st = stmt(s, S_INSERT_BOOKING);
        bind_text(st, 1, b.location);
        bind_text(st, 2, b.partner);
        bind_text(st, 3, b.topic);
        sqlite3_bind_int(st, 4, b.day);
        sqlite3_bind_int(st, 5, b.start);
        sqlite3_bind_int(st, 6, b.minutes);
        sqlite3_bind_int(st, 7, b.desk);
        bind_text(st, 8, letter);
        sqlite3_bind_int(st, 9, seq);
        bind_text(st, 10, b.ticket);
        bind_text(st, 11, b.check);
        if (req->request_id && *req->request_id)
            bind_text(st, 12, req->request_id);
        else
            sqlite3_bind_null(st, 12);
        sqlite3_bind_int64(st, 13, b.created);
        rc = sqlite3_step(st);
        if (rc != SQLITE_DONE) {
            e = map_rc(s, rc, "insert booking");
            if (e == WW_ERR_FULL) /* a constraint: treat as our bug, not "full" */
                ww_error("store %s: booking violates a constraint: %s", s->path,
                         sqlite3_errmsg(s->db));
            sqlite3_reset(st);
            e = e == WW_ERR_FULL ? WW_ERR_IO : e;
            break;
        }
        sqlite3_reset(st);
        b.id = sqlite3_last_insert_rowid(s->db);
        *out = b;
        e = WW_OK;
        break;
    }
    if (e == WW_ERR_FULL) {
        finish(s, WW_OK);
        return WW_ERR_FULL;
    }
    e = finish(s, e);
    /* Deleted or replaced between the check and the commit: the booking is
     * in a file nobody else reads, so no ticket may be printed for it. */
    if (e == WW_OK && still_ours(s) != WW_OK)
        return WW_ERR_IO;
    return e;
}

static enum ww_err sqlite_bookings(struct ww_store *base, const char *location, ww_day day,
                                   struct ww_booking **out, size_t *n)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, false);
    sqlite3_stmt *st = stmt(s, S_BOOKINGS);
    bind_text(st, 1, location);
    sqlite3_bind_int(st, 2, day);
    struct ww_booking *arr = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        arr = ww_grow(arr, &cap, count, sizeof *arr);
        row_booking(st, &arr[count++]);
    }
    enum ww_err e = map_rc(s, rc, "list bookings");
    sqlite3_reset(st);
    if (e != WW_OK) {
        free(arr);
        arr = NULL;
        count = 0;
    }
    *out = arr;
    *n = count;
    return e;
}

static enum ww_err sqlite_find_ticket(struct ww_store *base, const char *location, ww_day day,
                                      const char *ticket, struct ww_booking *out)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, false);
    sqlite3_stmt *st = stmt(s, S_FIND_TICKET);
    bind_text(st, 1, location);
    sqlite3_bind_int(st, 2, day);
    bind_text(st, 3, ticket);
    return find_one(s, st, out);
}

static enum ww_err sqlite_find_check(struct ww_store *base, const char *check,
                                     struct ww_booking *out)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, false);
    sqlite3_stmt *st = stmt(s, S_FIND_CHECK);
    bind_text(st, 1, check);
    return find_one(s, st, out);
}

static enum ww_err sqlite_set_printed(struct ww_store *base, int64_t id, bool printed)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, true);
    if (still_ours(s) != WW_OK)
        return WW_ERR_IO;
    sqlite3_stmt *st = stmt(s, S_SET_PRINTED);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, printed);
    enum ww_err e = exec(s, S_SET_PRINTED);
    if (e == WW_OK && sqlite3_changes(s->db) == 0)
        return WW_ERR_NOT_FOUND;
    return e;
}

static enum ww_err sqlite_remember(struct ww_store *base, int64_t id,
                                   const struct ww_ticket_memo *m)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, true);
    if (still_ours(s) != WW_OK)
        return WW_ERR_IO;
    sqlite3_stmt *st = stmt(s, S_REMEMBER);
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, m->lang);
    bind_text(st, 3, m->bring);
    sqlite3_bind_int(st, 4, m->bring_neutral);
    bind_text(st, 5, m->notices);
    bind_text(st, 6, m->room);
    sqlite3_bind_int(st, 7, m->desks);
    enum ww_err e = exec(s, S_REMEMBER);
    if (e == WW_OK && sqlite3_changes(s->db) == 0)
        return WW_ERR_NOT_FOUND;
    return e;
}

static enum ww_err sqlite_checkin(struct ww_store *base, int64_t id, int64_t now)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, true);
    if (still_ours(s) != WW_OK)
        return WW_ERR_IO;
    sqlite3_stmt *st = stmt(s, S_CHECKIN);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    enum ww_err e = exec(s, S_CHECKIN);
    if (e == WW_OK && sqlite3_changes(s->db) == 0)
        return WW_ERR_ALREADY;
    return e;
}

/* ---- overrides and audit ---- */

static enum ww_err audit_insert(struct store_sqlite *s, const struct ww_audit *a)
{
    sqlite3_stmt *st = stmt(s, S_AUDIT);
    sqlite3_bind_int64(st, 1, a->when);
    bind_text(st, 2, a->location);
    sqlite3_bind_int(st, 3, a->day);
    bind_text(st, 4, a->role);
    bind_text(st, 5, a->action);
    bind_text(st, 6, a->detail);
    return exec(s, S_AUDIT);
}

static enum ww_err sqlite_override_add(struct ww_store *base, const char *location, ww_day day,
                                       const struct ww_override *ov, const struct ww_audit *audit)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, true);
    enum ww_err e = begin(s);
    if (e != WW_OK)
        return e;
    sqlite3_stmt *st = stmt(s, S_OVERRIDE_INSERT);
    bind_text(st, 1, location);
    sqlite3_bind_int(st, 2, day);
    bind_text(st, 3, ov->partner);
    sqlite3_bind_int(st, 4, ov->kind);
    sqlite3_bind_int(st, 5, ov->time[0]);
    sqlite3_bind_int(st, 6, ov->time[1]);
    sqlite3_bind_int(st, 7, ov->desks);
    bind_text(st, 8, ov->room);
    e = exec(s, S_OVERRIDE_INSERT);
    if (e == WW_OK)
        e = exec(s, S_BUMP_CHANGES);
    if (e == WW_OK && audit)
        e = audit_insert(s, audit);
    return finish(s, e);
}

static enum ww_err sqlite_override_undo(struct ww_store *base, const char *location, ww_day day,
                                        const char *partner, const struct ww_audit *audit)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, true);
    enum ww_err e = begin(s);
    if (e != WW_OK)
        return e;
    sqlite3_stmt *st = stmt(s, S_OVERRIDE_NEWEST);
    bind_text(st, 1, location);
    sqlite3_bind_int(st, 2, day);
    bind_text(st, 3, partner);
    int rc = sqlite3_step(st);
    int64_t id = 0;
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        id = sqlite3_column_int64(st, 0);
    e = map_rc(s, rc, "newest override");
    sqlite3_reset(st);
    if (e == WW_OK && id == 0) {
        finish(s, WW_OK);
        return WW_ERR_ALREADY;
    }
    if (e == WW_OK) {
        st = stmt(s, S_OVERRIDE_DELETE);
        sqlite3_bind_int64(st, 1, id);
        e = exec(s, S_OVERRIDE_DELETE);
    }
    if (e == WW_OK)
        e = exec(s, S_BUMP_CHANGES);
    if (e == WW_OK && audit)
        e = audit_insert(s, audit);
    return finish(s, e);
}

static enum ww_err sqlite_overrides(struct ww_store *base, const char *location, ww_day day,
                                    struct ww_override **out, size_t *n)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, false);
    sqlite3_stmt *st = stmt(s, S_OVERRIDES);
    bind_text(st, 1, location);
    sqlite3_bind_int(st, 2, day);
    struct ww_override *arr = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        arr = ww_grow(arr, &cap, count, sizeof *arr);
        struct ww_override *o = &arr[count++];
        memset(o, 0, sizeof *o);
        o->id = sqlite3_column_int64(st, 0);
        text(st, 1, o->partner, sizeof o->partner);
        o->kind = sqlite3_column_int(st, 2) == WW_OVERRIDE_PRESENT ? WW_OVERRIDE_PRESENT
                                                                   : WW_OVERRIDE_ABSENT;
        o->time[0] = sqlite3_column_int(st, 3);
        o->time[1] = sqlite3_column_int(st, 4);
        o->desks = sqlite3_column_int(st, 5);
        text(st, 6, o->room, sizeof o->room);
    }
    enum ww_err e = map_rc(s, rc, "list overrides");
    sqlite3_reset(st);
    if (e != WW_OK) {
        free(arr);
        arr = NULL;
        count = 0;
    }
    *out = arr;
    *n = count;
    return e;
}

static enum ww_err sqlite_change_seq(struct ww_store *base, int64_t *seq)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, false);
    sqlite3_stmt *st = stmt(s, S_CHANGES);
    int rc = sqlite3_step(st);
    *seq = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    enum ww_err e = map_rc(s, rc, "change counter");
    sqlite3_reset(st);
    return e;
}

/* ---- anonymous signals ---- */

static enum ww_err sqlite_tally(struct ww_store *base, const struct ww_tally *t)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, true);
    if (still_ours(s) != WW_OK)
        return WW_ERR_IO;
    sqlite3_stmt *st = stmt(s, S_TALLY);
    sqlite3_bind_int(st, 1, t->day);
    bind_text(st, 2, t->location);
    bind_text(st, 3, t->topic);
    bind_text(st, 4, t->outcome);
    bind_text(st, 5, t->partner);
    return exec(s, S_TALLY);
}

static enum ww_err sqlite_tally_counts(struct ww_store *base, const char *location, ww_day from,
                                       ww_day to, struct ww_tally_count **out, size_t *n)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, false);
    sqlite3_stmt *st = stmt(s, S_TALLY_COUNTS);
    bind_text(st, 1, location);
    sqlite3_bind_int(st, 2, from);
    sqlite3_bind_int(st, 3, to);
    struct ww_tally_count *arr = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        arr = ww_grow(arr, &cap, count, sizeof *arr);
        struct ww_tally_count *c = &arr[count++];
        text(st, 0, c->topic, sizeof c->topic);
        text(st, 1, c->outcome, sizeof c->outcome);
        c->total = sqlite3_column_int(st, 2);
        c->booked = sqlite3_column_int(st, 3);
    }
    enum ww_err e = map_rc(s, rc, "tally counts");
    sqlite3_reset(st);
    *out = arr;
    *n = count;
    return e;
}

static enum ww_err sqlite_rating(struct ww_store *base, const struct ww_rating *r)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, true);
    if (r->score < 1 || r->score > 5)
        return WW_ERR_INVALID;
    if (still_ours(s) != WW_OK)
        return WW_ERR_IO;
    sqlite3_stmt *st = stmt(s, S_RATING);
    sqlite3_bind_int(st, 1, r->day);
    bind_text(st, 2, r->location);
    sqlite3_bind_int(st, 3, r->score);
    bind_text(st, 4, r->topics);
    return exec(s, S_RATING);
}

static enum ww_err sqlite_dropout(struct ww_store *base, ww_day day, const char *location,
                                  const char *screen)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, true);
    if (still_ours(s) != WW_OK)
        return WW_ERR_IO;
    sqlite3_stmt *st = stmt(s, S_DROPOUT);
    sqlite3_bind_int(st, 1, day);
    bind_text(st, 2, location);
    bind_text(st, 3, screen);
    return exec(s, S_DROPOUT);
}

static enum ww_err sqlite_signal(struct ww_store *base, const struct ww_signal *sig)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, true);
    if (still_ours(s) != WW_OK)
        return WW_ERR_IO;
    sqlite3_stmt *st = stmt(s, S_SIGNAL);
    bind_text(st, 1, sig->kind);
    sqlite3_bind_int(st, 2, sig->day);
    bind_text(st, 3, sig->location);
    bind_text(st, 4, sig->k1);
    bind_text(st, 5, sig->k2);
    sqlite3_bind_int(st, 6, sig->num);
    sqlite3_bind_int(st, 7, sig->add > 0 ? sig->add : 1);
    return exec(s, S_SIGNAL);
}

/* Rare and read-only: prepared per call rather than kept. */
static enum ww_err sqlite_report(struct ww_store *base, enum ww_report_q q,
                                 const struct ww_report_range *r, struct ww_report_row **out,
                                 size_t *n)
{
    struct store_sqlite *s = cast(base);
    *out = NULL;
    *n = 0;
    if ((int)q < 0 || q >= WW_RQ_COUNT)
        return WW_ERR_INVALID;
    reconnect(s, false);
    if (!s->db)
        return WW_ERR_UNAVAILABLE;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, report_sql[q], -1, &st, NULL) != SQLITE_OK) {
        ww_error("store %s: report query %d: %s", s->path, (int)q, sqlite3_errmsg(s->db));
        return WW_ERR_IO;
    }
    bind_text(st, 1, r->locations);
    sqlite3_bind_int(st, 2, r->from);
    sqlite3_bind_int(st, 3, r->to);
    struct ww_report_row *arr = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        arr = ww_grow(arr, &cap, count, sizeof *arr);
        struct ww_report_row *row = &arr[count++];
        memset(row, 0, sizeof *row);
        text(st, 0, row->k1, sizeof row->k1);
        text(st, 1, row->k2, sizeof row->k2);
        row->a = sqlite3_column_int(st, 2);
        row->b = sqlite3_column_int(st, 3);
        for (int i = 0; i < 4; i++)
            row->v[i] = sqlite3_column_int64(st, 4 + i);
    }
    enum ww_err e = map_rc(s, rc, "report");
    sqlite3_finalize(st);
    *out = arr;
    *n = count;
    return e;
}

static enum ww_err sqlite_audit(struct ww_store *base, const struct ww_audit *a)
{
    reconnect(cast(base), true);
    if (still_ours(cast(base)) != WW_OK)
        return WW_ERR_IO;
    return audit_insert(cast(base), a);
}

static enum ww_err sqlite_purge(struct ww_store *base, const char *location, ww_day before,
                                int *deleted)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, true);
    *deleted = 0;
    enum ww_err e = begin(s);
    if (e != WW_OK)
        return e;
    sqlite3_stmt *st = stmt(s, S_PURGE);
    bind_text(st, 1, location);
    sqlite3_bind_int(st, 2, before);
    e = exec(s, S_PURGE);
    int n = sqlite3_changes(s->db);
    if (e == WW_OK) {
        st = stmt(s, S_PURGE_AUDIT);
        bind_text(st, 1, location);
        sqlite3_bind_int(st, 2, before);
        e = exec(s, S_PURGE_AUDIT);
    }
    e = finish(s, e);
    if (e == WW_OK)
        *deleted = n;
    return e;
}

static enum ww_err sqlite_audit_list(struct ww_store *base, const char *location, ww_day from,
                                     struct ww_audit **out, size_t *n)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, false);
    sqlite3_stmt *st = stmt(s, S_AUDIT_LIST);
    bind_text(st, 1, location);
    sqlite3_bind_int(st, 2, from);
    struct ww_audit *arr = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        arr = ww_grow(arr, &cap, count, sizeof *arr);
        struct ww_audit *a = &arr[count++];
        a->when = sqlite3_column_int64(st, 0);
        text(st, 1, a->location, sizeof a->location);
        a->day = sqlite3_column_int(st, 2);
        text(st, 3, a->role, sizeof a->role);
        text(st, 4, a->action, sizeof a->action);
        text(st, 5, a->detail, sizeof a->detail);
    }
    enum ww_err e = map_rc(s, rc, "audit list");
    sqlite3_reset(st);
    *out = arr;
    *n = count;
    return e;
}

static enum ww_err sqlite_pin_get(struct ww_store *base, const char *location,
                                  struct ww_pin_state *out)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, false);
    sqlite3_stmt *st = stmt(s, S_PIN_GET);
    bind_text(st, 1, location);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->wrong = sqlite3_column_int(st, 0);
        out->locks = sqlite3_column_int(st, 1);
        out->locked_at = sqlite3_column_int64(st, 2);
        out->locked_until = sqlite3_column_int64(st, 3);
    }
    enum ww_err e = map_rc(s, rc, "pin state");
    sqlite3_reset(st);
    return e;
}

static enum ww_err sqlite_pin_put(struct ww_store *base, const char *location,
                                  const struct ww_pin_state *old, const struct ww_pin_state *next,
                                  const struct ww_audit *audit)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, true);
    enum ww_err e = begin(s);
    if (e != WW_OK)
        return e;
    static const struct ww_pin_state none = {0};
    const struct ww_pin_state *o = old ? old : &none;
    sqlite3_stmt *st = stmt(s, S_PIN_PUT);
    bind_text(st, 1, location);
    sqlite3_bind_int(st, 2, o->wrong);
    sqlite3_bind_int(st, 3, o->locks);
    sqlite3_bind_int64(st, 4, o->locked_at);
    sqlite3_bind_int64(st, 5, o->locked_until);
    sqlite3_bind_int(st, 6, next->wrong);
    sqlite3_bind_int(st, 7, next->locks);
    sqlite3_bind_int64(st, 8, next->locked_at);
    sqlite3_bind_int64(st, 9, next->locked_until);
    sqlite3_bind_int(st, 10, old == NULL);
    e = exec(s, S_PIN_PUT);
    if (e == WW_OK && sqlite3_changes(s->db) == 0)
        e = WW_ERR_ALREADY;
    if (e == WW_OK && audit)
        e = audit_insert(s, audit);
    return finish(s, e);
}

static enum ww_err sqlite_heartbeat(struct ww_store *base, const struct ww_heartbeat *h)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, true);
    sqlite3_stmt *st = stmt(s, S_HEARTBEAT);
    bind_text(st, 1, h->kiosk);
    bind_text(st, 2, h->location);
    sqlite3_bind_int64(st, 3, h->seen);
    bind_text(st, 4, h->printer);
    sqlite3_bind_int(st, 5, h->paper_low ? 1 : 0);
    bind_text(st, 6, h->version);
    bind_text(st, 7, h->out_of_order);
    return exec(s, S_HEARTBEAT);
}

static enum ww_err sqlite_heartbeats(struct ww_store *base, const char *location,
                                     struct ww_heartbeat **out, size_t *n)
{
    struct store_sqlite *s = cast(base);
    reconnect(s, false);
    sqlite3_stmt *st = stmt(s, S_HEARTBEATS);
    bind_text(st, 1, location);
    struct ww_heartbeat *arr = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        arr = ww_grow(arr, &cap, count, sizeof *arr);
        struct ww_heartbeat *h = &arr[count++];
        memset(h, 0, sizeof *h);
        text(st, 0, h->kiosk, sizeof h->kiosk);
        text(st, 1, h->location, sizeof h->location);
        h->seen = sqlite3_column_int64(st, 2);
        text(st, 3, h->printer, sizeof h->printer);
        h->paper_low = sqlite3_column_int(st, 4) != 0;
        text(st, 5, h->version, sizeof h->version);
        text(st, 6, h->out_of_order, sizeof h->out_of_order);
    }
    enum ww_err e = map_rc(s, rc, "heartbeats");
    sqlite3_reset(st);
    *out = arr;
    *n = count;
    return e;
}

const struct ww_store_ops ww_store_sqlite_ops = {
    .scheme = "sqlite",
    .open = sqlite_open,
    .close = sqlite_close,
    .book = sqlite_book,
    .bookings = sqlite_bookings,
    .find_ticket = sqlite_find_ticket,
    .find_check = sqlite_find_check,
    .set_printed = sqlite_set_printed,
    .remember = sqlite_remember,
    .checkin = sqlite_checkin,
    .override_add = sqlite_override_add,
    .override_undo = sqlite_override_undo,
    .overrides = sqlite_overrides,
    .tally = sqlite_tally,
    .tally_counts = sqlite_tally_counts,
    .signal = sqlite_signal,
    .report = sqlite_report,
    .rating = sqlite_rating,
    .dropout = sqlite_dropout,
    .audit = sqlite_audit,
    .audit_list = sqlite_audit_list,
    .change_seq = sqlite_change_seq,
    .pin_get = sqlite_pin_get,
    .pin_put = sqlite_pin_put,
    .purge = sqlite_purge,
    .heartbeat = sqlite_heartbeat,
    .heartbeats = sqlite_heartbeats,
};
