#!/bin/sh
# A kiosk PC comes back by itself (power cuts, a crash, a printer plugged
# out and in):
#   - the units pass systemd-analyze verify, restart for ever and quickly
#     (Restart=always, no start limit, RestartSec a few seconds);
#   - crash-like faults end the program with a non-zero status at once
#     instead of a hanging black screen, so Restart= can act: the display
#     server killed (X11; cage, the compositor of the units), SIGSEGV, SIGABRT;
#   - the printer's device file goes away and comes back, and the same
#     running kiosk prints again (each job opens the device anew).
# The store after kill -9 is tested in test_faults.sh.
#   WW_BIN=build/debug/wegwijzer sh tests/e2e/test_comeback.sh
. "$(dirname "$0")/lib.sh"

export WEGWIJZER_NOW=2026-11-24T09:30 # a Tuesday
export WEGWIJZER_ALLOW_ROOT=1
T=$WW_TMP
cp -r "$WEGWIJZER_CONFIG" "$T/cfg"
export WEGWIJZER_CONFIG="$T/cfg"
PIDS=""
trap 'for p in $PIDS; do kill -KILL "$p" 2>/dev/null; done; rm -rf "$WW_TMP"' EXIT

# ---- the units ----
if command -v systemd-analyze >/dev/null 2>&1; then
    mkdir -p "$T/units" "$T/broken"
    cp dist/systemd/*.service "$T/units/"
    ln -s wegwijzer-kiosk@.service "$T/units/wegwijzer-kiosk@weener-xl.service"
    ln -s wegwijzer-screen@.service "$T/units/wegwijzer-screen@huisarts-wachtkamer.service"
    out=$(systemd-analyze verify --man=no "$T/units/wegwijzer-kiosk@weener-xl.service" \
        "$T/units/wegwijzer-screen@huisarts-wachtkamer.service" 2>&1)
    st=$?
    check "systemd-analyze verify: both units (status $st)" test "$st" -eq 0 -a -z "$out"
    [ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/    /'
    # The same check sees a mistake (so the line above means something).
    sed 's/^Restart=always/Restart=allways/' dist/systemd/wegwijzer-kiosk@.service \
        >"$T/broken/wegwijzer-kiosk@.service"
    ln -s wegwijzer-kiosk@.service "$T/broken/wegwijzer-kiosk@x.service"
    out=$(systemd-analyze verify --man=no "$T/broken/wegwijzer-kiosk@x.service" 2>&1)
    check "systemd-analyze verify: a broken unit is reported" test -n "$out"
else
    echo "skip systemd-analyze verify: systemd is not installed"
fi
for u in dist/systemd/wegwijzer-kiosk@.service dist/systemd/wegwijzer-screen@.service; do
    n=$(basename "$u")
    check "$n: Restart=always" grep -qx 'Restart=always' "$u"
    check "$n: never gives up (StartLimitIntervalSec=0)" grep -qx 'StartLimitIntervalSec=0' "$u"
    rs=$(sed -n 's/^RestartSec=//p' "$u")
    check "$n: back within 10 s of a crash (RestartSec=$rs)" test "${rs:-100}" -le 5
done

# ends_within SECONDS PID: the process is gone in time; sets st
ends_within() {
    i=0
    while kill -0 "$2" 2>/dev/null && [ $i -lt $(($1 * 10)) ]; do
        sleep 0.1
        i=$((i + 1))
    done
    if kill -0 "$2" 2>/dev/null; then
        kill -KILL "$2"
        wait "$2" 2>/dev/null
        st=hang
        return 1
    fi
    wait "$2"
    st=$?
    return 0
}
ready() { # LOG
    i=0
    while [ $i -lt 300 ] && ! grep -q "ready" "$1" 2>/dev/null; do
        sleep 0.1
        i=$((i + 1))
    done
    grep -q "ready" "$1"
}

# ---- crash-like faults: a non-zero status, never a hang ----
for sig in SEGV ABRT; do
    SDL_VIDEODRIVER=offscreen "$WW_BIN" kiosk --location weener-xl --speech null \
        >"$T/$sig.log" 2>&1 &
    pid=$!
    PIDS="$PIDS $pid"
    ready "$T/$sig.log"
    kill -"$sig" "$pid"
    ends_within 5 "$pid"
    check "SIG$sig: the kiosk ends at once with a failure (status $st)" test "$st" != hang -a "$st" != 0
done

if command -v Xvfb >/dev/null 2>&1; then
    d=:$((100 + $$ % 400))
    Xvfb "$d" -screen 0 1080x1920x24 -nolisten tcp >/dev/null 2>&1 &
    xpid=$!
    PIDS="$PIDS $xpid"
    sleep 1
    SDL_VIDEODRIVER=x11 DISPLAY=$d "$WW_BIN" kiosk --location weener-xl --speech null \
        >"$T/x11.log" 2>&1 &
    pid=$!
    PIDS="$PIDS $pid"
    check "X11: ready" ready "$T/x11.log"
    kill -KILL "$xpid"
    ends_within 5 "$pid"
    check "X11 server killed: the kiosk ends at once with a failure (status $st)" \
        test "$st" != hang -a "$st" != 0
fi

if command -v cage >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    chmod 755 "$T"
    mkdir -p "$T/run" "$T/cstate"
    chown nobody "$T/run" "$T/cstate"
    chmod 700 "$T/run"
    setpriv --reuid=nobody --regid=nogroup --clear-groups env XDG_RUNTIME_DIR="$T/run" \
        WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
        SDL_VIDEODRIVER=wayland WEGWIJZER_STATE="$T/cstate" cage -s -- "$WW_BIN" kiosk \
        --location weener-xl --speech null >"$T/cage.log" 2>&1 &
    cpid=$!
    PIDS="$PIDS $cpid"
    check "cage: ready" ready "$T/cage.log"
    kpid=$(pgrep -P "$cpid" -x wegwijzer | head -1)
    PIDS="$PIDS $kpid"
    kill -KILL "$cpid"
    wait "$cpid" 2>/dev/null
    # The kiosk is not our child here: watch it until it is gone.
    i=0
    while kill -0 "$kpid" 2>/dev/null && [ $i -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    # SDL turns the lost Wayland connection into a quit: the kiosk stops
    # through its normal path. Its status does not matter here: cage is the
    # unit's main process, and Restart=always restarts the unit either way;
    # what matters is that nothing is left hanging on a dead display.
    check "compositor killed: the kiosk ends at once" sh -c "! kill -0 $kpid 2>/dev/null"
fi

# ---- the printer plugged out and in again, the kiosk running on ----
# The device is a symbolic link to a pretend printer's pseudo-terminal, as
# udev's /dev/usb/lp0 is to the USB device: gone when unplugged, back (to a
# new device) when plugged in.
plug() { # NAME: a printer behind $T/lp0
    mkdir -p "$T/$1"
    python3 tests/e2e/escpos_printer.py pty --path-file "$T/$1/path" --state "$T/$1/state" \
        --pbm-dir "$T/$1" &
    PRINTER=$!
    PIDS="$PIDS $PRINTER"
    i=0
    while [ ! -s "$T/$1/path" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    ln -sfn "$(cat "$T/$1/path")" "$T/lp0"
}
has_state() { # NAME KEY VALUE
    i=0
    while ! grep -q "^$2=$3\$" "$T/$1/state" 2>/dev/null && [ $i -lt 200 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    grep -q "^$2=$3\$" "$T/$1/state"
}
v=$(printf 'escpos:%s/lp0?timeout=2' "$T" | sed 's/[&|\\]/\\&/g')
sed -i "s|^printer = .*|printer = $v|" "$T/cfg/locations/weener-xl.ini"
journey() {
    cat <<EOS
expect screen attract
tap start
tap topic:brief
walk
tap book
tap-first time:
tap confirm
expect screen ticket
EOS
}
after() {
    cat <<EOS
tap next
tap more:no
tap rating:5
wait 2m
expect screen attract
EOS
}
{
    journey
    echo "touch-file $T/printed-1"
    echo "wait-file $T/unplugged"
    after
    journey
    echo "expect text printer doet het niet"
    echo "touch-file $T/failed"
    echo "wait-file $T/replugged"
    after
    journey
    echo "touch-file $T/printed-2"
    echo "wait-file $T/done"
} >"$T/replug.txt"
plug first
SDL_VIDEODRIVER=offscreen "$WW_BIN" kiosk --location weener-xl --speech null \
    --script "$T/replug.txt" >"$T/replug.log" 2>&1 &
kpid=$!
PIDS="$PIDS $kpid"
waitfile() { i=0; while [ ! -e "$1" ] && [ $i -lt 300 ] && kill -0 "$kpid" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done; [ -e "$1" ]; }
check "plugged in: the first ticket reaches the screen" waitfile "$T/printed-1"
check "plugged in: the printer cut it" has_state first cuts 1
kill "$PRINTER"
wait "$PRINTER" 2>/dev/null
rm -f "$T/lp0"
touch "$T/unplugged"
check "unplugged: the kiosk says the printer does not work" waitfile "$T/failed"
plug second
touch "$T/replugged"
check "plugged in again: the next ticket reaches the screen" waitfile "$T/printed-2"
check "plugged in again: the same kiosk printed it, without a restart" has_state second cuts 1
touch "$T/done"
ends_within 30 "$kpid"
check "the script ran to its end (status $st)" test "$st" = 0
[ "$st" = 0 ] || sed 's/^/    /' "$T/replug.log" | tail -20
check "one kiosk process all along" test "$(grep -c 'ready' "$T/replug.log")" -le 1
finish
