//! Region and service: typed, or inferred from the host (the placeholder shows what).

use yew::prelude::*;

use super::{described_by, invalid, problem_at, problem_view};
use crate::input::form::Problem;
use crate::input::Field;
use crate::sigv4::scope::{Inferred, Source};
use crate::text::{excerpt, QUOTE_CHARS};
use crate::ui::highlight::Part;
use crate::ui::ids;
use crate::ui::state::{Action, RequestSays};
use crate::ui::web::components::pointable::{Pointable, Pointing};
use crate::ui::web::components::widgets::on_input;

#[derive(Properties, PartialEq)]
pub struct ScopeProps {
    /// The fields as typed (empty: inferred).
    pub region: AttrValue,
    pub service: AttrValue,
    /// What signing used and why, once the request can be signed.
    pub region_inferred: Option<Inferred>,
    pub service_inferred: Option<Inferred>,
    /// What the pasted request says of its scope (used while the field is empty).
    pub request_says: RequestSays,
    /// Why the inputs cannot be explained (shown here when it concerns the region or service).
    pub problem: Option<Problem>,
    /// The part of the input pointed at, and who hears pointing.
    pub lit: Option<Part>,
    pub on_lit: Callback<Pointing>,
    pub on_action: Callback<Action>,
}

/// Region and service: typed, or inferred from the host (the placeholder shows what).
#[function_component(ScopeCard)]
pub fn scope_card(props: &ScopeProps) -> Html {
    let field = |which: Field,
                 label: &'static str,
                 value: &str,
                 inferred: Option<&Inferred>,
                 make: fn(String) -> Action,
                 part: Part,
                 said: Option<&String>| {
        let problem = problem_at(&props.problem, which);
        let id = ids::field(which);
        let why_id = format!("{id}-why");
        // What the request says stands while the field is empty; it is never "you set it".
        let said = said.filter(|_| value.trim().is_empty());
        let placeholder = said
            .cloned()
            .or_else(|| {
                inferred
                    .filter(|i| i.source != Source::Flag)
                    .map(|i| i.value.clone())
            })
            .unwrap_or_else(|| "inferred from the host".into());
        let why = match (said, inferred) {
            (Some(v), i) => {
                let mut w = format!(
                    "{}: the request says so ({}). It goes away with the request; type a value to override it.",
                    excerpt(v, QUOTE_CHARS),
                    props.request_says.source()
                );
                if let Some(h) = i.and_then(|i| i.from_host.as_ref()).filter(|h| *h != v) {
                    w.push_str(&format!(" The host suggests {}.", excerpt(h, QUOTE_CHARS)));
                }
                w
            }
            (None, inferred) => match inferred {
                Some(i) if i.source == Source::Flag => {
                    let mut w = format!("{} (you set it)", excerpt(&i.value, QUOTE_CHARS));
                    if let Some(h) = i.from_host.as_ref().filter(|h| **h != i.value) {
                        w.push_str(&format!("; the host suggests {}", excerpt(h, QUOTE_CHARS)));
                    }
                    w
                }
                Some(i) => format!("{}: {} (inferred)", excerpt(&i.value, QUOTE_CHARS), i.why),
                None if value.trim().is_empty() => {
                    "Inferred from the host once the request can be signed.".into()
                }
                None => format!("{} (you set it)", excerpt(value.trim(), QUOTE_CHARS)),
            },
        };
        html! {
            <Pointable class="field" part={part} lit={props.lit.clone()} on_lit={props.on_lit.clone()}>
                <label for={id}>{ label }</label>
                <input id={id} data-testid={id} type="text" autocomplete="off" spellcheck="false" autocapitalize="off"
                    placeholder={placeholder}
                    value={value.to_string()}
                    oninput={on_input(&props.on_action, make)}
                    aria-invalid={invalid(problem.is_some())}
                    aria-describedby={described_by(Some(&why_id), problem)} />
                <p class="hint why" id={why_id.clone()} data-testid={why_id}>{ why }</p>
                if let Some(p) = problem { { problem_view(p, false) } }
            </Pointable>
        }
    };
    html! {
        <section class="card" aria-labelledby="scope-title">
            <h2 id="scope-title">{ "Region and service" }</h2>
            <p class="what">{ "Both go into the credential scope. Leave them empty to infer them from the endpoint's host name." }</p>
            <div class="grid">
                { field(Field::Region, "Region", &props.region, props.region_inferred.as_ref(), Action::SetRegion, Part::Region, props.request_says.region.as_ref()) }
                { field(Field::Service, "Service (signing name)", &props.service, props.service_inferred.as_ref(), Action::SetService, Part::Service, props.request_says.service.as_ref()) }
            </div>
        </section>
    }
}
