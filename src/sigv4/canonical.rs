//! Step 1: the canonical request, each part with where it came from.
//!
//! AWS IAM User Guide, "Create a canonical request":
//! `Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload`.

use std::fmt;

use percent_encoding::{
    percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC,
};
use serde::Serialize;

use super::{key, Effective, ExplainError, Prepared, ALGORITHM};

/// Everything but the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`.
const UNRESERVED_ONLY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
/// The same, keeping `/` (path segments stay separated).
const PATH: &AsciiSet = &UNRESERVED_ONLY.remove(b'/');
/// Bytes that cannot appear raw in a URL on the wire (non-ASCII is always encoded).
const WIRE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// SigV4's `UriEncode` of a query key or value: unreserved characters kept, all else `%XX` (uppercase).
pub fn uri_encode(s: &str) -> String {
    utf8_percent_encode(s, UNRESERVED_ONLY).to_string()
}

/// Percent-encodes only the bytes that are not allowed raw in a URL (spaces, non-ASCII, ...).
pub fn wire_encode(s: &str) -> String {
    utf8_percent_encode(s, WIRE).to_string()
}

/// Where the body hash line came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum PayloadHash {
    /// SHA-256 of the body bytes.
    Body(String),
    /// The literal `UNSIGNED-PAYLOAD`.
    Unsigned,
    /// The request's own `x-amz-content-sha256` value.
    Precomputed(String),
}

impl PayloadHash {
    pub fn of_body(body: &[u8]) -> Self {
        PayloadHash::Body(key::sha256_hex(body))
    }
    pub fn as_str(&self) -> &str {
        match self {
            PayloadHash::Body(h) | PayloadHash::Precomputed(h) => h,
            PayloadHash::Unsigned => "UNSIGNED-PAYLOAD",
        }
    }
}

/// The canonical URI and the two steps that make it from the path as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CanonicalUri {
    /// The path exactly as written in the request.
    pub written: String,
    /// After RFC 3986 dot-segment removal (equal to `written` when normalisation is off).
    pub normalized: String,
    /// What goes on the canonical request's second line.
    pub canonical: String,
    /// The path as it goes on the wire.
    pub wire: String,
}

/// Where a canonical header or query parameter came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The user's request.
    Request,
    /// The URL's host, because the request had no Host header.
    HostFromUrl,
    /// Added by signing.
    Signing,
}

/// One `name:value` line of the canonical headers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CanonicalHeader {
    /// Lowercase name.
    pub name: String,
    /// Trimmed, inner spaces collapsed, repeated headers joined with `,`.
    pub value: String,
    pub origin: Origin,
}

/// One encoded `key=value` pair of the canonical query string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QueryParam {
    pub key: String,
    pub value: String,
    pub origin: Origin,
}

/// The canonical request. `Display` prints exactly the text whose SHA-256 is signed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CanonicalRequest {
    pub method: String,
    pub uri: CanonicalUri,
    pub query: Vec<QueryParam>,
    /// Signed headers only, sorted by name.
    pub headers: Vec<CanonicalHeader>,
    pub signed_headers: String,
    pub payload_hash: String,
    /// Headers sent but not signed (name, reason).
    pub unsigned_headers: Vec<(String, String)>,
    #[serde(skip)]
    pub(crate) notes: Vec<String>,
}

impl CanonicalRequest {
    /// The third line: `k=v&k=v`, sorted by encoded key then value.
    pub fn query_string(&self) -> String {
        self.query
            .iter()
            .map(|p| format!("{}={}", p.key, p.value))
            .collect::<Vec<_>>()
            .join("&")
    }
}

impl fmt::Display for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.method)?;
        writeln!(f, "{}", self.uri.canonical)?;
        writeln!(f, "{}", self.query_string())?;
        for h in &self.headers {
            writeln!(f, "{}:{}", h.name, h.value)?;
        }
        writeln!(f)?;
        writeln!(f, "{}", self.signed_headers)?;
        write!(f, "{}", self.payload_hash)
    }
}

pub(crate) struct Parts<'a> {
    pub prepared: &'a Prepared<'a>,
    pub effective: &'a Effective,
    pub payload: &'a super::PayloadHash,
    pub amz_date: &'a str,
    pub credential: &'a str,
    pub token: Option<&'a str>,
}

