//! "What if…": one classic signing mistake applied to the inputs, with the steps it changes and what AWS would answer.
//!
//! Each mistake is a pure function of the inputs, their explanation and the clock: the
//! mutated [`Inputs`] are returned whole, the originals are never touched, so undoing a
//! mistake is dropping the [`WhatIf`]. AWS's answers are the catalogued wordings of
//! `../shared/reference/aws-auth-errors.json` ([`CATALOGUE`]) with their values filled in.

use time::{Duration, OffsetDateTime};

use crate::diagnose::{facts, FindingId};
use crate::generated::catalogue::CatalogueId;
use crate::http::header;
use crate::http::url::raw_authority;
use crate::input::{Inputs, Mode, Secret, SigningTime, TokenPlacement};
use crate::lab::{explain, Explanation};
use crate::sigv4::canonical::{canonical_uri, Origin};
use crate::sigv4::{scope, SignError, Signing, Step};
use crate::text::{excerpt, QUOTE_CHARS};
use crate::timefmt;

/// How many characters of a path a description quotes.
const PATH_CHARS: usize = 120;

/// A classic mistake, applied with one click and undone with another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mistake {
    /// Signed for another region than the endpoint's: `us-west-2`, or `eu-west-1` when the
    /// region in effect is already `us-west-2`.
    ///
    /// The region is part of the credential scope and of the key (kRegion). AWS compares the
    /// scope with the endpoint's region and names that, not the signature: "Credential should
    /// be scoped to a valid region" (S3: AuthorizationHeaderMalformed, "the region 'x' is
    /// wrong; expecting 'y'"). Global endpoints (iam.amazonaws.com, ...) sign for one fixed
    /// region, so there the finding is `global-service-region`; elsewhere `region-mismatch`.
    WrongRegion,
    /// The secret access key with a space after it, as a careless copy leaves it.
    ///
    /// The secret is the start of the key chain (kDate = HMAC("AWS4" + secret, date)), so the
    /// canonical request and string to sign stay the same while every derived key and the
    /// signature change. AWS computes with the real secret and answers SignatureDoesNotMatch.
    SecretTrailingSpace,
    /// The client sends a header it did not sign: one header is left out of the signed request.
    ///
    /// Chosen in this order: an `x-amz-*` header of the request (not `x-amz-date`); for S3 with
    /// header authentication, the session token (added after signing, unsigned); `content-type`;
    /// else the request's first other signed header. S3 requires every `x-amz-*` header it
    /// receives to be signed and answers AccessDenied "There were headers present in the request
    /// which were not signed" (`header-not-signed`). Any other unsigned header is not an error:
    /// AWS checks only the headers SignedHeaders lists, so it accepts the request (no answer, no
    /// finding) — the signature still changes, and the header can be altered on the way.
    HeaderLeftOut,
    /// The path signed encoded once where the service expects it encoded twice.
    ///
    /// Every service but S3 URI-encodes the already-encoded path again for the canonical URI
    /// (`%20` → `%2520`); signing it once gives a different canonical request and AWS answers
    /// SignatureDoesNotMatch (`signature-mismatch`). S3 already signs the path encoded once, so
    /// the mistake does not apply there. A path without percent-encoded characters reads the
    /// same either way: nothing changes, AWS accepts it.
    PathEncodedOnce,
    /// The signing machine's clock runs slow: the request is signed 5 minutes beyond the
    /// service's window before AWS's clock (`now`, unchanged) — 10 min for most services,
    /// 20 min for S3, STS, SQS and DynamoDB, which allow 15.
    ///
    /// X-Amz-Date and the scope date are signed, and AWS refuses requests outside its window:
    /// "Signature expired: … is now earlier than …" (S3: RequestTimeTooSkewed), `clock-skew`.
    /// A presigned URL signed in the past stays valid until X-Amz-Date + X-Amz-Expires: AWS
    /// accepts it unless the slow clock already puts that in the past ("Request has expired",
    /// `presign-expired`).
    ClockOff,
    /// The session token left out of temporary credentials.
    ///
    /// A temporary (ASIA…) key exists only together with its token; without it AWS does not
    /// know the key: "The security token included in the request is invalid" (S3:
    /// InvalidAccessKeyId), `session-token-missing`. With a long-term AKIA key, leaving a token
    /// out is the fix for `session-token-unexpected`, and AWS accepts the request.
    TokenMissing,
}

