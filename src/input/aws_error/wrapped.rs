//! AWS's answer as a program printed it: the AWS CLI, an SDK's exception, Terraform's box, a
//! CI log, Postman's console or `curl -i`, often inside a whole terminal's scrollback.
//!
//! Each form is read from the program's own message template (the sources are named in
//! `tests/fixtures/aws-errors/wrapped/SOURCES.md`, one fixture per form). A reader takes the
//! code, the message, the HTTP status and the request id where the program printed them, and
//! nothing it did not print: the AWS SDK for Java 2.x, .NET and PowerShell print no code, and
//! none is guessed.

use crate::generated::catalogue::CATALOGUE;

use super::denied::ACCESS_DENIED_CODES;

/// The program that printed AWS's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    AwsCli,
    Boto3,
    /// botocore's `ClientError` wording, without a sign of which program printed it.
    Botocore,
    GoV2,
    GoV1,
    Terraform,
    JavaV1,
    JavaV2,
    JavaScriptV3,
    JavaScriptV2,
    DotNet,
    Rust,
    PowerShell,
    GitHubActions,
    Postman,
    Curl,
}

impl Tool {
    /// A stable id for the JSON report: `aws-cli`, `boto3`, `go-v2`, `java-v1`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Tool::AwsCli => "aws-cli",
            Tool::Boto3 => "boto3",
            Tool::Botocore => "botocore",
            Tool::GoV2 => "go-v2",
            Tool::GoV1 => "go-v1",
            Tool::Terraform => "terraform",
            Tool::JavaV1 => "java-v1",
            Tool::JavaV2 => "java-v2",
            Tool::JavaScriptV3 => "javascript-v3",
            Tool::JavaScriptV2 => "javascript-v2",
            Tool::DotNet => "dotnet",
            Tool::Rust => "rust",
            Tool::PowerShell => "powershell",
            Tool::GitHubActions => "github-actions",
            Tool::Postman => "postman",
            Tool::Curl => "curl",
        }
    }

    /// The program's name as a sentence says it: "the AWS CLI", "the AWS SDK for Java 2.x".
    pub fn name(self) -> &'static str {
        match self {
            Tool::AwsCli => "the AWS CLI",
            Tool::Boto3 => "boto3 (botocore)",
            Tool::Botocore => "botocore (the AWS CLI or boto3)",
            Tool::GoV2 => "the AWS SDK for Go v2",
            Tool::GoV1 => "the AWS SDK for Go v1",
            Tool::Terraform => "Terraform",
            Tool::JavaV1 => "the AWS SDK for Java 1.x",
            Tool::JavaV2 => "the AWS SDK for Java 2.x",
            Tool::JavaScriptV3 => "the AWS SDK for JavaScript v3",
            Tool::JavaScriptV2 => "the AWS SDK for JavaScript v2",
            Tool::DotNet => "the AWS SDK for .NET",
            Tool::Rust => "the AWS SDK for Rust",
            Tool::PowerShell => "AWS Tools for PowerShell",
            Tool::GitHubActions => "a GitHub Actions log",
            Tool::Postman => "Postman's console",
            Tool::Curl => "curl",
        }
    }
}

/// What a program's printout of AWS's answer says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Wrapped {
    pub tool: Option<Tool>,
    /// The program around it: Terraform around the Go SDK, a CI log around the AWS CLI.
    pub within: Option<Tool>,
    pub code: Option<String>,
    pub message: Option<String>,
    pub http_status: Option<u16>,
    pub request_id: Option<String>,
    /// The API operation the program called (`GetCallerIdentity`), when it says.
    pub operation: Option<String>,
    /// Where an XML or JSON error document starts in the paste (its fields are read there).
    pub document: Option<usize>,
}

/// One line of the paste without what a log or a box put before it (a CI timestamp, Terraform's
/// `│ `, the Go logger's date), and where it starts.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    at: usize,
    text: &'a str,
}

/// `2026-03-12T10:02:13.5511208Z ` (a GitHub Actions raw log).
fn ci_stamp(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let date = b.len() > 20
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':';
    if !date {
        return None;
    }
    let z = line.find('Z').filter(|&z| z < 40)?;
    Some(z + 1 + usize::from(line[z + 1..].starts_with(' ')))
}

