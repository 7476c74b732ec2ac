//! The `directive_projects` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "directive_projects")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub directive_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub project_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
