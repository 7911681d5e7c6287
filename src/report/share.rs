//! A share link: the request and how to sign it, carried in a URL fragment, never a secret, a session token or a signature.
//!
//! The fragment is `key=value` pairs joined by `&`, percent-encoded like a form (`%XX`, and `+`
//! read as a space) but leaving `/ : ? = @ ,` and the like readable, for example
//! `method=GET&url=https://iam.amazonaws.com/?Action=ListUsers%26Version=2010-05-08&h=Host:iam.amazonaws.com&v=1`.
//! Only values that differ from the page's defaults are written, and the version pair `v=1`
//! comes last, so a link that a chat tool cut short is refused rather than half-loaded.
//!
//! Browsers never send a fragment to a server, but links live on in chat logs and browser
//! history, so a link follows [`super::sensitive`]'s rule, as every output does:
//!
//! - [`Shared`] has no credential fields: no access key id, secret access key or session token
//!   (it carries a [`Form`], which never holds any).
//! - [`to_fragment`] leaves out what the request carries of them: an `X-Amz-Security-Token`
//!   header or query parameter, a body that mentions it, and headers with other credentials
//!   (`Cookie`, `Proxy-Authorization`, an `Authorization` that is not SigV4).
//! - A live signature is the reader's own to make, and a link cannot hold a placeholder for it
//!   (the page that opens the link would sign the placeholder), so it leaves the signature out
//!   with its access key id: a SigV4 `Authorization` header, or a presigned URL's `X-Amz-*`
//!   signing parameters. The link then carries the request unsigned, with the signing time the
//!   signature had (and, for a presigned URL, presign mode and its expiry): whoever opens it signs
//!   it again with their own credentials and, with the same key, gets the same signature.
//!
//! [`redactions`] says in sentences what a link leaves out, for the page to show before copying.

use std::fmt;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

use super::sensitive::{self, HeaderRule, Known, Own, ParamRule};
use crate::http::query::{self, rewrite as rewrite_query};
use crate::http::{header, param};
use crate::input::form::{Body, Form, ModeChoice};
use crate::input::Header;
use crate::timefmt;

/// The fragment format this module writes and reads.
pub const VERSION: &str = "1";
/// The longest body (UTF-8 bytes) a link carries; longer ones are left out, as links that long
/// break in chat tools and some browsers.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// What a share link carries: the page's [`Form`] (its request and signing fields, with no
/// credentials, as a form never holds any), and whether it left the body out.
///
/// The form holds what the page's fields hold (empty `region`, `service` and `signing_time` mean
/// "infer" and "now"), so a link reproduces the page as it was, mistakes included. `Debug` shows
/// the redacted view that [`to_fragment`] writes.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Shared {
    /// The request and how to sign it. Only a text body is carried: a body from a file is left
    /// out (and `body_omitted` set) when the link is written.
    pub form: Form,
    /// The request had a body that the link does not carry (a file, or over [`MAX_BODY_BYTES`]).
    pub body_omitted: bool,
}

impl Shared {
    /// What a link made from `form` carries (before [`redacted`] leaves out what it never does).
    pub fn new(form: Form) -> Self {
        Shared {
            form,
            body_omitted: false,
        }
    }
}

impl fmt::Debug for Shared {
    // A `Shared` built from the page may still hold a token header before `to_fragment` drops it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = redacted(self);
        f.debug_struct("Shared")
            .field("form", &r.form)
            .field("body_omitted", &r.body_omitted)
            .finish()
    }
}

/// Why a header is left out of a link, if it is ([`sensitive::header`]'s rule).
fn header_left_out(name: &str, value: &str) -> Option<&'static str> {
    match sensitive::header(name, value) {
        HeaderRule::Keep => None,
        HeaderRule::Token => {
            Some("The session token in the X-Amz-Security-Token header was left out.")
        }
        HeaderRule::Signed(_) => Some(
            "The SigV4 Authorization header was left out, with its signature and access key id: the link carries the request unsigned, at the same signing time, for whoever opens it to sign with their own credentials.",
        ),
        HeaderRule::LeaveOut(why) => Some(why),
    }
}

