//! The curl parser alone (tokenizer with quotes, $'…', continuations; then curl's flags),
//! with and without a leading "curl " so the fuzzer need not find it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigv4_lab::input::{curl, RequestFormat};
use sigv4_lab_fuzz::{check_parse_error, check_parsed_request, text};

fn one(text: &str) {
    match curl::parse(text) {
        Ok(p) => {
            check_parsed_request(text, &p);
            assert_eq!(p.format, RequestFormat::Curl);
        }
        Err(e) => check_parse_error(text, &e, "request"),
    }
}

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    one(&text);
    if !text.trim_start().starts_with("curl") {
        one(&format!("curl {text}"));
    }
});
