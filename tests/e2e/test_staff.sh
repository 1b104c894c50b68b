#!/bin/sh
# The staff side of the kiosk end to end: the hidden corner, the PIN pad and
# its lockout, the staff screen, a second kiosk process that sees a staff
# change, check-in, reprint, the audit log and the idle close. The real
# binary under SDL's offscreen driver, scripted input on a virtual clock, a
# real SQLite store shared by the processes. Screenshots go to $WW_SHOTS
# (else the temporary folder).
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen
export WEGWIJZER_ALLOW_ROOT=1
SHOTS=${WW_SHOTS:-$WW_TMP/shots}/staff
mkdir -p "$SHOTS"
# A copy of the configuration: set-pin writes the location file.
cp -r "$WEGWIJZER_CONFIG" "$WW_TMP/config"
export WEGWIJZER_CONFIG="$WW_TMP/config"
NOW=2026-11-24T13:00 # a Tuesday afternoon: the Belastingdienst is in until 16:00
L="--location weener-xl --now $NOW"
DB="$WEGWIJZER_STATE/weener-xl.db"

kiosk() { # script-file shots-subdir [more options]
    s=$1 d=$2
    shift 2
    mkdir -p "$SHOTS/$d"
    ww kiosk $L --script "$s" --screenshot-dir "$SHOTS/$d" "$@"
}
sql() { sqlite3 "$DB" "$1"; }

# ---- no PIN set: the entry says how to set one ----
cat >"$WW_TMP/nopin.txt" <<'EOF'
expect screen attract
# a press of two seconds is a tap (on the attract screen a tap anywhere
# starts), not the staff entry
hold 10 10 2
expect screen topics
tap back
expect screen attract
hold 10 10 3
expect screen staff-pin
expect text wegwijzer staff set-pin
staff-check
screenshot no-pin
type 246813
key Return
expect screen staff-pin
tap staff:close
expect screen attract
expect fresh
EOF
expect "no PIN: the entry says to run set-pin" 0 "" -- kiosk "$WW_TMP/nopin.txt" nopin

expect "set the PIN" 0 "staff PIN set" -- sh -c "echo 246813 | \"$WW_BIN\" staff set-pin $L"
for i in 1 2; do
    ww book $L --partner belastingdienst >"$WW_TMP/book$i.txt" 2>&1
done
T1=$(sed -n 's/^ticket //p' "$WW_TMP/book1.txt")
T2=$(sed -n 's/^ticket //p' "$WW_TMP/book2.txt")
QR2=$(sed -n 's/^qr //p' "$WW_TMP/book2.txt")
check "two Belastingdienst bookings to start with ($T1, $T2)" test -n "$T1" -a -n "$T2" -a -n "$QR2"

# ---- a second kiosk sees a staff change ----
# Kiosk B shows the toeslagen outcome (the Belastingdienst today), tells the
# test it is there and waits; kiosk A marks the Belastingdienst absent; B,
# still running, must show the next date after two seconds of its loop.
cat >"$WW_TMP/b.txt" <<EOF
tap start
tap topic:toeslagen
walk
expect screen outcome
expect text Belastingdienst
expect text Vandaag aanwezig
screenshot before
touch-file $WW_TMP/b-ready
wait-file $WW_TMP/a-done
wait 2s
expect screen outcome
expect no-text Vandaag aanwezig
expect text Volgende keer hier
screenshot after
tap book
expect screen time
expect no-target time:first
screenshot time-after
EOF
kiosk "$WW_TMP/b.txt" kiosk-b >"$WW_TMP/b.out" 2>&1 &
B=$!

