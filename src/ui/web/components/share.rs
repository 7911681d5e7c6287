//! Sharing a repro: a link that carries the request, a Markdown debug report, and code that
//! reproduces the same signature at the same time; what each shows of a secret is
//! [`crate::report::sensitive`]'s one rule, and the hints here say it.

use std::rc::Rc;

use yew::prelude::*;

use super::widgets::CopyButton;
use crate::report::snippets::{self, Language};
use crate::report::{markdown, share};
use crate::ui::state::{Shown, State};
use crate::ui::web::platform;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The page's state: a link carries its form; the report and the code read its inputs, only
    /// while their panel is open.
    pub state: Rc<State>,
    pub explanation: Option<Shown>,
}

/// A disclosure button and whether it is open.
fn toggle(open: &UseStateHandle<bool>, testid: &'static str, label: &'static str) -> Html {
    let onclick = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <button type="button" class="disclosure" data-testid={testid}
            aria-expanded={open.to_string()} {onclick}>
            { if **open { "▾ " } else { "▸ " } }{ label }
        </button>
    }
}

/// The "Share and reproduce" card.
#[function_component(ShareCard)]
pub fn share_card(props: &ShareProps) -> Html {
    let link_open = use_state_eq(|| false);
    let report_open = use_state_eq(|| false);
    let code_open = use_state_eq(|| false);
    let s = &*props.state;
    // Derived only for a panel that shows it, not on every keystroke with the panels closed.
    let inputs = (*report_open || *code_open)
        .then(|| s.inputs().ok())
        .flatten();

    let link = (*link_open).then(|| {
        let shared = s.shared();
        let link = format!("{}#{}", platform::page_address(), share::to_fragment(&shared));
        let left_out = share::redactions(&shared);
        html! {
            <div class="share-link">
                <p class="hint" data-testid="share-note">
                    { "The link carries the request, the region and service, the signing time, the mode and the switches. It never carries your secret access key or session token, nor an access key id, a signature, a cookie or another password: whoever opens it types their own credentials, and the page signs the request again." }
                </p>
                <label for="share-link">{ "Share link" }</label>
                <div class="value-box inline">
                    <textarea id="share-link" data-testid="share-link" readonly=true rows="3" value={link.clone()} />
                    <CopyButton testid="share-link" what="share link" text={link} />
                </div>
                if !left_out.is_empty() {
                    <ul class="small" data-testid="share-redactions">
                        { for left_out.into_iter().map(|r| html! { <li>{ r }</li> }) }
                    </ul>
                }
            </div>
        }
    });

    let report = (*report_open).then(|| match (&inputs, &props.explanation) {
        (Some(i), Some(e)) => {
            let text = markdown::debug_report(i, &e.0, &markdown::Versions::new(platform::user_agent()));
            html! {
                <div class="value-box">
                    <p class="hint">{ "For a ticket or a GitHub issue: the request, the steps and the findings. The secret, the session token, the derived keys and the signature stand as [redacted], the access key id shows only its first four characters, and cookies and other passwords are left out." }</p>
                    <div class="value-head"><CopyButton testid="debug-report" what="debug report" text={text.clone()} /></div>
                    <pre class="value wrap" data-testid="debug-report">{ text }</pre>
                </div>
            }
        }
        _ => html! { <p class="muted">{ "The report appears once the request can be signed." }</p> },
    });

    let code = (*code_open).then(|| match (&inputs, &props.explanation) {
        (Some(i), Some(e)) => html! {
            <>
                <p class="hint">{ "None of them holds a credential, a signature or a cookie. The Python, JavaScript and Rust code signs this request again at the same fixed time, so it prints the same signature, reading AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from the environment. The curl command sends the request as signed, reading the access key id, the session token and the signature from $AWS_ACCESS_KEY_ID, $AWS_SESSION_TOKEN and $SIGV4_SIGNATURE." }</p>
                { for snippets::snippets(i, &e.0.signing).into_iter().map(|sn| {
                    let id = format!("snippet-{}", sn.language.as_str());
                    html! {
                        <div class="value-box snippet">
                            <div class="value-head">
                                <h4>{ language_name(sn.language) }</h4>
                                <CopyButton testid={id.clone()} what={format!("{} code", language_name(sn.language))} text={sn.code.clone()} />
                            </div>
                            <pre class="value" data-testid={id}>{ sn.code }</pre>
                        </div>
                    }
                }) }
            </>
        },
        _ => html! { <p class="muted">{ "The code appears once the request can be signed." }</p> },
    });

    html! {
        <section class="card share" aria-labelledby="share-title">
            <h2 id="share-title">{ "Share and reproduce" }</h2>
            <div>{ toggle(&link_open, "share-open", "A link to this request (no secrets, no signature)") }{ link.unwrap_or_default() }</div>
            <div>{ toggle(&report_open, "report-open", "A debug report in Markdown") }{ report.unwrap_or_default() }</div>
            <div>{ toggle(&code_open, "snippets-open", "Code that reproduces this signature") }{ code.unwrap_or_default() }</div>
        </section>
    }
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::Curl => "curl",
        Language::Python => "Python (botocore)",
        Language::JavaScript => "JavaScript (@smithy/signature-v4)",
        Language::Rust => "Rust (aws-sigv4)",
    }
}
