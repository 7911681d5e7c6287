//! Step 1: the canonical request, each part with where it came from.
//!
//! AWS IAM User Guide, "Create a canonical request":
//! `Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload`.

use std::borrow::Cow;
use std::fmt;

use crate::http::query::{self, decode, decode_keep_plus, path_encode, uri_encode, wire_encode};
use crate::http::{header, param, ALGORITHM, UNSIGNED_PAYLOAD};
use crate::text::{excerpt, quoted_max};

use super::prepare::Prepared;
use super::{key, Rules, NOTE_CHARS};

/// Where the body hash line came from.
#[derive(Clone, Debug, PartialEq, Eq)]
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
            PayloadHash::Unsigned => UNSIGNED_PAYLOAD,
        }
    }
}

/// The canonical URI and the two steps that make it from the path as written.
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The user's request.
    Request,
    /// The URL's host, because the request had no Host header.
    HostFromUrl,
    /// Added by signing.
    Signing,
}

/// One `name:value` line of the canonical headers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanonicalHeader {
    /// Lowercase name.
    pub name: String,
    /// Trimmed, inner spaces collapsed, repeated headers joined with `,`.
    pub value: String,
    pub origin: Origin,
}

/// One encoded `key=value` pair of the canonical query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryParam {
    pub key: String,
    pub value: String,
    pub origin: Origin,
}

/// The canonical request. `Display` prints exactly the text whose SHA-256 is signed.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    pub(crate) notes: Vec<String>,
}

/// What a line of the canonical request is. The layout is known here and nowhere else:
/// [`CanonicalRequest::lines`] names each line, and its `Display` prints them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    Method,
    Path,
    Query,
    /// The `n`th canonical header (from 0).
    Header(usize),
    /// The empty line that ends the headers.
    Blank,
    SignedHeaders,
    Payload,
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

    /// Every line, in order, with what it is; joined with `\n` they are the canonical request.
    pub fn lines(&self) -> Vec<(Line, Cow<'_, str>)> {
        let mut out = Vec::with_capacity(self.headers.len() + 6);
        out.push((Line::Method, Cow::Borrowed(self.method.as_str())));
        out.push((Line::Path, Cow::Borrowed(self.uri.canonical.as_str())));
        out.push((Line::Query, Cow::Owned(self.query_string())));
        for (i, h) in self.headers.iter().enumerate() {
            out.push((
                Line::Header(i),
                Cow::Owned(format!("{}:{}", h.name, h.value)),
            ));
        }
        out.push((Line::Blank, Cow::Borrowed("")));
        out.push((
            Line::SignedHeaders,
            Cow::Borrowed(self.signed_headers.as_str()),
        ));
        out.push((Line::Payload, Cow::Borrowed(self.payload_hash.as_str())));
        out
    }

    /// The line number (from 0) of `line`.
    pub fn line_number(&self, line: Line) -> usize {
        let n = self.headers.len();
        match line {
            Line::Method => 0,
            Line::Path => 1,
            Line::Query => 2,
            Line::Header(i) => 3 + i,
            Line::Blank => 3 + n,
            Line::SignedHeaders => 4 + n,
            Line::Payload => 5 + n,
        }
    }

    /// What line number `n` (from 0) is, if the request has it.
    pub fn line_at(&self, n: usize) -> Option<Line> {
        let h = self.headers.len();
        Some(match n {
            0 => Line::Method,
            1 => Line::Path,
            2 => Line::Query,
            n if n < 3 + h => Line::Header(n - 3),
            n if n == 3 + h => Line::Blank,
            n if n == 4 + h => Line::SignedHeaders,
            n if n == 5 + h => Line::Payload,
            _ => return None,
        })
    }
}

/// Names each line of a canonical request given as text (AWS's, from an error, or a client's),
/// reading it with the layout [`CanonicalRequest::lines`] writes: method, path, query, the
/// headers up to the first empty line, then the signed headers and the payload hash. A text
/// cut short simply has fewer lines; lines past the payload hash are not named.
pub fn read_lines(text: &str) -> Vec<(Line, &str)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let blank = lines
        .iter()
        .skip(3)
        .position(|l| l.is_empty())
        .map_or(lines.len(), |p| p + 3);
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let line = match i {
                0 => Line::Method,
                1 => Line::Path,
                2 => Line::Query,
                i if i < blank => Line::Header(i - 3),
                i if i == blank => Line::Blank,
                i if i == blank + 1 => Line::SignedHeaders,
                i if i == blank + 2 => Line::Payload,
                _ => return None,
            };
            Some((line, *l))
        })
        .collect()
}

