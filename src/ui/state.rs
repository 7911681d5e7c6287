//! The page's ground state and its reducer: what the user typed, and nothing derived.
//!
//! Plain Rust (no yew), so `reduce` is tested natively. The explanation is
//! derived from [`State::inputs`] and the clock, recomputed, never stored here.

use time::OffsetDateTime;

use crate::http::{header, param, query};
use crate::input::aws_error::{self, AwsError};
use crate::input::{
    self, credentials, Credentials, Diagnostic, ExternalBody, Field, Header, Inputs, Mode,
    ParseError, Request, Secret, Settings, SigningTime, TokenPlacement,
};
use crate::lab::{self, Explanation, Verification};
use crate::learn::examples;
use crate::text::quoted;
use crate::timefmt;

/// One editable header row; `id` keeps yew's list keys stable while rows come and go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderRow {
    pub id: u32,
    pub name: String,
    pub value: String,
}

/// The request body: typed text, a file chosen from disk, or a file too large to hold
/// here, known by the SHA-256 the page's worker computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    Text(String),
    File { name: String, bytes: Vec<u8> },
    Hashed(ExternalBody),
}

/// Files above this size are hashed in a Web Worker, in chunks, instead of read here.
pub const WORKER_HASH_THRESHOLD: u64 = 1 << 20;

/// A file being hashed in the background.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hashing {
    pub name: String,
    pub size: u64,
    /// Bytes hashed so far.
    pub done: u64,
}

impl Default for Body {
    fn default() -> Self {
        Body::Text(String::new())
    }
}

impl Body {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Body::Text(t) => t.as_bytes(),
            Body::File { bytes, .. } => bytes,
            Body::Hashed(_) => &[],
        }
    }
}

/// Header authorization or a presigned URL.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ModeChoice {
    #[default]
    Header,
    Presign,
}

impl ModeChoice {
    /// The `mode` select's value (`header` | `presign`).
    pub fn as_str(self) -> &'static str {
        match self {
            ModeChoice::Header => "header",
            ModeChoice::Presign => "presign",
        }
    }
}

/// The signing switches a person can flip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    SignBody,
    UnsignedPayload,
    NormalizePath,
    SingleEncode,
    TokenAfterSigning,
}

/// Everything the user has typed or chosen. `Debug` leaves out anything that may hold a secret.
#[derive(Clone, PartialEq)]
pub struct State {
    pub credentials_text: String,
    pub credentials_error: Option<ParseError>,
    /// Profile names found in a pasted credentials file, and the chosen one.
    pub profiles: Vec<String>,
    pub profile: Option<String>,
    pub access_key_id: String,
    pub secret_access_key: Secret,
    pub session_token: Secret,
    pub expiration: Option<OffsetDateTime>,
    pub credentials_region: Option<String>,
    pub show_secrets: bool,

    pub request_text: String,
    pub request_error: Option<ParseError>,
    pub request_warnings: Vec<Diagnostic>,
    pub method: String,
    pub url: String,
    pub headers: Vec<HeaderRow>,
    pub body: Body,
    /// A large body file being hashed in the worker (the current body stays until it is done).
    pub hashing: Option<Hashing>,
    /// Why the last body file could not be used, if it could not.
    pub body_error: Option<String>,
    next_row_id: u32,

    /// Empty means "infer from the host".
    pub region: String,
    pub service: String,
    /// Empty means now; else ISO 8601 UTC.
    pub signing_time: String,
    pub mode: ModeChoice,
    pub expires: String,
    pub sign_body: bool,
    pub unsigned_payload: bool,
    pub normalize_path: bool,
    pub single_encode: bool,
    pub token_after_signing: bool,

    /// What AWS answered, pasted.
    pub error_text: String,
    /// The pasted request is already signed: check its signature against the secret.
    pub verify_mode: bool,
    /// The example last loaded, if any.
    pub example: Option<&'static str>,
}

