#!/bin/sh
# The kiosk end to end: the real binary, scripted taps and keys on a virtual
# clock, under SDL's offscreen driver (no display), a real SQLite store and
# the location's PNG printer. Screenshots of every screen are left in
# $WW_SHOTS when it is set (else in the temporary folder).
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen
export WEGWIJZER_ALLOW_ROOT=1
SHOTS=${WW_SHOTS:-$WW_TMP/shots}
# A private copy: a rebuild while the tests run cannot swap the binary.
cp "$WW_BIN" "$WW_TMP/wegwijzer"
WW_BIN="$WW_TMP/wegwijzer"
mkdir -p "$SHOTS"
NOW=2026-11-24T09:30 # a Tuesday: most partners are in
DAY=2026-11-24
DB="$WEGWIJZER_STATE/weener-xl.db"

kiosk() { # script-file shots-subdir [more options]
    s=$1 d=$2
    shift 2
    mkdir -p "$SHOTS/$d"
    ww kiosk --location weener-xl --now "$NOW" --script "$s" --screenshot-dir "$SHOTS/$d" "$@"
}
sql() { sqlite3 "$DB" "$1"; }
po() { # the translation of a Dutch text in a language's catalogue
    awk -v id="msgid \"$2\"" '$0 == id { getline; sub(/^msgstr "/, ""); sub(/"$/, ""); print; exit }' \
        "locales/$1.po"
}

