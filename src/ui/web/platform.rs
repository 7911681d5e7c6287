//! Browser APIs the UI needs, in one place: the clock, the clipboard, reading a chosen file,
//! timers, the address, focusing an element. The hashing worker is [`super::hasher`].
//!
//! Each function is small, knows nothing of the page, and reports failure as a
//! sentence (never a panic, never a console message), so it can be tested on
//! its own with wasm-bindgen-test.

use gloo::timers::callback::{Interval, Timeout};
use js_sys::{Reflect, Uint8Array};
use time::OffsetDateTime;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::Callback;

/// The browser's clock as a UTC instant (millisecond precision).
///
/// Falls back to the Unix epoch if the browser reports a time `time` cannot
/// represent, so a broken clock shows up as a clock-skew finding, not a crash.
pub fn now() -> OffsetDateTime {
    let millis = js_sys::Date::now();
    let nanos = (millis * 1_000_000.0) as i128;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Puts `text` on the clipboard (`navigator.clipboard.writeText`); `on_done` hears how it went.
///
/// `Err` holds a sentence for the person: the browser may offer no clipboard
/// (pages not served over https or from localhost) or refuse (no permission).
pub fn copy_text(text: String, on_done: Callback<Result<(), String>>) {
    let clipboard = match clipboard() {
        Ok(c) => c,
        Err(why) => {
            on_done.emit(Err(why));
            return;
        }
    };
    let promise = clipboard.write_text(&text);
    spawn_local(async move {
        let done = JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|e| describe(&e, "the browser did not allow copying"));
        on_done.emit(done);
    });
}

/// `navigator.clipboard`, which is missing outside secure contexts.
fn clipboard() -> Result<web_sys::Clipboard, String> {
    let window = web_sys::window().ok_or_else(|| "there is no browser window".to_string())?;
    let navigator = window.navigator();
    let clipboard = Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map_err(|e| describe(&e, "the browser has no clipboard"))?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err(
            "this browser offers no clipboard to this page (it needs https or localhost)".into(),
        );
    }
    Ok(clipboard.unchecked_into())
}

/// Reads a file the person chose; `on_done` gets its name and bytes, or why it could not be read.
pub fn read_file(file: web_sys::File, on_done: Callback<Result<(String, Vec<u8>), String>>) {
    let name = file.name();
    let promise = file.array_buffer();
    spawn_local(async move {
        let read = JsFuture::from(promise)
            .await
            .map(|buffer| (name, Uint8Array::new(&buffer).to_vec()))
            .map_err(|e| describe(&e, "the browser could not read the file"));
        on_done.emit(read);
    });
}

/// Calls `on_tick` every `millis` milliseconds until the returned [`Interval`] is dropped.
pub fn every(millis: u32, on_tick: Callback<()>) -> Interval {
    Interval::new(millis, move || on_tick.emit(()))
}

/// Calls `on_fire` once after `millis` milliseconds, unless the returned [`Timeout`] is dropped first.
pub fn after(millis: u32, on_fire: Callback<()>) -> Timeout {
    Timeout::new(millis, move || on_fire.emit(()))
}

/// A JavaScript error as words: its message, else `fallback`.
pub(super) fn describe(error: &JsValue, fallback: &str) -> String {
    let message = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .filter(|m| !m.trim().is_empty());
    match message {
        Some(m) => format!("{fallback}: {m}"),
        None => fallback.to_string(),
    }
}

/// The page address's fragment (after `#`, still percent-encoded), or "" when there is none.
/// Read once at start, for share links; the page never writes the address.
pub fn location_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// The page's own address without query or fragment, the base of a share link.
pub fn page_address() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// The browser's user agent string, for the debug report's environment section.
pub fn user_agent() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default()
}

/// Outlines the output with this `data-testid` (class `walkthrough-target`), and only it, so the
/// step the walkthrough explains is also marked where it sits among the steps. No scrolling.
pub fn mark_output(testid: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(marked) = document.query_selector_all(".walkthrough-target") {
        for i in 0..marked.length() {
            if let Some(e) = marked
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = e.class_list().remove_1("walkthrough-target");
            }
        }
    }
    if let Ok(Some(element)) = document.query_selector(&format!("[data-testid=\"{testid}\"]")) {
        let _ = element.class_list().add_1("walkthrough-target");
    }
}

