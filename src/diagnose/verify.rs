//! Verifying an already-signed request: recompute with exactly what the client claimed, and when
//! the signatures differ, search the usual mistakes for the one that reproduces the client's.

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use crate::input::url;
use crate::input::{excerpt, quoted, Request, QUOTE_CHARS};
use crate::sigv4::canonical::{
    canonical_header_value, canonical_uri, decode_query_component, uri_encode,
};
use crate::sigv4::key::{sha256_hex, SigningKeyChain};
use crate::sigv4::{scope, timefmt, ExplainError, ALGORITHM};

/// What a signed request says about how it was signed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Claims {
    pub access_key_id: String,
    /// `YYYYMMDD` from the credential scope.
    pub date: String,
    pub region: String,
    pub service: String,
    pub terminator: String,
    /// X-Amz-Date (header or query).
    pub amz_date: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
    /// Query-string authentication (a presigned URL).
    pub presigned: bool,
    pub expires: Option<u64>,
}

fn err(message: impl Into<String>) -> ExplainError {
    ExplainError {
        field: "request",
        message: message.into(),
    }
}

/// Reads the claims from an Authorization header or X-Amz-* query parameters.
pub fn claims(req: &Request) -> Result<Claims, ExplainError> {
    let parts = url::split(&req.url)
        .map_err(|(m, _)| err(format!("The request URL cannot be used: {m}.")))?;
    let query: Vec<(String, String)> = parts
        .query
        .as_deref()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode_query_component(k), decode_query_component(v))
        })
        .collect();
    let q = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let (credential, signed, signature, presigned) = if let Some(auth) = req.header("authorization")
    {
        let auth = auth.trim();
        let rest = auth.strip_prefix(ALGORITHM).ok_or_else(|| {
            err(format!(
                "The Authorization header starts with {}, not AWS4-HMAC-SHA256: this request is not signed with SigV4.",
                quoted(auth.split_whitespace().next().unwrap_or(""))
            ))
        })?;
        let field = |name: &str| {
            rest.split(',').find_map(|kv| {
                let (k, v) = kv.trim().split_once('=')?;
                (k.trim() == name).then(|| v.trim().to_string())
            })
        };
        let get = |name: &str| {
            field(name)
                .ok_or_else(|| err(format!("The Authorization header has no {name}=… part.")))
        };
        (
            get("Credential")?,
            get("SignedHeaders")?,
            get("Signature")?,
            false,
        )
    } else if let Some(cred) = q("X-Amz-Credential") {
        let get = |name: &str| {
            q(name).ok_or_else(|| err(format!("The presigned URL has no {name} parameter.")))
        };
        (
            cred,
            get("X-Amz-SignedHeaders")?,
            get("X-Amz-Signature")?,
            true,
        )
    } else {
        return Err(err("The request carries no signature: no Authorization header and no X-Amz-Credential query parameter."));
    };
    let scope: Vec<&str> = credential.split('/').collect();
    if scope.len() != 5 {
        return Err(err(format!(
            "The Credential {} does not have the five parts KEY/YYYYMMDD/REGION/SERVICE/aws4_request.",
            quoted(&credential)
        )));
    }
    // A presigned URL carries its own X-Amz-Date; a header of that name is then just a header.
    let from_header = || req.header("x-amz-date").map(|v| v.trim().to_string());
    let amz_date = if presigned {
        q("X-Amz-Date").or_else(from_header)
    } else {
        from_header().or_else(|| q("X-Amz-Date"))
    };
    let amz_date = amz_date
        .ok_or_else(|| err("The request has no X-Amz-Date (header or query parameter), so its signing time is unknown."))?;
    Ok(Claims {
        access_key_id: scope[0].to_string(),
        date: scope[1].to_string(),
        region: scope[2].to_string(),
        service: scope[3].to_string(),
        terminator: scope[4].to_string(),
        amz_date,
        signed_headers: signed
            .split(';')
            .map(|h| h.trim().to_ascii_lowercase())
            .filter(|h| !h.is_empty())
            .collect(),
        signature: signature.trim().to_ascii_lowercase(),
        presigned,
        expires: q("X-Amz-Expires").and_then(|e| e.parse().ok()),
    })
}

