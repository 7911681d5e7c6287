//! A Markdown debug report of one signing, for a ticket or a GitHub issue, with every secret left out.
//!
//! Modelled on what the AWS SDKs' bug report templates ask for: a one-line summary, the
//! versions, the request, the signing context, the steps up to the string to sign, the findings,
//! and whether aws-sigv4 agreed.
//!
//! What it shows of a secret follows [`super::sensitive`]'s rule, as every output does: the
//! secret access key, the derived keys (kDate, kRegion, kService, kSigning), the session token
//! and the signature (`Signature=` in the Authorization header, `X-Amz-Signature`) stand as
//! [`REDACTED`] wherever they appear (the canonical request, a finding, pasted into the request by
//! mistake); the access key id is shortened to its first four characters, which tell a long-term
//! key (AKIA) from a temporary one (ASIA); `Cookie`, `Proxy-Authorization` and a non-SigV4
//! `Authorization` header are left out of the request, and their values stand as [`REDACTED`] in
//! the canonical request; a body that mentions `X-Amz-Security-Token` or holds a credential is
//! left out. The report says what it left out. Values are first left out where the report is
//! built, and then every occurrence of them in the finished text is replaced
//! ([`Known::scrub`]), so a value that turns up somewhere unexpected is still caught.

use super::export::raw_http;
use super::sensitive::{self, HeaderRule, Known, Own, ParamRule};
use crate::diagnose::Severity;
use crate::http::query::{decode, rewrite as rewrite_query, uri_encode};
use crate::input::Inputs;
use crate::lab::Explanation;
use crate::sigv4::canonical::PayloadHash;
use crate::sigv4::signed::SignedRequest;
use crate::text::thousands;
use crate::timefmt;

/// The aws-sigv4 version in Cargo.lock (a test keeps the two in step).
pub const AWS_SIGV4_VERSION: &str = "1.6.4";
/// How much of the body the report shows (bytes, cut at a character boundary).
pub const BODY_PREVIEW_BYTES: usize = 2048;
/// What stands where a secret was ([`sensitive::PLACEHOLDER`]).
pub const REDACTED: &str = sensitive::PLACEHOLDER;

/// What the report names as its environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Versions {
    pub sigv4_lab: String,
    pub aws_sigv4: String,
    /// The browser's user agent (or the CLI's name), as the caller has it.
    pub user_agent: String,
}

impl Versions {
    /// This build's versions, with the caller's user agent.
    pub fn new(user_agent: impl Into<String>) -> Self {
        Versions {
            sigv4_lab: env!("CARGO_PKG_VERSION").to_string(),
            aws_sigv4: AWS_SIGV4_VERSION.to_string(),
            user_agent: user_agent.into(),
        }
    }
}

/// A fenced code block that no backtick run inside `text` can close.
fn fence(info: &str, text: &str) -> String {
    let ticks = "`".repeat(longest_backtick_run(text).max(2) + 1);
    format!("{ticks}{info}\n{text}\n{ticks}\n")
}

/// Inline code holding `text` on one line.
fn code(text: &str) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    let ticks = "`".repeat(longest_backtick_run(&one_line) + 1);
    let pad = if one_line.starts_with('`') || one_line.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{one_line}{pad}{ticks}")
}

