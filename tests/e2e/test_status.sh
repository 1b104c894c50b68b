#!/bin/sh
# wegwijzer status: the heartbeats kiosks write, read back the way a
# monitoring system (Nagios, Icinga) runs the command: first word and exit
# status OK 0, WARNING 1, CRITICAL 2, UNKNOWN 3, perfdata after '|', one
# line per kiosk. The kiosks are the real program: a live one (a heartbeat
# at once, then every minute), scripted ones printing on a pretend ESC/POS
# printer whose roll is nearly used up or empty (the heartbeat follows the
# printer at once), and one out of order (a broken flow file).
#   WW_BIN=build/debug/wegwijzer sh tests/e2e/test_status.sh
. "$(dirname "$0")/lib.sh"

export WEGWIJZER_ALLOW_ROOT=1 SDL_VIDEODRIVER=offscreen
T=$WW_TMP
cp -r "$WEGWIJZER_CONFIG" "$T/cfg"
export WEGWIJZER_CONFIG="$T/cfg"
L="--location weener-xl"
PIDS=""
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$WW_TMP"' EXIT

# status EXPECTED-EXIT TEXT NAME [ARGS]: run it, check the exit status, the
# first word (the exit status's name) and that TEXT is in the output
status() {
    want=$1 text=$2 name=$3
    shift 3
    out=$(ww status "$@" 2>"$T/status.err")
    st=$?
    words="OK WARNING CRITICAL UNKNOWN"
    # shellcheck disable=SC2086
    set -- $words
    shift "$want"
    ww_n=$((ww_n + 1))
    first=$(printf '%s\n' "$out" | head -1)
    case "$st:$first:$out" in
    "$want:$1 "*"$text"*) echo "ok   $name" ;;
    *)
        echo "FAIL $name: exit $st, expected $want ($1) with '$text'"
        printf '%s\n' "$out" | sed 's/^/    /'
        sed 's/^/    /' "$T/status.err"
        ww_fail=$((ww_fail + 1))
        ;;
    esac
}

status 3 "no kiosk of weener-xl" "no heartbeat yet: UNKNOWN" $L
status 3 "unknown location" "an unknown location: UNKNOWN" --location nergens
status 3 "--stale needs minutes" "a bad value: UNKNOWN" --stale 0
status 3 "bad usage" "a bad option: UNKNOWN" --bogus

# ---- a live kiosk ----
WEGWIJZER_KIOSK=zuil-1 "$WW_BIN" kiosk $L --speech null >"$T/live.log" 2>&1 &
pid=$!
PIDS="$PIDS $pid"
i=0
while [ $i -lt 100 ] && ! ww status $L >/dev/null 2>&1; do
    sleep 0.2
    i=$((i + 1))
done
status 0 "1 kiosk of weener-xl healthy | kiosks=1;;;0" "a live kiosk: OK" $L
status 0 "OK zuil-1 (weener-xl): last seen" "... one line for the kiosk" $L
version=$("$WW_BIN" --version | head -n 1 | cut -d" " -f2)
status 0 "version $version" "... with the program's version" $L
kill -TERM "$pid"
wait "$pid"
# Four minutes on: the heartbeat is stale.
later=$(TZ=Europe/Amsterdam date -d '+4 min' '+%Y-%m-%dT%H:%M')
status 2 "zuil-1: no heartbeat for" "four minutes after the kiosk stopped: CRITICAL" $L --now "$later"
status 2 "oldest_heartbeat=" "... with the age in the perfdata" $L --now "$later"
status 0 "healthy" "--stale 10 allows it" $L --now "$later" --stale 10

# ---- scripted kiosks printing on a pretend printer ----
start_printer() { # NAME [options]: a network ESC/POS printer; sets the location's printer
    mkdir -p "$T/$1"
    n=$1
    shift
    python3 tests/e2e/escpos_printer.py serve --port-file "$T/$n/port" --state "$T/$n/state" \
        --pbm-dir "$T/$n" "$@" &
    PIDS="$PIDS $!"
    i=0
    while [ ! -s "$T/$n/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    sed -i "s|^printer = .*|printer = escpos-net:127.0.0.1:$(cat "$T/$n/port")?timeout=2|" \
        "$T/cfg/locations/weener-xl.ini"
}
cat >"$T/book.txt" <<'EOS'
expect screen attract
tap start
tap topic:brief
walk
tap book
tap-first time:
tap confirm
expect screen ticket
EOS
start_printer low --near-end
WEGWIJZER_KIOSK=zuil-2 "$WW_BIN" kiosk $L --script "$T/book.txt" >"$T/low.log" 2>&1
check "zuil-2 printed a ticket" test -s "$T/low/state"
status 1 "(zuil-2: paper low)" "a roll nearly used up: WARNING" $L
status 1 "WARNING zuil-2 (weener-xl): last seen" "... on zuil-2's line" $L
status 1 "paper_low=1;;;0" "... counted in the perfdata" $L

start_printer empty --paper-out-after 100
WEGWIJZER_KIOSK=zuil-3 "$WW_BIN" kiosk $L --script "$T/book.txt" >"$T/empty.log" 2>&1
status 2 "CRITICAL zuil-3 (weener-xl): last seen" "out of paper: CRITICAL" $L
status 2 "out of paper" "... saying why" $L

# ---- a kiosk out of order ----
printf 'this is not a flow line\n' >>"$T/cfg/flows/werk.flow"
printf 'expect screen out-of-order\n' >"$T/ooo.txt"
WEGWIJZER_KIOSK=zuil-4 "$WW_BIN" kiosk $L --script "$T/ooo.txt" >"$T/ooo.log" 2>&1
status 2 "zuil-4 (weener-xl)" "a kiosk out of order: CRITICAL" $L
status 2 "out of order: " "... with its reason" $L
check "the reason names the file" sh -c "'$WW_BIN' status $L | grep -q 'zuil-4.*werk.flow'"
finish
