//! The URL splitter and the bare-URL request parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigv4_lab::http::url::{self, UrlError};
use sigv4_lab::input::url::parse_bare;
use sigv4_lab_fuzz::{check_parse_error, check_parsed_request, check_span, text};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    match url::split(&text) {
        Ok(parts) => {
            assert!(
                parts.scheme == "http" || parts.scheme == "https",
                "scheme {:?}",
                parts.scheme
            );
            assert!(!parts.host.is_empty(), "empty host from {text:?}");
            assert!(
                parts.path.starts_with('/'),
                "path {:?} does not start with /",
                parts.path
            );
            assert_ne!(parts.port, Some(0), "port 0 from {text:?}");
            // The path and query are kept byte for byte: both occur in the input as written.
            if parts.path != "/" {
                assert!(
                    text.contains(&parts.path),
                    "path {:?} not in the input",
                    parts.path
                );
            }
            if let Some(q) = &parts.query {
                assert!(
                    text.contains(&format!("?{q}")),
                    "query {q:?} not in the input"
                );
            }
            // Splitting what authority() gives back yields the same host and port.
            let again = url::split(&format!("{}://{}/", parts.scheme, parts.authority()))
                .unwrap_or_else(|e| {
                    panic!("authority {:?} does not split: {e:?}", parts.authority())
                });
            assert_eq!(again.host, parts.host);
            let default = if parts.scheme == "https" { 443 } else { 80 };
            assert_eq!(
                again.port.unwrap_or(default),
                parts.port.unwrap_or(default),
                "port changed through authority()"
            );
        }
        Err(UrlError { message, span }) => {
            check_span(&text, &span, &message);
            assert!(!message.is_empty());
        }
    }
    match parse_bare(&text) {
        Ok(p) => {
            sigv4_lab_fuzz::check_diagnostics(&text, &p.warnings);
            assert_eq!(p.request.method, "GET");
            // parse_bare keeps a scheme-less URL as written (parse_request adds https://).
            if p.request.url.contains("://") {
                check_parsed_request(&text, &p);
            }
        }
        Err(e) => check_parse_error(&text, &e, "request"),
    }
});
