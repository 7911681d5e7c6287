// Browser tier: the 2 a.m. path (issue 11). One journey per problem a newcomer's trial found,
// numbered as the issue numbers them; each failed on the page before the fix (run them against
// an older build with SIGV4_LAB_DIST=dir). Then the same inputs fed to the page and to the CLI
// must give the same verdict and the same findings.
// Needs dist/ (`make dist`) and target/release/sigv4-lab (SIGV4_LAB_CLI=path for another).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, $, expectText, siteAndBrowser, openApp, HEX64 } from './helpers.mjs';

const execFileP = promisify(execFile);
const CLI = path.resolve(process.env.SIGV4_LAB_CLI || path.join(ROOT, 'target', 'release', 'sigv4-lab'));
const env = siteAndBrowser();

const AKIA = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const EXPORTS = `export AWS_ACCESS_KEY_ID=${AKIA}\nexport AWS_SECRET_ACCESS_KEY=${SECRET}\n`;
const STS = 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15';
const fixture = (name) => readFileSync(path.join(ROOT, 'tests/fixtures/aws-errors', name), 'utf8');

/** X-Amz-Date for `t` (a Date). */
const amzDate = (t) => t.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The CLI's JSON for `sign` (or `verify`) of `request` with `credentials` and more options. */
async function cli(command, { request, credentials, error, args = [] }) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigv4-lab-journey-'));
  try {
    const argv = [command, '--request', path.join(dir, 'request.txt')];
    await fs.writeFile(argv[2], request);
    if (credentials !== undefined) {
      await fs.writeFile(path.join(dir, 'credentials.txt'), credentials);
      argv.push('--credentials', path.join(dir, 'credentials.txt'));
    }
    if (error !== undefined) {
      await fs.writeFile(path.join(dir, 'error.txt'), error);
      argv.push('--error', path.join(dir, 'error.txt'));
    }
    const run = await execFileP(CLI, [...argv, ...args, '--json'], { env: { PATH: process.env.PATH, HOME: dir } }).catch((e) => e);
    return JSON.parse(run.stdout);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A request to STS signed by the CLI `secondsAgo` ago (raw HTTP with its Authorization header). */
async function signedByCli({ secondsAgo = 5, request = `POST https://sts.eu-west-1.amazonaws.com/ HTTP/1.1\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\n\nAction=GetCallerIdentity&Version=2011-06-15` } = {}) {
  const time = new Date(Date.now() - secondsAgo * 1000).toISOString().replace(/\.\d{3}/, '');
  const json = await cli('sign', { request, credentials: EXPORTS, args: ['--time', time] });
  assert.ok(json.authorization, 'the CLI signed it');
  return { json, time };
}

/** The ids of the findings the page shows now. */
const findingIds = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="finding-"]')]
      .map((e) => e.dataset.testid.replace(/^finding-/, ''))
      .filter((id) => !id.startsWith('goto-'))
      .sort(),
  );

async function waitForFinding(page, id) {
  await $(page, `finding-${id}`).first().waitFor({ timeout: 10_000 }).catch(() => {});
  assert.equal(await $(page, `finding-${id}`).count(), 1, `finding-${id} is shown (findings: ${await findingIds(page)})`);
  return $(page, `finding-${id}`).textContent();
}

async function healthy(page, log) {
  assert.equal(await $(page, 'crash').count(), 0, 'no crash banner');
  assert.deepEqual(log.problems(), [], 'no console error or warning, no exception');
}

/** Pastes the user's own credentials and an unsigned request, signed at now. */
async function ownRequest(page, url = STS) {
  await $(page, 'credentials-input').fill(EXPORTS);
  await $(page, 'request-input').fill(url);
  await $(page, 'signing-time').fill('');
  await expectText(page, 'signature', HEX64);
}