impl Mistake {
    /// Every mistake, in the order the page shows them.
    pub const ALL: [Mistake; 6] = [
        Mistake::WrongRegion,
        Mistake::SecretTrailingSpace,
        Mistake::HeaderLeftOut,
        Mistake::PathEncodedOnce,
        Mistake::ClockOff,
        Mistake::TokenMissing,
    ];

    /// Its stable name, kebab-case (`wrong-region`).
    pub fn id(self) -> &'static str {
        match self {
            Mistake::WrongRegion => "wrong-region",
            Mistake::SecretTrailingSpace => "secret-trailing-space",
            Mistake::HeaderLeftOut => "header-left-out",
            Mistake::PathEncodedOnce => "path-encoded-once",
            Mistake::ClockOff => "clock-off",
            Mistake::TokenMissing => "token-missing",
        }
    }

    /// The button's text.
    pub fn label(self) -> &'static str {
        match self {
            Mistake::WrongRegion => "Wrong region",
            Mistake::SecretTrailingSpace => "Space after the secret",
            Mistake::HeaderLeftOut => "Header left unsigned",
            Mistake::PathEncodedOnce => "Path encoded once",
            Mistake::ClockOff => "Slow clock",
            Mistake::TokenMissing => "Session token left out",
        }
    }

    /// The mistake with this [`id`](Mistake::id).
    pub fn from_id(id: &str) -> Option<Mistake> {
        Mistake::ALL.into_iter().find(|m| m.id() == id)
    }
}

/// What AWS would answer, in its own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwsAnswer {
    pub http_status: u16,
    /// The error code (`SignatureDoesNotMatch`, `InvalidSignatureException`, ...).
    pub code: &'static str,
    /// The catalogued wording with its values (regions, times) filled in.
    pub message: String,
    /// The aws-auth-errors.json entry the wording comes from.
    pub catalogue_id: CatalogueId,
}

/// One mistake applied to the inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIf {
    pub mistake: Mistake,
    /// The inputs with the mistake applied (the originals are untouched).
    pub inputs: Inputs,
    /// The clock AWS compares against: the `now` given, unchanged (the server's clock).
    pub now: OffsetDateTime,
    /// What was changed, concretely, and — when AWS would accept the result — why.
    pub description: String,
    /// What AWS would answer; `None` when it would accept the request.
    pub aws_answer: Option<AwsAnswer>,
    /// The finding AWS's answer corresponds to; `None` when AWS would accept.
    pub finding: Option<FindingId>,
}

impl WhatIf {
    /// The mutated inputs explained against the same clock.
    pub fn explain(&self) -> Result<Explanation, SignError> {
        explain(&self.inputs, self.now)
    }
}

/// Which steps differ between two signings, in order.
pub fn changed_steps(base: &Signing, other: &Signing) -> Vec<Step> {
    Step::ALL
        .into_iter()
        .filter(|step| step.value(base) != step.value(other))
        .collect()
}

/// How many hex digits differ between two signatures, position by position (case aside); a
/// difference in length counts each missing digit. Any change moves about 60 of 64.
pub fn differing_hex_digits(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.iter()
        .zip(b)
        .filter(|(x, y)| !x.eq_ignore_ascii_case(y))
        .count()
        + a.len().abs_diff(b.len())
}

/// How a service words its authentication errors.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Protocol {
    S3,
    /// Query / XML services: SignatureDoesNotMatch, InvalidClientTokenId.
    Query,
    /// JSON services: InvalidSignatureException, UnrecognizedClientException.
    Json,
}

