//! The AWS error decoder: a fixture per catalogue entry (written from aws-auth-errors.json's
//! wording, in the formats services answer with), each recognised; and AWS's canonical request
//! compared with ours.

use sigv4_lab::diagnose::Severity;
use sigv4_lab::generated::catalogue::CATALOGUE;
use sigv4_lab::input::aws_error::{self, AwsError};
use sigv4_lab::input::{self, Credentials, Secret};
use sigv4_lab::input::{Inputs, Settings, SigningTime};
use sigv4_lab::lab::explain;
use sigv4_lab::lab::Explanation;
use sigv4_lab::timefmt;

fn fixtures() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aws-errors");
    let mut all: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn every_catalogue_entry_is_recognised() {
    let files = fixtures();
    for entry in CATALOGUE {
        assert!(
            files
                .iter()
                .any(|(n, _)| n.split('.').next() == Some(entry.id.as_str())),
            "no fixture for {}",
            entry.id.as_str()
        );
    }
    for (name, text) in &files {
        let expected = name.split('.').next().unwrap();
        let err = aws_error::decode(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            err.catalogue_id.map(|id| id.as_str()),
            Some(expected),
            "{name}: decoded as {err:?}"
        );
        assert!(
            err.code.is_some() || err.format.as_str() == "text",
            "{name}: no code"
        );
    }
}

#[test]
fn values_come_out_of_the_message() {
    let err =
        aws_error::decode(include_str!("fixtures/aws-errors/sig_expired.message.txt")).unwrap();
    assert_eq!(err.format.as_str(), "text");
    assert_eq!(err.value("serverTime"), Some("20150830T124600Z"));
    let err = aws_error::decode(include_str!(
        "fixtures/aws-errors/missing_auth_token.http.txt"
    ))
    .unwrap();
    assert_eq!(
        (err.http_status, err.code.as_deref()),
        (Some(403), Some("MissingAuthenticationTokenException"))
    );
    let err = aws_error::decode(include_str!("fixtures/aws-errors/scope_service.xml")).unwrap();
    assert_eq!(err.value("expectedService"), Some("sqs"));
}

#[test]
fn unusable_error_text_is_one_sentence() {
    for bad in ["", "   ", "<Error><Code>x", "{\"message\": "] {
        let e = aws_error::decode(bad).unwrap_err();
        assert!(e.to_string().starts_with("In the AWS error, line"), "{e}");
    }
}

/// `inputs` explained with AWS's answer `err` among them.
fn with_error(mut inputs: Inputs, err: AwsError, now: time::OffsetDateTime) -> Explanation {
    inputs.aws_said = Some(err);
    explain(&inputs, now).expect("explains")
}

fn inputs(url: &str, single_encode: bool) -> Inputs {
    Inputs {
        request: input::parse_request(url).unwrap().request,
        credentials: Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            ..Credentials::default()
        },
        service: Some("execute-api".into()),
        time: SigningTime::At(timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap()),
        settings: Settings {
            single_encode,
            ..Settings::default()
        },
        ..Inputs::default()
    }
}

/// A client that encoded the path once, talking to a service that encodes it twice.
#[test]
fn canonical_request_that_differs_only_in_path_encoding() {
    let now = timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
    let url = "https://abc.execute-api.us-east-1.amazonaws.com/prod/a%20b";
    let client = explain(&inputs(url, true), now).unwrap();
    let ours = explain(&inputs(url, false), now).unwrap();
    let aws_says = format!(
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. \
         Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'{}'\n\n\
         The String-to-Sign should have been\n'{}'\n",
        ours.signing.canonical_request, ours.signing.string_to_sign
    );
    // What the client computed is what it sent; AWS's long form shows what AWS computed (ours).
    let _ = client;
    let err = aws_error::decode(&aws_says).unwrap();
    assert_eq!(
        err.catalogue_id.map(|id| id.as_str()),
        Some("sig_mismatch_generic")
    );
    assert!(err
        .canonical_request
        .as_deref()
        .unwrap()
        .contains("/prod/a%2520b"));
    let as_client = with_error(inputs(url, true), err.clone(), now);
    let cmp = as_client
        .aws
        .as_ref()
        .and_then(|a| a.canonical_request.as_ref())
        .unwrap();
    assert_eq!(cmp.differences.len(), 1, "{:?}", cmp.differences);
    assert_eq!(cmp.differences[0].part.as_str(), "path");
    assert!(
        cmp.differences[0]
            .what
            .contains("They encoded the path twice"),
        "{}",
        cmp.differences[0].what
    );
    assert!(
        cmp.diff.contains("-/prod/a%20b") && cmp.diff.contains("+/prod/a%2520b"),
        "{}",
        cmp.diff
    );
    let ids: Vec<_> = as_client.findings.iter().map(|f| f.id.as_str()).collect();
    assert!(
        ids.contains(&"canonical-request-mismatch") && ids.contains(&"signature-mismatch"),
        "{ids:?}"
    );
    // Same canonical request on both sides: the secret is what differs.
    let ours = with_error(inputs(url, false), err, now);
    let sig = ours
        .findings
        .iter()
        .find(|f| f.id == "signature-mismatch")
        .unwrap();
    assert!(
        sig.detail.contains("secret access key is wrong"),
        "{}",
        sig.detail
    );
    assert!(!ours
        .findings
        .iter()
        .any(|f| f.id == "canonical-request-mismatch"));
}

