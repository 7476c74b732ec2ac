//! The `difficulties` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "difficulties")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub project_id: i32,
    pub category: String,
    pub title: String,
    pub detail: String,
    pub proposed_solution: String,
    pub responsible_unit_id: Option<i32>,
    pub needs_leader_direction: bool,
    pub status: String,
    pub raised_on: Date,
    pub resolved_on: Option<Date>,
    pub resolution_note: Option<String>,
    pub created_by: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
