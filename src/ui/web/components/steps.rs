//! The derived side of the page: one numbered card per SigV4 step, the trust badge, findings and notes.

use std::rc::Rc;

use yew::prelude::*;

use crate::diagnose::compare::Comparison;
use crate::diagnose::Finding;
use crate::diagnose::Severity;
use crate::http::ALGORITHM;
use crate::report::export;
use crate::ui::ids;
use crate::ui::state::Shown;

use super::pointable::Pointing;
use super::widgets::{CopyButton, Exact, Value};
use crate::ui::highlight::{self, Part};

#[derive(Properties, PartialEq)]
pub struct StepsProps {
    pub explanation: Shown,
    /// Show the secret inside kSecret instead of dots.
    pub show_secrets: bool,
    /// The secret access key (only shown when `show_secrets`).
    pub secret: AttrValue,
    /// Test ids of the outputs a what-if changed (their cards are marked).
    #[prop_or_default]
    pub changed: Rc<Vec<&'static str>>,
    /// The part of the input pointed at: what it produced is lit in every step.
    #[prop_or_default]
    pub lit: Option<Part>,
    /// Hears a step line pointed at, as the part of the input it came from.
    #[prop_or_default]
    pub on_lit: Callback<Pointing>,
}

/// One card per step, in signing order.
#[function_component(Steps)]
pub fn steps(props: &StepsProps) -> Html {
    let e = &*props.explanation.0;
    let creq = e.signing.canonical_request.to_string();
    let sts = e.signing.string_to_sign.to_string();
    let missing = |what: &str| {
        html! { <p class="muted">{ format!("No {what}: give a secret access key to compute it.") }</p> }
    };
    let presign = e.signing.rules.presign;
    let changed = |ids: &[&str]| ids.iter().any(|id| props.changed.contains(id));
    let lit = props
        .lit
        .as_ref()
        .map(|p| highlight::lit(p, &e.signing))
        .unwrap_or_default();
    let on_creq_line = {
        let on_lit = props.on_lit.clone();
        let shown = props.explanation.clone();
        Callback::from(move |line: Option<usize>| {
            on_lit.emit(Pointing::Hover(line.and_then(|l| {
                highlight::part_of_canonical_line(l, &shown.0.signing)
            })))
        })
    };
    let lit_secret = props.lit == Some(Part::Secret);
    let on_sts_line = props.on_lit.reform(|line: Option<usize>| {
        Pointing::Hover(line.and_then(highlight::part_of_string_to_sign_line))
    });
    html! {
        <>
            <Card n={1} title="Canonical request" changed={changed(&["canonical-request"])}
                what="The request rewritten in one fixed form, so that you and AWS hash the very same bytes: method, path, sorted query, lowercase signed headers, their names, and the payload's hash.">
                <Exact testid="canonical-request" what="canonical request" text={creq}
                    lit={lit.canonical.clone()} on_line={on_creq_line} />
                <details class="line-notes" open=true>
                    <summary>{ "What each line is" }</summary>
                    <ol>
                        { for e.signing.canonical_lines().into_iter().map(|l| html! {
                            <li>
                                <code class="line-text">{ if l.text.is_empty() { "(empty)".to_string() } else { l.text } }</code>
                                <span class="line-note">{ l.note }</span>
                            </li>
                        }) }
                    </ol>
                    <p class="muted small">{ "There is no line break after the last line." }</p>
                </details>
            </Card>
            <Card n={2} title="Hash of the canonical request" changed={changed(&["canonical-request-hash"])}
                what="The lowercase hex SHA-256 of the canonical request: it stands for the whole request in the next step, and one byte of difference changes it completely.">
                <Value testid="canonical-request-hash" what="canonical request hash" text={e.signing.canonical_request_hash().to_string()} />
            </Card>
            <Card n={3} title="String to sign" changed={changed(&["string-to-sign"])}
                what="What is actually signed: the algorithm, the request time, the credential scope (date/region/service/aws4_request) and the hash from step 2, one per line.">
                <Exact testid="string-to-sign" what="string to sign" text={sts}
                    lit={lit.string_to_sign.clone()} on_line={on_sts_line} />
                <ol class="sts-notes muted small">
                    <li>{ format!("{ALGORITHM}: the signing algorithm") }</li>
                    <li>{ format!("{}: the request time ({})", e.signing.amz_date(), e.signing.time_source) }</li>
                    <li>{ format!("{}: the credential scope", e.signing.scope()) }</li>
                    <li>{ "the hash from step 2" }</li>
                </ol>
            </Card>
            <Card n={4} title="Signing key" changed={changed(&["k-date", "k-region", "k-service", "k-signing"])}
                what="The secret access key itself is never sent: HMAC-SHA256 mixes it with the date, then the region, the service and \"aws4_request\", each result keying the next, so a key is only good for one day, region and service.">
                { match &e.signing.signing_key {
                    Some(chain) => html! {
                        <ol class="chain">
                            <li class={classes!(lit_secret.then_some("lit"))}>
                                <span class="key-name">{ "kSecret" }</span>
                                <span class="key-formula">{ " = \"AWS4\" + secret access key" }</span>
                                <code class="value secret">{
                                    if props.show_secrets { format!("AWS4{}", props.secret) } else { "AWS4••••••••••••••••".to_string() }
                                }</code>
                            </li>
                            { for chain.steps.iter().enumerate().map(|(i, s)| {
                                let key = if i == 0 { "kSecret" } else { chain.steps[i - 1].name };
                                let testid = key_testid(s.name);
                                html! {
                                    <li class={classes!(lit.keys[i].then_some("lit"))}>
                                        <div class="key-head">
                                            <span>
                                                <span class="key-name">{ s.name }</span>
                                                <span class="key-formula">{ format!(" = HMAC-SHA256({key}, {})", crate::text::quoted(&s.input)) }</span>
                                            </span>
                                            <CopyButton testid={testid} what={s.name} text={s.hex.clone()} />
                                        </div>
                                        <code class="value" data-testid={testid}>{ &s.hex }</code>
                                    </li>
                                }
                            }) }
                        </ol>
                    },
                    None => missing("signing key"),
                } }
            </Card>
            <Card n={5} title="Signature" changed={changed(&["signature"])}
                what="The lowercase hex HMAC-SHA256 of the string to sign (step 3), keyed with kSigning (step 4). AWS repeats all of this and compares.">
                { match &e.signing.signature {
                    Some(sig) => html! {
                        <div class={classes!("lit-box", lit.signature.then_some("lit"))}>
                            <Value testid="signature" what="signature" text={sig.clone()} />
                        </div>
                    },
                    None => missing("signature"),
                } }
                <CrossCheckBadge explanation={props.explanation.clone()} />
            </Card>
            if presign {
                <Card n={6} title="Presigned URL" changed={changed(&["signed-url"])}
                    what="Query-string authentication: the scope, time, expiry, signed header names and signature travel as X-Amz-* parameters, so anyone holding the URL can use it until it expires.">
                    { match &e.signing.signed_url {
                        Some(u) => html! { <Value testid="signed-url" what="signed URL" text={u.clone()} /> },
                        None => missing("signed URL"),
                    } }
                </Card>
            } else {
                <Card n={6} title="Authorization header" changed={changed(&["authorization"])}
                    what="The access key ID with the scope, the signed header names and the signature, in the header AWS reads them from.">
                    { match &e.signing.authorization {
                        Some(a) => html! { <Value testid="authorization" what="Authorization header" text={a.clone()} /> },
                        None => missing("Authorization header"),
                    } }
                </Card>
            }
            <Card n={7} title="The signed request"
                what="The request exactly as it must be sent, with the headers signing added: as a curl command and as raw HTTP. It carries the live signature and the session token, so anyone holding it can send it until it expires: to share it, use Share and reproduce, which leaves them out.">
                { match e.signing.signature.as_ref().map(|_| (export::curl(&e.signing.signed_request), export::raw_http(&e.signing.signed_request))) {
                    Some((c, h)) => html! {
                        <>
                            <h4>{ "curl" }</h4>
                            <Value testid="signed-curl" what="signed curl command" text={c.clone()} />
                            <h4>{ "Raw HTTP" }</h4>
                            <Value testid="signed-http" what="signed raw HTTP request" text={h.clone()} />
                            if !presign {
                                if let Some(u) = &e.signing.signed_url {
                                    <h4>{ "URL" }</h4>
                                    <Value testid="signed-url" what="signed URL" text={u.clone()} />
                                }
                            }
                        </>
                    },
                    _ => missing("signed request"),
                } }
            </Card>
            if !e.signing.notes.is_empty() {
                <section class="card notes" aria-labelledby="notes-title">
                    <h3 id="notes-title">{ "Notes" }</h3>
                    <ul>{ for e.signing.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                </section>
            }
        </>
    }
}

fn key_testid(name: &str) -> &'static str {
    match name {
        "kDate" => "k-date",
        "kRegion" => "k-region",
        "kService" => "k-service",
        _ => "k-signing",
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    n: u8,
    title: AttrValue,
    /// One sentence: what this step does and why.
    what: AttrValue,
    /// A what-if changed this step's value.
    #[prop_or_default]
    changed: bool,
    children: Html,
}

#[function_component(Card)]
fn card(props: &CardProps) -> Html {
    let id = format!("step-{}", props.n);
    html! {
        <section class={classes!("card", "step", props.changed.then_some("changed"))} aria-labelledby={id.clone()}
            data-step={props.n.to_string()}>
            <h3 {id}><span class="step-n" aria-hidden="true">{ props.n }</span>
                <span class="visually-hidden">{ format!("Step {}: ", props.n) }</span>{ &props.title }
                if props.changed {
                    <span class="changed-badge" data-testid={format!("changed-step-{}", props.n)}>{ "changed by the what-if" }</span>
                }</h3>
            <p class="what">{ &props.what }</p>
            { props.children.clone() }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CrossCheckProps {
    explanation: Shown,
}

/// Whether aws-sigv4, the AWS SDK for Rust's signer, computed the same signature.
#[function_component(CrossCheckBadge)]
fn cross_check_badge(props: &CrossCheckProps) -> Html {
    let e = &*props.explanation.0;
    match (&e.signing.cross_check, &e.signing.cross_check_unavailable) {
        (Some(c), _) if c.agrees => html! {
            <p class="cross-check">
                <span class="badge agrees" data-testid="cross-check">{ "agrees" }</span>
                { " Cross-checked: " }<code>{ c.engine }</code>{ ", the AWS SDK for Rust's signer, computed the same signature." }
            </p>
        },
        (Some(c), _) => html! {
            <div class="cross-check mismatch" role="alert">
                <p>
                    <span class="badge disagrees" data-testid="cross-check">{ "disagrees" }</span>
                    { " " }<code>{ c.engine }</code>{ ", the AWS SDK for Rust's signer, computed a different signature. Trust neither until you find out why." }
                </p>
                <dl class="both">
                    <dt>{ "sigv4-lab" }</dt><dd><code>{ e.signing.signature.clone().unwrap_or_default() }</code></dd>
                    <dt>{ c.engine }</dt><dd><code>{ &c.signature }</code></dd>
                </dl>
            </div>
        },
        (None, Some(why)) => html! {
            <p class="cross-check muted" data-testid="cross-check-unavailable">{ format!("No cross-check: {why}") }</p>
        },
        (None, None) => html! {},
    }
}

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    /// Most severe first.
    pub findings: Rc<Vec<Finding>>,
    /// AWS's canonical request compared with ours, when AWS's answer carried one.
    pub aws_canonical_request: Option<Comparison>,
}

/// Why AWS would reject this request, from evidence in the inputs (empty until diagnostics arrive).
#[function_component(Findings)]
pub fn findings(props: &FindingsProps) -> Html {
    if props.findings.is_empty() {
        return html! {};
    }
    html! {
        <section class="card findings" id="findings" data-testid="findings" aria-labelledby="findings-title">
            <h3 id="findings-title">{ "Findings" }</h3>
            { for props.findings.iter().map(|f| {
                let severity = match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "info",
                };
                let concerns = ids::concern(f.concerns);
                let goto = Callback::from(move |_: MouseEvent| crate::ui::web::platform::focus_and_highlight(concerns));
                html! {
                    <div class={classes!("finding", format!("severity-{severity}"))} data-testid={ids::finding(f.id)}>
                        <p class="finding-title"><span class="severity">{ severity }</span>{ " " }{ &f.title }</p>
                        <p>{ &f.detail }</p>
                        <p class="fix">{ &f.fix }</p>
                        if !f.checks.is_empty() {
                            <p class="finding-sub">{ "What to check, most likely first:" }</p>
                            <ol class="checks" data-testid={format!("checks-{}", f.id)}>
                                { for f.checks.iter().map(|c| html! {
                                    <li>{ &c.cause }{ " " }<span class="how">{ "Check: " }<code>{ &c.how }</code></span></li>
                                }) }
                            </ol>
                        }
                        if !f.ruled_out.is_empty() {
                            <p class="finding-sub">{ "What the inputs rule out:" }</p>
                            <ul class="ruled-out" data-testid={format!("ruled-out-{}", f.id)}>
                                { for f.ruled_out.iter().map(|r| html! { <li>{ r }</li> }) }
                            </ul>
                        }
                        <button type="button" class="link" data-testid={format!("finding-goto-{}", f.id)} onclick={goto}>
                            { format!("Show {}", concerns.replace('-', " ")) }
                        </button>
                    </div>
                }
            }) }
            if let Some(c) = props.aws_canonical_request.as_ref().filter(|c| !c.identical) {
                <h4>{ "AWS's canonical request against this one" }</h4>
                <p class="hint">{ c.differences.iter().map(|d| d.what.as_str()).collect::<Vec<_>>().join(" ") }</p>
                <pre class="diff" data-testid="aws-canonical-request-diff">{ for c.diff.split_inclusive('\n').map(diff_line) }</pre>
            }
        </section>
    }
}

/// One line of a unified diff, coloured by what it is: ours (`-`), AWS's (`+`), a hunk header.
/// The text is kept exactly (the element's text content is the diff).
fn diff_line(line: &str) -> Html {
    let class = if line.starts_with("---") || line.starts_with("+++") {
        "diff-file"
    } else if line.starts_with("@@") {
        "diff-hunk"
    } else if line.starts_with('-') {
        "diff-ours"
    } else if line.starts_with('+') {
        "diff-theirs"
    } else {
        "diff-same"
    };
    html! { <span class={class}>{ line.to_string() }</span> }
}
