#!/bin/sh
# The waiting-room screen, the real binary under SDL's offscreen driver with
# a virtual clock: screenshots of the film with its subtitle and of every
# slide (checked for content and the subtitle band), a corrupt and a missing
# film skipped with one log line each, the dark screen outside opening hours,
# bad playlists, and a thousand loops without memory growth.
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
# Under AddressSanitizer: a one-time allocation inside fontconfig is not a leak of ours.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/e2e/screen-lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
MONDAY=2026-11-23T10:00

# The sample film is made by the build (make media); make it here when absent.
MEDIA=${WW_MEDIA:-build/media}
if [ ! -r "$MEDIA/voorbeeldfilm.mp4" ] || [ ! -r "$MEDIA/voorbeeldfilm.webm" ]; then
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
