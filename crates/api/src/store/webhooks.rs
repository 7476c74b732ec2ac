//! Webhook subscriptions, their deliveries (outbox jobs of channel `webhook`, one per event
//! and subscriber) and the delivery log. The worker is `crate::outbox`; claiming and
//! finishing jobs is `store::outbox` (also reachable as `jobs`).

pub use super::outbox as jobs;

use chrono::{DateTime, Utc};
use ioc_domain::dto::{
    AlertView, Page, ValidWebhook, WebhookDeliveryView, WebhookEvent, WebhookPayload, WebhookProject, WebhookView,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::Deserialize;

use super::outbox::{new_job, DELIVERED, FAILED, PENDING, WEBHOOK};
use crate::entities::{outbox_job, webhook_subscription};
use crate::error::ApiError;

fn events_of(s: &webhook_subscription::Model) -> Vec<WebhookEvent> {
    serde_json::from_str(&s.event_types).unwrap_or_default()
}

pub fn view(s: &webhook_subscription::Model) -> WebhookView {
    WebhookView {
        id: s.id,
        name: s.name.clone(),
        url: s.url.clone(),
        event_types: events_of(s),
        active: s.active,
        created_at: s.created_at,
        version: s.version,
    }
}

pub async fn list(conn: &impl ConnectionTrait) -> Result<Vec<WebhookView>, ApiError> {
    let rows = webhook_subscription::Entity::find()
        .order_by_asc(webhook_subscription::Column::Id)
        .all(conn)
        .await?;
    Ok(rows.iter().map(view).collect())
}

pub async fn get(conn: &impl ConnectionTrait, id: i32) -> Result<webhook_subscription::Model, ApiError> {
    webhook_subscription::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)
}

pub async fn create(conn: &impl ConnectionTrait, w: &ValidWebhook) -> Result<WebhookView, ApiError> {
    let row = webhook_subscription::ActiveModel {
        name: Set(w.name.clone()),
        url: Set(w.url.clone()),
        secret: Set(w.secret.clone()),
        event_types: Set(serde_json::to_string(&w.event_types).unwrap_or_else(|_| "[]".into())),
        active: Set(true),
        created_at: Set(super::now()),
        version: Set(1),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(view(&row))
}

/// Deletes a subscription with its queue and log (pending events are not sent). Returns it
/// as it was, for the audit log.
pub async fn delete(conn: &impl ConnectionTrait, id: i32) -> Result<WebhookView, ApiError> {
    let before = view(&get(conn, id).await?);
    // Deliveries explicitly, not trusting the cascade to every SQLite connection's pragma.
    outbox_job::Entity::delete_many()
        .filter(outbox_job::Column::SubscriptionId.eq(id))
        .exec(conn)
        .await?;
    webhook_subscription::Entity::delete_by_id(id).exec(conn).await?;
    Ok(before)
}

pub async fn active_subscriptions(conn: &impl ConnectionTrait) -> Result<Vec<webhook_subscription::Model>, ApiError> {
    Ok(webhook_subscription::Entity::find()
        .filter(webhook_subscription::Column::Active.eq(true))
        .all(conn)
        .await?)
}

/// Queues one delivery per event and subscriber of that event, due now. Runs in the
/// transaction that opened or closed the alerts.
pub async fn enqueue(
    conn: &impl ConnectionTrait,
    subscribers: &[webhook_subscription::Model],
    events: &[(WebhookEvent, AlertView)],
    project: &WebhookProject,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let mut rows = Vec::new();
    for (event, alert) in events {
        let payload = WebhookPayload {
            event: *event,
            alert: alert.clone(),
            project: project.clone(),
            occurred_at: now,
            sent_at: None,
        };
        let body = serde_json::to_string(&payload).map_err(|e| ApiError::Unexpected(e.into()))?;
        for s in subscribers.iter().filter(|s| events_of(s).contains(event)) {
            rows.push(outbox_job::ActiveModel {
                subscription_id: Set(Some(s.id)),
                ..new_job(WEBHOOK, event.as_str(), body.clone(), now)
            });
        }
    }
    insert_jobs(conn, rows).await
}

/// Queues one delivery of a notification's JSON `data` per subscriber of `event`.
pub async fn enqueue_notice(
    conn: &impl ConnectionTrait,
    event: WebhookEvent,
    data: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let subscribers = active_subscriptions(conn).await?;
    let body = serde_json::json!({"event": event, "data": data, "occurred_at": now}).to_string();
    let rows = subscribers
        .iter()
        .filter(|s| events_of(s).contains(&event))
        .map(|s| outbox_job::ActiveModel {
            subscription_id: Set(Some(s.id)),
            ..new_job(WEBHOOK, event.as_str(), body.clone(), now)
        })
        .collect();
    insert_jobs(conn, rows).await
}

async fn insert_jobs(conn: &impl ConnectionTrait, rows: Vec<outbox_job::ActiveModel>) -> Result<(), ApiError> {
    if !rows.is_empty() {
        outbox_job::Entity::insert_many(rows)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    /// `pending`, `delivered` or `failed`.
    pub status: Option<String>,
    /// Page number, 1 to 1 000 000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 1000000)]
    pub page: Option<String>,
    /// Items per page, 1 to 200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    pub per_page: Option<String>,
}

/// A subscription's deliveries, newest first.
pub async fn deliveries(
    conn: &impl ConnectionTrait,
    subscription_id: i32,
    q: &DeliveryQuery,
) -> Result<Page<WebhookDeliveryView>, ApiError> {
    use outbox_job::Column as C;
    get(conn, subscription_id).await?;
    let paging = super::paging(&q.page, &q.per_page)?;
    let mut sel = outbox_job::Entity::find().filter(C::SubscriptionId.eq(subscription_id));
    if let Some(s) = q.status.as_deref().filter(|s| !s.is_empty()) {
        if ![PENDING, DELIVERED, FAILED].contains(&s) {
            return Err(ApiError::field(
                "status",
                "invalid_choice",
                format!("Giá trị lọc không hợp lệ: {s}."),
                format!("Invalid filter value: {s}."),
            ));
        }
        sel = sel.filter(C::Status.eq(s));
    }
    let total = sel.clone().count(conn).await?;
    let rows = sel
        .order_by_desc(C::Id)
        .paginate(conn, paging.per_page())
        .fetch_page(paging.page() - 1)
        .await?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(|d| WebhookDeliveryView {
                id: d.id,
                subscription_id: d.subscription_id.unwrap_or_default(),
                event_type: d.event_type,
                status: d.status,
                attempts: d.attempts,
                next_attempt_at: d.next_attempt_at,
                last_status_code: d.last_status_code,
                last_error: d.last_error,
                created_at: d.created_at,
                delivered_at: d.delivered_at,
                payload: serde_json::from_str(&d.payload).unwrap_or(serde_json::Value::Null),
            })
            .collect(),
        total,
        page: paging.page(),
        per_page: paging.per_page(),
    })
}
