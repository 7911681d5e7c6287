#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS each (default 30), one after another.
#
#   scripts/fuzz.sh [SECONDS]          all targets
#   FUZZ_TARGETS="url curl" scripts/fuzz.sh 60
#   FUZZ_SEED=1 scripts/fuzz.sh 30     a fixed mutation order (make test); 0 or unset: random
#   FUZZ_RUNS=10000000 scripts/fuzz.sh 86400   stop each target after that many executions
#                                      (or SECONDS, whichever comes first)
#   FUZZ_SANITIZER=none scripts/fuzz.sh 300    build without AddressSanitizer: ~4x the
#                                      executions per second; the code under test is safe Rust,
#                                      and panics, hangs and memory blow-ups are still caught
#
# Each target starts from fuzz/seeds/<target>/ (inputs from the project's tests, written by
# fuzz/make_seeds.py when missing; git-ignored) and fuzz/regressions/<target>/ (minimized crashes found before,
# so a regression crashes at once), and grows fuzz/corpus/<target>/ (git-ignored).
# A crash leaves its input in fuzz/artifacts/<target>/; minimize it with
#   cargo +nightly fuzz tmin <target> fuzz/artifacts/<target>/crash-…
# Needs a nightly toolchain and cargo-fuzz (scripts/setup.sh installs both).
# Exits non-zero when any target crashed; the last line is "fuzz: N passed, M failed".
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SECONDS_EACH="${1:-30}"
[[ "$SECONDS_EACH" =~ ^[1-9][0-9]*$ ]] || {
    echo "fuzz: SECONDS must be a positive whole number, not \"$SECONDS_EACH\"" >&2
    exit 2
}
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
cargo +nightly fuzz --version >/dev/null 2>&1 || {
    echo "fuzz: needs cargo-fuzz on a nightly toolchain (rustup toolchain install nightly; cargo install cargo-fuzz --locked)" >&2
    echo "fuzz: 0 passed, 1 failed"
    exit 1
}

if [ ! -d fuzz/seeds ]; then
    echo "fuzz: writing fuzz/seeds/ from the tests (fuzz/make_seeds.py)"
    python3 fuzz/make_seeds.py || {
        echo "fuzz: 0 passed, 1 failed (seeds)"
        exit 1
    }
fi
targets=${FUZZ_TARGETS:-$(cargo +nightly fuzz list)}
echo "fuzz: building"
SANITIZER=(-s "${FUZZ_SANITIZER:-address}")
if ! cargo +nightly fuzz build "${SANITIZER[@]}"; then
    echo "fuzz: 0 passed, $(wc -w <<<"$targets") failed (build)"
    exit 1
fi

passed=0
failed=0
failed_names=()
for t in $targets; do
    mkdir -p "fuzz/corpus/$t" "fuzz/seeds/$t" "fuzz/regressions/$t"
    log="fuzz/artifacts/$t.log"
    mkdir -p fuzz/artifacts
    echo "fuzz: $t for ${SECONDS_EACH}s"
    # -timeout: one input taking 10 s is a hang; -rss_limit_mb: 2 GB is a leak or a blow-up.
    if cargo +nightly fuzz run "${SANITIZER[@]}" "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" "fuzz/regressions/$t" -- \
        -max_total_time="$SECONDS_EACH" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} -seed="${FUZZ_SEED:-0}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        >"$log" 2>&1; then
        runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -n1)
        rate=$(awk '/stat::average_exec_per_sec/ {print $2}' "$log" | tail -n1)
        echo "fuzz: $t ok: ${runs:-?} runs, ${rate:-?}/s"
        passed=$((passed + 1))
    else
        echo "fuzz: $t FAILED (full log: $log):"
        sed -n '/panicked at/,/stack backtrace/p' "$log" | head -n 30
        grep -E -A2 '^(==[0-9]+==ERROR|SUMMARY|Failing input:)' "$log" | head -n 12
        failed=$((failed + 1))
        failed_names+=("$t")
    fi
done
[ "$failed" -eq 0 ] || echo "fuzz: failed targets: ${failed_names[*]} (inputs in fuzz/artifacts/)"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
