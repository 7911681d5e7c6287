//! bash's words (bash manual 3.1.2 "Quoting"), and those of the shells that quote like it:
//! fish, and PowerShell with its backtick for an escape character.

use std::ops::Range;

use super::{Builder, Chars, Dialect, Quote, Scope, Split, Unclosed};
use crate::input::Diagnostic;

/// What a dialect reads in a scope.
#[derive(Clone, Copy, Debug)]
pub(super) struct Rules {
    /// `\` (bash, fish) or `` ` `` (PowerShell).
    escape: char,
    /// Inside double quotes the escape character escapes any character (PowerShell), not only
    /// `\ " $ `` (bash 3.1.2.3).
    escapes_any_in_double: bool,
    /// `''` inside single quotes is one quote (PowerShell).
    doubled_single_quote: bool,
    /// bash's `$'…'` and `$"…"`, read on a command line only (see the module doc).
    dollar_quotes: bool,
    scope: Scope,
}

impl Rules {
    /// The rules of bash, fish or PowerShell (cmd has its own lexer, in `cmd.rs`).
    pub(super) fn of(dialect: Dialect, scope: Scope) -> Rules {
        let powershell = dialect == Dialect::PowerShell;
        Rules {
            escape: if powershell { '`' } else { '\\' },
            escapes_any_in_double: powershell,
            doubled_single_quote: powershell,
            dollar_quotes: dialect == Dialect::Bash && scope == Scope::Command,
            scope,
        }
    }

    fn escapes_in_double(&self, c: char) -> bool {
        self.escapes_any_in_double || matches!(c, '\\' | '"' | '$' | '`')
    }
}

/// Reads `text[range]`: every word of a command line, or the one word of a value.
pub(super) fn lex(text: &str, range: Range<usize>, rules: Rules) -> Result<Split, Unclosed> {
    let chars = Chars::new(text, range.clone());
    let command = rules.scope == Scope::Command;
    let mut b = Builder::new();
    let mut notes = Vec::new();
    let mut skip_next_word = false;
    if !command {
        // A value is one word, empty when nothing follows the `=`.
        b.word(range.start);
    }
    let mut i = 0;
    while let Some((pos, c)) = chars.get(i) {
        match c {
            ' ' | '\t' | '\n' | '\r' if command => {
                if b.cur.is_some() {
                    b.finish();
                    if skip_next_word {
                        skip_next_word = false;
                        b.words.pop();
                    }
                }
                i += 1;
            }
            ' ' | '\t' | ';' if !command => break,
            c if c == rules.escape => match chars.at(i + 1) {
                None => i += 1,
                // A line continuation.
                Some('\n') if command => i += 2,
                Some('\r') if command && chars.at(i + 2) == Some('\n') => i += 3,
                Some(n) => {
                    let origin = (pos, chars.end_of(i + 1));
                    b.word(pos).push_char(n, origin);
                    b.extend_to(pos, origin.1);
                    i += 2;
                }
            },
            '\'' => i = single_quoted(&chars, i, rules, &mut b)?,
            '"' => i = double_quoted(&chars, i, rules, &mut b)?,
            '$' if rules.dollar_quotes && chars.at(i + 1) == Some('"') => {
                // $"..." is a locale-translated string: the same as "..." here.
                b.word(pos);
                i = double_quoted(&chars, i + 1, rules, &mut b)?;
            }
            '$' if rules.dollar_quotes && chars.at(i + 1) == Some('\'') => {
                i = ansi_c_quoted(&chars, i, &mut b)?;
            }
            '#' if command && b.cur.is_none() => {
                while chars.at(i).is_some_and(|c| c != '\n') {
                    i += 1;
                }
            }
            '|' | ';' | '&' if command && (c != '&' || chars.at(i + 1) == Some('&')) => {
                b.finish();
                notes.push(Diagnostic {
                    message: format!(
                        "everything from '{c}' on is another shell command and was ignored"
                    ),
                    span: pos..chars.end,
                });
                break;
            }
            '>' | '<' if command => {
                // A redirection such as `> out.json` or `2>&1`: not part of the command's words.
                if b.cur
                    .as_ref()
                    .is_some_and(|w| w.bytes == b"1" || w.bytes == b"2")
                {
                    b.cur = None;
                } else {
                    b.finish();
                }
                let mut j = i + 1;
                while matches!(chars.at(j), Some('>') | Some('&')) {
                    j += 1;
                }
                if chars.at(j).is_some_and(|c| c.is_ascii_digit()) && chars.at(i + 1) == Some('&') {
                    j += 1;
                } else {
                    skip_next_word = true;
                }
                notes.push(Diagnostic {
                    message:
                        "the shell redirection here is not part of the request and was ignored"
                            .into(),
                    span: pos..chars.end_of(j.saturating_sub(1)),
                });
                i = j;
            }
            _ => {
                let origin = (pos, chars.end_of(i));
                b.word(pos).push_char(c, origin);
                b.extend_to(pos, origin.1);
                i += 1;
            }
        }
    }
    if command {
        if b.cur.is_some() {
            b.finish();
            if skip_next_word {
                b.words.pop();
            }
        }
    } else {
        // A value's span runs to where it ended, whatever ended it.
        b.word(range.start).span = range.start..chars.start_of(i);
        b.finish();
    }
    Ok(Split {
        words: b.words,
        notes,
    })
}

