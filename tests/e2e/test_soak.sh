#!/bin/sh
# A short week of use (the long one is `make soak`): 300 generated resident
# sessions over two days in ONE scripted kiosk process (every topic, every
# language, bookings, the general desk, back, Opnieuw, idle wipes, keypad
# with read-aloud, text size and contrast), staff changes from another
# process and on the kiosk's own staff screens in between; every session
# must end on a fresh attract screen. Then the waiting-room screen from a
# Monday afternoon to the Tuesday morning on a virtual clock. Open file
# descriptors must stay flat; under AddressSanitizer the leak check at exit
# fails a run that leaks; the log lines are scanned for resident data.
. tests/e2e/lib.sh
# Under AddressSanitizer: a one-time allocation inside fontconfig is not a leak of ours.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/e2e/screen-lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

OUT=$WW_TMP/soak
WW_BIN="$WW_BIN" SOAK_RENDER=1 SOAK_SAMPLE=25 SOAK_STAFF_EVERY=30 SOAK_KIOSK_STAFF_EVERY=100 \
    tests/soak/run.sh "$OUT" 300 2 >"$WW_TMP/soak.txt" 2>&1
st=$?
[ $st -eq 0 ] || { tail -5 "$OUT/kiosk.log"; cat "$WW_TMP/soak.txt"; }
check "300 sessions in one kiosk process, each ending fresh (status $st)" [ $st -eq 0 ]
n=$(grep -c '^sample' "$OUT/kiosk.out")
check "the curve was sampled ($n samples)" [ "$n" -ge 12 ]
b=$(sqlite3 "$OUT/state/weener-xl.db" 'select count(*) from bookings')
d=$(sqlite3 "$OUT/state/weener-xl.db" 'select count(distinct day) from bookings')
booked() { [ "${b:-0}" -ge 50 ] && [ "${d:-0}" -ge 2 ]; }
check "bookings made ($b on $d days)" booked
s=$(grep -c '^\$ wegwijzer staff' "$OUT/staff.out")
check "staff commands from another process ($s)" [ "$s" -ge 2 ]
k=$(grep -c 'staff: signed in' "$OUT/kiosk.log")
check "staff screens on the kiosk itself ($k)" [ "$k" -ge 1 ]
t=$(sqlite3 "$OUT/state/weener-xl.db" 'select count(distinct topic) from tally_counts')
check "every topic tallied ($t)" [ "$t" -ge 10 ]
# Descriptors: the store, the printer and the audio open theirs in the first
# sessions; from the first third on nothing may be added. Font files are
# counted apart: the text renderer opens one per face and pixel size in use
# (a bounded set: at most 40 sizes of each of the four faces).
fds_flat() {
    awk -F'\t' 'NR > 1 { n++; f[n] = $3 - $7; ff[n] = $7 }
        END { a = int(n / 3) + 1; exit !(n >= 3 && f[n] <= f[a] && ff[n] <= 160) }' "$OUT/curve.tsv"
}
check "open file descriptors flat (other than fonts: $(awk -F'\t' 'NR > 1 { printf "%s ", $3 - $7 }' "$OUT/curve.tsv"); fonts $(tail -1 "$OUT/curve.tsv" | cut -f7))" fds_flat
check "no resident data in the log lines" python3 tests/soak/logscan.py --quiet \
    --db "$OUT/state/weener-xl.db" "$OUT/kiosk.log" "$OUT/staff.err"

# make valgrind: forty sessions under memcheck; any error or definite leak fails.
if [ -n "${WW_VALGRIND:-}" ]; then
    WW_BIN="$WW_BIN" SOAK_SAMPLE=10 SOAK_STAFF_EVERY=15 SOAK_KIOSK_STAFF_EVERY=20 \
        SOAK_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$(pwd)/tests/e2e/screen-valgrind.supp" \
        tests/soak/run.sh "$WW_TMP/vsoak" 40 1 >"$WW_TMP/vsoak.txt" 2>&1
    st=$?
    [ $st -eq 0 ] || tail -40 "$WW_TMP/vsoak/kiosk.log"
    check "forty sessions under valgrind: no errors, no leaks (status $st)" [ $st -eq 0 ]
fi

# ---- the waiting-room screen: Monday 15:00 to Tuesday 11:00 ----
SOUT=$WW_TMP/screen
MEDIA=${WW_MEDIA:-build/media}
mkdir -p "$SOUT"
# The small films of the week run (0 days: only make them; it makes the
# sample film itself when build/media has none).
tests/soak/screen-week.sh "$SOUT" 0 "$MEDIA" >/dev/null 2>&1
"$WW_BIN" screen --screen huisarts-wachtkamer --media "$SOUT/media" --now 2026-11-23T15:00 \
    --frames 72000 --fps 1 --sample 1800 --size 320x180 --stats >"$SOUT/night.out" \
    2>"$SOUT/night.log"
st=$?
check "waiting-room screen over a night (status $st)" [ $st -eq 0 ]
on=$(grep -c 'on (opening hours)' "$SOUT/night.log")
check "it went dark and came on again the next morning ($on)" [ "$on" -eq 2 ]
screen_flat() {
    awk -v san="$(grep -c '^sanitized 1' "$SOUT/night.out")" '$1 == "sample" {
            for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
            if ($2 ~ /T16:3[0-9]$/) { h1 = v["heap_kb"]; f1 = v["fds"] }
            if ($2 ~ /T10:3[0-9]$/) { h2 = v["heap_kb"]; f2 = v["fds"] }
        }
        END { exit !(f1 != "" && f2 != "" && f2 <= f1 && (san || h2 - h1 < 1024)) }' "$SOUT/night.out"
}
check "screen: heap and descriptors the next morning as the day before" screen_flat
check "screen: no resident data in the log lines" python3 tests/soak/logscan.py --quiet \
    "$SOUT/night.log"

finish