#[test]
fn errors_become_findings() {
    let now = timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
    let cases = [
        ("sig_expired.xml", "clock-skew"),
        ("s3_request_time_too_skewed.xml", "clock-skew"),
        ("scope_region.xml", "region-mismatch"),
        ("s3_auth_header_malformed_region.xml", "region-mismatch"),
        ("scope_service.xml", "service-mismatch"),
        ("scope_date.xml", "date-scope-mismatch"),
        ("s3_headers_not_signed.xml", "header-not-signed"),
        ("host_not_signed.json", "header-not-signed"),
        (
            "missing_auth_token.http.txt",
            "api-gateway-missing-token-route",
        ),
        ("expired_token.xml", "credentials-expired"),
        ("s3_content_sha256_mismatch.xml", "payload-hash-mismatch"),
        ("s3_presigned_expired.xml", "presign-expired"),
        ("sig_mismatch_generic.xml", "signature-mismatch"),
    ];
    // The API Gateway request, explained with the fixture's error applied.
    let answered = |file: &str| {
        let text = fixtures().into_iter().find(|(n, _)| n == file).unwrap().1;
        with_error(
            inputs(
                "https://abc.execute-api.us-east-1.amazonaws.com/prod/x",
                false,
            ),
            aws_error::decode(&text).unwrap(),
            now,
        )
    };
    for (file, id) in cases {
        let ex = answered(file);
        let f = ex
            .findings
            .iter()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("{file}: no {id} in {:?}", ex.findings));
        assert_eq!(f.severity, Severity::Error, "{file}");
    }
    let ex = answered("sig_expired.xml");
    let skew = ex.findings.iter().find(|f| f.id == "clock-skew").unwrap();
    assert!(skew.title.contains("10 min behind"), "{}", skew.title);
}

/// Same canonical request, but AWS's string to sign has another scope: the key was derived elsewhere.
#[test]
fn string_to_sign_that_differs_in_scope() {
    let now = timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
    let url = "https://abc.execute-api.us-east-1.amazonaws.com/prod/x";
    let ex = explain(&inputs(url, false), now).unwrap();
    let theirs = ex
        .signing
        .string_to_sign
        .to_string()
        .replace("/us-east-1/", "/eu-west-1/");
    let aws_says = format!(
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. \
         Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'{}'\n\n\
         The String-to-Sign should have been\n'{theirs}'\n",
        ex.signing.canonical_request
    );
    let ex = with_error(
        inputs(url, false),
        aws_error::decode(&aws_says).unwrap(),
        now,
    );
    let f = ex
        .findings
        .iter()
        .find(|f| f.id == "string-to-sign-mismatch")
        .expect("string-to-sign-mismatch");
    assert!(f.title.contains("credential scope"), "{}", f.title);
    assert!(f.detail.contains("eu-west-1"), "{}", f.detail);
    assert!(!ex
        .findings
        .iter()
        .any(|f| f.id == "canonical-request-mismatch"));
}

