//! One rule for what is sensitive (src/report/sensitive.rs), tested on every output that leaves
//! the page: the same pasted requests and credentials go, through the page's own state, to the
//! share link, the Markdown debug report and the curl, Python, JavaScript and Rust snippets, and
//! none of them may hold the secret, the session token, a cookie, a proxy password, a live
//! signature, a derived key or the whole access key id, while each keeps the same harmless parts.

use sigv4_lab::http::query::uri_encode;
use sigv4_lab::input::{Credentials, Header, Inputs, Mode, Request, Secret, SigningTime};
use sigv4_lab::lab::{explain, Explanation};
use sigv4_lab::report::export;
use sigv4_lab::report::markdown::{self, Versions};
use sigv4_lab::report::share;
use sigv4_lab::report::snippets;
use sigv4_lab::timefmt;
use sigv4_lab::ui::state::{reduce, Action, State};
use time::OffsetDateTime;

const AKID: &str = "ASIAREDACTIONCHECK77";
const SECRET: &str = "RedactionCheckSecret/K7MDENG+bPxRfiCYzzz";
const TOKEN: &str = "IQoJb3JpZ2luREDACTIONCHECKTOKEN//////////wEaCXVzLWVhc3QtMSJGMEQCIEXAMPLE=";
const COOKIE: &str = "CookieValueRedaction123";
const PROXY: &str = "cHJveHl1c2VyOnByb3h5cGFzcw==";
const HOST: &str = "sts.us-east-1.amazonaws.com";
/// A signed header that is no secret: every output keeps it.
const KEPT: &str = "kept-value-42";
const SIGNED_AT: &str = "2026-11-30T12:36:00Z";

fn at(t: &str) -> OffsetDateTime {
    timefmt::parse_instant(t).expect("a valid instant")
}

fn credentials() -> Credentials {
    Credentials {
        access_key_id: AKID.into(),
        secret_access_key: Secret::new(SECRET),
        session_token: Some(Secret::new(TOKEN)),
        ..Credentials::default()
    }
}

/// The credentials as a person pastes them.
fn credentials_text() -> String {
    format!(
        "export AWS_ACCESS_KEY_ID={AKID}\nexport AWS_SECRET_ACCESS_KEY={SECRET}\nexport AWS_SESSION_TOKEN={TOKEN}\n"
    )
}

/// An STS request with a cookie, a proxy password, a harmless header and a body that mentions
/// (and holds) the session token, signed by sigv4-lab with the credentials, `mode` as asked.
fn signed(mode: Mode) -> Explanation {
    explain(&request(mode), at(SIGNED_AT)).expect("it signs")
}

fn request(mode: Mode) -> Inputs {
    Inputs {
        request: Request {
            method: if mode == Mode::Header { "POST" } else { "GET" }.into(),
            url: format!("https://{HOST}/?Action=GetCallerIdentity&Version=2011-06-15"),
            headers: vec![
                Header::new("X-Kept", KEPT),
                Header::new("Cookie", format!("session={COOKIE}")),
                Header::new("Proxy-Authorization", format!("Basic {PROXY}")),
            ],
            body: if mode == Mode::Header {
                format!("Note=X-Amz-Security-Token%3D{}", uri_encode(TOKEN)).into_bytes()
            } else {
                Vec::new()
            },
        },
        credentials: credentials(),
        time: SigningTime::At(at(SIGNED_AT)),
        settings: sigv4_lab::input::Settings {
            mode,
            ..Default::default()
        },
        ..Default::default()
    }
}

/// What the page would have after pasting `request` and the credentials: its state, inputs and
/// explanation at the signing time.
fn pasted(request: &str) -> (State, Inputs, Explanation) {
    let mut s = State::default();
    for a in [
        Action::PasteCredentials(credentials_text()),
        Action::PasteRequest(request.into()),
    ] {
        s = reduce(s, a);
    }
    assert!(s.request_error.is_none(), "{:?}", s.request_error);
    assert!(s.credentials_error.is_none(), "{:?}", s.credentials_error);
    let inputs = s.inputs().expect("inputs");
    let ex = s.explain(at(SIGNED_AT)).expect("an explanation");
    (s, inputs, ex)
}

/// Every form a value could take in an output: as is, URI-encoded, form-encoded.
fn forms(s: &str) -> Vec<String> {
    let enc = uri_encode(s);
    vec![s.to_string(), enc.clone(), enc.replace("%20", "+")]
}

/// The strings no output may hold for a request signed as `original` and shown as `ex`.
fn forbidden(original: &Explanation, ex: &Explanation) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |what: &str, v: &str| {
        for f in forms(v) {
            out.push((what.to_string(), f));
        }
    };
    add("secret access key", SECRET);
    add("session token", TOKEN);
    add("cookie", COOKIE);
    add("proxy password", PROXY);
    add("whole access key id", AKID);
    for e in [original, ex] {
        for sig in e.signing.signature.iter() {
            add("live signature", sig);
        }
        for c in e.signing.cross_check.iter() {
            add("live signature", &c.signature);
        }
        for k in e.signing.signing_key.iter().flat_map(|c| c.steps.iter()) {
            add("derived key", &k.hex);
        }
    }
    out
}

