//! Code that makes the same signature again at the same fixed time: curl, botocore, @smithy/signature-v4, aws-sigv4.
//!
//! - curl sends the request sigv4-lab signed, as it is (a signature is accepted for about 15
//!   minutes after its signing time, a presigned URL until it expires).
//! - Python (botocore), JavaScript (`@smithy/signature-v4`, the AWS SDK for JavaScript v3's
//!   signer) and Rust (aws-sigv4, the AWS SDK for Rust's) sign it again at the explanation's
//!   signing time and print the Authorization header or the presigned URL, to compare with
//!   sigv4-lab's.
//!
//! Credentials are never written into the code: it reads `AWS_ACCESS_KEY_ID`,
//! `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` from the environment (curl reads
//! `$AWS_SESSION_TOKEN`; a token that the request itself carries is read from there too).
//!
//! Each signer is given sigv4-lab's choices for this request — path normalisation and double
//! encoding, the signed headers, the payload hash, where the session token goes, the presigned
//! expiry — through its own settings where it has them (botocore: its S3 / query signer classes,
//! and a subclass overriding `_normalize_url_path` or `payload` the way botocore's own S3 classes
//! do). Where a signer cannot follow one (botocore never signs `Expect`; smithy always drops a
//! `Date` header), the code says so in a comment instead of silently signing something else.
//! Headers that are sent but not signed (User-Agent, ...) do not change a signature and are left
//! out of the Python, JavaScript and Rust code.

use percent_encoding::percent_decode_str;
use time::{Duration, OffsetDateTime};

use super::export::shell_quote;
use crate::http::query::rewrite as rewrite_query;
use crate::http::{is_token_name, MAX_PRESIGN_EXPIRES};
use crate::input::{Inputs, Secret};
use crate::sigv4::canonical::{Origin, PayloadHash};
use crate::sigv4::key::sha256_hex;
use crate::sigv4::Signing;
use crate::text::{excerpt, quoted, QUOTE_CHARS};
use crate::timefmt;

/// The languages, in the order [`snippets`] returns them.
pub const LANGUAGES: [&str; 4] = ["curl", "python", "javascript", "rust"];
/// Bodies up to this size (bytes) are written into the code; larger ones are read from [`BODY_FILE`].
pub const INLINE_BODY_MAX: usize = 64 * 1024;
/// Where the code reads a body too large to write into it.
pub const BODY_FILE: &str = "body.bin";
/// The aws-sigv4 version the Rust snippet asks for (the one sigv4-lab cross-checks with).
pub const AWS_SIGV4_VERSION: &str = super::markdown::AWS_SIGV4_VERSION;

const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const TOKEN_ENV: &str = "AWS_SESSION_TOKEN";

/// One piece of code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// `curl`, `python`, `javascript` or `rust`.
    pub language: &'static str,
    pub code: String,
}

/// The code for each of [`LANGUAGES`], for the request `explanation` explains.
pub fn snippets(inputs: &Inputs, signing: &Signing) -> Vec<Snippet> {
    let plan = Plan::new(inputs, signing);
    vec![
        Snippet {
            language: "curl",
            code: curl(&plan),
        },
        Snippet {
            language: "python",
            code: python(&plan),
        },
        Snippet {
            language: "javascript",
            code: javascript(&plan),
        },
        Snippet {
            language: "rust",
            code: rust(&plan),
        },
    ]
}

