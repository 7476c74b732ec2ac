//! The IOC dashboard's four groups (seed 000, appendix §II): overview, progress,
//! disbursement, difficulties.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dto::{ProjectView, UnitRef};
use crate::{DifficultyCategory, Percent, Phase, ProgressStatus, VndTotal};

/// Projects per progress status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCounts {
    pub ahead: u64,
    pub on_track: u64,
    pub at_risk: u64,
    pub delayed: u64,
    pub completed: u64,
}

impl StatusCounts {
    pub fn add(&mut self, status: ProgressStatus, n: u64) {
        match status {
            ProgressStatus::Ahead => self.ahead += n,
            ProgressStatus::OnTrack => self.on_track += n,
            ProgressStatus::AtRisk => self.at_risk += n,
            ProgressStatus::Delayed => self.delayed += n,
            ProgressStatus::Completed => self.completed += n,
        }
    }

    pub fn total(&self) -> u64 {
        self.ahead + self.on_track + self.at_risk + self.delayed + self.completed
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhaseCount {
    pub phase: Phase,
    pub projects: u64,
}

/// One week of the progress-over-time chart, from the reports submitted that week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekPoint {
    /// Monday of the week.
    pub week_start: NaiveDate,
    pub reports: u64,
    pub statuses: StatusCounts,
    pub avg_actual_percent: Percent,
    pub avg_planned_percent: Percent,
}

/// Group 1 — Tổng quan.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Overview {
    pub as_of: NaiveDate,
    pub year: i32,
    pub projects: u64,
    pub total_investment: VndTotal,
    /// Capital allocated for `year` (kế hoạch vốn bố trí).
    pub capital_allocated: VndTotal,
    /// Sum of the latest cumulative output value of each project (sản lượng).
    pub output_value: VndTotal,
    /// Disbursed in `year` up to `as_of`.
    pub disbursed: VndTotal,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub disbursement_rate_percent: Option<Decimal>,
    pub by_status: StatusCounts,
    pub by_phase: Vec<PhaseCount>,
    pub progress_over_time: Vec<WeekPoint>,
}

/// A late project, worst first.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DelayedProject {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub investor: String,
    pub actual_percent: Percent,
    pub planned_percent: Percent,
    /// planned − actual, percentage points.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub gap_pp: Decimal,
    pub planned_end: NaiveDate,
    pub forecast_finish: Option<NaiveDate>,
}

/// Group 2 — Theo dõi tiến độ.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressBoard {
    pub as_of: NaiveDate,
    pub rows: crate::dto::Page<ProjectView>,
    pub delayed: Vec<DelayedProject>,
    pub delayed_total: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectDisbursement {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub plan: VndTotal,
    pub disbursed: VndTotal,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub rate_percent: Option<Decimal>,
}

/// Cumulative disbursement at the end of a month against the planned schedule.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthPoint {
    pub month: u32,
    pub planned_cumulative: VndTotal,
    /// Null for months after `as_of`.
    pub actual_cumulative: Option<VndTotal>,
}

/// Group 3 — Theo dõi giải ngân.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisbursementBoard {
    pub as_of: NaiveDate,
    pub year: i32,
    pub plan: VndTotal,
    pub disbursed: VndTotal,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub rate_percent: Option<Decimal>,
    /// Planned share of the year's plan disbursed by `as_of` (schedule-weighted).
    pub planned_rate_percent: Percent,
    pub by_month: Vec<MonthPoint>,
    pub lowest: Vec<ProjectDisbursement>,
    pub highest: Vec<ProjectDisbursement>,
    pub projects: crate::dto::Page<ProjectDisbursement>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryCount {
    pub category: DifficultyCategory,
    pub label_vi: String,
    pub open: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectionItem {
    pub difficulty_id: i32,
    pub project_id: i32,
    pub project_code: String,
    pub project_name: String,
    pub category: DifficultyCategory,
    pub title: String,
    pub proposed_solution: String,
    pub responsible_unit: Option<UnitRef>,
    pub raised_on: NaiveDate,
    pub age_days: i64,
}

/// Group 4 — Theo dõi khó khăn, vướng mắc.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DifficultyBoard {
    pub as_of: NaiveDate,
    pub open_by_category: Vec<CategoryCount>,
    pub open_total: u64,
    /// Open difficulties flagged for a leader's direction, oldest first.
    pub needing_direction: Vec<DirectionItem>,
    pub needing_direction_total: u64,
}