impl Default for State {
    fn default() -> Self {
        State {
            credentials_text: String::new(),
            credentials_error: None,
            profiles: Vec::new(),
            profile: None,
            access_key_id: String::new(),
            secret_access_key: Secret::default(),
            session_token: Secret::default(),
            expiration: None,
            credentials_region: None,
            show_secrets: false,
            request_text: String::new(),
            request_error: None,
            request_warnings: Vec::new(),
            method: "GET".into(),
            url: String::new(),
            headers: Vec::new(),
            body: Body::default(),
            hashing: None,
            body_error: None,
            next_row_id: 0,
            region: String::new(),
            service: String::new(),
            signing_time: String::new(),
            mode: ModeChoice::Header,
            expires: "3600".into(),
            sign_body: false,
            unsigned_payload: false,
            normalize_path: true,
            single_encode: false,
            token_after_signing: false,
            error_text: String::new(),
            verify_mode: false,
            example: None,
        }
    }
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Pasted texts can hold keys (profile blocks, `curl -u`, Authorization headers).
        f.debug_struct("State")
            .field(
                "credentials_text",
                &format_args!("{} bytes", self.credentials_text.len()),
            )
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &self.secret_access_key)
            .field("session_token", &self.session_token)
            .field(
                "request_text",
                &format_args!("{} bytes", self.request_text.len()),
            )
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers.len())
            .field("region", &self.region)
            .field("service", &self.service)
            .field("signing_time", &self.signing_time)
            .field("mode", &self.mode)
            .field("example", &self.example)
            .finish_non_exhaustive()
    }
}

/// What a person does on the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    PasteCredentials(String),
    SelectProfile(String),
    SetAccessKeyId(String),
    SetSecretAccessKey(String),
    SetSessionToken(String),
    ToggleShowSecrets,
    ClearCredentials,
    PasteRequest(String),
    SetMethod(String),
    SetUrl(String),
    SetHeaderName(u32, String),
    SetHeaderValue(u32, String),
    AddHeader,
    RemoveHeader(u32),
    SetBodyText(String),
    SetBodyFile {
        name: String,
        bytes: Vec<u8>,
    },
    /// A large file started hashing in the worker.
    HashStarted {
        name: String,
        size: u64,
    },
    /// The worker has hashed this many bytes of it.
    HashProgress(u64),
    /// The worker finished: the file becomes the body.
    HashDone(ExternalBody),
    /// Hashing stopped: cancelled (`None`) or failed (the sentence why).
    HashStopped(Option<String>),
    SetRegion(String),
    SetService(String),
    SetSigningTime(String),
    /// Copies the request's own X-Amz-Date into the signing time.
    UseRequestDate,
    SetMode(ModeChoice),
    SetExpires(String),
    SetFlag(Flag, bool),
    SetErrorText(String),
    SetVerifyMode(bool),
    LoadExample(String),
    /// Opens a share link: the request and its signing choices, with no credentials.
    RestoreShared(Box<crate::report::share::Shared>),
}

/// Why the current state cannot be explained: the field concerned and one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: Field,
    pub message: String,
}

impl From<crate::sigv4::SignError> for Problem {
    fn from(e: crate::sigv4::SignError) -> Self {
        Problem {
            field: e.field,
            message: e.message,
        }
    }
}

impl State {
    fn push_header(&mut self, name: String, value: String) {
        self.headers.push(HeaderRow {
            id: self.next_row_id,
            name,
            value,
        });
        self.next_row_id += 1;
    }

    fn apply_credentials(&mut self, c: Credentials) {
        self.access_key_id = c.access_key_id;
        self.secret_access_key = c.secret_access_key;
        self.session_token = c.session_token.unwrap_or_default();
        self.expiration = c.expiration;
        self.credentials_region = c.region;
    }

    fn parse_credentials(&mut self) {
        if self.credentials_text.trim().is_empty() {
            self.credentials_error = None;
            self.profiles.clear();
            return;
        }
        self.profiles = credentials::profiles(&self.credentials_text);
        if self
            .profile
            .as_ref()
            .is_some_and(|p| !self.profiles.contains(p))
        {
            self.profile = None;
        }
        match credentials::parse(&self.credentials_text, self.profile.as_deref()) {
            Ok(c) => {
                self.credentials_error = None;
                self.apply_credentials(c);
            }
            // The fields keep their values; the paste box keeps its text.
            Err(e) => self.credentials_error = Some(e),
        }
    }

