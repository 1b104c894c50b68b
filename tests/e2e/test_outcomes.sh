#!/bin/sh
# Every outcome of every flow at every sample location, as the resident
# meets it: with partners on site (a Tuesday morning) and with nobody on site
# (a copy of the configuration without any weekly entry).
# - Each location speaks with its own details: nothing of another
#   municipality shows (flow walk in three languages; the kiosk's screens,
#   through to the ticket screen, which shows what the ticket says).
# - The outcome's notices (safety, must-know) are on screen and read aloud
#   whoever is on site (the real kiosk under SDL's offscreen driver).
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen
export WEGWIJZER_ALLOW_ROOT=1
: "${WEGWIJZER_LOCALEDIR:=build/locale}"
export WEGWIJZER_LOCALEDIR
NOW=2026-11-24T09:30 # a Tuesday: partners are in at both locations
HK=scheidingsplein-hollands-kroon

python3 tests/e2e/outcome_paths.py kiosk-config/flows/*.flow >"$WW_TMP/paths"
n_out=$(wc -l <"$WW_TMP/paths")
check "every outcome has a path from its topic's start ($n_out)" \
    test "$n_out" -eq "$(cat kiosk-config/flows/*.flow | grep -c '^\[outcome ')"

# The same configuration with nobody on site anywhere.
cp -r kiosk-config "$WW_TMP/absent"
for f in "$WW_TMP"/absent/locations/*.ini; do
    awk '/^\[/ { skip = ($0 == "[presence]") } !skip' "$f" >"$f.new" && mv "$f.new" "$f"
done
check "the copy without weekly entries still checks clean" \
    sh -c "WEGWIJZER_CONFIG='$WW_TMP/absent' '$WW_BIN' config check '$WW_TMP/absent' >/dev/null"

# walk CONFIG LOCATION LANG: every outcome through `flow walk`, all output in one file.
walk_all() {
    cfg=$1 loc=$2 lang=$3 out=$4
    : >"$out"
    while read -r topic outcome answers; do
        input=""
        for a in $answers; do input="$input$a\n"; done
        printf '%b' "$input" | WEGWIJZER_CONFIG=$cfg "$WW_BIN" flow walk --topic "$topic" \
            --location "$loc" --lang "$lang" --now "$NOW" >>"$out" 2>&1 ||
            echo "WALK FAILED: $topic $outcome" >>"$out"
    done <"$WW_TMP/paths"
}

for lang in nl en ar; do
    for how in present absent; do
        cfg=kiosk-config
        [ "$how" = absent ] && cfg="$WW_TMP/absent"
        walk_all "$cfg" $HK $lang "$WW_TMP/hk-$how-$lang.txt"
        check "Hollands Kroon ($how, $lang): every outcome walked" \
            sh -c "! grep -q 'WALK FAILED' '$WW_TMP/hk-$how-$lang.txt'"
        check "Hollands Kroon ($how, $lang): nothing of Den Bosch" \
            sh -c "! grep -Ein '14 073|hertogenbosch|Weener' '$WW_TMP/hk-$how-$lang.txt'"
    done
done
# The walks did show the partners' own ways to reach them.
check "Hollands Kroon: the municipality's website is given" \
    grep -q 'https://www.hollandskroon.nl' "$WW_TMP/hk-absent-nl.txt"
check "Hollands Kroon: the divorce consultation through the wijkteam" \
    grep -q 'U meldt zich aan bij het wijkteam' "$WW_TMP/hk-present-nl.txt"
walk_all "$WW_TMP/absent" weener-xl nl "$WW_TMP/wxl-absent-nl.txt"
check "Weener XL: the municipality's own number 14 073" grep -q 'Bel 14 073' "$WW_TMP/wxl-absent-nl.txt"
check "Weener XL: nothing of Hollands Kroon's municipality" \
    sh -c "! grep -in 'hollandskroon' '$WW_TMP/wxl-absent-nl.txt'"

# ---- the kiosk: every outcome, notices on screen and spoken ----
python3 tests/e2e/outcome_paths.py --notices kiosk-config/flows/*.flow >"$WW_TMP/notices"
n_notices=$(awk -F'|' '{ n += NF - 3 } END { print n }' "$WW_TMP/notices")
check "the sample has notices to look for ($n_notices)" test "$n_notices" -ge 5
# script BOOK: one visit per outcome; BOOK=1 goes on to the ticket screen.
# What the kiosk says for a text: numbers, times and abbreviations as words.
said_form() {
    "$WW_BIN" say --lang nl --backend null "$1" 2>/dev/null | sed 's/^nl: [^:]*: //'
}
kiosk_script() {
    echo "tap start"
    while IFS='|' read -r topic outcome answers n1 n2 n3 n4; do
        echo "expect screen topics"
        echo "tap topic:$topic"
        for a in $answers; do
            if [ "$a" = 0 ]; then echo "tap dontknow"; else echo "tap answer:$a"; fi
        done
        echo "expect screen outcome"
        echo "texts"
        for n in "$n1" "$n2" "$n3" "$n4"; do
            [ -n "$n" ] || continue
            echo "expect text $n"
        done
        echo "tap read"
        for n in "$n1" "$n2" "$n3" "$n4"; do
            [ -n "$n" ] || continue
            echo "expect said $(said_form "$n")"
        done
        if [ "$1" = 1 ]; then
            echo "tap-if book"
            echo "on time tap-first time:"
            echo "on confirm tap confirm"
            echo "on ticket texts"
        fi
        echo "tap restart"
        echo "on attract tap start"
    done <"$WW_TMP/notices"
}
kiosk_script 0 >"$WW_TMP/visit.txt"
kiosk_script 1 >"$WW_TMP/visit-book.txt"
for loc in weener-xl $HK; do
    for how in present absent; do
        cfg=kiosk-config script="$WW_TMP/visit-book.txt"
        [ "$how" = absent ] && cfg="$WW_TMP/absent" script="$WW_TMP/visit.txt"
        out="$WW_TMP/kiosk-$loc-$how.txt" log="$WW_TMP/spoken-$loc-$how.txt"
        rm -rf "$WEGWIJZER_STATE"
        expect "kiosk $loc ($how): every outcome shows and reads its notices" 0 "" -- \
            sh -c "WEGWIJZER_CONFIG='$cfg' '$WW_BIN' kiosk --location $loc --now $NOW \
                --script '$script' --spoken-log '$log' >'$out' 2>&1 || { cat '$out'; exit 1; }"
        check "kiosk $loc ($how): all $n_notices notices in the spoken log" \
            test "$(awk -F'|' '{ for (i = 4; i <= NF; i++) print $i }' "$WW_TMP/notices" |
                while read -r n; do grep -cF "$(said_form "$n")" "$log" | sed 's/^[1-9][0-9]*$/1/'; done |
                grep -c 1)" -eq "$n_notices"
    done
done
# notice_ticket: the ticket screen shows what the paper says, the WW notice too.
path=$(awk -F'|' '$1 == "uitkering" && $2 == "ww" { print $3 }' "$WW_TMP/notices")
{
    echo "tap start"
    echo "tap topic:uitkering"
    for a in $path; do echo "tap answer:$a"; done
    echo "expect screen outcome"
    echo "tap book"
    echo "tap-first time:"
    echo "tap confirm"
    echo "expect screen ticket"
    echo "expect text Kijk op uwv.nl. Daar vraagt u de WW aan."
} >"$WW_TMP/ww-ticket.txt"
rm -rf "$WEGWIJZER_STATE"
expect "kiosk: the WW notice is on the ticket screen (notice_ticket)" 0 "" -- \
    ww kiosk --location weener-xl --now $NOW --script "$WW_TMP/ww-ticket.txt"
check "Hollands Kroon kiosk: outcomes and tickets show nothing of Den Bosch" \
    sh -c "! grep -Ein '14 073|hertogenbosch|Weener' '$WW_TMP/kiosk-$HK-present.txt' \
        '$WW_TMP/kiosk-$HK-absent.txt' '$WW_TMP/spoken-$HK-present.txt' \
        '$WW_TMP/spoken-$HK-absent.txt'"
check "Hollands Kroon kiosk: tickets were shown" grep -q 'Uw ticket' "$WW_TMP/kiosk-$HK-present.txt"
check "Hollands Kroon kiosk: nobody here shows the municipality's own number" \
    grep -q 'Bel 0224 - 296 700' "$WW_TMP/kiosk-$HK-absent.txt"

finish
