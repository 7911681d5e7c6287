//! Credentials as people paste them: profile blocks, env exports, STS JSON.
//!
//! Accepted, detected from the text itself:
//! - `~/.aws/credentials` / `~/.aws/config` INI blocks (`[default]`, `[profile dev]`);
//! - shell variables: bash/zsh `export AWS_...=`, PowerShell `$Env:AWS_...=`, fish
//!   `set -gx AWS_... value`, Windows `set AWS_...=` and `setx AWS_... value`;
//! - the JSON of `aws sts assume-role` / `get-session-token` / `get-federation-token`,
//!   `aws configure export-credentials` and `aws sso get-role-credentials`;
//! - the IAM console's `accessKeys.csv` download.

use std::ops::Range;

use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::{Credentials, ParseError, Paste, Secret};
use crate::text::{is_short, lines, quoted, thousands};

fn error(text: &str, span: Range<usize>, message: impl Into<String>) -> ParseError {
    ParseError::new(Paste::Credentials, text, span, message)
}

/// Parses pasted credentials; `profile` picks a block from a credentials file.
pub fn parse(text: &str, profile: Option<&str>) -> Result<Credentials, ParseError> {
    let t = text.trim_start();
    if t.trim_end().is_empty() {
        return Err(error(
            text,
            0..text.len(),
            "the credentials are empty; paste a profile block, export lines or the JSON of aws sts",
        ));
    }
    if t.starts_with('{') || (t.starts_with('[') && serde_json::from_str::<Value>(text).is_ok()) {
        return parse_json(text);
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("access key id,") || lower.starts_with("user name,") {
        return parse_csv(text);
    }
    let blocks = parse_lines(text)?;
    let block = choose_block(text, &blocks, profile)?;
    from_block(text, block)
}

/// The profile names in a pasted `~/.aws/credentials` or `~/.aws/config` text, in order.
pub fn profiles(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in lines(text) {
        if let Some(Ok((name, _))) = section_header(line.content) {
            if is_profile_section(&name) && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

// ---------------------------------------------------------------------------
// Line-based forms: INI profiles and shell variable assignments.

/// Which credential field a key or variable name sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    AccessKeyId,
    Secret,
    Token,
    LegacyToken,
    Expiration,
    Region,
    DefaultRegion,
    /// A key that says the profile gets its keys some other way (role_arn, sso_...).
    Indirect,
    Other,
}

fn field_of(name: &str) -> Field {
    match name.to_ascii_lowercase().as_str() {
        "aws_access_key_id" => Field::AccessKeyId,
        "aws_secret_access_key" => Field::Secret,
        "aws_session_token" => Field::Token,
        "aws_security_token" => Field::LegacyToken,
        "aws_credential_expiration" => Field::Expiration,
        "region" | "aws_region" => Field::Region,
        "aws_default_region" => Field::DefaultRegion,
        "role_arn"
        | "source_profile"
        | "credential_process"
        | "sso_session"
        | "sso_start_url"
        | "sso_account_id"
        | "web_identity_token_file"
        | "credential_source" => Field::Indirect,
        _ => Field::Other,
    }
}

#[derive(Clone, Debug)]
struct Entry {
    field: Field,
    key: String,
    value: String,
    value_span: Range<usize>,
    line_span: Range<usize>,
}

#[derive(Clone, Debug, Default)]
struct Block {
    /// `None` for lines before any `[section]`.
    name: Option<String>,
    header_span: Range<usize>,
    entries: Vec<Entry>,
}

/// `[default]`, `[profile dev]` → `Some(Ok(("default"|"dev", ...)))`; not a header → `None`.
fn section_header(content: &str) -> Option<Result<(String, usize), &'static str>> {
    let t = content.trim();
    let inner = t.strip_prefix('[')?;
    let Some(close) = inner.find(']') else {
        return Some(Err("has no closing ']'"));
    };
    let raw = inner[..close].trim();
    let name = match raw
        .strip_prefix("profile ")
        .or_else(|| raw.strip_prefix("profile\t"))
    {
        Some(n) => n.trim(),
        None => raw,
    };
    if name.is_empty() {
        return Some(Err("has no profile name between '[' and ']'"));
    }
    Some(Ok((name.to_string(), close)))
}

/// Sections of `~/.aws/config` that are not profiles.
fn is_profile_section(name: &str) -> bool {
    !(name.starts_with("sso-session ")
        || name.starts_with("services ")
        || name.starts_with("plugins"))
}

/// How the value after `=` is quoted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// bash, zsh, sh, fish: `'...'`, `"..."` with `\` escapes, bare words.
    Posix,
    /// PowerShell: `'...'` (`''` is a quote), `"..."` with backtick escapes.
    PowerShell,
}

/// Reads one shell word from `s` (which starts at byte `off` of the text).
/// Returns the value and its span (quotes included); stops at unquoted whitespace or `;`.
fn shell_word(
    text: &str,
    s: &str,
    off: usize,
    dialect: Dialect,
) -> Result<(String, Range<usize>), ParseError> {
    let mut out = String::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    let escape = if dialect == Dialect::PowerShell {
        '`'
    } else {
        '\\'
    };
    let mut end = 0;
    while let Some(&(p, c)) = chars.get(i) {
        match c {
            ' ' | '\t' | ';' => break,
            '\'' => {
                let mut j = i + 1;
                loop {
                    match chars.get(j) {
                        None => {
                            return Err(error(
                                text,
                                off + p..off + p + 1,
                                "the single quote opened here is never closed on its line",
                            ))
                        }
                        Some(&(_, '\''))
                            if dialect == Dialect::PowerShell
                                && chars.get(j + 1).map(|c| c.1) == Some('\'') =>
                        {
                            out.push('\'');
                            j += 2;
                        }
                        Some(&(_, '\'')) => break,
                        Some(&(_, ch)) => {
                            out.push(ch);
                            j += 1;
                        }
                    }
                }
                i = j + 1;
            }
            '"' => {
                let mut j = i + 1;
                loop {
                    match chars.get(j) {
                        None => {
                            return Err(error(
                                text,
                                off + p..off + p + 1,
                                "the double quote opened here is never closed on its line",
                            ))
                        }
                        Some(&(_, '"')) => break,
                        Some(&(_, ch)) if ch == escape => {
                            let next = chars.get(j + 1).map(|c| c.1);
                            match next {
                                Some(n)
                                    if dialect == Dialect::PowerShell
                                        || matches!(n, '\\' | '"' | '$' | '`') =>
                                {
                                    out.push(n);
                                    j += 2;
                                }
                                _ => {
                                    out.push(ch);
                                    j += 1;
                                }
                            }
                        }
                        Some(&(_, ch)) => {
                            out.push(ch);
                            j += 1;
                        }
                    }
                }
                i = j + 1;
            }
            c if c == escape => {
                if let Some(&(_, n)) = chars.get(i + 1) {
                    out.push(n);
                }
                i += 2;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
        end = chars.get(i).map_or(s.len(), |c| c.0);
    }
    Ok((out, off..off + end))
}

/// `NAME` of a shell variable: letters, digits and `_`.
fn is_var_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Splits off the first whitespace-separated token: (token, rest, rest's offset in `s`).
fn first_token(s: &str) -> (&str, &str, usize) {
    let end = s.find([' ', '\t']).unwrap_or(s.len());
    let rest = &s[end..];
    let skip = rest.len() - rest.trim_start().len();
    (&s[..end], rest.trim_start(), end + skip)
}

/// Reads the assignment on one line, if it is one: (name, value, value span).
/// `off` is where `s` starts in `text`.
fn assignment(
    text: &str,
    s: &str,
    off: usize,
) -> Result<Option<(String, String, Range<usize>)>, ParseError> {
    let lower = s.to_ascii_lowercase();
    // PowerShell: $Env:NAME = "value"
    if lower.starts_with("$env:") {
        let rest = &s[5..];
        let name_end = rest.find(['=', ' ', '\t']).unwrap_or(rest.len());
        let name = &rest[..name_end];
        let after = rest[name_end..].trim_start();
        let Some(value) = after.strip_prefix('=') else {
            return Ok(None);
        };
        let v = value.trim_start();
        let v_off = off + s.len() - v.len();
        let (value, span) = shell_word(text, v, v_off, Dialect::PowerShell)?;
        return Ok(Some((name.to_string(), value, span)));
    }
    let (word, rest, rest_at) = first_token(s);
    let word_lower = word.to_ascii_lowercase();
    // Windows: setx NAME value
    if word_lower == "setx" {
        let (name, value_text, v_at) = first_token(rest);
        if !is_var_name(name) || value_text.is_empty() {
            return Ok(None);
        }
        let v_off = off + rest_at + v_at;
        let (value, span) = shell_word(text, value_text, v_off, Dialect::Posix)?;
        return Ok(Some((name.to_string(), value, span)));
    }
    if word_lower == "set" {
        if rest.starts_with('-') || !rest.contains('=') {
            // fish: set [-gx|-Ux|-x ...] NAME value
            let mut r = rest;
            let mut r_at = rest_at;
            while r.starts_with('-') {
                let (_, nr, at) = first_token(r);
                r_at += at;
                r = nr;
            }
            let (name, value_text, v_at) = first_token(r);
            if !is_var_name(name) {
                return Ok(None);
            }
            let v_off = off + r_at + v_at;
            let (value, span) = shell_word(text, value_text, v_off, Dialect::Posix)?;
            return Ok(Some((name.to_string(), value, span)));
        }
        // Windows cmd: set NAME=value (verbatim to the end of the line) or set "NAME=value".
        let (body, body_at) = match rest.strip_prefix('"') {
            Some(b) => (b.rfind('"').map_or(b, |q| &b[..q]), rest_at + 1),
            None => (rest, rest_at),
        };
        let Some(eq) = body.find('=') else {
            return Ok(None);
        };
        let name = body[..eq].trim();
        let value = &body[eq + 1..];
        let v_off = off + body_at + eq + 1;
        return Ok(Some((
            name.to_string(),
            value.to_string(),
            v_off..v_off + value.len(),
        )));
    }
    // bash/zsh: [export] NAME=value
    let (s, off) = if word_lower == "export" || word_lower == "declare" || word_lower == "typeset" {
        let mut r = rest;
        let mut r_at = rest_at;
        while r.starts_with('-') {
            let (_, nr, at) = first_token(r);
            r_at += at;
            r = nr;
        }
        (r, off + r_at)
    } else {
        (s, off)
    };
    let Some(eq) = s.find('=') else {
        // `export NAME` marks an existing variable for export; it sets nothing.
        let name = s.trim_end();
        if is_var_name(name) && word_lower == "export" {
            return Ok(Some((
                name.to_string(),
                String::new(),
                off..off + name.len(),
            )));
        }
        return Ok(None);
    };
    let name = &s[..eq];
    if !is_var_name(name) {
        return Ok(None);
    }
    let (value, span) = shell_word(text, &s[eq + 1..], off + eq + 1, Dialect::Posix)?;
    Ok(Some((name.to_string(), value, span)))
}

/// INI `key = value` (botocore's config parser: the value is the rest of the line, trimmed).
fn ini_pair(s: &str, off: usize) -> Option<(String, String, Range<usize>)> {
    let eq = s.find('=')?;
    let key = s[..eq].trim();
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return None;
    }
    let raw = &s[eq + 1..];
    let lead = raw.len() - raw.trim_start_matches([' ', '\t']).len();
    let value = raw.trim_matches([' ', '\t']);
    let start = off + eq + 1 + lead;
    Some((
        key.to_string(),
        value.to_string(),
        start..start + value.len(),
    ))
}

fn parse_lines(text: &str) -> Result<Vec<Block>, ParseError> {
    let mut blocks = vec![Block::default()];
    for line in lines(text) {
        let lead = line.content.len() - line.content.trim_start().len();
        let mut s = line.content.trim_start();
        let mut off = line.start + lead;
        if s.is_empty() || s.starts_with('#') || s.starts_with(';') || s.starts_with("::") {
            continue;
        }
        let lower = s.to_ascii_lowercase();
        if lower == "rem" || lower.starts_with("rem ") || lower.starts_with("@echo") {
            continue;
        }
        // A shell prompt copied along: "$ export ...", "PS C:\> $Env:...", "C:\> set ...".
        if let Some(r) = s.strip_prefix("$ ").or_else(|| s.strip_prefix("% ")) {
            off += s.len() - r.len();
            s = r;
        } else if let Some(i) = s.find("> ") {
            let prompt = &s[..i];
            if prompt.starts_with("PS ")
                || (prompt.len() >= 2 && prompt.as_bytes().get(1) == Some(&b':'))
            {
                off += i + 2;
                s = &s[i + 2..];
            }
        }
        let line_span = line.span();
        if let Some(header) = section_header(s) {
            match header {
                Ok((name, _)) => {
                    let span = off..off + s.trim_end().len();
                    if let Some(existing) = blocks
                        .iter()
                        .position(|b| b.name.as_deref() == Some(name.as_str()))
                    {
                        // [default] in both credentials and config: one profile.
                        let b = blocks.remove(existing);
                        blocks.push(b);
                    } else {
                        blocks.push(Block {
                            name: Some(name),
                            header_span: span,
                            entries: Vec::new(),
                        });
                    }
                }
                Err(what) => {
                    return Err(error(
                        text,
                        line_span,
                        format!("the section header {} {what}", quoted(s.trim_end())),
                    ))
                }
            }
            continue;
        }
        let key_part = s.split('=').next().unwrap_or("");
        let ini_like =
            key_part.chars().any(|c| c.is_ascii_lowercase()) || key_part.ends_with([' ', '\t']);
        let is_shell_keyword = {
            let (w, _, _) = first_token(s);
            let w = w.to_ascii_lowercase();
            ["export", "set", "setx", "declare", "typeset"].contains(&w.as_str())
                || w.starts_with("$env:")
        };
        let mut pairs = Vec::new();
        if ini_like && !is_shell_keyword {
            pairs.push(ini_pair(s, off));
        } else {
            // Shell statements may share a line: `export A=1; export B=2`.
            let (mut s, mut off) = (s, off);
            loop {
                let pair = assignment(text, s, off)?;
                let end = pair.as_ref().map_or(off, |p| p.2.end);
                pairs.push(pair);
                let Some(rest) = text.get(end..line_span.end) else {
                    break;
                };
                let after = rest.trim_start_matches([' ', '\t']);
                let Some(next) = after.strip_prefix(';').map(str::trim_start) else {
                    break;
                };
                if next.is_empty() || next.starts_with('#') {
                    break;
                }
                off = line_span.end - next.len();
                s = next;
            }
        }
        for pair in pairs {
            let Some((key, value, value_span)) = pair else {
                return Err(error(
                    text,
                    line_span,
                    format!(
                        "the line {} is not a [profile] header, a key = value line or an AWS_ variable assignment",
                        quoted(s.trim_end())
                    ),
                ));
            };
            let field = field_of(&key);
            if let Some(block) = blocks.last_mut() {
                block.entries.push(Entry {
                    field,
                    key,
                    value,
                    value_span,
                    line_span: line_span.clone(),
                });
            }
        }
    }
    Ok(blocks)
}

fn choose_block<'a>(
    text: &str,
    blocks: &'a [Block],
    profile: Option<&str>,
) -> Result<&'a Block, ParseError> {
    let named: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.name.as_deref().is_some_and(is_profile_section))
        .collect();
    let loose = blocks
        .iter()
        .find(|b| b.name.is_none() && !b.entries.is_empty());
    if named.is_empty() {
        return match loose {
            Some(b) => Ok(b),
            None => Err(error(text, 0..text.len(), "the credentials hold no keys; paste an aws_access_key_id and aws_secret_access_key")),
        };
    }
    if let Some(b) = loose {
        if b.entries.iter().any(|e| e.field != Field::Other) {
            let span = b.entries.first().map_or(0..0, |e| e.line_span.clone());
            return Err(error(
                text,
                span,
                "this line comes before any [profile] header, so it belongs to no profile; put it under one",
            ));
        }
    }
    let names = some_names(named.iter().filter_map(|b| b.name.as_deref()));
    let first_header = named.first().map_or(0..0, |b| b.header_span.clone());
    if let Some(wanted) = profile {
        let wanted = wanted.trim();
        let wanted = wanted.strip_prefix("profile ").unwrap_or(wanted).trim();
        return named
            .iter()
            .find(|b| b.name.as_deref() == Some(wanted))
            .copied()
            .ok_or_else(|| {
                error(
                    text,
                    first_header,
                    format!(
                        "there is no profile {} here; the profiles are: {names}",
                        quoted(wanted)
                    ),
                )
            });
    }
    if let Some(b) = named.iter().find(|b| b.name.as_deref() == Some("default")) {
        return Ok(b);
    }
    match named.as_slice() {
        [only] => Ok(only),
        _ => Err(error(
            text,
            first_header,
            format!("there are several profiles and none is named default; choose one of: {names}"),
        )),
    }
}

