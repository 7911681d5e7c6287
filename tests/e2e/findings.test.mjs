// Browser tier: one journey per headline cause of an AWS authentication failure.
// Each puts the cause on the page, checks that its finding (data-testid
// `finding-<id>`, ids in ../shared/CONTRACT.md) appears with the numbers and
// names that matter, removes the cause where that makes sense and checks that the
// finding goes, and ends with the page healthy (no crash banner, no console
// error or warning, no exception). Also: the "go to" buttons in findings, the
// diff against AWS's canonical request, and the Verify mode.
// Needs dist/ (`make dist`) and, for Verify, target/release/sigv4-lab
// (SIGV4_LAB_CLI=path for another). Run with `node --test tests/e2e/findings.test.mjs`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, DIST, serve, launchBrowser, watch, HEX64, $, expectText, loadExample } from './helpers.mjs';

const CLI = path.resolve(process.env.SIGV4_LAB_CLI || path.join(ROOT, 'target', 'release', 'sigv4-lab'));

const AKIA = 'AKIAIOSFODNN7EXAMPLE';
const ASIA = 'ASIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const exportsOf = (key, secret = SECRET) => `export AWS_ACCESS_KEY_ID=${key}\nexport AWS_SECRET_ACCESS_KEY=${secret}\n`;
const SQS_EU = 'https://sqs.eu-west-1.amazonaws.com/?Action=ListQueues';
const SQS_AP_EAST = 'https://sqs.ap-east-1.amazonaws.com/?Action=ListQueues';
const IAM = 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08';
// Made-up session tokens: a version 1 token (global STS endpoint) and a version 2 one.
const TOKEN_V1 = 'FwoGZXIvYXdzEJr//////////wEaDExAmPlEtOkEnV1aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdef';
const TOKEN_V2 = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampletokenv2abcdef0123456789';
const MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** Whether this build of the page knows a data-testid (the lead's pieces land in stages). */
const BUILD = (() => {
  try {
    return readdirSync(DIST)
      .filter((f) => /\.(wasm|js)$/.test(f))
      .map((f) => readFileSync(path.join(DIST, f)).toString('latin1'))
      .join('\n');
  } catch {
    return '';
  }
})();
const built = (needle) => BUILD.includes(needle);
const notBuilt = (...needles) => {
  const missing = needles.filter((n) => !built(n));
  return missing.length ? `not in this build of dist/: ${missing.join(', ')}` : false;
};

let site;
let browser;

before(async () => {
  site = await serve();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

// --- the page -------------------------------------------------------------------


/** A new, empty context and the app started in it; closed when the test ends. */
async function openApp(t) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(5_000);
  const log = watch(page);
  await page.goto(`${site.origin}/`);
  await page.locator('[data-testid="request-input"], [data-testid="crash"]').first().waitFor();
  assert.equal(await $(page, 'crash').count(), 0, `the app did not start: ${JSON.stringify(log.problems())}`);
  return { page, log };
}

/** Every test ends here: no crash banner, no console error or warning, no exception. */
async function assertHealthy(page, log) {
  const crash = (await $(page, 'crash').count()) ? await $(page, 'crash').first().textContent() : '';
  assert.equal(crash, '', 'the crash banner is shown');
  assert.deepEqual(log.problems(), [], 'console errors or warnings, or uncaught exceptions');
}


/** The ids of the findings shown now. */
function findingIds(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="finding-"]')]
      .map((e) => e.dataset.testid)
      .filter((id) => !id.startsWith('finding-goto-'))
      .map((id) => id.slice('finding-'.length)),
  );
}

/**
 * Waits for the finding `id` and returns its text; asserts there is exactly one,
 * with one severity class (`severity`, when given).
 */