/// Query-protocol (and REST-XML) services, from the `services` lists of aws-auth-errors.json
/// (sig_mismatch_generic, invalid_client_token_id) and the services known to share their protocol.
const QUERY_SERVICES: &[&str] = &[
    "sts",
    "iam",
    "sqs",
    "sns",
    "ec2",
    "cloudformation",
    "rds",
    "route53",
    "cloudfront",
    "cloudsearch",
    "elasticloadbalancing",
    "autoscaling",
    "monitoring",
    "elasticache",
    "redshift",
    "elasticbeanstalk",
    "email",
    "sdb",
    "importexport",
];

fn protocol(ex: &Signing) -> Protocol {
    let service = ex.service.value.as_str();
    if ex.rules.s3_rules {
        Protocol::S3
    } else if QUERY_SERVICES.contains(&service) {
        Protocol::Query
    } else {
        Protocol::Json
    }
}

/// DynamoDB and Cognito answer authentication errors with 400 (aws-auth-errors.json
/// http_status_note); the other services with 403.
fn json_status(service: &str) -> u16 {
    if matches!(service, "dynamodb" | "cognito-idp") {
        400
    } else {
        403
    }
}

/// A catalogued wording: the entry's message, or its first variant starting with `variant`.
fn wording(id: CatalogueId, variant: Option<&str>) -> &'static str {
    let entry = id.entry();
    match variant {
        None => entry.message,
        Some(start) => entry
            .variants
            .iter()
            .copied()
            .find(|v| v.starts_with(start))
            .unwrap_or(entry.message),
    }
}

/// Fills `{name}` placeholders.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), &excerpt(value, QUOTE_CHARS))
        })
}

fn answer(
    catalogue_id: CatalogueId,
    code: &'static str,
    http_status: u16,
    message: String,
) -> AwsAnswer {
    AwsAnswer {
        http_status,
        code,
        message,
        catalogue_id,
    }
}

/// SignatureDoesNotMatch, in the service's words.
fn signature_does_not_match(ex: &Signing) -> AwsAnswer {
    match protocol(ex) {
        Protocol::S3 => answer(
            CatalogueId::S3SignatureDoesNotMatch,
            "SignatureDoesNotMatch",
            403,
            wording(CatalogueId::S3SignatureDoesNotMatch, None).into(),
        ),
        Protocol::Query => answer(
            CatalogueId::SigMismatchGeneric,
            "SignatureDoesNotMatch",
            403,
            wording(CatalogueId::SigMismatchGeneric, None).into(),
        ),
        Protocol::Json => answer(
            CatalogueId::SigMismatchGeneric,
            "InvalidSignatureException",
            json_status(&ex.service.value),
            wording(CatalogueId::SigMismatchGeneric, None).into(),
        ),
    }
}

/// What applying one mistake produced, before it becomes a [`WhatIf`].
struct Outcome {
    description: String,
    aws_answer: Option<AwsAnswer>,
    finding: Option<FindingId>,
}

fn rejected(description: String, answer: AwsAnswer, finding: FindingId) -> Outcome {
    Outcome {
        description,
        aws_answer: Some(answer),
        finding: Some(finding),
    }
}

fn accepted(description: String) -> Outcome {
    Outcome {
        description,
        aws_answer: None,
        finding: None,
    }
}

/// Why a mistake cannot apply to these inputs, in one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotApplicable(pub String);

impl std::fmt::Display for NotApplicable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Applies `mistake` to a copy of `inputs`. `base` must be the signing of `inputs` at `now`;
/// `now` is AWS's clock.
pub fn apply(
    mistake: Mistake,
    inputs: &Inputs,
    base: &Signing,
    now: OffsetDateTime,
) -> Result<WhatIf, NotApplicable> {
    let mut changed = inputs.clone();
    let outcome = match mistake {
        Mistake::WrongRegion => Ok(wrong_region(&mut changed, base)),
        Mistake::SecretTrailingSpace => secret_trailing_space(&mut changed, base),
        Mistake::HeaderLeftOut => header_left_out(&mut changed, base),
        Mistake::PathEncodedOnce => path_encoded_once(&mut changed, base),
        Mistake::ClockOff => clock_off(&mut changed, base, now),
        Mistake::TokenMissing => token_missing(&mut changed, base),
    }
    .map_err(NotApplicable)?;
    Ok(WhatIf {
        mistake,
        inputs: changed,
        now,
        description: outcome.description,
        aws_answer: outcome.aws_answer,
        finding: outcome.finding,
    })
}

