#!/bin/sh
# The peer comparison: the topic screen ("Waar wilt u hulp bij?") at 1080x1920
# drawn by the kiosk and by a static web page in headless Chromium, the way
# most kiosk software does it. Each side starts, draws the screen, writes a
# PNG and exits; the two are alternated (kiosk, chromium, kiosk, ...) so a
# noisy machine hurts both alike. Prints "name<TAB>value<TAB>unit" lines
# (bench/run.sh collects them), each the median of the alternated rounds:
#   peer_kiosk_start_to_screenshot_ms     launch to exit, PNG written
#   peer_chromium_start_to_screenshot_ms  launch to exit, PNG written
#   peer_kiosk_peak_mb                    peak resident memory of the process
#   peer_chromium_peak_mb                 peak resident memory of the whole
#                                         Chromium process tree
#   peer_time_ratio                       chromium / kiosk
#   peer_memory_ratio                     chromium / kiosk
#
# Memory method. The kiosk is one process: its peak is the kernel's own
# high-water mark (max RSS from /usr/bin/time -f %M). Chromium is a tree of
# processes (browser, zygotes, GPU, renderer, utility ...) that come and go;
# while it runs, every ~20 ms the RSS (VmRSS in /proc/PID/status) of every
# process in the tree below the launched one is summed, and the largest sum
# seen is the peak. Pages shared between the processes count once per
# process, as in top; sampling can miss a short spike, so the Chromium peak
# is, if anything, low. The sampler forks, which would slow Chromium on a
# small machine, so each round launches Chromium twice: once alone for the
# time, once sampled for the memory.
#
# No Chromium (and none installable) means no figures: a line on stderr and
# exit status 0, so the rest of the benchmarks still run.
#   bench/bench_peer.sh [BIN] [ROUNDS]
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/release/wegwijzer}
rounds=${2:-5}
now=2026-11-24T09:30

chromium=$(command -v chromium || true)
if [ -z "$chromium" ]; then
    echo "bench_peer: chromium is missing; installing the Debian package chromium" >&2
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y chromium >/dev/null 2>&1 || true
    fi
    chromium=$(command -v chromium || true)
fi
if [ -z "$chromium" ]; then
    echo "bench_peer: chromium could not be installed; no peer figures" >&2
    exit 0
fi
if [ ! -x "$bin" ]; then
    echo "bench_peer: no kiosk binary at $bin (make MODE=release); no peer figures" >&2
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen WEGWIJZER_ALLOW_ROOT=1 WEGWIJZER_CONFIG=kiosk-config

ms_now() { date +%s%N; }

