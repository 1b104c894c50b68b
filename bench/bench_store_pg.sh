#!/bin/sh
# Booking latency and throughput on PostgreSQL: the same program and load as
# the SQLite figures (bench_store: 8 processes racing for the same slots of
# one partner), against a throwaway server with the durability settings of a
# real one (fsync and synchronous commit on). Then 8 processes at two
# locations (two bench_store runs of 4 at once), on PostgreSQL and, for
# comparison, on one SQLite file. Prints "name<TAB>value<TAB>unit" lines;
# bench/run.sh puts them beside the SQLite ones.
set -eu
cd "$(dirname "$0")/.."
bench=${BENCH_STORE:-build/release/bench_store}
per=${BOOKINGS:-500}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# two_locations PREFIX URI: two runs of 4 processes at once, one location
# each; throughput summed, the mean p50 and the larger p99.
two_locations() {
    "$bench" --procs 4 --bookings "$per" --store "$2" >"$tmp/a" 2>/dev/null &
    "$bench" --procs 4 --bookings "$per" --store "$2" >"$tmp/b" 2>/dev/null &
    wait
    awk -F'\t' -v p="$1" '
        $1 == "booking_p50_ms" { p50 += $2 / 2 }
        $1 == "booking_p99_ms" { if ($2 > p99) p99 = $2 }
        $1 == "booking_throughput" { tp += $2 }
        $1 == "booking_overbooked" { over += $2 }
        END {
            printf "%s_p50_ms\t%.3f\tms\n%s_p99_ms\t%.3f\tms\n", p, p50, p, p99
            printf "%s_throughput\t%.0f\tbookings/s\n%s_overbooked\t%d\tslots\n", p, tp, p, over
        }' "$tmp/a" "$tmp/b"
}

if [ "${1:-}" = "--with-server" ]; then # under tests/pg.sh
    "$bench" --procs 8 --bookings "$per" --store "$WW_PG_URI" 2>/dev/null |
        sed -n 's/^booking_/pg_booking_/p' | grep -v processes
    two_locations pg_2loc_booking "$WW_PG_URI"
    # An outage: the server stops (a crash) a second into a six-second probe
    # and is back two seconds later.
    "$bench" --probe 6 --store "$WW_PG_URI" --name pg_outage >"$tmp/probe" 2>/dev/null &
    sleep 1
    "$WW_PG_CTL" stop
    sleep 2
    "$WW_PG_CTL" start
    wait
    cat "$tmp/probe"
    exit 0
fi
# A server that takes connections and never answers (a hung machine).
python3 tests/e2e/silent_server.py "$tmp/hung.port" 30 &
hung=$!
while [ ! -s "$tmp/hung.port" ]; do sleep 0.05; done
"$bench" --probe 8 --store "postgresql://w:x@127.0.0.1:$(cat "$tmp/hung.port")/w" \
    --name pg_hung 2>/dev/null
kill $hung 2>/dev/null || true
WW_PG_DURABLE=1 tests/pg.sh sh "$0" --with-server
two_locations sqlite_2loc_booking "sqlite:$tmp/two.db"