impl fmt::Display for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (_, text)) in self.lines().iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(text)?;
        }
        Ok(())
    }
}

/// What the canonical request is built from.
pub struct Parts<'a> {
    pub prepared: &'a Prepared<'a>,
    pub rules: &'a Rules,
    /// The payload hash line.
    pub payload: &'a str,
    pub amz_date: &'a str,
    /// `AKID/scope`, for a presigned URL's X-Amz-Credential.
    pub credential: &'a str,
    pub token: Option<&'a str>,
}

/// How the query is canonicalised.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QueryStyle {
    /// Decoded then re-encoded and sorted, as SigV4 says.
    #[default]
    Standard,
    /// `+` kept as a literal plus (encoded %2B) instead of a space.
    PlusIsPlus,
    /// Sorted, but not re-encoded (as written).
    AsWritten,
}

/// What recomputing a signature as a client claims it changes: the signed headers it lists,
/// values it may have signed instead of the ones sent, another path, another query reading.
/// The default is signing as the engine does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    /// The signed header names as claimed (lowercase): the canonical headers are exactly these,
    /// sorted (duplicates kept), with the request's values; nothing is added.
    pub signed_headers: Option<Vec<String>>,
    /// Values signed instead of the request's (lowercase name, value).
    pub header_values: Vec<(String, String)>,
    /// Another path than the request's.
    pub path: Option<String>,
    pub query: QueryStyle,
    /// Query parameters (by decoded name) the client did not sign: added after signing.
    pub omit_query: Vec<String>,
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
        path_encode(&wire)
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