/// `2026/03/12 14:02:41 ` (Go's standard logger).
fn go_log_stamp(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    (b.len() > 20
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'/'
        && b[7] == b'/'
        && b[10] == b' '
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b' ')
        .then_some(20)
}

/// The paste's lines with the log's and the box's prefixes taken off, and the wrappers seen.
fn lines(text: &str) -> (Vec<Line<'_>>, Option<Tool>) {
    let mut out = Vec::new();
    let mut within = None;
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let mut skip = 0;
        if let Some(n) = ci_stamp(line) {
            skip = n;
            if line[n..].starts_with("##[") {
                within = Some(Tool::GitHubActions);
            }
        } else if let Some(n) = go_log_stamp(line) {
            skip = n;
        }
        let rest = &line[skip..];
        // Terraform's diagnostic box: `╷`, `│ ` before each line, `╵`.
        let rest = if let Some(r) = rest.strip_prefix('│') {
            within = within.or(Some(Tool::Terraform));
            r.strip_prefix(' ').unwrap_or(r)
        } else {
            rest
        };
        out.push(Line {
            at: at + (line.len() - rest.len()),
            text: rest,
        });
        at += raw.len();
    }
    (out, within)
}

/// Whether `word` is an AWS error code this tool knows (the catalogue's, or access denied's).
fn known_code(word: &str) -> bool {
    ACCESS_DENIED_CODES.contains(&word) || CATALOGUE.iter().any(|e| e.codes.contains(&word))
}

/// An error code's shape: `InvalidClientTokenId`, `Sender.Unauthorized`, `ExpiredToken`.
fn code_shaped(word: &str) -> bool {
    word.len() >= 3
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

/// The text between `start` and the next `end` (or the line's end), trimmed.
fn between<'a>(line: &'a str, start: &str, end: &[char]) -> Option<&'a str> {
    let i = line.find(start)? + start.len();
    let rest = &line[i..];
    let e = rest.find(end).unwrap_or(rest.len());
    Some(rest[..e].trim()).filter(|s| !s.is_empty())
}

/// A status code's digits, when they are one.
fn status(text: &str) -> Option<u16> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|s| (100..600).contains(s))
}

/// A Rust `Debug` string literal starting at `text` (after its opening `"`), unescaped.
fn rust_string(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                'u' => {
                    let rest: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    let hex = rest.strip_prefix('{')?;
                    out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// A JavaScript `util.inspect` string after `key: '` (single quotes, `\'` escaped).
fn js_string(line: &str, key: &str) -> Option<String> {
    let i = line.find(key)? + key.len();
    let rest = line[i..].trim_start().strip_prefix(['\'', '"'])?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => return Some(out),
            '\\' => out.push(chars.next()?),
            c => out.push(c),
        }
    }
    None
}

/// Whether one line of a scrollback is (the start of) a program's printout of AWS's answer: the
/// paste router's test. The line's own form decides, or a wording of AWS's that it quotes.
pub fn answer_line(line: &str) -> bool {
    let (l, _) = lines(line);
    let Some(t) = l.first().map(|l| l.text.trim()) else {
        return false;
    };
    let structural = t.contains("An error occurred (")
        || t.contains("api error ")
        || (t.contains(" (Service: ") && t.contains("Status Code: "))
        || t.contains("unhandled error (")
        || t.contains("ErrorMetadata { code: ")
        || t.strip_prefix("##[error]")
            .is_some_and(|m| !m.starts_with("Process completed"))
        || dotnet(&l).is_some()
        || code_colon_message(&l).is_some();
    structural || quotes_aws(t)
}

/// Whether `text` quotes one of AWS's authentication wordings (a catalogue template's fixed
/// start) or IAM's access-denied sentence.
fn quotes_aws(text: &str) -> bool {
    text.contains(" is not authorized to perform")
        || CATALOGUE.iter().any(|e| {
            std::iter::once(e.message)
                .chain(e.variants.iter().copied())
                .map(super::template_prefix)
                .any(|p| p.len() > 20 && text.contains(p))
        })
}