/// A header or query value: text, or the session token read from the environment.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Val {
    Text(String),
    Token,
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
        let query = creq
            .query
            .iter()
            .filter(|q| q.origin == Origin::Request)
            .map(|q| {
                let key = decode(&q.key);
                let value = if is_token_name(&key) {
                    Val::Token
                } else {
                    Val::Text(decode(&q.value))
                };
                Param {
                    key,
                    value,
                    encoded: format!("{}={}", q.key, q.value),
                }
            })
            .collect();
        let headers = creq
            .headers
            .iter()
            .filter(|h| h.origin != Origin::Signing)
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
                    value: if is_token_name(&h.name) {
                        Val::Token
                    } else {
                        Val::Text(h.value.clone())
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
                (None, b) if b.len() > INLINE_BODY_MAX => BodySrc::File {
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
        let mut names = vec!["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];
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
        if self.uses_body() {
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
fn comment(prefix: &str, sentences: &[String]) -> String {
    let mut out = String::new();
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
    out
}

// --- curl ---------------------------------------------------------------------------------------

fn curl(p: &Plan<'_>) -> String {
    let ex = p.ex;
    let r = &ex.signed_request;
    let mut notes = Vec::new();
    if ex.signature.is_none() {
        notes.push("No secret access key was given, so sigv4-lab could not sign this request: it is shown as it would be sent, without a signature.".to_string());
    } else {
        notes.push(format!(
            "The request sigv4-lab signed for {} in {} at {}, ready to send again.",
            ex.service.value,
            ex.region.value,
            p.iso()
        ));
        let until = |d: Duration| {
            p.time
                .checked_add(d)
                .map_or_else(|| "the end of time".to_string(), timefmt::iso)
        };
        notes.push(match p.presign() {
            Some(secs) => format!(
                "The presigned URL works until {} (X-Amz-Expires={secs} seconds after its signing time).",
                until(Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX)))
            ),
            None => {
                // The same window the clock-skew finding uses for this service.
                let window = crate::diagnose::facts::skew_window_minutes(&p.ex.service.value);
                format!(
                    "AWS accepts a signature only within about {window} minutes of its signing time (X-Amz-Date), so this works until about {}; sign again for a later try.",
                    until(Duration::minutes(window))
                )
            }
        });
    }
    let mut url_token = false;
    let url = rewrite_query(&r.url, |key, pair| {
        if is_token_name(key) {
            url_token = true;
            None
        } else {
            Some(pair.to_string())
        }
    });
    let header_token = r.headers.iter().any(|(n, _)| is_token_name(n));
    if url_token || header_token {
        notes.push("The session token is read from $AWS_SESSION_TOKEN: export it first.".into());
    }
    if url_token {
        notes.push(
            "--url-query, which adds it to the URL encoded, needs curl 7.87 or later.".into(),
        );
    }
    if let Some(note) = p.file_note() {
        notes.push(note);
    }
    let mut out = comment("# ", &notes);
    out.push_str("curl");
    if r.method == "HEAD" {
        out.push_str(" --head");
    } else {
        out.push_str(&format!(" -X {}", shell_quote(r.method.as_bytes())));
    }
    out.push_str(&format!(" {}", shell_quote(url.as_bytes())));
    for (n, v) in &r.headers {
        let arg = if is_token_name(n) {
            format!("\"{}: ${TOKEN_ENV}\"", n.trim())
        } else if v.is_empty() {
            shell_quote(format!("{n};").as_bytes())
        } else {
            shell_quote(format!("{n}: {v}").as_bytes())
        };
        out.push_str(&format!(" \\\n  -H {arg}"));
    }
    if url_token {
        out.push_str(&format!(
            " \\\n  --url-query \"X-Amz-Security-Token=${TOKEN_ENV}\""
        ));
    }
    match &p.body {
        BodySrc::Empty => {}
        // curl reads `@name` as the file's bytes, unchanged.
        BodySrc::File { name, .. } => out.push_str(&format!(
            " \\\n  --data-binary {}",
            shell_quote(format!("@{name}").as_bytes())
        )),
        BodySrc::Inline(b) => out.push_str(&format!(" \\\n  --data-binary {}", shell_quote(b))),
    }
    out.push('\n');
    out
}

// --- Python (botocore) --------------------------------------------------------------------------

/// Headers botocore's SigV4 signers never sign (`botocore.auth.SIGNED_HEADERS_BLACKLIST`).
const BOTOCORE_NEVER_SIGNS: [&str; 11] = [
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

/// A Python `str` literal.
fn py_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_ascii_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_ascii() => out.push(c),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// A byte string literal, `b"..."`: the same text is a Python `bytes` and a Rust `&[u8; N]`
/// (both read `\\`, `\"`, `\n`, `\r`, `\t` and `\xNN` alike).
fn bytes_literal(b: &[u8]) -> String {
    let mut out = String::from("b\"");
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push('"');
    out
}

fn py_val(v: &Val) -> String {
    match v {
        Val::Text(t) => py_str(t),
        Val::Token => format!("os.environ[\"{TOKEN_ENV}\"]"),
    }
}

/// Python's `" ".join(value.split())`: every run of whitespace (as `str.isspace` sees it) to one space.
fn python_trimall(v: &str) -> String {
    v.split(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn python(p: &Plan<'_>) -> String {
    let ex = p.ex;
    let e = &ex.rules;
    let presign = p.presign();
    let s3 = e.s3_rules;
    let class = match (presign.is_some(), s3) {
        (false, false) => "SigV4Auth",
        (false, true) => "S3SigV4Auth",
        (true, false) => "SigV4QueryAuth",
        (true, true) => "S3SigV4QueryAuth",
    };
    let ours_payload = ex.canonical_request.payload_hash.as_str();
    let mut notes = p.intro("botocore");

    // Headers: the signed ones from the request, and x-amz-content-sha256 where only the S3
    // signer would add it.
    let mut headers: Vec<(String, Val)> = p
        .headers
        .iter()
        .map(|h| (h.name.clone(), h.value.clone()))
        .collect();
    let request_sha = p.header("x-amz-content-sha256").map(|h| &h.value);
    let mut added_sha = None;
    if presign.is_none() && !s3 && e.sign_body && request_sha.is_none() {
        headers.push((
            "X-Amz-Content-SHA256".to_string(),
            Val::Text(ours_payload.to_string()),
        ));
        added_sha = Some(ours_payload.to_string());
    }
    // What botocore's class would put on the canonical request's last line by itself.
    let body_hash = p.body_sha256();
    let header_sha = match (request_sha, &added_sha) {
        (Some(Val::Text(v)), _) => Some(v.clone()),
        (_, Some(v)) => Some(v.clone()),
        _ => None,
    };
    let botocore_payload = match (presign.is_some(), s3) {
        (false, false) => header_sha.unwrap_or(body_hash),
        (false, true) => body_hash,
        // The body is not passed when presigning (botocore would move it into the query).
        (true, false) => header_sha.unwrap_or_else(|| EMPTY_SHA256.to_string()),
        (true, true) => UNSIGNED_PAYLOAD.to_string(),
    };
    let payload_override = (botocore_payload != ours_payload).then_some(match &ex.payload {
        PayloadHash::Unsigned => {
            "The payload hash is the literal UNSIGNED-PAYLOAD, as sigv4-lab signed it."
        }
        PayloadHash::Precomputed(_) => {
            "The payload hash is the request's own x-amz-content-sha256 value."
        }
        PayloadHash::Body(_) => {
            "The payload hash is the body's SHA-256; a presigned URL does not carry the body."
        }
    });
    let path_override = if s3 || (e.double_encode && e.normalize_path) {
        None
    } else if e.double_encode {
        Some((
            "quote(path, safe=\"/~\")",
            "The path is encoded a second time but not normalised: dot segments stay, as sigv4-lab was told.",
        ))
    } else {
        Some((
            "path",
            "The path is signed as sent, encoded once (no second encoding), as sigv4-lab was told.",
        ))
    };

    for h in &p.headers {
        if BOTOCORE_NEVER_SIGNS.contains(&h.lname.as_str()) {
            notes.push(format!("botocore never signs the {} header, which sigv4-lab signed here, so botocore's signature will differ.", h.name));
        }
        if let Val::Text(v) = &h.value {
            if python_trimall(v) != *v {
                notes.push(format!("botocore turns every run of whitespace (tabs too) in a header value into one space; sigv4-lab kept the {} header's tab or other whitespace, so the signatures will differ.", excerpt(&h.name, QUOTE_CHARS)));
            }
        }
    }
    if presign.is_none() && p.header("date").is_some() {
        notes.push("botocore replaces a Date header with the signing time and then sends no X-Amz-Date; sigv4-lab signed the Date header as given plus X-Amz-Date, so the signatures will differ.".into());
    }
    if presign.is_some() {
        if p.header("content-type").and_then(|h| match &h.value {
            Val::Text(v) => Some(v.as_str()),
            Val::Token => None,
        }) == Some("application/x-www-form-urlencoded; charset=utf-8")
        {
            notes.push("botocore's presigner drops a Content-Type of exactly \"application/x-www-form-urlencoded; charset=utf-8\" before signing; sigv4-lab signed it, so the signatures will differ.".into());
        }
        let mut keys: Vec<&str> = p.query.iter().map(|q| q.key.as_str()).collect();
        keys.sort_unstable();
        if keys.windows(2).any(|w| w[0] == w[1]) {
            notes.push("botocore's presigner keeps one value per query parameter name; this request repeats one, so the signatures will differ.".into());
        }
        if !p.body_is_empty() && !s3 {
            notes.push("The body is left out: a presigned URL does not carry it (botocore's presigner would move a form body into the query string).".into());
        }
    }
    if ex.canonical_request.method != ex.canonical_request.method.to_ascii_uppercase() {
        notes.push(format!("botocore upper-cases the method; sigv4-lab signed {} as given, so the signatures will differ.", quoted(&ex.canonical_request.method)));
    }

    let mut out = comment("# ", &notes);
    out.push_str("import datetime\nimport os\nfrom unittest import mock\n");
    let needs_quote = matches!(path_override, Some((code, _)) if code.starts_with("quote"))
        || (presign.is_some() && p.token == TokenUse::AfterSigning);
    if needs_quote {
        out.push_str("from urllib.parse import quote\n");
    }
    out.push_str("\nimport botocore.auth\nfrom botocore.awsrequest import AWSRequest\nfrom botocore.credentials import Credentials\n\n");
    out.push_str("# botocore reads the clock through botocore.auth.get_current_datetime (naive UTC); it is\n# patched below to return this instant, sigv4-lab's signing time.\n");
    out.push_str(&format!(
        "SIGNING_TIME = datetime.datetime({}, {}, {}, {}, {}, {})\n",
        p.time.year(),
        u8::from(p.time.month()),
        p.time.day(),
        p.time.hour(),
        p.time.minute(),
        p.time.second()
    ));
    let pass_body = presign.is_none() && !p.body_is_empty();
    match &p.body {
        _ if !pass_body => {}
        BodySrc::File { name, .. } => out.push_str(&format!(
            "with open({}, \"rb\") as body_file:\n    BODY = body_file.read()\n",
            py_str(name)
        )),
        BodySrc::Inline(b) => out.push_str(&format!("BODY = {}\n", bytes_literal(b))),
        BodySrc::Empty => {}
    }
    out.push_str("\ncredentials = Credentials(\n    os.environ[\"AWS_ACCESS_KEY_ID\"],\n    os.environ[\"AWS_SECRET_ACCESS_KEY\"],\n");
    if p.token == TokenUse::Signed {
        out.push_str(&format!("    os.environ[\"{TOKEN_ENV}\"],\n"));
    }
    out.push_str(")\n");

    let signer_class = if path_override.is_some() || payload_override.is_some() {
        out.push_str(&format!(
            "\n\nclass Signer(botocore.auth.{class}):\n    \"\"\"botocore's {class} with sigv4-lab's choices for this request.\"\"\"\n"
        ));
        if let Some((code, why)) = path_override {
            out.push_str(&format!(
                "\n    def _normalize_url_path(self, path):\n{}        return {code}\n",
                comment("        # ", &[why.to_string()])
            ));
        }
        if let Some(why) = payload_override {
            out.push_str(&format!(
                "\n    def payload(self, request):\n{}        return {}\n",
                comment("        # ", &[why.to_string()]),
                py_str(ours_payload)
            ));
        }
        out.push_str("\n\n");
        "Signer".to_string()
    } else {
        out.push('\n');
        format!("botocore.auth.{class}")
    };

    out.push_str(&format!(
        "request = AWSRequest(\n    method={},\n    url={},\n",
        py_str(&ex.canonical_request.method),
        py_str(&p.base_url())
    ));
    if !p.query.is_empty() {
        out.push_str("    params=[\n");
        for q in &p.query {
            out.push_str(&format!(
                "        ({}, {}),\n",
                py_str(&q.key),
                py_val(&q.value)
            ));
        }
        out.push_str("    ],\n");
    }
    out.push_str("    headers={\n");
    for (n, v) in &headers {
        out.push_str(&format!("        {}: {},\n", py_str(n), py_val(v)));
    }
    out.push_str("    },\n");
    if pass_body {
        out.push_str("    data=BODY,\n");
    }
    out.push_str(")\n");
    let expires = presign.map_or(String::new(), |s| format!(", expires={s}"));
    out.push_str(&format!(
        "signer = {signer_class}(credentials, {}, {}{expires})\n",
        py_str(&ex.service.value),
        py_str(&ex.region.value)
    ));
    out.push_str("with mock.patch.object(botocore.auth, \"get_current_datetime\", return_value=SIGNING_TIME):\n    signer.add_auth(request)\n");
    out.push_str(&format!(
        "assert request.context[\"timestamp\"] == {}, \"botocore did not sign at the fixed time\"\n",
        py_str(ex.amz_date())
    ));
    if p.token == TokenUse::AfterSigning {
        if presign.is_some() {
            out.push_str(&format!("request.url += \"&X-Amz-Security-Token=\" + quote(os.environ[\"{TOKEN_ENV}\"], safe=\"-_.~\")\n"));
        } else {
            out.push_str(&format!(
                "request.headers[\"X-Amz-Security-Token\"] = os.environ[\"{TOKEN_ENV}\"]\n"
            ));
        }
    }
    out.push_str(if presign.is_some() {
        "print(request.url)\n"
    } else {
        "print(request.headers[\"Authorization\"])\n"
    });
    out
}

// --- JavaScript (@smithy/signature-v4) ----------------------------------------------------------

/// Headers `@smithy/signature-v4` leaves unsigned unless told otherwise (`ALWAYS_UNSIGNABLE_HEADERS`).
const SMITHY_UNSIGNABLE: [&str; 15] = [
    "authorization",
    "cache-control",
    "connection",
    "expect",
    "from",
    "keep-alive",
    "max-forwards",
    "pragma",
    "referer",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

fn smithy_signs_by_default(lname: &str) -> bool {
    !(SMITHY_UNSIGNABLE.contains(&lname)
        || lname.starts_with("proxy-")
        || lname.starts_with("sec-"))
}

/// A JavaScript string literal (JSON's form, which JavaScript accepts).
fn js_str(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

fn js_val(v: &Val) -> String {
    match v {
        Val::Text(t) => js_str(t),
        Val::Token => format!("process.env.{TOKEN_ENV}"),
    }
}

fn js_set(names: &[String]) -> String {
    format!(
        "new Set([{}])",
        names
            .iter()
            .map(|n| js_str(n))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The path as smithy's `getCanonicalPath` normalises it when `uriEscapePath` is on.
fn smithy_normalized(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for s in path.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    format!(
        "{}{}{}",
        if path.starts_with('/') { "/" } else { "" },
        segments.join("/"),
        if !segments.is_empty() && path.ends_with('/') {
            "/"
        } else {
            ""
        }
    )
}

/// smithy's header value canonicalisation: line breaks and runs of spaces or tabs to one space, one space trimmed each end.
fn smithy_header_value(v: &str) -> String {
    let mut out = String::new();
    for c in v.chars() {
        let c = if matches!(c, '\r' | '\n' | '\t') {
            ' '
        } else {
            c
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    let out = out.strip_prefix(' ').unwrap_or(&out);
    out.strip_suffix(' ').unwrap_or(out).to_string()
}

fn javascript(p: &Plan<'_>) -> String {
    let ex = p.ex;
    let e = &ex.rules;
    let presign = p.presign();
    let ours_payload = ex.canonical_request.payload_hash.as_str();
    let mut notes = p.intro("@smithy/signature-v4 (the AWS SDK for JavaScript v3's signer)");
    notes.push("npm install @smithy/signature-v4 @aws-crypto/sha256-js, save as an ES module (sign.mjs) and run node sign.mjs.".into());

    let mut headers: Vec<(String, String, Val)> = p
        .headers
        .iter()
        .map(|h| (h.name.clone(), h.lname.clone(), h.value.clone()))
        .collect();
    // smithy takes the payload hash from an x-amz-content-sha256 header when there is one.
    let has_sha = p.header("x-amz-content-sha256").is_some();
    if !has_sha && !matches!(ex.payload, PayloadHash::Body(_)) {
        headers.push((
            "x-amz-content-sha256".to_string(),
            "x-amz-content-sha256".to_string(),
            Val::Text(ours_payload.to_string()),
        ));
        notes.push(if p.signs("x-amz-content-sha256") {
            format!("The x-amz-content-sha256 header gives smithy the payload hash, {ours_payload}.")
        } else {
            format!("The x-amz-content-sha256 header only gives smithy the payload hash, {ours_payload}: it is left unsigned, as sigv4-lab signed no such header, and need not be sent.")
        });
    }
    let mut signable = Vec::new();
    let mut unsignable = Vec::new();
    for (_, lname, _) in &headers {
        let ours = p.signs(lname);
        if ours && !smithy_signs_by_default(lname) {
            signable.push(lname.clone());
        } else if !ours && smithy_signs_by_default(lname) {
            unsignable.push(lname.clone());
        }
    }
    let unhoistable: Vec<String> = headers
        .iter()
        .map(|(_, l, _)| l.clone())
        .filter(|l| l.starts_with("x-amz-"))
        .collect();

    for (name, lname, value) in &headers {
        if lname == "date" || (presign.is_some() && lname == "x-amz-date") {
            notes.push(format!("smithy always drops a {name} header before signing; sigv4-lab signed it, so the signatures will differ."));
        }
        if let Val::Text(v) = value {
            if smithy_header_value(v) != *v {
                notes.push(format!(
                    "smithy turns tabs in a header value into spaces; sigv4-lab kept the {} header's, so the signatures will differ.",
                    excerpt(name, QUOTE_CHARS)
                ));
            }
        }
    }
    if e.double_encode && smithy_normalized(p.path) != p.path {
        notes.push("smithy always removes dot segments when it encodes the path twice; sigv4-lab was told to keep them, so the signatures will differ.".into());
    }
    if presign.is_some_and(|s| s > MAX_PRESIGN_EXPIRES) {
        notes.push("smithy refuses to presign for more than 7 days (604800 seconds), as AWS would refuse the URL.".into());
    }

    let mut out = comment("// ", &notes);
    out.push_str("import { Sha256 } from \"@aws-crypto/sha256-js\";\nimport { SignatureV4 } from \"@smithy/signature-v4\";\n");
    let pass_body = p.uses_body();
    if pass_body && matches!(p.body, BodySrc::File { .. }) {
        out.push_str("import { readFileSync } from \"node:fs\";\n");
    }
    out.push_str(&format!(
        "\nfor (const name of [{}]) {{\n  if (!process.env[name]) throw new Error(`Set ${{name}} in the environment.`);\n}}\n\n",
        p.env_names().iter().map(|n| js_str(n)).collect::<Vec<_>>().join(", ")
    ));
    out.push_str(&format!(
        "const signer = new SignatureV4({{\n  service: {},\n  region: {},\n  sha256: Sha256,\n  credentials: {{\n    accessKeyId: process.env.AWS_ACCESS_KEY_ID,\n    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,\n",
        js_str(&ex.service.value),
        js_str(&ex.region.value)
    ));
    if p.token == TokenUse::Signed {
        out.push_str(&format!("    sessionToken: process.env.{TOKEN_ENV},\n"));
    }
    out.push_str("  },\n");
    out.push_str(if e.double_encode {
        "  // Every service but S3: remove dot segments, then encode the path a second time.\n  uriEscapePath: true,\n"
    } else if e.normalize_path {
        "  // The path is signed as sent, encoded once; its dot segments were removed already.\n  uriEscapePath: false,\n"
    } else {
        "  // The path is signed as sent: encoded once, dot segments kept (S3's rule).\n  uriEscapePath: false,\n"
    });
    if presign.is_none() {
        out.push_str(if e.sign_body {
            "  // Add and sign x-amz-content-sha256.\n  applyChecksum: true,\n"
        } else {
            "  // No x-amz-content-sha256 header.\n  applyChecksum: false,\n"
        });
    }
    out.push_str("});\n\n");

    out.push_str(&format!(
        "const request = {{\n  method: {},\n  protocol: {},\n  hostname: {},\n",
        js_str(&ex.canonical_request.method),
        js_str(&format!("{}:", p.scheme)),
        js_str(&p.hostname)
    ));
    if let Some(port) = p.port {
        out.push_str(&format!("  port: {port},\n"));
    }
    out.push_str(&format!("  path: {},\n  query: {{", js_str(p.path)));
    let mut groups: Vec<(&str, Vec<&Val>)> = Vec::new();
    for q in &p.query {
        match groups.iter_mut().find(|(k, _)| *k == q.key) {
            Some((_, vs)) => vs.push(&q.value),
            None => groups.push((&q.key, vec![&q.value])),
        }
    }
    if !groups.is_empty() {
        out.push('\n');
        for (k, vs) in &groups {
            let value = match vs.as_slice() {
                [one] => js_val(one),
                many => format!(
                    "[{}]",
                    many.iter()
                        .map(|v| js_val(v))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            out.push_str(&format!("    {}: {value},\n", js_str(k)));
        }
        out.push_str("  ");
    }
    out.push_str("},\n  headers: {\n");
    for (name, _, value) in &headers {
        out.push_str(&format!("    {}: {},\n", js_str(name), js_val(value)));
    }
    out.push_str("  },\n");
    let body = match &p.body {
        _ if !pass_body => None,
        BodySrc::File { name, .. } => Some(format!("readFileSync({})", js_str(name))),
        BodySrc::Inline(b) => Some(match std::str::from_utf8(b) {
            Ok(t) => js_str(t),
            Err(_) => format!("Buffer.from({}, \"hex\")", js_str(&hex::encode(b))),
        }),
        BodySrc::Empty => None,
    };
    if let Some(body) = body {
        out.push_str(&format!("  body: {body},\n"));
    }
    out.push_str("};\n\n");

    let mut options = vec![format!("  signingDate: new Date({}),\n", js_str(&p.iso()))];
    if let Some(secs) = presign {
        options.push(format!("  expiresIn: {secs},\n"));
        if !unhoistable.is_empty() {
            options.push(format!(
                "  // Keep these as headers (smithy would move x-amz-* headers into the URL).\n  unhoistableHeaders: {},\n",
                js_set(&unhoistable)
            ));
        }
    }
    if !signable.is_empty() {
        options.push(format!(
            "  // Signed by sigv4-lab, unsigned by smithy's default.\n  signableHeaders: {},\n",
            js_set(&signable)
        ));
    }
    if !unsignable.is_empty() {
        options.push(format!(
            "  // Not signed by sigv4-lab.\n  unsignableHeaders: {},\n",
            js_set(&unsignable)
        ));
    }
    let call = if presign.is_some() { "presign" } else { "sign" };
    out.push_str(&format!(
        "const signed = await signer.{call}(request, {{\n{}}});\n",
        options.concat()
    ));
    if p.token == TokenUse::AfterSigning {
        out.push_str(&if presign.is_some() {
            format!("signed.query[\"X-Amz-Security-Token\"] = process.env.{TOKEN_ENV};\n")
        } else {
            format!("signed.headers[\"x-amz-security-token\"] = process.env.{TOKEN_ENV};\n")
        });
    }
    if presign.is_some() {
        out.push_str("const escape = (s) =>\n  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);\n");
        out.push_str("const query = Object.entries(signed.query)\n  .flatMap(([key, value]) => [value].flat().map((v) => `${escape(key)}=${escape(v)}`))\n  .join(\"&\");\n");
        out.push_str("console.log(`${signed.protocol}//${signed.hostname}${signed.port ? `:${signed.port}` : \"\"}${signed.path}?${query}`);\n");
    } else {
        out.push_str("console.log(signed.headers.authorization);\n");
    }
    out
}

// --- Rust (aws-sigv4) ---------------------------------------------------------------------------

fn rs_val(v: &Val) -> String {
    match v {
        Val::Text(t) => format!("{t:?}.to_string()"),
        Val::Token => format!("env({TOKEN_ENV:?})"),
    }
}

fn rust(p: &Plan<'_>) -> String {
    let ex = p.ex;
    let e = &ex.rules;
    let presign = p.presign();
    let mut notes = p.intro(&format!(
        "aws-sigv4 {AWS_SIGV4_VERSION} (the AWS SDK for Rust's signer)"
    ));
    match (&ex.cross_check, &ex.cross_check_unavailable) {
        (Some(c), _) if !c.agrees => notes.push("In sigv4-lab's own cross-check, aws-sigv4 computed a different signature for this request.".into()),
        (None, Some(why)) => notes.push(format!("In sigv4-lab's own cross-check aws-sigv4 could not sign this request: {why}")),
        _ => {}
    }
    let token_in_url = p.query.iter().any(|q| q.value == Val::Token);
    let encodes = presign.is_some() || token_in_url;
    let mut out = comment("//! ", &notes);
    out.push_str("//!\n//! Cargo.toml:\n//!\n//! ```toml\n//! [dependencies]\n//! aws-credential-types = \"1.2\"\n");
    out.push_str(&format!("//! aws-sigv4 = {{ version = \"={AWS_SIGV4_VERSION}\", default-features = false, features = [\"sign-http\", \"http1\"] }}\n"));
    out.push_str("//! aws-smithy-runtime-api = { version = \"1\", features = [\"client\"] }\n");
    if encodes {
        out.push_str("//! percent-encoding = \"2\"\n");
    }
    out.push_str("//! ```\n\nuse std::time::{Duration, SystemTime};\n\nuse aws_credential_types::Credentials;\nuse aws_sigv4::http_request::{\n    sign, PayloadChecksumKind, PercentEncodingMode, SessionTokenMode, SignableBody, SignableRequest,\n    SignatureLocation, SigningSettings, UriPathNormalizationMode,\n};\nuse aws_sigv4::sign::v4;\nuse aws_smithy_runtime_api::client::identity::Identity;\n");
    if encodes {
        out.push_str("use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};\n\n/// SigV4's URI encoding: everything but A-Z a-z 0-9 - . _ ~ as %XX.\nconst UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');\n");
    }
    let pass_body = p.uses_body();
    if let (true, BodySrc::Inline(b)) = (pass_body, &p.body) {
        out.push_str(&format!("\nconst BODY: &[u8] = {};\n", bytes_literal(b)));
    }
    out.push_str("\nfn env(name: &str) -> String {\n    std::env::var(name).unwrap_or_else(|_| panic!(\"set {name} in the environment\"))\n}\n\n");
    out.push_str("fn main() -> Result<(), Box<dyn std::error::Error>> {\n");
    if let (true, BodySrc::File { name, .. }) = (pass_body, &p.body) {
        out.push_str(&format!("    let body = std::fs::read({name:?})?;\n"));
    }
    let token_arg = if p.token == TokenUse::None {
        "None".to_string()
    } else {
        format!("Some(env({TOKEN_ENV:?}))")
    };
    out.push_str(&format!(
        "    let identity: Identity = Credentials::new(\n        env(\"AWS_ACCESS_KEY_ID\"),\n        env(\"AWS_SECRET_ACCESS_KEY\"),\n        {token_arg},\n        None,\n        \"environment\",\n    )\n    .into();\n\n"
    ));
    out.push_str("    let mut settings = SigningSettings::default();\n");
    out.push_str(&format!(
        "    settings.percent_encoding_mode = PercentEncodingMode::{};\n",
        if e.double_encode { "Double" } else { "Single" }
    ));
    out.push_str(&format!(
        "    settings.uri_path_normalization_mode = UriPathNormalizationMode::{};\n",
        if e.normalize_path {
            "Enabled"
        } else {
            "Disabled"
        }
    ));
    out.push_str(&format!(
        "    settings.payload_checksum_kind = PayloadChecksumKind::{};\n",
        if e.sign_body {
            "XAmzSha256"
        } else {
            "NoHeader"
        }
    ));
    out.push_str(&format!(
        "    settings.session_token_mode = SessionTokenMode::{};\n",
        if p.token == TokenUse::AfterSigning {
            "Exclude"
        } else {
            "Include"
        }
    ));
    match presign {
        Some(secs) => out.push_str(&format!(
            "    settings.signature_location = SignatureLocation::QueryParams;\n    settings.expires_in = Some(Duration::from_secs({secs}));\n"
        )),
        None => out.push_str("    settings.signature_location = SignatureLocation::Headers;\n"),
    }
    let secs = p.time.unix_timestamp().max(0);
    out.push_str(&format!(
        "    let params = v4::SigningParams::builder()\n        .identity(&identity)\n        .region({:?})\n        .name({:?})\n        // {}\n        .time(SystemTime::UNIX_EPOCH + Duration::from_secs({secs}))\n        .settings(settings)\n        .build()?\n        .into();\n\n",
        ex.region.value,
        ex.service.value,
        p.iso()
    ));

    let plain: Vec<&str> = p
        .query
        .iter()
        .filter(|q| q.value != Val::Token)
        .map(|q| q.encoded.as_str())
        .collect();
    let mut url = p.base_url();
    if !plain.is_empty() {
        url.push('?');
        url.push_str(&plain.join("&"));
    }
    let mut has_query = !plain.is_empty();
    out.push_str(&format!(
        "    let {}url = String::from({url:?});\n",
        if token_in_url { "mut " } else { "" }
    ));
    for q in p.query.iter().filter(|q| q.value == Val::Token) {
        let sep = if has_query { '&' } else { '?' };
        has_query = true;
        let key = q.encoded.split('=').next().unwrap_or("");
        out.push_str(&format!(
            "    url.push_str(&format!(\"{sep}{key}={{}}\", utf8_percent_encode(&env({TOKEN_ENV:?}), UNRESERVED)));\n"
        ));
    }
    let rust_headers: Vec<&Head> = p.headers.iter().filter(|h| !h.from_url).collect();
    if rust_headers.is_empty() {
        out.push_str("    let headers: Vec<(&str, String)> = Vec::new();\n");
    } else {
        out.push_str("    let headers: Vec<(&str, String)> = vec![\n");
        for h in rust_headers {
            out.push_str(&format!("        ({:?}, {}),\n", h.name, rs_val(&h.value)));
        }
        out.push_str("    ];\n");
    }
    let body = match &ex.payload {
        PayloadHash::Unsigned => "SignableBody::UnsignedPayload".to_string(),
        PayloadHash::Precomputed(h) => format!("SignableBody::Precomputed({h:?}.to_string())"),
        PayloadHash::Body(_) => match &p.body {
            _ if !pass_body => "SignableBody::Bytes(&[])".to_string(),
            BodySrc::File { .. } => "SignableBody::Bytes(&body)".to_string(),
            BodySrc::Inline(_) | BodySrc::Empty => "SignableBody::Bytes(BODY)".to_string(),
        },
    };
    out.push_str(&format!(
        "    let request = SignableRequest::new(\n        {:?},\n        url.as_str(),\n        headers.iter().map(|(name, value)| (*name, value.as_str())),\n        {body},\n    )?;\n",
        ex.canonical_request.method
    ));
    out.push_str("    let (instructions, _signature) = sign(request, &params)?.into_parts();\n");
    if presign.is_some() {
        out.push_str("    let mut signed_url = url;\n    for (name, value) in instructions.params() {\n        signed_url.push(if signed_url.contains('?') { '&' } else { '?' });\n        signed_url.push_str(&format!(\"{name}={}\", utf8_percent_encode(value, UNRESERVED)));\n    }\n    println!(\"{signed_url}\");\n");
    } else {
        out.push_str("    let authorization = instructions\n        .headers()\n        .find(|(name, _)| *name == \"authorization\")\n        .map(|(_, value)| value.to_string())\n        .ok_or(\"aws-sigv4 gave no Authorization header\")?;\n    println!(\"{authorization}\");\n");
    }
    out.push_str("    Ok(())\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(
            py_str("a\"b\\c\né\u{1F600}\u{1}"),
            "\"a\\\"b\\\\c\\n\\u00e9\\U0001f600\\x01\""
        );
        assert_eq!(bytes_literal(b"a\"\xff"), "b\"a\\\"\\xff\"");
        assert_eq!(js_str("a\"\n"), "\"a\\\"\\n\"");
        assert_eq!(bytes_literal(b"{\"a\"}\x00"), "b\"{\\\"a\\\"}\\x00\"");
    }

    #[test]
    fn whitespace_rules() {
        assert_eq!(python_trimall(" a \t b "), "a b");
        assert_eq!(smithy_header_value("a\t b"), "a b");
        assert_eq!(smithy_header_value("a b"), "a b");
        assert_eq!(smithy_normalized("/a/./b/../c/"), "/a/c/");
        assert_eq!(smithy_normalized("/"), "/");
        assert_eq!(smithy_normalized("/example/"), "/example/");
    }

    #[test]
    fn comments_wrap() {
        let text = comment("# ", &["word ".repeat(40)]);
        assert!(
            text.lines().all(|l| l.len() <= 100 && l.starts_with("# ")),
            "{text}"
        );
    }
}
