//! The command line: `sign` and `verify`, and the options each takes (CONTRACT.md).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "sigv4-lab",
    version,
    about = "Sign AWS Signature Version 4 requests step by step, and see every step."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Sign a request and print every step (canonical request, string to sign, key chain, signature).
    Sign(SignOpts),
    /// Check a request a client already signed, from its own claims (scope, time, signed headers).
    Verify(VerifyOpts),
}

/// What both commands read: the request, the credentials, what AWS said, the clock.
#[derive(Args)]
pub struct Common {
    /// The request: raw HTTP, a curl command, or a URL (GET). `-` reads stdin.
    #[arg(long, value_name = "FILE")]
    pub request: String,
    /// Credentials: an ~/.aws/credentials block, `export AWS_...=` lines, or STS / export-credentials JSON.
    /// Without it (and without --access-key-id), credentials are found as the AWS CLI finds them:
    /// the environment, then ~/.aws/credentials and ~/.aws/config (AWS_PROFILE or --profile).
    #[arg(long, value_name = "FILE")]
    pub credentials: Option<PathBuf>,
    /// The profile to pick from a credentials file or the shared AWS files.
    #[arg(long)]
    pub profile: Option<String>,
    #[arg(long)]
    pub access_key_id: Option<String>,
    /// The secret on the command line is visible in `ps` and shell history: prefer
    /// --secret-access-key-file, a credentials file or the environment.
    #[arg(long)]
    pub secret_access_key: Option<String>,
    /// Read the secret access key from FILE (`-`: standard input); a final line break is dropped.
    #[arg(long, value_name = "FILE")]
    pub secret_access_key_file: Option<String>,
    #[arg(long)]
    pub session_token: Option<String>,
    /// What AWS answered (XML, JSON, headers + body, the message, or a tool's error output).
    #[arg(long, value_name = "FILE")]
    pub error: Option<PathBuf>,
    /// The reference clock for time checks (default: this machine's clock).
    #[arg(long)]
    pub now: Option<String>,
    /// Print one JSON object (keys as in CONTRACT.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct SignOpts {
    #[command(flatten)]
    pub common: Common,
    /// Region (default: from the endpoint host).
    #[arg(long)]
    pub region: Option<String>,
    /// Signing name of the service (default: from the endpoint host).
    #[arg(long)]
    pub service: Option<String>,
    /// Signing time, e.g. 2015-08-30T12:36:00Z (default: now).
    #[arg(long)]
    pub time: Option<String>,
    /// Query-string authentication: print a presigned URL.
    #[arg(long)]
    pub presign: bool,
    /// Presigned URL lifetime in seconds.
    #[arg(long, default_value_t = 3600)]
    pub expires: u64,
    /// Add and sign x-amz-content-sha256 (always on for S3).
    #[arg(long)]
    pub sign_body: bool,
    /// Use UNSIGNED-PAYLOAD as the payload hash.
    #[arg(long)]
    pub unsigned_payload: bool,
    /// Skip RFC 3986 dot-segment removal (always off for S3).
    #[arg(long)]
    pub no_normalize_path: bool,
    /// Do not encode the path a second time (always on for S3).
    #[arg(long)]
    pub single_encode: bool,
    /// Add the session token after signing, unsigned (AWS IoT style).
    #[arg(long)]
    pub session_token_after_signing: bool,
}

#[derive(Args)]
pub struct VerifyOpts {
    #[command(flatten)]
    pub common: Common,
    // What sign takes and verify reads from the request itself: accepted only to say so.
    #[arg(long, hide = true)]
    pub region: Option<String>,
    #[arg(long, hide = true)]
    pub service: Option<String>,
    #[arg(long, hide = true)]
    pub time: Option<String>,
    #[arg(long, hide = true)]
    pub presign: bool,
    #[arg(long, hide = true)]
    pub expires: Option<u64>,
    #[arg(long, hide = true)]
    pub sign_body: bool,
    #[arg(long, hide = true)]
    pub unsigned_payload: bool,
    #[arg(long, hide = true)]
    pub no_normalize_path: bool,
    #[arg(long, hide = true)]
    pub single_encode: bool,
    #[arg(long, hide = true)]
    pub session_token_after_signing: bool,
}

impl VerifyOpts {
    /// The first signing option given, which verify does not take, and why, in a sentence.
    pub fn refused(&self) -> Option<String> {
        let scope = "verify reads the region and service from the request's own Credential scope";
        let reasons: [(bool, &str, &str); 10] = [
            (self.region.is_some(), "--region", scope),
            (self.service.is_some(), "--service", scope),
            (self.time.is_some(), "--time", "verify reads the signing time from the request's own X-Amz-Date (use --now for the clock it is judged against)"),
            (self.presign, "--presign", "verify sees a presigned URL by its X-Amz-Credential parameter"),
            (self.expires.is_some(), "--expires", "verify reads a presigned URL's lifetime from its X-Amz-Expires"),
            (self.sign_body, "--sign-body", "verify reads the payload hash the request claims (x-amz-content-sha256)"),
            (self.unsigned_payload, "--unsigned-payload", "verify reads the payload hash the request claims (x-amz-content-sha256)"),
            (self.no_normalize_path, "--no-normalize-path", "verify tries the path both ways and says which one the client used"),
            (self.single_encode, "--single-encode", "verify tries the path both ways and says which one the client used"),
            (self.session_token_after_signing, "--session-token-after-signing", "verify reads whether the token is signed from SignedHeaders"),
        ];
        reasons
            .iter()
            .find(|(given, _, _)| *given)
            .map(|(_, flag, why)| {
                format!("verify does not take {flag}: {why}; {flag} is for `sigv4-lab sign`.")
            })
    }
}
