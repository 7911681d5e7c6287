//! Reading what the command line names: files, standard input, times; and the one error kind.

use std::io::Read;

use sigv4_lab::input::aws_error::{self, AwsError};
use sigv4_lab::text::quoted;
use sigv4_lab::timefmt;
use time::OffsetDateTime;

/// Unusable input: one sentence for stderr, exit status 2.
pub struct Unusable(pub String);

/// The bytes of `path`, or of standard input for `-`.
pub fn read_bytes(what: &str, path: &str) -> Result<Vec<u8>, Unusable> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Unusable(format!("Cannot read the {what} from standard input: {e}.")))?;
        Ok(buf)
    } else {
        std::fs::read(path)
            .map_err(|e| Unusable(format!("Cannot read the {what} file {path}: {e}.")))
    }
}

/// The text of `path`, or of standard input for `-`.
pub fn read_text(what: &str, path: &str) -> Result<String, Unusable> {
    String::from_utf8(read_bytes(what, path)?).map_err(|e| {
        Unusable(format!(
            "The {what} file {path} is not UTF-8 text (invalid byte at offset {}).",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Where a paste came from, for a message: `file x.txt` or `standard input`.
pub fn origin(path: &str) -> String {
    if path == "-" {
        "standard input".to_string()
    } else {
        format!("file {path}")
    }
}

pub fn decode_error_file(path: &str) -> Result<AwsError, Unusable> {
    let text = read_text("AWS error", path)?;
    aws_error::decode(&text).map_err(|e| Unusable(format!("{e} ({})", origin(path))))
}

pub fn instant(flag: &str, text: &str) -> Result<OffsetDateTime, Unusable> {
    timefmt::parse_instant(text).ok_or_else(|| {
        Unusable(format!(
            "The {flag} value {} is not a UTC time such as 2015-08-30T12:36:00Z.",
            quoted(text)
        ))
    })
}

/// The clock findings are judged against: `--now`, or this machine's.
pub fn now(flag: Option<&str>) -> Result<OffsetDateTime, Unusable> {
    match flag {
        Some(t) => instant("--now", t),
        None => Ok(OffsetDateTime::now_utc()),
    }
}
