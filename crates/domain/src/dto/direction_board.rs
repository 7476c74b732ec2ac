//! Group 5 of the dashboard — Chỉ đạo, điều hành: how the leaders' directives are carried out.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ProjectRef;
use super::UnitRef;
use crate::direction::TaskState;
use crate::Percent;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskStateCount {
    pub state: TaskState,
    pub label_vi: String,
    pub label_en: String,
    pub count: u64,
}

/// Tasks a unit leads, and how many of them are overdue.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitOverdue {
    pub unit: UnitRef,
    pub total: u64,
    pub overdue: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverdueTask {
    pub task_id: i32,
    pub directive_id: i32,
    pub description: String,
    pub lead_unit: UnitRef,
    pub deadline: NaiveDate,
    pub days_overdue: i64,
    pub state: TaskState,
    pub projects: Vec<ProjectRef>,
}

/// `GET /dashboard/direction`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectionBoard {
    pub as_of: NaiveDate,
    pub total: u64,
    /// Every state, zero counts included, in lifecycle order.
    pub by_state: Vec<TaskStateCount>,
    pub overdue_total: u64,
    pub due_soon_total: u64,
    /// Units leading at least one task, most overdue first.
    pub overdue_by_unit: Vec<UnitOverdue>,
    pub confirmed_total: u64,
    pub confirmed_on_time: u64,
    /// Share of confirmed tasks reported done by their deadline; `null` when none is confirmed.
    pub confirmed_on_time_share: Option<Percent>,
    /// The longest overdue tasks, oldest deadline first (`top` of them, default 5).
    pub oldest_overdue: Vec<OverdueTask>,
}
