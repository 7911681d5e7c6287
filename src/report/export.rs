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
    let mut out = String::new();
    curl_command(&mut out, &r.method, &r.url);
    for (n, v) in &r.headers {
        curl_header(&mut out, n, v);
    }
    if let Some(file) = &r.body_file {
        curl_data(&mut out, CurlData::File(&file.name));
    } else if !r.body.is_empty() {
        curl_data(&mut out, CurlData::Bytes(&r.body));
    }
    out
}

/// The start of a curl command line: `curl -X METHOD URL`, or `curl --head URL`.
pub(super) fn curl_command(out: &mut String, method: &str, url: &str) {
    out.push_str("curl");
    if method == "HEAD" {
        out.push_str(" --head");
    } else {
        out.push_str(" -X ");
        out.push_str(&shell_quote(method.as_bytes()));
    }
    if has_dot_segments(url) {
        // curl removes `.` and `..` segments itself unless told not to: the path is signed as
        // written, so it must go out as written.
        out.push_str(" --path-as-is");
    }
    out.push(' ');
    out.push_str(&shell_quote(url.as_bytes()));
}

/// One more argument on a line of its own: ` \`, a line break, `  OPTION VALUE` (quoted already).
pub(super) fn curl_arg(out: &mut String, option: &str, value: &str) {
    out.push_str(" \\\n  ");
    out.push_str(option);
    out.push(' ');
    out.push_str(value);
}

/// `-H 'Name: value'`, or `-H 'Name;'`: curl's way to send an empty header.
pub(super) fn curl_header(out: &mut String, name: &str, value: &str) {
    let h = if value.is_empty() {
        format!("{name};")
    } else {
        format!("{name}: {value}")
    };
    curl_arg(out, "-H", &shell_quote(h.as_bytes()));
}

/// What curl sends as the body.
pub(super) enum CurlData<'a> {
    Bytes(&'a [u8]),
    /// A file curl reads itself: `@name` is the file's bytes, unchanged.
    File(&'a str),
}

/// `--data-binary` with the body's bytes or `@name`.
pub(super) fn curl_data(out: &mut String, data: CurlData<'_>) {
    let arg = match data {
        CurlData::Bytes(b) => shell_quote(b),
        CurlData::File(name) => shell_quote(format!("@{name}").as_bytes()),
    };
    curl_arg(out, "--data-binary", &arg);
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
