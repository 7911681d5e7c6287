//! Findings: why AWS would reject a request, each from evidence in the inputs and quoting its numbers.
//!
//! Ids are stable (CONTRACT.md). A finding fires only on its evidence: a clean
//! request, signed now with well-formed credentials, yields no error or warning.

pub mod aws_error;
pub mod compare;
pub mod facts;
pub mod from_error;
pub mod verify;
pub mod what_if;

use serde::Serialize;
use time::OffsetDateTime;

use crate::input::{excerpt, QUOTE_CHARS};
use crate::sigv4::{
    scope, timefmt, Explanation, Inputs, Mode, SigningTime, Source, TokenPlacement,
};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One cause, with the numbers that show it and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// A stable id from CONTRACT.md, e.g. `clock-skew`.
    pub id: &'static str,
    pub severity: Severity,
    pub title: String,
    pub detail: String,
    pub fix: String,
    /// The page's test id of the input or step it concerns (`signing-time`, `session-token`, ...).
    pub concerns: &'static str,
}

fn finding(
    id: &'static str,
    severity: Severity,
    concerns: &'static str,
    title: impl Into<String>,
    detail: impl Into<String>,
    fix: impl Into<String>,
) -> Finding {
    Finding {
        id,
        severity,
        title: title.into(),
        detail: detail.into(),
        fix: fix.into(),
        concerns,
    }
}

/// Where stale or wrong credentials usually come from, for fixes.
const WHERE_CREDENTIALS_COME_FROM: &str = "Check, in order: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / \
AWS_SESSION_TOKEN in the environment (they win over profiles in boto3, the AWS CLI and Terraform's AWS provider); \
the [profile] block in ~/.aws/credentials and ~/.aws/config (AWS_PROFILE picks it); GitHub Actions' \
aws-actions/configure-aws-credentials step outputs; Postman's AWS Signature auth tab (and its environment variables).";

fn human_minutes(seconds: i64) -> String {
    let s = seconds.abs();
    match s {
        0..=119 => format!("{s} s"),
        120..=7199 => format!("{} min", s / 60),
        7200..=172_799 => format!("{} h", s / 3600),
        172_800..=63_071_999 => format!("{} days", s / 86_400),
        _ => format!("{} years", s / 31_557_600),
    }
}

fn looks_like_key_id(s: &str) -> bool {
    s.len() == 20
        && (s.starts_with("AKIA") || s.starts_with("ASIA"))
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn looks_like_secret(s: &str) -> bool {
    s.len() == 40
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+')
}

fn whitespace_problem(value: &str) -> Option<&'static str> {
    if value != value.trim() {
        Some("leading or trailing whitespace")
    } else if value.contains(['\n', '\r']) {
        Some("a line break")
    } else if value.contains([' ', '\t']) {
        Some("a space or tab inside it")
    } else if value.starts_with(['"', '\'']) || value.ends_with(['"', '\'']) {
        Some("quote marks around it")
    } else {
        None
    }
}

/// Adds a decoded AWS error to an explanation of the request it answered: its findings,
/// and AWS's canonical request / string to sign compared with ours.
pub fn apply_aws_error(ex: &mut Explanation, err: aws_error::AwsError, now: OffsetDateTime) {
    let read = from_error::read(&err, ex, now);
    ex.aws_canonical_request = read.canonical_request.clone();
    ex.aws_string_to_sign = read.string_to_sign.clone();
    from_error::merge_into(ex, read);
    ex.aws_error = Some(err);
}

