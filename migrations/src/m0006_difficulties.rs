use sea_orm_migration::{prelude::*, schema::*};

use crate::m0001_units_localities::Units;
use crate::m0002_users_auth::Users;
use crate::m0003_projects::Projects;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Difficulties {
    Table,
    Id,
    ProjectId,
    Category,
    Title,
    Detail,
    ProposedSolution,
    ResponsibleUnitId,
    NeedsLeaderDirection,
    Status,
    RaisedOn,
    ResolvedOn,
    ResolutionNote,
    CreatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Difficulties::Table)
                .col(pk_auto(Difficulties::Id))
                .col(integer(Difficulties::ProjectId))
                .col(string_len(Difficulties::Category, 40))
                .col(string_len(Difficulties::Title, 300))
                .col(text(Difficulties::Detail))
                .col(text(Difficulties::ProposedSolution))
                .col(integer_null(Difficulties::ResponsibleUnitId))
                .col(boolean(Difficulties::NeedsLeaderDirection).default(false))
                .col(string_len(Difficulties::Status, 20))
                .col(date(Difficulties::RaisedOn))
                .col(date_null(Difficulties::ResolvedOn))
                .col(text_null(Difficulties::ResolutionNote))
                .col(integer(Difficulties::CreatedBy))
                .col(integer(Difficulties::Version).default(1))
                .col(timestamp_with_time_zone(Difficulties::CreatedAt))
                .col(timestamp_with_time_zone(Difficulties::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Difficulties::Table, Difficulties::ProjectId)
                        .to(Projects::Table, Projects::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Difficulties::Table, Difficulties::ResponsibleUnitId)
                        .to(Units::Table, Units::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Difficulties::Table, Difficulties::CreatedBy)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_difficulties_project_status")
                .table(Difficulties::Table)
                .col(Difficulties::ProjectId)
                .col(Difficulties::Status)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Difficulties::Table).to_owned()).await
    }
}
