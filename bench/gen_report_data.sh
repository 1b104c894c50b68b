#!/bin/sh
# Print SQL that fills a store with the report's anonymous counters: every
# day from FIRST for DAYS days, for each location id given, 200 visits a
# day (times MULT) in a fixed shape, so that every figure of the report is
# known in advance (tests/e2e/test_report.sh checks them). The same SQL runs
# in sqlite3 and psql, on a store whose schema the program made.
#
#   bench/gen_report_data.sh FIRST_DAY_NUMBER DAYS MULT LOCATION...
#
# Per location and day (MULT = 1):
#   visits    hours 9..16, each 3 without an outcome, 11 with one topic, 8
#             with two, 3 with three or more: 200; languages nl 150, tr 20, ar 15, pl 10, uk 3, en 2
#   outcomes  schulden/schuldhulp booked with schuldhulp 60, toeslagen/
#             toeslagen 40 not booked, wonen/huur 30 booked with
#             huurcommissie, werk/werk 3 not booked
#   missed    Mondays: juridisch-loket absent 14; Wednesdays: schuldhulp full 3
#   questions schulden: rekeningen reached 100, left 10, "Ik weet het niet"
#             20, talk 6; inkomen reached 80, left 4, dontknow 2, talk 0; left on
#             the outcome screen 7, on the confirm screen 2
#   ratings   schuldhulp nl score 4 x 10, score 5 x 5; no partner tr score 2
#             x 4; per topic: schulden 4 x 10, 5 x 5; toeslagen 2 x 4
#   devices   Fridays: 1 ticket not printed, 1 printer fault; the first day:
#             45 minutes and 1 outage of the store
set -eu
first=$1
days=$2
mult=$3
shift 3
locs=""
for l in "$@"; do
    locs="$locs${locs:+ UNION ALL }SELECT '$l' AS loc"
done
cat <<SQL
BEGIN;
CREATE TEMPORARY TABLE gen_days AS
  WITH RECURSIVE d(day) AS (SELECT $first UNION ALL SELECT day + 1 FROM d WHERE day < $first + $days - 1)
  SELECT day, ((day + 3) % 7) AS wd FROM d;
CREATE TEMPORARY TABLE gen_locs AS $locs;
CREATE TEMPORARY TABLE gen_hours AS
  WITH RECURSIVE h(hour) AS (SELECT 9 UNION ALL SELECT hour + 1 FROM h WHERE hour < 16) SELECT hour FROM h;
INSERT INTO signal_counts (kind, day, location, k1, k2, num, count)
  SELECT 'visit', day, loc, k, '', hour, n * $mult FROM gen_days, gen_locs, gen_hours,
    (SELECT '0' AS k, 3 AS n UNION ALL SELECT '1', 11 UNION ALL SELECT '2', 8
     UNION ALL SELECT '3+', 3) v;
INSERT INTO signal_counts (kind, day, location, k1, k2, num, count)
  SELECT 'lang', day, loc, k, '', 0, n * $mult FROM gen_days, gen_locs,
    (SELECT 'nl' AS k, 150 AS n UNION ALL SELECT 'tr', 20 UNION ALL SELECT 'ar', 15
     UNION ALL SELECT 'pl', 10 UNION ALL SELECT 'uk', 3 UNION ALL SELECT 'en', 2) v;
INSERT INTO tally_counts (day, location, topic, outcome, partner, count)
  SELECT day, loc, t, o, p, n * $mult FROM gen_days, gen_locs,
    (SELECT 'schulden' AS t, 'schuldhulp' AS o, 'schuldhulp' AS p, 60 AS n
     UNION ALL SELECT 'toeslagen', 'toeslagen', '', 40
     UNION ALL SELECT 'wonen', 'huur', 'huurcommissie', 30
     UNION ALL SELECT 'werk', 'werk', '', 3) v;
INSERT INTO signal_counts (kind, day, location, k1, k2, num, count)
  SELECT 'miss', day, loc, 'juridisch-loket', 'absent', 0, 14 * $mult FROM gen_days, gen_locs WHERE wd = 0;
INSERT INTO signal_counts (kind, day, location, k1, k2, num, count)
  SELECT 'miss', day, loc, 'schuldhulp', 'full', 0, 3 * $mult FROM gen_days, gen_locs WHERE wd = 2;
INSERT INTO signal_counts (kind, day, location, k1, k2, num, count)
  SELECT k, day, loc, 'schulden', q, 0, n * $mult FROM gen_days, gen_locs,
    (SELECT 'reach' AS k, 'rekeningen' AS q, 100 AS n
     UNION ALL SELECT 'dontknow', 'rekeningen', 20 UNION ALL SELECT 'talk', 'rekeningen', 6
     UNION ALL SELECT 'reach', 'inkomen', 80 UNION ALL SELECT 'dontknow', 'inkomen', 2) v;
INSERT INTO dropouts (day, location, screen, count)
  SELECT day, loc, s, n * $mult FROM gen_days, gen_locs,
    (SELECT 'question:schulden:rekeningen' AS s, 10 AS n
     UNION ALL SELECT 'question:schulden:inkomen', 4 UNION ALL SELECT 'outcome', 7
     UNION ALL SELECT 'confirm', 2) v;
INSERT INTO signal_counts (kind, day, location, k1, k2, num, count)
  SELECT 'rate', day, loc, p, lang, score, n * $mult FROM gen_days, gen_locs,
    (SELECT 'schuldhulp' AS p, 'nl' AS lang, 4 AS score, 10 AS n
     UNION ALL SELECT 'schuldhulp', 'nl', 5, 5 UNION ALL SELECT '', 'tr', 2, 4) v;
INSERT INTO rating_counts (day, location, score, topics, count)
  SELECT day, loc, score, t, n * $mult FROM gen_days, gen_locs,
    (SELECT 'schulden' AS t, 4 AS score, 10 AS n UNION ALL SELECT 'schulden', 5, 5
     UNION ALL SELECT 'toeslagen', 2, 4) v;
INSERT INTO signal_counts (kind, day, location, k1, k2, num, count)
  SELECT k, day, loc, '', '', 0, 1 FROM gen_days, gen_locs,
    (SELECT 'noprint' AS k UNION ALL SELECT 'printer') v WHERE wd = 4;
INSERT INTO signal_counts (kind, day, location, k1, k2, num, count)
  SELECT k, day, loc, '', '', 0, n FROM gen_days, gen_locs,
    (SELECT 'down' AS k, 45 AS n UNION ALL SELECT 'outage', 1) v WHERE day = $first;
COMMIT;
SQL