/// "What AWS said" reads any paste in one short sentence: AWS's message quoted long enough to
/// read, never the whole paste, and no character in Rust's escaped form.
#[test]
fn huge_error_pastes_are_read_in_one_short_sentence() {
    const MB: usize = 1024 * 1024;
    let controls: String = (0u8..32)
        .chain([0x7f])
        .map(char::from)
        .chain((0x80u32..0xa0).filter_map(char::from_u32))
        .chain(['\u{fffd}', '\u{fffe}', '\u{ffff}'])
        .collect();
    let random: String = (0..2 * MB)
        .map(|i| char::from(b' ' + ((i * 7919 + i / 13) % 95) as u8))
        .collect();
    let cases = [
        (
            "an XML error whose <Message> is 1 MiB",
            format!(
                "<Error><Code>SignatureDoesNotMatch</Code><Message>{}</Message></Error>",
                "m".repeat(MB)
            ),
        ),
        ("2 MiB of printable characters", random),
        ("100,000 [ brackets", "[".repeat(100_000)),
        ("control characters", controls.repeat(500)),
        (
            "an XML error whose <Code> is 1 MiB",
            format!(
                "<Error><Code>{}</Code><Message>no</Message></Error>",
                "C".repeat(MB)
            ),
        ),
    ];
    for (what, text) in cases {
        let read = aws_error::decode(&text)
            .unwrap_or_else(|e| panic!("{what}: {e}"))
            .read_as();
        assert!(
            read.chars().count() <= 400,
            "{what}: {} characters: {}…",
            read.chars().count(),
            read.chars().take(200).collect::<String>()
        );
        assert!(read.starts_with("Read as "), "{what}: {read}");
        assert!(!read.contains("\\u{"), "{what}: {read}");
        assert!(!read.chars().any(|c| c.is_control()), "{what}: {read:?}");
    }
    // A message of ordinary length is quoted whole.
    let e = aws_error::decode(
        "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>",
    )
    .unwrap();
    assert_eq!(
        e.read_as(),
        "Read as XML, code SignatureDoesNotMatch: “The request signature we calculated does not match the signature you provided.”"
    );
}

/// A canonical request from AWS that differs in a megabyte-long line, or in thousands of lines,
/// is compared in short sentences and a diff that does not build a table of every line pair.
#[test]
fn huge_canonical_requests_compare_in_short_sentences() {
    use sigv4_lab::diagnose::compare::canonical_requests;
    const OURS: &str = "GET\n/\nAction=ListUsers\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    let long_query = format!("Action=ListUsers{}X", "&a=b".repeat(250_000));
    let theirs = OURS.replace("Action=ListUsers", &long_query);
    let c = canonical_requests(OURS, &theirs, "AWS");
    let what = &c.differences[0].what;
    assert!(what.chars().count() < 400, "{}", what.len());
    assert!(what.contains("(1,000,017 characters)"), "{what}");

    let ours_long = OURS.replace("Action=ListUsers", &"&a=b".repeat(250_000));
    let theirs_long = ours_long.replace("a=b&a=b&a=b\n", "a=b&a=b&a=c\n");
    let c = canonical_requests(&ours_long, &theirs_long, "AWS");
    let what = &c.differences[0].what;
    assert!(what.chars().count() < 400, "{}", what.len());
    assert!(
        what.contains("a=c"),
        "the quote shows where they differ: {what}"
    );

    let lines = |p: &str| {
        (0..5_000)
            .map(|i| format!("x-{p}{i}:v\n"))
            .collect::<String>()
    };
    let ours = OURS.replace("host:iam", &format!("{}host:iam", lines("a")));
    let theirs = OURS.replace("host:iam", &format!("{}host:iam", lines("b")));
    let started = std::time::Instant::now();
    let c = canonical_requests(&ours, &theirs, "AWS");
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    for d in &c.differences {
        assert!(
            d.what.chars().count() < 1200,
            "{}: {}",
            d.part.as_str(),
            d.what.len()
        );
    }
    assert!(c.diff.contains("\n-x-a0:v\n") && c.diff.contains("\n+x-b4999:v\n"));
    assert!(
        c.diff.contains("\n host:iam.amazonaws.com\n"),
        "the common lines stay"
    );
}

/// The request and credentials an answer is read against: AWS's documentation keys, an IAM
/// call, signed now.
fn iam_call(akid: &str, token: Option<&str>) -> Inputs {
    Inputs {
        request: input::parse_request(
            "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
        )
        .unwrap()
        .request,
        credentials: Credentials {
            access_key_id: akid.into(),
            secret_access_key: Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            session_token: token.map(Secret::new),
            ..Credentials::default()
        },
        ..Inputs::default()
    }
}

fn answered_with(inputs: Inputs, text: &str) -> Explanation {
    let now = timefmt::parse_instant("2026-12-02T02:00:00Z").unwrap();
    with_error(inputs, aws_error::decode(text).expect("decodes"), now)
}

fn ids_of(ex: &Explanation) -> Vec<&'static str> {
    ex.findings.iter().map(|f| f.id.as_str()).collect()
}

fn denied_fixture(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/aws-errors/denied")
            .join(name),
    )
    .unwrap()
}

