//! Small building blocks: a value with its copy button, exact multi-line blocks, error excerpts,
//! and the event helpers the input cards share.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::input::ParseError;
use crate::text::thousands;
use crate::ui::excerpt::Excerpt;
use crate::ui::web::platform;

/// The current text of the input, textarea or select an event came from.
pub fn event_text(e: &Event) -> Option<String> {
    let target = e.target()?;
    if let Some(i) = target.dyn_ref::<HtmlInputElement>() {
        return Some(i.value());
    }
    if let Some(t) = target.dyn_ref::<HtmlTextAreaElement>() {
        return Some(t.value());
    }
    target.dyn_ref::<HtmlSelectElement>().map(|s| s.value())
}

/// A callback for events that emits an action when `make` gives one.
pub fn emit_some<E: 'static, A: 'static>(
    on_action: &Callback<A>,
    make: impl Fn(E) -> Option<A> + 'static,
) -> Callback<E> {
    let on_action = on_action.clone();
    Callback::from(move |e: E| {
        if let Some(action) = make(e) {
            on_action.emit(action);
        }
    })
}

/// A callback for `onchange` that turns the field's text into an action.
pub fn on_text<A: 'static>(
    on_action: &Callback<A>,
    make: impl Fn(String) -> A + 'static,
) -> Callback<Event> {
    emit_some(on_action, move |e: Event| event_text(&e).map(&make))
}

/// A callback for `oninput` that turns the field's text into an action.
pub fn on_input<A: 'static>(
    on_action: &Callback<A>,
    make: impl Fn(String) -> A + 'static,
) -> Callback<InputEvent> {
    emit_some(on_action, move |e: InputEvent| event_text(&e).map(&make))
}

/// A `NodeRef` for a `<select>` whose chosen option follows `value` (set after each change of it),
/// because an option's `selected` attribute stops counting once the person has chosen.
#[hook]
pub fn use_select_value(value: String) -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(value, move |v| {
            if let Some(select) = node.cast::<HtmlSelectElement>() {
                select.set_value(v);
            }
        });
    }
    node
}

#[derive(Clone, Debug, PartialEq)]
enum CopyStatus {
    Idle,
    Copied,
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The test id of the value; the button's is `copy-<testid>`.
    pub testid: AttrValue,
    /// What is copied, for the button's label: "Copy <what>".
    pub what: AttrValue,
    pub text: AttrValue,
}