/// Whether `url` is a presigned URL: it carries a signature or a credential in its query.
fn presigned(url: &str) -> bool {
    query::of_url(url).is_some_and(|q| {
        query::pairs(q).any(|p| {
            matches!(
                sensitive::param(&p.decoded_key()),
                ParamRule::Own(Own::Signature) | ParamRule::Credential
            )
        })
    })
}

/// Whether a query parameter goes out of a link: the session token always, and every signing
/// parameter of a presigned URL.
fn param_left_out(key: &str, presigned: bool) -> bool {
    let auth = param::AUTH
        .iter()
        .any(|p| p.eq_ignore_ascii_case(key.trim()));
    sensitive::param(key) != ParamRule::Keep || (presigned && auth)
}

/// A body a link leaves out, and why: too long, or what [`sensitive::body_left_out`] says.
fn body_left_out(t: &str) -> Option<String> {
    if t.len() > MAX_BODY_BYTES {
        return Some(format!(
            "The body was left out: it is {} bytes, and a link carries at most {MAX_BODY_BYTES}.",
            t.len()
        ));
    }
    sensitive::body_left_out(t.as_bytes(), &Known::default()).map(String::from)
}

/// What [`to_fragment`] writes: `shared` without the credentials and the signature a request may
/// carry (and so unsigned, at the signing time it had), and without a body that is too long or
/// may hold a token ([`redactions`] says why, in words).
pub fn redacted(shared: &Shared) -> Shared {
    let mut r = shared.clone();
    let f = &mut r.form;
    let url_presigned = presigned(&f.url);
    let header_signed = f
        .headers
        .iter()
        .any(|h| matches!(sensitive::header(&h.name, &h.value), HeaderRule::Signed(_)));
    // The signing time of a signature left out: it signs again at that time.
    let url_date = url_presigned
        .then(|| query::of_url(&f.url).and_then(|q| query::find(q, param::X_AMZ_DATE)))
        .flatten();
    let header_date = (url_presigned || header_signed)
        .then(|| {
            f.headers
                .iter()
                .find(|h| h.name.trim().eq_ignore_ascii_case(header::X_AMZ_DATE))
                .map(|h| h.value.trim().to_string())
        })
        .flatten();
    let signed_at = url_date.or(header_date);
    if url_presigned {
        let expires = query::of_url(&f.url).and_then(|q| query::find(q, param::X_AMZ_EXPIRES));
        f.mode = ModeChoice::Presign;
        if let Some(e) = expires.filter(|e| !e.trim().is_empty()) {
            f.expires = e.trim().to_string();
        }
    }
    if f.signing_time.trim().is_empty() {
        if let Some(t) = signed_at.as_deref().and_then(timefmt::parse_amz_date) {
            f.signing_time = timefmt::iso(t);
        }
    }
    f.headers
        .retain(|h| header_left_out(&h.name, &h.value).is_none());
    f.url = rewrite_query(&shared.form.url, |key, pair| {
        (!param_left_out(key, url_presigned)).then(|| pair.to_string())
    });
    let carried = match &f.body {
        Body::Text(t) => body_left_out(t).is_none(),
        Body::File { .. } | Body::Hashed(_) => false,
    };
    if !carried {
        r.body_omitted = true;
    }
    if r.body_omitted {
        r.form.body = Body::Text(String::new());
    }
    r
}

