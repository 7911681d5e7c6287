//! Step 4: the signed request — the Authorization header or the presigned URL, and the request
//! as it goes on the wire.

use crate::http::query::{uri_encode, wire_encode};
use crate::http::{header, param, wire_case, ALGORITHM};
use crate::input::ExternalBody;

use super::canonical::{canonical_header_value, CanonicalRequest, PayloadHash};
use super::prepare::Prepared;
use super::Rules;

/// The final request to send.
#[derive(Clone, Debug, PartialEq)]
pub struct SignedRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The body, when it is a file known by its hash (then `body` is empty).
    pub body_file: Option<ExternalBody>,
}

pub(crate) struct Parts<'a> {
    pub prepared: &'a Prepared<'a>,
    pub rules: &'a Rules,
    pub creq: &'a CanonicalRequest,
    pub credential: &'a str,
    pub amz_date: &'a str,
    pub token: Option<&'a str>,
    pub signature: Option<&'a str>,
    pub payload: &'a PayloadHash,
}

pub(crate) struct Output {
    pub authorization: Option<String>,
    pub signed_url: Option<String>,
    pub request: SignedRequest,
}

/// Builds what is sent. Without a signature, shows the request with what signing adds so far.
pub(crate) fn assemble(p: &Parts<'_>) -> Output {
    let e = p.rules;
    let u = &p.prepared.url;
    // The path goes out as written (only what cannot travel raw is encoded): dot-segment
    // removal is how both sides compute the canonical URI, not a change to what is sent.
    let base = format!("{}://{}{}", u.scheme, u.authority(), wire_encode(&u.path));
    // The user's query, with raw spaces and the like encoded so it can travel.
    let user_query = p.prepared.query.as_deref().map(wire_encode);
    let mut headers: Vec<(String, String)> = Vec::new();
    let added = |name: &str, value: &str, headers: &mut Vec<(String, String)>| {
        headers.retain(|(n, _): &(String, String)| !n.eq_ignore_ascii_case(name));
        headers.push((name.to_string(), value.to_string()));
    };
    for h in &p.prepared.headers {
        // curl derives Host from the URL; keep an explicit one only when it differs, even in
        // case alone: the signature covers the Host value byte for byte.
        if h.name.eq_ignore_ascii_case(header::HOST) && h.value.trim() == u.authority() {
            continue;
        }
        // A multi-line (obs-fold) value goes out folded: same meaning, one line.
        let value = if h.value.contains('\n') {
            canonical_header_value(&h.value)
        } else {
            h.value.clone()
        };
        headers.push((h.name.clone(), value));
    }
    let mut authorization = None;
    let mut signed_url = None;
    let mut url = match &user_query {
        Some(q) if !q.is_empty() => format!("{base}?{q}"),
        _ => base.clone(),
    };
    if let Some(expires) = e.expires {
        let mut params = vec![
            (param::X_AMZ_ALGORITHM, ALGORITHM.to_string()),
            (param::X_AMZ_CREDENTIAL, p.credential.to_string()),
            (param::X_AMZ_DATE, p.amz_date.to_string()),
            (param::X_AMZ_EXPIRES, expires.to_string()),
            (param::X_AMZ_SIGNED_HEADERS, p.creq.signed_headers.clone()),
        ];
        if let (Some(t), true) = (p.token, e.token_signed) {
            params.push((param::X_AMZ_SECURITY_TOKEN, t.to_string()));
        }
        if let Some(sig) = p.signature {
            params.push((param::X_AMZ_SIGNATURE, sig.to_string()));
        }
        if let (Some(t), false) = (p.token, e.token_signed) {
            params.push((param::X_AMZ_SECURITY_TOKEN, t.to_string()));
        }
        let extra = params
            .iter()
            .map(|(k, v)| format!("{k}={}", uri_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        url = match &user_query {
            Some(q) if !q.is_empty() => format!("{base}?{q}&{extra}"),
            _ => format!("{base}?{extra}"),
        };
        if p.signature.is_some() {
            signed_url = Some(url.clone());
        }
    } else {
        added(param::X_AMZ_DATE, p.amz_date, &mut headers);
        if e.sign_body {
            added(
                &wire_case(header::X_AMZ_CONTENT_SHA256),
                p.payload.as_str(),
                &mut headers,
            );
        }
        if let Some(t) = p.token {
            added(param::X_AMZ_SECURITY_TOKEN, t, &mut headers);
        }
        if let Some(sig) = p.signature {
            let value = format!(
                "{ALGORITHM} Credential={}, SignedHeaders={}, Signature={sig}",
                p.credential, p.creq.signed_headers
            );
            added(&wire_case(header::AUTHORIZATION), &value, &mut headers);
            authorization = Some(value);
        }
    }
    Output {
        authorization,
        signed_url,
        request: SignedRequest {
            method: p.prepared.method.clone(),
            url,
            headers,
            body: p.prepared.body.to_vec(),
            body_file: p.prepared.external.cloned(),
        },
    }
}
