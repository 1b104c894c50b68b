#!/bin/sh
# The waiting-room screen playing a 1080p30 H.264 clip (made by the ffmpeg
# tool, looping every 20 s) full size under SDL's offscreen driver with the
# software renderer. Prints "name<TAB>value<TAB>unit" lines (bench/run.sh
# collects them):
#   screen_max_fps        decode + present as fast as it goes (virtual clock)
#   screen_fps            frames shown per second in real time (the clip is 30)
#   screen_cpu_one_core   CPU time / wall time of the whole process, % of one core
#   screen_cpu_two_cores  the same as a share of two cores
#   screen_dropped/late   frames skipped / shown later than a frame late
#   screen_rss_*          resident memory at the start, after the first loop (20 s), at the
#                         end, and the peak
#   bench/bench_screen.sh [BIN] [CLIP] [SECONDS]   (default 30 s; 600 for ten minutes)
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/release/wegwijzer}
clip=${2:-build/media/bench-1080p30.mp4}
secs=${3:-${BENCH_SECONDS:-30}}
[ -r "$clip" ] || scripts/sample-film.sh "$(dirname "$clip")" bench >/dev/null
case $clip in /*) ;; *) clip=$(pwd)/$clip ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/screens" "$tmp/locations"
cp kiosk-config/partners.ini kiosk-config/closed.ini "$tmp/"
printf '[screen]\nname = bench\n[film]\nfile = %s\n' "$clip" >"$tmp/screens/bench.ini"
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
run() { "$bin" screen --config "$tmp" --screen bench --size 1920x1080 --windowed --stats "$@" 2>/dev/null; }
get() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }

run --frames 600 --fps 30 >"$tmp/max"
shown=$(get frames_shown "$tmp/max")
wall=$(get wall_seconds "$tmp/max")
printf 'screen_max_fps\t%s\tframes/s\n' "$(awk -v a="$shown" -v b="$wall" 'BEGIN{printf "%.0f", a / b}')"

run --seconds "$secs" >"$tmp/rt"
cpu=$(get cpu_percent_of_one_core "$tmp/rt")
printf 'screen_fps\t%s\tframes/s\n' "$(get shown_fps "$tmp/rt")"
printf 'screen_cpu_one_core\t%s\t%%\n' "$cpu"
printf 'screen_cpu_two_cores\t%s\t%%\n' "$(awk -v c="$cpu" 'BEGIN{printf "%.1f", c / 2}')"
printf 'screen_frames\t%s\tframes in %s s\n' "$(get frames_shown "$tmp/rt")" "$secs"
printf 'screen_dropped\t%s\tframes\n' "$(get frames_dropped "$tmp/rt")"
printf 'screen_late\t%s\tframes\n' "$(get frames_late "$tmp/rt")"
printf 'screen_loops\t%s\tloops\n' "$(get loops "$tmp/rt")"
printf 'screen_boundaries_ready\t%s\tof %s film starts opened ahead had their first frame ready\n' \
    "$(get films_ready_at_start "$tmp/rt")" "$(get films_opened_ahead "$tmp/rt")"
printf 'screen_rss_start\t%s\tKB\n' "$(get rss_start_kb "$tmp/rt")"
printf 'screen_rss_loop1\t%s\tKB after the first loop\n' "$(get rss_loop1_kb "$tmp/rt")"
printf 'screen_rss_end\t%s\tKB\n' "$(get rss_end_kb "$tmp/rt")"
printf 'screen_rss_max\t%s\tKB (peak: two decoders while the next film is opened ahead)\n' \
    "$(get rss_max_kb "$tmp/rt")"
