#!/bin/sh
# Hostile content, with the real binary: a catalogue whose translations carry
# other placeholders than their Dutch source (compiled here without the
# c-format flag, so msgfmt lets it through), question chains deeper than any
# stack, named pipes and devices where files belong, broken configurations
# that `config check` and the kiosk must judge alike, films of huge picture
# size in a small file. Each case must end in a clear message or a working kiosk, never
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
    -e 's/^msgstr "Soru %d"$/msgstr "Soru %d %s %s %s"/' \
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
expect text Vraag 1
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
    'tr/LC_MESSAGES/wegwijzer.mo: the translation of "Vraag %d": placeholder 2 (%s) is not in the source (shown in Dutch)' -- \
    ww kiosk $L --script "$WW_TMP/hostile-tr.txt" --localedir "$WW_TMP/locale"
expect "a hostile catalogue: flow walk shows the Dutch progress line" 1 "-- Vraag 1" -- \
    sh -c "printf '1\n' | \"$WW_BIN\" flow walk --topic schulden --lang tr --localedir \"$WW_TMP/locale\""
out=$(ww flow check --locales "$WW_TMP/po" 2>&1)
st=$?
check "a hostile PO: flow check fails" test "$st" -eq 1
check "a hostile PO: flow check names the file, line and msgid of the extra %s" \
    sh -c 'printf "%s\n" "$1" | grep -qE "/po/tr.po:[0-9]+: the translation of \"Vraag %d\": placeholder 2 \(%s\) is not in the source"' _ "$out"
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
        timeout -k 5 60 "$WW_BIN" flow check "$WW_TMP/chain$n/flows" --no-locales
    expect "a chain of $n questions: kiosk --check-layout reports it" 1 "$want" -- \
        env WEGWIJZER_CONFIG="$WW_TMP/chain$n" timeout -k 5 60 "$WW_BIN" kiosk $L --check-layout
    expect "a chain of $n questions: the kiosk is out of order, not crashing" 0 "$want" -- \
        env WEGWIJZER_CONFIG="$WW_TMP/chain$n" timeout -k 5 60 "$WW_BIN" kiosk $L --script "$WW_TMP/ooo.txt"
done
# As deep as a session goes: the layout check walks it (an explicit stack).
chain 16 "$WW_TMP/chain16"
expect "a chain of 16 questions: kiosk --check-layout walks it" 0 "layout: 0 problems" -- \
    env WEGWIJZER_CONFIG="$WW_TMP/chain16" timeout -k 5 120 "$WW_BIN" kiosk $L --check-layout

# ---- 12: a named pipe (FIFO) or a device where a file belongs ----
# Opened for reading, a FIFO waits for a writer forever: every case below
# must give its clear message at once (timeout turns a hang into a failure).
notreg="not a regular file (a named pipe, device or socket)"
fifo_cfg() { # DIR FILE: a copy of the configuration with FILE a FIFO
    rm -rf "$1"
    cp -r kiosk-config "$1"
    rm -f "$1/$2"
    mkfifo "$1/$2"
}
for f in partners.ini locations/weener-xl.ini; do
    fifo_cfg "$WW_TMP/fifo" "$f"
    expect "a FIFO as $f: config check names it" 1 "$f: cannot read: $notreg" -- \
        timeout -k 5 5 "$WW_BIN" config check "$WW_TMP/fifo"
    expect "a FIFO as $f: the kiosk is out of order, not hanging" 0 "$f: cannot read: $notreg" -- \
        env WEGWIJZER_CONFIG="$WW_TMP/fifo" timeout -k 5 30 "$WW_BIN" kiosk $L --script "$WW_TMP/ooo.txt"
done
fifo_cfg "$WW_TMP/fifo" flows/zzz.flow
expect "a FIFO as a flow file: flow check names it" 1 "flows/zzz.flow: cannot read: $notreg" -- \
    timeout -k 5 5 "$WW_BIN" flow check "$WW_TMP/fifo/flows" --no-locales
expect "a FIFO as a flow file: the kiosk is out of order, not hanging" 0 \
    "flows/zzz.flow: cannot read: $notreg" -- \
    env WEGWIJZER_CONFIG="$WW_TMP/fifo" timeout -k 5 30 "$WW_BIN" kiosk $L --script "$WW_TMP/ooo.txt"
