//! The one place every change of a task passes through to leave its history line
//! (`task_events`) and tell whoever it concerns (`notify::tasks`: inbox, e-mail, webhooks),
//! in the same transaction: nothing else records a task event.

use chrono::{DateTime, NaiveDate, Utc};
use ioc_domain::direction::{TaskEventKind, TaskState};
use ioc_domain::dto::TaskEventView;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::{task_event, user};
use crate::error::ApiError;

/// One change of one task.
#[derive(Debug, Clone)]
pub struct TaskEvent<'a> {
    pub task_id: i32,
    pub kind: TaskEventKind,
    pub from: Option<TaskState>,
    pub to: TaskState,
    pub note: &'a str,
    pub evidence: Option<&'a str>,
    /// The deadline asked for or granted, when the event is about the deadline.
    pub deadline: Option<NaiveDate>,
    pub actor_id: i32,
    pub at: DateTime<Utc>,
}

/// Records the event, and its notice, in the caller's transaction.
pub async fn record(conn: &impl ConnectionTrait, e: TaskEvent<'_>) -> Result<task_event::Model, ApiError> {
    let row = task_event::ActiveModel {
        task_id: Set(e.task_id),
        kind: Set(e.kind.as_str().into()),
        from_state: Set(e.from.map(|s| s.as_str().into())),
        to_state: Set(e.to.as_str().into()),
        note: Set(e.note.into()),
        evidence: Set(e.evidence.map(Into::into)),
        deadline: Set(e.deadline),
        actor_id: Set(e.actor_id),
        at: Set(e.at),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    crate::notify::tasks::task_event(conn, &row).await?;
    Ok(row)
}

/// A task's history, oldest first.
pub async fn list(conn: &impl ConnectionTrait, task_id: i32) -> Result<Vec<TaskEventView>, ApiError> {
    let rows = task_event::Entity::find()
        .filter(task_event::Column::TaskId.eq(task_id))
        .order_by_asc(task_event::Column::At)
        .order_by_asc(task_event::Column::Id)
        .all(conn)
        .await?;
    let users: std::collections::HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|r| r.actor_id).collect::<Vec<_>>()))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| TaskEventView {
            id: r.id,
            task_id: r.task_id,
            kind: TaskEventKind::parse(&r.kind).unwrap_or(TaskEventKind::Updated),
            from_state: r.from_state.as_deref().and_then(TaskState::parse),
            to_state: TaskState::parse(&r.to_state).unwrap_or(TaskState::Assigned),
            note: r.note,
            evidence: r.evidence,
            deadline: r.deadline,
            actor: super::views::user_ref(users.get(&r.actor_id), r.actor_id),
            at: r.at,
        })
        .collect())
}
