//! Step 4: the signed request — Authorization header or presigned URL — and its exports (curl, raw HTTP).

use super::canonical::{canonical_header_value, uri_encode, wire_encode, CanonicalRequest};
use super::{Effective, PayloadHash, Prepared, SignedRequest, ALGORITHM};

pub(crate) struct Parts<'a> {
    pub prepared: &'a Prepared<'a>,
    pub effective: &'a Effective,
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
    let e = p.effective;
    let u = &p.prepared.url;
    let base = format!("{}://{}{}", u.scheme, u.authority(), p.creq.uri.wire);
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
        if h.name.eq_ignore_ascii_case("host") && h.value.trim() == u.authority() {
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
            ("X-Amz-Algorithm", ALGORITHM.to_string()),
            ("X-Amz-Credential", p.credential.to_string()),
            ("X-Amz-Date", p.amz_date.to_string()),
            ("X-Amz-Expires", expires.to_string()),
            ("X-Amz-SignedHeaders", p.creq.signed_headers.clone()),
        ];
        if let (Some(t), true) = (p.token, e.token_signed) {
            params.push(("X-Amz-Security-Token", t.to_string()));
        }
        if let Some(sig) = p.signature {
            params.push(("X-Amz-Signature", sig.to_string()));
        }
        if let (Some(t), false) = (p.token, e.token_signed) {
            params.push(("X-Amz-Security-Token", t.to_string()));
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
        added("X-Amz-Date", p.amz_date, &mut headers);
        if e.sign_body {
            added("X-Amz-Content-Sha256", p.payload.as_str(), &mut headers);
        }
        if let Some(t) = p.token {
            added("X-Amz-Security-Token", t, &mut headers);
        }
        if let Some(sig) = p.signature {
            let value = format!(
                "{ALGORITHM} Credential={}, SignedHeaders={}, Signature={sig}",
                p.credential, p.creq.signed_headers
            );
            added("Authorization", &value, &mut headers);
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

/// Quotes a word for a POSIX shell: single quotes, or `$'...'` when it holds bytes a terminal would mangle.
pub fn shell_quote(bytes: &[u8]) -> String {
    let bare = |b: &u8| b.is_ascii_alphanumeric() || b"-_./:=@%+,".contains(b);
    if !bytes.is_empty() && bytes.iter().all(bare) {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let plain = std::str::from_utf8(bytes)
        .ok()
        .filter(|s| !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
    match plain {
        Some(s) => format!("'{}'", s.replace('\'', r"'\''")),
        None => {
            let mut out = String::from("$'");
            for &b in bytes {
                match b {
                    b'\\' => out.push_str(r"\\"),
                    b'\'' => out.push_str(r"\'"),
                    0x20..=0x7e => out.push(b as char),
                    _ => out.push_str(&format!("\\x{b:02x}")),
                }
            }
            out.push('\'');
            out
        }
    }
}

/// The signed request as a curl command line that sends exactly the signed bytes.
pub fn curl(r: &SignedRequest) -> String {
    let mut out = String::from("curl");
    if r.method == "HEAD" {
        out.push_str(" --head");
    } else {
        out.push_str(&format!(" -X {}", shell_quote(r.method.as_bytes())));
    }
    out.push_str(&format!(" {}", shell_quote(r.url.as_bytes())));
    for (n, v) in &r.headers {
        // `Name;` is curl's way to send an empty header.
        let h = if v.is_empty() {
            format!("{n};")
        } else {
            format!("{n}: {v}")
        };
        out.push_str(&format!(" \\\n  -H {}", shell_quote(h.as_bytes())));
    }
    if let Some(file) = &r.body_file {
        // curl reads the file itself: `@name` is the file's bytes, unchanged.
        let arg = format!("@{}", file.name);
        out.push_str(&format!(
            " \\\n  --data-binary {}",
            shell_quote(arg.as_bytes())
        ));
    } else if !r.body.is_empty() {
        out.push_str(&format!(" \\\n  --data-binary {}", shell_quote(&r.body)));
    }
    out
}

/// The signed request as raw HTTP/1.1 text (body as UTF-8, lossily).
pub fn raw_http(r: &SignedRequest) -> String {
    let (host, target) = split_target(&r.url);
    let mut out = format!("{} {} HTTP/1.1\n", r.method, target);
    if !r
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("host"))
    {
        out.push_str(&format!("Host: {host}\n"));
    }
    for (n, v) in &r.headers {
        out.push_str(&format!("{n}: {v}\n"));
    }
    out.push('\n');
    match &r.body_file {
        Some(file) => out.push_str(&format!(
            "[the {} bytes of the file {}]",
            file.size, file.name
        )),
        None => out.push_str(&String::from_utf8_lossy(&r.body)),
    }
    out
}

fn split_target(url: &str) -> (&str, &str) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    }
}
