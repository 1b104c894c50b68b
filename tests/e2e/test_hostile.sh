#!/bin/sh
# Hostile content, with the real binary: a catalogue whose translations carry
# other placeholders than their Dutch source (compiled here without the
# c-format flag, so msgfmt lets it through), question chains deeper than any
# stack, ... Each case must end in a clear message or a working kiosk, never
# a crash or a hang (every run is under `timeout`).
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen
unset SDL_AUDIODRIVER
export WEGWIJZER_ALLOW_ROOT=1
L="--location weener-xl --now 2026-11-24T09:30"

# ---- 10: a translation with more (or other) conversions than its source ----
# The real Turkish catalogue with the progress line and the idle countdown
# made hostile: conversions the source lacks (%s reads a pointer that was
# never passed, %n writes through one). Without a c-format flag msgfmt
# --check compiles it; the kiosk used to pass such a text to snprintf.
mkdir -p "$WW_TMP/locale" "$WW_TMP/po"
cp -r build/locale/. "$WW_TMP/locale/"
cp locales/*.po "$WW_TMP/po/"
sed -e '/^#, c-format/d' \
    -e 's/^msgstr "Adım %d \/ %d"$/msgstr "Adım %d \/ %d %s %s %s"/' \
    -e '/^msgid "Het scherm begint opnieuw over %d seconden."$/{n;s/%d/%d %s %n/;}' \
    locales/tr.po >"$WW_TMP/po/tr.po"
check "the hostile catalogue differs from the real one in two entries" \
    test "$(diff locales/tr.po "$WW_TMP/po/tr.po" | grep -c '^> msgstr')" -eq 2
msgfmt --check -o "$WW_TMP/locale/tr/LC_MESSAGES/wegwijzer.mo" "$WW_TMP/po/tr.po"
cat >"$WW_TMP/hostile-tr.txt" <<'EOS'
tap start
lang tr
tap topic:schulden
expect screen question
expect text Stap 1 van
expect no-text %s
screenshot question-tr
wait 61s
expect warning
expect text Het scherm begint opnieuw over 29 seconden.
EOS
expect "a hostile catalogue: the kiosk shows those texts in Dutch, no crash" 0 "" -- \
    ww kiosk $L --script "$WW_TMP/hostile-tr.txt" --localedir "$WW_TMP/locale" \
    --screenshot-dir "$WW_TMP/shots"
expect "a hostile catalogue: the kiosk logs the catalogue and the text" 0 \
    'tr/LC_MESSAGES/wegwijzer.mo: the translation of "Stap %d van %d": placeholder 3 (%s) is not in the source (shown in Dutch)' -- \
    ww kiosk $L --script "$WW_TMP/hostile-tr.txt" --localedir "$WW_TMP/locale"
expect "a hostile catalogue: flow walk shows the Dutch progress line" 1 "-- Stap 1 van 2" -- \
    sh -c "printf '1\n' | \"$WW_BIN\" flow walk --topic schulden --lang tr --localedir \"$WW_TMP/locale\""
out=$(ww flow check --locales "$WW_TMP/po" 2>&1)
st=$?
check "a hostile PO: flow check fails" test "$st" -eq 1
check "a hostile PO: flow check names the file, line and msgid of the extra %s" \
    sh -c 'printf "%s\n" "$1" | grep -qE "/po/tr.po:[0-9]+: the translation of \"Stap %d van %d\": placeholder 3 \(%s\) is not in the source"' _ "$out"
check "a hostile PO: flow check names the countdown" \
    sh -c 'printf "%s\n" "$1" | grep -qF "the translation of \"Het scherm begint opnieuw over %d seconden.\": placeholder 2 (%s) is not in the source"' _ "$out"

# ---- 9: very deep question chains ----
# chain N DIR: a configuration whose only flow is a chain of N questions
# (q0 -> q1 -> ... -> outcome), each with a second answer to the outcome.
chain() {
    rm -rf "$2"
    cp -r kiosk-config "$2"
    rm -f "$2"/flows/*.flow
    awk -v n="$1" 'BEGIN {
        print "[topic diep]\ntitle = Diep\nicon = geld\norder = 1\nstart = q0"
        for (i = 0; i < n; i++) {
            nx = (i + 1 < n) ? "q" (i + 1) : "o"
            printf "[question q%d]\ntext=x\nanswer=a->%s\nanswer=b->o\n", i, nx
        }
        print "[outcome o]\npartners = algemene-balie\nwhy = Hulp."
    }' >"$2/flows/diep.flow"
}
cat >"$WW_TMP/ooo.txt" <<'EOS'
expect screen out-of-order
EOS
# 18,000 questions just fit the 1 MiB a flow file may have (the old
# recursive walk overflowed the stack); 100,000 do not; 17 are one more than
# a resident's session holds.
for n in 18000 100000 17; do
    chain $n "$WW_TMP/chain$n"
    case $n in
    17) want="diep.flow:6: a path of 17 questions starts at 'q0' (at most 16): q0 -> q1 -> q2 -> q3 -> ... -> q15 -> q16" ;;
    18000) want="diep.flow:1606: more than 400 questions and outcomes in one flow file: the rest is not read" ;;
    100000) want="diep.flow: cannot read: file larger than 1 MiB" ;;
    esac
    expect "a chain of $n questions: flow check reports it" 1 "$want" -- \
        timeout 60 "$WW_BIN" flow check "$WW_TMP/chain$n/flows" --no-locales
    expect "a chain of $n questions: kiosk --check-layout reports it" 1 "$want" -- \
        env WEGWIJZER_CONFIG="$WW_TMP/chain$n" timeout 60 "$WW_BIN" kiosk $L --check-layout
    expect "a chain of $n questions: the kiosk is out of order, not crashing" 0 "$want" -- \
        env WEGWIJZER_CONFIG="$WW_TMP/chain$n" timeout 60 "$WW_BIN" kiosk $L --script "$WW_TMP/ooo.txt"
done
# As deep as a session goes: the layout check walks it (an explicit stack).
chain 16 "$WW_TMP/chain16"
expect "a chain of 16 questions: kiosk --check-layout walks it" 0 "layout: 0 problems" -- \
    env WEGWIJZER_CONFIG="$WW_TMP/chain16" timeout 120 "$WW_BIN" kiosk $L --check-layout

finish
