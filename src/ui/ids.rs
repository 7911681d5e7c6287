//! The page's `data-testid`s (and element ids) for the core's typed names: the only place that
//! knows how the page spells an input, a step or a finding.

use crate::diagnose::{Concern, FindingId};
use crate::input::Field;
use crate::learn::what_if::Mistake;
use crate::sigv4::Step;

/// The test id of the field (`signing-time`, `session-token`, ...).
pub fn field(f: Field) -> &'static str {
    match f {
        Field::Method => "method",
        Field::Url => "url",
        Field::Headers => "headers",
        Field::Body => "body",
        Field::Region => "region",
        Field::Service => "service",
        Field::SigningTime => "signing-time",
        Field::Expires => "expires",
        Field::AccessKeyId => "access-key-id",
        Field::SecretAccessKey => "secret-access-key",
        Field::SessionToken => "session-token",
        Field::Credentials => "credentials-input",
        Field::Request => "request-input",
        Field::AwsError => "error-input",
    }
}

/// The test id of a step's output (`canonical-request`, `k-date`, ...).
pub fn step(s: Step) -> &'static str {
    match s {
        Step::CanonicalRequest => "canonical-request",
        Step::CanonicalRequestHash => "canonical-request-hash",
        Step::StringToSign => "string-to-sign",
        Step::KDate => "k-date",
        Step::KRegion => "k-region",
        Step::KService => "k-service",
        Step::KSigning => "k-signing",
        Step::Signature => "signature",
        Step::Authorization => "authorization",
        Step::SignedUrl => "signed-url",
    }
}

/// The test id of what a finding concerns.
pub fn concern(c: Concern) -> &'static str {
    match c {
        Concern::Field(f) => field(f),
        Concern::Step(s) => step(s),
    }
}

/// `finding-<id>`.
pub fn finding(id: FindingId) -> String {
    format!("finding-{}", id.as_str())
}

/// `what-if-<mistake>`.
pub fn what_if(m: Mistake) -> String {
    format!("what-if-{}", m.id())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CONTRACT.md's output test ids are the steps' stable names.
    #[test]
    fn step_ids_are_the_contract_names() {
        for s in Step::ALL {
            assert_eq!(step(s), s.as_str());
        }
    }
}
