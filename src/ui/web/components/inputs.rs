//! The ground side of the page: the cards where a person pastes, types and chooses.
//!
//! Each card gets the [`State`] and one `on_action` callback; it never computes a signature.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::input::form::{Body, Flag, ModeChoice, Problem};
use crate::input::ExternalBody;
use crate::input::Field;
use crate::lab::Verification;
use crate::learn::examples::{self as presets, PRESETS};
use crate::sigv4::scope::{Inferred, Source};
use crate::text::{excerpt, QUOTE_CHARS};
use crate::timefmt;
use crate::ui::highlight::Part;
use crate::ui::ids;
use crate::ui::state::{Action, State, WORKER_HASH_THRESHOLD};
use crate::ui::web::{hasher, platform};

use super::steps::Shown;
use super::widgets::{
    emit_some, enter, focus_in, focus_out, leave, lit_class, on_input, on_text, use_select_value,
    ParseErrorView, Pointing,
};

/// The fields that show a problem next to themselves; any other problem is shown above the steps.
pub const FIELDS_WITH_PROBLEMS: [Field; 7] = [
    Field::Url,
    Field::Method,
    Field::Headers,
    Field::Region,
    Field::Service,
    Field::SigningTime,
    Field::Expires,
];

/// The problem, if it concerns `field`.
fn problem_at(problem: &Option<Problem>, field: Field) -> Option<&Problem> {
    problem.as_ref().filter(|p| p.field == field)
}

/// The `explain-error` message shown under a field.
pub fn problem_view(p: &Problem, prompt: bool) -> Html {
    html! {
        <p class={if prompt { "hint-box" } else { "error field-error" }}
            id="explain-error" data-testid="explain-error">{ &p.message }</p>
    }
}

/// `aria-describedby` for a field: its hint and, when it has one, the problem.
fn described_by(hint: Option<&str>, problem: Option<&Problem>) -> Option<AttrValue> {
    let ids: Vec<&str> = hint
        .into_iter()
        .chain(problem.map(|_| "explain-error"))
        .collect();
    (!ids.is_empty()).then(|| AttrValue::from(ids.join(" ")))
}

fn invalid(on: bool) -> Option<AttrValue> {
    on.then_some(AttrValue::Static("true"))
}

#[derive(Properties, PartialEq)]
pub struct ExamplesProps {
    pub example: Option<&'static str>,
    pub on_action: Callback<Action>,
}

