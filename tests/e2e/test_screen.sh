#!/bin/sh
# The waiting-room screen, the real binary under SDL's offscreen driver with
# a virtual clock: screenshots of the film with its subtitle and of every
# slide (checked for content and the subtitle band), a corrupt and a missing
# film skipped with one log line each, the dark screen outside opening hours,
# bad playlists, and a thousand loops without memory growth. Languages: the
# film with Dutch and a second subtitle track that changes each loop, slides
# in every configured language with no Dutch left in them (the texts drawn,
# from --text-log, against the PO msgids), Arabic right to left; and
# `config check` refusing a film with sound and no subtitles.
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
# Under AddressSanitizer: a one-time allocation inside fontconfig is not a leak of ours.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/e2e/screen-lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
MONDAY=2026-11-23T10:00

# The sample film is made by the build (make media); make it here when absent.
MEDIA=${WW_MEDIA:-build/media}
if [ ! -r "$MEDIA/voorbeeldfilm.mp4" ] || [ ! -r "$MEDIA/voorbeeldfilm.webm" ] ||
    [ ! -r "$MEDIA/voorbeeldfilm.ar.srt" ]; then
    MEDIA=$WW_TMP/media
    scripts/sample-film.sh "$MEDIA" || { echo "FAIL cannot make the sample film"; exit 1; }
fi

# Brightness figures of a region of a PNG: "YMIN YAVG YMAX" (0..255).
luma() { # png, crop (w:h:x:y)
    ffmpeg -hide_banner -nostdin -loglevel error -i "$1" \
        -vf "crop=$2,format=gray,signalstats,metadata=print:file=-" -f null - 2>/dev/null |
        awk -F= '/YMIN=/{mn=$2} /YAVG=/{av=$2} /YMAX=/{mx=$2} END{printf "%d %d %d\n", mn, av, mx}'
}
# true when the region's figure (1=min 2=avg 3=max) compares: lt / gt value
region() { # png crop field op value
    v=$(luma "$1" "$2" | cut -d' ' -f"$3")
    [ -n "$v" ] && [ "$v" "-$4" "$5" ]
}

# ---- help and bad usage ----
expect "screen --help" 0 "usage: wegwijzer screen --screen ID" -- ww screen --help
expect "screen --keys" 0 "[slide ID]" -- ww screen --keys
expect "no --screen" 2 "--screen ID is needed" -- ww screen
expect "unknown screen" 1 "screens/nergens.ini: cannot read the playlist of screen 'nergens'" \
    -- ww screen --screen nergens
expect "bad --size" 2 "--size 'groot' is not WIDTHxHEIGHT" -- ww screen --screen x --size groot

