//! The SigV4 engine, and only the engine: every step from request to signature, each printable
//! exactly as AWS hashes it. It knows nothing of findings, of what AWS answered, or of exports.
//!
//! Reference: AWS IAM User Guide, "Create a signed AWS API request"
//! (canonical request, string to sign, signing key, signature).

pub mod canonical;
pub mod cross_check;
pub mod key;
pub mod prepare;
pub mod scope;
pub mod signed;
mod signing_time;

use time::OffsetDateTime;

use crate::http::{header, SCOPE_TERMINATOR};
use crate::input::{Credentials, Field, Inputs, Mode, TokenPlacement};
use crate::text::{excerpt, quoted, quoted_max};
use crate::timefmt;

use canonical::{CanonicalRequest, Line, Origin, Overrides, PayloadHash};
use cross_check::CrossCheck;
use key::{SigningKeyChain, StringToSign};
use prepare::{prepare, AuthParams};
use scope::{Inferred, Source};
use signed::SignedRequest;

/// How many characters of a path or value a note on a step quotes.
pub(crate) const NOTE_CHARS: usize = 120;

/// The rules in force after applying the service's conventions to the user's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    pub s3_rules: bool,
    pub normalize_path: bool,
    pub double_encode: bool,
    pub sign_body: bool,
    pub presign: bool,
    pub expires: Option<u64>,
    pub token_signed: bool,
}

/// A step of signing, as the page shows them in order. [`Step::as_str`] is its stable name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    CanonicalRequest,
    CanonicalRequestHash,
    StringToSign,
    KDate,
    KRegion,
    KService,
    KSigning,
    Signature,
    Authorization,
    SignedUrl,
}

impl Step {
    /// Every step, in the order they are computed.
    pub const ALL: [Step; 10] = [
        Step::CanonicalRequest,
        Step::CanonicalRequestHash,
        Step::StringToSign,
        Step::KDate,
        Step::KRegion,
        Step::KService,
        Step::KSigning,
        Step::Signature,
        Step::Authorization,
        Step::SignedUrl,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::CanonicalRequest => "canonical-request",
            Step::CanonicalRequestHash => "canonical-request-hash",
            Step::StringToSign => "string-to-sign",
            Step::KDate => "k-date",
            Step::KRegion => "k-region",
            Step::KService => "k-service",
            Step::KSigning => "k-signing",
            Step::Signature => "signature",
            Step::Authorization => "authorization",
            Step::SignedUrl => "signed-url",
        }
    }

    /// The step's value in `s`, as shown (`None` where it was not computed).
    pub fn value(self, s: &Signing) -> Option<String> {
        let key = |i: usize| {
            s.signing_key
                .as_ref()
                .and_then(|k| k.steps.get(i))
                .map(|k| k.hex.clone())
        };
        match self {
            Step::CanonicalRequest => Some(s.canonical_request.to_string()),
            Step::CanonicalRequestHash => Some(s.string_to_sign.canonical_request_hash.clone()),
            Step::StringToSign => Some(s.string_to_sign.to_string()),
            Step::KDate => key(0),
            Step::KRegion => key(1),
            Step::KService => key(2),
            Step::KSigning => key(3),
            Step::Signature => s.signature.clone(),
            Step::Authorization => s.authorization.clone(),
            Step::SignedUrl => s.signed_url.clone(),
        }
    }
}

/// Every intermediate value of signing one request, derived from [`Inputs`] and a clock.
#[derive(Clone, Debug, PartialEq)]
pub struct Signing {
    pub region: Inferred,
    pub service: Inferred,
    pub rules: Rules,
    /// The signing instant (whole seconds, UTC).
    pub time: OffsetDateTime,
    /// Where the signing time came from, in words.
    pub time_source: String,
    pub canonical_request: CanonicalRequest,
    /// Where the payload hash line came from.
    pub payload: PayloadHash,
    pub string_to_sign: StringToSign,
    /// `None` when no secret access key was given.
    pub signing_key: Option<SigningKeyChain>,
    pub signature: Option<String>,
    pub authorization: Option<String>,
    pub signed_url: Option<String>,
    /// The request as it goes on the wire (headers and URL with the signature).
    pub signed_request: SignedRequest,
    /// aws-sigv4's signature for the same request and settings.
    pub cross_check: Option<CrossCheck>,
    /// Why aws-sigv4 could not sign it, when it could not.
    pub cross_check_unavailable: Option<String>,
    /// Things the engine did that a reader should know about (encoded raw spaces, dropped old signatures, ...).
    pub notes: Vec<String>,
}

impl Signing {
    /// `YYYYMMDD'T'HHMMSS'Z'`, as in the string to sign.
    pub fn amz_date(&self) -> &str {
        &self.string_to_sign.amz_date
    }
    /// `date/region/service/aws4_request`.
    pub fn scope(&self) -> &str {
        &self.string_to_sign.scope
    }
    pub fn canonical_request_hash(&self) -> &str {
        &self.string_to_sign.canonical_request_hash
    }
    /// `host;x-amz-date`, as in the canonical request.
    pub fn signed_headers(&self) -> &str {
        &self.canonical_request.signed_headers
    }
}

/// Why a request cannot be signed at all: one sentence naming the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignError {
    /// The input concerned.
    pub field: Field,
    pub message: String,
}

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SignError {}

pub(crate) fn err(field: Field, message: impl Into<String>) -> SignError {
    SignError {
        field,
        message: message.into(),
    }
}