/// What a link made from `shared` leaves out, one sentence each (empty when it carries everything).
pub fn redactions(shared: &Shared) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for h in &shared.form.headers {
        if let Some(why) = header_left_out(&h.name, &h.value) {
            add(why.to_string());
        }
    }
    let url_presigned = presigned(&shared.form.url);
    if url_presigned {
        add("The presigned URL's signature was left out, with its access key id and its other X-Amz-* signing parameters: the link opens it to be presigned again, at the same time and expiry, with the credentials of whoever opens it.".into());
    }
    let mut token_in_url = false;
    rewrite_query(&shared.form.url, |key, pair| {
        token_in_url |= sensitive::param(key) == ParamRule::Own(Own::SessionToken);
        Some(pair.to_string())
    });
    if token_in_url {
        add(
            "The session token in the URL's X-Amz-Security-Token query parameter was left out."
                .into(),
        );
    }
    match &shared.form.body {
        Body::Text(t) => match body_left_out(t) {
            Some(why) => add(why),
            None if !shared.body_omitted => {}
            None => add("The body is not in the link: a body from a file is never carried.".into()),
        },
        _ => add("The body is not in the link: a body from a file is never carried.".into()),
    }
    out
}

/// Characters written as `%XX` in a value: controls, space, non-ASCII (always), and the few that
/// would break the `key=value&...` structure or a fragment (`%`, `&`, `+`, `#`, quotes, brackets).
const VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'>')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');
/// A header name also encodes `:`, which separates it from its value.
const NAME: &AsciiSet = &VALUE.add(b':');

fn enc(s: &str, set: &'static AsciiSet) -> String {
    utf8_percent_encode(s, set).to_string()
}

fn pair(key: &str, value: &str) -> String {
    format!("{key}={}", enc(value, VALUE))
}

/// The share link's fragment (the text after `#`) for `shared`, as [`redacted`] leaves it.
pub fn to_fragment(shared: &Shared) -> String {
    let (s, default) = (redacted(shared), Shared::default());
    let (f, d) = (&s.form, &default.form);
    let mut out = vec![pair("method", &f.method)];
    if !f.url.is_empty() {
        out.push(pair("url", &f.url));
    }
    for h in &f.headers {
        out.push(format!("h={}:{}", enc(&h.name, NAME), enc(&h.value, VALUE)));
    }
    match &f.body {
        Body::Text(t) if !t.is_empty() => out.push(pair("body", t)),
        _ => {}
    }
    let texts = [
        ("region", &f.region, &d.region),
        ("service", &f.service, &d.service),
        ("time", &f.signing_time, &d.signing_time),
    ];
    for (key, value, default) in texts {
        if value != default {
            out.push(pair(key, value));
        }
    }
    if f.mode != d.mode {
        out.push(pair("mode", f.mode.as_str()));
    }
    if f.expires != d.expires {
        out.push(pair("expires", &f.expires));
    }
    for (key, value, default) in flags(&s)
        .into_iter()
        .zip(flags(&default))
        .map(|((k, v), (_, d))| (k, v, d))
    {
        if value != default {
            out.push(pair(key, if value { "1" } else { "0" }));
        }
    }
    // Last, so that a link cut short loses it and is refused.
    out.push(pair("v", VERSION));
    out.join("&")
}

/// The boolean fields, by fragment key.
fn flags(s: &Shared) -> [(&'static str, bool); 6] {
    let f = s.form.flags;
    [
        ("body_omitted", s.body_omitted),
        ("sign_body", f.sign_body),
        ("unsigned_payload", f.unsigned_payload),
        ("normalize_path", f.normalize_path),
        ("single_encode", f.single_encode),
        ("token_after_signing", f.token_after_signing),
    ]
}

fn flag_mut<'a>(s: &'a mut Shared, key: &str) -> Option<&'a mut bool> {
    let f = &mut s.form.flags;
    Some(match key {
        "body_omitted" => &mut s.body_omitted,
        "sign_body" => &mut f.sign_body,
        "unsigned_payload" => &mut f.unsigned_payload,
        "normalize_path" => &mut f.normalize_path,
        "single_encode" => &mut f.single_encode,
        "token_after_signing" => &mut f.token_after_signing,
        _ => return None,
    })
}

/// A value quoted for an error message, shortened when long (see [`crate::text::quoted_max`]).
fn quoted(s: &str) -> String {
    crate::text::quoted_max(s, 40)
}

