//! What an AWS error response reveals, as findings, and AWS's canonical request compared with ours.

use super::compare::{self, Comparison};
use super::{human_minutes, Concern, Finding, FindingId, Severity};
use crate::generated::catalogue::CatalogueId;
use crate::input::aws_error::AwsError;
use crate::input::Field;
use crate::sigv4::scope::Inferred;
use crate::sigv4::{Signing, Step};
use crate::text::{excerpt, quoted_max, QUOTE_CHARS};
use crate::timefmt;

/// How many characters of AWS's message a finding quotes.
const SAID_CHARS: usize = 160;

/// What AWS's answer is read against: our canonical request and string to sign for the same
/// request, and the scope they were signed for.
pub struct Ours<'a> {
    pub canonical_request: String,
    pub string_to_sign: String,
    pub region: &'a Inferred,
    pub service: &'a str,
}

impl<'a> Ours<'a> {
    /// What the engine signed.
    pub fn of(s: &'a Signing) -> Self {
        Ours {
            canonical_request: s.canonical_request.to_string(),
            string_to_sign: s.string_to_sign.to_string(),
            region: &s.region,
            service: &s.service.value,
        }
    }
}

/// Findings and comparisons from an AWS error, given our signing of the same request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwsReading {
    pub findings: Vec<Finding>,
    /// AWS's canonical request and string to sign compared with ours, when the error carried them.
    pub canonical_request: Option<Comparison>,
    pub string_to_sign: Option<Comparison>,
}

fn finding(
    id: FindingId,
    concerns: Concern,
    title: impl Into<String>,
    detail: impl Into<String>,
    fix: impl Into<String>,
) -> Finding {
    Finding {
        id,
        severity: Severity::Error,
        title: title.into(),
        detail: detail.into(),
        fix: fix.into(),
        concerns,
    }
}

fn skew_finding(
    request: &str,
    server: &str,
    allowed: Option<&str>,
    service: &str,
) -> Option<Finding> {
    let r = timefmt::parse_instant(request)?;
    let s = timefmt::parse_instant(server)?;
    let skew = (r - s).whole_seconds();
    let dir = if skew < 0 { "behind" } else { "ahead of" };
    let allowed = allowed.map_or(String::new(), |n| format!("; {service} allows {n} min"));
    Some(finding(
        FindingId::ClockSkew,
        Concern::Field(Field::SigningTime),
        format!("AWS says the request time is {} {dir} its clock", human_minutes(skew)),
        format!(
            "The request said {}, AWS's clock said {}: {} apart{allowed}. The clock of the machine that signed is off \
             (or the request was signed long before it was sent).",
            timefmt::iso(r),
            timefmt::iso(s),
            human_minutes(skew)
        ),
        "Sync the signing machine's clock (timedatectl set-ntp true; in a container or VM, the host's clock), \
         and sign right before sending. Most SDKs also correct for skew after the first such error.",
    ))
}

