#!/bin/sh
# Run every test: the unit test programs given as arguments, then the
# end-to-end scripts. Ends with one summary line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
: "${WW_BIN:=build/debug/wegwijzer}"
export WW_BIN
passed=0
failed=0
failures=""
times=""
run() { # name, command...
    name=$1
    shift
    t0=$(date +%s)
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        failures="$failures $name"
    fi
    secs=$(($(date +%s) - t0))
    times="$times $name:${secs}s"
}
for t in "$@"; do
    args=""
    case "$t" in
    *-replay) # a fuzz target: replay its corpus
        name=$(basename "$t" -replay)
        args="tests/fuzz/corpus/${name#fuzz_}"
        ;;
    esac
    if [ -n "${WW_VALGRIND:-}" ]; then
        # shellcheck disable=SC2086
        run "$(basename "$t")" valgrind -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite "$t" $args
    else
        # shellcheck disable=SC2086
        run "$(basename "$t")" "$t" $args
    fi
done
for t in tests/e2e/test_*.sh; do
    [ -e "$t" ] || continue
    echo "== $(basename "$t")"
    run "$(basename "$t")" sh "$t"
done
if [ -n "${WW_PG_UNITS:-}" ]; then
    echo "== store suites against PostgreSQL"
    # shellcheck disable=SC2086
    run "store suites (PostgreSQL)" tests/pg.sh tests/run-unit.sh $WW_PG_UNITS
fi
echo
echo "time per part:$times"
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