/// When `element` sits in a hidden tab panel, selects the tab that shows it.
fn open_tab_holding(element: &web_sys::Element) {
    let Ok(Some(panel)) = element.closest("[role=tabpanel][hidden]") else {
        return;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let selector = format!("[role=tab][aria-controls=\"{}\"]", panel.id());
    if let Ok(Some(tab)) = document.query_selector(&selector) {
        if let Some(tab) = tab.dyn_ref::<web_sys::HtmlElement>() {
            tab.click();
        }
    }
    // yew re-renders on its next tick; show the panel now so the scroll below finds it.
    let _ = panel.remove_attribute("hidden");
}

/// Scrolls `element` to the middle of its scrolling pane (or the window), smoothly unless the
/// person asked for reduced motion (the browser honours `prefers-reduced-motion` for `smooth`).
fn scroll_to_centre(element: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Whether any element matching `selector` is on screen inside its pane now.
fn any_in_view(document: &web_sys::Document, selector: &str) -> Option<web_sys::Element> {
    let height = web_sys::window()?.inner_height().ok()?.as_f64()?;
    let all = document.query_selector_all(selector).ok()?;
    let mut first = None;
    for i in 0..all.length() {
        let Some(e) = all
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let r = e.get_bounding_client_rect();
        if r.bottom() > 0.0 && r.top() < height && r.height() > 0.0 {
            return None;
        }
        first = first.or(Some(e));
    }
    first
}

/// When what the pointed-at input produced is lit (class `lit`) but none of it is on screen,
/// scrolls the first of it into view, so pointing never lights bytes nobody sees.
pub fn reveal_lit() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(first) = any_in_view(&document, ".results-pane .lit") {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        options.set_behavior(web_sys::ScrollBehavior::Smooth);
        first.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Calls `on_key` for each key pressed on the page, until the returned listener is dropped.
pub fn on_key(on_key: Callback<web_sys::KeyboardEvent>) -> Option<gloo::events::EventListener> {
    let document = web_sys::window()?.document()?;
    Some(gloo::events::EventListener::new(
        &document,
        "keydown",
        move |e| {
            if let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                on_key.emit(k.clone());
            }
        },
    ))
}

/// Whether the key event's target takes text (a field, a text area, a select, editable text),
/// so a one-key shortcut must not fire there.
pub fn typing_in(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            el.matches("input, textarea, select, [contenteditable]")
                .unwrap_or(false)
        })
}

/// Focuses the element with this id (no highlight), scrolling it to the middle.
pub fn focus_id(id: &str) {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    scroll_to_centre(&element);
    if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus();
    }
}

/// Brings the element with this `data-testid` into view, focuses it when it can take focus,
/// and marks it `highlighted` for a few seconds. Quietly does nothing if there is no such element.
pub fn focus_and_highlight(testid: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(Some(element)) = document.query_selector(&format!("[data-testid=\"{testid}\"]")) else {
        return;
    };
    // One highlight at a time.
    if let Ok(lit) = document.query_selector_all(".highlighted") {
        for i in 0..lit.length() {
            if let Some(e) = lit
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = e.class_list().remove_1("highlighted");
            }
        }
    }
    open_tab_holding(&element);
    // Centred, so the field's label above it stays in view (a top-aligned scroll hid it).
    scroll_to_centre(&element);
    if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
        // Steps are not form controls: let them take focus so keyboard and screen-reader users move too.
        if !element
            .matches("input, select, textarea, button, a[href], [tabindex]")
            .unwrap_or(true)
        {
            let _ = element.set_attribute("tabindex", "-1");
        }
        let _ = html.focus();
    }
    let classes = element.class_list();
    let _ = classes.add_1("highlighted");
    Timeout::new(2500, move || {
        let _ = classes.remove_1("highlighted");
    })
    .forget();
}
