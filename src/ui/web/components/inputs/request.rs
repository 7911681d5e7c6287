//! The request: a paste box that fills the form, and the form itself (method, URL, header
//! rows, and the body field).

use yew::prelude::*;

use super::body::BodyField;
use super::{described_by, invalid, problem_at, problem_view};
use crate::diagnose::verify::{self, Claims};
use crate::http::query;
use crate::input::form::{Body, Problem};
use crate::input::{Diagnostic, Field, Header, ParseError, Request};
use crate::text::{excerpt, QUOTE_CHARS};
use crate::ui::highlight::Part;
use crate::ui::state::{Action, Hashing, HeaderRow};
use crate::ui::web::components::pointable::{Pointable, Pointing};
use crate::ui::web::components::widgets::{on_input, ParseErrorView};

#[derive(Properties, PartialEq)]
pub struct RequestProps {
    /// The paste box's text, why it does not read (if it does not), and what it warns about.
    pub text: AttrValue,
    pub error: Option<ParseError>,
    pub warnings: Vec<Diagnostic>,
    pub method: AttrValue,
    pub url: AttrValue,
    pub headers: Vec<HeaderRow>,
    pub body: Body,
    /// A large body file being hashed in the worker.
    pub hashing: Option<Hashing>,
    /// Why the last body file could not be used.
    pub body_error: Option<String>,
    /// Why the inputs cannot be explained (shown here when it concerns a field of this card).
    pub problem: Option<Problem>,
    /// The part of the input pointed at, and who hears pointing.
    pub lit: Option<Part>,
    pub on_lit: Callback<Pointing>,
    pub on_action: Callback<Action>,
}

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"];

/// The request: a paste box that fills the form, and the form itself.
#[function_component(RequestCard)]
pub fn request_card(props: &RequestProps) -> Html {
    let on = &props.on_action;
    let error = props.error.as_ref();
    let url_problem = problem_at(&props.problem, Field::Url);
    let method_problem = problem_at(&props.problem, Field::Method);
    let headers_problem = problem_at(&props.problem, Field::Headers);
    let url_empty = props.url.trim().is_empty();
    let tab = use_state_eq(|| Tab::Headers);
    let params: Vec<(String, String)> = query::of_url(&props.url)
        .map(|q| {
            query::pairs(q)
                .map(|p| (p.decoded_key(), p.decoded_value()))
                .collect()
        })
        .unwrap_or_default();
    let claims = verify::claims(&Request {
        method: props.method.to_string(),
        url: props.url.to_string(),
        headers: props
            .headers
            .iter()
            .map(|h| Header::new(h.name.clone(), h.value.clone()))
            .collect(),
        body: Vec::new(),
    })
    .ok();
    html! {
        <section class="card" aria-labelledby="request-title">
            <h2 id="request-title">{ "Request" }</h2>
            <label for="request-input">{ "Paste a request" }</label>
            <p class="hint" id="request-hint">{ "A curl command (a browser's “Copy as cURL” works), raw HTTP, or just a URL. It fills in the form below, which you can also edit directly." }</p>
            <textarea id="request-input" data-testid="request-input" rows="5"
                spellcheck="false" autocomplete="off" autocapitalize="off"
                value={props.text.clone()}
                oninput={on_input(on, Action::PasteRequest)}
                aria-invalid={invalid(error.is_some())}
                aria-describedby={if error.is_some() { "request-hint request-error" } else { "request-hint" }} />
            if let Some(e) = error {
                <ParseErrorView testid="request-error" error={e.clone()} text={props.text.clone()} />
            }
            if !props.warnings.is_empty() {
                <ul class="warnings" data-testid="request-warnings">
                    { for props.warnings.iter().map(|w| html! { <li>{ &w.message }</li> }) }
                </ul>
            }
            <div class="grid method-url">
                <Pointable class="field" part={Part::Method} lit={props.lit.clone()} on_lit={props.on_lit.clone()}>
                    <label for="method">{ "Method" }</label>
                    <input id="method" data-testid="method" type="text" list="methods"
                        autocomplete="off" spellcheck="false" autocapitalize="characters"
                        value={props.method.clone()}
                        oninput={on_input(on, Action::SetMethod)}
                        aria-invalid={invalid(method_problem.is_some())}
                        aria-describedby={described_by(None, method_problem)} />
                    <datalist id="methods">
                        { for METHODS.iter().map(|m| html! { <option value={*m} /> }) }
                    </datalist>
                </Pointable>
                <Pointable class="field" part={Part::Url} lit={props.lit.clone()} on_lit={props.on_lit.clone()}>
                    <label for="url">{ "URL" }</label>
                    <input id="url" data-testid="url" type="text" inputmode="url"
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        placeholder="https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"
                        value={props.url.clone()}
                        oninput={on_input(on, Action::SetUrl)}
                        aria-invalid={invalid(url_problem.is_some_and(|_| !url_empty))}
                        aria-describedby={described_by(None, url_problem)} />
                </Pointable>
            </div>
            if let Some(p) = method_problem { { problem_view(p, false) } }
            if let Some(p) = url_problem { { problem_view(p, url_empty) } }
            <div class="tabs" role="tablist" aria-label="The request's parts">
                { for TABS.iter().map(|&t| {
                    let selected = *tab == t;
                    let set = tab.clone();
                    html! {
                        <button type="button" role="tab" id={format!("request-tab-{}", t.id())}
                            data-testid={format!("request-tab-{}", t.id())}
                            aria-selected={if selected { "true" } else { "false" }}
                            aria-controls={format!("request-panel-{}", t.id())}
                            tabindex={if selected { "0" } else { "-1" }}
                            class={classes!("tab", selected.then_some("selected"))}
                            onclick={Callback::from(move |_: MouseEvent| set.set(t))}>
                            { t.label(props, &claims, params.len()) }
                        </button>
                    }
                }) }
            </div>
            <div role="tabpanel" id="request-panel-headers" aria-labelledby="request-tab-headers" hidden={*tab != Tab::Headers}>
                <fieldset class="headers" aria-invalid={invalid(headers_problem.is_some())}
                    aria-describedby={described_by(None, headers_problem)}>
                    <legend>{ "Headers" }</legend>
                    if props.headers.is_empty() {
                        <p class="hint">{ "No headers yet; Host comes from the URL." }</p>
                    }
                    { for props.headers.iter().enumerate().map(|(i, h)| header_row(i, h, props)) }
                    <button type="button" data-testid="add-header" onclick={on.reform(|_| Action::AddHeader)}>{ "Add a header" }</button>
                    if let Some(p) = headers_problem { { problem_view(p, false) } }
                </fieldset>
            </div>
            <div role="tabpanel" id="request-panel-params" aria-labelledby="request-tab-params" hidden={*tab != Tab::Params}>
                { params_view(&params) }
            </div>
            <div role="tabpanel" id="request-panel-body" aria-labelledby="request-tab-body" hidden={*tab != Tab::Body}>
                <BodyField body={props.body.clone()} hashing={props.hashing.clone()} error={props.body_error.clone()}
                    lit={props.lit.clone()} on_lit={props.on_lit.clone()} on_action={on.clone()} />
            </div>
            <div role="tabpanel" id="request-panel-auth" aria-labelledby="request-tab-auth" hidden={*tab != Tab::Auth}>
                { auth_view(&claims) }
            </div>
        </section>
    }
}

