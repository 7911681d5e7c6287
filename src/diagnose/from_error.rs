//! What an AWS error response reveals, as findings, and AWS's canonical request compared with ours.

use time::OffsetDateTime;

use super::compare::{self, Comparison};
use super::rules::credentials::looks_like_key_id;
use super::{facts, human_minutes, Check, Concern, Finding, FindingId, Severity};
use crate::generated::catalogue::CatalogueId;
use crate::http::url::raw_authority;
use crate::input::aws_error::{AwsError, Denied};
use crate::input::{Field, Inputs};
use crate::sigv4::scope::Inferred;
use crate::sigv4::session_token;
use crate::sigv4::{Signing, Step};
use crate::text::{excerpt, quoted_max, QUOTE_CHARS};
use crate::timefmt;

/// How many characters of AWS's message a finding quotes.
const SAID_CHARS: usize = 160;

/// What AWS's answer is read against: our canonical request and string to sign for the same
/// request, the scope they were signed for, the inputs and the clock.
pub struct Ours<'a> {
    pub canonical_request: String,
    pub string_to_sign: String,
    pub region: &'a Inferred,
    pub service: &'a str,
    pub inputs: &'a Inputs,
    /// When the request was signed, and the clock it is judged against.
    pub signed_at: OffsetDateTime,
    pub now: OffsetDateTime,
}