# --- The web page: the same screen, texts from the same configuration. ---
esc() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }
icon() { # an inline pictogram drawn in the text colour
    f=assets/pictograms/$1.svg
    [ -f "$f" ] || return 0
    sed -e 's/stroke="#ffffff"/stroke="currentColor"/' -e 's/width="64" height="64"/width="48" height="48"/' "$f" |
        tr '\n' ' '
}
for f in kiosk-config/flows/*.flow; do
    awk -F' *= *' '
        /^\[topic / { in_topic = 1; next }
        /^\[/ { in_topic = 0 }
        in_topic && $1 == "title" { title = $2 }
        in_topic && $1 == "icon" { icon = $2 }
        in_topic && $1 == "order" { order = $2 }
        END { if (title != "") printf "%d\t%s\t%s\n", order, icon, title }' "$f"
done | sort -n >"$tmp/topics"
{
    cat <<'EOF'
<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Wegwijzer</title>
<style>
* { box-sizing: border-box; margin: 0; }
html, body { width: 1080px; height: 1920px; overflow: hidden; }
body { background: #F6F3EC; color: #1B1B1B; font-family: "Noto Sans", sans-serif;
  display: flex; flex-direction: column; }
button { font: inherit; cursor: pointer; }
.langs { display: flex; gap: 16px; padding: 28px 28px 0; }
.langs button { flex: 1; height: 54px; background: #fff; color: #122B45;
  border: 3px solid #2F5F8A; border-radius: 6px; font-size: 20px; font-weight: bold; }
.langs button.on { background: #D6E6F5; color: #0B223A; border-width: 5px; }
h1 { font-size: 38px; padding: 40px 28px 28px; }
main { flex: 1; display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: 126px;
  gap: 16px; padding: 0 28px; align-content: start; }
.topic { display: flex; align-items: center; gap: 14px; padding: 0 56px 0 12px; text-align: left;
  background: #fff; color: #122B45; border: 3px solid #2F5F8A; border-radius: 6px;
  font-size: 28px; font-weight: bold; }
.topic svg { flex: none; }
.help { display: flex; gap: 16px; padding: 16px 28px; }
.talk { flex: 1; height: 76px; display: flex; align-items: center; gap: 14px; padding: 0 12px;
  background: #0E634A; color: #fff; border: 0; border-radius: 6px; font-size: 30px;
  font-weight: bold; }
.lower { width: 250px; height: 76px; background: #FAF8F3; color: #122B45;
  border: 3px solid #2F5F8A; border-radius: 6px; font-size: 20px; }
nav { background: #E7E2D6; display: flex; gap: 16px; padding: 14px 28px 16px; }
nav button { flex: 1; height: 96px; background: #FAF8F3; color: #1B1B1B;
  border: 3px solid #2F5F8A; border-radius: 6px; font-size: 20px;
  display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 4px; }
.small svg { width: 28px; height: 28px; }
</style></head><body>
<div class="langs"><button class="on">Nederlands</button><button>English</button>
<button>Türkçe</button><button>العربية</button><button>Polski</button>
<button>Українська</button></div>
<h1>Waar wilt u hulp bij?</h1>
<main>
EOF
    while IFS='	' read -r _ ic title; do
        printf '<button class="topic">%s<span>%s</span></button>\n' "$(icon "$ic")" "$(printf %s "$title" | esc)"
    done <"$tmp/topics"
    echo '</main>'
    printf '<div class="help"><button class="talk">%s<span>Praat met een medewerker</span></button>' "$(icon person)"
    printf '<button class="lower small">%s<br>Knoppen lager</button></div>\n' "$(icon lower)"
    echo '<nav class="small">'
    for b in "back Terug" "restart Opnieuw" "speaker Voorlezen" "slow Langzamer praten" \
        "textsize Tekst groter" "contrast Hoog contrast"; do
        printf '<button>%s<span>%s</span></button>\n' "$(icon "${b%% *}")" "${b#* }"
    done
    echo '</nav></body></html>'
} >"$tmp/topics.html"

# --- One kiosk round: start, tap start, screenshot the topics, exit. ---
printf 'tap start\nscreenshot topics\n' >"$tmp/kiosk.txt"
kiosk_round() { # prints "ms kb"
    rm -rf "$tmp/kshots" "$tmp/state"
    t0=$(ms_now)
    WEGWIJZER_STATE="$tmp/state" /usr/bin/time -f %M -o "$tmp/kiosk.time" \
        "$bin" kiosk --location weener-xl --now "$now" --script "$tmp/kiosk.txt" \
        --screenshot-dir "$tmp/kshots" >/dev/null 2>"$tmp/kiosk.err" || return 1
    t1=$(ms_now)
    [ -s "$tmp/kshots/topics.png" ] || return 1
    echo "$(((t1 - t0) / 1000000)) $(tail -n 1 "$tmp/kiosk.time")"
}

# Sum of VmRSS (KB) over PID and all its descendants.
tree_rss() {
    pids=$1
    all=$1
    while [ -n "$pids" ]; do
        next=
        for p in $pids; do
            for t in /proc/"$p"/task/*/children; do
                if [ -r "$t" ]; then
                    next="$next $(cat "$t" 2>/dev/null || true)"
                fi
            done
        done
        # Split on purpose: a list of only blanks must end the walk.
        # shellcheck disable=SC2086,SC2116
        pids=$(echo $next)
        all="$all $pids"
    done
    for p in $all; do
        cat /proc/"$p"/status 2>/dev/null
    done | awk '$1 == "VmRSS:" { s += $2 } END { print s + 0 }'
}

