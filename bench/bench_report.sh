#!/bin/sh
# wegwijzer report over a year of 40 locations at 200 visits a day (2.9
# million visits; about 1.2 million counter rows, bench/gen_report_data.sh),
# on SQLite and on PostgreSQL (a throwaway server, tests/pg.sh): wall time
# and peak memory (/usr/bin/time -v) of one report of all 40 locations.
# The SQLite year is made once and kept in build/bench/. Prints
# "name<TAB>value<TAB>unit" lines for bench/run.sh.
set -eu
cd "$(dirname "$0")/.."
bin=${WW_BIN:-build/release/wegwijzer}
cache=build/bench/report
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
first=20454 # 2026-01-01
locs=""
ids=""
i=1
while [ $i -le 40 ]; do
    id=$(printf 'loc%02d' $i)
    locs="$locs $id"
    ids="$ids${ids:+,}$id"
    i=$((i + 1))
done

# A configuration with the 40 locations (copies of the sample one).
cp -r kiosk-config "$tmp/cfg"
for id in $locs; do
    sed "s/^name = .*/name = Locatie $id/; s/^store = .*/store = sqlite:report-year.db/" \
        kiosk-config/locations/weener-xl.ini >"$tmp/cfg/locations/$id.ini"
done
export WEGWIJZER_CONFIG="$tmp/cfg"

# measure PREFIX ARGS...: one report; wall seconds and peak RSS.
measure() {
    prefix=$1
    shift
    /usr/bin/time -v "$bin" report "$@" --from 2026-01-01 --to 2026-12-31 --location "$ids" \
        --out "$tmp/out-$prefix" >/dev/null 2>"$tmp/time-$prefix"
    awk -v p="$prefix" '
        /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = t[n] + 60 * t[n - 1] + (n > 2 ? 3600 * t[1] : 0) }
        /Maximum resident set size/ { kb = $NF }
        END { printf "%s_seconds\t%.2f\ts\n%s_peak_mb\t%.1f\tMB\n", p, s, p, kb / 1024 }' "$tmp/time-$prefix"
}

if [ -n "${WW_PG_URI:-}" ]; then
    # Inside tests/pg.sh: the same rows in the throwaway server.
    "$bin" report --store "$WW_PG_URI" --location loc01 --from 2026-01-01 --to 2026-01-01 \
        --out "$tmp/out" >/dev/null 2>&1 || true # makes the schema
    sh bench/gen_report_data.sh $first 365 1 $locs | "$WW_PG_CTL" psql -q -v ON_ERROR_STOP=1 >/dev/null
    "$WW_PG_CTL" psql -q -c "VACUUM ANALYZE" >/dev/null
    measure report_year_pg --store "$WW_PG_URI"
    exit 0
fi

gen="$cache/$(cksum bench/gen_report_data.sh src/core/store_sqlite.c | cksum | cut -d' ' -f1)"
if [ ! -s "$gen/report-year.db" ]; then
    rm -rf "$cache"
    mkdir -p "$gen"
    "$bin" report --state "$gen" --location loc01 --from 2026-01-01 --to 2026-01-01 \
        --out "$tmp/out" >/dev/null 2>&1 || true # makes the schema
    sh bench/gen_report_data.sh $first 365 1 $locs | sqlite3 "$gen/report-year.db"
fi
measure report_year_sqlite --state "$gen"

if "$bin" report --store postgresql://127.0.0.1:1/x --location loc01 --from 2026-01-01 \
    --to 2026-01-01 --out "$tmp/x" 2>&1 | grep -q "unknown kind"; then
    exit 0 # built without PostgreSQL
fi
WW_PG_DURABLE=1 tests/pg.sh sh "$0"
