//! Verify: a correctly signed request matches; a wrong secret or a classic mistake does not,
//! and the mistake that reproduces the client's signature is named.

use sigv4_lab::diagnose::verify::verify;
use sigv4_lab::input::{self, Credentials, Header, Request, Secret};
use sigv4_lab::input::{Inputs, Mode, Settings, SigningTime};
use sigv4_lab::lab::{explain, Explanation};
use sigv4_lab::report::export::raw_http;
use sigv4_lab::timefmt;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/// Signs `req` with the engine at a fixed time (12:00 on the day this was written).
fn explained(req: Request, secret: &str, region: Option<&str>, settings: Settings) -> Explanation {
    explain_at(req, secret, region, settings).unwrap()
}

fn explain_at(
    req: Request,
    secret: &str,
    region: Option<&str>,
    settings: Settings,
) -> Result<Explanation, sigv4_lab::sigv4::SignError> {
    let t = timefmt::parse_instant("2026-11-26T12:00:00Z").unwrap();
    let inputs = Inputs {
        request: req,
        credentials: Credentials {
            access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            secret_access_key: Secret::new(secret),
            ..Credentials::default()
        },
        region: region.map(String::from),
        time: SigningTime::At(t),
        settings,
        ..Inputs::default()
    };
    explain(&inputs, t)
}

/// The signed request, round-tripped through the exported raw HTTP (or the presigned URL),
/// as a person would paste it.
fn sign(req: Request, secret: &str, region: Option<&str>, settings: Settings) -> Request {
    let body = req.body.clone();
    let ex = explained(req, secret, region, settings);
    let text = match &ex.signing.signed_url {
        Some(u) => u.clone(),
        None => raw_http(&ex.signing.signed_request),
    };
    let mut parsed = input::parse_request(&text).unwrap().request;
    parsed.body = body;
    parsed
}

const PRESIGN: Settings = Settings {
    mode: Mode::Presign { expires: 60 },
    sign_body: false,
    unsigned_payload: false,
    normalize_path: true,
    single_encode: false,
    token: sigv4_lab::input::TokenPlacement::Signed,
};

fn get(url: &str) -> Request {
    Request {
        method: "GET".into(),
        url: url.into(),
        headers: vec![],
        body: vec![],
    }
}

const API: &str = "https://abc.execute-api.us-east-1.amazonaws.com/prod/a%3Db";

#[test]
fn a_correct_signature_matches() {
    for settings in [
        Settings::default(),
        Settings {
            mode: Mode::Presign { expires: 300 },
            ..Settings::default()
        },
    ] {
        let signed = sign(get(API), SECRET, None, settings);
        let r = verify(&signed, SECRET).unwrap();
        assert!(r.matches, "{:?}\n{}", r.notes, r.computed.canonical_request);
        assert_eq!(r.claims.region, "us-east-1");
    }
    let s3 = sign(
        get("https://bucket.s3.eu-west-1.amazonaws.com/my%20key.txt"),
        SECRET,
        None,
        Settings::default(),
    );
    assert!(verify(&s3, SECRET).unwrap().matches);
}

