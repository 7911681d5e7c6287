//! `sigv4-lab verify`: a signed request recomputed from its own claims; exit 1 on a mismatch.

use std::process::ExitCode;

use sigv4_lab::diagnose::verify::claims;
use sigv4_lab::input::{self, Credentials, Inputs};
use sigv4_lab::lab::{self, Verification};
use sigv4_lab::report::json;

use crate::creds;
use crate::io::{self, decode_error_file, origin, read_text, Unusable};
use crate::opts::VerifyOpts;

pub fn run(o: &VerifyOpts) -> Result<ExitCode, Unusable> {
    if let Some(why) = o.refused() {
        return Err(Unusable(why));
    }
    let c = &o.common;
    let aws_said = c
        .error
        .as_ref()
        .map(|p| decode_error_file(&p.to_string_lossy()))
        .transpose()?;
    let text = read_text("request", &c.request)?;
    let req = input::parse_request(&text)
        .map_err(|e| Unusable(format!("{e} ({})", origin(&c.request))))?
        .request;
    let now = io::now(c.now.as_deref())?;
    let claims = claims(&req).map_err(|e| Unusable(e.message))?;
    // The access key id comes from the request's Credential when none is given.
    let hint = Credentials {
        access_key_id: claims.access_key_id.clone(),
        ..Credentials::default()
    };
    let mut credentials = creds::resolve(c, None, false)?;
    if credentials.access_key_id.is_empty() {
        credentials.access_key_id = hint.access_key_id;
    }
    let inputs = Inputs {
        request: req,
        credentials,
        aws_said,
        ..Inputs::default()
    };
    let v = lab::verify(&inputs, now).map_err(|e| Unusable(e.message))?;
    if c.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json::verification(&v, inputs.aws_said.as_ref()))
                .unwrap_or_else(|_| "{}".into())
        );
    } else {
        print_verification(&v);
    }
    Ok(if v.matches() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_verification(v: &Verification) {
    let report = &v.report;
    let summary = v.summary();
    println!(
        "{}: {}\n",
        summary.verdict.as_str().to_uppercase(),
        summary.headline
    );
    println!(
        "== Recomputed with the request's own claims\n{}\n",
        report.computed.canonical_request
    );
    println!("== String to sign\n{}\n", report.computed.string_to_sign);
    if report.matches {
        println!(
            "MATCH: the signature {} is right for this secret.",
            report.claims.signature
        );
    } else {
        println!(
            "MISMATCH: the request carries {}, the secret gives {}.",
            report.claims.signature, report.computed.signature
        );
        match &report.variant {
            Some(x) => println!("{}.", x.sentence[..1].to_uppercase() + &x.sentence[1..]),
            None => println!("None of the mistakes searched reproduces it: the finding below says what was checked and what remains."),
        }
    }
    if let Some(c) = v
        .aws
        .as_ref()
        .and_then(|a| a.canonical_request.as_ref())
        .filter(|c| !c.identical)
    {
        println!("\n== AWS's canonical request against ours\n{}", c.diff);
    }
    for f in &v.findings {
        println!("\n[{}] {}\n  {}\n  fix: {}", f.id, f.title, f.detail, f.fix);
    }
}
