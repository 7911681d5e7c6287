//! curl command lines as browsers and Postman copy them: the shell's words (bash, or cmd for
//! Chrome's "Copy as cURL (cmd)"), then curl's options, then the request they describe.

mod options;

use std::ops::Range;

use self::options::{short_to_long, takes_arg, HARMLESS};
use super::raw_http::scope_hints;
use super::shell::{self, Dialect, Word};
use super::{
    Credentials, Diagnostic, Header, Hints, ParseError, ParsedRequest, Paste, Request,
    RequestFormat, Secret,
};
use crate::http::query::uri_encode;
use crate::http::{header, is_tchar};
use crate::text::{describe_char, is_short, quoted};

/// Chrome's "Copy as cURL (cmd)" wraps every word in `^"...^"` and ends lines with ` ^`.
fn looks_like_cmd(text: &str) -> bool {
    text.contains("^\"") || text.lines().any(|l| l.trim_end().ends_with(" ^"))
}

/// What the option words said, before turning them into a request.
#[derive(Default)]
struct Options {
    method: Option<String>,
    urls: Vec<Word>,
    headers: Vec<Header>,
    data: Vec<Vec<u8>>,
    url_query: Vec<String>,
    json: bool,
    get: bool,
    head: bool,
    user: Option<Word>,
    aws_sigv4: Option<Word>,
}

/// Parses a curl command line (curl(1): the options browsers and Postman write).
pub fn parse(text: &str) -> Result<ParsedRequest, ParseError> {
    let err = |span: Range<usize>, msg: String| ParseError::new(Paste::Request, text, span, msg);
    let dialect = if looks_like_cmd(text) {
        Dialect::Cmd
    } else {
        Dialect::Bash
    };
    let split = shell::split(text, dialect).map_err(|e| {
        err(
            e.span,
            format!(
                "the {} opened here is never closed, so the rest of the command is one quoted word",
                e.quote.as_str()
            ),
        )
    })?;
    let mut warnings = split.notes;
    // A continuation with nothing after it: the paste stopped one line short.
    let end = text.trim_end();
    let continuation = match dialect {
        Dialect::Cmd => '^',
        _ => '\\',
    };
    if end.ends_with(continuation) && !end.ends_with(&format!("{continuation}{continuation}")) {
        let at = end.len() - 1;
        warnings.push(Diagnostic {
            message: format!(
                "The command ends with a line continuation ({continuation}): the line after it was not pasted. The request is what the lines before it say; paste the rest if there was more."
            ),
            span: at..at + 1,
        });
    }
    let mut words = split.words.into_iter().peekable();
    let mut first = words.next();
    // A copied shell prompt ("$ curl ...") is not part of the command.
    if first.as_ref().is_some_and(|w| w.bytes == b"$") {
        first = words.next();
    }
    let Some(first) = first else {
        return Err(err(0..text.len(), "the curl command is empty".into()));
    };
    let program = first.text();
    let prog_lower = program.to_ascii_lowercase();
    let prog_name = prog_lower.rsplit(['/', '\\']).next().unwrap_or("");
    if prog_name != "curl" && prog_name != "curl.exe" {
        return Err(err(
            first.span.clone(),
            format!("the command starts with {}, not curl", quoted(&program)),
        ));
    }
    let mut o = Options::default();
    while let Some(word) = words.next() {
        let w = word.text();
        if w == "--" {
            // "--" ends nothing in curl; people write it before the URL out of habit.
            continue;
        }
        if w.starts_with("--") && w.len() > 2 {
            let name = w[2..].to_string();
            let arg = if takes_arg(&name) {
                match words.next() {
                    Some(a) => Some(a),
                    None => {
                        return Err(err(
                            word.span.clone(),
                            format!(
                                "the option {w} needs a value after it, but the command ends here"
                            ),
                        ))
                    }
                }
            } else {
                None
            };
            apply(text, &mut o, &mut warnings, &name, word.span.clone(), arg)?;
        } else if w.starts_with('-') && w.len() > 1 {
            // Short options, possibly combined (`-sSL`) or with the value attached (`-XPOST`).
            let mut offset = 1;
            while let Some(c) = w.get(offset..).and_then(|s| s.chars().next()) {
                // Underline "-X" for the first option of a word, just "X" inside "-sSX".
                let from = if offset == 1 { 0 } else { offset };
                let flag_span = word.sub_span(from..offset + c.len_utf8());
                let next = offset + c.len_utf8();
                let Some(long) = short_to_long(c) else {
                    warnings.push(Diagnostic {
                        message: if c.is_ascii_graphic() {
                            format!("sigv4-lab does not know the curl option -{c} and ignored it")
                        } else {
                            format!(
                                "sigv4-lab does not know the curl option '-' followed by {}, and ignored it",
                                describe_char(c)
                            )
                        },
                        span: flag_span,
                    });
                    offset = next;
                    continue;
                };
                if takes_arg(long) {
                    let arg = if next < w.len() {
                        word.text_from(next)
                    } else {
                        match words.next() {
                            Some(a) => a,
                            None => {
                                return Err(err(
                                    flag_span,
                                    format!("the option -{c} needs a value after it, but the command ends here"),
                                ))
                            }
                        }
                    };
                    apply(text, &mut o, &mut warnings, long, flag_span, Some(arg))?;
                    break;
                }
                apply(text, &mut o, &mut warnings, long, flag_span, None)?;
                offset = next;
            }
        } else {
            o.urls.push(word);
        }
    }
    build(text, o, warnings, &first)
}

