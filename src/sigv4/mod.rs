//! The SigV4 engine: every step from request to signature, each printable exactly as AWS hashes it.
//!
//! Reference: AWS IAM User Guide, "Create a signed AWS API request"
//! (canonical request, string to sign, signing key, signature).

pub mod canonical;
pub mod cross_check;
pub mod key;
pub mod output;
pub mod scope;
pub mod timefmt;

use serde::Serialize;
use time::OffsetDateTime;

use crate::diagnose::Finding;
use crate::input::url::{self, UrlParts};
use crate::input::{describe_char, excerpt, quoted, quoted_max, Credentials, Header, Request};

/// How many characters of a path or value a note on a step quotes.
pub(crate) const NOTE_CHARS: usize = 120;

pub use canonical::{CanonicalRequest, CanonicalUri, PayloadHash};
pub use cross_check::CrossCheck;
pub use key::{SigningKeyChain, StringToSign};
pub use scope::{Inferred, Source};

/// The algorithm name that opens every SigV4 string to sign.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";
/// The longest presigned URL lifetime AWS accepts (7 days).
pub const MAX_PRESIGN_EXPIRES: u64 = 604_800;

/// Where the signature goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// An `Authorization` header.
    Header,
    /// Query-string authentication (a presigned URL) valid for `expires` seconds.
    Presign { expires: u64 },
}

/// Whether the session token is part of what is signed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TokenPlacement {
    /// In the canonical request (what almost every service wants).
    #[default]
    Signed,
    /// Added after signing, unsigned (AWS IoT WebSocket style).
    AfterSigning,
}

/// Which instant to sign at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SigningTime {
    /// The `now` passed to [`explain`].
    #[default]
    Now,
    /// A fixed instant.
    At(OffsetDateTime),
    /// The request's own `X-Amz-Date` header or query parameter (else now).
    FromRequest,
}

/// How to sign: the switches AWS's SDKs set per service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub mode: Mode,
    /// Add and sign `x-amz-content-sha256` (always on for S3 header auth).
    pub sign_body: bool,
    /// Use `UNSIGNED-PAYLOAD` as the payload hash.
    pub unsigned_payload: bool,
    /// RFC 3986 dot-segment removal on the path (always off for S3).
    pub normalize_path: bool,
    /// Encode the path once instead of twice (always on for S3).
    pub single_encode: bool,
    pub token: TokenPlacement,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            mode: Mode::Header,
            sign_body: false,
            unsigned_payload: false,
            normalize_path: true,
            single_encode: false,
            token: TokenPlacement::Signed,
        }
    }
}

/// Everything the user gave: the ground state from which an [`Explanation`] is derived.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inputs {
    pub request: Request,
    pub credentials: Credentials,
    /// Explicit region; `None` infers it from the host.
    pub region: Option<String>,
    /// Explicit signing name; `None` infers it from the host.
    pub service: Option<String>,
    pub time: SigningTime,
    pub settings: Settings,
    /// A body too big to hold here, hashed elsewhere (the page hashes large files in a Web
    /// Worker). When set, it is the body: `request.body` is ignored.
    pub external_body: Option<ExternalBody>,
}

/// A body known by its name, size and SHA-256 rather than its bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExternalBody {
    /// The file name, for the exports (`--data-binary @name`).
    pub name: String,
    pub size: u64,
    /// Lowercase hex SHA-256 of the whole body.
    pub sha256: String,
}

/// The rules in force after applying the service's conventions to [`Settings`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Effective {
    pub s3_rules: bool,
    pub normalize_path: bool,
    pub double_encode: bool,
    pub sign_body: bool,
    pub presign: bool,
    pub expires: Option<u64>,
    pub token_signed: bool,
}

/// Every intermediate value of signing one request, derived from [`Inputs`] and a clock.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    pub region: Inferred,
    pub service: Inferred,
    pub effective: Effective,
    /// `YYYYMMDD'T'HHMMSS'Z'`.
    pub amz_date: String,
    /// `date/region/service/aws4_request`.
    pub scope: String,
    /// Where the signing time came from, in words.
    pub time_source: String,
    pub canonical_request: CanonicalRequest,
    /// Where the payload hash line came from.
    pub payload: PayloadHash,
    pub canonical_request_hash: String,
    pub string_to_sign: StringToSign,
    /// `None` when no secret access key was given.
    pub signing_key: Option<SigningKeyChain>,
    pub signature: Option<String>,
    pub signed_headers: String,
    pub authorization: Option<String>,
    pub signed_url: Option<String>,
    /// The request as it goes on the wire (headers and URL with the signature).
    pub signed_request: SignedRequest,
    pub signed_curl: Option<String>,
    pub signed_http: Option<String>,
    /// aws-sigv4's signature for the same request and settings.
    pub cross_check: Option<CrossCheck>,
    /// Why aws-sigv4 could not sign it, when it could not.
    pub cross_check_unavailable: Option<String>,
    /// Things the engine did that a reader should know about (encoded raw spaces, dropped old signatures, ...).
    pub notes: Vec<String>,
    pub findings: Vec<Finding>,
    /// What AWS answered, decoded, when it was given ([`crate::diagnose::apply_aws_error`]).
    pub aws_error: Option<crate::diagnose::aws_error::AwsError>,
    /// AWS's canonical request and string to sign compared with ours, when the error carried them.
    pub aws_canonical_request: Option<crate::diagnose::compare::Comparison>,
    pub aws_string_to_sign: Option<crate::diagnose::compare::Comparison>,
}