/// An access denial is AWS accepting the signature and refusing the action: never a presign
/// or signing finding, and the principal, action, resource and policy kind are named.
#[test]
fn access_denied_is_authorization_not_signing() {
    let cases = [
        ("s3_plain.xml", None, None, None),
        (
            "s3_identity.xml",
            Some("arn:aws:iam::777788889999:user/MaryMajor"),
            Some("s3:GetObject"),
            Some("identity-based policy"),
        ),
        (
            "iam_implicit.xml",
            Some("arn:aws:iam::123456789012:user/alice"),
            Some("iam:ListUsers"),
            Some("identity-based policy"),
        ),
        (
            "sts_assume_role.xml",
            Some("arn:aws:sts::123456789012:assumed-role/Developer/alice-session"),
            Some("sts:AssumeRole"),
            None,
        ),
        (
            "dynamodb_scp.http.txt",
            Some("arn:aws:sts::123456789012:assumed-role/Developer/alice"),
            Some("dynamodb:GetItem"),
            Some("service control policy"),
        ),
        (
            "iam_explicit_link.xml",
            Some("arn:aws:iam::123456789012:user/janedoe"),
            Some("iam:CreateInstanceProfile"),
            Some("identity-based policy"),
        ),
        (
            "ec2_unauthorized.xml",
            Some("arn:aws:iam::123456789012:user/bob"),
            Some("ec2:RunInstances"),
            Some("identity-based policy"),
        ),
    ];
    for (file, principal, action, policy) in cases {
        let text = denied_fixture(file);
        let err = aws_error::decode(&text).unwrap();
        assert!(
            err.catalogue_id.is_none(),
            "{file}: read as {:?}",
            err.catalogue_id
        );
        let d = err
            .denied
            .clone()
            .unwrap_or_else(|| panic!("{file}: not read as a denial"));
        assert_eq!(d.principal.as_deref(), principal, "{file}");
        assert_eq!(d.action.as_deref(), action, "{file}");
        assert_eq!(d.policy.as_deref(), policy, "{file}");
        let ex = answered_with(iam_call("AKIAIOSFODNN7EXAMPLE", None), &text);
        assert_eq!(ids_of(&ex), ["authorization-denied"], "{file}");
        let f = &ex.findings[0];
        assert!(
            f.detail
                .contains("nothing in how this request is signed is wrong"),
            "{file}: {}",
            f.detail
        );
        if let Some(a) = action {
            assert!(f.title.contains(a), "{file}: {}", f.title);
        }
        assert!(!f.checks.is_empty() && !f.ruled_out.is_empty(), "{file}");
    }
    // The explicit deny names its policy and the link to its evaluation.
    let ex = answered_with(
        iam_call("AKIAIOSFODNN7EXAMPLE", None),
        &denied_fixture("iam_explicit_link.xml"),
    );
    let f = &ex.findings[0];
    assert!(f.detail.contains("ExampleDenyPolicy"), "{}", f.detail);
    assert!(
        f.checks[0]
            .how
            .contains("authorization-details/EXAMPLE1a2b3c4d5e"),
        "{:?}",
        f.checks
    );
    // An assumed-role session's permissions are its role's.
    let ex = answered_with(
        iam_call("ASIAIOSFODNN7EXAMPLE", Some("IQoJb3JpZ2luX2VjEXAMPLE")),
        &denied_fixture("sts_assume_role.xml"),
    );
    let f = ex
        .findings
        .iter()
        .find(|f| f.id == "authorization-denied")
        .unwrap();
    assert!(
        f.checks
            .iter()
            .any(|c| c.cause.contains("arn:aws:iam::123456789012:role/Developer")),
        "{:?}",
        f.checks
    );
    // The SCP says so, and says no policy in the account overrides it.
    let ex = answered_with(
        iam_call("AKIAIOSFODNN7EXAMPLE", None),
        &denied_fixture("dynamodb_scp.http.txt"),
    );
    assert!(ex.findings[0].checks[0]
        .cause
        .contains("service control policy"));
    // EC2's encoded message is decoded with STS.
    let ex = answered_with(
        iam_call("AKIAIOSFODNN7EXAMPLE", None),
        &denied_fixture("ec2_unauthorized.xml"),
    );
    assert!(ex.findings[0].checks[0]
        .how
        .contains("decode-authorization-message"));
    // The near misses: S3's expired presigned URL and unsigned headers keep their own findings.
    let expired = answered_with(
        iam_call("AKIAIOSFODNN7EXAMPLE", None),
        include_str!("fixtures/aws-errors/s3_presigned_expired.xml"),
    );
    assert_eq!(ids_of(&expired), ["presign-expired"]);
    let unsigned = answered_with(
        iam_call("AKIAIOSFODNN7EXAMPLE", None),
        include_str!("fixtures/aws-errors/s3_headers_not_signed.xml"),
    );
    assert_eq!(ids_of(&unsigned), ["header-not-signed"]);
}

