//! Invariants the fuzz targets assert, shared between them.
//!
//! Every check panics (a libFuzzer crash) with the broken invariant named, so a crash
//! report says what went wrong, not just where.

use std::fmt::Debug;
use std::ops::Range;

use sigv4_lab::input::{Credentials, Diagnostic, ParseError, ParsedRequest, Secret};

/// Fuzzer bytes as the text a user could paste (invalid UTF-8 replaced, as a browser would).
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// A byte span lies within `text` and both ends fall on char boundaries.
pub fn check_span(text: &str, span: &Range<usize>, what: &dyn Debug) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "span {span:?} of {what:?} is not within the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "span {span:?} of {what:?} splits a character"
    );
}

/// A `ParseError` points into the text it was made from, and reads as one sentence naming the input.
pub fn check_parse_error(text: &str, e: &ParseError, input: &str) {
    check_span(text, &e.span, e);
    assert_eq!(
        e.input.as_str(),
        input,
        "ParseError names the wrong input: {e:?}"
    );
    assert!(
        !e.message.trim().is_empty(),
        "ParseError without a message: {e:?}"
    );
    let shown = e.to_string();
    assert!(
        shown.starts_with("In the "),
        "ParseError Display does not start with \"In the \": {shown:?}"
    );
    // Line and column are those of span.start in this very text (an error built from a
    // slice of the text would point at the wrong place).
    let before = &text[..e.span.start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    assert_eq!(
        (e.line, e.column),
        (line, column),
        "ParseError line/column do not match its span: {e:?}"
    );
}

pub fn check_diagnostics(text: &str, warnings: &[Diagnostic]) {
    for w in warnings {
        check_span(text, &w.span, w);
        assert!(
            !w.message.trim().is_empty(),
            "warning without a message: {w:?}"
        );
    }
}

/// A parsed request is one the engine can start from: a method and an absolute http(s) URL.
pub fn check_parsed_request(text: &str, p: &ParsedRequest) {
    check_diagnostics(text, &p.warnings);
    assert!(
        !p.request.method.trim().is_empty(),
        "parsed request without a method: {p:?}"
    );
    let lower = p.request.url.to_ascii_lowercase();
    assert!(
        lower.starts_with("https://") || lower.starts_with("http://"),
        "parsed request URL is not absolute: {:?}",
        p.request.url
    );
    if let Err(e) = sigv4_lab::http::url::split(&p.request.url) {
        panic!(
            "parsed request URL {:?} does not split ({}, {:?})",
            p.request.url, e.message, e.span
        );
    }
    if let Some(c) = &p.hints.credentials {
        check_credentials(c);
    }
}

/// Credentials that parsed hold a key id and a secret, and Debug never shows a secret.
pub fn check_credentials(c: &Credentials) {
    check_key_and_secret(c);
    check_debug_redacts(c);
}

fn check_key_and_secret(c: &Credentials) {
    assert!(
        !c.access_key_id.is_empty(),
        "credentials without an access key id: {c:?}"
    );
    assert!(
        !c.secret_access_key.is_empty(),
        "credentials without a secret: {c:?}"
    );
}

fn check_debug_redacts(c: &Credentials) {
    // Debug must not depend on the secrets at all: swap them and compare.
    let mut other = c.clone();
    other.secret_access_key = Secret::new(format!("{}x", c.secret_access_key.expose()));
    other.session_token = c
        .session_token
        .as_ref()
        .map(|t| Secret::new(format!("{}x", t.expose())));
    assert_eq!(
        format!("{c:?}"),
        format!("{other:?}"),
        "Debug of credentials depends on the secret or the session token"
    );
}

/// 64 lowercase hex digits (a SHA-256 or HMAC-SHA256 in hex).
pub fn is_hex64(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}
