#!/bin/sh
# No personal data in logs: every log line of the kiosk (sessions in every
# language and topic, keypad and read-aloud, staff screens), of the staff
# commands (changes, check-in by QR code and ticket number, forged and
# foreign codes, reprint), of `book` and of the waiting-room screen is
# searched for anything a resident chose beyond ids: the answer texts of
# every flow in every language, and the check part of every booking made
# (the secret of the QR code). Log lines of earlier runs can be
# added with WW_LOGSCAN_DIRS (folders whose *.log and *.err files are
# scanned too; `make soak` passes its own). The scanner is shown to fail on a
# log line that does hold such a thing.
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy WEGWIJZER_ALLOW_ROOT=1
# Under AddressSanitizer: a one-time allocation inside fontconfig is not a leak of ours.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/e2e/screen-lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
LOGS=$WW_TMP/logs
mkdir -p "$LOGS"
L="--location weener-xl --now 2026-11-24T10:00"
DB="$WEGWIJZER_STATE/weener-xl.db"

# ---- kiosk sessions and staff changes (the short soak) ----
WW_BIN="$WW_BIN" SOAK_STAFF_EVERY=10 SOAK_KIOSK_STAFF_EVERY=25 SOAK_SAMPLE=60 \
    tests/soak/run.sh "$WW_TMP/soak" 60 1 >"$WW_TMP/soak.txt" 2>&1
check "60 generated sessions with staff changes" [ $? -eq 0 ]
cp "$WW_TMP/soak/kiosk.log" "$LOGS/soak-kiosk.log"
cp "$WW_TMP/soak/staff.err" "$LOGS/soak-staff.err"

# ---- real speech: Arabic and Ukrainian read aloud with espeak-ng ----
cat >"$WW_TMP/speak.txt" <<'EOF'
lang ar
tap topic:schulden
tap read
walk pick 7
tap read
tap-any book next
on time tap-first time:
on confirm tap confirm
tap read
tap restart
lang uk
key Tab
focus topic:wonen
key Return
walk pick-keys 3
key F1
key Home
EOF
ww kiosk $L --speech espeak --script "$WW_TMP/speak.txt" >/dev/null 2>"$LOGS/kiosk-speech.log"
check "kiosk with espeak-ng read-aloud" [ $? -eq 0 ]

# ---- book, staff commands, check-in by every kind of code ----
for p in belastingdienst algemene-balie sociaal-raadslieden; do
    ww book $L --partner $p >>"$WW_TMP/book.out" 2>>"$LOGS/book.err"
done
QR=$(sed -n 's/^qr //p' "$WW_TMP/book.out" | head -1)
T=$(sed -n 's/^ticket //p' "$WW_TMP/book.out" | sed -n 2p)
booked() { [ -n "$QR" ] && [ -n "$T" ]; }
check "book printed a QR text and a ticket number ($T)" booked
staff_cmd() { # command args...
    c=$1
    shift
    ww staff "$c" $L "$@" >>"$WW_TMP/staff.out" 2>>"$LOGS/staff.err"
}
staff_cmd checkin "$QR"
staff_cmd checkin "$T"
staff_cmd checkin "$T" # twice
staff_cmd checkin "WW1:scheidingsplein-hollands-kroon:${QR##*:}"
staff_cmd checkin "WW1:weener-xl:7KQ2M9XAPD"
staff_cmd checkin "Z-999"
staff_cmd checkin "${QR##*:}" # a bare check part, typed: never echoed
staff_cmd reprint "$T"
staff_cmd absent belastingdienst
staff_cmd undo belastingdienst
staff_cmd set werk-inkomen --time 09:00-11:00 --desks 3
staff_cmd add mediator --time 13:00-15:00
staff_cmd today
staff_cmd bookings
staff_cmd audit
check "staff commands ran" grep -q 'checked in' "$WW_TMP/staff.out"

# ---- the waiting-room screen ----
MEDIA=${WW_MEDIA:-build/media}
if [ -r "$MEDIA/voorbeeldfilm.mp4" ]; then
    ww screen --screen huisarts-wachtkamer --media "$MEDIA" --now 2026-11-23T16:59 --frames 90 \
        --fps 1 --size 320x180 >/dev/null 2>"$LOGS/screen.log"
fi

# ---- the scan ----
set -- --db "$DB" --db "$WW_TMP/soak/state/weener-xl.db" "$LOGS"/*
for d in ${WW_LOGSCAN_DIRS:-}; do
    for f in "$d"/*.log "$d"/*.err; do
        [ -f "$f" ] && set -- "$@" "$f"
    done
    for f in "$d"/state/*.db; do
        [ -f "$f" ] && set -- --db "$f" "$@"
    done
done
expect "no resident data in any log line" 0 "0 hits" -- python3 tests/soak/logscan.py "$@"
python3 tests/soak/logscan.py "$@" | tail -1 | sed 's/^/     /'

# ---- the scanner fails on a log line that holds resident data ----
CHECK=$(sqlite3 "$DB" 'select check_code from bookings limit 1')
UK=$(awk '$0 == "msgid \"Nee, ik heb schulden\"" { getline; sub(/^msgstr "/, ""); sub(/"$/, ""); print; exit }' \
    locales/uk.po)
cp "$LOGS/soak-kiosk.log" "$WW_TMP/injected.log"
echo "wegwijzer: info: kiosk: booked $T check $CHECK" >>"$WW_TMP/injected.log"
expect "the scanner catches a check part" 1 "the check part of a booking" -- \
    python3 tests/soak/logscan.py --db "$DB" "$WW_TMP/injected.log"
cp "$LOGS/soak-kiosk.log" "$WW_TMP/injected.log"
echo "wegwijzer: info: kiosk: answer $UK" >>"$WW_TMP/injected.log"
expect "the scanner catches a chosen answer (Ukrainian)" 1 "what a resident chose: schulden.flow" -- \
    python3 tests/soak/logscan.py "$WW_TMP/injected.log"
echo "wegwijzer: info: scanned $QR" >"$WW_TMP/injected.log"
expect "the scanner catches a QR text" 1 "a QR payload" -- \
    python3 tests/soak/logscan.py "$WW_TMP/injected.log"
echo "wegwijzer: info: kiosk: booked $T for partner schuldhulp (topic schulden, outcome spoed, 09:30)" \
    >"$WW_TMP/ids.log"
expect "ids, ticket numbers and times are allowed" 0 "0 hits" -- \
    python3 tests/soak/logscan.py --db "$DB" "$WW_TMP/ids.log"

finish
