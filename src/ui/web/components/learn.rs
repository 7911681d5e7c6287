//! Teaching: the guided walkthrough of AWS's documentation example, step by step.

use yew::prelude::*;

use crate::learn::walkthrough;
use crate::learn::what_if::Mistake;
use crate::ui::ids;
use crate::ui::state::{Action, Applied, Shown};
use crate::ui::web::platform;

#[derive(Properties, PartialEq)]
pub struct WalkthroughProps {
    pub explanation: Option<Shown>,
    /// The step shown (from 0), or `None` before the walkthrough starts.
    pub step: Option<usize>,
    pub on_step: Callback<Option<usize>>,
    pub on_action: Callback<Action>,
}

/// "Learn SigV4": a walk through AWS's IAM ListUsers example, one step at a time, with the
/// bytes each step produces marked in its value. It follows the page's current inputs.
#[function_component(Walkthrough)]
pub fn walkthrough_card(props: &WalkthroughProps) -> Html {
    let start = {
        let on_step = props.on_step.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::BeginWalkthrough);
            on_step.emit(Some(0));
        })
    };
    let go = |to: Option<usize>| {
        let on_step = props.on_step.clone();
        Callback::from(move |_: MouseEvent| on_step.emit(to))
    };
    let close = {
        let on_step = props.on_step.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            on_step.emit(None);
            on_action.emit(Action::EndWalkthrough);
        })
    };
    // Bring the step's own output into view as the walkthrough moves.
    {
        let target = props.step.and_then(walkthrough::step).map(|s| s.output);
        use_effect_with(target, |target| {
            if let Some(step) = target {
                platform::mark_output(ids::step(*step));
            }
        });
    }
    let body = match (props.step, &props.explanation) {
        (None, _) => html! {
            <>
                <p>{ "New to SigV4? Walk through AWS's own example (IAM ListUsers, signed on 30 August 2015) one step at a time: what each step does, why AWS does it that way, and the exact bytes it produces. What you have pasted is kept and comes back when you close it." }</p>
                <button type="button" data-testid="walkthrough-start" onclick={start}>{ "Walk through the AWS example" }</button>
            </>
        },
        (Some(n), explanation) => {
            let step = walkthrough::step(n);
            let shown = explanation
                .as_ref()
                .and_then(|e| walkthrough::show(n, &e.0.signing));
            let Some(step) = step else { return html! {} };
            let value = match shown {
                Some((value, range)) => html! {
                    <pre class="value wrap walkthrough-value" data-testid="walkthrough-value">
                        { &value[..range.start] }
                        <mark data-testid="walkthrough-mark">{ &value[range.clone()] }</mark>
                        { &value[range.end..] }
                    </pre>
                },
                None => html! {
                    <p class="hint" data-testid="walkthrough-value">{ "This step has no value for the current inputs (a secret access key is needed for the key and the signature)." }</p>
                },
            };
            html! {
                <>
                    <h3 data-testid="walkthrough-step" aria-live="polite">{ format!("Step {} of {}: {}", n + 1, walkthrough::LEN, step.title) }</h3>
                    <p data-testid="walkthrough-text">{ step.text }</p>
                    { value }
                    <p class="small">
                        <a data-testid="walkthrough-link" href={step.link} target="_blank" rel="noopener noreferrer">
                            { "AWS's reference: Create a signed AWS API request" }
                        </a>
                        { " (opens AWS's documentation in a new tab)" }
                    </p>
                    <div class="walkthrough-nav">
                        <button type="button" data-testid="walkthrough-back" disabled={n == 0}
                            onclick={go(n.checked_sub(1))}>{ "Back" }</button>
                        <button type="button" data-testid="walkthrough-next" disabled={n + 1 >= walkthrough::LEN}
                            onclick={go(Some(n + 1))}>{ "Next" }</button>
                        <button type="button" data-testid="walkthrough-close" onclick={close}>{ "Close and bring back my inputs" }</button>
                    </div>
                </>
            }
        }
    };
    html! {
        <section class="card walkthrough" data-testid="walkthrough" aria-labelledby="walkthrough-title">
            <h2 id="walkthrough-title">{ "Learn SigV4" }</h2>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct WhatIfProps {
    pub selected: Option<Mistake>,
    pub applied: Option<Result<Applied, String>>,
    pub on_select: Callback<Option<Mistake>>,
}

/// "What if…": one click applies a classic mistake; the steps below then show the result,
/// with the changed ones marked. One click (Undo) takes it back.
#[function_component(WhatIfCard)]
pub fn what_if_card(props: &WhatIfProps) -> Html {
    let buttons = Mistake::ALL.iter().map(|&m| {
        let on_select = props.on_select.clone();
        let pressed = props.selected == Some(m);
        let onclick = Callback::from(move |_: MouseEvent| on_select.emit((!pressed).then_some(m)));
        html! {
            <button type="button" data-testid={format!("whatif-{}", m.id())}
                aria-pressed={pressed.to_string()} {onclick}>{ m.label() }</button>
        }
    });
    let result = match (&props.selected, &props.applied) {
        (None, _) => html! {
            <p class="hint">{ "Apply one classic mistake to the request above and see which steps change, how much of the signature changes, and what AWS would answer." }</p>
        },
        (Some(_), None) => html! {
            <p class="muted" data-testid="whatif-unavailable">{ "The request cannot be signed yet, so there is nothing to change." }</p>
        },
        (Some(_), Some(Err(why))) => html! {
            <p class="muted" data-testid="whatif-unavailable">{ why.clone() }</p>
        },
        (Some(_), Some(Ok(a))) => {
            let changed = if a.changed.is_empty() {
                "No step changed: this mistake makes no difference to this request.".to_string()
            } else {
                format!(
                    "Changed: {}.",
                    a.changed
                        .iter()
                        .map(|id| step_name(id))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            html! {
                <div class="whatif-result" data-testid="whatif-result" role="status">
                    <p data-testid="whatif-description">{ a.what.description.clone() }</p>
                    <p data-testid="whatif-changed">{ changed }</p>
                    if let Some(d) = a.digits {
                        if d > 0 {
                            <p data-testid="whatif-digits">{ format!("The signature changed in {d} of its 64 hex digits: any change to any input changes it completely, so a near miss gives no hint.") }</p>
                        }
                    }
                    { match &a.what.aws_answer {
                        Some(ans) => html! {
                            <p data-testid="whatif-aws-answer">
                                { format!("AWS would answer HTTP {} {}: “{}”", ans.http_status, ans.code, ans.message.trim()) }
                                if let Some(f) = a.what.finding {
                                    { " — the finding " }<code data-testid="whatif-finding">{ f.as_str() }</code>
                                }
                            </p>
                        },
                        None => html! { <p data-testid="whatif-aws-answer">{ "AWS would accept this request." }</p> },
                    } }
                    <p class="muted small">{ "The steps below show the request with this mistake." }</p>
                </div>
            }
        }
    };
    let undo = {
        let on_select = props.on_select.clone();
        Callback::from(move |_: MouseEvent| on_select.emit(None))
    };
    html! {
        <section class="card whatif" aria-labelledby="whatif-title">
            <h2 id="whatif-title">{ "What if…" }</h2>
            <div class="whatif-buttons" role="group" aria-label="Classic mistakes">{ for buttons }</div>
            { result }
            if props.selected.is_some() {
                <button type="button" data-testid="whatif-undo" onclick={undo}>{ "Undo" }</button>
            }
        </section>
    }
}

/// A step's name as its card calls it.
fn step_name(testid: &str) -> &'static str {
    match testid {
        "canonical-request" => "canonical request",
        "canonical-request-hash" => "its hash",
        "string-to-sign" => "string to sign",
        "k-date" => "kDate",
        "k-region" => "kRegion",
        "k-service" => "kService",
        "k-signing" => "kSigning",
        "signature" => "signature",
        "authorization" => "Authorization header",
        "signed-url" => "presigned URL",
        _ => "a step",
    }
}
