//! Pointing at a part of the input (src/ui/highlight.rs): an element that says when the
//! pointer or the focus is on it, and is lit when its part is the one pointed at.

use yew::prelude::*;

use crate::ui::highlight::Part;

/// Pointing at a part of the input: by the mouse, or by focus. The page lights the part
/// under the pointer, else the focused one.
#[derive(Clone, Debug, PartialEq)]
pub enum Pointing {
    Hover(Option<Part>),
    Focus(Option<Part>),
}

#[derive(Properties, PartialEq)]
pub struct PointableProps {
    /// The part of the input this element holds.
    pub part: Part,
    /// The part pointed at now: the element has the class `lit` when it is `part`.
    pub lit: Option<Part>,
    /// Hears the pointer and the focus entering and leaving the element.
    pub on_lit: Callback<Pointing>,
    /// The element's other classes (`field`, `header-row`, ...).
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

/// A `div` around a part of the input: pointing at it (mouse or focus) lights what it produced
/// in every step.
#[function_component(Pointable)]
pub fn pointable(props: &PointableProps) -> Html {
    let on = &props.on_lit;
    let hover = {
        let (on, part) = (on.clone(), props.part.clone());
        Callback::from(move |_: MouseEvent| on.emit(Pointing::Hover(Some(part.clone()))))
    };
    let focus = {
        let (on, part) = (on.clone(), props.part.clone());
        Callback::from(move |_: FocusEvent| on.emit(Pointing::Focus(Some(part.clone()))))
    };
    let lit = (props.lit.as_ref() == Some(&props.part)).then_some("lit");
    html! {
        <div class={classes!(props.class.clone(), lit)} data-testid={props.testid.clone()}
            onmouseenter={hover} onmouseleave={on.reform(|_: MouseEvent| Pointing::Hover(None))}
            onfocusin={focus} onfocusout={on.reform(|_: FocusEvent| Pointing::Focus(None))}>
            { props.children.clone() }
        </div>
    }
}