/// "The security token included in the request is invalid" and its S3 and EC2 spellings give
/// `credentials-rejected` with what to check and what the inputs rule out, unless a finding of
/// the inputs already explains it (then AWS confirms that one).
#[test]
fn rejected_credentials_say_what_to_check_and_what_is_ruled_out() {
    for file in [
        "invalid_client_token_id.xml",
        "unrecognized_client.json",
        // Kinesis's bare __type; Lambda's REST-JSON, the code in x-amzn-ErrorType with a URI after
        // it (the forms aws-auth-errors.json records from captured answers).
        "unrecognized_client.kinesis.json",
        "unrecognized_client.lambda.http.txt",
        "s3_invalid_access_key_id.xml",
        "auth_failure_ec2.xml",
        "s3_invalid_token.xml",
    ] {
        let text = fixtures().into_iter().find(|(n, _)| n == file).unwrap().1;
        let ex = answered_with(iam_call("AKIAIOSFODNN7EXAMPLE", None), &text);
        assert_eq!(ids_of(&ex), ["credentials-rejected"], "{file}");
        let f = &ex.findings[0];
        assert!(
            f.checks
                .iter()
                .any(|c| c.how.contains("aws sts get-caller-identity")),
            "{file}"
        );
        assert!(
            f.checks
                .iter()
                .any(|c| c.how.contains("aws iam list-access-keys")),
            "{file}: a long-term key may be inactive"
        );
        assert!(
            f.ruled_out.iter().any(|r| r.starts_with("Not clock skew")),
            "{file}: {:?}",
            f.ruled_out
        );
        assert!(
            f.ruled_out.iter().any(|r| r.starts_with("Not the region")),
            "{file}"
        );
        assert!(
            f.ruled_out
                .iter()
                .any(|r| r.starts_with("Not a stray token")),
            "{file}"
        );
    }
    let invalid = include_str!("fixtures/aws-errors/invalid_client_token_id.xml");
    // A temporary key without its token: the inputs show the cause, AWS confirms it.
    let ex = answered_with(iam_call("ASIAIOSFODNN7EXAMPLE", None), invalid);
    assert_eq!(ids_of(&ex), ["session-token-missing"]);
    assert!(
        ex.findings[0].detail.contains("AWS confirms"),
        "{}",
        ex.findings[0].detail
    );
    // A temporary key with a token cut short: the token's shape is the first thing to check.
    let cut = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD";
    let ex = answered_with(iam_call("ASIAIOSFODNN7EXAMPLE", Some(cut)), invalid);
    assert_eq!(ids_of(&ex), ["credentials-rejected"]);
    assert!(
        ex.findings[0].checks[0].cause.contains("cut short"),
        "{:?}",
        ex.findings[0].checks
    );
    assert!(ex.findings[0]
        .ruled_out
        .iter()
        .any(|r| r.contains("present and signed")));
    // The near miss: a token of full length and whole base64 raises no shape check.
    let whole = format!("IQoJb3JpZ2lu{}", "A".repeat(760));
    let ex = answered_with(iam_call("ASIAIOSFODNN7EXAMPLE", Some(&whole)), invalid);
    let shape = |c: &&sigv4_lab::diagnose::Check| {
        c.cause.starts_with("The session token has")
            || c.cause.starts_with("The session token holds")
    };
    assert!(
        !ex.findings[0].checks.iter().any(|c| shape(&c)),
        "{:?}",
        ex.findings[0].checks
    );
    // A URL-encoded token is named.
    let encoded = format!("IQoJb3JpZ2lu{}%2B{}", "A".repeat(400), "A".repeat(400));
    let ex = answered_with(iam_call("ASIAIOSFODNN7EXAMPLE", Some(&encoded)), invalid);
    assert!(
        ex.findings[0].checks[0].cause.contains("URL-encoded"),
        "{:?}",
        ex.findings[0].checks
    );
    // An opt-in region is something to check, not something ruled out.
    let mut hk = iam_call("AKIAIOSFODNN7EXAMPLE", None);
    hk.request.url =
        "https://sts.ap-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15".into();
    let ex = answered_with(hk, invalid);
    let f = &ex.findings[0];
    assert!(
        f.checks
            .iter()
            .any(|c| c.how.contains("aws account list-regions")),
        "{:?}",
        f.checks
    );
    assert!(!f.ruled_out.iter().any(|r| r.contains("disabled region")));
}

