use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    UserId,
    Username,
    Action,
    Entity,
    EntityId,
    ProjectId,
    BeforeJson,
    AfterJson,
    RequestId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // No foreign keys on purpose: the log outlives the rows it describes.
        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(pk_auto(AuditLog::Id))
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(integer_null(AuditLog::UserId))
                .col(string_len(AuditLog::Username, 64))
                .col(string_len(AuditLog::Action, 40))
                .col(string_len(AuditLog::Entity, 40))
                .col(string_len(AuditLog::EntityId, 64))
                .col(integer_null(AuditLog::ProjectId))
                .col(text_null(AuditLog::BeforeJson))
                .col(text_null(AuditLog::AfterJson))
                .col(string_len(AuditLog::RequestId, 64))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("idx_audit_entity", AuditLog::EntityId),
            ("idx_audit_project", AuditLog::ProjectId),
        ] {
            m.create_index(Index::create().name(name).table(AuditLog::Table).col(col).to_owned())
                .await?;
        }
        m.create_index(
            Index::create()
                .name("idx_audit_at")
                .table(AuditLog::Table)
                .col(AuditLog::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AuditLog::Table).to_owned()).await
    }
}
