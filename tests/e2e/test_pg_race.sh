#!/bin/sh
# Kiosks at two locations sharing one PostgreSQL server, driven through the
# real binary: eight processes racing for the same slots never book more
# than there is room for and never share a code; a staff change made by one
# process is seen by the others; a server crash in the middle of a run
# leaves only whole bookings, every process gets a clear message and books
# again when the server is back. Runs its own throwaway server (tests/pg.sh).
. tests/e2e/with_pg.sh
. tests/e2e/lib.sh

DAY="--date 2026-12-03 --now 2026-12-03T08:00" # a Thursday: the wijkteam is at both
PG="--store $WW_PG_URI"
W=weener-xl
H=scheidingsplein-hollands-kroon
pw=$(printf '%s' "$WW_PG_URI" | sed 's|^postgresql://[^:]*:\([^@]*\)@.*|\1|')

# book_loop OUT LOCATION PARTNER [PAUSE]: book the first free slot until the
# day is full. Successes go to OUT.ticket and OUT.qr, other failures to
# OUT.err; an unavailable store is retried with the same request id, so a
# booking that was made just before the crash is returned, not made twice.
book_loop() {
    out=$1 loc=$2 partner=$3 pause=${4:-0}
    n=0 tries=0 id=$(basename "$out")
    while [ $tries -lt 2000 ]; do
        tries=$((tries + 1))
        res=$("$WW_BIN" book --partner "$partner" --location "$loc" --request "$id-$n" \
            $PG $DAY 2>&1)
        st=$?
        if [ $st -eq 0 ]; then
            printf '%s\n' "$res" | sed -n 's/^ticket //p' >>"$out.ticket"
            printf '%s\n' "$res" | sed -n 's/^qr //p' >>"$out.qr"
            n=$((n + 1))
            [ "$pause" = 0 ] || sleep "$pause"
            continue
        fi
        case "$res" in
        *"no free slot"*) return 0 ;;
        esac
        [ $st -gt 2 ] && echo "exit $st" >>"$out.crash"
        printf '%s\n' "$res" >>"$out.err"
        sleep 0.1
    done
    echo "gave up" >>"$out.crash"
}

# How many places a partner has on the day: fill a fresh SQLite store alone.
capacity() { # LOCATION PARTNER
    i=0
    while "$WW_BIN" book --partner "$2" --location "$1" --store "sqlite:$WW_TMP/cap.db" \
        $DAY >/dev/null 2>&1; do
        i=$((i + 1))
        [ $i -lt 500 ] || break
    done
    rm -f "$WW_TMP"/cap.db*
    echo "$i"
}

lines() { cat "$@" 2>/dev/null | wc -l | tr -d ' '; }

# ---- 1. eight processes, two locations, the same slots ----
cap_w=$(capacity $W wijkteam)
cap_h=$(capacity $H wijkteam)
check "the wijkteam has places at both locations ($cap_w and $cap_h)" \
    test "$cap_w" -gt 0 -a "$cap_h" -gt 0

ww staff today $PG --location $W $DAY >/dev/null 2>&1 # the schema, before the race
for i in 1 2 3 4 5 6 7 8; do
    if [ $((i % 2)) -eq 0 ]; then loc=$W; else loc=$H; fi
    book_loop "$WW_TMP/race-$loc-$i" $loc wijkteam &
done
wait
got_w=$(lines "$WW_TMP"/race-$W-*.ticket)
got_h=$(lines "$WW_TMP"/race-$H-*.ticket)
check "race: bookings at $W equal its capacity ($got_w of $cap_w)" test "$got_w" -eq "$cap_w"
check "race: bookings at $H equal its capacity ($got_h of $cap_h)" test "$got_h" -eq "$cap_h"
check "race: no process failed otherwise" test "$(lines "$WW_TMP"/race-*.err "$WW_TMP"/race-*.crash)" -eq 0
check "race: every QR code is unique" \
    test "$(cat "$WW_TMP"/race-*.qr | sort -u | wc -l)" -eq $((cap_w + cap_h))
check "race: ticket numbers are unique per location" \
    test "$(cat "$WW_TMP"/race-$W-*.ticket | sort -u | wc -l)" -eq "$cap_w" -a \
    "$(cat "$WW_TMP"/race-$H-*.ticket | sort -u | wc -l)" -eq "$cap_h"
listed=$(ww staff bookings $PG --location $W $DAY 2>/dev/null | grep -c 'Het wijkteam')
check "race: staff see the same $cap_w bookings at $W" test "$listed" -eq "$cap_w"

