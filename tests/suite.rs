//! The AWS SigV4 signing test suite (v4), read from the aws-sigv4 package: one test per case and
//! signature location, checking canonical request, string to sign and signature separately.

mod common;

use common::{context, read, Context};
use sigv4_lab::http::query;
use sigv4_lab::http::url::split;
use sigv4_lab::input::{raw_http, Credentials, Secret};
use sigv4_lab::input::{Inputs, Mode, Settings, SigningTime, TokenPlacement};
use sigv4_lab::lab::explain;
use sigv4_lab::report::export;
use sigv4_lab::timefmt;

#[derive(Clone, Copy, PartialEq)]
enum Location {
    Header,
    Query,
}

fn inputs(case: &str, ctx: &Context, loc: Location) -> Inputs {
    let raw = read(case, "request.txt").expect("request.txt");
    let parsed =
        raw_http::parse(&raw).unwrap_or_else(|e| panic!("{case}: request.txt does not parse: {e}"));
    let time = timefmt::parse_instant(&ctx.timestamp).expect("timestamp");
    Inputs {
        request: parsed.request,
        credentials: Credentials {
            access_key_id: ctx.access_key_id.clone(),
            secret_access_key: Secret::new(ctx.secret.clone()),
            session_token: ctx.token.clone().map(Secret::new),
            ..Credentials::default()
        },
        region: ctx.region.clone(),
        service: ctx.service.clone(),
        time: SigningTime::At(time),
        settings: Settings {
            mode: if loc == Location::Query {
                Mode::Presign {
                    expires: ctx.expires,
                }
            } else {
                Mode::Header
            },
            sign_body: ctx.sign_body,
            normalize_path: ctx.normalize,
            // The context.json cases were generated with double URI encoding off: get-space-normalized
            // keeps `%20` as `%20` (aws-sigv4's own runner skips it for that reason). Their other paths
            // hold nothing that encodes, so single and double agree. The two old-format cases
            // (no context.json) check double encoding.
            single_encode: common::read(case, "context.json").is_some(),
            token: if ctx.omit_session_token {
                TokenPlacement::AfterSigning
            } else {
                TokenPlacement::Signed
            },
            ..Settings::default()
        },
        external_body: None,
        aws_said: None,
    }
}

/// A signed request as aws-sigv4's test runner compares it: method, headers (names without
/// case, values in order), path, query parameters decoded and sorted (their order may differ),
/// and body.
#[derive(Debug, PartialEq, Eq)]
struct Wire {
    method: String,
    headers: Vec<(String, String)>,
    path: String,
    query: Vec<(String, String)>,
    body: Vec<u8>,
}

