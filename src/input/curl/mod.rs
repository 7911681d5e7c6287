//! curl command lines as browsers and Postman copy them.
//!
//! The tokenizer is ours, not `shlex`: we need the byte span of every word
//! (to underline mistakes) and bash's `$'...'` quoting, which Chrome emits.

mod options;

use std::ops::Range;

use self::options::{short_to_long, takes_arg, HARMLESS};
use super::raw_http::scope_hints;
use super::{
    Credentials, Diagnostic, Header, Hints, ParseError, ParsedRequest, Paste, Request,
    RequestFormat, Secret,
};
use crate::http::query::uri_encode;
use crate::http::{header, is_tchar};
use crate::text::{describe_char, is_short, quoted};

/// One shell word after quote removal, with where each byte came from.
#[derive(Clone, Debug, Default)]
struct Word {
    bytes: Vec<u8>,
    /// For each byte of `bytes`, the span of the pasted text that produced it.
    origin: Vec<(usize, usize)>,
    /// The whole word in the pasted text, quotes included.
    span: Range<usize>,
}

impl Word {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// Maps a byte range of `text()` back to the pasted text (the whole word if it cannot).
    fn sub_span(&self, r: Range<usize>) -> Range<usize> {
        // `text()` equals `bytes` byte for byte when the word is valid UTF-8.
        if std::str::from_utf8(&self.bytes).is_err() {
            return self.span.clone();
        }
        let start = match self.origin.get(r.start) {
            Some(o) => o.0,
            None => return self.span.end..self.span.end,
        };
        let end = if r.end > r.start {
            self.origin.get(r.end - 1).map_or(self.span.end, |o| o.1)
        } else {
            start
        };
        start..end.max(start)
    }

    fn push_char(&mut self, c: char, origin: (usize, usize)) {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            self.bytes.push(b);
            self.origin.push(origin);
        }
    }

    fn push_byte(&mut self, b: u8, origin: (usize, usize)) {
        self.bytes.push(b);
        self.origin.push(origin);
    }
}

/// Builds words, remembering where each started.
struct Builder {
    words: Vec<Word>,
    cur: Option<Word>,
}

impl Builder {
    fn new() -> Self {
        Builder {
            words: Vec::new(),
            cur: None,
        }
    }
    /// The word being built, started at `at` if there is none.
    fn word(&mut self, at: usize) -> &mut Word {
        self.cur.get_or_insert_with(|| Word {
            span: at..at,
            ..Word::default()
        })
    }
    fn extend_to(&mut self, at: usize, end: usize) {
        let w = self.word(at);
        w.span.end = w.span.end.max(end);
    }
    fn finish(&mut self) {
        if let Some(w) = self.cur.take() {
            self.words.push(w);
        }
    }
}

struct Tokens {
    words: Vec<Word>,
    warnings: Vec<Diagnostic>,
}

fn unclosed(text: &str, at: usize, len: usize, quote: &str) -> ParseError {
    ParseError::new(
        Paste::Request,
        text,
        at..at + len,
        format!("the {quote} opened here is never closed, so the rest of the command is one quoted word"),
    )
}

