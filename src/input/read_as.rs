//! What a pasted request already carries: no signature, a SigV4 Authorization header, or the
//! query parameters of a presigned URL. The page checks a signed request instead of signing it
//! anew, and says which it read.

use super::Request;
use crate::http::{header, param, query};

/// How a pasted request was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReadAs {
    /// No signature: it is to be signed.
    #[default]
    Unsigned,
    /// An `Authorization: AWS4-…` header: it is to be checked.
    Signed,
    /// `X-Amz-Credential` / `X-Amz-Signature` in the query: a presigned URL, to be checked.
    Presigned,
}

impl ReadAs {
    /// `unsigned`, `signed` or `presigned` (the page's `read-as`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReadAs::Unsigned => "unsigned",
            ReadAs::Signed => "signed",
            ReadAs::Presigned => "presigned",
        }
    }

    /// Whether it carries a signature to check.
    pub fn is_signed(self) -> bool {
        self != ReadAs::Unsigned
    }
}

/// How `req` reads: a SigV4 Authorization header first, then a presigned URL's parameters.
pub fn read_as(req: &Request) -> ReadAs {
    let sigv4_auth = req
        .headers
        .iter()
        .filter(|h| h.name.trim().eq_ignore_ascii_case(header::AUTHORIZATION))
        .any(|h| h.value.trim_start().starts_with("AWS4-"));
    if sigv4_auth {
        return ReadAs::Signed;
    }
    let presigned = query::of_url(&req.url).is_some_and(|q| {
        query::pairs(q).any(|p| {
            p.key.eq_ignore_ascii_case(param::X_AMZ_SIGNATURE)
                || p.key.eq_ignore_ascii_case(param::X_AMZ_CREDENTIAL)
        })
    });
    if presigned {
        ReadAs::Presigned
    } else {
        ReadAs::Unsigned
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Header;

    fn req(url: &str, auth: Option<&str>) -> Request {
        Request {
            method: "GET".into(),
            url: url.into(),
            headers: auth
                .map(|a| vec![Header::new("Authorization", a)])
                .unwrap_or_default(),
            body: vec![],
        }
    }

    #[test]
    fn reads_what_the_request_carries() {
        assert_eq!(read_as(&req("https://h/", None)), ReadAs::Unsigned);
        assert_eq!(
            read_as(&req("https://h/", Some("AWS4-HMAC-SHA256 Credential=A/1/r/s/aws4_request, SignedHeaders=host, Signature=0"))),
            ReadAs::Signed
        );
        assert_eq!(
            read_as(&req("https://h/", Some("Bearer abc"))),
            ReadAs::Unsigned
        );
        assert_eq!(
            read_as(&req("https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=A%2F1&X-Amz-Signature=0", None)),
            ReadAs::Presigned
        );
        assert_eq!(
            read_as(&req("https://h/?x-amz-signature-note=1", None)),
            ReadAs::Unsigned
        );
    }
}