async function expectFinding(page, id, severity) {
  const el = $(page, `finding-${id}`);
  await el
    .first()
    .waitFor()
    .catch(() => {});
  assert.equal(await el.count(), 1, `finding-${id} is shown once (findings shown: ${await findingIds(page)})`);
  const classes = (await el.getAttribute('class')).split(/\s+/);
  const severities = classes.filter((c) => /^severity-(error|warning|info)$/.test(c));
  assert.equal(severities.length, 1, `finding-${id} has one severity class: ${classes}`);
  if (severity) assert.equal(severities[0], `severity-${severity}`, `severity of finding-${id}`);
  return el.textContent();
}

/**
 * Clicks the finding's "go to" button (when this build has them) and checks where it
 * lands: the element with data-testid `target` is marked `highlighted`, is in the
 * viewport, and has the focus when it is a form control.
 */
async function expectGoto(t, page, id, target) {
  if (!built('finding-goto-')) return;
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  const goto = $(page, `finding-goto-${id}`);
  assert.equal(await goto.count(), 1, `finding-goto-${id}`);
  await goto.click();
  const el = $(page, target);
  assert.equal(await el.count(), 1, `finding-goto-${id} leads to ${target}, which is on the page`);
  await page
    .waitForFunction((target) => document.querySelector(`[data-testid="${target}"]`)?.classList.contains('highlighted'), target)
    .catch(() => {});
  const state = await el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return {
      highlighted: e.classList.contains('highlighted'),
      visible: e.checkVisibility(),
      inView: r.bottom > 0 && r.top < window.innerHeight,
      control: e.matches('input, select, textarea, button'),
      focused: document.activeElement === e,
      active: document.activeElement?.dataset?.testid ?? document.activeElement?.tagName,
    };
  });
  assert.ok(state.highlighted, `finding-goto-${id}: ${target} is not highlighted`);
  assert.ok(state.visible && state.inView, `finding-goto-${id}: ${target} is not in view: ${JSON.stringify(state)}`);
  if (state.control) assert.ok(state.focused, `finding-goto-${id}: ${target} is not focused (focus: ${state.active})`);
  else if (!state.focused) t.diagnostic(`finding-goto-${id}: ${target} (not a form control) is highlighted but not focused (focus: ${state.active})`);
}

/** Waits until the finding `id` is gone. */
async function expectNoFinding(page, id) {
  await $(page, `finding-${id}`)
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => {});
  assert.equal(await $(page, `finding-${id}`).count(), 0, `finding-${id} is still shown (findings: ${await findingIds(page)})`);
}


/**
 * Pastes credentials and a request, signs at the current time (the page opens
 * with an example and its fixed time), and waits for a signature.
 */
async function enter(page, { request, credentials }) {
  if (credentials !== undefined) await $(page, 'credentials-input').fill(credentials);
  if (request !== undefined) await $(page, 'request-input').fill(request);
  await $(page, 'signing-time').fill('');
  await expectNoFinding(page, 'clock-skew');
  await expectText(page, 'signature', HEX64);
}

// --- the CLI ----------------------------------------------------------------------

const execFileP = promisify(execFile);

