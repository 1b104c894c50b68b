#!/bin/sh
# Start the kiosk on the shipped sample configuration (used by 'make run').
set -eu
bin=$1
location=$2
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${SDL_VIDEODRIVER:-}" ]; then
    echo "wegwijzer: no display found; on a machine without a screen run: xvfb-run -a -s '-screen 0 1080x1920x24' make run"
    exit 1
fi
exec "$bin" kiosk --location "$location"
