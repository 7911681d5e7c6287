//! Each finding id fires on realistic evidence, and clean requests yield no error or warning.

use sigv4_lab::diagnose::{Finding, Severity};
use sigv4_lab::input::{self, credentials, Credentials, Secret};
use sigv4_lab::input::{Inputs, Mode, Settings, SigningTime, TokenPlacement};
use sigv4_lab::lab::explain;
use sigv4_lab::timefmt;
use time::OffsetDateTime;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const V1_TOKEN: &str =
    "FwoGZXIvYXdzEBYaDExampleV1TokenValueForTestsOnly0123456789abcdefghijklmnopqrstuvwxyz";
const V2_TOKEN: &str =
    "IQoJb3JpZ2luX2VjEExampleV2TokenValueForTestsOnly0123456789abcdefghijklmnopqrstuvwxyz";

fn at(t: &str) -> OffsetDateTime {
    timefmt::parse_instant(t).unwrap()
}

fn inputs(request: &str, akid: &str, secret: &str, token: Option<&str>) -> Inputs {
    Inputs {
        request: input::parse_request(request)
            .expect("request parses")
            .request,
        credentials: Credentials {
            access_key_id: akid.into(),
            secret_access_key: Secret::new(secret),
            session_token: token.map(Secret::new),
            ..Credentials::default()
        },
        ..Inputs::default()
    }
}

fn findings(i: &Inputs, now: OffsetDateTime) -> Vec<Finding> {
    explain(i, now).expect("explains").findings
}

fn ids(f: &[Finding]) -> Vec<&'static str> {
    f.iter().map(|f| f.id.as_str()).collect()
}

fn serious(f: &[Finding]) -> Vec<&Finding> {
    f.iter().filter(|f| f.severity != Severity::Info).collect()
}

const NOW: &str = "2026-11-26T12:20:00Z";
const SQS: &str = "https://sqs.eu-west-1.amazonaws.com/?Action=ListQueues";

#[test]
fn clean_request_signed_now_has_no_findings() {
    let i = inputs(SQS, "AKIAIOSFODNN7EXAMPLE", SECRET, None);
    assert!(
        findings(&i, at(NOW)).is_empty(),
        "{:?}",
        findings(&i, at(NOW))
    );
    let i = inputs(SQS, "ASIAIOSFODNN7EXAMPLE", SECRET, Some(V2_TOKEN));
    assert!(findings(&i, at(NOW)).is_empty());
}

#[test]
fn clock_skew_quotes_the_numbers() {
    let mut i = inputs(
        "https://ec2.us-east-1.amazonaws.com/?Action=DescribeRegions",
        "AKIAIOSFODNN7EXAMPLE",
        SECRET,
        None,
    );
    i.time = SigningTime::At(at("2026-11-26T12:00:00Z"));
    let f = findings(&i, at(NOW));
    assert_eq!(ids(&f), ["clock-skew"]);
    assert!(
        f[0].detail.contains("2026-11-26T12:00:00Z") && f[0].detail.contains("20 min behind"),
        "{}",
        f[0].detail
    );
    assert!(
        f[0].detail.contains("5 min for ec2") || f[0].detail.contains("accepts 5 min"),
        "{}",
        f[0].detail
    );
    // Within S3's 15 minutes, the same 10-minute gap is fine; for EC2 it is not.
    i.time = SigningTime::At(at("2026-11-26T12:10:00Z"));
    assert_eq!(ids(&findings(&i, at(NOW))), ["clock-skew"]);
    let mut s3 = inputs(
        "https://bucket.s3.eu-west-1.amazonaws.com/key",
        "AKIAIOSFODNN7EXAMPLE",
        SECRET,
        None,
    );
    s3.time = SigningTime::At(at("2026-11-26T12:10:00Z"));
    let f = findings(&s3, at(NOW));
    assert!(serious(&f).is_empty(), "{f:?}");
    // ... and the page says how close it is (an info, not a warning).
    assert_eq!(ids(&f), ["clock-skew"]);
    assert_eq!(f[0].severity, Severity::Info);
    assert!(
        f[0].detail.contains("with 5 min to spare"),
        "{}",
        f[0].detail
    );
}

