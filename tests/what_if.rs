//! "What if…": every example preset × every classic mistake, checked step by step, plus the edge cases.

use sigv4_lab::diagnose::Severity;
use sigv4_lab::input::aws_error;
use sigv4_lab::input::{self, Credentials, Header, Secret};
use sigv4_lab::input::{Inputs, Mode, SigningTime};
use sigv4_lab::lab::{explain, Explanation};
use sigv4_lab::learn::examples::PRESETS;
use sigv4_lab::learn::what_if::{self, differing_hex_digits, Mistake, NotApplicable, WhatIf};
use sigv4_lab::sigv4::Step;
use sigv4_lab::timefmt;
use sigv4_lab::ui::state::{reduce, Action, State};
use time::OffsetDateTime;

/// The finding ids of ../shared/CONTRACT.md.
const CONTRACT_IDS: [&str; 23] = [
    "clock-skew",
    "credentials-expired",
    "session-token-missing",
    "session-token-unexpected",
    "session-token-unsigned",
    "region-mismatch",
    "service-mismatch",
    "global-service-region",
    "sts-v1-token-opt-in-region",
    "key-whitespace",
    "access-key-malformed",
    "access-key-not-a-key",
    "keys-swapped",
    "secret-malformed",
    "payload-hash-mismatch",
    "header-not-signed",
    "date-scope-mismatch",
    "presign-expired",
    "presign-expires-too-long",
    "signature-mismatch",
    "canonical-request-mismatch",
    "string-to-sign-mismatch",
    "api-gateway-missing-token-route",
];

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const KEYS: [&str; 4] = ["k-date", "k-region", "k-service", "k-signing"];

fn at(t: &str) -> OffsetDateTime {
    timefmt::parse_instant(t).expect("a valid instant")
}

/// A preset loaded as the page loads it, and its own signing time (so the base is clean).
fn preset(id: &str) -> (Inputs, OffsetDateTime) {
    let p = PRESETS.iter().find(|p| p.id == id).expect("preset exists");
    let s = reduce(State::default(), Action::LoadExample(id.into()));
    (s.inputs().expect("preset inputs"), at(p.time))
}

/// The mistake applied over the explanation's signing.
fn apply(
    m: Mistake,
    inputs: &Inputs,
    base: &Explanation,
    now: OffsetDateTime,
) -> Result<WhatIf, NotApplicable> {
    what_if::apply(m, inputs, &base.signing, now)
}

/// The steps that differ, by their names.
fn changed_steps(base: &Explanation, other: &Explanation) -> Vec<&'static str> {
    what_if::changed_steps(&base.signing, &other.signing)
        .into_iter()
        .map(Step::as_str)
        .collect()
}

/// The finding a what-if names, by its CONTRACT.md id.
fn finding(w: &WhatIf) -> Option<&'static str> {
    w.finding.map(|f| f.as_str())
}

fn ids(ex: &Explanation) -> Vec<&'static str> {
    ex.findings.iter().map(|f| f.id.as_str()).collect()
}

/// Each step's value, compared by hand (independently of `changed_steps`).
fn step_value(ex: &Explanation, step: &str) -> Option<String> {
    let key = |name: &str| {
        ex.signing
            .signing_key
            .as_ref()
            .and_then(|k| k.hex(name))
            .map(str::to_string)
    };
    match step {
        "canonical-request" => Some(ex.signing.canonical_request.to_string()),
        "canonical-request-hash" => Some(ex.signing.canonical_request_hash().to_string()),
        "string-to-sign" => Some(ex.signing.string_to_sign.to_string()),
        "k-date" => key("kDate"),
        "k-region" => key("kRegion"),
        "k-service" => key("kService"),
        "k-signing" => key("kSigning"),
        "signature" => ex.signing.signature.clone(),
        "authorization" => ex.signing.authorization.clone(),
        "signed-url" => ex.signing.signed_url.clone(),
        other => panic!("unknown step {other}"),
    }
}

