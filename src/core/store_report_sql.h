/* The report's grouped sums, one SQL text for both engines. The includer
 * defines P1..P3 (its placeholders for the locations, the first and the last
 * day) and LOC_IN (whether `location` is in the comma-separated list P1, or
 * P1 is empty) before including this file. Weeks start on Monday: day 0,
 * 1970-01-01, was a Thursday. */
#ifndef WW_STORE_REPORT_SQL_H
#define WW_STORE_REPORT_SQL_H

#define RQ_WEEKDAY "((day + 3) % 7)"
#define RQ_WEEK    "(day - (day + 3) % 7)"
#define RQ_WHERE   " WHERE day BETWEEN " P2 " AND " P3 " AND " LOC_IN
#define RQ_SIG(k)  " FROM signal_counts" RQ_WHERE " AND kind = '" k "'"
#define RQ_SUM(k)  "SUM(CASE WHEN kind = '" k "' THEN count ELSE 0 END)"

static const char *const report_sql[WW_RQ_COUNT] = {
    [WW_RQ_VISITS_WEEK] = "SELECT '', '', " RQ_WEEK " AS w, 0, SUM(count), 0, 0, 0" RQ_SIG(
        "visit") " GROUP BY " RQ_WEEK " ORDER BY 3",
    [WW_RQ_HEAT] = "SELECT '', '', " RQ_WEEKDAY ", num, SUM(count), 0, 0, 0" RQ_SIG(
        "visit") " GROUP BY " RQ_WEEKDAY ", num ORDER BY 3, 4",
    [WW_RQ_MULTI] =
        "SELECT k1, '', 0, 0, SUM(count), 0, 0, 0" RQ_SIG("visit") " GROUP BY k1 ORDER BY k1",
    [WW_RQ_TOPICS_WEEK] = "SELECT topic, '', " RQ_WEEK ", 0, SUM(count), 0, 0, 0 FROM "
                          "tally_counts" RQ_WHERE " GROUP BY topic, " RQ_WEEK " ORDER BY 1, 3",
    [WW_RQ_OUTCOMES] = "SELECT outcome, partner, 0, 0, SUM(count), 0, 0, 0 FROM "
                       "tally_counts" RQ_WHERE " GROUP BY outcome, partner ORDER BY 5 DESC, 1, 2",
    [WW_RQ_LANG] =
        "SELECT k1, '', 0, 0, SUM(count), 0, 0, 0" RQ_SIG("lang") " GROUP BY k1 ORDER BY 5 DESC, 1",
    [WW_RQ_MISSED] = "SELECT k1, k2, " RQ_WEEKDAY ", 0, SUM(count), 0, 0, 0" RQ_SIG(
        "miss") " GROUP BY k1, k2, " RQ_WEEKDAY " ORDER BY 1, 2, 3",
    [WW_RQ_FUNNEL] = "SELECT k1, k2, 0, 0, " RQ_SUM("reach") ", 0, " RQ_SUM("dontknow") ", " RQ_SUM(
        "talk") " FROM signal_counts" RQ_WHERE
                " AND kind IN ('reach', 'dontknow', 'talk') GROUP BY k1, k2 ORDER BY 1, 5 "
                "DESC, 2",
    [WW_RQ_DROPOUTS] = "SELECT screen, '', 0, 0, SUM(count), 0, 0, 0 FROM dropouts" RQ_WHERE
                       " GROUP BY screen ORDER BY 1",
    [WW_RQ_RATE_PARTNER] = "SELECT k1, '', 0, 0, SUM(count), SUM(count * num), 0, 0" RQ_SIG(
        "rate") " GROUP BY k1 ORDER BY 1",
    [WW_RQ_RATE_LANG] = "SELECT k2, '', 0, 0, SUM(count), SUM(count * num), 0, 0" RQ_SIG(
        "rate") " GROUP BY k2 ORDER BY 1",
    [WW_RQ_RATE_TOPIC] = "SELECT topics, '', 0, 0, SUM(count), SUM(count * score), 0, 0 FROM "
                         "rating_counts" RQ_WHERE " GROUP BY topics ORDER BY 1",
    [WW_RQ_DEVICE] = "SELECT location, '', 0, 0, " RQ_SUM("noprint") ", " RQ_SUM(
        "printer") ", " RQ_SUM("down") ", " RQ_SUM("outage") " FROM signal_counts" RQ_WHERE
                                                             " AND kind IN ('noprint', 'printer', "
                                                             "'down', 'outage') GROUP BY location "
                                                             "ORDER BY 1",
};

#endif
