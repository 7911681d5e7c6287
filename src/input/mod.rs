//! Pasted text in, structured inputs out: requests, credentials, and errors that point at the place.

pub mod credentials;
pub mod curl;
pub mod detect;
pub mod http;
pub mod url;

use std::fmt;
use std::ops::Range;

pub use detect::{parse_request, RequestFormat};

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
    /// Which input: "request", "credentials", ...
    pub input: &'static str,
    pub message: String,
    /// Byte offsets into the pasted text (may be empty, e.g. at end of input).
    pub span: Range<usize>,
    /// 1-based line and column (in characters) of `span.start`.
    pub line: usize,
    pub column: usize,
}

impl ParseError {
    /// Builds an error, computing line and column from `span` in `text`.
    pub fn new(
        input: &'static str,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
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
            self.input, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}

/// The largest char boundary `<= i` (str::floor_char_boundary is unstable).
pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
