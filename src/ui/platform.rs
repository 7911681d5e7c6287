//! Browser APIs the UI needs, in one place: the clock, the clipboard, reading a chosen file, timers.
//!
//! Each function is small, knows nothing of the page, and reports failure as a
//! sentence (never a panic, never a console message), so it can be tested on
//! its own with wasm-bindgen-test.

use gloo::timers::callback::{Interval, Timeout};
use js_sys::{Reflect, Uint8Array};
use std::cell::Cell;
use std::rc::Rc;
use time::OffsetDateTime;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::Callback;

/// The browser's clock as a UTC instant (millisecond precision).
///
/// Falls back to the Unix epoch if the browser reports a time `time` cannot
/// represent, so a broken clock shows up as a clock-skew finding, not a crash.
pub fn now() -> OffsetDateTime {
    let millis = js_sys::Date::now();
    let nanos = (millis * 1_000_000.0) as i128;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Puts `text` on the clipboard (`navigator.clipboard.writeText`); `on_done` hears how it went.
///
/// `Err` holds a sentence for the person: the browser may offer no clipboard
/// (pages not served over https or from localhost) or refuse (no permission).
pub fn copy_text(text: String, on_done: Callback<Result<(), String>>) {
    let clipboard = match clipboard() {
        Ok(c) => c,
        Err(why) => {
            on_done.emit(Err(why));
            return;
        }
    };
    let promise = clipboard.write_text(&text);
    spawn_local(async move {
        let done = JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|e| describe(&e, "the browser did not allow copying"));
        on_done.emit(done);
    });
}

/// `navigator.clipboard`, which is missing outside secure contexts.
fn clipboard() -> Result<web_sys::Clipboard, String> {
    let window = web_sys::window().ok_or_else(|| "there is no browser window".to_string())?;
    let navigator = window.navigator();
    let clipboard = Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map_err(|e| describe(&e, "the browser has no clipboard"))?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err(
            "this browser offers no clipboard to this page (it needs https or localhost)".into(),
        );
    }
    Ok(clipboard.unchecked_into())
}

/// Reads a file the person chose; `on_done` gets its name and bytes, or why it could not be read.
pub fn read_file(file: web_sys::File, on_done: Callback<Result<(String, Vec<u8>), String>>) {
    let name = file.name();
    let promise = file.array_buffer();
    spawn_local(async move {
        let read = JsFuture::from(promise)
            .await
            .map(|buffer| (name, Uint8Array::new(&buffer).to_vec()))
            .map_err(|e| describe(&e, "the browser could not read the file"));
        on_done.emit(read);
    });
}

/// Calls `on_tick` every `millis` milliseconds until the returned [`Interval`] is dropped.
pub fn every(millis: u32, on_tick: Callback<()>) -> Interval {
    Interval::new(millis, move || on_tick.emit(()))
}

/// Calls `on_fire` once after `millis` milliseconds, unless the returned [`Timeout`] is dropped first.
pub fn after(millis: u32, on_fire: Callback<()>) -> Timeout {
    Timeout::new(millis, move || on_fire.emit(()))
}

/// A JavaScript error as words: its message, else `fallback`.
fn describe(error: &JsValue, fallback: &str) -> String {
    let message = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .filter(|m| !m.trim().is_empty());
    match message {
        Some(m) => format!("{fallback}: {m}"),
        None => fallback.to_string(),
    }
}

/// The page address's fragment (after `#`, still percent-encoded), or "" when there is none.
/// Read once at start, for share links; the page never writes the address.
pub fn location_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// The page's own address without query or fragment, the base of a share link.
pub fn page_address() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// The browser's user agent string, for the debug report's environment section.
pub fn user_agent() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default()
}

/// Outlines the output with this `data-testid` (class `walkthrough-target`), and only it, so the
/// step the walkthrough explains is also marked where it sits among the steps. No scrolling.
pub fn mark_output(testid: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(marked) = document.query_selector_all(".walkthrough-target") {
        for i in 0..marked.length() {
            if let Some(e) = marked
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = e.class_list().remove_1("walkthrough-target");
            }
        }
    }
    if let Ok(Some(element)) = document.query_selector(&format!("[data-testid=\"{testid}\"]")) {
        let _ = element.class_list().add_1("walkthrough-target");
    }
}

