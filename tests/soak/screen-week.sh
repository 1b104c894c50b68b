#!/bin/sh
# The waiting-room screen over a simulated week: the sample playlist (films
# with subtitles, slides, "Deze week aan de balie") from Monday 00:00, one
# virtual second per frame, under SDL's offscreen driver, with a sample of
# resident memory, heap and open files every virtual hour.
#
#   tests/soak/screen-week.sh OUT [DAYS] [MEDIA]      (DAYS 0: make the films only)
#
# The films are the sample film scaled down to 320x180 (same length, same
# subtitles) and the screen is 640x360, so that a week takes minutes: the
# decoder still opens, decodes and closes every film of every loop.
# Leaves OUT/screen.out (samples and --stats), OUT/screen.log (log lines),
# OUT/screen-curve.tsv and OUT/screen-summary.txt. Exit status 0 when the run
# passed and, between the 16:00 samples of the second and the last open day,
# the heap grew less than 1 MB and no file descriptor was added.
set -u
OUT=${1:?usage: tests/soak/screen-week.sh OUT [DAYS] [MEDIA]}
DAYS=${2:-7}
MEDIA=${3:-build/media}
: "${WW_BIN:=build/debug/wegwijzer}"
: "${SCREEN_SIZE:=640x360}"
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy WEGWIJZER_ALLOW_ROOT=1
mkdir -p "$OUT/media"
if [ ! -r "$MEDIA/voorbeeldfilm.mp4" ] || [ ! -r "$MEDIA/voorbeeldfilm.webm" ]; then
    scripts/sample-film.sh "$OUT/sample-media" >/dev/null || exit 1
    MEDIA=$OUT/sample-media
fi
for ext in mp4 webm; do
    if [ "$ext" = mp4 ]; then enc="-c:v libx264 -preset veryfast"; else enc="-c:v libvpx-vp9 -deadline realtime"; fi
    # shellcheck disable=SC2086
    ffmpeg -hide_banner -loglevel error -nostdin -y -i "$MEDIA/voorbeeldfilm.$ext" \
        -vf scale=320:180 $enc -pix_fmt yuv420p -an "$OUT/media/voorbeeldfilm.$ext" || exit 1
done
cp "$MEDIA/voorbeeldfilm.srt" "$OUT/media/" 2>/dev/null ||
    cp kiosk-config/screens/voorbeeldfilm.srt "$OUT/media/"
[ "$DAYS" -eq 0 ] && exit 0 # only the films

# A private copy: a rebuild while the week runs cannot swap the binary.
cp "$WW_BIN" "$OUT/wegwijzer"
t0=$(date +%s)
"$OUT/wegwijzer" screen --screen huisarts-wachtkamer --media "$OUT/media" --now 2026-11-23T00:00 \
    --frames $((DAYS * 86400)) --fps 1 --sample 3600 --size "$SCREEN_SIZE" --stats \
    >"$OUT/screen.out" 2>"$OUT/screen.log"
status=$?
t1=$(date +%s)

printf 'time\ton\tloops\trss_kb\theap_kb\tfds\n' >"$OUT/screen-curve.tsv"
awk '$1 == "sample" {
        for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        printf "%s\t%s\t%s\t%s\t%s\t%s\n", $2, v["on"], v["loops"], v["rss_kb"], v["heap_kb"], v["fds"]
    }' "$OUT/screen.out" >>"$OUT/screen-curve.tsv"
{
    echo "screen_status $status"
    echo "wall_seconds $((t1 - t0)) for $DAYS days"
    grep -E '^(virtual_seconds|loops|items_started|films_started|films_failed|frames_decoded|frames_late|rss_max_kb|sanitized) ' \
        "$OUT/screen.out"
    echo "open days at 16:00 (time on loops rss_kb heap_kb fds):"
    grep -P 'T16:0\d\t1\t' "$OUT/screen-curve.tsv" | sed 's/^/  /'
    echo "every night at 03:00 (time on loops rss_kb heap_kb fds):"
    grep 'T03:0' "$OUT/screen-curve.tsv" | sed 's/^/  /'
} >"$OUT/screen-summary.txt"
cat "$OUT/screen-summary.txt"
[ "$status" -eq 0 ] || exit 1
# Flat: the second open day against the last (the first warms up).
# (Under AddressSanitizer the heap figure means nothing: only the fds count,
# and the leak check at exit.)
san=0
grep -q '^sanitized 1' "$OUT/screen.out" && san=1
grep -P 'T16:0\d\t1\t' "$OUT/screen-curve.tsv" | awk -F'\t' -v san=$san '
    { n++; h[n] = $5; f[n] = $6 }
    END {
        if (n < 2) { print "screen: fewer than two open days sampled"; exit 0 }
        a = n >= 3 ? 2 : 1
        printf "heap at 16:00: day %d %d kB, day %d %d kB; fds %d -> %d\n", a, h[a], n, h[n], f[a], f[n]
        if ((!san && h[n] - h[a] >= 1024) || f[n] > f[a]) { print "screen: memory or descriptors grew"; exit 1 }
    }'
