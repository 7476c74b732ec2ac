//! Projects: the input form, its validated form, and the views.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dto::{LocalityView, UnitRef};
use crate::schedule::{validate_baseline, BaselinePoint};
use crate::validation::{optional_multiline, required_text};
use crate::{
    DisbursementStatus, FieldError, Percent, Phase, ProgressStatus, ProjectGroup, Sector, StatusColour,
    ValidationErrors, Vnd,
};

/// Create or replace a project's general information.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectInput {
    /// Unique project code, e.g. `DN-GT-001`.
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub group: ProjectGroup,
    pub sector: Sector,
    pub phase: Phase,
    pub investor_unit_id: i32,
    #[serde(default)]
    pub managing_unit_id: Option<i32>,
    /// Codes of the communes/wards the project spans (at least one).
    pub locality_codes: Vec<String>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
    #[serde(default = "yes")]
    pub is_key_project: bool,
    /// Tổng mức đầu tư, whole đồng.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1250000000000"))]
    pub total_investment: Decimal,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    #[serde(default)]
    pub actual_start: Option<NaiveDate>,
    #[serde(default)]
    pub actual_end: Option<NaiveDate>,
    /// Planned cumulative % at given dates; linear from start to end when empty.
    #[serde(default)]
    pub baseline: Vec<BaselinePoint>,
}

fn yes() -> bool {
    true
}

/// A project input that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidProject {
    pub code: String,
    pub name: String,
    pub description: String,
    pub group: ProjectGroup,
    pub sector: Sector,
    pub phase: Phase,
    pub investor_unit_id: i32,
    pub managing_unit_id: Option<i32>,
    pub locality_codes: Vec<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub is_key_project: bool,
    pub total_investment: Vnd,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    pub baseline: Vec<BaselinePoint>,
}

impl ProjectInput {
    /// Checks every field; `today` bounds actual dates (they cannot be in the future).
    pub fn validate(&self, today: NaiveDate) -> Result<ValidProject, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let code = errs.check(required_text("code", &self.code, 32));
        if let Some(c) = &code {
            if !c.chars().all(|ch| ch.is_ascii_alphanumeric() || "-_./".contains(ch)) {
                errs.push(FieldError::new(
                    "code",
                    "invalid_code",
                    "Mã dự án chỉ gồm chữ không dấu, số và - _ . /",
                    "Project codes may contain only ASCII letters, digits and - _ . /",
                ));
            }
        }
        let name = errs.check(required_text("name", &self.name, 500));
        let description = errs.check(optional_multiline("description", &self.description, 10_000));
        let total = errs.check(Vnd::parse("total_investment", self.total_investment));
        if self.locality_codes.is_empty() {
            errs.push(FieldError::new(
                "locality_codes",
                "required",
                "Chọn ít nhất một xã, phường.",
                "Choose at least one commune or ward.",
            ));
        }
        crate::dates::check_dates(
            &mut errs,
            [
                ("planned_start", Some(self.planned_start)),
                ("planned_end", Some(self.planned_end)),
                ("actual_start", self.actual_start),
                ("actual_end", self.actual_end),
            ],
        );
        // Baseline dates must lie within the planned dates (validate_baseline), so within range.
        if self.planned_end < self.planned_start {
            errs.push(end_before_start("planned_end"));
        }
        if let (Some(s), Some(e)) = (self.actual_start, self.actual_end) {
            if e < s {
                errs.push(end_before_start("actual_end"));
            }
        }
        for (field, d) in [("actual_start", self.actual_start), ("actual_end", self.actual_end)] {
            if d.is_some_and(|d| d > today) {
                errs.push(future_date(field));
            }
        }
        if self.actual_end.is_some() && self.actual_start.is_none() {
            errs.push(FieldError::new(
                "actual_start",
                "required",
                "Cần ngày khởi công thực tế khi đã có ngày hoàn thành.",
                "An actual start date is needed when the actual end date is set.",
            ));
        }
        if self.latitude.is_some() != self.longitude.is_some() {
            errs.push(FieldError::new(
                "longitude",
                "coordinates_pair",
                "Nhập đủ cả vĩ độ và kinh độ.",
                "Give both latitude and longitude.",
            ));
        }
        if self.latitude.is_some_and(|v| !(-90.0..=90.0).contains(&v)) {
            errs.push(FieldError::new(
                "latitude",
                "out_of_range",
                "Vĩ độ không hợp lệ.",
                "Invalid latitude.",
            ));
        }
        if self.longitude.is_some_and(|v| !(-180.0..=180.0).contains(&v)) {
            errs.push(FieldError::new(
                "longitude",
                "out_of_range",
                "Kinh độ không hợp lệ.",
                "Invalid longitude.",
            ));
        }
        if self.planned_end >= self.planned_start {
            errs.0
                .extend(validate_baseline(self.planned_start, self.planned_end, &self.baseline).0);
        }
        errs.into_result(|| {
            let mut locality_codes: Vec<String> = self.locality_codes.iter().map(|c| c.trim().to_owned()).collect();
            locality_codes.sort();
            locality_codes.dedup();
            let mut baseline = self.baseline.clone();
            baseline.sort_by_key(|p| p.date);
            ValidProject {
                code: code.unwrap(),
                name: name.unwrap(),
                description: description.unwrap(),
                group: self.group,
                sector: self.sector,
                phase: self.phase,
                investor_unit_id: self.investor_unit_id,
                managing_unit_id: self.managing_unit_id,
                locality_codes,
                latitude: self.latitude,
                longitude: self.longitude,
                is_key_project: self.is_key_project,
                total_investment: total.unwrap(),
                planned_start: self.planned_start,
                planned_end: self.planned_end,
                actual_start: self.actual_start,
                actual_end: self.actual_end,
                baseline,
            }
        })
    }
}

