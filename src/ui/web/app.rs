//! The yew web page, a workbench: the inputs on the left, the result on the right (the verdict
//! first, then the findings and every SigV4 step), each pane scrolling on its own, so a change
//! and its effect are on screen together; stacked on a phone, with the verdict pinned.
//!
//! `App` owns the one reducer ([`State`], [`reduce`](state::reduce)) and the
//! clock; the explanation is derived from both with `use_memo`, never stored.
//! Every value a test or script reads carries a `data-testid` from
//! `CONTRACT.md`, and that element's text content is exactly the value.

use std::rc::Rc;

use yew::prelude::*;

use super::components::inputs::aws_said::AwsSaidCard;
use super::components::inputs::credentials::CredentialsCard;
use super::components::inputs::examples::Examples;
use super::components::inputs::paste_anything::PasteAnything;
use super::components::inputs::request::RequestCard;
use super::components::inputs::scope::ScopeCard;
use super::components::inputs::signing::SigningCard;
use super::components::inputs::verify::VerifyCard;
use super::components::inputs::{problem_view, FIELDS_WITH_PROBLEMS};
use super::components::learn::{Walkthrough, WhatIfCard};
use super::components::pointable::Pointing;
use super::components::share::ShareCard;
use super::components::steps::{Findings, Steps};
use super::components::verdict::{ReadAsLine, VerdictBar};
use super::platform;
use crate::input::read_as::read_as;
use crate::input::Field;
use crate::learn::what_if::Mistake;
use crate::report::share;
use crate::timefmt;
use crate::ui::highlight::Part;
use crate::ui::state::{self, Action, Shown, State};

/// The example a first-time visitor sees: the AWS documentation's IAM ListUsers.
const FIRST_EXAMPLE: &str = "iam-list-users";