/// AWS's answer as the service would send it, decoded and applied to the mutated explanation.
fn with_aws_answer(w: &WhatIf, ex: &Explanation) -> Explanation {
    let a = w.aws_answer.as_ref().expect("an answer");
    let text = if a.code.ends_with("Exception") {
        format!(
            "HTTP/1.1 {} Error\nx-amzn-ErrorType: {}\n\n{}",
            a.http_status,
            a.code,
            serde_json::json!({ "message": a.message })
        )
    } else {
        let xml_escaped = a
            .message
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        format!(
            "HTTP/1.1 {} Error\n\n<Error><Code>{}</Code><Message>{xml_escaped}</Message></Error>",
            a.http_status, a.code
        )
    };
    let decoded = aws_error::decode(&text).expect("AWS's answer decodes");
    assert_eq!(
        decoded.catalogue_id,
        Some(a.catalogue_id),
        "{}: {:?} is recognised as its own catalogue entry",
        w.mistake.id(),
        a.message
    );
    let _ = ex;
    let mut inputs = w.inputs.clone();
    inputs.aws_said = Some(decoded);
    explain(&inputs, w.now).expect("explains with AWS's answer")
}

/// The checks every applied mistake passes, on any inputs. `None` when it does not apply.
fn check(what: &str, mistake: Mistake, inputs: &Inputs, now: OffsetDateTime) -> Option<WhatIf> {
    let base = explain(inputs, now).unwrap_or_else(|e| panic!("{what}: base explains: {e}"));
    let before = inputs.clone();
    let result = apply(mistake, inputs, &base, now);
    // (d) Undo is trivial: the inputs given are untouched, and applying again gives the same.
    assert_eq!(*inputs, before, "{what}: the original inputs are unchanged");
    assert_eq!(result, apply(mistake, inputs, &base, now), "{what}: pure");
    let w = match result {
        Err(reason) => {
            assert!(
                reason.0.len() > 20
                    && reason.0.ends_with('.')
                    && reason.0.starts_with(|c: char| c.is_uppercase()),
                "{what}: the reason is a sentence: {reason:?}"
            );
            return None;
        }
        Ok(w) => w,
    };
    assert_eq!(w.mistake, mistake);
    assert_eq!(w.now, now, "{what}: AWS's clock is the one given");
    assert!(
        w.description.ends_with('.') && w.description.len() > 20,
        "{what}: {:?}",
        w.description
    );
    // (a) The mutated inputs explain.
    let ex = w
        .explain()
        .unwrap_or_else(|e| panic!("{what}: mutated inputs explain: {e}"));
    assert_eq!(
        ex.signing.signature,
        explain(&w.inputs, now).expect("explains").signing.signature
    );
    assert!(
        ex.signing.cross_check.as_ref().is_none_or(|c| c.agrees),
        "{what}: aws-sigv4 agrees with the mutated signature too"
    );
    // (e) changed_steps lists exactly the steps whose values differ, in page order.
    let changed = changed_steps(&base, &ex);
    let by_hand: Vec<&str> = Step::ALL
        .iter()
        .map(|s| s.as_str())
        .filter(|s| step_value(&base, s) != step_value(&ex, s))
        .collect();
    assert_eq!(changed, by_hand, "{what}");
    assert!(changed_steps(&base, &base).is_empty());
    // (b) Any change to what is signed changes the signature completely.
    let (b, m) = (
        base.signing.signature.as_deref().expect("base signed"),
        ex.signing.signature.as_deref().expect("mutated signed"),
    );
    if changed.is_empty() {
        assert_eq!(b, m, "{what}");
    } else {
        assert!(changed.contains(&"signature"), "{what}: {changed:?}");
        let d = differing_hex_digits(b, m);
        assert!(d > 40, "{what}: only {d} of 64 hex digits differ");
    }
    // (c) The finding is a contract id, present exactly when AWS answers.
    assert_eq!(finding(&w).is_some(), w.aws_answer.is_some(), "{what}");
    if let (Some(f), Some(a)) = (finding(&w), &w.aws_answer) {
        assert!(CONTRACT_IDS.contains(&f), "{what}: {f} is a contract id");
        assert!(
            [400, 401, 403].contains(&a.http_status) && !a.message.is_empty(),
            "{what}: {a:?}"
        );
        assert!(
            !a.message.contains('{'),
            "{what}: every placeholder filled: {}",
            a.message
        );
        // Pasting AWS's answer into the page adds (or confirms) that finding, unless only the
        // key's own records could tell (a missing token on a key that does not look temporary).
        let answered = with_aws_answer(&w, &ex);
        let token_on_unknown_key =
            f == "session-token-missing" && !w.inputs.credentials.access_key_id.starts_with("ASIA");
        if !token_on_unknown_key {
            assert!(
                ids(&answered).contains(&f),
                "{what}: {f} after AWS's answer: {:?}",
                ids(&answered)
            );
        }
    }
    // Secrets stay out of Debug.
    let secret = w.inputs.credentials.secret_access_key.expose();
    if !secret.trim().is_empty() {
        assert!(!format!("{w:?}").contains(secret.trim()), "{what}");
    }
    Some(w)
}

