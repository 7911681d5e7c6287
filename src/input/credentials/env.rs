//! Shell variables as people paste them: bash/zsh `export AWS_…=`, PowerShell `$Env:AWS_…=`,
//! fish `set -gx AWS_… value`, Windows `set AWS_…=` and `setx AWS_… value`. The statements are
//! recognised here; their values are read by the shell lexer's dialects (`input::shell`).

use std::ops::Range;

use super::error;
use crate::input::shell::{self, Dialect};
use crate::input::ParseError;

/// One assignment: the variable's name, its value, and where the value is in the text.
pub(super) type Assignment = (String, String, Range<usize>);

/// Whether a line is a shell statement (`export`, `set`, `setx`, `declare`, `typeset`,
/// `$Env:`) rather than an INI `key = value` line.
pub(super) fn is_shell_statement(s: &str) -> bool {
    let (w, _, _) = first_token(s);
    let w = w.to_ascii_lowercase();
    ["export", "set", "setx", "declare", "typeset"].contains(&w.as_str()) || w.starts_with("$env:")
}

/// The assignments of the shell statements on one line, which may share it (`export A=1;
/// export B=2`); `None` for a statement that is not an assignment. `s` starts at byte `off` of
/// `text` and runs to the end of the line's content, `line_span`.
pub(super) fn statements(
    text: &str,
    s: &str,
    off: usize,
    line_span: &Range<usize>,
) -> Result<Vec<Option<Assignment>>, ParseError> {
    let mut pairs = Vec::new();
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
    Ok(pairs)
}

/// Reads the value written as `v`, which starts at byte `at` of `text`, by `dialect`'s
/// quoting: the value and its span (quotes included).
fn read_value(
    text: &str,
    v: &str,
    at: usize,
    dialect: Dialect,
) -> Result<(String, Range<usize>), ParseError> {
    let word = shell::value(text, at..at + v.len(), dialect).map_err(|e| {
        error(
            text,
            e.span,
            format!(
                "the {} opened here is never closed on its line",
                e.quote.as_str()
            ),
        )
    })?;
    Ok((word.text(), word.span))
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
fn assignment(text: &str, s: &str, off: usize) -> Result<Option<Assignment>, ParseError> {
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
        let (value, span) = read_value(text, v, v_off, Dialect::PowerShell)?;
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
        // setx reads its arguments by the C runtime's rules (cmd's second pass), which agree
        // with bash's on plain words and on "..." without backslashes; the value has always
        // been read with bash's quoting (`C:\a` is `C:a`), and still is.
        let (value, span) = read_value(text, value_text, v_off, Dialect::Bash)?;
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
            let (value, span) = read_value(text, value_text, v_off, Dialect::Fish)?;
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
        let (value, span) = read_value(text, value, v_off, Dialect::Cmd)?;
        return Ok(Some((name.to_string(), value, span)));
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
    let (value, span) = read_value(text, &s[eq + 1..], off + eq + 1, Dialect::Bash)?;
    Ok(Some((name.to_string(), value, span)))
}