/// How many profile names a message lists before saying how many more there are.
const NAMES_LISTED: usize = 5;

/// Profile names for a message: `a, b, c`, or the first few and "and 4,995 more", each name quoted
/// only as far as [`quoted`] goes when it is long.
fn some_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    let shown: Vec<String> = names
        .iter()
        .take(NAMES_LISTED)
        .map(|n| {
            if is_short(n) {
                n.to_string()
            } else {
                quoted(n)
            }
        })
        .collect();
    match names.len().saturating_sub(NAMES_LISTED) {
        0 => shown.join(", "),
        more => format!("{} and {} more", shown.join(", "), thousands(more)),
    }
}

fn from_block(text: &str, block: &Block) -> Result<Credentials, ParseError> {
    // The last assignment of a name wins, as in a shell or botocore.
    let last = |f: Field| block.entries.iter().rev().find(|e| e.field == f);
    let present = |f: Field| last(f).filter(|e| !e.value.is_empty());
    let (which, has) = match &block.name {
        Some(n) => (format!("the profile {}", quoted(n)), "has"),
        None => ("the pasted credentials".to_string(), "have"),
    };
    let missing_span =
        |f: Field| last(f).map_or(block.header_span.clone(), |e| e.line_span.clone());
    let indirect = block.entries.iter().find(|e| e.field == Field::Indirect);
    let Some(key) = present(Field::AccessKeyId) else {
        if let Some(ind) = indirect {
            return Err(error(
                text,
                ind.line_span.clone(),
                format!(
                    "{which} gets its keys through {} rather than holding them; paste the output of aws configure export-credentials{} instead",
                    ind.key,
                    block.name.as_deref().filter(|n| is_short(n)).map(|n| format!(" --profile {n}")).unwrap_or_default()
                ),
            ));
        }
        return Err(error(
            text,
            missing_span(Field::AccessKeyId),
            format!("{which} {has} no access key id (aws_access_key_id or AWS_ACCESS_KEY_ID)"),
        ));
    };
    let Some(secret) = present(Field::Secret) else {
        return Err(error(
            text,
            missing_span(Field::Secret),
            format!("{which} {has} no secret access key (aws_secret_access_key or AWS_SECRET_ACCESS_KEY)"),
        ));
    };
    let token = present(Field::Token).or_else(|| present(Field::LegacyToken));
    let expiration = match present(Field::Expiration) {
        Some(e) => Some(parse_time(text, &e.value, e.value_span.clone())?),
        None => None,
    };
    let region = present(Field::Region)
        .or_else(|| present(Field::DefaultRegion))
        .map(|e| e.value.trim().to_string());
    Ok(Credentials {
        access_key_id: key.value.clone(),
        secret_access_key: Secret::new(secret.value.clone()),
        session_token: token.map(|t| Secret::new(t.value.clone())),
        expiration,
        region,
    })
}

