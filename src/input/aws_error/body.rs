//! The bodies AWS answers with: its XML and JSON error documents, and HTTP's head around them.

use super::AwsError;

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

pub(super) fn xml_fields(body: &str, err: &mut AwsError) -> Result<(), String> {
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
    if let Some(id) = get("RequestId").map(|s| s.trim().to_string()) {
        err.request_id = Some(id).filter(|i| !i.is_empty());
    }
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

pub(super) fn json_fields(body: &str, err: &mut AwsError) -> Result<(), String> {
    // The first JSON value: a log line may follow it.
    let v: serde_json::Value = serde_json::Deserializer::from_str(body)
        .into_iter()
        .next()
        .ok_or("it is empty")?
        .map_err(|e| e.to_string())?;
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

/// What the HTTP head before a body says.
pub(super) struct Head<'a> {
    pub status: Option<u16>,
    /// `x-amzn-ErrorType` (JSON services put the code there).
    pub error_type: Option<String>,
    /// `x-amzn-RequestId` or S3's `x-amz-request-id`.
    pub request_id: Option<String>,
    pub body: &'a str,
}

/// Splits `HTTP/1.1 403 Forbidden\nheaders\n\nbody` into what its head says and the body.
pub(super) fn split_http(text: &str) -> Head<'_> {
    let t = text.trim_start();
    if !t.starts_with("HTTP/") {
        return Head {
            status: None,
            error_type: None,
            request_id: None,
            body: text,
        };
    }
    let status = t.split_whitespace().nth(1).and_then(|s| s.parse().ok());
    let (head, body) = t
        .split_once("\r\n\r\n")
        .or_else(|| t.split_once("\n\n"))
        .unwrap_or((t, ""));
    let header = |names: &[&str]| {
        head.lines().find_map(|l| {
            let (name, value) = l.split_once(':')?;
            names
                .iter()
                .any(|n| name.trim().eq_ignore_ascii_case(n))
                .then(|| value.trim().to_string())
        })
    };
    Head {
        status,
        error_type: header(&["x-amzn-errortype"])
            .map(|v| v.split(':').next().unwrap_or("").to_string()),
        request_id: header(&["x-amzn-requestid", "x-amz-request-id"]).filter(|v| !v.is_empty()),
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let body = split_http(&text).body;
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