/** `sigv4-lab sign --request <request> ...args --json`, parsed. */
async function cliSign(request, args) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigv4-lab-findings-'));
  try {
    const file = path.join(dir, 'request.txt');
    await fs.writeFile(file, request);
    const { stdout } = await execFileP(CLI, ['sign', '--request', file, ...args, '--json']);
    return JSON.parse(stdout);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

// --- 1. clock skew ------------------------------------------------------------------------

test('clock skew: a fixed signing time years ago is flagged, and clearing it clears the finding', async (t) => {
  const { page, log } = await openApp(t);
  await loadExample(page, 'iam-list-users');
  assert.equal(await $(page, 'signing-time').inputValue(), '2015-08-30T12:36:00Z');
  const text = await expectFinding(page, 'clock-skew', 'error');
  assert.match(text, /behind/);
  assert.match(text, /2015-08-30T12:36:00Z/);
  assert.match(text, /\d+ years? behind/, 'says by how much');
  await expectGoto(t, page, 'clock-skew', 'signing-time');
  await $(page, 'signing-time').fill('');
  await expectNoFinding(page, 'clock-skew');
  await expectText(page, 'signature', HEX64);
  await assertHealthy(page, log);
});

// --- 2. temporary key without its token ------------------------------------------------

test('an ASIA key without a session token is flagged until a token is typed', async (t) => {
  const { page, log } = await openApp(t);
  await enter(page, { request: SQS_EU, credentials: exportsOf(ASIA) });
  assert.equal(await $(page, 'access-key-id').inputValue(), ASIA);
  const text = await expectFinding(page, 'session-token-missing', 'error');
  assert.match(text, /ASIA/);
  assert.match(text, /session token/i);
  await expectGoto(t, page, 'session-token-missing', 'session-token');
  await $(page, 'session-token').pressSequentially(TOKEN_V2.slice(0, 24));
  await $(page, 'session-token').fill(TOKEN_V2);
  await expectNoFinding(page, 'session-token-missing');
  await expectText(page, 'signature', HEX64);
  assert.deepEqual(await findingIds(page), [], 'no findings for a clean ASIA key + token now');
  await assertHealthy(page, log);
});

// --- 3. region ------------------------------------------------------------------------------

test('region: signing for another region than the host is flagged; clearing the field fixes it', async (t) => {
  const { page, log } = await openApp(t);
  await enter(page, { request: SQS_EU, credentials: exportsOf(AKIA) });
  assert.deepEqual(await findingIds(page), [], 'a clean request has no findings');
  await $(page, 'region').fill('us-east-1');
  const text = await expectFinding(page, 'region-mismatch', 'error');
  assert.match(text, /us-east-1/);
  assert.match(text, /eu-west-1/);
  assert.match(text, /sqs\.eu-west-1\.amazonaws\.com/);
  await $(page, 'region').fill('');
  await expectNoFinding(page, 'region-mismatch');
  await expectText(page, 'canonical-request', /\nhost:sqs\.eu-west-1\.amazonaws\.com\n/);
  await assertHealthy(page, log);
});

test('region: a global endpoint (IAM) signed for eu-west-1 is flagged as global, not as a plain mismatch', async (t) => {
  const { page, log } = await openApp(t);
  await enter(page, { request: IAM, credentials: exportsOf(AKIA) });
  assert.deepEqual(await findingIds(page), [], 'IAM signed for its default region has no findings');
  await $(page, 'region').fill('eu-west-1');
  const text = await expectFinding(page, 'global-service-region', 'error');
  assert.match(text, /iam\.amazonaws\.com/);
  assert.match(text, /us-east-1/);
  assert.match(text, /eu-west-1/);
  assert.equal(await $(page, 'finding-region-mismatch').count(), 0, 'the same cause is reported twice');
  await expectGoto(t, page, 'global-service-region', 'region');
  await $(page, 'region').fill('us-east-1');
  await expectNoFinding(page, 'global-service-region');
  await assertHealthy(page, log);
});

// --- 4. version 1 STS token in an opt-in region ---------------------------------------------

test('a version 1 STS token in an opt-in region is flagged; a version 2 token is not', async (t) => {
  const { page, log } = await openApp(t);
  await enter(page, { request: SQS_AP_EAST, credentials: exportsOf(ASIA) });
  await $(page, 'session-token').fill(TOKEN_V1);
  const text = await expectFinding(page, 'sts-v1-token-opt-in-region', 'error');
  assert.match(text, /ap-east-1/);
  assert.match(text, /FwoGZXIvYXdz/);
  assert.ok(!text.includes(TOKEN_V1), 'the finding quotes the whole token');
  await expectGoto(t, page, 'sts-v1-token-opt-in-region', 'session-token');
  await expectNoFinding(page, 'session-token-missing');
  await $(page, 'session-token').fill(TOKEN_V2);
  await expectNoFinding(page, 'sts-v1-token-opt-in-region');
  // The same v1 token in a region enabled by default is fine.
  await $(page, 'session-token').fill(TOKEN_V1);
  await expectFinding(page, 'sts-v1-token-opt-in-region');
  await $(page, 'request-input').fill(SQS_EU);
  await expectNoFinding(page, 'sts-v1-token-opt-in-region');
  await assertHealthy(page, log);
});

// --- 5. what AWS said -------------------------------------------------------------------------

test('a pasted SignatureDoesNotMatch body, then AWS\'s canonical request that encodes the path once', async (t) => {
  const { page, log } = await openApp(t);
  await loadExample(page, 'api-gateway');
  assert.equal(await $(page, 'finding-signature-mismatch').count(), 0);

  // The short form: the XML body alone.
  const xml =
    '<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>' +
    `<Message>${MISMATCH_MESSAGE}</Message></Error><RequestId>x</RequestId></ErrorResponse>`;
  await $(page, 'error-input').fill(xml);
  await expectText(page, 'error-decoded', /SignatureDoesNotMatch/);
  const short = await expectFinding(page, 'signature-mismatch');
  assert.match(short, /signature/i);
  await expectGoto(t, page, 'signature-mismatch', 'signature');
  assert.equal(await $(page, 'finding-canonical-request-mismatch').count(), 0, 'no canonical request was given');

  // The long form: AWS's canonical request, ours but for the path encoded once.
  const ours = await $(page, 'canonical-request').textContent();
  assert.match(ours, /^GET\n\/prod\/pets\/dog%2520food\n/, 'the example encodes the path twice');
  const theirs = ours.replace('dog%2520food', 'dog%20food');
  const message =
    `${MISMATCH_MESSAGE}\n\nThe Canonical String for this request should have been\n'${theirs}'\n\n` +
    `The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20240115T093000Z\n20240115/eu-west-1/execute-api/aws4_request\n${'0'.repeat(64)}'\n`;
  await $(page, 'error-input').fill(message);
  const long = await expectFinding(page, 'canonical-request-mismatch');
  assert.match(long, /path/i);
  assert.ok(long.includes('/prod/pets/dog%2520food'), `quotes our path: ${long}`);
  assert.ok(long.includes('/prod/pets/dog%20food'), `quotes AWS's path: ${long}`);
  await expectGoto(t, page, 'canonical-request-mismatch', 'canonical-request');
  await expectFinding(page, 'signature-mismatch');

  if (built('aws-canonical-request-diff')) {
    await expectText(page, 'aws-canonical-request-diff', /^-\/prod\/pets\/dog%2520food$/m);
    const diff = await $(page, 'aws-canonical-request-diff').textContent();
    assert.match(diff, /^\+\/prod\/pets\/dog%20food$/m, diff);
    const changed = diff.split('\n').filter((l) => /^[-+](?![-+]{2})/.test(l));
    assert.deepEqual(changed, ['-/prod/pets/dog%2520food', '+/prod/pets/dog%20food'], `only the path differs:\n${diff}`);
  } else {
    t.diagnostic('aws-canonical-request-diff: not in this build of dist/, not checked');
  }

  // AWS's canonical request equal to ours: no canonical-request finding, and no diff.
  await $(page, 'error-input').fill(message.replace(theirs, ours));
  await expectNoFinding(page, 'canonical-request-mismatch');
  if (built('aws-canonical-request-diff')) {
    assert.equal(await $(page, 'aws-canonical-request-diff').count(), 0, 'a diff is shown for equal canonical requests');
  }
  // Emptied, the box leaves no finding behind.
  await $(page, 'error-input').fill('');
  await expectNoFinding(page, 'signature-mismatch');
  await assertHealthy(page, log);
});

// --- 6. more causes --------------------------------------------------------------------------------

test('"Missing Authentication Token" from API Gateway is read as a missing route', async (t) => {
  const { page, log } = await openApp(t);
  await loadExample(page, 'api-gateway');
  await $(page, 'error-input').fill('{"message":"Missing Authentication Token"}');
  await expectText(page, 'error-decoded', /JSON/);
  const text = await expectFinding(page, 'api-gateway-missing-token-route');
  assert.match(text, /Missing Authentication Token/);
  assert.match(text, /path|route|method/i);
  await expectGoto(t, page, 'api-gateway-missing-token-route', 'url');
  await $(page, 'error-input').fill('');
  await expectNoFinding(page, 'api-gateway-missing-token-route');
  await assertHealthy(page, log);
});

test('expired STS credentials (JSON pasted) are flagged with their expiration', async (t) => {
  const { page, log } = await openApp(t);
  const sts = JSON.stringify(
    {
      Credentials: {
        AccessKeyId: ASIA,
        SecretAccessKey: SECRET,
        SessionToken: TOKEN_V2,
        Expiration: '2020-01-01T00:00:00Z',
      },
    },
    null,
    2,
  );
  await enter(page, { request: SQS_EU, credentials: sts });
  assert.equal(await $(page, 'session-token').inputValue(), TOKEN_V2);
  const text = await expectFinding(page, 'credentials-expired', 'error');
  assert.match(text, /2020-01-01T00:00:00Z/);
  assert.match(text, /expired/i);
  await expectGoto(t, page, 'credentials-expired', 'credentials-input');
  // The same credentials, valid for another hour.
  const later = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  await $(page, 'credentials-input').fill(sts.replace('2020-01-01T00:00:00Z', later));
  await expectNoFinding(page, 'credentials-expired');
  await assertHealthy(page, log);
});

test('a secret with a trailing space is flagged, without the secret in the finding', async (t) => {
  const { page, log } = await openApp(t);
  await enter(page, { request: SQS_EU, credentials: exportsOf(AKIA) });
  await $(page, 'secret-access-key').fill('');
  await $(page, 'secret-access-key').pressSequentially(`${SECRET} `);
  const text = await expectFinding(page, 'key-whitespace', 'error');
  assert.match(text, /secret access key/i);
  assert.match(text, /whitespace/i);
  for (const part of [SECRET, SECRET.slice(0, 12), SECRET.slice(-12)]) {
    assert.ok(!text.includes(part), `the finding shows (part of) the secret: ${text}`);
  }
  await expectGoto(t, page, 'key-whitespace', 'secret-access-key');
  const findingsHtml = await page.evaluate(() => document.querySelector('.findings')?.outerHTML ?? '');
  assert.ok(!findingsHtml.includes(SECRET), 'the findings markup holds the secret');
  await $(page, 'secret-access-key').press('Backspace');
  await expectNoFinding(page, 'key-whitespace');
  await assertHealthy(page, log);
});

// --- 7. go to, and Verify ----------------------------------------------------------------------------

test('a finding\'s "go to" button focuses and highlights the field it is about', { skip: notBuilt('finding-goto-') }, async (t) => {
  const { page, log } = await openApp(t);
  await enter(page, { request: SQS_EU, credentials: exportsOf(AKIA) });
  await $(page, 'region').fill('us-east-1');
  await expectFinding(page, 'region-mismatch');
  // Somewhere else first, so that the focus has to move.
  await $(page, 'request-input').focus();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const goto = $(page, 'finding-goto-region-mismatch');
  assert.equal(await goto.count(), 1, 'finding-goto-region-mismatch');
  await goto.click();
  await page
    .waitForFunction(() => document.activeElement?.dataset?.testid === 'region')
    .catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName), 'region');
  await page
    .waitForFunction(() => document.querySelector('[data-testid="region"]').classList.contains('highlighted'))
    .catch(() => {});
  assert.ok(
    (await $(page, 'region').getAttribute('class') ?? '').split(/\s+/).includes('highlighted'),
    `region's class: ${await $(page, 'region').getAttribute('class')}`,
  );
  const box = await $(page, 'region').boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, `region is scrolled into view: ${JSON.stringify(box)}`);
  // Every goto button a finding shows has a finding to belong to.
  const gotos = await page.locator('[data-testid^="finding-goto-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  for (const g of gotos) {
    assert.equal(await $(page, `finding-${g.slice('finding-goto-'.length)}`).count(), 1, `${g} without its finding`);
  }
  await assertHealthy(page, log);
});