#[test]
fn a_wrong_secret_does_not_match_and_names_no_mistake() {
    let signed = sign(get(API), SECRET, None, Settings::default());
    let r = verify(&signed, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").unwrap();
    assert!(!r.matches);
    assert!(r.variant.is_none());
}

#[test]
fn secret_with_a_trailing_newline() {
    let signed = sign(get(API), &format!("{SECRET}\n"), None, Settings::default());
    let v = verify(&signed, SECRET).unwrap().variant.unwrap();
    assert_eq!(v.first_difference, "signing_key");
    assert!(v.sentence.contains("trailing newline"), "{}", v.sentence);
}

#[test]
fn path_encoded_once() {
    let signed = sign(
        get(API),
        SECRET,
        None,
        Settings {
            single_encode: true,
            ..Settings::default()
        },
    );
    let r = verify(&signed, SECRET).unwrap();
    assert!(!r.matches);
    let v = r.variant.unwrap();
    assert_eq!(v.first_difference, "canonical_request");
    assert!(v.sentence.contains("encoded once"), "{}", v.sentence);
}

#[test]
fn unsigned_payload_instead_of_the_body_hash() {
    let mut req = get("https://abc.execute-api.us-east-1.amazonaws.com/prod/items");
    req.method = "POST".into();
    req.body = b"{\"a\":1}".to_vec();
    let signed = sign(
        req,
        SECRET,
        None,
        Settings {
            unsigned_payload: true,
            ..Settings::default()
        },
    );
    let v = verify(&signed, SECRET).unwrap().variant.unwrap();
    assert!(v.sentence.contains("UNSIGNED-PAYLOAD"), "{}", v.sentence);
}

#[test]
fn key_derived_for_another_region() {
    let mut signed = sign(get(API), SECRET, Some("us-west-2"), Settings::default());
    for h in &mut signed.headers {
        if h.name.eq_ignore_ascii_case("authorization") {
            h.value = h.value.replace("/us-west-2/", "/us-east-1/");
        }
    }
    let v = verify(&signed, SECRET).unwrap().variant.unwrap();
    assert_eq!(v.first_difference, "string_to_sign");
    assert!(v.sentence.contains("region us-west-2"), "{}", v.sentence);
}

#[test]
fn date_a_few_minutes_off() {
    let mut signed = sign(get(API), SECRET, None, Settings::default());
    for h in &mut signed.headers {
        if h.name.eq_ignore_ascii_case("x-amz-date") {
            h.value = "20261126T120300Z".into();
        }
    }
    let v = verify(&signed, SECRET).unwrap().variant.unwrap();
    assert!(
        v.sentence.contains("20261126T120000Z") && v.sentence.contains("-3 min"),
        "{}",
        v.sentence
    );
}

#[test]
fn content_type_changed_after_signing() {
    let mut req = get("https://abc.execute-api.us-east-1.amazonaws.com/prod/items");
    req.method = "POST".into();
    req.headers
        .push(Header::new("Content-Type", "application/json"));
    let mut signed = sign(req, SECRET, None, Settings::default());
    for h in &mut signed.headers {
        if h.name.eq_ignore_ascii_case("content-type") {
            h.value = "application/json; charset=utf-8".into();
        }
    }
    let v = verify(&signed, SECRET).unwrap().variant.unwrap();
    assert!(
        v.sentence.contains("Content-Type \"application/json\""),
        "{}",
        v.sentence
    );
}

/// The other way round: the client signed a charset that a proxy then dropped.
#[test]
fn a_charset_dropped_after_signing_is_found() {
    let mut req = get("https://sts.eu-west-1.amazonaws.com/");
    req.method = "POST".into();
    req.headers.push(Header::new(
        "Content-Type",
        "application/x-www-form-urlencoded; charset=utf-8",
    ));
    req.body = b"Action=GetCallerIdentity&Version=2011-06-15".to_vec();
    let mut signed = sign(req, SECRET, None, Settings::default());
    for h in &mut signed.headers {
        if h.name.eq_ignore_ascii_case("content-type") {
            h.value = "application/x-www-form-urlencoded".into();
        }
    }
    let v = verify(&signed, SECRET).unwrap().variant.unwrap();
    assert!(
        v.sentence
            .contains("Content-Type \"application/x-www-form-urlencoded; charset=utf-8\"")
            && v.sentence.contains("dropped the charset"),
        "{}",
        v.sentence
    );
    // The near miss: another charset is not found by this try (it adds utf-8 only).
    let mut req = get("https://sts.eu-west-1.amazonaws.com/");
    req.method = "POST".into();
    req.headers
        .push(Header::new("Content-Type", "text/plain; charset=latin1"));
    let mut signed = sign(req, SECRET, None, Settings::default());
    for h in &mut signed.headers {
        if h.name.eq_ignore_ascii_case("content-type") {
            h.value = "text/plain".into();
        }
    }
    assert!(verify(&signed, SECRET).unwrap().variant.is_none());
}

#[test]
fn unsigned_requests_are_one_sentence() {
    let e = verify(&get(API), SECRET).unwrap_err();
    assert!(
        e.message.contains("no Authorization header"),
        "{}",
        e.message
    );
    let mut req = get(API);
    req.headers.push(Header::new("Authorization", "Bearer abc"));
    assert!(verify(&req, SECRET).unwrap_err().message.contains("Bearer"));
}

#[test]
fn a_trailing_blank_line_in_the_paste_is_not_a_body() {
    let signed = sign(get(API), SECRET, None, Settings::default());
    let http = raw_http(
        &explained(get(API), SECRET, None, Settings::default())
            .signing
            .signed_request,
    );
    for extra in ["\n", "\n\n", "\r\n"] {
        let parsed = input::parse_request(&format!("{http}{extra}")).unwrap();
        assert!(parsed.request.body.is_empty(), "{extra:?}");
        assert!(!parsed.warnings.is_empty());
        assert!(
            verify(&parsed.request, SECRET).unwrap().matches,
            "{extra:?}"
        );
    }
    assert!(verify(&signed, SECRET).unwrap().matches);
    // A declared one-byte body of "\n" stays a body.
    let p = input::parse_request("POST / HTTP/1.1\nHost: h.example.com\nContent-Length: 1\n\n\n")
        .unwrap();
    assert_eq!(p.request.body, b"\n");
}

/// Found by fuzzing: a presigned URL for a request that also has an X-Amz-Date header.
#[test]
fn presigned_with_an_x_amz_date_header_verifies() {
    let mut req = get(API);
    req.headers
        .push(Header::new("X-Amz-Date", "20200101T000000Z"));
    let mut signed = req.clone();
    signed.url = explained(req, SECRET, None, PRESIGN)
        .signing
        .signed_url
        .unwrap();
    assert!(verify(&signed, SECRET).unwrap().matches);
}

/// Found by fuzzing: S3 presigned URLs sign UNSIGNED-PAYLOAD even with an x-amz-content-sha256 header along.
#[test]
fn s3_presigned_with_a_content_sha256_header_verifies() {
    let mut req = get("https://bucket.s3.us-east-1.amazonaws.com/key");
    req.headers.push(Header::new("x-amz-content-sha256", ""));
    let mut signed = req.clone();
    signed.url = explained(req, SECRET, None, PRESIGN)
        .signing
        .signed_url
        .unwrap();
    assert!(verify(&signed, SECRET).unwrap().matches);
}

/// Found by fuzzing: two Host headers cannot be sent as signed; one sentence instead.
#[test]
fn two_host_headers_are_refused() {
    let mut req = get(API);
    req.headers.push(Header::new(
        "Host",
        "abc.execute-api.us-east-1.amazonaws.com",
    ));
    req.headers.push(Header::new("Host", ""));
    let e = explain_at(req, SECRET, None, Settings::default()).unwrap_err();
    assert_eq!(e.field, sigv4_lab::input::Field::Headers);
    assert!(e.message.contains("more than one Host"), "{}", e.message);
}

/// Found by fuzzing: an x-amz-content-sha256 header with inner runs of spaces.
#[test]
fn a_content_sha256_header_with_inner_spaces_verifies() {
    let mut req = get(API);
    req.headers
        .push(Header::new("x-amz-content-sha256", " abc  def "));
    let signed = sign(req, SECRET, None, Settings::default());
    assert!(verify(&signed, SECRET).unwrap().matches);
}

/// Claims of any size are named in short sentences and notes.
#[test]
fn huge_claims_get_short_sentences() {
    const MB: usize = 1024 * 1024;
    let short = |what: &str, m: &str| {
        assert!(m.chars().count() <= 400, "{what}: {} characters", m.len());
        assert!(!m.contains("\\u{"), "{what}: {m}");
    };
    let mut req = get(API);
    req.headers
        .push(Header::new("Authorization", "X".repeat(MB)));
    let e = verify(&req, SECRET).unwrap_err();
    short("a 1 MiB Authorization word", &e.message);

    let mut req = get(API);
    req.headers.push(Header::new(
        "Authorization",
        format!(
            "AWS4-HMAC-SHA256 Credential={}, SignedHeaders=host, Signature={}",
            "C".repeat(MB),
            "0".repeat(64)
        ),
    ));
    let e = verify(&req, SECRET).unwrap_err();
    short("a 1 MiB Credential", &e.message);
    assert!(
        e.message.contains("(1,048,576 characters)"),
        "{}",
        e.message
    );

    // 300 signed headers the request does not carry, each name 1 KB: a few notes, each short.
    let names: Vec<String> = (0..300)
        .map(|i| format!("x-{i}-{}", "n".repeat(1_000)))
        .collect();
    let mut req = get(API);
    req.headers
        .push(Header::new("X-Amz-Date", "20261126T120000Z"));
    req.headers.push(Header::new(
        "Authorization",
        format!(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261126/us-east-1/execute-api/aws4_request, SignedHeaders=host;{}, Signature={}",
            names.join(";"),
            "0".repeat(64)
        ),
    ));
    let r = verify(&req, SECRET).unwrap();
    assert!(r.notes.len() <= 8, "{} notes", r.notes.len());
    for n in &r.notes {
        short("a note", n);
    }
    if let Some(v) = &r.variant {
        short("the variant", &v.sentence);
    }
}

fn verify_findings(req: &Request, secret: &str) -> Vec<sigv4_lab::diagnose::Finding> {
    let r = verify(req, secret).unwrap();
    sigv4_lab::diagnose::verify::findings(&r, req)
}

/// One header value changed after signing (a charset's case, as HTTP libraries do): verify does
/// not blame the secret; it says what it searched and what remains, the changed header first.
#[test]
fn a_header_changed_after_signing_is_not_blamed_on_the_secret() {
    let mut req = get(API);
    req.method = "POST".into();
    req.headers.push(Header::new(
        "Content-Type",
        "application/json; charset=utf-8",
    ));
    req.body = b"{}".to_vec();
    let mut signed = sign(req, SECRET, None, Settings::default());
    // The client signs application/json; charset=utf-8 with content-type among its signed
    // headers (the engine signs every header it is given), then a proxy rewrites the case.
    for h in &mut signed.headers {
        if h.name.eq_ignore_ascii_case("content-type") {
            h.value = "application/json; charset=UTF-8".into();
        }
    }
    let r = verify(&signed, SECRET).unwrap();
    assert!(!r.matches && r.variant.is_none(), "{:?}", r.variant);
    let f = verify_findings(&signed, SECRET);
    let sig = f.iter().find(|f| f.id == "signature-mismatch").unwrap();
    assert!(
        !sig.detail.contains("most likely another secret"),
        "{}",
        sig.detail
    );
    assert!(!sig.title.contains("secret"), "{}", sig.title);
    assert!(
        sig.detail.contains("Searched, without a match"),
        "{}",
        sig.detail
    );
    assert!(
        sig.checks[0].cause.contains("content-type"),
        "{:?}",
        sig.checks
    );
    assert!(sig
        .checks
        .iter()
        .any(|c| c.cause.contains("Another secret")));
    assert!(sig.checks.iter().any(|c| c.cause.contains("body changed")));
}

/// Every named mistake reads as a sentence: "Recomputed with …, it is exactly the client's".
#[test]
fn named_mistakes_read_as_sentences() {
    let mut signed = sign(get(API), SECRET, Some("us-west-2"), Settings::default());
    for h in &mut signed.headers {
        if h.name.eq_ignore_ascii_case("authorization") {
            h.value = h.value.replace("/us-west-2/", "/us-east-1/");
        }
    }
    let f = verify_findings(&signed, SECRET);
    let sig = f.iter().find(|f| f.id == "signature-mismatch").unwrap();
    assert!(
        sig.detail.contains("Recomputed with the signing key derived for region us-west-2 (the Credential says us-east-1), it is exactly the client's"),
        "{}",
        sig.detail
    );
    assert!(!sig.detail.contains("the way derived"), "{}", sig.detail);
}

/// A signed Content-Length missing from the paste (curl sends it) is the body's length.
#[test]
fn a_signed_content_length_left_out_of_the_paste_is_the_bodys() {
    let mut req = get(API);
    req.method = "POST".into();
    req.body = b"Action=ListUsers".to_vec();
    req.headers.push(Header::new("Content-Length", "16"));
    let mut signed = sign(req, SECRET, None, Settings::default());
    assert!(verify(&signed, SECRET).unwrap().matches);
    signed
        .headers
        .retain(|h| !h.name.eq_ignore_ascii_case("content-length"));
    let r = verify(&signed, SECRET).unwrap();
    assert!(r.matches, "{:?}", r.notes);
    assert!(
        r.notes.iter().any(|n| n.contains("taken as 16")),
        "{:?}",
        r.notes
    );
    // The near miss: a body of another length does not match.
    signed.body = b"Action=ListRoles!".to_vec();
    assert!(!verify(&signed, SECRET).unwrap().matches);
}

/// Whitespace in the secret given to verify (not the client's) is said to be here.
#[test]
fn whitespace_in_the_secret_given_here_is_said_to_be_here() {
    let signed = sign(get(API), SECRET, None, Settings::default());
    let f = verify_findings(&signed, &format!("{SECRET}\n"));
    let sig = f.iter().find(|f| f.id == "signature-mismatch").unwrap();
    assert!(sig.title.contains("given here"), "{}", sig.title);
    assert!(
        sig.fix.contains("nothing needs fixing in the client"),
        "{}",
        sig.fix
    );
    // The client's own whitespace is still the client's.
    let signed = sign(get(API), &format!("{SECRET} "), None, Settings::default());
    let f = verify_findings(&signed, SECRET);
    assert!(
        f[0].title
            .contains("your client signed with the secret access key with a trailing space"),
        "{}",
        f[0].title
    );
}

/// A long host with a port is quoted whole: the port is what matters.
#[test]
fn a_long_host_keeps_its_port_in_the_sentence() {
    let host = "a-very-long-api-id-0123456789.execute-api.ap-southeast-2.amazonaws.com";
    let mut req = get(&format!("https://{host}/prod/x"));
    req.headers.push(Header::new("Host", format!("{host}:443")));
    let mut signed = sign(req, SECRET, None, Settings::default());
    signed
        .headers
        .retain(|h| !h.name.eq_ignore_ascii_case("host"));
    let r = verify(&signed, SECRET).unwrap();
    let v = r.variant.expect("the port variant reproduces it");
    assert!(
        v.sentence.contains(&format!("{host}:443, with the port")),
        "{}",
        v.sentence
    );
}

/// A token appended to a presigned URL after signing is named.
#[test]
fn a_token_added_to_a_presigned_url_after_signing_is_named() {
    let mut signed = sign(get(API), SECRET, None, PRESIGN);
    signed
        .url
        .push_str("&X-Amz-Security-Token=IQoJb3JpZ2luEXAMPLE");
    let r = verify(&signed, SECRET).unwrap();
    let v = r.variant.expect("named");
    assert!(
        v.sentence
            .contains("added X-Amz-Security-Token to the URL after signing"),
        "{}",
        v.sentence
    );
}

/// A '+' in a query that no reading reproduces: both readings are shown.
#[test]
fn a_plus_in_the_query_shows_both_readings() {
    let mut signed = sign(
        get(&format!("{API}?q=a%20b")),
        SECRET,
        None,
        Settings::default(),
    );
    signed.url = signed.url.replace("q=a%20b", "q=a+c");
    let r = verify(&signed, SECRET).unwrap();
    assert!(!r.matches && r.variant.is_none());
    let note = r
        .notes
        .iter()
        .find(|n| n.contains("'+'"))
        .expect("a note on '+'");
    assert!(
        note.contains("q=a%20c") && note.contains("q=a%2Bc"),
        "{note}"
    );
}

// ---------------------------------------------------------------------------
// Both sides of each condition of verify and its search (measured by `make mutants`).

use sigv4_lab::diagnose::verify::verify_with_body_hash;

/// `signed` with its Authorization header rewritten by `edit`.
fn with_authorization(mut signed: Request, edit: impl Fn(&str) -> String) -> Request {
    for h in &mut signed.headers {
        if h.name.eq_ignore_ascii_case("authorization") {
            h.value = edit(&h.value);
        }
    }
    signed
}

fn set_header(signed: &mut Request, name: &str, value: &str) {
    for h in &mut signed.headers {
        if h.name.eq_ignore_ascii_case(name) {
            h.value = value.into();
        }
    }
}

fn ids(f: &[sigv4_lab::diagnose::Finding]) -> Vec<&'static str> {
    f.iter().map(|f| f.id.as_str()).collect()
}

