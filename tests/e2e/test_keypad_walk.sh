#!/bin/sh
# Keypad mode is never silent: every answer of every flow, chosen by its
# number key, then Back to its question, at each location. After each key
# something new must be said (the kiosk's `walk every-key` fails otherwise),
# and Back must return to the question the answer was given on.
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen
unset SDL_AUDIODRIVER
export WEGWIJZER_ALLOW_ROOT=1
NOW=2026-11-24T09:30 # a Tuesday: most partners are in
topics=$(sed -n 's/^\[topic \([a-z0-9-]*\)\].*/\1/p' kiosk-config/flows/*.flow)
for f in kiosk-config/locations/*.ini; do
    loc=$(basename "$f" .ini)
    script="$WW_TMP/walk-$loc.txt"
    # Keys only: Down starts audio mode, Enter starts, Tab finds the topic.
    {
        echo "key Down"
        echo "key Return"
        echo "expect screen topics"
        for t in $topics; do
            echo "focus topic:$t"
            echo "key Return"
            echo "expect screen question"
            echo "walk every-key"
            echo "key BackSpace"
            echo "expect screen topics"
        done
    } >"$script"
    rm -rf "$WEGWIJZER_STATE"
    out="$WW_TMP/out-$loc.txt"
    "$WW_BIN" kiosk --location "$loc" --now "$NOW" --script "$script" \
        --spoken-log "$WW_TMP/spoken-$loc.log" >"$out" 2>&1
    st=$?
    check "$loc: every answer of every topic by keys, speech after each key" test "$st" -eq 0 ||
        sed 's/^/    /' "$out" | tail -5
    n=$(sed -n 's/^walked .*: \([0-9]*\) answers.*/\1/p' "$out" | awk '{ s += $1 } END { print s + 0 }')
    echo "     $loc: $n answers walked"
    check "$loc: more answers than topics were walked ($n)" test "$n" -gt 100
done

# A booking error is spoken, with the focus on the first control: the
# fourth booking of one visit (three a visit by default) goes to the desk.
book() {
    cat <<EOT
focus topic:schulden
key Return
walk keys
expect screen outcome
focus book
key Return
expect screen time
key Return
expect screen confirm
key Return
EOT
}
{
    echo "key Down"
    echo "key Return"
    for i in 1 2 3; do
        book
        echo "expect screen ticket"
        echo "focus next"
        echo "key Return"
        echo "expect screen more"
        echo "focus more:yes"
        echo "key Return"
        echo "expect screen topics"
    done
    book
    echo "expect screen confirm"
    echo "expect said U heeft al genoeg afspraken gemaakt"
    echo "expect focus confirm"
} >"$WW_TMP/limit.txt"
rm -rf "$WEGWIJZER_STATE"
expect "the booking limit is spoken to a keypad user" 0 "booking refused" -- \
    "$WW_BIN" kiosk --location weener-xl --now "$NOW" --script "$WW_TMP/limit.txt"

# Shift+Tab moves back; in Arabic the left arrow moves on (reading order).
cat >"$WW_TMP/keys.txt" <<EOT
key Down
key Return
expect screen topics
key Tab
key Tab
describe
key Shift+Tab
describe
lang ar
expect lang ar
key Left
describe
key Right
describe
key Down
describe
EOT
"$WW_BIN" kiosk --location weener-xl --now "$NOW" --script "$WW_TMP/keys.txt" >"$WW_TMP/keys.out" 2>&1
focus=$(grep -o 'focus=[0-9-]*' "$WW_TMP/keys.out" | cut -d= -f2 | tr '\n' ' ')
check "Shift+Tab moves back; in Arabic Left moves on, Right back (focus: $focus)" \
    test "$focus" = "2 1 2 1 2 "
TAB=$(printf '\t')
# States are spoken: each switch with "aan"/"uit", the language in use and
# the answer given before with "gekozen"; in English too.
set -- $topics
cat >"$WW_TMP/states.txt" <<EOT
key Down
key Return
expect screen topics
focus contrast
expect said Hoog contrast: uit
key Return
expect said Hoog contrast: aan
key Return
expect said Hoog contrast: uit
focus slow
key Return
expect said Langzamer praten: aan
focus textsize
key Return
expect said Tekst groter: aan
focus lower
key Return
expect said Knoppen lager: aan
key Return
expect said Knoppen lager: uit
focus lang:nl
expect said gekozen
focus lang:en
expect said English
expect no-said gekozen
focus lang:ar
focus topic:schulden
key Return
key 1
key BackSpace
expect screen question
key Tab
key Shift+Tab
expect focus answer:1
expect said gekozen
key Tab
expect no-said gekozen
lang en
focus contrast
key Return
expect said High contrast: on
EOT
expect "states are spoken: aan/uit, gekozen, in English too" 0 "" -- \
    "$WW_BIN" kiosk --location weener-xl --now "$NOW" --script "$WW_TMP/states.txt" \
    --spoken-log "$WW_TMP/states.log"
check "a language's name on the row is said in its own voice" \
    sh -c "grep -Eq '^en( slow)?${TAB}English\$' '$WW_TMP/states.log' && grep -Eq '^ar( slow)?${TAB}العربية\$' '$WW_TMP/states.log'"
# The idle warning tells a keypad user to press a key, and says so when
# the session was kept; a touch user is told to tap.
cat >"$WW_TMP/idle.txt" <<'EOT'
key Down
key Return
expect screen topics
wait 60s
expect warning
expect text Druk op een toets om verder te gaan
expect said Druk op een toets om verder te gaan
key Tab
expect no-warning
expect said Fijn dat u er nog bent
lang en
wait 60s
expect warning
key Return
expect no-warning
expect screen topics
expect said Good
EOT
expect "idle warning: press a key, and kept aloud" 0 "" -- \
    "$WW_BIN" kiosk --location weener-xl --now "$NOW" --script "$WW_TMP/idle.txt"
printf 'tap start\nwait 60s\nexpect warning\nexpect text Tik hier om verder te gaan\nexpect no-text toets\n' \
    >"$WW_TMP/idle-touch.txt"
expect "idle warning: a touch user is told to tap" 0 "" -- \
    "$WW_BIN" kiosk --location weener-xl --now "$NOW" --script "$WW_TMP/idle-touch.txt"
# The ticket is spoken whole (ACCESSIBILITY row 6): every line printed on
# the ticket is on the ticket screen and in what was said on arrival.
# Dutch names (partners, locations, rooms) are said with the Dutch voice
# inside other languages, as the kiosk does.
names=$(sed -n 's/^\(name\|room\) *= *//p' kiosk-config/partners.ini kiosk-config/locations/*.ini |
    sort -u)
said() {
    set -- "$@"
    l=$1 text=$2
    set --
    while IFS= read -r nm; do set -- "$@" --name "$nm"; done <<EON
$names
EON
    "$WW_BIN" say -b null --lang "$l" "$@" "$text" 2>/dev/null |
        sed 's/^[a-z]*: [0-9.]* s ([0-9]* samples at [0-9]* Hz): //'
}
ticket_whole() { # location topic lang
    cat >"$WW_TMP/tk.txt" <<EOT
key Down
key Return
expect screen topics
focus lang:$3
key Return
focus topic:$2
key Return
walk keys
expect screen outcome
focus book
key Return
key Return
key Return
expect screen ticket
texts
ticket-lines
EOT
    rm -rf "$WEGWIJZER_STATE"
    "$WW_BIN" kiosk --location "$1" --now "$NOW" --script "$WW_TMP/tk.txt" \
        --spoken-log "$WW_TMP/tk.log" >"$WW_TMP/tk.out" 2>&1 || {
        # No one to book for this topic at this location today.
        grep -q 'focus book: Tab never reaches it' "$WW_TMP/tk.out" && return
        check "$1 $2 $3: a ticket by keys" false
        sed 's/^/    /' "$WW_TMP/tk.out" | tail -3
        return
    }
    sed -n 's/^ticket: //p' "$WW_TMP/tk.out" >"$WW_TMP/tk.lines"
    sed -n 's/^text: //p' "$WW_TMP/tk.out" >"$WW_TMP/tk.texts"
    missing_screen="" missing_said=""
    n=0
    while IFS= read -r line; do
        n=$((n + 1))
        grep -qF -- "$line" "$WW_TMP/tk.texts" || missing_screen="$missing_screen [$line]"
        w=$(said "$3" "$line")
        grep -qF -- "$w" "$WW_TMP/tk.log" || missing_said="$missing_said [$line]"
    done <"$WW_TMP/tk.lines"
    tickets=$((tickets + 1))
    check "$1 $2 $3: all $n ticket lines on screen${missing_screen:+, not:$missing_screen}" \
        test -z "$missing_screen" -a "$n" -gt 4
    check "$1 $2 $3: all $n ticket lines spoken${missing_said:+, not:$missing_said}" \
        test -z "$missing_said" -a "$n" -gt 4
}
for f in kiosk-config/locations/*.ini; do
    tickets=0
    for t in $topics; do
        ticket_whole "$(basename "$f" .ini)" "$t" nl
    done
    check "$(basename "$f" .ini): tickets compared ($tickets)" test "$tickets" -ge 3
done
for l in en tr ar pl uk; do
    ticket_whole weener-xl schulden "$l"
done
# Languages found by ear: the first key on the start screen says, for each
# language, its name and number key in its own voice; all six in under 15 s
# (the utterances written to WAV with the espeak voice, measured with sox).
# The number key chooses, and the keypad instruction follows in that language.
TAB=$(printf '\t')
langs=$(for c in nl en tr ar pl uk; do echo "$c"; done)
n=0
for f in kiosk-config/locations/*.ini; do
    loc=$(basename "$f" .ini)
    for l in $langs; do
        n=$((n + 1))
        printf 'key Down\nkey %d\nexpect lang %s\nexpect screen topics\n' "$n" "$l" >"$WW_TMP/lang.txt"
        [ "$n" -ge 6 ] && n=0
        rm -rf "$WEGWIJZER_STATE"
        "$WW_BIN" kiosk --location "$loc" --now "$NOW" --script "$WW_TMP/lang.txt" \
            --spoken-log "$WW_TMP/lang.log" >"$WW_TMP/lang.out" 2>&1
        check "$loc: key on the start screen chooses $l" test $? -eq 0 || tail -2 "$WW_TMP/lang.out"
        # What followed the choice (after its stop): the instruction, in $l.
        after=$(awk -F'\t' '/^-\tstop$/ { n++; next } n >= 3' "$WW_TMP/lang.log" | head -1)
        check "$loc $l: the instruction follows in the chosen voice" test "${after%%"$TAB"*}" = "$l"
        [ "$l" = nl ] && check "$loc: in Dutch it is the Dutch instruction" \
            sh -c "echo '$after' | grep -q 'Met Enter kiest u'"
    done
    grep -v '^-' "$WW_TMP/lang.log" | head -6 >"$WW_TMP/list.txt"
    voices=$(cut -f1 "$WW_TMP/list.txt" | tr '\n' ' ')
    check "$loc: each language is said in its own voice ($voices)" test "$voices" = "nl en tr ar pl uk "
    total=0 i=0
    while IFS="$TAB" read -r l text; do
        i=$((i + 1))
        "$WW_BIN" say -r --lang "$l" -o "$WW_TMP/l$i.wav" "$text" >/dev/null 2>&1 ||
            check "$loc: the $l voice says its line" false
        total=$(awk -v a="$total" -v b="$(sox --i -D "$WW_TMP/l$i.wav")" 'BEGIN { print a + b }')
    done <"$WW_TMP/list.txt"
    echo "     $loc: the six languages last $total s"
    check "$loc: all six languages in under 15 s ($total s)" \
        awk -v t="$total" 'BEGIN { exit !(t > 5 && t < 15) }'
done
# A printer that fails after the ticket screen came is said on its own (a
# keypad user cannot see the line appear): nothing listens on the port.
cp -r "$WEGWIJZER_CONFIG" "$WW_TMP/cfg"
sed -i 's|^printer = .*|printer = escpos-net:127.0.0.1:1?timeout=2|' "$WW_TMP/cfg/locations/weener-xl.ini"
cat >"$WW_TMP/printer.txt" <<'EOT'
key Down
key Return
focus topic:schulden
key Return
walk keys
focus book
key Return
key Return
key Return
expect screen ticket
expect text Helaas, de printer doet het niet
EOT
rm -rf "$WEGWIJZER_STATE"
WEGWIJZER_CONFIG="$WW_TMP/cfg" "$WW_BIN" kiosk --location weener-xl --now "$NOW" \
    --script "$WW_TMP/printer.txt" --spoken-log "$WW_TMP/printer.log" >"$WW_TMP/printer.out" 2>&1
check "a failed printer: the ticket screen is reached by keys" test $? -eq 0 ||
    tail -3 "$WW_TMP/printer.out"
check "a failed printer is said on its own" \
    grep -q "^nl${TAB}Helaas, de printer doet het niet" "$WW_TMP/printer.log"
finish
