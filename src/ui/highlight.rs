//! Which bytes of which step a part of the input produced, and the reverse: hovering or
//! focusing a header, the URL, the date, the secret, ... lights its lines in every step, and
//! hovering a line of a step lights the input it came from.
//!
//! Plain Rust (no yew), tested natively; the page keeps the part under the pointer as view
//! state and asks [`lit`] what to light.

use crate::http::header;
use crate::sigv4::canonical::{Line, Origin};
use crate::sigv4::Signing;

/// A part of the input a person can point at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Method,
    /// The URL: path, query and (unless a Host header is given) the host.
    Url,
    /// A header, by lowercase name.
    Header(String),
    Body,
    /// The signing time.
    Date,
    Secret,
    Region,
    Service,
}

/// What to light for a part: line numbers (from 0) of the canonical request and of the
/// string to sign, which of kDate, kRegion, kService, kSigning, and the signature.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lit {
    pub canonical: Vec<usize>,
    pub string_to_sign: Vec<usize>,
    pub keys: [bool; 4],
    pub signature: bool,
}

/// The canonical request's header lines: (line number, lowercase name).
fn header_lines(ex: &Signing) -> impl Iterator<Item = (usize, &str)> {
    let c = &ex.canonical_request;
    c.headers
        .iter()
        .enumerate()
        .map(|(i, h)| (c.line_number(Line::Header(i)), h.name.as_str()))
}

/// Line numbers of the canonical request after the headers: (signed headers, payload hash).
fn tail_lines(ex: &Signing) -> (usize, usize) {
    let c = &ex.canonical_request;
    (
        c.line_number(Line::SignedHeaders),
        c.line_number(Line::Payload),
    )
}

/// Everything `part` produced in `ex`.
pub fn lit(part: &Part, ex: &Signing) -> Lit {
    let (signed_headers, payload) = tail_lines(ex);
    let c = &ex.canonical_request;
    let header = |name: &str| header_lines(ex).find(|(_, n)| *n == name).map(|(i, _)| i);
    let presign = ex.rules.presign;
    let mut l = Lit {
        signature: true,
        ..Lit::default()
    };
    match part {
        Part::Method => l.canonical = vec![c.line_number(Line::Method)],
        Part::Url => {
            l.canonical = vec![c.line_number(Line::Path), c.line_number(Line::Query)];
            l.canonical.extend(header(header::HOST));
        }
        Part::Header(name) => {
            let name = name.trim().to_ascii_lowercase();
            match header(&name) {
                Some(i) => l.canonical = vec![i, signed_headers],
                // A header the request has but that is not signed produces nothing.
                None => return Lit::default(),
            }
        }
        Part::Body => l.canonical = vec![payload],
        Part::Date => {
            // In a presigned URL the date travels as X-Amz-Date in the query.
            l.canonical = if presign {
                vec![c.line_number(Line::Query)]
            } else {
                header(header::X_AMZ_DATE).into_iter().collect()
            };
            l.string_to_sign = vec![1, 2];
            l.keys = [true; 4];
        }
        Part::Secret => l.keys = [true; 4],
        Part::Region => {
            l.string_to_sign = vec![2];
            l.keys = [false, true, true, true];
        }
        Part::Service => {
            l.string_to_sign = vec![2];
            l.keys = [false, false, true, true];
        }
    }
    if !l.canonical.is_empty() {
        // Whatever is in the canonical request is in its hash, the last line of the string to sign.
        l.string_to_sign.push(3);
    }
    if ex.signature.is_none() {
        l.keys = [false; 4];
        l.signature = false;
    }
    l
}