    fn paste_request(&mut self, text: String) {
        self.request_text = text;
        if self.request_text.trim().is_empty() {
            self.request_error = None;
            self.request_warnings.clear();
            return;
        }
        match input::parse_request(&self.request_text) {
            Ok(parsed) => {
                self.request_error = None;
                self.request_warnings = parsed.warnings;
                let r = parsed.request;
                self.method = r.method;
                self.url = r.url;
                self.headers.clear();
                for h in r.headers {
                    self.push_header(h.name, h.value);
                }
                self.body = match String::from_utf8(r.body) {
                    Ok(t) => Body::Text(t),
                    Err(e) => Body::File {
                        name: "pasted body".into(),
                        bytes: e.into_bytes(),
                    },
                };
                if let Some(r) = parsed.hints.region {
                    self.region = r;
                }
                if let Some(s) = parsed.hints.service {
                    self.service = s;
                }
                if let Some(c) = parsed.hints.credentials {
                    if self.access_key_id.is_empty() && self.secret_access_key.is_empty() {
                        self.apply_credentials(c);
                    }
                }
            }
            Err(e) => self.request_error = Some(e),
        }
    }

    /// The request's own X-Amz-Date (header or query), as ISO 8601, if it has one.
    pub fn request_amz_date(&self) -> Option<String> {
        let from_header = self
            .headers
            .iter()
            .find(|h| h.name.trim().eq_ignore_ascii_case(header::X_AMZ_DATE))
            .map(|h| h.value.clone());
        let from_query =
            || query::find_raw(query::of_url(&self.url)?, param::X_AMZ_DATE).map(str::to_string);
        let text = from_header.or_else(from_query)?;
        timefmt::parse_amz_date(&text).map(timefmt::iso)
    }

    /// The engine's inputs, or the field that stops them.
    pub fn inputs(&self) -> Result<Inputs, Problem> {
        // A request being verified was signed at its own X-Amz-Date: judge it at that time.
        let time = match self.signing_time.trim() {
            _ if self.verify_mode => SigningTime::FromRequest,
            "" => SigningTime::Now,
            t => SigningTime::At(timefmt::parse_instant(t).ok_or_else(|| Problem {
                field: Field::SigningTime,
                message: format!(
                    "The signing time {} is not a UTC time such as 2015-08-30T12:36:00Z; clear it to sign at the current time.",
                    quoted(t)
                ),
            })?),
        };
        let mode = match self.mode {
            ModeChoice::Header => Mode::Header,
            ModeChoice::Presign => match self.expires.trim().parse::<u64>() {
                Ok(n) if n >= 1 => Mode::Presign { expires: n },
                _ => {
                    return Err(Problem {
                        field: Field::Expires,
                        message: format!(
                            "The expiry {} is not a whole number of seconds (at least 1; AWS accepts up to 604800, 7 days).",
                            quoted(self.expires.trim())
                        ),
                    })
                }
            },
        };
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(Inputs {
            request: Request {
                method: self.method.clone(),
                url: self.url.clone(),
                headers: self
                    .headers
                    .iter()
                    .filter(|h| !(h.name.trim().is_empty() && h.value.trim().is_empty()))
                    .map(|h| Header::new(h.name.clone(), h.value.clone()))
                    .collect(),
                body: self.body.bytes().to_vec(),
            },
            external_body: match &self.body {
                Body::Hashed(x) => Some(x.clone()),
                _ => None,
            },
            credentials: Credentials {
                access_key_id: self.access_key_id.clone(),
                secret_access_key: self.secret_access_key.clone(),
                session_token: Some(self.session_token.clone()).filter(|t| !t.is_empty()),
                expiration: self.expiration,
                region: self.credentials_region.clone(),
            },
            region: opt(&self.region),
            service: opt(&self.service),
            time,
            aws_said: self.decoded_error().and_then(Result::ok),
            settings: Settings {
                mode,
                sign_body: self.sign_body,
                unsigned_payload: self.unsigned_payload,
                normalize_path: self.normalize_path,
                single_encode: self.single_encode,
                token: if self.token_after_signing {
                    TokenPlacement::AfterSigning
                } else {
                    TokenPlacement::Signed
                },
            },
        })
    }

