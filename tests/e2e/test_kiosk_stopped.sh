#!/bin/sh
# Taps on a stopped kiosk (SIGSTOP) are dropped when it goes on (SIGCONT):
# they were made on a screen that did not answer. A real X display (Xvfb),
# real clicks through XTEST (on "Tik om te beginnen"). Control: the same
# click on a running kiosk starts a visit (its idle warning comes
# idle_seconds later).
. tests/e2e/lib.sh

if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "skip: xvfb-run not installed"
    finish
    exit 0
fi
T=$WW_TMP
cp -r "$WEGWIJZER_CONFIG" "$T/cfg"
export WEGWIJZER_CONFIG="$T/cfg"
sed -i 's/^idle_seconds = .*/idle_seconds = 20/' "$T/cfg/locations/weener-xl.ini"
# The real clock: the idle time must pass in the running kiosk.
export WEGWIJZER_ALLOW_ROOT=1

cat >"$T/x11.sh" <<'EOF'
# $1: log file; $2: "stop" to stop the kiosk around the click
ASAN_OPTIONS=detect_leaks=0 SDL_VIDEODRIVER=x11 "$WW_BIN" kiosk --location weener-xl --speech null >"$1" 2>&1 &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q "ready" "$1"; do
    sleep 0.2
    i=$((i + 1))
done
sleep 1
[ "$2" = stop ] && kill -STOP "$pid"
python3 tests/e2e/xclick.py 540 786
sleep 2
[ "$2" = stop ] && kill -CONT "$pid"
sleep 24 # past idle_seconds: a started visit has warned by now
kill -TERM "$pid"
wait "$pid"
EOF
xvfb-run -a -s '-screen 0 1080x1920x24' sh "$T/x11.sh" "$T/run.log" run &
a=$!
xvfb-run -a -s '-screen 0 1080x1920x24' sh "$T/x11.sh" "$T/stop.log" stop &
b=$!
wait $a
wait $b
sed 's/^/    run: /' "$T/run.log" | grep -v debug
sed 's/^/    stop: /' "$T/stop.log" | grep -v debug
check "running: the click starts a visit (idle warning later)" grep -q "idle warning" "$T/run.log"
check "stopped: the queued click is dropped" grep -q "the process was stopped: [0-9]* queued input events dropped" "$T/stop.log"
check "stopped: no visit was started" sh -c '! grep -q "idle warning" "$1"' _ "$T/stop.log"
finish
