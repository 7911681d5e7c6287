//! Known answers: the AWS documentation example, and whole explanations pinned as snapshots.

mod common;

use sigv4_lab::input::{self, Credentials, Secret};
use sigv4_lab::input::{Inputs, Mode, Settings, SigningTime};
use sigv4_lab::lab::explain;
use sigv4_lab::timefmt;

const DOC_REQUEST: &str =
    "GET https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08 HTTP/1.1\n\
Content-Type: application/x-www-form-urlencoded; charset=utf-8\n\
Host: iam.amazonaws.com\n";

fn doc_inputs(mode: Mode) -> Inputs {
    Inputs {
        request: input::parse_request(DOC_REQUEST)
            .expect("doc example parses")
            .request,
        credentials: Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            ..Credentials::default()
        },
        time: SigningTime::At(timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap()),
        settings: Settings {
            mode,
            ..Settings::default()
        },
        ..Inputs::default()
    }
}

/// AWS General Reference, "Signature Version 4 signing process" example (IAM ListUsers).
#[test]
fn aws_documentation_example() {
    let now = timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
    let ex = explain(&doc_inputs(Mode::Header), now).unwrap();
    assert_eq!(
        ex.signing.canonical_request.to_string(),
        "GET\n/\nAction=ListUsers&Version=2010-05-08\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\n\
host:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n\
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        ex.signing.canonical_request_hash(),
        "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59"
    );
    assert_eq!(
        ex.signing.signature.as_deref(),
        Some("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
    );
    assert_eq!(
        (
            ex.signing.region.value.as_str(),
            ex.signing.service.value.as_str()
        ),
        ("us-east-1", "iam")
    );
    assert!(ex.signing.cross_check.as_ref().is_some_and(|c| c.agrees));
}

#[test]
fn whole_explanations_are_pinned() {
    let now = timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
    for (name, mode) in [
        ("doc_header", Mode::Header),
        ("doc_presign", Mode::Presign { expires: 300 }),
    ] {
        let ex = explain(&doc_inputs(mode), now).unwrap();
        insta::assert_debug_snapshot!(name, ex);
    }
}

#[test]
fn debug_never_shows_secrets() {
    let mut inputs = doc_inputs(Mode::Header);
    inputs.credentials.session_token = Some(Secret::new("FwoGZXIvYXdzSESSIONTOKENVALUE"));
    let now = timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
    let shown = format!(
        "{inputs:?} {:?}",
        explain(&inputs, now).unwrap().signing.signing_key
    );
    assert!(!shown.contains("wJalrXUtnFEMI"), "{shown}");
    assert!(!shown.contains("SESSIONTOKENVALUE"), "{shown}");
    assert!(shown.contains("** redacted **"));
}

#[test]
fn credentials_region_fills_in_when_the_host_names_none() {
    let now = timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
    let mut inputs = doc_inputs(Mode::Header);
    inputs.request.url = "https://api.example.com/prod/items".into();
    inputs.request.headers.clear();
    inputs.service = Some("execute-api".into());
    inputs.credentials.region = Some("eu-west-1".into());
    let ex = explain(&inputs, now).unwrap();
    assert_eq!(ex.signing.region.value, "eu-west-1");
    assert!(
        ex.signing.region.why.contains("credentials"),
        "{}",
        ex.signing.region.why
    );
    // A host that names its region wins over the credentials' region.
    inputs.request.url = "https://abc.execute-api.us-west-2.amazonaws.com/prod".into();
    assert_eq!(
        explain(&inputs, now).unwrap().signing.region.value,
        "us-west-2"
    );
}

#[test]
fn folded_header_goes_out_on_one_line() {
    let now = timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
    let mut inputs = doc_inputs(Mode::Header);
    inputs.request = input::parse_request(
        "GET / HTTP/1.1\nHost: example.amazonaws.com\nMy-Header1:value1\n  value2\n",
    )
    .unwrap()
    .request;
    inputs.service = Some("service".into());
    let ex = explain(&inputs, now).unwrap();
    assert!(ex
        .signing
        .canonical_request
        .to_string()
        .contains("my-header1:value1 value2\n"));
    let curl = common::signed_curl(&ex).unwrap();
    assert!(curl.contains("-H 'My-Header1: value1 value2'"), "{curl}");
}

#[test]
fn annotated_lines_rebuild_the_canonical_request() {
    let now = timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
    for mode in [Mode::Header, Mode::Presign { expires: 60 }] {
        let ex = explain(&doc_inputs(mode), now).unwrap();
        let lines = ex.signing.canonical_lines();
        let joined = lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(joined, ex.signing.canonical_request.to_string());
        assert!(lines.iter().all(|l| !l.note.is_empty()));
        assert!(
            lines[1].note.contains("double-encodes"),
            "{}",
            lines[1].note
        );
    }
}

/// A body the page hashed in its worker (known by name, size and SHA-256) signs exactly as the
/// same bytes held in memory, aws-sigv4 agrees, and the exports point at the file.
#[test]
fn a_body_known_by_its_hash_signs_as_the_bytes_do() {
    use sigv4_lab::input::ExternalBody;
    use sigv4_lab::sigv4::key::sha256_hex;
    let now = timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
    let body: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    for sign_body in [false, true] {
        let mut inline = doc_inputs(Mode::Header);
        inline.request.method = "PUT".into();
        inline.request.body = body.clone();
        inline.settings.sign_body = sign_body;
        let mut hashed = inline.clone();
        hashed.request.body = b"ignored: the external body wins".to_vec();
        hashed.external_body = Some(ExternalBody {
            name: "big file.bin".into(),
            size: body.len() as u64,
            sha256: sha256_hex(&body).to_uppercase(),
        });
        let a = explain(&inline, now).unwrap();
        let b = explain(&hashed, now).unwrap();
        assert_eq!(
            a.signing.canonical_request.to_string(),
            b.signing.canonical_request.to_string()
        );
        assert_eq!(
            a.signing.signature, b.signing.signature,
            "sign_body={sign_body}"
        );
        assert!(b.signing.cross_check.as_ref().is_some_and(|c| c.agrees));
        let curl = common::signed_curl(&b).unwrap();
        assert!(
            curl.ends_with("--data-binary '@big file.bin'"),
            "curl sends the file: {curl}"
        );
        let http = common::signed_http(&b).unwrap();
        assert!(
            http.ends_with("\n\n[the 300000 bytes of the file big file.bin]"),
            "{http}"
        );
    }
    let mut bad = doc_inputs(Mode::Header);
    bad.external_body = Some(ExternalBody {
        name: "x.bin".into(),
        size: 1,
        sha256: "not a hash".into(),
    });
    let e = explain(&bad, now).unwrap_err();
    assert_eq!(e.field, sigv4_lab::input::Field::Body);
    assert!(e.message.contains("x.bin"), "{}", e.message);
}

/// A Host header that differs from the URL's host only in case is still sent: the signature
/// covers its bytes, and curl would otherwise send the URL's spelling (found by fuzzing).
#[test]
fn a_host_header_differing_only_in_case_is_kept_in_the_exports() {
    let now = timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
    let mut inputs = doc_inputs(Mode::Header);
    inputs.request.url = "https://iam.amaZonaws.com/?Action=ListUsers&Version=2010-05-08".into();
    let ex = explain(&inputs, now).unwrap();
    assert!(
        ex.signing
            .canonical_request
            .to_string()
            .contains("\nhost:iam.amazonaws.com\n"),
        "the Host header is what is signed"
    );
    assert!(
        common::signed_curl(&ex)
            .unwrap()
            .contains("-H 'Host: iam.amazonaws.com'"),
        "{}",
        common::signed_curl(&ex).unwrap()
    );
    let signed = sigv4_lab::input::parse_request(&common::signed_curl(&ex).unwrap()).unwrap();
    let report = sigv4_lab::diagnose::verify::verify(
        &signed.request,
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    )
    .unwrap();
    assert!(report.matches, "verify accepts the exported request");
}