/// Splits a bash command line into words (bash manual 3.1.2 "Quoting", incl. 3.1.2.4 ANSI-C quoting).
fn tokenize_bash(text: &str) -> Result<Tokens, ParseError> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i + 1).map_or(text.len(), |c| c.0);
    let at = |i: usize| chars.get(i).map(|c| c.1);
    let mut b = Builder::new();
    let mut warnings = Vec::new();
    let mut skip_next_word = false;
    let mut i = 0;
    while let Some(&(pos, c)) = chars.get(i) {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                if b.cur.is_some() {
                    b.finish();
                    if skip_next_word {
                        skip_next_word = false;
                        b.words.pop();
                    }
                }
                i += 1;
            }
            '\\' => match at(i + 1) {
                None => i += 1,
                Some('\n') => i += 2,
                Some('\r') if at(i + 2) == Some('\n') => i += 3,
                Some(n) => {
                    let origin = (pos, end_of(i + 1));
                    b.word(pos).push_char(n, origin);
                    b.extend_to(pos, origin.1);
                    i += 2;
                }
            },
            '\'' => {
                let w = b.word(pos);
                let mut j = i + 1;
                loop {
                    match chars.get(j) {
                        None => return Err(unclosed(text, pos, 1, "single quote")),
                        Some(&(_, '\'')) => break,
                        Some(&(p, ch)) => w.push_char(ch, (p, end_of(j))),
                    }
                    j += 1;
                }
                b.extend_to(pos, end_of(j));
                i = j + 1;
            }
            '"' => {
                i = double_quoted(text, &chars, i, &mut b)?;
            }
            '$' if at(i + 1) == Some('"') => {
                // $"..." is a locale-translated string: the same as "..." here.
                b.word(pos);
                i = double_quoted(text, &chars, i + 1, &mut b)?;
            }
            '$' if at(i + 1) == Some('\'') => {
                i = ansi_c_quoted(text, &chars, i, &mut b)?;
            }
            '#' if b.cur.is_none() => {
                while chars.get(i).is_some_and(|c| c.1 != '\n') {
                    i += 1;
                }
            }
            '|' | ';' | '&' if c != '&' || at(i + 1) == Some('&') => {
                b.finish();
                warnings.push(Diagnostic {
                    message: format!(
                        "everything from '{c}' on is another shell command and was ignored"
                    ),
                    span: pos..text.len(),
                });
                break;
            }
            '>' | '<' => {
                // A redirection such as `> out.json` or `2>&1`: not part of the request.
                if b.cur
                    .as_ref()
                    .is_some_and(|w| w.bytes == b"1" || w.bytes == b"2")
                {
                    b.cur = None;
                } else {
                    b.finish();
                }
                let mut j = i + 1;
                while matches!(at(j), Some('>') | Some('&')) {
                    j += 1;
                }
                if at(j).is_some_and(|c| c.is_ascii_digit()) && at(i + 1) == Some('&') {
                    j += 1;
                } else {
                    skip_next_word = true;
                }
                warnings.push(Diagnostic {
                    message:
                        "the shell redirection here is not part of the request and was ignored"
                            .into(),
                    span: pos..end_of(j.saturating_sub(1)),
                });
                i = j;
            }
            _ => {
                let origin = (pos, end_of(i));
                b.word(pos).push_char(c, origin);
                b.extend_to(pos, origin.1);
                i += 1;
            }
        }
    }
    if b.cur.is_some() {
        b.finish();
        if skip_next_word {
            b.words.pop();
        }
    }
    Ok(Tokens {
        words: b.words,
        warnings,
    })
}

/// `"..."` starting at `chars[open]`; returns the index after the closing quote.
fn double_quoted(
    text: &str,
    chars: &[(usize, char)],
    open: usize,
    b: &mut Builder,
) -> Result<usize, ParseError> {
    let end_of = |i: usize| chars.get(i + 1).map_or(text.len(), |c| c.0);
    let Some(&(qpos, _)) = chars.get(open) else {
        return Ok(open + 1);
    };
    let w = b.word(qpos);
    let mut j = open + 1;
    loop {
        match chars.get(j) {
            None => return Err(unclosed(text, qpos, 1, "double quote")),
            Some(&(_, '"')) => break,
            Some(&(p, '\\')) => match chars.get(j + 1).map(|c| c.1) {
                Some(n @ ('\\' | '"' | '$' | '`')) => {
                    w.push_char(n, (p, end_of(j + 1)));
                    j += 1;
                }
                Some('\n') => j += 1,
                Some('\r') if chars.get(j + 2).map(|c| c.1) == Some('\n') => j += 2,
                _ => w.push_char('\\', (p, end_of(j))),
            },
            Some(&(p, ch)) => w.push_char(ch, (p, end_of(j))),
        }
        j += 1;
    }
    b.extend_to(qpos, end_of(j));
    Ok(j + 1)
}

