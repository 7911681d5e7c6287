//! "Paste anything": one paste (a request, credentials, AWS's answer, or a whole terminal
//! scrollback with all of them) cut into its parts, each with what it was read as and where it
//! is, so the page can route each to its box and say so.
//!
//! The cutting looks at the shape of lines only; each part is then parsed by its own parser,
//! which reports its own errors. Nothing is dropped: lines no part claims are listed.

use std::ops::Range;

use crate::text::{lines, Line};

/// What a part of a paste is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A curl command, a raw HTTP request or a URL.
    Request,
    /// A profile block, `export AWS_…` lines, or STS / export-credentials JSON.
    Credentials,
    /// What AWS answered: XML, JSON, an HTTP response, or a tool's error line.
    AwsAnswer,
}

impl Kind {
    /// The words the page says it in: "the request", "credentials", "AWS's answer".
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Request => "the request",
            Kind::Credentials => "credentials",
            Kind::AwsAnswer => "AWS's answer",
        }
    }
}

/// One part of a paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub kind: Kind,
    /// The form it has, in a few words ("curl command", "export lines", "XML error", ...).
    pub form: &'static str,
    /// Byte offsets into the paste.
    pub span: Range<usize>,
    /// 1-based first and last line.
    pub lines: (usize, usize),
    /// The part as its box takes it: shell prompts before commands removed.
    pub text: String,
}

/// A paste cut into parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Routed {
    pub parts: Vec<Part>,
    /// Lines that are not blank and that no part claims (1-based), e.g. shell output.
    pub unread: Vec<usize>,
}

impl Routed {
    /// The first part of `kind`, if any.
    pub fn first(&self, kind: Kind) -> Option<&Part> {
        self.parts.iter().find(|p| p.kind == kind)
    }
}

/// A shell prompt before a command (`$ `, `% `, `PS C:\> `, `user@host:~$ `), if there is one.
fn strip_prompt(line: &str) -> &str {
    let t = line.trim_start();
    for p in ["$ ", "% ", "> ", "# "] {
        if let Some(rest) = t.strip_prefix(p) {
            return rest.trim_start();
        }
    }
    // `user@host:~/dir$ curl …` and `PS C:\Users\x> curl …`
    if let Some(i) = t.find("$ ").or_else(|| t.find("> ")) {
        let (head, rest) = t.split_at(i + 2);
        let prompt = head.trim_end();
        if !prompt.contains(char::is_whitespace) || prompt.starts_with("PS ") {
            return rest.trim_start();
        }
    }
    t
}

/// Whether `line` is a command after a shell prompt (`$ `, `% `, `user@host:~$ `, `PS C:\> `):
/// the end of whatever printout came before it. `# ` and `> ` are left out: a body or a
/// message may begin with them.
fn is_prompted(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with("$ ") || t.starts_with("% ") {
        return true;
    }
    match t.find("$ ").or_else(|| t.find("> ")) {
        Some(i) => {
            let head = &t[..i + 1];
            (head.contains('@') && !head.contains(char::is_whitespace))
                || (head.starts_with("PS ") && head.ends_with('>'))
        }
        None => false,
    }
}

fn is_curl(line: &str) -> bool {
    let cmd = strip_prompt(line);
    let word = cmd.split_whitespace().next().unwrap_or("");
    let word = word.trim_matches(['"', '\'', '^']).to_ascii_lowercase();
    let program = word.rsplit(['/', '\\']).next().unwrap_or("");
    program == "curl" || program == "curl.exe"
}

/// `GET /path HTTP/1.1`, or with an absolute URL as the target.
fn is_request_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let (Some(method), Some(_target), Some(version)) = (words.next(), words.next(), words.next())
    else {
        return false;
    };
    words.next().is_none()
        && !method.is_empty()
        && method.bytes().all(|b| b.is_ascii_uppercase())
        && version.starts_with("HTTP/")
}

fn is_url(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !t.contains(char::is_whitespace)
}

fn is_env_line(line: &str) -> bool {
    let t = strip_prompt(line);
    let lower = t.to_ascii_lowercase();
    let rest = [
        "export ", "set -gx ", "set -x ", "set -g ", "set ", "setx ", "$env:", "env ",
    ]
    .iter()
    .find_map(|p| lower.strip_prefix(p))
    .unwrap_or(&lower);
    rest.trim_start().starts_with("aws_")
}

fn is_ini_header(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('[') && t.ends_with(']') && t.len() > 2 && !t.contains(char::is_whitespace)
        || t.starts_with("[profile ")
}

