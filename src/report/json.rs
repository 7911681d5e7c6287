//! The CLI's JSON (CONTRACT.md), written key by key from the façade's values.
//!
//! Every key is spelled here and nowhere else: renaming a field of a core type cannot change
//! the contract. `tests/cli_golden.rs` pins the output byte for byte.

use serde_json::{json, Map, Value};

use crate::diagnose::compare::Comparison;
use crate::diagnose::verify::{Claims, Computed};
use crate::diagnose::Finding;
use crate::input::aws_error::AwsError;
use crate::lab::{Explanation, Summary, Verification};
use crate::sigv4::scope::{Inferred, Source};

use super::export;

fn source(s: Source) -> &'static str {
    match s {
        Source::Flag => "flag",
        Source::Host => "host",
        Source::Default => "default",
    }
}

fn inferred(i: &Inferred) -> Value {
    json!({
        "value": i.value,
        "source": source(i.source),
        "why": i.why,
        "from_host": i.from_host,
    })
}

/// One finding: `{"id", "severity", "title", "detail", "fix", "concerns"}`, and `"checks"`
/// (`[{"cause", "how"}]`) and `"ruled_out"` when it has them.
pub fn finding(f: &Finding) -> Value {
    let mut v = json!({
        "id": f.id.as_str(),
        "severity": f.severity.as_str(),
        "title": f.title,
        "detail": f.detail,
        "fix": f.fix,
        "concerns": f.concerns.as_str(),
    });
    if !f.checks.is_empty() {
        v["checks"] = f
            .checks
            .iter()
            .map(|c| json!({"cause": c.cause, "how": c.how}))
            .collect();
    }
    if !f.ruled_out.is_empty() {
        v["ruled_out"] = json!(f.ruled_out);
    }
    v
}

/// The verdict: `{"verdict": "accept|warning|reject", "headline", "items": [finding ids]}`.
pub fn summary(s: &Summary) -> Value {
    json!({
        "verdict": s.verdict.as_str(),
        "headline": s.headline,
        "items": s.items.iter().map(|id| id.as_str()).collect::<Vec<_>>(),
    })
}

fn findings(all: &[Finding]) -> Value {
    Value::Array(all.iter().map(finding).collect())
}

/// What AWS answered, decoded.
pub fn aws_error(e: &AwsError) -> Value {
    json!({
        "format": e.format.as_str(),
        "http_status": e.http_status,
        "code": e.code,
        "message": e.message,
        "catalogue_id": e.catalogue_id.map(|id| id.as_str()),
        "canonical_request": e.canonical_request,
        "string_to_sign": e.string_to_sign,
        "signature_provided": e.signature_provided,
        "access_key_id": e.access_key_id,
        "values": e.values.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
        "request_id": e.request_id,
        "tool": e.tool.map(|t| t.as_str()),
        "within": e.within.map(|t| t.as_str()),
        "operation": e.operation,
    })
}

/// A comparison of AWS's canonical request or string to sign with ours.
pub fn comparison(c: &Comparison) -> Value {
    json!({
        "identical": c.identical,
        "differences": c.differences.iter().map(|d| json!({
            "part": d.part.as_str(),
            "what": d.what,
            "line": d.line,
            "column": d.column,
        })).collect::<Vec<_>>(),
        "diff": c.diff,
    })
}

