use sea_orm_migration::{prelude::*, schema::*};

use crate::m0001_units_localities::{Localities, Units};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Projects {
    Table,
    Id,
    Code,
    Name,
    SearchText,
    Description,
    ProjectGroup,
    Sector,
    Phase,
    InvestorUnitId,
    ManagingUnitId,
    Latitude,
    Longitude,
    IsKeyProject,
    TotalInvestment,
    PlannedStart,
    PlannedEnd,
    ActualStart,
    ActualEnd,
    BaselineJson,
    Archived,
    Version,
    CreatedAt,
    UpdatedAt,
    // Derived columns, refreshed after every write to the project and by `refresh-status`,
    // so list filters and sorts run in SQL on large data sets.
    LatestReportOn,
    ActualBp,
    PlannedBp,
    OutputValue,
    ProgressStatus,
    DisbursementStatus,
    OpenDifficulties,
    PlanYear,
    YearPlan,
    YearDisbursed,
    StatusAsOf,
}

#[derive(DeriveIden)]
enum ProjectLocalities {
    Table,
    ProjectId,
    LocalityId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Projects::Table)
                .col(pk_auto(Projects::Id))
                .col(string_len_uniq(Projects::Code, 32))
                .col(string_len(Projects::Name, 500))
                // Lower-case name and code without diacritics, for accent-insensitive search.
                .col(string_len(Projects::SearchText, 600))
                .col(text(Projects::Description))
                .col(string_len(Projects::ProjectGroup, 20))
                .col(string_len(Projects::Sector, 40))
                .col(string_len(Projects::Phase, 20))
                .col(integer(Projects::InvestorUnitId))
                .col(integer_null(Projects::ManagingUnitId))
                .col(double_null(Projects::Latitude))
                .col(double_null(Projects::Longitude))
                .col(boolean(Projects::IsKeyProject).default(true))
                .col(big_integer(Projects::TotalInvestment))
                .col(date(Projects::PlannedStart))
                .col(date(Projects::PlannedEnd))
                .col(date_null(Projects::ActualStart))
                .col(date_null(Projects::ActualEnd))
                .col(text(Projects::BaselineJson))
                .col(boolean(Projects::Archived).default(false))
                .col(integer(Projects::Version).default(1))
                .col(timestamp_with_time_zone(Projects::CreatedAt))
                .col(timestamp_with_time_zone(Projects::UpdatedAt))
                .col(date_null(Projects::LatestReportOn))
                .col(integer(Projects::ActualBp).default(0))
                .col(integer(Projects::PlannedBp).default(0))
                .col(big_integer(Projects::OutputValue).default(0))
                .col(string_len(Projects::ProgressStatus, 20).default("on_track"))
                .col(string_len(Projects::DisbursementStatus, 20).default("no_plan"))
                .col(integer(Projects::OpenDifficulties).default(0))
                .col(integer(Projects::PlanYear).default(0))
                .col(big_integer(Projects::YearPlan).default(0))
                .col(big_integer(Projects::YearDisbursed).default(0))
                .col(date_null(Projects::StatusAsOf))
                .foreign_key(
                    ForeignKey::create()
                        .from(Projects::Table, Projects::InvestorUnitId)
                        .to(Units::Table, Units::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Projects::Table, Projects::ManagingUnitId)
                        .to(Units::Table, Units::Id),
                )
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("idx_projects_investor", Projects::InvestorUnitId),
            ("idx_projects_managing", Projects::ManagingUnitId),
            ("idx_projects_status", Projects::ProgressStatus),
            ("idx_projects_updated", Projects::UpdatedAt),
        ] {
            m.create_index(Index::create().name(name).table(Projects::Table).col(col).to_owned())
                .await?;
        }
        m.create_table(
            Table::create()
                .table(ProjectLocalities::Table)
                .col(integer(ProjectLocalities::ProjectId))
                .col(integer(ProjectLocalities::LocalityId))
                .primary_key(
                    Index::create()
                        .col(ProjectLocalities::ProjectId)
                        .col(ProjectLocalities::LocalityId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ProjectLocalities::Table, ProjectLocalities::ProjectId)
                        .to(Projects::Table, Projects::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ProjectLocalities::Table, ProjectLocalities::LocalityId)
                        .to(Localities::Table, Localities::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_project_localities_locality")
                .table(ProjectLocalities::Table)
                .col(ProjectLocalities::LocalityId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ProjectLocalities::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Projects::Table).to_owned()).await
    }
}