/// How to build one candidate canonical request.
#[derive(Clone, Debug)]
struct Recipe {
    double_encode: bool,
    normalize: bool,
    /// `None`: the path as written; `Some(p)`: another path (trailing slash toggled).
    path: Option<String>,
    /// How the query is canonicalised.
    query: QueryStyle,
    signed_headers: Vec<String>,
    /// Header value overrides (lowercase name → value).
    header_values: Vec<(String, String)>,
    payload: String,
    amz_date: String,
    date: String,
    region: String,
    service: String,
    secret: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum QueryStyle {
    /// Decoded then re-encoded and sorted, as SigV4 says.
    Standard,
    /// `+` kept as a literal plus (encoded %2B) instead of a space.
    PlusIsPlus,
    /// Sorted, but not re-encoded (as written).
    AsWritten,
}

/// One recomputation: every intermediate value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Computed {
    pub canonical_request: String,
    pub canonical_request_hash: String,
    pub string_to_sign: String,
    pub signing_key_chain: Vec<(String, String)>,
    pub signature: String,
}

fn compute(req: &Request, r: &Recipe) -> Computed {
    let parts = url::split(&req.url).ok();
    let (path, query, authority) = match &parts {
        Some(p) => (
            p.path.clone(),
            p.query.clone().unwrap_or_default(),
            p.authority(),
        ),
        None => ("/".into(), String::new(), String::new()),
    };
    let uri = canonical_uri(
        r.path.as_deref().unwrap_or(&path),
        r.normalize,
        r.double_encode,
    );
    let mut params: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            if k.eq_ignore_ascii_case("X-Amz-Signature") {
                return None;
            }
            Some(match r.query {
                QueryStyle::Standard => (
                    uri_encode(&decode_query_component(k)),
                    uri_encode(&decode_query_component(v)),
                ),
                QueryStyle::PlusIsPlus => {
                    let d = |s: &str| {
                        percent_encoding::percent_decode_str(s)
                            .decode_utf8_lossy()
                            .into_owned()
                    };
                    (uri_encode(&d(k)), uri_encode(&d(v)))
                }
                QueryStyle::AsWritten => (k.to_string(), v.to_string()),
            })
        })
        .collect();
    params.sort();
    let query_line = params
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let mut header_lines = Vec::new();
    let mut sorted = r.signed_headers.clone();
    sorted.sort();
    for name in &sorted {
        let value = if let Some((_, v)) = r.header_values.iter().find(|(n, _)| n == name) {
            v.clone()
        } else {
            let values: Vec<String> = req
                .headers
                .iter()
                .filter(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| canonical_header_value(&h.value))
                .collect();
            if values.is_empty() && name == "host" {
                authority.clone()
            } else {
                values.join(",")
            }
        };
        header_lines.push(format!("{name}:{value}\n"));
    }
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        req.method.trim(),
        uri.canonical,
        query_line,
        header_lines.concat(),
        sorted.join(";"),
        r.payload
    );
    let canonical_request_hash = sha256_hex(canonical_request.as_bytes());
    let string_to_sign = format!(
        "{ALGORITHM}\n{}\n{}/{}/{}/aws4_request\n{canonical_request_hash}",
        r.amz_date, r.date, r.region, r.service
    );
    let chain = SigningKeyChain::derive(&r.secret, &r.date, &r.region, &r.service);
    let signature = chain.sign(&string_to_sign);
    Computed {
        signing_key_chain: chain
            .steps
            .iter()
            .map(|s| (s.name.to_string(), s.hex.clone()))
            .collect(),
        canonical_request,
        canonical_request_hash,
        string_to_sign,
        signature,
    }
}

/// A mistake that reproduces the client's signature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// "your client signed with …", one sentence.
    pub sentence: String,
    /// The step where the client's computation first left the correct one.
    pub first_difference: &'static str,
    pub computed: Computed,
}

/// The verdict on a signed request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    pub claims: Claims,
    /// The recomputation with exactly the claims.
    pub computed: Computed,
    pub matches: bool,
    /// `canonical_request`, `string_to_sign`, `signing_key` or `signature`, when known.
    pub first_difference: Option<&'static str>,
    pub variant: Option<Variant>,
    /// Other problems seen in the claims (a signed header missing from the request, ...).
    pub notes: Vec<String>,
}

/// Verifies `req` (signed by a client) against `secret`.
pub fn verify(req: &Request, secret: &str) -> Result<VerifyReport, ExplainError> {
    verify_with_body_hash(req, secret, None)
}