/// Header row `i` (from 0): its name and value fields and its remove button.
fn header_row(i: usize, h: &HeaderRow, props: &RequestProps) -> Html {
    let on = &props.on_action;
    let id = h.id;
    let n = i + 1;
    let name_id = format!("header-name-{i}");
    let value_id = format!("header-value-{i}");
    let part = Part::Header(h.name.trim().to_ascii_lowercase());
    html! {
        <Pointable key={h.id} class="header-row" testid={format!("header-row-{i}")}
            part={part} lit={props.lit.clone()} on_lit={props.on_lit.clone()}>
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
        </Pointable>
    }
}

/// The request card's tabs, as API clients lay them out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Headers,
    Params,
    Body,
    Auth,
}

const TABS: [Tab; 4] = [Tab::Headers, Tab::Params, Tab::Body, Tab::Auth];

impl Tab {
    fn id(self) -> &'static str {
        match self {
            Tab::Headers => "headers",
            Tab::Params => "params",
            Tab::Body => "body",
            Tab::Auth => "auth",
        }
    }

    /// The tab's label, with how much is in it.
    fn label(self, props: &RequestProps, claims: &Option<Claims>, params: usize) -> String {
        match self {
            Tab::Headers => format!("Headers ({})", props.headers.len()),
            Tab::Params => format!("Params ({params})"),
            Tab::Body => match &props.body {
                Body::Text(t) if t.is_empty() => "Body".into(),
                Body::Text(t) => format!("Body ({} B)", crate::text::thousands(t.len())),
                Body::File { bytes, .. } => {
                    format!("Body ({} B)", crate::text::thousands(bytes.len()))
                }
                Body::Hashed(h) => format!(
                    "Body ({} B)",
                    usize::try_from(h.size)
                        .map_or_else(|_| h.size.to_string(), crate::text::thousands)
                ),
            },
            Tab::Auth => match claims {
                Some(c) if c.presigned => "Auth (presigned)".into(),
                Some(_) => "Auth (signed)".into(),
                None => "Auth".into(),
            },
        }
    }
}

/// The query's parameters, decoded, one per row (edited in the URL).
fn params_view(params: &[(String, String)]) -> Html {
    if params.is_empty() {
        return html! { <p class="hint" data-testid="request-params">{ "The URL has no query parameters." }</p> };
    }
    html! {
        <div data-testid="request-params">
            <table class="kv">
                <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "Value (decoded)" }</th></tr></thead>
                <tbody>
                    { for params.iter().map(|(k, v)| html! {
                        <tr><td><code>{ excerpt(k, 200) }</code></td><td><code>{ excerpt(v, 400) }</code></td></tr>
                    }) }
                </tbody>
            </table>
            <p class="hint">{ "Edit them in the URL above; signing sorts and encodes them (step 1)." }</p>
        </div>
    }
}

/// What the request carries of a signature already: its claims, read from the Authorization
/// header or a presigned URL's X-Amz-* parameters.
fn auth_view(claims: &Option<Claims>) -> Html {
    let Some(c) = claims else {
        return html! { <p class="hint" data-testid="request-auth">{ "The request carries no SigV4 signature: the page signs it with the credentials below." }</p> };
    };
    let row = |name: &str, value: String| html! { <tr><th scope="row">{ name.to_string() }</th><td><code>{ value }</code></td></tr> };
    html! {
        <div data-testid="request-auth">
            <p class="hint">{ if c.presigned {
                "The request says (a presigned URL's X-Amz-* parameters):"
            } else {
                "The request says (its Authorization header):"
            } }</p>
            <table class="kv">
                <tbody>
                    { row("Access key id", c.access_key_id.clone()) }
                    { row("Scope", format!("{}/{}/{}/{}", c.date, c.region, c.service, c.terminator)) }
                    { row("Signed at (X-Amz-Date)", c.amz_date.clone()) }
                    { row("Signed headers", c.signed_headers.join(";")) }
                    if let Some(e) = c.expires { { row("Expires after (X-Amz-Expires)", format!("{e} s")) } }
                    { row("Signature", excerpt(&c.signature, 80)) }
                </tbody>
            </table>
        </div>
    }
}
