//! Request and response payloads of the REST API. They live here, not in the server, so the
//! SPA (compiled to wasm) uses the very same types and validation.

mod admin;
mod alerts;
mod common;
mod dashboard;
mod difficulty;
mod direction_board;
mod directive;
mod finance;
mod meeting;
mod meeting_record;
mod notify;
mod people;
mod project;
mod report;
mod task;
mod weekly;

pub use admin::*;
pub use alerts::*;
pub use common::*;
pub use dashboard::*;
pub use difficulty::*;
pub use direction_board::*;
pub use directive::*;
pub use finance::*;
pub use meeting::*;
pub use meeting_record::*;
pub use notify::*;
pub use people::*;
pub use project::*;
pub use report::*;
pub use task::*;
pub use weekly::*;