/// Reads an AWS error against our signing of the request it answered.
pub fn read(err: &AwsError, ours: &Ours<'_>) -> AwsReading {
    let mut out = Vec::new();
    let service = ours.service;
    let said = err.message.clone().unwrap_or_default();
    // AWS's own words: long enough to read, never the whole paste.
    let quoted = quoted_max(&said, SAID_CHARS);
    // A value read out of AWS's message (a region, a service, header names), for a sentence.
    let value = |v: &str| excerpt(v, QUOTE_CHARS);
    let creq_cmp = err
        .canonical_request
        .as_deref()
        .map(|t| compare::canonical_requests(&ours.canonical_request, t, "AWS"));
    let sts_cmp = err
        .string_to_sign
        .as_deref()
        .map(|t| compare::strings_to_sign(&ours.string_to_sign, t, "AWS"));

    let Some(id) = err.catalogue_id else {
        return AwsReading {
            findings: out,
            canonical_request: creq_cmp,
            string_to_sign: sts_cmp,
        };
    };
    match id {
        CatalogueId::SigMismatchGeneric | CatalogueId::S3SignatureDoesNotMatch => {
            match (&creq_cmp, &sts_cmp) {
                (Some(c), _) if !c.identical => {
                    let first = c.differences.first().map_or(String::new(), |d| d.what.clone());
                    out.push(finding(
                        FindingId::CanonicalRequestMismatch,
                        Concern::Step(Step::CanonicalRequest),
                        format!("AWS built a different canonical request ({})", c.differences.iter().map(|d| d.part.as_str()).collect::<Vec<_>>().join(", ")),
                        format!("AWS's canonical request differs from the one here, first at line {}, column {}. {first}", c.differences[0].line, c.differences[0].column),
                        "Make the client sign what it sends: the difference names the part (path encoding, query order, a header's value, the signed-header list, the body hash).",
                    ));
                }
                (_, Some(s)) if !s.identical => {
                    out.push(finding(
                        FindingId::StringToSignMismatch,
                        Concern::Step(Step::StringToSign),
                        format!("AWS built a different string to sign ({})", s.differences.iter().map(|d| d.part.as_str()).collect::<Vec<_>>().join(", ")),
                        s.differences.iter().map(|d| d.what.as_str()).collect::<Vec<_>>().join(" "),
                        "Sign with the date, region and service AWS expects (the credential scope), at the time the request is sent.",
                    ));
                }
                _ => {}
            }
            let same = creq_cmp.as_ref().is_some_and(|c| c.identical) && sts_cmp.as_ref().is_none_or(|s| s.identical);
            let detail = if same {
                "AWS built exactly the canonical request and string to sign shown here, so the signing key differs: \
                 the secret access key is wrong (another key's secret, a typo, whitespace) or the key was derived with another date, region or service."
                    .to_string()
            } else if creq_cmp.is_some() {
                "The canonical request AWS built differs from what the client signed (see the comparison).".to_string()
            } else {
                "AWS computed a different signature. This response does not include AWS's canonical request; ask the service for the long form \
                 (S3 includes it in the XML), or verify the signed request here against the secret."
                    .to_string()
            };
            out.push(finding(
                FindingId::SignatureMismatch,
                Concern::Step(Step::Signature),
                "AWS computed a different signature",
                format!("AWS said: {quoted}. {detail}"),
                "Check the secret access key first (copy it again, no trailing newline), then compare the canonical requests.",
            ));
        }
        CatalogueId::SigExpired | CatalogueId::SigNotYetCurrent => {
            if let Some(f) = skew_finding(err.value("requestTime").unwrap_or(""), err.value("serverTime").unwrap_or(""), err.value("N"), service) {
                out.push(f);
            }
        }
        CatalogueId::S3RequestTimeTooSkewed => {
            let allowed = err.value("MaxAllowedSkewMilliseconds").and_then(|m| m.parse::<i64>().ok()).map(|m| (m / 60_000).to_string());
            match skew_finding(err.value("RequestTime").unwrap_or(""), err.value("ServerTime").unwrap_or(""), allowed.as_deref(), service) {
                Some(f) => out.push(f),
                None => out.push(finding(FindingId::ClockSkew, Concern::Field(Field::SigningTime), "AWS says the request time is too far from its clock", format!("AWS said: {quoted}."), "Sync the signing machine's clock and sign right before sending.")),
            }
        }
        CatalogueId::ScopeRegion | CatalogueId::S3AuthHeaderMalformedRegion => {
            let given = value(err.value("regionInRequest").unwrap_or(&ours.region.value));
            let expected = err.value("bucketRegion").or(err.value("Region")).map(value).or_else(|| ours.region.from_host.clone());
            out.push(finding(
                FindingId::RegionMismatch,
                Concern::Field(Field::Region),
                format!("AWS rejects the region {given}"),
                format!("AWS said: {quoted}.{}", expected.as_ref().map_or(String::new(), |e| format!(" The endpoint expects {e}."))),
                expected.map_or("Sign for the endpoint's region (check AWS_REGION / AWS_DEFAULT_REGION and the profile's region).".to_string(), |e| format!("Sign for {e} (for S3, the bucket's region).")),
            ));
        }
        CatalogueId::ScopeService => {
            let expected = value(err.value("expectedService").unwrap_or(""));
            out.push(finding(
                FindingId::ServiceMismatch,
                Concern::Field(Field::Service),
                format!("AWS expects the service name {expected}"),
                format!("AWS said: {quoted}. The request was signed for {service}."),
                format!("Sign with the signing name {expected}."),
            ));
        }
        CatalogueId::ScopeDate => out.push(finding(
            FindingId::DateScopeMismatch,
            Concern::Step(Step::StringToSign),
            "The credential scope's date is not the request's date",
            format!("AWS said: {quoted}. The YYYYMMDD in the Credential must be the date of X-Amz-Date (in UTC)."),
            "Derive both from the same instant, in UTC (a local-time date is the usual cause near midnight).",
        )),
        CatalogueId::HostNotSigned | CatalogueId::S3HeadersNotSigned => {
            let names = value(err.value("HeadersNotSigned").unwrap_or("host"));
            out.push(finding(
                FindingId::HeaderNotSigned,
                Concern::Step(Step::CanonicalRequest),
                format!("AWS wants these headers signed: {names}"),
                format!("AWS said: {quoted}."),
                "Include every x-amz-* header (and host) in SignedHeaders, or stop sending the ones that are not signed.",
            ));
        }
        CatalogueId::MissingAuthToken if service == "execute-api" => {
            {
                out.push(finding(
                    FindingId::ApiGatewayMissingTokenRoute,
                    Concern::Field(Field::Url),
                    "API Gateway found no route for this method and path",
                    "\"Missing Authentication Token\" from API Gateway almost always means the resource path or HTTP method does not exist \
                     in the deployed stage (or the stage name is missing from the URL) — not a signing problem.",
                    "Check the URL's first segment is the stage (/prod/…), that the method exists on that resource, and that the API was deployed after the change.",
                ));
            }
        }
        CatalogueId::ExpiredToken | CatalogueId::S3ExpiredToken => out.push(finding(
            FindingId::CredentialsExpired,
            Concern::Field(Field::Credentials),
            "AWS says the session token has expired",
            format!("AWS said: {quoted}."),
            "Fetch new temporary credentials (aws sts assume-role, aws sso login, or re-run the CI credentials step); check for a stale AWS_SESSION_TOKEN.",
        )),
        CatalogueId::S3ContentSha256Mismatch => out.push(finding(
            FindingId::PayloadHashMismatch,
            Concern::Field(Field::Body),
            "AWS says x-amz-content-sha256 is not the body's hash",
            format!("AWS said: {quoted}."),
            "Hash the exact bytes sent, after any compression or chunking.",
        )),
        CatalogueId::S3PresignedExpired => out.push(finding(
            FindingId::PresignExpired,
            Concern::Field(Field::Expires),
            "AWS says the presigned URL has expired",
            format!("AWS said: {quoted}."),
            "Presign again, at the current time, with a long enough expiry.",
        )),
        _ => {}
    }
    AwsReading {
        findings: out,
        canonical_request: creq_cmp,
        string_to_sign: sts_cmp,
    }
}