# --- One Chromium launch: start, load the page, screenshot, exit. ---
# chromium_run time: prints the ms from launch to exit, nothing else running.
# chromium_run memory: prints the peak KB of the tree, sampled while it runs
# (a separate launch, so the sampler's own forks do not slow the timed one on
# a small machine).
chromium_run() {
    rm -rf "$tmp/profile" "$tmp/chromium.png"
    mkdir "$tmp/profile"
    t0=$(ms_now)
    "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$tmp/profile" --window-size=1080,1920 \
        --screenshot="$tmp/chromium.png" "file://$tmp/topics.html" >/dev/null 2>"$tmp/chromium.err" &
    cpid=$!
    peak=0
    if [ "$1" = memory ]; then
        while kill -0 "$cpid" 2>/dev/null; do
            r=$(tree_rss "$cpid" || true)
            if [ "${r:-0}" -gt "$peak" ]; then
                peak=$r
            fi
            if [ "$(cut -d' ' -f3 /proc/"$cpid"/stat 2>/dev/null || true)" = Z ]; then
                break
            fi
            sleep 0.02
        done
    fi
    wait "$cpid" || return 1
    t1=$(ms_now)
    [ -s "$tmp/chromium.png" ] || return 1
    if [ "$1" = memory ]; then
        echo "$peak"
    else
        echo "$(((t1 - t0) / 1000000))"
    fi
}
chromium_round() { # prints "ms kb"
    ms=$(chromium_run time) || return 1
    kb=$(chromium_run memory) || return 1
    echo "$ms $kb"
}

# A warm-up of each (page cache, font cache), not counted.
kiosk_round >/dev/null || true
if ! chromium_round >/dev/null; then
    echo "bench_peer: chromium did not run or wrote no screenshot; no peer figures:" >&2
    head -n 5 "$tmp/chromium.err" >&2
    exit 0
fi

: >"$tmp/k"
: >"$tmp/c"
i=0
while [ "$i" -lt "$rounds" ]; do
    kiosk_round >>"$tmp/k" || {
        echo "bench_peer: the kiosk round failed:" >&2
        head -n 5 "$tmp/kiosk.err" >&2
        exit 1
    }
    chromium_round >>"$tmp/c" || {
        echo "bench_peer: chromium round failed; no peer figures" >&2
        exit 0
    }
    i=$((i + 1))
done

# Keep the last screenshots for a look when asked to.
if [ -n "${PEER_SHOTS:-}" ]; then
    mkdir -p "$PEER_SHOTS"
    cp "$tmp/kshots/topics.png" "$PEER_SHOTS/kiosk.png"
    cp "$tmp/chromium.png" "$PEER_SHOTS/chromium.png"
    cp "$tmp/topics.html" "$PEER_SHOTS/topics.html"
fi

median() { # column $1 of file $2
    cut -d' ' -f"$1" "$2" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
kt=$(median 1 "$tmp/k")
ct=$(median 1 "$tmp/c")
km=$(median 2 "$tmp/k")
cm=$(median 2 "$tmp/c")
awk -v kt="$kt" -v ct="$ct" -v km="$km" -v cm="$cm" 'BEGIN {
    printf "peer_kiosk_start_to_screenshot_ms\t%d\tms\n", kt
    printf "peer_chromium_start_to_screenshot_ms\t%d\tms\n", ct
    printf "peer_kiosk_peak_mb\t%.1f\tMB\n", km / 1024
    printf "peer_chromium_peak_mb\t%.1f\tMB\n", cm / 1024
    printf "peer_time_ratio\t%.1f\tx (chromium/kiosk)\n", ct / kt
    printf "peer_memory_ratio\t%.1f\tx (chromium/kiosk)\n", cm / km
}'
