// Browser tier: the teaching features. The walkthrough of AWS's documentation example marks,
// at each step, exactly the bytes that step produces, and they are the engine's values (the
// page's own outputs, and AWS's published hash, kSigning and signature for the example).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteAndBrowser, openApp, $, expectText } from './helpers.mjs';

const env = siteAndBrowser();

/** What each step marks in the AWS example, and in which output of the page it sits. */
const AWS_EXAMPLE = [
  ['canonical-request', 'GET'],
  ['canonical-request', '/'],
  ['canonical-request', 'Action=ListUsers&Version=2010-05-08'],
  [
    'canonical-request',
    'content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z',
  ],
  ['canonical-request', 'content-type;host;x-amz-date'],
  ['canonical-request', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['canonical-request-hash', 'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59'],
  ['string-to-sign', '20150830/us-east-1/iam/aws4_request'],
  ['k-signing', 'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9'],
  ['signature', '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7'],
  ['authorization', 'Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7'],
];

test('the walkthrough marks, step by step, the exact bytes of AWS\'s example, as the page computes them', async (t) => {
  const { page, log } = await openApp(t, env);
  // Start from something else: the walkthrough loads the example itself.
  await $(page, 'examples').selectOption('s3-presign');
  await $(page, 'walkthrough-start').click();
  await expectText(page, 'signature', AWS_EXAMPLE[9][1]);

  for (let n = 0; n < AWS_EXAMPLE.length; n++) {
    const [output, marked] = AWS_EXAMPLE[n];
    await expectText(page, 'walkthrough-step', new RegExp(`^Step ${n + 1} of ${AWS_EXAMPLE.length}: `));
    // The value is the page's own output, unchanged; the mark is this step's bytes.
    const value = await $(page, 'walkthrough-value').textContent();
    assert.equal(value, await $(page, output).textContent(), `step ${n + 1}: the value is the ${output} shown below`);
    assert.equal(await $(page, 'walkthrough-mark').textContent(), marked, `step ${n + 1}: what is marked`);
    assert.ok((await $(page, 'walkthrough-text').textContent()).length > 80, `step ${n + 1} explains itself`);
    assert.match(await $(page, 'walkthrough-link').getAttribute('href'), /^https:\/\/docs\.aws\.amazon\.com\//);
    assert.equal(await $(page, 'walkthrough-link').getAttribute('rel'), 'noopener noreferrer');
    // The output itself is outlined among the steps.
    assert.equal(
      await page.locator('.walkthrough-target').getAttribute('data-testid'),
      output,
      `step ${n + 1} outlines its output`,
    );
    if (n + 1 < AWS_EXAMPLE.length) await $(page, 'walkthrough-next').click();
  }
  assert.ok(await $(page, 'walkthrough-next').isDisabled(), 'the last step has no Next');
  await $(page, 'walkthrough-back').click();
  await expectText(page, 'walkthrough-step', /^Step 10 of 11: The signature$/);
  // The keyboard works too.
  await $(page, 'walkthrough-back').focus();
  await page.keyboard.press('Enter');
  await expectText(page, 'walkthrough-step', /^Step 9 of 11: /);
  await $(page, 'walkthrough-close').click();
  await $(page, 'walkthrough-start').waitFor();
  assert.equal(await page.locator('.walkthrough-target').count(), 1, 'the last outline stays until the next walk');
  assert.deepEqual(log.problems(), [], 'console errors or warnings, or uncaught exceptions');
});

test('what-if: a space after the secret changes the keys and the signature, names key-whitespace; Undo restores', async (t) => {
  const { page, log } = await openApp(t, env);
  await $(page, 'examples').selectOption('iam-list-users');
  await expectText(page, 'signature', AWS_EXAMPLE[9][1]);
  const before = {
    canonical: await $(page, 'canonical-request').textContent(),
    kDate: await $(page, 'k-date').textContent(),
    secret: await $(page, 'secret-access-key').inputValue(),
  };

  await $(page, 'whatif-secret-trailing-space').click();
  await $(page, 'whatif-result').waitFor();
  assert.equal(await $(page, 'whatif-secret-trailing-space').getAttribute('aria-pressed'), 'true');
  assert.match(await $(page, 'whatif-description').textContent(), /space/i);
  assert.match(await $(page, 'whatif-changed').textContent(), /kDate/);
  // Only the key and what follows changed: the canonical request and string to sign did not.
  assert.equal(await $(page, 'canonical-request').textContent(), before.canonical);
  assert.notEqual(await $(page, 'k-date').textContent(), before.kDate);
  for (const n of [4, 5, 6]) assert.equal(await $(page, `changed-step-${n}`).count(), 1, `step ${n} is marked changed`);
  for (const n of [1, 2, 3]) assert.equal(await $(page, `changed-step-${n}`).count(), 0, `step ${n} is not marked`);
  const sig = await $(page, 'signature').textContent();
  const differing = [...sig].filter((c, i) => c !== AWS_EXAMPLE[9][1][i]).length;
  assert.match(await $(page, 'whatif-digits').textContent(), new RegExp(`changed in ${differing} of its 64`));
  assert.ok(differing > 40, `the signature changed completely (${differing} of 64 digits)`);
  assert.match(await $(page, 'whatif-aws-answer').textContent(), /HTTP 403 SignatureDoesNotMatch/);
  assert.equal(await $(page, 'whatif-finding').textContent(), 'key-whitespace');
  await $(page, 'finding-key-whitespace').waitFor();
  // The inputs themselves are untouched.
  assert.equal(await $(page, 'secret-access-key').inputValue(), before.secret);

  await $(page, 'whatif-undo').click();
  await expectText(page, 'signature', AWS_EXAMPLE[9][1]);
  assert.equal(await $(page, 'whatif-result').count(), 0);
  assert.equal(await page.locator('.card.step.changed').count(), 0, 'no step is marked after Undo');
  assert.equal(await $(page, 'finding-key-whitespace').count(), 0);
  assert.deepEqual(log.problems(), [], 'console errors or warnings, or uncaught exceptions');
});

test('what-if: every mistake on every example either applies with AWS\'s answer or says why it cannot', async (t) => {
  const { page, log } = await openApp(t, env);
  const mistakes = ['wrong-region', 'secret-trailing-space', 'header-left-out', 'path-encoded-once', 'clock-off', 'token-missing'];
  for (const example of ['iam-list-users', 's3-get-session-token', 's3-presign', 'sts-get-caller-identity', 'api-gateway']) {
    await $(page, 'examples').selectOption(example);
    await expectText(page, 'signature', /^[0-9a-f]{64}$/);
    for (const m of mistakes) {
      await $(page, `whatif-${m}`).click();
      await page.locator('[data-testid="whatif-result"], [data-testid="whatif-unavailable"]').first().waitFor();
      if (await $(page, 'whatif-result').count()) {
        const answer = await $(page, 'whatif-aws-answer').textContent();
        assert.match(answer, /^(AWS would answer HTTP \d{3} \w+: “.+”|AWS would accept this request\.)/, `${example} × ${m}`);
        if (await $(page, 'whatif-finding').count()) {
          const id = await $(page, 'whatif-finding').textContent();
          assert.match(id, /^[a-z0-9-]+$/, `${example} × ${m}: finding id`);
        }
      } else {
        assert.match(await $(page, 'whatif-unavailable').textContent(), /\w+.*\.$/, `${example} × ${m}: a sentence`);
      }
      await $(page, 'whatif-undo').click();
      await $(page, 'whatif-undo').waitFor({ state: 'detached' });
    }
  }
  assert.equal(await $(page, 'crash').count(), 0);
  assert.deepEqual(log.problems(), [], 'console errors or warnings, or uncaught exceptions');
});

/** Text of the lit lines of a multi-line output. */
async function litLines(page, id) {
  return page.locator(`[data-testid="${id}"] .ln.lit`).evaluateAll((els) => els.map((e) => e.textContent.replace(/\n$/, '')));
}

test('pointing at a part of the input lights what it produced in every step, and the reverse', async (t) => {
  const { page, log } = await openApp(t, env);
  await $(page, 'examples').selectOption('iam-list-users');
  await expectText(page, 'signature', AWS_EXAMPLE[9][1]);
  const hash = AWS_EXAMPLE[6][1];

  // Focus, from the keyboard (the mouse has not moved): the secret lights every key and the
  // signature, nothing before them.
  await $(page, 'secret-access-key').focus();
  assert.deepEqual(await litLines(page, 'canonical-request'), []);
  assert.equal(await page.locator('.chain li.lit').count(), 5, 'kSecret, kDate, kRegion, kService, kSigning');
  assert.equal(await page.locator('.lit-box.lit [data-testid="signature"]').count(), 1, 'the signature is lit');
  // The region: the scope line and kRegion onwards.
  await $(page, 'region').focus();
  assert.deepEqual(await litLines(page, 'string-to-sign'), ['20150830/us-east-1/iam/aws4_request']);
  assert.equal(await page.locator('.chain li.lit').count(), 3);
  // The signing time: X-Amz-Date in the canonical request, the date and scope lines, every key.
  await $(page, 'signing-time').focus();
  assert.deepEqual(await litLines(page, 'canonical-request'), ['x-amz-date:20150830T123600Z']);
  assert.deepEqual(await litLines(page, 'string-to-sign'), ['20150830T123600Z', '20150830/us-east-1/iam/aws4_request', hash]);
  await $(page, 'signing-time').blur();
  assert.equal(await page.locator('.lit').count(), 0, 'nothing stays lit');

  // Hover: a header row lights its canonical line, the signed header names and the hash line.
  const rowIndex = await page
    .locator('[data-testid^="header-name-"]')
    .evaluateAll((els) => els.findIndex((e) => e.value.toLowerCase() === 'content-type'));
  assert.ok(rowIndex >= 0, 'the example has a Content-Type row');
  const ctRow = $(page, `header-row-${rowIndex}`);
  await ctRow.hover();
  assert.deepEqual(await litLines(page, 'canonical-request'), [
    'content-type:application/x-www-form-urlencoded; charset=utf-8',
    'content-type;host;x-amz-date',
  ]);
  assert.deepEqual(await litLines(page, 'string-to-sign'), [hash]);
  assert.equal(await page.locator('.chain li.lit').count(), 0, 'a header does not touch the keys');

  // The reverse: a canonical line lights the input it came from.
  await page.locator('[data-testid="canonical-request"] .ln').nth(2).hover();
  assert.equal(await page.locator('.field.lit [data-testid="url"]').count(), 1, 'the query line lights the URL');
  await page.locator('[data-testid="canonical-request"] .ln', { hasText: 'host:iam.amazonaws.com' }).hover();
  assert.equal(
    await page.locator('.header-row.lit input[data-testid^="header-name-"]').evaluate((e) => e.value),
    'Host',
    'the host line lights the Host header row the request has',
  );
  await page.locator('[data-testid="canonical-request"] .ln', { hasText: 'content-type:application' }).hover();
  assert.equal(await ctRow.evaluate((e) => e.classList.contains('lit')), true, 'a header line lights its row');
  await page.locator('[data-testid="string-to-sign"] .ln').nth(1).hover();
  assert.equal(await page.locator('.field.lit [data-testid="signing-time"]').count(), 1, 'the date line lights the signing time');
  assert.deepEqual(log.problems(), [], 'console errors or warnings, or uncaught exceptions');
});
