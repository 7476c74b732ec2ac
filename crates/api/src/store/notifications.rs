//! The inbox of one user, their delivery preferences, and the outbox's delivery log.
//! Every query of the inbox is filtered by the caller's user id: another user's item is
//! simply not found (404), whatever id is sent.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use ioc_domain::dto::{
    NotificationPreference, NotificationPreferencesInput, NotificationPreferencesView, NotificationView, OutboxJobView,
    Page,
};
use ioc_domain::{NotificationEvent, Paging};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::Deserialize;

use super::outbox::{DELIVERED, DIGEST, EMAIL, FAILED, PENDING, WEBHOOK};
use crate::entities::{notification, notification_preference, outbox_job, user};
use crate::error::ApiError;

pub fn view(n: notification::Model) -> NotificationView {
    NotificationView {
        id: n.id,
        event: NotificationEvent::parse(&n.event).unwrap_or(NotificationEvent::TaskStateChanged),
        title: n.title,
        body: n.body,
        title_en: n.title_en,
        body_en: n.body_en,
        link: n.link,
        created_at: n.created_at,
        read_at: n.read_at,
    }
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// `true`: unread items only.
    pub unread: Option<bool>,
    /// Page number, 1 to 1 000 000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 1000000)]
    pub page: Option<String>,
    /// Items per page, 1 to 200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    pub per_page: Option<String>,
}

/// The user's inbox, newest first.
pub async fn list(
    conn: &impl ConnectionTrait,
    user_id: i32,
    q: &InboxQuery,
) -> Result<Page<NotificationView>, ApiError> {
    use notification::Column as C;
    let paging: Paging = super::paging(&q.page, &q.per_page)?;
    let mut sel = notification::Entity::find().filter(C::UserId.eq(user_id));
    if q.unread == Some(true) {
        sel = sel.filter(C::ReadAt.is_null());
    }
    let total = sel.clone().count(conn).await?;
    let rows = sel
        .order_by_desc(C::Id)
        .paginate(conn, paging.per_page())
        .fetch_page(paging.page() - 1)
        .await?;
    Ok(Page {
        items: rows.into_iter().map(view).collect(),
        total,
        page: paging.page(),
        per_page: paging.per_page(),
    })
}

pub async fn unread_count(conn: &impl ConnectionTrait, user_id: i32) -> Result<u64, ApiError> {
    use notification::Column as C;
    Ok(notification::Entity::find()
        .filter(C::UserId.eq(user_id))
        .filter(C::ReadAt.is_null())
        .count(conn)
        .await?)
}

