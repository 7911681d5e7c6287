//! Quoting what a person pasted in a message: a message names the place, it never copies the input.
//!
//! Every sentence that quotes user text goes through [`excerpt`] or [`quoted`] (never megabytes,
//! never Rust's escaped form of a character), and [`describe_char`] names one character.

use std::ops::Range;

/// How many characters of pasted text a message quotes before cutting it short.
pub const QUOTE_CHARS: usize = 48;

/// `s` as a message shows it: whole when it has at most `max_chars` characters; else its first
/// `max_chars` characters, "…", and how many characters it has in all, as in
/// `xxxx… (2,097,152 characters)`. Cut on a character boundary. Control characters become their
/// visible pictures (␀, ␉, ␊, ␡) and C1 controls U+FFFD, so an excerpt never breaks the line
/// it sits in nor hides a byte.
pub fn excerpt(s: &str, max_chars: usize) -> String {
    let mut chars = s.chars();
    let mut out: String = chars.by_ref().take(max_chars).map(visible).collect();
    let left = chars.count();
    if left > 0 {
        out.push_str(&format!("… ({} characters)", thousands(max_chars + left)));
    }
    out
}

/// `s` in double quotes for a message, cut as [`excerpt`] cuts it at [`QUOTE_CHARS`]:
/// `"GET"`, or `"xxxx…" (2,097,152 characters)`.
pub fn quoted(s: &str) -> String {
    quoted_max(s, QUOTE_CHARS)
}

/// [`quoted`] with another limit: `"s"`, or `"first max_chars…" (N characters)`.
pub fn quoted_max(s: &str, max_chars: usize) -> String {
    quoted_in(s, max_chars, '"', '"')
}

/// [`quoted_max`] between other quotation marks, such as “ and ”.
pub fn quoted_in(s: &str, max_chars: usize, open: char, close: char) -> String {
    let mut chars = s.chars();
    let shown: String = chars.by_ref().take(max_chars).map(visible).collect();
    match chars.count() {
        0 => format!("{open}{shown}{close}"),
        left => format!(
            "{open}{shown}…{close} ({} characters)",
            thousands(max_chars + left)
        ),
    }
}

/// `s` quoted from its character `start` on, as [`quoted_max`] cuts it, with a leading "…" when
/// `start` is not 0: `"…the part that matters…" (N characters)`.
pub fn quoted_from(s: &str, start: usize, max_chars: usize) -> String {
    if start == 0 {
        return quoted_max(s, max_chars);
    }
    let mut chars = s.chars();
    let skipped = chars.by_ref().take(start).count();
    let shown: String = chars.by_ref().take(max_chars).map(visible).collect();
    let left = chars.count();
    let total = skipped + shown.chars().count() + left;
    let tail = if left > 0 { "…" } else { "" };
    format!("\"…{shown}{tail}\" ({} characters)", thousands(total))
}

/// True when `s` is short enough to quote whole (at most [`QUOTE_CHARS`] characters).
pub fn is_short(s: &str) -> bool {
    s.chars().nth(QUOTE_CHARS).is_none()
}

/// `n` with a comma between each group of three digits: `2,097,152`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A character as an excerpt shows it: control characters as their visible pictures.
fn visible(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{fffd}',
        c => c,
    }
}

/// Names a character for a message, never in Rust's escaped form: "a space", "the control
/// character U+0000", "the invisible character U+200D (zero-width joiner)", "'/'", or
/// "the character “é” (U+00E9)".
pub fn describe_char(c: char) -> String {
    let code = c as u32;
    match c {
        ' ' => "a space".to_string(),
        '\t' => "a tab".to_string(),
        '\n' => "a line break".to_string(),
        '\r' => "a carriage return".to_string(),
        c if c.is_control() => format!("the control character U+{code:04X}"),
        c if invisible_name(c).is_some() => format!(
            "the invisible character U+{code:04X} ({})",
            invisible_name(c).unwrap_or_default()
        ),
        c if c.is_whitespace() => format!("the space character U+{code:04X}"),
        c if c.is_ascii() => format!("'{c}'"),
        c => format!("the character \u{201c}{c}\u{201d} (U+{code:04X})"),
    }
}

