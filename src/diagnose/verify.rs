//! Verifying an already-signed request: recompute with exactly what the client claimed, and when
//! the signatures differ, search the usual mistakes for the one that reproduces the client's.

use time::{Duration, OffsetDateTime};

use super::{Check, Concern, Finding, FindingId, Severity};
use crate::http::url::{self, UrlParts};
use crate::http::{
    header, param, query, ALGORITHM, EMPTY_SHA256, SCOPE_TERMINATOR, UNSIGNED_PAYLOAD,
};
use crate::input::{Field, Request};
use crate::sigv4::canonical::{self, canonical_header_value, Overrides, QueryStyle};
use crate::sigv4::key::{sha256_hex, SigningKeyChain, StringToSign};
use crate::sigv4::prepare::{as_claimed, Prepared};
use crate::sigv4::{scope, Rules, SignError, Step};
use crate::text::{excerpt, quoted, thousands, QUOTE_CHARS};
use crate::timefmt;

/// What a signed request says about how it was signed.
#[derive(Clone, Debug, PartialEq, Eq)]
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

fn err(message: impl Into<String>) -> SignError {
    SignError {
        field: Field::Request,
        message: message.into(),
    }
}

/// Reads the claims from an Authorization header or X-Amz-* query parameters.
pub fn claims(req: &Request) -> Result<Claims, SignError> {
    let parts = url::split(&req.url)
        .map_err(|e| err(format!("The request URL cannot be used: {}.", e.message)))?;
    let raw_query = parts.query.as_deref().unwrap_or("");
    let q = |name: &str| query::find(raw_query, name);
    let (credential, signed, signature, presigned) = if let Some(auth) =
        req.header(header::AUTHORIZATION)
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
    } else if let Some(cred) = q(param::X_AMZ_CREDENTIAL) {
        let get = |name: &str| {
            q(name).ok_or_else(|| err(format!("The presigned URL has no {name} parameter.")))
        };
        (
            cred,
            get(param::X_AMZ_SIGNED_HEADERS)?,
            get(param::X_AMZ_SIGNATURE)?,
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
    let from_header = || req.header(header::X_AMZ_DATE).map(|v| v.trim().to_string());
    let amz_date = if presigned {
        q(param::X_AMZ_DATE).or_else(from_header)
    } else {
        from_header().or_else(|| q(param::X_AMZ_DATE))
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
        expires: q(param::X_AMZ_EXPIRES).and_then(|e| e.parse().ok()),
    })
}

/// How to build one candidate canonical request: the claims, and what a mistake changes.
#[derive(Clone, Debug)]
struct Recipe {
    double_encode: bool,
    normalize: bool,
    /// The claimed signed headers, other values, another path, another query reading.
    overrides: Overrides,
    payload: String,
    amz_date: String,
    date: String,
    region: String,
    service: String,
    secret: String,
}

/// One recomputation: every intermediate value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Computed {
    pub canonical_request: String,
    pub canonical_request_hash: String,
    pub string_to_sign: String,
    pub signing_key_chain: Vec<(String, String)>,
    pub signature: String,
}

/// Recomputes the signature of `prepared` the way `r` says, with the engine's own builder.
fn compute(prepared: &Prepared<'_>, r: &Recipe) -> Computed {
    // As claimed: nothing is added (the request carries its own X-Amz-* headers and parameters).
    let rules = Rules {
        s3_rules: false,
        normalize_path: r.normalize,
        double_encode: r.double_encode,
        sign_body: false,
        presign: false,
        expires: None,
        token_signed: false,
    };
    let creq = canonical::build(
        &canonical::Parts {
            prepared,
            rules: &rules,
            payload: &r.payload,
            amz_date: &r.amz_date,
            credential: "",
            token: None,
        },
        &r.overrides,
    );
    let canonical_request = creq.to_string();
    let canonical_request_hash = sha256_hex(canonical_request.as_bytes());
    let string_to_sign = StringToSign {
        amz_date: r.amz_date.clone(),
        scope: format!("{}/{}/{}/{SCOPE_TERMINATOR}", r.date, r.region, r.service),
        canonical_request_hash: canonical_request_hash.clone(),
    }
    .to_string();
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

/// The first stage at which a client's signing left the correct one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    CanonicalRequest,
    StringToSign,
    SigningKey,
    Signature,
}

