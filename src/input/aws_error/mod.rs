//! Decoding what AWS answered: XML, JSON, headers + body, or the message alone.

mod body;
mod denied;
pub mod wrapped;

use super::{ParseError, Paste};
use crate::generated::catalogue::{CatalogueId, Entry, CATALOGUE};
use crate::text::{excerpt, quoted_in, QUOTE_CHARS};
use body::{json_fields, split_http, xml_fields};
use denied::denied;
pub use denied::{Denied, ACCESS_DENIED_CODES};
pub use wrapped::Tool;

/// Which form an AWS answer was pasted in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
    /// The message alone (or anything that is not XML or JSON).
    #[default]
    Text,
}

impl Format {
    /// `xml`, `json` or `text`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Xml => "xml",
            Format::Json => "json",
            Format::Text => "text",
        }
    }
}

/// An AWS error response, with whatever evidence it carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AwsError {
    pub format: Format,
    pub http_status: Option<u16>,
    pub code: Option<String>,
    pub message: Option<String>,
    /// The catalogue entry recognised.
    pub catalogue_id: Option<CatalogueId>,
    /// AWS's own canonical request and string to sign, when the response carries them.
    pub canonical_request: Option<String>,
    pub string_to_sign: Option<String>,
    pub signature_provided: Option<String>,
    pub access_key_id: Option<String>,
    /// Values the message fills in (region, expected service, times, ...), by name.
    pub values: Vec<(String, String)>,
    /// An access-denied answer (the signature was accepted, the action refused), read.
    pub denied: Option<Denied>,
    /// The id AWS gave the request (`x-amzn-RequestId`, `<RequestId>`, or where a program
    /// printed it): what AWS Support asks for.
    pub request_id: Option<String>,
    /// The program whose printout was pasted, and the one around it (Terraform around the Go
    /// SDK, a CI log around the AWS CLI).
    pub tool: Option<Tool>,
    pub within: Option<Tool>,
    /// The API operation the program called (`GetCallerIdentity`), when it printed it.
    pub operation: Option<String>,
}

/// How many characters of AWS's message the "What AWS said" card quotes: enough to read it.
pub const DECODED_CHARS: usize = 220;

impl AwsError {
    /// How the paste was read, in one sentence: `Read as XML, HTTP 403, code SignatureDoesNotMatch:
    /// “The request signature we calculated…”`. The code and message are quoted, cut when long.
    pub fn read_as(&self) -> String {
        let from = match (self.tool, self.within) {
            (Some(t), Some(w)) => format!(" from {} in {}", t.name(), w.name()),
            (Some(t), None) => format!(" from {}", t.name()),
            _ => String::new(),
        };
        format!(
            "Read as {}{from}{}{}{}{}",
            self.format.as_str().to_uppercase(),
            self.http_status
                .map(|c| format!(", HTTP {c}"))
                .unwrap_or_default(),
            self.code
                .as_ref()
                .map(|c| format!(", code {}", excerpt(c, QUOTE_CHARS)))
                .unwrap_or_default(),
            self.request_id
                .as_ref()
                .map(|r| format!(", request id {}", excerpt(r, QUOTE_CHARS)))
                .unwrap_or_default(),
            self.message.as_ref().map_or(".".to_string(), |m| format!(
                ": {}",
                quoted_in(m, DECODED_CHARS, '\u{201c}', '\u{201d}')
            )),
        )
    }

    /// Where the answer came from, when the paste says more than the code and message: `Printed
    /// by the AWS SDK for Go v2 in Terraform, calling GetCallerIdentity; HTTP 403; request id R.`
    pub fn provenance(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(t) = self.tool {
            let mut p = format!("Printed by {}", t.name());
            if let Some(w) = self.within {
                p += &format!(" in {}", w.name());
            }
            if let Some(op) = &self.operation {
                p += &format!(", calling {}", excerpt(op, QUOTE_CHARS));
            }
            parts.push(p);
        }
        if let Some(s) = self.http_status {
            parts.push(format!("HTTP {s}"));
        }
        if let Some(r) = &self.request_id {
            parts.push(format!("request id {}", excerpt(r, QUOTE_CHARS)));
        }
        (!parts.is_empty()).then(|| {
            let mut s = parts.join("; ");
            s[..1].make_ascii_uppercase();
            s + "."
        })
    }

