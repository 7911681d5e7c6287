//! Comparing our canonical request and string to sign with AWS's (or a client's), naming what differs.

use serde::Serialize;

/// Where two canonical requests first part ways, in words a person can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// Which part: `method`, `path`, `query`, `headers`, `signed headers`, `payload hash`, or a string-to-sign part.
    pub part: &'static str,
    /// One sentence naming the difference.
    pub what: String,
    /// 1-based line and column (in bytes) of the first differing byte.
    pub line: usize,
    pub column: usize,
}

/// A line-by-line and byte-by-byte comparison of two texts AWS hashes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    let lines: Vec<&str> = text.split('\n').collect();
    let get = |i: usize| lines.get(i).copied().unwrap_or("");
    let blank = lines
        .iter()
        .skip(3)
        .position(|l| l.is_empty())
        .map_or(lines.len(), |p| p + 3);
    Sections {
        method: get(0),
        path: get(1),
        query: get(2),
        headers: lines.get(3..blank).map(|s| s.to_vec()).unwrap_or_default(),
        signed: get(blank + 1),
        payload: get(blank + 2),
    }
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
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = format!("--- sigv4-lab\n+++ {theirs_name}\n");
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push_str(&format!(" {}\n", a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push_str(&format!("-{}\n", a[i]));
            i += 1;
        } else {
            out.push_str(&format!("+{}\n", b[j]));
            j += 1;
        }
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
    let mut add = |part: &'static str, what: String| {
        differences.push(Difference {
            part,
            what,
            line,
            column,
        })
    };
    if a.method != b.method {
        add(
            "method",
            format!(
                "The HTTP method differs: ours {:?}, {theirs_name}'s {:?}.",
                a.method, b.method
            ),
        );
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
        add(
            "path",
            format!(
                "The canonical URI (path encoding) differs: ours {:?}, {theirs_name}'s {:?}.{hint}",
                a.path, b.path
            ),
        );
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
        add(
            "query",
            format!(
                "The canonical query string differs: ours {:?}, {theirs_name}'s {:?}.{hint}",
                a.query, b.query
            ),
        );
    }
    if a.headers != b.headers {
        let name = |l: &str| l.split(':').next().unwrap_or("").to_string();
        let names_a: Vec<String> = a.headers.iter().map(|l| name(l)).collect();
        let names_b: Vec<String> = b.headers.iter().map(|l| name(l)).collect();
        let mut parts = Vec::new();
        for l in &a.headers {
            let n = name(l);
            match b.headers.iter().find(|m| name(m) == n) {
                None => parts.push(format!("{n} only in ours")),
                Some(m) if m != l => {
                    parts.push(format!("{n}: ours {:?}, {theirs_name}'s {:?}", l, m))
                }
                _ => {}
            }
        }
        for n in names_b.iter().filter(|n| !names_a.contains(n)) {
            parts.push(format!("{n} only in {theirs_name}'s"));
        }
        add(
            "headers",
            format!("The canonical headers differ: {}.", parts.join("; ")),
        );
    }
    if a.signed != b.signed {
        add(
            "signed headers",
            format!(
                "The signed-header list differs: ours {:?}, {theirs_name}'s {:?}.",
                a.signed, b.signed
            ),
        );
    }
    if a.payload != b.payload {
        let hint = match (a.payload, b.payload) {
            (_, "UNSIGNED-PAYLOAD") | ("UNSIGNED-PAYLOAD", _) => {
                " One side signed UNSIGNED-PAYLOAD, the other a body hash."
            }
            (_, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") => {
                " They hashed an empty body: the body was not sent, or not given to the signer."
            }
            _ => " The body sent is not the body that was signed.",
        };
        add(
            "payload hash",
            format!(
                "The payload hash differs: ours {}, {theirs_name}'s {}.{hint}",
                a.payload, b.payload
            ),
        );
    }
    if differences.is_empty() {
        differences.push(Difference { part: "whitespace", line, column, what:  format!("The texts differ only in line endings or trailing bytes (line {line}, column {column}).") });
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
        "algorithm",
        "request date",
        "credential scope",
        "canonical request hash",
    ];
    let mut differences = Vec::new();
    for (i, part) in names.iter().enumerate() {
        let (x, y) = (
            a.get(i).copied().unwrap_or(""),
            b.get(i).copied().unwrap_or(""),
        );
        if x != y {
            differences.push(Difference {
                part,
                what: format!("The {part} differs: ours {x:?}, {theirs_name}'s {y:?}."),
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
        assert_eq!(c.differences[0].part, "path");
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
        assert_eq!(c.differences[0].part, "headers");
        assert!(c.differences[0].what.contains("host"));
        assert!(canonical_requests(OURS, OURS, "AWS").identical);
    }
}
