// Browser tier: the built page (dist/, from `make dist`) in headless Chromium.
// Run with `node --test tests/e2e/`. Needs /usr/bin/chromium (or CHROMIUM=path)
// and the npm package playwright-core; never downloads a browser.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, close, watch, assertOnlyDistFiles, screenshot } from './helpers.mjs';

// The AWS documentation's signature for GET iam ListUsers at 20150830T123600Z.
const DOC_SIGNATURE = '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';

let site;
let origin;
let context;

before(async () => {
  site = await serve();
  origin = site.origin;
  context = await launch({ viewport: { width: 1000, height: 800 } });
});

after(async () => {
  await close(context);
  await site?.close();
});

/** Opens the page and records every request and console message and page error. */
async function open(url) {
  const page = await context.newPage();
  const log = watch(page);
  const started = Date.now();
  await page.goto(url);
  // The signature, or the banner of an app that could not start (then fail now, saying why).
  await page.locator('[data-testid=signature], [data-testid=crash]').first().waitFor({ timeout: 30_000 });
  const firstRenderMs = Date.now() - started;
  const crash = page.locator('[data-testid=crash]');
  assert.equal(await crash.count(), 0, `the page shows: ${(await crash.count()) ? await crash.first().textContent() : ''}`);
  return { page, requests: log.requests, log, firstRenderMs };
}

test('the page signs the AWS documentation example, offline and without errors', async (t) => {
  const { page, requests, log, firstRenderMs } = await open(`${origin}/`);
  const text = (id) => page.locator(`[data-testid=${id}]`).textContent();

  // A first visit already shows this example; load it again from the menu, as a person would.
  await page.locator('[data-testid=signing-time]').fill('');
  await page.locator('[data-testid=examples]').selectOption('iam-list-users');
  assert.equal(await page.locator('[data-testid=examples]').inputValue(), 'iam-list-users');
  assert.equal(await page.locator('[data-testid=signing-time]').inputValue(), '2015-08-30T12:36:00Z');
  assert.equal(await page.locator('[data-testid=region-why]').textContent().then((w) => w.startsWith('us-east-1')), true);

  assert.equal(await text('signature'), DOC_SIGNATURE);
  assert.equal(await text('cross-check'), 'agrees');
  assert.equal(
    await text('canonical-request'),
    [
      'GET',
      '/',
      'Action=ListUsers&Version=2010-05-08',
      'content-type:application/x-www-form-urlencoded; charset=utf-8',
      'host:iam.amazonaws.com',
      'x-amz-date:20150830T123600Z',
      '',
      'content-type;host;x-amz-date',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ].join('\n'),
  );
  assert.equal(
    await text('canonical-request-hash'),
    'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
  );
  assert.equal(
    await text('string-to-sign'),
    'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n' +
      'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
  );
  for (const id of ['k-date', 'k-region', 'k-service', 'k-signing']) {
    assert.match(await text(id), /^[0-9a-f]{64}$/, `${id} is 64 hex digits`);
  }
  assert.equal(
    await text('authorization'),
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, ' +
      `SignedHeaders=content-type;host;x-amz-date, Signature=${DOC_SIGNATURE}`,
  );
  const curl = await text('signed-curl');
  assert.ok(curl.startsWith('curl '), `signed curl starts with "curl ": ${curl}`);
  assert.ok(curl.includes(DOC_SIGNATURE), 'signed curl carries the signature');

  // Only the page's own files were requested: nothing else, and nothing off 127.0.0.1.
  await assertOnlyDistFiles({ origin, requests, served: site.served });
  assert.deepEqual(log.problems(), [], 'console errors or warnings');

  await screenshot(page, 'page.png');
  t.diagnostic(`first render (navigation start to signature shown): ${firstRenderMs} ms`);
  await page.close();
});

test('once started, the page cannot connect anywhere, not even to its own server', async () => {
  const { page, requests } = await open(`${origin}/`);
  const before = requests.length;
  const violations = await page.evaluate(async () => {
    const seen = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
    let fetched = 'sent';
    try {
      await fetch('/index.html');
    } catch {
      fetched = 'blocked';
    }
    await new Promise((r) => setTimeout(r, 0));
    return { fetched, seen };
  });
  assert.equal(violations.fetched, 'blocked');
  assert.ok(violations.seen.includes('connect-src'), `violated: ${violations.seen}`);
  assert.equal(requests.length, before, 'no request left the page');
  await page.close();
});

test('the page is readable at phone width', async () => {
  const { page } = await open(`${origin}/`);
  await page.setViewportSize({ width: 375, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 375px`);
  await page.close();
});

test('dark mode follows the system setting', async () => {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${origin}/`);
  await page.locator('[data-testid=signature]').waitFor();
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 150, `body background in dark mode is dark: ${bg}`);
  await screenshot(page, 'page-dark.png');
  await page.close();
});

test('an app that cannot start says so in the page', async () => {
  const page = await context.newPage();
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${origin}/`);
  const crash = page.locator('[data-testid=crash]');
  await crash.waitFor();
  assert.match(await crash.textContent(), /sigv4-lab could not start/);
  await page.close();
});
