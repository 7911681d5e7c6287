// sigv4-lab's `explain` (Rust compiled to WebAssembly, wasm-bindgen --target nodejs) against
// the npm signers `aws4` (`sign`) and `@smithy/signature-v4` (`SignatureV4.sign`, the AWS SDK
// for JavaScript v3's signer) in the same Node process, on the Criterion bench's three
// requests (benches/explain.rs). smithy runs twice: with @smithy/hash-node (Node's OpenSSL
// SHA-256, what the SDK uses in Node) and with @aws-crypto/sha256-js (pure JS, what it falls
// back to without native crypto). A reference row times aws-sigv4's bare `sign` as wasm too.
//
// Builds nothing: scripts/bench-node.sh builds bench/node/pkg/ and installs node_modules/
// first. Run from anywhere: `node bench/node/bench.mjs`.
//
// Before timing, every signer signs every request once and the signatures must be equal
// (exit 1 otherwise, printing each signer's canonical request). Then, in interleaved rounds
// (so a neighbouring build slows every signer alike), each call is timed alone with
// process.hrtime.bigint; the table shows the median and p95 per call and median / aws4's median.
//
// Environment: BENCH_SCALE (default 1) multiplies the iteration counts.
//
// --json: stdout is one JSON line with the figures (times in ns), and the human text (the
// signature check and the table) goes to stderr instead:
//   {"node":"v20…","arch":…,"rounds":5,"aws4":"1.13.2","smithy":"5.7.5","same_signature":true,
//    "cases":[{"request":"small GET","name":"small GET (IAM ListUsers)","signers":
//      [{"id":"sigv4-lab-explain"|"aws-sigv4-wasm"|"aws4"|"smithy-hash-node"|"smithy-sha256-js",
//        "label":…,"median_ns":…,"p95_ns":…,"calls":…,"ratio_to_aws4":…}]}]}

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const JSON_OUT = process.argv.includes("--json");
// The human text: on stdout, or on stderr when stdout carries the JSON line.
const say = JSON_OUT ? console.error : console.log;
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

let wasm;
try {
  wasm = require(join(here, "pkg", "sigv4_lab_bench_node.js"));
} catch (e) {
  console.error(`bench: cannot load ${join(here, "pkg")}: ${e.message}\nbench: run scripts/bench-node.sh (it builds the wasm first).`);
  process.exit(2);
}
const aws4 = require("aws4");
const { SignatureV4, getCanonicalHeaders, getPayloadHash, hasHeader, prepareRequest } = require("@smithy/signature-v4");
const { Hash } = require("@smithy/hash-node");
const { Sha256: Sha256Js } = require("@aws-crypto/sha256-js");
const pkgVersion = (name) => require(`${name}/package.json`).version;

// --- the three requests (as in benches/explain.rs) -----------------------------------------
const AKID = "AKIDEXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const UNIX_SECS = 1_440_938_160; // 2015-08-30T12:36:00Z
const SIGNING_DATE = new Date(UNIX_SECS * 1000);
const AMZ_DATE = SIGNING_DATE.toISOString().replace(/[:-]|\.\d{3}/g, ""); // 20150830T123600Z

const json = `{"items":[${Array(40).fill('{"id":12345,"name":"example"}').join(",")}]}`;
const SCALE = Number(process.env.BENCH_SCALE || 1);
const CASES = [
  {
    name: "small GET (IAM ListUsers)",
    request: "small GET", // benches/explain.rs's name
    method: "GET",
    host: "iam.amazonaws.com",
    path: "/",
    query: { Action: "ListUsers", Version: "2010-05-08" },
    headers: [["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"]],
    body: null,
    region: "us-east-1",
    service: "iam",
    warmup: 2000,
    iters: 10000,
  },
  {
    name: "1 KB JSON POST",
    request: "1 KB JSON POST",
    method: "POST",
    host: "dynamodb.us-east-1.amazonaws.com",
    path: "/",
    query: {},
    headers: [
      ["Content-Type", "application/x-amz-json-1.0"],
      ["X-Amz-Target", "DynamoDB_20120810.PutItem"],
    ],
    body: Buffer.from(json, "latin1").subarray(0, 1024),
    region: "us-east-1",
    service: "dynamodb",
    warmup: 2000,
    iters: 10000,
  },
  {
    name: "1 MB PUT",
    request: "1 MB PUT",
    method: "PUT",
    host: "sqs.us-east-1.amazonaws.com",
    path: "/upload",
    query: {},
    headers: [["Content-Type", "application/octet-stream"]],
    body: Buffer.alloc(1 << 20, 0x5a),
    region: "us-east-1",
    service: "sqs",
    warmup: 10,
    iters: 100,
  },
];

