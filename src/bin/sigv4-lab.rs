//! `sigv4-lab`: the command-line view of the same explanation the web page shows (see CONTRACT.md).

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::Read;
    use std::path::PathBuf;
    use std::process::ExitCode;

    use clap::{Args, Parser, Subcommand};
    use sigv4_lab::input::aws_error::{self, AwsError};
    use sigv4_lab::input::{
        self, Credentials, Inputs, Mode, Secret, Settings, SigningTime, TokenPlacement,
    };
    use sigv4_lab::lab::{self, Explanation, Verification};
    use sigv4_lab::report::{export, json};
    use sigv4_lab::text::quoted;
    use sigv4_lab::timefmt;
    use time::OffsetDateTime;

    #[derive(Parser)]
    #[command(
        name = "sigv4-lab",
        version,
        about = "Sign AWS Signature Version 4 requests step by step, and see every step."
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Sign a request and print every step (canonical request, string to sign, key chain, signature).
        Sign(Opts),
        /// Check an already-signed request against the secret, from its own claims.
        Verify(Opts),
    }

    #[derive(Args)]
    struct Opts {
        /// The request: raw HTTP, a curl command, or a URL (GET). `-` reads stdin.
        #[arg(long, value_name = "FILE")]
        request: String,
        /// Credentials: an ~/.aws/credentials block, `export AWS_...=` lines, or STS / export-credentials JSON.
        #[arg(long, value_name = "FILE")]
        credentials: Option<PathBuf>,
        /// The profile to pick from a credentials file.
        #[arg(long)]
        profile: Option<String>,
        #[arg(long)]
        access_key_id: Option<String>,
        #[arg(long)]
        secret_access_key: Option<String>,
        #[arg(long)]
        session_token: Option<String>,
        /// What AWS answered (XML, JSON, headers + body, or the message).
        #[arg(long, value_name = "FILE")]
        error: Option<PathBuf>,
        /// Region (default: from the endpoint host).
        #[arg(long)]
        region: Option<String>,
        /// Signing name of the service (default: from the endpoint host).
        #[arg(long)]
        service: Option<String>,
        /// Signing time, e.g. 2015-08-30T12:36:00Z (default: now).
        #[arg(long)]
        time: Option<String>,
        /// The reference clock for time checks (default: this machine's clock).
        #[arg(long)]
        now: Option<String>,
        /// Query-string authentication: print a presigned URL.
        #[arg(long)]
        presign: bool,
        /// Presigned URL lifetime in seconds.
        #[arg(long, default_value_t = 3600)]
        expires: u64,
        /// Add and sign x-amz-content-sha256 (always on for S3).
        #[arg(long)]
        sign_body: bool,
        /// Use UNSIGNED-PAYLOAD as the payload hash.
        #[arg(long)]
        unsigned_payload: bool,
        /// Skip RFC 3986 dot-segment removal (always off for S3).
        #[arg(long)]
        no_normalize_path: bool,
        /// Do not encode the path a second time (always on for S3).
        #[arg(long)]
        single_encode: bool,
        /// Add the session token after signing, unsigned (AWS IoT style).
        #[arg(long)]
        session_token_after_signing: bool,
        /// Print one JSON object (keys as in CONTRACT.md).
        #[arg(long)]
        json: bool,
    }

    /// Unusable input: one sentence for stderr, exit status 2.
    struct Unusable(String);

    fn read_input(what: &str, path: &str) -> Result<String, Unusable> {
        let bytes = if path == "-" {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map_err(|e| {
                Unusable(format!("Cannot read the {what} from standard input: {e}."))
            })?;
            buf
        } else {
            std::fs::read(path)
                .map_err(|e| Unusable(format!("Cannot read the {what} file {path}: {e}.")))?
        };
        String::from_utf8(bytes).map_err(|e| {
            Unusable(format!(
                "The {what} file {path} is not UTF-8 text (invalid byte at offset {}).",
                e.utf8_error().valid_up_to()
            ))
        })
    }

    fn decode_error_file(path: &str) -> Result<AwsError, Unusable> {
        let text = read_input("AWS error", path)?;
        aws_error::decode(&text).map_err(|e| Unusable(format!("{e} (file {path})")))
    }

    fn instant(flag: &str, text: &str) -> Result<OffsetDateTime, Unusable> {
        timefmt::parse_instant(text).ok_or_else(|| {
            Unusable(format!(
                "The {flag} value {} is not a UTC time such as 2015-08-30T12:36:00Z.",
                quoted(text)
            ))
        })
    }

    fn credentials(o: &Opts, hint: Option<Credentials>) -> Result<Credentials, Unusable> {
        let mut creds = match &o.credentials {
            Some(path) => {
                let p = path.to_string_lossy();
                let text = read_input("credentials", &p)?;
                input::credentials::parse(&text, o.profile.as_deref())
                    .map_err(|e| Unusable(format!("{e} (file {p})")))?
            }
            None => hint.unwrap_or_default(),
        };
        if let Some(v) = &o.access_key_id {
            creds.access_key_id = v.clone();
        }
        if let Some(v) = &o.secret_access_key {
            creds.secret_access_key = Secret::new(v.clone());
        }
        if let Some(v) = &o.session_token {
            creds.session_token = Some(Secret::new(v.clone()));
        }
        if creds.access_key_id.is_empty() || creds.secret_access_key.is_empty() {
            // Like the SDKs, fall back to the environment.
            let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
            if let (Some(id), Some(secret)) =
                (env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"))
            {
                if creds.access_key_id.is_empty() && creds.secret_access_key.is_empty() {
                    creds.access_key_id = id;
                    creds.secret_access_key = Secret::new(secret);
                    creds.session_token = env("AWS_SESSION_TOKEN").map(Secret::new);
                }
            }
        }
        if creds.access_key_id.is_empty() {
            return Err(Unusable("No access key id was given: use --credentials FILE or --access-key-id (or set AWS_ACCESS_KEY_ID).".into()));
        }
        if creds.secret_access_key.is_empty() {
            return Err(Unusable("No secret access key was given: use --credentials FILE or --secret-access-key (or set AWS_SECRET_ACCESS_KEY).".into()));
        }
        Ok(creds)
    }

    fn build_inputs(
        o: &Opts,
        aws_said: Option<AwsError>,
    ) -> Result<(Inputs, OffsetDateTime), Unusable> {
        let text = read_input("request", &o.request)?;
        let parsed = input::parse_request(&text).map_err(|e| {
            let file = if o.request == "-" {
                "standard input".to_string()
            } else {
                format!("file {}", o.request)
            };
            Unusable(format!("{e} ({file})"))
        })?;
        let now = match &o.now {
            Some(t) => instant("--now", t)?,
            None => OffsetDateTime::now_utc(),
        };
        let time = match &o.time {
            Some(t) => SigningTime::At(instant("--time", t)?),
            None => SigningTime::Now,
        };
        let credentials = credentials(o, parsed.hints.credentials.clone())?;
        let inputs = Inputs {
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
        };
        Ok((inputs, now))
    }

    fn print_text(explanation: &Explanation, aws_said: Option<&AwsError>) {
        let ex = &explanation.signing;
        let block = |title: &str, body: &str| println!("== {title}\n{body}\n");
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
            (Some(c), _) if c.agrees => {
                block("Cross-check", "aws-sigv4 computed the same signature.")
            }
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
            block(
                "AWS said",
                &format!("{code}: {}", e.message.as_deref().unwrap_or("")),
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

    /// `sigv4-lab verify`: recompute with exactly the request's claims; exit 1 on a mismatch.
    fn run_verify(o: &Opts, aws_said: Option<AwsError>) -> Result<ExitCode, Unusable> {
        let text = read_input("request", &o.request)?;
        let parsed = input::parse_request(&text)
            .map_err(|e| Unusable(format!("{e} (file {})", o.request)))?;
        let req = parsed.request;
        let now = match &o.now {
            Some(t) => instant("--now", t)?,
            None => OffsetDateTime::now_utc(),
        };
        let claims = sigv4_lab::diagnose::verify::claims(&req).map_err(|e| Unusable(e.message))?;
        let creds = credentials(
            o,
            Some(Credentials {
                access_key_id: claims.access_key_id.clone(),
                ..Credentials::default()
            }),
        )
        .or_else(|_| {
            // The access key id comes from the request's Credential; only the secret is needed.
            let mut c = Credentials {
                access_key_id: claims.access_key_id.clone(),
                ..Credentials::default()
            };
            if let Some(s) = &o.secret_access_key {
                c.secret_access_key = Secret::new(s.clone());
            }
            if c.secret_access_key.is_empty() {
                Err(Unusable("No secret access key was given: use --credentials FILE or --secret-access-key.".into()))
            } else {
                Ok(c)
            }
        })?;
        let inputs = Inputs {
            request: req,
            credentials: creds,
            aws_said,
            ..Inputs::default()
        };
        let v = lab::verify(&inputs, now).map_err(|e| Unusable(e.message))?;
        if o.json {
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
                None => println!("None of the usual mistakes reproduces it: most likely another secret key signed it."),
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

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        let (opts, verify) = match &cli.command {
            Command::Sign(o) => (o, false),
            Command::Verify(o) => (o, true),
        };
        let aws_error = match opts
            .error
            .as_ref()
            .map(|p| decode_error_file(&p.to_string_lossy()))
        {
            None => None,
            Some(Ok(e)) => Some(e),
            Some(Err(Unusable(m))) => {
                eprintln!("{m}");
                return ExitCode::from(2);
            }
        };
        if verify {
            return match run_verify(opts, aws_error) {
                Ok(code) => code,
                Err(Unusable(m)) => {
                    eprintln!("{m}");
                    ExitCode::from(2)
                }
            };
        }
        let (inputs, now) = match build_inputs(opts, aws_error) {
            Ok(x) => x,
            Err(Unusable(m)) => {
                eprintln!("{m}");
                return ExitCode::from(2);
            }
        };
        let ex = match lab::explain(&inputs, now) {
            Ok(ex) => ex,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        if opts.json {
            println!(
                "{}",
                serde_json::to_string_pretty(&json::explanation(&ex, inputs.aws_said.as_ref()))
                    .unwrap_or_else(|_| "{}".into())
            );
        } else {
            print_text(&ex, inputs.aws_said.as_ref());
        }
        ExitCode::SUCCESS
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