/// The final request to send.
#[derive(Clone, Debug, Serialize)]
pub struct SignedRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    #[serde(skip)]
    pub body: Vec<u8>,
    /// The body, when it is a file known by its hash (then `body` is empty).
    #[serde(skip)]
    pub body_file: Option<ExternalBody>,
}

/// Why a request cannot be explained at all: one sentence naming the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExplainError {
    /// The input concerned: "url", "method", "service", "region", "header", "time", "expires".
    pub field: &'static str,
    pub message: String,
}

impl std::fmt::Display for ExplainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExplainError {}

fn err(field: &'static str, message: impl Into<String>) -> ExplainError {
    ExplainError {
        field,
        message: message.into(),
    }
}

/// Names of the query parameters that carry a presigned signature.
const AUTH_PARAMS: [&str; 7] = [
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Date",
    "X-Amz-Expires",
    "X-Amz-SignedHeaders",
    "X-Amz-Security-Token",
    "X-Amz-Signature",
];

/// The request after removing a previous signature, ready for both signers.
pub(crate) struct Prepared<'a> {
    pub method: String,
    pub url: UrlParts,
    /// Query as written, minus old auth parameters.
    pub query: Option<String>,
    pub headers: Vec<Header>,
    pub body: &'a [u8],
    /// The body, when it is known only by its hash (then `body` is empty).
    pub external: Option<&'a ExternalBody>,
}

fn prepare<'a>(
    req: &'a Request,
    external: Option<&'a ExternalBody>,
    presign: bool,
    notes: &mut Vec<String>,
) -> Result<Prepared<'a>, ExplainError> {
    let method = req.method.trim().to_string();
    if method.is_empty() {
        return Err(err(
            "method",
            "The request has no HTTP method; give one such as GET or POST.",
        ));
    }
    if let Some(c) = method
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && !"!#$%&'*+-.^_`|~".contains(*c))
    {
        return Err(err(
            "method",
            format!(
                "The HTTP method {} contains {}, which is not allowed in a method name.",
                quoted(&method),
                describe_char(c)
            ),
        ));
    }
    let parts = url::split(&req.url).map_err(|(m, _)| {
        err(
            "url",
            format!(
                "The request URL {} cannot be used: {m}.",
                quoted(req.url.trim())
            ),
        )
    })?;
    let mut dropped = Vec::new();
    let query = parts.query.as_ref().map(|q| {
        q.split('&')
            .filter(|pair| {
                let name = pair.split('=').next().unwrap_or("");
                let is_auth = AUTH_PARAMS.iter().any(|p| p.eq_ignore_ascii_case(name));
                // In header mode only a stale signature is dropped; presigning replaces them all.
                let drop = is_auth && (presign || name.eq_ignore_ascii_case("X-Amz-Signature"));
                if drop
                    && !dropped
                        .iter()
                        .any(|d: &String| d.eq_ignore_ascii_case(name))
                {
                    dropped.push(name.to_string());
                }
                !drop
            })
            .collect::<Vec<_>>()
            .join("&")
    });
    if !dropped.is_empty() {
        notes.push(format!("Removed the existing query parameters {} before signing; a new signature replaces them.", dropped.join(", ")));
    }
    let mut headers = Vec::with_capacity(req.headers.len());
    for h in &req.headers {
        let name = h.name.trim();
        if name.is_empty() {
            return Err(err(
                "header",
                format!("A header with value {} has no name.", quoted(&h.value)),
            ));
        }
        if let Some(c) = name
            .chars()
            .find(|c| !c.is_ascii_alphanumeric() && !"!#$%&'*+-.^_`|~".contains(*c))
        {
            return Err(err(
                "header",
                format!(
                    "The header name {} contains {}, which HTTP does not allow in a header name.",
                    quoted(name),
                    describe_char(c)
                ),
            ));
        }
        if let Some(c) = h
            .value
            .chars()
            .find(|&c| (c.is_control() && c != '\t' && c != '\n' && c != '\r') || c == '\u{7f}')
        {
            return Err(err(
                "header",
                format!(
                    "The value of header {} contains {}, which HTTP does not allow.",
                    quoted(name),
                    describe_char(c)
                ),
            ));
        }
        if name.eq_ignore_ascii_case("authorization") {
            notes.push("Ignored the request's existing Authorization header; the new signature replaces it.".into());
            continue;
        }
        if name.eq_ignore_ascii_case("host")
            && headers
                .iter()
                .any(|x: &Header| x.name.eq_ignore_ascii_case("host"))
        {
            return Err(err(
                "header",
                "The request has more than one Host header; HTTP allows exactly one, so keep the one naming the server.",
            ));
        }
        headers.push(Header::new(name, h.value.clone()));
    }
    Ok(Prepared {
        method,
        query: query.filter(|q| !q.is_empty() || parts.query.as_deref() == Some("")),
        url: parts,
        headers,
        body: if external.is_some() { &[] } else { &req.body },
        external,
    })
}

