/* Time for Wegwijzer: an injected clock, civil dates as day numbers, and
 * Europe/Amsterdam local time.
 *
 * Every part of the program asks a struct ww_clock for "now", so tests and
 * scripted runs fix the moment (a virtual clock) and "today", "every other
 * week" and the daylight-saving weekends are reproducible. Local time follows
 * the EU rule that the Netherlands uses (summer time from 01:00 UTC on the
 * last Sunday of March to 01:00 UTC on the last Sunday of October, CET/CEST);
 * it is computed here rather than through the process-wide TZ so that no
 * global state is involved and no tzdata is needed. */
#ifndef WW_CLOCK_H
#define WW_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* A day number: days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t ww_day;

#define WW_DAY_NONE INT32_MIN

struct ww_clock {
    /* Returns seconds since the Unix epoch (UTC). NULL means the real clock. */
    int64_t (*now)(void *ctx);
    void *ctx;
};

/* The real clock. */
struct ww_clock ww_clock_system(void);
/* A virtual clock that reads *t (owned by the caller; change it to move time). */
struct ww_clock ww_clock_fixed(int64_t *t);
int64_t ww_clock_now(const struct ww_clock *c);

ww_day ww_day_from_ymd(int y, int m, int d);
void ww_day_to_ymd(ww_day day, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday. */
int ww_day_weekday(ww_day day);

/* "YYYY-MM-DD" <-> day. Parsing checks the calendar (no 2026-02-30). */
bool ww_day_parse(const char *s, ww_day *out);
/* Writes "YYYY-MM-DD" into buf (at least 11 bytes). */
void ww_day_format(ww_day day, char buf[static 11]);

/* "HH:MM" (00:00..24:00) <-> minutes since local midnight. */
bool ww_minute_parse(const char *s, int *out);
/* Writes "HH:MM" into buf (at least 6 bytes). */
void ww_minute_format(int minute, char buf[static 6]);

/* UTC offset of Europe/Amsterdam at instant t, in seconds (3600 or 7200). */
int ww_amsterdam_offset(int64_t t);
/* Instant -> local day and minute of the day. */
void ww_local_from_utc(int64_t t, ww_day *day, int *minute);
/* Local day and minute -> instant. A local time that does not exist (the
 * spring gap, 02:00-03:00) maps to the instant it would have had in winter
 * time; an ambiguous one (the autumn repeat) to its first occurrence. */
int64_t ww_utc_from_local(ww_day day, int minute);
/* Local "now". */
void ww_clock_local(const struct ww_clock *c, ww_day *day, int *minute);

/* Parse "YYYY-MM-DDTHH:MM" (local Amsterdam time) or "@SECONDS" into an instant. */
bool ww_instant_parse(const char *s, int64_t *out);

/* Weekday names: accepts Dutch ("ma", "maandag") and English ("mon",
 * "monday") in any case. Returns 0..6 or -1. */
int ww_weekday_parse(const char *s);
/* Short English id of a weekday ("mon"). */
const char *ww_weekday_id(int wd);

#endif