// ---------------------------------------------------------------------------
// Both sides of each condition of what AWS's answer is read as (measured by `make mutants`).

use sigv4_lab::diagnose::from_error::{self, Ours};
use sigv4_lab::diagnose::Finding;
use sigv4_lab::input::TokenPlacement;

const NOW_2026: &str = "2026-12-02T02:00:00Z";

/// The findings AWS's answer `text` gives on its own (before they are merged with the
/// inputs'), read against `inputs` signed at their time and judged at `now`.
fn read_alone(inputs: &Inputs, text: &str, now: &str) -> Vec<Finding> {
    let now = timefmt::parse_instant(now).unwrap();
    let ex = explain(inputs, now).expect("explains");
    let err = aws_error::decode(text).expect("decodes");
    from_error::read(&err, &Ours::of(&ex.signing, inputs, now)).findings
}

fn rejected(inputs: &Inputs, now: &str) -> Finding {
    let invalid = include_str!("fixtures/aws-errors/invalid_client_token_id.xml");
    let f = read_alone(inputs, invalid, now);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].id, "credentials-rejected");
    f.into_iter().next().unwrap()
}

fn ruled_out_starting(f: &Finding, start: &str) -> Option<String> {
    f.ruled_out.iter().find(|r| r.starts_with(start)).cloned()
}

const V1_TOKEN: &str =
    "FwoGZXIvYXdzEBYaDExampleV1TokenValueForTestsOnly0123456789abcdefghijklmnopqrstuvwxyz";
const V2_TOKEN: &str =
    "IQoJb3JpZ2luX2VjEExampleV2TokenValueForTestsOnly0123456789abcdefghijklmnopqrstuvwxyz";

#[test]
fn rejected_credentials_rule_out_skew_only_inside_the_window() {
    let at = |s: &str| timefmt::parse_instant(s).unwrap();
    let mut i = iam_call("AKIAIOSFODNN7EXAMPLE", None);
    for (signed, words) in [
        ("2026-12-02T02:00:00Z", "at this computer's time"),
        ("2026-12-02T01:59:59Z", "at this computer's time"),
        ("2026-12-02T01:59:58Z", "2 s from this computer's clock"),
        ("2026-12-02T01:57:00Z", "3 min from this computer's clock"),
        // IAM allows 5 minutes: exactly 5 is inside.
        ("2026-12-02T01:55:00Z", "5 min from this computer's clock"),
    ] {
        i.time = SigningTime::At(at(signed));
        let f = rejected(&i, NOW_2026);
        let skew = ruled_out_starting(&f, "Not clock skew")
            .unwrap_or_else(|| panic!("{signed}: {:?}", f.ruled_out));
        assert!(skew.contains(words), "{signed}: {skew}");
        assert!(skew.contains("within the 5 min AWS allows"), "{skew}");
    }
    i.time = SigningTime::At(at("2026-12-02T01:54:59Z"));
    let f = rejected(&i, NOW_2026);
    assert_eq!(
        ruled_out_starting(&f, "Not clock skew"),
        None,
        "{:?}",
        f.ruled_out
    );
    // STS allows 15.
    i.request.url = "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15".into();
    i.time = SigningTime::At(at("2026-12-02T01:50:00Z"));
    let skew =
        ruled_out_starting(&rejected(&i, NOW_2026), "Not clock skew").expect("inside 15 min");
    assert!(
        skew.contains("10 min") && skew.contains("within the 15 min"),
        "{skew}"
    );
    i.time = SigningTime::At(at("2026-12-02T01:44:59Z"));
    assert_eq!(
        ruled_out_starting(&rejected(&i, NOW_2026), "Not clock skew"),
        None
    );
}

#[test]
fn rejected_credentials_rule_out_the_region_only_when_it_is_the_hosts() {
    let mut i = iam_call("AKIAIOSFODNN7EXAMPLE", None);
    i.request.url =
        "https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15".into();
    let f = rejected(&i, NOW_2026);
    assert!(
        ruled_out_starting(&f, "Not the region: the scope's eu-west-1").is_some(),
        "{:?}",
        f.ruled_out
    );
    assert!(
        ruled_out_starting(&f, "Not a disabled region: eu-west-1").is_some(),
        "{:?}",
        f.ruled_out
    );
    i.region = Some("us-west-2".into());
    let f = rejected(&i, NOW_2026);
    assert_eq!(
        ruled_out_starting(&f, "Not the region"),
        None,
        "{:?}",
        f.ruled_out
    );
}

