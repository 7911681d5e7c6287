//! What AWS answered, pasted: decoded, its evidence joins the findings.

use std::rc::Rc;

use yew::prelude::*;

use super::invalid;
use crate::input::aws_error::AwsError;
use crate::input::ParseError;
use crate::ui::state::Action;
use crate::ui::web::components::widgets::{on_input, ParseErrorView};

#[derive(Properties, PartialEq)]
pub struct AwsSaidProps {
    /// The paste box's text.
    pub text: AttrValue,
    /// The text decoded (derived once in `App`): `None` when empty.
    pub decoded: Rc<Option<Result<AwsError, ParseError>>>,
    pub on_action: Callback<Action>,
}

/// What AWS answered, pasted: decoded, its evidence joins the findings.
#[function_component(AwsSaidCard)]
pub fn aws_said_card(props: &AwsSaidProps) -> Html {
    let failed = matches!(*props.decoded, Some(Err(_)));
    html! {
        <section class="card" aria-labelledby="aws-said-title">
            <h2 id="aws-said-title">{ "What AWS said" }</h2>
            <label for="error-input">{ "Paste AWS's error response (optional)" }</label>
            <p class="hint" id="error-hint">{ "XML, JSON, headers and body, or just the message. What it says joins the findings above the steps." }</p>
            <textarea id="error-input" data-testid="error-input" rows="3" spellcheck="false"
                autocomplete="off" autocapitalize="off"
                aria-invalid={invalid(failed)}
                aria-describedby={if failed { "error-hint error-input-error" } else { "error-hint" }}
                value={props.text.clone()} oninput={on_input(&props.on_action, Action::SetErrorText)} />
            { match &*props.decoded {
                Some(Ok(err)) => html! {
                    <p class="hint" data-testid="error-decoded">{ err.read_as() }</p>
                },
                Some(Err(e)) => html! {
                    <ParseErrorView testid="error-input-error" error={e.clone()} text={props.text.clone()} />
                },
                None => html! {},
            } }
        </section>
    }
}