/// The name of a character that shows nothing (Unicode format characters people paste by accident).
fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{ad}' => "soft hyphen",
        '\u{34f}' => "combining grapheme joiner",
        '\u{61c}' => "Arabic letter mark",
        '\u{180e}' => "Mongolian vowel separator",
        '\u{200b}' => "zero-width space",
        '\u{200c}' => "zero-width non-joiner",
        '\u{200d}' => "zero-width joiner",
        '\u{200e}' => "left-to-right mark",
        '\u{200f}' => "right-to-left mark",
        '\u{202a}' => "left-to-right embedding",
        '\u{202b}' => "right-to-left embedding",
        '\u{202c}' => "pop directional formatting",
        '\u{202d}' => "left-to-right override",
        '\u{202e}' => "right-to-left override",
        '\u{2060}' => "word joiner",
        '\u{2061}'..='\u{2064}' => "invisible operator",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{fe00}'..='\u{fe0f}' => "variation selector",
        '\u{feff}' => "zero-width no-break space, or byte-order mark",
        '\u{e0000}'..='\u{e007f}' => "tag character",
        _ => return None,
    })
}

/// One line of pasted text: where it starts and its content without `\n` or a trailing `\r`.
#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    pub start: usize,
    pub content: &'a str,
    /// Where the next line starts (past the `\n`), or `text.len()` for the last line.
    pub next: usize,
}

impl Line<'_> {
    pub fn span(&self) -> Range<usize> {
        self.start..self.start + self.content.len()
    }
}

/// Splits `text` into lines on `\n`, dropping one trailing `\r` from each.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let rest = text.get(pos..).unwrap_or("");
        match rest.find('\n') {
            Some(i) => {
                let raw = &rest[..i];
                let content = raw.strip_suffix('\r').unwrap_or(raw);
                out.push(Line {
                    start: pos,
                    content,
                    next: pos + i + 1,
                });
                pos += i + 1;
            }
            None => {
                let content = rest.strip_suffix('\r').unwrap_or(rest);
                if !rest.is_empty() {
                    out.push(Line {
                        start: pos,
                        content,
                        next: text.len(),
                    });
                }
                return out;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_long_text_and_say_how_long_it_was() {
        assert_eq!(excerpt("GET", 48), "GET");
        let long = "x".repeat(2 * 1024 * 1024);
        let e = excerpt(&long, 40);
        assert_eq!(e, format!("{}… (2,097,152 characters)", "x".repeat(40)));
        assert_eq!(quoted("GET"), "\"GET\"");
        assert_eq!(
            quoted(&"é".repeat(100)),
            format!("\"{}…\" (100 characters)", "é".repeat(QUOTE_CHARS))
        );
        assert_eq!(
            quoted(&"a".repeat(QUOTE_CHARS)),
            format!("\"{}\"", "a".repeat(QUOTE_CHARS))
        );
        assert_eq!(quoted("a\tb\u{0}c\u{7f}\u{85}"), "\"a␉b␀c␡\u{fffd}\"");
        assert_eq!(
            quoted_from(
                &format!("{}XYZ{}", "a".repeat(100), "b".repeat(100)),
                90,
                20
            ),
            format!(
                "\"…{}XYZ{}…\" (203 characters)",
                "a".repeat(10),
                "b".repeat(7)
            )
        );
        assert_eq!(quoted_from("abc", 0, 20), "\"abc\"");
        assert!(is_short("abc") && !is_short(&long));
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_048_576), "1,048,576");
    }

    #[test]
    fn characters_are_named_not_escaped() {
        assert_eq!(describe_char(' '), "a space");
        assert_eq!(describe_char('\u{0}'), "the control character U+0000");
        assert_eq!(describe_char('\u{1}'), "the control character U+0001");
        assert_eq!(describe_char('\u{7f}'), "the control character U+007F");
        assert_eq!(
            describe_char('\u{200d}'),
            "the invisible character U+200D (zero-width joiner)"
        );
        assert_eq!(describe_char('\u{a0}'), "the space character U+00A0");
        assert_eq!(describe_char('/'), "'/'");
        assert_eq!(describe_char('é'), "the character “é” (U+00E9)");
        assert_eq!(describe_char('🦀'), "the character “🦀” (U+1F980)");
        for c in ['\0', '\u{1}', '\u{200d}', '\u{200f}', '\u{fffd}', 'é'] {
            assert!(!describe_char(c).contains("\\u"), "{c:?}");
        }
    }
}