    /// What a share link carries: the request and its signing choices, never credentials
    /// ([`crate::report::share::to_fragment`] also leaves out tokens the request itself holds).
    pub fn shared(&self) -> crate::report::share::Shared {
        use crate::report::share::{Shared, SharedMode};
        Shared {
            method: self.method.clone(),
            url: self.url.clone(),
            headers: self
                .headers
                .iter()
                .filter(|h| !(h.name.trim().is_empty() && h.value.trim().is_empty()))
                .map(|h| (h.name.clone(), h.value.clone()))
                .collect(),
            body: match &self.body {
                Body::Text(t) => t.clone(),
                _ => String::new(),
            },
            body_omitted: !matches!(self.body, Body::Text(_)),
            region: self.region.clone(),
            service: self.service.clone(),
            signing_time: self.signing_time.clone(),
            mode: match self.mode {
                ModeChoice::Header => SharedMode::Header,
                ModeChoice::Presign => SharedMode::Presign,
            },
            expires: self.expires.clone(),
            sign_body: self.sign_body,
            unsigned_payload: self.unsigned_payload,
            normalize_path: self.normalize_path,
            single_encode: self.single_encode,
            token_after_signing: self.token_after_signing,
        }
    }

    /// The explanation of the current inputs at `now`, or why there is none.
    pub fn explain(&self, now: OffsetDateTime) -> Result<Explanation, Problem> {
        if self.url.trim().is_empty() {
            return Err(Problem {
                field: Field::Url,
                message:
                    "Paste a request (curl, raw HTTP or a URL) or type a URL to see it signed."
                        .into(),
            });
        }
        Ok(lab::explain(&self.inputs()?, now)?)
    }

    /// In verify mode: the pasted request's signature checked against the secret.
    pub fn verify(&self, now: OffsetDateTime) -> Option<Result<Verification, Problem>> {
        if !self.verify_mode {
            return None;
        }
        let inputs = match self.inputs() {
            Ok(i) => i,
            Err(p) => return Some(Err(p)),
        };
        Some(lab::verify(&inputs, now).map_err(|e| Problem {
            // The request as a whole, except when it is the secret that is missing.
            field: match e.field {
                Field::SecretAccessKey => Field::SecretAccessKey,
                _ => Field::Request,
            },
            message: e.message,
        }))
    }

    /// The "AWS said" box decoded: `None` when empty, else the error or why it cannot be read.
    pub fn decoded_error(&self) -> Option<Result<AwsError, ParseError>> {
        (!self.error_text.trim().is_empty()).then(|| aws_error::decode(&self.error_text))
    }
}