fn longest_backtick_run(text: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// Text for a Markdown paragraph: on one line, with the characters Markdown would act on escaped.
fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A header as the report shows it ([`sensitive::header`]'s rule), or `None` when it is left out.
fn redact_header(name: &str, value: &str) -> Option<String> {
    match sensitive::header(name, value) {
        HeaderRule::Keep => Some(value.to_string()),
        HeaderRule::Token => Some(REDACTED.to_string()),
        HeaderRule::Signed(a) => Some(a.with(&sensitive::short_key_id(a.key_id), REDACTED)),
        HeaderRule::LeaveOut(_) => None,
    }
}

/// A URL as the report shows it ([`sensitive::param`]'s rule): the token and the signature
/// redacted, the access key id of `X-Amz-Credential` shortened.
fn redact_url(url: &str) -> String {
    rewrite_query(url, |key, pair| {
        let (name, raw) = pair.split_once('=').unwrap_or((pair, ""));
        Some(match sensitive::param(key) {
            ParamRule::Keep => pair.to_string(),
            ParamRule::Own(Own::KeyId | Own::SessionToken | Own::Signature) => {
                format!("{name}={REDACTED}")
            }
            ParamRule::Credential => {
                let value = decode(raw);
                let (akid, scope) = sensitive::split_credential(&value);
                format!(
                    "{name}={}{}",
                    sensitive::short_key_id(akid),
                    uri_encode(scope)
                )
            }
        })
    })
}

/// The body as the report shows it.
enum Preview<'a> {
    Empty,
    Text { shown: &'a str, total: usize },
    Binary(usize),
}

fn preview(body: &[u8]) -> Preview<'_> {
    if body.is_empty() {
        return Preview::Empty;
    }
    let head = &body[..body.len().min(BODY_PREVIEW_BYTES)];
    let shown = match std::str::from_utf8(head) {
        Ok(t) => t,
        // Cut inside a character at the end of the preview: show up to it.
        Err(e) if e.error_len().is_none() && head.len() < body.len() => {
            match std::str::from_utf8(&head[..e.valid_up_to()]) {
                Ok(t) => t,
                Err(_) => return Preview::Binary(body.len()),
            }
        }
        Err(_) => return Preview::Binary(body.len()),
    };
    Preview::Text {
        shown,
        total: body.len(),
    }
}

/// `METHOD https://host/path` (no query: presigned parameters would make it long).
fn target(ex: &Explanation) -> String {
    let url = &ex.signing.signed_request.url;
    let origin = match url.split_once("://") {
        Some((scheme, rest)) => {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            format!("{scheme}://{}", &rest[..end])
        }
        None => String::new(),
    };
    format!(
        "{} {origin}{}",
        ex.signing.canonical_request.method, ex.signing.canonical_request.uri.wire
    )
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn summary(ex: &Explanation) -> String {
    let mode = match ex.signing.rules.expires {
        Some(secs) => format!("a presigned URL valid for {secs} s"),
        None => "an Authorization header".to_string(),
    };
    let when = timefmt::iso(ex.signing.time);
    let findings = match ex.findings.len() {
        0 => "no findings".to_string(),
        n => format!(
            "{n} finding{}: {}",
            if n == 1 { "" } else { "s" },
            ex.findings
                .iter()
                .map(|f| format!("{} ({})", f.id, severity(f.severity)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let cross = match (&ex.signing.signature, &ex.signing.cross_check) {
        (None, _) => "not signed, as no secret access key was given",
        (Some(_), Some(c)) if c.agrees => "aws-sigv4 computed the same signature",
        (Some(_), Some(_)) => "aws-sigv4 computed a different signature",
        (Some(_), None) => "aws-sigv4 could not sign it",
    };
    format!(
        "{} for {} in {}, signed at {when} with {mode}; {findings}; {cross}.",
        target(ex),
        ex.signing.service.value,
        ex.signing.region.value,
    )
}

/// The report: Markdown, safe to paste into a public issue.
pub fn debug_report(inputs: &Inputs, ex: &Explanation, versions: &Versions) -> String {
    let sc = Known::new(inputs, Some(&ex.signing));
    let clean = |s: &str| sc.scrub(s);
    let text = |s: &str| prose(&sc.scrub(s));
    let mut md = String::from("## SigV4 debug report\n\n");
    md.push_str(&format!("**Summary:** {}\n\n", text(&summary(ex))));

    md.push_str("### Environment\n\n");
    md.push_str(&format!("- sigv4-lab: {}\n", code(&versions.sigv4_lab)));
    md.push_str(&format!(
        "- aws-sigv4 (the cross-check): {}\n",
        code(&versions.aws_sigv4)
    ));
    md.push_str(&format!(
        "- User agent: {}\n\n",
        code(&clean(&versions.user_agent))
    ));

    md.push_str(&signing_section(inputs, ex, &sc));
    md.push_str(&request_section(ex, &sc));

    let creq = ex.signing.canonical_request.to_string();
    let creq_shown = clean(&creq);
    md.push_str("### Canonical request\n\n");
    md.push_str(&fence("text", &creq_shown));
    md.push_str(&format!(
        "\nSHA-256 of the canonical request: {}\n",
        code(ex.signing.canonical_request_hash())
    ));
    if creq_shown != creq {
        md.push_str(&format!(
            "\nValues shown as {} or shortened above are left out of this report; the SHA-256 is of the full text.\n",
            prose(REDACTED)
        ));
    }
    md.push_str("\n### String to sign\n\n");
    md.push_str(&fence(
        "text",
        &clean(&ex.signing.string_to_sign.to_string()),
    ));
    md.push_str(
        "\nThe derived keys (kDate, kRegion, kService, kSigning) and the signature are left out: \
         each key can sign any request for its day, region and service.\n\n",
    );

    md.push_str("### Findings\n\n");
    if ex.findings.is_empty() {
        md.push_str("None: nothing in the inputs shows a reason for AWS to reject this request.\n");
    }
    for f in &ex.findings {
        md.push_str(&format!(
            "- {} ({}) **{}.** {} *Fix:* {}\n",
            code(f.id.as_str()),
            severity(f.severity),
            text(f.title.trim_end_matches('.')),
            text(&f.detail),
            text(&f.fix)
        ));
    }
    if !ex.signing.notes.is_empty() {
        md.push_str("\n### Notes from signing\n\n");
        for n in &ex.signing.notes {
            md.push_str(&format!("- {}\n", text(n)));
        }
    }

    md.push_str("\n### aws-sigv4 cross-check\n\n");
    md.push_str(&match (&ex.signing.cross_check, &ex.signing.cross_check_unavailable) {
        (Some(c), _) if c.agrees => format!(
            "aws-sigv4 {} signed the same request with the same settings and computed the same signature.\n",
            prose(&versions.aws_sigv4)
        ),
        (Some(_), _) => format!(
            "aws-sigv4 {} signed the same request with the same settings and computed a **different** signature: \
             one of the two signers is wrong here, which is worth reporting to sigv4-lab.\n",
            prose(&versions.aws_sigv4)
        ),
        (None, Some(why)) => format!("Not run: {}\n", text(why)),
        (None, None) => "Not run.\n".to_string(),
    });

    if let (Some(err), Some(read)) = (&inputs.aws_said, &ex.aws) {
        md.push_str("\n### What AWS said\n\n");
        if let Some(status) = err.http_status {
            md.push_str(&format!("- HTTP status: {status}\n"));
        }
        if let Some(c) = &err.code {
            md.push_str(&format!("- Code: {}\n", code(&clean(c))));
        }
        if let Some(m) = &err.message {
            md.push_str(&format!("- Message: {}\n", text(m)));
        }
        for (what, cmp) in [
            ("canonical request", &read.canonical_request),
            ("string to sign", &read.string_to_sign),
        ] {
            match cmp {
                Some(c) if c.identical => {
                    md.push_str(&format!("\nAWS's {what} is identical to ours.\n"));
                }
                Some(c) => {
                    md.push_str(&format!(
                        "\nAWS's {what} against ours (`-` ours, `+` AWS's):\n\n"
                    ));
                    md.push_str(&fence("diff", &clean(c.diff.trim_end_matches('\n'))));
                }
                None => {}
            }
        }
    }

    md.push_str(&format!(
        "\n---\n*Left out of this report: the secret access key, the session token, the derived signing keys, \
         the signature, cookies and other passwords; the access key id shows only its first four characters. \
         Made with sigv4-lab {}.*\n",
        prose(&versions.sigv4_lab)
    ));
    // Anything that slipped through above (a secret typed into a header, a finding quoting it).
    sc.scrub(&md)
}

fn signing_section(inputs: &Inputs, ex: &Explanation, sc: &Known) -> String {
    let creds = &inputs.credentials;
    let e = &ex.signing.rules;
    let mut md = String::from("### Signing\n\n");
    let akid = creds.access_key_id.trim();
    md.push_str(&if akid.is_empty() {
        "- Access key id: none given\n".to_string()
    } else {
        format!(
            "- Access key id: {} (first four characters only: AKIA is a long-term key, ASIA a temporary one)\n",
            code(&sensitive::short_key_id(akid))
        )
    });
    let has_token = creds.session_token.as_ref().is_some_and(|t| !t.is_empty());
    md.push_str(match (has_token, e.token_signed) {
        (false, _) => "- Session token: none\n",
        (true, true) => "- Session token: given, and signed (left out of this report)\n",
        (true, false) => {
            "- Session token: given, and added after signing, unsigned (left out of this report)\n"
        }
    });
    if let Some(exp) = creds.expiration {
        md.push_str(&format!("- Credentials expire: {}\n", timefmt::iso(exp)));
    }
    md.push_str(&format!(
        "- Region: {} ({})\n",
        code(&ex.signing.region.value),
        prose(&sc.scrub(&ex.signing.region.why))
    ));
    md.push_str(&format!(
        "- Service: {} ({})\n",
        code(&ex.signing.service.value),
        prose(&sc.scrub(&ex.signing.service.why))
    ));
    md.push_str(&format!(
        "- Signing time: {} ({})\n",
        code(ex.signing.amz_date()),
        prose(&ex.signing.time_source)
    ));
    md.push_str(&match e.expires {
        Some(secs) => format!("- Mode: presigned URL, `X-Amz-Expires={secs}`\n"),
        None => "- Mode: Authorization header\n".to_string(),
    });
    let yes = |b: bool| if b { "yes" } else { "no" };
    md.push_str(&format!(
        "- Rules: S3 rules {}; dot segments removed {}; path encoded twice {}; x-amz-content-sha256 signed {}\n",
        yes(e.s3_rules),
        yes(e.normalize_path),
        yes(e.double_encode),
        yes(e.sign_body)
    ));
    let payload = match &ex.signing.payload {
        PayloadHash::Body(_) => "the SHA-256 of the body",
        PayloadHash::Unsigned => "the literal UNSIGNED-PAYLOAD",
        PayloadHash::Precomputed(_) => "the request's own x-amz-content-sha256",
    };
    md.push_str(&format!("- Payload hash: {payload}\n"));
    md.push_str(&format!(
        "- Signed headers: {}\n\n",
        code(ex.signing.signed_headers())
    ));
    md
}

fn request_section(ex: &Explanation, sc: &Known) -> String {
    let r = &ex.signing.signed_request;
    let body_left_out = sensitive::body_left_out(&r.body, sc);
    let body = preview(&r.body);
    let mut left_out: Vec<&str> = Vec::new();
    let shown = SignedRequest {
        method: r.method.clone(),
        url: redact_url(&r.url),
        headers: r
            .headers
            .iter()
            .filter_map(|(n, v)| match redact_header(n, v) {
                Some(v) => Some((n.clone(), v)),
                None => {
                    if let HeaderRule::LeaveOut(why) = sensitive::header(n, v) {
                        if !left_out.contains(&why) {
                            left_out.push(why);
                        }
                    }
                    None
                }
            })
            .collect(),
        body: match &body {
            _ if body_left_out.is_some() => Vec::new(),
            Preview::Text { shown, .. } => shown.as_bytes().to_vec(),
            Preview::Empty | Preview::Binary(_) => Vec::new(),
        },
        body_file: r.body_file.clone(),
    };
    let mut md = String::from("### Request as signed\n\n");
    md.push_str(&fence(
        "http",
        sc.scrub(&raw_http(&shown)).trim_end_matches('\n'),
    ));
    md.push('\n');
    for why in left_out {
        md.push_str(&format!("{}\n", prose(why)));
    }
    md.push_str(&match body {
        _ if body_left_out.is_some() && r.body_file.is_none() => {
            format!("{}\n", prose(body_left_out.unwrap_or_default()))
        }
        _ if r.body_file.is_some() => {
            let (name, size) = r
                .body_file
                .as_ref()
                .map_or((String::new(), 0), |f| (f.name.clone(), f.size));
            format!(
                "The body is the file {} ({} bytes), signed by its SHA-256 without being read into the page.\n",
                code(&sc.scrub(&name)),
                thousands(usize::try_from(size).unwrap_or(usize::MAX))
            )
        }
        Preview::Empty => "No body.\n".to_string(),
        Preview::Text { shown, total } if shown.len() == total => {
            format!("The body ({} bytes) is shown in full.\n", thousands(total))
        }
        Preview::Text { shown, total } => format!(
            "The body has {} bytes; the first {} are shown.\n",
            thousands(total),
            thousands(shown.len())
        ),
        Preview::Binary(total) => {
            format!("The body is {} bytes of binary data, not shown.\n", thousands(total))
        }
    });
    if let Some(url) = &ex.signing.signed_url {
        md.push_str(&format!(
            "\nPresigned URL: {}\n",
            code(&sc.scrub(&redact_url(url)))
        ));
    }
    md.push('\n');
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_leave_the_authorization_header() {
        assert_eq!(
            redact_header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/b, SignedHeaders=host, Signature=abc123"
            )
            .as_deref(),
            Some("AWS4-HMAC-SHA256 Credential=AKID…/b, SignedHeaders=host, Signature=[redacted]")
        );
        assert_eq!(redact_header("Cookie", "a=b"), None);
        assert_eq!(
            redact_url("https://h/?a=1&X-Amz-Signature=ff&x-amz-security-token=t%2B&X-Amz-Credential=AKIDEXAMPLE%2F2015#f"),
            "https://h/?a=1&X-Amz-Signature=[redacted]&x-amz-security-token=[redacted]&X-Amz-Credential=AKID…%2F2015#f"
        );
    }

    #[test]
    fn markdown_helpers() {
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert!(fence("", "```\n").starts_with("````\n"));
        assert_eq!(prose("a*b <c>"), "a\\*b \\<c\\>");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn previews_cut_at_a_character() {
        let body = "é".repeat(BODY_PREVIEW_BYTES);
        match preview(body.as_bytes()) {
            Preview::Text { shown, total } => {
                assert_eq!(shown.len(), BODY_PREVIEW_BYTES);
                assert_eq!(total, body.len());
            }
            _ => panic!("text expected"),
        }
        let odd = format!("a{}", "é".repeat(BODY_PREVIEW_BYTES));
        match preview(odd.as_bytes()) {
            Preview::Text { shown, .. } => assert_eq!(shown.len(), BODY_PREVIEW_BYTES - 1),
            _ => panic!("text expected"),
        }
        assert!(matches!(preview(&[0xff, 0xfe]), Preview::Binary(2)));
    }
}