/// RFC 3339 date-time (section 5.6), as STS `Expiration` is written.
fn parse_time(text: &str, value: &str, span: Range<usize>) -> Result<OffsetDateTime, ParseError> {
    crate::timefmt::parse_rfc3339(value).ok_or_else(|| {
        error(
            text,
            span,
            format!(
                "the expiration {} is not a date and time like 2026-11-26T06:00:00Z",
                quoted(value)
            ),
        )
    })
}

// ---------------------------------------------------------------------------
// JSON from the AWS CLI.

/// A member of a JSON object, matching the name without regard to case
/// (STS writes `AccessKeyId`, SSO writes `accessKeyId`).
fn member<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<(&'a str, &'a Value)> {
    obj.get_key_value(name)
        .or_else(|| obj.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
        .map(|(k, v)| (k.as_str(), v))
}

/// Where `"key"` and, after it, the string `value` sit in the text (best effort).
fn json_span(text: &str, key: &str, value: Option<&str>) -> Range<usize> {
    let quoted_key = serde_json::to_string(key).unwrap_or_default();
    let Some(k) = text.find(&quoted_key) else {
        return 0..0;
    };
    let key_span = k..k + quoted_key.len();
    let Some(v) = value else { return key_span };
    let quoted = serde_json::to_string(v).unwrap_or_default();
    match text.get(key_span.end..).and_then(|rest| rest.find(&quoted)) {
        Some(i) => {
            let start = key_span.end + i + 1;
            start..start + quoted.len().saturating_sub(2)
        }
        None => key_span,
    }
}

fn parse_json(text: &str) -> Result<Credentials, ParseError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        // serde_json reports a 1-based line and column; turn them into a byte offset.
        let line_start = lines(text)
            .get(e.line().saturating_sub(1))
            .map_or(text.len(), |l| l.start);
        let at =
            text.floor_char_boundary((line_start + e.column().saturating_sub(1)).min(text.len()));
        let end = text
            .get(at..)
            .and_then(|r| r.chars().next())
            .map_or(at, |c| at + c.len_utf8());
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        error(text, at..end, format!("the JSON is not valid: {msg}"))
    })?;
    let Some(top) = value.as_object() else {
        return Err(error(
            text,
            0..text.len(),
            "the JSON is not an object like the output of aws sts assume-role",
        ));
    };
    let (obj, wrapper) = match member(top, "Credentials").or_else(|| member(top, "roleCredentials"))
    {
        Some((name, Value::Object(o))) => (o, Some(name)),
        Some((name, _)) => {
            return Err(error(
                text,
                json_span(text, name, None),
                format!("\"{name}\" in the JSON is not an object"),
            ));
        }
        None => (top, None),
    };
    let string =
        |name: &str, required: bool| -> Result<Option<(String, Range<usize>)>, ParseError> {
            match member(obj, name) {
                Some((_, Value::String(s))) if s.is_empty() && required => Err(error(
                    text,
                    json_span(text, name, None),
                    format!("{name} in the JSON is empty"),
                )),
                Some((k, Value::String(s))) => {
                    // Never search for a secret's text in a message; the span alone is fine.
                    Ok(Some((s.clone(), json_span(text, k, Some(s)))))
                }
                Some((_, Value::Null)) | None => Ok(None),
                Some((k, _)) => Err(error(
                    text,
                    json_span(text, k, None),
                    format!("{name} in the JSON is not a string"),
                )),
            }
        };
    let inside = wrapper
        .map(|w| format!(" inside \"{w}\""))
        .unwrap_or_default();
    let missing_span = wrapper.map_or(0..0, |w| json_span(text, w, None));
    let Some((key, _)) = string("AccessKeyId", true)? else {
        return Err(error(
            text,
            missing_span,
            format!(
                "the JSON has no AccessKeyId{inside}; paste the output of aws sts assume-role, get-session-token or aws configure export-credentials"
            ),
        ));
    };
    let Some((secret, _)) = string("SecretAccessKey", true)? else {
        return Err(error(
            text,
            missing_span,
            format!("the JSON has no SecretAccessKey{inside}"),
        ));
    };
    let token = string("SessionToken", false)?
        .map(|(t, _)| t)
        .filter(|t| !t.is_empty());
    let expiration = match member(obj, "Expiration") {
        None | Some((_, Value::Null)) => None,
        Some((k, Value::String(s))) => Some(parse_time(text, s, json_span(text, k, Some(s)))?),
        Some((k, Value::Number(n))) => {
            // `aws sso get-role-credentials` gives milliseconds since the epoch.
            let span = json_span(text, k, None);
            let ms = n.as_i64().ok_or_else(|| {
                error(
                    text,
                    span.clone(),
                    "the expiration in the JSON is not a whole number",
                )
            })?;
            let nanos = if ms.unsigned_abs() > 100_000_000_000 {
                ms as i128 * 1_000_000
            } else {
                ms as i128 * 1_000_000_000
            };
            Some(
                OffsetDateTime::from_unix_timestamp_nanos(nanos)
                    .map_err(|_| error(text, span, "the expiration in the JSON is out of range"))?,
            )
        }
        Some((k, _)) => {
            return Err(error(
                text,
                json_span(text, k, None),
                "the expiration in the JSON is not a date and time",
            ));
        }
    };
    let region = member(top, "Region")
        .and_then(|(_, v)| v.as_str())
        .map(String::from);
    Ok(Credentials {
        access_key_id: key,
        secret_access_key: Secret::new(secret),
        session_token: token.map(Secret::new),
        expiration,
        region,
    })
}

