//! Credentials as people paste them: profile blocks, env exports, STS JSON.
//!
//! Accepted, detected from the text itself (one file each):
//! - `~/.aws/credentials` / `~/.aws/config` INI blocks (`[default]`, `[profile dev]`):
//!   `profile.rs`;
//! - shell variables: bash/zsh `export AWS_...=`, PowerShell `$Env:AWS_...=`, fish
//!   `set -gx AWS_... value`, Windows `set AWS_...=` and `setx AWS_... value`: `env.rs`;
//! - the JSON of `aws sts assume-role` / `get-session-token` / `get-federation-token`,
//!   `aws configure export-credentials` and `aws sso get-role-credentials`: `json.rs`;
//! - the IAM console's `accessKeys.csv` download: `csv.rs`.
//!
//! Profile blocks and shell lines may be mixed; this file reads them line by line into blocks
//! and turns the chosen block into [`Credentials`].

mod csv;
mod env;
mod json;
mod profile;

use std::ops::Range;

use serde_json::Value;
use time::OffsetDateTime;

use super::{Credentials, ParseError, Paste, Secret};
use crate::text::{is_short, lines, quoted};

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
        return json::parse_json(text);
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("access key id,") || lower.starts_with("user name,") {
        return csv::parse_csv(text);
    }
    let blocks = parse_lines(text)?;
    let block = profile::choose_block(text, &blocks, profile)?;
    from_block(text, block)
}

/// The profile names in a pasted `~/.aws/credentials` or `~/.aws/config` text, in order.
pub fn profiles(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in lines(text) {
        if let Some(Ok((name, _))) = profile::section_header(line.content) {
            if profile::is_profile_section(&name) && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

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

/// Reads the line-based forms, INI profiles and shell assignments, into blocks: the lines
/// under no `[section]` first, then one block per profile.
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
        if let Some(header) = profile::section_header(s) {
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
        let pairs = if ini_like && !env::is_shell_statement(s) {
            vec![profile::ini_pair(s, off)]
        } else {
            env::statements(text, s, off, &line_span)?
        };
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
