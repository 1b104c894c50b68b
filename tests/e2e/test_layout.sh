#!/bin/sh
# The layout check at every location of the configuration: every screen the
# flows reach, every language, text size, both orientations, the normal and
# the "buttons lower" layout, both themes, every page of a screen too long
# for one, and the variants a kiosk meets (no voice, nobody on site, store
# offline, an answer still on its way, the slot gone, booking failed, each
# printer state). Then the same with every resident text made much longer:
# the layout must hold for texts that change, not only for today's.
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen
export WEGWIJZER_ALLOW_ROOT=1
NOW=2026-11-24T09:30 # a Tuesday: most partners are in

locations=$(ls "$WEGWIJZER_CONFIG"/locations/*.ini | sed 's|.*/||; s|\.ini$||')
n=0
for loc in $locations; do
    n=$((n + 1))
    expect "layout check at $loc: no problem" 0 "layout: 0 problems" -- \
        ww kiosk --location "$loc" --now "$NOW" --check-layout
done
check "every location ($n) was checked" test "$n" -ge 2

# Long texts: each question, explanation, answer, reason, alternative,
# partner description and opening-hours line gets a long sentence more, and
# each bring list a long item more.
long="$WW_TMP/long"
cp -r "$WEGWIJZER_CONFIG" "$long"
more="Daarna volgt nog een lange zin die er alleen staat om te zien of alles op het scherm past."
sed -i -E "s/^(text|explain|why|alternative|helps) = (.*)$/\1 = \2 $more/" \
    "$long"/flows/*.flow "$long/partners.ini"
sed -i -E "s/^(phone_hours = .*)$/\1, ook op zaterdag/" "$long/partners.ini"
sed -i -E "s/^(answer = )([^-]*)( -> .*)$/\1\2 of iets dat er een beetje op lijkt\3/" \
    "$long"/flows/*.flow
sed -i -E "s/^(bring = .*)$/\1; Alle andere papieren die u heeft gekregen over deze vraag/" \
    "$long"/flows/*.flow "$long/partners.ini"
check "the long-text configuration differs from the shipped one" \
    sh -c "! diff -rq '$WEGWIJZER_CONFIG' '$long' >/dev/null"
pages=0
for loc in $locations; do
    expect "layout check at $loc with long texts: no problem" 0 "layout: 0 problems" -- \
        ww kiosk --config "$long" --location "$loc" --now "$NOW" --check-layout
    # $out is the check's output (lib.sh): how many screens needed pages.
    p=$(echo "$out" | sed -n 's/^layout: \([0-9]*\) screens split into pages.*/\1/p')
    pages=$((pages + ${p:-0}))
done
check "long texts are split into pages, not drawn over each other ($pages screens)" \
    test "$pages" -gt 0

# The check still fails where nothing can fit: a screen the size of a
# phone cannot hold 20 mm targets with their gaps.
tiny="$WW_TMP/tiny"
cp -r "$WEGWIJZER_CONFIG" "$tiny"
sed -i 's/^width_mm = .*/width_mm = 62/; s/^height_mm = .*/height_mm = 110/' \
    "$tiny/locations/weener-xl.ini"
expect "layout check fails on a screen too small" 1 "problem" -- \
    ww kiosk --config "$tiny" --location weener-xl --now "$NOW" --check-layout

finish
