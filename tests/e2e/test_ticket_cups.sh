#!/bin/sh
# Printing through a real CUPS server started for this test: its own
# configuration, spool and socket in a temporary folder. The queue is a raw
# queue whose device is socket:// to a capture port on localhost, so what
# CUPS delivered can be read back: the ticket PNG, its QR decoded by zbar.
# Then: a disabled queue, a queue whose printer does not answer (the job is
# cancelled at the timeout), an unknown queue: each leaves the booking
# unprinted.
. tests/e2e/lib.sh

export WEGWIJZER_NOW=2026-11-24T09:30
L="--location weener-xl"
T=$WW_TMP
cp -r "$WEGWIJZER_CONFIG" "$T/cfg"
export WEGWIJZER_CONFIG="$T/cfg"
PIDS=""
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$WW_TMP"' EXIT

qr_of() { zbarimg -q --raw "$1" 2>/dev/null; }
# is_qr FILE TEXT: zbar reads exactly TEXT (never empty) from the picture.
is_qr() { [ -n "$2" ] && [ "$(qr_of "$1")" = "$2" ]; }
set_printer() {
    v=$(printf '%s' "$1" | sed 's/[&|\\]/\\&/g')
    sed -i "s|^printer = .*|printer = $v|" "$T/cfg/locations/weener-xl.ini"
}
not_printed() { ww staff bookings $L | grep "^$1 " | grep -q "(not printed)"; }
printed() { ww staff bookings $L | grep "^$1 " >/dev/null && ! not_printed "$1"; }
wait_file() {
    i=0
    while [ ! -s "$1" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
}

CUPSD=$(command -v cupsd || echo /usr/sbin/cupsd)
if [ ! -x "$CUPSD" ] || ! command -v lp >/dev/null || ! command -v lpadmin >/dev/null; then
    echo "FAIL cups: cupsd, lp or lpadmin missing (Debian packages cups, cups-bsd, cups-client)"
    exit 1
fi

# ---- a private CUPS server ----
C=$T/cups
mkdir -p "$C/etc/ppd" "$C/state" "$C/cache" "$C/spool" "$C/tmp" "$C/log" "$C/out"
chmod 755 "$T" "$C"
chmod 777 "$C/out"
cat >"$C/cups-files.conf" <<EOC
ServerRoot $C/etc
StateDir $C/state
CacheDir $C/cache
RequestRoot $C/spool
TempDir $C/tmp
ServerBin /usr/lib/cups
DataDir /usr/share/cups
DocumentRoot /usr/share/cups/doc-root
ErrorLog $C/log/error_log
AccessLog $C/log/access_log
PageLog $C/log/page_log
SystemGroup root
EOC
cat >"$C/etc/cupsd.conf" <<EOC
Listen $C/cups.sock
LogLevel info
WebInterface No
Browsing No
<Location />
  Order allow,deny
  Allow all
</Location>
EOC
"$CUPSD" -f -c "$C/etc/cupsd.conf" -s "$C/cups-files.conf" >"$C/log/stdout" 2>&1 &
PIDS="$PIDS $!"
export CUPS_SERVER="$C/cups.sock"
i=0
while ! lpstat -r >/dev/null 2>&1 && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "the CUPS server runs" sh -c "lpstat -r >/dev/null"

python3 tests/e2e/escpos_printer.py capture --port-file "$C/port" --out-dir "$C/out" &
PIDS="$PIDS $!"
CAPTURE=$!
wait_file "$C/port"
PORT=$(cat "$C/port")
check "queue created" lpadmin -p wegwijzer-test -E -v "socket://127.0.0.1:$PORT"

# ---- print ----
qr1=$(ww book $L --partner sociaal-raadslieden | sed -n 's/^qr //p')
ww book $L --partner sociaal-raadslieden >/dev/null # S-002
set_printer "cups:wegwijzer-test?timeout=20"
expect "reprint through CUPS" 0 "S-001 printed" -- ww staff reprint $L S-001
wait_file "$C/out/conn-1.bin"
check "CUPS delivered a PNG" sh -c 'head -c 4 "$1" | grep -q PNG' _ "$C/out/conn-1.bin"
cp "$C/out/conn-1.bin" "$T/got.png"
check "its QR is the booking's" is_qr "$T/got.png" "$qr1"
check "the booking is marked printed" printed S-001
check "CUPS lists the job as completed" sh -c 'lpstat -W completed -o wegwijzer-test | grep -q .'

# ---- failures ----
cupsdisable wegwijzer-test
expect "a disabled queue" 1 "is disabled" -- ww staff reprint $L S-002
check "S-002 unprinted" not_printed S-002
cupsenable wegwijzer-test

# The printer behind the queue stops answering: CUPS keeps the job, we
# cancel it at our timeout so it cannot come out later.
kill "$CAPTURE"
wait "$CAPTURE" 2>/dev/null
set_printer "cups:wegwijzer-test?timeout=3"
expect "printer behind CUPS does not answer" 1 "not printed within 3 s: cancelled" \
    -- ww staff reprint $L S-002
check "S-002 still unprinted" not_printed S-002
check "no job left waiting in CUPS" sh -c '[ -z "$(lpstat -W not-completed -o wegwijzer-test)" ]'

set_printer "cups:no-such-queue"
expect "an unknown queue" 1 "not available" -- ww staff reprint $L S-002

finish
