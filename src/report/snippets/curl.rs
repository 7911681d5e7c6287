//! The curl snippet: the request sigv4-lab signed, as it is, with the session token read from
//! `$AWS_SESSION_TOKEN`; the command line itself is [`export`]'s.

use std::fmt;

use time::Duration;

use super::{comment, BodySrc, Plan, TOKEN_ENV};
use crate::http::is_token_name;
use crate::http::query::rewrite as rewrite_query;
use crate::report::export::{self, CurlData};
use crate::timefmt;

pub(super) fn write(out: &mut String, p: &Plan<'_>) -> fmt::Result {
    let ex = p.ex;
    let r = &ex.signed_request;
    let mut notes = Vec::new();
    if ex.signature.is_none() {
        notes.push("No secret access key was given, so sigv4-lab could not sign this request: it is shown as it would be sent, without a signature.".to_string());
    } else {
        notes.push(format!(
            "The request sigv4-lab signed for {} in {} at {}, ready to send again.",
            ex.service.value,
            ex.region.value,
            p.iso()
        ));
        let until = |d: Duration| {
            p.time
                .checked_add(d)
                .map_or_else(|| "the end of time".to_string(), timefmt::iso)
        };
        notes.push(match p.presign() {
            Some(secs) => format!(
                "The presigned URL works until {} (X-Amz-Expires={secs} seconds after its signing time).",
                until(Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX)))
            ),
            None => {
                // The same window the clock-skew finding uses for this service.
                let window = crate::diagnose::facts::skew_window_minutes(&p.ex.service.value);
                format!(
                    "AWS accepts a signature only within about {window} minutes of its signing time (X-Amz-Date), so this works until about {}; sign again for a later try.",
                    until(Duration::minutes(window))
                )
            }
        });
    }
    let mut url_token = false;
    let url = rewrite_query(&r.url, |key, pair| {
        if is_token_name(key) {
            url_token = true;
            None
        } else {
            Some(pair.to_string())
        }
    });
    let header_token = r.headers.iter().any(|(n, _)| is_token_name(n));
    if url_token || header_token {
        notes.push("The session token is read from $AWS_SESSION_TOKEN: export it first.".into());
    }
    if url_token {
        notes.push(
            "--url-query, which adds it to the URL encoded, needs curl 7.87 or later.".into(),
        );
    }
    if let Some(note) = p.file_note() {
        notes.push(note);
    }
    comment(out, "# ", &notes);
    export::curl_command(out, &r.method, &url);
    for (n, v) in &r.headers {
        if is_token_name(n) {
            let arg = format!("\"{}: ${TOKEN_ENV}\"", n.trim());
            export::curl_arg(out, "-H", &arg);
        } else {
            export::curl_header(out, n, v);
        }
    }
    if url_token {
        let arg = format!("\"X-Amz-Security-Token=${TOKEN_ENV}\"");
        export::curl_arg(out, "--url-query", &arg);
    }
    match &p.body {
        BodySrc::Empty => {}
        BodySrc::File { name, .. } => export::curl_data(out, CurlData::File(name)),
        BodySrc::Inline(b) => export::curl_data(out, CurlData::Bytes(b)),
    }
    out.push('\n');
    Ok(())
}
