#!/bin/sh
# make bench: run every benchmark on the release build, print one table and
# write it to bench/results.md. Each figure is the median of RUNS runs, with
# min and max. Nothing here is asserted: the table is the evidence.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
out=bench/results.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# collect NAME-PREFIX COMMAND...: run RUNS times, each printing "name\tvalue\tunit" lines.
collect() {
    prefix=$1
    shift
    i=0
    while [ $i -lt "$RUNS" ]; do
        "$@" >> "$tmp/raw" 2>>"$tmp/err" || echo "$prefix-failed	1	run" >> "$tmp/raw"
        i=$((i + 1))
    done
}

collect store build/release/bench_store --procs 8 --bookings 500
collect ticket build/release/bench_ticket --runs 300
collect pin build/release/bench_pin --runs 1
for f in bench/bench_*.sh; do
    [ -e "$f" ] || continue
    collect "$(basename "$f" .sh)" sh "$f"
done

{
    echo "# Wegwijzer benchmarks"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m); median of $RUNS runs (min–max)."
    echo
    echo "| figure | median | min | max | unit |"
    echo "| --- | ---: | ---: | ---: | --- |"
    awk -F'\t' '
        { v[$1] = v[$1] " " $2; unit[$1] = $3; if (!($1 in seen)) { seen[$1] = 1; order[n++] = $1 } }
        END {
            for (i = 0; i < n; i++) {
                k = order[i]; m = split(substr(v[k], 2), a, " ");
                for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++) if (a[y] + 0 < a[x] + 0) { t = a[x]; a[x] = a[y]; a[y] = t }
                med = (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
                printf "| %s | %s | %s | %s | %s |\n", k, med, a[1], a[m], unit[k]
            }
        }' "$tmp/raw"
} > "$out"
cat "$out"
if [ -s "$tmp/err" ]; then
    echo
    echo "errors:"
    sort -u "$tmp/err" | head -20
fi
