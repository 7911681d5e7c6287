//! `shlex` as an oracle for the bash dialect, on the POSIX subset where the two must agree:
//! plain words, single quotes, double quotes without `$`, backticks or `!`, and backslash
//! escapes, between blanks and line breaks.
//!
//! Left out because the two differ there on purpose: a carriage return (a blank for us, a
//! character for shlex), a backslash before a line break outside quotes at the start of a word
//! (shlex makes an empty word of it), a backslash at the very end (shlex rejects it), and
//! everything bash reads that shlex does not (`$'…'`, `;`, `|`, `&&`, redirections).

use proptest::prelude::*;

use super::{split, Dialect};

/// One piece of a word, as written.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        // Plain characters: none that bash or shlex reads specially.
        "[A-Za-z0-9_./:=@%+,é€-]{1,4}",
        // A backslash and the character it escapes (any printable ASCII, a tab).
        "\\\\[ -~\t]",
        // Single quotes: anything but a single quote, line breaks included.
        "'[A-Za-z0-9 \t\n\"\\\\$`!#;|&<>é-]{0,6}'",
        // Double quotes: no `$`, backtick or `!`; backslashes before what they escape, before
        // a line break (a continuation), and before characters they do not escape.
        proptest::collection::vec(
            prop_oneof![
                "[A-Za-z0-9 \t\n'#;|&<>é-]",
                Just("\\\"".to_string()),
                Just("\\\\".to_string()),
                Just("\\\n".to_string()),
                "\\\\[a-z' ]",
            ],
            0..6
        )
        .prop_map(|items| format!("\"{}\"", items.concat())),
    ]
}

/// Words of one to four pieces between runs of blanks and line breaks.
fn command_line() -> impl Strategy<Value = String> {
    (
        "[ \t\n]{0,2}",
        proptest::collection::vec(
            (proptest::collection::vec(segment(), 1..4), "[ \t\n]{1,3}"),
            0..6,
        ),
    )
        .prop_map(|(lead, words)| {
            let mut text = lead;
            for (pieces, blanks) in words {
                text.push_str(&pieces.concat());
                text.push_str(&blanks);
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn bash_words_are_shlex_words(text in command_line()) {
        let ours = split(&text, Dialect::Bash).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let theirs = shlex::bytes::split(text.as_bytes());
        let words: Vec<Vec<u8>> = ours.words.iter().map(|w| w.bytes.clone()).collect();
        prop_assert_eq!(Some(words), theirs, "{:?}", text);
        prop_assert!(ours.notes.is_empty(), "{:?}: {:?}", text, ours.notes);
    }

    #[test]
    fn each_span_holds_its_word_alone(text in command_line()) {
        let ours = split(&text, Dialect::Bash).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let mut previous_end = 0;
        for w in &ours.words {
            prop_assert!(previous_end <= w.span.start && w.span.start < w.span.end, "{:?}: {:?}", text, w.span);
            previous_end = w.span.end;
            let alone = split(&text[w.span.clone()], Dialect::Bash)
                .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            let again: Vec<&[u8]> = alone.words.iter().map(|a| a.bytes.as_slice()).collect();
            prop_assert_eq!(again, vec![w.bytes.as_slice()], "{:?}", text);
        }
    }

    #[test]
    fn an_unclosed_quote_fails_in_both(text in command_line(), quote in "['\"]") {
        let text = format!("{text} {quote}x");
        prop_assert!(split(&text, Dialect::Bash).is_err(), "{:?}", text);
        prop_assert_eq!(shlex::bytes::split(text.as_bytes()), None, "{:?}", text);
    }
}
