use sea_orm_migration::{prelude::*, schema::*};

use crate::m0002_users_auth::Users;
use crate::m0003_projects::Projects;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProgressReports {
    Table,
    Id,
    ProjectId,
    AsOf,
    ActualBp,
    PlannedBp,
    OutputValue,
    WorkDone,
    NextWeekPlan,
    CorrectionReason,
    SubmittedBy,
    SubmittedAt,
    Version,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ProgressReports::Table)
                .col(pk_auto(ProgressReports::Id))
                .col(integer(ProgressReports::ProjectId))
                .col(date(ProgressReports::AsOf))
                .col(integer(ProgressReports::ActualBp))
                .col(integer(ProgressReports::PlannedBp))
                .col(big_integer(ProgressReports::OutputValue))
                .col(text(ProgressReports::WorkDone))
                .col(text(ProgressReports::NextWeekPlan))
                .col(text_null(ProgressReports::CorrectionReason))
                .col(integer(ProgressReports::SubmittedBy))
                .col(timestamp_with_time_zone(ProgressReports::SubmittedAt))
                .col(integer(ProgressReports::Version).default(1))
                .col(timestamp_with_time_zone(ProgressReports::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ProgressReports::Table, ProgressReports::ProjectId)
                        .to(Projects::Table, Projects::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ProgressReports::Table, ProgressReports::SubmittedBy)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_progress_reports_project_as_of")
                .table(ProgressReports::Table)
                .col(ProgressReports::ProjectId)
                .col(ProgressReports::AsOf)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ProgressReports::Table).to_owned())
            .await
    }
}
