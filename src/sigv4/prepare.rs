//! The request made ready for signing: its URL split once, an old signature taken out, its
//! method and headers checked against what HTTP allows.

use crate::http::url::{self, UrlParts};
use crate::http::{first_non_tchar, header, param};
use crate::input::{ExternalBody, Field, Header, Request};
use crate::text::{describe_char, quoted};

use super::{err, SignError};

/// The request after removing a previous signature, ready for both signers.
pub struct Prepared<'a> {
    pub method: String,
    pub url: UrlParts,
    /// Query as written, minus the auth parameters taken out.
    pub query: Option<String>,
    pub headers: Vec<Header>,
    pub body: &'a [u8],
    /// The body, when it is known only by its hash (then `body` is empty).
    pub external: Option<&'a ExternalBody>,
}

/// Which query-string authentication parameters a new signature replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthParams {
    /// Presigning replaces them all.
    DropAll,
    /// Header auth, or recomputing a signature as claimed: only a stale `X-Amz-Signature` goes.
    DropSignature,
}

/// The query as written without the auth parameters `auth` drops, and the names dropped.
fn filter_query(query: &str, auth: AuthParams) -> (String, Vec<String>) {
    let mut dropped: Vec<String> = Vec::new();
    let kept = query
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or("");
            let is_auth = param::AUTH.iter().any(|p| p.eq_ignore_ascii_case(name));
            let drop = is_auth
                && (auth == AuthParams::DropAll
                    || name.eq_ignore_ascii_case(param::X_AMZ_SIGNATURE));
            if drop && !dropped.iter().any(|d| d.eq_ignore_ascii_case(name)) {
                dropped.push(name.to_string());
            }
            !drop
        })
        .collect::<Vec<_>>()
        .join("&");
    (kept, dropped)
}

/// The query to sign: `None` without one, and an empty `?` kept as written.
fn kept_query(parts: &UrlParts, kept: Option<String>) -> Option<String> {
    kept.filter(|q| !q.is_empty() || parts.query.as_deref() == Some(""))
}

/// Prepares `req` for signing; `Err` names the input HTTP does not allow.
pub fn prepare<'a>(
    req: &'a Request,
    external: Option<&'a ExternalBody>,
    auth: AuthParams,
    notes: &mut Vec<String>,
) -> Result<Prepared<'a>, SignError> {
    let method = req.method.trim().to_string();
    if method.is_empty() {
        return Err(err(
            Field::Method,
            "The request has no HTTP method; give one such as GET or POST.",
        ));
    }
    if let Some(c) = first_non_tchar(&method) {
        return Err(err(
            Field::Method,
            format!(
                "The HTTP method {} contains {}, which is not allowed in a method name.",
                quoted(&method),
                describe_char(c)
            ),
        ));
    }
    let parts = url::split(&req.url).map_err(|e| {
        err(
            Field::Url,
            format!(
                "The request URL {} cannot be used: {}.",
                quoted(req.url.trim()),
                e.message
            ),
        )
    })?;
    let mut dropped = Vec::new();
    let query = parts.query.as_deref().map(|q| {
        let (kept, names) = filter_query(q, auth);
        dropped = names;
        kept
    });
    if !dropped.is_empty() {
        notes.push(format!("Removed the existing query parameters {} before signing; a new signature replaces them.", dropped.join(", ")));
    }
    let mut headers = Vec::with_capacity(req.headers.len());
    for h in &req.headers {
        let name = h.name.trim();
        if name.is_empty() {
            return Err(err(
                Field::Headers,
                format!("A header with value {} has no name.", quoted(&h.value)),
            ));
        }
        if let Some(c) = first_non_tchar(name) {
            return Err(err(
                Field::Headers,
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
                Field::Headers,
                format!(
                    "The value of header {} contains {}, which HTTP does not allow.",
                    quoted(name),
                    describe_char(c)
                ),
            ));
        }
        if name.eq_ignore_ascii_case(header::AUTHORIZATION) {
            notes.push("Ignored the request's existing Authorization header; the new signature replaces it.".into());
            continue;
        }
        if name.eq_ignore_ascii_case(header::HOST)
            && headers
                .iter()
                .any(|x: &Header| x.name.eq_ignore_ascii_case(header::HOST))
        {
            return Err(err(
                Field::Headers,
                "The request has more than one Host header; HTTP allows exactly one, so keep the one naming the server.",
            ));
        }
        headers.push(Header::new(name, h.value.clone()));
    }
    Ok(Prepared {
        method,
        query: kept_query(&parts, query),
        url: parts,
        headers,
        body: if external.is_some() { &[] } else { &req.body },
        external,
    })
}

/// `req` exactly as a client signed and sent it, to recompute its signature from its own
/// claims: nothing is checked or taken out but the `X-Amz-Signature` parameter (which cannot
/// sign itself). `Err` is why the URL cannot be split.
pub fn as_claimed(req: &Request) -> Result<Prepared<'_>, url::UrlError> {
    let parts = url::split(&req.url)?;
    let query = parts
        .query
        .as_deref()
        .map(|q| filter_query(q, AuthParams::DropSignature).0);
    Ok(Prepared {
        method: req.method.trim().to_string(),
        query: kept_query(&parts, query),
        url: parts,
        headers: req.headers.clone(),
        body: &req.body,
        external: None,
    })
}
