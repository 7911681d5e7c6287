//! The request and how to sign it, as a person typed it: the page's form, a share link and an
//! example all hold this one value, and [`Form::inputs`] reads it into [`Inputs`].
//!
//! Everything is kept as typed (text, mistakes included) until [`Form::inputs`] reads it, so a
//! field that does not read yet keeps its text and the problem names the field. A form never
//! holds credentials: they are given to [`Form::inputs`] beside it.

use std::fmt;

use crate::http::{header, is_token_name, param, query};
use crate::input::{
    Credentials, ExternalBody, Field, Header, Inputs, Mode, Request, Settings, SigningTime,
    TokenPlacement,
};
use crate::text::quoted;
use crate::timefmt;

/// The expiry a presigned URL gets until a person types another, in seconds.
pub const DEFAULT_EXPIRES: &str = "3600";

/// The request body: typed text, a file's bytes, or a file too large to hold here, known by the
/// SHA-256 computed elsewhere (the page hashes large files in a Web Worker).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    Text(String),
    File { name: String, bytes: Vec<u8> },
    Hashed(ExternalBody),
}

impl Default for Body {
    fn default() -> Self {
        Body::Text(String::new())
    }
}

impl Body {
    /// The bytes held here (none for a hashed file, which is known only by its hash).
    pub fn bytes(&self) -> &[u8] {
        match self {
            Body::Text(t) => t.as_bytes(),
            Body::File { bytes, .. } => bytes,
            Body::Hashed(_) => &[],
        }
    }
}

/// Where the signature goes, as chosen; the expiry stays a separate field, as typed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ModeChoice {
    /// An `Authorization` header.
    #[default]
    Header,
    /// A presigned URL.
    Presign,
}

impl ModeChoice {
    /// `header` or `presign`: the page's `mode` select and a share link write it so.
    pub fn as_str(self) -> &'static str {
        match self {
            ModeChoice::Header => "header",
            ModeChoice::Presign => "presign",
        }
    }

    /// The choice [`ModeChoice::as_str`] wrote.
    pub fn parse(text: &str) -> Option<ModeChoice> {
        match text {
            "header" => Some(ModeChoice::Header),
            "presign" => Some(ModeChoice::Presign),
            _ => None,
        }
    }
}

/// A signing switch a person can flip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    SignBody,
    UnsignedPayload,
    NormalizePath,
    SingleEncode,
    TokenAfterSigning,
}

/// The signing switches, as flipped ([`Settings`] without the mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flags {
    pub sign_body: bool,
    pub unsigned_payload: bool,
    pub normalize_path: bool,
    pub single_encode: bool,
    pub token_after_signing: bool,
}

impl Default for Flags {
    /// As [`Settings::default`] sets them: only the path normalised.
    fn default() -> Self {
        let s = Settings::default();
        Flags {
            sign_body: s.sign_body,
            unsigned_payload: s.unsigned_payload,
            normalize_path: s.normalize_path,
            single_encode: s.single_encode,
            token_after_signing: s.token == TokenPlacement::AfterSigning,
        }
    }
}

impl Flags {
    pub fn get(&self, flag: Flag) -> bool {
        match flag {
            Flag::SignBody => self.sign_body,
            Flag::UnsignedPayload => self.unsigned_payload,
            Flag::NormalizePath => self.normalize_path,
            Flag::SingleEncode => self.single_encode,
            Flag::TokenAfterSigning => self.token_after_signing,
        }
    }

    pub fn set(&mut self, flag: Flag, on: bool) {
        *match flag {
            Flag::SignBody => &mut self.sign_body,
            Flag::UnsignedPayload => &mut self.unsigned_payload,
            Flag::NormalizePath => &mut self.normalize_path,
            Flag::SingleEncode => &mut self.single_encode,
            Flag::TokenAfterSigning => &mut self.token_after_signing,
        } = on;
    }
}

/// The request and signing fields as typed. `Debug` leaves out header values and the body,
/// which may hold a password or a token.
#[derive(Clone, PartialEq, Eq)]
pub struct Form {
    pub method: String,
    /// Absolute, as typed; its path is kept byte for byte.
    pub url: String,
    /// The header rows as typed, blank ones included ([`Form::inputs`] skips those).
    pub headers: Vec<Header>,
    pub body: Body,
    /// Empty means "infer from the host".
    pub region: String,
    /// Empty means "infer from the host".
    pub service: String,
    /// Empty means now; else a UTC time such as 2015-08-30T12:36:00Z.
    pub signing_time: String,
    pub mode: ModeChoice,
    /// Seconds, as typed (used when presigning).
    pub expires: String,
    pub flags: Flags,
}

impl Default for Form {
    /// An empty GET, signed in the Authorization header, now, with the default switches.
    fn default() -> Self {
        Form {
            method: "GET".into(),
            url: String::new(),
            headers: Vec::new(),
            body: Body::default(),
            region: String::new(),
            service: String::new(),
            signing_time: String::new(),
            mode: ModeChoice::default(),
            expires: DEFAULT_EXPIRES.into(),
            flags: Flags::default(),
        }
    }
}

impl fmt::Debug for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = query::rewrite(&self.url, |key, pair| {
            (!is_token_name(key)).then(|| pair.to_string())
        });
        let names: Vec<&str> = self.headers.iter().map(|h| h.name.as_str()).collect();
        let body_bytes = match &self.body {
            Body::Hashed(x) => x.size,
            b => b.bytes().len() as u64,
        };
        f.debug_struct("Form")
            .field("method", &self.method)
            .field("url", &url)
            .field("headers", &names)
            .field("body", &format_args!("{body_bytes} bytes"))
            .field("region", &self.region)
            .field("service", &self.service)
            .field("signing_time", &self.signing_time)
            .field("mode", &self.mode)
            .field("expires", &self.expires)
            .field("flags", &self.flags)
            .finish()
    }
}

