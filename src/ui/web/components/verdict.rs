//! The top of the results: the verdict (what AWS would do, in one line, each reason a link to its
//! finding) and what the pasted request was read as (checked, or signed anew, and why).

use std::rc::Rc;

use yew::prelude::*;

use crate::diagnose::Finding;
use crate::input::form::Problem;
use crate::input::read_as::ReadAs;
use crate::lab::{Summary, Verdict};
use crate::ui::state::Action;
use crate::ui::web::platform;

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    /// The verdict, once there is something to judge.
    pub summary: Option<Summary>,
    /// The findings the items link to (for their titles).
    pub findings: Rc<Vec<Finding>>,
    /// Why nothing can be judged yet, when nothing can.
    pub problem: Option<Problem>,
    /// The example's documented signing time, while an example is loaded.
    #[prop_or_default]
    pub example_time: Option<AttrValue>,
}

/// The verdict: "AWS would reject this: … (+1 more)", each reason a link to its finding.
#[function_component(VerdictBar)]
pub fn verdict_bar(props: &VerdictProps) -> Html {
    let Some(s) = &props.summary else {
        let why = props.problem.as_ref().map_or_else(
            || "Paste a request to see what AWS would make of it.".to_string(),
            |p| format!("No verdict yet: {}", p.message),
        );
        return html! {
            <section class="verdict pending" id="verdict" tabindex="-1" aria-label="Verdict" data-testid="verdict-pending">
                <p class="verdict-headline">{ why }</p>
            </section>
        };
    };
    let word = match s.verdict {
        Verdict::Reject => "Reject",
        Verdict::Warning => "Warning",
        Verdict::Accept => "Accept",
    };
    let item = |id: &crate::diagnose::FindingId, label: Option<&str>| {
        let testid = format!("finding-{}", id.as_str());
        let title = label.map(str::to_string).unwrap_or_else(|| {
            props
                .findings
                .iter()
                .find(|f| f.id == *id)
                .map_or_else(|| id.as_str().to_string(), |f| f.title.clone())
        });
        let target = testid.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            platform::focus_and_highlight(&target);
        });
        html! {
            <li>
                <a href={format!("#{testid}")} data-testid={format!("verdict-item-{}", id.as_str())} {onclick}>{ title }</a>
            </li>
        }
    };
    let to_findings = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        platform::focus_and_highlight("findings");
    });
    html! {
        <section class={classes!("verdict", s.verdict.as_str())} id="verdict" tabindex="-1"
            aria-label="Verdict" aria-live="polite"
            data-testid="verdict" data-verdict={s.verdict.as_str()}>
            <p class="verdict-line">
                <span class="verdict-word">{ word }</span>
                <span class="verdict-headline" data-testid="verdict-headline">{ &s.headline }</span>
                if !props.findings.is_empty() {
                    <a class="verdict-jump" href="#findings" data-testid="verdict-jump" onclick={to_findings}>
                        { format!("Findings ({})", props.findings.len()) }
                    </a>
                }
            </p>
            if s.items.len() > 1 {
                <ul class="verdict-items">{ for s.items.iter().map(|id| item(id, None)) }</ul>
            } else if let Some(only) = s.items.first() {
                <ul class="verdict-items single">{ item(only, Some("Why, and how to fix it")) }</ul>
            }
            if let Some(time) = props.example_time.as_ref() {
                <p class="verdict-note" data-testid="verdict-example">{ format!("This is an example signed at AWS's documented time ({time}): findings about the time are expected. Paste your own request to leave it.") }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ReadAsProps {
    /// How the request reads, when there is one.
    pub read_as: Option<ReadAs>,
    /// It is being checked (verify mode), not signed anew.
    pub checking: bool,
    /// Checked without a secret: by its own claims alone.
    pub claims_only: bool,
    pub on_action: Callback<Action>,
}

/// What the request was read as, and the natural thing the page does with it, with one click to
/// do the other.
#[function_component(ReadAsLine)]
pub fn read_as_line(props: &ReadAsProps) -> Html {
    let Some(read) = props.read_as else {
        return html! {};
    };
    let on = &props.on_action;
    let word = html! { <strong class="read-as" data-testid="read-as">{ read.as_str() }</strong> };
    let (sentence, switch): (Html, Html) = match (read, props.checking) {
        (ReadAs::Unsigned, false) => (
            html! { <>{ "Read as an " }{ word }{ " request: the page signs it with the inputs on the left." }</> },
            html! {},
        ),
        (ReadAs::Unsigned, true) => (
            html! { <>{ "Read as an " }{ word }{ " request, though Verify is on: it carries no signature to check." }</> },
            html! { <button type="button" data-testid="read-as-resign" onclick={on.reform(|_| Action::SetVerifyMode(false))}>{ "Sign it instead" }</button> },
        ),
        (signed, true) => {
            let what = if signed == ReadAs::Presigned {
                "a presigned URL (its signature is in the query)"
            } else {
                "a request with an Authorization header"
            };
            let how = if props.claims_only {
                " The credentials on the left cannot check its signature (no secret, or the secret of another access key), so it is judged by its own claims: its time, scope and expiry."
            } else {
                " Its signature is recomputed from its own claims with the secret on the left."
            };
            (
                html! { <>{ "Read as " }{ word }{ format!(": {what}. The page checks it instead of signing it anew.{how}") }</> },
                html! { <button type="button" data-testid="read-as-resign" onclick={on.reform(|_| Action::SetVerifyMode(false))}>{ "Re-sign it instead" }</button> },
            )
        }
        (_, false) => (
            html! { <>{ "Read as " }{ word }{ ": the page signs it anew with the inputs on the left (its own signature is replaced)." }</> },
            html! { <button type="button" data-testid="read-as-check" onclick={on.reform(|_| Action::SetVerifyMode(true))}>{ "Check its signature instead" }</button> },
        ),
    };
    html! {
        <div class="read-as-line card">
            <p>{ sentence }</p>
            { switch }
        </div>
    }
}
