/* Kiosk health for monitoring: the heartbeats of the store judged against
 * the time, written the way Nagios/Icinga plugins write (the Monitoring
 * Plugins Development Guidelines): the first line starts with OK, WARNING,
 * CRITICAL or UNKNOWN, a short summary, then '|' and performance data
 * ('label'=value[unit];warn;crit;min;max); then one line per kiosk, each
 * starting with that kiosk's state word. The exit status of a plugin is
 * the state's number (0, 1, 2, 3).
 *
 * A kiosk is CRITICAL when its last heartbeat is older than the stale limit
 * (a kiosk writes one a minute: it is off, hung or cut off from the store),
 * when it is out of order, or when its printer has a fault or no paper; it is
 * WARNING when the paper roll is nearly used up; else OK. No kiosk at all is
 * UNKNOWN: nothing can be said.
 *
 * Pure: no I/O but the FILE given; the time is passed in. */
#ifndef WW_HEALTH_H
#define WW_HEALTH_H

#include "store.h"

#include <stdint.h>
#include <stdio.h>

enum ww_health {
    WW_HEALTH_OK = 0,
    WW_HEALTH_WARNING = 1,
    WW_HEALTH_CRITICAL = 2,
    WW_HEALTH_UNKNOWN = 3,
};

#define WW_HEALTH_STALE_S 180 /* three missed heartbeats */

/* "OK", "WARNING", "CRITICAL", "UNKNOWN". */
const char *ww_health_name(enum ww_health h);

/* One kiosk at `now` (unix seconds); `why` gets the reasons in words
 * ("no heartbeat for 5 min, printer fault"), "" when healthy. */
enum ww_health ww_health_kiosk(const struct ww_heartbeat *h, int64_t now, int stale_s, char *why,
                               size_t size);

/* The whole report for `n` heartbeats (of `scope`: a location id, or "all
 * locations"), written to `out`; returns the overall state (the worst). */
enum ww_health ww_health_report(const struct ww_heartbeat *hb, size_t n, int64_t now, int stale_s,
                                const char *scope, FILE *out);

#endif