/// `sigv4-lab sign --json`.
pub fn explanation(ex: &Explanation, aws_said: Option<&AwsError>) -> Value {
    let s = &ex.signing;
    let signed = s.signature.as_ref();
    let mut v = json!({
        "canonical_request": s.canonical_request.to_string(),
        "canonical_request_hash": s.canonical_request_hash(),
        "string_to_sign": s.string_to_sign.to_string(),
        "signing_key_chain": s.signing_key.as_ref().map(|k| {
            k.steps.iter().map(|s| json!({"name": s.name, "hex": s.hex})).collect::<Vec<_>>()
        }),
        "signature": s.signature,
        "signed_headers": s.signed_headers(),
        "signed_curl": signed.map(|_| export::curl(&s.signed_request)),
        "signed_http": signed.map(|_| export::raw_http(&s.signed_request)),
        "region": inferred(&s.region),
        "service": inferred(&s.service),
        "amz_date": s.amz_date(),
        "credential_scope": s.scope(),
        "time_source": s.time_source,
        "cross_check": s.cross_check.as_ref().map(|c| json!({
            "engine": c.engine,
            "signature": c.signature,
            "agrees": c.agrees,
        })),
        "cross_check_unavailable": s.cross_check_unavailable,
        "notes": s.notes,
        "findings": findings(&ex.findings),
        "verdict": summary(&ex.summary()),
    });
    if let Some(a) = &s.authorization {
        v["authorization"] = json!(a);
    }
    if let Some(u) = &s.signed_url {
        v["signed_url"] = json!(u);
    }
    if let (Some(e), Some(read)) = (aws_said, &ex.aws) {
        v["aws_error"] = aws_error(e);
        v["aws_canonical_request"] = json!(read.canonical_request.as_ref().map(comparison));
        v["aws_string_to_sign"] = json!(read.string_to_sign.as_ref().map(comparison));
        v["aws_canonical_request_diff"] =
            json!(read.canonical_request.as_ref().map(|c| c.diff.clone()));
    }
    v
}

fn chain(pairs: &[(String, String)]) -> Value {
    Value::Array(
        pairs
            .iter()
            .map(|(n, h)| json!({"name": n, "hex": h}))
            .collect(),
    )
}

fn computed(c: &Computed) -> Value {
    json!({
        "canonical_request": c.canonical_request,
        "canonical_request_hash": c.canonical_request_hash,
        "string_to_sign": c.string_to_sign,
        "signing_key_chain": c.signing_key_chain.iter().map(|(n, h)| json!([n, h])).collect::<Vec<_>>(),
        "signature": c.signature,
    })
}

fn claims(c: &Claims) -> Value {
    json!({
        "access_key_id": c.access_key_id,
        "date": c.date,
        "region": c.region,
        "service": c.service,
        "terminator": c.terminator,
        "amz_date": c.amz_date,
        "signed_headers": c.signed_headers,
        "signature": c.signature,
        "presigned": c.presigned,
        "expires": c.expires,
    })
}

/// `sigv4-lab verify --json`: the recomputation from the request's own claims, and `verify`.
pub fn verification(v: &Verification, aws_said: Option<&AwsError>) -> Value {
    let r = &v.report;
    let from_scope = |value: &str| json!({"value": value, "source": "request", "why": "from the request's Credential scope"});
    let aws_cmp = v.aws.as_ref().and_then(|a| a.canonical_request.as_ref());
    let mut verify = Map::new();
    verify.insert("matches".into(), json!(r.matches));
    verify.insert(
        "first_difference".into(),
        json!(v.first_difference.map(|s| s.as_str())),
    );
    verify.insert("provided_signature".into(), json!(r.claims.signature));
    verify.insert(
        "your_client_signed_with".into(),
        json!(r.variant.as_ref().map(|x| x.sentence.clone())),
    );
    verify.insert(
        "variant".into(),
        json!(r.variant.as_ref().map(|x| json!({
            "sentence": x.sentence,
            "first_difference": x.first_difference.as_str(),
            "computed": computed(&x.computed),
        }))),
    );
    verify.insert("claims".into(), claims(&r.claims));
    verify.insert("notes".into(), json!(r.notes));
    verify.insert(
        "aws_canonical_request_diff".into(),
        json!(aws_cmp.map(|c| c.diff.clone())),
    );
    verify.insert(
        "aws_canonical_request".into(),
        json!(aws_cmp.map(comparison)),
    );
    json!({
        "canonical_request": r.computed.canonical_request,
        "canonical_request_hash": r.computed.canonical_request_hash,
        "string_to_sign": r.computed.string_to_sign,
        "signing_key_chain": chain(&r.computed.signing_key_chain),
        "signature": r.computed.signature,
        "signed_headers": r.claims.signed_headers.join(";"),
        "region": from_scope(&r.claims.region),
        "service": from_scope(&r.claims.service),
        "cross_check": null,
        "findings": findings(&v.findings),
        "verdict": summary(&v.summary()),
        "aws_error": aws_said.map(aws_error),
        "verify": Value::Object(verify),
    })
}