/// Why a form cannot be read: the field concerned and one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: Field,
    pub message: String,
}

impl Form {
    /// Fills the request fields from a pasted request (the signing fields stay as they are).
    pub fn take_request(&mut self, request: Request) {
        self.method = request.method;
        self.url = request.url;
        self.headers = request.headers;
        self.body = match String::from_utf8(request.body) {
            Ok(t) => Body::Text(t),
            Err(e) => Body::File {
                name: "pasted body".into(),
                bytes: e.into_bytes(),
            },
        };
    }

    /// The header rows that hold something (a name or a value).
    pub fn typed_headers(&self) -> impl Iterator<Item = &Header> {
        self.headers
            .iter()
            .filter(|h| !(h.name.trim().is_empty() && h.value.trim().is_empty()))
    }

    /// The request's own X-Amz-Date (header or query), as ISO 8601, if it has one.
    pub fn request_date(&self) -> Option<String> {
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

    /// The signing time field read: empty is now.
    pub fn time(&self) -> Result<SigningTime, Problem> {
        Ok(match self.signing_time.trim() {
            "" => SigningTime::Now,
            t => SigningTime::At(timefmt::parse_instant(t).ok_or_else(|| Problem {
                field: Field::SigningTime,
                message: format!(
                    "The signing time {} is not a UTC time such as 2015-08-30T12:36:00Z; clear it to sign at the current time.",
                    quoted(t)
                ),
            })?),
        })
    }

    /// The engine's inputs: this form signed with `credentials` at its signing time, or the
    /// field that stops it.
    pub fn inputs(&self, credentials: Credentials) -> Result<Inputs, Problem> {
        self.inputs_at(self.time()?, credentials)
    }

    /// As [`Form::inputs`], signed at `time` whatever the signing time field says (a request
    /// that is already signed is judged at its own X-Amz-Date).
    pub fn inputs_at(
        &self,
        time: SigningTime,
        credentials: Credentials,
    ) -> Result<Inputs, Problem> {
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
        let flags = self.flags;
        Ok(Inputs {
            request: Request {
                method: self.method.clone(),
                url: self.url.clone(),
                headers: self.typed_headers().cloned().collect(),
                body: self.body.bytes().to_vec(),
            },
            external_body: match &self.body {
                Body::Hashed(x) => Some(x.clone()),
                _ => None,
            },
            credentials,
            region: opt(&self.region),
            service: opt(&self.service),
            time,
            aws_said: None,
            settings: Settings {
                mode,
                sign_body: flags.sign_body,
                unsigned_payload: flags.unsigned_payload,
                normalize_path: flags.normalize_path,
                single_encode: flags.single_encode,
                token: if flags.token_after_signing {
                    TokenPlacement::AfterSigning
                } else {
                    TokenPlacement::Signed
                },
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_form_reads_as_the_default_settings() {
        let form = Form {
            url: "https://iam.amazonaws.com/".into(),
            ..Form::default()
        };
        let inputs = form.inputs(Credentials::default()).unwrap();
        assert_eq!(inputs.settings, Settings::default());
        assert_eq!(inputs.time, SigningTime::Now);
        assert_eq!((inputs.region, inputs.service), (None, None));
    }

    #[test]
    fn blank_header_rows_are_skipped_and_a_binary_paste_is_a_file() {
        let mut form = Form::default();
        form.take_request(Request {
            method: "PUT".into(),
            url: "https://examplebucket.s3.amazonaws.com/a".into(),
            headers: vec![Header::new(" ", ""), Header::new("X-A", "1")],
            body: vec![0xff, 0],
        });
        assert!(matches!(form.body, Body::File { .. }));
        let inputs = form.inputs(Credentials::default()).unwrap();
        assert_eq!(inputs.request.headers, [Header::new("X-A", "1")]);
        assert_eq!(inputs.request.body, [0xff, 0]);
    }

    #[test]
    fn problems_name_the_field_and_keep_the_text() {
        let form = Form {
            signing_time: "noon".into(),
            mode: ModeChoice::Presign,
            expires: "soon".into(),
            ..Form::default()
        };
        let p = form.inputs(Credentials::default()).unwrap_err();
        assert_eq!(p.field, Field::SigningTime, "the time is read first");
        let p = form
            .inputs_at(SigningTime::FromRequest, Credentials::default())
            .unwrap_err();
        assert_eq!(p.field, Field::Expires);
        assert_eq!(form.signing_time, "noon");
    }

    #[test]
    fn debug_leaves_out_header_values_the_body_and_url_tokens() {
        let form = Form {
            url: "https://h/?X-Amz-Security-Token=TOKENVALUE&a=1".into(),
            headers: vec![Header::new("Authorization", "Basic PASSWORD")],
            body: Body::Text("SECRETBODY".into()),
            ..Form::default()
        };
        let shown = format!("{form:?}");
        for secret in ["TOKENVALUE", "PASSWORD", "SECRETBODY"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(
            shown.contains("Authorization") && shown.contains("a=1"),
            "{shown}"
        );
    }

    #[test]
    fn flags_are_named() {
        let mut flags = Flags::default();
        for flag in [
            Flag::SignBody,
            Flag::UnsignedPayload,
            Flag::NormalizePath,
            Flag::SingleEncode,
            Flag::TokenAfterSigning,
        ] {
            flags.set(flag, !flags.get(flag));
        }
        assert_eq!(
            flags,
            Flags {
                sign_body: true,
                unsigned_payload: true,
                normalize_path: false,
                single_encode: true,
                token_after_signing: true,
            }
        );
    }
}