/// The near misses of the skew note: under a minute says nothing, a presigned URL signed in
/// the past says nothing, and past the window it is an error again.
#[test]
fn a_skew_inside_the_window_is_noted_only_when_it_is_a_minute_or_more() {
    let sts = "https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15";
    let mut i = inputs(sts, "AKIAIOSFODNN7EXAMPLE", SECRET, None);
    i.time = SigningTime::At(at("2026-11-26T12:19:30Z"));
    assert!(
        findings(&i, at(NOW)).is_empty(),
        "30 s is nothing to mention"
    );
    i.time = SigningTime::At(at("2026-11-26T12:10:00Z"));
    let f = findings(&i, at(NOW));
    assert_eq!(
        (ids(&f), f[0].severity),
        (vec!["clock-skew"], Severity::Info)
    );
    assert!(
        f[0].title.contains("10 min behind") && f[0].title.contains("15 min"),
        "{}",
        f[0].title
    );
    i.time = SigningTime::At(at("2026-11-26T12:04:00Z"));
    let f = findings(&i, at(NOW));
    assert_eq!(
        (ids(&f), f[0].severity),
        (vec!["clock-skew"], Severity::Error)
    );
    i.time = SigningTime::At(at("2026-11-26T12:10:00Z"));
    i.settings.mode = Mode::Presign { expires: 3600 };
    assert!(
        findings(&i, at(NOW)).is_empty(),
        "a presigned URL is used after it is signed"
    );
}

#[test]
fn credentials_expired() {
    let creds = credentials::parse(
        &format!("{{\"Credentials\":{{\"AccessKeyId\":\"ASIAIOSFODNN7EXAMPLE\",\"SecretAccessKey\":\"{SECRET}\",\"SessionToken\":\"{V2_TOKEN}\",\"Expiration\":\"2026-11-26T11:00:00Z\"}}}}"),
        None,
    )
    .unwrap();
    let mut i = inputs(SQS, "", "", None);
    i.credentials = creds;
    let f = findings(&i, at(NOW));
    assert_eq!(ids(&f), ["credentials-expired"]);
    assert!(
        f[0].detail.contains("2026-11-26T11:00:00Z") && f[0].detail.contains("80 min"),
        "{}",
        f[0].detail
    );
}

#[test]
fn asia_key_without_token() {
    let f = findings(&inputs(SQS, "ASIAIOSFODNN7EXAMPLE", SECRET, None), at(NOW));
    assert_eq!(ids(&f), ["session-token-missing"]);
    assert!(
        f[0].fix.contains("AWS_SESSION_TOKEN")
            && f[0].fix.contains("GitHub Actions")
            && f[0].fix.contains("Postman")
    );
}

#[test]
fn akia_key_with_a_stale_token() {
    assert_eq!(
        ids(&findings(
            &inputs(SQS, "AKIAIOSFODNN7EXAMPLE", SECRET, Some(V2_TOKEN)),
            at(NOW)
        )),
        ["session-token-unexpected"]
    );
    // AWS rejects the pair, so it is an error.
    let f = findings(
        &inputs(SQS, "AKIAIOSFODNN7EXAMPLE", SECRET, Some(V2_TOKEN)),
        at(NOW),
    );
    assert_eq!(f[0].severity, Severity::Error);
}

#[test]
fn token_added_after_signing() {
    let mut i = inputs(SQS, "ASIAIOSFODNN7EXAMPLE", SECRET, Some(V2_TOKEN));
    i.settings.token = TokenPlacement::AfterSigning;
    let f = findings(&i, at(NOW));
    assert_eq!(ids(&f), ["session-token-unsigned"]);
    assert_eq!(f[0].severity, Severity::Warning);
    i.service = Some("iotdevicegateway".into());
    i.request.url = "https://abc-ats.iot.eu-west-1.amazonaws.com/mqtt".into();
    assert!(
        serious(&findings(&i, at(NOW))).is_empty(),
        "IoT wants it that way"
    );
}

#[test]
fn region_and_service_mismatch() {
    let mut i = inputs(SQS, "AKIAIOSFODNN7EXAMPLE", SECRET, None);
    i.region = Some("us-east-1".into());
    let f = findings(&i, at(NOW));
    assert_eq!(ids(&f), ["region-mismatch"]);
    assert!(f[0].title.contains("us-east-1") && f[0].title.contains("eu-west-1"));
    i.region = None;
    i.service = Some("sns".into());
    assert_eq!(ids(&findings(&i, at(NOW))), ["service-mismatch"]);
}

#[test]
fn global_service_signed_for_another_region() {
    let mut i = inputs(
        "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
        "AKIAIOSFODNN7EXAMPLE",
        SECRET,
        None,
    );
    i.region = Some("eu-west-1".into());
    let f = findings(&i, at(NOW));
    assert_eq!(ids(&f), ["global-service-region"]);
    assert!(f[0].fix.contains("us-east-1"));
}

#[test]
fn v1_token_in_an_opt_in_region() {
    let i = inputs(
        "https://sqs.ap-east-1.amazonaws.com/?Action=ListQueues",
        "ASIAIOSFODNN7EXAMPLE",
        SECRET,
        Some(V1_TOKEN),
    );
    let f = findings(&i, at(NOW));
    assert_eq!(ids(&f), ["sts-v1-token-opt-in-region"]);
    // A v2 token, or a v1 token in a default region, is fine.
    assert!(findings(
        &inputs(
            "https://sqs.ap-east-1.amazonaws.com/",
            "ASIAIOSFODNN7EXAMPLE",
            SECRET,
            Some(V2_TOKEN)
        ),
        at(NOW)
    )
    .is_empty());
    assert!(findings(
        &inputs(SQS, "ASIAIOSFODNN7EXAMPLE", SECRET, Some(V1_TOKEN)),
        at(NOW)
    )
    .is_empty());
}

