#include "health.h"

#include "str.h"

#include <string.h>

const char *ww_health_name(enum ww_health h)
{
    switch (h) {
    case WW_HEALTH_OK:
        return "OK";
    case WW_HEALTH_WARNING:
        return "WARNING";
    case WW_HEALTH_CRITICAL:
        return "CRITICAL";
    case WW_HEALTH_UNKNOWN:
        break;
    }
    return "UNKNOWN";
}

static void add_reason(char *why, size_t size, const char *text)
{
    size_t len = strlen(why);
    if (len > 0 && len + 2 < size) {
        why[len++] = ',';
        why[len++] = ' ';
        why[len] = '\0';
    }
    ww_strlcpy(why + len, text, size - len);
}

static void age_text(int64_t age, char *buf, size_t size)
{
    if (age < 120)
        ww_fmt(buf, size, "%lld s", (long long)(age < 0 ? 0 : age));
    else if (age < 2 * 3600)
        ww_fmt(buf, size, "%lld min", (long long)(age / 60));
    else if (age < 2 * 86400)
        ww_fmt(buf, size, "%lld h", (long long)(age / 3600));
    else
        ww_fmt(buf, size, "%lld days", (long long)(age / 86400));
}

enum ww_health ww_health_kiosk(const struct ww_heartbeat *h, int64_t now, int stale_s, char *why,
                               size_t size)
{
    enum ww_health st = WW_HEALTH_OK;
    why[0] = '\0';
    int64_t age = now - h->seen;
    if (age > stale_s) {
        char a[32], t[64];
        age_text(age, a, sizeof a);
        ww_fmt(t, sizeof t, "no heartbeat for %s", a);
        add_reason(why, size, t);
        st = WW_HEALTH_CRITICAL;
    }
    if (h->out_of_order[0]) {
        char t[200];
        ww_fmt(t, sizeof t, "out of order: %s", h->out_of_order);
        add_reason(why, size, t);
        st = WW_HEALTH_CRITICAL;
    }
    if (strcmp(h->printer, "fault") == 0 || strcmp(h->printer, "paper-out") == 0) {
        add_reason(why, size, strcmp(h->printer, "fault") == 0 ? "printer fault" : "out of paper");
        st = WW_HEALTH_CRITICAL;
    } else if (h->paper_low) {
        add_reason(why, size, "paper low");
        if (st == WW_HEALTH_OK)
            st = WW_HEALTH_WARNING;
    }
    return st;
}

enum ww_health ww_health_report(const struct ww_heartbeat *hb, size_t n, int64_t now, int stale_s,
                                const char *scope, FILE *out)
{
    if (n == 0) {
        fprintf(out, "UNKNOWN - no kiosk of %s has sent a heartbeat | kiosks=0;;;0\n", scope);
        return WW_HEALTH_UNKNOWN;
    }
    enum ww_health worst = WW_HEALTH_OK;
    size_t bad = 0, low = 0, stale = 0;
    int64_t oldest = 0;
    char first[256] = "";
    for (size_t i = 0; i < n; i++) {
        char why[256];
        enum ww_health st = ww_health_kiosk(&hb[i], now, stale_s, why, sizeof why);
        if (st > worst)
            worst = st;
        if (st != WW_HEALTH_OK) {
            bad++;
            if (!first[0])
                ww_fmt(first, sizeof first, "%s: %s", hb[i].kiosk, why);
        }
        low += hb[i].paper_low;
        int64_t age = now - hb[i].seen;
        stale += age > stale_s;
        if (age > oldest)
            oldest = age;
    }
    if (bad == 0)
        fprintf(out, "OK - %zu kiosk%s of %s healthy", n, n == 1 ? "" : "s", scope);
    else
        fprintf(out, "%s - %zu of %zu kiosks of %s need attention (%s%s)", ww_health_name(worst),
                bad, n, scope, first, bad > 1 ? ", ..." : "");
    fprintf(out,
            " | kiosks=%zu;;;0 unhealthy=%zu;;;0 stale=%zu;;;0 paper_low=%zu;;;0 "
            "oldest_heartbeat=%llds;;%d;0\n",
            n, bad, stale, low, (long long)oldest, stale_s);
    for (size_t i = 0; i < n; i++) {
        const struct ww_heartbeat *h = &hb[i];
        char why[256], a[32];
        enum ww_health st = ww_health_kiosk(h, now, stale_s, why, sizeof why);
        age_text(now - h->seen, a, sizeof a);
        fprintf(out, "%s %s (%s): last seen %s ago, printer %s, paper %s, version %s%s%s\n",
                ww_health_name(st), h->kiosk, h->location, a, h->printer,
                h->paper_low ? "low" : "ok", h->version[0] ? h->version : "?", why[0] ? ": " : "",
                why);
    }
    return worst;
}
