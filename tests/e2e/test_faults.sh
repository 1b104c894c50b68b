#!/bin/sh
# Faults, each ending with nothing lost, on the real binary:
#   1. the SQLite file read-only (and its folder, so no -wal/-shm can be made)
#   2. a full disk (a small tmpfs in a private mount namespace)
#   3. the store locked by another process for longer than the busy timeout
#   4. kill -9 of `book` processes and of a booking kiosk at random moments
#   5. the printer's cable pulled mid-ticket: network and device file
# PostgreSQL killed mid-transaction is tests/e2e/test_pg_race.sh.
# Screenshots land in $WW_SHOTS/faults (default build/screenshots/faults).
. tests/e2e/lib.sh

export WEGWIJZER_NOW=2026-11-24T09:30 # a Tuesday
export SDL_VIDEODRIVER=offscreen
export WEGWIJZER_ALLOW_ROOT=1
L="--location weener-xl"
T=$WW_TMP
SHOTS=${WW_SHOTS:-build/screenshots}/faults
mkdir -p "$SHOTS"
# A private copy: a rebuild while the tests run cannot swap the binary.
cp "$WW_BIN" "$T/wegwijzer"
WW_BIN="$T/wegwijzer"
cp -r "$WEGWIJZER_CONFIG" "$T/cfg"
export WEGWIJZER_CONFIG="$T/cfg"
BG=""
trap 'for p in $BG; do kill "$p" 2>/dev/null; done; chmod -R u+w "$WW_TMP"; rm -rf "$WW_TMP"' EXIT

# Bookings as one line each, to compare before and after: live (WAL
# included), or straight from the file where nothing can write it.
rows() { sqlite3 -cmd '.timeout 5000' "$1" \
    "select id, partner, day, start, desk, ticket, check_code, printed from bookings" | sort; }
rows_file() { sqlite3 "file:$1?immutable=1" \
    "select id, partner, day, start, desk, ticket, check_code, printed from bookings" | sort; }
