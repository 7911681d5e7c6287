//! Drives the `sigv4-lab` binary: it reproduces every AWS suite case from the command line,
//! and answers unusable input with exit status 2 and one sentence.
//!
//! Uses `$SIGV4_LAB` when set (`make test` points it at target/release/sigv4-lab), else the
//! binary Cargo built for this test run.

mod common;

use std::process::{Command, Output};

use common::{case_names, context, read, suite_dir};

fn bin() -> String {
    std::env::var("SIGV4_LAB").unwrap_or_else(|_| env!("CARGO_BIN_EXE_sigv4-lab").to_string())
}

/// Writes `content` to a fresh file in this test process's temp folder.
fn temp_file(tag: &str, name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sigv4-lab-cli-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .output()
        .expect("binary runs")
}

#[test]
fn reproduces_every_suite_case() {
    let mut checked = 0;
    for case in case_names() {
        let ctx = context(&case);
        let request = suite_dir().join(&case).join("request.txt");
        let request = request.to_str().unwrap();
        for (prefix, presign) in [("header", false), ("query", true)] {
            let Some(expected_creq) = read(&case, &format!("{prefix}-canonical-request.txt"))
            else {
                continue;
            };
            let expires = ctx.expires.to_string();
            let mut args = vec![
                "sign",
                "--request",
                request,
                "--access-key-id",
                &ctx.access_key_id,
                "--secret-access-key",
                &ctx.secret,
                "--time",
                &ctx.timestamp,
                "--json",
            ];
            if let Some(r) = &ctx.region {
                args.extend(["--region", r]);
            }
            if let Some(s) = &ctx.service {
                args.extend(["--service", s]);
            }
            if let Some(t) = &ctx.token {
                args.extend(["--session-token", t]);
            }
            if presign {
                args.extend(["--presign", "--expires", &expires]);
            }
            if ctx.sign_body {
                args.push("--sign-body");
            }
            if read(&case, "context.json").is_some() {
                // Generated with double URI encoding off (see tests/suite.rs).
                args.push("--single-encode");
            }
            if !ctx.normalize {
                args.push("--no-normalize-path");
            }
            if ctx.omit_session_token {
                args.push("--session-token-after-signing");
            }
            let out = run(&args);
            assert!(
                out.status.success(),
                "{case} ({prefix}): exit {:?}: {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            let json: serde_json::Value =
                serde_json::from_slice(&out.stdout).expect("--json prints JSON");
            assert_eq!(
                json["canonical_request"], expected_creq,
                "{case} ({prefix}): canonical request"
            );
            if let Some(sts) = read(&case, &format!("{prefix}-string-to-sign.txt")) {
                assert_eq!(
                    json["string_to_sign"],
                    sts.strip_suffix('\n').unwrap_or(&sts),
                    "{case} ({prefix}): string to sign"
                );
            }
            if let Some(sig) = read(&case, &format!("{prefix}-signature.txt")) {
                assert_eq!(
                    json["signature"],
                    sig.trim(),
                    "{case} ({prefix}): signature"
                );
                let key = if presign {
                    "signed_url"
                } else {
                    "authorization"
                };
                assert!(
                    json[key].as_str().unwrap().contains(sig.trim()),
                    "{case}: {key} lacks the signature"
                );
                assert!(json[if presign {
                    "authorization"
                } else {
                    "signed_url"
                }]
                .is_null());
            }
            assert_eq!(json["signing_key_chain"].as_array().map(Vec::len), Some(4));
            checked += 1;
        }
    }
    assert!(checked >= 78, "only {checked} suite variants were checked");
}

#[test]
fn json_has_the_contract_keys() {
    let req = temp_file(
        "json",
        "req.txt",
        "https://sqs.eu-west-1.amazonaws.com/?Action=ListQueues",
    );
    let out = run(&[
        "sign",
        "--request",
        req.to_str().unwrap(),
        "--access-key-id",
        "AKIDEXAMPLE",
        "--secret-access-key",
        common::SUITE_SECRET,
        "--time",
        "2015-08-30T12:36:00Z",
        "--json",
    ]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "canonical_request",
        "canonical_request_hash",
        "string_to_sign",
        "signing_key_chain",
        "signature",
        "signed_headers",
        "authorization",
        "signed_curl",
        "region",
        "service",
        "cross_check",
        "findings",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    assert_eq!(json["region"]["value"], "eu-west-1");
    assert_eq!(json["region"]["source"], "host");
    assert_eq!(json["service"]["value"], "sqs");
    assert_eq!(json["cross_check"]["engine"], "aws-sigv4");
    assert_eq!(json["cross_check"]["agrees"], true);
    let names: Vec<_> = json["signing_key_chain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].clone())
        .collect();
    assert_eq!(names, ["kDate", "kRegion", "kService", "kSigning"]);
    // The secret never appears in the output.
    assert!(!String::from_utf8_lossy(&out.stdout).contains(common::SUITE_SECRET));
}

#[test]
fn unusable_input_exits_2_with_one_sentence() {
    let bad = temp_file(
        "bad",
        "bad.txt",
        "GET / HTTP/1.1\nHost example.amazonaws.com\n",
    );
    let good = temp_file("bad", "good.txt", "https://example.amazonaws.com/");
    let missing = good.with_file_name("missing.txt");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "sign",
                "--request",
                bad.to_str().unwrap(),
                "--access-key-id",
                "A",
                "--secret-access-key",
                "B",
            ],
            "line 2",
        ),
        (
            vec![
                "sign",
                "--request",
                missing.to_str().unwrap(),
                "--access-key-id",
                "A",
                "--secret-access-key",
                "B",
            ],
            "Cannot read",
        ),
        (
            vec!["sign", "--request", good.to_str().unwrap()],
            "No access key id",
        ),
        (
            vec![
                "sign",
                "--request",
                good.to_str().unwrap(),
                "--access-key-id",
                "A",
                "--secret-access-key",
                "B",
                "--time",
                "noon",
            ],
            "--time",
        ),
        (
            vec![
                "sign",
                "--request",
                good.to_str().unwrap(),
                "--access-key-id",
                "A",
                "--secret-access-key",
                "B",
                "--presign",
                "--expires",
                "0",
            ],
            "expiry",
        ),
    ];
    for (args, expect) in cases {
        let out = run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(expect),
            "{args:?}: stderr {stderr:?} lacks {expect:?}"
        );
        assert_eq!(
            stderr.trim().lines().count(),
            1,
            "{args:?}: more than one line: {stderr}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn error_file_is_decoded_into_findings() {
    let req = temp_file(
        "err",
        "req.txt",
        "https://abc.execute-api.us-east-1.amazonaws.com/prod/pets",
    );
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/aws-errors/missing_auth_token.http.txt"
    );
    let out = run(&[
        "sign",
        "--request",
        req.to_str().unwrap(),
        "--access-key-id",
        "AKIAIOSFODNN7EXAMPLE",
        "--secret-access-key",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "--error",
        fixture,
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["aws_error"]["code"],
        "MissingAuthenticationTokenException"
    );
    let ids: Vec<_> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["api-gateway-missing-token-route"]);
    // An unreadable error file is unusable input.
    let bad = temp_file("err", "bad.json", "{\"message\": ");
    let out = run(&[
        "sign",
        "--request",
        req.to_str().unwrap(),
        "--access-key-id",
        "A",
        "--secret-access-key",
        "B",
        "--error",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("In the AWS error"));
}

#[test]
fn verify_matches_its_own_signature_and_names_a_mistake() {
    let req = temp_file(
        "verify",
        "req.txt",
        "https://abc.execute-api.us-east-1.amazonaws.com/prod/a%3Db",
    );
    let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    let sign = |extra: &[&str]| {
        let mut args = vec![
            "sign",
            "--request",
            req.to_str().unwrap(),
            "--access-key-id",
            "AKIAIOSFODNN7EXAMPLE",
            "--json",
        ];
        args.extend_from_slice(extra);
        let out = run(&args);
        assert!(out.status.success());
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["signed_http"].as_str().unwrap().to_string()
    };
    let signed = temp_file(
        "verify",
        "signed.txt",
        &sign(&["--secret-access-key", secret]),
    );
    let out = run(&[
        "verify",
        "--request",
        signed.to_str().unwrap(),
        "--secret-access-key",
        secret,
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["verify"]["matches"], true);

    // Signed with the path encoded once: verify says so, exit 1.
    std::fs::write(
        &signed,
        sign(&["--secret-access-key", secret, "--single-encode"]),
    )
    .unwrap();
    let out = run(&[
        "verify",
        "--request",
        signed.to_str().unwrap(),
        "--secret-access-key",
        secret,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["verify"]["matches"], false);
    assert_eq!(json["verify"]["first_difference"], "canonical_request");
    assert!(json["verify"]["your_client_signed_with"]
        .as_str()
        .unwrap()
        .contains("encoded once"));
    assert!(json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "signature-mismatch"));
}

/// The exported curl command sends the path exactly as it was signed: run by the real curl
/// against a loopback socket, its request line keeps the dot segments (curl would remove them
/// without --path-as-is) and the signed headers.
#[test]
fn the_exported_curl_sends_the_signed_path() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let port = listener.local_addr().unwrap().port();
    let req = temp_file(
        "curlpath",
        "req.txt",
        &format!("GET http://127.0.0.1:{port}/bucket/a/../b.txt HTTP/1.1\n\n"),
    );
    let out = run(&[
        "sign",
        "--request",
        req.to_str().unwrap(),
        "--service",
        "s3",
        "--region",
        "us-east-1",
        "--access-key-id",
        "AKIAIOSFODNN7EXAMPLE",
        "--secret-access-key",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let curl = json["signed_curl"].as_str().unwrap().to_string();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().expect("curl connects");
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        while !got.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = conn.read(&mut buf).expect("reads");
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
        }
        let _ =
            conn.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        String::from_utf8_lossy(&got).into_owned()
    });
    let status = Command::new("bash")
        .args([
            "-c",
            &format!("{curl} --silent --output /dev/null --max-time 10"),
        ])
        .status()
        .expect("bash and curl run (curl is required for this test)");
    assert!(status.success(), "curl failed: {curl}");
    let received = server.join().unwrap();
    assert!(
        received.starts_with("GET /bucket/a/../b.txt HTTP/1.1\r\n"),
        "curl sent: {received}"
    );
    assert!(
        received.contains(json["authorization"].as_str().unwrap()),
        "the Authorization header went out: {received}"
    );
}
