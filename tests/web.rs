//! The browser edge, in headless Chromium (wasm-bindgen-test): the clock, the clipboard,
//! file reading, and the core itself running as WebAssembly.
//! Run: `make test-wasm` (`cargo test --target wasm32-unknown-unknown --test web`).

#![cfg(target_arch = "wasm32")]

use sigv4_lab::ui::state::{reduce, Action, State};
use sigv4_lab::ui::web::platform;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_clock_is_the_browsers() {
    let ours = platform::now().unix_timestamp();
    let js = (js_sys::Date::now() / 1000.0) as i64;
    assert!(
        (ours - js).abs() <= 1,
        "platform::now {ours} vs Date.now {js}"
    );
    assert!(
        ours > 1_700_000_000,
        "a plausible present, not the epoch fallback"
    );
}

#[wasm_bindgen_test]
fn the_engine_signs_the_documentation_example_in_the_browser() {
    let s = reduce(
        State::default(),
        Action::LoadExample("iam-list-users".into()),
    );
    let ex = s.explain(platform::now()).expect("the example signs");
    assert_eq!(
        ex.signing.signature.as_deref(),
        Some("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
    );
    assert!(
        ex.signing
            .cross_check
            .expect("aws-sigv4 signs in wasm too")
            .agrees
    );
}

#[wasm_bindgen_test]
fn bad_input_does_not_panic_in_wasm() {
    for text in [
        "curl '",
        "GET\n",
        "\u{0}\u{1}",
        "https://h:0/",
        "[profile",
        "{\"Credentials\":",
    ] {
        let s = reduce(State::default(), Action::PasteRequest(text.into()));
        let s = reduce(s, Action::PasteCredentials(text.into()));
        let _ = s.explain(platform::now());
    }
}

/// Waits for a callback-style platform function to report, as a future.
async fn reported<T: 'static>(start: impl FnOnce(yew::Callback<T>)) -> T {
    let (tx, rx) = futures_channel::oneshot::channel();
    let tx = std::cell::RefCell::new(Some(tx));
    start(yew::Callback::from(move |v: T| {
        if let Some(tx) = tx.borrow_mut().take() {
            let _ = tx.send(v);
        }
    }));
    rx.await.expect("the platform function reported back")
}

#[wasm_bindgen_test]
async fn a_chosen_file_is_read_byte_for_byte() {
    let bytes: Vec<u8> = (0..=255u8)
        .chain(b"Action=ListUsers".iter().copied())
        .collect();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, "body.bin").expect("a File");
    let (name, read) = reported(|cb| platform::read_file(file, cb))
        .await
        .expect("read");
    assert_eq!(name, "body.bin");
    assert_eq!(read, bytes);
}

#[wasm_bindgen_test]
async fn copying_reports_success_or_a_sentence() {
    // Headless Chromium may refuse clipboard writes without a user gesture; either way the
    // page hears back, and a refusal is a sentence for the person, not a panic.
    match reported(|cb| platform::copy_text("AKIDEXAMPLE".into(), cb)).await {
        Ok(()) => {}
        Err(why) => assert!(why.len() > 10 && !why.contains("JsValue"), "{why}"),
    }
}