count() { sqlite3 -cmd '.timeout 5000' "$1" "select count(*) from bookings"; }
count_file() { sqlite3 "file:$1?immutable=1" "select count(*) from bookings"; }
integrity() { [ "$(sqlite3 -cmd '.timeout 5000' "$1" 'PRAGMA integrity_check')" = ok ]; }
# kept BEFORE AFTER: every row of BEFORE is in AFTER, unchanged.
kept() { [ -z "$(comm -23 "$1" "$2")" ]; }
# wait_for FILE: until it exists (a kiosk script's touch-file), at most 60 s.
wait_for() {
    i=0
    while [ ! -e "$1" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
    [ -e "$1" ]
}
# no_crash OUTPUT-FILE: no sanitizer report, no signal.
no_crash() { ! grep -q -e 'Sanitizer' -e 'runtime error' -e 'Segmentation' "$1"; }
set_printer() {
    v=$(printf '%s' "$1" | sed 's/[&|\\]/\\&/g')
    sed -i "s|^printer = .*|printer = $v|" "$T/cfg/locations/weener-xl.ini"
}
set_printer none
# A staff PIN, to look at the staff screen's warnings.
echo 246813 | "$WW_BIN" staff set-pin $L >/dev/null
t_start=$(date +%s)
section() { echo "---- $1 ($(($(date +%s) - t_start)) s in)"; }

# ======== 1. read-only store ========
section "1. read-only store"
# Root writes any file whatever its mode, so as root the person at the kiosk
# is played by an unprivileged user (nobody); otherwise by ourselves.
RO=$T/ro
mkdir -p "$RO/sync"
if [ "$(id -u)" -eq 0 ]; then
    AS="setpriv --reuid=65534 --regid=65534 --clear-groups --"
    chmod 755 "$T"
    chmod -R a+rX "$T/cfg" "$T/wegwijzer"
    chown -R 65534:65534 "$RO"
else
    AS=""
fi
asu() { $AS env WEGWIJZER_STATE="$RO" "$WW_BIN" "$@"; }
# The staff PIN lives in the state folder: this kiosk's is $RO, the
# service user's (readable by it alone).
cp "$WEGWIJZER_STATE/weener-xl.pin" "$RO/"
[ "$(id -u)" -eq 0 ] && chown 65534:65534 "$RO/weener-xl.pin"
rodb=$RO/weener-xl.db
for i in 1 2 3; do asu book $L --partner sociaal-raadslieden >/dev/null; done
asu staff absent belastingdienst $L >/dev/null
rows_file "$rodb" >"$T/ro-before"
check "read-only: three bookings to keep" [ "$(count_file "$rodb")" -eq 3 ]
# The file alone read-only: refused, and no -wal/-shm left behind that would
# stay read-only after the file is made writable again.
chmod 444 "$rodb"
expect "read-only file: book fails" 1 "cannot be written" -- asu book $L --partner sociaal-raadslieden
check "read-only file: no -wal or -shm file left behind" \
    [ ! -e "$rodb-wal" -a ! -e "$rodb-shm" ]
# And its folder too.
chmod 555 "$RO"

asu book $L --partner sociaal-raadslieden >"$T/ro-book.out" 2>&1
st=$?
sed 's/^/    /' "$T/ro-book.out"
check "read-only: book fails with status 1" [ "$st" -eq 1 ]
check "read-only: the message names the file and says what to do" \
    grep -q "store $rodb cannot be written (.*): it is read-only for this user: make the file .* writable" \
    "$T/ro-book.out"
check "read-only: no crash" no_crash "$T/ro-book.out"
asu staff absent werk-inkomen $L >"$T/ro-absent.out" 2>&1
st=$?
check "read-only: staff absent fails with status 1, same message" \
    sh -c '[ "$1" -eq 1 ] && grep -q "cannot be written" "$2"' _ "$st" "$T/ro-absent.out"
expect "read-only: staff still see the bookings" 0 "S-003" -- asu staff bookings $L

# The kiosk, started on the read-only store: information and the general
# desk work; the booking fails with a message to the resident; once the
# file is writable the same kiosk books without a restart.
cat >"$T/ro-kiosk.txt" <<EOF
expect screen attract
tap start
tap topic:schulden
walk
expect screen outcome
screenshot ro-outcome
tap talk
expect screen outcome
expect text Algemene balie
tap book
expect screen time
tap-first time:
expect screen confirm
tap confirm
expect screen confirm
expect text Een afspraak maken lukt nu niet
screenshot ro-book-failed
hold 10 10 3
expect screen staff-pin
type 246813
key Return
expect screen staff-main
expect text Opslaan lukt niet
screenshot ro-staff-warning
tap staff:close
touch-file $RO/sync/failed
wait-file $RO/sync/writable
tap start
tap talk
tap book
tap-first time:
tap confirm
expect screen ticket
expect text A-0
screenshot ro-booked-again
hold 10 10 3
type 246813
key Return
expect screen staff-main
expect no-text Opslaan lukt niet
EOF
chmod 644 "$T/ro-kiosk.txt"
asu kiosk $L --script "$T/ro-kiosk.txt" --screenshot-dir "$RO/sync" >"$T/ro-kiosk.out" 2>&1 &
kpid=$!
BG="$BG $kpid"
check "read-only: the kiosk starts, informs and refuses the booking cleanly" wait_for "$RO/sync/failed"
rows_file "$rodb" >"$T/ro-during"
check "read-only: the store is unchanged meanwhile" cmp -s "$T/ro-before" "$T/ro-during"
chmod 755 "$RO"
chmod 644 "$rodb"
touch "$RO/sync/writable"
wait "$kpid"
st=$?
sed 's/^/    /' "$T/ro-kiosk.out"
check "read-only: writable again, the same kiosk books (exit $st)" [ "$st" -eq 0 ]
check "read-only: no kiosk crash" no_crash "$T/ro-kiosk.out"
cp "$RO"/sync/ro-*.png "$SHOTS/" 2>/dev/null
expect "read-only: writable again, book works" 0 "ticket S-004" -- asu book $L --partner sociaal-raadslieden
expect "read-only: writable again, staff absent works" 0 "" -- asu staff absent werk-inkomen $L
rows_file "$rodb" >"$T/ro-after"
check "read-only: 3 + 2 bookings ($(count_file "$rodb"))" [ "$(count_file "$rodb")" -eq 5 ]
check "read-only: the earlier bookings are all there, unchanged" kept "$T/ro-before" "$T/ro-after"
check "read-only: integrity ok" integrity "$rodb"


# ======== 2. disk full ========
section "2. disk full"
# A real full filesystem: a 1 MB tmpfs, mounted in a private mount namespace
# (as root, or as an ordinary user through a user namespace), filled up.
mkdir -p "$T/full" "$T/full-sync"
if [ "$(id -u)" -eq 0 ]; then NS="unshare -m"; else NS="unshare -rm"; fi
$NS sh tests/e2e/faults_disk_full.sh "$T/full" "$T/full-sync" >"$T/full.out" 2>&1
grep -q -e '^ok   ' -e '^FAIL ' -e '^skipped: ' "$T/full.out" ||
    echo "skipped: disk full: no private mount namespace here ($NS: $(head -1 "$T/full.out"))" \
        >>"$T/full.out"
while IFS= read -r line; do
    case "$line" in
    "ok   "*) ww_n=$((ww_n + 1)) ;;
    "FAIL "*) ww_n=$((ww_n + 1)) ww_fail=$((ww_fail + 1)) ;;
    "skipped: "* | "    "*) ;;
    *) continue ;;
    esac
    printf '%s\n' "$line"