/// [`State`] as yew's reducer state: a thin adapter over [`state::reduce`].
#[derive(PartialEq)]
struct Store(Rc<State>);

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let current = Rc::try_unwrap(self)
            .map(|store| store.0)
            .unwrap_or_else(|shared| shared.0.clone());
        let current = Rc::try_unwrap(current).unwrap_or_else(|shared| (*shared).clone());
        Rc::new(Store(Rc::new(state::reduce(current, action))))
    }
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    // A share link opens with its request (and no credentials); any other visit with an example.
    let opened = use_state(|| {
        let fragment = platform::location_fragment();
        (!fragment.is_empty()).then(|| share::from_fragment(&fragment))
    });
    let store = {
        let opened = opened.clone();
        use_reducer(move || {
            let first = match &*opened {
                Some(Ok(shared)) => Action::RestoreShared(Box::new(shared.clone())),
                _ => Action::LoadExample(FIRST_EXAMPLE.into()),
            };
            Store(Rc::new(state::reduce(State::default(), first)))
        })
    };
    // The clock lives here, not in the reducer: it ticks every second (whole seconds,
    // as SigV4 signs them), so "now" stays now.
    let now = use_state_eq(|| whole_second(platform::now()));
    {
        let now = now.setter();
        use_effect_with((), move |_| {
            let ticker = platform::every(
                1000,
                Callback::from(move |_| now.set(whole_second(platform::now()))),
            );
            move || drop(ticker)
        });
    }
    let s = store.0.clone();
    let explained = use_memo((s.clone(), *now), |(s, now)| {
        s.explain(*now).map(|e| Shown(Rc::new(e)))
    });
    let verified = use_memo((s.clone(), *now), |(s, now)| s.verify(*now).map(Rc::new));
    // What AWS said, decoded for its card once per change of its text, not on every render.
    let decoded = use_memo(s.error_text.clone(), |_| s.decoded_error());
    let on_action = {
        let dispatcher = store.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };

    let (explanation, problem) = match &*explained {
        Ok(e) => (Some(e.clone()), None),
        Err(p) => (None, Some(p.clone())),
    };
    // A what-if is a view over the inputs (they stay as typed): the steps show its result.
    let what_if = use_state_eq(|| None::<Mistake>);
    let applied = use_memo((s.clone(), *now, *what_if), |(s, now, m)| {
        // Over the explanation memoised above, for the same state and clock.
        let base = (*explained).as_ref().ok()?;
        s.what_if(&base.0, *now, (*m)?)
    });
    let on_what_if = {
        let what_if = what_if.clone();
        Callback::from(move |m: Option<Mistake>| what_if.set(m))
    };
    // The part of the input under the pointer or focus: view state, lit in every step.
    let hovered = use_state_eq(|| None::<Part>);
    let focused = use_state_eq(|| None::<Part>);
    let on_lit = {
        let (hovered, focused) = (hovered.clone(), focused.clone());
        Callback::from(move |p: Pointing| match p {
            Pointing::Hover(p) => hovered.set(p),
            Pointing::Focus(p) => focused.set(p),
        })
    };
    let lit = (*hovered).clone().or_else(|| (*focused).clone());
    let (shown, changed) = match &*applied {
        Some(Ok(a)) => (Some(a.explanation.clone()), a.changed.clone()),
        _ => (explanation.clone(), Rc::default()),
    };
    let now_text = AttrValue::from(timefmt::iso(*now));
    // In verify mode the findings are the verification's, as `sigv4-lab verify` prints them.
    let verification = (*verified).as_ref().and_then(|v| v.as_ref().as_ref().ok());
    let (findings, aws_diff) = match (verification, &shown) {
        (Some(v), _) => (
            Rc::new(v.findings.clone()),
            v.aws.as_ref().and_then(|a| a.canonical_request.clone()),
        ),
        (None, Some(e)) => (
            Rc::new(e.0.findings.clone()),
            e.0.aws.as_ref().and_then(|a| a.canonical_request.clone()),
        ),
        (None, None) => (Rc::default(), None),
    };
    // The verdict on what the result pane shows, and how the request was read.
    let summary = s.verdict(shown.as_ref().map(|e| &*e.0), verification);
    let read = s
        .inputs()
        .ok()
        .map(|i| read_as(&i.request))
        .filter(|_| !s.form.url.trim().is_empty());
    let claims_only = s.claims_only();
    // Keyboard: "/" focuses the paste-anything box, "v" the verdict (not while typing).
    {
        use_effect_with((), |_| {
            let listener = platform::on_key(Callback::from(|e: web_sys::KeyboardEvent| {
                if e.ctrl_key() || e.meta_key() || e.alt_key() || platform::typing_in(&e) {
                    return;
                }
                match e.key().as_str() {
                    "/" => {
                        e.prevent_default();
                        platform::focus_id("paste-anything");
                    }
                    "v" => {
                        e.prevent_default();
                        platform::focus_id("verdict");
                    }
                    _ => {}
                }
            }));
            move || drop(listener)
        });
    }
    // Pointing at an input lights what it produced; when none of that is on screen, bring it in.
    {
        use_effect_with(lit.clone(), |lit| {
            let timer = lit
                .is_some()
                .then(|| platform::after(250, Callback::from(|_| platform::reveal_lit())));
            move || drop(timer)
        });
    }
    // Which walkthrough step is open: view state, not an input, so it lives outside the reducer.
    let walk_step = use_state_eq(|| None::<usize>);
    let on_walk_step = {
        let walk_step = walk_step.clone();
        Callback::from(move |n: Option<usize>| walk_step.set(n))
    };

    html! {
        <main class="app">
            <header class="top">
                <h1>{ "sigv4-lab" }</h1>
                <p class="intro">
                    { "Paste a request and your credentials, and watch AWS Signature Version 4 sign it, one step at a time. \
                       Everything happens in this tab: nothing is sent, stored or logged." }
                </p>
                <p class="shortcuts muted small">
                    <kbd>{ "/" }</kbd>{ " paste box · " }<kbd>{ "v" }</kbd>{ " verdict" }
                </p>
            </header>
            <div class="workbench">
                <div class="pane inputs-pane" data-testid="inputs-pane" aria-label="Inputs">
                    if let Some(Err(why)) = &*opened {
                        <p class="error card" role="alert" data-testid="share-link-error">
                            { format!("This page's link could not be read as a share link: {why} The example is shown instead.") }
                        </p>
                    }
                    if matches!(&*opened, Some(Ok(_))) {
                        <p class="card hint" data-testid="share-link-opened">
                            { "Opened from a share link: the request and how to sign it are filled in. Share links never carry credentials, so type or paste your own below." }
                        </p>
                    }
                    <PasteAnything text={AttrValue::from(s.anything_text.clone())} pasted={s.pasted.clone()} on_action={on_action.clone()} />
                    <div class="card examples-card">
                        <Examples example={s.example} on_action={on_action.clone()} />
                    </div>
                    <RequestCard text={AttrValue::from(s.request_text.clone())} error={s.request_error.clone()}
                        warnings={s.request_warnings.clone()}
                        method={AttrValue::from(s.form.method.clone())} url={AttrValue::from(s.form.url.clone())}
                        headers={s.header_rows()} body={s.form.body.clone()}
                        hashing={s.hashing.clone()} body_error={s.body_error.clone()}
                        problem={problem.clone()} lit={lit.clone()} on_lit={on_lit.clone()} on_action={on_action.clone()} />
                    <CredentialsCard text={AttrValue::from(s.credentials_text.clone())} error={s.credentials_error.clone()}
                        profiles={s.profiles.clone()} profile={s.profile.clone()}
                        access_key_id={AttrValue::from(s.access_key_id.clone())}
                        secret_access_key={s.secret_access_key.clone()} session_token={s.session_token.clone()}
                        expiration={s.expiration} now={*now} region={s.credentials_region.clone()} show_secrets={s.show_secrets}
                        lit={lit.clone()} on_lit={on_lit.clone()} on_action={on_action.clone()} />
                    <ScopeCard region={AttrValue::from(s.form.region.clone())} service={AttrValue::from(s.form.service.clone())}
                        region_inferred={explanation.as_ref().map(|e| e.0.signing.region.clone())}
                        service_inferred={explanation.as_ref().map(|e| e.0.signing.service.clone())}
                        request_says={s.request_says.clone()}
                        problem={problem.clone()} lit={lit.clone()} on_lit={on_lit.clone()} on_action={on_action.clone()} />
                    <SigningCard mode={s.form.mode} expires={AttrValue::from(s.form.expires.clone())}
                        signing_time={AttrValue::from(s.form.signing_time.clone())} flags={s.form.flags}
                        has_request_date={s.form.request_date().is_some()}
                        s3_rules={explanation.as_ref().is_some_and(|e| e.0.signing.rules.s3_rules)}
                        now={now_text} problem={problem.clone()} lit={lit.clone()} on_lit={on_lit.clone()} on_action={on_action.clone()} />
                    <AwsSaidCard text={AttrValue::from(s.error_text.clone())} decoded={decoded} on_action={on_action.clone()} />
                    <VerifyCard verify_mode={s.verify_mode} verification={(*verified).clone()} on_action={on_action.clone()} />
                </div>
                <div class="pane results-pane" data-testid="results-pane" aria-label="Result">
                    <VerdictBar summary={summary} findings={findings.clone()} problem={problem.clone()}
                        example_time={s.example.and_then(crate::learn::examples::find).map(|p| AttrValue::from(p.time))} />
                    <ReadAsLine read_as={read} checking={s.verify_mode} claims_only={claims_only} on_action={on_action.clone()} />
                    <Walkthrough explanation={explanation.clone()} step={*walk_step} on_step={on_walk_step} on_action={on_action.clone()} />
                    <section class="steps" aria-labelledby="steps-title">
                        { match (&shown, &problem) {
                            (Some(_), _) => html! {
                                <Findings findings={findings.clone()} aws_canonical_request={aws_diff.clone()} />
                            },
                            _ => html! {},
                        } }
                        <h2 id="steps-title">{ "Signing, step by step" }</h2>
                        <WhatIfCard selected={*what_if} applied={(*applied).clone()} on_select={on_what_if} />
                        { match (&shown, &problem) {
                            (Some(e), _) => html! {
                                <Steps explanation={e.clone()} show_secrets={s.show_secrets} changed={changed.clone()}
                                    lit={lit.clone()} on_lit={on_lit.clone()}
                                    secret={if s.show_secrets { AttrValue::from(s.secret_access_key.expose().to_string()) } else { AttrValue::default() }} />
                            },
                            (None, Some(p)) => html! {
                                <div class="card placeholder">
                                    if FIELDS_WITH_PROBLEMS.contains(&p.field) {
                                        <p>{ format!("The steps appear here as soon as the request can be signed: see the message under {} on the left.", field_name(p.field)) }</p>
                                    } else {
                                        { problem_view(p, false) }
                                    }
                                </div>
                            },
                            (None, None) => html! {},
                        } }
                    </section>
                    <ShareCard state={s.clone()} explanation={explanation.clone()} />
                    <footer class="muted small">
                        <p>{ "sigv4-lab signs with its own step-by-step code and cross-checks every signature with aws-sigv4, the AWS SDK for Rust's signer." }</p>
                    </footer>
                </div>
            </div>
        </main>
    }
}

/// How the page labels a field.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::Url => "URL",
        Field::Method => "Method",
        Field::Headers => "Headers",
        Field::Region => "Region",
        Field::Service => "Service",
        Field::SigningTime => "Signing time",
        Field::Expires => "Presigned URL lifetime",
        _ => "the field concerned",
    }
}

/// `t` without its fraction of a second.
fn whole_second(t: time::OffsetDateTime) -> time::OffsetDateTime {
    t.replace_nanosecond(0).unwrap_or(t)
}