/// Explains signing `inputs` at the instant `now` (used when the signing time is "now",
/// and as the reference clock for findings). Pure: same inputs, same explanation.
pub fn explain(inputs: &Inputs, now: OffsetDateTime) -> Result<Explanation, ExplainError> {
    let mut notes = Vec::new();
    let s = &inputs.settings;
    let presign_expires = match s.mode {
        Mode::Presign { expires } => {
            if expires == 0 {
                return Err(err("expires", "The presigned URL's expiry is 0 seconds; give a number of seconds from 1 to 604800 (7 days)."));
            }
            Some(expires)
        }
        Mode::Header => None,
    };
    let presign = presign_expires.is_some();
    let external = inputs.external_body.as_ref();
    if let Some(x) = external {
        if x.sha256.len() != 64 || !x.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(err(
                "body",
                format!(
                    "The hash of the body file {} is not 64 hex digits; choose the file again.",
                    quoted(&x.name)
                ),
            ));
        }
    }
    let prepared = prepare(&inputs.request, external, presign, &mut notes)?;

    let (mut region, service) = scope::resolve(
        &prepared.url.host,
        inputs.region.as_deref(),
        inputs.service.as_deref(),
    )?;
    let creds_region = inputs.credentials.region.as_deref().map(str::trim);
    if let (Source::Default, Some(r)) = (region.source, creds_region) {
        if scope::is_region(r) {
            region.value = r.to_string();
            region.why = format!(
                "the host does not name a region, so the region that came with the credentials, {r}"
            );
        }
    }
    let s3_rules = scope::is_s3_family(&service.value);
    let token = inputs
        .credentials
        .session_token
        .as_ref()
        .filter(|t| !t.is_empty());
    let effective = Effective {
        s3_rules,
        normalize_path: s.normalize_path && !s3_rules,
        double_encode: !s.single_encode && !s3_rules,
        sign_body: !presign && (s.sign_body || s3_rules),
        presign,
        expires: presign_expires,
        token_signed: token.is_some() && s.token == TokenPlacement::Signed,
    };

    let (time, time_source) = timefmt::resolve(inputs.time, now, &prepared)?;
    let amz_date = timefmt::amz_date(time);
    let date = timefmt::date_stamp(time);
    let scope_text = format!("{date}/{}/{}/aws4_request", region.value, service.value);

    // Payload hash: what the body hash line of the canonical request holds.
    let payload = if s.unsigned_payload || (presign && s3_rules) {
        PayloadHash::Unsigned
    } else if let Some(v) = prepared
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("x-amz-content-sha256"))
    {
        // As the header line will read it (trimmed, inner spaces collapsed), so both lines agree.
        PayloadHash::Precomputed(canonical::canonical_header_value(&v.value))
    } else if let Some(x) = external {
        PayloadHash::Body(x.sha256.to_ascii_lowercase())
    } else {
        PayloadHash::of_body(prepared.body)
    };

    let access_key_id = inputs.credentials.access_key_id.trim();
    let credential = format!("{access_key_id}/{scope_text}");
    let creq = canonical::build(&canonical::Parts {
        prepared: &prepared,
        effective: &effective,
        payload: &payload,
        amz_date: &amz_date,
        credential: &credential,
        token: token.map(|t| t.expose()),
    })?;
    for note in &creq.notes {
        notes.push(note.clone());
    }
    let creq_text = creq.to_string();
    let creq_hash = key::sha256_hex(creq_text.as_bytes());
    let sts = StringToSign {
        amz_date: amz_date.clone(),
        scope: scope_text.clone(),
        canonical_request_hash: creq_hash.clone(),
    };

    let secret = inputs.credentials.secret_access_key.expose();
    let signing_key = (!secret.is_empty())
        .then(|| SigningKeyChain::derive(secret, &date, &region.value, &service.value));
    let signature = signing_key.as_ref().map(|k| k.sign(&sts.to_string()));
    if signing_key.is_none() {
        notes.push(
            "No secret access key was given, so the signing key and signature are not computed."
                .into(),
        );
    }

    let out = output::assemble(&output::Parts {
        prepared: &prepared,
        effective: &effective,
        creq: &creq,
        credential: &credential,
        amz_date: &amz_date,
        token: token.map(|t| t.expose()),
        signature: signature.as_deref(),
        payload: &payload,
    });

    let (cross_check, cross_check_unavailable) = match (&signature, secret.is_empty()) {
        (Some(sig), false) => match cross_check::run(&cross_check::Parts {
            prepared: &prepared,
            effective: &effective,
            payload: &payload,
            credentials: &inputs.credentials,
            region: &region.value,
            service: &service.value,
            time,
            ours: sig,
        }) {
            Ok(c) => (Some(c), None),
            Err(why) => (None, Some(why)),
        },
        _ => (
            None,
            Some("aws-sigv4 needs a secret access key to sign.".to_string()),
        ),
    };

    let mut ex = Explanation {
        signed_headers: creq.signed_headers.clone(),
        region,
        service,
        effective,
        amz_date,
        scope: scope_text,
        time_source,
        canonical_request_hash: creq_hash,
        payload,
        canonical_request: creq,
        string_to_sign: sts,
        signing_key,
        authorization: out.authorization,
        signed_url: out.signed_url,
        signed_curl: signature.as_ref().map(|_| output::curl(&out.request)),
        signed_http: signature.as_ref().map(|_| output::raw_http(&out.request)),
        signed_request: out.request,
        signature,
        cross_check,
        cross_check_unavailable,
        notes,
        findings: Vec::new(),
        aws_error: None,
        aws_canonical_request: None,
        aws_string_to_sign: None,
    };
    ex.findings = crate::diagnose::diagnose(inputs, &ex, now);
    Ok(ex)
}

