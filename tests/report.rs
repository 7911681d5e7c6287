//! Sharing a repro (src/report/): the share link's round trip and redaction, the Markdown debug
//! report's redaction (plus one snapshot), and the code snippets run by botocore and
//! @smithy/signature-v4 (aws-sigv4 in an ignored test) to sigv4-lab's own signature.
//!
//! python3 with botocore and node with package.json's packages are needed: without them the
//! snippet tests print SKIPPED and pass, except under CI (`CI` set, as `.ci/run` does), where
//! they fail. The ignored test: `cargo test --test report -- --ignored rust_snippets`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use proptest::prelude::*;
use sigv4_lab::http::query::uri_encode;
use sigv4_lab::input::form::{Body, Flags, Form, ModeChoice};
use sigv4_lab::input::{Credentials, Header, Secret};
use sigv4_lab::input::{ExternalBody, Inputs, Mode, Request, SigningTime, TokenPlacement};
use sigv4_lab::lab::{explain, Explanation};
use sigv4_lab::learn::examples;
use sigv4_lab::report::markdown::{self, Versions, REDACTED};
use sigv4_lab::report::share::{self, Shared, MAX_BODY_BYTES};
use sigv4_lab::report::snippets::{self, Language, Snippet};
use sigv4_lab::timefmt;
use sigv4_lab::ui::state::{reduce, Action, State};
use time::OffsetDateTime;

const FAKE_SECRET: &str = "SECRETsigv4labDISTINCTIVE0123456789abcdef";
const FAKE_TOKEN: &str = "TOKENsigv4labDISTINCTIVE+/0123456789abcdefghijklmnopqrstuvwxyz==";

fn at(t: &str) -> OffsetDateTime {
    timefmt::parse_instant(t).expect("a valid instant")
}

/// The page's state after loading an example.
fn example_state(id: &str) -> State {
    let s = reduce(State::default(), Action::LoadExample(id.into()));
    assert!(
        s.request_error.is_none() && s.credentials_error.is_none(),
        "{id}"
    );
    s
}

fn example(id: &str) -> Inputs {
    example_state(id).inputs().expect("an example has inputs")
}

/// One request to report on and reproduce, with the clock the findings are judged against.
struct Case {
    name: &'static str,
    inputs: Inputs,
    now: OffsetDateTime,
}

impl Case {
    fn explain(&self) -> Explanation {
        explain(&self.inputs, self.now).unwrap_or_else(|e| panic!("{}: {e}", self.name))
    }
}

fn signing_time(inputs: &Inputs) -> OffsetDateTime {
    match inputs.time {
        SigningTime::At(t) => t,
        _ => panic!("cases sign at a fixed time"),
    }
}

fn case(name: &'static str, inputs: Inputs) -> Case {
    let now = signing_time(&inputs);
    Case { name, inputs, now }
}

fn temporary(mut inputs: Inputs) -> Inputs {
    inputs.credentials = Credentials {
        access_key_id: "ASIAIOSFODNN7EXAMPLE".into(),
        secret_access_key: Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        session_token: Some(Secret::new(
            "IQoJb3JpZ2luX2VjEXAMPLE+token/with=signs0123456789",
        )),
        ..Credentials::default()
    };
    inputs
}

