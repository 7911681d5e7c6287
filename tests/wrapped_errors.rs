//! AWS's answer as programs print it (tests/fixtures/aws-errors/wrapped/, one fixture per form,
//! each put together from the program's own template: SOURCES.md names it). Every value asserted
//! here is the one SOURCES.md's tables say the fixture holds; "not in text" is asserted as none,
//! so that nothing a program did not print is invented.

use sigv4_lab::diagnose::{Finding, FindingId};
use sigv4_lab::input::aws_error::{self, Tool};
use sigv4_lab::input::{self, Credentials, Inputs, Secret, SigningTime};
use sigv4_lab::lab::explain;
use sigv4_lab::timefmt;

const INVALID: &str = "The security token included in the request is invalid.";
const EXPIRED: &str = "The security token included in the request is expired";
const SIGNATURE: &str = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const S3_KEY: &str = "The AWS Access Key Id you provided does not exist in our records.";
const DENIED: &str = "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no identity-based policy allows the iam:ListUsers action";

/// One fixture and what SOURCES.md says it holds.
struct Case {
    file: &'static str,
    tool: Option<Tool>,
    within: Option<Tool>,
    code: Option<&'static str>,
    message: &'static str,
    status: Option<u16>,
    request_id: Option<&'static str>,
}

const fn case(
    file: &'static str,
    tool: Option<Tool>,
    code: Option<&'static str>,
    message: &'static str,
    status: Option<u16>,
    request_id: Option<&'static str>,
) -> Case {
    Case {
        file,
        tool,
        within: None,
        code,
        message,
        status,
        request_id,
    }
}

