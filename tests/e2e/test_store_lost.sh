#!/bin/sh
# The SQLite store file deleted, or replaced by another file, under a
# running kiosk: the kiosk refuses to book (the resident is sent to the
# desk, staff see the "cannot save" band), prints no ticket for a booking
# nobody else can see, and `book` in another process hands out no number
# the kiosk printed.
. tests/e2e/lib.sh

export WEGWIJZER_NOW=2026-11-24T09:30 # a Tuesday
export SDL_VIDEODRIVER=offscreen
export WEGWIJZER_ALLOW_ROOT=1
L="--location weener-xl"
T=$WW_TMP
cp -r "$WEGWIJZER_CONFIG" "$T/cfg"
export WEGWIJZER_CONFIG="$T/cfg"
sed -i "s|^printer = .*|printer = png:$T/tickets|" "$T/cfg/locations/weener-xl.ini"
mkdir -p "$T/tickets"
echo 246813 | ww staff set-pin $L >/dev/null
db=$WEGWIJZER_STATE/weener-xl.db
BG=""
trap 'for p in $BG; do kill "$p" 2>/dev/null; done; rm -rf "$WW_TMP"' EXIT
wait_for() {
    i=0
    while [ ! -e "$1" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
    [ -e "$1" ]
}
tickets() { sqlite3 -cmd '.timeout 5000' "$db" "select ticket from bookings order by ticket"; }

for how in deleted replaced; do
    S=$T/sync-$how
    mkdir -p "$S"
    rm -f "$db" "$db-wal" "$db-shm" "$T/tickets"/*
    cat >"$T/$how.txt" <<EOF
expect screen attract
tap start
tap talk
tap book
tap-first time:
tap confirm
expect screen ticket
expect text A-001
tap restart
touch-file $S/booked
wait-file $S/gone
tap start
tap talk
tap book
tap-first time:
tap confirm
expect screen confirm
expect text Een afspraak maken lukt nu niet
screenshot $how-refused
tap restart
hold 10 10 3
expect screen staff-pin
type 246813
key Return
expect screen staff-main
expect text Opslaan lukt niet
screenshot $how-staff
EOF
    ww kiosk $L --script "$T/$how.txt" --screenshot-dir "$S" >"$T/$how.out" 2>&1 &
    kpid=$!
    BG="$BG $kpid"
    check "$how: the kiosk booked A-001 first" wait_for "$S/booked"
    if [ "$how" = replaced ]; then
        # A copy of the store put in its place (a backup, another PC's file).
        sqlite3 -cmd '.timeout 5000' "$db" "VACUUM INTO '$T/copy.db'"
        mv "$T/copy.db" "$db"
    else
        rm "$db"
    fi
    touch "$S/gone"
    wait "$kpid"
    st=$?
    sed 's/^/    /' "$T/$how.out"
    check "$how: the kiosk refused the second booking and warned staff (exit $st)" [ "$st" -eq 0 ]
    check "$how: the log says the file $how" grep -q "was $how" "$T/$how.out"
    n=$(ls "$T/tickets" | wc -l)
    check "$how: one ticket printed, not two ($n)" [ "$n" -eq 1 ]
    out=$(ww book $L --partner algemene-balie 2>&1)
    echo "    $out"
    if [ "$how" = replaced ]; then
        check "$how: book elsewhere goes on after the printed A-001" \
            sh -c 'case "$1" in *A-002*) true ;; *) false ;; esac' _ "$out"
    fi
    check "$how: the store others read holds no ticket the kiosk did not print twice" \
        [ "$(tickets | sort | uniq -d)" = "" ]
    cp "$S"/*.png "${WW_SHOTS:-build/screenshots}/" 2>/dev/null
done
finish