test('Verify: a correctly signed request matches; one with the path encoded once is named', {
  skip: notBuilt('verify-mode', 'verify-result', 'verify-variant') || (!existsSync(CLI) && `${CLI} is missing`),
}, async (t) => {
  const url = 'https://abc.execute-api.us-east-1.amazonaws.com/prod/a%3Db';
  // One signing time for both (now, to the second), so that they differ only in the path encoding.
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const keys = ['--access-key-id', AKIA, '--secret-access-key', SECRET, '--time', now];
  const [good, bad] = await Promise.all([cliSign(url, keys), cliSign(url, [...keys, '--single-encode'])]);
  const signatureOf = (http) => /Signature=([0-9a-f]{64})/.exec(http)[1];
  assert.notEqual(signatureOf(good.signed_http), signatureOf(bad.signed_http));

  const { page, log } = await openApp(t);
  await $(page, 'request-input').fill(good.signed_http);
  await $(page, 'secret-access-key').fill(SECRET);
  await $(page, 'verify-mode').check();
  await expectText(page, 'verify-result', 'matches');
  await expectText(page, 'verify-provided-signature', signatureOf(good.signed_http));
  await expectText(page, 'verify-computed-signature', signatureOf(good.signed_http));
  assert.equal(await $(page, 'finding-signature-mismatch').count(), 0);

  await $(page, 'request-input').fill(bad.signed_http);
  await expectText(page, 'verify-result', 'mismatch');
  await expectText(page, 'verify-provided-signature', signatureOf(bad.signed_http));
  await expectText(page, 'verify-computed-signature', signatureOf(good.signed_http));
  await expectText(page, 'verify-variant', /encoded once/);
  assert.match(await $(page, 'verify-variant').textContent(), /your client signed with/i);

  // Back to the correct one: the verdict follows the paste box.
  await $(page, 'request-input').fill(good.signed_http);
  await expectText(page, 'verify-result', 'matches');
  const variant = (await $(page, 'verify-variant').count()) ? await $(page, 'verify-variant').textContent() : '';
  assert.equal(variant.trim(), '', 'a variant is named for a matching request');
  await assertHealthy(page, log);
});

