//! Pasted text in, structured inputs out: requests, credentials, what AWS answered, and errors
//! that point at the place. [`Inputs`] is the ground state everything else is derived from;
//! [`form::Form`] is the request and signing fields as typed, before they are read into it.

pub mod aws_error;
pub mod credentials;
pub mod curl;
pub mod detect;
pub mod form;
pub mod paste;
pub mod raw_http;
pub mod read_as;
mod shell;
pub mod url;

use std::fmt;
use std::ops::Range;

use time::OffsetDateTime;

pub use detect::{parse_request, RequestFormat};

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
    /// The clock's `now`.
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

/// A body known by its name, size and SHA-256 rather than its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalBody {
    /// The file name, for the exports (`--data-binary @name`).
    pub name: String,
    pub size: u64,
    /// Lowercase hex SHA-256 of the whole body.
    pub sha256: String,
}

/// Everything the user gave: the ground state from which every explanation is derived.
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
    /// What AWS answered to this request, decoded ([`aws_error::decode`]).
    pub aws_said: Option<aws_error::AwsError>,
}

/// An input a problem or a finding concerns. [`Field::as_str`] is its stable name (the CLI's
/// JSON `concerns`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Method,
    Url,
    Headers,
    Body,
    Region,
    Service,
    SigningTime,
    Expires,
    AccessKeyId,
    SecretAccessKey,
    SessionToken,
    /// The pasted credentials as a whole.
    Credentials,
    /// The pasted request as a whole.
    Request,
    /// What AWS answered, as pasted.
    AwsError,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Method => "method",
            Field::Url => "url",
            Field::Headers => "headers",
            Field::Body => "body",
            Field::Region => "region",
            Field::Service => "service",
            Field::SigningTime => "signing-time",
            Field::Expires => "expires",
            Field::AccessKeyId => "access-key-id",
            Field::SecretAccessKey => "secret-access-key",
            Field::SessionToken => "session-token",
            Field::Credentials => "credentials-input",
            Field::Request => "request-input",
            Field::AwsError => "error-input",
        }
    }
}

/// Which pasted text a [`ParseError`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paste {
    Request,
    Credentials,
    AwsError,
}

impl Paste {
    /// The words a message names it by: "request", "credentials", "AWS error".
    pub fn as_str(self) -> &'static str {
        match self {
            Paste::Request => "request",
            Paste::Credentials => "credentials",
            Paste::AwsError => "AWS error",
        }
    }
}

/// A secret string (secret access key, session token). `Debug` never prints it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    /// The secret itself. Call only where the value is needed for signing.
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("** redacted **")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_string())
    }
}

/// One HTTP header as the user gave it (name case and value untouched).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: String,
}

impl Header {
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Header {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// An HTTP request before signing, as the user pasted or typed it.
///
/// `url` is absolute (`https://host[:port]/path?query`); its path is kept
/// byte for byte (dot segments, raw spaces and all) because SigV4 signs what
/// was written, not what a URL library would normalise it to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub url: String,
    pub headers: Vec<Header>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }
}

/// AWS credentials. Secrets are [`Secret`]s, so `Debug` is safe to print.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: Secret,
    pub session_token: Option<Secret>,
    /// When temporary credentials stop working (STS `Expiration`), if known.
    pub expiration: Option<time::OffsetDateTime>,
    /// A region that came with the credentials (profile `region =`, `AWS_REGION`).
    pub region: Option<String>,
}

/// What a request paste told us beyond the request itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    /// Region from `curl --aws-sigv4 aws:amz:REGION:SERVICE`, or an existing Authorization header's scope.
    pub region: Option<String>,
    pub service: Option<String>,
    /// Credentials from `curl -u KEY:SECRET` (with `--aws-sigv4`).
    pub credentials: Option<Credentials>,
}

/// A request parsed from pasted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedRequest {
    pub request: Request,
    pub format: RequestFormat,
    pub hints: Hints,
    /// Things we understood but the user may want to know (ignored curl flags, ...).
    pub warnings: Vec<Diagnostic>,
}

/// A note about a place in pasted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub message: String,
    /// Byte offsets into the pasted text.
    pub span: Range<usize>,
}

/// Pasted text we could not use: one sentence naming the input and the place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Which pasted text.
    pub input: Paste,
    pub message: String,
    /// Byte offsets into the pasted text (may be empty, e.g. at end of input).
    pub span: Range<usize>,
    /// 1-based line and column (in characters) of `span.start`.
    pub line: usize,
    pub column: usize,
}

impl ParseError {
    /// Builds an error, computing line and column from `span` in `text`.
    pub fn new(input: Paste, text: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let start = text.floor_char_boundary(span.start.min(text.len()));
        let end = text.floor_char_boundary(span.end.clamp(start, text.len()));
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        ParseError {
            input,
            message: message.into(),
            span: start..end,
            line,
            column,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "In the {}, line {}, column {}: {}",
            self.input.as_str(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for ParseError {}
