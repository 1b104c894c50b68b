#!/bin/sh
# The disk-full case of test_faults.sh, run inside a private mount
# namespace (unshare -m as root, unshare -rm otherwise) so the small tmpfs
# it mounts disappears with it:
#   faults_disk_full.sh MOUNT-POINT SYNC-DIR
# Prints ok/FAIL lines (test_faults.sh counts them), or one "skipped: ..."
# line when no tmpfs can be mounted here.
. tests/e2e/lib.sh
D=$1 SYNC=$2
export WEGWIJZER_NOW=2026-11-24T09:30 # lib.sh clears it
if ! mount -t tmpfs -o size=1m tmpfs "$D" 2>"$SYNC/mount.err"; then
    echo "skipped: disk full: cannot mount a tmpfs here ($(cat "$SYNC/mount.err"))"
    exit 0
fi
export WEGWIJZER_STATE="$D"
L="--location weener-xl"
db=$D/weener-xl.db
count() { sqlite3 "$db" "select count(*) from bookings"; }
rows() { sqlite3 "$db" \
    "select id, partner, day, start, desk, ticket, check_code, printed from bookings" | sort; }
integrity() { [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ]; }
wait_for() {
    i=0
    while [ ! -e "$1" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
    [ -e "$1" ]
}
fill() { # until the disk has no room left
    dd if=/dev/zero of="$D/filler" bs=64k 2>/dev/null
    dd if=/dev/zero of="$D/filler2" bs=512 2>/dev/null
    true
}
free_space() { rm -f "$D/filler" "$D/filler2"; }

for i in 1 2 3; do ww book $L --partner sociaal-raadslieden >/dev/null; done
ww staff absent belastingdienst $L >/dev/null
rows >"$SYNC/before"
check "disk full: three bookings to keep" [ "$(count)" -eq 3 ]

# A kiosk that is running when the disk fills up.
cat >"$SYNC/kiosk.txt" <<EOS
tap start
tap talk
expect text Algemene balie
tap book
tap-first time:
expect screen confirm
touch-file $SYNC/at-confirm
wait-file $SYNC/full
tap confirm
expect screen confirm
expect text Een afspraak maken lukt nu niet
screenshot full-book-failed
touch-file $SYNC/failed
wait-file $SYNC/freed
tap confirm
expect screen ticket
expect text A-0
EOS
ww kiosk $L --script "$SYNC/kiosk.txt" --screenshot-dir "$SYNC" >"$SYNC/kiosk.out" 2>&1 &
kpid=$!
wait_for "$SYNC/at-confirm"
fill
df -k "$D" | sed 's/^/    /'
touch "$SYNC/full"
expect "disk full: book fails, says the disk is full" 1 "its disk is full: free space on that disk" \
    -- ww book $L --partner sociaal-raadslieden
expect "disk full: staff absent fails the same way" 1 "its disk is full" \
    -- ww staff absent werk-inkomen $L
check "disk full: the running kiosk refuses the booking cleanly" wait_for "$SYNC/failed"
check "disk full: the database is intact" integrity
rows >"$SYNC/during"
check "disk full: nothing changed" cmp -s "$SYNC/before" "$SYNC/during"
free_space
touch "$SYNC/freed"
wait "$kpid"
st=$?
sed 's/^/    /' "$SYNC/kiosk.out"
check "disk full: space freed, the same kiosk books (exit $st)" [ "$st" -eq 0 ]

# Full before anything opens the store: it opens for reading only.
fill
expect "disk full at start: book fails, says the disk is full" 1 "its disk is full" \
    -- ww book $L --partner sociaal-raadslieden
expect "disk full at start: staff still see the bookings" 0 "S-003" -- ww staff bookings $L
free_space
expect "disk full: space freed, book works" 0 "ticket S-004" -- ww book $L --partner sociaal-raadslieden
expect "disk full: space freed, staff absent works" 0 "" -- ww staff absent werk-inkomen $L
rows >"$SYNC/after"
check "disk full: 3 + 2 bookings ($(count))" [ "$(count)" -eq 5 ]
check "disk full: the earlier bookings are all there, unchanged" \
    sh -c '[ -z "$(comm -23 "$1" "$2")" ]' _ "$SYNC/before" "$SYNC/after"
check "disk full: integrity ok" integrity
finish
