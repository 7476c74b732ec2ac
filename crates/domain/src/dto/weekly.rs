//! The weekly e-form: one atomic submission of a report, disbursements and difficulties.

use serde::{Deserialize, Serialize};

use crate::dto::{
    DifficultyInput, DifficultyView, DisbursementInput, DisbursementView, ProgressReportInput, ProgressReportView,
    ProjectView,
};

/// An update of an existing difficulty inside the weekly form; `version` is the one read
/// (a stale version fails the whole submission with 412).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DifficultyUpdate {
    pub id: i32,
    pub version: i32,
    #[serde(flatten)]
    pub difficulty: DifficultyInput,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeeklyUpdateInput {
    pub report: ProgressReportInput,
    #[serde(default)]
    pub disbursements: Vec<DisbursementInput>,
    #[serde(default)]
    pub new_difficulties: Vec<DifficultyInput>,
    #[serde(default)]
    pub difficulty_updates: Vec<DifficultyUpdate>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeeklyUpdateResult {
    pub report: ProgressReportView,
    pub disbursements: Vec<DisbursementView>,
    pub difficulties: Vec<DifficultyView>,
    pub project: ProjectView,
}