/// A stage equals its name in the CLI's JSON.
impl PartialEq<&str> for Stage {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Stage {
    /// As the CLI's JSON writes it (`canonical_request`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::CanonicalRequest => "canonical_request",
            Stage::StringToSign => "string_to_sign",
            Stage::SigningKey => "signing_key",
            Stage::Signature => "signature",
        }
    }
}

/// A mistake that reproduces the client's signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// "your client signed with …", one sentence.
    pub sentence: String,
    /// The recomputation that reproduces it, to follow "Recomputed with" (a phrase).
    pub what: String,
    /// The step where the client's computation first left the correct one.
    pub first_difference: Stage,
    pub computed: Computed,
}

/// The verdict on a signed request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyReport {
    pub claims: Claims,
    /// The recomputation with exactly the claims.
    pub computed: Computed,
    pub matches: bool,
    /// Where the client's signing first left the correct one, when a mistake shows it.
    pub first_difference: Option<Stage>,
    pub variant: Option<Variant>,
    /// Other problems seen in the claims (a signed header missing from the request, ...).
    pub notes: Vec<String>,
}

/// Verifies `req` (signed by a client) against `secret`.
pub fn verify(req: &Request, secret: &str) -> Result<VerifyReport, SignError> {
    verify_with_body_hash(req, secret, None)
}

/// [`verify`], for a request whose body is known only by its SHA-256 (hex; `req.body` unused).
pub fn verify_with_body_hash(
    req: &Request,
    secret: &str,
    body_sha256: Option<&str>,
) -> Result<VerifyReport, SignError> {
    let body_hash = body_sha256
        .map(str::to_ascii_lowercase)
        .unwrap_or_else(|| sha256_hex(&req.body));
    let claims = claims(req)?;
    let prepared = as_claimed(req)
        .map_err(|e| err(format!("The request URL cannot be used: {}.", e.message)))?;
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
    // A signed Content-Length that the pasted request lacks ("copy as cURL" leaves it out, and
    // curl sends it): it is the body's length.
    let mut header_values = Vec::new();
    if body_sha256.is_none()
        && claims
            .signed_headers
            .iter()
            .any(|h| h == header::CONTENT_LENGTH)
        && req.header(header::CONTENT_LENGTH).is_none()
    {
        let len = req.body.len().to_string();
        notes.push(format!("SignedHeaders lists content-length, but the request has no Content-Length header; it is taken as {len}, the length of the body, which curl and HTTP libraries send."));
        header_values.push((header::CONTENT_LENGTH.to_string(), len));
    }
    let missing: Vec<&String> = claims
        .signed_headers
        .iter()
        .filter(|h| *h != header::HOST && *h != header::CONTENT_LENGTH && req.header(h).is_none())
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
            thousands(missing.len() - MISSING_LISTED)
        ));
    }
    let s3 = scope::is_s3_family(&claims.service);
    // S3 presigned URLs always sign UNSIGNED-PAYLOAD, whatever headers come along.
    let payload = match req.header(header::X_AMZ_CONTENT_SHA256) {
        _ if claims.presigned && s3 => UNSIGNED_PAYLOAD.into(),
        Some(v) => canonical_header_value(v),
        None => body_hash.clone(),
    };
    let base = Recipe {
        double_encode: !s3,
        normalize: !s3,
        overrides: Overrides {
            signed_headers: Some(claims.signed_headers.clone()),
            header_values,
            ..Overrides::default()
        },
        payload: payload.clone(),
        amz_date: claims.amz_date.clone(),
        date: claims.date.clone(),
        region: claims.region.clone(),
        service: claims.service.clone(),
        secret: secret.to_string(),
    };
    let computed = compute(&prepared, &base);
    let matches = computed.signature == claims.signature;
    let variant = if matches {
        None
    } else {
        search(req, &prepared, &base, &claims, &body_hash)
    };
    if !matches && variant.is_none() {
        if let Some(q) = prepared.query.as_deref().filter(|q| q.contains('+')) {
            let line = |style| {
                canonical::canonical_query(Some(q), style)
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join("&")
            };
            notes.push(format!(
                "The query holds a '+', which services read differently: as a space it signs as {}, as a plus sign as {}. Send %20 or %2B instead, so there is only one reading.",
                quoted(&line(QueryStyle::Standard)),
                quoted(&line(QueryStyle::PlusIsPlus))
            ));
        }
    }
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

