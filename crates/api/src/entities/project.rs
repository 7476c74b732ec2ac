//! The `projects` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub name: String,
    pub search_text: String,
    pub description: String,
    pub project_group: String,
    pub sector: String,
    pub phase: String,
    pub investor_unit_id: i32,
    pub managing_unit_id: Option<i32>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub is_key_project: bool,
    pub total_investment: i64,
    pub planned_start: Date,
    pub planned_end: Date,
    pub actual_start: Option<Date>,
    pub actual_end: Option<Date>,
    pub baseline_json: String,
    pub archived: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub latest_report_on: Option<Date>,
    pub actual_bp: i32,
    pub planned_bp: i32,
    pub output_value: i64,
    pub progress_status: String,
    pub disbursement_status: String,
    pub open_difficulties: i32,
    pub plan_year: i32,
    pub year_plan: i64,
    pub year_disbursed: i64,
    pub status_as_of: Option<Date>,
    pub spi_centis: Option<i32>,
    pub forecast_finish: Option<Date>,
    pub forecast_method: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
