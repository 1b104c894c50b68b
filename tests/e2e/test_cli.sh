#!/bin/sh
# The wegwijzer command line: help, bad flags, config check, staff commands,
# bookings and check-in, against a real SQLite file in a temporary folder.
. tests/e2e/lib.sh

NOW=2026-11-24T09:30  # a Tuesday
export WEGWIJZER_NOW=$NOW

# ---- help and bad usage ----
expect "top-level help" 0 "usage: wegwijzer COMMAND" -- ww --help
for c in staff book config kiosk; do
    expect "$c --help" 0 "usage: wegwijzer" -- ww $c --help
done
expect "no command" 2 "usage: wegwijzer" -- ww
expect "unknown command" 2 "unknown command 'frobnicate'" -- ww frobnicate
expect "unknown staff command" 2 "wegwijzer staff: unknown command 'fire'" -- ww staff fire
expect "unknown flag" 2 "wegwijzer staff today: unknown option or missing value: '--colour'" \
    -- ww staff today --location weener-xl --colour red
expect "bad --date" 2 "--date '2026-02-30' is not a date (YYYY-MM-DD)" \
    -- ww staff today --location weener-xl --date 2026-02-30
expect "bad --now" 2 "--now 'gisteren' is not a moment" -- ww staff today --now gisteren
expect "location needed" 1 "--location is needed: this configuration has 2 locations" \
    -- ww staff today
expect "unknown location" 1 "unknown location 'tilburg' (known: scheidingsplein-hollands-kroon, weener-xl)" \
    -- ww staff today --location tilburg
n=$(ww staff today --colour 2>&1 | wc -l)
check "a bad flag gives one line" [ "$n" -eq 1 ]

# ---- config check ----
expect "sample config is clean" 0 "kiosk-config: ok: 17 partners, 2 locations" -- ww config check
out=$(ww config check tests/data/config-broken 2>&1)
st=$?
check "broken config exits 1" [ "$st" -eq 1 ]
if [ -n "${WW_UPDATE_GOLDEN:-}" ]; then
    printf '%s\n' "$out" > tests/ref/config-broken.txt
fi
check "broken config: every problem with file:line" \
    sh -c 'printf "%s\n" "$1" | diff -u tests/ref/config-broken.txt -' _ "$out"
expect "config keys lists the tables" 0 "slot_minutes" -- ww config keys
expect "config keys: a location's own partner details" 0 "this location's own details of a partner" \
    -- ww config keys
# A municipal partner without this municipality's details: the location
# that has it on site, and the one the flows send residents to it from.
cp -r kiosk-config "$WW_TMP/muni"
hk="$WW_TMP/muni/locations/scheidingsplein-hollands-kroon.ini"
awk '/^\[/ { skip = ($0 == "[partner wijkteam]" || $0 == "[partner schuldhulp]") } !skip' \
    "$hk" >"$hk.new" && mv "$hk.new" "$hk"
wline=$(grep -n '^partner = wijkteam' "$hk" | cut -d: -f1)
wline=$((wline - 1))
expect "config check: a municipal partner on site without local details" 1 \
    "$hk:$wline: wijkteam is here, a municipal partner, but this file gives no details of its own" \
    -- ww config check "$WW_TMP/muni"
# The flows are read once the files themselves are sound (one loader for
# the kiosk and the check): the second case on its own.
cp -r kiosk-config "$WW_TMP/muni2"
hk2="$WW_TMP/muni2/locations/scheidingsplein-hollands-kroon.ini"
awk '/^\[/ { skip = ($0 == "[partner schuldhulp]") } !skip' "$hk2" >"$hk2.new" && mv "$hk2.new" "$hk2"
expect "config check: a municipal partner the flows send residents to" 1 \
    "$hk2: schuldhulp is a municipal partner that residents are sent to ($WW_TMP/muni2/flows/" \
    -- ww config check "$WW_TMP/muni2"

# ---- staff today ----
L="--location weener-xl"
expect "today shows who is here" 0 "Belastingdienst              09:00-16:00     1  Balie 4              19/19" \
    -- ww staff today $L
expect "today: closed on Christmas" 0 "closed: Eerste Kerstdag" -- ww staff today $L --date 2026-12-25

# ---- booking ----
expect "book first free" 0 "ticket S-001" -- ww book $L --partner sociaal-raadslieden --topic brief
expect "book first free, second desk" 0 "desk 2" -- ww book $L --partner sociaal-raadslieden
expect "book at a time" 0 "time 14:20" -- ww book $L --partner belastingdienst --at 14:20
expect "that slot is now full" 1 "no free slot with belastingdienst" \
    -- ww book $L --partner belastingdienst --at 14:20
