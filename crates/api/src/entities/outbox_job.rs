//! The `outbox_jobs` table: ONE durable job queue (and delivery log) for webhook calls,
//! e-mails and daily digests. See `store::outbox` for how jobs are claimed.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `webhook`, `email` or `digest`.
    pub channel: String,
    pub event_type: String,
    /// Webhook jobs: the subscription.
    pub subscription_id: Option<i32>,
    /// E-mail and digest jobs: the user and the address.
    pub recipient_user_id: Option<i32>,
    pub recipient: Option<String>,
    /// Unique when set (a digest: `digest:<user>:<local date>`).
    pub dedupe_key: Option<String>,
    pub payload: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub locked_until: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub delivered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
