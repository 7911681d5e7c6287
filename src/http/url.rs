//! Splitting an absolute URL into scheme, host, port, path and query, keeping the path byte for byte.
//!
//! The `url` crate applies the WHATWG URL standard, which removes dot
//! segments and re-encodes the path; SigV4 test cases such as
//! `get-slash-dot-slash-unnormalized` need the path exactly as written, so
//! this small splitter is ours, and every layer splits URLs with it.

use std::ops::Range;

use crate::text::{describe_char, quoted};

/// The parts of an absolute http(s) URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlParts {
    /// `http` or `https`, lowercased.
    pub scheme: String,
    /// The host as written (lowercase it for comparisons).
    pub host: String,
    pub port: Option<u16>,
    /// The path as written, `/` when empty.
    pub path: String,
    /// The query without `?`, as written (`None` when there is no `?`).
    pub query: Option<String>,
}

impl UrlParts {
    /// `host` or `host:port` when the port is not the scheme's default, as the Host header carries it.
    pub fn authority(&self) -> String {
        match self.port {
            Some(443) if self.scheme == "https" => self.host.clone(),
            Some(80) if self.scheme == "http" => self.host.clone(),
            Some(p) => format!("{}:{}", self.host, p),
            None => self.host.clone(),
        }
    }
}

/// Why a URL cannot be split: a sentence (no capital, no period, to go inside another one) and
/// the byte span of the offending part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlError {
    pub message: String,
    pub span: Range<usize>,
}

fn fail<T>(message: impl Into<String>, span: Range<usize>) -> Result<T, UrlError> {
    Err(UrlError {
        message: message.into(),
        span,
    })
}

/// Splits `url` (surrounding whitespace ignored; `https://` assumed when no scheme is given).
pub fn split(url: &str) -> Result<UrlParts, UrlError> {
    let lead = url.len() - url.trim_start().len();
    let trimmed = url.trim();
    let end_all = lead + trimmed.len();
    if trimmed.is_empty() {
        return fail("the URL is empty", 0..url.len());
    }
    let (scheme, rest_start) = match trimmed.find("://") {
        Some(i) => {
            let scheme = trimmed[..i].to_ascii_lowercase();
            if scheme != "http" && scheme != "https" {
                return fail(
                    format!(
                        "the URL scheme {} is not http or https",
                        quoted(&trimmed[..i])
                    ),
                    lead..lead + i,
                );
            }
            (scheme, lead + i + 3)
        }
        None => ("https".to_string(), lead),
    };
    let rest = &url[rest_start..end_all];
    let auth_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..auth_len];
    // Drop any user:password@ part; AWS never reads it.
    let (auth_off, host_port) = match authority.rfind('@') {
        Some(i) => (i + 1, &authority[i + 1..]),
        None => (0, authority),
    };
    let host_start = rest_start + auth_off;
    let (host, port_text) = if let Some(stripped) = host_port.strip_prefix('[') {
        match stripped.find(']') {
            Some(i) => {
                let after = &stripped[i + 1..];
                (&host_port[..i + 2], after.strip_prefix(':'))
            }
            None => {
                return fail(
                    "the IPv6 address in the URL has no closing ']'",
                    host_start..host_start + host_port.len(),
                )
            }
        }
    } else {
        match host_port.rfind(':') {
            Some(i) => (&host_port[..i], Some(&host_port[i + 1..])),
            None => (host_port, None),
        }
    };
    if host.is_empty() {
        return fail(
            "the URL has no host name",
            host_start..host_start + host_port.len(),
        );
    }
    if !host.starts_with('[') {
        if let Some(i) = host.find(':') {
            let at = host_start + i;
            return fail("the host name contains ':'; an IPv6 address goes in brackets, as in http://[::1]:8080/", at..at + 1);
        }
    }
    if let Some(bad) = host.char_indices().find(|&(_, c)| {
        !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '[' | ']' | ':' | '%'))
    }) {
        let at = host_start + bad.0;
        return fail(
            format!(
                "the host name contains {}, which cannot appear in a host name",
                describe_char(bad.1)
            ),
            at..at + bad.1.len_utf8(),
        );
    }
    let port = match port_text {
        None => None,
        Some(p) => {
            let p_start = host_start + host.len() + 1;
            match p.parse::<u16>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    return fail(
                        format!("the port {} is not a number from 1 to 65535", quoted(p)),
                        p_start..p_start + p.len(),
                    )
                }
            }
        }
    };
    let tail = &rest[auth_len..];
    let tail = tail.split('#').next().unwrap_or("");
    let (path, query) = match tail.find('?') {
        Some(i) => (&tail[..i], Some(tail[i + 1..].to_string())),
        None => (tail, None),
    };
    Ok(UrlParts {
        scheme,
        host: host.to_string(),
        port,
        path: if path.is_empty() {
            "/".to_string()
        } else {
            path.to_string()
        },
        query,
    })
}

/// The authority of `url` exactly as written (`host`, `host:port`, `user@host`): the text between
/// `://` and the first `/` or `?`, or nothing when the URL has no scheme.
pub fn raw_authority(url: &str) -> &str {
    url.split("://")
        .nth(1)
        .unwrap_or("")
        .split(['/', '?'])
        .next()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_path_as_written() {
        let p = split("https://example.amazonaws.com/./a/../b c/%41?x=1#frag").unwrap();
        assert_eq!(p.path, "/./a/../b c/%41");
        assert_eq!(p.query.as_deref(), Some("x=1"));
        assert_eq!(p.host, "example.amazonaws.com");
    }

    #[test]
    fn port_and_default_authority() {
        assert_eq!(split("https://h:443/").unwrap().authority(), "h");
        assert_eq!(split("http://h:8080").unwrap().authority(), "h:8080");
        assert_eq!(split("http://h:8080").unwrap().path, "/");
    }

    #[test]
    fn bad_port_points_at_it() {
        let UrlError { message: msg, span } = split("https://h:99999/").unwrap_err();
        assert!(msg.contains("99999"), "{msg}");
        assert_eq!(span, 10..15);
    }
}
