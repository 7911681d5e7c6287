//! The page in the browser (wasm32 only): [`App`], which owns the reducer and the clock, the
//! yew components it renders, and the browser APIs they use ([`platform`], [`hasher`]).

mod app;
mod components;
pub mod hasher;
pub mod platform;

pub use app::App;