fn wrong_region(changed: &mut Inputs, base: &Signing) -> Outcome {
    let right = base.region.value.as_str();
    let wrong = if right == "us-west-2" {
        "eu-west-1"
    } else {
        "us-west-2"
    };
    changed.region = Some(wrong.to_string());
    let host = raw_authority(&changed.request.url);
    let global = scope::from_host(host).global;
    let (right_q, host_q) = (excerpt(right, QUOTE_CHARS), excerpt(host, QUOTE_CHARS));
    let description = if global {
        format!("Signed for region {wrong} instead of {right_q}, the one region the global endpoint {host_q} signs for.")
    } else {
        format!("Signed for region {wrong} instead of {right_q}.")
    };
    let finding = if global {
        FindingId::GlobalServiceRegion
    } else {
        FindingId::RegionMismatch
    };
    let presign = base.rules.presign;
    let service = base.service.value.as_str();
    let aws = match protocol(base) {
        Protocol::S3 if presign => answer(
            CatalogueId::S3QueryParamsError,
            "AuthorizationQueryParametersError",
            400,
            fill(
                wording(
                    CatalogueId::S3QueryParamsError,
                    Some("Error parsing the X-Amz-Credential parameter; the region"),
                ),
                &[("given", wrong), ("expected", right)],
            ),
        ),
        Protocol::S3 => answer(
            CatalogueId::S3AuthHeaderMalformedRegion,
            "AuthorizationHeaderMalformed",
            400,
            fill(
                wording(CatalogueId::S3AuthHeaderMalformedRegion, None),
                &[("regionInRequest", wrong), ("bucketRegion", right)],
            ),
        ),
        protocol => {
            // API Gateway and Cognito do not echo the region (aws-auth-errors.json, scope_region).
            let message = if matches!(service, "execute-api" | "cognito-idp") {
                wording(
                    CatalogueId::ScopeRegion,
                    Some("Credential should be scoped to a valid region."),
                )
                .to_string()
            } else {
                fill(
                    wording(CatalogueId::ScopeRegion, None),
                    &[("regionInRequest", wrong)],
                )
            };
            let (code, status) = if protocol == Protocol::Query {
                ("SignatureDoesNotMatch", 403)
            } else {
                ("InvalidSignatureException", json_status(service))
            };
            answer(CatalogueId::ScopeRegion, code, status, message)
        }
    };
    rejected(description, aws, finding)
}

fn secret_trailing_space(changed: &mut Inputs, base: &Signing) -> Result<Outcome, String> {
    let secret = changed.credentials.secret_access_key.expose();
    if secret.is_empty() {
        return Err(
            "There is no secret access key to add a space to: give the secret first.".into(),
        );
    }
    changed.credentials.secret_access_key = Secret::new(format!("{secret} "));
    Ok(rejected(
        "Signed with a space after the secret access key (a paste mistake), so every key from kDate on derives from a different secret."
            .into(),
        signature_does_not_match(base),
        FindingId::KeyWhitespace,
    ))
}