/// Reads up to `max` digits in `radix` from `chars[j..]`; returns the value and how many were read.
fn read_digits(chars: &[(usize, char)], j: usize, radix: u32, max: usize) -> (u32, usize) {
    let mut value: u32 = 0;
    let mut n = 0;
    while n < max {
        match chars.get(j + n).and_then(|c| c.1.to_digit(radix)) {
            Some(d) => {
                value = value.saturating_mul(radix).saturating_add(d);
                n += 1;
            }
            None => break,
        }
    }
    (value, n)
}

/// `$'...'` starting at `chars[dollar]` (bash manual 3.1.2.4); returns the index after the closing quote.
fn ansi_c_quoted(
    text: &str,
    chars: &[(usize, char)],
    dollar: usize,
    b: &mut Builder,
) -> Result<usize, ParseError> {
    let end_of = |i: usize| chars.get(i + 1).map_or(text.len(), |c| c.0);
    let Some(&(dpos, _)) = chars.get(dollar) else {
        return Ok(dollar + 1);
    };
    let w = b.word(dpos);
    let mut j = dollar + 2;
    loop {
        let Some(&(p, ch)) = chars.get(j) else {
            return Err(unclosed(text, dpos, 2, "quote $'"));
        };
        match ch {
            '\'' => break,
            '\\' => {
                let Some(&(_, e)) = chars.get(j + 1) else {
                    return Err(unclosed(text, dpos, 2, "quote $'"));
                };
                let simple = match e {
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    'e' | 'E' => Some('\u{1b}'),
                    'f' => Some('\u{c}'),
                    'n' => Some('\n'),
                    'r' => Some('\r'),
                    't' => Some('\t'),
                    'v' => Some('\u{b}'),
                    '\\' | '\'' | '"' | '?' => Some(e),
                    _ => None,
                };
                if let Some(s) = simple {
                    w.push_char(s, (p, end_of(j + 1)));
                    j += 2;
                    continue;
                }
                match e {
                    'x' => {
                        let (v, n) = read_digits(chars, j + 2, 16, 2);
                        if n == 0 {
                            w.push_char('\\', (p, end_of(j)));
                            w.push_char('x', (p, end_of(j + 1)));
                        } else {
                            w.push_byte(v as u8, (p, end_of(j + 1 + n)));
                        }
                        j += 2 + n;
                    }
                    'u' | 'U' => {
                        let (v, n) = read_digits(chars, j + 2, 16, if e == 'u' { 4 } else { 8 });
                        if n == 0 {
                            w.push_char('\\', (p, end_of(j)));
                            w.push_char(e, (p, end_of(j + 1)));
                        } else {
                            let c = char::from_u32(v).unwrap_or('\u{fffd}');
                            w.push_char(c, (p, end_of(j + 1 + n)));
                        }
                        j += 2 + n;
                    }
                    '0'..='7' => {
                        let (v, n) = read_digits(chars, j + 1, 8, 3);
                        w.push_byte((v & 0xff) as u8, (p, end_of(j + n)));
                        j += 1 + n;
                    }
                    'c' => match chars.get(j + 2) {
                        Some(&(_, x)) if x != '\'' => {
                            w.push_byte((x as u32 & 0x1f) as u8, (p, end_of(j + 2)));
                            j += 3;
                        }
                        _ => {
                            w.push_char('\\', (p, end_of(j)));
                            w.push_char('c', (p, end_of(j + 1)));
                            j += 2;
                        }
                    },
                    other => {
                        w.push_char('\\', (p, end_of(j)));
                        w.push_char(other, (p, end_of(j + 1)));
                        j += 2;
                    }
                }
            }
            _ => {
                w.push_char(ch, (p, end_of(j)));
                j += 1;
            }
        }
    }
    b.extend_to(dpos, end_of(j));
    Ok(j + 1)
}