test('Verify: the time checks use the verified request\'s own X-Amz-Date, as the CLI\'s verify does', {
  skip: notBuilt('verify-mode') || (!existsSync(CLI) && `${CLI} is missing`),
}, async (t) => {
  const url = 'https://abc.execute-api.us-east-1.amazonaws.com/prod/a%3Db';
  const keys = ['--access-key-id', AKIA, '--secret-access-key', SECRET];
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const [stale, fresh] = await Promise.all([
    cliSign(url, [...keys, '--time', '2016-01-01T00:00:00Z']),
    cliSign(url, [...keys, '--time', now]),
  ]);
  const { page, log } = await openApp(t);

  // A request signed in 2016, checked with the signing-time field empty: the CLI's
  // `verify` reports clock-skew for it ("Request time 2016-01-01T00:00:00Z is ... behind").
  await $(page, 'request-input').fill(stale.signed_http);
  await $(page, 'secret-access-key').fill(SECRET);
  await $(page, 'signing-time').fill('');
  await $(page, 'verify-mode').check();
  await expectText(page, 'verify-result', 'matches');
  const text = await expectFinding(page, 'clock-skew');
  assert.match(text, /2016-01-01T00:00:00Z/);

  // A request signed now, with the field still holding the example's fixed time
  // (the page opens with an example loaded): no clock skew, since the request is fresh.
  await $(page, 'signing-time').fill('2015-08-30T12:36:00Z');
  await $(page, 'request-input').fill(fresh.signed_http);
  await expectText(page, 'verify-result', 'matches');
  await expectNoFinding(page, 'clock-skew');
  await assertHealthy(page, log);
});