/// RFC 3986 section 5.2.4, "Remove Dot Segments", as AWS's signers apply it:
/// `.` and empty segments vanish, `..` removes the previous segment, a trailing slash stays.
pub fn normalize_path(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    let mut result = format!("/{}", out.join("/"));
    let trailing =
        ["/", "/.", "/.."].iter().any(|e| path.ends_with(e)) || path == "." || path == "..";
    if trailing && !result.ends_with('/') {
        result.push('/');
    }
    result
}

/// Step 1a: the canonical URI.
///
/// The path first takes its wire form (raw spaces and non-ASCII percent-encoded once, as any
/// client must send them). S3 signs that wire form; every other service URI-encodes it again,
/// so an already-encoded `%3D` becomes `%253D` ("double encoding").
pub fn canonical_uri(written: &str, normalize: bool, double_encode: bool) -> CanonicalUri {
    let written_abs = if written.starts_with('/') {
        written.to_string()
    } else {
        format!("/{written}")
    };
    let normalized = if normalize {
        normalize_path(&written_abs)
    } else {
        written_abs.clone()
    };
    let wire = wire_encode(&normalized);
    let canonical = if double_encode {
        utf8_percent_encode(&wire, PATH).to_string()
    } else {
        wire.clone()
    };
    CanonicalUri {
        written: written.to_string(),
        normalized,
        canonical,
        wire,
    }
}

/// Decodes one query key or value the way AWS reads a query string: `+` is a space, `%XX` a byte.
pub fn decode_query_component(s: &str) -> String {
    let plus = s.replace('+', " ");
    percent_decode_str(&plus).decode_utf8_lossy().into_owned()
}

/// Step 1c: the query parameters, decoded then re-encoded per SigV4.
pub fn canonical_query(query: Option<&str>) -> Vec<(String, String)> {
    query
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (
                uri_encode(&decode_query_component(k)),
                uri_encode(&decode_query_component(v)),
            )
        })
        .collect()
}

