//! Shared helpers for the integration tests: locating the AWS signing test suite inside the aws-sigv4 package.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// `aws-signing-test-suite/v4` inside the aws-sigv4 package that Cargo resolved (found with `cargo metadata`).
pub fn suite_dir() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(locate_suite).clone()
}

fn locate_suite() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let manifest = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .find(|p| p["name"] == "aws-sigv4")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("aws-sigv4 is a dependency");
    PathBuf::from(manifest)
        .parent()
        .expect("manifest has a dir")
        .join("aws-signing-test-suite/v4")
}

/// Every case directory of the v4 suite, by name.
pub fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(suite_dir())
        .expect("suite dir readable")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

pub fn read(case: &str, file: &str) -> Option<String> {
    std::fs::read_to_string(suite_dir().join(case).join(file)).ok()
}

/// The suite's signing context (context.json), or the values the two old-format cases imply.
#[derive(Debug, Clone)]
pub struct Context {
    pub access_key_id: String,
    pub secret: String,
    pub token: Option<String>,
    pub expires: u64,
    pub normalize: bool,
    pub region: Option<String>,
    pub service: Option<String>,
    pub sign_body: bool,
    pub timestamp: String,
    pub omit_session_token: bool,
}

pub const SUITE_SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

pub fn context(case: &str) -> Context {
    match read(case, "context.json") {
        Some(text) => {
            let v: serde_json::Value = serde_json::from_str(&text).expect("context.json is JSON");
            Context {
                access_key_id: v["credentials"]["access_key_id"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                secret: v["credentials"]["secret_access_key"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                token: v["credentials"]["token"].as_str().map(String::from),
                expires: v["expiration_in_seconds"].as_u64().unwrap(),
                normalize: v["normalize"].as_bool().unwrap(),
                region: v["region"].as_str().map(String::from),
                service: v["service"].as_str().map(String::from),
                sign_body: v["sign_body"].as_bool().unwrap(),
                timestamp: v["timestamp"].as_str().unwrap().to_string(),
                omit_session_token: v["omit_session_token"].as_bool().unwrap_or(false),
            }
        }
        // double-encode-path and double-url-encode predate context.json: region and service
        // come from the host, the time from their canonical requests.
        None => Context {
            access_key_id: "AKIDEXAMPLE".into(),
            secret: SUITE_SECRET.into(),
            token: None,
            expires: 3600,
            normalize: true,
            region: None,
            service: None,
            sign_body: false,
            timestamp: "2021-05-11T15:40:45Z".into(),
            omit_session_token: false,
        },
    }
}

/// The signed request as curl, when it was signed (as the page's and the CLI's exports show it).
pub fn signed_curl(ex: &sigv4_lab::lab::Explanation) -> Option<String> {
    let s = &ex.signing;
    s.signature
        .as_ref()
        .map(|_| sigv4_lab::report::export::curl(&s.signed_request))
}

/// The signed request as raw HTTP, when it was signed.
pub fn signed_http(ex: &sigv4_lab::lab::Explanation) -> Option<String> {
    let s = &ex.signing;
    s.signature
        .as_ref()
        .map(|_| sigv4_lab::report::export::raw_http(&s.signed_request))
}
