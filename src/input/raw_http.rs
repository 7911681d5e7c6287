//! Raw HTTP/1.1 request text (as in the AWS signing test suite's request.txt).

use std::ops::Range;

use super::{Diagnostic, Header, Hints, ParseError, ParsedRequest, Paste, Request, RequestFormat};
use crate::http::query::{self, decode_keep_plus};
use crate::http::url::split;
use crate::http::{header, is_tchar, param, scope_region_service};
use crate::text::{describe_char, is_short, lines, quoted, Line};

fn is_ows(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Region and service from an existing `Authorization: AWS4-HMAC-SHA256 Credential=...` header
/// or a presigned URL's `X-Amz-Credential` query parameter. Malformed values give nothing.
pub(crate) fn scope_hints(headers: &[Header], url: &str) -> Option<(String, String)> {
    for h in headers
        .iter()
        .filter(|h| h.name.trim().eq_ignore_ascii_case(header::AUTHORIZATION))
    {
        let v = h.value.trim_start();
        if !v.starts_with("AWS4-") {
            continue;
        }
        if let Some(i) = v.find("Credential=") {
            let rest = &v[i + "Credential=".len()..];
            let end = rest.find([',', ' ', '\t', '\n']).unwrap_or(rest.len());
            if let Some(found) = scope_region_service(&rest[..end]) {
                return Some(found);
            }
        }
    }
    let query = query::of_url(url)?;
    query::pairs(query)
        .filter(|p| p.key.eq_ignore_ascii_case(param::X_AMZ_CREDENTIAL))
        .find_map(|p| scope_region_service(&decode_keep_plus(p.value)))
}

/// Checks an HTTP version token such as `HTTP/1.1` or `HTTP/2`.
fn is_http_version(v: &str) -> bool {
    let Some(num) = v.strip_prefix("HTTP/") else {
        return false;
    };
    let (major, minor) = match num.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (num, None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    digits(major) && minor.is_none_or(digits)
}

/// Parses a raw HTTP request (RFC 9112 section 3: request-line, header fields, empty line, body).
pub fn parse(text: &str) -> Result<ParsedRequest, ParseError> {
    let err = |span: Range<usize>, msg: String| ParseError::new(Paste::Request, text, span, msg);
    let mut warnings = Vec::new();
    let all = lines(text);
    let mut idx = 0;
    while all.get(idx).is_some_and(|l| l.content.trim().is_empty()) {
        idx += 1;
    }
    let Some(first) = all.get(idx).copied() else {
        return Err(err(0..text.len(), "the request is empty; paste a raw HTTP request such as \"GET / HTTP/1.1\" followed by a Host header".into()));
    };
    if first.content.trim_start().starts_with(':') {
        return parse_pseudo(text, &all, idx);
    }
    idx += 1;

    // RFC 9112 section 3: request-line = method SP request-target SP HTTP-version.
    let lead = first.content.len() - first.content.trim_start().len();
    let content = first.content.trim_start().trim_end_matches(is_ows);
    let base = first.start + lead;
    let method_end = content.find(is_ows).unwrap_or(content.len());
    let method = &content[..method_end];
    if method.starts_with('/') || method.contains("://") {
        return Err(err(
            base..base + method.len(),
            format!(
                "the request line {} has no method; start it with one, as in \"GET {}\"",
                quoted(content),
                if is_short(content) {
                    content
                } else {
                    "/path HTTP/1.1"
                }
            ),
        ));
    }
    if let Some(colon) = method.find(':') {
        if method_end == content.len() || colon + 1 == method.len() {
            return Err(err(
                first.span(),
                format!(
                    "the first line {} looks like a header; the request must start with a request line such as \"GET / HTTP/1.1\"",
                    quoted(content)
                ),
            ));
        }
    }
    if let Some((i, c)) = method.char_indices().find(|&(_, c)| !is_tchar(c)) {
        return Err(err(
            base + i..base + i + c.len_utf8(),
            format!(
                "the method {} contains {}, which cannot appear in an HTTP method",
                quoted(method),
                describe_char(c)
            ),
        ));
    }
    if method.chars().any(|c| c.is_ascii_lowercase()) {
        warnings.push(Diagnostic {
            message: if is_short(method) {
                format!(
                    "the method \"{method}\" is not in upper case; HTTP methods are case-sensitive and AWS expects \"{}\"",
                    method.to_ascii_uppercase()
                )
            } else {
                format!(
                    "the method {} is not in upper case; HTTP methods are case-sensitive and AWS expects upper case",
                    quoted(method)
                )
            },
            span: base..base + method.len(),
        });
    }
    let after = &content[method_end..];
    let tv_off = base + method_end + (after.len() - after.trim_start_matches(is_ows).len());
    let tv = after.trim_start_matches(is_ows);
    if tv.is_empty() {
        return Err(err(
            base..base + content.len(),
            format!(
                "the request line {} has no path after the method, as in \"{} / HTTP/1.1\"",
                quoted(content),
                if is_short(method) { method } else { "GET" }
            ),
        ));
    }
    // The target may hold raw spaces (get-space-unnormalized), so the version is the last " HTTP/" token.
    let version_at = tv
        .rfind(" HTTP/")
        .or_else(|| tv.rfind("\tHTTP/"))
        .map(|i| i + 1)
        .or_else(|| {
            // A line holding only "HTTP/1.1" after the method is a missing target, handled below.
            tv.starts_with("HTTP/").then_some(0)
        });
    let (target, target_off) = match version_at {
        Some(v) => {
            let version = &tv[v..];
            if !is_http_version(version) {
                return Err(err(
                    tv_off + v..tv_off + tv.len(),
                    format!(
                        "the HTTP version {} at the end of the request line is not like HTTP/1.1",
                        quoted(version)
                    ),
                ));
            }
            if v == 0 {
                return Err(err(
                    base..base + content.len(),
                    format!(
                        "the request line {} has no path between the method and the HTTP version",
                        quoted(content)
                    ),
                ));
            }
            (tv[..v].trim_end_matches(is_ows), tv_off)
        }
        None => {
            warnings.push(Diagnostic {
                message: "the request line has no HTTP version (such as HTTP/1.1) at its end; it was read as HTTP/1.1".into(),
                span: base + content.len()..base + content.len(),
            });
            (tv, tv_off)
        }
    };
    let target_span = target_off..target_off + target.len();

    let Fields {
        headers,
        spans: header_spans,
        body_start,
    } = fields(text, &all, idx, false)?;

    let host = headers
        .iter()
        .zip(&header_spans)
        .find(|(h, _)| h.name.eq_ignore_ascii_case("host"))
        .map(|(h, s)| (h.value.clone(), s.1.clone()));
    if let Some((value, span)) = &host {
        check_host(text, value, span.clone())?;
    }

    let lower = target.to_ascii_lowercase();
    let url = if lower.starts_with("http://") || lower.starts_with("https://") {
        split(target).map_err(|e| {
            err(
                target_span.start + e.span.start..target_span.start + e.span.end,
                e.message,
            )
        })?;
        if let (Some((host_value, span)), Ok(parts)) = (&host, split(target)) {
            if !host_value.eq_ignore_ascii_case(&parts.authority())
                && !host_value.eq_ignore_ascii_case(&parts.host)
            {
                warnings.push(Diagnostic {
                    message: format!(
                        "the Host header {} differs from the host {} in the request line",
                        quoted(host_value),
                        quoted(&parts.authority())
                    ),
                    span: span.clone(),
                });
            }
        }
        target.to_string()
    } else if target.starts_with('/') {
        let Some((host_value, _)) = &host else {
            return Err(err(
                first.span(),
                format!(
                    "the request line {} gives only a path, and there is no Host header to say which server it goes to",
                    quoted(content)
                ),
            ));
        };
        format!("https://{host_value}{target}")
    } else {
        return Err(err(
            target_span,
            format!("the request target {} should start with '/' or be a full URL such as https://host/path", quoted(target)),
        ));
    };

    let body = body_from(text, body_start, &headers, &mut warnings);
    let mut hints = Hints::default();
    if let Some((region, service)) = scope_hints(&headers, &url) {
        hints.region = Some(region);
        hints.service = Some(service);
    }
    Ok(ParsedRequest {
        request: Request {
            method: method.to_string(),
            url,
            headers,
            body,
        },
        format: RequestFormat::Http,
        hints,
        warnings,
    })
}

/// The bytes after the empty line. Blank lines alone there (a paste that ends in an extra
/// newline, as `echo` and `jq -r` write) are not a body, unless Content-Length says they are.
fn body_from(
    text: &str,
    body_start: Option<usize>,
    headers: &[Header],
    warnings: &mut Vec<Diagnostic>,
) -> Vec<u8> {
    let Some(start) = body_start else {
        return Vec::new();
    };
    let rest = text.as_bytes().get(start..).unwrap_or_default();
    let declared = headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-length"))
        .and_then(|h| h.value.trim().parse::<usize>().ok());
    if !rest.is_empty()
        && rest.iter().all(|b| *b == b'\n' || *b == b'\r')
        && declared != Some(rest.len())
    {
        warnings.push(Diagnostic {
            message: "the blank lines after the headers were read as the end of the request, not as a body".into(),
            span: start..text.len(),
        });
        return Vec::new();
    }
    rest.to_vec()
}

/// The header section and where the body starts.
struct Fields {
    headers: Vec<Header>,
    /// For each header: its line span and its value span.
    spans: Vec<(Range<usize>, Range<usize>)>,
    body_start: Option<usize>,
}

/// Reads header lines from `all[idx..]` up to the empty line
/// (RFC 9112 section 5: field-line = field-name ":" OWS field-value OWS; section 5.2 obs-fold).
fn fields(text: &str, all: &[Line<'_>], idx: usize, pseudo: bool) -> Result<Fields, ParseError> {
    let err = |span: Range<usize>, msg: String| ParseError::new(Paste::Request, text, span, msg);
    let mut idx = idx;
    let mut headers: Vec<Header> = Vec::new();
    let mut header_spans: Vec<(Range<usize>, Range<usize>)> = Vec::new(); // line span, value span
    let mut body_start = None;
    while let Some(line) = all.get(idx).copied() {
        idx += 1;
        if line.content.trim().is_empty() {
            body_start = Some(line.next);
            break;
        }
        if line.content.starts_with(is_ows) {
            match headers.last_mut() {
                Some(h) => {
                    h.value.push('\n');
                    h.value.push_str(line.content);
                    if let Some(spans) = header_spans.last_mut() {
                        spans.1.end = line.start + line.content.len();
                    }
                    continue;
                }
                None => {
                    return Err(err(
                        line.span(),
                        format!(
                            "the line {} starts with a space, which continues a header, but no header comes before it",
                            quoted(line.content.trim())
                        ),
                    ))
                }
            }
        }
        // HTTP/2 pseudo-headers (":authority: host") have a name that starts with ':'.
        let skip = usize::from(pseudo && line.content.starts_with(':'));
        let Some(colon) = line.content[skip..].find(':').map(|c| c + skip) else {
            return Err(err(
                line.span(),
                format!(
                    "the header line {} has no ':' between name and value",
                    quoted(line.content)
                ),
            ));
        };
        let name = &line.content[..colon];
        if name.len() == skip {
            return Err(err(
                line.start..line.start + 1,
                format!(
                    "the header line {} has no name before ':'",
                    quoted(line.content)
                ),
            ));
        }
        if let Some((i, c)) = name.char_indices().skip(skip).find(|&(_, c)| !is_tchar(c)) {
            let at = line.start + i;
            return Err(err(
                at..at + c.len_utf8(),
                format!(
                    "the header name {} contains {}, which cannot appear in a header name",
                    quoted(name),
                    describe_char(c)
                ),
            ));
        }
        let raw_value = &line.content[colon + 1..];
        let value_lead = raw_value.len() - raw_value.trim_start_matches(is_ows).len();
        let value = raw_value.trim_matches(is_ows);
        let value_start = line.start + colon + 1 + value_lead;
        headers.push(Header::new(name, value));
        header_spans.push((line.span(), value_start..value_start + value.len()));
    }

    Ok(Fields {
        headers,
        spans: header_spans,
        body_start,
    })
}

/// An HTTP/2 header list as browsers show it (RFC 9113 section 8.3.1: `:method`, `:scheme`,
/// `:authority`, `:path`), pasted instead of a request line.
fn parse_pseudo(text: &str, all: &[Line<'_>], idx: usize) -> Result<ParsedRequest, ParseError> {
    let err = |span: Range<usize>, msg: String| ParseError::new(Paste::Request, text, span, msg);
    let Fields {
        mut headers,
        spans,
        body_start,
    } = fields(text, all, idx, true)?;
    let find = |name: &str| {
        headers
            .iter()
            .zip(&spans)
            .find(|(h, _)| h.name.eq_ignore_ascii_case(name))
            .map(|(h, s)| (h.value.clone(), s.1.clone()))
    };
    let first_span = all.get(idx).map_or(0..0, |l| l.span());
    let Some((method, method_span)) = find(":method") else {
        return Err(err(
            first_span,
            "the HTTP/2 header list has no :method line, so the method is unknown".into(),
        ));
    };
    if let Some((i, c)) = method.char_indices().find(|&(_, c)| !is_tchar(c)) {
        let at = method_span.start + i;
        return Err(err(
            at..at + c.len_utf8(),
            format!(
                "the method {} contains {}, which cannot appear in an HTTP method",
                quoted(&method),
                describe_char(c)
            ),
        ));
    }
    let Some((authority, authority_span)) = find(":authority").or_else(|| find("host")) else {
        return Err(err(
            first_span,
            "the HTTP/2 header list has no :authority (or Host) line, so the server is unknown"
                .into(),
        ));
    };
    check_host(text, &authority, authority_span)?;
    let (path, path_span) = find(":path").unwrap_or_else(|| ("/".to_string(), first_span.clone()));
    if !path.starts_with('/') {
        return Err(err(
            path_span,
            format!("the :path {} should start with '/'", quoted(&path)),
        ));
    }
    let scheme = match find(":scheme") {
        Some((s, _)) if s.eq_ignore_ascii_case("http") => "http",
        Some((s, span)) if !s.eq_ignore_ascii_case("https") => {
            return Err(err(
                span,
                format!("the :scheme {} is not http or https", quoted(&s)),
            ));
        }
        _ => "https",
    };
    let url = format!("{scheme}://{authority}{path}");
    headers.retain(|h| !h.name.starts_with(':'));
    let mut warnings = Vec::new();
    let body = body_from(text, body_start, &headers, &mut warnings);
    let mut hints = Hints::default();
    if let Some((region, service)) = scope_hints(&headers, &url) {
        hints.region = Some(region);
        hints.service = Some(service);
    }
    Ok(ParsedRequest {
        request: Request {
            method,
            url,
            headers,
            body,
        },
        format: RequestFormat::Http,
        hints,
        warnings,
    })
}

/// A Host header value must be `host[:port]` (RFC 9110 section 7.2).
fn check_host(text: &str, value: &str, span: Range<usize>) -> Result<(), ParseError> {
    let err = |span: Range<usize>, msg: String| ParseError::new(Paste::Request, text, span, msg);
    if value.is_empty() {
        return Err(err(
            span,
            "the Host header is empty; it should name the server, such as example.amazonaws.com"
                .into(),
        ));
    }
    if let Some((i, c)) = value
        .char_indices()
        .find(|&(_, c)| matches!(c, '/' | '?' | '#' | '@') || c.is_whitespace())
    {
        let at = span.start + i;
        return Err(err(
            at..at + c.len_utf8(),
            format!(
                "the Host header {} contains {}; it should hold only a host name and an optional port",
                quoted(value),
                describe_char(c)
            ),
        ));
    }
    const PREFIX: &str = "https://";
    split(&format!("{PREFIX}{value}")).map_err(|e| {
        let (m, s) = (e.message, e.span);
        let start = span.start + s.start.saturating_sub(PREFIX.len());
        let end = span.start + s.end.saturating_sub(PREFIX.len());
        err(start..end.max(start), format!("in the Host header, {m}"))
    })?;
    Ok(())
}
