//! Request and response payloads of the REST API. They live here, not in the server, so the
//! SPA (compiled to wasm) uses the very same types and validation.

mod admin;
mod alerts;
mod common;
mod dashboard;
mod difficulty;
mod finance;
mod notify;
mod project;
mod report;
mod weekly;

pub use admin::*;
pub use alerts::*;
pub use common::*;
pub use dashboard::*;
pub use difficulty::*;
pub use finance::*;
pub use notify::*;
pub use project::*;
pub use report::*;
pub use weekly::*;
