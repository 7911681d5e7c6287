// Page figures for `make bench`: time to first render and keystroke → updated steps, in
// headless Chromium on localhost, against the release site in dist/ (`make dist`).
// Prints figures; asserts nothing about speed (the test tiers check behaviour).
//
//   node bench/page.mjs [EDITS] [--json]    (default 200 edits)
//
// The site is dist/, or SIGV4_LAB_DIST (read by tests/e2e/helpers.mjs).
// --json: stdout is one JSON line instead of the text (times in ms):
//   {"chromium":…,"dist":…,"first_render_ms":{"median","max","runs","samples"},
//    "keystroke_ms":{"p50","p95","max","edits","headers":20,"body_bytes":10240}}

import { DIST, serve, launchBrowser } from '../tests/e2e/helpers.mjs';

const JSON_OUT = process.argv.includes('--json');
const EDITS = Number(process.argv.slice(2).filter((a) => a !== '--json')[0] || 200);
const RUNS = 5;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** A request with 20 headers and a 10 KB body, as raw HTTP. */
function bigRequest() {
  const headers = Array.from({ length: 18 }, (_, i) => `X-Amz-Meta-Field-${i}: value ${i} with  some   spaces`);
  const body = 'x'.repeat(10 * 1024);
  return [
    'PUT /bucket/data.bin HTTP/1.1',
    'Host: examplebucket.s3.eu-west-1.amazonaws.com',
    'Content-Type: application/octet-stream',
    ...headers,
    '',
    body,
  ].join('\n');
}

const site = await serve();
const browser = await launchBrowser();
try {
  // First render: navigation start → the signature on screen (fresh context each run).
  const firsts = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.querySelector('[data-testid="signature"]')) {
          window.__firstRender = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${site.origin}/`);
    await page.waitForFunction(() => window.__firstRender !== undefined, null, { timeout: 30_000 });
    firsts.push(await page.evaluate(() => window.__firstRender));
    await context.close();
  }

  // Keystrokes: each edit of a header value, until the signature on screen changes.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.origin}/`);
  await page.locator('[data-testid="signature"]').waitFor();
  await page.locator('[data-testid="request-input"]').fill(bigRequest());
  await page.locator('[data-testid="header-value-3"]').waitFor();
  const times = await page.evaluate(async (edits) => {
    const field = document.querySelector('[data-testid="header-value-3"]');
    const sig = () => document.querySelector('[data-testid="signature"]')?.textContent;
    const out = [];
    for (let i = 0; i < edits; i++) {
      const before = sig();
      const t0 = performance.now();
      field.value = `value 3 edit ${i}`;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      // Resolved by the DOM change itself (a MutationObserver), not by a frame tick.
      await new Promise((resolve) => {
        if (sig() !== before) return resolve();
        const obs = new MutationObserver(() => {
          if (sig() !== before) {
            obs.disconnect();
            resolve();
          }
        });
        obs.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      out.push(performance.now() - t0);
    }
    return out;
  }, EDITS);
  await context.close();

  const ms = (x) => `${x.toFixed(1)} ms`;
  const round = (x) => Number(x.toFixed(2));
  if (JSON_OUT) {
    console.log(
      JSON.stringify({
        chromium: browser.version(),
        dist: DIST,
        first_render_ms: {
          median: round(pct(firsts, 50)),
          max: round(Math.max(...firsts)),
          runs: RUNS,
          samples: firsts.map(round),
        },
        keystroke_ms: {
          p50: round(pct(times, 50)),
          p95: round(pct(times, 95)),
          max: round(Math.max(...times)),
          edits: EDITS,
          headers: 20,
          body_bytes: 10 * 1024,
        },
      }),
    );
  } else {
    console.log(`page (headless Chromium ${browser.version()}, localhost, release dist/)`);
    console.log(`  first render     median ${ms(pct(firsts, 50))}  max ${ms(Math.max(...firsts))}  (${RUNS} runs)`);
    console.log(`  keystroke→steps  p50 ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}  max ${ms(Math.max(...times))}  (${EDITS} edits, 20 headers, 10 KB body)`);
  }
} finally {
  await browser.close();
  await site.close();
}