/// What to expect for one preset × mistake, at the preset's own signing time.
struct Expect {
    preset: &'static str,
    mistake: Mistake,
    /// `None`: the mistake does not apply (Err).
    result: Option<Outcome>,
}

struct Outcome {
    finding: Option<&'static str>,
    code: Option<&'static str>,
    /// Whether diagnose sees the finding from the mutated inputs alone.
    diagnosed: bool,
    changed: &'static [&'static str],
}

const fn rejected(
    finding: &'static str,
    code: &'static str,
    diagnosed: bool,
    changed: &'static [&'static str],
) -> Option<Outcome> {
    Some(Outcome {
        finding: Some(finding),
        code: Some(code),
        diagnosed,
        changed,
    })
}

const fn accepted(changed: &'static [&'static str]) -> Option<Outcome> {
    Some(Outcome {
        finding: None,
        code: None,
        diagnosed: false,
        changed,
    })
}

const SCOPE: &[&str] = &[
    "string-to-sign",
    "k-region",
    "k-service",
    "k-signing",
    "signature",
    "authorization",
];
const SECRET_ONLY: &[&str] = &[
    "k-date",
    "k-region",
    "k-service",
    "k-signing",
    "signature",
    "authorization",
];
const REQUEST: &[&str] = &[
    "canonical-request",
    "canonical-request-hash",
    "string-to-sign",
    "signature",
    "authorization",
];
const EVERYTHING: &[&str] = &[
    "canonical-request",
    "canonical-request-hash",
    "string-to-sign",
    "k-date",
    "k-region",
    "k-service",
    "k-signing",
    "signature",
    "authorization",
];
const NOTHING: &[&str] = &[];

