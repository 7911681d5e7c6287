//! sigv4-lab's `explain` as WebAssembly for Node (bench/node/bench.mjs).
//!
//! A [`Case`] holds the request, credentials and signing time, built once from JS (its
//! header JSON parsed then, outside the timed loop); [`Case::sign`] runs the whole
//! `explain` (every step, findings, exports and its aws-sigv4 cross-check), as the
//! Criterion bench does, and returns the signature.

// The exported functions mirror explain's inputs one by one.
#![allow(clippy::too_many_arguments)]

use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials as AwsCredentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use sigv4_lab::input::{Credentials, Header, Request, Secret};
use sigv4_lab::input::{Inputs, SigningTime};
use sigv4_lab::lab::explain;
use time::OffsetDateTime;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Case {
    inputs: Inputs,
    now: OffsetDateTime,
    /// For [`Case::sign_aws_sigv4`], built once like the Criterion bench's.
    identity: Identity,
    region: String,
    service: String,
}

fn build(
    method: &str,
    url: &str,
    headers_json: &str,
    body: &[u8],
    akid: &str,
    secret: &str,
    region: &str,
    service: &str,
    unix_secs: f64,
) -> Result<Case, JsError> {
    let pairs: Vec<(String, String)> = serde_json::from_str(headers_json)
        .map_err(|e| JsError::new(&format!("headers_json must be [[name, value], ...]: {e}")))?;
    let now = OffsetDateTime::from_unix_timestamp(unix_secs as i64)
        .map_err(|e| JsError::new(&format!("unix_secs: {e}")))?;
    let inputs = Inputs {
        request: Request {
            method: method.into(),
            url: url.into(),
            headers: pairs.into_iter().map(|(n, v)| Header::new(n, v)).collect(),
            body: body.to_vec(),
        },
        credentials: Credentials {
            access_key_id: akid.into(),
            secret_access_key: Secret::new(secret),
            ..Credentials::default()
        },
        region: Some(region.into()),
        service: Some(service.into()),
        time: SigningTime::At(now),
        ..Inputs::default()
    };
    let identity = AwsCredentials::new(akid, secret, None, None, "bench").into();
    Ok(Case {
        inputs,
        now,
        identity,
        region: region.into(),
        service: service.into(),
    })
}

fn run(case: &Case) -> Result<sigv4_lab::lab::Explanation, JsError> {
    explain(&case.inputs, case.now)
        .map_err(|e| JsError::new(&format!("{}: {}", e.field.as_str(), e.message)))
}

#[wasm_bindgen]
impl Case {
    /// `headers_json` is `[["Name", "value"], ...]`; `unix_secs` is the signing time.
    #[wasm_bindgen(constructor)]
    pub fn new(
        method: &str,
        url: &str,
        headers_json: &str,
        body: &[u8],
        akid: &str,
        secret: &str,
        region: &str,
        service: &str,
        unix_secs: f64,
    ) -> Result<Case, JsError> {
        build(
            method,
            url,
            headers_json,
            body,
            akid,
            secret,
            region,
            service,
            unix_secs,
        )
    }

    /// The timed call: a full `explain`, returning the signature (hex).
    pub fn sign(&self) -> Result<String, JsError> {
        run(self)?
            .signing
            .signature
            .ok_or_else(|| JsError::new("explain produced no signature"))
    }

    /// Reference row: aws-sigv4's bare `sign` (no explanation), exactly as the Criterion
    /// bench's "aws-sigv4 sign", compiled to WebAssembly too.
    pub fn sign_aws_sigv4(&self) -> Result<String, JsError> {
        let req = &self.inputs.request;
        let signable = SignableRequest::new(
            &req.method,
            req.url.as_str(),
            req.headers
                .iter()
                .map(|h| (h.name.as_str(), h.value.as_str())),
            SignableBody::Bytes(&req.body),
        )
        .map_err(|e| JsError::new(&e.to_string()))?;
        let secs = self.now.unix_timestamp() as u64;
        let params = v4::SigningParams::builder()
            .identity(&self.identity)
            .region(&self.region)
            .name(&self.service)
            .time(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
            .settings(SigningSettings::default())
            .build()
            .map_err(|e| JsError::new(&e.to_string()))?
            .into();
        let out = sign(signable, &params).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(out.signature().to_string())
    }

    /// For the equality check (untimed): the canonical request, the Authorization
    /// header, and whether aws-sigv4's cross-check inside `explain` agreed.
    pub fn details(&self) -> Result<String, JsError> {
        let e = run(self)?;
        let cross = match &e.signing.cross_check {
            Some(c) => {
                serde_json::json!({ "engine": c.engine, "signature": c.signature, "agrees": c.agrees })
            }
            None => serde_json::json!({ "unavailable": e.signing.cross_check_unavailable }),
        };
        Ok(serde_json::json!({
            "canonical_request": e.signing.canonical_request.to_string(),
            "string_to_sign": e.signing.string_to_sign.to_string(),
            "authorization": e.signing.authorization,
            "signed_headers": e.signing.signed_headers(),
            "cross_check": cross,
        })
        .to_string())
    }
}
