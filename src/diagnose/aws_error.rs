//! Decoding what AWS answered: XML, JSON, headers + body, or the message alone.

use regex_lite::Regex;
use serde::Serialize;

use crate::input::ParseError;

#[path = "catalogue_data.rs"]
mod catalogue_data;

pub use catalogue_data::{Entry, CATALOGUE};

/// An AWS error response, with whatever evidence it carries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AwsError {
    /// Which form it was pasted in: `xml`, `json`, `text`.
    pub format: &'static str,
    pub http_status: Option<u16>,
    pub code: Option<String>,
    pub message: Option<String>,
    /// The catalogue entry recognised (aws-auth-errors.json id).
    pub catalogue_id: Option<&'static str>,
    /// AWS's own canonical request and string to sign, when the response carries them.
    pub canonical_request: Option<String>,
    pub string_to_sign: Option<String>,
    pub signature_provided: Option<String>,
    pub access_key_id: Option<String>,
    /// Values the message fills in (region, expected service, times, ...), by name.
    pub values: Vec<(String, String)>,
}

impl AwsError {
    /// A value the message or response carried, by name (`expected`, `given`, `request_time`, ...).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// S3's `*Bytes` fields: space-separated two-digit hex.
fn from_hex_bytes(text: &str) -> Option<String> {
    let bytes: Option<Vec<u8>> = text
        .split_whitespace()
        .map(|h| u8::from_str_radix(h, 16).ok())
        .collect();
    bytes.and_then(|b| String::from_utf8(b).ok())
}

fn xml_fields(body: &str, err: &mut AwsError) -> Result<(), String> {
    let doc = roxmltree::Document::parse(body).map_err(|e| e.to_string())?;
    for node in doc.descendants().filter(|n| n.is_element()) {
        let text = node.text().unwrap_or("").to_string();
        match node.tag_name().name() {
            "Code" => err.code = Some(text.trim().to_string()),
            "Message" => err.message = Some(text.trim().to_string()),
            "CanonicalRequest" => err.canonical_request = Some(text),
            "StringToSign" => err.string_to_sign = Some(text),
            "CanonicalRequestBytes" if err.canonical_request.is_none() => {
                err.canonical_request = from_hex_bytes(&text);
            }
            "StringToSignBytes" if err.string_to_sign.is_none() => {
                err.string_to_sign = from_hex_bytes(&text);
            }
            "SignatureProvided" => err.signature_provided = Some(text.trim().to_string()),
            "AWSAccessKeyId" => err.access_key_id = Some(text.trim().to_string()),
            name @ ("RequestTime"
            | "ServerTime"
            | "Region"
            | "HeadersNotSigned"
            | "Expires"
            | "X-Amz-Expires"
            | "MaxAllowedSkewMilliseconds") => {
                err.values.push((name.to_string(), text.trim().to_string()))
            }
            _ => {}
        }
    }
    Ok(())
}

fn json_fields(body: &str, err: &mut AwsError) -> Result<(), String> {
    let v: serde_json::Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let inner = v.get("Error").unwrap_or(&v);
    err.code = inner
        .get("__type")
        .or_else(|| inner.get("Code"))
        .or_else(|| inner.get("code"))
        .and_then(s)
        // com.amazon.coral.service#InvalidSignatureException → InvalidSignatureException
        .map(|c| c.rsplit(['#', ':']).next().unwrap_or(&c).to_string());
    err.message = inner
        .get("message")
        .or_else(|| inner.get("Message"))
        .and_then(s);
    Ok(())
}

/// Splits `HTTP/1.1 403 Forbidden\nheaders\n\nbody`, returning the status, the error-type header and the body.
fn split_http(text: &str) -> (Option<u16>, Option<String>, &str) {
    let t = text.trim_start();
    if !t.starts_with("HTTP/") {
        return (None, None, text);
    }
    let status = t.split_whitespace().nth(1).and_then(|s| s.parse().ok());
    let (head, body) = t
        .split_once("\r\n\r\n")
        .or_else(|| t.split_once("\n\n"))
        .unwrap_or((t, ""));
    let error_type = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("x-amzn-errortype")
            .then(|| value.trim().split(':').next().unwrap_or("").to_string())
    });
    (status, error_type, body)
}

