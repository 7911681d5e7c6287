//! Any pasted request text: detection, then the curl, raw HTTP or URL parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigv4_lab::input::{detect::detect, parse_request};
use sigv4_lab_fuzz::{check_parse_error, check_parsed_request, text};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    match parse_request(&text) {
        Ok(p) => {
            check_parsed_request(&text, &p);
            assert_eq!(p.format, detect(&text), "format is not what detect says");
        }
        Err(e) => check_parse_error(&text, &e, "request"),
    }
});