#[test]
fn a_correct_signature_has_no_notes_and_no_findings() {
    for (url, settings) in [
        (API.to_string(), Settings::default()),
        (API.to_string(), PRESIGN),
        (format!("{API}?q=a+b"), Settings::default()),
        // Dot segments: removed for API Gateway, kept for S3 (which signs the path as sent).
        (
            "https://abc.execute-api.us-east-1.amazonaws.com/prod/a/../x".into(),
            Settings::default(),
        ),
        (
            "https://bucket.s3.eu-west-1.amazonaws.com/a/../b.txt".into(),
            Settings::default(),
        ),
        (
            "https://bucket.s3.eu-west-1.amazonaws.com/a/../b.txt".into(),
            PRESIGN,
        ),
    ] {
        let signed = sign(get(&url), SECRET, None, settings);
        let r = verify(&signed, SECRET).unwrap();
        assert!(r.matches, "{url}: {:?}", r.variant);
        assert!(r.notes.is_empty(), "{url}: {:?}", r.notes);
        assert_eq!(r.first_difference, None);
        assert!(verify_findings(&signed, SECRET).is_empty(), "{url}");
    }
}

#[test]
fn the_date_in_the_scope_must_be_the_requests() {
    let signed = sign(get(API), SECRET, None, Settings::default());
    let other_day = with_authorization(signed, |a| a.replace("/20261126/", "/20261125/"));
    let r = verify(&other_day, SECRET).unwrap();
    assert!(
        r.notes.iter().any(|n| n.contains("date-scope-mismatch")),
        "{:?}",
        r.notes
    );
    let f = verify_findings(&other_day, SECRET);
    assert_eq!(ids(&f), ["signature-mismatch", "date-scope-mismatch"]);
    // An X-Amz-Date not in the basic form is said to be so.
    let mut odd = sign(get(API), SECRET, None, Settings::default());
    set_header(&mut odd, "x-amz-date", "20261126T12:00:00Z");
    let r = verify(&odd, SECRET).unwrap();
    assert!(
        r.notes.iter().any(|n| n.contains("is not in the form")),
        "{:?}",
        r.notes
    );
    assert!(
        !r.notes.iter().any(|n| n.contains("date-scope-mismatch")),
        "{:?}",
        r.notes
    );
}