/// Marks one of the user's items read (again: keeps the first time). 404 for another's.
pub async fn mark_read(
    conn: &impl ConnectionTrait,
    user_id: i32,
    id: i32,
    now: DateTime<Utc>,
) -> Result<NotificationView, ApiError> {
    use notification::Column as C;
    notification::Entity::update_many()
        .col_expr(C::ReadAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .filter(C::UserId.eq(user_id))
        .filter(C::ReadAt.is_null())
        .exec(conn)
        .await?;
    let row = notification::Entity::find_by_id(id)
        .filter(C::UserId.eq(user_id))
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(view(row))
}

pub async fn mark_all_read(conn: &impl ConnectionTrait, user_id: i32, now: DateTime<Utc>) -> Result<u64, ApiError> {
    use notification::Column as C;
    let res = notification::Entity::update_many()
        .col_expr(C::ReadAt, Expr::value(now))
        .filter(C::UserId.eq(user_id))
        .filter(C::ReadAt.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected)
}

/// The user's preferences: every event, with the stored choice or the default. A user who
/// never saved has version 1.
pub async fn preferences(
    conn: &impl ConnectionTrait,
    user_id: i32,
    digest_hour: u32,
) -> Result<NotificationPreferencesView, ApiError> {
    let u = super::users::get(conn, user_id).await?;
    let row = notification_preference::Entity::find_by_id(user_id).one(conn).await?;
    let modes = row
        .as_ref()
        .map(|r| crate::notify::parse_modes(&r.modes))
        .unwrap_or_default();
    Ok(NotificationPreferencesView {
        email: u.email,
        items: NotificationEvent::ALL
            .iter()
            .map(|e| NotificationPreference {
                event: *e,
                mode: modes.get(e).copied().unwrap_or_else(|| e.default_mode()),
                label_vi: e.label_vi().into(),
                label_en: e.label_en().into(),
                default_mode: e.default_mode(),
            })
            .collect(),
        digest_hour,
        version: row.map_or(1, |r| r.version),
    })
}

/// Saves the user's address and modes when `expected_version` is current.
pub async fn save_preferences(
    conn: &impl ConnectionTrait,
    user_id: i32,
    expected_version: i32,
    input: &NotificationPreferencesInput,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    use notification_preference::Column as C;
    let modes: BTreeMap<&str, &str> = NotificationEvent::ALL
        .iter()
        .map(|e| (e.as_str(), input.mode_of(*e).as_str()))
        .collect();
    let modes = serde_json::to_string(&modes).map_err(|e| ApiError::Unexpected(e.into()))?;
    let stale = || ApiError::PreconditionFailed { current_etag: None };
    match notification_preference::Entity::find_by_id(user_id).one(conn).await? {
        None if expected_version == 1 => {
            notification_preference::ActiveModel {
                user_id: Set(user_id),
                modes: Set(modes),
                version: Set(2),
                updated_at: Set(now),
            }
            .insert(conn)
            .await
            .map_err(|e| super::map_unique(e, stale))?;
        }
        None => return Err(stale()),
        Some(_) => {
            let res = notification_preference::Entity::update_many()
                .col_expr(C::Modes, Expr::value(modes))
                .col_expr(C::Version, Expr::value(expected_version + 1))
                .col_expr(C::UpdatedAt, Expr::value(now))
                .filter(C::UserId.eq(user_id))
                .filter(C::Version.eq(expected_version))
                .exec(conn)
                .await?;
            super::check_version_hit(res.rows_affected, None)?;
        }
    }
    user::Entity::update_many()
        .col_expr(user::Column::Email, Expr::value(input.email.clone()))
        .filter(user::Column::Id.eq(user_id))
        .exec(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// `webhook`, `email` or `digest`.
    pub channel: Option<String>,
    /// `pending`, `delivered` or `failed`.
    pub status: Option<String>,
    /// Page number, 1 to 1 000 000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 1000000)]
    pub page: Option<String>,
    /// Items per page, 1 to 200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    pub per_page: Option<String>,
}

fn choice(field: &str, value: &Option<String>, allowed: &[&str]) -> Result<Option<String>, ApiError> {
    match value.as_deref().filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) if allowed.contains(&s) => Ok(Some(s.to_owned())),
        Some(s) => Err(ApiError::field(
            field,
            "invalid_choice",
            format!("Giá trị lọc không hợp lệ: {}.", s.chars().take(40).collect::<String>()),
            format!("Invalid filter value: {}.", s.chars().take(40).collect::<String>()),
        )),
    }
}

/// The delivery log of every channel, newest first.
pub async fn outbox_log(conn: &impl ConnectionTrait, q: &OutboxQuery) -> Result<Page<OutboxJobView>, ApiError> {
    use outbox_job::Column as C;
    let paging = super::paging(&q.page, &q.per_page)?;
    let mut sel = outbox_job::Entity::find();
    if let Some(c) = choice("channel", &q.channel, &[WEBHOOK, EMAIL, DIGEST])? {
        sel = sel.filter(C::Channel.eq(c));
    }
    if let Some(s) = choice("status", &q.status, &[PENDING, DELIVERED, FAILED])? {
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
            .map(|d| OutboxJobView {
                id: d.id,
                channel: d.channel,
                event_type: d.event_type,
                recipient_user_id: d.recipient_user_id,
                recipient: d.recipient,
                subscription_id: d.subscription_id,
                status: d.status,
                attempts: d.attempts,
                next_attempt_at: d.next_attempt_at,
                last_status_code: d.last_status_code,
                last_error: d.last_error,
                created_at: d.created_at,
                delivered_at: d.delivered_at,
            })
            .collect(),
        total,
        page: paging.page(),
        per_page: paging.per_page(),
    })
}
