//! The ground side of the page: the cards where a person pastes, types and chooses, one file
//! each.
//!
//! Each card gets the fields it shows and one `on_action` callback (and, where it has parts of
//! the input to point at, the part lit and `on_lit`); it never computes a signature.

pub mod aws_said;
pub mod body;
pub mod credentials;
pub mod examples;
pub mod paste_anything;
pub mod request;
pub mod scope;
pub mod signing;
pub mod verify;

use yew::prelude::*;

use crate::input::form::Problem;
use crate::input::Field;

/// The fields that show a problem next to themselves; any other problem is shown above the steps.
pub const FIELDS_WITH_PROBLEMS: [Field; 7] = [
    Field::Url,
    Field::Method,
    Field::Headers,
    Field::Region,
    Field::Service,
    Field::SigningTime,
    Field::Expires,
];

/// The problem, if it concerns `field`.
fn problem_at(problem: &Option<Problem>, field: Field) -> Option<&Problem> {
    problem.as_ref().filter(|p| p.field == field)
}

/// The `explain-error` message shown under a field.
pub fn problem_view(p: &Problem, prompt: bool) -> Html {
    html! {
        <p class={if prompt { "hint-box" } else { "error field-error" }}
            id="explain-error" data-testid="explain-error">{ &p.message }</p>
    }
}

/// `aria-describedby` for a field: its hint and, when it has one, the problem.
fn described_by(hint: Option<&str>, problem: Option<&Problem>) -> Option<AttrValue> {
    let ids: Vec<&str> = hint
        .into_iter()
        .chain(problem.map(|_| "explain-error"))
        .collect();
    (!ids.is_empty()).then(|| AttrValue::from(ids.join(" ")))
}

fn invalid(on: bool) -> Option<AttrValue> {
    on.then_some(AttrValue::Static("true"))
}
