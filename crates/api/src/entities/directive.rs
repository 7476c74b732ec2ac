//! The `directives` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "directives")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub text: String,
    pub issued_by: i32,
    pub recorded_by: i32,
    pub issued_on: Date,
    pub source: String,
    /// A meeting of m0013 (no foreign key here).
    pub meeting_id: Option<i32>,
    pub document_number: Option<String>,
    pub priority: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
