//! The Python snippet: botocore signs the request again, at sigv4-lab's signing time (its clock
//! patched), with its S3 or query signer class and, where sigv4-lab chose otherwise, a subclass.

use std::fmt::{self, Write as _};

use super::{comment, BodySrc, ByteString, Plan, TokenUse, Val, KEY_ID_ENV, TOKEN_ENV};
use crate::sigv4::canonical::PayloadHash;
use crate::text::{excerpt, quoted, QUOTE_CHARS};

const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

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
struct PyStr<'a>(&'a str);

impl fmt::Display for PyStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        for c in self.0.chars() {
            match c {
                '\\' => f.write_str("\\\\")?,
                '"' => f.write_str("\\\"")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c if c.is_ascii_control() => write!(f, "\\x{:02x}", c as u32)?,
                c if c.is_ascii() => f.write_char(c)?,
                c if (c as u32) <= 0xffff => write!(f, "\\u{:04x}", c as u32)?,
                c => write!(f, "\\U{:08x}", c as u32)?,
            }
        }
        f.write_char('"')
    }
}

/// A header or query value in Python: a `str` literal, or the session token from the environment.
struct PyVal<'a>(&'a Val);

impl fmt::Display for PyVal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Val::Text(t) => PyStr(t).fmt(f),
            Val::Token => write!(f, "os.environ[\"{TOKEN_ENV}\"]"),
            Val::KeyId(scope) => write!(f, "os.environ[\"{KEY_ID_ENV}\"] + {}", PyStr(scope)),
        }
    }
}

/// Python's `" ".join(value.split())`: every run of whitespace (as `str.isspace` sees it) to one space.
fn python_trimall(v: &str) -> String {
    v.split(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn write(out: &mut String, p: &Plan<'_>) -> fmt::Result {
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
            Val::Token | Val::KeyId(_) => None,
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

    comment(out, "# ", &notes);
    out.push_str("import datetime\nimport os\nfrom unittest import mock\n");
    let needs_quote = matches!(path_override, Some((code, _)) if code.starts_with("quote"))
        || (presign.is_some() && p.token == TokenUse::AfterSigning);
    if needs_quote {
        out.push_str("from urllib.parse import quote\n");
    }
    out.push_str("\nimport botocore.auth\nfrom botocore.awsrequest import AWSRequest\nfrom botocore.credentials import Credentials\n\n");
    out.push_str("# botocore reads the clock through botocore.auth.get_current_datetime (naive UTC); it is\n# patched below to return this instant, sigv4-lab's signing time.\n");
    let t = p.time;
    writeln!(
        out,
        "SIGNING_TIME = datetime.datetime({}, {}, {}, {}, {}, {})",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )?;
    let pass_body = presign.is_none() && !p.body_is_empty();
    match &p.body {
        _ if !pass_body => {}
        BodySrc::File { name, .. } => writeln!(
            out,
            "with open({}, \"rb\") as body_file:\n    BODY = body_file.read()",
            PyStr(name)
        )?,
        BodySrc::Inline(b) => writeln!(out, "BODY = {}", ByteString(b))?,
        BodySrc::Empty => {}
    }
    out.push_str("\ncredentials = Credentials(\n    os.environ[\"AWS_ACCESS_KEY_ID\"],\n    os.environ[\"AWS_SECRET_ACCESS_KEY\"],\n");
    if p.token == TokenUse::Signed {
        writeln!(out, "    os.environ[\"{TOKEN_ENV}\"],")?;
    }
    out.push_str(")\n");

    let signer_class = if path_override.is_some() || payload_override.is_some() {
        writeln!(out, "\n\nclass Signer(botocore.auth.{class}):")?;
        writeln!(
            out,
            "    \"\"\"botocore's {class} with sigv4-lab's choices for this request.\"\"\""
        )?;
        if let Some((code, why)) = path_override {
            out.push_str("\n    def _normalize_url_path(self, path):\n");
            comment(out, "        # ", &[why.to_string()]);
            writeln!(out, "        return {code}")?;
        }
        if let Some(why) = payload_override {
            out.push_str("\n    def payload(self, request):\n");
            comment(out, "        # ", &[why.to_string()]);
            writeln!(out, "        return {}", PyStr(ours_payload))?;
        }
        out.push_str("\n\n");
        "Signer".to_string()
    } else {
        out.push('\n');
        format!("botocore.auth.{class}")
    };

    writeln!(out, "request = AWSRequest(")?;
    writeln!(out, "    method={},", PyStr(&ex.canonical_request.method))?;
    writeln!(out, "    url={},", PyStr(&p.base_url()))?;
    if !p.query.is_empty() {
        out.push_str("    params=[\n");
        for q in &p.query {
            writeln!(out, "        ({}, {}),", PyStr(&q.key), PyVal(&q.value))?;
        }
        out.push_str("    ],\n");
    }
    out.push_str("    headers={\n");
    for (n, v) in &headers {
        writeln!(out, "        {}: {},", PyStr(n), PyVal(v))?;
    }
    out.push_str("    },\n");
    if pass_body {
        out.push_str("    data=BODY,\n");
    }
    out.push_str(")\n");
    write!(
        out,
        "signer = {signer_class}(credentials, {}, {}",
        PyStr(&ex.service.value),
        PyStr(&ex.region.value)
    )?;
    if let Some(secs) = presign {
        write!(out, ", expires={secs}")?;
    }
    out.push_str(")\n");
    out.push_str("with mock.patch.object(botocore.auth, \"get_current_datetime\", return_value=SIGNING_TIME):\n    signer.add_auth(request)\n");
    writeln!(
        out,
        "assert request.context[\"timestamp\"] == {}, \"botocore did not sign at the fixed time\"",
        PyStr(ex.amz_date())
    )?;
    match (p.token, presign) {
        (TokenUse::AfterSigning, Some(_)) => writeln!(
            out,
            "request.url += \"&X-Amz-Security-Token=\" + quote(os.environ[\"{TOKEN_ENV}\"], safe=\"-_.~\")"
        )?,
        (TokenUse::AfterSigning, None) => writeln!(
            out,
            "request.headers[\"X-Amz-Security-Token\"] = os.environ[\"{TOKEN_ENV}\"]"
        )?,
        (TokenUse::None | TokenUse::Signed, _) => {}
    }
    out.push_str(if presign.is_some() {
        "print(request.url)\n"
    } else {
        "print(request.headers[\"Authorization\"])\n"
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(
            PyStr("a\"b\\c\né\u{1F600}\u{1}").to_string(),
            "\"a\\\"b\\\\c\\n\\u00e9\\U0001f600\\x01\""
        );
    }

    #[test]
    fn whitespace_rules() {
        assert_eq!(python_trimall(" a \t b "), "a b");
    }
}
