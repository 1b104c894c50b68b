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

finish