/// How many characters of a claimed list (signed headers) a finding quotes.
const LIST_CHARS: usize = 200;
/// How many characters of a carried signature a finding quotes (a real one has 64).
const SIGNATURE_CHARS: usize = 80;

/// How many signed-but-missing headers get a note of their own.
const MISSING_LISTED: usize = 5;

/// How many headers the search tries to add to or leave out of the signature, each.
const HEADER_TRIES: usize = 64;

/// Tries the usual mistakes one at a time; the first that reproduces the signature wins.
fn search(
    req: &Request,
    prepared: &Prepared<'_>,
    base: &Recipe,
    claims: &Claims,
    body_hash: &str,
) -> Option<Variant> {
    let url: &UrlParts = &prepared.url;
    let mut tries: Vec<(String, String, Stage, Recipe)> = Vec::new();
    // `sentence`: what the client did ("your client signed with …"); `what`: the recomputation
    // that reproduces it, to follow "Recomputed with".
    let mut t = |sentence: String, what: String, step: Stage, f: &dyn Fn(&mut Recipe)| {
        let mut r = base.clone();
        f(&mut r);
        tries.push((sentence, what, step, r));
    };
    // Secret first: the commonest cause, and it leaves every other step right.
    let secret = base.secret.clone();
    for (label, s) in [
        ("a trailing newline", format!("{secret}\n")),
        ("a trailing space", format!("{secret} ")),
        ("a leading space", format!(" {secret}")),
        ("a trailing CRLF", format!("{secret}\r\n")),
    ] {
        t(
            format!("your client signed with the secret access key with {label}"),
            format!("the secret access key with {label}"),
            Stage::SigningKey,
            &|r| r.secret = s.clone(),
        );
    }
    let trimmed = secret.trim().to_string();
    if trimmed != secret {
        // The whitespace is in the secret given here, not in the client's.
        t(
            "the secret access key given here has whitespace around it; without it, it gives exactly the client's signature".into(),
            "the secret access key given here without its surrounding whitespace".into(),
            Stage::SigningKey,
            &|r| r.secret = trimmed.clone(),
        );
    }
    if base.double_encode {
        t(
            "your client signed with the path encoded once (S3 style) instead of twice".into(),
            "the path encoded once (S3 style) instead of twice".into(),
            Stage::CanonicalRequest,
            &|r| r.double_encode = false,
        );
    } else {
        t(
            "your client signed with the path encoded twice, but S3 signs it encoded once".into(),
            "the path encoded twice (S3 signs it encoded once)".into(),
            Stage::CanonicalRequest,
            &|r| r.double_encode = true,
        );
    }
    let dots = if base.normalize { "left" } else { "removed" };
    t(
        format!("your client signed with dot segments {dots} in the path"),
        format!("the path's dot segments {dots}"),
        Stage::CanonicalRequest,
        &|r| r.normalize = !base.normalize,
    );
    t(
        "your client signed with '+' in the query as a plus sign, not a space (%20)".into(),
        "each '+' in the query read as a plus sign (%2B) instead of a space (%20)".into(),
        Stage::CanonicalRequest,
        &|r| r.overrides.query = QueryStyle::PlusIsPlus,
    );
    t(
        "your client signed the query as written, without re-encoding it".into(),
        "the query as written, not re-encoded".into(),
        Stage::CanonicalRequest,
        &|r| r.overrides.query = QueryStyle::AsWritten,
    );
    if claims.presigned
        && prepared
            .query
            .as_deref()
            .is_some_and(|q| query::pairs(q).any(|p| p.key == param::X_AMZ_SECURITY_TOKEN))
        && !claims.signed_headers.is_empty()
    {
        t(
            "your client added X-Amz-Security-Token to the URL after signing it".into(),
            "X-Amz-Security-Token left out of the canonical query (added after signing)".into(),
            Stage::CanonicalRequest,
            &|r| {
                r.overrides
                    .omit_query
                    .push(param::X_AMZ_SECURITY_TOKEN.to_string())
            },
        );
    }
    {
        let p = &url.path;
        let toggled = if p.ends_with('/') && p.len() > 1 {
            p.trim_end_matches('/').to_string()
        } else {
            format!("{p}/")
        };
        let desc = if toggled.ends_with('/') {
            "with a trailing slash"
        } else {
            "without the trailing slash"
        };
        t(
            format!("your client signed the path {desc}"),
            format!("the path {desc}"),
            Stage::CanonicalRequest,
            &|r| r.overrides.path = Some(toggled.clone()),
        );
    }
    // One try per header: the first few are enough (a hostile paste of thousands of signed
    // headers would recompute a huge canonical request once per header).
    for h in req.headers.iter().take(HEADER_TRIES) {
        let n = h.name.to_ascii_lowercase();
        if !claims.signed_headers.contains(&n) && n != header::AUTHORIZATION {
            let name = excerpt(&n, QUOTE_CHARS);
            t(
                format!("your client also signed the {name} header"),
                format!("the {name} header signed too"),
                Stage::CanonicalRequest,
                &|r| {
                    if let Some(names) = &mut r.overrides.signed_headers {
                        names.push(n.clone());
                    }
                },
            );
        }
    }
    for (i, n) in claims.signed_headers.iter().enumerate() {
        if i < HEADER_TRIES {
            let name = excerpt(n, QUOTE_CHARS);
            t(
                format!("your client signed without the {name} header"),
                format!("the {name} header left out of the signature"),
                Stage::CanonicalRequest,
                &|r| {
                    if let Some(names) = &mut r.overrides.signed_headers {
                        names.retain(|x| x != n);
                    }
                },
            );
        }
        if n == header::CONTENT_TYPE {
            if let Some(v) = req.header(header::CONTENT_TYPE).filter(|v| v.contains(';')) {
                let bare = v.split(';').next().unwrap_or("").trim().to_string();
                t(
                    format!(
                        "your client signed Content-Type {} and its HTTP library added the rest",
                        quoted(&bare)
                    ),
                    format!(
                        "Content-Type {} (without what follows the ';')",
                        quoted(&bare)
                    ),
                    Stage::CanonicalRequest,
                    &|r| {
                        r.overrides
                            .header_values
                            .push((header::CONTENT_TYPE.into(), bare.clone()))
                    },
                );
            } else if let Some(v) = req
                .header(header::CONTENT_TYPE)
                .map(str::trim)
                .filter(|v| !v.is_empty())
            {
                // The other way round: botocore and most SDKs sign "; charset=utf-8" after a
                // form or JSON type, and a proxy or HTTP library on the way drops it.
                let with = format!("{v}; charset=utf-8");
                t(
                    format!(
                        "your client signed Content-Type {} and something on the way dropped the charset",
                        quoted(&with)
                    ),
                    format!("Content-Type {}", quoted(&with)),
                    Stage::CanonicalRequest,
                    &|r| {
                        r.overrides
                            .header_values
                            .push((header::CONTENT_TYPE.into(), with.clone()))
                    },
                );
            }
        }
        if n == header::HOST {
            let u = url;
            let port = if u.scheme == "https" { 443 } else { 80 };
            let with = format!("{}:{}", u.host, u.port.unwrap_or(port));
            // Hosts are quoted whole enough that the port is never what is cut.
            let with_q = excerpt(&with, HOST_CHARS);
            t(
                format!("your client signed the Host as {with_q}, with the port"),
                format!("the Host {with_q}, with the port"),
                Stage::CanonicalRequest,
                &|r| {
                    r.overrides
                        .header_values
                        .push((header::HOST.into(), with.clone()))
                },
            );
            let without = u.host.clone();
            let without_q = excerpt(&without, HOST_CHARS);
            t(
                format!("your client signed the Host as {without_q}, without the port"),
                format!("the Host {without_q}, without the port"),
                Stage::CanonicalRequest,
                &|r| {
                    r.overrides
                        .header_values
                        .push((header::HOST.into(), without.clone()))
                },
            );
        }
    }
    let empty = EMPTY_SHA256.to_string();
    let body = body_hash.to_string();
    for (label, p) in [
        (UNSIGNED_PAYLOAD, UNSIGNED_PAYLOAD.to_string()),
        ("the SHA-256 of an empty body", empty),
        ("the SHA-256 of the body", body),
    ] {
        if p != base.payload {
            t(
                format!("your client signed with {label} as the payload hash"),
                format!("{label} as the payload hash"),
                Stage::CanonicalRequest,
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
                format!("the time {stamp} ({desc} from the X-Amz-Date sent)"),
                Stage::StringToSign,
                &|r| {
                    r.amz_date = stamp.clone();
                    r.date = stamp[..8].to_string();
                    // The client signed its own x-amz-date header too.
                    r.overrides
                        .header_values
                        .push((header::X_AMZ_DATE.into(), stamp.clone()));
                },
            );
        }
    }
    let host_facts = scope::from_host(&url.host);
    let mut regions: Vec<String> = SEARCHED_REGIONS.iter().map(|s| s.to_string()).collect();
    if let Some((r, _)) = host_facts.region.clone() {
        regions.insert(0, r);
    }
    let claimed_region = excerpt(&claims.region, QUOTE_CHARS);
    for region in regions.into_iter().filter(|r| *r != claims.region) {
        t(
            format!("your client derived the signing key for region {region}, though the Credential says {claimed_region}"),
            format!("the signing key derived for region {region} (the Credential says {claimed_region})"),
            Stage::StringToSign,
            &|r| r.region = region.clone(),
        );
    }
    let mut services: Vec<String> = SEARCHED_SERVICES.iter().map(|s| s.to_string()).collect();
    if let Some((s, _)) = host_facts.service.clone() {
        services.insert(0, s);
    }
    let claimed_service = excerpt(&claims.service, QUOTE_CHARS);
    for service in services.into_iter().filter(|s| *s != claims.service) {
        t(
            format!("your client derived the signing key for service {service}, though the Credential says {claimed_service}"),
            format!("the signing key derived for service {service} (the Credential says {claimed_service})"),
            Stage::StringToSign,
            &|r| r.service = service.clone(),
        );
    }
    tries
        .into_iter()
        .find_map(|(sentence, what, step, recipe)| {
            let c = compute(prepared, &recipe);
            (c.signature == claims.signature).then_some(Variant {
                sentence,
                what,
                first_difference: step,
                computed: c,
            })
        })
}

