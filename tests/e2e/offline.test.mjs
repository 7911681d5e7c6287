// Browser tier: after the first visit the page works with the network off. web/sw.js (its
// file list written by scripts/service-worker.mjs at build time) caches the page's own files
// and nothing else; nothing a person typed reaches the cache.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { siteAndBrowser, openApp, distPaths, $, expectText, loadExample } from './helpers.mjs';

const DOC_SIGNATURE = '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';
const SECRET = 'OfflineCheckSecret/K7MDENG+bPxRfiCYzzzzzzzz';
const TOKEN = 'IQoJb3JpZ2luX2VjEOFFLINECHECKTOKEN//////////wEaCXVzLWVhc3QtMSJGMEQCIEXAMPLE';

const env = siteAndBrowser();

/** The paths in the page's cache (waits until the service worker controls the page). */
async function cachedPaths(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((k) => k.startsWith('sigv4-lab-'));
    const out = [];
    for (const name of names) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) out.push(new URL(req.url).pathname);
    }
    return out.sort();
  });
}

test('after one visit, the page loads, signs and hashes a big body with the network off', async (t) => {
  const { context, page, log } = await openApp(t, env, { serviceWorkers: 'allow', timeout: 20_000 });

  // The cache holds exactly the site's files (and '/'), no more.
  const cached = await cachedPaths(page);
  const files = await distPaths();
  files.delete('/sw.js');
  assert.deepEqual(cached, [...files].sort(), 'the service worker caches every file of the site, and only those');

  // Credentials typed on the first visit...
  await $(page, 'credentials-input').fill(
    `export AWS_ACCESS_KEY_ID=ASIAEXAMPLEOFFLINE\nexport AWS_SECRET_ACCESS_KEY=${SECRET}\nexport AWS_SESSION_TOKEN=${TOKEN}\n`,
  );
  await loadExample(page, 'iam-list-users');

  // ...then the network goes away, and the page comes back from the cache.
  await context.setOffline(true);
  const servedOffline = env.site.served.length;
  await page.reload();
  await $(page, 'request-input').waitFor();
  await loadExample(page, 'iam-list-users');
  await expectText(page, 'signature', DOC_SIGNATURE);
  await expectText(page, 'cross-check', 'agrees');

  // The hashing worker's files come from the cache too.
  const body = Buffer.alloc(3 << 20, 0x61);
  await $(page, 'body-file').setInputFiles({ name: 'offline.bin', mimeType: 'application/octet-stream', buffer: body });
  await expectText(page, 'body-hash', createHash('sha256').update(body).digest('hex'), 30_000);
  assert.deepEqual(env.site.served.slice(servedOffline), [], 'the server was reached while offline');

  // Nothing typed is in the cache: every cached response is a file of the site.
  const leaked = await page.evaluate(
    async ([secret, token]) => {
      const found = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) {
          const text = await (await cache.match(req)).text();
          if (req.url.includes(secret) || text.includes(secret)) found.push(`${req.url} holds the secret`);
          if (req.url.includes(token) || text.includes(token)) found.push(`${req.url} holds the token`);
        }
      }
      const stores = { local: localStorage.length, session: sessionStorage.length, cookie: document.cookie };
      return { found, stores, databases: (await indexedDB.databases()).length };
    },
    [SECRET, TOKEN],
  );
  assert.deepEqual(leaked, { found: [], stores: { local: 0, session: 0, cookie: '' }, databases: 0 });
  assert.deepEqual(log.problems(), [], 'console errors or warnings, or uncaught exceptions');
});
