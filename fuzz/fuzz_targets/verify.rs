//! A signed request pasted for checking: parse it, read its claims, verify with a fixed secret.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigv4_lab::diagnose::verify::{claims, verify};
use sigv4_lab::input::parse_request;
use sigv4_lab::sigv4::key::sha256_hex;
use sigv4_lab_fuzz::{is_hex64, text};

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let Ok(parsed) = parse_request(&text) else {
        return;
    };
    let req = &parsed.request;
    let claimed = claims(req);
    let report = verify(req, SECRET);
    let (c, r) = match (claimed, report) {
        (Ok(c), Ok(r)) => (c, r),
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "claims and verify refuse the request differently");
            assert!(!a.message.is_empty());
            return;
        }
        (a, b) => {
            panic!("claims and verify disagree on whether the request is usable: {a:?} / {b:?}")
        }
    };
    assert_eq!(r.claims, c, "verify reports other claims than claims()");
    assert_eq!(c.signature, c.signature.trim().to_ascii_lowercase());
    let comp = &r.computed;
    assert!(is_hex64(&comp.signature), "signature {:?}", comp.signature);
    assert_eq!(
        comp.canonical_request_hash,
        sha256_hex(comp.canonical_request.as_bytes())
    );
    assert!(
        comp.string_to_sign.starts_with("AWS4-HMAC-SHA256\n")
            && comp.string_to_sign.ends_with(&comp.canonical_request_hash),
        "string to sign {:?}",
        comp.string_to_sign
    );
    assert_eq!(
        r.matches,
        comp.signature == c.signature,
        "matches is not signature equality"
    );
    if r.matches {
        assert!(
            r.variant.is_none() && r.first_difference.is_none(),
            "a match with a mistake: {r:?}"
        );
    }
    if let Some(v) = &r.variant {
        assert!(!r.matches);
        assert_eq!(
            v.computed.signature, c.signature,
            "the mistake named does not reproduce the signature: {:?}",
            v.sentence
        );
        assert_eq!(r.first_difference, Some(v.first_difference));
        assert!(
            v.sentence.starts_with("your client "),
            "sentence {:?}",
            v.sentence
        );
    }
});