impl<'a> Ours<'a> {
    /// What the engine signed for `inputs` at `now`.
    pub fn of(s: &'a Signing, inputs: &'a Inputs, now: OffsetDateTime) -> Self {
        Ours {
            canonical_request: s.canonical_request.to_string(),
            string_to_sign: s.string_to_sign.to_string(),
            region: &s.region,
            service: &s.service.value,
            inputs,
            signed_at: s.time,
            now,
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
        checks: Vec::new(),
        ruled_out: Vec::new(),
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

    if let Some(d) = &err.denied {
        out.push(authorization_denied(d, &quoted, service));
    }
    let Some(id) = err.catalogue_id else {
        return AwsReading {
            findings: out,
            canonical_request: creq_cmp,
            string_to_sign: sts_cmp,
        };
    };
    match id {
        CatalogueId::InvalidClientTokenId
        | CatalogueId::UnrecognizedClient
        | CatalogueId::S3InvalidAccessKeyId
        | CatalogueId::AuthFailureEc2
        | CatalogueId::S3InvalidToken => out.push(credentials_rejected(&quoted, ours)),
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
            // The evidence decides what to check first.
            let differs = creq_cmp.as_ref().is_some_and(|c| !c.identical) || sts_cmp.as_ref().is_some_and(|s| !s.identical);
            let fix = if differs {
                "Fix what the comparison names first: the client signed something other than what AWS received (a header or the body changed on the way, \
                 or the client built the canonical request another way). The secret is not in question until the two canonical requests agree."
            } else if same {
                "Check the secret access key: copy it again (no trailing newline or space), and make sure it belongs to the access key id in the Credential."
            } else {
                "Check the secret access key first (copy it again, no trailing newline), then compare the canonical requests: verify the signed request here, \
                 or get AWS's canonical request from the service's long-form error."
            };
            out.push(finding(
                FindingId::SignatureMismatch,
                Concern::Step(Step::Signature),
                "AWS computed a different signature",
                format!("AWS said: {quoted}. {detail}"),
                fix,
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

/// `authorization-denied`: AWS accepted the signature and the credentials, then refused the
/// action. Never a signing finding: what to look at is who the caller is and the policies.
fn authorization_denied(d: &Denied, quoted: &str, service: &str) -> Finding {
    let who = d.principal.as_deref().map(|p| excerpt(p, ARN_CHARS));
    let action = d.action.as_deref().map(|a| excerpt(a, QUOTE_CHARS));
    let title = match (&who, &action) {
        (Some(w), Some(a)) => format!("AWS accepted the signature, then refused {a} to {w}"),
        (None, Some(a)) => format!("AWS accepted the signature, then refused {a}"),
        _ => "AWS accepted the signature, then refused the request".to_string(),
    };
    let on = d
        .resource
        .as_deref()
        .map_or(String::new(), |r| format!(" on {}", excerpt(r, ARN_CHARS)));
    let policy = d.policy.as_deref().unwrap_or("");
    let decided = match (d.explicit, policy.is_empty()) {
        (Some(true), false) => format!(
            " A Deny statement in a {policy} decided it{}.",
            d.policy_arn
                .as_deref()
                .map_or(String::new(), |a| format!(" ({})", excerpt(a, ARN_CHARS)))
        ),
        (Some(true), true) => " A Deny statement decided it.".to_string(),
        (Some(false), false) => format!(" No {policy} allows it, so it is denied by default."),
        _ => String::new(),
    };
    let detail = format!(
        "AWS said: {quoted}. An access denial comes after authentication: AWS found the signature, the access key and the session token \
         good, so nothing in how this request is signed is wrong; what is refused is who is asking{on}.{decided}"
    );
    // Where to look, by the kind of policy the message names (IAM User Guide, "Troubleshoot
    // access denied error messages").
    let lower = policy.to_ascii_lowercase();
    let mut checks = Vec::new();
    let principal_hint = d.principal.as_deref().and_then(role_of_session);
    let subject = match (&principal_hint, &who) {
        (Some(role), _) => {
            format!("the role {role} (an assumed-role session gets its permissions from its role)")
        }
        (None, Some(w)) => w.clone(),
        (None, None) => "the user or role that signed".to_string(),
    };
    let act = action.clone().unwrap_or_else(|| "the action".into());
    if lower.contains("service control") {
        checks.push(Check { cause: "A service control policy of AWS Organizations denies it for the whole account or its organizational unit; no policy inside the account can override it.".into(), how: "AWS Organizations console → Policies → Service control policies, on the account and every OU above it (ask the organization's administrators)".into() });
    } else if lower.contains("resource control") {
        checks.push(Check { cause: "A resource control policy of AWS Organizations denies it for the resources of the account.".into(), how: "AWS Organizations console → Policies → Resource control policies (ask the organization's administrators)".into() });
    } else if lower.contains("permissions boundary") {
        checks.push(Check { cause: format!("The permissions boundary of {subject} does not allow {act}: the boundary caps what any attached policy grants."), how: "IAM console → the user or role → Permissions boundary".into() });
    } else if lower.contains("session policy") {
        checks.push(Check { cause: format!("The session policy passed when the session was created does not allow {act}."), how: "the --policy / --policy-arns given to aws sts assume-role (or the federation call) that made these credentials".into() });
    } else if lower.contains("resource-based") {
        checks.push(Check { cause: format!("The resource's own policy (bucket policy, key policy, queue or topic policy, function policy) does not allow {act} for {subject}."), how: "the resource's policy in its service's console; for cross-account access both the resource's policy and the caller's identity policy must allow it".into() });
    } else if lower.contains("vpc endpoint") {
        checks.push(Check {
            cause: "The policy of the VPC endpoint the request went through does not allow it."
                .into(),
            how: "VPC console → Endpoints → the endpoint → Policy".into(),
        });
    } else if d.explicit == Some(true) {
        checks.push(Check { cause: format!("A policy attached to {subject} has a Deny statement for {act}."), how: "IAM console → the user or role → Permissions, each policy's Deny statements; `aws iam simulate-principal-policy` names the statement".into() });
    } else {
        checks.push(Check { cause: format!("No policy attached to {subject} allows {act}{on}."), how: format!("IAM console → the user or role → Permissions; `aws iam simulate-principal-policy --policy-source-arn ARN --action-names {}` shows what is allowed", d.action.as_deref().map_or("ACTION".to_string(), |a| excerpt(a, QUOTE_CHARS))) });
    }
    if let Some(link) = &d.details_link {
        checks.insert(
            0,
            Check {
                cause: "AWS recorded this denial's evaluation and linked it.".into(),
                how: format!(
                    "open {} (IAM Access Troubleshooter)",
                    excerpt(link, ARN_CHARS)
                ),
            },
        );
    }
    if d.encoded {
        checks.insert(0, Check { cause: "AWS encoded the reason in the message.".into(), how: "`aws sts decode-authorization-message --encoded-message MESSAGE` (needs sts:DecodeAuthorizationMessage) shows the policy evaluation".into() });
    }
    if d.action.is_none() && crate::sigv4::scope::is_s3_family(service) {
        checks.push(Check { cause: "S3 answers a bare Access Denied for the bucket policy, an object's ACL or ownership, Block Public Access, the KMS key policy of an SSE-KMS object, or a key that does not exist when the caller may not s3:ListBucket (then S3 answers 403, not 404).".into(), how: "`aws s3api get-bucket-policy`, `aws s3api head-object` with the same credentials, the bucket's Permissions tab, and the KMS key's policy".into() });
    }
    checks.push(Check { cause: "The credentials belong to another identity than the one you expect (a profile or AWS_* variable left over).".into(), how: "`aws sts get-caller-identity` with exactly these credentials names the account and identity".into() });
    Finding {
        id: FindingId::AuthorizationDenied,
        severity: Severity::Error,
        concerns: Concern::Field(Field::AwsError),
        title,
        detail,
        fix: "Change the policy, not the signing: allow the action for the identity that signs, or remove the Deny that matches.".into(),
        checks,
        ruled_out: vec![
            "Not the signature: AWS checks it first and answers SignatureDoesNotMatch when it is wrong.".into(),
            "Not the credentials: an unknown key or a bad token gets InvalidClientTokenId or InvalidAccessKeyId, not an access denial.".into(),
        ],
    }
}

/// How many characters of an ARN a sentence quotes.
const ARN_CHARS: usize = 120;

/// `arn:aws:iam::123456789012:role/Name`, for an assumed-role session ARN
/// `arn:aws:sts::123456789012:assumed-role/Name/session`.
fn role_of_session(principal: &str) -> Option<String> {
    let rest = principal.strip_prefix("arn:")?;
    let mut parts = rest.splitn(5, ':');
    let partition = parts.next()?;
    let service = parts.next()?;
    let _region = parts.next()?;
    let account = parts.next()?;
    let resource = parts.next()?;
    let role = resource.strip_prefix("assumed-role/")?.split('/').next()?;
    (service == "sts" && !role.is_empty()).then(|| {
        excerpt(
            &format!("arn:{partition}:iam::{account}:role/{role}"),
            ARN_CHARS,
        )
    })
}

/// The partition an endpoint host is in.
fn partition_of(host: &str) -> &'static str {
    let h = host.to_ascii_lowercase();
    if h.contains(".amazonaws.com.cn") || h.contains("amazonwebservices.com.cn") {
        "China (aws-cn)"
    } else if h.contains("us-gov") || h.contains("fips.us-gov") {
        "AWS GovCloud (aws-us-gov)"
    } else {
        "the standard AWS partition (aws)"
    }
}

/// What a session token's shape says: a sentence when it looks damaged.
fn token_damage(token: &str) -> Option<String> {
    let n = token.chars().count();
    if token.contains(char::is_whitespace) {
        return Some("The session token has whitespace inside it (a line break from a wrapped terminal line, or a space where a '+' was decoded): AWS reads it as another token.".into());
    }
    if let Some(c) = token
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')))
    {
        return Some(format!("The session token holds {}, which STS tokens (base64) never hold: it was URL-encoded or changed on the way.", crate::text::describe_char(c)));
    }
    let v2 = token.starts_with("IQoJb3JpZ2lu");
    let v1 = facts::V1_TOKEN_PREFIXES
        .iter()
        .any(|p| token.starts_with(p));
    if (v2 && n < 500) || (v1 && n < 300) {
        return Some(format!("The session token has only {n} characters, where {} tokens of this kind have been (observed, not documented): it was likely cut short when copied.", if v2 { "about 750 or more" } else { "about 360" }));
    }
    if !n.is_multiple_of(4) && (v1 || v2) {
        return Some(format!("The session token has {n} characters, not a multiple of 4 as whole base64 is: it lost its '=' padding or its end."));
    }
    None
}

/// `credentials-rejected`: AWS does not accept the key (or the key with its token) for a reason
/// the request cannot show; what to check, each with how, and what the inputs rule out.
fn credentials_rejected(quoted: &str, ours: &Ours<'_>) -> Finding {
    let inputs = ours.inputs;
    let creds = &inputs.credentials;
    let akid = creds.access_key_id.trim();
    let token = session_token(creds);
    let region = ours.region.value.as_str();
    let host = raw_authority(&inputs.request.url);
    let temporary = akid.starts_with("ASIA");
    let mut checks = Vec::new();
    let mut ruled_out = Vec::new();
    if let Some(damage) = token.and_then(token_damage) {
        checks.push(Check { cause: damage, how: "copy the token again in one piece from where it was issued (the STS JSON's SessionToken, ~/.aws/credentials, the CI step's output)".into() });
    }
    checks.push(Check {
        cause: "Confirm what AWS makes of exactly these credentials.".into(),
        how: "`aws sts get-caller-identity` with them in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN: it fails the same way, or names the identity".into(),
    });
    if temporary {
        checks.push(Check { cause: "The session token belongs to another temporary key, or the key and token came from two different STS answers.".into(), how: "take AccessKeyId, SecretAccessKey and SessionToken from one and the same `aws sts assume-role` / `get-session-token` output".into() });
    } else {
        checks.push(Check { cause: format!("The access key {} was deleted, rotated or made inactive.", excerpt(akid, QUOTE_CHARS)), how: "`aws iam list-access-keys --user-name USER` (its Status must be Active), or IAM console → Users → the user → Security credentials".into() });
    }
    checks.push(Check { cause: format!("A key of another partition: keys of China and AWS GovCloud work only there, and this endpoint ({}) is in {}.", excerpt(host, QUOTE_CHARS), partition_of(host)), how: "`aws sts get-caller-identity --region cn-north-1` (China) or `--region us-gov-west-1` (GovCloud) with the same key: it works there when the key belongs there".into() });
    let opt_in = facts::OPT_IN_REGIONS.contains(&region);
    if opt_in {
        checks.push(Check { cause: format!("{} is an opt-in region: it must be enabled in the account before any key works there.", excerpt(region, QUOTE_CHARS)), how: "`aws account list-regions --region-opt-status-contains ENABLED ENABLED_BY_DEFAULT`, or Account → AWS Regions in the console".into() });
    } else if crate::sigv4::scope::is_region(region) {
        ruled_out.push(format!(
            "Not a disabled region: {} is enabled in every account.",
            excerpt(region, QUOTE_CHARS)
        ));
    }
    match token {
        Some(t) if facts::V1_TOKEN_PREFIXES.iter().any(|p| t.starts_with(p)) && !opt_in => ruled_out.push(format!("Not the token version: a version 1 token (from the global STS endpoint) works in {}, a region enabled by default.", excerpt(region, QUOTE_CHARS))),
        Some(t) if t.starts_with("IQoJb3JpZ2lu") => ruled_out.push("Not the token version: a version 2 token works in every region.".into()),
        _ => {}
    }
    // The clock gives its own errors (SignatureExpired, RequestTimeTooSkewed), but say so.
    let skew = (ours.signed_at - ours.now).whole_seconds();
    let window = facts::skew_window_minutes(ours.service) * 60;
    if skew.abs() <= window {
        let when = if skew.abs() < 2 {
            "at this computer's time".to_string()
        } else {
            format!("{} from this computer's clock", human_minutes(skew))
        };
        ruled_out.push(format!("Not clock skew: signed {when}, within the {} min AWS allows (and skew has its own error).", window / 60));
    }
    if ours.region.from_host.as_deref().is_none_or(|h| h == region) {
        ruled_out.push(format!(
            "Not the region: the scope's {} is the endpoint's.",
            excerpt(region, QUOTE_CHARS)
        ));
    }
    match (temporary, token) {
        (true, Some(_)) if inputs.settings.token == crate::input::TokenPlacement::Signed => {
            ruled_out.push("Not a missing token: the session token is present and signed.".into())
        }
        (false, None) if akid.starts_with("AKIA") => ruled_out.push(
            "Not a stray token: a long-term AKIA key is sent without one, as it must be.".into(),
        ),
        _ => {}
    }
    if looks_like_key_id(akid) {
        ruled_out.push("Not a mistyped key id: it has the shape of an AWS key id (AKIA…/ASIA…, 20 characters).".into());
    }
    Finding {
        id: FindingId::CredentialsRejected,
        severity: Severity::Error,
        concerns: Concern::Field(Field::Credentials),
        title: "AWS does not accept these credentials".into(),
        detail: format!(
            "AWS said: {quoted}. AWS looks up the access key id{} before it checks the signature, and did not find {} valid. \
             The request itself cannot show why; the checks below can, and what the inputs rule out is listed.",
            if token.is_some() { " and its session token" } else { "" },
            if token.is_some() { "them" } else { "it" }
        ),
        fix: "Work through the checks in order; most often the credentials are stale (rotated keys, a token from an older session) or come from another profile than intended.".into(),
        checks,
        ruled_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_partition_of_an_endpoint() {
        for (host, partition) in [
            ("sts.cn-north-1.amazonaws.com.cn", "China (aws-cn)"),
            (
                "execute-api.cn-north-1.amazonwebservices.com.cn",
                "China (aws-cn)",
            ),
            (
                "sts.us-gov-west-1.amazonaws.com",
                "AWS GovCloud (aws-us-gov)",
            ),
            (
                "STS.FIPS.US-GOV-EAST-1.AMAZONAWS.COM",
                "AWS GovCloud (aws-us-gov)",
            ),
            (
                "sts.eu-west-1.amazonaws.com",
                "the standard AWS partition (aws)",
            ),
            ("sts.amazonaws.com", "the standard AWS partition (aws)"),
        ] {
            assert_eq!(partition_of(host), partition, "{host}");
        }
    }

    #[test]
    fn an_assumed_role_session_is_read_as_its_role() {
        assert_eq!(
            role_of_session("arn:aws:sts::123456789012:assumed-role/Developer/alice").as_deref(),
            Some("arn:aws:iam::123456789012:role/Developer")
        );
        assert_eq!(
            role_of_session("arn:aws-cn:sts::123456789012:assumed-role/Ops/s").as_deref(),
            Some("arn:aws-cn:iam::123456789012:role/Ops")
        );
        // The near misses: a user, a role ARN that is not a session, another service, no role.
        for principal in [
            "arn:aws:iam::123456789012:user/alice",
            "arn:aws:iam::123456789012:assumed-role/Developer/alice",
            "arn:aws:sts::123456789012:federated-user/bob",
            "arn:aws:sts::123456789012:assumed-role//alice",
            "arn:aws:sts::123456789012",
            "Developer",
        ] {
            assert_eq!(role_of_session(principal), None, "{principal}");
        }
    }

    /// A whole-looking token of `n` characters after `prefix` (base64 letters only).
    fn token(prefix: &str, n: usize) -> String {
        format!("{prefix}{}", "A".repeat(n - prefix.len()))
    }

    const V2: &str = "IQoJb3JpZ2lu";
    const V1: &str = "FwoGZXIvYXdz";

    #[test]
    fn a_token_cut_short_by_its_kind() {
        // Version 2 tokens: under 500 characters is cut short, 500 is not.
        let d = token_damage(&token(V2, 496)).expect("cut short");
        assert!(
            d.contains("only 496 characters") && d.contains("about 750"),
            "{d}"
        );
        assert_eq!(token_damage(&token(V2, 500)), None);
        let d = token_damage(&token(V2, 499)).expect("cut short");
        assert!(d.contains("only 499"), "{d}");
        // Version 1 tokens: under 300.
        let d = token_damage(&token(V1, 296)).expect("cut short");
        assert!(
            d.contains("only 296 characters") && d.contains("about 360"),
            "{d}"
        );
        assert_eq!(token_damage(&token(V1, 300)), None);
        assert!(token_damage(&token(V1, 299)).is_some());
        // A token of neither kind has no known length.
        assert_eq!(token_damage(&token("Zm9vYmFy", 16)), None);
        assert_eq!(token_damage(&token("Zm9vYmFy", 17)), None);
    }

    #[test]
    fn a_token_that_lost_its_padding() {
        let d = token_damage(&token(V2, 801)).expect("not whole base64");
        assert!(d.contains("801 characters, not a multiple of 4"), "{d}");
        assert!(token_damage(&token(V1, 362)).is_some());
        assert_eq!(token_damage(&token(V2, 800)), None);
        assert_eq!(token_damage(&format!("{}==", token(V2, 798))), None);
    }

    #[test]
    fn a_token_changed_on_the_way() {
        let d = token_damage(&format!("{} {}", token(V2, 400), token(V2, 400))).unwrap();
        assert!(d.contains("whitespace inside"), "{d}");
        let d = token_damage(&format!("{}%2B{}", token(V2, 400), token(V2, 400))).unwrap();
        assert!(d.contains("URL-encoded") && d.contains('%'), "{d}");
        // Base64's own '+', '/' and '=' are no damage.
        assert_eq!(token_damage(&format!("{}+/A=", token(V2, 796))), None);
    }

    fn denied(edit: impl FnOnce(&mut Denied)) -> Denied {
        let mut d = Denied {
            principal: Some("arn:aws:iam::123456789012:user/alice".into()),
            action: Some("iam:ListUsers".into()),
            ..Denied::default()
        };
        edit(&mut d);
        d
    }

    fn causes(f: &Finding) -> String {
        f.checks
            .iter()
            .map(|c| format!("{} / {}", c.cause, c.how))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_denial_names_who_and_what_it_knows() {
        let f = authorization_denied(&denied(|_| {}), "“…”", "iam");
        assert_eq!(
            f.title,
            "AWS accepted the signature, then refused iam:ListUsers to arn:aws:iam::123456789012:user/alice"
        );
        let f = authorization_denied(&denied(|d| d.principal = None), "“…”", "iam");
        assert_eq!(
            f.title,
            "AWS accepted the signature, then refused iam:ListUsers"
        );
        assert!(
            causes(&f).contains("the user or role that signed"),
            "{}",
            causes(&f)
        );
        let f = authorization_denied(&denied(|d| d.action = None), "“…”", "iam");
        assert_eq!(
            f.title,
            "AWS accepted the signature, then refused the request"
        );
        assert!(
            causes(&f).contains("--action-names ACTION"),
            "{}",
            causes(&f)
        );
    }

    #[test]
    fn a_denial_says_which_kind_of_decision_it_was() {
        let explicit_in = denied(|d| {
            d.explicit = Some(true);
            d.policy = Some("service control policy".into());
            d.policy_arn = Some("arn:aws:organizations::1:policy/p-1".into());
        });
        let f = authorization_denied(&explicit_in, "“…”", "iam");
        assert!(
            f.detail.ends_with(
                " A Deny statement in a service control policy decided it (arn:aws:organizations::1:policy/p-1)."
            ),
            "{}",
            f.detail
        );
        assert!(causes(&f).contains("service control policy of AWS Organizations"));
        let explicit = denied(|d| d.explicit = Some(true));
        let f = authorization_denied(&explicit, "“…”", "iam");
        assert!(
            f.detail.ends_with(" A Deny statement decided it."),
            "{}",
            f.detail
        );
        assert!(
            causes(&f).contains("has a Deny statement for iam:ListUsers"),
            "{}",
            causes(&f)
        );
        let implicit = denied(|d| {
            d.explicit = Some(false);
            d.policy = Some("identity-based policy".into());
        });
        let f = authorization_denied(&implicit, "“…”", "iam");
        assert!(
            f.detail
                .ends_with(" No identity-based policy allows it, so it is denied by default."),
            "{}",
            f.detail
        );
        assert!(
            causes(&f).contains(
                "No policy attached to arn:aws:iam::123456789012:user/alice allows iam:ListUsers"
            ),
            "{}",
            causes(&f)
        );
        assert!(!causes(&f).contains("Deny statement"), "{}", causes(&f));
        // Nothing said about the decision: nothing claimed about it.
        let f = authorization_denied(&denied(|d| d.explicit = Some(false)), "“…”", "iam");
        assert!(f.detail.ends_with("who is asking."), "{}", f.detail);
        let f = authorization_denied(&denied(|_| {}), "“…”", "iam");
        assert!(f.detail.ends_with("who is asking."), "{}", f.detail);
    }

    #[test]
    fn a_bare_s3_denial_lists_s3s_own_reasons() {
        let bare = Denied::default();
        let f = authorization_denied(&bare, "“Access Denied”", "s3");
        assert!(
            causes(&f).contains("S3 answers a bare Access Denied"),
            "{}",
            causes(&f)
        );
        // Not for another service, and not when the message names the action.
        let f = authorization_denied(&bare, "“Access Denied”", "iam");
        assert!(!causes(&f).contains("S3 answers"), "{}", causes(&f));
        let f = authorization_denied(&denied(|_| {}), "“…”", "s3");
        assert!(!causes(&f).contains("S3 answers"), "{}", causes(&f));
    }
}