/// Applies one option; `span` is the option itself (`-X`, `--data`) in the pasted text.
fn apply(
    text: &str,
    o: &mut Options,
    warnings: &mut Vec<Diagnostic>,
    name: &str,
    span: Range<usize>,
    arg: Option<Word>,
) -> Result<(), ParseError> {
    let err = |span: Range<usize>, msg: String| ParseError::new(Paste::Request, text, span, msg);
    let arg_text = arg.as_ref().map(Word::text).unwrap_or_default();
    let arg_span = arg.as_ref().map_or(span.clone(), |a| a.span.clone());
    let file_error = |what: &str| {
        let source = if arg_text == "@-" {
            "standard input"
        } else {
            "a file"
        };
        err(
            arg_span.clone(),
            format!(
                "the {what} comes from {source} ({}), which is not available here; paste the content itself instead",
                quoted(&arg_text)
            ),
        )
    };
    match name {
        "request" => o.method = Some(arg_text.trim().to_string()),
        "header" => {
            let Some(a) = arg.as_ref() else { return Ok(()) };
            if arg_text.starts_with('@') {
                return Err(file_error("header list"));
            }
            if let Some(h) = parse_header(text, a, warnings)? {
                o.headers.push(h);
            }
        }
        "data" | "data-ascii" | "data-binary" | "json" => {
            let Some(a) = arg else { return Ok(()) };
            if a.bytes.first() == Some(&b'@') {
                return Err(file_error("body"));
            }
            if name == "json" {
                o.json = true;
            }
            // curl strips line breaks only from `@file` data; literal text is sent as is.
            o.data.push(a.bytes);
        }
        "data-raw" => {
            if let Some(a) = arg {
                o.data.push(a.bytes);
            }
        }
        "data-urlencode" => {
            let t = arg_text.as_str();
            // curl(1) --data-urlencode: "content", "=content", "name=content", "@file", "name@file";
            // curl escapes all but the RFC 3986 unreserved characters, as SigV4's UriEncode does.
            let eq = t.find('=');
            let at = t.find('@');
            let encoded = match (eq, at) {
                (Some(e), Some(a)) if a < e => return Err(file_error("body")),
                (None, Some(_)) => return Err(file_error("body")),
                (Some(0), _) => uri_encode(&t[1..]),
                (Some(e), _) => format!("{}={}", &t[..e], uri_encode(&t[e + 1..])),
                (None, None) => uri_encode(t),
            };
            o.data.push(encoded.into_bytes());
        }
        "url" => {
            if let Some(a) = arg {
                o.urls.push(a);
            }
        }
        "url-query" => {
            if arg_text.starts_with('@') || arg_text.contains("=@") {
                return Err(file_error("query"));
            }
            let t = arg_text.strip_prefix('+').unwrap_or(&arg_text);
            o.url_query.push(match t.split_once('=') {
                Some((n, v)) if !n.is_empty() => format!("{n}={}", uri_encode(v)),
                Some((_, v)) => uri_encode(v),
                None => uri_encode(t),
            });
        }
        "user" => o.user = arg,
        "aws-sigv4" => o.aws_sigv4 = arg,
        "user-agent" => o.headers.push(Header::new("User-Agent", arg_text)),
        "referer" => {
            let r = arg_text.strip_suffix(";auto").unwrap_or(&arg_text);
            if !r.is_empty() {
                o.headers.push(Header::new("Referer", r));
            }
        }
        "cookie" => {
            if arg_text.contains('=') {
                o.headers.push(Header::new("Cookie", arg_text));
            } else {
                warnings.push(Diagnostic {
                    message: format!(
                        "-b {} names a cookie file, which is not available here; it was ignored",
                        quoted(&arg_text)
                    ),
                    span: arg_span,
                });
            }
        }
        "get" => o.get = true,
        "head" => o.head = true,
        "form" | "form-string" => {
            return Err(err(
                span.start..arg_span.end.max(span.end),
                "-F sends a multipart form whose boundary curl chooses at random, so its body cannot be known in advance; send the body with --data-binary instead".into(),
            ))
        }
        "upload-file" => return Err(file_error("body (-T)")),
        "config" => {
            return Err(err(
                span.start..arg_span.end.max(span.end),
                "-K reads more curl options from a file, which is not available here; paste those options into the command".into(),
            ))
        }
        "oauth2-bearer" => warnings.push(Diagnostic {
            message: "--oauth2-bearer sends a bearer token, not a SigV4 signature; it was ignored".into(),
            span: span.start..arg_span.end.max(span.end),
        }),
        "request-target" => warnings.push(Diagnostic {
            message: "--request-target replaces the path curl sends; sigv4-lab signs the URL's path and ignored it".into(),
            span: span.start..arg_span.end.max(span.end),
        }),
        "digest" | "ntlm" | "negotiate" | "ntlm-wb" => warnings.push(Diagnostic {
            message: format!("--{name} asks for another kind of HTTP authentication than SigV4; it was ignored"),
            span,
        }),
        _ if takes_arg(name) || HARMLESS.contains(&name) || name.starts_with("no-") => {}
        _ => warnings.push(Diagnostic {
            message: format!(
                "sigv4-lab does not know the curl option {} and ignored it",
                quoted(&format!("--{name}"))
            ),
            span,
        }),
    }
    Ok(())
}

