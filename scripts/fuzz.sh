#!/bin/sh
# Run every libFuzzer target in tests/fuzz/ for SECONDS each under ASan and
# UBSan, starting from (and adding to) its corpus in tests/fuzz/corpus/NAME.
# A crash stops the run; its input is saved in build/fuzz/ to become a
# regression file in the corpus.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-30}
out=build/fuzz
mkdir -p "$out"
# The core, instrumented for coverage and sanitizers, built by the Makefile.
make -s CC=clang WERROR=0 SANITIZE=fuzzer-no-link,address,undefined BUILD="$out/core" \
    "$out/core/libwwcore.a"
libs=$(make -s --no-print-directory print-core-libs)
# With libpq, targets that judge by libpq's own parser (fuzz_store_uri) use it.
pgflags=""
if pkg-config --exists libpq 2>/dev/null; then
    pgflags="-DWW_WITH_PG $(pkg-config --cflags libpq)"
fi
status=0
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    corpus="tests/fuzz/corpus/${name#fuzz_}"
    mkdir -p "$corpus" "$out/$name-new"
    # shellcheck disable=SC2086
    clang -std=c11 -D_GNU_SOURCE -g -O1 -Isrc/core $pgflags -fsanitize=fuzzer,address,undefined \
        -fno-sanitize-recover=all -o "$out/$name" "$src" "$out/core/libwwcore.a" $libs
    echo "== $name: ${seconds}s"
    if ! "$out/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$out/$name-" -print_final_stats=1 "$out/$name-new" "$corpus" \
        > "$out/$name.log" 2>&1; then
        echo "$name: crash; input saved as $out/$name-crash-*"
        tail -40 "$out/$name.log"
        status=1
    else
        grep -E "stat::number_of_executed_units|cov:" "$out/$name.log" | tail -2
    fi
done
exit $status
