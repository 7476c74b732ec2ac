//! Chỉ đạo, điều hành: leaders' directives (ý kiến chỉ đạo) and the tasks (nhiệm vụ) they give
//! units, with the rules of who may move a task on, and how its deadline stands.
//!
//! Seed 001 §III.3: every directive given in the review meeting becomes a task in the system,
//! the units are told, and the handling is followed up. Pure code: `today` is an argument.

mod codes;
mod deadline;
mod document_number;
mod transition;

pub use codes::*;
pub use deadline::*;
pub use document_number::*;
pub use transition::*;
