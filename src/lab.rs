//! The façade: the one place that puts signing, findings and what AWS said together.
//!
//! [`explain`] signs the inputs, diagnoses them and reads AWS's answer against the signing;
//! [`verify`] checks a request a client already signed, from its own claims. The page and the
//! CLI both call these two functions and nothing below them, so the same inputs give the same
//! verdict in both. What AWS said is an input ([`Inputs::aws_said`]); nothing is edited after
//! it is derived.

use time::OffsetDateTime;

use crate::diagnose::from_error::{self, AwsReading, Ours};
use crate::diagnose::verify::{self, Stage, VerifyReport};
use crate::diagnose::{diagnose, merge, Finding};
use crate::http::{header, param, query};
use crate::input::{Field, Inputs, Mode, Secret, Settings, SigningTime};
use crate::sigv4::scope::{Inferred, Source};
use crate::sigv4::{sign, SignError, Signing};
use crate::timefmt;

/// Everything known about signing one request: the steps, the findings, and AWS's answer read
/// against them. Derived from [`Inputs`] and a clock, never edited.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub signing: Signing,
    /// Most severe first; those of AWS's answer merged in.
    pub findings: Vec<Finding>,
    /// AWS's answer read against the signing, when the inputs carry one.
    pub aws: Option<AwsReading>,
}

/// Signs, diagnoses and reads AWS's answer for `inputs`, judged against the clock `now`.
pub fn explain(inputs: &Inputs, now: OffsetDateTime) -> Result<Explanation, SignError> {
    let signing = sign(inputs, now)?;
    let mut findings = diagnose(inputs, &signing, now);
    let aws = inputs
        .aws_said
        .as_ref()
        .map(|said| from_error::read(said, &Ours::of(&signing, inputs, now)));
    if let Some(reading) = &aws {
        findings = merge(findings, reading.findings.clone());
    }
    Ok(Explanation {
        signing,
        findings,
        aws,
    })
}

/// A signed request checked from its own claims.
#[derive(Clone, Debug, PartialEq)]
pub struct Verification {
    pub report: VerifyReport,
    /// The request's own evidence (clock, keys, token, scope), what verifying showed, and what
    /// AWS answered, most severe first.
    pub findings: Vec<Finding>,
    /// Where the client's signing first left the correct one; `None` when it matches.
    pub first_difference: Option<Stage>,
    /// AWS's answer read against the recomputation, when the inputs carry one.
    pub aws: Option<AwsReading>,
    /// The region and service of the claims, as the diagnosis read them.
    pub region: Inferred,
    pub service: Inferred,
}

impl Verification {
    pub fn matches(&self) -> bool {
        self.report.matches
    }
}

/// The inputs a signed request implies: its own scope, its own X-Amz-Date, query-string
/// authentication when it is a presigned URL, the access key id and session token it carries
/// when `inputs` has none.
fn claimed_inputs(inputs: &Inputs, claims: &verify::Claims) -> Inputs {
    let req = &inputs.request;
    let mut credentials = inputs.credentials.clone();
    if credentials.access_key_id.is_empty() {
        credentials.access_key_id = claims.access_key_id.clone();
    }
    if credentials.session_token.is_none() {
        let carried = req
            .header(header::X_AMZ_SECURITY_TOKEN)
            .map(str::to_string)
            .or_else(|| {
                query::of_url(&req.url).and_then(|q| {
                    query::pairs(q)
                        .find(|p| p.key == param::X_AMZ_SECURITY_TOKEN)
                        .map(|p| p.decoded_value())
                })
            });
        credentials.session_token = carried.map(Secret::new);
    }
    let signed_at = timefmt::parse_amz_date(&claims.amz_date);
    Inputs {
        request: req.clone(),
        credentials,
        region: Some(claims.region.clone()),
        service: Some(claims.service.clone()),
        time: signed_at.map_or(SigningTime::Now, SigningTime::At),
        settings: Settings {
            mode: if claims.presigned {
                Mode::Presign {
                    expires: claims.expires.unwrap_or(3600).max(1),
                }
            } else {
                Mode::Header
            },
            ..Settings::default()
        },
        external_body: inputs.external_body.clone(),
        aws_said: None,
    }
}

/// What a signed request's own claims show without its secret: its scope, its time and a
/// presigned URL's own X-Amz-Expires, judged against `now` (an expired presigned URL, a skewed
/// clock, a region that does not fit the host). The steps are those of signing it as claimed.
pub fn explain_claimed(inputs: &Inputs, now: OffsetDateTime) -> Result<Explanation, SignError> {
    let claims = verify::claims(&inputs.request)?;
    let claimed = Inputs {
        aws_said: inputs.aws_said.clone(),
        ..claimed_inputs(inputs, &claims)
    };
    explain(&claimed, now)
}

