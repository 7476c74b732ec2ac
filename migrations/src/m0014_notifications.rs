//! Notifications: users' e-mail addresses, the notices emitted (deduplicated), the in-app
//! inbox, delivery preferences, and ONE outbox job table for webhooks, e-mails and daily
//! digests, which replaces `webhook_deliveries` (its rows are moved, ids kept, so the
//! `X-IOC-Delivery` of a pending retry does not change).

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
}

#[derive(DeriveIden)]
enum WebhookSubscriptions {
    Table,
    Id,
}

/// One row per notice ever emitted: its dedupe key is unique, so a reminder emitted twice
/// (two calls, two instances) exists once.
#[derive(DeriveIden)]
enum Notices {
    Table,
    Id,
    DedupeKey,
    Event,
    Payload,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    NoticeId,
    UserId,
    Event,
    Title,
    Body,
    TitleEn,
    BodyEn,
    Link,
    CreatedAt,
    ReadAt,
    /// Waiting for the user's next daily digest e-mail.
    DigestPending,
}

#[derive(DeriveIden)]
enum NotificationPreferences {
    Table,
    UserId,
    /// JSON object event → mode; events absent keep their default.
    Modes,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OutboxJobs {
    Table,
    Id,
    Channel,
    EventType,
    SubscriptionId,
    RecipientUserId,
    Recipient,
    DedupeKey,
    Payload,
    Status,
    Attempts,
    NextAttemptAt,
    LastStatusCode,
    LastError,
    LockedUntil,
    CreatedAt,
    DeliveredAt,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Id,
    SubscriptionId,
    EventType,
    Payload,
    Status,
    Attempts,
    NextAttemptAt,
    LastStatusCode,
    LastError,
    LockedUntil,
    CreatedAt,
    DeliveredAt,
}

const JOB_COLUMNS: &str =
    "id, event_type, subscription_id, payload, status, attempts, next_attempt_at, last_status_code, last_error, locked_until, created_at, delivered_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .add_column(string_len_null(Users::Email, 254))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Notices::Table)
                .col(pk_auto(Notices::Id))
                .col(string_len(Notices::DedupeKey, 200).unique_key())
                .col(string_len(Notices::Event, 40))
                .col(text(Notices::Payload))
                .col(timestamp_with_time_zone(Notices::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Notifications::Table)
                .col(pk_auto(Notifications::Id))
                .col(integer(Notifications::NoticeId))
                .col(integer(Notifications::UserId))
                .col(string_len(Notifications::Event, 40))
                .col(string_len(Notifications::Title, 300))
                .col(text(Notifications::Body))
                .col(string_len(Notifications::TitleEn, 300))
                .col(text(Notifications::BodyEn))
                .col(string_len_null(Notifications::Link, 500))
                .col(timestamp_with_time_zone(Notifications::CreatedAt))
                .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                .col(boolean(Notifications::DigestPending).default(false))
                .foreign_key(
                    ForeignKey::create()
                        .from(Notifications::Table, Notifications::NoticeId)
                        .to(Notices::Table, Notices::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Notifications::Table, Notifications::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // The inbox of one user, newest first, and its unread count.
        m.create_index(
            Index::create()
                .name("idx_notifications_user")
                .table(Notifications::Table)
                .col(Notifications::UserId)
                .col(Notifications::ReadAt)
                .to_owned(),
        )
        .await?;
        // One notice reaches one user once.
        m.create_index(
            Index::create()
                .name("ux_notifications_notice_user")
                .table(Notifications::Table)
                .col(Notifications::NoticeId)
                .col(Notifications::UserId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(NotificationPreferences::Table)
                .col(integer(NotificationPreferences::UserId).primary_key())
                .col(text(NotificationPreferences::Modes))
                .col(integer(NotificationPreferences::Version).default(1))
                .col(timestamp_with_time_zone(NotificationPreferences::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(NotificationPreferences::Table, NotificationPreferences::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(OutboxJobs::Table)
                .col(pk_auto(OutboxJobs::Id))
                // webhook, email, digest
                .col(string_len(OutboxJobs::Channel, 20))
                .col(string_len(OutboxJobs::EventType, 40))
                .col(integer_null(OutboxJobs::SubscriptionId))
                .col(integer_null(OutboxJobs::RecipientUserId))
                .col(string_len_null(OutboxJobs::Recipient, 254))
                // A digest is one per user and day: `digest:<user>:<date>`.
                .col(string_len_null(OutboxJobs::DedupeKey, 200).unique_key())
                .col(text(OutboxJobs::Payload))
                // pending, delivered, failed
                .col(string_len(OutboxJobs::Status, 20))
                .col(integer(OutboxJobs::Attempts).default(0))
                .col(timestamp_with_time_zone(OutboxJobs::NextAttemptAt))
                .col(integer_null(OutboxJobs::LastStatusCode))
                .col(text_null(OutboxJobs::LastError))
                .col(timestamp_with_time_zone_null(OutboxJobs::LockedUntil))
                .col(timestamp_with_time_zone(OutboxJobs::CreatedAt))
                .col(timestamp_with_time_zone_null(OutboxJobs::DeliveredAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(OutboxJobs::Table, OutboxJobs::SubscriptionId)
                        .to(WebhookSubscriptions::Table, WebhookSubscriptions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(OutboxJobs::Table, OutboxJobs::RecipientUserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_outbox_jobs_due")
                .table(OutboxJobs::Table)
                .col(OutboxJobs::Status)
                .col(OutboxJobs::NextAttemptAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_outbox_jobs_subscription")
                .table(OutboxJobs::Table)
                .col(OutboxJobs::SubscriptionId)
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(&format!(
            "INSERT INTO outbox_jobs (channel, {JOB_COLUMNS}) SELECT 'webhook', {JOB_COLUMNS} FROM webhook_deliveries"
        ))
        .await?;
        reset_sequence(m, "outbox_jobs").await?;
        m.drop_table(Table::drop().table(WebhookDeliveries::Table).to_owned())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(WebhookDeliveries::Table)
                .col(pk_auto(WebhookDeliveries::Id))
                .col(integer(WebhookDeliveries::SubscriptionId))
                .col(string_len(WebhookDeliveries::EventType, 40))
                .col(text(WebhookDeliveries::Payload))
                .col(string_len(WebhookDeliveries::Status, 20))
                .col(integer(WebhookDeliveries::Attempts).default(0))
                .col(timestamp_with_time_zone(WebhookDeliveries::NextAttemptAt))
                .col(integer_null(WebhookDeliveries::LastStatusCode))
                .col(text_null(WebhookDeliveries::LastError))
                .col(timestamp_with_time_zone_null(WebhookDeliveries::LockedUntil))
                .col(timestamp_with_time_zone(WebhookDeliveries::CreatedAt))
                .col(timestamp_with_time_zone_null(WebhookDeliveries::DeliveredAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(WebhookDeliveries::Table, WebhookDeliveries::SubscriptionId)
                        .to(WebhookSubscriptions::Table, WebhookSubscriptions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_webhook_deliveries_due")
                .table(WebhookDeliveries::Table)
                .col(WebhookDeliveries::Status)
                .col(WebhookDeliveries::NextAttemptAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_webhook_deliveries_subscription")
                .table(WebhookDeliveries::Table)
                .col(WebhookDeliveries::SubscriptionId)
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(&format!(
                "INSERT INTO webhook_deliveries ({JOB_COLUMNS}) SELECT {JOB_COLUMNS} FROM outbox_jobs WHERE channel = 'webhook'"
            ))
            .await?;
        reset_sequence(m, "webhook_deliveries").await?;
        for t in [
            OutboxJobs::Table.into_iden(),
            NotificationPreferences::Table.into_iden(),
            Notifications::Table.into_iden(),
            Notices::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        m.alter_table(Table::alter().table(Users::Table).drop_column(Users::Email).to_owned())
            .await
    }
}

/// After rows were copied with their ids, PostgreSQL's sequence must start above them
/// (SQLite's AUTOINCREMENT follows the largest id by itself).
async fn reset_sequence(m: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    let db = m.get_connection();
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_string(
            DbBackend::Postgres,
            format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            ),
        ))
        .await?;
    }
    Ok(())
}