test('1. an IAM or S3 AccessDenied is read as authorization, never as an expired presigned URL', async (t) => {
  const { page, log } = await openApp(t, env);
  await ownRequest(page, 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08');
  for (const name of ['denied/iam_implicit.xml', 'denied/s3_plain.xml', 'denied/iam_explicit_link.xml']) {
    await $(page, 'error-input').fill(fixture(name));
    const text = await waitForFinding(page, 'authorization-denied');
    assert.match(text, /accepted the signature/i, name);
    assert.equal(await $(page, 'finding-presign-expired').count(), 0, `${name}: no presign-expired`);
  }
  await $(page, 'error-input').fill(fixture('denied/iam_implicit.xml'));
  const text = await waitForFinding(page, 'authorization-denied');
  assert.match(text, /iam:ListUsers/);
  assert.match(text, /identity-based policy/);
  await healthy(page, log);
});

test('2. "The security token included in the request is invalid" gives credentials-rejected, with what to check and what the inputs rule out', async (t) => {
  const { page, log } = await openApp(t, env);
  await ownRequest(page);
  await $(page, 'error-input').fill(fixture('invalid_client_token_id.xml'));
  const text = await waitForFinding(page, 'credentials-rejected');
  assert.match(text, /aws sts get-caller-identity|list-access-keys/, 'a command that checks it');
  assert.match(text, /not clock skew/i, 'what the inputs rule out');
  await healthy(page, log);
});

test('3. verify does not blame the secret when a signed header changed after signing', async (t) => {
  const { page, log } = await openApp(t, env);
  const { json } = await signedByCli();
  // The request as sent, its Content-Type rewritten on the way (a proxy, an HTTP library).
  const raw = `POST / HTTP/1.1\nHost: sts.eu-west-1.amazonaws.com\nContent-Type: application/x-www-form-urlencoded\nX-Amz-Date: ${json.amz_date}\nAuthorization: ${json.authorization}\n\nAction=GetCallerIdentity&Version=2011-06-15`;
  await $(page, 'credentials-input').fill(EXPORTS);
  await $(page, 'request-input').fill(raw);
  if (!(await $(page, 'verify-mode').isChecked())) await $(page, 'verify-mode').check();
  await expectText(page, 'verify-result', /matches|mismatch/);
  const verdicts = await page.locator('.verify').textContent();
  assert.doesNotMatch(verdicts, /most likely another secret/i);
  const variant = (await $(page, 'verify-variant').count()) ? await $(page, 'verify-variant').textContent() : '';
  const findings = await page.locator('[data-testid^="finding-"]').allTextContents();
  assert.ok(
    /content-type/i.test(variant) || findings.some((f) => /content-type/i.test(f)),
    `the changed signed header is named (variant: ${variant}; findings: ${findings.join(' | ')})`,
  );
  await healthy(page, log);
});

test('4. the verdict is on screen right after a paste, without scrolling, and links to its finding', async (t) => {
  const { page, log } = await openApp(t, env, { viewport: { width: 1366, height: 900 } });
  await $(page, 'credentials-input').fill('export AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=' + SECRET + '\n');
  await $(page, 'request-input').fill(STS);
  const verdict = $(page, 'verdict');
  await verdict.waitFor();
  assert.equal(await verdict.getAttribute('data-verdict'), 'reject');
  assert.match(await $(page, 'verdict-headline').textContent(), /session token/i);
  const box = await verdict.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 900, `the verdict is in the viewport: ${JSON.stringify(box)}`);
  await page.locator('[data-testid^="verdict-item-"]').first().click();
  await page.waitForFunction(() => {
    const f = document.querySelector('[data-testid="finding-session-token-missing"]');
    if (!f) return false;
    const r = f.getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight;
  });
  // And on a phone, pinned where a thumb finds it.
  await page.setViewportSize({ width: 390, height: 844 });
  const phone = await verdict.boundingBox();
  assert.ok(phone && phone.y >= 0 && phone.y + phone.height <= 844, `on a phone too: ${JSON.stringify(phone)}`);
  await healthy(page, log);
});

test('5. an example is visibly an example, and pasting one’s own request leaves its 2015 time behind', async (t) => {
  const { page, log } = await openApp(t, env);
  await expectText(page, 'signature', HEX64);
  await expectText(page, 'example-mode', /example/i);
  await $(page, 'request-input').fill(STS);
  await expectText(page, 'signature', HEX64);
  assert.equal(await $(page, 'signing-time').inputValue(), '', 'signed at now again');
  assert.equal(await $(page, 'example-mode').count(), 0, 'out of example mode');
  assert.equal(await $(page, 'finding-clock-skew').count(), 0, 'no finding about the example’s own time');
  assert.doesNotMatch(await $(page, 'signed-curl').textContent(), /20150830/, 'the curl is not signed for 2015');
  await healthy(page, log);
});

