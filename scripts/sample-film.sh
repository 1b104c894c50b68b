#!/bin/sh
# Make the sample waiting-room film from the project's own material with the
# ffmpeg command-line tool: a moving colour gradient with Dutch captions,
# 8 seconds, as H.264/MP4 and VP9/WebM, with its SubRip subtitles beside it.
#   scripts/sample-film.sh OUTDIR            the sample film (a few seconds to make)
#   scripts/sample-film.sh OUTDIR bench      also a 1080p30 H.264 clip for the benchmark
set -eu
out=$1
mkdir -p "$out"
here=$(cd "$(dirname "$0")/.." && pwd)
font=$(fc-match -f '%{file}' 'Noto Sans:bold' 2>/dev/null || true)
[ -n "$font" ] && [ -r "$font" ] || { echo "sample-film: no Noto Sans Bold font (fonts-noto-core)" >&2; exit 1; }
ff() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }

# Captions in the picture; the spoken words are in the .srt (rooms are muted).
caption() { # text, from, to
    printf "drawtext=fontfile='%s':text='%s':fontsize=64:fontcolor=white:x=(w-tw)/2:y=h*0.30:enable='between(t,%s,%s)'" \
        "$font" "$1" "$2" "$3"
}
vf="$(caption 'Uit elkaar gaan?' 0 2.9),$(caption 'Wonen, geld, de kinderen' 2.9 5.5),$(caption 'Kom langs bij de open balie' 5.5 8)"
vf="$vf,drawtext=fontfile='$font':text='Startpunt Scheiden - voorbeeldfilm':fontsize=30:fontcolor=white@0.85:x=40:y=40"
vf="$vf,drawbox=x='mod(t*160,iw)':y=ih*0.55:w=120:h=12:color=white@0.8:t=fill,format=yuv420p"
src="gradients=s=1280x720:r=25:d=8:c0=0x1d4e89:c1=0x2a9d8f:x0=0:y0=0:x1=1280:y1=720:speed=0.03"

ff -f lavfi -i "$src" -vf "$vf" -c:v libx264 -preset veryfast -crf 26 -movflags +faststart \
    "$out/voorbeeldfilm.mp4"
ff -f lavfi -i "$src" -vf "$vf" -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 600k \
    "$out/voorbeeldfilm.webm"
for srt in "$here"/kiosk-config/screens/voorbeeldfilm*.srt; do cp "$srt" "$out/"; done

if [ "${2:-}" = bench ]; then
    ff -f lavfi -i "testsrc2=s=1920x1080:r=30:d=20" -vf format=yuv420p -c:v libx264 \
        -preset veryfast -crf 23 -g 60 "$out/bench-1080p30.mp4"
fi