/// Decodes one component: `+` is a space, `%XX` a byte; the bytes must be UTF-8.
fn dec(raw: &str, what: &str) -> Result<String, String> {
    let plus = raw.replace('+', " ");
    percent_decode_str(&plus)
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| {
            format!("The link's {what} is not valid UTF-8 once its %XX escapes are decoded.")
        })
}

/// Reads a share link's fragment (with or without the leading `#`, or a whole link). Unknown keys
/// are ignored; anything else that is wrong is named in one sentence.
pub fn from_fragment(fragment: &str) -> Result<Shared, String> {
    let text = fragment.split_once('#').map_or(fragment, |(_, f)| f).trim();
    if text.is_empty() {
        return Err("The link has nothing after '#' to load.".into());
    }
    let pairs: Vec<(String, &str)> = text
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            dec(k, "key").map(|k| (k, v))
        })
        .collect::<Result<_, _>>()?;

    let versions: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "v")
        .map(|(_, v)| *v)
        .collect();
    match versions.as_slice() {
        [] => return Err("The link has no format version (v=1) at its end: it was cut short, or it was not made by sigv4-lab.".into()),
        [v] if *v == VERSION => {}
        [v] => {
            return Err(format!(
                "The link is in format version {}, and this sigv4-lab reads version {VERSION}.",
                quoted(&dec(v, "version")?)
            ))
        }
        _ => return Err("The link gives its format version (v) more than once.".into()),
    }

    let mut s = Shared::default();
    let mut seen: Vec<&str> = Vec::new();
    for (key, raw) in &pairs {
        let key = key.as_str();
        if key == "h" {
            let (name, value) = raw.split_once(':').ok_or_else(|| {
                format!(
                    "The header {} in the link has no ':' between its name and value.",
                    quoted(&dec(raw, "header").unwrap_or_else(|_| raw.to_string()))
                )
            })?;
            s.form.headers.push(Header::new(
                dec(name, "header name")?,
                dec(value, "header value")?,
            ));
            continue;
        }
        let known = matches!(
            key,
            "method" | "url" | "body" | "region" | "service" | "time" | "mode" | "expires"
        ) || flag_mut(&mut s, key).is_some();
        if !known || key == "v" {
            continue;
        }
        if seen.contains(&key) {
            return Err(format!("The link gives \"{key}\" more than once."));
        }
        seen.push(key);
        let value = dec(raw, &format!("\"{key}\""))?;
        let f = &mut s.form;
        match key {
            "method" => f.method = value,
            "url" => f.url = value,
            "body" => f.body = Body::Text(value),
            "region" => f.region = value,
            "service" => f.service = value,
            "time" => f.signing_time = value,
            "expires" => f.expires = value,
            "mode" => {
                f.mode = ModeChoice::parse(&value).ok_or_else(|| {
                    format!(
                        "The link's mode is {}; it must be header or presign.",
                        quoted(&value)
                    )
                })?
            }
            _ => {
                let on = match value.as_str() {
                    "1" | "true" => true,
                    "0" | "false" => false,
                    _ => {
                        return Err(format!(
                            "The link's {key} is {}; it must be 1 or 0.",
                            quoted(&value)
                        ))
                    }
                };
                if let Some(flag) = flag_mut(&mut s, key) {
                    *flag = on;
                }
            }
        }
    }
    if s.body_omitted {
        s.form.body = Body::Text(String::new());
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_write_only_method_and_version() {
        assert_eq!(to_fragment(&Shared::default()), "method=GET&v=1");
        assert_eq!(from_fragment("#method=GET&v=1"), Ok(Shared::default()));
    }

    #[test]
    fn header_names_may_hold_colons() {
        let s = Shared::new(Form {
            headers: vec![Header::new("a:b", "c:d")],
            ..Form::default()
        });
        let f = to_fragment(&s);
        assert!(f.contains("h=a%3Ab:c:d"), "{f}");
        assert_eq!(from_fragment(&f), Ok(s));
    }
}