/// One line of the canonical request with where it came from, for teaching.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnnotatedLine {
    /// The line exactly as hashed (without its newline).
    pub text: String,
    pub note: String,
}

impl Explanation {
    /// The canonical request line by line, each with a note on its origin.
    /// Joining the `text`s with `\n` gives exactly `canonical_request.to_string()`.
    pub fn canonical_lines(&self) -> Vec<AnnotatedLine> {
        use canonical::Origin;
        let c = &self.canonical_request;
        let e = &self.effective;
        let line = |text: &str, note: String| AnnotatedLine {
            text: text.to_string(),
            note,
        };
        let mut out = vec![line(&c.method, "HTTP method, as sent".into())];
        let mut path = format!("path {}", quoted_max(&c.uri.written, NOTE_CHARS));
        if c.uri.normalized != c.uri.written && e.normalize_path {
            path.push_str(&format!(
                ", dot segments removed → {}",
                excerpt(&c.uri.normalized, NOTE_CHARS)
            ));
        }
        path.push_str(if e.double_encode {
            ", URI-encoded again (every service but S3 double-encodes)"
        } else {
            ", encoded once (S3 signs the path as sent)"
        });
        out.push(line(&c.uri.canonical, path));
        let added = c
            .query
            .iter()
            .filter(|q| q.origin == Origin::Signing)
            .count();
        let query_note = match (c.query.len(), added) {
            (0, _) => "no query string".to_string(),
            (n, 0) => format!("{n} query parameter(s), decoded, re-encoded and sorted by name"),
            (n, a) => format!(
                "{n} query parameter(s), {a} of them X-Amz-* added for the presigned URL; sorted"
            ),
        };
        out.push(line(&c.query_string(), query_note));
        for h in &c.headers {
            let note = match h.origin {
                Origin::Request => "header from your request: name lowercased, value trimmed",
                Origin::HostFromUrl => "host from the URL (the request had no Host header)",
                Origin::Signing => "header added by signing",
            };
            out.push(line(&format!("{}:{}", h.name, h.value), note.into()));
        }
        out.push(line("", "blank line ends the headers".into()));
        out.push(line(
            &c.signed_headers,
            "signed header names, sorted, joined with ';'".into(),
        ));
        let payload = match &self.payload {
            PayloadHash::Unsigned => "the literal UNSIGNED-PAYLOAD: the body is not signed",
            PayloadHash::Precomputed(_) => "the request's own x-amz-content-sha256 value",
            PayloadHash::Body(_) => match &self.signed_request.body_file {
                Some(_) => "SHA-256 of the body file, hashed in the background (hex)",
                None => "SHA-256 of the body (hex)",
            },
        };
        out.push(line(&c.payload_hash, payload.into()));
        out
    }
}
