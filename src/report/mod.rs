//! Sharing a repro, pure, over the façade: the CLI's JSON, a link that carries the request, a
//! Markdown report for a ticket, the signed request as curl or raw HTTP, and code that signs it again;
//! what each of them shows of a secret is decided once, in [`sensitive`].

pub mod export;
pub mod json;
pub mod markdown;
pub mod sensitive;
pub mod share;
pub mod snippets;
