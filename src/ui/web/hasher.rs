//! Hashing large body files in a Web Worker: the worker ([`Hasher`], started by the
//! `sigv4-lab-hasher` bin) and the page's handle on one file being hashed ([`hash_file`]).
//!
//! The page hands the worker a `blob:` URL of the chosen file (a name for the file on disk, not
//! its bytes); the worker streams it and hashes as it goes, asking for the next block before
//! hashing this one. The page's thread only creates the URL and shows progress.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::Callback;

use super::platform::describe;

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
pub fn register() {
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
