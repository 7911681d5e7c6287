//! Paste anything: one box for a request, credentials, AWS's answer, or a whole terminal
//! scrollback with all of them. Each part goes to its box below, the page says what it read
//! as what, and Undo takes it all back.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::input::paste::Kind;
use crate::ui::state::{Action, Pasted};

#[derive(Properties, PartialEq)]
pub struct PasteAnythingProps {
    pub text: AttrValue,
    /// The last paste, as routed.
    pub pasted: Option<Pasted>,
    pub on_action: Callback<Action>,
}

/// `first`–`last` as a person reads line numbers: "line 4", "lines 1–3".
fn lines((first, last): (usize, usize)) -> String {
    if first == last {
        format!("line {first}")
    } else {
        format!("lines {first}\u{2013}{last}")
    }
}

/// Line numbers as ranges: [1, 2, 3, 7] → "lines 1–3 and line 7".
fn ranges(numbers: &[usize]) -> String {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for &n in numbers {
        match spans.last_mut() {
            Some((_, last)) if *last + 1 == n => *last = n,
            _ => spans.push((n, n)),
        }
    }
    let words: Vec<String> = spans.into_iter().map(lines).collect();
    match words.len() {
        0 => String::new(),
        1 => words[0].clone(),
        n => format!("{} and {}", words[..n - 1].join(", "), words[n - 1]),
    }
}

/// The box a kind of part goes to, as its card is titled.
fn destination(kind: Kind) -> &'static str {
    match kind {
        Kind::Request => "Request",
        Kind::Credentials => "Credentials",
        Kind::AwsAnswer => "What AWS said",
    }
}

/// One box that takes everything and routes each part.
#[function_component(PasteAnything)]
pub fn paste_anything(props: &PasteAnythingProps) -> Html {
    let on = &props.on_action;
    // A paste (or a drop) is routed at once; typing only edits the text, and "Read it" routes.
    let oninput = on.reform(|e: InputEvent| {
        let text = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            .map(|t| t.value())
            .unwrap_or_default();
        match e.input_type().as_str() {
            "insertFromPaste" | "insertFromDrop" => Action::PasteAnything(text),
            _ => Action::SetAnythingText(text),
        }
    });
    let read = {
        let text = props.text.to_string();
        on.reform(move |_: MouseEvent| Action::PasteAnything(text.clone()))
    };
    let result = props.pasted.as_ref().map(|p| {
        let r = &p.routed;
        let taken: Vec<_> = r
            .parts
            .iter()
            .filter(|part| !p.skipped.contains(&part.lines))
            .collect();
        html! {
            <div class="paste-result" data-testid="paste-anything-result" aria-live="polite">
                if taken.is_empty() {
                    <p>{ "Nothing in it reads as a request, credentials or AWS's answer: paste a curl command, raw HTTP, a URL, a profile block, export lines, STS JSON, or AWS's error." }</p>
                } else {
                    <ul>
                        { for taken.iter().map(|part| html! {
                            <li data-testid={format!("paste-part-{}", match part.kind { Kind::Request => "request", Kind::Credentials => "credentials", Kind::AwsAnswer => "aws-said" })}>
                                { format!("{} ({}) \u{2192} {}", capitalize(&lines(part.lines)), part.form, destination(part.kind)) }
                            </li>
                        }) }
                    </ul>
                }
                if !p.skipped.is_empty() {
                    <p class="hint">{ format!("Also found and left alone: {} (only the first of each kind is used).",
                        p.skipped.iter().map(|l| lines(*l)).collect::<Vec<_>>().join(", ")) }</p>
                }
                if !r.unread.is_empty() {
                    <p class="hint">{ format!("Not read: {} (shell output and the like).", ranges(&r.unread)) }</p>
                }
                <button type="button" data-testid="paste-anything-undo" onclick={on.reform(|_| Action::UndoPaste)}>
                    { "Undo: put every box back as it was" }
                </button>
            </div>
        }
    });
    html! {
        <section class="card paste-anything" aria-labelledby="paste-anything-title">
            <h2 id="paste-anything-title">{ "Paste anything" }</h2>
            <label for="paste-anything">{ "A request, credentials, AWS's answer, or a whole terminal scrollback with all of them" }</label>
            <p class="hint" id="paste-anything-hint">{ "Each part goes to its box below, and the page says what it read as what. Nothing leaves this tab. Shortcut: / focuses this box." }</p>
            <textarea id="paste-anything" data-testid="paste-anything" rows="4"
                spellcheck="false" autocomplete="off" autocapitalize="off"
                aria-describedby="paste-anything-hint"
                value={props.text.clone()} {oninput} />
            <div class="row">
                <button type="button" data-testid="paste-anything-read" onclick={read}
                    disabled={props.text.trim().is_empty()}>{ "Read it" }</button>
            </div>
            { for result }
        </section>
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