/// `'...'` starting at `chars[open]`; returns the index after the closing quote.
fn single_quoted(
    chars: &Chars,
    open: usize,
    rules: Rules,
    b: &mut Builder,
) -> Result<usize, Unclosed> {
    let pos = chars.start_of(open);
    let w = b.word(pos);
    let mut j = open + 1;
    loop {
        match chars.get(j) {
            None => {
                return Err(Unclosed {
                    quote: Quote::Single,
                    span: pos..pos + 1,
                })
            }
            Some((p, '\'')) if rules.doubled_single_quote && chars.at(j + 1) == Some('\'') => {
                w.push_char('\'', (p, chars.end_of(j + 1)));
                j += 2;
            }
            Some((_, '\'')) => break,
            Some((p, ch)) => {
                w.push_char(ch, (p, chars.end_of(j)));
                j += 1;
            }
        }
    }
    b.extend_to(pos, chars.end_of(j));
    Ok(j + 1)
}

/// `"..."` starting at `chars[open]` (bash 3.1.2.3); returns the index after the closing quote.
fn double_quoted(
    chars: &Chars,
    open: usize,
    rules: Rules,
    b: &mut Builder,
) -> Result<usize, Unclosed> {
    let Some((qpos, _)) = chars.get(open) else {
        return Ok(open + 1);
    };
    let command = rules.scope == Scope::Command;
    let w = b.word(qpos);
    let mut j = open + 1;
    loop {
        match chars.get(j) {
            None => {
                return Err(Unclosed {
                    quote: Quote::Double,
                    span: qpos..qpos + 1,
                })
            }
            Some((_, '"')) => break,
            Some((p, ch)) if ch == rules.escape => match chars.at(j + 1) {
                Some('\n') if command => j += 1,
                Some('\r') if command && chars.at(j + 2) == Some('\n') => j += 2,
                Some(n) if rules.escapes_in_double(n) => {
                    w.push_char(n, (p, chars.end_of(j + 1)));
                    j += 1;
                }
                _ => w.push_char(ch, (p, chars.end_of(j))),
            },
            Some((p, ch)) => w.push_char(ch, (p, chars.end_of(j))),
        }
        j += 1;
    }
    b.extend_to(qpos, chars.end_of(j));
    Ok(j + 1)
}

/// Reads up to `max` digits in `radix` from `chars[j..]`; returns the value and how many were read.
fn read_digits(chars: &Chars, j: usize, radix: u32, max: usize) -> (u32, usize) {
    let mut value: u32 = 0;
    let mut n = 0;
    while n < max {
        match chars.at(j + n).and_then(|c| c.to_digit(radix)) {
            Some(d) => {
                value = value.saturating_mul(radix).saturating_add(d);
                n += 1;
            }
            None => break,
        }
    }
    (value, n)
}

