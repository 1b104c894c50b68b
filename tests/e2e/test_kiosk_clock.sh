#!/bin/sh
# Time and the kiosk: taps queued while the kiosk was stopped (older than
# the idle time) are dropped, a time screen left open over midnight shows
# today's outcome instead of failing on every tap, and the retention rule
# (bookings and check-ins deleted after retention_days, 30) runs at start
# and every day, on the kiosk's clock.
. tests/e2e/lib.sh

export WEGWIJZER_NOW=2026-11-24T16:00 # a Tuesday afternoon
export SDL_VIDEODRIVER=offscreen
export WEGWIJZER_ALLOW_ROOT=1
L="--location weener-xl"
T=$WW_TMP

cat >"$T/clock.txt" <<'EOF'
expect screen attract
tap start
tap talk
tap book
expect screen time
# A tap stamped two minutes ago (the idle time is 60 s): dropped.
age 120
tap-first time:
expect screen time
age 0
tap-first time:
expect screen confirm
# The kiosk stood still over night; the next morning someone taps.
jump-to 2026-11-25T09:30
tap confirm
expect screen outcome
expect text Het is nu een nieuwe dag
expect no-text Het boeken lukte niet
tap book
tap-first time:
tap confirm
expect screen ticket
expect text 09:30
EOF
ww kiosk $L --script "$T/clock.txt" >"$T/clock.out" 2>&1
st=$?
sed 's/^/    /' "$T/clock.out"
check "stale tap dropped, midnight handled, booked for the new day (exit $st)" [ "$st" -eq 0 ]
check "the stale tap is logged" grep -q "tap 120000 ms old was dropped" "$T/clock.out"
check "the date change is logged" grep -q "date changed on the confirm screen" "$T/clock.out"
out=$(ww staff bookings $L --date 2026-11-25 2>&1)
check "the booking is on the new day" sh -c 'case "$1" in *A-001*) true ;; *) false ;; esac' _ "$out"
out=$(ww staff bookings $L --date 2026-11-24 2>&1)
check "nothing booked on the old day" sh -c 'case "$1" in *A-00*) false ;; *) true ;; esac' _ "$out"

# ---- retention ----
n_on() { ww staff bookings $L --date "$1" 2>/dev/null | grep -c -E '[A-Z]-[0-9]{3}'; }
for d in 2026-10-20 2026-10-26; do
    WEGWIJZER_NOW=${d}T10:00 ww book $L --partner algemene-balie >/dev/null
done
check "two old bookings to delete" [ "$(n_on 2026-10-20)" -eq 1 -a "$(n_on 2026-10-26)" -eq 1 ]
printf 'expect screen attract\n' >"$T/retention.txt"
WEGWIJZER_NOW=2026-11-24T09:00 ww kiosk $L --script "$T/retention.txt" >"$T/ret1.out" 2>&1
check "at start: the booking of 35 days ago is deleted" [ "$(n_on 2026-10-20)" -eq 0 ]
check "at start: the one of 29 days ago is kept" [ "$(n_on 2026-10-26)" -eq 1 ]
check "at start: logged as a count" grep -q "store: 1 bookings older than 30 days deleted" "$T/ret1.out"
printf 'tap start\ntap talk\ntap restart\nwait-until 2026-11-26T09:00\nexpect screen attract\n' >"$T/daily.txt"
WEGWIJZER_NOW=2026-11-24T09:00 ww kiosk $L --script "$T/daily.txt" >"$T/ret2.out" 2>&1
check "a running kiosk deletes it two days later, by itself" [ "$(n_on 2026-10-26)" -eq 0 ]
check "the anonymous counts of the visits stay" \
    [ "$(sqlite3 "$WEGWIJZER_STATE/weener-xl.db" 'select count(*) from tally_counts')" -ge 1 ]
check "the store file is its owner's only" [ "$(stat -c %a "$WEGWIJZER_STATE/weener-xl.db")" = 600 ]
finish