/// Reads a program's printout of AWS's answer. `None` when no form is recognised (the paste is
/// then taken as the message alone).
pub(super) fn read(text: &str) -> Option<Wrapped> {
    let (lines, within) = lines(text);
    let mut w = botocore(&lines)
        .or_else(|| go_v2(&lines))
        .or_else(|| java(&lines))
        .or_else(|| rust(&lines))
        .or_else(|| javascript(&lines))
        .or_else(|| dotnet(&lines))
        .or_else(|| powershell(&lines))
        .or_else(|| document(&lines))
        .or_else(|| ci_error(&lines))
        .or_else(|| ci_retry(&lines))
        .or_else(|| code_colon_message(&lines))
        .or_else(|| quoted(&lines))?;
    if w.within.is_none() && w.tool != within {
        w.within = within;
    }
    if w.tool.is_none() {
        w.tool = w.within.take();
    }
    Some(w)
}

/// A prompt line that ran `program` (`$ aws sts …`, `PS C:\> aws …`, `> aws …`).
fn ran(lines: &[Line], program: &str) -> bool {
    lines.iter().any(|l| {
        let t = l.text.trim_start();
        let command = t
            .strip_prefix("$ ")
            .or_else(|| t.strip_prefix("% "))
            .or_else(|| t.strip_prefix("> "))
            .or_else(|| {
                t.strip_prefix("PS ")
                    .and_then(|r| r.split_once("> ").map(|(_, c)| c))
            })
            .or_else(|| t.strip_prefix("##[group]Run "))
            .unwrap_or("");
        command.split_whitespace().next() == Some(program)
    })
}

/// botocore's `ClientError`: `An error occurred (CODE) when calling the OP operation[ (reached max
/// retries: N)]: MESSAGE`, printed by the AWS CLI (`aws: [ERROR]: ` before it since 2.34) or by
/// a Python traceback (`botocore.exceptions.ClientError: `).
fn botocore(lines: &[Line]) -> Option<Wrapped> {
    const START: &str = "An error occurred (";
    let line = lines.iter().find(|l| l.text.contains(START))?;
    let t = line.text;
    let after = &t[t.find(START)? + START.len()..];
    let (code, rest) = after.split_once(") when calling the ")?;
    let (operation, rest) = rest.split_once(" operation")?;
    let message = rest.split_once(": ").map_or("", |(_, m)| m);
    let tool = if t.contains("aws: [ERROR]:") || ran(lines, "aws") {
        Tool::AwsCli
    } else if t.contains("botocore.exceptions.")
        || t.contains("ClientError: ")
        || lines.iter().any(|l| l.text.starts_with("Traceback ("))
    {
        Tool::Boto3
    } else {
        Tool::Botocore
    };
    Some(Wrapped {
        tool: Some(tool),
        code: Some(code.trim().to_string()).filter(|c| !c.is_empty()),
        message: Some(message.trim().to_string()),
        operation: Some(operation.trim().to_string()).filter(|o| !o.is_empty()),
        ..Wrapped::default()
    })
}

/// smithy-go: `operation error STS: GetCallerIdentity, https response error StatusCode: 403,
/// RequestID: R, api error CODE: MESSAGE`.
fn go_v2(lines: &[Line]) -> Option<Wrapped> {
    const API: &str = "api error ";
    let line = lines.iter().find(|l| l.text.contains(API))?;
    let t = line.text;
    let after = &t[t.find(API)? + API.len()..];
    let (code, message) = after.split_once(": ").unwrap_or((after, ""));
    if !code_shaped(code.trim()) {
        return None;
    }
    let operation = t
        .find("operation error ")
        .and_then(|i| t[i..].split_once(": "))
        .and_then(|(_, r)| r.split(',').next())
        .map(|o| o.trim().to_string());
    Some(Wrapped {
        tool: Some(Tool::GoV2),
        code: Some(code.trim().to_string()),
        message: Some(message.trim().to_string()),
        http_status: between(t, "StatusCode: ", &[',', ' ']).and_then(status),
        request_id: between(t, "RequestID: ", &[',', ' ']).map(str::to_string),
        operation,
        ..Wrapped::default()
    })
}

