//! Shell words as people paste them: one lexer for four dialects (bash, cmd, PowerShell, fish),
//! every byte of a word traced back to the place in the pasted text that produced it.
//!
//! Ours, not `shlex`: messages underline the exact bytes of a word, and browsers copy curl
//! commands with bash's `$'…'` and cmd's `^` escapes. (`shlex` checks the bash dialect in
//! the tests.)
//!
//! Two scopes:
//! - [`split`] reads a whole command line (curl commands: bash and cmd). In bash, fish and
//!   PowerShell it joins continued lines, drops comments, and stops at the end of the first
//!   command (`;`, `|`, `&&`) with a note saying so; redirections are dropped with a note too.
//!   In cmd it reads `^` escapes and continuations, then the C runtime's quotes and
//!   backslashes; cmd's `&`, `|` and `>` stay characters of words there (Chrome writes them
//!   `^&`, `^|`, `^>`).
//! - [`value`] reads the value of one assignment on one line (`export AWS_…=`, `$Env:AWS_…=`,
//!   `set -gx AWS_… …`, `set AWS_…=`): only the dialect's quotes and escape character are
//!   read, and the value ends at an unquoted blank or `;` (in cmd, at the end of the line).
//!
//! The two scopes keep what curl's and the credentials' readers did before they were one
//! lexer, where a shell would read the text otherwise:
//! - a value does not read bash's `$'…'` and `$"…"`: `$` is kept and the quotes are plain
//!   ones (`X=$'a'` is `$a`), and `|`, `&`, `<`, `>` and `#` are part of it;
//! - a value's blanks are space and tab; a carriage return is part of it (on a command line,
//!   any of space, tab, line feed and carriage return ends a word);
//! - fish is read with bash's quoting: fish's `\'` and `\\` inside single quotes are not
//!   escapes here, and `` \` `` inside double quotes is a backtick (fish keeps the backslash);
//! - PowerShell's backtick escapes give the character after it as written (`` `n `` is `n`,
//!   not a line break);
//! - cmd's value is the rest of the line as written (`set NAME=value`), `^` included.

mod bash;
mod cmd;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod oracle;

use std::ops::Range;

use super::Diagnostic;

/// Which shell's rules a text is read by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// bash, zsh and sh (bash manual 3.1.2 "Quoting").
    Bash,
    /// Windows `cmd.exe`, then the C runtime's argument rules.
    Cmd,
    /// PowerShell: `` ` `` escapes, `''` inside single quotes.
    PowerShell,
    /// fish, read with bash's quoting (see the module doc).
    Fish,
}

/// One shell word after quote removal, with where each byte came from.
#[derive(Clone, Debug, Default)]
pub struct Word {
    pub bytes: Vec<u8>,
    /// For each byte of `bytes`, the span of the pasted text that produced it.
    origin: Vec<(usize, usize)>,
    /// The whole word in the pasted text, quotes included.
    pub span: Range<usize>,
}

impl Word {
    /// The word as text (invalid UTF-8, which only bash's `$'\xff'` makes, as U+FFFD).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// Maps a byte range of `text()` back to the pasted text (the whole word if it cannot).
    pub fn sub_span(&self, r: Range<usize>) -> Range<usize> {
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

    /// The part of `text()` from byte `at` on, as a word of its own (a value written against
    /// its option, as in `-XPOST`).
    pub fn text_from(&self, at: usize) -> Word {
        let text = self.text();
        Word {
            bytes: text.as_bytes().get(at..).unwrap_or_default().to_vec(),
            origin: self.origin.get(at..).unwrap_or_default().to_vec(),
            span: self.sub_span(at..text.len()),
        }
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

/// The words of a command line, and notes about what of it was left out.
#[derive(Debug, Default)]
pub struct Split {
    pub words: Vec<Word>,
    /// Later commands, redirections: parts of the line that are not words of the command.
    pub notes: Vec<Diagnostic>,
}

/// A kind of quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quote {
    Single,
    Double,
    /// bash's `$'…'`.
    AnsiC,
}

impl Quote {
    /// How a message names it: "single quote", "double quote", "quote $'".
    pub fn as_str(self) -> &'static str {
        match self {
            Quote::Single => "single quote",
            Quote::Double => "double quote",
            Quote::AnsiC => "quote $'",
        }
    }
}

/// A quote that is never closed: the one mistake that stops the lexer. Each caller words the
/// message for its own paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unclosed {
    pub quote: Quote,
    /// The opening quote in the pasted text (`'`, `"`, `$'`, or cmd's `^"`).
    pub span: Range<usize>,
}

/// Splits a whole command line into words.
pub fn split(text: &str, dialect: Dialect) -> Result<Split, Unclosed> {
    match dialect {
        Dialect::Cmd => cmd::split(text),
        _ => bash::lex(
            text,
            0..text.len(),
            bash::Rules::of(dialect, Scope::Command),
        ),
    }
}

/// Reads the value of an assignment: one word starting at `range.start`, which ends at an
/// unquoted blank or `;`, or at `range.end` (the end of its line). Empty when the value is.
/// Its span runs from `range.start` to where it ended.
pub fn value(text: &str, range: Range<usize>, dialect: Dialect) -> Result<Word, Unclosed> {
    let range = range.start.min(text.len())..range.end.min(text.len());
    match dialect {
        Dialect::Cmd => Ok(cmd::value(text, range)),
        _ => {
            let split = bash::lex(text, range.clone(), bash::Rules::of(dialect, Scope::Value))?;
            Ok(split.words.into_iter().next().unwrap_or(Word {
                span: range.start..range.start,
                ..Word::default()
            }))
        }
    }
}

/// How much of a shell's syntax applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// A whole command line.
    Command,
    /// The value of one assignment on one line.
    Value,
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

/// The characters of `text[range]` with their byte offsets in `text`, and where each ends.
struct Chars {
    chars: Vec<(usize, char)>,
    end: usize,
}

impl Chars {
    fn new(text: &str, range: Range<usize>) -> Self {
        let chars = text
            .get(range.clone())
            .unwrap_or_default()
            .char_indices()
            .map(|(i, c)| (range.start + i, c))
            .collect();
        Chars {
            chars,
            end: range.end,
        }
    }
    fn get(&self, i: usize) -> Option<(usize, char)> {
        self.chars.get(i).copied()
    }
    /// The character at `i`.
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|c| c.1)
    }
    /// Where the character at `i` ends: where the next one starts, or the end of the range.
    fn end_of(&self, i: usize) -> usize {
        self.chars.get(i + 1).map_or(self.end, |c| c.0)
    }
    /// Where the character at `i` starts, or the end of the range past the last one.
    fn start_of(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.end, |c| c.0)
    }
}
