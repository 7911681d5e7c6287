//! Comparing our canonical request and string to sign with AWS's (or a client's), naming what differs.

use std::collections::{HashMap, HashSet};

use crate::http::{EMPTY_SHA256, UNSIGNED_PAYLOAD};
use crate::sigv4::canonical::{read_lines, Line};
use crate::text::{excerpt, quoted_from, thousands, QUOTE_CHARS};

/// How many characters of each side a difference quotes.
const SHOWN: usize = 64;
/// How many differing headers a sentence names.
const HEADERS_LISTED: usize = 6;
/// The largest line-by-line table the diff builds (lines of ours × lines of theirs).
const DIFF_CELLS: usize = 1 << 20;

/// How many equal characters a quote keeps before the first difference.
const LEAD: usize = 16;

/// Two differing texts quoted for a sentence: whole when short, else cut around where they
/// first part ways, so the difference is in view and megabytes are not.
fn pair(a: &str, b: &str) -> (String, String) {
    let first = a
        .chars()
        .zip(b.chars())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.chars().count().min(b.chars().count()));
    let start = if first + LEAD < SHOWN {
        0
    } else {
        first - LEAD
    };
    (quoted_from(a, start, SHOWN), quoted_from(b, start, SHOWN))
}

/// A part of a canonical request or string to sign that can differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Method,
    Path,
    Query,
    Headers,
    SignedHeaders,
    PayloadHash,
    /// Only line endings or trailing bytes.
    Whitespace,
    Algorithm,
    RequestDate,
    CredentialScope,
    CanonicalRequestHash,
}

impl Part {
    /// The part in words, as the sentences and the CLI's JSON name it (`payload hash`).
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Method => "method",
            Part::Path => "path",
            Part::Query => "query",
            Part::Headers => "headers",
            Part::SignedHeaders => "signed headers",
            Part::PayloadHash => "payload hash",
            Part::Whitespace => "whitespace",
            Part::Algorithm => "algorithm",
            Part::RequestDate => "request date",
            Part::CredentialScope => "credential scope",
            Part::CanonicalRequestHash => "canonical request hash",
        }
    }
}

/// Where two canonical requests first part ways, in words a person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub part: Part,
    /// One sentence naming the difference.
    pub what: String,
    /// 1-based line and column (in bytes) of the first differing byte.
    pub line: usize,
    pub column: usize,
}

/// A line-by-line and byte-by-byte comparison of two texts AWS hashes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub identical: bool,
    /// Each differing part, in order.
    pub differences: Vec<Difference>,
    /// A unified diff, ours (`-`) against theirs (`+`).
    pub diff: String,
}

struct Sections<'a> {
    method: &'a str,
    path: &'a str,
    query: &'a str,
    headers: Vec<&'a str>,
    signed: &'a str,
    payload: &'a str,
}

fn sections(text: &str) -> Sections<'_> {
    let mut out = Sections {
        method: "",
        path: "",
        query: "",
        headers: Vec::new(),
        signed: "",
        payload: "",
    };
    for (line, l) in read_lines(text) {
        match line {
            Line::Method => out.method = l,
            Line::Path => out.path = l,
            Line::Query => out.query = l,
            Line::Header(_) => out.headers.push(l),
            Line::Blank => {}
            Line::SignedHeaders => out.signed = l,
            Line::Payload => out.payload = l,
        }
    }
    out
}

fn first_byte_difference(a: &str, b: &str) -> (usize, usize) {
    let at = a
        .bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let before = &a.as_bytes()[..at];
    let line = before.iter().filter(|&&c| c == b'\n').count() + 1;
    let col = at
        - before
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    (line, col)
}