fn header_left_out(changed: &mut Inputs, base: &Signing) -> Result<Outcome, String> {
    let s3 = protocol(base) == Protocol::S3;
    // Signed headers that came from the request itself, in the request's order.
    let from_request: Vec<String> = changed
        .request
        .headers
        .iter()
        .map(|h| h.name.trim().to_ascii_lowercase())
        .filter(|n| {
            n != header::HOST
                && n != header::X_AMZ_DATE
                && base
                    .canonical_request
                    .headers
                    .iter()
                    .any(|c| c.origin == Origin::Request && c.name == *n)
        })
        .collect();
    let amz = from_request
        .iter()
        .find(|n| n.starts_with(header::X_AMZ_PREFIX));
    let token_signed_in_header = s3 && !base.rules.presign && base.rules.token_signed;
    if amz.is_none() && token_signed_in_header {
        changed.settings.token = TokenPlacement::AfterSigning;
        return Ok(rejected(
            "Signed without x-amz-security-token (the session token added after signing), which the client still sends; S3 requires every x-amz-* header it receives to be signed."
                .into(),
            answer(
                CatalogueId::S3HeadersNotSigned,
                "AccessDenied",
                403,
                wording(CatalogueId::S3HeadersNotSigned, None).into(),
            ),
            FindingId::HeaderNotSigned,
        ));
    }
    let Some(name) = amz
        .or_else(|| from_request.iter().find(|n| *n == header::CONTENT_TYPE))
        .or_else(|| from_request.first())
        .cloned()
    else {
        return Err(
            "The request has no header of its own besides host to leave out of the signature."
                .into(),
        );
    };
    changed
        .request
        .headers
        .retain(|h| !h.name.trim().eq_ignore_ascii_case(&name));
    let is_amz = name.starts_with(header::X_AMZ_PREFIX);
    let name = excerpt(&name, QUOTE_CHARS);
    Ok(match (s3, is_amz) {
        (true, true) => rejected(
            format!("Signed without the {name} header, which the client still sends; S3 requires every x-amz-* header it receives to be signed."),
            answer(
                CatalogueId::S3HeadersNotSigned,
                "AccessDenied",
                403,
                wording(CatalogueId::S3HeadersNotSigned, None).into(),
            ),
            FindingId::HeaderNotSigned,
        ),
        (false, true) => accepted(format!(
            "Signed without the {name} header, which the client still sends; outside S3, AWS checks only the headers SignedHeaders lists and accepts it (AWS's guide asks for every x-amz-* header to be signed, but only S3 is known to enforce it)."
        )),
        (_, false) => accepted(format!(
            "Signed without the {name} header, which the client still sends; AWS checks only the headers SignedHeaders lists, so it accepts the request — but anyone on the way could change that header unnoticed."
        )),
    })
}

fn path_encoded_once(changed: &mut Inputs, base: &Signing) -> Result<Outcome, String> {
    if base.rules.s3_rules {
        return Err(format!(
            "S3's rules apply to {}: it already signs the path encoded once, exactly as sent, so this mistake is for the services that encode it twice.",
            excerpt(&base.service.value, QUOTE_CHARS)
        ));
    }
    if changed.settings.single_encode {
        return Err(
            "The path is already signed encoded once (the single-encode setting is on).".into(),
        );
    }
    changed.settings.single_encode = true;
    let uri = &base.canonical_request.uri;
    let once = canonical_uri(&uri.written, base.rules.normalize_path, false).canonical;
    if once == uri.canonical {
        return Ok(accepted(format!(
            "Signed with the path encoded once instead of twice, but the path {} has no characters that a second encoding changes, so nothing changes and AWS accepts it.",
            excerpt(&uri.canonical, PATH_CHARS)
        )));
    }
    Ok(rejected(
        format!(
            "Signed the path encoded once ({}) where {} encodes it twice ({}).",
            excerpt(&once, PATH_CHARS),
            excerpt(&base.service.value, QUOTE_CHARS),
            excerpt(&uri.canonical, PATH_CHARS)
        ),
        signature_does_not_match(base),
        FindingId::SignatureMismatch,
    ))
}