fn expectations() -> Vec<Expect> {
    use Mistake::*;
    let e = |preset, mistake, result| Expect {
        preset,
        mistake,
        result,
    };
    vec![
        // IAM ListUsers: a global endpoint, GET with Content-Type, AKID without token.
        e(
            "iam-list-users",
            WrongRegion,
            rejected(
                "global-service-region",
                "SignatureDoesNotMatch",
                true,
                SCOPE,
            ),
        ),
        e(
            "iam-list-users",
            SecretTrailingSpace,
            rejected("key-whitespace", "SignatureDoesNotMatch", true, SECRET_ONLY),
        ),
        e("iam-list-users", HeaderLeftOut, accepted(REQUEST)),
        e("iam-list-users", PathEncodedOnce, accepted(NOTHING)),
        // 10 min back, same date: the key chain stays, the string to sign changes.
        e(
            "iam-list-users",
            ClockOff,
            rejected("clock-skew", "SignatureDoesNotMatch", true, REQUEST),
        ),
        e("iam-list-users", TokenMissing, None),
        // S3 GET with a session token (ASIA key).
        e(
            "s3-get-session-token",
            WrongRegion,
            rejected(
                "region-mismatch",
                "AuthorizationHeaderMalformed",
                true,
                SCOPE,
            ),
        ),
        e(
            "s3-get-session-token",
            SecretTrailingSpace,
            rejected("key-whitespace", "SignatureDoesNotMatch", true, SECRET_ONLY),
        ),
        // The token is sent unsigned: diagnose calls that session-token-unsigned.
        e(
            "s3-get-session-token",
            HeaderLeftOut,
            rejected("header-not-signed", "AccessDenied", false, REQUEST),
        ),
        e("s3-get-session-token", PathEncodedOnce, None),
        // 20 min back from midnight: the date changes, so every key changes.
        e(
            "s3-get-session-token",
            ClockOff,
            rejected("clock-skew", "RequestTimeTooSkewed", true, EVERYTHING),
        ),
        e(
            "s3-get-session-token",
            TokenMissing,
            rejected("session-token-missing", "InvalidAccessKeyId", true, REQUEST),
        ),
        // S3 presigned URL: the scope is in the canonical query string.
        e(
            "s3-presign",
            WrongRegion,
            rejected(
                "region-mismatch",
                "AuthorizationQueryParametersError",
                true,
                &[
                    "canonical-request",
                    "canonical-request-hash",
                    "string-to-sign",
                    "k-region",
                    "k-service",
                    "k-signing",
                    "signature",
                    "signed-url",
                ],
            ),
        ),
        e(
            "s3-presign",
            SecretTrailingSpace,
            rejected(
                "key-whitespace",
                "SignatureDoesNotMatch",
                true,
                &[
                    "k-date",
                    "k-region",
                    "k-service",
                    "k-signing",
                    "signature",
                    "signed-url",
                ],
            ),
        ),
        e("s3-presign", HeaderLeftOut, None),
        e("s3-presign", PathEncodedOnce, None),
        // Signed 20 min early, valid for a day: accepted, expiring 20 min early.
        e(
            "s3-presign",
            ClockOff,
            accepted(&[
                "canonical-request",
                "canonical-request-hash",
                "string-to-sign",
                "k-date",
                "k-region",
                "k-service",
                "k-signing",
                "signature",
                "signed-url",
            ]),
        ),
        e("s3-presign", TokenMissing, None),
        // STS POST form: regional endpoint, Content-Type, AKIA without token.
        e(
            "sts-get-caller-identity",
            WrongRegion,
            rejected("region-mismatch", "SignatureDoesNotMatch", true, SCOPE),
        ),
        e(
            "sts-get-caller-identity",
            SecretTrailingSpace,
            rejected("key-whitespace", "SignatureDoesNotMatch", true, SECRET_ONLY),
        ),
        e("sts-get-caller-identity", HeaderLeftOut, accepted(REQUEST)),
        e(
            "sts-get-caller-identity",
            PathEncodedOnce,
            accepted(NOTHING),
        ),
        e(
            "sts-get-caller-identity",
            ClockOff,
            rejected("clock-skew", "SignatureDoesNotMatch", true, REQUEST),
        ),
        e("sts-get-caller-identity", TokenMissing, None),
        // API Gateway: a JSON service whose path has an encoded space.
        e(
            "api-gateway",
            WrongRegion,
            rejected("region-mismatch", "InvalidSignatureException", true, SCOPE),
        ),
        e(
            "api-gateway",
            SecretTrailingSpace,
            rejected(
                "key-whitespace",
                "InvalidSignatureException",
                true,
                SECRET_ONLY,
            ),
        ),
        e("api-gateway", HeaderLeftOut, accepted(REQUEST)),
        e(
            "api-gateway",
            PathEncodedOnce,
            rejected(
                "signature-mismatch",
                "InvalidSignatureException",
                false,
                REQUEST,
            ),
        ),
        e(
            "api-gateway",
            ClockOff,
            rejected("clock-skew", "InvalidSignatureException", true, REQUEST),
        ),
        e("api-gateway", TokenMissing, None),
    ]
}

