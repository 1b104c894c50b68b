#!/bin/sh
# A week of use of one kiosk process: generate the sessions (tests/soak/gen.py),
# run them in ONE scripted kiosk on the virtual clock (SDL offscreen driver,
# a real SQLite store, the location's PNG printer), make the staff changes
# from another process when the script asks, and sample the kiosk's
# resident memory and open file descriptors.
#
#   tests/soak/run.sh OUT [SESSIONS] [DAYS]
#
# Environment: WW_BIN (the binary, default build/debug/wegwijzer), SOAK_SEED,
# SOAK_SAMPLE (sessions between samples), SOAK_RENDER=1 (draw every screen),
# SOAK_STAFF_EVERY / SOAK_KIOSK_STAFF_EVERY (a staff change from another
# process / on the kiosk's staff screens every N sessions on average),
# SOAK_SPEECH (null or espeak), SOAK_WRAP (a command put before the kiosk,
# e.g. valgrind ...).
#
# Leaves in OUT: script.txt, kiosk.out (script output and samples),
# kiosk.log (the kiosk's log lines), staff.out (every staff command and what
# it printed), staff.err (their log lines), curve.tsv (sessions, rss_kb, fds,
# heap_kb, cached texts and their kB, font fds), external.tsv (memory and fds read
# from /proc/PID by this script every few seconds), summary.txt.
# Exit status 0 when every session passed and nothing grew.
set -u
OUT=${1:?usage: tests/soak/run.sh OUT [SESSIONS] [DAYS]}
SESSIONS=${2:-20000}
DAYS=${3:-8}
: "${WW_BIN:=build/debug/wegwijzer}"
: "${SOAK_SEED:=1}"
: "${SOAK_SAMPLE:=250}"
: "${SOAK_SPEECH:=null}"
: "${SOAK_WRAP:=}"
START=2026-11-23 # a Monday
PIN=246813
LOC=weener-xl

rm -rf "$OUT"
mkdir -p "$OUT/staff" "$OUT/state"
OUT=$(cd "$OUT" && pwd)
cp -r "${WEGWIJZER_CONFIG:-kiosk-config}" "$OUT/config"
export WEGWIJZER_CONFIG="$OUT/config" WEGWIJZER_STATE="$OUT/state"
export SDL_VIDEODRIVER=offscreen WEGWIJZER_ALLOW_ROOT=1
unset WEGWIJZER_NOW WEGWIJZER_LOCATION
# A private copy: a rebuild while the soak runs cannot swap the binary.
cp "$WW_BIN" "$OUT/wegwijzer"
BIN="$OUT/wegwijzer"

staff() { # command [args]
    c=$1
    shift
    "$BIN" staff "$c" --location "$LOC" "$@"
}

echo "$PIN" | staff set-pin --now "${START}T08:00" >"$OUT/staff.out" 2>"$OUT/staff.err" || {
    echo "soak: cannot set the staff PIN"
    cat "$OUT/staff.out" "$OUT/staff.err"
    exit 1
}
render=""
[ "${SOAK_RENDER:-0}" = 1 ] && render="--render"
python3 tests/soak/gen.py --sessions "$SESSIONS" --start "$START" --days "$DAYS" \
    --config "$OUT/config" --location "$LOC" --seed "$SOAK_SEED" --sample-every "$SOAK_SAMPLE" \
    --staff-every "${SOAK_STAFF_EVERY:-150}" --kiosk-staff-every "${SOAK_KIOSK_STAFF_EVERY:-1000}" \
    --staff-dir "$OUT/staff" --pin "$PIN" $render >"$OUT/script.txt" 2>"$OUT/gen.txt" || {
    cat "$OUT/gen.txt"
    exit 1
}

t0=$(date +%s)
# shellcheck disable=SC2086
$SOAK_WRAP "$BIN" kiosk --location "$LOC" --now "${START}T07:00" --speech "$SOAK_SPEECH" \
    --script "$OUT/script.txt" >"$OUT/kiosk.out" 2>"$OUT/kiosk.log" &
pid=$!

# A staff command from the script's cmd-N file at the moment it asks for it.
run_staff() { # n
    while IFS= read -r line; do
        # shellcheck disable=SC2086
        set -- $line
        if [ "$1" = checkin ]; then
            now=$3 # checkin @latest --now T
            day=${now%T*}
            t=$(staff bookings --now "$now" --date "$day" 2>>"$OUT/staff.err" |
                grep -Eo '\b[A-Z]-[0-9]{3}\b' | tail -1)
            [ -n "$t" ] || { echo "staff checkin: no booking yet" >>"$OUT/staff.out"; continue; }
            set -- checkin "$t" --now "$now"
        fi
        echo "\$ wegwijzer staff $*" >>"$OUT/staff.out"
        staff "$@" >>"$OUT/staff.out" 2>>"$OUT/staff.err" || echo "(status $?)" >>"$OUT/staff.out"
    done <"$OUT/staff/cmd-$1"
}

