#!/usr/bin/env bash
# Prints the page weight of dist/ (build it with `make dist`): each .wasm, .js,
# .css and .html file raw, gzip -9 and brotli -q 11, and the totals.
# brotli is the `brotli` command (apt package brotli, installed by setup.sh),
# else Python's `brotli` module; without either the brotli column says n/a.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DIST=${1:-dist}
[ -f "$DIST/index.html" ] || { echo "page-weight: $DIST/index.html is missing; run 'make dist' first" >&2; exit 1; }

if command -v brotli >/dev/null 2>&1; then
    br() { brotli -q 11 -c -- "$1" | wc -c; }
    br_how="brotli -q 11 ($(brotli --version 2>/dev/null || echo brotli))"
elif python3 -c 'import brotli' 2>/dev/null; then
    br() { python3 -c 'import brotli,sys; print(len(brotli.compress(open(sys.argv[1],"rb").read(), quality=11)))' "$1"; }
    br_how="Python brotli, quality 11"
else
    br() { echo n/a; }
    br_how="not available (install the apt package brotli)"
fi
gz() { gzip -9 -c -- "$1" | wc -c; }

printf '%-46s %10s %10s %10s\n' file raw gzip-9 brotli
total_raw=0 total_gz=0 total_br=0
shopt -s nullglob
for f in "$DIST"/*.wasm "$DIST"/*.js "$DIST"/*.css "$DIST"/*.html; do
    raw=$(wc -c <"$f")
    g=$(gz "$f")
    b=$(br "$f")
    printf '%-46s %10d %10d %10s\n' "${f#"$DIST"/}" "$raw" "$g" "$b"
    total_raw=$((total_raw + raw))
    total_gz=$((total_gz + g))
    [ "$b" = n/a ] || total_br=$((total_br + b))
done
printf '%-46s %10d %10d %10s\n' TOTAL "$total_raw" "$total_gz" "$([ "$br_how" = "${br_how#not}" ] && echo "$total_br" || echo n/a)"
echo "(bytes; brotli: $br_how)"
