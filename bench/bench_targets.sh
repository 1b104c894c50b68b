#!/bin/sh
# The renderer on each display target the kiosk meets: SDL's offscreen
# driver, X11 (under Xvfb) and Wayland (under cage with its headless
# wlroots backend, as the shipped unit runs it). For each target the
# renderer the kiosk chooses by itself (render/video.c), and the
# alternatives where they can present, so the choice stays measured.
# Prints "name<TAB>value<TAB>unit" lines (bench/run.sh collects them):
#   target_DRIVER_RENDERER_first_frame   start of the process to the attract
#                                        screen drawn (kiosk --bench)
#   target_DRIVER_RENDERER_redraw        mean redraw of the five screens
#                                        (every command, then present)
# RENDERER is "auto" (the kiosk's own choice), "software" or "accelerated"
# (WEGWIJZER_RENDERER). A target whose tool is missing (Xvfb, cage) is left
# out with a line on stderr. Without a GPU, "accelerated" is Mesa llvmpipe.
#   bench/bench_targets.sh [BIN]
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/release/wegwijzer}
tmp=$(mktemp -d)
chmod 755 "$tmp"
xpid=
trap '[ -n "$xpid" ] && kill "$xpid" 2>/dev/null; rm -rf "$tmp"' EXIT
export WEGWIJZER_ALLOW_ROOT=1 WEGWIJZER_CONFIG="$PWD/kiosk-config" SDL_AUDIODRIVER=dummy
now=2026-11-24T09:30

# report TARGET FILE: the figures of one --bench output
report() {
    awk -v t="$1" '
        $1 == "first-frame-ms" { printf "target_%s_first_frame\t%s\tms\n", t, $2 }
        $1 == "screen" { s += $10; n++ }
        END { if (n) printf "target_%s_redraw\t%.2f\tms\n", t, s / n }' "$2"
}

# bench_one TARGET RENDERER [RUNNER...]: one kiosk --bench run
bench_one() {
    target=$1
    ren=$2
    shift 2
    mkdir -p "$tmp/state-$target-$ren"
    chmod 777 "$tmp/state-$target-$ren"
    if [ "$ren" = auto ]; then
        set -- "$@" env -u WEGWIJZER_RENDERER
    else
        set -- "$@" env WEGWIJZER_RENDERER="$ren"
    fi
    "$@" WEGWIJZER_STATE="$tmp/state-$target-$ren" "$PWD/$bin" kiosk --location weener-xl \
        --now "$now" --bench >"$tmp/out" 2>"$tmp/err" || true
    if grep -q '^first-frame-ms' "$tmp/out"; then
        report "${target}_$ren" "$tmp/out"
    else
        echo "bench_targets: $target $ren: $(grep -m1 -i 'renderer\|error' "$tmp/err")" >&2
    fi
}

for r in auto software accelerated; do
    SDL_VIDEODRIVER=offscreen bench_one offscreen "$r"
done

if command -v Xvfb >/dev/null 2>&1; then
    d=:$((90 + $$ % 100))
    Xvfb "$d" -screen 0 1080x1920x24 -nolisten tcp >/dev/null 2>&1 &
    xpid=$!
    sleep 1
    for r in auto software accelerated; do
        SDL_VIDEODRIVER=x11 DISPLAY=$d bench_one x11 "$r"
    done
    kill "$xpid"
    wait "$xpid" 2>/dev/null || true
    xpid=
else
    echo "bench_targets: no Xvfb: x11 left out" >&2
fi

# cage refuses root: it runs as nobody, with its own runtime folder.
if command -v cage >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    mkdir -p "$tmp/run"
    chown nobody "$tmp/run"
    chmod 700 "$tmp/run"
    for r in auto accelerated software; do
        bench_one wayland "$r" setpriv --reuid=nobody --regid=nogroup --clear-groups \
            env XDG_RUNTIME_DIR="$tmp/run" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 \
            WLR_RENDERER=pixman SDL_VIDEODRIVER=wayland cage -s --
    done
else
    echo "bench_targets: cage missing or not root (it runs as nobody): wayland left out" >&2
fi
