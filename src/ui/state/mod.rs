//! The page's ground state and its reducer: what the user typed, and nothing derived.
//!
//! Plain Rust (no yew), so [`reduce`] is tested natively. [`State`] holds the [`Form`] (the
//! request and how to sign it, as typed: what a share link carries and an example fills), the
//! credentials and the pasted texts. The explanation is derived from [`State::inputs`] and the
//! clock ([`derive`]), recomputed, never stored here.
//!
//! - [`action`]: the verbs;
//! - [`reduce`](mod@reduce): applies one to a state;
//! - [`derive`]: what the page shows that is computed from a state (inputs, explanation,
//!   verification, share link, what-if).

pub mod action;
pub mod derive;
pub mod reduce;

use time::OffsetDateTime;

use crate::input::form::Form;
use crate::input::paste::Routed;
use crate::input::read_as::ReadAs;
use crate::input::{Diagnostic, ParseError, Secret};

pub use action::Action;
pub use derive::{Applied, Shown};
pub use reduce::reduce;

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

/// One editable header row as the request card lists it: `id` keeps yew's list keys stable
/// while rows come and go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderRow {
    pub id: u32,
    pub name: String,
    pub value: String,
}

/// The keys of the form's header rows: `form.headers[i]` has key `keys[i]`, so a row keeps its
/// key (and yew its elements) while rows before it come and go.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct RowKeys {
    keys: Vec<u32>,
    next: u32,
}

impl RowKeys {
    fn push(&mut self) {
        self.keys.push(self.next);
        self.next += 1;
    }

    /// New keys for `n` rows that replaced all the old ones.
    fn renew(&mut self, n: usize) {
        self.keys.clear();
        for _ in 0..n {
            self.push();
        }
    }

    /// As many keys as rows: new ones for rows added, none for rows gone.
    fn fit(&mut self, n: usize) {
        self.keys.truncate(n);
        while self.keys.len() < n {
            self.push();
        }
    }

    /// The row with this key.
    fn position(&self, id: u32) -> Option<usize> {
        self.keys.iter().position(|k| *k == id)
    }
}

/// What the pasted request says of itself: whether it is signed already, and the scope it
/// claims (a signed request's Credential, a presigned URL's X-Amz-Credential, curl's
/// `--aws-sigv4 aws:amz:REGION:SERVICE`). Shown as "the request says", used where the form's
/// own field is empty, and gone with the request: it is never written into the form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestSays {
    pub read_as: ReadAs,
    pub region: Option<String>,
    pub service: Option<String>,
}

impl RequestSays {
    /// Where the claimed scope comes from, as the page words it.
    pub fn source(&self) -> &'static str {
        match self.read_as {
            ReadAs::Signed => "its Authorization header",
            ReadAs::Presigned => "its X-Amz-Credential",
            ReadAs::Unsigned => "curl's --aws-sigv4",
        }
    }
}

/// Which of the example's signing fields the user has set since it loaded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    pub signing_time: bool,
    pub region: bool,
    pub service: bool,
    pub mode: bool,
    pub expires: bool,
}

/// A paste-anything box's paste, cut into parts and routed: what was read as what, and the
/// page as it was before (for Undo).
#[derive(Clone, Debug, PartialEq)]
pub struct Pasted {
    pub routed: Routed,
    /// Parts of a kind already taken by an earlier part, left where they were (1-based lines).
    pub skipped: Vec<(usize, usize)>,
    pub before: Box<State>,
}

/// Everything the user has typed or chosen. `Debug` leaves out anything that may hold a secret.
#[derive(Clone, Default, PartialEq)]
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
    /// The request and how to sign it, as typed.
    pub form: Form,
    /// The keys of `form.headers`.
    rows: RowKeys,
    /// A large body file being hashed in the worker (the current body stays until it is done).
    pub hashing: Option<Hashing>,
    /// Why the last body file could not be used, if it could not.
    pub body_error: Option<String>,

    /// What AWS answered, pasted.
    pub error_text: String,
    /// The pasted request is already signed: check its signature against the secret.
    pub verify_mode: bool,
    /// The example last loaded, if any: the page is in example mode (signed at the example's
    /// documented time) until the user pastes a request of their own.
    pub example: Option<&'static str>,
    /// The signing fields the user set while the example was loaded (they stay when it goes).
    pub example_touched: Touched,
    /// What the pasted request says of itself.
    pub request_says: RequestSays,
    /// The paste-anything box's text, and its last paste as routed.
    pub anything_text: String,
    pub pasted: Option<Pasted>,
    /// The page as it was when the walkthrough loaded its example, brought back on close.
    pub before_walkthrough: Option<Box<State>>,
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
            .field("form", &self.form)
            .field("example", &self.example)
            .finish_non_exhaustive()
    }
}

impl State {
    /// The header rows with their keys, in order.
    pub fn header_rows(&self) -> Vec<HeaderRow> {
        self.form
            .headers
            .iter()
            .zip(&self.rows.keys)
            .map(|(h, id)| HeaderRow {
                id: *id,
                name: h.name.clone(),
                value: h.value.clone(),
            })
            .collect()
    }
}

#[cfg(test)]
fn typed(actions: Vec<Action>) -> State {
    actions.into_iter().fold(State::default(), reduce)
}

#[cfg(test)]
fn test_now() -> OffsetDateTime {
    crate::timefmt::parse_instant("2015-08-30T12:36:00Z").unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