// --- the signers: each is () => signature (hex), or a promise of it ------------------------
const queryString = (q) =>
  Object.entries(q)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
const sigOf = (authorization) => /Signature=([0-9a-f]{64})$/.exec(authorization)?.[1];

function makeSigners(c) {
  const qs = queryString(c.query);
  const url = `https://${c.host}${c.path}${qs ? `?${qs}` : ""}`;
  const credentials = { accessKeyId: AKID, secretAccessKey: SECRET };

  // sigv4-lab: inputs built once (header JSON parsed here, outside the timed loop).
  const ours = new wasm.Case(
    c.method, url, JSON.stringify(c.headers), c.body ?? new Uint8Array(0),
    AKID, SECRET, c.region, c.service, UNIX_SECS,
  );

  // aws4: sign() mutates its argument, so each call gets a fresh request object. The signing
  // time comes from an X-Amz-Date header (aws4 reads it back; the others add the same header).
  // aws4 adds Content-Length to requests with a body and would sign it: the others do not
  // sign it, so it is left unsigned (extraHeadersToIgnore).
  const aws4Request = () => ({
    host: c.host,
    path: `${c.path}${qs ? `?${qs}` : ""}`,
    method: c.method,
    service: c.service,
    region: c.region,
    headers: { ...Object.fromEntries(c.headers), "X-Amz-Date": AMZ_DATE },
    body: c.body ?? undefined,
    extraHeadersToIgnore: { "content-length": true },
  });

  // smithy: the request is cloned inside sign(), so one object serves every call. host must
  // be a header (smithy signs the headers it is given); applyChecksum: false keeps
  // x-amz-content-sha256 out (aws4 and sigv4-lab add it only for S3); uriEscapePath: true
  // is the non-S3 path encoding (also the default).
  const smithyRequest = {
    method: c.method,
    protocol: "https:",
    hostname: c.host,
    path: c.path,
    query: c.query,
    headers: { ...Object.fromEntries(c.headers), host: c.host },
    body: c.body ?? undefined,
  };
  class Sha256Node extends Hash {
    constructor(secret) {
      super("sha256", secret);
    }
  }
  const smithy = (sha256) =>
    new SignatureV4({ credentials, region: c.region, service: c.service, sha256, applyChecksum: false, uriEscapePath: true });
  const smithyNode = smithy(Sha256Node);
  const smithyJs = smithy(Sha256Js);
  // The canonical request as SignatureV4.signRequest builds it (for the mismatch report only).
  const smithyCanonical = async (signer, sha256) => {
    const r = prepareRequest(smithyRequest);
    r.headers["x-amz-date"] = AMZ_DATE;
    const payloadHash = await getPayloadHash(r, sha256);
    if (signer.applyChecksum && !hasHeader("x-amz-content-sha256", r.headers)) r.headers["x-amz-content-sha256"] = payloadHash;
    return signer.createCanonicalRequest(r, getCanonicalHeaders(r), payloadHash);
  };

  return [
    {
      id: "sigv4-lab-explain",
      label: "sigv4-lab explain (wasm)",
      sign: () => ours.sign(),
      canonical: () => JSON.parse(ours.details()).canonical_request,
      ours,
    },
    {
      // Reference: the Criterion bench's second engine, also as wasm (no explanation).
      id: "aws-sigv4-wasm",
      label: "aws-sigv4 sign (wasm, reference)",
      sign: () => ours.sign_aws_sigv4(),
      canonical: async () => "(not exposed; sigv4-lab's cross-check runs the same signer)",
    },
    {
      id: "aws4",
      label: `aws4 ${pkgVersion("aws4")} sign`,
      sign: () => sigOf(aws4.sign(aws4Request(), credentials).headers.Authorization),
      canonical: () => new aws4.RequestSigner(aws4Request(), credentials).canonicalString(),
      baseline: true,
    },
    {
      id: "smithy-hash-node",
      label: `smithy ${pkgVersion("@smithy/signature-v4")} sign, hash-node`,
      sign: async () => sigOf((await smithyNode.sign(smithyRequest, { signingDate: SIGNING_DATE })).headers.authorization),
      canonical: () => smithyCanonical(smithyNode, Sha256Node),
      async: true,
    },
    {
      id: "smithy-sha256-js",
      label: `smithy ${pkgVersion("@smithy/signature-v4")} sign, sha256-js`,
      sign: async () => sigOf((await smithyJs.sign(smithyRequest, { signingDate: SIGNING_DATE })).headers.authorization),
      canonical: () => smithyCanonical(smithyJs, Sha256Js),
      async: true,
    },
  ];
}

