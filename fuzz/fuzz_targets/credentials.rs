//! The credentials parser: profile blocks, shell exports, STS JSON, accessKeys.csv.
//! Input: the whole text with no profile; and, when it holds a NUL, "PROFILE\0TEXT"
//! with that profile name. Every profile name the text lists is also asked for.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigv4_lab::input::credentials;
use sigv4_lab_fuzz::{check_credentials, check_parse_error, text};

fn one(text: &str, profile: Option<&str>) {
    match credentials::parse(text, profile) {
        Ok(c) => check_credentials(&c),
        Err(e) => check_parse_error(text, &e, "credentials"),
    }
}

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    one(&text, None);
    if let Some((profile, rest)) = text.split_once('\0') {
        one(rest, Some(profile));
    }
    for name in credentials::profiles(&text).iter().take(4) {
        one(&text, Some(name));
    }
});
