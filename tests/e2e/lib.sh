# Shared helpers for the end-to-end scripts (sourced, POSIX sh).
# Each script runs the real binary in a fresh temporary state directory.
set -u
: "${WW_BIN:=build/debug/wegwijzer}"
WW_TMP=$(mktemp -d "${TMPDIR:-/tmp}/wegwijzer-e2e.XXXXXX")
trap 'rm -rf "$WW_TMP"' EXIT
export WEGWIJZER_STATE="$WW_TMP/state"
export WEGWIJZER_CONFIG="${WEGWIJZER_CONFIG:-kiosk-config}"
unset WEGWIJZER_NOW WEGWIJZER_LOCATION
ww_fail=0
ww_n=0

ww() { "$WW_BIN" "$@"; }

# expect NAME STATUS EXPECTED-OUTPUT-SUBSTRING -- command...
expect() {
    name=$1 want_status=$2 want_text=$3
    shift 4
    out=$("$@" 2>&1)
    st=$?
    ww_n=$((ww_n + 1))
    if [ "$st" -ne "$want_status" ]; then
        echo "FAIL $name: exit $st, expected $want_status"
        echo "$out" | sed 's/^/    /'
        ww_fail=$((ww_fail + 1))
        return 1
    fi
    case "$out" in
    *"$want_text"*) echo "ok   $name" ;;
    *)
        echo "FAIL $name: output lacks '$want_text'"
        echo "$out" | sed 's/^/    /'
        ww_fail=$((ww_fail + 1))
        return 1
        ;;
    esac
}

# check NAME CONDITION-COMMAND...
check() {
    name=$1
    shift
    ww_n=$((ww_n + 1))
    if "$@"; then
        echo "ok   $name"
    else
        echo "FAIL $name"
        ww_fail=$((ww_fail + 1))
    fi
}

finish() {
    echo "$((ww_n - ww_fail)) passed, $ww_fail failed"
    [ "$ww_fail" -eq 0 ]
}
