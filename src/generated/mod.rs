//! Tables generated from the reference data in `data/` by `tests/generated.rs` (`make generate`
//! rewrites them; the test fails when one is stale). Never edit them by hand.

#[rustfmt::skip]
pub mod catalogue;
#[rustfmt::skip]
pub mod endpoints;
