//! `~/.aws/credentials` and `~/.aws/config` as botocore reads them: `[section]` headers,
//! `key = value` lines, and which profile a paste means.

use std::ops::Range;

use super::{error, Block, Field};
use crate::input::ParseError;
use crate::text::{is_short, quoted, thousands};

/// `[default]`, `[profile dev]` → `Some(Ok(("default"|"dev", ...)))`; not a header → `None`.
pub(super) fn section_header(content: &str) -> Option<Result<(String, usize), &'static str>> {
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
pub(super) fn is_profile_section(name: &str) -> bool {
    !(name.starts_with("sso-session ")
        || name.starts_with("services ")
        || name.starts_with("plugins"))
}

/// INI `key = value` (botocore's config parser: the value is the rest of the line, trimmed).
pub(super) fn ini_pair(s: &str, off: usize) -> Option<(String, String, Range<usize>)> {
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

/// The block a paste means: the one asked for, else `[default]`, else the only one, else the
/// lines under no header.
pub(super) fn choose_block<'a>(
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
