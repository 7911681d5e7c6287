// Browser tier: journeys through the interactive page (dist/, from `make dist`)
// in headless Chromium, checked against the native CLI (target/release/sigv4-lab,
// from `cargo build --release --bin sigv4-lab`; SIGV4_LAB_CLI=path for another).
// Run with `node --test tests/e2e/`. Each test opens the page in a new, empty
// browser context. Test ids: ../shared/CONTRACT.md (beside the repository) and src/ui.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  ROOT,
  serve,
  launchBrowser,
  watch,
  isKnownNoise,
  assertOnlyDistFiles,
  assertNothingStored,
  screenshot,
  HEX64,
  $,
  expectText,
  loadExample,
} from './helpers.mjs';

const CLI = path.resolve(process.env.SIGV4_LAB_CLI || path.join(ROOT, 'target', 'release', 'sigv4-lab'));
const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

const TIME = '2015-08-30T12:36:00Z';
const AKID = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const PROFILE = `[default]\naws_access_key_id = ${AKID}\naws_secret_access_key = ${SECRET}\n`;
const PRESETS = ['iam-list-users', 's3-get-session-token', 's3-presign', 'sts-get-caller-identity', 'api-gateway'];

/** "Copy as cURL (bash)" from Chrome's network panel: one -H per line, --data-raw, continuations. */
const CHROME_HEADERS = [
  ['accept', '*/*'],
  ['accept-language', 'en-GB,en;q=0.9'],
  ['content-type', 'application/x-www-form-urlencoded'],
  ['origin', 'https://console.example.com'],
  ['sec-ch-ua', '"Chromium";v="131", "Not_A Brand";v="24"'],
  [
    'user-agent',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  ],
];
const CHROME_CURL =
  "curl 'https://sqs.eu-west-1.amazonaws.com/' \\\n" +
  CHROME_HEADERS.map(([n, v]) => `  -H '${n}: ${v}' \\\n`).join('') +
  "  --data-raw 'Action=ListQueues&Version=2012-11-05&QueueNamePrefix=lab'";

// Every output the page shows, by test id, and the CLI's JSON for each.
const OUTPUTS = [
  'canonical-request',
  'canonical-request-hash',
  'string-to-sign',
  'k-date',
  'k-region',
  'k-service',
  'k-signing',
  'signature',
  'authorization',
  'signed-url',
  'signed-curl',
  'signed-http',
  'cross-check',
];

let site;
let browser;

before(async () => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`cargo build --release --bin sigv4-lab\` first`);
  site = await serve();
  browser = await launchBrowser();
  // Fail every test at once, with the reason, if the app does not start at all.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const log = watch(page);
    await page.goto(`${site.origin}/`);
    await page.locator('[data-testid="request-input"], [data-testid="crash"]').first().waitFor({ timeout: 30_000 });
    assert.equal(await crashText(page), '', `the app did not start (console: ${JSON.stringify(log.problems())})`);
  } finally {
    await context.close();
  }
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** A new, empty browser context (Playwright context options), closed when the test ends. */
async function newContext(t, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, ...options });
  t.after(() => context.close());
  return context;
}

// --- the CLI -------------------------------------------------------------------

const execFileP = promisify(execFile);

