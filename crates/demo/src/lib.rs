//! Demo and benchmark data for the Đồng Nai IOC key-project monitor.
//!
//! [`demo_dataset`] is a realistic, Vietnamese-language portfolio of about forty key projects
//! of the (post-July-2025) Đồng Nai province, modelled on real works, with a year of weekly
//! reports, capital plans, disbursements and difficulties. All figures are samples, and every
//! project description says so. [`synthetic_dataset`] builds any number of generic projects
//! for load tests. Both are deterministic, and all dates are relative to `today` so the data
//! looks live whenever it is loaded.
//!
//! Everything is made of the domain's input DTOs, which pass their own `validate`. References
//! between records are by code: the loader creates localities and units first, then users and
//! projects, resolving `investor_code`, `managing_code`, `unit_code` and `responsible_code` to
//! ids.

use chrono::NaiveDate;
use ioc_domain::dto::{
    CapitalPlanInput, DifficultyInput, DisbursementInput, LocalityInput, ProgressReportInput, ProjectInput, UnitInput,
};
use ioc_domain::Role;
use serde::{Deserialize, Serialize};

mod demo;
mod history;
mod issues;
mod meetings;
mod phrases;
mod places;

pub use meetings::{demo_meetings, DemoMeeting, DemoMeetingDirective, DemoMeetingTask, DemoTaskStep};
mod projects;
mod synthetic;
mod units;

#[cfg(test)]
mod tests;

/// Password of every demo user (documented in the README). Change it after loading the demo
/// anywhere reachable by others.
pub const DEMO_PASSWORD: &str = "DongNai@2026";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoData {
    pub localities: Vec<LocalityInput>,
    pub units: Vec<UnitInput>,
    pub users: Vec<DemoUser>,
    pub projects: Vec<DemoProject>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Code of the user's unit, if any.
    pub unit_code: Option<String>,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoProject {
    /// `investor_unit_id` is 0 and `managing_unit_id` is `None`: the loader resolves the codes
    /// below.
    pub input: ProjectInput,
    pub investor_code: String,
    pub managing_code: Option<String>,
    /// Sorted by `as_of` ascending, at most one per date.
    pub reports: Vec<ProgressReportInput>,
    /// At most one per (year, source).
    pub capital_plans: Vec<CapitalPlanInput>,
    /// Sorted by `paid_on`.
    pub disbursements: Vec<DisbursementInput>,
    pub difficulties: Vec<DemoDifficulty>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoDifficulty {
    /// `responsible_unit_id` is `None`: the loader resolves `responsible_code`.
    pub input: DifficultyInput,
    pub responsible_code: Option<String>,
}

/// The realistic demo set, with dates relative to `today` (so it looks live whenever loaded).
pub fn demo_dataset(today: NaiveDate) -> DemoData {
    demo::dataset(today)
}

/// N synthetic projects with `weeks` weekly reports each, for benchmarks; deterministic for a
/// seed. Localities, units and users are those of the demo set; project codes are
/// `SYN-000001`, `SYN-000002`, …; the last report of each project is dated `today`.
pub fn synthetic_dataset(projects: usize, weeks: usize, seed: u64, today: NaiveDate) -> DemoData {
    DemoData {
        localities: places::localities(),
        units: units::units(),
        users: units::users(),
        projects: synthetic::projects(projects, weeks, seed, today),
    }
}
