//! A bare URL pasted as the request: a GET of it.

use super::{Hints, ParseError, ParsedRequest, Paste, Request, RequestFormat};
use crate::http::url::split;

/// Parses a bare URL paste as a GET request.
pub fn parse_bare(text: &str) -> Result<ParsedRequest, ParseError> {
    split(text).map_err(|e| ParseError::new(Paste::Request, text, e.span, e.message))?;
    Ok(ParsedRequest {
        request: Request {
            method: "GET".into(),
            url: text.trim().to_string(),
            headers: vec![],
            body: vec![],
        },
        format: RequestFormat::Url,
        hints: Hints::default(),
        warnings: vec![],
    })
}