/// Brings the element with this `data-testid` into view, focuses it when it can take focus,
/// and marks it `highlighted` for a few seconds. Quietly does nothing if there is no such element.
pub fn focus_and_highlight(testid: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(Some(element)) = document.query_selector(&format!("[data-testid=\"{testid}\"]")) else {
        return;
    };
    // One highlight at a time.
    if let Ok(lit) = document.query_selector_all(".highlighted") {
        for i in 0..lit.length() {
            if let Some(e) = lit
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = e.class_list().remove_1("highlighted");
            }
        }
    }
    element.scroll_into_view();
    if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
        // Steps are not form controls: let them take focus so keyboard and screen-reader users move too.
        if !element
            .matches("input, select, textarea, button, a[href], [tabindex]")
            .unwrap_or(true)
        {
            let _ = element.set_attribute("tabindex", "-1");
        }
        let _ = html.focus();
    }
    let classes = element.class_list();
    let _ = classes.add_1("highlighted");
    Timeout::new(2500, move || {
        let _ = classes.remove_1("highlighted");
    })
    .forget();
}

// --- Hashing large files in a Web Worker --------------------------------------------------
//
// The page hands the worker a `blob:` URL of the chosen file (a name for the file on disk, not
// its bytes); the worker streams it and hashes as it goes, asking for the next block before
// hashing this one. The page's thread only creates the URL and shows progress.

/// Where the hashing worker starts: web/hasher-loader.js, which loads the `sigv4-lab-hasher`
/// bin (Trunk builds it beside the app, without a hash in its file names).
pub const HASHER_LOADER: &str = "./hasher-loader.js";

/// Bytes hashed between two progress reports.
const PROGRESS_STEP: u64 = 8 << 20;

/// If the worker has not answered by then, it did not start.
const START_TIMEOUT_MS: u32 = 20_000;

/// A message to the hashing worker.
#[derive(serde::Serialize, serde::Deserialize)]
pub enum HashInput {
    /// Hash the file behind this `blob:` URL, `size` bytes long.
    File { url: String, size: u64 },
}

/// An answer from the hashing worker.
#[derive(serde::Serialize, serde::Deserialize)]
pub enum HashOutput {
    /// Bytes hashed so far.
    Hashed(u64),
    /// The lowercase hex SHA-256 of the whole file.
    Digest(String),
    /// Why the file could not be hashed, as a clause ("the browser could not read the file").
    Failed(String),
}

/// The worker: one hashing task per connected bridge; a bridge that goes away cancels its task.
pub struct Hasher {
    jobs: std::collections::HashMap<gloo_worker::HandlerId, Rc<Cell<bool>>>,
}

impl gloo_worker::Worker for Hasher {
    type Message = ();
    type Input = HashInput;
    type Output = HashOutput;

    fn create(_scope: &gloo_worker::WorkerScope<Self>) -> Self {
        Hasher {
            jobs: Default::default(),
        }
    }

    fn update(&mut self, _scope: &gloo_worker::WorkerScope<Self>, _msg: ()) {}

    fn received(
        &mut self,
        scope: &gloo_worker::WorkerScope<Self>,
        msg: HashInput,
        id: gloo_worker::HandlerId,
    ) {
        let HashInput::File { url, size } = msg;
        let cancelled = Rc::new(Cell::new(false));
        if let Some(old) = self.jobs.insert(id, cancelled.clone()) {
            old.set(true);
        }
        let scope = scope.clone();
        spawn_local(async move {
            let progress = |n| scope.respond(id, HashOutput::Hashed(n));
            let result = hash_blob_url(&url, size, &cancelled, progress).await;
            if !cancelled.get() {
                scope.respond(
                    id,
                    match result {
                        Ok(hex) => HashOutput::Digest(hex),
                        Err(why) => HashOutput::Failed(why),
                    },
                );
            }
        });
    }

    fn disconnected(
        &mut self,
        _scope: &gloo_worker::WorkerScope<Self>,
        id: gloo_worker::HandlerId,
    ) {
        if let Some(job) = self.jobs.remove(&id) {
            job.set(true);
        }
    }
}