expect "not a slot" 1 "that time is not a slot" -- ww book $L --partner belastingdienst --at 14:25
expect "book a later day" 0 "date 2026-11-25" -- ww book $L --partner juridisch-loket --later-day
expect "unknown partner" 1 "unknown partner 'notaris'" -- ww book $L --partner notaris
expect "missing partner" 2 "--partner ID is needed" -- ww book $L
expect "two modes" 2 "choose one of" -- ww book $L --partner wijkteam --at 10:00 --later-day
expect "a day in the past" 1 "that day is in the past" \
    -- ww book $L --partner belastingdienst --date 2026-11-20
a=$(ww book $L --partner werk-inkomen --request tap-123 | grep ^ticket)
b=$(ww book $L --partner werk-inkomen --request tap-123 | grep ^ticket)
check "the same request books once" [ "$a" = "$b" ]
n=$(ww staff bookings $L --partner werk-inkomen | grep -c '^W-')
check "one booking for the repeated request" [ "$n" -eq 1 ]
expect "bookings list" 0 "S-001  09:30  Sociaal raadslieden          desk 1  expected" \
    -- ww staff bookings $L

# ---- staff changes ----
expect "absent: unknown partner" 1 "unknown partner 'notaris'" -- ww staff absent notaris $L
expect "set: end before start" 1 "--time '12:00-09:00': the end is not after the start" \
    -- ww staff set belastingdienst --time 12:00-09:00 $L
expect "set: desks below one" 1 "--desks '0' must be a whole number from 1 to 20" \
    -- ww staff set belastingdienst --time 09:00-12:00 --desks 0 $L
expect "set: a date in the past" 1 "2026-11-23 is in the past" \
    -- ww staff absent belastingdienst $L --date 2026-11-23
expect "set: time needed" 2 "--time HH:MM-HH:MM is needed" -- ww staff set wijkteam $L
expect "add: already here" 1 "already here on this day" \
    -- ww staff add belastingdienst --time 09:00-12:00 $L
expect "absent lists the booked residents" 0 "B-001  14:20" -- ww staff absent belastingdienst $L
expect "absent shows in today" 0 "Belastingdienst              absent today" -- ww staff today $L
expect "absent partner cannot be booked" 1 "no free slot with belastingdienst" \
    -- ww book $L --partner belastingdienst
expect "add a partner" 0 "saved: juridisch-loket 13:00-15:00 desks 2" \
    -- ww staff add juridisch-loket --time 13:00-15:00 --desks 2 --room "Kamer 5" $L
expect "added partner in today" 0 "Kamer 5" -- ww staff today $L
expect "undo" 0 "undone" -- ww staff undo belastingdienst $L
expect "undo brings it back" 0 "Belastingdienst              09:00-16:00" -- ww staff today $L
expect "nothing left to undo" 1 "no change for belastingdienst" -- ww staff undo belastingdienst $L
expect "audit log" 0 "absent   for 2026-11-24: belastingdienst absent" -- ww staff audit $L
n=$(ww staff audit $L | wc -l)
check "audit has absent, add, undo" [ "$n" -eq 3 ]

# ---- check-in ----
qr=$(ww book $L --partner algemene-balie | sed -n 's/^qr //p')
expect "check in by QR" 0 "checked in" -- ww staff checkin "$qr" $L
expect "second check-in is reported" 0 "already checked in earlier" -- ww staff checkin "$qr" $L
forged=$(printf '%s' "$qr" | sed 's/.$/0/')
[ "$forged" = "$qr" ] && forged=$(printf '%s' "$qr" | sed 's/.$/1/')
expect "forged QR rejected" 1 "matches no ticket" -- ww staff checkin "$forged" $L
expect "QR of another location rejected" 1 "matches no ticket" \
    -- ww staff checkin "$(printf '%s' "$qr" | sed 's/weener-xl/tilburg/')" $L
expect "check in by ticket number" 0 "S-001 09:30 Sociaal raadslieden desk 1: checked in" \
    -- ww staff checkin s1 $L
expect "unknown ticket number" 1 "no ticket J-099 on 2026-11-24 at weener-xl" \
    -- ww staff checkin J-099 $L
expect "garbage code" 1 "is not a ticket code" -- ww staff checkin "drop table" $L

