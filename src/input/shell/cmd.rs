//! Windows `cmd.exe` command lines (Chrome's "Copy as cURL (cmd)"): first cmd's `^` escapes
//! and continuations, then the C runtime's argument rules for `"` and `\`.

use std::ops::Range;

use super::{Builder, Chars, Quote, Split, Unclosed, Word};

/// Splits a cmd command line into words.
pub(super) fn split(text: &str) -> Result<Split, Unclosed> {
    let stream = unescape(text);
    // Pass 2: the C runtime's argument splitting (as CommandLineToArgvW does it).
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
                // 2n backslashes before a quote are n backslashes, and the quote opens or
                // closes; 2n + 1 are n and a literal quote; anywhere else they are literal.
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
        // The quote may have come from a `^"`: underline both.
        let len = if text.get(q..q + 1) == Some("^") {
            2
        } else {
            1
        };
        return Err(Unclosed {
            quote: Quote::Double,
            span: q..q + len,
        });
    }
    b.finish();
    Ok(Split {
        words: b.words,
        notes: Vec::new(),
    })
}

/// Pass 1, cmd.exe itself: outside cmd's quotes `^x` is x and `^` + line break continues the
/// line. Each character left, with the span of the text that produced it.
fn unescape(text: &str) -> Vec<(char, usize, usize)> {
    let chars = Chars::new(text, 0..text.len());
    let mut stream = Vec::new();
    let mut in_cmd_quote = false;
    let mut i = 0;
    while let Some((pos, c)) = chars.get(i) {
        if c == '"' {
            // A bare quote toggles cmd's quoting; a `^"` does not (handled below).
            in_cmd_quote = !in_cmd_quote;
            stream.push((c, pos, chars.end_of(i)));
            i += 1;
        } else if c == '^' && !in_cmd_quote {
            match chars.at(i + 1) {
                Some('\n') => i += 2,
                Some('\r') if chars.at(i + 2) == Some('\n') => i += 3,
                Some(n) => {
                    stream.push((n, pos, chars.end_of(i + 1)));
                    i += 2;
                }
                None => i += 1,
            }
        } else {
            stream.push((c, pos, chars.end_of(i)));
            i += 1;
        }
    }
    stream
}

/// A value of cmd's `set NAME=value`: the rest of the line as written, `^` and all.
pub(super) fn value(text: &str, range: Range<usize>) -> Word {
    let mut w = Word {
        span: range.clone(),
        ..Word::default()
    };
    for (pos, c) in text.get(range.clone()).unwrap_or_default().char_indices() {
        let at = range.start + pos;
        w.push_char(c, (at, at + c.len_utf8()));
    }
    w
}

#[cfg(test)]
mod tests {
    use super::super::{split, value, Dialect, Quote, Unclosed};

    fn words(text: &str) -> Vec<String> {
        let s = split(text, Dialect::Cmd).expect("no unclosed quote");
        s.words.iter().map(|w| w.text()).collect()
    }

    fn spans(text: &str) -> Vec<&str> {
        let s = split(text, Dialect::Cmd).expect("no unclosed quote");
        s.words.iter().map(|w| &text[w.span.clone()]).collect()
    }

    #[test]
    fn caret_escapes_as_chrome_writes_them() {
        let text = "curl ^\"https://h/a?x=1^&y=2^\" ^\n  -H ^\"a: b^\"";
        assert_eq!(words(text), ["curl", "https://h/a?x=1&y=2", "-H", "a: b"]);
        assert_eq!(
            spans(text),
            ["curl", "^\"https://h/a?x=1^&y=2^\"", "-H", "^\"a: b^\""]
        );
        // `^&` is one `&`, written with two characters.
        let s = split(text, Dialect::Cmd).unwrap();
        let url = &s.words[1];
        assert_eq!(&text[url.sub_span(15..16)], "^&");
    }

    #[test]
    fn caret_continuations_and_quotes() {
        assert_eq!(words("a ^\r\n b^\nc"), ["a", "bc"]);
        // Inside cmd's own quotes `^` is an ordinary character.
        assert_eq!(words("\"a^b\" c^^d ^"), ["a^b", "c^d"]);
        // cmd's `^"` is a quote for the C runtime: `\^"` is a literal one.
        assert_eq!(words("^\"say \\^\"hi\\^\"^\""), ["say \"hi\""]);
    }

    #[test]
    fn c_runtime_backslashes() {
        assert_eq!(words(r#""a\"b""#), ["a\"b"]);
        assert_eq!(words(r#"a\\"b c""#), [r"a\b c"]);
        assert_eq!(words(r"C:\a\\b"), [r"C:\a\\b"]);
        assert_eq!(words(r#"\\\"x"#), [r#"\"x"#]);
        assert_eq!(spans(r"C:\a\\b x"), [r"C:\a\\b", "x"]);
    }

    #[test]
    fn unclosed_quotes_underline_the_caret_too() {
        assert_eq!(
            split("a ^\"bc", Dialect::Cmd).unwrap_err(),
            Unclosed {
                quote: Quote::Double,
                span: 2..4
            }
        );
        assert_eq!(split("a \"bc", Dialect::Cmd).unwrap_err().span, 2..3);
    }

    #[test]
    fn a_value_is_the_rest_of_the_line_as_written() {
        let text = "set X=a^b \"c\" d;e";
        let w = value(text, 6..text.len(), Dialect::Cmd).unwrap();
        assert_eq!(w.text(), "a^b \"c\" d;e");
        assert_eq!(w.span, 6..text.len());
        assert_eq!(&text[w.sub_span(4..7)], "\"c\"");
    }
}