/// A unified-style line diff (`-` ours, `+` theirs, ` ` both) from a longest common subsequence.
///
/// Canonical requests are a dozen lines, so the O(n·m) table is tiny; a diff crate
/// (`similar`) cost ~190 KB of WebAssembly for this one use.
fn unified(ours: &str, theirs: &str, theirs_name: &str) -> String {
    let a: Vec<&str> = ours.split('\n').collect();
    let b: Vec<&str> = theirs.split('\n').collect();
    // Lines both start or end with need no table.
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_mid, b_mid) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut out = format!("--- sigv4-lab\n+++ {theirs_name}\n");
    for l in &a[..head] {
        out.push_str(&format!(" {l}\n"));
    }
    let (n, m) = (a_mid.len(), b_mid.len());
    if (n + 1).saturating_mul(m + 1) > DIFF_CELLS {
        // Thousands of differing lines (a hostile paste, never a real canonical request):
        // all of ours out, all of theirs in.
        for l in a_mid {
            out.push_str(&format!("-{l}\n"));
        }
        for l in b_mid {
            out.push_str(&format!("+{l}\n"));
        }
    } else {
        // lcs[i][j]: length of the longest common subsequence of a_mid[i..] and b_mid[j..].
        let mut lcs = vec![vec![0u32; m + 1]; n + 1];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i][j] = if a_mid[i] == b_mid[j] {
                    lcs[i + 1][j + 1] + 1
                } else {
                    lcs[i + 1][j].max(lcs[i][j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && a_mid[i] == b_mid[j] {
                out.push_str(&format!(" {}\n", a_mid[i]));
                i += 1;
                j += 1;
            } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.push_str(&format!("-{}\n", a_mid[i]));
                i += 1;
            } else {
                out.push_str(&format!("+{}\n", b_mid[j]));
                j += 1;
            }
        }
    }
    for l in &a[a.len() - tail..] {
        out.push_str(&format!(" {l}\n"));
    }
    out
}

/// Compares two canonical requests (`ours` from the engine, `theirs` from AWS or a client).
pub fn canonical_requests(ours: &str, theirs: &str, theirs_name: &str) -> Comparison {
    let theirs = theirs.replace("\r\n", "\n");
    let theirs = theirs.as_str();
    if ours == theirs {
        return Comparison {
            identical: true,
            differences: vec![],
            diff: String::new(),
        };
    }
    let (a, b) = (sections(ours), sections(theirs));
    let (line, column) = first_byte_difference(ours, theirs);
    let mut differences = Vec::new();
    let mut add = |part: Part, what: String| {
        differences.push(Difference {
            part,
            what,
            line,
            column,
        })
    };
    if a.method != b.method {
        add(Part::Method, {
            let (x, y) = pair(a.method, b.method);
            format!("The HTTP method differs: ours {x}, {theirs_name}'s {y}.")
        });
    }
    if a.path != b.path {
        let hint = if a.path.replace("%25", "%") == b.path {
            " We encoded the path twice; they encoded it once (S3 style, or single encoding)."
        } else if b.path.replace("%25", "%") == a.path {
            " They encoded the path twice (as every service but S3 does); we encoded it once."
        } else if a.path.trim_end_matches('/') == b.path.trim_end_matches('/') {
            " Only the trailing slash differs."
        } else {
            ""
        };
        add(Part::Path, {
            let (x, y) = pair(a.path, b.path);
            format!(
                "The canonical URI (path encoding) differs: ours {x}, {theirs_name}'s {y}.{hint}"
            )
        });
    }
    if a.query != b.query {
        let mut sa: Vec<&str> = a.query.split('&').collect();
        let mut sb: Vec<&str> = b.query.split('&').collect();
        sa.sort_unstable();
        sb.sort_unstable();
        let hint = if sa == sb {
            " Same parameters, different order: the query must be sorted by name."
        } else if a.query.replace("%20", "+") == b.query || b.query.replace("%20", "+") == a.query {
            " A space is %20 on one side and + on the other: SigV4 wants %20."
        } else {
            ""
        };
        add(Part::Query, {
            let (x, y) = pair(a.query, b.query);
            format!("The canonical query string differs: ours {x}, {theirs_name}'s {y}.{hint}")
        });
    }
    if a.headers != b.headers {
        fn name(l: &str) -> &str {
            l.split(':').next().unwrap_or("")
        }
        // The first line of each name on their side (a paste may hold thousands).
        let mut theirs_by_name: HashMap<&str, &str> = HashMap::new();
        for m in &b.headers {
            theirs_by_name.entry(name(m)).or_insert(m);
        }
        let names_a: HashSet<&str> = a.headers.iter().map(|l| name(l)).collect();
        let names_b: Vec<&str> = b.headers.iter().map(|l| name(l)).collect();
        let mut parts = Vec::new();
        for l in &a.headers {
            let n = name(l);
            match theirs_by_name.get(n).copied() {
                None => parts.push(format!("{} only in ours", excerpt(n, QUOTE_CHARS))),
                Some(m) if m != *l => {
                    let (x, y) = pair(l, m);
                    parts.push(format!(
                        "{}: ours {x}, {theirs_name}'s {y}",
                        excerpt(n, QUOTE_CHARS)
                    ))
                }
                _ => {}
            }
        }
        for n in names_b.iter().filter(|n| !names_a.contains(*n)) {
            parts.push(format!(
                "{} only in {theirs_name}'s",
                excerpt(n, QUOTE_CHARS)
            ));
        }
        let more = parts.len().saturating_sub(HEADERS_LISTED);
        parts.truncate(HEADERS_LISTED);
        if more > 0 {
            parts.push(format!("and {} more", thousands(more)));
        }
        add(
            Part::Headers,
            format!("The canonical headers differ: {}.", parts.join("; ")),
        );
    }
    if a.signed != b.signed {
        add(Part::SignedHeaders, {
            let (x, y) = pair(a.signed, b.signed);
            format!("The signed-header list differs: ours {x}, {theirs_name}'s {y}.")
        });
    }
    if a.payload != b.payload {
        let hint = match (a.payload, b.payload) {
            (_, UNSIGNED_PAYLOAD) | (UNSIGNED_PAYLOAD, _) => {
                " One side signed UNSIGNED-PAYLOAD, the other a body hash."
            }
            (_, EMPTY_SHA256) => {
                " They hashed an empty body: the body was not sent, or not given to the signer."
            }
            _ => " The body sent is not the body that was signed.",
        };
        add(
            Part::PayloadHash,
            format!(
                "The payload hash differs: ours {}, {theirs_name}'s {}.{hint}",
                excerpt(a.payload, SHOWN),
                excerpt(b.payload, SHOWN)
            ),
        );
    }
    if differences.is_empty() {
        differences.push(Difference { part: Part::Whitespace, line, column, what:  format!("The texts differ only in line endings or trailing bytes (line {line}, column {column}).") });
    }
    Comparison {
        identical: false,
        differences,
        diff: unified(ours, theirs, theirs_name),
    }
}