fn is_ini_entry(line: &str) -> bool {
    let t = line.trim();
    t.is_empty()
        || t.starts_with('#')
        || t.starts_with(';')
        || t.split_once('=')
            .is_some_and(|(k, _)| !k.trim().is_empty() && !k.trim().contains(char::is_whitespace))
}

/// A line a tool prints for an AWS error (botocore, the Go and Java SDKs, ...).
fn is_tool_error_line(line: &str) -> bool {
    let t = line.trim();
    crate::input::aws_error::wrapped::answer_line(t)
        || t.starts_with("HTTP/1.1 4")
        || t.starts_with("HTTP/2 4")
        || t.starts_with("HTTP/1.1 5")
}

/// Whether `line` goes on a program's printout that an earlier line started: a stack frame or
/// an indented field (`    at …`, `\tat …`, `  '$metadata': {`), PowerShell's `At line:1` and
/// `+ ~~~`, the `}` closing Node's inspection, Go's `exit status 1`.
fn continues_printout(line: &str) -> bool {
    line.starts_with([' ', '\t'])
        || line.starts_with("At ")
        || line.starts_with("+ ")
        || line == "}"
        || line.starts_with("exit status ")
}

/// Where the JSON object opened at `from` (a line starting with `{`) closes: the index of the
/// line holding its last brace, by counting braces outside strings.
fn json_end(all: &[Line<'_>], from: usize) -> usize {
    let mut depth = 0i32;
    let (mut in_string, mut escaped) = (false, false);
    for (i, line) in all.iter().enumerate().skip(from) {
        for c in line.content.chars() {
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
        }
        if depth <= 0 {
            return i;
        }
    }
    all.len().saturating_sub(1)
}

/// The last line of an XML document opened at `from`, by its root element's closing tag.
fn xml_end(all: &[Line<'_>], from: usize) -> usize {
    // The root is the first element that is not the XML declaration.
    let mut root = None;
    for line in &all[from..] {
        let mut rest = line.content;
        while let Some(i) = rest.find('<') {
            let tag = &rest[i + 1..];
            if tag.starts_with('?') || tag.starts_with('!') {
                rest = &rest[i + 1..];
                continue;
            }
            let name: String = tag
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            root = Some(name);
            break;
        }
        if root.is_some() {
            break;
        }
    }
    let Some(root) = root.filter(|r| !r.is_empty()) else {
        return from;
    };
    let close = format!("</{root}>");
    all.iter()
        .enumerate()
        .skip(from)
        .find(|(_, l)| l.content.contains(&close))
        .map_or(all.len() - 1, |(i, _)| i)
}

/// Whether a JSON object reads as credentials rather than an answer.
fn json_is_credentials(text: &str) -> bool {
    text.contains("\"AccessKeyId\"") || text.contains("\"aws_access_key_id\"")
}

fn json_is_answer(text: &str) -> bool {
    [
        "\"__type\"",
        "\"Code\"",
        "\"code\"",
        "\"message\"",
        "\"Message\"",
        "\"Error\"",
    ]
    .iter()
    .any(|k| text.contains(k))
}

/// Cuts `paste` into its parts.
pub fn route(paste: &str) -> Routed {
    let all = lines(paste);
    let mut out = Routed::default();
    let mut i = 0;
    let push = |out: &mut Routed, kind, form, from: usize, to: usize| {
        let start = all[from].start;
        let end = all[to].start + all[to].content.len();
        // Prompts go: on every line of environment lines, on the first of a command.
        let text = all[from..=to]
            .iter()
            .enumerate()
            .map(|(n, l)| {
                if form == "environment variables" || (n == 0 && form == "curl command") {
                    strip_prompt(l.content)
                } else {
                    l.content
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        out.parts.push(Part {
            kind,
            form,
            span: start..end,
            lines: (from + 1, to + 1),
            text,
        });
    };
    while i < all.len() {
        let line = all[i].content;
        let t = line.trim();
        if t.is_empty() {
            i += 1;
            continue;
        }
        if is_curl(line) {
            // Continued lines (\ in bash, ^ in cmd, ` in PowerShell) and quotes left open.
            let mut end = i;
            let mut open = quote_balance(line);
            while end + 1 < all.len() {
                let l = all[end].content.trim_end();
                let continued = l.ends_with('\\') || l.ends_with('^') || l.ends_with('`');
                if !(continued || open) {
                    break;
                }
                end += 1;
                open ^= quote_balance(all[end].content);
            }
            push(&mut out, Kind::Request, "curl command", i, end);
            i = end + 1;
            continue;
        }
        if is_request_line(t) {
            // Headers up to the blank line, then a body up to the next blank line.
            // A command after a prompt ends either (the next command of a scrollback).
            let goes_on = |j: usize| {
                j < all.len() && !all[j].content.trim().is_empty() && !is_prompted(all[j].content)
            };
            let mut end = i;
            while goes_on(end + 1) {
                end += 1;
            }
            let mut body_end = end + 1;
            if body_end < all.len()
                && all[body_end].content.trim().is_empty()
                && goes_on(body_end + 1)
            {
                body_end += 1;
                while goes_on(body_end + 1) {
                    body_end += 1;
                }
                end = body_end;
            }
            push(&mut out, Kind::Request, "raw HTTP request", i, end);
            i = end + 1;
            continue;
        }
        if t.starts_with("HTTP/")
            && t.split_whitespace()
                .nth(1)
                .is_some_and(|c| c.bytes().all(|b| b.is_ascii_digit()))
        {
            // A response: status line, headers, a blank line, the body.
            let mut end = i;
            while end + 1 < all.len() && !all[end + 1].content.trim().is_empty() {
                end += 1;
            }
            if end + 2 < all.len() {
                let body = end + 2;
                let body_t = all[body].content.trim_start();
                end = if body_t.starts_with('<') {
                    xml_end(&all, body)
                } else if body_t.starts_with('{') {
                    json_end(&all, body)
                } else {
                    body
                };
            }
            push(&mut out, Kind::AwsAnswer, "HTTP response", i, end);
            i = end + 1;
            continue;
        }
        if t.starts_with('<') {
            let end = xml_end(&all, i);
            push(&mut out, Kind::AwsAnswer, "XML error", i, end);
            i = end + 1;
            continue;
        }
        if t.starts_with('{') {
            let end = json_end(&all, i);
            let text = &paste[all[i].start..all[end].start + all[end].content.len()];
            if json_is_credentials(text) {
                push(&mut out, Kind::Credentials, "credentials JSON", i, end);
            } else if json_is_answer(text) {
                push(&mut out, Kind::AwsAnswer, "JSON error", i, end);
            } else {
                out.unread.extend(i + 1..=end + 1);
            }
            i = end + 1;
            continue;
        }
        if is_env_line(line) {
            let mut end = i;
            while end + 1 < all.len() && is_env_line(all[end + 1].content) {
                end += 1;
            }
            push(&mut out, Kind::Credentials, "environment variables", i, end);
            i = end + 1;
            continue;
        }
        if is_ini_header(t) {
            let mut end = i;
            while end + 1 < all.len()
                && (is_ini_entry(all[end + 1].content)
                    || is_ini_header(all[end + 1].content.trim()))
                && !all[end + 1].content.trim().is_empty()
            {
                end += 1;
            }
            let text = &paste[all[i].start..all[end].start + all[end].content.len()];
            if text.to_ascii_lowercase().contains("aws_access_key_id") {
                push(&mut out, Kind::Credentials, "profile block", i, end);
            } else {
                out.unread.extend(i + 1..=end + 1);
            }
            i = end + 1;
            continue;
        }
        if is_tool_error_line(t) {
            let mut end = i;
            while end + 1 < all.len()
                && !all[end + 1].content.trim().is_empty()
                && continues_printout(all[end + 1].content)
            {
                end += 1;
            }
            push(&mut out, Kind::AwsAnswer, "error message", i, end);
            i = end + 1;
            continue;
        }
        if is_url(t) {
            push(&mut out, Kind::Request, "URL", i, i);
            i += 1;
            continue;
        }
        out.unread.push(i + 1);
        i += 1;
    }
    out
}

/// Whether `line` leaves a single or double quote open (an odd number of unescaped quotes of
/// the kind opened first), so the command goes on on the next line.
fn quote_balance(line: &str) -> bool {
    let mut open: Option<char> = None;
    let mut escaped = false;
    for c in line.chars() {
        match open {
            Some('\'') => {
                if c == '\'' {
                    open = None;
                }
            }
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    open = None;
                }
            }
            None => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '\'' || c == '"' {
                    open = Some(c);
                }
            }
        }
    }
    open.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCROLLBACK: &str = r#"alice@laptop:~/work$ export AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE
alice@laptop:~/work$ export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
alice@laptop:~/work$ curl 'https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15' \
  -H 'Accept: application/xml' \
  --aws-sigv4 'aws:amz:us-east-1:sts' --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"
<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>InvalidClientTokenId</Code>
    <Message>The security token included in the request is invalid.</Message>
  </Error>
  <RequestId>9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0</RequestId>
</ErrorResponse>
alice@laptop:~/work$ ls
notes.txt
"#;

    #[test]
    fn a_scrollback_is_cut_into_its_parts() {
        let r = route(SCROLLBACK);
        let kinds: Vec<(Kind, &str, (usize, usize))> =
            r.parts.iter().map(|p| (p.kind, p.form, p.lines)).collect();
        assert_eq!(
            kinds,
            [
                (Kind::Credentials, "environment variables", (1, 2)),
                (Kind::Request, "curl command", (3, 5)),
                (Kind::AwsAnswer, "XML error", (6, 13)),
            ]
        );
        assert_eq!(r.unread, [14, 15]);
        let curl = &r.first(Kind::Request).unwrap().text;
        assert!(curl.ends_with("$AWS_SECRET_ACCESS_KEY\""), "{curl}");
        // Each part reads with its own parser.
        assert!(crate::input::parse_request(curl).is_ok());
        let creds = &r.first(Kind::Credentials).unwrap().text;
        assert!(
            crate::input::credentials::parse(creds, None).is_ok(),
            "{creds}"
        );
        let answer = &r.first(Kind::AwsAnswer).unwrap().text;
        let err = crate::input::aws_error::decode(answer).unwrap();
        assert_eq!(err.code.as_deref(), Some("InvalidClientTokenId"));
    }

    /// The next command ends a raw HTTP request's body (and its headers), as in `cat req.http`
    /// followed by `aws sts …`; a body line that merely starts with `# ` does not.
    #[test]
    fn a_prompt_ends_a_raw_request() {
        let paste = "$ cat req.http\nPOST / HTTP/1.1\nHost: sts.amazonaws.com\n\nAction=GetCallerIdentity\n$ aws sts get-caller-identity\n\nAn error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided.\n";
        let r = route(paste);
        let kinds: Vec<(Kind, (usize, usize))> =
            r.parts.iter().map(|p| (p.kind, p.lines)).collect();
        assert_eq!(kinds, [(Kind::Request, (2, 5)), (Kind::AwsAnswer, (8, 8))]);
        assert_eq!(r.unread, [1, 6]);
        let prompted = "POST / HTTP/1.1\nHost: h\nuser@box:~/x$ ls\n";
        assert_eq!(route(prompted).parts[0].lines, (1, 2));
        let markdown = "POST / HTTP/1.1\nHost: h\n\n# Title\nbody\n";
        assert_eq!(route(markdown).parts[0].lines, (1, 5));
        assert!(is_prompted("PS C:\\Users\\me> aws sts get-caller-identity"));
        assert!(!is_prompted("> quoted"));
        assert!(!is_prompted("a=1&b=$ 2"));
    }

    #[test]
    fn each_form_alone_is_read() {
        let cases: [(&str, Kind, &str); 9] = [
            ("https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Signature=0", Kind::Request, "URL"),
            ("GET /?Action=ListUsers&Version=2010-05-08 HTTP/1.1\nHost: iam.amazonaws.com\n\n", Kind::Request, "raw HTTP request"),
            ("[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = x\n", Kind::Credentials, "profile block"),
            ("{\n  \"Credentials\": {\n    \"AccessKeyId\": \"ASIA\",\n    \"SecretAccessKey\": \"x\"\n  }\n}", Kind::Credentials, "credentials JSON"),
            ("{\"__type\":\"UnrecognizedClientException\",\"message\":\"The security token included in the request is invalid.\"}", Kind::AwsAnswer, "JSON error"),
            ("An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired", Kind::AwsAnswer, "error message"),
            ("HTTP/1.1 403 Forbidden\nx-amzn-RequestId: 1\n\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", Kind::AwsAnswer, "HTTP response"),
            ("$Env:AWS_ACCESS_KEY_ID=\"AKIDEXAMPLE\"\n$Env:AWS_SECRET_ACCESS_KEY=\"x\"", Kind::Credentials, "environment variables"),
            ("curl -X POST https://sqs.eu-west-1.amazonaws.com/ --data 'Action=ListQueues\n&Version=2012-11-05'", Kind::Request, "curl command"),
        ];
        for (text, kind, form) in cases {
            let r = route(text);
            assert_eq!(r.parts.len(), 1, "{text}: {:?}", r.parts);
            assert_eq!((r.parts[0].kind, r.parts[0].form), (kind, form), "{text}");
            assert!(r.unread.is_empty(), "{text}: {:?}", r.unread);
        }
    }

    #[test]
    fn nothing_recognisable_is_listed_as_unread() {
        let r = route("hello\n\nworld {not json\n");
        assert!(r.parts.is_empty());
        assert_eq!(r.unread, [1, 3]);
        assert_eq!(route(""), Routed::default());
    }
}
