#!/bin/sh
# The kiosk and the waiting-room screen started the way their systemd units
# start them: the ExecStart, Environment and ExecStop lines are read from
# dist/systemd/*.service and run under cage with its headless wlroots
# backend, as an unprivileged user this test creates (cage refuses root),
# with a runtime folder of its own. Paths of the installed system
# (/usr/local or /usr, /etc/wegwijzer, /var/lib/wegwijzer) point into this
# tree and a temporary folder; nothing else of the command line changes.
# Checked: "ready", the renderer chosen for Wayland, frames presented (the
# stop line counts them), the compositor's own output (grim through
# wlr-screencopy) showing the attract screen, taps through the script
# channel reaching the next screens on that output, 30 s alive, and a clean
# end through the unit's ExecStop (SIGTERM).
#   WW_BIN=build/debug/wegwijzer sh tests/e2e/test_cage.sh
. "$(dirname "$0")/lib.sh"

if ! command -v cage >/dev/null 2>&1; then
    echo "skip: cage is not installed (scripts/deps.sh test installs it)"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "skip: needs root to create the unprivileged user the units run as"
    exit 0
fi
SECONDS_ALIVE=${WW_CAGE_SECONDS:-30}
NOW=2026-11-24T10:00 # a Tuesday within the sample opening hours
top=$PWD
bin=$(cd "$(dirname "$WW_BIN")" && pwd)/$(basename "$WW_BIN")
chmod 755 "$WW_TMP"

user=wwcage$$
useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user"
pids=""
cleanup() {
    for p in $pids; do kill -KILL "$p" 2>/dev/null; done
    userdel "$user" 2>/dev/null
    rm -rf "$WW_TMP"
}
trap cleanup EXIT

# The installed tree, pointing into this one.
share=$WW_TMP/share
mkdir -p "$share"
ln -s "$top/assets" "$share/assets"
ln -s "$top/build/locale" "$share/locale"
cp -R kiosk-config "$WW_TMP/etc"
chmod -R a+rX "$WW_TMP/etc"

# unit_lines UNIT KEY INSTANCE STATE: the unit's KEY= values, paths mapped
unit_lines() {
    sed -n "s/^$2=//p" "$1" | sed -e "s|%i|$3|g" \
        -e "s|/usr/bin/cage|$(command -v cage)|" \
        -e "s#/usr\(/local\)\{0,1\}/bin/wegwijzer#$bin#g" \
        -e "s#/usr\(/local\)\{0,1\}/share/wegwijzer#$share#g" \
        -e "s|/etc/wegwijzer|$WW_TMP/etc|g" -e "s|/var/lib/wegwijzer|$4|g"
}

as_user() { setpriv --reuid="$user" --regid="$user" --clear-groups "$@"; }