done <"$T/full.out"
cp "$T"/full-sync/full-*.png "$SHOTS/" 2>/dev/null

# ======== 3. locked longer than the busy timeout ========
section "3. locked longer than the busy timeout"
# Another process holds BEGIN EXCLUSIVE for longer than the store's busy
# timeout (5 s) while the CLI books, staff mark a partner absent and a kiosk
# books: each gives up while the lock is still held (no hang), changes
# nothing, and succeeds once the lock is gone.
LK=$T/lock
mkdir -p "$LK"
lkdb=$LK/weener-xl.db
lk() { WEGWIJZER_STATE="$LK" "$WW_BIN" "$@"; }
for i in 1 2 3; do lk book $L --partner sociaal-raadslieden >/dev/null; done
rows "$lkdb" >"$T/lock-before"
audits_before=$(sqlite3 "$lkdb" "select count(*) from audit")
cat >"$T/lock-kiosk.txt" <<EOF
tap start
tap talk
tap book
tap-first time:
expect screen confirm
touch-file $LK/at-confirm
wait-file $LK/locked
tap confirm
expect screen confirm
expect text Het boeken lukte niet
screenshot lock-book-failed
touch-file $LK/gave-up
wait-file $LK/unlocked
tap confirm
expect screen ticket
expect text A-0
EOF
WEGWIJZER_STATE="$LK" "$WW_BIN" kiosk $L --script "$T/lock-kiosk.txt" --screenshot-dir "$LK" \
    >"$T/lock-kiosk.out" 2>&1 &
kpid=$!
BG="$BG $kpid"
wait_for "$LK/at-confirm"
python3 tests/e2e/kill_storm.py lock --db "$lkdb" --flag "$LK/holding" --seconds 12 &
holder=$!
BG="$BG $holder"
wait_for "$LK/holding"
touch "$LK/locked"
lk book $L --partner sociaal-raadslieden >"$T/lock-book.out" 2>&1 &
bpid=$!
lk staff absent belastingdienst $L >"$T/lock-absent.out" 2>&1 &
apid=$!
wait "$bpid"
bst=$?
check "locked: book gave up while the lock was still held (no hang)" kill -0 "$holder"
wait "$apid"
ast=$?
check "locked: staff absent gave up while the lock was still held" kill -0 "$holder"
wait_for "$LK/gave-up"
check "locked: the kiosk gave up while the lock was still held" kill -0 "$holder"
sed 's/^/    /' "$T/lock-book.out" "$T/lock-absent.out"
check "locked: book says the store is busy (exit $bst)" \
    sh -c '[ "$1" -eq 1 ] && grep -q "not booked: store busy (locked by another process)" "$2"' _ \
    "$bst" "$T/lock-book.out"
check "locked: staff absent is not saved (exit $ast)" \
    sh -c '[ "$1" -eq 1 ] && grep -q "not saved: store busy" "$2"' _ "$ast" "$T/lock-absent.out"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