#[test]
fn rejected_credentials_rule_out_the_token_by_what_it_is() {
    // A long-term key without a token: no stray token; a mistyped id is ruled out by its shape.
    let f = rejected(&iam_call("AKIAIOSFODNN7EXAMPLE", None), NOW_2026);
    assert!(ruled_out_starting(&f, "Not a stray token").is_some());
    assert!(ruled_out_starting(&f, "Not a mistyped key id").is_some());
    assert!(f
        .checks
        .iter()
        .any(|c| c.cause.contains("deleted, rotated or made inactive")));
    assert!(!f
        .checks
        .iter()
        .any(|c| c.cause.contains("another temporary key")));
    assert!(!f.detail.contains("session token"), "{}", f.detail);
    // AWS's example id has not the shape, and an IAM unique id is neither kind of key.
    let f = rejected(&iam_call("AKIDEXAMPLE", None), NOW_2026);
    assert_eq!(ruled_out_starting(&f, "Not a mistyped key id"), None);
    assert_eq!(ruled_out_starting(&f, "Not a stray token"), None);
    let f = rejected(&iam_call("AROAJ2UCCR6DPCEXAMPLE", None), NOW_2026);
    assert_eq!(ruled_out_starting(&f, "Not a stray token"), None);
    // A temporary key with its token signed: not a missing token; the token's version is named.
    let f = rejected(&iam_call("ASIAIOSFODNN7EXAMPLE", Some(V2_TOKEN)), NOW_2026);
    assert!(ruled_out_starting(&f, "Not a missing token").is_some());
    assert!(
        ruled_out_starting(&f, "Not the token version: a version 2").is_some(),
        "{:?}",
        f.ruled_out
    );
    assert!(f
        .checks
        .iter()
        .any(|c| c.cause.contains("another temporary key")));
    assert!(!f.checks.iter().any(|c| c.how.contains("list-access-keys")));
    assert!(f.detail.contains("and its session token"), "{}", f.detail);
    // ... added after signing, it is present but not signed.
    let mut after = iam_call("ASIAIOSFODNN7EXAMPLE", Some(V2_TOKEN));
    after.settings.token = TokenPlacement::AfterSigning;
    let f = rejected(&after, NOW_2026);
    assert_eq!(
        ruled_out_starting(&f, "Not a missing token"),
        None,
        "{:?}",
        f.ruled_out
    );
    // A version 1 token works in a region enabled by default, not in an opt-in one.
    let f = rejected(&iam_call("ASIAIOSFODNN7EXAMPLE", Some(V1_TOKEN)), NOW_2026);
    assert!(
        ruled_out_starting(&f, "Not the token version: a version 1").is_some(),
        "{:?}",
        f.ruled_out
    );
    let mut hk = iam_call("ASIAIOSFODNN7EXAMPLE", Some(V1_TOKEN));
    hk.request.url =
        "https://sts.ap-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15".into();
    let f = rejected(&hk, NOW_2026);
    assert_eq!(
        ruled_out_starting(&f, "Not the token version"),
        None,
        "{:?}",
        f.ruled_out
    );
    assert_eq!(ruled_out_starting(&f, "Not a disabled region"), None);
    // A token of neither version: nothing said about its version.
    let f = rejected(
        &iam_call("ASIAIOSFODNN7EXAMPLE", Some("AQoDYXdzEJr")),
        NOW_2026,
    );
    assert_eq!(ruled_out_starting(&f, "Not the token version"), None);
}

#[test]
fn missing_authentication_token_is_a_route_only_from_api_gateway() {
    let http = include_str!("fixtures/aws-errors/missing_auth_token.http.txt");
    // From IAM (or any service but execute-api) it is not about routes.
    let f = read_alone(&iam_call("AKIAIOSFODNN7EXAMPLE", None), http, NOW_2026);
    assert!(
        !f.iter().any(|f| f.id == "api-gateway-missing-token-route"),
        "{f:?}"
    );
    let mut api = iam_call("AKIAIOSFODNN7EXAMPLE", None);
    api.request.url = "https://abc.execute-api.us-east-1.amazonaws.com/prod/x".into();
    let f = read_alone(&api, http, NOW_2026);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].id, "api-gateway-missing-token-route");
}