# ---- 2. a staff change is seen by the other processes ----
expect "staff: one process marks the wijkteam absent" 0 "saved: wijkteam absent" -- \
    ww staff absent wijkteam $PG --location $W $DAY
expect "staff: another process sees it at once" 0 "absent today (changed by staff)" -- \
    ww staff today $PG --location $W $DAY
expect "staff: the other location is not affected" 0 "Het wijkteam" -- \
    ww staff today $PG --location $H $DAY
out=$(ww staff today $PG --location $H $DAY 2>&1)
check "staff: ... and does not show it absent there" \
    sh -c "! printf '%s' \"\$1\" | grep -q 'absent today'" _ "$out"
expect "staff: undo in a third process" 0 "" -- ww staff undo wijkteam $PG --location $W $DAY
out=$(ww staff today $PG --location $W $DAY 2>&1)
check "staff: the change is gone for everyone" \
    sh -c "! printf '%s' \"\$1\" | grep -q 'absent today'" _ "$out"

# ---- 3. the password from a password file, and a wrong one ----
nopw=$(printf '%s' "$WW_PG_URI" | sed 's|^\(postgresql://[^:]*\):[^@]*@|\1@|')
printf '127.0.0.1:%s:*:wegwijzer:%s\n' "$WW_PG_PORT" "$pw" >"$WW_TMP/pgpass"
chmod 600 "$WW_TMP/pgpass"
expect "login: password from PGPASSFILE" 0 "Weener XL" -- \
    env PGPASSFILE="$WW_TMP/pgpass" "$WW_BIN" staff today --store "$nopw" --location $W $DAY
badpw=$(printf '%s' "$WW_PG_URI" | sed 's|^\(postgresql://[^:]*\):[^@]*@|\1:not-the-password@|')
expect "login: a wrong password is named as the problem" 1 "password authentication failed" -- \
    ww staff today --store "$badpw" --location $W $DAY
out=$(ww staff today --store "$badpw" --location $W $DAY 2>&1)
check "login: the message does not show the password" \
    sh -c "! printf '%s' \"\$1\" | grep -q 'not-the-password'" _ "$out"

# ---- 4. the server crashes in the middle of a run ----
cap_a=$(capacity $W algemene-balie)
cap_s=$(capacity $H scheidingsteam)
for i in 1 2 3 4 5 6 7 8; do
    if [ $((i % 2)) -eq 0 ]; then
        book_loop "$WW_TMP/crash-$W-$i" $W algemene-balie 0.1 &
    else
        book_loop "$WW_TMP/crash-$H-$i" $H scheidingsteam 0.1 &
    fi
done
i=0
while [ "$(lines "$WW_TMP"/crash-*.ticket)" -lt 8 ] && [ $i -lt 300 ]; do
    sleep 0.05
    i=$((i + 1))
done
before=$(lines "$WW_TMP"/crash-*.ticket)
"$WW_PG_CTL" stop
sleep 1
expect "crash: a command while the server is down says so" 1 "not available" -- \
    ww book --partner algemene-balie --location $W $PG $DAY
"$WW_PG_CTL" start
wait
after_a=$(lines "$WW_TMP"/crash-$W-*.ticket)
after_s=$(lines "$WW_TMP"/crash-$H-*.ticket)
check "crash: the server went down mid-run ($before of $((cap_a + cap_s)) booked)" \
    test "$before" -lt $((cap_a + cap_s))
check "crash: the processes saw the outage" test "$(lines "$WW_TMP"/crash-*.err)" -gt 0
check "crash: no process crashed or gave up" test "$(lines "$WW_TMP"/crash-*.crash)" -eq 0
unclear=$(cat "$WW_TMP"/crash-*.err 2>/dev/null | grep '^wegwijzer book:' |
    grep -v 'not booked: not available' | head -3)
check "crash: every failed booking said the store is not available" test -z "$unclear"
[ -z "$unclear" ] || printf '    %s\n' "$unclear"
check "crash: after the restart the day filled up ($after_a of $cap_a, $after_s of $cap_s)" \
    test "$after_a" -eq "$cap_a" -a "$after_s" -eq "$cap_s"
ww staff bookings $PG --location $W $DAY 2>/dev/null |
    sed -n 's/^\(A-[0-9]*\) .*/\1/p' | sort >"$WW_TMP/stored"
sort -u "$WW_TMP"/crash-$W-*.ticket >"$WW_TMP/told"
check "crash: the store holds exactly the bookings the processes were told of" \
    cmp -s "$WW_TMP/stored" "$WW_TMP/told"
check "crash: each of them once" test "$(lines "$WW_TMP/told")" -eq "$(cat "$WW_TMP"/crash-$W-*.ticket | wc -l)"

finish
