//! The weekly progress report (one per project and as-of date).

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dto::project::future_date;
use crate::validation::{optional_multiline, required_multiline};
use crate::{FieldError, Percent, ValidationErrors, Vnd};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressReportInput {
    pub as_of: NaiveDate,
    /// Tỷ lệ % khối lượng hoàn thành, 0–100, up to 2 decimals.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "42.5"))]
    pub actual_percent: Decimal,
    /// Cumulative sản lượng đạt được (whole đồng).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "350000000000"))]
    pub output_value: Decimal,
    #[serde(default)]
    pub work_done: String,
    #[serde(default)]
    pub next_week_plan: String,
    /// Required when % complete or output value goes down from the previous report.
    #[serde(default)]
    pub correction_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidReport {
    pub as_of: NaiveDate,
    pub actual: Percent,
    pub output_value: Vnd,
    pub work_done: String,
    pub next_week_plan: String,
    pub correction_reason: Option<String>,
}

/// The neighbouring report the new one must not contradict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PreviousReport {
    pub as_of: NaiveDate,
    pub actual: Percent,
    pub output_value: Vnd,
}

impl ProgressReportInput {
    /// `previous` is the latest other report dated before `as_of`; `planned_start` is the
    /// project's planned start (reports before it are refused).
    pub fn validate(
        &self,
        today: NaiveDate,
        planned_start: NaiveDate,
        previous: Option<PreviousReport>,
    ) -> Result<ValidReport, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        if self.as_of > today {
            errs.push(future_date("as_of"));
        }
        crate::dates::check_dates(&mut errs, [("as_of", Some(self.as_of))]);
        if self.as_of < planned_start - chrono::Duration::days(366) {
            errs.push(FieldError::new(
                "as_of",
                "before_project",
                "Ngày báo cáo trước thời gian thực hiện dự án.",
                "The report date is before the project's implementation period.",
            ));
        }
        let actual = errs.check(Percent::parse("actual_percent", self.actual_percent));
        let output = errs.check(Vnd::parse("output_value", self.output_value));
        let work_done = errs.check(optional_multiline("work_done", &self.work_done, 10_000));
        let next_week_plan = errs.check(optional_multiline("next_week_plan", &self.next_week_plan, 10_000));
        let reason = match &self.correction_reason {
            Some(r) if !r.trim().is_empty() => errs.check(required_multiline("correction_reason", r, 2000)),
            _ => None,
        };
        if let (Some(prev), Some(a), Some(o)) = (previous, actual, output) {
            if reason.is_none() {
                if a < prev.actual {
                    errs.push(FieldError::new(
                        "actual_percent",
                        "percent_decreased",
                        format!(
                            "Tỷ lệ hoàn thành thấp hơn báo cáo ngày {} ({}); ghi lý do điều chỉnh.",
                            prev.as_of.format("%d/%m/%Y"),
                            prev.actual
                        ),
                        format!(
                            "% complete is below the report of {} ({}); give a correction reason.",
                            prev.as_of, prev.actual
                        ),
                    ));
                }
                if o < prev.output_value {
                    errs.push(FieldError::new(
                        "output_value",
                        "output_decreased",
                        "Sản lượng lũy kế thấp hơn báo cáo trước; ghi lý do điều chỉnh.",
                        "Cumulative output value is below the previous report; give a correction reason.",
                    ));
                }
            }
        }
        errs.into_result(|| ValidReport {
            as_of: self.as_of,
            actual: actual.unwrap(),
            output_value: output.unwrap(),
            work_done: work_done.unwrap(),
            next_week_plan: next_week_plan.unwrap(),
            correction_reason: reason,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressReportView {
    pub id: i32,
    pub project_id: i32,
    pub as_of: NaiveDate,
    pub actual_percent: Percent,
    /// Planned % at `as_of`, from the project's baseline.
    pub planned_percent: Percent,
    pub output_value: Vnd,
    pub work_done: String,
    pub next_week_plan: String,
    pub correction_reason: Option<String>,
    pub submitted_by: i32,
    pub submitted_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}