# ---- one check-in rule for the command line and the kiosk's staff screen ----
# On a store shared by two locations: yesterday's and next week's tickets and
# another location's are refused, as the staff screen refuses them; a
# check-in is audited.
S="--store sqlite:$WW_TMP/shared.db"
W="--location weener-xl $S"
qr_of() { sed -n 's/^qr //p'; }
yday=$(ww book $W --now 2026-11-23T09:30 --partner algemene-balie | qr_of)
nweek=$(ww book $W --now 2026-12-01T09:30 --partner algemene-balie | qr_of)
other=$(ww book --location scheidingsplein-hollands-kroon $S --partner scheidingsteam | qr_of)
today=$(ww book $W --partner algemene-balie | qr_of)
check "bookings on the shared store" test -n "$yday" -a -n "$nweek" -a -n "$other" -a -n "$today"
expect "yesterday's ticket refused" 1 "is for 2026-11-23, not for today: not checked in" \
    -- ww staff checkin "$yday" $W
expect "next week's ticket refused" 1 "is for 2026-12-01, not for today: not checked in" \
    -- ww staff checkin "$nweek" $W
expect "another location's ticket refused" 1 "matches no ticket of weener-xl" \
    -- ww staff checkin "$other" $W
expect "another location's check part under this location's name refused" 1 \
    "matches no ticket of weener-xl" \
    -- ww staff checkin "$(printf '%s' "$other" | sed 's/scheidingsplein-hollands-kroon/weener-xl/')" $W
n=$(sqlite3 "$WW_TMP/shared.db" "SELECT count(*) FROM bookings WHERE checked_in != 0")
check "nothing refused was checked in ($n)" [ "$n" -eq 0 ]
expect "today's ticket checked in" 0 "checked in" -- ww staff checkin "$today" $W
tk=$(sqlite3 "$WW_TMP/shared.db" "SELECT ticket FROM bookings WHERE checked_in != 0")
expect "the check-in is audited" 0 "cli    checkin  for 2026-11-24: $tk" -- ww staff audit $W

# ---- many processes, one slot ----
# 8 processes race for the 11:30 slot of the sociaal raadslieden (2 desks).
i=0
while [ $i -lt 8 ]; do
    ww book $L --partner sociaal-raadslieden --at 11:30 > "$WW_TMP/race.$i" 2>&1 &
    i=$((i + 1))
done
wait
n=$(cat "$WW_TMP"/race.* | grep -c '^ticket')
full=$(cat "$WW_TMP"/race.* | grep -c 'no free slot')
check "8 racing processes book exactly the 2 desks" [ "$n" -eq 2 ] && [ "$full" -eq 6 ]

# ---- the store stays whole when its folder cannot be written ----
mkdir "$WW_TMP/ro" && chmod 500 "$WW_TMP/ro"
if [ "$(id -u)" -ne 0 ]; then
    expect "unwritable state dir" 1 "cannot open store" -- ww staff today $L --state "$WW_TMP/ro/x"
fi

# ---- staff PIN ----
cp -r kiosk-config "$WW_TMP/cfg"
C="--config $WW_TMP/cfg"
expect "set-pin rejects letters" 1 "a staff PIN is 6 to 8 digits" \
    -- sh -c 'echo 12ab12 | "$WW_BIN" staff set-pin --location weener-xl '"$C"
expect "set-pin refuses four digits" 1 "a staff PIN is 6 to 8 digits" \
    -- sh -c 'echo 2468 | "$WW_BIN" staff set-pin --location weener-xl '"$C"
expect "set-pin refuses five digits" 1 "a staff PIN is 6 to 8 digits" \
    -- sh -c 'echo 24681 | "$WW_BIN" staff set-pin --location weener-xl '"$C"
# An installation from before the state file: a hash in the location file,
# which is 0640 and belongs to another group.
LOCF="$WW_TMP/cfg/locations/weener-xl.ini"
sed -i 's/^pin_hash =.*/pin_hash = $argon2id$v=19$m=65536,t=2,p=1$b2xk$b2xk/' "$LOCF"
chmod 0640 "$LOCF"
[ "$(id -u)" -eq 0 ] && chgrp 65534 "$LOCF"
before=$(stat -c '%a %u %g' "$LOCF")
expect "set-pin" 0 "staff PIN set for weener-xl" \
    -- sh -c 'echo 246813 | "$WW_BIN" staff set-pin --location weener-xl '"$C"
PINF="$WEGWIJZER_STATE/weener-xl.pin"
check "the hash is in the state folder, readable by its owner only" \
    sh -c '[ "$(stat -c %a "$1")" = 600 ] && grep -q "^.argon2id.v=19.m=131072,t=3" "$1" && ! grep -q 246813 "$1"' _ "$PINF"
check "the old hash is gone from the location file" sh -c '! grep -q pin_hash "$1"' _ "$LOCF"
check "the location file kept mode, owner and group ($before)" \
    [ "$(stat -c '%a %u %g' "$LOCF")" = "$before" ]
expect "config still checks clean" 0 "ok:" -- ww config check "$WW_TMP/cfg"
expect "set-pin is audited" 0 "set-pin" -- ww staff audit --location weener-xl $C

finish
