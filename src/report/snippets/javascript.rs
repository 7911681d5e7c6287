//! The JavaScript snippet: `@smithy/signature-v4` (the AWS SDK for JavaScript v3's signer) signs
//! the request again at sigv4-lab's signing time, told which headers to sign and to keep.

use std::fmt::{self, Write as _};

use super::{comment, BodySrc, Plan, TokenUse, Val, KEY_ID_ENV, TOKEN_ENV};
use crate::http::MAX_PRESIGN_EXPIRES;
use crate::sigv4::canonical::PayloadHash;
use crate::text::{excerpt, QUOTE_CHARS};

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
struct JsStr<'a>(&'a str);

impl fmt::Display for JsStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        serde_json::Value::String(self.0.to_owned()).fmt(f)
    }
}

/// A header or query value in JavaScript: a string literal, or the session token from the environment.
struct JsVal<'a>(&'a Val);

impl fmt::Display for JsVal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Val::Text(t) => JsStr(t).fmt(f),
            Val::Token => write!(f, "process.env.{TOKEN_ENV}"),
            Val::KeyId(scope) => write!(f, "process.env.{KEY_ID_ENV} + {}", JsStr(scope)),
        }
    }
}

/// An array of string literals, `["a", "b"]`.
struct JsArray<'a, T>(&'a [T]);

impl<T: AsRef<str>> fmt::Display for JsArray<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('[')?;
        for (i, s) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            JsStr(s.as_ref()).fmt(f)?;
        }
        f.write_char(']')
    }
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

pub(super) fn write(out: &mut String, p: &Plan<'_>) -> fmt::Result {
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

    comment(out, "// ", &notes);
    out.push_str("import { Sha256 } from \"@aws-crypto/sha256-js\";\nimport { SignatureV4 } from \"@smithy/signature-v4\";\n");
    let pass_body = p.uses_body();
    if pass_body && matches!(p.body, BodySrc::File { .. }) {
        out.push_str("import { readFileSync } from \"node:fs\";\n");
    }
    writeln!(out, "\nfor (const name of {}) {{", JsArray(&p.env_names()))?;
    out.push_str(
        "  if (!process.env[name]) throw new Error(`Set ${name} in the environment.`);\n}\n\n",
    );
    out.push_str("const signer = new SignatureV4({\n");
    writeln!(out, "  service: {},", JsStr(&ex.service.value))?;
    writeln!(out, "  region: {},", JsStr(&ex.region.value))?;
    out.push_str("  sha256: Sha256,\n  credentials: {\n    accessKeyId: process.env.AWS_ACCESS_KEY_ID,\n    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,\n");
    if p.token == TokenUse::Signed {
        writeln!(out, "    sessionToken: process.env.{TOKEN_ENV},")?;
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

    out.push_str("const request = {\n");
    writeln!(out, "  method: {},", JsStr(&ex.canonical_request.method))?;
    writeln!(out, "  protocol: {},", JsStr(&format!("{}:", p.scheme)))?;
    writeln!(out, "  hostname: {},", JsStr(&p.hostname))?;
    if let Some(port) = p.port {
        writeln!(out, "  port: {port},")?;
    }
    writeln!(out, "  path: {},", JsStr(p.path))?;
    out.push_str("  query: {");
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
            write!(out, "    {}: ", JsStr(k))?;
            match vs.as_slice() {
                [one] => write!(out, "{}", JsVal(one))?,
                many => {
                    out.push('[');
                    for (i, v) in many.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        write!(out, "{}", JsVal(v))?;
                    }
                    out.push(']');
                }
            }
            out.push_str(",\n");
        }
        out.push_str("  ");
    }
    out.push_str("},\n  headers: {\n");
    for (name, _, value) in &headers {
        writeln!(out, "    {}: {},", JsStr(name), JsVal(value))?;
    }
    out.push_str("  },\n");
    match &p.body {
        _ if !pass_body => {}
        BodySrc::File { name, .. } => writeln!(out, "  body: readFileSync({}),", JsStr(name))?,
        BodySrc::Inline(b) => match std::str::from_utf8(b) {
            Ok(t) => writeln!(out, "  body: {},", JsStr(t))?,
            Err(_) => writeln!(
                out,
                "  body: Buffer.from({}, \"hex\"),",
                JsStr(&hex::encode(b))
            )?,
        },
        BodySrc::Empty => {}
    }
    out.push_str("};\n\n");

    let call = if presign.is_some() { "presign" } else { "sign" };
    writeln!(out, "const signed = await signer.{call}(request, {{")?;
    writeln!(out, "  signingDate: new Date({}),", JsStr(&p.iso()))?;
    if let Some(secs) = presign {
        writeln!(out, "  expiresIn: {secs},")?;
        if !unhoistable.is_empty() {
            out.push_str(
                "  // Keep these as headers (smithy would move x-amz-* headers into the URL).\n",
            );
            writeln!(
                out,
                "  unhoistableHeaders: new Set({}),",
                JsArray(&unhoistable)
            )?;
        }
    }
    if !signable.is_empty() {
        out.push_str("  // Signed by sigv4-lab, unsigned by smithy's default.\n");
        writeln!(out, "  signableHeaders: new Set({}),", JsArray(&signable))?;
    }
    if !unsignable.is_empty() {
        out.push_str("  // Not signed by sigv4-lab.\n");
        writeln!(
            out,
            "  unsignableHeaders: new Set({}),",
            JsArray(&unsignable)
        )?;
    }
    out.push_str("});\n");
    match (p.token, presign) {
        (TokenUse::AfterSigning, Some(_)) => writeln!(
            out,
            "signed.query[\"X-Amz-Security-Token\"] = process.env.{TOKEN_ENV};"
        )?,
        (TokenUse::AfterSigning, None) => writeln!(
            out,
            "signed.headers[\"x-amz-security-token\"] = process.env.{TOKEN_ENV};"
        )?,
        (TokenUse::None | TokenUse::Signed, _) => {}
    }
    if presign.is_some() {
        out.push_str("const escape = (s) =>\n  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);\n");
        out.push_str("const query = Object.entries(signed.query)\n  .flatMap(([key, value]) => [value].flat().map((v) => `${escape(key)}=${escape(v)}`))\n  .join(\"&\");\n");
        out.push_str("console.log(`${signed.protocol}//${signed.hostname}${signed.port ? `:${signed.port}` : \"\"}${signed.path}?${query}`);\n");
    } else {
        out.push_str("console.log(signed.headers.authorization);\n");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(JsStr("a\"\n").to_string(), "\"a\\\"\\n\"");
        assert_eq!(JsArray(&["a", "b\""]).to_string(), "[\"a\", \"b\\\"\"]");
    }

    #[test]
    fn whitespace_rules() {
        assert_eq!(smithy_header_value("a\t b"), "a b");
        assert_eq!(smithy_header_value("a b"), "a b");
        assert_eq!(smithy_normalized("/a/./b/../c/"), "/a/c/");
        assert_eq!(smithy_normalized("/"), "/");
        assert_eq!(smithy_normalized("/example/"), "/example/");
    }
}
