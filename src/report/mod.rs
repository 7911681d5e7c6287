//! Sharing a repro: a link that carries the request, a Markdown report for a ticket, and code that signs it again.

pub mod markdown;
pub mod share;
pub mod snippets;

use crate::sigv4::canonical::decode_query_component;

/// The header and query parameter that carry a session token.
pub(crate) const TOKEN_NAME: &str = "X-Amz-Security-Token";

/// Whether a header or query parameter name is `X-Amz-Security-Token` (any case).
pub(crate) fn is_token_name(name: &str) -> bool {
    // Spaces and control characters around or inside a pasted name do not hide the token.
    let visible: String = name
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    visible.eq_ignore_ascii_case(TOKEN_NAME)
}

/// `url` with each `key=value` pair of its query passed through `f` (given the decoded key and the
/// pair as written): `Some` keeps or replaces the pair, `None` drops it. The rest of the URL, and a
/// URL whose query `f` leaves alone, come back byte for byte.
pub(crate) fn rewrite_query(url: &str, mut f: impl FnMut(&str, &str) -> Option<String>) -> String {
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
            let out = f(&decode_query_component(key), pair);
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