test('6. region and service a signed request claims are "the request says" and go with it', async (t) => {
  const { page, log } = await openApp(t, env);
  const { json } = await signedByCli();
  const raw = `POST / HTTP/1.1\nHost: sts.eu-west-1.amazonaws.com\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\nX-Amz-Date: ${json.amz_date}\nAuthorization: ${json.authorization}\n\nAction=GetCallerIdentity&Version=2011-06-15`;
  await $(page, 'request-input').fill(raw);
  await expectText(page, 'region-why', /the request says/);
  assert.equal(await $(page, 'region').inputValue(), '', 'not written into the field');
  assert.doesNotMatch(await $(page, 'region-why').textContent(), /you set it/);
  // The next, unrelated request infers its own scope.
  await $(page, 'credentials-input').fill(EXPORTS);
  await $(page, 'request-input').fill('https://sqs.us-east-2.amazonaws.com/?Action=ListQueues');
  await expectText(page, 'signature', HEX64);
  assert.equal(await $(page, 'region').inputValue(), '');
  await expectText(page, 'region-why', /us-east-2/);
  const ids = await findingIds(page);
  assert.ok(!ids.some((id) => /region|service/.test(id)), `no region or service finding: ${ids}`);
  await healthy(page, log);
});

test('7. a presigned URL pasted back is read as presigned and judged by its own X-Amz-Expires', async (t) => {
  const { page, log } = await openApp(t, env);
  const signedAt = new Date(Date.now() - 2 * 3600 * 1000);
  const url = `https://my-bucket.s3.eu-central-1.amazonaws.com/q4.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${AKIA}%2F${amzDate(signedAt).slice(0, 8)}%2Feu-central-1%2Fs3%2Faws4_request&X-Amz-Date=${amzDate(signedAt)}&X-Amz-Expires=600&X-Amz-SignedHeaders=host&X-Amz-Signature=${'0'.repeat(64)}`;
  await $(page, 'request-input').fill(url);
  await expectText(page, 'read-as', 'presigned');
  const text = await waitForFinding(page, 'presign-expired');
  assert.match(text, /600 s/, 'the lifetime is the URL’s own');
  assert.equal(await $(page, 'mode').inputValue(), 'header', 'no mode switch was needed');
  await healthy(page, log);
});

test('8. a pasted signed request is checked, and the page says so, with one click to re-sign it', async (t) => {
  const { page, log } = await openApp(t, env);
  const { json } = await signedByCli();
  const raw = `POST / HTTP/1.1\nHost: sts.eu-west-1.amazonaws.com\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\nX-Amz-Date: ${json.amz_date}\nAuthorization: ${json.authorization}\n\nAction=GetCallerIdentity&Version=2011-06-15`;
  await $(page, 'credentials-input').fill(EXPORTS);
  await $(page, 'request-input').fill(raw);
  await expectText(page, 'read-as', 'signed');
  assert.ok(await $(page, 'verify-mode').isChecked(), 'verify mode is on');
  await expectText(page, 'verify-result', 'matches');
  await $(page, 'read-as-resign').click();
  assert.ok(!(await $(page, 'verify-mode').isChecked()), 'one click re-signs it');
  await healthy(page, log);
});

test('9. the walkthrough keeps what was pasted and brings it back on close', async (t) => {
  const { page, log } = await openApp(t, env);
  const mine = 'https://sqs.us-east-2.amazonaws.com/?Action=ListQueues';
  await ownRequest(page, mine);
  await $(page, 'walkthrough-start').click();
  await expectText(page, 'walkthrough-step', /Step 1/);
  assert.notEqual(await $(page, 'request-input').inputValue(), mine);
  await $(page, 'walkthrough-close').click();
  await page.waitForFunction((m) => document.querySelector('[data-testid="request-input"]').value === m, mine);
  assert.equal(await $(page, 'credentials-input').inputValue(), EXPORTS);
  await healthy(page, log);
});

