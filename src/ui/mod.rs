//! The web page. `state` (ground inputs and their reducer), `highlight` and `ids` are plain
//! Rust, compiled and tested natively; the yew components (`app`) and browser APIs
//! (`platform`) exist only on wasm32.

pub mod excerpt;
pub mod highlight;
pub mod ids;
pub mod state;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
pub mod platform;

#[cfg(target_arch = "wasm32")]
pub use app::App;
