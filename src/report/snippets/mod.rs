//! Code that makes the same signature again at the same fixed time: curl, botocore, @smithy/signature-v4, aws-sigv4.
//!
//! - curl sends the request sigv4-lab signed, as it is (a signature is accepted for about 15
//!   minutes after its signing time, a presigned URL until it expires).
//! - Python (botocore), JavaScript (`@smithy/signature-v4`, the AWS SDK for JavaScript v3's
//!   signer) and Rust (aws-sigv4, the AWS SDK for Rust's) sign it again at the explanation's
//!   signing time and print the Authorization header or the presigned URL, to compare with
//!   sigv4-lab's.
//!
//! What the code shows of a secret follows [`super::sensitive`]'s rule, as every output does: no
//! credential and no signature is written into it. The signers read `AWS_ACCESS_KEY_ID`,
//! `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` from the environment (a token or an
//! `X-Amz-Credential` that the request itself carries is read from there too); the curl command
//! reads `$AWS_ACCESS_KEY_ID`, `$AWS_SESSION_TOKEN` and `$SIGV4_SIGNATURE`. `Cookie`,
//! `Proxy-Authorization` and a non-SigV4 `Authorization` are left out, and the code says so; a
//! body that mentions a token or holds a credential is read from [`BODY_FILE`].
//!
//! Each signer is given sigv4-lab's choices for this request — path normalisation and double
//! encoding, the signed headers, the payload hash, where the session token goes, the presigned
//! expiry — through its own settings where it has them (botocore: its S3 / query signer classes,
//! and a subclass overriding `_normalize_url_path` or `payload` the way botocore's own S3 classes
//! do). Where a signer cannot follow one (botocore never signs `Expect`; smithy always drops a
//! `Date` header), the code says so in a comment instead of silently signing something else.
//! Headers that are sent but not signed (User-Agent, ...) do not change a signature and are left
//! out of the Python, JavaScript and Rust code.
//!
//! This file holds what the languages share: the [`Plan`] (the request as the other signers
//! need it) and the comment and byte-string writers. Each language has its own file.

mod curl;
mod javascript;
mod python;
mod rust;

use std::fmt::{self, Write as _};

use percent_encoding::percent_decode_str;
use time::OffsetDateTime;

use super::sensitive::{self, HeaderRule, Known, Own, ParamRule};
use crate::input::{Inputs, Secret};
use crate::sigv4::canonical::{Origin, PayloadHash};
use crate::sigv4::key::sha256_hex;
use crate::sigv4::Signing;
use crate::timefmt;

/// Bodies up to this size (bytes) are written into the code; larger ones are read from [`BODY_FILE`].
pub const INLINE_BODY_MAX: usize = 64 * 1024;
/// Where the code reads a body too large to write into it.
pub const BODY_FILE: &str = "body.bin";
/// The aws-sigv4 version the Rust snippet asks for (the one sigv4-lab cross-checks with).
pub const AWS_SIGV4_VERSION: &str = super::markdown::AWS_SIGV4_VERSION;

use sensitive::{KEY_ID_ENV, SECRET_ENV, TOKEN_ENV};

/// The language of a [`Snippet`]; only [`Language::as_str`] spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    Curl,
    Python,
    JavaScript,
    Rust,
}

impl Language {
    /// Every language, in the order [`snippets`] returns them.
    pub const ALL: [Language; 4] = [
        Language::Curl,
        Language::Python,
        Language::JavaScript,
        Language::Rust,
    ];

    /// `curl`, `python`, `javascript` or `rust`.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Curl => "curl",
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::Rust => "rust",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One piece of code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub language: Language,
    pub code: String,
}

