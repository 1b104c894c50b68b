#include "clock.h"

#include "str.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int64_t system_now(void *ctx)
{
    (void)ctx;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec;
}

static int64_t fixed_now(void *ctx)
{
    return *(int64_t *)ctx;
}

struct ww_clock ww_clock_system(void)
{
    return (struct ww_clock){system_now, NULL};
}

struct ww_clock ww_clock_fixed(int64_t *t)
{
    return (struct ww_clock){fixed_now, t};
}

int64_t ww_clock_now(const struct ww_clock *c)
{
    if (!c || !c->now)
        return system_now(NULL);
    return c->now(c->ctx);
}

/* Civil date <-> day number, counting eras of 400 years (146097 days) from
 * 0000-03-01 so that the leap day falls at the end of each counted year. */
ww_day ww_day_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (m + 9) % 12;
    int doy = (153 * mp + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (ww_day)(era * 146097 + doe - 719468);
}

void ww_day_to_ymd(ww_day day, int *y, int *m, int *d)
{
    int32_t z = day + 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int ww_day_weekday(ww_day day)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int w = (int)((day + 3) % 7);
    return w < 0 ? w + 7 : w;
}

static int days_in_month(int y, int m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dim[m - 1];
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

bool ww_day_parse(const char *s, ww_day *out)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) || !digits(s + 5, 2) ||
        !digits(s + 8, 2))
        return false;
    int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return false;
    *out = ww_day_from_ymd(y, m, d);
    return true;
}

void ww_day_format(ww_day day, char buf[static 11])
{
    int y, m, d;
    ww_day_to_ymd(day, &y, &m, &d);
    if (y < 0 || y > 9999)
        y = 0;
    char *p = buf;
    *p++ = (char)('0' + y / 1000);
    *p++ = (char)('0' + y / 100 % 10);
    *p++ = (char)('0' + y / 10 % 10);
    *p++ = (char)('0' + y % 10);
    *p++ = '-';
    *p++ = (char)('0' + m / 10);
    *p++ = (char)('0' + m % 10);
    *p++ = '-';
    *p++ = (char)('0' + d / 10);
    *p++ = (char)('0' + d % 10);
    *p = '\0';
}

bool ww_minute_parse(const char *s, int *out)
{
    size_t n = strlen(s);
    size_t hlen = n == 5 ? 2 : n == 4 ? 1 : 0;
    if (!hlen || s[hlen] != ':' || !digits(s, hlen) || !digits(s + hlen + 1, 2))
        return false;
    int h = num(s, hlen), m = num(s + hlen + 1, 2);
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return false;
    *out = h * 60 + m;
    return true;
}

void ww_minute_format(int minute, char buf[static 6])
{
    if (minute < 0 || minute > 99 * 60)
        minute = 0;
    int h = minute / 60, m = minute % 60;
    buf[0] = (char)('0' + h / 10);
    buf[1] = (char)('0' + h % 10);
    buf[2] = ':';
    buf[3] = (char)('0' + m / 10);
    buf[4] = (char)('0' + m % 10);
    buf[5] = '\0';
}

/* Last Sunday of the month, as a day number. */
static ww_day last_sunday(int y, int m)
{
    ww_day last = ww_day_from_ymd(y, m, days_in_month(y, m));
    return last - (ww_day_weekday(last) + 1) % 7;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

int ww_amsterdam_offset(int64_t t)
{
    ww_day day = (ww_day)floor_div(t, 86400);
    int y, m, d;
    ww_day_to_ymd(day, &y, &m, &d);
    int64_t start = (int64_t)last_sunday(y, 3) * 86400 + 3600;
    int64_t end = (int64_t)last_sunday(y, 10) * 86400 + 3600;
    return (t >= start && t < end) ? 7200 : 3600;
}

void ww_local_from_utc(int64_t t, ww_day *day, int *minute)
{
    int64_t local = t + ww_amsterdam_offset(t);
    *day = (ww_day)floor_div(local, 86400);
    *minute = (int)((local - (int64_t)*day * 86400) / 60);
}

int64_t ww_utc_from_local(ww_day day, int minute)
{
    int64_t local = (int64_t)day * 86400 + (int64_t)minute * 60;
    /* Try summer time first so that the repeated autumn hour maps to its
     * first (summer-time) occurrence. */
    int64_t summer = local - 7200;
    if (ww_amsterdam_offset(summer) == 7200)
        return summer;
    return local - 3600;
}

void ww_clock_local(const struct ww_clock *c, ww_day *day, int *minute)
{
    ww_local_from_utc(ww_clock_now(c), day, minute);
}

bool ww_instant_parse(const char *s, int64_t *out)
{
    if (s[0] == '@') {
        long v;
        if (!ww_parse_int(s + 1, 0, 4102444800L, &v))
            return false;
        *out = v;
        return true;
    }
    char date[11];
    if (strlen(s) < 16 || (s[10] != 'T' && s[10] != ' '))
        return false;
    memcpy(date, s, 10);
    date[10] = '\0';
    ww_day day;
    int minute;
    if (!ww_day_parse(date, &day) || !ww_minute_parse(s + 11, &minute) || minute >= 24 * 60)
        return false;
    *out = ww_utc_from_local(day, minute);
    return true;
}

static const char *const wd_en[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const wd_en_long[] = {"monday", "tuesday",  "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};
static const char *const wd_nl[] = {"ma", "di", "wo", "do", "vr", "za", "zo"};
static const char *const wd_nl_long[] = {"maandag", "dinsdag",  "woensdag", "donderdag",
                                         "vrijdag", "zaterdag", "zondag"};

int ww_weekday_parse(const char *s)
{
    for (int i = 0; i < 7; i++)
        if (ww_streq_ci(s, wd_en[i]) || ww_streq_ci(s, wd_en_long[i]) || ww_streq_ci(s, wd_nl[i]) ||
            ww_streq_ci(s, wd_nl_long[i]))
            return i;
    return -1;
}

const char *ww_weekday_id(int wd)
{
    return (wd >= 0 && wd < 7) ? wd_en[wd] : "?";
}