/// The AWS SDK for Java: `EXCEPTION: MESSAGE (Service: S; Status Code: N; Error Code: C; Request
/// ID: R; Proxy: P)` in 1.x, `EXCEPTION: MESSAGE (Service: S, Status Code: N, Request ID: R)` in
/// 2.x (which prints no code).
fn java(lines: &[Line]) -> Option<Wrapped> {
    const SERVICE: &str = " (Service: ";
    let line = lines
        .iter()
        .find(|l| l.text.contains(SERVICE) && l.text.contains("Status Code: "))?;
    let t = line.text;
    let open = t.rfind(SERVICE)?;
    let head = &t[..open];
    let details = &t[open + 2..];
    // The message follows the exception's class name: `…model.StsException: `.
    let message = head
        .find("Exception: ")
        .map(|i| &head[i + "Exception: ".len()..])
        .unwrap_or(head);
    let v1 = details.contains("; Status Code: ");
    let ends: &[char] = if v1 { &[';', ')'] } else { &[',', ')'] };
    Some(Wrapped {
        tool: Some(if v1 { Tool::JavaV1 } else { Tool::JavaV2 }),
        code: between(details, "Error Code: ", ends).map(str::to_string),
        message: Some(message.trim().to_string()),
        http_status: between(details, "Status Code: ", ends).and_then(status),
        request_id: between(details, "Request ID: ", ends).map(str::to_string),
        ..Wrapped::default()
    })
}

/// The AWS SDK for Rust: `unhandled error (CODE): Error { code: "C", message: "M", aws_request_id:
/// "R" }` (`DisplayErrorContext`) or `ErrorMetadata { code: Some("C"), message: Some("M"), extras:
/// Some({"aws_request_id": "R"}) }` (`{:?}`), with `StatusCode(N)` in the raw response.
fn rust(lines: &[Line]) -> Option<Wrapped> {
    let line = lines.iter().find(|l| {
        l.text.contains("unhandled error (")
            || l.text.contains("ErrorMetadata { code: ")
            || l.text.contains("Error { code: \"")
    })?;
    let t = line.text;
    let field = |key: &str| {
        [format!("{key}: Some(\""), format!("{key}: \"")]
            .iter()
            .find_map(|k| t.find(k.as_str()).map(|i| i + k.len()))
            .and_then(|i| rust_string(&t[i..]))
    };
    let code =
        field("code").or_else(|| between(t, "unhandled error (", &[')']).map(str::to_string));
    let request_id = ["\"aws_request_id\": \"", "aws_request_id: \""]
        .iter()
        .find_map(|k| t.find(k).map(|i| i + k.len()))
        .and_then(|i| rust_string(&t[i..]));
    Some(Wrapped {
        tool: Some(Tool::Rust),
        code,
        message: field("message"),
        http_status: between(t, "StatusCode(", &[')']).and_then(status),
        request_id,
        ..Wrapped::default()
    })
}