/// `-H "Name: value"`; `-H "Name;"` is an empty header; `-H "Name:"` removes one (curl(1) --header).
fn parse_header(
    text: &str,
    a: &Word,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Option<Header>, ParseError> {
    let err = |span: Range<usize>, msg: String| ParseError::new(Paste::Request, text, span, msg);
    let t = a.text();
    let (name_end, value) = match t.find(':') {
        Some(c) => (c, t[c + 1..].trim_matches([' ', '\t'])),
        None => match t.trim_end().strip_suffix(';') {
            Some(n) => (n.len(), ""),
            None => {
                return Err(err(
                    a.span.clone(),
                    format!(
                        "the header {} has no ':' between name and value",
                        quoted(&t)
                    ),
                ))
            }
        },
    };
    let name = &t[..name_end];
    let name_trimmed = name.trim_start();
    let lead = name.len() - name_trimmed.len();
    if name_trimmed.is_empty() {
        return Err(err(
            a.span.clone(),
            format!("the header {} has no name before ':'", quoted(&t)),
        ));
    }
    if let Some((i, c)) = name_trimmed.char_indices().find(|&(_, c)| !is_tchar(c)) {
        return Err(err(
            a.sub_span(lead + i..lead + i + c.len_utf8()),
            format!(
                "the header name {} contains {}, which cannot appear in a header name",
                quoted(name_trimmed),
                describe_char(c)
            ),
        ));
    }
    if t.contains(':') && value.is_empty() {
        warnings.push(Diagnostic {
            message: if is_short(name_trimmed) {
                format!(
                    "-H {} tells curl not to send a {name_trimmed} header at all, so it was left out; write \"{name_trimmed};\" to send it empty",
                    quoted(&t)
                )
            } else {
                format!(
                    "-H {} tells curl not to send that header at all, so it was left out; end the name with ';' instead of ':' to send it empty",
                    quoted(&t)
                )
            },
            span: a.span.clone(),
        });
        return Ok(None);
    }
    Ok(Some(Header::new(name_trimmed, value)))
}

fn build(
    text: &str,
    o: Options,
    mut warnings: Vec<Diagnostic>,
    first: &Word,
) -> Result<ParsedRequest, ParseError> {
    let err = |span: Range<usize>, msg: String| ParseError::new(Paste::Request, text, span, msg);
    if let Some(second) = o.urls.get(1) {
        return Err(err(
            second.span.clone(),
            format!(
                "the command names a second URL {}; sigv4-lab signs one request, so keep only one URL",
                quoted(&second.text())
            ),
        ));
    }
    let Some(url_word) = o.urls.first() else {
        return Err(err(
            first.span.clone(),
            "the curl command has no URL".into(),
        ));
    };
    let raw = url_word.text();
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(err(url_word.span.clone(), "the URL is empty".into()));
    }
    let has_scheme = trimmed.contains("://");
    if let Err(e) = crate::http::url::split(&raw) {
        return Err(err(url_word.sub_span(e.span), e.message));
    }
    let mut url = if has_scheme {
        trimmed.to_string()
    } else {
        warnings.push(Diagnostic {
            message: format!(
                "the URL {} has no scheme; curl would use http://, sigv4-lab assumes https://",
                quoted(trimmed)
            ),
            span: url_word.sub_span(lead..lead + trimmed.len()),
        });
        format!("https://{trimmed}")
    };

    let mut headers = o.headers;
    let has_data = !o.data.is_empty();
    let joined: Vec<u8> = o.data.join(&b'&');
    let mut body = Vec::new();
    let mut query_add: Vec<String> = Vec::new();
    if o.get && has_data {
        query_add.push(String::from_utf8_lossy(&joined).into_owned());
    } else if has_data {
        body = joined;
        let has_ct = headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case(header::CONTENT_TYPE));
        if o.json {
            if !has_ct {
                headers.push(Header::new("Content-Type", "application/json"));
            }
            if !headers
                .iter()
                .any(|h| h.name.eq_ignore_ascii_case("accept"))
            {
                headers.push(Header::new("Accept", "application/json"));
            }
        } else if !has_ct {
            // curl(1) -d: "sends the specified data ... using the content-type application/x-www-form-urlencoded".
            headers.push(Header::new(
                "Content-Type",
                "application/x-www-form-urlencoded",
            ));
        }
    }
    query_add.extend(o.url_query);
    if !query_add.is_empty() {
        let (before, fragment) = match url.find('#') {
            Some(i) => (url[..i].to_string(), url[i..].to_string()),
            None => (url.clone(), String::new()),
        };
        let sep = if !before.contains('?') {
            "?"
        } else if before.ends_with('?') || before.ends_with('&') {
            ""
        } else {
            "&"
        };
        url = format!("{before}{sep}{}{fragment}", query_add.join("&"));
    }

    let method = match o.method {
        Some(m) if !m.is_empty() => m,
        _ if o.head => "HEAD".to_string(),
        _ if o.get => "GET".to_string(),
        _ if has_data => "POST".to_string(),
        _ => "GET".to_string(),
    };

    let mut hints = Hints::default();
    if let Some(sig) = &o.aws_sigv4 {
        // curl(1) --aws-sigv4 "provider1[:provider2[:region[:service]]]".
        let t = sig.text();
        let parts: Vec<&str> = t.split(':').collect();
        hints.region = parts
            .get(2)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(String::from);
        hints.service = parts
            .get(3)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(String::from);
    }
    if let Some(user) = &o.user {
        let t = user.text();
        if o.aws_sigv4.is_none() {
            warnings.push(Diagnostic {
                message: "-u without --aws-sigv4 sends HTTP Basic authentication, not a SigV4 signature; it was ignored".into(),
                span: user.span.clone(),
            });
        } else {
            match t.split_once(':') {
                None => warnings.push(Diagnostic {
                    message: "-u has no ':' between access key id and secret key (curl would ask for the secret); enter the secret in the credentials instead".into(),
                    span: user.span.clone(),
                }),
                Some((k, s)) if k.trim().is_empty() || s.is_empty() => warnings.push(Diagnostic {
                    message: "-u gives an empty access key id or secret key; enter the keys in the credentials instead".into(),
                    span: user.span.clone(),
                }),
                Some((k, s)) if k.starts_with('$') || s.starts_with('$') || k.starts_with('%') => {
                    warnings.push(Diagnostic {
                        message: "-u refers to shell variables, which sigv4-lab cannot read; enter the keys in the credentials instead".into(),
                        span: user.span.clone(),
                    })
                }
                Some((k, s)) => {
                    let token = headers
                        .iter()
                        .find(|h| h.name.eq_ignore_ascii_case(header::X_AMZ_SECURITY_TOKEN))
                        .map(|h| Secret::new(h.value.clone()));
                    hints.credentials = Some(Credentials {
                        access_key_id: k.to_string(),
                        secret_access_key: Secret::new(s),
                        session_token: token,
                        expiration: None,
                        region: None,
                    });
                }
            }
        }
    }
    if hints.region.is_none() || hints.service.is_none() {
        if let Some((region, service)) = scope_hints(&headers, &url) {
            hints.region.get_or_insert(region);
            hints.service.get_or_insert(service);
        }
    }
    Ok(ParsedRequest {
        request: Request {
            method,
            url,
            headers,
            body,
        },
        format: RequestFormat::Curl,
        hints,
        warnings,
    })
}