#[test]
fn aws_skew_says_which_way_and_what_the_service_allows() {
    let i = iam_call("AKIAIOSFODNN7EXAMPLE", None);
    let behind = read_alone(
        &i,
        include_str!("fixtures/aws-errors/sig_expired.xml"),
        NOW_2026,
    );
    assert!(
        behind[0].title.contains("10 min behind"),
        "{}",
        behind[0].title
    );
    assert!(
        behind[0].detail.contains("iam allows 5 min"),
        "{}",
        behind[0].detail
    );
    let ahead = read_alone(
        &i,
        include_str!("fixtures/aws-errors/sig_not_yet_current.xml"),
        NOW_2026,
    );
    assert!(
        ahead[0].title.contains("20 min ahead of"),
        "{}",
        ahead[0].title
    );
    // S3 gives its allowance in milliseconds.
    let s3 = read_alone(
        &i,
        include_str!("fixtures/aws-errors/s3_request_time_too_skewed.xml"),
        NOW_2026,
    );
    assert!(s3[0].title.contains("20 min behind"), "{}", s3[0].title);
    assert!(s3[0].detail.contains("allows 15 min"), "{}", s3[0].detail);
    // Equal times are not "behind".
    let same = read_alone(
        &i,
        "Signature expired: 20150830T124600Z is now earlier than 20150830T124100Z (20150830T124600Z - 5 min.)",
        NOW_2026,
    );
    assert!(same[0].title.contains("ahead of"), "{}", same[0].title);
}

/// AWS's long-form SignatureDoesNotMatch for the request `ex` signed, with its canonical
/// request and string to sign edited by `creq` and `sts`.
fn long_form(
    ex: &Explanation,
    creq: impl Fn(String) -> String,
    sts: impl Fn(String) -> String,
) -> String {
    format!(
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. \
         Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'{}'\n\n\
         The String-to-Sign should have been\n'{}'\n",
        creq(ex.signing.canonical_request.to_string()),
        sts(ex.signing.string_to_sign.to_string())
    )
}

#[test]
fn signature_mismatch_follows_the_evidence() {
    let now = timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
    let url = "https://abc.execute-api.us-east-1.amazonaws.com/prod/x";
    let i = inputs(url, false);
    let ex = explain(&i, now).unwrap();
    let answered =
        |text: &str| with_error(inputs(url, false), aws_error::decode(text).unwrap(), now);
    let ids = |e: &Explanation| ids_of(e);
    let mismatch = |e: &Explanation| {
        e.findings
            .iter()
            .find(|f| f.id == "signature-mismatch")
            .cloned()
            .unwrap()
    };
    // AWS built exactly ours: only the key can differ.
    let same = answered(&long_form(&ex, |c| c, |s| s));
    assert_eq!(ids(&same), ["signature-mismatch"]);
    let f = mismatch(&same);
    assert!(
        f.detail.contains("so the signing key differs"),
        "{}",
        f.detail
    );
    assert!(
        f.fix
            .starts_with("Check the secret access key: copy it again"),
        "{}",
        f.fix
    );
    // Another canonical request: that is what to fix first.
    let creq = answered(&long_form(&ex, |c| c.replace("/prod/x", "/prod/y"), |s| s));
    assert_eq!(
        ids(&creq),
        ["canonical-request-mismatch", "signature-mismatch"]
    );
    let f = mismatch(&creq);
    assert!(
        f.detail.contains("differs from what the client signed"),
        "{}",
        f.detail
    );
    assert!(
        f.fix.starts_with("Fix what the comparison names first"),
        "{}",
        f.fix
    );
    // The same canonical request, another string to sign: also the comparison first.
    let sts = answered(&long_form(
        &ex,
        |c| c,
        |s| s.replace("/us-east-1/", "/eu-west-1/"),
    ));
    assert_eq!(ids(&sts), ["string-to-sign-mismatch", "signature-mismatch"]);
    let f = mismatch(&sts);
    assert!(
        !f.detail.contains("so the signing key differs"),
        "{}",
        f.detail
    );
    assert!(
        f.fix.starts_with("Fix what the comparison names first"),
        "{}",
        f.fix
    );
    // No canonical request at all: the secret first, then how to get AWS's.
    let bare = answered(include_str!("fixtures/aws-errors/sig_mismatch_generic.xml"));
    assert_eq!(ids(&bare), ["signature-mismatch"]);
    let f = mismatch(&bare);
    assert!(
        f.detail
            .contains("does not include AWS's canonical request"),
        "{}",
        f.detail
    );
    assert!(
        f.fix.starts_with("Check the secret access key first"),
        "{}",
        f.fix
    );
}