cat >"$WW_TMP/a.txt" <<EOF
wait-file $WW_TMP/b-ready
tap start
tap topic:werk
expect screen question
# the hidden corner (top left), held three seconds
hold 10 10 3
expect screen staff-pin
staff-check
screenshot pin-empty
expect place pin:1
expect place pin:ok
# the resident's visit is gone underneath
type 1357
expect no-text 1357
screenshot pin-typed
key Return
expect text Onjuiste pincode
# a wrong PIN never moves the keypad under the finger
expect place pin:1
expect place pin:ok
key 2
key 4
key 6
key 9
key Backspace
key 8
key 1
key 3
key Return
expect screen staff-main
expect text Belastingdienst
expect target absent:belastingdienst
staff-check
screenshot staff-main
expect place absent:belastingdienst
expect place bookings:belastingdienst
expect place bookings:werk-inkomen
# asked once, on the same button; nothing moves
tap absent:belastingdienst
expect screen staff-main
expect text Zeker? Tik nog eens
expect place absent:belastingdienst
expect place bookings:belastingdienst
screenshot absent-asked
tap absent:belastingdienst
expect screen staff-bookings
expect text Help deze bezoekers aan de balie
expect text $T1
expect text $T2
staff-check
screenshot absent-affected
touch-file $WW_TMP/a-done
tap staff:back
expect screen staff-main
expect target present:belastingdienst
expect no-target absent:belastingdienst
# marked absent, the rows stay where they were
expect place bookings:belastingdienst
expect place bookings:werk-inkomen
screenshot staff-main-absent
# check-in: typed on the screen's keypad, and by a scanner (text + Enter)
tap staff:checkin
expect screen staff-checkin
tap key:B
tap key:1
tap key:erase
tap key:0
tap key:0
tap key:1
tap key:ok
expect text is aangemeld
staff-check
screenshot checkin
type $QR2
key Return
expect text $T2
expect text is aangemeld
tap staff:back
# reprint the last ticket on the location's printer
tap staff:reprint
expect text opnieuw naar de printer
expect text Printer: in orde
# steppers: one tap, one change; undo takes the last one back
tap desks+:werk-inkomen
expect text Werk en Inkomen aangepast
tap staff:undo
expect text Teruggezet
tap staff:close
expect screen attract
expect fresh
EOF
expect "staff session: PIN, absent, affected residents, check-in, reprint" 0 "" \
    -- kiosk "$WW_TMP/a.txt" kiosk-a
wait "$B"
st=$?
ww_n=$((ww_n + 1))
if [ "$st" -eq 0 ]; then
    echo "ok   the second kiosk shows the next date two seconds after the change"
else
    echo "FAIL the second kiosk did not see the change"
    sed 's/^/    /' "$WW_TMP/b.out"
    ww_fail=$((ww_fail + 1))
fi

expect "audit: the absence by staff" 0 "staff  absent   for 2026-11-24: belastingdienst absent" \
    -- ww staff audit $L
expect "audit: the kiosk's check-in" 0 "checkin  for 2026-11-24: $T1" -- ww staff audit $L
expect "audit: the reprint" 0 "reprint  for 2026-11-24: $T2" -- ww staff audit $L
expect "audit: the step and its undo" 0 "undo     for 2026-11-24: werk-inkomen" \
    -- ww staff audit $L