/// In the worker: reads the file behind `url` slice by slice and hashes it.
async fn hash_blob_url(
    url: &str,
    size: u64,
    cancelled: &Cell<bool>,
    progress: impl Fn(u64),
) -> Result<String, String> {
    use sha2::Digest;
    let global: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let response: web_sys::Response = JsFuture::from(global.fetch_with_str(url))
        .await
        .map_err(|e| describe(&e, "the worker could not open the file"))?
        .unchecked_into();
    // The file as a stream: Chromium reads it ahead in large blocks while we hash.
    let reader: web_sys::ReadableStreamDefaultReader = response
        .body()
        .ok_or_else(|| "the worker could not open the file".to_string())?
        .get_reader()
        .unchecked_into();
    let mut hasher = sha2::Sha256::new();
    let mut buf = Vec::new();
    let mut done = 0u64;
    let mut reported = 0u64;
    let mut pending = JsFuture::from(reader.read());
    loop {
        let chunk = pending
            .await
            .map_err(|e| describe(&e, "the browser could not read the file"))?;
        if Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true)
        {
            break;
        }
        // Ask for the next block before hashing this one, so reading and hashing overlap.
        pending = JsFuture::from(reader.read());
        let bytes: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))
            .map_err(|e| describe(&e, "the browser could not read the file"))?
            .unchecked_into();
        buf.resize(bytes.length() as usize, 0);
        bytes.copy_to(&mut buf);
        hasher.update(&buf);
        done += buf.len() as u64;
        if cancelled.get() {
            let _ = reader.cancel();
            return Err("cancelled".into());
        }
        // Progress every PROGRESS_STEP bytes, not for every block.
        if done - reported >= PROGRESS_STEP {
            reported = done;
            progress(done.min(size));
        }
    }
    if done != size {
        return Err(format!(
            "the file changed while it was read ({done} bytes instead of {size})"
        ));
    }
    progress(done);
    Ok(hex::encode(hasher.finalize()))
}

/// Starts the worker side; the `sigv4-lab-hasher` bin calls it.
pub fn register_hasher() {
    use gloo_worker::Registrable;
    Hasher::registrar().register();
}

enum HashEvent {
    Out(HashOutput),
    Stalled,
    Cancelled,
}

/// A file being hashed; dropping it cancels the hashing (no further callbacks).
pub struct HashJob {
    events: futures::channel::mpsc::UnboundedSender<HashEvent>,
}

impl Drop for HashJob {
    fn drop(&mut self) {
        let _ = self.events.unbounded_send(HashEvent::Cancelled);
    }
}

/// Hashes `file` in a Web Worker without reading it into the page. `on_progress` hears the
/// bytes hashed so far; `on_done` the hex SHA-256, or a clause saying why not. Nothing is
/// called after the returned job is dropped.
pub fn hash_file(
    file: web_sys::File,
    on_progress: Callback<u64>,
    on_done: Callback<Result<String, String>>,
) -> HashJob {
    use futures::StreamExt;
    use gloo_worker::Spawnable;
    let (tx, mut rx) = futures::channel::mpsc::unbounded::<HashEvent>();
    let job = HashJob { events: tx.clone() };
    let url = match web_sys::Url::create_object_url_with_blob(&file) {
        Ok(u) => u,
        Err(e) => {
            on_done.emit(Err(describe(&e, "the browser could not open the file")));
            return job;
        }
    };
    let size = file.size().max(0.0) as u64;
    spawn_local(async move {
        let watchdog = {
            let tx = tx.clone();
            Timeout::new(START_TIMEOUT_MS, move || {
                let _ = tx.unbounded_send(HashEvent::Stalled);
            })
        };
        let mut watchdog = Some(watchdog);
        let bridge = Hasher::spawner()
            .callback(move |out| {
                let _ = tx.unbounded_send(HashEvent::Out(out));
            })
            .spawn_with_loader(HASHER_LOADER);
        bridge.send(HashInput::File {
            url: url.clone(),
            size,
        });
        let result = loop {
            match rx.next().await {
                Some(HashEvent::Out(HashOutput::Hashed(n))) => {
                    watchdog = None;
                    on_progress.emit(n);
                }
                Some(HashEvent::Out(HashOutput::Digest(hex))) => break Some(Ok(hex)),
                Some(HashEvent::Out(HashOutput::Failed(why))) => break Some(Err(why)),
                Some(HashEvent::Stalled) if watchdog.is_some() => {
                    break Some(Err(
                        "the background hasher did not start (reload the page and try again)"
                            .into(),
                    ))
                }
                Some(HashEvent::Stalled) => {}
                Some(HashEvent::Cancelled) | None => break None,
            }
        };
        drop(watchdog);
        drop(bridge);
        let _ = web_sys::Url::revoke_object_url(&url);
        if let Some(result) = result {
            on_done.emit(result);
        }
    });
    job
}
