//! The guided walkthrough of the AWS documentation example: each step in our own words, with
//! a link to AWS's SigV4 reference and the exact bytes the step produces marked in its value.
//!
//! Plain Rust (no yew): the page renders [`show`]'s value and range; tests check both against
//! the engine's own explanation.

use std::ops::Range;

use crate::sigv4::canonical::Line;
use crate::sigv4::{Signing, Step as Output};

/// The preset the walkthrough loads: AWS's IAM ListUsers example.
pub const EXAMPLE: &str = "iam-list-users";

/// AWS's reference page for building a signed request; each step links a section of it.
const GUIDE: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html";

/// One step of the walkthrough.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub title: &'static str,
    /// What the step does and why AWS does it that way, in a few sentences.
    pub text: &'static str,
    /// The section of AWS's reference that describes it.
    pub link: &'static str,
    /// The output this step builds.
    pub output: Output,
}

/// Where in an output a step's bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// One line of the canonical request.
    CanonicalLine(Line),
    /// The canonical header lines.
    CanonicalHeaders,
    /// The whole value.
    Whole,
    /// Line `n` of the string to sign.
    StringToSignLine(usize),
    /// `Signature=...` in the Authorization header.
    AuthSignature,
}

const STEPS: [(Step, Part); 11] = [
    (
        Step {
            title: "The HTTP method",
            text: "The canonical request starts with the method, in capitals, exactly as sent. AWS rebuilds this text from the request it receives, so every line must be something both sides can compute from the request alone.",
            link: GUIDE,
            output: Output::CanonicalRequest,
        },
        Part::CanonicalLine(Line::Method),
    ),
    (
        Step {
            title: "The canonical URI",
            text: "Next the path, with every byte outside A–Z, a–z, 0–9 and - _ . ~ percent-encoded. Most services then encode it a second time (a % in the path becomes %25), because their signers encode the already-encoded path; S3 is the exception and signs the path encoded once, as it is sent, since an object key is exactly the bytes in the URL. Dot segments (/./, /../) are removed, except for S3, where they can be part of a key.",
            link: GUIDE,
            output: Output::CanonicalRequest,
        },
        Part::CanonicalLine(Line::Path),
    ),
    (
        Step {
            title: "The canonical query string",
            text: "The query parameters, sorted by name (then by value), with names and values percent-encoded the strict RFC 3986 way: a space is %20, never +. Sorting and strict encoding mean that the order a library writes parameters in, and how it encodes them, cannot change the signature.",
            link: GUIDE,
            output: Output::CanonicalRequest,
        },
        Part::CanonicalLine(Line::Query),
    ),
    (
        Step {
            title: "The canonical headers",
            text: "Each signed header as name:value on its own line: names in lowercase, values trimmed and runs of spaces folded into one, sorted by name. Proxies and HTTP libraries change header case and whitespace freely, so both sides reduce headers to the same bytes before hashing. Host and X-Amz-Date are always among them.",
            link: GUIDE,
            output: Output::CanonicalRequest,
        },
        Part::CanonicalHeaders,
    ),
    (
        Step {
            title: "The signed headers",
            text: "The names of the signed headers, lowercase, sorted, joined with semicolons. It travels in the Authorization header, telling AWS which of the request's headers to put back into its own canonical request; headers not listed can change in transit without breaking the signature.",
            link: GUIDE,
            output: Output::CanonicalRequest,
        },
        Part::CanonicalLine(Line::SignedHeaders),
    ),
    (
        Step {
            title: "The payload hash",
            text: "The last line is the hex SHA-256 of the body (this GET has none, so it is the hash of zero bytes, e3b0…b855). It binds the body to the signature without putting the body in the canonical request. S3 may use the literal UNSIGNED-PAYLOAD instead.",
            link: GUIDE,
            output: Output::CanonicalRequest,
        },
        Part::CanonicalLine(Line::Payload),
    ),
    (
        Step {
            title: "Hash the canonical request",
            text: "The whole canonical request is hashed with SHA-256 and written as lowercase hex. Only this hash goes into the string to sign, so the signature covers every byte above while the next step stays short.",
            link: GUIDE,
            output: Output::CanonicalRequestHash,
        },
        Part::Whole,
    ),
    (
        Step {
            title: "The string to sign",
            text: "Four lines: the algorithm, the request time (X-Amz-Date), the credential scope date/region/service/aws4_request, and the canonical request's hash. The scope ties the signature to one day, one region and one service: AWS rejects it anywhere else, and a time more than about 5 minutes from AWS's clock.",
            link: GUIDE,
            output: Output::StringToSign,
        },
        Part::StringToSignLine(2),
    ),
    (
        Step {
            title: "Derive the signing key",
            text: "The secret never signs anything directly. kDate = HMAC(\"AWS4\" + secret, date), then kRegion = HMAC(kDate, region), kService = HMAC(kRegion, service), kSigning = HMAC(kService, \"aws4_request\"). A key derived this way is only good for that day, region and service, so AWS's front ends can check signatures without holding your secret, and a leaked derived key does limited harm.",
            link: GUIDE,
            output: Output::KSigning,
        },
        Part::Whole,
    ),
    (
        Step {
            title: "The signature",
            text: "HMAC-SHA256 of the string to sign with kSigning, in lowercase hex. Change any byte of anything above and about 60 of these 64 digits change: that is why a near miss gives no hint, and why this page shows every step.",
            link: GUIDE,
            output: Output::Signature,
        },
        Part::Whole,
    ),
    (
        Step {
            title: "The Authorization header",
            text: "The request carries the algorithm, Credential=access key id/scope, SignedHeaders and Signature. AWS looks up the secret for the key id, repeats every step above from the request it received, and compares signatures. (A presigned URL carries the same values as X-Amz-* query parameters instead.)",
            link: GUIDE,
            output: Output::Authorization,
        },
        Part::AuthSignature,
    ),
];