// ---------------------------------------------------------------------------
// The IAM console's accessKeys.csv.

fn parse_csv(text: &str) -> Result<Credentials, ParseError> {
    let rows: Vec<_> = lines(text)
        .into_iter()
        .filter(|l| !l.content.trim().is_empty())
        .collect();
    let Some(header) = rows.first() else {
        return Err(error(text, 0..text.len(), "the credentials are empty"));
    };
    let columns: Vec<String> = header
        .content
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    let col = |name: &str| columns.iter().position(|c| c == name);
    let (Some(k), Some(s)) = (col("access key id"), col("secret access key")) else {
        return Err(error(
            text,
            header.span(),
            "the CSV header has no \"Access key ID\" and \"Secret access key\" columns",
        ));
    };
    let Some(row) = rows.get(1) else {
        return Err(error(
            text,
            header.span(),
            "the CSV has a header line but no line with the keys under it",
        ));
    };
    let cells: Vec<&str> = row.content.split(',').collect();
    let (Some(key), Some(secret)) = (cells.get(k), cells.get(s)) else {
        return Err(error(
            text,
            row.span(),
            "the CSV line has fewer cells than its header",
        ));
    };
    for (cell, what) in [(key, "access key ID"), (secret, "secret access key")] {
        if cell.trim().is_empty() {
            return Err(error(
                text,
                row.span(),
                format!("the CSV line has no {what} in its column"),
            ));
        }
    }
    Ok(Credentials {
        access_key_id: key.to_string(),
        secret_access_key: Secret::new(*secret),
        ..Credentials::default()
    })
}
