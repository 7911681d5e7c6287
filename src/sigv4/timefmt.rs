//! Signing time: choosing it, and the two formats SigV4 writes it in.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

use super::{err, ExplainError, Prepared, SigningTime};

/// `YYYYMMDD'T'HHMMSS'Z'`, the form of `X-Amz-Date`.
pub fn amz_date(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `YYYYMMDD`, the date in the credential scope.
pub fn date_stamp(t: OffsetDateTime) -> String {
    amz_date(t)[..8].to_string()
}

/// Parses an `X-Amz-Date` value (`20150830T123600Z`).
pub fn parse_amz_date(text: &str) -> Option<OffsetDateTime> {
    let fmt = format_description!("[year][month][day]T[hour][minute][second]Z");
    PrimitiveDateTime::parse(text.trim(), &fmt)
        .ok()
        .map(|p| p.assume_utc())
}

/// Parses a user-typed instant: RFC 3339 (`2015-08-30T12:36:00Z`), or the `X-Amz-Date` form.
pub fn parse_instant(text: &str) -> Option<OffsetDateTime> {
    let t = text.trim();
    OffsetDateTime::parse(t, &Rfc3339)
        .ok()
        .or_else(|| parse_amz_date(t))
}

/// RFC 3339 in UTC with seconds, for display (`2015-08-30T12:36:00Z`).
pub fn iso(t: OffsetDateTime) -> String {
    let a = amz_date(t);
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &a[0..4],
        &a[4..6],
        &a[6..8],
        &a[9..11],
        &a[11..13],
        &a[13..15]
    )
}

/// The request's own `X-Amz-Date` (header, then query parameter), as written.
pub(crate) fn request_amz_date(p: &Prepared<'_>) -> Option<String> {
    p.headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("x-amz-date"))
        .map(|h| h.value.trim().to_string())
        .or_else(|| {
            p.url.query.as_deref().and_then(|q| {
                q.split('&').find_map(|pair| {
                    let (k, v) = pair.split_once('=')?;
                    k.eq_ignore_ascii_case("X-Amz-Date").then(|| v.to_string())
                })
            })
        })
}

/// Picks the signing instant and says where it came from.
pub(crate) fn resolve(
    choice: SigningTime,
    now: OffsetDateTime,
    p: &Prepared<'_>,
) -> Result<(OffsetDateTime, String), ExplainError> {
    let (t, why) = match choice {
        SigningTime::Now => (now, "now, from this computer's clock".to_string()),
        SigningTime::At(t) => (t, "the fixed signing time you gave".to_string()),
        SigningTime::FromRequest => match request_amz_date(p) {
            Some(text) => match parse_amz_date(&text) {
                Some(t) => (t, format!("the request's own X-Amz-Date {text}")),
                None => {
                    return Err(err(
                        "time",
                        format!("The request's X-Amz-Date \"{text}\" is not in the form 20150830T123600Z (UTC, no separators)."),
                    ))
                }
            },
            None => (now, "now, because the request carries no X-Amz-Date".to_string()),
        },
    };
    let t = t.to_offset(UtcOffset::UTC);
    if !(1970..=9999).contains(&t.year()) {
        return Err(err(
            "time",
            format!(
                "The signing time {} is outside the years 1970 to 9999.",
                t.year()
            ),
        ));
    }
    Ok((t, why))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn formats() {
        let t = datetime!(2015-08-30 12:36:00 UTC);
        assert_eq!(amz_date(t), "20150830T123600Z");
        assert_eq!(date_stamp(t), "20150830");
        assert_eq!(iso(t), "2015-08-30T12:36:00Z");
        assert_eq!(parse_instant("2015-08-30T14:36:00+02:00"), Some(t));
        assert_eq!(parse_instant("20150830T123600Z"), Some(t));
        assert_eq!(parse_instant("yesterday"), None);
    }
}
