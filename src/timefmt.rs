//! The time formats SigV4 and its neighbours write: `X-Amz-Date`, the scope's date stamp, RFC 3339.
//!
//! A leaf: used by the parsers, the engine and the reports, it uses none of them.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

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

/// Reads `n` ASCII digits at `at`.
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = b.get(at..at + n)?;
    part.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// `[year, month, day, hour, minute, second]`, nanoseconds and a UTC offset, as one instant.
fn instant(fields: [u32; 6], nanos: u32, offset_secs: i32) -> Option<OffsetDateTime> {
    let [y, mo, d, h, mi, s] = fields;
    let date = Date::from_calendar_date(
        i32::try_from(y).ok()?,
        Month::try_from(u8::try_from(mo).ok()?).ok()?,
        u8::try_from(d).ok()?,
    )
    .ok()?;
    // RFC 3339 allows a leap second (:60); AWS's clocks do not, so it is refused.
    let time = Time::from_hms_nano(
        u8::try_from(h).ok()?,
        u8::try_from(mi).ok()?,
        u8::try_from(s).ok()?,
        nanos,
    )
    .ok()?;
    let offset = UtcOffset::from_whole_seconds(offset_secs).ok()?;
    Some(
        PrimitiveDateTime::new(date, time)
            .assume_offset(offset)
            .to_offset(UtcOffset::UTC),
    )
}

/// Parses an `X-Amz-Date` value (`20150830T123600Z`).
// Hand-written: time's `parsing` feature costs ~25 KB of WebAssembly for two fixed formats.
pub fn parse_amz_date(text: &str) -> Option<OffsetDateTime> {
    let b = text.trim().as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let f = [
        digits(b, 0, 4)?,
        digits(b, 4, 2)?,
        digits(b, 6, 2)?,
        digits(b, 9, 2)?,
        digits(b, 11, 2)?,
        digits(b, 13, 2)?,
    ];
    instant(f, 0, 0)
}

/// Parses RFC 3339 (`2015-08-30T12:36:00Z`, `2015-08-30T14:36:00.5+02:00`), as STS `Expiration` and people write it.
pub fn parse_rfc3339(text: &str) -> Option<OffsetDateTime> {
    let b = text.trim().as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let mut at = 19;
    let mut nanos = 0u32;
    if b.get(at) == Some(&b'.') {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            if at - start < 9 {
                nanos = nanos * 10 + u32::from(b[at] - b'0');
            }
            at += 1;
        }
        if at == start {
            return None;
        }
        for _ in (at - start).min(9)..9 {
            nanos *= 10;
        }
    }
    let offset = match b.get(at..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] if rest.len() == 5 && rest[2] == b':' => {
            // RFC 3339 time-numoffset: hours 00-23, minutes 00-59 (found by the `time` oracle).
            let (h, m) = (digits(rest, 0, 2)?, digits(rest, 3, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let secs = i32::try_from(h * 3600 + m * 60).ok()?;
            if *sign == b'-' {
                -secs
            } else {
                secs
            }
        }
        _ => return None,
    };
    let f = [
        digits(b, 0, 4)?,
        digits(b, 5, 2)?,
        digits(b, 8, 2)?,
        digits(b, 11, 2)?,
        digits(b, 14, 2)?,
        digits(b, 17, 2)?,
    ];
    instant(f, nanos, offset)
}

