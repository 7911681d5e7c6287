#!/usr/bin/env bash
# Every figure of sigv4-lab beside its peer, in one Markdown table (`make bench` runs this
# after `make dist`). Figures are printed, never asserted: a missed goal says "no" in the
# table and the exit status stays 0. The exit status is non-zero only when a bench itself
# fails (it does not build, the signers' signatures differ, the page's hash is wrong...);
# the table is printed all the same, with the failed bench's cells saying so.
#
# In sequence, each with its full output in target/bench/<name>.log:
#   1. criterion  cargo bench --bench explain: `explain` vs aws-sigv4's `sign`, medians read
#                 from target/criterion/sign/<bench id>/<request>/new/estimates.json
#   2. node       scripts/bench-node.sh --json: `explain` as wasm vs aws4 and smithy in Node
#   3. page       node bench/page.mjs --json: first render, keystroke → updated steps
#   4. hash       node bench/hash.mjs --json: 256 MB body in the page's Web Worker vs native
#   5. weight     scripts/page-weight.sh SITE --json: start weight (the budget), worker
# Each bench's JSON lands in target/bench/<name>.json; the table is printed and saved to
# target/bench-table.md, preceded by the machine, load average, date, commit and versions.
#
#   scripts/bench.sh
#
# Environment: SIGV4_LAB_DIST, the built site to measure (default dist/; page, hash and
# weight use it); CHROMIUM, the browser (default /usr/bin/chromium); BENCH_SCALE (node).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

OUT=target/bench
TABLE=target/bench-table.md
CRITERION=${CARGO_TARGET_DIR:-target}/criterion/sign
SITE=${SIGV4_LAB_DIST:-dist}

die() {
    echo "bench: ERROR: $*" >&2
    exit 2
}
command -v node >/dev/null 2>&1 || die "node is not on PATH (run scripts/setup.sh)."
command -v cargo >/dev/null 2>&1 || die "cargo is not on PATH (run scripts/setup.sh)."
[ -f "$SITE/index.html" ] || die "$SITE/index.html is missing: run 'make dist' first (or set SIGV4_LAB_DIST)."
# The page and hash benches read SIGV4_LAB_DIST (tests/e2e/helpers.mjs), as an absolute path.
SIGV4_LAB_DIST=$(cd "$SITE" && pwd)
export SIGV4_LAB_DIST

mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.log "$OUT"/*.secs

started=$(date +%s)
date_utc=$(date -u '+%Y-%m-%d %H:%M UTC')
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
failed=()

# run NAME "what" CMD...: CMD's stdout to $OUT/NAME.json, its stderr to $OUT/NAME.log.
run() {
    local name=$1 what=$2 t0 rc
    shift 2
    echo "== bench: $name: $what (log: $OUT/$name.log)" >&2
    t0=$(date +%s)
    "$@" >"$OUT/$name.json" 2>"$OUT/$name.log"
    rc=$?
    echo $(($(date +%s) - t0)) >"$OUT/$name.secs"
    if [ $rc -ne 0 ]; then
        failed+=("$name")
        echo "   FAILED (exit $rc) after $(cat "$OUT/$name.secs") s; the end of $OUT/$name.log:" >&2
        tail -n 25 "$OUT/$name.log" | sed 's/^/   | /' >&2
    else
        echo "   done in $(cat "$OUT/$name.secs") s" >&2
    fi
    return 0
}

# Criterion, then its medians (ns) as JSON: only files written by this run count.
criterion() {
    local since
    since=$(date +%s)
    cargo bench --bench explain >&2 || return
    CRITERION="$CRITERION" SINCE="$since" node - <<'JS'
const fs = require("fs");
const path = require("path");
const dir = process.env.CRITERION;
const since = Number(process.env.SINCE);
const requests = ["small GET", "1 KB JSON POST", "1 MB PUT"];
const ids = { explain: "sigv4-lab explain", sign: "aws-sigv4 sign" };
// Criterion keeps spaces in directory names but maps characters it cannot use to "_".
const names = (s) => [...new Set([s, s.replace(/[?"/\\*<>:|^]/g, "_"), s.replace(/[^A-Za-z0-9._-]/g, "_")])];
const median = (id, request) => {
  for (const a of names(id)) {
    for (const b of names(request)) {
      const f = path.join(dir, a, b, "new", "estimates.json");
      if (!fs.existsSync(f)) continue;
      if (fs.statSync(f).mtimeMs / 1000 < since - 1) throw new Error(`${f} is older than this run`);
      return JSON.parse(fs.readFileSync(f, "utf8")).median.point_estimate;
    }
  }
  throw new Error(`no estimates.json for ${id} / ${request} under ${dir}`);
};
const out = { dir, requests: [] };
for (const request of requests) {
  out.requests.push({ request, explain_ns: median(ids.explain, request), sign_ns: median(ids.sign, request) });
}
console.log(JSON.stringify(out));
JS
}

run criterion "cargo bench --bench explain (explain vs aws-sigv4 sign)" criterion
run node "scripts/bench-node.sh --json (explain as wasm vs aws4, smithy)" bash scripts/bench-node.sh --json
run page "node bench/page.mjs --json (first render, keystrokes; $SIGV4_LAB_DIST)" node bench/page.mjs --json
run hash "node bench/hash.mjs --json (256 MB body: Web Worker vs native sha2)" node bench/hash.mjs --json
run weight "scripts/page-weight.sh $SITE --json" bash scripts/page-weight.sh "$SITE" --json

# --- the header line ------------------------------------------------------------------------
load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
cores=$(nproc 2>/dev/null || echo '?')
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
cpu=${cpu:-$(uname -m)}
ram=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
# --no-optional-locks: read only, never refreshes .git/index.
if [ -n "$(git --no-optional-locks status --porcelain 2>/dev/null | head -n 1)" ]; then
    commit="$commit (with uncommitted changes in the tree)"
fi
rustc=$(rustc --version 2>/dev/null | awk '{ print $2 }')
nodev=$(node --version 2>/dev/null)
chromium=$(node -e 'try { console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).chromium || "") } catch { }' "$OUT/page.json" 2>/dev/null)
[ -n "$chromium" ] || chromium=$("${CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null | awk '{ print $2 }')
noisy=$(awk -v a="${load_start%% *}" -v b="${load_end%% *}" -v n="$cores" \
    'BEGIN { m = (a > b ? a : b); if (n > 0 && m >= n / 2) print "other work was running on the machine: figures are noisy" }')
header="**Machine** ${cores} cores (${cpu}), ${ram} RAM; **load average** ${load_start} at start, ${load_end} at end${noisy:+ (${noisy})}; **date** ${date_utc}; **commit** ${commit}; **rustc** ${rustc:-?}; **node** ${nodev:-?}; **Chromium** ${chromium:-?}; **site** ${SIGV4_LAB_DIST}"

elapsed=$(($(date +%s) - started))
took="$((elapsed / 60)) min $((elapsed % 60)) s"
steps=""
for s in criterion node page hash weight; do
    steps+="${steps:+, }$s $(cat "$OUT/$s.secs" 2>/dev/null || echo '?') s"
done

# --- the table ------------------------------------------------------------------------------
OUT="$OUT" HEADER="$header" TOOK="$took" STEPS="$steps" FAILED="${failed[*]}" node - >"$TABLE.tmp" <<'JS'
const fs = require("fs");
const out = process.env.OUT;
const failed = new Set((process.env.FAILED || "").split(" ").filter(Boolean));
const load = (name) => {
  try {
    const text = fs.readFileSync(`${out}/${name}.json`, "utf8").trim().split("\n").at(-1);
    return JSON.parse(text);
  } catch {
    return null;
  }
};
const sig = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const time = (ns) => (ns >= 1e6 ? `${sig(ns / 1e6)} ms` : `${sig(ns / 1e3)} µs`);
const ms = (x) => `${sig(x)} ms`;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const ratio = (x) => `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
const yes = (ok) => (ok ? "yes" : "**no**");
const NA = "—";
const rows = [];
const row = (area, figure, ours, peer, peerFigure, r, goal, met) =>
  rows.push([area, figure, ours, peer, peerFigure, r, goal, met]);
const missing = (area, figure, name, peer = NA, goal = NA) =>
  row(area, figure, failed.has(name) ? `failed (${out}/${name}.log)` : "no figure", peer, NA, NA, goal, NA);

// 1. Criterion
const REQS = ["small GET", "1 KB JSON POST", "1 MB PUT"];
{
  const c = load("criterion");
  const area = "native (Criterion)";
  for (const request of REQS) {
    const figure = `\`explain\`, ${request}, median`;
    const r = c?.requests.find((x) => x.request === request);
    if (!r) {
      missing(area, figure, "criterion", "aws-sigv4 `sign`", "≤ 2×");
      continue;
    }
    const q = r.explain_ns / r.sign_ns;
    row(area, figure, time(r.explain_ns), "aws-sigv4 `sign`", time(r.sign_ns), ratio(q), "≤ 2×", yes(q <= 2));
  }
}

// 2. Node
{
  const n = load("node");
  const area = n ? `Node ${n.node} (wasm vs JS)` : "Node (wasm vs JS)";
  const v = (x) => (x ? ` ${x}` : "");
  const peers = [
    ["aws4", `aws4${v(n?.aws4)} \`sign\``, "≤ 1×"],
    ["smithy-hash-node", `smithy${v(n?.smithy)}, hash-node`, NA],
    ["smithy-sha256-js", `smithy${v(n?.smithy)}, sha256-js`, NA],
  ];
  for (const request of REQS) {
    const c = n?.cases.find((x) => x.request === request);
    const figure = `\`explain\` (wasm), ${request}, median`;
    const ours = c?.signers.find((s) => s.id === "sigv4-lab-explain");
    for (const [id, label, goal] of peers) {
      const p = c?.signers.find((s) => s.id === id);
      if (!ours || !p) {
        // No figures at all: one row per request, against aws4 (the goal's peer).
        if (n || id === "aws4") missing(area, figure, "node", label, goal);
        continue;
      }
      const q = ours.median_ns / p.median_ns;
      row(area, figure, time(ours.median_ns), label, time(p.median_ns), ratio(q), goal, goal === NA ? NA : yes(q <= 1));
    }
  }
}

// 3. The page. No peer: the peer figure is the goal's value, the ratio is to it.
{
  const p = load("page");
  const area = "browser (Chromium)";
  const NOPEER = "none (goal value)";
  if (p) {
    const f = p.first_render_ms;
    row(area, `first render, median of ${f.runs} (max ${ms(f.max)})`, ms(f.median), NOPEER, "300 ms", ratio(f.median / 300), "≤ 300 ms", yes(f.median <= 300));
    const k = p.keystroke_ms;
    const what = `${k.edits} edits, ${k.headers} headers, ${k.body_bytes / 1024} KB body`;
    row(area, `keystroke → steps p50 (${what})`, ms(k.p50), NOPEER, "16 ms", ratio(k.p50 / 16), "(p95 is the goal)", NA);
    row(area, `keystroke → steps p95 (max ${ms(k.max)})`, ms(k.p95), NOPEER, "16 ms", ratio(k.p95 / 16), "≤ 16 ms", yes(k.p95 <= 16));
  } else {
    missing(area, "first render", "page", NOPEER, "≤ 300 ms");
    missing(area, "keystroke → steps p50", "page", NOPEER);
    missing(area, "keystroke → steps p95", "page", NOPEER, "≤ 16 ms");
  }
}

// 4. Page weight
{
  const w = load("weight");
  const area = "page weight";
  const NOPEER = "none (goal value)";
  if (w) {
    if (w.start.brotli != null) {
      row(area, "loaded at start: wasm + JS + CSS, brotli -q 11", kb(w.start.brotli), NOPEER, "200 KB", ratio(w.start.brotli / 200e3), "≤ 200 KB", yes(w.start.brotli <= 200e3));
    }
    row(area, "loaded at start: wasm + JS + CSS, gzip -9", kb(w.start.gzip), NOPEER, "200 KB", ratio(w.start.gzip / 200e3), "≤ 200 KB", yes(w.start.gzip <= 200e3));
    const od = w.on_demand.brotli ?? w.on_demand.gzip;
    const how = w.on_demand.brotli != null ? "brotli" : "gzip";
    row(area, `on demand: hashing Web Worker (body file > 1 MB), ${how}`, kb(od), NA, NA, NA, "(not in the budget)", NA);
  } else {
    missing(area, "loaded at start: wasm + JS + CSS", "weight", NOPEER, "≤ 200 KB");
  }
}

// 5. Big body
{
  const h = load("hash");
  const area = "big body";
  const figure = `${h?.megabytes ?? 256} MB file SHA-256, page's Web Worker, median of 3`;
  if (h) {
    const q = h.page_worker_mb_per_s / h.native_mb_per_s;
    row(area, figure + (h.same_hash ? "" : " (**hash differs!**)"), `${h.page_worker_mb_per_s} MB/s`, "native sha2 (bench profile)", `${h.native_mb_per_s} MB/s`, ratio(q), "≥ 0.5×", yes(q >= 0.5));
  } else {
    missing(area, figure, "hash", "native sha2 (bench profile)", "≥ 0.5×");
  }
}

const lines = [process.env.HEADER, ""];
const head = ["area", "figure", "sigv4-lab", "peer", "peer figure", "ratio", "goal", "met?"];
lines.push(`| ${head.join(" | ")} |`);
lines.push(`|${head.map((_, i) => (i === 2 || i === 4 || i === 5 ? "---:" : "---")).join("|")}|`);
for (const r of rows) lines.push(`| ${r.join(" | ")} |`);
lines.push("");
lines.push(
  "Ratio: sigv4-lab / peer (times and sizes: lower is better; the big body's is a throughput, higher is better). " +
    "Rows without a peer compare with the goal's value. KB = 1000 bytes. Times are medians unless the row says otherwise.",
);
lines.push(`\`scripts/bench.sh\` took ${process.env.TOOK} (${process.env.STEPS}).`);
if (failed.size) lines.push(`**Failed benches: ${[...failed].join(", ")}** (see ${out}/<name>.log).`);
console.log(lines.join("\n"));
JS
table_rc=$?
if [ $table_rc -ne 0 ]; then
    echo "bench: ERROR: building the table failed" >&2
    exit 1
fi
mv "$TABLE.tmp" "$TABLE"
echo >&2
cat "$TABLE"
echo >&2
echo "bench: table saved to $TABLE; each bench's output is in $OUT/ (total $took)" >&2
if [ ${#failed[@]} -gt 0 ]; then
    echo "bench: FAILED: ${failed[*]} (a bench failed; goals are never a reason to fail)" >&2
    exit 1
fi
exit 0