/// Findings from the inputs and their explanation, judged against the clock `now`.
pub fn diagnose(inputs: &Inputs, ex: &Explanation, now: OffsetDateTime) -> Vec<Finding> {
    let mut out = Vec::new();
    let creds = &inputs.credentials;
    let akid = creds.access_key_id.as_str();
    let secret = creds.secret_access_key.expose();
    let token = creds
        .session_token
        .as_ref()
        .map(|t| t.expose())
        .filter(|t| !t.is_empty());
    let region = ex.region.value.as_str();
    let service = ex.service.value.as_str();
    let signed_at = timefmt::parse_amz_date(&ex.amz_date).unwrap_or(now);

    // --- credentials ---------------------------------------------------------
    for (name, concerns, value) in [
        ("access key id", "access-key-id", Some(akid)),
        ("secret access key", "secret-access-key", Some(secret)),
        ("session token", "session-token", token),
    ] {
        if let Some(problem) = value.and_then(whitespace_problem) {
            out.push(finding(
                "key-whitespace",
                Severity::Error,
                concerns,
                format!("The {name} has {problem}"),
                format!(
                    "The {name} as pasted has {problem}. The secret is part of the signing key (kDate = HMAC(\"AWS4\" + secret, date)), \
                     so one stray byte changes every signature; in an id or token AWS just sees an unknown value."
                ),
                "Copy the value again without the surrounding characters (a trailing newline from `echo` or a copied \
                 terminal line is the usual cause), or check the quotes in the file it came from.",
            ));
        }
    }
    let akid_t = akid.trim();
    let secret_t = secret.trim();
    let swapped = looks_like_secret(akid_t) && looks_like_key_id(secret_t);
    if swapped {
        out.push(finding(
            "keys-swapped",
            Severity::Error,
            "access-key-id",
            "The access key id and the secret look swapped",
            format!(
                "The access key id field holds a 40-character secret-like value, and the secret field holds {}…, which looks like an access key id.",
                &secret_t[..4]
            ),
            "Put the AKIA…/ASIA… value in the access key id and the 40-character value in the secret.",
        ));
    }
    let prefix = akid_t.get(..4).unwrap_or("");
    let not_a_key = facts::NOT_A_KEY.iter().find(|(p, _)| *p == prefix);
    if let Some((p, what)) = not_a_key {
        out.push(finding(
            "access-key-not-a-key",
            Severity::Error,
            "access-key-id",
            format!("{p}… is not an access key id"),
            format!("An id starting with {p} is {what}, not an access key. Only AKIA… (long-term) and ASIA… (temporary) keys can sign."),
            "Create or look up an access key (IAM console → Users → Security credentials, or `aws iam create-access-key`), \
             or use temporary credentials from `aws sts assume-role`.",
        ));
    } else if !akid_t.is_empty()
        && !swapped
        && !looks_like_key_id(akid_t)
        && !facts::EXAMPLE_KEY_IDS.contains(&akid_t)
    {
        out.push(finding(
            "access-key-malformed",
            Severity::Warning,
            "access-key-id",
            "The access key id does not look like one",
            format!(
                "\"{}…\" ({} characters) is not 20 uppercase letters and digits starting with AKIA or ASIA, the shape every AWS access key id has had.",
                akid_t.chars().take(4).collect::<String>(),
                akid_t.chars().count()
            ),
            "Check that the whole key id was copied, and that it is the key id, not a user name or ARN.",
        ));
    }
    if !secret_t.is_empty() && !swapped && !looks_like_secret(secret_t) {
        out.push(finding(
            "secret-malformed",
            Severity::Warning,
            "secret-access-key",
            "The secret access key does not look like one",
            format!(
                "It has {} characters; AWS secret access keys have been 40 characters of letters, digits, '/' and '+'.",
                secret_t.chars().count()
            ),
            "Copy the secret again in full; it is shown only once, when the key is created — if it is lost, create a new key.",
        ));
    }
    if akid_t.starts_with("ASIA") && token.is_none() {
        out.push(finding(
            "session-token-missing",
            Severity::Error,
            "session-token",
            "Temporary key without its session token",
            "The access key id starts with ASIA: it is a temporary key from AWS STS, which AWS accepts only together with the \
             session token issued with it. Without the token AWS answers \"The security token included in the request is invalid\".",
            format!("Add the session token (AWS_SESSION_TOKEN, aws_session_token, or SessionToken in the STS JSON). {WHERE_CREDENTIALS_COME_FROM}"),
        ));
    }
    if akid_t.starts_with("AKIA") && token.is_some() {
        out.push(finding(
            "session-token-unexpected",
            Severity::Warning,
            "session-token",
            "Long-term key sent with a session token",
            "The access key id starts with AKIA (a long-term IAM user key), yet a session token is set. AWS rejects the pair with \
             \"The security token included in the request is invalid\": the token belongs to some other, temporary key.",
            format!("Remove the session token — usually a stale AWS_SESSION_TOKEN left in the environment. {WHERE_CREDENTIALS_COME_FROM}"),
        ));
    }
    if let (Some(t), true) = (token, facts::OPT_IN_REGIONS.contains(&region)) {
        if facts::V1_TOKEN_PREFIXES.iter().any(|p| t.starts_with(p)) {
            out.push(finding(
                "sts-v1-token-opt-in-region",
                Severity::Error,
                "session-token",
                format!("Version 1 STS token used in the opt-in region {region}"),
                format!(
                    "The session token starts with {}, the mark of a version 1 token from the global STS endpoint (sts.amazonaws.com). \
                     Version 1 tokens work only in regions enabled by default; {region} is an opt-in region, so AWS answers \
                     \"The security token included in the request is invalid\".",
                    &t[..12]
                ),
                "Get the credentials from a regional STS endpoint (e.g. https://sts.us-east-1.amazonaws.com, AWS_STS_REGIONAL_ENDPOINTS=regional), \
                 or make the global endpoint issue version 2 tokens (`aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token`).",
            ));
        }
    }
    if let Some(exp) = creds.expiration {
        if exp <= now {
            out.push(finding(
                "credentials-expired",
                Severity::Error,
                "credentials-input",
                "The temporary credentials have expired",
                format!(
                    "They expired at {}, {} before this computer's clock ({}). AWS answers \"The security token included in the request is expired\".",
                    timefmt::iso(exp),
                    human_minutes((now - exp).whole_seconds()),
                    timefmt::iso(now)
                ),
                format!("Fetch new credentials (aws sts assume-role / aws sso login / re-run the CI step). {WHERE_CREDENTIALS_COME_FROM}"),
            ));
        }
    }

    // --- time ------------------------------------------------------------------
    let skew = (signed_at - now).whole_seconds();
    let window = facts::skew_window_minutes(service);
    let presign_expires = match inputs.settings.mode {
        Mode::Presign { expires } => Some(expires),
        Mode::Header => None,
    };
    let in_past_ok = presign_expires.map_or(window * 60, |e| i64::try_from(e).unwrap_or(i64::MAX));
    if inputs.time != SigningTime::Now
        && (skew > window * 60 || (presign_expires.is_none() && -skew > in_past_ok))
    {
        let (dir, after) = if skew < 0 {
            ("behind", "earlier")
        } else {
            ("ahead of", "later")
        };
        out.push(finding(
            "clock-skew",
            Severity::Error,
            "signing-time",
            format!("The request time is {} {dir} this computer's clock", human_minutes(skew)),
            format!(
                "Request time {} is {} {dir} this computer's clock {}; AWS accepts {window} min for {service} \
                 (5 min for most services, 15 for S3, STS, SQS and DynamoDB). Sent now, AWS answers \"Signature expired\" \
                 or \"Signature not yet current\" (S3: RequestTimeTooSkewed).",
                timefmt::iso(signed_at),
                human_minutes(skew),
                timefmt::iso(now)
            ),
            format!(
                "Sign at the current time (clear the fixed signing time), or fix the clock of the machine that signs \
                 (timedatectl / NTP; in containers, the host's clock). The signature was made {after} than AWS will accept."
            ),
        ));
    }
    if let Some(expires) = presign_expires {
        // Past year 9999 the URL simply never expires within reach: no arithmetic overflow.
        let lifetime = time::Duration::seconds(i64::try_from(expires).unwrap_or(i64::MAX));
        let ends = signed_at
            .checked_add(lifetime)
            .unwrap_or(time::OffsetDateTime::new_utc(
                time::Date::MAX,
                time::Time::MIDNIGHT,
            ));
        if ends <= now {
            out.push(finding(
                "presign-expired",
                Severity::Error,
                "expires",
                "The presigned URL has expired",
                format!(
                    "Signed at {} for {expires} s, it stopped working at {}, {} before this computer's clock ({}). AWS answers \"Request has expired\".",
                    timefmt::iso(signed_at),
                    timefmt::iso(ends),
                    human_minutes((now - ends).whole_seconds()),
                    timefmt::iso(now)
                ),
                "Presign again (at the current time), with an expiry long enough for its use.",
            ));
        }
        if expires > facts::MAX_PRESIGN_SECONDS {
            out.push(finding(
                "presign-expires-too-long",
                Severity::Error,
                "expires",
                "The expiry is longer than 7 days",
                format!("X-Amz-Expires is {expires} s; SigV4 presigned URLs may last at most 604800 s (7 days). AWS rejects longer ones."),
                "Use an expiry of 604800 seconds or less.",
            ));
        } else if let Some(exp) = creds.expiration.filter(|e| *e < ends) {
            out.push(finding(
                "presign-expires-too-long",
                Severity::Warning,
                "expires",
                "The URL outlives the credentials that signed it",
                format!(
                    "The URL would work until {}, but the temporary credentials expire at {}; from then on AWS rejects it.",
                    timefmt::iso(ends),
                    timefmt::iso(exp)
                ),
                "Sign with longer-lived credentials (an IAM user's key) or expect the URL to stop early.",
            ));
        }
    }

    // --- scope ---------------------------------------------------------------------
    let host = inputs
        .request
        .url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split(['/', '?'])
        .next()
        .unwrap_or("");
    let host_facts = scope::from_host(host);
    // Names as the sentences quote them: a typed region or service may be any length.
    let short = |s: &str| excerpt(s, QUOTE_CHARS);
    let (host_q, region_q, service_q) = (short(host), short(region), short(service));
    let global = host_facts.region.as_ref().filter(|_| host_facts.global);
    if let (Some((global_region, _)), Source::Flag) = (global, ex.region.source) {
        if region != global_region {
            let global_region_q = short(global_region);
            out.push(finding(
                "global-service-region",
                Severity::Error,
                "region",
                format!("{host_q} signs for {global_region_q}, not {region_q}"),
                format!("{host_q} is a global endpoint: requests to it are signed for {global_region_q} whatever region the caller works in. Signed for {region_q}, AWS answers \"Credential should be scoped to a valid region\"."),
                format!("Set the region to {global_region_q} for this endpoint, or use the service's regional endpoint for {region_q}."),
            ));
        }
    } else if let (Some(from_host), Source::Flag) = (&ex.region.from_host, ex.region.source) {
        if from_host != region && host_facts.strong {
            let from_host_q = short(from_host);
            out.push(finding(
                "region-mismatch",
                Severity::Error,
                "region",
                format!("Signed for {region_q}, but the endpoint is in {from_host_q}"),
                format!("The credential scope says {region_q}, while the host {host_q} is in {from_host_q}. AWS answers \"Credential should be scoped to a valid region\" (S3: \"the region '{region_q}' is wrong; expecting '{from_host_q}'\")."),
                format!("Sign for {from_host_q} (clear the region to use the host's), or send the request to the {region_q} endpoint — check AWS_REGION / AWS_DEFAULT_REGION and the profile's region."),
            ));
        }
    }
    if let (Some(from_host), Source::Flag) = (&ex.service.from_host, ex.service.source) {
        let both_s3 = scope::is_s3_family(from_host) && scope::is_s3_family(service);
        // The IoT data endpoint signs as iotdata over HTTP and iotdevicegateway for MQTT over WebSocket.
        let iot_websocket = from_host == "iotdata" && service == "iotdevicegateway";
        if from_host != service && !both_s3 && !iot_websocket && host_facts.strong {
            let from_host_q = short(from_host);
            out.push(finding(
                "service-mismatch",
                Severity::Error,
                "service",
                format!("Signed for service {service_q}, but the endpoint is {from_host_q}"),
                format!("The credential scope names {service_q}, while the host {host_q} belongs to {from_host_q}. AWS answers \"Credential should be scoped to correct service: '{from_host_q}'\"."),
                format!("Sign with the service's signing name, {from_host_q} (clear the service field to use the host's). Signing names can differ from the host prefix (monitoring for CloudWatch, execute-api for API Gateway)."),
            ));
        }
    }

    // --- request ---------------------------------------------------------------------
    if let Some(claimed) = inputs.request.header("x-amz-content-sha256").map(str::trim) {
        let is_hex = claimed.len() == 64 && claimed.bytes().all(|b| b.is_ascii_hexdigit());
        let (actual, size) = match &inputs.external_body {
            Some(x) => (x.sha256.to_ascii_lowercase(), x.size),
            None => (
                crate::sigv4::key::sha256_hex(&inputs.request.body),
                inputs.request.body.len() as u64,
            ),
        };
        if is_hex && !claimed.eq_ignore_ascii_case(&actual) {
            out.push(finding(
                "payload-hash-mismatch",
                Severity::Error,
                "body",
                "x-amz-content-sha256 is not the body's SHA-256",
                format!("The request says the body hashes to {claimed}…, but these {size} bytes hash to {actual}. S3 answers XAmzContentSHA256Mismatch; other services SignatureDoesNotMatch."),
                "Hash the exact bytes sent (after any compression or encoding), or let the signer compute it.",
            ));
        }
    }
    if token.is_some()
        && inputs.settings.token == TokenPlacement::AfterSigning
        && service != "iotdevicegateway"
    {
        // For a real AWS endpoint this is a mistake; for an unknown host it may be deliberate.
        let severity = if host_facts.strong {
            Severity::Warning
        } else {
            Severity::Info
        };
        out.push(finding(
            "session-token-unsigned",
            severity,
            "session-token",
            "The session token is added after signing",
            format!("The token is not part of the canonical request. Only AWS IoT's WebSocket endpoint (iotdevicegateway) expects that; \
                     {service} wants X-Amz-Security-Token signed, or answers SignatureDoesNotMatch or \"The security token included in the request is invalid\"."),
            "Sign the token (turn off \"token after signing\") unless this is AWS IoT over WebSocket.",
        ));
    }

    by_severity(out)
}

/// Most severe first, keeping the order within a severity.
pub fn by_severity(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out = Vec::with_capacity(findings.len());
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        out.extend(findings.iter().filter(|f| f.severity == sev).cloned());
    }
    out
}
