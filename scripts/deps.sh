#!/bin/sh
# Install the Debian packages Wegwijzer needs, only those that are missing.
#   scripts/deps.sh run    to build and run the kiosk
#   scripts/deps.sh test   to build and run every test
#   scripts/deps.sh ci     tests plus lint, format check and sanitizers
# As root it calls apt-get; otherwise sudo when available; otherwise it
# prints the command to run and fails.
set -eu

BUILD="build-essential pkg-config libsqlite3-dev libqrencode-dev libsodium-dev libpng-dev gettext"
UI="libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfribidi-dev libfontconfig-dev libespeak-ng-dev espeak-ng-data
    fonts-noto-core fontconfig"
SIGNAGE="libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev ffmpeg"
TEST="libcmocka-dev sqlite3 zbar-tools gettext xvfb xauth valgrind sox libpq-dev postgresql python3 cups cups-bsd cups-client time systemd strace
      cage xwayland grim debhelper chromium poppler-utils"
CI="clang-format clang libclang-rt-14-dev lintian"

case "${1:-run}" in
run) want="$BUILD $UI $SIGNAGE" ;;
test) want="$BUILD $UI $SIGNAGE $TEST" ;;
ci) want="$BUILD $UI $SIGNAGE $TEST $CI" ;;
*) echo "usage: $0 run|test|ci" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$st" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "wegwijzer: missing Debian packages:$missing" >&2
    echo "wegwijzer: run as root: apt-get install -y$missing" >&2
    exit 1
fi
echo "wegwijzer: installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
