#!/bin/sh
# Tickets end to end: draw them (Dutch, Arabic; 80 and 58 mm), decode every
# QR with zbar and check in with what it says; print on a pretend network
# ESC/POS printer on localhost, including paper out halfway through a ticket
# and a cover left open: the booking stays, unprinted, and prints once the
# printer is back; the same through a device file; and the kiosk showing the
# ticket on screen when the paper runs out. Tickets land in $WW_SHOTS (default build/screenshots).
. tests/e2e/lib.sh

export WEGWIJZER_NOW=2026-11-24T09:30 # a Tuesday
L="--location weener-xl"
T=$WW_TMP
SHOTS=${WW_SHOTS:-build/screenshots}
mkdir -p "$SHOTS"
cp -r "$WEGWIJZER_CONFIG" "$T/cfg"
export WEGWIJZER_CONFIG="$T/cfg"
PRINTERS=""
trap 'for p in $PRINTERS; do kill "$p" 2>/dev/null; done; rm -rf "$WW_TMP"' EXIT

qr_of() { zbarimg -q --raw "$1" 2>/dev/null; }
# is_qr FILE TEXT: zbar reads exactly TEXT (never empty) from the picture.
is_qr() { [ -n "$2" ] && [ "$(qr_of "$1")" = "$2" ]; }
set_printer() {
    v=$(printf '%s' "$1" | sed 's/[&|\\]/\\&/g')
    sed -i "s|^printer = .*|printer = $v|" "$T/cfg/locations/weener-xl.ini"
}
not_printed() { ww staff bookings $L | grep "^$1 " | grep -q "(not printed)"; }
printed() { ww staff bookings $L | grep "^$1 " >/dev/null && ! not_printed "$1"; }

