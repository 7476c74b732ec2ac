use sea_orm_migration::{prelude::*, schema::*};

use crate::m0002_users_auth::Users;
use crate::m0003_projects::Projects;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Alerts {
    Table,
    Id,
    ProjectId,
    AlertType,
    Severity,
    TitleVi,
    TitleEn,
    MessageVi,
    MessageEn,
    OpenedAt,
    ClosedAt,
    AcknowledgedAt,
    AcknowledgedBy,
    AckNote,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Alerts::Table)
                .col(pk_auto(Alerts::Id))
                .col(integer(Alerts::ProjectId))
                .col(string_len(Alerts::AlertType, 40))
                .col(string_len(Alerts::Severity, 10))
                .col(string_len(Alerts::TitleVi, 200))
                .col(string_len(Alerts::TitleEn, 200))
                .col(text(Alerts::MessageVi))
                .col(text(Alerts::MessageEn))
                .col(timestamp_with_time_zone(Alerts::OpenedAt))
                .col(timestamp_with_time_zone_null(Alerts::ClosedAt))
                .col(timestamp_with_time_zone_null(Alerts::AcknowledgedAt))
                .col(integer_null(Alerts::AcknowledgedBy))
                .col(text_null(Alerts::AckNote))
                .col(integer(Alerts::Version).default(1))
                .foreign_key(
                    ForeignKey::create()
                        .from(Alerts::Table, Alerts::ProjectId)
                        .to(Projects::Table, Projects::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Alerts::Table, Alerts::AcknowledgedBy)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_alerts_project_type_closed")
                .table(Alerts::Table)
                .col(Alerts::ProjectId)
                .col(Alerts::AlertType)
                .col(Alerts::ClosedAt)
                .to_owned(),
        )
        .await?;
        // At most one open alert per project and type, enforced by the database so that two
        // evaluations racing (a user's write and the hourly refresh) cannot both open one.
        // Partial indexes have the same syntax on SQLite and PostgreSQL; sea-query cannot
        // express the WHERE of an index.
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_alerts_one_open ON alerts (project_id, alert_type) WHERE closed_at IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alerts::Table).to_owned()).await
    }
}
