//! Teaching, over the façade: AWS's documented examples, the guided walkthrough, and "What if…".

pub mod examples;
pub mod walkthrough;
pub mod what_if;