#[test]
fn whitespace_in_a_pasted_secret() {
    let f = findings(
        &inputs(SQS, "AKIAIOSFODNN7EXAMPLE", &format!("{SECRET}\n"), None),
        at(NOW),
    );
    assert_eq!(ids(&f), ["key-whitespace"]);
    assert_eq!(f[0].concerns, "secret-access-key");
    assert!(!f[0].detail.contains(SECRET), "never quote the secret");
    assert_eq!(
        ids(&findings(
            &inputs(SQS, " AKIAIOSFODNN7EXAMPLE", SECRET, None),
            at(NOW)
        )),
        ["key-whitespace"]
    );
}

#[test]
fn malformed_keys() {
    assert_eq!(
        ids(&findings(
            &inputs(SQS, "akiaiosfodnn7example", SECRET, None),
            at(NOW)
        )),
        ["access-key-malformed"]
    );
    assert_eq!(
        ids(&findings(
            &inputs(SQS, "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI", None),
            at(NOW)
        )),
        ["secret-malformed"]
    );
    let f = findings(&inputs(SQS, "AROAJ2UCCR6DPCEXAMPLE", SECRET, None), at(NOW));
    assert_eq!(ids(&f), ["access-key-not-a-key"]);
    assert!(f[0].detail.contains("role"));
    let f = findings(&inputs(SQS, SECRET, "AKIAIOSFODNN7EXAMPLE", None), at(NOW));
    assert_eq!(ids(&f), ["keys-swapped"]);
}

#[test]
fn payload_hash_that_is_not_the_bodys() {
    let req = "POST /bucket/key HTTP/1.1\nHost: bucket.s3.us-east-1.amazonaws.com\n\
x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n\nhello";
    let f = findings(&inputs(req, "AKIAIOSFODNN7EXAMPLE", SECRET, None), at(NOW));
    assert_eq!(ids(&f), ["payload-hash-mismatch"]);
    assert!(
        f[0].detail
            .contains("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"),
        "{}",
        f[0].detail
    );
}

#[test]
fn presigned_urls() {
    let mut i = inputs(
        "https://bucket.s3.us-east-1.amazonaws.com/key",
        "AKIAIOSFODNN7EXAMPLE",
        SECRET,
        None,
    );
    i.settings.mode = Mode::Presign { expires: 3600 };
    i.time = SigningTime::At(at("2026-11-26T10:00:00Z"));
    assert_eq!(ids(&findings(&i, at(NOW))), ["presign-expired"]);
    i.time = SigningTime::Now;
    i.settings.mode = Mode::Presign { expires: 700_000 };
    assert_eq!(ids(&findings(&i, at(NOW))), ["presign-expires-too-long"]);
    // Valid for an hour, signed 30 minutes ago: fine, even past the 15-minute skew window.
    i.settings.mode = Mode::Presign { expires: 3600 };
    i.time = SigningTime::At(at("2026-11-26T11:50:00Z"));
    assert!(findings(&i, at(NOW)).is_empty());
}

#[test]
fn findings_are_sorted_most_severe_first() {
    let mut i = inputs(SQS, "ASIAIOSFODNN7EXAMPLE", "short", Some(V2_TOKEN));
    i.settings = Settings {
        token: TokenPlacement::AfterSigning,
        ..Settings::default()
    };
    let f = findings(&i, at(NOW));
    assert!(
        f.windows(2).all(|w| w[0].severity <= w[1].severity),
        "{:?}",
        ids(&f)
    );
    assert!(f.len() >= 2);
}

#[test]
fn far_future_presign_does_not_overflow() {
    let mut i = inputs(
        "https://bucket.s3.us-east-1.amazonaws.com/key",
        "AKIAIOSFODNN7EXAMPLE",
        SECRET,
        None,
    );
    i.settings.mode = Mode::Presign { expires: 604_800 };
    i.time = SigningTime::At(at("9999-12-31T23:59:59Z"));
    let f = findings(&i, at(NOW));
    assert_eq!(ids(&f), ["clock-skew"]);
    i.settings.mode = Mode::Presign { expires: u64::MAX };
    assert!(ids(&findings(&i, at(NOW))).contains(&"presign-expires-too-long"));
}

// ---------------------------------------------------------------------------
// Inputs that cannot be signed: one short sentence, never the input, never a Rust escape.

const MB: usize = 1024 * 1024;

