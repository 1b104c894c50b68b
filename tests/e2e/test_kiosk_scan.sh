#!/bin/sh
# A barcode scanner at the resident screen, and the booking limits:
#   - a ticket's QR scanned (typed as keys, 10 ms apart, then Enter) never
#     picks answers or confirms; three scans book nothing
#   - a booked resident scanning their own ticket of today here sees that
#     booking (time, partner, desk), read aloud; another place's code, or
#     any other barcode, is ignored and its text never logged
#   - a number key pressed by a person still picks an answer
#   - one visit books at most bookings_per_visit tickets (3); the fourth
#     sends the resident to the desk; a kiosk books at most
#     bookings_per_minute (set to 2 here) in any minute
. tests/e2e/lib.sh

export WEGWIJZER_NOW=2026-11-24T09:30 # a Tuesday
export SDL_VIDEODRIVER=offscreen
export WEGWIJZER_ALLOW_ROOT=1
L="--location weener-xl"
T=$WW_TMP
cp -r "$WEGWIJZER_CONFIG" "$T/cfg"
export WEGWIJZER_CONFIG="$T/cfg"
count() { sqlite3 -cmd '.timeout 5000' "$WEGWIJZER_STATE/weener-xl.db" "select count(*) from bookings"; }

out=$(ww book $L --partner belastingdienst 2>&1)
qr=$(echo "$out" | sed -n 's/^qr //p')
ticket=$(echo "$out" | sed -n 's/^ticket //p')
check "a booking to scan ($ticket)" [ -n "$qr" ]

# ---- scans on a question screen act on nothing ----
cat >"$T/scan.txt" <<EOF
expect screen attract
tap start
tap topic:schulden
expect screen question:schulden:rekeningen
keys 10 $qr Return
keys 10 $qr Return
keys 10 $qr Return
expect screen question:schulden:rekeningen
keys 10 8712345678901 Return
expect screen question:schulden:rekeningen
# A person's number key (slow) still answers.
keys 300 1
expect screen question:schulden:inkomen
tap restart
tap start
expect screen topics
keys 10 WW1:elders:ABCDEFGHJK Return
expect screen topics
keys 10 $qr Return
expect screen ticket
expect text $ticket
expect text Belastingdienst
screenshot scanned-ticket
tap next
expect screen more
EOF
ww kiosk $L --script "$T/scan.txt" --spoken-log "$T/spoken.txt" >"$T/scan.out" 2>&1
st=$?
sed 's/^/    /' "$T/scan.out" | grep -v debug
check "scans act on nothing, a person's key does, the own ticket is shown (exit $st)" [ "$st" -eq 0 ]
check "three scans booked nothing ($(count) booking)" [ "$(count)" -eq 1 ]
check "the shown booking is read aloud: number, partner, time, desk" \
    grep -q "Uw nummer. B, één. Belastingdienst. vandaag, dinsdag vierentwintig november, .*Balie" "$T/spoken.txt"
check "the scanned text is never logged" sh -c '! grep -q -e "$1" -e 8712345678901 -e ABCDEFGHJK "$2"' \
    _ "${qr#WW1:weener-xl:}" "$T/scan.out"
check "ignored scans are logged as such" grep -q "scanned input ignored: not a ticket code" "$T/scan.out"

# ---- per visit ----
visit_book() {
    cat <<EOF
tap talk
tap book
tap-first time:
tap confirm
EOF
}
{
    echo "tap start"
    for i in 1 2 3; do
        visit_book
        echo "expect screen ticket"
        echo "tap next"
        echo "tap more:yes"
    done
    visit_book
    echo "expect screen confirm"
    echo "expect text U heeft al genoeg afspraken gemaakt"
    echo "screenshot limit-visit"
} >"$T/visit.txt"
ww kiosk $L --script "$T/visit.txt" >"$T/visit.out" 2>&1
st=$?
sed 's/^/    /' "$T/visit.out" | grep -v debug
check "a visit books three tickets, the fourth goes to the desk (exit $st)" [ "$st" -eq 0 ]
check "1 + 3 bookings ($(count))" [ "$(count)" -eq 4 ]
check "the refusal is logged" grep -q "booking refused: more than 3 a visit" "$T/visit.out"

# ---- per minute (two visits within a minute, limit 2) ----
sed -i 's/^bookings_per_minute = .*/bookings_per_minute = 2/' "$T/cfg/locations/weener-xl.ini"
{
    echo "tap start"
    visit_book
    echo "expect screen ticket"
    echo "tap restart"
    echo "tap start"
    visit_book
    echo "expect screen ticket"
    echo "tap restart"
    echo "tap start"
    visit_book
    echo "expect screen confirm"
    echo "expect text U heeft al genoeg afspraken gemaakt"
    echo "tap restart"
    echo "wait 60s"
    echo "tap start"
    visit_book
    echo "expect screen ticket"
} >"$T/minute.txt"
ww kiosk $L --script "$T/minute.txt" >"$T/minute.out" 2>&1
st=$?
sed 's/^/    /' "$T/minute.out" | grep -v debug
check "two a minute: the third waits for the next minute (exit $st)" [ "$st" -eq 0 ]
check "4 + 3 bookings ($(count))" [ "$(count)" -eq 7 ]
finish
