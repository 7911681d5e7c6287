//! Choosing the signing instant: now, a fixed time, or the request's own X-Amz-Date.

use time::{OffsetDateTime, UtcOffset};

use super::prepare::Prepared;
use super::{err, SignError};
use crate::http::{header, query};
use crate::input::{Field, SigningTime};
use crate::text::{excerpt, quoted, QUOTE_CHARS};
use crate::timefmt::parse_amz_date;

/// The request's own `X-Amz-Date` (header, then query parameter), as written.
pub(crate) fn request_amz_date(p: &Prepared<'_>) -> Option<String> {
    p.headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(header::X_AMZ_DATE))
        .map(|h| h.value.trim().to_string())
        .or_else(|| {
            p.url
                .query
                .as_deref()
                .and_then(|q| query::find_raw(q, crate::http::param::X_AMZ_DATE))
                .map(str::to_string)
        })
}

/// Picks the signing instant and says where it came from.
pub(crate) fn resolve(
    choice: SigningTime,
    now: OffsetDateTime,
    p: &Prepared<'_>,
) -> Result<(OffsetDateTime, String), SignError> {
    let (t, why) = match choice {
        SigningTime::Now => (now, "now, from this computer's clock".to_string()),
        SigningTime::At(t) => (t, "the fixed signing time you gave".to_string()),
        SigningTime::FromRequest => match request_amz_date(p) {
            Some(text) => match parse_amz_date(&text) {
                Some(t) => (t, format!("the request's own X-Amz-Date {}", excerpt(&text, QUOTE_CHARS))),
                None => {
                    return Err(err(
                        Field::SigningTime,
                        format!("The request's X-Amz-Date {} is not in the form 20150830T123600Z (UTC, no separators).", quoted(&text)),
                    ))
                }
            },
            None => (now, "now, because the request carries no X-Amz-Date".to_string()),
        },
    };
    let t = t.to_offset(UtcOffset::UTC);
    if !(1970..=9999).contains(&t.year()) {
        return Err(err(
            Field::SigningTime,
            format!(
                "The signing time {} is outside the years 1970 to 9999.",
                t.year()
            ),
        ));
    }
    Ok((t, why))
}
