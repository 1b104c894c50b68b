#!/bin/sh
# Speech and the keypad in the kiosk, end to end: the real binary under SDL's
# offscreen driver, on a virtual clock, with the null speech backend whose
# spoken log (--spoken-log) is what a blind resident would have heard. One
# line per utterance: "LANG[ slow]<TAB>text", or "-<TAB>stop" when speech
# was cut.
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen
unset SDL_AUDIODRIVER # scripted runs open no audio device unless asked
export WEGWIJZER_ALLOW_ROOT=1
SHOTS=${WW_SHOTS:-$WW_TMP/shots}
cp "$WW_BIN" "$WW_TMP/wegwijzer"
WW_BIN="$WW_TMP/wegwijzer"
mkdir -p "$SHOTS"
NOW=2026-11-24T09:30 # a Tuesday: most partners are in

kiosk() { # script-file shots-subdir [more options]
    s=$1 d=$2
    shift 2
    mkdir -p "$SHOTS/$d"
    ww kiosk --location weener-xl --now "$NOW" --script "$s" --screenshot-dir "$SHOTS/$d" "$@"
}

# ---- the keypad reaches the language row and "Knoppen lager" ----
cat >"$WW_TMP/keylang.txt" <<'EOF'
key Tab
key Return
expect screen topics
focus lang:en
key Return
expect lang en
expect screen topics
focus lower
key Return
describe
screenshot keypad-lower
focus topic:wonen
key Return
expect screen question
focus lang:ar
key Return
expect lang ar
expect screen question
focus lang:nl
key Return
expect lang nl
EOF
expect "the keypad alone switches language and layout" 0 "lower=1" -- \
    kiosk "$WW_TMP/keylang.txt" keylang --spoken-log "$WW_TMP/keylang.log"
check "the focus on the language row is announced, in its own voice" \
    grep -q "^en	English" "$WW_TMP/keylang.log"
check "the focus on Knoppen lager is announced" grep -q "Knoppen lager" "$WW_TMP/keylang.log"

# ---- the hidden staff corner is never under a control ----
# The corner is the top-left 20 mm square minus the controls in it: the
# margin strip above and beside the language row. Holding "Nederlands" (whose
# corner reaches into that square) for three seconds is a tap, never the PIN
# pad; the empty strip at 10,10 opens it in every layout.
cat >"$WW_TMP/corner-lang.txt" <<'EOF'
tap start
lang en
expect lang en
hold 40 40 3
expect screen topics
expect lang nl
hold lang:nl 3
expect screen topics
lang ar
hold 10 10 2
expect screen topics
hold 10 10 3
expect screen staff-pin
EOF
expect "holding a language button 3 s does not open the PIN pad" 0 "" -- \
    kiosk "$WW_TMP/corner-lang.txt" corner-lang
printf 'hold lang:nl 3\nexpect screen topics\nhold 10 10 3\nexpect screen staff-pin\n' \
    >"$WW_TMP/corner-attract.txt"
expect "attract: the language button is a tap, the strip opens staff" 0 "" -- \
    kiosk "$WW_TMP/corner-attract.txt" corner-attract
printf 'tap start\nhold 40 40 3\nexpect screen topics\nhold 10 10 3\nexpect screen staff-pin\n' \
    >"$WW_TMP/corner-plain.txt"
expect "landscape: the corner strip opens staff, the button does not" 0 "" -- \
    kiosk "$WW_TMP/corner-plain.txt" corner-landscape --landscape
printf 'tap start\nhold 10 10 3\nexpect screen staff-pin\n' >"$WW_TMP/corner-lower.txt"
expect "buttons lower: the corner strip opens staff" 0 "" -- \
    kiosk "$WW_TMP/corner-lower.txt" corner-lower --lower

