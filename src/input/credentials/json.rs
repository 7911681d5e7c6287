//! The JSON of the AWS CLI: `aws sts assume-role` / `get-session-token` /
//! `get-federation-token`, `aws configure export-credentials`, `aws sso get-role-credentials`.

use std::ops::Range;

use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::{error, parse_time};
use crate::input::{Credentials, ParseError, Secret};
use crate::text::lines;

/// A member of a JSON object, matching the name without regard to case
/// (STS writes `AccessKeyId`, SSO writes `accessKeyId`).
fn member<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<(&'a str, &'a Value)> {
    obj.get_key_value(name)
        .or_else(|| obj.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
        .map(|(k, v)| (k.as_str(), v))
}

/// Where `"key"` and, after it, the string `value` sit in the text (best effort).
fn json_span(text: &str, key: &str, value: Option<&str>) -> Range<usize> {
    let quoted_key = serde_json::to_string(key).unwrap_or_default();
    let Some(k) = text.find(&quoted_key) else {
        return 0..0;
    };
    let key_span = k..k + quoted_key.len();
    let Some(v) = value else { return key_span };
    let quoted = serde_json::to_string(v).unwrap_or_default();
    match text.get(key_span.end..).and_then(|rest| rest.find(&quoted)) {
        Some(i) => {
            let start = key_span.end + i + 1;
            start..start + quoted.len().saturating_sub(2)
        }
        None => key_span,
    }
}

/// Reads the credentials out of the AWS CLI's JSON.
pub(super) fn parse_json(text: &str) -> Result<Credentials, ParseError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        // serde_json reports a 1-based line and column; turn them into a byte offset.
        let line_start = lines(text)
            .get(e.line().saturating_sub(1))
            .map_or(text.len(), |l| l.start);
        let at =
            text.floor_char_boundary((line_start + e.column().saturating_sub(1)).min(text.len()));
        let end = text
            .get(at..)
            .and_then(|r| r.chars().next())
            .map_or(at, |c| at + c.len_utf8());
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        error(text, at..end, format!("the JSON is not valid: {msg}"))
    })?;
    let Some(top) = value.as_object() else {
        return Err(error(
            text,
            0..text.len(),
            "the JSON is not an object like the output of aws sts assume-role",
        ));
    };
    let (obj, wrapper) = match member(top, "Credentials").or_else(|| member(top, "roleCredentials"))
    {
        Some((name, Value::Object(o))) => (o, Some(name)),
        Some((name, _)) => {
            return Err(error(
                text,
                json_span(text, name, None),
                format!("\"{name}\" in the JSON is not an object"),
            ));
        }
        None => (top, None),
    };
    let string =
        |name: &str, required: bool| -> Result<Option<(String, Range<usize>)>, ParseError> {
            match member(obj, name) {
                Some((_, Value::String(s))) if s.is_empty() && required => Err(error(
                    text,
                    json_span(text, name, None),
                    format!("{name} in the JSON is empty"),
                )),
                Some((k, Value::String(s))) => {
                    // Never search for a secret's text in a message; the span alone is fine.
                    Ok(Some((s.clone(), json_span(text, k, Some(s)))))
                }
                Some((_, Value::Null)) | None => Ok(None),
                Some((k, _)) => Err(error(
                    text,
                    json_span(text, k, None),
                    format!("{name} in the JSON is not a string"),
                )),
            }
        };
    let inside = wrapper
        .map(|w| format!(" inside \"{w}\""))
        .unwrap_or_default();
    let missing_span = wrapper.map_or(0..0, |w| json_span(text, w, None));
    let Some((key, _)) = string("AccessKeyId", true)? else {
        return Err(error(
            text,
            missing_span,
            format!(
                "the JSON has no AccessKeyId{inside}; paste the output of aws sts assume-role, get-session-token or aws configure export-credentials"
            ),
        ));
    };
    let Some((secret, _)) = string("SecretAccessKey", true)? else {
        return Err(error(
            text,
            missing_span,
            format!("the JSON has no SecretAccessKey{inside}"),
        ));
    };
    let token = string("SessionToken", false)?
        .map(|(t, _)| t)
        .filter(|t| !t.is_empty());
    let expiration = match member(obj, "Expiration") {
        None | Some((_, Value::Null)) => None,
        Some((k, Value::String(s))) => Some(parse_time(text, s, json_span(text, k, Some(s)))?),
        Some((k, Value::Number(n))) => {
            // `aws sso get-role-credentials` gives milliseconds since the epoch.
            let span = json_span(text, k, None);
            let ms = n.as_i64().ok_or_else(|| {
                error(
                    text,
                    span.clone(),
                    "the expiration in the JSON is not a whole number",
                )
            })?;
            let nanos = if ms.unsigned_abs() > 100_000_000_000 {
                ms as i128 * 1_000_000
            } else {
                ms as i128 * 1_000_000_000
            };
            Some(
                OffsetDateTime::from_unix_timestamp_nanos(nanos)
                    .map_err(|_| error(text, span, "the expiration in the JSON is out of range"))?,
            )
        }
        Some((k, _)) => {
            return Err(error(
                text,
                json_span(text, k, None),
                "the expiration in the JSON is not a date and time",
            ));
        }
    };
    let region = member(top, "Region")
        .and_then(|(_, v)| v.as_str())
        .map(String::from);
    Ok(Credentials {
        access_key_id: key,
        secret_access_key: Secret::new(secret),
        session_token: token.map(Secret::new),
        expiration,
        region,
    })
}
