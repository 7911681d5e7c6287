//! The same request signed by aws-sigv4, the AWS SDK for Rust's signer, to check our engine on every sign.

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials as AwsCredentials;
use aws_sigv4::http_request::{
    sign, PayloadChecksumKind, PercentEncodingMode, SessionTokenMode, SignableBody,
    SignableRequest, SignatureLocation, SigningSettings, UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use time::OffsetDateTime;

use super::canonical::{self, PayloadHash};
use super::prepare::Prepared;
use super::Rules;
use crate::http::query::wire_encode;
use crate::input::Credentials;

/// aws-sigv4's verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossCheck {
    /// Always `aws-sigv4`.
    pub engine: &'static str,
    pub signature: String,
    pub agrees: bool,
}

pub(crate) struct Parts<'a> {
    pub prepared: &'a Prepared<'a>,
    pub rules: &'a Rules,
    pub payload: &'a PayloadHash,
    pub credentials: &'a Credentials,
    pub region: &'a str,
    pub service: &'a str,
    pub time: OffsetDateTime,
    pub ours: &'a str,
}

/// Signs with aws-sigv4; `Err` says in a sentence why it could not.
pub(crate) fn run(p: &Parts<'_>) -> Result<CrossCheck, String> {
    let e = p.rules;
    let u = &p.prepared.url;
    // aws-sigv4 parses the URI with the `http` crate, which refuses raw spaces and non-ASCII:
    // give it the wire form, which is what a client sends and what both sides sign.
    let path = wire_encode(&u.path);
    let mut uri = format!("{}://{}{}", u.scheme, u.authority(), path);
    if let Some(q) = &p.prepared.query {
        // Encoding raw spaces and the like in the query keeps its meaning (AWS decodes it either way).
        uri.push('?');
        uri.push_str(&wire_encode(q));
    }
    let folded: Vec<(String, String)> = p
        .prepared
        .headers
        .iter()
        .map(|h| (h.name.clone(), canonical::canonical_header_value(&h.value)))
        .collect();
    let body = match p.payload {
        PayloadHash::Unsigned => SignableBody::UnsignedPayload,
        PayloadHash::Precomputed(h) => SignableBody::Precomputed(h.clone()),
        // A body hashed elsewhere (a file hashed in the page's worker) goes in as its hash.
        PayloadHash::Body(h) if p.prepared.external.is_some() => {
            SignableBody::Precomputed(h.clone())
        }
        PayloadHash::Body(_) => SignableBody::Bytes(p.prepared.body),
    };
    let request = SignableRequest::new(
        &p.prepared.method,
        Cow::Owned(uri),
        folded.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        body,
    )
    .map_err(|e| format!("aws-sigv4 cannot parse this request's URL as written ({e}); the path or query holds characters it refuses unencoded."))?;

    let mut settings = SigningSettings::default();
    settings.percent_encoding_mode = if e.double_encode {
        PercentEncodingMode::Double
    } else {
        PercentEncodingMode::Single
    };
    settings.uri_path_normalization_mode = if e.normalize_path {
        UriPathNormalizationMode::Enabled
    } else {
        UriPathNormalizationMode::Disabled
    };
    settings.payload_checksum_kind = if e.sign_body {
        PayloadChecksumKind::XAmzSha256
    } else {
        PayloadChecksumKind::NoHeader
    };
    let has_token = p
        .credentials
        .session_token
        .as_ref()
        .is_some_and(|t| !t.is_empty());
    settings.session_token_mode = if has_token && !e.token_signed {
        SessionTokenMode::Exclude
    } else {
        SessionTokenMode::Include
    };
    match e.expires {
        // Validated as >= 1 by explain: aws-sigv4 panics when presigning without an expiry.
        Some(secs) => {
            settings.signature_location = SignatureLocation::QueryParams;
            settings.expires_in = Some(Duration::from_secs(secs));
        }
        None => settings.signature_location = SignatureLocation::Headers,
    }

    let token = p
        .credentials
        .session_token
        .as_ref()
        .filter(|t| !t.is_empty())
        .map(|t| t.expose().to_string());
    let identity: Identity = AwsCredentials::new(
        p.credentials.access_key_id.trim(),
        p.credentials.secret_access_key.expose(),
        token,
        None,
        "sigv4-lab",
    )
    .into();
    let secs = u64::try_from(p.time.unix_timestamp())
        .map_err(|_| "aws-sigv4 cannot sign before 1970.".to_string())?;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(p.region)
        .name(p.service)
        .time(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
        .settings(settings)
        .build()
        .map_err(|e| format!("aws-sigv4 refused the signing parameters: {e}."))?
        .into();
    let out = sign(request, &params)
        .map_err(|e| format!("aws-sigv4 could not sign this request: {e}."))?;
    let signature = out.signature().to_string();
    Ok(CrossCheck {
        engine: "aws-sigv4",
        agrees: signature == p.ours,
        signature,
    })
}
