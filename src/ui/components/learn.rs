//! Teaching: the guided walkthrough of AWS's documentation example, step by step.

use yew::prelude::*;

use super::steps::Shown;
use crate::ui::platform;
use crate::ui::state::Action;
use crate::ui::walkthrough;

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
            on_action.emit(Action::LoadExample(walkthrough::EXAMPLE.into()));
            on_step.emit(Some(0));
        })
    };
    let go = |to: Option<usize>| {
        let on_step = props.on_step.clone();
        Callback::from(move |_: MouseEvent| on_step.emit(to))
    };
    // Bring the step's own output into view as the walkthrough moves.
    {
        let target = props.step.and_then(walkthrough::step).map(|s| s.output);
        use_effect_with(target, |target| {
            if let Some(id) = target {
                platform::mark_output(id);
            }
        });
    }
    let body = match (props.step, &props.explanation) {
        (None, _) => html! {
            <>
                <p>{ "New to SigV4? Walk through AWS's own example (IAM ListUsers, signed on 30 August 2015) one step at a time: what each step does, why AWS does it that way, and the exact bytes it produces." }</p>
                <button type="button" data-testid="walkthrough-start" onclick={start}>{ "Walk through the AWS example" }</button>
            </>
        },
        (Some(n), explanation) => {
            let step = walkthrough::step(n);
            let shown = explanation
                .as_ref()
                .and_then(|e| walkthrough::show(n, &e.0));
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
                        <button type="button" data-testid="walkthrough-close" onclick={go(None)}>{ "Close" }</button>
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