/// `$'...'` starting at `chars[dollar]` (bash manual 3.1.2.4 "ANSI-C Quoting"); returns the
/// index after the closing quote.
fn ansi_c_quoted(chars: &Chars, dollar: usize, b: &mut Builder) -> Result<usize, Unclosed> {
    let Some((dpos, _)) = chars.get(dollar) else {
        return Ok(dollar + 1);
    };
    let unclosed = || Unclosed {
        quote: Quote::AnsiC,
        span: dpos..dpos + 2,
    };
    let end_of = |i: usize| chars.end_of(i);
    let w = b.word(dpos);
    let mut j = dollar + 2;
    loop {
        let Some((p, ch)) = chars.get(j) else {
            return Err(unclosed());
        };
        match ch {
            '\'' => break,
            '\\' => {
                let Some(e) = chars.at(j + 1) else {
                    return Err(unclosed());
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
                    'c' => match chars.at(j + 2) {
                        Some(x) if x != '\'' => {
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

#[cfg(test)]
mod tests {
    use super::super::{split, value, Dialect, Quote, Unclosed};

    /// The words of a command line, as text.
    fn words(text: &str, dialect: Dialect) -> Vec<String> {
        let s = split(text, dialect).expect("no unclosed quote");
        s.words.iter().map(|w| w.text()).collect()
    }

    /// What each word's span covers in the text.
    fn spans(text: &str, dialect: Dialect) -> Vec<&str> {
        let s = split(text, dialect).expect("no unclosed quote");
        s.words.iter().map(|w| &text[w.span.clone()]).collect()
    }

    /// A value starting at byte `at` and running to the end of the text: (value, its span's text).
    fn value_at(text: &str, at: usize, dialect: Dialect) -> Result<(String, &str), Unclosed> {
        value(text, at..text.len(), dialect).map(|w| (w.text(), &text[w.span]))
    }

    #[test]
    fn bash_words_and_their_spans() {
        let text = r#"curl -H 'a: b' "x\"y" $'\x41\n' plain\ word $"t""#;
        assert_eq!(
            words(text, Dialect::Bash),
            ["curl", "-H", "a: b", "x\"y", "A\n", "plain word", "t"]
        );
        assert_eq!(
            spans(text, Dialect::Bash),
            [
                "curl",
                "-H",
                "'a: b'",
                r#""x\"y""#,
                r"$'\x41\n'",
                r"plain\ word",
                r#"$"t""#
            ]
        );
    }

    #[test]
    fn bash_byte_origins() {
        let text = r#"-X "a\"b" $'\x41\u00e9'"#;
        let s = split(text, Dialect::Bash).unwrap();
        let quoted = &s.words[1];
        // Byte 1 of `a"b` is the quote, written `\"`.
        assert_eq!(&text[quoted.sub_span(1..2)], r#"\""#);
        assert_eq!(&text[quoted.sub_span(0..3)], r#"a\"b"#);
        let ansi = &s.words[2];
        assert_eq!(ansi.text(), "Aé");
        assert_eq!(&text[ansi.sub_span(0..1)], r"\x41");
        assert_eq!(&text[ansi.sub_span(1..3)], r"\u00e9");
        // A value written against its option: `-XPOST`'s `POST`.
        let attached = split("-XPOST", Dialect::Bash).unwrap().words[0].text_from(2);
        assert_eq!((attached.text(), attached.span), ("POST".to_string(), 2..6));
    }

    #[test]
    fn bash_invalid_utf8_maps_to_the_whole_word() {
        let s = split(r"a $'\xff'", Dialect::Bash).unwrap();
        assert_eq!(s.words[1].bytes, [0xff]);
        assert_eq!(s.words[1].text(), "\u{fffd}");
        assert_eq!(s.words[1].sub_span(0..1), 2..9);
    }

    #[test]
    fn bash_continuations_comments_and_blanks() {
        assert_eq!(
            words("a \\\n b\\\r\nc \"d\\\ne\"", Dialect::Bash),
            ["a", "bc", "de"]
        );
        assert_eq!(words("a # b c\nd e#f", Dialect::Bash), ["a", "d", "e#f"]);
        assert_eq!(words("a\rb\tc\nd", Dialect::Bash), ["a", "b", "c", "d"]);
        assert_eq!(words("'' \"\" x", Dialect::Bash), ["", "", "x"]);
    }

    #[test]
    fn bash_ansi_c_escapes() {
        assert_eq!(
            words(r"$'\a\e\t\'\\\101\0\cA\q\x\u'", Dialect::Bash),
            ["\u{7}\u{1b}\t'\\A\u{0}\u{1}\\q\\x\\u"]
        );
    }

    #[test]
    fn bash_a_command_ends_at_an_operator() {
        for (text, from) in [("a b; c", 3), ("a | c", 2), ("a && c", 2)] {
            let s = split(text, Dialect::Bash).unwrap();
            assert_eq!(s.words.len(), if from == 3 { 2 } else { 1 }, "{text}");
            assert_eq!(s.notes.len(), 1, "{text}");
            assert_eq!(s.notes[0].span, from..text.len(), "{text}");
            assert!(s.notes[0].message.contains("another shell command"));
        }
        // One `&` is not an operator here.
        assert_eq!(words("a & b", Dialect::Bash), ["a", "&", "b"]);
    }

    #[test]
    fn bash_redirections_are_left_out() {
        let s = split("a > out b 2>&1 c 2>/dev/null", Dialect::Bash).unwrap();
        let w: Vec<String> = s.words.iter().map(|w| w.text()).collect();
        assert_eq!(w, ["a", "b", "c"]);
        let noted: Vec<&str> = s
            .notes
            .iter()
            .map(|n| &"a > out b 2>&1 c 2>/dev/null"[n.span.clone()])
            .collect();
        assert_eq!(noted, [">", ">&1", ">"]);
    }

    #[test]
    fn bash_unclosed_quotes() {
        let unclosed = |text: &str| split(text, Dialect::Bash).unwrap_err();
        assert_eq!(
            unclosed("a 'b"),
            Unclosed {
                quote: Quote::Single,
                span: 2..3
            }
        );
        assert_eq!(unclosed("a \"b\\\"").span, 2..3);
        assert_eq!(
            unclosed("a $'b\\'"),
            Unclosed {
                quote: Quote::AnsiC,
                span: 2..4
            }
        );
        assert_eq!(unclosed("$\"x").quote, Quote::Double);
        assert_eq!(unclosed("$\"x").span, 1..2);
    }

    #[test]
    fn bash_values_read_quotes_and_escapes_only() {
        assert_eq!(
            value_at("X='a b'c", 2, Dialect::Bash).unwrap(),
            ("a bc".into(), "'a b'c")
        );
        assert_eq!(
            value_at("X=a;b", 2, Dialect::Bash).unwrap(),
            ("a".into(), "a")
        );
        assert_eq!(
            value_at("X=a b", 2, Dialect::Bash).unwrap(),
            ("a".into(), "a")
        );
        assert_eq!(value_at("X= a", 2, Dialect::Bash).unwrap(), ("".into(), ""));
        assert_eq!(value_at("X=", 2, Dialect::Bash).unwrap(), ("".into(), ""));
        // The differences from a command line (the module doc).
        assert_eq!(value_at("X=$'a'", 2, Dialect::Bash).unwrap().0, "$a");
        assert_eq!(
            value_at("X=#a|b&c>d", 2, Dialect::Bash).unwrap().0,
            "#a|b&c>d"
        );
        assert_eq!(value_at("X=a\rb", 2, Dialect::Bash).unwrap().0, "a\rb");
        // A trailing backslash escapes nothing, but the span covers it.
        assert_eq!(
            value_at("X=a\\", 2, Dialect::Bash).unwrap(),
            ("a".into(), "a\\")
        );
        assert_eq!(
            value_at("X=\"a\\\"b\\c\"", 2, Dialect::Bash).unwrap().0,
            "a\"b\\c"
        );
        assert_eq!(
            value_at("X=\"ab", 2, Dialect::Bash).unwrap_err(),
            Unclosed {
                quote: Quote::Double,
                span: 2..3
            }
        );
        // The value ends where the range does.
        let w = value("X=abc", 2..4, Dialect::Bash).unwrap();
        assert_eq!((w.text(), w.span), ("ab".to_string(), 2..4));
    }

    #[test]
    fn powershell_backtick_and_doubled_single_quotes() {
        let ps = Dialect::PowerShell;
        assert_eq!(
            value_at(r#"X="a`"b""#, 2, ps).unwrap(),
            ("a\"b".into(), r#""a`"b""#)
        );
        assert_eq!(
            value_at("X='it''s'", 2, ps).unwrap(),
            ("it's".into(), "'it''s'")
        );
        assert_eq!(value_at("X=a` b", 2, ps).unwrap().0, "a b");
        // The backslash is an ordinary character; a backtick gives the next one as written.
        assert_eq!(value_at(r#"X="C:\a\""#, 2, ps).unwrap().0, "C:\\a\\");
        assert_eq!(value_at("X=\"`n`$\"", 2, ps).unwrap().0, "n$");
        assert_eq!(
            value_at("X=\"a`\"", 2, ps).unwrap_err().quote,
            Quote::Double
        );
        assert_eq!(value_at("X='a", 2, ps).unwrap_err().span, 2..3);
        // On a command line a backtick before a line break continues it.
        assert_eq!(words("a `\n b 'c''d'", ps), ["a", "b", "c'd"]);
        // bash's `$'…'` is bash's alone.
        assert_eq!(words("$'a'", ps), ["$a"]);
    }

    #[test]
    fn fish_reads_bash_quoting() {
        let fish = Dialect::Fish;
        assert_eq!(
            value_at("X='a b' c", 2, fish).unwrap(),
            ("a b".into(), "'a b'")
        );
        assert_eq!(value_at(r#"X="a\"b\$""#, 2, fish).unwrap().0, "a\"b$");
        assert_eq!(value_at(r"X=a\ b", 2, fish).unwrap().0, "a b");
        // fish would read `\\` inside single quotes as one backslash; bash's quoting keeps both.
        assert_eq!(value_at(r"X='a\\b'", 2, fish).unwrap().0, r"a\\b");
        assert_eq!(value_at("X=$'a'", 2, fish).unwrap().0, "$a");
        let s = split("set -gx X a; echo", fish).unwrap();
        let w: Vec<String> = s.words.iter().map(|w| w.text()).collect();
        assert_eq!(w, ["set", "-gx", "X", "a"]);
        assert_eq!(s.notes.len(), 1);
        // No `$'…'` in fish: `$` and a plain single-quoted string.
        assert_eq!(words("echo $'a'", fish), ["echo", "$a"]);
    }
}
