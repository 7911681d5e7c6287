//! The curl snippet: the request sigv4-lab signed, as it is, but with no credential and no
//! signature written into it ([`crate::report::sensitive`]'s rule): the access key id, the session
//! token and the signature are read from `$AWS_ACCESS_KEY_ID`, `$AWS_SESSION_TOKEN` and
//! `$SIGV4_SIGNATURE`; the command line itself is [`export`]'s.

use std::fmt;

use time::Duration;

use super::{comment, BodySrc, Plan, KEY_ID_ENV, TOKEN_ENV};
use crate::http::query::{decode, rewrite as rewrite_query};
use crate::report::export::{self, CurlData};
use crate::report::sensitive::{self, HeaderRule, ParamRule, SIGNATURE_ENV};
use crate::timefmt;

/// `text` for the inside of a shell double-quoted word: `\`, `"`, `$` and `` ` `` escaped.
fn dq(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '"' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

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
    // The query parameters that are the reader's own go on with --url-query, read from the shell.
    let mut url_params: Vec<String> = Vec::new();
    let url = rewrite_query(&r.url, |key, pair| {
        let raw = pair.split_once('=').map_or("", |(_, v)| v);
        let name = pair.split('=').next().unwrap_or("");
        match sensitive::param(key) {
            ParamRule::Keep => return Some(pair.to_string()),
            ParamRule::Own(own) => {
                url_params.push(format!("\"{}=${}\"", dq(name), own.env()));
            }
            ParamRule::Credential => {
                let value = decode(raw);
                let scope = sensitive::split_credential(&value).1;
                url_params.push(format!("\"{}=${KEY_ID_ENV}{}\"", dq(name), dq(scope)));
            }
        }
        None
    });
    let mut headers: Vec<(String, Option<String>)> = Vec::new();
    let mut uses: Vec<&str> = Vec::new();
    let mut left_out: Vec<(&str, bool)> = Vec::new();
    for (n, v) in &r.headers {
        match sensitive::header(n, v) {
            HeaderRule::Keep => headers.push((n.clone(), Some(v.clone()))),
            HeaderRule::Token => {
                uses.push(TOKEN_ENV);
                headers.push((format!("\"{}: ${TOKEN_ENV}\"", dq(n.trim())), None));
            }
            HeaderRule::Signed(a) => {
                uses.extend([KEY_ID_ENV, SIGNATURE_ENV]);
                let value = format!(
                    "{}${KEY_ID_ENV}{}${SIGNATURE_ENV}{}",
                    dq(a.before_key),
                    dq(a.between),
                    dq(a.after)
                );
                headers.push((format!("\"{}: {value}\"", dq(n.trim())), None));
            }
            HeaderRule::LeaveOut(why) => {
                left_out.push((why, p.signs(&n.trim().to_ascii_lowercase())))
            }
        }
    }
    for p in &url_params {
        for var in [KEY_ID_ENV, TOKEN_ENV, SIGNATURE_ENV] {
            if p.contains(&format!("${var}")) {
                uses.push(var);
            }
        }
    }
    let uses = |var: &str| uses.contains(&var);
    if uses(KEY_ID_ENV) || uses(TOKEN_ENV) || uses(SIGNATURE_ENV) {
        let mut read = Vec::new();
        if uses(KEY_ID_ENV) {
            read.push(format!("the access key id from ${KEY_ID_ENV}"));
        }
        if uses(TOKEN_ENV) {
            read.push(format!("the session token from ${TOKEN_ENV}"));
        }
        if uses(SIGNATURE_ENV) {
            read.push(format!("the signature from ${SIGNATURE_ENV}"));
        }
        notes.push(format!(
            "No credential or signature is written here: it reads {}. Export them first{}.",
            join_words(&read),
            if uses(SIGNATURE_ENV) {
                ", the signature as sigv4-lab shows it (step 5, or the signature in sigv4-lab sign --json)"
            } else {
                ""
            }
        ));
    }
    for (why, signed) in &left_out {
        notes.push(if *signed {
            format!(
                "{why} sigv4-lab signed it, so add it back with -H for AWS to accept the request."
            )
        } else {
            format!("{why} Add it back with -H if the request needs it.")
        });
    }
    if !url_params.is_empty() {
        notes.push(
            "--url-query, which adds a value to the URL encoded, needs curl 7.87 or later.".into(),
        );
    }
    notes.extend(p.body_why.clone());
    if let Some(note) = p.file_note() {
        notes.push(note);
    }
    comment(out, "# ", &notes);
    export::curl_command(out, &r.method, &url);
    for (h, v) in &headers {
        match v {
            Some(v) => export::curl_header(out, h, v),
            None => export::curl_arg(out, "-H", h),
        }
    }
    for q in &url_params {
        export::curl_arg(out, "--url-query", q);
    }
    match &p.body {
        BodySrc::Empty => {}
        BodySrc::File { name, .. } => export::curl_data(out, CurlData::File(name)),
        BodySrc::Inline(b) => export::curl_data(out, CurlData::Bytes(b)),
    }
    out.push('\n');
    Ok(())
}

/// `a`, `a and b`, `a, b and c`.
fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
