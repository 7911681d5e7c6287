//! What a person does on the page, one verb each; [`super::reduce`] applies them.

use crate::input::form::{Flag, ModeChoice};
use crate::input::ExternalBody;
use crate::report::share::Shared;

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
    /// The paste-anything box's text changed by typing (it is routed only when pasted).
    SetAnythingText(String),
    /// Text pasted into the paste-anything box: each part to its box.
    PasteAnything(String),
    /// Takes the last paste-anything paste back: every box as it was before it.
    UndoPaste,
    /// The walkthrough opens: the page keeps what it holds and shows the walkthrough's example.
    BeginWalkthrough,
    /// The walkthrough closes: the page as it was before it opened.
    EndWalkthrough,
    SetMethod(String),
    SetUrl(String),
    /// A header row, by its key ([`super::HeaderRow::id`]), gets this name.
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
    RestoreShared(Box<Shared>),
}