/// Signs `inputs` at the instant `now` (used when the signing time is "now"). Pure: same
/// inputs, same signing.
pub fn sign(inputs: &Inputs, now: OffsetDateTime) -> Result<Signing, SignError> {
    let mut notes = Vec::new();
    let s = &inputs.settings;
    let presign_expires = match s.mode {
        Mode::Presign { expires } => {
            if expires == 0 {
                return Err(err(Field::Expires, "The presigned URL's expiry is 0 seconds; give a number of seconds from 1 to 604800 (7 days)."));
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
                Field::Body,
                format!(
                    "The hash of the body file {} is not 64 hex digits; choose the file again.",
                    quoted(&x.name)
                ),
            ));
        }
    }
    let auth = if presign {
        AuthParams::DropAll
    } else {
        AuthParams::DropSignature
    };
    let prepared = prepare(&inputs.request, external, auth, &mut notes)?;

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
    let token = session_token(&inputs.credentials);
    let rules = Rules {
        s3_rules,
        normalize_path: s.normalize_path && !s3_rules,
        double_encode: !s.single_encode && !s3_rules,
        sign_body: !presign && (s.sign_body || s3_rules),
        presign,
        expires: presign_expires,
        token_signed: token.is_some() && s.token == TokenPlacement::Signed,
    };

    let (time, time_source) = signing_time::resolve(inputs.time, now, &prepared)?;
    let amz_date = timefmt::amz_date(time);
    let date = timefmt::date_stamp(time);
    let scope_text = format!(
        "{date}/{}/{}/{SCOPE_TERMINATOR}",
        region.value, service.value
    );

    // Payload hash: what the body hash line of the canonical request holds.
    let payload = if s.unsigned_payload || (presign && s3_rules) {
        PayloadHash::Unsigned
    } else if let Some(v) = prepared
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(header::X_AMZ_CONTENT_SHA256))
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
    let creq = canonical::build(
        &canonical::Parts {
            prepared: &prepared,
            rules: &rules,
            payload: payload.as_str(),
            amz_date: &amz_date,
            credential: &credential,
            token,
        },
        &Overrides::default(),
    );
    notes.extend(creq.notes.iter().cloned());
    let creq_hash = key::sha256_hex(creq.to_string().as_bytes());
    let sts = StringToSign {
        amz_date: amz_date.clone(),
        scope: scope_text,
        canonical_request_hash: creq_hash,
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

    let out = signed::assemble(&signed::Parts {
        prepared: &prepared,
        rules: &rules,
        creq: &creq,
        credential: &credential,
        amz_date: &amz_date,
        token,
        signature: signature.as_deref(),
        payload: &payload,
    });

    let (cross_check, cross_check_unavailable) = match &signature {
        Some(sig) => match cross_check::run(&cross_check::Parts {
            prepared: &prepared,
            rules: &rules,
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
        None => (
            None,
            Some("aws-sigv4 needs a secret access key to sign.".to_string()),
        ),
    };

    Ok(Signing {
        region,
        service,
        rules,
        time,
        time_source,
        payload,
        canonical_request: creq,
        string_to_sign: sts,
        signing_key,
        authorization: out.authorization,
        signed_url: out.signed_url,
        signed_request: out.request,
        signature,
        cross_check,
        cross_check_unavailable,
        notes,
    })
}

/// The session token, when one is given (an empty one is none).
pub fn session_token(c: &Credentials) -> Option<&str> {
    c.session_token
        .as_ref()
        .map(|t| t.expose())
        .filter(|t| !t.is_empty())
}

/// One line of the canonical request with where it came from, for teaching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotatedLine {
    /// What the line is.
    pub line: Line,
    /// The line exactly as hashed (without its newline).
    pub text: String,
    pub note: String,
}

impl Signing {
    /// The canonical request line by line, each with a note on its origin.
    /// Joining the `text`s with `\n` gives exactly `canonical_request.to_string()`.
    pub fn canonical_lines(&self) -> Vec<AnnotatedLine> {
        let c = &self.canonical_request;
        let e = &self.rules;
        c.lines()
            .into_iter()
            .map(|(line, text)| {
                let note = match line {
                    Line::Method => "HTTP method, as sent".to_string(),
                    Line::Path => {
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
                        path
                    }
                    Line::Query => {
                        let added = c
                            .query
                            .iter()
                            .filter(|q| q.origin == Origin::Signing)
                            .count();
                        match (c.query.len(), added) {
                            (0, _) => "no query string".to_string(),
                            (n, 0) => format!(
                                "{n} query parameter(s), decoded, re-encoded and sorted by name"
                            ),
                            (n, a) => format!(
                                "{n} query parameter(s), {a} of them X-Amz-* added for the presigned URL; sorted"
                            ),
                        }
                    }
                    Line::Header(i) => match c.headers[i].origin {
                        Origin::Request => {
                            "header from your request: name lowercased, value trimmed"
                        }
                        Origin::HostFromUrl => {
                            "host from the URL (the request had no Host header)"
                        }
                        Origin::Signing => "header added by signing",
                    }
                    .to_string(),
                    Line::Blank => "blank line ends the headers".to_string(),
                    Line::SignedHeaders => {
                        "signed header names, sorted, joined with ';'".to_string()
                    }
                    Line::Payload => match &self.payload {
                        PayloadHash::Unsigned => {
                            "the literal UNSIGNED-PAYLOAD: the body is not signed"
                        }
                        PayloadHash::Precomputed(_) => {
                            "the request's own x-amz-content-sha256 value"
                        }
                        PayloadHash::Body(_) => match &self.signed_request.body_file {
                            Some(_) => "SHA-256 of the body file, hashed in the background (hex)",
                            None => "SHA-256 of the body (hex)",
                        },
                    }
                    .to_string(),
                };
                AnnotatedLine {
                    line,
                    text: text.into_owned(),
                    note,
                }
            })
            .collect()
    }
}
