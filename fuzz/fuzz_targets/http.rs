//! The raw HTTP/1.1 parser alone (request line, headers with obs-fold, body).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigv4_lab::input::{raw_http, RequestFormat};
use sigv4_lab_fuzz::{check_parse_error, check_parsed_request, text};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    match raw_http::parse(&text) {
        Ok(p) => {
            check_parsed_request(&text, &p);
            assert_eq!(p.format, RequestFormat::Http);
        }
        Err(e) => check_parse_error(&text, &e, "request"),
    }
});