/// When the credentials given are for another access key than the one the request was signed
/// with, the sentence that says so: their secret cannot check this signature, and a mismatch
/// would blame the signing for what is only the wrong key.
pub fn another_key(inputs: &Inputs, claims: &verify::Claims) -> Option<String> {
    let given = inputs.credentials.access_key_id.trim();
    (!given.is_empty() && given != claims.access_key_id.trim()).then(|| {
        format!(
            "The request was signed with the access key {}, and the credentials given are for {}: give {}'s secret to check its signature.",
            crate::text::excerpt(&claims.access_key_id, crate::text::QUOTE_CHARS),
            crate::text::excerpt(given, crate::text::QUOTE_CHARS),
            crate::text::excerpt(&claims.access_key_id, crate::text::QUOTE_CHARS),
        )
    })
}

/// Verifies the signed request of `inputs` with its secret access key, judged against `now`.
/// `Err` when the request carries no readable signature or no secret was given.
pub fn verify(inputs: &Inputs, now: OffsetDateTime) -> Result<Verification, SignError> {
    let req = &inputs.request;
    let secret = inputs.credentials.secret_access_key.expose();
    if secret.is_empty() {
        return Err(SignError {
            field: Field::SecretAccessKey,
            message: "Give the secret access key to check the signature with.".into(),
        });
    }
    let claims = verify::claims(req)?;
    if let Some(other) = another_key(inputs, &claims) {
        return Err(SignError {
            field: Field::AccessKeyId,
            message: other,
        });
    }
    let body_hash = inputs.external_body.as_ref().map(|x| x.sha256.as_str());
    let report = verify::verify_with_body_hash(req, secret, body_hash)?;
    let claimed = claimed_inputs(inputs, &claims);
    // The request's own evidence, judged like a sign at its own time and scope.
    let explained = explain(&claimed, now).ok();
    let mut findings = explained
        .as_ref()
        .map(|e| e.findings.clone())
        .unwrap_or_default();
    for f in verify::findings(&report, req) {
        if !findings.iter().any(|g| g.id == f.id) {
            findings.push(f);
        }
    }
    let (region, service) = match &explained {
        Some(e) => (e.signing.region.clone(), e.signing.service.clone()),
        None => {
            let given = |v: &str| Inferred {
                value: v.to_string(),
                source: Source::Flag,
                why: "given".into(),
                from_host: None,
            };
            (given(&claims.region), given(&claims.service))
        }
    };
    let aws = inputs.aws_said.as_ref().map(|said| {
        from_error::read(
            said,
            &Ours {
                canonical_request: report.computed.canonical_request.clone(),
                string_to_sign: report.computed.string_to_sign.clone(),
                region: &region,
                service: &service.value,
                inputs: &claimed,
                signed_at: timefmt::parse_amz_date(&claims.amz_date).unwrap_or(now),
                now,
            },
        )
    });
    if let Some(reading) = &aws {
        findings = merge(findings, reading.findings.clone());
    }
    findings.sort_by_key(|f| f.severity);
    let aws_differs = aws
        .as_ref()
        .and_then(|a| a.canonical_request.as_ref())
        .is_some_and(|c| !c.identical);
    let first_difference = if report.matches {
        None
    } else if aws_differs {
        Some(Stage::CanonicalRequest)
    } else {
        Some(report.first_difference.unwrap_or(Stage::Signature))
    };
    Ok(Verification {
        report,
        findings,
        first_difference,
        aws,
        region,
        service,
    })
}

/// What AWS would do with the request, in one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing found: AWS would accept the signature.
    Accept,
    /// AWS would accept it, but something deserves a look.
    Warning,
    /// AWS would reject it (or did).
    Reject,
}

impl Verdict {
    /// `accept`, `warning` or `reject` (the page's `data-verdict`, the CLI's JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accept => "accept",
            Verdict::Warning => "warning",
            Verdict::Reject => "reject",
        }
    }
}

/// The verdict and the one line that says it, first thing on the page and in the CLI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub verdict: Verdict,
    pub headline: String,
    /// The findings the headline stands for, most severe first (each a link on the page).
    pub items: Vec<crate::diagnose::FindingId>,
}

/// The verdict on a list of findings (most severe first). `verified` says the signature was
/// checked and matches, so an accept can say so.
pub fn summarize(findings: &[Finding], verified: Option<bool>) -> Summary {
    use crate::diagnose::{FindingId, Severity};
    let errors: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    let warnings: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .collect();
    let more = |n: usize| {
        if n > 1 {
            format!(" (+{} more)", n - 1)
        } else {
            String::new()
        }
    };
    let (verdict, headline, items) = if let Some(first) = errors.first() {
        let headline = if first.id == FindingId::AuthorizationDenied {
            format!("{}{}", first.title, more(errors.len()))
        } else {
            format!(
                "AWS would reject this: {}{}",
                lower_first(&first.title),
                more(errors.len())
            )
        };
        (
            Verdict::Reject,
            headline,
            errors.iter().map(|f| f.id).collect(),
        )
    } else if let Some(first) = warnings.first() {
        (
            Verdict::Warning,
            format!(
                "AWS would accept the signature, but: {}{}",
                lower_first(&first.title),
                more(warnings.len())
            ),
            warnings.iter().map(|f| f.id).collect(),
        )
    } else {
        let headline = match verified {
            Some(true) => "The signature is right for this secret. If AWS still refuses the request, look at permissions and identity, not the signing.",
            _ => "AWS would accept this signature: nothing in the inputs shows a reason to reject it.",
        };
        (Verdict::Accept, headline.to_string(), Vec::new())
    };
    Summary {
        verdict,
        headline,
        items,
    }
}