# A device: a link to /dev/zero (endless zeros) as a flow file.
rm -f "$WW_TMP/fifo/flows/zzz.flow"
ln -s /dev/zero "$WW_TMP/fifo/flows/zzz.flow"
expect "a device as a flow file: flow check names it" 1 "flows/zzz.flow: cannot read: $notreg" -- \
    timeout -k 5 5 "$WW_BIN" flow check "$WW_TMP/fifo/flows" --no-locales

# A pictogram: the kiosk is out of order (a flow names it; the same verdict
# as config check), the waiting-room screen shows its slide without it.
rm -rf "$WW_TMP/assets"
cp -r assets "$WW_TMP/assets"
rm "$WW_TMP/assets/pictograms/geld.svg"
mkfifo "$WW_TMP/assets/pictograms/geld.svg"
expect "a FIFO as a pictogram: the kiosk is out of order, not hanging" 0 \
    "pictogram 'geld': $WW_TMP/assets/pictograms/geld.svg is $notreg" -- \
    timeout -k 5 30 "$WW_BIN" kiosk $L --assets "$WW_TMP/assets" --script "$WW_TMP/ooo.txt"
expect "a FIFO as a pictogram: flow check names it" 1 "pictogram 'geld': " -- \
    timeout -k 5 5 "$WW_BIN" flow check --no-locales --pictograms "$WW_TMP/assets/pictograms"
expect "a FIFO as a pictogram: config check names it" 1 "pictogram 'geld': " -- \
    timeout -k 5 5 "$WW_BIN" config check --assets "$WW_TMP/assets"
printf '[slide geld]\ntitle = Zorgen over geld?\ntext = Kom naar de balie.\npictogram = geld\nduration = 2\n' \
    >"$WW_TMP/slide.ini"

# A catalogue: Turkish shows Dutch, the kiosk does not wait on gettext's open.
rm -rf "$WW_TMP/locale-fifo"
cp -r build/locale "$WW_TMP/locale-fifo"
rm "$WW_TMP/locale-fifo/tr/LC_MESSAGES/wegwijzer.mo"
mkfifo "$WW_TMP/locale-fifo/tr/LC_MESSAGES/wegwijzer.mo"
cat >"$WW_TMP/tr.txt" <<'EOS'
tap start
lang tr
tap topic:schulden
expect screen question
expect text Vraag 1
EOS
expect "a FIFO as a catalogue: Dutch texts, no hang" 0 \
    "tr/LC_MESSAGES/wegwijzer.mo: cannot read: $notreg" -- \
    timeout -k 5 30 "$WW_BIN" kiosk $L --localedir "$WW_TMP/locale-fifo" --script "$WW_TMP/tr.txt"

# A film and a subtitle file in a waiting-room playlist: skipped or shown
# without, with one log line, and the slide after them still shows.
mkdir -p "$WW_TMP/media" "$WW_TMP/screen"
ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "testsrc2=s=320x180:r=25:d=1" \
    -c:v libx264 -preset ultrafast -pix_fmt yuv420p "$WW_TMP/media/klein.mp4"
mkfifo "$WW_TMP/media/pijp.mp4" "$WW_TMP/media/klein.srt"
fifo_cfg "$WW_TMP/fifo" screens/leeg.ini
rm -f "$WW_TMP/fifo/screens/leeg.ini"
cat >"$WW_TMP/fifo/screens/pijp.ini" <<EOS
[film pijp]
file = pijp.mp4
[film klein]
file = klein.mp4
[slide info]
title = Nog steeds hier
text = De rest speelt door.
duration = 2
EOS
expect "a FIFO as a film: skipped with its reason" 0 "skipping pijp (" -- \
    timeout -k 5 30 "$WW_BIN" screen --config "$WW_TMP/fifo" --screen pijp --media "$WW_TMP/media" \
    --now 2026-11-23T10:00 --frames 200 --size 320x180 --screenshot-dir "$WW_TMP/screen"
expect "a FIFO as a film: the reason" 0 "pijp.mp4: $notreg" -- \
    timeout -k 5 30 "$WW_BIN" screen --config "$WW_TMP/fifo" --screen pijp --media "$WW_TMP/media" \
    --now 2026-11-23T10:00 --frames 200 --size 320x180
expect "a FIFO as subtitles: the film plays without" 0 "klein.srt: cannot read: $notreg" -- \
    timeout -k 5 30 "$WW_BIN" screen --config "$WW_TMP/fifo" --screen pijp --media "$WW_TMP/media" \
    --now 2026-11-23T10:00 --frames 200 --size 320x180
