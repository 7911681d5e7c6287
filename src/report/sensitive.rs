//! What is sensitive in a request and its credentials, and how every output that leaves the page shows it: one rule, decided here.
//!
//! The outputs are the share link ([`super::share`]), the Markdown debug report
//! ([`super::markdown`]) and the curl, Python, JavaScript and Rust snippets ([`super::snippets`]).
//! Each asks this module, and only this module, what to do with a header, a query parameter, a
//! body or a credential value, and shows the answer in its own syntax:
//!
//! - **Never shown**: the secret access key and the keys derived from it (kDate … kSigning).
//!   Each signs any request for its day, region and service. Code reads the secret from
//!   `AWS_SECRET_ACCESS_KEY`.
//! - **The reader's own** ([`Own`]): the session token (the credentials' one, or an
//!   `X-Amz-Security-Token` header or query parameter), a live signature (`Signature=` of a SigV4
//!   Authorization header, `X-Amz-Signature`) and the access key id where a request needs it to
//!   work (`Credential=`, `X-Amz-Credential`). A token or a signature lets anyone send the request
//!   (for about 15 minutes after its signing time, or until a presigned URL expires), so none is
//!   written: each stands as a placeholder that whoever uses the output fills from their own
//!   credentials: `$AWS_ACCESS_KEY_ID`, `$AWS_SESSION_TOKEN`, `$SIGV4_SIGNATURE` in the curl
//!   command, the environment in code, [`PLACEHOLDER`] (and the key id shortened) in the report.
//!   A link cannot hold a placeholder (the page that opens it would sign it), so it leaves these
//!   parts out, the whole signature with them, and the page that opens it signs the request again
//!   with the credentials typed there, at the same signing time.
//! - **Shortened**: the access key id where it is only read (the report): its first four
//!   characters and `…` ([`short_key_id`]), which tell a long-term key (AKIA) from a temporary
//!   one (ASIA). The whole id names an account; it is never needed to understand a request.
//! - **Left out**, header and all, in every output, which says so ([`HeaderRule::LeaveOut`]):
//!   `Cookie`, `Proxy-Authorization` and an `Authorization` that is not SigV4 (Basic, Bearer,
//!   …). They carry credentials of another kind (a login session, a proxy password) that no
//!   reader can supply for the sender.
//! - **A body left out** ([`body_left_out`]): one that mentions `X-Amz-Security-Token`, or
//!   holds a known secret value. A link and the report leave it out; code reads it from a file.
//! - Everything else is kept as it is, in every output.
//!
//! The signed request itself (the page's steps 5 to 7, the CLI's output and JSON) is the result
//! of signing on the user's own machine, not an output made for sharing: it carries the live
//! signature and the session token by design, and the page says so next to it.

use crate::http::query::{decode, rewrite as rewrite_query, uri_encode};
use crate::http::{header, is_token_name, param};
use crate::input::Inputs;
use crate::sigv4::Signing;

/// What stands where a secret was, in text a person reads. Brackets rather than `<redacted>`,
/// which GitHub's Markdown would take for an unknown HTML tag and hide.
pub const PLACEHOLDER: &str = "[redacted]";
/// The environment variable code and shell commands read the access key id from.
pub const KEY_ID_ENV: &str = "AWS_ACCESS_KEY_ID";
/// The environment variable code reads the secret access key from.
pub const SECRET_ENV: &str = "AWS_SECRET_ACCESS_KEY";
/// The environment variable code and shell commands read the session token from.
pub const TOKEN_ENV: &str = "AWS_SESSION_TOKEN";
/// The shell variable the curl command reads the signature from.
pub const SIGNATURE_ENV: &str = "SIGV4_SIGNATURE";
/// Shorter values are not searched for in finished text (they would match ordinary words; a real
/// secret access key has 40 characters); they are still never written on purpose.
const MIN_SCRUB_LEN: usize = 8;

/// A value the reader supplies from their own credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Own {
    KeyId,
    SessionToken,
    Signature,
}

impl Own {
    /// The variable code and the curl command read it from.
    pub fn env(self) -> &'static str {
        match self {
            Own::KeyId => KEY_ID_ENV,
            Own::SessionToken => TOKEN_ENV,
            Own::Signature => SIGNATURE_ENV,
        }
    }
}

/// A SigV4 Authorization value cut around its access key id and its signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Authorization<'a> {
    /// Up to and with `Credential=`.
    pub before_key: &'a str,
    pub key_id: &'a str,
    /// From the `/` after the key id up to and with `Signature=`.
    pub between: &'a str,
    pub signature: &'a str,
    /// What follows the signature (usually nothing).
    pub after: &'a str,
}

