#!/bin/sh
# A kiosk on a shared PostgreSQL server that goes away and comes back, the
# real binary on a virtual clock (SDL's offscreen driver). While the server
# is down the kiosk keeps informing: the outcome says who helps and when
# they are usually here, offers no booking and sends the resident to the
# desk; staff see a warning band. When the server is back the kiosk
# reconnects by itself and books again. A booking cut off by the outage is
# absent, never half made, and the same visit books it once afterwards.
# A server that accepts connections but never answers does not hang the
# kiosk either. Runs its own throwaway server (tests/pg.sh).
. tests/e2e/with_pg.sh
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen
export WEGWIJZER_ALLOW_ROOT=1
SHOTS=${WW_SHOTS:-$WW_TMP/shots}/pg-kiosk
mkdir -p "$SHOTS"
cp "$WW_BIN" "$WW_TMP/wegwijzer"
WW_BIN="$WW_TMP/wegwijzer"
# A copy of the configuration: set-pin writes the location file.
cp -r "$WEGWIJZER_CONFIG" "$WW_TMP/config"
export WEGWIJZER_CONFIG="$WW_TMP/config"
NOW=2026-11-24T09:30 # a Tuesday morning: the general desk is open
L="--location weener-xl --now $NOW"
T=$WW_TMP
psql_q() { "$WW_PG_CTL" psql -tA -c "$1"; }
bookings() { psql_q "SELECT count(*) FROM bookings WHERE location = 'weener-xl'"; }

expect "set the PIN" 0 "staff PIN set" -- sh -c "echo 246813 | \"$WW_BIN\" staff set-pin $L"

# wait_for FILE: the kiosk reached a point of its script (at most 60 s).
wait_for() {
    i=0
    while [ ! -e "$1" ] && [ $i -lt 600 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    [ -e "$1" ]
}

cat >"$T/k.txt" <<EOF
tap start
tap talk
expect screen outcome
expect target book
screenshot online
touch-file $T/at-outcome
wait-file $T/stopped
wait 2s
expect screen outcome
expect no-target book
expect text Een afspraak maken lukt nu niet
expect text Algemene balie
screenshot offline
hold 10 10 3
expect screen staff-pin
type 246813
key Return
expect screen staff-main
expect text Server niet bereikbaar
staff-check
screenshot staff-warning
touch-file $T/saw-warning
wait-file $T/started
wait 2s
expect screen staff-main
expect no-text Server niet bereikbaar
tap staff:close
expect screen attract
tap start
tap talk
expect screen outcome
expect target book
tap book
expect screen time
tap-first time:
expect screen confirm
touch-file $T/at-confirm
wait-file $T/stopped2
tap confirm
expect screen confirm
expect text Een afspraak maken lukt nu niet
screenshot book-failed
touch-file $T/failed
wait-file $T/started2
wait 2s
tap confirm
expect screen ticket
screenshot ticket
EOF
ww kiosk $L --store "$WW_PG_URI" --script "$T/k.txt" --screenshot-dir "$SHOTS" \
    >"$T/k.out" 2>&1 &
K=$!

step() { # name file: the kiosk got there
    if wait_for "$2"; then
        check "$1" true
    else
        check "$1" false
        sed 's/^/    /' "$T/k.out"
    fi
}
step "outcome with booking offered while the server is up" "$T/at-outcome"
"$WW_PG_CTL" stop
touch "$T/stopped"
step "server down: information only, and the staff warning" "$T/saw-warning"
"$WW_PG_CTL" start
touch "$T/started"
step "server back: booking offered again" "$T/at-confirm"
before=$(bookings)
"$WW_PG_CTL" stop
touch "$T/stopped2"
step "the confirm tap while the server is down fails cleanly" "$T/failed"
"$WW_PG_CTL" start
check "nothing was booked by the failed tap ($before before, $(bookings) after)" \
    [ "$(bookings)" = "$before" ]
touch "$T/started2"
wait $K
st=$?
check "the kiosk ran its whole script (exit $st)" [ "$st" -eq 0 ]
[ "$st" -eq 0 ] || sed 's/^/    /' "$T/k.out"
check "the retried confirm booked once" [ "$(bookings)" = "$((before + 1))" ]
whole=$(psql_q "SELECT count(*) FROM bookings WHERE location = 'weener-xl' AND
    partner <> '' AND ticket <> '' AND length(check_code) = 10 AND desk >= 1 AND
    minutes > 0 AND request_id <> ''")
check "every booking is whole" [ "$whole" = "$(bookings)" ]
check "the kiosk logged the outage and the recovery" \
    sh -c "grep -q 'store not reachable' '$T/k.out' && grep -q 'reachable again' '$T/k.out'"

# ---- a server that accepts connections and never answers ----
python3 tests/e2e/silent_server.py "$T/hung.port" &
H=$!
wait_for "$T/hung.port"
cat >"$T/hung.txt" <<EOF
tap start
tap talk
expect screen outcome
expect no-target book
expect text Een afspraak maken lukt nu niet
wait 5s
tap next
screenshot hung
EOF
expect "a server that never answers: the kiosk informs and goes on" 0 "" -- \
    ww kiosk $L --store "postgresql://w:x@127.0.0.1:$(cat "$T/hung.port")/w" \
    --script "$T/hung.txt" --screenshot-dir "$SHOTS/hung"
kill $H 2>/dev/null
wait $H 2>/dev/null
finish