#[test]
fn signed_headers_the_request_lacks_are_listed_five_at_most() {
    let signed = sign(get(API), SECRET, None, Settings::default());
    let lacking = |n: usize| {
        let names: Vec<String> = (0..n).map(|i| format!("x-gone-{i}")).collect();
        let req = with_authorization(signed.clone(), |a| {
            a.replace(
                "SignedHeaders=host;x-amz-date",
                &format!("SignedHeaders=host;x-amz-date;{}", names.join(";")),
            )
        });
        verify(&req, SECRET).unwrap().notes
    };
    let five = lacking(5);
    assert_eq!(five.len(), 5, "{five:?}");
    assert!(
        five[0].contains("SignedHeaders lists x-gone-0, but the request has no x-gone-0 header"),
        "{five:?}"
    );
    let six = lacking(6);
    assert_eq!(six.len(), 6, "{six:?}");
    assert!(six[5].contains("1 more headers"), "{six:?}");
    // A URL pasted alone has no Host header: host is never missing (it is the URL's).
    let url_only = sign(get(API), SECRET, None, PRESIGN);
    assert!(url_only.headers.is_empty());
    assert!(verify(&url_only, SECRET).unwrap().notes.is_empty());
}

#[test]
fn a_signed_content_length_is_recomputed_only_from_a_body_at_hand() {
    let mut req = get(API);
    req.method = "POST".into();
    req.body = b"Action=ListUsers".to_vec();
    req.headers.push(Header::new("Content-Length", "16"));
    let mut signed = sign(req, SECRET, None, Settings::default());
    signed
        .headers
        .retain(|h| !h.name.eq_ignore_ascii_case("content-length"));
    // Known only by its hash (a big file), the body's length is not guessed.
    let hash = sigv4_lab::sigv4::key::sha256_hex(&signed.body);
    let r = verify_with_body_hash(&signed, SECRET, Some(&hash)).unwrap();
    assert!(
        !r.notes.iter().any(|n| n.contains("taken as")),
        "{:?}",
        r.notes
    );
    assert!(!r.matches);
    // With the header there, nothing is taken.
    let mut with = signed.clone();
    with.headers.push(Header::new("Content-Length", "16"));
    let r = verify(&with, SECRET).unwrap();
    assert!(r.matches && r.notes.is_empty(), "{:?}", r.notes);
}