/// The explanation error for `i`, checked to be a short readable sentence.
fn explain_error(what: &str, i: &Inputs) -> String {
    let e = explain(i, at(NOW)).expect_err(what);
    let m = e.message;
    assert!(
        m.chars().count() <= 400,
        "{what}: a {}-character message echoes the input: {}…",
        m.chars().count(),
        m.chars().take(200).collect::<String>()
    );
    for debug in ["'\\u{", "'\\0'", "\\u{"] {
        assert!(!m.contains(debug), "{what}: {m}");
    }
    m
}

/// IAM's example request with one part replaced.
fn iam_with(edit: impl FnOnce(&mut Inputs)) -> Inputs {
    let mut i = inputs(
        "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
        "AKIAIOSFODNN7EXAMPLE",
        SECRET,
        None,
    );
    edit(&mut i);
    i
}

#[test]
fn unusable_fields_get_short_sentences() {
    let m = explain_error(
        "a 1 MiB host",
        &iam_with(|i| i.request.url = format!("https://{}.example.com/", "a".repeat(MB))),
    );
    assert!(m.contains("(1,048,588 characters)"), "{m}");
    let m = explain_error(
        "a 1 MiB URL whose IPv6 bracket is never closed",
        &iam_with(|i| i.request.url = format!("https://[{}/", "f".repeat(MB))),
    );
    assert!(m.contains("closing ']'"), "{m}");
    explain_error(
        "a 100 KB method with a space",
        &iam_with(|i| i.request.method = format!("GET {}", "x".repeat(100_000))),
    );
    let m = explain_error(
        "a method with a NUL",
        &iam_with(|i| i.request.method = "G\u{0}T".into()),
    );
    assert!(m.contains("the control character U+0000"), "{m}");
    explain_error(
        "a header without a name and a 100 KB value",
        &iam_with(|i| {
            i.request
                .headers
                .push(input::Header::new("", "v".repeat(100_000)))
        }),
    );
    explain_error(
        "a 100 KB header name with a space",
        &iam_with(|i| {
            let name = format!("X-{} y", "n".repeat(100_000));
            i.request.headers.push(input::Header::new(name, "v"));
        }),
    );
    let m = explain_error(
        "a header name with a zero-width joiner",
        &iam_with(|i| {
            i.request
                .headers
                .push(input::Header::new("X-Amz\u{200d}Meta", "v"))
        }),
    );
    assert!(m.contains("U+200D (zero-width joiner)"), "{m}");
    let m = explain_error(
        "a 1 MiB header value of SOH",
        &iam_with(|i| {
            i.request
                .headers
                .push(input::Header::new("X-Ctl", "\u{1}".repeat(MB)));
        }),
    );
    assert!(m.contains("the control character U+0001"), "{m}");
    let m = explain_error(
        "a region ending in a right-to-left mark",
        &iam_with(|i| i.region = Some("us-east-1\u{200f}".into())),
    );
    assert!(m.contains("U+200F (right-to-left mark)"), "{m}");
    explain_error(
        "a 100 KB region",
        &iam_with(|i| i.region = Some(format!("{}!", "a-".repeat(50_000)))),
    );
    let m = explain_error(
        "a 100 KB service ending in U+FFFD (a lone surrogate, as the browser hands it over)",
        &iam_with(|i| i.service = Some(format!("{}\u{fffd}", "iam".repeat(33_000)))),
    );
    assert!(m.contains("(U+FFFD)"), "{m}");
    let m = explain_error(
        "an emoji service",
        &iam_with(|i| i.service = Some("🏳️\u{200d}🌈".into())),
    );
    assert!(m.contains("“🏳” (U+1F3F3)"), "{m}");
    let m = explain_error(
        "an HTTP/2 header block whose :authority is 1 MiB",
        &inputs(
            &format!(
                ":method: GET\n:scheme: https\n:authority: {}\n:path: /\n",
                "a".repeat(MB)
            ),
            "AKIAIOSFODNN7EXAMPLE",
            SECRET,
            None,
        ),
    );
    assert!(m.contains("not an AWS endpoint name"), "{m}");
}

/// A region or service that is valid but enormous is signed; the findings that name it stay short.
#[test]
fn findings_quote_long_names_short() {
    let region = "a-".repeat(50_000) + "a";
    let i = iam_with(|i| {
        i.request.url = "https://sqs.eu-west-1.amazonaws.com/?Action=ListQueues".into();
        i.region = Some(region.clone());
    });
    let f = findings(&i, at(NOW));
    let mismatch = f
        .iter()
        .find(|f| f.id == "region-mismatch")
        .expect("region-mismatch");
    for text in [&mismatch.title, &mismatch.detail, &mismatch.fix] {
        assert!(text.chars().count() < 1200, "{}", text.len());
    }
}

// ---------------------------------------------------------------------------
// Both sides of every condition: each rule fires on its evidence and stays silent on the near
// miss (the exact boundary, one second inside the window, the service that is not the one the
// rule is about). Measured by `make mutants`.

