// Big-body throughput for `make bench`: a 256 MB file hashed by the page's Web Worker
// (headless Chromium, release site in dist/) against native sha2 on the same file
// (examples/hash_throughput.rs, bench profile). Prints figures; asserts nothing about speed,
// but exits 1 if the page's SHA-256 differs from the native one.
//
//   node bench/hash.mjs [MEGABYTES]    (default 256)
// Prints a JSON line with --json as the last argument.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, writeSync, closeSync } from 'node:fs';
import { randomFillSync } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { ROOT, serve, launchBrowser } from '../tests/e2e/helpers.mjs';

const args = process.argv.slice(2).filter((a) => a !== '--json');
const JSON_OUT = process.argv.includes('--json');
const MB = Number(args[0] || 256);
const RUNS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(path.join(os.tmpdir(), 'sigv4-lab-hash-'));
const file = path.join(dir, 'body.bin');
const fd = openSync(file, 'w');
const block = Buffer.alloc(1 << 20);
for (let i = 0; i < MB; i++) writeSync(fd, randomFillSync(block));
closeSync(fd);
const bytes = MB << 20;

// Native: the bench profile (opt-level 3), as a CLI would be built for speed.
const native = [];
let nativeHash = '';
for (let i = 0; i < RUNS; i++) {
  const out = execFileSync(
    'cargo',
    ['run', '--quiet', '--profile', 'bench', '--example', 'hash_throughput', '--', file],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const r = JSON.parse(out.trim().split('\n').at(-1));
  native.push(r.seconds);
  nativeHash = r.sha256;
}

const site = await serve();
const browser = await launchBrowser();
const page_ = [];
let pageHash = '';
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.origin}/`);
    await page.locator('[data-testid="examples"]').selectOption('sts-get-caller-identity');
    await page.locator('[data-testid="signature"]').waitFor();
    // Time from the file choice (the input's change event) to the hash on screen.
    await page.evaluate(() => {
      const input = document.querySelector('[data-testid="body-file"]');
      input.addEventListener('change', () => (window.__start = performance.now()), { capture: true, once: true });
      new MutationObserver((_, obs) => {
        if (document.querySelector('[data-testid="body-hash"]')) {
          window.__done = performance.now();
          obs.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.locator('[data-testid="body-file"]').setInputFiles(file);
    await page.waitForFunction(() => window.__done !== undefined, null, { timeout: 300_000 });
    page_.push((await page.evaluate(() => window.__done - window.__start)) / 1000);
    pageHash = await page.locator('[data-testid="body-hash"]').textContent();
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
  rmSync(dir, { recursive: true, force: true });
}

const rate = (s) => bytes / 1e6 / s;
const figures = {
  megabytes: MB,
  native_mb_per_s: Number(rate(median(native)).toFixed(1)),
  page_worker_mb_per_s: Number(rate(median(page_)).toFixed(1)),
  ratio: Number((median(native) / median(page_)).toFixed(3)),
  same_hash: pageHash === nativeHash,
};
if (JSON_OUT) {
  console.log(JSON.stringify(figures));
} else {
  console.log(`big body: ${MB} MB file, SHA-256, median of ${RUNS}`);
  console.log(`  native sha2 (bench profile)     ${figures.native_mb_per_s} MB/s`);
  console.log(`  page, Web Worker (wasm sha2)    ${figures.page_worker_mb_per_s} MB/s   (${figures.ratio}x native)`);
}
if (!figures.same_hash) {
  console.error(`bench/hash: the page's SHA-256 ${pageHash} is not the native ${nativeHash}`);
  process.exit(1);
}
