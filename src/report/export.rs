//! The signed request as text a person runs or reads: a curl command line and raw HTTP/1.1.

use crate::http::header;
use crate::sigv4::signed::SignedRequest;

/// Quotes a word for a POSIX shell: single quotes, or `$'...'` when it holds bytes a terminal would mangle.
pub fn shell_quote(bytes: &[u8]) -> String {
    let bare = |b: &u8| b.is_ascii_alphanumeric() || b"-_./:=@%+,".contains(b);
    if !bytes.is_empty() && bytes.iter().all(bare) {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let plain = std::str::from_utf8(bytes)
        .ok()
        .filter(|s| !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
    match plain {
        Some(s) => format!("'{}'", s.replace('\'', r"'\''")),
        None => {
            let mut out = String::from("$'");
            for &b in bytes {
                match b {
                    b'\\' => out.push_str(r"\\"),
                    b'\'' => out.push_str(r"\'"),
                    0x20..=0x7e => out.push(b as char),
                    _ => out.push_str(&format!("\\x{b:02x}")),
                }
            }
            out.push('\'');
            out
        }
    }
}

/// The signed request as a curl command line that sends exactly the signed bytes.
pub fn curl(r: &SignedRequest) -> String {
    let mut out = String::from("curl");
    if r.method == "HEAD" {
        out.push_str(" --head");
    } else {
        out.push_str(&format!(" -X {}", shell_quote(r.method.as_bytes())));
    }
    if has_dot_segments(&r.url) {
        // curl removes `.` and `..` segments itself unless told not to: the path is signed as
        // written, so it must go out as written.
        out.push_str(" --path-as-is");
    }
    out.push_str(&format!(" {}", shell_quote(r.url.as_bytes())));
    for (n, v) in &r.headers {
        // `Name;` is curl's way to send an empty header.
        let h = if v.is_empty() {
            format!("{n};")
        } else {
            format!("{n}: {v}")
        };
        out.push_str(&format!(" \\\n  -H {}", shell_quote(h.as_bytes())));
    }
    if let Some(file) = &r.body_file {
        // curl reads the file itself: `@name` is the file's bytes, unchanged.
        let arg = format!("@{}", file.name);
        out.push_str(&format!(
            " \\\n  --data-binary {}",
            shell_quote(arg.as_bytes())
        ));
    } else if !r.body.is_empty() {
        out.push_str(&format!(" \\\n  --data-binary {}", shell_quote(&r.body)));
    }
    out
}

/// Whether the path of `url` has a `.` or `..` segment (which curl would remove).
fn has_dot_segments(url: &str) -> bool {
    let path = crate::http::url::split(url)
        .map(|u| u.path)
        .unwrap_or_default();
    path.split('/').any(|seg| seg == "." || seg == "..")
}

/// The signed request as raw HTTP/1.1 text (body as UTF-8, lossily).
pub fn raw_http(r: &SignedRequest) -> String {
    let (host, target) = split_target(&r.url);
    let mut out = format!("{} {} HTTP/1.1\n", r.method, target);
    if !r
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case(header::HOST))
    {
        out.push_str(&format!("Host: {host}\n"));
    }
    for (n, v) in &r.headers {
        out.push_str(&format!("{n}: {v}\n"));
    }
    out.push('\n');
    match &r.body_file {
        Some(file) => out.push_str(&format!(
            "[the {} bytes of the file {}]",
            file.size, file.name
        )),
        None => out.push_str(&String::from_utf8_lossy(&r.body)),
    }
    out
}

fn split_target(url: &str) -> (&str, &str) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(url: &str) -> SignedRequest {
        SignedRequest {
            method: "GET".into(),
            url: url.into(),
            headers: vec![],
            body: vec![],
            body_file: None,
        }
    }

    #[test]
    fn dot_segments_go_out_as_written() {
        assert!(curl(&get("https://h/a/../b")).contains(" --path-as-is "));
        assert!(curl(&get("https://h/./b")).contains(" --path-as-is "));
        assert!(!curl(&get("https://h/a..b/.c")).contains("--path-as-is"));
        assert!(!curl(&get("https://h/?x=/../")).contains("--path-as-is"));
    }
}