/// How many steps the walkthrough has.
pub const LEN: usize = STEPS.len();

/// Step `n` (from 0).
pub fn step(n: usize) -> Option<Step> {
    STEPS.get(n).map(|(s, _)| *s)
}

/// Step `n`'s value from the signing (the text of its output on the page) and the byte
/// range within it that this step produces.
pub fn show(n: usize, ex: &Signing) -> Option<(String, Range<usize>)> {
    let (step, part) = STEPS.get(n)?;
    let value = step.output.value(ex)?;
    let c = &ex.canonical_request;
    let range = match *part {
        Part::Whole => 0..value.len(),
        Part::CanonicalLine(line) => {
            let i = c.line_number(line);
            lines(&value, i..i + 1)?
        }
        Part::StringToSignLine(i) => lines(&value, i..i + 1)?,
        Part::CanonicalHeaders => lines(
            &value,
            c.line_number(Line::Header(0))..c.line_number(Line::Blank),
        )?,
        Part::AuthSignature => {
            let at = value.find("Signature=")?;
            at..value.len()
        }
    };
    Some((value, range))
}

/// The byte range of lines `which` of `text` (without the newline after the last of them).
fn lines(text: &str, which: Range<usize>) -> Option<Range<usize>> {
    let mut start = None;
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i == which.start {
            start = Some(offset);
        }
        if i + 1 == which.end {
            return Some(start?..offset + line.len());
        }
        offset += line.len() + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_example() -> Signing {
        let inputs = crate::learn::examples::find(EXAMPLE)
            .and_then(|p| p.inputs())
            .unwrap();
        let now = crate::timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap();
        crate::sigv4::sign(&inputs, now).unwrap()
    }

    #[test]
    fn every_step_marks_the_bytes_it_produces_in_the_aws_example() {
        let ex = doc_example();
        let marked: Vec<String> = (0..LEN)
            .map(|n| {
                let (value, range) = show(n, &ex).unwrap();
                value[range].to_string()
            })
            .collect();
        assert_eq!(
            marked,
            [
                "GET",
                "/",
                "Action=ListUsers&Version=2010-05-08",
                "content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z",
                "content-type;host;x-amz-date",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59",
                "20150830/us-east-1/iam/aws4_request",
                ex.signing_key.as_ref().unwrap().steps[3].hex.as_str(),
                "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
                "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
            ]
        );
        // AWS publishes kSigning for this example.
        assert_eq!(
            marked[8],
            "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"
        );
    }

    #[test]
    fn each_step_names_an_output_and_a_reference() {
        for n in 0..LEN {
            let s = step(n).unwrap();
            assert!(
                s.link.starts_with("https://docs.aws.amazon.com/"),
                "{}",
                s.title
            );
            assert!(s.text.len() > 80, "{} explains itself", s.title);
        }
        assert!(step(LEN).is_none());
        assert!(show(LEN, &doc_example()).is_none());
    }
}
