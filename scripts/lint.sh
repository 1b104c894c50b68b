#!/bin/sh
# Banned libc calls (unsafe or with hidden global state) and layering rules.
set -u
cd "$(dirname "$0")/.."
status=0
banned='\b(sprintf|vsprintf|strcpy|strcat|strncpy|strncat|strtok|gets|atoi|atol|localtime|gmtime|ctime|asctime|system|popen|alloca|tmpnam|mktemp|strerror)\s*\('
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
# Only prepared statements with bound values reach the store: no SQL text
# is ever built from a value (no printf into SQL, no escaping functions).
hits=$(grep -rnE '\b(sqlite3_v?mprintf|sqlite3_snprintf|PQescape[A-Za-z]*)\s*\(' src || true)
sqlfmt=$(grep -rnE '\b(ww_fmt|snprintf|vsnprintf)\s*\(.*"[^"]*\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|DROP|ALTER)\b' src |
    grep -v 'lint: allow' || true)
if [ -n "$hits$sqlfmt" ]; then
    echo "lint: SQL built from values; bind them as parameters of a prepared statement:"
    printf '%s\n%s\n' "$hits" "$sqlfmt" | sed '/^$/d'
    status=1
fi
[ $status -eq 0 ] && echo "lint: ok"
exit $status
