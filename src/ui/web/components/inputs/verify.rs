//! Verify: the pasted request is already signed; its signature is checked against the secret.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::input::form::Problem;
use crate::lab::Verification;
use crate::text::excerpt;
use crate::ui::state::Action;
use crate::ui::web::components::widgets::emit_some;

#[derive(Properties, PartialEq)]
pub struct VerifyProps {
    /// Verify mode is on: the pasted request is checked, not signed anew.
    pub verify_mode: bool,
    /// The signed request checked, in verify mode (derived once in `App`).
    pub verification: Option<Rc<Result<Verification, Problem>>>,
    pub on_action: Callback<Action>,
}

/// Verify: the pasted request is already signed; its signature is checked against the secret.
#[function_component(VerifyCard)]
pub fn verify_card(props: &VerifyProps) -> Html {
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
                    <p data-testid="verify-no-variant">{ "None of the mistakes searched reproduces it: the findings say what was checked and what remains, most likely first." }</p>
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
                <input type="checkbox" id="verify-mode" data-testid="verify-mode" checked={props.verify_mode} {onchange} />
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