#[test]
fn every_preset_with_every_mistake() {
    let table = expectations();
    assert_eq!(table.len(), PRESETS.len() * Mistake::ALL.len());
    for p in PRESETS {
        for m in Mistake::ALL {
            let what = format!("{} × {}", p.id, m.id());
            let expect = table
                .iter()
                .find(|e| e.preset == p.id && e.mistake == m)
                .unwrap_or_else(|| panic!("{what}: in the table"));
            let (inputs, now) = preset(p.id);
            let base = explain(&inputs, now).expect("explains");
            assert!(
                base.findings.iter().all(|f| f.severity == Severity::Info),
                "{what}: the base is clean at its own time: {:?}",
                ids(&base)
            );
            let got = check(&what, m, &inputs, now);
            let (Some(w), Some(want)) = (&got, &expect.result) else {
                assert_eq!(
                    got.is_some(),
                    expect.result.is_some(),
                    "{what}: {:?}",
                    got.map(|w| w.description)
                );
                continue;
            };
            assert_eq!(finding(w), want.finding, "{what}");
            assert_eq!(w.aws_answer.as_ref().map(|a| a.code), want.code, "{what}");
            let ex = w.explain().expect("explains");
            assert_eq!(changed_steps(&base, &ex), want.changed, "{what}");
            if let Some(f) = finding(w) {
                assert_eq!(
                    ids(&ex).contains(&f),
                    want.diagnosed,
                    "{what}: {f} in {:?}",
                    ids(&ex)
                );
            }
        }
    }
}

/// On the page the clock ticks on while a preset keeps its fixed signing time: the base is
/// already skewed, and every mistake still applies the same way.
#[test]
fn presets_judged_at_a_later_clock() {
    let later = at("2026-11-26T12:20:00Z");
    for p in PRESETS {
        let (inputs, _) = preset(p.id);
        for m in Mistake::ALL {
            let what = format!("{} × {} at a later clock", p.id, m.id());
            if let Some(w) = check(&what, m, &inputs, later) {
                if m == Mistake::ClockOff {
                    let ex = w.explain().expect("explains");
                    let want = if p.id == "s3-presign" {
                        None
                    } else {
                        Some("clock-skew")
                    };
                    assert_eq!(finding(&w), want, "{what}");
                    assert!(want.is_none_or(|f| ids(&ex).contains(&f)), "{what}");
                    assert!(w.description.contains("2026-11-26T12:"), "{what}");
                }
            }
        }
    }
}

#[test]
fn the_findings_that_diagnose_must_see() {
    for p in PRESETS {
        let (inputs, now) = preset(p.id);
        let base = explain(&inputs, now).expect("explains");
        for m in [
            Mistake::WrongRegion,
            Mistake::SecretTrailingSpace,
            Mistake::ClockOff,
            Mistake::TokenMissing,
        ] {
            let Ok(w) = apply(m, &inputs, &base, now) else {
                continue;
            };
            let Some(f) = finding(&w) else { continue };
            let asia = inputs.credentials.access_key_id.starts_with("ASIA");
            if m != Mistake::TokenMissing || asia {
                let ex = w.explain().expect("explains");
                assert!(
                    ids(&ex).contains(&f),
                    "{} × {}: {f} in {:?}",
                    p.id,
                    m.id(),
                    ids(&ex)
                );
            }
        }
    }
}

