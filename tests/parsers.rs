//! The request and credential parsers: every accepted form, the AWS suite's request.txt files,
//! one snapshot of every error message, and a no-panic property test.

use std::path::PathBuf;

use proptest::prelude::*;
use sigv4_lab::input::{
    credentials, parse_request, Credentials, Header, ParseError, ParsedRequest, RequestFormat,
};

fn req(text: &str) -> ParsedRequest {
    match parse_request(text) {
        Ok(p) => p,
        Err(e) => panic!("{e}\n--- input ---\n{text}"),
    }
}

fn creds(text: &str) -> Credentials {
    creds_for(text, None)
}

fn creds_for(text: &str, profile: Option<&str>) -> Credentials {
    match credentials::parse(text, profile) {
        Ok(c) => c,
        Err(e) => panic!("{e}\n--- input ---\n{text}"),
    }
}

fn headers(p: &ParsedRequest) -> Vec<(&str, &str)> {
    p.request
        .headers
        .iter()
        .map(|h| (h.name.as_str(), h.value.as_str()))
        .collect()
}

fn datetime(s: &str) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).unwrap()
}

// ---------------------------------------------------------------------------
// Raw HTTP

#[test]
fn http_get_vanilla() {
    let p = req("GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n");
    assert_eq!(p.format, RequestFormat::Http);
    assert_eq!(p.request.method, "GET");
    assert_eq!(p.request.url, "https://example.amazonaws.com/");
    assert_eq!(
        headers(&p),
        [
            ("Host", "example.amazonaws.com"),
            ("X-Amz-Date", "20150830T123600Z")
        ]
    );
    assert!(p.request.body.is_empty());
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn http_keeps_header_case_and_inner_spaces_and_trims_ows() {
    let p = req("POST /?a=b HTTP/1.1\r\nhOsT: example.amazonaws.com \r\nMy-Header2: \t\"a   b   c\"  \r\n\r\n");
    assert_eq!(p.request.url, "https://example.amazonaws.com/?a=b");
    assert_eq!(
        headers(&p),
        [
            ("hOsT", "example.amazonaws.com"),
            ("My-Header2", "\"a   b   c\"")
        ]
    );
    assert!(p.request.body.is_empty());
}

#[test]
fn http_obs_fold_keeps_the_lines() {
    let p = req(
        "GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value1\n  value2\n     value3\n",
    );
    assert_eq!(
        p.request.header("my-header1"),
        Some("value1\n  value2\n     value3")
    );
    let p = req("GET / HTTP/1.1\r\nHost:h.example\r\nA: x\r\n\tY\r\n");
    assert_eq!(p.request.header("a"), Some("x\n\tY"));
}

#[test]
fn http_body_after_blank_line_byte_for_byte() {
    let text = "POST / HTTP/1.1\nContent-Type:application/x-www-form-urlencoded\nHost:example.amazonaws.com\nContent-Length:13\n\nParam1=value1";
    let p = req(text);
    assert_eq!(p.request.method, "POST");
    assert_eq!(p.request.body, b"Param1=value1");
    let p = req("PUT /k HTTP/1.1\r\nHost: b.s3.amazonaws.com\r\n\r\nline1\r\n\r\nline2\n");
    assert_eq!(p.request.body, b"line1\r\n\r\nline2\n");
}

#[test]
fn http_raw_space_and_utf8_in_path() {
    let p = req("GET /example space/ HTTP/1.1\nHost:example.amazonaws.com\n");
    assert_eq!(
        p.request.url,
        "https://example.amazonaws.com/example space/"
    );
    let p = req("GET /ሴ HTTP/1.1\nHost:example.amazonaws.com");
    assert_eq!(p.request.url, "https://example.amazonaws.com/ሴ");
}

#[test]
fn http_absolute_target_and_port() {
    let p = req("GET https://sqs.us-east-1.amazonaws.com/123/q?Action=X HTTP/1.1\n\n");
    assert_eq!(
        p.request.url,
        "https://sqs.us-east-1.amazonaws.com/123/q?Action=X"
    );
    assert!(p.request.headers.is_empty());
    let p = req("GET /x HTTP/1.1\nHost: localhost:8080\n");
    assert_eq!(p.request.url, "https://localhost:8080/x");
}

#[test]
fn http_without_version_is_a_warning() {
    let p = req("GET /path\nHost: example.amazonaws.com\n");
    assert_eq!(p.request.url, "https://example.amazonaws.com/path");
    assert_eq!(p.warnings.len(), 1);
    assert!(
        p.warnings[0].message.contains("HTTP version"),
        "{:?}",
        p.warnings
    );
}

#[test]
fn http_http2_version_and_lower_case_method() {
    let p = req("get / HTTP/2\nhost: example.amazonaws.com\n");
    assert_eq!(p.request.method, "get");
    assert!(p.warnings.iter().any(|w| w.message.contains("upper case")));
}

#[test]
fn http_authorization_scope_gives_hints() {
    let p = req("GET / HTTP/1.1\nHost: example.amazonaws.com\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc\n");
    assert_eq!(p.hints.region.as_deref(), Some("us-east-1"));
    assert_eq!(p.hints.service.as_deref(), Some("service"));
    // Malformed scope: no hints, no failure.
    let p = req("GET / HTTP/1.1\nHost: example.amazonaws.com\nAuthorization: AWS4-HMAC-SHA256 Credential=garbage\n");
    assert_eq!(p.hints.region, None);
}

#[test]
fn http_leading_blank_lines_are_skipped() {
    let p = req("\n\n  GET / HTTP/1.1\nHost: h.example.com\n");
    assert_eq!(p.request.url, "https://h.example.com/");
}

#[test]
fn http2_pseudo_headers_from_devtools() {
    let p = req(":authority: example.amazonaws.com\n:method: POST\n:path: /x?y=1\n:scheme: https\naccept: */*\ncontent-type: application/json\n\n{}");
    assert_eq!(p.request.method, "POST");
    assert_eq!(p.request.url, "https://example.amazonaws.com/x?y=1");
    assert_eq!(
        headers(&p),
        [("accept", "*/*"), ("content-type", "application/json")]
    );
    assert_eq!(p.request.body, b"{}");
}

/// The AWS signing test suite that ships inside the aws-sigv4 crate (found with `cargo metadata`).
fn suite_dir() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let metadata = |offline: bool| {
        let mut cmd = std::process::Command::new(&cargo);
        cmd.args(["metadata", "--format-version", "1"])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        if offline {
            cmd.arg("--offline");
        }
        cmd.output().expect("cargo metadata runs")
    };
    // Offline first (no network in CI sandboxes); online if the lock file needs resolving.
    let out = metadata(true);
    let out = if out.status.success() {
        out
    } else {
        metadata(false)
    };
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
        .expect("crate dir")
        .join("aws-signing-test-suite/v4")
}

