#!/usr/bin/env bash
# Prints the page weight of a built site (default dist/; build it with `make dist`): each
# .wasm, .js, .css and .html file raw, gzip -9 and brotli -q 11, in two groups:
#   - loaded at start: the files index.html references (href=/src=): the app's wasm and JS,
#     boot.js and the CSS. Their sum (wasm + JS + CSS) is what the 200 KB budget is about.
#   - on demand: every other .wasm/.js/.css file, i.e. the body-hashing Web Worker
#     (hasher-loader.js, sigv4-lab-hasher.js, sigv4-lab-hasher_bg.wasm), which the page
#     loads only when a body file over 1 MB is chosen.
# index.html itself is listed on its own line (in TOTAL, not in either group's sum).
#
#   scripts/page-weight.sh [DIR] [--json]
#
# --json: one JSON line on stdout instead of the table (bytes; brotli is null when no
# brotli is available):
#   {"dist":..., "brotli_how":..., "files":[{"file","group":"start"|"on-demand"|"html",
#    "raw","gzip","brotli"}], "start":{raw,gzip,brotli}, "on_demand":{...}, "html":{...},
#    "total":{...}}
# A relative DIR is taken from the repository root.
# brotli is the `brotli` command (apt package brotli, installed by setup.sh),
# else Python's `brotli` module; without either the brotli column says n/a.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

JSON=0
DIST=
for arg in "$@"; do
    case "$arg" in
        --json) JSON=1 ;;
        -*) echo "page-weight: unknown option $arg (usage: scripts/page-weight.sh [DIR] [--json])" >&2; exit 2 ;;
        *) DIST=$arg ;;
    esac
done
DIST=${DIST:-dist}
DIST=${DIST%/}
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
have_br=1
[ "$br_how" = "${br_how#not}" ] || have_br=0
gz() { gzip -9 -c -- "$1" | wc -c; }

# The paths index.html loads (href=/x, src="/x", ...), as file names relative to DIST.
declare -A at_start=()
while IFS= read -r ref; do
    ref=${ref#*=}
    ref=${ref#[\"\']}
    ref=${ref#./}
    ref=${ref#/}
    ref=${ref%%[?#]*}
    [ -n "$ref" ] && at_start[$ref]=1
done < <(grep -oE "(href|src)=[\"']?[^\"' >]+" "$DIST/index.html" || true)

# Per group: raw, gzip, brotli sums.
declare -A sum_raw=() sum_gz=() sum_br=()
for g in start on-demand html total; do sum_raw[$g]=0 sum_gz[$g]=0 sum_br[$g]=0; done
rows=()   # "group<TAB>file<TAB>raw<TAB>gzip<TAB>brotli"

shopt -s nullglob
for f in "$DIST"/*.wasm "$DIST"/*.js "$DIST"/*.css "$DIST"/*.html; do
    name=${f#"$DIST"/}
    case "$name" in
        *.html) group=html ;;
        *) if [ -n "${at_start[$name]:-}" ]; then group=start; else group=on-demand; fi ;;
    esac
    raw=$(wc -c <"$f")
    g=$(gz "$f")
    b=$(br "$f")
    rows+=("$group"$'\t'"$name"$'\t'"$raw"$'\t'"$g"$'\t'"$b")
    for s in "$group" total; do
        sum_raw[$s]=$((sum_raw[$s] + raw))
        sum_gz[$s]=$((sum_gz[$s] + g))
        [ "$b" = n/a ] || sum_br[$s]=$((sum_br[$s] + b))
    done
done

brsum() { if [ "$have_br" = 1 ]; then echo "${sum_br[$1]}"; else echo n/a; fi; }

if [ "$JSON" = 1 ]; then
    jstr() { # a JSON string: file names and tool versions have no control characters
        local s=${1//\\/\\\\}
        printf '"%s"' "${s//\"/\\\"}"
    }
    jnum() { if [ "$1" = n/a ]; then printf null; else printf '%s' "$1"; fi; }
    jsum() { printf '{"raw":%s,"gzip":%s,"brotli":%s}' "${sum_raw[$1]}" "${sum_gz[$1]}" "$(jnum "$(brsum "$1")")"; }
    files=
    for row in "${rows[@]}"; do
        IFS=$'\t' read -r group name raw g b <<<"$row"
        files+="${files:+,}{\"file\":$(jstr "$name"),\"group\":\"$group\",\"raw\":$raw,\"gzip\":$g,\"brotli\":$(jnum "$b")}"
    done
    printf '{"dist":%s,"brotli_how":%s,"files":[%s],"start":%s,"on_demand":%s,"html":%s,"total":%s}\n' \
        "$(jstr "$DIST")" "$(jstr "$br_how")" "$files" "$(jsum start)" "$(jsum on-demand)" "$(jsum html)" "$(jsum total)"
    exit 0
fi

line() { printf '%-46s %10s %10s %10s\n' "$@"; }
line file raw gzip-9 brotli
for group in start html on-demand; do
    case "$group" in
        start) echo "-- loaded at start" ;;
        on-demand) echo "-- on demand (the hashing Web Worker, for a body file over 1 MB)" ;;
    esac
    for row in "${rows[@]}"; do
        IFS=$'\t' read -r g name raw gzb brb <<<"$row"
        [ "$g" = "$group" ] && line "$name" "$raw" "$gzb" "$brb"
    done
    case "$group" in
        start) line "START (wasm + JS + CSS; the budget)" "${sum_raw[start]}" "${sum_gz[start]}" "$(brsum start)" ;;
        on-demand) line "ON DEMAND (worker)" "${sum_raw[on-demand]}" "${sum_gz[on-demand]}" "$(brsum on-demand)" ;;
    esac
done
line TOTAL "${sum_raw[total]}" "${sum_gz[total]}" "$(brsum total)"
echo "(bytes; brotli: $br_how)"
