# Sourced first by a test that needs a PostgreSQL server: without one
# ($WW_PG_URI unset) it runs the test again under tests/pg.sh, which makes a
# throwaway server; a build without the PostgreSQL store skips the test.
: "${WW_BIN:=build/debug/wegwijzer}"
if [ -z "${WW_PG_URI:-}" ]; then
    if "$WW_BIN" staff today --location weener-xl --store postgresql://127.0.0.1:1/x 2>&1 |
        grep -q "unknown kind"; then
        echo "skipped: this build has no PostgreSQL store (libpq-dev missing)"
        echo "0 passed, 0 failed"
        exit 0
    fi
    exec tests/pg.sh sh "$0" "$@"
fi