#[test]
fn http_every_suite_request_parses() {
    let mut count = 0;
    let mut dirs: Vec<_> = std::fs::read_dir(suite_dir())
        .expect("suite dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let Ok(text) = std::fs::read_to_string(dir.join("request.txt")) else {
            continue;
        };
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let p = parse_request(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(p.format, RequestFormat::Http, "{name}");
        let first = text.lines().next().unwrap();
        let target = first
            .split_once(' ')
            .unwrap()
            .1
            .rsplit_once(" HTTP/")
            .unwrap()
            .0;
        let host = p
            .request
            .header("host")
            .unwrap_or_else(|| panic!("{name}: no host"));
        assert_eq!(p.request.url, format!("https://{host}{target}"), "{name}");
        assert_eq!(p.request.method, first.split(' ').next().unwrap(), "{name}");
        assert!(p.warnings.is_empty(), "{name}: {:?}", p.warnings);
        // Every header line of the file is kept (continuations fold into the previous one).
        let header_lines = text
            .split("\n\n")
            .next()
            .unwrap()
            .lines()
            .skip(1)
            .filter(|l| !l.starts_with(' '))
            .count();
        assert_eq!(p.request.headers.len(), header_lines, "{name}");
        count += 1;
    }
    assert_eq!(count, 40, "the suite has 40 cases");
}

#[test]
fn http_suite_special_cases() {
    let dir = suite_dir();
    let read = |n: &str| std::fs::read_to_string(dir.join(n).join("request.txt")).unwrap();
    let p = req(&read("get-header-value-multiline"));
    assert_eq!(
        p.request.header("My-Header1"),
        Some("value1\n  value2\n     value3")
    );
    let p = req(&read("post-x-www-form-urlencoded"));
    assert_eq!(p.request.body, b"Param1=value1");
    let p = req(&read("get-space-unnormalized"));
    assert_eq!(
        p.request.url,
        "https://example.amazonaws.com/example space/"
    );
    let p = req(&read("get-utf8"));
    assert_eq!(p.request.url, "https://example.amazonaws.com/ሴ");
    let p = req(&read("get-header-key-duplicate"));
    assert_eq!(
        p.request
            .headers
            .iter()
            .filter(|h| h.name == "My-Header1")
            .count(),
        3
    );
}

// ---------------------------------------------------------------------------
// curl