expect "staff today: absent" 0 "Belastingdienst              absent today" -- ww staff today $L
expect "staff bookings: both checked in" 0 "$T2 " -- ww staff bookings $L --partner belastingdienst
check "both bookings are checked in" test "$(sql 'select count(*) from bookings where checked_in > 0')" -eq 2
n_png=$(ls "$WEGWIJZER_STATE"/tickets/*.png 2>/dev/null | wc -l)
check "the reprint is a ticket file ($n_png)" test "$n_png" -ge 1

# A new resident now gets the next date for toeslagen.
cat >"$WW_TMP/c.txt" <<'EOF'
tap start
tap topic:toeslagen
walk
expect screen outcome
expect text Volgende keer hier
expect no-text Vandaag aanwezig
EOF
expect "toeslagen offers the next date" 0 "" -- kiosk "$WW_TMP/c.txt" kiosk-c
# With the Belastingdienst and the sociaal raadslieden away for the next
# two weeks, the phone alternative is what is left.
for d in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
    day=$(date -u -d "2026-11-24 + $d days" +%Y-%m-%d)
    ww staff absent belastingdienst $L --date "$day" >/dev/null 2>&1
    ww staff absent sociaal-raadslieden $L --date "$day" >/dev/null 2>&1
done
cat >"$WW_TMP/d.txt" <<'EOF'
tap start
tap topic:toeslagen
walk
expect screen outcome
expect text 0800-0543
screenshot phone
EOF
expect "toeslagen offers the phone alternative" 0 "" -- kiosk "$WW_TMP/d.txt" kiosk-d

# ---- lockout and idle close on the virtual clock ----
cat >"$WW_TMP/lock.txt" <<'EOF'
hold 10 10 3
expect screen staff-pin
type 246819
key Return
screenshot wrong-last-digit
type 146813
key Return
screenshot wrong-first-digit
type 1111
key Return
type 99999999
key Return
expect text Onjuiste pincode
type 0000
key Return
expect text 5 minuten
expect no-text Onjuiste pincode
screenshot locked
# locked: the right PIN is refused too
type 246813
key Return
expect screen staff-pin
expect text 5 minuten
wait 61s
expect text 4 minuten
# the pad closes itself after two idle minutes
wait 59s
expect screen attract
hold 10 10 3
expect text 3 minuten
wait 100s
expect text 2 minuten
wait 20s
expect screen attract
wait 60s
hold 10 10 3
expect text Voer de pincode in
type 246813
key Return
expect screen staff-main
# the staff screen closes itself after two idle minutes
wait 119s
expect screen staff-main
wait 1s
expect screen attract
expect fresh
EOF
expect "lockout after five wrong PINs, idle close" 0 "" -- kiosk "$WW_TMP/lock.txt" lock
check "a wrong PIN looks the same whichever digit is wrong" \
    cmp -s "$SHOTS/lock/wrong-last-digit.png" "$SHOTS/lock/wrong-first-digit.png"

# ---- the lockout is the location's, in the store: a restart keeps it ----
# Five wrong PINs in one kiosk process; a new process (a restart, or the
# location's other kiosk) finds the entry locked, even for the right PIN,
# and staff read the audit entry; after the lock, signing in shows a band.
cat >"$WW_TMP/lock1.txt" <<'EOF'
hold 10 10 3
expect screen staff-pin
type 111111
key Return
type 222222
key Return
type 333333
key Return
type 444444
key Return
type 555555
key Return
expect text 5 minuten
EOF
expect "five wrong PINs lock the entry" 0 "" -- kiosk "$WW_TMP/lock1.txt" lock1 --now 2026-11-24T14:00
cat >"$WW_TMP/lock2.txt" <<'EOF'
hold 10 10 3
expect screen staff-pin
expect text 4 minuten
type 246813
key Return
expect screen staff-pin
expect text minuten
EOF
expect "after a restart the entry is still locked" 0 "" -- \
    kiosk "$WW_TMP/lock2.txt" lock2 --now 2026-11-24T14:01
expect "the lock is in the audit" 0 "staff  pin-locked for 2026-11-24: 5 wrong PINs" \
    -- ww staff audit $L
cat >"$WW_TMP/lock3.txt" <<'EOF'
hold 10 10 3
type 246813
key Return
expect screen staff-main
expect text Let op: de toegang was 1 keer geblokkeerd
screenshot lock-band
EOF
expect "after the lock: signed in, with a band about it" 0 "" -- \
    kiosk "$WW_TMP/lock3.txt" lock3 --now 2026-11-24T14:06

# ---- keypad only ----
cat >"$WW_TMP/keys.txt" <<'EOF'
hold 10 10 3
key Keypad 2
key Keypad 4
key Keypad 6
key Keypad 8
key Keypad 1
key Keypad 3
key Keypad Enter
expect screen staff-main
# focus moves through the partners first, then the day's actions
key Tab
key Tab
key Return
expect screen staff-bookings
key Escape
expect screen staff-main
key Up
key Up
key Return
expect screen staff-checkin
key Keypad 9
expect text 9
key Backspace
key Escape
expect screen staff-main
EOF
expect "the staff screens work with the keypad alone" 0 "" -- kiosk "$WW_TMP/keys.txt" keys

# ---- more partners than fit: the list pages (landscape) ----
cat >"$WW_TMP/pages.txt" <<'EOF'
hold 10 10 3
type 246813
key Return
tap staff:add
tap add:wijkteam
tap staff:add
tap add:uwv
tap staff:add
tap add:svb
tap staff:add
tap add:mediator
tap staff:add
tap add:huurcommissie
expect target absent:algemene-balie
expect target staff:more
staff-check
screenshot page-1
tap staff:more
expect no-target absent:algemene-balie
staff-check
screenshot page-2
tap staff:more
expect target absent:algemene-balie
tap staff:add
expect screen staff-add
staff-check
EOF
expect "a long list of partners pages" 0 "" -- kiosk "$WW_TMP/pages.txt" pages --landscape

# ---- printer trouble shows on the staff screen ----
sed 's/^printer = .*/printer = none/' "$WW_TMP/config/locations/weener-xl.ini" >"$WW_TMP/loc.ini"
cp "$WW_TMP/loc.ini" "$WW_TMP/config/locations/weener-xl.ini"
cat >"$WW_TMP/printer.txt" <<'EOF'
hold 10 10 3
type 246813
key Return
tap staff:reprint
expect text Printer: werkt niet
screenshot printer-warning
EOF
expect "a printer failure is a warning on the staff screen" 0 "" \
    -- kiosk "$WW_TMP/printer.txt" printer

# Out of paper: a pretend ESC/POS network printer whose roll runs out.
mkdir -p "$WW_TMP/escpos"
python3 tests/e2e/escpos_printer.py serve --port-file "$WW_TMP/escpos/port" \
    --state "$WW_TMP/escpos/state" --pbm-dir "$WW_TMP/escpos" --paper-out-after 1 &
PRINTER=$!
i=0
while [ ! -s "$WW_TMP/escpos/port" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
PORT=$(cat "$WW_TMP/escpos/port" 2>/dev/null)
sed -i "s|^printer = .*|printer = escpos-net:127.0.0.1:$PORT?timeout=2|" \
    "$WW_TMP/config/locations/weener-xl.ini"
cat >"$WW_TMP/paper.txt" <<'EOF'
hold 10 10 3
type 246813
key Return
tap staff:reprint
expect text papier op
staff-check
screenshot paper-warning
EOF
expect "paper out is a warning on the staff screen" 0 "" -- kiosk "$WW_TMP/paper.txt" printer
kill "$PRINTER" 2>/dev/null
wait "$PRINTER" 2>/dev/null

# ---- what the command line tests leave out ----
expect "set: good input" 0 "saved: werk-inkomen 09:00-11:00 desks 3" \
    -- ww staff set werk-inkomen --time 09:00-11:00 --desks 3 $L
expect "set shows in today" 0 "09:00-11:00     3" -- ww staff today $L
expect "set: unknown partner" 1 "unknown partner 'notaris'" \
    -- ww staff set notaris --time 09:00-11:00 $L
expect "set: not a time" 1 "is not HH:MM-HH:MM" -- ww staff set werk-inkomen --time 9-11 $L
expect "undo: unknown partner" 1 "unknown partner 'notaris'" -- ww staff undo notaris $L
expect "the terminal's changes are audited as cli" 0 "cli    set      for 2026-11-24" \
    -- ww staff audit $L

# ---- a new PIN counts from the next staff entry, without a restart ----
S2="$WW_TMP/state2"
mkdir -p "$S2"
cat >"$WW_TMP/newpin.txt" <<EOF
hold 10 10 3
expect text wegwijzer staff set-pin
tap staff:close
touch-file $WW_TMP/np-ready
wait-file $WW_TMP/np-set
hold 10 10 3
type 975310
key Return
expect screen staff-main
EOF
WEGWIJZER_STATE="$S2" kiosk "$WW_TMP/newpin.txt" newpin >"$WW_TMP/newpin.out" 2>&1 &
np=$!
i=0
while [ ! -e "$WW_TMP/np-ready" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
echo 975310 | WEGWIJZER_STATE="$S2" "$WW_BIN" staff set-pin $L >/dev/null 2>&1
touch "$WW_TMP/np-set"
wait $np
check "a PIN set while the kiosk runs opens the next staff entry" [ $? -eq 0 ] ||
    sed 's/^/    /' "$WW_TMP/newpin.out"

finish
