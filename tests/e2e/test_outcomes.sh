#!/bin/sh
# Every outcome of every flow at every sample location, as the resident
# meets it: with partners on site (a Tuesday morning) and with nobody on site
# (a copy of the configuration without any weekly entry), in every language.
# Each location speaks with its own details: nothing of another
# municipality shows.
. tests/e2e/lib.sh
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

finish
