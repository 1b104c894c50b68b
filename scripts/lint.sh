#!/bin/sh
# Banned libc calls (unsafe or with hidden global state) and layering rules.
set -u
cd "$(dirname "$0")/.."
status=0
banned='\b(sprintf|vsprintf|strcpy|strcat|strncpy|strncat|strtok|gets|atoi|atol|localtime|gmtime|ctime|asctime|system|popen|alloca|tmpnam|mktemp)\s*\('
hits=$(grep -rnE "$banned" src tests bench --include='*.c' --include='*.h' | grep -v 'lint: allow' || true)
if [ -n "$hits" ]; then
    echo "lint: banned calls (see STYLE rule 18):"
    echo "$hits"
    status=1
fi
hits=$(grep -rnE '#include *[<"](SDL|libav|libsw)' src/core || true)
if [ -n "$hits" ]; then
    echo "lint: src/core must stay headless (no SDL or FFmpeg):"
    echo "$hits"
    status=1
fi
hits=$(grep -rnE '#include *[<"](SDL|libav)' src/cli 2>/dev/null || true)
if [ -n "$hits" ]; then
    echo "lint: src/cli must not use SDL or FFmpeg:"
    echo "$hits"
    status=1
fi
[ $status -eq 0 ] && echo "lint: ok"
exit $status