#[test]
fn the_secret_space_leaves_the_request_and_changes_the_keys() {
    let (inputs, now) = preset("sts-get-caller-identity");
    let base = explain(&inputs, now).expect("explains");
    let w = apply(Mistake::SecretTrailingSpace, &inputs, &base, now).expect("applies");
    assert_eq!(
        w.inputs.credentials.secret_access_key.expose(),
        format!("{SECRET} ")
    );
    let ex = w.explain().expect("explains");
    assert_eq!(
        ex.signing.canonical_request.to_string(),
        base.signing.canonical_request.to_string()
    );
    assert_eq!(
        ex.signing.string_to_sign.to_string(),
        base.signing.string_to_sign.to_string()
    );
    for k in KEYS {
        assert_ne!(step_value(&ex, k), step_value(&base, k), "{k}");
    }
    assert!(!w.description.contains(SECRET));
}

#[test]
fn a_slow_clock_changes_every_key_only_across_midnight() {
    // Same day: the date stamp, so the key chain, is unchanged.
    let (inputs, now) = preset("iam-list-users");
    let base = explain(&inputs, now).expect("explains");
    let w = apply(Mistake::ClockOff, &inputs, &base, now).expect("applies");
    assert_eq!(w.inputs.time, SigningTime::At(at("2015-08-30T12:26:00Z")));
    let a = w.aws_answer.as_ref().expect("rejected");
    assert_eq!(
        a.message,
        "Signature expired: 20150830T122600Z is now earlier than 20150830T123100Z (20150830T123600Z - 5 min.)"
    );
    let changed = changed_steps(&base, &w.explain().expect("explains"));
    assert!(changed.contains(&"string-to-sign") && !changed.contains(&"k-date"));
    // Signed now, just after midnight: the scope date moves back a day, and every key follows.
    let mut inputs = inputs;
    inputs.time = SigningTime::Now;
    let now = at("2015-08-31T00:04:00Z");
    let base = explain(&inputs, now).expect("explains");
    let w = apply(Mistake::ClockOff, &inputs, &base, now).expect("applies");
    let changed = changed_steps(&base, &w.explain().expect("explains"));
    assert_eq!(changed, EVERYTHING);
}

fn request(text: &str, akid: &str, token: Option<&str>) -> Inputs {
    Inputs {
        request: input::parse_request(text).expect("parses").request,
        credentials: Credentials {
            access_key_id: akid.into(),
            secret_access_key: Secret::new(SECRET),
            session_token: token.map(Secret::new),
            ..Credentials::default()
        },
        time: SigningTime::Now,
        ..Inputs::default()
    }
}

const NOW: &str = "2026-11-26T12:20:00Z";
const V2_TOKEN: &str =
    "IQoJb3JpZ2luX2VjEExampleV2TokenValueForTestsOnly0123456789abcdefghijklmnopqrstuvwxyz";

#[test]
fn wrong_region_picks_another_region_than_the_one_in_effect() {
    let now = at(NOW);
    let i = request(
        "https://sqs.us-west-2.amazonaws.com/?Action=ListQueues",
        "AKIAIOSFODNN7EXAMPLE",
        None,
    );
    let w = check("sqs us-west-2", Mistake::WrongRegion, &i, now).expect("applies");
    assert_eq!(w.inputs.region.as_deref(), Some("eu-west-1"));
    assert_eq!(
        w.description,
        "Signed for region eu-west-1 instead of us-west-2."
    );
    let a = w.aws_answer.expect("rejected");
    assert_eq!(
        (a.http_status, a.code, a.message.as_str()),
        (
            403,
            "SignatureDoesNotMatch",
            "Credential should be scoped to a valid region, not 'eu-west-1'. "
        )
    );
    // DynamoDB words it as a JSON service, with 400.
    let i = request(
        "https://dynamodb.eu-central-1.amazonaws.com/",
        "AKIAIOSFODNN7EXAMPLE",
        None,
    );
    let w = check("dynamodb", Mistake::WrongRegion, &i, now).expect("applies");
    let a = w.aws_answer.expect("rejected");
    assert_eq!((a.http_status, a.code), (400, "InvalidSignatureException"));
    // A host that names no region: the answer is the same, but only AWS can tell.
    let mut i = request("https://api.example.com/pets", "AKIAIOSFODNN7EXAMPLE", None);
    i.service = Some("execute-api".into());
    let w = check("custom domain", Mistake::WrongRegion, &i, now).expect("applies");
    assert_eq!(finding(&w), Some("region-mismatch"));
    assert!(!ids(&w.explain().expect("explains")).contains(&"region-mismatch"));
}