/// A header value with obs-fold line breaks replaced by one space, as RFC 9112 section 5.2 has
/// a recipient read them (the suite's multi-line value goes out folded onto one line).
fn unfold(value: &str) -> String {
    value
        .split('\n')
        .map(|l| l.trim_matches([' ', '\t', '\r']))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Wire {
    fn of(text: &str) -> Wire {
        let r = raw_http::parse(text)
            .unwrap_or_else(|e| panic!("a signed request parses: {e}\n{text}"))
            .request;
        let parts = split(&r.url).expect("the signed request's URL splits");
        let mut headers: Vec<(String, String)> = r
            .headers
            .iter()
            .map(|h| (h.name.to_ascii_lowercase(), unfold(&h.value)))
            .collect();
        // Names sort; values of one name keep their order (sort is stable).
        headers.sort_by(|a, b| a.0.cmp(&b.0));
        let mut query: Vec<(String, String)> = query::pairs(parts.query.as_deref().unwrap_or(""))
            .map(|p| (p.decoded_key(), p.decoded_value()))
            .collect();
        query.sort();
        Wire {
            method: r.method,
            headers,
            // Raw spaces and UTF-8 go out percent-encoded: compare what the paths say.
            path: query::decode_keep_plus(&parts.path),
            query,
            body: r.body,
        }
    }
}

fn run(case: &str, loc: Location) {
    let ctx = context(case);
    let prefix = if loc == Location::Header {
        "header"
    } else {
        "query"
    };
    let Some(expected_creq) = read(case, &format!("{prefix}-canonical-request.txt")) else {
        assert!(
            loc == Location::Query,
            "{case}: no {prefix} canonical request"
        );
        return; // The two old-format cases have no query variant.
    };
    let inputs = inputs(case, &ctx, loc);
    let now = timefmt::parse_instant(&ctx.timestamp).unwrap();
    let ex =
        explain(&inputs, now).unwrap_or_else(|e| panic!("{case} ({prefix}): explain failed: {e}"));

    assert_eq!(
        ex.signing.canonical_request.to_string(),
        expected_creq,
        "{case} ({prefix}): canonical request differs"
    );
    if let Some(expected_sts) = read(case, &format!("{prefix}-string-to-sign.txt")) {
        // double-url-encode's file ends with a newline the string to sign does not have.
        let expected_sts = expected_sts.strip_suffix('\n').unwrap_or(&expected_sts);
        assert_eq!(
            ex.signing.string_to_sign.to_string(),
            expected_sts,
            "{case} ({prefix}): string to sign differs"
        );
    }
    let expected_sig = read(case, &format!("{prefix}-signature.txt")).or_else(|| {
        // Old-format cases keep the signature only inside the signed request.
        read(case, &format!("{prefix}-signed-request.txt")).and_then(|s| {
            s.split("Signature=")
                .nth(1)
                .map(|t| t.trim().chars().take(64).collect())
        })
    });
    if let Some(expected_sig) =
        expected_sig.filter(|_| read(case, &format!("{prefix}-string-to-sign.txt")).is_some())
    {
        assert_eq!(
            ex.signing.signature.as_deref(),
            Some(expected_sig.trim()),
            "{case} ({prefix}): signature differs"
        );
        // The signed request carries the signature where the suite says.
        let signed = read(case, &format!("{prefix}-signed-request.txt")).unwrap_or_default();
        // And the whole request is the suite's: method, headers, path, query and body, as
        // aws-sigv4's own runner compares them (assert_requests_eq).
        if !signed.is_empty() {
            let ours = export::raw_http(&ex.signing.signed_request);
            assert_eq!(
                Wire::of(&ours),
                Wire::of(&signed),
                "{case} ({prefix}): the signed request differs from the suite's\nours:\n{ours}\nsuite:\n{signed}"
            );
        }
        if loc == Location::Header {
            let auth = ex
                .signing
                .authorization
                .as_deref()
                .expect("authorization header");
            assert!(
                signed.contains(auth),
                "{case}: Authorization {auth} not in the suite's signed request"
            );
        } else {
            let url = ex.signing.signed_url.as_deref().expect("signed url");
            assert!(
                url.contains(&format!("X-Amz-Signature={}", expected_sig.trim())),
                "{case}: {url}"
            );
        }
    }

    // Signed at its own time with well-formed (example) credentials: nothing to warn about.
    let serious: Vec<_> = ex
        .findings
        .iter()
        .filter(|f| f.severity != sigv4_lab::diagnose::Severity::Info)
        .collect();
    assert!(
        serious.is_empty(),
        "{case} ({prefix}): unexpected findings {serious:?}"
    );

    match &ex.signing.cross_check {
        Some(c) => assert!(
            c.agrees,
            "{case} ({prefix}): aws-sigv4 signed {} but we signed {:?}",
            c.signature, ex.signing.signature
        ),
        // Even the raw-space and raw-UTF-8 paths, which aws-sigv4 cannot parse as written,
        // are cross-checked: it is given their wire form.
        None => panic!(
            "{case} ({prefix}): aws-sigv4 did not sign: {:?}",
            ex.signing.cross_check_unavailable
        ),
    }
}

macro_rules! suite {
    ($($name:ident => $dir:literal,)*) => {
        $(
            mod $name {
                #[test]
                fn header() { super::run($dir, super::Location::Header) }
                #[test]
                fn query() { super::run($dir, super::Location::Query) }
            }
        )*

        /// Every directory of the suite has a test above, so a new case cannot be skipped silently.
        #[test]
        fn every_case_is_listed() {
            let listed: Vec<&str> = vec![$($dir),*];
            for name in common::case_names() {
                assert!(listed.contains(&name.as_str()), "suite case {name} has no test");
            }
            assert_eq!(listed.len(), common::case_names().len());
        }
    };
}

suite! {
    double_encode_path => "double-encode-path",
    double_url_encode => "double-url-encode",
    get_header_key_duplicate => "get-header-key-duplicate",
    get_header_value_multiline => "get-header-value-multiline",
    get_header_value_order => "get-header-value-order",
    get_header_value_trim => "get-header-value-trim",
    get_relative_normalized => "get-relative-normalized",
    get_relative_relative_normalized => "get-relative-relative-normalized",
    get_relative_relative_unnormalized => "get-relative-relative-unnormalized",
    get_relative_unnormalized => "get-relative-unnormalized",
    get_slash_dot_slash_normalized => "get-slash-dot-slash-normalized",
    get_slash_dot_slash_unnormalized => "get-slash-dot-slash-unnormalized",
    get_slash_normalized => "get-slash-normalized",
    get_slash_pointless_dot_normalized => "get-slash-pointless-dot-normalized",
    get_slash_pointless_dot_unnormalized => "get-slash-pointless-dot-unnormalized",
    get_slash_unnormalized => "get-slash-unnormalized",
    get_slashes_normalized => "get-slashes-normalized",
    get_slashes_unnormalized => "get-slashes-unnormalized",
    get_space_normalized => "get-space-normalized",
    get_space_unnormalized => "get-space-unnormalized",
    get_unreserved => "get-unreserved",
    get_utf8 => "get-utf8",
    get_vanilla => "get-vanilla",
    get_vanilla_empty_query_key => "get-vanilla-empty-query-key",
    get_vanilla_query => "get-vanilla-query",
    get_vanilla_query_order_encoded => "get-vanilla-query-order-encoded",
    get_vanilla_query_order_key_case => "get-vanilla-query-order-key-case",
    get_vanilla_query_unreserved => "get-vanilla-query-unreserved",
    get_vanilla_utf8_query => "get-vanilla-utf8-query",
    get_vanilla_with_session_token => "get-vanilla-with-session-token",
    post_header_key_case => "post-header-key-case",
    post_header_key_sort => "post-header-key-sort",
    post_header_value_case => "post-header-value-case",
    post_sts_header_after => "post-sts-header-after",
    post_sts_header_before => "post-sts-header-before",
    post_vanilla => "post-vanilla",
    post_vanilla_empty_query_value => "post-vanilla-empty-query-value",
    post_vanilla_query => "post-vanilla-query",
    post_x_www_form_urlencoded => "post-x-www-form-urlencoded",
    post_x_www_form_urlencoded_parameters => "post-x-www-form-urlencoded-parameters",
}
