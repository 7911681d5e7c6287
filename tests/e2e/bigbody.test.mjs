// Browser tier: a large body file is hashed in a Web Worker (src/ui/web/hasher.rs, Hasher),
// in chunks, with a progress bar and a cancel button, while the page keeps answering.
// Files up to 1 MB are read into the page instead (app.test.mjs covers those).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, openSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { siteAndBrowser, openApp, assertOnlyDistFiles, $, expectText, loadExample, HEX64 } from './helpers.mjs';

/** The hashing worker's own files: the only requests a big file may add after load. */
const WORKER_FILES = ['/hasher-loader.js', '/sigv4-lab-hasher.js', '/sigv4-lab-hasher_bg.wasm'];

const env = siteAndBrowser();
let dir;

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sigv4-lab-bigbody-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Writes `megabytes` MB of a repeating, non-uniform pattern to a file; returns its path and SHA-256. */
function bigFile(name, megabytes) {
  const file = path.join(dir, name);
  const block = Buffer.alloc(1 << 20);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + (i >> 8)) & 0xff;
  const hash = createHash('sha256');
  const fd = openSync(file, 'w');
  for (let i = 0; i < megabytes; i++) {
    block[0] = i & 0xff; // every MB differs, so a skipped or repeated chunk changes the hash
    writeSync(fd, block);
    hash.update(block);
  }
  closeSync(fd);
  return { file, sha256: hash.digest('hex'), size: megabytes << 20 };
}

test('a 24 MB body file is hashed in the worker: its SHA-256 is the payload hash, aws-sigv4 agrees, curl sends the file', async (t) => {
  const { page, log } = await openApp(t, env, { timeout: 20_000 });
  await loadExample(page, 'sts-get-caller-identity');
  const requestsAtLoad = log.requests.length;
  const big = bigFile('upload body.bin', 24);
  await $(page, 'body-file').setInputFiles(big.file);
  await expectText(page, 'body-hash', big.sha256, 60_000);
  await expectText(page, 'body-file-name', `upload body.bin (${big.size} bytes)`);
  await expectText(page, 'canonical-request', new RegExp(`\\n${big.sha256}$`));
  await expectText(page, 'cross-check', 'agrees');
  await expectText(page, 'signed-curl', /--data-binary '@upload body\.bin'$/);
  assert.equal(await $(page, 'body-hashing').count(), 0, 'the progress bar is gone once done');

  // Typing a body again replaces the file, and signs the text.
  await $(page, 'body-use-text').click();
  await $(page, 'body').fill('Action=GetCallerIdentity&Version=2011-06-15');
  const textHash = createHash('sha256').update('Action=GetCallerIdentity&Version=2011-06-15').digest('hex');
  await expectText(page, 'canonical-request', new RegExp(`\\n${textHash}$`));

  // The worker reads the file through a blob: URL the page made for it (a local file, not the
  // network); anything else after load must be one of the worker's own files.
  const added = log.requests
    .slice(requestsAtLoad)
    .filter((u) => !u.startsWith('blob:'))
    .map((u) => new URL(u).pathname);
  assert.ok(
    added.every((p) => WORKER_FILES.includes(p)),
    `after load, only the worker's files may be fetched: ${JSON.stringify(added)}`,
  );
  await assertOnlyDistFiles({
    origin: env.site.origin,
    requests: log.requests.filter((u) => !u.startsWith('blob:')),
    served: env.site.served,
  });
  assert.deepEqual(log.problems(), [], 'console errors or warnings, or uncaught exceptions');
});

test('while a 400 MB file hashes, the page answers edits, shows progress, and Cancel keeps the old body', async (t) => {
  const { page, log } = await openApp(t, env, { timeout: 20_000 });
  await loadExample(page, 'sts-get-caller-identity');
  const oldCanonical = await $(page, 'canonical-request').textContent();
  const big = bigFile('huge.bin', 400);
  await $(page, 'body-file').setInputFiles(big.file);
  await $(page, 'body-hashing').waitFor();

  // Progress moves past zero.
  await page.waitForFunction(() => {
    const p = document.querySelector('[data-testid="body-hash-progress"]');
    return p && Number(p.value) > 0;
  });
  const max = Number(await $(page, 'body-hash-progress').getAttribute('max'));
  assert.equal(max, big.size, 'the progress bar counts the whole file');

  // The page answers while the worker hashes: a new signing time shows in the string to sign.
  await $(page, 'signing-time').fill('2016-01-02T03:04:05Z');
  await expectText(page, 'string-to-sign', /\n20160102T030405Z\n/);
  const stillHashing = await $(page, 'body-hashing').count();

  await $(page, 'body-hash-cancel').click();
  await $(page, 'body-hashing').waitFor({ state: 'detached' });
  assert.equal(await $(page, 'body-hash').count(), 0, 'a cancelled file does not become the body');
  assert.equal(await $(page, 'body-error').count(), 0, 'cancelling is not an error');
  const canonical = await $(page, 'canonical-request').textContent();
  assert.equal(
    canonical.split('\n').at(-1),
    oldCanonical.split('\n').at(-1),
    'the payload hash is still the old body\'s',
  );
  assert.equal(stillHashing, 1, 'the edit was answered while the file was still hashing');
  assert.match(await $(page, 'signature').textContent(), HEX64);
  assert.deepEqual(log.problems(), [], 'console errors or warnings, or uncaught exceptions');
});
