use sea_orm_migration::{prelude::*, schema::*};

use crate::m0002_users_auth::Users;
use crate::m0003_projects::Projects;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CapitalPlans {
    Table,
    Id,
    ProjectId,
    Year,
    Source,
    Amount,
    ScheduleJson,
    Note,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Disbursements {
    Table,
    Id,
    ProjectId,
    PaidOn,
    Amount,
    Note,
    RecordedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CapitalPlans::Table)
                .col(pk_auto(CapitalPlans::Id))
                .col(integer(CapitalPlans::ProjectId))
                .col(integer(CapitalPlans::Year))
                .col(string_len(CapitalPlans::Source, 30))
                .col(big_integer(CapitalPlans::Amount))
                // Planned cumulative % by month end (12 values); NULL = province default curve.
                .col(text_null(CapitalPlans::ScheduleJson))
                .col(text(CapitalPlans::Note))
                .col(integer(CapitalPlans::Version).default(1))
                .col(timestamp_with_time_zone(CapitalPlans::CreatedAt))
                .col(timestamp_with_time_zone(CapitalPlans::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(CapitalPlans::Table, CapitalPlans::ProjectId)
                        .to(Projects::Table, Projects::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_capital_plans_project_year_source")
                .table(CapitalPlans::Table)
                .col(CapitalPlans::ProjectId)
                .col(CapitalPlans::Year)
                .col(CapitalPlans::Source)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Disbursements::Table)
                .col(pk_auto(Disbursements::Id))
                .col(integer(Disbursements::ProjectId))
                .col(date(Disbursements::PaidOn))
                .col(big_integer(Disbursements::Amount))
                .col(text(Disbursements::Note))
                .col(integer(Disbursements::RecordedBy))
                .col(integer(Disbursements::Version).default(1))
                .col(timestamp_with_time_zone(Disbursements::CreatedAt))
                .col(timestamp_with_time_zone(Disbursements::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Disbursements::Table, Disbursements::ProjectId)
                        .to(Projects::Table, Projects::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Disbursements::Table, Disbursements::RecordedBy)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_disbursements_project_paid_on")
                .table(Disbursements::Table)
                .col(Disbursements::ProjectId)
                .col(Disbursements::PaidOn)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Disbursements::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(CapitalPlans::Table).to_owned()).await
    }
}
