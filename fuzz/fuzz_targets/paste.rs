//! "Paste anything": a whole scrollback cut into its parts. Parts lie inside the paste, on
//! character boundaries, in order, without overlapping; every part reads with its own parser
//! without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigv4_lab::input::paste::{route, Kind};
use sigv4_lab::input::{aws_error, credentials, parse_request};
use sigv4_lab_fuzz::{check_span, text};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let routed = route(&text);
    let mut last_end = 0;
    let mut last_line = 0;
    for p in &routed.parts {
        check_span(&text, &p.span, p);
        assert!(
            p.span.start >= last_end,
            "parts overlap: {:?}",
            routed.parts
        );
        assert!(
            p.lines.0 > last_line && p.lines.0 <= p.lines.1,
            "lines out of order: {p:?}"
        );
        last_end = p.span.end;
        last_line = p.lines.1;
        assert!(!p.text.is_empty() || p.span.is_empty(), "{p:?}");
        match p.kind {
            Kind::Request => drop(parse_request(&p.text)),
            Kind::Credentials => drop(credentials::parse(&p.text, None)),
            Kind::AwsAnswer => drop(aws_error::decode(&p.text)),
        }
    }
    for n in &routed.unread {
        assert!(
            routed
                .parts
                .iter()
                .all(|p| *n < p.lines.0 || *n > p.lines.1),
            "line {n} is both read and unread"
        );
    }
});