# start NAME UNIT INSTANCE [EXTRA-ARGS]: the unit's command under cage;
# sets cage_pid; the log is $WW_TMP/NAME.log
start() {
    name=$1 unit=$2 inst=$3
    shift 3
    dir=$WW_TMP/$name
    mkdir -p "$dir/run" "$dir/state"
    chown "$user" "$dir/run" "$dir/state" "$dir"
    chmod 700 "$dir/run"
    envs=$(unit_lines "$unit" Environment "$inst" "$dir/state")
    exec_start=$(unit_lines "$unit" ExecStart "$inst" "$dir/state")
    wd=$(unit_lines "$unit" WorkingDirectory "$inst" "$dir/state")
    # shellcheck disable=SC2086 # the unit's words, split as systemd does
    (cd "$wd" && exec setpriv --reuid="$user" --regid="$user" --clear-groups env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$dir/state" \
        XDG_RUNTIME_DIR="$dir/run" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 \
        WLR_RENDERER=pixman WEGWIJZER_NOW=$NOW SDL_AUDIODRIVER=dummy $envs \
        $exec_start "$@" >"$WW_TMP/$name.log" 2>&1) &
    cage_pid=$!
    pids="$pids $cage_pid"
}

# stop UNIT PID: the unit's ExecStop with $MAINPID, then what systemd does
# after it (SIGTERM to what is left); sets st to cage's exit status
stop() {
    cmd=$(unit_lines "$1" ExecStop x x | sed "s/\$MAINPID/$2/g")
    as_user sh -c "$(printf '%s' "$cmd" | sed "s|^/bin/sh -c '\(.*\)'\$|\1|")"
    kill -TERM "$2" 2>/dev/null
    wait "$2"
    st=$?
}

wait_for() { # FILE TEXT SECONDS
    i=0
    while [ $i -lt $(($3 * 5)) ] && ! grep -q "$2" "$1" 2>/dev/null; do
        sleep 0.2
        i=$((i + 1))
    done
    grep -q "$2" "$1" 2>/dev/null
}

# shot NAME OUT: a PNG of the compositor's output (wlr-screencopy)
shot() {
    as_user env XDG_RUNTIME_DIR="$WW_TMP/$1/run" WAYLAND_DISPLAY=wayland-0 grim - >"$2" 2>"$WW_TMP/grim.err"
}

# differs A B: mean difference (0-255) of the top-left 1080x720 of two
# pictures in grey; the output of headless cage is 1280x720 and shows the
# top of the 1080x1920 kiosk
differs() {
    for f in "$1" "$2"; do
        ffmpeg -v error -y -i "$f" -vf "crop=1080:720:0:0,format=gray" -f rawvideo "$f.gray" || return 1
    done
    python3 - "$1.gray" "$2.gray" <<'PY'
import sys
a = open(sys.argv[1], "rb").read(); b = open(sys.argv[2], "rb").read()
n = min(len(a), len(b))
print("%.2f %.1f" % (sum(abs(a[i] - b[i]) for i in range(0, n, 7)) / len(range(0, n, 7)),
                     sum(a[i] for i in range(0, n, 7)) / len(range(0, n, 7))))
PY
}

# ---- references: the same screens under the offscreen driver ----
cat >"$WW_TMP/ref.txt" <<'EOS'
screenshot attract
tap start
tap topic:schulden
screenshot question
EOS
WEGWIJZER_ALLOW_ROOT=1 SDL_VIDEODRIVER=offscreen WEGWIJZER_CONFIG="$WW_TMP/etc" \
    WEGWIJZER_STATE="$WW_TMP/ref-state" "$WW_BIN" kiosk --location weener-xl --now $NOW \
    --assets assets --script "$WW_TMP/ref.txt" --screenshot-dir "$WW_TMP/ref" >/dev/null 2>&1
check "reference screens drawn offscreen" test -s "$WW_TMP/ref/attract.png"

kunit=dist/systemd/wegwijzer-kiosk@.service
sunit=dist/systemd/wegwijzer-screen@.service

# ---- the kiosk and the screen, live, side by side ----
t0=$(date +%s)
start kiosk $kunit weener-xl
kiosk_cage=$cage_pid
start screen $sunit huisarts-wachtkamer
screen_cage=$cage_pid
check "kiosk under cage: ready" wait_for "$WW_TMP/kiosk.log" "kiosk: weener-xl ready" 60
check "kiosk under cage: the GL renderer on Wayland" \
    grep -q "video driver wayland, renderer opengl" "$WW_TMP/kiosk.log"
check "screen under cage: ready" wait_for "$WW_TMP/screen.log" "screen huisarts-wachtkamer: ready" 60
sleep 2
if ! command -v grim >/dev/null 2>&1; then
    # Without grim no client can read cage's output: wlr-screencopy is the
    # only way in, and the headless backend has no other framebuffer.
    echo "skip screenshots: grim is not installed (scripts/deps.sh test installs it)"
elif shot kiosk "$WW_TMP/kiosk.png"; then
    d=$(differs "$WW_TMP/kiosk.png" "$WW_TMP/ref/attract.png")
    echo "     attract on cage's output vs offscreen: mean difference ${d% *}, brightness ${d#* }"
    check "cage's output shows the attract screen" awk -v d="${d% *}" 'BEGIN { exit !(d < 6) }'
    q=$(differs "$WW_TMP/kiosk.png" "$WW_TMP/ref/question.png")
    check "... and not another screen (difference ${q% *})" awk -v d="${q% *}" 'BEGIN { exit !(d > 6) }'
else
    echo "FAIL no screenshot of cage's output: $(cat "$WW_TMP/grim.err")"
    ww_fail=$((ww_fail + 1))
fi
if command -v grim >/dev/null 2>&1 && shot screen "$WW_TMP/screen.png"; then
    d=$(differs "$WW_TMP/screen.png" "$WW_TMP/ref/attract.png")
    check "screen: cage's output is not black (brightness ${d#* })" \
        awk -v b="${d#* }" 'BEGIN { exit !(b > 20) }'
fi
left=$((SECONDS_ALIVE - ($(date +%s) - t0)))
[ "$left" -gt 0 ] && sleep "$left"
check "kiosk: the program inside cage is alive" sh -c "pgrep -P $kiosk_cage -x wegwijzer >/dev/null"
check "kiosk: alive after ${SECONDS_ALIVE} s" kill -0 "$kiosk_cage"
check "screen: alive after ${SECONDS_ALIVE} s" kill -0 "$screen_cage"
stop $kunit "$kiosk_cage"
check "kiosk: ExecStop ends cage and the kiosk cleanly (status $st)" test "$st" -eq 0
check "kiosk: stopped through the normal path, frames presented" \
    grep -Eq "kiosk: stopping \([1-9][0-9]* frames presented\)" "$WW_TMP/kiosk.log"
stop $sunit "$screen_cage"
check "screen: ExecStop ends cage and the screen cleanly (status $st)" test "$st" -eq 0
check "screen: frames presented" \
    grep -Eq "screen huisarts-wachtkamer: stopping \([1-9][0-9]* frames presented\)" \
    "$WW_TMP/screen.log"
check "no compositor abort" sh -c "! grep -q Assertion '$WW_TMP/kiosk.log' '$WW_TMP/screen.log'"

# ---- taps through the script channel, on cage's output ----
mkdir -p "$WW_TMP/taps"
cat >"$WW_TMP/taps.txt" <<EOS
render on
expect screen attract
tap start
expect screen topics
tap topic:schulden
expect screen question
touch-file $WW_TMP/taps/tapped
wait-file $WW_TMP/taps/seen
EOS
chmod 644 "$WW_TMP/taps.txt"
chown "$user" "$WW_TMP/taps"
start taps $kunit weener-xl --script "$WW_TMP/taps.txt"
taps_cage=$cage_pid
i=0
while [ $i -lt 300 ] && [ ! -e "$WW_TMP/taps/tapped" ] && kill -0 "$taps_cage" 2>/dev/null; do
    sleep 0.2
    i=$((i + 1))
done
if [ -e "$WW_TMP/taps/tapped" ]; then
    sleep 1
    if command -v grim >/dev/null 2>&1 && shot taps "$WW_TMP/taps.png"; then
        d=$(differs "$WW_TMP/taps.png" "$WW_TMP/ref/question.png")
        check "taps: cage's output shows the question screen (difference ${d% *})" \
            awk -v d="${d% *}" 'BEGIN { exit !(d < 6) }'
    fi
    as_user touch "$WW_TMP/taps/seen"
else
    echo "FAIL taps: the script never reached the question screen"
    sed 's/^/    /' "$WW_TMP/taps.log"
    ww_fail=$((ww_fail + 1))
fi
wait "$taps_cage"
st=$?
check "taps: the script ran to its end under cage (status $st)" test "$st" -eq 0
pids=""
finish