# ---- golden spoken logs: every topic to a ticket, read aloud on each screen ----
# What was said (the stops left out) is compared with tests/ref/spoken/TOPIC.txt
# (Dutch) and TOPIC.LANG.txt; WW_UPDATE_GOLDEN=1 (make update-golden) writes
# them. Each run has a fresh store, so ticket numbers are the same each time.
REF=tests/ref/spoken
golden() { # name file
    if [ "${WW_UPDATE_GOLDEN:-0}" = 1 ]; then
        mkdir -p "$REF"
        cp "$2" "$REF/$1.txt"
        echo "updated $REF/$1.txt"
    fi
    check "spoken log of $1 matches $REF/$1.txt" cmp -s "$2" "$REF/$1.txt" ||
        diff "$REF/$1.txt" "$2" | head -10
}
said() { ww say -b null --lang "$1" "$2" 2>/dev/null | sed 's/^[a-z]*: [0-9.]* s ([0-9]* samples at [0-9]* Hz): //'; }
read_topic() { # topic lang
    t=$1 l=$2
    cat >"$WW_TMP/read-$t.txt" <<EOF
tap start
lang $l
tap read
tap topic:$t
tap read
walk
expect screen outcome
tap read
tap book
tap read
tap-first time:
tap read
tap confirm
expect screen ticket
tap read
texts
tap next
tap read
tap more:no
tap read
tap rating:5
tap read
EOF
    rm -rf "$WEGWIJZER_STATE"
    kiosk "$WW_TMP/read-$t.txt" "read-$t-$l" --spoken-log "$WW_TMP/raw-$t-$l.log" \
        >"$WW_TMP/out-$t-$l.txt" 2>&1
}
topics=$(sed -n 's/^\[topic \([a-z0-9-]*\)\].*/\1/p' kiosk-config/flows/*.flow)
for t in $topics; do
    read_topic "$t" nl
    check "$t: the scripted session reaches a ticket" test $? -eq 0 || sed 's/^/    /' "$WW_TMP/out-$t-nl.txt"
    log="$WW_TMP/spoken-$t.txt"
    grep -v '^-	stop$' "$WW_TMP/raw-$t-nl.log" >"$log"
    golden "$t" "$log"
    check "$t: every line is Dutch, in the Dutch voice" sh -c "! cut -f1 '$log' | grep -qv '^nl'"
    # The outcome: who helps, when they are here, what to bring.
    out=$(grep 'Wie kan u helpen?' "$log" | head -1)
    check "$t: the outcome says who helps" test -n "$out"
    case "$out" in *aanwezig*|*Vandaag*|*vandaag*|*dag*) w=1 ;; *) w=0 ;; esac
    check "$t: the outcome says when they are here" test "$w" -eq 1
    if grep -q '^text: Neem mee' "$WW_TMP/out-$t-nl.txt"; then
        case "$out" in *"Neem mee"*) w=1 ;; *) w=0 ;; esac
        check "$t: the outcome says what to bring" test "$w" -eq 1
    fi
    # The ticket: number, time and desk slowly, twice; every field of the
    # booking is on screen and spoken.
    slow=$(grep '^nl slow	' "$log")
    check "$t: the ticket is said slowly twice" test "$(echo "$slow" | wc -l)" -eq 2 -a \
        "$(echo "$slow" | sort -u | wc -l)" -eq 1
    row=$(sqlite3 -separator '|' "$WEGWIJZER_STATE/weener-xl.db" \
        "select ticket, printf('%02d:%02d', start / 60, start % 60) from bookings" 2>/dev/null)
    ticket=${row%%|*} at=${row#*|}
    check "$t: the ticket number $ticket is on screen" grep -q "^text: $ticket\$" "$WW_TMP/out-$t-nl.txt"
    check "$t: the time $at is on screen" grep -q "^text: .*$at" "$WW_TMP/out-$t-nl.txt"
    for f in "$ticket" "$at"; do
        w=$(said nl "$f")
        case "$slow" in *"$w"*) ok=1 ;; *) ok=0 ;; esac
        check "$t: the ticket field $f is spoken ($w)" test -n "$w" -a "$ok" -eq 1
    done
    # The desk: the card's last line, spoken and shown as it is.
    desk=$(echo "$slow" | head -1 | sed 's/.*\. //')
    check "$t: the desk ($desk) is spoken and on screen" grep -qF "text: $desk" "$WW_TMP/out-$t-nl.txt"
done
# One topic in Arabic: each line in the Arabic voice.
read_topic schulden ar
check "schulden in Arabic: reaches a ticket" test $? -eq 0
grep -v '^-	stop$' "$WW_TMP/raw-schulden-ar.log" >"$WW_TMP/spoken-ar.txt"
golden schulden.ar "$WW_TMP/spoken-ar.txt"
check "Arabic: after the language choice every line is in the Arabic voice" \
    sh -c "! sed 1d '$WW_TMP/spoken-ar.txt' | cut -f1 | grep -qv '^ar'"

# ---- keypad only, every topic, from the first key to a ticket ----
# Tab/arrows move the focus (each move is announced: `focus` checks that the
# label was said), Enter activates, number keys answer. The first key starts
# audio mode with the instruction; each new screen is read on arrival.
script="$WW_TMP/keypad-all.txt"
: >"$script"
n_topics=0
for t in $topics; do
    n_topics=$((n_topics + 1))
    cat >>"$script" <<EOF
expect screen attract
key Down
expect focus start
expect said Tik om te beginnen
key Return
expect screen topics
expect said Waar wilt u hulp bij?
focus topic:$t
key Return
expect screen question
walk keys
expect screen outcome
expect said Wie kan u helpen?
focus book
key Return
expect screen time
expect said Kies een tijd
key Return
expect screen confirm
expect focus confirm
key Return
expect screen ticket
expect focus next
key Return
expect screen more
focus more:no
key Return
expect screen rating
key 5
expect screen goodbye
wait 10s
expect screen attract
expect fresh
EOF
done
rm -rf "$WEGWIJZER_STATE"
expect "keypad only: every topic ($n_topics) books a ticket, each move announced" 0 "" -- \
    kiosk "$script" keypad-all --spoken-log "$WW_TMP/keypad-all.log"
n_instr=$(grep -c 'Met Enter kiest u' "$WW_TMP/keypad-all.log")
check "the first key of each visit says the instruction ($n_instr)" test "$n_instr" -eq "$n_topics"
n_ticket=$(grep -c '^nl slow	Uw nummer' "$WW_TMP/keypad-all.log")
check "each ticket is read slowly, twice, on arrival ($n_ticket)" test "$n_ticket" -eq $((2 * n_topics))
check "the bookings are in the store" \
    test "$(sqlite3 "$WEGWIJZER_STATE/weener-xl.db" 'select count(*) from bookings')" -eq "$n_topics"

# ---- the idle countdown: spoken, extended by any key, speech cut ----
cat >"$WW_TMP/idle.txt" <<'EOF'
key Tab
key Return
expect screen topics
wait 60s
expect warning
expect said 30 seconden
key Tab
expect no-warning
expect screen topics
wait 60s
expect warning
key Return
expect no-warning
expect screen topics
wait 60s
expect warning
wait 30s
expect screen attract
expect fresh
EOF
expect "idle countdown: spoken, a key extends it" 0 "" -- \
    kiosk "$WW_TMP/idle.txt" idle --spoken-log "$WW_TMP/idle.log"
check "the countdown is said each time the warning comes (3)" \
    test "$(grep -c 'begint opnieuw over' "$WW_TMP/idle.log")" -eq 3
check "a key cuts the countdown speech: a stop follows it" \
    sh -c "grep -A1 'begint opnieuw over' '$WW_TMP/idle.log' | grep -q '^-	stop\$'"

# ---- no audio device, a language without a voice: the journey goes on ----
label_in() { # the "unavailable" label in a language (Dutch when untranslated)
    v=$(awk -v id='msgid "Voorlezen niet beschikbaar"' \
        '$0 == id { getline; sub(/^msgstr "/, ""); sub(/"$/, ""); print; exit }' "locales/$1.po" 2>/dev/null)
    echo "${v:-Voorlezen niet beschikbaar}"
}
journey() { # the lines of a scripted journey to a ticket, after "tap start"
    cat <<EOF
tap topic:schulden
walk
tap book
tap-first time:
tap confirm
expect screen ticket
tap next
tap more:no
tap rating:5
expect screen goodbye
EOF
}
{
    echo "tap start"
    echo "expect text Voorlezen niet beschikbaar"
    echo "screenshot no-audio"
    echo "tap read"
    journey
} >"$WW_TMP/noaudio.txt"
rm -rf "$WEGWIJZER_STATE"
expect "no audio device: the journey completes, Voorlezen says it is unavailable" 0 \
    "no audio output" -- env SDL_AUDIODRIVER=nosuchdriver \
    "$WW_BIN" kiosk --location weener-xl --now "$NOW" --script "$WW_TMP/noaudio.txt" \
    --screenshot-dir "$SHOTS/noaudio"

# A voice taken away: espeak-ng data without the Ukrainian voice.
ESD=$(for d in /usr/lib/*/espeak-ng-data /usr/share/espeak-ng-data; do
    [ -d "$d" ] && echo "$d" && break
done)
if [ -n "$ESD" ]; then
    cp -r "$ESD" "$WW_TMP/espeak-data"
    find "$WW_TMP/espeak-data/lang" -name uk -exec rm -f {} +
    rm -f "$WW_TMP/espeak-data/uk_dict"
    uk=$(label_in uk)
    {
        echo "tap start"
        echo "expect text Voorlezen"
        echo "expect no-text Voorlezen niet beschikbaar"
        echo "lang uk"
        echo "expect text $uk"
        echo "screenshot no-voice-uk"
        echo "tap read"
        journey
    } >"$WW_TMP/novoice.txt"
    rm -rf "$WEGWIJZER_STATE"
    expect "a language without a voice: the journey completes, with a warning" 0 \
        "no espeak voice for language 'uk'" -- env ESPEAK_DATA_PATH="$WW_TMP/espeak-data" \
        "$WW_BIN" kiosk --location weener-xl --now "$NOW" --script "$WW_TMP/novoice.txt" \
        --screenshot-dir "$SHOTS/novoice" --speech espeak
fi

finish