/// Step 1c: the query parameters, decoded then re-encoded per SigV4 (or as `style` reads them).
pub fn canonical_query(query: Option<&str>, style: QueryStyle) -> Vec<(String, String)> {
    query::pairs(query.unwrap_or(""))
        .map(|p| match style {
            QueryStyle::Standard => (uri_encode(&decode(p.key)), uri_encode(&decode(p.value))),
            QueryStyle::PlusIsPlus => (
                uri_encode(&decode_keep_plus(p.key)),
                uri_encode(&decode_keep_plus(p.value)),
            ),
            QueryStyle::AsWritten => (p.key.to_string(), p.value.to_string()),
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
    header::AUTHORIZATION,
    header::USER_AGENT,
    header::X_AMZN_TRACE_ID,
    header::TRANSFER_ENCODING,
];

/// The canonical headers a client claims it signed (`names`), with the values the request
/// carries (or `overrides`), sorted by name; a missing Host is the URL's authority.
fn claimed_headers(
    prepared: &Prepared<'_>,
    names: &[String],
    overrides: &[(String, String)],
) -> Vec<CanonicalHeader> {
    let mut sorted = names.to_vec();
    sorted.sort();
    sorted
        .into_iter()
        .map(|name| {
            if let Some((_, v)) = overrides.iter().find(|(n, _)| *n == name) {
                return CanonicalHeader {
                    value: v.clone(),
                    origin: Origin::Signing,
                    name,
                };
            }
            let values: Vec<String> = prepared
                .headers
                .iter()
                .filter(|h| h.name.eq_ignore_ascii_case(&name))
                .map(|h| canonical_header_value(&h.value))
                .collect();
            if values.is_empty() && name == header::HOST {
                CanonicalHeader {
                    value: prepared.url.authority(),
                    origin: Origin::HostFromUrl,
                    name,
                }
            } else {
                CanonicalHeader {
                    value: values.join(","),
                    origin: Origin::Request,
                    name,
                }
            }
        })
        .collect()
}

/// The canonical headers the engine signs: the request's, plus what signing adds, minus what
/// is never signed (each with why, in `unsigned`).
fn engine_headers(p: &Parts<'_>, unsigned: &mut Vec<(String, String)>) -> Vec<CanonicalHeader> {
    let e = p.rules;
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
        set(&mut all, header::X_AMZ_DATE, p.amz_date);
        if let Some(token) = p.token {
            set(&mut all, header::X_AMZ_SECURITY_TOKEN, token);
        }
        if e.sign_body {
            set(&mut all, header::X_AMZ_CONTENT_SHA256, p.payload);
        }
    }
    if !all.iter().any(|(n, _, _)| n == header::HOST) {
        all.push((
            header::HOST.into(),
            p.prepared.url.authority(),
            Origin::HostFromUrl,
        ));
    }

    // Repeated headers join with ',' in the order they came; names sort afterwards.
    // (A Vec keeps the WebAssembly smaller than a BTreeMap and holds a dozen entries at most.)
    let mut grouped: Vec<(String, Vec<String>, Origin)> = Vec::new();
    for (name, value, origin) in all {
        let why = if NEVER_SIGNED.contains(&name.as_str()) {
            Some("AWS's SDKs never sign it: proxies and clients change it in transit")
        } else if name == header::X_AMZ_SECURITY_TOKEN && !e.token_signed && p.token.is_some() {
            Some("the session token is added after signing")
        } else if e.presign
            && (name == header::X_AMZ_USER_AGENT || name == header::X_AMZ_CHECKSUM_MODE)
        {
            Some("presigned URLs leave it unsigned, as aws-sigv4 does")
        } else {
            None
        };
        if let Some(why) = why {
            unsigned.push((name, why.to_string()));
            continue;
        }
        match grouped.iter_mut().find(|(n, _, _)| *n == name) {
            Some(entry) => entry.1.push(value),
            None => grouped.push((name, vec![value], origin)),
        }
    }
    grouped.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    grouped
        .into_iter()
        .map(|(name, values, origin)| CanonicalHeader {
            name,
            value: values.join(","),
            origin,
        })
        .collect()
}

/// Builds the whole canonical request: as the engine signs it, or as `overrides` say a client did.
pub fn build(p: &Parts<'_>, overrides: &Overrides) -> CanonicalRequest {
    let e = p.rules;
    let mut notes = Vec::new();
    let path = overrides.path.as_deref().unwrap_or(&p.prepared.url.path);
    let uri = canonical_uri(path, e.normalize_path, e.double_encode);
    if uri.wire != uri.normalized {
        notes.push(format!(
            "The path {} holds characters that cannot travel unencoded (a space or non-ASCII); \
             they are percent-encoded for the wire as {}{}.",
            quoted_max(&uri.written, NOTE_CHARS),
            excerpt(&uri.wire, NOTE_CHARS),
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

    let mut unsigned_headers = Vec::new();
    let headers = match &overrides.signed_headers {
        Some(names) => claimed_headers(p.prepared, names, &overrides.header_values),
        None => engine_headers(p, &mut unsigned_headers),
    };
    let signed_headers = headers
        .iter()
        .map(|h| h.name.as_str())
        .collect::<Vec<_>>()
        .join(";");

    let kept = p.prepared.query.as_deref().map(|q| {
        if overrides.omit_query.is_empty() {
            q.to_string()
        } else {
            query::pairs(q)
                .filter(|pair| {
                    let name = pair.decoded_key();
                    !overrides
                        .omit_query
                        .iter()
                        .any(|o| o.eq_ignore_ascii_case(&name))
                })
                .map(|pair| pair.raw)
                .collect::<Vec<_>>()
                .join("&")
        }
    });
    let mut query: Vec<QueryParam> = canonical_query(kept.as_deref(), overrides.query)
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
        add(param::X_AMZ_ALGORITHM, ALGORITHM);
        add(param::X_AMZ_CREDENTIAL, p.credential);
        add(param::X_AMZ_DATE, p.amz_date);
        add(param::X_AMZ_EXPIRES, &expires.to_string());
        add(param::X_AMZ_SIGNED_HEADERS, &signed_headers);
        if let (Some(token), true) = (p.token, e.token_signed) {
            add(param::X_AMZ_SECURITY_TOKEN, token);
        }
    }
    query.sort_unstable_by(|a, b| (&a.key, &a.value).cmp(&(&b.key, &b.value)));

    CanonicalRequest {
        method: p.prepared.method.clone(),
        uri,
        query,
        headers,
        signed_headers,
        payload_hash: p.payload.to_string(),
        unsigned_headers,
        notes,
    }
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
            canonical_query(Some("b=2&a=x+y&c&=&d=%7e"), QueryStyle::Standard),
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
