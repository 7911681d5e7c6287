//! The yew web page: renders an [`Explanation`] step by step; it computes nothing itself.
//!
//! For now the page explains one fixed request, the AWS documentation's IAM
//! `ListUsers` example; the interactive inputs come later. Every value a test
//! or script reads carries a `data-testid` from `CONTRACT.md`, and that
//! element's text content is exactly the value.

use super::platform;

use std::rc::Rc;

use time::macros::datetime;
use yew::prelude::*;

use crate::sigv4::{explain, Explanation, Inputs, SigningTime};
use crate::{Credentials, Header, Request, Secret};

/// The example from the AWS documentation ("Signature Version 4 signing process" examples).
pub fn documentation_example() -> Inputs {
    Inputs {
        request: Request {
            method: "GET".into(),
            url: "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08".into(),
            headers: vec![Header::new(
                "Content-Type",
                "application/x-www-form-urlencoded; charset=utf-8",
            )],
            body: Vec::new(),
        },
        credentials: Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            ..Credentials::default()
        },
        region: Some("us-east-1".into()),
        service: Some("iam".into()),
        time: SigningTime::At(datetime!(2015-08-30 12:36:00 UTC)),
        settings: Default::default(),
    }
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let inputs = documentation_example();
    let body = match explain(&inputs, platform::now()) {
        Ok(explanation) => html! { <Steps explanation={Shown(Rc::new(explanation))} /> },
        Err(e) => html! {
            <p class="error" role="alert" data-testid="explain-error">{ e.message }</p>
        },
    };
    html! {
        <main>
            <header>
                <h1>{ "sigv4-lab" }</h1>
                <p class="intro">
                    { "How AWS Signature Version 4 signs a request, one step at a time: here the AWS documentation's " }
                    <code>{ "GET https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08" }</code>
                    { " signed with the documentation's example key for us-east-1, service iam, at 2015-08-30T12:36:00Z." }
                </p>
            </header>
            { body }
        </main>
    }
}

/// An explanation handed to components; equal when it is the same computation.
#[derive(Clone)]
struct Shown(Rc<Explanation>);

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct StepsProps {
    explanation: Shown,
}

/// One card per step, in signing order.
#[function_component(Steps)]
fn steps(props: &StepsProps) -> Html {
    let e = &*props.explanation.0;
    let creq = e.canonical_request.to_string();
    let sts = e.string_to_sign.to_string();
    let missing = |what: &str| html! { <p class="muted">{ format!("No {what}: no secret access key was given.") }</p> };
    html! {
        <>
            <Card n={1} title="Canonical request"
                what="The request rewritten in one fixed form: method, path, sorted query, lowercase signed headers, the list of signed header names, and the payload's SHA-256.">
                <Lines testid="canonical-request" text={creq} />
            </Card>
            <Card n={2} title="Hash of the canonical request"
                what="The lowercase hex SHA-256 of the canonical request above; any byte of difference changes it completely.">
                <pre class="value" data-testid="canonical-request-hash">{ &e.canonical_request_hash }</pre>
            </Card>
            <Card n={3} title="String to sign"
                what="The algorithm, the request time, the credential scope (date/region/service/aws4_request) and the hash from step 2, one per line.">
                <Lines testid="string-to-sign" text={sts} />
            </Card>
            <Card n={4} title="Signing key"
                what="The secret access key is never sent: it is HMAC-SHA256'd with the date, then the region, the service and \"aws4_request\", each result keying the next.">
                { match &e.signing_key {
                    Some(chain) => html! {
                        <ol class="chain">
                            { for chain.steps.iter().enumerate().map(|(i, s)| {
                                let key = if i == 0 { "\"AWS4\" + secret".to_string() } else { chain.steps[i - 1].name.to_string() };
                                html! {
                                    <li>
                                        <span class="key-name">{ s.name }</span>
                                        <span class="key-formula">{ format!(" = HMAC({key}, \"{}\")", s.input) }</span>
                                        <code class="value" data-testid={key_testid(s.name)}>{ &s.hex }</code>
                                    </li>
                                }
                            }) }
                        </ol>
                    },
                    None => missing("signing key"),
                } }
            </Card>
            <Card n={5} title="Signature"
                what="The lowercase hex HMAC-SHA256 of the string to sign, keyed with kSigning.">
                { match &e.signature {
                    Some(sig) => html! { <pre class="value" data-testid="signature">{ sig }</pre> },
                    None => missing("signature"),
                } }
                <CrossCheckBadge explanation={props.explanation.clone()} />
            </Card>
            <Card n={6} title="Authorization header"
                what="The access key ID and scope, the signed header names and the signature, in the header AWS reads them from.">
                { match &e.authorization {
                    Some(a) => html! { <pre class="value wrap" data-testid="authorization">{ a }</pre> },
                    None => missing("Authorization header"),
                } }
            </Card>
            <Card n={7} title="Signed request as curl"
                what="The same request with its X-Amz-Date and Authorization headers, ready to paste into a shell.">
                { match &e.signed_curl {
                    Some(c) => html! { <pre class="value wrap" data-testid="signed-curl">{ c }</pre> },
                    None => missing("signed request"),
                } }
            </Card>
            if !e.notes.is_empty() {
                <section class="card notes">
                    <h2>{ "Notes" }</h2>
                    <ul>{ for e.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
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
    /// One sentence: what this step does.
    what: AttrValue,
    children: Html,
}

#[function_component(Card)]
fn card(props: &CardProps) -> Html {
    html! {
        <section class="card">
            <h2><span class="step-n">{ props.n }</span>{ &props.title }</h2>
            <p class="what">{ &props.what }</p>
            { props.children.clone() }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct LinesProps {
    testid: AttrValue,
    text: AttrValue,
}

/// Multi-line text whose element's text content is exactly `text`; each line
/// break is shown by a CSS `↵` marker, which is not part of the text.
#[function_component(Lines)]
fn lines(props: &LinesProps) -> Html {
    let lines: Vec<&str> = props.text.split('\n').collect();
    let last = lines.len().saturating_sub(1);
    html! {
        <pre class="value lines" data-testid={props.testid.clone()}>
            { for lines.iter().enumerate().map(|(i, line)| {
                if i < last {
                    html! { <><span class="nl">{ *line }</span>{ "\n" }</> }
                } else {
                    html! { <span>{ *line }</span> }
                }
            }) }
        </pre>
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
    match (&e.cross_check, &e.cross_check_unavailable) {
        (Some(c), _) => {
            let word = if c.agrees { "agrees" } else { "disagrees" };
            html! {
                <p class="cross-check">
                    { "Cross-check with " }<code>{ c.engine }</code>{ ", the AWS SDK for Rust's signer: " }
                    <span class={classes!("badge", word)} data-testid="cross-check">{ word }</span>
                    if !c.agrees {
                        <span class="muted">{ " — it computed " }<code>{ &c.signature }</code></span>
                    }
                </p>
            }
        }
        (None, Some(why)) => {
            html! { <p class="cross-check muted">{ format!("No cross-check: {why}") }</p> }
        }
        (None, None) => html! {},
    }
}
