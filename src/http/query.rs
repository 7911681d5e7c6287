//! Query strings: reading `key=value` pairs, decoding them as AWS does, and SigV4's encodings.
//!
//! The one place that knows how a query is split and decoded. AWS reads `+` as a space and
//! `%XX` as a byte; SigV4's `UriEncode` keeps only the RFC 3986 unreserved characters.

use percent_encoding::{
    percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC,
};

/// Everything but the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`.
pub const UNRESERVED_ONLY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
/// The same, keeping `/` (path segments stay separated).
pub const PATH: &AsciiSet = &UNRESERVED_ONLY.remove(b'/');
/// Bytes that cannot appear raw in a URL on the wire (non-ASCII is always encoded).
pub const WIRE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// SigV4's `UriEncode` of a query key or value: unreserved characters kept, all else `%XX` (uppercase).
pub fn uri_encode(s: &str) -> String {
    utf8_percent_encode(s, UNRESERVED_ONLY).to_string()
}

/// SigV4's `UriEncode` of a path: as [`uri_encode`], keeping `/`.
pub fn path_encode(s: &str) -> String {
    utf8_percent_encode(s, PATH).to_string()
}

/// Percent-encodes only the bytes that are not allowed raw in a URL (spaces, non-ASCII, ...).
pub fn wire_encode(s: &str) -> String {
    utf8_percent_encode(s, WIRE).to_string()
}

/// Decodes one query key or value the way AWS reads a query string: `+` is a space, `%XX` a byte.
pub fn decode(s: &str) -> String {
    let plus = s.replace('+', " ");
    percent_decode_str(&plus).decode_utf8_lossy().into_owned()
}

/// Decodes `%XX` only, keeping `+` as a plus sign (as some signers read it).
pub fn decode_keep_plus(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// One `key=value` pair of a query, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair<'a> {
    /// The whole pair, `key=value`.
    pub raw: &'a str,
    pub key: &'a str,
    /// Empty when the pair has no `=`.
    pub value: &'a str,
}

impl Pair<'_> {
    /// The key, decoded as AWS reads it.
    pub fn decoded_key(&self) -> String {
        decode(self.key)
    }
    /// The value, decoded as AWS reads it.
    pub fn decoded_value(&self) -> String {
        decode(self.value)
    }
}

/// The non-empty `&`-separated pairs of `query` (without its `?`), in order.
pub fn pairs(query: &str) -> impl Iterator<Item = Pair<'_>> {
    query.split('&').filter(|p| !p.is_empty()).map(|raw| {
        let (key, value) = raw.split_once('=').unwrap_or((raw, ""));
        Pair { raw, key, value }
    })
}

/// The decoded value of the first parameter whose decoded name is `name` (any case).
pub fn find(query: &str, name: &str) -> Option<String> {
    pairs(query)
        .find(|p| p.decoded_key().eq_ignore_ascii_case(name))
        .map(|p| p.decoded_value())
}

/// The value as written of the first parameter whose name is written `name` (any case).
pub fn find_raw<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    pairs(query)
        .find(|p| p.key.eq_ignore_ascii_case(name))
        .map(|p| p.value)
}

/// The query of `url` (after `?`, before `#`), if it has one.
pub fn of_url(url: &str) -> Option<&str> {
    let before_fragment = url.split('#').next().unwrap_or("");
    before_fragment.split_once('?').map(|(_, q)| q)
}

/// `url` with each `key=value` pair of its query passed through `f` (given the decoded key and the
/// pair as written): `Some` keeps or replaces the pair, `None` drops it. The rest of the URL, and a
/// URL whose query `f` leaves alone, come back byte for byte.
pub fn rewrite(url: &str, mut f: impl FnMut(&str, &str) -> Option<String>) -> String {
    let Some((head, rest)) = url.split_once('?') else {
        return url.to_string();
    };
    let (query, fragment) = match rest.find('#') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let mut changed = false;
    let pairs: Vec<String> = query
        .split('&')
        .filter_map(|pair| {
            let key = pair.split('=').next().unwrap_or("");
            let out = f(&decode(key), pair);
            changed |= out.as_deref() != Some(pair);
            out
        })
        .collect();
    if !changed {
        return url.to_string();
    }
    let query = pairs.join("&");
    if query.is_empty() {
        format!("{head}{fragment}")
    } else {
        format!("{head}?{query}{fragment}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_decodes_pairs() {
        let q = "b=2&a=x+y&c&=&d=%7e";
        let all: Vec<(String, String)> = pairs(q)
            .map(|p| (p.decoded_key(), p.decoded_value()))
            .collect();
        assert_eq!(
            all,
            [("b", "2"), ("a", "x y"), ("c", ""), ("", ""), ("d", "~")]
                .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        assert_eq!(find(q, "A").as_deref(), Some("x y"));
        assert_eq!(find_raw(q, "a"), Some("x+y"));
        assert_eq!(decode_keep_plus("x+y%20"), "x+y ");
        assert_eq!(of_url("https://h/p?x=1#f"), Some("x=1"));
        assert_eq!(of_url("https://h/p"), None);
        assert_eq!(uri_encode("a b/~"), "a%20b%2F~");
        assert_eq!(path_encode("/a b/"), "/a%20b/");
        assert_eq!(wire_encode("/a b/%41"), "/a%20b/%41");
    }

    #[test]
    fn rewrites_only_what_changes() {
        let url = "https://h/?a=1&X-Amz-Security-Token=t#frag";
        assert_eq!(rewrite(url, |_, p| Some(p.to_string())), url);
        assert_eq!(
            rewrite(url, |k, p| (k != "X-Amz-Security-Token")
                .then(|| p.to_string())),
            "https://h/?a=1#frag"
        );
    }
}
