//! End to end: a pasted request and credentials, explained at a fixed clock in header and
//! presign mode, with whatever AWS said applied on top.
//!
//! Input layout:
//!   byte 0       settings flags (sign_body, unsigned_payload, normalize_path, single_encode,
//!                token after signing, 2 bits of signing-time choice, apply the AWS error)
//!   bytes 1..9   presign expiry, u64 little-endian (0 and absurd values included); its bit 62
//!                also hands the body over as an external (worker-hashed) body
//!   bytes 9..17  fixed signing time, i64 little-endian Unix seconds (absurd values included)
//!   the rest     text, split at NUL: request \0 credentials \0 region \0 service \0 AWS error
//!                (no credentials part: the AWS documentation example's keys).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigv4_lab::diagnose::verify;
use sigv4_lab::diagnose::FindingId;
use sigv4_lab::input::aws_error;
use sigv4_lab::input::ExternalBody;
use sigv4_lab::input::Field;
use sigv4_lab::input::{credentials, parse_request, Request};
use sigv4_lab::input::{Inputs, Mode, Settings, SigningTime, TokenPlacement};
use sigv4_lab::lab::{explain, Explanation};
use sigv4_lab::sigv4::key::sha256_hex;
use sigv4_lab::timefmt;
use sigv4_lab_fuzz::{check_credentials, is_hex64, text};
use time::OffsetDateTime;

const DOC_CREDENTIALS: &str = "[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n";

fn now() -> OffsetDateTime {
    // 2026-11-26T12:00:00Z
    OffsetDateTime::from_unix_timestamp(1_795_694_400).unwrap()
}

fn instant(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or_else(|_| {
        // Outside time's range (years ±9999): fold into it, keeping the far ends reachable.
        const SPAN: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
        OffsetDateTime::from_unix_timestamp(secs.rem_euclid(2 * SPAN) - SPAN).unwrap()
    })
}

fn check(inputs: &Inputs, ex: &Explanation, input_text: &str) {
    let creq = &ex.signing.canonical_request;
    let creq_text = creq.to_string();
    assert!(!creq_text.is_empty(), "empty canonical request");
    assert!(
        !creq.method.is_empty(),
        "canonical request without a method"
    );
    assert!(
        creq.uri.canonical.starts_with('/'),
        "canonical URI {:?}",
        creq.uri.canonical
    );
    assert!(
        creq.signed_headers.split(';').any(|h| h == "host"),
        "host is not signed: {:?}",
        creq.signed_headers
    );
    assert_eq!(ex.signing.signed_headers(), creq.signed_headers);
    assert_eq!(
        ex.signing.canonical_request_hash(),
        sha256_hex(creq_text.as_bytes())
    );
    let sts = ex.signing.string_to_sign.to_string();
    assert!(
        sts.starts_with("AWS4-HMAC-SHA256\n"),
        "string to sign {sts:?}"
    );
    assert!(sts.ends_with(&ex.signing.canonical_request_hash()));
    assert!(
        timefmt::parse_amz_date(&ex.signing.amz_date()).is_some(),
        "X-Amz-Date {:?} does not parse back",
        ex.signing.amz_date()
    );
    assert_eq!(
        ex.signing.scope(),
        format!(
            "{}/{}/{}/aws4_request",
            &ex.signing.amz_date()[..8],
            ex.signing.region.value,
            ex.signing.service.value
        )
    );
    let secret = inputs.credentials.secret_access_key.expose();
    if secret.is_empty() {
        assert!(ex.signing.signature.is_none() && ex.signing.signing_key.is_none());
        return;
    }
    let sig = ex
        .signing
        .signature
        .as_deref()
        .expect("a secret but no signature");
    assert!(is_hex64(sig), "signature {sig:?}");
    match (&ex.signing.cross_check, &ex.signing.cross_check_unavailable) {
        (Some(c), None) => assert!(
            c.agrees && c.signature == sig,
            "aws-sigv4 disagrees: ours {sig}, aws-sigv4 {}\ncanonical request:\n{creq_text}",
            c.signature
        ),
        (None, Some(why)) => assert!(!why.is_empty()),
        other => panic!("cross-check state {other:?}"),
    }
    if ex.signing.rules.presign {
        let url = ex
            .signing
            .signed_url
            .as_deref()
            .expect("presign without a signed URL");
        assert!(
            url.contains(&format!("X-Amz-Signature={sig}")),
            "signed URL {url:?}"
        );
    } else {
        let auth = ex
            .signing
            .authorization
            .as_deref()
            .expect("header mode without Authorization");
        assert!(
            auth.starts_with("AWS4-HMAC-SHA256 Credential=")
                && auth.ends_with(&format!("Signature={sig}")),
            "Authorization {auth:?}"
        );
    }
    // Secrets stay out of Debug output (unless the pasted text itself shows them elsewhere).
    if secret.len() >= 16 && !input_text.contains(secret) {
        assert!(
            !format!("{ex:?}").contains(secret),
            "Debug of the explanation shows the secret"
        );
    }
}