impl<'a> Authorization<'a> {
    /// Cuts `value` when it is a SigV4 Authorization with `Credential=` and `Signature=`.
    pub fn parse(value: &'a str) -> Option<Self> {
        if !is_sigv4_authorization(value) {
            return None;
        }
        const CREDENTIAL: &str = "Credential=";
        const SIGNATURE: &str = "Signature=";
        let key_start = value.find(CREDENTIAL)? + CREDENTIAL.len();
        let key_end = value[key_start..]
            .find(|c: char| c == '/' || c == ',' || c.is_whitespace())
            .map_or(value.len(), |j| key_start + j);
        let sig_start = value[key_end..].find(SIGNATURE)? + key_end + SIGNATURE.len();
        let sig_end = value[sig_start..]
            .find(|c: char| c == ',' || c.is_whitespace())
            .map_or(value.len(), |j| sig_start + j);
        Some(Authorization {
            before_key: &value[..key_start],
            key_id: &value[key_start..key_end],
            between: &value[key_end..sig_start],
            signature: &value[sig_start..sig_end],
            after: &value[sig_end..],
        })
    }

    /// The value with `key_id` and `signature` in place of the real ones.
    pub fn with(&self, key_id: &str, signature: &str) -> String {
        format!(
            "{}{key_id}{}{signature}{}",
            self.before_key, self.between, self.after
        )
    }
}

/// Whether an Authorization value is a SigV4 (or SigV4a) signature: `AWS4-…`.
pub fn is_sigv4_authorization(value: &str) -> bool {
    value
        .trim_start()
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("AWS4-"))
}

/// What an output does with a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderRule<'a> {
    Keep,
    /// `X-Amz-Security-Token`: the value is the reader's own session token.
    Token,
    /// A SigV4 Authorization: its access key id and signature are the reader's own.
    Signed(Authorization<'a>),
    /// A credential of another kind: the header is left out, for this reason (one sentence).
    LeaveOut(&'static str),
}

/// The rule for one header.
pub fn header<'a>(name: &str, value: &'a str) -> HeaderRule<'a> {
    let name = name.trim();
    if is_token_name(name) {
        HeaderRule::Token
    } else if name.eq_ignore_ascii_case(header::AUTHORIZATION) {
        match Authorization::parse(value) {
            Some(a) => HeaderRule::Signed(a),
            None if is_sigv4_authorization(value) => HeaderRule::LeaveOut(
                "The Authorization header was left out: it is a SigV4 signature that could not be read apart from its key id.",
            ),
            None => HeaderRule::LeaveOut(
                "The Authorization header was left out: it is not a SigV4 signature, and other kinds (Basic, Bearer) carry a password or token.",
            ),
        }
    } else if name.eq_ignore_ascii_case(header::PROXY_AUTHORIZATION) {
        HeaderRule::LeaveOut(
            "The Proxy-Authorization header was left out: it carries a proxy password.",
        )
    } else if name.eq_ignore_ascii_case(header::COOKIE) {
        HeaderRule::LeaveOut("The Cookie header was left out: cookies often carry a login session.")
    } else {
        HeaderRule::Keep
    }
}

/// What an output does with a query parameter (by its decoded name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamRule {
    Keep,
    /// `X-Amz-Security-Token`, `X-Amz-Signature`: the whole value is the reader's own.
    Own(Own),
    /// `X-Amz-Credential`: the access key id at its start is the reader's own; the scope after
    /// it (see [`split_credential`]) is kept.
    Credential,
}

/// The rule for one query parameter.
pub fn param(key: &str) -> ParamRule {
    let key = key.trim();
    if is_token_name(key) {
        ParamRule::Own(Own::SessionToken)
    } else if key.eq_ignore_ascii_case(param::X_AMZ_SIGNATURE) {
        ParamRule::Own(Own::Signature)
    } else if key.eq_ignore_ascii_case(param::X_AMZ_CREDENTIAL) {
        ParamRule::Credential
    } else {
        ParamRule::Keep
    }
}

/// A decoded `X-Amz-Credential` value as the access key id and the scope from its first `/`.
pub fn split_credential(value: &str) -> (&str, &str) {
    match value.find('/') {
        Some(i) => value.split_at(i),
        None => (value, ""),
    }
}

/// The first four characters of an access key id and an ellipsis.
pub fn short_key_id(akid: &str) -> String {
    let head: String = akid.trim().chars().take(4).collect();
    format!("{head}…")
}

/// Why a body is left out, if it is: it mentions `X-Amz-Security-Token`, or holds one of the
/// `known` values that are never shown.
pub fn body_left_out(body: &[u8], known: &Known) -> Option<&'static str> {
    let text = String::from_utf8_lossy(body);
    if text
        .to_ascii_lowercase()
        .contains(&param::X_AMZ_SECURITY_TOKEN.to_ascii_lowercase())
    {
        Some("The body was left out: it mentions X-Amz-Security-Token, so it may hold a session token.")
    } else if known.hidden_in(&text) {
        Some("The body was left out: it holds a credential (a secret key, a token, a cookie or a signature).")
    } else {
        None
    }
}

/// The sensitive values of one request and its credentials, as they may turn up in finished text,
/// and what stands in their place: [`PLACEHOLDER`] for what is never shown, the short form for an
/// access key id. An output that writes text (the report) replaces every occurrence as a last
/// step, so a value that turns up somewhere unexpected (a finding, a header the user typed) is
/// still caught; code asks [`Known::hidden_in`] before writing a body.
#[derive(Clone, Debug, Default)]
pub struct Known {
    /// (value, replacement), longest value first.
    needles: Vec<(String, String)>,
}

