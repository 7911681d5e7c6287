//! The Rust snippet: aws-sigv4 (the AWS SDK for Rust's signer, at the version sigv4-lab
//! cross-checks with) signs the request again at sigv4-lab's signing time.

use std::fmt::{self, Write as _};

use super::{
    comment, BodySrc, ByteString, Head, Plan, TokenUse, Val, AWS_SIGV4_VERSION, KEY_ID_ENV,
    TOKEN_ENV,
};
use crate::sigv4::canonical::PayloadHash;

/// A header value in Rust: a `String`, or the session token from the environment.
struct RsVal<'a>(&'a Val);

impl fmt::Display for RsVal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Val::Text(t) => write!(f, "{t:?}.to_string()"),
            Val::Token => write!(f, "env({TOKEN_ENV:?})"),
            Val::KeyId(scope) => write!(f, "env({KEY_ID_ENV:?}) + {scope:?}"),
        }
    }
}

pub(super) fn write(out: &mut String, p: &Plan<'_>) -> fmt::Result {
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
    let token_in_url = p.query.iter().any(|q| !matches!(q.value, Val::Text(_)));
    let encodes = presign.is_some() || token_in_url;
    comment(out, "//! ", &notes);
    out.push_str("//!\n//! Cargo.toml:\n//!\n//! ```toml\n//! [dependencies]\n//! aws-credential-types = \"1.2\"\n");
    writeln!(out, "//! aws-sigv4 = {{ version = \"={AWS_SIGV4_VERSION}\", default-features = false, features = [\"sign-http\", \"http1\"] }}")?;
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
        writeln!(out, "\nconst BODY: &[u8] = {};", ByteString(b))?;
    }
    out.push_str("\nfn env(name: &str) -> String {\n    std::env::var(name).unwrap_or_else(|_| panic!(\"set {name} in the environment\"))\n}\n\n");
    out.push_str("fn main() -> Result<(), Box<dyn std::error::Error>> {\n");
    if let (true, BodySrc::File { name, .. }) = (pass_body, &p.body) {
        writeln!(out, "    let body = std::fs::read({name:?})?;")?;
    }
    out.push_str("    let identity: Identity = Credentials::new(\n        env(\"AWS_ACCESS_KEY_ID\"),\n        env(\"AWS_SECRET_ACCESS_KEY\"),\n");
    if p.token == TokenUse::None {
        out.push_str("        None,\n");
    } else {
        writeln!(out, "        Some(env({TOKEN_ENV:?})),")?;
    }
    out.push_str("        None,\n        \"environment\",\n    )\n    .into();\n\n");
    out.push_str("    let mut settings = SigningSettings::default();\n");
    let choose = |yes: bool, then: &'static str, otherwise: &'static str| {
        if yes {
            then
        } else {
            otherwise
        }
    };
    writeln!(
        out,
        "    settings.percent_encoding_mode = PercentEncodingMode::{};",
        choose(e.double_encode, "Double", "Single")
    )?;
    writeln!(
        out,
        "    settings.uri_path_normalization_mode = UriPathNormalizationMode::{};",
        choose(e.normalize_path, "Enabled", "Disabled")
    )?;
    writeln!(
        out,
        "    settings.payload_checksum_kind = PayloadChecksumKind::{};",
        choose(e.sign_body, "XAmzSha256", "NoHeader")
    )?;
    writeln!(
        out,
        "    settings.session_token_mode = SessionTokenMode::{};",
        choose(p.token == TokenUse::AfterSigning, "Exclude", "Include")
    )?;
    match presign {
        Some(secs) => {
            out.push_str("    settings.signature_location = SignatureLocation::QueryParams;\n");
            writeln!(
                out,
                "    settings.expires_in = Some(Duration::from_secs({secs}));"
            )?;
        }
        None => out.push_str("    settings.signature_location = SignatureLocation::Headers;\n"),
    }
    out.push_str("    let params = v4::SigningParams::builder()\n        .identity(&identity)\n");
    writeln!(out, "        .region({:?})", ex.region.value)?;
    writeln!(out, "        .name({:?})", ex.service.value)?;
    writeln!(out, "        // {}", p.iso())?;
    writeln!(
        out,
        "        .time(SystemTime::UNIX_EPOCH + Duration::from_secs({}))",
        p.time.unix_timestamp().max(0)
    )?;
    out.push_str("        .settings(settings)\n        .build()?\n        .into();\n\n");

    let plain: Vec<&str> = p
        .query
        .iter()
        .filter(|q| matches!(q.value, Val::Text(_)))
        .map(|q| q.encoded.as_str())
        .collect();
    let mut url = p.base_url();
    if !plain.is_empty() {
        url.push('?');
        url.push_str(&plain.join("&"));
    }
    let mut has_query = !plain.is_empty();
    writeln!(
        out,
        "    let {}url = String::from({url:?});",
        if token_in_url { "mut " } else { "" }
    )?;
    for q in p.query.iter().filter(|q| !matches!(q.value, Val::Text(_))) {
        let sep = if has_query { '&' } else { '?' };
        has_query = true;
        let key = q.encoded.split('=').next().unwrap_or("");
        let value = match &q.value {
            Val::KeyId(scope) => format!("(env({KEY_ID_ENV:?}) + {scope:?})"),
            _ => format!("env({TOKEN_ENV:?})"),
        };
        writeln!(
            out,
            "    url.push_str(&format!(\"{sep}{key}={{}}\", utf8_percent_encode(&{value}, UNRESERVED)));"
        )?;
    }
    let rust_headers: Vec<&Head> = p.headers.iter().filter(|h| !h.from_url).collect();
    if rust_headers.is_empty() {
        out.push_str("    let headers: Vec<(&str, String)> = Vec::new();\n");
    } else {
        out.push_str("    let headers: Vec<(&str, String)> = vec![\n");
        for h in rust_headers {
            writeln!(out, "        ({:?}, {}),", h.name, RsVal(&h.value))?;
        }
        out.push_str("    ];\n");
    }
    out.push_str("    let request = SignableRequest::new(\n");
    writeln!(out, "        {:?},", ex.canonical_request.method)?;
    out.push_str("        url.as_str(),\n        headers.iter().map(|(name, value)| (*name, value.as_str())),\n");
    match &ex.payload {
        PayloadHash::Unsigned => out.push_str("        SignableBody::UnsignedPayload,\n"),
        PayloadHash::Precomputed(h) => {
            writeln!(out, "        SignableBody::Precomputed({h:?}.to_string()),")?;
        }
        PayloadHash::Body(_) => out.push_str(match &p.body {
            _ if !pass_body => "        SignableBody::Bytes(&[]),\n",
            BodySrc::File { .. } => "        SignableBody::Bytes(&body),\n",
            BodySrc::Inline(_) | BodySrc::Empty => "        SignableBody::Bytes(BODY),\n",
        }),
    }
    out.push_str("    )?;\n");
    out.push_str("    let (instructions, _signature) = sign(request, &params)?.into_parts();\n");
    if presign.is_some() {
        out.push_str("    let mut signed_url = url;\n    for (name, value) in instructions.params() {\n        signed_url.push(if signed_url.contains('?') { '&' } else { '?' });\n        signed_url.push_str(&format!(\"{name}={}\", utf8_percent_encode(value, UNRESERVED)));\n    }\n    println!(\"{signed_url}\");\n");
    } else {
        out.push_str("    let authorization = instructions\n        .headers()\n        .find(|(name, _)| *name == \"authorization\")\n        .map(|(_, value)| value.to_string())\n        .ok_or(\"aws-sigv4 gave no Authorization header\")?;\n    println!(\"{authorization}\");\n");
    }
    out.push_str("    Ok(())\n}\n");
    Ok(())
}