/// An AWS-shaped key id that is not one of AWS's published examples (those are exempt from
/// the shape check), so the shape rules are tested on their own.
const REAL_SHAPED_KEY: &str = "AKIA2E0A8F3B244C9986";

/// EC2 (a 5-minute window) signed `secs` seconds from `NOW`, by the header.
fn ec2_signed_at_offset(secs: i64) -> Vec<Finding> {
    let mut i = inputs(
        "https://ec2.us-east-1.amazonaws.com/?Action=DescribeRegions",
        "AKIAIOSFODNN7EXAMPLE",
        SECRET,
        None,
    );
    i.time = SigningTime::At(at(NOW) + time::Duration::seconds(secs));
    findings(&i, at(NOW))
}

fn skew_severity(f: &[Finding]) -> Option<Severity> {
    f.iter().find(|f| f.id == "clock-skew").map(|f| f.severity)
}

#[test]
fn clock_skew_at_the_edge_of_the_window() {
    // Exactly the window, either way: AWS still accepts it (an info with nothing to spare).
    for secs in [300, -300] {
        let f = ec2_signed_at_offset(secs);
        assert_eq!(ids(&f), ["clock-skew"], "{secs} s");
        assert_eq!(f[0].severity, Severity::Info, "{secs} s: {}", f[0].title);
    }
    // One second past it, either way: an error, worded in the right direction.
    let ahead = ec2_signed_at_offset(301);
    assert_eq!(skew_severity(&ahead), Some(Severity::Error));
    assert!(ahead[0].title.contains("ahead of"), "{}", ahead[0].title);
    assert!(ahead[0].fix.contains("later"), "{}", ahead[0].fix);
    let behind = ec2_signed_at_offset(-301);
    assert_eq!(skew_severity(&behind), Some(Severity::Error));
    assert!(behind[0].title.contains("behind"), "{}", behind[0].title);
    assert!(behind[0].fix.contains("earlier"), "{}", behind[0].fix);
    // Inside, ahead: the note says ahead, and how much room is left.
    let f = ec2_signed_at_offset(120);
    assert_eq!(skew_severity(&f), Some(Severity::Info));
    assert!(f[0].title.contains("2 min ahead of"), "{}", f[0].title);
    assert!(
        f[0].detail.contains("with 3 min to spare"),
        "{}",
        f[0].detail
    );
    let f = ec2_signed_at_offset(-120);
    assert!(f[0].title.contains("2 min behind"), "{}", f[0].title);
}

#[test]
fn the_skew_note_starts_at_one_minute() {
    let f = ec2_signed_at_offset(60);
    assert_eq!(
        (ids(&f), f[0].severity),
        (vec!["clock-skew"], Severity::Info)
    );
    assert_eq!(ids(&ec2_signed_at_offset(-60)), ["clock-skew"]);
    assert!(ec2_signed_at_offset(59).is_empty());
    assert!(ec2_signed_at_offset(-59).is_empty());
    assert!(ec2_signed_at_offset(0).is_empty());
}

#[test]
fn a_presigned_url_signed_ahead_of_the_clock_is_skew_and_behind_is_its_lifetime() {
    let mut i = inputs(
        "https://bucket.s3.us-east-1.amazonaws.com/key",
        "AKIAIOSFODNN7EXAMPLE",
        SECRET,
        None,
    );
    i.settings.mode = Mode::Presign { expires: 3600 };
    // 20 minutes ahead: past S3's 15, AWS answers "not yet current" whatever the lifetime.
    i.time = SigningTime::At(at("2026-11-26T12:40:00Z"));
    let f = findings(&i, at(NOW));
    assert_eq!(ids(&f), ["clock-skew"]);
    assert_eq!(f[0].severity, Severity::Error);
    // 10 minutes ahead, inside the window: nothing (a presigned URL gets no skew note).
    i.time = SigningTime::At(at("2026-11-26T12:30:00Z"));
    assert!(findings(&i, at(NOW)).is_empty());
    // 59 minutes behind with an hour's lifetime: still valid, and no skew.
    i.time = SigningTime::At(at("2026-11-26T11:21:00Z"));
    assert!(findings(&i, at(NOW)).is_empty());
}

#[test]
fn a_presigned_url_expires_at_the_exact_second_its_lifetime_ends() {
    let mut i = inputs(
        "https://bucket.s3.us-east-1.amazonaws.com/key",
        "AKIAIOSFODNN7EXAMPLE",
        SECRET,
        None,
    );
    i.settings.mode = Mode::Presign { expires: 3600 };
    // Signed exactly an hour before now: it stopped working now.
    i.time = SigningTime::At(at("2026-11-26T11:20:00Z"));
    let f = findings(&i, at(NOW));
    assert_eq!(ids(&f), ["presign-expired"]);
    assert!(
        f[0].detail.contains("2026-11-26T12:20:00Z"),
        "{}",
        f[0].detail
    );
    // One second later signed, one second left.
    i.time = SigningTime::At(at("2026-11-26T11:20:01Z"));
    assert!(findings(&i, at(NOW)).is_empty());
}