#[test]
fn header_left_out_prefers_an_amz_header_and_s3_rejects_it() {
    let now = at(NOW);
    let put = "PUT https://examplebucket.s3.amazonaws.com/a.txt HTTP/1.1\nHost: examplebucket.s3.amazonaws.com\nContent-Type: text/plain\nX-Amz-Acl: private\n\nhello";
    let i = request(put, "AKIAIOSFODNN7EXAMPLE", None);
    let w = check("s3 put", Mistake::HeaderLeftOut, &i, now).expect("applies");
    assert!(w.inputs.request.header("x-amz-acl").is_none());
    assert!(w.inputs.request.header("content-type").is_some());
    assert_eq!(finding(&w), Some("header-not-signed"));
    assert_eq!(w.aws_answer.expect("rejected").code, "AccessDenied");
    assert!(w.description.contains("x-amz-acl"));
    // Outside S3 an unsigned x-amz-* header is not checked.
    let post = "POST https://dynamodb.us-east-1.amazonaws.com/ HTTP/1.1\nContent-Type: application/x-amz-json-1.0\nX-Amz-Target: DynamoDB_20120810.ListTables\n\n{}";
    let i = request(post, "AKIAIOSFODNN7EXAMPLE", None);
    let w = check("dynamodb", Mistake::HeaderLeftOut, &i, now).expect("applies");
    assert!(w.inputs.request.header("x-amz-target").is_none());
    assert_eq!((finding(&w), w.aws_answer), (None, None));
    assert!(w.description.contains("accepts"));
    // Nothing but host (and what signing adds) to leave out.
    let i = request(
        "https://sqs.us-west-2.amazonaws.com/?Action=ListQueues",
        "AKIAIOSFODNN7EXAMPLE",
        None,
    );
    let base = explain(&i, now).expect("explains");
    assert!(apply(Mistake::HeaderLeftOut, &i, &base, now).is_err());
}

#[test]
fn path_encoded_once_only_for_services_that_encode_twice() {
    let now = at(NOW);
    let mut i = request(
        "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/a%3Db",
        "AKIAIOSFODNN7EXAMPLE",
        None,
    );
    let w = check("a%3Db", Mistake::PathEncodedOnce, &i, now).expect("applies");
    assert!(w.inputs.settings.single_encode);
    assert!(w.description.contains("/prod/a%3Db") && w.description.contains("/prod/a%253Db"));
    i.settings.single_encode = true;
    let base = explain(&i, now).expect("explains");
    let err = apply(Mistake::PathEncodedOnce, &i, &base, now).expect_err("already once");
    assert!(err.0.contains("already"), "{err}");
}

#[test]
fn a_slow_clock_expires_a_short_presigned_url() {
    let now = at(NOW);
    let mut i = request(
        "https://examplebucket.s3.amazonaws.com/test.txt",
        "AKIAIOSFODNN7EXAMPLE",
        None,
    );
    i.settings.mode = Mode::Presign { expires: 600 };
    let w = check("presign 600 s", Mistake::ClockOff, &i, now).expect("applies");
    assert_eq!(finding(&w), Some("presign-expired"));
    let a = w.aws_answer.as_ref().expect("rejected");
    assert_eq!(
        (a.code, a.message.as_str()),
        ("AccessDenied", "Request has expired")
    );
    assert!(ids(&w.explain().expect("explains")).contains(&"presign-expired"));
}