/// Folds a multi-line (obs-fold) value into one line, then trims spaces and collapses inner runs.
pub fn canonical_header_value(value: &str) -> String {
    let mut folded = String::with_capacity(value.len());
    let mut lines = value.split('\n');
    if let Some(first) = lines.next() {
        folded.push_str(first.trim_end_matches('\r'));
    }
    for line in lines {
        folded.push(' ');
        folded.push_str(line.trim_end_matches('\r').trim_start_matches([' ', '\t']));
    }
    let mut out = String::with_capacity(folded.len());
    for c in folded.trim_matches(' ').chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

/// Headers AWS's SDKs never sign (they change in transit).
pub const NEVER_SIGNED: [&str; 4] = [
    "authorization",
    "user-agent",
    "x-amzn-trace-id",
    "transfer-encoding",
];

/// Builds the whole canonical request.
pub(crate) fn build(p: &Parts<'_>) -> Result<CanonicalRequest, ExplainError> {
    let e = p.effective;
    let mut notes = Vec::new();
    let uri = canonical_uri(&p.prepared.url.path, e.normalize_path, e.double_encode);
    if uri.wire != uri.normalized {
        notes.push(format!(
            "The path {} holds characters that cannot travel unencoded (a space or non-ASCII); \
             they are percent-encoded for the wire as {}{}.",
            crate::input::quoted_max(&uri.written, super::NOTE_CHARS),
            crate::input::excerpt(&uri.wire, super::NOTE_CHARS),
            if e.double_encode {
                ", and this service encodes that form again in the canonical URI"
            } else {
                ""
            }
        ));
    }
    if p.prepared.query.as_deref().is_some_and(|q| q.contains('+')) {
        notes.push("A '+' in the query string is read as a space (%20), as AWS reads it; write %2B for a literal plus sign.".into());
    }

    // Collect the headers in order, tagging their origin.
    let mut all: Vec<(String, String, Origin)> = p
        .prepared
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_ascii_lowercase(),
                canonical_header_value(&h.value),
                Origin::Request,
            )
        })
        .collect();
    let set = |all: &mut Vec<(String, String, Origin)>, name: &str, value: &str| {
        all.retain(|(n, _, _)| n != name);
        all.push((name.to_string(), value.to_string(), Origin::Signing));
    };
    if !e.presign {
        set(&mut all, "x-amz-date", p.amz_date);
        if let Some(token) = p.token {
            set(&mut all, "x-amz-security-token", token);
        }
        if e.sign_body {
            set(&mut all, "x-amz-content-sha256", p.payload.as_str());
        }
    }
    if !all.iter().any(|(n, _, _)| n == "host") {
        all.push((
            "host".into(),
            p.prepared.url.authority(),
            Origin::HostFromUrl,
        ));
    }

    // Repeated headers join with ',' in the order they came; names sort afterwards.
    // (A Vec keeps the WebAssembly smaller than a BTreeMap and holds a dozen entries at most.)
    let mut grouped: Vec<(String, Vec<String>, Origin)> = Vec::new();
    let mut unsigned_headers = Vec::new();
    for (name, value, origin) in all {
        let why = if NEVER_SIGNED.contains(&name.as_str()) {
            Some("AWS's SDKs never sign it: proxies and clients change it in transit")
        } else if name == "x-amz-security-token" && !e.token_signed && p.token.is_some() {
            Some("the session token is added after signing")
        } else if e.presign && (name == "x-amz-user-agent" || name == "x-amz-checksum-mode") {
            Some("presigned URLs leave it unsigned, as aws-sigv4 does")
        } else {
            None
        };
        if let Some(why) = why {
            unsigned_headers.push((name, why.to_string()));
            continue;
        }
        match grouped.iter_mut().find(|(n, _, _)| *n == name) {
            Some(entry) => entry.1.push(value),
            None => grouped.push((name, vec![value], origin)),
        }
    }
    grouped.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let headers: Vec<CanonicalHeader> = grouped
        .into_iter()
        .map(|(name, values, origin)| CanonicalHeader {
            name,
            value: values.join(","),
            origin,
        })
        .collect();
    let signed_headers = headers
        .iter()
        .map(|h| h.name.as_str())
        .collect::<Vec<_>>()
        .join(";");

    let mut query: Vec<QueryParam> = canonical_query(p.prepared.query.as_deref())
        .into_iter()
        .map(|(key, value)| QueryParam {
            key,
            value,
            origin: Origin::Request,
        })
        .collect();
    if let Some(expires) = e.expires {
        let mut add = |k: &str, v: &str| {
            query.push(QueryParam {
                key: uri_encode(k),
                value: uri_encode(v),
                origin: Origin::Signing,
            })
        };
        add("X-Amz-Algorithm", ALGORITHM);
        add("X-Amz-Credential", p.credential);
        add("X-Amz-Date", p.amz_date);
        add("X-Amz-Expires", &expires.to_string());
        add("X-Amz-SignedHeaders", &signed_headers);
        if let (Some(token), true) = (p.token, e.token_signed) {
            add("X-Amz-Security-Token", token);
        }
    }
    query.sort_unstable_by(|a, b| (&a.key, &a.value).cmp(&(&b.key, &b.value)));

    Ok(CanonicalRequest {
        method: p.prepared.method.clone(),
        uri,
        query,
        headers,
        signed_headers,
        payload_hash: p.payload.as_str().to_string(),
        unsigned_headers,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments() {
        assert_eq!(normalize_path("/"), "/");
        assert_eq!(normalize_path("/a/./b/../c"), "/a/c");
        assert_eq!(normalize_path("//example//"), "/example/");
        assert_eq!(normalize_path("/example/.."), "/");
        assert_eq!(normalize_path("/../.."), "/");
        assert_eq!(normalize_path("/a/b/."), "/a/b/");
    }

    #[test]
    fn path_encoding() {
        let u = canonical_uri("/test/@connections/JBDvjfGEIAMCERw%3D", true, true);
        assert_eq!(u.canonical, "/test/%40connections/JBDvjfGEIAMCERw%253D");
        let s3 = canonical_uri("/bucket/my key.txt", false, false);
        assert_eq!(s3.canonical, "/bucket/my%20key.txt");
        let raw = canonical_uri("/example space/", true, true);
        assert_eq!(
            (raw.wire.as_str(), raw.canonical.as_str()),
            ("/example%20space/", "/example%2520space/")
        );
        assert_eq!(canonical_uri("/a/../b", false, false).canonical, "/a/../b");
    }

    #[test]
    fn query() {
        assert_eq!(
            canonical_query(Some("b=2&a=x+y&c&=&d=%7e")),
            vec![
                ("b".into(), "2".into()),
                ("a".into(), "x%20y".into()),
                ("c".into(), "".into()),
                ("".into(), "".into()),
                ("d".into(), "~".into()),
            ]
        );
    }

    #[test]
    fn header_values() {
        assert_eq!(canonical_header_value("  a   b  "), "a b");
        assert_eq!(
            canonical_header_value("value1\n  value2\n     value3"),
            "value1 value2 value3"
        );
        assert_eq!(canonical_header_value("a\tb"), "a\tb");
    }
}
