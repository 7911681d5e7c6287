//! Where a parse error sits in the pasted text: the line around its span, cut to a readable size.

use std::ops::Range;

/// Where a parse error sits in the pasted text: the line(s) around its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// 1-based number of the first line shown.
    pub first_line: usize,
    pub before: String,
    /// The marked text: exactly `text[span]` when it is short, else its start and "…".
    pub marked: String,
    /// How many characters the span holds, when `marked` shows only its start.
    pub marked_cut: Option<usize>,
    pub after: String,
    /// True when the span is empty and sits at the end of a line or of the text.
    pub at_line_end: bool,
}

/// Characters of context shown on each side of the span.
const CONTEXT_CHARS: usize = 80;
/// Characters of the span itself shown before it is cut.
const MARK_CHARS: usize = 160;
/// Lines of the span shown before it is cut.
const MARK_LINES: usize = 4;

impl Excerpt {
    /// The lines of `text` holding `span`; `marked` is `text[span]` (clamped to the text and to
    /// char boundaries), cut after [`MARK_CHARS`] characters or [`MARK_LINES`] lines.
    pub fn new(text: &str, span: Range<usize>) -> Self {
        let start = text.floor_char_boundary(span.start.min(text.len()));
        let end = text.floor_char_boundary(span.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let mut before = &text[line_start..start];
        let mut after = &text[end..line_end];
        let mut lead = "";
        let mut tail = "";
        if let Some((i, _)) = before.char_indices().rev().nth(CONTEXT_CHARS) {
            before = &before[i..];
            lead = "…";
        }
        if let Some((i, _)) = after.char_indices().nth(CONTEXT_CHARS) {
            after = &after[..i];
            tail = "…";
        }
        let whole = &text[start..end];
        let by_chars = whole.char_indices().nth(MARK_CHARS).map(|(i, _)| i);
        let by_lines = whole
            .match_indices('\n')
            .nth(MARK_LINES - 1)
            .map(|(i, _)| i);
        let (marked, marked_cut) = match by_chars.into_iter().chain(by_lines).min() {
            Some(cut) => (format!("{}…", &whole[..cut]), Some(whole.chars().count())),
            None => (whole.to_string(), None),
        };
        Excerpt {
            first_line: text[..line_start].matches('\n').count() + 1,
            before: format!("{lead}{before}"),
            marked,
            marked_cut,
            after: format!("{after}{tail}"),
            at_line_end: start == end
                && (end == text.len() || text[end..].starts_with(['\n', '\r'])),
        }
    }

    /// How many lines the excerpt spans.
    pub fn line_count(&self) -> usize {
        self.before.matches('\n').count()
            + self.marked.matches('\n').count()
            + self.after.matches('\n').count()
            + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_span_is_marked_whole_with_its_line_around_it() {
        let text = "GET / HTTP/1.1\nHost: h\nX-Amz-Date 20150830T123600Z\n\n";
        let start = text.find("X-Amz").unwrap();
        let ex = Excerpt::new(text, start..start + 27);
        assert_eq!(ex.first_line, 3);
        assert_eq!(ex.marked, "X-Amz-Date 20150830T123600Z");
        assert_eq!(ex.marked_cut, None);
        assert_eq!((ex.before.as_str(), ex.after.as_str()), ("", ""));
        assert_eq!(ex.line_count(), 1);
    }

    #[test]
    fn a_megabyte_span_is_cut_to_its_start() {
        let line = format!("X-No-Colon {}", "n".repeat(1 << 20));
        let text = format!("GET / HTTP/1.1\nHost: h\n{line}\n\n");
        let start = text.find("X-No").unwrap();
        let ex = Excerpt::new(&text, start..start + line.len());
        assert!(ex.marked.starts_with("X-No-Colon nnn") && ex.marked.ends_with('…'));
        assert_eq!(ex.marked.chars().count(), MARK_CHARS + 1);
        assert_eq!(ex.marked_cut, Some(line.len()));
        let shown = ex.before.len() + ex.marked.len() + ex.after.len();
        assert!(shown < 1000, "{shown}");

        // A span over thousands of lines keeps a few of them.
        let many = "a\n".repeat(5000);
        let ex = Excerpt::new(&many, 0..many.len());
        assert_eq!(ex.line_count(), MARK_LINES);
        assert!(ex.marked.ends_with('…'));
    }
}