/** Runs `sigv4-lab sign --json` on these texts and flags; resolves to its JSON. */
async function cli({ request, credentials, args = [] }) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigv4-lab-e2e-'));
  try {
    const argv = ['sign', '--request', path.join(dir, 'request.txt')];
    await fs.writeFile(argv[2], request);
    if (credentials !== undefined) {
      await fs.writeFile(path.join(dir, 'credentials.txt'), credentials);
      argv.push('--credentials', path.join(dir, 'credentials.txt'));
    }
    const { stdout } = await execFileP(CLI, [...argv, ...args, '--json']);
    return JSON.parse(stdout);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** What the page's outputs must read, from the CLI's JSON (null: no such element). */
function expectedOutputs(json) {
  const chain = Object.fromEntries(json.signing_key_chain.map((k) => [k.name, k.hex]));
  return {
    'canonical-request': json.canonical_request,
    'canonical-request-hash': json.canonical_request_hash,
    'string-to-sign': json.string_to_sign,
    'k-date': chain.kDate,
    'k-region': chain.kRegion,
    'k-service': chain.kService,
    'k-signing': chain.kSigning,
    signature: json.signature,
    authorization: json.authorization ?? null,
    'signed-url': json.signed_url ?? null,
    'signed-curl': json.signed_curl,
    'signed-http': json.signed_http,
    'cross-check': json.cross_check ? (json.cross_check.agrees ? 'agrees' : 'disagrees') : null,
  };
}

/** '20150830T123600Z' → '2015-08-30T12:36:00Z'. */
function isoFromAmzDate(d) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(d);
  assert.ok(m, `an X-Amz-Date: ${d}`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
}

// --- the page --------------------------------------------------------------------


/**
 * A new, empty browser context, the page opened in it and the app
 * started. Closed when the test ends. `options` are Playwright context options.
 */
async function openApp(t, options = {}) {
  const context = await newContext(t, options);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const log = watch(page);
  await page.goto(`${site.origin}/`);
  await $(page, 'request-input').waitFor();
  return { context, page, log };
}

/** Every test ends here: no panic banner, no console error or warning, no exception. */
async function assertHealthy(page, log) {
  assert.equal(await $(page, 'crash').count(), 0, `the crash banner is shown: ${await crashText(page)}`);
  assert.deepEqual(log.problems(), [], 'console errors or warnings, or uncaught exceptions');
}

async function crashText(page) {
  return (await $(page, 'crash').count()) ? $(page, 'crash').first().textContent() : '';
}

/** The text of every output at one instant (null where there is no such element). */
function readOutputs(page) {
  return page.evaluate(
    (ids) =>
      Object.fromEntries(
        ids.map((id) => {
          const el = document.querySelector(`[data-testid="${id}"]`);
          return [id, el ? el.textContent : null];
        }),
      ),
    OUTPUTS,
  );
}

/** Waits until the outputs read exactly `want`, then compares (so a mismatch shows the diff). */
async function expectOutputs(page, want, timeout = 10_000) {
  await page
    .waitForFunction(
      (want) =>
        Object.entries(want).every(([id, value]) => {
          const el = document.querySelector(`[data-testid="${id}"]`);
          return value === null ? el === null : el !== null && el.textContent === value;
        }),
      want,
      { timeout },
    )
    .catch(() => {});
  const got = await readOutputs(page);
  assert.deepEqual(Object.fromEntries(Object.keys(want).map((id) => [id, got[id]])), want);
}


/** Waits until the form field's value is `want`, then asserts it. */
async function expectValue(page, id, want, timeout = 10_000) {
  await page
    .waitForFunction(
      ([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.value === want,
      [id, want],
      { timeout },
    )
    .catch(() => {});
  assert.equal(await $(page, id).inputValue(), want, `value of ${id}`);
}

/** Polls `check` (for what the page cannot wait on itself, like the clipboard) until true or `timeout`. */
async function until(check, timeout = 5_000) {
  const end = Date.now() + timeout;
  while (!(await check()) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

/** The header rows of the form, as [name, value] pairs. */
async function headerRows(page) {
  return page.evaluate(() => {
    const rows = [];
    for (let i = 0; ; i++) {
      const name = document.querySelector(`[data-testid="header-name-${i}"]`);
      if (!name) return rows;
      rows.push([name.value, document.querySelector(`[data-testid="header-value-${i}"]`)?.value]);
    }
  });
}


/**
 * What the CLI says for what the form holds now: the request paste box's text,
 * the credential fields, region/service when set, the mode, and the signing
 * time (or, when it is empty and ticking, the time the page signed at, read from
 * the string to sign in the same instant as `outputs`).
 */
async function cliForForm(page, outputs) {
  const value = (id) => $(page, id).inputValue();
  const request = await value('request-input');
  const args = ['--access-key-id', await value('access-key-id'), '--secret-access-key', await value('secret-access-key')];
  const token = await value('session-token');
  if (token) args.push('--session-token', token);
  for (const id of ['region', 'service']) {
    const v = (await value(id)).trim();
    if (v) args.push(`--${id}`, v);
  }
  const time = (await value('signing-time')).trim() || isoFromAmzDate(outputs['string-to-sign'].split('\n')[1]);
  args.push('--time', time);
  if ((await value('mode')) === 'presign') args.push('--presign', '--expires', (await value('expires')).trim());
  return { json: await cli({ request, args }), time, request };
}

// --- 1. paste a curl and credentials ------------------------------------------------

test('a curl copied from Chrome and a profile block sign as the CLI signs them', async (t) => {
  const { page, log } = await openApp(t);
  await $(page, 'credentials-input').fill(PROFILE);
  await $(page, 'request-input').fill(CHROME_CURL);
  await $(page, 'signing-time').fill(TIME);

  const json = await cli({ request: CHROME_CURL, credentials: PROFILE, args: ['--time', TIME] });
  assert.equal(json.region.value, 'eu-west-1');
  assert.equal(json.service.value, 'sqs');
  await expectOutputs(page, expectedOutputs(json));
  assert.equal(await $(page, 'cross-check').textContent(), 'agrees');

  // The pastes filled the form, and the paste boxes keep what was pasted.
  assert.equal(await $(page, 'method').inputValue(), 'POST');
  assert.equal(await $(page, 'url').inputValue(), 'https://sqs.eu-west-1.amazonaws.com/');
  assert.deepEqual(await headerRows(page), CHROME_HEADERS);
  assert.equal(await $(page, 'body').inputValue(), 'Action=ListQueues&Version=2012-11-05&QueueNamePrefix=lab');
  assert.equal(await $(page, 'access-key-id').inputValue(), AKID);
  assert.equal(await $(page, 'secret-access-key').inputValue(), SECRET);
  assert.equal(await $(page, 'secret-access-key').getAttribute('type'), 'password');
  assert.equal(await $(page, 'session-token').inputValue(), '');
  assert.equal(await $(page, 'request-input').inputValue(), CHROME_CURL);
  assert.equal(await $(page, 'credentials-input').inputValue(), PROFILE);

  // Region and service were inferred from the host, and the page says so.
  assert.equal(await $(page, 'region').inputValue(), '');
  assert.equal(await $(page, 'service').inputValue(), '');
  assert.match((await $(page, 'region').getAttribute('placeholder')) ?? '', /eu-west-1/, 'region placeholder');
  assert.match((await $(page, 'service').getAttribute('placeholder')) ?? '', /sqs/, 'service placeholder');
  // ...with the CLI's reason ("from host sqs.eu-west-1.amazonaws.com").
  for (const id of ['region', 'service']) {
    const why = await $(page, `${id}-why`).textContent();
    assert.ok(why.includes(json[id].why), `${id}-why ${JSON.stringify(why)} gives the reason: ${json[id].why}`);
  }
  await assertHealthy(page, log);
});

test('a host that names no service asks for one; region and service typed in sign as the CLI signs', async (t) => {
  const { page, log } = await openApp(t);
  const request =
    'PUT /v1/items/42?b=2&a=1 HTTP/1.1\nHost: api.internal.example.com\nContent-Type: application/json\n\n{"name":"lab"}';
  await $(page, 'credentials-input').fill(PROFILE);
  await $(page, 'request-input').fill(request);
  await $(page, 'signing-time').fill(TIME);
  await expectText(page, 'explain-error', /service/i);
  await $(page, 'region').fill('eu-central-1');
  await $(page, 'service').fill('execute-api');
  const json = await cli({
    request,
    credentials: PROFILE,
    args: ['--time', TIME, '--region', 'eu-central-1', '--service', 'execute-api'],
  });
  await expectOutputs(page, expectedOutputs(json));
  assert.equal(await $(page, 'explain-error').count(), 0, 'the explain error is gone');
  assert.equal(await $(page, 'method').inputValue(), 'PUT');
  assert.equal(await $(page, 'body').inputValue(), '{"name":"lab"}');
  await assertHealthy(page, log);
});

test("the AWS test suite's get-vanilla signs to its published signature with the request's own date", async (t) => {
  const { page, log } = await openApp(t);
  await $(page, 'credentials-input').fill(PROFILE);
  await $(page, 'request-input').fill('GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n\n');
  await $(page, 'service').fill('service');
  await $(page, 'region').fill('us-east-1');
  await $(page, 'use-request-date').click();
  await expectValue(page, 'signing-time', TIME);
  await expectText(page, 'signature', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  await expectText(
    page,
    'authorization',
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ' +
      'SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  );
  await assertHealthy(page, log);
});

test('a body chosen from a file is what the payload hash hashes', async (t) => {
  const { page, log } = await openApp(t);
  await loadExample(page, 'sts-get-caller-identity');
  const bytes = Buffer.from('Action=GetCallerIdentity&Version=2011-06-15&From=file\n');
  await $(page, 'body-file').setInputFiles({ name: 'body.txt', mimeType: 'text/plain', buffer: bytes });
  const hash = createHash('sha256').update(bytes).digest('hex');
  await expectText(page, 'canonical-request', new RegExp(`\\n${hash}$`));
  assert.equal(await $(page, 'cross-check').textContent(), 'agrees');
  await assertHealthy(page, log);
});

/** The form as a curl command (each word single-quoted for the shell). */
async function curlFromForm(page) {
  const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const words = ['curl', '-X', q(await $(page, 'method').inputValue()), q(await $(page, 'url').inputValue())];
  for (const [name, value] of await headerRows(page)) {
    if (name.trim() || value.trim()) words.push('-H', q(`${name}: ${value}`));
  }
  const body = await $(page, 'body').inputValue();
  if (body) words.push('--data-binary', q(body));
  return words.join(' ');
}

test('editing the form (method, URL, header rows, body) signs what the form says', async (t) => {
  const { page, log } = await openApp(t);
  await loadExample(page, 'sts-get-caller-identity');
  const url = 'https://sqs.eu-west-1.amazonaws.com/123456789012/lab-queue';
  await $(page, 'url').fill(url);
  await $(page, 'header-name-0').fill('Content-Type');
  await $(page, 'header-value-0').fill('application/x-amz-json-1.0');
  await $(page, 'add-header').click();
  await $(page, 'header-name-1').fill('X-Amz-Target');
  await $(page, 'header-value-1').fill('AmazonSQS.GetQueueAttributes');
  await $(page, 'add-header').click();
  await $(page, 'header-name-2').fill('X-Removed');
  await $(page, 'header-value-2').fill('gone');
  await $(page, 'body').fill(`{"QueueUrl":"${url}","AttributeNames":["All"]}`);
  await expectText(page, 'canonical-request', /\nx-removed:gone\n/);
  await $(page, 'remove-header-2').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="header-name-2"]'));
  await expectText(page, 'canonical-request', /\nx-amz-target:AmazonSQS\.GetQueueAttributes\n/);

  assert.deepEqual(await headerRows(page), [
    ['Content-Type', 'application/x-amz-json-1.0'],
    ['X-Amz-Target', 'AmazonSQS.GetQueueAttributes'],
  ]);
  const request = await curlFromForm(page);
  const json = await cli({
    request,
    args: [
      '--access-key-id', await $(page, 'access-key-id').inputValue(),
      '--secret-access-key', await $(page, 'secret-access-key').inputValue(),
      '--time', await $(page, 'signing-time').inputValue(),
    ],
  });
  assert.equal(json.service.value, 'sqs');
  await expectOutputs(page, expectedOutputs(json));
  assert.ok(!(await readOutputs(page))['canonical-request'].includes('x-removed'), 'the removed header is not signed');
  await assertHealthy(page, log);
});

test('no input crashes the page, and the page still answers after each', async (t) => {
  const { page, log } = await openApp(t);
  const flush = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const check = async (what) => {
    await flush();
    assert.equal(await $(page, 'crash').count(), 0, `${what}: the crash banner is shown: ${await crashText(page)}`);
    assert.deepEqual(log.problems(), [], `${what}: console errors or uncaught exceptions`);
  };
  const requests = [
    '',
    '   \n  ',
    'curl',
    "curl -X POST -H 'Content-Type: text/plain'",
    'curl "https://h.example.com/',
    "curl $'https://h.example.com/",
    "curl -H 'x-note: héllo wörld 🦀' 'https://h.example.com/",
    "curl 'https://例え.jp/パス?q=値'",
    'curl https://h.example.com/ -H',
    'curl https://h.example.com/ -d @body.json',
    "curl https://h.example.com/ -F 'file=@a.png'",
    'curl ^"https://h.example.com/ ^\n -H ^"a: b^"',
    'https://h.example.com:70000/',
    'GET / HTTP/1.1\nHost: h.example.com\nX-Ünïcode 🦀 value',
    'GET / HTTP/1.1\n  continued\nHost: h.example.com',
    'GET ftp://h.example.com/x HTTP/1.1\n',
    ':method: GET\n:authority: h.example.com\n:path: x\n',
    '\u0000\u0001GET',
    'x'.repeat(20_000),
  ];
  for (const text of requests) {
    await $(page, 'request-input').fill(text);
    await check(`request ${JSON.stringify(text.slice(0, 60))}`);
    assert.equal(await $(page, 'request-input').inputValue(), text, 'the request paste is kept');
  }
  const credentials = [
    '[default\naws_access_key_id = AKID\n',
    "export AWS_ACCESS_KEY_ID='AKID\nexport AWS_SECRET_ACCESS_KEY=S\n",
    '{"Credentials": {"AccessKeyId": "A",}',
    '🦀🦀 [default',
    '[1, 2]',
    '{"AccessKeyId": "A", "SecretAccessKey": "S", "Expiration": "2026-13-01T00:00:00Z"}',
  ];
  for (const text of credentials) {
    await $(page, 'credentials-input').fill(text);
    await check(`credentials ${JSON.stringify(text)}`);
    assert.equal(await $(page, 'credentials-input').inputValue(), text, 'the credentials paste is kept');
  }

  // Fields, on a request that signs, in both modes.
  await loadExample(page, 'iam-list-users');
  const fields = [
    ['expires', ['0', '-1', '604801', '99999999999999999999999', '1e3', '']],
    [
      'signing-time',
      ['9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '2015-02-30T00:00:00Z', 'yesterday', ''],
    ],
    ['url', ['', 'h.example.com', 'https://', 'https://[::1]/', 'ftp://x/', 'https://iam.amazonaws.com:0/']],
    ['method', ['', 'GE T', '\u00e9']],
    ['header-name-0', ['Bad Name', '', '\u0000']],
    ['region', ['🦀', 'a'.repeat(300)]],
    ['service', ['🦀', ' ']],
  ];
  for (const mode of ['presign', 'header']) {
    await $(page, 'mode').selectOption(mode);
    for (const [id, values] of fields) {
      // One field at a time: the others keep the example's (good) values.
      const good = await $(page, id).inputValue();
      const signature = await $(page, 'signature').textContent();
      for (const value of values) {
        await $(page, id).fill(value);
        await check(`${mode} mode, ${id} = ${JSON.stringify(value.slice(0, 40))}`);
      }
      await $(page, id).fill(good);
      await expectText(page, 'signature', signature);
    }
    await loadExample(page, 'iam-list-users');
  }
  await expectText(page, 'signature', '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  await assertHealthy(page, log);
});

test('an empty signing time signs at the current time, and keeps up with the clock', async (t) => {
  const { page, log } = await openApp(t);
  await loadExample(page, 'api-gateway');
  await $(page, 'signing-time').fill('');
  const amzDate = async () => (await readOutputs(page))['string-to-sign'].split('\n')[1];
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="string-to-sign"]').textContent.includes('\n20240115T093000Z\n'),
  );
  const first = await amzDate();
  const skew = Math.abs(Date.parse(isoFromAmzDate(first)) - Date.now());
  assert.ok(skew < 5_000, `signed at ${first}, ${skew} ms from this machine's clock`);
  // The next second brings a new date and a new signature, signed as the CLI signs it.
  await page.waitForFunction(
    (first) => !document.querySelector('[data-testid="string-to-sign"]').textContent.includes(`\n${first}\n`),
    first,
    { timeout: 3_000 },
  );
  const outputs = await readOutputs(page);
  const { json, time } = await cliForForm(page, outputs);
  assert.notEqual(time, isoFromAmzDate(first));
  assert.equal(outputs.signature, json.signature, `signature at ${time}`);
  assert.equal(outputs.authorization, json.authorization);
  await assertHealthy(page, log);
});

// --- secrets fields -----------------------------------------------------------------

test('secrets stay hidden until shown, and Clear empties every credential', async (t) => {
  const { page, log } = await openApp(t);
  await $(page, 'credentials-input').fill(
    'export AWS_ACCESS_KEY_ID=ASIAEXAMPLEKEY123456\n' +
      `export AWS_SECRET_ACCESS_KEY=${SECRET}\n` +
      'export AWS_SESSION_TOKEN=TOKENEXAMPLE1234\n',
  );
  await expectValue(page, 'session-token', 'TOKENEXAMPLE1234');
  for (const id of ['secret-access-key', 'session-token']) {
    assert.equal(await $(page, id).getAttribute('type'), 'password', `${id} is hidden`);
  }
  const show = $(page, 'show-secrets');
  assert.equal(await show.getAttribute('aria-pressed'), 'false');
  const pressed = (value) =>
    page.waitForFunction((v) => document.querySelector('[data-testid="show-secrets"]').ariaPressed === v, value);
  await show.click();
  await pressed('true');
  for (const id of ['secret-access-key', 'session-token']) {
    assert.equal(await $(page, id).getAttribute('type'), 'text', `${id} is shown`);
  }
  await show.click();
  await pressed('false');
  assert.equal(await $(page, 'secret-access-key').getAttribute('type'), 'password');

  await $(page, 'clear-credentials').click();
  for (const id of ['credentials-input', 'access-key-id', 'secret-access-key', 'session-token']) {
    await expectValue(page, id, '');
  }
  await assertHealthy(page, log);
});

// --- 2. every example -----------------------------------------------------------------

test('every example signs, aws-sigv4 agrees, and the CLI computes the same values', async (t) => {
  const { page, log } = await openApp(t);
  for (const id of PRESETS) {
    await loadExample(page, id);
    await expectText(page, 'cross-check', 'agrees');
    const outputs = await readOutputs(page);
    assert.match(outputs.signature, HEX64, `${id}: signature`);
    const { json, request } = await cliForForm(page, outputs);
    // The example's request is also what the form holds.
    assert.ok(request.length > 0, `${id}: the request paste box holds the example`);
    await expectOutputs(page, expectedOutputs(json));
    if (id === 's3-presign') {
      assert.equal(await $(page, 'mode').inputValue(), 'presign');
      assert.ok(outputs['signed-url'].includes(`X-Amz-Signature=${outputs.signature}`), 'the URL carries the signature');
      assert.equal(outputs.authorization, null, 'no Authorization header in presign mode');
      // The S3 documentation's presigned URL example.
      assert.equal(outputs.signature, 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
    } else {
      assert.ok(outputs.authorization.endsWith(`Signature=${outputs.signature}`), `${id}: authorization`);
      assert.equal(outputs['signed-url'], null, `${id}: no signed URL in header mode`);
    }
    if (id === 'iam-list-users') {
      assert.equal(outputs.signature, '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
    }
    t.diagnostic(`${id}: ${outputs.signature}`);
  }
  await assertHealthy(page, log);
});

// --- 3. presign ---------------------------------------------------------------------------

test('presign mode with a 300 s expiry gives the URL the CLI gives', async (t) => {
  const { page, log } = await openApp(t);
  await loadExample(page, 'iam-list-users');
  await $(page, 'mode').selectOption('presign');
  await $(page, 'expires').fill('300');
  await expectText(page, 'signed-url', /X-Amz-Expires=300(&|$)/);
  const outputs = await readOutputs(page);
  const { json } = await cliForForm(page, outputs);
  assert.ok(json.signed_url.includes('X-Amz-Expires=300'));
  await expectOutputs(page, expectedOutputs(json));
  assert.equal(await $(page, 'authorization').count(), 0, 'no Authorization header in presign mode');
  assert.ok(json.signed_url.includes(`X-Amz-Signature=${json.signature}`));
  await assertHealthy(page, log);
});

// --- 4. malformed input ---------------------------------------------------------------------

test('an unbalanced quote is pointed at, the paste is kept, and fixing it signs', async (t) => {
  const { page, log } = await openApp(t);
  await $(page, 'credentials-input').fill(PROFILE);
  await $(page, 'signing-time').fill(TIME);
  const broken = "curl 'https://example.amazonaws.com/";
  await $(page, 'request-input').fill(broken);
  await expectText(page, 'request-error', /quote/i);
  await expectText(page, 'request-error-span', "'");
  assert.equal(await $(page, 'request-error-span').evaluate((e) => e.tagName), 'MARK');
  assert.equal(await $(page, 'request-input').inputValue(), broken, 'the paste is kept as typed');
  assert.equal(await $(page, 'crash').count(), 0);

  // The rest of the page still answers.
  await $(page, 'mode').selectOption('presign');
  await $(page, 'mode').selectOption('header');
  await $(page, 'region').fill('us-east-1');
  await $(page, 'region').fill('');

  const fixed = "curl 'https://example.amazonaws.com/'";
  await $(page, 'request-input').fill(fixed);
  const json = await cli({ request: fixed, credentials: PROFILE, args: ['--time', TIME] });
  await expectOutputs(page, expectedOutputs(json));
  assert.equal(await $(page, 'request-error').count(), 0, 'the error is gone');
  assert.equal(await $(page, 'request-error-span').count(), 0, 'the error mark is gone');
  await assertHealthy(page, log);
});

test('a raw HTTP header line without a colon is pointed at as a whole line', async (t) => {
  const { page, log } = await openApp(t);
  const broken = 'GET / HTTP/1.1\nHost: example.amazonaws.com\nX-Amz-Date 20150830T123600Z\n\n';
  await $(page, 'request-input').fill(broken);
  await expectText(page, 'request-error-span', 'X-Amz-Date 20150830T123600Z');
  await expectText(page, 'request-error', /:/);
  assert.equal(await $(page, 'request-input').inputValue(), broken);
  await assertHealthy(page, log);
});

test('a credentials paste that cannot be read is pointed at, and is kept', async (t) => {
  const { page, log } = await openApp(t);
  const broken = '[default]\naws_access_key_id AKIDEXAMPLE\n';
  await $(page, 'credentials-input').fill(broken);
  await $(page, 'credentials-error').waitFor();
  const span = await $(page, 'credentials-error-span').textContent();
  assert.ok(span.length > 0 && broken.includes(span), `the mark holds text from the paste: ${JSON.stringify(span)}`);
  assert.equal(await $(page, 'credentials-input').inputValue(), broken);
  await assertHealthy(page, log);
});

// --- 5. nothing leaves the page ---------------------------------------------------------------------

test('a whole session sends, stores and logs nothing', async (t) => {
  const key = 'ASIAEXAMPLELEAKCHECK';
  const secret = 'LeakCheckSecret/K7MDENG+bPxRfiCYzzzzzzzz';
  const token = 'IQoJb3JpZ2luX2VjELEAKCHECKTOKEN//////////wEaCXVzLWVhc3QtMSJGMEQCIEXAMPLE';
  const credentials =
    `export AWS_ACCESS_KEY_ID=${key}\nexport AWS_SECRET_ACCESS_KEY=${secret}\nexport AWS_SESSION_TOKEN=${token}\n`;

  const context = await newContext(t, { permissions: ['clipboard-read', 'clipboard-write'] });
  const routed = [];
  await context.route('**/*', (route) => {
    routed.push(route.request().url());
    return route.continue();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const log = watch(page);
  const navigations = [];
  page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
  const servedBefore = site.served.length;
  const home = `${site.origin}/`;
  await page.goto(home);
  await $(page, 'request-input').waitFor();
  const requestsAtLoad = log.requests.length;
  const routedAtLoad = routed.length;

  for (const id of PRESETS) await loadExample(page, id);
  await $(page, 'credentials-input').fill(credentials);
  await expectValue(page, 'session-token', token);
  await $(page, 'request-input').fill(CHROME_CURL);
  await $(page, 'signing-time').fill('');
  await expectText(page, 'authorization', new RegExp(`Credential=${key}/`));
  await $(page, 'show-secrets').click();
  await $(page, 'show-secrets').click();
  await $(page, 'mode').selectOption('presign');
  await $(page, 'expires').fill('60');
  await expectText(page, 'signed-url', /X-Amz-Expires=60(&|$)/);
  await $(page, 'error-input').fill(
    '<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error>',
  );
  await $(page, 'error-input').press('End');
  await page.keyboard.type(' more');
  // Verify: the page's own signed request, pasted back and checked against the secret.
  await $(page, 'mode').selectOption('header');
  await expectText(page, 'authorization', new RegExp(`Credential=${key}/`));
  const signedCurl = await $(page, 'signed-curl').textContent();
  await $(page, 'request-input').fill(signedCurl);
  await $(page, 'verify-mode').check();
  await expectText(page, 'verify-result', 'matches');
  await $(page, 'verify-mode').uncheck();
  await $(page, 'body-file').setInputFiles({ name: 'b.txt', mimeType: 'text/plain', buffer: Buffer.from('x=1') });
  // A fixed time again, so that what a copy button copies cannot change under it.
  await $(page, 'signing-time').fill(TIME);
  await expectText(page, 'string-to-sign', /\n20150830T123600Z\n/);

  // Every copy button copies exactly what its output shows.
  const copies = await page.locator('[data-testid^="copy-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  assert.ok(copies.includes('copy-signature'), `copy buttons: ${copies}`);
  for (const copy of copies) {
    const target = copy.slice('copy-'.length);
    assert.equal(await $(page, target).count(), 1, `${copy} has its output ${target}`);
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await $(page, copy).click();
    const shown = await $(page, target).textContent();
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await until(async () => (await clipboard()) === shown);
    assert.equal(await clipboard(), shown, `${copy} copies ${target}`);
  }

  // Nothing was sent: no request after the start, none routed, the server saw only dist/ files.
  assert.deepEqual(log.requests.slice(requestsAtLoad), [], 'requests after the page started');
  assert.deepEqual(routed.slice(routedAtLoad), [], 'requests routed after the page started');
  await assertOnlyDistFiles({ origin: site.origin, requests: log.requests, served: site.served.slice(servedBefore) });

  // Nothing was kept, and the address never changed.
  await assertNothingStored(context, page);
  assert.equal(page.url(), home);
  assert.deepEqual(navigations, [home], 'the page navigated');

  // The console held nothing (less Chromium's known note), and never a key.
  const said = log.console.filter((m) => !isKnownNoise(m));
  for (const m of log.console) {
    const secrets = { secret, 'session token': token, 'access key id': key, 'example secret': SECRET };
    for (const [what, s] of Object.entries(secrets)) {
      assert.ok(!m.text.includes(s), `the console printed the ${what}: ${m.type}: ${m.text}`);
    }
  }
  assert.deepEqual(said, [], 'console messages');
  // The secret key is typed into fields, never written into the page (text or attributes).
  // (The session token does appear: it is a header of the signed request shown.)
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  assert.ok(!html.includes(secret), 'the secret access key is written into the page markup');

  // The locked policy is in place and holds: no connection, not even to the page's server.
  const csp = await page.evaluate(() =>
    [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')].map((m) => m.content),
  );
  assert.ok(csp.some((c) => /(^|;)\s*connect-src 'none'\s*(;|$)/.test(c)), `CSP metas: ${csp}`);
  const servedBeforeFetch = site.served.length;
  const fetched = await page.evaluate(() => fetch('/x').then(() => 'sent', () => 'rejected'));
  assert.equal(fetched, 'rejected');
  assert.deepEqual(site.served.slice(servedBeforeFetch), [], 'the server was asked for /x');
  assert.equal(await $(page, 'crash').count(), 0);
  assert.deepEqual(log.errors, [], 'uncaught exceptions');
});

// --- 6. accessibility ---------------------------------------------------------------------------

/** Runs axe-core in the page, served from the page's own origin (the CSP allows script-src 'self'). */
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ url: `${site.origin}/axe.min.js` });
  }
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.ok(result.passes.length > 10, `axe ran (${result.passes.length} rules passed)`);
  return {
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    })),
    // Rules axe could not decide alone (e.g. contrast over a background it cannot compute).
    incomplete: result.incomplete.map((v) => `${v.id} (${v.nodes.length})`),
  };
}

test('axe finds nothing serious with an example loaded or an error shown', async (t) => {
  const source = await fs.readFile(AXE, 'utf8');
  const { page, log } = await openApp(t);
  await page.route(`${site.origin}/axe.min.js`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: source }),
  );
  await loadExample(page, 'iam-list-users');
  const loaded = await axe(page);
  await $(page, 'request-input').fill("curl 'https://example.amazonaws.com/");
  await $(page, 'request-error').waitFor();
  const withError = await axe(page);
  for (const [state, { violations, incomplete }] of [['example loaded', loaded], ['request error shown', withError]]) {
    if (incomplete.length) t.diagnostic(`${state}: for a person to check: ${incomplete.join(', ')}`);
    for (const v of violations) t.diagnostic(`${state}: ${v.impact} ${v.id} (${v.help}): ${v.nodes.join(' | ')}`);
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad, [], `${state}: serious or critical violations`);
  }
  await assertHealthy(page, log);
});

// --- 7. keyboard ----------------------------------------------------------------------------------

test('Tab reaches every control, and each has an accessible name', async (t) => {
  const { page, log } = await openApp(t);
  await loadExample(page, 'iam-list-users');
  // Every visible, enabled control on the page (with every <details> opened, as a
  // keyboard user opens them with Enter), each marked so it can be found again.
  const controls = await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    return [...document.querySelectorAll('input, select, textarea, button, a[href], summary, [tabindex]')]
      .filter((e) => !e.disabled && e.tabIndex >= 0 && e.checkVisibility({ visibilityProperty: true }))
      .map((e, i) => {
        e.dataset.e2eControl = String(i);
        return e.dataset.testid || `${e.tagName.toLowerCase()} #${i}`;
      });
  });
  assert.ok(controls.includes('request-input') && controls.includes('examples'), `controls: ${controls}`);

  // Start from the top: a click on the page's top-left corner (no control there) sets
  // the sequential focus navigation starting point.
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  await page.mouse.click(1, 1);
  const reached = [];
  const markers = {};
  for (let i = 0; i < controls.length + 20; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      return {
        id: e.dataset.testid || `${e.tagName.toLowerCase()} #${e.dataset.e2eControl}`,
        marker: e.dataset.e2eControl,
        control: e.matches('input, select, textarea, button, a[href], summary'),
      };
    });
    if (at === null || (reached.length > 0 && at.id === reached[0])) break;
    reached.push(at.id);
    markers[at.id] = at;
  }
  const missed = controls.filter((c) => !reached.includes(c));
  assert.deepEqual(missed, [], `controls Tab never reached (reached: ${reached.join(', ')})`);

  // Names as assistive technology computes them (Playwright's accessible-name algorithm).
  const names = {};
  for (const id of reached.filter((r) => markers[r].control)) {
    const loc = page.locator(`[data-e2e-control="${markers[id].marker}"]`);
    const snapshot = await loc.first().ariaSnapshot();
    const m = /^- [\w-]+ "((?:[^"\\]|\\.)+)"/.exec(snapshot.split('\n')[0]);
    names[id] = m ? m[1] : '';
    // Playwright's snapshot gives <summary> no role; its name is its content (HTML-AAM).
    if (!names[id] && (await loc.first().evaluate((e) => e.tagName)) === 'SUMMARY') {
      names[id] = (await loc.first().textContent()).trim();
    }
    if (!names[id]) t.diagnostic(`${id}: ${snapshot.split('\n')[0]}`);
  }
  const unnamed = Object.entries(names).filter(([, n]) => !n.trim()).map(([id]) => id);
  assert.deepEqual(unnamed, [], 'controls without an accessible name');
  const byName = {};
  for (const [id, n] of Object.entries(names)) (byName[n] ??= []).push(id);
  for (const [n, ids] of Object.entries(byName)) {
    if (ids.length > 1) t.diagnostic(`note: ${ids.length} controls share the name "${n}": ${ids.join(', ')}`);
  }
  await assertHealthy(page, log);
});

