//! How to sign: header or presigned URL, the signing time, and the switches AWS's SDKs set per
//! service.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{described_by, invalid, problem_at, problem_view};
use crate::input::form::{Flag, Flags, ModeChoice, Problem};
use crate::input::Field;
use crate::ui::highlight::Part;
use crate::ui::state::Action;
use crate::ui::web::components::pointable::{Pointable, Pointing};
use crate::ui::web::components::widgets::{emit_some, event_text, on_input, use_select_value};

#[derive(Properties, PartialEq)]
pub struct SigningProps {
    pub mode: ModeChoice,
    /// The presigned URL's lifetime and the signing time, as typed.
    pub expires: AttrValue,
    pub signing_time: AttrValue,
    pub flags: Flags,
    /// The request carries its own X-Amz-Date (its button is enabled).
    pub has_request_date: bool,
    /// S3's rules are in force for the request as signed.
    pub s3_rules: bool,
    /// The clock, as ISO 8601.
    pub now: AttrValue,
    /// Why the inputs cannot be explained (shown here when it concerns the time or expiry).
    pub problem: Option<Problem>,
    /// The part of the input pointed at, and who hears pointing.
    pub lit: Option<Part>,
    pub on_lit: Callback<Pointing>,
    pub on_action: Callback<Action>,
}

/// How to sign: header or presigned URL, the signing time, and the switches AWS's SDKs set per service.
#[function_component(SigningCard)]
pub fn signing_card(props: &SigningProps) -> Html {
    let on = &props.on_action;
    let time_problem = problem_at(&props.problem, Field::SigningTime);
    let expires_problem = problem_at(&props.problem, Field::Expires);
    let mode_select = use_select_value(props.mode.as_str().to_string());
    let on_mode = emit_some(on, |e: Event| {
        event_text(&e).map(|v| {
            Action::SetMode(if v == "presign" {
                ModeChoice::Presign
            } else {
                ModeChoice::Header
            })
        })
    });
    let flag = |f: Flag, id: &'static str, label: &'static str| {
        let onchange = emit_some(on, move |e: Event| {
            e.target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .map(|i| Action::SetFlag(f, i.checked()))
        });
        html! {
            <div class="check">
                <input type="checkbox" id={id} data-testid={id} checked={props.flags.get(f)} {onchange} />
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
                        <option value="header" selected={props.mode == ModeChoice::Header}>{ "the Authorization header" }</option>
                        <option value="presign" selected={props.mode == ModeChoice::Presign}>{ "the URL (presigned URL)" }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="expires">{ "Presigned URL lifetime (seconds)" }</label>
                    <input id="expires" data-testid="expires" type="text" inputmode="numeric" autocomplete="off"
                        value={props.expires.clone()} oninput={on_input(on, Action::SetExpires)}
                        aria-invalid={invalid(expires_problem.is_some())}
                        aria-describedby={described_by(Some("expires-hint"), expires_problem)} />
                    <p class="hint" id="expires-hint">{
                        if props.mode == ModeChoice::Presign { "1 to 604800 (7 days)." } else { "Used only for presigned URLs." }
                    }</p>
                    if let Some(p) = expires_problem { { problem_view(p, false) } }
                </div>
                <Pointable class={classes!("field", "wide")} part={Part::Date} lit={props.lit.clone()} on_lit={props.on_lit.clone()}>
                    <label for="signing-time">{ "Signing time (UTC)" }</label>
                    <div class="row">
                        <input id="signing-time" data-testid="signing-time" type="text" autocomplete="off" spellcheck="false"
                            placeholder={format!("now: {}", props.now)}
                            value={props.signing_time.clone()} oninput={on_input(on, Action::SetSigningTime)}
                            aria-invalid={invalid(time_problem.is_some())}
                            aria-describedby={described_by(Some("signing-time-hint"), time_problem)} />
                        <button type="button" data-testid="use-request-date" disabled={!props.has_request_date}
                            onclick={on.reform(|_| Action::UseRequestDate)}>{ "Use the request's X-Amz-Date" }</button>
                    </div>
                    <p class="hint" id="signing-time-hint">{
                        if props.signing_time.trim().is_empty() {
                            format!("Empty: signed at the current time, {}, and re-signed every second.", props.now)
                        } else {
                            "Like 2015-08-30T12:36:00Z or 20150830T123600Z. Clear it to sign at the current time.".to_string()
                        }
                    }</p>
                    if let Some(p) = time_problem { { problem_view(p, false) } }
                </Pointable>
            </div>
            <details class="options">
                <summary>{ "Signing options" }</summary>
                { flag(Flag::SignBody, "sign-body", "Add and sign x-amz-content-sha256 (always on for S3)") }
                { flag(Flag::UnsignedPayload, "unsigned-payload", "Use UNSIGNED-PAYLOAD as the payload hash") }
                { flag(Flag::NormalizePath, "normalize-path", "Normalize the path (remove . and .. segments; never for S3)") }
                { flag(Flag::SingleEncode, "single-encode", "Encode the path once, not twice (always for S3)") }
                { flag(Flag::TokenAfterSigning, "token-after-signing", "Add the session token after signing, unsigned (AWS IoT style)") }
            </details>
            if props.s3_rules {
                <p class="hint">{ "S3 rules are in force: the path is encoded once and not normalized, and x-amz-content-sha256 is signed." }</p>
            }
        </section>
    }
}