rows "$lkdb" >"$T/lock-during"
check "locked: nothing half-written" cmp -s "$T/lock-before" "$T/lock-during"
check "locked: no audit entry for the change that was not made" \
    [ "$(sqlite3 "$lkdb" "select count(*) from audit")" -eq "$audits_before" ]
touch "$LK/unlocked"
wait "$kpid"
st=$?
sed 's/^/    /' "$T/lock-kiosk.out"
check "locked: lock gone, the same kiosk books (exit $st)" [ "$st" -eq 0 ]
cp "$LK"/lock-*.png "$SHOTS/" 2>/dev/null
expect "locked: lock gone, book works" 0 "ticket S-004" -- lk book $L --partner sociaal-raadslieden
expect "locked: lock gone, staff absent works" 0 "" -- lk staff absent belastingdienst $L
check "locked: staff absent is in the audit log once" \
    [ "$(sqlite3 "$lkdb" "select count(*) from audit where action = 'absent'")" -eq 1 ]
rows "$lkdb" >"$T/lock-after"
check "locked: 3 + 2 bookings" [ "$(count "$lkdb")" -eq 5 ]
check "locked: the earlier bookings are all there, unchanged" kept "$T/lock-before" "$T/lock-after"
check "locked: integrity ok" integrity "$lkdb"

# ======== 4. kill -9 in the middle of bookings ========
section "4. kill -9 in the middle of bookings"
# Hundreds of `book` processes, four at a time, each killed at its own
# random moment (a fraction of a millisecond to a little past the time a
# booking takes), then a booking kiosk killed at random moments. Afterwards
# every row is whole and valid, nothing is double-booked or over capacity,
# every booking a process reported is there, and the same request id books
# once.

# First two kills at known moments, made exact with strace's fault injection
# (a write held back for 5 s is the moment to kill): in the middle of the
# commit, with part of the transaction already in the -wal file; and right
# after the commit, while the store is being closed.
MD=$T/mid
mkdir -p "$MD"
mdb=$MD/weener-xl.db
md() { WEGWIJZER_STATE="$MD" "$WW_BIN" "$@"; }
wal() { python3 tests/e2e/kill_storm.py wal --db "$mdb"; }
# traced WHAT INJECT ARGS...: book under strace in the background; sets SP.
traced() {
    what=$1 inject=$2
    shift 2
    strace -f -qq -o /dev/null -P "$what" -e trace=pwrite64 -e inject="$inject" \
        sh -c 'echo $$ >"$0"; exec "$@"' "$MD/pid" env WEGWIJZER_STATE="$MD" "$WW_BIN" "$@" \
        >"$MD/out" 2>&1 &
    SP=$!
}
# kill_when TEXT: once `wal` says TEXT, kill -9 the booking process.
kill_when() {
    i=0
    while ! wal | grep -q "$1" && [ $i -lt 500 ]; do sleep 0.02; i=$((i + 1)); done
    kill -9 "$(cat "$MD/pid")"
    kill -9 "$SP" 2>/dev/null # strace would sit out its delay
    wait "$SP" 2>/dev/null
}
if command -v strace >/dev/null 2>&1 && strace -qq -o /dev/null true 2>/dev/null; then
    for i in 1 2 3; do md book $L --partner algemene-balie >/dev/null; done
    rows "$mdb" >"$T/mid-before"
    # The 4th write to the -wal file: after its header and the first frame.
    traced "$mdb-wal" pwrite64:delay_enter=5000000:when=4 book $L --partner algemene-balie \
        --request mid-commit
    kill_when "frames=1 "
    w=$(wal)
    echo "    killed mid-commit; the -wal file then held: $w"
    check "kill -9 mid-commit: part of the transaction was in the -wal, no commit" \
        sh -c 'case "$1" in *"frames=1 commits=0") true ;; *) false ;; esac' _ "$w"
    check "kill -9 mid-commit: integrity ok" integrity "$mdb"
    rows "$mdb" >"$T/mid-after"
    check "kill -9 mid-commit: the booking is absent, the others as they were" \
        cmp -s "$T/mid-before" "$T/mid-after"
    md book $L --partner algemene-balie --request mid-commit >/dev/null
    md book $L --partner algemene-balie --request mid-commit >/dev/null
    check "kill -9 mid-commit: booked again, once" \
        [ "$(sqlite3 "$mdb" "select count(*) from bookings where request_id = 'mid-commit'")" -eq 1 ]
    # The first write to the database file itself: the checkpoint on closing.
    traced "$mdb" pwrite64:delay_enter=5000000:when=1 book $L --partner algemene-balie \
        --request after-commit
    kill_when "commits=1"
    echo "    killed after the commit; the -wal file then held: $(wal)"
    check "kill -9 after the commit: integrity ok" integrity "$mdb"
    check "kill -9 after the commit: the booking is there, whole" [ "$(sqlite3 "$mdb" "select
        count(*) from bookings where request_id = 'after-commit' and ticket glob 'A-[0-9][0-9][0-9]'
        and length(check_code) = 10 and desk between 1 and 2")" -eq 1 ]
    ticket=$(sqlite3 "$mdb" "select ticket from bookings where request_id = 'after-commit'")
    expect "kill -9 after the commit: the same request id returns it ($ticket)" 0 "ticket $ticket" \
        -- md book $L --partner algemene-balie --request after-commit
    check "kill -9 after the commit: 3 + 2 bookings" [ "$(count "$mdb")" -eq 5 ]