/// The AWS SDK for JavaScript: `NAME: MESSAGE` above the stack (`    at …`), then Node's inspection
/// of the error's own fields: v3's `'$metadata': { httpStatusCode: N, requestId: 'R' }` and `Code:
/// 'C'`, v2's `code: 'C'`, `statusCode: N`, `requestId: 'R'`.
fn javascript(lines: &[Line]) -> Option<Wrapped> {
    let frame = |l: &Line| l.text.trim_start().starts_with("at ") && l.text.starts_with(' ');
    let first = lines.iter().position(|l| {
        l.text
            .split_once(": ")
            .is_some_and(|(name, _)| code_shaped(name) && !name.contains('.'))
    })?;
    if !lines.get(first + 1).is_some_and(frame) {
        return None;
    }
    let rest = &lines[first + 1..];
    let v3 = rest
        .iter()
        .any(|l| l.text.contains("'$metadata'") || l.text.contains("$metadata:"));
    let find = |f: &dyn Fn(&str) -> Option<String>| rest.iter().find_map(|l| f(l.text));
    let (name, message) = lines[first].text.split_once(": ")?;
    let code = find(&|t| {
        let t = t.trim_start();
        (t.starts_with("Code: ") || t.starts_with("code: ")).then(|| js_string(t, ": "))?
    })
    .or_else(|| (name != "Error").then(|| name.to_string()));
    let http_status = find(&|t| {
        ["httpStatusCode: ", "statusCode: "]
            .iter()
            .find_map(|k| between(t, k, &[',', ' ']).and_then(status))
            .map(|s| s.to_string())
    })
    .and_then(|s| s.parse().ok());
    Some(Wrapped {
        tool: Some(if v3 {
            Tool::JavaScriptV3
        } else {
            Tool::JavaScriptV2
        }),
        code,
        message: Some(message.trim().to_string()),
        http_status,
        request_id: find(&|t| js_string(t, "requestId: ")),
        ..Wrapped::default()
    })
}

/// The AWS SDK for .NET: the exception's `ToString()`, `Amazon.….SomethingException: MESSAGE`
/// (`Unhandled exception. ` before it when nothing caught it). It prints no code.
fn dotnet(lines: &[Line]) -> Option<Wrapped> {
    lines.iter().find_map(|l| {
        let t = l.text.trim_start();
        let t = t.strip_prefix("Unhandled exception. ").unwrap_or(t);
        let (class, message) = t.split_once(": ")?;
        let dotted = class.starts_with("Amazon.")
            && class.ends_with("Exception")
            && !class.contains(' ')
            && class != "Amazon.Runtime.Internal.HttpErrorResponseException";
        dotted.then(|| Wrapped {
            tool: Some(Tool::DotNet),
            message: Some(message.trim().to_string()),
            ..Wrapped::default()
        })
    })
}

/// PowerShell's verbs that AWS Tools' cmdlets use (`Get-STSCallerIdentity`, `Write-S3Object`).
const VERBS: [&str; 24] = [
    "Add",
    "Approve",
    "Clear",
    "Complete",
    "Confirm",
    "Copy",
    "Disable",
    "Edit",
    "Enable",
    "Get",
    "Import",
    "Initialize",
    "Invoke",
    "Move",
    "New",
    "Publish",
    "Read",
    "Register",
    "Remove",
    "Reset",
    "Send",
    "Set",
    "Start",
    "Stop",
];

/// AWS Tools for PowerShell: `CMDLET : MESSAGE` above `At line:…` (Windows PowerShell's view), or
/// `CMDLET: MESSAGE` (PowerShell 7's concise view). It prints no code.
fn powershell(lines: &[Line]) -> Option<Wrapped> {
    let cmdlet = |name: &str| {
        name.split_once('-').is_some_and(|(verb, noun)| {
            (VERBS.contains(&verb) || ["Update", "Test", "Write", "Use"].contains(&verb))
                && noun.starts_with(|c: char| c.is_ascii_uppercase())
                && noun.chars().all(|c| c.is_ascii_alphanumeric())
        })
    };
    lines.iter().enumerate().find_map(|(i, l)| {
        let (name, message) = l.text.split_once(':')?;
        let name = name.trim_end();
        if !cmdlet(name) || !message.starts_with(' ') {
            return None;
        }
        let normal_view = lines.get(i + 1).is_some_and(|n| n.text.starts_with("At "));
        let concise = !l.text[..l.text.find(':')?].ends_with(' ')
            && (ran(lines, name) || quotes_aws(message));
        (normal_view || concise).then(|| Wrapped {
            tool: Some(Tool::PowerShell),
            message: Some(message.trim().to_string()),
            ..Wrapped::default()
        })
    })
}

