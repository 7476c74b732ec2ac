//! Notifications: ONE function, [`emit`], that every part of the server calls to tell
//! people something. It runs inside the caller's transaction and writes, for one notice:
//! the notice itself (once: its `dedupe_key` is unique, so a reminder emitted twice, by two
//! calls or two instances, exists once), an inbox row per recipient whose preference is not
//! `off`, an e-mail job per recipient who wants it at once and has an address, a digest
//! mark for those who want the daily digest, and a webhook delivery per subscriber of the
//! matching webhook event. Nothing is sent inside the request: the outbox worker does it.

pub mod digest;
pub mod events;
pub mod meetings;
pub mod tasks;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use ioc_domain::dto::WebhookEvent;
use ioc_domain::{DeliveryMode, NotificationEvent, Role};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entities::{notice, notification, notification_preference, outbox_job, user};
use crate::error::ApiError;
use crate::mail::{MailItem, MailPayload};
use crate::store::outbox::{new_job, EMAIL};

/// Who is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The active users of a unit.
    Unit(i32),
    User(i32),
    /// The active users of a role.
    Role(Role),
}

/// One thing to tell.
#[derive(Debug, Clone)]
pub struct Notice {
    pub event: NotificationEvent,
    pub audience: Vec<Audience>,
    pub title_vi: String,
    pub title_en: String,
    pub body_vi: String,
    pub body_en: String,
    /// Path in the web app (`/projects/12`).
    pub link: Option<String>,
    /// Identifies this notice: emitting the same key again does nothing.
    pub dedupe_key: String,
    /// JSON for webhook subscribers.
    pub payload: serde_json::Value,
}

/// What `emit` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Emitted {
    /// `None`: the notice had been emitted before.
    pub notice_id: Option<i32>,
    pub inbox_rows: usize,
    pub emails: usize,
}

fn bounded(s: &str, max: usize) -> String {
    s.chars().filter(|c| !c.is_control() || *c == '\n').take(max).collect()
}

/// The modes of these users, by user (defaults where they chose nothing).
pub async fn modes_of(
    conn: &impl ConnectionTrait,
    user_ids: &[i32],
) -> Result<HashMap<i32, HashMap<NotificationEvent, DeliveryMode>>, ApiError> {
    let rows = notification_preference::Entity::find()
        .filter(notification_preference::Column::UserId.is_in(user_ids.iter().copied()))
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|r| (r.user_id, parse_modes(&r.modes))).collect())
}

/// Stored modes (`{"task_overdue":"off"}`); unknown names are ignored.
pub fn parse_modes(json: &str) -> HashMap<NotificationEvent, DeliveryMode> {
    let raw: BTreeMap<String, String> = serde_json::from_str(json).unwrap_or_default();
    raw.iter()
        .filter_map(|(e, m)| Some((NotificationEvent::parse(e)?, DeliveryMode::parse(m)?)))
        .collect()
}

async fn recipients(conn: &impl ConnectionTrait, audience: &[Audience]) -> Result<Vec<user::Model>, ApiError> {
    use user::Column as C;
    let mut found = BTreeMap::new();
    for a in audience {
        let sel = user::Entity::find()
            .filter(C::Active.eq(true))
            .filter(C::Role.ne(Role::Integrator.as_str()));
        let sel = match *a {
            Audience::Unit(id) => sel.filter(C::UnitId.eq(id)),
            Audience::User(id) => sel.filter(C::Id.eq(id)),
            Audience::Role(r) => sel.filter(C::Role.eq(r.as_str())),
        };
        for u in sel.all(conn).await? {
            found.insert(u.id, u);
        }
    }
    Ok(found.into_values().collect())
}

/// Emits one notice in the caller's transaction (see the module documentation).
pub async fn emit(conn: &impl ConnectionTrait, now: DateTime<Utc>, n: Notice) -> Result<Emitted, ApiError> {
    let key = bounded(&n.dedupe_key, 200);
    let inserted = notice::Entity::insert(notice::ActiveModel {
        dedupe_key: Set(key.clone()),
        event: Set(n.event.as_str().into()),
        payload: Set(n.payload.to_string()),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(OnConflict::column(notice::Column::DedupeKey).do_nothing().to_owned())
    .exec_without_returning(conn)
    .await?;
    if inserted == 0 {
        return Ok(Emitted {
            notice_id: None,
            inbox_rows: 0,
            emails: 0,
        });
    }
    let notice_id = notice::Entity::find()
        .filter(notice::Column::DedupeKey.eq(&key))
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)?
        .id;
    let (title, title_en) = (bounded(&n.title_vi, 300), bounded(&n.title_en, 300));
    let (body, body_en) = (bounded(&n.body_vi, 4000), bounded(&n.body_en, 4000));
    let link = n.link.as_deref().map(|l| bounded(l, 500));
    let users = recipients(conn, &n.audience).await?;
    let ids: Vec<i32> = users.iter().map(|u| u.id).collect();
    let modes = modes_of(conn, &ids).await?;
    let mut inbox = Vec::new();
    let mut mails = Vec::new();
    for u in &users {
        let mode = modes
            .get(&u.id)
            .and_then(|m| m.get(&n.event).copied())
            .unwrap_or_else(|| n.event.default_mode());
        if !mode.in_app() {
            continue;
        }
        let email = u.email.clone().filter(|e| !e.is_empty());
        inbox.push(notification::ActiveModel {
            notice_id: Set(notice_id),
            user_id: Set(u.id),
            event: Set(n.event.as_str().into()),
            title: Set(title.clone()),
            body: Set(body.clone()),
            title_en: Set(title_en.clone()),
            body_en: Set(body_en.clone()),
            link: Set(link.clone()),
            created_at: Set(now),
            read_at: Set(None),
            digest_pending: Set(mode == DeliveryMode::Digest && email.is_some()),
            ..Default::default()
        });
        if let (DeliveryMode::Immediate, Some(to)) = (mode, email) {
            let payload = MailPayload {
                to: to.clone(),
                digest_date: None,
                items: vec![MailItem {
                    event: n.event,
                    title: title.clone(),
                    body: body.clone(),
                    link: link.clone(),
                    created_at: now,
                }],
            };
            let json = serde_json::to_string(&payload).map_err(|e| ApiError::Unexpected(e.into()))?;
            mails.push(outbox_job::ActiveModel {
                recipient_user_id: Set(Some(u.id)),
                recipient: Set(Some(to)),
                ..new_job(EMAIL, n.event.as_str(), json, now)
            });
        }
    }
    let emitted = Emitted {
        notice_id: Some(notice_id),
        inbox_rows: inbox.len(),
        emails: mails.len(),
    };
    if !inbox.is_empty() {
        notification::Entity::insert_many(inbox)
            .exec_without_returning(conn)
            .await?;
    }
    if !mails.is_empty() {
        outbox_job::Entity::insert_many(mails)
            .exec_without_returning(conn)
            .await?;
    }
    if let Some(event) = WebhookEvent::of_notification(n.event) {
        crate::store::webhooks::enqueue_notice(conn, event, &n.payload, now).await?;
    }
    Ok(emitted)
}