else
    echo "skipped: kill -9 at known moments: strace is missing or may not trace here"
fi

KL=$T/kill
mkdir -p "$KL"
kdb=$KL/weener-xl.db
kl() { WEGWIJZER_STATE="$KL" "$WW_BIN" "$@"; }
# places NAME: the places left / in all today, from 'staff today' ("10/10").
places() { kl staff today $L | awk -v n="$1" 'index($0, n) == 1 { print $NF }'; }
places_s=$(places "Sociaal raadslieden")
places_b=$(places "Belastingdienst")
WEGWIJZER_STATE="$KL" python3 tests/e2e/kill_storm.py book --bin "$WW_BIN" --rounds 50 --procs 4 \
    --out "$T/storm.txt"
killed=$(grep -c ' killed ' "$T/storm.txt")
done_ok=$(grep -c ' exit:0 ' "$T/storm.txt")
done_full=$(grep -c ' exit:1 ' "$T/storm.txt")
other=$(grep -v -c -e ' killed ' -e ' exit:0 ' -e ' exit:1 ' "$T/storm.txt")
killed_booked=0 killed_ids=""
for r in $(awk '$2 == "killed" { print $1 }' "$T/storm.txt"); do
    if [ -n "$(sqlite3 "$kdb" "select id from bookings where request_id = '$r'")" ]; then
        killed_booked=$((killed_booked + 1))
        killed_ids="$killed_ids $r"
    fi
done
echo "    $(wc -l <"$T/storm.txt") processes: $killed killed ($killed_booked of them after their booking was saved), $done_ok booked, $done_full found no free slot, $other other"
check "kill -9: hundreds of processes, a third or more of them killed" [ "$killed" -ge 65 ]
check "kill -9: every process ended by the kill, booked, or full" [ "$other" -eq 0 ]

# The kiosk books twice per run (no screenshots: a run is half a second).
cat >"$T/kill-kiosk.txt" <<'EOF'
tap start
tap talk
tap book
tap-first time:
tap confirm
expect screen ticket
tap next
tap more:no
tap rating:4
wait 10s
tap start
tap topic:schulden
tap talk
tap book
tap-first time:
tap confirm
expect screen ticket
EOF
WEGWIJZER_STATE="$KL" python3 tests/e2e/kill_storm.py kiosk --bin "$WW_BIN" --runs 20 \
    --script "$T/kill-kiosk.txt" --out "$T/kiosk-storm.txt"
echo "    kiosk runs: $(grep -c killed "$T/kiosk-storm.txt") killed, $(grep -c exit:0 "$T/kiosk-storm.txt") finished ($(sed -n 's/^- calibrate //p' "$T/kiosk-storm.txt") s a run)"
check "kill -9: kiosk runs only killed or finished" \
    [ "$(grep -v -c -e killed -e exit:0 -e calibrate "$T/kiosk-storm.txt")" -eq 0 ]