# start_printer NAME [options]: a pretend printer; sets PORT.
start_printer() {
    name=$1
    shift
    mkdir -p "$T/$name"
    python3 tests/e2e/escpos_printer.py serve --port-file "$T/$name/port" \
        --state "$T/$name/state" --pbm-dir "$T/$name" "$@" &
    PRINTERS="$PRINTERS $!"
    LAST_PRINTER=$!
    i=0
    while [ ! -s "$T/$name/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    PORT=$(cat "$T/$name/port")
    set_printer "escpos-net:127.0.0.1:$PORT?timeout=2"
}
# printer_state NAME KEY: a value of the printer's summary after N connections.
printer_state() {
    i=0
    while ! grep -q "^connections=$3\$" "$T/$1/state" 2>/dev/null && [ $i -lt 100 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    sed -n "s/^$2=//p" "$T/$1/state"
}

# ---- bookings to print ----
out=$(ww book $L --partner sociaal-raadslieden)
qr1=$(printf '%s\n' "$out" | sed -n 's/^qr //p')
check "booked S-001" [ -n "$qr1" ]
ww book $L --partner sociaal-raadslieden >/dev/null # S-002
ww book $L --partner sociaal-raadslieden >/dev/null # S-003
check "a new booking is unprinted" not_printed S-001

# ---- the ticket command ----
expect "ticket --help" 0 "usage: wegwijzer ticket" -- ww ticket --help
expect "ticket needs --out" 2 "--out are needed" -- ww ticket $L --ticket S-001
expect "ticket: bad width" 2 "--width '62' must be 80 or 58" \
    -- ww ticket $L --ticket S-001 --out "$T/x.png" --width 62
expect "ticket: unknown language" 2 "--lang 'xx' is not a language" \
    -- ww ticket $L --ticket S-001 --out "$T/x.png" --lang xx
expect "ticket: unknown number" 1 "no ticket S-099 on 2026-11-24" \
    -- ww ticket $L --ticket S-099 --out "$T/x.png"
expect "ticket: forged QR" 1 "forged or from elsewhere" \
    -- ww ticket $L --code "WW1:weener-xl:0000000000" --out "$T/x.png"

expect "Dutch ticket, 80 mm" 0 "ticket S-001 (576 x" \
    -- ww ticket $L --ticket S-001 --out "$SHOTS/ticket-nl-80.png" --escpos "$T/nl80.bin"
check "its QR is the booking's" is_qr "$SHOTS/ticket-nl-80.png" "$qr1"
python3 tests/e2e/escpos_printer.py topbm "$T/nl80.bin" "$T/nl80.pbm"
check "its ESC/POS bytes carry a readable QR" is_qr "$T/nl80.pbm" "$qr1"
expect "Dutch ticket, 58 mm" 0 "ticket S-001 (384 x" \
    -- ww ticket $L --code "$qr1" --width 58 --out "$SHOTS/ticket-nl-58.png" --escpos "$T/nl58.bin"
check "58 mm QR is the booking's" is_qr "$SHOTS/ticket-nl-58.png" "$qr1"
python3 tests/e2e/escpos_printer.py topbm "$T/nl58.bin" "$T/nl58.pbm"
check "58 mm ESC/POS bytes carry a readable QR" is_qr "$T/nl58.pbm" "$qr1"

# The shipped Arabic catalogue (the booking was made in Dutch: --lang).
expect "Arabic ticket, 80 mm" 0 "ticket S-001 (576 x" \
    -- ww ticket $L --ticket S-001 --lang ar --out "$SHOTS/ticket-ar-80.png"
check "Arabic QR is the booking's" is_qr "$SHOTS/ticket-ar-80.png" "$qr1"
check "Arabic ticket differs from the Dutch one" \
    sh -c '! cmp -s "$1" "$2"' _ "$SHOTS/ticket-ar-80.png" "$SHOTS/ticket-nl-80.png"
expect "Arabic ticket, 58 mm" 0 "ticket S-001 (384 x" \
    -- ww ticket $L --ticket S-001 --lang ar --width 58 --out "$SHOTS/ticket-ar-58.png"
check "Arabic 58 mm QR is the booking's" is_qr "$SHOTS/ticket-ar-58.png" "$qr1"

# ---- check-in with what the scanner read ----
scanned=$(qr_of "$SHOTS/ticket-nl-80.png")
expect "check in with the decoded QR" 0 "S-001 09:30 Sociaal raadslieden desk 1: checked in" \
    -- ww staff checkin $L "$scanned"
expect "a second scan is reported, not counted" 0 "already checked in earlier" \
    -- ww staff checkin $L "$scanned"
lower=$(printf '%s' "$scanned" | sed 's/:\([^:]*\)$/:\L\1/')
expect "a lower-case scan of ticket 1 is the same ticket" 0 "already checked in" \
    -- ww staff checkin $L "$lower"
check_part=${scanned##*:}
last=$(printf '%s' "$check_part" | cut -c10)
if [ "$last" = "Z" ]; then other=Y; else other=Z; fi
forged="WW1:weener-xl:$(printf '%s' "$check_part" | cut -c1-9)$other"
expect "a forged QR is refused" 1 "forged or from elsewhere" -- ww staff checkin $L "$forged"
expect "a QR of another location is refused" 1 "forged or from elsewhere" \
    -- ww staff checkin $L "WW1:scheidingsplein-hollands-kroon:$check_part"
expect "not a code at all" 1 "is not a ticket code" -- ww staff checkin $L "hello"
expect "a typed ticket number" 0 "S-002 09:30 Sociaal raadslieden desk 2: checked in" \
    -- ww staff checkin $L "s2"

# ---- a network printer ----
start_printer ok
expect "reprint on the network printer" 0 "S-001 printed" -- ww staff reprint $L S-001
check "it cut one ticket" [ "$(printer_state ok cuts 1)" = 1 ]
check "it confirmed the ticket" [ "$(printer_state ok confirmations 1)" = 1 ]
check "the printed QR is the booking's" is_qr "$T/ok/job-1.pbm" "$qr1"
check "the booking is marked printed" printed S-001
expect "reprint by scanned QR" 0 "S-001 printed" -- ww staff reprint $L "$qr1"
check "a second ticket came out" [ "$(printer_state ok cuts 2)" = 2 ]

start_printer low --near-end
expect "paper nearly used up: printed, staff told" 0 "S-001 printed (the paper roll is nearly used up)" \
    -- ww staff reprint $L S-001

# Paper runs out a third of the way down the ticket.
start_printer paperout --paper-out-after 300
expect "paper out mid-ticket: not printed" 1 "S-003 not printed: printer out of paper" \
    -- ww staff reprint $L S-003
check "the printer stopped without a cut" [ "$(printer_state paperout cuts 1)" = 0 ]
check "the printer is out of paper" [ "$(printer_state paperout paper_out 1)" = 1 ]
check "the booking is kept, unprinted" not_printed S-003
expect "the booking is still there" 0 "S-003" -- ww staff bookings $L
expect "a new try while the paper is out fails at once" 1 "before printing: paper out" \
    -- ww staff reprint $L S-003
check "still unprinted" not_printed S-003

# Paper replaced: a fresh printer.
start_printer refilled
expect "reprint after new paper" 0 "S-003 printed" -- ww staff reprint $L S-003
check "now printed" printed S-003

start_printer cover --cover-open
expect "cover open: not printed" 1 "before printing: cover open" -- ww staff reprint $L S-002
check "S-002 stays unprinted" not_printed S-002

start_printer mute --mute
expect "a printer that never answers" 1 "does not answer a status request" \
    -- ww staff reprint $L S-002
kill "$LAST_PRINTER"
wait "$LAST_PRINTER" 2>/dev/null
expect "a printer that is gone" 1 "not available" -- ww staff reprint $L S-002
check "S-002 still unprinted" not_printed S-002
expect "the audit log has the reprints" 0 "reprint  for 2026-11-24: S-002 failed" \
    -- ww staff audit $L

# ---- a printer as a device file (a pseudo-terminal stands in for USB) ----
# start_device NAME [options]: sets DEV.
start_device() {
    name=$1
    shift
    mkdir -p "$T/$name"
    python3 tests/e2e/escpos_printer.py pty --path-file "$T/$name/path" \
        --state "$T/$name/state" --pbm-dir "$T/$name" "$@" &
    PRINTERS="$PRINTERS $!"
    i=0
    while [ ! -s "$T/$name/path" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    DEV=$(cat "$T/$name/path")
    set_printer "escpos:$DEV?timeout=2"
}
# has_state NAME KEY VALUE: the device printer's summary says so (it is
# rewritten after every read, so give it a moment to settle).
has_state() {
    i=0
    while ! grep -q "^$2=$3\$" "$T/$1/state" 2>/dev/null && [ $i -lt 100 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    grep -q "^$2=$3\$" "$T/$1/state"
}
ww book $L --partner sociaal-raadslieden >/dev/null # S-004
start_device dev
expect "print on a device file" 0 "S-004 printed" -- ww staff reprint $L S-004
check "the device cut one ticket" has_state dev cuts 1
check "the device confirmed it" has_state dev confirmations 1
check "the device's QR decodes" sh -c '[ -n "$(zbarimg -q --raw "$1" 2>/dev/null)" ]' _ "$T/dev/job-1.pbm"
check "S-004 printed" printed S-004
ww book $L --partner sociaal-raadslieden >/dev/null # S-005
start_device devpaper --paper-out-after 200
expect "device: paper out mid-ticket" 1 "S-005 not printed: printer out of paper" \
    -- ww staff reprint $L S-005
check "device: stopped without a cut" has_state devpaper cuts 0
check "device: S-005 kept, unprinted" not_printed S-005
set_printer "escpos:$DEV?timeout=2&status=no"
expect "status=no counts written bytes as printed (the printer cannot tell)" 0 "S-005 printed" \
    -- ww staff reprint $L S-005

# ---- the kiosk, with paper running out mid-ticket ----
# The resident books on the touch screen; the ticket shows on screen (number
# and QR), the booking stays unprinted, and the QR on the screen finds it.
start_printer kiosk --paper-out-after 300
cat >"$T/kiosk.txt" <<EOS
expect screen attract
tap start
expect screen topics
tap topic:brief
walk
expect screen outcome
tap book
expect screen time
tap-first time:
expect screen confirm
tap confirm
expect screen ticket
expect text printer doet het niet
screenshot ticket-screen-paper-out
EOS
expect "kiosk: paper out, the ticket is on screen" 0 "" \
    -- env SDL_VIDEODRIVER=offscreen WEGWIJZER_ALLOW_ROOT=1 "$WW_BIN" kiosk $L \
    --script "$T/kiosk.txt" --screenshot-dir "$SHOTS"
check "kiosk: the printer stopped without a cut" [ "$(printer_state kiosk cuts 1)" = 0 ]
onscreen=$(qr_of "$SHOTS/ticket-screen-paper-out.png")
check "kiosk: the QR on screen is readable" [ -n "$onscreen" ]
number=$(ww ticket $L --code "$onscreen" --out "$T/from-screen.png" |
    sed -n 's/.*: ticket \([A-Z]-[0-9]*\) .*/\1/p')
check "kiosk: the on-screen QR finds a booking ($number)" [ -n "$number" ]
check "kiosk: that booking is unprinted" not_printed "$number"
start_printer kiosk-refilled
expect "kiosk booking reprinted by staff" 0 "$number printed" -- ww staff reprint $L "$onscreen"
check "kiosk booking now printed" printed "$number"

# ---- no printer at all ----
set_printer none
expect "no printer: the ticket goes on screen" 1 "no printer configured" \
    -- ww staff reprint $L S-002

finish