/// Recognises the message (and code) against the catalogue, filling in its values.
fn recognise(err: &mut AwsError) {
    let message = err.message.clone().unwrap_or_default();
    let code = err.code.clone();
    let candidates: Vec<&Entry> = CATALOGUE
        .iter()
        .filter(|e| code.as_deref().is_none_or(|c| e.codes.contains(&c)))
        .collect();
    for entry in &candidates {
        let Some(pattern) = entry.regex else { continue };
        let Ok(re) = Regex::new(pattern) else {
            continue;
        };
        if let Some(caps) = re.captures(message.trim()) {
            err.catalogue_id = Some(entry.id);
            for name in re.capture_names().flatten() {
                if let Some(m) = caps.name(name) {
                    err.values.push((name.to_string(), m.as_str().to_string()));
                }
            }
            // Unnamed groups (times in "Signature expired: ..."), by position.
            for (i, m) in caps.iter().enumerate().skip(1) {
                if let Some(m) = m {
                    err.values.push((format!("${i}"), m.as_str().to_string()));
                }
            }
            if err.canonical_request.is_none() {
                err.canonical_request = err.value("canonical").map(str::to_string);
            }
            if err.string_to_sign.is_none() {
                err.string_to_sign = err.value("sts").map(str::to_string);
            }
            return;
        }
    }
    // No regex matched: the message's fixed start, or the only entry with this code.
    let prefix_of = |e: &Entry| e.message.split('{').next().unwrap_or("").trim().to_string();
    if let Some(e) = candidates.iter().find(|e| {
        let p = prefix_of(e);
        p.len() > 8 && !p.starts_with('(') && message.starts_with(&p)
    }) {
        err.catalogue_id = Some(e.id);
    } else if candidates.len() == 1 && code.is_some() {
        err.catalogue_id = Some(candidates[0].id);
    } else if let Some(c) = &code {
        // S3 and query services share codes; prefer the entry whose message matches at all.
        err.catalogue_id = candidates
            .iter()
            .find(|e| e.codes.first() == Some(&c.as_str()))
            .map(|e| e.id);
    }
}

/// Decodes a pasted AWS error response. Never panics; unusable text is a [`ParseError`].
pub fn decode(text: &str) -> Result<AwsError, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::new(
            "AWS error",
            text,
            0..0,
            "the AWS error is empty; paste the response body, the headers and body, or the message",
        ));
    }
    let (http_status, error_type, body) = split_http(text);
    let body_start = text.len() - body.len();
    let trimmed = body.trim();
    let mut err = AwsError {
        http_status,
        ..AwsError::default()
    };
    if trimmed.starts_with('<') {
        err.format = "xml";
        xml_fields(trimmed, &mut err).map_err(|e| {
            let at = body_start + (body.len() - body.trim_start().len());
            ParseError::new(
                "AWS error",
                text,
                at..at + 1,
                format!("the XML does not parse ({e}); paste the whole response body"),
            )
        })?;
    } else if trimmed.starts_with('{') {
        err.format = "json";
        json_fields(trimmed, &mut err).map_err(|e| {
            let at = body_start + (body.len() - body.trim_start().len());
            ParseError::new(
                "AWS error",
                text,
                at..at + 1,
                format!("the JSON does not parse ({e}); paste the whole response body"),
            )
        })?;
    } else {
        err.format = "text";
        err.message = Some(trimmed.to_string());
    }
    if err.code.is_none() {
        err.code = error_type.filter(|t| !t.is_empty());
    }
    // Some messages embed the long form after the short one; keep the message as AWS wrote it.
    recognise(&mut err);
    Ok(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_bytes() {
        assert_eq!(from_hex_bytes("47 45 54 0a 2f").as_deref(), Some("GET\n/"));
        assert_eq!(from_hex_bytes("zz"), None);
    }
}