#[test]
fn a_client_that_kept_dot_segments_is_named() {
    let url = "https://abc.execute-api.us-east-1.amazonaws.com/prod/a/../x";
    let signed = sign(
        get(url),
        SECRET,
        None,
        Settings {
            normalize_path: false,
            ..Settings::default()
        },
    );
    let v = verify(&signed, SECRET).unwrap().variant.expect("named");
    assert!(
        v.sentence.contains("dot segments left in the path"),
        "{}",
        v.sentence
    );
}

#[test]
fn a_client_that_signed_another_trailing_slash_is_named() {
    // Signed with a slash, sent without it.
    let signed = sign(get(&format!("{API}/")), SECRET, None, Settings::default());
    let mut sent = signed.clone();
    sent.url = API.into();
    let v = verify(&sent, SECRET).unwrap().variant.expect("named");
    assert!(
        v.sentence.contains("the path with a trailing slash"),
        "{}",
        v.sentence
    );
    // Signed without, sent with it.
    let signed = sign(get(API), SECRET, None, Settings::default());
    let mut sent = signed.clone();
    sent.url = format!("{API}/");
    let v = verify(&sent, SECRET).unwrap().variant.expect("named");
    assert!(
        v.sentence.contains("the path without the trailing slash"),
        "{}",
        v.sentence
    );
}