# ---- every topic reaches a booking that is in the store ----
topics=$(sed -n 's/^\[topic \([a-z0-9-]*\)\].*/\1/p' kiosk-config/flows/*.flow)
n_topics=0
script="$WW_TMP/topics.txt"
: >"$script"
for t in $topics; do
    n_topics=$((n_topics + 1))
    cat >>"$script" <<EOF
expect screen attract
tap start
expect screen topics
tap topic:$t
walk
expect screen outcome
tap book
expect screen time
tap-first time:
expect screen confirm
tap confirm
expect screen ticket
tap next
expect screen more
tap more:no
expect screen rating
tap rating:5
expect screen goodbye
wait 10s
expect screen attract
expect fresh
EOF
done
expect "every topic ($n_topics) reaches a ticket" 0 "" -- kiosk "$script" topics
check "the $n_topics bookings are in the store" test "$(sql 'select count(*) from bookings')" -eq "$n_topics"
out=$(ww staff bookings --location weener-xl --date "$DAY" 2>&1)
n=$(echo "$out" | grep -c -E '[A-Z]-[0-9]{3}')
check "staff bookings lists today's $n bookings" test "$n" -ge 1 -a "$n" -le "$n_topics"
check "the $n_topics ratings are stored" test "$(sql 'select coalesce(sum(count), 0) from rating_counts where score = 5')" -eq "$n_topics"
check "each booked visit is tallied with its topic" \
    test "$(sql "select count(distinct topic) from tally_counts where partner <> ''")" -eq "$n_topics"
check "finished visits are no drop-outs" test "$(sql 'select count(*) from dropouts')" -eq 0
n_png=$(ls "$WEGWIJZER_STATE"/tickets/*.png 2>/dev/null | wc -l)
check "a ticket PNG per booking ($n_png)" test "$n_png" -eq "$n_topics"
first=$(ls "$WEGWIJZER_STATE"/tickets/*.png 2>/dev/null | head -1)
if command -v zbarimg >/dev/null 2>&1 && [ -n "$first" ]; then
    check "the printed ticket's QR reads WW1:weener-xl:..." \
        sh -c "zbarimg -q --raw '$first' 2>/dev/null | grep -q '^WW1:weener-xl:'"
fi

# ---- "talk to a person" from several screens ----
cat >"$WW_TMP/talk.txt" <<'EOF'
tap start
tap talk
expect screen outcome
expect text Algemene balie
tap back
expect screen topics
tap topic:werk
tap talk
expect screen outcome
expect text Algemene balie
tap back
expect screen question
tap answer:1
tap talk
expect text Algemene balie
tap book
tap-first time:
tap confirm
expect screen ticket
expect text A-0
EOF
expect "talk to a person from the topics, a question and midway" 0 "" -- kiosk "$WW_TMP/talk.txt" talk
check "the general desk booking is in the store" \
    test "$(sql "select count(*) from bookings where partner = 'algemene-balie'")" -ge 1

# ---- "Verder zonder afspraak", then Terug: the outcome is not lost ----
cat >"$WW_TMP/declined.txt" <<'EOF'
tap start
tap talk
expect screen outcome
expect text Verder zonder afspraak
expect no-text Geen afspraak nodig
tap next
expect screen more
screenshot more-with-back
tap more:no
expect screen rating
tap back
expect screen more
tap back
expect screen outcome
expect text Algemene balie
expect text Verder zonder afspraak
EOF
expect "every screen after 'Verder zonder afspraak' has Terug" 0 "" -- kiosk "$WW_TMP/declined.txt" declined

# ---- a tap anywhere: the attract screen starts, "Dank u wel" starts the next visit ----
cat >"$WW_TMP/anywhere.txt" <<'EOF'
expect screen attract
touch 540 330
expect screen topics
tap back
expect screen attract
tap topic:schulden
expect screen question:schulden:rekeningen
tap talk
tap next
tap more:no
lang en
tap textsize
tap rating:2
expect screen goodbye
touch 540 600
expect screen topics
expect lang nl
tap back
expect screen attract
expect fresh
EOF
expect "a tap anywhere starts; a pictogram starts its topic; after goodbye a new visit" 0 "" -- \
    kiosk "$WW_TMP/anywhere.txt" anywhere
check "the goodbye tap recorded the visit's rating" \
    test "$(sql 'select coalesce(sum(count), 0) from rating_counts where score = 2')" -ge 1

# ---- "Knoppen lager" is an action in every language, not a statement ----
cat >"$WW_TMP/lower-label.txt" <<'EOF'
tap start
lang tr
expect text Düğmeleri aşağı al
lang ar
expect text أَنْزِلِ الْأَزْرَارَ
lang en
expect text Move buttons down
lang pl
expect text Przenieść przyciski niżej
lang uk
expect text Опустити кнопки
EOF
expect "'Knoppen lager' reads as an action in every language" 0 "" -- kiosk "$WW_TMP/lower-label.txt" lower-label

# ---- progress: the whole journey in five phases, questions without a total ----
cat >"$WW_TMP/progress.txt" <<'EOF'
tap start
tap topic:schulden
expect text Vraag 1
expect no-text Stap 1 van 4
tap answer:2
expect text Vraag 2
tap answer:1
expect screen outcome
expect text Stap 2 van 5
tap book
expect text Stap 3 van 5
tap-first time:
expect text Stap 4 van 5
tap confirm
expect screen ticket
expect text Stap 5 van 5
EOF
expect "progress covers questions, outcome, time, check and ticket" 0 "" -- kiosk "$WW_TMP/progress.txt" progress

# ---- dates one way, "vandaag" and "morgen" where true ----
cat >"$WW_TMP/dates.txt" <<'EOF'
tap start
tap talk
tap book
expect screen time
expect text morgen, woensdag 25 november, 09:00
tap time:first
expect screen confirm
expect text vandaag, dinsdag 24 november,
EOF
expect "dates: weekday, day and month, with vandaag and morgen" 0 "" -- kiosk "$WW_TMP/dates.txt" dates

# ---- idle: warning, one tap extends, then everything is wiped ----
rm -f "$DB"
cat >"$WW_TMP/idle.txt" <<'EOF'
tap start
lang en
tap textsize
tap contrast
tap topic:schulden
tap answer:1
expect screen question
wait 59s
expect no-warning
wait 2s
expect warning
expect text 29
screenshot idle-warning
touch 5 5
expect no-warning
expect screen question
wait 60s
expect warning
wait 31s
expect screen attract
expect lang nl
expect fresh
expect background F6F3EC
screenshot idle-after
EOF
expect "idle: warning, extension by one tap, wipe" 0 "" -- kiosk "$WW_TMP/idle.txt" idle
check "idle wipe: no booking stored" test "$(sql 'select count(*) from bookings')" -eq 0
check "idle wipe: no rating stored" test "$(sql 'select count(*) from rating_counts')" -eq 0
check "idle wipe: one drop-out, counted by screen id only" \
    test "$(sql 'select screen from dropouts')" = "question:schulden:inkomen"

# ---- language switch mid-journey keeps the answers ----
q=$(po en "Kunt u uw rekeningen op tijd betalen?")
cat >"$WW_TMP/lang.txt" <<EOF
tap start
tap topic:schulden
expect text Kunt u uw rekeningen
lang en
expect lang en
expect screen question:schulden:rekeningen
expect no-text Kunt u uw rekeningen
expect text $q
tap answer:1
tap back
lang nl
expect screen question:schulden:rekeningen
expect text Kunt u uw rekeningen
EOF
expect "language switch mid-journey" 0 "" -- kiosk "$WW_TMP/lang.txt" lang

# ---- Arabic: right to left, mirrored ----
cat >"$WW_TMP/ar.txt" <<'EOF'
expect side read left
tap start
expect side back left
expect side talk left
lang ar
expect lang ar
expect side back right
expect side talk right
expect side lang:nl right
screenshot ar-topics
tap topic:schulden
screenshot ar-question
walk
screenshot ar-outcome
tap book
tap-first time:
tap confirm
screenshot ar-ticket
EOF
expect "Arabic mirrors the layout" 0 "" -- kiosk "$WW_TMP/ar.txt" arabic
check "Arabic screenshots saved" test -s "$SHOTS/arabic/ar-question.png"

# ---- high contrast ----
cat >"$WW_TMP/contrast.txt" <<'EOF'
expect background F6F3EC
tap contrast
expect background 000000
screenshot contrast-attract
tap start
tap topic:wonen
screenshot contrast-question
tap contrast
expect background F6F3EC
EOF
expect "high contrast theme" 0 "" -- kiosk "$WW_TMP/contrast.txt" contrast

# ---- keypad only ----
cat >"$WW_TMP/keys.txt" <<'EOF'
key Tab
key Return
expect screen topics
key Tab
key Return
expect screen question
key Tab
key Return
key Backspace
expect screen question
key Home
expect screen attract
EOF
expect "the keypad alone walks the journey" 0 "" -- kiosk "$WW_TMP/keys.txt" keys

# ---- buttons lower, landscape ----
cat >"$WW_TMP/lower.txt" <<'EOF'
tap start
expect side lang:nl left
tap lower
screenshot lower-topics
tap topic:bezwaar
screenshot lower-question
tap restart
expect fresh
lower on
tap start
screenshot lower-topics-again
EOF
expect "buttons lower layout" 0 "" -- kiosk "$WW_TMP/lower.txt" lower
cat >"$WW_TMP/landscape.txt" <<'EOF'
tap start
screenshot landscape-topics
tap topic:scheiden
walk
screenshot landscape-outcome
EOF
expect "landscape 1920x1080" 0 "" -- kiosk "$WW_TMP/landscape.txt" landscape --landscape

# ---- the landscape kiosk at Het Scheidingsplein, through to the printed ticket ----
# Its 24-inch screen (531 mm wide) has more pixels per millimetre than Weener
# XL's: the same millimetres take more pixels. Normal text, then the largest
# text size, where long screens are split into pages (the script turns them
# as a resident would, and the keypad focus turns to the page of the button
# it lands on); then the same screen turned to portrait.
HK=scheidingsplein-hollands-kroon
hk_script() { # text-size-taps
    echo "expect screen attract"
    echo "screenshot attract"
    echo "tap start"
    i=0
    while [ "$i" -lt "$1" ]; do
        echo "tap textsize"
        i=$((i + 1))
    done
    cat <<'EOF'
expect screen topics
screenshot topics
tap topic:scheiden
expect screen question
screenshot question
walk
expect screen outcome
screenshot outcome
tap book
expect screen time
screenshot time
tap-first time:
expect screen confirm
screenshot confirm
tap confirm
expect screen ticket
expect text Uw nummer
screenshot ticket
tap next
expect screen more
EOF
}
hk_ticket_count() { # tickets of the location printed so far
    n=0
    for f in "$WEGWIJZER_STATE"/tickets/*.png; do
        [ -e "$f" ] || continue
        if zbarimg -q --raw "$f" 2>/dev/null | grep -q "^WW1:$HK:"; then
            n=$((n + 1))
        fi
    done
    echo "$n"
}
hk_script 0 >"$WW_TMP/hk.txt"
hk_script 2 >"$WW_TMP/hk-large.txt"
cat >>"$WW_TMP/hk-large.txt" <<'EOF'
tap more:yes
expect screen topics
tap topic:schulden
walk
expect screen outcome
expect target page:next
screenshot outcome-page-1
tap page:next
expect target page:prev
screenshot outcome-page-2
tap page:prev
expect target page:next
key Tab
expect focus next
expect target page:prev
screenshot outcome-keypad-focus-turns-the-page
EOF
for run in "hk landscape" "hk-large landscape-large" "hk portrait --portrait"; do
    # shellcheck disable=SC2086
    set -- $run
    script=$1 dir=$2
    shift 2
    mkdir -p "$SHOTS/$HK-$dir"
    expect "$HK, $dir: from the start to the printed ticket" 0 "" -- \
        ww kiosk --location "$HK" --now "$NOW" --script "$WW_TMP/$script.txt" \
        --screenshot-dir "$SHOTS/$HK-$dir" "$@"
done
check "$HK: three bookings are in its store" \
    test "$(sqlite3 "$WEGWIJZER_STATE/$HK.db" 'select count(*) from bookings')" -eq 3
check "$HK: a screenshot of every screen kept" \
    test "$(ls "$SHOTS/$HK-landscape"/*.png 2>/dev/null | wc -l)" -ge 8
if command -v zbarimg >/dev/null 2>&1; then
    check "$HK: the three printed tickets' QR codes read WW1:$HK:..." \
        test "$(hk_ticket_count)" -eq 3
fi

# ---- read aloud: the screen's words go to speech ----
cat >"$WW_TMP/read.txt" <<'EOF'
tap start
tap topic:schulden
tap read
EOF
expect "read aloud" 0 "" -- kiosk "$WW_TMP/read.txt" read --spoken-log "$WW_TMP/spoken.txt"
check "the spoken log holds the question" grep -q "Kunt u uw rekeningen" "$WW_TMP/spoken.txt"

# ---- a script that expects the wrong thing fails ----
printf 'tap start\nexpect screen outcome\n' >"$WW_TMP/bad.txt"
expect "a failing expectation fails the script" 1 "expected screen outcome" -- \
    kiosk "$WW_TMP/bad.txt" bad
printf 'tap nosuchbutton\n' >"$WW_TMP/bad2.txt"
expect "a tap on a missing target fails" 1 "not on screen attract" -- kiosk "$WW_TMP/bad2.txt" bad

# ---- the layout check: every screen x language x text size ----
expect "layout check: nothing clips, targets >= 20 mm, contrast, reach" 0 "layout: 0 problems" -- \
    ww kiosk --location weener-xl --now "$NOW" --check-layout
# Any resolution: the same 32-inch screen driven at 768x1366 (fewer pixels
# per millimetre, the same millimetres).
expect "layout check at 768x1366" 0 "layout: 0 problems" -- \
    ww kiosk --location weener-xl --now "$NOW" --size 768x1366 --check-layout
# The normal layout has controls out of wheelchair reach (the language row at
# the top of a screen mounted at 80 cm): the check names them.
expect "layout check flags controls out of reach in the normal layout" 0 \
    "out of reach in the normal layout: lang" -- \
    ww kiosk --location weener-xl --now "$NOW" --check-layout

# The check can fail: the same screens on a small tablet (150 x 267 mm) do
# not fit at 20 mm per target.
cp -r "$WEGWIJZER_CONFIG" "$WW_TMP/small"
sed -i 's/^width_mm = .*/width_mm = 150/; s/^height_mm = .*/height_mm = 267/' \
    "$WW_TMP/small/locations/weener-xl.ini"
expect "layout check fails on a screen too small" 1 "problem" -- \
    ww kiosk --config "$WW_TMP/small" --location weener-xl --now "$NOW" --check-layout

# ---- SIGTERM ends a running kiosk through the normal path ----
: >"$WW_TMP/run.log"
"$WW_BIN" kiosk --location weener-xl --now "$NOW" >"$WW_TMP/run.log" 2>&1 &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q "ready" "$WW_TMP/run.log"; do
    sleep 0.2
    i=$((i + 1))
done
kill -TERM "$pid"
wait "$pid"
st=$?
check "SIGTERM: clean exit (status $st)" test "$st" -eq 0
check "SIGTERM: stopped through the normal path" grep -q "kiosk: stopping" "$WW_TMP/run.log"

# ---- the same on a real X display, where the loop sleeps inside SDL ----
if command -v xvfb-run >/dev/null 2>&1; then
    cat >"$WW_TMP/x11.sh" <<'EOF2'
# Leaks inside the X libraries are not ours: the offscreen runs check ours.
ASAN_OPTIONS=detect_leaks=0 SDL_VIDEODRIVER=x11 "$WW_BIN" kiosk --location weener-xl --speech null >"$1" 2>&1 &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q "ready" "$1"; do
    sleep 0.2
    i=$((i + 1))
done
sleep 1 # the loop is asleep in SDL now
kill -TERM "$pid"
# The kiosk must be gone within 5 s (its idle wait is up to a minute).
i=0
while [ $i -lt 50 ] && kill -0 "$pid" 2>/dev/null; do
    sleep 0.1
    i=$((i + 1))
done
if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    exit 9
fi
wait "$pid"
EOF2
    xvfb-run -a -s '-screen 0 1080x1920x24' sh "$WW_TMP/x11.sh" "$WW_TMP/x11.log"
    st=$?
    check "SIGTERM on X11: the kiosk ends at once and cleanly (status $st)" test "$st" -eq 0
    check "SIGTERM on X11: stopped through the normal path" grep -q "kiosk: stopping" "$WW_TMP/x11.log"
fi

# ---- no resident input ends the kiosk ----
# Escape, a window close (the window manager's close and SDL_QUIT) go through
# SDL's queue into the live loop's handler: the kiosk stays up, on the
# resident's screen, in every build. Only --debug-exit (or
# WEGWIJZER_DEBUG_EXIT=1) makes them a way out.
cat >"$WW_TMP/noexit.txt" <<'EOF'
tap start
expect screen topics
event key Escape
event close
event quit
expect running
expect screen topics
tap-first topic:
expect running
EOF
kiosk "$WW_TMP/noexit.txt" noexit >"$WW_TMP/noexit.out" 2>&1
check "Escape and a window close do not end the kiosk" [ $? -eq 0 ]
check "the ignored close is logged" grep -q "request to close the window was ignored" \
    "$WW_TMP/noexit.out"
for ev in "key Escape" close quit; do
    printf 'tap start\nevent %s\nexpect stopping\n' "$ev" >"$WW_TMP/exit.txt"
    expect "--debug-exit: event $ev ends the kiosk" 0 "" -- kiosk "$WW_TMP/exit.txt" exit --debug-exit
    expect "WEGWIJZER_DEBUG_EXIT=1: event $ev ends the kiosk" 0 "" -- \
        env WEGWIJZER_DEBUG_EXIT=1 "$WW_BIN" kiosk --location weener-xl --now "$NOW" \
        --script "$WW_TMP/exit.txt"
done

finish
