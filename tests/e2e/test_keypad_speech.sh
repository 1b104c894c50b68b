#!/bin/sh
# Speech and the keypad in the kiosk, end to end: the real binary under SDL's
# offscreen driver, on a virtual clock, with the null speech backend whose
# spoken log (--spoken-log) is what a blind resident would have heard. One
# line per utterance: "LANG[ slow]<TAB>text", or "-<TAB>stop" when speech
# was cut.
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen
export SDL_AUDIODRIVER=dummy
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
check "the focus on the language row is announced" grep -q "^nl	English" "$WW_TMP/keylang.log"
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
expect "buttons lower: the corner strip opens staff" 0 "" -- \
    kiosk "$WW_TMP/corner-plain.txt" corner-lower --lower
