//! The `tasks` table: a directive's task, its pending extension request and its last done report.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "tasks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub directive_id: i32,
    pub description: String,
    pub lead_unit_id: i32,
    pub assignee_user_id: Option<i32>,
    pub deadline: Date,
    pub original_deadline: Date,
    pub expected_result: String,
    pub state: String,
    pub ext_requested_deadline: Option<Date>,
    pub ext_reason: Option<String>,
    pub ext_requested_by: Option<i32>,
    pub ext_requested_at: Option<DateTimeUtc>,
    pub done_note: Option<String>,
    pub done_evidence: Option<String>,
    pub done_reported_on: Option<Date>,
    pub done_reported_by: Option<i32>,
    pub confirmed_on: Option<Date>,
    /// Offset (days before the deadline) of the last reminder sent for the current deadline.
    pub last_reminder_days: Option<i32>,
    /// The day the `task.overdue` event was last sent (once a day at most).
    pub overdue_notified_on: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