#[test]
fn token_missing_depends_on_the_key() {
    let now = at(NOW);
    let sqs = "https://sqs.us-west-2.amazonaws.com/?Action=ListQueues";
    // A temporary key without its token: AWS does not know the key.
    let i = request(sqs, "ASIAIOSFODNN7EXAMPLE", Some(V2_TOKEN));
    let w = check("asia", Mistake::TokenMissing, &i, now).expect("applies");
    assert_eq!(w.inputs.credentials.session_token, None);
    let a = w.aws_answer.as_ref().expect("rejected");
    assert_eq!(
        (a.code, a.message.as_str()),
        (
            "InvalidClientTokenId",
            "The security token included in the request is invalid."
        )
    );
    assert!(!format!("{w:?}").contains(V2_TOKEN));
    // A long-term key with a stray token: leaving it out is the fix.
    let i = request(sqs, "AKIAIOSFODNN7EXAMPLE", Some(V2_TOKEN));
    assert!(ids(&explain(&i, now).expect("explains")).contains(&"session-token-unexpected"));
    let w = check("akia", Mistake::TokenMissing, &i, now).expect("applies");
    assert_eq!((finding(&w), w.aws_answer.clone()), (None, None));
    assert!(ids(&w.explain().expect("explains")).is_empty());
    // A JSON service words it UnrecognizedClientException.
    let i = request(
        "https://dynamodb.us-east-1.amazonaws.com/",
        "ASIAIOSFODNN7EXAMPLE",
        Some(V2_TOKEN),
    );
    let w = check("dynamodb", Mistake::TokenMissing, &i, now).expect("applies");
    assert_eq!(
        w.aws_answer.map(|a| (a.http_status, a.code)),
        Some((400, "UnrecognizedClientException"))
    );
}

#[test]
fn mistakes_that_cannot_apply_say_why() {
    let now = at(NOW);
    let mut i = request(
        "https://sqs.us-west-2.amazonaws.com/?Action=ListQueues",
        "AKIAIOSFODNN7EXAMPLE",
        None,
    );
    i.credentials.secret_access_key = Secret::new("");
    let base = explain(&i, now).expect("explains");
    for m in [Mistake::SecretTrailingSpace, Mistake::TokenMissing] {
        let err = apply(m, &i, &base, now).expect_err("cannot apply");
        assert!(err.0.ends_with('.'), "{err}");
    }
    // Every other mistake still applies without a secret; the signature is simply absent.
    let w = apply(Mistake::WrongRegion, &i, &base, now).expect("applies");
    assert!(explain(&w.inputs, now)
        .expect("explains")
        .signing
        .signature
        .is_none());
}

#[test]
fn ids_labels_and_the_avalanche_measure() {
    let mut seen = Vec::new();
    for m in Mistake::ALL {
        let id = m.id();
        assert!(
            id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{id}"
        );
        assert!(!seen.contains(&id));
        seen.push(id);
        assert_eq!(Mistake::from_id(id), Some(m));
        assert!(m.label().starts_with(|c: char| c.is_uppercase()));
    }
    assert_eq!(Mistake::from_id("nope"), None);
    let a = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    assert_eq!(differing_hex_digits(a, a), 0);
    assert_eq!(differing_hex_digits(a, &a.to_uppercase()), 0);
    assert_eq!(differing_hex_digits("abc", "abd"), 1);
    assert_eq!(differing_hex_digits("abc", "ab"), 1);
    assert_eq!(differing_hex_digits("", &a[..10]), 10);
}

#[test]
fn header_row_names_are_matched_case_insensitively() {
    let now = at(NOW);
    let mut i = request(
        "https://examplebucket.s3.amazonaws.com/a.txt",
        "AKIAIOSFODNN7EXAMPLE",
        None,
    );
    i.request
        .headers
        .push(Header::new(" X-AMZ-Meta-Owner ", "me"));
    i.request
        .headers
        .push(Header::new("x-amz-meta-owner", "you"));
    let w = check("repeated", Mistake::HeaderLeftOut, &i, now).expect("applies");
    assert!(
        w.inputs.request.headers.is_empty(),
        "{:?}",
        w.inputs.request.headers
    );
    assert_eq!(finding(&w), Some("header-not-signed"));
}