/// A "Copy" button with its own short-lived "Copied" (or failure) message.
#[function_component(CopyButton)]
pub fn copy_button(props: &CopyButtonProps) -> Html {
    let status = use_state_eq(|| CopyStatus::Idle);
    {
        // "Copied" fades after two seconds.
        let status = status.clone();
        use_effect_with((*status).clone(), move |shown| {
            let timer = (*shown == CopyStatus::Copied).then(|| {
                let status = status.clone();
                platform::after(2000, Callback::from(move |_| status.set(CopyStatus::Idle)))
            });
            move || drop(timer)
        });
    }
    let onclick = {
        let status = status.clone();
        let text = props.text.clone();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            platform::copy_text(
                text.to_string(),
                Callback::from(move |done: Result<(), String>| {
                    status.set(match done {
                        Ok(()) => CopyStatus::Copied,
                        Err(why) => CopyStatus::Failed(why),
                    })
                }),
            );
        })
    };
    let message = match &*status {
        CopyStatus::Idle => String::new(),
        CopyStatus::Copied => "Copied".into(),
        CopyStatus::Failed(why) => format!("Not copied: {why}."),
    };
    let failed = matches!(*status, CopyStatus::Failed(_));
    html! {
        <span class="copy">
            <button type="button" class="copy-button"
                data-testid={format!("copy-{}", props.testid)}
                aria-label={format!("Copy {}", props.what)}
                {onclick}>{ "Copy" }</button>
            <span class={classes!("copy-status", failed.then_some("failed"))} role="status">{ message }</span>
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct ValueProps {
    pub testid: AttrValue,
    pub what: AttrValue,
    pub text: AttrValue,
    /// Long text that may wrap anywhere (URLs, headers, hex).
    #[prop_or(true)]
    pub wrap: bool,
}

/// Text longer than this (in bytes) is shown unwrapped, scrolling sideways, and laid out only when
/// in view (web/style.css `.value.long`): Chromium took 25 to 90 s to lay out a wrapped 300 KB
/// right-to-left line (a typed body in the signed curl and raw HTTP exports).
pub const LONG_TEXT: usize = 20_000;

/// One output value, exactly as computed, with a copy button.
#[function_component(Value)]
pub fn value(props: &ValueProps) -> Html {
    let long = props.text.len() > LONG_TEXT;
    html! {
        <div class="value-box inline">
            <pre class={classes!("value", props.wrap.then_some("wrap"), long.then_some("long"))}
                data-testid={props.testid.clone()}>{ &props.text }</pre>
            <CopyButton testid={props.testid.clone()} what={props.what.clone()} text={props.text.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ExactProps {
    pub testid: AttrValue,
    pub what: AttrValue,
    pub text: AttrValue,
    /// Lines (from 0) to light: what the part of the input pointed at produced.
    #[prop_or_default]
    pub lit: Vec<usize>,
    /// Hears the line under the pointer (`None` when it leaves).
    #[prop_or_default]
    pub on_line: Option<Callback<Option<usize>>>,
}

/// Multi-line text whose element's text content is exactly `text`, shown with
/// line numbers and markers for line breaks (↵), spaces (·) and tabs (→).
/// The numbers and markers are CSS generated content: decoration, not text.
/// A line longer than [`LONG_TEXT`] gets no space and tab markers (one element per space
/// is too many), and a text that long does not wrap.
#[function_component(Exact)]
pub fn exact(props: &ExactProps) -> Html {
    let lines: Vec<&str> = props.text.split('\n').collect();
    let last = lines.len().saturating_sub(1);
    let long = props.text.len() > LONG_TEXT;
    html! {
        <div class="value-box">
            <div class="value-head">
                <span class="legend" aria-hidden="true">{ "↵ line break · space → tab" }</span>
                <CopyButton testid={props.testid.clone()} what={props.what.clone()} text={props.text.clone()} />
            </div>
            <pre class={classes!("value", "exact", long.then_some("long"))} data-testid={props.testid.clone()}>
                { for lines.iter().enumerate().map(|(i, line)| html! {
                    <span class={classes!("ln", props.lit.contains(&i).then_some("lit"))}
                        onmouseenter={props.on_line.as_ref().map(|c| c.reform(move |_: MouseEvent| Some(i)))}
                        onmouseleave={props.on_line.as_ref().map(|c| c.reform(|_: MouseEvent| None))}>
                        <span class={classes!("t", (i < last).then_some("nl"))}>{
                            if line.len() > LONG_TEXT { html! { { *line } } } else { marked_whitespace(line) }
                        }</span>
                        if i < last { { "\n" } }
                    </span>
                }) }
            </pre>
        </div>
    }
}

/// Wraps each space and tab of `line` in a span that CSS draws a marker over.
fn marked_whitespace(line: &str) -> Html {
    let mut parts = Vec::new();
    let mut run_start = 0;
    for (i, c) in line.char_indices() {
        let class = match c {
            ' ' => "sp",
            '\t' => "tab",
            _ => continue,
        };
        if run_start < i {
            parts.push(html! { { &line[run_start..i] } });
        }
        parts.push(html! { <span class={class}>{ if c == ' ' { " " } else { "\t" } }</span> });
        run_start = i + c.len_utf8();
    }
    if run_start < line.len() {
        parts.push(html! { { &line[run_start..] } });
    }
    parts.into_iter().collect::<Html>()
}

#[derive(Properties, PartialEq)]
pub struct ParseErrorViewProps {
    /// `request-error` or `credentials-error`: the alert's test id and element id;
    /// the mark's test id is `<testid>-span`.
    pub testid: AttrValue,
    pub error: ParseError,
    /// The pasted text the error points into.
    pub text: AttrValue,
}

/// A parse error: its sentence, then the pasted line with the place marked.
#[function_component(ParseErrorView)]
pub fn parse_error_view(props: &ParseErrorViewProps) -> Html {
    let ex = Excerpt::new(&props.text, props.error.span.clone());
    let numbers: String = (ex.first_line..ex.first_line + ex.line_count())
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    let empty = ex.marked.is_empty();
    let mark_class = classes!(
        "span",
        empty.then_some("empty"),
        (empty && ex.at_line_end).then_some("eol")
    );
    html! {
        <div class="parse-error">
            <p class="error" role="alert" id={props.testid.clone()} data-testid={props.testid.clone()}>
                { props.error.to_string() }
            </p>
            <div class="excerpt">
                <pre class="gutter" aria-hidden="true">{ numbers }</pre>
                <pre class="excerpt-text">
                    { &ex.before }
                    <mark class={mark_class} data-testid={format!("{}-span", props.testid)}>{ &ex.marked }</mark>
                    if let Some(n) = ex.marked_cut {
                        <span class="cut">{ format!(" ({} characters marked)", thousands(n)) }</span>
                    }
                    if empty {
                        <span class="visually-hidden">{ if ex.at_line_end { "(here, at the end of the line)" } else { "(here)" } }</span>
                    }
                    { &ex.after }
                </pre>
            </div>
        </div>
    }
}
