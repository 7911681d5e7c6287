//! `sigv4-lab sign`: every step of signing a request, as text or as CONTRACT.md's JSON.

use std::process::ExitCode;

use sigv4_lab::input::aws_error::AwsError;
use sigv4_lab::input::{self, Inputs, Mode, Settings, SigningTime, TokenPlacement};
use sigv4_lab::lab::{self, Explanation};
use sigv4_lab::report::{export, json};

use crate::creds;
use crate::io::{self, decode_error_file, instant, origin, read_text, Unusable};
use crate::opts::SignOpts;

fn inputs(o: &SignOpts, aws_said: Option<AwsError>) -> Result<Inputs, Unusable> {
    let c = &o.common;
    let text = read_text("request", &c.request)?;
    let parsed = input::parse_request(&text)
        .map_err(|e| Unusable(format!("{e} ({})", origin(&c.request))))?;
    let time = match &o.time {
        Some(t) => SigningTime::At(instant("--time", t)?),
        None => SigningTime::Now,
    };
    let credentials = creds::resolve(c, parsed.hints.credentials.clone(), true)?;
    Ok(Inputs {
        request: parsed.request,
        credentials,
        region: o.region.clone().or(parsed.hints.region.clone()),
        service: o.service.clone().or(parsed.hints.service.clone()),
        time,
        settings: Settings {
            mode: if o.presign {
                Mode::Presign { expires: o.expires }
            } else {
                Mode::Header
            },
            sign_body: o.sign_body,
            unsigned_payload: o.unsigned_payload,
            normalize_path: !o.no_normalize_path,
            single_encode: o.single_encode,
            token: if o.session_token_after_signing {
                TokenPlacement::AfterSigning
            } else {
                TokenPlacement::Signed
            },
        },
        external_body: None,
        aws_said,
    })
}

pub fn run(o: &SignOpts) -> Result<ExitCode, Unusable> {
    let c = &o.common;
    let aws_said = c
        .error
        .as_ref()
        .map(|p| decode_error_file(&p.to_string_lossy()))
        .transpose()?;
    let inputs = inputs(o, aws_said)?;
    let now = io::now(c.now.as_deref())?;
    let ex = lab::explain(&inputs, now).map_err(|e| Unusable(e.to_string()))?;
    if c.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json::explanation(&ex, inputs.aws_said.as_ref()))
                .unwrap_or_else(|_| "{}".into())
        );
    } else {
        print_text(&ex, inputs.aws_said.as_ref());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_text(explanation: &Explanation, aws_said: Option<&AwsError>) {
    let ex = &explanation.signing;
    let block = |title: &str, body: &str| println!("== {title}\n{body}\n");
    let summary = explanation.summary();
    println!(
        "{}: {}\n",
        summary.verdict.as_str().to_uppercase(),
        summary.headline
    );
    block(
        "Region and service",
        &format!(
            "region  {} ({})\nservice {} ({})",
            ex.region.value, ex.region.why, ex.service.value, ex.service.why
        ),
    );
    block(
        "Signing time",
        &format!("{} ({})", ex.amz_date(), ex.time_source),
    );
    block("1. Canonical request", &ex.canonical_request.to_string());
    block("   its SHA-256", ex.canonical_request_hash());
    block("2. String to sign", &ex.string_to_sign.to_string());
    if let Some(k) = &ex.signing_key {
        let chain = k
            .steps
            .iter()
            .map(|s| {
                format!(
                    "{:<8} = HMAC(prev, {:?})\n           {}",
                    s.name, s.input, s.hex
                )
            })
            .collect::<Vec<_>>();
        block(
            "3. Signing key (kSecret = \"AWS4\" + secret)",
            &chain.join("\n"),
        );
    }
    if let Some(s) = &ex.signature {
        block("4. Signature", s);
    }
    if let Some(a) = &ex.authorization {
        block("Authorization header", a);
    }
    if let Some(u) = &ex.signed_url {
        block("Presigned URL", u);
    }
    if ex.signature.is_some() {
        block("As curl", &export::curl(&ex.signed_request));
    }
    match (&ex.cross_check, &ex.cross_check_unavailable) {
        (Some(c), _) if c.agrees => block("Cross-check", "aws-sigv4 computed the same signature."),
        (Some(c), _) => block(
            "Cross-check",
            &format!("DISAGREES: aws-sigv4 computed {}", c.signature),
        ),
        (None, Some(why)) => block("Cross-check", &format!("not available: {why}")),
        (None, None) => {}
    }
    for n in &ex.notes {
        println!("note: {n}");
    }
    if let (Some(e), Some(read)) = (aws_said, &explanation.aws) {
        let code = e.code.as_deref().unwrap_or("(no code)");
        let provenance = e.provenance().map(|p| format!("\n{p}")).unwrap_or_default();
        block(
            "AWS said",
            &format!("{code}: {}{provenance}", e.message.as_deref().unwrap_or("")),
        );
        if let Some(c) = read.canonical_request.as_ref().filter(|c| !c.identical) {
            block("AWS's canonical request against ours", &c.diff);
        }
    }
    for f in &explanation.findings {
        println!(
            "{}[{}]: {}\n  {}\n  fix: {}\n",
            f.severity.as_str(),
            f.id,
            f.title,
            f.detail,
            f.fix
        );
    }
}
