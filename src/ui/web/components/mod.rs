//! The page's components: the input cards, the step cards, and the small widgets both use.

pub mod inputs;
pub mod learn;
pub mod pointable;
pub mod share;
pub mod steps;
pub mod verdict;
pub mod widgets;