/// The verdict on a signed request judged by its own claims alone, without the secret: a
/// reason to reject it in those claims is one (an expired URL, a skewed clock), but their
/// absence does not make the signature right, and the headline says so.
pub fn summarize_claimed(findings: &[Finding]) -> Summary {
    let s = summarize(findings, None);
    if s.verdict != Verdict::Accept {
        return s;
    }
    Summary {
        verdict: Verdict::Warning,
        headline: "The signature is not checked yet: give the secret access key to check it. Its own claims (its time, expiry and scope) show no reason to reject it.".into(),
        items: Vec::new(),
    }
}

/// `s` with its first letter in lower case, unless it starts an acronym or a name (`AWS`, `S3`).
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(s[a.len_utf8()..].chars()).collect()
        }
        _ => s.to_string(),
    }
}

impl Explanation {
    /// The verdict on this request.
    pub fn summary(&self) -> Summary {
        summarize(&self.findings, None)
    }
}

impl Verification {
    /// The verdict on this signed request.
    pub fn summary(&self) -> Summary {
        summarize(&self.findings, Some(self.matches()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::{Concern, FindingId, Severity};

    /// A presigned URL pasted back without its secret is judged by its own X-Amz-Date and
    /// X-Amz-Expires, not by the form's lifetime.
    #[test]
    fn a_presigned_url_is_judged_by_its_own_expiry() {
        let url = "https://my-bucket.s3.eu-central-1.amazonaws.com/q4.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261105%2Feu-central-1%2Fs3%2Faws4_request&X-Amz-Date=20261105T101500Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=0000";
        let inputs = Inputs {
            request: crate::input::parse_request(url).unwrap().request,
            settings: Settings {
                mode: Mode::Presign { expires: 900 },
                ..Settings::default()
            },
            ..Inputs::default()
        };
        let now = timefmt::parse_instant("2026-12-02T02:00:00Z").unwrap();
        let ex = explain_claimed(&inputs, now).unwrap();
        let expired = ex
            .findings
            .iter()
            .find(|f| f.id == FindingId::PresignExpired)
            .expect("presign-expired");
        assert!(expired.detail.contains("for 3600 s"), "{}", expired.detail);
        assert!(
            expired.detail.contains("2026-11-05T11:15:00Z"),
            "{}",
            expired.detail
        );
        assert!(
            !ex.findings.iter().any(|f| f.id == FindingId::ClockSkew),
            "{:?}",
            ex.findings
        );
        // A request without a signature has no claims.
        let unsigned = Inputs {
            request: crate::input::parse_request("https://sts.amazonaws.com/")
                .unwrap()
                .request,
            ..Inputs::default()
        };
        assert!(explain_claimed(&unsigned, now).is_err());
    }

    fn f(id: FindingId, severity: Severity, title: &str) -> Finding {
        Finding {
            id,
            severity,
            title: title.into(),
            detail: String::new(),
            fix: String::new(),
            concerns: Concern::Field(crate::input::Field::Request),
            checks: Vec::new(),
            ruled_out: Vec::new(),
        }
    }

    #[test]
    fn the_verdict_is_the_most_severe_finding() {
        let missing = f(
            FindingId::SessionTokenMissing,
            Severity::Error,
            "Temporary key without its session token",
        );
        let skew = f(
            FindingId::ClockSkew,
            Severity::Error,
            "The request time is 11 years behind this computer's clock",
        );
        let s = summarize(&[missing.clone(), skew], None);
        assert_eq!(s.verdict, Verdict::Reject);
        assert_eq!(
            s.headline,
            "AWS would reject this: temporary key without its session token (+1 more)"
        );
        assert_eq!(
            s.items,
            [FindingId::SessionTokenMissing, FindingId::ClockSkew]
        );
        let w = f(
            FindingId::AccessKeyMalformed,
            Severity::Warning,
            "The access key id does not look like one",
        );
        assert_eq!(summarize(&[w], None).verdict, Verdict::Warning);
        let info = f(FindingId::ClockSkew, Severity::Info, "inside the window");
        let s = summarize(&[info], None);
        assert_eq!((s.verdict, s.items.len()), (Verdict::Accept, 0));
        assert!(summarize(&[], Some(true))
            .headline
            .contains("permissions and identity"));
        let denied = f(
            FindingId::AuthorizationDenied,
            Severity::Error,
            "AWS accepted the signature, then refused iam:ListUsers to alice",
        );
        assert_eq!(
            summarize(&[denied], None).headline,
            "AWS accepted the signature, then refused iam:ListUsers to alice"
        );
        assert_eq!(lower_first("AWS computed"), "AWS computed");
        assert_eq!(lower_first("S3 signs"), "S3 signs");
    }
}