# Then fill two partners to the brim: 25 processes at once for each, after
# whatever the killed ones left.
pids=""
for i in $(seq 25); do
    kl book $L --partner belastingdienst --request "fill-b$i" >"$T/fill-b$i.out" 2>&1 &
    pids="$pids $!"
    kl book $L --partner sociaal-raadslieden --request "fill-s$i" >"$T/fill-s$i.out" 2>&1 &
    pids="$pids $!"
done
for p in $pids; do wait "$p"; done
cat "$T"/fill-*.out | grep -v -e '^ticket ' -e '^date ' -e '^time ' -e '^partner ' -e '^desk ' \
    -e '^qr ' | sort | uniq -c | sed 's/^/    /'

q() { sqlite3 -cmd '.timeout 5000' "$kdb" "$1"; }
n_rows=$(q "select count(*) from bookings")
echo "    $n_rows bookings in the store, $(q "select count(*) from bookings where request_id not like 'k%' and request_id not like 'calibrate-%' and request_id not like 'fill-%'") by the kiosk"
check "kill -9: integrity ok" integrity "$kdb"
q "select * from bookings where not (
    location = 'weener-xl' and partner <> '' and day > 0 and start between 0 and 1439 and
    minutes > 0 and desk >= 1 and ticket glob '[A-Z]-[0-9][0-9][0-9]' and
    substr(ticket, 1, 1) = letter and seq >= 1 and length(check_code) = 10 and
    check_code not glob '*[^0-9ABCDEFGHJKMNPQRSTVWXYZ]*' and created > 0 and
    request_id is not null and request_id <> '' and printed in (0, 1) and checked_in = 0)" \
    >"$T/bad-rows"
st=$?
sed 's/^/    bad row: /' "$T/bad-rows"
check "kill -9: every booking row is whole and valid" [ "$st" -eq 0 -a ! -s "$T/bad-rows" ]
check "kill -9: no slot and desk twice" [ "$(q "select count(*) from (select 1 from bookings
    group by location, partner, day, start, desk having count(*) > 1)")" -eq 0 ]
check "kill -9: no ticket number twice in a day" [ "$(q "select count(*) from (select 1 from
    bookings group by location, day, ticket having count(*) > 1)")" -eq 0 ]
check "kill -9: no check part twice" [ "$(q "select count(*) - count(distinct check_code) from bookings")" -eq 0 ]
# Desks per partner in the sample's pattern (see 'staff today').
check "kill -9: no slot over capacity" [ "$(q "with cap(p, n) as (values ('algemene-balie', 2),
    ('sociaal-raadslieden', 2), ('belastingdienst', 1), ('werk-inkomen', 2))
    select count(*) from (select partner, count(*) c, max(desk) d from bookings
    group by partner, day, start) b left join cap on cap.p = b.partner
    where cap.n is null or b.c > cap.n or b.d > cap.n")" -eq 0 ]
check "kill -9: two partners booked full: their places (${places_s#*/}, ${places_b#*/}), not more" \
    [ "$(places "Sociaal raadslieden")" = "0/${places_s#*/}" -a \
    "$(q "select count(*) from bookings where partner = 'sociaal-raadslieden'")" -eq "${places_s#*/}" -a \
    "$(places "Belastingdienst")" = "0/${places_b#*/}" -a \
    "$(q "select count(*) from bookings where partner = 'belastingdienst'")" -eq "${places_b#*/}" ]
missing=0
while read -r req how ticket; do
    [ "$how" = exit:0 ] || continue
    [ "$(q "select ticket from bookings where request_id = '$req'")" = "$ticket" ] ||
        missing=$((missing + 1))
done <"$T/storm.txt"
check "kill -9: every booking a process reported is in the store ($missing missing)" [ "$missing" -eq 0 ]
check "kill -9: a ticket QR of the store finds its booking" sh -c \
    'WEGWIJZER_STATE="$5" "$1" ticket --location weener-xl --code "WW1:weener-xl:$2" --out "$3" |
        grep -q ": ticket $4 "' _ \
    "$WW_BIN" "$(q "select check_code from bookings where partner = 'sociaal-raadslieden' order by id limit 1")" \
    "$T/k.png" "$(q "select ticket from bookings where partner = 'sociaal-raadslieden' order by id limit 1")" "$KL"