#[test]
fn a_client_that_signed_the_query_another_way_is_named() {
    // A '+' signed as a plus sign, a query signed as written.
    let signed = sign(
        get(&format!("{API}?q=a%2Bb")),
        SECRET,
        None,
        Settings::default(),
    );
    let mut sent = signed.clone();
    sent.url = sent.url.replace("q=a%2Bb", "q=a+b");
    let v = verify(&sent, SECRET).unwrap().variant.expect("named");
    assert!(
        v.sentence.contains("'+' in the query as a plus sign"),
        "{}",
        v.sentence
    );
}

#[test]
fn a_header_signed_but_not_listed_or_listed_but_not_signed_is_named() {
    // The client signed X-Trace but left it out of SignedHeaders.
    let mut req = get(API);
    req.headers.push(Header::new("X-Trace", "t-1"));
    let signed = sign(req, SECRET, None, Settings::default());
    let unlisted = with_authorization(signed, |a| a.replace(";x-trace", ""));
    let v = verify(&unlisted, SECRET).unwrap().variant.expect("named");
    assert!(
        v.sentence.contains("also signed the x-trace header"),
        "{}",
        v.sentence
    );
    // The client lists X-Trace but signed without it.
    let mut signed = sign(get(API), SECRET, None, Settings::default());
    signed.headers.push(Header::new("X-Trace", "t-1"));
    let listed = with_authorization(signed, |a| {
        a.replace(
            "SignedHeaders=host;x-amz-date",
            "SignedHeaders=host;x-amz-date;x-trace",
        )
    });
    let v = verify(&listed, SECRET).unwrap().variant.expect("named");
    assert!(
        v.sentence.contains("signed without the x-trace header"),
        "{}",
        v.sentence
    );
}

#[test]
fn a_host_signed_without_its_port_is_named() {
    let host = "abc.execute-api.us-east-1.amazonaws.com";
    let signed = sign(get(API), SECRET, None, Settings::default());
    let mut sent = signed.clone();
    set_header(&mut sent, "host", &format!("{host}:8443"));
    sent.url = sent.url.replace(host, &format!("{host}:8443"));
    let v = verify(&sent, SECRET).unwrap().variant.expect("named");
    assert!(
        v.sentence
            .contains(&format!("the Host as {host}, without the port")),
        "{}",
        v.sentence
    );
}

#[test]
fn a_client_that_hashed_an_empty_body_is_named() {
    let mut req = get("https://abc.execute-api.us-east-1.amazonaws.com/prod/items");
    req.method = "POST".into();
    let signed = sign(req, SECRET, None, Settings::default());
    let mut sent = signed.clone();
    sent.body = b"{\"a\":1}".to_vec();
    let v = verify(&sent, SECRET).unwrap().variant.expect("named");
    assert!(
        v.sentence
            .contains("the SHA-256 of an empty body as the payload hash"),
        "{}",
        v.sentence
    );
}

#[test]
fn a_clock_hours_off_is_named_in_hours() {
    let mut signed = sign(get(API), SECRET, None, Settings::default());
    set_header(&mut signed, "x-amz-date", "20261126T140000Z");
    let v = verify(&signed, SECRET).unwrap().variant.expect("named");
    assert!(
        v.sentence.contains("20261126T120000Z") && v.sentence.contains("(-2 h from"),
        "{}",
        v.sentence
    );
    assert_eq!(v.first_difference, "string_to_sign");
    // Minutes, within the quarter hour searched.
    let mut signed = sign(get(API), SECRET, None, Settings::default());
    set_header(&mut signed, "x-amz-date", "20261126T114500Z");
    let v = verify(&signed, SECRET).unwrap().variant.expect("named");
    assert!(v.sentence.contains("(15 min from"), "{}", v.sentence);
}

#[test]
fn a_key_derived_for_another_service_is_named() {
    let mut req = get("https://abc.execute-api.us-east-1.amazonaws.com/prod/a");
    req.headers.push(Header::new("X-Trace", "t"));
    let inputs_service = |service: &str| {
        let t = timefmt::parse_instant("2026-11-26T12:00:00Z").unwrap();
        let inputs = Inputs {
            request: req.clone(),
            credentials: Credentials {
                access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
                secret_access_key: Secret::new(SECRET),
                ..Credentials::default()
            },
            service: Some(service.into()),
            time: SigningTime::At(t),
            ..Inputs::default()
        };
        let ex = explain(&inputs, t).unwrap();
        input::parse_request(&raw_http(&ex.signing.signed_request))
            .unwrap()
            .request
    };
    let signed = with_authorization(inputs_service("lambda"), |a| {
        a.replace("/lambda/", "/execute-api/")
    });
    let v = verify(&signed, SECRET).unwrap().variant.expect("named");
    assert!(
        v.sentence
            .contains("service lambda, though the Credential says execute-api"),
        "{}",
        v.sentence
    );
}

