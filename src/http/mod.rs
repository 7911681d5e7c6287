//! The HTTP and SigV4 vocabulary, owned in one place: header and parameter names, the wire
//! constants of SigV4, the one URL splitter and the one query reader.
//!
//! A leaf: the parsers, the engine, the diagnosis and the reports use it; it uses none of them.

pub mod query;
pub mod url;

/// Header names, lowercase (as canonical requests write them; compare case-insensitively).
pub mod header {
    pub const AUTHORIZATION: &str = "authorization";
    pub const CONTENT_LENGTH: &str = "content-length";
    pub const CONTENT_TYPE: &str = "content-type";
    pub const COOKIE: &str = "cookie";
    pub const EXPECT: &str = "expect";
    pub const HOST: &str = "host";
    pub const PROXY_AUTHORIZATION: &str = "proxy-authorization";
    pub const TRANSFER_ENCODING: &str = "transfer-encoding";
    pub const USER_AGENT: &str = "user-agent";
    pub const X_AMZ_CHECKSUM_MODE: &str = "x-amz-checksum-mode";
    pub const X_AMZ_CONTENT_SHA256: &str = "x-amz-content-sha256";
    pub const X_AMZ_DATE: &str = "x-amz-date";
    pub const X_AMZ_SECURITY_TOKEN: &str = "x-amz-security-token";
    pub const X_AMZ_USER_AGENT: &str = "x-amz-user-agent";
    pub const X_AMZN_TRACE_ID: &str = "x-amzn-trace-id";
    /// The prefix of the headers S3 requires to be signed.
    pub const X_AMZ_PREFIX: &str = "x-amz-";
}

/// The query parameters of query-string authentication (a presigned URL), as AWS writes them.
pub mod param {
    pub const X_AMZ_ALGORITHM: &str = "X-Amz-Algorithm";
    pub const X_AMZ_CREDENTIAL: &str = "X-Amz-Credential";
    pub const X_AMZ_DATE: &str = "X-Amz-Date";
    pub const X_AMZ_EXPIRES: &str = "X-Amz-Expires";
    pub const X_AMZ_SIGNED_HEADERS: &str = "X-Amz-SignedHeaders";
    pub const X_AMZ_SECURITY_TOKEN: &str = "X-Amz-Security-Token";
    pub const X_AMZ_SIGNATURE: &str = "X-Amz-Signature";
    /// Every parameter that carries a presigned signature.
    pub const AUTH: [&str; 7] = [
        X_AMZ_ALGORITHM,
        X_AMZ_CREDENTIAL,
        X_AMZ_DATE,
        X_AMZ_EXPIRES,
        X_AMZ_SIGNED_HEADERS,
        X_AMZ_SECURITY_TOKEN,
        X_AMZ_SIGNATURE,
    ];
}

/// The algorithm name that opens every SigV4 string to sign and Authorization header.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";
/// The last part of every credential scope.
pub const SCOPE_TERMINATOR: &str = "aws4_request";
/// The payload hash of a request whose body is not signed.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// The SHA-256 of an empty body, hex.
pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/// The longest presigned URL lifetime AWS accepts, in seconds (7 days).
pub const MAX_PRESIGN_EXPIRES: u64 = 604_800;

/// RFC 9110 section 5.6.2: `tchar`, the characters of a token (a method, a header name).
pub fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// The first character of `token` that a method or header name cannot hold, if any.
pub fn first_non_tchar(token: &str) -> Option<char> {
    token.chars().find(|&c| !is_tchar(c))
}

/// A header name as HTTP/1.1 clients usually write it on the wire: each dash-separated part
/// capitalised (`x-amz-content-sha256` → `X-Amz-Content-Sha256`).
pub fn wire_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        out.push(if start { c.to_ascii_uppercase() } else { c });
        start = c == '-';
    }
    out
}

/// Whether a header or query parameter name is `X-Amz-Security-Token` (any case). Spaces and
/// control characters around or inside a pasted name do not hide the token.
pub fn is_token_name(name: &str) -> bool {
    let visible: String = name
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    visible.eq_ignore_ascii_case(param::X_AMZ_SECURITY_TOKEN)
}

/// Reads a credential scope `AKID/DATE/REGION/SERVICE/aws4_request` (the SigV4 `Credential`
/// value) into its region and service. Malformed values give nothing.
pub fn scope_region_service(credential: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = credential.trim().split('/').collect();
    let n = parts.len();
    if n < 5 || parts.get(n - 1).copied() != Some(SCOPE_TERMINATOR) {
        return None;
    }
    let region = parts.get(n - 3)?.trim();
    let service = parts.get(n - 2)?.trim();
    if region.is_empty() || service.is_empty() {
        return None;
    }
    Some((region.to_string(), service.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            wire_case(header::X_AMZ_CONTENT_SHA256),
            "X-Amz-Content-Sha256"
        );
        assert_eq!(wire_case(header::X_AMZ_DATE), param::X_AMZ_DATE);
        assert!(is_token_name(" x-amz-security-TOKEN\u{1}"));
        assert!(!is_token_name("x-amz-security"));
        assert_eq!(first_non_tchar("GET"), None);
        assert_eq!(first_non_tchar("G T"), Some(' '));
        assert_eq!(
            scope_region_service("AKID/20150830/us-east-1/iam/aws4_request"),
            Some(("us-east-1".into(), "iam".into()))
        );
        assert_eq!(scope_region_service("AKID/20150830/us-east-1/iam"), None);
    }
}