fn clock_off(changed: &mut Inputs, base: &Signing, now: OffsetDateTime) -> Result<Outcome, String> {
    let service = base.service.value.as_str();
    let window = facts::skew_window_minutes(service);
    let behind = window + 5;
    let signed_at = now
        .checked_sub(Duration::minutes(behind))
        .ok_or("The clock is too close to the earliest representable time to set it back.")?;
    changed.time = SigningTime::At(signed_at);
    let what = format!(
        "Signed at {}, {behind} min behind AWS's clock ({})",
        timefmt::iso(signed_at),
        timefmt::iso(now)
    );
    let protocol = protocol(base);
    if let Mode::Presign { expires } = changed.settings.mode {
        let lifetime = u64::try_from(behind * 60).unwrap_or(u64::MAX);
        if expires > lifetime {
            return Ok(accepted(format!(
                "{what}; a presigned URL signed in the past stays valid until X-Amz-Date + X-Amz-Expires ({expires} s), so AWS accepts it — it just expires {behind} min early."
            )));
        }
        let description = format!(
            "{what}, more than its X-Amz-Expires of {expires} s: the URL expired before it was used."
        );
        let aws = if protocol == Protocol::S3 {
            answer(
                CatalogueId::S3PresignedExpired,
                "AccessDenied",
                403,
                wording(CatalogueId::S3PresignedExpired, None).into(),
            )
        } else {
            answer(
                CatalogueId::RequestExpiredEc2,
                "RequestExpired",
                400,
                wording(CatalogueId::RequestExpiredEc2, None).into(),
            )
        };
        return Ok(rejected(description, aws, FindingId::PresignExpired));
    }
    let description = format!(
        "{what}; {} accepts at most {window} min.",
        excerpt(service, QUOTE_CHARS)
    );
    let aws = match protocol {
        Protocol::S3 => answer(
            CatalogueId::S3RequestTimeTooSkewed,
            "RequestTimeTooSkewed",
            403,
            wording(CatalogueId::S3RequestTimeTooSkewed, None).into(),
        ),
        protocol => {
            let earliest = now - Duration::minutes(window);
            let n = window.to_string();
            let message = fill(
                wording(CatalogueId::SigExpired, None),
                &[
                    ("requestTime", &timefmt::amz_date(signed_at)),
                    ("earliestAllowed", &timefmt::amz_date(earliest)),
                    ("serverTime", &timefmt::amz_date(now)),
                    ("N", &n),
                ],
            );
            let (code, status) = if protocol == Protocol::Query {
                ("SignatureDoesNotMatch", 403)
            } else {
                ("InvalidSignatureException", json_status(service))
            };
            answer(CatalogueId::SigExpired, code, status, message)
        }
    };
    Ok(rejected(description, aws, FindingId::ClockSkew))
}

fn token_missing(changed: &mut Inputs, base: &Signing) -> Result<Outcome, String> {
    let has_token = changed
        .credentials
        .session_token
        .as_ref()
        .is_some_and(|t| !t.is_empty());
    if !has_token {
        return Err("There is no session token to leave out: this mistake applies to temporary (ASIA…) credentials.".into());
    }
    changed.credentials.session_token = None;
    let akid = excerpt(changed.credentials.access_key_id.trim(), QUOTE_CHARS);
    if akid.starts_with("AKIA") {
        return Ok(accepted(format!(
            "Signed without the session token; {akid} is a long-term key that takes no token, so leaving it out is the fix for session-token-unexpected and AWS accepts it."
        )));
    }
    let service = base.service.value.as_str();
    let aws = match protocol(base) {
        Protocol::S3 => answer(
            CatalogueId::S3InvalidAccessKeyId,
            "InvalidAccessKeyId",
            403,
            wording(CatalogueId::S3InvalidAccessKeyId, None).into(),
        ),
        // EC2 words every unknown-credentials case as AuthFailure (aws-auth-errors.json).
        Protocol::Query if service == "ec2" => answer(
            CatalogueId::AuthFailureEc2,
            "AuthFailure",
            401,
            wording(CatalogueId::AuthFailureEc2, None).into(),
        ),
        Protocol::Query => answer(
            CatalogueId::InvalidClientTokenId,
            "InvalidClientTokenId",
            403,
            wording(CatalogueId::InvalidClientTokenId, None).into(),
        ),
        Protocol::Json => answer(
            CatalogueId::UnrecognizedClient,
            "UnrecognizedClientException",
            json_status(service),
            wording(CatalogueId::UnrecognizedClient, None).into(),
        ),
    };
    Ok(rejected(
        format!("Signed without the session token that belongs to the temporary key {akid}; without it AWS does not know the key."),
        aws,
        FindingId::SessionTokenMissing,
    ))
}
