use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WebhookSubscriptions {
    Table,
    Id,
    Name,
    Url,
    Secret,
    EventTypes,
    Active,
    CreatedAt,
    Version,
}

/// The job table of the delivery worker: one row per event and subscription.
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(WebhookSubscriptions::Table)
                .col(pk_auto(WebhookSubscriptions::Id))
                .col(string_len(WebhookSubscriptions::Name, 100))
                .col(string_len(WebhookSubscriptions::Url, 2000))
                // Kept in clear: signing needs it. Never returned by the API.
                .col(string_len(WebhookSubscriptions::Secret, 200))
                // JSON array of event names, e.g. ["alert.opened","alert.closed"].
                .col(text(WebhookSubscriptions::EventTypes))
                .col(boolean(WebhookSubscriptions::Active).default(true))
                .col(timestamp_with_time_zone(WebhookSubscriptions::CreatedAt))
                .col(integer(WebhookSubscriptions::Version).default(1))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(WebhookDeliveries::Table)
                .col(pk_auto(WebhookDeliveries::Id))
                .col(integer(WebhookDeliveries::SubscriptionId))
                .col(string_len(WebhookDeliveries::EventType, 40))
                .col(text(WebhookDeliveries::Payload))
                // pending, delivered, failed
                .col(string_len(WebhookDeliveries::Status, 20))
                .col(integer(WebhookDeliveries::Attempts).default(0))
                .col(timestamp_with_time_zone(WebhookDeliveries::NextAttemptAt))
                .col(integer_null(WebhookDeliveries::LastStatusCode))
                .col(text_null(WebhookDeliveries::LastError))
                // Lease of the worker instance sending it; expired leases are claimable again.
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
        // The worker's poll: due pending jobs.
        m.create_index(
            Index::create()
                .name("idx_webhook_deliveries_due")
                .table(WebhookDeliveries::Table)
                .col(WebhookDeliveries::Status)
                .col(WebhookDeliveries::NextAttemptAt)
                .to_owned(),
        )
        .await?;
        // The delivery log of one subscription.
        m.create_index(
            Index::create()
                .name("idx_webhook_deliveries_subscription")
                .table(WebhookDeliveries::Table)
                .col(WebhookDeliveries::SubscriptionId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(WebhookDeliveries::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(WebhookSubscriptions::Table).to_owned())
            .await
    }
}
