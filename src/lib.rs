//! sigv4-lab: AWS Signature Version 4, one visible step at a time.
//!
//! Layers, each using only those below it (`tests/layers.rs` keeps it so):
//!
//! - leaves: [`text`] (quoting pasted text in messages), [`timefmt`] (SigV4's time formats),
//!   [`http`] (header and parameter names, the one URL and query reader), [`generated`]
//!   (tables from the reference data);
//! - [`input`]: pasted text to [`input::Inputs`], the ground state;
//! - [`sigv4`]: signing only, every step ([`sigv4::sign`]);
//! - [`diagnose`]: findings over the inputs and their signing, AWS's answer, verify;
//! - [`lab`]: the façade that puts them together ([`lab::explain`], [`lab::verify`]);
//! - [`learn`] and [`report`]: teaching and sharing, pure, over the façade;
//! - [`ui`] (the yew page; its components only on wasm32) and the CLI (`src/bin/sigv4-lab.rs`),
//!   two views of the same explanation.
//!
//! The core is pure: no UI, no clock, no randomness; the clock enters as an argument.

pub mod diagnose;
pub mod generated;
pub mod http;
pub mod input;
pub mod lab;
pub mod learn;
pub mod report;
pub mod sigv4;
pub mod text;
pub mod timefmt;

pub mod ui;
