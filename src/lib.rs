//! sigv4-lab: AWS Signature Version 4, one visible step at a time.
//!
//! The core (`input`, `sigv4`, `diagnose`) is pure: no UI, no clock, no
//! randomness. The clock enters [`sigv4::explain`] as an argument. The yew UI
//! (`ui`; its components only on wasm32) and the CLI (`src/bin/sigv4-lab.rs`) are two views of
//! the same [`sigv4::Explanation`].

pub mod diagnose;
pub mod input;
pub mod report;
pub mod sigv4;

pub mod ui;

pub use input::{Credentials, Header, Request, Secret};
pub use sigv4::{explain, Explanation, Inputs, Mode, Settings, SigningTime, TokenPlacement};