/// An XML or JSON error document inside the paste: `curl -i`'s response, Postman's console,
/// the AWS CLI's `--cli-error-format json`, a log with the body in it.
fn document(lines: &[Line]) -> Option<Wrapped> {
    let mut w = Wrapped::default();
    let postman = lines.iter().any(|l| l.text.trim() == "Response Body");
    for (i, l) in lines.iter().enumerate() {
        let t = l.text.trim();
        if t.starts_with("HTTP/") {
            let mut parts = t.split_whitespace();
            if let Some(s) = parts.nth(1).and_then(status) {
                w.http_status = Some(s);
            }
        } else if postman && i < 4 && t.len() == 3 && w.http_status.is_none() {
            w.http_status = status(t);
        }
        if let Some((name, value)) = t.split_once(':') {
            let name = name.trim();
            if ["x-amzn-requestid", "x-amz-request-id"]
                .iter()
                .any(|h| name.eq_ignore_ascii_case(h))
            {
                w.request_id = Some(value.trim().to_string());
            }
        }
        let starts_xml = t.starts_with("<ErrorResponse")
            || t.starts_with("<Error>")
            || t.starts_with("<Error ")
            || (t.starts_with("<?xml")
                && lines.get(i + 1).is_some_and(|n| n.text.contains("<Error")))
            || (t.starts_with("<?xml") && t.contains("<Error"));
        let starts_json = (t == "{" || (t.starts_with("{\"") && t.contains("\":"))) && {
            let ahead: String = lines[i..].iter().take(6).map(|l| l.text).collect();
            ["\"Code\"", "\"Message\"", "\"message\"", "\"__type\""]
                .iter()
                .any(|k| ahead.contains(k))
        };
        if starts_xml || starts_json {
            w.document = Some(l.at + (l.text.len() - l.text.trim_start().len()));
            w.tool = if postman {
                Some(Tool::Postman)
            } else if ran(lines, "curl") {
                Some(Tool::Curl)
            } else if ran(lines, "aws") {
                Some(Tool::AwsCli)
            } else {
                None
            };
            return Some(w);
        }
    }
    None
}

/// What aws-actions/configure-aws-credentials puts before AWS's message.
const CI_WRAPPERS: [&str; 3] = [
    "Credentials could not be loaded, please check your action inputs: ",
    "Could not assume role with OIDC: ",
    "Could not assume role: ",
];

/// A CI step's failure: GitHub Actions' `##[error]MESSAGE` (aws-actions/configure-aws-credentials
/// puts `Credentials could not be loaded, …: ` or `Could not assume role with OIDC: ` before it).
fn ci_error(lines: &[Line]) -> Option<Wrapped> {
    let message = lines.iter().find_map(|l| {
        let m = l.text.strip_prefix("##[error]")?;
        (!m.starts_with("Process completed with exit code")).then_some(m)
    })?;
    let message = CI_WRAPPERS
        .iter()
        .find_map(|w| message.strip_prefix(w))
        .unwrap_or(message);
    Some(Wrapped {
        tool: Some(Tool::GitHubActions),
        message: Some(message.trim().to_string()),
        ..Wrapped::default()
    })
}

/// aws-actions/configure-aws-credentials' retries: `Retry validateCredentials: attempt 1 of 3
/// failed: MESSAGE. Retrying after 31ms.`
fn ci_retry(lines: &[Line]) -> Option<Wrapped> {
    lines.iter().find_map(|l| {
        let rest = l.text.strip_prefix("Retry")?;
        let (_, failed) = rest.split_once(" failed: ")?;
        let message = failed
            .rsplit_once(". Retrying after ")
            .map_or(failed, |(m, _)| m);
        let message = CI_WRAPPERS
            .iter()
            .find_map(|w| message.strip_prefix(w))
            .unwrap_or(message);
        Some(Wrapped {
            tool: Some(Tool::GitHubActions),
            message: Some(message.trim().to_string()),
            ..Wrapped::default()
        })
    })
}