CFG=$WW_TMP/cfg
mkdir -p "$CFG"
cp -r kiosk-config/* "$CFG/"
cat >"$CFG/screens/fout.ini" <<'EOF'
[film]
sound = misschien
[slide]
title = Hallo
EOF
expect "bad playlist: file:line: message" 1 "screens/fout.ini:2: sound: 'misschien' is not yes or no" \
    -- ww screen --config "$CFG" --screen fout
expect "bad playlist: every problem" 1 "screens/fout.ini:3: [slide] is missing the required key 'text'" \
    -- ww screen --config "$CFG" --screen fout

# ---- the sample screen, every item once ----
SHOTS=$WW_TMP/shots
mkdir -p "$SHOTS"
ww screen --screen huisarts-wachtkamer --media "$MEDIA" --now $MONDAY --frames 2100 \
    --screenshot-dir "$SHOTS" --stats >"$WW_TMP/stats" 2>"$WW_TMP/log"
check "sample screen runs" [ $? -eq 0 ]
for s in 01-startpunt-scheiden 02-uit-elkaar 03-deze-week 04-startpunt-webm 05-geldzorgen; do
    check "screenshot $s" [ -s "$SHOTS/$s.png" ]
done
check "one full loop" grep -q '^loops 1$' "$WW_TMP/stats"
check "no film frame dropped" grep -q '^frames_dropped 0$' "$WW_TMP/stats"
check "no film failed" grep -q '^films_failed 0$' "$WW_TMP/stats"
started=$(awk '/^films_started /{print $2}' "$WW_TMP/stats")
ahead=$(awk '/^films_opened_ahead /{print $2}' "$WW_TMP/stats")
ahead_ok() { [ "${started:-0}" -ge 3 ] && [ "${ahead:-0}" -eq $((started - 1)) ]; }
check "every film after the first was opened ahead ($ahead of $started)" ahead_ok

# Film frames (H.264 and VP9): a picture, and the subtitle band at the bottom:
# dark at its left end, white letters in the middle, the film above it.
for s in 01-startpunt-scheiden 04-startpunt-webm; do
    f=$SHOTS/$s.png
    check "$s: film picture (not black)" region "$f" "1920:600:0:100" 2 gt 60
    check "$s: dark band at the left" region "$f" "60:120:0:900" 3 lt 40
    check "$s: white subtitle letters" region "$f" "800:120:560:900" 3 gt 200
done
# Slides: dark blue ground with white title text; no band.
for s in 02-uit-elkaar 03-deze-week 05-geldzorgen; do
    f=$SHOTS/$s.png
    check "$s: title text" region "$f" "1200:140:60:60" 3 gt 200
    check "$s: ground is not black" region "$f" "60:60:1850:1010" 2 gt 30
    check "$s: no subtitle band" region "$f" "60:120:0:900" 1 gt 30
done
if [ -r assets/pictograms/scheiden.svg ]; then
    check "pictogram on the slide (found and drawn)" sh -c "! grep -q 'no pictogram' '$WW_TMP/log'"
fi
check "QR code on the slide (white quiet zone)" region "$SHOTS/02-uit-elkaar.png" "30:30:1482:306" 1 gt 240
if command -v zbarimg >/dev/null 2>&1; then
    expect "QR code reads back" 0 "https://example.org/startpunt-scheiden" \
        -- zbarimg -q --raw "$SHOTS/02-uit-elkaar.png"
fi

# ---- languages: six loops of the sample screen (nl, en, tr, ar, pl, uk) ----
LSHOTS=$WW_TMP/talen
mkdir -p "$LSHOTS"
DRAWN=$WW_TMP/drawn
ww screen --screen huisarts-wachtkamer --media "$MEDIA" --now $MONDAY --frames 3350 --fps 10 \
    --screenshot-dir "$LSHOTS" --text-log "$DRAWN" --stats >"$WW_TMP/tstats" 2>"$WW_TMP/tlog"
check "six loops in six languages run" [ $? -eq 0 ]
check "six loops went by" grep -q '^loops 6$' "$WW_TMP/tstats"
# The field after "part=" etc. of each drawn line: loop, item, lang, part, dir.
drawn() { # loop item part -> "lang dir" of the first such line
    awk -v l="loop=$1" -v i="item=$2" -v p="part=$3" \
        '$2 == l && $3 == i && $5 == p { sub("lang=", "", $4); sub("dir=", "", $6); print $4, $6; exit }' "$DRAWN"
}
second=""
for loop in 0 1 2 3 4 5; do
    one=$(drawn $loop startpunt-scheiden subtitle-1)
    two=$(drawn $loop startpunt-scheiden subtitle-2)
    check "loop $loop: the film shows Dutch subtitles ($one)" [ -n "$one" ]
    check "loop $loop: and a second track ($two)" [ -n "$two" ]
    second="$second ${two%% *}"
done
check "the second subtitle language changes each loop:$second" [ "$second" = " en tr ar pl uk en" ]
# What the second track says is the translated SRT file, cue by cue.
for lang in en tr ar pl uk; do
    cue=$(sed -n 3p "$MEDIA/voorbeeldfilm.$lang.srt")
    check "$lang track: its own SRT file's first cue drawn" grep -qF "lang=$lang part=subtitle-2 dir=" "$DRAWN"
    check "$lang track: '$cue'" grep -qF "part=subtitle-2 dir=$( [ $lang = ar ] && echo rtl || echo ltr) text=$cue" "$DRAWN"
done
check "Arabic subtitles drawn right to left" grep -q 'lang=ar part=subtitle-2 dir=rtl' "$DRAWN"
check "Dutch subtitles stay left to right in the Arabic loop" grep -q 'lang=ar part=subtitle-1 dir=ltr' "$DRAWN"
for f in 01-startpunt-scheiden-ar 04-startpunt-webm-uk; do
    check "$f: two tracks make a taller band (white and yellow lines)" \
        region "$LSHOTS/$f.png" "1400:50:260:745" 3 gt 200
done
# Slides: each item in every configured language, one loop each.
for item in uit-elkaar deze-week geldzorgen; do
    langs=""
    for loop in 0 1 2 3 4 5; do
        l=$(drawn $loop $item title)
        langs="$langs ${l%% *}"
    done
    check "$item: slides in every language:$langs" [ "$langs" = " nl en tr ar pl uk" ]
done
check "Arabic slides drawn right to left" sh -c "! grep 'lang=ar part=' '$DRAWN' | grep -v 'part=subtitle-1' | grep -q 'dir=ltr'"
# No untranslated Dutch: no text drawn in another language is a msgid of
# the catalogue (partner names are names; subtitle-1 is the Dutch track),
# and no Dutch day, month or "tot en met" is left inside a composed line.
msgexec -i locales/wegwijzer.pot sh -c 'printf "%s\n" "$MSGEXEC_MSGID"' 2>/dev/null |
    grep -v '^$' >"$WW_TMP/msgids"
sed -n '/-->/{n;p;n;p}' "$MEDIA/voorbeeldfilm.srt" | grep -v '^$' >>"$WW_TMP/msgids"
# One line per line drawn (a cue's two lines are written "line\nline").
grep -v ' lang=nl ' "$DRAWN" | grep -v 'part=partner\|part=subtitle-1' |
    sed 's/^.* text=//; s/\\n/\n/g' >"$WW_TMP/foreign"
check "texts drawn in other languages: $(wc -l <"$WW_TMP/foreign") lines" [ "$(wc -l <"$WW_TMP/foreign")" -ge 60 ]
check "msgids to compare with: $(wc -l <"$WW_TMP/msgids")" [ "$(wc -l <"$WW_TMP/msgids")" -ge 100 ]
untranslated=$(grep -Fxf "$WW_TMP/msgids" "$WW_TMP/foreign" | sort -u)
check "no untranslated Dutch in other languages${untranslated:+: $untranslated}" [ -z "$untranslated" ]
dutch=$(grep -E 'maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|november|tot en met|t/m' \
    "$WW_TMP/foreign" | sort -u)
check "no Dutch day or month names in other languages${dutch:+: $dutch}" [ -z "$dutch" ]
check "Dutch week in full words" grep -q 'lang=nl part=when dir=ltr text=maandag tot en met donderdag' "$DRAWN"
abbr=$(grep ' lang=nl ' "$DRAWN" | grep -E 'text=(.*[ ,])?(ma|di|wo|do|vr|za|zo)([ ,]|$)|t/m')
check "no abbreviated days or t/m in Dutch${abbr:+: $abbr}" [ -z "$abbr" ]
# Arabic on screen: the slide's title at the right edge, the pictogram and
# QR code swapped; the Dutch slide has them the other way round.
check "Arabic slide: title at the right" region "$LSHOTS/02-uit-elkaar-ar.png" "300:100:1560:110" 3 gt 200
check "Arabic slide: nothing at the left of the title" region "$LSHOTS/02-uit-elkaar-ar.png" "300:100:60:110" 3 lt 100
check "Dutch slide: title at the left" region "$SHOTS/02-uit-elkaar.png" "300:100:60:110" 3 gt 200
check "Arabic slide: QR code at the left (white quiet zone)" region "$LSHOTS/02-uit-elkaar-ar.png" "30:30:76:352" 1 gt 240
if command -v zbarimg >/dev/null 2>&1; then
    expect "Arabic slide: QR code reads back" 0 "https://example.org/startpunt-scheiden" \
        -- zbarimg -q --raw "$LSHOTS/02-uit-elkaar-ar.png"
fi

# ---- config check: a film with sound needs subtitles ----
CC=$WW_TMP/cc
mkdir -p "$CC/media"
cp -r kiosk-config/* "$CC/"
ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "testsrc2=s=320x180:r=25:d=2" \
    -f lavfi -i "sine=frequency=300:duration=2" -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
    -c:a aac -shortest "$CC/media/geluid.mp4"
ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "testsrc2=s=320x180:r=25:d=2" \
    -c:v libx264 -preset ultrafast -pix_fmt yuv420p "$CC/media/stil.mp4"
cp "$MEDIA"/voorbeeldfilm* "$CC/media/"
expect "config check: the sample screen with its films is clean" 0 "ok: 1 waiting-room screen" \
    -- ww config check "$CC"
printf '[film geluid]\nfile = geluid.mp4\n[film stil]\nfile = stil.mp4\n' >"$CC/screens/geluid.ini"
expect "config check: a film with sound and no subtitles is refused" 1 \
    "screens/geluid.ini:1: [film geluid]: $CC/media/geluid.mp4 has sound but no Dutch subtitles" \
    -- ww config check "$CC"
expect "screen started anyway: says the film has sound but no subtitles" 0 \
    "geluid ($CC/screens/geluid.ini:1) has sound but no Dutch subtitles" \
    -- ww screen --config "$CC" --screen geluid --media "$CC/media" --now $MONDAY --frames 3 \
    --size 320x180
ww config check "$CC" >"$WW_TMP/ccout" 2>&1
check "config check: a silent film needs no subtitles" sh -c "! grep -q 'film stil' '$WW_TMP/ccout'"
expect "config check: --media is where the films are" 1 "has sound but no Dutch subtitles" \
    -- ww config check --media "$CC/media" "$CC"
printf '1\n00:00:00,000 --> 00:00:01,500\nEen toon.\n' >"$CC/media/geluid.srt"
expect "config check: with subtitles beside it, the film is accepted" 0 "ok: 2 waiting-room screens" \
    -- ww config check "$CC"
printf '[film geluid]\nfile = geluid.mp4\nsubtitles = weg.srt\nsubtitles_ar = ook-weg.srt\n' \
    >"$CC/screens/geluid.ini"
expect "config check: a named subtitle file that is not there" 1 \
    "screens/geluid.ini:1: [film geluid]: subtitle file $CC/media/weg.srt is not there" \
    -- ww config check "$CC"
rm -f "$CC/media/geluid.mp4"
printf '[film geluid]\nfile = geluid.mp4\n' >"$CC/screens/geluid.ini"
expect "config check: a film not in the media folder is noted, not checked" 0 \
    "screens/geluid.ini:1: note: [film geluid] not checked" -- ww config check "$CC"

# ---- outside opening hours: black ----
mkdir -p "$WW_TMP/closed"
expect "Saturday: screen off" 0 "off until the next opening hours" \
    -- ww screen --screen huisarts-wachtkamer --media "$MEDIA" --now 2026-11-28T10:00 --frames 5 \
    --screenshot-dir "$WW_TMP/closed"
check "closed screen is black" region "$WW_TMP/closed/closed.png" "1920:1080:0:0" 3 lt 5
expect "Monday 07:59 off, then on at 08:00" 0 "on (opening hours)" \
    -- ww screen --screen huisarts-wachtkamer --media "$MEDIA" --now 2026-11-23T07:59 \
    --frames 1850 --fps 30

# ---- bad subtitles: the film plays with the good cues, the author is told ----
mkdir -p "$WW_TMP/media2"
cp "$MEDIA/voorbeeldfilm.mp4" "$WW_TMP/media2/slecht.mp4"
printf '1\n00:00:00,100 --> 00:00:01,000\nEen\nTwee\nDrie\n\n2\n00:00:01,500 --> 00:00:03,000\nGoed\n' \
    >"$WW_TMP/media2/slecht.srt"
printf '[film]\nfile = slecht.mp4\n' >"$CFG/screens/slecht.ini"
ww screen --config "$CFG" --screen slecht --media "$WW_TMP/media2" --now $MONDAY --frames 100 \
    --stats >"$WW_TMP/sstats" 2>"$WW_TMP/slog"
shown=$(awk '/^frames_shown /{print $2}' "$WW_TMP/sstats")
check "bad subtitles: the film still plays ($shown frames in 3.3 s)" [ "${shown:-0}" -ge 80 ]
check "bad subtitles: file:line: message in the log" \
    grep -q "slecht.srt:5: cue 1 has more than two lines of text" "$WW_TMP/slog"
check "bad subtitles: plays with the good cue" grep -q "plays with 1 good subtitle cue$" "$WW_TMP/slog"

# ---- unusual films: odd size, 10-bit 4:4:4 (converted), VP9 at 30 fps ----
ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "testsrc2=s=321x241:r=30:d=1" \
    -c:v libx264 -preset ultrafast -pix_fmt yuv444p10le "$WW_TMP/odd10.mp4"
ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "testsrc2=s=320x240:r=30:d=1" \
    -c:v libvpx-vp9 -deadline realtime -pix_fmt yuv420p "$WW_TMP/small.webm"
printf '[film]\nfile = %s\n[film]\nfile = %s\n' "$WW_TMP/odd10.mp4" "$WW_TMP/small.webm" \
    >"$CFG/screens/odd.ini"
mkdir -p "$WW_TMP/odd"
ww screen --config "$CFG" --screen odd --now $MONDAY --frames 100 --size 640x480 \
    --screenshot-dir "$WW_TMP/odd" --stats >"$WW_TMP/ostats" 2>/dev/null
check "odd films: every frame shown" grep -q '^frames_shown 100$' "$WW_TMP/ostats"
check "odd films: none dropped" grep -q '^frames_dropped 0$' "$WW_TMP/ostats"
check "10-bit 4:4:4 film: a picture" region "$WW_TMP/odd/01-film-1.png" "640:480:0:0" 2 gt 60

# ---- a corrupt and a missing film are skipped, the rest plays ----
head -c 20000 /dev/urandom >"$WW_TMP/kapot.mp4"
printf '\000\000\000\030ftypmp42' >"$WW_TMP/nep.mp4"
head -c 60000 "$MEDIA/voorbeeldfilm.mp4" >"$WW_TMP/half.mp4"
cat >"$CFG/screens/kapot.ini" <<EOF
[film kapot]
file = $WW_TMP/kapot.mp4
[film weg]
file = bestaat-niet.mp4
[film nep]
file = $WW_TMP/nep.mp4
[film half]
file = $WW_TMP/half.mp4
[slide info]
title = Nog steeds hier
text = De rest speelt door.
duration = 2
EOF
mkdir -p "$WW_TMP/kapot"
ww screen --config "$CFG" --screen kapot --media "$MEDIA" --now $MONDAY --frames 1200 \
    --screenshot-dir "$WW_TMP/kapot" --size 640x360 --stats >"$WW_TMP/kstats" 2>"$WW_TMP/klog"
check "corrupt films: still runs" [ $? -eq 0 ]
for id in kapot weg nep; do
    n=$(grep -c "skipping $id " "$WW_TMP/klog")
    check "film '$id' skipped with one log line over many loops ($n)" [ "$n" -eq 1 ]
done
check "the slide still shows" [ -s "$WW_TMP/kapot/05-info.png" ]
check "several loops went by" grep -Eq '^loops ([3-9]|[1-9][0-9]+)$' "$WW_TMP/kstats"

# Each morning the films are looked at again: a broken one is logged once a day.
printf '[hours]\nmon = 08:00-17:00\ntue = 08:00-17:00\n[film kapot]\nfile = %s\n[slide]\ntitle = T\ntext = X\n' \
    "$WW_TMP/kapot.mp4" >"$CFG/screens/dag.ini"
n=$(ww screen --config "$CFG" --screen dag --now 2026-11-23T16:59 --frames 54200 --fps 1 \
    --size 320x180 2>&1 | grep -c "skipping kapot ")
check "broken film: one log line per opening day ($n over two days)" [ "$n" -eq 2 ]

# ---- sound: off by default, on when the playlist says so ----
# SDL's disk audio driver writes what the device plays to a file.
ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "testsrc2=s=320x180:r=25:d=3" \
    -f lavfi -i "sine=frequency=440:duration=3" -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
    -c:a aac -shortest "$WW_TMP/toon.mp4"
loud() { # raw file: true when it holds non-silent samples
    [ -s "$1" ] && [ "$(od -An -v -td2 "$1" | tr -s ' ' '\n' | grep -cv '^-\{0,1\}[0-9]\{1,2\}$')" -gt 1000 ]
}
for snd in ja nee; do
    printf '[film]\nfile = %s\nsound = %s\n' "$WW_TMP/toon.mp4" $snd >"$CFG/screens/toon-$snd.ini"
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$WW_TMP/audio-$snd.raw" \
        ww screen --config "$CFG" --screen toon-$snd --now $MONDAY --seconds 2 --size 320x180 \
        --windowed >/dev/null 2>&1
done
check "sound = ja: the tone is played" loud "$WW_TMP/audio-ja.raw"
check "sound = nee: silent" sh -c "! [ -s '$WW_TMP/audio-nee.raw' ] || ! od -An -v -td2 '$WW_TMP/audio-nee.raw' | grep -q '[1-9]'"

# ---- a thousand loops: memory flat ----
ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "testsrc2=s=160x90:r=10:d=0.5" \
    -c:v libx264 -preset ultrafast -pix_fmt yuv420p "$WW_TMP/kort.mp4"
cat >"$WW_TMP/kort.srt" <<'EOF'
1
00:00:00,000 --> 00:00:00,400
Kort
EOF
cat >"$CFG/screens/lus.ini" <<EOF
[film]
file = $WW_TMP/kort.mp4
[slide]
title = Lus
text = Een, twee, drie.
duration = 1
EOF
ww screen --config "$CFG" --screen lus --now $MONDAY --frames 15050 --fps 10 --size 320x180 \
    --stats >"$WW_TMP/lstats" 2>"$WW_TMP/llog"
st=$?; [ $st -eq 0 ] || cat "$WW_TMP/llog"
check "thousand loops: runs" [ $st -eq 0 ]
loops=$(awk '/^loops /{print $2}' "$WW_TMP/lstats")
check "thousand loops: $loops loops" [ "${loops:-0}" -ge 1000 ]
check "thousand loops: every film frame shown" grep -q '^frames_dropped 0$' "$WW_TMP/lstats"
if grep -q '^sanitized 0$' "$WW_TMP/lstats"; then
    h10=$(awk '/^heap_loop10_kb /{print $2}' "$WW_TMP/lstats")
    hend=$(awk '/^heap_end_kb /{print $2}' "$WW_TMP/lstats")
    r10=$(awk '/^rss_loop10_kb /{print $2}' "$WW_TMP/lstats")
    rend=$(awk '/^rss_end_kb /{print $2}' "$WW_TMP/lstats")
    echo "     heap after 10 loops ${h10} KB, at the end ${hend} KB; rss ${r10} KB -> ${rend} KB"
    check "thousand loops: heap flat (< 256 KB growth)" [ $((hend - h10)) -lt 256 ]
    check "thousand loops: rss flat (< 2 MB growth)" [ $((rend - r10)) -lt 2048 ]
fi
# (Under ASan the leak checker at exit fails the run above on any leak.)
if [ -n "${WW_VALGRIND:-}" ]; then
    # make valgrind: a hundred loops under memcheck, any error or leak fails.
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
        --suppressions=tests/e2e/screen-valgrind.supp "$WW_BIN" screen --config "$CFG" \
        --screen lus --now $MONDAY --frames 1510 --fps 10 --size 320x180 \
        >"$WW_TMP/vstats" 2>"$WW_TMP/vlog"
    st=$?
    [ $st -eq 0 ] || tail -40 "$WW_TMP/vlog"
    check "a hundred loops under valgrind: no errors, no leaks" [ $st -eq 0 ]
fi

finish