// --- 8. phone width ---------------------------------------------------------------------------------

test('the app fits a phone screen with an example, a long curl and an error', async (t) => {
  const desktop = await openApp(t);
  await loadExample(desktop.page, 'iam-list-users');
  await screenshot(desktop.page, 'app.png');
  await assertHealthy(desktop.page, desktop.log);

  const { page, log } = await openApp(t, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await loadExample(page, 'iam-list-users');
  assert.ok((await overflow()) <= 0, `with an example the page scrolls sideways by ${await overflow()}px at 375px`);
  await screenshot(page, 'app-mobile.png');
  await $(page, 'credentials-input').fill(PROFILE);
  await $(page, 'request-input').fill(CHROME_CURL);
  await expectText(page, 'authorization', /SignedHeaders=accept;/);
  assert.ok((await overflow()) <= 0, `with a long curl the page scrolls sideways by ${await overflow()}px`);
  await $(page, 'request-input').fill(`${CHROME_CURL} '`);
  await $(page, 'request-error').waitFor();
  assert.ok((await overflow()) <= 0, `with a request error the page scrolls sideways by ${await overflow()}px`);
  // A signed request whose signature does not match: the finding quotes both 64-digit
  // signatures in a sentence, which once widened the page to 677px (and pushed the pinned
  // verdict off screen).
  const amz = new Date(Date.now() - 60_000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  await $(page, 'request-input').fill(
    `POST / HTTP/1.1\nHost: sts.eu-west-1.amazonaws.com\nContent-Type: application/x-www-form-urlencoded\nX-Amz-Date: ${amz}\n` +
      `Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${amz.slice(0, 8)}/eu-west-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${'a'.repeat(64)}\n\nAction=GetCallerIdentity&Version=2011-06-15`,
  );
  await $(page, 'finding-signature-mismatch').waitFor();
  assert.ok((await overflow()) <= 0, `with a signature mismatch the page scrolls sideways by ${await overflow()}px`);
  const pinned = await $(page, 'verdict').boundingBox();
  assert.ok(pinned && pinned.x + pinned.width <= 375 && pinned.y + pinned.height <= 740, `the pinned verdict is on screen: ${JSON.stringify(pinned)}`);
  await assertHealthy(page, log);
});