/// The regions and services the search derives keys for, besides the host's own.
const SEARCHED_REGIONS: [&str; 8] = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-1",
    "ap-northeast-1",
];
const SEARCHED_SERVICES: [&str; 6] = ["execute-api", "s3", "lambda", "es", "sts", "iam"];

/// How many characters of a host a sentence quotes: enough that a port is never cut off.
const HOST_CHARS: usize = 260;

/// Signed headers that proxies, load balancers and HTTP libraries change on the way (IAM's list
/// of headers not to sign, plus those seen rewritten in the wild: see user-demand §1.4).
const VOLATILE: [&str; 13] = [
    "content-type",
    "content-length",
    "accept-encoding",
    "host",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "expect",
    "te",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
    "date",
];

/// `signature-mismatch` from a verification: the mistake that reproduces the client's
/// signature, or, when none does, what was searched and what remains, most likely first
/// (never one guess stated as likely).
fn signature_mismatch(
    report: &VerifyReport,
    req: &Request,
    q: &dyn Fn(&str) -> String,
    signed_list: &str,
    carried: &str,
) -> Finding {
    let c = &report.claims;
    let recomputed = format!(
        "Recomputed from the request's own claims (scope {}/{}/{}/{}, SignedHeaders {}), the signature is {}, not the {} it carries.",
        q(&c.date),
        q(&c.region),
        q(&c.service),
        q(&c.terminator),
        signed_list,
        report.computed.signature,
        carried
    );
    let fix_client = "Fix the client's signing the way the title says, or check that the secret belongs to the access key in the Credential.";
    let finding = |title: String, detail: String, fix: &str, checks: Vec<Check>| Finding {
        id: FindingId::SignatureMismatch,
        severity: Severity::Error,
        concerns: Concern::Step(Step::Signature),
        title,
        detail,
        fix: fix.to_string(),
        checks,
        ruled_out: Vec::new(),
    };
    if let Some(v) = &report.variant {
        if v.first_difference == Stage::SigningKey
            && v.sentence.starts_with("the secret access key given here")
        {
            return finding(
                "The client's signature is right: the secret given here has whitespace around it".into(),
                format!("{recomputed} Recomputed with {}, it is exactly the client's: the client signed with the right secret, and the copy given here has a space, tab or line break around it.", v.what),
                "Remove the whitespace from the secret given here; nothing needs fixing in the client.",
                Vec::new(),
            );
        }
        return finding(
            format!("The signature does not match: {}", v.sentence),
            format!("{recomputed} Recomputed with {}, it is exactly the client's: that is how the client signed.", v.what),
            fix_client,
            Vec::new(),
        );
    }
    let volatile: Vec<&str> = c
        .signed_headers
        .iter()
        .map(String::as_str)
        .filter(|h| {
            VOLATILE.contains(h) || h.starts_with("x-forwarded-") || h.starts_with("proxy-")
        })
        .collect();
    let mut checks = Vec::new();
    if !volatile.is_empty() {
        checks.push(Check {
            cause: format!(
                "A signed header changed after signing: {} {} signed, and proxies, load balancers and HTTP libraries rewrite such headers (a charset added to Content-Type, a port added to Host, accept-encoding or connection changed).",
                excerpt(&volatile.join(", "), LIST_CHARS),
                if volatile.len() == 1 { "is" } else { "are" }
            ),
            how: "compare the request as sent with what the client signed: the client's debug log (botocore: logging at DEBUG; AWS CLI: --debug; curl: -v) shows its canonical request; a capture shows what arrived".into(),
        });
    } else {
        checks.push(Check {
            cause: "A signed header changed after signing (its value rewritten on the way).".into(),
            how: "compare the request as sent with the client's canonical request in its debug log (botocore: logging at DEBUG; AWS CLI: --debug)".into(),
        });
    }
    if !req.body.is_empty() || req.header(header::X_AMZ_CONTENT_SHA256).is_some() {
        checks.push(Check {
            cause: "The body changed after signing (JSON re-serialized, compressed, or re-encoded), so its hash is not the one signed.".into(),
            how: "hash the body exactly as sent (sha256sum) and compare it with the canonical request's last line".into(),
        });
    }
    checks.push(Check {
        cause: format!("Another secret signed it: the secret of another key, or of the key {} before it was rotated.", q(&c.access_key_id)),
        how: "check the secret belongs to the access key id in the Credential: `aws sts get-caller-identity` with this key and secret; `aws iam list-access-keys` shows the user's keys".into(),
    });
    checks.push(Check {
        cause: "The path or the query was re-encoded on the way, or the client signed another one than it sent.".into(),
        how: "compare the canonical request's second and third lines with the client's (its debug log)".into(),
    });
    finding(
        "The signature does not match, and no usual mistake reproduces it".into(),
        format!(
            "{recomputed} Searched, without a match: whitespace around the secret, the path encoded once or twice, dot segments, '+' in the query, the query as written, a trailing slash, each header in or out of the signature, Content-Type with and without a charset, the Host with and without its port, three payload hashes, the time ±15 min and ±14 h, {} regions and {} services. What remains is below, most likely first.",
            SEARCHED_REGIONS.len() + 1,
            SEARCHED_SERVICES.len() + 1
        ),
        "Find which of the checks below applies; the secret is only one of them.",
        checks,
    )
}