/// Applies one action. Plain and total: every action on every state gives a state.
pub fn reduce(mut s: State, action: Action) -> State {
    match action {
        Action::PasteCredentials(text) => {
            s.credentials_text = text;
            s.parse_credentials();
        }
        Action::SelectProfile(p) => {
            s.profile = Some(p);
            s.parse_credentials();
        }
        Action::SetAccessKeyId(v) => s.access_key_id = v,
        Action::SetSecretAccessKey(v) => s.secret_access_key = Secret::new(v),
        Action::SetSessionToken(v) => s.session_token = Secret::new(v),
        Action::ToggleShowSecrets => s.show_secrets = !s.show_secrets,
        Action::ClearCredentials => {
            s.credentials_text.clear();
            s.credentials_error = None;
            s.profiles.clear();
            s.profile = None;
            s.apply_credentials(Credentials::default());
            s.show_secrets = false;
        }
        Action::PasteRequest(text) => s.paste_request(text),
        Action::SetMethod(v) => s.method = v,
        Action::SetUrl(v) => s.url = v,
        Action::SetHeaderName(id, v) => {
            if let Some(h) = s.headers.iter_mut().find(|h| h.id == id) {
                h.name = v;
            }
        }
        Action::SetHeaderValue(id, v) => {
            if let Some(h) = s.headers.iter_mut().find(|h| h.id == id) {
                h.value = v;
            }
        }
        Action::AddHeader => s.push_header(String::new(), String::new()),
        Action::RemoveHeader(id) => s.headers.retain(|h| h.id != id),
        Action::SetBodyText(t) => {
            s.body = Body::Text(t);
            s.hashing = None;
            s.body_error = None;
        }
        Action::SetBodyFile { name, bytes } => {
            s.body = Body::File { name, bytes };
            s.hashing = None;
            s.body_error = None;
        }
        Action::HashStarted { name, size } => {
            s.hashing = Some(Hashing {
                name,
                size,
                done: 0,
            });
            s.body_error = None;
        }
        Action::HashProgress(done) => {
            if let Some(h) = &mut s.hashing {
                h.done = done.min(h.size);
            }
        }
        Action::HashDone(body) => {
            // Only the file still being hashed may land (a cancelled job's late answer may not).
            if s.hashing
                .as_ref()
                .is_some_and(|h| h.name == body.name && h.size == body.size)
            {
                s.body = Body::Hashed(body);
                s.hashing = None;
            }
        }
        Action::HashStopped(why) => {
            s.hashing = None;
            s.body_error = why;
        }
        Action::SetRegion(v) => s.region = v,
        Action::SetService(v) => s.service = v,
        Action::SetSigningTime(v) => s.signing_time = v,
        Action::UseRequestDate => {
            if let Some(t) = s.request_amz_date() {
                s.signing_time = t;
            }
        }
        Action::SetMode(m) => s.mode = m,
        Action::SetExpires(v) => s.expires = v,
        Action::SetFlag(flag, on) => match flag {
            Flag::SignBody => s.sign_body = on,
            Flag::UnsignedPayload => s.unsigned_payload = on,
            Flag::NormalizePath => s.normalize_path = on,
            Flag::SingleEncode => s.single_encode = on,
            Flag::TokenAfterSigning => s.token_after_signing = on,
        },
        Action::SetErrorText(t) => s.error_text = t,
        Action::SetVerifyMode(on) => s.verify_mode = on,
        Action::RestoreShared(shared) => {
            let sh = *shared;
            let mut fresh = State {
                method: sh.method,
                url: sh.url,
                body: Body::Text(sh.body),
                region: sh.region,
                service: sh.service,
                signing_time: sh.signing_time,
                mode: match sh.mode {
                    crate::report::share::SharedMode::Header => ModeChoice::Header,
                    crate::report::share::SharedMode::Presign => ModeChoice::Presign,
                },
                expires: sh.expires,
                sign_body: sh.sign_body,
                unsigned_payload: sh.unsigned_payload,
                normalize_path: sh.normalize_path,
                single_encode: sh.single_encode,
                token_after_signing: sh.token_after_signing,
                body_error: sh.body_omitted.then(|| {
                    "The share link did not carry the body (it was a file, or too long for a link): add it again.".to_string()
                }),
                ..State::default()
            };
            for (name, value) in sh.headers {
                fresh.push_header(name, value);
            }
            s = fresh;
        }
        Action::LoadExample(id) => {
            if let Some(p) = examples::find(&id) {
                let mut fresh = State {
                    example: Some(p.id),
                    ..State::default()
                };
                fresh = reduce(fresh, Action::PasteCredentials(p.credentials.to_string()));
                fresh = reduce(fresh, Action::PasteRequest(p.request.to_string()));
                fresh.region = p.region.to_string();
                fresh.service = p.service.to_string();
                fresh.signing_time = p.time.to_string();
                fresh.mode = if p.presign {
                    ModeChoice::Presign
                } else {
                    ModeChoice::Header
                };
                fresh.expires = p.expires.to_string();
                fresh.error_text = s.error_text;
                s = fresh;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> OffsetDateTime {
        timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap()
    }

    fn typed(actions: Vec<Action>) -> State {
        actions.into_iter().fold(State::default(), reduce)
    }

    #[test]
    fn pasting_fills_the_form_and_signs() {
        let s = typed(vec![
            Action::PasteRequest(
                "curl 'https://sqs.eu-west-1.amazonaws.com/' -H 'Content-Type: application/x-www-form-urlencoded' --data-raw 'Action=ListQueues'".into(),
            ),
            Action::PasteCredentials("export AWS_ACCESS_KEY_ID=AKIDEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=secret".into()),
            Action::SetSigningTime("2015-08-30T12:36:00Z".into()),
        ]);
        assert_eq!(s.method, "POST");
        assert_eq!(s.url, "https://sqs.eu-west-1.amazonaws.com/");
        assert_eq!(s.headers[0].name, "Content-Type");
        assert_eq!(s.body, Body::Text("Action=ListQueues".into()));
        assert_eq!(s.access_key_id, "AKIDEXAMPLE");
        let ex = s.explain(now()).unwrap();
        assert_eq!(ex.signing.region.value, "eu-west-1");
        assert!(ex.signing.cross_check.unwrap().agrees);
    }

    #[test]
    fn a_bad_paste_keeps_the_text_and_the_form() {
        let good = typed(vec![Action::PasteRequest(
            "https://iam.amazonaws.com/?Action=ListUsers".into(),
        )]);
        let bad = reduce(
            good.clone(),
            Action::PasteRequest("curl 'https://example.amazonaws.com/".into()),
        );
        assert_eq!(bad.request_text, "curl 'https://example.amazonaws.com/");
        assert!(bad
            .request_error
            .as_ref()
            .unwrap()
            .message
            .contains("quote"));
        assert_eq!(bad.url, good.url, "the form keeps the last good request");
        let fixed = reduce(
            bad,
            Action::PasteRequest("curl 'https://example.amazonaws.com/'".into()),
        );
        assert!(fixed.request_error.is_none());
        assert_eq!(fixed.url, "https://example.amazonaws.com/");
    }

    #[test]
    fn header_rows_add_edit_remove() {
        let s = typed(vec![Action::AddHeader, Action::AddHeader]);
        let (a, b) = (s.headers[0].id, s.headers[1].id);
        let s = reduce(s, Action::SetHeaderName(b, "X-Two".into()));
        let s = reduce(s, Action::RemoveHeader(a));
        assert_eq!(s.headers.len(), 1);
        assert_eq!(s.headers[0].name, "X-Two");
        let s = reduce(s, Action::AddHeader);
        assert_ne!(s.headers[1].id, s.headers[0].id, "ids stay unique");
    }

    #[test]
    fn clear_wipes_every_credential() {
        let s = typed(vec![
            Action::PasteCredentials("[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s\naws_session_token = t".into()),
            Action::ToggleShowSecrets,
            Action::ClearCredentials,
        ]);
        assert!(s.credentials_text.is_empty() && s.access_key_id.is_empty());
        assert!(s.secret_access_key.is_empty() && s.session_token.is_empty());
        assert!(!s.show_secrets);
    }

    #[test]
    fn field_problems_name_the_field() {
        let s = typed(vec![
            Action::PasteRequest("https://iam.amazonaws.com/".into()),
            Action::SetSigningTime("noon".into()),
        ]);
        assert_eq!(s.explain(now()).unwrap_err().field, Field::SigningTime);
        let s = typed(vec![
            Action::PasteRequest("https://iam.amazonaws.com/".into()),
            Action::SetMode(ModeChoice::Presign),
            Action::SetExpires("soon".into()),
        ]);
        assert_eq!(s.explain(now()).unwrap_err().field, Field::Expires);
        assert_eq!(
            State::default().explain(now()).unwrap_err().field,
            Field::Url
        );
    }

    #[test]
    fn huge_fields_get_short_messages() {
        const MB: usize = 1024 * 1024;
        let short = |p: Problem| {
            assert!(p.message.chars().count() <= 400, "{}", p.message.len());
            assert!(!p.message.contains("\\u{"), "{}", p.message);
            p.message
        };
        let s = typed(vec![
            Action::PasteRequest("https://iam.amazonaws.com/".into()),
            Action::SetSigningTime("2".repeat(MB)),
        ]);
        let m = short(s.explain(now()).unwrap_err());
        assert!(m.contains("(1,048,576 characters)"), "{m}");
        assert_eq!(s.signing_time.len(), MB, "the typed text is kept");
        let s = typed(vec![
            Action::PasteRequest("https://iam.amazonaws.com/".into()),
            Action::SetMode(ModeChoice::Presign),
            Action::SetExpires("9".repeat(MB)),
        ]);
        let m = short(s.explain(now()).unwrap_err());
        assert!(m.starts_with("The expiry \"999"), "{m}");
        assert_eq!(s.expires.len(), MB, "the typed text is kept");
    }

    #[test]
    fn request_date_becomes_the_signing_time() {
        let s = typed(vec![
            Action::PasteRequest(
                "GET / HTTP/1.1\nHost: example.amazonaws.com\nX-Amz-Date: 20150830T123600Z\n"
                    .into(),
            ),
            Action::UseRequestDate,
        ]);
        assert_eq!(s.signing_time, "2015-08-30T12:36:00Z");
    }

    #[test]
    fn aws_said_joins_the_findings() {
        let s = typed(vec![
            Action::LoadExample("api-gateway".into()),
            Action::SetErrorText("{\"message\":\"Missing Authentication Token\"}".into()),
        ]);
        let ex = s.explain(now()).unwrap();
        assert!(ex
            .findings
            .iter()
            .any(|f| f.id == "api-gateway-missing-token-route"));
        let bad = reduce(s, Action::SetErrorText("<Error><Code>".into()));
        assert!(bad.decoded_error().unwrap().is_err());
        assert!(
            bad.explain(now()).is_ok(),
            "a bad error paste does not stop the steps"
        );
    }

    #[test]
    fn verify_mode_checks_the_pasted_signature() {
        let signed = "GET /prod/a%3Db HTTP/1.1\nHost: abc.execute-api.us-east-1.amazonaws.com\nX-Amz-Date: 20150830T123600Z\n\
Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000\n";
        let s = typed(vec![
            Action::PasteRequest(signed.into()),
            Action::SetVerifyMode(true),
        ]);
        assert_eq!(
            s.verify(now()).unwrap().unwrap_err().field,
            Field::SecretAccessKey
        );
        let s = reduce(
            s,
            Action::SetSecretAccessKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into()),
        );
        let report = s.verify(now()).unwrap().unwrap().report;
        assert!(!report.matches);
        assert_eq!(report.claims.service, "execute-api");
        // Its steps and time checks use the request's own date, not the signing-time field.
        let s = reduce(s, Action::SetSigningTime("2024-01-01T00:00:00Z".into()));
        let ex = s.explain(now()).unwrap();
        assert_eq!(ex.signing.amz_date(), "20150830T123600Z");
        assert!(reduce(s, Action::SetVerifyMode(false))
            .verify(now())
            .is_none());
    }

    #[test]
    fn debug_redacts_secrets() {
        let s = typed(vec![
            Action::PasteCredentials(
                "export AWS_ACCESS_KEY_ID=AKIDEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=PASTEDSECRET"
                    .into(),
            ),
            Action::SetSecretAccessKey("TOPSECRETVALUE".into()),
            Action::SetSessionToken("TOKENVALUE".into()),
        ]);
        let shown = format!("{s:?}");
        assert!(
            !shown.contains("TOPSECRETVALUE") && !shown.contains("TOKENVALUE"),
            "{shown}"
        );
        assert!(!shown.contains("PASTEDSECRET"), "{shown}");
    }

    #[test]
    fn a_large_file_hashed_in_the_worker_becomes_the_body_only_when_done() {
        use crate::sigv4::key::sha256_hex;
        let body = vec![7u8; 2_000_000];
        let file = ExternalBody {
            name: "big.bin".into(),
            size: body.len() as u64,
            sha256: sha256_hex(&body),
        };
        let base = typed(vec![
            Action::LoadExample("sts-get-caller-identity".into()),
            Action::SetBodyText("Action=GetCallerIdentity&Version=2011-06-15".into()),
        ]);
        let before = base.explain(now()).unwrap().signing.signature;
        let s = reduce(
            base.clone(),
            Action::HashStarted {
                name: file.name.clone(),
                size: file.size,
            },
        );
        let s = reduce(s, Action::HashProgress(5_000_000));
        assert_eq!(
            s.hashing.as_ref().map(|h| h.done),
            Some(2_000_000),
            "progress is capped at the size"
        );
        // While hashing, the old body still signs.
        assert_eq!(s.explain(now()).unwrap().signing.signature, before);
        // A late answer for another file (a cancelled job) is ignored.
        let other = ExternalBody {
            name: "old.bin".into(),
            ..file.clone()
        };
        let s = reduce(s, Action::HashDone(other));
        assert!(s.hashing.is_some() && matches!(s.body, Body::Text(_)));
        let done = reduce(s.clone(), Action::HashDone(file.clone()));
        assert!(done.hashing.is_none());
        let mut inline = base.clone();
        inline.body = Body::File {
            name: "big.bin".into(),
            bytes: body,
        };
        assert_eq!(
            done.explain(now()).unwrap().signing.signature,
            inline.explain(now()).unwrap().signing.signature,
            "the hashed file signs as its bytes do"
        );
        // Cancel keeps the old body; a failure says why.
        let cancelled = reduce(s.clone(), Action::HashStopped(None));
        assert!(
            cancelled.hashing.is_none()
                && cancelled.body == base.body
                && cancelled.body_error.is_none()
        );
        let failed = reduce(
            s,
            Action::HashStopped(Some("The file big.bin could not be read.".into())),
        );
        assert_eq!(
            failed.body_error.as_deref(),
            Some("The file big.bin could not be read.")
        );
        // Typing a body afterwards replaces the file.
        let typed_over = reduce(done, Action::SetBodyText("x".into()));
        assert_eq!(typed_over.body, Body::Text("x".into()));
    }

    #[test]
    fn a_share_link_restores_the_request_without_credentials() {
        use crate::report::share::{from_fragment, to_fragment};
        for preset in examples::PRESETS {
            let s = typed(vec![
                Action::LoadExample(preset.id.into()),
                Action::SetRegion("eu-west-3".into()),
                Action::SetFlag(Flag::SignBody, true),
            ]);
            let link = to_fragment(&s.shared());
            assert!(!link.contains(s.secret_access_key.expose()), "{link}");
            let opened = reduce(
                State::default(),
                Action::RestoreShared(Box::new(from_fragment(&link).unwrap())),
            );
            assert!(opened.access_key_id.is_empty() && opened.secret_access_key.is_empty());
            assert!(opened.session_token.is_empty());
            let (a, b) = (s.inputs().unwrap(), opened.inputs().unwrap());
            assert_eq!(a.request.method, b.request.method, "{}", preset.id);
            assert_eq!(a.request.url, b.request.url, "{}", preset.id);
            assert_eq!(a.region, b.region);
            assert_eq!(a.time, b.time);
            assert_eq!(a.settings, b.settings, "{}", preset.id);
            // Every header but the session token comes back.
            let without_token = |r: &Request| -> Vec<(String, String)> {
                r.headers
                    .iter()
                    .filter(|h| !h.name.eq_ignore_ascii_case("x-amz-security-token"))
                    .map(|h| (h.name.clone(), h.value.clone()))
                    .collect()
            };
            assert_eq!(
                without_token(&a.request),
                without_token(&b.request),
                "{}",
                preset.id
            );
        }
    }
}
