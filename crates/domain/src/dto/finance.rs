//! Yearly capital plans and disbursement records.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::disbursement::MonthlySchedule;
use crate::dto::admin::note;
use crate::dto::project::future_date;
use crate::{CapitalSource, FieldError, Percent, ValidationErrors, Vnd, VndTotal};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CapitalPlanInput {
    pub year: i32,
    pub source: CapitalSource,
    /// Kế hoạch vốn được bố trí (whole đồng).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "500000000000"))]
    pub amount: Decimal,
    /// Planned cumulative % disbursed by the end of each month (12 values); the province's
    /// default curve applies when absent.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<String>>))]
    pub schedule: Option<Vec<Decimal>>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidCapitalPlan {
    pub year: i32,
    pub source: CapitalSource,
    pub amount: Vnd,
    pub schedule: Option<MonthlySchedule>,
    pub note: String,
}

impl CapitalPlanInput {
    pub fn validate(&self) -> Result<ValidCapitalPlan, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        if !(2000..=2100).contains(&self.year) {
            errs.push(FieldError::new(
                "year",
                "out_of_range",
                "Năm không hợp lệ.",
                "Invalid year.",
            ));
        }
        let amount = errs.check(Vnd::parse("amount", self.amount));
        let note = errs.check(note("note", &self.note));
        let schedule = match &self.schedule {
            None => None,
            Some(values) => match MonthlySchedule::parse("schedule", values) {
                Ok(s) => Some(s),
                Err(e) => {
                    errs.0.extend(e.0);
                    None
                }
            },
        };
        errs.into_result(|| ValidCapitalPlan {
            year: self.year,
            source: self.source,
            amount: amount.unwrap(),
            schedule,
            note: note.unwrap(),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CapitalPlanView {
    pub id: i32,
    pub project_id: i32,
    pub year: i32,
    pub source: CapitalSource,
    pub amount: Vnd,
    /// The schedule that applies (the project's own, or the province default).
    pub schedule: Vec<Percent>,
    pub uses_default_schedule: bool,
    pub note: String,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisbursementInput {
    pub paid_on: NaiveDate,
    /// Amount disbursed (whole đồng, > 0).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "15000000000"))]
    pub amount: Decimal,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidDisbursement {
    pub paid_on: NaiveDate,
    pub amount: Vnd,
    pub note: String,
}

impl DisbursementInput {
    pub fn validate(&self, today: NaiveDate) -> Result<ValidDisbursement, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        if self.paid_on > today {
            errs.push(future_date("paid_on"));
        }
        crate::dates::check_dates(&mut errs, [("paid_on", Some(self.paid_on))]);
        let amount = errs.check(Vnd::parse("amount", self.amount));
        if amount == Some(Vnd::ZERO) {
            errs.push(FieldError::new(
                "amount",
                "zero_amount",
                "Số tiền giải ngân phải lớn hơn 0.",
                "The amount disbursed must be greater than 0.",
            ));
        }
        let note = errs.check(note("note", &self.note));
        errs.into_result(|| ValidDisbursement {
            paid_on: self.paid_on,
            amount: amount.unwrap(),
            note: note.unwrap(),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisbursementView {
    pub id: i32,
    pub project_id: i32,
    pub paid_on: NaiveDate,
    pub amount: Vnd,
    /// Disbursed in the same year up to and including this record.
    pub cumulative_in_year: VndTotal,
    /// `cumulative_in_year` as % of that year's capital plan; null without a plan.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub rate_percent: Option<Decimal>,
    pub note: String,
    pub recorded_by: i32,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}
