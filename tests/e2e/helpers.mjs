// Shared by the browser tests (tests/e2e/*.test.mjs): a static server for dist/
// that logs every path it serves, a headless Chromium launched from a fresh
// profile, a recorder for a page's requests and console, and the checks that
// nothing left the page. Never downloads a browser: it runs /usr/bin/chromium
// (or CHROMIUM=path) through the npm package playwright-core.

import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import http from 'node:http';
import fs from 'node:fs/promises';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// SIGV4_LAB_DIST points the tests at another build (e.g. a dev build); default dist/.
export const DIST = path.resolve(process.env.SIGV4_LAB_DIST || path.join(ROOT, 'dist'));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * A static file server for `dir` on 127.0.0.1 and a random port.
 * Resolves to { server, origin, served, close }: `served` lists the path of every
 * request it received, in order, whether or not a file answered it.
 */
export async function serve(dir = DIST) {
  assert.ok(existsSync(path.join(dir, 'index.html')), `${dir}/index.html is missing: run \`make dist\` first`);
  const served = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    served.push(url.pathname + url.search);
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    origin: `http://127.0.0.1:${server.address().port}`,
    served,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const profiles = new WeakMap();

/** Chromium's flags: headless, no sandbox (root in CI), and none of its own network traffic. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Headless Chromium, for tests that each want a context of their own:
 * `browser.newContext(options)` is empty (an incognito-like profile) and costs
 * milliseconds. Close it with `browser.close()`.
 */
export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ ...NO_SERVICE_WORKER, ...options });
  return browser;
}

/**
 * Contexts start with the page's service worker (web/sw.js, offline support) blocked, unless a
 * test passes `serviceWorkers: 'allow'` (tests/e2e/offline.test.mjs does): its install fetches
 * the page's files in the background, which would race the "no request after load" checks.
 */
export const NO_SERVICE_WORKER = { serviceWorkers: 'block' };

/**
 * Headless Chromium on a fresh, empty profile: a new browser context that shares
 * nothing (storage, cookies, cache) with any other. `options` are Playwright's
 * context options (viewport, bypassCSP, permissions...). Close it with `close()`.
 */
export async function launch(options = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'sigv4-lab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1000, height: 800 },
    ...NO_SERVICE_WORKER,
    ...options,
  });
  profiles.set(context, profile);
  return context;
}

/** Closes a context from `launch()` and deletes its profile. */
export async function close(context) {
  if (!context) return;
  await context.close();
  const profile = profiles.get(context);
  if (profile) rmSync(profile, { recursive: true, force: true });
}

/** Chromium's note that it does not check `integrity` on Trunk's wasm
 * <link rel=preload as=fetch>; web/boot.js passes the same integrity to fetch(),
 * which does check it: the one console message a clean start prints. And Playwright's
 * note that it refused the service worker (contexts start with it blocked). */
export function isKnownNoise(message) {
  if (message.type !== 'warning') return false;
  // Playwright's own note in contexts made with NO_SERVICE_WORKER (web/boot.js's register() is refused).
  if (message.text === 'Service Worker registration blocked by Playwright') return true;
  return message.text.includes('crbug.com/981419');
}

/**
 * Records what a page does: `requests` (every URL it asked for), `console`
 * (every message, of every type: { type, text }), `errors` (uncaught exceptions).
 * `problems()` lists console errors and warnings (less the known note) and page errors.
 */
export function watch(page) {
  const log = { requests: [], console: [], errors: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.errors.push(e.message));
  log.problems = () => [
    ...log.console
      .filter((m) => (m.type === 'error' || m.type === 'warning') && !isKnownNoise(m))
      .map((m) => `console ${m.type}: ${m.text}`),
    ...log.errors.map((e) => `page error: ${e}`),
  ];
  return log;
}

/** The paths a request may have for a file of dist/: '/', '/index.html', '/app.wasm', ... */
export async function distPaths(dir = DIST) {
  const paths = new Set(['/']);
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath ?? entry.path, entry.name);
    paths.add('/' + path.relative(dir, full).split(path.sep).join('/'));
  }
  return paths;
}

/**
 * Asserts that the page asked only for its own files: every URL in `requests`
 * is on `origin` (or a data: URL) and names a file of dist/, and so does every
 * path in `served` (the server's own log), with no query string.
 */
export async function assertOnlyDistFiles({ origin, requests = [], served = [] }, dir = DIST) {
  const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'requests to other origins');
  const files = await distPaths(dir);
  const unknownRequested = requests
    .filter((u) => u.startsWith(`${origin}/`))
    .map((u) => {
      const url = new URL(u);
      return url.pathname + url.search;
    })
    .filter((p) => !files.has(p));
  assert.deepEqual(unknownRequested, [], 'the page requested paths that are not files in dist/');
  const unknownServed = served.filter((p) => !files.has(p));
  assert.deepEqual(unknownServed, [], 'the server was asked for paths that are not files in dist/');
}