/// Splits a Windows `cmd` command line (Chrome's "Copy as cURL (cmd)"): first cmd's `^`
/// escapes and continuations, then the C runtime's argument rules for `"` and `\`.
fn tokenize_cmd(text: &str) -> Result<Tokens, ParseError> {
    // Pass 1: cmd.exe. Outside cmd quotes, `^x` is x and `^` + newline continues the line.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i + 1).map_or(text.len(), |c| c.0);
    let mut stream: Vec<(char, usize, usize)> = Vec::new();
    let mut in_cmd_quote = false;
    let mut i = 0;
    while let Some(&(pos, c)) = chars.get(i) {
        if c == '"' {
            // A bare quote toggles cmd's quoting; a `^"` does not (handled below).
            in_cmd_quote = !in_cmd_quote;
            stream.push((c, pos, end_of(i)));
            i += 1;
        } else if c == '^' && !in_cmd_quote {
            match chars.get(i + 1).map(|c| c.1) {
                Some('\n') => i += 2,
                Some('\r') if chars.get(i + 2).map(|c| c.1) == Some('\n') => i += 3,
                Some(n) => {
                    stream.push((n, pos, end_of(i + 1)));
                    i += 2;
                }
                None => i += 1,
            }
        } else {
            stream.push((c, pos, end_of(i)));
            i += 1;
        }
    }
    // Pass 2: CommandLineToArgvW-style splitting.
    let mut b = Builder::new();
    let mut quote_open: Option<usize> = None;
    let mut k = 0;
    while let Some(&(c, s, e)) = stream.get(k) {
        match c {
            ' ' | '\t' | '\n' | '\r' if quote_open.is_none() => {
                b.finish();
                k += 1;
            }
            '\\' => {
                let mut n = 0;
                while stream.get(k + n).is_some_and(|x| x.0 == '\\') {
                    n += 1;
                }
                let w = b.word(s);
                match stream.get(k + n) {
                    Some(&('"', qs, qe)) => {
                        for m in 0..n / 2 {
                            let (_, bs, be) = stream.get(k + 2 * m).copied().unwrap_or((c, s, e));
                            w.push_char('\\', (bs, be));
                        }
                        if n % 2 == 1 {
                            w.push_char('"', (qs, qe));
                            b.extend_to(s, qe);
                            k += n + 1;
                        } else {
                            k += n;
                        }
                    }
                    _ => {
                        for m in 0..n {
                            let (_, bs, be) = stream.get(k + m).copied().unwrap_or((c, s, e));
                            w.push_char('\\', (bs, be));
                        }
                        let last_end = stream.get(k + n - 1).map_or(e, |x| x.2);
                        b.extend_to(s, last_end);
                        k += n;
                    }
                }
            }
            '"' => {
                b.word(s);
                b.extend_to(s, e);
                quote_open = match quote_open {
                    Some(_) => None,
                    None => Some(s),
                };
                k += 1;
            }
            _ => {
                b.word(s).push_char(c, (s, e));
                b.extend_to(s, e);
                k += 1;
            }
        }
    }
    if let Some(q) = quote_open {
        let len = if text.get(q..q + 1) == Some("^") {
            2
        } else {
            1
        };
        return Err(unclosed(text, q, len, "double quote"));
    }
    b.finish();
    Ok(Tokens {
        words: b.words,
        warnings: Vec::new(),
    })
}

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
    let tokens = if looks_like_cmd(text) {
        tokenize_cmd(text)?
    } else {
        tokenize_bash(text)?
    };
    let mut warnings = tokens.warnings;
    let mut words = tokens.words.into_iter().peekable();
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
                        let mut attached = word.clone();
                        attached.bytes = w.as_bytes().get(next..).unwrap_or_default().to_vec();
                        attached.origin = word.origin.get(next..).unwrap_or_default().to_vec();
                        attached.span = word.sub_span(next..w.len());
                        attached
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
