//! The web page. `state` (ground inputs, their reducer and what is derived from them),
//! `highlight`, `excerpt` and `ids` are plain Rust, compiled and tested natively; [`web`] (the
//! yew components, the `App` that owns the reducer, and the browser APIs) exists only on
//! wasm32.

pub mod excerpt;
pub mod highlight;
pub mod ids;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod web;