/** Asserts that the page's origin holds nothing: storage, cookies, databases, caches, workers. */
export async function assertNothingStored(context, page) {
  const stored = await page.evaluate(async () => {
    const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
    return {
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      documentCookie: document.cookie,
      indexedDB: (await indexedDB.databases()).map((d) => d.name),
      caches: typeof caches === 'undefined' ? [] : await caches.keys(),
      serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
    };
  });
  assert.deepEqual(
    stored,
    { localStorage: {}, sessionStorage: {}, documentCookie: '', indexedDB: [], caches: [], serviceWorkers: 0 },
    'the page stored something',
  );
  assert.deepEqual(await context.cookies(), [], 'the context holds cookies');
}

/** Writes a full-page screenshot to artifacts/NAME. */
export async function screenshot(page, name) {
  await fs.mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
}

// --- page helpers shared by the journeys ------------------------------------------

export const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Selects the tab that holds the element with this `data-testid`, when it sits in a hidden tab
 * panel (the request card's Headers, Params, Body and Auth), as a person clicks the tab first.
 */
export async function revealTab(page, id) {
  await page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    const panel = el && el.closest('[role=tabpanel][hidden]');
    if (panel) document.querySelector(`[role=tab][aria-controls="${panel.id}"]`)?.click();
  }, id);
}

// The actions a person takes on an element: before each, the tab holding it is opened.
const ACTIONS = new Set(['fill', 'click', 'press', 'type', 'pressSequentially', 'setInputFiles', 'check', 'uncheck', 'focus', 'selectOption', 'hover', 'dblclick', 'clear', 'waitFor', 'scrollIntoViewIfNeeded', 'dispatchEvent', 'tap']);

/** The element with this `data-testid` (acting on it first opens the tab that holds it). */
export const $ = (page, id) => {
  const locator = page.locator(`[data-testid="${id}"]`);
  return new Proxy(locator, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (!ACTIONS.has(prop)) return value.bind(target);
      return async (...args) => {
        await revealTab(page, id);
        return value.apply(target, args);
      };
    },
  });
};

/** Waits until the element's text is `want` (string) or matches it (RegExp), then asserts it. */
export async function expectText(page, id, want, timeout = 10_000) {
  const spec = want instanceof RegExp ? { re: want.source, flags: want.flags } : { text: want };
  await page
    .waitForFunction(
      ([id, spec]) => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        if (!el) return false;
        return spec.re !== undefined ? new RegExp(spec.re, spec.flags).test(el.textContent) : el.textContent === spec.text;
      },
      [id, spec],
      { timeout },
    )
    .catch(() => {});
  const loc = $(page, id);
  const got = (await loc.count()) ? await loc.first().textContent() : '(no such element)';
  if (want instanceof RegExp) assert.match(got, want, id);
  else assert.equal(got, want, id);
}

/** Loads an example and waits until the page shows it: its request in the paste box, and a signature. */
export async function loadExample(page, id) {
  const before = await page.evaluate(() => ({
    example: document.querySelector('[data-testid="examples"]').value,
    request: document.querySelector('[data-testid="request-input"]').value,
  }));
  await $(page, 'examples').selectOption(id);
  if (before.example !== id) {
    // Every example has its own request text, so the paste box changes.
    await page.waitForFunction(
      (old) => {
        const now = document.querySelector('[data-testid="request-input"]').value;
        return now !== '' && now !== old;
      },
      before.request,
    );
  }
  // Then one frame, for yew to render everything the change scheduled.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  await expectText(page, 'signature', HEX64);
}

// --- one site and one browser per test file ---------------------------------------------

/**
 * Serves dist/ and launches Chromium before the file's tests, and stops both after them.
 * Call at the top level of a test file; the returned object's `site` and `browser` are set
 * once the tests run.
 */
export function siteAndBrowser() {
  const env = { site: undefined, browser: undefined };
  before(async () => {
    env.site = await serve();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}

/**
 * The app started in a new, empty context (closed when test `t` ends): `url` defaults to the
 * site's root; other options go to the context. Resolves to { context, page, log } once the
 * request box is on screen.
 */
export async function openApp(t, env, { url, timeout = 10_000, ...options } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 }, ...options });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  const log = watch(page);
  await page.goto(url ?? `${env.site.origin}/`);
  await $(page, 'request-input').waitFor();
  return { context, page, log };
}