/// The code in each of [`Language::ALL`], for the request `signing` signed.
pub fn snippets(inputs: &Inputs, signing: &Signing) -> Vec<Snippet> {
    let plan = Plan::new(inputs, signing);
    Language::ALL
        .into_iter()
        .map(|language| {
            let write = match language {
                Language::Curl => curl::write,
                Language::Python => python::write,
                Language::JavaScript => javascript::write,
                Language::Rust => rust::write,
            };
            let mut code = String::new();
            // Writing to a String fails only if a Display below fails, and none does.
            write(&mut code, &plan).expect("a snippet writes into a String");
            Snippet { language, code }
        })
        .collect()
}

/// A header or query value: text, or the reader's own value read from the environment.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Val {
    Text(String),
    /// The session token.
    Token,
    /// `X-Amz-Credential`: the access key id, then this scope (`/20150830/…/aws4_request`).
    KeyId(String),
}

/// A query parameter as signed: decoded (for signers that encode) and encoded (for URLs).
struct Param {
    key: String,
    value: Val,
    encoded: String,
}

/// A signed header that came from the request (or the Host that came from the URL).
struct Head {
    /// As the user wrote it.
    name: String,
    lname: String,
    /// Canonical: trimmed, inner spaces collapsed, repeated headers joined with ','.
    value: Val,
    from_url: bool,
}

