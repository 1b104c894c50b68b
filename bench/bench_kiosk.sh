#!/bin/sh
# The kiosk on the sample location (portrait 1080x1920) under SDL's offscreen
# driver with the software renderer. Prints "name<TAB>value<TAB>unit" lines
# (bench/run.sh collects them):
#   kiosk_first_frame        process start to the attract screen drawn and
#                            ready for touch (launch timestamp to the frame)
#   kiosk_redraw_SCREEN      mean time to redraw each screen from its draw
#                            list (every command, then present), text cached
#   kiosk_redraw_max         the slowest single redraw of all screens
#   kiosk_layout_first_max   the slowest first layout of a screen (cold cache)
#   kiosk_idle_cpu           CPU used by a kiosk left alone on the attract
#                            screen for 10 s (after its start), % of one core
#   kiosk_idle_wakeups       context switches of the process in those 10 s
#   kiosk_rss_peak           peak resident memory of a whole journey (MB)
#   bench/bench_kiosk.sh [BIN] [IDLE_SECONDS]
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/release/wegwijzer}
idle=${2:-10}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen WEGWIJZER_ALLOW_ROOT=1 WEGWIJZER_CONFIG=kiosk-config
export WEGWIJZER_STATE="$tmp/state"
now=2026-11-24T09:30

# Start-up and redraws.
t0=$(date +%s%N)
"$bin" kiosk --location weener-xl --now "$now" --bench >"$tmp/bench" 2>/dev/null
ff=$(awk '$1 == "first-frame-unix-ns" { print $2 }' "$tmp/bench")
printf 'kiosk_first_frame\t%s\tms\n' "$(awk -v a="$t0" -v b="$ff" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')"
awk '$1 == "screen" {
        printf "kiosk_redraw_%s\t%s\tms\n", $2, $10
        if ($12 + 0 > max) max = $12 + 0
        if ($4 + 0 > lay) lay = $4 + 0
    }
    END { printf "kiosk_redraw_max\t%.2f\tms\nkiosk_layout_first_max\t%.2f\tms\n", max, lay }' \
    "$tmp/bench"

# Idle CPU: the kiosk waiting for the next resident.
"$bin" kiosk --location weener-xl >"$tmp/log" 2>&1 &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q "ready" "$tmp/log" 2>/dev/null; do
    sleep 0.1
    i=$((i + 1))
done
sleep 1
cpu() { # nanoseconds on a CPU, all threads
    cat /proc/"$pid"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}
switches() {
    awk '/ctxt_switches/ { s += $2 } END { print s + 0 }' /proc/"$pid"/task/*/status 2>/dev/null
}
c0=$(cpu)
s0=$(switches)
sleep "$idle"
c1=$(cpu)
s1=$(switches)
kill -TERM "$pid"
wait "$pid" || true
pid=
printf 'kiosk_idle_cpu\t%s\t%% of one core\n' "$(awk -v a="$c0" -v b="$c1" -v s="$idle" 'BEGIN { printf "%.3f", (b - a) / (s * 1e9) * 100 }')"
printf 'kiosk_idle_wakeups\t%s\tswitches in %s s\n' "$((s1 - s0))" "$idle"

# Peak memory of a whole journey to a printed ticket.
cat >"$tmp/journey.txt" <<'EOF'
tap start
tap topic:schulden
walk
tap book
tap-first time:
tap confirm
tap next
tap more:no
tap rating:5
wait 10s
EOF
/usr/bin/time -v "$bin" kiosk --location weener-xl --now "$now" --script "$tmp/journey.txt" \
    >/dev/null 2>"$tmp/time"
awk -F': ' '/Maximum resident set size/ { printf "kiosk_rss_peak\t%.1f\tMB\n", $2 / 1024 }' "$tmp/time"