#[test]
fn curl_chrome_bash() {
    let text = r#"curl 'https://dynamodb.us-west-2.amazonaws.com/' \
  -H 'accept: */*' \
  -H 'content-type: application/x-amz-json-1.0' \
  -H 'cookie: a=b; c=d' \
  -H 'x-amz-target: DynamoDB_20120810.ListTables' \
  --data-raw $'{"Note":"it\'s\\n\u0021","Tab":"\t"}' \
  --compressed"#;
    let p = req(text);
    assert_eq!(p.format, RequestFormat::Curl);
    assert_eq!(p.request.method, "POST");
    assert_eq!(p.request.url, "https://dynamodb.us-west-2.amazonaws.com/");
    assert_eq!(
        headers(&p),
        [
            ("accept", "*/*"),
            ("content-type", "application/x-amz-json-1.0"),
            ("cookie", "a=b; c=d"),
            ("x-amz-target", "DynamoDB_20120810.ListTables"),
        ]
    );
    assert_eq!(p.request.body, b"{\"Note\":\"it's\\n!\",\"Tab\":\"\t\"}");
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn curl_ansi_c_escapes() {
    let p = req(r#"curl https://h.example.com --data-binary $'a\x41\101\u00e9\n\r\t\\\"\'b'"#);
    assert_eq!(p.request.body, "aAAé\n\r\t\\\"'b".as_bytes());
    let p = req(r"curl https://h.example.com --data-binary $'\xff\x00'");
    assert_eq!(p.request.body, [0xff, 0x00]);
}

#[test]
fn curl_firefox_posix() {
    let text = "curl 'https://example.amazonaws.com/a?b=c' -X PUT -H 'User-Agent: Mozilla/5.0' -H 'Content-Type: text/plain' --data-raw 'it'\\''s'";
    let p = req(text);
    assert_eq!(p.request.method, "PUT");
    assert_eq!(p.request.url, "https://example.amazonaws.com/a?b=c");
    assert_eq!(
        headers(&p),
        [
            ("User-Agent", "Mozilla/5.0"),
            ("Content-Type", "text/plain")
        ]
    );
    assert_eq!(p.request.body, b"it's");
}

#[test]
fn curl_postman() {
    let text = "curl --location --request POST 'https://sts.amazonaws.com/' \\\n--header 'Content-Type: application/x-www-form-urlencoded' \\\n--data-urlencode 'Action=GetCallerIdentity' \\\n--data-urlencode 'Version=2011-06-15'";
    let p = req(text);
    assert_eq!(p.request.method, "POST");
    assert_eq!(p.request.url, "https://sts.amazonaws.com/");
    assert_eq!(
        headers(&p),
        [("Content-Type", "application/x-www-form-urlencoded")]
    );
    assert_eq!(
        p.request.body,
        b"Action=GetCallerIdentity&Version=2011-06-15"
    );
}

#[test]
fn curl_crlf_continuations_and_double_quotes() {
    let text = "curl -X POST \"https://h.example.com/p\" \\\r\n  -H \"X-A: \\\"q\\\" \\$HOME\" \\\r\n  -d \"x=1\"\r\n";
    let p = req(text);
    assert_eq!(
        headers(&p),
        [
            ("X-A", "\"q\" $HOME"),
            ("Content-Type", "application/x-www-form-urlencoded")
        ]
    );
    assert_eq!(p.request.body, b"x=1");
}

#[test]
fn curl_windows_cmd_from_chrome() {
    let text = "curl ^\"https://example.amazonaws.com/a?x=1^&y=2^\" ^\n  -H ^\"accept: */*^\" ^\n  -H ^\"x-quote: say \\^\"hi\\^\"^\" ^\n  --data-raw ^\"^{^\\^\"a^\\^\":1^}^\"";
    let p = req(text);
    assert_eq!(p.request.url, "https://example.amazonaws.com/a?x=1&y=2");
    assert_eq!(
        headers(&p)[..2],
        [("accept", "*/*"), ("x-quote", "say \"hi\"")]
    );
    assert_eq!(p.request.body, b"{\"a\":1}");
}

#[test]
fn curl_windows_cmd_plain_quotes() {
    let p = req("curl -X POST \"https://h.example.com/\" ^\r\n -H \"Content-Type: application/json\" ^\r\n -d \"{\\\"a\\\":1}\"");
    assert_eq!(p.request.method, "POST");
    assert_eq!(p.request.body, b"{\"a\":1}");
    assert_eq!(p.request.header("content-type"), Some("application/json"));
}

#[test]
fn curl_aws_sigv4_with_user() {
    let text = "curl --aws-sigv4 'aws:amz:eu-west-1:execute-api' --user 'AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' -H 'x-amz-security-token: TOKEN' https://abc.execute-api.eu-west-1.amazonaws.com/prod";
    let p = req(text);
    assert_eq!(p.hints.region.as_deref(), Some("eu-west-1"));
    assert_eq!(p.hints.service.as_deref(), Some("execute-api"));
    let c = p.hints.credentials.expect("credentials from -u");
    assert_eq!(c.access_key_id, "AKIDEXAMPLE");
    assert_eq!(
        c.secret_access_key.expose(),
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    );
    assert_eq!(c.session_token.as_ref().map(|t| t.expose()), Some("TOKEN"));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn curl_user_without_sigv4_is_a_warning() {
    let p = req("curl -u user:pass https://h.example.com/");
    assert!(p.hints.credentials.is_none());
    assert!(
        p.warnings.iter().any(|w| w.message.contains("Basic")),
        "{:?}",
        p.warnings
    );
    assert!(p.request.headers.is_empty());
}

#[test]
fn curl_shell_variables_in_user_are_not_credentials() {
    let p = req("curl --aws-sigv4 aws:amz:us-east-1:s3 -u \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" https://b.s3.amazonaws.com/k");
    assert!(p.hints.credentials.is_none());
    assert!(p
        .warnings
        .iter()
        .any(|w| w.message.contains("shell variables")));
}

#[test]
fn curl_get_moves_data_to_query() {
    let p = req("curl -G https://h.example.com/s?q=1 -d a=1 --data-urlencode 'b=x y&z'");
    assert_eq!(p.request.method, "GET");
    assert_eq!(p.request.url, "https://h.example.com/s?q=1&a=1&b=x%20y%26z");
    assert!(p.request.body.is_empty());
    assert!(p.request.headers.is_empty());
}

#[test]
fn curl_head_combined_short_flags_and_attached_values() {
    let p = req("curl -sSLI https://h.example.com/");
    assert_eq!(p.request.method, "HEAD");
    let p = req("curl -XDELETE -HX-A:1 -kv https://h.example.com/x");
    assert_eq!(p.request.method, "DELETE");
    assert_eq!(headers(&p), [("X-A", "1")]);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn curl_data_forms_join_with_ampersand() {
    let p =
        req("curl https://h.example.com -d a=1 --data 'b=2' --data-ascii c=3 --data-binary 'd=4'");
    assert_eq!(p.request.method, "POST");
    assert_eq!(p.request.body, b"a=1&b=2&c=3&d=4");
    assert_eq!(
        p.request.header("Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    let p = req("curl https://h.example.com --data-urlencode 'é=1' --data-urlencode '=a b' --data-urlencode 'x'");
    assert_eq!(p.request.body, b"\xc3\xa9=1&a%20b&x");
}

#[test]
fn curl_json_sets_headers() {
    let p = req("curl --json '{\"a\":1}' https://h.example.com");
    assert_eq!(p.request.method, "POST");
    assert_eq!(p.request.body, b"{\"a\":1}");
    assert_eq!(
        headers(&p),
        [
            ("Content-Type", "application/json"),
            ("Accept", "application/json")
        ]
    );
}

#[test]
fn curl_header_forms() {
    let p = req("curl https://h.example.com -H 'X-Empty;' -H 'X-Removed:' -H 'X-Spaces:   a  b  ' -A 'agent/1' -e 'https://ref/' -b 'k=v'");
    assert_eq!(
        headers(&p),
        [
            ("X-Empty", ""),
            ("X-Spaces", "a  b"),
            ("User-Agent", "agent/1"),
            ("Referer", "https://ref/"),
            ("Cookie", "k=v")
        ]
    );
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert!(p.warnings[0].message.contains("X-Removed"));
}

#[test]
fn curl_url_flag_and_no_scheme() {
    let p = req("curl --url example.amazonaws.com/path");
    assert_eq!(p.request.url, "https://example.amazonaws.com/path");
    assert!(p.warnings.iter().any(|w| w.message.contains("scheme")));
}

#[test]
fn curl_unknown_flags_warn_and_known_flags_skip_their_values() {
    let p = req("curl --max-time 5 -o out.json --frobnicate -x http://proxy:3128 --http2 https://h.example.com/");
    assert_eq!(p.request.url, "https://h.example.com/");
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert!(p.warnings[0].message.contains("--frobnicate"));
}

#[test]
fn curl_prompt_pipe_comment_and_redirect() {
    let p = req("$ curl https://h.example.com/ -s 2>&1 > out.txt | jq . # comment");
    assert_eq!(p.request.url, "https://h.example.com/");
    assert_eq!(p.request.method, "GET");
    assert!(!p.warnings.is_empty());
}

#[test]
fn curl_authorization_header_gives_hints() {
    let p = req("curl https://h.example.com/ -H 'Authorization: AWS4-HMAC-SHA256 Credential=AKID/20240101/ap-south-1/es/aws4_request, SignedHeaders=host, Signature=0'");
    assert_eq!(p.hints.region.as_deref(), Some("ap-south-1"));
    assert_eq!(p.hints.service.as_deref(), Some("es"));
}

#[test]
fn bare_urls() {
    let p = req("https://example.amazonaws.com/a b?c=d");
    assert_eq!(p.format, RequestFormat::Url);
    assert_eq!(p.request.method, "GET");
    let p = req("  https://bucket.s3.amazonaws.com/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240101%2Fus-west-2%2Fs3%2Faws4_request\n");
    assert_eq!(p.hints.region.as_deref(), Some("us-west-2"));
    assert_eq!(p.hints.service.as_deref(), Some("s3"));
    let p = req("example.amazonaws.com/x");
    assert_eq!(p.request.url, "https://example.amazonaws.com/x");
}

// ---------------------------------------------------------------------------
// Credentials

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

#[test]
fn credentials_file_default_and_profiles() {
    let text = "# my keys\n[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key=SECRETDEFAULT\n\n[dev]\n; dev account\naws_access_key_id=AKIDDEV\naws_secret_access_key = SECRETDEV\naws_session_token = TOKENDEV\nregion = eu-central-1\n";
    let c = creds(text);
    assert_eq!(c.access_key_id, "AKIDDEFAULT");
    assert_eq!(c.secret_access_key.expose(), "SECRETDEFAULT");
    assert_eq!(c.session_token, None);
    let c = creds_for(text, Some("dev"));
    assert_eq!(c.access_key_id, "AKIDDEV");
    assert_eq!(c.secret_access_key.expose(), "SECRETDEV");
    assert_eq!(
        c.session_token.as_ref().map(|s| s.expose()),
        Some("TOKENDEV")
    );
    assert_eq!(c.region.as_deref(), Some("eu-central-1"));
    assert_eq!(credentials::profiles(text), ["default", "dev"]);
}

#[test]
fn credentials_config_profile_and_only_block() {
    let text = "[profile work]\r\nregion = us-west-2\r\naws_access_key_id = AKIDWORK\r\naws_secret_access_key = SECRETWORK\r\naws_security_token = LEGACY\r\n";
    let c = creds(text);
    assert_eq!(c.access_key_id, "AKIDWORK");
    assert_eq!(c.secret_access_key.expose(), "SECRETWORK");
    assert_eq!(c.session_token.as_ref().map(|s| s.expose()), Some("LEGACY"));
    assert_eq!(c.region.as_deref(), Some("us-west-2"));
    let c = creds_for(text, Some("profile work"));
    assert_eq!(c.access_key_id, "AKIDWORK");
}

#[test]
fn credentials_and_config_pasted_together_merge() {
    let text = "[default]\naws_access_key_id=A\naws_secret_access_key=S\n[profile x]\nregion=r\n[default]\nregion=us-east-2\n";
    let c = creds(text);
    assert_eq!(c.region.as_deref(), Some("us-east-2"));
    assert_eq!(c.access_key_id, "A");
}

#[test]
fn credentials_without_section() {
    let c = creds("aws_access_key_id = AKID\naws_secret_access_key = S3CRET\n");
    assert_eq!(c.access_key_id, "AKID");
    assert_eq!(c.secret_access_key.expose(), "S3CRET");
}

#[test]
fn credentials_bash_exports() {
    let text = format!(
        "export AWS_ACCESS_KEY_ID=AKIDEXAMPLE\nexport AWS_SECRET_ACCESS_KEY='{SECRET}'\nexport AWS_SESSION_TOKEN=\"tok\\\"en\" # comment\nAWS_DEFAULT_REGION=us-east-1\nexport AWS_REGION=eu-west-3\nexport AWS_CREDENTIAL_EXPIRATION=2026-11-26T06:00:00Z\n"
    );
    let c = creds(&text);
    assert_eq!(c.access_key_id, "AKIDEXAMPLE");
    assert_eq!(c.secret_access_key.expose(), SECRET);
    assert_eq!(
        c.session_token.as_ref().map(|s| s.expose()),
        Some("tok\"en")
    );
    assert_eq!(c.region.as_deref(), Some("eu-west-3"));
    assert_eq!(c.expiration, Some(datetime("2026-11-26T06:00:00Z")));
}

#[test]
fn credentials_shell_statements_on_one_line() {
    let c = creds("export AWS_ACCESS_KEY_ID=A; export AWS_SECRET_ACCESS_KEY='S 1' ; export PATH\n");
    assert_eq!(c.access_key_id, "A");
    assert_eq!(c.secret_access_key.expose(), "S 1");
}

#[test]
fn credentials_keep_whitespace_inside_quotes_and_drop_crlf() {
    let c =
        creds("export AWS_ACCESS_KEY_ID=AKID\r\nexport AWS_SECRET_ACCESS_KEY=\" sec ret \"\r\n");
    assert_eq!(c.access_key_id, "AKID");
    assert_eq!(c.secret_access_key.expose(), " sec ret ");
}

#[test]
fn credentials_powershell() {
    let text = "PS C:\\> $Env:AWS_ACCESS_KEY_ID=\"AKIDPS\"\n$env:AWS_SECRET_ACCESS_KEY = 'it''s'\n$ENV:AWS_SESSION_TOKEN=\"a`\"b\"\n";
    let c = creds(text);
    assert_eq!(c.access_key_id, "AKIDPS");
    assert_eq!(c.secret_access_key.expose(), "it's");
    assert_eq!(c.session_token.as_ref().map(|s| s.expose()), Some("a\"b"));
}

#[test]
fn credentials_fish() {
    let c = creds("set -gx AWS_ACCESS_KEY_ID AKIDFISH\nset -x AWS_SECRET_ACCESS_KEY 'fishy'\nset -Ux AWS_REGION ap-northeast-1\n");
    assert_eq!(c.access_key_id, "AKIDFISH");
    assert_eq!(c.secret_access_key.expose(), "fishy");
    assert_eq!(c.region.as_deref(), Some("ap-northeast-1"));
}

#[test]
fn credentials_windows_cmd() {
    let c = creds("C:\\> set AWS_ACCESS_KEY_ID=AKIDWIN\r\nset \"AWS_SECRET_ACCESS_KEY=win secret\"\r\nsetx AWS_SESSION_TOKEN \"tok\"\r\nREM done\r\n");
    assert_eq!(c.access_key_id, "AKIDWIN");
    assert_eq!(c.secret_access_key.expose(), "win secret");
    assert_eq!(c.session_token.as_ref().map(|s| s.expose()), Some("tok"));
}

#[test]
fn credentials_sts_json() {
    let text = r#"{
    "Credentials": {
        "AccessKeyId": "ASIAEXAMPLE",
        "SecretAccessKey": "wJalr/SECRET",
        "SessionToken": "FwoGZXIvYXdzEXAMPLE",
        "Expiration": "2026-11-26T06:00:00+00:00"
    },
    "AssumedRoleUser": {"AssumedRoleId": "AROA:x", "Arn": "arn:aws:sts::1:assumed-role/r/x"}
}"#;
    let c = creds(text);
    assert_eq!(c.access_key_id, "ASIAEXAMPLE");
    assert_eq!(c.secret_access_key.expose(), "wJalr/SECRET");
    assert_eq!(
        c.session_token.as_ref().map(|s| s.expose()),
        Some("FwoGZXIvYXdzEXAMPLE")
    );
    assert_eq!(c.expiration, Some(datetime("2026-11-26T06:00:00Z")));
}

#[test]
fn credentials_export_credentials_json() {
    let c = creds(
        r#"{"Version": 1, "AccessKeyId": "ASIAX", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-11-26T06:00:00Z"}"#,
    );
    assert_eq!(c.access_key_id, "ASIAX");
    assert_eq!(c.secret_access_key.expose(), "S");
    assert_eq!(c.expiration, Some(datetime("2026-11-26T06:00:00Z")));
    let c = creds(
        r#"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"S2","sessionToken":"T2","expiration":1764136800000}}"#,
    );
    assert_eq!(c.access_key_id, "ASIASSO");
    assert_eq!(c.expiration, Some(datetime("2025-11-26T06:00:00Z")));
}

#[test]
fn credentials_csv_download() {
    let c = creds("Access key ID,Secret access key\r\nAKIACSV,csvsecret\r\n");
    assert_eq!(c.access_key_id, "AKIACSV");
    assert_eq!(c.secret_access_key.expose(), "csvsecret");
}

#[test]
fn credentials_debug_is_redacted() {
    let c = creds(&format!("[default]\naws_access_key_id=AKID\naws_secret_access_key={SECRET}\naws_session_token=TOKENVALUE123\n"));
    let debug = format!("{c:?} {:#?}", c);
    assert!(debug.contains("** redacted **"), "{debug}");
    assert!(!debug.contains(SECRET), "{debug}");
    assert!(!debug.contains("TOKENVALUE123"), "{debug}");
    let p = req(&format!(
        "curl --aws-sigv4 aws:amz:us-east-1:s3 -u AKID:{SECRET} https://b.s3.amazonaws.com/"
    ));
    let debug = format!("{p:?}");
    assert!(!debug.contains(SECRET), "{debug}");
}

#[test]
fn errors_never_quote_a_secret() {
    let cases = [
        format!("[default]\naws_secret_access_key={SECRET}\n"),
        format!("{{\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"{SECRET}\", \"Expiration\": \"soon\"}}"),
        format!("export AWS_ACCESS_KEY_ID=A\nexport AWS_SECRET_ACCESS_KEY={SECRET}\nexport AWS_CREDENTIAL_EXPIRATION=x\n"),
    ];
    for text in cases {
        let e = credentials::parse(&text, None).unwrap_err();
        assert!(!e.to_string().contains(SECRET), "{e}");
    }
}

// ---------------------------------------------------------------------------
// Errors: every message, in one snapshot.

enum Input {
    Request(&'static str),
    Credentials(&'static str, Option<&'static str>),
}

const MALFORMED: &[Input] = &[
    Input::Request(""),
    Input::Request("   \n  "),
    Input::Request("/path HTTP/1.1\nHost: h.example.com"),
    Input::Request("Host: example.amazonaws.com\nX-Amz-Date: 1"),
    Input::Request("GET\nHost: h.example.com"),
    Input::Request("GET HTTP/1.1\nHost: h.example.com"),
    Input::Request("GE(T / HTTP/1.1\nHost: h.example.com"),
    Input::Request("GET / HTTP/one\nHost: h.example.com"),
    Input::Request("GET / HTTP/1.1\nHost: h.example.com\nFoo bar"),
    Input::Request("GET / HTTP/1.1\nHost: h.example.com\n: value"),
    Input::Request("GET / HTTP/1.1\nHost: h.example.com\nMy Header: v"),
    Input::Request("GET / HTTP/1.1\n  continued\nHost: h.example.com"),
    Input::Request("GET / HTTP/1.1\nX-Amz-Date: 20150830T123600Z\n"),
    Input::Request("GET / HTTP/1.1\nHost: h.example.com:99999\n"),
    Input::Request("GET / HTTP/1.1\nHost: h.example.com/path\n"),
    Input::Request("GET / HTTP/1.1\nHost:\n"),
    Input::Request("GET example.com/x HTTP/1.1\nHost: h.example.com\n"),
    Input::Request("GET ftp://h.example.com/x HTTP/1.1\n"),
    Input::Request("curl"),
    Input::Request("curl -X POST -H 'Content-Type: text/plain'"),
    Input::Request("curl 'https://h.example.com/"),
    Input::Request("curl \"https://h.example.com/"),
    Input::Request("curl $'https://h.example.com/"),
    Input::Request("curl https://a.example.com/ https://b.example.com/"),
    Input::Request("curl https://h.example.com/ -H 'Foo bar'"),
    Input::Request("curl https://h.example.com/ -H 'Bad Name: v'"),
    Input::Request("curl https://h.example.com/ -d @body.json"),
    Input::Request("curl https://h.example.com/ --data-binary @-"),
    Input::Request("curl https://h.example.com/ --data-urlencode name@file.txt"),
    Input::Request("curl https://h.example.com/ -F 'file=@a.png'"),
    Input::Request("curl https://h.example.com/ -T upload.bin"),
    Input::Request("curl https://h.example.com/ -H"),
    Input::Request("curl 'https://h.example.com:0/x'"),
    Input::Request("curl 'https://exa mple.com/x'"),
    Input::Request("curl 'gopher://h.example.com/'"),
    Input::Request("curl ^\"https://h.example.com/ ^\n -H ^\"a: b^\""),
    Input::Request("https://h.example.com:70000/"),
    Input::Request(":authority: h.example.com\n:path: /\n"),
    Input::Request(":method: GET\n:path: /\n"),
    Input::Request(":method: GET\n:authority: h.example.com\n:path: x\n"),
    Input::Credentials("", None),
    Input::Credentials("  \n\t", None),
    Input::Credentials("[default]\naws_secret_access_key = S\n", None),
    Input::Credentials("[default]\naws_access_key_id = AKID\n", None),
    Input::Credentials("[default\naws_access_key_id = AKID\n", None),
    Input::Credentials("[]\naws_access_key_id = AKID\n", None),
    Input::Credentials("[a]\naws_access_key_id=A\naws_secret_access_key=S\n[b]\naws_access_key_id=B\naws_secret_access_key=S\n", None),
    Input::Credentials("[default]\naws_access_key_id=A\naws_secret_access_key=S\n[dev]\naws_access_key_id=B\n", Some("prod")),
    Input::Credentials("[profile admin]\nrole_arn = arn:aws:iam::1:role/admin\nsource_profile = default\n", None),
    Input::Credentials("aws_access_key_id=A\n[default]\naws_secret_access_key=S\n", None),
    Input::Credentials("AKIAEXAMPLE wJalrSECRET", None),
    Input::Credentials("export AWS_ACCESS_KEY_ID='AKID\nexport AWS_SECRET_ACCESS_KEY=S\n", None),
    Input::Credentials("export AWS_ACCESS_KEY_ID=AKID\nexport AWS_SECRET_ACCESS_KEY=S\nexport AWS_CREDENTIAL_EXPIRATION=tomorrow\n", None),
    Input::Credentials("export AWS_SECRET_ACCESS_KEY=S\n", None),
    Input::Credentials("$env:AWS_ACCESS_KEY_ID=\"AKID\n", None),
    Input::Credentials("{\"Credentials\": {\"AccessKeyId\": \"A\",}", None),
    Input::Credentials("{\n  \"AccessKeyId\": \"A\",\n  \"SecretAccessKey\": \"S\"\n", None),
    Input::Credentials("{\"Credentials\": {\"SecretAccessKey\": \"S\"}}", None),
    Input::Credentials("{\"AccessKeyId\": \"A\"}", None),
    Input::Credentials("{\"AccessKeyId\": 12, \"SecretAccessKey\": \"S\"}", None),
    Input::Credentials("{\"Credentials\": \"nope\"}", None),
    Input::Credentials("{\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\", \"Expiration\": \"2026-13-01T00:00:00Z\"}", None),
    Input::Credentials("[1, 2]", None),
    Input::Credentials("Access key ID,Secret access key\n", None),
];

#[test]
fn every_malformed_input_has_a_clear_error() {
    let mut report = String::new();
    for input in MALFORMED {
        let (text, result) = match input {
            Input::Request(t) => (*t, parse_request(t).map(|_| ())),
            Input::Credentials(t, p) => (*t, credentials::parse(t, *p).map(|_| ())),
        };
        let e: ParseError = match result {
            Ok(()) => panic!("accepted malformed input {text:?}"),
            Err(e) => e,
        };
        assert!(
            e.span.start <= e.span.end && e.span.end <= text.len(),
            "{text:?}: span {:?}",
            e.span
        );
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        let profile = match input {
            Input::Credentials(_, Some(p)) => format!(" (profile {p})"),
            _ => String::new(),
        };
        let underlined = &text[e.span.clone()];
        report.push_str(&format!(
            "{text:?}{profile}\n  => {e}\n  at {:?} {underlined:?}\n",
            e.span
        ));
    }
    assert!(MALFORMED.len() >= 30);
    insta::assert_snapshot!("malformed_inputs", report);
}

// ---------------------------------------------------------------------------
// No input makes a parser panic.

const SEEDS: &[&str] = &[
    "GET /a b?x=1 HTTP/1.1\r\nHost: h.example.com:8443\r\nMy-Header1:value1\r\n  value2\r\nAuthorization: AWS4-HMAC-SHA256 Credential=A/2/r/s/aws4_request\r\n\r\nbody\u{e9}",
    "curl 'https://h.example.com/p?q' -X POST -H 'A: b' --data-raw $'\\x41\\u00e9\\'' -u k:s --aws-sigv4 aws:amz:r:s -G \\\n -sSL",
    "curl ^\"https://h.example.com/^\" ^\n -H ^\"a: \\^\"b\\^\"^\" --data-raw ^\"x^\"",
    "[default]\naws_access_key_id = AKID\naws_secret_access_key = S\n[profile dev]\nregion=r\n",
    "export AWS_ACCESS_KEY_ID=\"AKID\"\n$Env:AWS_SECRET_ACCESS_KEY='s'\nset -gx AWS_SESSION_TOKEN t\nset AWS_REGION=r\n",
    "{\"Credentials\":{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\",\"SessionToken\":\"T\",\"Expiration\":\"2026-11-26T06:00:00Z\"}}",
];

fn check_no_panic(text: &str) -> Result<(), TestCaseError> {
    let request = parse_request(text);
    if let Err(e) = &request {
        prop_assert!(
            e.span.start <= e.span.end && e.span.end <= text.len(),
            "span {:?}",
            e.span
        );
        prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        prop_assert!(!e.message.contains("\\u{"), "a Rust escape: {}", e.message);
    }
    if let Ok(p) = &request {
        for w in &p.warnings {
            prop_assert!(
                w.span.start <= w.span.end && w.span.end <= text.len(),
                "warning span {:?}",
                w.span
            );
            prop_assert!(text.is_char_boundary(w.span.start) && text.is_char_boundary(w.span.end));
            prop_assert!(!w.message.contains("\\u{"), "a Rust escape: {}", w.message);
        }
    }
    for profile in [None, Some("dev")] {
        if let Err(e) = credentials::parse(text, profile) {
            prop_assert!(
                e.span.start <= e.span.end && e.span.end <= text.len(),
                "span {:?}",
                e.span
            );
            prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        }
    }
    let _ = credentials::profiles(text);
    Ok(())
}

/// A seed with a slice replaced by `insert` (positions taken modulo the seed's length, on char boundaries).
fn mutate(seed: &str, at: usize, len: usize, insert: &str) -> String {
    let chars: Vec<char> = seed.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + len).min(chars.len());
    let mut out: String = chars[..at].iter().collect();
    out.push_str(insert);
    out.extend(&chars[end..]);
    out
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        check_no_panic(&text)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        check_no_panic(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn shell_and_http_looking_text_never_panics(text in "(curl |GET |\\[|export |\\$env:|set |\\{)[ -~\\t\\n\\r'\"\\\\$^é€]{0,80}") {
        check_no_panic(&text)?;
    }

    #[test]
    fn mutated_valid_inputs_never_panic(
        seed in 0..SEEDS.len(),
        at in any::<usize>(),
        len in 0usize..6,
        insert in "[ -~\\t\\n\\r'\"\\\\$^é€\u{0}]{0,4}",
    ) {
        check_no_panic(&mutate(SEEDS[seed], at, len, &insert))?;
    }
}

#[test]
fn seeds_are_valid() {
    for (i, s) in SEEDS.iter().enumerate() {
        if i < 3 {
            req(s);
        } else {
            creds(s);
        }
    }
    // Header is re-exported for callers building requests by hand.
    let _ = Header::new("a", "b");
}

/// Found by fuzzing.
#[test]
fn fuzz_regressions_are_errors() {
    let e = sigv4_lab::input::parse_request("http://::80").unwrap_err();
    assert!(e.message.contains("brackets"), "{e}");
    assert!(sigv4_lab::http::url::split("http://[::1]:8080/").is_ok());
    let e = sigv4_lab::input::credentials::parse("Access key ID,Secret access key\n,", None)
        .unwrap_err();
    assert!(e.message.contains("access key ID"), "{e}");
}

/// Found by fuzzing: `curl -u :secret --aws-sigv4 …` must not give credentials without a key id.
#[test]
fn curl_user_with_an_empty_key_id_is_a_warning() {
    let p = sigv4_lab::input::parse_request(
        "curl https://h.example.com/ -u :s --aws-sigv4 aws:amz:us-east-1:execute-api",
    )
    .unwrap();
    assert!(p.hints.credentials.is_none());
    assert!(p
        .warnings
        .iter()
        .any(|w| w.message.contains("empty access key id")));
}

// ---------------------------------------------------------------------------
// Huge and hostile inputs: every message quotes a short excerpt, never the input.

const MB: usize = 1024 * 1024;
/// The longest a message about pasted text may be (the web page's hostile-input test allows 400).
const MAX_MESSAGE: usize = 400;

/// A message a person reads: short, and no character written in Rust's escaped form.
fn assert_readable(what: &str, message: &str) {
    assert!(
        message.chars().count() <= MAX_MESSAGE,
        "{what}: a {}-character message echoes the input: {}…",
        message.chars().count(),
        message.chars().take(200).collect::<String>()
    );
    for debug in ["'\\u{", "'\\0'", "\\u{", "'\\t'", "'\\n'", "'\\r'"] {
        assert!(!message.contains(debug), "{what}: {message}");
    }
}

fn request_error(what: &str, text: &str) -> ParseError {
    let e = parse_request(text).expect_err(what);
    assert_readable(what, &e.to_string());
    e
}

fn request_warnings(what: &str, text: &str) -> Vec<String> {
    let p = parse_request(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    for w in &p.warnings {
        assert_readable(what, &w.message);
    }
    p.warnings.into_iter().map(|w| w.message).collect()
}

#[test]
fn huge_requests_get_short_messages() {
    let e = request_error("2 MiB of one letter", &"x".repeat(2 * MB));
    assert!(e.message.contains("(2,097,152 characters)"), "{e}");
    assert!(e.message.contains("\"GET / HTTP/1.1\""), "{e}");

    let lower = format!(
        "{} /?Action=ListUsers&Version=2010-05-08 HTTP/1.1\nHost: iam.amazonaws.com\n\n",
        "get".repeat(MB / 3)
    );
    let w = request_warnings("a 1 MiB lower-case method", &lower);
    assert!(w.iter().any(|w| w.contains("upper case")), "{w:?}");

    let iam = "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08";
    let w = request_warnings(
        "a 1 MiB curl option",
        &format!("curl '{iam}' --{}", "z".repeat(MB)),
    );
    assert!(w.iter().any(|w| w.contains("does not know")), "{w:?}");

    let e = request_error(
        "a 100,000-digit port",
        &format!(
            "https://iam.amazonaws.com:{}/?Action=ListUsers",
            "9".repeat(100_000)
        ),
    );
    assert!(e.message.contains("port"), "{e}");

    let e = request_error(
        "a 1 MiB header line without a colon",
        &format!(
            "GET {iam} HTTP/1.1\nHost: iam.amazonaws.com\nX-No-Colon {}\n\n",
            "n".repeat(MB)
        ),
    );
    assert!(e.message.contains("no ':'"), "{e}");

    request_error(
        "a 1 MiB scheme",
        &format!("curl '{}://h.example.com/'", "s".repeat(MB)),
    );
    request_error(
        "a 1 MiB request target",
        &format!("GET {} HTTP/1.1\nHost: h\n\n", "t".repeat(MB)),
    );
    request_error(
        "a 1 MiB second URL",
        &format!("curl {iam} https://{}/", "u".repeat(MB)),
    );
    request_error(
        "a 1 MiB header name with a space",
        &format!("curl {iam} -H 'X-{} y: v'", "n".repeat(MB)),
    );
    request_warnings(
        "a 1 MiB header removed with an empty value",
        &format!("curl {iam} -H 'X-{}:'", "n".repeat(MB)),
    );
    request_warnings(
        "a 1 MiB Host that is not the URL's",
        &format!(
            "GET {iam} HTTP/1.1\nHost: {}.example.com\n\n",
            "h".repeat(MB)
        ),
    );
}

#[test]
fn huge_credentials_get_short_messages() {
    let many: Vec<String> = (0..5_000)
        .map(|i| {
            format!("[profile-{i}]\naws_access_key_id = AKID{i}\naws_secret_access_key = s{i}")
        })
        .collect();
    let e = credentials::parse(&many.join("\n"), None).unwrap_err();
    assert_readable("5,000 profiles", &e.to_string());
    assert!(
        e.message
            .ends_with("profile-0, profile-1, profile-2, profile-3, profile-4 and 4,995 more"),
        "{e}"
    );
    let e = credentials::parse(&many.join("\n"), Some("nope")).unwrap_err();
    assert_readable("5,000 profiles, none the one asked for", &e.to_string());

    let e = credentials::parse(
        &format!("[{}\naws_access_key_id = AKIDEXAMPLE\n", "p".repeat(MB)),
        None,
    )
    .unwrap_err();
    assert_readable("a 1 MiB section header never closed", &e.to_string());
    assert!(e.message.contains("closing ']'"), "{e}");

    let e = credentials::parse(
        &format!("[{}]\naws_access_key_id = AKIDEXAMPLE\n", "p".repeat(MB)),
        None,
    )
    .unwrap_err();
    assert_readable("a 1 MiB profile name", &e.to_string());

    let e =
        credentials::parse(&format!("{} {}", "A".repeat(MB), "B".repeat(MB)), None).unwrap_err();
    assert_readable("a 2 MiB line of no format", &e.to_string());

    let e = credentials::parse(
        &format!(
            "export AWS_ACCESS_KEY_ID=A\nexport AWS_SECRET_ACCESS_KEY=S\nexport AWS_CREDENTIAL_EXPIRATION={}\n",
            "9".repeat(MB)
        ),
        None,
    )
    .unwrap_err();
    assert_readable("a 1 MiB expiration", &e.to_string());
}

#[test]
fn characters_are_named_never_escaped() {
    let e = request_error(
        "a zero-width space in the host",
        "https://iam\u{200b}.amazonaws.com/?Action=ListUsers",
    );
    assert!(
        e.message
            .contains("the invisible character U+200B (zero-width space)"),
        "{e}"
    );
    let e = request_error(
        "a zero-width joiner in a header name",
        "GET / HTTP/1.1\nHost: iam.amazonaws.com\nX-Amz\u{200d}Date: 1\n\n",
    );
    assert!(e.message.contains("U+200D"), "{e}");
    let e = request_error("a NUL in a method", "G\u{0}T / HTTP/1.1\nHost: h\n\n");
    assert!(e.message.contains("the control character U+0000"), "{e}");
    let e = request_error("an accented method", "GÉT / HTTP/1.1\nHost: h\n\n");
    assert!(e.message.contains("the character “É” (U+00C9)"), "{e}");
    request_warnings(
        "an unknown short curl option that is a control character",
        "curl https://h.example.com/ -\u{1}",
    );
}

/// A curl command cut after a line continuation is read, and the cut is said, not hidden.
#[test]
fn a_curl_ending_in_a_continuation_is_warned_about() {
    let cut = "curl 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15' \\\n  -H 'X-Amz-Date: 20261202T020000Z' \\\n";
    let parsed = sigv4_lab::input::parse_request(cut).expect("reads");
    let w = parsed
        .warnings
        .iter()
        .find(|w| w.message.contains("line continuation"))
        .unwrap_or_else(|| panic!("no warning in {:?}", parsed.warnings));
    assert_eq!(&cut[w.span.clone()], "\\");
    assert_eq!(parsed.request.headers.len(), 1);
    // A whole command has no such warning, nor does a cmd.exe one without a trailing caret.
    let whole = "curl 'https://sts.amazonaws.com/' \\\n  -H 'X-Amz-Date: 20261202T020000Z'\n";
    let parsed = sigv4_lab::input::parse_request(whole).unwrap();
    assert!(!parsed
        .warnings
        .iter()
        .any(|w| w.message.contains("continuation")));
    let cmd = "curl \"https://sts.amazonaws.com/\" ^\n  -H \"X-Amz-Date: 20261202T020000Z\" ^\n";
    let parsed = sigv4_lab::input::parse_request(cmd).unwrap();
    assert!(
        parsed.warnings.iter().any(|w| w.message.contains("(^)")),
        "{:?}",
        parsed.warnings
    );
}