/// The four requests the brief names, the rest of the examples, and the settings each signer
/// has to be told about.
fn cases() -> Vec<Case> {
    let mut out = vec![
        case("iam-list-users", example("iam-list-users")),
        case("s3-get-session-token", example("s3-get-session-token")),
        case("s3-presign", example("s3-presign")),
        case("sts-post", example("sts-get-caller-identity")),
        case("api-gateway", example("api-gateway")),
    ];
    let mut unsigned = example("iam-list-users");
    unsigned.settings.unsigned_payload = true;
    out.push(case("iam-unsigned-payload", unsigned));

    let mut unsigned_s3 = example("s3-get-session-token");
    unsigned_s3.settings.unsigned_payload = true;
    out.push(case("s3-unsigned-payload", unsigned_s3));

    let mut after = example("s3-get-session-token");
    after.settings.token = TokenPlacement::AfterSigning;
    out.push(case("s3-token-after-signing", after));

    let mut single = example("api-gateway");
    single.request.url =
        "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/./pets/../pets/dog%20food?type=dry".into();
    single.settings.single_encode = true;
    out.push(case("api-gateway-single-encode", single));

    let mut kept = example("api-gateway");
    kept.settings.normalize_path = false;
    out.push(case("api-gateway-no-normalize", kept));

    let mut body_hash = example("sts-get-caller-identity");
    body_hash.settings.sign_body = true;
    out.push(case("sts-sign-body", body_hash));

    let mut presign_sts = temporary(example("iam-list-users"));
    presign_sts.request = Request {
        method: "GET".into(),
        url: "https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"
            .into(),
        headers: vec![Header::new("X-Amz-Meta-Note", "a  b")],
        body: Vec::new(),
    };
    presign_sts.settings.mode = Mode::Presign { expires: 900 };
    out.push(case("sts-presign-token", presign_sts));

    let mut after_presign = temporary(example("s3-presign"));
    after_presign.settings.token = TokenPlacement::AfterSigning;
    out.push(case("s3-presign-token-after-signing", after_presign));

    let mut put = example("s3-presign");
    put.settings.mode = Mode::Header;
    put.request = Request {
        method: "PUT".into(),
        url: "https://examplebucket.s3.amazonaws.com/test$file.text".into(),
        headers: vec![
            Header::new("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            Header::new("Content-Type", "text/plain"),
        ],
        body: b"Welcome to Amazon S3.".to_vec(),
    };
    out.push(case("s3-put-body", put));

    // A presigned URL pasted back and signed again in a header: its X-Amz-Credential (and the
    // other X-Amz-* parameters but the signature) stay in the query, so the code reads the key
    // id at its start from the environment.
    let mut pasted_back = example("iam-list-users");
    pasted_back.request.url = format!(
        "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=AWS4-HMAC-SHA256\
         &X-Amz-Credential={}%2F20150830%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Expires=60",
        pasted_back.credentials.access_key_id
    );
    out.push(case("iam-presigned-url-signed-again", pasted_back));

    // A session token the request carries itself, with credentials that have none.
    let mut carried = example("iam-list-users");
    carried
        .request
        .headers
        .push(Header::new("X-Amz-Security-Token", FAKE_TOKEN));
    out.push(case("iam-token-in-request", carried));
    out
}

// --- share link -------------------------------------------------------------------------------

/// What the page would put in a link: its form.
fn shared_from(s: &State) -> Shared {
    s.shared()
}

#[test]
fn every_example_round_trips_through_a_link() {
    for p in examples::PRESETS {
        let shared = shared_from(&example_state(p.id));
        let fragment = share::to_fragment(&shared);
        assert!(fragment.ends_with("&v=1"), "{fragment}");
        assert_eq!(
            share::from_fragment(&fragment).as_ref(),
            Ok(&shared),
            "{}",
            p.id
        );
        assert_eq!(
            share::from_fragment(&format!("https://example.com/sigv4-lab/#{fragment}")),
            Ok(shared),
            "a whole link reads too"
        );
    }
}

#[test]
fn links_are_readable() {
    let shared = shared_from(&example_state("iam-list-users"));
    let fragment = share::to_fragment(&shared);
    assert_eq!(
        fragment,
        "method=GET&url=https://iam.amazonaws.com/?Action=ListUsers%26Version=2010-05-08\
         &h=Host:iam.amazonaws.com\
         &h=Content-Type:application/x-www-form-urlencoded;%20charset=utf-8\
         &time=2015-08-30T12:36:00Z&v=1"
    );
    let presign = shared_from(&example_state("s3-presign"));
    assert!(share::to_fragment(&presign).contains("&mode=presign&expires=86400&"));
}

#[test]
fn links_leave_out_session_tokens_and_other_credentials() {
    let shared = Shared::new(Form {
        url: format!(
            "https://examplebucket.s3.amazonaws.com/a?x=1&x-amz-security-token={}&X-Amz-Signature=abc&X-Amz-Credential=ASIA",
            uri_encode(FAKE_TOKEN)
        ),
        headers: vec![
            Header::new("X-Amz-Security-Token", FAKE_TOKEN),
            Header::new(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=ASIAX/20150830/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc",
            ),
            Header::new("Proxy-Authorization", "Basic dXNlcjpwYXNz"),
            Header::new("Cookie", "session=abc"),
            Header::new("X-Amz-Date", "20150830T123600Z"),
        ],
        ..Form::default()
    });
    let fragment = share::to_fragment(&shared);
    assert!(!fragment.contains("TOKENsigv4lab"), "{fragment}");
    assert!(
        !fragment.to_ascii_lowercase().contains("security-token"),
        "{fragment}"
    );
    assert!(!fragment.contains("dXNlcjpwYXNz") && !fragment.contains("session=abc"));
    // A live signature and the key id it names leave the link too (src/report/sensitive.rs):
    // the link carries the request unsigned, at its signing time, in presign mode for a
    // presigned URL, to be signed again by whoever opens it.
    assert!(
        !fragment.contains("Signature=") && !fragment.contains("Credential="),
        "{fragment}"
    );
    assert!(!fragment.contains("ASIAX") && fragment.contains("h=X-Amz-Date:"));
    assert!(
        fragment.contains("&mode=presign&") && fragment.contains("&time=2015-08-30T12:36:00Z"),
        "{fragment}"
    );
    let back = share::from_fragment(&fragment).unwrap();
    assert_eq!(back, share::redacted(&shared));
    assert_eq!(
        back.form.url,
        "https://examplebucket.s3.amazonaws.com/a?x=1"
    );
    assert_eq!(
        share::redactions(&shared),
        vec![
            "The session token in the X-Amz-Security-Token header was left out.",
            "The SigV4 Authorization header was left out, with its signature and access key id: the link carries the request unsigned, at the same signing time, for whoever opens it to sign with their own credentials.",
            "The Proxy-Authorization header was left out: it carries a proxy password.",
            "The Cookie header was left out: cookies often carry a login session.",
            "The presigned URL's signature was left out, with its access key id and its other X-Amz-* signing parameters: the link opens it to be presigned again, at the same time and expiry, with the credentials of whoever opens it.",
            "The session token in the URL's X-Amz-Security-Token query parameter was left out.",
        ]
    );
    let debug = format!("{shared:?}");
    assert!(
        !debug.contains("TOKENsigv4lab") && !debug.contains("dXNlcjpwYXNz"),
        "{debug}"
    );

    let bearer = Shared::new(Form {
        headers: vec![Header::new("authorization", "Bearer eyJhbGciOi")],
        ..Form::default()
    });
    assert!(!share::to_fragment(&bearer).contains("eyJ"));
    assert_eq!(share::redactions(&bearer).len(), 1);
    assert!(share::redactions(&Shared::default()).is_empty());
}

#[test]
fn long_file_and_token_bodies_stay_out() {
    let long = Shared::new(Form {
        method: "PUT".into(),
        body: Body::Text("x".repeat(MAX_BODY_BYTES + 1)),
        ..Form::default()
    });
    let back = share::from_fragment(&share::to_fragment(&long)).unwrap();
    assert!(back.form.body.bytes().is_empty() && back.body_omitted);
    assert_eq!(
        share::redactions(&long),
        vec![format!(
            "The body was left out: it is {} bytes, and a link carries at most {MAX_BODY_BYTES}.",
            MAX_BODY_BYTES + 1
        )]
    );
    let fits = Shared::new(Form {
        body: Body::Text("x".repeat(MAX_BODY_BYTES)),
        ..Form::default()
    });
    assert_eq!(share::from_fragment(&share::to_fragment(&fits)), Ok(fits));

    let file = Shared {
        body_omitted: true,
        ..Shared::default()
    };
    assert!(share::to_fragment(&file).contains("body_omitted=1"));
    assert_eq!(
        share::from_fragment(&share::to_fragment(&file)),
        Ok(file.clone())
    );
    assert_eq!(
        share::redactions(&file),
        vec!["The body is not in the link: a body from a file is never carried."]
    );

    let form = Shared::new(Form {
        body: Body::Text(format!("Action=X&X-Amz-Security-Token={FAKE_TOKEN}")),
        ..Form::default()
    });
    assert!(!share::to_fragment(&form).contains("TOKENsigv4lab"));
}

#[test]
fn bad_links_are_named_in_one_sentence() {
    for (fragment, expected) in [
        ("", "The link has nothing after '#' to load."),
        ("#", "The link has nothing after '#' to load."),
        ("method=GET&url=https://x/", "The link has no format version (v=1) at its end: it was cut short, or it was not made by sigv4-lab."),
        ("method=GET&v=2", "The link is in format version \"2\", and this sigv4-lab reads version 1."),
        ("v=1&v=1", "The link gives its format version (v) more than once."),
        ("mode=post&v=1", "The link's mode is \"post\"; it must be header or presign."),
        ("sign_body=yes&v=1", "The link's sign_body is \"yes\"; it must be 1 or 0."),
        ("url=a&url=b&v=1", "The link gives \"url\" more than once."),
        ("h=Host&v=1", "The header \"Host\" in the link has no ':' between its name and value."),
        ("url=%FF&v=1", "The link's \"url\" is not valid UTF-8 once its %XX escapes are decoded."),
        ("%FF=1&v=1", "The link's key is not valid UTF-8 once its %XX escapes are decoded."),
    ] {
        let err = share::from_fragment(fragment).expect_err(fragment);
        assert_eq!(err, expected, "{fragment}");
        assert!(!err.contains('\n') && err.ends_with('.'));
    }
    // Unknown keys are ignored; so is a trailing '&', and a '+' reads as a space.
    assert_eq!(
        share::from_fragment("future=thing&method=GET&h=X-A:b+c&&v=1"),
        Ok(Shared::new(Form {
            headers: vec![Header::new("X-A", "b c")],
            ..Form::default()
        }))
    );
}

fn any_shared() -> impl Strategy<Value = Shared> {
    let text = || any::<String>();
    let flags = proptest::collection::vec(any::<bool>(), 6);
    (
        (
            text(),
            text(),
            proptest::collection::vec((text(), text()), 0..4),
        ),
        (text(), any::<bool>(), text(), text(), text()),
        (any::<bool>(), text(), flags),
    )
        .prop_map(
            |(
                (method, url, headers),
                (body, body_omitted, region, service, signing_time),
                (presign, expires, f),
            )| Shared {
                form: Form {
                    method,
                    url,
                    headers: headers
                        .into_iter()
                        .map(|(n, v)| Header::new(n, v))
                        .collect(),
                    body: Body::Text(body),
                    region,
                    service,
                    signing_time,
                    mode: if presign {
                        ModeChoice::Presign
                    } else {
                        ModeChoice::Header
                    },
                    expires,
                    flags: Flags {
                        sign_body: f[0],
                        unsigned_payload: f[1],
                        normalize_path: f[2],
                        single_encode: f[3],
                        token_after_signing: f[4],
                    },
                },
                body_omitted,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_shared_round_trips_as_redacted(s in any_shared()) {
        prop_assert_eq!(share::from_fragment(&share::to_fragment(&s)), Ok(share::redacted(&s)));
    }

    #[test]
    fn any_text_never_panics(text in any::<String>()) {
        let _ = share::from_fragment(&text);
    }

    #[test]
    fn fragment_like_text_never_panics(
        text in "(v=1&)?((method|url|h|body|mode|time|expires|sign_body|body_omitted|v|x)=([A-Za-z0-9:%+=#/ ]|%[0-9A-Fa-f]{2}|%[^0-9A-Fa-f&]{0,2}|é){0,12}&){0,8}(v=[0-9])?"
    ) {
        if let Ok(s) = share::from_fragment(&text) {
            // Whatever reads back, writes back the same.
            prop_assert_eq!(share::from_fragment(&share::to_fragment(&s)), Ok(share::redacted(&s)));
        }
    }
}

// --- Markdown debug report ----------------------------------------------------------------------

fn test_versions() -> Versions {
    Versions {
        sigv4_lab: "0.0.0-test".into(),
        aws_sigv4: markdown::AWS_SIGV4_VERSION.into(),
        user_agent: "Mozilla/5.0 (X11; Linux x86_64) test".into(),
    }
}

/// Strings that must not appear in a report of `inputs` signed as `ex`.
fn forbidden(inputs: &Inputs, ex: &Explanation) -> Vec<String> {
    let mut out = vec![];
    let secret = inputs.credentials.secret_access_key.expose();
    out.push(secret.to_string());
    out.push(uri_encode(secret));
    if let Some(t) = &inputs.credentials.session_token {
        out.push(t.expose().to_string());
        out.push(uri_encode(t.expose()));
    }
    for h in &inputs.request.headers {
        if h.name.eq_ignore_ascii_case("x-amz-security-token") {
            out.push(h.value.clone());
        }
    }
    out.extend(ex.signing.signature.clone());
    out.extend(ex.signing.cross_check.as_ref().map(|c| c.signature.clone()));
    for step in &ex.signing.signing_key.as_ref().expect("signed").steps {
        out.push(step.hex.clone());
    }
    out.retain(|s| !s.is_empty());
    out
}

fn assert_report_is_clean(name: &str, inputs: &Inputs, ex: &Explanation, report: &str) {
    for bad in forbidden(inputs, ex) {
        assert!(
            !report.contains(&bad),
            "{name}: the report shows {bad}\n{report}"
        );
    }
    let akid = inputs.credentials.access_key_id.trim();
    assert!(
        !report.contains(akid),
        "{name}: the whole access key id\n{report}"
    );
    assert!(report.contains(&format!("`{}…`", &akid[..4])), "{name}");
    assert!(
        report.contains(ex.signing.canonical_request_hash()),
        "{name}"
    );
    assert!(
        report.contains(&ex.signing.string_to_sign.to_string()),
        "{name}"
    );
    for f in &ex.findings {
        assert!(
            report.contains(&format!("`{}`", f.id.as_str())),
            "{name}: finding {}\n{report}",
            f.id
        );
    }
}

#[test]
fn reports_leave_out_every_secret() {
    for c in cases() {
        let ex = c.explain();
        let report = markdown::debug_report(&c.inputs, &ex, &test_versions());
        assert_report_is_clean(c.name, &c.inputs, &ex, &report);
        // The canonical request is there whole when no token or key id is inside it.
        let creq = ex.signing.canonical_request.to_string();
        let akid = c.inputs.credentials.access_key_id.as_str();
        if !forbidden(&c.inputs, &ex).iter().any(|f| creq.contains(f)) && !creq.contains(akid) {
            assert!(
                report.contains(&creq),
                "{}: canonical request\n{report}",
                c.name
            );
        } else {
            assert!(
                report.contains("the SHA-256 is of the full text"),
                "{}",
                c.name
            );
        }
        assert!(report.contains(REDACTED), "{}", c.name);
    }
}

#[test]
fn reports_leave_out_secrets_pasted_in_odd_places() {
    let mut inputs = temporary(example("sts-get-caller-identity"));
    inputs.credentials.secret_access_key = Secret::new(FAKE_SECRET);
    inputs.credentials.session_token = Some(Secret::new(FAKE_TOKEN));
    inputs
        .request
        .headers
        .push(Header::new("X-Debug", FAKE_SECRET));
    inputs
        .request
        .headers
        .push(Header::new("Cookie", "session=COOKIEVALUE123"));
    inputs.request.body = format!("Action=GetCallerIdentity&Token={FAKE_TOKEN}").into_bytes();
    inputs.request.url = format!(
        "https://sts.us-east-1.amazonaws.com/?Secret={}",
        uri_encode(FAKE_SECRET)
    );
    // Signed an hour before "now": clock-skew, plus the malformed secret.
    let now = signing_time(&inputs) + time::Duration::hours(1);
    let ex = explain(&inputs, now).unwrap();
    assert!(ex.findings.len() >= 2, "{:?}", ex.findings);
    let report = markdown::debug_report(&inputs, &ex, &test_versions());
    assert_report_is_clean("odd places", &inputs, &ex, &report);
    assert!(!report.contains("DISTINCTIVE"), "{report}");
    // The Cookie header is left out of the request, as every output leaves it out; its value
    // stands redacted in the canonical request.
    assert!(
        !report.contains("Cookie:")
            && report.contains("The Cookie header was left out")
            && report.contains("cookie:[redacted]")
            && !report.contains("COOKIEVALUE"),
        "{report}"
    );
    inputs.settings.mode = Mode::Presign { expires: 60 };
    let ex = explain(&inputs, now).unwrap();
    let report = markdown::debug_report(&inputs, &ex, &test_versions());
    assert_report_is_clean("odd places, presigned", &inputs, &ex, &report);
    assert!(!report.contains("DISTINCTIVE"), "{report}");
    assert!(report.contains("X-Amz-Signature=[redacted]"), "{report}");
}

#[test]
fn reports_preview_only_the_start_of_a_long_body() {
    let mut inputs = example("sts-get-caller-identity");
    inputs.request.body = format!("Action=X&{}", "y".repeat(10_000)).into_bytes();
    let ex = explain(&inputs, signing_time(&inputs)).unwrap();
    let report = markdown::debug_report(&inputs, &ex, &test_versions());
    assert!(
        report.contains("The body has 10,009 bytes; the first 2,048 are shown."),
        "{report}"
    );
    assert!(report.contains(&"y".repeat(2048 - 9)) && !report.contains(&"y".repeat(2048 - 8)));
}

#[test]
fn a_whole_report_is_pinned() {
    let inputs = example("iam-list-users");
    // Judged an hour after it was signed, so the report has a finding to show.
    let ex = explain(&inputs, at("2015-08-30T13:36:00Z")).unwrap();
    insta::assert_snapshot!(
        "iam_debug_report",
        markdown::debug_report(&inputs, &ex, &test_versions())
    );
}

#[test]
fn the_aws_sigv4_version_matches_cargo_lock() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let version = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"aws-sigv4\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"'))
        .expect("aws-sigv4 is in Cargo.lock");
    assert_eq!(
        markdown::AWS_SIGV4_VERSION,
        version,
        "update AWS_SIGV4_VERSION in src/report/markdown.rs"
    );
    assert_eq!(Versions::new("ua").sigv4_lab, env!("CARGO_PKG_VERSION"));
}

// --- snippets -----------------------------------------------------------------------------------

fn snippet(all: &[Snippet], language: Language) -> String {
    all.iter()
        .find(|s| s.language == language)
        .map(|s| s.code.clone())
        .unwrap_or_else(|| panic!("no {language} snippet"))
}

/// The environment a snippet reads, from the case's credentials.
fn credentials_env(inputs: &Inputs) -> Vec<(&'static str, String)> {
    let c = &inputs.credentials;
    let mut env = vec![
        ("AWS_ACCESS_KEY_ID", c.access_key_id.clone()),
        (
            "AWS_SECRET_ACCESS_KEY",
            c.secret_access_key.expose().to_string(),
        ),
    ];
    match &c.session_token {
        Some(t) => env.push(("AWS_SESSION_TOKEN", t.expose().to_string())),
        // A token the request carries itself.
        None => env.push(("AWS_SESSION_TOKEN", FAKE_TOKEN.to_string())),
    }
    env
}

fn run(cmd: Command, env: &[(&str, String)], stdin: Option<&str>) -> String {
    run_with_stderr(cmd, env, stdin).0
}

/// Runs `cmd` with exactly these AWS variables; its stdout (trimmed) and stderr.
fn run_with_stderr(
    mut cmd: Command,
    env: &[(&str, String)],
    stdin: Option<&str>,
) -> (String, String) {
    for var in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
    ] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().map(|(k, v)| (*k, v.as_str())));
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the interpreter starts");
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes())
            .expect("stdin takes the snippet");
    }
    let out = child.wait_with_output().expect("the interpreter ends");
    assert!(
        out.status.success(),
        "{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).trim().to_string(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `https://host/path` and the query's pairs, sorted (the signers order parameters differently).
fn url_parts(url: &str) -> (String, Vec<String>) {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    pairs.sort();
    (base.to_string(), pairs)
}

/// The printed Authorization header or presigned URL is sigv4-lab's.
fn assert_same_signature(who: &str, name: &str, ex: &Explanation, printed: &str) {
    match (&ex.signing.authorization, &ex.signing.signed_url) {
        (Some(auth), None) => assert_eq!(printed, auth, "{who}, {name}"),
        (None, Some(url)) => {
            assert_eq!(
                url_parts(printed),
                url_parts(url),
                "{who}, {name}: {printed}\nsigv4-lab: {url}"
            );
        }
        _ => panic!("{name}: signed one way"),
    }
}

#[test]
fn no_snippet_holds_a_credential() {
    for c in cases() {
        let ex = c.explain();
        let all = snippets::snippets(&c.inputs, &ex.signing);
        assert_eq!(
            all.iter().map(|s| s.language).collect::<Vec<_>>(),
            Language::ALL
        );
        for s in &all {
            for (_, value) in credentials_env(&c.inputs).into_iter().skip(1) {
                assert!(
                    !s.code.contains(&value),
                    "{} {}: holds a credential\n{}",
                    c.name,
                    s.language,
                    s.code
                );
                assert!(
                    !s.code.contains(&uri_encode(&value)),
                    "{} {}",
                    c.name,
                    s.language
                );
            }
            // Nor the access key id (src/report/sensitive.rs): it is read from the environment.
            let akid = c.inputs.credentials.access_key_id.as_str();
            assert!(
                !s.code.contains(akid),
                "{} {}: holds the access key id\n{}",
                c.name,
                s.language,
                s.code
            );
            if c.name == "iam-presigned-url-signed-again" {
                assert!(
                    s.code.contains("AWS_ACCESS_KEY_ID")
                        && s.code.contains("/20150830/us-east-1/iam/aws4_request"),
                    "{} {}: X-Amz-Credential from the environment\n{}",
                    c.name,
                    s.language,
                    s.code
                );
            }
            if s.language != Language::Curl {
                assert!(
                    s.code.contains("AWS_SECRET_ACCESS_KEY"),
                    "{} {}",
                    c.name,
                    s.language
                );
            }
        }
    }
}

#[test]
fn the_curl_snippet_is_the_signed_request() {
    for c in cases() {
        let ex = c.explain();
        let curl = snippet(&snippets::snippets(&c.inputs, &ex.signing), Language::Curl);
        let has_token = curl.contains("$AWS_SESSION_TOKEN");
        assert_eq!(
            has_token,
            c.inputs.credentials.session_token.is_some() || c.name == "iam-token-in-request",
            "{}\n{curl}",
            c.name
        );
        match ex.signing.rules.expires {
            // The service's clock-skew window, as the clock-skew finding states it.
            None => assert!(
                curl.contains(&format!(
                    "about {} minutes",
                    sigv4_lab::diagnose::facts::skew_window_minutes(&ex.signing.service.value)
                )) && curl.contains("until about"),
                "{curl}"
            ),
            Some(_) => assert!(curl.contains("The presigned URL works until"), "{curl}"),
        }
        // No key id and no signature is written into it: both are read from the shell.
        let akid = c.inputs.credentials.access_key_id.as_str();
        assert!(!curl.contains(akid), "{}\n{curl}", c.name);
        for sig in ex.signing.signature.iter() {
            assert!(!curl.contains(sig.as_str()), "{}\n{curl}", c.name);
            assert!(curl.contains("$SIGV4_SIGNATURE"), "{}\n{curl}", c.name);
        }
        // Read back by sigv4-lab's own curl parser with the key id, the token and the signature
        // filled in, it is the signed request; signed again at its own X-Amz-Date, it is the same
        // request: the same signature.
        let token = credentials_env(&c.inputs)[2].1.clone();
        let text = curl
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
            .replace("$AWS_SESSION_TOKEN", &token)
            .replace("$AWS_ACCESS_KEY_ID", akid)
            .replace(
                "$SIGV4_SIGNATURE",
                ex.signing.signature.as_deref().unwrap_or(""),
            );
        let parsed = sigv4_lab::input::parse_request(&text)
            .unwrap_or_else(|e| panic!("{}: {e}\n{text}", c.name))
            .request;
        match (&ex.signing.authorization, &ex.signing.signed_url) {
            (Some(auth), _) => assert!(
                parsed
                    .headers
                    .iter()
                    .any(|h| h.name.eq_ignore_ascii_case("authorization") && h.value == *auth),
                "{}: the Authorization header, filled in\n{text}",
                c.name
            ),
            (None, Some(url)) => assert_eq!(
                url_parts(&parsed.url),
                url_parts(url),
                "{}: the presigned URL, filled in",
                c.name
            ),
            (None, None) => {}
        }
        let mut again = c.inputs.clone();
        again.request = parsed;
        again.region = Some(ex.signing.region.value.clone());
        again.service = Some(ex.signing.service.value.clone());
        again.time = SigningTime::FromRequest;
        if c.name == "iam-token-in-request" {
            again.credentials.session_token = None;
        }
        let ex2 = explain(&again, c.now).unwrap_or_else(|e| panic!("{}: {e}", c.name));
        assert_eq!(ex2.signing.amz_date(), ex.signing.amz_date(), "{}", c.name);
        assert_eq!(
            ex2.signing.signature, ex.signing.signature,
            "{}\n{text}",
            c.name
        );
    }
}

/// Whether this run is under CI (`.ci/run` exports CI=true): `CI` set, and not empty, "false" or "0".
fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "false" | "0"))
}