/// What sigv4-lab signed, pasted back into verify with the same secret, must match.
fn round_trip(inputs: &Inputs, ex: &Explanation) {
    let s = &inputs.settings;
    let standard = !s.unsigned_payload
        && s.normalize_path
        && !s.single_encode
        && s.token == TokenPlacement::Signed;
    let Some(sig) = &ex.signing.signature else {
        return;
    };
    if !standard || ex.signing.cross_check.is_none() {
        return;
    }
    // verify reads the scope back from Credential=KEY/DATE/REGION/SERVICE/aws4_request (split at
    // '/', and at ',' in an Authorization header): it can only do so for key ids, regions and
    // services made of the characters real ones use. explain signs with others (and its
    // findings flag them); verify then rightly refuses the request.
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    };
    if !plain(inputs.credentials.access_key_id.trim())
        || !plain(&ex.signing.region.value)
        || !plain(&ex.signing.service.value)
    {
        return;
    }
    // A session token with whitespace inside is signed as aws-sigv4 signs it (as given), while
    // verify reads the header back as AWS does (runs of spaces collapsed): they differ by
    // design, and key-whitespace must then tell the user.
    let token = inputs
        .credentials
        .session_token
        .as_ref()
        .map(|t| t.expose().to_string())
        .unwrap_or_default();
    if token.contains([' ', '\t', '\n', '\r']) {
        assert!(
            ex.findings.iter().any(|f| f.id == FindingId::KeyWhitespace),
            "a token with whitespace inside, and no key-whitespace finding: {:?}",
            ex.findings.iter().map(|f| f.id).collect::<Vec<_>>()
        );
        return;
    }
    let signed = Request {
        method: ex.signing.signed_request.method.clone(),
        url: ex.signing.signed_request.url.clone(),
        headers: ex
            .signing
            .signed_request
            .headers
            .iter()
            .map(|(n, v)| sigv4_lab::input::Header::new(n.clone(), v.clone()))
            .collect(),
        // An external body is not in the signed request: it is the pasted body, by hash.
        body: if inputs.external_body.is_some() {
            inputs.request.body.clone()
        } else {
            ex.signing.signed_request.body.clone()
        },
    };
    let secret = inputs.credentials.secret_access_key.expose();
    match verify::verify(&signed, secret) {
        Ok(r) => assert!(
            r.matches,
            "verify rejects what explain signed: ours {sig}, verify {}\nexplain's canonical request:\n{}\nverify's:\n{}\nvariant: {:?}",
            r.computed.signature,
            ex.signing.canonical_request,
            r.computed.canonical_request,
            r.variant.map(|v| v.sentence)
        ),
        Err(e) => panic!("verify cannot read what explain signed: {e}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut head = [0u8; 17];
    let n = data.len().min(17);
    head[..n].copy_from_slice(&data[..n]);
    let flags = head[0];
    let expires = u64::from_le_bytes(head[1..9].try_into().unwrap());
    let at = i64::from_le_bytes(head[9..17].try_into().unwrap());
    let text = text(&data[n..]);
    let mut parts = text.splitn(5, '\0');
    let request_text = parts.next().unwrap_or("");
    let creds_text = parts.next().unwrap_or(DOC_CREDENTIALS);
    let opt = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(str::to_string);
    let region = opt(parts.next());
    let service = opt(parts.next());
    let error_text = parts.next();

    let Ok(parsed) = parse_request(request_text) else {
        return;
    };
    let Ok(creds) = credentials::parse(creds_text, None) else {
        return;
    };
    check_credentials(&creds);
    let time = match (flags >> 5) & 3 {
        0 => SigningTime::Now,
        2 => SigningTime::FromRequest,
        _ => SigningTime::At(instant(at)),
    };
    let settings = Settings {
        mode: Mode::Header,
        sign_body: flags & 1 != 0,
        unsigned_payload: flags & 2 != 0,
        normalize_path: flags & 4 == 0,
        single_encode: flags & 8 != 0,
        token: if flags & 16 != 0 {
            TokenPlacement::AfterSigning
        } else {
            TokenPlacement::Signed
        },
    };
    let decoded = error_text
        .filter(|_| flags & 128 != 0)
        .and_then(|t| aws_error::decode(t).ok());
    for mode in [Mode::Header, Mode::Presign { expires }] {
        let inputs = Inputs {
            request: parsed.request.clone(),
            credentials: creds.clone(),
            region: region.clone().or_else(|| parsed.hints.region.clone()),
            service: service.clone().or_else(|| parsed.hints.service.clone()),
            time,
            settings: Settings { mode, ..settings },
            external_body: (expires >> 62 & 1 == 1).then(|| ExternalBody {
                name: "body.bin".into(),
                size: parsed.request.body.len() as u64,
                sha256: sha256_hex(&parsed.request.body),
            }),
            aws_said: None,
        };
        match explain(&inputs, now()) {
            Ok(ex) => {
                check(&inputs, &ex, &text);
                round_trip(&inputs, &ex);
                if let Some(err) = &decoded {
                    // What AWS said joins the same inputs: the same signing, read against it.
                    let answered = Inputs {
                        aws_said: Some(err.clone()),
                        ..inputs.clone()
                    };
                    let with =
                        explain(&answered, now()).expect("AWS's answer never stops a signing");
                    assert!(with.aws.is_some());
                    assert_eq!(with.signing, ex.signing);
                }
            }
            Err(e) => {
                assert!(
                    !e.message.is_empty(),
                    "SignError without a message ({})",
                    e.field.as_str()
                );
                if mode == (Mode::Presign { expires: 0 }) {
                    continue;
                }
                assert!(
                    matches!(
                        e.field,
                        Field::Url
                            | Field::Method
                            | Field::Service
                            | Field::Region
                            | Field::Headers
                            | Field::SigningTime
                            | Field::Expires
                    ),
                    "SignError names an unexpected field {:?}",
                    e.field
                );
            }
        }
    }
});