// --- 1. the same signature from every signer -----------------------------------------------
const prepared = CASES.map((c) => ({ c, signers: makeSigners(c) }));
let disagreements = 0;
for (const { c, signers } of prepared) {
  const sigs = [];
  for (const s of signers) sigs.push(await s.sign());
  const details = JSON.parse(signers[0].ours.details());
  const crossOk = details.cross_check?.agrees === true;
  if (new Set(sigs).size !== 1 || sigs.some((s) => !/^[0-9a-f]{64}$/.test(s ?? "")) || !crossOk) {
    disagreements++;
    console.error(`bench: SIGNATURES DIFFER for ${c.name}`);
    if (!crossOk) console.error(`  sigv4-lab's own aws-sigv4 cross-check: ${JSON.stringify(details.cross_check)}`);
    for (let i = 0; i < signers.length; i++) {
      console.error(`  ${signers[i].label}: ${sigs[i]}\n    canonical request:\n${(await signers[i].canonical()).replace(/^/gm, "      | ")}`);
    }
  } else {
    say(`same signature from all ${signers.length} for ${c.name}: ${sigs[0]} (SignedHeaders=${details.signed_headers})`);
  }
}
if (disagreements) {
  console.error(`bench: FAILED: the signers disagree on ${disagreements} request(s); not timing.`);
  process.exit(1);
}

// --- 2. timing ------------------------------------------------------------------------------
const ROUNDS = 5;
async function timeCalls(s, n, out) {
  if (s.async) {
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      await s.sign();
      out.push(Number(process.hrtime.bigint() - t0));
    }
  } else {
    let sink = 0;
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      sink ^= s.sign().length;
      out.push(Number(process.hrtime.bigint() - t0));
    }
    if (sink === -1) console.log(sink);
  }
}
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`);

const rows = [];
const cases = [];
const started = process.hrtime.bigint();
for (const { c, signers } of prepared) {
  const warmup = Math.max(1, Math.round(c.warmup * SCALE));
  const iters = Math.max(ROUNDS, Math.round(c.iters * SCALE));
  const samples = signers.map(() => []);
  for (const s of signers) await timeCalls(s, warmup, []);
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < signers.length; i++) await timeCalls(signers[i], Math.ceil(iters / ROUNDS), samples[i]);
  }
  const stats = samples.map((xs) => {
    const sorted = Float64Array.from(xs).sort();
    return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), n: sorted.length };
  });
  const base = stats[signers.findIndex((s) => s.baseline)].median;
  signers.forEach((s, i) => rows.push([c.name, s.label, fmt(stats[i].median), fmt(stats[i].p95), `${(stats[i].median / base).toFixed(2)}×`, String(stats[i].n)]));
  cases.push({
    request: c.request,
    name: c.name,
    signers: signers.map((s, i) => ({
      id: s.id,
      label: s.label,
      median_ns: stats[i].median,
      p95_ns: stats[i].p95,
      calls: stats[i].n,
      ratio_to_aws4: Number((stats[i].median / base).toFixed(4)),
    })),
  });
}
const elapsed = Number(process.hrtime.bigint() - started) / 1e9;

const header = ["request", "signer", "median", "p95", "median / aws4", "calls"];
say(`\nNode ${process.version}, ${process.arch}; each call timed alone (process.hrtime.bigint), ${ROUNDS} interleaved rounds, timing took ${elapsed.toFixed(1)} s\n`);
say(`| ${header.join(" | ")} |`);
say(`|${header.map((h, i) => (i >= 2 ? "---:" : "---")).join("|")}|`);
for (const r of rows) say(`| ${r.join(" | ")} |`);
say(
  "\nsigv4-lab explain does every step, its findings, the curl/raw-HTTP exports and a second, full" +
    "\nsign by aws-sigv4 (its cross-check); aws4 and smithy cache the signing key between calls.",
);
if (JSON_OUT) {
  console.log(
    JSON.stringify({
      node: process.version,
      arch: process.arch,
      rounds: ROUNDS,
      scale: SCALE,
      aws4: pkgVersion("aws4"),
      smithy: pkgVersion("@smithy/signature-v4"),
      same_signature: true,
      timing_seconds: Number(elapsed.toFixed(2)),
      cases,
    }),
  );
}
