//! Findings: why AWS would reject a request, each from evidence in the inputs and quoting its numbers.
//!
//! [`diagnose`] runs one rule per finding id over the inputs and their signing; it never edits
//! the signing. What AWS answered is read by [`from_error::read`], a signed request is checked by
//! [`verify`]. Ids are stable (CONTRACT.md). A finding fires only on its evidence: a clean
//! request, signed now with well-formed credentials, yields no error or warning.

pub mod compare;
pub mod facts;
pub mod from_error;
pub mod id;
mod rules;
pub mod verify;

use time::OffsetDateTime;

use crate::http::url::raw_authority;
use crate::input::{Field, Inputs, Mode};
use crate::sigv4::scope::{self, HostFacts};
use crate::sigv4::{session_token, Signing, Step};

pub use id::FindingId;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`, as the CLI's JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// What a finding is about: an input, or a step of signing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Concern {
    Field(Field),
    Step(Step),
}

impl Concern {
    /// The stable name of the input or step (the CLI's JSON `concerns`).
    pub fn as_str(self) -> &'static str {
        match self {
            Concern::Field(f) => f.as_str(),
            Concern::Step(s) => s.as_str(),
        }
    }
}

/// A concern equals its stable name.
impl PartialEq<&str> for Concern {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// One cause, with the numbers that show it and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub id: FindingId,
    pub severity: Severity,
    pub title: String,
    pub detail: String,
    pub fix: String,
    /// The input or step it concerns.
    pub concerns: Concern,
    /// What to check, most likely first, each with the command or console place that checks
    /// it (for causes the request cannot show).
    pub checks: Vec<Check>,
    /// What the inputs rule out, each in a sentence ("not clock skew: signed 3 s ago").
    pub ruled_out: Vec<String>,
}

/// One thing to check, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// The possible cause, in a sentence.
    pub cause: String,
    /// The command or console place that checks it.
    pub how: String,
}

/// What every rule reads, worked out once.
pub(crate) struct Ctx<'a> {
    pub inputs: &'a Inputs,
    pub signing: &'a Signing,
    pub now: OffsetDateTime,
    /// The access key id and secret as given, and trimmed.
    pub akid: &'a str,
    pub akid_t: &'a str,
    pub secret: &'a str,
    pub secret_t: &'a str,
    pub token: Option<&'a str>,
    /// The region and service in the scope.
    pub region: &'a str,
    pub service: &'a str,
    /// The signing instant, whole seconds.
    pub signed_at: OffsetDateTime,
    /// The presigned URL's lifetime, when presigning.
    pub presign_expires: Option<u64>,
    /// The URL's authority as written, and what it says about region and service.
    pub host: &'a str,
    pub host_facts: HostFacts,
}

/// Findings from the inputs and their signing, judged against the clock `now`.
pub fn diagnose(inputs: &Inputs, signing: &Signing, now: OffsetDateTime) -> Vec<Finding> {
    let creds = &inputs.credentials;
    let secret = creds.secret_access_key.expose();
    let host = raw_authority(&inputs.request.url);
    let ctx = Ctx {
        inputs,
        signing,
        now,
        akid: &creds.access_key_id,
        akid_t: creds.access_key_id.trim(),
        secret,
        secret_t: secret.trim(),
        token: session_token(creds),
        region: &signing.region.value,
        service: &signing.service.value,
        signed_at: signing.time.replace_nanosecond(0).unwrap_or(signing.time),
        presign_expires: match inputs.settings.mode {
            Mode::Presign { expires } => Some(expires),
            Mode::Header => None,
        },
        host,
        host_facts: scope::from_host(host),
    };
    let found = rules::RULES.iter().flat_map(|rule| rule(&ctx)).collect();
    by_severity(found)
}

/// Most severe first, keeping the order within a severity.
pub fn by_severity(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by_key(|f| f.severity);
    findings
}

/// `findings` with `more` added: one finding per id, the evidence of a second one appended to
/// the first ("AWS confirms: …"), most severe first.
pub fn merge(mut findings: Vec<Finding>, more: Vec<Finding>) -> Vec<Finding> {
    for f in more {
        // AWS rejecting the credentials confirms a cause the inputs already show.
        let same = |g: &&mut Finding| {
            g.id == f.id
                || (f.id == FindingId::CredentialsRejected && EXPLAIN_REJECTION.contains(&g.id))
        };
        match findings.iter_mut().find(same) {
            Some(g) => {
                g.detail.push_str(" AWS confirms: ");
                g.detail.push_str(&f.detail);
            }
            None => findings.push(f),
        }
    }
    by_severity(findings)
}

/// Findings from the inputs that explain why AWS rejects the credentials: with one of them,
/// `credentials-rejected` is AWS confirming it, not a cause of its own.
const EXPLAIN_REJECTION: [FindingId; 6] = [
    FindingId::SessionTokenMissing,
    FindingId::SessionTokenUnexpected,
    FindingId::StsV1TokenOptInRegion,
    FindingId::AccessKeyNotAKey,
    FindingId::KeysSwapped,
    FindingId::KeyWhitespace,
];

/// How long `seconds` is, in the unit a person would say it in ([`timefmt::duration_words`]).
pub(crate) fn human_minutes(seconds: i64) -> String {
    crate::timefmt::duration_words(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(id: FindingId, severity: Severity, detail: &str) -> Finding {
        Finding {
            id,
            severity,
            title: id.as_str().into(),
            detail: detail.into(),
            fix: String::new(),
            concerns: Concern::Field(Field::Credentials),
            checks: Vec::new(),
            ruled_out: Vec::new(),
        }
    }

    fn ids(f: &[Finding]) -> Vec<&'static str> {
        f.iter().map(|f| f.id.as_str()).collect()
    }

    #[test]
    fn severities_as_the_json_writes_them() {
        assert_eq!(
            [Severity::Error, Severity::Warning, Severity::Info].map(Severity::as_str),
            ["error", "warning", "info"]
        );
    }

    #[test]
    fn a_concern_equals_its_own_name_only() {
        let c = Concern::Field(Field::SecretAccessKey);
        assert_eq!(c.as_str(), "secret-access-key");
        assert!(c == "secret-access-key");
        assert!(c != "access-key-id");
        assert!(Concern::Step(Step::Signature) != "secret-access-key");
    }

    #[test]
    fn most_severe_first_in_their_order() {
        let f = by_severity(vec![
            finding(FindingId::SessionTokenUnsigned, Severity::Info, "1"),
            finding(FindingId::SecretMalformed, Severity::Warning, "2"),
            finding(FindingId::ClockSkew, Severity::Error, "3"),
            finding(FindingId::KeyWhitespace, Severity::Error, "4"),
        ]);
        assert_eq!(
            ids(&f),
            [
                "clock-skew",
                "key-whitespace",
                "secret-malformed",
                "session-token-unsigned"
            ]
        );
    }

    #[test]
    fn aws_evidence_joins_the_finding_of_the_same_id() {
        let f = merge(
            vec![finding(FindingId::ClockSkew, Severity::Error, "Ours.")],
            vec![finding(FindingId::ClockSkew, Severity::Error, "AWS's.")],
        );
        assert_eq!(ids(&f), ["clock-skew"]);
        assert_eq!(f[0].detail, "Ours. AWS confirms: AWS's.");
        // Another id stands on its own, sorted among the others.
        let f = merge(
            vec![finding(
                FindingId::SecretMalformed,
                Severity::Warning,
                "Ours.",
            )],
            vec![finding(
                FindingId::SignatureMismatch,
                Severity::Error,
                "AWS's.",
            )],
        );
        assert_eq!(ids(&f), ["signature-mismatch", "secret-malformed"]);
        assert_eq!(f[1].detail, "Ours.");
    }

    #[test]
    fn credentials_rejected_confirms_only_a_credentials_cause() {
        for cause in EXPLAIN_REJECTION {
            let f = merge(
                vec![finding(cause, Severity::Error, "Ours.")],
                vec![finding(
                    FindingId::CredentialsRejected,
                    Severity::Error,
                    "AWS's.",
                )],
            );
            assert_eq!(ids(&f), [cause.as_str()]);
            assert_eq!(f[0].detail, "Ours. AWS confirms: AWS's.");
        }
        // A cause that does not explain a rejected key: the rejection is a finding of its own.
        let f = merge(
            vec![finding(FindingId::ClockSkew, Severity::Info, "Ours.")],
            vec![finding(
                FindingId::CredentialsRejected,
                Severity::Error,
                "AWS's.",
            )],
        );
        assert_eq!(ids(&f), ["credentials-rejected", "clock-skew"]);
        // ... and another AWS finding never joins a credentials cause.
        let f = merge(
            vec![finding(
                FindingId::SessionTokenMissing,
                Severity::Error,
                "Ours.",
            )],
            vec![finding(
                FindingId::SignatureMismatch,
                Severity::Error,
                "AWS's.",
            )],
        );
        assert_eq!(ids(&f), ["session-token-missing", "signature-mismatch"]);
        assert_eq!(f[0].detail, "Ours.");
    }
}
