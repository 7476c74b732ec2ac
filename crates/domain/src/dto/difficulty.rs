//! Khó khăn, vướng mắc: a difficulty, its proposed solution and its resolution.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::dto::project::{end_before_start, future_date};
use crate::dto::UnitRef;
use crate::validation::{optional_multiline, required_text};
use crate::{DifficultyCategory, DifficultyStatus, FieldError, ValidationErrors};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DifficultyInput {
    pub category: DifficultyCategory,
    pub title: String,
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub proposed_solution: String,
    #[serde(default)]
    pub responsible_unit_id: Option<i32>,
    #[serde(default)]
    pub needs_leader_direction: bool,
    #[serde(default = "open")]
    pub status: DifficultyStatus,
    pub raised_on: NaiveDate,
    #[serde(default)]
    pub resolved_on: Option<NaiveDate>,
    #[serde(default)]
    pub resolution_note: Option<String>,
}

fn open() -> DifficultyStatus {
    DifficultyStatus::Open
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidDifficulty {
    pub category: DifficultyCategory,
    pub title: String,
    pub detail: String,
    pub proposed_solution: String,
    pub responsible_unit_id: Option<i32>,
    pub needs_leader_direction: bool,
    pub status: DifficultyStatus,
    pub raised_on: NaiveDate,
    pub resolved_on: Option<NaiveDate>,
    pub resolution_note: Option<String>,
}

impl DifficultyInput {
    pub fn validate(&self, today: NaiveDate) -> Result<ValidDifficulty, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let title = errs.check(required_text("title", &self.title, 300));
        let detail = errs.check(optional_multiline("detail", &self.detail, 10_000));
        let solution = errs.check(optional_multiline("proposed_solution", &self.proposed_solution, 10_000));
        let resolution = match &self.resolution_note {
            Some(n) => errs
                .check(optional_multiline("resolution_note", n, 10_000))
                .filter(|n| !n.is_empty()),
            None => None,
        };
        if self.raised_on > today {
            errs.push(future_date("raised_on"));
        }
        crate::dates::check_dates(
            &mut errs,
            [("raised_on", Some(self.raised_on)), ("resolved_on", self.resolved_on)],
        );
        match (self.status, self.resolved_on) {
            (DifficultyStatus::Resolved, date) => {
                match date {
                    None => errs.push(FieldError::new(
                        "resolved_on",
                        "required",
                        "Cần ngày giải quyết khi khó khăn đã được giải quyết.",
                        "A resolution date is needed for a resolved difficulty.",
                    )),
                    Some(d) if d < self.raised_on => errs.push(end_before_start("resolved_on")),
                    Some(d) if d > today => errs.push(future_date("resolved_on")),
                    Some(_) => {}
                }
                if resolution.is_none() {
                    errs.push(FieldError::new(
                        "resolution_note",
                        "required",
                        "Ghi kết quả giải quyết.",
                        "Describe how it was resolved.",
                    ));
                }
            }
            (_, Some(_)) => errs.push(FieldError::new(
                "resolved_on",
                "not_resolved",
                "Chỉ ghi ngày giải quyết khi trạng thái là \"Đã giải quyết\".",
                "A resolution date is only allowed when the status is resolved.",
            )),
            (_, None) => {}
        }
        errs.into_result(|| ValidDifficulty {
            category: self.category,
            title: title.unwrap(),
            detail: detail.unwrap(),
            proposed_solution: solution.unwrap(),
            responsible_unit_id: self.responsible_unit_id,
            needs_leader_direction: self.needs_leader_direction,
            status: self.status,
            raised_on: self.raised_on,
            resolved_on: self.resolved_on,
            resolution_note: resolution,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DifficultyView {
    pub id: i32,
    pub project_id: i32,
    pub project_code: String,
    pub project_name: String,
    pub category: DifficultyCategory,
    pub title: String,
    pub detail: String,
    pub proposed_solution: String,
    pub responsible_unit: Option<UnitRef>,
    pub needs_leader_direction: bool,
    pub status: DifficultyStatus,
    pub raised_on: NaiveDate,
    pub resolved_on: Option<NaiveDate>,
    pub resolution_note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