/// Every output the page makes of what was pasted, by name.
fn outputs(s: &State, inputs: &Inputs, ex: &Explanation) -> Vec<(String, String)> {
    let versions = Versions {
        sigv4_lab: "0.0.0-test".into(),
        aws_sigv4: markdown::AWS_SIGV4_VERSION.into(),
        user_agent: "test".into(),
    };
    let mut out = vec![
        ("share link".to_string(), share::to_fragment(&s.shared())),
        (
            "debug report".to_string(),
            markdown::debug_report(inputs, ex, &versions),
        ),
    ];
    for sn in snippets::snippets(inputs, &ex.signing) {
        out.push((format!("{} snippet", sn.language), sn.code));
    }
    out
}

fn check(case: &str, original: &Explanation, pasted_text: &str, kept: &[&str]) {
    let (s, inputs, ex) = pasted(pasted_text);
    let bad = forbidden(original, &ex);
    let all = outputs(&s, &inputs, &ex);
    assert_eq!(all.len(), 6, "the link, the report and four snippets");
    let mut failures = Vec::new();
    for (name, text) in &all {
        for (what, value) in &bad {
            if text.contains(value.as_str()) {
                failures.push(format!("{case}: the {name} holds the {what} ({value})"));
            }
        }
        for k in kept {
            if !text.contains(k) {
                failures.push(format!("{case}: the {name} lost {k:?}, which is no secret"));
            }
        }
    }
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{}\n\n{}",
        failures.join("\n"),
        all.iter()
            .map(|(n, t)| format!("--- {n} ---\n{t}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The report shows the key id shortened, as it shows it everywhere it shows it.
    let report = &all[1].1;
    assert!(report.contains("`ASIA…`"), "{case}\n{report}");
}

#[test]
fn a_signed_request_with_every_kind_of_secret_leaves_none_in_any_output() {
    let original = signed(Mode::Header);
    let raw = export::raw_http(&original.signing.signed_request);
    // What is pasted holds everything: the signature, the token header, the cookie, the proxy
    // password, the body with the token.
    for (what, v) in [
        (
            "Authorization",
            "Authorization: AWS4-HMAC-SHA256 Credential=",
        ),
        ("token header", &format!("X-Amz-Security-Token: {TOKEN}")),
        ("cookie", COOKIE),
        ("proxy password", PROXY),
        ("body", &uri_encode(TOKEN)),
    ] {
        assert!(
            raw.contains(v),
            "the pasted request holds the {what}\n{raw}"
        );
    }
    check("signed request", &original, &raw, &[HOST, KEPT]);
}

#[test]
fn a_presigned_url_with_a_token_leaves_none_in_any_output() {
    let original = signed(Mode::Presign { expires: 900 });
    let url = original
        .signing
        .signed_url
        .clone()
        .expect("a presigned URL");
    for p in [
        "X-Amz-Signature=",
        "X-Amz-Credential=",
        "X-Amz-Security-Token=",
    ] {
        assert!(url.contains(p), "{url}");
    }
    check(
        "presigned URL",
        &original,
        &url,
        &[HOST, "GetCallerIdentity"],
    );
}

#[test]
fn the_signed_request_itself_keeps_its_signature() {
    // Not an output for sharing: the page's step 7 and the CLI's JSON are the signed request, to
    // be sent from the user's own machine, and carry the live signature by design.
    let original = signed(Mode::Header);
    let sig = original.signing.signature.clone().expect("signed");
    assert!(export::curl(&original.signing.signed_request).contains(&sig));
    assert!(export::raw_http(&original.signing.signed_request).contains(&sig));
}

#[test]
fn a_link_without_the_signature_signs_the_same_again() {
    // The link leaves the signature out with its key id; opened, with the same credentials typed
    // back in, the page signs the same request at the same time: the same signature. (Without
    // the cookie, the proxy password and the body, which the link leaves out too.)
    for mode in [Mode::Header, Mode::Presign { expires: 900 }] {
        let mut inputs = request(mode);
        // A presigned URL pasted alone carries no headers.
        inputs
            .request
            .headers
            .retain(|h| h.name == "X-Kept" && mode == Mode::Header);
        inputs.request.body.clear();
        let original = explain(&inputs, at(SIGNED_AT)).unwrap();
        let text = match mode {
            Mode::Header => export::raw_http(&original.signing.signed_request),
            Mode::Presign { .. } => original.signing.signed_url.clone().unwrap(),
        };
        let (s, _, _) = pasted(&text);
        let fragment = share::to_fragment(&s.shared());
        assert!(!fragment.contains(AKID), "{fragment}");
        let shared = share::from_fragment(&fragment).expect("the link reads");
        let opened = reduce(State::default(), Action::RestoreShared(Box::new(shared)));
        let opened = reduce(opened, Action::PasteCredentials(credentials_text()));
        let again = opened.explain(at(SIGNED_AT)).expect("it signs");
        assert_eq!(
            again.signing.signature, original.signing.signature,
            "{mode:?}: {fragment}"
        );
    }
}