    /// A value the message or response carried, by name (`expected`, `given`, `request_time`, ...).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Matches `message` against a catalogue template (`... {name} ...`), returning the named values.
/// A trailing period or whitespace may be missing on either side.
fn match_template(template: &str, message: &str) -> Option<Vec<(String, String)>> {
    let template = template.trim().trim_end_matches('.');
    let message = message.trim();
    let mut values = Vec::new();
    let mut rest = message;
    let mut pieces = template.split('{');
    let first = pieces.next().unwrap_or("");
    rest = rest.strip_prefix(first)?;
    for piece in pieces {
        let (name, literal) = piece.split_once('}')?;
        let value_end = if literal.is_empty() {
            rest.trim_end_matches('.').len()
        } else {
            rest.find(literal)?
        };
        values.push((name.to_string(), rest[..value_end].to_string()));
        rest = &rest[value_end + literal.len()..];
    }
    rest.trim()
        .trim_start_matches('.')
        .trim()
        .is_empty()
        .then_some(values)
}

/// The start of a template up to its first value, cut back to the last `,`, `:` or `(`,
/// so that variants without the value ("…valid region." / "…valid region, not 'x'.") match.
pub(super) fn template_prefix(template: &str) -> &str {
    let head = template.split('{').next().unwrap_or("").trim_end();
    let head = if template.contains('{') {
        head.rfind([',', ':', '(', ';'])
            .map_or(head, |i| &head[..i])
    } else {
        head.trim_end_matches('.')
    };
    head.trim()
}

/// AWS's long form: "...The Canonical String for this request should have been\n'...'\n\nThe String-to-Sign should have been\n'...'".
fn long_form(message: &str) -> (Option<String>, Option<String>) {
    const CANONICAL: &str = "The Canonical String for this request should have been";
    const STS: &str = "The String-to-Sign should have been";
    let quoted = |s: &str| {
        let s = s.trim();
        s.strip_prefix('\'')
            .and_then(|s| s.strip_suffix('\''))
            .map(str::to_string)
    };
    let Some(c) = message.find(CANONICAL) else {
        return (None, None);
    };
    let after = &message[c + CANONICAL.len()..];
    match after.find(STS) {
        Some(s) => (quoted(&after[..s]), quoted(&after[s + STS.len()..])),
        None => (quoted(after), None),
    }
}

/// Recognises the message (and code) against the catalogue, filling in its values.
fn recognise(err: &mut AwsError) {
    let message = err.message.clone().unwrap_or_default();
    let code = err.code.clone();
    let candidates: Vec<&Entry> = CATALOGUE
        .iter()
        .filter(|e| code.as_deref().is_none_or(|c| e.codes.contains(&c)))
        .collect();
    // The short form, when AWS appended its canonical request and string to sign.
    let (canonical, sts) = long_form(&message);
    let short = match message.find("The Canonical String for this request") {
        Some(i) => message[..i].trim().to_string(),
        None => message.clone(),
    };
    if err.canonical_request.is_none() {
        err.canonical_request = canonical;
    }
    if err.string_to_sign.is_none() {
        err.string_to_sign = sts;
    }
    // 1. A whole template matches (and gives its values).
    let wordings = |e: &&Entry| {
        std::iter::once(e.message)
            .chain(e.variants.iter().copied())
            .filter(|m| !m.is_empty())
            .collect::<Vec<_>>()
    };
    for entry in &candidates {
        if let Some(values) = wordings(entry)
            .into_iter()
            .find_map(|w| match_template(w, &short))
        {
            err.catalogue_id = Some(entry.id);
            err.values.extend(values);
            return;
        }
    }
    // 2. The template's fixed start (case aside), e.g. a variant without the value.
    let lower = short.to_ascii_lowercase();
    if let Some(e) = candidates.iter().find(|e| {
        wordings(e).into_iter().any(|w| {
            let p = template_prefix(w);
            p.len() > 8 && lower.starts_with(&p.to_ascii_lowercase())
        })
    }) {
        err.catalogue_id = Some(e.id);
        return;
    }
    // 3. The code alone, when AWS said no more: a message that matches no wording is not
    // guessed into an entry by its code (S3's "Access Denied" is not "Request has expired").
    if !short.trim().is_empty() {
        return;
    }
    if candidates.len() == 1 && code.is_some() {
        err.catalogue_id = Some(candidates[0].id);
    } else if let Some(c) = &code {
        err.catalogue_id = candidates
            .iter()
            .find(|e| e.codes.first() == Some(&c.as_str()))
            .map(|e| e.id);
    }
}

/// Decodes a pasted AWS error response. Never panics; unusable text is a [`ParseError`].
///
/// The paste may be the body, the headers and body, the message alone, or what a program printed
/// around it (the AWS CLI, an SDK's exception, Terraform, a CI log, Postman, `curl -i`; see
/// [`wrapped`]): the code, message, status and request id are read wherever it put them.
pub fn decode(text: &str) -> Result<AwsError, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::new(
            Paste::AwsError,
            text,
            0..0,
            "the AWS error is empty; paste the response body, the headers and body, or the message",
        ));
    }
    let head = split_http(text);
    let body = head.body;
    let body_start = text.len() - body.len() + (body.len() - body.trim_start().len());
    let trimmed = body.trim();
    let mut err = AwsError {
        http_status: head.status,
        request_id: head.request_id.clone(),
        ..AwsError::default()
    };
    if trimmed.starts_with('<') || trimmed.starts_with('{') {
        read_document(text, body_start, &mut err)?;
    } else if let Some(w) = wrapped::read(text) {
        if let Some(at) = w.document {
            read_document(text, at, &mut err)?;
        } else {
            err.format = Format::Text;
            err.code = w.code;
            err.message = w.message;
        }
        err.tool = w.tool;
        err.within = w.within;
        err.operation = w.operation;
        err.http_status = err.http_status.or(w.http_status);
        err.request_id = err.request_id.or(w.request_id);
    } else {
        err.format = Format::Text;
        err.message = Some(trimmed.to_string());
    }
    if err.code.is_none() {
        err.code = head.error_type.filter(|t| !t.is_empty());
    }
    // Some messages embed the long form after the short one; keep the message as AWS wrote it.
    recognise(&mut err);
    if err.catalogue_id.is_none() {
        err.denied = denied(err.code.as_deref(), err.message.as_deref().unwrap_or(""));
    }
    Ok(err)
}

/// Reads the XML or JSON error document starting at byte `at` of the paste into `err`.
fn read_document(text: &str, at: usize, err: &mut AwsError) -> Result<(), ParseError> {
    let doc = &text[at..];
    let (format, result) = if doc.starts_with('<') {
        (Format::Xml, xml_fields(doc, err))
    } else {
        (Format::Json, json_fields(doc, err))
    };
    err.format = format;
    result.map_err(|e| {
        ParseError::new(
            Paste::AwsError,
            text,
            at..at + 1,
            format!(
                "the {} does not parse ({e}); paste the whole response body",
                format.as_str().to_uppercase()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        let t = "Signature expired: {requestTime} is now earlier than {earliestAllowed} ({serverTime} - {N} min.)";
        let v = match_template(t, "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T124600Z - 5 min.)").unwrap();
        assert_eq!(
            v[2],
            ("serverTime".to_string(), "20150830T124600Z".to_string())
        );
        assert_eq!(v[3].1, "5");
        assert!(match_template(t, "Signature expired: soon").is_none());
        assert_eq!(
            template_prefix(
                "Credential should be scoped to a valid region, not '{regionInRequest}'. "
            ),
            "Credential should be scoped to a valid region"
        );
    }
}