: >"$OUT/external.tsv"
printf 'seconds\trss_kb\tfds\n' >>"$OUT/external.tsv"
n=1
tick=0
while kill -0 "$pid" 2>/dev/null; do
    if [ -e "$OUT/staff/req-$n" ]; then
        run_staff "$n"
        : >"$OUT/staff/done-$n"
        n=$((n + 1))
        continue
    fi
    tick=$((tick + 1))
    if [ $((tick % 50)) -eq 1 ] && [ -r "/proc/$pid/status" ]; then
        rss=$(awk '/^VmRSS:/{print $2}' "/proc/$pid/status" 2>/dev/null)
        fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
        [ -n "$rss" ] && printf '%s\t%s\t%s\n' $(($(date +%s) - t0)) "$rss" "$fds" >>"$OUT/external.tsv"
    fi
    sleep 0.1
done
wait "$pid"
status=$?
t1=$(date +%s)

# The curve: sessions, resident memory, open descriptors.
printf 'sessions\trss_kb\tfds\theap_kb\ttexts\ttexts_kb\tfont_fds\n' >"$OUT/curve.tsv"
awk '$1 == "sample" {
        v["rss_kb"] = v["fds"] = v["heap_kb"] = v["texts"] = v["texts_kb"] = v["font_fds"] = "-"
        for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", $2, v["rss_kb"], v["fds"], v["heap_kb"], v["texts"],
            v["texts_kb"], v["font_fds"]
    }' "$OUT/kiosk.out" >>"$OUT/curve.tsv"
done_sessions=$(grep -c '^# session ' "$OUT/script.txt")
last=$(tail -1 "$OUT/curve.tsv" | cut -f1)
bookings=$(sqlite3 "$OUT/state/$LOC.db" 'select count(*) from bookings' 2>/dev/null || echo '?')
days=$(sqlite3 "$OUT/state/$LOC.db" 'select count(distinct day) from bookings' 2>/dev/null || echo '?')
tickets=$(ls "$OUT/state/tickets" 2>/dev/null | wc -l)
changes=$(grep -c '^\$ wegwijzer staff' "$OUT/staff.out")
{
    echo "sessions $done_sessions (last sample at $last)"
    echo "kiosk_status $status"
    echo "wall_seconds $((t1 - t0))"
    echo "bookings $bookings on $days days; ticket files $tickets"
    echo "staff_commands $changes"
    sed 's/^gen: /plan /' "$OUT/gen.txt"
    awk -F'\t' 'NR > 1 { n++; s[n] = $1; r[n] = $2; f[n] = $3; h[n] = $4; ff[n] = $7 }
        function slope(y,    i, m, sx, sy, sxx, sxy, d) {
            # least squares after warm-up, per 1000 sessions
            for (i = w + 1; i <= n; i++) { m++; sx += s[i]; sy += y[i]; sxx += s[i] * s[i]; sxy += s[i] * y[i] }
            d = m * sxx - sx * sx
            return d > 0 ? (m * sxy - sx * sy) / d * 1000 : 0
        }
        END {
            if (n < 3) { print "curve too short"; exit }
            w = int(n / 5); if (w < 1) w = 1   # warm-up: the first fifth
            lo = hi = r[w + 1]
            for (i = w + 1; i <= n; i++) { if (r[i] < lo) lo = r[i]; if (r[i] > hi) hi = r[i] }
            printf "rss_kb start %d after_warmup(%d sessions) %d end %d; after warm-up min %d max %d\n", r[1], s[w + 1], r[w + 1], r[n], lo, hi
            printf "rss_slope_kb_per_1000_sessions %.1f\n", slope(r)
            if (h[n] != "-") printf "heap_kb start %d after_warmup %d end %d; slope %.1f kB per 1000 sessions\n", h[1], h[w + 1], h[n], slope(h)
            printf "fds start %d after_warmup %d end %d", f[1], f[w + 1], f[n]
            if (ff[n] != "-") printf "; of which font files %d, %d, %d; other %d, %d, %d", ff[1], ff[w + 1], ff[n], f[1] - ff[1], f[w + 1] - ff[w + 1], f[n] - ff[n]
            printf "\n"
        }' "$OUT/curve.tsv"
} >"$OUT/summary.txt"
cat "$OUT/summary.txt"
exit "$status"
