//! The CLI's JSON, byte for byte, for every AWS suite case (sign with header and query auth,
//! verify of the suite's signed requests) and for every AWS error fixture read with `--error`.
//!
//! The files under `tests/golden/cli/` were written by the CLI before the core was reshaped
//! (issue 10) and pin the CONTRACT JSON: a change to any key or value fails here. When a later
//! change alters the JSON on purpose, rewrite them with `UPDATE_GOLDEN=1 cargo test --test
//! cli_golden` and say why in the commit.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{case_names, context, read, suite_dir};

fn bin() -> String {
    std::env::var("SIGV4_LAB").unwrap_or_else(|_| env!("CARGO_BIN_EXE_sigv4-lab").to_string())
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/cli")
}

/// Runs the CLI and returns what it printed, with the exit status as the last line.
fn run(args: &[String]) -> String {
    let out = Command::new(bin())
        .args(args)
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_PROFILE")
        .env("HOME", "/nonexistent-sigv4-lab-home")
        .output()
        .expect("binary runs");
    format!(
        "{}{}exit {}\n",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        out.status.code().unwrap_or(-1)
    )
}

/// Every (name, arguments) the goldens cover.
fn runs() -> Vec<(String, Vec<String>)> {
    let s = |v: &str| v.to_string();
    let mut out = Vec::new();
    for case in case_names() {
        let ctx = context(&case);
        let dir = suite_dir().join(&case);
        for (prefix, presign) in [("header", false), ("query", true)] {
            if read(&case, &format!("{prefix}-canonical-request.txt")).is_none() {
                continue;
            }
            let mut args = vec![
                s("sign"),
                s("--request"),
                dir.join("request.txt").to_string_lossy().into_owned(),
                s("--access-key-id"),
                ctx.access_key_id.clone(),
                s("--secret-access-key"),
                ctx.secret.clone(),
                s("--time"),
                ctx.timestamp.clone(),
                s("--now"),
                ctx.timestamp.clone(),
                s("--json"),
            ];
            if let Some(r) = &ctx.region {
                args.extend([s("--region"), r.clone()]);
            }
            if let Some(v) = &ctx.service {
                args.extend([s("--service"), v.clone()]);
            }
            if let Some(t) = &ctx.token {
                args.extend([s("--session-token"), t.clone()]);
            }
            if presign {
                args.extend([s("--presign"), s("--expires"), ctx.expires.to_string()]);
            }
            if ctx.sign_body {
                args.push(s("--sign-body"));
            }
            if read(&case, "context.json").is_some() {
                args.push(s("--single-encode"));
            }
            if !ctx.normalize {
                args.push(s("--no-normalize-path"));
            }
            if ctx.omit_session_token {
                args.push(s("--session-token-after-signing"));
            }
            out.push((format!("{case}.sign-{prefix}"), args));

            let signed = dir.join(format!("{prefix}-signed-request.txt"));
            if signed.exists() {
                out.push((
                    format!("{case}.verify-{prefix}"),
                    vec![
                        s("verify"),
                        s("--request"),
                        signed.to_string_lossy().into_owned(),
                        s("--secret-access-key"),
                        ctx.secret.clone(),
                        s("--now"),
                        ctx.timestamp.clone(),
                        s("--json"),
                    ],
                ));
            }
        }
    }
    // Every AWS error fixture, read with --error beside a request it could answer.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aws-errors");
    let request = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/request.txt");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        out.push((
            format!("error.{name}"),
            vec![
                s("sign"),
                s("--request"),
                request.to_string_lossy().into_owned(),
                s("--access-key-id"),
                s("AKIDEXAMPLE"),
                s("--secret-access-key"),
                s(common::SUITE_SECRET),
                s("--time"),
                s("2015-08-30T12:36:00Z"),
                s("--now"),
                s("2015-08-30T12:36:00Z"),
                s("--error"),
                path.to_string_lossy().into_owned(),
                s("--json"),
            ],
        ));
    }
    out
}

/// Paths inside the output depend on where the repository and the package cache are.
fn portable(text: &str) -> String {
    text.replace(&suite_dir().to_string_lossy().into_owned(), "$SUITE")
        .replace(env!("CARGO_MANIFEST_DIR"), "$REPO")
}

#[test]
fn cli_json_is_unchanged() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = golden_dir();
    if update {
        std::fs::create_dir_all(&dir).expect("golden dir");
    }
    let runs = runs();
    assert!(runs.len() >= 150, "only {} runs", runs.len());
    let mut differ = Vec::new();
    for (name, args) in &runs {
        let got = portable(&run(args));
        let file = dir.join(format!("{name}.txt"));
        if update {
            std::fs::write(&file, &got).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&file).unwrap_or_else(|_| {
            panic!(
                "{}: no golden file; run with UPDATE_GOLDEN=1",
                file.display()
            )
        });
        if got != want {
            differ.push(format!("{name}:\n--- golden\n{want}\n+++ now\n{got}"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} CLI outputs changed:\n{}",
        differ.len(),
        runs.len(),
        differ.join("\n")
    );
}