fn rid(n: u32) -> Option<&'static str> {
    Some(Box::leak(
        format!("f1e2d3c4-0000-4000-8000-000000000{n:03}").into_boxed_str(),
    ))
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    use Tool::*;
    let within = |mut c: Case, w: Tool| {
        c.within = Some(w);
        c
    };
    vec![
        case("botocore-invalid_client_token_id.txt", Some(Boto3), Some("InvalidClientTokenId"), INVALID, None, None),
        case("botocore-access_denied.txt", Some(Boto3), Some("AccessDenied"), DENIED, None, None),
        case("botocore-unrecognized_client.txt", Some(Boto3), Some("UnrecognizedClientException"), INVALID, None, None),
        case("awscli_v1-expired_token.txt", Some(AwsCli), Some("ExpiredToken"), EXPIRED, None, None),
        case("awscli_v1-s3_invalid_access_key_id.txt", Some(AwsCli), Some("InvalidAccessKeyId"), S3_KEY, None, None),
        case("awscli_v2_pre234-invalid_client_token_id.txt", Some(AwsCli), Some("InvalidClientTokenId"), INVALID, None, None),
        case("awscli_v2-signature_does_not_match.txt", Some(AwsCli), Some("SignatureDoesNotMatch"), SIGNATURE, None, None),
        case("awscli_v2-access_denied.txt", Some(AwsCli), Some("AccessDenied"), DENIED, None, None),
        case("awscli_v2-unrecognized_client.txt", Some(AwsCli), Some("UnrecognizedClientException"), INVALID, None, None),
        case("awscli_v2_json-signature_does_not_match.txt", Some(AwsCli), Some("SignatureDoesNotMatch"), SIGNATURE, None, None),
        case("go_sdk_v2-expired_token.txt", Some(GoV2), Some("ExpiredToken"), EXPIRED, Some(403), rid(101)),
        case("go_sdk_v2-access_denied.txt", Some(GoV2), Some("AccessDenied"), DENIED, Some(403), rid(102)),
        within(case("terraform-invalid_client_token_id.txt", Some(GoV2), Some("InvalidClientTokenId"), INVALID, Some(403), rid(201)), Terraform),
        within(case("terraform-signature_does_not_match.txt", Some(GoV2), Some("SignatureDoesNotMatch"), SIGNATURE, Some(403), rid(202)), Terraform),
        case("java_v1-invalid_client_token_id.txt", Some(JavaV1), Some("InvalidClientTokenId"), INVALID, Some(403), rid(301)),
        case("java_v1-access_denied.txt", Some(JavaV1), Some("AccessDenied"), DENIED, Some(403), rid(302)),
        case("java_v2-signature_does_not_match.txt", Some(JavaV2), None, SIGNATURE, Some(403), rid(401)),
        case("java_v2-expired_token.txt", Some(JavaV2), None, EXPIRED, Some(403), rid(402)),
        case("js_v3-invalid_client_token_id.txt", Some(JavaScriptV3), Some("InvalidClientTokenId"), INVALID, Some(403), rid(501)),
        case("js_v3-access_denied.txt", Some(JavaScriptV3), Some("AccessDenied"), DENIED, Some(403), rid(502)),
        case("dotnet-expired_token.txt", Some(DotNet), None, EXPIRED, None, None),
        case("rust-signature_does_not_match.txt", Some(Rust), Some("SignatureDoesNotMatch"), SIGNATURE, Some(403), rid(601)),
        case("rust-expired_token.txt", Some(Rust), Some("ExpiredToken"), EXPIRED, Some(403), rid(602)),
        case("powershell-invalid_client_token_id.txt", Some(PowerShell), None, INVALID, None, None),
        case("powershell-access_denied.txt", Some(PowerShell), None, DENIED, None, None),
        case("powershell7-signature_does_not_match.txt", Some(PowerShell), None, SIGNATURE, None, None),
        case("github_actions_v4-invalid_client_token_id.txt", Some(GitHubActions), None, INVALID, None, None),
        case("github_actions_v6-signature_does_not_match.txt", Some(GitHubActions), None, SIGNATURE, None, None),
        case("github_actions_v4-oidc_access_denied.txt", Some(GitHubActions), None, "Not authorized to perform sts:AssumeRoleWithWebIdentity", None, None),
        within(case("github_actions-expired_token.txt", Some(AwsCli), Some("ExpiredToken"), EXPIRED, None, None), GitHubActions),
        case("postman-signature_does_not_match.txt", Some(Postman), Some("SignatureDoesNotMatch"), SIGNATURE, Some(403), rid(701)),
        case("curl-invalid_client_token_id.txt", Some(Curl), Some("InvalidClientTokenId"), INVALID, Some(403), rid(802)),
        case("curl-access_denied.txt", Some(Curl), Some("AccessDenied"), DENIED, Some(403), rid(801)),
    ]
}

fn fixture(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/aws-errors/wrapped")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_wrapped_fixture_is_in_the_table() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aws-errors/wrapped");
    let table: Vec<&str> = cases().iter().map(|c| c.file).collect();
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".txt") {
            assert!(table.contains(&name.as_str()), "{name} has no row");
            seen += 1;
        }
    }
    assert_eq!(seen, table.len());
}

#[test]
fn each_program_s_printout_gives_what_it_printed_and_nothing_more() {
    for c in cases() {
        let e = aws_error::decode(&fixture(c.file)).unwrap_or_else(|e| panic!("{}: {e}", c.file));
        assert_eq!(e.tool, c.tool, "{}: tool", c.file);
        assert_eq!(e.within, c.within, "{}: around it", c.file);
        assert_eq!(e.code.as_deref(), c.code, "{}: code", c.file);
        assert_eq!(e.message.as_deref(), Some(c.message), "{}: message", c.file);
        assert_eq!(e.http_status, c.status, "{}: status", c.file);
        assert_eq!(
            e.request_id.as_deref(),
            c.request_id,
            "{}: request id",
            c.file
        );
    }
}

