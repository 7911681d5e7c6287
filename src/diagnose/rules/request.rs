//! Rules about the request: its claimed payload hash, and where its session token goes.

use crate::diagnose::{Concern, Ctx, Finding, FindingId, Severity};
use crate::http::header;
use crate::input::{Field, TokenPlacement};
use crate::sigv4::key::sha256_hex;

/// `payload-hash-mismatch`: an `x-amz-content-sha256` that is not the body's SHA-256.
pub(crate) fn payload_hash_mismatch(c: &Ctx<'_>) -> Vec<Finding> {
    let inputs = c.inputs;
    let Some(claimed) = inputs
        .request
        .header(header::X_AMZ_CONTENT_SHA256)
        .map(str::trim)
    else {
        return vec![];
    };
    let is_hex = claimed.len() == 64 && claimed.bytes().all(|b| b.is_ascii_hexdigit());
    let (actual, size) = match &inputs.external_body {
        Some(x) => (x.sha256.to_ascii_lowercase(), x.size),
        None => (
            sha256_hex(&inputs.request.body),
            inputs.request.body.len() as u64,
        ),
    };
    if !is_hex || claimed.eq_ignore_ascii_case(&actual) {
        return vec![];
    }
    vec![Finding {
        id: FindingId::PayloadHashMismatch,
        severity: Severity::Error,
        concerns: Concern::Field(Field::Body),
        title: "x-amz-content-sha256 is not the body's SHA-256".into(),
        detail: format!("The request says the body hashes to {claimed}…, but these {size} bytes hash to {actual}. S3 answers XAmzContentSHA256Mismatch; other services SignatureDoesNotMatch."),
        fix: "Hash the exact bytes sent (after any compression or encoding), or let the signer compute it.".into(),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}

/// `session-token-unsigned`: the token added after signing, for a service that wants it signed.
pub(crate) fn session_token_unsigned(c: &Ctx<'_>) -> Vec<Finding> {
    let service = c.service;
    if c.token.is_none()
        || c.inputs.settings.token != TokenPlacement::AfterSigning
        || service == "iotdevicegateway"
    {
        return vec![];
    }
    // For a real AWS endpoint this is a mistake; for an unknown host it may be deliberate.
    let severity = if c.host_facts.strong {
        Severity::Warning
    } else {
        Severity::Info
    };
    vec![Finding {
        id: FindingId::SessionTokenUnsigned,
        severity,
        concerns: Concern::Field(Field::SessionToken),
        title: "The session token is added after signing".into(),
        detail: format!("The token is not part of the canonical request. Only AWS IoT's WebSocket endpoint (iotdevicegateway) expects that; \
                 {service} wants X-Amz-Security-Token signed, or answers SignatureDoesNotMatch or \"The security token included in the request is invalid\"."),
        fix: "Sign the token (turn off \"token after signing\") unless this is AWS IoT over WebSocket.".into(),
        checks: Vec::new(),
        ruled_out: Vec::new(),
    }]
}
