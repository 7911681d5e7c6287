//! Browser APIs the UI needs, in one place: this is the only code that reads the clock.

use time::OffsetDateTime;

/// The browser's clock as a UTC instant (millisecond precision).
///
/// Falls back to the Unix epoch if the browser reports a time `time` cannot
/// represent, so a broken clock shows up as a clock-skew finding, not a crash.
pub fn now() -> OffsetDateTime {
    let millis = js_sys::Date::now();
    let nanos = (millis * 1_000_000.0) as i128;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
