//! The audit log: one entry per write, in the same transaction as the write.

use ioc_domain::dto::{AuditEntryView, Page};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;

use crate::auth::AuthUser;
use crate::entities::audit_entry;
use crate::error::ApiError;

/// Who did it, for log entries (a user, or the system for demo loading and start-up jobs).
#[derive(Debug, Clone)]
pub struct Who {
    pub user_id: Option<i32>,
    pub username: String,
    pub request_id: String,
}

impl From<&AuthUser> for Who {
    fn from(u: &AuthUser) -> Self {
        Who {
            user_id: Some(u.actor.user_id),
            username: u.username.clone(),
            request_id: u.request_id.clone(),
        }
    }
}

impl Who {
    pub fn system(what: &str) -> Who {
        Who {
            user_id: None,
            username: "system".into(),
            request_id: what.into(),
        }
    }
}

/// What changed: entity name, id, project (for per-project trails), before and after.
pub struct Change<'a, B: Serialize, A: Serialize> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    pub project_id: Option<i32>,
    pub before: Option<&'a B>,
    pub after: Option<&'a A>,
}

impl<'a, A: Serialize> Change<'a, (), A> {
    /// A record that did not exist before.
    pub fn created(entity: &'a str, entity_id: impl ToString, project_id: Option<i32>, after: &'a A) -> Self {
        Change {
            action: "create",
            entity,
            entity_id: entity_id.to_string(),
            project_id,
            before: None,
            after: Some(after),
        }
    }
}

pub async fn record<B: Serialize, A: Serialize>(
    conn: &impl ConnectionTrait,
    who: &Who,
    change: Change<'_, B, A>,
) -> Result<(), ApiError> {
    let to_json = |v: Option<String>| v;
    audit_entry::ActiveModel {
        at: Set(super::now()),
        user_id: Set(who.user_id),
        username: Set(who.username.clone()),
        action: Set(change.action.to_owned()),
        entity: Set(change.entity.to_owned()),
        entity_id: Set(change.entity_id),
        project_id: Set(change.project_id),
        before_json: Set(to_json(
            change.before.map(|b| serde_json::to_string(b).unwrap_or_default()),
        )),
        after_json: Set(to_json(
            change.after.map(|a| serde_json::to_string(a).unwrap_or_default()),
        )),
        request_id: Set(who.request_id.clone()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Entity name, e.g. `project`, `progress_report`.
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub project_id: Option<i32>,
    pub user_id: Option<i32>,
    pub action: Option<String>,
    /// Page number, 1 to 1 000 000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 1000000)]
    pub page: Option<String>,
    /// Items per page, 1 to 200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    pub per_page: Option<String>,
}

pub async fn list(conn: &impl ConnectionTrait, q: &AuditQuery) -> Result<Page<AuditEntryView>, ApiError> {
    let paging = super::paging(&q.page, &q.per_page)?;
    let mut sel = audit_entry::Entity::find();
    if let Some(v) = super::query_text("entity", &q.entity, 100)? {
        sel = sel.filter(audit_entry::Column::Entity.eq(v));
    }
    if let Some(v) = super::query_text("entity_id", &q.entity_id, 100)? {
        sel = sel.filter(audit_entry::Column::EntityId.eq(v));
    }
    if let Some(v) = q.project_id {
        sel = sel.filter(audit_entry::Column::ProjectId.eq(v));
    }
    if let Some(v) = q.user_id {
        sel = sel.filter(audit_entry::Column::UserId.eq(v));
    }
    if let Some(v) = super::query_text("action", &q.action, 100)? {
        sel = sel.filter(audit_entry::Column::Action.eq(v));
    }
    let total = sel.clone().count(conn).await?;
    let rows = sel
        .order_by_desc(audit_entry::Column::Id)
        .paginate(conn, paging.per_page())
        .fetch_page(paging.page() - 1)
        .await?;
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    Ok(Page {
        items: rows
            .into_iter()
            .map(|r| AuditEntryView {
                id: r.id,
                at: r.at,
                user_id: r.user_id,
                username: r.username,
                action: r.action,
                entity: r.entity,
                entity_id: r.entity_id,
                project_id: r.project_id,
                before: parse(r.before_json),
                after: parse(r.after_json),
                request_id: r.request_id,
            })
            .collect(),
        total,
        page: paging.page(),
        per_page: paging.per_page(),
    })
}
