//! What an AWS error response reveals, as findings, and AWS's canonical request compared with ours.

use time::OffsetDateTime;

use super::aws_error::AwsError;
use super::compare::{self, Comparison};
use super::{finding, human_minutes, Finding, Severity};
use crate::input::{excerpt, quoted_max, QUOTE_CHARS};
use crate::sigv4::{timefmt, Explanation};

/// How many characters of AWS's message a finding quotes.
const SAID_CHARS: usize = 160;

/// Findings and comparisons from an AWS error, given our explanation of the same request.
pub struct FromError {
    pub findings: Vec<Finding>,
    pub canonical_request: Option<Comparison>,
    pub string_to_sign: Option<Comparison>,
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
        "clock-skew",
        Severity::Error,
        "signing-time",
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

/// Reads an AWS error against the explanation of the request it answered.
pub fn read(err: &AwsError, ex: &Explanation, now: OffsetDateTime) -> FromError {
    let _ = now;
    let mut out = Vec::new();
    let service = ex.service.value.as_str();
    let said = err.message.clone().unwrap_or_default();
    // AWS's own words: long enough to read, never the whole paste.
    let quoted = quoted_max(&said, SAID_CHARS);
    // A value read out of AWS's message (a region, a service, header names), for a sentence.
    let value = |v: &str| excerpt(v, QUOTE_CHARS);
    let ours_creq = ex.canonical_request.to_string();
    let ours_sts = ex.string_to_sign.to_string();
    let creq_cmp = err
        .canonical_request
        .as_deref()
        .map(|t| compare::canonical_requests(&ours_creq, t, "AWS"));
    let sts_cmp = err
        .string_to_sign
        .as_deref()
        .map(|t| compare::strings_to_sign(&ours_sts, t, "AWS"));

    match err.catalogue_id.unwrap_or("") {
        "sig_mismatch_generic" | "s3_signature_does_not_match" => {
            match (&creq_cmp, &sts_cmp) {
                (Some(c), _) if !c.identical => {
                    let first = c.differences.first().map_or(String::new(), |d| d.what.clone());
                    out.push(finding(
                        "canonical-request-mismatch",
                        Severity::Error,
                        "canonical-request",
                        format!("AWS built a different canonical request ({})", c.differences.iter().map(|d| d.part).collect::<Vec<_>>().join(", ")),
                        format!("AWS's canonical request differs from the one here, first at line {}, column {}. {first}", c.differences[0].line, c.differences[0].column),
                        "Make the client sign what it sends: the difference names the part (path encoding, query order, a header's value, the signed-header list, the body hash).",
                    ));
                }
                (_, Some(s)) if !s.identical => {
                    out.push(finding(
                        "string-to-sign-mismatch",
                        Severity::Error,
                        "string-to-sign",
                        format!("AWS built a different string to sign ({})", s.differences.iter().map(|d| d.part).collect::<Vec<_>>().join(", ")),
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
                "signature-mismatch",
                Severity::Error,
                "signature",
                "AWS computed a different signature",
                format!("AWS said: {quoted}. {detail}"),
                "Check the secret access key first (copy it again, no trailing newline), then compare the canonical requests.",
            ));
        }
        "sig_expired" | "sig_not_yet_current" => {
            if let Some(f) = skew_finding(err.value("requestTime").unwrap_or(""), err.value("serverTime").unwrap_or(""), err.value("N"), service) {
                out.push(f);
            }
        }
        "s3_request_time_too_skewed" => {
            let allowed = err.value("MaxAllowedSkewMilliseconds").and_then(|m| m.parse::<i64>().ok()).map(|m| (m / 60_000).to_string());
            match skew_finding(err.value("RequestTime").unwrap_or(""), err.value("ServerTime").unwrap_or(""), allowed.as_deref(), service) {
                Some(f) => out.push(f),
                None => out.push(finding("clock-skew", Severity::Error, "signing-time", "AWS says the request time is too far from its clock", format!("AWS said: {quoted}."), "Sync the signing machine's clock and sign right before sending.")),
            }
        }
        "scope_region" | "s3_auth_header_malformed_region" => {
            let given = value(err.value("regionInRequest").unwrap_or(&ex.region.value));
            let expected = err.value("bucketRegion").or(err.value("Region")).map(value).or_else(|| ex.region.from_host.clone());
            out.push(finding(
                "region-mismatch",
                Severity::Error,
                "region",
                format!("AWS rejects the region {given}"),
                format!("AWS said: {quoted}.{}", expected.as_ref().map_or(String::new(), |e| format!(" The endpoint expects {e}."))),
                expected.map_or("Sign for the endpoint's region (check AWS_REGION / AWS_DEFAULT_REGION and the profile's region).".to_string(), |e| format!("Sign for {e} (for S3, the bucket's region).")),
            ));
        }
        "scope_service" => {
            let expected = value(err.value("expectedService").unwrap_or(""));
            out.push(finding(
                "service-mismatch",
                Severity::Error,
                "service",
                format!("AWS expects the service name {expected}"),
                format!("AWS said: {quoted}. The request was signed for {service}."),
                format!("Sign with the signing name {expected}."),
            ));
        }
        "scope_date" => out.push(finding(
            "date-scope-mismatch",
            Severity::Error,
            "string-to-sign",
            "The credential scope's date is not the request's date",
            format!("AWS said: {quoted}. The YYYYMMDD in the Credential must be the date of X-Amz-Date (in UTC)."),
            "Derive both from the same instant, in UTC (a local-time date is the usual cause near midnight).",
        )),
        "host_not_signed" | "s3_headers_not_signed" => {
            let names = value(err.value("HeadersNotSigned").unwrap_or("host"));
            out.push(finding(
                "header-not-signed",
                Severity::Error,
                "canonical-request",
                format!("AWS wants these headers signed: {names}"),
                format!("AWS said: {quoted}."),
                "Include every x-amz-* header (and host) in SignedHeaders, or stop sending the ones that are not signed.",
            ));
        }
        "missing_auth_token" if service == "execute-api" => {
            {
                out.push(finding(
                    "api-gateway-missing-token-route",
                    Severity::Error,
                    "url",
                    "API Gateway found no route for this method and path",
                    "\"Missing Authentication Token\" from API Gateway almost always means the resource path or HTTP method does not exist \
                     in the deployed stage (or the stage name is missing from the URL) — not a signing problem.",
                    "Check the URL's first segment is the stage (/prod/…), that the method exists on that resource, and that the API was deployed after the change.",
                ));
            }
        }
        "expired_token" | "s3_expired_token" => out.push(finding(
            "credentials-expired",
            Severity::Error,
            "credentials-input",
            "AWS says the session token has expired",
            format!("AWS said: {quoted}."),
            "Fetch new temporary credentials (aws sts assume-role, aws sso login, or re-run the CI credentials step); check for a stale AWS_SESSION_TOKEN.",
        )),
        "s3_content_sha256_mismatch" => out.push(finding(
            "payload-hash-mismatch",
            Severity::Error,
            "body",
            "AWS says x-amz-content-sha256 is not the body's hash",
            format!("AWS said: {quoted}."),
            "Hash the exact bytes sent, after any compression or chunking.",
        )),
        "s3_presigned_expired" => out.push(finding(
            "presign-expired",
            Severity::Error,
            "expires",
            "AWS says the presigned URL has expired",
            format!("AWS said: {quoted}."),
            "Presign again, at the current time, with a long enough expiry.",
        )),
        _ => {}
    }
    FromError {
        findings: out,
        canonical_request: creq_cmp,
        string_to_sign: sts_cmp,
    }
}

/// Adds what the error reveals to `ex`: its findings (one per id, the error's evidence appended
/// to a finding the inputs already raised), sorted most severe first.
pub fn merge_into(ex: &mut Explanation, read: FromError) {
    for f in read.findings {
        match ex.findings.iter_mut().find(|g| g.id == f.id) {
            Some(g) => {
                g.detail.push_str(" AWS confirms: ");
                g.detail.push_str(&f.detail);
            }
            None => ex.findings.push(f),
        }
    }
    ex.findings = super::by_severity(std::mem::take(&mut ex.findings));
}
