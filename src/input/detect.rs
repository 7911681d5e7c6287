//! Telling a curl command, a raw HTTP request and a bare URL apart.

use super::{ParseError, ParsedRequest, Paste};

/// What kind of text the request paste was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestFormat {
    Curl,
    Http,
    Url,
}

/// Guesses the form of a request paste from its first word and first line.
pub fn detect(text: &str) -> RequestFormat {
    let t = text.trim_start();
    // A copied shell prompt ("$ curl ...") is not part of the command.
    let t = t.strip_prefix("$ ").unwrap_or(t).trim_start();
    let first_word = t.split(|c: char| c.is_whitespace()).next().unwrap_or("");
    let program = first_word
        .trim_matches(['"', '\'', '^'])
        .to_ascii_lowercase();
    let program = program.rsplit(['/', '\\']).next().unwrap_or("");
    if program == "curl" || program == "curl.exe" {
        return RequestFormat::Curl;
    }
    let first_line = t.lines().next().unwrap_or("").trim();
    let rest_is_blank = t.lines().skip(1).all(|l| l.trim().is_empty());
    // A single word on a single line: a URL, with or without its scheme.
    if rest_is_blank && !first_line.is_empty() {
        let lower = first_line.to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            return RequestFormat::Url;
        }
        let looks_like_method = first_line.chars().all(|c| c.is_ascii_uppercase());
        if !first_line.contains(char::is_whitespace)
            && !looks_like_method
            && first_line.contains('.')
        {
            return RequestFormat::Url;
        }
    }
    RequestFormat::Http
}

/// Parses a pasted request of any accepted form (curl command, raw HTTP, bare URL).
pub fn parse_request(text: &str) -> Result<ParsedRequest, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::new(
            Paste::Request,
            text,
            0..text.len(),
            "the request is empty; paste a curl command, a raw HTTP request or a URL",
        ));
    }
    match detect(text) {
        RequestFormat::Curl => super::curl::parse(text),
        RequestFormat::Url => {
            let mut parsed = super::url::parse_bare(text)?;
            if !parsed.request.url.contains("://") {
                let lead = text.len() - text.trim_start().len();
                parsed.warnings.push(super::Diagnostic {
                    message: "the URL has no scheme; https:// is assumed".into(),
                    span: lead..lead,
                });
                parsed.request.url = format!("https://{}", parsed.request.url);
            }
            // A presigned URL carries its scope in X-Amz-Credential.
            if let Some((region, service)) = super::raw_http::scope_hints(&[], &parsed.request.url)
            {
                parsed.hints.region = Some(region);
                parsed.hints.service = Some(service);
            }
            Ok(parsed)
        }
        RequestFormat::Http => super::raw_http::parse(text),
    }
}
