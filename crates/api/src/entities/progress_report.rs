//! The `progress_reports` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "progress_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub project_id: i32,
    pub as_of: Date,
    pub actual_bp: i32,
    pub planned_bp: i32,
    pub output_value: i64,
    pub work_done: String,
    pub next_week_plan: String,
    pub correction_reason: Option<String>,
    pub submitted_by: i32,
    pub submitted_at: DateTimeUtc,
    pub version: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
