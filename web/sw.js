// sigv4-lab's service worker: after the first visit the page works with the network off.
// It keeps the page's own files (FILES, written into this file at build time by
// scripts/service-worker.mjs) in one cache and answers from it. It fetches nothing but
// those files, and stores nothing a person typed: the page never sends what it is given.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `sigv4-lab-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('sigv4-lab-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The page itself: fresh from the server when it answers, else the cached copy.
    event.respondWith(
      fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match(new URL('./', self.location))))
    );
    return;
  }
  // Everything else the page loads has a content hash in its name (or is the worker's,
  // listed with the build's version): the cached copy is the right one.
  const scope = new URL('./', self.location).pathname;
  if (!url.pathname.startsWith(scope) || !FILES.includes(`./${url.pathname.slice(scope.length)}`)) return;
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit || fetch(request))));
});
