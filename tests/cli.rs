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

/// A terminal's scrollback saved to a file: the CLI reads the error out of Terraform's box and
/// says which program printed it and the request id.
#[test]
fn a_wrapped_error_file_is_read_where_the_program_put_it() {
    let req = temp_file(
        "wrapped",
        "req.txt",
        "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
    );
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/aws-errors/wrapped/terraform-invalid_client_token_id.txt"
    );
    let args = [
        "sign",
        "--request",
        req.to_str().unwrap(),
        "--access-key-id",
        "AKIAIOSFODNN7EXAMPLE",
        "--secret-access-key",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "--error",
        fixture,
    ];
    let out = run(&args);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("InvalidClientTokenId: The security token included in the request is invalid.\nPrinted by the AWS SDK for Go v2 in Terraform, calling GetCallerIdentity; HTTP 403; request id f1e2d3c4-0000-4000-8000-000000000201."),
        "{text}"
    );
    assert!(text.contains("[credentials-rejected]"), "{text}");
    let mut with_json = args.to_vec();
    with_json.push("--json");
    let json: serde_json::Value = serde_json::from_slice(&run(&with_json).stdout).unwrap();
    let e = &json["aws_error"];
    assert_eq!(
        (&e["tool"], &e["within"], &e["operation"], &e["request_id"]),
        (
            &serde_json::json!("go-v2"),
            &serde_json::json!("terraform"),
            &serde_json::json!("GetCallerIdentity"),
            &serde_json::json!("f1e2d3c4-0000-4000-8000-000000000201")
        )
    );
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

/// Runs the binary with exactly these environment variables (nothing else of AWS's).
fn run_env(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(bin());
    cmd.args(args);
    for k in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_CONFIG_FILE",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
    ] {
        cmd.env_remove(k);
    }
    cmd.env("HOME", "/nonexistent-sigv4-lab-home");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("binary runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn key_id_used(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["authorization"].as_str().unwrap()["AWS4-HMAC-SHA256 Credential=".len()..]
        .split('/')
        .next()
        .unwrap()
        .to_string()
}

/// Without credential flags the CLI finds them as the AWS CLI does: the environment, then the
/// shared credentials file, then the config file's `[profile x]`; `--profile` beats the
/// environment; a secret can come from a file or standard input.
#[test]
fn credentials_are_found_as_the_aws_cli_finds_them() {
    let req = temp_file(
        "chain",
        "req.txt",
        "https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
    );
    let req = req.to_str().unwrap();
    let secret = common::SUITE_SECRET;
    let shared = temp_file(
        "chain",
        "credentials",
        &format!("[default]\naws_access_key_id = AKIAFROMSHAREDFILEXX\naws_secret_access_key = {secret}\n\n[dev]\naws_access_key_id = AKIADEVPROFILEFILEXX\naws_secret_access_key = {secret}\n"),
    );
    let config = temp_file(
        "chain",
        "config",
        &format!("[profile ops]\nregion = eu-west-1\naws_access_key_id = AKIAOPSCONFIGFILEXXX\naws_secret_access_key = {secret}\n"),
    );
    let shared = shared.to_str().unwrap();
    let config = config.to_str().unwrap();
    let files = [
        ("AWS_SHARED_CREDENTIALS_FILE", shared),
        ("AWS_CONFIG_FILE", config),
    ];
    let sign = ["sign", "--request", req, "--json"];
    let envkeys = [
        ("AWS_ACCESS_KEY_ID", "AKIAFROMENVIRONMENTX"),
        ("AWS_SECRET_ACCESS_KEY", secret),
    ];
    // The environment first.
    let mut env: Vec<(&str, &str)> = files.to_vec();
    env.extend(envkeys);
    assert_eq!(
        key_id_used(&run_env(&sign, &env, None)),
        "AKIAFROMENVIRONMENTX"
    );
    // Then the shared credentials file's default profile.
    assert_eq!(
        key_id_used(&run_env(&sign, &files, None)),
        "AKIAFROMSHAREDFILEXX"
    );
    // AWS_PROFILE picks another; a config file's [profile x] is found too.
    let mut env: Vec<(&str, &str)> = files.to_vec();
    env.push(("AWS_PROFILE", "dev"));
    assert_eq!(
        key_id_used(&run_env(&sign, &env, None)),
        "AKIADEVPROFILEFILEXX"
    );
    let with_profile = ["sign", "--request", req, "--json", "--profile", "ops"];
    let mut env: Vec<(&str, &str)> = files.to_vec();
    env.extend(envkeys);
    assert_eq!(
        key_id_used(&run_env(&with_profile, &env, None)),
        "AKIAOPSCONFIGFILEXXX",
        "--profile beats the environment"
    );
    // A profile that is nowhere is one sentence.
    let missing = ["sign", "--request", req, "--profile", "nope"];
    let out = run_env(&missing, &files, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("The profile nope is in neither"));
    // The secret from standard input (a final newline, as `echo` writes, is dropped).
    let stdin = [
        "sign",
        "--request",
        req,
        "--json",
        "--access-key-id",
        "AKIAIOSFODNN7EXAMPLE",
        "--secret-access-key-file",
        "-",
        "--time",
        "20150830T123600Z",
    ];
    let out = run_env(&stdin, &[], Some(&format!("{secret}\n")));
    assert_eq!(key_id_used(&out), "AKIAIOSFODNN7EXAMPLE");
    let flagged = [
        "sign",
        "--request",
        req,
        "--json",
        "--access-key-id",
        "AKIAIOSFODNN7EXAMPLE",
        "--secret-access-key",
        secret,
        "--time",
        "20150830T123600Z",
    ];
    // One clock for both: two runs a second apart sign differently (a flake CI once saw).
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let b: serde_json::Value =
        serde_json::from_slice(&run_env(&flagged, &[], None).stdout).unwrap();
    assert_eq!(
        a["signature"], b["signature"],
        "the same secret signs the same"
    );
    assert!(a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["id"] != "key-whitespace"));
}

/// verify takes no signing options: each is refused in one sentence, not silently ignored.
#[test]
fn verify_refuses_the_options_of_sign() {
    let signed = temp_file(
        "refuse",
        "signed.txt",
        "GET / HTTP/1.1\nHost: example.amazonaws.com\nX-Amz-Date: 20150830T123600Z\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31\n\n",
    );
    let signed = signed.to_str().unwrap();
    let base = [
        "verify",
        "--request",
        signed,
        "--secret-access-key",
        common::SUITE_SECRET,
    ];
    let out = run(&base);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (extra, flag) in [
        (vec!["--time", "2015-08-30T12:36:00Z"], "--time"),
        (vec!["--region", "eu-west-1"], "--region"),
        (vec!["--service", "sts"], "--service"),
        (vec!["--presign"], "--presign"),
        (vec!["--expires", "60"], "--expires"),
    ] {
        let mut args = base.to_vec();
        args.extend(extra);
        let out = run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag}: {stderr}");
        assert!(
            stderr.contains(&format!("verify does not take {flag}")),
            "{stderr}"
        );
        assert_eq!(stderr.trim().lines().count(), 1);
    }
    let help = run(&["verify", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(!help.contains("arrives with"), "{help}");
    assert!(
        !help.contains("--time"),
        "the refused options are not offered: {help}"
    );
}
