//! The request body: typed text, or a file's bytes. A file up to [`WORKER_HASH_THRESHOLD`] is
//! read into the page; a larger one is hashed in the Web Worker, with progress and a cancel
//! button, and becomes the body when it is done.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::input::form::Body;
use crate::input::ExternalBody;
use crate::ui::highlight::Part;
use crate::ui::state::{Action, Hashing, WORKER_HASH_THRESHOLD};
use crate::ui::web::components::pointable::{Pointable, Pointing};
use crate::ui::web::components::widgets::on_input;
use crate::ui::web::{hasher, platform};

#[derive(Properties, PartialEq)]
pub struct BodyProps {
    pub body: Body,
    /// A large file being hashed in the worker (the body stays as it is until it is done).
    pub hashing: Option<Hashing>,
    /// Why the last body file could not be used.
    pub error: Option<String>,
    /// The part of the input pointed at, and who hears pointing.
    pub lit: Option<Part>,
    pub on_lit: Callback<Pointing>,
    pub on_action: Callback<Action>,
}

/// The body field, the file chooser, and the hashing of a large file.
#[function_component(BodyField)]
pub fn body_field(props: &BodyProps) -> Html {
    let on = &props.on_action;
    let file_error = use_state_eq(|| None::<String>);
    // The large file being hashed in the worker; dropping it cancels.
    let hash_job = use_mut_ref(|| None::<hasher::HashJob>);
    let on_file = {
        let on = on.clone();
        let file_error = file_error.clone();
        let hash_job = hash_job.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // Choosing the same file again should read it again.
            input.set_value("");
            // A new choice replaces a file still being hashed.
            hash_job.borrow_mut().take();
            if file.size().max(0.0) as u64 > WORKER_HASH_THRESHOLD {
                file_error.set(None);
                *hash_job.borrow_mut() = Some(hash(file, &on));
                return;
            }
            let on = on.clone();
            let file_error = file_error.clone();
            platform::read_file(
                file,
                Callback::from(move |read: Result<(String, Vec<u8>), String>| match read {
                    Ok((name, bytes)) => {
                        file_error.set(None);
                        on.emit(Action::SetBodyFile { name, bytes });
                    }
                    Err(why) => file_error.set(Some(format!("The file was not read: {why}."))),
                }),
            );
        })
    };
    let use_text = on.reform(|_| Action::SetBodyText(String::new()));
    html! {
        <div class="body-field">
            { match &props.body {
                Body::Text(t) => html! {
                    <Pointable class="field" part={Part::Body} lit={props.lit.clone()} on_lit={props.on_lit.clone()}>
                        <label for="body">{ "Body" }</label>
                        <textarea id="body" data-testid="body" rows="3" spellcheck="false"
                            autocomplete="off" autocapitalize="off"
                            value={t.clone()} oninput={on_input(on, Action::SetBodyText)} />
                    </Pointable>
                },
                Body::File { name, bytes } => html! {
                    <p class="file-body">
                        { "Body: " }<strong data-testid="body-file-name">{ format!("{name} ({} bytes)", bytes.len()) }</strong>{ " " }
                        <button type="button" data-testid="body-use-text" onclick={use_text}>{ "Type a body instead" }</button>
                    </p>
                },
                Body::Hashed(x) => html! {
                    <div class="file-body">
                        <p>
                            { "Body: " }<strong data-testid="body-file-name">{ format!("{} ({} bytes)", x.name, x.size) }</strong>{ " " }
                            <button type="button" data-testid="body-use-text" onclick={use_text}>{ "Type a body instead" }</button>
                        </p>
                        <p class="hint">
                            { "Hashed in the background without loading it into the page; SHA-256 " }
                            <code data-testid="body-hash">{ x.sha256.clone() }</code>
                            { format!(". The exported curl sends the file itself (--data-binary @{}).", x.name) }
                        </p>
                    </div>
                },
            } }
            if let Some(h) = &props.hashing {
                <div class="hashing" data-testid="body-hashing" role="status">
                    <label for="body-hash-progress">{ format!("Hashing {}: {} of {}", h.name, megabytes(h.done), megabytes(h.size)) }</label>
                    <progress id="body-hash-progress" data-testid="body-hash-progress"
                        max={h.size.to_string()} value={h.done.to_string()} />
                    <button type="button" data-testid="body-hash-cancel" onclick={{
                        let on = on.clone();
                        let hash_job = hash_job.clone();
                        Callback::from(move |_| {
                            hash_job.borrow_mut().take();
                            on.emit(Action::HashStopped(None));
                        })
                    }}>{ "Cancel" }</button>
                </div>
            }
            if let Some(why) = &props.error {
                <p class="error" role="alert" data-testid="body-error">{ why }</p>
            }
            <div class="field file">
                <label for="body-file">{ "…or send a file's bytes as the body" }</label>
                <input id="body-file" data-testid="body-file" type="file" onchange={on_file} />
            </div>
            if let Some(why) = &*file_error {
                <p class="error" role="alert">{ why }</p>
            }
        </div>
    }
}

/// Starts hashing `file` in the worker; the page hears how far it got and how it ended.
fn hash(file: web_sys::File, on: &Callback<Action>) -> hasher::HashJob {
    let name = file.name();
    let size = file.size().max(0.0) as u64;
    on.emit(Action::HashStarted {
        name: name.clone(),
        size,
    });
    let progress = on.reform(Action::HashProgress);
    let done = {
        let on = on.clone();
        Callback::from(move |r: Result<String, String>| {
            on.emit(match r {
                Ok(sha256) => Action::HashDone(ExternalBody {
                    name: name.clone(),
                    size,
                    sha256,
                }),
                Err(why) => {
                    Action::HashStopped(Some(format!("The file {name} was not hashed: {why}.")))
                }
            })
        })
    };
    hasher::hash_file(file, progress, done)
}

/// A byte count in MB with one decimal (1 MB = 1,000,000 bytes).
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
