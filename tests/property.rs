//! Property test: our engine and aws-sigv4 sign generated requests identically.
//!
//! 10,000 cases by default (`make test`); `PROPTEST_CASES=100000 cargo test --release --test property`
//! for the long run (`make test-long`).

use proptest::prelude::*;
use sigv4_lab::input::{Credentials, Header, Request, Secret};
use sigv4_lab::input::{Inputs, Mode, Settings, SigningTime, TokenPlacement};
use sigv4_lab::lab::explain;
use time::OffsetDateTime;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// A path segment: unreserved text, percent-escapes, RFC 3986 sub-delims, dot segments, empty (double slash).
fn segment(s3: bool) -> BoxedStrategy<String> {
    let mut options = vec![
        "[A-Za-z0-9._~-]{1,8}".boxed(),
        "(%[0-9A-F]{2}){1,2}".boxed(),
        "[!$&'()*+,;=:@]{1,3}".boxed(),
        Just(".".to_string()).boxed(),
        Just("..".to_string()).boxed(),
        Just(String::new()).boxed(),
    ];
    // Pasted raw: spaces and non-ASCII take their wire form (encoded once) before signing.
    options.push("[a-z]{1,3} [a-z]{1,3}".boxed());
    options.push(Just("é✓".to_string()).boxed());
    if s3 {
        // S3 keys often hold characters other services never see in a path.
        options.push(
            "[a-z]{0,2}[\\[\\]#?]?[a-z]{1,2}"
                .prop_map(|s| s.replace(['#', '?'], "_"))
                .boxed(),
        );
    }
    proptest::strategy::Union::new(options).boxed()
}

fn query_component() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9._~-]{0,6}",
        "[A-Za-z0-9]{0,3}(%[0-9A-Fa-f]{2}|\\+|%zz| |/|:|@|\\*|!|é)[A-Za-z0-9]{0,3}",
    ]
}

fn query() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        proptest::collection::vec(
            (query_component(), proptest::option::of(query_component())),
            0..5,
        )
        .prop_map(|pairs| {
            pairs
                .into_iter()
                .map(|(k, v)| match v {
                    Some(v) => format!("{k}={v}"),
                    None => k,
                })
                .collect::<Vec<_>>()
                .join("&")
        }),
    )
}

fn header() -> impl Strategy<Value = Header> {
    let name = prop_oneof![
        Just("X-Amz-Meta-Color"),
        Just("content-type"),
        Just("My-Header"),
        Just("my-header"),
        Just("User-Agent"),
        Just("X-Amzn-Trace-Id"),
        Just("X-Amz-Date"),
        Just("Content-MD5"),
        Just("Host"),
    ];
    // Odd whitespace: leading/trailing spaces, runs of spaces, tabs inside, non-ASCII.
    let value = "( {0,2})[a-zA-Z0-9/=;.é-]{0,6}(( {1,3}|\t)[a-z0-9]{1,4}){0,2}( {0,2})";
    (name, value).prop_map(|(n, v)| {
        if n == "Host" {
            Header::new(n, "example.amazonaws.com")
        } else {
            Header::new(n, v)
        }
    })
}

#[derive(Debug, Clone)]
struct Case {
    inputs: Inputs,
}

fn case() -> impl Strategy<Value = Case> {
    let service = prop_oneof![
        Just("s3"),
        Just("service"),
        Just("execute-api"),
        Just("sqs")
    ];
    service.prop_flat_map(|service| {
        let s3 = service == "s3";
        (
            prop_oneof![
                Just("GET"),
                Just("POST"),
                Just("PUT"),
                Just("DELETE"),
                Just("HEAD"),
                Just("PATCH")
            ],
            proptest::collection::vec(segment(s3), 0..5),
            any::<bool>(), // trailing slash
            query(),
            proptest::collection::vec(header(), 0..6),
            proptest::collection::vec(any::<u8>(), 0..64),
            proptest::option::of("[A-Za-z0-9/+=]{16,40}"),
            (any::<bool>(), 1u64..=604_800),
            (
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
            ),
            946_684_800i64..4_102_444_800i64,
            prop_oneof![Just(None), Just(Some(8443u16))],
        )
            .prop_map(
                move |(
                    method,
                    segs,
                    slash,
                    query,
                    headers,
                    body,
                    token,
                    (presign, expires),
                    flags,
                    secs,
                    port,
                )| {
                    let (sign_body, unsigned, normalize, single, token_after) = flags;
                    let mut path = format!("/{}", segs.join("/"));
                    if slash && !path.ends_with('/') {
                        path.push('/');
                    }
                    let authority = match port {
                        Some(p) => format!("example.amazonaws.com:{p}"),
                        None => "example.amazonaws.com".to_string(),
                    };
                    // At most one Host header: HTTP allows one, and explain refuses two.
                    let mut seen_host = false;
                    let headers = headers
                        .into_iter()
                        .filter_map(|h| {
                            if h.name != "Host" {
                                return Some(h);
                            }
                            if seen_host {
                                return None;
                            }
                            seen_host = true;
                            Some(Header::new("Host", authority.clone()))
                        })
                        .collect();
                    let url = match &query {
                        Some(q) => format!("https://{authority}{path}?{q}"),
                        None => format!("https://{authority}{path}"),
                    };
                    Case {
                        inputs: Inputs {
                            request: Request {
                                method: method.into(),
                                url,
                                headers,
                                body,
                            },
                            credentials: Credentials {
                                access_key_id: "AKIDEXAMPLE".into(),
                                secret_access_key: Secret::new(
                                    "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                ),
                                session_token: token.map(Secret::new),
                                ..Credentials::default()
                            },
                            region: Some("us-east-1".into()),
                            service: Some(service.into()),
                            time: SigningTime::At(
                                OffsetDateTime::from_unix_timestamp(secs).unwrap(),
                            ),
                            settings: Settings {
                                mode: if presign {
                                    Mode::Presign { expires }
                                } else {
                                    Mode::Header
                                },
                                sign_body,
                                unsigned_payload: unsigned,
                                normalize_path: normalize,
                                single_encode: single,
                                token: if token_after {
                                    TokenPlacement::AfterSigning
                                } else {
                                    TokenPlacement::Signed
                                },
                            },
                            external_body: None,
                            aws_said: None,
                        },
                    }
                },
            )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn our_signature_equals_aws_sigv4(c in case()) {
        let now = match c.inputs.time {
            SigningTime::At(t) => t,
            _ => OffsetDateTime::from_unix_timestamp(1_440_938_160).unwrap(),
        };
        let ex = explain(&c.inputs, now).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let cross = ex.signing.cross_check.as_ref().ok_or_else(|| {
            TestCaseError::fail(format!("aws-sigv4 did not sign: {:?}", ex.signing.cross_check_unavailable))
        })?;
        // Clean generated requests, signed at their own time: no error or warning findings
        // (a token added after signing is evidence of its own, reported as info here).
        let serious: Vec<_> = ex.findings.iter().filter(|f| f.severity != sigv4_lab::diagnose::Severity::Info).collect();
        prop_assert!(serious.is_empty(), "findings {:?}", serious);
        prop_assert_eq!(
            Some(cross.signature.as_str()),
            ex.signing.signature.as_deref(),
            "canonical request:\n{}", ex.signing.canonical_request
        );
    }
}
