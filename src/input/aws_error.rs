//! Decoding what AWS answered: XML, JSON, headers + body, or the message alone.

use super::{ParseError, Paste};
use crate::generated::catalogue::{CatalogueId, Entry, CATALOGUE};
use crate::text::{excerpt, quoted_in, QUOTE_CHARS};

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
}

/// How many characters of AWS's message the "What AWS said" card quotes: enough to read it.
pub const DECODED_CHARS: usize = 220;

impl AwsError {
    /// How the paste was read, in one sentence: `Read as XML, HTTP 403, code SignatureDoesNotMatch:
    /// “The request signature we calculated…”`. The code and message are quoted, cut when long.
    pub fn read_as(&self) -> String {
        format!(
            "Read as {}{}{}{}",
            self.format.as_str().to_uppercase(),
            self.http_status
                .map(|c| format!(", HTTP {c}"))
                .unwrap_or_default(),
            self.code
                .as_ref()
                .map(|c| format!(", code {}", excerpt(c, QUOTE_CHARS)))
                .unwrap_or_default(),
            self.message.as_ref().map_or(".".to_string(), |m| format!(
                ": {}",
                quoted_in(m, DECODED_CHARS, '\u{201c}', '\u{201d}')
            )),
        )
    }

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

/// Undoes XML's character escapes (`&amp;`, `&lt;`, `&#10;`, ...).
fn xml_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of the first `<name>…</name>` element (any namespace prefix), unescaped.
///
/// AWS's error documents are flat and known; a few string searches read them without an
/// XML parser (roxmltree cost ~25 KB of WebAssembly for this).
fn xml_element(body: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = body[from..].find('<').map(|i| i + from) {
        // A comment may hold anything, tags included.
        if body[i..].starts_with("<!--") {
            from = body[i..].find("-->").map(|e| i + e + 3)?;
            continue;
        }
        let tag_end = body[i..].find('>').map(|e| e + i)?;
        let tag = &body[i + 1..tag_end];
        let local = tag
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .unwrap_or("");
        if local == name && !tag.starts_with('/') {
            if tag.ends_with('/') {
                return Some(String::new());
            }
            let close = format!("</{}>", tag.split_whitespace().next().unwrap_or(name));
            let end = body[tag_end + 1..].find(&close)? + tag_end + 1;
            return Some(xml_text(&body[tag_end + 1..end]));
        }
        from = tag_end + 1;
    }
    None
}

/// An element's text: escapes undone, CDATA sections taken as they are, in any mix.
fn xml_text(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(i) = rest.find("<![CDATA[") {
        out.push_str(&xml_unescape(&rest[..i]));
        let data = &rest[i + "<![CDATA[".len()..];
        match data.find("]]>") {
            Some(e) => {
                out.push_str(&data[..e]);
                rest = &data[e + 3..];
            }
            None => {
                out.push_str(data);
                rest = "";
            }
        }
    }
    out.push_str(&xml_unescape(rest));
    out
}

fn xml_fields(body: &str, err: &mut AwsError) -> Result<(), String> {
    let get = |name: &str| xml_element(body, name);
    err.code = get("Code").map(|c| c.trim().to_string());
    err.message = get("Message").map(|m| m.trim().to_string());
    if err.code.is_none() && err.message.is_none() {
        return Err("it has no complete <Code> or <Message> element".into());
    }
    err.canonical_request = get("CanonicalRequest")
        .or_else(|| get("CanonicalRequestBytes").and_then(|b| from_hex_bytes(&b)));
    err.string_to_sign =
        get("StringToSign").or_else(|| get("StringToSignBytes").and_then(|b| from_hex_bytes(&b)));
    err.signature_provided = get("SignatureProvided").map(|s| s.trim().to_string());
    err.access_key_id = get("AWSAccessKeyId").map(|s| s.trim().to_string());
    for name in [
        "RequestTime",
        "ServerTime",
        "Region",
        "HeadersNotSigned",
        "Expires",
        "X-Amz-Expires",
        "MaxAllowedSkewMilliseconds",
    ] {
        if let Some(v) = get(name) {
            err.values.push((name.to_string(), v.trim().to_string()));
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
fn template_prefix(template: &str) -> &str {
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
pub fn decode(text: &str) -> Result<AwsError, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::new(
            Paste::AwsError,
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
        err.format = Format::Xml;
        xml_fields(trimmed, &mut err).map_err(|e| {
            let at = body_start + (body.len() - body.trim_start().len());
            ParseError::new(
                Paste::AwsError,
                text,
                at..at + 1,
                format!("the XML does not parse ({e}); paste the whole response body"),
            )
        })?;
    } else if trimmed.starts_with('{') {
        err.format = Format::Json;
        json_fields(trimmed, &mut err).map_err(|e| {
            let at = body_start + (body.len() - body.trim_start().len());
            ParseError::new(
                Paste::AwsError,
                text,
                at..at + 1,
                format!("the JSON does not parse ({e}); paste the whole response body"),
            )
        })?;
    } else {
        err.format = Format::Text;
        err.message = Some(trimmed.to_string());
    }
    if err.code.is_none() {
        err.code = error_type.filter(|t| !t.is_empty());
    }
    // Some messages embed the long form after the short one; keep the message as AWS wrote it.
    recognise(&mut err);
    if err.catalogue_id.is_none() {
        err.denied = denied(err.code.as_deref(), err.message.as_deref().unwrap_or(""));
    }
    Ok(err)
}

/// The codes AWS refuses an authorized-looking request with when the caller may not act.
pub const ACCESS_DENIED_CODES: [&str; 5] = [
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "AuthorizationError",
    "UnauthorizedAccess",
];

/// What an access-denied message says: who may not do what, on what, and which policy decided.
///
/// IAM's wording (IAM User Guide, "Troubleshoot access denied error messages"): `User: PRINCIPAL
/// is not authorized to perform: ACTION [on resource: RESOURCE] because no POLICY-TYPE allows
/// the ACTION action` (an implicit deny), or `… with an explicit deny in a POLICY-TYPE[: ARN]`,
/// sometimes followed by `. Go to https://… ` (the Access Troubleshooter's page for it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Denied {
    pub principal: Option<String>,
    pub action: Option<String>,
    pub resource: Option<String>,
    /// `Some(true)`: a Deny statement decided; `Some(false)`: no policy allowed it.
    pub explicit: Option<bool>,
    /// The kind of policy the message names: `identity-based policy`, `service control
    /// policy`, `resource-based policy`, `permissions boundary`, `session policy`, ...
    pub policy: Option<String>,
    /// The ARN of the policy that denied, when the message names it.
    pub policy_arn: Option<String>,
    /// The link to the access denial's details, when the message has one.
    pub details_link: Option<String>,
    /// EC2's "Encoded authorization failure message" (decode it with STS).
    pub encoded: bool,
}

/// `text` without surrounding quotes and a final period.
fn bare(text: &str) -> String {
    text.trim()
        .trim_end_matches('.')
        .trim_matches(['"', '\'', '`'])
        .trim()
        .to_string()
}

/// Reads an access-denied answer: `Some` when the code is one of [`ACCESS_DENIED_CODES`] or the
/// message says "is not authorized to perform".
fn denied(code: Option<&str>, message: &str) -> Option<Denied> {
    let by_code = code.is_some_and(|c| ACCESS_DENIED_CODES.contains(&c));
    const PERFORM: &str = " is not authorized to perform: ";
    let lower = message.to_ascii_lowercase();
    let Some(at) = lower.find(PERFORM) else {
        return by_code.then(|| Denied {
            encoded: message.contains("Encoded authorization failure message"),
            ..Denied::default()
        });
    };
    let mut d = Denied {
        encoded: message.contains("Encoded authorization failure message"),
        ..Denied::default()
    };
    let head = &message[..at];
    d.principal = head
        .rfind(": ")
        .map(|i| bare(&head[i + 2..]))
        .or_else(|| Some(bare(head)))
        .filter(|p| !p.is_empty());
    let rest = &message[at + PERFORM.len()..];
    // The link to the details ends the message: ". Go to https://…".
    // EC2 appends the encoded evaluation: "… action. Encoded authorization failure message: …".
    let rest = rest
        .find(". Encoded authorization failure message")
        .map_or(rest, |i| &rest[..i]);
    let (rest, link) = match rest.find(". Go to ") {
        Some(i) => (
            &rest[..i],
            rest[i + ". Go to ".len()..]
                .split_whitespace()
                .next()
                .map(bare),
        ),
        None => (rest, None),
    };
    d.details_link = link;
    let lower_rest = rest.to_ascii_lowercase();
    let because = lower_rest.find(" because no ");
    let explicit = lower_rest.find(" with an explicit deny");
    let reason_at = [because, explicit].into_iter().flatten().min();
    let subject = &rest[..reason_at.unwrap_or(rest.len())];
    // IAM writes "ACTION on resource: ARN"; S3's messages "ACTION on \"ARN\"".
    let lower_subject = subject.to_ascii_lowercase();
    let on = lower_subject
        .find(" on resource: ")
        .map(|i| (i, " on resource: ".len()))
        .or_else(|| lower_subject.find(" on ").map(|i| (i, " on ".len())));
    match on {
        Some((i, len)) => {
            d.action = Some(bare(&subject[..i]));
            d.resource = Some(bare(&subject[i + len..])).filter(|r| !r.is_empty());
        }
        None => d.action = Some(bare(subject)).filter(|a| !a.is_empty()),
    }
    let article = |s: &str| {
        s.trim_start()
            .strip_prefix("an ")
            .or_else(|| s.trim_start().strip_prefix("a "))
            .or_else(|| s.trim_start().strip_prefix("the "))
            .unwrap_or(s.trim_start())
            .to_string()
    };
    if let (Some(b), true) = (because, explicit.is_none_or(|e| because < Some(e))) {
        // "because no identity-based policy allows the iam:ListUsers action"
        let after = &rest[b + " because no ".len()..];
        let policy = after
            .to_ascii_lowercase()
            .find(" allows")
            .map_or(after, |i| &after[..i]);
        d.explicit = Some(false);
        d.policy = Some(bare(policy)).filter(|p| !p.is_empty());
    } else if let Some(e) = explicit {
        // "with an explicit deny in a service control policy[: arn:…]"
        let after = &rest[e + " with an explicit deny".len()..];
        let after = after.trim_start().strip_prefix("in").unwrap_or(after);
        d.explicit = Some(true);
        let (policy, arn) = match after.find(": arn:") {
            Some(i) => (&after[..i], Some(bare(&after[i + 2..]))),
            None => (after, None),
        };
        d.policy = Some(bare(&article(policy))).filter(|p| !p.is_empty());
        d.policy_arn = arn;
    }
    Some(d)
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

    #[test]
    fn xml_by_hand() {
        let x = "<?xml version=\"1.0\"?><e:Error xmlns:e=\"x\"><e:Code>A&amp;B</e:Code><Message><![CDATA[<m>]]></Message><Empty/></e:Error>";
        assert_eq!(xml_element(x, "Code").as_deref(), Some("A&B"));
        assert_eq!(xml_element(x, "Message").as_deref(), Some("<m>"));
        assert_eq!(xml_element(x, "Empty").as_deref(), Some(""));
        assert_eq!(xml_element("<Code>x", "Code"), None);
        assert_eq!(xml_unescape("&#65;&#x42;&bogus; &"), "AB&bogus; &");
    }

    #[test]
    fn access_denied_messages_are_read() {
        let d = denied(
            Some("AccessDenied"),
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no identity-based policy allows the iam:ListUsers action",
        )
        .unwrap();
        assert_eq!(
            d.principal.as_deref(),
            Some("arn:aws:iam::123456789012:user/alice")
        );
        assert_eq!(d.action.as_deref(), Some("iam:ListUsers"));
        assert_eq!(
            d.resource.as_deref(),
            Some("arn:aws:iam::123456789012:user/")
        );
        assert_eq!(
            (d.explicit, d.policy.as_deref()),
            (Some(false), Some("identity-based policy"))
        );
        let d = denied(
            None,
            "User: arn:aws:iam::123456789012:user/janedoe is not authorized to perform: iam:CreateInstanceProfile on resource: arn:aws:iam::123456789012:instance-profile/p with an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/ExampleDenyPolicy. Go to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/EXAMPLE1 to learn more.",
        )
        .unwrap();
        assert_eq!(
            (d.explicit, d.policy.as_deref()),
            (Some(true), Some("identity-based policy"))
        );
        assert_eq!(
            d.policy_arn.as_deref(),
            Some("arn:aws:iam::123456789012:policy/ExampleDenyPolicy")
        );
        assert!(d
            .details_link
            .unwrap()
            .ends_with("authorization-details/EXAMPLE1"));
        let d = denied(
            Some("AccessDeniedException"),
            "User: arn:aws:sts::123456789012:assumed-role/Dev/s is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/T with an explicit deny in a service control policy",
        )
        .unwrap();
        assert_eq!(d.policy.as_deref(), Some("service control policy"));
        assert_eq!(
            d.principal.as_deref(),
            Some("arn:aws:sts::123456789012:assumed-role/Dev/s")
        );
        let s3 = denied(
            Some("AccessDenied"),
            "User: arn:aws:iam::777788889999:user/MaryMajor is not authorized to perform: s3:GetObject on \"arn:aws:s3:::amzn-s3-demo-bucket1/object-name\" because no resource-based policy allows the s3:GetObject action",
        )
        .unwrap();
        assert_eq!(
            s3.resource.as_deref(),
            Some("arn:aws:s3:::amzn-s3-demo-bucket1/object-name")
        );
        assert_eq!(s3.policy.as_deref(), Some("resource-based policy"));
        let plain = denied(Some("AccessDenied"), "Access Denied").unwrap();
        assert_eq!(plain, Denied::default());
        assert!(denied(Some("SignatureDoesNotMatch"), "Access Denied").is_none());
        assert!(denied(Some("UnauthorizedOperation"), "You are not authorized to perform this operation. Encoded authorization failure message: abc").unwrap().encoded);
    }

    #[test]
    fn hex_bytes() {
        assert_eq!(from_hex_bytes("47 45 54 0a 2f").as_deref(), Some("GET\n/"));
        assert_eq!(from_hex_bytes("zz"), None);
    }
}

/// The hand-written XML field reader against roxmltree (a dev-dependency: the page does
/// without a parser), over the error fixtures and generated AWS-style error documents.
#[cfg(test)]
mod oracle {
    use super::*;
    use proptest::prelude::*;

    /// The text of the first element named `name` (any namespace), when it holds only text.
    fn roxml(body: &str, name: &str) -> Option<Option<String>> {
        let doc = roxmltree::Document::parse(body).ok()?;
        let node = doc
            .descendants()
            .find(|n| n.is_element() && n.tag_name().name() == name);
        Some(node.and_then(|n| {
            if n.children().any(|c| c.is_element()) {
                return None;
            }
            Some(
                n.descendants()
                    .filter(|c| c.is_text())
                    .filter_map(|c| c.text())
                    .collect(),
            )
        }))
    }

    const NAMES: [&str; 7] = [
        "Code",
        "Message",
        "CanonicalRequest",
        "StringToSign",
        "RequestId",
        "HostId",
        "Missing",
    ];

    #[test]
    fn fixtures_read_as_roxmltree_reads_them() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aws-errors");
        let mut checked = 0;
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                for inner in std::fs::read_dir(&path).expect("a fixture folder") {
                    files.push(inner.expect("entry").path());
                }
            } else {
                files.push(path);
            }
        }
        for path in files
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e != "md"))
        {
            let text = std::fs::read_to_string(&path).expect("text");
            let (_, _, body) = split_http(&text);
            let body = body.trim();
            if !body.starts_with('<') {
                continue;
            }
            for name in NAMES {
                let theirs = roxml(body, name).expect("the fixture is well-formed XML");
                if let Some(t) = theirs {
                    assert_eq!(xml_element(body, name), Some(t), "{name} in {body}");
                    checked += 1;
                }
            }
        }
        assert!(checked >= 60, "only {checked} fields compared");
    }

    /// Text as AWS writes it in an element: escapes, character references, CDATA, newlines.
    fn content() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => "[a-zA-Z0-9 /=+:;.,'-]{0,12}",
            1 => Just("&amp;".to_string()),
            1 => Just("&lt;".to_string()),
            1 => Just("&gt;".to_string()),
            1 => Just("&quot;".to_string()),
            1 => Just("&apos;".to_string()),
            1 => Just("&#10;".to_string()),
            1 => Just("&#x41;".to_string()),
            1 => Just("\n".to_string()),
            1 => "[a-z<>& ]{0,8}".prop_map(|s| format!("<![CDATA[{s}]]>")),
        ];
        proptest::collection::vec(piece, 0..6).prop_map(|v| v.concat())
    }

    fn document() -> impl Strategy<Value = String> {
        (
            any::<bool>(),
            prop_oneof![Just(""), Just("e:")],
            proptest::collection::vec((proptest::sample::select(&NAMES[..6]), content()), 1..6),
            proptest::collection::vec(
                prop_oneof![
                    "[a-zA-Z <>/]{0,10}",
                    Just(" > <Code>in a comment</Code> ".to_string())
                ],
                0..3,
            ),
            any::<bool>(),
        )
            .prop_map(|(decl, prefix, fields, comments, wrapped)| {
                let mut inner = String::new();
                for (i, (name, text)) in fields.iter().enumerate() {
                    if let Some(c) = comments.get(i) {
                        inner.push_str(&format!("<!--{c}-->"));
                    }
                    inner.push_str(&format!("<{prefix}{name}>{text}</{prefix}{name}>\n  "));
                }
                let ns = if prefix.is_empty() {
                    String::new()
                } else {
                    " xmlns:e=\"http://example.com/doc\"".to_string()
                };
                let body = if wrapped {
                    format!("<ErrorResponse{ns}><Error>{inner}</Error><RequestId>r-1</RequestId></ErrorResponse>")
                } else {
                    format!("<Error{ns}>\n  {inner}</Error>")
                };
                let decl = if decl { "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" } else { "" };
                format!("{decl}{body}")
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn generated_errors_read_as_roxmltree_reads_them(body in document()) {
            for name in NAMES {
                let theirs = roxml(&body, name).expect("the generated document is well-formed");
                prop_assert_eq!(xml_element(&body, name), theirs, "{} in {}", name, body);
            }
        }
    }
}
