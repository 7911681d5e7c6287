//! The share-link reader: any text a person opens as a page address never panics, and what it
//! reads writes back to the same link (less what a link never carries).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigv4_lab::report::share::{from_fragment, redacted, to_fragment};
use sigv4_lab_fuzz::text;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    match from_fragment(&text) {
        Ok(shared) => {
            // Written again and read back, a link holds the same (redacted) request.
            let again = from_fragment(&to_fragment(&shared))
                .unwrap_or_else(|e| panic!("a link it wrote does not read back: {e}"));
            assert_eq!(again, redacted(&shared), "round trip of {text:?}");
            // No session token survives in what it writes: no header or query parameter of
            // that name, however it is spaced or cased.
            let is_token = |name: &str| {
                let visible: String = name
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                visible.eq_ignore_ascii_case("x-amz-security-token")
            };
            for h in &again.form.headers {
                assert!(
                    !is_token(&h.name),
                    "a written link keeps the header {:?}",
                    h.name
                );
            }
            // The query ends at the URL's own fragment ('#'), which no server receives.
            let before_fragment = again.form.url.split('#').next().unwrap_or("");
            if let Some((_, query)) = before_fragment.split_once('?') {
                for pair in query.split('&') {
                    let key = pair.split('=').next().unwrap_or("");
                    let key = percent_encoding::percent_decode_str(key).decode_utf8_lossy();
                    assert!(
                        !is_token(&key),
                        "a written link keeps the query parameter {key:?}"
                    );
                }
            }
        }
        Err(why) => {
            assert!(!why.is_empty() && why.ends_with('.'), "message {why:?}");
            assert!(
                why.len() < 400,
                "a message echoes the input back: {} bytes",
                why.len()
            );
        }
    }
});
