//! The examples menu and what the loaded example teaches.

use yew::prelude::*;

use crate::learn::examples::{self as presets, PRESETS};
use crate::ui::state::Action;
use crate::ui::web::components::widgets::{emit_some, event_text, use_select_value};

#[derive(Properties, PartialEq)]
pub struct ExamplesProps {
    pub example: Option<&'static str>,
    pub on_action: Callback<Action>,
}

/// The examples menu and what the loaded example teaches.
#[function_component(Examples)]
pub fn examples(props: &ExamplesProps) -> Html {
    let onchange = emit_some(&props.on_action, |e: Event| {
        event_text(&e)
            .filter(|id| !id.is_empty())
            .map(Action::LoadExample)
    });
    let preset = props.example.and_then(presets::find);
    let about = preset.map(|p| p.about);
    let select = use_select_value(props.example.unwrap_or_default().to_string());
    html! {
        <div class="examples">
            <label for="examples">{ "Start from an example" }</label>
            <select id="examples" data-testid="examples" ref={select} {onchange} aria-describedby="example-about">
                <option value="" selected={props.example.is_none()}>{ "Load an example…" }</option>
                { for PRESETS.iter().map(|p| html! {
                    <option value={p.id} selected={props.example == Some(p.id)}>{ p.label }</option>
                }) }
            </select>
            <p class="muted small" id="example-about" data-testid="example-about">{
                match about {
                    Some(a) => a.to_string(),
                    None => "Each example uses AWS's published example keys, never real ones.".into(),
                }
            }</p>
            if let Some(p) = preset {
                <p class="example-mode" data-testid="example-mode">
                    <strong>{ "This is an example. " }</strong>
                    { format!("It is signed at AWS's documented time, {}, with AWS's published example keys, so findings about the time (a clock years behind, an expired URL or token) are expected. Paste a request of your own, and the page leaves the example: it signs at the current time with the region and service inferred again.", p.time) }
                </p>
            }
        </div>
    }
}