/// True when nothing is `missing`. Otherwise, under CI, the test fails with the sentence
/// `missing`; elsewhere it is printed as a note, and the caller skips those snippets.
fn present(missing: Option<&str>) -> bool {
    let Some(missing) = missing else {
        return true;
    };
    assert!(
        !under_ci(),
        "{missing}, and CI is set: there the snippet tests must run, not skip"
    );
    // Straight to stderr, past the test harness's capture, so that a passing run shows it too.
    let _ = writeln!(std::io::stderr(), "SKIPPED (CI is not set): {missing}.");
    false
}

/// Whether `python3` can import botocore (scripts/setup.sh installs it, with moto, from
/// tests/moto/requirements.txt).
fn botocore() -> bool {
    let status = Command::new("python3")
        .args(["-c", "import botocore"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    present(match status {
        Err(_) => Some("python3 is not installed, so the Python snippets were not run"),
        Ok(s) if !s.success() => Some(
            "python3 cannot import botocore (pip install -r tests/moto/requirements.txt brings it), so the Python snippets were not run",
        ),
        Ok(_) => None,
    })
}

/// Whether node runs; it must then find the snippets' packages (package.json's devDependencies).
fn smithy() -> bool {
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !present((!node).then_some("node is not installed, so the JavaScript snippets were not run"))
    {
        return false;
    }
    assert!(
        repo().join("node_modules/@smithy/signature-v4").is_dir()
            && repo().join("node_modules/@aws-crypto/sha256-js").is_dir(),
        "@smithy/signature-v4 and @aws-crypto/sha256-js are devDependencies: run npm ci (scripts/setup.sh does)"
    );
    true
}

#[test]
fn python_snippets_reproduce_the_signature_with_botocore() {
    if !botocore() {
        return;
    }
    for c in cases() {
        let ex = c.explain();
        let code = snippet(
            &snippets::snippets(&c.inputs, &ex.signing),
            Language::Python,
        );
        let mut cmd = Command::new("python3");
        cmd.arg("-");
        let printed = run(cmd, &credentials_env(&c.inputs), Some(&code));
        assert_same_signature("botocore", c.name, &ex, &printed);
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a JavaScript snippet with node from a file inside the repository (so that it finds
/// node_modules), removed afterwards.
fn run_node(name: &str, code: &str, env: &[(&str, String)]) -> String {
    run_node_in(name, code, env, None)
}

fn run_node_in(
    name: &str,
    code: &str,
    env: &[(&str, String)],
    cwd: Option<&std::path::Path>,
) -> String {
    let dir = repo().join("target/report-snippets");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}-{}.mjs", std::process::id()));
    std::fs::write(&file, code).unwrap();
    // Removed when this function ends, a failed run included.
    struct Removed(PathBuf);
    impl Drop for Removed {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
    let file = Removed(file);
    let mut cmd = Command::new("node");
    cmd.arg(&file.0);
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    run(cmd, env, None)
}

#[test]
fn javascript_snippets_reproduce_the_signature_with_smithy() {
    if !smithy() {
        return;
    }
    for c in cases() {
        let ex = c.explain();
        let code = snippet(
            &snippets::snippets(&c.inputs, &ex.signing),
            Language::JavaScript,
        );
        let printed = run_node(c.name, &code, &credentials_env(&c.inputs));
        assert_same_signature("@smithy/signature-v4", c.name, &ex, &printed);
    }
}

#[test]
fn what_a_signer_cannot_follow_is_said_in_a_comment() {
    let mut inputs = example("sts-get-caller-identity");
    inputs
        .request
        .headers
        .push(Header::new("Expect", "100-continue"));
    inputs
        .request
        .headers
        .push(Header::new("Date", "Sun, 30 Aug 2015 12:36:00 GMT"));
    let ex = explain(&inputs, signing_time(&inputs)).unwrap();
    let all = snippets::snippets(&inputs, &ex.signing);
    let python = snippet(&all, Language::Python);
    assert!(
        python.contains("# botocore never signs the Expect header"),
        "{python}"
    );
    assert!(
        python.contains("# botocore replaces a Date header"),
        "{python}"
    );
    let js = snippet(&all, Language::JavaScript);
    assert!(js.contains("// smithy always drops a Date header"), "{js}");
    assert!(
        js.contains("signableHeaders: new Set([\"expect\"])"),
        "{js}"
    );

    let mut presign = example("iam-list-users");
    presign.settings.mode = Mode::Presign { expires: 300 };
    let ex = explain(&presign, signing_time(&presign)).unwrap();
    let python = snippet(&snippets::snippets(&presign, &ex.signing), Language::Python);
    assert!(
        python.contains("presigner drops a Content-Type"),
        "{python}"
    );
}

#[test]
fn the_rust_snippet_names_the_exact_request() {
    for c in cases() {
        let ex = c.explain();
        let code = snippet(&snippets::snippets(&c.inputs, &ex.signing), Language::Rust);
        let t = signing_time(&c.inputs);
        for needle in [
            format!("Duration::from_secs({})", t.unix_timestamp()),
            format!("// {}", timefmt::iso(t)),
            format!(".region({:?})", ex.signing.region.value),
            format!(".name({:?})", ex.signing.service.value),
            format!(
                "aws-sigv4 = {{ version = \"={}\"",
                markdown::AWS_SIGV4_VERSION
            ),
        ] {
            assert!(code.contains(&needle), "{}: {needle}\n{code}", c.name);
        }
        for h in &ex.signing.canonical_request.headers {
            let from_request = c
                .inputs
                .request
                .headers
                .iter()
                .any(|r| r.name.eq_ignore_ascii_case(&h.name));
            if from_request && !matches!(h.name.as_str(), "x-amz-date" | "x-amz-security-token") {
                assert!(
                    code.to_ascii_lowercase()
                        .contains(&format!("(\"{}\", ", h.name)),
                    "{}: {}\n{code}",
                    c.name,
                    h.name
                );
            }
        }
    }
}

/// The code of all four snippets, byte for byte, for a POST with a form body signed in a
/// header and for a presigned URL that signs a session token.
#[test]
fn the_snippets_are_pinned() {
    let cases = cases();
    for name in ["sts-post", "sts-presign-token"] {
        let c = cases.iter().find(|c| c.name == name).expect("a case");
        let ex = c.explain();
        for s in snippets::snippets(&c.inputs, &ex.signing) {
            // insta compares with the end trimmed: the one final newline is pinned here.
            assert_eq!(
                format!("{}\n", s.code.trim_end()),
                s.code,
                "{name} {}",
                s.language
            );
            insta::assert_snapshot!(
                format!("snippet_{}_{}", name.replace('-', "_"), s.language),
                s.code
            );
        }
    }
}

/// Builds and runs every Rust snippet in a scratch cargo project (offline, with this
/// repository's Cargo.lock, its own target dir under target/). Slow: a first build compiles
/// aws-sigv4 and its dependencies.
#[test]
#[ignore = "builds a scratch cargo project (under a minute); cargo test --test report -- --ignored rust_snippets"]
fn rust_snippets_reproduce_the_signature_with_aws_sigv4() {
    let dir = repo().join("target/report-snippets/rust");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"snippet\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n\
             [dependencies]\naws-credential-types = \"1.2\"\n\
             aws-sigv4 = {{ version = \"={}\", default-features = false, features = [\"sign-http\", \"http1\"] }}\n\
             aws-smithy-runtime-api = {{ version = \"1\", features = [\"client\"] }}\npercent-encoding = \"2\"\n",
            markdown::AWS_SIGV4_VERSION
        ),
    )
    .unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    for c in cases() {
        let ex = c.explain();
        let code = snippet(&snippets::snippets(&c.inputs, &ex.signing), Language::Rust);
        std::fs::write(dir.join("src/main.rs"), &code).unwrap();
        let mut cmd = Command::new(&cargo);
        cmd.args(["run", "--offline", "--quiet"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .env_remove("RUSTFLAGS");
        let (printed, stderr) = run_with_stderr(cmd, &credentials_env(&c.inputs), None);
        assert!(
            !stderr.contains("warning"),
            "{}: the snippet compiles with warnings\n{stderr}\n{code}",
            c.name
        );
        assert_same_signature("aws-sigv4", c.name, &ex, &printed);
    }
}

/// A body the code reads from a file: one over the inline limit (saved as body.bin), and one the
/// page hashed without reading (its own file name). Run where the file is, they sign the same.
#[test]
fn bodies_from_files_sign_the_same() {
    let big = vec![b'z'; snippets::INLINE_BODY_MAX + 1];
    let mut inline = example("sts-get-caller-identity");
    inline.request.body = big.clone();
    let mut hashed = example("sts-get-caller-identity");
    hashed.external_body = Some(ExternalBody {
        name: "upload.bin".into(),
        size: big.len() as u64,
        sha256: sigv4_lab::sigv4::key::sha256_hex(&big),
    });
    let dir = repo().join(format!(
        "target/report-snippets/files-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(snippets::BODY_FILE), &big).unwrap();
    std::fs::write(dir.join("upload.bin"), &big).unwrap();
    let python = botocore();
    let node = smithy();
    for (name, inputs, file) in [
        ("over the limit", inline, snippets::BODY_FILE),
        ("hashed file", hashed, "upload.bin"),
    ] {
        let ex = explain(&inputs, signing_time(&inputs)).unwrap();
        let all = snippets::snippets(&inputs, &ex.signing);
        for s in &all {
            assert!(
                s.code.contains(file),
                "{name}, {}: reads {file}\n{}",
                s.language,
                s.code
            );
            assert!(
                !s.code.contains("zzzzzzzz"),
                "{name}, {}: the body is not inlined",
                s.language
            );
        }
        assert!(snippet(&all, Language::Curl).contains(&format!("--data-binary @{file}")));
        if python {
            let mut cmd = Command::new("python3");
            cmd.arg("-").current_dir(&dir);
            let printed = run(
                cmd,
                &credentials_env(&inputs),
                Some(&snippet(&all, Language::Python)),
            );
            assert_same_signature("botocore", name, &ex, &printed);
        }
        if node {
            let code = snippet(&all, Language::JavaScript);
            let printed = run_node_in("file-body", &code, &credentials_env(&inputs), Some(&dir));
            assert_same_signature("@smithy/signature-v4", name, &ex, &printed);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn requests_signed_without_a_secret_still_report() {
    let mut inputs = example("iam-list-users");
    inputs.credentials.secret_access_key = Secret::default();
    let ex = explain(&inputs, signing_time(&inputs)).unwrap();
    assert!(ex.signing.signature.is_none());
    let report = markdown::debug_report(&inputs, &ex, &test_versions());
    assert!(
        report.contains("not signed, as no secret access key was given"),
        "{report}"
    );
    assert!(report.contains(&ex.signing.canonical_request.to_string()));
    let all = snippets::snippets(&inputs, &ex.signing);
    assert!(snippet(&all, Language::Curl).contains("# No secret access key was given"));
    assert!(snippet(&all, Language::Python).contains("AWS_SECRET_ACCESS_KEY"));
}