/// Findings a verification reveals (beyond those of the inputs themselves).
pub fn findings(report: &VerifyReport, req: &Request) -> Vec<Finding> {
    let mut out = Vec::new();
    let c = &report.claims;
    // What the request claims is quoted, never echoed: a pasted signature may be a megabyte.
    let q = |s: &str| excerpt(s, QUOTE_CHARS);
    let signed_list = excerpt(&c.signed_headers.join(";"), LIST_CHARS);
    let carried = excerpt(&c.signature, SIGNATURE_CHARS);
    if !report.matches {
        out.push(signature_mismatch(report, req, &q, &signed_list, &carried));
    }
    if !c.amz_date.starts_with(&c.date) {
        out.push(Finding {
            id: FindingId::DateScopeMismatch,
            severity: Severity::Error,
            concerns: Concern::Step(Step::StringToSign),
            title: "The credential scope's date is not the request's date".into(),
            detail: format!("The Credential says {}, X-Amz-Date says {}. AWS answers \"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP\".", q(&c.date), q(&c.amz_date)),
            fix: "Take both from one UTC instant.".into(),
            checks: Vec::new(),
            ruled_out: Vec::new(),
        });
    }
    let s3 = scope::is_s3_family(&c.service);
    let mut unsigned: Vec<String> = req
        .headers
        .iter()
        .map(|h| h.name.to_ascii_lowercase())
        .filter(|n| !c.signed_headers.contains(n))
        .filter(|n| {
            (n.starts_with(header::X_AMZ_PREFIX)
                && (s3
                    || n == header::X_AMZ_DATE
                    || n == header::X_AMZ_SECURITY_TOKEN
                    || n == header::X_AMZ_CONTENT_SHA256))
                || n == header::HOST
        })
        .collect();
    if !c.presigned
        && !c.signed_headers.iter().any(|h| h == header::HOST)
        && !unsigned.iter().any(|h| h == header::HOST)
    {
        unsigned.push(header::HOST.into());
    }
    unsigned.dedup();
    if !unsigned.is_empty() {
        let token_only = unsigned == [header::X_AMZ_SECURITY_TOKEN];
        out.push(Finding {
            id: if token_only { FindingId::SessionTokenUnsigned } else { FindingId::HeaderNotSigned },
            severity: Severity::Error,
            concerns: Concern::Step(Step::CanonicalRequest),
            title: format!("Sent but not signed: {}", excerpt(&unsigned.join(", "), LIST_CHARS)),
            detail: format!(
                "SignedHeaders is {}; AWS requires host{} to be signed.",
                signed_list,
                if s3 { " and every x-amz-* header (S3: AccessDenied, \"There were headers present in the request which were not signed\")" } else { ", x-amz-date and x-amz-security-token" }
            ),
            fix: "Sign those headers too, or stop sending them.".into(),
            checks: Vec::new(),
            ruled_out: Vec::new(),
        });
    }
    out
}