check "after a FIFO film and subtitles the slide still shows" test -s "$WW_TMP/screen/03-info.png"
fifo_cfg "$WW_TMP/fifo" screens/pijp.ini
cp "$WW_TMP/slide.ini" "$WW_TMP/fifo/screens/geld.ini"
expect "a FIFO as a pictogram: the screen shows the slide without it" 0 "no pictogram 'geld'" -- \
    timeout -k 5 30 "$WW_BIN" screen --config "$WW_TMP/fifo" --screen geld --assets "$WW_TMP/assets" \
    --now 2026-11-23T10:00 --frames 60 --size 320x180
expect "a FIFO as a playlist: a clear error" 1 "screens/pijp.ini: cannot read the playlist of screen 'pijp': $notreg" -- \
    timeout -k 5 30 "$WW_BIN" screen --config "$WW_TMP/fifo" --screen pijp --now 2026-11-23T10:00 --frames 10

# ---- 13: a film of huge picture size in a small file ----
# One frame of one colour, 8000x8000: 190 KB on disk, 96 MB per decoded
# picture (the old screen peaked above 500 MB). Skipped before decoding with
# a log line; memory stays low. The limit is the screen's (default
# 1920x1080, either way round) and can be raised there.
film() { # NAME WxH FORMAT
    ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "color=c=0x2a9d8f:s=$2:r=1:d=1" \
        -frames:v 1 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -f "$3" "$WW_TMP/media/$1"
}
film reus.mp4 8000x8000 mp4
film reus.h264 8000x8000 h264
film breed.mp4 2560x1440 mp4
film staand.mp4 1080x1920 mp4
check "the huge film is a small file" test "$(wc -c <"$WW_TMP/media/reus.mp4")" -lt 1000000
screen_with() { # NAME FILM [EXTRA [screen] LINES]: a playlist of one film and a slide
    printf '[screen]\n%s\n[film %s]\nfile = %s\nduration = 2\n[slide info]\ntitle = Hier\ntext = Tekst.\nduration = 2\n' \
        "${3:-}" "$1" "$2" >"$WW_TMP/fifo/screens/$1.ini"
    timeout -k 5 60 "$WW_BIN" screen --config "$WW_TMP/fifo" --screen "$1" --media "$WW_TMP/media" \
        --now 2026-11-23T10:00 --frames 150 --size 320x180 --stats >"$WW_TMP/$1.stats" 2>"$WW_TMP/$1.log"
}
fifo_cfg "$WW_TMP/fifo" screens/leeg.ini
rm -f "$WW_TMP/fifo/screens/leeg.ini"
for f in reus.mp4 reus.h264; do
    n=${f%%.*}-${f##*.}
    screen_with "$n" "$f"
    check "$f 8000x8000: the screen runs" [ $? -eq 0 ]
    check "$f 8000x8000: skipped with the log line" grep -qF \
        "skipping $n ($WW_TMP/fifo/screens/$n.ini:3): $WW_TMP/media/$f: the picture is 8000x8000, larger than this screen's limit of 1920x1080 (film_max_width, film_max_height)" \
        "$WW_TMP/$n.log"
    check "$f 8000x8000: no frame decoded" grep -q '^frames_decoded 0$' "$WW_TMP/$n.stats"
    rss=$(awk '/^rss_max_kb /{print $2}' "$WW_TMP/$n.stats")
    check "$f 8000x8000: memory stays low (${rss:-?} kB at most, limit 150 MB)" \
        test "${rss:-999999}" -lt 153600
done
screen_with breed breed.mp4
check "2560x1440 over the default limit: skipped" grep -q "the picture is 2560x1440, larger" "$WW_TMP/breed.log"
screen_with breed2 breed.mp4 "film_max_width = 2560
film_max_height = 1440"
check "2560x1440 with the limit raised in the screen's file: plays" grep -q '^frames_decoded [1-9]' "$WW_TMP/breed2.stats"
check "2560x1440 with the limit raised: no skip" sh -c "! grep -q skipping '$WW_TMP/breed2.log'"
screen_with staand staand.mp4
check "a portrait 1080x1920 film fits the 1920x1080 limit turned" grep -q '^frames_decoded [1-9]' "$WW_TMP/staand.stats"

# ---- 11: config check and the kiosk give one verdict ----
# Each case breaks a fresh copy of the configuration ($C) or of the assets
# ($A); `config check` (exit 0/1) and a scripted kiosk start (the attract
# screen: exit 0; out of order: the script fails) must agree, and every
# broken case must fail the check.
cat >"$WW_TMP/attract.txt" <<'EOS'
expect screen attract
EOS
C=$WW_TMP/vc
A=$WW_TMP/va
fresh() {
    rm -rf "$C" "$A"
    cp -r kiosk-config "$C"
    cp -r assets "$A"
    LOC=weener-xl
}
sub() { # FILE SED-EXPRESSION: edit a file of the copy, which must change
    cp "$1" "$1.orig"
    sed -i "$2" "$1"
    if cmp -s "$1" "$1.orig"; then echo "FAIL the case did not change $1"; ww_fail=$((ww_fail + 1)); fi
    rm -f "$1.orig"
}
verdicts() { # NAME ok|broken
    timeout -k 5 10 "$WW_BIN" config check "$C" --location "$LOC" --assets "$A" >"$WW_TMP/cc.out" 2>&1
    cc=$?
    env WEGWIJZER_CONFIG="$C" timeout -k 5 30 "$WW_BIN" kiosk --location "$LOC" --now 2026-11-24T09:30 \
        --assets "$A" --script "$WW_TMP/attract.txt" >"$WW_TMP/k.out" 2>&1
    ks=$?
    agree() { { [ "$cc" -eq 0 ] && [ "$ks" -eq 0 ]; } || { [ "$cc" -eq 1 ] && [ "$ks" -ne 0 ] && [ "$ks" -lt 124 ]; }; }
    check "$1: config check (exit $cc) and the kiosk (exit $ks) agree" agree
    if [ "$2" = broken ]; then
        check "$1: config check fails" [ "$cc" -eq 1 ]
    else
        check "$1: config check passes" [ "$cc" -eq 0 ]
    fi
    if ! agree || { [ "$2" = broken ] && [ "$cc" -ne 1 ]; }; then
        sed 's/^/    check: /' "$WW_TMP/cc.out" | tail -5
        grep -v '^wegwijzer: warning: running as root' "$WW_TMP/k.out" | sed 's/^/    kiosk: /' | tail -5
    fi
}
fresh
verdicts "the sample" ok
fresh
sub "$C/flows/schulden.flow" 's/-> gevaar$/-> nergens/'
verdicts "an answer pointing at an unknown id" broken
fresh
sub "$C/flows/schulden.flow" 's/^dontknow = budget$/dontknow = nergens/'
verdicts "dontknow pointing at an unknown id" broken
fresh
sub "$C/flows/schulden.flow" 's/^start = rekeningen$/start = nergens/'
verdicts "a start that is no question" broken
fresh
sub "$C/flows/schulden.flow" 's/^partners = schuldhulp, sociaal-raadslieden$/partners = schuldhulp, nergens/'
verdicts "an unknown partner in a flow" broken
fresh
sub "$C/flows/schulden.flow" 's/^icon = geld$/icon = bestaat-niet/'
verdicts "a topic icon without its pictogram" broken
fresh
rm "$A/pictograms/geld.svg"
verdicts "a pictogram file missing" broken
fresh
rm -r "$A/pictograms"
verdicts "no pictograms folder" broken
fresh
sub "$C/flows/schulden.flow" 's/^answer = Nee -> schuldhulp$/answer = Nee -> rekeningen/'
verdicts "a loop in a flow" broken
fresh
sub "$C/flows/schulden.flow" 's/^order = 2$/order = 2\nkleur = rood/'
verdicts "an unknown key in a flow" broken
fresh
sub "$C/flows/schulden.flow" 's/^order = 2$/order = 3/'
verdicts "two topics with one order" broken
fresh
rm "$C"/flows/*.flow
chain 17 "$WW_TMP/chain17b"
cp "$WW_TMP/chain17b/flows/diep.flow" "$C/flows/"
verdicts "a path of 17 questions" broken
fresh
rm -r "$C/flows"
verdicts "no flows folder" broken
fresh
mkfifo "$C/flows/pijp.flow"
verdicts "a FIFO as a flow file" broken
fresh
sub "$C/locations/weener-xl.ini" 's/^store = sqlite:weener-xl.db$/store = mysql:weener/'
verdicts "a store of an unknown kind" broken
fresh
sub "$C/locations/weener-xl.ini" 's/^printer = png:tickets$/printer = laser:kantoor/'
verdicts "a printer of an unknown kind" broken
fresh
sub "$C/partners.ini" 's/^\[partner schuldhulp\]$/[partner schuldhulp-weg]/'
verdicts "a partner the flows name is gone" broken
fresh
LOC=nergens
verdicts "an unknown location" broken
fresh
rm -rf "$C"
cp -r tests/data/config-broken "$C"
LOC=test
verdicts "tests/data/config-broken" broken

finish