/// [`verify`], for a request whose body is known only by its SHA-256 (hex; `req.body` unused).
pub fn verify_with_body_hash(
    req: &Request,
    secret: &str,
    body_sha256: Option<&str>,
) -> Result<VerifyReport, ExplainError> {
    let body_hash = body_sha256
        .map(str::to_ascii_lowercase)
        .unwrap_or_else(|| sha256_hex(&req.body));
    let claims = claims(req)?;
    let mut notes = Vec::new();
    if timefmt::parse_amz_date(&claims.amz_date).is_none() {
        notes.push(format!(
            "X-Amz-Date {} is not in the form 20150830T123600Z.",
            quoted(&claims.amz_date)
        ));
    }
    if !claims.amz_date.starts_with(&claims.date) {
        notes.push(format!(
            "The credential scope's date {} is not the date of X-Amz-Date {}; AWS rejects that (date-scope-mismatch).",
            excerpt(&claims.date, QUOTE_CHARS),
            excerpt(&claims.amz_date, QUOTE_CHARS)
        ));
    }
    let missing: Vec<&String> = claims
        .signed_headers
        .iter()
        .filter(|h| *h != "host" && req.header(h).is_none())
        .collect();
    for h in missing.iter().take(MISSING_LISTED) {
        let h = excerpt(h, QUOTE_CHARS);
        notes.push(format!(
            "SignedHeaders lists {h}, but the request has no {h} header."
        ));
    }
    if missing.len() > MISSING_LISTED {
        notes.push(format!(
            "SignedHeaders lists {} more headers the request does not have.",
            crate::input::thousands(missing.len() - MISSING_LISTED)
        ));
    }
    let s3 = scope::is_s3_family(&claims.service);
    // S3 presigned URLs always sign UNSIGNED-PAYLOAD, whatever headers come along.
    let payload = match req.header("x-amz-content-sha256") {
        _ if claims.presigned && s3 => "UNSIGNED-PAYLOAD".into(),
        Some(v) => canonical_header_value(v),
        None => body_hash.clone(),
    };
    let base = Recipe {
        double_encode: !s3,
        normalize: !s3,
        path: None,
        query: QueryStyle::Standard,
        signed_headers: claims.signed_headers.clone(),
        header_values: vec![],
        payload: payload.clone(),
        amz_date: claims.amz_date.clone(),
        date: claims.date.clone(),
        region: claims.region.clone(),
        service: claims.service.clone(),
        secret: secret.to_string(),
    };
    let computed = compute(req, &base);
    let matches = computed.signature == claims.signature;
    let variant = if matches {
        None
    } else {
        search(req, &base, &claims, &body_hash)
    };
    Ok(VerifyReport {
        first_difference: if matches {
            None
        } else {
            variant.as_ref().map(|v| v.first_difference)
        },
        claims,
        computed,
        matches,
        variant,
        notes,
    })
}

/// How many signed-but-missing headers get a note of their own.
const MISSING_LISTED: usize = 5;

/// How many headers the search tries to add to or leave out of the signature, each.
const HEADER_TRIES: usize = 64;

