#!/bin/sh
# `make install` into a DESTDIR: whatever MODE says, the program installed is
# the release build, and the installed program, driven by a script, stays up
# when a resident presses Escape or the window is asked to close.
. tests/e2e/lib.sh
export SDL_VIDEODRIVER=offscreen
export WEGWIJZER_ALLOW_ROOT=1
ROOT="$WW_TMP/root"

make -s --no-print-directory MODE=debug DESTDIR="$ROOT" PREFIX=/usr SYSCONFDIR=/etc install \
    >"$WW_TMP/install.log" 2>&1
st=$?
check "make MODE=debug install succeeds (status $st)" [ "$st" -eq 0 ] || sed 's/^/    /' "$WW_TMP/install.log"
BIN="$ROOT/usr/bin/wegwijzer"
check "the program is installed" [ -x "$BIN" ]
expect "the installed program is the release build" 0 "wegwijzer build: release" -- "$BIN" --version
check "no debug marker in the installed binary" sh -c '! strings "$0" | grep -qx "wegwijzer build: debug"' "$BIN"
case "$WW_BIN" in
*/debug/* | *-san/*)
    check "the debug build says it is one" \
        sh -c '"$0" --version | grep -qx "wegwijzer build: debug"' "$WW_BIN"
    ;;
esac

# The installed kiosk with the installed translations and pictograms.
cat >"$WW_TMP/noexit.txt" <<'SCRIPT'
tap start
expect screen topics
event key Escape
event close
event quit
expect running
expect screen topics
SCRIPT
expect "installed kiosk: Escape and a window close do not end it" 0 "" -- \
    "$BIN" kiosk --config "$ROOT/etc/wegwijzer" --location weener-xl --now 2026-11-24T09:30 \
    --assets "$ROOT/usr/share/wegwijzer/assets" --localedir "$ROOT/usr/share/wegwijzer/locale" \
    --script "$WW_TMP/noexit.txt"
printf 'event key Escape\nexpect stopping\n' >"$WW_TMP/exit.txt"
expect "installed kiosk: --debug-exit is the way out" 0 "" -- \
    "$BIN" kiosk --config "$ROOT/etc/wegwijzer" --location weener-xl --now 2026-11-24T09:30 \
    --assets "$ROOT/usr/share/wegwijzer/assets" --localedir "$ROOT/usr/share/wegwijzer/locale" \
    --script "$WW_TMP/exit.txt" --debug-exit
finish