/// Compares two strings to sign.
pub fn strings_to_sign(ours: &str, theirs: &str, theirs_name: &str) -> Comparison {
    let theirs = theirs.replace("\r\n", "\n");
    if ours == theirs {
        return Comparison {
            identical: true,
            differences: vec![],
            diff: String::new(),
        };
    }
    let (line, column) = first_byte_difference(ours, &theirs);
    let a: Vec<&str> = ours.split('\n').collect();
    let b: Vec<&str> = theirs.split('\n').collect();
    let names = [
        Part::Algorithm,
        Part::RequestDate,
        Part::CredentialScope,
        Part::CanonicalRequestHash,
    ];
    let mut differences = Vec::new();
    for (i, part) in names.iter().enumerate() {
        let (x, y) = (
            a.get(i).copied().unwrap_or(""),
            b.get(i).copied().unwrap_or(""),
        );
        if x != y {
            differences.push(Difference {
                part: *part,
                what: {
                    let (x, y) = pair(x, y);
                    format!(
                        "The {} differs: ours {x}, {theirs_name}'s {y}.",
                        part.as_str()
                    )
                },
                line,
                column,
            });
        }
    }
    Comparison {
        identical: false,
        differences,
        diff: unified(ours, &theirs, theirs_name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &str = "GET\n/a%2520b\n\nhost:h\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn names_path_encoding() {
        let theirs = OURS.replace("/a%2520b", "/a%20b");
        let c = canonical_requests(OURS, &theirs, "AWS");
        assert_eq!(c.differences.len(), 1);
        assert_eq!(c.differences[0].part, Part::Path);
        assert!(
            c.differences[0].what.contains("twice"),
            "{}",
            c.differences[0].what
        );
        assert_eq!((c.differences[0].line, c.differences[0].column), (2, 5));
        assert!(
            c.diff.contains("-/a%2520b") && c.diff.contains("+/a%20b"),
            "{}",
            c.diff
        );
    }

    #[test]
    fn names_header_and_query_differences() {
        let theirs = OURS.replace("host:h", "host:h:443");
        let c = canonical_requests(OURS, &theirs, "AWS");
        assert_eq!(c.differences[0].part, Part::Headers);
        assert!(c.differences[0].what.contains("host"));
        assert!(canonical_requests(OURS, OURS, "AWS").identical);
    }

    // Both sides of each condition (measured by `make mutants`).

    /// The one difference `theirs` has from `OURS`.
    fn only(theirs: &str) -> Difference {
        let c = canonical_requests(OURS, theirs, "AWS");
        assert!(!c.identical);
        assert_eq!(c.differences.len(), 1, "{:?}", c.differences);
        c.differences.into_iter().next().unwrap()
    }

    #[test]
    fn a_quote_starts_sixteen_characters_before_the_difference_once_it_would_fall_out() {
        let at = |n: usize| {
            (
                format!("{}A{}", "x".repeat(n), "y".repeat(100)),
                format!("{}B{}", "x".repeat(n), "y".repeat(100)),
            )
        };
        // The difference at character 47: quoted from the start.
        let (a, b) = at(47);
        let (x, y) = pair(&a, &b);
        assert!(x.starts_with("\"xxxx") && y.starts_with("\"xxxx"), "{x}");
        assert!(x.contains(&format!("{}A", "x".repeat(16))), "{x}");
        // At 48 it would be the 65th character shown: the quote starts 16 before it.
        let (a, b) = at(48);
        let (x, y) = pair(&a, &b);
        assert!(x.starts_with(&format!("\"…{}A", "x".repeat(16))), "{x}");
        assert!(y.starts_with(&format!("\"…{}B", "x".repeat(16))), "{y}");
        // One text the start of the other: the difference is where the shorter ends.
        let long = format!("{}z", "x".repeat(100));
        let (x, _) = pair(&long, &"x".repeat(100));
        assert!(x.starts_with(&format!("\"…{}z", "x".repeat(16))), "{x}");
    }

    #[test]
    fn parts_are_named_as_the_json_names_them() {
        assert_eq!(
            [
                Part::Method,
                Part::SignedHeaders,
                Part::PayloadHash,
                Part::CanonicalRequestHash
            ]
            .map(Part::as_str),
            [
                "method",
                "signed headers",
                "payload hash",
                "canonical request hash"
            ]
        );
    }

    #[test]
    fn the_first_differing_byte_by_line_and_column() {
        let d = only(&OURS.replacen("GET", "PUT", 1));
        assert_eq!((d.part, d.line, d.column), (Part::Method, 1, 1));
        assert!(d.what.contains("ours \"GET\", AWS's \"PUT\""), "{}", d.what);
        // The first byte of a line is column 1 of that line.
        let d = only(&OURS.replace("host:h", "Host:h"));
        assert_eq!((d.line, d.column), (4, 1));
        let d = only(&OURS.replace("x-amz-date:20150830T123600Z", "x-amz-date:20150830T123601Z"));
        assert_eq!((d.part, d.line, d.column), (Part::Headers, 5, 26));
        assert_eq!(first_byte_difference("ab\ncd", "ab\ncd!"), (2, 3));
        assert_eq!(first_byte_difference("abc", "abd"), (1, 3));
    }

    #[test]
    fn path_hints_in_each_direction_and_none_when_no_rule_explains_it() {
        let d = only(&OURS.replace("/a%2520b", "/a%20b"));
        assert!(d.what.contains("We encoded the path twice"), "{}", d.what);
        let c = canonical_requests(&OURS.replace("/a%2520b", "/a%20b"), OURS, "AWS");
        assert!(
            c.differences[0]
                .what
                .contains("They encoded the path twice"),
            "{}",
            c.differences[0].what
        );
        let d = only(&OURS.replace("/a%2520b", "/a%2520b/"));
        assert!(
            d.what.ends_with("Only the trailing slash differs."),
            "{}",
            d.what
        );
        let d = only(&OURS.replace("/a%2520b", "/other"));
        assert!(d.what.ends_with("AWS's \"/other\"."), "{}", d.what);
    }

    #[test]
    fn query_hints_for_order_and_spaces() {
        let ours = OURS.replace("/a%2520b\n\n", "/a%2520b\na=1&b=x%20y\n");
        let q = |query: &str| {
            let c = canonical_requests(&ours, &ours.replace("a=1&b=x%20y", query), "AWS");
            assert_eq!(c.differences[0].part, Part::Query);
            c.differences[0].what.clone()
        };
        assert!(q("b=x%20y&a=1").contains("Same parameters, different order"));
        assert!(q("a=1&b=x+y").contains("A space is %20 on one side and + on the other"));
        let c = canonical_requests(&ours.replace("x%20y", "x+y"), &ours, "AWS");
        assert!(
            c.differences[0].what.contains("A space is %20"),
            "{}",
            c.differences[0].what
        );
        let other = q("a=2&b=x%20y");
        assert!(other.ends_with("AWS's \"a=2&b=x%20y\"."), "{other}");
    }

    #[test]
    fn headers_named_by_what_differs() {
        let d = only(&OURS.replace("host:h\n", "host:h\nx-extra:1\n"));
        assert_eq!(d.part, Part::Headers);
        assert_eq!(
            d.what,
            "The canonical headers differ: x-extra only in AWS's."
        );
        let d = only(&OURS.replace("host:h\n", ""));
        assert_eq!(d.what, "The canonical headers differ: host only in ours.");
        let d = only(&OURS.replace("host:h", "host:g"));
        assert_eq!(
            d.what,
            "The canonical headers differ: host: ours \"host:h\", AWS's \"host:g\"."
        );
        // At most six are named, then how many more.
        let many = |n: usize| {
            let extra: String = (0..n).map(|i| format!("x-{i}:v\n")).collect();
            only(&OURS.replace("host:h\n", &format!("host:h\n{extra}"))).what
        };
        assert!(!many(6).contains("more"), "{}", many(6));
        assert!(many(6).contains("x-5 only in AWS's"), "{}", many(6));
        assert!(many(7).ends_with("; and 1 more."), "{}", many(7));
    }

    #[test]
    fn signed_headers_and_payload_hints() {
        let d = only(&OURS.replace("\nhost;x-amz-date\n", "\nhost\n"));
        assert_eq!(d.part, Part::SignedHeaders);
        let payload = |theirs: &str, ours: &str| {
            let a = OURS.replace(EMPTY_SHA256, ours);
            let c = canonical_requests(&a, &OURS.replace(EMPTY_SHA256, theirs), "AWS");
            assert_eq!(c.differences[0].part, Part::PayloadHash);
            c.differences[0].what.clone()
        };
        let body = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
        assert!(payload(UNSIGNED_PAYLOAD, body)
            .ends_with("One side signed UNSIGNED-PAYLOAD, the other a body hash."));
        assert!(payload(body, UNSIGNED_PAYLOAD)
            .ends_with("One side signed UNSIGNED-PAYLOAD, the other a body hash."));
        assert!(payload(EMPTY_SHA256, body).ends_with(
            "They hashed an empty body: the body was not sent, or not given to the signer."
        ));
        assert!(
            payload(body, EMPTY_SHA256).ends_with("The body sent is not the body that was signed.")
        );
    }

    #[test]
    fn only_line_endings_differ() {
        let d = only(&format!("{OURS}\n"));
        assert_eq!(d.part, Part::Whitespace);
        assert!(d.what.contains("line 8"), "{}", d.what);
        // CRLF from a paste is read as LF.
        assert!(canonical_requests(OURS, &OURS.replace('\n', "\r\n"), "AWS").identical);
    }

    #[test]
    fn strings_to_sign_name_the_line_that_differs() {
        let ours = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\nabc";
        assert!(strings_to_sign(ours, &ours.replace('\n', "\r\n"), "AWS").identical);
        let c = strings_to_sign(ours, &ours.replace("us-east-1", "eu-west-1"), "AWS");
        assert!(!c.identical);
        assert_eq!(c.differences.len(), 1);
        assert_eq!(c.differences[0].part, Part::CredentialScope);
        assert_eq!((c.differences[0].line, c.differences[0].column), (3, 10));
        assert!(
            c.diff.contains("+20150830/eu-west-1/iam/aws4_request"),
            "{}",
            c.diff
        );
        let c = strings_to_sign(ours, &ours.replace("abc", "abd"), "AWS");
        assert_eq!(
            c.differences.iter().map(|d| d.part).collect::<Vec<_>>(),
            [Part::CanonicalRequestHash]
        );
    }

    #[test]
    fn a_diff_keeps_the_common_lines_around_the_change() {
        let c = canonical_requests(OURS, &OURS.replace("host:h", "host:g"), "AWS");
        assert_eq!(
            c.diff,
            "--- sigv4-lab\n+++ AWS\n GET\n /a%2520b\n \n-host:h\n+host:g\n x-amz-date:20150830T123600Z\n \n host;x-amz-date\n e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
        );
    }

    #[test]
    fn a_diff_too_big_for_the_table_is_all_out_then_all_in() {
        let a: String = (0..1100).map(|i| format!("a{i}\n")).collect();
        let b: String = (0..1100).map(|i| format!("b{i}\n")).collect();
        let d = unified(&format!("same\n{a}end"), &format!("same\n{b}end"), "AWS");
        let lines: Vec<&str> = d.lines().collect();
        assert_eq!(lines[2], " same");
        assert_eq!(lines[3], "-a0");
        assert_eq!(lines[1102], "-a1099");
        assert_eq!(lines[1103], "+b0");
        assert_eq!(lines[2202], "+b1099");
        assert_eq!(lines[2203], " end");
        // Just under the table's size, the same texts diff line by line (the same result here,
        // since no line is shared).
        let small_a: String = (0..1000).map(|i| format!("a{i}\n")).collect();
        let small_b: String = (0..1000).map(|i| format!("b{i}\n")).collect();
        let d = unified(&small_a, &small_b, "AWS");
        // (the count includes the "--- sigv4-lab" line)
        assert_eq!(d.lines().filter(|l| l.starts_with('-')).count(), 1001);
    }

    #[test]
    fn a_diff_of_exactly_the_tables_size_is_still_line_by_line() {
        // 1023 differing lines a side, one shared in the middle: (1023 + 1)² cells, the table's
        // size exactly, so the shared line is kept as shared.
        let side = |p: &str| {
            (0..1023)
                .map(|i| {
                    if i == 511 {
                        "shared".to_string()
                    } else {
                        format!("{p}{i}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let d = unified(&side("a"), &side("b"), "AWS");
        assert!(d.contains("\n shared\n"), "the shared line is not kept");
        // One line more a side and it is all out, then all in.
        let big = |p: &str| format!("{}\n{p}x", side(p));
        let d = unified(&big("a"), &big("b"), "AWS");
        assert!(d.contains("\n-shared\n") && d.contains("\n+shared\n"));
        // One line more on one side only: 1024 × 1025 cells, over the size.
        let d = unified(&side("a"), &big("b"), "AWS");
        assert!(d.contains("\n-shared\n") && d.contains("\n+shared\n"));
        let d = unified(&big("a"), &side("b"), "AWS");
        assert!(d.contains("\n-shared\n") && d.contains("\n+shared\n"));
    }
}

/// The hand-written line diff against `similar` (a dev-dependency: ~190 KB the page does
/// without): both are minimal, so they remove and add the same number of lines, and the diff
/// rebuilds both texts.
#[cfg(test)]
mod oracle {
    use super::*;
    use proptest::prelude::*;

    fn lines() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec(
            prop_oneof![Just("a"), Just("b"), Just("c"), Just(""), Just("host:h")]
                .prop_map(str::to_string),
            0..12,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn unified_is_a_minimal_diff(a in lines(), b in lines()) {
            let (ours, theirs) = (a.join("\n"), b.join("\n"));
            let diff = unified(&ours, &theirs, "AWS");
            let body: Vec<&str> = diff.lines().skip(2).collect();
            let side = |keep: char| -> Vec<String> {
                body.iter()
                    .filter(|l| l.starts_with(' ') || l.starts_with(keep))
                    .map(|l| l[1..].to_string())
                    .collect()
            };
            prop_assert_eq!(side('-'), ours.split('\n').map(str::to_string).collect::<Vec<_>>());
            prop_assert_eq!(side('+'), theirs.split('\n').map(str::to_string).collect::<Vec<_>>());
            let a_lines: Vec<&str> = ours.split('\n').collect();
            let b_lines: Vec<&str> = theirs.split('\n').collect();
            let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &a_lines, &b_lines);
            let (mut del, mut ins) = (0, 0);
            for op in ops {
                match op.tag() {
                    similar::DiffTag::Delete => del += op.old_range().len(),
                    similar::DiffTag::Insert => ins += op.new_range().len(),
                    similar::DiffTag::Replace => {
                        del += op.old_range().len();
                        ins += op.new_range().len();
                    }
                    similar::DiffTag::Equal => {}
                }
            }
            prop_assert_eq!(body.iter().filter(|l| l.starts_with('-')).count(), del);
            prop_assert_eq!(body.iter().filter(|l| l.starts_with('+')).count(), ins);
        }
    }
}