/// Tries the usual mistakes one at a time; the first that reproduces the signature wins.
fn search(req: &Request, base: &Recipe, claims: &Claims, body_hash: &str) -> Option<Variant> {
    let mut tries: Vec<(String, &'static str, Recipe)> = Vec::new();
    let mut t = |sentence: String, step: &'static str, f: &dyn Fn(&mut Recipe)| {
        let mut r = base.clone();
        f(&mut r);
        tries.push((sentence, step, r));
    };
    // Secret first: the commonest cause, and it leaves every other step right.
    let secret = base.secret.clone();
    for (label, s) in [
        ("a trailing newline", format!("{secret}\n")),
        ("a trailing space", format!("{secret} ")),
        ("a leading space", format!(" {secret}")),
        ("a trailing CRLF", format!("{secret}\r\n")),
        (
            "the surrounding whitespace removed",
            secret.trim().to_string(),
        ),
    ] {
        if s != secret {
            t(
                format!("your client signed with the secret access key with {label}"),
                "signing_key",
                &|r| r.secret = s.clone(),
            );
        }
    }
    if base.double_encode {
        t(
            "your client signed with the path encoded once (S3 style) instead of twice".into(),
            "canonical_request",
            &|r| r.double_encode = false,
        );
    } else {
        t(
            "your client signed with the path encoded twice, but S3 signs it encoded once".into(),
            "canonical_request",
            &|r| r.double_encode = true,
        );
    }
    t(
        format!(
            "your client signed with dot segments {} in the path",
            if base.normalize { "left" } else { "removed" }
        ),
        "canonical_request",
        &|r| r.normalize = !base.normalize,
    );
    t(
        "your client signed with '+' in the query as a plus sign, not a space (%20)".into(),
        "canonical_request",
        &|r| r.query = QueryStyle::PlusIsPlus,
    );
    t(
        "your client signed the query as written, without re-encoding it".into(),
        "canonical_request",
        &|r| r.query = QueryStyle::AsWritten,
    );
    if let Some(p) = url::split(&req.url).ok().map(|u| u.path) {
        let toggled = if p.ends_with('/') && p.len() > 1 {
            p.trim_end_matches('/').to_string()
        } else {
            format!("{p}/")
        };
        let desc = if p.ends_with('/') {
            "without the trailing slash"
        } else {
            "with a trailing slash"
        };
        t(
            format!("your client signed the path {desc}"),
            "canonical_request",
            &|r| r.path = Some(toggled.clone()),
        );
    }
    // One try per header: the first few are enough (a hostile paste of thousands of signed
    // headers would recompute a huge canonical request once per header).
    for h in req.headers.iter().take(HEADER_TRIES) {
        let n = h.name.to_ascii_lowercase();
        if !claims.signed_headers.contains(&n) && n != "authorization" {
            t(
                format!(
                    "your client also signed the {} header",
                    excerpt(&n, QUOTE_CHARS)
                ),
                "canonical_request",
                &|r| r.signed_headers.push(n.clone()),
            );
        }
    }
    for (i, n) in claims.signed_headers.iter().enumerate() {
        if i < HEADER_TRIES {
            t(
                format!(
                    "your client signed without the {} header",
                    excerpt(n, QUOTE_CHARS)
                ),
                "canonical_request",
                &|r| r.signed_headers.retain(|x| x != n),
            );
        }
        if n == "content-type" {
            if let Some(v) = req.header("content-type").filter(|v| v.contains(';')) {
                let bare = v.split(';').next().unwrap_or("").trim().to_string();
                t(
                    format!(
                        "your client signed Content-Type {} and its HTTP library added the rest",
                        quoted(&bare)
                    ),
                    "canonical_request",
                    &|r| r.header_values.push(("content-type".into(), bare.clone())),
                );
            }
        }
        if n == "host" {
            if let Ok(u) = url::split(&req.url) {
                let port = if u.scheme == "https" { 443 } else { 80 };
                let with = format!("{}:{}", u.host, u.port.unwrap_or(port));
                t(
                    format!(
                        "your client signed the Host as {}, with the port",
                        excerpt(&with, QUOTE_CHARS)
                    ),
                    "canonical_request",
                    &|r| r.header_values.push(("host".into(), with.clone())),
                );
                let without = u.host.clone();
                t(
                    format!(
                        "your client signed the Host as {}, without the port",
                        excerpt(&without, QUOTE_CHARS)
                    ),
                    "canonical_request",
                    &|r| r.header_values.push(("host".into(), without.clone())),
                );
            }
        }
    }
    let empty = sha256_hex(b"");
    let body = body_hash.to_string();
    for (label, p) in [
        ("UNSIGNED-PAYLOAD", "UNSIGNED-PAYLOAD".to_string()),
        ("the SHA-256 of an empty body", empty),
        ("the SHA-256 of the body", body),
    ] {
        if p != base.payload {
            t(
                format!("your client signed with {label} as the payload hash"),
                "canonical_request",
                &|r| r.payload = p.clone(),
            );
        }
    }
    if let Some(at) = timefmt::parse_amz_date(&claims.amz_date) {
        let mut offsets: Vec<i64> = (1..=15).flat_map(|m| [m * 60, -m * 60]).collect();
        offsets.extend((1..=14).flat_map(|h| [h * 3600, -h * 3600]));
        for secs in offsets {
            let other: OffsetDateTime = at + Duration::seconds(secs);
            let stamp = timefmt::amz_date(other);
            let minutes = secs / 60;
            let desc = if secs.abs() >= 3600 {
                format!("{} h", secs / 3600)
            } else {
                format!("{minutes} min")
            };
            t(
                format!(
                    "your client signed with the time {stamp} ({desc} from the X-Amz-Date it sent)"
                ),
                "string_to_sign",
                &|r| {
                    r.amz_date = stamp.clone();
                    r.date = stamp[..8].to_string();
                    // The client signed its own x-amz-date header too.
                    r.header_values.push(("x-amz-date".into(), stamp.clone()));
                },
            );
        }
    }
    let host_facts = url::split(&req.url).ok().map(|u| scope::from_host(&u.host));
    let mut regions: Vec<String> = [
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
        "ap-southeast-1",
        "ap-northeast-1",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if let Some((r, _)) = host_facts.as_ref().and_then(|f| f.region.clone()) {
        regions.insert(0, r);
    }
    for region in regions.into_iter().filter(|r| *r != claims.region) {
        t(format!("your client derived the signing key for region {region}, though the Credential says {}", claims.region), "string_to_sign", &|r| r.region = region.clone());
    }
    let mut services: Vec<String> = vec![
        "execute-api".into(),
        "s3".into(),
        "lambda".into(),
        "es".into(),
        "sts".into(),
        "iam".into(),
    ];
    if let Some((s, _)) = host_facts.as_ref().and_then(|f| f.service.clone()) {
        services.insert(0, s);
    }
    for service in services.into_iter().filter(|s| *s != claims.service) {
        t(format!("your client derived the signing key for service {service}, though the Credential says {}", claims.service), "string_to_sign", &|r| r.service = service.clone());
    }
    tries.into_iter().find_map(|(sentence, step, recipe)| {
        let c = compute(req, &recipe);
        (c.signature == claims.signature).then_some(Variant {
            sentence,
            first_difference: step,
            computed: c,
        })
    })
}

/// Findings a verification reveals (beyond those of the inputs themselves).
pub fn findings(report: &VerifyReport, req: &Request) -> Vec<super::Finding> {
    use super::{finding, Severity};
    let mut out = Vec::new();
    let c = &report.claims;
    if !report.matches {
        let (title, detail) = match &report.variant {
            Some(v) => (
                format!("The signature does not match: {}", v.sentence),
                format!(
                    "Recomputed from the request's own claims (scope {}/{}/{}/{}, SignedHeaders {}), the signature is {}, not the {} it carries. \
                     Signing it the way {} reproduces the client's signature exactly.",
                    c.date, c.region, c.service, c.terminator, c.signed_headers.join(";"), report.computed.signature, c.signature,
                    v.sentence.trim_start_matches("your client signed ").trim_start_matches("your client ")
                ),
            ),
            None => (
                "The signature does not match the secret".to_string(),
                format!(
                    "Recomputed from the request's own claims, the signature is {}, not the {} it carries, and none of the usual mistakes \
                     (encoding, headers, payload hash, date, region, service, whitespace in the secret) reproduces it: most likely the \
                     request was signed with another secret access key.",
                    report.computed.signature, c.signature
                ),
            ),
        };
        out.push(finding(
            "signature-mismatch",
            Severity::Error,
            "signature",
            title,
            detail,
            "Fix the client's signing the way the title says, or check that the secret belongs to the access key in the Credential.",
        ));
    }
    if !c.amz_date.starts_with(&c.date) {
        out.push(finding(
            "date-scope-mismatch",
            Severity::Error,
            "string-to-sign",
            "The credential scope's date is not the request's date",
            format!("The Credential says {}, X-Amz-Date says {}. AWS answers \"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP\".", c.date, c.amz_date),
            "Take both from one UTC instant.",
        ));
    }
    let s3 = scope::is_s3_family(&c.service);
    let mut unsigned: Vec<String> = req
        .headers
        .iter()
        .map(|h| h.name.to_ascii_lowercase())
        .filter(|n| !c.signed_headers.contains(n))
        .filter(|n| {
            (n.starts_with("x-amz-")
                && (s3
                    || n == "x-amz-date"
                    || n == "x-amz-security-token"
                    || n == "x-amz-content-sha256"))
                || n == "host"
        })
        .collect();
    if !c.presigned
        && !c.signed_headers.iter().any(|h| h == "host")
        && !unsigned.contains(&"host".to_string())
    {
        unsigned.push("host".into());
    }
    unsigned.dedup();
    if !unsigned.is_empty() {
        let token_only = unsigned == ["x-amz-security-token"];
        out.push(finding(
            if token_only { "session-token-unsigned" } else { "header-not-signed" },
            Severity::Error,
            "canonical-request",
            format!("Sent but not signed: {}", unsigned.join(", ")),
            format!(
                "SignedHeaders is {}; AWS requires host{} to be signed.",
                c.signed_headers.join(";"),
                if s3 { " and every x-amz-* header (S3: AccessDenied, \"There were headers present in the request which were not signed\")" } else { ", x-amz-date and x-amz-security-token" }
            ),
            "Sign those headers too, or stop sending them.",
        ));
    }
    out
}
