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