test('10. one rule for what is sensitive: the share link, the report and every snippet hold no cookie, token, secret, live signature or whole key id', async (t) => {
  const { page, log } = await openApp(t, env);
  const key = 'ASIAJOURNEYTENCHECK7';
  const secret = 'JourneyTenSecret/K7MDENG+bPxRfiCYzzzzzzz';
  const token = 'IQoJb3JpZ2luJOURNEYTENTOKEN//////////wEaCXVzLWVhc3QtMSJGMEQCIEXAMPLE=';
  const cookie = 'JourneyTenCookie42';
  const proxy = 'am91cm5leTpwYXNzd29yZA==';
  await $(page, 'credentials-input').fill(`export AWS_ACCESS_KEY_ID=${key}\nexport AWS_SECRET_ACCESS_KEY=${secret}\nexport AWS_SESSION_TOKEN=${token}\n`);
  // Signed here first, then pasted back as a person pastes a failing request from their logs.
  await $(page, 'request-input').fill(
    `POST / HTTP/1.1\nHost: sts.us-east-1.amazonaws.com\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\nX-Kept: kept-value-10\nCookie: session=${cookie}\nProxy-Authorization: Basic ${proxy}\n\nAction=GetCallerIdentity&Version=2011-06-15&X-Amz-Security-Token=${encodeURIComponent(token)}`,
  );
  await expectText(page, 'signature', HEX64);
  const signedHttp = await $(page, 'signed-http').textContent();
  const firstSignature = await $(page, 'signature').textContent();
  assert.ok(signedHttp.includes(`Signature=${firstSignature}`) && signedHttp.includes(`X-Amz-Security-Token: ${token}`), 'the signed request holds it all');

  await $(page, 'mode').selectOption('presign');
  await expectText(page, 'signed-url', /X-Amz-Signature=[0-9a-f]{64}/);
  const presigned = await $(page, 'signed-url').textContent();
  assert.match(presigned, /X-Amz-Credential=.*X-Amz-Security-Token=.*X-Amz-Signature=/);
  await $(page, 'mode').selectOption('header');

  const forms = (v) => [v, encodeURIComponent(v), encodeURIComponent(v).replaceAll('%20', '+')];
  /** Every output that leaves the page, from the page itself. */
  async function outputs() {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    for (const id of ['share-open', 'report-open', 'snippets-open']) {
      if ((await $(page, id).getAttribute('aria-expanded')) !== 'true') await $(page, id).click();
    }
    const out = { 'share link': await $(page, 'share-link').inputValue(), 'debug report': await $(page, 'debug-report').textContent() };
    for (const lang of ['curl', 'python', 'javascript', 'rust']) out[`${lang} snippet`] = await $(page, `snippet-${lang}`).textContent();
    return out;
  }
  for (const [what, pasted, readAs] of [['a signed request', signedHttp, 'signed'], ['a presigned URL', presigned, 'presigned']]) {
    await $(page, 'request-input').fill(pasted);
    await expectText(page, 'read-as', readAs);
    await expectText(page, 'signature', HEX64);
    const signatures = [firstSignature, await $(page, 'signature').textContent(), /X-Amz-Signature=([0-9a-f]{64})/.exec(presigned)[1]];
    const secrets = { cookie, 'proxy password': proxy, 'session token': token, 'secret access key': secret, 'whole access key id': key };
    signatures.forEach((s, i) => (secrets[`live signature ${i + 1}`] = s));
    const all = await outputs();
    const leaks = [];
    for (const [name, text] of Object.entries(all)) {
      for (const [secretName, value] of Object.entries(secrets)) {
        if (forms(value).some((f) => text.includes(f))) leaks.push(`${what}: the ${name} holds the ${secretName}`);
      }
      if (!text.includes('sts.us-east-1.amazonaws.com')) leaks.push(`${what}: the ${name} lost the host`);
    }
    assert.deepEqual(leaks, [], leaks.join('\n'));
    assert.match(all['debug report'], /`ASIA…`/, 'the report shortens the key id');
  }
  // And each card says so.
  assert.match(await $(page, 'share-note').textContent(), /nor an access key id, a signature, a cookie/);
  assert.match(await page.locator('.share').textContent(), /None of them holds a credential, a signature or a cookie/);
  await healthy(page, log);
});

test('11. AWS’s answer as the CLI, Terraform and the Java SDK print it gives the finding the bare answer gives', async (t) => {
  const { page, log } = await openApp(t, env);
  await ownRequest(page);
  const cases = [
    ['wrapped/awscli_v1-expired_token.txt', 'credentials-expired', /from the AWS CLI/],
    ['wrapped/terraform-invalid_client_token_id.txt', 'credentials-rejected', /from the AWS SDK for Go v2 in Terraform/],
    ['wrapped/java_v1-access_denied.txt', 'authorization-denied', /from the AWS SDK for Java 1\.x/],
  ];
  for (const [name, id, read] of cases) {
    await $(page, 'error-input').fill(fixture(name));
    await waitForFinding(page, id);
    await expectText(page, 'error-decoded', read);
  }
  // And from a whole scrollback in the paste-anything box.
  await $(page, 'paste-anything').fill(`$ curl '${STS}'\n$ aws sts get-caller-identity\n\n${fixture('wrapped/awscli_v2-signature_does_not_match.txt').split('\n').slice(2).join('\n')}`);
  await $(page, 'paste-anything-read').click();
  await expectText(page, 'paste-part-aws-said', /What AWS said/);
  await waitForFinding(page, 'signature-mismatch');
  await healthy(page, log);
});

/** What an on-call engineer has in the terminal: the credentials, the request as a proxy sent
 *  it (its Content-Type's charset dropped after signing), and what the AWS CLI printed. */
