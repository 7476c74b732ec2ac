//! Business rules of the Đồng Nai IOC key-project monitor.
//!
//! Pure code: no HTTP, no database, no clock. Rules take `today` as an argument. The crate
//! compiles for `wasm32-unknown-unknown` so the SPA shares its types and validation.

pub mod alerts;
#[macro_use]
pub mod codes;
pub mod dates;
pub mod direction;
pub mod disbursement;
pub mod dto;
pub mod forecast;
pub mod money;
pub mod paging;
pub mod percent;
pub mod policy;
pub mod schedule;
pub mod staleness;
pub mod status;
pub mod text;
pub mod thresholds;
pub mod validation;
pub mod year_totals;

pub use codes::*;
pub use disbursement::{disbursement_rate, disbursement_status, MonthlySchedule};
pub use money::{Vnd, VndTotal};
pub use paging::Paging;
pub use percent::Percent;
pub use policy::{
    can_archive_project, can_create_project, can_edit_project, can_manage_integrator_tokens,
    can_manage_units_and_users, can_read_projects, can_view_audit, Actor, Ownership,
};
pub use schedule::{planned_percent_at, validate_baseline, BaselinePoint};
pub use staleness::is_stale;
pub use status::{gap_status, progress_status, GapThresholdsBp, ProgressFacts};
pub use thresholds::Thresholds;
pub use validation::{FieldError, ValidationErrors};
pub use year_totals::{add_to_year_total, YearTotalKind};
