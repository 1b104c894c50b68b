#!/bin/sh
# The resident's volume and private listening, end to end: the real binary
# under SDL's offscreen driver with the null speech backend, whose spoken
# log is what was said. ACCESSIBILITY rows 7 and 12: the volume is set on
# screen and on the keypad (+ and -), over at least 18 dB, and a wipe puts
# it back to the place's volume for the next person.
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen
unset SDL_AUDIODRIVER
export WEGWIJZER_ALLOW_ROOT=1
NOW=2026-11-24T09:30

kiosk() { # script-file [more options]
    s=$1
    shift
    ww kiosk --location weener-xl --now "$NOW" --script "$s" "$@"
}

# ---- volume on the keypad and on screen; reset by a wipe ----
cat >"$WW_TMP/volume.txt" <<'EOF'
tap start
key Keypad +
expect said 4 van 5
key Keypad +
expect said 5 van 5
key Keypad +
expect said 5 van 5
describe
expect target volume
expect text Geluid zachter
tap volume
expect said 1 van 5
key Keypad -
expect said 1 van 5
describe
tap volume
tap volume
tap volume
describe
tap restart
expect fresh
describe
EOF
kiosk "$WW_TMP/volume.txt" --spoken-log "$WW_TMP/volume.log" >"$WW_TMP/volume.out" 2>&1
check "the volume script runs" grep -q "screen=attract" "$WW_TMP/volume.out"
grep -o "volume=[0-9]*" "$WW_TMP/volume.out" | tr '\n' ' ' >"$WW_TMP/volumes"
check "keypad + stops at 100 %, the tile goes round to 40 %, - stops there, the tile steps up" \
    grep -q "^volume=100 volume=40 volume=85 volume=70 $" "$WW_TMP/volumes"
check "each step is said at the new volume" grep -q "^nl	Geluid: stand 4 van 5" "$WW_TMP/volume.log"
check "after a wipe the next person hears the place's volume (70 %)" \
    grep -q "screen=attract.*volume=70" "$WW_TMP/volume.out"

# ---- private listening: ticket details only in the headphones ----
# SDL's disk driver stands in for the sound card; its one output is named
# "System audio output device". With headphones_device naming it, that output
# is the headphone jack; naming an output that is not there, there are no
# headphones and the output is the public speaker.
cat >"$WW_TMP/ticket.txt" <<'EOF'
tap start
tap topic:schulden
walk
expect screen outcome
tap book
tap-first time:
tap confirm
expect screen ticket
tap read
EOF
run_ticket() { # name headphones_device
    rm -rf "$WEGWIJZER_STATE" "$WW_TMP/cfg-$1"
    cp -r kiosk-config "$WW_TMP/cfg-$1"
    sed -i "s/^headphones_device =.*/headphones_device = $2/" "$WW_TMP/cfg-$1/locations/weener-xl.ini"
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$WW_TMP/$1.raw" SDL_DISKAUDIODELAY=0 \
        WEGWIJZER_CONFIG="$WW_TMP/cfg-$1" kiosk "$WW_TMP/ticket.txt" \
        --speech null --spoken-log "$WW_TMP/$1.log" >"$WW_TMP/$1.out" 2>&1
}
run_ticket speaker "USB Headset"
check "speaker: the kiosk ran and spoke" test -s "$WW_TMP/speaker.log"
check "speaker: the session reaches the ticket" grep -q "Uw bon wordt geprint" "$WW_TMP/speaker.log"
check "speaker: the ticket number, time and desk are not said" \
    sh -c "! grep -q -e 'Uw nummer\\.' -e '^nl slow' -e 'Balie 2' '$WW_TMP/speaker.log'"
check "speaker: nothing is marked as headphones" sh -c "! grep -q '^nl[a-z ]* headphones	' '$WW_TMP/speaker.log'"
run_ticket private "system audio output"
check "headphones: the kiosk ran and spoke" test -s "$WW_TMP/private.log"
check "headphones: detected from the configured output name" \
    grep -q "headphones plugged in" "$WW_TMP/private.out"
check "headphones: the ticket number is said slowly, twice, in the headphones" \
    test "$(grep -c '^nl slow headphones	Uw nummer' "$WW_TMP/private.log")" -eq 2
check "headphones: every utterance is marked as going there" \
    sh -c "! grep -v '^-	stop' '$WW_TMP/private.log' | grep -qv '^nl[a-z ]* headphones	'"

finish