/// Where the code gets the body from.
enum BodySrc<'a> {
    Empty,
    Inline(&'a [u8]),
    /// A file of this name and size in the working directory: a body file the page hashed
    /// without reading it, or a body over [`INLINE_BODY_MAX`] (saved as [`BODY_FILE`]).
    File {
        name: String,
        size: u64,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TokenUse {
    None,
    Signed,
    AfterSigning,
}

/// The request as the other signers need it, derived once from the explanation.
struct Plan<'a> {
    ex: &'a Signing,
    scheme: String,
    hostname: String,
    port: Option<u16>,
    authority: String,
    /// The path as sent: after dot-segment removal when that applies, encoded once.
    path: &'a str,
    query: Vec<Param>,
    headers: Vec<Head>,
    body: BodySrc<'a>,
    time: OffsetDateTime,
    token: TokenUse,
    /// Why parts of the request are not in the code (one sentence each).
    left_out: Vec<String>,
    /// Why the body is read from a file rather than written into the code, if it is.
    body_why: Option<String>,
}

impl<'a> Plan<'a> {
    fn new(inputs: &'a Inputs, ex: &'a Signing) -> Self {
        let url = &ex.signed_request.url;
        let (scheme, rest) = url.split_once("://").unwrap_or(("https", url.as_str()));
        let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
        let (hostname, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                (h.to_string(), p.parse().ok())
            }
            _ => (authority.to_string(), None),
        };
        let creq = &ex.canonical_request;
        let known = Known::new(inputs, Some(ex));
        let mut left_out: Vec<String> = Vec::new();
        let mut leave_out = |why: String| {
            if !left_out.contains(&why) {
                left_out.push(why);
            }
        };
        let query = creq
            .query
            .iter()
            .filter(|q| q.origin == Origin::Request)
            .filter_map(|q| {
                let key = decode(&q.key);
                let value = match sensitive::param(&key) {
                    ParamRule::Keep => Val::Text(decode(&q.value)),
                    ParamRule::Own(Own::SessionToken) => Val::Token,
                    ParamRule::Credential => {
                        let value = decode(&q.value);
                        Val::KeyId(sensitive::split_credential(&value).1.to_string())
                    }
                    ParamRule::Own(Own::Signature | Own::KeyId) => {
                        leave_out(format!("The {key} query parameter was left out: it is a signature, which this code makes itself."));
                        return None;
                    }
                };
                Some(Param {
                    key,
                    value,
                    encoded: format!("{}={}", q.key, q.value),
                })
            })
            .collect();
        let headers = creq
            .headers
            .iter()
            .filter(|h| h.origin != Origin::Signing)
            .filter(|h| match sensitive::header(&h.name, &h.value) {
                HeaderRule::LeaveOut(why) => {
                    leave_out(format!(
                        "{why} sigv4-lab signed it, so add it back for the same signature."
                    ));
                    false
                }
                HeaderRule::Keep | HeaderRule::Token | HeaderRule::Signed(_) => true,
            })
            .map(|h| {
                let from_url = h.origin == Origin::HostFromUrl;
                let written = inputs
                    .request
                    .headers
                    .iter()
                    .find(|w| w.name.trim().eq_ignore_ascii_case(&h.name))
                    .map(|w| w.name.trim().to_string());
                Head {
                    name: written.unwrap_or_else(|| {
                        if from_url {
                            "Host".to_string()
                        } else {
                            h.name.clone()
                        }
                    }),
                    lname: h.name.clone(),
                    value: match sensitive::header(&h.name, &h.value) {
                        HeaderRule::Token => Val::Token,
                        _ => Val::Text(h.value.clone()),
                    },
                    from_url,
                }
            })
            .collect();
        let has_token = inputs
            .credentials
            .session_token
            .as_ref()
            .map(Secret::expose)
            .is_some_and(|t| !t.is_empty());
        let body_why = match &ex.signed_request.body_file {
            Some(_) => None,
            None => sensitive::body_left_out(&ex.signed_request.body, &known),
        };
        Plan {
            ex,
            scheme: scheme.to_ascii_lowercase(),
            hostname,
            port,
            authority: authority.to_string(),
            path: &creq.uri.wire,
            query,
            headers,
            body: match (
                &ex.signed_request.body_file,
                ex.signed_request.body.as_slice(),
            ) {
                (Some(x), _) => BodySrc::File {
                    name: x.name.clone(),
                    size: x.size,
                },
                (None, []) => BodySrc::Empty,
                (None, b) if b.len() > INLINE_BODY_MAX || body_why.is_some() => BodySrc::File {
                    name: BODY_FILE.to_string(),
                    size: b.len() as u64,
                },
                (None, b) => BodySrc::Inline(b),
            },
            time: ex.time.replace_nanosecond(0).unwrap_or(ex.time),
            token: match (has_token, ex.rules.token_signed) {
                (false, _) => TokenUse::None,
                (true, true) => TokenUse::Signed,
                (true, false) => TokenUse::AfterSigning,
            },
            left_out,
            body_why: body_why.map(|why| why.replace("was left out", "is not written here")),
        }
    }

    fn presign(&self) -> Option<u64> {
        self.ex.rules.expires
    }

    fn iso(&self) -> String {
        timefmt::iso(self.time)
    }

    /// `https://host/path`, without the query.
    fn base_url(&self) -> String {
        format!("{}://{}{}", self.scheme, self.authority, self.path)
    }

    fn signs(&self, lname: &str) -> bool {
        self.ex
            .canonical_request
            .headers
            .iter()
            .any(|h| h.name == lname)
    }

    fn header(&self, lname: &str) -> Option<&Head> {
        self.headers.iter().find(|h| h.lname == lname)
    }

    /// Whether the session token is read from the environment anywhere.
    fn needs_token(&self) -> bool {
        self.token != TokenUse::None
            || self.headers.iter().any(|h| h.value == Val::Token)
            || self.query.iter().any(|q| q.value == Val::Token)
    }

    fn env_names(&self) -> Vec<&'static str> {
        let mut names = vec![KEY_ID_ENV, SECRET_ENV];
        if self.needs_token() {
            names.push(TOKEN_ENV);
        }
        names
    }

    /// The opening comment every signer's code shares, one sentence per entry.
    fn intro(&self, library: &str) -> Vec<String> {
        let e = &self.ex.rules;
        let mut out = vec![format!(
            "Signs {} {} for {} in {} at {}, as sigv4-lab did, with {library}, and prints {}; compare it with sigv4-lab's.",
            self.ex.canonical_request.method,
            self.base_url(),
            self.ex.service.value,
            self.ex.region.value,
            self.iso(),
            if e.expires.is_some() {
                "the presigned URL"
            } else {
                "the Authorization header"
            }
        )];
        out.push(format!(
            "Credentials come from the environment, never from this file: {}.",
            self.env_names().join(", ")
        ));
        match self.token {
            TokenUse::None => out.push(
                "sigv4-lab signed without a session token, so none is used here.".to_string(),
            ),
            TokenUse::Signed => {}
            TokenUse::AfterSigning => out.push(
                "The session token is added after signing, unsigned, as sigv4-lab was told to (AWS IoT style)."
                    .to_string(),
            ),
        }
        out.extend(self.left_out.iter().cloned());
        if self.uses_body() {
            out.extend(self.body_why.clone());
            if let Some(note) = self.file_note() {
                out.push(note);
            }
        }
        out
    }

    /// Where to put the body file, when the code reads the body from one.
    fn file_note(&self) -> Option<String> {
        match &self.body {
            BodySrc::File { name, size } if self.ex.signed_request.body_file.is_some() => {
                Some(format!(
                "The body is read from the file {name} ({size} bytes): run this where that file is."
            ))
            }
            BodySrc::File { name, size } => Some(format!(
                "Save the request body ({size} bytes) as {name} in the working directory first."
            )),
            BodySrc::Empty | BodySrc::Inline(_) => None,
        }
    }

    /// Whether the signers need the body bytes (the payload hash is the body's).
    fn uses_body(&self) -> bool {
        matches!(self.ex.payload, PayloadHash::Body(_)) && !matches!(self.body, BodySrc::Empty)
    }

    fn body_is_empty(&self) -> bool {
        matches!(self.body, BodySrc::Empty)
    }

    /// The body's SHA-256, from the hashed file or the bytes.
    fn body_sha256(&self) -> String {
        match &self.ex.signed_request.body_file {
            Some(x) => x.sha256.to_ascii_lowercase(),
            None => sha256_hex(&self.ex.signed_request.body),
        }
    }
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Each sentence as comment lines starting with `prefix`, wrapped near 100 columns.
fn comment(out: &mut String, prefix: &str, sentences: &[String]) {
    for s in sentences {
        let mut line = String::from(prefix);
        for word in s.split(' ') {
            if line.len() > prefix.len() && line.len() + 1 + word.len() > 100 {
                out.push_str(line.trim_end());
                out.push('\n');
                line = String::from(prefix);
            } else if line.len() > prefix.len() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// A byte string literal, `b"..."`: the same text is a Python `bytes` and a Rust `&[u8; N]`
/// (both read `\\`, `\"`, `\n`, `\r`, `\t` and `\xNN` alike).
struct ByteString<'a>(&'a [u8]);

impl fmt::Display for ByteString<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("b\"")?;
        for &c in self.0 {
            match c {
                b'\\' => f.write_str("\\\\")?,
                b'"' => f.write_str("\\\"")?,
                b'\n' => f.write_str("\\n")?,
                b'\r' => f.write_str("\\r")?,
                b'\t' => f.write_str("\\t")?,
                0x20..=0x7e => f.write_char(c as char)?,
                _ => write!(f, "\\x{c:02x}")?,
            }
        }
        f.write_char('"')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_strings() {
        assert_eq!(ByteString(b"a\"\xff").to_string(), "b\"a\\\"\\xff\"");
        assert_eq!(
            ByteString(b"{\"a\"}\x00").to_string(),
            "b\"{\\\"a\\\"}\\x00\""
        );
    }

    #[test]
    fn comments_wrap() {
        let mut text = String::new();
        comment(&mut text, "# ", &["word ".repeat(40)]);
        assert!(
            text.lines().all(|l| l.len() <= 100 && l.starts_with("# ")),
            "{text}"
        );
    }

    #[test]
    fn languages_are_spelled_once() {
        let names: Vec<&str> = Language::ALL.iter().map(|l| l.as_str()).collect();
        assert_eq!(names, ["curl", "python", "javascript", "rust"]);
    }
}