#[test]
fn seven_days_is_the_longest_expiry() {
    let mut i = inputs(
        "https://bucket.s3.us-east-1.amazonaws.com/key",
        "AKIAIOSFODNN7EXAMPLE",
        SECRET,
        None,
    );
    i.settings.mode = Mode::Presign { expires: 604_800 };
    assert!(findings(&i, at(NOW)).is_empty());
    i.settings.mode = Mode::Presign { expires: 604_801 };
    let f = findings(&i, at(NOW));
    assert_eq!(ids(&f), ["presign-expires-too-long"]);
    assert_eq!(f[0].severity, Severity::Error);
}

#[test]
fn a_presigned_url_that_outlives_its_credentials() {
    let mut i = inputs(
        "https://bucket.s3.us-east-1.amazonaws.com/key",
        "ASIAIOSFODNN7EXAMPLE",
        SECRET,
        Some(V2_TOKEN),
    );
    i.settings.mode = Mode::Presign { expires: 3600 };
    // The credentials expire 30 minutes from now, the URL in an hour: a warning.
    i.credentials.expiration = Some(at("2026-11-26T12:50:00Z"));
    let f = findings(&i, at(NOW));
    assert_eq!(ids(&f), ["presign-expires-too-long"]);
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(
        f[0].detail.contains("2026-11-26T13:20:00Z"),
        "{}",
        f[0].detail
    );
    // Expiring exactly when the URL does, or later: nothing to say.
    i.credentials.expiration = Some(at("2026-11-26T13:20:00Z"));
    assert!(findings(&i, at(NOW)).is_empty());
    i.credentials.expiration = Some(at("2026-11-26T14:00:00Z"));
    assert!(findings(&i, at(NOW)).is_empty());
}

#[test]
fn credentials_expire_at_their_expiration_not_before() {
    let mut i = inputs(SQS, "ASIAIOSFODNN7EXAMPLE", SECRET, Some(V2_TOKEN));
    i.credentials.expiration = Some(at(NOW));
    assert_eq!(ids(&findings(&i, at(NOW))), ["credentials-expired"]);
    i.credentials.expiration = Some(at("2026-11-26T12:20:01Z"));
    assert!(findings(&i, at(NOW)).is_empty());
}

#[test]
fn key_ids_of_the_right_shape_only() {
    // A key id of the right shape that is not an example: nothing.
    assert!(findings(&inputs(SQS, REAL_SHAPED_KEY, SECRET, None), at(NOW)).is_empty());
    assert!(findings(
        &inputs(SQS, "ASIA2E0A8F3B244C9986", SECRET, Some(V2_TOKEN)),
        at(NOW)
    )
    .is_empty());
    // Each of the three conditions broken on its own.
    for (why, akid) in [
        ("19 characters", "AKIA2E0A8F3B244C998"),
        ("21 characters", "AKIA2E0A8F3B244C99860"),
        ("a lowercase letter", "AKIA2E0A8F3B244c9986"),
        ("a symbol", "AKIA2E0A8F3B244C998-"),
        ("another prefix", "BKIA2E0A8F3B244C9986"),
    ] {
        assert_eq!(
            ids(&findings(&inputs(SQS, akid, SECRET, None), at(NOW))),
            ["access-key-malformed"],
            "{why}"
        );
    }
}

