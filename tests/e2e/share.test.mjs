// Browser tier: sharing a repro. A share link carries the request and how to sign it in the
// URL fragment, never the secret or the session token, and opens with the credential fields
// empty; the Markdown debug report and the code snippets hold no secret either.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteAndBrowser, openApp, $, expectText, loadExample, HEX64 } from './helpers.mjs';

const KEY = 'ASIAEXAMPLESHARECHK1';
const SECRET = 'ShareCheckSecret/K7MDENG+bPxRfiCYzzzzzzzzz';
const TOKEN = 'IQoJb3JpZ2luX2VjESHARECHECKTOKEN//////////wEaCXVzLWVhc3QtMSJGMEQCIEXAMPLE';

const env = siteAndBrowser();

/** The app in a new context that may use the clipboard; `url` defaults to the site's root. */
function openPage(t, url) {
  return openApp(t, env, { url, permissions: ['clipboard-read', 'clipboard-write'] });
}

async function typeCredentials(page) {
  await $(page, 'access-key-id').fill(KEY);
  await $(page, 'secret-access-key').fill(SECRET);
  await $(page, 'session-token').fill(TOKEN);
}

/** Every form of a secret that could leak: as typed, URL-encoded, form-encoded. */
function forms(s) {
  return [s, encodeURIComponent(s), encodeURIComponent(s).replaceAll('%20', '+')];
}

function assertHoldsNone(text, what, secrets) {
  for (const [name, s] of Object.entries(secrets)) {
    for (const f of forms(s)) assert.ok(!text.includes(f), `${what} holds the ${name} (${f.slice(0, 12)}…)`);
  }
}

test('a share link carries the request but no secret, and opens with empty credentials and the same signing', async (t) => {
  const { page, log } = await openPage(t);
  await loadExample(page, 's3-get-session-token');
  await $(page, 'region').fill('us-east-1');
  await typeCredentials(page);
  // A request that carries a token itself (a header copied from a signed request).
  await $(page, 'add-header').click();
  await page.locator('[data-testid^="header-name-"]').last().fill('X-Amz-Security-Token');
  await page.locator('[data-testid^="header-value-"]').last().fill(TOKEN);
  await expectText(page, 'authorization', new RegExp(`Credential=${KEY}/`));
  const home = page.url();

  await $(page, 'share-open').click();
  const link = await $(page, 'share-link').inputValue();
  assert.ok(link.startsWith(`${env.site.origin}/#`), `the link is this page with a fragment: ${link.slice(0, 80)}`);
  assertHoldsNone(link, 'the share link', { secret: SECRET, 'session token': TOKEN, 'access key id': KEY });
  assert.match(await $(page, 'share-note').textContent(), /never carries your secret access key or session token/);
  assert.match(await $(page, 'share-redactions').textContent(), /session token/i, 'the page says the token was left out');
  // Making the link writes nothing into the address bar.
  assert.equal(page.url(), home);
  await $(page, 'copy-share-link').click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

  // The canonical request without the token, to compare with what the link opens.
  const withoutToken = (text) =>
    text
      .split('\n')
      .filter((l) => !l.startsWith('x-amz-security-token:'))
      .map((l) => l.replace(/;x-amz-security-token|x-amz-security-token;/, ''))
      .join('\n');
  const canonical = withoutToken(await $(page, 'canonical-request').textContent());

  const opened = await openPage(t, link);
  await $(opened.page, 'share-link-opened').waitFor();
  for (const id of ['access-key-id', 'secret-access-key', 'session-token']) {
    assert.equal(await $(opened.page, id).inputValue(), '', `${id} is empty in the opened page`);
  }
  assert.equal(await $(opened.page, 'region').inputValue(), 'us-east-1');
  // Same request, same time, same settings: with the same key id and secret (and no token,
  // which the link left out) the canonical request matches.
  await $(opened.page, 'access-key-id').fill(KEY);
  await $(opened.page, 'secret-access-key').fill(SECRET);
  await expectText(opened.page, 'signature', HEX64);
  assert.equal(await $(opened.page, 'canonical-request').textContent(), canonical);
  assert.equal(opened.page.url(), link, 'the opened page keeps its address');
  assert.deepEqual(log.problems(), []);
  assert.deepEqual(opened.log.problems(), []);
});

test('a share link with the token typed back in signs exactly as the original', async (t) => {
  const { page } = await openPage(t);
  await loadExample(page, 'iam-list-users');
  await typeCredentials(page);
  const signature = await $(page, 'signature').textContent();
  await $(page, 'share-open').click();
  const link = await $(page, 'share-link').inputValue();
  const opened = await openPage(t, link);
  await typeCredentials(opened.page);
  await expectText(opened.page, 'signature', signature);
});

test('a link that is not a share link is said so, and the page shows the example', async (t) => {
  const { page, log } = await openPage(t, `${env.site.origin}/#method=GET&url=https://example.com/`);
  await expectText(page, 'share-link-error', /could not be read as a share link: .+\./);
  await expectText(page, 'signature', HEX64);
  assert.deepEqual(log.problems(), []);
});

test('the debug report and the code snippets hold no secret, token, derived key or signature', async (t) => {
  const { page, log } = await openPage(t);
  await loadExample(page, 'sts-get-caller-identity');
  await typeCredentials(page);
  await expectText(page, 'authorization', new RegExp(`Credential=${KEY}/`));
  const signature = await $(page, 'signature').textContent();
  const keys = {};
  for (const id of ['k-date', 'k-region', 'k-service', 'k-signing']) keys[id] = await $(page, id).textContent();
  const secrets = { secret: SECRET, 'session token': TOKEN, signature, ...keys };

  await $(page, 'report-open').click();
  const report = await $(page, 'debug-report').textContent();
  assertHoldsNone(report, 'the debug report', secrets);
  // The canonical request holds the signed session token: the report shows it redacted.
  const canonical = await $(page, 'canonical-request').textContent();
  assert.ok(canonical.includes(TOKEN));
  assert.ok(report.includes(canonical.replaceAll(TOKEN, '[redacted]')), 'the report has the canonical request, token redacted');
  assert.ok(report.includes(await $(page, 'string-to-sign').textContent()), 'the report has the string to sign');
  const findings = await page.locator('[data-testid^="finding-"]').evaluateAll((els) =>
    els.map((e) => e.dataset.testid.slice('finding-'.length)).filter((id) => !id.startsWith('goto-')),
  );
  assert.ok(findings.length > 0, 'the example shows findings');
  for (const id of findings) assert.ok(report.includes(`\`${id}\``), `the report lists the finding ${id}`);
  assert.ok(report.includes('ASIA…'), 'the access key id shows only its prefix');
  await $(page, 'copy-debug-report').click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), report);

  const time = await $(page, 'signing-time').inputValue();
  await $(page, 'snippets-open').click();
  for (const lang of ['curl', 'python', 'javascript', 'rust']) {
    const code = await $(page, `snippet-${lang}`).textContent();
    assertHoldsNone(code, `the ${lang} snippet`, { secret: SECRET, 'session token': TOKEN, ...keys });
    assert.ok(code.includes('AWS_SECRET_ACCESS_KEY') || lang === 'curl', `the ${lang} snippet reads the secret from the environment`);
    const forms = [time, time.replace(/[-:]/g, ''), String(Date.parse(time) / 1000)];
    assert.ok(forms.some((f) => code.includes(f)), `the ${lang} snippet fixes the signing time ${time}`);
  }
  assert.deepEqual(log.problems(), []);
});