function scrollback(json) {
  return [
    '$ env | grep AWS_',
    `AWS_ACCESS_KEY_ID=${AKIA}`,
    `AWS_SECRET_ACCESS_KEY=${SECRET}`,
    '$ cat request.http',
    'POST / HTTP/1.1',
    'Host: sts.eu-west-1.amazonaws.com',
    'Content-Type: application/x-www-form-urlencoded',
    `X-Amz-Date: ${json.amz_date}`,
    `Authorization: ${json.authorization}`,
    '',
    'Action=GetCallerIdentity&Version=2011-06-15',
    '$ aws sts get-caller-identity',
    '',
    'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    '',
  ].join('\n');
}

test('12. a whole scrollback goes to its boxes, the request ending where the next command begins', async (t) => {
  const { page, log } = await openApp(t, env);
  const { json } = await signedByCli({ secondsAgo: 20 });
  await $(page, 'paste-anything').fill(scrollback(json));
  await $(page, 'paste-anything-read').click();
  await expectText(page, 'paste-part-request', /Lines 5–11/);
  const request = await $(page, 'request-input').inputValue();
  assert.ok(request.endsWith('Action=GetCallerIdentity&Version=2011-06-15'), `the body is the request's alone: ${JSON.stringify(request.slice(-80))}`);
  await expectText(page, 'paste-part-credentials', /Lines 2–3/);
  await expectText(page, 'paste-part-aws-said', /Line 14/);
  // The charset dropped on the way is named, not left as "no usual mistake".
  const text = await waitForFinding(page, 'signature-mismatch');
  assert.match(text, /dropped the charset/);
  await healthy(page, log);
});

/** The page's verdict and findings for these inputs, and the CLI's for the same. */
async function bothViews(t, { request, credentials, error, time }) {
  const { page, log } = await openApp(t, env);
  await $(page, 'credentials-input').fill(credentials);
  await $(page, 'request-input').fill(request);
  await $(page, 'signing-time').fill(time);
  if (error) await $(page, 'error-input').fill(error);
  await $(page, 'verdict').waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  const pageView = { verdict: await $(page, 'verdict').getAttribute('data-verdict'), findings: await findingIds(page) };
  const json = await cli('sign', { request, credentials, error, args: ['--time', time] });
  const cliView = { verdict: json.verdict.verdict, findings: json.findings.map((f) => f.id).sort() };
  await healthy(page, log);
  return { pageView, cliView };
}

test('the page and the CLI give the same verdict and findings for the same inputs', async (t) => {
  const now = new Date(Date.now() - 30_000).toISOString().replace(/\.\d{3}/, '');
  const cases = [
    { request: STS, credentials: `export AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=${SECRET}\n`, time: now },
    { request: STS, credentials: EXPORTS, time: now, error: fixture('wrapped/terraform-invalid_client_token_id.txt') },
    { request: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08', credentials: EXPORTS, time: now, error: fixture('denied/iam_implicit.xml') },
    { request: 'https://sqs.eu-west-1.amazonaws.com/?Action=ListQueues', credentials: EXPORTS, time: '2015-08-30T12:36:00Z' },
    { request: STS, credentials: EXPORTS, time: now },
  ];
  for (const c of cases) {
    const { pageView, cliView } = await bothViews(t, c);
    assert.deepEqual(pageView, cliView, `${c.request} with ${c.error ? 'an error' : 'no error'} at ${c.time}`);
  }
});

// --- the README's pictures (`make screenshot`; not a test of anything, so skipped otherwise) ---

test('the README’s pictures: a whole scrollback pasted, the verdict first, at 1366×900 and 390×844', { skip: !process.env.UPDATE_DOCS_SCREENSHOT }, async (t) => {
  const { json } = await signedByCli({ secondsAgo: 40 });
  const pasted = scrollback(json);
  for (const [name, viewport] of [
    ['workbench-desktop.png', { width: 1366, height: 900 }],
    ['workbench-phone.png', { width: 390, height: 844 }],
  ]) {
    const phone = viewport.width < 600;
    const { page } = await openApp(t, env, { viewport, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
    await $(page, 'paste-anything').fill(pasted);
    await $(page, 'paste-anything-read').click();
    await $(page, 'verdict').waitFor();
    await expectText(page, 'verify-result', /matches|mismatch/);
    await page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
      for (const pane of document.querySelectorAll('[data-testid$="-pane"]')) pane.scrollTop = 0;
    });
    await page.waitForTimeout(200);
    const box = await $(page, 'verdict').boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, `${name}: the verdict is in the picture: ${JSON.stringify(box)}`);
    await fs.mkdir(path.join(ROOT, 'docs'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'docs', name) });
  }
});