#[test]
fn secrets_of_the_right_shape_only() {
    // 40 characters with '+' and '/' and digits: a secret.
    let plus = "wJalrXUtnFEMI+K7MDENG/bPxRfiCYEXAMPLEKE1";
    assert!(findings(&inputs(SQS, REAL_SHAPED_KEY, plus, None), at(NOW)).is_empty());
    for (why, secret) in [
        ("a '-'", "wJalrXUtnFEMI-K7MDENG/bPxRfiCYEXAMPLEKEY"),
        ("a '_'", "wJalrXUtnFEMI_K7MDENG+bPxRfiCYEXAMPLEKEY"),
        ("39 characters", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE"),
        ("41 characters", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYY"),
    ] {
        assert_eq!(
            ids(&findings(
                &inputs(SQS, REAL_SHAPED_KEY, secret, None),
                at(NOW)
            )),
            ["secret-malformed"],
            "{why}"
        );
    }
}

#[test]
fn empty_credentials_are_not_malformed_ones() {
    // Nothing typed yet is not a malformed key or secret (signing without credentials is what
    // the page shows before they are pasted).
    let f = findings(&inputs(SQS, "", "", None), at(NOW));
    assert!(
        !ids(&f).contains(&"access-key-malformed") && !ids(&f).contains(&"secret-malformed"),
        "{:?}",
        ids(&f)
    );
    let f = findings(&inputs(SQS, REAL_SHAPED_KEY, "", None), at(NOW));
    assert!(!ids(&f).contains(&"secret-malformed"), "{:?}", ids(&f));
}

#[test]
fn keys_swapped_needs_both_sides_swapped() {
    // A secret in the key id field, with a secret in the secret field: the id is malformed,
    // nothing is swapped.
    let f = findings(&inputs(SQS, SECRET, SECRET, None), at(NOW));
    assert_eq!(ids(&f), ["access-key-malformed"]);
    // A key id in both fields: the secret is malformed, nothing is swapped.
    let f = findings(
        &inputs(SQS, REAL_SHAPED_KEY, REAL_SHAPED_KEY, None),
        at(NOW),
    );
    assert_eq!(ids(&f), ["secret-malformed"]);
    // Swapped: one finding, naming the key id's first four characters.
    let f = findings(&inputs(SQS, SECRET, REAL_SHAPED_KEY, None), at(NOW));
    assert_eq!(ids(&f), ["keys-swapped"]);
    assert!(f[0].detail.contains("AKIA…"), "{}", f[0].detail);
}

#[test]
fn whitespace_and_quotes_each_named() {
    for (why, secret, problem) in [
        ("a leading quote only", format!("\"{SECRET}"), "quote marks"),
        ("a trailing quote only", format!("{SECRET}'"), "quote marks"),
        (
            "a space inside",
            format!("{} {}", &SECRET[..20], &SECRET[20..]),
            "a space or tab inside it",
        ),
        (
            "a line break inside",
            format!("{}\n{}", &SECRET[..20], &SECRET[20..]),
            "a line break",
        ),
        (
            "a trailing newline",
            format!("{SECRET}\n"),
            "leading or trailing",
        ),
    ] {
        let f = findings(&inputs(SQS, REAL_SHAPED_KEY, &secret, None), at(NOW));
        let w = f
            .iter()
            .find(|f| f.id == "key-whitespace")
            .unwrap_or_else(|| panic!("{why}: {:?}", ids(&f)));
        assert!(w.title.contains(problem), "{why}: {}", w.title);
        assert_eq!(w.concerns, "secret-access-key");
        assert!(w.concerns != "access-key-id");
    }
    // A token with a space inside is named for the token.
    let f = findings(
        &inputs(SQS, "ASIA2E0A8F3B244C9986", SECRET, Some("IQoJ b3Jp")),
        at(NOW),
    );
    assert_eq!(ids(&f), ["key-whitespace"]);
    assert_eq!(f[0].concerns, "session-token");
}

#[test]
fn session_tokens_go_with_temporary_keys_only() {
    // A temporary key with its token, a long-term key without one: nothing.
    assert!(findings(
        &inputs(SQS, "ASIA2E0A8F3B244C9986", SECRET, Some(V2_TOKEN)),
        at(NOW)
    )
    .is_empty());
    assert!(findings(&inputs(SQS, REAL_SHAPED_KEY, SECRET, None), at(NOW)).is_empty());
    // A key of neither kind gets neither token finding.
    let f = findings(&inputs(SQS, "AROAJ2UCCR6DPCEXAMPLE", SECRET, None), at(NOW));
    assert_eq!(ids(&f), ["access-key-not-a-key"]);
    let f = findings(
        &inputs(SQS, "AROAJ2UCCR6DPCEXAMPLE", SECRET, Some(V2_TOKEN)),
        at(NOW),
    );
    assert_eq!(ids(&f), ["access-key-not-a-key"]);
}

#[test]
fn the_token_after_signing_is_a_warning_for_aws_and_a_note_elsewhere() {
    let mut i = inputs(
        "https://api.example.com/items",
        "ASIAIOSFODNN7EXAMPLE",
        SECRET,
        Some(V2_TOKEN),
    );
    i.region = Some("us-east-1".into());
    i.service = Some("execute-api".into());
    i.settings.token = TokenPlacement::AfterSigning;
    let f = findings(&i, at(NOW));
    assert_eq!(
        (ids(&f), f[0].severity),
        (vec!["session-token-unsigned"], Severity::Info)
    );
    // Without a token, or with it signed, there is nothing to add after signing.
    let mut i = inputs(SQS, "AKIAIOSFODNN7EXAMPLE", SECRET, None);
    i.settings.token = TokenPlacement::AfterSigning;
    assert!(findings(&i, at(NOW)).is_empty());
}

#[test]
fn payload_hash_checked_only_when_it_is_a_hash() {
    let req = |claimed: &str| {
        format!(
            "PUT /key HTTP/1.1\nHost: bucket.s3.us-east-1.amazonaws.com\nx-amz-content-sha256: {claimed}\n\nhello"
        )
    };
    let hello = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    // The body's own hash, in either case: nothing.
    for claimed in [hello.to_string(), hello.to_ascii_uppercase()] {
        let f = findings(
            &inputs(&req(&claimed), REAL_SHAPED_KEY, SECRET, None),
            at(NOW),
        );
        assert!(f.is_empty(), "{claimed}: {:?}", ids(&f));
    }
    // Not a hash (UNSIGNED-PAYLOAD, a hash cut short, 64 characters that are not hex): not
    // compared with the body.
    for claimed in [
        "UNSIGNED-PAYLOAD".to_string(),
        hello[..63].to_string(),
        format!("{}g", &hello[..63]),
    ] {
        let f = findings(
            &inputs(&req(&claimed), REAL_SHAPED_KEY, SECRET, None),
            at(NOW),
        );
        assert!(
            !ids(&f).contains(&"payload-hash-mismatch"),
            "{claimed}: {:?}",
            ids(&f)
        );
    }
    // Another body's hash: the mismatch.
    let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    let f = findings(&inputs(&req(empty), REAL_SHAPED_KEY, SECRET, None), at(NOW));
    assert_eq!(ids(&f), ["payload-hash-mismatch"]);
}

#[test]
fn a_region_given_by_hand_that_agrees_with_the_host_is_fine() {
    let mut i = inputs(SQS, REAL_SHAPED_KEY, SECRET, None);
    i.region = Some("eu-west-1".into());
    assert!(findings(&i, at(NOW)).is_empty());
    // A global endpoint with its own region given by hand.
    let mut i = inputs(
        "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
        REAL_SHAPED_KEY,
        SECRET,
        None,
    );
    assert!(findings(&i, at(NOW)).is_empty());
    i.region = Some("us-east-1".into());
    assert!(findings(&i, at(NOW)).is_empty());
    // ... and another: the global finding alone, not a region mismatch too.
    i.region = Some("eu-west-1".into());
    assert_eq!(ids(&findings(&i, at(NOW))), ["global-service-region"]);
}

#[test]
fn a_service_given_by_hand_that_agrees_with_the_host_is_fine() {
    let mut i = inputs(SQS, REAL_SHAPED_KEY, SECRET, None);
    i.service = Some("sqs".into());
    assert!(findings(&i, at(NOW)).is_empty());
    // The S3 family signs S3 hosts under several names.
    let mut s3 = inputs(
        "https://bucket.s3.us-east-1.amazonaws.com/key",
        REAL_SHAPED_KEY,
        SECRET,
        None,
    );
    for name in ["s3", "s3express", "s3-object-lambda"] {
        s3.service = Some(name.into());
        assert!(findings(&s3, at(NOW)).is_empty(), "{name}");
    }
    // Another service on an S3 host is a mismatch.
    s3.service = Some("sqs".into());
    let f = findings(&s3, at(NOW));
    assert_eq!(ids(&f), ["service-mismatch"]);
    assert!(f[0].title.contains("s3"), "{}", f[0].title);
}

#[test]
fn the_iot_data_endpoint_takes_iotdevicegateway_and_nothing_else() {
    let mut i = inputs(
        "https://abc-ats.iot.eu-west-1.amazonaws.com/topics/t",
        REAL_SHAPED_KEY,
        SECRET,
        None,
    );
    assert!(findings(&i, at(NOW)).is_empty());
    i.service = Some("iotdevicegateway".into());
    assert!(findings(&i, at(NOW)).is_empty());
    i.service = Some("execute-api".into());
    assert_eq!(ids(&findings(&i, at(NOW))), ["service-mismatch"]);
    // iotdevicegateway is right for the IoT data endpoint only.
    let mut i = inputs(SQS, REAL_SHAPED_KEY, SECRET, None);
    i.service = Some("iotdevicegateway".into());
    assert_eq!(ids(&findings(&i, at(NOW))), ["service-mismatch"]);
}

#[test]
fn a_host_that_only_looks_like_an_endpoint_proves_no_mismatch() {
    // widgets.amazonaws.com follows no endpoint pattern: its region (the partition's) and
    // service (the first label) are guesses, so a region or service given by hand may be right.
    let host = sigv4_lab::sigv4::scope::from_host("widgets.amazonaws.com");
    assert!(host.region.is_some() && host.service.is_some() && !host.strong);
    let mut i = inputs(
        "https://widgets.amazonaws.com/",
        REAL_SHAPED_KEY,
        SECRET,
        None,
    );
    i.region = Some("eu-west-1".into());
    assert!(findings(&i, at(NOW)).is_empty());
    i.region = None;
    i.service = Some("sns".into());
    assert!(findings(&i, at(NOW)).is_empty());
    // The same region and service on a real regional endpoint are mismatches.
    i.request.url = "https://widgets.us-east-1.amazonaws.com/".into();
    assert_eq!(ids(&findings(&i, at(NOW))), ["service-mismatch"]);
    i.service = None;
    i.region = Some("eu-west-1".into());
    assert_eq!(ids(&findings(&i, at(NOW))), ["region-mismatch"]);
}