#[test]
fn what_remains_names_the_volatile_headers_and_the_body_only_when_there_is_one() {
    // A GET whose signed X-Forwarded-For was rewritten: that header first, no body to blame.
    let mut req = get(API);
    req.headers.push(Header::new("X-Forwarded-For", "10.0.0.1"));
    req.headers
        .push(Header::new("Proxy-Authorization", "Basic x"));
    let mut signed = sign(req, SECRET, None, Settings::default());
    set_header(&mut signed, "x-forwarded-for", "10.0.0.2");
    let f = verify_findings(&signed, SECRET);
    let sig = f.iter().find(|f| f.id == "signature-mismatch").unwrap();
    assert!(
        sig.checks[0]
            .cause
            .contains("host, proxy-authorization, x-forwarded-for are signed"),
        "{:?}",
        sig.checks
    );
    assert!(
        !sig.checks.iter().any(|c| c.cause.contains("body changed")),
        "{:?}",
        sig.checks
    );
    // Nothing volatile signed (not even host): the general sentence.
    let signed = sign(get(API), SECRET, None, Settings::default());
    let signed = with_authorization(signed, |a| {
        let (head, _) = a.split_once("Signature=").unwrap();
        format!(
            "{}Signature={}",
            head.replace("SignedHeaders=host;", "SignedHeaders="),
            "0".repeat(64)
        )
    });
    let f = verify_findings(&signed, SECRET);
    let sig = f.iter().find(|f| f.id == "signature-mismatch").unwrap();
    assert!(
        sig.checks[0]
            .cause
            .starts_with("A signed header changed after signing (its value"),
        "{:?}",
        sig.checks
    );
    // A claimed body hash with no body at hand still puts the body among the causes.
    let mut req = get(API);
    req.headers
        .push(Header::new("x-amz-content-sha256", "UNSIGNED-PAYLOAD"));
    req.headers.push(Header::new("X-Trace", "t-1"));
    let mut signed = sign(req, SECRET, None, Settings::default());
    set_header(&mut signed, "x-trace", "t-2");
    let f = verify_findings(&signed, SECRET);
    let sig = f.iter().find(|f| f.id == "signature-mismatch").unwrap();
    assert!(
        sig.checks.iter().any(|c| c.cause.contains("body changed")),
        "{:?}",
        sig.checks
    );
}

#[test]
fn headers_sent_but_not_signed_by_what_aws_requires() {
    let api = sign(get(API), SECRET, None, Settings::default());
    let s3 = sign(
        get("https://bucket.s3.eu-west-1.amazonaws.com/key"),
        SECRET,
        None,
        Settings::default(),
    );
    let sent_with = |signed: &Request, name: &str| {
        let mut r = signed.clone();
        r.headers.push(Header::new(name, "v"));
        verify_findings(&r, SECRET)
            .into_iter()
            .filter(|f| f.id != "signature-mismatch")
            .collect::<Vec<_>>()
    };
    // Outside S3, only x-amz-date, the token and the content hash must be signed.
    for name in ["X-Amz-Content-Sha256", "X-Amz-Date"] {
        let mut r = api.clone();
        r.headers.retain(|h| !h.name.eq_ignore_ascii_case(name));
        r.headers.push(Header::new(
            name,
            if name == "X-Amz-Date" {
                "20261126T120000Z"
            } else {
                "UNSIGNED-PAYLOAD"
            },
        ));
        let unsigned = with_authorization(r, |a| a.replace(";x-amz-date", ""));
        let f: Vec<_> = verify_findings(&unsigned, SECRET)
            .into_iter()
            .filter(|f| f.id != "signature-mismatch")
            .collect();
        if name == "X-Amz-Date" {
            assert_eq!(ids(&f), ["header-not-signed"], "{name}");
            assert!(f[0].title.contains("x-amz-date"), "{}", f[0].title);
        }
    }
    let f = sent_with(&api, "X-Amz-Content-Sha256");
    assert_eq!(ids(&f), ["header-not-signed"]);
    assert!(
        f[0].title.contains("x-amz-content-sha256"),
        "{}",
        f[0].title
    );
    assert!(sent_with(&api, "X-Amz-Meta-Note").is_empty());
    assert!(sent_with(&api, "User-Agent").is_empty());
    // The token alone is the token finding.
    let f = sent_with(&api, "X-Amz-Security-Token");
    assert_eq!(ids(&f), ["session-token-unsigned"]);
    // S3 wants every x-amz-* header signed, and nothing else.
    let f = sent_with(&s3, "X-Amz-Meta-Note");
    assert_eq!(ids(&f), ["header-not-signed"]);
    assert!(f[0].detail.contains("S3: AccessDenied"), "{}", f[0].detail);
    assert!(sent_with(&s3, "User-Agent").is_empty());
    // Host left out of SignedHeaders is named once, whether the Host header is there or not.
    let no_host = with_authorization(api.clone(), |a| {
        a.replace("SignedHeaders=host;", "SignedHeaders=")
    });
    let f: Vec<_> = verify_findings(&no_host, SECRET)
        .into_iter()
        .filter(|f| f.id != "signature-mismatch")
        .collect();
    assert_eq!(ids(&f), ["header-not-signed"]);
    assert_eq!(f[0].title, "Sent but not signed: host");
    let mut hostless = no_host.clone();
    hostless
        .headers
        .retain(|h| !h.name.eq_ignore_ascii_case("host"));
    let f: Vec<_> = verify_findings(&hostless, SECRET)
        .into_iter()
        .filter(|f| f.id != "signature-mismatch")
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].title, "Sent but not signed: host");
}

