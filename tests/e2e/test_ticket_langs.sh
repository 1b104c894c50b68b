#!/bin/sh
# Real tickets in all six languages with the shipped catalogues: a resident
# books at the kiosk in each language and the ticket comes out of the PNG
# printer; `wegwijzer ticket` draws it again (PNG and ESC/POS bytes) and
# `staff reprint` and the staff screen print it again. Every QR decodes to
# the booking; every text line the ticket layout produced (its lines, not
# OCR) is checked against the PO catalogue of the resident's language; and
# every reprint is byte for byte the first print. Then the location's neutral
# wording: no item of the list on paper.
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen
export WEGWIJZER_ALLOW_ROOT=1
export WEGWIJZER_NOW=2026-11-24T09:30 # a Tuesday morning at Weener XL
T=$WW_TMP
SHOTS=${WW_SHOTS:-build/screenshots}/ticket-langs
mkdir -p "$SHOTS"
cp -r "$WEGWIJZER_CONFIG" "$T/cfg"
export WEGWIJZER_CONFIG="$T/cfg"
LOC="$T/cfg/locations/weener-xl.ini"
L="--location weener-xl"
set_key() { # key value: in the location file
    v=$(printf '%s' "$2" | sed 's/[&|\\]/\\&/g')
    sed -i "s|^$1 = .*|$1 = $v|" "$LOC"
}
qr_of() { zbarimg -q --raw "$1" 2>/dev/null; }
PRINTERS=""
trap 'for p in $PRINTERS; do kill "$p" 2>/dev/null; done; rm -rf "$WW_TMP"' EXIT
# start_printer NAME: a pretend ESC/POS printer on a TCP port (its jobs
# land as NAME/job-N.pbm); the location prints there.
start_printer() {
    mkdir -p "$T/$1"
    python3 tests/e2e/escpos_printer.py serve --port-file "$T/$1/port" --state "$T/$1/state" \
        --pbm-dir "$T/$1" &
    PRINTERS="$PRINTERS $!"
    i=0
    while [ ! -s "$T/$1/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    set_key printer "escpos-net:127.0.0.1:$(cat "$T/$1/port")?timeout=5"
}
wait_file() {
    i=0
    while [ ! -s "$1" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    [ -s "$1" ]
}
expect "set the PIN" 0 "staff PIN set" -- sh -c "echo 246813 | \"$WW_BIN\" staff set-pin $L"

n=0
for lang in nl en tr ar pl uk; do
    n=$((n + 1))
    mkdir -p "$T/first-$lang" "$T/again-$lang" "$T/screen-$lang"
    set_key printer "png:$T/first-$lang"
    # Debts: an outcome whose list has several items, one of which names
    # the topic.
    cat >"$T/book-$lang.txt" <<EOS
expect screen attract
tap start
lang $lang
expect lang $lang
tap topic:schulden
tap answer:2
tap answer:2
tap answer:2
expect screen outcome
tap book
expect screen time
tap-first time:
expect screen confirm
tap confirm
expect screen ticket
EOS
    expect "$lang: a resident books at the kiosk" 0 "" \
        -- ww kiosk $L --script "$T/book-$lang.txt" --screenshot-dir "$SHOTS"
    first=$(ls "$T/first-$lang"/*.png 2>/dev/null | head -1)
    check "$lang: the kiosk printed a ticket ($first)" [ -f "$first" ]
    cp "$first" "$SHOTS/first-$lang.png"
    number=$(basename "$first" .png | sed 's/^[0-9-]*-\([A-Z]-[0-9]*\)$/\1/')
    qr=$(qr_of "$first")
    check "$lang: its QR decodes ($qr)" [ -n "$qr" ]
    # `ticket`: the same ticket, without saying the language.
    expect "$lang: ticket draws it again" 0 "ticket $number" \
        -- ww ticket $L --code "$qr" --out "$T/again-$lang/t.png" --escpos "$T/t-$lang.bin" \
        --lines "$T/lines-$lang.txt"
    check "$lang: 'ticket' is the first print, byte for byte" cmp "$first" "$T/again-$lang/t.png"
    python3 tests/e2e/escpos_printer.py topbm "$T/t-$lang.bin" "$T/t-$lang.pbm"
    check "$lang: the ESC/POS bytes carry the booking's QR" \
        sh -c '[ "$(zbarimg -q --raw "$1" 2>/dev/null)" = "$2" ]' _ "$T/t-$lang.pbm" "$qr"
    check "$lang: the layout is in $lang" grep -qx "lang	$lang" "$T/lines-$lang.txt"
    expect "$lang: no line is untranslated Dutch" 0 "" \
        -- python3 tests/e2e/ticket_lines.py "$T/lines-$lang.txt" locales
    cp "$T/lines-$lang.txt" "$SHOTS/lines-$lang.txt"
    # `staff reprint` on the location's printer.
    rm -f "$T/first-$lang"/*.png
    expect "$lang: staff reprint" 0 "$number printed" -- ww staff reprint $L "$number"
    check "$lang: 'staff reprint' is the first print, byte for byte" \
        cmp "$SHOTS/first-$lang.png" "$T/first-$lang/$(basename "$first")"
    # `staff reprint` on an ESC/POS printer: what it received is what
    # `ticket --escpos` wrote, and its QR decodes.
    start_printer "escpos-$lang"
    expect "$lang: staff reprint on an ESC/POS printer" 0 "$number printed" \
        -- ww staff reprint $L "$number"
    check "$lang: the ESC/POS printer got a ticket" wait_file "$T/escpos-$lang/job-1.pbm"
    check "$lang: the ESC/POS printer's ticket is the first print, dot for dot" \
        cmp "$T/t-$lang.pbm" "$T/escpos-$lang/job-1.pbm"
    check "$lang: its QR decodes to the booking" \
        sh -c '[ "$(zbarimg -q --raw "$1" 2>/dev/null)" = "$2" ]' _ "$T/escpos-$lang/job-1.pbm" "$qr"
    # The staff screen's reprint of the last ticket.
    set_key printer "png:$T/screen-$lang"
    cat >"$T/staff-$lang.txt" <<EOS
expect screen attract
hold 10 10 3
expect screen staff-pin
type 246813
key Return
expect screen staff-main
tap staff:reprint
expect text $number is opnieuw naar de printer
tap staff:close
expect screen attract
EOS
    expect "$lang: the staff screen reprints it" 0 "" \
        -- ww kiosk $L --script "$T/staff-$lang.txt" --screenshot-dir "$SHOTS"
    check "$lang: the staff screen's reprint is the first print, byte for byte" \
        cmp "$SHOTS/first-$lang.png" "$T/screen-$lang/$(basename "$first")"
done
check "the Arabic ticket is not the Dutch one" sh -c '! cmp -s "$1" "$2"' _ \
    "$SHOTS/first-ar.png" "$SHOTS/first-nl.png"
check "the Dutch ticket lists the debt letters" \
    grep -q "Brieven van schuldeisers en deurwaarders" "$T/lines-nl.txt"

# ---- neutral wording: the list stays off the paper ----
set_key printer "png:$T/neutral"
mkdir -p "$T/neutral"
sed -i "s|^ticket_bring = .*|ticket_bring = neutral|" "$LOC"
expect "neutral: a resident books in Turkish" 0 "" \
    -- ww kiosk $L --script "$T/book-tr.txt" --screenshot-dir "$SHOTS"
neutral=$(ls "$T/neutral"/*.png | head -1)
cp "$neutral" "$SHOTS/neutral-tr.png"
expect "neutral: its lines" 0 "ticket" \
    -- ww ticket $L --code "$(qr_of "$neutral")" --out "$T/n.png" --lines "$T/lines-neutral.txt"
check "neutral: no item on paper" sh -c '! grep -q "^item" "$1"' _ "$T/lines-neutral.txt"
neutral_tr=$(sed -n '/^msgid "Neem de papieren mee die bij uw vraag horen."/{n;s/^msgstr "\(.*\)"/\1/p}' locales/tr.po)
check "neutral: the neutral line, in Turkish" grep -qxF "text	$neutral_tr" "$T/lines-neutral.txt"
check "neutral: a reprint still says it so" cmp "$neutral" "$T/n.png"
# A booking keeps its wording: the Turkish ticket booked before the switch
# still lists its items.
expect "a ticket booked before the switch keeps its list" 0 "ticket" \
    -- ww ticket $L --code "$(qr_of "$SHOTS/first-tr.png")" --out "$T/o.png" --lines "$T/o.txt"
check "its items are still there" grep -q "^item" "$T/o.txt"

finish
