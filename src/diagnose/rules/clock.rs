//! Rules about time: the request's clock against ours, and a presigned URL's lifetime.

use time::{Date, Duration, OffsetDateTime, Time};

use crate::diagnose::{facts, human_minutes, Concern, Ctx, Finding, FindingId, Severity};
use crate::http::MAX_PRESIGN_EXPIRES;
use crate::input::{Field, SigningTime};
use crate::timefmt;

/// When a presigned URL signed at `signed_at` for `expires` seconds stops working (past year
/// 9999 it simply never expires within reach: no arithmetic overflow).
fn presign_ends(signed_at: OffsetDateTime, expires: u64) -> OffsetDateTime {
    let lifetime = Duration::seconds(i64::try_from(expires).unwrap_or(i64::MAX));
    signed_at
        .checked_add(lifetime)
        .unwrap_or(OffsetDateTime::new_utc(Date::MAX, Time::MIDNIGHT))
}

/// `clock-skew`: a fixed signing time outside the service's window around now.
pub(crate) fn clock_skew(c: &Ctx<'_>) -> Vec<Finding> {
    let skew = (c.signed_at - c.now).whole_seconds();
    let service = c.service;
    let window = facts::skew_window_minutes(service);
    let in_past_ok = c
        .presign_expires
        .map_or(window * 60, |e| i64::try_from(e).unwrap_or(i64::MAX));
    let outside = skew > window * 60 || (c.presign_expires.is_none() && -skew > in_past_ok);
    if c.inputs.time == SigningTime::Now {
        return vec![];
    }
    if !outside {
        return skew_inside_the_window(c, skew, window);
    }
    let (dir, after) = if skew < 0 {
        ("behind", "earlier")
    } else {
        ("ahead of", "later")
    };
    vec![Finding {
        id: FindingId::ClockSkew,
        severity: Severity::Error,
        concerns: Concern::Field(Field::SigningTime),
        title: format!("The request time is {} {dir} this computer's clock", human_minutes(skew)),
        detail: format!(
            "Request time {} is {} {dir} this computer's clock {}; AWS accepts {window} min for {service} \
             (5 min for most services, 15 for S3, STS, SQS and DynamoDB). Sent now, AWS answers \"Signature expired\" \
             or \"Signature not yet current\" (S3: RequestTimeTooSkewed).",
            timefmt::iso(c.signed_at),
            human_minutes(skew),
            timefmt::iso(c.now)
        ),
        fix: format!(
            "Sign at the current time (clear the fixed signing time), or fix the clock of the machine that signs \
             (timedatectl / NTP; in containers, the host's clock). The signature was made {after} than AWS will accept."
        ),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}

/// A fixed signing time a minute or more from now, yet inside the window: AWS accepts it, and
/// how much room is left is worth knowing (a slow clock drifts further). Info, and never for a
/// presigned URL, which is meant to be used later.
fn skew_inside_the_window(c: &Ctx<'_>, skew: i64, window: i64) -> Vec<Finding> {
    if c.presign_expires.is_some() || skew.abs() < 60 {
        return vec![];
    }
    let dir = if skew < 0 { "behind" } else { "ahead of" };
    let spare = window * 60 - skew.abs();
    vec![Finding {
        id: FindingId::ClockSkew,
        severity: Severity::Info,
        concerns: Concern::Field(Field::SigningTime),
        title: format!(
            "The request time is {} {dir} this computer's clock, inside the {window} min AWS allows",
            human_minutes(skew)
        ),
        detail: format!(
            "Request time {} is {} {dir} this computer's clock {}. {} accepts {window} min either way, so AWS accepts it now, with {} to spare.",
            timefmt::iso(c.signed_at),
            human_minutes(skew),
            timefmt::iso(c.now),
            c.service,
            human_minutes(spare)
        ),
        fix: "Nothing to fix yet; if the machine that signs is this far off, sync its clock (timedatectl / NTP) before it drifts out of the window.".into(),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}

/// `presign-expired`: a presigned URL whose lifetime ended before now.
pub(crate) fn presign_expired(c: &Ctx<'_>) -> Vec<Finding> {
    let Some(expires) = c.presign_expires else {
        return vec![];
    };
    let ends = presign_ends(c.signed_at, expires);
    if ends > c.now {
        return vec![];
    }
    vec![Finding {
        id: FindingId::PresignExpired,
        severity: Severity::Error,
        concerns: Concern::Field(Field::Expires),
        title: "The presigned URL has expired".into(),
        detail: format!(
            "Signed at {} for {expires} s, it stopped working at {}, {} before this computer's clock ({}). AWS answers \"Request has expired\".",
            timefmt::iso(c.signed_at),
            timefmt::iso(ends),
            human_minutes((c.now - ends).whole_seconds()),
            timefmt::iso(c.now)
        ),
        fix: "Presign again (at the current time), with an expiry long enough for its use.".into(),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}

/// `presign-expires-too-long`: an expiry past 7 days, or past the credentials' own expiry.
pub(crate) fn presign_expires_too_long(c: &Ctx<'_>) -> Vec<Finding> {
    let Some(expires) = c.presign_expires else {
        return vec![];
    };
    let ends = presign_ends(c.signed_at, expires);
    if expires > MAX_PRESIGN_EXPIRES {
        return vec![Finding {
            id: FindingId::PresignExpiresTooLong,
            severity: Severity::Error,
            concerns: Concern::Field(Field::Expires),
            title: "The expiry is longer than 7 days".into(),
            detail: format!("X-Amz-Expires is {expires} s; SigV4 presigned URLs may last at most 604800 s (7 days). AWS rejects longer ones."),
            fix: "Use an expiry of 604800 seconds or less.".into(),
            checks: Vec::new(),
            ruled_out: Vec::new(),
        }];
    }
    let Some(exp) = c.inputs.credentials.expiration.filter(|e| *e < ends) else {
        return vec![];
    };
    vec![Finding {
        id: FindingId::PresignExpiresTooLong,
        severity: Severity::Warning,
        concerns: Concern::Field(Field::Expires),
        title: "The URL outlives the credentials that signed it".into(),
        detail: format!(
            "The URL would work until {}, but the temporary credentials expire at {}; from then on AWS rejects it.",
            timefmt::iso(ends),
            timefmt::iso(exp)
        ),
        fix: "Sign with longer-lived credentials (an IAM user's key) or expect the URL to stop early.".into(),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}
