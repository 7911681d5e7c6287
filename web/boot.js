// Starts sigv4-lab from the preload links Trunk writes into index.html:
// fetch and compile the .wasm, forbid every further connection, then run it.
// (An external file because the page's CSP forbids inline scripts.)

const LOCKED_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "connect-src 'none'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

function showError(message) {
  const box = document.createElement('div');
  box.className = 'crash';
  box.setAttribute('role', 'alert');
  box.setAttribute('data-testid', 'crash');
  box.textContent = message;
  document.body.prepend(box);
}

async function compile(link) {
  const response = await fetch(link.href, { integrity: link.integrity || '', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${link.href} answered ${response.status}`);
  try {
    return await WebAssembly.compileStreaming(response.clone());
  } catch {
    // A server that does not send `application/wasm`: compile from the bytes.
    return await WebAssembly.compile(await response.arrayBuffer());
  }
}

try {
  const js = document.querySelector('link[rel="modulepreload"]');
  const wasm = document.querySelector('link[rel="preload"][as="fetch"]');
  if (!js || !wasm) throw new Error('the page is missing its app files (was it built with trunk?)');
  const module = await compile(wasm);
  // From here on no connection is allowed, not even to this page's own server.
  const lock = document.createElement('meta');
  lock.httpEquiv = 'Content-Security-Policy';
  lock.content = LOCKED_POLICY;
  document.head.append(lock);
  const { default: init } = await import(js.href);
  await init({ module_or_path: module });
  // Offline after this first visit: web/sw.js keeps the page's own files. Optional: a
  // browser without service workers (or a file:// page) just needs the network next time.
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('./sw.js').catch(() => {});
  }
} catch (e) {
  showError(`sigv4-lab could not start: ${e && e.message ? e.message : e}. Reload the page to try again.`);
  throw e;
}