#[test]
fn the_four_errors_are_recognised_in_every_wrapping() {
    for c in cases() {
        let e = aws_error::decode(&fixture(c.file)).unwrap();
        let expected = match c.message {
            INVALID if c.code == Some("UnrecognizedClientException") => Some("unrecognized_client"),
            INVALID => Some("invalid_client_token_id"),
            S3_KEY => Some("s3_invalid_access_key_id"),
            EXPIRED => Some("expired_token"),
            SIGNATURE => Some("sig_mismatch_generic"),
            _ => None,
        };
        assert_eq!(
            e.catalogue_id.map(|id| id.as_str()),
            expected,
            "{}: catalogue",
            c.file
        );
        let denied = c.message == DENIED || c.file.contains("oidc");
        assert_eq!(e.denied.is_some(), denied, "{}: access denied read", c.file);
        if c.message == DENIED {
            let d = e.denied.unwrap();
            assert_eq!(d.action.as_deref(), Some("iam:ListUsers"), "{}", c.file);
            assert_eq!(
                d.principal.as_deref(),
                Some("arn:aws:iam::123456789012:user/alice"),
                "{}",
                c.file
            );
        }
    }
}

#[test]
fn the_oidc_denial_names_the_action() {
    let e = aws_error::decode(&fixture("github_actions_v4-oidc_access_denied.txt")).unwrap();
    let d = e.denied.expect("read as access denied");
    assert_eq!(d.action.as_deref(), Some("sts:AssumeRoleWithWebIdentity"));
    assert_eq!(d.principal, None);
}

#[test]
fn the_sentence_names_the_program() {
    let e = aws_error::decode(&fixture("terraform-invalid_client_token_id.txt")).unwrap();
    assert_eq!(
        e.read_as(),
        "Read as TEXT from the AWS SDK for Go v2 in Terraform, HTTP 403, code InvalidClientTokenId, request id f1e2d3c4-0000-4000-8000-000000000201: \u{201c}The security token included in the request is invalid.\u{201d}"
    );
    let e = aws_error::decode(&fixture("curl-access_denied.txt")).unwrap();
    assert!(e.read_as().starts_with("Read as XML from curl, HTTP 403, code AccessDenied, request id f1e2d3c4-0000-4000-8000-000000000801: "), "{}", e.read_as());
}

/// What the diagnosis makes of each: the right finding, from a printout as from the bare body.
#[test]
fn each_wrapping_leads_to_the_finding_the_bare_answer_does() {
    for c in cases() {
        let e = aws_error::decode(&fixture(c.file)).unwrap();
        let inputs = Inputs {
            request: input::parse_request(
                "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
            )
            .unwrap()
            .request,
            credentials: Credentials {
                access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
                secret_access_key: Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                ..Credentials::default()
            },
            time: SigningTime::At(timefmt::parse_instant("2026-03-12T14:00:00Z").unwrap()),
            aws_said: Some(e),
            ..Inputs::default()
        };
        let now = timefmt::parse_instant("2026-03-12T14:01:00Z").unwrap();
        let ex = explain(&inputs, now).unwrap();
        let ids: Vec<FindingId> = ex.findings.iter().map(|f: &Finding| f.id).collect();
        let expected = match c.message {
            INVALID | S3_KEY => FindingId::CredentialsRejected,
            EXPIRED => FindingId::CredentialsExpired,
            DENIED => FindingId::AuthorizationDenied,
            SIGNATURE => FindingId::SignatureMismatch,
            _ => FindingId::AuthorizationDenied,
        };
        assert!(ids.contains(&expected), "{}: {:?}", c.file, ids);
    }
}

/// Paste-anything: each whole printout pasted in one box gives AWS's answer as a part, and that
/// part alone decodes to the same code and message (nothing about the error is left behind).
#[test]
fn paste_anything_finds_the_answer_in_each_printout() {
    use sigv4_lab::input::paste::{route, Kind};
    for c in cases() {
        let text = fixture(c.file);
        let routed = route(&text);
        let part = routed
            .first(Kind::AwsAnswer)
            .unwrap_or_else(|| panic!("{}: no answer in {:?}", c.file, routed));
        let e = aws_error::decode(&part.text).unwrap_or_else(|e| panic!("{}: {e}", c.file));
        assert_eq!(
            e.message.as_deref(),
            Some(c.message),
            "{}: {:?}",
            c.file,
            part
        );
        assert_eq!(e.code.as_deref(), c.code, "{}: {:?}", c.file, part);
    }
}