/// Parses a user-typed instant: RFC 3339 (`2015-08-30T12:36:00Z`), or the `X-Amz-Date` form.
pub fn parse_instant(text: &str) -> Option<OffsetDateTime> {
    parse_rfc3339(text).or_else(|| parse_amz_date(text))
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

/// How long `seconds` is, in the unit a person would say it in: `42 s`, `15 min`, `3 h`,
/// `12 days`, `11 years` (the sign is dropped).
pub fn duration_words(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    match s {
        0..=119 => format!("{s} s"),
        120..=7199 => format!("{} min", s / 60),
        7200..=172_799 => format!("{} h", s / 3600),
        172_800..=63_071_999 => format!("{} days", s / 86_400),
        _ => format!("{} years", s / 31_557_600),
    }
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
        assert_eq!(
            parse_instant("2015-08-30T12:36:00.250Z").map(|t| t.millisecond()),
            Some(250)
        );
        assert_eq!(parse_instant("2015-08-30 12:36:00z"), Some(t));
        for bad in [
            "2015-02-30T00:00:00Z",
            "2015-08-30T24:00:00Z",
            "2015-08-30T12:36:00",
            "2015-08-30T12:36:00+0200",
            "20150830T123600",
            "2015-08-30T12:36:00.Z",
            "２０１５",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
    }
}

/// The hand-written parsers against the `time` crate's own (a dev-dependency: its `parsing`
/// feature is what the WebAssembly does without), on generated text in and around the formats.
#[cfg(test)]
mod oracle {
    use super::*;
    use proptest::prelude::*;
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;

    /// Digits, sometimes out of range, sometimes of the wrong width.
    fn num(max: u32, width: usize) -> impl Strategy<Value = String> {
        prop_oneof![
            8 => (0..=max).prop_map(move |n| format!("{n:0width$}")),
            1 => (0..=99u32).prop_map(|n| n.to_string()),
            1 => "[0-9a]{1,3}",
        ]
    }

    fn rfc3339() -> impl Strategy<Value = (String, bool)> {
        (
            (num(9999, 4), num(13, 2), num(32, 2)),
            prop_oneof![Just("T"), Just("t"), Just(" "), Just("x")],
            (num(24, 2), num(60, 2), num(59, 2)),
            prop_oneof![Just(String::new()), "\\.[0-9]{1,12}", Just(".".to_string())],
            prop_oneof![
                Just("Z".to_string()),
                Just("z".to_string()),
                (prop_oneof![Just('+'), Just('-')], num(23, 2), num(59, 2))
                    .prop_map(|(s, h, m)| format!("{s}{h}:{m}")),
                Just("+0200".to_string()),
                Just(String::new()),
            ],
        )
            .prop_map(|((y, mo, d), sep, (h, mi, s), frac, off)| {
                (
                    format!("{y}-{mo}-{d}{sep}{h}:{mi}:{s}{frac}{off}"),
                    sep != "x",
                )
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// RFC 3339 as `time` reads it. `time` takes any separator between date and time (RFC
        /// 3339 lets applications choose); ours takes T, t or a space, as people write it.
        #[test]
        fn rfc3339_agrees_with_time((text, separator_ok) in rfc3339()) {
            let theirs = OffsetDateTime::parse(&text, &Rfc3339)
                .ok()
                .filter(|_| separator_ok)
                .map(|t| t.to_offset(UtcOffset::UTC));
            prop_assert_eq!(parse_rfc3339(&text), theirs, "{}", text);
        }

        /// X-Amz-Date as `time` reads `[year][month][day]T[hour][minute][second]Z`.
        #[test]
        fn amz_date_agrees_with_time(
            (y, mo, d, h, mi, s) in (num(9999, 4), num(13, 2), num(32, 2), num(24, 2), num(60, 2), num(60, 2)),
            z in prop_oneof![Just("Z"), Just("z"), Just("")],
        ) {
            let text = format!("{y}{mo}{d}T{h}{mi}{s}{z}");
            let f = format_description!("[year][month][day]T[hour][minute][second]Z");
            let theirs = time::PrimitiveDateTime::parse(&text, &f).ok().map(|t| t.assume_utc());
            prop_assert_eq!(parse_amz_date(&text), theirs, "{}", text);
        }

        /// Whatever parses formats back to itself.
        #[test]
        fn amz_date_round_trips(secs in 0i64..253_402_300_799) {
            let t = OffsetDateTime::from_unix_timestamp(secs).unwrap();
            prop_assert_eq!(parse_amz_date(&amz_date(t)), Some(t));
            prop_assert_eq!(parse_rfc3339(&iso(t)), Some(t));
        }
    }
}