/// The part of the input a line of the canonical request came from.
pub fn part_of_canonical_line(line: usize, ex: &Signing) -> Option<Part> {
    let c = &ex.canonical_request;
    match c.line_at(line)? {
        Line::Method => Some(Part::Method),
        Line::Path | Line::Query => Some(Part::Url),
        Line::Payload => Some(Part::Body),
        Line::Blank | Line::SignedHeaders => None,
        Line::Header(i) => {
            let h = &c.headers[i];
            Some(match h.name.as_str() {
                header::X_AMZ_DATE => Part::Date,
                header::HOST if h.origin != Origin::Request => Part::Url,
                n => Part::Header(n.to_string()),
            })
        }
    }
}

/// The part of the input a line of the string to sign came from (its date line).
pub fn part_of_string_to_sign_line(line: usize) -> Option<Part> {
    (line == 1).then_some(Part::Date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::state::{reduce, Action, State};

    fn example(id: &str) -> Signing {
        let s = reduce(State::default(), Action::LoadExample(id.into()));
        let now = crate::timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
        s.explain(now).unwrap().signing
    }

    fn lines(text: &str, which: &[usize]) -> Vec<String> {
        let all: Vec<&str> = text.split('\n').collect();
        which.iter().map(|&i| all[i].to_string()).collect()
    }

    #[test]
    fn each_part_lights_the_lines_it_produced_in_the_aws_example() {
        let ex = example("iam-list-users");
        let creq = ex.canonical_request.to_string();
        let sts = ex.string_to_sign.to_string();
        let ct = lit(&Part::Header("Content-Type".into()), &ex);
        assert_eq!(
            lines(&creq, &ct.canonical),
            [
                "content-type:application/x-www-form-urlencoded; charset=utf-8",
                "content-type;host;x-amz-date"
            ]
        );
        assert_eq!(
            lines(&sts, &ct.string_to_sign),
            [ex.canonical_request_hash()]
        );
        assert_eq!(ct.keys, [false; 4]);
        assert!(ct.signature);

        let url = lit(&Part::Url, &ex);
        assert_eq!(
            lines(&creq, &url.canonical),
            [
                "/",
                "Action=ListUsers&Version=2010-05-08",
                "host:iam.amazonaws.com"
            ]
        );
        let date = lit(&Part::Date, &ex);
        assert_eq!(
            lines(&creq, &date.canonical),
            ["x-amz-date:20150830T123600Z"]
        );
        assert_eq!(
            lines(&sts, &date.string_to_sign),
            [
                "20150830T123600Z",
                "20150830/us-east-1/iam/aws4_request",
                ex.canonical_request_hash()
            ]
        );
        assert_eq!(date.keys, [true; 4]);
        let secret = lit(&Part::Secret, &ex);
        assert!(secret.canonical.is_empty() && secret.string_to_sign.is_empty());
        assert_eq!(secret.keys, [true; 4]);
        assert_eq!(lit(&Part::Region, &ex).keys, [false, true, true, true]);
        assert_eq!(lit(&Part::Service, &ex).keys, [false, false, true, true]);
        let body = lit(&Part::Body, &ex);
        assert_eq!(
            lines(&creq, &body.canonical),
            [ex.payload.as_str().to_string()]
        );
        // An unsigned or absent header lights nothing.
        assert_eq!(
            lit(&Part::Header("x-not-there".into()), &ex),
            Lit::default()
        );
    }

    #[test]
    fn every_canonical_line_leads_back_to_the_part_that_lights_it() {
        for id in [
            "iam-list-users",
            "s3-get-session-token",
            "s3-presign",
            "sts-get-caller-identity",
            "api-gateway",
        ] {
            let ex = example(id);
            let n = ex.canonical_request.to_string().split('\n').count();
            let (signed_headers, _) = tail_lines(&ex);
            for line in 0..n {
                match part_of_canonical_line(line, &ex) {
                    Some(part) => assert!(
                        lit(&part, &ex).canonical.contains(&line),
                        "{id}: line {line} comes from {part:?}, which does not light it"
                    ),
                    // Only the blank line and the signed header names have no single source.
                    None => assert!(
                        line == signed_headers - 1 || line == signed_headers,
                        "{id}: line {line}"
                    ),
                }
            }
        }
    }
}