/// `CODE: MESSAGE` with a code AWS uses, anywhere in a line (the AWS SDK for Go v1 and what wraps
/// it: `…: InvalidClientTokenId: The security token … invalid.` then `\tstatus code: 403, request
/// id: R`).
fn code_colon_message(lines: &[Line]) -> Option<Wrapped> {
    lines.iter().enumerate().find_map(|(i, l)| {
        let t = l.text;
        let mut from = 0;
        while let Some(j) = t[from..].find(": ").map(|j| j + from) {
            let word_start = t[..j]
                .char_indices()
                .rev()
                .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '.'))
                .map_or(0, |(s, c)| s + c.len_utf8());
            let word = &t[word_start..j];
            if known_code(word) {
                let next = lines.get(i + 1).map(|n| n.text.trim()).unwrap_or("");
                let go_v1 = next.starts_with("status code: ");
                return Some(Wrapped {
                    tool: go_v1.then_some(Tool::GoV1),
                    code: Some(word.to_string()),
                    message: Some(t[j + 2..].trim().to_string()),
                    http_status: go_v1
                        .then(|| between(next, "status code: ", &[',']).and_then(status))
                        .flatten(),
                    request_id: go_v1
                        .then(|| between(next, "request id: ", &[',', ' ']).map(str::to_string))
                        .flatten(),
                    ..Wrapped::default()
                });
            }
            from = j + 2;
        }
        None
    })
}

/// AWS's wording after something else on a line (`error: deploy failed: The security token …`):
/// the message is taken from where the wording starts. No program is named.
fn quoted(lines: &[Line]) -> Option<Wrapped> {
    lines.iter().find_map(|l| {
        let at = CATALOGUE
            .iter()
            .flat_map(|e| std::iter::once(e.message).chain(e.variants.iter().copied()))
            .map(super::template_prefix)
            .filter(|p| p.len() > 20)
            .filter_map(|p| l.text.find(p))
            .min()?;
        (at > 0).then(|| Wrapped {
            message: Some(l.text[at..].trim().to_string()),
            ..Wrapped::default()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_come_off() {
        let (l, within) =
            lines("2026-03-12T10:02:13.5511208Z ##[error]x\n│ Error: y\n2026/03/12 14:02:41 z\n");
        assert_eq!(
            l.iter().map(|l| l.text).collect::<Vec<_>>(),
            ["##[error]x", "Error: y", "z"]
        );
        assert_eq!(within, Some(Tool::GitHubActions));
        assert_eq!(
            &"2026-03-12T10:02:13.5511208Z ##[error]x\n"[l[0].at..l[0].at + 1],
            "#"
        );
    }

    #[test]
    fn strings_unescape() {
        assert_eq!(
            rust_string(r#"a \"b\" \u{e9}\n" rest"#).as_deref(),
            Some("a \"b\" é\n")
        );
        assert_eq!(rust_string("no end"), None);
        assert_eq!(
            js_string("requestId: 'a\\'b'", "requestId: ").as_deref(),
            Some("a'b")
        );
    }

    #[test]
    fn go_v1_and_an_unknown_wrapper() {
        let w = read("Error: error validating provider credentials: error calling sts:GetCallerIdentity: InvalidClientTokenId: The security token included in the request is invalid.\n\tstatus code: 403, request id: abc-1\n").unwrap();
        assert_eq!(w.tool, Some(Tool::GoV1));
        assert_eq!(w.code.as_deref(), Some("InvalidClientTokenId"));
        assert_eq!(
            w.message.as_deref(),
            Some("The security token included in the request is invalid.")
        );
        assert_eq!(
            (w.http_status, w.request_id.as_deref()),
            (Some(403), Some("abc-1"))
        );
        // A code after a character of more than one byte (the fuzzer's find: a panic once).
        let w = read("\u{FFFD}InvalidClientTokenId: The token is bad.\n").unwrap();
        assert_eq!(w.code.as_deref(), Some("InvalidClientTokenId"));
        assert_eq!(read("opera\u{FFFD}\u{FFFD}tion: x\né: y\n"), None);
        // "Content-Type: text/xml" is neither a code nor a cmdlet.
        assert_eq!(read("Content-Type: text/xml\nAt line 1\n"), None);
        assert_eq!(read("the signature is wrong"), None);
        let w = read("deploy: failed: The security token included in the request is expired\n")
            .unwrap();
        assert_eq!(
            (w.tool, w.message.as_deref()),
            (
                None,
                Some("The security token included in the request is expired")
            )
        );
    }
}