#[test]
fn a_stage_equals_its_own_name_only() {
    use sigv4_lab::diagnose::verify::Stage;
    assert!(Stage::SigningKey == "signing_key");
    assert!(Stage::SigningKey != "signature");
    assert_eq!(
        [
            Stage::CanonicalRequest,
            Stage::StringToSign,
            Stage::SigningKey,
            Stage::Signature
        ]
        .map(Stage::as_str),
        [
            "canonical_request",
            "string_to_sign",
            "signing_key",
            "signature"
        ]
    );
}

#[test]
fn a_root_path_signed_with_a_second_slash_is_named() {
    // S3 signs the path as sent: a client that joined "/" onto a base URL ending in "/". (The
    // sentence once said "without the trailing slash" for the root, the opposite of the truth.)
    let s3 = "https://bucket.s3.eu-west-1.amazonaws.com/";
    let signed = sign(get(&format!("{s3}/")), SECRET, None, Settings::default());
    let mut sent = signed.clone();
    sent.url = sent.url.replacen(".com//", ".com/", 1);
    let v = verify(&sent, SECRET).unwrap().variant.expect("named");
    assert!(
        v.sentence.contains("the path with a trailing slash"),
        "{}",
        v.sentence
    );
}

/// `req` carrying the signature verify computes for its own claims, so that it matches.
fn signed_as_claimed(mut req: Request) -> Request {
    let s = verify(&req, SECRET).unwrap().computed.signature;
    req = with_authorization(req, |a| {
        let (head, _) = a.split_once("Signature=").unwrap();
        format!("{head}Signature={s}")
    });
    assert!(verify(&req, SECRET).unwrap().matches);
    req
}

fn claiming(url: &str, signed_headers: &str, headers: &[(&str, &str)]) -> Request {
    let mut req = get(url);
    for (n, v) in headers {
        req.headers.push(Header::new(*n, *v));
    }
    req.headers
        .push(Header::new("X-Amz-Date", "20261126T120000Z"));
    req.headers.push(Header::new(
        "Authorization",
        format!(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261126/us-east-1/execute-api/aws4_request, SignedHeaders={signed_headers}, Signature={}",
            "0".repeat(64)
        ),
    ));
    req
}

#[test]
fn the_content_type_and_host_tries_need_only_their_own_header_signed() {
    // Only Content-Type signed, then a charset added on the way.
    let mut req = signed_as_claimed(claiming(
        API,
        "content-type",
        &[("Content-Type", "application/json")],
    ));
    set_header(&mut req, "content-type", "application/json; charset=utf-8");
    let v = verify(&req, SECRET).unwrap().variant.expect("named");
    assert!(
        v.sentence.contains("Content-Type \"application/json\""),
        "{}",
        v.sentence
    );
    // Only Host signed, with its port, and the Host header left out of the paste.
    let host = "abc.execute-api.us-east-1.amazonaws.com";
    let mut req = signed_as_claimed(claiming(API, "host", &[("Host", &format!("{host}:443"))]));
    req.headers.retain(|h| !h.name.eq_ignore_ascii_case("host"));
    let v = verify(&req, SECRET).unwrap().variant.expect("named");
    assert!(
        v.sentence.contains(&format!("{host}:443, with the port")),
        "{}",
        v.sentence
    );
}

#[test]
fn the_search_leaves_out_each_of_the_first_64_signed_headers_only() {
    let names: Vec<String> = (0..65).map(|i| format!("x-h{i:02}")).collect();
    let headers: Vec<(String, String)> =
        names.iter().map(|n| (n.clone(), "v".to_string())).collect();
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let all = names.join(";");
    // The client signed without the 64th (tried) or the 65th (past the tries).
    for (left_out, named) in [(63, true), (64, false)] {
        let without: Vec<&str> = names
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != left_out)
            .map(|(_, n)| n.as_str())
            .collect();
        let signed = signed_as_claimed(claiming(API, &without.join(";"), &headers));
        let claimed = with_authorization(signed, |a| a.replace(&without.join(";"), &all));
        let v = verify(&claimed, SECRET).unwrap().variant;
        assert_eq!(
            v.is_some(),
            named,
            "{left_out}: {:?}",
            v.map(|v| v.sentence)
        );
        if let Some(v) = v {
            assert!(
                v.sentence
                    .contains(&format!("without the {} header", names[left_out])),
                "{}",
                v.sentence
            );
        }
    }
}

#[test]
fn host_left_out_is_named_beside_the_other_unsigned_headers() {
    let api = sign(get(API), SECRET, None, Settings::default());
    let mut r = with_authorization(api, |a| a.replace("SignedHeaders=host;", "SignedHeaders="));
    r.headers.retain(|h| !h.name.eq_ignore_ascii_case("host"));
    r.headers
        .push(Header::new("X-Amz-Security-Token", "IQoJb3JpZ2luEXAMPLE"));
    let f: Vec<_> = verify_findings(&r, SECRET)
        .into_iter()
        .filter(|f| f.id != "signature-mismatch")
        .collect();
    assert_eq!(ids(&f), ["header-not-signed"]);
    assert_eq!(
        f[0].title,
        "Sent but not signed: x-amz-security-token, host"
    );
}