pub(crate) fn end_before_start(field: &str) -> FieldError {
    FieldError::new(
        field,
        "end_before_start",
        "Ngày kết thúc không được trước ngày bắt đầu.",
        "The end date must not be before the start date.",
    )
}

pub(crate) fn future_date(field: &str) -> FieldError {
    FieldError::new(
        field,
        "date_in_future",
        "Ngày không được ở tương lai.",
        "The date must not be in the future.",
    )
}

/// Progress at a glance, as of `as_of` (today unless asked otherwise).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressSummary {
    pub as_of: Option<NaiveDate>,
    pub latest_report_on: Option<NaiveDate>,
    pub actual_percent: Percent,
    pub planned_percent: Percent,
    pub output_value: Vnd,
    pub status: ProgressStatus,
    pub colour: StatusColour,
    /// Schedule performance index (actual / planned % at the latest report).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "0.92"))]
    pub spi: Option<Decimal>,
    /// Finish date forecast from the recent progress trend (or the SPI); see the list endpoint.
    pub forecast_finish: Option<NaiveDate>,
    pub forecast_method: crate::forecast::ForecastMethod,
}

/// Disbursement of the current year against its capital plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisbursementSummary {
    pub year: i32,
    pub plan: Vnd,
    pub disbursed: Vnd,
    /// Disbursed as % of the year's plan; null without a plan.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub rate_percent: Option<Decimal>,
    pub status: DisbursementStatus,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectView {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub description: String,
    pub group: ProjectGroup,
    pub sector: Sector,
    pub phase: Phase,
    pub investor: UnitRef,
    pub managing_unit: Option<UnitRef>,
    pub localities: Vec<LocalityView>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub is_key_project: bool,
    pub total_investment: Vnd,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    pub baseline: Vec<BaselinePoint>,
    pub archived: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub progress: ProgressSummary,
    pub disbursement: DisbursementSummary,
    pub open_difficulties: i32,
    /// Whether the caller may edit this project.
    pub can_edit: bool,
}
