#!/usr/bin/env bash
# sigv4-lab's `explain` compiled to WebAssembly, timed in Node against the npm signers
# aws4 and @smithy/signature-v4 on the Criterion bench's three requests (issue 5).
#
#   1. builds bench/node (its own workspace, release: opt-level 3 + LTO) for wasm32
#   2. wasm-bindgen --target nodejs into bench/node/pkg (wasm-bindgen-cli must be
#      bench/node/Cargo.lock's wasm-bindgen, i.e. the root Cargo.lock's; scripts/setup.sh
#      installs it)
#   3. npm ci in bench/node (exact versions from bench/node/package-lock.json), only when
#      that lock changed since the last install
#   4. node bench/node/bench.mjs: checks that all signers produce the same signature for
#      each request (exit 1 if not), then prints the table
#
# --json is passed to bench.mjs: stdout is then one JSON line (the figures), and every
# other line (build progress, npm, the signature check, the human table) goes to stderr.
# Other arguments are ignored; BENCH_SCALE=N multiplies the iteration counts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
BENCH=bench/node

JSON=()
for arg in "$@"; do
    if [ "$arg" = --json ]; then JSON=(--json); fi
done
# In --json mode the progress lines (and npm's output) go to stderr, keeping stdout for the JSON.
if [ ${#JSON[@]} -gt 0 ]; then exec 3>&2; else exec 3>&1; fi

die() {
    echo "bench-node: ERROR: $*" >&2
    exit 1
}
command -v node >/dev/null 2>&1 || die "node is not on PATH (run scripts/setup.sh)."
command -v wasm-bindgen >/dev/null 2>&1 || die "wasm-bindgen is not on PATH (run scripts/setup.sh)."

wbg_want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$BENCH/Cargo.lock")
wbg_have=$( (wasm-bindgen --version 2>/dev/null || true) | awk '{print $2}')
[ "$wbg_have" = "$wbg_want" ] ||
    die "wasm-bindgen-cli is ${wbg_have:-missing} but $BENCH/Cargo.lock has wasm-bindgen $wbg_want (run scripts/setup.sh)."

echo "== bench-node: cargo build (wasm32, release) of $BENCH" >&3
cargo build --release --target wasm32-unknown-unknown --manifest-path "$BENCH/Cargo.toml" >&3

echo "== bench-node: wasm-bindgen --target nodejs" >&3
rm -rf "$BENCH/pkg"
wasm-bindgen --target nodejs --out-dir "$BENCH/pkg" \
    "$BENCH/target/wasm32-unknown-unknown/release/sigv4_lab_bench_node.wasm" >&3

# node_modules/.bench-lock is a copy of the package-lock.json it was installed from.
if ! cmp -s "$BENCH/package-lock.json" "$BENCH/node_modules/.bench-lock" 2>/dev/null; then
    echo "== bench-node: npm ci (aws4, @smithy/signature-v4, hashes)" >&3
    (cd "$BENCH" && npm ci --no-audit --no-fund) >&3
    cp "$BENCH/package-lock.json" "$BENCH/node_modules/.bench-lock"
fi

echo "== bench-node: node $BENCH/bench.mjs" >&3
node "$BENCH/bench.mjs" ${JSON[@]+"${JSON[@]}"}