impl Known {
    /// The values of `inputs` (credentials, and what the request carries itself) and of the
    /// signing made from them, when there is one.
    pub fn new(inputs: &Inputs, signing: Option<&Signing>) -> Self {
        let creds = &inputs.credentials;
        let mut hidden: Vec<String> = Vec::new();
        let mut key_ids: Vec<String> = vec![creds.access_key_id.trim().to_string()];
        let mut add = |v: &str| {
            for v in [v, v.trim()] {
                hidden.push(v.to_string());
                hidden.push(uri_encode(v));
            }
        };
        add(creds.secret_access_key.expose());
        if let Some(t) = &creds.session_token {
            add(t.expose());
        }
        let mut headers: Vec<(&str, &str)> = inputs
            .request
            .headers
            .iter()
            .map(|h| (h.name.as_str(), h.value.as_str()))
            .collect();
        let mut urls = vec![inputs.request.url.as_str()];
        if let Some(s) = signing {
            headers.extend(
                s.signed_request
                    .headers
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.as_str())),
            );
            urls.push(&s.signed_request.url);
            urls.extend(s.signed_url.as_deref());
        }
        for (name, value) in headers {
            match header(name, value) {
                HeaderRule::Keep => {}
                HeaderRule::Token | HeaderRule::LeaveOut(_) => add(value),
                HeaderRule::Signed(a) => {
                    add(a.signature);
                    key_ids.push(a.key_id.trim().to_string());
                }
            }
        }
        for url in urls {
            rewrite_query(url, |key, pair| {
                let raw = pair.split_once('=').map_or("", |(_, v)| v);
                match param(key) {
                    ParamRule::Keep => {}
                    ParamRule::Own(_) => {
                        add(raw);
                        add(&decode(raw));
                    }
                    ParamRule::Credential => {
                        key_ids.push(split_credential(&decode(raw)).0.trim().to_string());
                    }
                }
                Some(pair.to_string())
            });
        }
        if let Some(s) = signing {
            hidden.extend(s.signature.clone());
            hidden.extend(s.cross_check.as_ref().map(|c| c.signature.clone()));
            if let Some(chain) = &s.signing_key {
                hidden.extend(chain.steps.iter().map(|k| k.hex.clone()));
            }
        }
        if let Some(e) = &inputs.aws_said {
            hidden.extend(e.signature_provided.clone());
        }
        let mut needles: Vec<(String, String)> = hidden
            .into_iter()
            .filter(|v| v.chars().count() >= MIN_SCRUB_LEN)
            .map(|v| (v, PLACEHOLDER.to_string()))
            .collect();
        for akid in key_ids {
            if akid.chars().count() >= MIN_SCRUB_LEN {
                needles.push((akid.clone(), short_key_id(&akid)));
            }
        }
        needles.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        needles.dedup_by(|a, b| a.0 == b.0);
        Known { needles }
    }

    /// `text` with every known value replaced by what stands in its place.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (value, replacement) in &self.needles {
            if out.contains(value.as_str()) {
                out = out.replace(value.as_str(), replacement);
            }
        }
        out
    }

    /// Whether `text` holds a value that is never shown (the access key id does not count).
    pub fn hidden_in(&self, text: &str) -> bool {
        self.needles
            .iter()
            .any(|(v, r)| r == PLACEHOLDER && text.contains(v.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_cuts_around_key_and_signature() {
        let v = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123";
        let a = Authorization::parse(v).unwrap();
        assert_eq!(a.key_id, "AKIDEXAMPLE");
        assert_eq!(a.signature, "abc123");
        assert_eq!(a.with(a.key_id, a.signature), v);
        assert_eq!(
            a.with("K", "S"),
            "AWS4-HMAC-SHA256 Credential=K/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=S"
        );
        assert_eq!(Authorization::parse("Bearer abc"), None);
    }

    #[test]
    fn rules_by_name() {
        assert_eq!(header(" x-amz-security-token ", "t"), HeaderRule::Token);
        assert!(matches!(header("Cookie", "a=b"), HeaderRule::LeaveOut(_)));
        assert!(matches!(
            header("Proxy-Authorization", "Basic x"),
            HeaderRule::LeaveOut(_)
        ));
        assert!(matches!(
            header("authorization", "Basic x"),
            HeaderRule::LeaveOut(_)
        ));
        assert_eq!(header("X-Amz-Date", "20150830T123600Z"), HeaderRule::Keep);
        assert_eq!(param("x-amz-signature"), ParamRule::Own(Own::Signature));
        assert_eq!(param("X-Amz-Credential"), ParamRule::Credential);
        assert_eq!(param("Action"), ParamRule::Keep);
        assert_eq!(split_credential("AKID/2015/r/s"), ("AKID", "/2015/r/s"));
        assert_eq!(short_key_id("AKIAIOSFODNN7EXAMPLE"), "AKIA…");
    }
}