/// The examples menu and what the loaded example teaches.
#[function_component(Examples)]
pub fn examples(props: &ExamplesProps) -> Html {
    let onchange = emit_some(&props.on_action, |e: Event| {
        super::widgets::event_text(&e)
            .filter(|id| !id.is_empty())
            .map(Action::LoadExample)
    });
    let about = props.example.and_then(presets::find).map(|p| p.about);
    let select = use_select_value(props.example.unwrap_or_default().to_string());
    html! {
        <div class="examples">
            <label for="examples">{ "Start from an example" }</label>
            <select id="examples" data-testid="examples" ref={select} {onchange} aria-describedby="example-about">
                <option value="" selected={props.example.is_none()}>{ "Load an example…" }</option>
                { for PRESETS.iter().map(|p| html! {
                    <option value={p.id} selected={props.example == Some(p.id)}>{ p.label }</option>
                }) }
            </select>
            <p class="muted small" id="example-about" data-testid="example-about">{
                match about {
                    Some(a) => a.to_string(),
                    None => "Each example uses AWS's published example keys, never real ones.".into(),
                }
            }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub state: Rc<State>,
    pub on_action: Callback<Action>,
    #[prop_or_default]
    pub problem: Option<Problem>,
    #[prop_or_default]
    pub explanation: Option<Shown>,
    /// The clock, as ISO 8601.
    #[prop_or_default]
    pub now: AttrValue,
    /// The signed request checked, in verify mode (derived once in `App`).
    #[prop_or_default]
    pub verification: Option<Rc<Result<Verification, Problem>>>,
    /// The part of the input pointed at (its field is lit), and who hears pointing.
    #[prop_or_default]
    pub lit: Option<Part>,
    #[prop_or_default]
    pub on_lit: Callback<Pointing>,
}

/// Credentials: a paste box that fills three fields, which also work on their own.
#[function_component(CredentialsCard)]
pub fn credentials_card(props: &CardProps) -> Html {
    let s = &*props.state;
    let on = &props.on_action;
    let secret_type = if s.show_secrets { "text" } else { "password" };
    let error = s.credentials_error.as_ref();
    let profile_select = use_select_value(
        s.profile
            .clone()
            .or_else(|| s.profiles.first().cloned())
            .unwrap_or_default(),
    );
    html! {
        <section class="card" aria-labelledby="credentials-title">
            <h2 id="credentials-title">{ "Credentials" }</h2>
            <p class="what">{ "They stay in this tab: nothing is stored, logged or sent anywhere." }</p>
            <label for="credentials-input">{ "Paste credentials" }</label>
            <p class="hint" id="credentials-hint">{ "A ~/.aws/credentials profile, export AWS_… lines, or the JSON of aws sts assume-role, get-session-token or configure export-credentials." }</p>
            <textarea id="credentials-input" data-testid="credentials-input" rows="4"
                spellcheck="false" autocomplete="off" autocapitalize="off"
                value={s.credentials_text.clone()}
                oninput={on_input(on, Action::PasteCredentials)}
                aria-invalid={invalid(error.is_some())}
                aria-describedby={if error.is_some() { "credentials-hint credentials-error" } else { "credentials-hint" }} />
            if let Some(e) = error {
                <ParseErrorView testid="credentials-error" error={e.clone()} text={s.credentials_text.clone()} />
            }
            if s.profiles.len() > 1 {
                <div class="field">
                    <label for="profile">{ "Profile" }</label>
                    <select id="profile" data-testid="profile" ref={profile_select} onchange={on_text(on, Action::SelectProfile)}>
                        { for s.profiles.iter().enumerate().map(|(i, p)| {
                            let chosen = match &s.profile { Some(c) => c == p, None => i == 0 };
                            html! { <option value={p.clone()} selected={chosen}>{ p }</option> }
                        }) }
                    </select>
                </div>
            }
            // A form only so the browser knows where the password fields belong; it is never submitted.
            <form class="grid" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <div class="field">
                    <label for="access-key-id">{ "Access key ID" }</label>
                    <input id="access-key-id" data-testid="access-key-id" type="text"
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        value={s.access_key_id.clone()}
                        oninput={on_input(on, Action::SetAccessKeyId)} />
                </div>
                <div class={classes!("field", lit_class(&props.lit, &Part::Secret))}
                    onmouseenter={enter(&props.on_lit, Part::Secret)} onmouseleave={leave(&props.on_lit)}
                    onfocusin={focus_in(&props.on_lit, Part::Secret)} onfocusout={focus_out(&props.on_lit)}>
                    <label for="secret-access-key">{ "Secret access key" }</label>
                    <input id="secret-access-key" data-testid="secret-access-key" type={secret_type}
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        value={s.secret_access_key.expose().to_string()}
                        oninput={on_input(on, Action::SetSecretAccessKey)} />
                </div>
                <div class="field wide">
                    <label for="session-token">{ "Session token (temporary credentials only)" }</label>
                    <input id="session-token" data-testid="session-token" type={secret_type}
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        value={s.session_token.expose().to_string()}
                        oninput={on_input(on, Action::SetSessionToken)} />
                </div>
            </form>
            <div class="row">
                <button type="button" data-testid="show-secrets" aria-pressed={if s.show_secrets { "true" } else { "false" }}
                    onclick={on.reform(|_| Action::ToggleShowSecrets)}>{ "Show secrets" }</button>
                <button type="button" data-testid="clear-credentials"
                    onclick={on.reform(|_| Action::ClearCredentials)}>{ "Clear credentials" }</button>
            </div>
            if let Some(t) = s.expiration {
                <p class="hint" data-testid="expiration">{ format!("These temporary credentials expire at {}.", timefmt::iso(t)) }</p>
            }
            if let Some(r) = &s.credentials_region {
                <p class="hint">{ format!("They came with the region {}, used when the host names none.", excerpt(r, QUOTE_CHARS)) }</p>
            }
        </section>
    }
}

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"];

/// The request: a paste box that fills the form, and the form itself.
#[function_component(RequestCard)]
pub fn request_card(props: &CardProps) -> Html {
    let s = &*props.state;
    let on = &props.on_action;
    let file_error = use_state_eq(|| None::<String>);
    // The large file being hashed in the worker; dropping it cancels.
    let hash_job = use_mut_ref(|| None::<hasher::HashJob>);
    let error = s.request_error.as_ref();
    let url_problem = problem_at(&props.problem, Field::Url);
    let method_problem = problem_at(&props.problem, Field::Method);
    let headers_problem = problem_at(&props.problem, Field::Headers);
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
            let on = on.clone();
            let file_error = file_error.clone();
            // A new choice replaces a file still being hashed.
            hash_job.borrow_mut().take();
            let size = file.size().max(0.0) as u64;
            if size > WORKER_HASH_THRESHOLD {
                let name = file.name();
                file_error.set(None);
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
                            Err(why) => Action::HashStopped(Some(format!(
                                "The file {name} was not hashed: {why}."
                            ))),
                        })
                    })
                };
                *hash_job.borrow_mut() = Some(hasher::hash_file(file, progress, done));
                return;
            }
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
    html! {
        <section class="card" aria-labelledby="request-title">
            <h2 id="request-title">{ "Request" }</h2>
            <label for="request-input">{ "Paste a request" }</label>
            <p class="hint" id="request-hint">{ "A curl command (a browser's “Copy as cURL” works), raw HTTP, or just a URL. It fills in the form below, which you can also edit directly." }</p>
            <textarea id="request-input" data-testid="request-input" rows="5"
                spellcheck="false" autocomplete="off" autocapitalize="off"
                value={s.request_text.clone()}
                oninput={on_input(on, Action::PasteRequest)}
                aria-invalid={invalid(error.is_some())}
                aria-describedby={if error.is_some() { "request-hint request-error" } else { "request-hint" }} />
            if let Some(e) = error {
                <ParseErrorView testid="request-error" error={e.clone()} text={s.request_text.clone()} />
            }
            if !s.request_warnings.is_empty() {
                <ul class="warnings" data-testid="request-warnings">
                    { for s.request_warnings.iter().map(|w| html! { <li>{ &w.message }</li> }) }
                </ul>
            }
            <div class="grid method-url">
                <div class={classes!("field", lit_class(&props.lit, &Part::Method))}
                    onmouseenter={enter(&props.on_lit, Part::Method)} onmouseleave={leave(&props.on_lit)}
                    onfocusin={focus_in(&props.on_lit, Part::Method)} onfocusout={focus_out(&props.on_lit)}>
                    <label for="method">{ "Method" }</label>
                    <input id="method" data-testid="method" type="text" list="methods"
                        autocomplete="off" spellcheck="false" autocapitalize="characters"
                        value={s.form.method.clone()}
                        oninput={on_input(on, Action::SetMethod)}
                        aria-invalid={invalid(method_problem.is_some())}
                        aria-describedby={described_by(None, method_problem)} />
                    <datalist id="methods">
                        { for METHODS.iter().map(|m| html! { <option value={*m} /> }) }
                    </datalist>
                </div>
                <div class={classes!("field", lit_class(&props.lit, &Part::Url))}
                    onmouseenter={enter(&props.on_lit, Part::Url)} onmouseleave={leave(&props.on_lit)}
                    onfocusin={focus_in(&props.on_lit, Part::Url)} onfocusout={focus_out(&props.on_lit)}>
                    <label for="url">{ "URL" }</label>
                    <input id="url" data-testid="url" type="text" inputmode="url"
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        placeholder="https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"
                        value={s.form.url.clone()}
                        oninput={on_input(on, Action::SetUrl)}
                        aria-invalid={invalid(url_problem.is_some_and(|_| !s.form.url.trim().is_empty()))}
                        aria-describedby={described_by(None, url_problem)} />
                </div>
            </div>
            if let Some(p) = method_problem { { problem_view(p, false) } }
            if let Some(p) = url_problem { { problem_view(p, s.form.url.trim().is_empty()) } }
            <fieldset class="headers" aria-invalid={invalid(headers_problem.is_some())}
                aria-describedby={described_by(None, headers_problem)}>
                <legend>{ "Headers" }</legend>
                if s.form.headers.is_empty() {
                    <p class="hint">{ "No headers yet; Host comes from the URL." }</p>
                }
                { for s.header_rows().iter().enumerate().map(|(i, h)| {
                    let id = h.id;
                    let n = i + 1;
                    let name_id = format!("header-name-{i}");
                    let value_id = format!("header-value-{i}");
                    let part = Part::Header(h.name.trim().to_ascii_lowercase());
                    html! {
                        <div class={classes!("header-row", lit_class(&props.lit, &part))} key={h.id}
                            data-testid={format!("header-row-{i}")}
                            onmouseenter={enter(&props.on_lit, part.clone())} onmouseleave={leave(&props.on_lit)}
                            onfocusin={focus_in(&props.on_lit, part.clone())} onfocusout={focus_out(&props.on_lit)}>
                            <label class="visually-hidden" for={name_id.clone()}>{ format!("Header {n} name") }</label>
                            <input id={name_id.clone()} data-testid={name_id} type="text" class="header-name"
                                placeholder="Name" autocomplete="off" spellcheck="false" autocapitalize="off"
                                value={h.name.clone()}
                                oninput={on_input(on, move |v| Action::SetHeaderName(id, v))} />
                            <label class="visually-hidden" for={value_id.clone()}>{ format!("Header {n} value") }</label>
                            <input id={value_id.clone()} data-testid={value_id} type="text" class="header-value"
                                placeholder="Value" autocomplete="off" spellcheck="false" autocapitalize="off"
                                value={h.value.clone()}
                                oninput={on_input(on, move |v| Action::SetHeaderValue(id, v))} />
                            <button type="button" class="remove" data-testid={format!("remove-header-{i}")}
                                aria-label={format!("Remove header {n} {}", excerpt(h.name.trim(), QUOTE_CHARS))}
                                onclick={on.reform(move |_| Action::RemoveHeader(id))}>{ "✕" }</button>
                        </div>
                    }
                }) }
                <button type="button" data-testid="add-header" onclick={on.reform(|_| Action::AddHeader)}>{ "Add a header" }</button>
                if let Some(p) = headers_problem { { problem_view(p, false) } }
            </fieldset>
            <div class="body-field">
                { match &s.form.body {
                    Body::Text(t) => html! {
                        <div class={classes!("field", lit_class(&props.lit, &Part::Body))}
                            onmouseenter={enter(&props.on_lit, Part::Body)} onmouseleave={leave(&props.on_lit)}
                            onfocusin={focus_in(&props.on_lit, Part::Body)} onfocusout={focus_out(&props.on_lit)}>
                            <label for="body">{ "Body" }</label>
                            <textarea id="body" data-testid="body" rows="3" spellcheck="false"
                                autocomplete="off" autocapitalize="off"
                                value={t.clone()} oninput={on_input(on, Action::SetBodyText)} />
                        </div>
                    },
                    Body::File { name, bytes } => html! {
                        <p class="file-body">
                            { "Body: " }<strong data-testid="body-file-name">{ format!("{name} ({} bytes)", bytes.len()) }</strong>{ " " }
                            <button type="button" data-testid="body-use-text"
                                onclick={on.reform(|_| Action::SetBodyText(String::new()))}>{ "Type a body instead" }</button>
                        </p>
                    },
                    Body::Hashed(x) => html! {
                        <div class="file-body">
                            <p>
                                { "Body: " }<strong data-testid="body-file-name">{ format!("{} ({} bytes)", x.name, x.size) }</strong>{ " " }
                                <button type="button" data-testid="body-use-text"
                                    onclick={on.reform(|_| Action::SetBodyText(String::new()))}>{ "Type a body instead" }</button>
                            </p>
                            <p class="hint">
                                { "Hashed in the background without loading it into the page; SHA-256 " }
                                <code data-testid="body-hash">{ x.sha256.clone() }</code>
                                { format!(". The exported curl sends the file itself (--data-binary @{}).", x.name) }
                            </p>
                        </div>
                    },
                } }
                if let Some(h) = &s.hashing {
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
                if let Some(why) = &s.body_error {
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
        </section>
    }
}

/// A byte count in MB with one decimal (1 MB = 1,000,000 bytes).
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Region and service: typed, or inferred from the host (the placeholder shows what).
#[function_component(ScopeCard)]
pub fn scope_card(props: &CardProps) -> Html {
    let s = &*props.state;
    let on = &props.on_action;
    let e = props.explanation.as_ref().map(|x| x.0.clone());
    let field = |which: Field,
                 label: &'static str,
                 value: &str,
                 inferred: Option<&Inferred>,
                 make: fn(String) -> Action,
                 part: Part| {
        let problem = problem_at(&props.problem, which);
        let id = ids::field(which);
        let why_id = format!("{id}-why");
        let placeholder = inferred
            .filter(|i| i.source != Source::Flag)
            .map(|i| i.value.clone())
            .unwrap_or_else(|| "inferred from the host".into());
        let why = match inferred {
            Some(i) if i.source == Source::Flag => {
                let mut w = format!("{} (you set it)", excerpt(&i.value, QUOTE_CHARS));
                if let Some(h) = i.from_host.as_ref().filter(|h| **h != i.value) {
                    w.push_str(&format!("; the host suggests {}", excerpt(h, QUOTE_CHARS)));
                }
                w
            }
            Some(i) => format!("{}: {} (inferred)", excerpt(&i.value, QUOTE_CHARS), i.why),
            None if value.trim().is_empty() => {
                "Inferred from the host once the request can be signed.".into()
            }
            None => format!("{} (you set it)", excerpt(value.trim(), QUOTE_CHARS)),
        };
        html! {
            <div class={classes!("field", lit_class(&props.lit, &part))}
                onmouseenter={enter(&props.on_lit, part.clone())} onmouseleave={leave(&props.on_lit)}
                onfocusin={focus_in(&props.on_lit, part.clone())} onfocusout={focus_out(&props.on_lit)}>
                <label for={id}>{ label }</label>
                <input id={id} data-testid={id} type="text" autocomplete="off" spellcheck="false" autocapitalize="off"
                    placeholder={placeholder}
                    value={value.to_string()}
                    oninput={on_input(on, make)}
                    aria-invalid={invalid(problem.is_some())}
                    aria-describedby={described_by(Some(&why_id), problem)} />
                <p class="hint why" id={why_id.clone()} data-testid={why_id}>{ why }</p>
                if let Some(p) = problem { { problem_view(p, false) } }
            </div>
        }
    };
    html! {
        <section class="card" aria-labelledby="scope-title">
            <h2 id="scope-title">{ "Region and service" }</h2>
            <p class="what">{ "Both go into the credential scope. Leave them empty to infer them from the endpoint's host name." }</p>
            <div class="grid">
                { field(Field::Region, "Region", &s.form.region, e.as_ref().map(|e| &e.signing.region), Action::SetRegion, Part::Region) }
                { field(Field::Service, "Service (signing name)", &s.form.service, e.as_ref().map(|e| &e.signing.service), Action::SetService, Part::Service) }
            </div>
        </section>
    }
}

/// How to sign: header or presigned URL, the signing time, and the switches AWS's SDKs set per service.
#[function_component(SigningCard)]
pub fn signing_card(props: &CardProps) -> Html {
    let s = &*props.state;
    let on = &props.on_action;
    let time_problem = problem_at(&props.problem, Field::SigningTime);
    let expires_problem = problem_at(&props.problem, Field::Expires);
    let request_date = s.form.request_date();
    let mode_select = use_select_value(s.form.mode.as_str().to_string());
    let s3 = props
        .explanation
        .as_ref()
        .is_some_and(|e| e.0.signing.rules.s3_rules);
    let on_mode = emit_some(on, |e: Event| {
        super::widgets::event_text(&e).map(|v| {
            Action::SetMode(if v == "presign" {
                ModeChoice::Presign
            } else {
                ModeChoice::Header
            })
        })
    });
    let flag = |f: Flag, id: &'static str, on_now: bool, label: &'static str| {
        let onchange = emit_some(on, move |e: Event| {
            e.target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .map(|i| Action::SetFlag(f, i.checked()))
        });
        html! {
            <div class="check">
                <input type="checkbox" id={id} data-testid={id} checked={on_now} {onchange} />
                <label for={id}>{ label }</label>
            </div>
        }
    };
    html! {
        <section class="card" aria-labelledby="signing-title">
            <h2 id="signing-title">{ "How to sign" }</h2>
            <div class="grid">
                <div class="field">
                    <label for="mode">{ "Signature goes in" }</label>
                    <select id="mode" data-testid="mode" ref={mode_select} onchange={on_mode}>
                        <option value="header" selected={s.form.mode == ModeChoice::Header}>{ "the Authorization header" }</option>
                        <option value="presign" selected={s.form.mode == ModeChoice::Presign}>{ "the URL (presigned URL)" }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="expires">{ "Presigned URL lifetime (seconds)" }</label>
                    <input id="expires" data-testid="expires" type="text" inputmode="numeric" autocomplete="off"
                        value={s.form.expires.clone()} oninput={on_input(on, Action::SetExpires)}
                        aria-invalid={invalid(expires_problem.is_some())}
                        aria-describedby={described_by(Some("expires-hint"), expires_problem)} />
                    <p class="hint" id="expires-hint">{
                        if s.form.mode == ModeChoice::Presign { "1 to 604800 (7 days)." } else { "Used only for presigned URLs." }
                    }</p>
                    if let Some(p) = expires_problem { { problem_view(p, false) } }
                </div>
                <div class={classes!("field", "wide", lit_class(&props.lit, &Part::Date))}
                    onmouseenter={enter(&props.on_lit, Part::Date)} onmouseleave={leave(&props.on_lit)}
                    onfocusin={focus_in(&props.on_lit, Part::Date)} onfocusout={focus_out(&props.on_lit)}>
                    <label for="signing-time">{ "Signing time (UTC)" }</label>
                    <div class="row">
                        <input id="signing-time" data-testid="signing-time" type="text" autocomplete="off" spellcheck="false"
                            placeholder={format!("now: {}", props.now)}
                            value={s.form.signing_time.clone()} oninput={on_input(on, Action::SetSigningTime)}
                            aria-invalid={invalid(time_problem.is_some())}
                            aria-describedby={described_by(Some("signing-time-hint"), time_problem)} />
                        <button type="button" data-testid="use-request-date" disabled={request_date.is_none()}
                            onclick={on.reform(|_| Action::UseRequestDate)}>{ "Use the request's X-Amz-Date" }</button>
                    </div>
                    <p class="hint" id="signing-time-hint">{
                        if s.form.signing_time.trim().is_empty() {
                            format!("Empty: signed at the current time, {}, and re-signed every second.", props.now)
                        } else {
                            "Like 2015-08-30T12:36:00Z or 20150830T123600Z. Clear it to sign at the current time.".to_string()
                        }
                    }</p>
                    if let Some(p) = time_problem { { problem_view(p, false) } }
                </div>
            </div>
            <details class="options">
                <summary>{ "Signing options" }</summary>
                { flag(Flag::SignBody, "sign-body", s.form.flags.sign_body, "Add and sign x-amz-content-sha256 (always on for S3)") }
                { flag(Flag::UnsignedPayload, "unsigned-payload", s.form.flags.unsigned_payload, "Use UNSIGNED-PAYLOAD as the payload hash") }
                { flag(Flag::NormalizePath, "normalize-path", s.form.flags.normalize_path, "Normalize the path (remove . and .. segments; never for S3)") }
                { flag(Flag::SingleEncode, "single-encode", s.form.flags.single_encode, "Encode the path once, not twice (always for S3)") }
                { flag(Flag::TokenAfterSigning, "token-after-signing", s.form.flags.token_after_signing, "Add the session token after signing, unsigned (AWS IoT style)") }
            </details>
            if s3 {
                <p class="hint">{ "S3 rules are in force: the path is encoded once and not normalized, and x-amz-content-sha256 is signed." }</p>
            }
        </section>
    }
}

/// What AWS answered, pasted: decoded, its evidence joins the findings.
#[function_component(AwsSaidCard)]
pub fn aws_said_card(props: &CardProps) -> Html {
    let on = &props.on_action;
    let s = &*props.state;
    let decoded = s.decoded_error();
    let failed = matches!(decoded, Some(Err(_)));
    html! {
        <section class="card" aria-labelledby="aws-said-title">
            <h2 id="aws-said-title">{ "What AWS said" }</h2>
            <label for="error-input">{ "Paste AWS's error response (optional)" }</label>
            <p class="hint" id="error-hint">{ "XML, JSON, headers and body, or just the message. What it says joins the findings above the steps." }</p>
            <textarea id="error-input" data-testid="error-input" rows="3" spellcheck="false"
                autocomplete="off" autocapitalize="off"
                aria-invalid={invalid(failed)}
                aria-describedby={if failed { "error-hint error-input-error" } else { "error-hint" }}
                value={s.error_text.clone()} oninput={on_input(on, Action::SetErrorText)} />
            { match decoded {
                Some(Ok(err)) => html! {
                    <p class="hint" data-testid="error-decoded">{ err.read_as() }</p>
                },
                Some(Err(e)) => html! {
                    <ParseErrorView testid="error-input-error" error={e} text={s.error_text.clone()} />
                },
                None => html! {},
            } }
        </section>
    }
}

/// Verify: the pasted request is already signed; its signature is checked against the secret.
#[function_component(VerifyCard)]
pub fn verify_card(props: &CardProps) -> Html {
    let s = &*props.state;
    let onchange = emit_some(&props.on_action, |e: Event| {
        e.target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .map(|i| Action::SetVerifyMode(i.checked()))
    });
    let result = match props.verification.as_deref() {
        None => html! {},
        Some(Err(p)) => {
            html! { <p class="error" data-testid="verify-error">{ p.message.clone() }</p> }
        }
        Some(Ok(v)) => {
            let r = &v.report;
            html! {
            <div class={classes!("verify", if r.matches { "ok" } else { "bad" })}>
                <p>
                    <span class="badge" data-testid="verify-result">{ if r.matches { "matches" } else { "mismatch" } }</span>
                    { if r.matches {
                        " The signature is right for this secret, recomputed from the request's own claims."
                    } else {
                        " The secret gives another signature for the request's own claims."
                    } }
                </p>
                <p class="small">{ "Carried: " }<code data-testid="verify-provided-signature">{ excerpt(&r.claims.signature, SIGNATURE_CHARS) }</code></p>
                <p class="small">{ "Recomputed: " }<code data-testid="verify-computed-signature">{ &r.computed.signature }</code></p>
                if let Some(v) = &r.variant {
                    <p class="finding-title" data-testid="verify-variant">{ format!("{}.", capitalize(&v.sentence)) }</p>
                } else if !r.matches {
                    <p>{ "None of the usual mistakes reproduces it: most likely another secret key signed it." }</p>
                }
                { for r.notes.iter().map(|n| html! { <p class="hint">{ n }</p> }) }
            </div>
            }
        }
    };
    html! {
        <section class="card" aria-labelledby="verify-title">
            <h2 id="verify-title">{ "Verify a signed request" }</h2>
            <div class="check">
                <input type="checkbox" id="verify-mode" data-testid="verify-mode" checked={s.verify_mode} {onchange} />
                <label for="verify-mode">{ "The pasted request is already signed; check its signature with the secret above" }</label>
            </div>
            { result }
        </section>
    }
}

/// How much of a carried signature the verify card shows: a SigV4 signature is 64 hex digits,
/// so anything longer is cut (it is not a contract output; the request box holds it whole).
const SIGNATURE_CHARS: usize = 80;

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