# The same request id again: the booking it made (every process killed
# after its booking was saved, and some that said so), or (killed before it
# was saved) exactly one new booking.
same=0 differ=0
for r in $killed_ids $(q "select request_id from bookings where request_id like 'k%'
    order by random() limit 6"); do
    partner=$(q "select partner from bookings where request_id = '$r'")
    want=$(q "select ticket from bookings where request_id = '$r'")
    mode=--first-free
    [ "$partner" = algemene-balie ] && mode=--later-day
    got=$(kl book $L --partner "$partner" $mode --request "$r" 2>/dev/null | sed -n 's/^ticket //p')
    if [ "$got" = "$want" ]; then same=$((same + 1)); else differ=$((differ + 1)); fi
done
check "kill -9: the same request id returns the existing booking ($same same, $differ not)" \
    [ "$differ" -eq 0 -a "$same" -ge 1 ]
r=$(q "select request_id from bookings where request_id like 'k%' and
    partner = 'sociaal-raadslieden' order by id limit 1")
want=$(q "select ticket from bookings where request_id = '$r'")
kl staff absent sociaal-raadslieden $L >/dev/null
expect "kill -9: also once the partner is marked absent and the slot has begun" 0 "ticket $want" \
    -- kl book $L --partner sociaal-raadslieden --request "$r" --now 2026-11-24T11:55
check "kill -9: and adds no row" [ "$(q "select count(*) from bookings")" -eq "$n_rows" ]
lost=$(awk '$2 == "killed" { print $1 }' "$T/storm.txt" | while read -r r; do
    [ -z "$(q "select id from bookings where request_id = '$r'")" ] && echo "$r"
done | head -1)
if [ -n "$lost" ]; then
    kl book $L --partner algemene-balie --later-day --request "$lost" >/dev/null
    kl book $L --partner algemene-balie --later-day --request "$lost" >/dev/null
    check "kill -9: a request killed before it was saved books exactly once on retry" \
        [ "$(q "select count(*) from bookings where request_id = '$lost'")" -eq 1 ]
fi

# ======== 5. the printer's cable pulled mid-ticket ========
section "5. the printer's cable pulled mid-ticket"
# The pretend ESC/POS printer (escpos_printer.py --pull-after) takes half a
# ticket, then the network printer resets the connection and is gone, or the
# device file disappears. The booking stays, unprinted; staff see it; once a
# printer is back `staff reprint` prints it, once. Paper out mid-ticket is
# tests/e2e/test_ticket.sh.
PR=$T/print
mkdir -p "$PR"
pr() { WEGWIJZER_STATE="$PR" "$WW_BIN" "$@"; }
not_printed() { pr staff bookings $L | grep "^$1 " | grep -q "(not printed)"; }
printed() { pr staff bookings $L | grep "^$1 " >/dev/null && ! not_printed "$1"; }
# start_printer NAME serve|pty [options]: sets PPID_ and the location's printer.
start_printer() {
    name=$1 kind=$2
    shift 2
    mkdir -p "$PR/$name"
    if [ "$kind" = serve ]; then
        python3 tests/e2e/escpos_printer.py serve --port-file "$PR/$name/at" \
            --state "$PR/$name/state" --pbm-dir "$PR/$name" "$@" &
    else
        python3 tests/e2e/escpos_printer.py pty --path-file "$PR/$name/at" \
            --state "$PR/$name/state" --pbm-dir "$PR/$name" "$@" &
    fi
    PPID_=$!
    BG="$BG $PPID_"
    i=0
    while [ ! -s "$PR/$name/at" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    if [ "$kind" = serve ]; then
        set_printer "escpos-net:127.0.0.1:$(cat "$PR/$name/at")?timeout=2"
    else
        set_printer "escpos:$(cat "$PR/$name/at")?timeout=2"
    fi
}
# state NAME KEY: a value of the printer's summary, once it has settled.
state() {
    i=0
    while ! grep -q "^$2=" "$PR/$1/state" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    sed -n "s/^$2=//p" "$PR/$1/state"
}
qr_of() { zbarimg -q --raw "$1" 2>/dev/null; }

qr1=$(pr book $L --partner sociaal-raadslieden | sed -n 's/^qr //p')
qr2=$(pr book $L --partner sociaal-raadslieden | sed -n 's/^qr //p')
pr ticket $L --ticket S-001 --out "$PR/t.png" --escpos "$PR/t.bin" >/dev/null
half=$(($(wc -c <"$PR/t.bin") / 2))
echo "    a ticket is $(wc -c <"$PR/t.bin") bytes of ESC/POS; the cable is pulled after $half"

start_printer net serve --pull-after "$half"
expect "cable pulled (network): not printed, and staff are told why" 1 \
    "S-001 not printed: not available (printer connection lost during the ticket" \
    -- pr staff reprint $L S-001
wait "$PPID_" 2>/dev/null
check "network: half a ticket came out, no cut" \
    [ "$(state net pulled)" = 1 -a "$(state net cuts)" = 0 -a "$(state net rows)" -gt 0 ]
check "network: the booking stays, unprinted, in staff's list" not_printed S-001
expect "network: printer gone, a new try fails at once" 1 "S-001 not printed" \
    -- pr staff reprint $L S-001
start_printer net-back serve
expect "network: printer back, staff reprint" 0 "S-001 printed" -- pr staff reprint $L S-001
check "network: exactly one ticket came out" [ "$(state net-back cuts)" = 1 ]
check "network: it carries the booking's QR" sh -c '[ "$(zbarimg -q --raw "$1" 2>/dev/null)" = "$2" ]' \
    _ "$PR/net-back/job-1.pbm" "$qr1"
check "network: now printed" printed S-001

start_printer dev pty --pull-after "$half"
DEV=$(cat "$PR/dev/at")
expect "cable pulled (device file): not printed, and staff are told why" 1 \
    "S-002 not printed: not available (printer connection lost during the ticket" \
    -- pr staff reprint $L S-002
wait "$PPID_" 2>/dev/null
check "device: half a ticket came out, no cut" \
    [ "$(state dev pulled)" = 1 -a "$(state dev cuts)" = 0 -a "$(state dev rows)" -gt 0 ]
check "device: the device file is gone" [ ! -e "$DEV" ]
expect "device: gone, a new try says so at once" 1 "No such file or directory" \
    -- pr staff reprint $L S-002
check "device: the booking stays, unprinted" not_printed S-002
start_printer dev-back pty
expect "device: plugged in again, staff reprint" 0 "S-002 printed" -- pr staff reprint $L S-002
i=0
while [ "$(state dev-back cuts)" != 1 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
check "device: exactly one ticket came out" [ "$(state dev-back cuts)" = 1 ]
check "device: it carries the booking's QR" sh -c '[ "$(zbarimg -q --raw "$1" 2>/dev/null)" = "$2" ]' \
    _ "$PR/dev-back/job-1.pbm" "$qr2"
check "device: now printed" printed S-002

# The kiosk: the resident's ticket is on screen when the cable is pulled.
start_printer kiosk serve --pull-after "$half"
cat >"$T/print-kiosk.txt" <<'EOF'
tap start
tap talk
tap book
tap-first time:
tap confirm
expect screen ticket
expect text printer doet het niet
screenshot print-cable-pulled
EOF
expect "kiosk: cable pulled, the ticket is on screen" 0 "" \
    -- env WEGWIJZER_STATE="$PR" "$WW_BIN" kiosk $L --script "$T/print-kiosk.txt" \
    --screenshot-dir "$PR/kiosk"
cp "$PR/kiosk/print-cable-pulled.png" "$SHOTS/" 2>/dev/null
onscreen=$(qr_of "$PR/kiosk/print-cable-pulled.png")
number=$(pr ticket $L --code "$onscreen" --out "$PR/from-screen.png" 2>/dev/null |
    sed -n 's/.*: ticket \([A-Z]-[0-9]*\) .*/\1/p')
check "kiosk: the QR on screen finds the booking ($number)" [ -n "$number" ]
check "kiosk: it stays unprinted" not_printed "$number"
start_printer kiosk-back serve
expect "kiosk: printer back, staff reprint by the QR" 0 "$number printed" \
    -- pr staff reprint $L "$onscreen"
check "kiosk: exactly one ticket came out" [ "$(state kiosk-back cuts)" = 1 ]
check "kiosk: now printed" printed "$number"
check "printer faults: three bookings, none lost" [ "$(count "$PR/weener-xl.db")" -eq 3 ]

section "done"
finish
